//! Route resolution: `net/ipv4/fib_rules.c` / `net/core/fib_rules.c` (`fib_lookup`,
//! `fib_rules_lookup`), `net/ipv4/route.c` (`ip_route_output_key_hash_rcu`,
//! `ip_route_input_slow`, `__mkroute_input`), `net/ipv4/fib_frontend.c`
//! (`fib_validate_source`) and `net/ipv4/devinet.c` (`inet_select_addr`,
//! `confirm_addr_indev`).
//!
//! Not modelled: the routing cache and nexthop exceptions other than redirects, l3mdev/VRF,
//! `fib_select_default`'s neighbour-state preference among equal default routes, xfrm.

use super::Sim;
use crate::model::fib::{FlowKey, Route, RouteType, TableLookup, RTAX_MTU};
use crate::model::rules::RuleAction;
use crate::model::sysctl::{max_conf, or_conf};
use crate::model::{in_prefix, IfIndex, Netns, NsId, Scope};
use std::net::Ipv4Addr;

/// Errors a route lookup returns, with the errno the tools print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteErr {
    /// `ENETUNREACH`: "Network is unreachable" (no route).
    NetUnreach,
    /// `EHOSTUNREACH`: "No route to host" (`unreachable` route or rule).
    HostUnreach,
    /// `EINVAL`: "Invalid argument" (`blackhole`, martians).
    Inval,
    /// `EACCES`: "Permission denied" (`prohibit`).
    Access,
    /// `ENODEV`: "No such device".
    NoDev,
    /// `EXDEV`: rp_filter rejected the source.
    Xdev,
}

impl RouteErr {
    /// `strerror` text.
    pub fn text(self) -> &'static str {
        match self {
            RouteErr::NetUnreach => "Network is unreachable",
            RouteErr::HostUnreach => "No route to host",
            RouteErr::Inval => "Invalid argument",
            RouteErr::Access => "Permission denied",
            RouteErr::NoDev => "No such device",
            RouteErr::Xdev => "Invalid cross-device link",
        }
    }
}

/// A successful FIB lookup: the route, the table it came from and the chosen nexthop.
#[derive(Debug, Clone)]
pub struct FibResult {
    pub route: Route,
    pub table: u32,
    pub nh: usize,
}

impl FibResult {
    pub fn dev(&self) -> IfIndex {
        self.route.nexthops.get(self.nh).map_or(0, |n| n.dev)
    }

    /// The gateway packets go to: only a link-scope nexthop uses its gateway
    /// (`fib_nh_common.nhc_gw` counts when `nhc_scope == RT_SCOPE_LINK`); a gateway reached
    /// through a host-scope route makes the destination on-link.
    pub fn gw(&self) -> Option<Ipv4Addr> {
        self.route
            .nexthops
            .get(self.nh)
            .filter(|n| n.scope == Scope::Link)
            .and_then(|n| n.gw)
    }
}

fn error_of(t: RouteType) -> Option<RouteErr> {
    match t {
        RouteType::Blackhole => Some(RouteErr::Inval),
        RouteType::Unreachable => Some(RouteErr::HostUnreach),
        RouteType::Prohibit => Some(RouteErr::Access),
        _ => None,
    }
}

