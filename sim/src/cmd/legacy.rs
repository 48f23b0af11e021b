//! The other commands tutorials use: net-tools `route` and `arp` (2.10, reading the model's
//! main table and neighbour table the way they read `/proc/net/route` and `/proc/net/arp`),
//! `ls /run/netns`, bash's `echo`, `modprobe` (accepted, nothing to load) and `sleep`
//! (advances the logical clock).
//!
//! Name resolution (`route` and `arp` without `-n`) uses the verifier machine's
//! `/etc/networks` (`loopback` 127.0.0.0, `link-local` 169.254.0.0) and `/etc/hosts`
//! (`localhost` 127.0.0.1); there is no DNS in the sandbox, so every other address prints as
//! a number.

use super::Output;
use crate::model::fib::{RouteType, TABLE_LOCAL, TABLE_MAIN};
use crate::model::neigh::Nud;
use crate::model::{prefix_mask, NsId};
use crate::path::Sim;
use std::fmt::Write;
use std::net::Ipv4Addr;

/// `getnetbyaddr` over the machine's `/etc/networks`.
fn network_name(a: Ipv4Addr) -> Option<&'static str> {
    match a.octets() {
        [127, 0, 0, 0] => Some("loopback"),
        [169, 254, 0, 0] => Some("link-local"),
        _ => None,
    }
}

/// `gethostbyaddr` over the machine's `/etc/hosts`.
fn host_name(a: Ipv4Addr) -> Option<&'static str> {
    (a == Ipv4Addr::LOCALHOST).then_some("localhost")
}

/// Splits bundled short options (`-nee`) into letters; `None` for an operand.
fn letters(arg: &str) -> Option<Vec<char>> {
    let rest = arg
        .strip_prefix('-')
        .filter(|r| !r.is_empty() && !r.starts_with('-'))?;
    Some(rest.chars().collect())
}

/// `route [-n] [-e|-ee] [-A inet|-4] [-F] [-v]`: net-tools `rprint_fib` over
/// `/proc/net/route` (`fib_route_seq_show`: the main table in dump order, without broadcast
/// and multicast routes; only the first nexthop of a multipath route).
///
/// `/proc/net/route` has no header line until the main table exists (`fib_new_table`; any
/// address or main-table route creates it) and `route` then exits with 1. The model always
/// has the table: it counts as created once the namespace has an address or a route in its
/// main or local table.
pub fn route(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let (mut numeric, mut ext) = (false, 0);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match (a, letters(a)) {
            ("--numeric", _) => numeric = true,
            ("--extend", _) => ext += 1,
            ("--inet" | "--fib" | "--verbose", _) => {}
            ("-A", _) if args.get(i + 1).is_some_and(|f| f == "inet") => i += 1,
            (_, Some(ls)) if ls.iter().all(|c| "neF4v".contains(*c)) => {
                numeric |= ls.contains(&'n');
                ext += ls.iter().filter(|c| **c == 'e').count();
            }
            _ => {
                return Output::unsupported(format!(
                    "route: \"{a}\" is not supported by pathsim; supported: route [-n] [-e|-ee] [-A inet|-4] (use `ip route` to change routes)"
                ))
            }
        }
        i += 1;
    }
    let n = sim.world.ns(ns);
    let mut out = String::from("Kernel IP routing table\n");
    out.push_str(match ext {
        0 => "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n",
        1 => "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n",
        _ => "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n",
    });
    let table_is_empty = |id: u32| n.fib.table(id).is_none_or(|t| t.is_empty());
    let created = !table_is_empty(TABLE_MAIN)
        || !table_is_empty(TABLE_LOCAL)
        || n.devices.values().any(|d| !d.addrs.is_empty());
    let routes = n.fib.table(TABLE_MAIN).into_iter().flat_map(|t| t.routes());
    for r in routes.filter(|r| !matches!(r.rtype, RouteType::Broadcast | RouteType::Multicast)) {
        let mask = Ipv4Addr::from(prefix_mask(r.plen));
        let nh = r.nexthops.first();
        let gw = nh.and_then(|h| h.gw).unwrap_or(Ipv4Addr::UNSPECIFIED);
        let reject = matches!(r.rtype, RouteType::Unreachable | RouteType::Prohibit);
        let dst = if numeric {
            r.dst.to_string()
        } else if r.dst.is_unspecified() {
            "default".into()
        } else {
            network_name(r.dst).map_or_else(|| r.dst.to_string(), String::from)
        };
        let gw = match (reject, numeric || gw.is_unspecified()) {
            (true, _) => "-".to_string(),
            (false, true) => gw.to_string(),
            (false, false) => host_name(gw).map_or_else(|| gw.to_string(), String::from),
        };
        let mut flags = String::new();
        if reject {
            flags.push('!');
        } else {
            flags.push('U');
            if nh.is_some_and(|h| h.gw.is_some()) {
                flags.push('G');
            }
            if r.plen == 32 {
                flags.push('H');
            }
        }
        let iface = match (reject, nh.and_then(|h| n.devices.get(&h.dev))) {
            (true, _) => "-".to_string(),
            (false, Some(d)) => d.name.clone(),
            (false, None) => "*".into(),
        };
        let (refcnt, zero) = if reject { ("-", "-") } else { ("0", "0") };
        let _ = match ext {
            0 => writeln!(out, "{dst:<15} {gw:<15} {mask:<15} {flags:<6}{:<6} {refcnt:<2} {:>7} {iface}", r.metric, 0),
            1 => writeln!(out, "{dst:<15} {gw:<15} {mask:<15} {flags:<5} {zero:>5} {zero:<6} {zero:>5} {iface}"),
            _ => writeln!(
                out,
                "{dst:<15} {gw:<15} {mask:<15} {flags:<6}{:<6} {refcnt:<2} {:>7} {iface:<8} {zero:<5} {zero:<6} {zero}",
                r.metric, 0
            ),
        };
    }
    Output {
        stdout: out,
        status: i32::from(!created),
        ..Output::default()
    }
}

