//! Legacy `brctl` (bridge-utils 1.7): `addbr`, `delbr`, `addif`, `delif`, `show`,
//! `showmacs`, `stp BR off`, `setageing`, with its messages and exit status 1 on error.
//!
//! brctl reads bridges through sysfs when `/sys` belongs to the namespace (as after
//! `ip netns exec`, which remounts it) and through ioctls otherwise (the initial namespace of
//! a sandbox, whose `/sys` is the host's). The two list differently: via sysfs bridges and
//! ports in name order (`scandir` + `alphasort`), via ioctls bridges in ifindex order and
//! ports in port-number order. Scenario commands in the initial namespace take the ioctl
//! path, commands in a named namespace the sysfs path.

use super::fdb::live_entries;
use crate::cmd::Output;
use crate::model::device::Bridge;
use crate::model::{Device, IfIndex, NsId};
use crate::path::Sim;
use std::fmt::Write;

/// Commands: name, help text, number of arguments.
const COMMANDS: &[(&str, &str, usize)] = &[
    ("addbr", "<bridge>\t\tadd bridge", 1),
    ("delbr", "<bridge>\t\tdelete bridge", 1),
    ("addif", "<bridge> <device>\tadd interface to bridge", 2),
    (
        "delif",
        "<bridge> <device>\tdelete interface from bridge",
        2,
    ),
    (
        "hairpin",
        "<bridge> <port> {on|off}\tturn hairpin on/off",
        3,
    ),
    ("setageing", "<bridge> <time>\t\tset ageing time", 2),
    ("setbridgeprio", "<bridge> <prio>\t\tset bridge priority", 2),
    ("setfd", "<bridge> <time>\t\tset bridge forward delay", 2),
    ("sethello", "<bridge> <time>\t\tset hello time", 2),
    ("setmaxage", "<bridge> <time>\t\tset max message age", 2),
    ("setpathcost", "<bridge> <port> <cost>\tset path cost", 3),
    (
        "setportprio",
        "<bridge> <port> <prio>\tset port priority",
        3,
    ),
    ("show", "[ <bridge> ]\t\tshow a list of bridges", 0),
    ("showmacs", "<bridge>\t\tshow a list of mac addrs", 1),
    ("showstp", "<bridge>\t\tshow bridge stp info", 1),
    ("stp", "<bridge> {on|off}\tturn stp on/off", 2),
];

/// `help()`: printed on stdout.
fn usage() -> String {
    let mut s = String::from("Usage: brctl [commands]\ncommands:\n");
    for (name, help, _) in COMMANDS {
        let _ = writeln!(s, "\t{name:<10}\t{help}");
    }
    s
}

/// An error exit: stderr `msg`, stdout `out`, status 1.
fn fail(out: String, msg: String) -> Output {
    let mut o = Output::err(msg, 1);
    o.stdout = out;
    o
}

/// `brctl ARGS…`.
pub fn run(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let Some(cmd) = args.first() else {
        return fail(usage(), String::new());
    };
    if args.iter().any(|a| a.starts_with('-')) {
        return Output::unsupported("brctl: options are not supported by pathsim");
    }
    let Some(&(name, help, argc)) = COMMANDS.iter().find(|c| c.0 == cmd) else {
        return fail(usage(), format!("never heard of command [{cmd}]"));
    };
    let rest: Vec<&str> = args[1..].iter().map(String::as_str).collect();
    if rest.len() < argc {
        return fail(
            format!("Incorrect number of arguments for command\nUsage: brctl {name} {help}\n"),
            String::new(),
        );
    }
    match name {
        "addbr" => addbr(sim, ns, rest[0]),
        "delbr" => delbr(sim, ns, rest[0]),
        "addif" => addif(sim, ns, rest[0], &rest[1..]),
        "delif" => delif(sim, ns, rest[0], &rest[1..]),
        "show" => show(sim, ns, &rest),
        "showmacs" => showmacs(sim, ns, rest[0]),
        "stp" => stp(sim, ns, rest[0], rest[1]),
        "setageing" => setageing(sim, ns, rest[0], rest[1]),
        other => Output::unsupported(format!(
            "brctl {other} is not supported by pathsim; supported: addbr, delbr, addif, delif, show, showmacs, stp BR off, setageing"
        )),
    }
}

