//! The Linux bridge: `net/bridge/br_input.c` (`br_handle_frame`, `br_handle_frame_finish`,
//! `br_pass_frame_up`), `br_forward.c` (`br_forward`, `br_flood`, `should_deliver`),
//! `br_device.c` (`br_dev_xmit`) and the learning half of `br_fdb.c` (`br_fdb_update`).
//!
//! Modelled: learning, ageing, flooding with per-port `flood`/`bcast_flood`/`mcast_flood`,
//! hairpin, isolation, forwarding only when the bridge is up and the port forwarding (STP off:
//! a running port whose link event said UP forwards at once), local delivery to the bridge device. Not modelled: STP,
//! VLAN filtering, multicast snooping, netfilter on bridged frames (issue 4).

use super::br_netfilter::{br_nf_forward_out, br_nf_pre_routing};
use super::dev::{dev_queue_xmit, netif_receive_skb};
use super::netfilter::NfVerdict;
use super::{PktType, Sim, Skb};
use crate::model::fdb::FdbUpdate;
use crate::model::{DevRef, IfIndex, World};
use crate::trace::{Action, DropReason};
use crate::wire::{self, Mac};

/// The bridge's ageing time in ns.
fn ageing_ns(sim: &Sim, ns: usize, br: IfIndex) -> u64 {
    sim.world
        .dev(DevRef { ns, ifindex: br })
        .and_then(|d| d.bridge())
        .map_or(300_000_000_000, |b| u64::from(b.ageing_time) * 10_000_000)
}

/// `br_fdb_find_rcu`: (local?, port) of a live FDB entry for `mac`.
fn br_fdb_find(sim: &Sim, ns: usize, br: IfIndex, mac: Mac) -> Option<(bool, Option<IfIndex>)> {
    let age = ageing_ns(sim, ns, br);
    sim.world
        .dev(DevRef { ns, ifindex: br })
        .and_then(|d| d.bridge())
        .and_then(|b| b.fdb.find(mac, sim.world.now, age))
        .map(|e| (e.local, e.port))
}

/// A port forwards while its stored STP state is forwarding ([`br_port_state_sync`]) and
/// the bridge is up.
fn port_forwarding(sim: &Sim, ns: usize, br: IfIndex, port: IfIndex) -> bool {
    sim.world
        .dev(DevRef { ns, ifindex: br })
        .is_some_and(|d| d.admin_up)
        && sim
            .world
            .dev(DevRef { ns, ifindex: port })
            .and_then(|d| d.brport.as_ref())
            .is_some_and(|p| p.forwarding_since.is_some())
}

/// `br_handle_frame`: the bridge port's `rx_handler`.
///
/// Checks in kernel order: invalid source MAC (`MAC_INVALID_SOURCE`); IEEE link-local group
/// addresses (01:80:c2:00:00:0X: the STP group is forwarded while STP is off, others go to the
/// port's own stack); the port must be forwarding. Then `br_handle_frame_finish`.
pub fn br_handle_frame(sim: &mut Sim, skb: Skb, br: IfIndex) {
    let Some((dst, src, _, _)) = wire::parse_eth(&skb.data) else {
        sim.drop_skb(
            &skb,
            "br_handle_frame",
            DropReason::PktTooSmall,
            String::new,
        );
        return;
    };
    if !src.is_valid_ether() {
        sim.drop_skb(
            &skb,
            "br_handle_frame",
            DropReason::MacInvalidSource,
            || format!("source {src} is not a valid unicast address"),
        );
        return;
    }
    if dst.is_link_local_group() && dst.0[5] != 0 {
        sim.step(&skb, "br_handle_frame", Action::Delivered, || {
            "link-local group address: passed to the port's own stack".into()
        });
        super::dev::deliver_to_protocol(sim, skb);
        return;
    }
    if !port_forwarding(sim, skb.ns, br, skb.dev) {
        sim.drop_skb(&skb, "br_handle_frame", DropReason::NotSpecified, || {
            "port is not forwarding (bridge or port down)".into()
        });
        return;
    }
    let mut skb = skb;
    if br_nf_pre_routing(sim, &mut skb, br) == NfVerdict::Stolen {
        return;
    }
    br_handle_frame_finish(sim, skb, br, dst, src);
}

/// `br_handle_frame_finish`: learn the source, then deliver locally, forward or flood.
fn br_handle_frame_finish(sim: &mut Sim, skb: Skb, br: IfIndex, dst: Mac, src: Mac) {
    let port = skb.dev;
    let learning = sim
        .world
        .dev(DevRef {
            ns: skb.ns,
            ifindex: port,
        })
        .and_then(|d| d.brport.as_ref())
        .is_some_and(|p| p.learning);
    if learning {
        br_fdb_update(sim, &skb, br, src);
    }
    if dst.is_multicast() {
        br_flood(sim, &skb, br, Some(port));
        br_pass_frame_up(sim, skb, br);
        return;
    }
    let hit = br_fdb_find(sim, skb.ns, br, dst);
    match hit {
        Some((true, _)) | Some((_, None)) => br_pass_frame_up(sim, skb, br),
        Some((false, Some(to))) => br_forward(sim, skb, br, to, Some(port)),
        None => {
            sim.step(&skb, "br_handle_frame_finish", Action::Flooded, || {
                format!("{dst} not in the FDB")
            });
            br_flood(sim, &skb, br, Some(port));
        }
    }
}