/// One line of `/proc/net/arp`: address, hardware address (`None`: incomplete), ATF flags,
/// device name.
struct ArpEntry {
    ip: Ipv4Addr,
    hw: Option<String>,
    /// net-tools' name of the device's `ARPHRD_*` type: `loop` for `lo`, else `ether`.
    hwtype: &'static str,
    perm: bool,
    publ: bool,
    dev: String,
}

/// `arp_seq_show`: the neighbour table without NOARP (and NONE) entries
/// (`NEIGH_SEQ_SKIP_NOARP`), in the order `ip neigh` lists it, then the proxy entries.
fn arp_entries(sim: &Sim, ns: NsId) -> Vec<ArpEntry> {
    let n = sim.world.ns(ns);
    let name = |i: Option<u32>| {
        i.and_then(|i| n.devices.get(&i))
            .map_or("*".to_string(), |d| d.name.clone())
    };
    let hwtype = |i: u32| match n.devices.get(&i) {
        Some(d) if d.is_loopback() => "loop",
        _ => "ether",
    };
    let mut v: Vec<ArpEntry> = n
        .neigh
        .entries
        .values()
        .filter(|e| !matches!(e.state, Nud::None | Nud::Noarp))
        .map(|e| ArpEntry {
            ip: e.ip,
            hw: e
                .lladdr
                .filter(|_| e.state.is_valid())
                .map(|m| m.to_string()),
            hwtype: hwtype(e.dev),
            perm: e.state == Nud::Permanent,
            publ: false,
            dev: name(Some(e.dev)),
        })
        .collect();
    v.extend(n.neigh.proxies.iter().map(|&(ip, dev)| ArpEntry {
        ip,
        hw: None,
        hwtype: "ether",
        perm: true,
        publ: true,
        dev: name(dev),
    }));
    v
}

