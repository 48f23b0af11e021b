//! Network devices (`struct net_device`): loopback, veth, bridge and vxlan.

use super::addr::IfAddr;
use super::fdb::Fdb;
use super::sysctl::{DevConf, NeighParms};
use super::world::DevRef;
use super::IfIndex;
use crate::wire::Mac;
use serde::Serialize;

/// The smallest MTU IPv6 works with (RFC 8200).
pub const IPV6_MIN_MTU: u32 = 1280;

/// What kind of device this is, with the kind's own state.
#[derive(Debug, Clone, Serialize)]
pub enum DevKind {
    /// `lo`: `IFF_LOOPBACK`, mtu 65536, `noqueue`.
    Loopback,
    /// One end of a veth pair; the peer may live in another namespace.
    Veth { peer: DevRef },
    /// A Linux bridge with its forwarding database.
    Bridge(Box<Bridge>),
    /// A VXLAN tunnel endpoint with its own forwarding database.
    Vxlan(Box<super::vxlan::Vxlan>),
}

/// `struct net_bridge` state the model keeps.
#[derive(Debug, Clone, Serialize)]
pub struct Bridge {
    /// `ageing_time` in centiseconds as `ip -d link` prints it (30000 = 300 s).
    pub ageing_time: u32,
    pub stp_state: u32,
    pub forward_delay: u32,
    pub hello_time: u32,
    pub max_age: u32,
    pub priority: u16,
    /// Set when the user gave the bridge an address (`BR_SET_MAC_ADDR` / `addr_assign_type`):
    /// then ports no longer move it (`br_stp_recalculate_bridge_id`).
    pub mac_set: bool,
    pub fdb: Fdb,
    /// When the FDB garbage collection (`br_fdb_cleanup`) is next due, if scheduled.
    pub gc_at: Option<u64>,
    /// The user set the bridge's MTU: ports no longer adjust it.
    pub mtu_set_by_user: bool,
    /// The bridge has had a port (so `br_port_state_selection` has run).
    pub had_ports: bool,
    /// Ports in `br->port_list` order: the kernel adds each new port at the head.
    pub ports: Vec<IfIndex>,
    /// `mcast_snooping` (default on): an open bridge joins the multicast-router discovery
    /// groups 224.0.0.106 and ff02::6a (`br_multicast_join_snoopers`), and so sends IGMP and
    /// MLD reports for them.
    pub mcast_snooping: bool,
}

impl Default for Bridge {
    fn default() -> Self {
        Bridge {
            ageing_time: 30000,
            stp_state: 0,
            forward_delay: 1500,
            hello_time: 200,
            max_age: 2000,
            priority: 0x8000,
            mac_set: false,
            fdb: Fdb::default(),
            gc_at: None,
            mtu_set_by_user: false,
            had_ports: false,
            ports: Vec::new(),
            mcast_snooping: true,
        }
    }
}

/// Per-port bridge flags (`struct net_bridge_port`), as `bridge -d link` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrPort {
    pub learning: bool,
    pub flood: bool,
    pub mcast_flood: bool,
    pub bcast_flood: bool,
    pub hairpin: bool,
    pub isolated: bool,
    /// BPDU guard, root block, IGMP/MLD fast leave, multicast-to-unicast and VLAN tunnel:
    /// they act on STP, multicast snooping and VLANs, which pathsim does not model, so
    /// they are kept and shown only.
    pub guard: bool,
    pub root_block: bool,
    pub fastleave: bool,
    pub mcast_to_unicast: bool,
    pub vlan_tunnel: bool,
    pub priority: u32,
    pub cost: u32,
    pub port_no: u16,
    /// When the port last started forwarding (bridge and port both running).
    pub forwarding_since: Option<u64>,
}

impl BrPort {
    /// `port_id`: the priority above the port number (`br_make_port_id`, BR_PORT_BITS 10).
    pub fn port_id(&self) -> u32 {
        (self.priority << 10) | u32::from(self.port_no)
    }

