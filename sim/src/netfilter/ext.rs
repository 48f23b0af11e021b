//! Matches without connection state: `iprange`, `pkttype`, `length`, `ttl`, `mac`
//! (net/netfilter/xt_iprange.c, xt_pkttype.c, xt_length.c, xt_hl.c, xt_mac.c) and `limit`
//! (see [`super::limit`]), with their libxt_* option parsing, `-L` and `-S` texts.

use super::error::NfError;
use super::eval::PacketInfo;
use super::limit::{self, Limit};
use serde::Serialize;
use std::fmt::Write;
use std::net::Ipv4Addr;

type R<T> = Result<T, NfError>;

fn param<T>(m: impl Into<String>) -> R<T> {
    Err(NfError::Param(m.into()))
}

/// `lo-hi` with the inversion (`struct xt_iprange_mtinfo`, one direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IpRange {
    pub lo: Ipv4Addr,
    pub hi: Ipv4Addr,
    pub inv: bool,
}

impl IpRange {
    /// One direction of `iprange_mt4`: outside `[lo, hi]` fails unless inverted.
    fn hit(self, a: Ipv4Addr) -> bool {
        let a = u32::from(a);
        let outside = a < u32::from(self.lo) || a > u32::from(self.hi);
        outside == self.inv
    }
}

/// `-m ttl` mode (`IPT_TTL_EQ/NE/LT/GT`; `! --ttl-eq` is stored as NE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TtlMode {
    Eq,
    Ne,
    Lt,
    Gt,
}

/// `skb->pkt_type` values (`PACKET_*` of linux/if_packet.h).
pub const PACKET_HOST: u8 = 0;
pub const PACKET_BROADCAST: u8 = 1;
pub const PACKET_MULTICAST: u8 = 2;
pub const PACKET_OTHERHOST: u8 = 3;
pub const PACKET_LOOPBACK: u8 = 5;

/// `--pkt-type` names libxt_pkttype accepts (case-insensitively); the first name of a value
/// is the one printed.
const PKT_TYPES: &[(&str, u8)] = &[
    ("unicast", PACKET_HOST),
    ("broadcast", PACKET_BROADCAST),
    ("multicast", PACKET_MULTICAST),
    ("otherhost", PACKET_OTHERHOST),
    ("bcast", PACKET_BROADCAST),
    ("mcast", PACKET_MULTICAST),
    ("host", PACKET_HOST),
];

/// libxt_limit's default average: 3/hour in 1/10000 s.
const DEFAULT_AVG: u32 = 10_000 * 3_600 / 3;

/// One of these matches as stored in a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ExtMatch {
    Iprange {
        src: Option<IpRange>,
        dst: Option<IpRange>,
    },
    Pkttype {
        ty: u8,
        inv: bool,
    },
    Length {
        min: u16,
        max: u16,
        inv: bool,
    },
    Ttl {
        mode: TtlMode,
        value: u8,
    },
    Mac {
        addr: [u8; 6],
        inv: bool,
    },
    Limit(Limit),
}

/// A match of this module being built from its options.
#[derive(Debug, Clone)]
pub struct ExtPending {
    name: &'static str,
    m: Option<ExtMatch>,
    seen: Vec<&'static str>,
    /// `-m limit`'s average (1/10000 s) and burst as given so far.
    limit: (u32, u32),
}

impl ExtPending {
    /// `-m NAME` for the modules of this file.
    pub fn load(name: &str) -> Option<ExtPending> {
        let name = ["iprange", "pkttype", "length", "ttl", "mac", "limit"]
            .into_iter()
            .find(|n| *n == name)?;
        Some(ExtPending {
            name,
            m: None,
            seen: Vec::new(),
            limit: (DEFAULT_AVG, limit::DEFAULT_BURST),
        })
    }

