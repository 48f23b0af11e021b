//! A per-chain lookup index that keeps first-match order while skipping rules that cannot
//! match (the simulator's own; the kernel walks `ipt_do_table` linearly).
//!
//! Each rule is filed under one cheap key it requires — its destination prefix, else its
//! source prefix, else its exact input device, else its exact output device, else its
//! protocol — or under "always" when it has none of these. For a packet the candidates are
//! the "always" list plus the lists under the packet's keys (one per prefix length in use);
//! they are merged in rule order by
//! [`Cursor::next`]. A rule that is a candidate may still fail its full test; a rule that is
//! not a candidate cannot match, so the first matching candidate is the first matching rule.

use super::eval::PacketInfo;
use super::rule::Rule;
use std::collections::HashMap;

/// Chains shorter than this are scanned rule by rule.
const MIN_INDEXED: usize = 8;
/// At most this many candidate lists per packet: always, input and output device, protocol,
/// 32 destination and 32 source prefix lengths (a /0 prefix is no key).
const MAX_LISTS: usize = 68;

/// The index of one chain, plus each rule's resolved jump target (the chain's position in
/// its table, `u32::MAX` when the rule does not jump).
#[derive(Debug, Clone, Default)]
pub struct ChainIndex {
    pub(crate) jump: Vec<u32>,
    indexed: bool,
    always: Vec<u32>,
    by_in: HashMap<Box<str>, Vec<u32>>,
    by_out: HashMap<Box<str>, Vec<u32>>,
    by_proto: Vec<(u8, Vec<u32>)>,
    /// (prefix length, masked destination → rules), by prefix length.
    by_dst: Vec<(u8, HashMap<u32, Vec<u32>>)>,
    /// The same for source prefixes.
    by_src: Vec<(u8, HashMap<u32, Vec<u32>>)>,
    /// Some rule of the chain needs connection tracking (`nf_ct_netns_get`: `-m conntrack`,
    /// `-m state`, NAT and CONNMARK targets); kept here so the packet path need not look
    /// at every rule of every chain per packet.
    pub(crate) needs_conntrack: bool,
}

/// Files rule `k` under its `len`-bit `addr` in `levels` (kept sorted by prefix length).
fn file_prefix(levels: &mut Vec<(u8, HashMap<u32, Vec<u32>>)>, len: u8, addr: u32, k: u32) {
    let at = match levels.binary_search_by_key(&len, |(l, _)| *l) {
        Ok(at) => at,
        Err(at) => {
            levels.insert(at, (len, HashMap::new()));
            at
        }
    };
    levels[at].1.entry(addr).or_default().push(k);
}

/// Whether `r` needs connection tracking.
pub(crate) fn rule_needs_conntrack(r: &Rule) -> bool {
    use super::matches::Match;
    use super::target::Target;
    r.matches
        .iter()
        .any(|m| matches!(m, Match::Conntrack { .. } | Match::State { .. }))
        || matches!(r.target, Target::Nat(..) | Target::Connmark(_))
}

/// An exact (not inverted, no `+` wildcard) interface name.
fn exact(i: &Option<super::rule::Iface>) -> Option<&str> {
    i.as_ref()
        .filter(|i| !i.inv && !i.name.ends_with('+'))
        .map(|i| i.name.as_str())
}

impl ChainIndex {
    /// Builds the index of `rules`; `chain_pos` resolves jump targets.
    pub fn build(rules: &[Rule], chain_pos: &dyn Fn(&str) -> Option<usize>) -> ChainIndex {
        let jump = rules
            .iter()
            .map(|r| {
                r.target
                    .chain()
                    .and_then(chain_pos)
                    .map_or(u32::MAX, |p| p as u32)
            })
            .collect();
        let mut ix = ChainIndex {
            jump,
            indexed: rules.len() >= MIN_INDEXED,
            needs_conntrack: rules.iter().any(rule_needs_conntrack),
            ..Default::default()
        };
        if !ix.indexed {
            return ix;
        }
        for (k, r) in rules.iter().enumerate() {
            let k = k as u32;
            let ip = &r.ip;
            if ip.dst.len > 0 && !ip.dst_inv {
                file_prefix(&mut ix.by_dst, ip.dst.len, u32::from(ip.dst.addr), k);
            } else if ip.src.len > 0 && !ip.src_inv {
                file_prefix(&mut ix.by_src, ip.src.len, u32::from(ip.src.addr), k);
            } else if let Some(i) = exact(&ip.in_if) {
                ix.by_in.entry(i.into()).or_default().push(k);
            } else if let Some(o) = exact(&ip.out_if) {
                ix.by_out.entry(o.into()).or_default().push(k);
            } else if ip.proto != 0 && !ip.proto_inv {
                match ix.by_proto.iter_mut().find(|(p, _)| *p == ip.proto) {
                    Some((_, v)) => v.push(k),
                    None => ix.by_proto.push((ip.proto, vec![k])),
                }
            } else {
                ix.always.push(k);
            }
        }
        ix
    }

    /// The candidates for `pkt`, starting after rule `after` (0-based).
    pub fn cursor<'a>(&'a self, pkt: &PacketInfo, len: usize, after: Option<u32>) -> Cursor<'a> {
        let start = after.map_or(0, |a| a + 1);
        if !self.indexed {
            return Cursor {
                linear: Some((start, len as u32)),
                lists: [&[]; MAX_LISTS],
                n: 0,
            };
        }
        let mut c = Cursor {
            linear: None,
            lists: [&[]; MAX_LISTS],
            n: 0,
        };
        let mut add = |l: &'a [u32]| {
            let from = l.partition_point(|&k| k < start);
            if from < l.len() {
                c.lists[c.n] = &l[from..];
                c.n += 1;
            }
        };
        add(&self.always);
        if let Some(v) = pkt.in_dev.and_then(|d| self.by_in.get(d)) {
            add(v);
        }
        if let Some(v) = pkt.out_dev.and_then(|d| self.by_out.get(d)) {
            add(v);
        }
        if let Some((_, v)) = self.by_proto.iter().find(|(p, _)| *p == pkt.proto) {
            add(v);
        }
        for (levels, a) in [(&self.by_dst, pkt.dst), (&self.by_src, pkt.src)] {
            let a = u32::from(a);
            for (len, m) in levels {
                if let Some(v) = m.get(&(a & super::rule::mask(*len))) {
                    add(v);
                }
            }
        }
        c
    }
}

/// Candidate rule numbers in increasing order.
pub struct Cursor<'a> {
    /// Unindexed chain: every rule from .0 to .1.
    linear: Option<(u32, u32)>,
    lists: [&'a [u32]; MAX_LISTS],
    n: usize,
}

impl Iterator for Cursor<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if let Some((next, end)) = &mut self.linear {
            if *next >= *end {
                return None;
            }
            *next += 1;
            return Some(*next - 1);
        }
        let mut best: Option<(usize, u32)> = None;
        for (k, l) in self.lists[..self.n].iter().enumerate() {
            if let Some(&h) = l.first() {
                if best.is_none_or(|(_, b)| h < b) {
                    best = Some((k, h));
                }
            }
        }
        let (k, h) = best?;
        self.lists[k] = &self.lists[k][1..];
        Some(h)
    }
}
