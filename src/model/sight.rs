//! What hoplint sees whole. A repo of configs often holds a main file whose
//! includes point at files kept elsewhere; what those files would say
//! (hops, upstreams, pool settings) is unknown, so a rule that concludes
//! from an absence ("no `*_pass` names this upstream", "the pool sets no
//! `pm.max_children`") asks here first.

use super::nginx::Nginx;
use crate::load::Project;
use crate::source::{FileId, Kind};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

#[derive(Debug, Default)]
pub struct Sight {
    /// Files with an include that read nothing and may hide files.
    gaps: HashSet<FileId>,
    /// Root files of nginx configurations that reach such a file.
    blind_roots: HashSet<FileId>,
}

impl Sight {
    pub fn new(project: &Project, nginx: &Nginx) -> Sight {
        let gaps: HashSet<FileId> = project
            .unread_includes
            .iter()
            .filter(|u| !u.empty_dir)
            .map(|u| u.from)
            .collect();
        let mut edges: HashMap<FileId, Vec<FileId>> = HashMap::new();
        for e in &project.includes {
            edges.entry(e.from).or_default().push(e.to);
        }
        let mut blind_roots = HashSet::new();
        // Only the files nginx configurations are read from.
        let roots: HashSet<FileId> = nginx
            .contexts()
            .iter()
            .filter(|c| c.kind == "main")
            .map(|c| c.span.file)
            .collect();
        for root in roots {
            let mut seen = HashSet::from_iter([root]);
            let mut todo = vec![root];
            while let Some(f) = todo.pop() {
                if gaps.contains(&f) && project.file(f).kind == Kind::Nginx {
                    blind_roots.insert(root);
                    break;
                }
                for &to in edges.get(&f).into_iter().flatten() {
                    if seen.insert(to) {
                        todo.push(to);
                    }
                }
            }
        }
        Sight { gaps, blind_roots }
    }

    /// Whether context `ctx` is inside an `http` block of a configuration
    /// hoplint sees whole.
    pub fn whole_http(&self, nginx: &Nginx, ctx: usize) -> bool {
        let Some(main) = nginx.enclosing(ctx, "main") else {
            return false;
        };
        nginx.http_of(ctx).is_some()
            && !self.blind_roots.contains(&nginx.contexts()[main].span.file)
    }

    /// Whether `file` has an include that read nothing where files may be
    /// kept elsewhere.
    pub fn has_gap(&self, file: FileId) -> bool {
        self.gaps.contains(&file)
    }
}
