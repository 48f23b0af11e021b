//! The network state of every namespace as plain, comparable data: what `ip link`, `ip addr`,
//! `ip route show table all`, `ip rule`, `ip neigh` and `bridge fdb` would report, but typed.
//!
//! The simulator exports it with [`snapshot`]; `pathsim-verify` fills the same structures from
//! the real kernel over rtnetlink, so the final-state comparison never parses text. Every list
//! is sorted with the types' derived `Ord` (fields in declaration order, strings as text, so
//! `10.0.0.10` sorts before `10.0.0.2`), which starts with the keys each list names; two
//! snapshots compare with `==` and differ line by line.
//!
//! Scope: IPv4 routes, rules and neighbours (IPv6 state depends on the kernel's random timers
//! and is not part of the comparison); links, IPv4 addresses and the bridge FDB.
//! Numbers are the kernel's own (`RTN_*`, `RTPROT_*`, `RT_SCOPE_*`, `FR_ACT_*`, `NUD_*`), so
//! neither side has to agree on names.

use serde::{Deserialize, Serialize};

mod export;
pub use export::snapshot;

/// Every namespace, sorted by name; the initial namespace is named `""`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub namespaces: Vec<NsState>,
}

/// One namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NsState {
    /// The name under `/run/netns`, or `""` for the script's initial namespace.
    pub name: String,
    /// Sorted by ifindex.
    pub links: Vec<Link>,
    /// Sorted by (dev, local, prefix_len).
    pub addrs: Vec<Addr>,
    /// Sorted by (table, dst, prefix_len, tos, metric, type).
    pub routes: Vec<Route>,
    /// Sorted by (priority, then the rest).
    pub rules: Vec<Rule>,
    /// Sorted by (dev, dst).
    pub neighbours: Vec<Neighbour>,
    /// Sorted by (dev, mac, master).
    pub fdb: Vec<FdbEntry>,
}

/// A device, as `RTM_NEWLINK` describes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub ifindex: u32,
    pub name: String,
    /// `IFLA_INFO_KIND` (`veth`, `bridge`, `vxlan`, …); `None` for `lo`.
    pub kind: Option<String>,
    pub mtu: u32,
    /// The flags `ip link` prints between `<` and `>`, in its order
    /// (`BROADCAST,MULTICAST,UP,LOWER_UP`, …; `NO-CARRIER` included, `RUNNING` left out).
    /// `M-DOWN` is left out: iproute2 derives it from a same-namespace peer, it is no flag.
    pub flags: Vec<String>,
    /// `IFLA_OPERSTATE` as `ip link` prints it: `UP`, `DOWN`, `UNKNOWN`, `LOWERLAYERDOWN`, …
    pub operstate: String,
    /// Name of the master device (a bridge), if enslaved.
    pub master: Option<String>,
    /// `IFLA_ADDRESS`, lower-case `aa:bb:cc:dd:ee:ff`.
    pub address: String,
}

/// An IPv4 address (`RTM_NEWADDR`, family `AF_INET`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Addr {
    pub dev: String,
    /// `IFA_LOCAL`, dotted quad.
    pub local: String,
    pub prefix_len: u8,
    /// `IFA_ADDRESS` when it differs from `local` (a `peer`).
    pub peer: Option<String>,
    /// `IFA_BROADCAST`.
    pub broadcast: Option<String>,
    /// `RT_SCOPE_*` number (0 global, 253 link, 254 host).
    pub scope: u8,
    /// `IFA_LABEL`.
    pub label: String,
    /// `IFA_F_SECONDARY`.
    pub secondary: bool,
}

/// A next hop of a multipath route.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Nexthop {
    pub gateway: Option<String>,
    pub dev: Option<String>,
    /// The weight `ip route` prints (`rtnh_hops + 1`).
    pub weight: u32,
    /// `RTNH_F_*` names in `ip route`'s order: `dead`, `onlink`, `linkdown`.
    pub flags: Vec<String>,
}

