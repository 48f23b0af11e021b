//! `pathsim check scenarios/` without the process: `run_script` over every scenario of the
//! library (parsed once, outside the measurement), seed 1, no trace, no capture.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pathsim::run::{run_script, RunOptions};
use pathsim::script::{parse, Script};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every `*.sh` under `dir`, recursively, sorted.
fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(scenario_files(&p));
        } else if p.extension().is_some_and(|e| e == "sh") {
            out.push(p);
        }
    }
    out
}

/// The library's scenarios that parse (the test suite reports those that do not).
fn library() -> Vec<Script> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    scenario_files(&root)
        .iter()
        .filter_map(|p| {
            let src = std::fs::read_to_string(p).ok()?;
            parse(&p.display().to_string(), &src).ok()
        })
        .collect()
}

fn check_library(c: &mut Criterion) {
    let scripts = library();
    if scripts.is_empty() {
        eprintln!("check_library: no scenarios under scenarios/, nothing to measure");
        return;
    }
    let opts = RunOptions {
        seed: 1,
        ..Default::default()
    };
    let mut group = c.benchmark_group("check_library");
    group.throughput(Throughput::Elements(scripts.len() as u64));
    group.bench_function("run_script", |b| {
        b.iter(|| {
            for s in &scripts {
                black_box(run_script(s, &opts));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = check_library
}
criterion_main!(benches);
