//! VXLAN devices (`struct vxlan_dev`, `drivers/net/vxlan/vxlan_core.c`): the configuration
//! `ip link add … type vxlan` sets and the device's own forwarding database
//! (`struct vxlan_fdb` with its list of `struct vxlan_rdst` remotes).

use super::{IfIndex, NsId};
use crate::wire::Mac;
use serde::Serialize;
use std::net::Ipv4Addr;

/// `VXLAN_HEADROOM` for IPv4: outer IP (20) + UDP (8) + VXLAN (8) + inner Ethernet (14).
pub const VXLAN_HEADROOM: u32 = 50;
/// The port the kernel uses when none is given (`VXLAN_UDP_PORT`, the pre-IANA Linux value).
pub const VXLAN_DEFAULT_PORT: u16 = 8472;

/// The device's configuration (`struct vxlan_config`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vxlan {
    pub vni: u32,
    /// `remote`: the default destination (an all-zeros FDB entry).
    pub remote: Option<Ipv4Addr>,
    /// `local`: the outer source address.
    pub local: Option<Ipv4Addr>,
    /// `dev`: the lower device (`remote_ifindex`), in [`Vxlan::sock_ns`].
    pub lower: Option<IfIndex>,
    pub dstport: u16,
    /// `srcport MIN MAX`; (0, 0) means the local ephemeral range.
    pub port_min: u16,
    pub port_max: u16,
    pub learning: bool,
    pub proxy: bool,
    pub l2miss: bool,
    pub l3miss: bool,
    /// 0 is `auto` (the route's hop limit).
    pub ttl: u8,
    /// 1 is `inherit`.
    pub tos: u8,
    /// FDB ageing in seconds.
    pub ageing: u32,
    /// When the ageing timer next runs (`age_timer`, armed by `vxlan_open`); `None` while
    /// the device is down.
    pub next_cleanup: Option<u64>,
    pub udp_csum: bool,
    /// The namespace of the UDP socket and of routing for the outer packets: the one the
    /// device was created in (`vxlan->net`), kept when the device moves.
    pub sock_ns: NsId,
    pub fdb: VxFdb,
}

/// One destination of an FDB entry (`struct vxlan_rdst`); `None` fields take the device's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rdst {
    pub ip: Ipv4Addr,
    pub port: Option<u16>,
    pub vni: Option<u32>,
    pub ifindex: Option<IfIndex>,
}

/// `NUD_PERMANENT`: `bridge fdb add`'s default (with `NUD_NOARP`), and the `remote` entry (with `NUD_REACHABLE`).
pub const NUD_PERMANENT: u16 = 0x80;
/// `NUD_NOARP`: `static` (with `NUD_REACHABLE`).
pub const NUD_NOARP: u16 = 0x40;
/// `NUD_REACHABLE`: `dynamic`, and learned entries; only these age out.
pub const NUD_REACHABLE: u16 = 0x02;

/// One MAC's entry (`struct vxlan_fdb`): its remotes in list order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VxFdbEntry {
    pub mac: Mac,
    pub remotes: Vec<Rdst>,
    /// `f->state`: the request's `ndm_state` as given (`NUD_*` bits).
    pub state: u16,
    /// Logical time (ns) the entry was last refreshed (`f->updated`).
    pub updated: u64,
    /// Learned from a received frame (`vxlan_snoop`) rather than added by the user.
    pub learned: bool,
}

/// The device's forwarding database, newest entry first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VxFdb {
    pub entries: Vec<VxFdbEntry>,
}

impl VxFdbEntry {
    /// Neither permanent nor static: learned or `dynamic` (`vxlan_cleanup` ages these only,
    /// `vxlan_snoop` moves only these).
    pub fn is_dynamic(&self) -> bool {
        self.state & (NUD_PERMANENT | NUD_NOARP) == 0
    }
}

impl VxFdb {
    /// `vxlan_find_mac`.
    pub fn find(&self, mac: Mac) -> Option<&VxFdbEntry> {
        self.entries.iter().find(|e| e.mac == mac)
    }

    pub fn find_mut(&mut self, mac: Mac) -> Option<&mut VxFdbEntry> {
        self.entries.iter_mut().find(|e| e.mac == mac)
    }

    /// The remotes a frame to `dst` goes to (`vxlan_xmit`): the exact entry's, else the
    /// all-zeros entry's (one copy each); empty: no destination.
    pub fn destinations(&self, dst: Mac) -> Vec<Rdst> {
        self.find(dst)
            .or_else(|| self.find(Mac([0; 6])))
            .map(|e| e.remotes.clone())
            .unwrap_or_default()
    }

