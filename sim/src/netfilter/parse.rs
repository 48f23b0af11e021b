//! iptables' command line (`do_parse` of iptables/xshared.c and the `x6_parse`/`parse`
//! functions of the libxt_* extensions): argv → [`Command`], with iptables' own error texts.
//!
//! Options are read the way `getopt_long` reads them for iptables: `!` inverts the next
//! option, long options may be abbreviated to a unique prefix (`--to-port` is `--to-ports`),
//! an extension's options exist once it is loaded (`-m NAME`, `-j NAME`, or implicitly the
//! protocol's match when `-p tcp|udp|icmp` is followed by one of its options).

use super::error::NfError;
use super::ext::ExtPending;
use super::matches::{
    Addrtype, Icmp, Match, Multiport, MultiportKind, Physdev, PortRange, StatMode, Statistic, Tcp,
    TcpFlags, Udp,
};
use super::names;
use super::rule::{Counters, Iface, IpSpec, Prefix, Rule};
use super::target::{ConnmarkMode, NatKind, NatRange, RejectWith, Target};
use super::TableId;
use std::net::Ipv4Addr;

/// The command letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Append,
    Check,
    Delete,
    Insert,
    Replace,
    List,
    ListRules,
    Flush,
    Zero,
    NewChain,
    DeleteChain,
    Policy(String),
    Rename(String),
    Version,
}

impl Op {
    fn letter(&self) -> char {
        match self {
            Op::Append => 'A',
            Op::Check => 'C',
            Op::Delete => 'D',
            Op::Insert => 'I',
            Op::Replace => 'R',
            Op::List => 'L',
            Op::ListRules => 'S',
            Op::Flush => 'F',
            Op::Zero => 'Z',
            Op::NewChain => 'N',
            Op::DeleteChain => 'X',
            Op::Policy(_) => 'P',
            Op::Rename(_) => 'E',
            Op::Version => 'V',
        }
    }
}

/// A parsed `iptables` command line.
#[derive(Debug, Clone)]
pub struct Command {
    pub table: TableId,
    pub op: Op,
    pub chain: Option<String>,
    /// The rule number of `-D/-I/-R/-L/-S/-Z chain N`.
    pub rulenum: Option<usize>,
    /// The rule specification (for -A/-C/-D/-I/-R).
    pub rule: Rule,
    /// Whether any rule-specification option was given (`-D chain` needs a number or a spec).
    pub has_spec: bool,
    pub verbose: bool,
    pub numeric: bool,
    pub exact: bool,
    pub line_numbers: bool,
    /// `-L -Z` / `-S -Z`: list, then zero.
    pub zero_after_list: bool,
}

type R<T> = Result<T, NfError>;

fn param<T>(m: impl Into<String>) -> R<T> {
    Err(NfError::Param(m.into()))
}

/// Matches pathsim models, for error messages.
pub const SUPPORTED_MATCHES: &str =
    "tcp, udp, icmp, conntrack (--ctstate), state, mark, multiport, addrtype, comment, statistic, physdev, iprange, pkttype, length, ttl, mac, limit";
/// Targets pathsim models, for error messages.
pub const SUPPORTED_TARGETS: &str =
    "ACCEPT, DROP, RETURN, user chains (-j/-g), REJECT, LOG, MARK, CONNMARK, MASQUERADE, SNAT, DNAT, REDIRECT, NOTRACK, CT --notrack";

/// Match modules iptables has that pathsim does not model (anything else does not exist).
const KNOWN_MATCHES: &[&str] = &[
    "ah",
    "bpf",
    "cgroup",
    "cluster",
    "connbytes",
    "connlabel",
    "connlimit",
    "cpu",
    "dccp",
    "devgroup",
    "dscp",
    "ecn",
    "esp",
    "hashlimit",
    "helper",
    "hl",
    "ipcomp",
    "ipvs",
    "nfacct",
    "osf",
    "owner",
    "policy",
    "quota",
    "rateest",
    "realm",
    "recent",
    "rpfilter",
    "sctp",
    "set",
    "socket",
    "string",
    "tcpmss",
    "time",
    "tos",
    "u32",
    "udplite",
    "l2tp",
    "connmark",
    "ipv4options",
    "icmp6",
];

/// Targets iptables has that pathsim does not model.
const KNOWN_TARGETS: &[&str] = &[
    "AUDIT",
    "CHECKSUM",
    "CLASSIFY",
    "CLUSTERIP",
    "CONNSECMARK",
    "DSCP",
    "ECN",
    "HMARK",
    "IDLETIMER",
    "LED",
    "NETMAP",
    "NFLOG",
    "NFQUEUE",
    "QUEUE",
    "RATEEST",
    "SECMARK",
    "SET",
    "SYNPROXY",
    "TCPMSS",
    "TCPOPTSTRIP",
    "TEE",
    "TOS",
    "TPROXY",
    "TRACE",
    "TTL",
    "ULOG",
];

/// A match being built from its options (the extension's `x6_parse` state).
#[derive(Debug, Clone)]
enum Pending {
    Tcp(Tcp),
    Udp(Udp),
    Icmp(Option<Icmp>),
    Conntrack(Option<(u8, bool)>),
    State(Option<(u8, bool)>),
    Mark(Option<(u32, u32, bool)>),
    Multiport(Option<Multiport>),
    Addrtype(Addrtype),
    Comment(Option<String>),
    Statistic {
        mode: Option<String>,
        prob: Option<u32>,
        every: Option<u32>,
        packet: Option<u32>,
        inv: bool,
    },
    Physdev(Physdev),
    Ext(ExtPending),
}

impl Pending {
    fn load(name: &str) -> R<Pending> {
        Ok(match name {
            "tcp" => Pending::Tcp(Tcp::default()),
            "udp" => Pending::Udp(Udp::default()),
            "icmp" => Pending::Icmp(None),
            "conntrack" => Pending::Conntrack(None),
            "state" => Pending::State(None),
            "mark" => Pending::Mark(None),
            "multiport" => Pending::Multiport(None),
            "addrtype" => Pending::Addrtype(Addrtype::default()),
            "comment" => Pending::Comment(None),
            "statistic" => Pending::Statistic {
                mode: None,
                prob: None,
                every: None,
                packet: None,
                inv: false,
            },
            "physdev" => Pending::Physdev(Physdev::default()),
            n if ExtPending::load(n).is_some() => Pending::Ext(ExtPending::load(n).expect("known")),
            n if KNOWN_MATCHES.contains(&n) => {
                return Err(NfError::Unsupported(format!(
                    "iptables: match `-m {n}' is not supported by pathsim; supported matches: {SUPPORTED_MATCHES}"
                )))
            }
            n => {
                return param(format!(
                    "Couldn't load match `{n}':No such file or directory\n"
                ))
            }
        })
    }

