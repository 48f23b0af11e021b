//! `bridge` (iproute2 6.1 `bridge/bridge.c`): global options and object dispatch with
//! iproute2's prefix matching, then [`link`] and [`fdb`]; and legacy `brctl` ([`brctl`],
//! bridge-utils 1.7).
//!
//! Errors of the `bridge` tool exit with status 255 (`exit(-1)`); kernel refusals print
//! `RTNETLINK answers: <strerror>`.

pub mod brctl;
pub mod fdb;
pub mod json;
pub mod link;
pub mod vxlan_fdb;

use super::{matches, Output};
use crate::model::{DevRef, IfIndex, NsId};
use crate::path::Sim;

/// Global options (`bridge [OPTIONS] OBJECT …`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Opts {
    pub json: bool,
    pub pretty: bool,
    pub details: bool,
    pub stats: bool,
}

/// `usage()` of `bridge`.
const USAGE: &str = "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -c[ompressvlans] -color -p[retty] -j[son] }";

/// A failed `bridge` command: the message, exit status 255.
pub fn fail(msg: impl Into<String>) -> Output {
    Output::err(msg, 255)
}

/// The STP port state the kernel reports with STP off (`br_stp_enable_port` /
/// `br_stp_disable_port`), as [`crate::path::bridge::br_port_state_sync`] stored it:
/// forwarding from the moment the bridge is up and the port running with an UP operstate
/// (its link event handled), else disabled. The packet path reads the same state.
pub fn port_state(sim: &Sim, ns: NsId, port: IfIndex) -> &'static str {
    let w = &sim.world;
    let d = w.dev(DevRef { ns, ifindex: port });
    let bridge_up = d
        .and_then(|d| d.master)
        .and_then(|m| w.dev(DevRef { ns, ifindex: m }))
        .is_some_and(|b| b.admin_up);
    let forwarding = d
        .and_then(|d| d.brport.as_ref())
        .is_some_and(|p| p.forwarding_since.is_some());
    if bridge_up && forwarding {
        "forwarding"
    } else {
        "disabled"
    }
}

/// `bridge ARGS…` in namespace `ns`.
pub fn run(sim: &mut Sim, mut ns: NsId, args: &[String]) -> Output {
    let mut opts = Opts::default();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') {
            break;
        }
        let opt = a
            .strip_prefix('-')
            .map_or(a.as_str(), |o| if o.starts_with('-') { o } else { a });
        let is = |word: &str| matches(opt, word);
        if is("-help") {
            return fail(USAGE);
        } else if is("-stats") || is("-statistics") {
            opts.stats = true;
        } else if is("-details") {
            opts.details = true;
        } else if is("-netns") {
            i += 1;
            let Some(name) = args.get(i) else {
                return fail("Command line is not complete. Try option \"help\"");
            };
            match sim.world.find_netns(name) {
                Some(id) => ns = id,
                None => {
                    return fail(format!(
                        "Cannot open network namespace \"{name}\": No such file or directory"
                    ))
                }
            }
        } else if is("-color") || opt.starts_with("-color=") {
        } else if is("-json") {
            opts.json = true;
        } else if is("-pretty") {
            opts.pretty = true;
        } else if is("-Version")
            || is("-oneline")
            || is("-timestamp")
            || is("-family")
            || is("-compressvlans")
            || is("-force")
            || is("-batch")
            || opt == "-4"
            || opt == "-6"
        {
            return Output::unsupported(format!(
                "bridge: option \"{a}\" is not supported by pathsim; supported: -d, -j, -p, -n NETNS"
            ));
        } else {
            return fail(format!("Option \"{a}\" is unknown, try \"bridge help\"."));
        }
        i += 1;
    }
    let Some(obj) = args.get(i) else {
        return fail(USAGE);
    };
    let rest = &args[i + 1..];
    if matches(obj, "link") {
        link::run(sim, ns, opts, rest)
    } else if matches(obj, "fdb") {
        fdb::run(sim, ns, opts, rest)
    } else if matches(obj, "mdb") || matches(obj, "monitor") {
        Output::unsupported(format!(
            "`bridge {obj}` is not supported by pathsim; supported objects: link, fdb, vlan show"
        ))
    } else if matches(obj, "vlan") {
        vlan(sim, ns, opts, rest)
    } else if matches(obj, "help") {
        fail(USAGE)
    } else {
        fail(format!("Object \"{obj}\" is unknown, try \"bridge help\"."))
    }
}

/// `bridge vlan [show [dev DEV]]`: VLAN filtering is not modelled, so no port has a VLAN and
/// the kernel's answer is the header alone (as it is with `vlan_filtering 0`).
fn vlan(sim: &Sim, ns: NsId, opts: Opts, args: &[String]) -> Output {
    let show = args
        .first()
        .is_none_or(|v| matches(v, "show") || matches(v, "list"));
    if !show || opts.details || opts.stats {
        return Output::unsupported("bridge vlan: only `bridge [-j] vlan [show [dev DEV]]` is supported (VLAN filtering is not modelled)");
    }
    if let [_, dev, name, ..] = args {
        if dev == "dev" && sim.world.ns(ns).ifindex_of(name).is_none() {
            return fail(format!("Cannot find device \"{name}\""));
        }
    }
    if opts.json {
        return Output::ok(json::render(&serde_json::json!([]), opts.pretty));
    }
    Output::ok("port              vlan-id  \n".into())
}

/// `brctl ARGS…` in namespace `ns`.
pub fn brctl(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    brctl::run(sim, ns, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(s: &mut Sim, line: &str) -> Output {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        run(s, 0, &args)
    }

    #[test]
    fn options_objects_and_errors() {
        let mut s = Sim::new(1);
        assert_eq!(sh(&mut s, "").stderr, format!("{USAGE}\n"));
        assert_eq!(
            sh(&mut s, "frob").stderr,
            "Object \"frob\" is unknown, try \"bridge help\".\n"
        );
        assert_eq!(
            sh(&mut s, "-x fdb").stderr,
            "Option \"-x\" is unknown, try \"bridge help\".\n"
        );
        assert_eq!(
            sh(&mut s, "-jp fdb").stderr,
            "Option \"-jp\" is unknown, try \"bridge help\".\n"
        );
        assert_eq!(
            sh(&mut s, "-n x link").stderr,
            "Cannot open network namespace \"x\": No such file or directory\n"
        );
        assert_eq!(sh(&mut s, "-j fdb").stdout, "[]\n");
        assert_eq!(sh(&mut s, "-json -pretty link").stdout, "[ ]\n");
        assert_eq!(sh(&mut s, "l").stdout, "");
        assert_eq!(
            sh(&mut s, "vlan show").stdout,
            "port              vlan-id  \n"
        );
        assert_eq!(sh(&mut s, "-j vlan").stdout, "[]\n");
        assert!(sh(&mut s, "mdb show").unsupported);
        s.world.add_netns(Some("x".into()));
        assert_eq!(sh(&mut s, "-netns x fdb"), Output::default());
    }
}
