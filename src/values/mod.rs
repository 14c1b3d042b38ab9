//! How each server reads the numbers written in its configs, one module a
//! server. A leaf: the model, the rules and hoplint.toml all read values
//! here, so every layer agrees on what `60s`, `128M` or `1m30s` means.

pub mod fpm_keys;
pub mod httpd;
pub mod nginx;
pub mod php;
pub mod release;
