//! Which rules run, and at what level: `[rules]` in `hoplint.toml` and the
//! flags over it (`--select`, `--ignore`, `--severity`, `--fail-on`).
//!
//! A rule is named by its code everywhere; a category (`connectivity`,
//! `timeout`, …) names every rule of it, and `all` every rule. Selection is
//! applied to the findings after the rules ran, so no rule knows about it:
//! a finding of a rule that is off is dropped, and a finding of a rule with
//! a configured level gets it through [`Diagnostic::with_severity`].

use crate::diagnostic::{Category, Diagnostic, Meta, Severity};
use crate::rules::REGISTRY;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Every category, in the order `hoplint rules` groups them.
pub const CATEGORIES: &[Category] = &[
    Category::Connectivity,
    Category::Timeout,
    Category::Keepalive,
    Category::Buffer,
    Category::Capacity,
    Category::Syntax,
    Category::Input,
];

/// A rule code, a category or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    All,
    Category(Category),
    Rule(&'static Meta),
}

impl Pattern {
    pub fn parse(s: &str) -> Result<Pattern, String> {
        let s = s.trim();
        if s == "all" {
            return Ok(Pattern::All);
        }
        if let Some(c) = CATEGORIES.iter().find(|c| c.as_str() == s) {
            return Ok(Pattern::Category(*c));
        }
        match REGISTRY.iter().find(|r| r.meta.code == s) {
            Some(r) => Ok(Pattern::Rule(&r.meta)),
            None => Err(format!(
                "unknown rule `{s}`: not a rule code, a category ({}) or `all`; `hoplint rules` lists the codes",
                CATEGORIES
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Pattern::All => "all",
            Pattern::Category(c) => c.as_str(),
            Pattern::Rule(m) => m.code,
        }
    }

    pub fn matches(&self, rule: &Meta) -> bool {
        match self {
            Pattern::All => true,
            Pattern::Category(c) => rule.category == *c,
            Pattern::Rule(m) => m.code == rule.code,
        }
    }

    /// A rule's own entry wins over its category's, which wins over `all`.
    fn specificity(&self) -> u8 {
        match self {
            Pattern::All => 0,
            Pattern::Category(_) => 1,
            Pattern::Rule(_) => 2,
        }
    }

    /// Every name a pattern may take, for the JSON Schema.
    fn names() -> Vec<&'static str> {
        let mut v = vec!["all"];
        v.extend(CATEGORIES.iter().map(|c| c.as_str()));
        v.extend(REGISTRY.iter().map(|r| r.meta.code));
        v
    }
}

impl PartialOrd for Pattern {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pattern {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Pattern::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Pattern {
    fn schema_name() -> Cow<'static, str> {
        "RuleOrGroup".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schema(serde_json::json!({
            "description": "A rule code (`hoplint rules` lists them), a category (connectivity, timeout, keepalive, buffer, capacity, syntax, input) or `all`.",
            "type": "string",
            "enum": Pattern::names(),
        }))
    }
}

fn schema(v: serde_json::Value) -> Schema {
    Schema::try_from(v).expect("a JSON object")
}

/// The level of a rule's findings; `off` turns the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn parse(s: &str) -> Result<Level, String> {
        match s {
            "off" => Ok(Level::Off),
            "info" => Ok(Level::Info),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(format!("`{s}` is not a level (off, info, warning, error)")),
        }
    }

    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// From which level a remaining finding fails the check (exit status 1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    /// Never: exit 0 whatever is found (`--exit-zero`).
    Never,
}

