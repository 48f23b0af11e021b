//! `net/core/neighbour.c` for ARP: `neigh_resolve_output`, `__neigh_event_send`,
//! `neigh_update`, `neigh_timer_handler`, `neigh_invalidate`, and `arp_solicit`'s source
//! choice (`net/ipv4/arp.c`).
//!
//! States and timers as the kernel runs them: a new entry goes INCOMPLETE and probes at once
//! (probes start at `ucast_solicit`, so `mcast_solicit` broadcasts go out, one per
//! `retrans_time_ms`); with no answer it goes FAILED and every queued packet gets an ICMP
//! host unreachable (`arp_error_report`). REACHABLE lasts a random time in
//! [base/2, 3·base/2) (`neigh_rand_reach_time`), then STALE; using a STALE entry moves it to
//! DELAY, and after `delay_first_probe_time` to PROBE with unicast probes.
//! Not modelled: garbage collection (tables stay below `gc_thresh1`), `app_solicit`.

use super::dev::{dev_queue_xmit, Xmit};
use super::neigh_create::neigh_lookup_create;
use super::{Event, Sim, Skb};
use crate::model::neigh::Nud;
use crate::model::{IfIndex, NsId, Scope};
use crate::trace::{Action, DropReason};
use crate::wire::{self, Mac};
use std::net::Ipv4Addr;

const MS: u64 = 1_000_000;

fn parms(sim: &Sim, ns: NsId, dev: IfIndex) -> crate::model::sysctl::NeighParms {
    sim.world
        .ns(ns)
        .devices
        .get(&dev)
        .map(|d| d.neigh_parms.clone())
        .unwrap_or_default()
}

fn retrans_ns(p: &crate::model::sysctl::NeighParms) -> u64 {
    (p.retrans_time_ms.max(10) as u64) * MS
}

fn max_probes(p: &crate::model::sysctl::NeighParms, state: Nud) -> u32 {
    let extra = if state == Nud::Probe {
        0
    } else {
        p.mcast_solicit
    };
    (p.ucast_solicit + p.app_solicit + extra).max(0) as u32
}

fn arm_timer(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, at: u64) {
    let gen = {
        let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) else {
            return;
        };
        n.timer_gen += 1;
        n.timer_gen
    };
    sim.schedule_timer(at, Event::NeighTimer { ns, dev, ip, gen });
}

/// `neigh_rand_reach_time`: uniformly in [base/2, 3·base/2).
fn rand_reach_time(sim: &mut Sim, base_ms: i64) -> u64 {
    let base = (base_ms.max(1) as u64) * MS;
    base / 2 + sim.world.random() % base
}

/// Fills the Ethernet header and transmits; returns what `dev_queue_xmit` returned.
fn neigh_hh_output(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    id: u64,
    mut frame: Vec<u8>,
    dst: Mac,
) -> Xmit {
    let src = sim
        .world
        .ns(ns)
        .devices
        .get(&dev)
        .map_or(Mac::ZERO, |d| d.mac);
    wire::set_eth_addrs(&mut frame, dst, src);
    let skb = Skb::new(frame, ns, dev, id);
    dev_queue_xmit(sim, skb)
}

/// `ip_finish_output2` → `neigh_output`: sends `frame` (IPv4 with a blank Ethernet header) to
/// `nexthop` on `dev`, resolving it with ARP first if needed. Returns what the kernel's
/// `neigh_resolve_output` returns: `dev_queue_xmit`'s result for a frame sent at once, and
/// success (0) for one queued on an unresolved entry or freed by `__neigh_event_send`.
pub fn neigh_resolve_output(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    nexthop: Ipv4Addr,
    id: u64,
    frame: Vec<u8>,
) -> Xmit {
    if !sim.world.ns(ns).devices.contains_key(&dev) {
        return Xmit::Drop;
    }
    // `ip_neigh_gw4`: the entry (keyed 0.0.0.0 on `lo`), created by `arp_constructor` —
    // NOARP with a fixed address for loopback, IFF_NOARP, broadcast and multicast.
    let nexthop = neigh_lookup_create(sim, ns, dev, nexthop);
    let now = sim.world.now;
    let entry = sim
        .world
        .ns(ns)
        .neigh
        .get(dev, nexthop)
        .map(|n| (n.state, n.lladdr));
    match entry {
        Some((state, Some(mac))) if state.is_valid() => {
            if state == Nud::Stale {
                let p = parms(sim, ns, dev);
                set_state(sim, ns, dev, nexthop, Nud::Delay);
                arm_timer(
                    sim,
                    ns,
                    dev,
                    nexthop,
                    now + p.delay_first_probe_time_s.max(0) as u64 * 1000 * MS,
                );
            }
            if let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, nexthop) {
                n.used = now;
            }
            neigh_hh_output(sim, ns, dev, id, frame, mac)
        }
        _ => {
            neigh_event_send(sim, ns, dev, nexthop, Some((id, frame)));
            Xmit::Success
        }
    }
}

