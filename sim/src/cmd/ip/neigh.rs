//! `ip neigh`: add, replace, change, del, flush, show, and proxy entries (iproute2
//! `ipneigh.c`). Changes go through the neighbour state machine (`neigh_update` with
//! `NEIGH_UPDATE_F_ADMIN`).

use super::{dev_index, invarg, json_out, next_arg, no_device, Opts};
use crate::cmd::{matches, Output};
use crate::model::neigh::{Neighbour, Nud};
use crate::model::NsId;
use crate::path::neigh_create::neigh_lookup_create;
use crate::path::neighbour::{neigh_delete, neigh_update};
use crate::path::Sim;
use crate::wire::Mac;
use serde_json::{json, Map, Value};
use std::fmt::Write;
use std::net::Ipv4Addr;

/// `ip neigh …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") {
        modify(sim, ns, rest, Verb::Add)
    } else if matches(verb, "change") || verb == "chg" {
        modify(sim, ns, rest, Verb::Change)
    } else if matches(verb, "replace") {
        modify(sim, ns, rest, Verb::Replace)
    } else if matches(verb, "delete") {
        modify(sim, ns, rest, Verb::Del)
    } else if matches(verb, "show") || matches(verb, "list") || verb == "lst" {
        show(sim, ns, opts, rest)
    } else if matches(verb, "flush") {
        flush(sim, ns, rest)
    } else if matches(verb, "get") {
        get(sim, ns, rest)
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"ip neigh help\"."),
            255,
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Add,
    Change,
    Replace,
    Del,
}

fn modify(sim: &mut Sim, ns: NsId, args: &[String], verb: Verb) -> Output {
    let mut ip = None;
    let mut dev = None;
    let mut mac = None;
    let mut nud = Nud::Permanent;
    let mut proxy = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let r: Result<(), Output> = (|| {
            match a {
                "lladdr" => {
                    let v = next_arg(args, &mut i)?;
                    // iproute2's lladdr parser; the kernel wants at least the device's
                    // address length and uses that many bytes (`neigh_add`).
                    let bytes = super::link_parse::ll_addr_a2n(v)?;
                    let six: [u8; 6] = bytes
                        .get(..6)
                        .and_then(|b| b.try_into().ok())
                        .ok_or_else(|| Output::err("Error: Invalid link address.", 2))?;
                    mac = Some(Mac(six));
                }
                "dev" => {
                    let v = next_arg(args, &mut i)?;
                    dev = Some(dev_index(sim, ns, v).ok_or_else(|| no_device(v))?);
                }
                "nud" => {
                    let v = next_arg(args, &mut i)?;
                    nud = Nud::parse(v).ok_or_else(|| invarg(v, "nud state is bad"))?;
                }
                "proxy" => {
                    let v = next_arg(args, &mut i)?;
                    proxy = true;
                    ip = Some(v.parse::<Ipv4Addr>().map_err(|_| {
                        Output::err(
                            format!("Error: inet address is expected rather than \"{v}\"."),
                            1,
                        )
                    })?);
                }
                _ => {
                    let v = if a == "to" {
                        next_arg(args, &mut i)?
                    } else {
                        a
                    };
                    if ip.is_some() {
                        return Err(Output::unsupported(format!("ip neigh: \"{v}\" is not supported; supported: ADDR lladdr MAC dev DEV nud STATE, proxy ADDR dev DEV")));
                    }
                    ip = Some(super::route::get_addr_ipv4(v).ok_or_else(|| {
                        Output::err(
                            format!("Error: any valid address is expected rather than \"{v}\"."),
                            1,
                        )
                    })?);
                }
            }
            Ok(())
        })();
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let (Some(ip), Some(dev)) = (ip, dev) else {
        return Output::err("Device and destination are required arguments.", 255);
    };
    let n = sim.world.ns_mut(ns);
    if proxy {
        let exists = n.neigh.proxies.contains(&(ip, Some(dev)));
        return match verb {
            Verb::Del if !exists => Output::err("RTNETLINK answers: No such file or directory", 2),
            Verb::Del => {
                n.neigh.proxies.retain(|p| *p != (ip, Some(dev)));
                Output::default()
            }
            _ => {
                if !exists {
                    n.neigh.proxies.push((ip, Some(dev)));
                }
                Output::default()
            }
        };
    }
    let existing = n
        .neigh
        .get(dev, ip)
        .filter(|e| e.state != Nud::None)
        .is_some();
    match verb {
        Verb::Del => {
            if !existing {
                return Output::err("RTNETLINK answers: No such file or directory", 2);
            }
            neigh_delete(sim, ns, dev, ip);
            return Output::default();
        }
        Verb::Add if existing => return Output::err("RTNETLINK answers: File exists", 2),
        Verb::Change if !existing => {
            return Output::err("RTNETLINK answers: No such file or directory", 2)
        }
        _ => {}
    }
    // `neigh_add` looks the entry up by the given address, but a new one is made by
    // `arp_constructor` (keyed 0.0.0.0 on `lo`, NOARP there) before `__neigh_update`.
    // A valid state needs a link-layer address; without one the stored address of a valid
    // entry is kept, otherwise the (new, still empty) entry stays behind and the request fails.
    let key = neigh_lookup_create(sim, ns, dev, ip);
    let stored = sim
        .world
        .ns(ns)
        .neigh
        .get(dev, key)
        .filter(|e| e.state.is_valid())
        .and_then(|e| e.lladdr);
    let mac = mac.or(stored);
    if mac.is_none() && nud.is_valid() {
        return Output::err("Error: No link layer address given.", 2);
    }
    let flags = crate::path::neighbour::UpdateFlags {
        override_ll: true,
        admin: true,
    };
    neigh_update(sim, ns, dev, key, mac, nud, flags);
    Output::default()
}

