//! Interface addresses (`struct in_ifaddr`), as `ip addr` lists them.

use super::Scope;
use serde::Serialize;
use std::net::Ipv4Addr;

/// One IPv4 address on a device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IfAddr {
    pub local: Ipv4Addr,
    pub prefix_len: u8,
    /// Set by `brd ADDR` or `brd +`; iproute2 prints it as `brd`.
    pub broadcast: Option<Ipv4Addr>,
    pub scope: Scope,
    /// `IFA_F_SECONDARY`: another primary address on the device covers the same subnet.
    pub secondary: bool,
    /// The label (`ip addr add … label veth0:1`); usually the device name.
    pub label: String,
}

impl IfAddr {
    /// The network this address' prefix route covers.
    pub fn network(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.local) & super::prefix_mask(self.prefix_len))
    }

    /// The directed broadcast of the subnet (`brd +`).
    pub fn subnet_broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.local) | !super::prefix_mask(self.prefix_len))
    }

    /// Is `other` inside this address' subnet (`inet_ifa_match`)?
    pub fn covers(&self, other: Ipv4Addr) -> bool {
        super::in_prefix(other, self.local, self.prefix_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_and_broadcast() {
        let a = IfAddr {
            local: Ipv4Addr::new(10, 0, 0, 1),
            prefix_len: 24,
            broadcast: None,
            scope: Scope::Universe,
            secondary: false,
            label: "veth0".into(),
        };
        assert_eq!(a.network(), Ipv4Addr::new(10, 0, 0, 0));
        assert_eq!(a.subnet_broadcast(), Ipv4Addr::new(10, 0, 0, 255));
        assert!(a.covers(Ipv4Addr::new(10, 0, 0, 77)));
        assert!(!a.covers(Ipv4Addr::new(10, 0, 1, 1)));
    }
}
