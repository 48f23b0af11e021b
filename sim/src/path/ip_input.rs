//! `net/ipv4/ip_input.c`: `ip_rcv` (header checks), `ip_rcv_finish` (input routing),
//! `ip_local_deliver` (reassembly) and `ip_local_deliver_finish` (protocol dispatch), plus
//! `ip_error` from `net/ipv4/route.c`.
//!
//! The PREROUTING hook runs before input routing, INPUT after reassembly.
//! Not modelled: IP options, early demux, multicast routing.

use super::icmp::{icmp_rcv, icmp_send, IcmpError, Origin};
use super::ip_forward::ip_forward;
use super::netfilter::{nf_hook, HookDevs, NfVerdict};
use super::route::{ip_route_input, InputRoute, RouteErr};
use super::{PktType, Sim, Skb};
use crate::netfilter::Hook;
use crate::trace::{Action, DropReason};
use crate::wire::{self, Ipv4Error};

/// `ip_rcv` → `ip_rcv_core`: drops frames for other hosts and malformed headers.
pub fn ip_rcv(sim: &mut Sim, mut skb: Skb) {
    if skb.pkt_type == PktType::OtherHost {
        sim.drop_skb(&skb, "ip_rcv_core", DropReason::OtherHost, || {
            "destination MAC is not this device's".into()
        });
        return;
    }
    let hdr = match wire::ipv4_summary(skb.l3()) {
        Ok(h) => h,
        Err(e) => {
            let reason = match e {
                Ipv4Error::BadChecksum => DropReason::IpCsum,
                Ipv4Error::TotalLenTooBig => DropReason::PktTooSmall,
                _ => DropReason::IpInhdr,
            };
            sim.drop_skb(&skb, "ip_rcv_core", reason, || format!("{e:?}"));
            return;
        }
    };
    // Trim Ethernet padding beyond the IP total length (`pskb_trim_rcsum`).
    skb.data.truncate(14 + hdr.total_len);
    // A bridged frame passed up to the bridge device already went through PREROUTING in
    // br_netfilter: `ip_sabotage_in` skips the hooks the second time and frees the bridge
    // record (later hooks see a routed packet).
    if skb.physin.take().is_none() {
        let devs = HookDevs {
            in_dev: Some(skb.dev),
            ..HookDevs::default()
        };
        if nf_hook(sim, Hook::PreRouting, &mut skb, &devs) == NfVerdict::Stolen {
            return;
        }
    }
    // DNAT may have changed the destination.
    let Ok(hdr) = wire::ipv4_summary(skb.l3()) else {
        return;
    };
    ip_rcv_finish(sim, skb, hdr);
}

/// `ip_rcv_finish` → `ip_route_input_noref`, then `dst_input`.
fn ip_rcv_finish(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary) {
    if skb.dst_local {
        // Looped back with its output route: `skb_valid_dst` skips input routing.
        ip_local_deliver(sim, skb, hdr);
        return;
    }
    let route = ip_route_input(sim, skb.ns, skb.dev, hdr.dst, hdr.src, hdr.tos, skb.mark);
    match route {
        InputRoute::Local { broadcast } => {
            sim.step(&skb, "ip_route_input_slow", Action::Routed, || {
                if broadcast {
                    "broadcast: local delivery".into()
                } else {
                    format!("{} is local", hdr.dst)
                }
            });
            ip_local_deliver(sim, skb, hdr);
        }
        InputRoute::Forward { res, redirect } => {
            if matches!(skb.pkt_type, PktType::Broadcast | PktType::Multicast) {
                sim.drop_skb(
                    &skb,
                    "ip_rcv_finish_core",
                    DropReason::UnicastInL2Multicast,
                    || "unicast IP in a link-layer broadcast".into(),
                );
                return;
            }
            if sim.trace.enabled {
                let via = crate::cmd::ip::route_fmt::route_summary(sim, skb.ns, &res);
                sim.step(&skb, "ip_route_input_slow", Action::Routed, || {
                    format!("forward: {via}")
                });
            }
            ip_forward(sim, skb, hdr, res, redirect);
        }
        InputRoute::Error { err, icmp } => ip_error(sim, skb, hdr, err, icmp),
        InputRoute::Martian { reason, what } => {
            if sim.trace.enabled {
                let (_, dev) = sim.names(skb.ns, skb.dev);
                let n = sim.world.ns(skb.ns);
                let rpf = n
                    .devices
                    .get(&skb.dev)
                    .map_or(0, |d| d.conf.rp_filter)
                    .max(n.sysctl.conf_all.rp_filter);
                let extra = if reason == DropReason::IpRpfilter {
                    format!(" (rp_filter={rpf}: max of conf.all and conf.{dev}; no route back to {} through {dev})", hdr.src)
                } else {
                    String::new()
                };
                sim.drop_skb(&skb, "ip_route_input_slow", reason, || {
                    format!("{what}: {} -> {}{extra}", hdr.src, hdr.dst)
                });
            }
        }
    }
}