/// `dev_valid_name`: what `SIOCBRADDBR` accepts (after truncation to `IFNAMSIZ - 1`).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(|c: char| c == '/' || c == ':' || c.is_whitespace())
}

/// The change as `ip link` makes it, so a bridge made or changed by brctl has exactly the
/// side effects (multicast lists, IPv6 link-local addresses, routes) of one made by `ip`: the
/// ioctl and the rtnetlink request end in the same kernel functions (`br_add_bridge` /
/// `br_dev_newlink`, `br_add_if`, `br_del_if`, `br_dev_delete`).
fn ip_link(sim: &mut Sim, ns: NsId, words: &[&str]) -> Output {
    let argv: Vec<String> = ["ip", "link"]
        .iter()
        .chain(words)
        .map(|w| w.to_string())
        .collect();
    crate::cmd::execute(sim, ns, &argv)
}

/// The brctl error for a change `ip link` refused (checks above make this rare), or success.
fn after_ip(o: Output, msg: impl FnOnce(&str) -> String) -> Output {
    if o.status == 0 {
        return Output::default();
    }
    if o.unsupported {
        return o;
    }
    let why = o
        .stderr
        .trim_end()
        .rsplit(": ")
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_string();
    fail(String::new(), msg(&why))
}

/// `br_add_bridge` (`SIOCBRADDBR`).
fn addbr(sim: &mut Sim, ns: NsId, name: &str) -> Output {
    let name: String = name.chars().take(15).collect();
    if !valid_name(&name) {
        return fail(String::new(), "add bridge failed: Invalid argument".into());
    }
    if sim.world.ns(ns).dev_by_name(&name).is_some() {
        return fail(
            String::new(),
            format!("device {name} already exists; can't create bridge with the same name"),
        );
    }
    let o = ip_link(sim, ns, &["add", &name, "type", "bridge"]);
    after_ip(o, |why| format!("add bridge failed: {why}"))
}

/// `br_del_bridge` (`SIOCBRDELBR`).
fn delbr(sim: &mut Sim, ns: NsId, name: &str) -> Output {
    let Some(d) = sim.world.ns(ns).dev_by_name(name) else {
        return fail(
            String::new(),
            format!("bridge {name} doesn't exist; can't delete it"),
        );
    };
    if !d.is_bridge() {
        return fail(
            String::new(),
            format!("can't delete bridge {name}: Operation not permitted"),
        );
    }
    if d.admin_up {
        return fail(
            String::new(),
            format!("bridge {name} is still up; can't delete it"),
        );
    }
    let o = ip_link(sim, ns, &["del", name]);
    after_ip(o, |why| format!("can't delete bridge {name}: {why}"))
}

/// Resolves the bridge and the interface of `addif` / `delif`, with brctl's `ENODEV` and
/// `EOPNOTSUPP` messages (`verb` is `add` or `delete`, `prep` `to` or `from`).
fn bridge_and_port<'a>(
    sim: &'a Sim,
    ns: NsId,
    br: &str,
    ifname: &str,
    what: (&str, &str),
) -> Result<(&'a Device, &'a Device), Output> {
    let n = sim.world.ns(ns);
    let Some(port) = n.dev_by_name(ifname) else {
        return Err(fail(
            String::new(),
            format!("interface {ifname} does not exist!"),
        ));
    };
    let Some(b) = n.dev_by_name(br) else {
        return Err(fail(String::new(), format!("bridge {br} does not exist!")));
    };
    if !b.is_bridge() {
        let (verb, prep) = what;
        return Err(fail(
            String::new(),
            format!("can't {verb} {ifname} {prep} {br}: Operation not supported"),
        ));
    }
    Ok((b, port))
}

