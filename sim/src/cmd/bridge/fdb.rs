//! `bridge fdb [show]`, `get`, `add`, `append`, `replace`, `del` (iproute2 `bridge/fdb.c` over the
//! kernel's `rtnl_fdb_dump` / `br_fdb_dump` / `ndo_dflt_fdb_dump` and `rtnl_fdb_add|del` /
//! `br_fdb_add` / `fdb_add_entry` / `fdb_delete_by_addr_and_port`).
//!
//! The dump walks devices in ifindex order. A bridge port first gets its bridge's entries
//! behind it (`MAC dev PORT master BR [permanent|static]`, nothing for a learned entry),
//! then its own address lists (`MAC dev PORT self permanent`). A bridge gets its own lists,
//! then the entries that belong to the bridge itself (`MAC dev BR master BR permanent`).
//! Learned entries older than the ageing time are gone (the kernel's gc runs every 10 ms at
//! worst). Inside one bridge, entries come in `fdb_list` order, newest first.
//!
//! Not modelled: VLANs, `-s`, extern_learn entries.

use super::json::render;
use super::vxlan_fdb::{self, VxReq, VxRow};
use super::{fail, Opts};
use crate::cmd::{matches, Output};
use crate::model::device::Bridge;
use crate::model::fdb::FdbEntry;
use crate::model::{Device, IfIndex, Netns, NsId};
use crate::path::Sim;
use crate::wire::Mac;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// `NUD_PERMANENT` (`permanent`, local entries and device address lists).
const NUD_PERMANENT: u16 = 0x80;
/// `NUD_NOARP` (`static`).
const NUD_NOARP: u16 = 0x40;
/// `NUD_REACHABLE` (learned and dynamic entries: printed with no state word).
const NUD_REACHABLE: u16 = 0x02;
/// `NUD_STALE`.
const NUD_STALE: u16 = 0x04;

/// `bridge fdb …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") {
        modify(sim, ns, How::Add, rest)
    } else if matches(verb, "append") {
        modify(sim, ns, How::Append, rest)
    } else if matches(verb, "replace") {
        modify(sim, ns, How::Replace, rest)
    } else if matches(verb, "delete") {
        modify(sim, ns, How::Del, rest)
    } else if matches(verb, "show") || matches(verb, "lst") || matches(verb, "list") {
        show(sim, ns, opts, rest)
    } else if matches(verb, "get") {
        get(sim, ns, opts, rest)
    } else if matches(verb, "flush") || matches(verb, "help") {
        Output::unsupported(format!(
            "bridge fdb {verb} is not supported by pathsim; supported: show, get, add, append, replace, del"
        ))
    } else {
        fail(format!(
            "Command \"{verb}\" is unknown, try \"bridge fdb help\"."
        ))
    }
}

/// The bridge's ageing time in ns (`ageing_time` is in centiseconds).
fn ageing_ns(b: &Bridge) -> u64 {
    u64::from(b.ageing_time) * 10_000_000
}

/// The live entries of bridge `br` in dump order, as the kernel holds them (see the module
/// notes on ordering). The bridge's own address is kept by a port with the same address when
/// there is one (`fdb_add_local` keeps an existing local entry), so such an entry is the
/// port's, not the bridge's.
pub fn live_entries(n: &Netns, br: IfIndex, now: u64) -> Vec<FdbEntry> {
    let Some(b) = n.devices.get(&br).and_then(Device::bridge) else {
        return Vec::new();
    };
    let age = ageing_ns(b);
    let mut v: Vec<FdbEntry> = b
        .fdb
        .entries
        .values()
        .filter(|e| b.fdb.find(e.mac, now, age).is_some())
        .cloned()
        .map(|mut e| {
            e.port = owner(n, b, &e);
            e
        })
        .collect();
    // The kernel's fdb list takes new entries at its head: newest first.
    v.sort_by_key(|e| std::cmp::Reverse(e.created));
    v
}

/// The port entry `e` is behind as the kernel sees it: a local entry the model gives to the
/// bridge belongs to the oldest port with that address (`br->port_list` has the newest port
/// first), if any.
fn owner(n: &Netns, b: &Bridge, e: &FdbEntry) -> Option<IfIndex> {
    if e.port.is_some() || !e.local {
        return e.port;
    }
    b.ports
        .iter()
        .rev()
        .copied()
        .find(|p| n.devices.get(p).is_some_and(|d| d.mac == e.mac))
}

/// `fdb_to_nud`: local entries are permanent, static ones noarp, others reachable.
fn nud_of(e: &FdbEntry) -> u16 {
    if e.local {
        NUD_PERMANENT
    } else if e.is_static {
        NUD_NOARP
    } else {
        NUD_REACHABLE
    }
}

