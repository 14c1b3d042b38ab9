//! Apache httpd syntax tree: directives, `<Section args>` containers and
//! comments, as `ap_build_config` reads them (one logical line per
//! directive after `\` continuation). Names keep their case as written;
//! compare them with `eq_ignore_ascii_case`, as httpd does.

use super::{Comment, Word};
use crate::span::TextRange;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub enum Item {
    Directive(Directive),
    Section(Section),
    Comment(Comment),
}

#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    pub name: Word,
    pub args: Vec<Word>,
    /// The whole logical line, continuations included, without the newline.
    pub range: TextRange,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `VirtualHost`, `IfModule`, ... (without `<`).
    pub name: Word,
    /// The arguments inside the opening tag (`!mod_php.c`, `*:80`).
    pub args: Vec<Word>,
    pub items: Vec<Item>,
    /// The opening tag `<Name args>`.
    pub open: TextRange,
    /// The closing tag `</Name>`; `None` when it is missing.
    pub close: Option<TextRange>,
    /// `<Macro>` bodies are not parsed by httpd until use; kept verbatim.
    pub raw_body: Option<Word>,
}

impl Directive {
    pub fn is(&self, name: &str) -> bool {
        self.name.text.eq_ignore_ascii_case(name)
    }
}

impl Section {
    pub fn is(&self, name: &str) -> bool {
        self.name.text.eq_ignore_ascii_case(name)
    }
}

/// Tears nested sections down with a work list: the derived drop would
/// recurse once per nesting level, and 10,000 nested sections would
/// overflow the stack.
impl Drop for Section {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.items);
        while let Some(item) = pending.pop() {
            if let Item::Section(mut s) = item {
                pending.append(&mut s.items);
            }
        }
    }
}
