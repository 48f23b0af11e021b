//! `net/ipv4/ip_fragment.c`: reassembly of fragments delivered locally (`ip_defrag`).
//!
//! Fragments are keyed like `struct ipq` (source, destination, ID, protocol) per namespace.
//! Not modelled: the 30 s reassembly timeout and its ICMP time exceeded, overlap policing.

use super::{Sim, Skb};
use crate::model::NsId;
use crate::wire::Ipv4Summary;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// Fragment queues of all namespaces.
#[derive(Debug, Default)]
pub struct FragQueues {
    queues: BTreeMap<(NsId, Ipv4Addr, Ipv4Addr, u16, u8), FragQueue>,
}

#[derive(Debug, Default)]
struct FragQueue {
    /// (offset, payload) pieces.
    pieces: BTreeMap<u16, Vec<u8>>,
    /// Header of the first fragment.
    header: Option<Vec<u8>>,
    /// Total payload length, known once the last fragment arrived.
    total: Option<usize>,
}

/// Adds a fragment; returns the whole datagram (header + payload) once complete.
pub fn ip_defrag(sim: &mut Sim, skb: &Skb, hdr: &Ipv4Summary) -> Option<Vec<u8>> {
    let ip = skb.l3();
    let payload = ip.get(hdr.header_len..hdr.total_len)?.to_vec();
    let key = (skb.ns, hdr.src, hdr.dst, hdr.id, hdr.proto);
    let q = sim.frags.queues.entry(key).or_default();
    if hdr.frag_offset == 0 {
        q.header = Some(ip[..hdr.header_len].to_vec());
    }
    if !hdr.mf {
        q.total = Some(usize::from(hdr.frag_offset) + payload.len());
    }
    q.pieces.insert(hdr.frag_offset, payload);
    let total = q.total?;
    let header = q.header.clone()?;
    let mut data = Vec::with_capacity(total);
    for (off, piece) in &q.pieces {
        if usize::from(*off) != data.len() {
            return None;
        }
        data.extend_from_slice(piece);
    }
    if data.len() != total {
        return None;
    }
    sim.frags.queues.remove(&key);
    let mut whole = header;
    let len = (whole.len() + data.len()) as u16;
    whole[2..4].copy_from_slice(&len.to_be_bytes());
    whole[6] = 0;
    whole[7] = 0;
    whole.extend_from_slice(&data);
    let csum = crate::wire::ipv4_checksum(&whole[..hdr.header_len]);
    whole[10..12].copy_from_slice(&csum.to_be_bytes());
    Some(whole)
}
