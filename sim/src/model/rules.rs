//! Policy routing rules (`struct fib_rule`) and `fib_rules_lookup` from
//! `net/core/fib_rules.c` with the IPv4 parts of `net/ipv4/fib_rules.c`.

use super::fib::{FlowKey, TABLE_DEFAULT, TABLE_LOCAL, TABLE_MAIN};
use super::in_prefix;
use serde::Serialize;
use std::net::Ipv4Addr;

/// `FR_ACT_*`: what a matching rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RuleAction {
    /// `FR_ACT_TO_TBL`: look the flow up in this table.
    Table(u32),
    /// `FR_ACT_GOTO`: continue at the first rule with this priority or higher.
    Goto(u32),
    Nop,
    Blackhole,
    Unreachable,
    Prohibit,
}

impl RuleAction {
    /// The kernel's number (`FR_ACT_*`, `fib_rule_hdr.action`).
    pub fn value(self) -> u8 {
        match self {
            RuleAction::Table(_) => 1,
            RuleAction::Goto(_) => 2,
            RuleAction::Nop => 3,
            RuleAction::Blackhole => 6,
            RuleAction::Unreachable => 7,
            RuleAction::Prohibit => 8,
        }
    }
}

/// One rule. Device names are kept as names: a rule may name a device that does not exist yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub priority: u32,
    pub invert: bool,
    pub src: Option<(Ipv4Addr, u8)>,
    pub dst: Option<(Ipv4Addr, u8)>,
    pub iif: Option<String>,
    pub oif: Option<String>,
    pub fwmark: Option<(u32, u32)>,
    pub tos: u8,
    pub action: RuleAction,
    /// `suppress_prefixlength N`: ignore a result whose prefix is this short or shorter.
    pub suppress_prefixlen: Option<u8>,
    pub proto: u8,
}

impl Rule {
    /// A rule that only looks up `table` at `priority`.
    pub fn lookup(priority: u32, table: u32) -> Rule {
        Rule {
            priority,
            invert: false,
            src: None,
            dst: None,
            iif: None,
            oif: None,
            fwmark: None,
            tos: 0,
            action: RuleAction::Table(table),
            suppress_prefixlen: None,
            proto: 0,
        }
    }

    /// `fib4_rule_match` + the generic part of `fib_rule_match`, before `invert`.
    fn matches_raw(&self, key: &FlowKey, iif_name: Option<&str>, oif_name: Option<&str>) -> bool {
        if let Some(name) = &self.iif {
            if iif_name != Some(name.as_str()) {
                return false;
            }
        }
        if let Some(name) = &self.oif {
            if oif_name != Some(name.as_str()) {
                return false;
            }
        }
        if let Some((mark, mask)) = self.fwmark {
            if (key.mark ^ mark) & mask != 0 {
                return false;
            }
        }
        if let Some((net, plen)) = self.src {
            if !in_prefix(key.src, net, plen) {
                return false;
            }
        }
        if let Some((net, plen)) = self.dst {
            if !in_prefix(key.dst, net, plen) {
                return false;
            }
        }
        self.tos == 0 || self.tos == key.tos
    }

    /// Does the rule select this flow (`fib_rule_match`, with `not`)?
    pub fn matches(&self, key: &FlowKey, iif_name: Option<&str>, oif_name: Option<&str>) -> bool {
        self.matches_raw(key, iif_name, oif_name) != self.invert
    }
}

/// `fib_nl2rule`: the (mark, mask) a rule keeps for `fwmark MARK[/MASK]`. Without a mask a
/// non-zero mark compares every bit, a zero mark none; mark 0 with mask 0 selects every
/// packet and is dumped as no fwmark at all, so it is `None`.
pub fn fwmark_selector(mark: u32, mask: Option<u32>) -> Option<(u32, u32)> {
    let mask = mask.unwrap_or(if mark != 0 { u32::MAX } else { 0 });
    Some((mark, mask)).filter(|&(m, k)| m != 0 || k != 0)
}

/// `rule_find` (`ip rule del`): the request's mark and mask each narrow the search only when
/// non-zero, so `fwmark 0` deletes a rule whatever its mark.
pub fn fwmark_finds(request: Option<(u32, u32)>, rule: Option<(u32, u32)>) -> bool {
    let (want_mark, want_mask) = request.unwrap_or((0, 0));
    let (mark, mask) = rule.unwrap_or((0, 0));
    (want_mark == 0 || mark == want_mark) && (want_mask == 0 || mask == want_mask)
}

/// The rules of a namespace, kept in priority order (equal priorities: insertion order).
#[derive(Debug, Clone, Serialize)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// `fib_has_custom_rules`: set by the first rule added (and never cleared); from then on
    /// the local table is its own trie (`fib_unmerge`), so lookups report `table local`.
    pub has_custom_rules: bool,
}

impl Default for RuleSet {
    /// The three rules every namespace starts with: 0 local, 32766 main, 32767 default.
    fn default() -> Self {
        RuleSet {
            rules: vec![
                Rule::lookup(0, TABLE_LOCAL),
                Rule::lookup(32766, TABLE_MAIN),
                Rule::lookup(32767, TABLE_DEFAULT),
            ],
            has_custom_rules: false,
        }
    }
}

