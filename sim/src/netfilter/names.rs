//! Name tables iptables prints and parses: protocols (`xtables_chain_protos` then
//! `/etc/protocols`), ICMP types (`icmp_codes` of libxt_icmp / libiptc), services
//! (`getservbyport`), log levels, conntrack states and address types.

use super::services::SERVICES;

/// Protocol numbers with names, as `proto_to_name` finds them: iptables' own list first
/// (`xtables_chain_protos`), then the verifier machine's `/etc/protocols` (first name).
const PROTOS: &[(u8, &str)] = &[
    (6, "tcp"),
    (132, "sctp"),
    (17, "udp"),
    (136, "udplite"),
    (1, "icmp"),
    (58, "ipv6-icmp"),
    (50, "esp"),
    (51, "ah"),
    (135, "mobility-header"),
    (2, "igmp"),
    (3, "ggp"),
    (4, "ipencap"),
    (5, "st"),
    (8, "egp"),
    (9, "igp"),
    (12, "pup"),
    (20, "hmp"),
    (22, "xns-idp"),
    (27, "rdp"),
    (29, "iso-tp4"),
    (33, "dccp"),
    (36, "xtp"),
    (37, "ddp"),
    (38, "idpr-cmtp"),
    (41, "ipv6"),
    (43, "ipv6-route"),
    (44, "ipv6-frag"),
    (45, "idrp"),
    (46, "rsvp"),
    (47, "gre"),
    (57, "skip"),
    (59, "ipv6-nonxt"),
    (60, "ipv6-opts"),
    (73, "rspf"),
    (81, "vmtp"),
    (88, "eigrp"),
    (89, "ospf"),
    (93, "ax.25"),
    (94, "ipip"),
    (97, "etherip"),
    (98, "encap"),
    (103, "pim"),
    (108, "ipcomp"),
    (112, "vrrp"),
    (115, "l2tp"),
    (124, "isis"),
    (133, "fc"),
    (137, "mpls-in-ip"),
    (138, "manet"),
    (139, "hip"),
    (140, "shim6"),
    (141, "wesp"),
    (142, "rohc"),
    (143, "ethernet"),
];

/// `proto_to_name`: the name iptables prints for protocol `p` (`all` for 0).
pub fn proto_name(p: u8) -> Option<&'static str> {
    if p == 0 {
        return Some("all");
    }
    PROTOS.iter().find(|(n, _)| *n == p).map(|(_, s)| *s)
}

/// `xtables_parse_protocol`: a number 0-255, `all`, or a name (`icmpv6` is iptables' alias).
pub fn parse_proto(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return Some(n);
    }
    let l = s.to_ascii_lowercase();
    match l.as_str() {
        "all" | "ip" => return Some(0),
        "icmpv6" => return Some(58),
        "mh" | "ipv6-mh" => return Some(135),
        _ => {}
    }
    PROTOS.iter().find(|(_, n)| *n == l).map(|(p, _)| *p)
}

/// `getservbyport(port, proto)`: the service name for TCP (6) or UDP (17).
pub fn service_name(port: u16, proto: u8) -> Option<&'static str> {
    let i = SERVICES.partition_point(|&(p, pr, _)| (p, pr) < (port, proto));
    SERVICES
        .get(i)
        .filter(|&&(p, pr, _)| p == port && pr == proto)
        .map(|&(_, _, n)| n)
}

/// `xtables_parse_port`: a number or a service name known for `proto` (either when 0).
pub fn parse_port(s: &str, proto: u8) -> Option<u16> {
    if let Ok(n) = s.parse::<u16>() {
        return Some(n);
    }
    SERVICES
        .iter()
        .find(|&&(_, pr, n)| n == s && (proto == 0 || pr == proto))
        .map(|&(p, _, _)| p)
}

/// One ICMP type name (`struct xt_icmp_names`): type and code range.
pub struct IcmpName {
    pub name: &'static str,
    pub ty: u8,
    pub code_min: u8,
    pub code_max: u8,
}

const fn icmp(name: &'static str, ty: u8, code_min: u8, code_max: u8) -> IcmpName {
    IcmpName {
        name,
        ty,
        code_min,
        code_max,
    }
}

/// The ICMP names iptables knows, in its order (the printer takes the first exact match).
pub const ICMP_NAMES: &[IcmpName] = &[
    icmp("any", 0xFF, 0, 0xFF),
    icmp("echo-reply", 0, 0, 0xFF),
    icmp("destination-unreachable", 3, 0, 0xFF),
    icmp("network-unreachable", 3, 0, 0),
    icmp("host-unreachable", 3, 1, 1),
    icmp("protocol-unreachable", 3, 2, 2),
    icmp("port-unreachable", 3, 3, 3),
    icmp("fragmentation-needed", 3, 4, 4),
    icmp("source-route-failed", 3, 5, 5),
    icmp("network-unknown", 3, 6, 6),
    icmp("host-unknown", 3, 7, 7),
    icmp("network-prohibited", 3, 9, 9),
    icmp("host-prohibited", 3, 10, 10),
    icmp("TOS-network-unreachable", 3, 11, 11),
    icmp("TOS-host-unreachable", 3, 12, 12),
    icmp("communication-prohibited", 3, 13, 13),
    icmp("host-precedence-violation", 3, 14, 14),
    icmp("precedence-cutoff", 3, 15, 15),
    icmp("source-quench", 4, 0, 0xFF),
    icmp("redirect", 5, 0, 0xFF),
    icmp("network-redirect", 5, 0, 0),
    icmp("host-redirect", 5, 1, 1),
    icmp("TOS-network-redirect", 5, 2, 2),
    icmp("TOS-host-redirect", 5, 3, 3),
    icmp("echo-request", 8, 0, 0xFF),
    icmp("router-advertisement", 9, 0, 0xFF),
    icmp("router-solicitation", 10, 0, 0xFF),
    icmp("time-exceeded", 11, 0, 0xFF),
    icmp("ttl-zero-during-transit", 11, 0, 0),
    icmp("ttl-zero-during-reassembly", 11, 1, 1),
    icmp("parameter-problem", 12, 0, 0xFF),
    icmp("ip-header-bad", 12, 0, 0),
    icmp("required-option-missing", 12, 1, 1),
    icmp("timestamp-request", 13, 0, 0xFF),
    icmp("timestamp-reply", 14, 0, 0xFF),
    icmp("address-mask-request", 17, 0, 0xFF),
    icmp("address-mask-reply", 18, 0, 0xFF),
];

