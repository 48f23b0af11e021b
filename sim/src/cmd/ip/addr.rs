//! `ip addr`: add, del, flush, show (iproute2 `ipaddress.c`).

use super::addr_filter::{
    AddrFilter, AddrView, Family, IFA_F_PERMANENT, IFA_F_SECONDARY, IFA_F_TENTATIVE,
};
use super::link::{oneline, select};
use super::link_fmt::{link_json, link_lines, stats_json, stats_lines, view};
use super::{dev_index, invarg, json_out, next_arg, no_device, Opts};
use crate::cmd::{matches, Output};
use crate::model::{IfAddr, IfIndex, NsId, Scope};
use crate::path::Sim;
use crate::rtnl::addr as ra;
use serde_json::{json, Map, Value};
use std::fmt::Write;
use std::net::{Ipv4Addr, Ipv6Addr};

/// `ip addr …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") || matches(verb, "replace") {
        add(sim, ns, rest, verb.starts_with('r'))
    } else if matches(verb, "delete") {
        del(sim, ns, rest)
    } else if matches(verb, "flush") {
        flush(sim, ns, opts, rest)
    } else if matches(verb, "show") || matches(verb, "list") || verb == "lst" {
        show(sim, ns, opts, rest)
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"ip address help\"."),
            255,
        )
    }
}

struct AddrArgs {
    local: Ipv4Addr,
    plen: Option<u8>,
    dev: Option<String>,
    brd: Option<String>,
    scope: Option<Scope>,
    label: Option<String>,
}

fn parse(args: &[String]) -> Result<AddrArgs, Output> {
    let mut a = AddrArgs {
        local: Ipv4Addr::UNSPECIFIED,
        plen: None,
        dev: None,
        brd: None,
        scope: None,
        label: None,
    };
    let mut have_local = false;
    let mut i = 0;
    while i < args.len() {
        let w = args[i].as_str();
        match w {
            "dev" => a.dev = Some(next_arg(args, &mut i)?.to_string()),
            "broadcast" | "brd" => a.brd = Some(next_arg(args, &mut i)?.to_string()),
            "scope" => {
                let v = next_arg(args, &mut i)?;
                a.scope = Some(Scope::parse(v).ok_or_else(|| invarg(v, "invalid scope value."))?);
            }
            "label" => {
                let l = next_arg(args, &mut i)?;
                // IFA_LABEL's netlink policy: at most IFNAMSIZ - 1 bytes.
                if l.len() >= 16 {
                    return Err(Output::err("Error: Attribute failed policy validation.", 2));
                }
                a.label = Some(l.to_string());
            }
            _ if !have_local => {
                let v = if w == "local" { next_arg(args, &mut i)? } else { w };
                let (ad, l) = match v.split_once('/') {
                    Some((ad, l)) => (ad, Some(l)),
                    None => (v, None),
                };
                a.local = ad.parse().map_err(|_| Output::err(format!("Error: any valid prefix is expected rather than \"{v}\"."), 1))?;
                a.plen = match l {
                    Some(l) => Some(l.parse::<u8>().ok().filter(|p| *p <= 32).ok_or_else(|| Output::err(format!("Error: any valid prefix is expected rather than \"{v}\"."), 1))?),
                    None => None,
                };
                have_local = true;
            }
            _ => {
                return Err(Output::unsupported(format!(
                    "ip addr: \"{w}\" is not supported; supported: ADDR[/LEN] dev DEV [brd ADDR|+|-] [scope S] [label L]"
                )))
            }
        }
        i += 1;
    }
    Ok(a)
}

