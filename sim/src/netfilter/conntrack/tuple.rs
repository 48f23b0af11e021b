//! `struct nf_conntrack_tuple` for IPv4 and how a packet gives one (`nf_ct_get_tuple` with
//! the protocols' `pkt_to_tuple`), and its inverse (`nf_ct_invert_tuple`).

use crate::wire;
use serde::Serialize;
use std::fmt;
use std::net::Ipv4Addr;

/// The layer-4 part of a tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum L4 {
    Tcp {
        sport: u16,
        dport: u16,
    },
    Udp {
        sport: u16,
        dport: u16,
    },
    /// ICMP queries: the echo id travels with the source, type and code with the destination.
    Icmp {
        ty: u8,
        code: u8,
        id: u16,
    },
    /// Any other protocol: addresses only (`nf_conntrack_proto_generic.c`).
    Other {
        proto: u8,
    },
}

/// One direction of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Tuple {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub l4: L4,
}

/// `IPPROTO_ICMP`, `IPPROTO_TCP`, `IPPROTO_UDP`.
pub const ICMP: u8 = 1;
pub const TCP: u8 = 6;
pub const UDP: u8 = 17;

/// ICMP query types and their answers (`invmap` in `nf_conntrack_proto_icmp.c`): echo,
/// timestamp, information and address-mask requests.
const ICMP_QUERIES: [(u8, u8); 4] = [(8, 0), (13, 14), (15, 16), (17, 18)];

/// The ICMP error types whose payload quotes the packet they are about (`icmp_is_err`).
pub fn icmp_is_error(ty: u8) -> bool {
    matches!(ty, 3 | 4 | 5 | 11 | 12)
}

impl L4 {
    pub fn proto(&self) -> u8 {
        match self {
            L4::Tcp { .. } => TCP,
            L4::Udp { .. } => UDP,
            L4::Icmp { .. } => ICMP,
            L4::Other { proto } => *proto,
        }
    }

    /// Source and destination ports, for the protocols that have them.
    pub fn ports(&self) -> Option<(u16, u16)> {
        match *self {
            L4::Tcp { sport, dport } | L4::Udp { sport, dport } => Some((sport, dport)),
            _ => None,
        }
    }
}

impl Tuple {
    /// The tuple of an IPv4 packet (header included), as `nf_ct_get_tuple` reads it:
    /// `None` when the layer-4 header is cut short (the kernel's `pkt_to_tuple` fails).
    /// ICMP messages other than queries and answers give `None` here; errors are tracked
    /// through the packet they quote ([`Tuple::quoted`]).
    pub fn of_packet(ip: &[u8]) -> Option<Tuple> {
        let h = wire::ipv4_summary(ip).ok()?;
        let l4 = ip.get(h.header_len..)?;
        let l4 = match h.proto {
            TCP | UDP => {
                let p = l4.get(..4)?;
                let sport = u16::from_be_bytes([p[0], p[1]]);
                let dport = u16::from_be_bytes([p[2], p[3]]);
                if h.proto == TCP {
                    L4::Tcp { sport, dport }
                } else {
                    L4::Udp { sport, dport }
                }
            }
            ICMP => {
                let p = l4.get(..8)?;
                L4::Icmp {
                    ty: p[0],
                    code: p[1],
                    id: u16::from_be_bytes([p[4], p[5]]),
                }
            }
            proto => L4::Other { proto },
        };
        Some(Tuple {
            src: h.src,
            dst: h.dst,
            l4,
        })
    }

    /// The tuple of the packet an ICMP error quotes (its IP header and 8 bytes), `None` if
    /// `ip` is not an ICMP error or the quote is too short (`nf_conntrack_inet_error`).
    pub fn quoted(ip: &[u8]) -> Option<Tuple> {
        let h = wire::ipv4_summary(ip).ok()?;
        if h.proto != ICMP {
            return None;
        }
        let icmp = ip.get(h.header_len..)?;
        if !icmp_is_error(*icmp.first()?) {
            return None;
        }
        let inner = icmp.get(8..)?;
        // The quote is cut short and may be fragmented: only version, IHL, protocol and
        // addresses are read (`nf_ct_get_tuple` on the inner header).
        let ih = inner.first_chunk::<20>()?;
        let header_len = usize::from(ih[0] & 0x0f) * 4;
        if ih[0] >> 4 != 4 || header_len < 20 {
            return None;
        }
        let (src, dst, proto) = (
            Ipv4Addr::new(ih[12], ih[13], ih[14], ih[15]),
            Ipv4Addr::new(ih[16], ih[17], ih[18], ih[19]),
            ih[9],
        );
        let l4 = inner.get(header_len..)?;
        let l4 = match proto {
            TCP | UDP => {
                let p = l4.get(..4)?;
                let (sport, dport) = (
                    u16::from_be_bytes([p[0], p[1]]),
                    u16::from_be_bytes([p[2], p[3]]),
                );
                if proto == TCP {
                    L4::Tcp { sport, dport }
                } else {
                    L4::Udp { sport, dport }
                }
            }
            ICMP => {
                let p = l4.get(..8)?;
                L4::Icmp {
                    ty: p[0],
                    code: p[1],
                    id: u16::from_be_bytes([p[4], p[5]]),
                }
            }
            proto => L4::Other { proto },
        };
        Some(Tuple { src, dst, l4 })
    }

