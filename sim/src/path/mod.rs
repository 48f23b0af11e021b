//! The packet path: kernel functions over [`crate::model`] state, driven by an event queue on
//! a logical clock.
//!
//! Files mirror kernel source files (`dev.rs` ↔ `net/core/dev.c`, `ip_input.rs` ↔
//! `net/ipv4/ip_input.c`, …) and functions keep the kernel's names. A frame in flight is an
//! [`Skb`]: Ethernet bytes plus the metadata the kernel keeps in `struct sk_buff`. Path
//! functions never fail: a drop is recorded as a trace step with the kernel's drop reason.
//!
//! The event queue plays the per-CPU backlog (`netif_rx`) and the kernel's timers (neighbour
//! timers, proxy-ARP delay) and delayed work (linkwatch). Events at the same time run in the order they were queued.

pub mod addrconf;
pub mod arp;
pub mod br_netfilter;
pub mod bridge;
pub mod dev;
pub mod icmp;
pub mod ip_forward;
pub mod ip_fragment;
pub mod ip_input;
pub mod ip_output;
pub mod neigh_create;
pub mod neighbour;
pub mod netfilter;
pub mod route;
pub mod socket;
pub mod tcp;
pub mod udp;
pub mod vxlan;

use crate::model::{DevRef, IfIndex, NsId, World};
use crate::trace::{Action, DropReason, Tracer};
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// One-way latency of a veth hop, so round-trip times are visible but deterministic.
pub const LINK_DELAY_NS: u64 = 5_000;

/// Hops a single frame may take before the simulator gives up (a loop with no TTL, e.g. a
/// bridge loop). Reported as the simulator's own reason, never as a kernel drop.
pub const HOP_BUDGET: u32 = 256;

/// `skb->pkt_type`, set by `eth_type_trans`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PktType {
    Host,
    Broadcast,
    Multicast,
    OtherHost,
    Loopback,
}

/// A packet in flight: bytes (starting at the Ethernet header) plus metadata.
#[derive(Debug, Clone)]
pub struct Skb {
    pub data: Vec<u8>,
    pub ns: NsId,
    /// The device the packet is on (`skb->dev`).
    pub dev: IfIndex,
    pub pkt_type: PktType,
    pub mark: u32,
    /// Trace id of this packet.
    pub id: u64,
    /// Hops so far (see [`HOP_BUDGET`]).
    pub hops: u32,
    /// The packet was delayed by proxy ARP (`NEIGH_CB(skb)->flags & LOCALLY_ENQUEUED`).
    pub locally_enqueued: bool,
    /// The packet came back through `lo` with its output route still attached
    /// (`skb_dst` survives `loopback_xmit`): input routing is skipped.
    pub dst_local: bool,
    /// The connection tracking entry attached to it (`skb->_nfct`).
    pub ct: netfilter::SkbCt,
    /// br_netfilter's record of the bridge port it came in by (`nf_bridge->physindev`).
    pub physin: Option<IfIndex>,
}

impl Skb {
    /// A packet on `dev` of namespace `ns` with no metadata yet (`PACKET_HOST`, no mark).
    pub fn new(data: Vec<u8>, ns: NsId, dev: IfIndex, id: u64) -> Self {
        Skb {
            data,
            ns,
            dev,
            pkt_type: PktType::Host,
            mark: 0,
            id,
            hops: 0,
            locally_enqueued: false,
            dst_local: false,
            ct: netfilter::SkbCt::Unseen,
            physin: None,
        }
    }

    /// The IPv4 (or ARP) payload after the Ethernet header.
    pub fn l3(&self) -> &[u8] {
        self.data.get(14..).unwrap_or(&[])
    }

    pub fn l3_mut(&mut self) -> &mut [u8] {
        self.data.get_mut(14..).unwrap_or(&mut [])
    }
}

