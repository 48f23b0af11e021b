//! `net/ipv4/icmp.c`: `icmp_rcv` (echo replies via `icmp_echo`, errors handed to sockets,
//! redirects to `ip_do_redirect`) and `__icmp_send` (error generation with the kernel's
//! source choice, 576-byte quote limit and rate limits).

use super::ip_output::ip_local_out;
use super::route::{ip_route_output, OutFlow};
use super::{PktType, Sim, Skb};
use crate::trace::{Action, DropReason};
use crate::wire::{self, icmp as ic};
use std::net::Ipv4Addr;

/// The ICMP errors the path sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcmpError {
    NetUnreach,
    HostUnreach,
    ProtUnreach,
    PortUnreach,
    FragNeeded(u16),
    PktFiltered,
    NetProhibited,
    HostProhibited,
    TimeExceeded,
    RedirectHost(Ipv4Addr),
}

impl IcmpError {
    fn type_code_rest(self) -> (u8, u8, u32) {
        match self {
            IcmpError::NetUnreach => (ic::DEST_UNREACH, ic::NET_UNREACH, 0),
            IcmpError::HostUnreach => (ic::DEST_UNREACH, ic::HOST_UNREACH, 0),
            IcmpError::ProtUnreach => (ic::DEST_UNREACH, ic::PROT_UNREACH, 0),
            IcmpError::PortUnreach => (ic::DEST_UNREACH, ic::PORT_UNREACH, 0),
            IcmpError::FragNeeded(mtu) => (ic::DEST_UNREACH, ic::FRAG_NEEDED, u32::from(mtu)),
            IcmpError::PktFiltered => (ic::DEST_UNREACH, ic::PKT_FILTERED, 0),
            IcmpError::NetProhibited => (ic::DEST_UNREACH, 9, 0),
            IcmpError::HostProhibited => (ic::DEST_UNREACH, 10, 0),
            IcmpError::TimeExceeded => (ic::TIME_EXCEEDED, 0, 0),
            IcmpError::RedirectHost(gw) => (ic::REDIRECT, ic::REDIR_HOST, u32::from(gw)),
        }
    }
}

/// How the offending packet got here (what `skb_rtable(skb_in)` says in the kernel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Received; `local_dst` when it was addressed to this namespace (`RTCF_LOCAL`).
    Input { local_dst: bool },
    /// Generated here (an output route).
    Output,
}

/// ICMP types that are errors (`icmp_pointers[type].error`).
fn is_error_type(t: u8) -> bool {
    matches!(t, 3 | 4 | 5 | 11 | 12)
}

/// `icmpv4_global_allow` + `icmpv4_xrlim_allow`: token buckets. Only types in
/// `icmp_ratemask` (dest unreachable, source quench, time exceeded, parameter problem) are
/// limited, frag-needed never; errors to this namespace itself (via `lo`) skip the per-peer
/// limit.
fn rate_allow(sim: &mut Sim, ns: usize, ty: u8, code: u8, to: Ipv4Addr, to_self: bool) -> bool {
    let n = sim.world.ns(ns);
    let mask = n.sysctl.icmp_ratemask;
    if ty > 31 || mask & (1 << ty) == 0 || (ty == ic::DEST_UNREACH && code == ic::FRAG_NEEDED) {
        return true;
    }
    let per_sec = n.sysctl.icmp_msgs_per_sec.max(0) as u64;
    let burst = n.sysctl.icmp_msgs_burst.max(0) as u64;
    let ratelimit_ns = n.sysctl.icmp_ratelimit.max(0) as u64 * 1_000_000;
    let now = sim.world.now;
    let ns_mut = sim.world.ns_mut(ns);
    let g = &mut ns_mut.icmp_global;
    if !g.used {
        g.used = true;
        g.tokens = burst;
        g.last = now;
    }
    if per_sec > 0 {
        let refill = (now - g.last) * per_sec / 1_000_000_000;
        if refill > 0 {
            g.tokens = (g.tokens + refill).min(burst);
            g.last = now;
        }
    }
    if g.tokens == 0 {
        return false;
    }
    g.tokens -= 1;
    if to_self || ratelimit_ns == 0 {
        return true;
    }
    inet_peer_xrlim_allow(ns_mut, to, now, ratelimit_ns, 6 * ratelimit_ns)
}

