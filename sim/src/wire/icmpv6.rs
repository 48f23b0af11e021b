//! The IPv6 frames Linux sends by itself when a link comes up (IPv6 is on by default): MLDv2
//! reports (`mld_send_report` / `mld_ifc_work`, `net/ipv6/mcast.c`), duplicate address
//! detection neighbour solicitations (`addrconf_dad_work` → `ndisc_send_ns`) and router
//! solicitations (`addrconf_rs_timer` → `ndisc_send_rs`). pathsim models no other IPv6; these
//! frames matter because bridges learn from them and captures show them.

use super::checksum::sum;
use super::ethernet::build_eth;
use super::mac::Mac;
use std::net::Ipv6Addr;

/// `ETH_P_IPV6`.
pub const ETH_P_IPV6: u16 = 0x86dd;

/// `ff02::16`, all MLDv2-capable routers.
const ALL_MLDV2_ROUTERS: Ipv6Addr = Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 0x16);
/// `ff02::2`, all routers.
const ALL_ROUTERS: Ipv6Addr = Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 2);

/// The solicited-node multicast group of `a` (`ff02::1:ffXX:XXXX`).
pub fn solicited_node(a: Ipv6Addr) -> Ipv6Addr {
    let o = a.octets();
    Ipv6Addr::new(
        0xff02,
        0,
        0,
        0,
        0,
        1,
        0xff00 | u16::from(o[13]),
        u16::from_be_bytes([o[14], o[15]]),
    )
}

/// The Ethernet multicast address of an IPv6 group (`ipv6_eth_mc_map`: 33:33 + low 32 bits).
pub fn multicast_mac(group: Ipv6Addr) -> Mac {
    let o = group.octets();
    Mac([0x33, 0x33, o[12], o[13], o[14], o[15]])
}

/// ICMPv6 checksum over the pseudo-header (RFC 8200 §8.1) and the message.
fn icmpv6_checksum(src: Ipv6Addr, dst: Ipv6Addr, msg: &[u8]) -> u16 {
    let mut pseudo = Vec::with_capacity(40 + msg.len());
    pseudo.extend_from_slice(&src.octets());
    pseudo.extend_from_slice(&dst.octets());
    pseudo.extend_from_slice(&(msg.len() as u32).to_be_bytes());
    pseudo.extend_from_slice(&[0, 0, 0, 58]);
    pseudo.extend_from_slice(msg);
    !sum(&pseudo)
}

/// An IPv6 packet in an Ethernet frame to the group's multicast MAC.
fn frame(
    src_mac: Mac,
    src: Ipv6Addr,
    dst: Ipv6Addr,
    next: u8,
    hlim: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut ip = Vec::with_capacity(40 + payload.len());
    ip.extend_from_slice(&[0x60, 0, 0, 0]);
    ip.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    ip.push(next);
    ip.push(hlim);
    ip.extend_from_slice(&src.octets());
    ip.extend_from_slice(&dst.octets());
    ip.extend_from_slice(payload);
    build_eth(multicast_mac(dst), src_mac, ETH_P_IPV6, &ip)
}

/// An MLDv2 report (type 143) with one CHANGE_TO_EXCLUDE record for `group`, behind a
/// hop-by-hop header carrying the router alert, hop limit 1 — as `mld_newpack` builds it.
pub fn mld2_report(src_mac: Mac, src: Ipv6Addr, group: Ipv6Addr) -> Vec<u8> {
    let mut icmp = vec![143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0];
    icmp.extend_from_slice(&group.octets());
    let c = icmpv6_checksum(src, ALL_MLDV2_ROUTERS, &icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    // Hop-by-hop: next header ICMPv6, length 0, router alert (MLD), PadN.
    let mut payload = vec![58, 0, 5, 2, 0, 0, 1, 0];
    payload.extend_from_slice(&icmp);
    frame(src_mac, src, ALL_MLDV2_ROUTERS, 0, 1, &payload)
}

/// A DAD neighbour solicitation (type 135) from `::` for `target`, with the nonce option
/// (RFC 7527) Linux adds.
pub fn dad_solicitation(src_mac: Mac, target: Ipv6Addr, nonce: [u8; 6]) -> Vec<u8> {
    let dst = solicited_node(target);
    let mut icmp = vec![135, 0, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&target.octets());
    icmp.extend_from_slice(&[14, 1]);
    icmp.extend_from_slice(&nonce);
    let c = icmpv6_checksum(Ipv6Addr::UNSPECIFIED, dst, &icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    frame(src_mac, Ipv6Addr::UNSPECIFIED, dst, 58, 255, &icmp)
}

/// A router solicitation (type 133) with the source link-layer address option.
pub fn router_solicitation(src_mac: Mac, src: Ipv6Addr) -> Vec<u8> {
    let mut icmp = vec![133, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    icmp.extend_from_slice(&src_mac.0);
    let c = icmpv6_checksum(src, ALL_ROUTERS, &icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    frame(src_mac, src, ALL_ROUTERS, 58, 255, &icmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAC: Mac = Mac([2, 0, 0, 0, 0, 2]);
    const LL: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 2);

    /// Verifies the checksum of the ICMPv6 message at `off` in the frame.
    fn checksum_ok(frame: &[u8], off: usize) -> bool {
        let src = Ipv6Addr::from(<[u8; 16]>::try_from(&frame[22..38]).unwrap());
        let dst = Ipv6Addr::from(<[u8; 16]>::try_from(&frame[38..54]).unwrap());
        icmpv6_checksum(src, dst, &frame[off..]) == 0
    }

    #[test]
    fn lengths_and_addresses_match_the_kernel_capture() {
        // Sizes from tcpdump on Linux 6.18: MLDv2 report 90, DAD NS 86, RS 70 bytes.
        let m = mld2_report(MAC, Ipv6Addr::UNSPECIFIED, solicited_node(LL));
        assert_eq!(m.len(), 90);
        assert_eq!(&m[0..6], &[0x33, 0x33, 0, 0, 0, 0x16]);
        assert!(checksum_ok(&m, 62));
        let ns = dad_solicitation(MAC, LL, [1, 2, 3, 4, 5, 6]);
        assert_eq!(ns.len(), 86);
        assert_eq!(&ns[0..6], &[0x33, 0x33, 0xff, 0, 0, 2]);
        assert!(checksum_ok(&ns, 54));
        let rs = router_solicitation(MAC, LL);
        assert_eq!(rs.len(), 70);
        assert_eq!(&rs[0..6], &[0x33, 0x33, 0, 0, 0, 2]);
        assert!(checksum_ok(&rs, 54));
    }

    #[test]
    fn solicited_node_group() {
        assert_eq!(
            solicited_node(LL),
            "ff02::1:ff00:2".parse::<Ipv6Addr>().unwrap()
        );
        assert_eq!(
            multicast_mac(solicited_node(LL)),
            Mac([0x33, 0x33, 0xff, 0, 0, 2])
        );
    }
}