/// `ip neigh flush [dev D] [nud STATE] [PREFIX] | all`: without `nud`, every entry but
/// PERMANENT and NOARP ones (iproute2's flush filter `~(NUD_PERMANENT|NUD_NOARP)` keeps bit
/// 0x100, so entries in NUD_NONE go too). iproute2 deletes each with RTM_DELNEIGH, so an
/// INCOMPLETE entry reports its queued packets unreachable (`neigh_delete`).
fn flush(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    if args.is_empty() {
        return Output::err("Flush requires arguments.", 1);
    }
    let (mut dev, mut nud, mut prefix) = (None, None, None);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "all" => {}
            "dev" | "nud" | "to" => {
                let v = match next_arg(args, &mut i) {
                    Ok(v) => v,
                    Err(o) => return o,
                };
                match a {
                    "dev" => match dev_index(sim, ns, v) {
                        Some(d) => dev = Some(d),
                        None => return no_device(v),
                    },
                    "nud" => match Nud::parse(v) {
                        Some(n) => nud = Some(n),
                        None => return invarg(v, "nud state is bad"),
                    },
                    _ => match super::route::parse_prefix(v) {
                        Some(p) => prefix = Some(p),
                        None => {
                            return Output::err(
                                format!("Error: any valid prefix is expected rather than \"{v}\"."),
                                1,
                            )
                        }
                    },
                }
            }
            other => match super::route::parse_prefix(other) {
                Some(p) => prefix = Some(p),
                None => match dev_index(sim, ns, other) {
                    Some(d) => dev = Some(d),
                    None => return no_device(other),
                },
            },
        }
        i += 1;
    }
    // One RTM_DELNEIGH per selected entry (`neigh_delete`), in dump order.
    let selected: Vec<_> = sim
        .world
        .ns(ns)
        .neigh
        .entries
        .iter()
        .filter(|((d, ip), e)| {
            dev.is_none_or(|x| x == *d)
                && prefix.is_none_or(|(a, l)| crate::model::in_prefix(*ip, a, l))
                && match nud {
                    Some(n) => n == e.state,
                    None => !matches!(e.state, Nud::Permanent | Nud::Noarp),
                }
        })
        .map(|(k, _)| *k)
        .collect();
    for (d, ip) in selected {
        neigh_delete(sim, ns, d, ip);
    }
    Output::default()
}

