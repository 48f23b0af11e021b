//! `net/ipv4/ip_forward.c`: `ip_forward` and `ip_forward_finish`, with
//! `ip_rt_send_redirect` from `net/ipv4/route.c`.
//!
//! Checks in kernel order: `pkt_type` must be HOST; TTL ≤ 1 → ICMP time exceeded
//! (`IP_INHDR`); DF and longer than the output MTU → ICMP frag needed (`PKT_TOO_BIG`); TTL
//! decrement (`ip_decrease_ttl`, incremental checksum); a redirect when the packet leaves by
//! the interface it came in on. Not modelled: router alert, strict source routing, xfrm.
//! The FORWARD hook runs after the TTL decrement and the redirect, as `NF_HOOK` in
//! `ip_forward` does.
//!

use super::icmp::{icmp_send, IcmpError, Origin};
use super::ip_output::ip_output;
use super::netfilter::{nf_hook, HookDevs, NfVerdict};
use super::route::FibResult;
use super::{PktType, Sim, Skb};
use crate::model::fib::RTAX_MTU;
use crate::netfilter::Hook;
use crate::trace::{Action, DropReason};
use crate::wire;

/// `ip_forward`.
pub fn ip_forward(
    sim: &mut Sim,
    mut skb: Skb,
    hdr: wire::Ipv4Summary,
    res: FibResult,
    redirect: bool,
) {
    if skb.pkt_type != PktType::Host {
        sim.drop_skb(&skb, "ip_forward", DropReason::OtherHost, String::new);
        return;
    }
    if hdr.ttl <= 1 {
        sim.drop_skb(&skb, "ip_forward", DropReason::IpInhdr, || {
            format!("TTL {} expires here", hdr.ttl)
        });
        icmp_send(
            sim,
            &skb,
            IcmpError::TimeExceeded,
            Origin::Input { local_dst: false },
        );
        return;
    }
    let out = res.dev();
    // ip_dst_mtu_maybe_forward(dst, true): the route's `mtu` metric, else the device's MTU.
    let route_mtu = res.route.metric_value(RTAX_MTU);
    let mtu = route_mtu.unwrap_or_else(|| {
        sim.world
            .ns(skb.ns)
            .devices
            .get(&out)
            .map_or(1500, |d| d.mtu)
    }) as usize;
    if hdr.total_len > mtu && hdr.df {
        sim.drop_skb(&skb, "ip_forward", DropReason::PktTooBig, || {
            format!(
                "{} bytes with DF exceed the MTU {mtu} of the route out",
                hdr.total_len
            )
        });
        icmp_send(
            sim,
            &skb,
            IcmpError::FragNeeded(mtu as u16),
            Origin::Input { local_dst: false },
        );
        return;
    }
    wire::decrease_ttl(skb.l3_mut());
    if redirect {
        ip_rt_send_redirect(sim, &skb, &hdr, &res);
    }
    let nexthop = res.gw().unwrap_or(hdr.dst);
    let devs = HookDevs {
        in_dev: Some(skb.dev),
        out_dev: Some(out),
        nexthop: Some(nexthop),
        ..HookDevs::default()
    };
    if nf_hook(sim, Hook::Forward, &mut skb, &devs) == NfVerdict::Stolen {
        return;
    }
    sim.step(&skb, "ip_forward_finish", Action::Forwarded, || {
        format!("ttl {} -> {}", hdr.ttl, hdr.ttl - 1)
    });
    ip_output(sim, skb, out, nexthop, route_mtu);
}

/// `ip_rt_send_redirect`: tells the sender of a packet that left by its ingress interface
/// about the better first hop. Limited per sender: the n-th redirect waits
/// `ip_rt_redirect_load << n` (20 ms · 2ⁿ), at most `ip_rt_redirect_number` (9) in a row,
/// reset after `ip_rt_redirect_silence` (20 s · 2¹⁰ ≈ 20.5 s) of quiet.
fn ip_rt_send_redirect(sim: &mut Sim, skb: &Skb, hdr: &wire::Ipv4Summary, res: &FibResult) {
    const LOAD: u64 = 20_000_000;
    const SILENCE: u64 = LOAD << 10;
    let now = sim.world.now;
    let allowed = {
        let peer = sim
            .world
            .ns_mut(skb.ns)
            .redirect_peers
            .entry(hdr.src)
            .or_default();
        // `tokens` counts redirects sent (n_redirects); `last` is rate_last.
        if peer.used && now > peer.last + SILENCE {
            peer.tokens = 0;
        }
        if peer.tokens >= 9 {
            false
        } else if peer.tokens == 0 || now > peer.last + (LOAD << peer.tokens) {
            peer.used = true;
            peer.last = now;
            peer.tokens += 1;
            true
        } else {
            false
        }
    };
    if allowed {
        let gw = res.gw().unwrap_or(hdr.dst);
        icmp_send(
            sim,
            skb,
            IcmpError::RedirectHost(gw),
            Origin::Input { local_dst: false },
        );
    }
}
