use super::*;
use crate::model::fib::RouteType;
use crate::netfilter::matches::Match;
use crate::netfilter::parse::parse_command;
use crate::netfilter::save::rule_text;
use crate::netfilter::CtState;

fn ext(spec: &str) -> R<ExtMatch> {
    let words: Vec<String> = format!("-A INPUT {spec}")
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut c = parse_command(&words, None)?;
    match c.rule.matches.pop() {
        Some(Match::Ext(e)) => Ok(e),
        other => panic!("not an ext match: {other:?}"),
    }
}

fn texts(spec: &str) -> (String, String) {
    let e = ext(spec).unwrap();
    let mut l = String::new();
    e.list_text(&mut l);
    let words: Vec<String> = format!("-A INPUT {spec}")
        .split_whitespace()
        .map(String::from)
        .collect();
    let rule = parse_command(&words, None).unwrap().rule;
    (l, rule_text("INPUT", &rule, false))
}

fn hit(e: &ExtMatch, f: impl FnOnce(&mut PacketInfo)) -> bool {
    let unicast = |_: Ipv4Addr, _: Option<&str>| RouteType::Unicast;
    let mut pkt = PacketInfo {
        src: Ipv4Addr::new(10, 0, 0, 5),
        dst: Ipv4Addr::new(192, 0, 2, 1),
        proto: 1,
        sport: None,
        dport: None,
        icmp: Some((8, 0)),
        tcp_flags: None,
        fragment: false,
        len: 84,
        ttl: 64,
        pkt_type: PACKET_HOST,
        src_mac: Some([2, 0, 0, 0, 0, 1]),
        notrack: false,
        now: 0,
        in_dev: Some("eth0"),
        out_dev: None,
        physdev_in: None,
        physdev_out: None,
        bridged: false,
        mark: 0,
        ctstate: CtState(CtState::NEW),
        ctmark: 0,
        addr_type: &unicast,
    };
    f(&mut pkt);
    e.clone().matches(&pkt)
}

#[test]
fn texts_as_iptables_prints_them() {
    let cases = [
        (
            "-m iprange ! --src-range 10.0.0.1-10.0.0.9 --dst-range 1.2.3",
            " source IP range ! 10.0.0.1-10.0.0.9 destination IP range 1.2.3.0-1.2.3.0",
            "-A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.9 --dst-range 1.2.3.0-1.2.3.0",
        ),
        (
            "-m pkttype ! --pkt-type BCAST",
            " PKTTYPE != broadcast",
            "-A INPUT -m pkttype ! --pkt-type broadcast",
        ),
        (
            "-m length --length 300:",
            " length 300:65535",
            "-A INPUT -m length --length 300:65535",
        ),
        (
            "-m length ! --length 0x10",
            " length !16",
            "-A INPUT -m length ! --length 16",
        ),
        (
            "-m ttl ! --ttl-eq 64",
            " TTL match TTL != 64",
            "-A INPUT -m ttl ! --ttl-eq 64",
        ),
        (
            "-m ttl --ttl-lt 10",
            " TTL match TTL < 10",
            "-A INPUT -m ttl --ttl-lt 10",
        ),
        (
            "-m mac ! --mac-source 2:AB:0:0:0:1",
            " MAC ! 02:ab:00:00:00:01",
            "-A INPUT -m mac ! --mac-source 02:ab:00:00:00:01",
        ),
    ];
    for (spec, list, save) in cases {
        assert_eq!(texts(spec), (list.to_string(), save.to_string()), "{spec}");
    }
}

