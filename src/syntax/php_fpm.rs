//! php-fpm configuration syntax (PHP's INI dialect as php-fpm reads it):
//! a flat list of section headers, `key = value` entries and comments.
//! Which pool an entry belongs to is decided by the model, because an
//! included file continues the section that was open where it was included.

use super::{Comment, Word};
use crate::span::TextRange;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub enum Item {
    /// `[www]`, `[global]`: `name` is the text between the brackets.
    Section {
        name: Word,
        range: TextRange,
    },
    Entry(Entry),
    Comment(Comment),
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The key before any `[...]`: `listen.owner`, `php_admin_value`, `env`.
    pub key: Word,
    /// The part in brackets for array keys: `memory_limit` in
    /// `php_admin_value[memory_limit]`, `PATH` in `env[PATH]`.
    pub subkey: Option<Word>,
    /// The value as PHP's INI scanner yields it (quotes removed, `${VAR}` kept).
    pub value: Word,
    /// The whole entry, key to end of value.
    pub range: TextRange,
}
