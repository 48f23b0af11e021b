//! Checks the dump against `ip -j` and `bridge -j` on the real kernel, inside a network
//! namespace unshared by the test's own thread (never the machine's).

use super::*;
use nix::sched::{unshare, CloneFlags};
use pathsim::state::{Addr, FdbEntry, Link, Neighbour, Nexthop, Route, Rule};
use serde_json::Value;
use std::process::Command;

/// Built with the real tools; private and TEST-NET addresses only.
const TOPOLOGY: &[&str] = &[
    "ip link set lo up",
    "ip link add v0 type veth peer name v1",
    "ip link add v2 type veth peer name v3",
    "ip link add br0 type bridge",
    "ip link set v1 master br0",
    "bridge link set dev v1 learning off",
    "ip link set v0 up",
    "ip link set v1 up",
    "ip link set br0 up",
    "ip link set v2 up",
    "ip addr add 10.0.0.1/24 dev v0",
    "ip addr add 10.0.0.3/24 dev v0",
    "ip addr add 203.0.113.1 peer 203.0.113.2 dev v0 label v0:p",
    "ip addr add 192.168.1.1/24 brd + dev br0",
    "ip addr add 10.2.0.1/24 dev v2",
    "ip route add 192.0.2.0/24 via 10.0.0.254 dev v0 table 100",
    "ip route add 198.51.100.0/24 nexthop via 10.0.0.253 dev v0 weight 2 nexthop via 192.168.1.254 dev br0",
    "ip route add 10.4.0.0/16 nexthop via 10.2.0.8 dev v2 nexthop via 10.2.0.9 dev v2",
    "ip route add blackhole 203.0.113.128/25 metric 7",
    "ip route add unreachable 10.7.0.0/16 table 200",
    "ip route add 10.9.0.0/16 via 10.99.0.1 dev v0 onlink",
    "ip route add 10.8.0.0/16 via 10.2.0.9 dev v2 tos 0x10 proto static",
    "ip route add 10.6.0.0/16 dev v0 scope link src 10.0.0.3",
    "ip rule add fwmark 0x1/0xff table 100 prio 100",
    "ip rule add fwmark 0x2 table 100 prio 150",
    "ip rule add not from 10.0.0.0/8 to 192.0.2.0/24 iif lo tos 0x10 goto 32000 prio 200",
    "ip rule add from all lookup main suppress_prefixlength 0 prio 300",
    "ip rule add oif v0 blackhole prio 400",
    "ip rule add from 10.1.2.3 prohibit prio 500",
    "ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0 nud permanent",
    "ip neigh add 10.0.0.11 lladdr 02:00:00:00:00:0B dev v0 nud noarp router",
    "ip neigh add 10.0.0.12 dev v0 nud none",
    "ip neigh add proxy 10.0.0.10 dev v0",
    "bridge fdb add 02:00:00:00:00:aa dev v1 master static",
    "bridge fdb add 02:00:00:00:00:cc dev v0 self permanent",
    "bridge fdb add 02:00:00:00:00:dd dev br0 self permanent",
];

#[test]
fn dump_matches_ip_and_bridge_in_a_fresh_netns() {
    let not_run = std::thread::spawn(in_fresh_netns)
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p));
    if let Some(why) = not_run {
        eprintln!("snapshot kernel test NOT RUN: {why}");
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but the kernel test cannot run: {why}"
        );
    }
}

fn thread_netns() -> String {
    let link =
        std::fs::read_link("/proc/thread-self/ns/net").expect("read /proc/thread-self/ns/net");
    link.to_string_lossy().into_owned()
}