/// `fib_lookup` → `fib_rules_lookup`: rules in priority order, each looking up its table.
/// A `throw` route or an empty result moves on to the next rule; nothing found is
/// `ENETUNREACH`.
pub fn fib_lookup(ns: &Netns, key: &FlowKey, hash_seed: u64) -> Result<FibResult, RouteErr> {
    let iif_name = ns.devices.get(&key.iif).map(|d| d.name.as_str());
    let oif_name = ns.devices.get(&key.oif).map(|d| d.name.as_str());
    let mut i = 0;
    while i < ns.rules.rules.len() {
        let rule = &ns.rules.rules[i];
        i += 1;
        if !rule.matches(key, iif_name, oif_name) {
            continue;
        }
        let table = match rule.action {
            RuleAction::Table(t) => t,
            // `ctarget`: the rule with exactly that priority; an unresolved goto is skipped.
            RuleAction::Goto(p) => {
                if let Some(t) = ns.rules.rules.iter().position(|r| r.priority == p) {
                    i = t;
                }
                continue;
            }
            RuleAction::Nop => continue,
            RuleAction::Blackhole => return Err(RouteErr::Inval),
            RuleAction::Unreachable => return Err(RouteErr::NetUnreach),
            RuleAction::Prohibit => return Err(RouteErr::Access),
        };
        let Some(t) = ns.fib.table(table) else {
            continue;
        };
        match t.lookup(key) {
            TableLookup::Found(r) => {
                if rule.suppress_prefixlen.is_some_and(|s| r.plen <= s) {
                    continue;
                }
                let nh = select_multipath(r, key, hash_seed);
                return Ok(FibResult {
                    route: r.clone(),
                    table,
                    nh,
                });
            }
            TableLookup::Error(r) => match error_of(r.rtype) {
                Some(e) => return Err(e),
                None => continue, // throw
            },
            TableLookup::NotFound => continue,
        }
    }
    Err(RouteErr::NetUnreach)
}

/// `fib_select_multipath` with the L3 hash policy (`fib_multipath_hash_policy=0`): a hash of
/// source and destination, keyed by the world's seed instead of the kernel's boot-time random
/// key, mapped onto the nexthops' weight ranges. Deterministic for one seed.
fn select_multipath(r: &Route, key: &FlowKey, seed: u64) -> usize {
    if r.nexthops.len() < 2 || key.oif != 0 {
        return 0;
    }
    let total: u64 = r
        .nexthops
        .iter()
        .filter(|n| !n.dead)
        .map(|n| u64::from(n.weight))
        .sum();
    let mut h = seed ^ (u64::from(u32::from(key.src)) << 32 | u64::from(u32::from(key.dst)));
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    let mut point = h % total.max(1);
    for (i, n) in r.nexthops.iter().enumerate().filter(|(_, n)| !n.dead) {
        if point < u64::from(n.weight) {
            return i;
        }
        point -= u64::from(n.weight);
    }
    0
}

/// `inet_select_addr`: a source address on `dev` for talking to `dst` at `scope`, else any
/// non-link-scope primary address of the namespace (devices in creation order).
pub fn inet_select_addr(
    ns: &Netns,
    dev: IfIndex,
    dst: Option<Ipv4Addr>,
    scope: Scope,
) -> Option<Ipv4Addr> {
    let localnet = |d: &crate::model::Device, s: Scope| {
        if d.conf.route_localnet != 0 || ns.sysctl.conf_all.route_localnet != 0 {
            s.min(Scope::Link)
        } else {
            s.min(Scope::Host)
        }
    };
    let mut addr = None;
    if let Some(d) = ns.devices.get(&dev) {
        for a in d.addrs.iter().filter(|a| !a.secondary) {
            if localnet(d, a.scope) > scope {
                continue;
            }
            if dst.is_none_or(|x| a.covers(x)) {
                return Some(a.local);
            }
            addr.get_or_insert(a.local);
        }
    }
    if addr.is_some() {
        return addr;
    }
    ns.devices.values().find_map(|d| {
        d.addrs
            .iter()
            .filter(|a| !a.secondary)
            .find(|a| a.scope != Scope::Link && localnet(d, a.scope) <= scope)
            .map(|a| a.local)
    })
}

