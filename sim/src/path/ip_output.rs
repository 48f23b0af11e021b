//! `net/ipv4/ip_output.c`: `ip_local_out`, `ip_output`, `ip_finish_output` (fragmentation)
//! and `ip_finish_output2` (hand-off to the neighbour layer).
//!
//! The OUTPUT hook runs in `ip_local_out`, POSTROUTING in `ip_output` before fragmentation.
//! Not modelled: GSO, PMTU caching.

use super::dev::Xmit;
use super::neighbour::neigh_resolve_output;
use super::netfilter::{nf_hook, HookDevs, NfVerdict, SkbCt};
use super::route::OutRoute;
use super::{Sim, Skb};
use crate::model::{IfIndex, NsId};
use crate::netfilter::Hook;
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

/// `ip_local_out` → the OUTPUT hook → `dst_output`: sends a locally generated packet along
/// `route`. When the hook changed the destination (DNAT, REDIRECT) the packet is routed
/// again (`ip_route_me_harder`). Returns what the device layer returned for it (a socket
/// turns `NET_XMIT_DROP` into `ENOBUFS`: `net_xmit_errno`); a packet a hook took, or one
/// dropped before the device, reports success here.
pub fn ip_local_out(sim: &mut Sim, ns: NsId, route: &OutRoute, ip_packet: &[u8]) -> Xmit {
    ip_local_out_with(sim, ns, route, ip_packet, SkbCt::Unseen)
}

/// [`ip_local_out`] for a packet that already carries a connection (`nf_ct_attach`).
pub fn ip_local_out_with(
    sim: &mut Sim,
    ns: NsId,
    route: &OutRoute,
    ip_packet: &[u8],
    ct: SkbCt,
) -> Xmit {
    let mut skb = super::dev::new_local_skb(sim, ns, route.dev, blank_frame(ip_packet));
    skb.ct = ct;
    if sim.trace.enabled {
        let (_, dev) = sim.names(ns, route.dev);
        let via = route.gw.map(|g| format!(" via {g}")).unwrap_or_default();
        let line = format!("{}{via} dev {dev} src {}", dst_of(ip_packet), route.src);
        sim.step(&skb, "ip_local_out", Action::Routed, || line);
    }
    let dst = dst_of(ip_packet);
    let devs = HookDevs {
        out_dev: Some(route.dev),
        nexthop: Some(route.gw.unwrap_or(dst)),
        ..HookDevs::default()
    };
    if nf_hook(sim, Hook::LocalOut, &mut skb, &devs) == NfVerdict::Stolen {
        return Xmit::Success;
    }
    let new_dst = dst_of(skb.l3());
    if new_dst != dst {
        let flow = super::route::OutFlow {
            dst: new_dst,
            src: None,
            oif: 0,
            mark: skb.mark,
            tos: 0,
        };
        return match super::route::ip_route_output(sim, ns, flow) {
            Ok(r) => {
                skb.dev = r.dev;
                let mtu = r.mtu_override();
                ip_output(sim, skb, r.dev, r.gw.unwrap_or(new_dst), mtu)
            }
            Err(e) => {
                sim.drop_skb(
                    &skb,
                    "ip_route_me_harder",
                    DropReason::IpOutnoroutes,
                    || format!("no route to {new_dst} after NAT ({})", e.text()),
                );
                Xmit::Success
            }
        };
    }
    if route.broadcast {
        ip_mc_output_loop(sim, &skb, route.dev);
    }
    let mtu = route.mtu_override();
    ip_output(sim, skb, route.dev, route.gw.unwrap_or(dst), mtu)
}

/// `ip_mc_output` for a broadcast route (`RTCF_BROADCAST`, output `ip_mc_output` on any
/// device but `lo`): before the packet itself goes out, a copy passes POSTROUTING and is
/// looped back to this host (`ip_mc_finish_output` → `dev_loopback_xmit`), so the sender's
/// own stack sees its broadcast first. The socket's `IP_MULTICAST_LOOP` does not apply to
/// broadcasts.
fn ip_mc_output_loop(sim: &mut Sim, skb: &Skb, dev: IfIndex) {
    let is_lo = sim
        .world
        .ns(skb.ns)
        .devices
        .get(&dev)
        .is_none_or(|d| d.is_loopback());
    if is_lo {
        return;
    }
    let mut copy = skb.clone();
    copy.dev = dev;
    let devs = HookDevs {
        out_dev: Some(dev),
        ..HookDevs::default()
    };
    if nf_hook(sim, Hook::PostRouting, &mut copy, &devs) == NfVerdict::Stolen {
        return;
    }
    super::dev::dev_loopback_xmit(sim, copy);
}

fn dst_of(ip: &[u8]) -> Ipv4Addr {
    wire::ipv4_summary(ip).map_or(Ipv4Addr::UNSPECIFIED, |h| h.dst)
}