/// Something scheduled on the logical clock.
#[derive(Debug, Clone)]
pub enum Event {
    /// A frame arrives on a device (`netif_rx` → `__netif_receive_skb`).
    Rx(Skb),
    /// A neighbour entry's timer (`neigh_timer_handler`); stale if `gen` no longer matches.
    NeighTimer {
        ns: NsId,
        dev: IfIndex,
        ip: Ipv4Addr,
        gen: u64,
    },
    /// An IPv6 link-up announcement of a device's link-local address (`since` identifies it).
    Addrconf {
        ns: NsId,
        dev: IfIndex,
        since: u64,
        step: addrconf::Announce,
    },
    /// A bridge's FDB garbage collection (`br_fdb_cleanup`).
    BrFdbCleanup { ns: NsId, br: IfIndex },
    /// A delayed proxy-ARP request is processed again (`neigh_proxy_process` → `parp_redo`).
    ProxyRedo(Skb),
    /// The link-event work runs (`linkwatch_event`); stale if `gen` is no longer the armed one.
    LinkWatch { gen: u64 },
    /// A TCP timer or the reaction of the process behind a TCP socket.
    Tcp(tcp::TcpEvent),
}

/// The simulator: the world, its clock-driven queue, the trace and local sockets.
pub struct Sim {
    pub world: World,
    pub trace: Tracer,
    pub sockets: socket::Sockets,
    pub frags: ip_fragment::FragQueues,
    queue: BTreeMap<(u64, u64), Event>,
    seq: u64,
    next_packet: u64,
    hash_seed: u64,
    /// The kernel's `get_random_u32()` for netfilter (`-m statistic`, NAT port offsets):
    /// seeded from the scenario's seed, apart from the world's generator.
    pub nf_rng: rand_chacha::ChaCha8Rng,
    /// The directory commands resolve relative file names from (`iptables-restore FILE`):
    /// the scenario's own, as `cd "$(dirname script)"` would make it; `None` is the process's.
    pub cwd: Option<std::path::PathBuf>,
}

impl Sim {
    pub fn new(seed: u64) -> Self {
        let mut world = World::new(seed);
        let hash_seed = world.random();
        Sim {
            world,
            trace: Tracer::default(),
            sockets: socket::Sockets::default(),
            frags: ip_fragment::FragQueues::default(),
            queue: BTreeMap::new(),
            seq: 0,
            next_packet: 0,
            hash_seed,
            nf_rng: rand_chacha::rand_core::SeedableRng::seed_from_u64(hash_seed ^ 0x6e66),
            cwd: None,
        }
    }

    /// The multipath hash key (the kernel's boot-time random key, drawn from the seed).
    pub fn world_seed(&self) -> u64 {
        self.hash_seed
    }

    /// Current logical time (ns).
    pub fn now(&self) -> u64 {
        self.world.now
    }

    /// A fresh trace id for a new packet.
    pub fn new_packet_id(&mut self) -> u64 {
        self.next_packet += 1;
        self.next_packet
    }

    /// Queues `ev` to run at absolute time `at`.
    pub fn schedule(&mut self, at: u64, ev: Event) {
        self.seq += 1;
        self.queue.insert((at.max(self.world.now), self.seq), ev);
    }

    /// Queues a kernel timer (`mod_timer`) for `at`. The timer wheel fires a timer on a
    /// jiffy (4 ms at HZ=250) and rounds a far expiry up to its level's granularity: 8× coarser
    /// per level of 64 slots (`calc_index` in `kernel/time/timer.c`), so a 1 s neighbour
    /// timer fires up to 32 ms late, as on the kernel.
    pub fn schedule_timer(&mut self, at: u64, ev: Event) {
        let t = timer_expiry(self.world.now, at);
        self.schedule(t, ev);
    }

    /// Runs every event due at or before `until`, advancing the clock; then sets the clock to
    /// `until`.
    pub fn run_until(&mut self, until: u64) {
        while let Some(entry) = self.queue.first_entry() {
            let (t, _) = *entry.key();
            if t > until {
                break;
            }
            let ev = entry.remove();
            self.world.now = t;
            self.dispatch(ev);
        }
        if until > self.world.now {
            self.world.now = until;
        }
    }

