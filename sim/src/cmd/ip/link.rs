//! `ip link`: add (veth, bridge), set, delete, show — and the link header lines that
//! `ip addr` shares (`print_linkinfo` in iproute2's `ipaddress.c`).

use super::link_fmt::{brief_line, link_json, link_lines, stats_json, stats_lines};
use super::link_parse::{
    check_dev_name, check_ifname, iplink_keyword, lookup_ns, on_off, parse_mac, parse_mac_for_set,
    unmodelled_option,
};
use super::{dev_index, invarg, invarg_nl, json_out, next_arg, no_device, Opts};
use crate::cmd::{matches, Output};
use crate::model::device::Bridge;
use crate::model::{DevRef, IfIndex, NsId};
use crate::path::Sim;
use crate::rtnl::{link as rl, Refused};
use crate::wire::Mac;
use serde_json::Value;

/// `ip link …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") {
        add(sim, ns, rest)
    } else if matches(verb, "set") || matches(verb, "change") {
        set(sim, ns, rest)
    } else if matches(verb, "delete") {
        del(sim, ns, rest)
    } else if matches(verb, "show") || matches(verb, "lst") || matches(verb, "list") {
        show(sim, ns, opts, rest)
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"ip link help\"."),
            255,
        )
    }
}

fn refused(r: Refused) -> Output {
    Output::err(r.iproute2_line(), 2)
}

/// Allocates `link-netnsid` ids both ways between two namespaces (`peernet2id_alloc`).
pub fn ensure_netnsids(sim: &mut Sim, a: NsId, b: NsId) {
    if a == b {
        return;
    }
    for (viewer, other) in [(a, b), (b, a)] {
        let n = sim.world.ns_mut(viewer);
        if !n.netnsids.contains_key(&other) {
            let id = (0..)
                .find(|i| !n.netnsids.values().any(|v| v == i))
                .unwrap_or(0);
            n.netnsids.insert(other, id);
        }
    }
}

