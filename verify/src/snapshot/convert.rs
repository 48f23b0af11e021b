//! rtnetlink messages into [`pathsim::state`] structures, one function per message type.

use pathsim::state::{Addr, FdbEntry, Link, Neighbour, Nexthop, Route, Rule};
use rtnetlink::packet_route::{
    address::{AddressAttribute, AddressMessage},
    link::{LinkAttribute, LinkInfo, LinkMessage},
    neighbour::{NeighbourAddress, NeighbourAttribute, NeighbourFlags, NeighbourMessage},
    route::{RouteAddress, RouteAttribute, RouteFlags, RouteMessage, RouteNextHop},
    rule::{RuleAttribute, RuleFlags, RuleMessage},
    AddressFamily,
};
use std::collections::HashMap;

/// Interface names of the namespace by ifindex.
pub(super) struct Names(pub(super) HashMap<u32, String>);

impl Names {
    /// `None` for ifindex 0; `if<N>` for an index the link dump did not list (a device that
    /// appeared between dumps), as iproute2's `ll_index_to_name` prints it.
    pub(super) fn get(&self, ifindex: u32) -> Option<String> {
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
pub(super) fn link(m: &LinkMessage, names: &Names) -> Link {
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
pub(super) fn addr(m: AddressMessage, names: &Names) -> Option<Addr> {
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
pub(super) fn route(m: RouteMessage, names: &Names) -> Option<Route> {
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
pub(super) fn rule(m: RuleMessage) -> Option<Rule> {
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
pub(super) fn neighbour(m: NeighbourMessage, names: &Names) -> Option<Neighbour> {
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
pub(super) fn fdb_entry(m: NeighbourMessage, names: &Names) -> Option<FdbEntry> {
    if m.header.family != AddressFamily::Bridge {
        return None;
    }
    let (mut lladdr, mut master, mut vlan) = (None, None, None);
    // A vxlan device's entries (`vxlan_fdb_info`): remote, port and VNI when not the
    // device's, the remote's device.
    let (mut dst, mut port, mut vni, mut via) = (None, None, None, None);
    for a in m.attributes {
        match a {
            NeighbourAttribute::LinkLayerAddress(b) => lladdr = Some(mac(&b)),
            NeighbourAttribute::Controller(i) => master = names.get(i),
            NeighbourAttribute::Vlan(v) => vlan = Some(v),
            // AF_BRIDGE messages carry the remote as raw bytes.
            NeighbourAttribute::Destination(NeighbourAddress::Other(b)) => {
                dst = <[u8; 4]>::try_from(b.as_slice())
                    .ok()
                    .map(|o| std::net::Ipv4Addr::from(o).to_string())
            }
            NeighbourAttribute::Port(p) => port = Some(p),
            NeighbourAttribute::Vni(v) => vni = Some(v),
            NeighbourAttribute::IfIndex(i) => via = names.get(i),
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
        dst,
        port,
        vni,
        via,
    })
}
