//! `ip route get`: iproute2's `iproute_get` argument parsing and the kernel's answer
//! (`inet_rtm_getroute`: an output lookup, or an input lookup with `iif`; with `fibmatch`
//! the FIB entry that matched, printed as `ip route show` prints it).

use super::link::oneline;
use super::route_fmt::{dev_name, route_line, Columns};
use super::route_metrics;
use super::{dev_index, invarg_nl, json_out, next_arg, no_device, Opts};
use crate::cmd::Output;
use crate::model::fib::{parse_u32, TABLE_LOCAL, TABLE_MAIN};
use crate::model::fib::{RouteMetric, RTAX_MTU};
use crate::model::NsId;
use crate::path::route::{
    ip_check_mc, ip_route_input, ip_route_output, InputRoute, OutFlow, OutRoute, RouteErr,
};
use crate::path::Sim;
use serde_json::Value;
use std::fmt::Write;
use std::net::Ipv4Addr;

/// What `ip route get …` asked for.
#[derive(Debug, Default)]
struct Query {
    dst: Option<Ipv4Addr>,
    from: Option<Ipv4Addr>,
    iif: Option<u32>,
    oif: u32,
    mark: u32,
    tos: u8,
    uid: Option<u32>,
    fibmatch: bool,
    connected: bool,
}

/// `get_prefix`: `ADDR[/LEN]`; any length but 32 draws iproute2's warning.
fn prefix(v: &str, family4: bool, warn: &mut String) -> Result<Ipv4Addr, Output> {
    let fam = if family4 { "inet" } else { "any valid" };
    let bad = || {
        Output::err(
            format!("Error: {fam} prefix is expected rather than \"{v}\"."),
            1,
        )
    };
    let (a, len) = match v.split_once('/') {
        Some((a, l)) => (
            a,
            Some(l.parse::<u8>().ok().filter(|l| *l <= 32).ok_or_else(bad)?),
        ),
        None => (v, None),
    };
    let addr = a.parse::<Ipv4Addr>().map_err(|_| bad())?;
    if let Some(l) = len.filter(|l| *l != 32) {
        let _ = writeln!(
            warn,
            "Warning: /{l} as prefix is invalid, only /32 (or none) is supported."
        );
    }
    Ok(addr)
}

fn parse(
    sim: &Sim,
    ns: NsId,
    opts: Opts,
    args: &[String],
    warn: &mut String,
) -> Result<Query, Output> {
    let mut q = Query::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            // The kernel reports no source for 0.0.0.0 (`rt_fill_info` puts RTA_SRC if set).
            "from" => {
                q.from = Some(prefix(next_arg(args, &mut i)?, opts.family4, warn)?)
                    .filter(|a| !a.is_unspecified());
            }
            "to" => q.dst = Some(prefix(next_arg(args, &mut i)?, opts.family4, warn)?),
            "iif" => {
                let v = next_arg(args, &mut i)?;
                q.iif = Some(dev_index(sim, ns, v).ok_or_else(|| no_device(v))?);
            }
            "oif" | "dev" => {
                let v = next_arg(args, &mut i)?;
                q.oif = dev_index(sim, ns, v).ok_or_else(|| no_device(v))?;
            }
            "mark" => {
                let v = next_arg(args, &mut i)?;
                q.mark = parse_u32(v).ok_or_else(|| invarg_nl(v, "\"mark\" value is invalid"))?;
            }
            "tos" | "dsfield" => {
                let v = next_arg(args, &mut i)?;
                q.tos = parse_u32(v)
                    .and_then(|t| u8::try_from(t).ok())
                    .ok_or_else(|| invarg_nl(v, "TOS value is invalid"))?;
            }
            "uid" => {
                let v = next_arg(args, &mut i)?;
                q.uid = Some(v.parse().map_err(|_| invarg_nl(v, "invalid UID"))?);
            }
            "vrf" => {
                let v = next_arg(args, &mut i)?;
                return Err(invarg_nl(v, "Invalid VRF"));
            }
            // Flow keys for multipath hashing and rules pathsim does not look at.
            "ipproto" | "sport" | "dport" => {
                next_arg(args, &mut i)?;
            }
            "fibmatch" => q.fibmatch = true,
            "connected" => q.connected = true,
            _ => q.dst = Some(prefix(a, opts.family4, warn)?),
        }
        i += 1;
    }
    Ok(q)
}

