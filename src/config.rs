//! What the configs cannot say and the user can: backends that hoplint
//! cannot read (an app server, a remote host), a layer in front of the
//! scanned servers (a CDN's timeout), the largest response header the
//! apps send, and the machine's RAM. Read from `hoplint.toml` and from
//! command-line flags, which win.

use crate::values::nginx::{parse_duration, parse_size};
use crate::values::release::Release;
use schemars::JsonSchema;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name hoplint looks for, from the first checked path upwards.
pub const FILE_NAME: &str = "hoplint.toml";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where it was read from, if from a file.
    pub path: Option<PathBuf>,
    pub external: Vec<External>,
    pub edge: Option<Edge>,
    /// The largest response header (status line and headers) an app sends.
    pub max_response_header: Option<u64>,
    pub host: Host,
    /// The nginx release the configs run on (`[versions] nginx`).
    pub nginx_version: Option<Release>,
    /// The PHP release php-fpm runs (`[versions] php`): its keys and
    /// checks differ by release.
    pub php_version: Option<Release>,
    /// Parts of the checked tree that are separate servers, checked each
    /// on its own (`[[stack]]`).
    pub stacks: Vec<StackDecl>,
    /// Which rules run and at what level (`[rules]`, `--select`, …).
    pub rules: crate::select::Rules,
}

/// One server's configs within a larger tree (a repository holding
/// several hosts): hops are matched only within it.
#[derive(Debug, Clone, PartialEq)]
pub struct StackDecl {
    pub name: String,
    /// Relative ones are read from the directory of `hoplint.toml`.
    pub paths: Vec<PathBuf>,
    /// The stack's `/`, for absolute paths in its configs; detected as
    /// usual when not given.
    pub root: Option<PathBuf>,
    /// What this server declares for itself (`[stack.host]`, …; never
    /// `path` or `stacks`): each value given replaces the file's own for
    /// this stack; `external` adds to it.
    pub own: Config,
}

/// A backend outside the scanned configs, declared so that hops to it are
/// checked (a typo in its port is caught) instead of "not verified".
#[derive(Debug, Clone, PartialEq)]
pub struct External {
    /// `127.0.0.1:8000`, `[::1]:8000`, `app.internal:8080`, `unix:/run/app.sock`.
    pub listen: String,
    pub name: Option<String>,
    /// How long it keeps an idle client connection open, in milliseconds.
    pub keepalive_timeout: Option<u64>,
}

/// A layer in front of the scanned servers: a CDN or load balancer.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub name: String,
    /// How long it waits for the origin's response, in milliseconds.
    pub timeout: u64,
}

/// The machine the stack runs on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Host {
    /// RAM in bytes.
    pub ram: Option<u64>,
    /// Typical resident size of one PHP worker, in bytes.
    pub child_rss: Option<u64>,
    /// `net.core.somaxconn`: the kernel's cap on every listen backlog.
    pub somaxconn: Option<u64>,
}

/// The file as written: strings for sizes and durations, so that a user
/// writes `"100s"` and `"4G"` as in the servers' own configs. The doc
/// comments of these types are the descriptions of `hoplint config schema`,
/// which editors show.
#[derive(Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "hoplint.toml",
    description = "What nginx, php-fpm and Apache configs cannot say, and which hoplint rules run: https://github.com/hoplint/hoplint#what-the-configs-cannot-say-hoplinttoml"
)]
struct File {
    /// A backend hoplint cannot read (repeatable; --external ADDR).
    #[serde(default)]
    external: Vec<ExternalFile>,
    /// A CDN or load balancer in front of the checked servers.
    edge: Option<EdgeFile>,
    /// What the applications send.
    app: Option<AppFile>,
    /// The machine the stack runs on.
    host: Option<HostFile>,
    /// The releases the configs run on.
    versions: Option<VersionsFile>,
    /// One server of several in the tree, checked on its own (repeatable).
    #[serde(default)]
    stack: Vec<StackFile>,
    /// Which rules run, at what level, and what fails the check.
    rules: Option<crate::select::RulesFile>,
}