    /// `nf_ct_invert_tuple`: the tuple of the answer. `None` for an ICMP type that has no
    /// answer (`icmp_invert_tuple` fails, the packet is INVALID).
    pub fn invert(&self) -> Option<Tuple> {
        let l4 = match self.l4 {
            L4::Tcp { sport, dport } => L4::Tcp {
                sport: dport,
                dport: sport,
            },
            L4::Udp { sport, dport } => L4::Udp {
                sport: dport,
                dport: sport,
            },
            L4::Icmp { ty, code, id } => {
                let answer = ICMP_QUERIES.iter().find_map(|&(q, a)| {
                    if ty == q {
                        Some(a)
                    } else if ty == a {
                        Some(q)
                    } else {
                        None
                    }
                })?;
                L4::Icmp {
                    ty: answer,
                    code,
                    id,
                }
            }
            other => other,
        };
        Some(Tuple {
            src: self.dst,
            dst: self.src,
            l4,
        })
    }

    /// Whether a packet with this tuple may open a connection: for ICMP only the query
    /// types (`icmp_new`: `valid_new`).
    pub fn can_open(&self) -> bool {
        match self.l4 {
            L4::Icmp { ty, .. } => ICMP_QUERIES.iter().any(|&(q, _)| q == ty),
            _ => true,
        }
    }
}

/// The tuple as `conntrack -L` prints it: `src=… dst=… sport=… dport=…` or
/// `type=… code=… id=…`.
impl fmt::Display for Tuple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "src={} dst={}", self.src, self.dst)?;
        match self.l4 {
            L4::Tcp { sport, dport } | L4::Udp { sport, dport } => {
                write!(f, " sport={sport} dport={dport}")
            }
            L4::Icmp { ty, code, id } => write!(f, " type={ty} code={code} id={id}"),
            L4::Other { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{build_ipv4, echo_request};

    fn a(s: &str) -> Ipv4Addr {
        s.parse().unwrap()
    }

    #[test]
    fn an_echo_request_inverts_to_its_reply_and_a_reply_cannot_open() {
        let icmp = echo_request(0x1234, 1, &[0; 8]);
        let ip = build_ipv4(a("10.0.0.1"), a("10.0.0.2"), ICMP, 64, 1, true, 0, &icmp);
        let t = Tuple::of_packet(&ip).unwrap();
        assert_eq!(
            t.l4,
            L4::Icmp {
                ty: 8,
                code: 0,
                id: 0x1234
            }
        );
        assert!(t.can_open());
        let r = t.invert().unwrap();
        assert_eq!((r.src, r.dst), (a("10.0.0.2"), a("10.0.0.1")));
        assert_eq!(
            r.l4,
            L4::Icmp {
                ty: 0,
                code: 0,
                id: 0x1234
            }
        );
        assert!(!r.can_open());
        assert_eq!(r.invert(), Some(t));
        assert_eq!(
            t.to_string(),
            "src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=4660"
        );
    }

    #[test]
    fn ports_swap_and_short_headers_give_no_tuple() {
        let udp = [0x30, 0x39, 0x00, 0x35, 0, 8, 0, 0];
        let ip = build_ipv4(a("10.0.0.1"), a("10.0.0.2"), UDP, 64, 1, true, 0, &udp);
        let t = Tuple::of_packet(&ip).unwrap();
        assert_eq!(t.l4.ports(), Some((12345, 53)));
        assert_eq!(t.invert().unwrap().l4.ports(), Some((53, 12345)));
        let cut = build_ipv4(a("10.0.0.1"), a("10.0.0.2"), TCP, 64, 1, true, 0, &[0, 1]);
        assert_eq!(Tuple::of_packet(&cut), None);
    }

    #[test]
    fn an_icmp_error_gives_the_tuple_it_quotes() {
        let udp = [0x30, 0x39, 0x00, 0x35, 0, 8, 0, 0];
        let inner = build_ipv4(a("10.0.0.1"), a("10.0.0.2"), UDP, 64, 1, true, 0, &udp);
        let mut err = vec![3, 3, 0, 0, 0, 0, 0, 0];
        err.extend_from_slice(&inner);
        let ip = build_ipv4(a("10.0.0.2"), a("10.0.0.1"), ICMP, 64, 2, false, 0, &err);
        let q = Tuple::quoted(&ip).unwrap();
        assert_eq!(q, Tuple::of_packet(&inner).unwrap());
        assert_eq!(Tuple::of_packet(&ip).map(|t| t.can_open()), Some(false));
    }
}