/// `confirm_addr_indev` for `inet_confirm_addr` (used by `arp_ignore`).
fn confirm_addr_indev(
    d: &crate::model::Device,
    dst: Option<Ipv4Addr>,
    local: Option<Ipv4Addr>,
    scope: Scope,
) -> Option<Ipv4Addr> {
    let mut addr = None;
    let mut same = false;
    for a in &d.addrs {
        let min_scope = a.scope.min(Scope::Host);
        if addr.is_none() && local.is_none_or(|l| l == a.local) && min_scope <= scope {
            addr = Some(a.local);
            if same {
                break;
            }
        }
        if !same {
            same = local.is_none_or(|l| a.covers(l)) && dst.is_none_or(|x| a.covers(x));
            if same {
                if let Some(chosen) = addr {
                    if local.is_some() || dst.is_none() || a.covers(chosen) {
                        break;
                    }
                    if min_scope <= scope {
                        addr = Some(a.local);
                        break;
                    }
                    same = false;
                }
            }
        }
    }
    if same {
        addr
    } else {
        None
    }
}

/// `inet_confirm_addr`: with a device, that device only; without, any device of the namespace.
pub fn inet_confirm_addr(
    ns: &Netns,
    dev: Option<IfIndex>,
    dst: Option<Ipv4Addr>,
    local: Option<Ipv4Addr>,
    scope: Scope,
) -> bool {
    match dev {
        Some(i) => ns
            .devices
            .get(&i)
            .and_then(|d| confirm_addr_indev(d, dst, local, scope))
            .is_some(),
        None => ns
            .devices
            .values()
            .any(|d| confirm_addr_indev(d, dst, local, scope).is_some()),
    }
}

/// The result of an output route lookup (`struct rtable` for a locally generated packet).
#[derive(Debug, Clone)]
pub struct OutRoute {
    /// The device the packet leaves by (`lo` for local destinations).
    pub dev: IfIndex,
    pub src: Ipv4Addr,
    pub gw: Option<Ipv4Addr>,
    /// `RTCF_LOCAL`: delivered to this namespace.
    pub local: bool,
    /// `RTCF_BROADCAST`.
    pub broadcast: bool,
    /// `RTCF_MULTICAST`: a class D destination.
    pub multicast: bool,
    /// The FIB route, if one was used.
    pub fib: Option<FibResult>,
    /// A live redirect or path-MTU exception for the destination.
    pub exception: Option<crate::model::netns::RouteException>,
}

impl OutRoute {
    /// What `ipv4_mtu` puts before the device's MTU: a live path-MTU exception, else the
    /// route's `mtu` metric.
    pub fn mtu_override(&self) -> Option<u32> {
        self.exception.and_then(|e| e.mtu).or_else(|| {
            self.fib
                .as_ref()
                .and_then(|f| f.route.metric_value(RTAX_MTU))
        })
    }
}

/// A flow to route for local output.
#[derive(Debug, Clone, Copy)]
pub struct OutFlow {
    pub dst: Ipv4Addr,
    pub src: Option<Ipv4Addr>,
    pub oif: IfIndex,
    pub mark: u32,
    pub tos: u8,
}

/// `inet_addr_type(addr) == RTN_LOCAL`: an address of the namespace, or one a `local` route
/// covers (what `bind()` accepts).
pub fn is_local_address(ns: &Netns, addr: Ipv4Addr) -> bool {
    ip_dev_find(ns, addr).is_some()
}

/// The address' device, if some device of the namespace owns it (`__ip_dev_find`), falling
/// back to a `local` route covering it (so all of 127.0.0.0/8 is local once `lo` is up).
pub(crate) fn ip_dev_find(ns: &Netns, addr: Ipv4Addr) -> Option<IfIndex> {
    if let Some(d) = ns
        .devices
        .values()
        .find(|d| d.addrs.iter().any(|a| a.local == addr))
    {
        return Some(d.ifindex);
    }
    let key = FlowKey {
        dst: addr,
        src: Ipv4Addr::UNSPECIFIED,
        tos: 0,
        scope: Scope::Universe,
        oif: 0,
        iif: 1,
        mark: 0,
    };
    match ns.fib.table(crate::model::fib::TABLE_LOCAL)?.lookup(&key) {
        TableLookup::Found(r) if r.rtype == RouteType::Local => r.nexthops.first().map(|n| n.dev),
        _ => None,
    }
}

