//! Property tests: the chain index (destination, source, devices, protocol) finds the same first match as a plain linear walk, and
//! a rule read back from its save text is the same rule.

use super::parse::parse_command;
use super::rule::Rule;
use super::save::rule_text;
use super::{CtState, Hook, Netfilter, PacketInfo, RuleRef, TableId, Verdict};
use crate::model::fib::RouteType;
use proptest::prelude::*;
use std::net::Ipv4Addr;

/// A rule specification in iptables syntax from a few dimensions the index uses.
fn rule_spec() -> impl Strategy<Value = String> {
    (
        prop::option::of((
            0u8..4,
            0u8..4,
            prop::sample::select(vec![8u8, 16, 24, 32]),
            any::<bool>(),
        )),
        prop::option::of((prop::sample::select(vec!["a", "b", "veth+"]), any::<bool>())),
        prop::option::of((
            0u8..3,
            prop::sample::select(vec![16u8, 24, 32]),
            any::<bool>(),
        )),
        prop::option::of((prop::sample::select(vec!["o", "p", "o+"]), any::<bool>())),
        prop::option::of((
            prop::sample::select(vec!["tcp", "udp", "icmp"]),
            any::<bool>(),
        )),
        prop::option::of((1u16..5, 0u16..3)),
        prop::option::of(prop::sample::select(vec![
            "-m mark --mark 0x1",
            "-m conntrack --ctstate NEW",
            "-m comment --comment \"x y\"",
            "-m addrtype --dst-type LOCAL",
        ])),
        prop::sample::select(vec![
            "ACCEPT",
            "DROP",
            "LOG --log-prefix p",
            "MARK --set-mark 0x1",
            "REJECT",
        ]),
    )
        .prop_map(|(dst, iface, src, oface, proto, port, extra, target)| {
            let mut s = String::from("-A FORWARD");
            if let Some((a, b, len, inv)) = dst {
                s += &format!("{} -d 10.{a}.{b}.0/{len}", if inv { " !" } else { "" });
            }
            if let Some((i, inv)) = iface {
                s += &format!("{} -i {i}", if inv { " !" } else { "" });
            }
            if let Some((c, len, inv)) = src {
                s += &format!("{} -s 192.0.{c}.1/{len}", if inv { " !" } else { "" });
            }
            if let Some((o, inv)) = oface {
                s += &format!("{} -o {o}", if inv { " !" } else { "" });
            }
            let mut tcpudp = false;
            if let Some((p, inv)) = proto {
                s += &format!("{} -p {p}", if inv { " !" } else { "" });
                tcpudp = !inv && p != "icmp";
            }
            if let (Some((lo, span)), true) = (port, tcpudp) {
                s += &format!(" --dport {lo}:{}", lo + span);
            }
            if let Some(e) = extra {
                s += " ";
                s += e;
            }
            s + " -j " + target
        })
}

fn words(s: &str) -> Vec<String> {
    super::restore::split_words(s).expect("balanced quotes")
}

/// (dst octets a b, in device, protocol, port, mark), (src octet, out device).
type PacketDims = ((u8, u8, u8, u8, u16, u32), (u8, u8));

fn packet() -> impl Strategy<Value = PacketDims> {
    (
        (0u8..4, 0u8..4, 0u8..3, 0u8..3, 0u16..8, 0u32..2),
        (0u8..3, 0u8..3),
    )
}

proptest! {
    #[test]
    fn index_keeps_first_match(specs in prop::collection::vec(rule_spec(), 0..40), pkts in prop::collection::vec(packet(), 1..8)) {
        let mut nf = Netfilter::default();
        let mut rules: Vec<Rule> = Vec::new();
        for s in &specs {
            let cmd = parse_command(&words(s), None).expect("generated rule parses");
            if nf.table_create(TableId::Filter).append("FORWARD", cmd.rule.clone()).is_ok() {
                rules.push(cmd.rule);
            }
        }
        let local = |a: Ipv4Addr, _: Option<&str>| if a.octets()[3] == 1 { RouteType::Local } else { RouteType::Unicast };
        for ((a, b, dev, proto, port, mark), (c, odev)) in pkts {
            let devname = ["a", "b", "veth3"][dev as usize];
            let proto = [6u8, 17, 1][proto as usize];
            let mut pkt = PacketInfo {
                src: Ipv4Addr::new(192, 0, c, 1),
                dst: Ipv4Addr::new(10, a, b, 1),
                proto,
                sport: (proto != 1).then_some(1000),
                dport: (proto != 1).then_some(port),
                icmp: (proto == 1).then_some((8, 0)),
                tcp_flags: (proto == 6).then_some(2),
                fragment: false,
                len: 100,
                ttl: 64,
                pkt_type: 0,
                src_mac: None,
                notrack: false,
                now: 0,
                in_dev: Some(devname),
                out_dev: [Some("o"), Some("p"), None][odev as usize],
                physdev_in: None,
                physdev_out: None,
                bridged: false,
                mark,
                ctstate: CtState(CtState::NEW),
                ctmark: 0,
                addr_type: &local,
            };
            // The linear reference: first terminal rule that matches (non-terminal targets
            // may change the mark, so walk them in order too).
            let mut mark_now = mark;
            let mut expect = Verdict::Accept;
            for (k, r) in rules.iter().enumerate() {
                pkt.mark = mark_now;
                let mut r = r.clone();
                let mut rng = || 0u32;
                if super::eval::tests_ip_match(&r, &pkt) && r.matches.iter_mut().all(|m| m.matches(&pkt, &mut rng)) {
                    let by = RuleRef::Rule { chain: "FORWARD".into(), num: k + 1 };
                    match &r.target {
                        super::target::Target::Accept => { expect = Verdict::Accept; break; }
                        super::target::Target::Drop => { expect = Verdict::Drop { by }; break; }
                        super::target::Target::Reject(w) => { expect = Verdict::Reject { with: *w, by }; break; }
                        super::target::Target::Mark { value, mask } => mark_now = (mark_now & !mask) ^ value,
                        _ => {}
                    }
                }
            }
            pkt.mark = mark;
            let got = nf.traverse(TableId::Filter, Hook::Forward, &mut pkt, &mut || 0u32);
            prop_assert_eq!(got.verdict, expect);
        }
    }

    #[test]
    fn save_text_parses_back(spec in rule_spec()) {
        let rule = parse_command(&words(&spec), None).expect("generated rule parses").rule;
        let text = rule_text("FORWARD", &rule, false);
        let again = parse_command(&words(&text), None).expect("saved rule parses").rule;
        prop_assert!(rule.same(&again), "{} -> {}", spec, text);
    }
}
