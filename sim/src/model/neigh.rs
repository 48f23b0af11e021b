//! The ARP neighbour table (`struct neighbour` in `net/core/neighbour.c`) and proxy entries
//! (`struct pneigh_entry`). State changes happen in [`crate::path::neighbour`].

use super::IfIndex;
use crate::wire::Mac;
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// `NUD_*` states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Nud {
    Incomplete,
    Reachable,
    Stale,
    Delay,
    Probe,
    Failed,
    Noarp,
    Permanent,
    None,
}

impl Nud {
    /// iproute2's upper-case name.
    pub fn name(self) -> &'static str {
        match self {
            Nud::Incomplete => "INCOMPLETE",
            Nud::Reachable => "REACHABLE",
            Nud::Stale => "STALE",
            Nud::Delay => "DELAY",
            Nud::Probe => "PROBE",
            Nud::Failed => "FAILED",
            Nud::Noarp => "NOARP",
            Nud::Permanent => "PERMANENT",
            Nud::None => "NONE",
        }
    }

    /// The kernel's `NUD_*` bit (`ndm_state`); `NUD_NONE` is 0.
    pub fn bits(self) -> u16 {
        match self {
            Nud::Incomplete => 0x01,
            Nud::Reachable => 0x02,
            Nud::Stale => 0x04,
            Nud::Delay => 0x08,
            Nud::Probe => 0x10,
            Nud::Failed => 0x20,
            Nud::Noarp => 0x40,
            Nud::Permanent => 0x80,
            Nud::None => 0,
        }
    }

    /// `ip neigh … nud STATE` names.
    pub fn parse(s: &str) -> Option<Nud> {
        Some(match s {
            "permanent" => Nud::Permanent,
            "reachable" => Nud::Reachable,
            "stale" => Nud::Stale,
            "delay" => Nud::Delay,
            "probe" => Nud::Probe,
            "failed" => Nud::Failed,
            "incomplete" => Nud::Incomplete,
            "noarp" => Nud::Noarp,
            "none" => Nud::None,
            _ => return None,
        })
    }

    /// `NUD_VALID`: the entry has a usable link-layer address.
    pub fn is_valid(self) -> bool {
        matches!(
            self,
            Nud::Reachable | Nud::Stale | Nud::Delay | Nud::Probe | Nud::Permanent | Nud::Noarp
        )
    }

    /// `NUD_CONNECTED`: the address was confirmed recently (or is static).
    pub fn is_connected(self) -> bool {
        matches!(self, Nud::Reachable | Nud::Permanent | Nud::Noarp)
    }
}

/// One neighbour entry. Packets waiting for resolution are held by the packet path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    pub ip: Ipv4Addr,
    pub dev: IfIndex,
    pub state: Nud,
    pub lladdr: Option<Mac>,
    /// `NTF_ROUTER` is IPv6-only; kept out. `confirmed`/`updated`/`used` in ns.
    pub confirmed: u64,
    pub updated: u64,
    pub used: u64,
    /// Solicitations sent in the current resolution round.
    pub probes: u32,
    /// The reachable time drawn for this entry (`neigh_rand_reach_time`), in ns.
    pub reachable_time: u64,
    /// Timer generation: a timer event fires only if it still matches.
    pub timer_gen: u64,
    /// Packets queued while INCOMPLETE (`arp_queue`): (trace id, frame with a blank L2 header).
    #[serde(skip)]
    pub queue: Vec<(u64, Vec<u8>)>,
}

impl Neighbour {
    /// A fresh `NUD_NONE` entry (`neigh_alloc`); `confirmed` starts "long ago" (0).
    pub fn new(ip: Ipv4Addr, dev: IfIndex, now: u64) -> Self {
        Neighbour {
            ip,
            dev,
            state: Nud::None,
            lladdr: None,
            confirmed: 0,
            updated: now,
            used: now,
            probes: 0,
            reachable_time: 0,
            timer_gen: 0,
            queue: Vec::new(),
        }
    }
}

/// Neighbour entries and proxy entries of a namespace.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NeighTable {
    pub entries: BTreeMap<(IfIndex, Ipv4Addr), Neighbour>,
    /// Insertion sequence, so `ip neigh` can list in the kernel's hash-walk-like order.
    pub proxies: Vec<(Ipv4Addr, Option<IfIndex>)>,
}

impl NeighTable {
    pub fn get(&self, dev: IfIndex, ip: Ipv4Addr) -> Option<&Neighbour> {
        self.entries.get(&(dev, ip))
    }

    pub fn get_mut(&mut self, dev: IfIndex, ip: Ipv4Addr) -> Option<&mut Neighbour> {
        self.entries.get_mut(&(dev, ip))
    }

    /// `pneigh_lookup`: a proxy entry for `ip` on `dev` (or on any device).
    pub fn proxy_lookup(&self, ip: Ipv4Addr, dev: IfIndex) -> bool {
        self.proxies
            .iter()
            .any(|&(p, d)| p == ip && d.is_none_or(|d| d == dev))
    }

    /// Removes every entry on `dev` (device down or deleted: `neigh_ifdown`).
    pub fn flush_dev(&mut self, dev: IfIndex) {
        self.entries.retain(|(d, _), _| *d != dev);
        self.proxies.retain(|(_, d)| *d != Some(dev));
    }
}
