//! FIB tables: routes, longest-prefix lookup and the insert/delete rules of
//! `net/ipv4/fib_trie.c` (`fib_table_insert`, `fib_table_delete`, `fib_table_lookup`).
//!
//! A table maps (prefix, length) to an ordered list of aliases, as a trie leaf does: dumps walk
//! keys in ascending order and, for one key, longer prefixes first; inside one prefix the
//! aliases are ordered by TOS (descending) then metric (ascending), which is also the order
//! in which lookups try them.

use super::{prefix_mask, IfIndex, Scope};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// `RT_TABLE_LOCAL`.
pub const TABLE_LOCAL: u32 = 255;
/// `RT_TABLE_MAIN`.
pub const TABLE_MAIN: u32 = 254;
/// `RT_TABLE_DEFAULT`.
pub const TABLE_DEFAULT: u32 = 253;

/// `enum rtn_type` values the model knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RouteType {
    Unicast,
    Local,
    Broadcast,
    /// `RTN_ANYCAST`: accepted and looked up like a unicast route without a gateway on
    /// output; on input it is neither local nor forwardable.
    Anycast,
    Multicast,
    Blackhole,
    Unreachable,
    Prohibit,
    Throw,
    /// `RTN_NAT`: only ever refused (`fib_props[RTN_NAT].scope` is `RT_SCOPE_NOWHERE`).
    Nat,
}

impl RouteType {
    /// iproute2's name (`rtnl_rtntype_n2a`).
    pub fn name(self) -> &'static str {
        match self {
            RouteType::Unicast => "unicast",
            RouteType::Local => "local",
            RouteType::Broadcast => "broadcast",
            RouteType::Anycast => "anycast",
            RouteType::Multicast => "multicast",
            RouteType::Blackhole => "blackhole",
            RouteType::Unreachable => "unreachable",
            RouteType::Prohibit => "prohibit",
            RouteType::Throw => "throw",
            RouteType::Nat => "nat",
        }
    }

    pub fn parse(s: &str) -> Option<RouteType> {
        Some(match s {
            "unicast" => RouteType::Unicast,
            "local" => RouteType::Local,
            "broadcast" => RouteType::Broadcast,
            "anycast" => RouteType::Anycast,
            "multicast" => RouteType::Multicast,
            "blackhole" => RouteType::Blackhole,
            "unreachable" => RouteType::Unreachable,
            "prohibit" => RouteType::Prohibit,
            "throw" => RouteType::Throw,
            "nat" => RouteType::Nat,
            _ => return None,
        })
    }

    /// The kernel's number (`RTN_*`, `rtm_type` of a route message).
    pub fn value(self) -> u8 {
        match self {
            RouteType::Unicast => 1,
            RouteType::Local => 2,
            RouteType::Broadcast => 3,
            RouteType::Anycast => 4,
            RouteType::Multicast => 5,
            RouteType::Blackhole => 6,
            RouteType::Unreachable => 7,
            RouteType::Prohibit => 8,
            RouteType::Throw => 9,
            RouteType::Nat => 10,
        }
    }

    /// `fib_props[type].error`: the types that end a lookup with an error.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            RouteType::Blackhole | RouteType::Unreachable | RouteType::Prohibit | RouteType::Throw
        )
    }

    /// `fib_props[type].scope`: the narrowest scope a route of this type may have.
    pub fn min_scope(self) -> Scope {
        match self {
            RouteType::Local => Scope::Host,
            RouteType::Broadcast | RouteType::Multicast | RouteType::Anycast => Scope::Link,
            RouteType::Nat => Scope::Nowhere,
            _ => Scope::Universe,
        }
    }
}

/// Route protocol (`rtm_protocol`), printed by name where iproute2 knows one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proto(pub u8);

impl Proto {
    pub const REDIRECT: Proto = Proto(1);
    pub const KERNEL: Proto = Proto(2);
    pub const BOOT: Proto = Proto(3);
    pub const STATIC: Proto = Proto(4);