/// `ip_output` → `ip_finish_output`: fragments a packet longer than the device MTU (DF
/// clear; with DF set a locally generated packet never gets here, and forwarded ones were
/// refused in `ip_forward`), then `ip_finish_output2`.
///
/// `dst_mtu` is what `ip_dst_mtu_maybe_forward` finds before the device's MTU: a learned
/// path MTU (local output only) or the route's `mtu` metric; it is not capped by the device's.
/// Returns the device layer's result (for fragments, that of the first one not sent).
pub fn ip_output(
    sim: &mut Sim,
    mut skb: Skb,
    dev: IfIndex,
    nexthop: Ipv4Addr,
    dst_mtu: Option<u32>,
) -> Xmit {
    let devs = HookDevs {
        out_dev: Some(dev),
        nexthop: Some(nexthop),
        ..HookDevs::default()
    };
    if nf_hook(sim, Hook::PostRouting, &mut skb, &devs) == NfVerdict::Stolen {
        return Xmit::Success;
    }
    let dev_mtu = sim
        .world
        .ns(skb.ns)
        .devices
        .get(&dev)
        .map_or(1500, |d| d.mtu);
    let mtu = dst_mtu.unwrap_or(dev_mtu) as usize;
    let len = skb.l3().len();
    if len <= mtu {
        return neigh_resolve_output(sim, skb.ns, dev, nexthop, skb.id, skb.data);
    }
    let df = wire::ipv4_summary(skb.l3()).is_ok_and(|h| h.df);
    if df {
        sim.drop_skb(&skb, "ip_finish_output", DropReason::PktTooBig, || {
            format!("{len} bytes with DF exceed MTU {mtu}")
        });
        return Xmit::Success;
    }
    let pieces = wire::fragment(skb.l3(), mtu);
    sim.step(&skb, "ip_fragment", Action::Transmitted, || {
        format!(
            "{len} bytes split into {} fragments for MTU {mtu}",
            pieces.len()
        )
    });
    ip_do_fragment_output(sim, &skb, dev, nexthop, pieces)
}

/// `ip_do_fragment`'s output loop: the fragments go down one by one, in order, and the first
/// one that `ip_finish_output2` does not send (a non-zero return: `NET_XMIT_DROP` from a veth
/// whose peer refuses the frame, `-ENETDOWN`) ends the loop; the fragments not yet sent are
/// freed (`kfree_skb_list`), so the receiver never sees them. A fragment queued on an
/// unresolved neighbour counts as sent. Returns the result of the fragment that stopped it.
fn ip_do_fragment_output(
    sim: &mut Sim,
    skb: &Skb,
    dev: IfIndex,
    nexthop: Ipv4Addr,
    pieces: Vec<Vec<u8>>,
) -> Xmit {
    let total = pieces.len();
    for (i, p) in pieces.into_iter().enumerate() {
        let frame = blank_frame(&p);
        let rc = neigh_resolve_output(sim, skb.ns, dev, nexthop, skb.id, frame);
        if !rc.is_success() {
            let left = total - i - 1;
            if left > 0 {
                sim.drop_skb(skb, "ip_do_fragment", DropReason::NotSpecified, || {
                    format!(
                        "fragment {} not sent ({rc:?}): the {left} after it are freed",
                        i + 1
                    )
                });
            }
            return rc;
        }
    }
    Xmit::Success
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    /// v0 (MTU 1500) → v1 (MTU `peer_mtu`), v0's neighbour 10.0.0.2 resolved; a 3028-byte
    /// datagram without DF leaves v0 in 1500-byte fragments. Returns how many of its frames
    /// v0 sent and v1 received.
    fn send_fragmented(peer_mtu: u32) -> (usize, usize) {
        let mut s = Sim::new(1);
        for line in [
            "ip link add v0 type veth peer name v1",
            &format!("ip link set v1 mtu {peer_mtu}"),
            "ip addr add 10.0.0.1/24 dev v0",
            "ip link set v0 up",
            "ip link set v1 up",
            "ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0",
        ] {
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            execute(&mut s, 0, &argv);
        }
        s.settle();
        s.trace.enabled = true;
        let v0 = s.world.ns(0).ifindex_of("v0").unwrap();
        let (a, b) = (Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2));
        let packet = wire::build_ipv4(a, b, 1, 64, 7, false, 0, &[0x5a; 3008]);
        let skb = super::super::dev::new_local_skb(&mut s, 0, v0, blank_frame(&packet));
        let id = skb.id;
        ip_output(&mut s, skb, v0, b, None);
        s.run_until(s.now() + 1_000_000);
        let count = |dev: &str, func: &str| {
            s.trace
                .steps
                .iter()
                .filter(|st| st.packet == id && st.dev == dev && st.func == func)
                .count()
        };
        (
            count("v0", "dev_queue_xmit"),
            count("v1", "__netif_receive_skb_core"),
        )
    }

    #[test]
    fn a_broadcast_is_looped_back_to_the_sender_first() {
        let mut s = Sim::new(1);
        for line in [
            "ip link add v0 type veth peer name v1",
            "ip addr add 10.0.0.1/24 dev v0",
            "ip link set lo up",
            "ip link set v0 up",
            "sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0",
        ] {
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            execute(&mut s, 0, &argv);
        }
        s.settle();
        // v1 is down: the frame itself goes nowhere, the looped copy is answered over lo.
        let argv: Vec<String> = "ping -c 1 -W 1 -b 10.0.0.255"
            .split_whitespace()
            .map(String::from)
            .collect();
        let out = execute(&mut s, 0, &argv).combined();
        assert!(out.contains("64 bytes from 10.0.0.1: icmp_seq=1"), "{out}");
        let v0 = s.world.ns(0).ifindex_of("v0").unwrap();
        // The copy is not counted as received on v0.
        assert_eq!(s.world.ns(0).devices[&v0].stats.rx_packets, 0);
    }

    #[test]
    fn fragments_stop_at_the_first_one_the_driver_refuses() {
        // All three fragments fit a peer with MTU 1500.
        assert_eq!(send_fragmented(1500), (3, 3));
        // The peer (MTU 1000) refuses the first 1500-byte fragment (NET_XMIT_DROP): the
        // 1500-byte second one and the small last one, which would fit, are never sent.
        assert_eq!(send_fragmented(1000), (1, 0));
    }
}
