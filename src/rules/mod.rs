//! The rule registry. Every rule, the load phase's included, is one entry
//! of [`REGISTRY`]: its metadata as data ([`Meta`]: code, category,
//! default severity, summary, page) and, for a rule that compares layers,
//! its check. A rule is one file, `src/rules/<code>.rs`, with one page,
//! `rules/<code>.md`, which is its documentation, the text of
//! `hoplint explain <code>`, and a test (its examples are run).
//!
//! Rules read the stack model and the facts gathered while loading, never
//! files or syntax trees.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Meta};
use crate::load::host::HostFacts;
use crate::load::{codes, Project};
use crate::model::versions::{NginxRelease, Release, ReleaseSource};
use crate::model::{ListenIndex, Listener, Stack, Target, Touched};
use foldhash::HashSetExt;
use rayon::prelude::*;

/// Everything a check reads.
pub struct Context<'a> {
    pub stack: &'a Stack,
    /// What the checked machine says about itself.
    pub host: &'a HostFacts,
    /// What the user declared (`hoplint.toml`, flags).
    pub config: &'a Config,
    /// Every listener of the stack ([`Stack::listeners`]), and its index,
    /// and every address the nginx hops reach ([`Stack::targets`]): read
    /// by most rules, so found once for all of them (each rule finding
    /// them again was a tenth of a re-check).
    pub listeners: &'a [Listener<'a>],
    pub listen_index: &'a ListenIndex<'a>,
    pub targets: &'a [Target<'a>],
}

/// Calls `f` with the [`Context`] of a check of `stack`.
pub fn with_context<R>(
    stack: &Stack,
    host: &HostFacts,
    config: &Config,
    f: impl FnOnce(&Context) -> R,
) -> R {
    let listeners = stack.listeners();
    let listen_index = ListenIndex::new(&listeners);
    let targets = stack.targets();
    f(&Context {
        stack,
        host,
        config,
        listeners: &listeners,
        listen_index: &listen_index,
        targets: &targets,
    })
}

/// When a rule runs, and on what.
#[derive(Clone, Copy)]
pub enum Phase {
    /// Reported while reading files (syntax, includes, encodings), or
    /// from their comments (`hoplint: ignore`, `crate::suppress`).
    Load,
    /// Compares layers in the stack model.
    Stack(fn(&Context) -> Vec<Diagnostic>),
    /// Runs after every `Stack` rule and reads their findings (and the
    /// load phase's): a rule that reports what no other rule judged.
    Review(fn(&Context, &[Diagnostic]) -> Vec<Diagnostic>),
}

pub struct Rule {
    pub meta: Meta,
    pub phase: Phase,
    /// The parts of the model the check reads (besides the host and the
    /// config, which an edit in place never changes): after an edit that
    /// touched none of them, the language server keeps the rule's findings
    /// instead of running it. `tests/rules/reads.rs` checks each claim.
    pub reads: Touched,
}

impl Rule {
    const fn load(meta: Meta) -> Rule {
        Rule {
            meta,
            phase: Phase::Load,
            reads: Touched::ALL,
        }
    }

    /// A finding of this rule, at its default severity.
    pub fn diag(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.meta, message)
    }
}

/// Declares each rule's module and lists it in the registry: adding a
/// rule is one line here.
macro_rules! registry {
    (
        load: [$($load:ident),* $(,)?],
        suppress: [$($sup:ident),* $(,)?],
        stack: [$($rule:ident),* $(,)?] $(,)?
    ) => {
        $(pub mod $rule;)*

        /// Every rule: the load phase's first, then the suppressions'
        /// (found outside the model too, from the files' comments), then
        /// the rules that compare layers, each sorted by code.
        pub static REGISTRY: &[&Rule] = &[
            $(&Rule::load(codes::$load),)*
            $(&Rule::load(crate::suppress::$sup),)*
            $(&$rule::RULE,)*
        ];
    };
}

