//! `ip route`: add, del, replace, append, prepend, change, show, flush, get.

use super::route_fmt::{route_json, route_line};
use super::route_metrics;
use super::{dev_index, invarg_nl, json_out, next_arg, no_device, Opts};
use crate::cmd::{matches, Output};
use crate::model::fib::{
    parse_table, parse_u32, DeleteRequest, InsertMode, Nexthop, Proto, Route, RouteMetric,
    RouteType, TABLE_LOCAL, TABLE_MAIN,
};
use crate::model::{prefix_mask, NsId, Scope};
use crate::path::Sim;
use crate::rtnl::route as rr;
use serde_json::Value;
use std::fmt::Write;
use std::net::Ipv4Addr;

/// `ip route …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") {
        modify(sim, ns, rest, Some(InsertMode::Add))
    } else if matches(verb, "change") || verb == "chg" {
        modify(sim, ns, rest, Some(InsertMode::Change))
    } else if matches(verb, "replace") {
        modify(sim, ns, rest, Some(InsertMode::Replace))
    } else if matches(verb, "prepend") {
        modify(sim, ns, rest, Some(InsertMode::Prepend))
    } else if matches(verb, "append") {
        modify(sim, ns, rest, Some(InsertMode::Append))
    } else if matches(verb, "delete") {
        modify(sim, ns, rest, None)
    } else if matches(verb, "show") || matches(verb, "list") || verb == "lst" {
        show(sim, ns, opts, rest)
    } else if matches(verb, "flush") {
        flush(sim, ns, opts, rest)
    } else if matches(verb, "get") {
        super::route_get::get(sim, ns, opts, rest)
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"ip route help\"."),
            255,
        )
    }
}

/// Parses `A.B.C.D[/LEN]`, `default`, `any`, `all`, keeping host bits.
pub fn parse_prefix_raw(s: &str) -> Option<(Ipv4Addr, u8)> {
    if matches!(s, "default" | "any" | "all") {
        return Some((Ipv4Addr::UNSPECIFIED, 0));
    }
    let (a, l) = match s.split_once('/') {
        Some((a, l)) => (a, l.parse::<u8>().ok().filter(|l| *l <= 32)?),
        None => (s, 32),
    };
    Some((get_addr_ipv4(a)?, l))
}

/// iproute2's `get_addr_ipv4`: one to four parts, each read by `strtoul(…, 0)` (so `010` is
/// octal and `0x0a` hex) and at most 255; missing parts are zero (`10.53` is 10.53.0.0).
pub fn get_addr_ipv4(s: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    for (o, p) in octets.iter_mut().zip(&parts) {
        let v = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            u32::from_str_radix(h, 16).ok()?
        } else if p.len() > 1 && p.starts_with('0') {
            u32::from_str_radix(&p[1..], 8).ok()?
        } else {
            p.parse::<u32>().ok()?
        };
        *o = u8::try_from(v).ok()?;
    }
    Some(Ipv4Addr::from(octets))
}

/// Parses `A.B.C.D[/LEN]`, `default`, `any`, `all` (host bits cleared).
pub fn parse_prefix(s: &str) -> Option<(Ipv4Addr, u8)> {
    parse_prefix_raw(s).map(|(a, l)| (Ipv4Addr::from(u32::from(a) & prefix_mask(l)), l))
}

pub fn bad_prefix(s: &str) -> Output {
    Output::err(
        format!("Error: any valid prefix is expected rather than \"{s}\"."),
        1,
    )
}

fn bad_addr(s: &str) -> Output {
    Output::err(
        format!("Error: inet address is expected rather than \"{s}\"."),
        1,
    )
}

/// What `ip route add|del …` said, before it becomes a route.
struct Spec {
    rtype: Option<RouteType>,
    dst: Option<(Ipv4Addr, u8)>,
    gw: Option<Ipv4Addr>,
    dev: Option<u32>,
    table: Option<u32>,
    proto: Option<Proto>,
    scope: Option<Scope>,
    metric: Option<u32>,
    src: Option<Ipv4Addr>,
    tos: u8,
    onlink: bool,
    nexthops: Vec<Nexthop>,
    metrics: Vec<RouteMetric>,
    /// The prefix had host bits set (the kernel refuses such a route).
    host_bits: bool,
}

