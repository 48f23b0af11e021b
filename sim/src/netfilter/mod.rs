//! Netfilter: connection tracking (and, with the rule engine, tables, chains and NAT).
//!
//! Files after `net/netfilter/`: [`conntrack`] is `nf_conntrack_core.c` with the protocol
//! trackers of `nf_conntrack_proto_{icmp,udp,tcp}.c`.

pub mod conntrack;
pub mod nat;
