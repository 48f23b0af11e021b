//! Devices: creation (`veth_newlink`, `br_dev_newlink`), `dev_open` / `dev_close` with their
//! notifier side effects, `dev_change_net_namespace`, rename, address and MTU changes, bridge
//! ports (`br_add_if` / `br_del_if`, `br_stp_recalculate_bridge_id`) and deletion.

use super::addr::fib_add_ifaddr;
use super::linkwatch::{
    fib_sync_up, linkwatch_forget, linkwatch_forget_netns, linkwatch_moved, netif_carrier_change,
};
use super::{Errno, Refused};
use crate::model::device::{BrPort, Bridge};
use crate::model::fdb::FdbEntry;
use crate::model::{DevKind, DevRef, Device, IfAddr, IfIndex, NsId, Scope, World};
use crate::wire::Mac;
use std::net::Ipv4Addr;

/// 01:00:5e:00:00:6a (224.0.0.106, multicast router discovery: bridge snooping).
pub const MC_V4_SNOOPERS: Mac = Mac([0x01, 0, 0x5e, 0, 0, 0x6a]);
/// 33:33:00:00:00:6a (ff02::6a).
pub const MC_V6_SNOOPERS: Mac = Mac([0x33, 0x33, 0, 0, 0, 0x6a]);
/// 01:00:5e:00:00:01 (224.0.0.1, IPv4 all hosts).
const MC_V4_ALL_HOSTS: Mac = Mac([0x01, 0, 0x5e, 0, 0, 1]);

fn name_taken(world: &World, ns: NsId, name: &str) -> bool {
    world.ns(ns).dev_by_name(name).is_some()
}

/// Creates a device in `ns` with the namespace's default conf.
pub(super) fn register(
    world: &mut World,
    ns: NsId,
    name: &str,
    kind: DevKind,
    mac: Mac,
) -> IfIndex {
    let n = world.ns_mut(ns);
    let idx = n.alloc_ifindex();
    let mut dev = Device::new(
        idx,
        name,
        kind,
        mac,
        n.sysctl.conf_default.clone(),
        n.sysctl.neigh_default.clone(),
    );
    // IPv6 joins the all-nodes group at registration (`ipv6_add_dev`), unless disabled.
    dev.disable_ipv6 = n.sysctl.ipv6_disable_default;
    dev.mc.push(Mac([0x33, 0x33, 0, 0, 0, 1]));
    n.devices.insert(idx, dev);
    idx
}

/// `veth_newlink`: the peer is registered first, then the device itself.
pub fn add_veth(
    world: &mut World,
    ns: NsId,
    name: &str,
    mac: Option<Mac>,
    peer_ns: NsId,
    peer_name: &str,
    peer_mac: Option<Mac>,
) -> Result<(), Refused> {
    if name_taken(world, ns, name)
        || name_taken(world, peer_ns, peer_name)
        || (ns == peer_ns && name == peer_name)
    {
        return Err(Refused::errno(Errno::Exist));
    }
    let pmac = peer_mac.unwrap_or_else(|| world.random_mac());
    let dmac = mac.unwrap_or_else(|| world.random_mac());
    world.dirty.extend([ns, peer_ns]);
    let placeholder = DevKind::Veth {
        peer: DevRef { ns, ifindex: 0 },
    };
    let p = register(world, peer_ns, peer_name, placeholder, pmac);
    let d = register(
        world,
        ns,
        name,
        DevKind::Veth {
            peer: DevRef {
                ns: peer_ns,
                ifindex: p,
            },
        },
        dmac,
    );
    if let Some(pd) = world.dev_mut(DevRef {
        ns: peer_ns,
        ifindex: p,
    }) {
        pd.kind = DevKind::Veth {
            peer: DevRef { ns, ifindex: d },
        };
    }
    // `veth_newlink` turns the carrier of each end off right after registering it: the
    // peer's event, then the device's (neither is running: not urgent).
    netif_carrier_change(
        world,
        DevRef {
            ns: peer_ns,
            ifindex: p,
        },
    );
    netif_carrier_change(world, DevRef { ns, ifindex: d });
    Ok(())
}

