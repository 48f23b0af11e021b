//! Network address translation on top of connection tracking (`net/netfilter/nf_nat_core.c`,
//! `nf_nat_proto.c`): choosing a connection's translated tuple once (`nf_nat_setup_info`
//! with `get_unique_tuple`), then rewriting every packet of the connection in both
//! directions (`nf_nat_packet`, `nf_nat_manip_pkt`), and the packet an ICMP error quotes
//! (`nf_nat_icmp_reply_translation`).

use super::conntrack::{status, Conn, Conntrack, Dir, Tuple, L4};
use crate::wire::checksum;
use std::net::Ipv4Addr;

/// Which end of the original tuple a NAT rule changes (`enum nf_nat_manip_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manip {
    /// SNAT, MASQUERADE (POSTROUTING, INPUT).
    Src,
    /// DNAT, REDIRECT (PREROUTING, OUTPUT).
    Dst,
}

impl Manip {
    fn status(self) -> (u32, u32) {
        match self {
            Manip::Src => (status::SRC_NAT, status::SRC_NAT_DONE),
            Manip::Dst => (status::DST_NAT, status::DST_NAT_DONE),
        }
    }
}

/// `struct nf_nat_range2` for IPv4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NatRange {
    pub min_addr: Ipv4Addr,
    pub max_addr: Ipv4Addr,
    /// `NF_NAT_RANGE_PROTO_SPECIFIED`: ports (or ICMP ids) to choose from.
    pub ports: Option<(u16, u16)>,
    /// `NF_NAT_RANGE_PROTO_RANDOM` / `_RANDOM_FULLY`: a random port even when the original
    /// one is free.
    pub random: bool,
    /// `NF_NAT_RANGE_PERSISTENT`: the address depends on the source only.
    pub persistent: bool,
}

/// Whether NAT of kind `manip` has been decided for `conn` (`nf_nat_initialized`).
pub fn initialized(conn: &Conn, manip: Manip) -> bool {
    conn.has(manip.status().1)
}

/// `nf_nat_alloc_null_binding`: no rule changed this end; decided as "unchanged".
pub fn null_binding(conn: &mut Conn, manip: Manip) {
    conn.status |= manip.status().1;
}

/// `nf_nat_setup_info`: picks the translated tuple for a new connection within `range`
/// (keeping what it can: the original port when it is free and in range) and records it as
/// the connection's reply tuple. `rand` gives the kernel's `get_random_u16()`.
pub fn setup_info(
    table: &mut Conntrack,
    conn: &mut Conn,
    range: &NatRange,
    manip: Manip,
    now: u64,
    rand: &mut dyn FnMut() -> u16,
) {
    // The tuple as it leaves (the original one with earlier NAT already applied).
    let current = conn.reply.invert().unwrap_or(conn.orig);
    let new = unique_tuple(table, &current, range, manip, now, rand);
    if new != current {
        if let Some(reply) = new.invert() {
            conn.reply = reply;
        }
        conn.status |= manip.status().0;
    }
    conn.status |= manip.status().1;
}

/// `get_unique_tuple`.
fn unique_tuple(
    table: &mut Conntrack,
    orig: &Tuple,
    range: &NatRange,
    manip: Manip,
    now: u64,
    rand: &mut dyn FnMut() -> u16,
) -> Tuple {
    let used = |table: &mut Conntrack, t: &Tuple| t.invert().is_some_and(|r| table.taken(&r, now));
    // SNAT tries the original tuple first.
    if manip == Manip::Src && !range.random && in_range(orig, range, manip) && !used(table, orig) {
        return *orig;
    }
    let mut t = *orig;
    set_addr(&mut t, manip, best_addr(orig, range));
    if range.ports.is_none() && !range.random && !used(table, &t) {
        return t;
    }
    unique_port(table, &mut t, range, manip, now, rand);
    t
}

fn manip_addr(t: &Tuple, manip: Manip) -> Ipv4Addr {
    match manip {
        Manip::Src => t.src,
        Manip::Dst => t.dst,
    }
}

fn set_addr(t: &mut Tuple, manip: Manip, a: Ipv4Addr) {
    match manip {
        Manip::Src => t.src = a,
        Manip::Dst => t.dst = a,
    }
}

/// The port (or ICMP id) a manip changes.
fn key(t: &Tuple, manip: Manip) -> Option<u16> {
    match (t.l4, manip) {
        (L4::Tcp { sport, .. } | L4::Udp { sport, .. }, Manip::Src) => Some(sport),
        (L4::Tcp { dport, .. } | L4::Udp { dport, .. }, Manip::Dst) => Some(dport),
        (L4::Icmp { id, .. }, _) => Some(id),
        _ => None,
    }
}

