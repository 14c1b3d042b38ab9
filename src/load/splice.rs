//! A bound on the work an include graph can ask for (include bombs).

use super::codes;
use super::project::Project;
use crate::diagnostic::Diagnostic;
use crate::source::Reach;

/// The model reads an included file once for every include that reaches
/// it, through every chain: a snippet included by every site is read once
/// per site. That is linear for real trees, but an include bomb (ten files
/// each including the next ten times, or files that each include the glob
/// that matches them all) reaches billions. So the file reads spliced from
/// one entry point, and from all of them together, are counted before the
/// model is built, and an include that would pass this many is not
/// followed: generous for real servers, a bound on the work for any tree.
pub const SPLICE_BUDGET: usize = 100_000;
/// ... plus this many per file read, so that no real tree, however large,
/// reaches the budget.
pub const SPLICE_PER_FILE: usize = 16;

/// Counts the file reads each file's includes splice and cuts, where a
/// file's (or all entry points' together) pass the budget, its heaviest
/// includes first: the bomb goes, the sites beside it stay. Each entry
/// point that still reaches a cut reports the first one, once.
pub(super) fn bound_splicing(project: &mut Project) {
    let n = project.files.len();
    let budget = SPLICE_BUDGET + SPLICE_PER_FILE * n;
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in project.includes.iter().enumerate() {
        out[e.from.0 as usize].push(i);
    }
    let to: Vec<usize> = project.includes.iter().map(|e| e.to.0 as usize).collect();
    let mut cut = vec![false; project.includes.len()];
    // The reads one file splices, itself included, its includes cut.
    let mut count = vec![0usize; n];
    // Cuts the heaviest includes of `f` (the later first, among equals)
    // until what it splices fits in `limit`; returns what it splices.
    let fit = |f: usize, limit: usize, count: &[usize], cut: &mut [bool]| -> usize {
        let mut total = 1usize;
        for &e in &out[f] {
            if !cut[e] {
                total += count[to[e]];
            }
        }
        if total <= limit {
            return total;
        }
        let mut heavy: Vec<usize> = out[f].iter().copied().filter(|&e| !cut[e]).collect();
        heavy.sort_by_key(|&e| std::cmp::Reverse((count[to[e]], e)));
        for e in heavy {
            if total <= limit {
                break;
            }
            cut[e] = true;
            total -= count[to[e]];
        }
        total
    };
    // Post-order over the includes (the loader records none that closes
    // a cycle; one met anyway is cut), without recursion: chains are long.
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut stack = vec![(start, 0usize)];
        while let Some((f, next)) = stack.last_mut() {
            let f = *f;
            if let Some(&e) = out[f].get(*next) {
                *next += 1;
                match state[to[e]] {
                    0 => {
                        state[to[e]] = 1;
                        stack.push((to[e], 0));
                    }
                    1 => cut[e] = true,
                    _ => {}
                }
                continue;
            }
            stack.pop();
            state[f] = 2;
            count[f] = fit(f, budget, &count, &mut cut);
        }
    }
    let roots: Vec<usize> = (0..n)
        .filter(|&f| matches!(project.files[f].reach, Reach::Entry | Reach::Unreached))
        .collect();
    // All entry points together (and the files no entry point reaches,
    // each read on its own).
    let mut spent = 0usize;
    for &f in &roots {
        let left = budget.saturating_sub(spent).max(1);
        if count[f] > left {
            count[f] = fit(f, left, &count, &mut cut);
        }
        spent += count[f];
    }
    // The cuts each entry point still reaches, in the order it reads them.
    let mut claimed = vec![false; cut.len()];
    let mut seen = vec![false; n];
    for &root in &roots {
        let mut first = None;
        let mut more = 0usize;
        let mut todo = vec![root];
        while let Some(f) = todo.pop() {
            if std::mem::replace(&mut seen[f], true) {
                continue;
            }
            for &e in &out[f] {
                if !cut[e] {
                    continue;
                }
                if !std::mem::replace(&mut claimed[e], true) {
                    if first.is_none() {
                        first = Some(e);
                    } else {
                        more += 1;
                    }
                }
            }
            todo.extend(out[f].iter().rev().filter(|&&e| !cut[e]).map(|&e| to[e]));
        }
        let Some(e) = first else { continue };
        let edge = &project.includes[e];
        let others = match more {
            0 => String::new(),
            1 => " (nor 1 other include that multiplies the same way)".to_string(),
            n => format!(" (nor {n} other includes that multiply the same way)"),
        };
        let (from, at) = (edge.from, edge.at);
        project.diagnostics.push(
            Diagnostic::new(
                &codes::INCLUDE_DEPTH,
                format!(
                    "includes multiply: through this include the same files would be read over and over, more than {budget} times in all; hoplint does not follow it{others}"
                ),
            )
            .at(from, at, "not followed: too many files read through it")
            .help("include each file once: files that each include the next several times, or that each include a glob matching one another, multiply the reads (an include bomb), and the server reads them for ever or runs out of memory"),
        );
    }
    let mut i = 0;
    project.includes.retain(|_| {
        i += 1;
        !cut[i - 1]
    });
}