/// `ip link add [name] NAME [address MAC] [mtu N] type veth|bridge …`.
fn add(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut name = None;
    let mut mac = None;
    let mut mtu = None;
    let mut target = ns;
    let mut master = None;
    let mut up = false;
    let mut i = 0;
    let mut kind = None;
    while i < args.len() {
        let a = args[i].as_str();
        let key = iplink_keyword(a);
        let r: Result<(), Output> = match key {
            Some("name") => next_arg(args, &mut i)
                .and_then(|v| check_ifname(v).map(|()| v))
                .map(|v| name = Some(v.to_string())),
            Some("address") => next_arg(args, &mut i)
                .and_then(parse_mac)
                .map(|m| mac = Some(m)),
            Some("mtu") => next_arg(args, &mut i).and_then(|v| {
                v.parse::<u32>()
                    .map(|m| mtu = Some(m))
                    .map_err(|_| invarg_nl(v, "Invalid \"mtu\" value"))
            }),
            Some("netns") => next_arg(args, &mut i)
                .and_then(|v| lookup_ns(sim, v))
                .map(|n| target = n),
            // The master is looked up while parsing, before anything is created.
            Some("master") => next_arg(args, &mut i).and_then(|v| {
                dev_index(sim, ns, v)
                    .map(|_| master = Some(v.to_string()))
                    .ok_or_else(|| invarg_nl(v, "Device does not exist"))
            }),
            Some("up") => {
                up = true;
                Ok(())
            }
            Some("down" | "nomaster") => Ok(()),
            Some("type") => {
                i += 1;
                kind = Some(i);
                break;
            }
            Some("help") => Err(Output::unsupported(
                "ip link add: \"help\" (iproute2 prints its usage) is not reproduced",
            )),
            Some(k) => {
                let v = args.get(i + 1).map(String::as_str);
                Err(unmodelled_option(sim, ns, k, v))
            }
            None if a == "dev" => next_arg(args, &mut i)
                .and_then(|v| check_dev_name(v).map(|()| v))
                .map(|v| name = Some(v.to_string())),
            None if name.is_none() => check_dev_name(a).map(|()| name = Some(a.to_string())),
            None => Err(Output::err(
                format!("Error: either \"dev\" is duplicate, or \"{a}\" is a garbage."),
                255,
            )),
        };
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let Some(k) = kind.and_then(|k| args.get(k).map(|t| (k, t))) else {
        return Output::err(
            "Not enough information: \"type\" argument is required.",
            255,
        );
    };
    // No name: the kernel picks `KIND%d`, the lowest free number (`dev_alloc_name`); a veth's
    // peer is registered first, so it takes the lower one.
    let name = name.unwrap_or_else(|| {
        let peer_unnamed = k.1 == "veth" && !args[k.0 + 1..].iter().any(|a| a != "peer");
        let n = sim.world.ns(target);
        (0..)
            .map(|i| format!("{}{i}", k.1))
            .filter(|c| n.dev_by_name(c).is_none())
            .nth(usize::from(peer_unnamed))
            .unwrap_or_default()
    });
    let targs = &args[k.0 + 1..];
    let out = match k.1.as_str() {
        "veth" => add_veth(sim, target, ns, &name, mac, targs),
        "bridge" => add_bridge(sim, target, &name, mac, targs),
        "vxlan" => add_vxlan(sim, target, ns, &name, mac, targs),
        "macvlan" | "ifb" | "tun" | "tap" => {
            return Output::unsupported(format!(
                "ip link add … type {}: not supported yet (other device kinds are later issues); supported types: veth, bridge, vxlan",
                k.1
            ))
        }
        // This kernel has no other link kinds (no modules): it answers as for an unknown kind.
        _ => return Output::err("Error: Unknown device type.", 2),
    };
    if out.status != 0 {
        return out;
    }
    let Some(idx) = dev_index(sim, target, &name) else {
        return out;
    };
    if let Some(m) = mtu {
        if let Err(e) = rl::set_mtu(&mut sim.world, target, idx, m) {
            return refused(e);
        }
    }
    if let Some(br) = master {
        let Some(b) = dev_index(sim, target, &br) else {
            return no_device(&br);
        };
        if let Err(e) = rl::set_master(&mut sim.world, target, idx, b) {
            return refused(e);
        }
    }
    if up {
        set_up(sim, target, idx);
    }
    out
}

/// `type veth peer …`: the device goes to `ns` (`ip link add … netns`), the peer to the
/// namespace the command runs in unless the peer names its own.
fn add_veth(
    sim: &mut Sim,
    ns: NsId,
    origin: NsId,
    name: &str,
    mac: Option<Mac>,
    args: &[String],
) -> Output {
    let mut peer_name = None;
    let mut peer_ns = origin;
    let mut peer_mac = None;
    let mut i = 0;
    if args.first().is_some_and(|a| a == "peer") {
        i = 1;
    }
    // The peer's options go through `iplink_parse` again.
    while i < args.len() {
        let a = args[i].as_str();
        let r = match iplink_keyword(a) {
            Some("name") => next_arg(args, &mut i)
                .and_then(|v| check_ifname(v).map(|()| v))
                .map(|v| peer_name = Some(v.to_string())),
            Some("netns") => next_arg(args, &mut i)
                .and_then(|v| lookup_ns(sim, v))
                .map(|n| peer_ns = n),
            Some("address") => next_arg(args, &mut i)
                .and_then(parse_mac)
                .map(|m| peer_mac = Some(m)),
            Some("type") => Err(Output::err(
                format!(
                    "Error: duplicate \"type\": \"{}\" is the second value.",
                    args.get(i + 1).map_or("", String::as_str)
                ),
                255,
            )),
            Some(k) => Err(unmodelled_option(
                sim,
                origin,
                k,
                args.get(i + 1).map(String::as_str),
            )),
            None if peer_name.is_none() && i > 0 => {
                check_ifname(a).map(|()| peer_name = Some(a.to_string()))
            }
            None => Err(Output::unsupported(format!(
                "ip link add … type veth: option \"{a}\" is not supported; supported: peer [name] NAME [address MAC] [netns NS]"
            ))),
        };
        if let Err(o) = r {
            return o;
        }
        i += 1;
    }
    let peer_name = peer_name.unwrap_or_else(|| {
        let n = sim.world.ns(peer_ns);
        (0..)
            .map(|i| format!("veth{i}"))
            .find(|c| n.dev_by_name(c).is_none() && c != name)
            .unwrap_or_default()
    });
    match rl::add_veth(&mut sim.world, ns, name, mac, peer_ns, &peer_name, peer_mac) {
        Ok(()) => {
            ensure_netnsids(sim, ns, peer_ns);
            Output::default()
        }
        Err(e) => refused(e),
    }
}

/// `type vxlan …`: options are parsed (and `dev` looked up) in the namespace the command
/// runs in, which also owns the UDP socket (`vxlan->net` is the request's source netns).
fn add_vxlan(
    sim: &mut Sim,
    ns: NsId,
    origin: NsId,
    name: &str,
    mac: Option<Mac>,
    args: &[String],
) -> Output {
    let p = match super::link_vxlan::parse(sim, origin, args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let warning = p.warning.map(|w| format!("{w}\n")).unwrap_or_default();
    match crate::rtnl::vxlan::add_vxlan(&mut sim.world, ns, name, mac, p.conf) {
        Ok(_) => Output {
            stderr: warning,
            ..Output::default()
        },
        Err(e) => {
            let mut o = refused(e);
            o.stderr.insert_str(0, &warning);
            o
        }
    }
}

fn add_bridge(sim: &mut Sim, ns: NsId, name: &str, mac: Option<Mac>, args: &[String]) -> Output {
    let mut br = Bridge::default();
    if let Err(o) = apply_bridge_opts(&mut br, args) {
        return o;
    }
    match rl::add_bridge(&mut sim.world, ns, name, mac, br) {
        Ok(_) => Output::default(),
        Err(e) => refused(e),
    }
}

/// Bridge options of `ip link add|set … type bridge`.
fn apply_bridge_opts(br: &mut Bridge, args: &[String]) -> Result<(), Output> {
    let mut i = 0;
    while i < args.len() {
        let key = args[i].as_str();
        let val = next_arg(args, &mut i)?;
        let num: u32 = crate::model::fib::parse_u32(val)
            .ok_or_else(|| invarg(val, &format!("Invalid \"{key}\" value")))?;
        match key {
            "ageing_time" => br.ageing_time = num,
            "stp_state" => br.stp_state = num,
            "forward_delay" => br.forward_delay = num,
            "hello_time" => br.hello_time = num,
            "max_age" => br.max_age = num,
            "priority" => br.priority = num as u16,
            "mcast_snooping" => br.mcast_snooping = num != 0,
            "vlan_filtering" if num == 0 => {}
            "vlan_filtering" => {
                return Err(Output::unsupported(
                    "bridge vlan_filtering 1 is not supported (this kernel refuses it too)",
                ))
            }
            _ => {
                return Err(Output::unsupported(format!(
                    "bridge option \"{key}\" is not supported; supported: ageing_time, stp_state, forward_delay, hello_time, max_age, priority, mcast_snooping, vlan_filtering 0"
                )))
            }
        }
        i += 1;
    }
    Ok(())
}

/// `ip link set [dev] DEV …`.
fn set(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut i = 0;
    let mut dev_name: Option<String> = None;
    let mut ops: Vec<(&str, String)> = Vec::new();
    while i < args.len() {
        let a = args[i].as_str();
        match iplink_keyword(a) {
            Some(k @ ("up" | "down" | "nomaster")) => ops.push((k, String::new())),
            Some(
                k @ ("name" | "address" | "mtu" | "netns" | "master" | "arp" | "promisc"
                | "allmulticast" | "alias" | "txqueuelen" | "qlen" | "txqlen" | "group"),
            ) => match next_arg(args, &mut i) {
                Ok(v) => ops.push((k, v.to_string())),
                Err(o) => return o,
            },
            Some("type") => {
                ops.push(("type", args[i + 1..].join(" ")));
                break;
            }
            Some(k) => {
                let v = args.get(i + 1).map(String::as_str);
                return unmodelled_option(sim, ns, k, v);
            }
            None if a == "dev" => match next_arg(args, &mut i) {
                Ok(v) => dev_name = Some(v.to_string()),
                Err(o) => return o,
            },
            None if dev_name.is_none() => dev_name = Some(a.to_string()),
            None => {
                return Output::err(
                    format!("Error: either \"dev\" is duplicate, or \"{a}\" is a garbage."),
                    255,
                )
            }
        }
        i += 1;
    }
    // Checked while parsing, before the device is looked up.
    for (k, v) in &ops {
        let bad = match *k {
            "address" => parse_mac_for_set(v).err(),
            "mtu" => v
                .parse::<u32>()
                .err()
                .map(|_| invarg_nl(v, "Invalid \"mtu\" value")),
            "netns" => lookup_ns(sim, v).err(),
            "master" => dev_index(sim, ns, v)
                .is_none()
                .then(|| invarg_nl(v, "Device does not exist")),
            "arp" | "promisc" | "allmulticast" => on_off(k, v).err(),
            "txqueuelen" | "qlen" | "txqlen" => v
                .parse::<u32>()
                .err()
                .map(|_| invarg_nl(v, "Invalid \"txqueuelen\" value")),
            "group" => parse_group(v)
                .is_none()
                .then(|| invarg_nl(v, "Invalid \"group\" value")),
            // IFALIASZ: the alias and its terminating NUL fit in 256 bytes.
            "alias" => (v.len() >= 256).then(|| invarg_nl(v, "alias too long")),
            _ => None,
        };
        if let Some(o) = bad {
            return o;
        }
    }
    let Some(dev_name) = dev_name else {
        return Output::err("Not enough information: \"dev\" argument is required.", 255);
    };
    let Some(mut idx) = dev_index(sim, ns, &dev_name) else {
        return no_device(&dev_name);
    };
    let mut cur_ns = ns;
    // do_setlink order: namespace, name, address, mtu, master, type options, then flags.
    let order = [
        "netns",
        "name",
        "address",
        "mtu",
        "group",
        "txqueuelen",
        "qlen",
        "txqlen",
        "alias",
        "arp",
        "promisc",
        "allmulticast",
        "nomaster",
        "master",
        "type",
        "down",
        "up",
    ];
    for key in order {
        for (k, v) in ops.iter().filter(|(k, _)| *k == key) {
            let r = match *k {
                "netns" => match lookup_ns(sim, v) {
                    Ok(to) => {
                        let peer = sim
                            .world
                            .dev(DevRef {
                                ns: cur_ns,
                                ifindex: idx,
                            })
                            .and_then(|d| d.veth_peer());
                        let r = rl::change_netns(&mut sim.world, cur_ns, idx, to);
                        if r.is_ok() {
                            cur_ns = to;
                            idx = sim.world.ns(to).ifindex_of(&dev_name).unwrap_or(idx);
                            ensure_netnsids(sim, ns, to);
                            if let Some(p) = peer {
                                ensure_netnsids(sim, to, p.ns);
                            }
                        }
                        r
                    }
                    Err(o) => return o,
                },
                "name" => match check_ifname(v) {
                    Ok(()) => rl::rename(&mut sim.world, cur_ns, idx, v),
                    Err(o) => return o,
                },
                "address" => match parse_mac_for_set(v) {
                    Ok(m) => rl::set_mac(&mut sim.world, cur_ns, idx, m),
                    Err(o) => return o,
                },
                "mtu" => match v.parse::<u32>() {
                    Ok(m) => rl::set_mtu(&mut sim.world, cur_ns, idx, m),
                    Err(_) => return invarg_nl(v, "Invalid \"mtu\" value"),
                },
                "arp" => {
                    rl::set_noarp(&mut sim.world, cur_ns, idx, v == "off");
                    Ok(())
                }
                "promisc" | "allmulticast" | "alias" | "txqueuelen" | "qlen" | "txqlen"
                | "group" => {
                    if let Some(d) = sim.world.ns_mut(cur_ns).devices.get_mut(&idx) {
                        match *k {
                            "promisc" => d.promisc = v == "on",
                            "allmulticast" => d.allmulti = v == "on",
                            // An empty alias removes it (dev_set_alias with length 0).
                            "alias" => d.alias = (!v.is_empty()).then(|| v.clone()),
                            "group" => d.group = parse_group(v).unwrap_or(0),
                            _ => d.txqlen = v.parse().unwrap_or(1000),
                        }
                    }
                    Ok(())
                }
                "nomaster" => {
                    rl::release_port(&mut sim.world, cur_ns, idx);
                    Ok(())
                }
                "master" => match dev_index(sim, cur_ns, v) {
                    Some(br) => rl::set_master(&mut sim.world, cur_ns, idx, br),
                    None => return invarg_nl(v, "Device does not exist"),
                },
                "type" => {
                    let targs: Vec<String> = v
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    if targs.first().map(String::as_str) == Some("bridge_slave") {
                        let out =
                            crate::cmd::bridge::link::bridge_slave(sim, cur_ns, idx, &targs[1..]);
                        if out.status != 0 || out.unsupported {
                            return out;
                        }
                        continue;
                    }
                    if targs.first().map(String::as_str) != Some("bridge") {
                        return Output::unsupported(
                            "ip link set … type: only `type bridge OPTIONS` and `type bridge_slave OPTIONS` are supported",
                        );
                    }
                    let Some(b) = sim
                        .world
                        .ns_mut(cur_ns)
                        .devices
                        .get_mut(&idx)
                        .and_then(|d| d.bridge_mut())
                    else {
                        return Output::err("Error: Operation not supported.", 2);
                    };
                    let mut copy = b.clone();
                    if let Err(o) = apply_bridge_opts(&mut copy, &targs[1..]) {
                        return o;
                    }
                    let snooping = (b.mcast_snooping, copy.mcast_snooping);
                    *b = copy;
                    if snooping.0 != snooping.1 {
                        crate::rtnl::link::br_multicast_toggle(&mut sim.world, cur_ns, idx);
                    }
                    crate::path::bridge::br_fdb_gc_now(sim, cur_ns, idx);
                    Ok(())
                }
                "down" => {
                    set_down(sim, cur_ns, idx);
                    Ok(())
                }
                _ => {
                    set_up(sim, cur_ns, idx);
                    Ok(())
                }
            };
            if let Err(e) = r {
                return refused(e);
            }
        }
    }
    Output::default()
}

/// Brings a device up, with the IPv6 and multicast side effects `ip addr` and `bridge fdb`
/// show (`addrconf_notify`, `ip_mc_up`).
pub fn set_up(sim: &mut Sim, ns: NsId, idx: IfIndex) {
    rl::dev_open(&mut sim.world, ns, idx);
}

/// Takes a device down.
pub fn set_down(sim: &mut Sim, ns: NsId, idx: IfIndex) {
    rl::dev_close(&mut sim.world, ns, idx);
}

/// `ip link del [dev] DEV`.
fn del(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let name = match args {
        [d, n, ..] if d == "dev" => n,
        [k] if iplink_keyword(k).is_some() => {
            return Output::err("Command line is not complete. Try option \"help\"", 255)
        }
        [n, ..] => n,
        [] => return Output::err("Not enough information: \"dev\" argument is required.", 255),
    };
    let Some(idx) = dev_index(sim, ns, name) else {
        return no_device(name);
    };
    match rl::del_link(&mut sim.world, ns, idx) {
        Ok(()) => Output::default(),
        Err(e) => refused(e),
    }
}

/// Filters of `ip link show` / `ip addr show`.
#[derive(Debug, Default)]
pub struct ShowFilter {
    pub dev: Option<String>,
    pub kind: Option<String>,
    pub master: Option<String>,
    pub up: bool,
    /// `group N`.
    pub group: Option<u32>,
    /// `ip addr show label PATTERN`: an fnmatch(3) pattern over address labels.
    pub label: Option<glob::Pattern>,
}

/// Parses `[dev] DEV | type KIND | master BR | up` (`ip addr` adds its own words:
/// [`super::addr_filter`]).
pub fn parse_filter(args: &[String], what: &str) -> Result<ShowFilter, Output> {
    let mut f = ShowFilter::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "dev" => f.dev = Some(next_arg(args, &mut i)?.to_string()),
            "type" => f.kind = Some(next_arg(args, &mut i)?.to_string()),
            "master" => f.master = Some(next_arg(args, &mut i)?.to_string()),
            "up" => f.up = true,
            "group" => {
                let v = next_arg(args, &mut i)?;
                f.group = Some(parse_group(v).ok_or_else(|| invarg_nl(v, "Invalid \"group\" value"))?);
            }
            _ if f.dev.is_none() => f.dev = Some(a.to_string()),
            _ => {
                return Err(Output::unsupported(format!(
                    "ip {what} show: \"{a}\" is not supported; supported: [dev] DEV, type KIND, master BR, up"
                )))
            }
        }
        i += 1;
    }
    Ok(f)
}