/// One neighbour message of the dump (`RTM_NEWNEIGH`, family `AF_BRIDGE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub mac: Mac,
    /// `ndm_ifindex`: the port, the bridge itself, or the device whose list it is.
    pub dev: IfIndex,
    /// `NTF_SELF`: from the device's own address lists.
    pub self_list: bool,
    /// `NTF_STICKY`.
    pub sticky: bool,
    /// `NDA_MASTER`: the bridge whose table holds the entry.
    pub master: Option<IfIndex>,
    /// `ndm_state` (`NUD_*` bits).
    pub state: u16,
    /// A vxlan device's entry: its remote.
    pub vx: Option<VxRow>,
}

/// The dump filters iproute2 passes to the kernel (`br`, `dev`/`brport`).
#[derive(Default)]
struct Filter {
    br: Option<IfIndex>,
    port: Option<IfIndex>,
}

/// Every entry `bridge fdb show` lists in namespace `ns`, in the kernel's dump order.
pub fn dump_all(sim: &Sim, ns: NsId) -> Vec<Row> {
    dump(sim, ns, &Filter::default())
}

/// `rtnl_fdb_dump`.
fn dump(sim: &Sim, ns: NsId, f: &Filter) -> Vec<Row> {
    let n = sim.world.ns(ns);
    let now = sim.now();
    let bridge_of = |i: IfIndex| n.devices.get(&i).and_then(Device::bridge);
    let is_port = |d: &Device| d.master.and_then(bridge_of).is_some();
    let mut rows = Vec::new();
    for d in n.devices.values() {
        if f.port.is_some_and(|p| p != d.ifindex) {
            continue;
        }
        if let Some(br) = f.br {
            if d.ifindex != br && !is_port(d) {
                continue;
            }
            if d.master != Some(br) && !d.is_bridge() {
                continue;
            }
        }
        let entries_of = |br: IfIndex, port: Option<IfIndex>| {
            live_entries(n, br, now)
                .into_iter()
                .filter(move |e| e.port == port)
                .map(move |e| Row {
                    mac: e.mac,
                    dev: d.ifindex,
                    self_list: false,
                    sticky: e.sticky,
                    master: Some(br),
                    state: nud_of(&e),
                    vx: None,
                })
        };
        // The master's ndo_fdb_dump filtered to this port.
        if let Some(br) = d.master.filter(|&m| bridge_of(m).is_some()) {
            rows.extend(entries_of(br, Some(d.ifindex)));
        }
        // The device's own ndo_fdb_dump: its address lists, and for a bridge its own entries;
        // a vxlan device dumps its own table instead (`vxlan_fdb_dump`).
        for (mac, state, vx) in vxlan_fdb::rows(sim, ns, d) {
            rows.push(Row {
                mac,
                dev: d.ifindex,
                self_list: true,
                sticky: false,
                master: None,
                state,
                vx: Some(vx),
            });
        }
        let lists = if d.vxlan().is_some() {
            Vec::new()
        } else {
            d.uc.iter().chain(&d.mc).copied().collect()
        };
        for mac in lists {
            rows.push(Row {
                mac,
                dev: d.ifindex,
                self_list: true,
                sticky: false,
                master: None,
                state: NUD_PERMANENT,
                vx: None,
            });
        }
        if d.is_bridge() {
            rows.extend(entries_of(d.ifindex, None));
        }
    }
    rows
}

/// `state_n2a`: the first of permanent, static (NOARP), stale that is set, else nothing.
fn state_name(state: u16) -> &'static str {
    if state & NUD_PERMANENT != 0 {
        "permanent"
    } else if state & NUD_NOARP != 0 {
        "static"
    } else if state & NUD_STALE != 0 {
        "stale"
    } else {
        ""
    }
}

/// `state_a2n`: a name or a number.
fn parse_state(s: &str) -> Option<u16> {
    match s {
        "permanent" => Some(NUD_PERMANENT),
        "static" | "temp" => Some(NUD_NOARP),
        "stale" => Some(NUD_STALE),
        "reachable" => Some(NUD_REACHABLE),
        _ => crate::model::fib::parse_u32(s).and_then(|v| u16::try_from(v).ok()),
    }
}

