//! The rule text of `iptables -S` and `iptables-save` (`nft_rule_save` →
//! `save_ipv4_addr`/`save_rule_details` and each extension's `save`).

use super::matches::{Match, MultiportKind, StatMode};
use super::names;
use super::rule::{Counters, Prefix, Rule};
use super::target::{ConnmarkMode, NatKind, NatRange, Target};
use super::Table;
use std::fmt::Write;

/// `xtables_save_string`: bare when only `[A-Za-z0-9_-]`, else in double quotes with `"`,
/// `\` and `'` escaped.
pub fn save_string(out: &mut String, s: &str) {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    out.push(' ');
    if plain {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '\'') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

fn prefix(p: Prefix) -> String {
    format!("{}/{}", p.addr, p.len)
}

fn inv(b: bool) -> &'static str {
    if b {
        " !"
    } else {
        ""
    }
}

fn ports(lo: u16, hi: u16) -> String {
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}:{hi}")
    }
}

/// TCP flag names (`tcp_flag_names`), or `NONE`.
pub fn tcp_flag_names(f: u8) -> String {
    const N: [(&str, u8); 6] = [
        ("FIN", 0x01),
        ("SYN", 0x02),
        ("RST", 0x04),
        ("PSH", 0x08),
        ("ACK", 0x10),
        ("URG", 0x20),
    ];
    if f == 0 {
        return "NONE".into();
    }
    N.iter()
        .filter(|(_, b)| f & b != 0)
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(",")
}

/// Names of the set bits of a conntrack state mask, in print order.
pub fn ct_state_names(s: u8) -> String {
    names::CT_STATE_NAMES
        .iter()
        .filter(|(_, b)| s & b != 0)
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(",")
}

/// `-m addrtype` type names of a mask.
pub fn addr_type_names(m: u16) -> String {
    names::ADDR_TYPES
        .iter()
        .enumerate()
        .filter(|(k, _)| m & (1 << k) != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(",")
}

fn multiport_kind(k: MultiportKind) -> &'static str {
    match k {
        MultiportKind::Src => "sports",
        MultiportKind::Dst => "dports",
        MultiportKind::Any => "ports",
    }
}

/// The address/port part of a NAT range (`a[-b][:p[-q]]`).
pub fn nat_range_text(r: &NatRange) -> String {
    let mut s = String::new();
    if let Some((a, b)) = r.addr {
        s.push_str(&a.to_string());
        if a != b {
            let _ = write!(s, "-{b}");
        }
    }
    if let Some((p, q)) = r.ports {
        let _ = write!(s, ":{p}");
        if p != q {
            let _ = write!(s, "-{q}");
        }
    }
    s
}

fn port_range_dash(p: u16, q: u16) -> String {
    if p == q {
        p.to_string()
    } else {
        format!("{p}-{q}")
    }
}

