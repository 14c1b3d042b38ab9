//! How nginx reads and writes numbers: durations (`ngx_parse_time`) and
//! sizes (`ngx_parse_size`), in `src/core/ngx_parse.c`. hoplint.toml uses
//! the same spelling, so that an admin writes a limit there as in nginx.

/// A duration as nginx writes one (`ngx_parse_time`): a number with `ms`,
/// `s`, `m`, `h` or `d`, several may be combined (`1m30s`); a bare number
/// is seconds. In milliseconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u64>().ok()?.checked_mul(1000);
    }
    let mut total: u64 = 0;
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let unit = match &rest[..unit_len] {
            "ms" => 1,
            "s" | "" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    Some(total)
}

/// A size as nginx writes one (`ngx_parse_size`, plus `g` as
/// `ngx_parse_offset` reads it): a number with `k`, `m` or `g` (either
/// case), in bytes.
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let (digits, mult) = match t.as_bytes().last()? {
        b'k' | b'K' => (&t[..t.len() - 1], 1u64 << 10),
        b'm' | b'M' => (&t[..t.len() - 1], 1 << 20),
        b'g' | b'G' => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()?.checked_mul(mult)
}

/// `60s`, `1500ms`: a duration for a message, written as nginx writes
/// one, exact, and in one word so that a wrapped line never parts the
/// number from its unit.
pub fn show_ms(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// `16384` as nginx writes it: `16k`, `1m`, else bytes.
pub fn show_size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{}m", bytes >> 20)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{}k", bytes >> 10)
    } else {
        bytes.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_as_nginx_writes_them() {
        assert_eq!(parse_duration("60"), Some(60_000));
        assert_eq!(parse_duration("100s"), Some(100_000));
        assert_eq!(parse_duration("1m30s"), Some(90_000));
        assert_eq!(parse_duration("500ms"), Some(500));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration(""), None);
        assert_eq!(parse_size("16k"), Some(16384));
        assert_eq!(parse_size("4G"), Some(4 << 30));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("k"), None);
    }

    #[test]
    fn durations_show_plainly() {
        assert_eq!(show_ms(60_000), "60s");
        assert_eq!(show_ms(1_500), "1500ms");
        assert_eq!(show_ms(500), "500ms");
    }
}
