//! Kernel state over rtnetlink into [`pathsim::state`], the structures the simulator exports.
//!
//! One dump per message type, each on a tokio current-thread runtime and an rtnetlink socket
//! opened on the calling thread, so it sees that thread's network namespace:
//! `RTM_GETLINK` (`rtnl_fill_ifinfo`), `RTM_GETADDR` `AF_INET` (`inet_fill_ifaddr`),
//! `RTM_GETROUTE` `AF_INET` over every table (`fib_dump_info`), `RTM_GETRULE` `AF_INET`
//! (`fib_nl_fill_rule`), `RTM_GETNEIGH` `AF_INET` (`neigh_fill_info`, and with `NTF_PROXY`
//! `pneigh_fill_info`) and `RTM_GETNEIGH` `AF_BRIDGE` (`rtnl_fdb_dump`: `br_fdb_fill_info` and
//! the devices' own address lists of `ndo_dflt_fdb_dump`). Names are resolved within the
//! namespace, every list is sorted as [`pathsim::state`] documents it.

use futures::{Stream, TryStreamExt};
use pathsim::state::{Addr, FdbEntry, Link, Neighbour, Nexthop, NsState, Route, Rule, Snapshot};
use rtnetlink::packet_route::{
    address::{AddressAttribute, AddressMessage},
    link::{LinkAttribute, LinkInfo, LinkMessage},
    neighbour::{NeighbourAddress, NeighbourAttribute, NeighbourFlags, NeighbourMessage},
    route::{RouteAddress, RouteAttribute, RouteFlags, RouteMessage, RouteNextHop},
    rule::{RuleAttribute, RuleFlags, RuleMessage},
    AddressFamily,
};
use rtnetlink::{Handle, IpVersion};
use std::collections::HashMap;
use std::io;

use crate::netns::{in_netns, list_named, NsName};

/// Why a namespace could not be dumped.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot start a tokio runtime: {0}")]
    Runtime(#[source] io::Error),
    #[error("cannot open an rtnetlink socket: {0}")]
    Socket(#[source] io::Error),
    #[error("{what} dump failed: {source}")]
    Dump {
        what: &'static str,
        #[source]
        source: rtnetlink::Error,
    },
    #[error("cannot list the named namespaces: {0}")]
    List(#[source] io::Error),
    #[error("cannot enter network namespace {ns:?}: {source}")]
    Netns {
        ns: String,
        #[source]
        source: io::Error,
    },
}

/// Every namespace of the sandbox: the calling thread's own, named `""`, and each one under
/// `/run/netns`, sorted by name.
pub fn snapshot_all() -> Result<Snapshot, SnapshotError> {
    let mut names = vec![NsName::initial()];
    names.extend(
        list_named()
            .map_err(SnapshotError::List)?
            .into_iter()
            .map(|(n, _)| n),
    );
    let mut namespaces = names
        .iter()
        .map(snapshot_ns)
        .collect::<Result<Vec<_>, _>>()?;
    namespaces.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Snapshot { namespaces })
}

/// Namespace `ns`, dumped from a thread that entered it ([`in_netns`]).
pub fn snapshot_ns(ns: &NsName) -> Result<NsState, SnapshotError> {
    let name = ns.0.clone();
    in_netns(ns, move || snapshot_current(&name)).map_err(|source| SnapshotError::Netns {
        ns: ns.0.clone(),
        source,
    })?
}

/// The namespace of the calling thread, named `name`.
pub fn snapshot_current(name: &str) -> Result<NsState, SnapshotError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(SnapshotError::Runtime)?;
    rt.block_on(async {
        // The socket is opened here, on this thread: it belongs to this thread's namespace.
        let (conn, handle, _) = rtnetlink::new_connection().map_err(SnapshotError::Socket)?;
        tokio::spawn(conn);
        dump(name, &handle).await
    })
}

