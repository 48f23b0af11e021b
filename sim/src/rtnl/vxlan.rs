//! VXLAN devices on the configuration side (`drivers/net/vxlan/vxlan_core.c`):
//! `vxlan_newlink` (`vxlan_dev_configure` → `vxlan_config_validate`, `vxlan_vni_in_use`,
//! the `remote` FDB entry), `vxlan_change_mtu`, and `vxlan_handle_lowerdev_unregister`.

use super::{Errno, Refused};
use crate::model::vxlan::{Rdst, VxFdbEntry, Vxlan, NUD_PERMANENT, NUD_REACHABLE, VXLAN_HEADROOM};
use crate::model::{DevKind, DevRef, IfIndex, NsId, World};
use crate::wire::Mac;

/// Every vxlan device whose socket lives in `sock_ns` (`vn->vxlan_list`), wherever it is now.
pub fn vxlans_of(world: &World, sock_ns: NsId) -> Vec<DevRef> {
    let mut out = Vec::new();
    for (ns, n) in world.netns.iter().enumerate() {
        let Some(n) = n else { continue };
        for d in n.devices.values() {
            if d.vxlan().is_some_and(|v| v.sock_ns == sock_ns) {
                out.push(DevRef {
                    ns,
                    ifindex: d.ifindex,
                });
            }
        }
    }
    out
}

/// `vxlan_newlink`: validates the configuration, registers the device (MTU: the lower
/// device's less `VXLAN_HEADROOM`, else 1500) and adds the `remote` as the all-zeros entry.
pub fn add_vxlan(
    world: &mut World,
    ns: NsId,
    name: &str,
    mac: Option<Mac>,
    conf: Vxlan,
) -> Result<IfIndex, Refused> {
    if world.ns(ns).dev_by_name(name).is_some() {
        return Err(Refused::errno(Errno::Exist));
    }
    if conf.port_max < conf.port_min {
        return Err(Refused::msg(Errno::Inval, "Invalid source port range"));
    }
    // `vxlan_vni_in_use`: one device per VNI and destination port in the socket's namespace.
    let clash = vxlans_of(world, conf.sock_ns).into_iter().any(|r| {
        world
            .dev(r)
            .and_then(|d| d.vxlan())
            .is_some_and(|v| v.vni == conf.vni && v.dstport == conf.dstport)
    });
    if clash {
        return Err(Refused::msg(
            Errno::Exist,
            "A VXLAN device with the specified VNI already exists",
        ));
    }
    let mtu = conf
        .lower
        .and_then(|l| world.ns(conf.sock_ns).devices.get(&l))
        .map_or(1500, |d| d.mtu.saturating_sub(VXLAN_HEADROOM));
    let mut conf = conf;
    if let Some(ip) = conf.remote {
        conf.fdb.entries.push(VxFdbEntry {
            mac: Mac([0; 6]),
            remotes: vec![Rdst {
                ip,
                port: None,
                vni: None,
                ifindex: conf.lower,
            }],
            state: NUD_PERMANENT | NUD_REACHABLE,
            updated: world.now,
            learned: false,
        });
    }
    let m = mac.unwrap_or_else(|| world.random_mac());
    let idx = super::link::register(world, ns, name, DevKind::Vxlan(Box::new(conf)), m);
    if let Some(d) = world.ns_mut(ns).devices.get_mut(&idx) {
        d.mtu = mtu;
    }
    world.dirty.insert(ns);
    Ok(idx)
}

/// `vxlan_change_mtu`: with a lower device, at most its MTU less the headroom (EINVAL).
pub fn max_mtu(world: &World, r: DevRef) -> Option<u32> {
    let v = world.dev(r)?.vxlan()?;
    let lower = world.ns(v.sock_ns).devices.get(&v.lower?)?;
    Some(lower.mtu.saturating_sub(VXLAN_HEADROOM))
}

/// `vxlan_handle_lowerdev_unregister`: the vxlan devices over `lower` (of namespace `ns`)
/// go with it; as do, when `lower` is `None`, all whose socket lives in `ns`
/// (`vxlan_destroy_tunnels` when the namespace goes).
pub fn dependents(world: &World, ns: NsId, lower: Option<IfIndex>) -> Vec<DevRef> {
    vxlans_of(world, ns)
        .into_iter()
        .filter(|r| {
            lower.is_none() || world.dev(*r).and_then(|d| d.vxlan()).and_then(|v| v.lower) == lower
        })
        .collect()
}