/// Unshares this thread's network namespace, builds [`TOPOLOGY`] and compares. Returns
/// why the test cannot run, or panics on a difference.
fn in_fresh_netns() -> Option<String> {
    if !nix::unistd::geteuid().is_root() {
        return Some("not root: unsharing a network namespace needs CAP_SYS_ADMIN".into());
    }
    let host = thread_netns();
    if let Err(e) = unshare(CloneFlags::CLONE_NEWNET) {
        return Some(format!("unshare(CLONE_NEWNET) failed: {e}"));
    }
    let sandbox = thread_netns();
    assert_ne!(host, sandbox, "unshare left the thread in its namespace");
    let tools = Tools::new(&sandbox);
    for cmd in TOPOLOGY {
        tools.run(cmd);
    }

    // Two dumps around the tools' output, the second through `snapshot_ns`: equal dumps
    // mean nothing (IGMP, a timer) changed the namespace meanwhile.
    let (snap, ip) = (0..10)
        .find_map(|_| {
            let a = snapshot_current("t").expect("snapshot_current");
            let ip = IpView::read(&tools);
            let mut b = snapshot_ns(&NsName::initial()).expect("snapshot_ns");
            assert_eq!(b.name, "");
            b.name = "t".into();
            if a == b {
                return Some((a, ip));
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
            None
        })
        .expect("the namespace kept changing between dumps");

    assert_eq!(snap.links, ip.links);
    assert_eq!(snap.addrs, ip.addrs);
    assert_eq!(snap.routes, ip.routes);
    assert_eq!(snap.rules, ip.rules);
    assert_eq!(snap.neighbours, ip.neighbours);
    assert_eq!(snap.fdb, ip.fdb);
    spot_checks(&snap);
    None
}

/// The tricky fields, stated outright rather than read back from iproute2.
fn spot_checks(s: &NsState) {
    let link = |n: &str| s.links.iter().find(|l| l.name == n).unwrap();
    assert_eq!(
        link("v2").flags,
        ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]
    );
    assert_eq!(link("v2").operstate, "LOWERLAYERDOWN");
    assert_eq!(link("v1").master.as_deref(), Some("br0"));
    assert_eq!(
        (link("lo").kind.as_deref(), link("v1").kind.as_deref()),
        (None, Some("veth"))
    );

    let addr = |a: &str| s.addrs.iter().find(|x| x.local == a).unwrap();
    assert_eq!(addr("203.0.113.1").peer.as_deref(), Some("203.0.113.2"));
    assert!(addr("10.0.0.3").secondary && !addr("10.0.0.1").secondary);

    let route = |t, d| {
        s.routes
            .iter()
            .find(|r| r.table == t && r.dst == d)
            .unwrap()
    };
    let r = route(100, "192.0.2.0");
    assert_eq!(
        (r.gateway.as_deref(), r.protocol, r.kind),
        (Some("10.0.0.254"), 3, 1)
    );
    let weights: Vec<u32> = route(254, "198.51.100.0")
        .nexthops
        .iter()
        .map(|h| h.weight)
        .collect();
    assert_eq!(weights, [2, 1]);
    let down = route(254, "10.4.0.0");
    assert_eq!(
        down.flags,
        ["linkdown"],
        "all nexthops linkdown: fib_flags too"
    );
    assert!(down.nexthops.iter().all(|h| h.flags == ["linkdown"]));
    assert_eq!(route(254, "10.9.0.0").flags, ["onlink"]);
    assert_eq!(
        (
            route(254, "203.0.113.128").kind,
            route(200, "10.7.0.0").kind
        ),
        (6, 7)
    );

    let rule = |p: u32| s.rules.iter().find(|r| r.priority == p).unwrap();
    let fw = rule(100);
    assert_eq!((fw.fwmark, fw.fwmask, fw.table), (Some(1), Some(0xff), 100));
    assert_eq!(rule(150).fwmask, Some(u32::MAX));
    let g = rule(200);
    assert_eq!(
        (g.invert, g.goto, g.action, g.table),
        (true, Some(32000), 2, 0)
    );
    assert_eq!(g.src.as_deref(), Some("10.0.0.0/8"));
    assert_eq!(
        (rule(300).suppress_prefixlen, rule(32766).suppress_prefixlen),
        (Some(0), None)
    );

    let neigh = |d: &str| s.neighbours.iter().find(|n| n.dst == d).unwrap();
    let (px, rt) = (neigh("10.0.0.10"), neigh("10.0.0.11"));
    assert_eq!((px.proxy, px.state, px.dev.as_str()), (true, 0, "v0"));
    assert_eq!(
        (rt.router, rt.state, rt.lladdr.as_deref()),
        (true, 0x40, Some("02:00:00:00:00:0b"))
    );

    let fdb = |m: &str| s.fdb.iter().find(|f| f.mac == m).unwrap();
    let (st, own) = (fdb("02:00:00:00:00:aa"), fdb("02:00:00:00:00:dd"));
    assert_eq!(
        (st.dev.as_str(), st.master.as_deref(), st.state),
        ("v1", Some("br0"), 0x40)
    );
    assert_eq!(
        (own.dev.as_str(), own.master.as_deref(), own.state),
        ("br0", Some("br0"), 0x80)
    );
    assert!(fdb("02:00:00:00:00:cc").is_self && !st.is_self);
}

/// Runs the real tools in the test thread's namespace: a child inherits the namespace of
/// the thread that spawned it (checked), else `nsenter` into that thread's namespace.
struct Tools {
    prefix: Vec<String>,
}