/// One match's save text (leading space included).
fn save_match(out: &mut String, m: &Match) {
    let _ = write!(out, " -m {}", m.name());
    match m {
        Match::Tcp(t) => {
            if let Some(r) = t.sport {
                let _ = write!(out, "{} --sport {}", inv(r.inv), ports(r.lo, r.hi));
            }
            if let Some(r) = t.dport {
                let _ = write!(out, "{} --dport {}", inv(r.inv), ports(r.lo, r.hi));
            }
            if let Some(f) = t.flags {
                let _ = write!(
                    out,
                    "{} --tcp-flags {} {}",
                    inv(f.inv),
                    tcp_flag_names(f.mask),
                    tcp_flag_names(f.cmp)
                );
            }
        }
        Match::Udp(u) => {
            if let Some(r) = u.sport {
                let _ = write!(out, "{} --sport {}", inv(r.inv), ports(r.lo, r.hi));
            }
            if let Some(r) = u.dport {
                let _ = write!(out, "{} --dport {}", inv(r.inv), ports(r.lo, r.hi));
            }
        }
        Match::Icmp(i) => {
            let _ = write!(out, "{} --icmp-type ", inv(i.inv));
            if i.ty == 0xFF {
                out.push_str("any");
            } else if i.code_min == 0 && i.code_max == 0xFF {
                let _ = write!(out, "{}", i.ty);
            } else {
                let _ = write!(out, "{}/{}", i.ty, i.code_min);
            }
        }
        Match::Conntrack { state, inv: v } => {
            let _ = write!(out, "{} --ctstate {}", inv(*v), ct_state_names(*state));
        }
        Match::State { state, inv: v } => {
            let _ = write!(out, "{} --state {}", inv(*v), ct_state_names(*state));
        }
        Match::Mark {
            value,
            mask,
            inv: v,
        } => {
            let _ = write!(out, "{} --mark 0x{value:x}", inv(*v));
            if *mask != u32::MAX {
                let _ = write!(out, "/0x{mask:x}");
            }
        }
        Match::Multiport(m) => {
            let list: Vec<String> = m.ports.iter().map(|&(a, b)| ports(a, b)).collect();
            let _ = write!(
                out,
                "{} --{} {}",
                inv(m.inv),
                multiport_kind(m.kind),
                list.join(",")
            );
        }
        Match::Addrtype(a) => {
            if a.src != 0 {
                let _ = write!(
                    out,
                    "{} --src-type {}",
                    inv(a.src_inv),
                    addr_type_names(a.src)
                );
            }
            if a.dst != 0 {
                let _ = write!(
                    out,
                    "{} --dst-type {}",
                    inv(a.dst_inv),
                    addr_type_names(a.dst)
                );
            }
            if a.limit_in {
                out.push_str(" --limit-iface-in");
            }
            if a.limit_out {
                out.push_str(" --limit-iface-out");
            }
        }
        Match::Ext(e) => e.save_text(out),
        Match::Comment(c) => {
            out.push_str(" --comment");
            save_string(out, c);
        }
        Match::Statistic(s) => match s.mode {
            StatMode::Random { probability } => {
                let _ = write!(
                    out,
                    " --mode random{} --probability {:.11}",
                    inv(s.inv),
                    f64::from(probability) / 2147483648.0
                );
            }
            StatMode::Nth { every, packet } => {
                let _ = write!(
                    out,
                    " --mode nth{} --every {every} --packet {packet}",
                    inv(s.inv)
                );
            }
        },
        Match::Physdev(p) => {
            if let Some(v) = p.is_in {
                let _ = write!(out, "{} --physdev-is-in", inv(v));
            }
            if let Some(i) = &p.physin {
                let _ = write!(out, "{} --physdev-in {}", inv(i.inv), i.name);
            }
            if let Some(v) = p.is_out {
                let _ = write!(out, "{} --physdev-is-out", inv(v));
            }
            if let Some(i) = &p.physout {
                let _ = write!(out, "{} --physdev-out {}", inv(i.inv), i.name);
            }
            if let Some(v) = p.is_bridged {
                let _ = write!(out, "{} --physdev-is-bridged", inv(v));
            }
        }
    }
}

/// The target's save text (leading space included; empty for a rule without `-j`).
fn save_target(out: &mut String, t: &Target) {
    match t {
        Target::None => {}
        Target::Goto(c) => {
            let _ = write!(out, " -g {c}");
        }
        Target::Notrack { alias: true } => out.push_str(" -j NOTRACK"),
        Target::Notrack { alias: false } => out.push_str(" -j CT --notrack"),
        _ => {
            let _ = write!(out, " -j {}", t.name());
        }
    }
    match t {
        Target::Reject(w) => {
            let _ = write!(out, " --reject-with {}", w.name());
        }
        Target::Log { prefix, level } => {
            if let Some(p) = prefix {
                out.push_str(" --log-prefix");
                save_string(out, p);
            }
            if *level != 4 {
                let _ = write!(out, " --log-level {level}");
            }
        }
        Target::Mark { value, mask } => {
            let _ = write!(out, " --set-xmark 0x{value:x}/0x{mask:x}");
        }
        Target::Connmark(m) => match m {
            ConnmarkMode::Set { value, mask } => {
                let _ = write!(out, " --set-xmark 0x{value:x}/0x{mask:x}");
            }
            ConnmarkMode::Save { nfmask, ctmask } => {
                let _ = write!(
                    out,
                    " --save-mark --nfmask 0x{nfmask:x} --ctmask 0x{ctmask:x}"
                );
            }
            ConnmarkMode::Restore { nfmask, ctmask } => {
                let _ = write!(
                    out,
                    " --restore-mark --nfmask 0x{nfmask:x} --ctmask 0x{ctmask:x}"
                );
            }
        },
        Target::Nat(kind, r) => {
            match kind {
                NatKind::Snat => {
                    let _ = write!(out, " --to-source {}", nat_range_text(r));
                }
                NatKind::Dnat => {
                    let _ = write!(out, " --to-destination {}", nat_range_text(r));
                }
                NatKind::Masquerade | NatKind::Redirect => {
                    if let Some((p, q)) = r.ports {
                        let _ = write!(out, " --to-ports {}", port_range_dash(p, q));
                    }
                }
            }
            if r.random {
                out.push_str(" --random");
            }
            if r.random_fully {
                out.push_str(" --random-fully");
            }
            if r.persistent {
                out.push_str(" --persistent");
            }
        }
        _ => {}
    }
}