/// `inet_peer_xrlim_allow` on the peer entry of `to`: one token bucket per destination, shared
/// by every ICMP error limit (`ip_error` and `icmpv4_xrlim_allow` spend from the same
/// `rate_tokens`). A new peer starts as if last used 60 s ago (`inet_getpeer`).
pub fn inet_peer_xrlim_allow(
    ns: &mut crate::model::Netns,
    to: Ipv4Addr,
    now: u64,
    cost: u64,
    burst: u64,
) -> bool {
    const NEW_PEER_AGE: u64 = 60_000_000_000;
    let p = ns.icmp_peers.entry(to).or_default();
    let elapsed = if p.used { now - p.last } else { NEW_PEER_AGE };
    p.used = true;
    p.tokens = (p.tokens + elapsed).min(burst);
    p.last = now;
    if p.tokens >= cost {
        p.tokens -= cost;
        true
    } else {
        false
    }
}

/// `__icmp_send`: an ICMP error about `skb_in` back to its source.
pub fn icmp_send(sim: &mut Sim, skb_in: &Skb, err: IcmpError, origin: Origin) {
    let ns = skb_in.ns;
    let Ok(iph) = wire::ipv4_summary(skb_in.l3()) else {
        return;
    };
    if origin != Origin::Output && skb_in.pkt_type != PktType::Host {
        return;
    }
    if iph.dst == Ipv4Addr::BROADCAST || iph.dst.is_multicast() || iph.frag_offset != 0 {
        return;
    }
    if iph.proto == 1 {
        let inner = skb_in.l3().get(iph.header_len..).unwrap_or(&[]);
        if inner.first().is_some_and(|t| is_error_type(*t)) {
            return;
        }
    }
    let (ty, code, rest) = err.type_code_rest();
    let saddr = match origin {
        Origin::Input { local_dst: true } => Some(iph.dst),
        _ => None,
    };
    let tos = (iph.tos & 0x1e) | 0xc0;
    let route = match ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: iph.src,
            src: saddr,
            oif: 0,
            mark: 0,
            tos: 0,
        },
    ) {
        Ok(r) => r,
        Err(e) => {
            sim.step(
                skb_in,
                "icmp_send",
                Action::Dropped(DropReason::IpOutnoroutes),
                || {
                    format!(
                        "no route back to {} for the ICMP error ({})",
                        iph.src,
                        e.text()
                    )
                },
            );
            return;
        }
    };
    if !rate_allow(sim, ns, ty, code, iph.src, route.local) {
        sim.step(skb_in, "icmp_send", Action::Consumed, || {
            "ICMP error suppressed by the rate limit".into()
        });
        return;
    }
    let mtu = sim
        .world
        .ns(ns)
        .devices
        .get(&route.dev)
        .map_or(1500, |d| d.mtu) as usize;
    let Some(room) = ic::icmp_error_room(mtu) else {
        return;
    };
    let body = ic::icmp_error_with_room(ty, code, rest, skb_in.l3(), room);
    let ttl = sim.world.ns(ns).sysctl.ip_default_ttl as u8;
    let id = next_ip_id(sim, ns);
    let packet = wire::build_ipv4(route.src, iph.src, 1, ttl, id, false, tos, &body);
    sim.step(skb_in, "__icmp_send", Action::Replied, || {
        format!(
            "{} from {} to {}",
            wire::describe(&super::ip_output::blank_frame(&packet)),
            route.src,
            iph.src
        )
    });
    ip_local_out(sim, ns, &route, &packet);
}

/// `ip_select_ident` for packets without DF: a per-namespace counter.
pub fn next_ip_id(sim: &mut Sim, ns: usize) -> u16 {
    let n = sim.world.ns_mut(ns);
    n.ip_id = n.ip_id.wrapping_add(1);
    n.ip_id
}

/// `icmp_rcv`: checksum, then echo requests are answered, everything else goes to sockets.
pub fn icmp_rcv(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary) {
    let payload = skb
        .l3()
        .get(hdr.header_len..hdr.total_len)
        .unwrap_or(&[])
        .to_vec();
    let Some(msg) = ic::parse_icmp(&payload) else {
        sim.drop_skb(&skb, "icmp_rcv", DropReason::PktTooSmall, String::new);
        return;
    };
    if !msg.checksum_ok {
        sim.drop_skb(&skb, "icmp_rcv", DropReason::NotSpecified, || {
            "bad ICMP checksum".into()
        });
        return;
    }
    match msg.ty {
        ic::ECHO => icmp_echo(sim, &skb, &hdr, &payload),
        ic::REDIRECT => {
            super::socket::deliver_icmp(sim, &skb, &hdr, &payload);
            ip_do_redirect(sim, &skb, &payload);
        }
        ic::DEST_UNREACH if msg.code == ic::FRAG_NEEDED => {
            super::socket::deliver_icmp(sim, &skb, &hdr, &payload);
            ip_rt_update_pmtu(sim, &skb, &payload);
        }
        ic::DEST_UNREACH | ic::TIME_EXCEEDED => {
            super::socket::deliver_icmp(sim, &skb, &hdr, &payload);
            icmp_socket_deliver(sim, &skb, &payload);
        }
        _ => super::socket::deliver_icmp(sim, &skb, &hdr, &payload),
    }
}

