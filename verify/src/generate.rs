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

/// A device as the rendered script leaves it after the topology part.
#[derive(Debug, Clone)]
pub struct GenDev {
    pub name: String,
    pub place: usize,
    pub mac: Option<String>,
    pub is_bridge: bool,
    /// For a veth end: the bridge it is enslaved to.
    pub master: Option<String>,
    /// The address the topology gives it.
    pub addr: Option<Cidr>,
    /// For a veth end: the other end's index in [`GenScenario::devices`].
    pub peer: Option<usize>,
    pub up: bool,
}

/// The name of place `p` (`None` for the initial namespace).
fn ns_name(p: usize) -> Option<String> {
    (p > 0).then(|| format!("ns{p}"))
}

/// `ip` or `ip -n nsK`.
fn ip_in(p: usize) -> String {
    ns_name(p).map_or_else(|| "ip".to_string(), |n| format!("ip -n {n}"))
}

/// `` or `ip netns exec nsK ` (before a non-ip command).
fn exec_in(p: usize) -> String {
    ns_name(p).map_or_else(String::new, |n| format!("ip netns exec {n} "))
}

/// The address of veth end `d` as its peer sees it: its own, or its bridge's.
fn across(devs: &[GenDev], d: &GenDev) -> Option<Cidr> {
    match &d.master {
        Some(m) => devs.iter().find(|b| &b.name == m).and_then(|b| b.addr),
        None => d.addr,
    }
}

impl GenScenario {
    fn places(&self) -> usize {
        self.namespaces.clamp(1, MAX_NAMESPACES) + 1
    }

    fn place(&self, i: &Idx) -> usize {
        i.index(self.places())
    }

    /// The place `s` selects; `named`: among the named namespaces only.
    fn at(&self, devs: &[GenDev], s: &PlaceSel, named: bool) -> usize {
        let first = usize::from(named);
        let all: Vec<usize> = (first..self.places()).collect();
        let busy = |p: usize| devs.iter().any(|d| d.place == p && d.name != "lo");
        s.idx.get_preferring(&all, !s.any, busy)
    }

    /// The devices the script creates, every namespace's `lo` first.
    pub fn devices(&self) -> Vec<GenDev> {
        let mut devs: Vec<GenDev> = (0..self.places())
            .map(|place| GenDev {
                name: "lo".into(),
                place,
                mac: None,
                is_bridge: false,
                master: None,
                addr: None,
                peer: None,
                up: self.lo_up.get(place).copied().unwrap_or(false),
            })
            .collect();
        let mut serial = 0u8;
        let mut mac = || {
            serial += 1;
            Some(format!("02:00:00:00:00:{serial:02x}"))
        };
        for (j, b) in self.bridges.iter().enumerate() {
            devs.push(GenDev {
                name: format!("br{j}"),
                place: self.place(&b.place),
                mac: mac(),
                is_bridge: true,
                master: None,
                addr: b.addr,
                peer: None,
                up: b.up,
            });
        }
        for (j, v) in self.veths.iter().enumerate() {
            for (end, name) in [format!("veth{j}"), format!("vh{j}")]
                .into_iter()
                .enumerate()
            {
                let n = self.places() - 1;
                let place = match end {
                    0 => self.place(&v.a),
                    _ => 1 + (j + v.b.index(n)) % n,
                };
                let bridges: Vec<&GenDev> = devs
                    .iter()
                    .filter(|d| d.is_bridge && d.place == place)
                    .collect();
                let master = match &v.master[end] {
                    Some(i) if !bridges.is_empty() => Some(i.get(&bridges).name.clone()),
                    _ => None,
                };
                let addr = match v.net {
                    Some(n) if master.is_none() => Some(Cidr {
                        ip: Ip {
                            net: n.net,
                            host: n.hosts[end],
                        },
                        len: n.len,
                    }),
                    _ => None,
                };
                devs.push(GenDev {
                    name,
                    place,
                    mac: mac(),
                    is_bridge: false,
                    master,
                    addr,
                    // The pair is pushed together: vethJ, then vhJ.
                    peer: Some(if end == 0 {
                        devs.len() + 1
                    } else {
                        devs.len() - 1
                    }),
                    up: v.up[end],
                });
            }
        }
        devs
    }

    /// Every address the script assigns, in order (ping, gateway and neighbour targets).
    fn assigned(&self, devs: &[GenDev]) -> Vec<Ipv4Addr> {
        let topology = devs.iter().filter_map(|d| d.addr.map(|c| c.ip.addr()));
        let steps = self.steps.iter().filter_map(|s| match s {
            Step::Addr { addr, .. } => Some(addr.ip.addr()),
            _ => None,
        });
        topology.chain(steps).collect()
    }