/// `fdb_show`: `br BR`, `dev|brport DEV`, `vlan VID`, `state STATE`, `dynamic`; other words
/// are ignored, as iproute2 does.
fn show(sim: &Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    if opts.stats {
        return Output::unsupported(
            "bridge -s fdb is not supported by pathsim (entry use times are not modelled)",
        );
    }
    let (mut br, mut dev, mut vlan, mut state, mut dynamic) = (None, None, false, 0u16, false);
    let mut i = 0;
    while i < args.len() {
        let word = args[i].as_str();
        if matches!(word, "br" | "dev" | "brport" | "vlan" | "state") {
            i += 1;
            let Some(v) = args.get(i) else {
                return fail("Command line is not complete. Try option \"help\"");
            };
            match word {
                "br" => br = Some(v.as_str()),
                "vlan" => vlan = true,
                "state" => match parse_state(v) {
                    Some(s) => state |= s,
                    None => {
                        return fail(format!("Error: argument \"{v}\" is wrong: invalid state"))
                    }
                },
                _ => dev = Some(v.as_str()),
            }
        } else if word == "dynamic" {
            dynamic = true;
        }
        i += 1;
    }
    let n = sim.world.ns(ns);
    let mut f = Filter::default();
    if let Some(b) = br {
        match n.ifindex_of(b) {
            Some(i) => f.br = Some(i),
            None => return fail(format!("Cannot find bridge device \"{b}\"")),
        }
    }
    if let Some(d) = dev {
        match n.ifindex_of(d) {
            Some(i) => f.port = Some(i),
            None => return fail(format!("Cannot find device \"{d}\"")),
        }
    }
    let rows = dump(sim, ns, &f).into_iter().filter(|r| {
        // print_fdb: a VLAN filter drops entries without a VLAN (all of them here).
        !vlan
            && (state == 0 || r.state & state != 0)
            && !(dynamic && r.state & (NUD_PERMANENT | NUD_NOARP) != 0)
    });
    print_rows(n, rows, f.port.is_none(), opts)
}

/// `print_fdb` for each row: `MAC [dev DEV] [self] [master BR] STATE`, or the JSON array.
fn print_rows(n: &Netns, rows: impl Iterator<Item = Row>, with_dev: bool, opts: Opts) -> Output {
    let name = |i: IfIndex| n.devices.get(&i).map_or(String::new(), |d| d.name.clone());
    let mut text = String::new();
    let mut objs = Vec::new();
    for r in rows {
        let mut m = Map::new();
        m.insert("mac".into(), json!(r.mac.to_string()));
        let _ = write!(text, "{} ", r.mac);
        if with_dev {
            m.insert("ifname".into(), json!(name(r.dev)));
            let _ = write!(text, "dev {} ", name(r.dev));
        }
        if let Some(vx) = &r.vx {
            print_vx(n, vx, &mut text, &mut m);
        }
        let mut flags: Vec<&str> = if r.self_list { vec!["self"] } else { vec![] };
        if r.sticky {
            flags.push("sticky");
        }
        for fl in &flags {
            let _ = write!(text, "{fl} ");
        }
        m.insert("flags".into(), json!(flags));
        if let Some(b) = r.master {
            m.insert("master".into(), json!(name(b)));
            let _ = write!(text, "master {} ", name(b));
        }
        m.insert("state".into(), json!(state_name(r.state)));
        let _ = writeln!(text, "{}", state_name(r.state));
        objs.push(Value::Object(m));
    }
    if opts.json {
        return Output::ok(render(&Value::Array(objs), opts.pretty));
    }
    Output::ok(text)
}

/// The vxlan part of a row (`print_fdb`): `dst IP [port P] [vni N] [via DEV|via ifindex N]
/// [link-netnsid N]`.
fn print_vx(n: &Netns, vx: &VxRow, text: &mut String, m: &mut Map<String, Value>) {
    m.insert("dst".into(), json!(vx.dst.to_string()));
    let _ = write!(text, "dst {} ", vx.dst);
    if let Some(p) = vx.port {
        m.insert("port".into(), json!(p));
        let _ = write!(text, "port {p} ");
    }
    if let Some(v) = vx.vni {
        m.insert("vni".into(), json!(v));
        let _ = write!(text, "vni {v} ");
    }
    if let Some(i) = vx.via {
        match (vx.netnsid, n.devices.get(&i)) {
            (None, Some(d)) => {
                m.insert("viaIf".into(), json!(d.name));
                let _ = write!(text, "via {} ", d.name);
            }
            _ => {
                m.insert("viaIfIndex".into(), json!(i));
                let _ = write!(text, "via ifindex {i} ");
            }
        }
    }
    if let Some(id) = vx.netnsid {
        m.insert("linkNetNsId".into(), json!(id));
        let _ = write!(text, "link-netnsid {id} ");
    }
}