/// `arp [-n] [-a|-e] [-v] [-i IF] [-H ether] [HOST]`: net-tools `arp_show` over
/// `/proc/net/arp`.
pub fn arp(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let (mut bsd, mut verbose) = (false, false);
    let (mut device, mut host) = (None, None);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match (a, letters(a)) {
            ("-i" | "--device", _) => {
                i += 1;
                device = args.get(i).map(String::as_str);
            }
            ("-H" | "--hw-type", _) if args.get(i + 1).is_some_and(|t| t == "ether") => i += 1,
            ("--numeric", _) => {}
            ("--verbose", _) => verbose = true,
            (_, Some(ls)) if ls.iter().all(|c| "naev".contains(*c)) => {
                bsd |= ls.contains(&'a');
                verbose |= ls.contains(&'v');
            }
            (_, None) if host.is_none() => match a.parse::<Ipv4Addr>() {
                Ok(ip) => host = Some(ip),
                Err(_) => return Output::unsupported(format!("arp: host \"{a}\" is not supported by pathsim: give an IPv4 address")),
            },
            _ => {
                return Output::unsupported(format!(
                    "arp: \"{a}\" is not supported by pathsim; supported: arp [-n] [-a|-e] [-v] [-i IF] [HOST] (use `ip neigh` to change entries)"
                ))
            }
        }
        i += 1;
    }
    let all = arp_entries(sim, ns);
    let shown: Vec<&ArpEntry> = all
        .iter()
        .filter(|e| device.is_none_or(|d| d == e.dev) && host.is_none_or(|h| h == e.ip))
        .collect();
    let mut out = String::new();
    if !bsd && !shown.is_empty() {
        out.push_str(
            "Address                  HWtype  HWaddress           Flags Mask            Iface\n",
        );
    }
    for e in &shown {
        if bsd {
            let at = match (&e.hw, e.publ) {
                (Some(hw), _) => format!("{hw} [{}] ", e.hwtype),
                (None, true) => "<from_interface> ".into(),
                (None, false) => "<incomplete> ".into(),
            };
            let perm = if e.perm { "PERM " } else { "" };
            let publ = if e.publ { "PUB " } else { "" };
            let _ = writeln!(out, "? ({}) at {at}{perm}{publ}on {}", e.ip, e.dev);
        } else {
            let (hwtype, hw) = match (&e.hw, e.publ) {
                (Some(hw), _) => (e.hwtype, hw.as_str()),
                (None, true) => ("*", "<from_interface>"),
                (None, false) => ("", "(incomplete)"),
            };
            let flags = format!(
                "{}{}{}",
                if e.hw.is_some() { "C" } else { "" },
                if e.perm { "M" } else { "" },
                if e.publ { "P" } else { "" }
            );
            let _ = writeln!(
                out,
                "{:<23}  {hwtype:<8}{hw:<20}{flags:<6}{:<15} {}",
                e.ip.to_string(),
                "",
                e.dev
            );
        }
    }
    if verbose {
        let _ = writeln!(
            out,
            "Entries: {}\tSkipped: {}\tFound: {}",
            all.len(),
            all.len() - shown.len(),
            shown.len()
        );
    }
    if shown.is_empty() {
        match host {
            Some(h) if !bsd && device.is_none() => {
                let _ = writeln!(out, "{h} ({h}) -- no entry");
            }
            _ if host.is_some() || device.is_some() => {
                let _ = writeln!(out, "arp: in {} entries no match found.", all.len());
            }
            _ => {}
        }
    }
    Output::ok(out)
}

/// `ls /run/netns` (or `/var/run/netns`, `-1`): the namespace names in `ls` order (the C.UTF-8
/// collation is code point order), one per line; `ls /run/netns/NAME` prints its operand.
pub fn ls(sim: &mut Sim, args: &[String]) -> Output {
    let operands: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "-1")
        .collect();
    let unsupported = || {
        Output::unsupported(
            "ls: pathsim supports only `ls [-1] /run/netns` and `ls [-1] /var/run/netns[/NAME]`",
        )
    };
    let [path] = operands[..] else {
        return unsupported();
    };
    if path.starts_with('-') {
        return unsupported();
    }
    let Some(rest) = path
        .strip_prefix("/run/netns")
        .or_else(|| path.strip_prefix("/var/run/netns"))
    else {
        return unsupported();
    };
    let mut names: Vec<String> = sim
        .world
        .netns_ids()
        .filter_map(|id| sim.world.ns(id).name.clone())
        .collect();
    names.sort();
    if !rest.is_empty() && !rest.starts_with('/') {
        return unsupported();
    }
    let name = rest.trim_start_matches('/');
    if name.is_empty() {
        return Output::ok(names.iter().map(|n| format!("{n}\n")).collect());
    }
    if name.contains('/') {
        return unsupported();
    }
    if names.iter().any(|n| n == name) {
        Output::ok(format!("{path}\n"))
    } else {
        Output::err(
            format!("ls: cannot access '{path}': No such file or directory"),
            2,
        )
    }
}