/// The address `neigh_fill_info` dumps (`NDA_LLADDR`): only in a `NUD_VALID` state, so an
/// INCOMPLETE or FAILED entry shows none even when it still holds the last one it knew
/// (PROBE → FAILED).
fn dumped_lladdr(e: &Neighbour) -> Option<Mac> {
    e.lladdr.filter(|_| e.state.is_valid())
}

fn line(sim: &Sim, ns: NsId, e: &Neighbour, show_dev: bool) -> String {
    let mut s = format!("{} ", e.ip);
    if show_dev {
        let name = sim
            .world
            .ns(ns)
            .devices
            .get(&e.dev)
            .map_or("?", |d| d.name.as_str());
        let _ = write!(s, "dev {name} ");
    }
    if let Some(m) = dumped_lladdr(e) {
        let _ = write!(s, "lladdr {m} ");
    }
    // NUD_NONE has no name in iproute2's listing.
    if e.state != Nud::None {
        let _ = write!(s, "{} ", e.state.name());
    }
    s
}

fn show(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let mut dev = None;
    let mut proxy = false;
    let mut nud = None;
    let mut all_states = false;
    let mut prefix = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "dev" => match next_arg(args, &mut i) {
                Ok(v) => match dev_index(sim, ns, v) {
                    Some(d) => dev = Some(d),
                    None => return no_device(v),
                },
                Err(o) => return o,
            },
            "proxy" => proxy = true,
            "nud" => match next_arg(args, &mut i) {
                Ok("all") => all_states = true,
                Ok(v) => match Nud::parse(v) {
                    Some(s) => nud = Some(s),
                    None => {
                        return invarg(v, "nud state is bad")
                    }
                },
                Err(o) => return o,
            },
            "to" => match next_arg(args, &mut i).map(super::route::parse_prefix) {
                Ok(Some(p)) => prefix = Some(p),
                Ok(None) => return Output::err(format!("Error: an inet prefix is expected rather than \"{}\".", args[i]), 1),
                Err(o) => return o,
            },
            other => match super::route::parse_prefix(other) {
                Some(p) if prefix.is_none() => prefix = Some(p),
                None if prefix.is_none() => {
                    return Output::err(
                        format!("Error: any valid prefix is expected rather than \"{other}\"."),
                        1,
                    )
                }
                _ => {
                    return Output::unsupported(format!(
                        "ip neigh show: \"{other}\" is not supported; supported: [to] PREFIX, dev DEV, proxy, nud STATE"
                    ))
                }
            },
        }
        i += 1;
    }
    let n = sim.world.ns(ns);
    let mut out = String::new();
    if proxy {
        let mut arr = Vec::new();
        for (ip, d) in &n.neigh.proxies {
            if dev.is_some() && *d != dev {
                continue;
            }
            let name = d
                .and_then(|d| n.devices.get(&d))
                .map_or("", |x| x.name.as_str());
            let _ = writeln!(out, "{ip} dev {name} proxy ");
            arr.push(json!({"dst": ip.to_string(), "dev": name, "proxy": null}));
        }
        if opts.json {
            return Output::ok(json_out(&Value::Array(arr), opts));
        }
        return Output::ok(out);
    }
    let entries: Vec<&Neighbour> = n
        .neigh
        .entries
        .values()
        .filter(|e| all_states || nud.is_some() || (e.state != Nud::None && e.state != Nud::Noarp))
        .filter(|e| dev.is_none_or(|d| d == e.dev))
        .filter(|e| nud.is_none_or(|s| s == e.state))
        .filter(|e| prefix.is_none_or(|(a, l)| crate::model::in_prefix(e.ip, a, l)))
        .collect();
    if opts.json {
        let arr: Vec<Value> = entries
            .iter()
            .map(|e| {
                let mut m = Map::new();
                m.insert("dst".into(), json!(e.ip.to_string()));
                if dev.is_none() {
                    let name = n.devices.get(&e.dev).map_or("?", |d| d.name.as_str());
                    m.insert("dev".into(), json!(name));
                }
                if let Some(l) = dumped_lladdr(e) {
                    m.insert("lladdr".into(), json!(l.to_string()));
                }
                m.insert("state".into(), json!([e.state.name()]));
                Value::Object(m)
            })
            .collect();
        return Output::ok(json_out(&Value::Array(arr), opts));
    }
    for e in entries {
        if opts.brief {
            // print_neigh's brief form: address, device unless filtered, link address.
            let _ = write!(out, "{:<39} ", e.ip.to_string());
            if dev.is_none() {
                let name = n.devices.get(&e.dev).map_or("?", |d| d.name.as_str());
                let _ = write!(out, "{name:<16} ");
            }
            if let Some(m) = dumped_lladdr(e) {
                let _ = write!(out, "{m}");
            }
            out.push('\n');
            continue;
        }
        let _ = writeln!(out, "{}", line(sim, ns, e, dev.is_none()));
    }
    Output::ok(out)
}

