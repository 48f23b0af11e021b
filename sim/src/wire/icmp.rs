//! ICMPv4 messages (RFC 792; `include/uapi/linux/icmp.h`, `net/ipv4/icmp.c`), plus the echo
//! payload iputils `ping` sends.
//!
//! Everything here is the ICMP message alone (header and data, no IP header): wrap it with
//! [`build_ipv4`](super::ipv4::build_ipv4) using protocol 1.

use super::checksum;

/// Echo reply (`ICMP_ECHOREPLY`).
pub const ECHO_REPLY: u8 = 0;
/// Destination unreachable (`ICMP_DEST_UNREACH`).
pub const DEST_UNREACH: u8 = 3;
/// Redirect (`ICMP_REDIRECT`).
pub const REDIRECT: u8 = 5;
/// Echo request (`ICMP_ECHO`).
pub const ECHO: u8 = 8;
/// Time exceeded (`ICMP_TIME_EXCEEDED`).
pub const TIME_EXCEEDED: u8 = 11;

/// Unreachable code: network (`ICMP_NET_UNREACH`).
pub const NET_UNREACH: u8 = 0;
/// Unreachable code: host (`ICMP_HOST_UNREACH`).
pub const HOST_UNREACH: u8 = 1;
/// Unreachable code: protocol (`ICMP_PROT_UNREACH`).
pub const PROT_UNREACH: u8 = 2;
/// Unreachable code: port (`ICMP_PORT_UNREACH`).
pub const PORT_UNREACH: u8 = 3;
/// Unreachable code: fragmentation needed and DF set (`ICMP_FRAG_NEEDED`).
pub const FRAG_NEEDED: u8 = 4;
/// Unreachable code: administratively prohibited (`ICMP_PKT_FILTERED`).
pub const PKT_FILTERED: u8 = 13;
/// Redirect code: for the host (`ICMP_REDIR_HOST`).
pub const REDIR_HOST: u8 = 1;
/// Time exceeded code: TTL reached zero in transit (`ICMP_EXC_TTL`).
pub const EXC_TTL: u8 = 0;

/// Length of the ICMP header (type, code, checksum, 4 bytes of "rest").
pub const ICMP_HLEN: usize = 8;
/// RFC 1812's limit on an ICMP error datagram, as `__icmp_send` applies it.
pub const ICMP_ERROR_MAX_DATAGRAM: usize = 576;

/// A parsed ICMP message (a view: `data` borrows from the packet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IcmpMsg<'a> {
    /// Type.
    pub ty: u8,
    /// Code.
    pub code: u8,
    /// The checksum over the whole message is correct.
    pub checksum_ok: bool,
    /// Bytes 4..8, big-endian: id and sequence for echo, the gateway for a redirect, the
    /// next-hop MTU in the low 16 bits for "need to frag".
    pub rest: u32,
    /// Everything after the 8-byte header (echo data, or the quoted packet of an error).
    pub data: &'a [u8],
}

impl IcmpMsg<'_> {
    /// `(identifier, sequence)` of an echo request or reply; `None` for other types.
    pub fn echo_id_seq(&self) -> Option<(u16, u16)> {
        match self.ty {
            ECHO | ECHO_REPLY => Some(((self.rest >> 16) as u16, (self.rest & 0xffff) as u16)),
            _ => None,
        }
    }
}

/// Parses an ICMP message (the IP payload). `None` when shorter than 8 bytes.
pub fn parse_icmp(payload: &[u8]) -> Option<IcmpMsg<'_>> {
    let (h, data) = payload.split_first_chunk::<ICMP_HLEN>()?;
    Some(IcmpMsg {
        ty: h[0],
        code: h[1],
        checksum_ok: checksum::checksum(payload) == 0,
        rest: u32::from_be_bytes([h[4], h[5], h[6], h[7]]),
        data,
    })
}