    pub fn options(&self) -> &'static [&'static str] {
        match self.name {
            "iprange" => &["src-range", "dst-range"],
            "pkttype" => &["pkt-type"],
            "length" => &["length"],
            "ttl" => &["ttl-eq", "ttl-lt", "ttl-gt"],
            "limit" => &["limit", "limit-burst"],
            _ => &["mac-source"],
        }
    }

    /// One option (`x6_parse` of the libxt module, with xtables' option checks).
    pub fn option(&mut self, opt: &'static str, v: &str, inv: bool) -> R<()> {
        let name = self.name;
        if self.seen.contains(&opt) {
            return param(format!(
                "{name}: option \"--{opt}\" can only be used once.\n"
            ));
        }
        if name == "ttl" {
            if let Some(old) = self.seen.first() {
                return param(format!(
                    "ttl: option \"--{opt}\" cannot be used together with \"--{old}\".\n"
                ));
            }
            if inv && opt != "ttl-eq" {
                return param(format!("ttl: option \"--{opt}\" cannot be inverted.\n"));
            }
        }
        if name == "limit" && inv {
            return param(format!("limit: option \"--{opt}\" cannot be inverted.\n"));
        }
        self.seen.push(opt);
        match name {
            "iprange" => {
                let r = parse_range(v, opt)?;
                let r = IpRange { inv, ..r };
                let (mut src, mut dst) = match self.m.take() {
                    Some(ExtMatch::Iprange { src, dst }) => (src, dst),
                    _ => (None, None),
                };
                if opt == "src-range" {
                    src = Some(r);
                } else {
                    dst = Some(r);
                }
                self.m = Some(ExtMatch::Iprange { src, dst });
            }
            "pkttype" => {
                let ty = PKT_TYPES
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(v))
                    .map(|(_, t)| *t)
                    .ok_or_else(|| NfError::Param(format!("Bad packet type '{v}'")))?;
                self.m = Some(ExtMatch::Pkttype { ty, inv });
            }
            "length" => {
                let (min, max) = parse_length(v)?;
                self.m = Some(ExtMatch::Length { min, max, inv });
            }
            "ttl" => {
                let value = super::parse::parse_u32(v)
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or_else(|| {
                        NfError::Param(format!(
                            "ttl: bad value for option \"--{opt}\", or out of range (0-255).\n"
                        ))
                    })?;
                let mode = match (opt, inv) {
                    ("ttl-eq", false) => TtlMode::Eq,
                    ("ttl-eq", true) => TtlMode::Ne,
                    ("ttl-lt", _) => TtlMode::Lt,
                    _ => TtlMode::Gt,
                };
                self.m = Some(ExtMatch::Ttl { mode, value });
            }
            "limit" => {
                if opt == "limit" {
                    self.limit.0 = limit::parse_rate(v)?;
                } else {
                    self.limit.1 = super::parse::parse_u32(v)
                        .filter(|b| *b <= 10_000)
                        .ok_or_else(|| {
                            NfError::Param(
                                "limit: bad value for option \"--limit-burst\", or out of range (0-10000).\n"
                                    .into(),
                            )
                        })?;
                }
            }
            _ => {
                let addr = parse_mac(v)
                    .ok_or_else(|| NfError::Param("Invalid MAC address specified.".into()))?;
                self.m = Some(ExtMatch::Mac { addr, inv });
            }
        }
        Ok(())
    }

    /// The final check (`x6_fcheck` or the mandatory-option check).
    pub fn finish(self) -> R<ExtMatch> {
        match (self.m, self.name) {
            (Some(m), _) => Ok(m),
            (None, "limit") => Ok(ExtMatch::Limit(Limit::new(self.limit.0, self.limit.1))),
            (None, "iprange") => {
                param("iprange match: You must specify `--src-range' or `--dst-range'")
            }
            (None, "ttl") => {
                param("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt")
            }
            (None, "pkttype") => param("pkttype: option \"--pkt-type\" must be specified\n"),
            (None, "length") => param("length: option \"--length\" must be specified\n"),
            (None, _) => param("mac: option \"--mac-source\" must be specified\n"),
        }
    }
}

/// The warning libxt_iprange prints for a reversed range (the rule is still added).
pub fn warning(m: &ExtMatch) -> Option<String> {
    let ExtMatch::Iprange { src, dst } = m else {
        return None;
    };
    [src, dst]
        .into_iter()
        .flatten()
        .find(|r| r.lo > r.hi)
        .map(|r| {
            format!(
                "xt_iprange: range {}-{} is reversed and will never match\n",
                r.lo, r.hi
            )
        })
}

