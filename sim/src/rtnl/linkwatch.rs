//! `net/core/link_watch.c` (Linux 6.18): link events and their delay.
//!
//! `netif_carrier_on/off` flips the carrier bit at once (LOWER_UP in dumps) and calls
//! `linkwatch_fire_event`; the rest of a carrier change happens when the link event is
//! handled (`linkwatch_do_dev`): `rfc2863_policy` stores the operstate (IFF_RUNNING follows
//! it, so iproute2 prints `NO-CARRIER … LOWER_UP … state DOWN` in between),
//! `dev_activate`/`dev_deactivate` move the transmit queue, and `netdev_state_change`
//! sends NETDEV_CHANGE: `fib_sync_up`/`fib_sync_down_dev` (`linkdown`), `arp_netdev_event`
//! (`neigh_carrier_down`), `br_port_carrier_check` (port forwarding/disabled, hence the
//! bridge's own carrier) and `addrconf_notify` (IPv6 starts on a ready link).
//!
//! When: `linkwatch_fire_event` → `linkwatch_schedule_work(urgent)`. An urgent event
//! (`linkwatch_urgent_event`: the device is running and its iflink is not its own index —
//! a veth's iflink is its PEER's index, counted in the peer's namespace — or the carrier is
//! on while `qdisc_tx_changing`) queues the work at once; the work then handles only urgent
//! devices (re-checked at that moment) if `linkwatch_nextevent` is still ahead. Otherwise
//! the work waits until `linkwatch_nextevent`, which every non-urgent run sets to a second
//! later (`__linkwatch_run_queue`): one non-urgent batch per second, machine-wide. A delay
//! above HZ counts as none. `rtnl_getlink` (`ip link show DEV`, and every `ip` command that
//! resolves a device name with RTM_GETLINK) handles that device's event at once
//! (`linkwatch_sync_dev`).
//!
//! The work is a delayed work on the simulator's queue ([`crate::path::Event::LinkWatch`]),
//! armed as `schedule_delayed_work`/`mod_delayed_work` arm it, its timer rounded by
//! [`Sim::schedule_timer`] as the timer wheel rounds it.

use crate::model::linkwatch::{jiffies, HZ, JIFFY_NS};
use crate::model::{DevKind, DevRef, IfIndex, NsId, Scope, World};
use crate::path::{Event, Sim};
use crate::trace::Action;

/// `MAX_DO_DEV_PER_LOOP`: devices one run handles (twice that in an urgent-only run).
const MAX_DO_DEV_PER_LOOP: usize = 100;

/// `dev_get_iflink`: a veth's peer index (0 once the peer is gone), else the device's own.
fn dev_get_iflink(world: &World, r: DevRef) -> IfIndex {
    match world.dev(r).map(|d| &d.kind) {
        Some(DevKind::Veth { peer }) => world.dev(*peer).map_or(0, |_| peer.ifindex),
        _ => r.ifindex,
    }
}

/// `qdisc_tx_changing`: a qdisc is attached (`qdisc_sleeping`) but the queue still points at
/// `noop` (`dev_activate` has not run with carrier since).
fn qdisc_tx_changing(world: &World, r: DevRef) -> bool {
    world
        .dev(r)
        .is_some_and(|d| d.qdisc_attached && !d.linkwatch.qdisc_active)
}

/// `linkwatch_urgent_event`: running, and either stacked on another index (a veth whose
/// peer's index differs from its own), or carrier on while the qdisc is changing. A bridge
/// and `lo` have iflink == ifindex; there is no LAG device in the model.
pub fn linkwatch_urgent_event(world: &World, r: DevRef) -> bool {
    if !world.dev(r).is_some_and(|d| d.admin_up) {
        return false;
    }
    if dev_get_iflink(world, r) != r.ifindex {
        return true;
    }
    world.carrier(r) && qdisc_tx_changing(world, r)
}

/// `linkwatch_schedule_work`.
fn linkwatch_schedule_work(world: &mut World, urgent: bool) {
    let now = world.now;
    let j = jiffies(now);
    let q = &mut world.linkwatch;
    // `linkwatch_nextevent - jiffies` in unsigned arithmetic: a past value wraps to a huge
    // delay, which the `delay > HZ` rule below turns into 0.
    let mut delay = match q.nextevent {
        Some(n) if n >= j => n - j,
        _ => u64::MAX,
    };
    if q.urgent {
        return;
    }
    // "Minimise down-time: drop delay for up event."
    if urgent {
        q.urgent = true;
        delay = 0;
    }
    if delay > HZ {
        delay = 0;
    }
    if q.urgent {
        q.mod_delayed_work(now, 0);
    } else {
        q.schedule_delayed_work(now, delay);
    }
}

