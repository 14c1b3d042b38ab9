//! Byte ranges inside one file. Offsets stay bytes everywhere; lines and
//! columns are computed only when something is shown to a person.

use serde::Serialize;

/// A half-open byte range `[start, end)` in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        TextRange {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn empty_at(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn as_range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<pest::Span<'_>> for TextRange {
    fn from(s: pest::Span<'_>) -> Self {
        TextRange::new(s.start(), s.end())
    }
}

/// Start offsets of every line, for turning offsets into 1-based line/column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// The lines (0-based, ascending) holding a byte that is not ASCII:
    /// only there does a column need counting in characters. Elsewhere it
    /// is the distance in bytes, so that 600,000 errors on one long line
    /// do not each count the line again from its start.
    wide: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        let mut wide = Vec::new();
        let mut line_wide = false;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                if line_wide {
                    wide.push(starts.len() as u32 - 1);
                    line_wide = false;
                }
                starts.push(i as u32 + 1);
            } else if b >= 0x80 {
                line_wide = true;
            }
        }
        if line_wide {
            wide.push(starts.len() as u32 - 1);
        }
        LineIndex { starts, wide }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        let end = (offset as usize).min(text.len());
        let col = if self.wide.binary_search(&(line as u32)).is_err() {
            end.saturating_sub(start)
        } else {
            text.get(start..end)
                .map(|s| s.chars().count())
                .unwrap_or(end - start)
        };
        (line + 1, col + 1)
    }

    /// Byte offset where a 1-based line starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        line.checked_sub(1)
            .and_then(|l| self.starts.get(l).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 1), (1, 2));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 6), (3, 1));
        assert_eq!(idx.line_col(text, 7), (4, 1));
        assert_eq!(idx.line_start(4), Some(7));
        assert_eq!(idx.line_start(5), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 3));
        let text = "ab\ncé d\nxy";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), (1, 2));
        assert_eq!(idx.line_col(text, 6), (2, 3));
        assert_eq!(idx.line_col(text, 10), (3, 2));
    }
}
