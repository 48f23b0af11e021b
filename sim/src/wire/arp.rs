//! ARP for IPv4 over Ethernet (RFC 826; `include/uapi/linux/if_arp.h`, `net/ipv4/arp.c`).
//!
//! Only the Ethernet/IPv4 form is understood (hardware type 1, protocol 0x0800, address
//! lengths 6 and 4); anything else parses to `None`. Builders produce unpadded 42-byte frames,
//! as `arp_create` does on veth (no padding to the 60-byte Ethernet minimum).

use std::net::Ipv4Addr;

use super::ethernet::{build_eth, ETH_P_ARP, ETH_P_IP};
use super::mac::Mac;

/// `ARPHRD_ETHER`.
const HTYPE_ETHER: u16 = 1;

/// An ARP operation code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArpOp {
    /// `ARPOP_REQUEST` (1).
    Request,
    /// `ARPOP_REPLY` (2).
    Reply,
    /// Any other code (RARP, InARP, …), kept as is.
    Other(u16),
}

impl From<u16> for ArpOp {
    fn from(v: u16) -> Self {
        match v {
            1 => ArpOp::Request,
            2 => ArpOp::Reply,
            o => ArpOp::Other(o),
        }
    }
}

impl From<ArpOp> for u16 {
    fn from(op: ArpOp) -> u16 {
        match op {
            ArpOp::Request => 1,
            ArpOp::Reply => 2,
            ArpOp::Other(o) => o,
        }
    }
}

/// An Ethernet/IPv4 ARP packet, owned. Lossless for that form: `emit(parse(p)) == p[..28]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArpRepr {
    /// Operation.
    pub op: ArpOp,
    /// Sender hardware address.
    pub sha: Mac,
    /// Sender protocol address.
    pub spa: Ipv4Addr,
    /// Target hardware address.
    pub tha: Mac,
    /// Target protocol address.
    pub tpa: Ipv4Addr,
}

impl ArpRepr {
    /// Length of an Ethernet/IPv4 ARP packet.
    pub const LEN: usize = 28;

    /// Parses the payload of an `ETH_P_ARP` frame. Trailing bytes (padding) are ignored.
    /// `None` when shorter than 28 bytes or not the Ethernet/IPv4 form.
    pub fn parse(payload: &[u8]) -> Option<ArpRepr> {
        let p = payload.first_chunk::<{ Self::LEN }>()?;
        let be16 = |i: usize| u16::from_be_bytes([p[i], p[i + 1]]);
        let mac = |i: usize| Mac([p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]]);
        let ip = |i: usize| Ipv4Addr::new(p[i], p[i + 1], p[i + 2], p[i + 3]);
        if be16(0) != HTYPE_ETHER || be16(2) != ETH_P_IP || p[4] != 6 || p[5] != 4 {
            return None;
        }
        Some(ArpRepr {
            op: be16(6).into(),
            sha: mac(8),
            spa: ip(14),
            tha: mac(18),
            tpa: ip(24),
        })
    }

    /// The 28 bytes on the wire.
    pub fn emit(&self) -> [u8; Self::LEN] {
        let mut p = [0u8; Self::LEN];
        p[0..2].copy_from_slice(&HTYPE_ETHER.to_be_bytes());
        p[2..4].copy_from_slice(&ETH_P_IP.to_be_bytes());
        p[4] = 6;
        p[5] = 4;
        p[6..8].copy_from_slice(&u16::from(self.op).to_be_bytes());
        p[8..14].copy_from_slice(&self.sha.0);
        p[14..18].copy_from_slice(&self.spa.octets());
        p[18..24].copy_from_slice(&self.tha.0);
        p[24..28].copy_from_slice(&self.tpa.octets());
        p
    }
}

/// A complete ARP frame (Ethernet header plus `repr`), 42 bytes.
pub fn arp_frame(eth_dst: Mac, eth_src: Mac, repr: &ArpRepr) -> Vec<u8> {
    build_eth(eth_dst, eth_src, ETH_P_ARP, &repr.emit())
}

/// The broadcast request `arp_solicit` sends for an entry with no known address: Ethernet
/// destination `ff:ff:ff:ff:ff:ff`, target hardware address all zero.
pub fn arp_request_frame(src_mac: Mac, sip: Ipv4Addr, tip: Ipv4Addr) -> Vec<u8> {
    let repr = ArpRepr {
        op: ArpOp::Request,
        sha: src_mac,
        spa: sip,
        tha: Mac::ZERO,
        tpa: tip,
    };
    arp_frame(Mac::BROADCAST, src_mac, &repr)
}

