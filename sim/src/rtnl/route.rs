//! `inet_rtm_newroute` / `inet_rtm_delroute`: nexthop validation as `fib_create_info` does
//! it (`fib_check_nh_v4_gw`, `fib_check_nh_nongw`), then the table insert or delete.

use super::{Errno, Refused};
use crate::model::fib::{
    DeleteRequest, Fib, FibError, FlowKey, InsertMode, Route, RouteType, TableLookup, TABLE_LOCAL,
    TABLE_MAIN,
};
use crate::model::{DevRef, IfIndex, NsId, Scope, World};
use std::net::Ipv4Addr;

impl From<FibError> for Refused {
    fn from(e: FibError) -> Self {
        Refused::errno(match e {
            FibError::Exists => Errno::Exist,
            FibError::NoEntry => Errno::NoEnt,
            FibError::NoSuchProcess => Errno::Srch,
        })
    }
}

/// `fib_check_nh_v4_gw`: the gateway must be reached by a link-scope (or local) route, on
/// the given device if one is named; `onlink` skips the lookup but needs an up device.
fn check_gateway(
    world: &World,
    ns: NsId,
    table: u32,
    route_scope: Scope,
    gw: Ipv4Addr,
    dev: Option<IfIndex>,
    onlink: bool,
) -> Result<(IfIndex, Scope), Refused> {
    let n = world.ns(ns);
    if onlink {
        let d = dev.ok_or(Refused::msg(
            Errno::Inval,
            "Nexthop device required for onlink",
        ))?;
        let up = n.devices.get(&d).is_some_and(|x| x.admin_up);
        if !up {
            return Err(Refused::msg(Errno::NetDown, "Nexthop device is not up"));
        }
        return Ok((d, Scope::Link));
    }
    let key = FlowKey {
        dst: gw,
        src: Ipv4Addr::UNSPECIFIED,
        tos: 0,
        // `fib_check_nh_v4_gw`: the gateway must be reached by a route of a narrower scope
        // than the new route's, at least link (so `scope link` routes need a host-scope one).
        scope: if route_scope == Scope::Link {
            Scope::Host
        } else {
            route_scope.max(Scope::Link)
        },
        oif: dev.unwrap_or(0),
        iif: 1,
        mark: 0,
    };
    let in_table = if table != crate::model::fib::TABLE_MAIN {
        n.fib.table(table).and_then(|t| match t.lookup(&key) {
            TableLookup::Found(r) => Some(r.clone()),
            _ => None,
        })
    } else {
        None
    };
    let found = match in_table {
        Some(r) => Some(r),
        None => crate::path::route::fib_lookup(n, &key, 0)
            .ok()
            .map(|r| r.route),
    };
    let invalid = Refused::msg(Errno::Inval, "Nexthop has invalid gateway");
    let r = found.ok_or(invalid.clone())?;
    if !matches!(r.rtype, RouteType::Unicast | RouteType::Local) {
        return Err(invalid);
    }
    let d = dev
        .or_else(|| r.nexthops.first().map(|x| x.dev))
        .ok_or(invalid)?;
    let up = n.devices.get(&d).is_some_and(|x| x.admin_up);
    if !up {
        return Err(Refused::errno(Errno::NetDown));
    }
    Ok((d, r.scope))
}

/// `fib_valid_prefsrc` (net/ipv4/fib_semantics.c): a local route whose preferred source is
/// its own destination is always valid; any other preferred source must be a local route in
/// the route's table (main counts as local), or failing that in the local table. A lookup, not
/// the address list: an address that is also the broadcast route of another subnet, inserted
/// first, is not local to it (fib_add_ifaddr's prefix route for it is then refused).
pub fn fib_valid_prefsrc(fib: &Fib, route: &Route, src: Ipv4Addr) -> bool {
    if route.rtype == RouteType::Local && !route.dst.is_unspecified() && route.dst == src {
        return true;
    }
    let table = if route.table == TABLE_MAIN {
        TABLE_LOCAL
    } else {
        route.table
    };
    let mut t = fib.addr_type(table, None, src);
    if t != RouteType::Local && table != TABLE_LOCAL {
        t = fib.addr_type(TABLE_LOCAL, None, src);
    }
    t == RouteType::Local
}

/// Adds (or replaces, appends, …) a route after validating every nexthop.
pub fn add_route(
    world: &mut World,
    ns: NsId,
    mut route: Route,
    mode: InsertMode,
) -> Result<(), Refused> {
    if route.scope == Scope::Host && route.nexthops.iter().any(|n| n.gw.is_some()) {
        return Err(Refused::msg(
            Errno::Inval,
            "Route with host scope can not have a gateway",
        ));
    }
    if let Some(src) = route.prefsrc {
        if !fib_valid_prefsrc(&world.ns(ns).fib, &route, src) {
            return Err(Refused::msg(Errno::Inval, "Invalid prefsrc address"));
        }
    }
    if !route.rtype.is_error() {
        if route.nexthops.is_empty() {
            return Err(Refused::errno(Errno::NoDev));
        }
        let table = route.table;
        let scope = route.scope;
        for nh in &mut route.nexthops {
            match nh.gw {
                Some(gw) => {
                    let dev = (nh.dev != 0).then_some(nh.dev);
                    let (d, s) = check_gateway(world, ns, table, scope, gw, dev, nh.onlink)?;
                    nh.dev = d;
                    nh.scope = s;
                }
                None => {
                    let up = world
                        .dev(DevRef {
                            ns,
                            ifindex: nh.dev,
                        })
                        .is_some_and(|d| d.admin_up);
                    if !up {
                        return Err(Refused::msg(Errno::NetDown, "Device for nexthop is not up"));
                    }
                    nh.scope = if scope == Scope::Host {
                        Scope::Nowhere
                    } else {
                        Scope::Host
                    };
                }
            }
        }
    }
    for nh in &mut route.nexthops {
        let running = world.is_running(DevRef {
            ns,
            ifindex: nh.dev,
        });
        nh.linkdown = super::link::nexthop_linkdown(nh, running);
    }
    let table = route.table;
    world.ns_mut(ns).fib.table_mut(table).insert(route, mode)?;
    Ok(())
}

/// Deletes the first route matching the request.
pub fn del_route(
    world: &mut World,
    ns: NsId,
    table: u32,
    req: &DeleteRequest,
) -> Result<Route, Refused> {
    let Some(t) = world.ns_mut(ns).fib.tables.get_mut(&table) else {
        return Err(Refused::msg(Errno::Srch, "FIB table does not exist"));
    };
    Ok(t.delete(req)?)
}
