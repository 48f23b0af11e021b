//! The world: every namespace, the logical clock and the seeded random source.

use super::device::{DevKind, Device};
use super::netns::Netns;
use super::IfIndex;
use crate::wire::Mac;
use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Index of a namespace in the world's arena; 0 is the initial namespace.
pub type NsId = usize;

/// A device anywhere in the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DevRef {
    pub ns: NsId,
    pub ifindex: IfIndex,
}

/// All namespaces. Deleted namespaces leave a `None` so ids stay stable.
#[derive(Debug, Clone)]
pub struct World {
    pub netns: Vec<Option<Netns>>,
    /// Logical time in nanoseconds.
    pub now: u64,
    rng: ChaCha8Rng,
    /// Namespaces whose devices changed state since the notifiers last ran (`linkwatch`,
    /// `addrconf`): the work after a change touches only these.
    pub dirty: std::collections::BTreeSet<NsId>,
    /// The machine-wide link event queue (`net/core/link_watch.c`).
    pub linkwatch: super::linkwatch::LinkWatchQueue,
}

impl World {
    /// A world with the initial namespace (holding `lo`), seeded for every random choice.
    pub fn new(seed: u64) -> Self {
        let mut w = World {
            netns: Vec::new(),
            now: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            dirty: std::collections::BTreeSet::new(),
            linkwatch: Default::default(),
        };
        w.add_netns(None);
        w
    }

    /// Marks a device's namespace, and its veth peer's, as changed.
    pub fn touch(&mut self, r: DevRef) {
        self.dirty.insert(r.ns);
        if let Some(p) = self.dev(r).and_then(|d| d.veth_peer()) {
            self.dirty.insert(p.ns);
        }
    }

    /// A uniformly random `u64` from the world's seeded source.
    pub fn random(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// `eth_random_addr`: a random unicast, locally administered MAC.
    pub fn random_mac(&mut self) -> Mac {
        let r = self.rng.next_u64().to_le_bytes();
        Mac::random_local([r[0], r[1], r[2], r[3], r[4], r[5]])
    }

    /// Creates a namespace with its `lo` (down) and returns its id.
    pub fn add_netns(&mut self, name: Option<String>) -> NsId {
        let mut ns = Netns::new(name);
        let idx = ns.alloc_ifindex();
        let lo = Device::new(
            idx,
            "lo",
            DevKind::Loopback,
            Mac::ZERO,
            ns.sysctl.conf_default.clone(),
            ns.sysctl.neigh_default.clone(),
        );
        ns.devices.insert(idx, lo);
        self.netns.push(Some(ns));
        self.netns.len() - 1
    }

    /// The namespace called `name` (`None` = the initial namespace).
    pub fn find_netns(&self, name: &str) -> Option<NsId> {
        self.netns
            .iter()
            .position(|n| n.as_ref().is_some_and(|n| n.name.as_deref() == Some(name)))
    }

    /// Ids of live namespaces in creation order.
    pub fn netns_ids(&self) -> impl Iterator<Item = NsId> + '_ {
        self.netns
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.as_ref().map(|_| i))
    }

    /// The namespace `id`. Panics on a deleted id: callers hold ids of live namespaces.
    pub fn ns(&self, id: NsId) -> &Netns {
        self.netns[id].as_ref().expect("live namespace")
    }

    pub fn ns_mut(&mut self, id: NsId) -> &mut Netns {
        self.netns[id].as_mut().expect("live namespace")
    }

    pub fn ns_alive(&self, id: NsId) -> bool {
        self.netns.get(id).is_some_and(Option::is_some)
    }

    pub fn dev(&self, r: DevRef) -> Option<&Device> {
        self.netns.get(r.ns)?.as_ref()?.devices.get(&r.ifindex)
    }

    pub fn dev_mut(&mut self, r: DevRef) -> Option<&mut Device> {
        self.netns
            .get_mut(r.ns)?
            .as_mut()?
            .devices
            .get_mut(&r.ifindex)
    }

    /// `netif_carrier_ok`: a veth has carrier while both ends are up (`veth_open` turns it
    /// on for both, `veth_close` off for both). A bridge's carrier is set only by
    /// `br_port_state_selection`: on while it is up with a forwarding port (the port state
    /// as stored, [`super::device::BrPort::forwarding_since`]). That first runs when the
    /// bridge id changes (a first port, or an address the user sets:
    /// `br_stp_change_bridge_id`); until then the bridge keeps a new device's carrier, even
    /// up without ports. Loopback always has carrier.
    pub fn carrier(&self, r: DevRef) -> bool {
        let Some(d) = self.dev(r) else { return false };
        match &d.kind {
            // A vxlan device never changes its carrier (`vxlan_open` leaves it on).
            DevKind::Loopback | DevKind::Vxlan(_) => true,
            DevKind::Veth { peer } => d.admin_up && self.dev(*peer).is_some_and(|p| p.admin_up),
            DevKind::Bridge(b) if !b.had_ports && !b.mac_set => true,
            DevKind::Bridge(_) if !d.admin_up => false,
            DevKind::Bridge(_) => self.ns(r.ns).devices.values().any(|p| {
                p.master == Some(r.ifindex)
                    && p.brport
                        .as_ref()
                        .is_some_and(|bp| bp.forwarding_since.is_some())
            }),
        }
    }

    /// `IFF_UP` and carrier: `netif_running() && netif_carrier_ok()` (LOWER_UP).
    pub fn is_running(&self, r: DevRef) -> bool {
        self.dev(r).is_some_and(|d| d.admin_up) && self.carrier(r)
    }

    /// `IFF_RUNNING` as `dev_get_flags` sets it: up and `netif_oper_up`, i.e. the operstate
    /// linkwatch last stored is UP or UNKNOWN. It lags the carrier until the link event is
    /// handled; iproute2 prints NO-CARRIER for an up device without it.
    pub fn oper_running(&self, r: DevRef) -> bool {
        self.dev(r).is_some_and(|d| {
            d.admin_up
                && matches!(
                    d.linkwatch.operstate,
                    super::operstate::OperState::Up | super::operstate::OperState::Unknown
                )
        })
    }

    /// `addrconf_link_ready`: `netif_oper_up` and a transmit qdisc that is not `noop`
    /// (`dev_activate` moved the queue to it: at open with carrier, or when linkwatch
    /// handles the carrier coming on).
    pub fn link_ready(&self, r: DevRef) -> bool {
        self.oper_running(r) && self.dev(r).is_some_and(|d| d.linkwatch.qdisc_active)
    }
}