/// `fdb_get` then the kernel's `rtnl_fdb_get` / `br_fdb_get`: `ADDR br BR` or `ADDR dev PORT`
/// (the port's bridge is searched, whatever port the entry is behind). Kernel refusals exit
/// with 254.
fn get(sim: &Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let (mut dev, mut br, mut addr) = (None, None, None);
    let (mut self_flag, mut master_flag, mut vlan) = (false, false, false);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if matches!(a, "dev" | "brport" | "br" | "vlan" | "to") {
            i += 1;
            let Some(v) = args.get(i) else {
                return fail("Command line is not complete. Try option \"help\"");
            };
            match a {
                "br" => br = Some(v.as_str()),
                "vlan" => vlan = true,
                "to" if addr.is_some() => {
                    return fail(format!(
                        "Error: either \"to\" is duplicate, or \"{v}\" is a garbage."
                    ))
                }
                "to" => addr = Some(v.as_str()),
                _ => dev = Some(v.as_str()),
            }
        } else if a == "self" {
            self_flag = true;
        } else if a == "master" {
            master_flag = true;
        } else if addr.is_some() {
            return fail(format!(
                "Error: either \"to\" is duplicate, or \"{a}\" is a garbage."
            ));
        } else {
            addr = Some(a);
        }
        i += 1;
    }
    let Some(a) = addr.filter(|_| dev.is_some() || br.is_some()) else {
        return fail("Device or master and address are required arguments.");
    };
    let Some(mac) = parse_mac(a) else {
        return fail(format!("Invalid mac address {a}"));
    };
    let n = sim.world.ns(ns);
    let refused = |msg: &str| Output::err(format!("Error: {msg}."), 254);
    let br_idx = match br.map(|b| n.ifindex_of(b).ok_or(b)) {
        Some(Err(b)) => return fail(format!("Cannot find bridge device \"{b}\"")),
        Some(Ok(i)) => Some(i),
        None => None,
    };
    let dev_idx = match dev.map(|d| n.ifindex_of(d).ok_or(d)) {
        Some(Err(d)) => return fail(format!("Cannot find device \"{d}\"")),
        Some(Ok(i)) => Some(i),
        None => None,
    };
    let target = match (br_idx, dev_idx) {
        (Some(_), Some(_)) => return refused("Master and device are mutually exclusive"),
        (Some(b), None) => b,
        (None, Some(d)) if self_flag && !master_flag => d,
        (None, Some(d)) => match n.devices[&d]
            .master
            .filter(|m| n.devices.get(m).is_some_and(Device::is_bridge))
        {
            Some(m) => m,
            None => return refused("Device is not a bridge port"),
        },
        (None, None) => return refused("No device specified"),
    };
    if !n.devices[&target].is_bridge() {
        return refused("Fdb get operation not supported by device");
    }
    let found = live_entries(n, target, sim.now())
        .into_iter()
        .find(|e| e.mac == mac && !vlan);
    let Some(e) = found else {
        return refused("Fdb entry not found");
    };
    let row = Row {
        mac,
        dev: e.port.unwrap_or(target),
        self_list: false,
        sticky: e.sticky,
        master: Some(target),
        state: nud_of(&e),
        vx: None,
    };
    print_rows(n, std::iter::once(row), true, opts)
}

/// The `bridge fdb` verb: netlink message type and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// `RTM_NEWNEIGH`, `NLM_F_CREATE | NLM_F_EXCL`.
    Add,
    /// `NLM_F_CREATE | NLM_F_APPEND`.
    Append,
    /// `NLM_F_CREATE | NLM_F_REPLACE`.
    Replace,
    /// `RTM_DELNEIGH`.
    Del,
}

/// A parsed `bridge fdb add|append|replace|del` request.
struct Request {
    mac: Mac,
    dev: IfIndex,
    self_flag: bool,
    master_flag: bool,
    state: u16,
    vlan: bool,
    sticky: bool,
    /// `dst`, `port`, `vni`, `via` (vxlan devices).
    vx: VxReq,
}

/// `sscanf("%hhx:%hhx:%hhx:%hhx:%hhx:%hhx")`.
fn parse_mac(s: &str) -> Option<Mac> {
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() != 6 {
        return None;
    }
    let mut m = [0u8; 6];
    for (o, p) in m.iter_mut().zip(parts) {
        if p.is_empty() || p.len() > 2 {
            return None;
        }
        *o = u8::from_str_radix(p, 16).ok()?;
    }
    Some(Mac(m))
}

