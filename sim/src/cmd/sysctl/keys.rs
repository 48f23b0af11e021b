//! What a path under `/proc/sys` names in one namespace: a knob the model holds, a file the
//! kernel has but the model does not, a directory, or nothing (`ENOENT`, `ENOTDIR`), and the
//! value a read returns, in the units the kernel's proc handler shows.

use super::files;
use crate::model::device::Device;
use crate::model::sysctl::DEVCONF_KEYS;
use crate::model::{IfIndex, NsId, World};

/// `HZ` of the modelled kernel (`CONFIG_HZ_250`): sysctls kept in jiffies round to 4 ms.
pub const HZ: i64 = 250;
/// `USER_HZ`: the unit of `proxy_delay`, `locktime` and `retrans_time`.
pub const USER_HZ: i64 = 100;
/// `SKB_TRUESIZE(ETH_FRAME_LEN)` on this kernel: `unres_qlen = unres_qlen_bytes / 2090`.
pub const UNRES_QLEN_TRUESIZE: i64 = 2090;

/// Top-level `/proc/sys` directories other than `net`: they exist, pathsim models none of
/// their files ([`files::OTHER_TOPS`] lists them).
const OTHER_TOPS: &[&str] = &[
    "abi", "crypto", "debug", "dev", "fs", "kernel", "user", "vm",
];

/// `net.ipv4.*` knobs held in [`crate::model::sysctl::NetSysctl::global_mut`] (besides
/// `ip_forward`, which is `conf/all/forwarding` under another name).
const GLOBALS: &[&str] = &[
    "ip_default_ttl",
    "icmp_ratelimit",
    "icmp_ratemask",
    "icmp_msgs_per_sec",
    "icmp_msgs_burst",
    "icmp_echo_ignore_all",
    "icmp_echo_ignore_broadcasts",
];

/// `net.ipv4.neigh.DEV.*` files the model holds (all but `anycast_delay` and
/// `interval_probe_time_ms`).
pub const NEIGH_MODELLED: &[&str] = &[
    "app_solicit",
    "base_reachable_time",
    "base_reachable_time_ms",
    "delay_first_probe_time",
    "gc_stale_time",
    "locktime",
    "mcast_resolicit",
    "mcast_solicit",
    "proxy_delay",
    "proxy_qlen",
    "retrans_time",
    "retrans_time_ms",
    "ucast_solicit",
    "unres_qlen",
    "unres_qlen_bytes",
];

/// Which `ipv4/conf/*` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conf {
    All,
    Default,
    Dev(IfIndex),
}

