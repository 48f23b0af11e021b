//! `ip rule`: add, del, show (iproute2 `iprule.c`).

use super::route::{bad_prefix, parse_prefix_raw};
use super::{invarg_nl, json_out, next_arg, Opts};
use crate::cmd::{matches, Output};
use crate::model::fib::{parse_table, parse_u32, table_name, TABLE_MAIN};
use crate::model::rules::{fwmark_finds, fwmark_selector, Rule, RuleAction};
use crate::model::NsId;
use crate::path::Sim;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// `ip rule …`.
pub fn run(sim: &mut Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return show(sim, ns, opts, &[]);
    };
    let rest = &args[1..];
    if matches(verb, "add") {
        add(sim, ns, rest)
    } else if matches(verb, "delete") {
        del(sim, ns, rest)
    } else if matches(verb, "show") || matches(verb, "list") || verb == "lst" {
        show(sim, ns, opts, rest)
    } else if matches(verb, "flush") {
        // iproute2 deletes every rule but those of priority 0 (main and default included).
        sim.world.ns_mut(ns).rules.rules.retain(|r| r.priority == 0);
        Output::default()
    } else {
        Output::err(
            format!("Command \"{verb}\" is unknown, try \"ip rule help\"."),
            255,
        )
    }
}

/// Parses a rule; returns it with whether a priority and an action were given.
fn parse(args: &[String]) -> Result<(Rule, bool, bool), Output> {
    let mut r = Rule::lookup(0, TABLE_MAIN);
    let (mut prio, mut action) = (false, false);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "not" => r.invert = true,
            "from" => {
                let v = next_arg(args, &mut i)?;
                // Kept as given, host bits too (`fib4_rule_configure`).
                let p = parse_prefix_raw(v).ok_or_else(|| bad_prefix(v))?;
                r.src = if p.1 == 0 && v == "all" { None } else { Some(p) };
            }
            "to" => {
                let v = next_arg(args, &mut i)?;
                let p = parse_prefix_raw(v).ok_or_else(|| bad_prefix(v))?;
                r.dst = if p.1 == 0 && v == "all" { None } else { Some(p) };
            }
            "iif" | "dev" => r.iif = Some(next_arg(args, &mut i)?.to_string()),
            "oif" => r.oif = Some(next_arg(args, &mut i)?.to_string()),
            "fwmark" => {
                let v = next_arg(args, &mut i)?;
                let (m, mask) = v.split_once('/').map_or((v, None), |(m, k)| (m, Some(k)));
                let m = parse_u32(m).ok_or_else(|| invarg_nl(v, "fwmark value is invalid"))?;
                let mask = match mask {
                    Some(k) => Some(parse_u32(k).ok_or_else(|| invarg_nl(v, "fwmask value is invalid"))?),
                    None => None,
                };
                r.fwmark = fwmark_selector(m, mask);
            }
            "tos" | "dsfield" => {
                let v = next_arg(args, &mut i)?;
                r.tos = parse_u32(v).and_then(|t| u8::try_from(t).ok()).ok_or_else(|| invarg_nl(v, "TOS value is invalid"))?;
            }
            _ if matches(a, "priority") || matches(a, "preference") || matches(a, "order") => {
                let v = next_arg(args, &mut i)?;
                r.priority = parse_u32(v).ok_or_else(|| invarg_nl(v, "preference value is invalid"))?;
                prio = true;
            }
            "table" | "lookup" => {
                let v = next_arg(args, &mut i)?;
                r.action = RuleAction::Table(parse_table(v).ok_or_else(|| invarg_nl(v, "invalid table ID"))?);
                action = true;
            }
            "goto" => {
                let v = next_arg(args, &mut i)?;
                r.action = RuleAction::Goto(parse_u32(v).ok_or_else(|| invarg_nl(v, "invalid target"))?);
                action = true;
            }
            "suppress_prefixlength" => {
                let v = next_arg(args, &mut i)?;
                r.suppress_prefixlen = Some(v.parse().map_err(|_| invarg_nl(v, "suppress_prefixlength value is invalid"))?);
            }
            "blackhole" => (r.action, action) = (RuleAction::Blackhole, true),
            "unreachable" => (r.action, action) = (RuleAction::Unreachable, true),
            "prohibit" => (r.action, action) = (RuleAction::Prohibit, true),
            "nop" => (r.action, action) = (RuleAction::Nop, true),
            _ => {
                return Err(Output::unsupported(format!(
                    "ip rule: \"{a}\" is not supported; supported: not, from, to, iif, oif, fwmark, tos, priority, table|lookup, goto, suppress_prefixlength, blackhole, unreachable, prohibit, nop"
                )))
            }
        }
        i += 1;
    }
    Ok((r, prio, action))
}