impl FailOn {
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// `[rules.severity]`: a level per rule code, category or `all`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct SeverityTable(pub BTreeMap<Pattern, Level>);

impl JsonSchema for SeverityTable {
    fn schema_name() -> Cow<'static, str> {
        "SeverityTable".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = serde_json::to_value(generator.subschema_for::<Level>()).expect("a schema");
        let properties: serde_json::Map<String, serde_json::Value> = Pattern::names()
            .into_iter()
            .map(|n| (n.to_string(), level.clone()))
            .collect();
        schema(serde_json::json!({
            "description": "The level of a rule's findings (`off` turns the rule off), by rule code, category or `all`; a rule's own entry wins over its category's, which wins over `all`.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        }))
    }
}

/// Options of single rules, each under the rule's code
/// (`[rules.options.<code>]`). No rule takes any yet: a rule that does adds
/// a field here, named by its code, with a struct of its options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {}

/// `[rules]` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// The rules that run: rule codes, categories or `all` (the default).
    pub select: Option<Vec<Pattern>>,
    /// Rules, categories or `all` that do not run, even when selected.
    pub ignore: Option<Vec<Pattern>>,
    /// The level of a rule's findings, by rule code, category or `all`:
    /// `off`, `info`, `warning` or `error`.
    #[serde(default)]
    pub severity: SeverityTable,
    /// Whether an inline suppression (`# hoplint: ignore[code] -- reason`)
    /// must give its reason after `--`; one without is reported as
    /// `suppression-invalid`. Default false.
    pub require_reason: Option<bool>,
    /// From which level a remaining finding makes `hoplint check` exit 1:
    /// `error` (the default), `warning`, `info` or `never`.
    pub fail_on: Option<FailOn>,
    /// Options of single rules, under the rule's code. No rule has any yet.
    #[serde(default)]
    pub options: RuleOptions,
}

/// What `[rules]` and the flags decide, with the defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub select: Vec<Pattern>,
    pub ignore: Vec<Pattern>,
    /// Later entries win over earlier ones of the same specificity (the
    /// flags come after the file).
    pub severity: Vec<(Pattern, Level)>,
    pub require_reason: bool,
    pub fail_on: FailOn,
    pub options: RuleOptions,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            select: vec![Pattern::All],
            ignore: Vec::new(),
            severity: Vec::new(),
            require_reason: false,
            fail_on: FailOn::Error,
            options: RuleOptions::default(),
        }
    }
}

impl From<RulesFile> for Rules {
    fn from(f: RulesFile) -> Rules {
        let d = Rules::default();
        Rules {
            select: f.select.unwrap_or(d.select),
            ignore: f.ignore.unwrap_or(d.ignore),
            severity: f.severity.0.into_iter().collect(),
            require_reason: f.require_reason.unwrap_or(d.require_reason),
            fail_on: f.fail_on.unwrap_or(d.fail_on),
            options: f.options,
        }
    }
}

/// A comma-separated list of patterns (`--select timeout,unix-socket-missing`).
pub fn parse_list(s: &str) -> Result<Vec<Pattern>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(Pattern::parse)
        .collect()
}

/// `CODE=LEVEL` (`--severity upstream-unused=off`).
pub fn parse_assignment(s: &str) -> Result<(Pattern, Level), String> {
    let (p, l) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not CODE=LEVEL (`upstream-unused=off`)"))?;
    Ok((Pattern::parse(p)?, Level::parse(l.trim())?))
}

impl Rules {
    /// Whether the rule runs at all.
    pub fn enabled(&self, rule: &Meta) -> bool {
        self.select.iter().any(|p| p.matches(rule))
            && !self.ignore.iter().any(|p| p.matches(rule))
            && self.configured(rule) != Some(Level::Off)
    }

    /// The level configured for the rule, the most specific entry winning.
    pub fn configured(&self, rule: &Meta) -> Option<Level> {
        let mut best: Option<(u8, Level)> = None;
        for (p, l) in &self.severity {
            if p.matches(rule) && best.is_none_or(|(s, _)| p.specificity() >= s) {
                best = Some((p.specificity(), *l));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The findings of the rules that are on, at their configured levels.
    pub fn apply(&self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        found
            .into_iter()
            .filter(|d| self.enabled(d.rule))
            .map(
                |d| match self.configured(d.rule).and_then(Level::severity) {
                    Some(s) => d.with_severity(s),
                    None => d,
                },
            )
            .collect()
    }

    /// The level a rule's findings are reported at by default, given the
    /// configuration: `None` when the rule is off.
    pub fn level_of(&self, rule: &Meta) -> Option<Severity> {
        if !self.enabled(rule) {
            return None;
        }
        Some(
            self.configured(rule)
                .and_then(Level::severity)
                .unwrap_or(rule.severity),
        )
    }
}