/// Route options iproute2 knows that pathsim does not model.
const UNMODELLED_ROUTE_OPTIONS: &[&str] = &[
    "realm",
    "realms",
    "expires",
    "pref",
    "encap",
    "nhid",
    "features",
    "quickack",
    "congctl",
    "fastopen_no_cookie",
    "rto_min",
    "as",
    "from",
    "ttl-propagate",
];

fn parse_spec(sim: &Sim, ns: NsId, args: &[String]) -> Result<Spec, Output> {
    let mut s = Spec {
        rtype: None,
        dst: None,
        gw: None,
        dev: None,
        table: None,
        proto: None,
        scope: None,
        metric: None,
        src: None,
        tos: 0,
        onlink: false,
        nexthops: Vec::new(),
        metrics: Vec::new(),
        host_bits: false,
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if let Some(m) = route_metrics::parse(args, &mut i) {
            route_metrics::insert(&mut s.metrics, m?);
            i += 1;
            continue;
        }
        match a {
            "via" => {
                let mut v = next_arg(args, &mut i)?;
                if v == "inet" {
                    v = next_arg(args, &mut i)?;
                }
                if s.gw.is_some() {
                    return Err(invarg_nl(
                        "via",
                        "use nexthop syntax to specify multiple via",
                    ));
                }
                s.gw = Some(get_addr_ipv4(v).ok_or_else(|| bad_addr(v))?);
            }
            "dev" | "oif" => {
                let v = next_arg(args, &mut i)?;
                s.dev = Some(dev_index(sim, ns, v).ok_or_else(|| no_device(v))?);
            }
            "table" | "lookup" => {
                let v = next_arg(args, &mut i)?;
                // RT_TABLE_UNSPEC (0) means main for a change.
                s.table = Some(
                    parse_table(v)
                        .map(|t| if t == 0 { TABLE_MAIN } else { t })
                        .ok_or_else(|| invarg_nl(v, "\"table\" value is invalid"))?,
                );
            }
            "proto" | "protocol" => {
                let v = next_arg(args, &mut i)?;
                s.proto = Some(
                    Proto::parse(v).ok_or_else(|| invarg_nl(v, "\"protocol\" value is invalid"))?,
                );
            }
            "scope" => {
                let v = next_arg(args, &mut i)?;
                s.scope =
                    Some(Scope::parse(v).ok_or_else(|| invarg_nl(v, "invalid \"scope\" value"))?);
            }
            _ if matches(a, "metric") || matches(a, "priority") || a == "preference" => {
                let v = next_arg(args, &mut i)?;
                s.metric =
                    Some(parse_u32(v).ok_or_else(|| invarg_nl(v, "\"metric\" value is invalid"))?);
            }
            "src" => {
                let v = next_arg(args, &mut i)?;
                s.src = Some(get_addr_ipv4(v).ok_or_else(|| bad_addr(v))?);
            }
            "tos" | "dsfield" => {
                let v = next_arg(args, &mut i)?;
                s.tos = parse_u32(v)
                    .and_then(|t| u8::try_from(t).ok())
                    .ok_or_else(|| invarg_nl(v, "\"tos\" value is invalid"))?;
            }
            "onlink" => s.onlink = true,
            _ if route_metrics::UNMODELLED_METRICS.contains(&a) => {
                return Err(Output::unsupported(format!(
                    "ip route: the \"{a}\" metric is not modelled by pathsim; supported metrics: mtu, window, ssthresh, cwnd, advmss, reordering, hoplimit, initcwnd, initrwnd"
                )))
            }
            "nexthop" => {
                s.nexthops = parse_nexthops(sim, ns, &args[i..])?;
                break;
            }
            "to" => {
                let mut v = next_arg(args, &mut i)?;
                // `to [TYPE] PREFIX`.
                if let Some(t) = RouteType::parse(v).filter(|_| s.rtype.is_none()) {
                    s.rtype = Some(t);
                    v = next_arg(args, &mut i)?;
                }
                s.dst = Some(parse_prefix(v).ok_or_else(|| bad_prefix(v))?);
            }
            _ => {
                if let Some(t) =
                    RouteType::parse(a).filter(|_| s.dst.is_none() && s.rtype.is_none())
                {
                    s.rtype = Some(t);
                } else if s.dst.is_none() {
                    s.dst = Some(parse_prefix(a).ok_or_else(|| bad_prefix(a))?);
                    s.host_bits = parse_prefix_raw(a)
                        .is_some_and(|(addr, l)| u32::from(addr) & !prefix_mask(l) != 0);
                } else if UNMODELLED_ROUTE_OPTIONS.contains(&a) {
                    return Err(Output::unsupported(format!(
                        "ip route: \"{a}\" is not supported by pathsim; supported: TYPE PREFIX via dev table proto scope metric src tos onlink nexthop"
                    )));
                } else {
                    return Err(Output::err(
                        format!("Error: either \"to\" is duplicate, or \"{a}\" is a garbage."),
                        255,
                    ));
                }
            }
        }
        i += 1;
    }
    Ok(s)
}

