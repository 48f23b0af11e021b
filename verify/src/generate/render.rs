//! Rendering a [`GenScenario`] as a script: indices resolved against the topology.

use super::*;

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
        // Bridges joined by veth pairs so far (a union-find over device indices): a pair that
        // would join a bridge to itself, directly or through others, is a loop whose flood
        // storm runs as fast as the machine can and is not comparable; its second end stays
        // out of the bridge.
        let mut joined: Vec<usize> = (0..devs.len()).collect();
        fn root(joined: &mut [usize], mut i: usize) -> usize {
            while joined[i] != i {
                joined[i] = joined[joined[i]];
                i = joined[i];
            }
            i
        }
        for (j, v) in self.veths.iter().enumerate() {
            let n = self.places() - 1;
            let places = [self.place(&v.a), 1 + (j + v.b.index(n)) % n];
            let mut masters = [None, None];
            for end in 0..2 {
                let bridges: Vec<usize> = (0..devs.len())
                    .filter(|&i| devs[i].is_bridge && devs[i].place == places[end])
                    .collect();
                if let Some(i) = &v.master[end] {
                    if !bridges.is_empty() {
                        masters[end] = Some(*i.get(&bridges));
                    }
                }
            }
            if let [Some(x), Some(y)] = masters {
                let (rx, ry) = (root(&mut joined, x), root(&mut joined, y));
                if rx == ry {
                    masters[1] = None;
                } else {
                    joined[rx] = ry;
                }
            }
            for (end, name) in [format!("veth{j}"), format!("vh{j}")]
                .into_iter()
                .enumerate()
            {
                let place = places[end];
                let master = masters[end].map(|i| devs[i].name.clone());
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
