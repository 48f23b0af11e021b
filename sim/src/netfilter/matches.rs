//! Matches (`struct xt_match` modules of net/netfilter/ and net/ipv4/netfilter/): what each
//! stores and its `match` function over a [`PacketInfo`].

use super::eval::PacketInfo;
use super::ext::ExtMatch;
use super::rule::Iface;
use super::CtState;
use serde::Serialize;

/// A port range `lo:hi`, possibly inverted (`! --dport`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PortRange {
    pub lo: u16,
    pub hi: u16,
    pub inv: bool,
}

impl PortRange {
    /// `port_match` of xt_tcpudp.c.
    fn hit(self, port: u16) -> bool {
        (port >= self.lo && port <= self.hi) != self.inv
    }
}

/// `--tcp-flags mask cmp` (`--syn` is `FIN,SYN,RST,ACK SYN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TcpFlags {
    pub mask: u8,
    pub cmp: u8,
    pub inv: bool,
}

/// `-m tcp` (`struct xt_tcp`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tcp {
    pub sport: Option<PortRange>,
    pub dport: Option<PortRange>,
    pub flags: Option<TcpFlags>,
}

/// `-m udp` (`struct xt_udp`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Udp {
    pub sport: Option<PortRange>,
    pub dport: Option<PortRange>,
}

/// `-m icmp --icmp-type` (`struct ipt_icmp`); type 0xFF is `any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Icmp {
    pub ty: u8,
    pub code_min: u8,
    pub code_max: u8,
    pub inv: bool,
}

/// Which ports `-m multiport` looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MultiportKind {
    Src,
    Dst,
    Any,
}

/// `-m multiport` revision 1 (`struct xt_multiport_v1`): up to 15 ports, ranges count twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Multiport {
    pub kind: MultiportKind,
    pub ports: Vec<(u16, u16)>,
    pub inv: bool,
}

/// `-m addrtype` revision 1: bit `1 << RTN_*` per type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Addrtype {
    pub src: u16,
    pub src_inv: bool,
    pub dst: u16,
    pub dst_inv: bool,
    pub limit_in: bool,
    pub limit_out: bool,
}

/// `-m statistic` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StatMode {
    /// `probability` is `lround(p * 2^31)` as libxt_statistic stores it.
    Random { probability: u32 },
    /// `every` and `packet` as the user wrote them (the kernel stores `every - 1`).
    Nth { every: u32, packet: u32 },
}

/// `-m statistic` with the nth counter the kernel keeps in the match (`master->count`).
#[derive(Debug, Clone, Copy, Eq, Serialize)]
pub struct Statistic {
    pub mode: StatMode,
    pub inv: bool,
    pub count: u32,
}

impl PartialEq for Statistic {
    /// Run-time state (`count`) is not part of a rule's identity.
    fn eq(&self, other: &Statistic) -> bool {
        self.mode == other.mode && self.inv == other.inv
    }
}

impl Statistic {
    pub fn new(mode: StatMode, inv: bool) -> Statistic {
        let count = match mode {
            // libxt_statistic: count = (every - 1) - packet.
            StatMode::Nth { every, packet } => every.saturating_sub(1).saturating_sub(packet),
            StatMode::Random { .. } => 0,
        };
        Statistic { mode, inv, count }
    }
}

/// `-m physdev` (`struct xt_physdev_info`): `Some(inv)` for the flag tests.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Physdev {
    pub physin: Option<Iface>,
    pub physout: Option<Iface>,
    pub is_in: Option<bool>,
    pub is_out: Option<bool>,
    pub is_bridged: Option<bool>,
}

/// One match of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Match {
    Tcp(Tcp),
    Udp(Udp),
    Icmp(Icmp),
    /// `-m conntrack --ctstate` (only the state test of xt_conntrack).
    Conntrack {
        state: u8,
        inv: bool,
    },
    /// `-m state --state`.
    State {
        state: u8,
        inv: bool,
    },
    /// `-m mark --mark value/mask`.
    Mark {
        value: u32,
        mask: u32,
        inv: bool,
    },
    Multiport(Multiport),
    Addrtype(Addrtype),
    Comment(String),
    Statistic(Statistic),
    Physdev(Physdev),
    /// `iprange`, `pkttype`, `length`, `ttl`, `mac`.
    Ext(ExtMatch),
}