    fn options(&self) -> &'static [&'static str] {
        match self {
            Pending::Tcp(_) => &[
                "source-port",
                "sport",
                "destination-port",
                "dport",
                "syn",
                "tcp-flags",
                "tcp-option",
            ],
            Pending::Udp(_) => &["source-port", "sport", "destination-port", "dport"],
            Pending::Icmp(_) => &["icmp-type"],
            Pending::Conntrack(_) => &[
                "ctstate",
                "ctproto",
                "ctorigsrc",
                "ctorigdst",
                "ctreplsrc",
                "ctrepldst",
                "ctorigsrcport",
                "ctorigdstport",
                "ctreplsrcport",
                "ctrepldstport",
                "ctstatus",
                "ctexpire",
                "ctdir",
            ],
            Pending::State(_) => &["state"],
            Pending::Mark(_) => &["mark"],
            Pending::Multiport(_) => &[
                "source-ports",
                "sports",
                "destination-ports",
                "dports",
                "ports",
            ],
            Pending::Addrtype(_) => &["src-type", "dst-type", "limit-iface-in", "limit-iface-out"],
            Pending::Comment(_) => &["comment"],
            Pending::Statistic { .. } => &["mode", "probability", "every", "packet"],
            Pending::Physdev(_) => &[
                "physdev-in",
                "physdev-out",
                "physdev-is-in",
                "physdev-is-out",
                "physdev-is-bridged",
            ],
            Pending::Ext(e) => e.options(),
        }
    }

    fn takes_arg(&self, opt: &str) -> bool {
        !matches!(
            opt,
            "syn"
                | "limit-iface-in"
                | "limit-iface-out"
                | "physdev-is-in"
                | "physdev-is-out"
                | "physdev-is-bridged"
        )
    }
}

/// A target being built from its options.
#[derive(Debug, Clone)]
enum PendingTarget {
    Plain(Target),
    Reject(Option<RejectWith>),
    Log {
        prefix: Option<String>,
        level: Option<u8>,
    },
    Mark(Option<(u32, u32)>),
    Connmark {
        mode: Option<ConnmarkMode>,
        nfmask: Option<u32>,
        ctmask: Option<u32>,
    },
    Nat(NatKind, NatRange),
    /// `-j CT`: whether `--notrack` was given.
    Ct(bool),
}

impl PendingTarget {
    fn options(&self) -> &'static [&'static str] {
        match self {
            PendingTarget::Plain(_) => &[],
            PendingTarget::Reject(_) => &["reject-with"],
            PendingTarget::Log { .. } => &[
                "log-level",
                "log-prefix",
                "log-tcp-sequence",
                "log-tcp-options",
                "log-ip-options",
                "log-uid",
                "log-macdecode",
            ],
            PendingTarget::Mark(_) => &["set-mark", "set-xmark", "and-mark", "or-mark", "xor-mark"],
            PendingTarget::Connmark { .. } => &[
                "set-mark",
                "set-xmark",
                "and-mark",
                "or-mark",
                "xor-mark",
                "save-mark",
                "restore-mark",
                "mask",
                "nfmask",
                "ctmask",
            ],
            PendingTarget::Nat(NatKind::Snat, ..) => {
                &["to-source", "random", "random-fully", "persistent"]
            }
            PendingTarget::Nat(NatKind::Dnat, ..) => &["to-destination", "random", "persistent"],
            PendingTarget::Nat(NatKind::Masquerade, ..) => &["to-ports", "random", "random-fully"],
            PendingTarget::Nat(NatKind::Redirect, ..) => &["to-ports", "random"],
            PendingTarget::Ct(_) => &[
                "notrack",
                "helper",
                "ctevents",
                "expevents",
                "zone-orig",
                "zone-reply",
                "zone",
                "timeout",
            ],
        }
    }

    fn takes_arg(opt: &str) -> bool {
        !matches!(
            opt,
            "random"
                | "notrack"
                | "random-fully"
                | "persistent"
                | "save-mark"
                | "restore-mark"
                | "log-tcp-sequence"
                | "log-tcp-options"
                | "log-ip-options"
                | "log-uid"
                | "log-macdecode"
        )
    }
}

/// The main options (`original_opts` of iptables), with whether they take an argument:
/// 0 none, 1 required, 2 optional.
const MAIN_LONG: &[(&str, char, u8)] = &[
    ("append", 'A', 1),
    ("delete", 'D', 1),
    ("check", 'C', 1),
    ("insert", 'I', 1),
    ("replace", 'R', 1),
    ("list", 'L', 2),
    ("list-rules", 'S', 2),
    ("flush", 'F', 2),
    ("zero", 'Z', 2),
    ("new-chain", 'N', 1),
    ("delete-chain", 'X', 2),
    ("rename-chain", 'E', 1),
    ("policy", 'P', 1),
    ("source", 's', 1),
    ("src", 's', 1),
    ("destination", 'd', 1),
    ("dst", 'd', 1),
    ("protocol", 'p', 1),
    ("in-interface", 'i', 1),
    ("jump", 'j', 1),
    ("table", 't', 1),
    ("match", 'm', 1),
    ("numeric", 'n', 0),
    ("out-interface", 'o', 1),
    ("verbose", 'v', 0),
    ("wait", 'w', 2),
    ("wait-interval", 'W', 2),
    ("exact", 'x', 0),
    ("fragments", 'f', 0),
    ("version", 'V', 0),
    ("help", 'h', 2),
    ("line-numbers", '0', 0),
    ("modprobe", 'M', 1),
    ("set-counters", 'c', 1),
    ("goto", 'g', 1),
    ("ipv4", '4', 0),
    ("ipv6", '6', 0),
];

fn short_arg(c: char) -> Option<u8> {
    Some(match c {
        'A' | 'C' | 'D' | 'R' | 'I' | 'N' | 'E' | 'P' | 'o' | 'p' | 's' | 'd' | 'j' | 'i' | 't'
        | 'm' | 'c' | 'g' | 'M' => 1,
        'L' | 'S' | 'F' | 'Z' | 'X' | 'w' | 'W' | 'h' => 2,
        'f' | 'b' | 'v' | 'n' | 'x' | 'V' | '4' | '6' => 0,
        _ => return None,
    })
}

/// Parses `iptables` arguments (without the program name). `restore_table` is set when the
/// line comes from an `iptables-restore` file (the table is the file's, `-t` is refused).
pub fn parse_command(args: &[String], restore_table: Option<TableId>) -> R<Command> {
    Parser::new(restore_table).run(args)
}

struct Parser {
    cmd: Option<Op>,
    table: Option<TableId>,
    restore: bool,
    chain: Option<String>,
    rulenum: Option<usize>,
    ip: IpSpec,
    seen_main: Vec<char>,
    matches: Vec<Pending>,
    implicit_loaded: bool,
    target: Option<PendingTarget>,
    goto: bool,
    has_spec: bool,
    verbose: bool,
    numeric: bool,
    exact: bool,
    line_numbers: bool,
    zero_after_list: bool,
    invert: bool,
}