/// `br_dev_newlink`: a bridge with a random address until a port or the user sets one.
pub fn add_bridge(
    world: &mut World,
    ns: NsId,
    name: &str,
    mac: Option<Mac>,
    br: Bridge,
) -> Result<IfIndex, Refused> {
    if name_taken(world, ns, name) {
        return Err(Refused::errno(Errno::Exist));
    }
    let m = mac.unwrap_or_else(|| world.random_mac());
    let mut br = br;
    br.mac_set = mac.is_some();
    let idx = register(world, ns, name, DevKind::Bridge(Box::new(br)), m);
    set_bridge_self_fdb(world, ns, idx);
    world.dirty.insert(ns);
    Ok(idx)
}

/// Keeps the bridge's own FDB entry (port `None`) in step with its address.
fn set_bridge_self_fdb(world: &mut World, ns: NsId, br: IfIndex) {
    let Some(d) = world.dev_mut(DevRef { ns, ifindex: br }) else {
        return;
    };
    let mac = d.mac;
    if let DevKind::Bridge(b) = &mut d.kind {
        // `br_fdb_change_mac_address`: the old self entry goes; the new one is added unless a
        // port already has a local entry for the address ("just use the first one").
        b.fdb
            .entries
            .retain(|_, e| e.port.is_some() || e.added_by_user);
        if !mac.is_zero() && !b.fdb.entries.contains_key(&mac) {
            b.fdb.insert(FdbEntry {
                mac,
                port: None,
                local: true,
                is_static: false,
                added_by_user: false,
                sticky: false,
                updated: 0,
                created: 0,
            });
        }
    }
}

/// `dev_open`: sets IFF_UP; a loopback gets 127.0.0.1/8; addresses bring back their routes;
/// a veth's peer gains carrier.
///
/// Order as in `__dev_open`: the device is running before `ndo_open`, which turns carriers
/// on (`veth_open`: the device's, then the peer's; `br_dev_open` → `br_stp_enable_bridge`:
/// the bridge's from its ports), and only then does `dev_activate` attach and activate the
/// qdisc. So a carrier-on event of the device itself sees no qdisc in transition and is not
/// urgent, while the peer's (up, its queue on `noop`) is.
pub fn dev_open(world: &mut World, ns: NsId, dev: IfIndex) {
    let r = DevRef { ns, ifindex: dev };
    let now = world.now;
    world.touch(r);
    let Some(d) = world.ns_mut(ns).devices.get_mut(&dev) else {
        return;
    };
    if d.admin_up {
        return;
    }
    d.admin_up = true;
    if let Some(v) = d.vxlan_mut() {
        // `vxlan_open` arms the ageing timer.
        let at = now + crate::model::vxlan::FDB_AGE_INTERVAL;
        v.next_cleanup = Some(crate::path::timer_expiry(now, at));
    }
    let peer = d.veth_peer();
    if d.is_bridge() {
        crate::path::bridge::br_port_state_sync(world, &[ns]);
    }
    netif_carrier_change(world, r);
    if let Some(p) = peer {
        netif_carrier_change(world, p);
    }
    let carrier = world.carrier(r);
    let Some(d) = world.ns_mut(ns).devices.get_mut(&dev) else {
        return;
    };
    d.qdisc_attached = true;
    d.linkwatch.qdisc_active = carrier;
    if !d.is_loopback() {
        // `br_multicast_open` joins the snooping groups (224.0.0.106, ff02::6a), then
        // `ip_mc_up` the IPv4 all-hosts group: their MACs enter the device's list.
        let mut joins = Vec::new();
        if d.bridge().is_some_and(|b| b.mcast_snooping) {
            joins.extend([MC_V4_SNOOPERS, MC_V6_SNOOPERS]);
        }
        joins.push(MC_V4_ALL_HOSTS);
        for m in joins {
            if !d.mc.contains(&m) {
                d.mc.push(m);
            }
        }
    }
    if d.is_loopback() {
        // `inetdev_event(NETDEV_UP)` inserts 127.0.0.1/8 every time lo comes up, through
        // `inet_insert_ifa`: already there is EEXIST (ignored), another address of 127/8
        // makes it a secondary.
        let label = d.name.clone();
        let _ = super::addr::add_addr(
            world,
            ns,
            dev,
            IfAddr {
                local: Ipv4Addr::LOCALHOST,
                prefix_len: 8,
                broadcast: None,
                scope: Scope::Host,
                secondary: false,
                label,
            },
        );
    }
    let Some(d) = world.ns(ns).devices.get(&dev) else {
        return;
    };
    let addrs = d.addrs.clone();
    for a in &addrs {
        fib_add_ifaddr(world, ns, dev, a);
    }
    // `fib_sync_up(dev, RTNH_F_DEAD)`: dead nexthops through the device come back, and lose
    // `linkdown` if the device is RUNNING or LOWER_UP.
    fib_sync_up(world, r, true);
}

