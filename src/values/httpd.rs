//! How httpd reads numbers: timeouts (`ap_timeout_parameter_parse` in
//! `server/util.c`) and worker parameters read with `atoi()`.

/// A duration as httpd reads `Timeout`, `ProxyTimeout`, `KeepAliveTimeout`
/// and `ProxyPass timeout=` (`ap_timeout_parameter_parse`): seconds, or a
/// number with `ms`, `s`, `mi` or `h`. In milliseconds.
pub fn timeout_ms(v: &str) -> Option<u64> {
    let v = v.trim();
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    let n: u64 = v[..digits].parse().ok()?;
    let mult = match v[digits..].to_ascii_lowercase().as_str() {
        "" | "s" => 1000,
        "ms" => 1,
        "mi" => 60_000,
        "h" => 3_600_000,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// The whole seconds httpd's `atoi()` reads from a `ttl=` value.
pub fn leading_seconds(v: &str) -> Option<u64> {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    v[..digits].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apache_timeouts_read_as_httpd_does() {
        assert_eq!(timeout_ms("300"), Some(300_000));
        assert_eq!(timeout_ms("500ms"), Some(500));
        assert_eq!(timeout_ms("2mi"), Some(120_000));
        assert_eq!(timeout_ms("x"), None);
        assert_eq!(leading_seconds("30"), Some(30));
        assert_eq!(leading_seconds("5x"), Some(5));
    }
}
