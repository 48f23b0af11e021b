//! Frame views and builders: Ethernet, ARP, IPv4, ICMP, TCP, UDP. **Bytes are the truth.**
//!
//! A frame in flight is its bytes plus metadata; this module reads and edits those bytes. The
//! contract every caller may rely on:
//!
//! - **Views never panic.** Parsers take any `&[u8]`, check lengths first and return `None` or
//!   an error for short or malformed input; after that check they only index inside it. No
//!   function here panics on any input (fuzzed by `fuzz/fuzz_targets/frame_describe.rs`).
//! - **Forwarded frames are edited in place**, never parsed into a representation and emitted
//!   again: TTL, addresses and MACs are rewritten where they are and checksums are updated the
//!   way the kernel updates them ([`decrease_ttl`], [`set_src`], [`set_dst`],
//!   [`set_eth_addrs`]), so IP ID, TOS, options and padding survive and captures compare byte
//!   for byte with the kernel's. (smoltcp's and etherparse's reprs drop such fields.)
//! - **Builders are for frames the simulator originates** (ARP requests and replies, pings,
//!   echo replies, ICMP errors, fragments), laid out as Linux lays them out: no Ethernet
//!   padding, a 20-byte IP header without options.
//!
//! Modules: [`mac`], [`ethernet`], [`arp`], [`ipv4`], [`icmp`], [`tcp`], [`udp`], [`checksum`], and [`pretty`]
//! for tcpdump-like one-line descriptions. [`icmpv6`] builds the IPv6 frames Linux emits on link-up. Not covered: VLAN tags, other IPv6, IP options
//! processing.

pub mod arp;
pub mod checksum;
pub mod ethernet;
pub mod icmp;
pub mod icmpv6;
pub mod ipv4;
pub mod mac;
pub mod pretty;
pub mod tcp;
pub mod udp;
pub mod vxlan;

pub use arp::{arp_frame, arp_reply_frame, arp_request_frame, ArpOp, ArpRepr};
pub use ethernet::{build_eth, parse_eth, set_eth_addrs, ETH_HLEN, ETH_P_ARP, ETH_P_IP};
pub use icmp::{
    echo_reply_from_request, echo_request, icmp_error, icmp_error_room, icmp_error_with_room,
    parse_icmp, ping_payload, IcmpMsg,
};
pub use ipv4::{
    build_ipv4, decrease_ttl, fragment, ipv4_checksum, ipv4_summary, set_dst, set_src, Ipv4Error,
    Ipv4Summary,
};
pub use mac::{Mac, MacParseError};
pub use pretty::describe;