fn set_state(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, st: Nud) {
    let now = sim.world.now;
    if let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) {
        n.state = st;
        n.updated = now;
    }
}

/// `__neigh_event_send`: start resolution (NONE/FAILED → INCOMPLETE with an immediate
/// probe) and queue the packet while INCOMPLETE.
fn neigh_event_send(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    ip: Ipv4Addr,
    pkt: Option<(u64, Vec<u8>)>,
) {
    let now = sim.world.now;
    let p = parms(sim, ns, dev);
    let state = sim
        .world
        .ns(ns)
        .neigh
        .get(dev, ip)
        .map_or(Nud::None, |n| n.state);
    let mut probe_now = false;
    if !matches!(state, Nud::Stale | Nud::Incomplete) {
        if p.mcast_solicit + p.app_solicit > 0 {
            if let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) {
                n.probes = p.ucast_solicit.max(0) as u32;
                n.state = Nud::Incomplete;
                n.updated = now;
            }
            probe_now = true;
            arm_timer(sim, ns, dev, ip, now + retrans_ns(&p));
        } else {
            set_state(sim, ns, dev, ip, Nud::Failed);
            if let Some((id, frame)) = pkt {
                drop_frame(sim, ns, dev, id, frame, DropReason::NeighFailed);
            }
            return;
        }
    }
    if let Some((id, frame)) = pkt {
        let queued = sim.world.ns_mut(ns).neigh.get_mut(dev, ip).map(|n| {
            n.queue.push((id, frame.clone()));
            // `unres_qlen_bytes` counts truesize; each small skb costs about 1 KiB.
            let limit = (p.unres_qlen_bytes.max(0) as usize / 1024).max(1);
            if n.queue.len() > limit {
                Some(n.queue.remove(0))
            } else {
                None
            }
        });
        let skb = Skb::new(frame, ns, dev, id);
        sim.step(&skb, "__neigh_event_send", Action::Queued, || {
            format!("waiting for ARP resolution of {ip}")
        });
        if let Some(Some((old_id, old))) = queued {
            drop_frame(sim, ns, dev, old_id, old, DropReason::NeighQueuefull);
        }
    }
    if probe_now {
        neigh_probe(sim, ns, dev, ip);
    }
}

fn drop_frame(sim: &mut Sim, ns: NsId, dev: IfIndex, id: u64, data: Vec<u8>, reason: DropReason) {
    let skb = Skb::new(data, ns, dev, id);
    sim.drop_skb(&skb, "neigh_resolve_output", reason, String::new);
}

/// `neigh_probe` → `arp_solicit`: one ARP request (broadcast while INCOMPLETE, unicast to the
/// known address in PROBE).
fn neigh_probe(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr) {
    let p = parms(sim, ns, dev);
    let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) else {
        return;
    };
    let probes = n.probes;
    n.probes += 1;
    let unicast_to = if (probes as i64) < p.ucast_solicit {
        n.lladdr
    } else {
        None
    };
    let last_src = n
        .queue
        .last()
        .and_then(|(_, f)| wire::ipv4_summary(f.get(14..).unwrap_or(&[])).ok())
        .map(|s| s.src);
    arp_solicit(sim, ns, dev, ip, last_src, unicast_to);
}

