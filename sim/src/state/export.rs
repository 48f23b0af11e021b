//! [`snapshot`]: the simulator's state as the kernel reports it over rtnetlink.
//!
//! Each part follows the kernel function that fills the message (`rtnl_fill_ifinfo`,
//! `inet_fill_ifaddr`, `fib_dump_info`, `fib_nl_fill_rule`, `neigh_fill_info` /
//! `pneigh_fill_info`, `br_fdb_fill_info` / `ndo_dflt_fdb_dump`). Link flags, operstate and
//! the FDB come from the same code the `ip link` and `bridge fdb` commands print with.

use super::{Addr, FdbEntry, Link, Neighbour, Nexthop, NsState, Route, Rule, Snapshot};
use crate::cmd::bridge::fdb;
use crate::cmd::ip::link_fmt;
use crate::cmd::ip::route_fmt::dev_name;
use crate::model::fib;
use crate::model::neigh::Nud;
use crate::model::rules::{self, RuleAction};
use crate::model::{prefix_mask, NsId};
use crate::path::Sim;
use std::net::Ipv4Addr;

/// Every live namespace of `sim`, each list sorted as [`super`] documents.
pub fn snapshot(sim: &Sim) -> Snapshot {
    let mut namespaces: Vec<NsState> = sim.world.netns_ids().map(|ns| ns_state(sim, ns)).collect();
    namespaces.sort_by(|a, b| a.name.cmp(&b.name));
    Snapshot { namespaces }
}

fn ns_state(sim: &Sim, ns: NsId) -> NsState {
    let n = sim.world.ns(ns);
    let mut s = NsState {
        name: n.name.clone().unwrap_or_default(),
        links: n.devices.keys().filter_map(|&i| link(sim, ns, i)).collect(),
        addrs: addrs(sim, ns),
        routes: n
            .fib
            .tables
            .values()
            .flat_map(|t| t.routes())
            .map(|r| route(sim, ns, r))
            .collect(),
        rules: n.rules.rules.iter().map(rule).collect(),
        neighbours: neighbours(sim, ns),
        fdb: fdb::dump_all(sim, ns)
            .into_iter()
            .map(|r| fdb_entry(sim, ns, r))
            .collect(),
    };
    s.links.sort();
    s.addrs.sort();
    s.routes.sort();
    s.rules.sort();
    s.neighbours.sort();
    s.fdb.sort();
    s
}

/// `rtnl_fill_ifinfo`, with flags and operstate as `ip link` prints them. `M-DOWN` is
/// iproute2's reading of a same-namespace peer, not a kernel flag: left out.
fn link(sim: &Sim, ns: NsId, idx: u32) -> Option<Link> {
    let v = link_fmt::view(sim, ns, idx)?;
    let d = &sim.world.ns(ns).devices[&idx];
    Some(Link {
        ifindex: idx,
        name: d.name.clone(),
        kind: d.kind_name().map(String::from),
        mtu: d.mtu,
        flags: v
            .flags
            .iter()
            .filter(|f| **f != "M-DOWN")
            .map(|f| f.to_string())
            .collect(),
        operstate: v.operstate.to_string(),
        master: v.master,
        address: d.mac.to_string(),
    })
}

/// `inet_fill_ifaddr` for every IPv4 address. pathsim has no `peer` addresses, so
/// `IFA_ADDRESS` always equals `IFA_LOCAL`.
fn addrs(sim: &Sim, ns: NsId) -> Vec<Addr> {
    let n = sim.world.ns(ns);
    n.devices
        .values()
        .flat_map(|d| {
            d.addrs.iter().map(|a| Addr {
                dev: d.name.clone(),
                local: a.local.to_string(),
                prefix_len: a.prefix_len,
                peer: None,
                broadcast: a.broadcast.map(|b| b.to_string()),
                scope: a.scope.value(),
                label: a.label.clone(),
                secondary: a.secondary,
            })
        })
        .collect()
}

