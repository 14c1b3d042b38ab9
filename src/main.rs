use clap::Parser;
use std::process::ExitCode;

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
