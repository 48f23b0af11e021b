//! `ip` (iproute2 6.1): global options, object dispatch with iproute2's prefix matching, and
//! one module per object.

pub mod addr;
pub mod addr_filter;
pub mod getlink;
pub mod link;
pub mod link_fmt;
pub mod link_parse;
pub mod link_vxlan;
pub mod neigh;
pub mod netns;
pub mod route;
pub mod route_fmt;
pub mod route_get;
pub mod route_metrics;
pub mod rule;

use super::{matches, Output};
use crate::model::NsId;
use crate::path::Sim;

/// Global options (`ip [OPTIONS] OBJECT …`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Opts {
    pub json: bool,
    pub pretty: bool,
    pub brief: bool,
    pub details: bool,
    pub stats: bool,
    /// `-s -s`: error breakdowns too.
    pub stats_detailed: bool,
    pub family4: bool,
    pub family6: bool,
    pub oneline: bool,
}

/// `ip ARGS…` in namespace `ns`.
pub fn run(sim: &mut Sim, mut ns: NsId, args: &[String]) -> Output {
    let mut opts = Opts::default();
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') && args[i].len() > 1 {
        let a = args[i].trim_start_matches('-');
        match a {
            _ if matches(a, "netns") || a == "n" => {
                let Some(name) = args.get(i + 1) else {
                    return Output::err("No netns name specified", 255);
                };
                match sim.world.find_netns(name) {
                    Some(id) => ns = id,
                    None => {
                        return Output::err(
                            format!("Cannot open network namespace \"{name}\": No such file or directory"),
                            255,
                        )
                    }
                }
                i += 1;
            }
            "j" | "json" => opts.json = true,
            "p" | "pretty" => opts.pretty = true,
            "4" => opts.family4 = true,
            "6" => opts.family6 = true,
            _ if a == "br" || matches(a, "brief") && a.len() >= 2 => opts.brief = true,
            _ if matches(a, "details") => opts.details = true,
            _ if matches(a, "statistics") || matches(a, "stats") => {
                opts.stats_detailed = opts.stats;
                opts.stats = true;
            }
            _ if matches(a, "oneline") => opts.oneline = true,
            "c" | "color" | "color=never" | "color=auto" => {}
            _ => {
                return Output::unsupported(format!(
                    "ip: option \"{}\" is not supported by pathsim; supported: -n/-netns, -j/-json, -p, -4, -6, -br/-brief, -d/-details, -s, -o",
                    args[i]
                ))
            }
        }
        i += 1;
    }
    let rest = &args[i..];
    let Some(obj) = rest.first() else {
        return Output::err(
            "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename",
            255,
        );
    };
    let sub = &rest[1..];
    // Object table in iproute2's order: the first entry the argument is a prefix of wins.
    let objects = [
        "address",
        "addrlabel",
        "maddress",
        "route",
        "rule",
        "neighbor",
        "neighbour",
        "ntable",
        "ntbl",
        "link",
        "l2tp",
        "fou",
        "ila",
        "macsec",
        "tunnel",
        "tunl",
        "tuntap",
        "tap",
        "token",
        "tcpmetrics",
        "tcp_metrics",
        "monitor",
        "xfrm",
        "mroute",
        "mrule",
        "netns",
        "netconf",
        "vrf",
        "sr",
        "nexthop",
        "mptcp",
        "ioam",
        "stats",
        "help",
    ];
    let Some(found) = objects.iter().find(|o| matches(obj, o)) else {
        return Output::err(format!("Object \"{obj}\" is unknown, try \"ip help\"."), 1);
    };
    // `rtnl_getlink` handles a pending link event of each device looked up by name.
    for name in getlink::names(found, sub) {
        if let Some(ifindex) = dev_index(sim, ns, name) {
            crate::rtnl::linkwatch::linkwatch_sync_dev(sim, crate::model::DevRef { ns, ifindex });
        }
    }
    match *found {
        "address" => addr::run(sim, ns, opts, sub),
        "route" => route::run(sim, ns, opts, sub),
        "rule" => rule::run(sim, ns, opts, sub),
        "neighbor" | "neighbour" => neigh::run(sim, ns, opts, sub),
        "link" => link::run(sim, ns, opts, sub),
        "netns" => netns::run(sim, ns, opts, sub),
        other => Output::unsupported(format!(
            "`ip {other}` is not supported by pathsim; supported objects: link, address, route, rule, neighbour, netns"
        )),
    }
}

