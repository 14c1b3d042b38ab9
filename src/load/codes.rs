//! The findings made while reading files: what a server cannot read
//! (syntax), and what was read and how (includes, encodings). They are
//! entries of the rule registry (`crate::rules::REGISTRY`) like every
//! other rule, with their pages in `rules/`.

use crate::diagnostic::Meta;
use crate::meta;

pub const NGINX_SYNTAX: Meta = meta!(
    "nginx-syntax",
    Syntax,
    Error,
    "nginx cannot read the file (braces, quotes, `;`, argument counts, missing blocks, directives not allowed where they stand)",
);

pub const APACHE_SYNTAX: Meta = meta!(
    "apache-syntax",
    Syntax,
    Error,
    "httpd cannot read the file (section tags)",
);

pub const PHP_FPM_SYNTAX: Meta = meta!(
    "php-fpm-syntax",
    Syntax,
    Error,
    "php-fpm's INI parser rejects the file",
);

pub const INCLUDE_MISSING: Meta = meta!(
    "include-missing",
    Input,
    Error,
    "an include the server refuses to start without",
);

pub const INCLUDE_CYCLE: Meta = meta!("include-cycle", Input, Error, "a file includes itself",);

pub const INCLUDE_DEPTH: Meta = meta!(
    "include-depth",
    Input,
    Error,
    "includes nested deeper than the server reads, or multiplying (an include bomb)",
);

pub const UNREADABLE_FILE: Meta = meta!(
    "unreadable-file",
    Input,
    Error,
    "a directory, symlink loop, dangling link, FIFO, device or unreadable file where a config should be",
);

pub const NOT_UTF8: Meta = meta!("not-utf8", Input, Warning, "bytes that are not UTF-8",);

/// Every code of the load phase.
pub const ALL: &[Meta] = &[
    NGINX_SYNTAX,
    APACHE_SYNTAX,
    PHP_FPM_SYNTAX,
    INCLUDE_MISSING,
    INCLUDE_CYCLE,
    INCLUDE_DEPTH,
    UNREADABLE_FILE,
    NOT_UTF8,
];