/// `arp_solicit`: picks the sender address per `arp_announce`, then sends the request
/// (broadcast, or unicast to the cached MAC when re-probing a known neighbour).
fn arp_solicit(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    target: Ipv4Addr,
    skb_src: Option<Ipv4Addr>,
    unicast_to: Option<Mac>,
) {
    let nsr = sim.world.ns(ns);
    let Some(d) = nsr.devices.get(&dev) else {
        return;
    };
    let announce =
        crate::model::sysctl::max_conf(nsr.sysctl.conf_all.arp_announce, d.conf.arp_announce);
    let is_local = |a: Ipv4Addr| nsr.is_local_addr(a);
    let mut saddr = match announce {
        0 => skb_src.filter(|s| is_local(*s)),
        1 => skb_src
            .filter(|s| is_local(*s) && d.addrs.iter().any(|a| a.covers(target) && a.covers(*s))),
        _ => None,
    };
    if saddr.is_none() {
        saddr = super::route::inet_select_addr(nsr, dev, Some(target), Scope::Link);
    }
    let sip = saddr.unwrap_or(Ipv4Addr::UNSPECIFIED);
    let mac = d.mac;
    let frame = match unicast_to {
        Some(dst) => wire::arp_frame(
            dst,
            mac,
            &wire::ArpRepr {
                op: wire::ArpOp::Request,
                sha: mac,
                spa: sip,
                // `arp_solicit` passes no target hardware address: `arp_create` zeroes it
                // even when the frame itself is unicast to the cached MAC.
                tha: Mac::ZERO,
                tpa: target,
            },
        ),
        None => wire::arp_request_frame(mac, sip, target),
    };
    let id = sim.new_packet_id();
    let skb = Skb::new(frame, ns, dev, id);
    sim.step(&skb, "arp_solicit", Action::Transmitted, || {
        format!("who-has {target} tell {sip}")
    });
    dev_queue_xmit(sim, skb);
}

/// The `NEIGH_UPDATE_F_*` flags the model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateFlags {
    /// `NEIGH_UPDATE_F_OVERRIDE`: a different link-layer address may replace a valid one.
    pub override_ll: bool,
    /// `NEIGH_UPDATE_F_ADMIN`: a user's `ip neigh` change (may touch PERMANENT entries).
    pub admin: bool,
}

/// `neigh_update`: a new link-layer address or state from ARP or `ip neigh`.
pub fn neigh_update(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    ip: Ipv4Addr,
    lladdr: Option<Mac>,
    new: Nud,
    flags: UpdateFlags,
) {
    let UpdateFlags { override_ll, admin } = flags;
    let now = sim.world.now;
    let Some(n) = sim.world.ns(ns).neigh.get(dev, ip) else {
        return;
    };
    let old = n.state;
    let old_ll = n.lladdr;
    if !admin && matches!(old, Nud::Permanent | Nud::Noarp) {
        return;
    }
    if !new.is_valid() {
        neigh_update_invalid(sim, ns, dev, ip, old, new);
        return;
    }
    let mut new = new;
    let ll = lladdr.or(old_ll);
    if old.is_valid() {
        if lladdr.is_some() && lladdr != old_ll && !override_ll {
            return;
        }
        if lladdr.is_none_or(|l| Some(l) == old_ll) && new == Nud::Stale && !admin {
            new = old;
        }
    }
    let reach = if new == Nud::Reachable {
        let base = parms(sim, ns, dev).base_reachable_time_ms;
        rand_reach_time(sim, base)
    } else {
        0
    };
    let queue = {
        let n = sim
            .world
            .ns_mut(ns)
            .neigh
            .get_mut(dev, ip)
            .expect("checked above");
        n.lladdr = ll;
        if new != old {
            n.state = new;
            n.timer_gen += 1;
            if new == Nud::Probe {
                n.probes = 0;
            }
        }
        if new.is_connected() {
            n.confirmed = now;
        }
        if new == Nud::Reachable {
            n.reachable_time = reach;
        }
        n.updated = now;
        std::mem::take(&mut n.queue)
    };
    // `__neigh_update`: a new REACHABLE runs for its reachable time; a new DELAY or PROBE
    // (only `ip neigh` sets those here) fires at once, so DELAY turns PROBE and probes.
    if new != old {
        if new == Nud::Reachable {
            arm_timer(sim, ns, dev, ip, now + reach);
        } else if matches!(new, Nud::Delay | Nud::Probe) {
            arm_timer(sim, ns, dev, ip, now);
        }
    }
    if let Some(mac) = ll {
        for (id, frame) in queue {
            let skb = Skb::new(frame.clone(), ns, dev, id);
            sim.step(&skb, "neigh_update", Action::Resolved, || {
                format!("{ip} is at {mac}")
            });
            neigh_hh_output(sim, ns, dev, id, frame, mac);
        }
    }
}

