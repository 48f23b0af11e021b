//! One scenario through both sides, and the report over many.

use crate::compare::{compare, Difference, Kind};
use crate::known::{self, Entry};
use crate::replay::{self, KernelRun};
use crate::{sandbox, simside};
use pathsim::script::{parse, Script};
use pathsim::trace::pcap::PcapRecorder;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// What became of one scenario.
pub enum Outcome {
    /// Both sides agree, apart from reviewed differences (indices into the known list).
    Agree { known: Vec<usize> },
    /// Unexplained differences (and the reviewed ones besides).
    Differ {
        differences: Vec<Difference>,
        known: Vec<usize>,
    },
    /// The kernel cannot run it (`kernel lacks ipip`).
    Skipped(String),
    /// The scenario or the verifier itself failed.
    Error(String),
}

/// Inside the sandbox: set it up, replay the file, print the [`KernelRun`] as JSON.
pub fn sandbox_main(file: &Path) -> ExitCode {
    if let Err(e) = sandbox::enter() {
        eprintln!("pathsim-verify: {e}");
        return ExitCode::from(2);
    }
    let (script, points) = match read_script(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Relative file names in commands (`iptables-restore FILE`) are the scenario's own
    // directory's, on both sides.
    if let Some(dir) = pathsim::run::script_dir(&script.file) {
        if let Err(e) = std::env::set_current_dir(&dir) {
            eprintln!("pathsim-verify: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let run = replay::replay(&script, &points);
    let mut out = std::io::stdout().lock();
    if serde_json::to_writer(&mut out, &run).is_err() || out.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// The parsed script and the commands after which a `#@ snapshot` line asks for the state.
fn read_script(file: &Path) -> Result<(Script, Vec<usize>), String> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let script = parse(&file.display().to_string(), &src).map_err(|e| e.to_string())?;
    let points = crate::directives::snapshot_points(&src, &script);
    Ok((script, points))
}

/// Runs `file` in a fresh sandbox and returns what the kernel did.
pub fn kernel_run(file: &Path) -> Result<KernelRun, String> {
    let mut child = sandbox::sandbox_command(file)
        .and_then(|mut c| c.spawn())
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no sandbox stdout")?;
    let mut stderr = child.stderr.take().ok_or("no sandbox stderr")?;
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + replay::SCENARIO_TIMEOUT + Duration::from_secs(60);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("the sandbox did not finish in time and was killed".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for the sandbox: {e}")),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("the sandbox failed ({status}): {}", err.trim_end()));
    }
    serde_json::from_slice(&out).map_err(|e| format!("the sandbox's report is unreadable: {e}"))
}

/// Both sides of one scenario, compared; `keep` receives the two captures.
pub fn verify_one(file: &Path, known: &[Entry], keep: Option<&Path>) -> Outcome {
    let (script, points) = match read_script(file) {
        Ok(s) => s,
        Err(e) => return Outcome::Error(e),
    };
    let k = match kernel_run(file) {
        Ok(k) => k,
        Err(e) => return Outcome::Error(e),
    };
    if let Some(why) = k.skipped {
        return Outcome::Skipped(why);
    }
    let s = simside::run(&script, 0, &k, &points);
    if let Some(dir) = keep {
        if let Err(e) = keep_captures(file, dir, &k, &s.pcap) {
            return Outcome::Error(e);
        }
    }
    let name = file_name(file);
    let all = compare(&script, &k, &s);
    let mut used = Vec::new();
    let mut differences = Vec::new();
    for d in all {
        match known.iter().position(|e| e.covers(&name, &d)) {
            Some(i) => used.push(i),
            None => differences.push(d),
        }
    }
    used.sort_unstable();
    used.dedup();
    if differences.is_empty() {
        Outcome::Agree { known: used }
    } else {
        Outcome::Differ {
            differences,
            known: used,
        }
    }
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn keep_captures(file: &Path, dir: &Path, k: &KernelRun, sim: &PcapRecorder) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let mut kr = PcapRecorder::new();
    for f in &k.frames {
        let id = kr.interface(&f.iface);
        kr.record(id, f.time_ns, f.outbound, &f.bytes(), None);
    }
    for (rec, side) in [(&kr, "kernel"), (sim, "pathsim")] {
        let path = dir.join(format!("{stem}.{side}.pcapng"));
        let w = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        rec.write_to(std::io::BufWriter::new(w))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Every `*.sh` under the given files and directories, sorted per directory.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            let (dirs, files): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.is_dir());
            out.extend(
                files
                    .into_iter()
                    .filter(|f| f.extension().is_some_and(|x| x == "sh")),
            );
            out.extend(collect(&dirs)?);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

/// `pathsim-verify PATHS…` and `pathsim-verify run FILE`: one line per scenario, the first
/// difference of each kind (all of them with `verbose`), then the totals.
pub fn verify_paths(paths: &[PathBuf], verbose: bool, keep: Option<&Path>) -> ExitCode {
    let known = match known::load(known::KNOWN_DIFFERENCES) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("pathsim-verify: {e}");
            return ExitCode::from(2);
        }
    };
    let files = match collect(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("pathsim-verify: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut used = vec![false; known.len()];
    let mut ran: Vec<String> = Vec::new();
    let started = Instant::now();
    for f in &files {
        let t = Instant::now();
        let outcome = verify_one(f, &known, keep);
        let secs = t.elapsed().as_secs_f64();
        let name = f.display();
        ran.push(file_name(f));
        if let Outcome::Agree { known } | Outcome::Differ { known, .. } = &outcome {
            for &i in known {
                used[i] = true;
            }
        }
        match outcome {
            Outcome::Agree { known } => {
                passed += 1;
                let extra = if known.is_empty() {
                    String::new()
                } else {
                    format!(" ({} known differences)", known.len())
                };
                println!("agree    {name}{extra}  [{secs:.1} s]");
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                println!("skipped  {name}: {why}");
            }
            Outcome::Error(e) => {
                failed += 1;
                println!("ERROR    {name}: {e}");
            }
            Outcome::Differ { differences, .. } => {
                failed += 1;
                println!("DIFFER   {name}  [{secs:.1} s]");
                print_differences(&differences, verbose);
            }
        }
        let _ = std::io::stdout().flush();
    }
    for (e, used) in known.iter().zip(&used) {
        if !used && !e.by_chance && ran.contains(&e.scenario) {
            println!(
                "stale known difference (it no longer differs; remove it from \
                 verify/known-differences.toml): {} {:?} {}: {} [{}]",
                e.scenario,
                e.kind,
                e.line
                    .map(|l| format!("line {l}"))
                    .or(e.place.clone())
                    .unwrap_or_default(),
                e.why,
                e.kernel
            );
        }
    }
    println!(
        "kernel drop reasons (skb:kfree_skb) are not compared: the verifier does not enable \
         tracepoints, which are machine-wide state"
    );
    let mut summary = format!("{passed} passed, {failed} failed");
    if skipped > 0 {
        summary.push_str(&format!(", {skipped} skipped"));
    }
    println!("{summary}  [{:.1} s]", started.elapsed().as_secs_f64());
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_differences(differences: &[Difference], verbose: bool) {
    let mut shown_kinds: Vec<Kind> = Vec::new();
    for d in differences {
        if !verbose && shown_kinds.contains(&d.kind) {
            continue;
        }
        shown_kinds.push(d.kind);
        for l in d.text.lines() {
            println!("    {l}");
        }
    }
    let hidden = differences.len()
        - if verbose {
            differences.len()
        } else {
            shown_kinds.len()
        };
    if hidden > 0 {
        println!("    … and {hidden} more differences (pathsim-verify run FILE shows all)");
    }
}
