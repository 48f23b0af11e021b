//! br_netfilter (net/bridge/br_netfilter_hooks.c): with `net.bridge.bridge-nf-call-iptables`
//! set, IPv4 frames a bridge forwards traverse the IPv4 hooks too, as if routed:
//! PREROUTING when they enter a port (`br_nf_pre_routing`, with `-i` the bridge and
//! `--physdev-in` the port), FORWARD when they leave by another port (`br_nf_forward_ip`,
//! `-i`/`-o` the bridge), POSTROUTING on the way out (`br_nf_post_routing`). A frame that goes
//! up to the bridge's own stack skips PREROUTING there (`ip_sabotage_in`); frames the bridge
//! device itself sends carry no bridge record and see no bridge-level hooks.
//!
//! Not modelled: a DNAT in the bridge's PREROUTING that changes where the frame goes
//! (`br_nf_pre_routing_finish` rerouting), and the IPv4 header checks of `br_validate_ipv4`.

use super::netfilter::{nf_hook, HookDevs, NfVerdict};
use super::{Sim, Skb};
use crate::model::IfIndex;
use crate::netfilter::Hook;
use crate::wire;

fn is_ipv4(skb: &Skb) -> bool {
    skb.data.len() >= 14 && u16::from_be_bytes([skb.data[12], skb.data[13]]) == wire::ETH_P_IP
}

fn enabled(sim: &Sim, skb: &Skb) -> bool {
    sim.world.ns(skb.ns).sysctl.bridge_nf_call_iptables != 0
}

/// `br_nf_pre_routing`: a frame entering bridge `br` by its port `skb.dev`.
pub fn br_nf_pre_routing(sim: &mut Sim, skb: &mut Skb, br: IfIndex) -> NfVerdict {
    if !is_ipv4(skb) || !enabled(sim, skb) {
        return NfVerdict::Accept;
    }
    skb.physin = Some(skb.dev);
    let devs = HookDevs {
        in_dev: Some(br),
        physin: skb.physin,
        ..HookDevs::default()
    };
    nf_hook(sim, Hook::PreRouting, skb, &devs)
}

/// `br_nf_forward_ip` then `br_nf_post_routing`: a bridged frame leaving by port `to`.
pub fn br_nf_forward_out(sim: &mut Sim, skb: &mut Skb, br: IfIndex, to: IfIndex) -> NfVerdict {
    if skb.physin.is_none() || !is_ipv4(skb) {
        return NfVerdict::Accept;
    }
    let devs = HookDevs {
        in_dev: Some(br),
        out_dev: Some(br),
        physin: skb.physin,
        physout: Some(to),
        nexthop: None,
    };
    if nf_hook(sim, Hook::Forward, skb, &devs) == NfVerdict::Stolen {
        return NfVerdict::Stolen;
    }
    let devs = HookDevs {
        in_dev: None,
        ..devs
    };
    nf_hook(sim, Hook::PostRouting, skb, &devs)
}