/// `__neigh_update` to a state outside NUD_VALID (NONE, INCOMPLETE, FAILED): the timer is
/// stopped (`neigh_del_timer`), the stored address stays, and an entry that was resolving
/// (INCOMPLETE or PROBE) and is now FAILED runs `neigh_invalidate`, so each packet still
/// queued on it gets its ICMP host unreachable. `neigh->updated` is left as it was.
fn neigh_update_invalid(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, old: Nud, new: Nud) {
    if let Some(n) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) {
        n.state = new;
        n.timer_gen += 1;
    }
    if matches!(old, Nud::Incomplete | Nud::Probe) && new == Nud::Failed {
        neigh_invalidate(sim, ns, dev, ip, FailCause::Admin);
    }
}

/// `neigh_delete` (RTM_DELNEIGH: `ip neigh del`, and `ip neigh flush`, which sends one per
/// entry): `__neigh_update(neigh, NULL, NUD_FAILED, OVERRIDE | ADMIN)` first — so an
/// INCOMPLETE entry reports its queued packets as unreachable — then `neigh_remove_one`
/// takes the entry out of the table (nothing else holds a reference to it here).
pub fn neigh_delete(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr) {
    let flags = UpdateFlags {
        override_ll: true,
        admin: true,
    };
    neigh_update(sim, ns, dev, ip, None, Nud::Failed, flags);
    sim.world.ns_mut(ns).neigh.entries.remove(&(dev, ip));
}

/// `neigh_timer_handler`: REACHABLE→STALE/DELAY, DELAY→REACHABLE/PROBE, probing and FAILED.
pub fn neigh_timer_handler(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, gen: u64) {
    if !sim.world.ns_alive(ns) {
        return;
    }
    let now = sim.world.now;
    let p = parms(sim, ns, dev);
    let Some(n) = sim.world.ns(ns).neigh.get(dev, ip).cloned() else {
        return;
    };
    if n.timer_gen != gen {
        return;
    }
    let delay = p.delay_first_probe_time_s.max(0) as u64 * 1000 * MS;
    let mut next = None;
    match n.state {
        Nud::Reachable => {
            if n.confirmed != 0 && now < n.confirmed + n.reachable_time {
                next = Some(n.confirmed + n.reachable_time);
            } else if now <= n.used + delay {
                set_state(sim, ns, dev, ip, Nud::Delay);
                next = Some(now + delay);
            } else {
                set_state(sim, ns, dev, ip, Nud::Stale);
            }
        }
        Nud::Delay => {
            if n.confirmed != 0 && now <= n.confirmed + delay {
                set_state(sim, ns, dev, ip, Nud::Reachable);
                next = Some(n.confirmed + n.reachable_time);
            } else {
                set_state(sim, ns, dev, ip, Nud::Probe);
                if let Some(e) = sim.world.ns_mut(ns).neigh.get_mut(dev, ip) {
                    e.probes = 0;
                }
                next = Some(now + retrans_ns(&p));
            }
        }
        Nud::Probe | Nud::Incomplete => next = Some(now + retrans_ns(&p)),
        _ => {}
    }
    let cur = sim
        .world
        .ns(ns)
        .neigh
        .get(dev, ip)
        .map_or(Nud::None, |e| e.state);
    let probes = sim.world.ns(ns).neigh.get(dev, ip).map_or(0, |e| e.probes);
    if matches!(cur, Nud::Incomplete | Nud::Probe) && probes >= max_probes(&p, cur) {
        set_state(sim, ns, dev, ip, Nud::Failed);
        neigh_invalidate(sim, ns, dev, ip, FailCause::Probes);
        return;
    }
    if let Some(at) = next {
        arm_timer(sim, ns, dev, ip, at);
    }
    if matches!(cur, Nud::Incomplete | Nud::Probe) {
        neigh_probe(sim, ns, dev, ip);
    }
}

/// Why an entry went FAILED, for the trace of the packets `neigh_invalidate` reports.
#[derive(Debug, Clone, Copy)]
enum FailCause {
    /// `neigh_timer_handler`: every probe went unanswered.
    Probes,
    /// `__neigh_update` from userspace (`ip neigh del`/`flush`, or `nud failed`).
    Admin,
}

