//! `net/core/link_watch.c`: a carrier change is a link event, and handling it
//! (`linkwatch_do_dev` → `rfc2863_policy`) stores the device's operstate
//! ([`crate::model::World::default_operstate`] at that moment). Veth events are urgent
//! (`linkwatch_urgent_event`: iflink differs from the index) and run at once; pathsim runs
//! every event at the end of the command that caused it.

use crate::model::{DevRef, NsId, World};

/// `linkwatch_run_queue` for the devices of `changed`: each one whose carrier differs from
/// its last link event gets a new event.
pub fn linkwatch_run_queue(world: &mut World, changed: &[NsId]) {
    for &ns in changed {
        if !world.ns_alive(ns) {
            continue;
        }
        let devs: Vec<DevRef> = world
            .ns(ns)
            .devices
            .keys()
            .map(|&ifindex| DevRef { ns, ifindex })
            .collect();
        let events: Vec<_> = devs
            .into_iter()
            .filter_map(|r| {
                let carrier = world.carrier(r);
                let seen = world.dev(r)?.linkwatch.carrier;
                (carrier != seen).then(|| (r, carrier, world.default_operstate(r)))
            })
            .collect();
        for (r, carrier, operstate) in events {
            if let Some(d) = world.dev_mut(r) {
                d.linkwatch.carrier = carrier;
                d.linkwatch.operstate = operstate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::operstate::OperState;
    use crate::rtnl::link::{add_veth, dev_close, dev_open};

    /// The kernel's sequence on 6.18: za's peer index names f2 in za's own namespace; the
    /// operstate stays what the last carrier change of za made it.
    #[test]
    fn operstate_is_stored_at_carrier_changes_only() {
        let mut w = World::new(1);
        let a = w.add_netns(Some("a".into()));
        let b = w.add_netns(Some("b".into()));
        add_veth(&mut w, a, "pa", None, b, "pb", None).unwrap();
        add_veth(&mut w, a, "f1", None, a, "f2", None).unwrap();
        add_veth(&mut w, a, "za", None, b, "zb", None).unwrap();
        linkwatch_run_queue(&mut w, &[a, b]);
        let dev = |w: &World, ns, name| DevRef {
            ns,
            ifindex: w.ns(ns).ifindex_of(name).unwrap(),
        };
        let (za, zb, f1, f2) = (
            dev(&w, a, "za"),
            dev(&w, b, "zb"),
            dev(&w, a, "f1"),
            dev(&w, a, "f2"),
        );
        let step = |w: &mut World, f: &dyn Fn(&mut World)| {
            f(w);
            linkwatch_run_queue(w, &[a, b]);
        };
        step(&mut w, &|w| dev_open(w, a, za.ifindex));
        assert_eq!(w.operstate(za), OperState::LowerLayerDown);
        // f2 gains carrier: no event for za, its state stays.
        step(&mut w, &|w| dev_open(w, a, f2.ifindex));
        step(&mut w, &|w| dev_open(w, a, f1.ifindex));
        assert_eq!(w.operstate(za), OperState::LowerLayerDown);
        step(&mut w, &|w| dev_close(w, a, za.ifindex));
        assert_eq!(w.operstate(za), OperState::Down);
        step(&mut w, &|w| dev_open(w, a, za.ifindex));
        assert_eq!(w.operstate(za), OperState::LowerLayerDown);
        // The peer comes and goes: two events, the last one sees f2 with carrier.
        step(&mut w, &|w| dev_open(w, b, zb.ifindex));
        assert_eq!(w.operstate(za), OperState::Up);
        step(&mut w, &|w| dev_close(w, b, zb.ifindex));
        assert_eq!(w.operstate(za), OperState::Down);
        // lo never has an event: UNKNOWN once up.
        let lo = dev(&w, a, "lo");
        step(&mut w, &|w| dev_open(w, a, lo.ifindex));
        assert_eq!(w.operstate(lo), OperState::Unknown);
    }

    /// An empty bridge up keeps a new device's carrier until its id changes (6.18).
    #[test]
    fn an_empty_bridge_has_carrier_until_its_address_is_set() {
        use crate::model::device::Bridge;
        use crate::rtnl::link::{add_bridge, set_mac};
        use crate::wire::Mac;
        let mut w = World::new(1);
        let br = add_bridge(&mut w, 0, "br0", None, Bridge::default()).unwrap();
        let r = DevRef { ns: 0, ifindex: br };
        dev_open(&mut w, 0, br);
        linkwatch_run_queue(&mut w, &[0]);
        assert!(w.carrier(r));
        assert_eq!(w.operstate(r), OperState::Unknown);
        set_mac(&mut w, 0, br, Mac([2, 0, 0, 0, 0, 0xb0])).unwrap();
        linkwatch_run_queue(&mut w, &[0]);
        assert!(!w.carrier(r));
        assert_eq!(w.operstate(r), OperState::Down);
    }
}
