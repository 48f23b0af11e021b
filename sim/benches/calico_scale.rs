//! Scale benchmark: a generated script of 200 Calico-style pods (veth per pod, /32 address,
//! 169.254.1.1 gateway, proxy ARP and a host route per pod) and 40 pod-to-pod pings, timed in
//! pathsim and — when run as root with iproute2 and ping installed — on the real kernel in a
//! throw-away `unshare` sandbox, in the same run. Prints both times and their ratio.
//!
//! `cargo bench -p pathsim --bench calico_scale`

use pathsim::run::{run_script, RunOptions};
use std::fmt::Write;
use std::time::Instant;

const PODS: usize = 200;
const PINGS: usize = 40;

fn pod_ip(i: usize) -> String {
    format!("10.244.{}.{}", i / 250, i % 250 + 2)
}

/// The scenario: an upstream namespace gives the host a default route (proxy ARP answers only
/// for destinations routed out of another device), then the pods, then the pings.
fn script() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "sysctl -w net.ipv4.ip_forward=1");
    let _ = writeln!(s, "ip netns add upstream");
    let _ = writeln!(
        s,
        "ip link add uplink type veth peer name eth0 netns upstream"
    );
    let _ = writeln!(s, "ip addr add 203.0.113.1/24 dev uplink");
    let _ = writeln!(s, "ip link set uplink up");
    let _ = writeln!(s, "ip -n upstream addr add 203.0.113.254/24 dev eth0");
    let _ = writeln!(s, "ip -n upstream link set eth0 up");
    let _ = writeln!(s, "ip route add default via 203.0.113.254");
    for i in 0..PODS {
        let ip = pod_ip(i);
        let _ = writeln!(s, "ip netns add pod{i}");
        let _ = writeln!(
            s,
            "ip link add cali{i} type veth peer name eth0 netns pod{i}"
        );
        let _ = writeln!(s, "ip -n pod{i} addr add {ip}/32 dev eth0");
        let _ = writeln!(s, "ip -n pod{i} link set eth0 up");
        let _ = writeln!(s, "ip -n pod{i} link set lo up");
        let _ = writeln!(s, "ip -n pod{i} route add 169.254.1.1 dev eth0");
        let _ = writeln!(s, "ip -n pod{i} route add default via 169.254.1.1 dev eth0");
        let _ = writeln!(s, "ip link set cali{i} up");
        let _ = writeln!(s, "sysctl -w net.ipv4.conf.cali{i}.proxy_arp=1");
        let _ = writeln!(s, "ip route add {ip} dev cali{i} scope link");
    }
    for p in 0..PINGS {
        let (a, b) = (p, PODS - 1 - p);
        let _ = writeln!(s, "ip netns exec pod{a} ping -c 1 -W 2 {}", pod_ip(b));
        let _ = writeln!(s, "#> 1 packets transmitted, 1 received");
    }
    s
}

fn kernel_seconds(path: &std::path::Path) -> Option<f64> {
    let root = std::process::Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        return None;
    }
    let start = Instant::now();
    let status = std::process::Command::new("unshare")
        .args(["--net", "--mount", "--propagation", "private", "bash", "-c"])
        .arg(format!(
            "mkdir -p /run/netns && mount -t tmpfs none /run/netns && bash {} >/dev/null 2>&1",
            path.display()
        ))
        .status()
        .ok()?;
    status.success().then(|| start.elapsed().as_secs_f64())
}

fn main() {
    let src = script();
    let path = std::env::temp_dir().join("pathsim-calico-scale.sh");
    std::fs::write(&path, &src).expect("write the generated script");
    let parsed = pathsim::script::parse("calico-scale.sh", &src).expect("generated script parses");
    let runs = 5;
    let start = Instant::now();
    let mut problems = Vec::new();
    for _ in 0..runs {
        problems = run_script(&parsed, &RunOptions::default()).problems();
    }
    let sim = start.elapsed().as_secs_f64() / runs as f64;
    println!(
        "calico_scale: {PODS} pods, {PINGS} pings, {} commands",
        parsed.commands.len()
    );
    println!("  pathsim: {:.3} s per run ({runs} runs)", sim);
    if !problems.is_empty() {
        println!("  pathsim problems: {}", problems.join("\n    "));
    }
    match kernel_seconds(&path) {
        Some(k) => println!(
            "  kernel (unshare sandbox): {k:.3} s; ratio kernel/pathsim = {:.0}x",
            k / sim
        ),
        None => println!("  kernel: not measured (needs root, unshare, iproute2 and ping)"),
    }
}
