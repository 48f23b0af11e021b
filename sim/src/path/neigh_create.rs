//! How the ARP table creates an entry (`__neigh_create` with `arp_tbl`'s constructor,
//! `arp_constructor` in `net/ipv4/arp.c`): under which key, in which state, with which
//! link-layer address.
//!
//! - A loopback (or point-to-point) device keeps one entry for every destination, keyed
//!   0.0.0.0 (`__ipv4_neigh_lookup_noref` looks up `INADDR_ANY` there, and `arp_constructor`
//!   rewrites the key of a new entry). pathsim has no point-to-point devices.
//! - The address type comes from the local table (the device only chooses the table)
//!   (`inet_addr_type_dev_table`). A multicast destination is NOARP with the mapped MAC
//!   (`arp_mc_map`); on an IFF_NOARP or loopback device every entry is NOARP with the
//!   device's own address; a broadcast destination is NOARP with ff:ff:ff:ff:ff:ff. Anything
//!   else starts in NUD_NONE and is resolved with ARP.

use super::Sim;
use crate::model::fib::{RouteType, TABLE_LOCAL};
use crate::model::neigh::{Neighbour, Nud};
use crate::model::{Device, IfIndex, Netns, NsId};
use crate::wire::Mac;
use std::net::Ipv4Addr;

/// The key of `ip`'s entry on `d` (`__ipv4_neigh_lookup_noref`): 0.0.0.0 on a loopback
/// device, `ip` elsewhere.
pub fn neigh_key(d: &Device, ip: Ipv4Addr) -> Ipv4Addr {
    if d.is_loopback() {
        Ipv4Addr::UNSPECIFIED
    } else {
        ip
    }
}

/// `inet_addr_type_dev_table`: the type of `addr` in the device's table (the local table; the
/// device only picks the table, for VRFs): the first local-table route decides, whichever
/// device it is on, so another subnet's broadcast address is a broadcast here too.
pub fn inet_addr_type_dev_table(ns: &Netns, addr: Ipv4Addr) -> RouteType {
    ns.fib.addr_type(TABLE_LOCAL, None, addr)
}

/// `ip_eth_mc_map`: 01:00:5e followed by the low 23 bits of the group.
pub fn ip_eth_mc_map(group: Ipv4Addr) -> Mac {
    let o = group.octets();
    Mac([0x01, 0x00, 0x5e, o[1] & 0x7f, o[2], o[3]])
}

/// `arp_constructor`: a new entry for `ip` on `d` (key already normalised by
/// [`neigh_key`]), in NUD_NONE or, when no resolution is needed, NUD_NOARP with its address.
pub fn arp_constructor(ns: &Netns, d: &Device, ip: Ipv4Addr, now: u64) -> Neighbour {
    let mut n = Neighbour::new(ip, d.ifindex, now);
    let fixed = match inet_addr_type_dev_table(ns, ip) {
        RouteType::Multicast => Some(ip_eth_mc_map(ip)),
        _ if d.noarp || d.is_loopback() => Some(d.mac),
        RouteType::Broadcast => Some(Mac::BROADCAST),
        _ => None,
    };
    if let Some(mac) = fixed {
        n.state = Nud::Noarp;
        n.lladdr = Some(mac);
    }
    n
}

/// `__neigh_lookup(…, creat=1)`: the entry for `ip` on `dev`, created by
/// [`arp_constructor`] if there is none. Returns the entry's key (0.0.0.0 on `lo`).
pub fn neigh_lookup_create(sim: &mut Sim, ns: NsId, dev: IfIndex, ip: Ipv4Addr) -> Ipv4Addr {
    let now = sim.world.now;
    let n = sim.world.ns(ns);
    let Some(d) = n.devices.get(&dev) else {
        return ip;
    };
    let key = neigh_key(d, ip);
    if n.neigh.get(dev, key).is_none() {
        let entry = arp_constructor(n, d, key, now);
        sim.world.ns_mut(ns).neigh.entries.insert((dev, key), entry);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    fn sim(script: &[&str]) -> Sim {
        let mut s = Sim::new(1);
        for line in script {
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            execute(&mut s, 0, &argv);
        }
        s
    }

    fn entry(s: &mut Sim, dev: &str, ip: [u8; 4]) -> Neighbour {
        let d = s.world.ns(0).ifindex_of(dev).unwrap();
        let key = neigh_lookup_create(s, 0, d, Ipv4Addr::from(ip));
        s.world.ns(0).neigh.get(d, key).unwrap().clone()
    }

    #[test]
    fn arp_constructor_picks_key_state_and_address() {
        let mut s = sim(&[
            "ip link set lo up",
            "ip link add v0 address 02:00:00:00:00:01 type veth peer name v1",
            "ip link add n0 address 02:00:00:00:00:03 type veth peer name n1",
            "ip link set n0 arp off",
            "ip addr add 10.0.0.1/24 dev v0",
            "ip addr add 10.1.0.1/24 dev n0",
            "ip link set v0 up",
            "ip link set n0 up",
        ]);
        let lo = entry(&mut s, "lo", [127, 0, 0, 5]);
        assert_eq!(
            (lo.ip, lo.state, lo.lladdr),
            (Ipv4Addr::UNSPECIFIED, Nud::Noarp, Some(Mac::ZERO))
        );
        let bcast = entry(&mut s, "v0", [10, 0, 0, 255]);
        assert_eq!(
            (bcast.state, bcast.lladdr),
            (Nud::Noarp, Some(Mac::BROADCAST))
        );
        let limited = entry(&mut s, "v0", [255, 255, 255, 255]);
        assert_eq!(limited.lladdr, Some(Mac::BROADCAST));
        let mc = entry(&mut s, "v0", [239, 129, 2, 3]);
        assert_eq!(
            (mc.state, mc.lladdr),
            (Nud::Noarp, Some(Mac([1, 0, 0x5e, 1, 2, 3])))
        );
        let uni = entry(&mut s, "v0", [10, 0, 0, 2]);
        assert_eq!((uni.state, uni.lladdr), (Nud::None, None));
        // Another device's broadcast address is a broadcast here too: the local table
        // decides, whatever device its route is on (the kernel agrees: fuzz s3-c482).
        let other = entry(&mut s, "v0", [10, 1, 0, 255]);
        assert_eq!(
            (other.state, other.lladdr),
            (Nud::Noarp, Some(Mac::BROADCAST))
        );
        // IFF_NOARP: the device's own address, even for its broadcast; multicast still maps.
        let own = entry(&mut s, "n0", [10, 1, 0, 255]);
        assert_eq!(own.lladdr, Some(Mac([2, 0, 0, 0, 0, 3])));
        let nmc = entry(&mut s, "n0", [224, 0, 0, 1]);
        assert_eq!(nmc.lladdr, Some(Mac([1, 0, 0x5e, 0, 0, 1])));
    }
}