/// `ip route get …`.
pub fn get(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let mut warn = String::new();
    let q = match parse(sim, ns, opts, args, &mut warn) {
        Ok(q) => q,
        Err(o) => return o,
    };
    let Some(dst) = q.dst else {
        return Output::err("need at least a destination address", 1);
    };
    let mut out = if let Some(iif) = q.iif {
        input(sim, ns, opts, &q, dst, iif)
    } else {
        output(sim, ns, opts, &q, dst)
    };
    // iproute2 warns before it asks the kernel.
    if !warn.is_empty() {
        out.interleaved = Some(format!("{warn}{}{}", out.stdout, out.stderr));
        out.stderr.insert_str(0, &warn);
    }
    out
}

fn rtnl_err(e: RouteErr) -> Output {
    Output::err(format!("RTNETLINK answers: {}", e.text()), 2)
}

/// `table X ` as `ip route get` prints it: not for main, and not for local while the
/// namespace has only the default rules (the kernel then keeps local and main merged in one
/// trie, `fib_unmerge`, and reports main). `-d` always prints it.
fn table_word(sim: &Sim, ns: NsId, table: u32, details: bool) -> String {
    let merged = !sim.world.ns(ns).rules.has_custom_rules;
    let shown = if table == TABLE_LOCAL && merged {
        TABLE_MAIN
    } else {
        table
    };
    if shown == TABLE_MAIN && !details {
        String::new()
    } else {
        format!("table {} ", crate::model::fib::table_name(shown))
    }
}

fn mark_word(mark: u32) -> String {
    match mark {
        0 => String::new(),
        1..=15 => format!("mark {mark} "),
        _ => format!("mark 0x{mark:x} "),
    }
}

/// With `iif`: `ip_route_input` as for a packet arriving there.
fn input(sim: &Sim, ns: NsId, opts: Opts, q: &Query, dst: Ipv4Addr, iif: u32) -> Output {
    let src = q.from.unwrap_or(Ipv4Addr::UNSPECIFIED);
    let iif_name = dev_name(sim, ns, iif);
    // (type, gateway, device, table word, cache flags)
    let (kind, gw, dev, table, flags) = match ip_route_input(sim, ns, iif, dst, src, q.tos, q.mark)
    {
        InputRoute::Local { .. } if dst.is_multicast() => {
            let lo = sim.world.ns(ns).loopback().map_or(1, |d| d.ifindex);
            let flags: &[&str] = &["local", "mc"];
            (Some("multicast"), None, lo, String::new(), flags)
        }
        InputRoute::Local { broadcast } => {
            let (kind, flags): (_, &[&str]) = if broadcast {
                ("broadcast", &["local", "brd"])
            } else {
                ("local", &["local"])
            };
            let lo = sim.world.ns(ns).loopback().map_or(1, |d| d.ifindex);
            (Some(kind), None, lo, String::new(), flags)
        }
        InputRoute::Forward { res, redirect, .. } => {
            let flags: &[&str] = if redirect { &["redirect"] } else { &[] };
            let table = table_word(sim, ns, res.table, false);
            (None, res.gw(), res.dev(), table, flags)
        }
        InputRoute::Error { err, .. } => return rtnl_err(err),
        // This kernel's input routing returns a drop reason; `inet_rtm_getroute` turns any
        // of them into EINVAL.
        InputRoute::Martian { .. } => return rtnl_err(RouteErr::Inval),
    };
    let dev = dev_name(sim, ns, dev);
    if opts.json {
        let mut m = serde_json::Map::new();
        if let Some(k) = kind {
            m.insert("type".into(), k.into());
        }
        m.insert("dst".into(), dst.to_string().into());
        m.insert("from".into(), src.to_string().into());
        if let Some(g) = gw {
            m.insert("gateway".into(), g.to_string().into());
        }
        m.insert("dev".into(), dev.into());
        m.insert("flags".into(), Value::Array(Vec::new()));
        if q.mark != 0 {
            m.insert("mark".into(), q.mark.into());
        }
        let cache = flags.iter().map(|f| Value::from(*f)).collect();
        m.insert("cache".into(), Value::Array(cache));
        m.insert("iif".into(), iif_name.into());
        return Output::ok(json_out(&Value::Array(vec![Value::Object(m)]), opts));
    }
    let mut s = String::new();
    if let Some(k) = kind {
        let _ = write!(s, "{k} ");
    }
    let _ = write!(s, "{dst} from {src} ");
    if let Some(g) = gw {
        let _ = write!(s, "via {g} ");
    }
    let _ = write!(s, "dev {dev} {table}");
    // RTCF_MULTICAST shares its bit with RTM_F_OFFLOAD_FAILED, which iproute2 names.
    if kind == Some("multicast") {
        s.push_str("rt_offload_failed ");
    }
    let _ = write!(s, "{}\n    cache ", mark_word(q.mark));
    if !flags.is_empty() {
        let _ = write!(s, "<{}> ", flags.join(","));
    }
    let _ = writeln!(s, "iif {iif_name} ");
    Output::ok(oneline(s, opts))
}

