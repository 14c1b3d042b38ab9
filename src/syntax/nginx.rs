//! nginx syntax tree: directives, their arguments, blocks and comments,
//! as `ngx_conf_read_token` splits a file. Nothing here interprets a
//! directive; `map`/`types`/`geo` bodies are plain directives whose names
//! are the map keys, exactly as nginx hands them to the module.

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
    Comment(Comment),
}

#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    pub name: Word,
    pub args: Vec<Word>,
    /// `Some` for `name args { ... }`; `None` for `name args;`. Boxed, as
    /// is `raw_block`: most directives have neither, and a 65 MB file holds
    /// over a million directives, each 72 bytes smaller for it.
    pub block: Option<Box<Block>>,
    /// Body of a `*_by_lua_block { ... }`-style directive, kept as one opaque
    /// word (the braces excluded from `text`, included in `range`).
    pub raw_block: Option<Box<Word>>,
    /// From the first byte of the name to the `;` or the closing `}`.
    pub range: TextRange,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub items: Vec<Item>,
    /// The `{`.
    pub open: TextRange,
    /// The `}`; `None` when the file ended before the block was closed.
    pub close: Option<TextRange>,
}

impl Directive {
    pub fn children(&self) -> &[Item] {
        self.block
            .as_ref()
            .map(|b| b.items.as_slice())
            .unwrap_or(&[])
    }
}

impl File {
    pub fn directives(&self) -> impl Iterator<Item = &Directive> {
        directives(&self.items)
    }
}

pub fn directives(items: &[Item]) -> impl Iterator<Item = &Directive> {
    items.iter().filter_map(|i| match i {
        Item::Directive(d) => Some(d),
        Item::Comment(_) => None,
    })
}

/// Dropping a tree recursively would overflow the stack on deeply nested
/// input (10,000 nested blocks), so nested
/// blocks are taken apart with a heap stack instead.
impl Drop for Block {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.items);
        while let Some(item) = pending.pop() {
            if let Item::Directive(mut d) = item {
                if let Some(block) = d.block.as_mut() {
                    pending.append(&mut block.items);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 65 MB file holds over a million directives: every byte of a node
    /// counts a megabyte.
    #[test]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<Word>(), 40);
        assert_eq!(std::mem::size_of::<Directive>(), 88);
        assert_eq!(std::mem::size_of::<Item>(), 88);
    }
}
