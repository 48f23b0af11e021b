//! `pathsim`: run scenarios of `ip`/`bridge`/`sysctl`/`ping` commands without root.

use clap::{Parser, Subcommand};
use pathsim::run::{run_script, RunOptions};
use pathsim::script;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pathsim",
    version,
    about = "Simulate the Linux packet path of a network script, without root"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run one scenario: print every command and its output.
    Run {
        file: PathBuf,
        /// Show each frame's hops (kernel functions, verdicts, drop reasons).
        #[arg(long)]
        trace: bool,
        /// Write a pcapng capture (one interface per namespace/device).
        #[arg(long, value_name = "FILE")]
        pcap: Option<PathBuf>,
        /// Seed for every random choice (MACs, timers, hashes).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print each command of a scenario as one shell-quoted line (what the verifier replays).
    Commands { file: PathBuf },
    /// Run every scenario under the given files or directories and check its `#>` lines.
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print each scenario's result line.
        #[arg(short, long)]
        verbose: bool,
    },
}

fn load(path: &Path) -> Result<script::Script, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    script::parse(&path.display().to_string(), &src).map_err(|e| e.to_string())
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "sh") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Run {
            file,
            trace,
            pcap,
            seed,
        } => {
            let script = match load(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let opts = RunOptions {
                seed,
                trace,
                pcap: pcap.is_some(),
            };
            let mut report = run_script(&script, &opts);
            print!("{}", report.transcript(trace));
            if let (Some(path), Some(rec)) = (pcap, report.pcap.take()) {
                let written = std::fs::File::create(&path)
                    .and_then(|f| rec.write_to(std::io::BufWriter::new(f)));
                if let Err(e) = written {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
            let problems = report.problems();
            for p in &problems {
                eprintln!("{p}");
            }
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Cmd::Commands { file } => match load(&file) {
            Ok(s) => {
                for c in &s.commands {
                    let words: Vec<String> = c.argv.iter().map(|w| shell_quote(w)).collect();
                    println!("{}", words.join(" "));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        Cmd::Check {
            paths,
            seed,
            verbose,
        } => {
            let mut files = Vec::new();
            for p in &paths {
                if let Err(e) = collect(p, &mut files) {
                    eprintln!("{}: {e}", p.display());
                    return ExitCode::from(2);
                }
            }
            let (mut passed, mut failed) = (0, 0);
            for f in files {
                let problems = match load(&f) {
                    Ok(s) => run_script(
                        &s,
                        &RunOptions {
                            seed,
                            ..Default::default()
                        },
                    )
                    .problems(),
                    Err(e) => vec![e],
                };
                if problems.is_empty() {
                    passed += 1;
                    if verbose {
                        println!("PASS {}", f.display());
                    }
                } else {
                    failed += 1;
                    println!("FAIL {}", f.display());
                    for p in problems {
                        println!("  {}", p.replace('\n', "\n  "));
                    }
                }
            }
            println!("{passed} passed, {failed} failed");
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Quotes a word for bash when it needs it.
fn shell_quote(w: &str) -> String {
    let plain = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,%".contains(c));
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}
