//! UDP over IPv4 as `nc -u` uses it: `net/ipv4/udp.c` (`__udp4_lib_rcv`, `__udp4_lib_lookup`
//! with its scoring, `__udp4_lib_err`, `udp_sendmsg` on a connected socket, the autobind of
//! `udp_lib_get_port`).
//!
//! Modelled: sockets bound to a port (any or one address), connected sockets (which only
//! match their peer), ICMP port unreachable when no socket matches (through `icmp_send` and its
//! rate limits), hard ICMP errors reported on a connected socket's next send
//! (`icmp_err_convert`: port/protocol unreachable and the administrative codes; net and host
//! unreachable are soft and ignored without `IP_RECVERR`), and the `nc -l -u` process that
//! connects to its first peer.
//!
//! Not modelled: receive queues and their limits, `SO_REUSEPORT`, broadcast and multicast
//! delivery, UDP-Lite, encapsulation sockets.

use super::icmp::{icmp_send, IcmpError, Origin};
use super::ip_output::ip_local_out;
use super::route::{ip_route_output, OutFlow};
use super::tcp::Errno;
use super::{Sim, Skb};
use crate::model::NsId;
use crate::trace::{Action, DropReason};
use crate::wire::{self, icmp as ic, udp::UdpPacket};
use std::net::Ipv4Addr;

/// Handle of a UDP socket (index in [`UdpTable::socks`]).
pub type UdpId = usize;

/// The process behind a UDP socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UdpApp {
    /// A command that uses the socket itself (the `nc -u` client), or nobody.
    None,
    /// `nc -l -u [-k]`: without `-k` it connects to the sender of the first datagram.
    NcListen { keep: bool },
}

/// One UDP socket.
#[derive(Debug, Clone)]
pub struct UdpSock {
    pub ns: NsId,
    pub laddr: Ipv4Addr,
    pub lport: u16,
    /// The connected peer.
    pub peer: Option<(Ipv4Addr, u16)>,
    pub app: UdpApp,
    /// A pending error (`sk->sk_err`), returned by the next send.
    pub err: Option<Errno>,
    /// Datagrams received.
    pub received: u64,
    pub open: bool,
    ip_id: u16,
}

/// Every UDP socket of the world (closed ones stay, so handles stay valid).
#[derive(Debug, Default, Clone)]
pub struct UdpTable {
    pub socks: Vec<UdpSock>,
}

impl UdpTable {
    /// `__udp4_lib_lookup`: the best-scoring open socket for a datagram `saddr:sport` →
    /// `daddr:dport` (`compute_score`: a bound address or a connected peer must match and each
    /// one that does scores).
    pub fn lookup(
        &self,
        ns: NsId,
        saddr: Ipv4Addr,
        sport: u16,
        daddr: Ipv4Addr,
        dport: u16,
    ) -> Option<UdpId> {
        let mut best: Option<(u32, UdpId)> = None;
        for (i, s) in self.socks.iter().enumerate() {
            if !s.open || s.ns != ns || s.lport != dport {
                continue;
            }
            let mut score = 2;
            if !s.laddr.is_unspecified() {
                if s.laddr != daddr {
                    continue;
                }
                score += 4;
            }
            if let Some((ra, rp)) = s.peer {
                if ra != saddr || rp != sport {
                    continue;
                }
                score += 8;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }

    fn port_in_use(&self, ns: NsId, port: u16) -> bool {
        self.socks
            .iter()
            .any(|s| s.open && s.ns == ns && s.lport == port)
    }
}

fn new_sock(ns: NsId, lport: u16, app: UdpApp) -> UdpSock {
    UdpSock {
        ns,
        laddr: Ipv4Addr::UNSPECIFIED,
        lport,
        peer: None,
        app,
        err: None,
        received: 0,
        open: true,
        ip_id: 0,
    }
}

/// `bind` to `port` on any address; `None` when it is taken (`EADDRINUSE`).
pub fn udp_bind(sim: &mut Sim, ns: NsId, port: u16, app: UdpApp) -> Option<UdpId> {
    if sim.sockets.udp.port_in_use(ns, port) {
        return None;
    }
    sim.sockets.udp.socks.push(new_sock(ns, port, app));
    Some(sim.sockets.udp.socks.len() - 1)
}

/// `connect` on a new socket (`ip4_datagram_connect`): the route chooses the source (a route
/// error fails the connect) and `inet_autobind` a random ephemeral port. Linux 6.18 handed out
/// odd ports in every trace (the opposite parity of `__inet_hash_connect`'s), so the model
/// picks odd ones.
pub fn udp_connect(sim: &mut Sim, ns: NsId, raddr: Ipv4Addr, rport: u16) -> Result<UdpId, Errno> {
    let route = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: raddr,
            src: None,
            oif: 0,
            mark: 0,
            tos: 0,
        },
    )
    .map_err(Errno::from)?;
    let (low, high) = super::tcp::local_port_range(sim, ns);
    let span = u64::from(high.saturating_sub(low)) + 1;
    let start = sim.world.random() % span;
    let port = (0..span)
        .map(|i| u64::from(low) + (start + i) % span)
        .map(|p| p as u16)
        .filter(|p| p % 2 == 1)
        .chain(low..=high)
        .find(|p| !sim.sockets.udp.port_in_use(ns, *p))
        .ok_or(Errno::NetUnreach)?;
    let mut s = new_sock(ns, port, UdpApp::None);
    s.laddr = route.src;
    s.peer = Some((raddr, rport));
    s.ip_id = sim.world.random() as u16;
    sim.sockets.udp.socks.push(s);
    Ok(sim.sockets.udp.socks.len() - 1)
}