registry! {
    load: [
        APACHE_SYNTAX,
        INCLUDE_CYCLE,
        INCLUDE_DEPTH,
        INCLUDE_MISSING,
        NGINX_SYNTAX,
        NOT_UTF8,
        PHP_FPM_SYNTAX,
        UNREADABLE_FILE,
    ],
    suppress: [SUPPRESSION_INVALID, SUPPRESSION_UNUSED],
    stack: [
        allowed_clients_excludes_front,
        apache_backend_missing,
        apache_proxy_module_missing,
        backend_not_verified,
        fpm_kills_before_php_limit,
        header_buffer_too_small,
        hostname_resolved_once,
        keepalive_outlives_backend,
        listen_backlog_overflow,
        listener_collision,
        nginx_buffers_invalid,
        php_fpm_pool_invalid,
        pool_memory_overcommit,
        proxy_connect_timeout_capped,
        proxy_gives_up_first,
        proxypass_reverse_missing,
        socket_permission_denied,
        tcp_port_refused,
        unix_socket_missing,
        upstream_keepalive_unused,
        upstream_unknown,
        upstream_unused,
        worker_rlimit_nofile_low,
    ],
}

pub fn find(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.meta.code == code)
}

/// The declared nginx release, else the one the checked root has installed.
fn nginx_release(host: &HostFacts, config: &Config) -> NginxRelease {
    if let Some(r) = config.nginx_version {
        return NginxRelease {
            known: Some((r, ReleaseSource::Declared)),
        };
    }
    NginxRelease {
        known: host.nginx_package.as_ref().and_then(|p| {
            Some((
                Release::parse(&p.version)?,
                ReleaseSource::Installed(p.source.clone()),
            ))
        }),
    }
}

/// Builds the stack model of a loaded project and runs every rule of the
/// registry over it: the `Stack` rules, then the `Review` rules with what
/// the others found. The load phase's findings are already in the project.
pub fn run(project: &mut Project, config: &Config) {
    let stack = model_of(project, config);
    check(project, &stack, config);
}

/// The stack model the rules read: the project's, without the nginx
/// directives nginx refuses where they stand, with what the user declared.
/// [`run`] is this and [`check`]; the language server keeps the model
/// between the two, to navigate it.
pub fn model_of(project: &Project, config: &Config) -> Stack {
    model_cached(project, config, &mut ModelCache::default())
}

/// What a model lends the next one after an in-place edit: the nginx
/// directives refused in each file ([`not_allowed_here`]), found again only
/// in the files whose text or context changed.
#[derive(Default)]
pub struct ModelCache {
    misplaced: crate::parse::nginx_check::MisplacedCache,
}

/// [`model_of`], filling `cache` for [`model_after`].
pub fn model_cached(project: &Project, config: &Config, cache: &mut ModelCache) -> Stack {
    let release = nginx_release(&project.host, config);
    let (misplaced, skip) = not_allowed_here(
        project,
        release.known.as_ref().map(|(r, _)| *r),
        &mut cache.misplaced,
    );
    let mut stack = crate::model::build_without(project, &skip);
    stack.misplaced = misplaced;
    stack.declare(config.external.iter().map(|e| crate::model::Declared {
        name: e.name.clone().unwrap_or_else(|| e.listen.clone()),
        listen: e.listen.clone(),
        keepalive_timeout: e.keepalive_timeout,
    }));
    stack.nginx_release = release;
    stack
}

/// [`model_of`] after an in-place edit (every include as it was, the same
/// config) that touched only the parts of the model `touched` names (see
/// [`crate::model::Touched`]), reusing the rest of `stack`, the model before
/// it: an edit in a pool or an httpd file keeps the nginx side, the
/// largest, an edit in an nginx file the pools and vhosts. Returns what it
/// replaced, to be freed later.
pub fn model_after(
    project: &Project,
    stack: &mut Stack,
    touched: crate::model::Touched,
    edited: &[crate::source::FileId],
    cache: &mut ModelCache,
) -> Vec<Box<dyn Send>> {
    let mut skip = foldhash::HashSet::new();
    let mut old: Vec<Box<dyn Send>> = Vec::new();
    if touched.nginx {
        let release = stack.nginx_release.known.as_ref().map(|(r, _)| *r);
        let (misplaced, refused) = not_allowed_here(project, release, &mut cache.misplaced);
        old.push(Box::new(std::mem::replace(&mut stack.misplaced, misplaced)));
        skip = refused;
    }
    old.extend(crate::model::rebuild(
        project, stack, touched, edited, &skip,
    ));
    old
}

