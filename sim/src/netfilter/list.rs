//! `iptables -L` (`print_header`, `print_firewall` and each extension's `print`, as
//! iptables-nft v1.8.9 prints them, including its quirks: the protocol as a number with `-n`).

use super::matches::{Match, MultiportKind, PortRange, StatMode};
use super::names;
use super::rule::{Prefix, Rule};
use super::save::{addr_type_names, ct_state_names, nat_range_text, tcp_flag_names};
use super::target::{ConnmarkMode, NatKind, Target};
use super::{Chain, Table};
use std::fmt::Write;

/// The `-L` options.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListFormat {
    pub numeric: bool,
    pub verbose: bool,
    pub exact: bool,
    pub line_numbers: bool,
}

/// `xtables_print_num`: `%5llu` with K/M/G/T rounding unless `-x` (`%8llu`); `bare` is the
/// header form (no padding).
fn num(out: &mut String, n: u64, f: ListFormat, bare: bool) {
    if f.exact {
        if bare {
            let _ = write!(out, "{n} ");
        } else {
            let _ = write!(out, "{n:8} ");
        }
        return;
    }
    if n <= 99999 {
        if bare {
            let _ = write!(out, "{n} ");
        } else {
            let _ = write!(out, "{n:5} ");
        }
        return;
    }
    let mut v = n.saturating_add(500) / 1000;
    let mut unit = 'K';
    for u in ['M', 'G', 'T'] {
        if v > 9999 {
            v = (v + 500) / 1000;
            unit = u;
        } else {
            break;
        }
    }
    if bare {
        let _ = write!(out, "{v}{unit} ");
    } else {
        let _ = write!(out, "{v:4}{unit} ");
    }
}

fn header(out: &mut String, c: &Chain, refs: usize, f: ListFormat) {
    let _ = write!(out, "Chain {}", c.name);
    if c.is_builtin() {
        let _ = write!(out, " (policy {}", c.policy.name());
        if f.verbose {
            out.push(' ');
            num(out, c.policy_counters.packets, f, true);
            out.push_str("packets, ");
            num(out, c.policy_counters.bytes, f, true);
            out.push_str("bytes");
        }
        out.push_str(")\n");
    } else {
        let _ = writeln!(out, " ({refs} references)");
    }
    if f.line_numbers {
        out.push_str("num  ");
    }
    if f.verbose {
        if f.exact {
            out.push_str("    pkts      bytes ");
        } else {
            out.push_str(" pkts bytes ");
        }
    }
    out.push_str("target     prot opt ");
    if f.verbose {
        out.push_str("in     out     ");
    }
    out.push_str("source               destination         \n");
}

fn addr(p: Prefix, numeric: bool) -> String {
    if p.len == 0 && !numeric {
        return "anywhere".into();
    }
    if p.len == 32 {
        if !numeric {
            if let Some(h) = names::host_name(p.addr) {
                return h.into();
            }
        }
        return p.addr.to_string();
    }
    if !numeric {
        if let Some(n) = names::net_name(p.addr) {
            return format!("{n}/{}", p.len);
        }
    }
    format!("{}/{}", p.addr, p.len)
}

fn port_name(p: u16, proto: u8, numeric: bool) -> String {
    if !numeric {
        if let Some(n) = names::service_name(p, proto) {
            return n.into();
        }
    }
    p.to_string()
}

/// `print_ports` of libxt_tcp/udp: ` spt:X`, ` spts:A:B`, `!` after the colon.
fn print_ports(out: &mut String, what: &str, r: PortRange, proto: u8, numeric: bool) {
    let inv = if r.inv { "!" } else { "" };
    if r.lo == r.hi {
        let _ = write!(out, " {what}:{inv}{}", port_name(r.lo, proto, numeric));
    } else {
        let _ = write!(
            out,
            " {what}s:{inv}{}:{}",
            port_name(r.lo, proto, numeric),
            port_name(r.hi, proto, numeric)
        );
    }
}