/// `icmp_socket_deliver`: an error quoting a TCP or UDP packet goes to that protocol's
/// `err_handler` (`tcp_v4_err`, `udp_err`).
fn icmp_socket_deliver(sim: &mut Sim, skb: &Skb, payload: &[u8]) {
    let Some(msg) = ic::parse_icmp(payload) else {
        return;
    };
    match super::socket::quoted_header(msg.data).map(|q| q.proto) {
        Some(wire::ipv4::IPPROTO_TCP) => {
            super::tcp::tcp_v4_err(sim, skb, msg.ty, msg.code, msg.data)
        }
        Some(wire::ipv4::IPPROTO_UDP) => super::udp::udp_err(sim, skb, msg.ty, msg.code, msg.data),
        _ => {}
    }
}

/// `icmp_echo` → `icmp_reply`: the reply comes from the address that was pinged.
fn icmp_echo(sim: &mut Sim, skb: &Skb, hdr: &wire::Ipv4Summary, payload: &[u8]) {
    let ns = skb.ns;
    let n = sim.world.ns(ns);
    // `RTCF_BROADCAST` of the input route: the destination is the limited broadcast or the
    // local table's first route for it is a broadcast one (an address that is also a
    // subnet's broadcast address is local while its device is down, and its local route
    // comes first when both exist).
    let broadcast = hdr.dst == Ipv4Addr::BROADCAST
        || n.fib
            .addr_type(crate::model::fib::TABLE_LOCAL, None, hdr.dst)
            == crate::model::fib::RouteType::Broadcast;
    if n.sysctl.icmp_echo_ignore_all != 0
        || (n.sysctl.icmp_echo_ignore_broadcasts != 0 && broadcast)
    {
        sim.step(skb, "icmp_echo", Action::Consumed, || {
            "echo ignored (sysctl)".into()
        });
        return;
    }
    // `fib_compute_spec_dst`: a packet a local route delivered is answered from its
    // destination address; a broadcast one from an address chosen for the sender.
    let src = (!broadcast).then_some(hdr.dst);
    let route = match ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: hdr.src,
            src,
            oif: 0,
            mark: 0,
            tos: hdr.tos,
        },
    ) {
        Ok(r) => r,
        Err(e) => {
            sim.step(
                skb,
                "icmp_reply",
                Action::Dropped(DropReason::IpOutnoroutes),
                || format!("no route back to {} ({})", hdr.src, e.text()),
            );
            return;
        }
    };
    let Some(reply) = ic::echo_reply_from_request(payload) else {
        return;
    };
    let ttl = sim.world.ns(ns).sysctl.ip_default_ttl as u8;
    let id = next_ip_id(sim, ns);
    let packet = wire::build_ipv4(route.src, hdr.src, 1, ttl, id, false, hdr.tos, &reply);
    sim.step(skb, "icmp_echo", Action::Replied, || {
        format!("echo reply to {}", hdr.src)
    });
    ip_local_out(sim, ns, &route, &packet);
}