/// Runs every rule over `stack`, the model of `project`, and adds their
/// findings to the project's: first nginx's "not allowed here", found while
/// the model was built ([`model_of`]; `project` must hold the diagnostics it
/// held then).
pub fn check(project: &mut Project, stack: &Stack, config: &Config) {
    check_keeping(project, stack, config, &mut Kept::default(), Touched::ALL);
}

/// Every `Stack` rule's findings over `stack`, in the registry's order,
/// without the review rules or the load phase's: what an edit can change.
pub fn check_stack(stack: &Stack, host: &HostFacts, config: &Config) -> Vec<Diagnostic> {
    with_context(stack, host, config, |cx| {
        REGISTRY
            .iter()
            .filter_map(|r| match r.phase {
                Phase::Stack(check) => Some(check(cx)),
                _ => None,
            })
            .flatten()
            .collect()
    })
}

/// Each `Stack` rule's findings at the last check, by registry index: what
/// an edit that touched none of a rule's parts ([`Rule::reads`]) keeps.
#[derive(Default)]
pub struct Kept {
    found: Vec<Option<Vec<Diagnostic>>>,
}

/// [`check`] after an edit in place that touched the parts `touched`
/// names (see [`model_after`]), over the same config: a rule that reads
/// none of them gives the findings `kept` holds from the last check
/// instead of running again. `kept` is filled for the next.
pub fn check_keeping(
    project: &mut Project,
    stack: &Stack,
    config: &Config,
    kept: &mut Kept,
    touched: Touched,
) {
    // The fields apart: the rules read the host while the findings grow.
    let (host, diagnostics) = (&project.host, &mut project.diagnostics);
    diagnostics.extend(stack.misplaced.iter().cloned());
    with_context(stack, host, config, |cx| {
        // A rule that is off need not run, unless the review rules read what
        // it judged.
        let runs = |r: &Rule| config.rules.enabled(&r.meta) || r.meta.judges_backend;
        kept.found.resize_with(REGISTRY.len(), || None);
        // Rules read the model and never each other's findings: they run side
        // by side, and their findings are kept in the registry's order.
        kept.found
            .par_iter_mut()
            .zip(REGISTRY.par_iter())
            .for_each(|(slot, rule)| {
                let Phase::Stack(check) = rule.phase else {
                    return;
                };
                if !runs(rule) {
                    *slot = None;
                } else if slot.is_none() || rule.reads.meets(touched) {
                    *slot = Some(check(cx));
                }
            });
        diagnostics.extend(kept.found.iter().flatten().flatten().cloned());
        // The review rules read every finding so far, in place (a copy of
        // thousands of findings cost more than most rules).
        let mut reviewed: Vec<Diagnostic> = Vec::new();
        for rule in REGISTRY.iter().filter(|r| runs(r)) {
            if let Phase::Review(check) = rule.phase {
                reviewed.extend(check(cx, diagnostics));
            }
        }
        diagnostics.extend(reviewed);
    });
    diagnostics.sort_by_key(|d| d.sort_key());
}