/// `ip_check_mc_rcu` as far as pathsim models memberships: every IPv4 device is in the
/// all-hosts group (224.0.0.1, joined by `ip_mc_up`) and in no other.
pub fn ip_check_mc(group: Ipv4Addr) -> bool {
    group == Ipv4Addr::new(224, 0, 0, 1)
}

fn is_lbcast(a: Ipv4Addr) -> bool {
    a == Ipv4Addr::BROADCAST
}

/// `ip_route_output_key_hash_rcu` (+ `__mkroute_output`'s type checks).
pub fn ip_route_output(sim: &Sim, ns_id: NsId, flow: OutFlow) -> Result<OutRoute, RouteErr> {
    let ns = sim.world.ns(ns_id);
    let lo = ns.loopback().map_or(1, |d| d.ifindex);
    // A zero source is no source (`if (fl4->saddr)`).
    let mut src = flow.src.filter(|s| !s.is_unspecified());
    if let Some(s) = src {
        if s.is_multicast() || is_lbcast(s) {
            return Err(RouteErr::Inval);
        }
        if flow.oif == 0 && (flow.dst.is_multicast() || is_lbcast(flow.dst)) {
            let dev = ip_dev_find(ns, s).ok_or(RouteErr::NetUnreach)?;
            return Ok(OutRoute {
                dev,
                src: s,
                gw: None,
                local: false,
                broadcast: is_lbcast(flow.dst),
                multicast: flow.dst.is_multicast(),
                fib: None,
                exception: None,
            });
        }
        if ip_dev_find(ns, s).is_none() {
            return Err(RouteErr::NetUnreach);
        }
    }
    if flow.oif != 0 {
        let d = ns.devices.get(&flow.oif).ok_or(RouteErr::NoDev)?;
        if !d.admin_up {
            return Err(RouteErr::NetUnreach);
        }
        if is_lbcast(flow.dst) || flow.dst.octets()[0] == 224 && flow.dst.octets()[1..3] == [0, 0] {
            let s = src.or_else(|| inet_select_addr(ns, flow.oif, None, Scope::Link));
            return Ok(OutRoute {
                dev: flow.oif,
                src: s.unwrap_or(Ipv4Addr::UNSPECIFIED),
                gw: None,
                local: false,
                broadcast: is_lbcast(flow.dst),
                multicast: flow.dst.is_multicast(),
                fib: None,
                exception: None,
            });
        }
        if src.is_none() && flow.dst.is_unspecified() {
            src = inet_select_addr(ns, flow.oif, None, Scope::Host);
        }
    }
    if flow.dst.is_unspecified() {
        let s = src.unwrap_or(Ipv4Addr::LOCALHOST);
        return Ok(OutRoute {
            dev: lo,
            src: s,
            gw: None,
            local: true,
            broadcast: false,
            multicast: flow.dst.is_multicast(),
            fib: None,
            exception: None,
        });
    }
    let key = FlowKey {
        dst: flow.dst,
        src: src.unwrap_or(Ipv4Addr::UNSPECIFIED),
        tos: flow.tos,
        scope: Scope::Universe,
        oif: flow.oif,
        iif: lo,
        mark: flow.mark,
    };
    let res = match fib_lookup(ns, &key, sim.world_seed()) {
        Ok(r) => r,
        Err(e) => {
            if flow.oif != 0 {
                // "Apparently, routing tables are wrong. Assume that the destination is on
                // link." (`ip_route_output_key_hash_rcu`)
                let s = src.or_else(|| inet_select_addr(ns, flow.oif, None, Scope::Link));
                return Ok(OutRoute {
                    dev: flow.oif,
                    src: s.unwrap_or(Ipv4Addr::UNSPECIFIED),
                    gw: None,
                    local: false,
                    broadcast: false,
                    multicast: flow.dst.is_multicast(),
                    fib: None,
                    exception: None,
                });
            }
            return Err(e);
        }
    };
    if res.route.rtype == RouteType::Local {
        let s = src.or(res.route.prefsrc).unwrap_or(flow.dst);
        return Ok(OutRoute {
            dev: lo,
            src: s,
            gw: None,
            local: true,
            broadcast: false,
            multicast: flow.dst.is_multicast(),
            fib: Some(res),
            exception: None,
        });
    }
    let dev = res.dev();
    let mut gw = res.gw();
    // `find_exception`: a live exception on this nexthop overrides gateway and MTU.
    let exception = ns
        .exceptions
        .get(&flow.dst)
        .filter(|e| e.expires > sim.now() && e.dev == dev && res.route.rtype == RouteType::Unicast)
        .copied();
    if let Some(new_gw) = exception.and_then(|e| e.gw).filter(|_| gw.is_some()) {
        gw = Some(new_gw);
    }
    let s = match src {
        Some(s) => s,
        None => fib_result_prefsrc(ns, &res),
    };
    // A loopback source may only leave by a loopback device.
    let dev_is_lo = ns.devices.get(&dev).is_some_and(|d| d.is_loopback());
    if s.is_loopback() && !dev_is_lo {
        return Err(RouteErr::Inval);
    }
    let broadcast = res.route.rtype == RouteType::Broadcast || is_lbcast(flow.dst);
    if flow.dst.octets()[0] == 0 {
        return Err(RouteErr::Inval);
    }
    // `__mkroute_output`: broadcast and multicast routes keep no nexthop (`fi = NULL`), so no
    // gateway, whatever route matched.
    if broadcast || flow.dst.is_multicast() {
        gw = None;
    }
    Ok(OutRoute {
        dev,
        src: s,
        gw,
        local: broadcast,
        broadcast,
        multicast: flow.dst.is_multicast(),
        fib: Some(res),
        exception,
    })
}