/// `br_fdb_update`: learns or refreshes the source address behind the ingress port.
fn br_fdb_update(sim: &mut Sim, skb: &Skb, br: IfIndex, src: Mac) {
    let now = sim.world.now;
    let port = skb.dev;
    let Some(b) = sim
        .world
        .dev_mut(DevRef {
            ns: skb.ns,
            ifindex: br,
        })
        .and_then(|d| d.bridge_mut())
    else {
        return;
    };
    let outcome = b.fdb.update(src, port, now);
    let age = u64::from(b.ageing_time) * 10_000_000;
    if b.gc_at.is_none() && matches!(outcome, FdbUpdate::Learned | FdbUpdate::Moved { .. }) {
        b.gc_at = Some(now + age);
        sim.schedule_timer(now + age, super::Event::BrFdbCleanup { ns: skb.ns, br });
    }
    match outcome {
        FdbUpdate::Learned => sim.step(skb, "br_fdb_update", Action::Learned, || {
            format!("{src} behind this port")
        }),
        FdbUpdate::Moved { .. } => sim.step(skb, "br_fdb_update", Action::Learned, || {
            format!("{src} moved to this port")
        }),
        FdbUpdate::Refreshed | FdbUpdate::Ignored => {}
    }
}

/// `should_deliver`: not back out of the ingress port unless hairpin is on; the port must be
/// forwarding; two isolated ports never talk.
fn should_deliver(sim: &Sim, ns: usize, br: IfIndex, to: IfIndex, from: Option<IfIndex>) -> bool {
    let Some(p) = sim
        .world
        .dev(DevRef { ns, ifindex: to })
        .and_then(|d| d.brport.as_ref())
    else {
        return false;
    };
    let from_isolated = from
        .and_then(|f| sim.world.dev(DevRef { ns, ifindex: f }))
        .and_then(|d| d.brport.as_ref())
        .is_some_and(|fp| fp.isolated);
    (p.hairpin || Some(to) != from)
        && port_forwarding(sim, ns, br, to)
        && !(p.isolated && from_isolated)
}

/// `br_forward`: sends a known unicast out of its port, or drops it.
fn br_forward(sim: &mut Sim, skb: Skb, br: IfIndex, to: IfIndex, from: Option<IfIndex>) {
    if should_deliver(sim, skb.ns, br, to, from) {
        if sim.trace.enabled {
            let (_, name) = sim.names(skb.ns, to);
            sim.step(&skb, "br_forward", Action::Forwarded, || {
                format!("to port {name}")
            });
        }
        br_forward_out(sim, skb, br, to);
    } else {
        sim.drop_skb(&skb, "br_forward", DropReason::NotSpecified, || {
            "destination is behind the ingress port (no hairpin) or the port is not forwarding"
                .into()
        });
    }
}

/// `br_flood`: a copy to every port whose flood flag allows it (`port_list` order).
fn br_flood(sim: &mut Sim, skb: &Skb, br: IfIndex, from: Option<IfIndex>) {
    let dst = wire::parse_eth(&skb.data)
        .map(|(d, ..)| d)
        .unwrap_or(Mac::ZERO);
    let ports = sim
        .world
        .dev(DevRef {
            ns: skb.ns,
            ifindex: br,
        })
        .and_then(|d| d.bridge())
        .map(|b| b.ports.clone())
        .unwrap_or_default();
    for p in ports {
        let allowed = sim
            .world
            .dev(DevRef {
                ns: skb.ns,
                ifindex: p,
            })
            .and_then(|d| d.brport.as_ref())
            .is_some_and(|f| {
                if dst.is_broadcast() {
                    f.bcast_flood
                } else if dst.is_multicast() {
                    f.mcast_flood
                } else {
                    f.flood
                }
            });
        if allowed && should_deliver(sim, skb.ns, br, p, from) {
            br_forward_out(sim, skb.clone(), br, p);
        }
    }
}

/// `__br_forward` → `br_forward_finish`: the bridge's FORWARD and POSTROUTING hooks (for
/// IPv4 through br_netfilter), then the port.
fn br_forward_out(sim: &mut Sim, mut skb: Skb, br: IfIndex, to: IfIndex) {
    if br_nf_forward_out(sim, &mut skb, br, to) == NfVerdict::Stolen {
        return;
    }
    br_dev_queue_push_xmit(sim, skb, to);
}

/// `br_dev_queue_push_xmit`: the frame must fit the port's MTU, then `dev_queue_xmit`.
fn br_dev_queue_push_xmit(sim: &mut Sim, mut skb: Skb, port: IfIndex) {
    skb.dev = port;
    let mtu = sim
        .world
        .dev(DevRef {
            ns: skb.ns,
            ifindex: port,
        })
        .map_or(0, |d| d.mtu as usize);
    if skb.data.len() > mtu + 14 {
        sim.drop_skb(
            &skb,
            "br_dev_queue_push_xmit",
            DropReason::PktTooBig,
            || {
                format!(
                    "frame of {} bytes exceeds the port MTU {mtu}",
                    skb.data.len()
                )
            },
        );
        return;
    }
    dev_queue_xmit(sim, skb);
}