/// `close`.
pub fn udp_close(sim: &mut Sim, id: UdpId) {
    if let Some(s) = sim.sockets.udp.socks.get_mut(id) {
        s.open = false;
    }
}

/// `udp_sendmsg` on a connected socket: a pending error is returned (and cleared, as
/// `sock_error` does) instead of sending; otherwise the datagram leaves with DF
/// (`IP_PMTUDISC_WANT`) and the socket's next IP ID.
pub fn udp_sendmsg(sim: &mut Sim, id: UdpId, payload: &[u8]) -> Result<(), Errno> {
    let s = &mut sim.sockets.udp.socks[id];
    if let Some(e) = s.err.take() {
        return Err(e);
    }
    let Some((raddr, rport)) = s.peer else {
        return Ok(());
    };
    let (ns, laddr, lport, ip_id) = (s.ns, s.laddr, s.lport, s.ip_id);
    s.ip_id = s.ip_id.wrapping_add(1);
    let route = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: raddr,
            src: Some(laddr),
            oif: 0,
            mark: 0,
            tos: 0,
        },
    )
    .map_err(Errno::from)?;
    let d = wire::udp::build_udp(laddr, raddr, lport, rport, payload);
    let ttl = sim.world.ns(ns).sysctl.ip_default_ttl as u8;
    let packet = wire::build_ipv4(
        laddr,
        raddr,
        wire::ipv4::IPPROTO_UDP,
        ttl,
        ip_id,
        true,
        0,
        &d,
    );
    ip_local_out(sim, ns, &route, &packet);
    Ok(())
}

/// `__udp4_lib_rcv`: length and checksum checks, socket lookup; no socket means ICMP port
/// unreachable and `SKB_DROP_REASON_NO_SOCKET`.
pub fn udp_rcv(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary) {
    let l4 = skb.l3().get(hdr.header_len..hdr.total_len).unwrap_or(&[]);
    let Ok(uh) = UdpPacket::new_checked(l4) else {
        sim.drop_skb(&skb, "__udp4_lib_rcv", DropReason::PktTooSmall, || {
            "short UDP datagram".into()
        });
        return;
    };
    if !uh.checksum_ok(hdr.src, hdr.dst) {
        sim.drop_skb(&skb, "__udp4_lib_rcv", DropReason::UdpCsum, || {
            "bad UDP checksum".into()
        });
        return;
    }
    let (sport, dport) = (uh.src_port(), uh.dst_port());
    // A vxlan socket (bound to the wildcard address) takes the datagram (`encap_rcv`).
    if super::vxlan::has_socket(sim, skb.ns, dport) {
        let payload = uh.payload().to_vec();
        super::vxlan::vxlan_rcv(sim, &skb, hdr.src, dport, &payload);
        return;
    }
    let Some(id) = sim
        .sockets
        .udp
        .lookup(skb.ns, hdr.src, sport, hdr.dst, dport)
    else {
        sim.drop_skb(&skb, "__udp4_lib_rcv", DropReason::NoSocket, || {
            format!("no UDP socket for {}:{dport}: port unreachable", hdr.dst)
        });
        icmp_send(
            sim,
            &skb,
            IcmpError::PortUnreach,
            Origin::Input { local_dst: true },
        );
        return;
    };
    let s = &mut sim.sockets.udp.socks[id];
    s.received += 1;
    let connect = s.app == UdpApp::NcListen { keep: false } && s.peer.is_none();
    if connect {
        // nc's UDP server `connect`s to its first peer: later datagrams from anyone else
        // find no socket.
        s.peer = Some((hdr.src, sport));
        s.laddr = hdr.dst;
    }
    sim.step(&skb, "udp_queue_rcv_skb", Action::Delivered, || {
        let then = if connect {
            format!("; nc connects to {}:{sport}", hdr.src)
        } else {
            String::new()
        };
        format!("to the socket on port {dport}{then}")
    });
}

/// `__udp4_lib_err`: an ICMP error about a datagram we sent is kept on the socket when it is
/// hard (`icmp_err_convert[code].fatal`) and the socket is connected.
pub fn udp_err(sim: &mut Sim, skb: &Skb, ty: u8, code: u8, quoted: &[u8]) {
    let Some(q) = super::socket::quoted_header(quoted) else {
        return;
    };
    let l4 = quoted.get(q.header_len..).unwrap_or(&[]);
    if l4.len() < 4 {
        return;
    }
    let sport = u16::from_be_bytes([l4[0], l4[1]]);
    let dport = u16::from_be_bytes([l4[2], l4[3]]);
    let Some(id) = sim.sockets.udp.lookup(skb.ns, q.dst, dport, q.src, sport) else {
        return;
    };
    let (err, hard) = match (ty, code) {
        (ic::DEST_UNREACH, ic::FRAG_NEEDED) => return,
        (ic::DEST_UNREACH, c) => match Errno::from_unreach(c) {
            Some(e) => e,
            None => return,
        },
        (ic::TIME_EXCEEDED, _) => (Errno::HostUnreach, false),
        _ => return,
    };
    let s = &mut sim.sockets.udp.socks[id];
    if !hard || s.peer.is_none() {
        sim.step(skb, "__udp4_lib_err", Action::Consumed, || {
            format!(
                "soft error ({}) not reported without IP_RECVERR",
                err.text()
            )
        });
        return;
    }
    s.err = Some(err);
    sim.step(skb, "__udp4_lib_err", Action::Delivered, || {
        format!("socket error: {}", err.text())
    });
}