fn print_match(out: &mut String, m: &Match, proto: u8, numeric: bool) {
    match m {
        Match::Tcp(t) => {
            out.push_str(" tcp");
            if let Some(r) = t.sport {
                print_ports(out, "spt", r, 6, numeric);
            }
            if let Some(r) = t.dport {
                print_ports(out, "dpt", r, 6, numeric);
            }
            if let Some(f) = t.flags {
                let inv = if f.inv { "!" } else { "" };
                if numeric {
                    let _ = write!(out, " flags:{inv}0x{:02X}/0x{:02X}", f.mask, f.cmp);
                } else {
                    let _ = write!(
                        out,
                        " flags:{inv}{}/{}",
                        tcp_flag_names(f.mask),
                        tcp_flag_names(f.cmp)
                    );
                }
            }
        }
        Match::Udp(u) => {
            out.push_str(" udp");
            if let Some(r) = u.sport {
                print_ports(out, "spt", r, 17, numeric);
            }
            if let Some(r) = u.dport {
                print_ports(out, "dpt", r, 17, numeric);
            }
        }
        Match::Icmp(i) => {
            let all_codes = i.code_min == 0 && i.code_max == 0xFF;
            let name = names::icmp_name(i.ty, i.code_min, i.code_max);
            match (numeric, name) {
                (false, Some(n)) => {
                    let _ = write!(out, " icmp {}{n}", if i.inv { "!" } else { "" });
                }
                _ => {
                    if i.inv {
                        let _ = write!(out, " icmp !type {}", i.ty);
                    } else {
                        let _ = write!(out, " icmptype {}", i.ty);
                    }
                    if !all_codes && i.ty != 0xFF {
                        if i.code_min == i.code_max {
                            let _ = write!(out, " code {}", i.code_min);
                        } else {
                            let _ = write!(out, " codes {}-{}", i.code_min, i.code_max);
                        }
                    }
                }
            }
        }
        Match::Conntrack { state, inv } => {
            let _ = write!(
                out,
                "{} ctstate {}",
                if *inv { " !" } else { "" },
                ct_state_names(*state)
            );
        }
        Match::State { state, inv } => {
            let _ = write!(
                out,
                "{} state {}",
                if *inv { " !" } else { "" },
                ct_state_names(*state)
            );
        }
        Match::Mark { value, mask, inv } => {
            let _ = write!(
                out,
                " mark match{} 0x{value:x}",
                if *inv { " !" } else { "" }
            );
            if *mask != u32::MAX {
                let _ = write!(out, "/0x{mask:x}");
            }
        }
        Match::Multiport(m) => {
            let kind = match m.kind {
                MultiportKind::Src => "sports",
                MultiportKind::Dst => "dports",
                MultiportKind::Any => "ports",
            };
            let _ = write!(out, " multiport {kind} {}", if m.inv { " !" } else { "" });
            let list: Vec<String> = m
                .ports
                .iter()
                .map(|&(a, b)| {
                    if a == b {
                        port_name(a, proto, numeric)
                    } else {
                        format!(
                            "{}:{}",
                            port_name(a, proto, numeric),
                            port_name(b, proto, numeric)
                        )
                    }
                })
                .collect();
            out.push_str(&list.join(","));
        }
        Match::Addrtype(a) => {
            out.push_str(" ADDRTYPE match");
            if a.src != 0 {
                let _ = write!(
                    out,
                    " src-type {}{}",
                    if a.src_inv { "!" } else { "" },
                    addr_type_names(a.src)
                );
            }
            if a.dst != 0 {
                let _ = write!(
                    out,
                    " dst-type {}{}",
                    if a.dst_inv { "!" } else { "" },
                    addr_type_names(a.dst)
                );
            }
            if a.limit_in {
                out.push_str(" limit-in");
            }
            if a.limit_out {
                out.push_str(" limit-out");
            }
        }
        Match::Comment(c) => {
            let _ = write!(out, " /* {c} */");
        }
        Match::Ext(e) => e.list_text(out),
        Match::Statistic(s) => {
            let inv = if s.inv { " !" } else { "" };
            match s.mode {
                StatMode::Random { probability } => {
                    let _ = write!(
                        out,
                        " statistic mode random{inv} probability {:.11}",
                        f64::from(probability) / 2147483648.0
                    );
                }
                StatMode::Nth { every, packet } => {
                    let _ = write!(out, " statistic mode nth{inv} every {every}");
                    if packet != 0 {
                        let _ = write!(out, " packet {packet}");
                    }
                }
            }
        }
        Match::Physdev(p) => {
            out.push_str(" PHYSDEV match");
            let inv = |b: bool| if b { " !" } else { "" };
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

/// The `MARK`/`CONNMARK` set-form text (`mark_tg_print` v2, `connmark_tg_print` v1).
fn xmark(out: &mut String, who: &str, value: u32, mask: u32) {
    if value == 0 {
        let _ = write!(out, " {who} and 0x{:x}", !mask);
    } else if value == mask {
        let _ = write!(out, " {who} or 0x{value:x}");
    } else if mask == 0 {
        let _ = write!(out, " {who} xor 0x{value:x}");
    } else if mask == u32::MAX {
        let _ = write!(out, " {who} set 0x{value:x}");
    } else {
        let _ = write!(out, " {who} xset 0x{value:x}/0x{mask:x}");
    }
}

fn print_target(out: &mut String, t: &Target, numeric: bool) {
    match t {
        Target::Reject(w) => {
            let _ = write!(out, " reject-with {}", w.name());
        }
        Target::Log { prefix, level } => {
            if numeric {
                let _ = write!(out, " LOG flags 0 level {level}");
            } else {
                let _ = write!(
                    out,
                    " LOG level {}",
                    names::LOG_LEVELS.get(usize::from(*level)).unwrap_or(&"?")
                );
            }
            if let Some(p) = prefix {
                let _ = write!(out, " prefix \"{p}\"");
            }
        }
        Target::Mark { value, mask } => xmark(out, "MARK", *value, *mask),
        Target::Notrack { alias: true } => out.push_str(" NOTRACK"),
        Target::Notrack { alias: false } => out.push_str(" CT notrack"),
        Target::Connmark(m) => match *m {
            ConnmarkMode::Set { value, mask } => xmark(out, "CONNMARK", value, mask),
            ConnmarkMode::Save { nfmask, ctmask } | ConnmarkMode::Restore { nfmask, ctmask } => {
                let what = if matches!(m, ConnmarkMode::Save { .. }) {
                    "save"
                } else {
                    "restore"
                };
                if nfmask == u32::MAX && ctmask == u32::MAX {
                    let _ = write!(out, " CONNMARK {what}");
                } else if nfmask == ctmask {
                    let _ = write!(out, " CONNMARK {what} mask 0x{nfmask:x}");
                } else {
                    let _ = write!(
                        out,
                        " CONNMARK {what} nfmask 0x{nfmask:x} ctmask ~0x{ctmask:x}"
                    );
                }
            }
        },
        Target::Nat(kind, r) => {
            match kind {
                NatKind::Snat | NatKind::Dnat => {
                    let _ = write!(out, " to:{}", nat_range_text(r));
                }
                NatKind::Masquerade => {
                    if let Some((p, q)) = r.ports {
                        let _ = write!(out, " masq ports: {p}");
                        if p != q {
                            let _ = write!(out, "-{q}");
                        }
                    }
                }
                NatKind::Redirect => {
                    if let Some((p, q)) = r.ports {
                        let _ = write!(out, " redir ports {p}");
                        if p != q {
                            let _ = write!(out, "-{q}");
                        }
                    }
                }
            }
            if r.random {
                out.push_str(" random");
            }
            if r.random_fully {
                out.push_str(" random-fully");
            }
            if r.persistent {
                out.push_str(" persistent");
            }
        }
        _ => {}
    }
}

/// `print_ifaces` of iptables-nft: the `!` is part of the padded name.
fn iface(out: &mut String, i: Option<&super::rule::Iface>, numeric: bool, first: bool) {
    let name = match i {
        Some(i) => format!("{}{}", if i.inv { "!" } else { "" }, i.name),
        None => (if numeric { "*" } else { "any" }).to_string(),
    };
    if first {
        out.push(' ');
    }
    let _ = write!(out, "{name:<6} ");
}

/// One rule line (`print_firewall`).
pub fn rule_line(out: &mut String, num_: usize, r: &Rule, f: ListFormat) {
    if f.line_numbers {
        let _ = write!(out, "{num_:<4} ");
    }
    if f.verbose {
        num(out, r.counters.packets, f, false);
        num(out, r.counters.bytes, f, false);
    }
    let _ = write!(out, "{:<9} ", r.target.name());
    let ip = &r.ip;
    out.push(if ip.proto_inv { '!' } else { ' ' });
    match names::proto_name(ip.proto).filter(|_| !f.numeric) {
        Some(n) => {
            let _ = write!(out, "{n:<5}");
        }
        None => {
            let _ = write!(out, "{:<5}", ip.proto);
        }
    }
    match ip.frag {
        None => out.push_str("-- "),
        Some(true) => out.push_str("-f "),
        Some(false) => out.push_str("!f "),
    }
    if f.verbose {
        iface(out, ip.in_if.as_ref(), f.numeric, true);
        iface(out, ip.out_if.as_ref(), f.numeric, false);
    }
    out.push(if ip.src_inv { '!' } else { ' ' });
    let _ = write!(out, "{:<19} ", addr(ip.src, f.numeric));
    out.push(if ip.dst_inv { '!' } else { ' ' });
    let _ = write!(out, "{:<19} ", addr(ip.dst, f.numeric));
    if matches!(r.target, Target::Goto(_)) {
        out.push_str("[goto] ");
    }
    for m in &r.matches {
        print_match(out, m, ip.proto, f.numeric);
    }
    print_target(out, &r.target, f.numeric);
    out.push('\n');
}

/// `iptables -L [chain [n]]` of a table (the caller checked that `chain` exists).
pub fn list(t: &Table, chain: Option<&str>, num_: Option<usize>, f: ListFormat) -> String {
    let mut out = String::new();
    if let (Some(c), Some(n)) = (chain.and_then(|c| t.chain(c)), num_) {
        if let Some(r) = c.rules.get(n - 1) {
            rule_line(&mut out, n, r, f);
        }
        return out;
    }
    let mut first = true;
    for c in t
        .chains
        .iter()
        .filter(|c| chain.is_none_or(|n| n == c.name))
    {
        if !first {
            out.push('\n');
        }
        first = false;
        header(&mut out, c, t.references(&c.name), f);
        for (k, r) in c.rules.iter().enumerate() {
            rule_line(&mut out, k + 1, r, f);
        }
    }
    out
}
