//! `ip link add NAME type vxlan …`: iproute2's `vxlan_parse_opt` (its errors and the
//! missing-`dstport` warning) and the `vxlan …` line of `ip -d link` (`vxlan_print_opt`).

use super::{dev_index, invarg, next_arg};
use crate::cmd::Output;
use crate::model::vxlan::Vxlan;
use crate::model::NsId;
use crate::path::Sim;
use std::fmt::Write;
use std::net::Ipv4Addr;

/// iproute2's usage text (`vxlan_explain`), printed after an unknown word.
const USAGE: &str = "Usage: ... vxlan id VNI
\t\t[ { group | remote } IP_ADDRESS ]
\t\t[ local ADDR ]
\t\t[ ttl TTL ]
\t\t[ tos TOS ]
\t\t[ df DF ]
\t\t[ flowlabel LABEL ]
\t\t[ dev PHYS_DEV ]
\t\t[ dstport PORT ]
\t\t[ srcport MIN MAX ]
\t\t[ [no]learning ]
\t\t[ [no]proxy ]
\t\t[ [no]rsc ]
\t\t[ [no]l2miss ]
\t\t[ [no]l3miss ]
\t\t[ ageing SECONDS ]
\t\t[ maxaddress NUMBER ]
\t\t[ [no]udpcsum ]
\t\t[ [no]udp6zerocsumtx ]
\t\t[ [no]udp6zerocsumrx ]
\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]
\t\t[ [no]external ] [ gbp ] [ gpe ]
\t\t[ [no]vnifilter ]

Where:\tVNI\t:= 0-16777215
\tADDR\t:= { IP_ADDRESS | any }
\tTOS\t:= { NUMBER | inherit }
\tTTL\t:= { 1..255 | auto | inherit }
\tDF\t:= { unset | set | inherit }
\tLABEL := 0-1048575";

/// The warning iproute2 prints (and goes on) when `dstport` is missing.
const NO_DSTPORT: &str = "vxlan: destination port not specified
Will use Linux kernel default (non-standard value)
Use 'dstport 4789' to get the IANA assigned value
Use 'dstport 0' to get default and quiet this message";

/// A parsed `type vxlan` request: the configuration and iproute2's warning, if any.
pub struct Parsed {
    pub conf: Vxlan,
    pub warning: Option<&'static str>,
}

/// `get_addr` for an IPv4 address.
fn addr(v: &str) -> Result<Ipv4Addr, Output> {
    v.parse().map_err(|_| {
        Output::err(
            format!("Error: inet address is expected rather than \"{v}\"."),
            1,
        )
    })
}

fn num<T: std::str::FromStr>(v: &str, msg: &str) -> Result<T, Output> {
    crate::model::fib::parse_u32(v)
        .and_then(|n| n.to_string().parse().ok())
        .ok_or_else(|| invarg(v, msg))
}

fn unsupported(word: &str) -> Output {
    Output::unsupported(format!(
        "ip link add … type vxlan {word}: not supported; supported: id|vni, remote, local, dev, dstport, srcport, [no]learning, [no]proxy, [no]l2miss, [no]l3miss, ttl, tos, ageing, [no]udpcsum"
    ))
}

