//! The stack model and the cross-layer rules, on small trees checked in
//! process: one test binary, one module per subject.

#[path = "../common/mod.rs"]
mod common;

mod allowed_clients_excludes_front;
mod apache_backend_missing;
mod apache_proxy_module_missing;
mod backend_not_verified;
mod buffer_keepalive_rules;
mod capacity_rules;
mod distro_layout_language;
mod distro_near_ports;
mod distro_php_defaults;
mod distro_php_fpm_t;
mod distro_php_socket;
mod hop_rules;
mod keepalive_release_and_httpd;
mod layouts;
mod listener_collision;
mod model;
mod php_fpm_releases;
mod php_fpm_slowlog;
mod proxy_gives_up_first_edge;
mod proxy_workers;
mod proxypass_reverse_missing;
mod reads;
mod registry;
mod replace;
mod scaling;
mod socket_permission_denied;
mod stacks;
mod timeout_rules;
mod upstream_rules;
mod variable_targets;