async fn collect<T>(
    what: &'static str,
    s: impl Stream<Item = Result<T, rtnetlink::Error>>,
) -> Result<Vec<T>, SnapshotError> {
    s.try_collect()
        .await
        .map_err(|source| SnapshotError::Dump { what, source })
}

async fn dump(name: &str, h: &Handle) -> Result<NsState, SnapshotError> {
    let links = collect("RTM_GETLINK", h.link().get().execute()).await?;
    let names = Names(
        links
            .iter()
            .filter_map(|m| {
                m.attributes.iter().find_map(|a| match a {
                    LinkAttribute::IfName(n) => Some((m.header.index, n.clone())),
                    _ => None,
                })
            })
            .collect(),
    );

    let mut req = h.address().get();
    req.message_mut().header.family = AddressFamily::Inet;
    let addrs = collect("RTM_GETADDR", req.execute()).await?;

    let mut msg = RouteMessage::default();
    msg.header.address_family = AddressFamily::Inet;
    let routes = collect("RTM_GETROUTE", h.route().get(msg).execute()).await?;

    let rules = collect("RTM_GETRULE", h.rule().get(IpVersion::V4).execute()).await?;

    let neigh = h.neighbours().get().set_address_family(AddressFamily::Inet);
    let mut neighbours = collect("RTM_GETNEIGH", neigh.execute()).await?;
    // `neigh_dump_info` dumps the proxy table instead when `ndm_flags` is exactly NTF_PROXY.
    let proxy = h.neighbours().get().set_address_family(AddressFamily::Inet);
    neighbours.extend(collect("RTM_GETNEIGH proxy", proxy.proxies().execute()).await?);

    let fdb = h
        .neighbours()
        .get()
        .set_address_family(AddressFamily::Bridge);
    let fdb = collect("RTM_GETNEIGH AF_BRIDGE", fdb.execute()).await?;

    let mut s = NsState {
        name: name.to_string(),
        links: links.iter().map(|m| link(m, &names)).collect(),
        addrs: addrs.into_iter().filter_map(|m| addr(m, &names)).collect(),
        routes: routes
            .into_iter()
            .filter_map(|m| route(m, &names))
            .collect(),
        rules: rules.into_iter().filter_map(rule).collect(),
        neighbours: neighbours
            .into_iter()
            .filter_map(|m| neighbour(m, &names))
            .collect(),
        fdb: fdb
            .into_iter()
            .filter_map(|m| fdb_entry(m, &names))
            .collect(),
    };
    s.links.sort();
    s.addrs.sort();
    s.routes.sort();
    s.rules.sort();
    s.neighbours.sort();
    s.fdb.sort();
    Ok(s)
}

/// Interface names of the namespace by ifindex.
struct Names(HashMap<u32, String>);

impl Names {
    /// `None` for ifindex 0; `if<N>` for an index the link dump did not list (a device that
    /// appeared between dumps), as iproute2's `ll_index_to_name` prints it.
    fn get(&self, ifindex: u32) -> Option<String> {
        (ifindex != 0).then(|| {
            self.0
                .get(&ifindex)
                .cloned()
                .unwrap_or_else(|| format!("if{ifindex}"))
        })
    }
}

const IFF_UP: u32 = 1 << 0;
const IFF_RUNNING: u32 = 1 << 6;
const IFA_F_SECONDARY: u32 = 0x01;
const RTNH_F_DEAD: u8 = 1;
const RTNH_F_ONLINK: u8 = 4;
const RTNH_F_LINKDOWN: u8 = 16;