impl Parser {
    fn new(restore_table: Option<TableId>) -> Parser {
        Parser {
            cmd: None,
            table: restore_table,
            restore: restore_table.is_some(),
            chain: None,
            rulenum: None,
            ip: IpSpec::default(),
            seen_main: Vec::new(),
            matches: Vec::new(),
            implicit_loaded: false,
            target: None,
            goto: false,
            has_spec: false,
            verbose: false,
            numeric: false,
            exact: false,
            line_numbers: false,
            zero_after_list: false,
            invert: false,
        }
    }

    fn run(mut self, args: &[String]) -> R<Command> {
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            i += 1;
            if a == "!" {
                if self.invert {
                    return param("multiple consecutive ! not allowed");
                }
                self.invert = true;
                continue;
            }
            if let Some(long) = a.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                i = self.long_option(name, inline, args, i)?;
            } else if a.len() > 1 && a.starts_with('-') {
                let mut chars = a[1..].chars();
                while let Some(c) = chars.next() {
                    let rest = chars.as_str();
                    match short_arg(c) {
                        None => return param(format!("unknown option \"{a}\"")),
                        Some(0) => self.main_option(c, None, args, &mut i)?,
                        Some(1) => {
                            // iptables' getopt hands the whole word over when the value is
                            // glued to the letter (`-s1.2.3.4` is the address "-s1.2.3.4").
                            let v = if rest.is_empty() {
                                self.required(args, &mut i, &format!("-{c}"))?
                            } else {
                                a.to_string()
                            };
                            self.main_option(c, Some(v), args, &mut i)?;
                            break;
                        }
                        Some(_) => {
                            self.main_option(c, None, args, &mut i)?;
                            if !rest.is_empty() && matches!(c, 'w' | 'W') {
                                break;
                            }
                        }
                    }
                }
            } else {
                return param(format!("Bad argument `{a}'"));
            }
        }
        if self.invert {
            return param("unexpected ! flag");
        }
        self.finish()
    }

    fn required(&self, args: &[String], i: &mut usize, opt: &str) -> R<String> {
        match args.get(*i) {
            Some(v) => {
                *i += 1;
                Ok(v.clone())
            }
            None => param(format!("option \"{opt}\" requires an argument")),
        }
    }

    /// The optional argument of -L/-S/-F/-Z/-X: the next word unless it is an option or `!`.
    fn optional(args: &[String], i: &mut usize) -> Option<String> {
        let v = args.get(*i)?;
        if v.starts_with('-') || v == "!" {
            return None;
        }
        *i += 1;
        Some(v.clone())
    }

    fn long_option(
        &mut self,
        name: &str,
        inline: Option<String>,
        args: &[String],
        mut i: usize,
    ) -> R<usize> {
        // Main options first (exact, then unique prefix among everything loaded).
        let ext = self.ext_options();
        let exact_main = MAIN_LONG.iter().find(|(n, _, _)| *n == name);
        let resolved: Option<Resolved> = if let Some(m) = exact_main {
            Some(Resolved::Main(m.1, m.2))
        } else if let Some(e) = ext.iter().find(|(n, _)| *n == name) {
            Some(Resolved::Ext(e.0, e.1))
        } else {
            let mains: Vec<_> = MAIN_LONG
                .iter()
                .filter(|(n, _, _)| n.starts_with(name))
                .collect();
            let exts: Vec<_> = ext.iter().filter(|(n, _)| n.starts_with(name)).collect();
            let distinct_main: Vec<char> = {
                let mut v: Vec<char> = mains.iter().map(|m| m.1).collect();
                v.dedup();
                v
            };
            match (distinct_main.len(), exts.len()) {
                (1, 0) => Some(Resolved::Main(mains[0].1, mains[0].2)),
                (0, 1) => Some(Resolved::Ext(exts[0].0, exts[0].1)),
                _ => None,
            }
        };
        match resolved {
            Some(Resolved::Main(c, kind)) => {
                let v = match kind {
                    1 => Some(match inline {
                        Some(v) => v,
                        None => self.required(args, &mut i, &format!("--{name}"))?,
                    }),
                    _ => inline,
                };
                self.main_option(c, v, args, &mut i)?;
                Ok(i)
            }
            Some(Resolved::Ext(opt, owner)) => {
                let v = if self.ext_takes_arg(owner, opt) {
                    Some(match inline {
                        Some(v) => v,
                        None => self.required(args, &mut i, &format!("--{opt}"))?,
                    })
                } else {
                    None
                };
                self.ext_option(owner, opt, v, args, &mut i)?;
                Ok(i)
            }
            None => {
                // The protocol's match, loaded on first use of one of its options.
                if !self.implicit_loaded {
                    if let Some(m) = self.implicit_match() {
                        self.implicit_loaded = true;
                        self.matches.push(m);
                        return self.long_option(name, inline, args, i);
                    }
                }
                param(format!("unknown option \"--{name}\""))
            }
        }
    }

    fn implicit_match(&self) -> Option<Pending> {
        if self.ip.proto_inv {
            return None;
        }
        match self.ip.proto {
            6 => Some(Pending::Tcp(Tcp::default())),
            17 => Some(Pending::Udp(Udp::default())),
            1 => Some(Pending::Icmp(None)),
            _ => None,
        }
    }

    /// Options of loaded extensions: (name, owner) where owner is a match index or
    /// `usize::MAX` for the target. Later matches are searched first, as getopt's merged
    /// option table has them.
    fn ext_options(&self) -> Vec<(&'static str, usize)> {
        let mut v = Vec::new();
        if let Some(t) = &self.target {
            v.extend(t.options().iter().map(|o| (*o, usize::MAX)));
        }
        for (k, m) in self.matches.iter().enumerate().rev() {
            for o in m.options() {
                if !v.iter().any(|(n, _)| n == o) {
                    v.push((*o, k));
                }
            }
        }
        v
    }

    fn ext_takes_arg(&self, owner: usize, opt: &str) -> bool {
        if owner == usize::MAX {
            PendingTarget::takes_arg(opt)
        } else {
            self.matches[owner].takes_arg(opt)
        }
    }

    fn set_cmd(&mut self, op: Op) -> R<()> {
        if let Some(old) = &self.cmd {
            return param(format!(
                "Cannot use -{} with -{}",
                op.letter(),
                old.letter()
            ));
        }
        self.cmd = Some(op);
        Ok(())
    }

    fn once(&mut self, c: char, what: &str) -> R<()> {
        if self.seen_main.contains(&c) {
            return param(format!("multiple {what} flags not allowed"));
        }
        self.seen_main.push(c);
        Ok(())
    }

    fn take_invert(&mut self) -> bool {
        std::mem::take(&mut self.invert)
    }

    fn main_option(&mut self, c: char, v: Option<String>, args: &[String], i: &mut usize) -> R<()> {
        let val = || v.clone().unwrap_or_default();
        match c {
            'A' | 'C' | 'I' | 'R' | 'D' => {
                let op = match c {
                    'A' => Op::Append,
                    'C' => Op::Check,
                    'I' => Op::Insert,
                    'R' => Op::Replace,
                    _ => Op::Delete,
                };
                self.set_cmd(op)?;
                self.chain = Some(val());
                match c {
                    'R' => {
                        let n = Self::optional(args, i)
                            .ok_or_else(|| NfError::Param("-R requires a rule number".into()))?;
                        self.rulenum = Some(rule_number(&n)?);
                    }
                    'I' | 'D' => {
                        if let Some(n) = args.get(*i).filter(|n| !n.starts_with('-') && *n != "!") {
                            if c == 'D' || n.parse::<i64>().is_ok() {
                                *i += 1;
                                self.rulenum = Some(rule_number(n)?);
                            }
                        }
                    }
                    _ => {}
                }
            }
            'L' | 'S' | 'F' | 'Z' | 'X' => {
                let op = match c {
                    'L' => Op::List,
                    'S' => Op::ListRules,
                    'F' => Op::Flush,
                    'Z' => Op::Zero,
                    _ => Op::DeleteChain,
                };
                if c == 'Z' && matches!(self.cmd, Some(Op::List | Op::ListRules)) {
                    self.zero_after_list = true;
                } else if matches!(c, 'L' | 'S') && self.cmd == Some(Op::Zero) {
                    self.cmd = Some(op);
                    self.zero_after_list = true;
                } else {
                    self.set_cmd(op)?;
                }
                if let Some(ch) = v.or_else(|| Self::optional(args, i)) {
                    self.chain = Some(ch);
                    if matches!(c, 'L' | 'S' | 'Z') {
                        if let Some(n) = Self::optional(args, i) {
                            self.rulenum = Some(rule_number(&n)?);
                        }
                    }
                }
            }
            'N' => {
                self.set_cmd(Op::NewChain)?;
                let n = val();
                check_chain_name(&n)?;
                self.chain = Some(n);
            }
            'E' => {
                let new = Self::optional(args, i).ok_or_else(|| {
                    NfError::Param("-E requires old-chain-name and new-chain-name".into())
                })?;
                check_chain_name(&new)?;
                self.set_cmd(Op::Rename(new))?;
                self.chain = Some(val());
            }
            'P' => {
                let pol = Self::optional(args, i)
                    .ok_or_else(|| NfError::Param("-P requires a chain and a policy".into()))?;
                self.set_cmd(Op::Policy(pol))?;
                self.chain = Some(val());
            }
            'V' => self.set_cmd(Op::Version)?,
            'h' => {
                return Err(NfError::Unsupported(
                    "iptables -h: the help text is not reproduced by pathsim".into(),
                ))
            }
            't' => {
                if self.restore {
                    return param(
                        "The -t option (seen in line 0) cannot be used in iptables-restore.\n",
                    );
                }
                let t = val();
                self.table = Some(TableId::parse(&t).ok_or_else(|| {
                    NfError::Fatal(
                        format!("table '{t}' does not exist\nPerhaps iptables or your kernel needs to be upgraded."),
                        3,
                    )
                })?);
            }
            's' | 'd' => {
                self.once(c, &format!("-{c}"))?;
                let inv = self.take_invert();
                let p = parse_addr(&val())?;
                self.has_spec = true;
                if c == 's' {
                    self.ip.src = p;
                    self.ip.src_inv = inv;
                } else {
                    self.ip.dst = p;
                    self.ip.dst_inv = inv;
                }
            }
            'p' => {
                self.once(c, "-p")?;
                let inv = self.take_invert();
                let s = val();
                let p = names::parse_proto(&s)
                    .ok_or_else(|| NfError::Param(format!("unknown protocol \"{s}\" specified")))?;
                if p == 0 && inv {
                    return param("rule would never match protocol");
                }
                self.ip.proto = p;
                self.ip.proto_inv = inv;
                self.has_spec = true;
            }
            'i' | 'o' => {
                self.once(c, &format!("-{c}"))?;
                let inv = self.take_invert();
                let name = val();
                if name.len() > 15 {
                    return param(format!(
                        "interface name `{name}' must be shorter than IFNAMSIZ (15)"
                    ));
                }
                let f = Some(Iface { name, inv });
                if c == 'i' {
                    self.ip.in_if = f;
                } else {
                    self.ip.out_if = f;
                }
                self.has_spec = true;
            }
            'f' => {
                self.once(c, "-f")?;
                self.ip.frag = Some(!self.take_invert());
                self.has_spec = true;
            }
            'j' | 'g' => {
                if self.take_invert() {
                    return param(format!("cannot have ! before -{c}"));
                }
                if self.target.is_some() {
                    return param("multiple -j flags not allowed");
                }
                self.goto = c == 'g';
                self.target = Some(load_target(&val(), c == 'g')?);
                self.has_spec = true;
            }
            'm' => {
                if self.take_invert() {
                    return param("unexpected ! flag before --match");
                }
                let name = val();
                let m = Pending::load(&name)?;
                if name == "tcp" || name == "udp" || name == "icmp" {
                    self.implicit_loaded = true;
                }
                self.matches.push(m);
                self.has_spec = true;
            }
            'c' => {
                // -c PKTS BYTES: counters for the new rule (kept as zero: nothing counts
                // before the rule exists in pathsim either way).
                let _bytes = self.required(args, i, "-c")?;
            }
            'v' => self.verbose = true,
            'n' => self.numeric = true,
            'x' => self.exact = true,
            '0' => self.line_numbers = true,
            'w' | 'W' => {
                if v.is_none() {
                    if let Some(n) = args.get(*i) {
                        if n.parse::<u64>().is_ok() {
                            *i += 1;
                        }
                    }
                }
            }
            '4' | 'b' | 'M' => {}
            '6' => return param("This is the IPv4 version of iptables.\n"),
            _ => return param(format!("unknown option \"-{c}\"")),
        }
        if self.invert && !matches!(c, 's' | 'd' | 'p' | 'i' | 'o' | 'f') {
            return param(format!("cannot have ! before -{c}"));
        }
        Ok(())
    }

    fn ext_option(
        &mut self,
        owner: usize,
        opt: &str,
        v: Option<String>,
        args: &[String],
        i: &mut usize,
    ) -> R<()> {
        let inv = self.take_invert();
        let v = v.unwrap_or_default();
        if owner == usize::MAX {
            let proto = (self.ip.proto, self.ip.proto_inv);
            let t = self.target.as_mut().expect("owner is the target");
            return target_option(t, opt, &v, inv, proto);
        }
        let proto = self.ip.proto;
        let proto_inv = self.ip.proto_inv;
        let m = &mut self.matches[owner];
        match_option(m, opt, &v, inv, proto, proto_inv, args, i)
    }

    fn finish(self) -> R<Command> {
        let Some(op) = self.cmd else {
            return param("no command specified");
        };
        let mut matches = Vec::new();
        for m in self.matches {
            matches.push(finish_match(m)?);
        }
        let target = match self.target {
            None => Target::None,
            Some(t) => finish_target(t)?,
        };
        if (matches!(op, Op::Append | Op::Check | Op::Insert | Op::Replace)
            || (op == Op::Delete && self.rulenum.is_none()))
            && self.chain.is_none()
        {
            return param("no chain specified");
        }
        let rule = Rule {
            ip: self.ip,
            matches,
            target,
            counters: Counters::default(),
        };
        Ok(Command {
            table: self.table.unwrap_or(TableId::Filter),
            op,
            chain: self.chain,
            rulenum: self.rulenum,
            rule,
            has_spec: self.has_spec,
            verbose: self.verbose,
            numeric: self.numeric,
            exact: self.exact,
            line_numbers: self.line_numbers,
            zero_after_list: self.zero_after_list,
        })
    }
}