/// `xtables_numeric_to_ipaddr`: one to four dotted numbers, missing ones are 0.
fn parse_ip(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut o = [0u8; 4];
    for (k, p) in parts.iter().enumerate() {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        o[k] = p.parse().ok()?;
    }
    Some(Ipv4Addr::from(o))
}

/// `iprange_parse_range`: `A[-B]`.
fn parse_range(v: &str, opt: &str) -> R<IpRange> {
    let bad = |w: &str| {
        NfError::Param(format!(
            "iprange: Bad value for \"--{opt}\" option: \"{w}\""
        ))
    };
    let (a, b) = v.split_once('-').unwrap_or((v, v));
    let lo = parse_ip(a).ok_or_else(|| bad(a))?;
    let hi = parse_ip(b).ok_or_else(|| bad(b))?;
    Ok(IpRange { lo, hi, inv: false })
}

/// `--length N[:M]` (xtables' `XTTYPE_UINT16RC`; an empty side is 0 or 65535).
fn parse_length(v: &str) -> R<(u16, u16)> {
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() > 2 {
        return param("length: Too many components for option \"--length\" (max: 2)\n");
    }
    let num = |s: &str, dflt: u16| -> R<u16> {
        if s.is_empty() {
            return Ok(dflt);
        }
        super::parse::parse_u32(s)
            .and_then(|n| u16::try_from(n).ok())
            .ok_or_else(|| {
                NfError::Param(format!(
                    "length: bad value for option \"--length\" near \"{s}\", or out of range (0-65535).\n"
                ))
            })
    };
    let min = num(parts[0], 0)?;
    let max = match parts.get(1) {
        Some(m) => num(m, u16::MAX)?,
        None => min,
    };
    Ok((min, max))
}

/// `xtables_parse_mac`: six colon-separated hex bytes of one or two digits.
fn parse_mac(v: &str) -> Option<[u8; 6]> {
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() != 6 {
        return None;
    }
    let mut mac = [0u8; 6];
    for (k, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 2 {
            return None;
        }
        mac[k] = u8::from_str_radix(p, 16).ok()?;
    }
    Some(mac)
}

fn mac_text(a: &[u8; 6]) -> String {
    let v: Vec<String> = a.iter().map(|b| format!("{b:02x}")).collect();
    v.join(":")
}

fn pkt_type_name(ty: u8) -> String {
    PKT_TYPES
        .iter()
        .find(|(_, t)| *t == ty)
        .map_or_else(|| ty.to_string(), |(n, _)| (*n).to_string())
}

