//! Shared test settings: every snapshot lives in the top-level `snapshots/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// insta settings that write to `snapshots/<dir>` with stable names.
pub fn snapshot_settings(dir: &str) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("snapshots")
            .join(dir),
    );
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