/// Parses the words after `type vxlan` in namespace `ns` (where `dev` is looked up).
pub fn parse(sim: &Sim, ns: NsId, args: &[String]) -> Result<Parsed, Output> {
    let mut v = Vxlan::new(0, ns);
    let (mut vni_set, mut dstport_set) = (false, false);
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "id" | "vni" => {
                let x = next_arg(args, &mut i)?;
                v.vni = num::<u32>(x, "invalid id")
                    .ok()
                    .filter(|n| *n < 1 << 24)
                    .ok_or_else(|| invarg(x, "invalid id"))?;
                vni_set = true;
            }
            "remote" => {
                let x = addr(next_arg(args, &mut i)?)?;
                if x.is_multicast() || x.is_unspecified() {
                    return Err(invarg(&args[i], "invalid remote address"));
                }
                v.remote = Some(x);
            }
            "local" => {
                let raw = next_arg(args, &mut i)?;
                if raw != "any" {
                    let x = addr(raw)?;
                    if x.is_multicast() {
                        return Err(invarg(raw, "invalid local address"));
                    }
                    v.local = Some(x);
                }
            }
            "group" => {
                return Err(Output::unsupported(
                    "ip link add … type vxlan group: multicast groups need IGMP, which pathsim does not model; use remote or bridge fdb entries",
                ))
            }
            "dev" => {
                let x = next_arg(args, &mut i)?;
                v.lower = Some(
                    dev_index(sim, ns, x)
                        .ok_or_else(|| Output::err(format!("Cannot find device \"{x}\""), 255))?,
                );
            }
            "ttl" | "hoplimit" => {
                let x = next_arg(args, &mut i)?;
                v.ttl = match x {
                    "auto" => 0,
                    "inherit" => return Err(unsupported("ttl inherit")),
                    _ => num::<u32>(x, "invalid TTL")?
                        .try_into()
                        .map_err(|_| invarg(x, "TTL must be <= 255"))?,
                };
            }
            "tos" | "dsfield" => {
                let x = next_arg(args, &mut i)?;
                v.tos = if x == "inherit" {
                    1
                } else {
                    u8::from_str_radix(x.trim_start_matches("0x"), 16)
                        .map_err(|_| invarg(x, "bad TOS value"))?
                };
            }
            "ageing" => v.ageing = num(next_arg(args, &mut i)?, "ageing timer")?,
            "port" | "srcport" => {
                v.port_min = num(next_arg(args, &mut i)?, "min port")?;
                v.port_max = num(next_arg(args, &mut i)?, "max port")?;
            }
            "dstport" => {
                v.dstport = num(next_arg(args, &mut i)?, "dst port")?;
                dstport_set = true;
            }
            "learning" | "nolearning" => v.learning = a == "learning",
            "noproxy" => v.proxy = false,
            "proxy" => {
                return Err(Output::unsupported(
                    "ip link add … type vxlan proxy: ARP suppression (arp_reduce) is not modelled",
                ))
            }
            "l2miss" | "nol2miss" => v.l2miss = a == "l2miss",
            "l3miss" | "nol3miss" => v.l3miss = a == "l3miss",
            "udpcsum" | "noudpcsum" => v.udp_csum = a == "udpcsum",
            "df" | "flowlabel" | "label" | "maxaddress" => {
                return Err(unsupported(a));
            }
            "rsc" | "norsc" | "udp6zerocsumtx" | "noudp6zerocsumtx" | "udp6zerocsumrx"
            | "noudp6zerocsumrx" | "remcsumtx" | "noremcsumtx" | "remcsumrx" | "noremcsumrx"
            | "external" | "noexternal" | "gbp" | "gpe" | "vnifilter" | "novnifilter"
            | "help" => return Err(unsupported(a)),
            _ => {
                return Err(Output::err(
                    format!("vxlan: unknown command \"{a}\"?\n{USAGE}"),
                    1,
                ))
            }
        }
        i += 1;
    }
    if !vni_set {
        return Err(Output::err("vxlan: missing virtual network identifier", 1));
    }
    if v.dstport == 0 {
        v.dstport = crate::model::vxlan::VXLAN_DEFAULT_PORT;
    }
    Ok(Parsed {
        conf: v,
        warning: (!dstport_set).then_some(NO_DSTPORT),
    })
}

/// The `vxlan …` detail line (`vxlan_print_opt`), viewed from namespace `ns`: the lower
/// device is named by its index there (`ll_index_to_name`), `ifN` if none has it.
pub fn details(sim: &Sim, ns: NsId, v: &Vxlan) -> String {
    let mut s = format!("\n    vxlan id {}", v.vni);
    if let Some(r) = v.remote {
        let _ = write!(s, " remote {r}");
    }
    if let Some(l) = v.local {
        let _ = write!(s, " local {l}");
    }
    if let Some(l) = v.lower {
        let name = sim
            .world
            .ns(ns)
            .devices
            .get(&l)
            .map_or_else(|| format!("if{l}"), |d| d.name.clone());
        let _ = write!(s, " dev {name}");
    }
    let _ = write!(
        s,
        " srcport {} {} dstport {}",
        v.port_min, v.port_max, v.dstport
    );
    for (on, word) in [
        (!v.learning, "nolearning"),
        (v.proxy, "proxy"),
        (v.l2miss, "l2miss"),
        (v.l3miss, "l3miss"),
    ] {
        if on {
            let _ = write!(s, " {word}");
        }
    }
    match v.tos {
        0 => {}
        1 => s.push_str(" tos inherit"),
        t => {
            let _ = write!(s, " tos {t:#x}");
        }
    }
    match v.ttl {
        0 => s.push_str(" ttl auto"),
        t => {
            let _ = write!(s, " ttl {t}");
        }
    }
    let _ = write!(
        s,
        " ageing {} {} noudp6zerocsumtx noudp6zerocsumrx ",
        v.ageing,
        if v.udp_csum { "udpcsum" } else { "noudpcsum" }
    );
    s
}
