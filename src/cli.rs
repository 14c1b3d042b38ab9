//! The command line. Exit status: 0 when nothing at the `--fail-on` level
//! (default: error) or above remains once suppressions and the baseline
//! are applied, 1 when something does, 2 for usage and I/O errors (clap's
//! own usage errors also exit 2).

use crate::baseline::Baseline;
use crate::config::{self, Config};
use crate::load::Options;
use crate::model::versions::Release;
use crate::render;
use crate::rules;
use crate::select::{self, FailOn, Level, Pattern};
use crate::source::Kind;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "hoplint",
    version,
    about = "Finds the causes of 502 Bad Gateway in nginx, php-fpm and Apache configs"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check config files and directories (a repo of configs, a copied /etc, or /).
    Check(Box<CheckArgs>),
    /// Print the page of a rule: what breaks, the error-log line, examples, the fix.
    Explain {
        /// The rule's id, e.g. `nginx-syntax`.
        id: String,
    },
    /// Serve the Language Server Protocol over stdio, for editors: the
    /// workspace's findings as you type, and navigation across layers.
    Lsp(crate::lsp::Args),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// About `hoplint.toml` itself.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the JSON Schema of `hoplint.toml`, for editors (taplo, Even
    /// Better TOML) to complete and validate it.
    Schema,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    /// One line a rule: code, default severity, category, summary.
    Text,
    /// The registry as JSON, for tools.
    Json,
    /// The README's rule table.
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Where the checked server's `/` is: absolute paths in configs and in
    /// symlinks are read below it. Detected when a scanned directory has
    /// `etc/nginx`, `etc/apache2` or `etc/php`.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Read the files named on the command line as configs of this server,
    /// whatever their names and contents suggest.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in human output: auto (when stdout is a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The config file (default: `hoplint.toml` in the first checked
    /// directory or the nearest one above it).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit 0 even when errors are found (an audit, a demo); usage and I/O
    /// errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// Ignore any `hoplint.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// A backend outside the checked configs (`127.0.0.1:8000`,
    /// `unix:/run/app.sock`): hops to it are checked against it. Repeatable.
    #[arg(long, value_name = "ADDR")]
    pub external: Vec<String>,
    /// How long a layer in front (a CDN, a load balancer) waits for the
    /// response: `100s`.
    #[arg(long, value_name = "DURATION", value_parser = duration_arg)]
    pub edge_timeout: Option<u64>,
    /// The machine's RAM: `4G`.
    #[arg(long, value_name = "SIZE", value_parser = size_arg)]
    pub ram: Option<u64>,
    /// Typical resident size of one PHP worker: `60M`.
    #[arg(long, value_name = "SIZE", value_parser = size_arg)]
    pub child_rss: Option<u64>,
    /// The largest response header the apps send: `16k`.
    #[arg(long, value_name = "SIZE", value_parser = size_arg)]
    pub max_response_header: Option<u64>,
    /// The nginx release the configs run on (`1.30.0`): nginx 1.29.7
    /// changed the upstream keepalive defaults. Read from the checked
    /// root's dpkg database when not given.
    #[arg(long, value_name = "RELEASE", value_parser = release_arg)]
    pub nginx_version: Option<Release>,
    /// The PHP release php-fpm runs (`8.3`): which keys `php-fpm -t`
    /// accepts. Read from the layout (`/etc/php/8.3/`, `/etc/php83/`)
    /// when not given.
    #[arg(long, value_name = "RELEASE", value_parser = release_arg)]
    pub php_version: Option<Release>,
    /// The rules that run: rule codes, categories or `all`, comma-separated
    /// (repeatable). Replaces `[rules] select` and `ignore` of hoplint.toml.
    #[arg(long, value_name = "RULES", value_parser = select::Pattern::parse, value_delimiter = ',')]
    pub select: Vec<Pattern>,
    /// Rules, categories or `all` that do not run, comma-separated
    /// (repeatable); added to `[rules] ignore`.
    #[arg(long, value_name = "RULES", value_parser = select::Pattern::parse, value_delimiter = ',')]
    pub ignore: Vec<Pattern>,
    /// The level of a rule's (or category's) findings: `CODE=off|info|warning|error`
    /// (repeatable); wins over `[rules.severity]`.
    #[arg(long, value_name = "CODE=LEVEL", value_parser = select::parse_assignment)]
    pub severity: Vec<(Pattern, Level)>,
    /// Exit 1 when a finding at or above this level remains (default: error,
    /// or `[rules] fail_on`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Take the findings recorded in this baseline out of the gate (they
    /// are still listed, marked, by json and sarif), and say which of its
    /// entries no longer occur.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings of this check in a baseline file (then exit 0
    /// unless something else fails).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn release_arg(s: &str) -> Result<Release, String> {
    Release::parse(s).ok_or_else(|| format!("`{s}` is not a release (`1.30.0`)"))
}

fn duration_arg(s: &str) -> Result<u64, String> {
    crate::values::nginx::parse_duration(s)
        .ok_or_else(|| format!("`{s}` is not a duration (`100s`, `2m`)"))
}

fn size_arg(s: &str) -> Result<u64, String> {
    crate::values::nginx::parse_size(s)
        .ok_or_else(|| format!("`{s}` is not a size (`16k`, `512M`, `4G`)"))
}