/// `IFF_*` in the order of iproute2's `print_link_flags` (ip/ipaddress.c).
const LINK_FLAGS: [(u32, &str); 18] = [
    (1 << 3, "LOOPBACK"),
    (1 << 1, "BROADCAST"),
    (1 << 4, "POINTOPOINT"),
    (1 << 12, "MULTICAST"),
    (1 << 7, "NOARP"),
    (1 << 9, "ALLMULTI"),
    (1 << 8, "PROMISC"),
    (1 << 10, "MASTER"),
    (1 << 11, "SLAVE"),
    (1 << 2, "DEBUG"),
    (1 << 15, "DYNAMIC"),
    (1 << 14, "AUTOMEDIA"),
    (1 << 13, "PORTSEL"),
    (1 << 5, "NOTRAILERS"),
    (1 << 0, "UP"),
    (1 << 16, "LOWER_UP"),
    (1 << 17, "DORMANT"),
    (1 << 18, "ECHO"),
];

/// What `print_link_flags` prints between `<` and `>` for `ifi_flags` (`dev_get_flags`):
/// `NO-CARRIER` for UP without RUNNING (not oper-up), RUNNING dropped, unnamed bits in hex.
/// `M-DOWN` is left out as the simulator's exporter leaves it out: it is iproute2's reading
/// of the UP flag of a same-namespace `IFLA_LINK` (a veth peer), not a flag of the device.
fn link_flags(flags: u32) -> Vec<String> {
    let mut out = Vec::new();
    if flags & IFF_UP != 0 && flags & IFF_RUNNING == 0 {
        out.push("NO-CARRIER".to_string());
    }
    let mut rest = flags & !IFF_RUNNING;
    for (bit, name) in LINK_FLAGS {
        if rest & bit != 0 {
            rest &= !bit;
            out.push(name.to_string());
        }
    }
    if rest != 0 {
        out.push(format!("{rest:x}"));
    }
    out
}

/// Lower-case `aa:bb:…`, as `ll_addr_n2a` prints an Ethernet address.
fn mac(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.join(":")
}

/// `RTM_NEWLINK` (`rtnl_fill_ifinfo`) → [`Link`].
fn link(m: &LinkMessage, names: &Names) -> Link {
    let mut l = Link {
        ifindex: m.header.index,
        name: String::new(),
        kind: None,
        mtu: 0,
        flags: Vec::new(),
        operstate: String::new(),
        master: None,
        address: String::new(),
    };
    for a in &m.attributes {
        match a {
            LinkAttribute::IfName(n) => l.name = n.clone(),
            LinkAttribute::Mtu(v) => l.mtu = *v,
            LinkAttribute::OperState(s) => l.operstate = s.to_string(),
            LinkAttribute::Controller(i) => l.master = names.get(*i),
            LinkAttribute::Address(b) => l.address = mac(b),
            LinkAttribute::LinkInfo(infos) => {
                l.kind = infos.iter().find_map(|i| match i {
                    LinkInfo::Kind(k) => Some(k.to_string()),
                    _ => None,
                })
            }
            _ => {}
        }
    }
    l.flags = link_flags(m.header.flags.bits());
    l
}

/// `RTM_NEWADDR` `AF_INET` (`inet_fill_ifaddr`) → [`Addr`].
fn addr(m: AddressMessage, names: &Names) -> Option<Addr> {
    if m.header.family != AddressFamily::Inet {
        return None;
    }
    let (mut local, mut address, mut broadcast, mut label) = (None, None, None, String::new());
    let mut flags = u32::from(m.header.flags.bits());
    for a in m.attributes {
        match a {
            AddressAttribute::Local(x) => local = Some(x),
            AddressAttribute::Address(x) => address = Some(x),
            AddressAttribute::Broadcast(x) => broadcast = Some(x.to_string()),
            AddressAttribute::Label(x) => label = x,
            AddressAttribute::Flags(f) => flags = f.bits(),
            _ => {}
        }
    }
    let local = local.or(address)?;
    Some(Addr {
        dev: names.get(m.header.index).unwrap_or_default(),
        local: local.to_string(),
        prefix_len: m.header.prefix_len,
        peer: address.filter(|a| *a != local).map(|a| a.to_string()),
        broadcast,
        scope: m.header.scope.into(),
        label,
        secondary: flags & IFA_F_SECONDARY != 0,
    })
}