/// `fib_result_prefsrc`: the route's `src`, else an address chosen on the nexthop device for
/// the gateway at the route's scope.
pub fn fib_result_prefsrc(ns: &Netns, res: &FibResult) -> Ipv4Addr {
    res.route.prefsrc.unwrap_or_else(|| {
        inet_select_addr(ns, res.dev(), res.gw(), res.route.scope).unwrap_or(Ipv4Addr::UNSPECIFIED)
    })
}

/// What `ip_route_input_slow` decided for a received packet.
#[derive(Debug, Clone)]
pub enum InputRoute {
    /// `RTN_LOCAL` (or broadcast): `ip_local_deliver`.
    Local { broadcast: bool },
    /// `RTN_UNICAST` with forwarding on: `ip_forward` out of `res`; `redirect` when the packet
    /// leaves by the interface it came in on and the sender is on that link
    /// (`IPSKB_DOREDIRECT`).
    Forward { res: FibResult, redirect: bool },
    /// `ip_error`: no usable route. `icmp` is false when the ingress device does not forward
    /// (silent drop) or for blackhole routes.
    Error { err: RouteErr, icmp: bool },
    /// Martian source or destination (`IP_INVALID_SOURCE`, `IP_RPFILTER`, …).
    Martian {
        reason: crate::trace::DropReason,
        what: String,
    },
}

/// `IN_DEV_FORWARD`: the ingress device's own `forwarding` value.
pub fn in_dev_forward(ns: &Netns, dev: IfIndex) -> bool {
    ns.devices.get(&dev).is_some_and(|d| d.conf.forwarding != 0)
}