    /// `/usr/share/iproute2/rt_protos` names, or the number.
    pub fn name(self) -> String {
        RT_PROTOS
            .iter()
            .find(|(n, _)| *n == self.0)
            .map_or_else(|| self.0.to_string(), |(_, name)| (*name).to_string())
    }

    pub fn parse(s: &str) -> Option<Proto> {
        RT_PROTOS
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(n, _)| Proto(*n))
            .or_else(|| parse_u32(s).and_then(|v| u8::try_from(v).ok()).map(Proto))
    }
}

/// iproute2's `rt_protos` table as this machine ships it.
const RT_PROTOS: &[(u8, &str)] = &[
    (0, "unspec"),
    (1, "redirect"),
    (2, "kernel"),
    (3, "boot"),
    (4, "static"),
    (8, "gated"),
    (9, "ra"),
    (10, "mrt"),
    (11, "zebra"),
    (12, "bird"),
    (13, "dnrouted"),
    (14, "xorp"),
    (15, "ntk"),
    (16, "dhcp"),
    (18, "keepalived"),
    (42, "babel"),
    (99, "openr"),
    (186, "bgp"),
    (187, "isis"),
    (188, "ospf"),
    (189, "rip"),
    (192, "eigrp"),
];

/// Parses a decimal or `0x` hexadecimal number as iproute2's `get_u32` does.
pub fn parse_u32(s: &str) -> Option<u32> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u32::from_str_radix(h, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// One nexthop of a route (`struct fib_nh`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nexthop {
    pub gw: Option<Ipv4Addr>,
    pub dev: IfIndex,
    /// `rtnh_hops + 1`, printed as `weight`.
    pub weight: u32,
    pub onlink: bool,
    /// `RTNH_F_LINKDOWN`: the device has no carrier.
    pub linkdown: bool,
    /// `RTNH_F_DEAD`: the device is down; kept only inside a multipath route.
    pub dead: bool,
    /// The nexthop's scope (`fib_nh_scope`): link for a directly reachable gateway,
    /// host for a device route, nowhere for local/host-scope routes.
    pub scope: Scope,
}

/// A route (one `fib_alias` with its `fib_info`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub dst: Ipv4Addr,
    pub plen: u8,
    pub table: u32,
    pub rtype: RouteType,
    pub proto: Proto,
    pub scope: Scope,
    pub metric: u32,
    pub prefsrc: Option<Ipv4Addr>,
    pub tos: u8,
    pub nexthops: Vec<Nexthop>,
    /// Written with `nexthop …` clauses (`RTA_MULTIPATH`), even if only one.
    pub multipath: bool,
    /// `RTA_METRICS` (`fib_info->fib_metrics`), in `RTAX_*` order.
    pub metrics: Vec<RouteMetric>,
}

/// One route metric, as `ip route … mtu [lock] N` sets it (`ip_metrics_convert`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RouteMetric {
    /// `RTAX_*`.
    pub rtax: u8,
    /// Its bit in `RTAX_LOCK`.
    pub lock: bool,
    pub value: u32,
}

/// `RTAX_MTU`.
pub const RTAX_MTU: u8 = 2;
/// `RTAX_ADVMSS`.
pub const RTAX_ADVMSS: u8 = 8;
/// `RTAX_HOPLIMIT`.
pub const RTAX_HOPLIMIT: u8 = 10;

impl Route {
    /// The value of metric `rtax`, if the route has it.
    pub fn metric_value(&self, rtax: u8) -> Option<u32> {
        self.metrics
            .iter()
            .find(|m| m.rtax == rtax)
            .map(|m| m.value)
    }

    /// `dst_metric_locked(dst, RTAX_MTU)`.
    pub fn mtu_locked(&self) -> bool {
        self.metrics.iter().any(|m| m.rtax == RTAX_MTU && m.lock)
    }

