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

/// Writes `files` (path relative to the tree, content) below `dir`.
pub fn write_tree<N: AsRef<str>, B: AsRef<[u8]>>(dir: &Path, files: &[(N, B)]) {
    for (name, body) in files {
        let path = dir.join(name.as_ref());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// Writes `files` into a fresh temporary tree and checks it as a server's
/// `/`, paths shown relative to the tree. The tree lives as long as the
/// returned `TempDir`.
pub fn check_tree<N: AsRef<str>, B: AsRef<[u8]>>(
    files: &[(N, B)],
) -> (tempfile::TempDir, hoplint::load::Project) {
    check_tree_with(files, &hoplint::config::Config::default())
}

/// [`check_tree`] with what a `hoplint.toml` would declare.
pub fn check_tree_with<N: AsRef<str>, B: AsRef<[u8]>>(
    files: &[(N, B)],
    config: &hoplint::config::Config,
) -> (tempfile::TempDir, hoplint::load::Project) {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), files);
    let project = hoplint::check_with(
        &[dir.path().to_path_buf()],
        &hoplint::load::Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
        config,
    );
    (dir, project)
}

/// `path:line` of a label, the path relative to the checked tree `dir`.
pub fn place(
    project: &hoplint::load::Project,
    dir: &Path,
    label: &hoplint::diagnostic::Label,
) -> String {
    let f = project.file(label.file);
    format!(
        "{}:{}",
        f.path.strip_prefix(dir).unwrap_or(&f.path).display(),
        f.line_col(label.range.start).0
    )
}