impl RuleSet {
    /// Adds a rule after every rule of equal or lower priority (`fib_nl_newrule`).
    /// Without an explicit priority the kernel picks one less than the first rule after the
    /// rule of priority 0 (`fib_default_rule_pref`).
    pub fn add(&mut self, mut rule: Rule, explicit_priority: bool) {
        if !explicit_priority {
            rule.priority = self.default_priority();
        }
        self.has_custom_rules = true;
        let pos = self
            .rules
            .iter()
            .position(|r| r.priority > rule.priority)
            .unwrap_or(self.rules.len());
        self.rules.insert(pos, rule);
    }

    /// `fib_default_rule_pref`: the second rule's priority minus one, if that is positive.
    fn default_priority(&self) -> u32 {
        match self.rules.get(1) {
            Some(r) if r.priority > 0 && self.rules[0].priority == 0 => r.priority - 1,
            _ => 0,
        }
    }

    /// Removes the first rule `pred` accepts (`fib_nl_delrule`).
    pub fn remove_first(&mut self, pred: impl Fn(&Rule) -> bool) -> Option<Rule> {
        let i = self.rules.iter().position(pred)?;
        Some(self.rules.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    fn key(src: [u8; 4], dst: [u8; 4], mark: u32) -> FlowKey {
        FlowKey {
            dst: dst.into(),
            src: src.into(),
            tos: 0,
            scope: Scope::Universe,
            oif: 0,
            iif: 0,
            mark,
        }
    }

    #[test]
    fn default_rules_and_auto_priority() {
        let mut rs = RuleSet::default();
        let mut r = Rule::lookup(0, 100);
        r.src = Some((Ipv4Addr::new(10, 0, 1, 0), 24));
        rs.add(r.clone(), false);
        assert_eq!(rs.rules[1].priority, 32765);
        rs.add(r, false);
        assert_eq!(rs.rules[1].priority, 32764);
        let prios: Vec<u32> = rs.rules.iter().map(|r| r.priority).collect();
        assert_eq!(prios, vec![0, 32764, 32765, 32766, 32767]);
    }

    proptest::proptest! {
        /// Rules stay in priority order (ties in insertion order), whatever order they are
        /// added in, so the first matching rule in the list is the one `fib_rules_lookup`
        /// must use: the lowest priority among the matching ones.
        #[test]
        fn first_match_is_the_lowest_matching_priority(
            rules in proptest::collection::vec((1u32..40000, proptest::option::of((0u8..4, 8u8..=24))), 0..30),
            probe in 0u8..4,
        ) {
            let mut rs = RuleSet::default();
            for (prio, src) in &rules {
                let mut r = Rule::lookup(*prio, 100);
                r.src = src.map(|(b, l)| (Ipv4Addr::new(10, b, 0, 0), l));
                rs.add(r, true);
            }
            proptest::prop_assert!(rs.rules.windows(2).all(|w| w[0].priority <= w[1].priority));
            let k = key([10, probe, 0, 1], [1, 1, 1, 1], 0);
            let first = rs.rules.iter().find(|r| r.matches(&k, None, None)).map(|r| r.priority);
            let lowest = rs.rules.iter().filter(|r| r.matches(&k, None, None)).map(|r| r.priority).min();
            proptest::prop_assert_eq!(first, lowest);
        }
    }

    #[test]
    fn fwmark_zero_is_no_selector() {
        assert_eq!(fwmark_selector(0, None), None);
        assert_eq!(fwmark_selector(0, Some(0)), None);
        assert_eq!(fwmark_selector(5, None), Some((5, u32::MAX)));
        assert_eq!(fwmark_selector(5, Some(0)), Some((5, 0)));
        assert_eq!(fwmark_selector(0, Some(0xff)), Some((0, 0xff)));
        // Mask 0 matches every mark.
        let mut r = Rule::lookup(103, 103);
        r.fwmark = fwmark_selector(5, Some(0));
        assert!(r.matches(&key([0; 4], [0; 4], 9), None, None));
        // Deleting: zero parts of the request match anything.
        assert!(fwmark_finds(None, Some((0, 0xff))));
        assert!(fwmark_finds(Some((0, 0xff)), Some((7, 0xff))));
        assert!(!fwmark_finds(Some((5, u32::MAX)), Some((5, 0))));
        assert!(!fwmark_finds(Some((5, u32::MAX)), None));
    }

    #[test]
    fn selectors() {
        let mut r = Rule::lookup(100, 100);
        r.src = Some((Ipv4Addr::new(10, 0, 1, 0), 24));
        r.fwmark = Some((1, 0xffff_ffff));
        assert!(r.matches(&key([10, 0, 1, 5], [1, 1, 1, 1], 1), None, None));
        assert!(!r.matches(&key([10, 0, 1, 5], [1, 1, 1, 1], 2), None, None));
        assert!(!r.matches(&key([10, 0, 2, 5], [1, 1, 1, 1], 1), None, None));
        r.invert = true;
        assert!(r.matches(&key([10, 0, 2, 5], [1, 1, 1, 1], 1), None, None));
        let mut i = Rule::lookup(5, 7);
        i.iif = Some("eth0".into());
        assert!(i.matches(&key([0; 4], [0; 4], 0), Some("eth0"), None));
        assert!(!i.matches(&key([0; 4], [0; 4], 0), None, None));
    }
}
