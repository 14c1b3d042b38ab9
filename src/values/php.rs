//! How php-fpm and PHP read numbers: php-fpm's times
//! (`fpm_conf_set_time` in `sapi/fpm/fpm/fpm_conf.c`), PHP's byte
//! quantities (`ini_parse_quantity` in `Zend/zend_ini.c`) and integers
//! (`ZEND_ATOL`).

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

/// Seconds, as php-fpm's `fpm_conf_set_time` stores `30s`, `5m`, `2h`,
/// `1d` or a bare number. Like php-fpm, the part before the suffix goes
/// through C `atoi` (so `abc0` is 0 seconds, `1.5m` is 60, `-2m` is -120).
/// `None` where php-fpm refuses the value (empty, unknown suffix).
pub fn fpm_time(s: &str) -> Option<i64> {
    let last = *s.as_bytes().last()?;
    let (number, unit) = match last {
        b'm' => (&s[..s.len() - 1], 60),
        b'h' => (&s[..s.len() - 1], 3600),
        b'd' => (&s[..s.len() - 1], 86400),
        b's' => (&s[..s.len() - 1], 1),
        b'0'..=b'9' => (s, 1),
        _ => return None,
    };
    c_atoi(number).checked_mul(unit)
}

/// [`fpm_time`] for a limit: `None` also for negative times.
pub fn parse_duration(s: &str) -> Option<u64> {
    u64::try_from(fpm_time(s)?).ok()
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

/// An ini integer as `ZEND_ATOL` reads it; negative or none: 0.
pub fn php_seconds(value: &str) -> u64 {
    let t = value.trim().trim_matches('"');
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
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
    fn time_keys_compare_without_case() {
        assert!(is_time_key("request_terminate_timeout"));
        assert!(is_time_key("Request_Terminate_Timeout"));
        assert!(is_time_key("pm.process_idle_timeout"));
        assert!(!is_time_key("pm.max_children"));
    }

    #[test]
    fn fpm_times_read_as_fpm_conf_set_time_does() {
        assert_eq!(fpm_time("0s"), Some(0));
        assert_eq!(fpm_time("-2m"), Some(-120));
        assert_eq!(fpm_time("1.5m"), Some(60));
        assert_eq!(fpm_time("30x"), None);
        assert_eq!(parse_duration("-2m"), None);
        assert_eq!(parse_duration("2h"), Some(7200));
    }

    #[test]
    fn php_integers_read_as_atol() {
        assert_eq!(php_seconds("30"), 30);
        assert_eq!(php_seconds(" 300 "), 300);
        assert_eq!(php_seconds("\"60\""), 60);
        assert_eq!(php_seconds("-1"), 0);
        assert_eq!(php_seconds("abc"), 0);
    }
}
