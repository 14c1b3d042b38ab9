//! After an in-place edit of one nginx file, the language server replaces
//! only that file's part of the model (`model::nginx::replace_file`). The
//! model it gets must be the one a fresh build gives, and so must every
//! rule's findings: checked here edit after edit, on a generated server
//! whose sites each include a snippet, with edits that add, change and
//! remove servers, locations, hops and upstreams, and one (a directive at
//! a site's top level) that needs the whole side built again. (An edit in
//! place names the includes it named: one that adds an include is a
//! reload, so none of these does.)

use crate::scaling::{load, Pools};
use hoplint::config::Config;
use hoplint::load::Project;
use hoplint::model::{Stack, Touched};
use hoplint::rules::{self, ModelCache};
use hoplint::source::{FileId, Kind};
use hoplint::span::LineIndex;
use hoplint::syntax::Tree;
use std::fmt::Write as _;
use std::sync::Arc;

/// Everything the nginx side holds, indices included, in one text.
fn outline(stack: &Stack) -> String {
    let n = &stack.nginx;
    let mut out = String::new();
    for (i, c) in n.contexts().iter().enumerate() {
        writeln!(
            out,
            "ctx {i} {} {:?} parent {:?} {:?}",
            c.kind, c.args, c.parent, c.span
        )
        .unwrap();
        for d in &c.directives {
            let args: Vec<&str> = d.texts().collect();
            writeln!(out, "  {} {args:?} {:?}", d.name(), d.span).unwrap();
        }
    }
    writeln!(out, "{:#?}", n.servers).unwrap();
    writeln!(out, "{:#?}", n.locations).unwrap();
    writeln!(out, "{:#?}", n.hops).unwrap();
    writeln!(out, "{:#?}", n.upstreams).unwrap();
    writeln!(out, "{:?} {:?}", n.user, n.user_group).unwrap();
    for u in &n.upstreams {
        let found = n.upstream(&u.name).map(|u| u.span);
        writeln!(out, "upstream {} -> {found:?}", u.name).unwrap();
    }
    for (i, _) in n.contexts().iter().enumerate() {
        writeln!(
            out,
            "{i}: http {:?} server {:?} location {:?} ifs {:?} timeout {:?}",
            n.http_of(i),
            n.enclosing(i, "server"),
            n.enclosing(i, "location"),
            n.ifs_in(i),
            n.effective(i, "proxy_read_timeout").map(|f| f.dir.span),
        )
        .unwrap();
    }
    writeln!(out, "{:#?}", stack.variables.targets).unwrap();
    out.push_str(&n.parts_outline());
    out
}

/// Every finding of every rule that compares layers.
fn findings(project: &Project, stack: &Stack) -> Vec<String> {
    let config = Config::default();
    let mut out: Vec<String> = rules::check_stack(stack, &project.host, &config)
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    out.sort();
    out
}

fn site(project: &Project, i: usize) -> FileId {
    let name = format!("sites-enabled/site{i}");
    project
        .files
        .iter()
        .find(|f| f.path.ends_with(&name))
        .map(|f| f.id)
        .unwrap_or_else(|| panic!("{name} was not read"))
}

/// Replaces a file's text and tree, as the language server's in-place
/// edit does (the edits here move no include directive).
fn set_text(project: &mut Project, id: FileId, text: String) {
    let i = id.0 as usize;
    let (tree, _) = hoplint::parse::parse(Kind::Nginx, &text);
    assert!(matches!(tree, Tree::Nginx(_)));
    project.trees[i] = tree;
    project.files[i].lines = LineIndex::new(&text);
    project.files[i].text = Arc::from(text);
}

/// `text` with `from` (which must be there) replaced by `to`, of the same
/// length: every include directive stays where it was.
fn same_length(text: &str, from: &str, to: &str) -> String {
    assert_eq!(from.len(), to.len());
    assert!(text.contains(from), "{from:?} is not in the file");
    text.replacen(from, to, 1)
}

/// A generated server of `sites` sites, read, and its model as the
/// language server keeps it (with the cache an edit's re-check uses).
fn server(sites: usize) -> (tempfile::TempDir, Project, ModelCache, Stack) {
    let dir = tempfile::tempdir().unwrap();
    let project = load(dir.path(), sites, Pools::UnderMaster);
    let mut cache = ModelCache::default();
    let stack = rules::model_cached(&project, &Config::default(), &mut cache);
    (dir, project, cache, stack)
}