/// `-A CHAIN …` for one rule; `counters` adds ` -c P B` before the target (`-S -v`).
pub fn rule_text(chain: &str, r: &Rule, counters: bool) -> String {
    let mut out = format!("-A {chain}");
    let ip = &r.ip;
    if ip.src.len > 0 || ip.src_inv {
        let _ = write!(out, "{} -s {}", inv(ip.src_inv), prefix(ip.src));
    }
    if ip.dst.len > 0 || ip.dst_inv {
        let _ = write!(out, "{} -d {}", inv(ip.dst_inv), prefix(ip.dst));
    }
    if let Some(i) = &ip.in_if {
        let _ = write!(out, "{} -i {}", inv(i.inv), i.name);
    }
    if let Some(o) = &ip.out_if {
        let _ = write!(out, "{} -o {}", inv(o.inv), o.name);
    }
    if ip.proto != 0 {
        let p = names::proto_name(ip.proto)
            .map(String::from)
            .unwrap_or_else(|| ip.proto.to_string());
        let _ = write!(out, "{} -p {p}", inv(ip.proto_inv));
    }
    if let Some(f) = ip.frag {
        let _ = write!(out, "{} -f", inv(!f));
    }
    for m in &r.matches {
        save_match(&mut out, m);
    }
    if counters {
        let _ = write!(out, " -c {} {}", r.counters.packets, r.counters.bytes);
    }
    save_target(&mut out, &r.target);
    out
}

/// `iptables -S [chain [n]]` of a table.
pub fn list_rules(t: &Table, chain: Option<&str>, num: Option<usize>, verbose: bool) -> String {
    let mut out = String::new();
    let chains: Vec<_> = t
        .chains
        .iter()
        .filter(|c| chain.is_none_or(|n| n == c.name))
        .collect();
    if let Some(n) = num {
        if let Some(r) = chains.first().and_then(|c| c.rules.get(n - 1)) {
            out.push_str(&rule_text(&chains[0].name, r, verbose));
            out.push('\n');
        }
        return out;
    }
    for c in &chains {
        if c.is_builtin() {
            let _ = write!(out, "-P {} {}", c.name, c.policy.name());
            if verbose {
                let _ = write!(
                    out,
                    " -c {} {}",
                    c.policy_counters.packets, c.policy_counters.bytes
                );
            }
            out.push('\n');
        } else {
            let _ = writeln!(out, "-N {}", c.name);
        }
    }
    for c in &chains {
        for r in &c.rules {
            out.push_str(&rule_text(&c.name, r, verbose));
            out.push('\n');
        }
    }
    out
}

/// One table as `iptables-save` prints it, between the header and footer lines.
pub fn save_table(t: &Table, counters: bool, date: &str) -> String {
    let mut out = format!(
        "# Generated by iptables-save {} on {date}\n*{}\n",
        super::error::VERSION,
        t.id.name()
    );
    let ctr = |c: &Counters| format!("[{}:{}]", c.packets, c.bytes);
    for c in &t.chains {
        if c.is_builtin() {
            let _ = writeln!(
                out,
                ":{} {} {}",
                c.name,
                c.policy.name(),
                ctr(&c.policy_counters)
            );
        } else {
            let _ = writeln!(out, ":{} - [0:0]", c.name);
        }
    }
    for c in &t.chains {
        for r in &c.rules {
            if counters {
                let _ = write!(out, "{} ", ctr(&r.counters));
            }
            out.push_str(&rule_text(&c.name, r, false));
            out.push('\n');
        }
    }
    let _ = write!(out, "COMMIT\n# Completed on {date}\n");
    out
}
