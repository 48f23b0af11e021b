//! `enum skb_drop_reason` (include/net/dropreason-core.h), the reasons the model uses.

use serde::Serialize;

/// Why a packet was dropped, named after `SKB_DROP_REASON_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DropReason {
    NotSpecified,
    OtherHost,
    PktTooSmall,
    IpCsum,
    IpInhdr,
    IpRpfilter,
    IpInnoroutes,
    IpOutnoroutes,
    IpInaddrerrors,
    IpLocalSource,
    IpInvalidSource,
    IpLocalnet,
    IpInvalidDest,
    IpNoproto,
    UnicastInL2Multicast,
    NeighFailed,
    NeighQueuefull,
    DevReady,
    /// The qdisc dropped it (`noop_qdisc` before `dev_activate`).
    QdiscDrop,
    UnhandledProto,
    PktTooBig,
    MacInvalidSource,
    ArpPvlanDisable,
    NoSocket,
    TcpCsum,
    TcpFlags,
    TcpListenOverflow,
    TcpReset,
    TcpInvalidSequence,
    TcpInvalidSyn,
    UdpCsum,
    /// `vxlan_rcv`: flags without the I bit, or bits it does not parse.
    VxlanInvalidHdr,
    /// `vxlan_rcv`: no open vxlan device has the VNI on this socket.
    VxlanVniNotFound,
    /// `vxlan_snoop`: the source MAC has a static entry to another remote.
    VxlanEntryExists,
    /// `vxlan_xmit`: no FDB entry for the destination and no all-zeros entry.
    VxlanNoRemote,
    /// `vxlan_set_mac`: the inner source is the vxlan device's own address.
    LocalMac,
    /// An iptables rule or policy dropped or rejected it.
    NetfilterDrop,
    /// Not a kernel reason: the simulator's hop budget ran out (a forwarding loop without TTL).
    SimHopLimit,
}

impl DropReason {
    /// The kernel's name without the `SKB_DROP_REASON_` prefix.
    pub fn name(self) -> &'static str {
        match self {
            DropReason::NotSpecified => "NOT_SPECIFIED",
            DropReason::NetfilterDrop => "NETFILTER_DROP",
            DropReason::OtherHost => "OTHERHOST",
            DropReason::PktTooSmall => "PKT_TOO_SMALL",
            DropReason::IpCsum => "IP_CSUM",
            DropReason::IpInhdr => "IP_INHDR",
            DropReason::IpRpfilter => "IP_RPFILTER",
            DropReason::IpInnoroutes => "IP_INNOROUTES",
            DropReason::IpOutnoroutes => "IP_OUTNOROUTES",
            DropReason::IpInaddrerrors => "IP_INADDRERRORS",
            DropReason::IpLocalSource => "IP_LOCAL_SOURCE",
            DropReason::IpInvalidSource => "IP_INVALID_SOURCE",
            DropReason::IpLocalnet => "IP_LOCALNET",
            DropReason::IpInvalidDest => "IP_INVALID_DEST",
            DropReason::IpNoproto => "IP_NOPROTO",
            DropReason::UnicastInL2Multicast => "UNICAST_IN_L2_MULTICAST",
            DropReason::NeighFailed => "NEIGH_FAILED",
            DropReason::NeighQueuefull => "NEIGH_QUEUEFULL",
            DropReason::DevReady => "DEV_READY",
            DropReason::QdiscDrop => "QDISC_DROP",
            DropReason::UnhandledProto => "UNHANDLED_PROTO",
            DropReason::PktTooBig => "PKT_TOO_BIG",
            DropReason::MacInvalidSource => "MAC_INVALID_SOURCE",
            DropReason::ArpPvlanDisable => "ARP_PVLAN_DISABLE",
            DropReason::NoSocket => "NO_SOCKET",
            DropReason::TcpCsum => "TCP_CSUM",
            DropReason::TcpFlags => "TCP_FLAGS",
            DropReason::TcpListenOverflow => "TCP_LISTEN_OVERFLOW",
            DropReason::TcpReset => "TCP_RESET",
            DropReason::TcpInvalidSequence => "TCP_INVALID_SEQUENCE",
            DropReason::TcpInvalidSyn => "TCP_INVALID_SYN",
            DropReason::UdpCsum => "UDP_CSUM",
            DropReason::VxlanInvalidHdr => "VXLAN_INVALID_HDR",
            DropReason::VxlanVniNotFound => "VXLAN_VNI_NOT_FOUND",
            DropReason::VxlanEntryExists => "VXLAN_ENTRY_EXISTS",
            DropReason::VxlanNoRemote => "VXLAN_NO_REMOTE",
            DropReason::LocalMac => "LOCAL_MAC",
            DropReason::SimHopLimit => "SIM_HOP_LIMIT",
        }
    }
}

impl std::fmt::Display for DropReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