/// Builds a message with a correct checksum.
fn message(ty: u8, code: u8, rest: u32, data: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(ICMP_HLEN + data.len());
    m.extend_from_slice(&[ty, code, 0, 0]);
    m.extend_from_slice(&rest.to_be_bytes());
    m.extend_from_slice(data);
    let c = checksum::checksum(&m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    m
}

/// An echo request with the given identifier, sequence and data.
pub fn echo_request(id: u16, seq: u16, payload: &[u8]) -> Vec<u8> {
    message(ECHO, 0, (u32::from(id) << 16) | u32::from(seq), payload)
}

/// The reply the kernel's `icmp_echo` sends for an echo request: the same message with type 0
/// (code, identifier, sequence and data kept) and a fresh checksum. `None` when `req` is
/// shorter than 8 bytes.
pub fn echo_reply_from_request(req: &[u8]) -> Option<Vec<u8>> {
    let msg = parse_icmp(req)?;
    Some(message(ECHO_REPLY, msg.code, msg.rest, msg.data))
}

/// How many bytes of the offending packet an ICMP error may quote on a route with this MTU,
/// as `__icmp_send` (`net/ipv4/icmp.c`) computes its `room`: `min(route_mtu, 576)` minus the
/// new 20-byte IP header (no IP options are echoed here) minus the 8-byte ICMP header.
/// `None` when that leaves no more than 20 bytes: the kernel sends no error then
/// ("Guard against tiny mtu").
pub fn icmp_error_room(route_mtu: usize) -> Option<usize> {
    let room = route_mtu
        .min(ICMP_ERROR_MAX_DATAGRAM)
        .checked_sub(20 + ICMP_HLEN)?;
    (room > 20).then_some(room)
}

/// An ICMP error message (destination unreachable, time exceeded, redirect, …) quoting the
/// offending IP packet the way Linux's `__icmp_send` does: the quote is the packet from its IP
/// header on, cut to `min(len, room)` bytes where `room` = 576 − 20 (new IP header) − 8 (ICMP
/// header) = 548, so the resulting IP datagram is at most 576 bytes. On a route whose MTU is
/// below 576 the kernel's room is smaller: use [`icmp_error_room`] and
/// [`icmp_error_with_room`].
///
/// `rest` is bytes 4..8: 0, the gateway for a redirect, or the next-hop MTU (low 16 bits) for
/// "need to frag". Pass the IP packet as the kernel holds it when it calls `icmp_send`: cut
/// to its total length (`ip_rcv_core` trims link padding) and, for time exceeded in
/// `ip_forward`, before the TTL is decremented.
pub fn icmp_error(ty: u8, code: u8, rest: u32, offending_ip_packet: &[u8]) -> Vec<u8> {
    icmp_error_with_room(
        ty,
        code,
        rest,
        offending_ip_packet,
        ICMP_ERROR_MAX_DATAGRAM - 20 - ICMP_HLEN,
    )
}

/// [`icmp_error`] with an explicit quote limit (see [`icmp_error_room`]).
pub fn icmp_error_with_room(
    ty: u8,
    code: u8,
    rest: u32,
    offending_ip_packet: &[u8],
    room: usize,
) -> Vec<u8> {
    let quote = offending_ip_packet
        .get(..room)
        .unwrap_or(offending_ip_packet);
    message(ty, code, rest, quote)
}

/// The echo data iputils `ping` (20221126) sends, `size` bytes (`-s`, default 56), for a probe
/// sent at `seq_time_ns` nanoseconds of (logical) wall-clock time.
///
/// From iputils `ping/ping_common.c` (`setup`): when no `-p` pattern is given, the data area
/// is filled with `outpack[8 + i] = i` (so byte `i` is `i & 0xff`), "timestamp area too".
/// Then `ping4_send_probe` (`ping/ping.c`), when timing is on (`datalen >= sizeof(struct
/// timeval)`, 16 bytes on 64-bit Linux), copies a `struct timeval` from `gettimeofday` over
/// the first 16 bytes: `tv_sec` and `tv_usec`, each 8 bytes little-endian on x86-64.
pub fn ping_payload(seq_time_ns: u64, size: usize) -> Vec<u8> {
    let mut data: Vec<u8> = (0..size).map(|i| (i & 0xff) as u8).collect();
    if let Some(tv) = data.first_chunk_mut::<16>() {
        let sec = seq_time_ns / 1_000_000_000;
        let usec = (seq_time_ns % 1_000_000_000) / 1_000;
        tv[..8].copy_from_slice(&sec.to_le_bytes());
        tv[8..].copy_from_slice(&usec.to_le_bytes());
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ipv4::{build_ipv4, ipv4_summary, IPPROTO_ICMP};
    use proptest::prelude::*;
    use std::net::Ipv4Addr;

    /// Hand-written echo request, id 7, seq 1, data "abcd". Checksum by hand:
    /// 0800 + 0007 + 0001 + 6162 + 6364 = 0xccce, complemented 0x3331.
    const ECHO_ABCD: [u8; 12] = [
        0x08, 0x00, 0x33, 0x31, 0x00, 0x07, 0x00, 0x01, b'a', b'b', b'c', b'd',
    ];

    #[test]
    fn echo_fixture() {
        assert_eq!(echo_request(7, 1, b"abcd"), ECHO_ABCD);
        let m = parse_icmp(&ECHO_ABCD).unwrap();
        assert!(m.checksum_ok);
        assert_eq!((m.ty, m.code, m.data), (ECHO, 0, &b"abcd"[..]));
        assert_eq!(m.echo_id_seq(), Some((7, 1)));
    }

    #[test]
    fn echo_reply_fixture() {
        // Type 0: checksum grows by 0x0800 → 0x3b31.
        let r = echo_reply_from_request(&ECHO_ABCD).unwrap();
        assert_eq!(
            r,
            [0x00, 0x00, 0x3b, 0x31, 0x00, 0x07, 0x00, 0x01, b'a', b'b', b'c', b'd']
        );
        assert_eq!(parse_icmp(&r).unwrap().echo_id_seq(), Some((7, 1)));
        assert_eq!(echo_reply_from_request(&ECHO_ABCD[..7]), None);
    }

    #[test]
    fn bad_checksum_is_reported() {
        let mut m = ECHO_ABCD;
        m[9] ^= 1;
        assert!(!parse_icmp(&m).unwrap().checksum_ok);
        assert_eq!(parse_icmp(&m[..7]), None);
        assert_eq!(parse_icmp(&m[..8]).unwrap().data, b"");
    }

    #[test]
    fn echo_id_seq_only_for_echo() {
        let e = icmp_error(DEST_UNREACH, HOST_UNREACH, 0, &[0x45; 28]);
        assert_eq!(parse_icmp(&e).unwrap().echo_id_seq(), None);
    }

    #[test]
    fn ping_payload_default_56_bytes() {
        // 1.5 s: tv_sec 1, tv_usec 500000 (0x07a120).
        let d = ping_payload(1_500_000_000, 56);
        let mut want = vec![1, 0, 0, 0, 0, 0, 0, 0, 0x20, 0xa1, 0x07, 0, 0, 0, 0, 0];
        want.extend(16u8..56);
        assert_eq!(d, want);
        // ping -s 84 → ICMP message 92 bytes; IP datagram 112.
        assert_eq!(echo_request(1, 1, &ping_payload(0, 84)).len(), 92);
    }

    #[test]
    fn ping_payload_small_sizes_have_no_timestamp() {
        assert_eq!(ping_payload(u64::MAX, 0), Vec::<u8>::new());
        assert_eq!(ping_payload(u64::MAX, 15), (0u8..15).collect::<Vec<_>>());
        assert_eq!(ping_payload(0, 300)[299], (299 & 0xff) as u8);
    }

    #[test]
    fn error_quotes_at_most_548_bytes() {
        let src = Ipv4Addr::new(10, 0, 0, 1);
        let dst = Ipv4Addr::new(10, 0, 0, 2);
        let small = build_ipv4(src, dst, IPPROTO_ICMP, 1, 1, true, 0, &[0; 64]);
        let e = icmp_error(TIME_EXCEEDED, EXC_TTL, 0, &small);
        assert_eq!(e.len(), 8 + 84);
        assert_eq!(&e[8..], &small[..]);
        assert!(parse_icmp(&e).unwrap().checksum_ok);

        let big = build_ipv4(src, dst, IPPROTO_ICMP, 64, 1, true, 0, &[7; 1480]);
        let e = icmp_error(DEST_UNREACH, FRAG_NEEDED, 1400, &big);
        assert_eq!(e.len(), 8 + 548);
        assert_eq!(&e[8..], &big[..548]);
        let m = parse_icmp(&e).unwrap();
        assert_eq!(m.rest & 0xffff, 1400);
        let ip = build_ipv4(dst, src, IPPROTO_ICMP, 64, 0, false, 0xc0, &e);
        assert_eq!(ip.len(), ICMP_ERROR_MAX_DATAGRAM);
        assert!(ipv4_summary(&ip).is_ok());
    }

    #[test]
    fn error_room_follows_route_mtu() {
        assert_eq!(icmp_error_room(1500), Some(548));
        assert_eq!(icmp_error_room(576), Some(548));
        assert_eq!(icmp_error_room(68), Some(40));
        assert_eq!(icmp_error_room(48), None);
        assert_eq!(icmp_error_room(49), Some(21));
        assert_eq!(icmp_error_room(0), None);
        let e = icmp_error_with_room(DEST_UNREACH, HOST_UNREACH, 0, &[0x45; 100], 40);
        assert_eq!(e.len(), 48);
    }

    proptest! {
        #[test]
        fn error_length_rule(len in 0usize..2000) {
            let pkt = vec![0x45; len];
            let e = icmp_error(DEST_UNREACH, HOST_UNREACH, 0, &pkt);
            prop_assert_eq!(e.len(), 8 + len.min(548));
            prop_assert!(20 + e.len() <= 576);
            prop_assert!(parse_icmp(&e).unwrap().checksum_ok);
            prop_assert!(smoltcp::wire::Icmpv4Packet::new_checked(&e[..]).unwrap().verify_checksum());
        }

        #[test]
        fn reply_keeps_everything_but_type(id: u16, seq: u16, data in proptest::collection::vec(any::<u8>(), 0..200)) {
            let req = echo_request(id, seq, &data);
            let rep = echo_reply_from_request(&req).unwrap();
            let m = parse_icmp(&rep).unwrap();
            prop_assert!(m.checksum_ok);
            prop_assert_eq!((m.ty, m.echo_id_seq(), m.data), (ECHO_REPLY, Some((id, seq)), &data[..]));
            // smoltcp reads the same echo reply.
            let smol = smoltcp::wire::Icmpv4Packet::new_checked(&rep[..]).unwrap();
            prop_assert!(smol.verify_checksum());
            prop_assert_eq!((smol.echo_ident(), smol.echo_seq_no()), (id, seq));
        }

        #[test]
        fn parse_never_panics(p in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Some(m) = parse_icmp(&p) {
                let _ = m.echo_id_seq();
                let _ = echo_reply_from_request(&p);
            }
        }
    }
}