impl ExtMatch {
    pub fn name(&self) -> &'static str {
        match self {
            ExtMatch::Iprange { .. } => "iprange",
            ExtMatch::Pkttype { .. } => "pkttype",
            ExtMatch::Length { .. } => "length",
            ExtMatch::Ttl { .. } => "ttl",
            ExtMatch::Mac { .. } => "mac",
            ExtMatch::Limit(_) => "limit",
        }
    }

    /// Only `mac` has a hook restriction (`mac_mt_reg.hooks`: PREROUTING, INPUT, FORWARD).
    pub fn hooks_ok(&self, hooks: u8) -> bool {
        use super::Hook;
        let allowed = Hook::PreRouting.bit() | Hook::LocalIn.bit() | Hook::Forward.bit();
        !matches!(self, ExtMatch::Mac { .. }) || hooks & !allowed == 0
    }

    /// `iprange_mt4`, `pkttype_mt`, `length_mt`, `ttl_mt`, `mac_mt`.
    pub fn matches(&mut self, pkt: &PacketInfo) -> bool {
        match *self {
            ExtMatch::Limit(ref mut l) => l.hit(pkt.now),
            ExtMatch::Iprange { src, dst } => {
                src.is_none_or(|r| r.hit(pkt.src)) && dst.is_none_or(|r| r.hit(pkt.dst))
            }
            ExtMatch::Pkttype { ty, inv } => {
                // A looped-back copy counts as multicast or broadcast by its destination.
                let t = if pkt.pkt_type != PACKET_LOOPBACK {
                    pkt.pkt_type
                } else if pkt.dst.is_multicast() {
                    PACKET_MULTICAST
                } else {
                    PACKET_BROADCAST
                };
                (t == ty) != inv
            }
            ExtMatch::Length { min, max, inv } => {
                let l = pkt.len;
                (l >= u32::from(min) && l <= u32::from(max)) != inv
            }
            ExtMatch::Ttl { mode, value } => match mode {
                TtlMode::Eq => pkt.ttl == value,
                TtlMode::Ne => pkt.ttl != value,
                TtlMode::Lt => pkt.ttl < value,
                TtlMode::Gt => pkt.ttl > value,
            },
            // Without an Ethernet header (lo, locally generated) nothing matches, inverted
            // or not.
            ExtMatch::Mac { addr, inv } => pkt.src_mac.is_some_and(|m| (m == addr) != inv),
        }
    }

    /// The `-L` text (leading space included).
    pub fn list_text(&self, out: &mut String) {
        let bang = |b: bool| if b { "! " } else { "" };
        match self {
            ExtMatch::Iprange { src, dst } => {
                for (what, r) in [("source", src), ("destination", dst)] {
                    if let Some(r) = r {
                        let _ = write!(out, " {what} IP range {}{}-{}", bang(r.inv), r.lo, r.hi);
                    }
                }
            }
            ExtMatch::Pkttype { ty, inv } => {
                let _ = write!(
                    out,
                    " PKTTYPE {} {}",
                    if *inv { "!=" } else { "=" },
                    pkt_type_name(*ty)
                );
            }
            ExtMatch::Length { min, max, inv } => {
                let inv = if *inv { "!" } else { "" };
                if min == max {
                    let _ = write!(out, " length {inv}{min}");
                } else {
                    let _ = write!(out, " length {inv}{min}:{max}");
                }
            }
            ExtMatch::Ttl { mode, value } => {
                let op = match mode {
                    TtlMode::Eq => "==",
                    TtlMode::Ne => "!=",
                    TtlMode::Lt => "<",
                    TtlMode::Gt => ">",
                };
                let _ = write!(out, " TTL match TTL {op} {value}");
            }
            ExtMatch::Mac { addr, inv } => {
                let _ = write!(out, " MAC {}{}", bang(*inv), mac_text(addr));
            }
            ExtMatch::Limit(l) => out.push_str(&l.list_text()),
        }
    }

    /// The `-S` text after ` -m NAME`.
    pub fn save_text(&self, out: &mut String) {
        let bang = |b: bool| if b { " !" } else { "" };
        match self {
            ExtMatch::Iprange { src, dst } => {
                for (what, r) in [("src", src), ("dst", dst)] {
                    if let Some(r) = r {
                        let _ = write!(out, "{} --{what}-range {}-{}", bang(r.inv), r.lo, r.hi);
                    }
                }
            }
            ExtMatch::Pkttype { ty, inv } => {
                let _ = write!(out, "{} --pkt-type {}", bang(*inv), pkt_type_name(*ty));
            }
            ExtMatch::Length { min, max, inv } => {
                let _ = write!(out, "{} --length {min}", bang(*inv));
                if min != max {
                    let _ = write!(out, ":{max}");
                }
            }
            ExtMatch::Ttl { mode, value } => {
                let (inv, opt) = match mode {
                    TtlMode::Eq => ("", "eq"),
                    TtlMode::Ne => (" !", "eq"),
                    TtlMode::Lt => ("", "lt"),
                    TtlMode::Gt => ("", "gt"),
                };
                let _ = write!(out, "{inv} --ttl-{opt} {value}");
            }
            ExtMatch::Mac { addr, inv } => {
                let _ = write!(out, "{} --mac-source {}", bang(*inv), mac_text(addr));
            }
            ExtMatch::Limit(l) => out.push_str(&l.save_text()),
        }
    }
}

#[cfg(test)]
#[path = "ext_tests.rs"]
mod tests;
