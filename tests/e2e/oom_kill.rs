//! `pool-memory-overcommit` with the kernel's own OOM killer: php-fpm's
//! master and workers run in a memory cgroup whose limit stands for the
//! machine's RAM, so the OOM killer acts inside that group alone and the
//! rest of the machine is never short. Four workers that each hold 32M
//! do not fit in 112M: the kernel kills one mid-request and nginx answers
//! 502; two workers fit and every request answers 200. hoplint, told the
//! same RAM and worker size, flags the first pool and not the second.
//!
//! Where the kernel offers no writable memory cgroup, or does not enforce
//! its limit, the test says so and skips: `worker_killed.rs` still shows
//! what the OOM killer's signal does, sent by hand.

use crate::harness::{
    assert_log_line, free_port, nginx_php_server, read_lossy, wait_until, Stack, NGINX, PHP_FPM,
};
use crate::http::{send_concurrent, Request};
use hoplint::config::{Config, Host};
use hoplint::diagnostic::Severity;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const CODE: &str = "pool-memory-overcommit";
const M: u64 = 1024 * 1024;
/// The "RAM" of the pool: the cgroup's limit.
const LIMIT: u64 = 112 * M;
/// What each request makes its worker hold.
const HELD: u64 = 32 * M;
const REQUESTS: usize = 4;

/// A memory cgroup made for one test (v1 `memory` hierarchy or the v2
/// unified one), removed on drop after moving anything left in it out.
struct MemoryCgroup {
    dir: PathBuf,
    parent_procs: PathBuf,
    v2: bool,
}

impl MemoryCgroup {
    /// `Err(why)` when this machine gives no memory cgroup to write to.
    fn create(name: &str, limit: u64) -> Result<MemoryCgroup, String> {
        let v1 = Path::new("/sys/fs/cgroup/memory");
        let v2_controllers = fs::read_to_string("/sys/fs/cgroup/cgroup.controllers");
        let (base, v2) = if v1.join("memory.limit_in_bytes").exists() {
            (v1.to_path_buf(), false)
        } else if v2_controllers.is_ok_and(|c| c.split_whitespace().any(|w| w == "memory")) {
            (PathBuf::from("/sys/fs/cgroup"), true)
        } else {
            return Err("no memory cgroup hierarchy is mounted".into());
        };
        let dir = base.join(format!("hoplint-e2e-{}-{name}", std::process::id()));
        fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let group = MemoryCgroup {
            parent_procs: base.join("cgroup.procs"),
            dir,
            v2,
        };
        let (max, swap) = if v2 {
            ("memory.max", "memory.swap.max")
        } else {
            ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes")
        };
        group.write(max, &limit.to_string())?;
        // Without swap accounting (no swap, or `swapaccount=0`) this file is
        // absent or refuses; then the memory limit alone binds.
        let _ = group.write(swap, &if v2 { 0 } else { limit }.to_string());
        Ok(group)
    }

