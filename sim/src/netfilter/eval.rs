//! Walking a table at one hook: `ipt_do_table` (net/ipv4/netfilter/ip_tables.c) with
//! `ip_packet_match` for the fixed header part, first match wins, jumps push a return point,
//! gotos do not, RETURN (or falling off a user chain) pops, and an empty stack means the
//! built-in chain's policy. Counters grow on every rule that matches and on the policy when
//! it decides, as `iptables -L -v` shows them.

use super::index::ChainIndex;
use super::rule::Rule;
use super::target::{ConnmarkMode, NatKind, NatRange, RejectWith, Target};
use super::{CtState, Hook, Netfilter, Policy, TableId};
use crate::model::fib::RouteType;
use std::net::Ipv4Addr;

/// What a rule may look at in a packet. The packet path fills it; MARK writes `mark` and
/// CONNMARK writes `ctmark` (the caller copies them back to the skb and the connection).
pub struct PacketInfo<'a> {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    /// IP protocol number.
    pub proto: u8,
    /// TCP/UDP ports (`None` for other protocols and for non-first fragments).
    pub sport: Option<u16>,
    pub dport: Option<u16>,
    /// ICMP (type, code).
    pub icmp: Option<(u8, u8)>,
    /// TCP flags byte (FIN 0x01 … URG 0x20).
    pub tcp_flags: Option<u8>,
    /// A non-first fragment (offset != 0): `-f` matches, port tests do not.
    pub fragment: bool,
    /// IP total length, for the byte counters and `-m length`.
    pub len: u32,
    pub ttl: u8,
    /// `skb->pkt_type` as a `PACKET_*` number (`-m pkttype`).
    pub pkt_type: u8,
    /// The Ethernet source address when the packet came in with one (`-m mac`).
    pub src_mac: Option<[u8; 6]>,
    /// The logical clock in ns (`-m limit`).
    pub now: u64,
    /// Set by `-j NOTRACK` / `-j CT --notrack`: the caller attaches the untracked entry.
    pub notrack: bool,
    pub in_dev: Option<&'a str>,
    pub out_dev: Option<&'a str>,
    /// Bridge ports for `-m physdev` (br_netfilter).
    pub physdev_in: Option<&'a str>,
    pub physdev_out: Option<&'a str>,
    /// The packet is being bridged (br_netfilter ran `nf_bridge` on it).
    pub bridged: bool,
    pub mark: u32,
    pub ctstate: CtState,
    pub ctmark: u32,
    /// `inet_dev_addr_type(net, dev, addr)` for `-m addrtype` (dev = `--limit-iface-*`).
    pub addr_type: &'a dyn Fn(Ipv4Addr, Option<&str>) -> RouteType,
}

/// Which rule (1-based) or policy decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleRef {
    Rule { chain: String, num: usize },
    Policy { chain: &'static str },
}

/// The outcome of a table at a hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// ACCEPT by a rule or policy (or no table / no chain at this hook).
    Accept,
    Drop {
        by: RuleRef,
    },
    Reject {
        with: RejectWith,
        by: RuleRef,
    },
    /// A NAT target: the caller sets up the binding, then the packet continues (NF_ACCEPT).
    Nat {
        kind: NatKind,
        range: NatRange,
        by: RuleRef,
    },
}

/// One rule that matched (or the policy), for the trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleStep {
    pub chain: String,
    /// 1-based rule number; `None` for the policy.
    pub rule: Option<usize>,
    /// The target as `iptables -L` names it (`ACCEPT`, `DOCKER-USER`, `policy DROP`, …).
    pub target: String,
    /// For LOG: the line the kernel would log (`nf_log_ip_packet` fields pathsim knows).
    pub log: Option<String>,
}

/// What `traverse` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traversal {
    pub verdict: Verdict,
    pub steps: Vec<RuleStep>,
}

/// `ip_packet_match`: addresses, devices, protocol and the fragment flag.
fn ip_match(r: &Rule, p: &PacketInfo) -> bool {
    let ip = &r.ip;
    ip.src.contains(p.src) != ip.src_inv
        && ip.dst.contains(p.dst) != ip.dst_inv
        && ip.in_if.as_ref().is_none_or(|i| i.matches(p.in_dev))
        && ip.out_if.as_ref().is_none_or(|o| o.matches(p.out_dev))
        && (ip.proto == 0 || ((p.proto == ip.proto) != ip.proto_inv))
        && ip.frag.is_none_or(|f| p.fragment == f)
}

