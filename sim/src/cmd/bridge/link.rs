//! `bridge link [show] [dev DEV]` and `bridge link set dev DEV …` (iproute2 `bridge/link.c`
//! over the kernel's `rtnl_bridge_getlink` / `br_fill_ifinfo` and `br_setlink` / `br_setport`).
//!
//! One line per bridge port, in ifindex order: `IDX: NAME@LINK: <FLAGS> mtu N master BR state
//! S priority P cost C ` (trailing space). The bridge dump carries the veth peer's ifindex as
//! `IFLA_LINK` without `IFLA_LINK_NETNSID`, so iproute2 names it by looking the index up in the
//! *current* namespace: a peer in another namespace shows as whatever device has that index
//! here (`veth1-br@br0`), or `ifN` when none has. `M-DOWN` follows that device's `IFF_UP`.

use super::json::render;
use super::{fail, port_state, Opts};
use crate::cmd::{matches, Output};
use crate::model::device::BrPort;
use crate::model::{DevRef, Device, IfIndex, NsId};
use crate::path::Sim;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// `bridge link …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "set") || matches(verb, "change") {
        set(sim, ns, rest)
    } else if matches(verb, "show") || matches(verb, "lst") || matches(verb, "list") {
        show(sim, ns, opts, rest)
    } else if matches(verb, "help") {
        Output::err(USAGE, 255)
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"bridge link help\"."),
            255,
        )
    }
}

/// `usage()` of `bridge link`.
const USAGE: &str = "Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                               [ guard {on | off} ]
                               [ hairpin {on | off} ]
                               [ fastleave {on | off} ]
                               [ root_block {on | off} ]
                               [ learning {on | off} ]
                               [ learning_sync {on | off} ]
                               [ flood {on | off} ]
                               [ mcast_router MULTICAST_ROUTER ]
                               [ mcast_flood {on | off} ]
                               [ bcast_flood {on | off} ]
                               [ mcast_to_unicast {on | off} ]
                               [ neigh_suppress {on | off} ]
                               [ vlan_tunnel {on | off} ]
                               [ isolated {on | off} ]
                               [ locked {on | off} ]
                               [ hwmode {vepa | veb} ]
                               [ backup_port DEVICE ] [ nobackup_port ]
                               [ self ] [ master ]
       bridge link show [dev DEV]";

/// Bridge ports of `ns` in ifindex order (the dump walks devices in index order).
fn ports(sim: &Sim, ns: NsId) -> Vec<&Device> {
    let n = sim.world.ns(ns);
    n.devices
        .values()
        .filter(|d| {
            d.brport.is_some()
                && d.master
                    .and_then(|m| n.devices.get(&m))
                    .is_some_and(Device::is_bridge)
        })
        .collect()
}

/// `print_link_flags` with `dev_get_flags`: NO-CARRIER when up without IFF_RUNNING (the
/// operstate linkwatch stored), LOWER_UP while up with carrier, M-DOWN from the link device.
fn flags(sim: &Sim, ns: NsId, d: &Device, mdown: bool) -> Vec<&'static str> {
    let r = DevRef {
        ns,
        ifindex: d.ifindex,
    };
    let running = sim.world.oper_running(r);
    let mut f = Vec::new();
    if d.admin_up && !running {
        f.push("NO-CARRIER");
    }
    f.extend(["BROADCAST", "MULTICAST"]);
    if d.admin_up {
        f.push("UP");
        if sim.world.carrier(r) {
            f.push("LOWER_UP");
        }
    }
    if mdown {
        f.push("M-DOWN");
    }
    f
}

/// `print_name_and_link` without a netnsid: the name of the device with the peer's index in
/// this namespace (`if%u` when none), and whether it is down (unknown index: flags -1, not down).
fn link_of(sim: &Sim, ns: NsId, d: &Device) -> Option<(String, bool)> {
    let peer = d.veth_peer()?;
    Some(match sim.world.ns(ns).devices.get(&peer.ifindex) {
        Some(l) => (l.name.clone(), !l.admin_up),
        None => (format!("if{}", peer.ifindex), false),
    })
}

/// What the dump says about one port.
struct PortView {
    ifindex: IfIndex,
    name: String,
    /// The `@LINK` name, and whether that device is down (`M-DOWN`).
    link: Option<(String, bool)>,
    flags: Vec<&'static str>,
    mtu: u32,
    master: String,
    state: &'static str,
    port: BrPort,
}

