use super::*;
use crate::model::fib::RouteType;
use crate::netfilter::error::NfError;
use crate::netfilter::parse::parse_command;
use crate::netfilter::save::rule_text;
use crate::netfilter::{CtState, Netfilter, PacketInfo};

fn parse(s: &str) -> Result<crate::netfilter::parse::Command, NfError> {
    let w: Vec<String> = s.split_whitespace().map(String::from).collect();
    parse_command(&w, None)
}

#[test]
fn notrack_and_ct_notrack_parse_and_save_apart() {
    let a = parse("-t raw -A PREROUTING -p icmp -j NOTRACK")
        .unwrap()
        .rule;
    assert_eq!(a.target, Target::Notrack { alias: true });
    assert_eq!(
        rule_text("PREROUTING", &a, false),
        "-A PREROUTING -p icmp -j NOTRACK"
    );
    let c = parse("-t raw -A OUTPUT -j CT --notrack").unwrap().rule;
    assert_eq!(c.target, Target::Notrack { alias: false });
    assert_eq!(rule_text("OUTPUT", &c, false), "-A OUTPUT -j CT --notrack");
    assert_ne!(a.target, c.target);
    assert_eq!(
        parse("-t raw -A OUTPUT -j CT ! --notrack").unwrap_err(),
        NfError::Param("CT: option \"--notrack\" cannot be inverted.\n".into())
    );
    assert!(matches!(
        parse("-t raw -A OUTPUT -j CT").unwrap_err(),
        NfError::Unsupported(_)
    ));
    assert!(matches!(
        parse("-t raw -A OUTPUT -j CT --zone 1").unwrap_err(),
        NfError::Unsupported(_)
    ));
    assert_eq!(
        Target::Notrack { alias: true }.allowed(),
        (
            Some(TableId::Raw),
            Some(&[Hook::PreRouting, Hook::LocalOut][..])
        )
    );
}

#[test]
fn notrack_marks_only_packets_without_a_connection() {
    let mut nf = Netfilter::default();
    let rule = parse("-t raw -A PREROUTING -j NOTRACK").unwrap().rule;
    nf.table_create(TableId::Raw)
        .append("PREROUTING", rule)
        .unwrap();
    let unicast = |_: Ipv4Addr, _: Option<&str>| RouteType::Unicast;
    let run = |nf: &mut Netfilter, state: u8| {
        let mut pkt = PacketInfo {
            src: Ipv4Addr::new(10, 0, 0, 1),
            dst: Ipv4Addr::new(10, 0, 0, 2),
            proto: 1,
            sport: None,
            dport: None,
            icmp: Some((8, 0)),
            tcp_flags: None,
            fragment: false,
            len: 84,
            ttl: 64,
            pkt_type: 0,
            src_mac: None,
            notrack: false,
            now: 0,
            in_dev: Some("eth0"),
            out_dev: None,
            physdev_in: None,
            physdev_out: None,
            bridged: false,
            mark: 0,
            ctstate: CtState(state),
            ctmark: 0,
            addr_type: &unicast,
        };
        nf.traverse(TableId::Raw, Hook::PreRouting, &mut pkt, &mut || 0);
        (pkt.notrack, pkt.ctstate.0)
    };
    assert_eq!(run(&mut nf, CtState::INVALID), (true, CtState::UNTRACKED));
    assert_eq!(
        run(&mut nf, CtState::ESTABLISHED),
        (false, CtState::ESTABLISHED)
    );
}