    /// Same `fib_info` content, the test `fib_table_insert` uses to refuse an exact duplicate.
    pub fn same_info(&self, other: &Route) -> bool {
        self.rtype == other.rtype
            && self.scope == other.scope
            && self.proto == other.proto
            && self.prefsrc == other.prefsrc
            && self.metric == other.metric
            && self.metrics == other.metrics
            && self.nexthops.len() == other.nexthops.len()
            && self
                .nexthops
                .iter()
                .zip(&other.nexthops)
                .all(|(a, b)| a.gw == b.gw && a.dev == b.dev && a.weight == b.weight)
    }

    /// Does any nexthop leave through `dev`?
    pub fn uses_dev(&self, dev: IfIndex) -> bool {
        self.nexthops.iter().any(|n| n.dev == dev)
    }
}

/// The netlink flags of a route change (`NLM_F_*`), one variant per `ip route` verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertMode {
    /// `ip route add`: `NLM_F_CREATE | NLM_F_EXCL`.
    Add,
    /// `ip route replace`: `NLM_F_CREATE | NLM_F_REPLACE`.
    Replace,
    /// `ip route change`: `NLM_F_REPLACE`.
    Change,
    /// `ip route append`: `NLM_F_CREATE | NLM_F_APPEND`.
    Append,
    /// `ip route prepend`: `NLM_F_CREATE`.
    Prepend,
}

/// Why a route change was refused (the errno `RTNETLINK answers:` prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FibError {
    /// `EEXIST`: "File exists".
    Exists,
    /// `ENOENT`: "No such file or directory" (change without a match).
    NoEntry,
    /// `ESRCH`: "No such process" (delete without a match).
    NoSuchProcess,
}

/// What a single table lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLookup<'a> {
    /// A usable route; the nexthop index is chosen later (multipath).
    Found(&'a Route),
    /// An error-type route (blackhole, unreachable, prohibit, throw) matched first.
    Error(&'a Route),
    NotFound,
}

/// The lookup key (`struct flowi4` fields the FIB uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowKey {
    pub dst: Ipv4Addr,
    pub src: Ipv4Addr,
    pub tos: u8,
    /// `flowi4_scope`: routes narrower than this are skipped.
    pub scope: Scope,
    /// `flowi4_oif` (0 = any).
    pub oif: IfIndex,
    pub iif: IfIndex,
    pub mark: u32,
}

/// One routing table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FibTable {
    /// Keyed by (network, 32 - prefix length) so iteration is the trie's dump order.
    entries: BTreeMap<(u32, u8), Vec<Route>>,
    /// Bit `p` set when some route of prefix length `p` exists (skips empty lengths).
    lens: u64,
}

