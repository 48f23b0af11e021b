//! TCP and UDP values the kernel draws at random, made comparable (part of the list in
//! [`crate::normalize`]):
//!
//! | what | why | how |
//! | --- | --- | --- |
//! | ephemeral ports (32768–60999) | `__inet_hash_connect` starts its search at a random offset; NAT picks a random free port on a clash | each side's ports in that range are renumbered 32768, 32769, … in the order they first appear in its frames (frames, quoted headers, `sport=`/`dport=` in `conntrack` listings) |
//! | TCP sequence numbers | `secure_tcp_seq` hashes the flow with a random key | each direction's numbers counted from its first one (a SYN that never reached a wire counts from its quote in an ICMP error); acknowledgements from the other direction's first; also the sequence number an ICMP error quotes |
//! | TCP TSval | `secure_tcp_ts_off` adds a random offset per flow, and the millisecond clock it reads (`tcp_clock_ms`) ticks at a phase neither side controls, as does the timer wheel's slack on retransmissions | checked against the frame's own capture clock: counted from the direction's first TSval, it is replaced by 0 when within 1 ms of the capture time elapsed since that first frame, else by its distance from it (so a TSval that does not follow the clock still differs) |
//! | TCP TSecr | an echo of the peer's TSval (same reasons) | replaced by `u32::MAX` when it equals a TSval the peer sent before this frame, else counted from the other direction's first TSval (0 stays 0) |
//! | TCP TSval in a segment an ICMP error quotes | read when the segment was sent | replaced by `u32::MAX` when the flow sent that TSval before, else counted from its first |
//! | TCP and UDP checksums | they cover all of the above | zeroed |
//!
//! A TCP or UDP header an ICMP error quotes is normalised as the segment itself would be, as
//! far as the quote goes.
//! | ICMP ids in `conntrack` listings | ping's identifier (its socket's port or pid) | replaced by `ID` |

use std::collections::HashMap;
use std::net::Ipv4Addr;

/// `net.ipv4.ip_local_port_range` by default.
const EPHEMERAL: std::ops::RangeInclusive<u16> = 32768..=60999;

type Flow = (Ipv4Addr, u16, Ipv4Addr, u16);

/// The TSecr of a segment that echoes a TSval its peer sent before it.
pub const TS_ECHOED: u32 = u32::MAX;

/// What one side's frames taught: port renumbering and each TCP direction's first values.
#[derive(Debug, Default)]
pub struct Flows {
    ports: HashMap<u16, u16>,
    first_seq: HashMap<Flow, u32>,
    /// A direction's first TSval and the capture time of its frame.
    first_ts: HashMap<Flow, (u32, u64)>,
    /// Every TSval a direction sent, with the capture time it was first seen at.
    ts_sent: HashMap<Flow, HashMap<u32, u64>>,
}

/// The offsets of an IPv4 packet's transport header inside an Ethernet frame: (protocol,
/// start of the IP header, start of the transport header).
fn transport(f: &[u8]) -> Option<(u8, usize, usize)> {
    if f.len() < 14 + 20 || u16::from_be_bytes([f[12], f[13]]) != 0x0800 {
        return None;
    }
    let ip = 14;
    let ihl = usize::from(f[ip] & 0x0f) * 4;
    let first_fragment = u16::from_be_bytes([f[ip + 6], f[ip + 7]]) & 0x1fff == 0;
    if f[ip] >> 4 != 4 || ihl < 20 || !first_fragment || f.len() < ip + ihl + 8 {
        return None;
    }
    Some((f[ip + 9], ip, ip + ihl))
}

fn flow(f: &[u8], ip: usize, l4: usize) -> Flow {
    let a = |at: usize| Ipv4Addr::new(f[at], f[at + 1], f[at + 2], f[at + 3]);
    let p = |at: usize| u16::from_be_bytes([f[at], f[at + 1]]);
    (a(ip + 12), p(l4), a(ip + 16), p(l4 + 2))
}

fn reverse(x: Flow) -> Flow {
    (x.2, x.3, x.0, x.1)
}