/// `Cannot find device "X"` (iproute2's `ll_name_to_index` failure), exit 1.
pub fn no_device(name: &str) -> Output {
    Output::err(format!("Cannot find device \"{name}\""), 1)
}

/// Looks a device up by name in `ns`.
pub fn dev_index(sim: &Sim, ns: NsId, name: &str) -> Option<crate::model::IfIndex> {
    sim.world.ns(ns).ifindex_of(name)
}

/// An argument iproute2 does not know at this point.
pub fn garbage(word: &str, hint: &str) -> Output {
    Output::err(
        format!("Error: either \"{hint}\" is duplicate, or \"{word}\" is a garbage."),
        255,
    )
}

/// Takes the value after a keyword, or the iproute2 error for a missing argument.
/// iproute2's `invarg(msg, arg)`: `Error: argument "ARG" is wrong: MSG`, exit 255.
pub fn invarg(arg: &str, msg: &str) -> Output {
    Output::err(format!("Error: argument \"{arg}\" is wrong: {msg}"), 255)
}

/// [`invarg`] for the many iproute2 messages that end with their own newline: an empty line
/// follows.
pub fn invarg_nl(arg: &str, msg: &str) -> Output {
    Output::err(
        format!("Error: argument \"{arg}\" is wrong: {msg}\n\n"),
        255,
    )
}

pub fn next_arg<'a>(args: &'a [String], i: &mut usize) -> Result<&'a str, Output> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| Output::err("Command line is not complete. Try option \"help\"", 255))
}

/// Serializes JSON the way iproute2 prints it: compact on one line, or with `-p` in the
/// layout of its `json_writer.c` (four-space indent, arrays opened as `[ `, their items on
/// one line).
pub fn json_out(v: &serde_json::Value, opts: Opts) -> String {
    if opts.pretty {
        let mut w = PrettyJson::default();
        w.value(v);
        format!("{}\n", w.out)
    } else {
        format!("{}\n", v)
    }
}

/// A port of iproute2's pretty `json_writer`: separators and line ends are emitted lazily.
#[derive(Default)]
struct PrettyJson {
    out: String,
    depth: usize,
    sep: Option<char>,
}

impl PrettyJson {
    fn eor(&mut self) {
        if let Some(c) = self.sep {
            self.out.push(c);
        }
    }

    fn eol(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    fn value(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Object(m) => {
                self.eor();
                self.out.push('{');
                self.depth += 1;
                self.sep = None;
                for (k, x) in m {
                    self.eor();
                    self.eol();
                    self.sep = None;
                    self.out.push_str(&Value::String(k.clone()).to_string());
                    self.out.push_str(": ");
                    self.value(x);
                }
                self.depth -= 1;
                if self.sep.is_some() {
                    self.eol();
                }
                self.out.push('}');
                self.sep = Some(',');
            }
            Value::Array(a) => {
                self.eor();
                self.out.push_str("[ ");
                self.depth += 1;
                self.sep = None;
                for x in a {
                    self.value(x);
                }
                if self.sep.is_some() {
                    self.out.push(' ');
                }
                self.depth -= 1;
                self.out.push(']');
                self.sep = Some(',');
            }
            scalar => {
                self.eor();
                self.out.push_str(&scalar.to_string());
                self.sep = Some(',');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_json_matches_iproute2_layout() {
        let v = serde_json::json!([{"ifindex": 2, "flags": ["UP", "LOWER_UP"], "empty": []}]);
        let o = Opts {
            pretty: true,
            json: true,
            ..Opts::default()
        };
        assert_eq!(
            json_out(&v, o),
            "[ {\n        \"ifindex\": 2,\n        \"flags\": [ \"UP\",\"LOWER_UP\" ],\n        \"empty\": [ ]\n    } ]\n"
        );
    }
}
