//! The catalogue of rules. Each rule has one page in `rules/<id>.md`,
//! which is its documentation, the text of `hoplint explain <id>`, and a
//! test (`tests/rule_pages.rs` runs its examples).

pub mod allowed_clients_excludes_front;
pub mod apache_backend_missing;
pub mod apache_proxy_module_missing;
pub mod backend_not_verified;
pub mod fpm_kills_before_php_limit;
pub mod header_buffer_too_small;
pub mod hostname_resolved_once;
pub mod keepalive_outlives_backend;
pub mod listen_backlog_overflow;
pub mod listener_collision;
pub mod nginx_buffers_invalid;
pub mod php_fpm_pool_invalid;
pub mod pool_memory_overcommit;
pub mod proxy_connect_timeout_capped;
pub mod proxy_gives_up_first;
pub mod proxypass_reverse_missing;
pub mod socket_permission_denied;
pub mod tcp_port_refused;
pub mod unix_socket_missing;
pub mod upstream_keepalive_unused;
pub mod upstream_unknown;
pub mod upstream_unused;
pub mod worker_rlimit_nofile_low;

pub struct RuleInfo {
    pub code: &'static str,
    pub page: &'static str,
}

impl RuleInfo {
    /// The page's `Severity:` line.
    pub fn severity(&self) -> &'static str {
        self.field("Severity")
    }

    /// The page's one-line summary: the first paragraph after the title.
    pub fn summary(&self) -> &'static str {
        self.page
            .lines()
            .skip(1)
            .find(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("- **"))
            .unwrap_or("")
    }

    /// A `- **Name**: value` line of the page's header.
    pub fn field(&self, name: &str) -> &'static str {
        let prefix = format!("- **{name}**: ");
        self.page
            .lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .map(|v| v.trim_matches('`'))
            .unwrap_or("")
    }
}

macro_rules! rule {
    ($code:literal) => {
        RuleInfo {
            code: $code,
            page: include_str!(concat!("../../rules/", $code, ".md")),
        }
    };
}

/// Every rule, sorted by id.
pub const CATALOGUE: &[RuleInfo] = &[
    rule!("allowed-clients-excludes-front"),
    rule!("apache-backend-missing"),
    rule!("apache-proxy-module-missing"),
    rule!("apache-syntax"),
    rule!("backend-not-verified"),
    rule!("fpm-kills-before-php-limit"),
    rule!("header-buffer-too-small"),
    rule!("hostname-resolved-once"),
    rule!("include-cycle"),
    rule!("include-depth"),
    rule!("include-missing"),
    rule!("keepalive-outlives-backend"),
    rule!("listen-backlog-overflow"),
    rule!("listener-collision"),
    rule!("nginx-buffers-invalid"),
    rule!("nginx-syntax"),
    rule!("not-utf8"),
    rule!("php-fpm-pool-invalid"),
    rule!("php-fpm-syntax"),
    rule!("pool-memory-overcommit"),
    rule!("proxy-connect-timeout-capped"),
    rule!("proxy-gives-up-first"),
    rule!("proxypass-reverse-missing"),
    rule!("socket-permission-denied"),
    rule!("tcp-port-refused"),
    rule!("unix-socket-missing"),
    rule!("unreadable-file"),
    rule!("upstream-keepalive-unused"),
    rule!("upstream-unknown"),
    rule!("upstream-unused"),
    rule!("worker-rlimit-nofile-low"),
];

pub fn find(code: &str) -> Option<&'static RuleInfo> {
    CATALOGUE.iter().find(|r| r.code == code)
}

use crate::config::Config;
use crate::load::Project;
use crate::model::versions::NginxRelease;

