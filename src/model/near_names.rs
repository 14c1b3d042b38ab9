//! Names within a few edits of a given one, for "did you mean": a trie of
//! the names, walked with one row of the edit-distance table per node and
//! left as soon as a row's best exceeds the allowed edits. The work is
//! that of the names' shared prefixes near the query, not of every name,
//! so thousands of upstreams and misspelt hops stay linear, and the answer
//! is the one comparing with every name would give.

pub struct NearNames<T> {
    /// Node 0 is the root (the empty prefix).
    nodes: Vec<Node<T>>,
}

struct Node<T> {
    ch: char,
    children: Vec<u32>,
    /// What is named by the prefix ending here.
    items: Vec<T>,
}

impl<T> Default for NearNames<T> {
    fn default() -> Self {
        NearNames {
            nodes: vec![Node {
                ch: '\0',
                children: Vec::new(),
                items: Vec::new(),
            }],
        }
    }
}

impl<T: Copy> NearNames<T> {
    pub fn insert(&mut self, name: &str, item: T) {
        let mut at = 0usize;
        for ch in name.chars() {
            let found = self.nodes[at]
                .children
                .iter()
                .map(|&c| c as usize)
                .find(|&c| self.nodes[c].ch == ch);
            at = match found {
                Some(c) => c,
                None => {
                    self.nodes.push(Node {
                        ch,
                        children: Vec::new(),
                        items: Vec::new(),
                    });
                    let c = self.nodes.len() - 1;
                    self.nodes[at].children.push(c as u32);
                    c
                }
            };
        }
        self.nodes[at].items.push(item);
    }

    /// Every item whose name is at most `max` edits (insertions, deletions,
    /// substitutions) from `query`, with that distance.
    pub fn within(&self, query: &str, max: usize) -> Vec<(usize, T)> {
        self.walk(query, max, false)
    }

    /// Of the items nearest to `query` within `max` edits, the one `key`
    /// orders first: what comparing with every name and keeping the
    /// first of the nearest gives. The bound tightens to the best distance
    /// found so far, so a near name ends the search of farther branches.
    pub fn nearest<K: Ord>(
        &self,
        query: &str,
        max: usize,
        key: impl Fn(&T) -> K,
    ) -> Option<(usize, T)> {
        let found = self.walk(query, max, true);
        let best = found.iter().map(|(d, _)| *d).min()?;
        found
            .into_iter()
            .filter(|(d, _)| *d == best)
            .min_by_key(|(_, i)| key(i))
    }

    /// The trie walk behind [`within`](Self::within) and
    /// [`nearest`](Self::nearest); `tighten` lowers `max` to each distance
    /// found, so farther items may be left out of the answer.
    fn walk(&self, query: &str, mut max: usize, tighten: bool) -> Vec<(usize, T)> {
        let q: Vec<char> = query.chars().collect();
        let first: Vec<usize> = (0..=q.len()).collect();
        let mut out = Vec::new();
        if first[q.len()] <= max {
            out.extend(self.nodes[0].items.iter().map(|i| (q.len(), *i)));
            if tighten && !self.nodes[0].items.is_empty() {
                max = q.len();
            }
        }
        let mut stack: Vec<(usize, std::rc::Rc<Vec<usize>>)> = Vec::new();
        let root_row = std::rc::Rc::new(first);
        for &c in self.nodes[0].children.iter().rev() {
            stack.push((c as usize, root_row.clone()));
        }
        while let Some((at, prev)) = stack.pop() {
            let node = &self.nodes[at];
            let mut row = Vec::with_capacity(q.len() + 1);
            row.push(prev[0] + 1);
            for (j, &qc) in q.iter().enumerate() {
                let sub = prev[j] + usize::from(qc != node.ch);
                row.push(sub.min(prev[j + 1] + 1).min(row[j] + 1));
            }
            if row[q.len()] <= max {
                out.extend(node.items.iter().map(|i| (row[q.len()], *i)));
                if tighten && !node.items.is_empty() {
                    max = row[q.len()];
                }
            }
            if row.iter().min().is_some_and(|&m| m <= max) && !node.children.is_empty() {
                let row = std::rc::Rc::new(row);
                for &c in node.children.iter().rev() {
                    stack.push((c as usize, row.clone()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::endpoint::edit_distance;

    #[test]
    fn finds_what_comparing_with_every_name_finds() {
        let names = [
            "app",
            "apps",
            "app1",
            "app12",
            "php_backend",
            "php_backends",
            "api",
            "äpp",
            "",
            "backend_upstream_servers_00001",
            "backend_upstream_servers_00731",
        ];
        let mut trie = NearNames::default();
        for n in &names {
            trie.insert(n, n);
        }
        for q in [
            "app",
            "apq",
            "ap",
            "php_backnd",
            "äpq",
            "",
            "x",
            "backend_upstreem_servers_00731",
            "backend_upstream_servers_00071",
        ] {
            for max in 0..4 {
                let mut got: Vec<(usize, &str)> = trie
                    .within(q, max)
                    .into_iter()
                    .map(|(d, n)| (d, *n))
                    .collect();
                got.sort();
                let mut want: Vec<(usize, &str)> = names
                    .iter()
                    .map(|n| (edit_distance(n, q), *n))
                    .filter(|(d, _)| *d <= max)
                    .collect();
                want.sort();
                assert_eq!(got, want, "{q:?} within {max}");
                // The first inserted of the nearest, as a scan in order
                // keeps it.
                let first = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (edit_distance(n, q), i))
                    .filter(|(d, _)| *d <= max)
                    .min();
                let mut ordered = NearNames::default();
                for (i, n) in names.iter().enumerate() {
                    ordered.insert(n, i);
                }
                assert_eq!(ordered.nearest(q, max, |i| *i), first, "{q:?} within {max}");
            }
        }
    }
}
