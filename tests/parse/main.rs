//! The parsers, nginx's directive checks, how syntax errors read, and
//! following includes: one test binary, one module per subject.

#[path = "../common/mod.rs"]
mod common;

mod distro_nginx_contexts;
mod includes;
mod nginx_check;
mod parse_apache;
mod parse_nginx;
mod parse_php_fpm;
mod syntax_render;
