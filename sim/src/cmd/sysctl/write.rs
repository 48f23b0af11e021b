//! What a write to a sysctl file does in the kernel: the proc handler's parsing and range
//! checks (`kernel/sysctl.c`: `proc_get_long`, `proc_dointvec*`), unit conversions (HZ = 250,
//! USER_HZ = 100), and the side effects of `net/ipv4/devinet.c`:
//!
//! - `devinet_sysctl_forward` (`ip_forward`, `conf/*/forwarding`): when `all.forwarding`
//!   (alias `ip_forward`) *changes*, `inet_forward_change` sets `default.forwarding` and every
//!   device's `forwarding` of the namespace to the new value and `all.accept_redirects` to its
//!   negation; writing the value it already has changes nothing. `default.forwarding` and a
//!   device's `forwarding` change only themselves.
//! - `devinet_conf_proc` (every other `conf` key): a write marks the key as set on that
//!   `ipv4_devconf` (`cnf->state`); a write to `conf/default` is copied by
//!   `devinet_copy_dflt_conf` to every device of the namespace whose key was never set.
//!
//! `cnf->state` is `Device::conf_written`, and adding an IPv4 address marks every key
//! (`ipv4_devconf_setall`, `Device::conf_all_written`).

use super::keys::{Conf, Knob, HZ, UNRES_QLEN_TRUESIZE, USER_HZ};
use crate::model::{Device, NsId, World};

/// Why the kernel refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SysctlError {
    /// `EINVAL`: not a number, trailing garbage, or out of the handler's range.
    #[error("Invalid argument")]
    Invalid,
}

const INT_MAX: i64 = i32::MAX as i64;

/// `proc_get_long` with `proc_wspace_sep` as the allowed trailing characters: the first
/// integer of the buffer as (negative, magnitude). Leading white space is skipped; `-` is
/// the only sign; the radix follows the prefix (`0x` hex, `0` octal); what follows the digits
/// must be the end or white space (anything after it is ignored: a one-int file reads one).
pub fn proc_get_long(s: &str) -> Result<(bool, u64), SysctlError> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(SysctlError::Invalid);
    }
    let b = s.as_bytes();
    let (radix, digits) = if b.len() > 2
        && b[0] == b'0'
        && b[1].eq_ignore_ascii_case(&b'x')
        && b[2].is_ascii_hexdigit()
    {
        (16, &s[2..])
    } else if b[0] == b'0' {
        (8, s)
    } else {
        (10, s)
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let rest = &digits[end..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\n'])) {
        return Err(SysctlError::Invalid);
    }
    let mag = u64::from_str_radix(&digits[..end], radix).map_err(|_| SysctlError::Invalid)?;
    Ok((neg, mag))
}

/// `proc_dointvec` (`do_proc_dointvec_conv`): any value that fits an `int`.
fn dointvec(s: &str) -> Result<i64, SysctlError> {
    let (neg, mag) = proc_get_long(s)?;
    let mag = i64::try_from(mag).map_err(|_| SysctlError::Invalid)?;
    match neg {
        true if mag <= INT_MAX + 1 => Ok(-mag),
        false if mag <= INT_MAX => Ok(mag),
        _ => Err(SysctlError::Invalid),
    }
}

/// `proc_dointvec_minmax`.
fn dointvec_minmax(s: &str, min: i64, max: i64) -> Result<i64, SysctlError> {
    Some(dointvec(s)?)
        .filter(|v| (min..=max).contains(v))
        .ok_or(SysctlError::Invalid)
}

/// `proc_dointvec_jiffies`: seconds, kept as `seconds * HZ` in an `int`.
fn dointvec_jiffies(s: &str) -> Result<i64, SysctlError> {
    let (neg, mag) = proc_get_long(s)?;
    let mag = i64::try_from(mag)
        .ok()
        .filter(|m| *m <= INT_MAX / HZ)
        .ok_or(SysctlError::Invalid)?;
    Ok(if neg { -mag } else { mag })
}

/// `proc_dointvec_ms_jiffies` (and its `_positive` form): milliseconds kept as
/// `msecs_to_jiffies` (rounded up to 4 ms); a negative value becomes a huge jiffies count
/// the handler refuses. Returns the milliseconds a read gives back.
fn dointvec_ms_jiffies(s: &str) -> Result<i64, SysctlError> {
    let (neg, mag) = proc_get_long(s)?;
    if neg && mag != 0 {
        return Err(SysctlError::Invalid);
    }
    let ms_per_jiffy = (1000 / HZ) as u64;
    let jiffies = mag.div_ceil(ms_per_jiffy);
    let jiffies = i64::try_from(jiffies)
        .ok()
        .filter(|j| *j <= INT_MAX)
        .ok_or(SysctlError::Invalid)?;
    Ok(jiffies * (1000 / HZ))
}