fn add(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let (r, prio, _) = match parse(args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let rules = &mut sim.world.ns_mut(ns).rules;
    if let RuleAction::Goto(target) = r.action {
        if prio && r.priority >= target {
            return Output::err("Error: Backward goto not supported.", 2);
        }
    }
    if rules.rules.iter().any(|x| {
        let mut y = r.clone();
        if !prio {
            y.priority = x.priority;
        }
        prio && *x == y
    }) {
        return Output::err("RTNETLINK answers: File exists", 2);
    }
    rules.add(r, prio);
    Output::default()
}

fn del(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    if args.is_empty() {
        return Output::err("\"ip rule del\" requires arguments.", 1);
    }
    let (r, prio, action) = match parse(args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let removed = sim.world.ns_mut(ns).rules.remove_first(|x| {
        (!prio || x.priority == r.priority)
            && (r.src.is_none() || x.src == r.src)
            && (r.dst.is_none() || x.dst == r.dst)
            && (r.iif.is_none() || x.iif == r.iif)
            && (r.oif.is_none() || x.oif == r.oif)
            && fwmark_finds(r.fwmark, x.fwmark)
            && (!action || x.action == r.action)
    });
    match removed {
        Some(_) => Output::default(),
        None => Output::err("RTNETLINK answers: No such file or directory", 2),
    }
}

/// iproute2 prints marks with `%#x`: `0` for zero, `0x…` otherwise.
fn hex(v: u32) -> String {
    if v == 0 {
        "0".into()
    } else {
        format!("{v:#x}")
    }
}

fn prefix_text(p: Option<(std::net::Ipv4Addr, u8)>) -> String {
    match p {
        None => "all".into(),
        Some((a, 32)) => a.to_string(),
        Some((a, l)) => format!("{a}/{l}"),
    }
}

/// One rule as `ip rule show` prints it; `exists` tells whether a device name is present
/// in the namespace (a rule naming a missing one is `[detached]`).
fn rule_line(r: &Rule, exists: &dyn Fn(&str) -> bool) -> String {
    let mut s = format!("{}:\t", r.priority);
    if r.invert {
        s.push_str("not ");
    }
    let _ = write!(s, "from {}", prefix_text(r.src));
    if r.dst.is_some() {
        let _ = write!(s, " to {}", prefix_text(r.dst));
    }
    if r.tos != 0 {
        let _ = write!(s, " tos 0x{:02x}", r.tos);
    }
    if let Some((m, mask)) = r.fwmark {
        if mask == u32::MAX {
            let _ = write!(s, " fwmark {}", hex(m));
        } else {
            let _ = write!(s, " fwmark {}/{}", hex(m), hex(mask));
        }
    }
    if let Some(i) = &r.iif {
        let _ = write!(s, " iif {i}");
        if !exists(i) {
            s.push_str(" [detached]");
        }
    }
    if let Some(o) = &r.oif {
        let _ = write!(s, " oif {o}");
        if !exists(o) {
            s.push_str(" [detached]");
        }
    }
    match r.action {
        RuleAction::Table(t) => {
            let _ = write!(s, " lookup {}", table_name(t));
        }
        RuleAction::Goto(p) => {
            let _ = write!(s, " goto {p}");
        }
        RuleAction::Nop => s.push_str(" nop"),
        RuleAction::Blackhole => s.push_str(" blackhole"),
        RuleAction::Unreachable => s.push_str(" unreachable"),
        RuleAction::Prohibit => s.push_str(" prohibit"),
    }
    if let Some(p) = r.suppress_prefixlen {
        let _ = write!(s, " suppress_prefixlength {p}");
    }
    s
}

/// `ip rule show [SELECTOR…]`: the selectors of `ip rule add` filter the list.
fn show(sim: &Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let (want, prio, action) = match parse(args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let all = &sim.world.ns(ns).rules.rules;
    let exists = |name: &str| sim.world.ns(ns).dev_by_name(name).is_some();
    let rules: Vec<&Rule> = all
        .iter()
        .filter(|r| {
            (!prio || r.priority == want.priority)
                && (want.src.is_none() || r.src == want.src)
                && (want.dst.is_none() || r.dst == want.dst)
                && (want.iif.is_none() || r.iif == want.iif)
                && (want.oif.is_none() || r.oif == want.oif)
                && (want.fwmark.is_none() || r.fwmark == want.fwmark)
                && (!action || r.action == want.action)
        })
        .collect();
    if opts.json {
        let arr: Vec<Value> = rules
            .iter()
            .map(|r| {
                let mut m = Map::new();
                m.insert("priority".into(), json!(r.priority));
                if r.invert {
                    m.insert("not".into(), json!(null));
                }
                m.insert(
                    "src".into(),
                    json!(prefix_text(r.src).split('/').next().unwrap_or("all")),
                );
                if let Some((_, l)) = r.src.filter(|(_, l)| *l != 32) {
                    m.insert("srclen".into(), json!(l));
                }
                if let Some(d) = r.dst {
                    m.insert("dst".into(), json!(d.0.to_string()));
                    if d.1 != 32 {
                        m.insert("dstlen".into(), json!(d.1));
                    }
                }
                if let Some((mk, mask)) = r.fwmark {
                    m.insert("fwmark".into(), json!(hex(mk)));
                    if mask != u32::MAX {
                        m.insert("fwmask".into(), json!(hex(mask)));
                    }
                }
                if r.tos != 0 {
                    m.insert("tos".into(), json!(format!("0x{:02x}", r.tos)));
                }
                if let Some(i) = &r.iif {
                    m.insert("iif".into(), json!(i));
                    if !exists(i) {
                        m.insert("iif_detached".into(), json!(null));
                    }
                }
                if let Some(o) = &r.oif {
                    m.insert("oif".into(), json!(o));
                    if !exists(o) {
                        m.insert("oif_detached".into(), json!(null));
                    }
                }
                match r.action {
                    RuleAction::Table(t) => {
                        m.insert("table".into(), json!(table_name(t)));
                    }
                    RuleAction::Goto(p) => {
                        m.insert("goto".into(), json!(p));
                        if !all.iter().any(|x| x.priority == p) {
                            m.insert("unresolved".into(), json!(null));
                        }
                    }
                    RuleAction::Nop => {
                        m.insert("nop".into(), json!(null));
                    }
                    other => {
                        m.insert("action".into(), json!(format!("{other:?}").to_lowercase()));
                    }
                }
                if let Some(p) = r.suppress_prefixlen {
                    m.insert("suppress_prefixlen".into(), json!(p));
                }
                Value::Object(m)
            })
            .collect();
        return Output::ok(json_out(&Value::Array(arr), opts));
    }
    let mut out = String::new();
    for r in rules {
        let unresolved =
            matches!(r.action, RuleAction::Goto(t) if !all.iter().any(|x| x.priority == t));
        let _ = writeln!(
            out,
            "{}{}",
            rule_line(r, &exists),
            if unresolved { " [unresolved]" } else { "" }
        );
    }
    Output::ok(out)
}
