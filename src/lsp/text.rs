//! Positions and file names as the protocol spells them: hoplint counts
//! bytes, an LSP client counts UTF-16 code units unless it offered UTF-8
//! (`general.positionEncodings`), and names files by `file://` URIs.

use crate::span::TextRange;
use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The unit of `Position::character`, as negotiated at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Line starts of one text, for turning byte offsets into positions and
/// back.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        Lines { starts }
    }

    pub fn position(&self, text: &str, offset: u32, enc: Encoding) -> Position {
        let offset = (offset as usize).min(text.len());
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        let before = text.get(start..offset).unwrap_or("");
        let character = match enc {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, r: TextRange, enc: Encoding) -> Range {
        Range::new(
            self.position(text, r.start, enc),
            self.position(text, r.end, enc),
        )
    }

    /// The byte offset of a position; past the end of its line, the line's
    /// end; past the last line, the end of the text.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> u32 {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len() as u32;
        };
        let start = start as usize;
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&e| e as usize - 1);
        let line = text.get(start..end).unwrap_or("");
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            if units >= pos.character as usize {
                return (start + i) as u32;
            }
            units += match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end as u32
    }
}

/// The path of a `file:` URI, percent-decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file://localhost/etc` names the same file as `file:///etc`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
}

/// The `file:` URI of an absolute path, percent-encoding what RFC 3986
/// does not allow in a path.
pub fn path_to_uri(path: &Path) -> Uri {
    use std::os::unix::ffi::OsStrExt;
    let mut s = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b);
        if keep {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).unwrap_or_else(|_| Uri::from_str("file:///").expect("a valid URI"))
}

/// A fast 64-bit hash, a word at a time, to tell texts and lists of
/// findings apart after each keystroke (not for hash tables: no defence
/// against chosen collisions; an unlikely collision leaves one list
/// unsent until the next change).
pub struct Fold(pub u64);

impl std::hash::Hasher for Fold {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.mix(u64::from_le_bytes(last) ^ (bytes.len() as u64) << 56);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fold {
    pub fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// The hash of a file's text.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut f = Fold(0);
    f.write(text.as_bytes());
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let text = "a é 𝄞 b\nsecond\n";
        let lines = Lines::new(text);
        let b = text.find('b').unwrap() as u32;
        assert_eq!(
            lines.position(text, b, Encoding::Utf8),
            Position::new(0, 10)
        );
        // é is one UTF-16 unit, 𝄞 two.
        assert_eq!(
            lines.position(text, b, Encoding::Utf16),
            Position::new(0, 7)
        );
        assert_eq!(lines.offset(text, Position::new(0, 7), Encoding::Utf16), b);
        assert_eq!(lines.offset(text, Position::new(0, 10), Encoding::Utf8), b);
        assert_eq!(
            lines.offset(text, Position::new(1, 99), Encoding::Utf16),
            18
        );
        assert_eq!(lines.offset(text, Position::new(9, 0), Encoding::Utf16), 19);
        assert_eq!(
            lines.position(text, 12, Encoding::Utf16),
            Position::new(1, 0)
        );
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/a b/ünï%.conf");
        let uri = path_to_uri(p);
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%BCn%C3%AF%25.conf");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        let local = Uri::from_str("file://localhost/etc/nginx/nginx.conf").unwrap();
        assert_eq!(
            uri_to_path(&local).unwrap(),
            Path::new("/etc/nginx/nginx.conf")
        );
    }
}
