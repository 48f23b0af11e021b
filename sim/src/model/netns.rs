//! One network namespace (`struct net`): its devices and tables.

use super::device::Device;
use super::fib::Fib;
use super::neigh::NeighTable;
use super::rules::RuleSet;
use super::sysctl::NetSysctl;
use super::IfIndex;
use serde::Serialize;
use std::collections::BTreeMap;

/// A namespace. The initial ("host") namespace has no name.
#[derive(Debug, Clone, Serialize)]
pub struct Netns {
    pub name: Option<String>,
    pub devices: BTreeMap<IfIndex, Device>,
    /// The last ifindex handed out (`net->ifindex`; allocation is cyclic upwards).
    pub last_ifindex: IfIndex,
    pub fib: Fib,
    pub rules: RuleSet,
    pub neigh: NeighTable,
    pub sysctl: NetSysctl,
    /// Next IPv4 ID for locally generated packets without DF (`ip_select_ident`).
    pub ip_id: u16,
    /// Per-destination ICMP rate-limit buckets (`inet_peer` `rate_tokens`), keyed by address.
    pub icmp_peers: BTreeMap<std::net::Ipv4Addr, IcmpBucket>,
    /// The global ICMP token bucket (`icmp_global_allow`).
    pub icmp_global: IcmpBucket,
    /// Ids this namespace gave other namespaces (`peernet2id_alloc`), as `link-netnsid` and
    /// `ip netns list` show them.
    pub netnsids: BTreeMap<super::NsId, u32>,
    /// Nexthop exceptions (`struct fib_nh_exception`): what ICMP redirects and frag-needed
    /// errors taught this namespace about single destinations; `ip route flush cache` clears.
    pub exceptions: BTreeMap<std::net::Ipv4Addr, RouteException>,
    /// Per-destination redirect state (`n_redirects` in `tokens`, `rate_last` in `last`).
    pub redirect_peers: BTreeMap<std::net::Ipv4Addr, IcmpBucket>,
    /// iptables tables of this namespace (none until a command creates one).
    pub netfilter: crate::netfilter::Netfilter,
    /// Connection tracking (`net->ct`): used once a rule needs it.
    pub conntrack: crate::netfilter::conntrack::Conntrack,
}

/// A learned exception for one destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RouteException {
    /// The gateway a redirect named (`fnhe_gw`) and the device it applies to.
    pub gw: Option<std::net::Ipv4Addr>,
    pub dev: IfIndex,
    /// A path MTU learned from frag-needed (`fnhe_pmtu`).
    pub mtu: Option<u32>,
    /// Logical time (ns) the exception expires (`fnhe_expires`).
    pub expires: u64,
}

/// A token bucket: `tokens` left as of `last` (ns).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IcmpBucket {
    pub tokens: u64,
    pub last: u64,
    pub used: bool,
}

impl Netns {
    pub fn new(name: Option<String>) -> Self {
        Netns {
            name,
            devices: BTreeMap::new(),
            last_ifindex: 0,
            fib: Fib::default(),
            rules: RuleSet::default(),
            neigh: NeighTable::default(),
            sysctl: NetSysctl::default(),
            ip_id: 0,
            icmp_peers: BTreeMap::new(),
            icmp_global: IcmpBucket::default(),
            redirect_peers: BTreeMap::new(),
            conntrack: Default::default(),
            exceptions: BTreeMap::new(),
            netnsids: BTreeMap::new(),
            netfilter: crate::netfilter::Netfilter::default(),
        }
    }

    /// The device called `name`.
    pub fn dev_by_name(&self, name: &str) -> Option<&Device> {
        self.devices.values().find(|d| d.name == name)
    }

    pub fn ifindex_of(&self, name: &str) -> Option<IfIndex> {
        self.dev_by_name(name).map(|d| d.ifindex)
    }

    /// `dev_index_reserve`: the next free index above the last one handed out.
    pub fn alloc_ifindex(&mut self) -> IfIndex {
        let mut i = self.last_ifindex + 1;
        while self.devices.contains_key(&i) {
            i += 1;
        }
        self.last_ifindex = i;
        i
    }

    /// The loopback device (always ifindex 1 in a namespace this model creates).
    pub fn loopback(&self) -> Option<&Device> {
        self.devices.values().find(|d| d.is_loopback())
    }

    /// Is `addr` one of this namespace's own addresses?
    pub fn is_local_addr(&self, addr: std::net::Ipv4Addr) -> bool {
        self.devices
            .values()
            .any(|d| d.addrs.iter().any(|a| a.local == addr))
    }

    /// Display name: the namespace's name, or `init` for the initial namespace.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or("init")
    }
}
