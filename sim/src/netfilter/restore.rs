//! `iptables-restore` (iptables/iptables-restore.c with the nft backend): the whole input is
//! one transaction — every table block is applied to a copy, and the copy replaces the
//! namespace's state only when the last COMMIT succeeded.

use super::error::{NfError, VERSION};
use super::parse::{parse_command, Op};
use super::rule::Counters;
use super::{Netfilter, Policy, Table, TableId};

/// How a restore failed: the message (complete, with newlines) and the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreError {
    pub message: String,
    pub status: i32,
    /// The failure is something pathsim does not model.
    pub unsupported: bool,
}

const PROG: &str = "iptables-restore";

fn param_at(msg: &str, line: usize) -> RestoreError {
    RestoreError {
        message: format!(
            "{PROG} {VERSION}: {msg}\nError occurred at line: {line}\nTry `{PROG} -h' or '{PROG} --help' for more information.\n"
        ),
        status: 2,
        unsupported: false,
    }
}

fn failed(line: usize, why: Option<&str>) -> RestoreError {
    RestoreError {
        message: match why {
            Some(w) => format!("{PROG}: line {line} failed: {w}.\n"),
            None => format!("{PROG}: line {line} failed\n"),
        },
        status: 1,
        unsupported: false,
    }
}

fn from_nf(e: NfError, line: usize) -> RestoreError {
    match e {
        NfError::Param(m) => param_at(&m, line),
        NfError::Kernel(m) => failed(line, Some(m.split('.').next().unwrap_or(m))),
        NfError::Batch { errno, .. } => failed(line, Some(errno)),
        NfError::Fatal(m, _) => param_at(&m, line),
        NfError::Unsupported(m) => RestoreError {
            message: format!("{PROG}: line {line}: {m}\n"),
            status: 127,
            unsupported: true,
        },
    }
}

/// Splits a rule line into words the way `add_param_to_argv` does: blanks separate,
/// double quotes group, `\"` inside quotes is a quote.
pub fn split_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted && matches!(chars.peek(), Some('"') | Some('\\') | Some('\'')) => {
                cur.push(chars.next().unwrap_or('\\'));
            }
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if quoted {
        return None;
    }
    if in_word {
        words.push(cur);
    }
    Some(words)
}

/// `[pkts:bytes]`.
fn parse_counters(s: &str) -> Option<Counters> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    let (p, b) = inner.split_once(':')?;
    Some(Counters {
        packets: p.parse().ok()?,
        bytes: b.parse().ok()?,
    })
}

