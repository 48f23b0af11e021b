use super::*;
use crate::netfilter::conntrack::{Tracked, Tuple};
use crate::wire::{build_ipv4, checksum};
use proptest::prelude::*;

fn a(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

/// A UDP or TCP packet with a correct transport checksum.
fn l4_packet(proto: u8, src: Ipv4Addr, dst: Ipv4Addr, sport: u16, dport: u16) -> Vec<u8> {
    let mut h = vec![0u8; if proto == 6 { 20 } else { 12 }];
    h[0..2].copy_from_slice(&sport.to_be_bytes());
    h[2..4].copy_from_slice(&dport.to_be_bytes());
    if proto == 6 {
        h[12] = 5 << 4;
        h[13] = 0x02;
    } else {
        let len = u16::try_from(h.len()).unwrap();
        h[4..6].copy_from_slice(&len.to_be_bytes());
        h[8..12].copy_from_slice(b"data");
    }
    let mut ip = build_ipv4(src, dst, proto, 64, 1, true, 0, &h);
    let c = l4_checksum(&ip);
    let at = 20 + if proto == 6 { 16 } else { 6 };
    ip[at..at + 2].copy_from_slice(&c.to_be_bytes());
    ip
}

/// The transport checksum the packet should carry (pseudo-header included, field zeroed).
fn l4_checksum(ip: &[u8]) -> u16 {
    let proto = ip[9];
    let mut seg = ip[20..].to_vec();
    let at = if proto == 6 { 16 } else { 6 };
    seg[at..at + 2].copy_from_slice(&[0, 0]);
    let mut pseudo = ip[12..20].to_vec();
    pseudo.extend_from_slice(&[0, proto]);
    pseudo.extend_from_slice(&u16::try_from(seg.len()).unwrap().to_be_bytes());
    pseudo.extend_from_slice(&seg);
    checksum::checksum(&pseudo)
}

fn valid(ip: &[u8]) -> bool {
    let proto = ip[9];
    let at = 20 + if proto == 6 { 16 } else { 6 };
    checksum::checksum(&ip[..20]) == 0
        && u16::from_be_bytes([ip[at], ip[at + 1]]) == l4_checksum(ip)
}

fn new_conn(table: &mut Conntrack, ip: &[u8]) -> Conn {
    match table.conntrack_in(ip, 0) {
        Tracked::New(c) => *c,
        other => panic!("expected a new connection, got {other:?}"),
    }
}

fn range(addr: &str, ports: Option<(u16, u16)>) -> NatRange {
    NatRange {
        min_addr: a(addr),
        max_addr: a(addr),
        ports,
        random: false,
        persistent: false,
    }
}

#[test]
fn snat_keeps_a_free_port_and_the_reply_comes_back_to_the_client() {
    let mut table = Conntrack::default();
    let mut out = l4_packet(17, a("10.0.0.2"), a("203.0.113.9"), 40000, 53);
    let mut conn = new_conn(&mut table, &out);
    let mut rand = || 7u16;
    setup_info(
        &mut table,
        &mut conn,
        &range("198.51.100.1", None),
        Manip::Src,
        0,
        &mut rand,
    );
    assert!(conn.has(status::SRC_NAT) && initialized(&conn, Manip::Src));
    assert!(!nat_packet(&conn, Dir::Original, Manip::Dst, &mut out));
    assert!(nat_packet(&conn, Dir::Original, Manip::Src, &mut out));
    assert_eq!(
        Tuple::of_packet(&out).unwrap(),
        conn.reply.invert().unwrap()
    );
    assert!(valid(&out));
    let mut back = l4_packet(17, a("203.0.113.9"), a("198.51.100.1"), 53, 40000);
    assert!(nat_packet(&conn, Dir::Reply, Manip::Dst, &mut back));
    assert_eq!(
        Tuple::of_packet(&back).unwrap(),
        conn.orig.invert().unwrap()
    );
    assert!(valid(&back));
    table.confirm(conn, 0).unwrap();

    // A second client with the same source port: the port is taken, another one is chosen
    // above 1023, starting from the random offset.
    let other = l4_packet(17, a("10.0.0.3"), a("203.0.113.9"), 40000, 53);
    let mut conn2 = new_conn(&mut table, &other);
    setup_info(
        &mut table,
        &mut conn2,
        &range("198.51.100.1", None),
        Manip::Src,
        0,
        &mut rand,
    );
    assert_eq!(conn2.reply.l4.ports(), Some((53, 1024 + 7)));
}

#[test]
fn dnat_with_a_port_rewrites_the_destination_and_the_reply_source() {
    let mut table = Conntrack::default();
    let mut syn = l4_packet(6, a("192.0.2.7"), a("10.0.0.1"), 50000, 80);
    let mut conn = new_conn(&mut table, &syn);
    setup_info(
        &mut table,
        &mut conn,
        &range("10.0.1.2", Some((8080, 8080))),
        Manip::Dst,
        0,
        &mut || 0,
    );
    assert!(nat_packet(&conn, Dir::Original, Manip::Dst, &mut syn));
    let t = Tuple::of_packet(&syn).unwrap();
    assert_eq!((t.dst, t.l4.ports()), (a("10.0.1.2"), Some((50000, 8080))));
    assert!(valid(&syn));
    let mut synack = l4_packet(6, a("10.0.1.2"), a("192.0.2.7"), 8080, 50000);
    assert!(nat_packet(&conn, Dir::Reply, Manip::Src, &mut synack));
    let t = Tuple::of_packet(&synack).unwrap();
    assert_eq!((t.src, t.l4.ports()), (a("10.0.0.1"), Some((80, 50000))));
    assert!(valid(&synack));
}

#[test]
fn an_icmp_error_about_a_snatted_flow_is_translated_inside_and_out() {
    let mut table = Conntrack::default();
    let mut out = l4_packet(17, a("10.0.0.2"), a("203.0.113.9"), 40000, 53);
    let mut conn = new_conn(&mut table, &out);
    setup_info(
        &mut table,
        &mut conn,
        &range("198.51.100.1", None),
        Manip::Src,
        0,
        &mut || 0,
    );
    nat_packet(&conn, Dir::Original, Manip::Src, &mut out);
    // The server answers port unreachable to the NAT address, quoting what it got.
    let mut icmp = vec![3, 3, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&out[..28]);
    let c = checksum::checksum(&icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    let mut err = build_ipv4(
        a("203.0.113.9"),
        a("198.51.100.1"),
        1,
        64,
        3,
        false,
        0,
        &icmp,
    );
    assert!(icmp_reply_translation(
        &conn,
        Dir::Reply,
        Manip::Dst,
        &mut err
    ));
    assert_eq!(&err[16..20], &a("10.0.0.2").octets());
    let quoted = Tuple::quoted(&err).unwrap();
    assert_eq!(quoted, conn.orig);
    assert_eq!(
        checksum::checksum(&err[20..]),
        0,
        "ICMP checksum recomputed"
    );
    assert_eq!(
        checksum::checksum(&err[28..48]),
        0,
        "quoted IP checksum updated"
    );
}

proptest! {
    /// A reply always un-NATs to the original tuple, and checksums stay right.
    #[test]
    fn a_reply_always_un_nats_to_the_original_tuple(
        tcp in any::<bool>(),
        src in any::<u32>(), dst in any::<u32>(), sport in 1u16.., dport in 1u16..,
        nat_addr in any::<u32>(), port in prop::option::of((1u16.., 0u16..100)),
        snat in any::<bool>(), random in any::<bool>(), r in any::<u16>(),
    ) {
        let proto = if tcp { 6 } else { 17 };
        let (src, dst) = (Ipv4Addr::from(src), Ipv4Addr::from(dst));
        let mut table = Conntrack::default();
        let mut p = l4_packet(proto, src, dst, sport, dport);
        let mut conn = new_conn(&mut table, &p);
        let nat = NatRange {
            min_addr: Ipv4Addr::from(nat_addr),
            max_addr: Ipv4Addr::from(nat_addr),
            ports: port.map(|(lo, w)| (lo, lo.saturating_add(w))),
            random,
            persistent: false,
        };
        let manip = if snat { Manip::Src } else { Manip::Dst };
        setup_info(&mut table, &mut conn, &nat, manip, 0, &mut || r);
        nat_packet(&conn, Dir::Original, manip, &mut p);
        prop_assert!(valid(&p));
        let sent = Tuple::of_packet(&p).unwrap();
        prop_assert_eq!(sent.invert().unwrap(), conn.reply);
        // The answer to what was sent comes back and is translated for the client.
        let back_t = conn.reply;
        let (bs, bd) = back_t.l4.ports().unwrap();
        let mut back = l4_packet(proto, back_t.src, back_t.dst, bs, bd);
        let reply_manip = if snat { Manip::Dst } else { Manip::Src };
        nat_packet(&conn, Dir::Reply, reply_manip, &mut back);
        prop_assert!(valid(&back));
        prop_assert_eq!(Tuple::of_packet(&back).unwrap(), conn.orig.invert().unwrap());
    }
}