impl Match {
    /// The module name (`-m NAME`).
    pub fn name(&self) -> &'static str {
        match self {
            Match::Tcp(_) => "tcp",
            Match::Udp(_) => "udp",
            Match::Icmp(_) => "icmp",
            Match::Conntrack { .. } => "conntrack",
            Match::State { .. } => "state",
            Match::Mark { .. } => "mark",
            Match::Multiport(_) => "multiport",
            Match::Addrtype(_) => "addrtype",
            Match::Comment(_) => "comment",
            Match::Statistic(_) => "statistic",
            Match::Physdev(_) => "physdev",
            Match::Ext(e) => e.name(),
        }
    }

    /// The match function. `fragment` packets (offset != 0) never match port/type tests,
    /// as `tcp_mt`, `udp_mt`, `icmp_match` and `multiport_mt` return false for them.
    pub fn matches(&mut self, pkt: &PacketInfo, rng: &mut dyn FnMut() -> u32) -> bool {
        match self {
            Match::Tcp(t) => {
                if pkt.fragment {
                    return false;
                }
                let (Some(sp), Some(dp)) = (pkt.sport, pkt.dport) else {
                    return false;
                };
                t.sport.is_none_or(|r| r.hit(sp))
                    && t.dport.is_none_or(|r| r.hit(dp))
                    && t.flags
                        .is_none_or(|f| ((pkt.tcp_flags.unwrap_or(0) & f.mask) == f.cmp) != f.inv)
            }
            Match::Udp(u) => {
                if pkt.fragment {
                    return false;
                }
                let (Some(sp), Some(dp)) = (pkt.sport, pkt.dport) else {
                    return false;
                };
                u.sport.is_none_or(|r| r.hit(sp)) && u.dport.is_none_or(|r| r.hit(dp))
            }
            Match::Icmp(i) => {
                if pkt.fragment {
                    return false;
                }
                let Some((ty, code)) = pkt.icmp else {
                    return false;
                };
                // icmp_type_code_match
                let hit = i.ty == 0xFF || (ty == i.ty && code >= i.code_min && code <= i.code_max);
                hit != i.inv
            }
            Match::Conntrack { state, inv } => (pkt.ctstate.0 & *state != 0) != *inv,
            Match::State { state, inv } => {
                let s = pkt.ctstate.0 & !(CtState::SNAT | CtState::DNAT);
                (s & *state != 0) != *inv
            }
            Match::Mark { value, mask, inv } => ((pkt.mark & *mask) == *value) != *inv,
            Match::Multiport(m) => {
                if pkt.fragment {
                    return false;
                }
                let (Some(sp), Some(dp)) = (pkt.sport, pkt.dport) else {
                    return false;
                };
                let hit = m.ports.iter().any(|&(lo, hi)| {
                    let src = (sp >= lo && sp <= hi) && m.kind != MultiportKind::Dst;
                    let dst = (dp >= lo && dp <= hi) && m.kind != MultiportKind::Src;
                    src || dst
                });
                hit != m.inv
            }
            Match::Addrtype(a) => {
                let dev = if a.limit_in {
                    pkt.in_dev
                } else if a.limit_out {
                    pkt.out_dev
                } else {
                    None
                };
                let ty = |addr| 1u16 << (pkt.addr_type)(addr, dev).value();
                if a.src != 0 && ((ty(pkt.src) & a.src != 0) == a.src_inv) {
                    return false;
                }
                !(a.dst != 0 && ((ty(pkt.dst) & a.dst != 0) == a.dst_inv))
            }
            Match::Comment(_) => true,
            Match::Ext(e) => e.matches(pkt),
            Match::Statistic(s) => match s.mode {
                StatMode::Random { probability } => ((rng() & 0x7FFF_FFFF) < probability) != s.inv,
                StatMode::Nth { every, .. } => {
                    let last = every.saturating_sub(1);
                    s.count = if s.count == last { 0 } else { s.count + 1 };
                    (s.count == 0) != s.inv
                }
            },
            Match::Physdev(p) => {
                // physdev_mt: a packet that did not come through a bridge matches only rules
                // that ask for the opposite of being bridged/in/out.
                if !pkt.bridged {
                    return p.physin.as_ref().is_none_or(|i| i.inv)
                        && p.physout.as_ref().is_none_or(|i| i.inv)
                        && p.is_bridged.is_none_or(|inv| inv)
                        && p.is_in.is_none_or(|inv| inv)
                        && p.is_out.is_none_or(|inv| inv);
                }
                p.is_bridged
                    .is_none_or(|inv| pkt.physdev_out.is_some() != inv)
                    && p.is_in.is_none_or(|inv| pkt.physdev_in.is_some() != inv)
                    && p.is_out.is_none_or(|inv| pkt.physdev_out.is_some() != inv)
                    && p.physin.as_ref().is_none_or(|i| i.matches(pkt.physdev_in))
                    && p.physout
                        .as_ref()
                        .is_none_or(|i| i.matches(pkt.physdev_out))
            }
        }
    }
}