/// `fdb_modify`'s argument parsing.
fn parse_request(sim: &Sim, ns: NsId, args: &[String]) -> Result<Request, Output> {
    let (mut dev, mut addr) = (None, None);
    let (mut self_flag, mut master_flag, mut vlan) = (false, false, false);
    let mut sticky = false;
    let mut state = NUD_NOARP;
    let mut vx = VxReq::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "dev" || a == "vlan" || a == "to" {
            i += 1;
            let Some(v) = args.get(i) else {
                return Err(fail("Command line is not complete. Try option \"help\""));
            };
            match a {
                "dev" => dev = Some(v.as_str()),
                "vlan" => vlan = true,
                _ if addr.is_some() => {
                    return Err(fail(format!(
                        "Error: either \"to\" is duplicate, or \"{v}\" is a garbage."
                    )))
                }
                _ => addr = Some(v.as_str()),
            }
        } else if a == "self" {
            self_flag = true;
        } else if matches(a, "master") {
            master_flag = true;
        } else if matches(a, "sticky") {
            sticky = true;
        } else if matches(a, "local") || matches(a, "permanent") {
            state |= NUD_PERMANENT;
        } else if matches(a, "temp") || matches(a, "static") {
            state |= NUD_REACHABLE;
        } else if matches(a, "dynamic") {
            state = (state | NUD_REACHABLE) & !NUD_NOARP;
        } else if matches!(a, "dst" | "port" | "vni" | "via") {
            i += 1;
            let Some(v) = args.get(i) else {
                return Err(fail("Command line is not complete. Try option \"help\""));
            };
            vxlan_fdb::parse_word(sim, ns, &mut vx, a, v)?;
        } else if matches!(a, "src_vni" | "nhid" | "notify")
            || matches(a, "router")
            || matches(a, "use")
            || matches(a, "extern_learn")
        {
            return Err(Output::unsupported(format!(
                "bridge fdb … {a}: not modelled by pathsim; supported: MAC dev DEV [master] [self] [permanent|static|dynamic] [sticky] [dst IP] [port P] [vni N] [via DEV]"
            )));
        } else if addr.is_some() {
            return Err(fail(format!(
                "Error: either \"to\" is duplicate, or \"{a}\" is a garbage."
            )));
        } else {
            addr = Some(a);
        }
        i += 1;
    }
    let (Some(d), Some(a)) = (dev, addr) else {
        return Err(fail("Device and address are required arguments."));
    };
    if !self_flag && !master_flag {
        self_flag = true;
    }
    if state & (NUD_PERMANENT | NUD_REACHABLE) == 0 {
        state |= NUD_PERMANENT;
    }
    let mac = parse_mac(a).ok_or_else(|| fail(format!("Invalid mac address {a}")))?;
    let dev = sim
        .world
        .ns(ns)
        .ifindex_of(d)
        .ok_or_else(|| fail(format!("Cannot find device \"{d}\"")))?;
    Ok(Request {
        mac,
        dev,
        self_flag,
        master_flag,
        state,
        vlan,
        sticky,
        vx,
    })
}

fn rtnl(errno: &str) -> Output {
    fail(format!("RTNETLINK answers: {errno}"))
}

/// `fdb_modify`, then the kernel's `rtnl_fdb_add` / `rtnl_fdb_del`: the master's handler
/// for a port when `master` is given, then the device's own handler for `self` (default).
fn modify(sim: &mut Sim, ns: NsId, how: How, args: &[String]) -> Output {
    let req = match parse_request(sim, ns, args) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let n = sim.world.ns(ns);
    let d = &n.devices[&req.dev];
    if d.is_loopback() {
        let what = if how == How::Del { "delete" } else { "add" };
        return fail(format!(
            "Error: FDB {what} only supported for Ethernet devices."
        ));
    }
    let master = d
        .master
        .filter(|m| n.devices.get(m).is_some_and(Device::is_bridge));
    let is_bridge = d.is_bridge();
    let is_vxlan = d.vxlan().is_some();
    let vx_words = req.vx.dst.is_some()
        || req.vx.port.is_some()
        || req.vx.vni.is_some()
        || req.vx.via.is_some();
    if vx_words && !is_vxlan {
        return Output::unsupported(
            "bridge fdb … dst|port|vni|via: modelled for vxlan devices only",
        );
    }
    if is_vxlan && req.self_flag && !req.master_flag {
        let verb = match how {
            How::Add => "add",
            How::Append => "append",
            How::Replace => "replace",
            How::Del => "del",
        };
        return vxlan_fdb::op(sim, ns, req.dev, req.mac, req.state, verb, &req.vx);
    }
    let mut result = Err("Operation not supported");
    if req.master_flag {
        if let Some(br) = master {
            result = bridge_op(sim, ns, br, Some(req.dev), how, &req);
            if result.is_err() {
                return result.map_or_else(rtnl, |()| Output::default());
            }
        }
    }
    if req.self_flag {
        result = if is_bridge {
            bridge_op(sim, ns, req.dev, None, how, &req)
        } else {
            dflt_op(sim, ns, how, &req)
        };
    }
    result.map_or_else(rtnl, |()| Output::default())
}