/// `linkwatch_fire_event`: puts the device on the list (once) and schedules the work.
pub fn linkwatch_fire_event(world: &mut World, r: DevRef) {
    let urgent = linkwatch_urgent_event(world, r);
    let Some(d) = world.dev_mut(r) else { return };
    if !d.linkwatch.pending {
        d.linkwatch.pending = true;
        world.linkwatch.list.push(r);
    } else if !urgent {
        return;
    }
    linkwatch_schedule_work(world, urgent);
}

/// `netif_carrier_on` / `netif_carrier_off` for `r`: if its carrier differs from the bit as
/// last set, the bit follows and a link event fires. Call it where the kernel changes the
/// carrier (in `veth_open`/`veth_close`, before `dev_activate`), or after anything that may
/// have changed a bridge's carrier.
pub fn netif_carrier_change(world: &mut World, r: DevRef) {
    let carrier = world.carrier(r);
    let Some(d) = world.dev_mut(r) else { return };
    if d.linkwatch.carrier == carrier {
        return;
    }
    d.linkwatch.carrier = carrier;
    d.linkwatch.carrier_changes += 1;
    linkwatch_fire_event(world, r);
}

/// [`netif_carrier_change`] for every device of `ns`, in index order.
pub fn carrier_changes(world: &mut World, ns: NsId) {
    if !world.ns_alive(ns) {
        return;
    }
    let devs: Vec<IfIndex> = world.ns(ns).devices.keys().copied().collect();
    for ifindex in devs {
        netif_carrier_change(world, DevRef { ns, ifindex });
    }
}

/// The device is unregistered (`netdev_run_todo` → `linkwatch_sync_dev` on a device that
/// is down: only its list entry goes).
pub fn linkwatch_forget(world: &mut World, r: DevRef) {
    world.linkwatch.list.retain(|x| *x != r);
}

/// Every pending event of namespace `ns` goes with it.
pub fn linkwatch_forget_netns(world: &mut World, ns: NsId) {
    world.linkwatch.list.retain(|x| x.ns != ns);
}

/// `dev_change_net_namespace` keeps the device (and its pending event) under a new handle.
pub fn linkwatch_moved(world: &mut World, from: DevRef, to: DevRef) {
    for x in &mut world.linkwatch.list {
        if *x == from {
            *x = to;
        }
    }
}

/// The world side of `linkwatch_do_dev`: `rfc2863_policy`, then for an up device
/// `dev_activate`/`dev_deactivate` and the NETDEV_CHANGE handlers that live in `rtnl`
/// (`fib_netdev_event`, `arp_netdev_event`). The bridge and addrconf handlers run in
/// [`notify`].
fn linkwatch_do_dev_world(world: &mut World, r: DevRef) {
    let operstate = world.default_operstate(r);
    let carrier = world.carrier(r);
    let Some(d) = world.dev_mut(r) else { return };
    d.linkwatch.pending = false;
    d.linkwatch.operstate = operstate;
    if !d.admin_up {
        return;
    }
    if carrier {
        d.qdisc_attached = true;
        d.linkwatch.qdisc_active = true;
    } else {
        d.linkwatch.qdisc_active = false;
    }
    world.dirty.insert(r.ns);
    // `fib_netdev_event(NETDEV_CHANGE)`: RUNNING or LOWER_UP (`dev_get_flags`) brings the
    // nexthops back (`fib_sync_up(dev, RTNH_F_LINKDOWN)`), else `fib_sync_down_dev` marks
    // them `linkdown`.
    if world.oper_running(r) || carrier {
        fib_sync_up(world, r, false);
    } else {
        fib_sync_down_change(world, r);
    }
    // `arp_netdev_event(NETDEV_CHANGE)`: without carrier the neighbours go
    // (`arp_evict_nocarrier`, 1 by default).
    if !carrier {
        super::link::neigh_carrier_down(world, r);
    }
}

/// `fib_sync_up(dev, nh_flags)`: on an up device, clears RTNH_F_DEAD (with `dead`, at
/// NETDEV_UP) and RTNH_F_LINKDOWN (always at NETDEV_CHANGE; at NETDEV_UP only when the
/// device is RUNNING or LOWER_UP) of its nexthops.
pub fn fib_sync_up(world: &mut World, r: DevRef, dead: bool) {
    if !world.dev(r).is_some_and(|d| d.admin_up) {
        return;
    }
    let linkdown = !dead || world.oper_running(r) || world.carrier(r);
    for table in world.ns_mut(r.ns).fib.tables.values_mut() {
        for n in table.routes_mut().flat_map(|x| x.nexthops.iter_mut()) {
            if n.dev == r.ifindex {
                if dead {
                    n.dead = false;
                }
                if linkdown {
                    n.linkdown = false;
                }
            }
        }
    }
}

/// `fib_sync_down_dev(dev, NETDEV_CHANGE, false)`: live nexthops through the device, but
/// host-scope ones, get RTNH_F_LINKDOWN.
fn fib_sync_down_change(world: &mut World, r: DevRef) {
    for table in world.ns_mut(r.ns).fib.tables.values_mut() {
        for n in table.routes_mut().flat_map(|x| x.nexthops.iter_mut()) {
            if n.dev == r.ifindex && !n.dead && n.scope != Scope::Nowhere {
                n.linkdown = true;
            }
        }
    }
}

