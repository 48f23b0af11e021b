//! `iptables`, `iptables-save` and `iptables-restore` as iptables v1.8.9 (nf_tables) prints
//! them, over the namespace's [`crate::netfilter::Netfilter`].
//!
//! iptables-nft creates a table the first time `-A`, `-I`, `-N` or `-P` needs it; other
//! commands on a table that does not exist work on an empty copy and leave nothing behind,
//! so `iptables-save` shows only tables that were used.
//!
//! `iptables-save` header and footer carry a date; pathsim prints the simulated clock as a
//! date counted from the Unix epoch (`Thu Jan  1 00:00:00 1970` at time 0) in the format of
//! `ctime`, and the verifier normalises dates.

mod ctime;

use super::Output;
use crate::model::NsId;
use crate::netfilter::error::VERSION;
use crate::netfilter::ext;
use crate::netfilter::list::{list, ListFormat};
use crate::netfilter::matches::Match;
use crate::netfilter::parse::{parse_command, Command, Op};
use crate::netfilter::restore::restore;
use crate::netfilter::save::{list_rules, save_table};
use crate::netfilter::{NfError, Table, TableId};
use crate::path::Sim;

fn fail(e: NfError, prog: &str) -> Output {
    let unsupported = matches!(e, NfError::Unsupported(_));
    let (msg, status) = e.render(prog);
    let mut o = Output::err(msg, status);
    o.unsupported = unsupported;
    o
}

/// `iptables ARGS`.
pub fn iptables(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let cmd = match parse_command(args, None) {
        Ok(c) => c,
        Err(e) => return fail(e, "iptables"),
    };
    // libxt_iprange's warning comes while parsing, before the kernel sees the rule.
    let warning: String = cmd
        .rule
        .matches
        .iter()
        .filter_map(|m| match m {
            Match::Ext(e) => ext::warning(e),
            _ => None,
        })
        .collect();
    let mut out = match run(sim, ns, cmd) {
        Ok(out) => Output::ok(out),
        Err(e) => fail(e, "iptables"),
    };
    if !warning.is_empty() {
        out.interleaved = Some(format!("{warning}{}{}", out.stdout, out.stderr));
        out.stderr.insert_str(0, &warning);
    }
    out
}

fn run(sim: &mut Sim, ns: NsId, cmd: Command) -> Result<String, NfError> {
    let nf = &mut sim.world.ns_mut(ns).netfilter;
    let id = cmd.table;
    let chain = cmd.chain.as_deref();
    match &cmd.op {
        Op::Version => return Ok(format!("iptables {VERSION}\n")),
        Op::List | Op::ListRules => {
            let shown = nf.table(id).cloned().unwrap_or_else(|| Table::new(id));
            if let Some(c) = chain {
                if shown.chain(c).is_none() {
                    return Err(NfError::Fatal(
                        format!(
                            "chain `{c}' in table `{}' is incompatible, use 'nft' tool.",
                            id.name()
                        ),
                        1,
                    ));
                }
            }
            let out = if cmd.op == Op::List {
                let f = ListFormat {
                    numeric: cmd.numeric,
                    verbose: cmd.verbose,
                    exact: cmd.exact,
                    line_numbers: cmd.line_numbers,
                };
                list(&shown, chain, cmd.rulenum, f)
            } else {
                list_rules(&shown, chain, cmd.rulenum, cmd.verbose)
            };
            let mut out = out;
            if cmd.zero_after_list {
                if let Some(t) = nf.table_mut(id) {
                    t.zero(chain, None)?;
                }
                if let Some(c) = chain {
                    out.push_str(&format!("Zeroing chain `{c}'\n"));
                }
            }
            return Ok(out);
        }
        _ => {}
    }
    // Work on the table (or an empty one) and keep the result only on success; only the
    // commands that create tables in iptables-nft store a table that did not exist.
    let creates = matches!(
        cmd.op,
        Op::Append | Op::Insert | Op::NewChain | Op::Policy(_)
    );
    let existed = nf.table(id).is_some();
    let mut t = nf.table(id).cloned().unwrap_or_else(|| Table::new(id));
    let c = chain.unwrap_or("").to_string();
    let rule = cmd.rule;
    match cmd.op {
        Op::Append => t.append(&c, rule)?,
        Op::Insert => t.insert(&c, cmd.rulenum.unwrap_or(1), rule)?,
        Op::Replace => t.replace(&c, cmd.rulenum.unwrap_or(1), rule)?,
        Op::Delete => match cmd.rulenum {
            Some(n) => t.delete_num(&c, n)?,
            None => t.delete_rule(&c, &rule)?,
        },
        Op::Check => t.check(&c, &rule)?,
        Op::NewChain => t.new_chain(&c)?,
        Op::DeleteChain => t.delete_chain(chain)?,
        Op::Flush => t.flush(chain)?,
        Op::Zero => t.zero(chain, cmd.rulenum)?,
        Op::Policy(p) => t.set_policy(&c, &p)?,
        Op::Rename(n) => t.rename_chain(&c, &n)?,
        Op::List | Op::ListRules | Op::Version => {}
    }
    if existed || creates {
        nf.set_table(id, Some(t));
    }
    Ok(String::new())
}

