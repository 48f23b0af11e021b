//! The routed-path-with-FORWARD-rules benchmark, shared by `benches/forward_rules.rs`
//! (criterion) and `pathsim-verify bench-forward` (the kernel's figure and the simulator's in
//! the same run), so both measure exactly the same topology, rules and frames.
//!
//! Topology: `a` (10.0.1.2, `va`) ── veth ── (`ra` 10.0.1.1) `r` (`rb` 10.0.2.1) ── veth ──
//! `b` (10.0.2.2, `vb`), `ip_forward=1` in `r`, fixed MAC addresses and a permanent neighbour
//! entry for `b` in `r` (no ARP during a measurement). `r`'s filter table gets N FORWARD
//! rules through `iptables-restore FILE` ([`rules_file`]), a kube-proxy/Docker-like mix that
//! never matches the traffic and needs no connection tracking, so conntrack stays off on both
//! sides.
//!
//! Frames: ICMP echo *replies* from `a` to `b` (64 bytes of ICMP). `r` forwards each one
//! (FORWARD chain walked in full, policy ACCEPT) and `b` receives it on `vb` and discards it
//! silently (`icmp_rcv` → `ping_rcv`: no socket, no answer), so nothing travels back and one
//! frame received by `vb` is one element.

use crate::cmd::execute;
use crate::model::{IfIndex, NsId};
use crate::path::{Event, Sim, Skb};
use crate::run::COMMAND_GAP_NS;
use crate::wire::{build_eth, build_ipv4, echo_reply_from_request, echo_request, Mac, ETH_P_IP};
use std::fmt::Write;
use std::net::Ipv4Addr;
use std::path::Path;

/// The rule counts the issue asks for.
pub const RULE_COUNTS: [usize; 4] = [0, 100, 1000, 10_000];

/// `a`'s `va`, `r`'s `ra`, `r`'s `rb`, `b`'s `vb`.
pub const MAC_VA: Mac = Mac([0x02, 0, 0, 0, 1, 2]);
pub const MAC_RA: Mac = Mac([0x02, 0, 0, 0, 1, 1]);
pub const MAC_RB: Mac = Mac([0x02, 0, 0, 0, 2, 1]);
pub const MAC_VB: Mac = Mac([0x02, 0, 0, 0, 2, 2]);
pub const A_ADDR: Ipv4Addr = Ipv4Addr::new(10, 0, 1, 2);
pub const B_ADDR: Ipv4Addr = Ipv4Addr::new(10, 0, 2, 2);

