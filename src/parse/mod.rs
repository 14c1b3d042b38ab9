//! The pest parsers: each turns one file's text into a syntax tree plus
//! every syntax error found. The grammars (`grammar/*.pest`) accept any
//! input as a flat stream of statements, so pest never gives up part-way
//! and never recurses per nesting level; the tree builders nest blocks
//! with an explicit stack and report what does not balance. That keeps
//! parsing linear, makes deep nesting harmless, and lets one typo be
//! reported without hiding the rest of the file.

pub mod apache;
pub mod nginx;
pub mod nginx_check;
pub mod nginx_directives;
pub mod php_fpm;