/// `ip_route_input_slow`, for a packet from `src` to `dst` received on `dev`.
pub fn ip_route_input(
    sim: &Sim,
    ns_id: NsId,
    dev: IfIndex,
    dst: Ipv4Addr,
    src: Ipv4Addr,
    tos: u8,
    mark: u32,
) -> InputRoute {
    use crate::trace::DropReason as R;
    let ns = sim.world.ns(ns_id);
    let martian = |reason, what: &str| InputRoute::Martian {
        reason,
        what: what.to_string(),
    };
    let Some(d) = ns.devices.get(&dev) else {
        return martian(R::NotSpecified, "no device");
    };
    let route_localnet = or_conf(ns.sysctl.conf_all.route_localnet, d.conf.route_localnet);
    if src.is_multicast() || is_lbcast(src) {
        return martian(
            R::IpInvalidSource,
            "martian source (multicast or broadcast)",
        );
    }
    if is_lbcast(dst) || (src.is_unspecified() && dst.is_unspecified()) {
        return InputRoute::Local { broadcast: true };
    }
    // `ip_route_input_rcu`: a group the device has joined is delivered locally like a
    // broadcast (`ip_route_input_mc`); every IPv4 device is in all-hosts (224.0.0.1), and
    // pathsim models no other memberships and no multicast routing, so other groups are
    // refused.
    if dst.is_multicast() {
        if ip_check_mc(dst) {
            return InputRoute::Local { broadcast: true };
        }
        return martian(R::NotSpecified, "multicast group not joined on this device");
    }
    if src.is_unspecified() || src.octets()[0] == 0 {
        return martian(R::IpInvalidSource, "martian source 0.0.0.0/8");
    }
    if dst.octets()[0] == 0 {
        return martian(R::IpInvalidDest, "martian destination 0.0.0.0/8");
    }
    if dst.is_loopback() && !route_localnet {
        return martian(R::IpLocalnet, "martian destination 127.0.0.0/8");
    }
    if src.is_loopback() && !route_localnet {
        return martian(R::IpLocalnet, "martian source 127.0.0.0/8");
    }
    let key = FlowKey {
        dst,
        src,
        tos,
        scope: Scope::Universe,
        oif: 0,
        iif: dev,
        mark,
    };
    let forward = in_dev_forward(ns, dev);
    let res = match fib_lookup(ns, &key, sim.world_seed()) {
        Ok(r) => r,
        Err(e) => {
            let err = if forward { e } else { RouteErr::HostUnreach };
            return InputRoute::Error {
                err,
                icmp: forward && err != RouteErr::Inval,
            };
        }
    };
    match res.route.rtype {
        RouteType::Broadcast => return InputRoute::Local { broadcast: true },
        RouteType::Local => {
            return match fib_validate_source(ns, src, dst, tos, 0, dev, mark) {
                Ok(_) => InputRoute::Local { broadcast: false },
                Err(reason) => martian(reason, "source validation failed"),
            };
        }
        _ => {}
    }
    if !forward {
        return InputRoute::Error {
            err: RouteErr::HostUnreach,
            icmp: false,
        };
    }
    if res.route.rtype != RouteType::Unicast {
        return martian(R::IpInvalidDest, "martian destination");
    }
    // __mkroute_input
    let out = res.dev();
    match fib_validate_source(ns, src, dst, tos, out, dev, mark) {
        Err(reason) => martian(reason, "source validation (rp_filter) failed"),
        Ok(direct) => {
            let tx_redirects = or_conf(ns.sysctl.conf_all.send_redirects, d.conf.send_redirects);
            let onlink = d
                .addrs
                .iter()
                .any(|a| a.covers(src) && res.gw().is_none_or(|g| a.covers(g)));
            let redirect = out == dev && direct && tx_redirects && onlink;
            InputRoute::Forward { res, redirect }
        }
    }
}