/// The unicast reply `arp_process` sends: "`sip` is at `src_mac`", to `dst_mac`/`tip`.
pub fn arp_reply_frame(src_mac: Mac, sip: Ipv4Addr, dst_mac: Mac, tip: Ipv4Addr) -> Vec<u8> {
    let repr = ArpRepr {
        op: ArpOp::Reply,
        sha: src_mac,
        spa: sip,
        tha: dst_mac,
        tpa: tip,
    };
    arp_frame(dst_mac, src_mac, &repr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ethernet::parse_eth;
    use proptest::prelude::*;

    const M1: Mac = Mac([0x02, 0, 0, 0, 0, 0x01]);
    const M2: Mac = Mac([0x02, 0, 0, 0, 0, 0x02]);
    const IP1: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const IP2: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);

    /// Hand-written: who-has 10.0.0.2 tell 10.0.0.1, from 02:00:00:00:00:01.
    const REQUEST: [u8; 42] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08,
        0x06, // eth
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, // htype ptype hlen plen op
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x01, // sha spa
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x02, // tha tpa
    ];

    /// Hand-written: 10.0.0.2 is-at 02:00:00:00:00:02, to 02:00:00:00:00:01.
    const REPLY: [u8; 42] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x08,
        0x06, // eth
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, // htype ptype hlen plen op
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x02, // sha spa
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x01, // tha tpa
    ];

    #[test]
    fn request_fixture() {
        assert_eq!(arp_request_frame(M1, IP1, IP2), REQUEST);
        let (dst, src, ty, payload) = parse_eth(&REQUEST).unwrap();
        assert_eq!((dst, src, ty), (Mac::BROADCAST, M1, ETH_P_ARP));
        let r = ArpRepr::parse(payload).unwrap();
        assert_eq!(
            r,
            ArpRepr {
                op: ArpOp::Request,
                sha: M1,
                spa: IP1,
                tha: Mac::ZERO,
                tpa: IP2
            }
        );
    }

    #[test]
    fn reply_fixture() {
        assert_eq!(arp_reply_frame(M2, IP2, M1, IP1), REPLY);
        let r = ArpRepr::parse(&REPLY[14..]).unwrap();
        assert_eq!(
            (r.op, r.sha, r.spa, r.tha, r.tpa),
            (ArpOp::Reply, M2, IP2, M1, IP1)
        );
    }

    #[test]
    fn smoltcp_reads_the_same() {
        use smoltcp::wire::{ArpOperation, ArpPacket, ArpRepr as SmolArp, EthernetAddress};
        let smol = SmolArp::parse(&ArpPacket::new_checked(&REQUEST[14..]).unwrap()).unwrap();
        assert_eq!(
            smol,
            SmolArp::EthernetIpv4 {
                operation: ArpOperation::Request,
                source_hardware_addr: EthernetAddress(M1.0),
                source_protocol_addr: IP1,
                target_hardware_addr: EthernetAddress([0; 6]),
                target_protocol_addr: IP2,
            }
        );
    }

    #[test]
    fn padding_is_ignored_and_short_is_none() {
        let mut padded = REQUEST[14..].to_vec();
        padded.resize(46, 0);
        assert!(ArpRepr::parse(&padded).is_some());
        assert_eq!(ArpRepr::parse(&REQUEST[14..41]), None);
    }

    #[test]
    fn other_forms_are_none() {
        for (i, v) in [(1usize, 6u8), (3, 0xdd), (4, 8), (5, 16)] {
            let mut p = REQUEST[14..].to_vec();
            p[i] = v;
            assert_eq!(ArpRepr::parse(&p), None, "byte {i}");
        }
    }

    #[test]
    fn other_opcodes_are_kept() {
        let mut p = REQUEST[14..].to_vec();
        p[7] = 9;
        let r = ArpRepr::parse(&p).unwrap();
        assert_eq!(r.op, ArpOp::Other(9));
        assert_eq!(r.emit()[..], p[..]);
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_round_trips(p in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Some(r) = ArpRepr::parse(&p) {
                prop_assert_eq!(&r.emit()[..], &p[..28]);
            }
        }
    }
}