fn route_addr(a: &RouteAddress) -> String {
    match a {
        RouteAddress::Inet(x) => x.to_string(),
        RouteAddress::Inet6(x) => x.to_string(),
        other => format!("{other:?}"),
    }
}

/// `RTNH_F_*` names in the order of iproute2's `print_rt_flags`.
fn nh_flags(flags: u8) -> Vec<String> {
    [
        (RTNH_F_DEAD, "dead"),
        (RTNH_F_ONLINK, "onlink"),
        (RTNH_F_LINKDOWN, "linkdown"),
    ]
    .iter()
    .filter(|(bit, _)| flags & bit != 0)
    .map(|(_, name)| name.to_string())
    .collect()
}

/// One `struct rtnexthop` of `RTA_MULTIPATH` (`fib_add_nexthop`).
fn nexthop(h: RouteNextHop, names: &Names) -> Nexthop {
    Nexthop {
        gateway: h.attributes.iter().find_map(|a| match a {
            RouteAttribute::Gateway(g) => Some(route_addr(g)),
            _ => None,
        }),
        dev: names.get(h.interface_index),
        weight: u32::from(h.hops) + 1,
        flags: nh_flags(h.flags.bits()),
    }
}

/// `RTM_NEWROUTE` `AF_INET` (`fib_dump_info`) → [`Route`]; `None` for a cache entry
/// (`RTM_F_CLONED`, `fib_dump_info_fnhe`). `flags` is the header's `rtm_flags` for every
/// route, as `ip route` prints it: a single path's nexthop flags (`fib_nexthop_info`), or a
/// multipath route's `fib_flags`, which `fib_create_info` sets to linkdown when every
/// nexthop is.
fn route(m: RouteMessage, names: &Names) -> Option<Route> {
    if m.header.address_family != AddressFamily::Inet || m.header.flags.contains(RouteFlags::Cloned)
    {
        return None;
    }
    let mut r = Route {
        table: u32::from(m.header.table),
        dst: "0.0.0.0".to_string(),
        prefix_len: m.header.destination_prefix_length,
        tos: m.header.tos,
        metric: 0,
        kind: m.header.kind.into(),
        protocol: m.header.protocol.into(),
        scope: m.header.scope.into(),
        prefsrc: None,
        gateway: None,
        dev: None,
        flags: nh_flags(m.header.flags.bits() as u8),
        nexthops: Vec::new(),
    };
    for a in m.attributes {
        match a {
            RouteAttribute::Table(t) => r.table = t,
            RouteAttribute::Destination(d) => r.dst = route_addr(&d),
            RouteAttribute::Priority(p) => r.metric = p,
            RouteAttribute::PrefSource(a) => r.prefsrc = Some(route_addr(&a)),
            RouteAttribute::Gateway(a) => r.gateway = Some(route_addr(&a)),
            RouteAttribute::Oif(i) => r.dev = names.get(i),
            RouteAttribute::MultiPath(hops) => {
                r.nexthops = hops.into_iter().map(|h| nexthop(h, names)).collect()
            }
            _ => {}
        }
    }
    Some(r)
}