/// `dev_close`: clears IFF_UP; `fib_disable_ip` removes the routes through the device
/// (host-scope local routes stay) and `arp_ifdown` flushes its neighbours. The device stops
/// running and its queue goes back to `noop` (`dev_deactivate`) before `veth_close` turns
/// both carriers off: the peer's event is urgent only if its iflink differs from its index.
/// Bridge ports are disabled by [`crate::path::bridge::br_port_state_sync`] after the
/// command; the peer's neighbours, routes and port state follow its link event.
pub fn dev_close(world: &mut World, ns: NsId, dev: IfIndex) {
    dev_close_many(world, &[DevRef { ns, ifindex: dev }]);
}

/// `dev_close_many`: every device of the batch stops running before any `ndo_stop` turns a
/// carrier off, so deleting both ends of a veth (or a namespace) fires no urgent event.
fn dev_close_many(world: &mut World, devs: &[DevRef]) {
    let mut closing = Vec::new();
    for &r in devs {
        world.touch(r);
        let Some(d) = world.dev_mut(r) else { continue };
        if !d.admin_up {
            continue;
        }
        d.admin_up = false;
        d.linkwatch.qdisc_active = false;
        closing.push(r);
    }
    for &r in &closing {
        let peer = world.dev(r).and_then(|d| d.veth_peer());
        netif_carrier_change(world, r);
        if let Some(p) = peer {
            netif_carrier_change(world, p);
        }
    }
    for r in closing {
        let (ns, dev) = (r.ns, r.ifindex);
        let now = world.now;
        if let Some(d) = world.dev_mut(r) {
            d.mc.retain(|m| ![MC_V4_SNOOPERS, MC_V6_SNOOPERS, MC_V4_ALL_HOSTS].contains(m));
            // `vxlan_stop`: the ageing timer stops and the dynamic entries are flushed.
            if let Some(v) = d.vxlan_mut() {
                v.age(now);
                v.next_cleanup = None;
                v.fdb.entries.retain(|e| !e.is_dynamic());
            }
        }
        flush_dev_routes(world, ns, dev, false);
        world.ns_mut(ns).neigh.entries.retain(|(d, _), _| *d != dev);
        world.ns_mut(ns).exceptions.retain(|_, e| e.dev != dev);
    }
}

/// `neigh_carrier_down`: a device that loses its carrier forgets its neighbours, all but
/// the permanent ones.
pub(crate) fn neigh_carrier_down(world: &mut World, dev: DevRef) {
    if !world.ns_alive(dev.ns) {
        return;
    }
    world.touch(dev);
    world
        .ns_mut(dev.ns)
        .neigh
        .entries
        .retain(|(d, _), e| *d != dev.ifindex || e.state == crate::model::neigh::Nud::Permanent);
}

