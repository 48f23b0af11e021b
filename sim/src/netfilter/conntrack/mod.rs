//! Connection tracking (`net/netfilter/nf_conntrack_core.c`): the table of connections of
//! one namespace, `nf_conntrack_in` (which connection a packet belongs to, in which
//! direction, and what that makes it: NEW, ESTABLISHED, RELATED or INVALID) and
//! `__nf_conntrack_confirm` (a new connection enters the table when its first packet
//! leaves the hooks alive).
//!
//! Expiry is lazy, as lookups see it in the kernel (`nf_ct_is_expired` entries are skipped
//! and reaped): an entry whose timeout has passed is gone for lookups and listings.

pub mod tcp;
pub mod tuple;

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
pub use tcp::{Segment, TcpState, Transition};
pub use tuple::{Tuple, L4};

const SEC: u64 = 1_000_000_000;

/// `nf_conntrack_icmp_timeout`, `nf_conntrack_udp_timeout`, `…_udp_timeout_stream`,
/// `nf_conntrack_generic_timeout` (seconds).
pub const ICMP_TIMEOUT: u64 = 30;
pub const UDP_TIMEOUT: u64 = 30;
pub const UDP_STREAM_TIMEOUT: u64 = 120;
pub const GENERIC_TIMEOUT: u64 = 600;

/// Which tuple of its connection a packet matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Dir {
    Original,
    Reply,
}

/// `enum ip_conntrack_info` for a tracked packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CtInfo {
    /// First packets of a connection, original direction, no reply seen yet.
    New,
    /// Original direction after a reply was seen.
    Established,
    /// The reply direction.
    EstablishedReply,
    /// An ICMP error about a connection, travelling in its original direction.
    Related,
    /// An ICMP error about a connection, travelling in its reply direction.
    RelatedReply,
}

impl CtInfo {
    /// The kernel's name (`IP_CT_*`).
    pub fn kernel_name(self) -> &'static str {
        match self {
            CtInfo::New => "IP_CT_NEW",
            CtInfo::Established => "IP_CT_ESTABLISHED",
            CtInfo::EstablishedReply => "IP_CT_ESTABLISHED_REPLY",
            CtInfo::Related => "IP_CT_RELATED",
            CtInfo::RelatedReply => "IP_CT_RELATED_REPLY",
        }
    }

    /// The direction of the packet within its connection.
    pub fn dir(self) -> Dir {
        match self {
            CtInfo::EstablishedReply | CtInfo::RelatedReply => Dir::Reply,
            _ => Dir::Original,
        }
    }
}

/// `enum ip_conntrack_status` bits (the ones modelled).
pub mod status {
    pub const SEEN_REPLY: u32 = 1 << 1;
    pub const ASSURED: u32 = 1 << 2;
    pub const CONFIRMED: u32 = 1 << 3;
    pub const SRC_NAT: u32 = 1 << 4;
    pub const DST_NAT: u32 = 1 << 5;
    pub const SRC_NAT_DONE: u32 = 1 << 7;
    pub const DST_NAT_DONE: u32 = 1 << 8;
}

/// One connection (`struct nf_conn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conn {
    /// The order connections were confirmed in (0 until then).
    pub id: u64,
    /// `tuplehash[IP_CT_DIR_ORIGINAL]`: as the first packet arrived.
    pub orig: Tuple,
    /// `tuplehash[IP_CT_DIR_REPLY]`: what an answer looks like, NAT included.
    pub reply: Tuple,
    /// [`status`] bits.
    pub status: u32,
    /// The TCP tracker's state (TCP only).
    pub tcp: Option<TcpState>,
    /// When the entry expires (logical ns).
    pub expires: u64,
    /// `ct->mark` (CONNMARK).
    pub mark: u32,
    /// UDP: replies after this moment make it a stream (`ct->proto.udp.stream_ts`, 2 s).
    pub stream_after: u64,
}

impl Conn {
    /// The tuple of direction `dir`.
    pub fn tuple(&self, dir: Dir) -> &Tuple {
        match dir {
            Dir::Original => &self.orig,
            Dir::Reply => &self.reply,
        }
    }

    pub fn has(&self, bit: u32) -> bool {
        self.status & bit != 0
    }
}

