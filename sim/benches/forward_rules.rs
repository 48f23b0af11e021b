//! The routed path a → r → b with 0, 100, 1,000 and 10,000 non-matching FORWARD rules in
//! `r` (loaded through `iptables-restore FILE`), in frames per second forwarded by `r` and
//! received by `b`. One element = one frame received on `b`'s `vb`. The topology, rules and
//! frames are [`pathsim::bench`]'s, the same `pathsim-verify bench-forward` measures on the
//! kernel. The `none` row is `r` without any iptables table (nothing at its hooks, no
//! connection tracking; every row is conntrack-free). After criterion, a plain table:
//! rules → frames/s, ratio to 0 rules.
//!
//! `cargo bench -p pathsim --bench forward_rules`

use criterion::{BenchmarkId, Criterion, Throughput};
use pathsim::bench::{ForwardWorld, RULE_COUNTS};
use std::hint::black_box;
use std::time::Duration;

/// Frames queued per measured iteration.
const BATCH: u64 = 64;

fn main() {
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut worlds: Vec<(String, ForwardWorld)> = std::iter::once(None)
        .chain(RULE_COUNTS.iter().copied().map(Some))
        .map(|n| {
            let name = n.map_or_else(|| "none".to_string(), |n| n.to_string());
            (name, ForwardWorld::build_opt(n))
        })
        .collect();
    {
        let mut g = c.benchmark_group("forward_rules");
        g.throughput(Throughput::Elements(BATCH));
        for (n, w) in &mut worlds {
            assert_eq!(w.inject(1), 1, "{n} rules: the frame is not forwarded to b");
            g.bench_with_input(BenchmarkId::from_parameter(&*n), n, |bch, _| {
                bch.iter(|| black_box(w.inject(BATCH)))
            });
        }
        g.finish();
    }
    c.final_summary();
    // The plain table: one timed loop per rule count (200k frames or 2 s).
    println!("\nforward_rules summary (pathsim, wall clock)");
    println!("{:>8} {:>14} {:>10}", "rules", "frames/s", "vs 0");
    let rows: Vec<(String, f64)> = worlds
        .iter_mut()
        .map(|(n, w)| {
            let (got, secs) = w.measure(200_000, BATCH, Duration::from_secs(2));
            (n.clone(), got as f64 / secs)
        })
        .collect();
    let base = rows.iter().find(|(n, _)| n == "0").map_or(1.0, |r| r.1);
    for (n, fps) in rows {
        println!("{n:>8} {fps:>14.0} {:>9.2}x", fps / base);
    }
}
