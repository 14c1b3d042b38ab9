//! The command line. Exit status: 0 when nothing at error level was found,
//! 1 when something was, 2 for usage and I/O errors (clap's own usage
//! errors also exit 2).

use crate::config::{self, Config};
use crate::load::Options;
use crate::model::versions::Release;
use crate::render;
use crate::rules;
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
    Check(CheckArgs),
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
    }
    Ok(c)
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
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
        Command::Check(args) => check(args),
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
    let project = crate::check_with(
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
    let out = match args.format {
        Format::Json => render::json::render(&project),
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
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    if !project.fatal.is_empty() {
        ExitCode::from(2)
    } else if render::counts(&project).errors > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