/// `neigh_invalidate`: every queued packet gets `arp_error_report` → ICMP host unreachable.
fn neigh_invalidate(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, cause: FailCause) {
    let now = sim.world.now;
    let queue = sim
        .world
        .ns_mut(ns)
        .neigh
        .get_mut(dev, ip)
        .map(|n| {
            n.updated = now;
            std::mem::take(&mut n.queue)
        })
        .unwrap_or_default();
    for (id, frame) in queue {
        let skb = Skb::new(frame, ns, dev, id);
        let p = parms(sim, ns, dev);
        sim.drop_skb(&skb, "neigh_invalidate", DropReason::NeighFailed, || match cause {
            FailCause::Probes => format!(
                "no ARP reply for {ip} after {} probes {} ms apart (mcast_solicit, retrans_time_ms): entry FAILED",
                p.mcast_solicit, p.retrans_time_ms
            ),
            FailCause::Admin => {
                format!("the entry for {ip} was set FAILED (deleted) while resolving")
            }
        });
        super::icmp::icmp_send(
            sim,
            &skb,
            super::icmp::IcmpError::HostUnreach,
            super::icmp::Origin::Output,
        );
    }
}

/// `neigh_event_ns` (`__neigh_lookup` with create, then `neigh_update` to STALE with override).
pub fn neigh_event_ns(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr, mac: Mac) {
    let ip = neigh_lookup_create(sim, ns, dev, ip);
    let flags = UpdateFlags {
        override_ll: true,
        admin: false,
    };
    neigh_update(sim, ns, dev, ip, Some(mac), Nud::Stale, flags);
}

/// `neigh_event_send(n, NULL)`: starts resolving `ip` without a packet to send; an entry in
/// a connected state (NOARP from `arp_constructor` too), DELAY or PROBE is left alone.
pub fn neigh_start_resolution(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr) {
    let ip = neigh_lookup_create(sim, ns, dev, ip);
    let state = sim.world.ns(ns).neigh.get(dev, ip).map(|n| n.state);
    if state.is_some_and(|s| s.is_connected() || matches!(s, Nud::Delay | Nud::Probe)) {
        return;
    }
    neigh_event_send(sim, ns, dev, ip, None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    fn sh(s: &mut Sim, line: &str) -> String {
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        execute(s, 0, &argv).stdout
    }

    /// Host unreachable errors sent through `lo` so far (lo's transmit counter).
    fn lo_tx(s: &Sim) -> u64 {
        let lo = s.world.ns(0).ifindex_of("lo").unwrap();
        s.world.ns(0).devices[&lo].stats.tx_packets
    }

    /// v0 (10.0.0.1/24) up with its peer, lo up; `ping -c 1 -W 1` to 10.0.0.9, which nobody
    /// answers, leaves the entry INCOMPLETE with the echo request queued (the second probe
    /// is not due before ping gives up).
    fn incomplete_with_a_queued_packet() -> Sim {
        let mut s = Sim::new(1);
        for line in [
            "ip link set lo up",
            "ip link add v0 type veth peer name v1",
            "ip addr add 10.0.0.1/24 dev v0",
            "ip link set v0 up",
            "ip link set v1 up",
            "ping -c 1 -W 1 10.0.0.9",
        ] {
            sh(&mut s, line);
        }
        assert_eq!(
            sh(&mut s, "ip neigh show 10.0.0.9"),
            "10.0.0.9 dev v0 INCOMPLETE \n"
        );
        s
    }

    #[test]
    fn deleting_a_resolving_entry_reports_its_queued_packets() {
        for cmd in ["ip neigh flush dev v0", "ip neigh del 10.0.0.9 dev v0"] {
            let mut s = incomplete_with_a_queued_packet();
            let before = lo_tx(&s);
            sh(&mut s, cmd);
            // neigh_delete → __neigh_update(NUD_FAILED) → neigh_invalidate: one ICMP host
            // unreachable for the queued request, then the entry is gone.
            assert_eq!(lo_tx(&s), before + 1, "{cmd}");
            assert_eq!(sh(&mut s, "ip neigh show 10.0.0.9"), "", "{cmd}");
            // No probe is pending any more: nothing is reported a second time.
            s.run_until(s.now() + 5_000_000_000);
            assert_eq!(lo_tx(&s), before + 1, "{cmd}");
        }
    }

    #[test]
    fn deleting_a_failed_entry_reports_nothing() {
        let mut s = incomplete_with_a_queued_packet();
        s.run_until(s.now() + 3_000_000_000);
        assert_eq!(
            sh(&mut s, "ip neigh show 10.0.0.9"),
            "10.0.0.9 dev v0 FAILED \n"
        );
        let before = lo_tx(&s);
        sh(&mut s, "ip neigh flush dev v0");
        assert_eq!(lo_tx(&s), before);
        assert_eq!(sh(&mut s, "ip neigh show 10.0.0.9"), "");
    }
}