/// `ip_do_redirect` → `__ip_do_redirect`: a host (not a router) that accepts redirects
/// records the new gateway for the destination — but only once the new gateway is already
/// resolved; otherwise it just starts ARP for it, so the first redirect changes nothing.
fn ip_do_redirect(sim: &mut Sim, skb: &Skb, payload: &[u8]) {
    let ns = skb.ns;
    let Some(msg) = ic::parse_icmp(payload) else {
        return;
    };
    if msg.code != ic::REDIR_HOST && msg.code != 0 {
        return;
    }
    let new_gw = Ipv4Addr::from(msg.rest);
    let Some(inner) = super::socket::quoted_header(msg.data) else {
        return;
    };
    let n = sim.world.ns(ns);
    let Some(d) = n.devices.get(&skb.dev) else {
        return;
    };
    let all = &n.sysctl.conf_all;
    let forward = d.conf.forwarding != 0;
    let rx_redirects = if forward {
        all.accept_redirects != 0 && d.conf.accept_redirects != 0
    } else {
        all.accept_redirects != 0 || d.conf.accept_redirects != 0
    };
    // `__ip_do_redirect`: the new gateway must be another host (not the sender, not a
    // multicast, broadcast or zero address) and, on shared media (`shared_media`, 1 by
    // default), a unicast address for this namespace: not one of its own.
    let old_gw = wire::ipv4_summary(skb.l3()).map_or(Ipv4Addr::UNSPECIFIED, |h| h.src);
    let bad_gw = new_gw == old_gw
        || new_gw.is_multicast()
        || new_gw == Ipv4Addr::BROADCAST
        || new_gw.octets()[0] == 0
        || n.fib
            .addr_type(crate::model::fib::TABLE_LOCAL, None, new_gw)
            != crate::model::fib::RouteType::Unicast;
    if !rx_redirects || bad_gw || !d.addrs.iter().any(|a| a.covers(new_gw)) {
        sim.step(skb, "ip_do_redirect", Action::Consumed, || {
            "redirect ignored".into()
        });
        return;
    }
    let dev = skb.dev;
    let valid = n.neigh.get(dev, new_gw).is_some_and(|e| e.state.is_valid());
    if valid {
        sim.step(skb, "__ip_do_redirect", Action::Updated, || {
            format!("{} now via {new_gw}", inner.dst)
        });
        update_exception(
            sim,
            ns,
            inner.dst,
            dev,
            |e| e.gw = Some(new_gw),
            REDIRECT_EXPIRES,
        );
    } else {
        sim.step(skb, "__ip_do_redirect", Action::Queued, || {
            format!("new gateway {new_gw} not resolved yet: probing it first")
        });
        super::neighbour::neigh_start_resolution(sim, ns, dev, new_gw);
    }
}

/// How long a redirect exception lives (`ip_rt_gc_timeout`, 300 s).
const REDIRECT_EXPIRES: u64 = 300_000_000_000;
/// How long a learned path MTU lives (`ip_rt_mtu_expires`, 600 s).
const PMTU_EXPIRES: u64 = 600_000_000_000;
/// The smallest path MTU the kernel accepts from frag-needed (`ip_rt_min_pmtu`).
const MIN_PMTU: u32 = 552;

/// `update_or_create_fnhe`: records what was learned about `dst`, renewing the expiry.
fn update_exception(
    sim: &mut Sim,
    ns: usize,
    dst: Ipv4Addr,
    dev: crate::model::IfIndex,
    change: impl FnOnce(&mut crate::model::netns::RouteException),
    lifetime: u64,
) {
    let now = sim.now();
    let e =
        sim.world
            .ns_mut(ns)
            .exceptions
            .entry(dst)
            .or_insert(crate::model::netns::RouteException {
                gw: None,
                dev,
                mtu: None,
                expires: 0,
            });
    if e.expires <= now {
        *e = crate::model::netns::RouteException {
            gw: None,
            dev,
            mtu: None,
            expires: 0,
        };
    }
    change(e);
    e.expires = now + lifetime;
}

/// `icmp_unreach` for frag-needed → `ipv4_update_pmtu` → `__ip_rt_update_pmtu`: lowers the
/// path MTU towards the quoted destination (never below `ip_rt_min_pmtu`).
fn ip_rt_update_pmtu(sim: &mut Sim, skb: &Skb, payload: &[u8]) {
    let Some(msg) = ic::parse_icmp(payload) else {
        return;
    };
    let Some(inner) = super::socket::quoted_header(msg.data) else {
        return;
    };
    let mtu = (msg.rest & 0xffff).max(MIN_PMTU);
    let ns = skb.ns;
    let Ok(route) = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: inner.dst,
            src: None,
            oif: 0,
            mark: 0,
            tos: 0,
        },
    ) else {
        return;
    };
    let dev_mtu = sim
        .world
        .ns(ns)
        .devices
        .get(&route.dev)
        .map_or(1500, |d| d.mtu);
    // `__ip_rt_update_pmtu`: a locked `mtu` metric is never lowered; otherwise only a
    // smaller MTU than `ipv4_mtu`'s is learned.
    let current = route.mtu_override().unwrap_or(dev_mtu);
    if mtu >= current || route.fib.as_ref().is_some_and(|f| f.route.mtu_locked()) {
        return;
    }
    sim.step(skb, "__ip_rt_update_pmtu", Action::Updated, || {
        format!("path MTU to {} is now {mtu}", inner.dst)
    });
    update_exception(
        sim,
        ns,
        inner.dst,
        route.dev,
        |e| e.mtu = Some(mtu),
        PMTU_EXPIRES,
    );
}