/// A sysctl file the model holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    /// `net.ipv4.ip_forward`: the same `int` as `conf/all/forwarding` (`ctl_forward_entry`
    /// in `net/ipv4/devinet.c` points at `IPV4_DEVCONF_ALL(net, FORWARDING)`).
    IpForward,
    /// A `net.ipv4.<name>` knob of [`GLOBALS`].
    Global(&'static str),
    /// `net.ipv4.conf.<dir>.<key>`, `key` one of [`DEVCONF_KEYS`].
    Conf(Conf, &'static str),
    /// `net.ipv4.neigh.<dev>.<file>`, `file` one of [`NEIGH_MODELLED`].
    Neigh(IfIndex, &'static str),
    /// `net.bridge.bridge-nf-call-iptables` (registered per namespace by br_netfilter, which is
    /// loaded on this kernel: the key exists before any bridge does).
    BridgeNfCallIptables,
    /// `net.ipv6.conf.<dir>.disable_ipv6` (the only IPv6 knob: it decides whether a device
    /// has IPv6 at all).
    DisableIpv6(Conf),
}

/// What a `/proc/sys` path is in a namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Knob(Knob),
    /// A file the kernel has that pathsim does not model.
    Unmodelled,
    /// Such a file, read-only (no owner write bit): a write fails.
    ReadOnly,
    Dir,
    /// `ENOENT`.
    Missing,
    /// `ENOTDIR`: the path goes through (or ends with `/` after) a file.
    NotDir,
}

/// The files under `/proc/sys/net` in namespace `ns` (relative to `/proc/sys/net`) that can
/// matter for a path whose components after `net` are `rest`: the global ones, `all` and
/// `default`, and the per-device ones of the device the path names (or of one device, which
/// is enough to tell whether a per-device directory exists).
fn net_files(world: &World, ns: NsId, rest: &[&str]) -> Vec<String> {
    let devices = &world.ns(ns).devices;
    let devs: Vec<&Device> = match rest.get(2) {
        Some(name) => devices.values().filter(|d| d.name == *name).collect(),
        None => devices.values().take(1).collect(),
    };
    let mut out: Vec<String> = files::GLOBAL.iter().map(|f| (*f).to_string()).collect();
    for v in ["ipv4", "ipv6"] {
        let conf = if v == "ipv4" {
            files::IPV4_CONF
        } else {
            files::IPV6_CONF
        };
        // A device without IPv6 state (mtu below 1280) has no `ipv6/{conf,neigh}/DEV`.
        let names: Vec<&str> = devs
            .iter()
            .filter(|d| v == "ipv4" || d.has_inet6_dev())
            .map(|d| d.name.as_str())
            .collect();
        for dir in ["all", "default"].iter().chain(names.iter()) {
            out.extend(conf.iter().map(|f| format!("{v}/conf/{dir}/{f}")));
        }
        for dev in &names {
            out.extend(files::NEIGH.iter().map(|f| format!("{v}/neigh/{dev}/{f}")));
        }
    }
    out
}

/// Resolves `path` (relative to `/proc/sys`, `/`-separated, empty components ignored as the
/// VFS does).
pub fn resolve(world: &World, ns: NsId, path: &str) -> Node {
    let comps: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let trailing_slash = path.ends_with('/');
    let Some((&top, rest)) = comps.split_first() else {
        return Node::Dir;
    };
    if OTHER_TOPS.contains(&top) {
        if rest.is_empty() {
            return Node::Dir;
        }
        let files: Vec<(&str, &str)> = files::OTHER_TOPS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect();
        let paths: Vec<String> = files.iter().map(|(_, p)| (*p).to_string()).collect();
        let read_only = |rel: &str| {
            files
                .iter()
                .any(|(mode, p)| *p == rel && !mode.starts_with(['2', '3', '6', '7']))
        };
        return match classify(&paths, &comps, trailing_slash) {
            Some(rel) if read_only(&rel) => Node::ReadOnly,
            Some(_) => Node::Unmodelled,
            None => directory_or_missing(&paths, &comps),
        };
    }
    if top != "net" {
        return Node::Missing;
    }
    if rest.is_empty() {
        return Node::Dir;
    }
    let files = net_files(world, ns, rest);
    match classify(&files, rest, trailing_slash) {
        Some(_) => match knob(world, ns, rest) {
            Some(k) => Node::Knob(k),
            None if is_read_only(rest) => Node::ReadOnly,
            None => Node::Unmodelled,
        },
        None => directory_or_missing(&files, rest),
    }
}

/// `Some(path)` when `comps` names one of `files` (joined with `/`); a file named with a
/// trailing slash is not one (`ENOTDIR`, left to [`directory_or_missing`]).
fn classify(files: &[String], comps: &[&str], trailing_slash: bool) -> Option<String> {
    let rel = comps.join("/");
    (files.contains(&rel) && !trailing_slash).then_some(rel)
}

/// What a path that names no file is: a directory holding some, `ENOTDIR` when it goes
/// through (or ends with `/` after) a file, else `ENOENT`.
fn directory_or_missing(files: &[String], comps: &[&str]) -> Node {
    let rel = comps.join("/");
    let dir_prefix = format!("{rel}/");
    if files.iter().any(|f| f.starts_with(&dir_prefix)) {
        return Node::Dir;
    }
    let through_file = (1..=comps.len()).any(|n| files.contains(&comps[..n].join("/")));
    if through_file {
        Node::NotDir
    } else {
        Node::Missing
    }
}

/// Whether a net file (components after `net`) is one of [`files::READ_ONLY`].
fn is_read_only(rest: &[&str]) -> bool {
    files::READ_ONLY.iter().any(|t| {
        let t: Vec<&str> = t.split('/').collect();
        t.len() == rest.len() && t.iter().zip(rest).all(|(a, b)| *a == "DEV" || a == b)
    })
}

/// The modelled knob an existing file (components after `net`) is, if any.
fn knob(world: &World, ns: NsId, rest: &[&str]) -> Option<Knob> {
    let static_of = |list: &[&'static str], name: &str| list.iter().copied().find(|k| *k == name);
    let dev_of = |name: &str| world.ns(ns).ifindex_of(name);
    match rest {
        ["ipv4", "ip_forward"] => Some(Knob::IpForward),
        ["ipv4", name] => static_of(GLOBALS, name).map(Knob::Global),
        ["ipv4", "conf", dir, key] => {
            let conf = match *dir {
                "all" => Conf::All,
                "default" => Conf::Default,
                dev => Conf::Dev(dev_of(dev)?),
            };
            static_of(DEVCONF_KEYS, key).map(|k| Knob::Conf(conf, k))
        }
        ["ipv4", "neigh", dev, key] => {
            static_of(NEIGH_MODELLED, key).and_then(|k| Some(Knob::Neigh(dev_of(dev)?, k)))
        }
        ["bridge", "bridge-nf-call-iptables"] => Some(Knob::BridgeNfCallIptables),
        ["ipv6", "conf", dir, "disable_ipv6"] => Some(Knob::DisableIpv6(match *dir {
            "all" => Conf::All,
            "default" => Conf::Default,
            dev => Conf::Dev(dev_of(dev)?),
        })),
        _ => None,
    }
}

/// `-{mag}` or `{mag}`: how `proc_put_long` prints a sign and magnitude (so `-0` is possible).
fn signed(neg: bool, mag: i64) -> String {
    if neg {
        format!("-{mag}")
    } else {
        mag.to_string()
    }
}

/// The text a read of `knob` returns (without the newline).
pub fn read(world: &World, ns: NsId, knob: Knob) -> String {
    let n = world.ns(ns);
    let s = &n.sysctl;
    match knob {
        Knob::IpForward => s.ip_forward.to_string(),
        Knob::Global(name) => s.clone().global_mut(name).map_or(0, |v| *v).to_string(),
        Knob::Conf(conf, key) => {
            let c = match conf {
                Conf::All => Some(&s.conf_all),
                Conf::Default => Some(&s.conf_default),
                Conf::Dev(i) => n.devices.get(&i).map(|d| &d.conf),
            };
            c.and_then(|c| c.field(key)).unwrap_or(0).to_string()
        }
        Knob::Neigh(dev, file) => {
            let Some(mut p) = n.devices.get(&dev).map(|d| d.neigh_parms.clone()) else {
                return "0".into();
            };
            let ms_jiffies = |ms: i64| ms / (1000 / HZ);
            match file {
                // proc_dointvec_jiffies over a value kept in ms: jiffies / HZ.
                "base_reachable_time" => {
                    let j = ms_jiffies(p.base_reachable_time_ms);
                    signed(j < 0, j.abs() / HZ)
                }
                // proc_dointvec_userhz_jiffies: jiffies_to_clock_t.
                "retrans_time" => {
                    let j = ms_jiffies(p.retrans_time_ms);
                    signed(j < 0, j.abs() * USER_HZ / HZ)
                }
                "unres_qlen" => (p.unres_qlen_bytes / UNRES_QLEN_TRUESIZE).to_string(),
                f => p.field_mut(f).map_or(0, |v| *v).to_string(),
            }
        }
        Knob::BridgeNfCallIptables => s.bridge_nf_call_iptables.to_string(),
        Knob::DisableIpv6(conf) => match conf {
            Conf::All => s.ipv6_disable_all,
            Conf::Default => s.ipv6_disable_default,
            Conf::Dev(i) => n.devices.get(&i).map_or(0, |d| d.disable_ipv6),
        }
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::device::Bridge;
    use crate::rtnl::link::{add_bridge, add_veth};

    fn world() -> World {
        let mut w = World::new(1);
        add_veth(&mut w, 0, "veth.2", None, 0, "veth-pod1", None).unwrap();
        add_bridge(&mut w, 0, "br0", None, Bridge::default()).unwrap();
        w
    }

    #[test]
    fn resolves_modelled_unmodelled_dirs_and_missing() {
        let w = world();
        let veth = w.ns(0).ifindex_of("veth.2").unwrap();
        assert_eq!(
            resolve(&w, 0, "net/ipv4/ip_forward"),
            Node::Knob(Knob::IpForward)
        );
        assert_eq!(
            resolve(&w, 0, "net/ipv4/conf/veth.2/proxy_arp"),
            Node::Knob(Knob::Conf(Conf::Dev(veth), "proxy_arp"))
        );
        assert_eq!(
            resolve(&w, 0, "net//ipv4/neigh/veth.2/proxy_delay"),
            Node::Knob(Knob::Neigh(veth, "proxy_delay"))
        );
        assert_eq!(resolve(&w, 0, "net/ipv4/tcp_syncookies"), Node::Unmodelled);
        assert_eq!(
            resolve(&w, 0, "net/ipv4/conf/all/mc_forwarding"),
            Node::ReadOnly
        );
        assert_eq!(
            resolve(&w, 0, "net/ipv4/neigh/br0/anycast_delay"),
            Node::Unmodelled
        );
        assert_eq!(resolve(&w, 0, "kernel/hostname"), Node::Unmodelled);
        assert_eq!(resolve(&w, 0, "net/ipv4/conf/veth0"), Node::Missing);
        assert_eq!(
            resolve(&w, 0, "net/ipv4/neigh/default/proxy_delay"),
            Node::Missing
        );
        assert_eq!(resolve(&w, 0, "net/ipv4/nope"), Node::Missing);
        assert_eq!(resolve(&w, 0, "nope/x"), Node::Missing);
        assert_eq!(resolve(&w, 0, "net/ipv4/conf/veth.2"), Node::Dir);
        assert_eq!(resolve(&w, 0, "net/ipv4/ip_forward/"), Node::NotDir);
        assert_eq!(resolve(&w, 0, "net/ipv4/ip_forward/x"), Node::NotDir);
        assert_eq!(
            resolve(&w, 0, "net/bridge/bridge-nf-call-iptables"),
            Node::Knob(Knob::BridgeNfCallIptables)
        );
    }

    #[test]
    fn reads_in_the_kernels_units() {
        let mut w = world();
        let veth = w.ns(0).ifindex_of("veth.2").unwrap();
        assert_eq!(read(&w, 0, Knob::Neigh(veth, "retrans_time")), "100");
        assert_eq!(read(&w, 0, Knob::Neigh(veth, "base_reachable_time")), "30");
        assert_eq!(read(&w, 0, Knob::Neigh(veth, "unres_qlen")), "101");
        assert_eq!(read(&w, 0, Knob::Neigh(veth, "proxy_delay")), "80");
        assert_eq!(read(&w, 0, Knob::Global("icmp_ratemask")), "6168");
        assert_eq!(read(&w, 0, Knob::Conf(Conf::All, "send_redirects")), "1");
        let d = w.ns_mut(0).devices.get_mut(&veth).unwrap();
        d.neigh_parms.retrans_time_ms = -4;
        assert_eq!(read(&w, 0, Knob::Neigh(veth, "retrans_time")), "-0");
    }
}