/// iproute2's table without `table` (`iproute_modify`, also for `del`): the local table for
/// local, broadcast, nat and anycast routes, main for the rest.
fn default_table(rtype: Option<RouteType>) -> u32 {
    match rtype {
        Some(RouteType::Local | RouteType::Broadcast | RouteType::Nat | RouteType::Anycast) => {
            TABLE_LOCAL
        }
        _ => TABLE_MAIN,
    }
}

fn parse_nexthops(sim: &Sim, ns: NsId, args: &[String]) -> Result<Vec<Nexthop>, Output> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] != "nexthop" {
            return Err(Output::err(
                format!(
                    "Error: \"nexthop\" or end of line is expected instead of \"{}\"",
                    args[i]
                ),
                255,
            ));
        }
        let mut nh = Nexthop {
            gw: None,
            dev: 0,
            weight: 1,
            onlink: false,
            linkdown: false,
            dead: false,
            scope: Scope::Link,
        };
        i += 1;
        while i < args.len() && args[i] != "nexthop" {
            match args[i].as_str() {
                "via" => {
                    let v = next_arg(args, &mut i)?;
                    nh.gw = Some(v.parse().map_err(|_| bad_addr(v))?);
                }
                "dev" => {
                    let v = next_arg(args, &mut i)?;
                    nh.dev = dev_index(sim, ns, v).ok_or_else(|| no_device(v))?;
                }
                "weight" => {
                    let v = next_arg(args, &mut i)?;
                    nh.weight = v.parse().ok().filter(|w| (1..=256).contains(w)).ok_or_else(|| invarg_nl(v, "\"weight\" is invalid"))?;
                }
                "onlink" => nh.onlink = true,
                other => return Err(Output::unsupported(format!("nexthop option \"{other}\" is not supported; supported: via, dev, weight, onlink"))),
            }
            i += 1;
        }
        out.push(nh);
    }
    Ok(out)
}

