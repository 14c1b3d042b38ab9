use clap::Parser;
use std::process::ExitCode;

/// A check allocates millions of small nodes, names and findings, from
/// the parsing threads and the main one: glibc's malloc spent a third of a
/// 10,000-site check in its arenas (growing them with `mprotect`,
/// consolidating and freeing chunks); mimalloc's per-thread free lists
/// take most of that away.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Syntax trees can be nested thousands of levels deep; the work runs on a
/// thread with room for that instead of the main thread's 8 MiB.
const STACK_BYTES: usize = 512 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = hoplint::cli::Cli::parse();
    std::thread::Builder::new()
        .name("hoplint".into())
        .stack_size(STACK_BYTES)
        .spawn(move || hoplint::cli::run(cli))
        .map(|h| h.join().unwrap_or(ExitCode::from(2)))
        .unwrap_or_else(|e| {
            eprintln!("hoplint: cannot start: {e}");
            ExitCode::from(2)
        })
}
