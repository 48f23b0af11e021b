//! Which device names an `ip` command looks up with a single RTM_GETLINK request
//! (iproute2 6.1: `iplink_get` for `ip link show DEV`, `ll_name_to_index` → `ll_link_get`
//! wherever a name is resolved without a link dump first). The kernel answers that request
//! in `rtnl_getlink`, which calls `linkwatch_sync_dev` first: a pending link event of the
//! device is handled before the command does anything else.
//!
//! Checked on Linux 6.18 with a veth whose event was pending: `ip link show DEV` (any
//! options), `ip link set DEV …` (also `master DEV`), `ip link del DEV`, `ip addr
//! show|flush DEV`, `ip addr add|del … dev DEV`, `ip route add|del|replace|show|flush|get …
//! dev|oif DEV`, `ip neigh get … dev DEV` handle it; dumps (`ip link show`, `ip addr show`,
//! `ip route`, `ip link show type veth`), `ip neigh add|show|flush … dev DEV` (which fill
//! the name cache from a dump), `ip rule … iif DEV` (a name attribute), `bridge`, `brctl`,
//! sysctl and ping do not.

use crate::cmd::matches;

/// Keywords of `ip link|addr show` that take a value (not a device name).
const SHOW_WITH_VALUE: &[&str] = &["to", "scope", "label", "type", "group", "proto"];

/// Keywords of `ip link|addr show` without a value.
const SHOW_FLAGS: &[&str] = &[
    "up",
    "nomaster",
    "permanent",
    "dynamic",
    "secondary",
    "primary",
    "temporary",
    "tentative",
    "-tentative",
    "deprecated",
    "-deprecated",
    "dadfailed",
    "-dadfailed",
    "home",
    "nodad",
    "mngtmpaddr",
    "noprefixroute",
    "autojoin",
    "stable-privacy",
];

/// The value after each occurrence of one of `keys`.
fn values_after<'a>(args: &'a [String], keys: &[&str]) -> Vec<&'a str> {
    args.windows(2)
        .filter(|w| keys.contains(&w[0].as_str()))
        .map(|w| w[1].as_str())
        .collect()
}

/// The device of `ip link|addr show|flush`: after `dev`, or the first word that is no
/// keyword (iproute2 takes any other word as the device); plus `master`/`vrf` devices.
fn show_names(args: &[String]) -> Vec<&str> {
    let mut v = values_after(args, &["master", "vrf"]);
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let a = a.as_str();
        if a == "dev" {
            v.extend(args.get(i + 1).map(String::as_str));
            break;
        }
        if SHOW_WITH_VALUE.contains(&a) || a == "master" || a == "vrf" {
            i += 2;
            continue;
        }
        if !SHOW_FLAGS.contains(&a) {
            v.push(a);
            break;
        }
        i += 1;
    }
    v
}

/// The device names `ip OBJECT SUB…` resolves with RTM_GETLINK, in no particular order.
/// `object` is the full object name `ip` matched.
pub fn names<'a>(object: &str, sub: &'a [String]) -> Vec<&'a str> {
    let cmd = sub.first().map(String::as_str).unwrap_or("");
    let args = sub.get(1..).unwrap_or(&[]);
    match object {
        "link" => {
            if cmd.is_empty() {
                Vec::new()
            } else if matches(cmd, "add") || matches(cmd, "replace") {
                // Up to the peer's own arguments (`type veth peer …`).
                let end = args.iter().position(|a| a == "type").unwrap_or(args.len());
                values_after(&args[..end], &["master", "link"])
            } else if matches(cmd, "set") || matches(cmd, "change") || matches(cmd, "delete") {
                let mut v = values_after(args, &["master"]);
                match args.first().map(String::as_str) {
                    Some("dev") => v.extend(args.get(1).map(String::as_str)),
                    Some(d) => v.push(d),
                    None => {}
                }
                v
            } else if matches(cmd, "show") || matches(cmd, "list") || matches(cmd, "lst") {
                show_names(args)
            } else {
                Vec::new()
            }
        }
        "address" => {
            if ["add", "delete", "change", "replace"]
                .iter()
                .any(|c| matches(cmd, c))
            {
                values_after(args, &["dev"])
            } else if ["show", "list", "lst", "flush", "save"]
                .iter()
                .any(|c| matches(cmd, c))
            {
                show_names(args)
            } else {
                Vec::new()
            }
        }
        "route" => values_after(sub, &["dev", "oif", "iif"]),
        "neighbor" | "neighbour" if matches(cmd, "get") => values_after(args, &["dev"]),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(object: &str, line: &str) -> Vec<String> {
        let sub: Vec<String> = line.split_whitespace().map(String::from).collect();
        names(object, &sub).into_iter().map(String::from).collect()
    }

    #[test]
    fn the_names_iproute2_resolves_with_getlink() {
        assert_eq!(n("link", "show eth0"), ["eth0"]);
        assert_eq!(n("link", "show dev eth0"), ["eth0"]);
        assert_eq!(n("link", "show up eth0"), ["eth0"]);
        assert_eq!(n("link", "show master br0"), ["br0"]);
        assert!(n("link", "show").is_empty());
        assert!(n("link", "show type veth").is_empty());
        assert!(n("link", "").is_empty());
        assert_eq!(n("link", "set eth0 up"), ["eth0"]);
        assert_eq!(n("link", "set dev p1 master br0"), ["br0", "p1"]);
        assert_eq!(n("link", "del eth0"), ["eth0"]);
        assert!(n("link", "add eth0 netns a type veth peer name eth0 netns b").is_empty());
        assert_eq!(n("address", "show dev eth0"), ["eth0"]);
        assert_eq!(n("address", "show label eth0:web"), Vec::<String>::new());
        assert_eq!(n("address", "flush eth0"), ["eth0"]);
        assert_eq!(n("address", "add 10.0.0.1/24 dev eth0"), ["eth0"]);
        assert_eq!(
            n("route", "add 10.9.0.0/24 via 10.0.0.2 dev eth0"),
            ["eth0"]
        );
        assert_eq!(n("route", "get 10.0.0.1 oif eth0"), ["eth0"]);
        assert!(n("route", "").is_empty());
        assert!(n(
            "neighbour",
            "add 10.0.0.9 lladdr 02:00:00:00:00:01 dev eth0"
        )
        .is_empty());
        assert_eq!(n("neighbour", "get 10.0.0.9 dev eth0"), ["eth0"]);
        assert!(n("rule", "add iif eth0 table 5").is_empty());
    }
}