/// Restores `text` onto `nf`. `noflush` keeps what the tables hold; `counters` (`-c`) takes
/// the `[p:b]` counters from the input; `test` (`-t`) only checks. Returns the warnings printed
/// while parsing.
pub fn restore(
    nf: &mut Netfilter,
    text: &str,
    noflush: bool,
    counters: bool,
    test: bool,
) -> Result<String, RestoreError> {
    let mut work = nf.clone();
    let mut warnings = String::new();
    let mut current: Option<TableId> = None;
    let mut last = 0;
    for (k, raw) in text.lines().enumerate() {
        let line = k + 1;
        last = line;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(name) = l.strip_prefix('*') {
            let Some(id) = TableId::parse(name.trim()) else {
                return Err(param_at(
                    &format!("{PROG}: line {line} table name '{}' invalid", name.trim()),
                    line,
                ));
            };
            if current.is_some() {
                return Err(failed(line, None));
            }
            current = Some(id);
            if noflush {
                work.table_create(id);
            } else {
                // The table starts over: no rules, no user chains, policies ACCEPT.
                work.set_table(id, Some(Table::new(id)));
            }
            continue;
        }
        if l == "COMMIT" {
            if current.take().is_none() {
                return Err(failed(line, None));
            }
            continue;
        }
        let Some(id) = current else {
            return Err(failed(line, None));
        };
        if let Some(decl) = l.strip_prefix(':') {
            let mut it = decl.split_whitespace();
            let (Some(name), Some(pol)) = (it.next(), it.next()) else {
                return Err(failed(line, None));
            };
            let ctr = it.next().and_then(parse_counters);
            let t = work.table_create(id);
            match t.chain_mut(name) {
                Some(c) if c.is_builtin() => {
                    c.policy = match pol {
                        "ACCEPT" => Policy::Accept,
                        "DROP" => Policy::Drop,
                        _ => return Err(failed(line, Some("Bad policy name"))),
                    };
                    c.counting = true;
                    c.policy_counters = if counters {
                        ctr.unwrap_or_default()
                    } else {
                        Counters::default()
                    };
                }
                Some(_) => {}
                None => {
                    if name.len() > 28 {
                        return Err(param_at(
                            &format!("Invalid chain name `{name}' (28 chars max)"),
                            line,
                        ));
                    }
                    t.new_chain(name).map_err(|e| from_nf(e, line))?;
                }
            }
            continue;
        }
        // A rule line, maybe with `[p:b]` in front.
        let (ctr, rest) = match l.strip_prefix('[') {
            Some(_) => match l.split_once(' ') {
                Some((c, r)) => (parse_counters(c), r),
                None => (None, l),
            },
            None => (None, l),
        };
        let words =
            split_words(rest).ok_or_else(|| param_at("Unterminated quoted string", line))?;
        let cmd = parse_command(&words, Some(id)).map_err(|e| from_nf(e, line))?;
        for m in &cmd.rule.matches {
            if let super::matches::Match::Ext(e) = m {
                warnings.extend(super::ext::warning(e));
            }
        }
        let t = work.table_create(id);
        apply(t, cmd, if counters { ctr } else { None }).map_err(|e| from_nf(e, line))?;
    }
    if current.is_some() {
        return Err(RestoreError {
            message: format!("{PROG}: COMMIT expected at line {}\n", last + 1),
            status: 1,
            unsupported: false,
        });
    }
    if !test {
        *nf = work;
    }
    Ok(warnings)
}

/// One rule-changing command of a restore file.
fn apply(t: &mut Table, cmd: super::parse::Command, ctr: Option<Counters>) -> Result<(), NfError> {
    let chain = cmd.chain.clone().unwrap_or_default();
    let mut rule = cmd.rule;
    rule.counters = ctr.unwrap_or_default();
    match cmd.op {
        Op::Append => t.append(&chain, rule),
        Op::Insert => t.insert(&chain, cmd.rulenum.unwrap_or(1), rule),
        Op::Replace => t.replace(&chain, cmd.rulenum.unwrap_or(1), rule),
        Op::Delete => match cmd.rulenum {
            Some(n) => t.delete_num(&chain, n),
            None => t.delete_rule(&chain, &rule),
        },
        Op::Check => t.check(&chain, &rule),
        Op::NewChain => t.new_chain(&chain),
        Op::DeleteChain => t.delete_chain(cmd.chain.as_deref()),
        Op::Flush => t.flush(cmd.chain.as_deref()),
        Op::Zero => t.zero(cmd.chain.as_deref(), cmd.rulenum),
        Op::Policy(p) => t.set_policy(&chain, &p),
        Op::Rename(n) => t.rename_chain(&chain, &n),
        Op::List | Op::ListRules | Op::Version => Err(NfError::Param(
            "Illegal option in iptables-restore input".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            split_words(r#"-A X -m comment --comment "a \"b\" c" -j ACCEPT"#).unwrap(),
            vec![
                "-A",
                "X",
                "-m",
                "comment",
                "--comment",
                "a \"b\" c",
                "-j",
                "ACCEPT"
            ]
        );
    }

    #[test]
    fn transaction() {
        let mut nf = Netfilter::default();
        let e = restore(
            &mut nf,
            "*filter\n-A NOPE -j ACCEPT\nCOMMIT\n",
            false,
            false,
            false,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "iptables-restore: line 2 failed: No chain/target/match by that name.\n"
        );
        assert!(nf.table(TableId::Filter).is_none());
        let e = restore(
            &mut nf,
            "*filter\n-A INPUT -j ACCEPT\n",
            false,
            false,
            false,
        )
        .unwrap_err();
        assert_eq!(e.message, "iptables-restore: COMMIT expected at line 3\n");
    }
}
