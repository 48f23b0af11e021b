//! How `ip link add|set|del` read their words: iproute2's `iplink_parse` keyword matching,
//! `ll_addr_a2n`, name checks, and the error texts of bad arguments.

use super::{dev_index, invarg, invarg_nl, no_device};
use crate::cmd::{matches, Output};
use crate::model::NsId;
use crate::path::Sim;
use crate::wire::Mac;

/// iproute2's `check_ifname` (for `name NAME`): at most 15 bytes, no `/`, no white space.
pub fn check_ifname(name: &str) -> Result<(), Output> {
    check_name_chars(name, "name", 16)
}

/// iproute2's `check_altifname` (for `dev NAME` and the bare device name of `ip link add`):
/// up to 127 bytes pass; the kernel's netlink policy then refuses more than 15.
pub fn check_dev_name(name: &str) -> Result<(), Output> {
    check_name_chars(name, "dev", 128)?;
    if name.len() >= 16 {
        return Err(Output::err(
            "Error: Attribute failed policy validation.\n",
            2,
        ));
    }
    Ok(())
}

pub fn check_name_chars(name: &str, keyword: &str, size: usize) -> Result<(), Output> {
    if name.is_empty()
        || name.len() >= size
        || name.contains('/')
        || name.contains(char::is_whitespace)
    {
        return Err(invarg(name, &format!("\"{keyword}\" not a valid ifname")));
    }
    Ok(())
}

/// The keyword `iplink_parse` takes `arg` for, tried in its order: most by exact name, some
/// by any prefix (`matches`), so `a` is `address`, `b` `broadcast`, `m` `master`, `t`
/// `txqueuelen` and `n` `nomaster`. `None`: a device name.
pub fn iplink_keyword(arg: &str) -> Option<&'static str> {
    const EXACT_THEN_PREFIX: &[(&str, bool)] = &[
        ("up", false),
        ("down", false),
        ("name", false),
        ("index", false),
        ("link", true),
        ("address", true),
        ("broadcast", true),
        ("brd", false),
        ("txqueuelen", true),
        ("qlen", false),
        ("txqlen", true),
        ("mtu", false),
        ("netns", false),
        ("multicast", false),
        ("allmulticast", false),
        ("promisc", false),
        ("trailers", false),
        ("arp", false),
        ("carrier", false),
        ("vf", false),
        ("master", true),
        ("vrf", false),
        ("nomaster", true),
        ("dynamic", true),
        ("type", true),
        ("alias", true),
        ("group", false),
        ("mode", false),
        ("state", false),
        ("numtxqueues", true),
        ("numrxqueues", true),
        ("addrgenmode", true),
    ];
    let hit = EXACT_THEN_PREFIX.iter().find(
        |(w, prefix)| {
            if *prefix {
                matches(arg, w)
            } else {
                arg == *w
            }
        },
    );
    match hit.map(|(w, _)| *w) {
        Some("brd") => Some("broadcast"),
        Some("qlen" | "txqlen") => Some("txqueuelen"),
        Some(w) => Some(w),
        None if arg != "dev" && matches(arg, "help") => Some("help"),
        None => None,
    }
}

/// iproute2's `ll_addr_a2n`: `:`-separated hex bytes (each read as `%x` reads it).
pub fn ll_addr_a2n(arg: &str) -> Result<Vec<u8>, Output> {
    arg.split(':')
        .map(|part| {
            let digits: String = part
                .trim_start()
                .trim_start_matches("0x")
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .filter(|v| *v <= 255)
                .map(|v| v as u8)
                .ok_or_else(|| Output::err(format!("\"{part}\" is invalid lladdr."), 1))
        })
        .collect()
}

/// A device address for `ip link add`: a wrong length is the kernel's EINVAL, a multicast
/// or zero one its EADDRNOTAVAIL.
pub fn parse_mac(s: &str) -> Result<Mac, Output> {
    let bytes = ll_addr_a2n(s)?;
    let mac: [u8; 6] = bytes
        .try_into()
        .map_err(|_| Output::err("RTNETLINK answers: Invalid argument", 2))?;
    let mac = Mac(mac);
    if !mac.is_valid_ether() {
        return Err(Output::err(
            "RTNETLINK answers: Cannot assign requested address",
            2,
        ));
    }
    Ok(mac)
}

/// A device address for `ip link set`: iproute2 checks the length against the device's.
pub fn parse_mac_for_set(s: &str) -> Result<Mac, Output> {
    let bytes = ll_addr_a2n(s)?;
    let n = bytes.len();
    let mac: [u8; 6] = bytes
        .try_into()
        .map_err(|_| Output::err(format!("Invalid address length {n} - must be 6 bytes"), 1))?;
    Ok(Mac(mac))
}