fn modify(sim: &mut Sim, ns: NsId, args: &[String], mode: Option<InsertMode>) -> Output {
    let s = match parse_spec(sim, ns, args) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let Some((dst, plen)) = s.dst else {
        return Output::err("Error: destination prefix is required.", 255);
    };
    if s.host_bits {
        return Output::err("Error: Invalid prefix for given prefix length.", 2);
    }
    let Some(mode) = mode else {
        let table = s.table.unwrap_or(default_table(s.rtype));
        let req = DeleteRequest {
            dst,
            plen,
            tos: s.tos,
            rtype: s.rtype,
            scope: s.scope,
            proto: s.proto,
            metric: s.metric.filter(|m| *m != 0),
            prefsrc: s.src,
            gw: s.gw,
            dev: s.dev,
            nexthops: (!s.nexthops.is_empty())
                .then(|| s.nexthops.iter().map(|n| (n.gw, n.dev)).collect()),
        };
        return match rr::del_route(&mut sim.world, ns, table, &req) {
            Ok(_) => Output::default(),
            Err(e) => Output::err(e.iproute2_line(), 2),
        };
    };
    if s.tos & 0x03 != 0 {
        return Output::err("Error: Invalid dsfield (tos): ECN bits must be 0.", 2);
    }
    let rtype = s.rtype.unwrap_or(RouteType::Unicast);
    let has_gw = s.gw.is_some() || s.nexthops.iter().any(|n| n.gw.is_some());
    // iproute2's default scope (`iproute_modify`).
    let scope = s.scope.unwrap_or(match rtype {
        RouteType::Local | RouteType::Nat => Scope::Host,
        RouteType::Broadcast | RouteType::Multicast | RouteType::Anycast => Scope::Link,
        RouteType::Unicast if !has_gw && s.nexthops.is_empty() => Scope::Link,
        _ => Scope::Universe,
    });
    // `fib_create_info`'s first check: the scope may not be wider than the type's
    // (`fib_props[type].scope`; nat's is `nowhere`, so nat is always refused).
    if scope < rtype.min_scope() {
        return Output::err("Error: Invalid scope.", 2);
    }
    // `fib_create_info`: error routes (blackhole, unreachable, prohibit, throw) have no nexthop.
    if rtype.is_error() && (s.gw.is_some() || s.dev.is_some() || !s.nexthops.is_empty()) {
        return Output::err(
            "Error: Gateway, device and multipath can not be specified for this route type.",
            2,
        );
    }
    let table = s.table.unwrap_or(default_table(Some(rtype)));
    // A single `nexthop` is an ordinary route (`fib_create_info` with one nexthop).
    let multipath = s.nexthops.len() > 1;
    let nexthops = if !s.nexthops.is_empty() {
        s.nexthops
    } else if rtype.is_error() || (s.gw.is_none() && s.dev.is_none()) {
        Vec::new()
    } else {
        vec![Nexthop {
            gw: s.gw,
            dev: s.dev.unwrap_or(0),
            weight: 1,
            onlink: s.onlink,
            linkdown: false,
            dead: false,
            scope: Scope::Link,
        }]
    };
    let route = Route {
        dst,
        plen,
        table,
        rtype,
        proto: s.proto.unwrap_or(Proto::BOOT),
        scope,
        metric: s.metric.unwrap_or(0),
        prefsrc: s.src,
        tos: s.tos,
        nexthops,
        multipath,
        metrics: s.metrics,
    };
    match rr::add_route(&mut sim.world, ns, route, mode) {
        Ok(()) => Output::default(),
        Err(e) => Output::err(e.iproute2_line(), 2),
    }
}

/// Which routes `show`/`flush` select.
struct Filter {
    table: Option<u32>,
    all_tables: bool,
    dev: Option<u32>,
    proto: Option<Proto>,
    scope: Option<Scope>,
    rtype: Option<RouteType>,
    /// `root P`: routes inside P.
    root: Option<(Ipv4Addr, u8)>,
    /// `match P`: routes that contain P (`exact P` and a bare prefix set both).
    contains: Option<(Ipv4Addr, u8)>,
    via: Option<(Ipv4Addr, u8)>,
    src: Option<(Ipv4Addr, u8)>,
    metric: Option<u32>,
}

fn parse_filter(sim: &Sim, ns: NsId, args: &[String]) -> Result<Filter, Output> {
    let mut f = Filter {
        table: Some(TABLE_MAIN),
        all_tables: false,
        dev: None,
        proto: None,
        scope: None,
        rtype: None,
        root: None,
        contains: None,
        via: None,
        src: None,
        metric: None,
    };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "table" => {
                let v = next_arg(args, &mut i)?;
                if v == "all" || v == "0" {
                    f.all_tables = true;
                    f.table = None;
                } else {
                    f.table = Some(
                        parse_table(v).ok_or_else(|| invarg_nl(v, "table id value is invalid"))?,
                    );
                }
            }
            "dev" | "oif" => {
                let v = next_arg(args, &mut i)?;
                f.dev = Some(dev_index(sim, ns, v).ok_or_else(|| no_device(v))?);
            }
            "proto" | "protocol" => {
                let v = next_arg(args, &mut i)?;
                f.proto =
                    Some(Proto::parse(v).ok_or_else(|| invarg_nl(v, "invalid \"protocol\""))?);
            }
            "scope" => {
                let v = next_arg(args, &mut i)?;
                f.scope = Some(Scope::parse(v).ok_or_else(|| invarg_nl(v, "invalid \"scope\""))?);
            }
            "type" => {
                let v = next_arg(args, &mut i)?;
                f.rtype = Some(
                    RouteType::parse(v)
                        .ok_or_else(|| invarg_nl(v, "node type value is invalid"))?,
                );
            }
            // What is left of the route cache: the learned exceptions.
            _ if matches(a, "cloned") || matches(a, "cached") => {
                return Err(super::route_get::show_cache(sim, ns))
            }
            "via" => {
                let v = next_arg(args, &mut i)?;
                f.via = Some(parse_prefix_raw(v).ok_or_else(|| bad_prefix(v))?);
            }
            "src" => {
                let v = next_arg(args, &mut i)?;
                f.src = Some(parse_prefix_raw(v).ok_or_else(|| bad_prefix(v))?);
            }
            "metric" | "priority" | "preference" => {
                let v = next_arg(args, &mut i)?;
                f.metric =
                    Some(parse_u32(v).ok_or_else(|| invarg_nl(v, "\"metric\" value is invalid"))?);
            }
            _ => {
                // iproute2: `[to] root P`, `[to] match P`, `[to] [exact] P`.
                let mut word = a;
                if word == "to" {
                    word = next_arg(args, &mut i)?;
                }
                let (root, contains, keyword) = match word {
                    "root" => (true, false, true),
                    "match" => (false, true, true),
                    "exact" => (true, true, true),
                    _ => (true, true, false),
                };
                let v = if keyword {
                    next_arg(args, &mut i)?
                } else {
                    word
                };
                let p = parse_prefix(v).ok_or_else(|| bad_prefix(v))?;
                if root {
                    f.root = Some(p);
                }
                if contains {
                    f.contains = Some(p);
                }
            }
        }
        i += 1;
    }
    Ok(f)
}

