//! `net/ipv4/ip_output.c`: `ip_local_out`, `ip_output`, `ip_finish_output` (fragmentation)
//! and `ip_finish_output2` (hand-off to the neighbour layer).
//!
//! Not modelled: the LOCAL_OUT/POST_ROUTING netfilter hooks (issue 4), GSO, PMTU caching.

use super::neighbour::neigh_resolve_output;
use super::route::OutRoute;
use super::{Sim, Skb};
use crate::model::{IfIndex, NsId};
use crate::trace::{Action, DropReason};
use crate::wire;
use std::net::Ipv4Addr;

/// Wraps an IPv4 packet in a frame whose Ethernet header the neighbour layer fills in.
pub fn blank_frame(ip_packet: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(14 + ip_packet.len());
    f.extend_from_slice(&[0; 12]);
    f.extend_from_slice(&wire::ETH_P_IP.to_be_bytes());
    f.extend_from_slice(ip_packet);
    f
}

/// `ip_local_out` → `dst_output`: sends a locally generated packet along `route`.
pub fn ip_local_out(sim: &mut Sim, ns: NsId, route: &OutRoute, ip_packet: &[u8]) -> u64 {
    let skb = super::dev::new_local_skb(sim, ns, route.dev, blank_frame(ip_packet));
    let id = skb.id;
    if sim.trace.enabled {
        let (_, dev) = sim.names(ns, route.dev);
        let via = route.gw.map(|g| format!(" via {g}")).unwrap_or_default();
        let line = format!("{}{via} dev {dev} src {}", dst_of(ip_packet), route.src);
        sim.step(&skb, "ip_local_out", Action::Routed, || line);
    }
    let dst = dst_of(ip_packet);
    let pmtu = route.exception.and_then(|e| e.mtu);
    ip_output(sim, skb, route.dev, route.gw.unwrap_or(dst), pmtu);
    id
}

fn dst_of(ip: &[u8]) -> Ipv4Addr {
    wire::ipv4_summary(ip).map_or(Ipv4Addr::UNSPECIFIED, |h| h.dst)
}

/// `ip_output` → `ip_finish_output`: fragments a packet longer than the device MTU (DF
/// clear; with DF set a locally generated packet never gets here, and forwarded ones were
/// refused in `ip_forward`), then `ip_finish_output2`.
///
/// `path_mtu` is a learned path MTU (a frag-needed exception) for local output.
pub fn ip_output(sim: &mut Sim, skb: Skb, dev: IfIndex, nexthop: Ipv4Addr, path_mtu: Option<u32>) {
    let dev_mtu = sim
        .world
        .ns(skb.ns)
        .devices
        .get(&dev)
        .map_or(1500, |d| d.mtu);
    let mtu = path_mtu.unwrap_or(dev_mtu).min(dev_mtu) as usize;
    let len = skb.l3().len();
    if len <= mtu {
        neigh_resolve_output(sim, skb.ns, dev, nexthop, skb.id, skb.data);
        return;
    }
    let df = wire::ipv4_summary(skb.l3()).is_ok_and(|h| h.df);
    if df {
        sim.drop_skb(&skb, "ip_finish_output", DropReason::PktTooBig, || {
            format!("{len} bytes with DF exceed MTU {mtu}")
        });
        return;
    }
    let pieces = wire::fragment(skb.l3(), mtu);
    sim.step(&skb, "ip_fragment", Action::Transmitted, || {
        format!(
            "{len} bytes split into {} fragments for MTU {mtu}",
            pieces.len()
        )
    });
    for p in pieces {
        let frame = blank_frame(&p);
        neigh_resolve_output(sim, skb.ns, dev, nexthop, skb.id, frame);
    }
}