    /// The script's commands, one per element.
    pub fn commands(&self) -> Vec<String> {
        let devs = self.devices();
        let assigned = self.assigned(&devs);
        let mut out = Vec::new();

        for k in 1..self.places() {
            out.push(format!("ip netns add ns{k}"));
        }
        for d in devs.iter().filter(|d| d.name == "lo" && d.up) {
            out.push(format!("{} link set dev lo up", ip_in(d.place)));
        }
        for d in devs.iter().filter(|d| d.is_bridge) {
            let mac = d.mac.as_deref().unwrap_or_default();
            out.push(format!(
                "{} link add {} address {mac} type bridge",
                ip_in(d.place),
                d.name
            ));
        }
        let find = |name: &str| devs.iter().find(|d| d.name == name).expect("own device");
        for (j, v) in self.veths.iter().enumerate() {
            let (x, y) = (find(&format!("veth{j}")), find(&format!("vh{j}")));
            // Created in the initial namespace when one end lives there: a named namespace
            // cannot name the initial one (and `netns 1` would be the host's).
            let (first, second) = if x.place != 0 && y.place == 0 {
                (y, x)
            } else {
                (x, y)
            };
            let mut cmd = format!(
                "{} link add {} address {} type veth peer name {} address {}",
                ip_in(first.place),
                first.name,
                first.mac.as_deref().unwrap_or_default(),
                second.name,
                second.mac.as_deref().unwrap_or_default()
            );
            let moved = second.place != first.place;
            if moved && v.peer_netns {
                cmd.push_str(&format!(" netns ns{}", second.place));
            }
            out.push(cmd);
            if moved && !v.peer_netns {
                out.push(format!(
                    "{} link set dev {} netns ns{}",
                    ip_in(first.place),
                    second.name,
                    second.place
                ));
            }
        }
        for d in &devs {
            if let Some(m) = &d.master {
                out.push(format!(
                    "{} link set dev {} master {m}",
                    ip_in(d.place),
                    d.name
                ));
            }
        }
        for d in devs.iter().filter(|d| d.name != "lo" && d.up) {
            out.push(format!("{} link set dev {} up", ip_in(d.place), d.name));
        }
        for d in &devs {
            if let Some(a) = d.addr {
                out.push(format!(
                    "{} addr add {} dev {}",
                    ip_in(d.place),
                    a.addr(),
                    d.name
                ));
            }
        }
        for (p, on) in self.forward.iter().enumerate().take(self.places()).skip(1) {
            if *on {
                out.push(format!("{}sysctl -w net.ipv4.ip_forward=1", exec_in(p)));
            }
        }
        for (j, v) in self.veths.iter().enumerate() {
            for (end, name) in [format!("veth{j}"), format!("vh{j}")].iter().enumerate() {
                let d = find(name);
                let gw = d.peer.and_then(|i| across(&devs, &devs[i]));
                if let (true, Some(gw)) = (v.gw[end], gw) {
                    let gw = gw.ip.addr();
                    out.push(format!("{} route add default via {gw}", ip_in(d.place)));
                }
            }
        }

        let mut pings = 0;
        for s in &self.steps {
            if let Some(c) = self.render_step(s, &devs, &assigned, &mut pings) {
                out.push(c);
            }
        }
        for r in &self.reads {
            let p = self.at(&devs, &r.place, false);
            out.push(match r.kind {
                ReadKind::Route => format!("{} route", ip_in(p)),
                ReadKind::Neigh => format!("{} neigh", ip_in(p)),
                ReadKind::Addr => format!("{} addr", ip_in(p)),
                ReadKind::Link => format!("{} link", ip_in(p)),
                ReadKind::Rule => format!("{} rule", ip_in(p)),
                ReadKind::Fdb => match ns_name(p) {
                    Some(n) => format!("bridge -n {n} fdb show"),
                    None => "bridge fdb show".to_string(),
                },
            });
        }
        out
    }

    /// The script: one simple command per line.
    pub fn to_script(&self) -> String {
        let mut s = String::new();
        for c in self.commands() {
            s.push_str(&c);
            s.push('\n');
        }
        s
    }