/// The `iptables-restore` input for `n` FORWARD rules in the filter table. Rule `i` is, by
/// `i % 4`: a blocked source (`-s 198.51.100.x/32 -j DROP`), a service
/// (`-d 203.0.113.x/32 -p tcp --dport P -j ACCEPT`), a foreign input device
/// (`-i ethK -j DROP`) or a foreign output device (`-o dockerK -j DROP`). None matches an
/// ICMP packet from `va` to `vb`.
pub fn rules_file(n: usize) -> String {
    let mut s =
        String::from("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
    for i in 0..n {
        let (hi, lo) = ((i / 4) / 250, (i / 4) % 250 + 1);
        let _ = match i % 4 {
            0 => writeln!(s, "-A FORWARD -s 198.51.{}.{lo}/32 -j DROP", 100 + hi % 2),
            1 => writeln!(
                s,
                "-A FORWARD -d 203.0.{}.{lo}/32 -p tcp -m tcp --dport {} -j ACCEPT",
                113 + hi % 2,
                1024 + i % 30_000
            ),
            2 => writeln!(s, "-A FORWARD -i eth{} -j DROP", i / 4 % 1000),
            _ => writeln!(s, "-A FORWARD -o docker{} -j DROP", i / 4 % 1000),
        };
    }
    s.push_str("COMMIT\n");
    s
}

/// The commands that build the topology, as argv lists, for the simulator and the kernel
/// alike (run from the namespace the sandbox starts in). `rules` is the file
/// `iptables-restore` reads in `r`; `None` leaves `r` without any table.
pub fn topology(rules: Option<&Path>) -> Vec<Vec<String>> {
    let mut lines = vec![
        "ip netns add a".to_string(),
        "ip netns add r".into(),
        "ip netns add b".into(),
        "ip link add ra type veth peer name va".into(),
        "ip link add rb type veth peer name vb".into(),
        "ip link set ra netns r".into(),
        "ip link set rb netns r".into(),
        "ip link set va netns a".into(),
        "ip link set vb netns b".into(),
        format!("ip -n a link set dev va address {MAC_VA}"),
        format!("ip -n r link set dev ra address {MAC_RA}"),
        format!("ip -n r link set dev rb address {MAC_RB}"),
        format!("ip -n b link set dev vb address {MAC_VB}"),
        format!("ip -n a addr add {A_ADDR}/24 dev va"),
        "ip -n r addr add 10.0.1.1/24 dev ra".into(),
        "ip -n r addr add 10.0.2.1/24 dev rb".into(),
        format!("ip -n b addr add {B_ADDR}/24 dev vb"),
        "ip -n a link set va up".into(),
        "ip -n r link set ra up".into(),
        "ip -n r link set rb up".into(),
        "ip -n b link set vb up".into(),
        "ip -n a route add default via 10.0.1.1".into(),
        "ip -n b route add default via 10.0.2.1".into(),
        "ip netns exec r sysctl -w net.ipv4.ip_forward=1".into(),
        format!("ip -n r neigh replace {B_ADDR} lladdr {MAC_VB} dev rb nud permanent"),
    ];
    if let Some(p) = rules {
        lines.push(format!("ip netns exec r iptables-restore {}", p.display()));
    }
    lines
        .iter()
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect()
}

/// The frame `a` sends: an ICMP echo reply (id 0x4242, seq 1, 56 data bytes) from `va` to
/// `ra`'s MAC, for `b`.
pub fn frame() -> Vec<u8> {
    let req = echo_request(0x4242, 1, &[0xa5; 56]);
    let reply = echo_reply_from_request(&req).expect("an echo request is 64 bytes");
    let ip = build_ipv4(A_ADDR, B_ADDR, 1, 64, 1, true, 0, &reply);
    build_eth(MAC_RA, MAC_VA, ETH_P_IP, &ip)
}

/// Logical time allowed for a batch to cross `r`: far more than the two veth hops it takes.
const DRAIN_NS: u64 = 100_000;

/// The simulator's world for one rule count, ready to forward.
pub struct ForwardWorld {
    pub sim: Sim,
    frame: Vec<u8>,
    r: NsId,
    ra: IfIndex,
    b: NsId,
    vb: IfIndex,
}

impl ForwardWorld {
    /// Builds the topology with `n` rules loaded from a temporary rules file (removed again)
    /// through `iptables-restore`, as a script would. Panics if a command fails.
    pub fn build(n: usize) -> ForwardWorld {
        ForwardWorld::build_opt(Some(n))
    }

    /// [`ForwardWorld::build`] with `None`: no `iptables-restore` at all, so `r` has no
    /// table and nothing runs at its hooks (and no connection tracking): the reference.
    pub fn build_opt(n: Option<usize>) -> ForwardWorld {
        let path = std::env::temp_dir().join(format!(
            "pathsim-forward-rules-{}-{}.rules",
            std::process::id(),
            n.map_or(-1, |n| n as i64)
        ));
        if let Some(n) = n {
            std::fs::write(&path, rules_file(n)).expect("write the rules file");
        }
        let mut sim = Sim::new(1);
        for argv in topology(n.is_some().then_some(path.as_path())) {
            let t = sim.now() + COMMAND_GAP_NS;
            sim.run_until(t);
            let out = execute(&mut sim, 0, &argv);
            sim.settle();
            assert!(
                out.status == 0 && !out.unsupported,
                "`{}` failed ({}): {}{}",
                argv.join(" "),
                out.status,
                out.stdout,
                out.stderr
            );
        }
        if n.is_some() {
            let _ = std::fs::remove_file(&path);
        }
        // Let link-up work (IPv6 announcements, linkwatch) finish before measuring.
        let t = sim.now() + 5_000_000_000;
        sim.run_until(t);
        let find = |sim: &Sim, ns: &str, dev: &str| {
            let id = sim.world.find_netns(ns).expect("namespace exists");
            (id, sim.world.ns(id).ifindex_of(dev).expect("device exists"))
        };
        let (r, ra) = find(&sim, "r", "ra");
        let (b, vb) = find(&sim, "b", "vb");
        let rules = sim
            .world
            .ns(r)
            .netfilter
            .table(crate::netfilter::TableId::Filter)
            .and_then(|t| t.chains.iter().find(|c| c.name == "FORWARD"))
            .map(|c| c.rules.len());
        assert_eq!(rules, n, "r's FORWARD chain has the rules");
        ForwardWorld {
            sim,
            frame: frame(),
            r,
            ra,
            b,
            vb,
        }
    }

    /// Frames `vb` has received so far.
    pub fn delivered(&self) -> u64 {
        self.sim.world.ns(self.b).devices[&self.vb].stats.rx_packets
    }

    /// Queues `count` frames where `va` delivers them (`ra` receives) and runs the event
    /// queue until they have crossed `r`. Returns how many `vb` received.
    pub fn inject(&mut self, count: u64) -> u64 {
        let before = self.delivered();
        let now = self.sim.now();
        for _ in 0..count {
            let id = self.sim.new_packet_id();
            let skb = Skb::new(self.frame.clone(), self.r, self.ra, id);
            self.sim.schedule(now, Event::Rx(skb));
        }
        self.sim.run_until(now + DRAIN_NS);
        self.delivered() - before
    }

    /// Frames per second (wall clock) over at most `frames` frames or `budget`, in batches
    /// of `batch`, after one warm-up batch. Returns (frames delivered, seconds).
    pub fn measure(&mut self, frames: u64, batch: u64, budget: std::time::Duration) -> (u64, f64) {
        self.inject(batch);
        let start = std::time::Instant::now();
        let (mut sent, mut got) = (0, 0);
        while sent < frames && start.elapsed() < budget {
            let k = batch.min(frames - sent);
            got += self.inject(k);
            sent += k;
        }
        (got, start.elapsed().as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_frame_is_forwarded_and_no_rule_matches() {
        for n in [0, 100] {
            let mut w = ForwardWorld::build(n);
            assert_eq!(w.inject(10), 10, "{n} rules");
            let t = w
                .sim
                .world
                .ns(w.r)
                .netfilter
                .table(crate::netfilter::TableId::Filter);
            let hits: u64 = t
                .into_iter()
                .flat_map(|t| &t.chains)
                .flat_map(|c| &c.rules)
                .map(|r| r.counters.packets)
                .sum();
            assert_eq!(hits, 0, "{n} rules: a rule matched");
        }
    }

    #[test]
    fn the_rules_file_has_n_rules() {
        let f = rules_file(1000);
        assert_eq!(
            f.lines().filter(|l| l.starts_with("-A FORWARD")).count(),
            1000
        );
        assert_eq!(
            rules_file(0)
                .lines()
                .filter(|l| l.starts_with("-A"))
                .count(),
            0
        );
    }
}
