//! Addresses and the routes they bring: `inet_rtm_newaddr` / `inet_rtm_deladdr`
//! (`net/ipv4/devinet.c`) and `fib_add_ifaddr` / `fib_del_ifaddr` (`net/ipv4/fib_frontend.c`).
//!
//! An address adds `local ADDR` to table local (always), and while the device is up the
//! prefix route to table main (`proto kernel scope link src ADDR`; none for a /32, none for a
//! secondary) and `broadcast` routes for the subnet broadcast (prefix < 31) and an explicit
//! `brd`. The network-address broadcast route of old kernels is gone in this kernel.

use super::{Errno, Refused};
use crate::model::fib::{
    DeleteRequest, InsertMode, Nexthop, Proto, Route, RouteType, TABLE_LOCAL, TABLE_MAIN,
};
use crate::model::sysctl::or_conf;
use crate::model::{prefix_mask, DevRef, IfAddr, IfIndex, NsId, Scope, World};
use std::net::Ipv4Addr;

/// `fib_magic`: a kernel-owned route for an address.
fn fib_magic(
    world: &mut World,
    ns: NsId,
    rtype: RouteType,
    dst: Ipv4Addr,
    plen: u8,
    src: Ipv4Addr,
    dev: IfIndex,
) {
    let (table, scope, nh_scope) = match rtype {
        RouteType::Unicast => (TABLE_MAIN, Scope::Link, Scope::Host),
        RouteType::Local => (TABLE_LOCAL, Scope::Host, Scope::Nowhere),
        _ => (TABLE_LOCAL, Scope::Link, Scope::Host),
    };
    let mut nh = Nexthop {
        gw: None,
        dev,
        weight: 1,
        onlink: false,
        linkdown: false,
        dead: false,
        scope: nh_scope,
    };
    nh.linkdown = super::link::nexthop_linkdown(&nh, world.is_running(DevRef { ns, ifindex: dev }));
    let route = Route {
        dst: Ipv4Addr::from(u32::from(dst) & prefix_mask(plen)),
        plen,
        table,
        rtype,
        proto: Proto::KERNEL,
        scope,
        metric: 0,
        prefsrc: Some(src),
        tos: 0,
        nexthops: vec![nh],
        multipath: false,
        metrics: Vec::new(),
    };
    // fib_create_info refuses what fib_valid_prefsrc refuses, for fib_magic too.
    if !super::route::fib_valid_prefsrc(&world.ns(ns).fib, &route, src) {
        return;
    }
    // NLM_F_CREATE | NLM_F_APPEND: an identical route already there is left alone.
    let _ = world
        .ns_mut(ns)
        .fib
        .table_mut(table)
        .insert(route, InsertMode::Append);
}

/// The primary address whose `src` the routes of `a` carry (`prim` in `fib_add_ifaddr`).
fn primary_for(addrs: &[IfAddr], a: &IfAddr) -> Ipv4Addr {
    if !a.secondary {
        return a.local;
    }
    addrs
        .iter()
        .find(|p| !p.secondary && p.prefix_len == a.prefix_len && p.covers(a.local))
        .map_or(a.local, |p| p.local)
}

/// `fib_add_ifaddr`.
pub fn fib_add_ifaddr(world: &mut World, ns: NsId, dev: IfIndex, a: &IfAddr) {
    let Some(d) = world.ns(ns).devices.get(&dev) else {
        return;
    };
    let (up, lo) = (d.admin_up, d.is_loopback());
    let prim = primary_for(&d.addrs, a);
    fib_magic(world, ns, RouteType::Local, a.local, 32, prim, dev);
    if !up {
        return;
    }
    if let Some(b) = a.broadcast.filter(|b| *b != Ipv4Addr::BROADCAST) {
        fib_magic(world, ns, RouteType::Broadcast, b, 32, prim, dev);
    }
    let prefix = a.network();
    if !prefix.is_unspecified() && !a.secondary && (prefix != a.local || a.prefix_len < 32) {
        let t = if lo {
            RouteType::Local
        } else {
            RouteType::Unicast
        };
        fib_magic(world, ns, t, prefix, a.prefix_len, prim, dev);
        if a.prefix_len < 31 {
            fib_magic(
                world,
                ns,
                RouteType::Broadcast,
                a.subnet_broadcast(),
                32,
                prim,
                dev,
            );
        }
    }
}

