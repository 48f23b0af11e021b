use super::*;
use crate::wire::{build_ipv4, echo_reply_from_request, echo_request};
use std::net::Ipv4Addr;

fn a(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

fn tcp(src: &str, dst: &str, sport: u16, dport: u16, flags: u8) -> Vec<u8> {
    let mut h = vec![0u8; 20];
    h[0..2].copy_from_slice(&sport.to_be_bytes());
    h[2..4].copy_from_slice(&dport.to_be_bytes());
    h[12] = 5 << 4;
    h[13] = flags;
    build_ipv4(a(src), a(dst), tuple::TCP, 64, 1, true, 0, &h)
}

fn udp(src: &str, dst: &str, sport: u16, dport: u16) -> Vec<u8> {
    let mut h = vec![0u8; 8];
    h[0..2].copy_from_slice(&sport.to_be_bytes());
    h[2..4].copy_from_slice(&dport.to_be_bytes());
    build_ipv4(a(src), a(dst), tuple::UDP, 64, 1, true, 0, &h)
}

/// Runs `ip` through conntrack_in and confirms a new connection, as the hooks would.
fn pass(ct: &mut Conntrack, ip: &[u8], now: u64) -> Option<(u64, CtInfo)> {
    match ct.conntrack_in(ip, now) {
        Tracked::Conn { id, info } => Some((id, info)),
        Tracked::New(c) => ct.confirm(*c, now).map(|id| (id, CtInfo::New)),
        Tracked::Invalid => None,
    }
}

#[test]
fn a_ping_opens_a_connection_its_reply_establishes() {
    let mut ct = Conntrack::default();
    let req = build_ipv4(
        a("10.0.0.1"),
        a("10.0.0.2"),
        1,
        64,
        1,
        true,
        0,
        &echo_request(7, 1, &[0; 56]),
    );
    let (id, info) = pass(&mut ct, &req, 0).unwrap();
    assert_eq!(info, CtInfo::New);
    let reply_icmp = echo_reply_from_request(&req[20..]).unwrap();
    let rep = build_ipv4(
        a("10.0.0.2"),
        a("10.0.0.1"),
        1,
        64,
        2,
        false,
        0,
        &reply_icmp,
    );
    assert_eq!(
        pass(&mut ct, &rep, SEC),
        Some((id, CtInfo::EstablishedReply))
    );
    let c = ct.get(id).unwrap();
    assert!(c.has(status::SEEN_REPLY) && !c.has(status::ASSURED));
    assert_eq!(c.expires, SEC + ICMP_TIMEOUT * SEC);
    // A second request is ESTABLISHED; the entry is gone once its timeout passes.
    assert_eq!(
        pass(&mut ct, &req, 2 * SEC),
        Some((id, CtInfo::Established))
    );
    let after = 2 * SEC + ICMP_TIMEOUT * SEC;
    assert_eq!(ct.live(after).count(), 0);
    assert_eq!(
        pass(&mut ct, &rep, after),
        None,
        "a lone echo reply is INVALID"
    );
}

#[test]
fn a_tcp_handshake_is_assured_and_a_reset_closes() {
    let mut ct = Conntrack::default();
    let (syn, synack, ack) = (0x02, 0x12, 0x10);
    let (id, _) = pass(&mut ct, &tcp("10.0.0.1", "10.0.0.2", 40000, 80, syn), 0).unwrap();
    pass(&mut ct, &tcp("10.0.0.2", "10.0.0.1", 80, 40000, synack), 1).unwrap();
    let (_, info) = pass(&mut ct, &tcp("10.0.0.1", "10.0.0.2", 40000, 80, ack), 2).unwrap();
    assert_eq!(info, CtInfo::Established);
    let c = ct.get(id).unwrap();
    assert_eq!(c.tcp, Some(TcpState::Established));
    assert!(c.has(status::ASSURED));
    pass(&mut ct, &tcp("10.0.0.2", "10.0.0.1", 80, 40000, 0x14), 3).unwrap();
    assert_eq!(ct.get(id).unwrap().tcp, Some(TcpState::Close));
    assert_eq!(ct.get(id).unwrap().expires, 3 + 10 * SEC);
    // A connection whose only answer is a reset is deleted at once.
    let (refused, _) = pass(&mut ct, &tcp("10.0.0.1", "10.0.0.2", 40001, 81, syn), 4).unwrap();
    assert_eq!(
        pass(&mut ct, &tcp("10.0.0.2", "10.0.0.1", 81, 40001, 0x14), 5),
        Some((refused, CtInfo::EstablishedReply))
    );
    assert_eq!(ct.live(5).filter(|c| c.id == refused).count(), 0);
    // An ACK of nothing known is picked up; a RST of nothing known is invalid.
    assert!(pass(&mut ct, &tcp("10.0.0.3", "10.0.0.2", 1, 2, ack), 4).is_some());
    assert!(pass(&mut ct, &tcp("10.0.0.4", "10.0.0.2", 1, 2, 0x04), 4).is_none());
}

#[test]
fn an_icmp_error_is_related_to_the_connection_it_quotes() {
    let mut ct = Conntrack::default();
    let out = udp("10.0.0.1", "10.0.0.2", 5000, 53);
    let (id, _) = pass(&mut ct, &out, 0).unwrap();
    let mut err = vec![3, 3, 0, 0, 0, 0, 0, 0];
    err.extend_from_slice(&out[..28]);
    let back = build_ipv4(a("10.0.0.2"), a("10.0.0.1"), 1, 64, 9, false, 0, &err);
    assert_eq!(pass(&mut ct, &back, 1), Some((id, CtInfo::RelatedReply)));
    // Not to the connection's destination in that direction: not related.
    let astray = build_ipv4(a("10.0.0.2"), a("10.0.0.9"), 1, 64, 9, false, 0, &err);
    assert_eq!(pass(&mut ct, &astray, 1), None);
    // An error about an unknown flow is INVALID.
    let mut other = vec![3, 3, 0, 0, 0, 0, 0, 0];
    other.extend_from_slice(&udp("10.0.0.1", "10.0.0.2", 6000, 53)[..28]);
    let unknown = build_ipv4(a("10.0.0.2"), a("10.0.0.1"), 1, 64, 9, false, 0, &other);
    assert_eq!(pass(&mut ct, &unknown, 1), None);
}

#[test]
fn udp_becomes_a_stream_only_after_two_seconds() {
    let mut ct = Conntrack::default();
    let (id, _) = pass(&mut ct, &udp("10.0.0.1", "10.0.0.2", 5000, 53), 0).unwrap();
    pass(&mut ct, &udp("10.0.0.2", "10.0.0.1", 53, 5000), SEC).unwrap();
    assert!(!ct.get(id).unwrap().has(status::ASSURED));
    assert_eq!(ct.get(id).unwrap().expires, SEC + UDP_TIMEOUT * SEC);
    pass(&mut ct, &udp("10.0.0.1", "10.0.0.2", 5000, 53), 3 * SEC).unwrap();
    let c = ct.get(id).unwrap();
    assert!(c.has(status::ASSURED));
    assert_eq!(c.expires, 3 * SEC + UDP_STREAM_TIMEOUT * SEC);
}

#[test]
fn a_clashing_confirm_is_refused_and_flush_empties() {
    let mut ct = Conntrack::default();
    let p = udp("10.0.0.1", "10.0.0.2", 5000, 53);
    let Tracked::New(first) = ct.conntrack_in(&p, 0) else {
        panic!("expected a new connection")
    };
    let Tracked::New(second) = ct.conntrack_in(&p, 0) else {
        panic!("expected a new connection")
    };
    assert!(ct.confirm(*first, 0).is_some());
    assert_eq!(ct.confirm(*second, 0), None);
    assert_eq!(ct.flush(), 1);
    assert_eq!(ct.live(0).count(), 0);
}