/// `[[stack]]`: its place in the tree, and the same declarations as the
/// file's top level, for this server alone. The fields are repeated, not
/// `#[serde(flatten)]`ed: serde cannot refuse unknown keys through a
/// flattened struct, and a typo must not pass silently.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StackFile {
    /// The server's name, shown in the output.
    name: String,
    /// Its configs, relative to this file.
    paths: Vec<String>,
    /// Its `/`, relative to this file; detected when a path looks like one.
    root: Option<String>,
    /// Backends of this server, added to the file's.
    #[serde(default)]
    external: Vec<ExternalFile>,
    /// Replaces the file's `[edge]` for this server.
    edge: Option<EdgeFile>,
    /// Replaces the file's `[app]` for this server.
    app: Option<AppFile>,
    /// Replaces the file's `[host]` for this server.
    host: Option<HostFile>,
    /// Replaces the file's `[versions]` for this server.
    versions: Option<VersionsFile>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct VersionsFile {
    /// The nginx release (`1.30.0`; --nginx-version); read from
    /// var/lib/dpkg/status under a checked root when not given.
    nginx: Option<String>,
    /// The PHP release php-fpm runs (`8.3`; --php-version); read from
    /// the layout (`/etc/php/8.3/`, `/etc/php83/`) when not given.
    php: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExternalFile {
    /// `127.0.0.1:8000`, `[::1]:8000`, `app.internal:8080` or `unix:/run/app.sock`.
    listen: String,
    /// Its name in the output.
    name: Option<String>,
    /// How long it keeps an idle connection open (`2s`).
    keepalive_timeout: Option<Value>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EdgeFile {
    /// Its name in the output (`Cloudflare`).
    name: Option<String>,
    /// How long it waits for the response (`100s`; --edge-timeout).
    timeout: Value,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AppFile {
    /// The largest response header the apps send (`16k`; --max-response-header).
    max_response_header: Option<Value>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct HostFile {
    /// The machine's RAM (`4G`; --ram); read from /proc/meminfo when checking `/`.
    ram: Option<Value>,
    /// The typical resident size of one PHP worker (`60M`; --child-rss).
    child_rss: Option<Value>,
    /// The kernel's cap on listen backlogs (net.core.somaxconn).
    somaxconn: Option<u64>,
}

/// `"100s"` or `100`.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum Value {
    Text(String),
    Number(u64),
}

impl Value {
    fn duration(&self, key: &str) -> Result<u64, String> {
        match self {
            Value::Number(n) => Ok(n * 1000),
            Value::Text(t) => parse_duration(t).ok_or_else(|| {
                format!("`{key}`: `{t}` is not a duration (write it as `100s`, `2m`, `500ms`)")
            }),
        }
    }

    fn size(&self, key: &str) -> Result<u64, String> {
        match self {
            Value::Number(n) => Ok(*n),
            Value::Text(t) => parse_size(t).ok_or_else(|| {
                format!("`{key}`: `{t}` is not a size (write it as `16k`, `512M`, `4G`)")
            }),
        }
    }
}

impl Config {
    /// Reads `path`. Errors are one line for the user, naming the file.
    pub fn read(path: &Path) -> Result<Config, String> {
        // Found in the checked tree: a regular file of sane size, never a
        // FIFO that would block or a device that never ends.
        let bytes = crate::load::fs::read_user_file(path, 1 << 20)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("cannot read `{}`: not UTF-8", path.display()))?;
        Config::parse(&text)
            .map(|mut c| {
                let base = path.parent().unwrap_or(Path::new("."));
                for st in &mut c.stacks {
                    for p in st.paths.iter_mut().chain(st.root.iter_mut()) {
                        *p = base.join(&*p);
                    }
                }
                c.path = Some(path.to_path_buf());
                c
            })
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let file: File = toml::from_str(text).map_err(|e| match e.span() {
            Some(at) => format!(
                "line {}: {}",
                text[..at.start.min(text.len())].matches('\n').count() + 1,
                e.message()
            ),
            None => e.message().to_string(),
        })?;
        let mut config = declared(
            "",
            file.external,
            file.edge,
            file.app,
            file.host,
            file.versions,
        )?;
        config.rules = file.rules.map(Into::into).unwrap_or_default();
        for st in file.stack {
            if st.paths.is_empty() {
                return Err(format!("`stack` `{}`: `paths` is empty", st.name));
            }
            let own = declared(
                &format!("stack `{}`: ", st.name),
                st.external,
                st.edge,
                st.app,
                st.host,
                st.versions,
            )?;
            config.stacks.push(StackDecl {
                name: st.name,
                paths: st.paths.iter().map(PathBuf::from).collect(),
                root: st.root.map(PathBuf::from),
                own,
            });
        }
        Ok(config)
    }

    /// What one declared stack is checked with: the file's declarations
    /// with the stack's own over them.
    pub fn for_stack(&self, stack: &StackDecl) -> Config {
        let own = &stack.own;
        let mut c = Config {
            stacks: Vec::new(),
            ..self.clone()
        };
        c.external.extend(own.external.iter().cloned());
        if own.edge.is_some() {
            c.edge.clone_from(&own.edge);
        }
        c.max_response_header = own.max_response_header.or(c.max_response_header);
        c.host.ram = own.host.ram.or(c.host.ram);
        c.host.child_rss = own.host.child_rss.or(c.host.child_rss);
        c.host.somaxconn = own.host.somaxconn.or(c.host.somaxconn);
        c.nginx_version = own.nginx_version.or(c.nginx_version);
        c.php_version = own.php_version.or(c.php_version);
        c
    }

    /// The JSON Schema of `hoplint.toml` (`hoplint config schema`), made
    /// from the types the file is read with, so that it cannot drift.
    pub fn schema() -> serde_json::Value {
        let schema = schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<File>();
        serde_json::to_value(schema).expect("a schema is JSON")
    }

    /// The `hoplint.toml` in `start` or the nearest directory above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }
}

/// The declarations of the file's top level or of one `[[stack]]`;
/// `at` starts each error message (`stack `web1`: `).
fn declared(
    at: &str,
    external: Vec<ExternalFile>,
    edge: Option<EdgeFile>,
    app: Option<AppFile>,
    host: Option<HostFile>,
    versions: Option<VersionsFile>,
) -> Result<Config, String> {
    let mut d = Config::default();
    let err = |e: String| format!("{at}{e}");
    for e in external {
        d.external.push(External {
            listen: e.listen,
            name: e.name,
            keepalive_timeout: e
                .keepalive_timeout
                .map(|v| v.duration("external.keepalive_timeout"))
                .transpose()
                .map_err(err)?,
        });
    }
    if let Some(e) = edge {
        d.edge = Some(Edge {
            name: e.name.unwrap_or_else(|| "the edge".to_string()),
            timeout: e.timeout.duration("edge.timeout").map_err(err)?,
        });
    }
    if let Some(app) = app {
        d.max_response_header = app
            .max_response_header
            .map(|v| v.size("app.max_response_header"))
            .transpose()
            .map_err(err)?;
    }
    if let Some(h) = host {
        d.host = Host {
            ram: h.ram.map(|v| v.size("host.ram")).transpose().map_err(err)?,
            child_rss: h
                .child_rss
                .map(|v| v.size("host.child_rss"))
                .transpose()
                .map_err(err)?,
            somaxconn: h.somaxconn,
        };
    }
    let (nginx, php) = versions.map_or((None, None), |v| (v.nginx, v.php));
    if let Some(v) = php {
        d.php_version = Some(Release::parse(&v).ok_or_else(|| {
            err(format!(
                "`versions.php`: `{v}` is not a release (write it as `8.3`)"
            ))
        })?);
    }
    if let Some(v) = nginx {
        d.nginx_version = Some(Release::parse(&v).ok_or_else(|| {
            err(format!(
                "`versions.nginx`: `{v}` is not a release (write it as `1.30.0`)"
            ))
        })?);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_read_with_its_units_and_typos_are_refused() {
        let c = Config::parse(
            "[[external]]\nlisten = \"127.0.0.1:8000\"\nname = \"gunicorn\"\nkeepalive_timeout = \"2s\"\n\n[edge]\nname = \"Cloudflare\"\ntimeout = \"100s\"\n\n[app]\nmax_response_header = \"16k\"\n\n[host]\nram = \"4G\"\nchild_rss = \"60M\"\nsomaxconn = 4096\n",
        )
        .unwrap();
        assert_eq!(c.external[0].listen, "127.0.0.1:8000");
        assert_eq!(c.external[0].keepalive_timeout, Some(2000));
        assert_eq!(c.edge.as_ref().unwrap().timeout, 100_000);
        assert_eq!(c.max_response_header, Some(16384));
        assert_eq!(c.host.ram, Some(4 << 30));
        assert_eq!(c.host.child_rss, Some(60 << 20));
        assert_eq!(c.host.somaxconn, Some(4096));
        let c = Config::parse("[versions]\nnginx = \"1.30.0\"\n").unwrap();
        assert_eq!(c.nginx_version, Some(Release(1, 30, 0)));
        let err = Config::parse("[versions]\nnginx = \"mainline\"\n").unwrap_err();
        assert!(err.contains("versions.nginx"), "{err}");
        let c = Config::parse("[versions]\nphp = \"8.3\"\n").unwrap();
        assert_eq!(c.php_version, Some(Release(8, 3, 0)));
        let err = Config::parse("[versions]\nphp = \"8\"\n").unwrap_err();
        assert!(err.contains("versions.php"), "{err}");
        let err = Config::parse("[host]\nrma = \"4G\"\n").unwrap_err();
        assert!(err.contains("rma"), "{err}");
        let err = Config::parse("[edge]\ntimeout = \"soon\"\n").unwrap_err();
        assert!(err.contains("edge.timeout"), "{err}");
    }
}
