//! `pathsim-verify bench-forward`: frames per second through a routed namespace with N
//! non-matching FORWARD rules, on the real kernel and in the simulator, in the same run.
//!
//! The topology, rules files and frame are [`pathsim::bench`]'s (a → r → b, ICMP echo
//! replies that `b` receives and discards). The kernel side runs in the verifier's sandbox
//! (a child `pathsim-verify __bench-forward` that is PID 1 of new PID, mount and network
//! namespaces, see `sandbox.rs`): it builds the topology with the real `ip`, `sysctl` and
//! `iptables-restore`, then for each N loads the rules in `r`, sends the frames from an
//! `AF_PACKET` socket bound to `a`'s `va` (opened on a thread that entered `a`) and counts
//! what `b`'s `vb` received (`ip -s -j link`). It prints one JSON line per N; the parent then
//! times the simulator on the same N with [`pathsim::bench::ForwardWorld::measure`] and
//! prints both, with the ratios.
//!
//! Bounded: at most [`MAX_FRAMES`] frames and [`BUDGET`] per N on each side, every command
//! and the whole sandbox under a time limit.

use crate::netns::NsName;
use crate::sandbox;
use pathsim::bench::{self as pb, ForwardWorld};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The most frames per rule count (either side).
pub const MAX_FRAMES: u64 = 1_000_000;
/// The most rules per count.
pub const MAX_RULES: usize = 100_000;
/// Wall-clock budget per rule count and side.
pub const BUDGET: Duration = Duration::from_secs(10);
/// Frames sent (kernel) or injected (pathsim) before each measurement.
const WARMUP: u64 = 1_000;
/// Simulator batch size (as the criterion bench).
const BATCH: u64 = 64;

/// One kernel measurement: `rules` is `None` before any iptables table exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Point {
    pub rules: Option<usize>,
    pub sent: u64,
    pub delivered: u64,
    pub secs: f64,
}

impl Point {
    fn fps(&self) -> f64 {
        self.delivered as f64 / self.secs.max(1e-9)
    }
}

fn check_args(rules: &[usize], frames: u64) -> Result<(), String> {
    if rules.is_empty() || rules.len() > 8 {
        return Err("--rules: give 1 to 8 rule counts".into());
    }
    if let Some(r) = rules.iter().find(|&&r| r > MAX_RULES) {
        return Err(format!("--rules: {r} is more than {MAX_RULES}"));
    }
    if frames == 0 || frames > MAX_FRAMES {
        return Err(format!("--frames: 1 to {MAX_FRAMES}"));
    }
    Ok(())
}

fn join(rules: &[usize]) -> String {
    rules
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The subcommand (outside the sandbox, after the root and tools preflight).
pub fn run(rules: &[usize], frames: u64) -> ExitCode {
    if let Err(e) = check_args(rules, frames) {
        eprintln!("pathsim-verify bench-forward: {e}");
        return ExitCode::from(2);
    }
    if sandbox::find_in_path("iptables-restore").is_none() {
        eprintln!("pathsim-verify: bench-forward needs iptables-restore in PATH");
        return ExitCode::from(2);
    }
    println!(
        "bench-forward: a → r → b, ICMP echo replies received by b, up to {frames} frames or {} s per rule count and side",
        BUDGET.as_secs()
    );
    let kernel = match kernel_points(rules, frames) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("pathsim-verify bench-forward: kernel side: {e}");
            return ExitCode::FAILURE;
        }
    };
    let counts: Vec<Option<usize>> = std::iter::once(None)
        .chain(rules.iter().copied().map(Some))
        .collect();
    let sim: Vec<Point> = counts.iter().map(|&n| sim_point(n, frames)).collect();
    print_table(&kernel, &sim);
    ExitCode::SUCCESS
}

/// The simulator's figure for `n` rules: the bench's world and inject loop, timed once.
pub fn sim_point(n: Option<usize>, frames: u64) -> Point {
    let mut w = ForwardWorld::build_opt(n);
    w.inject(WARMUP);
    let (delivered, secs) = w.measure(frames, BATCH, BUDGET);
    Point {
        rules: n,
        sent: frames,
        delivered,
        secs,
    }
}

