//! The filter of `ip addr show|flush` (iproute2 `ipaddr_list_flush_or_save`): the link part
//! (`[dev] DEV`, `type`, `master`, `up`) plus what selects single addresses — `to PREFIX`,
//! `scope S|all`, `label PATTERN` and the flag list (`secondary`, `primary`, `permanent`,
//! `dynamic`, `tentative`, `-tentative`, …: `get_filter`).

use super::link::ShowFilter;
use super::{invarg_nl, next_arg, Opts};
use crate::cmd::Output;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `IFA_F_*` bits as iproute2 names them (`ifa_flag_names`); `temporary` is `secondary`.
const FLAG_NAMES: &[(&str, u32)] = &[
    ("secondary", 0x01),
    ("temporary", 0x01),
    ("nodad", 0x02),
    ("optimistic", 0x04),
    ("dadfailed", 0x08),
    ("home", 0x10),
    ("deprecated", 0x20),
    ("tentative", 0x40),
    ("permanent", 0x80),
    ("mngtmpaddr", 0x100),
    ("noprefixroute", 0x200),
    ("autojoin", 0x400),
    ("stable-privacy", 0x800),
];

pub const IFA_F_SECONDARY: u32 = 0x01;
pub const IFA_F_TENTATIVE: u32 = 0x40;
pub const IFA_F_PERMANENT: u32 = 0x80;

/// The address family a filter asks for (`-4`, `-6`, or the family of `to PREFIX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Any,
    Inet,
    Inet6,
}

/// One address as the filter sees it (what `RTM_NEWADDR` carries).
pub struct AddrView<'a> {
    pub local: IpAddr,
    pub scope: u8,
    pub flags: u32,
    /// `IFA_LABEL` for IPv4; IPv6 addresses have none and match by device name.
    pub label: &'a str,
}

#[derive(Default)]
pub struct AddrFilter {
    pub link: ShowFilter,
    family: Option<Family>,
    /// `scope S`; `None` with no `scope` or with `scope all` (scopemask 0).
    scope: Option<u8>,
    flags: u32,
    flagmask: u32,
    to: Option<(IpAddr, u8)>,
}

impl AddrFilter {
    /// Parses the words after `show`/`flush` in iproute2's order of tests.
    pub fn parse(args: &[String], opts: Opts) -> Result<AddrFilter, Output> {
        let mut f = AddrFilter {
            family: Some(if opts.family4 {
                Family::Inet
            } else if opts.family6 {
                Family::Inet6
            } else {
                Family::Any
            }),
            ..AddrFilter::default()
        };
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "to" => {
                    let p = parse_prefix(next_arg(args, &mut i)?, f.family())?;
                    if f.family() == Family::Any {
                        f.family = Some(match p.0 {
                            IpAddr::V4(_) => Family::Inet,
                            IpAddr::V6(_) => Family::Inet6,
                        });
                    }
                    f.to = Some(p);
                }
                "scope" => {
                    let v = next_arg(args, &mut i)?;
                    f.scope = match v {
                        "all" => None,
                        _ => Some(scope_value(v).ok_or_else(|| invarg_nl(v, "invalid \"scope\""))?),
                    };
                }
                "up" => f.link.up = true,
                "label" => {
                    let p = next_arg(args, &mut i)?;
                    // fnmatch(3) treats a malformed bracket as literal text; glob refuses it.
                    let pat = glob::Pattern::new(p)
                        .or_else(|_| glob::Pattern::new(&glob::Pattern::escape(p)))
                        .map_err(|e| {
                            Output::err(format!("Error: invalid label \"{p}\": {e}"), 1)
                        })?;
                    f.link.label = Some(pat);
                }
                "type" => f.link.kind = Some(next_arg(args, &mut i)?.to_string()),
                "master" => f.link.master = Some(next_arg(args, &mut i)?.to_string()),
                _ if f.flag(a) => {}
                _ => {
                    let dev = if a == "dev" {
                        next_arg(args, &mut i)?
                    } else {
                        a
                    };
                    if f.link.dev.is_some() {
                        return Err(Output::err(
                            format!(
                                "Error: either \"dev\" is duplicate, or \"{dev}\" is a garbage."
                            ),
                            255,
                        ));
                    }
                    f.link.dev = Some(dev.to_string());
                }
            }
            i += 1;
        }
        Ok(f)
    }

    /// `get_filter`: a flag name, `-NAME` for its absence; `dynamic` is `-permanent` and
    /// `primary` is `-secondary`.
    fn flag(&mut self, word: &str) -> bool {
        let (mut inv, mut name) = match word.strip_prefix('-') {
            Some(n) => (true, n),
            None => (false, word),
        };
        if name == "dynamic" {
            inv = !inv;
            name = "permanent";
        } else if name == "primary" {
            inv = !inv;
            name = "secondary";
        }
        let Some(&(_, mask)) = FLAG_NAMES.iter().find(|(n, _)| *n == name) else {
            return false;
        };
        if inv {
            self.flags &= !mask;
        } else {
            self.flags |= mask;
        }
        self.flagmask |= mask;
        true
    }

    pub fn family(&self) -> Family {
        self.family.unwrap_or(Family::Any)
    }

    /// Whether the filter selects single addresses, so that a device whose addresses all
    /// fail it is left out (`ipaddr_filter`).
    pub fn wants_family(&self, v6: bool) -> bool {
        match self.family() {
            Family::Any => true,
            Family::Inet => !v6,
            Family::Inet6 => v6,
        }
    }

    /// `print_addrinfo`'s tests for one address of the right family: scope, flags, label
    /// and `to` prefix.
    pub fn accepts(&self, a: &AddrView) -> bool {
        self.scope.is_none_or(|s| s == a.scope)
            && (self.flags ^ a.flags) & self.flagmask == 0
            && self.link.label.as_ref().is_none_or(|p| p.matches(a.label))
            && self
                .to
                .is_none_or(|(p, len)| prefix_covers(p, len, a.local))
    }
}

