//! `net/core/dev.c`, `net/ethernet/eth.c`, `drivers/net/veth.c` and
//! `drivers/net/loopback.c`: receive dispatch, transmit, and the two simplest drivers.
//!
//! AF_PACKET taps are modelled where the kernel has them: on receive in
//! `__netif_receive_skb_core` before the bridge `rx_handler`, on transmit in
//! `dev_queue_xmit_nit`. The pcapng capture records exactly these two points.

use super::{bridge, Event, PktType, Sim, Skb, HOP_BUDGET, LINK_DELAY_NS};
use crate::model::{DevKind, DevRef, IfIndex, NsId};
use crate::trace::{Action, DropReason};
use crate::wire::{self, Mac};

/// `eth_type_trans`: classifies the frame for the receiving device.
pub fn eth_type_trans(frame: &[u8], dev_mac: Mac) -> PktType {
    let Some((dst, _, _, _)) = wire::parse_eth(frame) else {
        return PktType::OtherHost;
    };
    if dst.is_multicast() {
        if dst.is_broadcast() {
            PktType::Broadcast
        } else {
            PktType::Multicast
        }
    } else if dst == dev_mac {
        PktType::Host
    } else {
        PktType::OtherHost
    }
}

/// Records a frame at a tap point into the pcapng capture, if one is being written.
fn tap(sim: &mut Sim, skb: &Skb, outbound: bool, comment: &str) {
    if sim.trace.capturing() {
        let (ns, dev) = sim.names(skb.ns, skb.dev);
        let t = sim.world.now;
        sim.trace
            .capture(t, &format!("{ns}/{dev}"), outbound, &skb.data, comment);
    }
}

/// `__netif_receive_skb_core`: tap, then the bridge `rx_handler` or the protocol handler.
///
/// Modelled: a down device drops (`DEV_READY`); frames shorter than an Ethernet header are
/// dropped (`PKT_TOO_SMALL`); ARP → `arp_rcv`, IPv4 → `ip_rcv`, anything else
/// `UNHANDLED_PROTO`. Not modelled: VLAN tags, tc ingress, XDP, GRO.
pub fn netif_receive_skb(sim: &mut Sim, mut skb: Skb) {
    skb.hops += 1;
    if skb.hops > HOP_BUDGET {
        sim.drop_skb(&skb, "netif_receive_skb", DropReason::SimHopLimit, || {
            format!("more than {HOP_BUDGET} hops")
        });
        return;
    }
    let dref = DevRef {
        ns: skb.ns,
        ifindex: skb.dev,
    };
    let Some(dev) = sim.world.dev(dref) else {
        return;
    };
    if !dev.admin_up {
        sim.drop_skb(&skb, "netif_receive_skb", DropReason::DevReady, || {
            "device is down".into()
        });
        return;
    }
    // A copy `dev_loopback_xmit` sent up: no driver counted it, AF_PACKET's `packet_rcv`
    // skips `PACKET_LOOPBACK`, and a bridge port's `br_handle_frame` passes it.
    if skb.pkt_type == PktType::Loopback {
        sim.step(&skb, "__netif_receive_skb_core", Action::Received, || {
            "looped-back copy".into()
        });
        deliver_to_protocol(sim, skb);
        return;
    }
    let (master, mac) = (dev.master, dev.mac);
    skb.pkt_type = eth_type_trans(&skb.data, mac);
    if let Some(d) = sim.world.dev_mut(dref) {
        d.stats.rx_packets += 1;
        d.stats.rx_bytes += stats_len(d, &skb);
    }
    tap(sim, &skb, false, "rx");
    sim.step(&skb, "__netif_receive_skb_core", Action::Received, || {
        wire::describe(&skb.data)
    });
    if let Some(br) = master {
        bridge::br_handle_frame(sim, skb, br);
        return;
    }
    deliver_to_protocol(sim, skb);
}

/// The `ptype_base` dispatch after any `rx_handler`: ARP or IPv4.
pub fn deliver_to_protocol(sim: &mut Sim, skb: Skb) {
    match wire::parse_eth(&skb.data).map(|(_, _, et, _)| et) {
        Some(wire::ETH_P_ARP) => super::arp::arp_rcv(sim, skb),
        Some(wire::ETH_P_IP) => super::ip_input::ip_rcv(sim, skb),
        Some(wire::icmpv6::ETH_P_IPV6) => sim.step(&skb, "ipv6_rcv", Action::Consumed, || {
            "IPv6 beyond link-up announcements is not modelled".into()
        }),
        Some(et) => sim.drop_skb(
            &skb,
            "__netif_receive_skb_core",
            DropReason::UnhandledProto,
            || format!("ethertype 0x{et:04x}"),
        ),
        None => sim.drop_skb(&skb, "eth_type_trans", DropReason::PktTooSmall, || {
            "shorter than an Ethernet header".into()
        }),
    }
}

