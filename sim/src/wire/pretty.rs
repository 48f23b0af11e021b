//! One-line, tcpdump-like descriptions of frames, for traces and pcapng comments.
//!
//! The text is tcpdump 4.99's with `-n` and without `-v`/`-e` (`print-arp.c`, `print-ip.c`,
//! `print-icmp.c`, `print-udp.c`, `print-tcp.c`), e.g.
//! `IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64`, and the
//! `matches_tcpdump` test compares it line by line with the installed tcpdump. Covered: ARP,
//! IPv4 with every ICMP form, UDP and TCP headers, other protocols and non-first fragments as
//! `ip-proto-N`. Known differences from tcpdump:
//!
//! - stateless: TCP sequence numbers are always absolute (tcpdump makes them relative after a
//!   flow's first packet), TCP options are not printed;
//! - no application decoding (tcpdump goes on into DNS, HTTP, GRE, VXLAN, …);
//! - garbage is named in words (`truncated Ethernet frame, length N`,
//!   `unknown ethertype 0x1234, length N`, `IP truncated-ip N`, `ARP, truncated, length N`,
//!   `ARP, unsupported hardware/protocol type`) where tcpdump prints `[|ether]` or hex dumps.
//!
//! [`describe`] never panics, whatever the bytes.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::arp::{ArpOp, ArpRepr};
use super::ethernet::{parse_eth, ETH_P_ARP, ETH_P_IP};
use super::icmp::{
    DEST_UNREACH, ECHO, ECHO_REPLY, FRAG_NEEDED, PORT_UNREACH, PROT_UNREACH, REDIRECT,
    TIME_EXCEEDED,
};
use super::ipv4::{IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP};
use super::mac::Mac;

/// Describes an Ethernet frame in one line.
pub fn describe(frame: &[u8]) -> String {
    let Some((_, _, ethertype, payload)) = parse_eth(frame) else {
        return format!("truncated Ethernet frame, length {}", frame.len());
    };
    match ethertype {
        ETH_P_ARP => describe_arp(payload),
        ETH_P_IP => describe_ipv4(payload),
        super::icmpv6::ETH_P_IPV6 => describe_ipv6(payload),
        other => format!("unknown ethertype 0x{other:04x}, length {}", frame.len()),
    }
}

