//! The VXLAN header (RFC 7348, `struct vxlanhdr`): 8 bytes after the outer UDP header,
//! flags (the I bit `VXLAN_HF_VNI`, 0x08 in the first byte), 24 reserved bits, the 24-bit
//! VNI and 8 reserved bits; the inner Ethernet frame follows.

/// Length of the VXLAN header.
pub const VXLAN_HLEN: usize = 8;
/// The I flag: a valid VNI is present (`VXLAN_HF_VNI`).
pub const VXLAN_FLAG_VNI: u8 = 0x08;

/// Why a datagram is not a VXLAN packet this model accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VxlanError {
    /// Shorter than the header plus an inner Ethernet header.
    Truncated,
    /// The I flag is clear, or other flags or reserved bits are set (`vxlan_rcv`:
    /// `SKB_DROP_REASON_VXLAN_INVALID_HDR` for flags it does not parse).
    InvalidHeader,
}

/// A view of a VXLAN packet (the UDP payload).
#[derive(Debug, Clone, Copy)]
pub struct VxlanPacket<'a> {
    bytes: &'a [u8],
}

impl<'a> VxlanPacket<'a> {
    /// Checks the length (header and an inner Ethernet header) and the flags.
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, VxlanError> {
        if bytes.len() < VXLAN_HLEN + super::ETH_HLEN {
            return Err(VxlanError::Truncated);
        }
        let p = VxlanPacket { bytes };
        if bytes[0] != VXLAN_FLAG_VNI || bytes[1..4] != [0, 0, 0] || bytes[7] != 0 {
            return Err(VxlanError::InvalidHeader);
        }
        Ok(p)
    }

    /// The VXLAN network identifier.
    pub fn vni(&self) -> u32 {
        u32::from_be_bytes([0, self.bytes[4], self.bytes[5], self.bytes[6]])
    }

    /// The inner Ethernet frame.
    pub fn inner(&self) -> &'a [u8] {
        &self.bytes[VXLAN_HLEN..]
    }
}

/// A VXLAN packet carrying `inner` with `vni` (`vxlan_build_skb`: flags I, VNI shifted into
/// the top three bytes of the second word).
pub fn build_vxlan(vni: u32, inner: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(VXLAN_HLEN + inner.len());
    v.extend_from_slice(&[VXLAN_FLAG_VNI, 0, 0, 0]);
    v.extend_from_slice(&((vni & 0x00ff_ffff) << 8).to_be_bytes());
    v.extend_from_slice(inner);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Encapsulation then decapsulation gives back the VNI and the inner frame, through
        /// the outer UDP and IPv4 headers too.
        #[test]
        fn encap_then_decap_round_trips(
            vni in 0u32..1 << 24,
            inner in proptest::collection::vec(any::<u8>(), 14..200),
            sport in 1u16..,
        ) {
            let (src, dst) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
            let udp = crate::wire::udp::build_udp(src, dst, sport, 4789, &build_vxlan(vni, &inner));
            let ip = crate::wire::build_ipv4(src, dst, crate::wire::ipv4::IPPROTO_UDP, 64, 0, false, 0, &udp);
            let h = crate::wire::ipv4_summary(&ip).unwrap();
            let uh = crate::wire::udp::UdpPacket::new_checked(&ip[h.header_len..h.total_len]).unwrap();
            prop_assert!(uh.checksum_ok(src, dst));
            prop_assert_eq!(uh.dst_port(), 4789);
            let p = VxlanPacket::new_checked(uh.payload()).unwrap();
            prop_assert_eq!(p.vni(), vni);
            prop_assert_eq!(p.inner(), &inner[..]);
        }
    }

    fn inner() -> Vec<u8> {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x06]);
        f.extend_from_slice(&[0; 28]);
        f
    }

    #[test]
    fn header_layout_matches_rfc_7348() {
        let v = build_vxlan(0x123456, &inner());
        assert_eq!(&v[..8], &[0x08, 0, 0, 0, 0x12, 0x34, 0x56, 0]);
        let p = VxlanPacket::new_checked(&v).unwrap();
        assert_eq!(p.vni(), 0x123456);
        assert_eq!(p.inner(), &inner()[..]);
    }

    #[test]
    fn bad_flags_and_short_packets_are_refused() {
        let mut v = build_vxlan(1, &inner());
        assert_eq!(
            VxlanPacket::new_checked(&v[..VXLAN_HLEN + 13]).unwrap_err(),
            VxlanError::Truncated
        );
        v[0] = 0;
        assert_eq!(
            VxlanPacket::new_checked(&v).unwrap_err(),
            VxlanError::InvalidHeader
        );
        v[0] = 0x08;
        v[7] = 1;
        assert_eq!(
            VxlanPacket::new_checked(&v).unwrap_err(),
            VxlanError::InvalidHeader
        );
    }
}