fn label(n: Option<usize>) -> String {
    n.map_or_else(|| "none".to_string(), |n| n.to_string())
}

fn print_table(kernel: &[Point], sim: &[Point]) {
    let base = |v: &[Point]| v.iter().find(|p| p.rules == Some(0)).map(Point::fps);
    let (kb, sb) = (base(kernel), base(sim));
    let vs =
        |b: Option<f64>, x: f64| b.map_or_else(|| "-".to_string(), |b| format!("{:.2}x", x / b));
    println!(
        "{:>7} {:>14} {:>9} {:>14} {:>9} {:>15}",
        "rules", "kernel fr/s", "k vs 0", "pathsim fr/s", "p vs 0", "pathsim/kernel"
    );
    for s in sim {
        let k = kernel.iter().find(|k| k.rules == s.rules);
        let (kf, sf) = (k.map(Point::fps), s.fps());
        println!(
            "{:>7} {:>14} {:>9} {:>14.0} {:>9} {:>15}",
            label(s.rules),
            kf.map_or_else(|| "-".into(), |f| format!("{f:.0}")),
            kf.map_or_else(|| "-".into(), |f| vs(kb, f)),
            sf,
            vs(sb, sf),
            kf.map_or_else(|| "-".into(), |f| format!("{:.2}x", sf / f)),
        );
    }
    for k in kernel {
        if k.delivered + k.delivered / 100 < k.sent {
            println!(
                "  note: kernel, {} rules: {} of {} frames sent reached b",
                label(k.rules),
                k.delivered,
                k.sent
            );
        }
    }
    println!("(\"none\": r has no iptables table at all; every row is conntrack-free)");
}

/// Runs the sandbox child and reads its points.
fn kernel_points(rules: &[usize], frames: u64) -> Result<Vec<Point>, String> {
    let frames_s = frames.to_string();
    let rules_s = join(rules);
    let mut child = sandbox::sandbox_args(&[
        "__bench-forward",
        "--rules",
        &rules_s,
        "--frames",
        &frames_s,
    ])
    .and_then(|mut c| c.spawn())
    .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let limit =
        Duration::from_secs(60) + (BUDGET + Duration::from_secs(20)) * (rules.len() as u32 + 1);
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let mut stderr = child.stderr.take().expect("piped");
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            break st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("the sandbox ran longer than {} s", limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("the sandbox failed ({status}): {}", err.trim()));
    }
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{e}: {l}")))
        .collect()
}

/// Inside the sandbox: builds the topology, measures each N, prints one JSON line each.
pub fn sandbox_main(rules: &[usize], frames: u64) -> ExitCode {
    if let Err(e) = sandbox::enter() {
        eprintln!("pathsim-verify: {e}");
        return ExitCode::from(2);
    }
    if let Err(e) = check_args(rules, frames) {
        eprintln!("pathsim-verify: {e}");
        return ExitCode::from(2);
    }
    match kernel_side(rules, frames) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pathsim-verify: {e}");
            ExitCode::FAILURE
        }
    }
}

fn kernel_side(rules: &[usize], frames: u64) -> Result<(), String> {
    for argv in pb::topology(None) {
        command(&argv)?;
    }
    // Link-up work (IPv6 DAD, router solicitations) is mostly over after this; what is left
    // adds a few frames to b's counter at most.
    std::thread::sleep(Duration::from_secs(2));
    let frame = pb::frame();
    let counts = std::iter::once(None).chain(rules.iter().copied().map(Some));
    for n in counts {
        if let Some(n) = n {
            let path = format!("/run/pathsim-forward-{n}.rules");
            std::fs::write(&path, pb::rules_file(n)).map_err(|e| format!("{path}: {e}"))?;
            let argv: Vec<String> = ["ip", "netns", "exec", "r", "iptables-restore", &path]
                .map(String::from)
                .into();
            command(&argv)?;
        }
        send(&frame, WARMUP)?;
        let before = rx_packets()?;
        let (sent, send_secs) = send(&frame, frames)?;
        // Frames still queued on a backlog when the sender stops: wait until b's counter
        // stops growing, and count the time to its last increase.
        let mut last = rx_packets()?;
        let mut secs = send_secs + 0.0;
        let settle = Instant::now();
        for _ in 0..50 {
            std::thread::sleep(Duration::from_millis(10));
            let now = rx_packets()?;
            if now == last {
                break;
            }
            secs = send_secs + settle.elapsed().as_secs_f64();
            last = now;
        }
        let p = Point {
            rules: n,
            sent,
            delivered: last - before,
            secs,
        };
        println!("{}", serde_json::to_string(&p).map_err(|e| e.to_string())?);
    }
    Ok(())
}