/// `br_add_if` (`SIOCBRADDIF`) for each interface, stopping at the first error.
fn addif(sim: &mut Sim, ns: NsId, br: &str, ifnames: &[&str]) -> Output {
    for ifname in ifnames {
        let p = match bridge_and_port(sim, ns, br, ifname, ("add", "to bridge")) {
            Ok((_, p)) => p,
            Err(o) => return o,
        };
        let msg = if p.is_loopback() || !p.mac.is_valid_ether() {
            Some(format!(
                "can't add {ifname} to bridge {br}: Invalid argument"
            ))
        } else if p.is_bridge() {
            Some(format!("device {ifname} is a bridge device itself; can't add a bridge device to a bridge device."))
        } else if p.master.is_some() {
            Some(format!(
                "device {ifname} is already a member of a bridge; can't add it to bridge {br}."
            ))
        } else {
            None
        };
        if let Some(m) = msg {
            return fail(String::new(), m);
        }
        let o = ip_link(sim, ns, &["set", ifname, "master", br]);
        if o.status != 0 {
            return after_ip(o, |why| format!("can't add {ifname} to bridge {br}: {why}"));
        }
    }
    Output::default()
}

/// `br_del_if` (`SIOCBRDELIF`) for each interface, stopping at the first error.
fn delif(sim: &mut Sim, ns: NsId, br: &str, ifnames: &[&str]) -> Output {
    for ifname in ifnames {
        let (b, p) = match bridge_and_port(sim, ns, br, ifname, ("delete", "from")) {
            Ok((b, p)) => (b.ifindex, p),
            Err(o) => return o,
        };
        if p.master != Some(b) {
            return fail(
                String::new(),
                format!("device {ifname} is not a port of {br}"),
            );
        }
        let o = ip_link(sim, ns, &["set", ifname, "nomaster"]);
        if o.status != 0 {
            return after_ip(o, |why| format!("can't delete {ifname} from {br}: {why}"));
        }
    }
    Output::default()
}

/// Whether brctl reads this namespace through sysfs (see the module notes).
fn via_sysfs(ns: NsId) -> bool {
    ns != 0
}

/// The bridge id as brctl prints it: priority, then the address the bridge id holds, which
/// is all zeros until a port joins or the user sets an address (`br_stp_recalculate_bridge_id`
/// takes the lowest port address, or zeros once the last port leaves).
fn bridge_id(d: &Device, b: &Bridge) -> String {
    let m = if b.mac_set || !b.ports.is_empty() {
        d.mac.0
    } else {
        [0; 6]
    };
    let hex: String = m.iter().map(|x| format!("{x:02x}")).collect();
    format!("{:04x}.{hex}", b.priority)
}

/// One bridge's lines of `brctl show`.
fn show_bridge(sim: &Sim, ns: NsId, d: &Device, b: &Bridge) -> String {
    let n = sim.world.ns(ns);
    let mut ports: Vec<&Device> = b.ports.iter().filter_map(|p| n.devices.get(p)).collect();
    if via_sysfs(ns) {
        ports.sort_by(|x, y| x.name.cmp(&y.name));
    } else {
        ports.sort_by_key(|p| p.brport.as_ref().map_or(0, |x| x.port_no));
    }
    let stp = if b.stp_state != 0 { "yes" } else { "no" };
    let mut s = format!("{}\t\t{}\t{stp}\t\t", d.name, bridge_id(d, b));
    let mut names = ports.iter().map(|p| p.name.as_str());
    let _ = writeln!(s, "{}", names.next().unwrap_or(""));
    for name in names {
        let _ = writeln!(s, "\t\t\t\t\t\t\t{name}");
    }
    s
}

