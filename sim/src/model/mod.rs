//! The kernel's network state as plain data with pure lookups.
//!
//! Nothing here moves packets: [`crate::path`] does, and every change it makes to these
//! tables goes with a trace step. Lookups (`fib_table_lookup`, `fib_rules_lookup`,
//! `br_fdb_find`) are free of side effects so they can be tested on their own.

pub mod addr;
pub mod device;
pub mod fdb;
pub mod fib;
pub mod linkwatch;
pub mod neigh;
pub mod netns;
pub mod operstate;
pub mod rules;
pub mod sysctl;
pub mod vxlan;
pub mod world;

pub use addr::IfAddr;
pub use device::{DevKind, Device};
pub use netns::Netns;
pub use world::{DevRef, NsId, World};

/// A device index inside one namespace, as `ip link` prints it.
pub type IfIndex = u32;

/// Route and address scopes (`enum rt_scope_t`), ordered as the kernel compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Scope {
    /// `RT_SCOPE_UNIVERSE` (0), printed `global`.
    Universe,
    /// `RT_SCOPE_SITE` (200).
    Site,
    /// `RT_SCOPE_LINK` (253).
    Link,
    /// `RT_SCOPE_HOST` (254).
    Host,
    /// `RT_SCOPE_NOWHERE` (255).
    Nowhere,
}

impl Scope {
    /// The numeric value the kernel stores.
    pub fn value(self) -> u8 {
        match self {
            Scope::Universe => 0,
            Scope::Site => 200,
            Scope::Link => 253,
            Scope::Host => 254,
            Scope::Nowhere => 255,
        }
    }

    /// iproute2's name (`rtnl_rtscope_n2a`); `global` for universe.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Universe => "global",
            Scope::Site => "site",
            Scope::Link => "link",
            Scope::Host => "host",
            Scope::Nowhere => "nowhere",
        }
    }

    /// Parses iproute2's scope names (and `universe`).
    pub fn parse(s: &str) -> Option<Scope> {
        Some(match s {
            "global" | "universe" | "0" => Scope::Universe,
            "site" | "200" => Scope::Site,
            "link" | "253" => Scope::Link,
            "host" | "254" => Scope::Host,
            "nowhere" | "255" => Scope::Nowhere,
            _ => return None,
        })
    }
}

/// Netmask of a prefix length as a host-order `u32`.
pub fn prefix_mask(plen: u8) -> u32 {
    if plen == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(plen.min(32)))
    }
}

/// Does `addr` fall inside `net/plen`?
pub fn in_prefix(addr: std::net::Ipv4Addr, net: std::net::Ipv4Addr, plen: u8) -> bool {
    let m = prefix_mask(plen);
    u32::from(addr) & m == u32::from(net) & m
}