/// Runs one command of the sandbox (30 s at most), failing on a non-zero exit.
fn command(argv: &[String]) -> Result<(), String> {
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", argv.join(" ")))?;
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            if st.success() {
                return Ok(());
            }
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            return Err(format!(
                "`{}` failed ({st}): {}",
                argv.join(" "),
                err.trim()
            ));
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("`{}` ran longer than 30 s", argv.join(" ")));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `b`'s `vb` received packets (`ip -s -j link`).
fn rx_packets() -> Result<u64, String> {
    let o = Command::new("ip")
        .args(["-n", "b", "-s", "-j", "link", "show", "dev", "vb"])
        .output()
        .map_err(|e| format!("ip -s link: {e}"))?;
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).map_err(|e| format!("ip -s -j link: {e}"))?;
    v[0]["stats64"]["rx"]["packets"]
        .as_u64()
        .ok_or_else(|| "ip -s -j link: no rx packet count for vb".into())
}

/// Sends `frame` `count` times (within [`BUDGET`]) from an `AF_PACKET` socket bound to
/// `a`'s `va`, on a thread that entered `a`. Returns (frames sent, seconds).
fn send(frame: &[u8], count: u64) -> Result<(u64, f64), String> {
    use nix::sys::socket::{bind, send, socket, AddressFamily, MsgFlags, SockFlag, SockType};
    use std::os::fd::AsRawFd;
    let frame = frame.to_vec();
    let r = crate::netns::in_netns(
        &NsName("a".into()),
        move || -> Result<(u64, f64), String> {
            // The device's link-layer address as getifaddrs reports it (family AF_PACKET,
            // its ifindex): what `bind` needs, without building a sockaddr_ll by hand.
            let addr = nix::ifaddrs::getifaddrs()
                .map_err(|e| format!("getifaddrs: {e}"))?
                .filter(|i| i.interface_name == "va")
                .find_map(|i| i.address.and_then(|a| a.as_link_addr().copied()))
                .ok_or("no link address for va in a")?;
            // Protocol 0: the socket only sends (it is on no receive list).
            let fd = socket(
                AddressFamily::Packet,
                SockType::Raw,
                SockFlag::SOCK_CLOEXEC,
                None,
            )
            .map_err(|e| format!("AF_PACKET socket: {e}"))?;
            bind(fd.as_raw_fd(), &addr).map_err(|e| format!("bind to va: {e}"))?;
            let start = Instant::now();
            let mut sent = 0;
            for i in 0..count {
                if i % 1024 == 0 && start.elapsed() > BUDGET {
                    break;
                }
                match send(fd.as_raw_fd(), &frame, MsgFlags::empty()) {
                    Ok(_) => sent += 1,
                    Err(nix::errno::Errno::ENOBUFS | nix::errno::Errno::EAGAIN) => {}
                    Err(e) => return Err(format!("send on va: {e}")),
                }
            }
            Ok((sent, start.elapsed().as_secs_f64()))
        },
    )
    .map_err(|e| format!("namespace a: {e}"))?;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_bounded() {
        assert!(check_args(&[0, 100], 1000).is_ok());
        assert!(check_args(&[], 1000).is_err());
        assert!(check_args(&[MAX_RULES + 1], 1000).is_err());
        assert!(check_args(&[0], MAX_FRAMES + 1).is_err());
        assert!(check_args(&[0], 0).is_err());
    }

    #[test]
    fn the_simulator_point_counts_delivered_frames() {
        let p = sim_point(Some(100), 1000);
        assert_eq!(p.delivered, 1000);
        assert!(p.fps() > 0.0);
    }
}
