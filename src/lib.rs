//! hoplint: reads nginx, php-fpm and Apache httpd config trees into one
//! model of the stack and reports the hops that will fail at runtime.
//!
//! Data flows one way: files (`load`) → syntax trees (`parse`, `syntax`)
//! → diagnostics (`diagnostic`) → output (`render`).

pub mod diagnostic;
pub mod parse;
pub mod span;
pub mod syntax;
