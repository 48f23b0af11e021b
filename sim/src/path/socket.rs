//! Local ICMP sockets, as iputils `ping` uses them (`net/ipv4/raw.c` / `ping.c`): echo
//! replies matching the socket's identifier, and ICMP errors quoting one of its requests.
//! The TCP and UDP socket tables live in [`super::tcp`] and [`super::udp`].

use super::{Sim, Skb};
use crate::model::{IfIndex, NsId};
use crate::trace::Action;
use crate::wire::{self, icmp as ic};
use std::net::Ipv4Addr;

/// What a ping socket received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PingEvent {
    Reply {
        time: u64,
        from: Ipv4Addr,
        seq: u16,
        ttl: u8,
        /// ICMP bytes (header + data), as ping prints "N bytes from".
        len: usize,
    },
    Error {
        time: u64,
        from: Ipv4Addr,
        seq: u16,
        ty: u8,
        code: u8,
        rest: u32,
    },
}

/// One open ping socket.
#[derive(Debug, Clone)]
pub struct PingSocket {
    pub ns: NsId,
    pub ident: u16,
    /// `SO_BINDTODEVICE` (`sk_bound_dev_if`), 0 when unbound.
    pub bound_dev: IfIndex,
    pub events: Vec<PingEvent>,
}

/// Every open socket.
#[derive(Debug, Default)]
pub struct Sockets {
    pub socks: Vec<PingSocket>,
    pub tcp: super::tcp::TcpTable,
    pub udp: super::udp::UdpTable,
}

impl Sockets {
    /// Opens a ping socket in `ns` with identifier `ident`, bound to device `bound_dev` (0:
    /// none); returns its handle.
    pub fn open(&mut self, ns: NsId, ident: u16, bound_dev: IfIndex) -> usize {
        self.socks.push(PingSocket {
            ns,
            ident,
            bound_dev,
            events: Vec::new(),
        });
        self.socks.len() - 1
    }

    /// Closes a socket: it receives nothing more.
    pub fn close(&mut self, sock: usize) {
        if let Some(s) = self.socks.get_mut(sock) {
            s.ident = 0;
            s.ns = usize::MAX;
        }
    }
}

/// The first fields of a quoted IPv4 header, tolerating truncation (ICMP quotes).
#[derive(Debug, Clone, Copy)]
pub struct QuotedHeader {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub proto: u8,
    pub header_len: usize,
}

/// Parses the IPv4 header an ICMP error quotes.
pub fn quoted_header(data: &[u8]) -> Option<QuotedHeader> {
    if data.len() < 20 || data[0] >> 4 != 4 {
        return None;
    }
    let header_len = usize::from(data[0] & 0x0f) * 4;
    Some(QuotedHeader {
        src: Ipv4Addr::new(data[12], data[13], data[14], data[15]),
        dst: Ipv4Addr::new(data[16], data[17], data[18], data[19]),
        proto: data[9],
        header_len,
    })
}

/// `raw_local_deliver` / `ping_rcv` and `icmp_unreach` → `ping_err`: hands an ICMP message to
/// the ping socket it concerns.
pub fn deliver_icmp(sim: &mut Sim, skb: &Skb, hdr: &wire::Ipv4Summary, payload: &[u8]) {
    let Some(msg) = ic::parse_icmp(payload) else {
        return;
    };
    let now = sim.world.now;
    let (ident, seq, event) = if msg.ty == ic::ECHO_REPLY {
        let (id, seq) = (
            u16::from_be_bytes([payload[4], payload[5]]),
            u16::from_be_bytes([payload[6], payload[7]]),
        );
        (
            id,
            seq,
            PingEvent::Reply {
                time: now,
                from: hdr.src,
                seq,
                ttl: hdr.ttl,
                len: payload.len(),
            },
        )
    } else if is_reported_error(msg.ty) {
        let Some(q) = quoted_header(msg.data) else {
            return;
        };
        let inner = msg.data.get(q.header_len..).unwrap_or(&[]);
        if q.proto != 1 || inner.len() < 8 || inner[0] != ic::ECHO {
            return;
        }
        let id = u16::from_be_bytes([inner[4], inner[5]]);
        let seq = u16::from_be_bytes([inner[6], inner[7]]);
        (
            id,
            seq,
            PingEvent::Error {
                time: now,
                from: hdr.src,
                seq,
                ty: msg.ty,
                code: msg.code,
                rest: msg.rest,
            },
        )
    } else {
        return;
    };
    let ns = skb.ns;
    let iif = inet_iif(sim, skb, hdr.dst);
    // `raw_v4_match`: a socket bound to a device takes only what came in by it.
    let found = sim
        .sockets
        .socks
        .iter_mut()
        .find(|s| s.ns == ns && s.ident == ident && (s.bound_dev == 0 || s.bound_dev == iif));
    match found {
        Some(s) => {
            s.events.push(event);
            sim.step(skb, "ping_rcv", Action::Delivered, || {
                format!("to ping socket id {ident} (icmp_seq={seq})")
            });
        }
        None => sim.step(skb, "icmp_rcv", Action::Consumed, || {
            "no socket for this ICMP message".into()
        }),
    }
}

/// `inet_iif`: the device a packet counts as received on. One that came back through `lo`
/// with its output route still has that route's `rt_iif`, which for a local destination is
/// the device of the local route (`ip_route_output_key_hash_rcu`: `orig_oif =
/// FIB_RES_OIF`), not `lo`: the address' own device.
fn inet_iif(sim: &Sim, skb: &Skb, dst: Ipv4Addr) -> IfIndex {
    if skb.dst_local {
        if let Some(dev) = super::route::ip_dev_find(sim.world.ns(skb.ns), dst) {
            return dev;
        }
    }
    skb.dev
}

/// The errors iputils' ICMP filter lets through (`ICMP_FILTER`).
fn is_reported_error(ty: u8) -> bool {
    matches!(ty, 3 | 4 | 5 | 11 | 12)
}