/// `br_pass_frame_up`: the frame is received again, now on the bridge device itself.
fn br_pass_frame_up(sim: &mut Sim, mut skb: Skb, br: IfIndex) {
    sim.step(&skb, "br_pass_frame_up", Action::Delivered, || {
        "to the bridge device's own stack".into()
    });
    skb.dev = br;
    skb.pkt_type = PktType::Host;
    netif_receive_skb(sim, skb);
}

/// `br_dev_xmit`: a frame the bridge device itself sends (its own IP stack's output).
pub fn br_dev_xmit(sim: &mut Sim, skb: Skb) {
    let br = skb.dev;
    let Some((dst, _, _, _)) = wire::parse_eth(&skb.data) else {
        return;
    };
    if dst.is_multicast() {
        br_flood(sim, &skb, br, None);
        return;
    }
    let hit = br_fdb_find(sim, skb.ns, br, dst);
    match hit {
        Some((false, Some(to))) => br_forward(sim, skb, br, to, None),
        Some(_) => sim.drop_skb(&skb, "br_dev_xmit", DropReason::NotSpecified, || {
            "destination is the bridge's own address".into()
        }),
        None => br_flood(sim, &skb, br, None),
    }
}

/// `br_fdb_cleanup`: deletes learned entries older than the ageing time and schedules itself
/// for the next one to expire.
pub fn br_fdb_cleanup(sim: &mut Sim, ns: usize, br: IfIndex) {
    if !sim.world.ns_alive(ns) {
        return;
    }
    let now = sim.world.now;
    let Some(b) = sim
        .world
        .dev_mut(DevRef { ns, ifindex: br })
        .and_then(|d| d.bridge_mut())
    else {
        return;
    };
    let age = u64::from(b.ageing_time) * 10_000_000;
    let gone = b.fdb.expire(now, age);
    let next = b
        .fdb
        .entries
        .values()
        .filter(|e| !e.local && !e.is_static)
        .map(|e| e.updated + age)
        .min();
    b.gc_at = next;
    if let Some(t) = next {
        sim.schedule_timer(t, super::Event::BrFdbCleanup { ns, br });
    }
    if sim.trace.enabled {
        let (nsname, brname) = sim.names(ns, br);
        for e in gone {
            sim.trace.step(
                now,
                0,
                &nsname,
                &brname,
                "br_fdb_cleanup",
                Action::Updated,
                || format!("{} aged out (ageing_time)", e.mac),
            );
        }
    }
}

/// Runs the FDB garbage collection now (`br_set_ageing_time` reschedules it at once).
pub fn br_fdb_gc_now(sim: &mut Sim, ns: usize, br: IfIndex) {
    let now = sim.world.now;
    sim.schedule_timer(now, super::Event::BrFdbCleanup { ns, br });
}

/// The STP port state (STP off: forwarding or disabled) of every port of the changed
/// namespaces, as the bridge's notifier handlers leave it: `br_add_if`, NETDEV_UP and
/// `br_stp_enable_bridge` enable a port that is running and `netif_oper_up`,
/// `br_port_carrier_check` (NETDEV_CHANGE) re-checks the same, NETDEV_DOWN and
/// `br_stp_disable_bridge` disable. `netif_oper_up` reads the operstate linkwatch stored,
/// so a port follows its carrier only once the link event is handled. A disabled port
/// forgets what was learned behind it (`br_stp_disable_port` →
/// `br_fdb_delete_by_port(.., do_all=0)`: local and static entries stay).
pub fn br_port_state_sync(world: &mut World, changed: &[usize]) {
    let now = world.now;
    for &ns in changed {
        if !world.ns_alive(ns) {
            continue;
        }
        let ports: Vec<(IfIndex, IfIndex)> = world
            .ns(ns)
            .devices
            .values()
            .filter_map(|d| d.master.map(|m| (d.ifindex, m)))
            .collect();
        for (port, br) in ports {
            let fwd = world
                .dev(DevRef { ns, ifindex: br })
                .is_some_and(|d| d.admin_up)
                && world.oper_running(DevRef { ns, ifindex: port });
            let Some(p) = world
                .dev_mut(DevRef { ns, ifindex: port })
                .and_then(|d| d.brport.as_mut())
            else {
                continue;
            };
            match (fwd, p.forwarding_since) {
                (true, None) => p.forwarding_since = Some(now),
                (false, Some(_)) => {
                    p.forwarding_since = None;
                    if let Some(b) = world
                        .dev_mut(DevRef { ns, ifindex: br })
                        .and_then(|d| d.bridge_mut())
                    {
                        b.fdb
                            .entries
                            .retain(|_, e| e.port != Some(port) || e.local || e.is_static);
                    }
                }
                _ => {}
            }
        }
    }
}