/// The bytes of bash's `echo -e` escapes in `s`, and whether `\c` ended the output.
fn echo_escapes(s: &str) -> (Vec<u8>, bool) {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let digits = |from: usize, max: usize, radix: u32| {
        let n = b[from..]
            .iter()
            .take(max)
            .take_while(|c| char::from(**c).is_digit(radix))
            .count();
        let v = std::str::from_utf8(&b[from..from + n])
            .ok()
            .and_then(|t| u32::from_str_radix(t, radix).ok());
        (n, v)
    };
    while i < b.len() {
        if b[i] != b'\\' || i + 1 == b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let c = b[i + 1];
        i += 2;
        let simple = match c {
            b'a' => Some(7),
            b'b' => Some(8),
            b'e' | b'E' => Some(27),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            _ => None,
        };
        match (c, simple) {
            (_, Some(v)) => out.push(v),
            (b'c', _) => return (out, true),
            (b'0', _) => {
                let (n, v) = digits(i, 3, 8);
                out.push(v.unwrap_or(0) as u8);
                i += n;
            }
            (b'x' | b'u' | b'U', _) => {
                let max = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                match digits(i, max, 16) {
                    (0, _) | (_, None) => out.extend_from_slice(&[b'\\', c]),
                    (n, Some(v)) if c == b'x' => {
                        out.push(v as u8);
                        i += n;
                    }
                    (n, Some(v)) => {
                        let ch = char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER);
                        out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                        i += n;
                    }
                }
            }
            _ => out.extend_from_slice(&[b'\\', c]),
        }
    }
    (out, false)
}