/// `ndo_dflt_fdb_add` / `ndo_dflt_fdb_del` on a device without its own FDB (a veth): the
/// device's unicast and multicast address lists.
fn dflt_op(sim: &mut Sim, ns: NsId, how: How, req: &Request) -> Result<(), &'static str> {
    // "FDB only supports static addresses"; "vlans aren't supported yet" (add only).
    if req.state & NUD_PERMANENT == 0 || how != How::Del && req.vlan {
        return Err("Invalid argument");
    }
    let Some(d) = sim.world.ns_mut(ns).devices.get_mut(&req.dev) else {
        return Err("No such device");
    };
    // `dev_uc_add` / `dev_mc_add` (multicast addresses go to the multicast list).
    let list = if req.mac.is_multicast() {
        &mut d.mc
    } else {
        &mut d.uc
    };
    let present = list.contains(&req.mac);
    match how {
        How::Del if !present => Err("No such file or directory"),
        How::Del => {
            list.retain(|m| *m != req.mac);
            Ok(())
        }
        How::Add if present => Err("File exists"),
        _ => {
            if !present {
                list.push(req.mac);
            }
            Ok(())
        }
    }
}

/// `br_fdb_add` / `br_fdb_delete` on bridge `br` for `source` (`None`: the bridge itself).
fn bridge_op(
    sim: &mut Sim,
    ns: NsId,
    br: IfIndex,
    source: Option<IfIndex>,
    how: How,
    req: &Request,
) -> Result<(), &'static str> {
    let now = sim.now();
    let forwarding = source.is_some_and(|p| super::port_state(sim, ns, p) == "forwarding");
    let n = sim.world.ns(ns);
    let current_owner = n
        .devices
        .get(&br)
        .and_then(Device::bridge)
        .and_then(|b| b.fdb.entries.get(&req.mac).map(|e| owner(n, b, e)));
    let Some(b) = sim
        .world
        .ns_mut(ns)
        .devices
        .get_mut(&br)
        .and_then(Device::bridge_mut)
    else {
        return Err("Operation not supported");
    };
    let age = ageing_ns(b);
    // Drop an entry the gc would already have removed.
    if b.fdb.entries.contains_key(&req.mac) && b.fdb.find(req.mac, now, age).is_none() {
        b.fdb.entries.remove(&req.mac);
    }
    if how == How::Del {
        if req.vlan {
            return Err("No such file or directory");
        }
        // fdb_delete_by_addr_and_port.
        return match current_owner {
            Some(o) if o == source && b.fdb.entries.remove(&req.mac).is_some() => Ok(()),
            _ => Err("No such file or directory"),
        };
    }
    let state = req.state;
    if state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE) == 0 || req.mac.0 == [0; 6] || req.vlan {
        return Err("Invalid argument");
    }
    // fdb_add_entry: a port that cannot learn only takes local and static entries.
    if source.is_some() && state & (NUD_PERMANENT | NUD_NOARP) == 0 && !forwarding {
        return Err("Operation not permitted");
    }
    if source.is_none() && state & NUD_PERMANENT == 0 {
        return Err("Invalid argument");
    }
    if b.fdb.entries.contains_key(&req.mac) && how == How::Add {
        return Err("File exists");
    }
    let local = state & NUD_PERMANENT != 0;
    b.fdb.insert(FdbEntry {
        mac: req.mac,
        port: source,
        local,
        is_static: local || state & NUD_NOARP != 0,
        added_by_user: true,
        sticky: req.sticky,
        updated: now,
        created: 0,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtnl::link::{add_bridge, add_veth, set_mac, set_master};

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// br0 (down) with ports p1, p2 (down), addresses 02:..:01 / 02:..:02, and multicast lists
    /// as a fresh kernel has them (33:33:00:00:00:01 on every device).
    fn sim() -> Sim {
        let mut s = Sim::new(1);
        let w = &mut s.world;
        let br = add_bridge(w, 0, "br0", None, Bridge::default()).unwrap();
        for i in 1..=2u8 {
            add_veth(w, 0, &format!("p{i}"), None, 0, &format!("p{i}p"), None).unwrap();
            let p = w.ns(0).ifindex_of(&format!("p{i}")).unwrap();
            set_mac(w, 0, p, Mac([2, 0, 0, 0, 0, i])).unwrap();
            set_master(w, 0, p, br).unwrap();
        }
        for d in w
            .ns_mut(0)
            .devices
            .values_mut()
            .filter(|d| !d.is_loopback())
        {
            d.mc = vec![Mac([0x33, 0x33, 0, 0, 0, 1])];
        }
        s
    }

    fn sh(s: &mut Sim, a: &str) -> Output {
        run(s, 0, Opts::default(), &args(a))
    }

    #[test]
    fn fresh_bridge_dump() {
        let mut s = sim();
        let expected = "33:33:00:00:00:01 dev br0 self permanent\n\
33:33:00:00:00:01 dev p1p self permanent\n\
02:00:00:00:00:01 dev p1 master br0 permanent\n\
33:33:00:00:00:01 dev p1 self permanent\n\
33:33:00:00:00:01 dev p2p self permanent\n\
02:00:00:00:00:02 dev p2 master br0 permanent\n\
33:33:00:00:00:01 dev p2 self permanent\n";
        assert_eq!(sh(&mut s, "show").stdout, expected);
        assert_eq!(
            sh(&mut s, "show dev p1").stdout,
            "02:00:00:00:00:01 master br0 permanent\n33:33:00:00:00:01 self permanent\n"
        );
        assert_eq!(sh(&mut s, "show br p1").stdout, "");
        assert_eq!(
            sh(&mut s, "show br nope").stderr,
            "Cannot find bridge device \"nope\"\n"
        );
        assert_eq!(
            sh(&mut s, "show dev nope").stderr,
            "Cannot find device \"nope\"\n"
        );
        assert_eq!(sh(&mut s, "show vlan 1").stdout, "");
    }

    #[test]
    fn add_replace_del_like_the_kernel() {
        let mut s = sim();
        let e = |s: &mut Sim, a: &str| {
            let o = sh(s, a);
            (o.stderr, o.status)
        };
        let ok = (String::new(), 0);
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:aa dev p1 master dynamic"),
            ("RTNETLINK answers: Operation not permitted\n".into(), 255)
        );
        assert_eq!(e(&mut s, "add 02:00:00:00:00:aa dev p1 master"), ok);
        assert_eq!(e(&mut s, "add 02:00:00:00:00:ab dev p1 master static"), ok);
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:ab dev p1 master static"),
            ("RTNETLINK answers: File exists\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:01 dev p2 master static"),
            ("RTNETLINK answers: File exists\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "replace 02:00:00:00:00:01 dev p2 master static"),
            ok
        );
        assert_eq!(
            e(&mut s, "add 00:00:00:00:00:00 dev p1 master static"),
            ("RTNETLINK answers: Invalid argument\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:ac dev p1p master static"),
            ("RTNETLINK answers: Operation not supported\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:ac dev br0 master static"),
            ("RTNETLINK answers: Operation not supported\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:ac dev br0 self static"),
            ("RTNETLINK answers: Invalid argument\n".into(), 255)
        );
        assert_eq!(e(&mut s, "add 02:00:00:00:00:ac dev br0"), ok);
        assert_eq!(
            e(&mut s, "add zz dev p1 master static"),
            ("Invalid mac address zz\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:b0 dev veth9 master static"),
            ("Cannot find device \"veth9\"\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:b8 dev p1 master frob"),
            (
                "Error: either \"to\" is duplicate, or \"frob\" is a garbage.\n".into(),
                255
            )
        );
        assert_eq!(
            e(&mut s, "add dev p1 master static"),
            ("Device and address are required arguments.\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "change 02:00:00:00:00:c0 dev p1 master"),
            (
                "Command \"change\" is unknown, try \"bridge fdb help\".\n".into(),
                255
            )
        );
        let expected = "33:33:00:00:00:01 dev br0 self permanent\n\
02:00:00:00:00:ac dev br0 master br0 permanent\n\
02:00:00:00:00:ab dev p1 master br0 static\n\
02:00:00:00:00:aa dev p1 master br0 permanent\n\
33:33:00:00:00:01 dev p1 self permanent\n\
02:00:00:00:00:02 dev p2 master br0 permanent\n\
02:00:00:00:00:01 dev p2 master br0 static\n\
33:33:00:00:00:01 dev p2 self permanent\n";
        assert_eq!(sh(&mut s, "show br br0").stdout, expected);
        assert_eq!(
            e(&mut s, "del 02:00:00:00:00:01 dev p2"),
            ("RTNETLINK answers: No such file or directory\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "del 02:00:00:00:00:01 dev p1 master"),
            ("RTNETLINK answers: No such file or directory\n".into(), 255)
        );
        assert_eq!(e(&mut s, "del 02:00:00:00:00:01 dev p2 master"), ok);
        assert_eq!(e(&mut s, "del 02:00:00:00:00:ac dev br0"), ok);
        assert_eq!(
            e(&mut s, "del 02:00:00:00:00:ac dev br0 master"),
            ("RTNETLINK answers: Operation not supported\n".into(), 255)
        );
        // A plain `add` on a port goes to its own unicast list (`self permanent`).
        assert_eq!(e(&mut s, "add 02:00:00:00:00:ad dev p1"), ok);
        assert_eq!(
            e(&mut s, "add 02:00:00:00:00:ad dev p1"),
            ("RTNETLINK answers: File exists\n".into(), 255)
        );
        assert!(sh(&mut s, "show dev p1")
            .stdout
            .contains("02:00:00:00:00:ad self permanent\n33:33:00:00:00:01 self permanent"));
    }

    #[test]
    fn get_like_the_kernel() {
        let mut s = sim();
        sh(&mut s, "add 02:00:00:00:00:aa dev p1 master static");
        sh(&mut s, "add 02:00:00:00:00:ac dev br0");
        let g = |s: &mut Sim, a: &str| {
            let o = sh(s, a);
            (o.stdout, o.stderr, o.status)
        };
        let ok = |l: &str| (format!("{l}\n"), String::new(), 0);
        let err = |l: &str, st: i32| (String::new(), format!("{l}\n"), st);
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa br br0"),
            ok("02:00:00:00:00:aa dev p1 master br0 static")
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:01 br br0"),
            ok("02:00:00:00:00:01 dev p1 master br0 permanent")
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:ac br br0"),
            ok("02:00:00:00:00:ac dev br0 master br0 permanent")
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa dev p2"),
            ok("02:00:00:00:00:aa dev p1 master br0 static")
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:bb br br0"),
            err("Error: Fdb entry not found.", 254)
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa dev p1 self"),
            err("Error: Fdb get operation not supported by device.", 254)
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa dev br0"),
            err("Error: Device is not a bridge port.", 254)
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa br br0 dev p1"),
            err("Error: Master and device are mutually exclusive.", 254)
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa"),
            err("Device or master and address are required arguments.", 255)
        );
        assert_eq!(
            g(&mut s, "get 02:00:00:00:00:aa br nope"),
            err("Cannot find bridge device \"nope\"", 255)
        );
        assert_eq!(
            g(&mut s, "get zz br br0"),
            err("Invalid mac address zz", 255)
        );
        let j = run(
            &mut s,
            0,
            Opts {
                json: true,
                ..Opts::default()
            },
            &args("get 02:00:00:00:00:aa br br0"),
        )
        .stdout;
        assert_eq!(j, "[{\"mac\":\"02:00:00:00:00:aa\",\"ifname\":\"p1\",\"flags\":[],\"master\":\"br0\",\"state\":\"static\"}]\n");
    }

    #[test]
    fn learned_entries_show_until_they_age_out_and_json() {
        let mut s = sim();
        let br = s.world.ns(0).ifindex_of("br0").unwrap();
        let p1 = s.world.ns(0).ifindex_of("p1").unwrap();
        s.run_until(5_000_000_000);
        let b = s
            .world
            .ns_mut(0)
            .devices
            .get_mut(&br)
            .unwrap()
            .bridge_mut()
            .unwrap();
        b.fdb.update(Mac([2, 0, 0, 0, 0, 0x77]), p1, 5_000_000_000);
        let o = sh(&mut s, "show dev p1");
        assert_eq!(o.stdout, "02:00:00:00:00:77 master br0 \n02:00:00:00:00:01 master br0 permanent\n33:33:00:00:00:01 self permanent\n");
        let j = run(
            &mut s,
            0,
            Opts {
                json: true,
                ..Opts::default()
            },
            &args("show dev p1"),
        )
        .stdout;
        assert_eq!(j, "[{\"mac\":\"02:00:00:00:00:77\",\"flags\":[],\"master\":\"br0\",\"state\":\"\"},{\"mac\":\"02:00:00:00:00:01\",\"flags\":[],\"master\":\"br0\",\"state\":\"permanent\"},{\"mac\":\"33:33:00:00:00:01\",\"flags\":[\"self\"],\"state\":\"permanent\"}]\n");
        assert_eq!(
            sh(&mut s, "show dynamic").stdout,
            "02:00:00:00:00:77 dev p1 master br0 \n"
        );
        assert_eq!(sh(&mut s, "show state static").stdout, "");
        assert_eq!(
            sh(&mut s, "show state foo").stderr,
            "Error: argument \"foo\" is wrong: invalid state\n"
        );
        s.run_until(305_000_000_000);
        assert_eq!(
            sh(&mut s, "show dev p1").stdout,
            "02:00:00:00:00:01 master br0 permanent\n33:33:00:00:00:01 self permanent\n"
        );
    }
}
