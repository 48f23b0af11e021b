//! Random container-networking scenarios for `pathsim-verify fuzz`.
//!
//! A [`GenScenario`] is a structured model, not text: a topology (named namespaces, bridges,
//! veth pairs, which ends are up and enslaved) and then a list of [`Step`]s and [`Read`]s
//! that refer to namespaces, devices and addresses by [`Idx`]. Indices are resolved against
//! the topology when the script is rendered ([`GenScenario::to_script`]), so every shrink of
//! proptest (fewer namespaces, veths or steps, smaller indices, simpler addresses) still
//! renders a valid script, and a divergence shrinks to a minimal one.
//!
//! The topology part is rendered first (namespaces, `lo` up, bridges, veths and their moves,
//! masters, links up, one address per veth end, `ip_forward=1`, containers' default routes),
//! then the steps (addresses, routes of every kind, `table 100` with `ip rule` `from`/`fwmark`,
//! permanent neighbours, static FDB entries, `net.ipv4` sysctls, link up/down, pings,
//! `ip route get`), then state reads (`ip route|neigh|addr|link|rule`, `bridge fdb show`).
//!
//! What a rendered script contains, and what it never contains:
//! - `ip netns add ns1`…`ns4`; place 0 is the initial namespace of the sandbox (no `-n`).
//! - veth ends `vethJ`/`vhJ` and bridges `brJ` (never iproute2 keyword prefixes), each with an
//!   explicit MAC `02:00:00:00:00:NN`, so link and neighbour outputs compare across runs.
//! - only private and TEST-NET IPv4 addresses (10.0.0.0/24, 10.0.1.0/24, 192.168.1.0/24,
//!   203.0.113.0/24, and 192.0.2.0/24 as a route destination).
//! - sysctls only as `ip netns exec nsN sysctl -w net.ipv4.…` in a named namespace.
//! - at most [`MAX_PINGS`] pings, each `-c 1 -W 1`.
//! - simple commands only (no shell features, no `#>` lines).

use proptest::prelude::*;
use std::net::Ipv4Addr;

/// Named namespaces at most (plus the initial one).
pub const MAX_NAMESPACES: usize = 4;
/// Pings at most per scenario (each costs up to a second on the real kernel).
pub const MAX_PINGS: usize = 3;

/// The /24 networks addresses are drawn from (the first ones more often).
const SUBNETS: [[u8; 3]; 4] = [[10, 0, 0], [10, 0, 1], [192, 168, 1], [203, 0, 113]];
/// Host parts: .1/.2 share a /30, .3 is that /30's broadcast, .5 is in the next /30.
const HOSTS: [u8; 6] = [1, 2, 3, 5, 10, 254];
/// A MAC no device has, for neighbour and FDB entries.
const STRAY_MAC: &str = "02:00:00:00:00:ee";

/// A choice among the objects that exist when the script is rendered: the `n`-th of them,
/// modulo their number. Small values shrink to the same object whatever the number, so
/// shrinking elsewhere (fewer namespaces or veths) rarely changes what a step refers to.
#[derive(Debug, Clone, Copy)]
pub struct Idx(pub u8);

impl Idx {
    fn index(self, len: usize) -> usize {
        usize::from(self.0) % len.max(1)
    }

    fn get<T>(self, v: &[T]) -> &T {
        &v[self.index(v.len())]
    }

    /// The choice in `v`, or, when `prefer` and that one is not `good`, a choice among the
    /// good ones if there are any. A good choice stays the same when others come and go.
    fn get_preferring<T: Copy>(self, v: &[T], prefer: bool, good: impl Fn(T) -> bool) -> T {
        let first = *self.get(v);
        let goods: Vec<T> = v.iter().copied().filter(|x| good(*x)).collect();
        match prefer && !good(first) && !goods.is_empty() {
            true => *self.get(&goods),
            false => first,
        }
    }
}

/// A generated scenario. Place 0 is the initial namespace, place `k` is `ns{k}`.
#[derive(Debug, Clone)]
pub struct GenScenario {
    /// Named namespaces `ns1..=nsN`, 1 to [`MAX_NAMESPACES`].
    pub namespaces: usize,
    /// `ip link set lo up` per place (index 0 is the initial namespace).
    pub lo_up: Vec<bool>,
    /// `sysctl -w net.ipv4.ip_forward=1` per named namespace (index 0 is not used).
    pub forward: Vec<bool>,
    pub bridges: Vec<Bridge>,
    pub veths: Vec<Veth>,
    /// Configuration and probes, in order.
    pub steps: Vec<Step>,
    /// State dumps at the end.
    pub reads: Vec<Read>,
}