fn delete_kernel_route(
    world: &mut World,
    ns: NsId,
    table: u32,
    rtype: RouteType,
    dst: Ipv4Addr,
    plen: u8,
    dev: IfIndex,
) {
    let req = DeleteRequest {
        dst,
        plen,
        tos: 0,
        rtype: Some(rtype),
        scope: None,
        proto: Some(Proto::KERNEL),
        metric: None,
        prefsrc: None,
        gw: None,
        dev: Some(dev),
        nexthops: None,
    };
    let _ = world.ns_mut(ns).fib.table_mut(table).delete(&req);
}

/// `fib_del_ifaddr`: removes the routes of `a` that no remaining address still needs.
fn fib_del_ifaddr(world: &mut World, ns: NsId, dev: IfIndex, a: &IfAddr) {
    let n = world.ns(ns);
    let others: Vec<IfAddr> = n
        .devices
        .get(&dev)
        .map(|d| d.addrs.clone())
        .unwrap_or_default();
    let local_elsewhere = n
        .devices
        .values()
        .any(|d| d.addrs.iter().any(|o| o.local == a.local));
    let lo = n.devices.get(&dev).is_some_and(|d| d.is_loopback());
    if !local_elsewhere {
        delete_kernel_route(world, ns, TABLE_LOCAL, RouteType::Local, a.local, 32, dev);
    }
    if !a.secondary {
        let (t, table) = if lo {
            (RouteType::Local, TABLE_LOCAL)
        } else {
            (RouteType::Unicast, TABLE_MAIN)
        };
        let still = others
            .iter()
            .any(|o| !o.secondary && o.prefix_len == a.prefix_len && o.network() == a.network());
        if !still {
            delete_kernel_route(world, ns, table, t, a.network(), a.prefix_len, dev);
        }
    }
    for b in [Some(a.subnet_broadcast()), a.broadcast]
        .into_iter()
        .flatten()
    {
        let used = others
            .iter()
            .any(|o| o.broadcast == Some(b) || (o.prefix_len < 31 && o.subnet_broadcast() == b));
        if !used {
            delete_kernel_route(world, ns, TABLE_LOCAL, RouteType::Broadcast, b, 32, dev);
        }
    }
}

/// `inet_rtm_newaddr` → `__inet_insert_ifa`.
pub fn add_addr(world: &mut World, ns: NsId, dev: IfIndex, mut a: IfAddr) -> Result<(), Refused> {
    let d = world
        .ns(ns)
        .devices
        .get(&dev)
        .ok_or(Refused::errno(Errno::NoDev))?;
    // `__inet_insert_ifa`: an address of the same subnet and mask makes this one secondary
    // (or is a duplicate); a primary goes after the last primary of equal or narrower scope.
    let mut last_primary = 0;
    for (i, o) in d.addrs.iter().enumerate() {
        if !o.secondary && a.scope <= o.scope {
            last_primary = i + 1;
        }
        if o.prefix_len == a.prefix_len && a.covers(o.local) {
            if o.local == a.local {
                return Err(Refused::msg(Errno::Exist, "ipv4: Address already assigned"));
            }
            if o.scope != a.scope {
                return Err(Refused::errno(Errno::Inval));
            }
            a.secondary = true;
        }
    }
    let d = world.ns_mut(ns).devices.get_mut(&dev).expect("checked");
    // `inet_rtm_newaddr` → `ipv4_devconf_setall`: from now on `conf/default` writes skip it.
    d.conf_all_written = true;
    let pos = if a.secondary {
        d.addrs.len()
    } else {
        last_primary
    };
    d.addrs.insert(pos, a.clone());
    fib_add_ifaddr(world, ns, dev, &a);
    Ok(())
}

