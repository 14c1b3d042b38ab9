//! Code actions where the fix is certain: a rule's "did you mean" (a
//! socket path, a port, an upstream name) and `ttl=` for a `ProxyPass`,
//! both from [`crate::diagnostic::Fix`]; and, for every finding, a
//! suppression comment on the line above with a reason to fill in.

use crate::diagnostic::{Diagnostic, Fix};
use crate::source::{FileId, Kind};
use crate::span::TextRange;

/// One edit in one file of a part of the workspace, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub range: TextRange,
    pub text: String,
}

/// Where a rule's fix applies in the text: `replace` found inside the
/// directive after its name, or the end of the directive to append.
pub fn resolve(fix: &Fix, text: &str) -> Option<Edit> {
    let whole = text.get(fix.range.as_range())?;
    if fix.replace.is_empty() {
        return Some(Edit {
            file: fix.file,
            range: TextRange::empty_at(fix.range.end as usize),
            text: fix.with.clone(),
        });
    }
    // Past the directive's name: `fastcgi_pass fastcgi;` names its
    // upstream `fastcgi`, and the name must stay.
    let name_end = whole
        .find(|c: char| c.is_whitespace())
        .unwrap_or(whole.len());
    let at = whole[name_end..].find(fix.replace.as_str())? + name_end;
    let start = fix.range.start as usize + at;
    Some(Edit {
        file: fix.file,
        range: TextRange::new(start, start + fix.replace.len()),
        text: fix.with.clone(),
    })
}

/// The comment that silences `d` where it is reported, on its own line
/// above the finding's, indented like it: `#` for nginx and httpd, `;`
/// for php-fpm and php.ini.
pub fn suppression(d: &Diagnostic, kind: Kind, text: &str) -> Option<Edit> {
    let primary = d.primary.as_ref()?;
    let start = (primary.range.start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let marker = match kind {
        Kind::PhpFpm | Kind::PhpIni => ';',
        Kind::Nginx | Kind::Apache => '#',
    };
    Some(Edit {
        file: primary.file,
        range: TextRange::empty_at(line_start),
        text: format!("{indent}{marker} hoplint: ignore[{}] -- reason\n", d.code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(range: (usize, usize), replace: &str, with: &str) -> Fix {
        Fix {
            file: FileId(0),
            range: TextRange::new(range.0, range.1),
            replace: replace.into(),
            with: with.into(),
            title: String::new(),
        }
    }

    #[test]
    fn a_fix_replaces_inside_the_arguments() {
        let text = "x;\nfastcgi_pass fastcgi;\n";
        let e = resolve(&fix((3, 24), "fastcgi", "php"), text).unwrap();
        assert_eq!(&text[e.range.as_range()], "fastcgi");
        assert_eq!(e.range.start, 16);
        let e = resolve(&fix((3, 24), "", " ttl=2"), text).unwrap();
        assert_eq!(e.range, TextRange::empty_at(24));
        assert!(resolve(&fix((3, 24), "nothere", "x"), text).is_none());
    }
}
