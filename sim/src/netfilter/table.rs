//! A table with its chains, and the changes `iptables` makes to it, refused where the kernel
//! (nf_tables with the xt compat layer) or iptables refuses them.

use super::error::{self, NfError};
use super::index::ChainIndex;
use super::rule::{Counters, Rule};
use super::target::Target;
use super::{Hook, TableId};
use serde::Serialize;

/// A built-in chain's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Policy {
    Accept,
    Drop,
}

impl Policy {
    pub fn name(self) -> &'static str {
        match self {
            Policy::Accept => "ACCEPT",
            Policy::Drop => "DROP",
        }
    }
}

/// A chain: built-in (with a hook and a policy) or user-defined.
#[derive(Debug, Clone, Serialize)]
pub struct Chain {
    pub name: String,
    pub hook: Option<Hook>,
    pub policy: Policy,
    /// Packets the policy decided.
    pub policy_counters: Counters,
    /// The base chain has counters in the kernel. iptables-nft creates a built-in chain
    /// without them when a rule first needs it (`-A`, `-I`), and with them for `-P`, `-Z` and
    /// a restore's `:CHAIN` line; until then its policy decides without counting (checked on
    /// the kernel: `-A OUTPUT …` leaves `policy ACCEPT 0 packets` whatever passes).
    pub counting: bool,
    pub rules: Vec<Rule>,
    /// The lookup index over `rules`, rebuilt after a change (see [`super::index`]).
    #[serde(skip)]
    pub(crate) index: Option<ChainIndex>,
}

impl Chain {
    fn new(name: &str, hook: Option<Hook>) -> Chain {
        Chain {
            name: name.to_string(),
            hook,
            policy: Policy::Accept,
            policy_counters: Counters::default(),
            counting: false,
            rules: Vec::new(),
            index: None,
        }
    }

    pub fn is_builtin(&self) -> bool {
        self.hook.is_some()
    }

    /// Whether a rule of the chain needs connection tracking: from the index when it is
    /// built, else by looking at the rules.
    pub fn needs_conntrack(&self) -> bool {
        match &self.index {
            Some(ix) => ix.needs_conntrack,
            None => self.rules.iter().any(super::index::rule_needs_conntrack),
        }
    }

    /// Drops the index after a change to `rules`.
    pub(crate) fn changed(&mut self) {
        self.index = None;
    }
}

/// A table: built-in chains in hook order, then user chains sorted by name (the order
/// iptables-nft lists them in).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub id: TableId,
    pub chains: Vec<Chain>,
}

impl Table {
    /// A table as iptables-nft creates it: its built-in chains, policy ACCEPT, counters 0.
    pub fn new(id: TableId) -> Table {
        Table {
            id,
            chains: id
                .hooks()
                .iter()
                .map(|h| Chain::new(h.chain_name(), Some(*h)))
                .collect(),
        }
    }

    pub fn chain(&self, name: &str) -> Option<&Chain> {
        self.chains.iter().find(|c| c.name == name)
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.chains.iter().position(|c| c.name == name)
    }

    pub fn chain_mut(&mut self, name: &str) -> Option<&mut Chain> {
        self.chains.iter_mut().find(|c| c.name == name)
    }

    fn chain_or_err(&mut self, name: &str) -> Result<&mut Chain, NfError> {
        self.chain_mut(name).ok_or(NfError::Kernel(error::NO_CHAIN))
    }

    /// How many rules jump or go to `name` (the `(N references)` of `-L`).
    pub fn references(&self, name: &str) -> usize {
        self.chains
            .iter()
            .flat_map(|c| &c.rules)
            .filter(|r| r.target.chain() == Some(name))
            .count()
    }