/// The config file, then the flags over it.
fn config_of(args: &CheckArgs, paths: &[PathBuf]) -> Result<Config, String> {
    let file = if args.no_config {
        None
    } else {
        args.config
            .clone()
            .or_else(|| paths.first().and_then(|p| Config::find(p)))
    };
    let mut c = match file {
        Some(f) => Config::read(&f)?,
        None => Config::default(),
    };
    c.external
        .extend(args.external.iter().map(|l| config::External {
            listen: l.clone(),
            name: None,
            keepalive_timeout: None,
        }));
    if let Some(t) = args.edge_timeout {
        c.edge = Some(config::Edge {
            name: "the edge".to_string(),
            timeout: t,
        });
    }
    c.host.ram = args.ram.or(c.host.ram);
    c.host.child_rss = args.child_rss.or(c.host.child_rss);
    c.max_response_header = args.max_response_header.or(c.max_response_header);
    c.nginx_version = args.nginx_version.or(c.nginx_version);
    c.php_version = args.php_version.or(c.php_version);
    if !args.select.is_empty() {
        c.rules.select = args.select.clone();
        c.rules.ignore.clear();
    }
    c.rules.ignore.extend(args.ignore.iter().copied());
    c.rules.severity.extend(args.severity.iter().copied());
    if let Some(f) = args.fail_on {
        c.rules.fail_on = f;
    }
    if args.exit_zero {
        c.rules.fail_on = FailOn::Never;
    }
    // A flag speaks for every server checked, so it wins over what a
    // `[[stack]]` declares for itself too.
    for st in &mut c.stacks {
        let own = &mut st.own;
        if args.edge_timeout.is_some() {
            own.edge = None;
        }
        if args.ram.is_some() {
            own.host.ram = None;
        }
        if args.child_rss.is_some() {
            own.host.child_rss = None;
        }
        if args.max_response_header.is_some() {
            own.max_response_header = None;
        }
        if args.nginx_version.is_some() {
            own.nginx_version = None;
        }
        if args.php_version.is_some() {
            own.php_version = None;
        }
    }
    Ok(c)
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Reports for people, with the lines of every file involved.
    Human,
    /// hoplint's own JSON (docs/hoplint-json.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the files.
    Github,
    /// GitLab's Code Quality report.
    Gitlab,
    /// Checkstyle XML, for Jenkins Warnings NG and others.
    Checkstyle,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Nginx,
    PhpFpm,
    Apache,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Nginx => Kind::Nginx,
            KindArg::PhpFpm => Kind::PhpFpm,
            KindArg::Apache => Kind::Apache,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Explain { id } => match rules::find(&id) {
            Some(r) => {
                print!("{}", r.meta.page);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("hoplint: no rule `{id}`; `hoplint rules` lists them");
                ExitCode::from(2)
            }
        },
        Command::Lsp(args) => crate::lsp::run(args),
        Command::Rules { format } => {
            print!("{}", render::rules::list(format));
            ExitCode::SUCCESS
        }
        Command::Config {
            command: ConfigCommand::Schema,
        } => {
            let schema = serde_json::to_string_pretty(&Config::schema()).expect("JSON");
            println!("{schema}");
            ExitCode::SUCCESS
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if let Some(root) = &args.root {
        if !root.is_dir() {
            eprintln!("hoplint: --root `{}` is not a directory", root.display());
            return ExitCode::from(2);
        }
    }
    let config = match config_of(&args, &paths) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("hoplint: {e}");
            return ExitCode::from(2);
        }
    };
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("hoplint: {e}");
            return ExitCode::from(2);
        }
    };
    let mut project = crate::check_with(
        &paths,
        &Options {
            root: args.root,
            display_base: None,
            kind: args.kind.map(Kind::from),
        },
        &config,
    );
    for f in &project.fatal {
        eprintln!("hoplint: {f}");
    }
    // Recorded before the old baseline is applied: a new baseline holds
    // every finding of today.
    let recorded = args
        .write_baseline
        .as_ref()
        .map(|_| crate::baseline::record(&project));
    if let (Some(b), Some(path)) = (&baseline, &args.baseline) {
        let stale = b.apply(&mut project);
        if !stale.is_empty() && recorded.is_none() {
            eprintln!(
                "hoplint: note: {} entr{} of the baseline `{}` no longer occur (fixed, or changed); `--write-baseline {}` drops them:",
                stale.len(),
                if stale.len() == 1 { "y" } else { "ies" },
                path.display(),
                path.display()
            );
            for e in &stale {
                eprintln!(
                    "  {} {}: {}",
                    e.code,
                    e.file.as_deref().unwrap_or("-"),
                    e.message
                );
            }
        }
    }
    if let (Some(path), Some(b)) = (&args.write_baseline, &recorded) {
        if let Err(e) = b.write(path) {
            eprintln!("hoplint: {e}");
            return ExitCode::from(2);
        }
        b.apply(&mut project);
        eprintln!(
            "hoplint: recorded {} finding{} in the baseline `{}`",
            b.findings.len(),
            if b.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
    }
    let out = match args.format {
        Format::Json => render::json::render(&project),
        Format::Sarif => render::sarif::render(
            &project,
            &config.rules,
            baseline.is_some() || recorded.is_some(),
        ),
        Format::Github => render::github::render(&project),
        Format::Gitlab => render::gitlab::render(&project),
        Format::Checkstyle => render::checkstyle::render(&project),
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let width = if color { 120 } else { 100 };
            render::human::render_all(&project, render::human::Style { color, width })
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, out.as_bytes()) {
                eprintln!("hoplint: cannot write `{}`: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        // A closed pipe (`| head`) is not an error worth a panic.
        None => {
            let _ = std::io::stdout().write_all(out.as_bytes());
        }
    }
    let fail_on = config.rules.fail_on;
    let code = if !project.fatal.is_empty() {
        ExitCode::from(2)
    } else if project
        .diagnostics
        .iter()
        .any(|d| fail_on.fails(d.severity))
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing millions of tree nodes one by one
    // took 9% of a 10,000-site check (perf), for memory the exit returns.
    std::mem::forget(project);
    code
}