/// The IPv6 frames pathsim emits (link-up announcements), in tcpdump's words; anything else
/// IPv6 as `IP6 SRC > DST: next-header N`.
fn describe_ipv6(p: &[u8]) -> String {
    let addr = |at: usize| {
        p.get(at..at + 16)
            .and_then(|b| <[u8; 16]>::try_from(b).ok())
            .map(std::net::Ipv6Addr::from)
    };
    let (Some(src), Some(dst), Some(plen), Some(&next)) = (addr(8), addr(24), be16(p, 4), p.get(6))
    else {
        return format!("IP6 truncated, length {}", p.len());
    };
    // Skip one hop-by-hop header (MLD reports carry the router alert in one).
    let (hbh, icmp_at) = if next == 0 {
        (true, 40 + (usize::from(*p.get(41).unwrap_or(&0)) + 1) * 8)
    } else {
        (false, 40)
    };
    let proto = if hbh { p.get(40).copied() } else { Some(next) };
    let hbh_text = if hbh { "HBH " } else { "" };
    if proto != Some(58) {
        return format!(
            "IP6 {src} > {dst}: {hbh_text}next-header {}, length {plen}",
            proto.unwrap_or(0)
        );
    }
    let icmp = p.get(icmp_at..).unwrap_or(&[]);
    let len = icmp.len();
    let what = match icmp.first() {
        Some(133) => "router solicitation".to_string(),
        Some(135) => {
            let target = icmp
                .get(8..24)
                .and_then(|b| <[u8; 16]>::try_from(b).ok())
                .map(std::net::Ipv6Addr::from);
            match target {
                Some(t) => format!("neighbor solicitation, who has {t}"),
                None => "neighbor solicitation".to_string(),
            }
        }
        Some(143) => format!(
            "multicast listener report v2, {} group record(s)",
            be16(icmp, 6).unwrap_or(0)
        ),
        Some(t) => format!("type {t}"),
        None => "truncated".to_string(),
    };
    format!("IP6 {src} > {dst}: {hbh_text}ICMP6, {what}, length {len}")
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    let w = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([w[0], w[1]]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let w = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
}

fn ipv4_at(b: &[u8], at: usize) -> Option<Ipv4Addr> {
    be32(b, at).map(Ipv4Addr::from)
}

fn describe_arp(payload: &[u8]) -> String {
    let len = payload.len();
    let Some(arp) = ArpRepr::parse(payload) else {
        return if len < ArpRepr::LEN {
            format!("ARP, truncated, length {len}")
        } else {
            format!("ARP, unsupported hardware/protocol type, length {len}")
        };
    };
    match arp.op {
        ArpOp::Request if arp.tha == Mac::ZERO => format!(
            "ARP, Request who-has {} tell {}, length {len}",
            arp.tpa, arp.spa
        ),
        ArpOp::Request => format!(
            "ARP, Request who-has {} ({}) tell {}, length {len}",
            arp.tpa, arp.tha, arp.spa
        ),
        ArpOp::Reply => format!("ARP, Reply {} is-at {}, length {len}", arp.spa, arp.sha),
        ArpOp::Other(3) => format!(
            "ARP, Reverse Request who-is {} tell {}, length {len}",
            arp.tha, arp.sha
        ),
        ArpOp::Other(4) => format!(
            "ARP, Reverse Reply {} at {}, length {len}",
            arp.tha, arp.tpa
        ),
        ArpOp::Other(8) => format!(
            "ARP, Inverse Request who-is {} tell {}, length {len}",
            arp.tha, arp.sha
        ),
        ArpOp::Other(9) => format!(
            "ARP, Inverse Reply {} at {}, length {len}",
            arp.sha, arp.spa
        ),
        ArpOp::Other(10) => format!("ARP, NACK Reply, length {len}"),
        ArpOp::Other(op) => format!("ARP, Unknown ({op}), length {len}"),
    }
}

fn describe_ipv4(p: &[u8]) -> String {
    let Some(&vhl) = p.first() else {
        return "IP truncated-ip 0".to_string();
    };
    let version = vhl >> 4;
    match version {
        4 => {}
        6 => return "IP6, wrong link-layer encapsulation (invalid)".to_string(),
        v => return format!("IP{v} (invalid)"),
    }
    if p.len() < 20 {
        return format!("IP truncated-ip {}", p.len());
    }
    let hlen = usize::from(vhl & 0x0f) * 4;
    if hlen < 20 {
        return format!("IP bad-hlen {hlen}");
    }
    let tot_len = usize::from(be16(p, 2).unwrap_or(0));
    let mut out = String::from("IP ");
    if p.len() < tot_len {
        let _ = write!(out, "truncated-ip - {} bytes missing! ", tot_len - p.len());
    }
    if tot_len < hlen {
        let _ = write!(out, "bad-len {tot_len}");
        return out;
    }
    let end = tot_len.min(p.len());
    let l4 = p.get(hlen.min(end)..end).unwrap_or_default();
    let plen = tot_len - hlen;
    let proto = p.get(9).copied().unwrap_or(0);
    let src = ipv4_at(p, 12).unwrap_or(Ipv4Addr::UNSPECIFIED);
    let dst = ipv4_at(p, 16).unwrap_or(Ipv4Addr::UNSPECIFIED);
    let frag_offset = be16(p, 6).unwrap_or(0) & 0x1fff;
    if frag_offset != 0 {
        let _ = write!(out, "{src} > {dst}: ip-proto-{proto}");
        return out;
    }
    match proto {
        IPPROTO_ICMP => {
            let _ = write!(out, "{src} > {dst}: {}", describe_icmp(l4, plen));
        }
        IPPROTO_UDP => match (be16(l4, 0), be16(l4, 2), be16(l4, 4)) {
            (Some(sp), Some(dp), Some(ulen)) => {
                let _ = write!(
                    out,
                    "{src}.{sp} > {dst}.{dp}: UDP, length {}",
                    usize::from(ulen).saturating_sub(8)
                );
            }
            _ => {
                let _ = write!(out, "{src} > {dst}:  [|udp]");
            }
        },
        IPPROTO_TCP => out.push_str(&describe_tcp(src, dst, l4, plen)),
        other => {
            let _ = write!(out, "{src} > {dst}:  ip-proto-{other} {plen}");
        }
    }
    out
}

fn describe_tcp(src: Ipv4Addr, dst: Ipv4Addr, t: &[u8], plen: usize) -> String {
    let (Some(sp), Some(dp)) = (be16(t, 0), be16(t, 2)) else {
        return format!("{src} > {dst}:  [|tcp]");
    };
    let head = format!("{src}.{sp} > {dst}.{dp}:");
    let (Some(seq), Some(ack), Some(&off), Some(&fl), Some(win)) =
        (be32(t, 4), be32(t, 8), t.get(12), t.get(13), be16(t, 14))
    else {
        return format!("{head}  [|tcp]");
    };
    let doff = usize::from(off >> 4) * 4;
    if doff < 20 {
        return format!(
            "{head}  tcp {} [bad hdr length {doff} - too short, < 20]",
            plen.saturating_sub(doff)
        );
    }
    let names = [
        (0x01, 'F'),
        (0x02, 'S'),
        (0x04, 'R'),
        (0x08, 'P'),
        (0x10, '.'),
        (0x20, 'U'),
        (0x40, 'E'),
        (0x80, 'W'),
    ];
    let mut flags: String = names
        .iter()
        .filter(|(bit, _)| fl & bit != 0)
        .map(|&(_, c)| c)
        .collect();
    if flags.is_empty() {
        flags.push_str("none");
    }
    let data_len = plen.saturating_sub(doff);
    let mut s = format!("{head} Flags [{flags}]");
    if data_len > 0 || fl & 0x07 != 0 {
        let _ = write!(s, ", seq {seq}");
        if data_len > 0 {
            // Narrowing: `data_len` comes from a 16-bit total length, so it fits in u32.
            let _ = write!(s, ":{}", seq.wrapping_add(data_len as u32));
        }
    }
    if fl & 0x10 != 0 {
        let _ = write!(s, ", ack {ack}");
    }
    let _ = write!(s, ", win {win}, length {data_len}");
    s
}

/// `icmp` is the captured ICMP bytes, `plen` the length the IP header declares.
fn describe_icmp(icmp: &[u8], plen: usize) -> String {
    match icmp_text(icmp) {
        Some(text) => format!("ICMP {text}, length {plen}"),
        None => " [|icmp]".to_string(),
    }
}

/// The part between `ICMP ` and `, length`; `None` when the bytes it needs are missing.
fn icmp_text(m: &[u8]) -> Option<String> {
    let ty = *m.first()?;
    let code = *m.get(1)?;
    // The quoted IP header of an error message starts at byte 8.
    let quoted_dst = || ipv4_at(m, 8 + 16);
    Some(match ty {
        ECHO | ECHO_REPLY => {
            let kind = if ty == ECHO { "request" } else { "reply" };
            format!("echo {kind}, id {}, seq {}", be16(m, 4)?, be16(m, 6)?)
        }
        DEST_UNREACH => {
            let qdst = quoted_dst()?;
            match code {
                PROT_UNREACH => format!("{qdst} protocol {} unreachable", m.get(8 + 9)?),
                PORT_UNREACH => {
                    let qproto = *m.get(8 + 9)?;
                    let qhlen = usize::from(m.get(8)? & 0x0f) * 4;
                    let dport = be16(m, 8 + qhlen + 2)?;
                    match qproto {
                        IPPROTO_TCP => format!("{qdst} tcp port {dport} unreachable"),
                        IPPROTO_UDP => format!("{qdst} udp port {dport} unreachable"),
                        p => format!("{qdst} protocol {p} port {dport} unreachable"),
                    }
                }
                FRAG_NEEDED => match be16(m, 6)? {
                    0 => format!("{qdst} unreachable - need to frag"),
                    mtu => format!("{qdst} unreachable - need to frag (mtu {mtu})"),
                },
                other => unreach_text(other, qdst),
            }
        }
        REDIRECT => {
            let qdst = quoted_dst()?;
            let gw = ipv4_at(m, 4)?;
            match code {
                0 => format!("redirect {qdst} to net {gw}"),
                1 => format!("redirect {qdst} to host {gw}"),
                2 => format!("redirect-tos {qdst} to net {gw}"),
                3 => format!("redirect-tos {qdst} to host {gw}"),
                other => format!("redirect-#{other} {qdst} to {gw}"),
            }
        }
        TIME_EXCEEDED => {
            quoted_dst()?;
            match code {
                0 => "time exceeded in-transit".to_string(),
                1 => "ip reassembly time exceeded".to_string(),
                other => format!("time exceeded-#{other}"),
            }
        }
        12 if code != 0 => format!("parameter problem - code {code}"),
        12 => format!("parameter problem - octet {}", m.get(4)?),
        4 => "source quench".to_string(),
        10 => "router solicitation".to_string(),
        13 => format!("time stamp query id {} seq {}", be16(m, 4)?, be16(m, 6)?),
        15 => "information request".to_string(),
        16 => "information reply".to_string(),
        17 => "address mask request".to_string(),
        other => format!("type-#{other}"),
    })
}

/// tcpdump's `unreach2str` table for the remaining unreachable codes.
fn unreach_text(code: u8, qdst: Ipv4Addr) -> String {
    match code {
        0 => format!("net {qdst} unreachable"),
        1 => format!("host {qdst} unreachable"),
        5 => format!("{qdst} unreachable - source route failed"),
        6 => format!("net {qdst} unreachable - unknown"),
        7 => format!("host {qdst} unreachable - unknown"),
        8 => format!("{qdst} unreachable - source host isolated"),
        9 => format!("net {qdst} unreachable - admin prohibited"),
        10 => format!("host {qdst} unreachable - admin prohibited"),
        11 => format!("net {qdst} unreachable - tos prohibited"),
        12 => format!("host {qdst} unreachable - tos prohibited"),
        13 => format!("host {qdst} unreachable - admin prohibited filter"),
        14 => format!("host {qdst} unreachable - host precedence violation"),
        15 => format!("host {qdst} unreachable - precedence cutoff"),
        other => format!("{qdst} unreachable - #{other}"),
    }
}

#[cfg(test)]
mod ipv6_tests {
    use super::describe;
    use crate::wire::icmpv6::{dad_solicitation, mld2_report, router_solicitation, solicited_node};
    use crate::wire::Mac;

    #[test]
    fn link_up_announcements_read_like_tcpdump() {
        let mac = Mac([2, 0, 0, 0, 0, 2]);
        let ll: std::net::Ipv6Addr = "fe80::ff:fe00:2".parse().unwrap();
        assert_eq!(
            describe(&mld2_report(mac, std::net::Ipv6Addr::UNSPECIFIED, solicited_node(ll))),
            "IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28"
        );
        assert_eq!(
            describe(&dad_solicitation(mac, ll, [0; 6])),
            "IP6 :: > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has fe80::ff:fe00:2, length 32"
        );
        assert_eq!(
            describe(&router_solicitation(mac, ll)),
            "IP6 fe80::ff:fe00:2 > ff02::2: ICMP6, router solicitation, length 16"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::arp::{arp_reply_frame, arp_request_frame, ArpRepr};
    use crate::wire::ethernet::build_eth;
    use crate::wire::icmp::{
        echo_request, icmp_error, EXC_TTL, HOST_UNREACH, NET_UNREACH, PKT_FILTERED, REDIR_HOST,
    };
    use crate::wire::ipv4::{build_ipv4, fragment};
    use proptest::prelude::*;

    const M1: Mac = Mac([2, 0, 0, 0, 0, 1]);
    const M2: Mac = Mac([2, 0, 0, 0, 0, 2]);
    const H1: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const H2: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);
    const GW: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 254);

    fn ip_frame(src: Ipv4Addr, dst: Ipv4Addr, proto: u8, payload: &[u8]) -> Vec<u8> {
        build_eth(
            M2,
            M1,
            ETH_P_IP,
            &build_ipv4(src, dst, proto, 64, 1, true, 0, payload),
        )
    }

    fn ping(seq: u16) -> Vec<u8> {
        build_ipv4(
            H1,
            H2,
            IPPROTO_ICMP,
            64,
            1,
            true,
            0,
            &echo_request(7, seq, &[0; 56]),
        )
    }

    #[test]
    fn arp() {
        assert_eq!(
            describe(&arp_request_frame(M1, H1, H2)),
            "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28"
        );
        assert_eq!(
            describe(&arp_reply_frame(M2, H2, M1, H1)),
            "ARP, Reply 10.0.0.2 is-at 02:00:00:00:00:02, length 28"
        );
        let mut unicast_probe = arp_request_frame(M1, H1, H2);
        unicast_probe[32..38].copy_from_slice(&M2.0);
        assert_eq!(
            describe(&unicast_probe),
            "ARP, Request who-has 10.0.0.2 (02:00:00:00:00:02) tell 10.0.0.1, length 28"
        );
        let mut padded = arp_request_frame(M1, H1, H2);
        padded.resize(60, 0);
        assert!(describe(&padded).ends_with("length 46"));
        assert_eq!(
            describe(&arp_request_frame(M1, H1, H2)[..30]),
            "ARP, truncated, length 16"
        );
    }

    #[test]
    fn echo() {
        let f = build_eth(M2, M1, ETH_P_IP, &ping(1));
        assert_eq!(
            describe(&f),
            "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64"
        );
        let reply = crate::wire::icmp::echo_reply_from_request(&echo_request(7, 2, &[0; 56]))
            .unwrap_or_default();
        assert_eq!(
            describe(&ip_frame(H2, H1, IPPROTO_ICMP, &reply)),
            "IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 7, seq 2, length 64"
        );
    }

    #[test]
    fn errors() {
        let orig = ping(1);
        let te = icmp_error(TIME_EXCEEDED, EXC_TTL, 0, &orig);
        assert_eq!(
            describe(&ip_frame(GW, H1, IPPROTO_ICMP, &te)),
            "IP 10.0.0.254 > 10.0.0.1: ICMP time exceeded in-transit, length 92"
        );
        let big = build_ipv4(H1, H2, IPPROTO_ICMP, 64, 1, true, 0, &[0; 1480]);
        let ff = icmp_error(DEST_UNREACH, FRAG_NEEDED, 1400, &big);
        assert_eq!(
            describe(&ip_frame(GW, H1, IPPROTO_ICMP, &ff)),
            "IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag (mtu 1400), length 556"
        );
        let cases = [
            (HOST_UNREACH, "host 10.0.0.2 unreachable"),
            (NET_UNREACH, "net 10.0.0.2 unreachable"),
            (
                PKT_FILTERED,
                "host 10.0.0.2 unreachable - admin prohibited filter",
            ),
            (PROT_UNREACH, "10.0.0.2 protocol 1 unreachable"),
            (42, "10.0.0.2 unreachable - #42"),
        ];
        for (code, text) in cases {
            let e = icmp_error(DEST_UNREACH, code, 0, &orig);
            assert_eq!(
                describe(&ip_frame(GW, H1, IPPROTO_ICMP, &e)),
                format!("IP 10.0.0.254 > 10.0.0.1: ICMP {text}, length 92")
            );
        }
        let redirect = icmp_error(REDIRECT, REDIR_HOST, u32::from(GW), &orig);
        assert_eq!(
            describe(&ip_frame(GW, H1, IPPROTO_ICMP, &redirect)),
            "IP 10.0.0.254 > 10.0.0.1: ICMP redirect 10.0.0.2 to host 10.0.0.254, length 92"
        );
        let udp = build_ipv4(
            H1,
            H2,
            IPPROTO_UDP,
            64,
            1,
            false,
            0,
            &[0x82, 0x9a, 0x82, 0x9b, 0, 8, 0, 0],
        );
        let pu = icmp_error(DEST_UNREACH, PORT_UNREACH, 0, &udp);
        assert_eq!(
            describe(&ip_frame(H2, H1, IPPROTO_ICMP, &pu)),
            "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 33435 unreachable, length 36"
        );
        // An error too short to hold the quoted header.
        let short = icmp_error(TIME_EXCEEDED, EXC_TTL, 0, &orig[..10]);
        assert_eq!(
            describe(&ip_frame(GW, H1, IPPROTO_ICMP, &short)),
            "IP 10.0.0.254 > 10.0.0.1:  [|icmp]"
        );
    }

    #[test]
    fn fragments() {
        let big = build_ipv4(
            H1,
            H2,
            IPPROTO_ICMP,
            64,
            1,
            false,
            0,
            &echo_request(7, 1, &[0; 1472]),
        );
        let frags = fragment(&big, 1000);
        let texts: Vec<String> = frags
            .iter()
            .map(|f| describe(&build_eth(M2, M1, ETH_P_IP, f)))
            .collect();
        assert_eq!(
            texts,
            [
                "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 976",
                "IP 10.0.0.1 > 10.0.0.2: ip-proto-1",
            ]
        );
    }

    #[test]
    fn udp_tcp_and_others() {
        let udp = [0x30, 0x39, 0x12, 0xb5, 0, 12, 0, 0, 1, 2, 3, 4];
        assert_eq!(
            describe(&ip_frame(H1, H2, IPPROTO_UDP, &udp)),
            "IP 10.0.0.1.12345 > 10.0.0.2.4789: UDP, length 4"
        );
        let mut syn = [0u8; 20];
        syn[0..2].copy_from_slice(&40000u16.to_be_bytes());
        syn[2..4].copy_from_slice(&80u16.to_be_bytes());
        syn[4..8].copy_from_slice(&1000u32.to_be_bytes());
        syn[12] = 0x50;
        syn[13] = 0x12;
        syn[14..16].copy_from_slice(&64240u16.to_be_bytes());
        assert_eq!(
            describe(&ip_frame(H1, H2, IPPROTO_TCP, &syn)),
            "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S.], seq 1000, ack 0, win 64240, length 0"
        );
        let mut data = syn.to_vec();
        data[13] = 0x18;
        data.extend_from_slice(b"GET /");
        assert_eq!(
            describe(&ip_frame(H1, H2, IPPROTO_TCP, &data)),
            "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1000:1005, ack 0, win 64240, length 5"
        );
        assert_eq!(
            describe(&ip_frame(H1, H2, 47, &[0; 4])),
            "IP 10.0.0.1 > 10.0.0.2:  ip-proto-47 4"
        );
    }

    #[test]
    fn garbage() {
        assert_eq!(describe(&[]), "truncated Ethernet frame, length 0");
        assert_eq!(describe(&[1; 13]), "truncated Ethernet frame, length 13");
        let odd = build_eth(M1, M2, 0x1234, &[0; 4]);
        assert_eq!(describe(&odd), "unknown ethertype 0x1234, length 18");
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &[])),
            "IP truncated-ip 0"
        );
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &[0x45; 10])),
            "IP truncated-ip 10"
        );
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &[0x60; 40])),
            "IP6, wrong link-layer encapsulation (invalid)"
        );
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &[0x55; 40])),
            "IP5 (invalid)"
        );
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &[0x44; 40])),
            "IP bad-hlen 16"
        );
        let mut p = ping(1);
        p.truncate(50);
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &p)),
            "IP truncated-ip - 34 bytes missing! 10.0.0.1 > 10.0.0.2: ICMP echo request, id 7, seq 1, length 64"
        );
        let mut bad_len = ping(1);
        bad_len[2..4].copy_from_slice(&[0, 10]);
        assert_eq!(
            describe(&build_eth(M1, M2, ETH_P_IP, &bad_len)),
            "IP bad-len 10"
        );
    }

    /// Frames whose tcpdump 4.99 text we reproduce exactly (each TCP flow appears once:
    /// tcpdump prints later packets of a flow with relative sequence numbers).
    fn tcpdump_corpus() -> Vec<Vec<u8>> {
        let orig = ping(1);
        let udp = build_ipv4(
            H1,
            H2,
            IPPROTO_UDP,
            64,
            1,
            false,
            0,
            &[0x82, 0x9a, 0x82, 0x9b, 0, 8, 0, 0],
        );
        let tcp_quote = build_ipv4(
            H1,
            H2,
            IPPROTO_TCP,
            64,
            1,
            false,
            0,
            &[
                0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 2, 0xfa, 0xf0, 0, 0, 0, 0,
            ],
        );
        let mut f = vec![
            arp_request_frame(M1, H1, H2),
            arp_reply_frame(M2, H2, M1, H1),
            build_eth(M2, M1, ETH_P_IP, &orig),
        ];
        let mut padded = arp_request_frame(M1, H1, H2);
        padded.resize(60, 0);
        f.push(padded);
        for op in [3u16, 4, 8, 9] {
            let repr = ArpRepr {
                op: op.into(),
                sha: M1,
                spa: H1,
                tha: M2,
                tpa: H2,
            };
            f.push(crate::wire::arp::arp_frame(Mac::BROADCAST, M1, &repr));
        }
        for code in 0..=16 {
            f.push(ip_frame(
                GW,
                H1,
                IPPROTO_ICMP,
                &icmp_error(DEST_UNREACH, code, 1400, &orig),
            ));
        }
        f.push(ip_frame(
            GW,
            H1,
            IPPROTO_ICMP,
            &icmp_error(DEST_UNREACH, FRAG_NEEDED, 0, &orig),
        ));
        f.push(ip_frame(
            GW,
            H1,
            IPPROTO_ICMP,
            &icmp_error(DEST_UNREACH, PORT_UNREACH, 0, &udp),
        ));
        f.push(ip_frame(
            GW,
            H1,
            IPPROTO_ICMP,
            &icmp_error(DEST_UNREACH, PORT_UNREACH, 0, &tcp_quote),
        ));
        for code in 0..=4 {
            f.push(ip_frame(
                GW,
                H1,
                IPPROTO_ICMP,
                &icmp_error(REDIRECT, code, u32::from(GW), &orig),
            ));
        }
        for code in 0..=2 {
            f.push(ip_frame(
                GW,
                H1,
                IPPROTO_ICMP,
                &icmp_error(TIME_EXCEEDED, code, 0, &orig),
            ));
        }
        f.push(ip_frame(
            GW,
            H1,
            IPPROTO_ICMP,
            &icmp_error(12, 0, 0x0500_0000, &orig),
        ));
        f.push(ip_frame(GW, H1, IPPROTO_ICMP, &icmp_error(12, 1, 0, &orig)));
        for ty in [4, 10, 13, 15, 16, 17, 30] {
            f.push(ip_frame(
                GW,
                H1,
                IPPROTO_ICMP,
                &icmp_error(ty, 0, 0x0001_0002, &[0; 12]),
            ));
        }
        let big = build_ipv4(
            H1,
            H2,
            IPPROTO_ICMP,
            64,
            1,
            false,
            0,
            &echo_request(7, 1, &[0; 1472]),
        );
        for frag in fragment(&big, 1000) {
            f.push(build_eth(M2, M1, ETH_P_IP, &frag));
        }
        f.push(ip_frame(
            H1,
            H2,
            IPPROTO_UDP,
            &[0x30, 0x39, 0x30, 0x3a, 0, 12, 0, 0, 1, 2, 3, 4],
        ));
        let mut tcp = [
            0x9c, 0x40, 0x1f, 0x90, 0, 0, 3, 0xe8, 0, 0, 0, 5, 0x50, 0x12, 0xfa, 0xf0, 0, 0, 0, 0,
        ];
        for (port, flags) in [
            (1u16, 0x12u8),
            (2, 0x02),
            (3, 0x10),
            (4, 0x14),
            (5, 0x00),
            (6, 0x11),
        ] {
            tcp[1] = port as u8;
            tcp[13] = flags;
            f.push(ip_frame(H1, H2, IPPROTO_TCP, &tcp));
        }
        tcp[12] = 0x40;
        f.push(ip_frame(H1, H2, IPPROTO_TCP, &tcp));
        f.push(ip_frame(H1, H2, 99, &[0; 4]));
        f.push(ip_frame(H1, H2, IPPROTO_ICMP, &[8, 0]));
        f.push(ip_frame(H1, H2, IPPROTO_UDP, &[1, 2]));
        f.push(ip_frame(H1, H2, IPPROTO_TCP, &[1, 2, 3, 4, 5]));
        let mut cut = orig.clone();
        cut.truncate(50);
        f.push(build_eth(M2, M1, ETH_P_IP, &cut));
        let mut bad_len = orig.clone();
        bad_len[2..4].copy_from_slice(&[0, 10]);
        f.push(build_eth(M2, M1, ETH_P_IP, &bad_len));
        for vhl in [0x44, 0x60, 0x55] {
            f.push(build_eth(M2, M1, ETH_P_IP, &[vhl; 40]));
        }
        f
    }

    /// Classic pcap, microsecond timestamps (all zero), linktype Ethernet.
    fn classic_pcap(frames: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
        out.extend_from_slice(&2u16.to_le_bytes());
        out.extend_from_slice(&4u16.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&65535u32.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        for f in frames {
            let len = u32::try_from(f.len()).unwrap();
            out.extend_from_slice(&[0; 8]);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(f);
        }
        out
    }

    /// Differential check against the real tcpdump, when it is installed.
    #[test]
    fn matches_tcpdump() {
        let frames = tcpdump_corpus();
        let ours: Vec<String> = frames.iter().map(|f| describe(f)).collect();
        let path =
            std::env::temp_dir().join(format!("pathsim-describe-{}.pcap", std::process::id()));
        std::fs::write(&path, classic_pcap(&frames)).unwrap();
        let run = std::process::Command::new("tcpdump")
            .args(["-n", "-t", "-r"])
            .arg(&path)
            .output();
        std::fs::remove_file(&path).unwrap();
        let Ok(out) = run else {
            eprintln!("skipping matches_tcpdump: tcpdump not found");
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(ours, theirs);
    }

    proptest! {
        #[test]
        fn describe_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = describe(&bytes);
        }

        #[test]
        fn describe_never_panics_on_ip_like_frames(
            body in proptest::collection::vec(any::<u8>(), 0..120),
            arp: bool,
            vhl in prop_oneof![Just(0x45u8), any::<u8>()],
            proto in prop_oneof![Just(1u8), Just(6), Just(17), any::<u8>()],
        ) {
            let mut payload = body;
            if let Some(b) = payload.get_mut(0) { *b = vhl; }
            if let Some(b) = payload.get_mut(9) { *b = proto; }
            let ty = if arp { ETH_P_ARP } else { ETH_P_IP };
            let _ = describe(&build_eth(M1, M2, ty, &payload));
        }
    }
}