    /// Runs the next queued event if it is due at or before `until`; returns whether one ran.
    pub fn step_one(&mut self, until: u64) -> bool {
        let Some(entry) = self.queue.first_entry() else {
            return false;
        };
        let (t, _) = *entry.key();
        if t > until {
            return false;
        }
        let ev = entry.remove();
        self.world.now = self.world.now.max(t);
        self.dispatch(ev);
        true
    }

    /// Moves the clock to `t` without running events due at `t` (they run next, after
    /// whatever the caller does at `t`). Events before `t` must have run already.
    pub fn advance_to(&mut self, t: u64) {
        if t > self.world.now {
            self.world.now = t;
        }
    }

    /// Runs the events due now (no clock advance): what happens "immediately" after a command.
    pub fn settle(&mut self) {
        let now = self.world.now;
        self.run_until(now);
    }

    /// Time of the next queued event, if any.
    pub fn next_event_time(&self) -> Option<u64> {
        self.queue.keys().next().map(|(t, _)| *t)
    }

    fn dispatch(&mut self, ev: Event) {
        match ev {
            Event::Rx(skb) => dev::netif_receive_skb(self, skb),
            Event::NeighTimer { ns, dev, ip, gen } => {
                neighbour::neigh_timer_handler(self, ns, dev, ip, gen)
            }
            Event::ProxyRedo(skb) => arp::parp_redo(self, skb),
            Event::BrFdbCleanup { ns, br } => bridge::br_fdb_cleanup(self, ns, br),
            Event::Addrconf {
                ns,
                dev,
                since,
                step,
            } => addrconf::addrconf_step(self, ns, dev, since, step),
            Event::LinkWatch { gen } => crate::rtnl::linkwatch::linkwatch_event(self, gen),
            Event::Tcp(ev) => tcp::tcp_event(self, ev),
        }
    }

    /// Namespace label and device name for trace lines.
    pub fn names(&self, ns: NsId, dev: IfIndex) -> (String, String) {
        let n = self.world.ns(ns);
        let d = n
            .devices
            .get(&dev)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| format!("if{dev}"));
        (n.label().to_string(), d)
    }

    /// Records a step for `skb` (details formatted only when tracing).
    pub fn step(
        &mut self,
        skb: &Skb,
        func: &'static str,
        action: Action,
        detail: impl FnOnce() -> String,
    ) {
        if self.trace.enabled {
            let (ns, dev) = self.names(skb.ns, skb.dev);
            let (t, id) = (self.world.now, skb.id);
            self.trace.step(t, id, &ns, &dev, func, action, detail);
        }
    }

    /// Records a drop of `skb` with the kernel's reason (`kfree_skb_reason`).
    pub fn drop_skb(
        &mut self,
        skb: &Skb,
        func: &'static str,
        reason: DropReason,
        detail: impl FnOnce() -> String,
    ) {
        self.step(skb, func, Action::Dropped(reason), detail);
    }

    /// A handle to a device, checked to exist.
    pub fn dev_ref(&self, ns: NsId, ifindex: IfIndex) -> Option<DevRef> {
        self.world
            .dev(DevRef { ns, ifindex })
            .map(|_| DevRef { ns, ifindex })
    }
}

/// When a timer armed at `now` for `at` fires (see [`Sim::schedule_timer`]).
pub fn timer_expiry(now: u64, at: u64) -> u64 {
    const JIFFY: u64 = 4_000_000;
    let delta = at.saturating_sub(now).div_ceil(JIFFY);
    let mut gran = 1;
    while delta >= 63 * gran && gran < 8u64.pow(7) {
        gran *= 8;
    }
    let expires = (now / JIFFY + delta).div_ceil(gran) * gran;
    (expires * JIFFY).max(at)
}

#[cfg(test)]
mod tests;
