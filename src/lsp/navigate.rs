//! Navigation across layers, read off the stack model: from a hop
//! (`fastcgi_pass`, `proxy_pass`, an upstream's `server`, `SetHandler`,
//! `ProxyPass`) to the listener that answers it, from an upstream name to
//! its block, from an `include` to the files it reads; and back, from a
//! listener (a pool's `listen`) or an upstream to every hop that uses it.

use super::workspace::Unit;
use crate::model::apache::Proxy;
use crate::model::endpoint::{run_alias, Answer};
use crate::model::nginx::{Dir, Hop, Upstream, UpstreamServer};
use crate::model::php_fpm::Pool;
use crate::model::{Endpoint, ListenIndex, Listener, Span, Stack};
use crate::source::FileId;
use crate::span::TextRange;
use foldhash::HashSetExt;

/// A place in one part of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub range: TextRange,
}

impl From<Span> for Place {
    fn from(s: Span) -> Place {
        Place {
            file: s.file,
            range: s.range,
        }
    }
}

fn covers(span: Span, file: FileId, offset: u32) -> bool {
    span.file == file && span.range.start <= offset && offset <= span.range.end
}

/// What the cursor stands on, innermost first.
pub enum Thing<'a> {
    Include(Vec<FileId>),
    Hop(&'a Hop),
    UpstreamServer(&'a Upstream, &'a UpstreamServer),
    /// A `set` line or `map` entry that gives a hop its address.
    Value(&'a Hop, &'a Endpoint),
    Proxy(&'a Proxy),
    Listener(Listener<'a>),
    NginxDir(usize, &'a Dir),
    PoolEntry(&'a Pool, &'a str, &'a crate::model::Setting),
    ApacheSetting(&'a crate::model::apache::ApacheSetting),
    Upstream(&'a Upstream),
}

/// Everything of the model at `offset` of `file`.
pub fn things_at(unit: &Unit, file: FileId, offset: u32) -> Vec<Thing<'_>> {
    let stack = &unit.stack;
    let mut out = Vec::new();
    let edges: Vec<FileId> = unit
        .project
        .includes
        .iter()
        .filter(|e| e.from == file && e.at.start <= offset && offset <= e.at.end)
        .map(|e| e.to)
        .collect();
    if !edges.is_empty() {
        out.push(Thing::Include(edges));
    }
    let mut seen_hop = foldhash::HashSet::new();
    for h in &stack.nginx.hops {
        if covers(h.span, file, offset) && seen_hop.insert(h.span) {
            out.push(Thing::Hop(h));
        }
    }
    for v in &stack.variables.targets {
        if covers(v.span, file, offset) {
            if let Some(h) = stack.nginx.hops.get(v.hop) {
                if h.span != v.span {
                    out.push(Thing::Value(h, &v.endpoint));
                }
            }
        }
    }
    for u in &stack.nginx.upstreams {
        for s in &u.servers {
            if covers(s.span, file, offset) {
                out.push(Thing::UpstreamServer(u, s));
            }
        }
    }
    for p in &stack.apache.proxies {
        if covers(p.span, file, offset) {
            out.push(Thing::Proxy(p));
        }
    }
    for l in stack.listeners() {
        if covers(l.span, file, offset) {
            out.push(Thing::Listener(l));
        }
    }
    for (i, c) in stack.nginx.contexts().iter().enumerate() {
        for d in &c.directives {
            if covers(d.span, file, offset) {
                out.push(Thing::NginxDir(i, d));
            }
        }
    }
    for p in &stack.pools {
        for (k, s) in &p.entries {
            if covers(s.span, file, offset) {
                out.push(Thing::PoolEntry(p, k, s));
            }
        }
    }
    for s in &stack.apache.settings {
        if covers(s.span, file, offset) {
            out.push(Thing::ApacheSetting(s));
        }
    }
    for u in &stack.nginx.upstreams {
        if covers(u.span, file, offset) {
            out.push(Thing::Upstream(u));
        }
    }
    out
}

/// The listeners that certainly answer a connection to `target`, `/run`
/// and `/var/run` being one directory.
pub fn answering<'a>(index: &ListenIndex<'a>, target: &Endpoint) -> Vec<&'a Listener<'a>> {
    let mut found = index.answering(target);
    if let Endpoint::Unix(p) = target {
        if let Some(alias) = run_alias(p) {
            found.extend(index.answering(&Endpoint::Unix(alias)));
        }
    }
    found
}

/// Whether a listener on `listener` certainly answers `target`.
pub fn answering_one(listener: &Endpoint, target: &Endpoint) -> bool {
    if listener.answers(target) == Answer::Yes {
        return true;
    }
    match target {
        Endpoint::Unix(p) => {
            run_alias(p).is_some_and(|a| listener.answers(&Endpoint::Unix(a)) == Answer::Yes)
        }
        _ => false,
    }
}

/// Where the listeners of these addresses are, in the order given.
fn listeners_of(stack: &Stack, targets: &[&Endpoint]) -> Vec<Place> {
    let listeners = stack.listeners();
    let index = ListenIndex::new(&listeners);
    let mut out = Vec::new();
    for t in targets {
        if let Endpoint::Upstream(name) = t {
            out.extend(upstream_blocks(stack, name));
            continue;
        }
        for l in answering(&index, t) {
            if l.span.file != FileId::DECLARED {
                out.push(l.span.into());
            }
        }
    }
    out
}

fn upstream_blocks(stack: &Stack, name: &str) -> Vec<Place> {
    let mut out: Vec<Place> = stack
        .nginx
        .upstreams
        .iter()
        .filter(|u| u.name == name)
        .map(|u| u.span.into())
        .collect();
    out.extend(
        stack
            .apache
            .balancers
            .iter()
            .filter(|b| b.name.eq_ignore_ascii_case(name))
            .map(|b| Place::from(b.span)),
    );
    out
}

/// Where what the cursor stands on leads.
pub fn definition(unit: &Unit, file: FileId, offset: u32) -> Vec<Place> {
    let stack = &unit.stack;
    for thing in things_at(unit, file, offset) {
        let found = match thing {
            Thing::Include(files) => files
                .into_iter()
                .map(|f| Place {
                    file: f,
                    range: TextRange::empty_at(0),
                })
                .collect(),
            Thing::Hop(hop) => {
                // The hop's own address, or each value a variable takes.
                let mut ends: Vec<&Endpoint> = vec![&hop.endpoint];
                for v in &stack.variables.targets {
                    if stack
                        .nginx
                        .hops
                        .get(v.hop)
                        .is_some_and(|h| h.span == hop.span)
                    {
                        ends.push(&v.endpoint);
                    }
                }
                listeners_of(stack, &ends)
            }
            Thing::Value(_, e) => listeners_of(stack, &[e]),
            Thing::UpstreamServer(_, s) => listeners_of(stack, &[&s.endpoint]),
            Thing::Proxy(p) => listeners_of(stack, &[&p.endpoint]),
            _ => Vec::new(),
        };
        if !found.is_empty() {
            return dedup(found);
        }
    }
    Vec::new()
}

/// Every hop that connects to what the cursor stands on (a listener, an
/// upstream), with the declaration itself when asked.
pub fn references(unit: &Unit, file: FileId, offset: u32, declaration: bool) -> Vec<Place> {
    let stack = &unit.stack;
    for thing in things_at(unit, file, offset) {
        let mut found: Vec<Place> = Vec::new();
        match thing {
            Thing::Listener(l) => {
                if declaration {
                    found.push(l.span.into());
                }
                for t in stack.targets() {
                    if answering_one(l.endpoint, t.endpoint) {
                        found.push(t.span.into());
                        if t.span != t.hop.span {
                            found.push(t.hop.span.into());
                        }
                    }
                }
                for p in &stack.apache.proxies {
                    if answering_one(l.endpoint, &p.endpoint) {
                        found.push(p.span.into());
                    }
                }
            }
            Thing::Upstream(u) => {
                if declaration {
                    found.push(u.span.into());
                }
                let named = |e: &Endpoint| matches!(e, Endpoint::Upstream(n) if *n == u.name);
                for h in &stack.nginx.hops {
                    if named(&h.endpoint) {
                        found.push(h.span.into());
                    }
                }
                for v in &stack.variables.targets {
                    if named(&v.endpoint) {
                        found.push(v.span.into());
                    }
                }
            }
            _ => continue,
        }
        return dedup(found);
    }
    Vec::new()
}

fn dedup(places: Vec<Place>) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    for p in places {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}