/// What `dev_queue_xmit` returns to the layer above (`ip_finish_output2` passes it up, and
/// `ip_do_fragment` stops at the first fragment that does not go out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Xmit {
    /// `NET_XMIT_SUCCESS` (also what `neigh_resolve_output` returns for a packet it queued).
    Success,
    /// `NET_XMIT_DROP`: the driver dropped the frame (`veth_xmit` when the peer refuses it).
    Drop,
    /// `-ENETDOWN`: `__dev_queue_xmit` on a device that is down.
    NetDown,
    /// `NET_XMIT_CN`: the qdisc dropped the frame (`noop_enqueue`: the device is up but
    /// `dev_activate` has not moved its queue off `noop_qdisc`).
    Cn,
}

impl Xmit {
    /// Zero in the kernel: the frame went out (or was queued for resolution).
    pub fn is_success(self) -> bool {
        self == Xmit::Success
    }
}

/// `dev_queue_xmit`: the qdisc (`noop` until `dev_activate`, else `noqueue`), tap, then the
/// driver's `ndo_start_xmit`; returns what the qdisc or the driver did.
pub fn dev_queue_xmit(sim: &mut Sim, skb: Skb) -> Xmit {
    let dref = DevRef {
        ns: skb.ns,
        ifindex: skb.dev,
    };
    let Some(dev) = sim.world.dev(dref) else {
        return Xmit::Drop;
    };
    if !dev.admin_up {
        // A device without a queue that is down counts the frame as a TX drop.
        if let Some(d) = sim.world.dev_mut(dref) {
            d.stats.tx_dropped += 1;
        }
        sim.drop_skb(&skb, "__dev_queue_xmit", DropReason::DevReady, || {
            "device is down".into()
        });
        return Xmit::NetDown;
    }
    // `txq->qdisc`: until `dev_activate` runs with carrier (at open, or when linkwatch handles
    // the carrier coming on) the queue is `noop_qdisc`, whose `noop_enqueue` counts a TX drop
    // and frees the frame before the taps see it.
    if !dev.linkwatch.qdisc_active {
        if let Some(d) = sim.world.dev_mut(dref) {
            d.stats.tx_dropped += 1;
        }
        sim.drop_skb(&skb, "noop_enqueue", DropReason::QdiscDrop, || {
            "no carrier: the queue is still on noop_qdisc (dev_activate has not run)".into()
        });
        return Xmit::Cn;
    }
    let kind = match &dev.kind {
        DevKind::Loopback => 0,
        DevKind::Veth { .. } => 1,
        DevKind::Bridge(_) => 2,
        DevKind::Vxlan(_) => 3,
    };
    // veth counts its own TX, and only frames its peer took (`veth_xmit`); vxlan counts
    // each copy it sends (`iptunnel_xmit_stats` in `vxlan_xmit_one`).
    if kind != 1 && kind != 3 {
        count_tx(sim, dref, &skb);
    }
    tap(sim, &skb, true, "tx");
    sim.step(&skb, "dev_queue_xmit", Action::Transmitted, || {
        wire::describe(&skb.data)
    });
    match kind {
        0 => {
            loopback_xmit(sim, skb);
            Xmit::Success
        }
        1 => veth_xmit(sim, skb),
        3 => {
            super::vxlan::vxlan_xmit(sim, skb);
            Xmit::Success
        }
        _ => {
            bridge::br_dev_xmit(sim, skb);
            Xmit::Success
        }
    }
}

