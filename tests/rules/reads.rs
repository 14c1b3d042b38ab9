//! Each rule's [`Rule::reads`] is a promise the language server acts on:
//! after an edit in place that touched none of the parts a rule reads, it
//! keeps the rule's findings instead of running it. A rule that read a
//! part it does not declare would keep stale findings in the editor.
//!
//! Each part a rule says it does not read is taken out of the model (left
//! empty), and the rule must find exactly what it found with it. Every
//! such rule must find something in one of the trees, so that the
//! comparison compares findings.

use crate::scaling::{load, Pools};
use hoplint::config::Config;
use hoplint::load::Project;
use hoplint::model::{Stack, Touched};
use hoplint::rules::{Context, Phase, REGISTRY};

/// The config the trees are checked with: a small machine, so that the
/// memory rule has something to judge.
fn config() -> Config {
    let mut config = Config::default();
    config.host.ram = Some(1 << 30);
    config
}

/// The model with one part left empty, as if its files were absent.
fn without(project: &Project, part: Touched) -> Stack {
    let mut stack = hoplint::rules::model_of(project, &config());
    if part.nginx {
        stack.nginx = Default::default();
        stack.variables = Default::default();
        stack.sight = Default::default();
        stack.misplaced = Vec::new();
    }
    if part.php {
        stack.pools = Vec::new();
        stack.masters = Vec::new();
        stack.php_inis = Vec::new();
        stack.pool_index = Default::default();
        stack.socket_aliases = Vec::new();
    }
    if part.apache {
        stack.apache = Default::default();
    }
    stack
}

fn found(
    project: &Project,
    stack: &Stack,
    check: fn(&Context) -> Vec<hoplint::diagnostic::Diagnostic>,
) -> Vec<String> {
    let config = config();
    let mut out: Vec<String> = hoplint::rules::with_context(stack, &project.host, &config, check)
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    out.sort();
    out
}

fn examples() -> Vec<(String, Project)> {
    let mut trees = Vec::new();
    for name in ["broken-stack", "debian-php-stack"] {
        let dir = crate::common::repo_root().join("examples").join(name);
        let project = hoplint::load::load(
            std::slice::from_ref(&dir),
            &hoplint::load::Options {
                root: Some(dir.clone()),
                display_base: Some(dir.clone()),
                kind: None,
            },
        );
        trees.push((format!("examples/{name}"), project));
    }
    trees
}

#[test]
fn a_rule_finds_the_same_without_the_parts_it_does_not_read() {
    let generated = tempfile::tempdir().unwrap();
    let mut trees = examples();
    trees.push((
        "a generated server of 60 sites".into(),
        load(generated.path(), 60, Pools::UnderMaster),
    ));
    let parts = [
        ("nginx", Touched::NGINX),
        ("php-fpm", Touched::PHP),
        ("httpd", Touched::APACHE),
    ];
    let mut narrowed = 0;
    for rule in REGISTRY {
        let Phase::Stack(check) = rule.phase else {
            continue;
        };
        if rule.reads == Touched::ALL {
            continue;
        }
        narrowed += 1;
        let mut fired = false;
        for (tree, project) in &trees {
            let whole = found(
                project,
                &hoplint::rules::model_of(project, &config()),
                check,
            );
            fired |= !whole.is_empty();
            for (name, part) in parts {
                if rule.reads.meets(part) {
                    continue;
                }
                let less = found(project, &without(project, part), check);
                assert_eq!(
                    whole, less,
                    "{} says it does not read the {name} part of the model, but finds otherwise without it in {tree}",
                    rule.meta.code
                );
            }
        }
        assert!(
            fired,
            "{} finds nothing in these trees: its `reads` is not checked",
            rule.meta.code
        );
    }
    assert!(narrowed > 0, "no rule declares less than every part");
}
