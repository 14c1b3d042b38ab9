//! What every parser target asks of any input.

use hoplint::syntax::SyntaxError;

/// Any bytes, read as the loader reads a file (invalid UTF-8 replaced), must
/// give a tree and errors that point inside the text, on character
/// boundaries: no panic, no hang, no stack overflow.
pub fn parse_any(data: &[u8], parse: fn(&str) -> Vec<SyntaxError>) {
    let text = String::from_utf8_lossy(data);
    for e in parse(&text) {
        assert!(e.range.start <= e.range.end);
        assert!(text.is_char_boundary(e.range.start as usize));
        assert!(text.is_char_boundary(e.range.end as usize));
    }
}
