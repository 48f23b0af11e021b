//! RFC 2863 operational state (`IFLA_OPERSTATE`) as the kernel keeps it. `linkwatch` stores
//! `dev->operstate` when it handles a link event, i.e. a carrier change of the device
//! (`linkwatch_do_dev` → `rfc2863_policy` → `default_operstate` in `net/core/link_watch.c`,
//! Linux 6.18; [`crate::rtnl::linkwatch`] runs it, possibly up to a second after the
//! change), and `rtnl_fill_ifinfo` reports DOWN for a device that is not up, the stored
//! state otherwise. The state is not recomputed when something else changes: opening a
//! device whose carrier stays off keeps the old value.

use super::{DevKind, DevRef, World};
use serde::Serialize;

/// `IF_OPER_*` values `ip link` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OperState {
    Unknown,
    Down,
    LowerLayerDown,
    Up,
}

impl OperState {
    /// iproute2's name (`oper_states[]`).
    pub fn name(self) -> &'static str {
        match self {
            OperState::Unknown => "UNKNOWN",
            OperState::Down => "DOWN",
            OperState::LowerLayerDown => "LOWERLAYERDOWN",
            OperState::Up => "UP",
        }
    }
}

/// A device's link-event state: the carrier bit `netif_carrier_on/off` last set (a change
/// fires a link event), the operstate the last handled event stored, whether an event is
/// pending, and whether `dev_activate` has moved the transmit queue to its qdisc.
///
/// A new device has carrier and IF_OPER_UNKNOWN (`linkwatch_init_dev` stores a state only
/// for a device registered without carrier); a veth turns its carrier off right after
/// registering (`veth_newlink`), which is its first event; `lo` never has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LinkWatch {
    /// The carrier as last set (`!__LINK_STATE_NOCARRIER`), i.e. as of the last event fired.
    pub carrier: bool,
    /// `dev->operstate`, stored by `rfc2863_policy` when the event is handled.
    pub operstate: OperState,
    /// `__LINK_STATE_LINKWATCH_PENDING`: the device is on the event list.
    pub pending: bool,
    /// `txq->qdisc == txq->qdisc_sleeping`: `dev_activate` ran with carrier (at open, or in
    /// `linkwatch_do_dev`); `dev_deactivate` (close, or an event handled without carrier)
    /// puts `noop` back. While a device is up with a qdisc attached but not active,
    /// `qdisc_tx_changing` holds and a carrier-on event is urgent.
    pub qdisc_active: bool,
    /// `carrier_up_count + carrier_down_count`: every change of the carrier bit
    /// (`netif_carrier_on`/`netif_carrier_off` that flipped it), `IFLA_CARRIER_CHANGES`.
    pub carrier_changes: u32,
}

impl Default for LinkWatch {
    fn default() -> Self {
        LinkWatch {
            carrier: true,
            operstate: OperState::Unknown,
            pending: false,
            qdisc_active: false,
            carrier_changes: 0,
        }
    }
}

impl World {
    /// The operstate `ip link` shows for `r` (`rtnl_fill_ifinfo`).
    pub fn operstate(&self, r: DevRef) -> OperState {
        match self.dev(r) {
            Some(d) if d.admin_up => d.linkwatch.operstate,
            _ => OperState::Down,
        }
    }

    /// `default_operstate`: UP with carrier. Without: DOWN when the device's iflink is its
    /// own index or names no device, else LOWERLAYERDOWN if that device has no carrier
    /// either, DOWN if it has. The iflink of a veth is its peer's index, but the kernel looks
    /// it up in the device's OWN namespace (`__dev_get_by_index(dev_net(dev), iflink)`), so
    /// for a peer elsewhere it finds whatever device here has that number.
    pub fn default_operstate(&self, r: DevRef) -> OperState {
        let Some(d) = self.dev(r) else {
            return OperState::Down;
        };
        if self.carrier(r) {
            return OperState::Up;
        }
        let iflink = match d.kind {
            DevKind::Veth { peer } => peer.ifindex,
            _ => r.ifindex,
        };
        if iflink == r.ifindex {
            return OperState::Down;
        }
        let lower = DevRef {
            ns: r.ns,
            ifindex: iflink,
        };
        match self.dev(lower) {
            Some(_) if !self.carrier(lower) => OperState::LowerLayerDown,
            _ => OperState::Down,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtnl::link::{add_veth, dev_open};

    fn idx(w: &World, ns: usize, name: &str) -> DevRef {
        DevRef {
            ns,
            ifindex: w.ns(ns).ifindex_of(name).unwrap(),
        }
    }

    #[test]
    fn no_carrier_looks_at_the_iflink_device_of_its_own_namespace() {
        let mut w = World::new(1);
        let a = w.add_netns(Some("a".into()));
        let b = w.add_netns(Some("b".into()));
        // Same namespace: the iflink device is the peer, down, so without carrier.
        add_veth(&mut w, 0, "x1", None, 0, "x2", None).unwrap();
        let x1 = idx(&w, 0, "x1");
        dev_open(&mut w, 0, x1.ifindex);
        assert_eq!(w.default_operstate(x1), OperState::LowerLayerDown);
        let x2 = idx(&w, 0, "x2");
        dev_open(&mut w, 0, x2.ifindex);
        assert_eq!(w.default_operstate(x1), OperState::Up);
        // Across namespaces, the peer's index is the device's own (2 = 2): DOWN.
        add_veth(&mut w, a, "pa", None, b, "pb", None).unwrap();
        let pa = idx(&w, a, "pa");
        assert_eq!((pa.ifindex, idx(&w, b, "pb").ifindex), (2, 2));
        dev_open(&mut w, a, pa.ifindex);
        assert_eq!(w.default_operstate(pa), OperState::Down);
        // za's peer zb is index 3 in b; index 3 in a is f2, another device.
        add_veth(&mut w, a, "f1", None, a, "f2", None).unwrap();
        add_veth(&mut w, a, "za", None, b, "zb", None).unwrap();
        let (za, f2) = (idx(&w, a, "za"), idx(&w, a, "f2"));
        assert_eq!((idx(&w, b, "zb").ifindex, f2.ifindex), (3, 3));
        dev_open(&mut w, a, za.ifindex);
        assert_eq!(w.default_operstate(za), OperState::LowerLayerDown);
        dev_open(&mut w, a, f2.ifindex);
        let f1 = idx(&w, a, "f1");
        dev_open(&mut w, a, f1.ifindex);
        assert_eq!(w.default_operstate(za), OperState::Down);
        // ob's peer oa has an index that names nothing in b: DOWN.
        add_veth(&mut w, b, "ob", None, a, "oa", None).unwrap();
        let ob = idx(&w, b, "ob");
        assert!(!w.ns(b).devices.contains_key(&idx(&w, a, "oa").ifindex));
        dev_open(&mut w, b, ob.ifindex);
        assert_eq!(w.default_operstate(ob), OperState::Down);
    }
}