/// `parse_on_off`.
pub fn on_off(key: &str, v: &str) -> Result<bool, Output> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Output::err(
            format!("Error: argument of \"{key}\" must be \"on\" or \"off\", not \"{v}\""),
            1,
        )),
    }
}

/// The options `iplink_parse` knows that pathsim does not model: their own argument
/// errors as iproute2 prints them, otherwise a clear "not modelled".
pub fn unmodelled_option(sim: &Sim, ns: NsId, key: &str, v: Option<&str>) -> Output {
    let Some(v) = v else {
        return Output::err("Command line is not complete. Try option \"help\"", 255);
    };
    match key {
        "link" if dev_index(sim, ns, v).is_none() => return no_device(v),
        "broadcast" => {
            if let Err(o) = ll_addr_a2n(v) {
                return o;
            }
        }
        "txqueuelen" if v.parse::<u32>().is_err() => {
            return invarg_nl(v, "Invalid \"txqueuelen\" value")
        }
        "vf" | "numtxqueues" | "numrxqueues" if v.parse::<u32>().is_err() => {
            return invarg_nl(v, &format!("Invalid \"{key}\" value"))
        }
        "dynamic" | "multicast" | "allmulticast" | "promisc" | "trailers" | "carrier" => {
            if let Err(o) = on_off(key, v) {
                return o;
            }
        }
        _ => {}
    }
    Output::unsupported(format!(
        "ip link … {key} {v}: not modelled; supported: up, down, name, address, mtu, netns, master, nomaster, arp on|off, type"
    ))
}

pub fn lookup_ns(sim: &Sim, name: &str) -> Result<NsId, Output> {
    sim.world
        .find_netns(name)
        .ok_or_else(|| invarg_nl(name, "Invalid \"netns\" value"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_as_iplink_parse_tries_them() {
        // Observed on iproute2 6.x: `ip link add X type bridge` for each X.
        for (arg, want) in [
            ("a", Some("address")),
            ("ad", Some("address")),
            ("b", Some("broadcast")),
            ("brd", Some("broadcast")),
            ("d", Some("dynamic")),
            ("do", None),
            ("down", Some("down")),
            ("l", Some("link")),
            ("m", Some("master")),
            ("mo", None),
            ("n", Some("nomaster")),
            ("nu", Some("numtxqueues")),
            ("t", Some("txqueuelen")),
            ("ty", Some("type")),
            ("al", Some("alias")),
            ("h", Some("help")),
            ("vf", Some("vf")),
            ("p", None),
            ("dev", None),
            ("c", None),
            ("br0", None),
            ("veth0", None),
        ] {
            assert_eq!(iplink_keyword(arg), want, "{arg}");
        }
    }

    #[test]
    fn lladdr_parsing_follows_sscanf_hex() {
        assert_eq!(ll_addr_a2n("2:0:0:0:0:a").unwrap(), vec![2, 0, 0, 0, 0, 10]);
        assert_eq!(ll_addr_a2n("1g:2").unwrap(), vec![1, 2]);
        let err = ll_addr_a2n("02:zz:00").unwrap_err();
        assert_eq!(
            (err.stderr.as_str(), err.status),
            ("\"zz\" is invalid lladdr.\n", 1)
        );
        assert_eq!(ll_addr_a2n("100").unwrap_err().status, 1);
    }

    #[test]
    fn mac_errors_differ_between_add_and_set() {
        assert_eq!(
            parse_mac("1:2:3").unwrap_err().stderr,
            "RTNETLINK answers: Invalid argument\n"
        );
        assert_eq!(
            parse_mac("01:00:00:00:00:01").unwrap_err().stderr,
            "RTNETLINK answers: Cannot assign requested address\n"
        );
        assert_eq!(
            parse_mac_for_set("1:2:3").unwrap_err().stderr,
            "Invalid address length 3 - must be 6 bytes\n"
        );
        assert_eq!(
            parse_mac("02:00:00:00:00:01").unwrap(),
            Mac([2, 0, 0, 0, 0, 1])
        );
    }

    #[test]
    fn names_are_checked_like_iproute2_and_netlink() {
        assert!(check_ifname("abcdefghijklmno").is_ok());
        assert_eq!(check_ifname("abcdefghijklmnop").unwrap_err().status, 255);
        assert_eq!(check_dev_name("abcdefghijklmnop").unwrap_err().status, 2);
        assert!(check_dev_name("a/b")
            .unwrap_err()
            .stderr
            .contains("\"dev\" not a valid ifname"));
    }
}
