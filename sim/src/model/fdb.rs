//! The bridge forwarding database (`net/bridge/br_fdb.c`): pure lookups and updates.

use super::IfIndex;
use crate::wire::Mac;
use serde::Serialize;
use std::collections::BTreeMap;

/// One FDB entry (`struct net_bridge_fdb_entry`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FdbEntry {
    pub mac: Mac,
    /// The port the address lives behind; `None` for the bridge device itself.
    pub port: Option<IfIndex>,
    /// `BR_FDB_LOCAL`: one of the bridge's or its ports' own addresses (`permanent`).
    pub local: bool,
    /// `BR_FDB_STATIC`: added by the user as static (never ages).
    pub is_static: bool,
    /// `BR_FDB_ADDED_BY_USER`.
    pub added_by_user: bool,
    /// `BR_FDB_STICKY`: traffic from another port does not move it.
    pub sticky: bool,
    /// Logical time (ns) of the last refresh by traffic.
    pub updated: u64,
    /// Creation order: the kernel's `fdb_list` takes new entries at its head, and dumps
    /// list the newest first.
    pub created: u64,
}

/// What `br_fdb_update` did, for the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FdbUpdate {
    Learned,
    Refreshed,
    Moved {
        from: Option<IfIndex>,
    },
    /// A local or sticky entry is never moved by learning.
    Ignored,
}

/// The FDB of one bridge, keyed by MAC (VLAN filtering is not modelled: vid 0 only).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fdb {
    pub entries: BTreeMap<Mac, FdbEntry>,
    next_seq: u64,
}

impl Fdb {
    /// Adds the entry for `e.mac`, stamping its creation order; replacing an existing entry
    /// keeps its place (the kernel edits it in place).
    pub fn insert(&mut self, mut e: FdbEntry) {
        e.created = match self.entries.get(&e.mac) {
            Some(old) => old.created,
            None => {
                self.next_seq += 1;
                self.next_seq
            }
        };
        self.entries.insert(e.mac, e);
    }

    /// `br_fdb_find`: the entry for `mac`, if it has not aged out at `now`.
    pub fn find(&self, mac: Mac, now: u64, ageing_ns: u64) -> Option<&FdbEntry> {
        self.entries
            .get(&mac)
            .filter(|e| e.local || e.is_static || !has_expired(e, now, ageing_ns))
    }

    /// `br_fdb_update`: learn or refresh `mac` behind `port`.
    pub fn update(&mut self, mac: Mac, port: IfIndex, now: u64) -> FdbUpdate {
        match self.entries.get_mut(&mac) {
            // `br_fdb_update`: local entries are never touched, sticky ones never move; a
            // static entry moves to the port the address shows up behind.
            Some(e) if e.local || (e.sticky && e.port != Some(port)) => FdbUpdate::Ignored,
            Some(e) if e.port == Some(port) => {
                e.updated = now;
                FdbUpdate::Refreshed
            }
            Some(e) => {
                let from = e.port;
                e.port = Some(port);
                e.updated = now;
                FdbUpdate::Moved { from }
            }
            None => {
                self.insert(FdbEntry {
                    mac,
                    port: Some(port),
                    local: false,
                    is_static: false,
                    added_by_user: false,
                    sticky: false,
                    updated: now,
                    created: 0,
                });
                FdbUpdate::Learned
            }
        }
    }

    /// `br_fdb_cleanup`: drops learned entries older than the ageing time; returns them.
    pub fn expire(&mut self, now: u64, ageing_ns: u64) -> Vec<FdbEntry> {
        let dead: Vec<Mac> = self
            .entries
            .values()
            .filter(|e| !e.local && !e.is_static && has_expired(e, now, ageing_ns))
            .map(|e| e.mac)
            .collect();
        dead.iter().filter_map(|m| self.entries.remove(m)).collect()
    }

    /// Removes every entry behind `port` (`br_fdb_delete_by_port`), local ones included
    /// when `with_local`.
    pub fn delete_by_port(&mut self, port: IfIndex, with_local: bool) {
        self.entries
            .retain(|_, e| e.port != Some(port) || (e.local && !with_local));
    }
}

/// `has_expired`: a learned entry older than the ageing time.
fn has_expired(e: &FdbEntry, now: u64, ageing_ns: u64) -> bool {
    now.saturating_sub(e.updated) >= ageing_ns
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const AGE: u64 = 300_000_000_000;

    fn mac(b: u8) -> Mac {
        Mac([2, 0, 0, 0, 0, b])
    }

    #[test]
    fn learn_refresh_move_and_age() {
        let mut f = Fdb::default();
        assert_eq!(f.update(mac(1), 3, 0), FdbUpdate::Learned);
        assert_eq!(f.update(mac(1), 3, 10), FdbUpdate::Refreshed);
        assert_eq!(f.update(mac(1), 4, 20), FdbUpdate::Moved { from: Some(3) });
        assert!(f.find(mac(1), 20 + AGE - 1, AGE).is_some());
        assert!(f.find(mac(1), 20 + AGE, AGE).is_none());
        assert_eq!(f.expire(20 + AGE, AGE).len(), 1);
        assert!(f.entries.is_empty());
    }

    #[test]
    fn local_entries_are_not_overwritten() {
        let mut f = Fdb::default();
        f.entries.insert(
            mac(9),
            FdbEntry {
                mac: mac(9),
                port: Some(3),
                local: true,
                is_static: false,
                added_by_user: false,
                sticky: false,
                updated: 0,
                created: 0,
            },
        );
        assert_eq!(f.update(mac(9), 4, 5), FdbUpdate::Ignored);
        assert_eq!(f.find(mac(9), AGE * 10, AGE).unwrap().port, Some(3));
    }

    proptest! {
        /// After any sequence of learning events, each MAC maps to the port it was last seen
        /// on, and lookups after the ageing time miss.
        #[test]
        fn learning_keeps_the_last_port(events in proptest::collection::vec((0u8..6, 1u32..5, 0u64..1_000_000), 0..40)) {
            let mut f = Fdb::default();
            let mut last = std::collections::BTreeMap::new();
            let mut now = 0;
            for (m, port, dt) in events {
                now += dt;
                f.update(mac(m), port, now);
                last.insert(m, (port, now));
            }
            for (m, (port, t)) in last {
                prop_assert_eq!(f.find(mac(m), now, AGE).map(|e| e.port), Some(Some(port)));
                prop_assert!(f.find(mac(m), t + AGE, AGE).is_none());
            }
        }
    }
}
