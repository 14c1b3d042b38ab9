//! Baselines: adopting hoplint on a tree that already has findings.
//! `hoplint check --write-baseline FILE` records today's findings;
//! `--baseline FILE` takes the findings recorded there out of the gate
//! (they are still listed, marked as baselined, by the JSON and SARIF
//! outputs) and says which entries no longer occur.
//!
//! An entry is matched by its fingerprint, which survives lines moving:
//! a hash of the rule's code, the file's path as shown, the source text
//! under the finding's primary label (blanks collapsed, so re-indenting
//! keeps it) and the message; never a line number. Two equal findings
//! are two entries, matched one each.
//!
//! The file is JSON (`docs/hoplint-baseline.schema.json`):
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "code": "unix-socket-missing",
//!       "file": "etc/nginx/sites-enabled/shop",
//!       "fingerprint": "3f2a9c0d81b4e67a",
//!       "message": "`fastcgi_pass` connects to …"
//!     }
//!   ]
//! }
//! ```

use crate::diagnostic::Diagnostic;
use crate::load::Project;
use crate::suppress::{Silenced, SilencedBy};
use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The version of the file's format this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One recorded finding. `file` and `message` are there for people
/// reading the file and for the report of stale entries; only
/// `fingerprint` is matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    /// The file of the primary label, as shown (relative to the working
    /// directory); `null` for a finding about no file.
    pub file: Option<String>,
    pub fingerprint: String,
    pub message: String,
}

/// A finding's fingerprint: 16 hex digits, stable across line moves and
/// across hoplint runs and machines (FNV-1a, 64 bits, over the code, the
/// path, the primary label's text with blanks collapsed, and the message).
pub fn fingerprint(project: &Project, d: &Diagnostic) -> String {
    let mut h = Fnv::new();
    h.write(d.code.as_bytes());
    h.write(&[0]);
    if let Some(p) = &d.primary {
        let f = project.file(p.file);
        h.write(f.display_path().as_bytes());
        h.write(&[0]);
        let start = (p.range.start as usize).min(f.text.len());
        let end = (p.range.end as usize).clamp(start, f.text.len());
        let text = f.text.get(start..end).unwrap_or("");
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                h.write(b" ");
            }
            h.write(word.as_bytes());
        }
    }
    h.write(&[0]);
    h.write(d.message.as_bytes());
    format!("{:016x}", h.0)
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The entry of one finding.
pub fn entry(project: &Project, d: &Diagnostic) -> Entry {
    Entry {
        code: d.code.to_string(),
        file: d
            .primary
            .as_ref()
            .map(|p| project.file(p.file).display_path()),
        fingerprint: fingerprint(project, d),
        message: d.message.clone(),
    }
}

/// The baseline of what the gate counts now: every finding that is
/// neither silenced in the configs nor already baselined, plus the
/// baselined ones (re-recording a baseline keeps them).
pub fn record(project: &Project) -> Baseline {
    let mut findings: Vec<Entry> = project
        .diagnostics
        .iter()
        .chain(
            project
                .silenced
                .iter()
                .filter(|s| s.by == SilencedBy::Baseline)
                .map(|s| &s.diagnostic),
        )
        .map(|d| entry(project, d))
        .collect();
    findings.sort_by(|a, b| {
        (&a.file, &a.code, &a.fingerprint, &a.message).cmp(&(
            &b.file,
            &b.code,
            &b.fingerprint,
            &b.message,
        ))
    });
    Baseline {
        version: VERSION,
        findings,
    }
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a hoplint baseline: {e}", path.display()))?;
        if b.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not {VERSION}, the one this hoplint reads",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).expect("plain data");
        text.push('\n');
        std::fs::write(path, text)
            .map_err(|e| format!("cannot write the baseline `{}`: {e}", path.display()))
    }

    /// Moves the findings recorded here out of the gate, into
    /// `project.silenced`; returns the entries that matched no finding.
    pub fn apply(&self, project: &mut Project) -> Vec<Entry> {
        let mut left: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in &self.findings {
            left.entry(e.fingerprint.as_str()).or_default().push(e);
        }
        let found = std::mem::take(&mut project.diagnostics);
        for d in found {
            let fp = fingerprint(project, &d);
            match left.get_mut(fp.as_str()).and_then(|v| v.pop()) {
                Some(_) => project.silenced.push(Silenced {
                    diagnostic: d,
                    by: SilencedBy::Baseline,
                }),
                None => project.diagnostics.push(d),
            }
        }
        project
            .silenced
            .sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        let mut stale: Vec<Entry> = left.into_values().flatten().cloned().collect();
        stale.sort_by(|a, b| (&a.file, &a.code, &a.message).cmp(&(&b.file, &b.code, &b.message)));
        stale
    }
}