    /// A fresh port: learning and flooding on, hairpin off, priority 32, cost 2 (10 Gb/s veth).
    pub fn new(port_no: u16) -> Self {
        BrPort {
            learning: true,
            flood: true,
            mcast_flood: true,
            bcast_flood: true,
            hairpin: false,
            isolated: false,
            guard: false,
            root_block: false,
            fastleave: false,
            mcast_to_unicast: false,
            vlan_tunnel: false,
            priority: 32,
            cost: 2,
            port_no,
            forwarding_since: None,
        }
    }
}

/// Interface counters as `ip -s link` shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DevStats {
    pub rx_packets: u64,
    pub rx_bytes: u64,
    pub tx_packets: u64,
    pub tx_bytes: u64,
    pub rx_dropped: u64,
    pub tx_dropped: u64,
}

/// One network device in a namespace.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    pub ifindex: IfIndex,
    pub name: String,
    pub kind: DevKind,
    pub mac: Mac,
    pub mtu: u32,
    /// `IFF_UP`, set by `ip link set DEV up`.
    pub admin_up: bool,
    /// The bridge this device is a port of (`ip link set DEV master BR`).
    pub master: Option<IfIndex>,
    pub brport: Option<BrPort>,
    pub addrs: Vec<IfAddr>,
    pub conf: DevConf,
    /// `cnf.state`: the conf keys written explicitly (a `conf/default` write skips them).
    pub conf_written: std::collections::BTreeSet<&'static str>,
    /// `ipv4_devconf_setall`: an IPv4 address was added, which marks every key as written.
    pub conf_all_written: bool,
    pub neigh_parms: NeighParms,
    pub stats: DevStats,
    /// The device's secondary unicast address list (`dev->uc`, `bridge fdb add MAC dev DEV`).
    pub uc: Vec<Mac>,
    /// The device's multicast address list (`dev->mc`), in the order entries were added;
    /// `bridge fdb show` lists it as `self permanent` entries.
    pub mc: Vec<Mac>,
    /// The IPv6 link-local address configured when the device came up with carrier
    /// (`addrconf`), with the time duplicate address detection ends (`tentative` before).
    pub ipv6_ll: Option<Ipv6LinkLocal>,
    /// `net.ipv6.conf.DEV.disable_ipv6`: no link-local address, no IPv6 frames.
    pub disable_ipv6: i64,
    /// The device has IPv6 state (`inet6_dev`) as addrconf last saw it: it goes below
    /// `IPV6_MIN_MTU` and comes back (with the all-nodes group) above it.
    pub ipv6_idev: bool,
    /// `IF_READY`: IPv6 found the link ready since the device last went down. Only then
    /// does going down withdraw the IPv6 groups (`addrconf_ifdown` → `ipv6_mc_down`).
    pub ipv6_ready: bool,
    /// `IFF_NOARP` (`ip link set DEV arp off`).
    pub noarp: bool,
    /// `IFF_PROMISC` / `IFF_ALLMULTI` as the user set them (`dev->gflags`). A veth has no
    /// address filter to open, so they change what is shown, not what is received.
    pub promisc: bool,
    pub allmulti: bool,
    /// `IFLA_IFALIAS` (`ip link set DEV alias TEXT`).
    pub alias: Option<String>,
    /// `dev->tx_queue_len` (`qlen`).
    pub txqlen: u32,
    /// `dev->group` (`group default` is 0).
    pub group: u32,
    /// A qdisc has been attached (the device was up once): `noqueue` instead of `noop`.
    pub qdisc_attached: bool,
    /// The carrier and operstate of the last link event (`dev->operstate`).
    pub linkwatch: super::operstate::LinkWatch,
}

/// An autoconfigured IPv6 link-local address (EUI-64 from the MAC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ipv6LinkLocal {
    pub addr: std::net::Ipv6Addr,
    /// Logical time (ns) the address was configured (newer routes are listed first).
    pub since: u64,
    /// Logical time (ns) at which DAD completes.
    pub ready_at: u64,
}

