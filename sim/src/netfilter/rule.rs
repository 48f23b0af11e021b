//! One rule (`struct ipt_entry`): the IP header part (`struct ipt_ip`), its matches, its target
//! and its counters (`struct xt_counters`).

use super::matches::Match;
use super::target::Target;
use serde::Serialize;
use std::net::Ipv4Addr;

/// Packet and byte counters (`struct xt_counters`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
    pub packets: u64,
    pub bytes: u64,
}

impl Counters {
    pub fn add(&mut self, bytes: u32) {
        self.packets += 1;
        self.bytes += u64::from(bytes);
    }
}

/// An address with a prefix length (`-s 10.0.0.0/8`); the address is stored masked, as
/// iptables masks it before sending the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Prefix {
    pub addr: Ipv4Addr,
    pub len: u8,
}

impl Prefix {
    pub const ANY: Prefix = Prefix {
        addr: Ipv4Addr::UNSPECIFIED,
        len: 0,
    };

    pub fn new(addr: Ipv4Addr, len: u8) -> Prefix {
        let len = len.min(32);
        Prefix {
            addr: Ipv4Addr::from(u32::from(addr) & mask(len)),
            len,
        }
    }

    pub fn mask(self) -> u32 {
        mask(self.len)
    }

    pub fn contains(self, a: Ipv4Addr) -> bool {
        u32::from(a) & self.mask() == u32::from(self.addr)
    }
}

/// The netmask of a prefix length.
pub fn mask(len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(len.min(32)))
    }
}

/// `-i`/`-o`: an interface name, `+` at the end matching any name with that prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Iface {
    pub name: String,
    pub inv: bool,
}

impl Iface {
    /// `ip_packet_match`'s interface test (`ifname_compare_aligned` with the mask iptables
    /// built: the whole name plus its terminating NUL, or only the prefix before `+`).
    pub fn matches(&self, dev: Option<&str>) -> bool {
        let dev = dev.unwrap_or("");
        let hit = match self.name.strip_suffix('+') {
            Some(prefix) => dev.starts_with(prefix),
            None => dev == self.name,
        };
        hit != self.inv
    }
}

/// The fixed part of a rule (`struct ipt_ip`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpSpec {
    pub src: Prefix,
    pub src_inv: bool,
    pub dst: Prefix,
    pub dst_inv: bool,
    /// 0 = any (`-p all`).
    pub proto: u8,
    pub proto_inv: bool,
    pub in_if: Option<Iface>,
    pub out_if: Option<Iface>,
    /// `-f` (Some(true)), `! -f` (Some(false)).
    pub frag: Option<bool>,
}

impl Default for IpSpec {
    fn default() -> Self {
        IpSpec {
            src: Prefix::ANY,
            src_inv: false,
            dst: Prefix::ANY,
            dst_inv: false,
            proto: 0,
            proto_inv: false,
            in_if: None,
            out_if: None,
            frag: None,
        }
    }
}

/// A rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub ip: IpSpec,
    /// Matches in the order the rule names them (that order is kept by save and list).
    pub matches: Vec<Match>,
    pub target: Target,
    pub counters: Counters,
}

impl Rule {
    /// Same rule for `-D`/`-C` (`find_entry`/`is_same`): everything but counters and the
    /// run-time state of matches.
    pub fn same(&self, other: &Rule) -> bool {
        self.ip == other.ip && self.matches == other.matches && self.target == other.target
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.same(other)
    }
}