/// bash's builtin `echo [-neE] ARGS…`: leading words made only of `n`, `e`, `E` after a `-`
/// are options.
pub fn echo(args: &[String]) -> Output {
    let (mut newline, mut escapes) = (true, false);
    let mut words = args;
    while let Some(first) = words.first() {
        let Some(opts) = first
            .strip_prefix('-')
            .filter(|o| !o.is_empty() && o.chars().all(|c| "neE".contains(c)))
        else {
            break;
        };
        for c in opts.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        words = &words[1..];
    }
    let text = words.join(" ");
    let (mut bytes, stopped) = if escapes {
        echo_escapes(&text)
    } else {
        (text.into_bytes(), false)
    };
    if newline && !stopped {
        bytes.push(b'\n');
    }
    Output::ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `modprobe MODULE…`: every module a scenario may need is built into the model, so there is
/// nothing to load and nothing to print.
pub fn modprobe(_args: &[String]) -> Output {
    Output::default()
}

/// coreutils `xstrtod` + suffix: seconds in one `sleep` operand (`1`, `0.5`, `.5`, `5.`,
/// `1e-1`, `0x1`, with an optional `s`, `m`, `h` or `d`).
fn sleep_seconds(arg: &str) -> Option<f64> {
    let (num, mult) = match arg.char_indices().last() {
        Some((i, 's')) => (&arg[..i], 1.0),
        Some((i, 'm')) => (&arg[..i], 60.0),
        Some((i, 'h')) => (&arg[..i], 3600.0),
        Some((i, 'd')) => (&arg[..i], 86400.0),
        _ => (arg, 1.0),
    };
    let v = match num.strip_prefix("0x").or_else(|| num.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok()? as f64,
        None if num.starts_with(|c: char| c.is_ascii_digit() || c == '.') => {
            num.parse::<f64>().ok()?
        }
        None => return None,
    };
    Some(v * mult).filter(|s| s.is_finite() && *s >= 0.0)
}

/// `sleep NUMBER[SUFFIX]…`: advances the logical clock by the sum, running what falls due.
pub fn sleep(sim: &mut Sim, args: &[String]) -> Output {
    const TRY: &str = "Try 'sleep --help' for more information.";
    if args.is_empty() {
        return Output::err(format!("sleep: missing operand\n{TRY}"), 1);
    }
    if args
        .iter()
        .any(|a| a.starts_with('-') || a.starts_with("inf"))
    {
        return Output::unsupported(
            "sleep: options and infinite sleeps are not supported by pathsim; give a duration",
        );
    }
    let mut total = 0.0;
    let mut err = String::new();
    for a in args {
        match sleep_seconds(a) {
            Some(s) => total += s,
            None => {
                let _ = writeln!(err, "sleep: invalid time interval ‘{a}’");
            }
        }
    }
    if !err.is_empty() {
        return Output::err(format!("{err}{TRY}"), 1);
    }
    let ns = (total * 1e9).round().min(u64::MAX as f64) as u64;
    let until = sim.now().saturating_add(ns);
    sim.run_until(until);
    Output::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fib::{InsertMode, Nexthop, Proto, Route};
    use crate::model::neigh::Neighbour;
    use crate::model::{IfAddr, Scope};
    use crate::rtnl::link::{add_veth, dev_open};
    use crate::wire::Mac;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn route_to(
        dst: [u8; 4],
        plen: u8,
        rtype: RouteType,
        gw: Option<[u8; 4]>,
        dev: Option<u32>,
        metric: u32,
    ) -> Route {
        Route {
            dst: Ipv4Addr::from(dst),
            plen,
            table: TABLE_MAIN,
            rtype,
            proto: Proto::BOOT,
            scope: if gw.is_some() {
                Scope::Universe
            } else {
                Scope::Link
            },
            metric,
            prefsrc: None,
            tos: 0,
            nexthops: dev
                .map(|d| Nexthop {
                    gw: gw.map(Ipv4Addr::from),
                    dev: d,
                    weight: 1,
                    onlink: false,
                    linkdown: false,
                    dead: false,
                    scope: Scope::Link,
                })
                .into_iter()
                .collect(),
            multipath: false,
            metrics: Vec::new(),
        }
    }

    fn sim_with_routes() -> Sim {
        let mut s = Sim::new(1);
        add_veth(&mut s.world, 0, "veth0", None, 0, "veth1", None).unwrap();
        let v = s.world.ns(0).ifindex_of("veth0").unwrap();
        s.world
            .ns_mut(0)
            .devices
            .get_mut(&v)
            .unwrap()
            .addrs
            .push(IfAddr {
                local: Ipv4Addr::new(10, 0, 0, 1),
                prefix_len: 24,
                broadcast: None,
                scope: Scope::Universe,
                secondary: false,
                label: "veth0".into(),
            });
        let t = s.world.ns_mut(0).fib.table_mut(TABLE_MAIN);
        let rs = [
            route_to(
                [0, 0, 0, 0],
                0,
                RouteType::Unicast,
                Some([10, 0, 0, 254]),
                Some(v),
                0,
            ),
            route_to([10, 0, 0, 0], 24, RouteType::Unicast, None, Some(v), 0),
            route_to(
                [10, 1, 0, 0],
                16,
                RouteType::Unicast,
                Some([10, 0, 0, 2]),
                Some(v),
                100,
            ),
            route_to([10, 20, 0, 0], 16, RouteType::Blackhole, None, None, 0),
            route_to([10, 21, 0, 0], 16, RouteType::Unreachable, None, None, 0),
            route_to([10, 244, 1, 2], 32, RouteType::Unicast, None, Some(v), 0),
            route_to([169, 254, 0, 0], 16, RouteType::Unicast, None, Some(v), 0),
        ];
        for r in rs {
            t.insert(r, InsertMode::Add).unwrap();
        }
        s
    }

    #[test]
    fn route_formats_as_net_tools() {
        let mut s = sim_with_routes();
        let head = "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
        let rows =
            "0.0.0.0         10.0.0.254      0.0.0.0         UG    0      0        0 veth0\n\
10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        0 veth0\n\
10.1.0.0        10.0.0.2        255.255.0.0     UG    100    0        0 veth0\n\
10.20.0.0       0.0.0.0         255.255.0.0     U     0      0        0 *\n\
10.21.0.0       -               255.255.0.0     !     0      -        0 -\n\
10.244.1.2      0.0.0.0         255.255.255.255 UH    0      0        0 veth0\n\
169.254.0.0     0.0.0.0         255.255.0.0     U     0      0        0 veth0\n";
        assert_eq!(
            route(&mut s, 0, &args("-n")).stdout,
            format!("{head}{rows}")
        );
        let named = route(&mut s, 0, &[]).stdout;
        assert!(named.contains(
            "\ndefault         10.0.0.254      0.0.0.0         UG    0      0        0 veth0\n"
        ));
        assert!(named.contains(
            "\nlink-local      0.0.0.0         255.255.0.0     U     0      0        0 veth0\n"
        ));
        let e = route(&mut s, 0, &args("-en")).stdout;
        assert!(e.contains("Flags   MSS Window  irtt Iface\n0.0.0.0         10.0.0.254      0.0.0.0         UG        0 0          0 veth0\n"));
        assert!(e.contains(
            "\n10.21.0.0       -               255.255.0.0     !         - -          - -\n"
        ));
        let ee = route(&mut s, 0, &args("-ee -n")).stdout;
        assert!(ee.contains("Use Iface    MSS   Window irtt\n0.0.0.0         10.0.0.254      0.0.0.0         UG    0      0        0 veth0    0     0      0\n"));
        assert!(ee.contains("\n10.21.0.0       -               255.255.0.0     !     0      -        0 -        -     -      -\n"));
    }

    #[test]
    fn route_in_a_fresh_namespace_exits_1() {
        let mut s = Sim::new(1);
        let o = route(&mut s, 0, &args("-n"));
        assert_eq!(o.stdout, "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
        assert_eq!(o.status, 1);
        assert!(route(&mut s, 0, &args("add default gw 10.0.0.1")).unsupported);
    }

    fn neigh(ip: [u8; 4], dev: u32, state: Nud, mac: Option<u8>) -> Neighbour {
        Neighbour {
            ip: Ipv4Addr::from(ip),
            dev,
            state,
            lladdr: mac.map(|m| Mac([2, 0, 0, 0, 0, m])),
            confirmed: 0,
            updated: 0,
            used: 0,
            probes: 0,
            reachable_time: 0,
            timer_gen: 0,
            queue: Vec::new(),
        }
    }

    #[test]
    fn arp_formats_as_net_tools() {
        let mut s = Sim::new(1);
        assert_eq!(arp(&mut s, 0, &args("-n")), Output::default());
        add_veth(&mut s.world, 0, "veth0", None, 0, "veth1", None).unwrap();
        let v = s.world.ns(0).ifindex_of("veth0").unwrap();
        dev_open(&mut s.world, 0, v);
        let n = &mut s.world.ns_mut(0).neigh;
        for e in [
            neigh([10, 0, 0, 2], v, Nud::Stale, Some(2)),
            neigh([10, 0, 0, 9], v, Nud::Permanent, Some(9)),
            neigh([10, 0, 0, 77], v, Nud::Failed, None),
            neigh([0, 0, 0, 0], 1, Nud::Noarp, Some(0)),
        ] {
            n.entries.insert((e.dev, e.ip), e);
        }
        n.proxies.push((Ipv4Addr::new(10, 0, 0, 50), Some(v)));
        let expected =
            "Address                  HWtype  HWaddress           Flags Mask            Iface\n\
10.0.0.2                 ether   02:00:00:00:00:02   C                     veth0\n\
10.0.0.9                 ether   02:00:00:00:00:09   CM                    veth0\n\
10.0.0.77                        (incomplete)                              veth0\n\
10.0.0.50                *       <from_interface>    MP                    veth0\n";
        assert_eq!(arp(&mut s, 0, &args("-n")).stdout, expected);
        assert_eq!(arp(&mut s, 0, &[]).stdout, expected);
        let bsd = "? (10.0.0.2) at 02:00:00:00:00:02 [ether] on veth0\n\
? (10.0.0.9) at 02:00:00:00:00:09 [ether] PERM on veth0\n\
? (10.0.0.77) at <incomplete> on veth0\n\
? (10.0.0.50) at <from_interface> PERM PUB on veth0\n";
        assert_eq!(arp(&mut s, 0, &args("-an")).stdout, bsd);
        assert_eq!(
            arp(&mut s, 0, &args("-i veth1")).stdout,
            "arp: in 4 entries no match found.\n"
        );
        assert_eq!(
            arp(&mut s, 0, &args("-n 10.0.0.3")).stdout,
            "10.0.0.3 (10.0.0.3) -- no entry\n"
        );
        assert!(arp(&mut s, 0, &args("-nv"))
            .stdout
            .ends_with("Entries: 4\tSkipped: 0\tFound: 4\n"));
        assert!(arp(&mut s, 0, &args("-s 10.0.0.3 02:00:00:00:00:03")).unsupported);
    }

    #[test]
    fn ls_run_netns() {
        let mut s = Sim::new(1);
        assert_eq!(ls(&mut s, &args("/run/netns")), Output::default());
        for n in ["b", "_c", "a", "Bx"] {
            s.world.add_netns(Some(n.into()));
        }
        assert_eq!(
            ls(&mut s, &args("/var/run/netns/")).stdout,
            "Bx\n_c\na\nb\n"
        );
        assert_eq!(ls(&mut s, &args("-1 /run/netns")).stdout, "Bx\n_c\na\nb\n");
        assert_eq!(ls(&mut s, &args("/run/netns/a")).stdout, "/run/netns/a\n");
        let o = ls(&mut s, &args("/run/netns/x"));
        assert_eq!(
            (o.stderr.as_str(), o.status),
            (
                "ls: cannot access '/run/netns/x': No such file or directory\n",
                2
            )
        );
        assert!(ls(&mut s, &args("/etc")).unsupported);
        assert!(ls(&mut s, &args("-la /run/netns")).unsupported);
        assert!(ls(&mut s, &args("/run/netnsx")).unsupported);
    }

    #[test]
    fn echo_like_bash() {
        let e = |a: &[&str]| echo(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>()).stdout;
        assert_eq!(e(&["a", "b"]), "a b\n");
        assert_eq!(e(&["-n", "x"]), "x");
        assert_eq!(e(&["-e", "a\\tb\\\\c"]), "a\tb\\c\n");
        assert_eq!(e(&["-ne", "y\\n"]), "y\n");
        assert_eq!(e(&["--", "-n"]), "-- -n\n");
        assert_eq!(e(&["-nx"]), "-nx\n");
        assert_eq!(e(&["-E", "a\\tb"]), "a\\tb\n");
        assert_eq!(e(&["-e", "a\\cb"]), "a");
        assert_eq!(e(&["-e", "\\x41\\0101\\1010\\q"]), "AA\\1010\\q\n");
        assert_eq!(e(&["-e", "\\u00e9"]), "é\n");
        assert_eq!(e(&[]), "\n");
    }

    #[test]
    fn sleep_advances_the_clock() {
        let mut s = Sim::new(1);
        assert_eq!(sleep(&mut s, &args("2")), Output::default());
        assert_eq!(s.now(), 2_000_000_000);
        sleep(&mut s, &args("0.5 1e-1 .5s 5. 0x1 1m"));
        assert_eq!(
            s.now(),
            2_000_000_000 + 1_100_000_000 + 6_000_000_000 + 60_000_000_000
        );
        let o = sleep(&mut s, &args("abc"));
        assert_eq!(
            (o.stderr.as_str(), o.status),
            (
                "sleep: invalid time interval ‘abc’\nTry 'sleep --help' for more information.\n",
                1
            )
        );
        assert_eq!(
            sleep(&mut s, &[]).stderr,
            "sleep: missing operand\nTry 'sleep --help' for more information.\n"
        );
        assert!(sleep(&mut s, &args("inf")).unsupported);
        assert_eq!(modprobe(&args("br_netfilter")), Output::default());
    }
}