fn selected<'a>(sim: &'a Sim, ns: NsId, f: &'a Filter) -> impl Iterator<Item = &'a Route> + 'a {
    sim.world
        .ns(ns)
        .fib
        .tables
        .iter()
        .filter(move |(id, _)| f.all_tables || f.table == Some(**id))
        .flat_map(|(_, t)| t.routes())
        // iproute2 compares RTA_OIF and RTA_GATEWAY, which a multipath route does not have.
        .filter(move |r| f.dev.is_none_or(|d| !r.multipath && r.uses_dev(d)))
        .filter(move |r| f.proto.is_none_or(|p| p == r.proto))
        .filter(move |r| f.scope.is_none_or(|s| s == r.scope))
        .filter(move |r| f.rtype.is_none_or(|t| t == r.rtype))
        .filter(move |r| {
            f.root
                .is_none_or(|(d, l)| r.plen >= l && prefix_covers(d, l, r.dst))
        })
        .filter(move |r| {
            f.contains
                .is_none_or(|(d, l)| r.plen <= l && prefix_covers(r.dst, r.plen, d))
        })
        .filter(move |r| {
            f.via.is_none_or(|(a, l)| {
                !r.multipath
                    && r.nexthops
                        .iter()
                        .any(|nh| nh.gw.is_some_and(|g| prefix_covers(a, l, g)))
            })
        })
        .filter(move |r| {
            f.src
                .is_none_or(|(a, l)| r.prefsrc.is_some_and(|p| prefix_covers(a, l, p)))
        })
        .filter(move |r| f.metric.is_none_or(|m| r.metric == m))
}

/// Whether `addr` lies in `net/len`.
fn prefix_covers(net: Ipv4Addr, len: u8, addr: Ipv4Addr) -> bool {
    (u32::from(net) ^ u32::from(addr)) & prefix_mask(len) == 0
}

/// A dump of one table that does not exist fails (`inet_dump_fib` with a table filter).
fn missing_table(sim: &Sim, ns: NsId, f: &Filter, what: &str) -> Option<Output> {
    let t = f.table?;
    sim.world.ns(ns).fib.table(t).is_none().then(|| {
        Output::err(
            format!("Error: ipv4: FIB table does not exist.\n{what} terminated"),
            2,
        )
    })
}