/// Without `iif`: `ip_route_output_key`, printed by iproute2's `print_route`.
fn output(sim: &Sim, ns: NsId, opts: Opts, q: &Query, dst: Ipv4Addr) -> Output {
    let flow = |src| OutFlow {
        dst,
        src,
        oif: q.oif,
        mark: q.mark,
        tos: q.tos,
    };
    let r = match ip_route_output(sim, ns, flow(q.from)) {
        Ok(r) => r,
        Err(e) => return rtnl_err(e),
    };
    if q.fibmatch {
        // RTM_F_FIB_MATCH: the matching entry; a result that is not a usable route (a
        // blackhole, say) is the lookup's error, as for a plain get.
        return match &r.fib {
            Some(res) if !res.route.rtype.is_error() => {
                let cols = Columns {
                    table: res.table != TABLE_MAIN && res.table != TABLE_LOCAL,
                    ..Columns::default()
                };
                Output::ok(format!("{}\n", route_line(sim, ns, &res.route, cols)))
            }
            _ => rtnl_err(RouteErr::Inval),
        };
    }
    if opts.json {
        return Output::ok(json_out(
            &Value::Array(vec![route_json(sim, ns, q, dst, &r)]),
            opts,
        ));
    }
    let mut s = oneline(route_text(sim, ns, opts, q, q.from, dst, &r), opts);
    if q.connected && q.from.is_none() {
        // `connected`: iproute2 asks again from the source the first answer chose.
        if let Ok(again) = ip_route_output(sim, ns, flow(Some(r.src))) {
            s.push_str(&oneline(
                route_text(sim, ns, opts, q, None, dst, &again),
                opts,
            ));
        }
    }
    Output::ok(s)
}

/// `rt_fill_info`'s metrics: the route's, with a learned path MTU in place of RTAX_MTU.
fn cache_metrics(r: &OutRoute) -> String {
    let mut metrics = r
        .fib
        .as_ref()
        .map_or(Vec::new(), |f| f.route.metrics.clone());
    if let Some(mtu) = r.exception.and_then(|e| e.mtu) {
        let lock = metrics.iter().any(|m| m.rtax == RTAX_MTU && m.lock);
        route_metrics::insert(
            &mut metrics,
            RouteMetric {
                rtax: RTAX_MTU,
                lock,
                value: mtu,
            },
        );
    }
    route_metrics::text(&metrics)
}