/// `iptables-save [-t TABLE] [-c]`.
pub fn save(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut table = None;
    let mut counters = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-c" | "--counters" => counters = true,
            "-t" | "--table" => {
                let Some(t) = it.next() else {
                    return Output::err(
                        "iptables-save: option requires an argument -- 't'\nLook at manual page `iptables-save.8' for more information.",
                        1,
                    );
                };
                match TableId::parse(t) {
                    Some(id) => table = Some(id),
                    None => return Output::err(format!("Table `{t}' does not exist"), 1),
                }
            }
            "-M" | "--modprobe" => {
                it.next();
            }
            other => {
                return Output::unsupported(format!(
                    "iptables-save: option `{other}' is not supported by pathsim (supported: -t TABLE, -c)"
                ))
            }
        }
    }
    let date = ctime::ctime(sim.now() / 1_000_000_000);
    let nf = &sim.world.ns(ns).netfilter;
    let mut out = String::new();
    for id in TableId::SAVE_ORDER {
        match (table, nf.table(id)) {
            (Some(want), _) if want != id => {}
            (Some(_), None) => out.push_str(&save_table(&Table::new(id), counters, &date)),
            (_, Some(t)) => out.push_str(&save_table(t, counters, &date)),
            (None, None) => {}
        }
    }
    Output::ok(out)
}

/// `iptables-restore [-n|--noflush] [-c] [-t] FILE` (FILE is read from the disk, relative
/// to the directory pathsim runs in or one of its parents; standard input is not modelled).
pub fn restore_cmd(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let (mut noflush, mut counters, mut test) = (false, false, false);
    let mut file = None;
    for a in args {
        match a.as_str() {
            "-n" | "--noflush" => noflush = true,
            "-c" | "--counters" => counters = true,
            "-t" | "--test" => test = true,
            "-w" | "--wait" | "-v" | "--verbose" => {}
            s if s.starts_with('-') && s.len() > 1 => {
                return Output::err(
                    format!("iptables-restore: unrecognized option '{s}'\nTry `iptables-restore -h' for more information."),
                    1,
                )
            }
            s => file = Some(s.to_string()),
        }
    }
    let Some(file) = file else {
        return Output::unsupported(
            "iptables-restore: reading the rules from standard input is not supported in scenarios; give a FILE",
        );
    };
    // The file as the real command finds it from its working directory: the scenario's own
    // directory (`Sim::cwd`), as the verifier runs it on the kernel.
    let path = std::path::Path::new(&file);
    let full = match &sim.cwd {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    };
    let text = match std::fs::read_to_string(&full) {
        Ok(t) => t,
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => e.to_string(),
            };
            return Output::err(format!("Can't open {file}: {why}"), 1);
        }
    };
    let nf = &mut sim.world.ns_mut(ns).netfilter;
    match restore(nf, &text, noflush, counters, test) {
        // libxt_iprange's warnings, printed as the lines are parsed.
        Ok(warnings) => Output {
            stderr: warnings,
            ..Default::default()
        },
        Err(e) => {
            let mut o = Output::err(e.message, e.status);
            o.unsupported = e.unsupported;
            o
        }
    }
}
