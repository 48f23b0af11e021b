//! The tools: each module parses its argv, applies the command to the world and prints what
//! the real tool prints (iproute2 6.1, iputils 20221126, procps sysctl, net-tools, OpenBSD
//! netcat 1.219).
//!
//! Every command runs in a namespace (`ip netns exec NS …` and `ip -n NS …` choose it). A
//! command or option the model does not support is reported as such (exit status 127 for an
//! unknown command), never silently ignored.

pub mod bridge;
pub mod conntrack;
pub mod ip;
pub mod iptables;
pub mod legacy;
pub mod nc;
mod nc_services;
pub mod ping;
pub mod sysctl;

use crate::model::NsId;
use crate::path::Sim;

/// What a command printed and its exit status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
    /// Set when the command or an option is outside what pathsim models (not a tool error).
    pub unsupported: bool,
    /// Both streams in the order they were written, when that is not stdout then stderr.
    pub interleaved: Option<String>,
}

impl Output {
    /// The output as a terminal shows it: stdout and stderr in the order the tool wrote them.
    pub fn combined(&self) -> String {
        match &self.interleaved {
            Some(s) => s.clone(),
            None => format!("{}{}", self.stdout, self.stderr),
        }
    }
}

impl Output {
    pub fn ok(stdout: String) -> Self {
        Output {
            stdout,
            ..Default::default()
        }
    }

    /// A tool error: `stderr` gets `msg` and a newline.
    pub fn err(msg: impl Into<String>, status: i32) -> Self {
        let mut stderr = msg.into();
        if !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        Output {
            stderr,
            status,
            ..Default::default()
        }
    }

    /// Something pathsim does not model: names it and what is supported.
    pub fn unsupported(msg: impl Into<String>) -> Self {
        let mut o = Output::err(msg, 127);
        o.unsupported = true;
        o
    }
}

/// The commands a scenario may use.
pub const SUPPORTED: &str =
    "ip, bridge, brctl, sysctl, iptables, iptables-save, iptables-restore, conntrack, ping, nc, \
     setsid -f nc -l, route, arp, ls, echo, modprobe, sleep";

/// Runs one command (argv without `sudo`) in namespace `ns`.
pub fn execute(sim: &mut Sim, ns: NsId, argv: &[String]) -> Output {
    let Some(cmd) = argv.first() else {
        return Output::default();
    };
    let args = &argv[1..];
    let out = run_tool(sim, ns, cmd, args);
    // What the kernel does after a configuration change: bridge port states, link events
    // (handled now if urgent, else later on the event queue) and IPv6 address configuration
    // follow the devices of the namespaces that changed.
    crate::rtnl::linkwatch::notify(sim);
    out
}

fn run_tool(sim: &mut Sim, ns: NsId, cmd: &str, args: &[String]) -> Output {
    match cmd {
        "ip" => ip::run(sim, ns, args),
        "bridge" => bridge::run(sim, ns, args),
        "brctl" => bridge::brctl(sim, ns, args),
        "sysctl" => sysctl::run(sim, ns, args),
        "ping" => ping::run(sim, ns, args),
        "nc" => nc::run(sim, ns, args),
        "setsid" => nc::setsid(sim, ns, args),
        "route" => legacy::route(sim, ns, args),
        "arp" => legacy::arp(sim, ns, args),
        "ls" => legacy::ls(sim, args),
        "echo" => legacy::echo(args),
        "modprobe" => {
            if sim.trace.enabled {
                let (now, label) = (sim.now(), sim.world.ns(ns).label().to_string());
                sim.trace.step(now, 0, &label, "-", "modprobe", crate::trace::Action::Consumed, || {
                    format!("{}: accepted, no effect (the modelled kernel has what it needs built in)", args.join(" "))
                });
            }
            legacy::modprobe(args)
        }
        "sleep" => legacy::sleep(sim, args),
        "conntrack" => conntrack::run(sim, ns, args),
        "iptables" => iptables::iptables(sim, ns, args),
        "iptables-save" => iptables::save(sim, ns, args),
        "iptables-restore" => iptables::restore_cmd(sim, ns, args),
        "ip6tables" | "nft" => {
            Output::unsupported(format!(
                "`{cmd}` is not supported yet (netfilter is a later issue); supported commands: {SUPPORTED}"
            ))
        }
        other => Output::unsupported(format!(
            "command `{other}` is not supported in scenarios; supported commands: {SUPPORTED}"
        )),
    }
}

/// iproute2's `matches(arg, word)`: `arg` is a non-empty prefix of `word`.
pub fn matches(arg: &str, word: &str) -> bool {
    !arg.is_empty() && word.starts_with(arg)
}
