//! TCP segments (RFC 9293; `include/net/tcp.h`, `include/uapi/linux/tcp.h`): a checked view
//! over the bytes of a segment, a builder for the segments Linux originates, the options Linux
//! puts in a SYN and a SYN-ACK, and the checksum over the IPv4 pseudo-header.
//!
//! Everything here is the TCP segment alone (header, options, data; no IP header): wrap it
//! with [`build_ipv4`](super::ipv4::build_ipv4) using protocol 6. [`TcpPacket::new_checked`]
//! is also the small API a connection tracker needs to read ports and flags.

use super::checksum;
use std::net::Ipv4Addr;

/// FIN flag.
pub const FIN: u8 = 0x01;
/// SYN flag.
pub const SYN: u8 = 0x02;
/// RST flag.
pub const RST: u8 = 0x04;
/// PSH flag.
pub const PSH: u8 = 0x08;
/// ACK flag.
pub const ACK: u8 = 0x10;

/// Length of the header without options.
pub const TCP_HLEN: usize = 20;

/// Option kinds (`TCPOPT_*`).
pub const OPT_EOL: u8 = 0;
pub const OPT_NOP: u8 = 1;
pub const OPT_MSS: u8 = 2;
pub const OPT_WSCALE: u8 = 3;
pub const OPT_SACK_PERM: u8 = 4;
pub const OPT_SACK: u8 = 5;
pub const OPT_TIMESTAMP: u8 = 8;

/// Why bytes are not a TCP segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpError {
    /// Shorter than 20 bytes.
    Truncated,
    /// Data offset below 5 words or beyond the bytes given.
    BadDataOffset,
}

/// A view over a TCP segment whose header fits in the bytes (options and data may be empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpPacket<'a> {
    bytes: &'a [u8],
    header_len: usize,
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl<'a> TcpPacket<'a> {
    /// Checks the fixed header and the data offset (`tcp_v4_rcv`: `th->doff < sizeof(struct
    /// tcphdr) / 4` and `pskb_may_pull(skb, th->doff * 4)` fail as malformed).
    pub fn new_checked(bytes: &'a [u8]) -> Result<Self, TcpError> {
        if bytes.len() < TCP_HLEN {
            return Err(TcpError::Truncated);
        }
        let header_len = usize::from(bytes[12] >> 4) * 4;
        if header_len < TCP_HLEN || header_len > bytes.len() {
            return Err(TcpError::BadDataOffset);
        }
        Ok(TcpPacket { bytes, header_len })
    }

    pub fn src_port(&self) -> u16 {
        be16(self.bytes, 0)
    }

    pub fn dst_port(&self) -> u16 {
        be16(self.bytes, 2)
    }

    pub fn seq(&self) -> u32 {
        be32(self.bytes, 4)
    }

    pub fn ack(&self) -> u32 {
        be32(self.bytes, 8)
    }

    /// The eight flag bits (CWR … FIN).
    pub fn flags(&self) -> u8 {
        self.bytes[13]
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags() & flag != 0
    }

    pub fn window(&self) -> u16 {
        be16(self.bytes, 14)
    }

    pub fn checksum(&self) -> u16 {
        be16(self.bytes, 16)
    }

    pub fn header_len(&self) -> usize {
        self.header_len
    }

    /// The option bytes between the fixed header and the data.
    pub fn options_bytes(&self) -> &'a [u8] {
        &self.bytes[TCP_HLEN..self.header_len]
    }

    pub fn payload(&self) -> &'a [u8] {
        &self.bytes[self.header_len..]
    }

    /// The sequence space the segment occupies: data plus one for SYN and one for FIN
    /// (`TCP_SKB_CB(skb)->end_seq - seq`).
    pub fn seq_len(&self) -> u32 {
        let flags = u32::from(self.has(SYN)) + u32::from(self.has(FIN));
        // Narrowing: a segment inside an IPv4 packet is shorter than 64 KiB.
        self.payload().len() as u32 + flags
    }

    /// The checksum over the pseudo-header and the whole segment is correct
    /// (`tcp_v4_checksum_init` / `tcp_checksum_complete`).
    pub fn checksum_ok(&self, src: Ipv4Addr, dst: Ipv4Addr) -> bool {
        pseudo_checksum(src, dst, super::ipv4::IPPROTO_TCP, self.bytes) == 0
    }

    /// The parsed options (`tcp_parse_options`).
    pub fn options(&self) -> TcpOptions {
        parse_options(self.options_bytes())
    }
}

/// The options Linux reads from a SYN or SYN-ACK (`struct tcp_options_received`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TcpOptions {
    pub mss: Option<u16>,
    pub wscale: Option<u8>,
    pub sack_perm: bool,
    /// `(TSval, TSecr)`.
    pub timestamp: Option<(u32, u32)>,
}