/// The notifier work that follows state changes, for the namespaces marked dirty: bridge
/// port states (`br_port_carrier_check` and friends, from the stored operstate), the
/// carrier changes they and the command caused (bridges), IPv6 configuration
/// (`addrconf_notify`); then the link-event work is queued if it was armed.
pub fn notify(sim: &mut Sim) {
    // Port states never depend on a bridge's own carrier (a bridge cannot be a port), so
    // one round settles; a second one is a guard for changes the first round makes.
    for _ in 0..2 {
        let changed: Vec<NsId> = std::mem::take(&mut sim.world.dirty).into_iter().collect();
        if changed.is_empty() {
            break;
        }
        crate::path::bridge::br_port_state_sync(&mut sim.world, &changed);
        for &ns in &changed {
            carrier_changes(&mut sim.world, ns);
        }
        crate::path::addrconf::addrconf_notify(sim, &changed);
    }
    arm(sim);
}

/// Queues the work on the simulator's clock if it was (re)armed: at once for no delay,
/// else as a timer `delay` jiffies after the arming call.
pub fn arm(sim: &mut Sim) {
    let q = &mut sim.world.linkwatch;
    if !q.rearmed {
        return;
    }
    q.rearmed = false;
    let Some(w) = q.work else { return };
    let ev = Event::LinkWatch { gen: w.gen };
    if w.delay == 0 {
        sim.schedule(w.at, ev);
    } else {
        sim.schedule_timer(w.at + w.delay * JIFFY_NS, ev);
    }
}

/// `linkwatch_event`: the work runs (if `gen` is still the armed one), urgent devices only
/// while `linkwatch_nextevent` is ahead.
pub fn linkwatch_event(sim: &mut Sim, gen: u64) {
    if sim.world.linkwatch.work.map(|w| w.gen) != Some(gen) {
        return;
    }
    sim.world.linkwatch.work = None;
    let j = jiffies(sim.world.now);
    let urgent_only = sim.world.linkwatch.nextevent.is_some_and(|n| n > j);
    linkwatch_run_queue(sim, urgent_only);
}

/// `__linkwatch_run_queue(urgent_only)`.
fn linkwatch_run_queue(sim: &mut Sim, urgent_only: bool) {
    let j = jiffies(sim.world.now);
    let q = &mut sim.world.linkwatch;
    let mut budget = MAX_DO_DEV_PER_LOOP;
    if urgent_only {
        budget += MAX_DO_DEV_PER_LOOP;
        // "Limit wrap-around effect on delay."
        if q.nextevent.is_some_and(|n| n > j + HZ) {
            q.nextevent = Some(j);
        }
    } else {
        // One non-urgent run per second.
        q.nextevent = Some(j + HZ);
    }
    q.urgent = false;
    let mut wrk = std::mem::take(&mut q.list);
    wrk.reverse();
    while budget > 0 {
        let Some(r) = wrk.pop() else { break };
        if sim.world.dev(r).is_none() {
            continue;
        }
        if urgent_only && !linkwatch_urgent_event(&sim.world, r) {
            sim.world.linkwatch.list.push(r);
            continue;
        }
        linkwatch_do_dev(sim, r);
        budget -= 1;
    }
    // What the budget left goes back to the head of the list.
    wrk.reverse();
    let q = &mut sim.world.linkwatch;
    wrk.append(&mut q.list);
    q.list = wrk;
    if !q.list.is_empty() {
        linkwatch_schedule_work(&mut sim.world, false);
    }
    arm(sim);
}

/// `linkwatch_do_dev`: handles one device's event, then the notifier work it caused.
fn linkwatch_do_dev(sim: &mut Sim, r: DevRef) {
    linkwatch_do_dev_world(&mut sim.world, r);
    if sim.trace.enabled {
        let (ns, dev) = sim.names(r.ns, r.ifindex);
        let now = sim.now();
        let (op, carrier) = (sim.world.operstate(r).name(), sim.world.carrier(r));
        sim.trace.step(
            now,
            0,
            &ns,
            &dev,
            "linkwatch_do_dev",
            Action::Updated,
            || format!("link event handled: carrier {carrier}, operstate {op}"),
        );
    }
    sim.world.dirty.insert(r.ns);
    notify(sim);
}

/// `linkwatch_sync_dev`, as `rtnl_getlink` calls it: a pending event of `r` is handled now.
pub fn linkwatch_sync_dev(sim: &mut Sim, r: DevRef) {
    if !sim.world.dev(r).is_some_and(|d| d.linkwatch.pending) {
        return;
    }
    linkwatch_forget(&mut sim.world, r);
    linkwatch_do_dev(sim, r);
}

#[cfg(test)]
mod tests;