fn view(sim: &Sim, ns: NsId, d: &Device) -> PortView {
    let n = sim.world.ns(ns);
    let link = link_of(sim, ns, d);
    PortView {
        ifindex: d.ifindex,
        name: d.name.clone(),
        flags: flags(sim, ns, d, link.as_ref().is_some_and(|l| l.1)),
        link,
        mtu: d.mtu,
        master: d
            .master
            .and_then(|i| n.devices.get(&i))
            .map_or(String::new(), |b| b.name.clone()),
        state: port_state(sim, ns, d.ifindex),
        port: d.brport.clone().unwrap_or_else(|| BrPort::new(0)),
    }
}

/// The `-d` port attributes in `print_protinfo` order; the ones pathsim does not model are
/// the kernel's defaults (they cannot be changed: `bridge link set` refuses them).
fn detail_flags(p: &BrPort) -> [(&'static str, Option<bool>); 14] {
    [
        ("hairpin", Some(p.hairpin)),
        ("guard", Some(p.guard)),
        ("root_block", Some(p.root_block)),
        ("fastleave", Some(p.fastleave)),
        ("learning", Some(p.learning)),
        ("flood", Some(p.flood)),
        ("mcast_flood", Some(p.mcast_flood)),
        ("bcast_flood", Some(p.bcast_flood)),
        // mcast_router is a number (1: MDB_RTR_TYPE_TEMP_QUERY).
        ("mcast_router", None),
        ("mcast_to_unicast", Some(p.mcast_to_unicast)),
        ("neigh_suppress", Some(false)),
        ("vlan_tunnel", Some(p.vlan_tunnel)),
        ("isolated", Some(p.isolated)),
        ("locked", Some(false)),
    ]
}

/// The JSON object of one port (`-d` adds the port attributes).
fn port_json(v: &PortView, details: bool) -> Value {
    let mut m = Map::new();
    m.insert("ifindex".into(), json!(v.ifindex));
    if let Some((name, _)) = &v.link {
        m.insert("link".into(), json!(name));
    }
    m.insert("ifname".into(), json!(v.name));
    m.insert("flags".into(), json!(v.flags));
    m.insert("mtu".into(), json!(v.mtu));
    m.insert("master".into(), json!(v.master));
    m.insert("state".into(), json!(v.state));
    m.insert("priority".into(), json!(v.port.priority));
    m.insert("cost".into(), json!(v.port.cost));
    if details {
        for (k, b) in detail_flags(&v.port) {
            m.insert(k.into(), b.map_or(json!(1), |b| json!(b)));
        }
    }
    Value::Object(m)
}

/// The text form of one port.
fn port_text(v: &PortView, details: bool) -> String {
    let mut out = format!("{}: {}", v.ifindex, v.name);
    if let Some((name, _)) = &v.link {
        let _ = write!(out, "@{name}");
    }
    let _ = write!(
        out,
        ": <{}> mtu {} master {} state {} priority {} cost {} ",
        v.flags.join(","),
        v.mtu,
        v.master,
        v.state,
        v.port.priority,
        v.port.cost
    );
    if details {
        out.push_str("\n    ");
        for (k, b) in detail_flags(&v.port) {
            let _ = match b {
                Some(b) => write!(out, "{k} {} ", if b { "on" } else { "off" }),
                None => write!(out, "{k} 1 "),
            };
        }
    }
    out.push('\n');
    out
}

/// `brlink_show`: `dev DEV` filters; other words are ignored as iproute2 does.
fn show(sim: &Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    if opts.stats {
        return Output::unsupported("bridge -s link is not supported by pathsim; supported: bridge [-d] [-j [-p]] link [show] [dev DEV]");
    }
    let mut filter: Option<IfIndex> = None;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "dev" {
            let Some(name) = args.get(i + 1) else {
                return Output::err("Command line is not complete. Try option \"help\"", 255);
            };
            if filter.is_some() {
                return Output::err(
                    format!("Error: duplicate \"dev\": \"{name}\" is the second value."),
                    255,
                );
            }
            match sim.world.ns(ns).ifindex_of(name) {
                Some(idx) => filter = Some(idx),
                None => return Output::err(format!("Cannot find device \"{name}\""), 255),
            }
            i += 1;
        }
        i += 1;
    }
    let views: Vec<PortView> = ports(sim, ns)
        .into_iter()
        .filter(|d| filter.is_none_or(|f| f == d.ifindex))
        .map(|d| view(sim, ns, d))
        .collect();
    if opts.json {
        let objs = views.iter().map(|v| port_json(v, opts.details)).collect();
        return Output::ok(render(&Value::Array(objs), opts.pretty));
    }
    Output::ok(views.iter().map(|v| port_text(v, opts.details)).collect())
}