fn set_key(t: &mut Tuple, manip: Manip, v: u16) {
    match (&mut t.l4, manip) {
        (L4::Tcp { sport, .. } | L4::Udp { sport, .. }, Manip::Src) => *sport = v,
        (L4::Tcp { dport, .. } | L4::Udp { dport, .. }, Manip::Dst) => *dport = v,
        (L4::Icmp { id, .. }, _) => *id = v,
        _ => {}
    }
}

/// `nf_in_range`: the tuple's address and port already lie in the range.
fn in_range(t: &Tuple, range: &NatRange, manip: Manip) -> bool {
    let a = u32::from(manip_addr(t, manip));
    let addr_ok = (u32::from(range.min_addr)..=u32::from(range.max_addr)).contains(&a);
    let port_ok = match (range.ports, key(t, manip)) {
        (Some((lo, hi)), Some(k)) => (lo.min(hi)..=hi.max(lo)).contains(&k),
        _ => true,
    };
    addr_ok && port_ok
}

/// `find_best_ips_proto`: one address of the range. With one address that is it; a wider
/// range picks by a hash of the addresses in the kernel (`jhash2`): pathsim picks the
/// first address of the range plus the source's offset, which spreads sources the same way
/// but not onto the same addresses (documented as a known difference).
fn best_addr(t: &Tuple, range: &NatRange) -> Ipv4Addr {
    let (lo, hi) = (u32::from(range.min_addr), u32::from(range.max_addr));
    if hi <= lo {
        return range.min_addr;
    }
    let spread = u32::from(t.src) % (hi - lo + 1);
    Ipv4Addr::from(lo + spread)
}

/// `nf_nat_l4proto_unique_tuple`: a free port (or ICMP id) in the range, searched from a
/// random offset; without a port range a destination port is never changed and a source
/// port stays in its class (below 512, 600-1023, 1024 and up).
fn unique_port(
    table: &mut Conntrack,
    t: &mut Tuple,
    range: &NatRange,
    manip: Manip,
    now: u64,
    rand: &mut dyn FnMut() -> u16,
) {
    let Some(current) = key(t, manip) else {
        return;
    };
    let icmp = matches!(t.l4, L4::Icmp { .. });
    let (min, size): (u32, u32) = match range.ports {
        Some((a, b)) => {
            let (lo, hi) = (a.min(b), a.max(b));
            (u32::from(lo), u32::from(hi - lo) + 1)
        }
        None if icmp => (0, 65536),
        None if manip == Manip::Dst => return,
        None if current < 512 => (1, 511),
        None if current < 1024 => (600, 424),
        None => (1024, 65536 - 1024),
    };
    let mut off = if range.random || manip != Manip::Dst || icmp {
        u32::from(rand())
    } else {
        0
    };
    let attempts = size.min(128);
    for _ in 0..attempts {
        let port = u16::try_from(min + off % size).unwrap_or(u16::MAX);
        set_key(t, manip, port);
        if !t.invert().is_some_and(|r| table.taken(&r, now)) {
            return;
        }
        off = off.wrapping_add(1);
    }
}

/// The status bit that says whether a hook of kind `manip` rewrites packets travelling in
/// `dir`: its own kind in the original direction, the other kind in the reply direction.
fn applies(conn: &Conn, dir: Dir, manip: Manip) -> bool {
    let kind = match (manip, dir) {
        (Manip::Src, Dir::Original) | (Manip::Dst, Dir::Reply) => status::SRC_NAT,
        _ => status::DST_NAT,
    };
    conn.has(kind)
}

fn other(dir: Dir) -> Dir {
    match dir {
        Dir::Original => Dir::Reply,
        Dir::Reply => Dir::Original,
    }
}

/// `nf_nat_packet`: rewrites a packet of `conn` travelling in `dir` at a hook of kind
/// `manip`, if the connection's NAT touches that end in that direction: the packet gets the
/// addresses and ports of the other direction's tuple, inverted.
pub fn nat_packet(conn: &Conn, dir: Dir, manip: Manip, ip: &mut [u8]) -> bool {
    if !applies(conn, dir, manip) {
        return false;
    }
    let Some(target) = conn.tuple(other(dir)).invert() else {
        return false;
    };
    manip_pkt(ip, &target, manip);
    true
}