enum Resolved {
    Main(char, u8),
    Ext(&'static str, usize),
}

fn rule_number(s: &str) -> R<usize> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => param(format!("Invalid rule number `{s}'")),
    }
}

fn check_chain_name(n: &str) -> R<()> {
    if n.len() > 28 {
        return param(format!(
            "chain name `{n}' too long (must be under 29 chars)"
        ));
    }
    if n.starts_with('-') {
        return param("chain name not allowed to start with `-'");
    }
    Ok(())
}

/// `xtables_ipparse_any`: `a.b.c.d[/len|/mask]` or `localhost` (no name resolution).
pub fn parse_addr(s: &str) -> R<Prefix> {
    let (host, mask) = match s.split_once('/') {
        Some((h, m)) => (h, Some(m)),
        None => (s, None),
    };
    let addr = if host == "localhost" {
        Ipv4Addr::LOCALHOST
    } else {
        parse_dotted(host)
            .ok_or_else(|| NfError::Param(format!("host/network `{host}' not found")))?
    };
    let len = match mask {
        None => 32,
        Some(m) => {
            if let Some(mk) = parse_dotted(m).filter(|_| m.contains('.')) {
                let bits = u32::from(mk);
                if bits.leading_ones() + bits.trailing_zeros() != 32 {
                    return param(format!("invalid mask `{m}' specified"));
                }
                bits.leading_ones() as u8
            } else {
                match m.parse::<u8>() {
                    Ok(n) if n <= 32 => n,
                    _ => return param(format!("invalid mask `{m}' specified")),
                }
            }
        }
    };
    Ok(Prefix::new(addr, len))
}