/// A port attribute `bridge link set` (or `ip link set … type bridge_slave`) can change.
pub enum Change {
    Flag(PortFlag, bool),
    Cost(u32),
    Priority(u16),
}

/// The on/off port attributes pathsim keeps (`IFLA_BRPORT_*`).
#[derive(Clone, Copy)]
pub enum PortFlag {
    Hairpin,
    Guard,
    Fastleave,
    RootBlock,
    Learning,
    Flood,
    McastFlood,
    BcastFlood,
    McastToUnicast,
    VlanTunnel,
    Isolated,
}

impl PortFlag {
    /// The flag a `bridge link set` / `bridge_slave` word names (`mcast_fast_leave` is
    /// ip-link's name for `fastleave`).
    pub fn parse(word: &str) -> Option<PortFlag> {
        Some(match word {
            "hairpin" => PortFlag::Hairpin,
            "guard" => PortFlag::Guard,
            "fastleave" | "mcast_fast_leave" => PortFlag::Fastleave,
            "root_block" => PortFlag::RootBlock,
            "learning" => PortFlag::Learning,
            "flood" => PortFlag::Flood,
            "mcast_flood" => PortFlag::McastFlood,
            "bcast_flood" => PortFlag::BcastFlood,
            "mcast_to_unicast" => PortFlag::McastToUnicast,
            "vlan_tunnel" => PortFlag::VlanTunnel,
            "isolated" => PortFlag::Isolated,
            _ => return None,
        })
    }

    fn field(self, p: &mut BrPort) -> &mut bool {
        match self {
            PortFlag::Hairpin => &mut p.hairpin,
            PortFlag::Guard => &mut p.guard,
            PortFlag::Fastleave => &mut p.fastleave,
            PortFlag::RootBlock => &mut p.root_block,
            PortFlag::Learning => &mut p.learning,
            PortFlag::Flood => &mut p.flood,
            PortFlag::McastFlood => &mut p.mcast_flood,
            PortFlag::BcastFlood => &mut p.bcast_flood,
            PortFlag::McastToUnicast => &mut p.mcast_to_unicast,
            PortFlag::VlanTunnel => &mut p.vlan_tunnel,
            PortFlag::Isolated => &mut p.isolated,
        }
    }
}

/// `on_off`.
fn on_off(key: &str, val: &str) -> Result<bool, Output> {
    match val {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Output::err(
            format!("Error: argument of \"{key}\" must be one of \"off\", \"on\", not \"{val}\""),
            234,
        )),
    }
}