/// `brctl show [BRIDGE…]`: the header comes with the first bridge printed.
fn show(sim: &Sim, ns: NsId, names: &[&str]) -> Output {
    const HEADER: &str = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
    let n = sim.world.ns(ns);
    let mut out = String::new();
    let mut err = String::new();
    let mut bridges: Vec<&Device> = Vec::new();
    if names.is_empty() {
        bridges = n.devices.values().filter(|d| d.is_bridge()).collect();
        if via_sysfs(ns) {
            bridges.sort_by(|x, y| x.name.cmp(&y.name));
        }
    } else {
        for name in names {
            match n.dev_by_name(name) {
                None => {
                    let _ = writeln!(err, "bridge {name} does not exist!");
                }
                Some(d) if !d.is_bridge() => {
                    let _ = writeln!(err, "device {name} is not a bridge!");
                }
                Some(d) => bridges.push(d),
            }
        }
    }
    for d in bridges {
        if out.is_empty() {
            out.push_str(HEADER);
        }
        if let Some(b) = d.bridge() {
            out.push_str(&show_bridge(sim, ns, d, b));
        }
    }
    Output {
        stdout: out,
        status: i32::from(!err.is_empty()),
        stderr: err,
        ..Default::default()
    }
}

/// `brctl showmacs BRIDGE`: the entries behind ports, sorted by address; the timer is the
/// time since the last update for learned entries (`br_fdb_fillbuf`), 0 for static ones.
fn showmacs(sim: &Sim, ns: NsId, br: &str) -> Output {
    let n = sim.world.ns(ns);
    let b = match n.dev_by_name(br) {
        None => {
            return fail(
                String::new(),
                "read of forward table failed: No such device".into(),
            )
        }
        Some(d) if !d.is_bridge() => {
            return fail(
                String::new(),
                "read of forward table failed: Operation not supported".into(),
            )
        }
        Some(d) => d.ifindex,
    };
    let now = sim.now();
    let mut entries = live_entries(n, b, now);
    entries.retain(|e| e.port.is_some());
    entries.sort_by_key(|e| e.mac);
    let mut out = String::from("port no\tmac addr\t\tis local?\tageing timer\n");
    for e in entries {
        let port_no = e
            .port
            .and_then(|p| n.devices.get(&p))
            .and_then(|d| d.brport.as_ref())
            .map_or(0, |p| p.port_no);
        // jiffies (HZ 250) since the update, as clock_t (1/100 s).
        let centis = if e.is_static || e.local {
            0
        } else {
            now.saturating_sub(e.updated) / 4_000_000 * 2 / 5
        };
        let local = if e.local { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "{port_no:>3}\t{}\t{local}\t\t{:>4}.{:02}",
            e.mac,
            centis / 100,
            centis % 100
        );
    }
    Output::ok(out)
}

/// The bridge an ioctl-style setter acts on: `Ok(idx)` or brctl's "`what` failed" error.
fn setter_target(sim: &Sim, ns: NsId, br: &str, what: &str) -> Result<IfIndex, Output> {
    match sim.world.ns(ns).dev_by_name(br) {
        None => Err(fail(
            String::new(),
            format!("{what} failed: No such device"),
        )),
        Some(d) if !d.is_bridge() => Err(fail(
            String::new(),
            format!("{what} failed: Operation not supported"),
        )),
        Some(d) => Ok(d.ifindex),
    }
}

/// `brctl stp BRIDGE on|off`: turning STP off is modelled; turning it on is not (the packet
/// path does not run STP).
fn stp(sim: &mut Sim, ns: NsId, br: &str, val: &str) -> Output {
    let on = match val {
        "on" | "yes" | "1" => true,
        "off" | "no" | "0" => false,
        _ => return fail(String::new(), "expect on/off for argument".into()),
    };
    let idx = match setter_target(sim, ns, br, "set stp status") {
        Ok(i) => i,
        Err(o) => return o,
    };
    if on {
        return Output::unsupported(
            "brctl stp BR on: STP is not modelled by pathsim (ports forward as soon as they run)",
        );
    }
    if let Some(b) = sim
        .world
        .ns_mut(ns)
        .devices
        .get_mut(&idx)
        .and_then(Device::bridge_mut)
    {
        b.stp_state = 0;
    }
    Output::default()
}