/// `fib_validate_source` / `__fib_validate_source`: reverse-path and local-source checks.
/// `Ok(true)` when the source is directly on the ingress link (`RTCF_DIRECTSRC`).
pub fn fib_validate_source(
    ns: &Netns,
    src: Ipv4Addr,
    dst: Ipv4Addr,
    tos: u8,
    oif: IfIndex,
    dev: IfIndex,
    mark: u32,
) -> Result<bool, crate::trace::DropReason> {
    use crate::trace::DropReason as R;
    let Some(d) = ns.devices.get(&dev) else {
        return Err(R::NotSpecified);
    };
    let all = &ns.sysctl.conf_all;
    let rpf = max_conf(all.rp_filter, d.conf.rp_filter);
    let tx_redirects = or_conf(all.send_redirects, d.conf.send_redirects);
    let accept_local = or_conf(all.accept_local, d.conf.accept_local);
    let custom_rules = ns.rules.rules.len() != 3;
    if rpf == 0 && (dev != oif || !tx_redirects) {
        if accept_local {
            return Ok(false);
        }
        if !custom_rules {
            if ns.is_local_addr(src) {
                return Err(R::IpLocalSource);
            }
            return Ok(false);
        }
    }
    let mut key = FlowKey {
        dst: src,
        src: dst,
        tos,
        scope: Scope::Universe,
        oif: 0,
        iif: if oif != 0 { dev } else { 1 },
        mark: 0,
    };
    let _ = mark;
    let no_addr = d.addrs.is_empty();
    let res = match fib_lookup(ns, &key, 0) {
        Ok(r) => r,
        Err(_) => {
            return if rpf != 0 {
                Err(R::IpRpfilter)
            } else {
                Ok(false)
            }
        }
    };
    if res.route.rtype != RouteType::Unicast
        && (res.route.rtype != RouteType::Local || !accept_local)
    {
        return Err(if res.route.rtype == RouteType::Local {
            R::IpLocalSource
        } else {
            R::IpInvalidSource
        });
    }
    if res.route.uses_dev(dev) {
        return Ok(res.route.nexthops[res.nh].scope >= Scope::Host);
    }
    if no_addr {
        return if rpf != 0 {
            Err(R::IpRpfilter)
        } else {
            Ok(false)
        };
    }
    if rpf == 1 {
        return Err(R::IpRpfilter);
    }
    key.oif = dev;
    Ok(match fib_lookup(ns, &key, 0) {
        Ok(r) if r.route.rtype == RouteType::Unicast => r.route.nexthops[r.nh].scope >= Scope::Host,
        _ => false,
    })
}

/// Is `addr` inside the subnet of an address on `dev` (`inet_addr_onlink` with one address)?
pub fn addr_onlink(ns: &Netns, dev: IfIndex, addr: Ipv4Addr) -> bool {
    ns.devices.get(&dev).is_some_and(|d| {
        d.addrs
            .iter()
            .any(|a| in_prefix(addr, a.local, a.prefix_len))
    })
}

/// For traces: which rule and which route decided a lookup of `key` in namespace `ns`.
pub fn explain(sim: &Sim, ns_id: NsId, key: &FlowKey) -> String {
    let ns = sim.world.ns(ns_id);
    let iif_name = ns.devices.get(&key.iif).map(|d| d.name.as_str());
    let oif_name = ns.devices.get(&key.oif).map(|d| d.name.as_str());
    let mut tried = Vec::new();
    for rule in &ns.rules.rules {
        if !rule.matches(key, iif_name, oif_name) {
            continue;
        }
        let table = match rule.action {
            RuleAction::Table(t) => t,
            RuleAction::Goto(_) | RuleAction::Nop => continue,
            other => return format!("rule {}: {other:?}", rule.priority),
        };
        tried.push(crate::model::fib::table_name(table));
        if let Some(t) = ns.fib.table(table) {
            match t.lookup(key) {
                TableLookup::Found(r) | TableLookup::Error(r) if r.rtype != RouteType::Throw => {
                    return format!(
                        "rule {} table {}: {}",
                        rule.priority,
                        crate::model::fib::table_name(table),
                        crate::cmd::ip::route_fmt::route_line(sim, ns_id, r, Default::default())
                            .trim_end()
                    );
                }
                _ => {}
            }
        }
    }
    format!(
        "no route to {} (tables tried: {})",
        key.dst,
        tried.join(", ")
    )
}