/// C `atoi`: optional white space and sign, then digits; 0 when there are none.
fn atoi(s: &str) -> i32 {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let v = digits[..end]
        .parse::<i64>()
        .unwrap_or(if end == 0 { 0 } else { i64::MAX });
    let v = if neg { -v } else { v };
    v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// `brlink_modify` then the kernel's `rtnl_bridge_setlink` → `br_setport`.
fn set(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut dev: Option<&str> = None;
    let mut changes = Vec::new();
    let (mut self_flag, mut master_flag) = (false, false);
    let mut i = 0;
    while i < args.len() {
        let key = args[i].as_str();
        let needs_value = !matches!(key, "self" | "master" | "nobackup_port");
        let val = if needs_value {
            i += 1;
            match args.get(i) {
                Some(v) => v.as_str(),
                None => {
                    return Output::err("Command line is not complete. Try option \"help\"", 255)
                }
            }
        } else {
            ""
        };
        match key {
            "dev" => dev = Some(val),
            // iproute2 sends the cost only when atoi gives a positive __u32.
            "cost" => {
                let c = atoi(val) as u32;
                if c > 0 {
                    changes.push(Change::Cost(c));
                }
            }
            // ... and the priority when atoi, truncated to __s16, is not negative.
            "priority" => {
                let p = atoi(val) as i16;
                if p >= 0 {
                    changes.push(Change::Priority(p as u16));
                }
            }
            "self" => self_flag = true,
            "master" => master_flag = true,
            "learning_sync" | "neigh_suppress" | "locked" | "state" | "mcast_router" | "hwmode"
            | "backup_port" | "nobackup_port" => {
                return Output::unsupported(format!(
                    "bridge link set … {key}: not modelled by pathsim; supported: {PORT_OPTIONS}"
                ))
            }
            // `mcast_fast_leave` is ip-link's word; bridge(8) knows the flag as `fastleave`.
            _ => match PortFlag::parse(key).filter(|_| key != "mcast_fast_leave") {
                Some(f) => match on_off(key, val) {
                    Ok(b) => changes.push(Change::Flag(f, b)),
                    Err(o) => return o,
                },
                None => return Output::err(USAGE, 255),
            },
        }
        i += 1;
    }
    let Some(name) = dev else {
        return Output::err("Device is a required argument.", 255);
    };
    let Some(idx) = sim.world.ns(ns).ifindex_of(name) else {
        return Output::err(format!("Cannot find bridge device \"{name}\""), 255);
    };
    let d = &sim.world.ns(ns).devices[&idx];
    if self_flag && !master_flag {
        return if d.is_bridge() {
            Output::unsupported(
                "bridge link set … self on a bridge device is not modelled by pathsim",
            )
        } else {
            fail("RTNETLINK answers: Operation not supported")
        };
    }
    apply_port_changes(sim, ns, idx, changes, 255)
}

/// iproute2's `bridge_slave` usage (`iplink_bridge_slave.c`).
const SLAVE_USAGE: &str = "Usage: ... bridge_slave [ fdb_flush ]
\t\t\t[ state STATE ]
\t\t\t[ priority PRIO ]
\t\t\t[ cost COST ]
\t\t\t[ guard {on | off} ]
\t\t\t[ hairpin {on | off} ]
\t\t\t[ fastleave {on | off} ]
\t\t\t[ root_block {on | off} ]
\t\t\t[ learning {on | off} ]
\t\t\t[ flood {on | off} ]
\t\t\t[ proxy_arp {on | off} ]
\t\t\t[ proxy_arp_wifi {on | off} ]
\t\t\t[ mcast_router MULTICAST_ROUTER ]
\t\t\t[ mcast_fast_leave {on | off} ]
\t\t\t[ mcast_flood {on | off} ]
\t\t\t[ bcast_flood {on | off} ]
\t\t\t[ mcast_to_unicast {on | off} ]
\t\t\t[ group_fwd_mask MASK ]
\t\t\t[ neigh_suppress {on | off} ]
\t\t\t[ vlan_tunnel {on | off} ]
\t\t\t[ isolated {on | off} ]
\t\t\t[ locked {on | off} ]
\t\t\t[ backup_port DEVICE ] [ nobackup_port ]";

/// `ip link set DEV type bridge_slave OPTIONS` (`bridge_slave_parse_opt`, then the kernel's
/// `br_port_slave_changelink` → `br_setport`).
pub fn bridge_slave(sim: &mut Sim, ns: NsId, idx: IfIndex, args: &[String]) -> Output {
    let mut changes = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let key = args[i].as_str();
        let val = || {
            args.get(i + 1).map(String::as_str).ok_or_else(|| {
                Output::err("Command line is not complete. Try option \"help\"", 255)
            })
        };
        let change = match key {
            "cost" => val().and_then(|v| {
                v.parse::<u32>()
                    .map(Change::Cost)
                    .map_err(|_| crate::cmd::ip::invarg(v, "cost is invalid"))
            }),
            "priority" => val().and_then(|v| {
                v.parse::<u16>()
                    .map(Change::Priority)
                    .map_err(|_| crate::cmd::ip::invarg(v, "priority is invalid"))
            }),
            _ => match PortFlag::parse(key) {
                Some(f) => val().and_then(|v| match v {
                    "on" => Ok(Change::Flag(f, true)),
                    "off" => Ok(Change::Flag(f, false)),
                    _ => Err(Output::err(
                        format!("Error: argument of \"{key}\" must be one of \"off\", \"on\", not \"{v}\""),
                        1,
                    )),
                }),
                None if matches!(
                    key,
                    "fdb_flush" | "state" | "proxy_arp" | "proxy_arp_wifi" | "mcast_router"
                        | "group_fwd_mask" | "neigh_suppress" | "locked" | "backup_port" | "nobackup_port"
                ) =>
                {
                    return Output::unsupported(format!(
                        "ip link set … type bridge_slave {key}: not modelled by pathsim; supported: {PORT_OPTIONS}"
                    ))
                }
                None => {
                    return Output::err(format!("bridge_slave: unknown option \"{key}\"?\n{SLAVE_USAGE}"), 1)
                }
            },
        };
        match change {
            Ok(c) => changes.push(c),
            Err(o) => return o,
        }
        i += 2;
    }
    apply_port_changes(sim, ns, idx, changes, 2)
}