/// `nf_nat_icmp_reply_translation`: an ICMP error related to `conn` travelling in `dir`.
/// The packet it quotes went the other way: it gets that direction's tuple with the other
/// kind of manip; the ICMP checksum is recomputed over the message; then the error's own
/// addresses are rewritten as a packet of `dir` (addresses only).
pub fn icmp_reply_translation(conn: &Conn, dir: Dir, manip: Manip, ip: &mut [u8]) -> bool {
    if !applies(conn, dir, manip) {
        return false;
    }
    let Some(hl) = header_len(ip) else {
        return false;
    };
    let quoted = *conn.tuple(other(dir));
    let inner_manip = match manip {
        Manip::Src => Manip::Dst,
        Manip::Dst => Manip::Src,
    };
    let total = usize::from(u16::from_be_bytes([ip[2], ip[3]])).clamp(hl, ip.len());
    let icmp = &mut ip[hl..total];
    if icmp.len() < 8 + 20 {
        return false;
    }
    manip_pkt(&mut icmp[8..], &quoted, inner_manip);
    icmp[2..4].copy_from_slice(&[0, 0]);
    let c = checksum::checksum(icmp);
    icmp[2..4].copy_from_slice(&c.to_be_bytes());
    if let Some(outer) = quoted.invert() {
        manip_pkt(ip, &outer, manip);
    }
    true
}

fn header_len(ip: &[u8]) -> Option<usize> {
    let b = *ip.first()?;
    let hl = usize::from(b & 0x0f) * 4;
    (b >> 4 == 4 && hl >= 20 && ip.len() >= hl).then_some(hl)
}

/// `nf_nat_ipv4_manip_pkt` + the protocol's `manip_pkt`: puts `target`'s source (or
/// destination) address and port into the packet, updating the IP checksum, the TCP/UDP
/// checksum (pseudo-header and port; a UDP checksum of 0 means none and stays 0) and, for
/// ICMP queries, the id and the ICMP checksum.
fn manip_pkt(ip: &mut [u8], target: &Tuple, manip: Manip) {
    let Some(hl) = header_len(ip) else {
        return;
    };
    let (addr_at, new_addr) = match manip {
        Manip::Src => (12, target.src),
        Manip::Dst => (16, target.dst),
    };
    let old_addr: [u8; 4] = [
        ip[addr_at],
        ip[addr_at + 1],
        ip[addr_at + 2],
        ip[addr_at + 3],
    ];
    let new_addr = new_addr.octets();
    let proto = ip[9];
    let first_fragment = u16::from_be_bytes([ip[6], ip[7]]) & 0x1fff == 0;
    let total = usize::from(u16::from_be_bytes([ip[2], ip[3]])).min(ip.len());
    if first_fragment {
        let l4 = &mut ip[hl..total.max(hl)];
        match (proto, target.l4) {
            (6 | 17, L4::Tcp { sport, dport } | L4::Udp { sport, dport }) => {
                let (port_at, new_port) = match manip {
                    Manip::Src => (0, sport),
                    Manip::Dst => (2, dport),
                };
                // A quoted header may be cut after 8 bytes: the ports change, a checksum
                // beyond the quote cannot (`tcp_manip_pkt`'s `hdrsize`).
                let check_at = if proto == 6 { 16 } else { 6 };
                if l4.len() >= 4 {
                    let old_port = [l4[port_at], l4[port_at + 1]];
                    let new_port = new_port.to_be_bytes();
                    if l4.len() >= check_at + 2 {
                        let check = u16::from_be_bytes([l4[check_at], l4[check_at + 1]]);
                        if !(proto == 17 && check == 0) {
                            let mut c = checksum::replace(check, &old_addr, &new_addr);
                            c = checksum::replace(c, &old_port, &new_port);
                            if proto == 17 && c == 0 {
                                c = 0xffff;
                            }
                            l4[check_at..check_at + 2].copy_from_slice(&c.to_be_bytes());
                        }
                    }
                    l4[port_at..port_at + 2].copy_from_slice(&new_port);
                }
            }
            (1, L4::Icmp { id, ty, .. })
                if !super::conntrack::tuple::icmp_is_error(ty) && l4.len() >= 8 =>
            {
                let old_id = [l4[4], l4[5]];
                let new_id = id.to_be_bytes();
                let check = u16::from_be_bytes([l4[2], l4[3]]);
                let c = checksum::replace(check, &old_id, &new_id);
                l4[2..4].copy_from_slice(&c.to_be_bytes());
                l4[4..6].copy_from_slice(&new_id);
            }
            _ => {}
        }
    }
    let check = u16::from_be_bytes([ip[10], ip[11]]);
    let c = checksum::replace(check, &old_addr, &new_addr);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip[addr_at..addr_at + 4].copy_from_slice(&new_addr);
}

#[cfg(test)]
mod tests;