fn add(sim: &mut Sim, ns: NsId, args: &[String], replace: bool) -> Output {
    let a = match parse(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let Some(dev) = a.dev.clone() else {
        return Output::err("Not enough information: \"dev\" argument is required.", 255);
    };
    let Some(idx) = dev_index(sim, ns, &dev) else {
        return no_device(&dev);
    };
    let plen = a.plen.unwrap_or(32);
    let mut ifa = IfAddr {
        local: a.local,
        prefix_len: plen,
        broadcast: None,
        scope: a.scope.unwrap_or(if a.local.is_loopback() {
            Scope::Host
        } else {
            Scope::Universe
        }),
        secondary: false,
        label: a.label.unwrap_or(dev),
    };
    ifa.broadcast = match a.brd.as_deref() {
        Some("+") => Some(ifa.subnet_broadcast()),
        Some("-") | None => None,
        Some(b) => match b.parse() {
            Ok(x) => Some(x),
            Err(_) => {
                return Output::err(
                    format!("Error: inet address is expected rather than \"{b}\"."),
                    1,
                )
            }
        },
    };
    if replace {
        let _ = ra::del_addr(&mut sim.world, ns, idx, a.local, Some(plen));
    }
    match ra::add_addr(&mut sim.world, ns, idx, ifa) {
        Ok(()) => Output::default(),
        Err(e) => Output::err(e.iproute2_line(), 2),
    }
}

fn del(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let a = match parse(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let Some(dev) = a.dev.clone() else {
        return Output::err("Not enough information: \"dev\" argument is required.", 255);
    };
    let Some(idx) = dev_index(sim, ns, &dev) else {
        return no_device(&dev);
    };
    let mut warn = String::new();
    if a.plen.is_none() {
        warn = format!("Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length ({}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n", a.local);
    }
    match ra::del_addr(&mut sim.world, ns, idx, a.local, a.plen) {
        Ok(()) => Output {
            stderr: warn,
            ..Default::default()
        },
        Err(e) => {
            let mut o = Output::err(e.iproute2_line(), 2);
            o.stderr.insert_str(0, &warn);
            o
        }
    }
}

/// `ip addr flush FILTER` (ipaddr_flush): delete every address the filter takes, then look
/// again, as a primary's deletion may promote a secondary that the filter takes too; at most
/// ten rounds, as iproute2.
fn flush(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    if args.is_empty() {
        return Output::err("Flush requires arguments.", 1);
    }
    let f = match AddrFilter::parse(args, opts) {
        Ok(f) => f,
        Err(o) => return o,
    };
    let devs = match select(sim, ns, &f.link) {
        Ok(d) => d,
        Err(o) => return o,
    };
    for _round in 0..10 {
        let mut v4: Vec<(IfIndex, Ipv4Addr, u8)> = Vec::new();
        let mut v6: Vec<IfIndex> = Vec::new();
        for &idx in &devs {
            let d = &sim.world.ns(ns).devices[&idx];
            if f.wants_family(false) {
                v4.extend(
                    d.addrs
                        .iter()
                        .filter(|a| f.accepts(&view4(a)))
                        .map(|a| (idx, a.local, a.prefix_len)),
                );
            }
            // Only the link-local address can go: ::1 on lo follows lo's state here.
            let ll = inet6(sim, ns, idx).into_iter().filter(|a| a.2 == "link");
            if f.wants_family(true) && ll.into_iter().any(|a| f.accepts(&view6(&a, &d.name))) {
                v6.push(idx);
            }
        }
        if v4.is_empty() && v6.is_empty() {
            break;
        }
        // Secondaries are dumped after their primary: deleting from the end removes them
        // before the primary would take them along.
        for (idx, l, p) in v4.into_iter().rev() {
            let _ = ra::del_addr(&mut sim.world, ns, idx, l, Some(p));
        }
        for idx in v6 {
            if let Some(d) = sim.world.ns_mut(ns).devices.get_mut(&idx) {
                if let Some(ll) = d.ipv6_ll.take() {
                    let sn = crate::model::device::solicited_node_mac(ll.addr);
                    d.mc.retain(|m| *m != sn);
                }
            }
        }
    }
    Output::default()
}

/// One `inet` line pair.
fn inet_lines(a: &IfAddr) -> String {
    let mut s = format!("    inet {}/{} ", a.local, a.prefix_len);
    if let Some(b) = a.broadcast {
        let _ = write!(s, "brd {b} ");
    }
    let _ = write!(s, "scope {} ", a.scope.name());
    if a.secondary {
        s.push_str("secondary ");
    }
    let _ = writeln!(s, "{}", a.label);
    s.push_str("       valid_lft forever preferred_lft forever\n");
    s
}

/// An IPv6 address of a device: (address, prefix, scope name, tentative).
type Inet6 = (Ipv6Addr, u8, &'static str, bool);

/// The IPv6 addresses of a device.
fn inet6(sim: &Sim, ns: NsId, idx: IfIndex) -> Vec<Inet6> {
    let d = &sim.world.ns(ns).devices[&idx];
    let mut v = Vec::new();
    if d.is_loopback() && d.admin_up && d.disable_ipv6 == 0 {
        v.push((Ipv6Addr::LOCALHOST, 128, "host", false));
    }
    if let Some(ll) = d.ipv6_ll {
        v.push((ll.addr, 64, "link", sim.now() < ll.ready_at));
    }
    v
}

/// What the filter sees of an IPv4 address: every one is permanent (no lifetimes here).
fn view4(a: &IfAddr) -> AddrView<'_> {
    AddrView {
        local: a.local.into(),
        scope: a.scope.value(),
        flags: IFA_F_PERMANENT | if a.secondary { IFA_F_SECONDARY } else { 0 },
        label: &a.label,
    }
}

/// What the filter sees of an IPv6 address; it has no label and matches by device name.
fn view6<'a>(a: &Inet6, dev: &'a str) -> AddrView<'a> {
    AddrView {
        local: a.0.into(),
        scope: if a.2 == "host" { 254 } else { 253 },
        flags: IFA_F_PERMANENT | if a.3 { IFA_F_TENTATIVE } else { 0 },
        label: dev,
    }
}

