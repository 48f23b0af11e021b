//! `conntrack` (conntrack-tools 1.4.7): list, count, delete and flush the connection
//! tracking table of the command's namespace.
//!
//! The tool writes its summary ("N flow entries have been shown.") to stderr, unbuffered,
//! and the entries to stdout, which is flushed at exit: through one pipe the summary comes
//! first. Entries are listed in the order they were confirmed (the kernel's order is its
//! hash table's; the verifier compares listings sorted).

use super::Output;
use crate::model::NsId;
use crate::netfilter::conntrack::{status, Conn, L4};
use crate::path::Sim;
use std::net::Ipv4Addr;

const TOOL: &str = "conntrack v1.4.7 (conntrack-tools)";

/// What `-L`/`-D` select entries by (all given ones must hold).
#[derive(Default)]
struct Filter {
    proto: Option<u8>,
    orig_src: Option<Ipv4Addr>,
    orig_dst: Option<Ipv4Addr>,
    reply_src: Option<Ipv4Addr>,
    reply_dst: Option<Ipv4Addr>,
    sport: Option<u16>,
    dport: Option<u16>,
}

impl Filter {
    fn matches(&self, c: &Conn) -> bool {
        let ports = c.orig.l4.ports();
        self.proto.is_none_or(|p| p == c.orig.l4.proto())
            && self.orig_src.is_none_or(|a| a == c.orig.src)
            && self.orig_dst.is_none_or(|a| a == c.orig.dst)
            && self.reply_src.is_none_or(|a| a == c.reply.src)
            && self.reply_dst.is_none_or(|a| a == c.reply.dst)
            && self
                .sport
                .is_none_or(|p| ports.is_some_and(|(s, _)| s == p))
            && self
                .dport
                .is_none_or(|p| ports.is_some_and(|(_, d)| d == p))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    List,
    Delete,
    Flush,
    Count,
}

/// `conntrack ARGS…` in namespace `ns`.
pub fn run(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let mut cmd = None;
    let mut filter = Filter::default();
    let mut extended = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage_error(&format!("option `{a}' requires an argument ({what})")))
        };
        let set = |c: Command, cmd: &mut Option<Command>| match cmd {
            Some(_) => Err(usage_error("Invalid parameters")),
            None => {
                *cmd = Some(c);
                Ok(())
            }
        };
        let step = match a.as_str() {
            "-L" | "--dump" => set(Command::List, &mut cmd),
            "-D" | "--delete" => set(Command::Delete, &mut cmd),
            "-F" | "--flush" => set(Command::Flush, &mut cmd),
            "-C" | "--count" => set(Command::Count, &mut cmd),
            "-p" | "--protonum" => value("protocol").and_then(|p| {
                protocol(&p)
                    .map(|n| filter.proto = Some(n))
                    .ok_or_else(|| usage_error(&format!("`{p}' unsupported protocol")))
            }),
            "-s" | "--src" | "--orig-src" => addr(value("address")).map(|x| filter.orig_src = x),
            "-d" | "--dst" | "--orig-dst" => addr(value("address")).map(|x| filter.orig_dst = x),
            "-r" | "--reply-src" => addr(value("address")).map(|x| filter.reply_src = x),
            "-q" | "--reply-dst" => addr(value("address")).map(|x| filter.reply_dst = x),
            "--sport" | "--orig-port-src" => port(value("port")).map(|x| filter.sport = x),
            "--dport" | "--orig-port-dst" => port(value("port")).map(|x| filter.dport = x),
            "-o" | "--output" => value("format").and_then(|f| match f.as_str() {
                "extended" => {
                    extended = true;
                    Ok(())
                }
                other => Err(Output::unsupported(format!(
                    "conntrack: output format `{other}' is not supported (supported: extended)"
                ))),
            }),
            "-E" | "--event" | "-S" | "--stats" | "-G" | "--get" | "-I" | "--create" | "-U"
            | "--update" => Err(Output::unsupported(format!(
                "conntrack {a} is not supported; supported: -L, -D, -F, -C with -p, -s, -d, \
                 -r, -q, --sport, --dport, -o extended"
            ))),
            other => Err(usage_error(&format!("unknown option `{other}'"))),
        };
        if let Err(o) = step {
            return o;
        }
    }
    let Some(cmd) = cmd else {
        return Output::unsupported(
            "conntrack without a command prints its help, which pathsim does not reproduce; \
             supported: -L, -D, -F, -C",
        );
    };
    let now = sim.world.now;
    let table = &mut sim.world.ns_mut(ns).conntrack;
    match cmd {
        Command::Flush => {
            table.flush();
            summary(
                String::new(),
                "connection tracking table has been emptied.".into(),
            )
        }
        Command::Count => Output::ok(format!("{}\n", table.live(now).count())),
        Command::List | Command::Delete => {
            let chosen: Vec<Conn> = table
                .live(now)
                .filter(|c| filter.matches(c))
                .cloned()
                .collect();
            let lines: String = chosen
                .iter()
                .map(|c| format!("{}\n", entry_line(c, now, extended)))
                .collect();
            let verb = if cmd == Command::List {
                "shown"
            } else {
                for c in &chosen {
                    table.remove(c.id);
                }
                "deleted"
            };
            summary(
                lines,
                format!("{} flow entries have been {verb}.", chosen.len()),
            )
        }
    }
}