/// What `nf_conntrack_in` made of a packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tracked {
    /// A confirmed connection.
    Conn { id: u64, info: CtInfo },
    /// The first packet of a connection: not in the table until [`Conntrack::confirm`].
    New(Box<Conn>),
    /// No connection (`skb->_nfct` unset): an ICMP error about nothing known, a TCP segment
    /// the state machine refuses, an ICMP answer without a query. Matches as INVALID.
    Invalid,
}

/// The connections of one namespace.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Conntrack {
    conns: BTreeMap<u64, Conn>,
    #[serde(skip)]
    index: HashMap<Tuple, (u64, Dir)>,
    last_id: u64,
}

impl Conntrack {
    /// The live connection with tuple `t` in either direction; an expired one is reaped.
    pub fn find(&mut self, t: &Tuple, now: u64) -> Option<(u64, Dir)> {
        let (id, dir) = *self.index.get(t)?;
        if self.conns.get(&id).is_some_and(|c| c.expires <= now) {
            self.remove(id);
            return None;
        }
        Some((id, dir))
    }

    pub fn get(&self, id: u64) -> Option<&Conn> {
        self.conns.get(&id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Conn> {
        self.conns.get_mut(&id)
    }

    /// Whether a tuple is in use by a live connection (`nf_conntrack_tuple_taken`, for NAT).
    pub fn taken(&mut self, t: &Tuple, now: u64) -> bool {
        self.find(t, now).is_some()
    }

    /// Deletes a connection (`conntrack -D`, expiry).
    pub fn remove(&mut self, id: u64) -> Option<Conn> {
        let c = self.conns.remove(&id)?;
        self.index.remove(&c.orig);
        self.index.remove(&c.reply);
        Some(c)
    }

    /// `__nf_conntrack_confirm`: the new connection enters the table. `None` when one of
    /// its tuples was taken meanwhile (the kernel drops the packet: `NF_DROP`).
    pub fn confirm(&mut self, mut conn: Conn, now: u64) -> Option<u64> {
        if self.taken(&conn.orig, now) || self.taken(&conn.reply, now) {
            return None;
        }
        self.last_id += 1;
        let id = self.last_id;
        conn.id = id;
        conn.status |= status::CONFIRMED;
        self.index.insert(conn.orig, (id, Dir::Original));
        self.index.insert(conn.reply, (id, Dir::Reply));
        self.conns.insert(id, conn);
        Some(id)
    }

    /// `conntrack -F`: every entry goes; returns how many there were.
    pub fn flush(&mut self) -> usize {
        let n = self.conns.len();
        self.conns.clear();
        self.index.clear();
        n
    }

    /// The live connections in the order they were confirmed.
    pub fn live(&self, now: u64) -> impl Iterator<Item = &Conn> {
        self.conns.values().filter(move |c| c.expires > now)
    }

    /// `nf_conntrack_in` for an IPv4 packet (`ip` starts at its header), at time `now`.
    /// TCP `flags` come from the segment's header.
    pub fn conntrack_in(&mut self, ip: &[u8], now: u64) -> Tracked {
        if let Some(quoted) = Tuple::quoted(ip) {
            return self.icmp_error(ip, &quoted, now);
        }
        let Some(t) = Tuple::of_packet(ip) else {
            return Tracked::Invalid;
        };
        let flags = tcp_flags(ip);
        match self.find(&t, now) {
            Some((id, dir)) => self.packet(id, dir, flags, ip.len(), now),
            None => new_conn(t, flags, now),
        }
    }

    /// `nf_conntrack_inet_error`: an ICMP error belongs to the connection of the packet it
    /// quotes, found by the quote's inverse, if the error travels to that direction's
    /// destination.
    fn icmp_error(&mut self, ip: &[u8], quoted: &Tuple, now: u64) -> Tracked {
        let Some(inner) = quoted.invert() else {
            return Tracked::Invalid;
        };
        let Some((id, dir)) = self.find(&inner, now) else {
            return Tracked::Invalid;
        };
        let outer_dst = Tuple::of_packet(ip).map(|t| t.dst);
        let conn_dst = self.conns.get(&id).map(|c| c.tuple(dir).dst);
        if outer_dst != conn_dst {
            return Tracked::Invalid;
        }
        let info = match dir {
            Dir::Original => CtInfo::Related,
            Dir::Reply => CtInfo::RelatedReply,
        };
        Tracked::Conn { id, info }
    }

    /// A packet of a known connection: its ctinfo, the protocol tracker's update (state,
    /// timeout, ASSURED), then SEEN_REPLY for a reply.
    fn packet(&mut self, id: u64, dir: Dir, flags: u8, _len: usize, now: u64) -> Tracked {
        let Some(c) = self.conns.get_mut(&id) else {
            return Tracked::Invalid;
        };
        let info = match dir {
            Dir::Reply => CtInfo::EstablishedReply,
            Dir::Original if c.has(status::SEEN_REPLY) => CtInfo::Established,
            Dir::Original => CtInfo::New,
        };
        let reply = dir == Dir::Reply;
        match c.orig.l4 {
            L4::Tcp { .. } => {
                let old = c.tcp.unwrap_or(TcpState::None);
                match old.next(Segment::of_flags(flags), reply) {
                    Transition::Invalid => return Tracked::Invalid,
                    Transition::Ignore => {}
                    Transition::To(_) if !c.has(status::SEEN_REPLY) && flags & 0x04 != 0 => {
                        // "If only reply is a RST, we can consider ourselves not to have an
                        // established connection": the entry dies at once
                        // (`nf_ct_kill_acct`); this packet still belongs to it.
                        c.tcp = Some(TcpState::Close);
                        c.expires = now;
                        return Tracked::Conn { id, info };
                    }
                    Transition::To(new) => {
                        let seen_reply = c.has(status::SEEN_REPLY) || reply;
                        if seen_reply
                            && new == TcpState::Established
                            && matches!(old, TcpState::SynRecv | TcpState::Established)
                        {
                            c.status |= status::ASSURED;
                        }
                        c.tcp = Some(new);
                        c.expires = now + new.timeout_secs() * SEC;
                    }
                }
            }
            L4::Udp { .. } => {
                if c.has(status::SEEN_REPLY) || reply {
                    let stream = now > c.stream_after;
                    let t = if stream {
                        UDP_STREAM_TIMEOUT
                    } else {
                        UDP_TIMEOUT
                    };
                    c.expires = now + t * SEC;
                    if stream {
                        c.status |= status::ASSURED;
                    }
                } else {
                    c.expires = now + UDP_TIMEOUT * SEC;
                }
            }
            L4::Icmp { .. } => c.expires = now + ICMP_TIMEOUT * SEC,
            L4::Other { .. } => c.expires = now + GENERIC_TIMEOUT * SEC,
        }
        if reply {
            c.status |= status::SEEN_REPLY;
        }
        Tracked::Conn { id, info }
    }
}

/// The TCP flags byte of a TCP segment (0 for anything else or a short header).
fn tcp_flags(ip: &[u8]) -> u8 {
    let Ok(h) = crate::wire::ipv4_summary(ip) else {
        return 0;
    };
    if h.proto != tuple::TCP {
        return 0;
    }
    ip.get(h.header_len + 13).copied().unwrap_or(0)
}

/// `init_conntrack`: a new, unconfirmed connection for a packet whose tuple is unknown, if
/// the packet may open one (`icmp_new`, `tcp_new`).
fn new_conn(t: Tuple, flags: u8, now: u64) -> Tracked {
    if !t.can_open() {
        return Tracked::Invalid;
    }
    let Some(reply) = t.invert() else {
        return Tracked::Invalid;
    };
    let (tcp, timeout) = match t.l4 {
        L4::Tcp { .. } => match TcpState::None.next(Segment::of_flags(flags), false) {
            Transition::To(s) => (Some(s), s.timeout_secs()),
            _ => return Tracked::Invalid,
        },
        L4::Udp { .. } => (None, UDP_TIMEOUT),
        L4::Icmp { .. } => (None, ICMP_TIMEOUT),
        L4::Other { .. } => (None, GENERIC_TIMEOUT),
    };
    Tracked::New(Box::new(Conn {
        id: 0,
        orig: t,
        reply,
        status: 0,
        tcp,
        expires: now + timeout * SEC,
        mark: 0,
        stream_after: now + 2 * SEC,
    }))
}

#[cfg(test)]
mod tests;
