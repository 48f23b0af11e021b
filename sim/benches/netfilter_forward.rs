//! FORWARD traversal cost against chain length: 0, 100, 1,000 and 10,000 rules that do not
//! match the packet (kube-proxy-like `-d 10.96.x.y/32 -p tcp --dport N -j ACCEPT` service
//! rules, and the same count of unindexable rules that every packet must test: `-m mark`).
//!
//! `cargo bench -p pathsim --bench netfilter_forward`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pathsim::model::fib::RouteType;
use pathsim::netfilter::parse::parse_command;
use pathsim::netfilter::{CtState, Hook, Netfilter, PacketInfo, TableId};
use std::hint::black_box;
use std::net::Ipv4Addr;

fn rules(n: usize, unindexable: bool) -> Netfilter {
    let mut nf = Netfilter::default();
    let t = nf.table_create(TableId::Filter);
    for i in 0..n {
        let line = if unindexable {
            format!("-A FORWARD -m mark --mark 0x{:x} -j DROP", i + 1)
        } else {
            format!(
                "-A FORWARD -d 10.96.{}.{}/32 -p tcp --dport {} -j DROP",
                i / 250,
                i % 250 + 1,
                1000 + i % 1000
            )
        };
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        let cmd = parse_command(&args, None).expect("rule parses");
        t.append("FORWARD", cmd.rule).expect("rule appends");
    }
    nf
}

fn traverse(c: &mut Criterion) {
    let addr_type = |_: Ipv4Addr, _: Option<&str>| RouteType::Unicast;
    for (name, unindexable) in [("service-rules", false), ("mark-rules", true)] {
        let mut g = c.benchmark_group(format!("forward/{name}"));
        for n in [0usize, 100, 1000, 10_000] {
            let mut nf = rules(n, unindexable);
            let mut rng = || 0u32;
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
                b.iter(|| {
                    let mut pkt = PacketInfo {
                        src: Ipv4Addr::new(10, 244, 1, 5),
                        dst: Ipv4Addr::new(192, 0, 2, 10),
                        proto: 6,
                        sport: Some(40000),
                        dport: Some(443),
                        icmp: None,
                        tcp_flags: Some(0x02),
                        fragment: false,
                        len: 60,
                        ttl: 64,
                        pkt_type: 0,
                        src_mac: None,
                        notrack: false,
                        now: 0,
                        in_dev: Some("veth1"),
                        out_dev: Some("eth0"),
                        physdev_in: None,
                        physdev_out: None,
                        bridged: false,
                        mark: 0,
                        ctstate: CtState(CtState::NEW),
                        ctmark: 0,
                        addr_type: &addr_type,
                    };
                    black_box(nf.traverse(TableId::Filter, Hook::Forward, &mut pkt, &mut rng))
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, traverse);
criterion_main!(benches);