/// What pathsim models of the port options.
pub const PORT_OPTIONS: &str = "cost, priority, hairpin, guard, root_block, fastleave, learning, flood, mcast_flood, bcast_flood, mcast_to_unicast, vlan_tunnel, isolated";

/// The kernel's side of a port change (`br_setport`): refused on a device that is no bridge
/// port, all-or-nothing when a value is out of range (`br_stp_set_path_cost`,
/// `br_stp_set_port_priority`).
/// `status` is the tool's exit status for a refusal (`bridge` 255, `ip` 2).
pub fn apply_port_changes(
    sim: &mut Sim,
    ns: NsId,
    idx: IfIndex,
    changes: Vec<Change>,
    status: i32,
) -> Output {
    if sim
        .world
        .ns(ns)
        .devices
        .get(&idx)
        .is_none_or(|d| d.brport.is_none())
    {
        return Output::err("RTNETLINK answers: Operation not supported", status);
    }
    let out_of_range = changes.iter().any(|c| match c {
        Change::Cost(c) => !(1..=65535).contains(c),
        Change::Priority(p) => *p > 63,
        Change::Flag(..) => false,
    });
    if out_of_range {
        return Output::err("RTNETLINK answers: Numerical result out of range", status);
    }
    if let Some(p) = sim
        .world
        .ns_mut(ns)
        .devices
        .get_mut(&idx)
        .and_then(|d| d.brport.as_mut())
    {
        for c in changes {
            match c {
                Change::Flag(f, b) => *f.field(p) = b,
                Change::Cost(c) => p.cost = c,
                Change::Priority(v) => p.priority = u32::from(v),
            }
        }
    }
    Output::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::device::Bridge;
    use crate::rtnl::link::{add_bridge, add_veth, dev_open, set_mac, set_master};
    use crate::wire::Mac;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// `ip link add br0 type bridge`, `pN` veths with peers `pN-peer`, all enslaved.
    fn sim() -> Sim {
        let mut s = Sim::new(1);
        let w = &mut s.world;
        let br = add_bridge(w, 0, "br0", None, Bridge::default()).unwrap();
        for i in 1..=3u8 {
            add_veth(w, 0, &format!("p{i}"), None, 0, &format!("p{i}-peer"), None).unwrap();
            let p = w.ns(0).ifindex_of(&format!("p{i}")).unwrap();
            set_master(w, 0, p, br).unwrap();
            set_mac(w, 0, p, Mac([2, 0, 0, 0, 0, i])).unwrap();
        }
        let idx = |w: &crate::model::World, n: &str| w.ns(0).ifindex_of(n).unwrap();
        let (p2, p3, p3peer) = (idx(w, "p2"), idx(w, "p3"), idx(w, "p3-peer"));
        dev_open(w, 0, p2);
        dev_open(w, 0, p3);
        dev_open(w, 0, p3peer);
        settle(&mut s);
        s
    }

    /// The notifier work after a command, and the link events it queued.
    fn settle(s: &mut Sim) {
        crate::rtnl::linkwatch::notify(s);
        let t = s.now() + 2_000_000_000;
        s.run_until(t);
    }

    #[test]
    fn ports_down_no_carrier_and_bridge_down_as_the_kernel_prints() {
        let mut s = sim();
        let expected = "4: p1@p1-peer: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n\
6: p2@p2-peer: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n\
8: p3@p3-peer: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state disabled priority 32 cost 2 \n";
        assert_eq!(run(&mut s, 0, Opts::default(), &[]).stdout, expected);
        dev_open(&mut s.world, 0, 2);
        settle(&mut s);
        let out = run(&mut s, 0, Opts::default(), &args("show")).stdout;
        assert!(out.contains("8: p3@p3-peer: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n"));
    }

    #[test]
    fn set_flags_then_details_and_json() {
        let mut s = sim();
        let o = run(
            &mut s,
            0,
            Opts::default(),
            &args("set dev p3 flood off hairpin on cost 10 priority 5"),
        );
        assert_eq!(o, Output::default());
        let d = Opts {
            details: true,
            ..Opts::default()
        };
        let out = run(&mut s, 0, d, &args("show dev p3")).stdout;
        assert_eq!(out, "8: p3@p3-peer: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state disabled priority 5 cost 10 \n    hairpin on guard off root_block off fastleave off learning on flood off mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off \n");
        let j = Opts {
            json: true,
            ..Opts::default()
        };
        let out = run(&mut s, 0, j, &args("show dev p1")).stdout;
        assert_eq!(out, "[{\"ifindex\":4,\"link\":\"p1-peer\",\"ifname\":\"p1\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"M-DOWN\"],\"mtu\":1500,\"master\":\"br0\",\"state\":\"disabled\",\"priority\":32,\"cost\":2}]\n");
    }

    #[test]
    fn set_errors() {
        let mut s = sim();
        let e = |s: &mut Sim, a: &str| {
            let o = run(s, 0, Opts::default(), &args(a));
            (o.stderr, o.status)
        };
        assert_eq!(
            e(&mut s, "set dev p1 learning maybe"),
            (
                "Error: argument of \"learning\" must be one of \"off\", \"on\", not \"maybe\"\n"
                    .into(),
                234
            )
        );
        assert_eq!(
            e(&mut s, "set dev nope learning off"),
            ("Cannot find bridge device \"nope\"\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "set dev p1-peer learning off"),
            ("RTNETLINK answers: Operation not supported\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "set learning on"),
            ("Device is a required argument.\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "set dev p1 priority 64"),
            (
                "RTNETLINK answers: Numerical result out of range\n".into(),
                255
            )
        );
        assert_eq!(
            e(&mut s, "set dev p1 cost -1"),
            (
                "RTNETLINK answers: Numerical result out of range\n".into(),
                255
            )
        );
        assert_eq!(
            e(&mut s, "show dev nope"),
            ("Cannot find device \"nope\"\n".into(), 255)
        );
        assert_eq!(
            e(&mut s, "frob"),
            (
                "Command \"frob\" is unknown, try \"bridge link help\".\n".into(),
                255
            )
        );
        assert!(e(&mut s, "set dev p1 frob on")
            .0
            .starts_with("Usage: bridge link set"));
        assert!(run(&mut s, 0, Opts::default(), &args("set dev p1 state 3")).unsupported);
        // cost 0 / abc are not sent at all; priority abc is sent as 0.
        assert_eq!(
            e(&mut s, "set dev p1 cost abc priority abc"),
            (String::new(), 0)
        );
        assert_eq!(
            s.world
                .ns(0)
                .dev_by_name("p1")
                .unwrap()
                .brport
                .as_ref()
                .unwrap()
                .priority,
            0
        );
    }

    #[test]
    fn peer_in_another_namespace_is_named_by_index_here() {
        let mut s = Sim::new(1);
        let w = &mut s.world;
        let ns1 = w.add_netns(Some("ns1".into()));
        let br = add_bridge(w, 0, "br0", None, Bridge::default()).unwrap();
        add_veth(w, 0, "veth1-br", None, ns1, "eth0", None).unwrap();
        let p = w.ns(0).ifindex_of("veth1-br").unwrap();
        set_master(w, 0, p, br).unwrap();
        // eth0 is ifindex 2 in ns1, and ifindex 2 here is br0, which is down: M-DOWN.
        let out = run(&mut s, 0, Opts::default(), &[]).stdout;
        assert_eq!(out, "3: veth1-br@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n");
        let ns2 = s.world.add_netns(Some("ns2".into()));
        add_veth(&mut s.world, 0, "x", None, ns2, "y", None).unwrap();
        let x = s.world.ns(0).ifindex_of("x").unwrap();
        set_master(&mut s.world, 0, x, br).unwrap();
        dev_open(&mut s.world, 0, br);
        let out = run(&mut s, 0, Opts::default(), &args("show dev x")).stdout;
        assert_eq!(out, "4: x@br0: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2 \n");
        // An index no device has here: `ifN`, and no M-DOWN (unknown flags are all ones).
        let ns3 = s.world.add_netns(Some("ns3".into()));
        s.world.add_netns(None);
        for _ in 0..5 {
            let i = s.world.ns_mut(ns3).alloc_ifindex();
            s.world.ns_mut(ns3).last_ifindex = i;
        }
        add_veth(&mut s.world, 0, "z", None, ns3, "w", None).unwrap();
        let z = s.world.ns(0).ifindex_of("z").unwrap();
        set_master(&mut s.world, 0, z, br).unwrap();
        let out = run(&mut s, 0, Opts::default(), &args("show dev z")).stdout;
        assert_eq!(out, "5: z@if7: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2 \n");
    }
}