/// The devices a show command lists, in ifindex order, or iproute2's error.
pub fn select(sim: &Sim, ns: NsId, f: &ShowFilter) -> Result<Vec<IfIndex>, Output> {
    let n = sim.world.ns(ns);
    if let Some(name) = &f.dev {
        if n.dev_by_name(name).is_none() {
            return Err(Output::err(format!("Device \"{name}\" does not exist."), 1));
        }
    }
    let master = match &f.master {
        Some(m) => Some(
            n.ifindex_of(m)
                .ok_or_else(|| Output::err(format!("Device \"{m}\" does not exist."), 1))?,
        ),
        None => None,
    };
    Ok(n.devices
        .values()
        .filter(|d| f.dev.as_ref().is_none_or(|x| &d.name == x))
        .filter(|d| {
            f.kind.as_ref().is_none_or(|k| {
                d.kind_name() == Some(k.as_str()) || (k == "bridge_slave" && d.master.is_some())
            })
        })
        .filter(|d| master.is_none_or(|m| d.master == Some(m)))
        .filter(|d| !f.up || d.admin_up)
        .filter(|d| f.group.is_none_or(|g| d.group == g))
        .map(|d| d.ifindex)
        .collect())
}

fn show(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let f = match parse_filter(args, "link") {
        Ok(f) => f,
        Err(o) => return o,
    };
    let devs = match select(sim, ns, &f) {
        Ok(d) => d,
        Err(o) => return o,
    };
    let mut out = String::new();
    if opts.json {
        let arr: Vec<Value> = devs
            .iter()
            .map(|&i| {
                let mut m = link_json(sim, ns, i, true, opts);
                if opts.stats {
                    let d = &sim.world.ns(ns).devices[&i];
                    m.insert("stats64".into(), stats_json(d, opts.stats_detailed));
                }
                Value::Object(m)
            })
            .collect();
        return Output::ok(json_out(&Value::Array(arr), opts));
    }
    for idx in devs {
        if opts.brief {
            out.push_str(&brief_line(sim, ns, idx));
            out.push('\n');
        } else {
            let mut rec = link_lines(sim, ns, idx, true, opts);
            if opts.stats {
                rec.push_str(&stats_lines(
                    &sim.world.ns(ns).devices[&idx],
                    opts.stats_detailed,
                ));
            }
            out.push_str(&oneline(rec, opts));
        }
    }
    Output::ok(out)
}

/// `rtnl_group_a2n` with the stock `/etc/iproute2/group`: `default` or a number.
fn parse_group(v: &str) -> Option<u32> {
    if v == "default" {
        return Some(0);
    }
    crate::model::fib::parse_u32(v)
}

/// `-o`: a record's inner newlines become backslashes (iproute2's `_SL_`).
pub fn oneline(rec: String, opts: Opts) -> String {
    if !opts.oneline {
        return rec;
    }
    let body = rec.strip_suffix('\n').unwrap_or(&rec);
    format!("{}\n", body.replace('\n', "\\"))
}