/// `veth_xmit`: hands the frame to the peer (`veth_forward_skb` → `__dev_forward_skb` →
/// `netif_rx`). `__is_skb_forwardable` refuses it when the peer is down or the frame is
/// longer than the peer's MTU plus its hard header and a VLAN tag (`mtu + 14 + 4`); the
/// refusal counts an RX drop on the peer (`____dev_forward_skb`: `rx_dropped`) and a TX drop
/// here (`priv->dropped`), and is `NET_XMIT_DROP` for the sender. Only a frame the peer
/// took counts in this device's TX packets and bytes (`dev_sw_netstats_tx_add`).
pub fn veth_xmit(sim: &mut Sim, skb: Skb) -> Xmit {
    let dref = DevRef {
        ns: skb.ns,
        ifindex: skb.dev,
    };
    let peer = sim.world.dev(dref).and_then(|d| d.veth_peer());
    let Some((peer, p)) = peer.and_then(|r| sim.world.dev(r).map(|d| (r, d))) else {
        count_tx_drop(sim, dref, None);
        sim.drop_skb(&skb, "veth_xmit", DropReason::DevReady, || "no peer".into());
        return Xmit::Drop;
    };
    let limit = p.mtu as usize + ETH_HLEN + VLAN_HLEN;
    if !p.admin_up {
        count_tx_drop(sim, dref, Some(peer));
        sim.drop_skb(&skb, "__dev_forward_skb", DropReason::DevReady, || {
            "peer is down".into()
        });
        return Xmit::Drop;
    }
    if skb.data.len() > limit {
        count_tx_drop(sim, dref, Some(peer));
        sim.drop_skb(&skb, "__dev_forward_skb", DropReason::PktTooBig, || {
            format!(
                "{} bytes exceed the peer's MTU + 18 ({limit})",
                skb.data.len()
            )
        });
        return Xmit::Drop;
    }
    count_tx(sim, dref, &skb);
    let at = sim.world.now + LINK_DELAY_NS;
    // `__dev_forward_skb` scrubs the packet crossing namespaces: only bytes and hops remain.
    let mut next = Skb::new(skb.data, peer.ns, peer.ifindex, skb.id);
    next.hops = skb.hops;
    sim.schedule(at, Event::Rx(next));
    Xmit::Success
}

/// `ETH_HLEN` and `VLAN_HLEN`: the room `__is_skb_forwardable` allows above the MTU.
const ETH_HLEN: usize = 14;
const VLAN_HLEN: usize = 4;

/// A frame the device sent: TX packets and bytes.
fn count_tx(sim: &mut Sim, dref: DevRef, skb: &Skb) {
    if let Some(d) = sim.world.dev_mut(dref) {
        d.stats.tx_packets += 1;
        d.stats.tx_bytes += stats_len(d, skb);
    }
}

/// A frame `veth_xmit` could not hand over: a TX drop here, an RX drop on the peer.
fn count_tx_drop(sim: &mut Sim, dref: DevRef, peer: Option<DevRef>) {
    if let Some(d) = sim.world.dev_mut(dref) {
        d.stats.tx_dropped += 1;
    }
    if let Some(p) = peer.and_then(|p| sim.world.dev_mut(p)) {
        p.stats.rx_dropped += 1;
    }
}

/// `dev_loopback_xmit`: a copy of an outgoing packet goes back up the stack of the device it
/// leaves by (`PACKET_LOOPBACK`, `netif_rx`) with its output route still attached, so input
/// routing is skipped (`ip_local_deliver`).
pub fn dev_loopback_xmit(sim: &mut Sim, mut skb: Skb) {
    skb.pkt_type = PktType::Loopback;
    skb.dst_local = true;
    sim.step(&skb, "dev_loopback_xmit", Action::Transmitted, || {
        "copy looped back to this host".into()
    });
    let at = sim.world.now;
    sim.schedule(at, Event::Rx(skb));
}

/// `loopback_xmit`: the frame comes straight back in on `lo` (`netif_rx`).
pub fn loopback_xmit(sim: &mut Sim, skb: Skb) {
    let mut next = skb;
    next.dst_local = true;
    let at = sim.world.now;
    sim.schedule(at, Event::Rx(next));
}

/// A packet originated by this namespace, to be sent on `dev`.
pub fn new_local_skb(sim: &mut Sim, ns: NsId, dev: IfIndex, data: Vec<u8>) -> Skb {
    let id = sim.new_packet_id();
    Skb::new(data, ns, dev, id)
}

/// The bytes a device's counters add for a frame: `lo` counts after `eth_type_trans` has
/// pulled the Ethernet header (`loopback_xmit` adds `skb->len` then), as does vxlan (its
/// receive side after `eth_type_trans`, its transmit side from the inner network header);
/// others the whole frame.
pub fn stats_len(d: &crate::model::device::Device, skb: &Skb) -> u64 {
    let len = skb.data.len() as u64;
    if d.is_loopback() || d.vxlan().is_some() {
        len.saturating_sub(14)
    } else {
        len
    }
}
