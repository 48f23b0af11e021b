//! `ip netns`: add, del, list, exec (iproute2 `ipnetns.c`), on a private `/run/netns`.

use super::Opts;
use crate::cmd::{execute, matches, Output};
use crate::model::NsId;
use crate::path::Sim;
use crate::rtnl::link as rl;
use std::fmt::Write;

/// `ip netns …`.
pub fn run(sim: &mut Sim, ns: NsId, _opts: Opts, args: &[String]) -> Output {
    let Some(verb) = args.first() else {
        return list(sim, ns);
    };
    let rest = &args[1..];
    if matches(verb, "list") || verb == "ls" || matches(verb, "show") {
        list(sim, ns)
    } else if matches(verb, "add") {
        add(sim, rest)
    } else if matches(verb, "delete") {
        del(sim, rest)
    } else if matches(verb, "exec") {
        exec(sim, rest)
    } else {
        Output::unsupported(format!(
            "`ip netns {verb}` is not supported; supported: add, del, list, exec"
        ))
    }
}

/// Names in the order `readdir` returns them from the tmpfs `/run/netns` (newest first).
pub fn names_in_dir_order(sim: &Sim) -> Vec<(NsId, String)> {
    let mut v: Vec<(NsId, String)> = sim
        .world
        .netns_ids()
        .filter_map(|id| sim.world.ns(id).name.clone().map(|n| (id, n)))
        .collect();
    v.reverse();
    v
}

fn list(sim: &Sim, ns: NsId) -> Output {
    let mut out = String::new();
    for (id, name) in names_in_dir_order(sim) {
        match sim.world.ns(ns).netnsids.get(&id) {
            Some(nsid) => {
                let _ = writeln!(out, "{name} (id: {nsid})");
            }
            None => {
                let _ = writeln!(out, "{name}");
            }
        }
    }
    Output::ok(out)
}

fn add(sim: &mut Sim, args: &[String]) -> Output {
    let Some(name) = args.first() else {
        return Output::err("No netns name specified", 255);
    };
    if sim.world.find_netns(name).is_some() {
        return Output::err(
            format!("Cannot create namespace file \"/run/netns/{name}\": File exists"),
            1,
        );
    }
    sim.world.add_netns(Some(name.clone()));
    Output::default()
}

fn del(sim: &mut Sim, args: &[String]) -> Output {
    let Some(name) = args.first() else {
        return Output::err("No netns name specified", 255);
    };
    let Some(id) = sim.world.find_netns(name) else {
        return Output::err(
            format!(
                "Cannot remove namespace file \"/run/netns/{name}\": No such file or directory"
            ),
            1,
        );
    };
    rl::del_netns(&mut sim.world, id);
    for n in sim.world.netns.iter_mut().flatten() {
        n.netnsids.remove(&id);
    }
    Output::default()
}

fn exec(sim: &mut Sim, args: &[String]) -> Output {
    let Some(name) = args.first() else {
        return Output::err("No netns name specified", 255);
    };
    let Some(id) = sim.world.find_netns(name) else {
        return Output::err(
            format!("Cannot open network namespace \"{name}\": No such file or directory"),
            255,
        );
    };
    if args.len() < 2 {
        return Output::err("No command specified", 255);
    }
    execute(sim, id, &args[1..])
}