#[test]
fn errors_as_iptables_prints_them() {
    let err = |spec: &str| match ext(spec) {
        Err(NfError::Param(m)) => m,
        other => panic!("{spec}: {other:?}"),
    };
    assert_eq!(
        err("-m iprange --src-range 10.0.0.1-"),
        "iprange: Bad value for \"--src-range\" option: \"\""
    );
    assert_eq!(
        err("-m iprange"),
        "iprange match: You must specify `--src-range' or `--dst-range'"
    );
    assert_eq!(
        err("-m pkttype --pkt-type outgoing"),
        "Bad packet type 'outgoing'"
    );
    assert_eq!(
        err("-m length --length 1:2:3"),
        "length: Too many components for option \"--length\" (max: 2)\n"
    );
    assert_eq!(
        err("-m ttl ! --ttl-gt 5"),
        "ttl: option \"--ttl-gt\" cannot be inverted.\n"
    );
    assert_eq!(
        err("-m ttl --ttl-gt 5 --ttl-lt 6"),
        "ttl: option \"--ttl-lt\" cannot be used together with \"--ttl-gt\".\n"
    );
    assert_eq!(
        err("-m mac --mac-source 02:00:00:00:00:001"),
        "Invalid MAC address specified."
    );
    assert_eq!(
        err("-m length --length 1 --length 2"),
        "length: option \"--length\" can only be used once.\n"
    );
}

#[test]
fn evaluation() {
    let r = ext("-m iprange --src-range 10.0.0.1-10.0.0.9").unwrap();
    assert!(hit(&r, |_| {}));
    assert!(!hit(&r, |p| p.src = Ipv4Addr::new(10, 0, 0, 10)));
    let r = ext("-m iprange ! --dst-range 192.0.2.1-192.0.2.5").unwrap();
    assert!(!hit(&r, |_| {}));
    assert!(hit(&r, |p| p.dst = Ipv4Addr::new(192, 0, 2, 6)));

    let b = ext("-m pkttype --pkt-type broadcast").unwrap();
    assert!(!hit(&b, |_| {}));
    assert!(hit(&b, |p| p.pkt_type = PACKET_BROADCAST));
    // A looped-back copy to a unicast-looking address counts as broadcast.
    assert!(hit(&b, |p| p.pkt_type = PACKET_LOOPBACK));
    let m = ext("-m pkttype --pkt-type multicast").unwrap();
    assert!(hit(&m, |p| {
        p.pkt_type = PACKET_LOOPBACK;
        p.dst = Ipv4Addr::new(224, 0, 0, 1);
    }));

    let l = ext("-m length --length 0:84").unwrap();
    assert!(hit(&l, |_| {}));
    assert!(!hit(&l, |p| p.len = 85));
    let l = ext("-m length ! --length 100:200").unwrap();
    assert!(hit(&l, |_| {}));

    let t = ext("-m ttl --ttl-gt 63").unwrap();
    assert!(hit(&t, |_| {}));
    assert!(!hit(&t, |p| p.ttl = 63));
    let t = ext("-m ttl ! --ttl-eq 64").unwrap();
    assert!(!hit(&t, |_| {}));

    let mac = ext("-m mac --mac-source 02:00:00:00:00:01").unwrap();
    assert!(hit(&mac, |_| {}));
    let not = ext("-m mac ! --mac-source 02:00:00:00:00:01").unwrap();
    assert!(!hit(&not, |_| {}));
    // Without an Ethernet header neither form matches.
    assert!(!hit(&mac, |p| p.src_mac = None));
    assert!(!hit(&not, |p| p.src_mac = None));
}

#[test]
fn mac_only_where_packets_arrive() {
    use crate::netfilter::Hook;
    let mac = ext("-m mac --mac-source 02:00:00:00:00:01").unwrap();
    assert!(mac.hooks_ok(Hook::PreRouting.bit() | Hook::Forward.bit()));
    assert!(!mac.hooks_ok(Hook::LocalOut.bit()));
    assert!(!mac.hooks_ok(Hook::LocalIn.bit() | Hook::PostRouting.bit()));
}

#[test]
fn reversed_range_warns() {
    let r = ext("-m iprange --src-range 10.0.0.9-10.0.0.1").unwrap();
    assert_eq!(
        warning(&r).as_deref(),
        Some("xt_iprange: range 10.0.0.9-10.0.0.1 is reversed and will never match\n")
    );
}