/// A change to a file's text.
type Edit = Box<dyn Fn(&str) -> String>;

#[test]
fn replacing_a_sites_part_of_the_model_gives_what_a_fresh_build_gives() {
    let (_dir, mut project, mut cache, mut stack) = server(40);
    let config = Config::default();
    let added_server = "\nserver {\n    listen 18099;\n    server_name added.test;\n    \
                        location / {\n        proxy_pass http://added_up;\n    }\n    \
                        location /php {\n        fastcgi_pass unix:/run/php/site3.sock;\n    \
                        }\n}\n";
    let edits: Vec<(usize, Edit)> = vec![
        // A server, with a hop to an upstream not yet defined.
        (5, Box::new(move |t| format!("{t}{added_server}"))),
        // The upstream, in a site after it: the hop above now names it.
        (
            9,
            Box::new(|t| format!("{t}\nupstream added_up {{ server 127.0.0.1:18098; }}\n")),
        ),
        // A hop's upstream renamed away, and a socket changed.
        (
            0,
            Box::new(|t| same_length(t, "http://app0;", "http://apq0;")),
        ),
        (
            9,
            Box::new(|t| same_length(t, "site9.sock;\n    }", "siteX.sock;\n    }")),
        ),
        // A location taken out (blanked: the include below stays put).
        (
            20,
            Box::new(|t| {
                let start = t.find("    location /old/").unwrap();
                let end = start + t[start..].find("}\n").unwrap() + 1;
                format!("{}{}{}", &t[..start], " ".repeat(end - start), &t[end..])
            }),
        ),
        // The same site edited twice, and the first site once more.
        (
            20,
            Box::new(|t| format!("{t}\nupstream more20 {{ server 127.0.0.1:18097; }}\n")),
        ),
        (
            0,
            Box::new(|t| format!("{t}\nserver {{ listen 18096; }}\n")),
        ),
        // The upstream taken away again: the hop names nothing known.
        (
            9,
            Box::new(|t| same_length(t, "upstream added_up", "upstream addedXup")),
        ),
        // A directive at a site's top level goes into `http`: the whole
        // side is built again.
        (33, Box::new(|t| format!("proxy_read_timeout 7s;\n{t}"))),
        // And a site edited after that.
        (39, Box::new(move |t| format!("{t}{added_server}"))),
    ];
    for (n, (i, edit)) in edits.iter().enumerate() {
        let id = site(&project, *i);
        let text = edit(&project.files[id.0 as usize].text);
        set_text(&mut project, id, text);
        let replaced = rules::model_after(&project, &mut stack, Touched::NGINX, &[id], &mut cache);
        assert!(!replaced.is_empty());
        let fresh = rules::model_of(&project, &config);
        assert_eq!(
            outline(&stack),
            outline(&fresh),
            "edit {n} (site {i}): the model after the edit differs from a fresh build"
        );
        assert_eq!(
            findings(&project, &stack),
            findings(&project, &fresh),
            "edit {n} (site {i}): the findings after the edit differ from a fresh build's"
        );
    }
}

#[test]
fn an_edit_the_model_can_place_reads_only_the_edited_file() {
    let (_dir, mut project, mut cache, mut stack) = server(12);
    let config = Config::default();
    let id = site(&project, 4);
    let text = format!(
        "{}\nserver {{ listen 18095; }}\n",
        project.files[id.0 as usize].text
    );
    set_text(&mut project, id, text);
    // Every other nginx tree is taken away: a whole build would find
    // almost nothing, the replacement of site 4's part keeps the rest.
    let before = stack.nginx.servers.len();
    let kept: Vec<(usize, Tree)> = project
        .trees
        .iter_mut()
        .enumerate()
        .filter(|(i, t)| *i != id.0 as usize && matches!(t, Tree::Nginx(_)))
        .map(|(i, t)| {
            let empty = hoplint::parse::parse(Kind::Nginx, "").0;
            (i, std::mem::replace(t, empty))
        })
        .collect();
    let replaced = rules::model_after(&project, &mut stack, Touched::NGINX, &[id], &mut cache);
    assert!(!replaced.is_empty());
    assert_eq!(stack.nginx.servers.len(), before + 1);
    drop(replaced);
    // With the trees back, the model is still a fresh build's.
    for (i, t) in kept {
        project.trees[i] = t;
    }
    assert_eq!(
        outline(&stack),
        outline(&rules::model_of(&project, &config))
    );
}