fn u32_at(f: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([f[at], f[at + 1], f[at + 2], f[at + 3]])
}

/// The offset of the TCP timestamp option's TSval, if the segment carries one.
fn ts_option(f: &[u8], l4: usize) -> Option<usize> {
    let doff = usize::from(f.get(l4 + 12)? >> 4) * 4;
    let end = (l4 + doff).min(f.len());
    let mut at = l4 + 20;
    while at < end {
        match f[at] {
            0 => return None,
            1 => at += 1,
            kind => {
                let len = usize::from(*f.get(at + 1)?);
                if len < 2 {
                    return None;
                }
                if kind == 8 && len == 10 && at + 10 <= end {
                    return Some(at + 2);
                }
                at += len;
            }
        }
    }
    None
}

impl Flows {
    /// Learns from one side's frames (capture time in ns, bytes), in the order they were
    /// captured.
    pub fn learn<'a>(frames: impl IntoIterator<Item = (u64, &'a [u8])>) -> Flows {
        let mut me = Flows::default();
        for (time, f) in frames {
            let Some((proto, ip, l4)) = transport(f) else {
                continue;
            };
            match proto {
                // A VXLAN packet's source port is a flow hash, not an ephemeral port.
                17 if crate::normalize::vxlan_inner(f).is_some() => {}
                6 | 17 => {
                    let fl = flow(f, ip, l4);
                    me.port(fl.1);
                    me.port(fl.3);
                    if proto == 6 {
                        me.learn_tcp(f, fl, l4, time);
                    }
                }
                1 if matches!(f[l4], 3 | 4 | 5 | 11 | 12) => {
                    // The quoted header (its IP header right after 8 bytes): a segment that
                    // never reached a wire (held by an unresolved neighbour) is first seen
                    // here.
                    let q = l4 + 8;
                    if f.len() >= q + 20 + 4 {
                        let qhl = usize::from(f[q] & 0x0f) * 4;
                        if matches!(f[q + 9], 6 | 17) && f.len() >= q + qhl + 4 {
                            let fl = flow(f, q, q + qhl);
                            me.port(fl.1);
                            me.port(fl.3);
                            if f[q + 9] == 6 {
                                me.learn_tcp(f, fl, q + qhl, time);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        me
    }

    /// A TCP segment of `fl` (header at `l4`, maybe cut short by an ICMP quote).
    fn learn_tcp(&mut self, f: &[u8], fl: Flow, l4: usize, time: u64) {
        if f.len() < l4 + 8 {
            return;
        }
        self.first_seq.entry(fl).or_insert(u32_at(f, l4 + 4));
        if let Some(ts) = ts_option(f, l4) {
            let val = u32_at(f, ts);
            self.first_ts.entry(fl).or_insert((val, time));
            self.ts_sent
                .entry(fl)
                .or_default()
                .entry(val)
                .or_insert(time);
        }
    }

    fn port(&mut self, p: u16) {
        if EPHEMERAL.contains(&p) {
            let next = EPHEMERAL.start() + u16::try_from(self.ports.len()).unwrap_or(0);
            self.ports.entry(p).or_insert(next);
        }
    }

    fn mapped(&self, p: u16) -> u16 {
        self.ports.get(&p).copied().unwrap_or(p)
    }

    fn map_ports(&self, f: &mut [u8], l4: usize) {
        for at in [l4, l4 + 2] {
            let p = self.mapped(u16::from_be_bytes([f[at], f[at + 1]]));
            f[at..at + 2].copy_from_slice(&p.to_be_bytes());
        }
    }

    /// The canonical TSval of a segment of `fl` captured at `time` (see the module doc).
    fn ts_val(&self, fl: Flow, val: u32, time: u64) -> u32 {
        let Some(&(first, t0)) = self.first_ts.get(&fl) else {
            return val;
        };
        let rel = i64::from(val.wrapping_sub(first) as i32);
        // Narrowing: capture times of one run differ by far less than 2^63 ns.
        let elapsed_ms = (time as i64 - t0 as i64) / 1_000_000;
        let off = rel - elapsed_ms;
        if off.abs() <= 1 {
            0
        } else {
            // Narrowing: the distance is written back as the 32-bit field it came from.
            off as u32
        }
    }

    /// A copy of a TSval of `fl` seen at `time`: [`TS_ECHOED`] when `fl` sent it by then, else
    /// counted from its first (0 stays 0).
    fn ts_echo(&self, fl: Flow, ts: u32, time: u64) -> u32 {
        let sent = self
            .ts_sent
            .get(&fl)
            .and_then(|m| m.get(&ts))
            .is_some_and(|&sent| sent <= time);
        match self.first_ts.get(&fl) {
            _ if ts == 0 => 0,
            _ if sent => TS_ECHOED,
            Some(&(first, _)) => ts.wrapping_sub(first),
            None => ts,
        }
    }

    /// The canonical TSecr of a segment of `fl` captured at `time` (see the module doc).
    fn ts_ecr(&self, fl: Flow, ecr: u32, time: u64) -> u32 {
        self.ts_echo(reverse(fl), ecr, time)
    }

    /// Normalises an Ethernet frame captured at `time` ns (after its MACs and IP header were).
    pub fn frame(&self, f: &mut [u8], time: u64) {
        let Some((proto, ip, l4)) = transport(f) else {
            return;
        };
        match proto {
            6 => self.tcp(f, flow(f, ip, l4), l4, time, false),
            17 => {
                f[l4 + 6..l4 + 8].fill(0);
                self.map_ports(f, l4);
            }
            1 if matches!(f[l4], 3 | 4 | 5 | 11 | 12) => {
                let q = l4 + 8;
                if f.len() >= q + 20 + 4 {
                    let qhl = usize::from(f[q] & 0x0f) * 4;
                    let ql4 = q + qhl;
                    match f[q + 9] {
                        6 if f.len() >= ql4 + 4 => self.tcp(f, flow(f, q, ql4), ql4, time, true),
                        17 if f.len() >= ql4 + 4 => {
                            if f.len() >= ql4 + 8 {
                                f[ql4 + 6..ql4 + 8].fill(0);
                            }
                            self.map_ports(f, ql4);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// A TCP segment of `fl` at `l4`, in a frame captured at `time`; `quoted` when it is the
    /// copy an ICMP error carries (maybe cut short), whose TSval was read when the segment
    /// was sent, not when the error was: it must equal one the flow sent.
    fn tcp(&self, f: &mut [u8], fl: Flow, l4: usize, time: u64, quoted: bool) {
        let rel = |first: Option<&u32>, v: u32| v.wrapping_sub(first.copied().unwrap_or(v));
        if f.len() >= l4 + 8 {
            let seq = rel(self.first_seq.get(&fl), u32_at(f, l4 + 4));
            f[l4 + 4..l4 + 8].copy_from_slice(&seq.to_be_bytes());
        }
        if f.len() >= l4 + 20 {
            if f[l4 + 13] & 0x10 != 0 {
                let ack = rel(self.first_seq.get(&reverse(fl)), u32_at(f, l4 + 8));
                f[l4 + 8..l4 + 12].copy_from_slice(&ack.to_be_bytes());
            }
            if let Some(ts) = ts_option(f, l4) {
                let val = u32_at(f, ts);
                let val = if quoted {
                    self.ts_echo(fl, val, time)
                } else {
                    self.ts_val(fl, val, time)
                };
                let ecr = self.ts_ecr(fl, u32_at(f, ts + 4), time);
                f[ts..ts + 4].copy_from_slice(&val.to_be_bytes());
                f[ts + 4..ts + 8].copy_from_slice(&ecr.to_be_bytes());
            }
            f[l4 + 16..l4 + 18].fill(0);
        }
        self.map_ports(f, l4);
    }

    /// Tool output: `sport=`/`dport=` values renumbered, ICMP `id=` values hidden.
    pub fn text(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for piece in s.split_inclusive([' ', '\n']) {
            let (word, sep) = match piece.char_indices().last() {
                Some((i, c)) if c == ' ' || c == '\n' => (&piece[..i], &piece[i..]),
                _ => (piece, ""),
            };
            let renamed = ["sport=", "dport="].iter().find_map(|k| {
                let v: u16 = word.strip_prefix(k)?.parse().ok()?;
                Some(format!("{k}{}", self.mapped(v)))
            });
            let icmp_id = word
                .strip_prefix("id=")
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
            match renamed {
                Some(w) => out.push_str(&w),
                None if icmp_id => out.push_str("id=ID"),
                None => out.push_str(word),
            }
            out.push_str(sep);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Ethernet frame with a TCP segment carrying a timestamp option.
    #[allow(clippy::too_many_arguments)] // the segment's fields
    fn tcp(
        src: [u8; 4],
        sport: u16,
        dst: [u8; 4],
        dport: u16,
        seq: u32,
        ack: u32,
        flags: u8,
        ts: (u32, u32),
    ) -> Vec<u8> {
        let mut f = vec![0u8; 14];
        f[12..14].copy_from_slice(&[0x08, 0x00]);
        let mut ip = vec![0x45, 0, 0, 52, 0, 0, 0x40, 0, 64, 6, 0, 0];
        ip.extend_from_slice(&src);
        ip.extend_from_slice(&dst);
        let mut t = vec![0u8; 32];
        t[0..2].copy_from_slice(&sport.to_be_bytes());
        t[2..4].copy_from_slice(&dport.to_be_bytes());
        t[4..8].copy_from_slice(&seq.to_be_bytes());
        t[8..12].copy_from_slice(&ack.to_be_bytes());
        t[12] = 8 << 4;
        t[13] = flags;
        t[16..18].copy_from_slice(&[0xab, 0xcd]);
        t[20..22].copy_from_slice(&[1, 1]);
        t[22..24].copy_from_slice(&[8, 10]);
        t[24..28].copy_from_slice(&ts.0.to_be_bytes());
        t[28..32].copy_from_slice(&ts.1.to_be_bytes());
        f.extend_from_slice(&ip);
        f.extend_from_slice(&t);
        f
    }

    /// One side's frames captured at `times` (ns), normalised.
    fn normalised(frames: &[Vec<u8>], times: &[u64]) -> Vec<Vec<u8>> {
        let flows = Flows::learn(times.iter().copied().zip(frames.iter().map(Vec::as_slice)));
        frames
            .iter()
            .zip(times)
            .map(|(f, &t)| {
                let mut f = f.clone();
                flows.frame(&mut f, t);
                f
            })
            .collect()
    }

    const TSVAL: usize = 14 + 20 + 24;

    #[test]
    fn tsval_follows_the_capture_clock_whatever_the_millisecond_phase() {
        let (c, s) = ([10, 0, 0, 1], [10, 0, 0, 2]);
        // A SYN and its retransmission 1.013 s later (timer wheel slack); on one side the
        // millisecond clock ticked just after the first SYN, on the other just before.
        let syns = |ts0: u32, ts1: u32| {
            [
                tcp(c, 40000, s, 80, 7, 0, 0x02, (ts0, 0)),
                tcp(c, 40000, s, 80, 7, 0, 0x02, (ts1, 0)),
            ]
        };
        let a = normalised(&syns(100, 1114), &[0, 1_013_300_000]);
        let b = normalised(&syns(100, 1113), &[0, 1_013_300_000]);
        assert_eq!(a, b);
        assert_eq!(u32_at(&a[1], TSVAL), 0);
        // A TSval that did not advance with the clock keeps its distance from it.
        let stuck = normalised(&syns(100, 100), &[0, 1_013_300_000]);
        assert_eq!(u32_at(&stuck[1], TSVAL), (-1013i32) as u32);
        assert_ne!(stuck, a);
    }

    #[test]
    fn a_tsecr_that_echoes_nothing_the_peer_sent_stays_visible() {
        let (c, s) = ([10, 0, 0, 1], [10, 0, 0, 2]);
        let frames = [
            tcp(c, 40000, s, 80, 7, 0, 0x02, (100, 0)),
            tcp(s, 80, c, 40000, 9, 8, 0x12, (5000, 100)),
            tcp(c, 40000, s, 80, 8, 10, 0x10, (100, 5003)),
        ];
        let n = normalised(&frames, &[0, 1000, 2000]);
        assert_eq!(u32_at(&n[1], TSVAL + 4), TS_ECHOED);
        assert_eq!(u32_at(&n[2], TSVAL + 4), 3);
    }

    #[test]
    fn icmp_quotes_count_tcp_sequences_from_the_flow_and_drop_udp_checksums() {
        // ICMP host unreachable quoting a SYN (sequence isn) that never reached a wire.
        let quote = |proto: u8, isn: u32| {
            let mut f = vec![0u8; 14];
            f[12..14].copy_from_slice(&[0x08, 0x00]);
            f.extend_from_slice(&[0x45, 0, 0, 56, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1]);
            f.extend_from_slice(&[10, 0, 0, 1, 3, 1, 0, 0, 0, 0, 0, 0]);
            f.extend_from_slice(&[0x45, 0, 0, 60, 0, 0, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, 1]);
            f.extend_from_slice(&[10, 0, 0, 77]);
            f.extend_from_slice(&40000u16.to_be_bytes());
            f.extend_from_slice(&80u16.to_be_bytes());
            f.extend_from_slice(&isn.to_be_bytes());
            f
        };
        let a = normalised(&[quote(6, 0x1234_5678)], &[0]);
        let b = normalised(&[quote(6, 99)], &[0]);
        assert_eq!(a, b);
        assert_eq!(u32_at(&a[0], 14 + 20 + 8 + 20 + 4), 0);
        assert_eq!(u16::from_be_bytes([a[0][62], a[0][63]]), 32768);
        let u = normalised(&[quote(17, 0x0009_abcd)], &[0]);
        assert_eq!(&u[0][62..70], &[0x80, 0, 0, 80, 0, 9, 0, 0]);
    }

    #[test]
    fn two_handshakes_with_different_random_values_normalise_alike() {
        let (c, s) = ([10, 0, 0, 1], [10, 0, 0, 2]);
        let run = |port: u16, isn_c: u32, isn_s: u32, ts_c: u32, ts_s: u32| {
            let frames = [
                tcp(c, port, s, 80, isn_c, 0, 0x02, (ts_c, 0)),
                tcp(
                    s,
                    80,
                    c,
                    port,
                    isn_s,
                    isn_c.wrapping_add(1),
                    0x12,
                    (ts_s, ts_c),
                ),
                tcp(
                    c,
                    port,
                    s,
                    80,
                    isn_c.wrapping_add(1),
                    isn_s.wrapping_add(1),
                    0x10,
                    (ts_c + 1, ts_s),
                ),
            ];
            normalised(&frames, &[0, 10_000, 20_000])
        };
        let a = run(40000, 0xffff_fff0, 12345, 999, 5);
        let b = run(51234, 77, 0x8000_0000, 1, 123_456);
        assert_eq!(a, b);
        // Relative values: the SYN-ACK acknowledges 1, the ACK's TSecr echoes the server.
        assert_eq!(u32_at(&a[1], 14 + 20 + 8), 1);
        assert_eq!(u32_at(&a[2], 14 + 20 + 28), TS_ECHOED);
        assert_eq!(u16::from_be_bytes([a[0][34], a[0][35]]), 32768);
        assert_eq!(u16::from_be_bytes([a[0][36], a[0][37]]), 80);
    }

    #[test]
    fn conntrack_text_follows_the_same_renumbering() {
        let frames = [tcp(
            [10, 0, 0, 1],
            45000,
            [10, 0, 0, 2],
            80,
            1,
            0,
            2,
            (1, 0),
        )];
        let flows = Flows::learn(frames.iter().map(|f| (0, f.as_slice())));
        assert_eq!(
            flows.text("a sport=45000 dport=80\nb sport=80 dport=45000 id=77 id=x\n"),
            "a sport=32768 dport=80\nb sport=80 dport=32768 id=ID id=x\n"
        );
    }
}