/// The entries on stdout, the summary on stderr, written first.
fn summary(stdout: String, what: String) -> Output {
    let stderr = format!("{TOOL}: {what}\n");
    Output {
        interleaved: Some(format!("{stderr}{stdout}")),
        stdout,
        stderr,
        ..Default::default()
    }
}

fn usage_error(msg: &str) -> Output {
    Output::err(
        format!("{TOOL}: {msg}\nTry `conntrack -h' or 'conntrack --help' for more information."),
        2,
    )
}

fn protocol(p: &str) -> Option<u8> {
    match p {
        "icmp" => Some(1),
        "tcp" => Some(6),
        "udp" => Some(17),
        n => n.parse().ok(),
    }
}

fn addr(v: Result<String, Output>) -> Result<Option<Ipv4Addr>, Output> {
    let v = v?;
    v.parse()
        .map(Some)
        .map_err(|_| usage_error(&format!("Bad parameter `{v}'")))
}

fn port(v: Result<String, Output>) -> Result<Option<u16>, Output> {
    let v = v?;
    v.parse()
        .map(Some)
        .map_err(|_| usage_error(&format!("Bad parameter `{v}'")))
}

/// One line of `conntrack -L`: protocol name padded to 8, number, seconds left, the TCP
/// state, the original tuple, `[UNREPLIED]`, the reply tuple, `[ASSURED]`, mark and use.
pub fn entry_line(c: &Conn, now: u64, extended: bool) -> String {
    let (name, num) = match c.orig.l4 {
        L4::Tcp { .. } => ("tcp", 6),
        L4::Udp { .. } => ("udp", 17),
        L4::Icmp { .. } => ("icmp", 1),
        L4::Other { proto } => ("unknown", proto),
    };
    let secs = c.expires.saturating_sub(now) / 1_000_000_000;
    let mut s = if extended {
        "ipv4     2 ".to_string()
    } else {
        String::new()
    };
    s.push_str(&format!("{name:<8} {num} {secs} "));
    if let Some(t) = c.tcp {
        s.push_str(t.name());
        s.push(' ');
    }
    s.push_str(&format!("{} ", c.orig));
    if !c.has(status::SEEN_REPLY) {
        s.push_str("[UNREPLIED] ");
    }
    s.push_str(&format!("{} ", c.reply));
    if c.has(status::ASSURED) {
        s.push_str("[ASSURED] ");
    }
    s.push_str(&format!("mark={} use=1", c.mark));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netfilter::conntrack::{TcpState, Tuple};

    #[test]
    fn entry_lines_look_like_conntrack_tools() {
        let t = |s: &str, d: &str, sport, dport| Tuple {
            src: s.parse().unwrap(),
            dst: d.parse().unwrap(),
            l4: L4::Tcp { sport, dport },
        };
        let c = Conn {
            id: 1,
            orig: t("127.0.0.1", "127.0.0.1", 40696, 8080),
            reply: t("127.0.0.1", "127.0.0.1", 8080, 40696),
            status: status::SEEN_REPLY | status::ASSURED,
            tcp: Some(TcpState::TimeWait),
            expires: 120_000_000_000,
            mark: 0,
            stream_after: 0,
        };
        assert_eq!(
            entry_line(&c, 500_000_000, false),
            "tcp      6 119 TIME_WAIT src=127.0.0.1 dst=127.0.0.1 sport=40696 dport=8080 \
             src=127.0.0.1 dst=127.0.0.1 sport=8080 dport=40696 [ASSURED] mark=0 use=1"
        );
        let u = Conn {
            orig: Tuple {
                l4: L4::Udp {
                    sport: 5000,
                    dport: 53,
                },
                ..c.orig
            },
            reply: Tuple {
                l4: L4::Udp {
                    sport: 53,
                    dport: 5000,
                },
                ..c.reply
            },
            status: 0,
            tcp: None,
            expires: 30_000_000_000,
            ..c
        };
        assert_eq!(
            entry_line(&u, 0, true),
            "ipv4     2 udp      17 30 src=127.0.0.1 dst=127.0.0.1 sport=5000 dport=53 \
             [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 sport=53 dport=5000 mark=0 use=1"
        );
    }
}