/// `proc_dointvec_userhz_jiffies`: `clock_t_to_jiffies` into an `int` (a negative value
/// saturates to `~0UL`, i.e. -1 jiffies). Returns the jiffies.
fn dointvec_userhz_jiffies(s: &str) -> Result<i64, SysctlError> {
    let (neg, mag) = proc_get_long(s)?;
    if neg && mag != 0 {
        return Ok(-1);
    }
    let jiffies = u128::from(mag) * HZ as u128 / USER_HZ as u128;
    // Stored into an `int`: the kernel truncates.
    Ok(i64::from(jiffies as u32 as i32))
}

/// `jiffies_to_clock_t` of a signed jiffies count, as a read shows it (sign and magnitude;
/// -0 is kept as 0 because the model keeps USER_HZ values as integers).
fn userhz_of(jiffies: i64) -> i64 {
    let mag = jiffies.abs() * USER_HZ / HZ;
    if jiffies < 0 {
        -mag
    } else {
        mag
    }
}

/// Writes `value` (as the user gave it, already trimmed) to `knob` in namespace `ns`.
pub fn write(world: &mut World, ns: NsId, knob: Knob, value: &str) -> Result<(), SysctlError> {
    match knob {
        Knob::IpForward => write_all_forwarding(world, ns, dointvec(value)?),
        Knob::Conf(Conf::All, "forwarding") => write_all_forwarding(world, ns, dointvec(value)?),
        Knob::Conf(conf, key) => write_conf(world, ns, conf, key, dointvec(value)?),
        Knob::DisableIpv6(conf) => {
            // `addrconf_sysctl_disable`: `all` also sets `default` and every device.
            let v = dointvec(value)?;
            world.dirty.insert(ns);
            let n = world.ns_mut(ns);
            match conf {
                Conf::All => {
                    n.sysctl.ipv6_disable_all = v;
                    n.sysctl.ipv6_disable_default = v;
                    for d in n.devices.values_mut() {
                        d.disable_ipv6 = v;
                    }
                }
                Conf::Default => n.sysctl.ipv6_disable_default = v,
                Conf::Dev(i) => {
                    if let Some(d) = n.devices.get_mut(&i) {
                        d.disable_ipv6 = v;
                    }
                }
            }
            Ok(())
        }
        Knob::Global(name) => {
            let v = match name {
                // ipv4_table: ip_ttl_min / ip_ttl_max.
                "ip_default_ttl" => dointvec_minmax(value, 1, 255)?,
                "icmp_ratelimit" => dointvec_ms_jiffies(value)?,
                "icmp_ratemask" => dointvec(value)?,
                // proc_dou8vec_minmax with SYSCTL_ZERO / SYSCTL_ONE.
                "icmp_echo_ignore_all" | "icmp_echo_ignore_broadcasts" => {
                    dointvec_minmax(value, 0, 1)?
                }
                _ => dointvec_minmax(value, 0, INT_MAX)?,
            };
            if let Some(f) = world.ns_mut(ns).sysctl.global_mut(name) {
                *f = v;
            }
            Ok(())
        }
        Knob::Neigh(dev, file) => {
            let Some(p) = world
                .ns_mut(ns)
                .devices
                .get_mut(&dev)
                .map(|d| &mut d.neigh_parms)
            else {
                return Ok(());
            };
            match file {
                "base_reachable_time_ms" => p.base_reachable_time_ms = dointvec_ms_jiffies(value)?,
                "retrans_time_ms" => p.retrans_time_ms = dointvec_ms_jiffies(value)?,
                "base_reachable_time" => p.base_reachable_time_ms = dointvec_jiffies(value)? * 1000,
                "retrans_time" => p.retrans_time_ms = dointvec_userhz_jiffies(value)? * (1000 / HZ),
                "delay_first_probe_time" => p.delay_first_probe_time_s = dointvec_jiffies(value)?,
                "gc_stale_time" => p.gc_stale_time_s = dointvec_jiffies(value)?,
                "proxy_delay" => p.proxy_delay = userhz_of(dointvec_userhz_jiffies(value)?),
                "locktime" => p.locktime = userhz_of(dointvec_userhz_jiffies(value)?),
                // neigh_proc_dointvec_unres_qlen: packets, kept as bytes.
                "unres_qlen" => {
                    p.unres_qlen_bytes = dointvec_minmax(value, 0, INT_MAX / UNRES_QLEN_TRUESIZE)?
                        * UNRES_QLEN_TRUESIZE
                }
                // NEIGH_SYSCTL_ZERO_INTMAX_ENTRY.
                f => {
                    let v = dointvec_minmax(value, 0, INT_MAX)?;
                    if let Some(field) = p.field_mut(f) {
                        *field = v;
                    }
                }
            }
            Ok(())
        }
        // brnf_sysctl_call_tables: any int, kept as 0 or 1.
        Knob::BridgeNfCallIptables => {
            let v = dointvec(value)?;
            world.ns_mut(ns).sysctl.bridge_nf_call_iptables = i64::from(v != 0);
            Ok(())
        }
    }
}