/// `tcp_parse_options`: walks the option list, stopping at EOL or at an option whose length
/// is bad ("silly options"); options of the wrong length are ignored.
pub fn parse_options(mut o: &[u8]) -> TcpOptions {
    let mut r = TcpOptions::default();
    while let Some((&kind, rest)) = o.split_first() {
        match kind {
            OPT_EOL => break,
            OPT_NOP => {
                o = rest;
                continue;
            }
            _ => {}
        }
        let Some(&len) = rest.first() else { break };
        let len = usize::from(len);
        if len < 2 || len > o.len() {
            break;
        }
        let body = &o[2..len];
        match (kind, body.len()) {
            (OPT_MSS, 2) => r.mss = Some(be16(body, 0)),
            (OPT_WSCALE, 1) => r.wscale = Some(body[0].min(14)),
            (OPT_SACK_PERM, 0) => r.sack_perm = true,
            (OPT_TIMESTAMP, 8) => r.timestamp = Some((be32(body, 0), be32(body, 4))),
            _ => {}
        }
        o = &o[len..];
    }
    r
}

/// The option bytes Linux writes (`tcp_options_write`): in a SYN and a SYN-ACK with SACK and
/// timestamps on, MSS (4 bytes), then SACK_PERM folded into the timestamp word
/// (`04 02 08 0a` + TSval + TSecr), then NOP + window scale; in later segments NOP NOP +
/// timestamp. Options not given are left out the way the kernel leaves them out (a SYN without
/// timestamps carries `NOP NOP SACK_PERM` after the MSS).
pub fn write_options(
    mss: Option<u16>,
    sack_perm: bool,
    ts: Option<(u32, u32)>,
    wscale: Option<u8>,
) -> Vec<u8> {
    let mut o = Vec::with_capacity(40);
    if let Some(m) = mss {
        o.extend_from_slice(&[OPT_MSS, 4]);
        o.extend_from_slice(&m.to_be_bytes());
    }
    match (ts, sack_perm) {
        (Some((val, ecr)), sack) => {
            if sack {
                o.extend_from_slice(&[OPT_SACK_PERM, 2]);
            } else {
                o.extend_from_slice(&[OPT_NOP, OPT_NOP]);
            }
            o.extend_from_slice(&[OPT_TIMESTAMP, 10]);
            o.extend_from_slice(&val.to_be_bytes());
            o.extend_from_slice(&ecr.to_be_bytes());
        }
        (None, true) => o.extend_from_slice(&[OPT_NOP, OPT_NOP, OPT_SACK_PERM, 2]),
        (None, false) => {}
    }
    if let Some(ws) = wscale {
        o.extend_from_slice(&[OPT_NOP, OPT_WSCALE, 3, ws]);
    }
    o
}

/// The fields of a segment to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TcpRepr {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub window: u16,
    /// Option bytes, padded here to a multiple of 4 with EOL if needed.
    pub options: Vec<u8>,
    pub payload: Vec<u8>,
}

impl TcpRepr {
    /// Reads a segment back (the inverse of [`TcpRepr::build`] for well-formed input).
    pub fn parse(p: &TcpPacket<'_>) -> Self {
        TcpRepr {
            src_port: p.src_port(),
            dst_port: p.dst_port(),
            seq: p.seq(),
            ack: p.ack(),
            flags: p.flags(),
            window: p.window(),
            options: p.options_bytes().to_vec(),
            payload: p.payload().to_vec(),
        }
    }

    /// The segment's bytes with the checksum over the pseudo-header of `src` → `dst`.
    /// Options beyond 40 bytes are cut (a header holds at most 60 bytes).
    pub fn build(&self, src: Ipv4Addr, dst: Ipv4Addr) -> Vec<u8> {
        let mut opts = self.options.get(..40).unwrap_or(&self.options).to_vec();
        while opts.len() % 4 != 0 {
            opts.push(OPT_EOL);
        }
        let hlen = TCP_HLEN + opts.len();
        let mut t = Vec::with_capacity(hlen + self.payload.len());
        t.extend_from_slice(&self.src_port.to_be_bytes());
        t.extend_from_slice(&self.dst_port.to_be_bytes());
        t.extend_from_slice(&self.seq.to_be_bytes());
        t.extend_from_slice(&self.ack.to_be_bytes());
        // Narrowing: hlen is at most 60, so hlen / 4 fits the 4-bit data offset.
        t.push(((hlen / 4) as u8) << 4);
        t.push(self.flags);
        t.extend_from_slice(&self.window.to_be_bytes());
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(&opts);
        t.extend_from_slice(&self.payload);
        let c = pseudo_checksum(src, dst, super::ipv4::IPPROTO_TCP, &t);
        t[16..18].copy_from_slice(&c.to_be_bytes());
        t
    }
}

