//! `pathsim-verify fuzz`: random scenarios from [`crate::generate`] on both sides. A case
//! that diverges is shrunk with proptest's value trees (each step re-runs both sides) to a
//! minimal script, which is saved under `scenarios/regressions/` with what differed.

use crate::compare::Difference;
use crate::generate::{scenario, GenScenario};
use crate::scenario::{verify_one, Outcome};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Shrinking re-runs the kernel side each step (about 1.5 s); this bounds the steps.
const MAX_SHRINK_STEPS: u32 = 40;

/// Totals over all workers.
#[derive(Default)]
struct Tally {
    agreed: u32,
    skipped: u32,
    differed: u32,
    done: u32,
    /// Signatures of the divergences shrunk so far.
    seen: Vec<String>,
    saved: Vec<PathBuf>,
}

/// Runs `cases` random scenarios from `seed` on `jobs` workers (each case in its own
/// sandbox); saves each distinct minimal divergence in `save`.
pub fn fuzz(cases: u32, seed: u64, jobs: u32, save: &Path) -> ExitCode {
    let tally = std::sync::Mutex::new(Tally::default());
    let jobs = jobs.max(1);
    std::thread::scope(|scope| {
        for worker in 0..jobs {
            let tally = &tally;
            scope.spawn(move || {
                let work = std::env::temp_dir()
                    .join(format!("pathsim-fuzz-{}-{worker}", std::process::id()));
                if let Err(e) = std::fs::create_dir_all(&work) {
                    eprintln!("pathsim-verify fuzz: {}: {e}", work.display());
                    return;
                }
                for case in (worker..cases).step_by(jobs as usize) {
                    run_case(&work, seed, case, cases, save, tally);
                }
                let _ = std::fs::remove_dir_all(&work);
            });
        }
    });
    let t = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    println!(
        "{cases} cases from seed {seed}: {} agree, {} differ ({} distinct, minimal scripts \
         saved), {} skipped",
        t.agreed,
        t.differed,
        t.saved.len(),
        t.skipped
    );
    if t.saved.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_case(
    work: &Path,
    seed: u64,
    case: u32,
    cases: u32,
    save: &Path,
    tally: &std::sync::Mutex<Tally>,
) {
    let lock = || tally.lock().unwrap_or_else(|e| e.into_inner());
    let mut runner = runner(seed, case);
    let Ok(mut tree) = scenario().new_tree(&mut runner) else {
        eprintln!("case {case}: the generator rejected every attempt");
        return;
    };
    match check(work, &tree.current()) {
        Check::Agree => lock().agreed += 1,
        Check::Skipped => lock().skipped += 1,
        Check::Differs(d) => {
            let sig = signature(&d);
            let fresh = {
                let mut t = lock();
                t.differed += 1;
                let fresh = !t.seen.contains(&sig);
                if fresh {
                    t.seen.push(sig);
                }
                fresh
            };
            if !fresh {
                println!(
                    "case {case}: differs like an earlier case ({})",
                    headline(&d)
                );
            } else {
                println!("case {case}: differs ({}); shrinking", headline(&d));
                let (minimal, diffs) = shrink(work, &mut tree, d);
                match save_regression(save, seed, case, &minimal, &diffs) {
                    Ok(p) => {
                        println!("case {case}: minimal script saved as {}", p.display());
                        lock().saved.push(p);
                    }
                    Err(e) => eprintln!("case {case}: {e}"),
                }
            }
        }
    }
    let mut t = lock();
    t.done += 1;
    if t.done % 25 == 0 || t.done == cases {
        println!(
            "{} cases: {} agree, {} differ ({} distinct), {} skipped",
            t.done,
            t.agreed,
            t.differed,
            t.seen.len(),
            t.skipped
        );
    }
    let _ = std::io::stdout().flush();
}

/// A runner whose randomness depends only on (seed, case).
fn runner(seed: u64, case: u32) -> TestRunner {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..12].copy_from_slice(&case.to_le_bytes());
    TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

enum Check {
    Agree,
    Skipped,
    Differs(Vec<Difference>),
}

fn check(work: &Path, s: &GenScenario) -> Check {
    let file = work.join("case.sh");
    if std::fs::write(&file, s.to_script()).is_err() {
        return Check::Skipped;
    }
    match verify_one(&file, &[], None) {
        Outcome::Agree { .. } => Check::Agree,
        Outcome::Skipped(_) => Check::Skipped,
        Outcome::Differ { differences, .. } => Check::Differs(differences),
        Outcome::Error(e) => Check::Differs(vec![Difference {
            kind: crate::compare::Kind::Run,
            line: None,
            place: None,
            text: e,
        }]),
    }
}

/// What kind of divergence this is, for not shrinking the same one twice: the first
/// difference's kind and its first two lines without digits and names of namespaces.
fn signature(d: &[Difference]) -> String {
    let Some(first) = d.first() else {
        return String::new();
    };
    let lines: String = first.text.lines().take(2).collect();
    let mut s = format!("{:?}:", first.kind);
    s.extend(lines.chars().filter(|c| !c.is_ascii_digit()));
    s
}

fn headline(d: &[Difference]) -> String {
    d.first()
        .and_then(|d| d.text.lines().next())
        .unwrap_or("")
        .to_string()
}

/// proptest's shrinking loop: simplify while the case still differs, else complicate.
fn shrink(
    work: &Path,
    tree: &mut impl ValueTree<Value = GenScenario>,
    mut diffs: Vec<Difference>,
) -> (GenScenario, Vec<Difference>) {
    let mut best = tree.current();
    let mut steps = 0;
    let mut progressed = tree.simplify();
    while progressed && steps < MAX_SHRINK_STEPS {
        steps += 1;
        match check(work, &tree.current()) {
            Check::Differs(d) => {
                best = tree.current();
                diffs = d;
                progressed = tree.simplify();
            }
            _ => progressed = tree.complicate(),
        }
    }
    (best, diffs)
}

fn save_regression(
    dir: &Path,
    seed: u64,
    case: u32,
    s: &GenScenario,
    diffs: &[Difference],
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("fuzz-s{seed}-c{case}.sh"));
    let mut text = format!(
        "# Found by `pathsim-verify fuzz --seed {seed}` (case {case}), shrunk to a minimal script.\n\
         # The kernel and pathsim differed:\n"
    );
    for d in diffs {
        for l in d.text.lines() {
            text.push_str(&format!("#   {l}\n"));
        }
    }
    text.push_str(&s.to_script());
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