/// Aliases the parser accepts besides [`ICMP_NAMES`].
const ICMP_ALIASES: &[(&str, &str)] = &[
    ("pong", "echo-reply"),
    ("ping", "echo-request"),
    ("ttl-exceeded", "time-exceeded"),
];

/// The ICMP name for an exact (type, code range), if any.
pub fn icmp_name(ty: u8, code_min: u8, code_max: u8) -> Option<&'static str> {
    ICMP_NAMES
        .iter()
        .find(|n| n.ty == ty && n.code_min == code_min && n.code_max == code_max)
        .map(|n| n.name)
}

/// An ICMP name (unique prefix allowed, as `parse_icmp` does) or alias.
pub fn icmp_by_name(s: &str) -> Option<&'static IcmpName> {
    let s = ICMP_ALIASES
        .iter()
        .find(|(a, _)| *a == s)
        .map_or(s, |(_, n)| n);
    if let Some(n) = ICMP_NAMES.iter().find(|n| n.name.eq_ignore_ascii_case(s)) {
        return Some(n);
    }
    let mut hits = ICMP_NAMES
        .iter()
        .filter(|n| n.name.len() > s.len() && n.name[..s.len()].eq_ignore_ascii_case(s));
    match (hits.next(), hits.next()) {
        (Some(n), None) if !s.is_empty() => Some(n),
        _ => None,
    }
}

/// Syslog level names as iptables-nft prints them (`LOG level warn`).
pub const LOG_LEVELS: [&str; 8] = [
    "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
];

/// `--log-level`: a number 0-7 or a name (libxt_LOG's names and the syslog short names).
pub fn parse_log_level(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return (n <= 7).then_some(n);
    }
    Some(match s {
        "emerg" | "panic" => 0,
        "alert" => 1,
        "crit" => 2,
        "err" | "error" => 3,
        "warn" | "warning" => 4,
        "notice" => 5,
        "info" => 6,
        "debug" => 7,
        _ => return None,
    })
}

/// Conntrack state bits, in the order iptables prints them (`print_state` of libxt_conntrack).
pub const CT_STATE_NAMES: &[(&str, u8)] = &[
    ("INVALID", super::CtState::INVALID),
    ("NEW", super::CtState::NEW),
    ("RELATED", super::CtState::RELATED),
    ("ESTABLISHED", super::CtState::ESTABLISHED),
    ("UNTRACKED", super::CtState::UNTRACKED),
    ("SNAT", super::CtState::SNAT),
    ("DNAT", super::CtState::DNAT),
];

/// `enum rtn_type` names as `-m addrtype` prints them, by RTN number (0 = UNSPEC).
pub const ADDR_TYPES: [&str; 12] = [
    "UNSPEC",
    "UNICAST",
    "LOCAL",
    "BROADCAST",
    "ANYCAST",
    "MULTICAST",
    "BLACKHOLE",
    "UNREACHABLE",
    "PROHIBIT",
    "THROW",
    "NAT",
    "XRESOLVE",
];

/// Host names for `-L` without `-n` (the verifier machine's `/etc/hosts`; other addresses have
/// no reverse name inside the sandbox).
pub fn host_name(a: std::net::Ipv4Addr) -> Option<&'static str> {
    (a == std::net::Ipv4Addr::LOCALHOST).then_some("localhost")
}

/// Network names for `-L` without `-n` (`getnetbyaddr`, `/etc/networks`).
pub fn net_name(a: std::net::Ipv4Addr) -> Option<&'static str> {
    match a.octets() {
        [127, 0, 0, 0] => Some("loopback"),
        [169, 254, 0, 0] => Some("link-local"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_and_protocols() {
        assert_eq!(service_name(22, 6), Some("ssh"));
        assert_eq!(service_name(53, 17), Some("domain"));
        assert_eq!(service_name(2000, 6), Some("cisco-sccp"));
        assert_eq!(service_name(5, 6), None);
        assert_eq!(parse_port("ssh", 6), Some(22));
        assert_eq!(proto_name(47), Some("gre"));
        assert_eq!(parse_proto("TCP"), Some(6));
        assert_eq!(parse_proto("all"), Some(0));
        assert_eq!(parse_proto("foo"), None);
    }

    #[test]
    fn icmp_names() {
        assert_eq!(icmp_by_name("ping").unwrap().ty, 8);
        assert_eq!(icmp_by_name("echo-req").unwrap().ty, 8);
        assert!(icmp_by_name("echo").is_none());
        assert_eq!(icmp_name(3, 4, 4), Some("fragmentation-needed"));
    }
}