/// `ip_error`: no route for a received packet. Silent when the ingress device does not
/// forward; otherwise ICMP unreachable, limited per source by `ip_rt_error_cost` (1 s) with a
/// burst of `ip_rt_error_burst` (5 s).
fn ip_error(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary, err: RouteErr, icmp: bool) {
    let reason = match err {
        RouteErr::NetUnreach => DropReason::IpInnoroutes,
        RouteErr::HostUnreach if !icmp => DropReason::IpInaddrerrors,
        _ => DropReason::NotSpecified,
    };
    let code = match err {
        RouteErr::HostUnreach => Some(IcmpError::HostUnreach),
        RouteErr::NetUnreach => Some(IcmpError::NetUnreach),
        RouteErr::Access => Some(IcmpError::PktFiltered),
        _ => None,
    };
    if sim.trace.enabled {
        let (_, dev) = sim.names(skb.ns, skb.dev);
        let key = crate::model::fib::FlowKey {
            dst: hdr.dst,
            src: hdr.src,
            tos: hdr.tos,
            scope: crate::model::Scope::Universe,
            oif: 0,
            iif: skb.dev,
            mark: skb.mark,
        };
        let why = crate::path::route::explain(sim, skb.ns, &key);
        let forwarding = crate::path::route::in_dev_forward(sim.world.ns(skb.ns), skb.dev);
        let detail = if !forwarding {
            format!("net.ipv4.conf.{dev}.forwarding=0: the ingress device does not forward, dropped silently ({why})")
        } else if icmp {
            format!("{} ({why})", err.text())
        } else {
            format!("dropped silently ({why})")
        };
        sim.drop_skb(&skb, "ip_error", reason, || detail);
    }
    let Some(code) = code.filter(|_| icmp) else {
        return;
    };
    let now = sim.world.now;
    // `ip_error`: `ip_rt_error_cost` (1 s) per error, `ip_rt_error_burst` (5 s), on the
    // sender's peer bucket — the one `icmp_send` then spends from again.
    const COST: u64 = 1_000_000_000;
    let allowed =
        super::icmp::inet_peer_xrlim_allow(sim.world.ns_mut(skb.ns), hdr.src, now, COST, 5 * COST);
    if allowed {
        icmp_send(sim, &skb, code, Origin::Input { local_dst: false });
    }
}

/// `ip_local_deliver`: reassembles fragments (`ip_defrag`), then the protocol handler.
fn ip_local_deliver(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary) {
    if hdr.mf || hdr.frag_offset != 0 {
        match super::ip_fragment::ip_defrag(sim, &skb, &hdr) {
            Some(whole) => {
                let mut skb = skb;
                skb.data.truncate(14);
                skb.data.extend_from_slice(&whole);
                let Ok(h) = wire::ipv4_summary(skb.l3()) else {
                    return;
                };
                sim.step(&skb, "ip_defrag", Action::Resolved, || "reassembled".into());
                ip_local_deliver_finish(sim, skb, h);
            }
            None => sim.step(&skb, "ip_defrag", Action::Queued, || {
                "fragment queued for reassembly".into()
            }),
        }
        return;
    }
    ip_local_deliver_finish(sim, skb, hdr);
}

/// `ip_local_deliver_finish` after the INPUT hook (`NF_HOOK(NF_INET_LOCAL_IN)`) →
/// `ip_protocol_deliver_rcu`.
fn ip_local_deliver_finish(sim: &mut Sim, mut skb: Skb, hdr: wire::Ipv4Summary) {
    let devs = HookDevs {
        in_dev: Some(skb.dev),
        ..HookDevs::default()
    };
    if nf_hook(sim, Hook::LocalIn, &mut skb, &devs) == NfVerdict::Stolen {
        return;
    }
    let hdr = wire::ipv4_summary(skb.l3()).unwrap_or(hdr);
    match hdr.proto {
        1 => icmp_rcv(sim, skb, hdr),
        17 => super::udp::udp_rcv(sim, skb, hdr),
        6 => super::tcp::tcp_v4_rcv(sim, skb, hdr),
        p => {
            sim.drop_skb(
                &skb,
                "ip_protocol_deliver_rcu",
                DropReason::IpNoproto,
                || format!("protocol {p} not handled"),
            );
            icmp_send(
                sim,
                &skb,
                IcmpError::ProtUnreach,
                Origin::Input { local_dst: true },
            );
        }
    }
}