    /// The hooks from which `chain` can be reached (its own hook for a built-in chain, else
    /// those of every chain that jumps to it, transitively): what `nft_chain_validate`
    /// checks targets against.
    pub fn hooks_reaching(&self, chain: &str) -> u8 {
        let mut mask = 0u8;
        let mut seen = vec![chain.to_string()];
        let mut todo = vec![chain.to_string()];
        while let Some(c) = todo.pop() {
            let Some(ch) = self.chain(&c) else { continue };
            if let Some(h) = ch.hook {
                mask |= h.bit();
            }
            for caller in &self.chains {
                if caller
                    .rules
                    .iter()
                    .any(|r| r.target.chain() == Some(c.as_str()))
                    && !seen.contains(&caller.name)
                {
                    seen.push(caller.name.clone());
                    todo.push(caller.name.clone());
                }
            }
        }
        mask
    }

    /// Can a packet in chain `from` get to chain `to` through jumps and gotos?
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen: Vec<&str> = vec![from];
        let mut todo = vec![from];
        while let Some(c) = todo.pop() {
            if c == to {
                return true;
            }
            for r in self.chain(c).map(|ch| ch.rules.as_slice()).unwrap_or(&[]) {
                if let Some(n) = r.target.chain() {
                    if !seen.contains(&n) {
                        seen.push(n);
                        todo.push(n);
                    }
                }
            }
        }
        false
    }

    /// Is `target` acceptable in this table when reached from `hooks` (and, for a jump, is
    /// every rule of the chains it reaches)? `xt_check_target` + `nft_chain_validate`.
    fn target_ok(&self, target: &Target, hooks: u8) -> bool {
        let mut todo = vec![target];
        let mut seen: Vec<&str> = Vec::new();
        while let Some(t) = todo.pop() {
            let (table, allowed) = t.allowed();
            if table.is_some_and(|tb| tb != self.id) {
                return false;
            }
            if let Some(allowed) = allowed {
                let ok: u8 = allowed.iter().map(|h| h.bit()).fold(0, |a, b| a | b);
                if hooks & !ok != 0 {
                    return false;
                }
            }
            if let Some(c) = t.chain() {
                if !seen.contains(&c) {
                    seen.push(c);
                    if let Some(ch) = self.chain(c) {
                        todo.extend(ch.rules.iter().map(|r| &r.target));
                        // Matches with hook restrictions (addrtype's --limit-iface-*).
                        if ch.rules.iter().any(|r| !matches_ok(r, hooks)) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    /// The checks before adding or replacing a rule in `chain`: iptables' own (`-i`/`-o` on a
    /// built-in chain that has no such device) and the kernel's (`op` names the batch step).
    pub fn check_rule(&self, chain: &str, rule: &Rule, op: &'static str) -> Result<(), NfError> {
        let ch = self.chain(chain).ok_or(NfError::Kernel(error::NO_CHAIN))?;
        if let Some(h) = ch.hook {
            if rule.ip.out_if.is_some() && matches!(h, Hook::PreRouting | Hook::LocalIn) {
                return Err(NfError::Param(format!("Can't use -o with {}\n", ch.name)));
            }
            if rule.ip.in_if.is_some() && matches!(h, Hook::PostRouting | Hook::LocalOut) {
                return Err(NfError::Param(format!("Can't use -i with {}\n", ch.name)));
            }
        }
        if let Some(c) = rule.target.chain() {
            if self.chain(c).is_none_or(|t| t.is_builtin()) {
                return Err(NfError::Param(format!("Chain '{c}' does not exist")));
            }
        }
        if let Some(c) = rule.target.chain() {
            if self.reaches(c, chain) {
                return Err(NfError::Batch {
                    op,
                    errno: "Too many levels of symbolic links",
                    what: format!("rule in chain {chain}"),
                });
            }
        }
        let hooks = self.hooks_reaching(chain);
        let tcp_reset_ok = !matches!(
            rule.target,
            Target::Reject(super::target::RejectWith::TcpReset)
        ) || (rule.ip.proto == 6 && !rule.ip.proto_inv);
        if !tcp_reset_ok || !matches_ok(rule, hooks) || !self.target_ok(&rule.target, hooks) {
            return Err(NfError::einval(op, chain));
        }
        Ok(())
    }

    /// `-A`.
    pub fn append(&mut self, chain: &str, rule: Rule) -> Result<(), NfError> {
        self.check_rule(chain, &rule, "RULE_APPEND")?;
        let ch = self.chain_or_err(chain)?;
        ch.rules.push(rule);
        ch.changed();
        Ok(())
    }

    /// `-I chain n` (1-based; `len + 1` appends, as iptables-nft allows).
    pub fn insert(&mut self, chain: &str, num: usize, rule: Rule) -> Result<(), NfError> {
        let len = self
            .chain(chain)
            .ok_or(NfError::Kernel(error::NO_CHAIN))?
            .rules
            .len();
        if num > len + 1 {
            return Err(NfError::Kernel(error::INSERT_TOO_BIG));
        }
        self.check_rule(chain, &rule, "RULE_INSERT")?;
        let ch = self.chain_or_err(chain)?;
        ch.rules.insert(num - 1, rule);
        ch.changed();
        Ok(())
    }

    /// `-R chain n`.
    pub fn replace(&mut self, chain: &str, num: usize, rule: Rule) -> Result<(), NfError> {
        let len = self
            .chain(chain)
            .ok_or(NfError::Kernel(error::NO_CHAIN))?
            .rules
            .len();
        if num > len {
            return Err(NfError::Kernel(error::NO_CHAIN));
        }
        self.check_rule(chain, &rule, "RULE_REPLACE")?;
        let ch = self.chain_or_err(chain)?;
        ch.rules[num - 1] = rule;
        ch.changed();
        Ok(())
    }

    /// `-D chain n`.
    pub fn delete_num(&mut self, chain: &str, num: usize) -> Result<(), NfError> {
        let ch = self.chain_or_err(chain)?;
        if num > ch.rules.len() {
            return Err(NfError::Kernel(error::NO_CHAIN));
        }
        ch.rules.remove(num - 1);
        ch.changed();
        Ok(())
    }

    /// `-D chain spec`: the first rule that is the same.
    pub fn delete_rule(&mut self, chain: &str, rule: &Rule) -> Result<(), NfError> {
        let ch = self.chain_or_err(chain)?;
        let i = ch
            .rules
            .iter()
            .position(|r| r.same(rule))
            .ok_or(NfError::Kernel(error::BAD_RULE))?;
        ch.rules.remove(i);
        ch.changed();
        Ok(())
    }

    /// `-C chain spec`.
    pub fn check(&self, chain: &str, rule: &Rule) -> Result<(), NfError> {
        let ch = self.chain(chain).ok_or(NfError::Kernel(error::BAD_RULE))?;
        if ch.rules.iter().any(|r| r.same(rule)) {
            Ok(())
        } else {
            Err(NfError::Kernel(error::BAD_RULE))
        }
    }

    /// `-N`.
    pub fn new_chain(&mut self, name: &str) -> Result<(), NfError> {
        if self.chain(name).is_some() {
            return Err(NfError::Kernel(error::CHAIN_EXISTS));
        }
        let at = self
            .chains
            .iter()
            .position(|c| !c.is_builtin() && c.name.as_str() > name)
            .unwrap_or(self.chains.len());
        self.chains.insert(at, Chain::new(name, None));
        self.invalidate();
        Ok(())
    }

    /// `-X [chain]`: a chain still holding rules or referenced is busy (`nf_tables_delchain`).
    pub fn delete_chain(&mut self, name: Option<&str>) -> Result<(), NfError> {
        let busy = |t: &Table, c: &Chain| !c.rules.is_empty() || t.references(&c.name) > 0;
        match name {
            Some(n) => {
                let i = self
                    .position(n)
                    .filter(|&i| !self.chains[i].is_builtin())
                    .ok_or(NfError::Kernel(error::NO_CHAIN))?;
                if busy(self, &self.chains[i]) {
                    return Err(chain_busy(n));
                }
                self.chains.remove(i);
                self.invalidate();
            }
            None => {
                if let Some(c) = self
                    .chains
                    .iter()
                    .find(|c| !c.is_builtin() && busy(self, c))
                {
                    return Err(chain_busy(&c.name));
                }
                self.chains.retain(|c| c.is_builtin());
                self.invalidate();
            }
        }
        Ok(())
    }

    /// `-E old new`: jumps follow the chain.
    pub fn rename_chain(&mut self, old: &str, new: &str) -> Result<(), NfError> {
        let i = self
            .position(old)
            .filter(|&i| !self.chains[i].is_builtin())
            .ok_or(NfError::Kernel(error::NO_CHAIN))?;
        if self.chain(new).is_some() {
            return Err(NfError::Kernel(error::FILE_EXISTS));
        }
        let mut ch = self.chains.remove(i);
        ch.name = new.to_string();
        for r in self.chains.iter_mut().flat_map(|c| c.rules.iter_mut()) {
            match &mut r.target {
                Target::Jump(c) | Target::Goto(c) if c == old => *c = new.to_string(),
                _ => {}
            }
        }
        let at = self
            .chains
            .iter()
            .position(|c| !c.is_builtin() && c.name.as_str() > new)
            .unwrap_or(self.chains.len());
        self.chains.insert(at, ch);
        self.invalidate();
        Ok(())
    }

    /// `-F [chain]`.
    pub fn flush(&mut self, name: Option<&str>) -> Result<(), NfError> {
        match name {
            Some(n) => {
                let ch = self.chain_or_err(n)?;
                ch.rules.clear();
                ch.changed();
            }
            None => {
                for c in &mut self.chains {
                    c.rules.clear();
                    c.changed();
                }
            }
        }
        Ok(())
    }

    /// `-Z [chain [n]]`: zero rule and policy counters.
    pub fn zero(&mut self, name: Option<&str>, num: Option<usize>) -> Result<(), NfError> {
        let zero_chain = |c: &mut Chain| {
            c.policy_counters = Counters::default();
            c.counting = true;
            for r in &mut c.rules {
                r.counters = Counters::default();
            }
        };
        match (name, num) {
            (Some(n), Some(k)) => {
                let ch = self.chain_or_err(n)?;
                let r = ch
                    .rules
                    .get_mut(k.wrapping_sub(1))
                    .ok_or(NfError::Kernel(error::NO_CHAIN))?;
                r.counters = Counters::default();
            }
            (Some(n), None) => zero_chain(self.chain_or_err(n)?),
            (None, _) => self.chains.iter_mut().for_each(zero_chain),
        }
        Ok(())
    }

    /// `-P chain policy`.
    pub fn set_policy(&mut self, name: &str, policy: &str) -> Result<(), NfError> {
        let ch = self
            .chain_mut(name)
            .filter(|c| c.is_builtin())
            .ok_or(NfError::Kernel(error::BAD_BUILTIN))?;
        ch.policy = match policy {
            "ACCEPT" => Policy::Accept,
            "DROP" => Policy::Drop,
            _ => return Err(NfError::Kernel(error::BAD_POLICY)),
        };
        ch.counting = true;
        Ok(())
    }
}

fn chain_busy(name: &str) -> NfError {
    NfError::Batch {
        op: "CHAIN_DEL",
        errno: "Device or resource busy",
        what: format!("chain {name}"),
    }
}

/// Matches that restrict hooks: addrtype `--limit-iface-in` only where there is an input
/// device, `--limit-iface-out` only where there is an output device (`addrtype_mt_checkentry_v1`);
/// `mac` only in PREROUTING, INPUT and FORWARD.
fn matches_ok(rule: &Rule, hooks: u8) -> bool {
    use super::matches::Match;
    let no_in = Hook::LocalOut.bit() | Hook::PostRouting.bit();
    let no_out = Hook::PreRouting.bit() | Hook::LocalIn.bit();
    rule.matches.iter().all(|m| match m {
        Match::Addrtype(a) => {
            !(a.limit_in && (a.limit_out || hooks & no_in != 0))
                && !(a.limit_out && hooks & no_out != 0)
        }
        Match::Ext(e) => e.hooks_ok(hooks),
        _ => true,
    })
}