/// `RTM_NEWRULE` `AF_INET` (`fib_nl_fill_rule`, `fib4_rule_fill`) → [`Rule`].
///
/// The kernel sends `FRA_FWMARK` only for a non-zero mark and `FRA_FWMASK` whenever mark or
/// mask is non-zero (0xffffffff for `fwmark N` without a mask); as iproute2 does, a rule with
/// either gets `fwmark` (0 when absent) and the mask as sent.
fn rule(m: RuleMessage) -> Option<Rule> {
    if m.header.family != AddressFamily::Inet {
        return None;
    }
    let mut r = Rule {
        priority: 0,
        src: None,
        dst: None,
        tos: m.header.tos,
        iif: None,
        oif: None,
        fwmark: None,
        fwmask: None,
        action: m.header.action.into(),
        table: u32::from(m.header.table),
        goto: None,
        invert: m.header.flags.contains(RuleFlags::Invert),
        suppress_prefixlen: None,
    };
    let (mut mark, mut mask) = (None, None);
    for a in m.attributes {
        match a {
            RuleAttribute::Priority(p) => r.priority = p,
            RuleAttribute::Source(x) => r.src = Some(format!("{x}/{}", m.header.src_len)),
            RuleAttribute::Destination(x) => r.dst = Some(format!("{x}/{}", m.header.dst_len)),
            RuleAttribute::Iifname(n) => r.iif = Some(n),
            RuleAttribute::Oifname(n) => r.oif = Some(n),
            RuleAttribute::FwMark(v) => mark = Some(v),
            RuleAttribute::FwMask(v) => mask = Some(v),
            RuleAttribute::Table(t) => r.table = t,
            RuleAttribute::Goto(g) => r.goto = Some(g),
            RuleAttribute::SuppressPrefixLen(v) if v != u32::MAX => r.suppress_prefixlen = Some(v),
            _ => {}
        }
    }
    if mark.is_some() || mask.is_some() {
        r.fwmark = Some(mark.unwrap_or(0));
        r.fwmask = mask;
    }
    Some(r)
}

/// `RTM_NEWNEIGH` `AF_INET` (`neigh_fill_info`, or `pneigh_fill_info` with `NTF_PROXY` and
/// state `NUD_NONE`) → [`Neighbour`]. Every entry of the table is kept, including the
/// `NOARP` and `NONE` ones that a plain `ip neigh show` hides (`ip neigh show nud all` lists them).
fn neighbour(m: NeighbourMessage, names: &Names) -> Option<Neighbour> {
    if m.header.family != AddressFamily::Inet {
        return None;
    }
    let (mut dst, mut lladdr) = (None, None);
    for a in m.attributes {
        match a {
            NeighbourAttribute::Destination(NeighbourAddress::Inet(x)) => dst = Some(x.to_string()),
            NeighbourAttribute::LinkLayerAddress(b) => lladdr = Some(mac(&b)),
            _ => {}
        }
    }
    Some(Neighbour {
        dev: names.get(m.header.ifindex).unwrap_or_default(),
        dst: dst?,
        lladdr,
        state: m.header.state.into(),
        proxy: m.header.flags.contains(NeighbourFlags::Proxy),
        router: m.header.flags.contains(NeighbourFlags::Router),
    })
}

/// `RTM_NEWNEIGH` `AF_BRIDGE` (`br_fdb_fill_info` for a bridge's table with `NDA_MASTER`,
/// `nlmsg_populate_fdb_fill` with `NTF_SELF` for a device's own list) → [`FdbEntry`].
fn fdb_entry(m: NeighbourMessage, names: &Names) -> Option<FdbEntry> {
    if m.header.family != AddressFamily::Bridge {
        return None;
    }
    let (mut lladdr, mut master, mut vlan) = (None, None, None);
    for a in m.attributes {
        match a {
            NeighbourAttribute::LinkLayerAddress(b) => lladdr = Some(mac(&b)),
            NeighbourAttribute::Controller(i) => master = names.get(i),
            NeighbourAttribute::Vlan(v) => vlan = Some(v),
            _ => {}
        }
    }
    Some(FdbEntry {
        dev: names.get(m.header.ifindex).unwrap_or_default(),
        mac: lladdr?,
        master,
        vlan,
        state: m.header.state.into(),
        is_self: m.header.flags.contains(NeighbourFlags::Own),
    })
}

/// Checks the dump against `ip -j` and `bridge -j` on the real kernel, inside a network
/// namespace unshared by the test's own thread (never the machine's).
#[cfg(test)]
mod tests {
    use super::*;
    use nix::sched::{unshare, CloneFlags};
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
        }
    }
}