/// inet_aton-style dotted quad (iptables accepts only full dotted quads here).
fn parse_dotted(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 || parts.iter().any(|p| p.is_empty() || p.len() > 3) {
        return None;
    }
    let mut o = [0u8; 4];
    for (k, p) in parts.iter().enumerate() {
        o[k] = p.parse().ok()?;
    }
    Some(Ipv4Addr::from(o))
}

/// `strtoul(s, 0)`-style number: decimal, `0x` hex or leading-0 octal.
pub fn parse_u32(s: &str) -> Option<u32> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u32::from_str_radix(h, 16).ok()
    } else if s.len() > 1 && s.starts_with('0') {
        u32::from_str_radix(&s[1..], 8).ok()
    } else {
        s.parse().ok()
    }
}

/// `value[/mask]` (mask defaults to all ones).
fn parse_mark(s: &str) -> Option<(u32, u32)> {
    match s.split_once('/') {
        Some((v, m)) => Some((parse_u32(v)?, parse_u32(m)?)),
        None => Some((parse_u32(s)?, u32::MAX)),
    }
}

fn port(s: &str, proto: u8) -> R<u16> {
    names::parse_port(s, proto)
        .ok_or_else(|| NfError::Param(format!("invalid port/service `{s}' specified")))
}

/// `--sport a[:b]` (empty sides are 0 and 65535).
fn port_range(s: &str, proto: u8, inv: bool) -> R<PortRange> {
    let (lo, hi) = match s.split_once(':') {
        Some((a, b)) => (
            if a.is_empty() { 0 } else { port(a, proto)? },
            if b.is_empty() { 65535 } else { port(b, proto)? },
        ),
        None => {
            let p = port(s, proto)?;
            (p, p)
        }
    };
    Ok(PortRange { lo, hi, inv })
}

fn tcp_flags(s: &str) -> R<u8> {
    let mut f = 0u8;
    for w in s.split(',') {
        f |= match w {
            "FIN" => 0x01,
            "SYN" => 0x02,
            "RST" => 0x04,
            "PSH" => 0x08,
            "ACK" => 0x10,
            "URG" => 0x20,
            "ALL" => 0x3F,
            "NONE" => 0,
            _ => return param(format!("Unknown TCP flag `{w}'")),
        };
    }
    Ok(f)
}

fn ct_states(s: &str, word: &str, allow_nat: bool) -> R<u8> {
    let mut st = 0u8;
    for w in s.split(',') {
        let bit = names::CT_STATE_NAMES
            .iter()
            .find(|(n, _)| *n == w)
            .map(|(_, b)| *b)
            .filter(|b| allow_nat || *b & (super::CtState::SNAT | super::CtState::DNAT) == 0);
        match bit {
            Some(b) => st |= b,
            None => return param(format!("Bad {word} \"{w}\"")),
        }
    }
    Ok(st)
}

fn addr_types(s: &str) -> R<u16> {
    let mut m = 0u16;
    for w in s.split(',') {
        match names::ADDR_TYPES.iter().position(|n| *n == w) {
            Some(k) => m |= 1 << k,
            None => return param(format!("addrtype: bad type \"{w}\"")),
        }
    }
    Ok(m)
}