/// A bridge `brJ`.
#[derive(Debug, Clone)]
pub struct Bridge {
    pub place: Idx,
    pub up: bool,
    pub addr: Option<Cidr>,
}

/// An address with its prefix length.
#[derive(Debug, Clone, Copy)]
pub struct Cidr {
    pub ip: Ip,
    pub len: u8,
}

/// The subnet of a veth pair: one address per end (ends enslaved to a bridge get none).
#[derive(Debug, Clone, Copy)]
pub struct LinkNet {
    pub net: u8,
    pub len: u8,
    pub hosts: [u8; 2],
}

/// A place for a step: among the places that have a device other than `lo` (when there is
/// one), or, when `any`, among all of them.
#[derive(Debug, Clone)]
pub struct PlaceSel {
    pub idx: Idx,
    pub any: bool,
}

/// A device of a place: among its devices but `lo` (when there is one), or, when `lo`,
/// among all of them. Choosing the place first keeps the choice stable while shrinking
/// removes devices elsewhere.
#[derive(Debug, Clone)]
pub struct DevSel {
    pub place: PlaceSel,
    pub idx: Idx,
    pub lo: bool,
}

/// A veth pair: `vethJ` in place `a` (any), `vhJ` in a named namespace, `ns{J+1}` when
/// `b` is 0 (then `b` more, cyclically), so that each veth tends to reach a namespace of
/// its own, like a container's.
#[derive(Debug, Clone)]
pub struct Veth {
    pub a: Idx,
    pub b: Idx,
    /// Create the peer directly in its namespace (`peer name vhJ … netns nsB`) instead of
    /// moving it afterwards (`ip link set dev vhJ netns nsB`).
    pub peer_netns: bool,
    pub up: [bool; 2],
    /// A bridge of the end's namespace to enslave it to (skipped when there is none).
    pub master: [Option<Idx>; 2],
    pub net: Option<LinkNet>,
    /// `ip route add default via X` in the end's namespace, X the address across the veth
    /// (the peer's, or its bridge's), when there is one.
    pub gw: [bool; 2],
}

/// An IPv4 address from [`SUBNETS`] × [`HOSTS`].
#[derive(Debug, Clone, Copy)]
pub struct Ip {
    pub net: u8,
    pub host: u8,
}

/// An address to talk to: one the script assigns (topology or `Addr` step), or `ip`.
#[derive(Debug, Clone)]
pub struct Target {
    pub assigned: Option<Idx>,
    pub ip: Ip,
}

#[derive(Debug, Clone)]
pub enum Dst {
    Default,
    /// `ip`'s network at prefix length `len` (192.0.2.0/24 when `external`).
    Net {
        ip: Ip,
        len: u8,
        external: bool,
    },
}

#[derive(Debug, Clone)]
pub enum Via {
    /// `via PEER`: the topology address at the other end of a veth end of the route's
    /// namespace (a container's default route); like `Gateway(Target)` when there is none.
    Peer(Idx, Target),
    /// `via GW [dev D]` (D a device of the route's namespace).
    Gateway(Target, Option<Idx>),
    /// `dev D`: a connected (scope link) route.
    Dev(Idx),
    Blackhole,
    Unreachable,
    Prohibit,
}

#[derive(Debug, Clone)]
pub enum RuleSel {
    From(Target, u8),
    Fwmark,
}

#[derive(Debug, Clone)]
pub enum Scope {
    All,
    Default,
    /// A device of the sysctl's namespace.
    Dev(Idx),
}

#[derive(Debug, Clone, Copy)]
pub enum Knob {
    RpFilter,
    ProxyArp,
    ArpIgnore,
    ArpAnnounce,
    Forwarding,
}

#[derive(Debug, Clone)]
pub enum SysKey {
    IpForward,
    Conf(Scope, Knob),
}

#[derive(Debug, Clone)]
pub enum GetOpt {
    None,
    Mark,
    From(Target),
}

/// One configuration command or probe, after the topology.
#[derive(Debug, Clone)]
pub enum Step {
    Addr {
        dev: DevSel,
        addr: Cidr,
    },
    Route {
        place: PlaceSel,
        dst: Dst,
        via: Via,
        table100: bool,
    },
    Rule {
        place: PlaceSel,
        sel: RuleSel,
    },
    Neigh {
        dev: DevSel,
        ip: Target,
        mac: Idx,
    },
    /// `bridge fdb add MAC dev PORT master static` on an enslaved veth end.
    Fdb {
        port: Idx,
        mac: Idx,
    },
    /// In a named namespace only (`place` chooses among them).
    Sysctl {
        place: PlaceSel,
        key: SysKey,
        value: u8,
    },
    Link {
        dev: DevSel,
        up: bool,
    },
    /// From the namespace of `from`; when `near`, to the address across `from` (its veth
    /// peer's, or the peer's bridge's) if there is one.
    Ping {
        from: DevSel,
        to: Target,
        near: bool,
        mark: bool,
    },
    RouteGet {
        place: PlaceSel,
        to: Target,
        opt: GetOpt,
    },
}