/// `rtnl_rtscope_a2n`: a name or a number 0–255.
fn scope_value(v: &str) -> Option<u8> {
    match v {
        "global" | "universe" => Some(0),
        "site" => Some(200),
        "link" => Some(253),
        "host" => Some(254),
        "nowhere" => Some(255),
        _ => v.parse().ok(),
    }
}

/// `get_prefix` in the filter's family, with its error texts.
fn parse_prefix(v: &str, family: Family) -> Result<(IpAddr, u8), Output> {
    let bad = || {
        let what = match family {
            Family::Any => "any valid",
            Family::Inet => "inet",
            Family::Inet6 => "inet6",
        };
        Output::err(
            format!("Error: {what} prefix is expected rather than \"{v}\"."),
            1,
        )
    };
    let (addr, len) = match v.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (v, None),
    };
    let ip: IpAddr = match (family, addr.parse::<Ipv4Addr>(), addr.parse::<Ipv6Addr>()) {
        (Family::Any | Family::Inet, Ok(a), _) => IpAddr::V4(a),
        (Family::Any | Family::Inet6, _, Ok(a)) => IpAddr::V6(a),
        _ => return Err(bad()),
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let len = match len {
        Some(l) => l.parse::<u8>().ok().filter(|l| *l <= max).ok_or_else(bad)?,
        None => max,
    };
    Ok((ip, len))
}

/// `inet_addr_match`: the first `len` bits agree; an address of the other family never does.
fn prefix_covers(p: IpAddr, len: u8, a: IpAddr) -> bool {
    let bits = |x: IpAddr| -> u128 {
        match x {
            IpAddr::V4(v) => u128::from(u32::from(v)) << 96,
            IpAddr::V6(v) => u128::from(v),
        }
    };
    if p.is_ipv4() != a.is_ipv4() {
        return false;
    }
    let mask = if len == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(len))
    };
    (bits(p) ^ bits(a)) & mask == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &str) -> Result<AddrFilter, Output> {
        let args: Vec<String> = words.split_whitespace().map(String::from).collect();
        AddrFilter::parse(&args, Opts::default())
    }

    fn v4<'a>(a: &str, scope: u8, flags: u32, label: &'a str) -> AddrView<'a> {
        AddrView {
            local: a.parse().unwrap(),
            scope,
            flags,
            label,
        }
    }

    #[test]
    fn primary_and_secondary_select_by_the_secondary_flag() {
        let sec = v4("10.0.0.2", 0, IFA_F_PERMANENT | IFA_F_SECONDARY, "v1");
        let pri = v4("10.0.0.1", 0, IFA_F_PERMANENT, "v1");
        let f = parse("secondary").unwrap();
        assert!(f.accepts(&sec) && !f.accepts(&pri));
        let f = parse("primary").unwrap();
        assert!(!f.accepts(&sec) && f.accepts(&pri));
        let f = parse("-secondary").unwrap();
        assert!(!f.accepts(&sec) && f.accepts(&pri));
        assert!(!parse("dynamic").unwrap().accepts(&pri));
        assert!(parse("permanent").unwrap().accepts(&pri));
    }

    #[test]
    fn to_sets_the_family_and_matches_by_prefix() {
        let f = parse("to 10.1.0.0/24").unwrap();
        assert_eq!(f.family(), Family::Inet);
        assert!(f.accepts(&v4("10.1.0.99", 253, IFA_F_PERMANENT, "v1")));
        assert!(!f.accepts(&v4("10.2.0.1", 0, IFA_F_PERMANENT, "v1")));
        let f = parse("to 10.1.0.11").unwrap();
        assert!(!f.accepts(&v4("10.1.0.1", 0, IFA_F_PERMANENT, "v1")));
        assert_eq!(parse("to fe80::/64").unwrap().family(), Family::Inet6);
        let e = parse("to bogus").err().unwrap();
        assert_eq!(
            e.stderr,
            "Error: any valid prefix is expected rather than \"bogus\".\n"
        );
    }

    #[test]
    fn scope_names_numbers_and_all() {
        let link = v4("10.1.0.99", 253, IFA_F_PERMANENT, "v1");
        assert!(parse("scope link").unwrap().accepts(&link));
        assert!(!parse("scope global").unwrap().accepts(&link));
        assert!(parse("scope 253").unwrap().accepts(&link));
        assert!(parse("scope all").unwrap().accepts(&link));
        assert_eq!(parse("scope bogus").err().unwrap().status, 255);
    }

    #[test]
    fn a_second_device_is_refused_as_iproute2_does() {
        let e = parse("dev v1 bogus").err().unwrap();
        assert!(e
            .stderr
            .contains("either \"dev\" is duplicate, or \"bogus\" is a garbage."));
        assert_eq!(
            parse("secondary dev v1").unwrap().link.dev.as_deref(),
            Some("v1")
        );
    }
}