/// The EUI-64 link-local address for `mac` (`addrconf_ifid_eui48`).
pub fn eui64_link_local(mac: Mac) -> std::net::Ipv6Addr {
    let m = mac.0;
    std::net::Ipv6Addr::new(
        0xfe80,
        0,
        0,
        0,
        u16::from_be_bytes([m[0] ^ 0x02, m[1]]),
        u16::from_be_bytes([m[2], 0xff]),
        u16::from_be_bytes([0xfe, m[3]]),
        u16::from_be_bytes([m[4], m[5]]),
    )
}

/// The IPv6 solicited-node multicast MAC for an address (33:33:ff:xx:xx:xx).
pub fn solicited_node_mac(a: std::net::Ipv6Addr) -> Mac {
    let o = a.octets();
    Mac([0x33, 0x33, 0xff, o[13], o[14], o[15]])
}

impl Device {
    /// A new device with the namespace's `conf/default` and `neigh/default` values.
    pub fn new(
        ifindex: IfIndex,
        name: &str,
        kind: DevKind,
        mac: Mac,
        conf: DevConf,
        neigh: NeighParms,
    ) -> Self {
        let mtu = if matches!(kind, DevKind::Loopback) {
            65536
        } else {
            1500
        };
        Device {
            ifindex,
            name: name.to_string(),
            kind,
            mac,
            mtu,
            admin_up: false,
            master: None,
            brport: None,
            addrs: Vec::new(),
            conf,
            conf_written: std::collections::BTreeSet::new(),
            conf_all_written: false,
            neigh_parms: neigh,
            stats: DevStats::default(),
            uc: Vec::new(),
            mc: Vec::new(),
            ipv6_ll: None,
            disable_ipv6: 0,
            ipv6_idev: true,
            ipv6_ready: false,
            noarp: false,
            promisc: false,
            allmulti: false,
            alias: None,
            txqlen: 1000,
            group: 0,
            qdisc_attached: false,
            linkwatch: Default::default(),
        }
    }

    pub fn is_loopback(&self) -> bool {
        matches!(self.kind, DevKind::Loopback)
    }

    /// Whether the device has IPv6 state (`inet6_dev`): not below `IPV6_MIN_MTU` (1280),
    /// which `addrconf_notify` tears down on NETDEV_CHANGEMTU and rebuilds when the MTU
    /// is large enough again (`ipv6_add_dev` refuses a smaller device).
    pub fn has_inet6_dev(&self) -> bool {
        self.mtu >= IPV6_MIN_MTU
    }

    pub fn is_bridge(&self) -> bool {
        matches!(self.kind, DevKind::Bridge(_))
    }

    pub fn bridge(&self) -> Option<&Bridge> {
        match &self.kind {
            DevKind::Bridge(b) => Some(b),
            _ => None,
        }
    }

    pub fn bridge_mut(&mut self) -> Option<&mut Bridge> {
        match &mut self.kind {
            DevKind::Bridge(b) => Some(b),
            _ => None,
        }
    }

    pub fn vxlan(&self) -> Option<&super::vxlan::Vxlan> {
        match &self.kind {
            DevKind::Vxlan(v) => Some(v),
            _ => None,
        }
    }

    pub fn vxlan_mut(&mut self) -> Option<&mut super::vxlan::Vxlan> {
        match &mut self.kind {
            DevKind::Vxlan(v) => Some(v),
            _ => None,
        }
    }

    pub fn veth_peer(&self) -> Option<DevRef> {
        match self.kind {
            DevKind::Veth { peer } => Some(peer),
            _ => None,
        }
    }

    /// The kind name `ip -d link` and `ip link show type` use.
    pub fn kind_name(&self) -> Option<&'static str> {
        match self.kind {
            DevKind::Loopback => None,
            DevKind::Veth { .. } => Some("veth"),
            DevKind::Bridge(_) => Some("bridge"),
            DevKind::Vxlan(_) => Some("vxlan"),
        }
    }

    /// The first primary address (`inet_select_addr` starts here).
    pub fn primary_addr(&self) -> Option<&IfAddr> {
        self.addrs.iter().find(|a| !a.secondary)
    }
}