/// `devinet_sysctl_forward` on `conf/all/forwarding` (alias `ip_forward`), then
/// `inet_forward_change` if the value changed.
fn write_all_forwarding(world: &mut World, ns: NsId, v: i64) -> Result<(), SysctlError> {
    let n = world.ns_mut(ns);
    let old = n.sysctl.conf_all.forwarding;
    n.sysctl.conf_all.forwarding = v;
    n.sysctl.ip_forward = v;
    if v != old {
        n.sysctl.conf_all.accept_redirects = i64::from(v == 0);
        n.sysctl.conf_default.forwarding = v;
        for d in n.devices.values_mut() {
            d.conf.forwarding = v;
        }
    }
    Ok(())
}

/// `!test_bit(i, in_dev->cnf.state)`: the device's `key` was never written.
fn never_set(d: &Device, key: &str) -> bool {
    !d.conf_all_written && !d.conf_written.contains(key)
}

/// `devinet_conf_proc` (and `devinet_sysctl_forward` for `default`/device `forwarding`).
fn write_conf(
    world: &mut World,
    ns: NsId,
    conf: Conf,
    key: &str,
    v: i64,
) -> Result<(), SysctlError> {
    let n = world.ns_mut(ns);
    match conf {
        Conf::All => {
            if let Some(f) = n.sysctl.conf_all.field_mut(key) {
                *f = v;
            }
        }
        Conf::Dev(i) => {
            if let Some(d) = n.devices.get_mut(&i) {
                if let Some(f) = d.conf.field_mut(key) {
                    *f = v;
                }
                if let Some(k) = crate::model::sysctl::DEVCONF_KEYS
                    .iter()
                    .find(|k| **k == key)
                {
                    d.conf_written.insert(k);
                }
            }
        }
        Conf::Default => {
            if let Some(f) = n.sysctl.conf_default.field_mut(key) {
                *f = v;
            }
            // devinet_copy_dflt_conf; forwarding has its own handler, which does not copy.
            if key != "forwarding" {
                for d in n.devices.values_mut() {
                    if never_set(d, key) {
                        if let Some(f) = d.conf.field_mut(key) {
                            *f = v;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtnl::link::add_veth;

    fn world() -> (World, u32, u32) {
        let mut w = World::new(1);
        add_veth(&mut w, 0, "veth0", None, 0, "veth1", None).unwrap();
        let a = w.ns(0).ifindex_of("veth0").unwrap();
        let b = w.ns(0).ifindex_of("veth1").unwrap();
        (w, a, b)
    }

    fn fwd(w: &World, i: u32) -> i64 {
        w.ns(0).devices[&i].conf.forwarding
    }

    #[test]
    fn parses_like_proc_dointvec() {
        assert_eq!(dointvec("1"), Ok(1));
        assert_eq!(dointvec(" 0x1f "), Ok(31));
        assert_eq!(dointvec("010"), Ok(8));
        assert_eq!(dointvec("-0"), Ok(0));
        assert_eq!(dointvec("1 x"), Ok(1));
        assert_eq!(dointvec("1\t"), Ok(1));
        assert_eq!(dointvec("-2147483648"), Ok(-2147483648));
        for bad in [
            "",
            "abc",
            "+1",
            "1x",
            "0x",
            "08",
            "1,2",
            "2147483648",
            "99999999999999999999999",
        ] {
            assert_eq!(dointvec(bad), Err(SysctlError::Invalid), "{bad}");
        }
    }

    #[test]
    fn ip_forward_change_propagates_and_same_value_does_not() {
        let (mut w, a, b) = world();
        write(&mut w, 0, Knob::IpForward, "1").unwrap();
        let s = &w.ns(0).sysctl;
        assert_eq!(
            (
                s.conf_all.forwarding,
                s.conf_default.forwarding,
                s.conf_all.accept_redirects
            ),
            (1, 1, 0)
        );
        assert_eq!((fwd(&w, 1), fwd(&w, a), fwd(&w, b)), (1, 1, 1));
        write(&mut w, 0, Knob::Conf(Conf::Dev(a), "forwarding"), "0").unwrap();
        write(&mut w, 0, Knob::IpForward, "1").unwrap();
        write(&mut w, 0, Knob::Conf(Conf::All, "forwarding"), "1").unwrap();
        assert_eq!((fwd(&w, a), fwd(&w, b)), (0, 1));
        write(&mut w, 0, Knob::Conf(Conf::All, "forwarding"), "0").unwrap();
        let s = &w.ns(0).sysctl;
        assert_eq!(
            (
                s.ip_forward,
                s.conf_default.forwarding,
                s.conf_all.accept_redirects
            ),
            (0, 0, 1)
        );
        assert_eq!((fwd(&w, a), fwd(&w, b)), (0, 0));
        write(&mut w, 0, Knob::IpForward, "2").unwrap();
        assert_eq!(
            (fwd(&w, a), w.ns(0).sysctl.conf_all.accept_redirects),
            (2, 0)
        );
    }

    #[test]
    fn default_forwarding_only_reaches_new_devices() {
        let (mut w, a, _) = world();
        write(&mut w, 0, Knob::Conf(Conf::Default, "forwarding"), "1").unwrap();
        assert_eq!((fwd(&w, a), w.ns(0).sysctl.ip_forward), (0, 0));
        add_veth(&mut w, 0, "veth2", None, 0, "veth3", None).unwrap();
        let c = w.ns(0).ifindex_of("veth2").unwrap();
        assert_eq!(fwd(&w, c), 1);
    }

    #[test]
    fn default_copies_to_devices_never_set() {
        let (mut w, a, b) = world();
        write(&mut w, 0, Knob::Conf(Conf::Dev(b), "rp_filter"), "2").unwrap();
        write(&mut w, 0, Knob::Conf(Conf::Default, "rp_filter"), "1").unwrap();
        let rp = |w: &World, i: u32| w.ns(0).devices[&i].conf.rp_filter;
        assert_eq!(
            (
                rp(&w, 1),
                rp(&w, a),
                rp(&w, b),
                w.ns(0).sysctl.conf_all.rp_filter
            ),
            (1, 1, 2, 0)
        );
    }

    #[test]
    fn ranges_and_units() {
        let (mut w, a, _) = world();
        assert!(write(&mut w, 0, Knob::Global("ip_default_ttl"), "0").is_err());
        assert!(write(&mut w, 0, Knob::Global("ip_default_ttl"), "256").is_err());
        assert!(write(&mut w, 0, Knob::Global("icmp_echo_ignore_all"), "2").is_err());
        assert!(write(&mut w, 0, Knob::Global("icmp_ratelimit"), "-5").is_err());
        write(&mut w, 0, Knob::Global("icmp_ratelimit"), "1234").unwrap();
        assert_eq!(w.ns(0).sysctl.icmp_ratelimit, 1236);
        let n = |w: &World| w.ns(0).devices[&a].neigh_parms.clone();
        write(&mut w, 0, Knob::Neigh(a, "retrans_time_ms"), "7").unwrap();
        assert_eq!(n(&w).retrans_time_ms, 8);
        write(&mut w, 0, Knob::Neigh(a, "retrans_time"), "50").unwrap();
        assert_eq!(n(&w).retrans_time_ms, 500);
        write(&mut w, 0, Knob::Neigh(a, "proxy_delay"), "7").unwrap();
        assert_eq!(n(&w).proxy_delay, 6);
        write(&mut w, 0, Knob::Neigh(a, "unres_qlen"), "1").unwrap();
        assert_eq!(n(&w).unres_qlen_bytes, 2090);
        write(&mut w, 0, Knob::Neigh(a, "base_reachable_time"), "-1").unwrap();
        assert_eq!(n(&w).base_reachable_time_ms, -1000);
        assert!(write(&mut w, 0, Knob::Neigh(a, "base_reachable_time_ms"), "-1").is_err());
        assert!(write(&mut w, 0, Knob::Neigh(a, "mcast_solicit"), "-1").is_err());
        assert!(write(&mut w, 0, Knob::Neigh(a, "gc_stale_time"), "2147483647").is_err());
        write(&mut w, 0, Knob::BridgeNfCallIptables, "5").unwrap();
        assert_eq!(w.ns(0).sysctl.bridge_nf_call_iptables, 1);
    }
}