/// The declared nginx release, else the one the checked root has installed.
fn nginx_release(project: &Project, config: &Config) -> NginxRelease {
    use crate::model::versions::{Release, ReleaseSource};
    if let Some(r) = config.nginx_version {
        return NginxRelease {
            known: Some((r, ReleaseSource::Declared)),
        };
    }
    let installed = project.root.as_ref().and_then(|(root, _)| {
        let version = crate::load::packages::installed_nginx(root)?;
        let path = root.join(crate::load::packages::DPKG_STATUS);
        Some((
            Release::parse(&version)?,
            ReleaseSource::Installed(path.display().to_string()),
        ))
    });
    NginxRelease { known: installed }
}

/// Runs every cross-file rule over a loaded project. Syntax and input
/// diagnostics are produced while loading; the rules that compare layers
/// run here, on the stack model.
pub fn run(project: &mut Project, config: &Config) {
    let mut stack = crate::model::build(project);
    stack.declare(&config.external);
    stack.nginx_release = nginx_release(project, config);
    project
        .diagnostics
        .extend(unix_socket_missing::check(&stack));
    project.diagnostics.extend(tcp_port_refused::check(&stack));
    let enabled = project
        .root
        .as_ref()
        .and_then(|(r, _)| crate::load::services::Enabled::read(r));
    // Account files only from a scanned machine root, never this machine's.
    let accounts = project
        .root
        .as_ref()
        .map(|(r, _)| socket_permission_denied::Accounts::read(r))
        .unwrap_or_default();
    project
        .diagnostics
        .extend(socket_permission_denied::check(&stack, &accounts));
    project
        .diagnostics
        .extend(listener_collision::check(&stack, enabled.as_ref()));
    project
        .diagnostics
        .extend(apache_backend_missing::check(&stack));
    project
        .diagnostics
        .extend(allowed_clients_excludes_front::check(&stack));
    project
        .diagnostics
        .extend(apache_proxy_module_missing::check(&stack));
    project
        .diagnostics
        .extend(proxypass_reverse_missing::check(&stack));
    // Resolver files only from a scanned machine root, never this machine's.
    let resolver = project
        .root
        .as_ref()
        .map(|(r, _)| upstream_unknown::Resolver::read(r))
        .unwrap_or_default();
    let sight = upstream_unused::Sight::new(project, &stack.nginx);
    project
        .diagnostics
        .extend(upstream_unknown::check(&stack, &sight, &resolver));
    project
        .diagnostics
        .extend(upstream_unused::check(&stack, &sight));
    project
        .diagnostics
        .extend(hostname_resolved_once::check(&stack, &sight, &resolver));
    project
        .diagnostics
        .extend(proxy_gives_up_first::check(&stack, config.edge.as_ref()));
    project
        .diagnostics
        .extend(fpm_kills_before_php_limit::check(&stack));
    project
        .diagnostics
        .extend(proxy_connect_timeout_capped::check(&stack));
    project
        .diagnostics
        .extend(nginx_buffers_invalid::check(&stack));
    project.diagnostics.extend(header_buffer_too_small::check(
        &stack,
        config.max_response_header,
    ));
    project
        .diagnostics
        .extend(upstream_keepalive_unused::check(&stack));
    project
        .diagnostics
        .extend(keepalive_outlives_backend::check(&stack));
    let fpm_invalid = php_fpm_pool_invalid::check(&stack, project);
    project.diagnostics.extend(fpm_invalid);
    let ram = crate::model::capacity::host_ram(
        config.host.ram,
        project.root.as_ref().map(|(r, _)| r.as_path()),
    );
    project
        .diagnostics
        .extend(pool_memory_overcommit::check(&stack, &config.host, ram));
    project
        .diagnostics
        .extend(listen_backlog_overflow::check(&stack, &config.host));
    project
        .diagnostics
        .extend(worker_rlimit_nofile_low::check(&stack));
    // Last: it reports only the hops no other rule judged.
    let unverified = backend_not_verified::check(&stack, &project.diagnostics);
    project.diagnostics.extend(unverified);
    project.diagnostics.sort_by_key(|d| d.sort_key());
}
