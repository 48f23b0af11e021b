//! Targets (`struct xt_target` modules): what each stores, and where the kernel allows it
//! (`xt_check_target`: the target's `.table` and `.hooks`).

use super::{Hook, TableId};
use serde::Serialize;
use std::net::Ipv4Addr;

/// `--reject-with` (`enum ipt_reject_with`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RejectWith {
    NetUnreachable,
    HostUnreachable,
    ProtoUnreachable,
    PortUnreachable,
    NetProhibited,
    HostProhibited,
    TcpReset,
    AdminProhibited,
}

/// (value, iptables name, short alias), in libxt_REJECT's table order.
const REJECT_NAMES: &[(RejectWith, &str, &str)] = &[
    (
        RejectWith::NetUnreachable,
        "icmp-net-unreachable",
        "net-unreach",
    ),
    (
        RejectWith::HostUnreachable,
        "icmp-host-unreachable",
        "host-unreach",
    ),
    (
        RejectWith::ProtoUnreachable,
        "icmp-proto-unreachable",
        "proto-unreach",
    ),
    (
        RejectWith::PortUnreachable,
        "icmp-port-unreachable",
        "port-unreach",
    ),
    (
        RejectWith::NetProhibited,
        "icmp-net-prohibited",
        "net-prohib",
    ),
    (
        RejectWith::HostProhibited,
        "icmp-host-prohibited",
        "host-prohib",
    ),
    (RejectWith::TcpReset, "tcp-reset", "tcp-rst"),
    (
        RejectWith::AdminProhibited,
        "icmp-admin-prohibited",
        "admin-prohib",
    ),
];

impl RejectWith {
    pub fn name(self) -> &'static str {
        REJECT_NAMES
            .iter()
            .find(|(r, _, _)| *r == self)
            .map_or("icmp-port-unreachable", |(_, n, _)| n)
    }

    pub fn parse(s: &str) -> Option<RejectWith> {
        REJECT_NAMES
            .iter()
            .find(|(_, n, a)| *n == s || *a == s)
            .map(|(r, _, _)| *r)
    }

    /// The ICMP (type, code) the kernel sends (`nf_send_unreach`), `None` for a TCP reset.
    pub fn icmp(self) -> Option<(u8, u8)> {
        Some(match self {
            RejectWith::NetUnreachable => (3, 0),
            RejectWith::HostUnreachable => (3, 1),
            RejectWith::ProtoUnreachable => (3, 2),
            RejectWith::PortUnreachable => (3, 3),
            RejectWith::NetProhibited => (3, 9),
            RejectWith::HostProhibited => (3, 10),
            RejectWith::AdminProhibited => (3, 13),
            RejectWith::TcpReset => return None,
        })
    }
}

/// SNAT/DNAT/MASQUERADE/REDIRECT ranges (`struct nf_nat_range2`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct NatRange {
    /// Address range (min, max); `None` keeps the address (MASQUERADE picks one, REDIRECT
    /// uses the incoming device's primary address).
    pub addr: Option<(Ipv4Addr, Ipv4Addr)>,
    /// Port range (min, max).
    pub ports: Option<(u16, u16)>,
    /// `--random` (`NF_NAT_RANGE_PROTO_RANDOM`).
    pub random: bool,
    /// `--random-fully` (`NF_NAT_RANGE_PROTO_RANDOM_FULLY`).
    pub random_fully: bool,
    /// `--persistent` (`NF_NAT_RANGE_PERSISTENT`).
    pub persistent: bool,
}

/// Which NAT target a [`NatRange`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NatKind {
    Snat,
    Dnat,
    Masquerade,
    Redirect,
}

/// `-j CONNMARK` modes (`struct xt_connmark_tginfo1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConnmarkMode {
    /// ctmark = (ctmark & !mask) ^ value.
    Set { value: u32, mask: u32 },
    /// ctmark = (ctmark & !ctmask) ^ (mark & nfmask).
    Save { nfmask: u32, ctmask: u32 },
    /// mark = (mark & !nfmask) ^ (ctmark & ctmask).
    Restore { nfmask: u32, ctmask: u32 },
}

/// A rule's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Target {
    /// No `-j`: the rule only counts.
    None,
    Accept,
    Drop,
    Return,
    /// `-j CHAIN` (user chain).
    Jump(String),
    /// `-g CHAIN`.
    Goto(String),
    Reject(RejectWith),
    Log {
        prefix: Option<String>,
        level: u8,
    },
    /// mark = (mark & !mask) ^ value (`mark_tg`).
    Mark {
        value: u32,
        mask: u32,
    },
    Connmark(ConnmarkMode),
    Nat(NatKind, NatRange),
    /// `-j NOTRACK` (`alias`) or `-j CT --notrack`: the packet goes on untracked (`xt_ct_target`
    /// attaches the untracked entry unless it already has one).
    Notrack {
        alias: bool,
    },
}

impl Target {
    /// The name in the target column / after `-j`.
    pub fn name(&self) -> &str {
        match self {
            Target::None => "",
            Target::Accept => "ACCEPT",
            Target::Drop => "DROP",
            Target::Return => "RETURN",
            Target::Jump(c) | Target::Goto(c) => c,
            Target::Reject(_) => "REJECT",
            Target::Log { .. } => "LOG",
            Target::Mark { .. } => "MARK",
            Target::Connmark(_) => "CONNMARK",
            Target::Nat(NatKind::Snat, _) => "SNAT",
            Target::Nat(NatKind::Dnat, _) => "DNAT",
            Target::Nat(NatKind::Masquerade, _) => "MASQUERADE",
            Target::Nat(NatKind::Redirect, _) => "REDIRECT",
            Target::Notrack { .. } => "CT",
        }
    }

    /// The chain this target continues in, if any.
    pub fn chain(&self) -> Option<&str> {
        match self {
            Target::Jump(c) | Target::Goto(c) => Some(c),
            _ => None,
        }
    }

    /// `xt_check_target`: the table the target insists on and the hooks it allows
    /// (`None` = any). REJECT is `.table = "filter"` with LOCAL_IN/FORWARD/LOCAL_OUT; the NAT
    /// targets are `.table = "nat"`: SNAT at POSTROUTING/LOCAL_IN, MASQUERADE at POSTROUTING,
    /// DNAT and REDIRECT at PREROUTING/LOCAL_OUT; CT (and its NOTRACK alias) is `.table = "raw"`
    /// at PREROUTING/LOCAL_OUT.
    pub fn allowed(&self) -> (Option<TableId>, Option<&'static [Hook]>) {
        use Hook::*;
        match self {
            Target::Reject(_) => (Some(TableId::Filter), Some(&[LocalIn, Forward, LocalOut])),
            Target::Nat(NatKind::Snat, _) => (Some(TableId::Nat), Some(&[PostRouting, LocalIn])),
            Target::Nat(NatKind::Masquerade, _) => (Some(TableId::Nat), Some(&[PostRouting])),
            Target::Nat(NatKind::Dnat | NatKind::Redirect, _) => {
                (Some(TableId::Nat), Some(&[PreRouting, LocalOut]))
            }
            Target::Notrack { .. } => (Some(TableId::Raw), Some(&[PreRouting, LocalOut])),
            _ => (None, None),
        }
    }
}

#[cfg(test)]
#[path = "target_tests.rs"]
mod tests;