/// `brctl setageing BRIDGE SECONDS` (a decimal number of seconds, kept in centiseconds).
fn setageing(sim: &mut Sim, ns: NsId, br: &str, val: &str) -> Output {
    let Some(secs) = val
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
    else {
        return fail(String::new(), "bad ageing time value".into());
    };
    let idx = match setter_target(sim, ns, br, "set ageing time") {
        Ok(i) => i,
        Err(o) => return o,
    };
    if let Some(b) = sim
        .world
        .ns_mut(ns)
        .devices
        .get_mut(&idx)
        .and_then(Device::bridge_mut)
    {
        b.ageing_time = (secs * 100.0).min(f64::from(u32::MAX)) as u32;
    }
    Output::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtnl::link::{add_veth, dev_open, set_mac};
    use crate::wire::Mac;

    fn sh(s: &mut Sim, ns: NsId, line: &str) -> Output {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        run(s, ns, &args)
    }

    #[test]
    fn addbr_addif_show_delif_delbr() {
        let mut s = Sim::new(1);
        add_veth(&mut s.world, 0, "veth0", None, 0, "veth1", None).unwrap();
        let v0 = s.world.ns(0).ifindex_of("veth0").unwrap();
        set_mac(
            &mut s.world,
            0,
            v0,
            Mac([0xf6, 0x73, 0x70, 0xc4, 0x51, 0x08]),
        )
        .unwrap();
        assert_eq!(sh(&mut s, 0, "addbr br1"), Output::default());
        let o = sh(&mut s, 0, "addbr br1");
        assert_eq!(
            (o.stderr.as_str(), o.status),
            (
                "device br1 already exists; can't create bridge with the same name\n",
                1
            )
        );
        assert_eq!(
            sh(&mut s, 0, "show").stdout,
            "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr1\t\t8000.000000000000\tno\t\t\n"
        );
        assert_eq!(sh(&mut s, 0, "addif br1 veth0"), Output::default());
        assert_eq!(
            sh(&mut s, 0, "addif br1 veth0").stderr,
            "device veth0 is already a member of a bridge; can't add it to bridge br1.\n"
        );
        assert_eq!(
            sh(&mut s, 0, "addif br1 veth9").stderr,
            "interface veth9 does not exist!\n"
        );
        assert_eq!(
            sh(&mut s, 0, "addif br9 veth1").stderr,
            "bridge br9 does not exist!\n"
        );
        assert_eq!(
            sh(&mut s, 0, "addif br1 lo").stderr,
            "can't add lo to bridge br1: Invalid argument\n"
        );
        assert_eq!(sh(&mut s, 0, "show br1").stdout, "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr1\t\t8000.f67370c45108\tno\t\tveth0\n");
        let o = sh(&mut s, 0, "show br9");
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str(), o.status),
            ("", "bridge br9 does not exist!\n", 1)
        );
        assert_eq!(
            sh(&mut s, 0, "delif br1 veth1").stderr,
            "device veth1 is not a port of br1\n"
        );
        assert_eq!(sh(&mut s, 0, "delif br1 veth0"), Output::default());
        assert_eq!(
            sh(&mut s, 0, "show").stdout,
            "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr1\t\t8000.000000000000\tno\t\t\n"
        );
        let br1 = s.world.ns(0).ifindex_of("br1").unwrap();
        dev_open(&mut s.world, 0, br1);
        assert_eq!(
            sh(&mut s, 0, "delbr br1").stderr,
            "bridge br1 is still up; can't delete it\n"
        );
        s.world.ns_mut(0).devices.get_mut(&br1).unwrap().admin_up = false;
        assert_eq!(sh(&mut s, 0, "delbr br1"), Output::default());
        assert_eq!(
            sh(&mut s, 0, "delbr br1").stderr,
            "bridge br1 doesn't exist; can't delete it\n"
        );
        assert_eq!(
            sh(&mut s, 0, "delbr veth0").stderr,
            "can't delete bridge veth0: Operation not permitted\n"
        );
        assert_eq!(sh(&mut s, 0, "show"), Output::default());
        let o = sh(&mut s, 0, "addbr");
        assert_eq!((o.stdout.as_str(), o.status), ("Incorrect number of arguments for command\nUsage: brctl addbr <bridge>\t\tadd bridge\n", 1));
        let o = sh(&mut s, 0, "foo");
        assert_eq!(o.stderr, "never heard of command [foo]\n");
        assert!(o.stdout.starts_with(
            "Usage: brctl [commands]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n"
        ));
        assert!(o
            .stdout
            .contains("\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority\n"));
    }

    #[test]
    fn show_order_depends_on_sysfs() {
        let mut s = Sim::new(1);
        let ns1 = s.world.add_netns(Some("x".into()));
        for ns in [0, ns1] {
            for line in ["addbr zbr", "addbr abr"] {
                sh(&mut s, ns, line);
            }
            add_veth(&mut s.world, ns, "z1", None, ns, "z1p", None).unwrap();
            add_veth(&mut s.world, ns, "a1", None, ns, "a1p", None).unwrap();
            let z1 = s.world.ns(ns).ifindex_of("z1").unwrap();
            let a1 = s.world.ns(ns).ifindex_of("a1").unwrap();
            set_mac(&mut s.world, ns, z1, Mac([2, 0, 0, 0, 0, 2])).unwrap();
            set_mac(&mut s.world, ns, a1, Mac([2, 0, 0, 0, 0, 1])).unwrap();
            sh(&mut s, ns, "addif abr z1 a1");
        }
        let h = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
        assert_eq!(
            sh(&mut s, 0, "show").stdout,
            format!("{h}zbr\t\t8000.000000000000\tno\t\t\nabr\t\t8000.020000000001\tno\t\tz1\n\t\t\t\t\t\t\ta1\n")
        );
        assert_eq!(
            sh(&mut s, ns1, "show").stdout,
            format!("{h}abr\t\t8000.020000000001\tno\t\ta1\n\t\t\t\t\t\t\tz1\nzbr\t\t8000.000000000000\tno\t\t\n")
        );
    }

    #[test]
    fn showmacs_sorted_with_timers() {
        let mut s = Sim::new(1);
        sh(&mut s, 0, "addbr br0");
        add_veth(&mut s.world, 0, "p1", None, 0, "p1p", None).unwrap();
        let p1 = s.world.ns(0).ifindex_of("p1").unwrap();
        set_mac(&mut s.world, 0, p1, Mac([2, 0, 0, 0, 0x0b, 1])).unwrap();
        sh(&mut s, 0, "addif br0 p1");
        let br = s.world.ns(0).ifindex_of("br0").unwrap();
        s.run_until(10_000_000_000);
        let b = s
            .world
            .ns_mut(0)
            .devices
            .get_mut(&br)
            .unwrap()
            .bridge_mut()
            .unwrap();
        b.fdb.update(Mac([2, 0, 0, 0, 0, 1]), p1, 9_500_000_000);
        let expected = "port no\tmac addr\t\tis local?\tageing timer\n  1\t02:00:00:00:00:01\tno\t\t   0.50\n  1\t02:00:00:00:0b:01\tyes\t\t   0.00\n";
        assert_eq!(sh(&mut s, 0, "showmacs br0").stdout, expected);
        assert_eq!(
            sh(&mut s, 0, "showmacs nope").stderr,
            "read of forward table failed: No such device\n"
        );
        assert_eq!(
            sh(&mut s, 0, "showmacs p1").stderr,
            "read of forward table failed: Operation not supported\n"
        );
        assert_eq!(sh(&mut s, 0, "setageing br0 12.5"), Output::default());
        assert_eq!(
            s.world.ns(0).devices[&br].bridge().unwrap().ageing_time,
            1250
        );
        assert_eq!(
            sh(&mut s, 0, "setageing br0 abc").stderr,
            "bad ageing time value\n"
        );
        assert_eq!(
            sh(&mut s, 0, "stp br0 frob").stderr,
            "expect on/off for argument\n"
        );
        assert_eq!(
            sh(&mut s, 0, "stp nope off").stderr,
            "set stp status failed: No such device\n"
        );
        assert_eq!(sh(&mut s, 0, "stp br0 off"), Output::default());
        assert!(sh(&mut s, 0, "stp br0 on").unsupported);
    }
}