/// `ip neigh get [proxy] ADDR dev DEV` (`ipneigh_get` → `RTM_GETNEIGH` for one entry, in
/// any state). iproute2 6.1 prints the answer as text even under `-j`.
fn get(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut proxy = false;
    let mut dev = None;
    let mut addr = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "proxy" => proxy = true,
            "dev" => match next_arg(args, &mut i) {
                Ok(v) => dev = Some(v.to_string()),
                Err(o) => return o,
            },
            other => match other.parse::<Ipv4Addr>() {
                Ok(a) => addr = Some(a),
                Err(_) => {
                    return Output::err(
                        format!("Error: any valid address is expected rather than \"{other}\"."),
                        1,
                    )
                }
            },
        }
        i += 1;
    }
    let (Some(name), Some(ip)) = (dev, addr) else {
        return Output::err("Device and address are required arguments.", 1);
    };
    let Some(idx) = dev_index(sim, ns, &name) else {
        return Output::err(format!("Cannot find device \"{name}\""), 1);
    };
    let n = sim.world.ns(ns);
    if proxy {
        return match n
            .neigh
            .proxies
            .iter()
            .find(|(a, d)| *a == ip && *d == Some(idx))
        {
            Some(_) => Output::ok(format!("{ip} dev {name} proxy \n")),
            None => Output::err("Error: Proxy neighbour entry not found.", 2),
        };
    }
    match n
        .neigh
        .entries
        .values()
        .find(|e| e.ip == ip && e.dev == idx)
    {
        Some(e) => Output::ok(format!("{}\n", line(sim, ns, e, true))),
        None => Output::err("Error: Neighbour entry not found.", 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    #[test]
    fn a_failed_entry_prints_no_lladdr() {
        let mut s = Sim::new(1);
        let sh = |s: &mut Sim, line: &str| {
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            execute(s, 0, &argv).stdout
        };
        sh(&mut s, "ip link add v0 type veth peer name v1");
        let v0 = s.world.ns(0).ifindex_of("v0").unwrap();
        let mut e = Neighbour::new(Ipv4Addr::new(10, 0, 0, 7), v0, 0);
        e.state = Nud::Failed;
        e.lladdr = Some(Mac([2, 0, 0, 0, 0, 7]));
        s.world.ns_mut(0).neigh.entries.insert((v0, e.ip), e);
        assert_eq!(sh(&mut s, "ip neigh show"), "10.0.0.7 dev v0 FAILED \n");
        assert_eq!(
            sh(&mut s, "ip -j neigh show"),
            r#"[{"dst":"10.0.0.7","dev":"v0","state":["FAILED"]}]"#.to_string() + "\n"
        );
    }
}