    fn write(&self, file: &str, value: &str) -> Result<(), String> {
        let path = self.dir.join(file);
        fs::write(&path, value).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn adopt(&self, pid: u32) {
        self.write("cgroup.procs", &pid.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Processes the kernel's OOM killer has killed in this group.
    fn oom_kills(&self) -> u64 {
        let file = if self.v2 {
            "memory.events"
        } else {
            "memory.oom_control"
        };
        fs::read_to_string(self.dir.join(file))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("oom_kill "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }

    /// The most the group has held at once (v1; v2 has `memory.peak`).
    fn peak(&self) -> Option<u64> {
        let file = if self.v2 {
            "memory.peak"
        } else {
            "memory.max_usage_in_bytes"
        };
        fs::read_to_string(self.dir.join(file))
            .ok()?
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for MemoryCgroup {
    fn drop(&mut self) {
        let procs = fs::read_to_string(self.dir.join("cgroup.procs")).unwrap_or_default();
        for pid in procs.split_whitespace() {
            let _ = fs::write(&self.parent_procs, pid);
        }
        wait_until(Duration::from_secs(5), || fs::remove_dir(&self.dir).is_ok());
    }
}

fn host() -> Config {
    Config {
        host: Host {
            ram: Some(LIMIT),
            child_rss: Some(HELD),
            somaxconn: None,
        },
        ..Config::default()
    }
}

/// The stack comes first so that its servers stop before the group is removed.
struct Outcome {
    stack: Stack,
    group: MemoryCgroup,
    statuses: Vec<u16>,
}

/// nginx in front of a static pool of `children` workers (unix socket,
/// `memory_limit` 48M) whose master and workers are moved into a fresh
/// cgroup limited to [`LIMIT`]; [`REQUESTS`] requests at once to a script
/// that holds [`HELD`] for 2 s. `None` when the test cannot run here.
fn busy_pool_in_cgroup(name: &str, children: u32) -> Option<Outcome> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    let group = match MemoryCgroup::create(name, LIMIT) {
        Ok(g) => g,
        Err(why) => {
            println!("SKIPPED: {name}: {why}");
            return None;
        }
    };
    s.script(
        "hold.php",
        &format!(
            "<?php $s = str_repeat('x', {HELD}); sleep(2); echo strlen($s) === {HELD} ? 'ok' : 'short';"
        ),
    );
    let sock = s.path("php.sock").display().to_string();
    let fpm = s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n\
         pm.max_children = {children}\nphp_admin_value[memory_limit] = 48M\n"
    ));
    // The master first, so that a worker it forks later lands in the group.
    group.adopt(fpm.pid);
    for w in fpm.workers() {
        group.adopt(w);
    }
    let port = free_port();
    s.nginx(
        "www-data",
        &nginx_php_server(&s, port, &format!("unix:{sock}")),
        port,
    );
    let statuses = send_concurrent(port, &Request::get("/hold.php", "localhost"), REQUESTS)
        .into_iter()
        .map(|r| r.expect("a response").status)
        .collect();
    Some(Outcome {
        stack: s,
        group,
        statuses,
    })
}

fn findings(s: &Stack) -> Vec<(Severity, String)> {
    s.hoplint_check(&host(), false)
        .diagnostics
        .iter()
        .filter(|d| d.code == CODE)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

#[test]
fn more_workers_than_the_memory_holds_are_killed_by_the_kernel_502() {
    let Some(o) = busy_pool_in_cgroup("oom_kill", 4) else {
        return;
    };
    let kills = o.group.oom_kills();
    if kills == 0 && o.statuses.iter().all(|&c| c == 200) {
        println!(
            "SKIPPED: oom_kill: the memory cgroup did not enforce its {LIMIT}-byte limit \
             (peak {:?}); this kernel cannot show the OOM killer",
            o.group.peak()
        );
        return;
    }
    let nginx_log = o.stack.servers()[1].error_log.clone();
    assert!(kills >= 1, "no OOM kill, yet {:?}", o.statuses);
    let bad = o.statuses.iter().filter(|&&c| c == 502).count();
    let good = o.statuses.iter().filter(|&&c| c == 200).count();
    assert!(
        bad >= 1 && bad + good == REQUESTS,
        "{:?}\n{}",
        o.statuses,
        read_lossy(&nginx_log)
    );
    eprintln!(
        "oom_kill: the kernel killed {kills}, statuses {:?}, peak {:?}",
        o.statuses,
        o.group.peak()
    );
    let line = assert_log_line(
        &nginx_log,
        "recv() failed (104: Connection reset by peer) while reading response header from upstream",
    );
    eprintln!("{line}");
    let fpm = assert_log_line(
        &o.stack.servers()[0].error_log,
        "exited on signal 9 (SIGKILL)",
    );
    eprintln!("{fpm}");

    // 4 × 32M against 112M.
    let found = findings(&o.stack);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains("recv() failed (104"), "{}", found[0].1);
    o.stack.finish();
}

#[test]
fn workers_that_fit_the_memory_all_answer_200_and_are_silent() {
    let Some(o) = busy_pool_in_cgroup("oom_kill_fits", 2) else {
        return;
    };
    let nginx_log = o.stack.servers()[1].error_log.clone();
    assert_eq!(
        o.statuses,
        vec![200; REQUESTS],
        "{}",
        read_lossy(&nginx_log)
    );
    assert_eq!(o.group.oom_kills(), 0);
    assert!(!read_lossy(&o.stack.servers()[0].error_log).contains("exited on signal"));
    // 2 × 32M and 2 × 48M against 112M.
    assert_eq!(findings(&o.stack), vec![]);
    o.stack.finish();
}
