//! UDP datagrams (RFC 768; `include/uapi/linux/udp.h`, `net/ipv4/udp.c`): a checked view and
//! a builder with the checksum over the IPv4 pseudo-header.
//!
//! Everything here is the UDP datagram alone: wrap it with
//! [`build_ipv4`](super::ipv4::build_ipv4) using protocol 17. [`UdpPacket::new_checked`] is
//! also what a connection tracker needs to read ports.

use super::tcp::pseudo_checksum;
use std::net::Ipv4Addr;

/// Length of the UDP header.
pub const UDP_HLEN: usize = 8;

/// Why bytes are not a UDP datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UdpError {
    /// Shorter than 8 bytes.
    Truncated,
    /// The length field is below 8 or beyond the bytes given (`__udp4_lib_rcv`: `ulen >
    /// skb->len` or `ulen < sizeof(*uh)` is a short packet).
    BadLength,
}

/// A view over a UDP datagram, cut to the length its header declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpPacket<'a> {
    bytes: &'a [u8],
}

impl<'a> UdpPacket<'a> {
    /// Checks the header and its length field; bytes beyond the declared length are ignored
    /// (`pskb_trim_rcsum` in `__udp4_lib_rcv`).
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, UdpError> {
        if bytes.len() < UDP_HLEN {
            return Err(UdpError::Truncated);
        }
        let ulen = usize::from(u16::from_be_bytes([bytes[4], bytes[5]]));
        if ulen < UDP_HLEN || ulen > bytes.len() {
            return Err(UdpError::BadLength);
        }
        Ok(UdpPacket {
            bytes: &bytes[..ulen],
        })
    }

    pub fn src_port(&self) -> u16 {
        u16::from_be_bytes([self.bytes[0], self.bytes[1]])
    }

    pub fn dst_port(&self) -> u16 {
        u16::from_be_bytes([self.bytes[2], self.bytes[3]])
    }

    pub fn checksum(&self) -> u16 {
        u16::from_be_bytes([self.bytes[6], self.bytes[7]])
    }

    pub fn payload(&self) -> &'a [u8] {
        &self.bytes[UDP_HLEN..]
    }

    /// A zero checksum means "none" over IPv4; otherwise the pseudo-header sum must check.
    pub fn checksum_ok(&self, src: Ipv4Addr, dst: Ipv4Addr) -> bool {
        self.checksum() == 0 || pseudo_checksum(src, dst, super::ipv4::IPPROTO_UDP, self.bytes) == 0
    }
}

/// A datagram from `src_port` to `dst_port` with `payload`, checksummed for `src` → `dst` as
/// `udp4_hwcsum`/`udp_csum` leave it on the wire (a computed zero is sent as `0xffff`).
pub fn build_udp(
    src: Ipv4Addr,
    dst: Ipv4Addr,
    src_port: u16,
    dst_port: u16,
    payload: &[u8],
) -> Vec<u8> {
    let max = usize::from(u16::MAX) - 20 - UDP_HLEN;
    let payload = payload.get(..max).unwrap_or(payload);
    let mut d = Vec::with_capacity(UDP_HLEN + payload.len());
    d.extend_from_slice(&src_port.to_be_bytes());
    d.extend_from_slice(&dst_port.to_be_bytes());
    // Narrowing: the payload was cut so the length fits 16 bits.
    d.extend_from_slice(&((UDP_HLEN + payload.len()) as u16).to_be_bytes());
    d.extend_from_slice(&[0, 0]);
    d.extend_from_slice(payload);
    let c = match pseudo_checksum(src, dst, super::ipv4::IPPROTO_UDP, &d) {
        0 => 0xffff,
        c => c,
    };
    d[6..8].copy_from_slice(&c.to_be_bytes());
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const B: Ipv4Addr = Ipv4Addr::new(10, 0, 1, 2);

    #[test]
    fn nc_probe_datagram() {
        let d = build_udp(A, B, 48881, 9000, b"X");
        assert_eq!(d.len(), 9);
        let p = UdpPacket::new_checked(&d).unwrap();
        assert_eq!(
            (p.src_port(), p.dst_port(), p.payload()),
            (48881, 9000, &b"X"[..])
        );
        assert!(p.checksum_ok(A, B));
        assert!(!p.checksum_ok(A, A));
        let smol = smoltcp::wire::UdpPacket::new_checked(&d[..]).unwrap();
        assert!(smol.verify_checksum(&A.into(), &B.into()));
    }

    #[test]
    fn bad_lengths() {
        assert_eq!(UdpPacket::new_checked(&[0; 7]), Err(UdpError::Truncated));
        assert_eq!(
            UdpPacket::new_checked(&[0, 1, 0, 2, 0, 7, 0, 0]),
            Err(UdpError::BadLength)
        );
        assert_eq!(
            UdpPacket::new_checked(&[0, 1, 0, 2, 0, 10, 0, 0, 1]),
            Err(UdpError::BadLength)
        );
        // Padding beyond the declared length is not payload.
        let p = UdpPacket::new_checked(&[0, 1, 0, 2, 0, 9, 0, 0, 7, 8]).unwrap();
        assert_eq!(p.payload(), &[7]);
    }

    proptest! {
        #[test]
        fn parse_of_build_is_identity(sp: u16, dp: u16, payload in proptest::collection::vec(any::<u8>(), 0..300)) {
            let d = build_udp(A, B, sp, dp, &payload);
            let p = UdpPacket::new_checked(&d).unwrap();
            prop_assert!(p.checksum_ok(A, B));
            prop_assert_eq!((p.src_port(), p.dst_port(), p.payload()), (sp, dp, &payload[..]));
        }

        #[test]
        fn parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            if let Ok(p) = UdpPacket::new_checked(&bytes) {
                let _ = (p.src_port(), p.dst_port(), p.payload(), p.checksum_ok(A, B));
            }
        }
    }
}
