//! php-fpm configuration syntax (PHP's INI dialect as php-fpm reads it):
//! a flat list of section headers, `key = value` entries and comments.
//! Which pool an entry belongs to is decided by the model, because an
//! included file continues the section that was open where it was included.
//!
//! Also the value readers that php-fpm and PHP apply after parsing
//! (`parse_duration`, `parse_size`, `expand_pool`), so rules read values
//! the way the server will.

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
    /// Booleans are already what PHP makes of them: `on`/`yes`/`true` give
    /// `"1"`, `off`/`no`/`false`/`none`/`null` give `""`. An expression
    /// (`E_ALL & ~E_NOTICE`) keeps its source text, see `kind`.
    pub value: Word,
    /// How the value was written, for rules that care (`"1"` from `on`).
    pub kind: ValueKind,
    /// The whole entry, key to end of value.
    pub range: TextRange,
}

/// What PHP's INI parser saw in a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ValueKind {
    /// Text, quoted strings and `${VAR}` references, concatenated.
    String,
    /// `true`/`on`/`yes` (true) or `false`/`off`/`no`/`none` (false).
    Bool(bool),
    /// `null`.
    Null,
    /// Uses `|`, `&`, `^`, `~`, `!` or parentheses: PHP evaluates it as an
    /// integer expression over constants; `value.text` is the source text.
    Expression,
}

/// Replaces every `$pool` with the pool's name, as php-fpm does for string
/// settings and for `php_value`/`php_admin_value`/`env` values (not for
/// keys, and not for `php_flag`/`php_admin_flag`). Case-sensitive.
pub fn expand_pool(value: &str, pool_name: &str) -> String {
    value.replace("$pool", pool_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_expansion_replaces_every_occurrence() {
        assert_eq!(
            expand_pool("/run/php/$pool.sock", "www"),
            "/run/php/www.sock"
        );
        assert_eq!(expand_pool("$pool-$pool", "a"), "a-a");
        assert_eq!(expand_pool("$POOL", "a"), "$POOL");
        assert_eq!(expand_pool("$poolname", "a"), "aname");
    }
}
