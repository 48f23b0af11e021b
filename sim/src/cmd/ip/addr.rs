//! `ip addr`: add, del, flush, show (iproute2 `ipaddress.c`).

use super::link::{oneline, parse_filter, select};
use super::link_fmt::{link_json, link_lines, stats_lines, view};
use super::{dev_index, invarg, json_out, next_arg, no_device, Opts};
use crate::cmd::{matches, Output};
use crate::model::{IfAddr, IfIndex, NsId, Scope};
use crate::path::Sim;
use crate::rtnl::addr as ra;
use serde_json::{json, Map, Value};
use std::fmt::Write;
use std::net::Ipv4Addr;

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
        flush(sim, ns, rest)
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

fn flush(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let name = match args {
        [d, n, ..] if d == "dev" => n,
        [n, ..] => n,
        [] => return Output::err("Flush requires arguments.", 1),
    };
    let Some(idx) = dev_index(sim, ns, name) else {
        return no_device(name);
    };
    let addrs: Vec<(Ipv4Addr, u8)> = sim.world.ns(ns).devices[&idx]
        .addrs
        .iter()
        .map(|a| (a.local, a.prefix_len))
        .collect();
    for (l, p) in addrs.into_iter().rev() {
        let _ = ra::del_addr(&mut sim.world, ns, idx, l, Some(p));
    }
    if let Some(d) = sim.world.ns_mut(ns).devices.get_mut(&idx) {
        if let Some(ll) = d.ipv6_ll.take() {
            let sn = crate::model::device::solicited_node_mac(ll.addr);
            d.mc.retain(|m| *m != sn);
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

/// The IPv6 addresses of a device as (address, prefix, scope, tentative).
fn inet6(sim: &Sim, ns: NsId, idx: IfIndex) -> Vec<(String, u8, &'static str, bool)> {
    let d = &sim.world.ns(ns).devices[&idx];
    let mut v = Vec::new();
    if d.is_loopback() && d.admin_up && d.disable_ipv6 == 0 {
        v.push(("::1".to_string(), 128, "host", false));
    }
    if let Some(ll) = d.ipv6_ll {
        v.push((ll.addr.to_string(), 64, "link", sim.now() < ll.ready_at));
    }
    v
}

fn show(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let f = match parse_filter(args, "address") {
        Ok(f) => f,
        Err(o) => return o,
    };
    let devs = match select(sim, ns, &f) {
        Ok(d) => d,
        Err(o) => return o,
    };
    let want4 = !opts.family6;
    let want6 = !opts.family4;
    let mut out = String::new();
    let mut arr = Vec::new();
    for idx in devs {
        let d = &sim.world.ns(ns).devices[&idx];
        // `label PATTERN` (print_addrinfo): an IPv4 address by its label, an IPv6 one by
        // its device's name; the link lines are left out.
        let label_ok = |l: &str| f.label.as_ref().is_none_or(|p| p.matches(l));
        let v4: Vec<IfAddr> = if want4 {
            d.addrs
                .iter()
                .filter(|a| label_ok(&a.label))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let v6 = if want6 && label_ok(&d.name) {
            inet6(sim, ns, idx)
        } else {
            Vec::new()
        };
        let filtered = opts.family4 || opts.family6 || f.label.is_some();
        if filtered && v4.is_empty() && v6.is_empty() {
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
            let mut info: Vec<Value> = v4
                .iter()
                .map(|a| {
                    let mut o = Map::new();
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
            for (a, p, scope, tent) in &v6 {
                let mut o = Map::new();
                o.insert("family".into(), json!("inet6"));
                o.insert("local".into(), json!(a));
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
        if f.label.is_some() {
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