#[allow(clippy::too_many_arguments)]
fn match_option(
    m: &mut Pending,
    opt: &str,
    v: &str,
    inv: bool,
    proto: u8,
    proto_inv: bool,
    args: &[String],
    i: &mut usize,
) -> R<()> {
    match m {
        Pending::Tcp(t) => match opt {
            "source-port" | "sport" => t.sport = Some(port_range(v, 6, inv)?),
            "destination-port" | "dport" => t.dport = Some(port_range(v, 6, inv)?),
            "syn" => {
                if t.flags.is_some() {
                    return param("Only one of `--syn' or `--tcp-flags'  allowed");
                }
                t.flags = Some(TcpFlags {
                    mask: 0x17,
                    cmp: 0x02,
                    inv,
                });
            }
            "tcp-flags" => {
                if t.flags.is_some() {
                    return param("Only one of `--syn' or `--tcp-flags'  allowed");
                }
                let Some(cmp) = args.get(*i).filter(|a| !a.starts_with('-')) else {
                    return param("--tcp-flags requires two args.");
                };
                *i += 1;
                t.flags = Some(TcpFlags {
                    mask: tcp_flags(v)?,
                    cmp: tcp_flags(cmp)?,
                    inv,
                });
            }
            _ => {
                return Err(NfError::Unsupported(format!(
                    "iptables: option `--{opt}' of `-m tcp' is not supported by pathsim (supported: --sport, --dport, --tcp-flags, --syn)"
                )))
            }
        },
        Pending::Udp(u) => match opt {
            "source-port" | "sport" => u.sport = Some(port_range(v, 17, inv)?),
            _ => u.dport = Some(port_range(v, 17, inv)?),
        },
        Pending::Icmp(slot) => {
            let (ty, code_min, code_max) = if v == "any" {
                (0xFF, 0, 0xFF)
            } else if let Some(n) = names::icmp_by_name(v) {
                (n.ty, n.code_min, n.code_max)
            } else if let Some((t, c)) = v.split_once('/') {
                let t: u8 = t
                    .parse()
                    .map_err(|_| NfError::Param(format!("Unknown ICMP type `{v}'")))?;
                let c: u8 = c
                    .parse()
                    .map_err(|_| NfError::Param(format!("Unknown ICMP code `{v}'")))?;
                (t, c, c)
            } else {
                let t: u8 = v
                    .parse()
                    .map_err(|_| NfError::Param(format!("Unknown ICMP type `{v}'")))?;
                (t, 0, 0xFF)
            };
            *slot = Some(Icmp {
                ty,
                code_min,
                code_max,
                inv,
            });
        }
        Pending::Conntrack(slot) => {
            if opt != "ctstate" {
                return Err(NfError::Unsupported(format!(
                    "iptables: option `--{opt}' of `-m conntrack' is not supported by pathsim (supported: --ctstate)"
                )));
            }
            *slot = Some((ct_states(v, "ctstate", true)?, inv));
        }
        Pending::State(slot) => *slot = Some((ct_states(v, "state", false)?, inv)),
        Pending::Mark(slot) => {
            let (value, mask) = parse_mark(v).ok_or_else(|| {
                NfError::Param(
                    "mark: bad integer value for option \"--mark\", or out of range.\n".into(),
                )
            })?;
            *slot = Some((value, mask, inv));
        }
        Pending::Multiport(slot) => {
            if !matches!(proto, 6 | 17 | 33 | 132 | 136) || proto_inv {
                return param("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            }
            let kind = match opt {
                "source-ports" | "sports" => MultiportKind::Src,
                "destination-ports" | "dports" => MultiportKind::Dst,
                _ => MultiportKind::Any,
            };
            if let Some(old) = slot {
                let name = |k| match k {
                    MultiportKind::Src => "--source-ports",
                    MultiportKind::Dst => "--destination-ports",
                    MultiportKind::Any => "--ports",
                };
                return param(format!(
                    "multiport: option \"{}\" cannot be used together with \"{}\".\n",
                    name(kind),
                    name(old.kind)
                ));
            }
            let mut ports = Vec::new();
            let mut used = 0;
            for w in v.split(',') {
                let r = port_range(w, proto, false)?;
                used += if r.lo == r.hi && !w.contains(':') { 1 } else { 2 };
                if used > 15 {
                    return param("too many ports specified");
                }
                ports.push((r.lo, r.hi));
            }
            *slot = Some(Multiport { kind, ports, inv });
        }
        Pending::Addrtype(a) => match opt {
            "src-type" => {
                a.src = addr_types(v)?;
                a.src_inv = inv;
            }
            "dst-type" => {
                a.dst = addr_types(v)?;
                a.dst_inv = inv;
            }
            "limit-iface-in" => a.limit_in = true,
            _ => a.limit_out = true,
        },
        Pending::Comment(slot) => {
            if v.len() > 255 {
                return param("comment: option \"--comment\" value too long.\n");
            }
            *slot = Some(v.to_string());
        }
        Pending::Statistic {
            mode,
            prob,
            every,
            packet,
            inv: sinv,
        } => {
            *sinv |= inv;
            match opt {
                "mode" => {
                    if v != "random" && v != "nth" {
                        return param(format!("Bad mode \"{v}\""));
                    }
                    *mode = Some(v.to_string());
                }
                "probability" => {
                    let p: f64 = v.parse().ok().filter(|p| (0.0..=1.0).contains(p)).ok_or_else(
                        || {
                            NfError::Param(
                                "statistic: bad value for option \"--probability\", or out of range (0-1).\n"
                                    .into(),
                            )
                        },
                    )?;
                    *prob = Some((p * 2147483648.0).round() as u32);
                }
                "every" => {
                    *every = Some(v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        NfError::Param(
                            "statistic: bad value for option \"--every\", or out of range (1-4294967295).\n"
                                .into(),
                        )
                    })?)
                }
                _ => {
                    *packet = Some(v.parse().map_err(|_| {
                        NfError::Param(
                            "statistic: bad value for option \"--packet\", or out of range (0-4294967295).\n"
                                .into(),
                        )
                    })?)
                }
            }
        }
        Pending::Ext(e) => {
            let opt = e
                .options()
                .iter()
                .find(|o| **o == opt)
                .copied()
                .unwrap_or("");
            e.option(opt, v, inv)?;
        }
        Pending::Physdev(p) => match opt {
            "physdev-in" => {
                p.physin = Some(Iface {
                    name: v.to_string(),
                    inv,
                })
            }
            "physdev-out" => {
                p.physout = Some(Iface {
                    name: v.to_string(),
                    inv,
                })
            }
            "physdev-is-in" => p.is_in = Some(inv),
            "physdev-is-out" => p.is_out = Some(inv),
            _ => p.is_bridged = Some(inv),
        },
    }
    Ok(())
}