/// `fib_sync_down_dev` + `fib_flush`: drops routes whose nexthops all use `dev`. Host-scope
/// (local) routes survive a plain down; on unregister everything goes.
pub(super) fn flush_dev_routes(world: &mut World, ns: NsId, dev: IfIndex, unregister: bool) {
    for table in world.ns_mut(ns).fib.tables.values_mut() {
        for r in table.routes_mut() {
            for n in r.nexthops.iter_mut().filter(|n| n.dev == dev) {
                if unregister || n.scope != Scope::Nowhere {
                    n.dead = true;
                    n.linkdown = true;
                }
            }
        }
        // A route dies with its last live nexthop; a multipath route keeps dead ones.
        table.remove_where(|r| !r.nexthops.is_empty() && r.nexthops.iter().all(|n| n.dead));
        if unregister {
            for r in table.routes_mut() {
                r.nexthops.retain(|n| n.dev != dev);
            }
        }
    }
}

/// `RTNH_F_LINKDOWN` for a nexthop: set while its device has no carrier (`fib_check_nh` at
/// creation, `fib_sync_down_dev`/`fib_sync_up` on carrier changes); local routes never.
pub fn nexthop_linkdown(nh: &crate::model::fib::Nexthop, dev_running: bool) -> bool {
    nh.scope != Scope::Nowhere && !dev_running
}

/// Unregisters a device from its namespace (routes, neighbours, bridge membership).
fn unregister(world: &mut World, ns: NsId, dev: IfIndex) -> Option<Device> {
    world.touch(DevRef { ns, ifindex: dev });
    dev_close(world, ns, dev);
    release_port(world, ns, dev);
    flush_dev_routes(world, ns, dev, true);
    let n = world.ns_mut(ns);
    n.neigh.flush_dev(dev);
    let d = n.devices.remove(&dev)?;
    // Ports of a deleted bridge are released.
    if d.is_bridge() {
        let ports: Vec<IfIndex> = n
            .devices
            .values()
            .filter(|p| p.master == Some(dev))
            .map(|p| p.ifindex)
            .collect();
        for p in ports {
            if let Some(pd) = world.ns_mut(ns).devices.get_mut(&p) {
                pd.master = None;
                pd.brport = None;
            }
        }
    }
    // NETDEV_UNREGISTER (also sent for a move): vxlan devices over it go.
    for v in super::vxlan::dependents(world, ns, Some(dev)) {
        unregister(world, v.ns, v.ifindex);
        linkwatch_forget(world, v);
    }
    Some(d)
}