impl FibTable {
    /// Every route in dump order.
    pub fn routes(&self) -> impl Iterator<Item = &Route> {
        self.entries.values().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn recompute_lens(&mut self) {
        self.lens = self
            .entries
            .keys()
            .fold(0, |acc, (_, slen)| acc | 1u64 << (32 - slen));
    }

    /// `fib_table_insert`: applies the `ip route add|replace|change|append|prepend` rules.
    pub fn insert(&mut self, route: Route, mode: InsertMode) -> Result<(), FibError> {
        let key = (
            u32::from(route.dst) & prefix_mask(route.plen),
            32 - route.plen,
        );
        let list = self.entries.entry(key).or_default();
        // Aliases are kept by tos descending, metric ascending; find the first alias with
        // the same tos and a metric >= ours (`fib_find_alias`).
        let pos = list
            .iter()
            .position(|r| r.tos < route.tos || (r.tos == route.tos && r.metric >= route.metric))
            .unwrap_or(list.len());
        let same: Vec<usize> = (pos..list.len())
            .take_while(|&i| list[i].tos == route.tos && list[i].metric == route.metric)
            .collect();
        let result = if let Some(&first) = same.first() {
            match mode {
                InsertMode::Add => Err(FibError::Exists),
                InsertMode::Replace | InsertMode::Change => {
                    list[first] = route;
                    Ok(())
                }
                InsertMode::Append | InsertMode::Prepend => {
                    if same.iter().any(|&i| list[i].same_info(&route)) {
                        Err(FibError::Exists)
                    } else if mode == InsertMode::Append {
                        list.insert(same[same.len() - 1] + 1, route);
                        Ok(())
                    } else {
                        list.insert(first, route);
                        Ok(())
                    }
                }
            }
        } else if mode == InsertMode::Change {
            Err(FibError::NoEntry)
        } else {
            list.insert(pos, route);
            Ok(())
        };
        if self.entries.get(&key).is_some_and(Vec::is_empty) {
            self.entries.remove(&key);
        }
        self.recompute_lens();
        result
    }

    /// `fib_table_delete`: removes the first route of the prefix that matches every field
    /// the request gave (`None` = not given).
    pub fn delete(&mut self, req: &DeleteRequest) -> Result<Route, FibError> {
        let key = (u32::from(req.dst) & prefix_mask(req.plen), 32 - req.plen);
        let list = self.entries.get_mut(&key).ok_or(FibError::NoSuchProcess)?;
        let idx = list
            .iter()
            .position(|r| req.matches(r))
            .ok_or(FibError::NoSuchProcess)?;
        let removed = list.remove(idx);
        if list.is_empty() {
            self.entries.remove(&key);
            self.recompute_lens();
        }
        Ok(removed)
    }

    /// Removes every route for which `pred` holds; returns them in dump order.
    pub fn remove_where(&mut self, mut pred: impl FnMut(&Route) -> bool) -> Vec<Route> {
        let mut removed = Vec::new();
        for list in self.entries.values_mut() {
            let mut i = 0;
            while i < list.len() {
                if pred(&list[i]) {
                    removed.push(list.remove(i));
                } else {
                    i += 1;
                }
            }
        }
        self.entries.retain(|_, l| !l.is_empty());
        self.recompute_lens();
        removed
    }

    /// Mutable access to every route (to update flags such as `linkdown`).
    pub fn routes_mut(&mut self) -> impl Iterator<Item = &mut Route> {
        self.entries.values_mut().flatten()
    }

    /// `fib_table_lookup`: longest prefix first; inside a prefix the first alias whose TOS,
    /// scope and nexthop device fit. Error-type routes match before nexthop checks, as in the
    /// kernel (`fib_props[].error` is tested before `RTNH_F_DEAD`).
    pub fn lookup(&self, key: &FlowKey) -> TableLookup<'_> {
        let dst = u32::from(key.dst);
        let mut lens = self.lens;
        while lens != 0 {
            let plen = 63 - lens.leading_zeros() as u8;
            lens &= !(1u64 << plen);
            let Some(list) = self.entries.get(&(dst & prefix_mask(plen), 32 - plen)) else {
                continue;
            };
            for r in list {
                if r.tos != 0 && r.tos != key.tos {
                    continue;
                }
                if r.scope < key.scope {
                    continue;
                }
                if r.rtype.is_error() {
                    return TableLookup::Error(r);
                }
                if key.oif != 0 && !r.nexthops.iter().any(|n| n.dev == key.oif) {
                    continue;
                }
                return TableLookup::Found(r);
            }
        }
        TableLookup::NotFound
    }
}

/// The fields of an `ip route del` request; `None` means "not given, matches anything".
#[derive(Debug, Clone)]
pub struct DeleteRequest {
    pub dst: Ipv4Addr,
    pub plen: u8,
    pub tos: u8,
    pub rtype: Option<RouteType>,
    pub scope: Option<Scope>,
    pub proto: Option<Proto>,
    pub metric: Option<u32>,
    pub prefsrc: Option<Ipv4Addr>,
    pub gw: Option<Ipv4Addr>,
    pub dev: Option<IfIndex>,
    /// `nexthop …` given: the route's nexthops must be exactly these (gateway, device),
    /// in order (`fib_nh_match` on a multipath spec).
    pub nexthops: Option<Vec<(Option<Ipv4Addr>, IfIndex)>>,
}