/// `RTNH_F_*` of a nexthop in iproute2's `print_rt_flags` order (`fib_nexthop_info`).
fn nh_flags(nh: &fib::Nexthop) -> Vec<String> {
    [
        (nh.dead, "dead"),
        (nh.onlink, "onlink"),
        (nh.linkdown, "linkdown"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| name.to_string())
    .collect()
}

/// `fib_dump_info`: a route with one nexthop is dumped single-path (`RTA_GATEWAY`,
/// `RTA_OIF`, flags in `rtm_flags`) even if it was written with one `nexthop` clause; more
/// nexthops go to `RTA_MULTIPATH`. Error routes (blackhole, …) have no device.
fn route(sim: &Sim, ns: NsId, r: &fib::Route) -> Route {
    let dst = Ipv4Addr::from(u32::from(r.dst) & prefix_mask(r.plen));
    let mut out = Route {
        table: r.table,
        dst: dst.to_string(),
        prefix_len: r.plen,
        tos: r.tos,
        metric: r.metric,
        kind: r.rtype.value(),
        protocol: r.proto.0,
        scope: r.scope.value(),
        prefsrc: r.prefsrc.map(|a| a.to_string()),
        gateway: None,
        dev: None,
        flags: Vec::new(),
        nexthops: Vec::new(),
    };
    // `fib_nexthop_info` puts RTA_OIF only when the nexthop has a device.
    let dev = |i: u32| (i != 0).then(|| dev_name(sim, ns, i));
    match r.nexthops.as_slice() {
        [] => {}
        [nh] => {
            out.gateway = nh.gw.map(|g| g.to_string());
            out.dev = dev(nh.dev);
            out.flags = nh_flags(nh);
        }
        nhs => {
            out.nexthops = nhs
                .iter()
                .map(|nh| Nexthop {
                    gateway: nh.gw.map(|g| g.to_string()),
                    dev: dev(nh.dev),
                    weight: nh.weight,
                    flags: nh_flags(nh),
                })
                .collect();
        }
    }
    out
}

/// `prefix/len` of a rule selector; the kernel sends none for length 0 (`fib4_rule_fill`).
fn selector(p: Option<(Ipv4Addr, u8)>) -> Option<String> {
    p.filter(|(_, len)| *len != 0)
        .map(|(a, len)| format!("{a}/{len}"))
}

/// `fib_nl_fill_rule` + `fib4_rule_fill`. `FRA_TABLE` is 0 unless the action is a lookup
/// (iproute2 sends no table with `goto`, `nop`, `blackhole`, …); `FRA_FWMARK`/`FRA_FWMASK`
/// are sent when either is non-zero, and a plain `fwmark N` has mask `0xffffffff`.
fn rule(r: &rules::Rule) -> Rule {
    let mark = r.fwmark.filter(|(m, k)| *m != 0 || *k != 0);
    Rule {
        priority: r.priority,
        src: selector(r.src),
        dst: selector(r.dst),
        tos: r.tos,
        iif: r.iif.clone(),
        oif: r.oif.clone(),
        fwmark: mark.map(|(m, _)| m),
        fwmask: mark.map(|(_, k)| k),
        action: r.action.value(),
        table: match r.action {
            RuleAction::Table(t) => t,
            _ => 0,
        },
        goto: match r.action {
            RuleAction::Goto(p) => Some(p),
            _ => None,
        },
        invert: r.invert,
        suppress_prefixlen: r.suppress_prefixlen.map(u32::from),
    }
}

/// `neigh_fill_info` for every entry (the kernel dumps every state, `NUD_NONE` and
/// `NUD_NOARP` too; `ip neigh` hides those): `NDA_LLADDR` only in a `NUD_VALID` state.
/// Then `pneigh_fill_info` for proxy entries: state 0, `NTF_PROXY`, no address; a proxy
/// entry without a device has dev `""`.
fn neighbours(sim: &Sim, ns: NsId) -> Vec<Neighbour> {
    let n = sim.world.ns(ns);
    let entries = n.neigh.entries.values().map(|e| Neighbour {
        dev: dev_name(sim, ns, e.dev),
        dst: e.ip.to_string(),
        lladdr: e
            .lladdr
            .filter(|_| e.state.is_valid())
            .map(|m| m.to_string()),
        state: e.state.bits(),
        proxy: false,
        router: false,
    });
    let proxies = n.neigh.proxies.iter().map(|(ip, dev)| Neighbour {
        dev: dev.map(|d| dev_name(sim, ns, d)).unwrap_or_default(),
        dst: ip.to_string(),
        lladdr: None,
        state: Nud::None.bits(),
        proxy: true,
        router: false,
    });
    entries.chain(proxies).collect()
}

/// One row of the `bridge fdb show` dump (`br_fdb_fill_info` for a bridge's entries,
/// `nlmsg_populate_fdb_fill` for a device's own address lists). VLANs are not modelled.
fn fdb_entry(sim: &Sim, ns: NsId, r: fdb::Row) -> FdbEntry {
    FdbEntry {
        dev: dev_name(sim, ns, r.dev),
        mac: r.mac.to_string(),
        master: r.master.map(|m| dev_name(sim, ns, m)),
        vlan: None,
        state: r.state,
        is_self: r.self_list,
        dst: r.vx.as_ref().map(|v| v.dst.to_string()),
        port: r.vx.as_ref().and_then(|v| v.port),
        vni: r.vx.as_ref().and_then(|v| v.vni),
        via: r
            .vx
            .as_ref()
            .and_then(|v| v.via)
            .map(|i| dev_name(sim, ns, i)),
    }
}

#[cfg(test)]
mod tests {
    //! Expected values are the kernel's: Linux 6.18 dumped over rtnetlink after the same
    //! commands in a sandbox.

    use super::*;
    use crate::run::COMMAND_GAP_NS;

    /// Runs `script` (one command a line) as a scenario does, then `extra_ns` more. Every
    /// command but `ping` must succeed.
    fn run(script: &str, extra_ns: u64) -> Sim {
        let mut sim = Sim::new(1);
        for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let t = sim.now() + COMMAND_GAP_NS;
            sim.run_until(t);
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            let out = crate::cmd::execute(&mut sim, 0, &argv);
            assert!(
                out.status == 0 || argv.contains(&"ping".into()),
                "{line}: {}",
                out.stderr
            );
            sim.settle();
        }
        let t = sim.now() + extra_ns;
        sim.run_until(t);
        sim
    }

    fn ns<'a>(s: &'a Snapshot, name: &str) -> &'a NsState {
        s.namespaces.iter().find(|n| n.name == name).unwrap()
    }

    const SCRIPT: &str = "
        ip netns add a
        ip link add eth0 netns a address 02:00:00:00:00:01 type veth peer name p0 address 02:00:00:00:00:02
        ip -n a addr add 10.0.0.1/24 dev eth0
        ip -n a addr add 10.0.0.5/24 dev eth0 label eth0:x
        ip -n a link set lo up
        ip -n a link set eth0 up
        ip -n a route add 10.9.0.0/16 nexthop via 10.0.0.2 weight 2 nexthop via 10.0.0.3
        ip -n a route add 10.8.0.0/16 nexthop via 10.0.0.2 weight 3
        ip -n a route add blackhole 10.7.0.0/16 table 100
        ip -n a rule add fwmark 0x1 lookup 100 priority 10
        ip -n a rule add from 10.1.0.0/16 goto 32766 priority 20
        ip -n a neigh add proxy 10.0.0.77 dev eth0
        ip -n a neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0
        ip link add br0 address 02:00:00:00:00:b0 type bridge
        ip link set p0 master br0
        ip link set br0 up
        ip link set p0 up
        bridge fdb add 02:00:00:00:00:aa dev p0 master static
    ";

    #[allow(clippy::too_many_arguments)]
    fn rt(
        table: u32,
        dst: &str,
        prefix_len: u8,
        kind: u8,
        protocol: u8,
        scope: u8,
        prefsrc: Option<&str>,
        gateway: Option<&str>,
        dev: Option<&str>,
    ) -> Route {
        Route {
            table,
            dst: dst.into(),
            prefix_len,
            tos: 0,
            metric: 0,
            kind,
            protocol,
            scope,
            prefsrc: prefsrc.map(String::from),
            gateway: gateway.map(String::from),
            dev: dev.map(String::from),
            flags: vec![],
            nexthops: vec![],
        }
    }

    #[test]
    fn addresses_bring_local_broadcast_and_prefix_routes() {
        let s = snapshot(&run(SCRIPT, 1_500_000_000));
        let a = ns(&s, "a");
        let (eth0, lo) = (Some("eth0"), Some("lo"));
        let (p1, p127) = (Some("10.0.0.1"), Some("127.0.0.1"));
        let mut multipath = rt(254, "10.9.0.0", 16, 1, 3, 0, None, None, None);
        multipath.nexthops = [("10.0.0.2", 2), ("10.0.0.3", 1)]
            .iter()
            .map(|(gw, weight)| Nexthop {
                gateway: Some(gw.to_string()),
                dev: Some("eth0".into()),
                weight: *weight,
                flags: vec![],
            })
            .collect();
        let expected = vec![
            rt(100, "10.7.0.0", 16, 6, 3, 0, None, None, None),
            rt(254, "10.0.0.0", 24, 1, 2, 253, p1, None, eth0),
            // One `nexthop` clause is dumped single-path, weight dropped.
            rt(254, "10.8.0.0", 16, 1, 3, 0, None, Some("10.0.0.2"), eth0),
            multipath,
            rt(255, "10.0.0.1", 32, 2, 2, 254, p1, None, eth0),
            rt(255, "10.0.0.255", 32, 3, 2, 253, p1, None, eth0),
            // The secondary's local route takes its primary as source.
            rt(255, "10.0.0.5", 32, 2, 2, 254, p1, None, eth0),
            rt(255, "127.0.0.0", 8, 2, 2, 254, p127, None, lo),
            rt(255, "127.0.0.1", 32, 2, 2, 254, p127, None, lo),
            rt(255, "127.255.255.255", 32, 3, 2, 253, p127, None, lo),
        ];
        assert_eq!(a.routes, expected);
        let addrs: Vec<_> = a
            .addrs
            .iter()
            .map(|x| {
                (
                    x.dev.as_str(),
                    x.local.as_str(),
                    x.scope,
                    x.label.as_str(),
                    x.secondary,
                )
            })
            .collect();
        assert_eq!(
            addrs,
            [
                ("eth0", "10.0.0.1", 0, "eth0", false),
                ("eth0", "10.0.0.5", 0, "eth0:x", true),
                ("lo", "127.0.0.1", 254, "lo", false),
            ]
        );
    }

    #[test]
    fn rules_carry_kernel_numbers() {
        let s = snapshot(&run(SCRIPT, 0));
        let a = ns(&s, "a");
        let rules: Vec<_> = a
            .rules
            .iter()
            .map(|r| {
                (
                    r.priority,
                    r.action,
                    r.table,
                    r.goto,
                    r.fwmark,
                    r.fwmask,
                    r.src.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rules,
            [
                (0, 1, 255, None, None, None, None),
                (10, 1, 100, None, Some(1), Some(u32::MAX), None),
                // No table with `goto` (iproute2 sends none, FRA_TABLE reads 0).
                (20, 2, 0, Some(32766), None, None, Some("10.1.0.0/16")),
                (32766, 1, 254, None, None, None, None),
                (32767, 1, 253, None, None, None, None),
            ]
        );
        // A fresh namespace has only the three default rules.
        assert_eq!(ns(&s, "").rules.len(), 3);
    }

    #[test]
    fn neighbours_include_proxy_entries() {
        let s = snapshot(&run(SCRIPT, 0));
        let n = |dst: &str, lladdr: Option<&str>, state, proxy| Neighbour {
            dev: "eth0".into(),
            dst: dst.into(),
            lladdr: lladdr.map(String::from),
            state,
            proxy,
            router: false,
        };
        assert_eq!(
            ns(&s, "a").neighbours,
            [
                n("10.0.0.77", None, 0, true),
                n("10.0.0.9", Some("02:00:00:00:00:09"), 0x80, false),
            ]
        );
    }

    #[test]
    fn a_failed_entry_reports_no_lladdr() {
        // STALE -> DELAY (5 s) -> PROBE (3 unanswered probes) -> FAILED: the kernel keeps
        // the address but `neigh_fill_info` sends it only in a NUD_VALID state.
        let sim = run(
            "ip netns add a
             ip link add eth0 netns a type veth peer name p0
             ip -n a addr add 10.0.0.1/24 dev eth0
             ip -n a link set eth0 up
             ip -n a neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev eth0 nud stale
             ip netns exec a ping -c 1 -W 1 10.0.0.3",
            10_000_000_000,
        );
        let s = snapshot(&sim);
        let e = &ns(&s, "a").neighbours[0];
        assert_eq!(
            (e.dst.as_str(), e.state, e.lladdr.as_deref()),
            ("10.0.0.3", 0x20, None)
        );
    }

    #[test]
    fn bridge_port_links_and_fdb() {
        let s = snapshot(&run(SCRIPT, 1_500_000_000));
        let root = ns(&s, "");
        let up = ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"]
            .map(String::from)
            .to_vec();
        let p0 = &root.links[1];
        assert_eq!(
            (p0.name.as_str(), p0.kind.as_deref(), p0.master.as_deref()),
            ("p0", Some("veth"), Some("br0"))
        );
        assert_eq!((&p0.flags, p0.operstate.as_str()), (&up, "UP"));
        let br0 = &root.links[2];
        assert_eq!(
            (br0.kind.as_deref(), br0.master.as_deref()),
            (Some("bridge"), None)
        );
        assert_eq!(root.links[0].flags, ["LOOPBACK"]);
        let e = |dev: &str, mac: &str, master: Option<&str>, state| FdbEntry {
            dev: dev.into(),
            mac: mac.into(),
            master: master.map(String::from),
            vlan: None,
            state,
            is_self: master.is_none(),
            ..Default::default()
        };
        let br = Some("br0");
        assert_eq!(
            root.fdb,
            [
                e("br0", "01:00:5e:00:00:01", None, 0x80),
                e("br0", "01:00:5e:00:00:6a", None, 0x80),
                e("br0", "02:00:00:00:00:b0", br, 0x80),
                e("br0", "33:33:00:00:00:01", None, 0x80),
                e("br0", "33:33:00:00:00:6a", None, 0x80),
                e("br0", "33:33:ff:00:00:b0", None, 0x80),
                e("p0", "01:00:5e:00:00:01", None, 0x80),
                // Learned from a's IPv6 link-up frames: dynamic (NUD_REACHABLE).
                e("p0", "02:00:00:00:00:01", br, 0x02),
                e("p0", "02:00:00:00:00:02", br, 0x80),
                e("p0", "02:00:00:00:00:aa", br, 0x40),
                e("p0", "33:33:00:00:00:01", None, 0x80),
                e("p0", "33:33:ff:00:00:02", None, 0x80),
            ]
        );
    }

    #[test]
    fn no_carrier_and_namespace_order() {
        let s = snapshot(&run(
            "ip netns add b
             ip netns add a
             ip link add v1 type veth peer name v2
             ip link set v1 up",
            0,
        ));
        let names: Vec<&str> = s.namespaces.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["", "a", "b"]);
        let root = ns(&s, "");
        let v1 = root.links.iter().find(|l| l.name == "v1").unwrap();
        // `ip link` prints M-DOWN too (the peer is down); that is not a kernel flag.
        assert_eq!(v1.flags, ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]);
        assert_eq!(v1.operstate, "LOWERLAYERDOWN");
        let idx: Vec<u32> = root.links.iter().map(|l| l.ifindex).collect();
        assert_eq!(idx, [1, 2, 3]);
    }
}
