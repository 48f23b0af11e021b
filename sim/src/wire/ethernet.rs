//! Ethernet II framing (`include/uapi/linux/if_ether.h`, `net/ethernet/eth.c`).
//!
//! Plain 14-byte headers only: no 802.1Q VLAN tags (this kernel cannot create VLAN devices, see
//! the dependency notes), no 802.3 length field, no FCS. Frames are kept unpadded, as veth
//! carries them: a frame is exactly header plus payload, never stretched to 60 bytes.

use super::mac::Mac;

/// Length of an Ethernet header (`ETH_HLEN`).
pub const ETH_HLEN: usize = 14;
/// EtherType of IPv4 (`ETH_P_IP`).
pub const ETH_P_IP: u16 = 0x0800;
/// EtherType of ARP (`ETH_P_ARP`).
pub const ETH_P_ARP: u16 = 0x0806;

/// Splits a frame into `(destination, source, ethertype, payload)`; `None` when the frame is
/// shorter than [`ETH_HLEN`]. The payload is everything after the header, padding included.
pub fn parse_eth(frame: &[u8]) -> Option<(Mac, Mac, u16, &[u8])> {
    let (hdr, payload) = frame.split_first_chunk::<ETH_HLEN>()?;
    let (dst, rest) = hdr.split_first_chunk::<6>()?;
    let (src, ty) = rest.split_first_chunk::<6>()?;
    let ty = u16::from_be_bytes([ty[0], ty[1]]);
    Some((Mac(*dst), Mac(*src), ty, payload))
}

/// A new frame: header followed by `payload`, unpadded.
pub fn build_eth(dst: Mac, src: Mac, ethertype: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(ETH_HLEN + payload.len());
    f.extend_from_slice(&dst.0);
    f.extend_from_slice(&src.0);
    f.extend_from_slice(&ethertype.to_be_bytes());
    f.extend_from_slice(payload);
    f
}

/// Rewrites the destination and source addresses in place, as `eth_header` does when a
/// forwarded packet leaves through `neigh_resolve_output`. A frame shorter than 12 bytes is
/// left as it is.
pub fn set_eth_addrs(frame: &mut [u8], dst: Mac, src: Mac) {
    if let Some(addrs) = frame.get_mut(..12) {
        addrs[..6].copy_from_slice(&dst.0);
        addrs[6..].copy_from_slice(&src.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Mac = Mac([2, 0, 0, 0, 0, 0xa]);
    const B: Mac = Mac([2, 0, 0, 0, 0, 0xb]);

    #[test]
    fn build_then_parse() {
        let f = build_eth(A, B, ETH_P_IP, &[1, 2, 3]);
        assert_eq!(
            f,
            [2, 0, 0, 0, 0, 0xa, 2, 0, 0, 0, 0, 0xb, 0x08, 0x00, 1, 2, 3]
        );
        assert_eq!(parse_eth(&f), Some((A, B, ETH_P_IP, &[1u8, 2, 3][..])));
    }

    #[test]
    fn short_frames() {
        assert_eq!(parse_eth(&[0; 13]), None);
        let (_, _, ty, p) = parse_eth(&[0xff; 14]).unwrap();
        assert_eq!((ty, p.len()), (0xffff, 0));
        let mut tiny = [7u8; 11];
        set_eth_addrs(&mut tiny, A, B);
        assert_eq!(tiny, [7; 11]);
    }

    #[test]
    fn set_addrs_in_place() {
        let mut f = build_eth(Mac::BROADCAST, Mac::ZERO, ETH_P_ARP, &[9]);
        set_eth_addrs(&mut f, A, B);
        assert_eq!(f, build_eth(A, B, ETH_P_ARP, &[9]));
    }
}