/// [`ip_match`] for the property tests' linear reference.
#[cfg(test)]
pub(crate) fn tests_ip_match(r: &Rule, p: &PacketInfo) -> bool {
    ip_match(r, p)
}

fn log_line(prefix: Option<&str>, p: &PacketInfo) -> String {
    let mut s = format!(
        "{}IN={} OUT={} SRC={} DST={} LEN={} PROTO=",
        prefix.unwrap_or(""),
        p.in_dev.unwrap_or(""),
        p.out_dev.unwrap_or(""),
        p.src,
        p.dst,
        p.len
    );
    match p.proto {
        6 => s.push_str("TCP"),
        17 => s.push_str("UDP"),
        1 => s.push_str("ICMP"),
        n => s.push_str(&n.to_string()),
    }
    if let (Some(sp), Some(dp)) = (p.sport, p.dport) {
        s.push_str(&format!(" SPT={sp} DPT={dp}"));
    }
    if let Some((t, c)) = p.icmp {
        s.push_str(&format!(" TYPE={t} CODE={c}"));
    }
    s
}

impl Netfilter {
    /// Runs `pkt` through `table` at `hook`. `rng` draws the `u32` values
    /// `-m statistic --mode random` compares (`get_random_u32() & 0x7FFFFFFF < p * 2^31`).
    pub fn traverse(
        &mut self,
        table: TableId,
        hook: Hook,
        pkt: &mut PacketInfo,
        rng: &mut impl FnMut() -> u32,
    ) -> Traversal {
        self.traverse_with(table, hook, pkt, rng, true)
    }

