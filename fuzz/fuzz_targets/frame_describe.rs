//! Frame ingest never panics: `describe` and every `wire` view take arbitrary bytes, and the
//! in-place edits keep a valid IPv4 header valid (checksum included).

#![no_main]

use std::net::Ipv4Addr;

use libfuzzer_sys::fuzz_target;
use pathsim::wire::{
    decrease_ttl, describe, fragment, ipv4_summary, parse_eth, parse_icmp, set_dst, set_src,
    ArpRepr, ETH_HLEN,
};

fuzz_target!(|data: &[u8]| {
    assert!(!describe(data).is_empty());

    let Some((_, _, _, payload)) = parse_eth(data) else {
        assert!(data.len() < ETH_HLEN);
        return;
    };
    if let Some(arp) = ArpRepr::parse(payload) {
        assert_eq!(arp.emit()[..], payload[..ArpRepr::LEN]);
    }

    let Ok(summary) = ipv4_summary(payload) else {
        return;
    };
    let hlen = summary.header_len;
    if let Some(l4) = payload.get(hlen..summary.total_len) {
        if let Some(m) = parse_icmp(l4) {
            assert_eq!(m.data.len() + 8, l4.len());
        }
    }

    let mut edited = payload.to_vec();
    if summary.ttl >= 1 {
        assert_eq!(decrease_ttl(&mut edited), Some(summary.ttl - 1));
    }
    set_src(&mut edited, Ipv4Addr::new(192, 0, 2, 1));
    set_dst(&mut edited, Ipv4Addr::new(198, 51, 100, 2));
    assert!(
        ipv4_summary(&edited).is_ok(),
        "in-place edits broke the header"
    );

    let mtu = 68 + usize::from(data[0]) * 4;
    for f in fragment(payload, mtu) {
        let s = ipv4_summary(&f).expect("fragment with a bad header");
        assert!(f.len() <= mtu || f.len() == summary.total_len);
        assert_eq!((s.src, s.dst, s.id), (summary.src, summary.dst, summary.id));
    }
});