#[derive(Debug, Clone, Copy)]
pub enum ReadKind {
    Route,
    Neigh,
    Addr,
    Link,
    Rule,
    Fdb,
}

/// A state dump at the end of the scenario.
#[derive(Debug, Clone)]
pub struct Read {
    pub place: PlaceSel,
    pub kind: ReadKind,
}

// ---------------------------------------------------------------------------------------
// Strategies

/// Random scenarios: 1–4 namespaces, 0–3 veths, 0–1 bridges, up to 7 steps, up to 2 reads.
///
/// Proptest shrinks a tuple's fields in order, each once: steps and reads come first, so
/// that their indices are small (and so stable) by the time the topology shrinks.
pub fn scenario() -> impl Strategy<Value = GenScenario> {
    let places = MAX_NAMESPACES + 1;
    (
        proptest::collection::vec(step(), 0..=7),
        proptest::collection::vec(read(), 0..=2),
        proptest::collection::vec(veth(), 0..=3),
        proptest::collection::vec(bridge(), 0..=1),
        proptest::collection::vec(prop::bool::weighted(0.8), places),
        proptest::collection::vec(prop::bool::weighted(0.3), places),
        prop_oneof![3 => Just(1), 3 => Just(2), 2 => Just(3), 1 => Just(MAX_NAMESPACES)],
    )
        .prop_map(
            |(steps, reads, veths, bridges, lo_up, forward, namespaces)| GenScenario {
                namespaces,
                lo_up,
                forward,
                bridges,
                veths,
                steps,
                reads,
            },
        )
}

fn idx() -> impl Strategy<Value = Idx> {
    any::<u8>().prop_map(Idx)
}

fn bridge() -> impl Strategy<Value = Bridge> {
    let addr = prop::option::weighted(0.5, cidr());
    (idx(), prop::bool::weighted(0.9), addr).prop_map(|(place, up, addr)| Bridge {
        place,
        up,
        addr,
    })
}

fn veth() -> impl Strategy<Value = Veth> {
    let up = prop::bool::weighted(0.85);
    let master = || prop::option::weighted(0.4, idx());
    let host = || prop::sample::select(HOSTS.to_vec());
    let len = prop_oneof![3 => Just(24u8), 1 => Just(30)];
    let net =
        (net(), len, [host(), host()]).prop_map(|(net, len, hosts)| LinkNet { net, len, hosts });
    (
        (idx(), idx(), any::<bool>()),
        [up, up],
        [master(), master()],
        prop::option::weighted(0.75, net),
        [prop::bool::weighted(0.3), prop::bool::weighted(0.3)],
    )
        .prop_map(|((a, b, peer_netns), up, master, net, gw)| Veth {
            a,
            b,
            peer_netns,
            up,
            master,
            net,
            gw,
        })
}

fn net() -> impl Strategy<Value = u8> {
    prop_oneof![4 => Just(0u8), 2 => Just(1), 1 => Just(2), 1 => Just(3)]
}

fn ip() -> impl Strategy<Value = Ip> {
    (net(), prop::sample::select(HOSTS.to_vec())).prop_map(|(net, host)| Ip { net, host })
}

fn prefix_len() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(24u8), 2 => Just(32), 2 => Just(30), 1 => Just(16)]
}

fn cidr() -> impl Strategy<Value = Cidr> {
    (ip(), prefix_len()).prop_map(|(ip, len)| Cidr { ip, len })
}

fn place_sel() -> impl Strategy<Value = PlaceSel> {
    (idx(), prop::bool::weighted(0.15)).prop_map(|(idx, any)| PlaceSel { idx, any })
}

fn dev_sel() -> impl Strategy<Value = DevSel> {
    (place_sel(), idx(), prop::bool::weighted(0.2)).prop_map(|(place, idx, lo)| DevSel {
        place,
        idx,
        lo,
    })
}

fn target() -> impl Strategy<Value = Target> {
    (prop::option::weighted(0.8, idx()), ip()).prop_map(|(assigned, ip)| Target { assigned, ip })
}

fn dst() -> impl Strategy<Value = Dst> {
    prop_oneof![
        2 => Just(Dst::Default),
        3 => (ip(), prefix_len(), prop::bool::weighted(0.2))
            .prop_map(|(ip, len, external)| Dst::Net { ip, len, external }),
    ]
}