impl Tools {
    fn new(netns: &str) -> Self {
        let direct = Tools { prefix: Vec::new() };
        if direct.run("readlink /proc/self/ns/net").trim() == netns {
            return direct;
        }
        let path = format!(
            "/proc/{}/task/{}/ns/net",
            std::process::id(),
            nix::unistd::gettid()
        );
        let entered = Tools {
            prefix: vec!["nsenter".into(), format!("--net={path}")],
        };
        let got = entered.run("readlink /proc/self/ns/net");
        assert_eq!(
            got.trim(),
            netns,
            "no way into the test namespace: refusing to run ip"
        );
        entered
    }

    fn run(&self, cmd: &str) -> String {
        let argv: Vec<&str> = self
            .prefix
            .iter()
            .map(String::as_str)
            .chain(cmd.split_whitespace())
            .collect();
        let out = Command::new(argv[0])
            .args(&argv[1..])
            .output()
            .unwrap_or_else(|e| panic!("{cmd}: {e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{cmd}: {err}");
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn json(&self, cmd: &str) -> Vec<Value> {
        let out = self.run(cmd);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{cmd}: {e}: {out}"))
    }
}

/// What `ip -j` and `bridge -j` print, read back into the contract's structures.
struct IpView {
    links: Vec<Link>,
    addrs: Vec<Addr>,
    routes: Vec<Route>,
    rules: Vec<Rule>,
    neighbours: Vec<Neighbour>,
    fdb: Vec<FdbEntry>,
}

fn s(o: &Value, k: &str) -> Option<String> {
    o.get(k).and_then(Value::as_str).map(String::from)
}
fn n(o: &Value, k: &str) -> Option<u32> {
    o.get(k).and_then(Value::as_u64).map(|v| v as u32)
}
fn strs(o: &Value, k: &str) -> Vec<String> {
    let a = o.get(k).and_then(Value::as_array);
    a.into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}
fn hex(v: &str) -> u32 {
    u32::from_str_radix(v.trim_start_matches("0x"), 16).unwrap_or_else(|_| panic!("hex {v}"))
}
fn table(t: &str) -> u32 {
    match t {
        "default" => 253,
        "main" => 254,
        "local" => 255,
        t => t.parse().unwrap(),
    }
}
fn scope(sc: &str) -> u8 {
    match sc {
        "global" => 0,
        "site" => 200,
        "link" => 253,
        "host" => 254,
        "nowhere" => 255,
        sc => sc.parse().unwrap(),
    }
}
fn rtn_type(t: &str) -> u8 {
    let names = [
        "unspec",
        "unicast",
        "local",
        "broadcast",
        "anycast",
        "multicast",
        "blackhole",
        "unreachable",
        "prohibit",
        "throw",
        "nat",
    ];
    names
        .iter()
        .position(|x| *x == t)
        .unwrap_or_else(|| panic!("type {t}")) as u8
}
fn proto(p: &str) -> u8 {
    match p {
        "redirect" => 1,
        "kernel" => 2,
        "boot" => 3,
        "static" => 4,
        p => p.parse().unwrap(),
    }
}
fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

impl IpView {
    fn read(t: &Tools) -> Self {
        let mut neighbours = t.json("ip -4 -j neigh show nud all");
        neighbours.extend(t.json("ip -4 -j neigh show proxy"));
        IpView {
            links: sorted(t.json("ip -d -j link show").iter().map(link_of).collect()),
            addrs: sorted(
                t.json("ip -4 -j addr show")
                    .iter()
                    .flat_map(addrs_of)
                    .collect(),
            ),
            routes: sorted(
                t.json("ip -4 -j route show table all")
                    .iter()
                    .map(route_of)
                    .collect(),
            ),
            rules: sorted(t.json("ip -4 -j rule show").iter().map(rule_of).collect()),
            neighbours: sorted(neighbours.iter().map(neighbour_of).collect()),
            fdb: sorted(t.json("bridge -j fdb show").iter().map(fdb_of).collect()),
        }
    }
}

fn link_of(o: &Value) -> Link {
    Link {
        ifindex: n(o, "ifindex").unwrap(),
        name: s(o, "ifname").unwrap(),
        kind: o.get("linkinfo").and_then(|i| s(i, "info_kind")),
        mtu: n(o, "mtu").unwrap(),
        // M-DOWN is not part of the contract (see `link_flags`).
        flags: strs(o, "flags")
            .into_iter()
            .filter(|f| f != "M-DOWN")
            .collect(),
        operstate: s(o, "operstate").unwrap(),
        master: s(o, "master"),
        address: s(o, "address").unwrap_or_default(),
    }
}

fn addrs_of(o: &Value) -> Vec<Addr> {
    let infos = o["addr_info"].as_array().unwrap();
    infos
        .iter()
        .map(|a| Addr {
            dev: s(o, "ifname").unwrap(),
            local: s(a, "local").unwrap(),
            prefix_len: n(a, "prefixlen").unwrap() as u8,
            peer: s(a, "address"),
            broadcast: s(a, "broadcast"),
            scope: scope(&s(a, "scope").unwrap()),
            label: s(a, "label").unwrap_or_default(),
            secondary: a.get("secondary").is_some(),
        })
        .collect()
}

/// `ip route` leaves out table main, type unicast, proto boot and scope global.
fn route_of(o: &Value) -> Route {
    let dst = s(o, "dst").unwrap();
    let (dst, len) = match dst.split_once('/') {
        _ if dst == "default" => ("0.0.0.0".to_string(), 0),
        Some((a, l)) => (a.to_string(), l.parse().unwrap()),
        None => (dst, 32),
    };
    let hops = o
        .get("nexthops")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    Route {
        table: s(o, "table").map_or(254, |x| table(&x)),
        dst,
        prefix_len: len,
        tos: s(o, "tos").map_or(0, |x| hex(&x) as u8),
        metric: n(o, "metric").unwrap_or(0),
        kind: s(o, "type").map_or(1, |x| rtn_type(&x)),
        protocol: s(o, "protocol").map_or(3, |x| proto(&x)),
        scope: s(o, "scope").map_or(0, |x| scope(&x)),
        prefsrc: s(o, "prefsrc"),
        gateway: s(o, "gateway"),
        dev: s(o, "dev"),
        flags: strs(o, "flags"),
        nexthops: hops
            .map(|h| Nexthop {
                gateway: s(h, "gateway"),
                dev: s(h, "dev"),
                weight: n(h, "weight").unwrap_or(1),
                flags: strs(h, "flags"),
            })
            .collect(),
    }
}

fn rule_of(o: &Value) -> Rule {
    let sel = |k: &str, len: &str| match s(o, k) {
        Some(a) if a != "all" => Some(format!("{a}/{}", n(o, len).unwrap_or(32))),
        _ => None,
    };
    let fwmark = s(o, "fwmark").map(|m| hex(&m));
    Rule {
        priority: n(o, "priority").unwrap(),
        src: sel("src", "srclen"),
        dst: sel("dst", "dstlen"),
        tos: s(o, "tos").map_or(0, |x| hex(&x) as u8),
        iif: s(o, "iif"),
        oif: s(o, "oif"),
        fwmark,
        // iproute2 leaves out a mask of 0xffffffff.
        fwmask: fwmark.map(|_| s(o, "fwmask").map_or(u32::MAX, |m| hex(&m))),
        action: match s(o, "action").as_deref() {
            _ if o.get("goto").is_some() => 2,
            None => 1,
            Some("nop") => 3,
            Some(a) => rtn_type(a),
        },
        table: s(o, "table").map_or(0, |x| table(&x)),
        goto: n(o, "goto"),
        invert: o.get("not").is_some(),
        suppress_prefixlen: n(o, "suppress_prefixlen"),
    }
}

fn neighbour_of(o: &Value) -> Neighbour {
    let nud = [
        "INCOMPLETE",
        "REACHABLE",
        "STALE",
        "DELAY",
        "PROBE",
        "FAILED",
        "NOARP",
        "PERMANENT",
    ];
    let bit = |x: &String| 1 << nud.iter().position(|y| y == x).unwrap();
    Neighbour {
        dev: s(o, "dev").unwrap_or_default(),
        dst: s(o, "dst").unwrap(),
        lladdr: s(o, "lladdr"),
        state: strs(o, "state").iter().map(bit).sum(),
        proxy: o.get("proxy").is_some(),
        router: o.get("router").is_some(),
    }
}

fn fdb_of(o: &Value) -> FdbEntry {
    FdbEntry {
        dev: s(o, "ifname").unwrap(),
        mac: s(o, "mac").unwrap(),
        master: s(o, "master"),
        vlan: n(o, "vlan").map(|v| v as u16),
        // `state_n2a` of bridge/fdb.c.
        state: match s(o, "state").unwrap().as_str() {
            "permanent" => 0x80,
            "static" => 0x40,
            "stale" => 0x04,
            "" => 0x02,
            x => hex(x) as u16,
        },
        is_self: strs(o, "flags").iter().any(|f| f == "self"),
        dst: s(o, "dst"),
        port: n(o, "port").map(|v| v as u16),
        vni: n(o, "vni"),
        via: s(o, "viaIf"),
    }
}
