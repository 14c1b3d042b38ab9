#![no_main]
//! The whole check (parse, model, every rule, suppressions, JSON and text
//! output) of a small tree held in memory: one nginx.conf, one php-fpm
//! pool and one apache2.conf, cut from the input at 0xFF bytes (never part
//! of a UTF-8 text, so the mutator moves the cuts freely). Nothing is read
//! from or written to disk; includes are not followed.

use hoplint::config::Config;
use hoplint::load::{parse_diagnostics, Project};
use hoplint::source::{FileId, Kind, Reach, SourceFile};
use hoplint::span::LineIndex;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::Arc;

const FILES: [(Kind, &str); 3] = [
    (Kind::Nginx, "etc/nginx/nginx.conf"),
    (Kind::PhpFpm, "etc/php/8.2/fpm/pool.d/www.conf"),
    (Kind::Apache, "etc/apache2/apache2.conf"),
];

fuzz_target!(|data: &[u8]| {
    let mut project = Project::default();
    for (i, part) in data.split(|b| *b == 0xFF).take(FILES.len()).enumerate() {
        let (kind, path) = FILES[i];
        let id = FileId(i as u32);
        let text: Arc<str> = String::from_utf8_lossy(part).into();
        let (tree, errors) = hoplint::parse::parse(kind, &text);
        project
            .diagnostics
            .extend(parse_diagnostics(kind, id, errors));
        project.files.push(SourceFile {
            id,
            path: PathBuf::from(path),
            kind,
            reach: Reach::Entry,
            lines: LineIndex::new(&text),
            text,
        });
        project.trees.push(tree);
    }
    let config = Config::default();
    hoplint::rules::run(&mut project, &config);
    project.dedup_diagnostics();
    hoplint::suppress::apply(&mut project, &config);
    let _ = hoplint::render::json::render(&project);
    let style = hoplint::render::human::Style {
        color: false,
        width: 100,
    };
    let _ = hoplint::render::human::render_all(&project, style);
});