/// An IPv4 route of any table (`RTM_NEWROUTE`, family `AF_INET`), cache entries excluded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Route {
    /// `RTA_TABLE` (254 main, 255 local, 253 default).
    pub table: u32,
    /// Destination network address, dotted quad (`0.0.0.0` for default).
    pub dst: String,
    pub prefix_len: u8,
    pub tos: u8,
    /// `RTA_PRIORITY`, 0 when absent.
    pub metric: u32,
    /// `RTN_*` number (1 unicast, 2 local, 3 broadcast, 6 blackhole, 7 unreachable, 8 prohibit, …).
    pub kind: u8,
    /// `RTPROT_*` number (2 kernel, 3 boot, 4 static, …).
    pub protocol: u8,
    /// `RT_SCOPE_*` number.
    pub scope: u8,
    /// `RTA_PREFSRC`.
    pub prefsrc: Option<String>,
    /// `RTA_GATEWAY` of a single-path route. A route with one nexthop is dumped single-path
    /// even when it was written with one `nexthop` clause (its weight is not reported).
    pub gateway: Option<String>,
    /// `RTA_OIF` of a single-path route.
    pub dev: Option<String>,
    /// `RTNH_F_*` names of a single-path route, in `ip route`'s order (`dead`, `onlink`,
    /// `linkdown`).
    pub flags: Vec<String>,
    /// `RTA_MULTIPATH`, in the kernel's order; empty for a single-path route.
    pub nexthops: Vec<Nexthop>,
}

/// An IPv4 policy rule (`RTM_NEWRULE`, family `AF_INET`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rule {
    pub priority: u32,
    /// `from` as `addr/len` (`/32` too, host bits as given), `None` for all (length 0).
    pub src: Option<String>,
    /// `to` as `addr/len`, `None` for all (length 0).
    pub dst: Option<String>,
    pub tos: u8,
    pub iif: Option<String>,
    pub oif: Option<String>,
    /// `FRA_FWMARK`; it and `FRA_FWMASK` are sent when either is non-zero, so `fwmark 0`
    /// without a mask reads `None`.
    pub fwmark: Option<u32>,
    /// `FRA_FWMASK`: `0xffffffff` for a plain `fwmark N`.
    pub fwmask: Option<u32>,
    /// `FR_ACT_*` number (1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit).
    pub action: u8,
    /// `FRA_TABLE` (or the header's table), 0 when none: iproute2 sends no table with `goto`,
    /// `nop`, `blackhole`, `unreachable`, `prohibit`.
    pub table: u32,
    /// `FRA_GOTO` target priority.
    pub goto: Option<u32>,
    /// `FIB_RULE_INVERT` (`not`).
    pub invert: bool,
    /// `FRA_SUPPRESS_PREFIXLEN` when set (not -1).
    pub suppress_prefixlen: Option<u32>,
}

/// An IPv4 neighbour (`RTM_NEWNEIGH`, family `AF_INET`), proxy entries included. The kernel
/// dumps every entry (`NONE`, `NOARP`, `FAILED` too, which `ip neigh` hides by default).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Neighbour {
    /// `""` for a proxy entry without a device.
    pub dev: String,
    pub dst: String,
    /// `NDA_LLADDR`, lower-case; sent only in a `NUD_VALID` state (not for `FAILED`, …).
    pub lladdr: Option<String>,
    /// `NUD_*` bits (0x01 INCOMPLETE, 0x02 REACHABLE, 0x04 STALE, 0x08 DELAY, 0x10 PROBE,
    /// 0x20 FAILED, 0x40 NOARP, 0x80 PERMANENT); 0 for a proxy entry.
    pub state: u16,
    /// `NTF_PROXY`: an `ip neigh add proxy` entry.
    pub proxy: bool,
    /// `NTF_ROUTER`.
    pub router: bool,
}

/// A bridge FDB entry as `bridge fdb show` lists it (`RTM_NEWNEIGH`, family `AF_BRIDGE`):
/// learned and static entries of bridge ports and bridges, and devices' own address lists.
/// `NTF_STICKY` is not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FdbEntry {
    /// The device the entry is on (`dev` in `bridge fdb show`).
    pub dev: String,
    pub mac: String,
    /// The bridge, when the entry is in a bridge's table (`master br0`).
    pub master: Option<String>,
    pub vlan: Option<u16>,
    /// `NUD_*` bits: 0x80 permanent, 0x40 static (NOARP), 0x02 dynamic (REACHABLE), …
    pub state: u16,
    /// `NTF_SELF`: the device's own list rather than the bridge's table.
    pub is_self: bool,
    /// A vxlan device's entry: `NDA_DST`, and `NDA_PORT` / `NDA_VNI` when they differ from
    /// the device's, `NDA_IFINDEX` (named), as `bridge fdb show` prints them.
    #[serde(default)]
    pub dst: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub vni: Option<u32>,
    #[serde(default)]
    pub via: Option<String>,
}