fn finish_match(m: Pending) -> R<Match> {
    Ok(match m {
        Pending::Tcp(t) => Match::Tcp(t),
        Pending::Udp(u) => Match::Udp(u),
        Pending::Icmp(i) => Match::Icmp(i.unwrap_or(Icmp {
            ty: 0xFF,
            code_min: 0,
            code_max: 0xFF,
            inv: false,
        })),
        Pending::Conntrack(c) => match c {
            Some((state, inv)) => Match::Conntrack { state, inv },
            None => return param("conntrack: At least one option is required"),
        },
        Pending::State(s) => match s {
            Some((state, inv)) => Match::State { state, inv },
            None => return param("state: option \"--state\" must be specified\n"),
        },
        Pending::Mark(m) => match m {
            Some((value, mask, inv)) => Match::Mark { value, mask, inv },
            None => return param("mark: option \"--mark\" must be specified\n"),
        },
        Pending::Multiport(m) => match m {
            Some(m) => Match::Multiport(m),
            None => return param("multiport expection an option"),
        },
        Pending::Addrtype(a) => {
            if a.src == 0 && a.dst == 0 {
                return param("addrtype: you must specify --src-type or --dst-type");
            }
            if a.limit_in && a.limit_out {
                return param(
                    "addrtype: you can't specify both --limit-iface-in and --limit-iface-out",
                );
            }
            Match::Addrtype(a)
        }
        Pending::Comment(c) => match c {
            Some(c) => Match::Comment(c),
            None => return param("comment: option \"--comment\" must be specified\n"),
        },
        Pending::Statistic {
            mode,
            prob,
            every,
            packet,
            inv,
        } => {
            let mode = match mode.as_deref() {
                Some("random") => {
                    if every.is_some() || packet.is_some() {
                        return param(
                            "statistic: --every and --packet are not valid in random mode",
                        );
                    }
                    StatMode::Random {
                        probability: prob.unwrap_or(0),
                    }
                }
                Some(_) => {
                    let Some(every) = every else {
                        return param(
                            "statistic: option \"--every\" also requires \"--packet\".\n",
                        );
                    };
                    let Some(packet) = packet else {
                        return param(
                            "statistic: option \"--every\" also requires \"--packet\".\n",
                        );
                    };
                    if packet >= every {
                        return param("statistic: --packet must be less than --every");
                    }
                    StatMode::Nth { every, packet }
                }
                None => return param("statistic: option \"--mode\" must be specified\n"),
            };
            Match::Statistic(Statistic::new(mode, inv))
        }
        Pending::Ext(e) => Match::Ext(e.finish()?),
        Pending::Physdev(p) => {
            if p == Physdev::default() {
                return param("PHYSDEV: no physdev option specified");
            }
            Match::Physdev(p)
        }
    })
}

fn load_target(name: &str, goto: bool) -> R<PendingTarget> {
    if goto {
        return Ok(PendingTarget::Plain(Target::Goto(name.to_string())));
    }
    Ok(match name {
        "ACCEPT" => PendingTarget::Plain(Target::Accept),
        "DROP" => PendingTarget::Plain(Target::Drop),
        "RETURN" => PendingTarget::Plain(Target::Return),
        "REJECT" => PendingTarget::Reject(None),
        "LOG" => PendingTarget::Log {
            prefix: None,
            level: None,
        },
        "MARK" => PendingTarget::Mark(None),
        "CONNMARK" => PendingTarget::Connmark {
            mode: None,
            nfmask: None,
            ctmask: None,
        },
        "SNAT" => PendingTarget::Nat(NatKind::Snat, NatRange::default()),
        "DNAT" => PendingTarget::Nat(NatKind::Dnat, NatRange::default()),
        "MASQUERADE" => PendingTarget::Nat(NatKind::Masquerade, NatRange::default()),
        "REDIRECT" => PendingTarget::Nat(NatKind::Redirect, NatRange::default()),
        "NOTRACK" => PendingTarget::Plain(Target::Notrack { alias: true }),
        "CT" => PendingTarget::Ct(false),
        n if KNOWN_TARGETS.contains(&n) => {
            return Err(NfError::Unsupported(format!(
                "iptables: target `-j {n}' is not supported by pathsim; supported targets: {SUPPORTED_TARGETS}"
            )))
        }
        n => PendingTarget::Plain(Target::Jump(n.to_string())),
    })
}

/// `a[-b]` of a NAT port range (`Invalid port:port syntax - use dash` for a colon).
fn nat_ports(s: &str) -> R<(u16, u16)> {
    if s.contains(':') {
        return param("Invalid port:port syntax - use dash");
    }
    let one = |p: &str| -> R<u16> {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n != 0 || p == "0")
            .ok_or_else(|| NfError::Param(format!("Port `{p}' not valid")))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            if b < a {
                return param(format!("Port range `{s}' invalid"));
            }
            Ok((a, b))
        }
        None => {
            let p = one(s)?;
            Ok((p, p))
        }
    }
}

fn port_proto_ok(proto: (u8, bool)) -> bool {
    matches!(proto.0, 6 | 17 | 33 | 132 | 136) && !proto.1
}