    /// [`Netfilter::traverse`], recording the rules that matched in [`Traversal::steps`]
    /// only if `record` (the packet path records them only while tracing: building them
    /// costs allocations on every packet).
    pub fn traverse_with(
        &mut self,
        table: TableId,
        hook: Hook,
        pkt: &mut PacketInfo,
        rng: &mut impl FnMut() -> u32,
        record: bool,
    ) -> Traversal {
        let mut steps = Vec::new();
        let Some(t) = self.table_mut(table) else {
            return Traversal {
                verdict: Verdict::Accept,
                steps,
            };
        };
        t.prepare();
        let Some(base) = t.chains.iter().position(|c| c.hook == Some(hook)) else {
            return Traversal {
                verdict: Verdict::Accept,
                steps,
            };
        };
        let mut stack: Vec<(usize, u32)> = Vec::new();
        let (mut cur, mut after) = (base, None::<u32>);
        loop {
            let chain = &mut t.chains[cur];
            let ix = chain.index.as_ref().expect("prepared");
            let mut hit = None;
            for k in ix.cursor(pkt, chain.rules.len(), after) {
                let r = &mut chain.rules[k as usize];
                if ip_match(r, pkt) && r.matches.iter_mut().all(|m| m.matches(pkt, rng)) {
                    r.counters.add(pkt.len);
                    hit = Some(k);
                    break;
                }
            }
            let Some(k) = hit else {
                // End of chain: a user chain returns, a built-in chain's policy decides.
                if let Some((c, a)) = stack.pop().filter(|_| !chain.is_builtin()) {
                    (cur, after) = (c, Some(a));
                    continue;
                }
                return policy(&mut t.chains[base], pkt, steps, record);
            };
            let r = &chain.rules[k as usize];
            let by = || RuleRef::Rule {
                chain: chain.name.clone(),
                num: k as usize + 1,
            };
            let step = || RuleStep {
                chain: chain.name.clone(),
                rule: Some(k as usize + 1),
                target: r.target.name().to_string(),
                log: None,
            };
            let mut push = |log: Option<String>| {
                if record {
                    steps.push(RuleStep { log, ..step() });
                }
            };
            let jump = ix.jump[k as usize];
            match &r.target {
                Target::Accept => {
                    push(None);
                    return Traversal {
                        verdict: Verdict::Accept,
                        steps,
                    };
                }
                Target::Drop => {
                    let by = by();
                    push(None);
                    return Traversal {
                        verdict: Verdict::Drop { by },
                        steps,
                    };
                }
                Target::Reject(with) => {
                    let (with, by) = (*with, by());
                    push(None);
                    return Traversal {
                        verdict: Verdict::Reject { with, by },
                        steps,
                    };
                }
                Target::Nat(kind, range) => {
                    let (kind, range, by) = (*kind, range.clone(), by());
                    push(None);
                    return Traversal {
                        verdict: Verdict::Nat { kind, range, by },
                        steps,
                    };
                }
                Target::Return => {
                    push(None);
                    match stack.pop() {
                        Some((c, a)) => (cur, after) = (c, Some(a)),
                        None => return policy(&mut t.chains[base], pkt, steps, record),
                    }
                }
                Target::Jump(_) | Target::Goto(_) => {
                    if jump == u32::MAX {
                        // A dangling jump cannot be created through the commands; treat it
                        // as the kernel treats an error verdict.
                        let by = by();
                        push(None);
                        return Traversal {
                            verdict: Verdict::Drop { by },
                            steps,
                        };
                    }
                    if matches!(r.target, Target::Jump(_)) {
                        stack.push((cur, k));
                    }
                    push(None);
                    (cur, after) = (jump as usize, None);
                }
                Target::Mark { value, mask } => {
                    pkt.mark = (pkt.mark & !mask) ^ value;
                    push(None);
                    after = Some(k);
                }
                Target::Connmark(m) => {
                    match *m {
                        ConnmarkMode::Set { value, mask } => {
                            pkt.ctmark = (pkt.ctmark & !mask) ^ value;
                        }
                        ConnmarkMode::Save { nfmask, ctmask } => {
                            pkt.ctmark = (pkt.ctmark & !ctmask) ^ (pkt.mark & nfmask);
                        }
                        ConnmarkMode::Restore { nfmask, ctmask } => {
                            pkt.mark = (pkt.mark & !nfmask) ^ (pkt.ctmark & ctmask);
                        }
                    }
                    push(None);
                    after = Some(k);
                }
                Target::Log { prefix, .. } => {
                    push(record.then(|| log_line(prefix.as_deref(), pkt)));
                    after = Some(k);
                }
                Target::None => {
                    push(None);
                    after = Some(k);
                }
                Target::Notrack { .. } => {
                    // xt_ct_target: only a packet without a connection becomes untracked.
                    if pkt.ctstate.0 == CtState::INVALID {
                        pkt.ctstate = CtState(CtState::UNTRACKED);
                        pkt.notrack = true;
                    }
                    push(None);
                    after = Some(k);
                }
            }
        }
    }
}

fn policy(
    c: &mut super::Chain,
    pkt: &PacketInfo,
    mut steps: Vec<RuleStep>,
    record: bool,
) -> Traversal {
    if c.counting {
        c.policy_counters.add(pkt.len);
    }
    let chain = c.hook.map_or("", Hook::chain_name);
    if record {
        steps.push(RuleStep {
            chain: chain.to_string(),
            rule: None,
            target: format!("policy {}", c.policy.name()),
            log: None,
        });
    }
    let verdict = match c.policy {
        Policy::Accept => Verdict::Accept,
        Policy::Drop => Verdict::Drop {
            by: RuleRef::Policy { chain },
        },
    };
    Traversal { verdict, steps }
}

impl super::Table {
    /// Builds the missing chain indexes (after a change).
    pub(crate) fn prepare(&mut self) {
        if self.chains.iter().all(|c| c.index.is_some()) {
            return;
        }
        let pos: std::collections::HashMap<String, usize> = self
            .chains
            .iter()
            .enumerate()
            .map(|(k, c)| (c.name.clone(), k))
            .collect();
        let lookup = |n: &str| pos.get(n).copied();
        for c in &mut self.chains {
            if c.index.is_none() {
                c.index = Some(ChainIndex::build(&c.rules, &lookup));
            }
        }
    }

    /// Drops every index (chain positions changed).
    pub(crate) fn invalidate(&mut self) {
        for c in &mut self.chains {
            c.index = None;
        }
    }
}