fn via() -> impl Strategy<Value = Via> {
    prop_oneof![
        4 => (idx(), target()).prop_map(|(i, t)| Via::Peer(i, t)),
        2 => (target(), prop::option::weighted(0.3, idx()))
            .prop_map(|(t, d)| Via::Gateway(t, d)),
        3 => idx().prop_map(Via::Dev),
        1 => Just(Via::Blackhole),
        1 => Just(Via::Unreachable),
        1 => Just(Via::Prohibit),
    ]
}

fn knob() -> impl Strategy<Value = Knob> {
    prop_oneof![
        Just(Knob::RpFilter),
        Just(Knob::ProxyArp),
        Just(Knob::ArpIgnore),
        Just(Knob::ArpAnnounce),
        Just(Knob::Forwarding),
    ]
}

fn sys_key() -> impl Strategy<Value = SysKey> {
    let scope = prop_oneof![
        2 => Just(Scope::All),
        1 => Just(Scope::Default),
        3 => idx().prop_map(Scope::Dev),
    ];
    prop_oneof![
        2 => Just(SysKey::IpForward),
        3 => (scope, knob()).prop_map(|(s, k)| SysKey::Conf(s, k)),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let rule = prop_oneof![
        (target(), prop_oneof![Just(32u8), Just(24)]).prop_map(|(t, l)| RuleSel::From(t, l)),
        Just(RuleSel::Fwmark),
    ];
    let get_opt = prop_oneof![
        3 => Just(GetOpt::None),
        1 => Just(GetOpt::Mark),
        1 => target().prop_map(GetOpt::From),
    ];
    let value = prop_oneof![2 => Just(1u8), 1 => Just(0), 1 => Just(2)];
    prop_oneof![
        3 => (dev_sel(), cidr()).prop_map(|(dev, addr)| Step::Addr { dev, addr }),
        4 => (place_sel(), dst(), via(), prop::bool::weighted(0.25))
            .prop_map(|(place, dst, via, table100)| Step::Route { place, dst, via, table100 }),
        1 => (place_sel(), rule).prop_map(|(place, sel)| Step::Rule { place, sel }),
        1 => (dev_sel(), target(), idx()).prop_map(|(dev, ip, mac)| Step::Neigh { dev, ip, mac }),
        1 => (idx(), idx()).prop_map(|(port, mac)| Step::Fdb { port, mac }),
        3 => (place_sel(), sys_key(), value)
            .prop_map(|(place, key, value)| Step::Sysctl { place, key, value }),
        1 => (dev_sel(), any::<bool>()).prop_map(|(dev, up)| Step::Link { dev, up }),
        5 => (dev_sel(), target(), prop::bool::weighted(0.65), prop::bool::weighted(0.15))
            .prop_map(|(from, to, near, mark)| Step::Ping { from, to, near, mark }),
        2 => (place_sel(), target(), get_opt)
            .prop_map(|(place, to, opt)| Step::RouteGet { place, to, opt }),
    ]
}

fn read() -> impl Strategy<Value = Read> {
    let kind = prop_oneof![
        3 => Just(ReadKind::Route),
        3 => Just(ReadKind::Neigh),
        1 => Just(ReadKind::Addr),
        1 => Just(ReadKind::Link),
        1 => Just(ReadKind::Rule),
        1 => Just(ReadKind::Fdb),
    ];
    (place_sel(), kind).prop_map(|(place, kind)| Read { place, kind })
}

// ---------------------------------------------------------------------------------------
// Rendering

impl Ip {
    fn addr(self) -> Ipv4Addr {
        let [a, b, c] = SUBNETS[usize::from(self.net) % SUBNETS.len()];
        Ipv4Addr::new(a, b, c, self.host)
    }
}

impl Cidr {
    /// The prefix length, but /16 only inside 10.0.0.0/8 (203.0.0.0/16 is public space).
    fn len(self) -> u8 {
        if self.len < 24 && self.ip.addr().octets()[0] != 10 {
            24
        } else {
            self.len
        }
    }

    /// `A.B.C.D/LEN`, the address itself.
    fn addr(self) -> String {
        format!("{}/{}", self.ip.addr(), self.len())
    }

    /// `A.B.C.D/LEN`, the network.
    fn net(self) -> String {
        format!("{}/{}", network(self.ip.addr(), self.len()), self.len())
    }
}

/// The network of `addr` at prefix length `len`.
fn network(addr: Ipv4Addr, len: u8) -> Ipv4Addr {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    Ipv4Addr::from(u32::from(addr) & mask)
}

mod render;
#[cfg(test)]
mod tests;