fn target_option(t: &mut PendingTarget, opt: &str, v: &str, inv: bool, proto: (u8, bool)) -> R<()> {
    if let PendingTarget::Ct(notrack) = t {
        if inv {
            return param(format!("CT: option \"--{opt}\" cannot be inverted.\n"));
        }
        if opt != "notrack" {
            return Err(NfError::Unsupported(format!(
                "iptables: option `--{opt}' of `-j CT' is not supported by pathsim (supported: --notrack)"
            )));
        }
        *notrack = true;
        return Ok(());
    }
    if inv {
        return param(format!("unexpected ! flag before --{opt}"));
    }
    let who = match t {
        PendingTarget::Connmark { .. } => "CONNMARK",
        _ => "MARK",
    };
    let mark_err = |o: &str| {
        NfError::Param(format!(
            "{who}: bad value for option \"--{o}\", or out of range (0-4294967295).\n"
        ))
    };
    match t {
        PendingTarget::Plain(_) | PendingTarget::Ct(_) => unreachable_opt(opt),
        PendingTarget::Reject(w) => {
            *w = Some(
                RejectWith::parse(v)
                    .ok_or_else(|| NfError::Param(format!("unknown reject type \"{v}\"")))?,
            );
            Ok(())
        }
        PendingTarget::Log { prefix, level } => match opt {
            "log-level" => {
                *level = Some(
                    names::parse_log_level(v)
                        .ok_or_else(|| NfError::Param(format!("log level \"{v}\" unknown\n")))?,
                );
                Ok(())
            }
            "log-prefix" => {
                if v.len() > 29 {
                    return param("Maximum prefix length 29 for --log-prefix
");
                }
                *prefix = Some(v.to_string());
                Ok(())
            }
            _ => Err(NfError::Unsupported(format!(
                "iptables: option `--{opt}' of `-j LOG' is not supported by pathsim (supported: --log-prefix, --log-level)"
            ))),
        },
        PendingTarget::Mark(slot) => {
            let e = || mark_err(opt);
            *slot = Some(match opt {
                "set-xmark" => parse_mark(v).ok_or_else(e)?,
                "set-mark" => parse_mark(v).ok_or_else(e)?,
                "and-mark" => (0, !parse_u32(v).ok_or_else(e)?),
                "or-mark" => {
                    let x = parse_u32(v).ok_or_else(e)?;
                    (x, x)
                }
                _ => (parse_u32(v).ok_or_else(e)?, 0),
            });
            Ok(())
        }
        PendingTarget::Connmark {
            mode,
            nfmask,
            ctmask,
        } => {
            let e = || mark_err(opt);
            match opt {
                "set-xmark" | "set-mark" => {
                    let (value, mask) = parse_mark(v).ok_or_else(e)?;
                    *mode = Some(ConnmarkMode::Set { value, mask });
                }
                "and-mark" => {
                    *mode = Some(ConnmarkMode::Set {
                        value: 0,
                        mask: !parse_u32(v).ok_or_else(e)?,
                    })
                }
                "or-mark" => {
                    let x = parse_u32(v).ok_or_else(e)?;
                    *mode = Some(ConnmarkMode::Set { value: x, mask: x });
                }
                "xor-mark" => {
                    *mode = Some(ConnmarkMode::Set {
                        value: parse_u32(v).ok_or_else(e)?,
                        mask: 0,
                    })
                }
                "save-mark" => {
                    *mode = Some(ConnmarkMode::Save {
                        nfmask: u32::MAX,
                        ctmask: u32::MAX,
                    })
                }
                "restore-mark" => {
                    *mode = Some(ConnmarkMode::Restore {
                        nfmask: u32::MAX,
                        ctmask: u32::MAX,
                    })
                }
                "mask" => {
                    let x = parse_u32(v).ok_or_else(e)?;
                    *nfmask = Some(x);
                    *ctmask = Some(x);
                }
                "nfmask" => *nfmask = Some(parse_u32(v).ok_or_else(e)?),
                _ => *ctmask = Some(parse_u32(v).ok_or_else(e)?),
            }
            Ok(())
        }
        PendingTarget::Nat(kind, range) => {
            match opt {
                "to-source" | "to-destination" => {
                    if range.addr.is_some() {
                        return param(format!(
                            "{}: Multiple --{opt} not supported",
                            if *kind == NatKind::Snat { "SNAT" } else { "DNAT" }
                        ));
                    }
                    let (addrs, ports) = match v.split_once(':') {
                        Some((a, p)) => (a, Some(p)),
                        None => (v, None),
                    };
                    let one = |a: &str| {
                        parse_dotted(a)
                            .ok_or_else(|| NfError::Param(format!("Bad IP address \"{a}\"")))
                    };
                    if !addrs.is_empty() {
                        range.addr = Some(match addrs.split_once('-') {
                            Some((a, b)) => (one(a)?, one(b)?),
                            None => {
                                let a = one(addrs)?;
                                (a, a)
                            }
                        });
                    }
                    if let Some(p) = ports {
                        if !port_proto_ok(proto) {
                            return param("Need TCP, UDP, SCTP or DCCP with port specification");
                        }
                        range.ports = Some(nat_ports(p)?);
                    }
                }
                "to-ports" => {
                    if !port_proto_ok(proto) {
                        return param("Need TCP, UDP, SCTP or DCCP with port specification");
                    }
                    range.ports = Some(nat_ports(v)?);
                }
                "random" => range.random = true,
                "random-fully" => range.random_fully = true,
                _ => range.persistent = true,
            }
            Ok(())
        }
    }
}

fn unreachable_opt(opt: &str) -> R<()> {
    param(format!("unknown option \"--{opt}\""))
}

fn finish_target(t: PendingTarget) -> R<Target> {
    Ok(match t {
        PendingTarget::Plain(t) => t,
        PendingTarget::Ct(true) => Target::Notrack { alias: false },
        PendingTarget::Ct(false) => {
            return Err(NfError::Unsupported(
                "iptables: `-j CT' without --notrack is not supported by pathsim".into(),
            ))
        }
        PendingTarget::Reject(w) => Target::Reject(w.unwrap_or(RejectWith::PortUnreachable)),
        PendingTarget::Log { prefix, level } => Target::Log {
            prefix,
            level: level.unwrap_or(4),
        },
        PendingTarget::Mark(m) => match m {
            Some((value, mask)) => Target::Mark { value, mask },
            None => {
                return param(
                    "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required",
                )
            }
        },
        PendingTarget::Connmark {
            mode,
            nfmask,
            ctmask,
        } => {
            let mode = match mode {
                Some(ConnmarkMode::Save { .. }) => ConnmarkMode::Save {
                    nfmask: nfmask.unwrap_or(u32::MAX),
                    ctmask: ctmask.unwrap_or(u32::MAX),
                },
                Some(ConnmarkMode::Restore { .. }) => ConnmarkMode::Restore {
                    nfmask: nfmask.unwrap_or(u32::MAX),
                    ctmask: ctmask.unwrap_or(u32::MAX),
                },
                Some(m) => m,
                None => return param("CONNMARK target: No operation specified"),
            };
            Target::Connmark(mode)
        }
        PendingTarget::Nat(kind, range) => {
            match kind {
                NatKind::Snat if range.addr.is_none() => {
                    return param("SNAT: option \"--to-source\" must be specified\n")
                }
                NatKind::Dnat if range.addr.is_none() && range.ports.is_none() => {
                    return param("DNAT: option \"--to-destination\" must be specified\n")
                }
                _ => {}
            }
            Target::Nat(kind, range)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> R<Command> {
        let v: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse_command(&v, None)
    }

    #[test]
    fn implicit_tcp_and_abbreviation() {
        let c =
            p("-t nat -A PREROUTING -i eth0 -p tcp --dport 80 -j REDIRECT --to-port 8080").unwrap();
        assert_eq!(c.table, TableId::Nat);
        assert_eq!(c.rule.matches.len(), 1);
        assert!(
            matches!(c.rule.target, Target::Nat(NatKind::Redirect, ref r) if r.ports == Some((8080, 8080)))
        );
    }

    #[test]
    fn seed_typo_is_a_host_error() {
        let e =
            p("-t nat -A PREROUTING -i eth0 -p tcp -dport -j REDIRECT --to-port 8080").unwrap_err();
        assert_eq!(e, NfError::Param("host/network `-dport' not found".into()));
    }

    #[test]
    fn errors() {
        assert_eq!(
            p("-A INPUT --dport 22").unwrap_err(),
            NfError::Param("unknown option \"--dport\"".into())
        );
        assert_eq!(
            p("-A INPUT -D INPUT").unwrap_err(),
            NfError::Param("Cannot use -D with -A".into())
        );
        assert_eq!(
            p("").unwrap_err(),
            NfError::Param("no command specified".into())
        );
        assert!(matches!(
            p("-A INPUT -m hashlimit").unwrap_err(),
            NfError::Unsupported(_)
        ));
        assert!(matches!(
            p("-A INPUT -m set").unwrap_err(),
            NfError::Unsupported(_)
        ));
    }
}