/// nginx's `"…" directive is not allowed here`, in every nginx file whose
/// context is certain, by the release in use; and the directives refused,
/// which the model then leaves out (a `proxy_pass` nginx refuses is no
/// hop). Reported with the load phase's syntax findings, as nginx reports
/// it while reading its configuration.
fn not_allowed_here(
    project: &Project,
    release: Option<Release>,
    cache: &mut crate::parse::nginx_check::MisplacedCache,
) -> (Vec<Diagnostic>, foldhash::HashSet<crate::model::Span>) {
    let mut out = Vec::new();
    let mut skip = foldhash::HashSet::new();
    let found = crate::parse::nginx_check::misplaced_in_cached(
        &project.files,
        &project.trees,
        release,
        cache,
    );
    // The lines the parser or the argument check already flagged, found
    // once (not once per misplaced directive: a hostile file can hold
    // hundreds of thousands of both).
    let flagged: foldhash::HashSet<(crate::source::FileId, usize)> = if found.is_empty() {
        foldhash::HashSet::new()
    } else {
        project
            .diagnostics
            .iter()
            .filter(|d| d.category() == crate::diagnostic::Category::Syntax)
            .filter_map(|d| d.primary.as_ref())
            .filter_map(|l| {
                let file = project.files.get(l.file.0 as usize)?;
                Some((l.file, file.line_col(l.range.start).0))
            })
            .collect()
    };
    let mut per_file: foldhash::HashMap<
        crate::source::FileId,
        (usize, usize, crate::span::TextRange),
    > = foldhash::HashMap::default();
    for (i, m) in found {
        let file = &project.files[i];
        skip.insert(crate::model::Span {
            file: file.id,
            range: m.range,
        });
        // A line the parser or the argument check already flagged is not
        // reported twice.
        if flagged.contains(&(file.id, file.line_col(m.at.start).0)) {
            continue;
        }
        // nginx stops at the first; past as many as a file's syntax errors
        // are shown, the rest is counted (a hostile main config can hold a
        // million misplaced directives).
        let (shown, more, first_more) = per_file.entry(file.id).or_insert((0, 0, m.at));
        if *shown >= crate::load::MAX_SYNTAX_FINDINGS_PER_FILE {
            if *more == 0 {
                *first_more = m.at;
            }
            *more += 1;
            continue;
        }
        *shown += 1;
        let name = &m.name;
        let mut diag = Diagnostic::new(
            &codes::NGINX_SYNTAX,
            format!(
                "`{name}` is not allowed {}: nginx refuses to start (`\"{name}\" directive is not allowed here`)",
                m.ctx.place()
            ),
        )
        .at(file.id, m.at, "nginx stops here")
        .also(file.id, m.name_at, format!("`{name}` directive"));
        if let (true, crate::source::Reach::Included { from, at }) = (m.top_level, &file.reach) {
            diag = diag.also(
                *from,
                *at,
                format!("this include reads the file {}", m.ctx.place()),
            );
        }
        out.push(diag.help(format!(
            "`{name}` may stand only {}: move it there, or remove it",
            places(&m.allowed)
        )));
    }
    let mut hidden: Vec<_> = per_file
        .into_iter()
        .filter(|(_, (_, more, _))| *more > 0)
        .collect();
    hidden.sort_by_key(|(file, _)| *file);
    for (file, (_, more, at)) in hidden {
        out.push(
            Diagnostic::new(
                &codes::NGINX_SYNTAX,
                format!("{more} more directives nginx does not allow where they stand are not shown in this file"),
            )
            .at(file, crate::span::TextRange::new(at.start as usize, at.start as usize), "the first not shown")
            .help("fix the errors above first: nginx stops at the first one"),
        );
    }
    (out, skip)
}

/// "in `location`, `if` in `location` or `limit_except`"; "at the main
/// level or in `http`".
fn places(allowed: &[&str]) -> String {
    let (lead, rest) = match allowed.split_first() {
        Some((first, rest)) if first.starts_with("at ") && !rest.is_empty() => {
            (format!("{first} or in "), rest)
        }
        Some((first, _)) if first.starts_with("at ") => return first.to_string(),
        _ => ("in ".to_string(), allowed),
    };
    let words: Vec<&str> = rest
        .iter()
        .map(|p| p.strip_prefix("in ").unwrap_or(p))
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => format!("{lead}{one}"),
        [init @ .., last] => format!("{lead}{} or {last}", init.join(", ")),
    }
}