fn route_text(
    sim: &Sim,
    ns: NsId,
    opts: Opts,
    q: &Query,
    from: Option<Ipv4Addr>,
    dst: Ipv4Addr,
    r: &OutRoute,
) -> String {
    let mut s = String::new();
    let lo = sim
        .world
        .ns(ns)
        .devices
        .get(&r.dev)
        .is_some_and(|d| d.is_loopback());
    if r.broadcast {
        s.push_str("broadcast ");
    } else if r.multicast {
        s.push_str("multicast ");
    } else if r.local {
        s.push_str("local ");
    } else if r
        .fib
        .as_ref()
        .is_some_and(|f| f.route.rtype == crate::model::fib::RouteType::Anycast)
    {
        // `rt_type` of the output route is the FIB entry's type.
        s.push_str("anycast ");
    } else if opts.details {
        s.push_str("unicast ");
    }
    let _ = write!(s, "{dst} ");
    if let Some(f) = from {
        let _ = write!(s, "from {f} ");
    }
    // The tos shown is the matched route's key (a tos-0 route shows none).
    if let Some(t) = r.fib.as_ref().map(|f| f.route.tos).filter(|t| *t != 0) {
        let _ = write!(s, "tos 0x{t:02x} ");
    }
    if let Some(gw) = r.gw {
        let _ = write!(s, "via {gw} ");
    }
    let _ = write!(s, "dev {} ", dev_name(sim, ns, r.dev));
    if let Some(res) = &r.fib {
        s.push_str(&table_word(sim, ns, res.table, opts.details));
    } else if opts.details {
        s.push_str("table main ");
    }
    if from != Some(r.src) {
        let _ = write!(s, "src {} ", r.src);
    }
    // RTCF_MULTICAST shares its bit with RTM_F_OFFLOAD_FAILED, which iproute2 names.
    if r.multicast {
        s.push_str("rt_offload_failed ");
    }
    s.push_str(&mark_word(q.mark));
    let _ = write!(s, "uid {} \n    cache ", q.uid.unwrap_or(0));
    let mc_local = r.multicast && ip_check_mc(dst);
    if r.broadcast {
        s.push_str("<local,brd> ");
    } else if mc_local {
        s.push_str("<local,mc> ");
    } else if r.multicast {
        s.push_str("<mc> ");
    } else if r.local || lo {
        s.push_str("<local> ");
    }
    if let Some(e) = r.exception {
        if e.gw.is_some() && r.gw == e.gw {
            s.push_str("<redirected> ");
        }
        let left = e.expires.saturating_sub(sim.now()) / 1_000_000_000;
        let _ = write!(s, "expires {left}sec ");
    }
    s.push_str(&cache_metrics(r));
    s.push('\n');
    s
}

fn route_json(sim: &Sim, ns: NsId, q: &Query, dst: Ipv4Addr, r: &OutRoute) -> Value {
    let mut m = serde_json::Map::new();
    if r.broadcast {
        m.insert("type".into(), "broadcast".into());
    } else if r.multicast {
        m.insert("type".into(), "multicast".into());
    } else if r.local {
        m.insert("type".into(), "local".into());
    }
    m.insert("dst".into(), dst.to_string().into());
    if let Some(f) = q.from {
        m.insert("src".into(), f.to_string().into());
    }
    if let Some(gw) = r.gw {
        m.insert("gateway".into(), gw.to_string().into());
    }
    m.insert("dev".into(), dev_name(sim, ns, r.dev).into());
    let table = table_word(
        sim,
        ns,
        r.fib.as_ref().map_or(TABLE_MAIN, |f| f.table),
        false,
    );
    if let Some(t) = table.strip_prefix("table ") {
        m.insert("table".into(), t.trim_end().into());
    }
    if q.from != Some(r.src) {
        m.insert("prefsrc".into(), r.src.to_string().into());
    }
    let flags: Vec<Value> = if r.multicast {
        vec!["rt_offload_failed".into()]
    } else {
        Vec::new()
    };
    m.insert("flags".into(), Value::Array(flags));
    if q.mark != 0 {
        m.insert("mark".into(), q.mark.into());
    }
    m.insert("uid".into(), q.uid.unwrap_or(0).into());
    let mut cache: Vec<Value> = Vec::new();
    if r.local || r.broadcast || (r.multicast && ip_check_mc(dst)) {
        cache.push("local".into());
    }
    if r.broadcast {
        cache.push("brd".into());
    }
    if r.multicast {
        cache.push("mc".into());
    }
    m.insert("cache".into(), Value::Array(cache));
    Value::Object(m)
}

/// `ip route show cache`: the live next-hop exceptions (`fnhe`: redirects and path MTUs),
/// each with the route it patches.
pub fn show_cache(sim: &Sim, ns: NsId) -> Output {
    let now = sim.now();
    let mut s = String::new();
    for (dst, e) in &sim.world.ns(ns).exceptions {
        if e.expires <= now {
            continue;
        }
        let flow = OutFlow {
            dst: *dst,
            src: None,
            oif: 0,
            mark: 0,
            tos: 0,
        };
        let Ok(r) = ip_route_output(sim, ns, flow) else {
            continue;
        };
        let _ = write!(s, "{dst} ");
        if let Some(gw) = r.gw {
            let _ = write!(s, "via {gw} ");
        }
        let _ = write!(s, "dev {} \n    cache ", dev_name(sim, ns, r.dev));
        if e.gw.is_some() && r.gw == e.gw {
            s.push_str("<redirected> ");
        }
        let _ = write!(s, "expires {}sec ", (e.expires - now) / 1_000_000_000);
        s.push_str(&cache_metrics(&r));
        s.push('\n');
    }
    Output::ok(s)
}