/// The Internet checksum of `segment` preceded by the IPv4 pseudo-header (source,
/// destination, zero, protocol, length): `csum_tcpudp_magic` over `csum_partial`. Zero when a
/// segment that carries its checksum is correct.
pub fn pseudo_checksum(src: Ipv4Addr, dst: Ipv4Addr, proto: u8, segment: &[u8]) -> u16 {
    let mut pseudo = [0u8; 12];
    pseudo[..4].copy_from_slice(&src.octets());
    pseudo[4..8].copy_from_slice(&dst.octets());
    pseudo[9] = proto;
    // Narrowing: the segment sits in an IPv4 packet (< 64 KiB); longer input folds anyway.
    pseudo[10..12].copy_from_slice(&(segment.len() as u16).to_be_bytes());
    let s = checksum::sum(&pseudo);
    let t = checksum::sum(segment);
    let total = u32::from(s) + u32::from(t);
    let folded = (total & 0xffff) + (total >> 16);
    // Narrowing: one fold of two 16-bit sums leaves at most 0xffff.
    !(folded as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const A: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const B: Ipv4Addr = Ipv4Addr::new(10, 0, 1, 2);

    /// The SYN Linux 6.18 sent in a capture (10.0.0.1.47068 > 10.0.1.2.8080, seq 2222460437,
    /// TS val 3712698057): tcpdump said the checksum should be 0xa9fa.
    #[test]
    fn syn_matches_a_kernel_capture() {
        let syn = TcpRepr {
            src_port: 47068,
            dst_port: 8080,
            seq: 2222460437,
            ack: 0,
            flags: SYN,
            window: 64240,
            options: write_options(Some(1460), true, Some((3712698057, 0)), Some(10)),
            payload: vec![],
        }
        .build(A, B);
        assert_eq!(syn.len(), 40);
        assert_eq!(
            &syn[20..],
            &[2, 4, 5, 0xb4, 4, 2, 8, 10, 0xdd, 0x4b, 0x46, 0xc9, 0, 0, 0, 0, 1, 3, 3, 10]
        );
        assert_eq!(&syn[16..18], &[0xa9, 0xfa]);
        let p = TcpPacket::new_checked(&syn).unwrap();
        assert!(p.checksum_ok(A, B));
        assert!(!p.checksum_ok(B, B));
        let o = p.options();
        assert_eq!(o.mss, Some(1460));
        assert_eq!(o.wscale, Some(10));
        assert!(o.sack_perm);
        assert_eq!(o.timestamp, Some((3712698057, 0)));
        assert_eq!(p.seq_len(), 1);
    }

    /// The kernel's RST,ACK from a closed port (10.0.1.2.8082 > 10.0.0.1.37714, ack
    /// 3150305063): checksum 0x54fc in the capture.
    #[test]
    fn rst_matches_a_kernel_capture() {
        let rst = TcpRepr {
            src_port: 8082,
            dst_port: 37714,
            seq: 0,
            ack: 3150305063,
            flags: RST | ACK,
            window: 0,
            options: vec![],
            payload: vec![],
        }
        .build(B, A);
        assert_eq!(&rst[16..18], &[0x54, 0xfc]);
    }

    #[test]
    fn bad_input_is_refused() {
        assert_eq!(TcpPacket::new_checked(&[0; 19]), Err(TcpError::Truncated));
        let mut h = [0u8; 20];
        h[12] = 0x40;
        assert_eq!(TcpPacket::new_checked(&h), Err(TcpError::BadDataOffset));
        h[12] = 0x60;
        assert_eq!(TcpPacket::new_checked(&h), Err(TcpError::BadDataOffset));
    }

    #[test]
    fn silly_options_stop_the_walk() {
        assert_eq!(parse_options(&[2, 1, 5]), TcpOptions::default());
        assert_eq!(parse_options(&[3, 3]).wscale, None);
        assert_eq!(parse_options(&[1, 3, 3, 20]).wscale, Some(14));
        assert_eq!(parse_options(&[0, 2, 4, 5, 0xb4]).mss, None);
    }

    proptest! {
        #[test]
        fn parse_of_build_is_identity(
            sp: u16, dp: u16, seq: u32, ack: u32, flags: u8, window: u16,
            words in proptest::collection::vec(any::<[u8; 4]>(), 0..10),
            payload in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let repr = TcpRepr {
                src_port: sp, dst_port: dp, seq, ack, flags, window,
                options: words.concat(), payload,
            };
            let bytes = repr.build(A, B);
            let p = TcpPacket::new_checked(&bytes).unwrap();
            prop_assert!(p.checksum_ok(A, B));
            prop_assert_eq!(TcpRepr::parse(&p), repr);
        }

        #[test]
        fn parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            if let Ok(p) = TcpPacket::new_checked(&bytes) {
                let _ = (p.options(), p.seq_len(), p.checksum_ok(A, B), TcpRepr::parse(&p));
            }
            let _ = parse_options(&bytes);
        }
    }
}