fn show(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let f = match parse_filter(sim, ns, args) {
        Ok(f) => f,
        Err(o) => return o,
    };
    if let Some(o) = missing_table(sim, ns, &f, "Dump") {
        return o;
    }
    // iproute2 prints `table X` only when no table was asked for (`table all` included).
    let show_table = f.all_tables;
    // Tables are dumped in the order of the kernel's table hash (id % 256): custom tables,
    // then main (254), then local (255).
    let mut routes: Vec<&Route> = selected(sim, ns, &f).collect();
    routes.sort_by_key(|r| r.table % 256);
    if opts.json {
        let arr: Vec<Value> = routes
            .iter()
            .map(|r| route_json(sim, ns, r, show_table, opts.details))
            .collect();
        return Output::ok(json_out(&Value::Array(arr), opts));
    }
    let mut out = String::new();
    for r in routes {
        // iproute2 leaves out what the filter fixes.
        let cols = super::route_fmt::Columns {
            table: show_table,
            dev: f.dev.is_none(),
            scope: f.scope.is_none(),
            proto: f.proto.is_none(),
            via: f.via.is_none_or(|(_, l)| l < 32),
            src: f.src.is_none_or(|(_, l)| l < 32),
            metric: f.metric.is_none(),
            details: opts.details,
        };
        let _ = writeln!(out, "{}", route_line(sim, ns, r, cols));
    }
    if f.all_tables && !opts.family4 && f.dev.is_none() && f.proto.is_none() && f.root.is_none() {
        out.push_str(&ipv6_routes(sim, ns, f.rtype));
    }
    Output::ok(out)
}

/// The IPv6 routes `ip route show table all` adds: link-local prefixes, `::1`, and the
/// local and multicast entries of every running device (those of type `rtype` if given).
fn ipv6_routes(sim: &Sim, ns: NsId, rtype: Option<RouteType>) -> String {
    let n = sim.world.ns(ns);
    let now = sim.now();
    let mut out = String::new();
    let lo_up = n.devices.values().any(|d| d.is_loopback() && d.admin_up);
    // Routes of one prefix are listed newest first; local /128 entries by address.
    let mut lls: Vec<(&str, crate::model::device::Ipv6LinkLocal)> = n
        .devices
        .values()
        .filter_map(|d| d.ipv6_ll.map(|l| (d.name.as_str(), l)))
        .collect();
    lls.sort_by_key(|(_, l)| std::cmp::Reverse(l.since));
    for (name, _) in &lls {
        let _ = writeln!(
            out,
            "fe80::/64 dev {name} proto kernel metric 256 pref medium"
        );
    }
    if lo_up {
        out.push_str("local ::1 dev lo table local proto kernel metric 0 pref medium\n");
    }
    let mut locals: Vec<&(&str, crate::model::device::Ipv6LinkLocal)> =
        lls.iter().filter(|(_, l)| now >= l.ready_at).collect();
    locals.sort_by_key(|(_, l)| l.addr);
    for (name, l) in locals {
        let _ = writeln!(
            out,
            "local {} dev {name} table local proto kernel metric 0 pref medium",
            l.addr
        );
    }
    for (name, _) in &lls {
        let _ = writeln!(
            out,
            "multicast ff00::/8 dev {name} table local proto kernel metric 256 pref medium"
        );
    }
    match rtype {
        None => out,
        Some(t) => out
            .lines()
            .filter(|l| match t {
                RouteType::Local => l.starts_with("local "),
                RouteType::Multicast => l.starts_with("multicast "),
                RouteType::Unicast => l.starts_with("fe80:"),
                _ => false,
            })
            .map(|l| format!("{l}\n"))
            .collect(),
    }
}

fn flush(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    if args.first().is_some_and(|a| a == "cache") {
        // The learned exceptions (redirects, path MTUs) are the cache that is left.
        sim.world.ns_mut(ns).exceptions.clear();
        return Output::default();
    }
    let f = match parse_filter(sim, ns, args) {
        Ok(f) => f,
        Err(o) => return o,
    };
    if args.is_empty() {
        return Output::err("\"ip route flush\" requires arguments.", 1);
    }
    if let Some(o) = missing_table(sim, ns, &f, "Flush") {
        return o;
    }
    let doomed: Vec<Route> = selected(sim, ns, &f).cloned().collect();
    let n = doomed.len();
    for r in doomed {
        let table = sim.world.ns_mut(ns).fib.table_mut(r.table);
        table.remove_where(|x| *x == r);
    }
    // `-s`: iproute2 reports its rounds (one is always enough here).
    if opts.stats && n > 0 {
        return Output::ok(format!(
            "\n*** Round 1, deleting {n} entries ***\n*** Flush is complete after 1 round ***\n"
        ));
    }
    Output::default()
}