fn show(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let f = match AddrFilter::parse(args, opts) {
        Ok(f) => f,
        Err(o) => return o,
    };
    let devs = match select(sim, ns, &f.link) {
        Ok(d) => d,
        Err(o) => return o,
    };
    // A `to` prefix sets the family as -4/-6 would (the link-layer part is left out too).
    let opts = Opts {
        family4: f.family() == Family::Inet,
        family6: f.family() == Family::Inet6,
        ..opts
    };
    let mut out = String::new();
    let mut arr = Vec::new();
    for idx in devs {
        let d = &sim.world.ns(ns).devices[&idx];
        // Every address of the device, each with whether the filter (print_addrinfo's tests)
        // takes it; the family filter drops addresses before anything else.
        let all6 = inet6(sim, ns, idx);
        let has_any = !d.addrs.is_empty() || !all6.is_empty();
        let v4_all: Vec<(IfAddr, bool)> = if f.wants_family(false) {
            d.addrs
                .iter()
                .map(|a| (a.clone(), f.accepts(&view4(a))))
                .collect()
        } else {
            Vec::new()
        };
        let v6_all: Vec<(Inet6, bool)> = if f.wants_family(true) {
            all6.into_iter()
                .map(|a| {
                    let ok = f.accepts(&view6(&a, &d.name));
                    (a, ok)
                })
                .collect()
        } else {
            Vec::new()
        };
        let v4: Vec<IfAddr> = v4_all.iter().filter(|x| x.1).map(|x| x.0.clone()).collect();
        let v6: Vec<Inet6> = v6_all.iter().filter(|x| x.1).map(|x| x.0).collect();
        // ipaddr_filter: a device with addresses none of which pass is left out, and so is
        // one without any address when a family is asked for; with `label` the link lines
        // are not printed, so a device with nothing to show is left out too.
        let shown = v4.len() + v6.len();
        if (has_any && shown == 0)
            || (!has_any && f.family() != Family::Any)
            || (f.link.label.is_some() && shown == 0)
        {
            continue;
        }
        if opts.json {
            let mut m: Map<String, Value> = link_json(sim, ns, idx, false, opts);
            if opts.family4 || opts.family6 {
                // As in text, a family filter drops the link-layer part.
                for k in ["link_type", "address", "broadcast"] {
                    m.shift_remove(k);
                }
            }
            // print_selected_addrinfo opens a JSON object for every address of the family
            // before print_addrinfo's filter: one the filter refuses leaves `{}`.
            let mut info: Vec<Value> = v4_all
                .iter()
                .map(|(a, ok)| {
                    let mut o = Map::new();
                    if !ok {
                        return Value::Object(o);
                    }
                    o.insert("family".into(), json!("inet"));
                    o.insert("local".into(), json!(a.local.to_string()));
                    o.insert("prefixlen".into(), json!(a.prefix_len));
                    if let Some(b) = a.broadcast {
                        o.insert("broadcast".into(), json!(b.to_string()));
                    }
                    o.insert("scope".into(), json!(a.scope.name()));
                    if a.secondary {
                        o.insert("secondary".into(), json!(true));
                    }
                    o.insert("label".into(), json!(a.label));
                    o.insert("valid_life_time".into(), json!(4294967295u32));
                    o.insert("preferred_life_time".into(), json!(4294967295u32));
                    Value::Object(o)
                })
                .collect();
            for ((a, p, scope, tent), ok) in &v6_all {
                let mut o = Map::new();
                if !ok {
                    info.push(Value::Object(o));
                    continue;
                }
                o.insert("family".into(), json!("inet6"));
                o.insert("local".into(), json!(a.to_string()));
                o.insert("prefixlen".into(), json!(p));
                o.insert("scope".into(), json!(scope));
                if *tent {
                    o.insert("tentative".into(), json!(true));
                }
                o.insert("valid_life_time".into(), json!(4294967295u32));
                o.insert("preferred_life_time".into(), json!(4294967295u32));
                info.push(Value::Object(o));
            }
            m.insert("addr_info".into(), Value::Array(info));
            if opts.stats {
                let d = &sim.world.ns(ns).devices[&idx];
                m.insert("stats64".into(), stats_json(d, opts.stats_detailed));
            }
            arr.push(Value::Object(m));
            continue;
        }
        if opts.brief {
            let Some(v) = view(sim, ns, idx) else {
                continue;
            };
            let _ = write!(out, "{:<16} {:<14} ", v.name_at, v.operstate);
            for a in &v4 {
                let _ = write!(out, "{}/{} ", a.local, a.prefix_len);
            }
            for (a, p, _, _) in &v6 {
                let _ = write!(out, "{a}/{p} ");
            }
            out.push('\n');
            continue;
        }
        let mut lines: Vec<String> = v4.iter().map(inet_lines).collect();
        for (a, p, scope, tent) in &v6 {
            lines.push(format!(
                "    inet6 {a}/{p} scope {scope} {}\n       valid_lft forever preferred_lft forever\n",
                if *tent { "tentative " } else { "" }
            ));
        }
        if opts.oneline {
            // One line per address, led by the index and the bare device name.
            let name = &sim.world.ns(ns).devices[&idx].name;
            for l in lines {
                out.push_str(&oneline(format!("{idx}: {name}{l}"), opts));
            }
            continue;
        }
        if f.link.label.is_some() {
            lines.into_iter().for_each(|l| out.push_str(&l));
            continue;
        }
        let mut head = link_lines(sim, ns, idx, false, opts);
        if opts.family4 || opts.family6 {
            // With a family filter iproute2 skips the link/ether line but keeps its
            // link-netns part on the first line.
            let mut parts = head.splitn(2, '\n');
            let first = parts.next().unwrap_or_default().to_string();
            let netns = parts
                .next()
                .and_then(|l| l.find(" link-netns").map(|i| l[i..].trim_end().to_string()))
                .unwrap_or_default();
            head = format!("{first}{netns}\n");
        }
        out.push_str(&head);
        if opts.stats {
            out.push_str(&stats_lines(
                &sim.world.ns(ns).devices[&idx],
                opts.stats_detailed,
            ));
        }
        for l in lines {
            out.push_str(&l);
        }
    }
    if opts.json {
        return Output::ok(json_out(&Value::Array(arr), opts));
    }
    Output::ok(out)
}