impl DeleteRequest {
    /// `fib_table_delete`'s match test (`fib_nh_match` for the nexthop part).
    pub fn matches(&self, r: &Route) -> bool {
        r.tos == self.tos
            && self.rtype.is_none_or(|t| t == r.rtype)
            && self.scope.is_none_or(|s| s == r.scope)
            && self.proto.is_none_or(|p| p == r.proto)
            && self.metric.is_none_or(|m| m == r.metric)
            && self.prefsrc.is_none_or(|s| Some(s) == r.prefsrc)
            && (self.gw.is_none() || r.nexthops.iter().any(|n| n.gw == self.gw))
            && self
                .dev
                .is_none_or(|d| r.nexthops.iter().any(|n| n.dev == d))
            && self.nexthops.as_ref().is_none_or(|want| {
                want.len() == r.nexthops.len()
                    && want
                        .iter()
                        .zip(&r.nexthops)
                        .all(|((gw, dev), n)| *gw == n.gw && *dev == n.dev)
            })
    }
}

/// All tables of a namespace.
#[derive(Debug, Clone, Serialize)]
pub struct Fib {
    pub tables: BTreeMap<u32, FibTable>,
}

impl Default for Fib {
    fn default() -> Self {
        // Only main exists in a new namespace; the others appear with their first route
        // (`fib_new_table`) and stay, even emptied.
        let mut tables = BTreeMap::new();
        tables.insert(TABLE_MAIN, FibTable::default());
        Fib { tables }
    }
}

impl Fib {
    pub fn table(&self, id: u32) -> Option<&FibTable> {
        self.tables.get(&id)
    }

    /// The table, created on first use as `fib_new_table` does.
    pub fn table_mut(&mut self, id: u32) -> &mut FibTable {
        self.tables.entry(id).or_default()
    }

    /// `__inet_dev_addr_type` (net/ipv4/fib_frontend.c): 0.0.0.0/8 and 255.255.255.255 are
    /// broadcast, 224.0.0.0/4 multicast; otherwise the type of the first route of `table`
    /// covering `addr` (if `dev` is given, only when that route's first nexthop is on `dev`),
    /// else unicast. A table that does not exist counts as empty: every caller here has
    /// created it (or asks for local, which exists once an address does).
    pub fn addr_type(&self, table: u32, dev: Option<IfIndex>, addr: Ipv4Addr) -> RouteType {
        if addr.octets()[0] == 0 || addr == Ipv4Addr::BROADCAST {
            return RouteType::Broadcast;
        }
        if addr.is_multicast() {
            return RouteType::Multicast;
        }
        let key = FlowKey {
            dst: addr,
            src: Ipv4Addr::UNSPECIFIED,
            tos: 0,
            scope: Scope::Universe,
            oif: 0,
            iif: 0,
            mark: 0,
        };
        match self.table(table).map(|t| t.lookup(&key)) {
            Some(TableLookup::Found(r))
                if dev.is_none_or(|d| r.nexthops.first().is_some_and(|n| n.dev == d)) =>
            {
                r.rtype
            }
            _ => RouteType::Unicast,
        }
    }
}

/// iproute2's table names (`rtnl_rttable_n2a`).
pub fn table_name(id: u32) -> String {
    match id {
        TABLE_LOCAL => "local".into(),
        TABLE_MAIN => "main".into(),
        TABLE_DEFAULT => "default".into(),
        0 => "unspec".into(),
        n => n.to_string(),
    }
}

/// Parses a table name or number.
pub fn parse_table(s: &str) -> Option<u32> {
    match s {
        "local" => Some(TABLE_LOCAL),
        "main" => Some(TABLE_MAIN),
        "default" => Some(TABLE_DEFAULT),
        "unspec" => Some(0),
        _ => parse_u32(s),
    }
}

#[cfg(test)]
mod tests;