    /// Runs the ageing timer (`vxlan_cleanup`) for every expiry up to `now`: each run
    /// removes the dynamic entries not refreshed for `ageing` seconds and re-arms the timer
    /// for the next entry to expire, at most `FDB_AGE_INTERVAL` (10 s) later; `expiry` turns
    /// an arming time and a due time into the time the timer wheel fires it. `next` is
    /// `None` while the device is down.
    pub fn cleanup_until(
        &mut self,
        next: &mut Option<u64>,
        now: u64,
        ageing: u32,
        expiry: impl Fn(u64, u64) -> u64,
    ) {
        let age = u64::from(ageing) * 1_000_000_000;
        while let Some(t) = next.filter(|t| *t <= now) {
            self.entries
                .retain(|e| !e.is_dynamic() || e.updated + age > t);
            let due = self
                .entries
                .iter()
                .filter(|e| e.is_dynamic())
                .map(|e| e.updated + age)
                .fold(t + FDB_AGE_INTERVAL, u64::min);
            *next = Some(expiry(t, due).max(t + 1));
        }
    }
}

/// `FDB_AGE_INTERVAL`: the ageing timer runs at least this often (ns).
pub const FDB_AGE_INTERVAL: u64 = 10_000_000_000;

impl Vxlan {
    /// A fresh configuration with the kernel's defaults (`vxlan_nl2conf`): learning on,
    /// `ttl auto`, ageing 300 s, UDP checksums on.
    pub fn new(vni: u32, sock_ns: NsId) -> Self {
        Vxlan {
            vni,
            remote: None,
            local: None,
            lower: None,
            dstport: VXLAN_DEFAULT_PORT,
            port_min: 0,
            port_max: 0,
            learning: true,
            proxy: false,
            l2miss: false,
            l3miss: false,
            ttl: 0,
            tos: 0,
            ageing: 300,
            next_cleanup: None,
            udp_csum: true,
            sock_ns,
            fdb: VxFdb::default(),
        }
    }

    /// The default destination (`vxlan->default_dst`): the port and VNI an FDB remote
    /// shows only when it differs from them.
    /// Catches the ageing timer up with `now` ([`VxFdb::cleanup_until`]).
    pub fn age(&mut self, now: u64) {
        let mut next = self.next_cleanup;
        self.fdb
            .cleanup_until(&mut next, now, self.ageing, crate::path::timer_expiry);
        self.next_cleanup = next;
    }

    pub fn rdst_port(&self, r: &Rdst) -> u16 {
        r.port.unwrap_or(self.dstport)
    }

    pub fn rdst_vni(&self, r: &Rdst) -> u32 {
        r.vni.unwrap_or(self.vni)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rd(ip: [u8; 4]) -> Rdst {
        Rdst {
            ip: Ipv4Addr::from(ip),
            port: None,
            vni: None,
            ifindex: None,
        }
    }

    fn entry(mac: u8, remotes: Vec<Rdst>, state: u16, updated: u64) -> VxFdbEntry {
        VxFdbEntry {
            mac: Mac([if mac == 0 { 0 } else { 2 }, 0, 0, 0, 0, mac]),
            remotes,
            state,
            updated,
            learned: false,
        }
    }

    #[test]
    fn exact_entry_wins_then_all_zeros_replicates() {
        let mut f = VxFdb::default();
        assert!(f.destinations(Mac([2, 0, 0, 0, 0, 1])).is_empty());
        f.entries.push(entry(
            0,
            vec![rd([192, 0, 2, 2]), rd([192, 0, 2, 3])],
            NUD_PERMANENT | NUD_NOARP,
            0,
        ));
        f.entries.push(entry(
            1,
            vec![rd([192, 0, 2, 9])],
            NUD_PERMANENT | NUD_NOARP,
            0,
        ));
        assert_eq!(
            f.destinations(Mac([2, 0, 0, 0, 0, 1])),
            vec![rd([192, 0, 2, 9])]
        );
        assert_eq!(f.destinations(Mac([0xff; 6])).len(), 2);
        assert_eq!(f.destinations(Mac([2, 0, 0, 0, 0, 7])).len(), 2);
    }

    #[test]
    fn only_dynamic_entries_age_out_when_the_timer_runs() {
        let mut f = VxFdb::default();
        f.entries.push(entry(
            1,
            vec![rd([192, 0, 2, 9])],
            NUD_REACHABLE,
            1_000_000_000,
        ));
        f.entries.push(entry(
            2,
            vec![rd([192, 0, 2, 9])],
            NUD_NOARP | NUD_REACHABLE,
            0,
        ));
        // Opened at 0: the timer first runs at 10 s; ageing 3 s expired the entry at 4 s.
        let mut next = Some(FDB_AGE_INTERVAL);
        let exact = |_, due| due;
        f.cleanup_until(&mut next, 9_000_000_000, 3, exact);
        assert_eq!(f.entries.len(), 2);
        f.cleanup_until(&mut next, 10_000_000_000, 3, exact);
        assert_eq!(f.entries.len(), 1);
        assert!(!f.entries[0].is_dynamic());
        assert_eq!(next, Some(2 * FDB_AGE_INTERVAL));
    }
}