    fn render_step(
        &self,
        step: &Step,
        devs: &[GenDev],
        assigned: &[Ipv4Addr],
        pings: &mut usize,
    ) -> Option<String> {
        let target = |t: &Target| match t.assigned {
            Some(i) if !assigned.is_empty() => *i.get(assigned),
            _ => t.ip.addr(),
        };
        // The topology addresses across the veths of place `p`.
        let gateway = |d: &GenDev| across(devs, d);
        // The addresses across the veths of place `p`.
        let peers = |p: usize| -> Vec<Ipv4Addr> {
            let ends = devs.iter().filter(|d| d.place == p);
            let peers = ends.filter_map(|d| d.peer.map(|i| &devs[i]));
            peers.filter_map(gateway).map(|c| c.ip.addr()).collect()
        };
        let dev = |s: &DevSel| {
            let p = self.at(devs, &s.place, false);
            let all: Vec<&GenDev> = devs.iter().filter(|d| d.place == p).collect();
            s.idx.get_preferring(&all, !s.lo, |d| d.name != "lo")
        };
        // A device of place `p` (there is always its `lo`).
        let dev_in = |p: usize, i: &Idx| {
            let v: Vec<&GenDev> = devs.iter().filter(|d| d.place == p).collect();
            i.get(&v).name.clone()
        };
        let macs: Vec<&str> = devs
            .iter()
            .filter_map(|d| d.mac.as_deref())
            .chain([STRAY_MAC])
            .collect();
        Some(match step {
            Step::Addr { dev: sel, addr } => {
                let d = dev(sel);
                format!("{} addr add {} dev {}", ip_in(d.place), addr.addr(), d.name)
            }
            Step::Route {
                place,
                dst,
                via,
                table100,
            } => {
                let p = self.at(devs, place, false);
                let dst = match dst {
                    Dst::Default => "default".to_string(),
                    Dst::Net { external: true, .. } => "192.0.2.0/24".to_string(),
                    Dst::Net { ip, len, .. } => Cidr { ip: *ip, len: *len }.net(),
                };
                let ip = ip_in(p);
                let mut c = match via {
                    Via::Peer(i, t) => {
                        let gw = match peers(p) {
                            v if v.is_empty() => target(t),
                            v => *i.get(&v),
                        };
                        format!("{ip} route add {dst} via {gw}")
                    }
                    Via::Gateway(gw, None) => format!("{ip} route add {dst} via {}", target(gw)),
                    Via::Gateway(gw, Some(d)) => {
                        let (gw, d) = (target(gw), dev_in(p, d));
                        format!("{ip} route add {dst} via {gw} dev {d}")
                    }
                    Via::Dev(d) => format!("{ip} route add {dst} dev {}", dev_in(p, d)),
                    Via::Blackhole => format!("{ip} route add blackhole {dst}"),
                    Via::Unreachable => format!("{ip} route add unreachable {dst}"),
                    Via::Prohibit => format!("{ip} route add prohibit {dst}"),
                };
                if *table100 {
                    c.push_str(" table 100");
                }
                c
            }
            Step::Rule { place, sel } => {
                let sel = match sel {
                    RuleSel::From(t, 32) => format!("from {}", target(t)),
                    RuleSel::From(t, len) => format!("from {}/{len}", network(target(t), *len)),
                    RuleSel::Fwmark => "fwmark 0x1".to_string(),
                };
                format!(
                    "{} rule add {sel} table 100",
                    ip_in(self.at(devs, place, false))
                )
            }
            Step::Neigh { dev: sel, ip, mac } => {
                let d = dev(sel);
                let (ip, mac) = (target(ip), mac.get(&macs));
                format!(
                    "{} neigh add {ip} lladdr {mac} nud permanent dev {}",
                    ip_in(d.place),
                    d.name
                )
            }
            Step::Fdb { port, mac } => {
                let ports: Vec<&GenDev> = devs.iter().filter(|d| d.master.is_some()).collect();
                if ports.is_empty() {
                    return None;
                }
                let d = port.get(&ports);
                let bridge = match ns_name(d.place) {
                    Some(n) => format!("bridge -n {n}"),
                    None => "bridge".to_string(),
                };
                let mac = mac.get(&macs);
                format!("{bridge} fdb add {mac} dev {} master static", d.name)
            }
            Step::Sysctl { place, key, value } => {
                let p = self.at(devs, place, true);
                let (key, max) = match key {
                    SysKey::IpForward => ("ip_forward".to_string(), 1),
                    SysKey::Conf(scope, knob) => {
                        let scope = match scope {
                            Scope::All => "all".to_string(),
                            Scope::Default => "default".to_string(),
                            Scope::Dev(i) => dev_in(p, i),
                        };
                        let (name, max) = match knob {
                            Knob::RpFilter => ("rp_filter", 2),
                            Knob::ProxyArp => ("proxy_arp", 1),
                            Knob::ArpIgnore => ("arp_ignore", 2),
                            Knob::ArpAnnounce => ("arp_announce", 2),
                            Knob::Forwarding => ("forwarding", 1),
                        };
                        (format!("conf.{scope}.{name}"), max)
                    }
                };
                let value = (*value).min(max);
                format!("{}sysctl -w net.ipv4.{key}={value}", exec_in(p))
            }
            Step::Link { dev: sel, up } => {
                let d = dev(sel);
                let state = if *up { "up" } else { "down" };
                format!("{} link set dev {} {state}", ip_in(d.place), d.name)
            }
            Step::Ping {
                from,
                to,
                near,
                mark,
            } => {
                if *pings >= MAX_PINGS {
                    return None;
                }
                *pings += 1;
                let d = dev(from);
                let to = match d.peer.and_then(|i| gateway(&devs[i])) {
                    Some(c) if *near => c.ip.addr(),
                    _ => target(to),
                };
                let m = if *mark { "-m 1 " } else { "" };
                format!("{}ping -c 1 -W 1 {m}{to}", exec_in(d.place))
            }
            Step::RouteGet { place, to, opt } => {
                let opt = match opt {
                    GetOpt::None => String::new(),
                    GetOpt::Mark => " mark 0x1".to_string(),
                    GetOpt::From(t) => format!(" from {}", target(t)),
                };
                format!(
                    "{} route get {}{opt}",
                    ip_in(self.at(devs, place, false)),
                    target(to)
                )
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};

    /// `n` scenarios from a fixed seed.
    fn sample(seed: u8, n: usize) -> Vec<GenScenario> {
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        (0..n)
            .map(|_| scenario().new_tree(&mut runner).unwrap().current())
            .collect()
    }

    /// Words iproute2 matches by prefix somewhere in the commands we generate.
    const KEYWORDS: &str = "add address all blackhole broadcast default delete dev down from \
        fwmark help link lladdr local lookup master mtu name netns nud peer permanent prohibit \
        static table to type unreachable up via";

    /// A device name the kernel takes that iproute2 cannot take for a keyword.
    fn valid_name(name: &str) -> bool {
        let keyword = KEYWORDS.split_whitespace().any(|k| k.starts_with(name));
        (2..=15).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && (name == "lo" || !keyword)
    }

    fn allowed_ip(a: Ipv4Addr) -> bool {
        let o = a.octets();
        a.is_private() || matches!(o, [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _])
    }

    #[test]
    fn generate_scripts_parse_and_are_supported() {
        let opts = pathsim::run::RunOptions::default();
        for (n, g) in sample(1, 300).into_iter().enumerate() {
            let text = g.to_script();
            let script = pathsim::script::parse("gen.sh", &text)
                .unwrap_or_else(|e| panic!("case {n}: {e}\n{text}"));
            assert_eq!(script.commands.len(), text.lines().count());
            let report = pathsim::run::run_script(&script, &opts);
            for c in &report.commands {
                assert!(
                    !c.output.unsupported,
                    "case {n}: `{}` unsupported: {}\n{text}",
                    c.command.text, c.output.stderr
                );
            }
        }
    }

    #[test]
    fn generate_names_addresses_and_limits_are_valid() {
        let mut sizes = Vec::new();
        for g in sample(2, 300) {
            let text = g.to_script();
            for d in g.devices() {
                assert!(valid_name(&d.name), "{}", d.name);
            }
            for word in text.split_whitespace() {
                let addr = word.split('/').next().unwrap_or(word);
                if let Ok(a) = addr.parse::<Ipv4Addr>() {
                    assert!(allowed_ip(a), "{a} in\n{text}");
                }
                if let Some(kv) = word.strip_prefix("net.") {
                    assert!(kv.starts_with("ipv4."), "{word}");
                }
            }
            for line in text.lines() {
                if line.contains("sysctl") {
                    assert!(line.starts_with("ip netns exec ns"), "{line}");
                }
                if line.contains("ping") {
                    assert!(line.contains("ping -c 1 -W 1 "), "{line}");
                }
            }
            assert!(text.matches("ping ").count() <= MAX_PINGS, "{text}");
            sizes.push(text.lines().count());
        }
        sizes.sort_unstable();
        let median = sizes[sizes.len() / 2];
        assert!((10..=25).contains(&median), "median size {median}");
        assert!(*sizes.last().unwrap() <= 45, "{sizes:?}");
    }

    #[test]
    fn generate_is_deterministic() {
        let a: Vec<String> = sample(7, 20).iter().map(GenScenario::to_script).collect();
        let b: Vec<String> = sample(7, 20).iter().map(GenScenario::to_script).collect();
        let c: Vec<String> = sample(8, 20).iter().map(GenScenario::to_script).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn generate_shrinks_to_a_minimal_script() {
        let config = Config {
            failure_persistence: None,
            ..Config::default()
        };
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let result = runner.run(&scenario(), |g| {
            prop_assert!(!g.to_script().contains(" ping "));
            Ok(())
        });
        let Err(TestError::Fail(_, minimal)) = result else {
            panic!("no case with a ping in a namespace: {result:?}");
        };
        // Usually exactly "ip netns add ns1" and the ping; a step's choice that depends on
        // what else exists can keep one more object.
        let text = minimal.to_script();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() <= 3, "{text}");
        assert_eq!(lines[0], "ip netns add ns1", "{text}");
        assert_eq!(
            lines.last(),
            Some(&"ip netns exec ns1 ping -c 1 -W 1 10.0.0.1")
        );
    }
}
