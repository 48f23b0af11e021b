//! `pathsim-verify`: replays scenarios on the real kernel in a throw-away sandbox and diffs
//! them against the simulator: outputs, `#>` expectations, frames per interface, final state.
//! Needs root; changes nothing outside its sandbox (see `sandbox.rs`).

mod bench;
mod capture;
mod compare;
mod directives;
mod flows;
mod fuzz;
mod generate;
mod known;
mod netns;
mod normalize;
mod replay;
mod sandbox;
mod scenario;
mod simside;
mod snapshot;
mod teardown;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pathsim-verify",
    about = "Run pathsim scenarios on the real kernel (in a sandbox) and in the simulator, and report every difference",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Scenario files or directories (searched recursively for *.sh)
    paths: Vec<PathBuf>,
    /// Print every difference, not only the first of each kind
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Cmd {
    /// Verify one scenario and print every difference
    Run {
        file: PathBuf,
        /// Write the kernel's and pathsim's captures (pcapng) side by side into this directory
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Random scenarios on both sides; a divergence is shrunk and saved under
    /// scenarios/regressions/
    Fuzz {
        #[arg(long, default_value_t = 100)]
        cases: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Cases run at the same time, each in its own sandbox. More than 1 is faster but
        /// not exact: the kernel's linkwatch rate limit is machine-wide, so one case's link
        /// events can delay another's by up to a second
        #[arg(long, default_value_t = 1)]
        jobs: u32,
        /// Where minimal diverging scripts are saved
        #[arg(long, default_value = "scenarios/regressions")]
        save: PathBuf,
    },
    /// Frames per second through a routed namespace (a → r → b) with N non-matching FORWARD
    /// rules, on the real kernel (in a sandbox) and in pathsim, in the same run
    BenchForward {
        /// Rule counts (a row without any iptables table is always measured first)
        #[arg(long, value_delimiter = ',', default_value = "0,100,1000,10000")]
        rules: Vec<usize>,
        /// Frames per rule count and side (each also bounded to 10 s)
        #[arg(long, default_value_t = 200_000)]
        frames: u64,
    },
    /// Internal: run inside the sandbox (PID 1 of new PID, mount and network namespaces)
    #[command(name = "__sandbox", hide = true)]
    Sandbox { file: PathBuf },
    /// Internal: the kernel side of bench-forward, inside the sandbox
    #[command(name = "__bench-forward", hide = true)]
    BenchForwardSandbox {
        #[arg(long, value_delimiter = ',')]
        rules: Vec<usize>,
        #[arg(long)]
        frames: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::Sandbox { file }) => scenario::sandbox_main(&file),
        Some(Cmd::BenchForwardSandbox { rules, frames }) => bench::sandbox_main(&rules, frames),
        Some(Cmd::BenchForward { rules, frames }) => guard(|| bench::run(&rules, frames)),
        Some(Cmd::Run { file, keep }) => {
            guard(|| scenario::verify_paths(&[file], true, keep.as_deref()))
        }
        Some(Cmd::Fuzz {
            cases,
            seed,
            jobs,
            save,
        }) => guard(|| fuzz::fuzz(cases, seed, jobs, &save)),
        None if cli.paths.is_empty() => {
            eprintln!("pathsim-verify: give scenario files or directories (e.g. scenarios/), or `run FILE`, or `fuzz`");
            ExitCode::from(2)
        }
        None => guard(|| scenario::verify_paths(&cli.paths, cli.verbose, None)),
    }
}

/// Refuses to start (exit 2) where the verifier cannot run: not root, or a tool missing.
fn guard(f: impl FnOnce() -> ExitCode) -> ExitCode {
    match sandbox::preflight() {
        Ok(()) => f(),
        Err(why) => {
            eprintln!("pathsim-verify: {why}");
            ExitCode::from(2)
        }
    }
}
