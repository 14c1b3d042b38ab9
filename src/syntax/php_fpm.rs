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

/// Keys php-fpm reads with `fpm_conf_set_time` (global and pool sections),
/// compared case-insensitively like php-fpm does.
pub const TIME_KEYS: &[&str] = &[
    "emergency_restart_interval",
    "process_control_timeout",
    "systemd_interval",
    "pm.process_idle_timeout",
    "request_slowlog_timeout",
    "request_terminate_timeout",
];

/// PHP ini settings (set through `php_value[...]` / `php_admin_value[...]`)
/// that PHP reads as a byte quantity with `ini_parse_quantity` rules.
pub const SIZE_PHP_SETTINGS: &[&str] = &[
    "memory_limit",
    "post_max_size",
    "upload_max_filesize",
    "realpath_cache_size",
];

pub fn is_time_key(key: &str) -> bool {
    TIME_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Seconds, as php-fpm's `fpm_conf_set_time` reads `30s`, `5m`, `2h`, `1d`
/// or a bare number. Like php-fpm, the part before the suffix goes through
/// C `atoi` (so `abc0` is 0 seconds, `1.5m` is 60). `None` where php-fpm
/// refuses the value (empty, unknown suffix) and for negative times.
pub fn parse_duration(s: &str) -> Option<u64> {
    let last = *s.as_bytes().last()?;
    let (number, unit) = match last {
        b'm' => (&s[..s.len() - 1], 60),
        b'h' => (&s[..s.len() - 1], 3600),
        b'd' => (&s[..s.len() - 1], 86400),
        b's' => (&s[..s.len() - 1], 1),
        b'0'..=b'9' => (s, 1),
        _ => return None,
    };
    let n = c_atoi(number);
    u64::try_from(n).ok()?.checked_mul(unit)
}

/// C `atoi`: leading whitespace, an optional sign, then digits up to the
/// first non-digit; 0 when there are none.
fn c_atoi(s: &str) -> i64 {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut n: i64 = 0;
    for b in digits.bytes().take_while(u8::is_ascii_digit) {
        n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if neg {
        -n
    } else {
        n
    }
}

/// Bytes, as PHP 8.2's `ini_parse_quantity` reads a size setting such as
/// `memory_limit = 128M`: optional whitespace and `+`, a decimal, `0x`,
/// `0o`, `0b` or leading-`0` octal number, then an optional `K`, `M` or
/// `G` (powers of 1024, any case). `None` for what PHP warns about as an
/// invalid quantity (`5MB`, `1.5M`, `abc`) and for negative values: `-1`
/// means "unlimited" for `memory_limit`, which callers check themselves.
pub fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t.is_empty() {
        return Some(0);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let (body, mult) = match t.as_bytes().last()? {
        b'k' | b'K' => (&t[..t.len() - 1], 1u64 << 10),
        b'm' | b'M' => (&t[..t.len() - 1], 1 << 20),
        b'g' | b'G' => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let body = body.trim_end_matches([' ', '\t']);
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()?.checked_mul(mult)
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
    fn durations_follow_fpm_conf_set_time() {
        assert_eq!(parse_duration("30s"), Some(30));
        assert_eq!(parse_duration("30"), Some(30));
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration("2h"), Some(7200));
        assert_eq!(parse_duration("1d"), Some(86400));
        assert_eq!(parse_duration("0"), Some(0));
        // atoi stops at the first non-digit and reads nothing as 0.
        assert_eq!(parse_duration("1.5m"), Some(60));
        assert_eq!(parse_duration("s"), Some(0));
        assert_eq!(parse_duration("abc0"), Some(0));
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_duration("30S"), None);
        assert_eq!(parse_duration("10ms"), Some(10));
        assert_eq!(parse_duration("1w"), None);
        assert_eq!(parse_duration("-5s"), None);
    }

    #[test]
    fn sizes_follow_ini_parse_quantity() {
        assert_eq!(parse_size("128M"), Some(128 << 20));
        assert_eq!(parse_size("1g"), Some(1 << 30));
        assert_eq!(parse_size("10k"), Some(10240));
        assert_eq!(parse_size(" 5 M"), Some(5 << 20));
        assert_eq!(parse_size("010"), Some(8));
        assert_eq!(parse_size("0x10"), Some(16));
        assert_eq!(parse_size("0o10"), Some(8));
        assert_eq!(parse_size("0b11"), Some(3));
        assert_eq!(parse_size("+5"), Some(5));
        assert_eq!(parse_size("0"), Some(0));
        assert_eq!(parse_size(""), Some(0));
        assert_eq!(parse_size("5MB"), None);
        assert_eq!(parse_size("1.5M"), None);
        assert_eq!(parse_size("abc"), None);
        assert_eq!(parse_size("-1"), None);
        assert_eq!(parse_size("M"), None);
        assert_eq!(parse_size("99999999999999999999G"), None);
    }

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

    #[test]
    fn time_keys_compare_without_case() {
        assert!(is_time_key("request_terminate_timeout"));
        assert!(is_time_key("Request_Terminate_Timeout"));
        assert!(is_time_key("pm.process_idle_timeout"));
        assert!(!is_time_key("pm.max_children"));
    }
}