/// `inet_rtm_deladdr` → `__inet_del_ifa`: the first address matching `local/plen` (plen
/// `None` = any). Deleting a primary deletes its secondaries too, unless
/// `promote_secondaries` (all OR dev) is on: then the first of them becomes the primary,
/// moves up behind the last primary, and the routes of the subnet are rebuilt with it as
/// their `src`.
pub fn del_addr(
    world: &mut World,
    ns: NsId,
    dev: IfIndex,
    local: Ipv4Addr,
    plen: Option<u8>,
) -> Result<(), Refused> {
    let n = world.ns(ns);
    let d = n.devices.get(&dev).ok_or(Refused::errno(Errno::NoDev))?;
    let i = d
        .addrs
        .iter()
        .position(|o| o.local == local && plen.is_none_or(|p| p == o.prefix_len))
        .ok_or(Refused::msg(Errno::Inval, "ipv4: Address not found"))?;
    let promote = or_conf(
        n.sysctl.conf_all.promote_secondaries,
        d.conf.promote_secondaries,
    );
    let d = world.ns_mut(ns).devices.get_mut(&dev).expect("checked");
    let removed = d.addrs.remove(i);
    let same_subnet =
        |o: &IfAddr| o.secondary && o.prefix_len == removed.prefix_len && removed.covers(o.local);
    let first_sec = if removed.secondary {
        None
    } else {
        d.addrs.iter().skip(i).position(same_subnet).map(|j| i + j)
    };
    match first_sec {
        Some(j) if promote => {
            promote_secondary(world, ns, dev, &removed, i, j);
            return Ok(());
        }
        _ => {}
    }
    let mut gone = vec![removed.clone()];
    if !removed.secondary {
        let (sec, keep): (Vec<IfAddr>, Vec<IfAddr>) = d.addrs.drain(..).partition(same_subnet);
        d.addrs = keep;
        gone.extend(sec);
    }
    for a in &gone {
        fib_del_ifaddr(world, ns, dev, a);
        fib_sync_down_addr(world, ns, a.local);
    }
    // `fib_inetaddr_event`: the last address gone disables IP on the device
    // (`fib_disable_ip(dev, .., force)`): every route through it and its ARP entries go.
    if world
        .ns(ns)
        .devices
        .get(&dev)
        .is_some_and(|d| d.addrs.is_empty())
    {
        super::link::flush_dev_routes(world, ns, dev, true);
        world.ns_mut(ns).neigh.entries.retain(|(d, _), _| *d != dev);
    }
    Ok(())
}

/// The promotion half of `__inet_del_ifa`: `removed` (a primary, once at index `at`) is gone
/// and the secondary now at index `first` takes its place.
fn promote_secondary(
    world: &mut World,
    ns: NsId,
    dev: IfIndex,
    removed: &IfAddr,
    at: usize,
    first: usize,
) {
    let d = world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .expect("caller checked");
    // `last_prim`: the last primary (of no narrower scope) between the removed address and
    // the promoted one, else the head of the list.
    let last_prim = (at..first)
        .rev()
        .find(|&k| !d.addrs[k].secondary && removed.scope <= d.addrs[k].scope);
    let mut promoted = d.addrs.remove(first);
    promoted.secondary = false;
    let pos = match last_prim {
        Some(k) => k + 1,
        None if first > at && at > 0 => 1,
        None => at,
    };
    d.addrs.insert(pos, promoted.clone());
    let rest: Vec<IfAddr> = d
        .addrs
        .iter()
        .filter(|o| o.secondary && o.prefix_len == removed.prefix_len && removed.covers(o.local))
        .cloned()
        .collect();
    // Every kernel route of the subnet carried the old primary as `src`: they go (the
    // secondaries' routes "silently", the removed address's by `fib_del_ifaddr`) and come
    // back with the new primary (`fib_add_ifaddr` for it, then for each secondary).
    let kernel_src = |r: &crate::model::fib::Route| {
        r.proto == Proto::KERNEL
            && r.prefsrc == Some(removed.local)
            && r.nexthops.iter().all(|nh| nh.dev == dev)
    };
    for table in [TABLE_LOCAL, TABLE_MAIN] {
        world
            .ns_mut(ns)
            .fib
            .table_mut(table)
            .remove_where(kernel_src);
    }
    fib_sync_down_addr(world, ns, removed.local);
    fib_add_ifaddr(world, ns, dev, &promoted);
    for sec in &rest {
        fib_add_ifaddr(world, ns, dev, sec);
    }
}

/// `fib_sync_down_addr` + `fib_flush`: once `local` is no longer an address of the
/// namespace, routes of table main that name it as `src` are dead and go (other tables
/// keep theirs).
fn fib_sync_down_addr(world: &mut World, ns: NsId, local: Ipv4Addr) {
    let n = world.ns(ns);
    if n.devices
        .values()
        .any(|d| d.addrs.iter().any(|a| a.local == local))
    {
        return;
    }
    world
        .ns_mut(ns)
        .fib
        .table_mut(TABLE_MAIN)
        .remove_where(|r| r.prefsrc == Some(local));
}
