//! Netfilter's iptables side: tables, chains, rules, matches, targets and their evaluation
//! (`ipt_do_table` of net/ipv4/netfilter/ip_tables.c), as iptables v1.8.9 (nf_tables) on
//! Linux 6.18 creates and shows them.
//!
//! - [`table`]: tables with their built-in chains, user chains, policies and the operations the
//!   `iptables` commands perform, with the kernel's / iptables' refusals.
//! - [`rule`], [`matches`], [`target`]: what a rule holds and each match's test.
//! - [`parse`]: iptables' rule-specification parser (shared by `iptables` and
//!   `iptables-restore`); [`save`]: the `-S`/`iptables-save` text; [`list`]: the `-L` table.
//! - [`eval`]: [`Netfilter::traverse`], the first-match walk over one table at one hook, with
//!   counters; [`index`]: the per-chain index that keeps it fast on long chains.
//!
//! - [`conntrack`]: connection tracking (`nf_conntrack_core.c` with the ICMP, UDP and TCP
//!   trackers); [`nat`]: NAT bindings and packet rewriting (`nf_nat_core.c`, `nf_nat_proto.c`).
//!
//! The packet path (`crate::path::netfilter`) calls the hooks: it runs `traverse` per table
//! in the kernel's priority order and acts on the [`eval::Verdict`].

pub mod conntrack;
pub mod error;
pub mod eval;
pub mod ext;
pub mod index;
pub mod limit;
pub mod list;
pub mod matches;
pub mod names;
pub mod nat;
pub mod parse;
pub mod restore;
pub mod rule;
pub mod save;
mod services;
pub mod table;
pub mod target;
#[cfg(test)]
mod tests;

pub use error::NfError;
pub use eval::{PacketInfo, RuleRef, RuleStep, Traversal, Verdict};
pub use table::{Chain, Policy, Table};

use serde::Serialize;

/// The five netfilter hooks of IPv4 (`enum nf_inet_hooks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Hook {
    PreRouting,
    LocalIn,
    Forward,
    LocalOut,
    PostRouting,
}

impl Hook {
    pub const ALL: [Hook; 5] = [
        Hook::PreRouting,
        Hook::LocalIn,
        Hook::Forward,
        Hook::LocalOut,
        Hook::PostRouting,
    ];

    /// The built-in chain's name.
    pub fn chain_name(self) -> &'static str {
        match self {
            Hook::PreRouting => "PREROUTING",
            Hook::LocalIn => "INPUT",
            Hook::Forward => "FORWARD",
            Hook::LocalOut => "OUTPUT",
            Hook::PostRouting => "POSTROUTING",
        }
    }

    /// `1 << NF_INET_*`.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The five iptables tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TableId {
    Raw,
    Mangle,
    Nat,
    Filter,
    Security,
}

impl TableId {
    pub const ALL: [TableId; 5] = [
        TableId::Raw,
        TableId::Mangle,
        TableId::Nat,
        TableId::Filter,
        TableId::Security,
    ];

    /// The order `iptables-save` prints tables in (iptables-nft's `enum nft_table_type`).
    pub const SAVE_ORDER: [TableId; 5] = [
        TableId::Mangle,
        TableId::Security,
        TableId::Raw,
        TableId::Filter,
        TableId::Nat,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TableId::Raw => "raw",
            TableId::Mangle => "mangle",
            TableId::Nat => "nat",
            TableId::Filter => "filter",
            TableId::Security => "security",
        }
    }

    pub fn parse(s: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The built-in chains iptables-nft creates for the table (`xtables_ipv4`), in order.
    pub fn hooks(self) -> &'static [Hook] {
        use Hook::*;
        match self {
            TableId::Raw => &[PreRouting, LocalOut],
            TableId::Mangle => &[PreRouting, LocalIn, Forward, LocalOut, PostRouting],
            TableId::Nat => &[PreRouting, LocalIn, LocalOut, PostRouting],
            TableId::Filter | TableId::Security => &[LocalIn, Forward, LocalOut],
        }
    }
}

/// Conntrack state bits a packet carries and `--ctstate`/`--state` test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CtState(pub u8);

impl CtState {
    pub const INVALID: u8 = 1;
    pub const NEW: u8 = 2;
    pub const RELATED: u8 = 4;
    pub const ESTABLISHED: u8 = 8;
    pub const UNTRACKED: u8 = 16;
    /// The connection's original source was translated (`IPS_SRC_NAT`; `--ctstate SNAT`).
    pub const SNAT: u8 = 32;
    /// The connection's original destination was translated (`IPS_DST_NAT`).
    pub const DNAT: u8 = 64;
}

/// Per-namespace netfilter state: the tables that exist (iptables-nft creates a table the
/// first time a command needs it; listing does not create one).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Netfilter {
    tables: [Option<Table>; 5],
}

impl Netfilter {
    /// The table if it exists in the kernel.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables[id as usize].as_ref()
    }

    pub fn table_mut(&mut self, id: TableId) -> Option<&mut Table> {
        self.tables[id as usize].as_mut()
    }

    /// The table, created with its built-in chains if it does not exist yet.
    pub fn table_create(&mut self, id: TableId) -> &mut Table {
        self.tables[id as usize].get_or_insert_with(|| Table::new(id))
    }

    /// Replaces (or removes) a whole table: what an `iptables-restore` commit does.
    pub fn set_table(&mut self, id: TableId, t: Option<Table>) {
        self.tables[id as usize] = t;
    }
}