/// `ip link del`: a veth takes its peer with it.
pub fn del_link(world: &mut World, ns: NsId, dev: IfIndex) -> Result<(), Refused> {
    let d = world
        .ns(ns)
        .devices
        .get(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    if d.is_loopback() {
        return Err(Refused::errno(Errno::NotSupp));
    }
    let peer = d.veth_peer().filter(|p| world.ns_alive(p.ns));
    let me = DevRef { ns, ifindex: dev };
    // `veth_dellink` queues both ends: one `unregister_netdevice_many`, one close batch.
    dev_close_many(
        world,
        &[Some(me), peer].into_iter().flatten().collect::<Vec<_>>(),
    );
    unregister(world, ns, dev);
    linkwatch_forget(world, me);
    if let Some(p) = peer {
        unregister(world, p.ns, p.ifindex);
        linkwatch_forget(world, p);
    }
    Ok(())
}

/// `ip netns del`: every device goes; a veth peer elsewhere goes with its end.
pub fn del_netns(world: &mut World, ns: NsId) {
    world.dirty.insert(ns);
    let devs: Vec<IfIndex> = world.ns(ns).devices.keys().copied().collect();
    // One batch (`default_device_exit_batch`): the namespace's devices and their veth peers
    // elsewhere stop together.
    let mut batch: Vec<DevRef> = devs.iter().map(|&ifindex| DevRef { ns, ifindex }).collect();
    let peers: Vec<DevRef> = devs
        .iter()
        .filter_map(|d| world.ns(ns).devices.get(d).and_then(|x| x.veth_peer()))
        .filter(|p| p.ns != ns && world.ns_alive(p.ns))
        .collect();
    batch.extend(&peers);
    dev_close_many(world, &batch);
    for p in peers {
        unregister(world, p.ns, p.ifindex);
        linkwatch_forget(world, p);
    }
    // `vxlan_destroy_tunnels`: the vxlan devices whose socket lived here, wherever they are.
    for v in super::vxlan::dependents(world, ns, None) {
        if v.ns != ns {
            unregister(world, v.ns, v.ifindex);
            linkwatch_forget(world, v);
        }
    }
    linkwatch_forget_netns(world, ns);
    world.netns[ns] = None;
}

/// `dev_change_net_namespace`: the device goes down, loses addresses, routes, neighbours and
/// its bridge, keeps its ifindex if free in the new namespace, and takes the new
/// namespace's `conf/default`.
pub fn change_netns(world: &mut World, ns: NsId, dev: IfIndex, to: NsId) -> Result<(), Refused> {
    world.dirty.extend([ns, to]);
    let d = world
        .ns(ns)
        .devices
        .get(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    if d.is_loopback() || d.is_bridge() {
        return Err(Refused::msg(
            Errno::Inval,
            "The interface netns is immutable",
        ));
    }
    let name = d.name.clone();
    if ns == to {
        return Ok(());
    }
    if name_taken(world, to, &name) {
        return Err(Refused::msg(
            Errno::Exist,
            "A network device with the same name already exists in the target namespace",
        ));
    }
    let Some(mut d) = unregister(world, ns, dev) else {
        return Ok(());
    };
    let n = world.ns_mut(to);
    let idx = if n.devices.contains_key(&d.ifindex) {
        n.alloc_ifindex()
    } else {
        d.ifindex
    };
    d.ifindex = idx;
    d.addrs.clear();
    d.admin_up = false;
    // Re-registered in the new namespace: a fresh qdisc, IPv6 state and multicast list.
    d.qdisc_attached = false;
    d.ipv6_ll = None;
    d.ipv6_ready = false;
    d.ipv6_idev = true;
    d.disable_ipv6 = n.sysctl.ipv6_disable_default;
    d.mc = vec![Mac([0x33, 0x33, 0, 0, 0, 1])];
    d.conf = n.sysctl.conf_default.clone();
    d.conf_written.clear();
    d.conf_all_written = false;
    d.neigh_parms = n.sysctl.neigh_default.clone();
    let peer = d.veth_peer();
    n.devices.insert(idx, d);
    linkwatch_moved(
        world,
        DevRef { ns, ifindex: dev },
        DevRef {
            ns: to,
            ifindex: idx,
        },
    );
    if let Some(p) = peer {
        if let Some(pd) = world.dev_mut(p) {
            pd.kind = DevKind::Veth {
                peer: DevRef {
                    ns: to,
                    ifindex: idx,
                },
            };
        }
    }
    Ok(())
}

/// `dev_change_name` (this kernel renames devices that are up, too).
pub fn rename(world: &mut World, ns: NsId, dev: IfIndex, new: &str) -> Result<(), Refused> {
    let d = world
        .ns(ns)
        .devices
        .get(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    if d.name == new {
        return Ok(());
    }
    if name_taken(world, ns, new) {
        return Err(Refused::errno(Errno::Exist));
    }
    let d = world.ns_mut(ns).devices.get_mut(&dev).expect("checked");
    let old = std::mem::replace(&mut d.name, new.to_string());
    for a in &mut d.addrs {
        if a.label == old {
            a.label = new.to_string();
        }
    }
    Ok(())
}

/// `dev_set_mac_address`: on a port, the bridge's local FDB entry and id follow; on a bridge
/// the address becomes fixed.
pub fn set_mac(world: &mut World, ns: NsId, dev: IfIndex, mac: Mac) -> Result<(), Refused> {
    // `eth_prepare_mac_addr_change`: a multicast or zero address is refused.
    if !mac.is_valid_ether() {
        return Err(Refused::errno(Errno::AddrNotAvail));
    }
    // A bridge's new id runs `br_port_state_selection`: its carrier may change.
    world.dirty.insert(ns);
    let d = world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    let old = d.mac;
    d.mac = mac;
    let master = d.master;
    if let Some(b) = d.bridge_mut() {
        b.mac_set = true;
        set_bridge_self_fdb(world, ns, dev);
    }
    if let Some(br) = master {
        if let Some(b) = world
            .ns_mut(ns)
            .devices
            .get_mut(&br)
            .and_then(|x| x.bridge_mut())
        {
            b.fdb.entries.remove(&old);
            b.fdb.insert(port_fdb_entry(mac, dev));
        }
        br_recalculate_bridge_id(world, ns, br);
    }
    Ok(())
}

/// `dev_change_flags(IFF_NOARP)`: the ARP table of the device is flushed when the flag
/// changes (`arp_netdev_event` → `neigh_changeaddr`).
pub fn set_noarp(world: &mut World, ns: NsId, dev: IfIndex, on: bool) {
    let Some(d) = world.ns_mut(ns).devices.get_mut(&dev) else {
        return;
    };
    if d.noarp != on {
        d.noarp = on;
        world.ns_mut(ns).neigh.entries.retain(|(d, _), _| *d != dev);
    }
}

/// `dev_set_mtu`: 68..=65535 for veth and bridge.
pub fn set_mtu(world: &mut World, ns: NsId, dev: IfIndex, mtu: u32) -> Result<(), Refused> {
    let d = world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    let max = if d.is_loopback() { u32::MAX } else { 65535 };
    if let Some(vmax) = super::vxlan::max_mtu(world, DevRef { ns, ifindex: dev }) {
        if mtu > vmax {
            return Err(Refused::errno(Errno::Inval));
        }
    }
    let d = world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    if !(68..=max).contains(&mtu) {
        return Err(Refused::msg(
            Errno::Inval,
            if mtu < 68 {
                "mtu less than device minimum"
            } else {
                "mtu greater than device maximum"
            },
        ));
    }
    d.mtu = mtu;
    let master = d.master;
    // NETDEV_CHANGEMTU: IPv6 may have to go or come back (addrconf_notify).
    world.dirty.insert(ns);
    let d = world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    if let Some(b) = d.bridge_mut() {
        // `br_change_mtu`: from now on ports no longer move it (BROPT_MTU_SET_BY_USER).
        b.mtu_set_by_user = true;
    }
    if let Some(br) = master {
        br_mtu_auto_adjust(world, ns, br);
    }
    Ok(())
}

/// `br_mtu_auto_adjust`: unless the user set it, a bridge's MTU is its smallest port MTU.
fn br_mtu_auto_adjust(world: &mut World, ns: NsId, br: IfIndex) {
    let n = world.ns(ns);
    let Some(b) = n.devices.get(&br).and_then(|d| d.bridge()) else {
        return;
    };
    if b.mtu_set_by_user {
        return;
    }
    let min = b
        .ports
        .iter()
        .filter_map(|p| n.devices.get(p))
        .map(|d| d.mtu)
        .min();
    if let (Some(m), Some(d)) = (min, world.ns_mut(ns).devices.get_mut(&br)) {
        d.mtu = m;
    }
}

fn port_fdb_entry(mac: Mac, port: IfIndex) -> FdbEntry {
    FdbEntry {
        mac,
        port: Some(port),
        local: true,
        is_static: false,
        added_by_user: false,
        sticky: false,
        updated: 0,
        created: 0,
    }
}

/// `br_add_if`.
pub fn set_master(world: &mut World, ns: NsId, dev: IfIndex, br: IfIndex) -> Result<(), Refused> {
    world.dirty.insert(ns);
    let n = world.ns(ns);
    let d = n.devices.get(&dev).ok_or(Refused::errno(Errno::NoDev))?;
    let b = n.devices.get(&br).ok_or(Refused::errno(Errno::NoDev))?;
    if !b.is_bridge() {
        return Err(Refused::msg(
            Errno::NotSupp,
            "Device does not allow enslaving to a master device",
        ));
    }
    if d.is_loopback() || d.is_bridge() && dev == br {
        return Err(Refused::msg(
            Errno::Inval,
            "Can not enslave a bridge to itself",
        ));
    }
    if d.master == Some(br) {
        return Ok(());
    }
    if d.master.is_some() {
        release_port(world, ns, dev);
    }
    let mac = world.ns(ns).devices[&dev].mac;
    let port_no = {
        let used: Vec<u16> = world
            .ns(ns)
            .devices
            .values()
            .filter(|p| p.master == Some(br))
            .filter_map(|p| p.brport.as_ref().map(|x| x.port_no))
            .collect();
        (1..).find(|i| !used.contains(i)).unwrap_or(1)
    };
    let d = world.ns_mut(ns).devices.get_mut(&dev).expect("checked");
    d.master = Some(br);
    d.brport = Some(BrPort::new(port_no));
    let bdev = world.ns_mut(ns).devices.get_mut(&br).expect("checked");
    if let Some(b) = bdev.bridge_mut() {
        b.ports.insert(0, dev);
        b.had_ports = true;
        b.fdb.insert(port_fdb_entry(mac, dev));
    }
    br_recalculate_bridge_id(world, ns, br);
    br_mtu_auto_adjust(world, ns, br);
    Ok(())
}

/// `br_del_if`: the port leaves; its FDB entries go; the bridge id is recalculated.
pub fn release_port(world: &mut World, ns: NsId, dev: IfIndex) {
    world.touch(DevRef { ns, ifindex: dev });
    let Some(br) = world.ns(ns).devices.get(&dev).and_then(|d| d.master) else {
        return;
    };
    if let Some(d) = world.ns_mut(ns).devices.get_mut(&dev) {
        d.master = None;
        d.brport = None;
    }
    if let Some(b) = world
        .ns_mut(ns)
        .devices
        .get_mut(&br)
        .and_then(|x| x.bridge_mut())
    {
        b.ports.retain(|p| *p != dev);
        b.fdb.delete_by_port(dev, true);
    }
    br_recalculate_bridge_id(world, ns, br);
    // `fdb_delete_local`: the bridge's own address gets its self entry back.
    set_bridge_self_fdb(world, ns, br);
}

/// `br_stp_recalculate_bridge_id`: unless its address was set by the user, the bridge takes
/// the lowest address among its ports.
fn br_recalculate_bridge_id(world: &mut World, ns: NsId, br: IfIndex) {
    let n = world.ns(ns);
    let Some(b) = n.devices.get(&br).and_then(|d| d.bridge()) else {
        return;
    };
    if b.mac_set {
        return;
    }
    let lowest = b
        .ports
        .iter()
        .filter_map(|p| n.devices.get(p))
        .map(|d| d.mac)
        .min();
    // With no port left the kernel zeroes the address (seen on 6.18: `brctl show` prints
    // 8000.000000000000 and `ip link` 00:00:00:00:00:00).
    let m = lowest.unwrap_or(Mac::ZERO);
    if let Some(d) = world.ns_mut(ns).devices.get_mut(&br) {
        d.mac = m;
    }
    set_bridge_self_fdb(world, ns, br);
}

/// `br_multicast_toggle`: turning `mcast_snooping` off on an open bridge leaves the snooping
/// groups (`br_multicast_leave_snoopers`); turning it on joins them again.
pub fn br_multicast_toggle(world: &mut World, ns: NsId, br: IfIndex) {
    let Some(d) = world.ns_mut(ns).devices.get_mut(&br) else {
        return;
    };
    let on = d.bridge().is_some_and(|b| b.mcast_snooping);
    if !d.admin_up {
        return;
    }
    for m in [MC_V4_SNOOPERS, MC_V6_SNOOPERS] {
        if on && !d.mc.contains(&m) {
            d.mc.push(m);
        } else if !on {
            d.mc.retain(|x| *x != m);
        }
    }
}
