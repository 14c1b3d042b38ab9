//! Parser for nginx configuration files (work in progress).

use crate::syntax::{nginx as ast, Parsed};

pub fn parse(_text: &str) -> Parsed<ast::File> {
    Parsed {
        tree: ast::File::default(),
        errors: Vec::new(),
    }
}
