//! `ping` as iputils 20221126 runs it over a raw ICMP socket: option parsing, the probe
//! `connect` that picks the source address (and fails with `connect: …`), the send loop on
//! the logical clock, reply and error lines, the summary and the exit status (0 when a reply
//! came, 1 when none did, 2 on an error before sending).

use super::Output;
use crate::model::NsId;
use crate::path::dev::Xmit;
use crate::path::icmp::next_ip_id;
use crate::path::ip_output::ip_local_out;
use crate::path::route::{ip_route_output, OutFlow, RouteErr};
use crate::path::socket::PingEvent;
use crate::path::Sim;
use crate::wire::{self, icmp as ic};
use std::fmt::Write;
use std::net::Ipv4Addr;

/// `sizeof(struct timeval)` on 64-bit Linux: the timestamp iputils writes into each probe.
const TIMEVAL_LEN: usize = 16;

const SEC: u64 = 1_000_000_000;

/// Parsed command line.
#[derive(Debug, Clone)]
struct Args {
    count: Option<u64>,
    interval: u64,
    /// A negative `-i`: iputils' token bucket never holds a probe back.
    no_gap: bool,
    /// `-W` in ns; 0 (below a millisecond) means no linger timer at all: ping waits for a
    /// reply (pathsim gives up after [`WAIT_FOREVER_CAP`]).
    linger: u64,
    deadline: Option<u64>,
    iface: Option<String>,
    ttl: Option<u8>,
    size: usize,
    pmtu: Pmtu,
    ident: Option<u16>,
    mark: u32,
    quiet: bool,
    broadcast: bool,
    dest: String,
    /// Warnings printed before the first line (garbage after a number).
    warnings: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pmtu {
    Do,
    Dont,
    Want,
}

fn usage_err(msg: String) -> Output {
    Output::err(msg, 2)
}

const MS: u64 = 1_000_000;

/// How long pathsim lets a ping without a linger timer (`-W 0`) wait for a reply; the real
/// one waits forever.
const WAIT_FOREVER_CAP: u64 = 30 * SEC;

/// iputils' `ping_strtod` (the C locale's `strtod`): the longest number at the start of `v`;
/// what follows it is garbage, warned about but ignored (0 when nothing is a number). An
/// empty argument, or an infinite or NaN one, is `"{err}: {v}"` (exit 2).
fn ping_strtod(v: &str, err: &str, warnings: &mut String) -> Result<f64, Output> {
    let body = v.trim_start();
    let lower = body.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if v.is_empty() {
        return Err(usage_err(format!("ping: {err}: {v}")));
    }
    if lower.starts_with("inf") || lower.starts_with("nan") {
        return Err(usage_err(format!(
            "ping: {err}: {v}: Numerical result out of range"
        )));
    }
    let b = body.as_bytes();
    let digits = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut end = if matches!(b.first(), Some(b'+' | b'-')) {
        1
    } else {
        0
    };
    let int_end = digits(end);
    let mut frac_end = int_end;
    if b.get(int_end) == Some(&b'.') {
        frac_end = digits(int_end + 1);
    }
    let mantissa = frac_end - end - usize::from(frac_end > int_end);
    end = if mantissa == 0 { 0 } else { frac_end };
    if end > 0 && matches!(b.get(end), Some(b'e' | b'E')) {
        let mut e = end + 1;
        if matches!(b.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let e_end = digits(e);
        if e_end > e {
            end = e_end;
        }
    }
    let num = if end == 0 {
        0.0
    } else {
        body[..end].parse::<f64>().unwrap_or(0.0)
    };
    let garbage = if end == 0 { v } else { &body[end..] };
    if !garbage.is_empty() {
        let _ = writeln!(
            warnings,
            "ping: option argument contains garbage: {garbage}\nping: this will become fatal error in the future"
        );
    }
    Ok(num)
}

/// iputils' `strtol_or_err` refusal (exit status 1).
fn range_err(v: &str, range: &str) -> Output {
    Output::err(
        format!("ping: invalid argument: '{v}': out of range: {range}"),
        1,
    )
}

/// `-t`: `strtol_or_err(0, 255)`, then `setsockopt(IP_TTL)`, which refuses 0.
fn parse_ttl(v: &str) -> Result<u8, Output> {
    match v.parse::<i64>() {
        Ok(0) => Err(usage_err(
            "ping: cannot set unicast time-to-live: Invalid argument".into(),
        )),
        Ok(t) => u8::try_from(t).map_err(|_| range_err(v, "0 <= value <= 255")),
        Err(_) => Err(Output::err(format!("ping: invalid argument: '{v}'"), 1)),
    }
}

fn parse_secs(v: &str, what: &str) -> Result<u64, Output> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x >= 0.0)
        .map(|x| (x * SEC as f64) as u64)
        .ok_or_else(|| usage_err(format!("ping: invalid argument: '{v}'{what}")))
}

fn parse(args: &[String]) -> Result<Args, Output> {
    let mut a = Args {
        count: None,
        interval: SEC,
        no_gap: false,
        linger: 10 * SEC,
        deadline: None,
        iface: None,
        ttl: None,
        size: 56,
        pmtu: Pmtu::Want,
        ident: None,
        mark: 0,
        quiet: false,
        broadcast: false,
        dest: String::new(),
        warnings: String::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        if w.starts_with('-') && w.len() > 1 {
            for (pos, c) in w[1..].char_indices() {
                let takes = matches!(c, 'c' | 'i' | 'W' | 'w' | 'I' | 't' | 's' | 'M' | 'e' | 'm');
                if !takes {
                    match c {
                        'q' => a.quiet = true,
                        'n' => {}
                        'b' => a.broadcast = true,
                        '4' => {}
                        _ => {
                            return Err(Output::unsupported(format!(
                                "ping: option -{c} is not supported by pathsim; supported: -c -i -W -w -I -t -s -M -e -m -q -n -b -4"
                            )))
                        }
                    }
                    continue;
                }
                let rest = &w[1 + pos + c.len_utf8()..];
                let v = if !rest.is_empty() {
                    rest.to_string()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(usage_err(format!(
                                "ping: option requires an argument -- '{c}'"
                            )))
                        }
                    }
                };
                match c {
                    'c' => a.count = Some(v.parse().ok().filter(|n| *n > 0).ok_or_else(|| range_err(&v, "1 <= value <= 9223372036854775807"))?),
                    'i' => match ping_strtod(&v, "bad timing interval", &mut a.warnings)? {
                        // `interval = (int)(optval * 1000)`: below zero, no probe waits.
                        x if x < 0.0 => (a.interval, a.no_gap) = (0, true),
                        x => a.interval = (x * SEC as f64) as u64,
                    },
                    'W' => match ping_strtod(&v, "bad linger time", &mut a.warnings)? {
                        x if x < 0.0 => return Err(usage_err(format!("ping: bad linger time: {v}"))),
                        // `lingertime = (int)(optval * 1000)`: whole milliseconds.
                        x => a.linger = (x * 1000.0) as u64 * MS,
                    },
                    // `-w 0` sets no deadline (`deadline` 0 is "none").
                    'w' => a.deadline = Some(parse_secs(&v, "")?).filter(|d| *d > 0),
                    'I' => a.iface = Some(v),
                    't' => a.ttl = Some(parse_ttl(&v)?),
                    's' => a.size = v.parse().ok().filter(|s| *s <= 2_147_483_647).ok_or_else(|| usage_err(format!("ping: invalid argument: '{v}': out of range: 0 <= value <= 2147483647")))?,
                    'M' => {
                        a.pmtu = match v.as_str() {
                            "do" => Pmtu::Do,
                            "dont" => Pmtu::Dont,
                            "want" => Pmtu::Want,
                            _ => return Err(usage_err(format!("ping: invalid -M argument: {v}"))),
                        }
                    }
                    'm' => a.mark = crate::model::fib::parse_u32(&v).ok_or_else(|| usage_err(format!("ping: invalid argument: '{v}'")))?,
                    _ => a.ident = Some(v.parse().map_err(|_| usage_err(format!("ping: invalid argument: '{v}'")))?),
                }
                break;
            }
        } else if a.dest.is_empty() {
            a.dest = w.clone();
        } else {
            return Err(Output::unsupported(
                "ping: only one destination is supported",
            ));
        }
        i += 1;
    }
    if a.dest.is_empty() {
        return Err(usage_err(
            "ping: usage error: Destination address required".into(),
        ));
    }
    Ok(a)
}

/// iputils' text for an ICMP error (`pr_icmph`).
fn icmp_text(ty: u8, code: u8, rest: u32) -> String {
    match (ty, code) {
        (ic::DEST_UNREACH, 0) => "Destination Net Unreachable".into(),
        (ic::DEST_UNREACH, 1) => "Destination Host Unreachable".into(),
        (ic::DEST_UNREACH, 2) => "Destination Protocol Unreachable".into(),
        (ic::DEST_UNREACH, 3) => "Destination Port Unreachable".into(),
        (ic::DEST_UNREACH, 4) => format!("Frag needed and DF set (mtu = {})", rest & 0xffff),
        (ic::DEST_UNREACH, 5) => "Source Route Failed".into(),
        (ic::DEST_UNREACH, 6) => "Destination Net Unknown".into(),
        (ic::DEST_UNREACH, 7) => "Destination Host Unknown".into(),
        (ic::DEST_UNREACH, 8) => "Source Host Isolated".into(),
        (ic::DEST_UNREACH, 9) => "Destination Net Prohibited".into(),
        (ic::DEST_UNREACH, 10) => "Destination Host Prohibited".into(),
        (ic::DEST_UNREACH, 11) => "Destination Net Unreachable for Type of Service".into(),
        (ic::DEST_UNREACH, 12) => "Destination Host Unreachable for Type of Service".into(),
        (ic::DEST_UNREACH, 13) => "Packet filtered".into(),
        (ic::DEST_UNREACH, 14) => "Precedence Violation".into(),
        (ic::DEST_UNREACH, 15) => "Precedence Cutoff".into(),
        (ic::DEST_UNREACH, c) => format!("Dest Unreachable, Bad Code: {c}"),
        (ic::TIME_EXCEEDED, 0) => "Time to live exceeded".into(),
        (ic::TIME_EXCEEDED, 1) => "Frag reassembly time exceeded".into(),
        (ic::REDIRECT, 0) => format!("Redirect Network(New nexthop: {})", Ipv4Addr::from(rest)),
        (ic::REDIRECT, 1) => format!("Redirect Host(New nexthop: {})", Ipv4Addr::from(rest)),
        (ic::REDIRECT, c) => format!(
            "Redirect, Bad Code: {c}(New nexthop: {})",
            Ipv4Addr::from(rest)
        ),
        (t, c) => format!("Bad ICMP type: {t}, code: {c}"),
    }
}

/// iputils' RTT format: three decimals below 1 ms, fewer above.
fn fmt_ms(ns: u64) -> String {
    let us = ns / 1000;
    if us >= 100_000 {
        format!("{}", us / 1000)
    } else if us >= 10_000 {
        format!("{}.{:01}", us / 1000, (us % 1000) / 100)
    } else if us >= 1000 {
        format!("{}.{:02}", us / 1000, (us % 1000) / 10)
    } else {
        format!("{}.{:03}", us / 1000, us % 1000)
    }
}

/// `ping DEST` in namespace `ns`.
pub fn run(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let a = match parse(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let Ok(target) = a.dest.parse::<Ipv4Addr>() else {
        return Output::err(format!("ping: {}: Name or service not known", a.dest), 2);
    };
    // connect() to INADDR_ANY means loopback (`ip_route_connect`); iputils prints the peer
    // the socket ended up with.
    let dst = if target.is_unspecified() {
        Ipv4Addr::LOCALHOST
    } else {
        target
    };
    // -I: a device name binds the socket; an address sets the source.
    let (mut oif, mut src) = (0, None);
    if let Some(i) = &a.iface {
        match i.parse::<Ipv4Addr>() {
            Ok(addr) => {
                // `bind()` to the source first: it must be an address of this namespace.
                if !crate::path::route::is_local_address(sim.world.ns(ns), addr) {
                    return Output::err("ping: bind: Cannot assign requested address", 2);
                }
                src = Some(addr)
            }
            Err(_) => match sim.world.ns(ns).ifindex_of(i) {
                Some(idx) => oif = idx,
                None => {
                    return Output::err(format!("ping: SO_BINDTODEVICE {i}: No such device"), 2)
                }
            },
        }
    }
    // The probe connect() on a UDP socket chooses the source and reports route errors.
    // With a source address (-I ADDR) an EINVAL route (a loopback source towards another
    // device: `__mkroute_output`) does not stop ping: each send fails the same way, silently.
    let (source, broadcast) = match ip_route_output(sim, ns, probe_flow(&a, dst, src, oif)) {
        Ok(r) => (src.unwrap_or(r.src), r.broadcast),
        Err(RouteErr::Inval) if src.is_some() => (src.unwrap_or(dst), false),
        Err(RouteErr::Access) => return broadcast_refused(),
        Err(e) => return Output::err(format!("ping: connect: {}", e.text()), 2),
    };
    if broadcast && !a.broadcast {
        return broadcast_refused();
    }
    let mut out = String::new();
    // iputils warns on stderr before its first line: a device given with -I that does not
    // own the source the probe picked (`getifaddrs` has no entry of that device with it).
    let mut warning = a.warnings.clone();
    if oif != 0 && src.is_none() {
        let owns = sim
            .world
            .ns(ns)
            .devices
            .get(&oif)
            .is_some_and(|d| d.addrs.iter().any(|x| x.local == source));
        if !owns {
            if let Some(i) = &a.iface {
                let _ = writeln!(
                    warning,
                    "ping: Warning: source address might be selected on device other than: {i}"
                );
            }
        }
    }
    if broadcast {
        warning.push_str("WARNING: pinging broadcast address\n");
    }
    match &a.iface {
        Some(i) => {
            let dev = if oif != 0 { i.as_str() } else { "" };
            let _ = writeln!(
                out,
                "PING {target} ({dst}) from {source} {dev}: {}({}) bytes of data.",
                a.size,
                a.size + 28
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "PING {target} ({dst}) {}({}) bytes of data.",
                a.size,
                a.size + 28
            );
        }
    }
    let ident = a
        .ident
        .unwrap_or_else(|| (sim.world.random() & 0xffff) as u16);
    let sock = sim.sockets.open(ns, ident, oif);
    let start = sim.now();
    let ttl = a
        .ttl
        .unwrap_or(sim.world.ns(ns).sysctl.ip_default_ttl as u8);
    let deadline = a.deadline.map(|d| start + d);
    let (mut sent, mut received, mut errors) = (0u64, 0u64, 0u64);
    let mut rtts: Vec<u64> = Vec::new();
    // iputils times a probe only when its data has room for a `struct timeval` (16 bytes);
    // without it the replies and the summary carry no times.
    let timing = a.size >= TIMEVAL_LEN;
    let mut send_times: Vec<u64> = Vec::new();
    let mut seen = 0;
    let mut next_send = Some(start);
    let mut linger_until = None;
    let mut answered = std::collections::BTreeSet::new();
    let mut duplicates = 0u64;
    let mut stderr = warning.clone();
    // Where each stderr line fell among the stdout lines, for the terminal's view.
    let mut err_at: Vec<(usize, String)> = Vec::new();
    if !warning.is_empty() {
        err_at.push((0, warning.clone()));
    }
    let mut pipe = 0u64;
    let mut last_send = start;
    // Sends refused with ENOBUFS since the last one that went out (`pinger`'s `oom_count`).
    let mut oom_count = 0u64;
    loop {
        if let Some(c) = a.count {
            // With a deadline, -c counts replies (iputils: `npackets` against `nreceived`).
            let done = if deadline.is_some() {
                received >= c
            } else {
                received + errors >= c && sent >= c
            };
            if done {
                break;
            }
        }
        if deadline.is_some() && errors > 0 {
            break;
        }
        let wake = [next_send, linger_until, deadline]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(sim.now());
        // Events due exactly at a probe's time run after it: the kernel's timers fire on the
        // next jiffy, after ping's own timer.
        if sim.step_one(wake.saturating_sub(1)) {
            let evs = sim.sockets.socks[sock].events.clone();
            for ev in &evs[seen..] {
                match *ev {
                    PingEvent::Reply {
                        time,
                        from,
                        seq,
                        ttl,
                        len,
                    } => {
                        let idx = usize::from(seq).wrapping_sub(1);
                        let Some(t0) = send_times.get(idx) else {
                            continue;
                        };
                        let rtt = time.saturating_sub(*t0);
                        // iputils measures the pipe when an answer comes back.
                        pipe = pipe.max(sent.saturating_sub(received + errors));
                        rtts.push(rtt);
                        // A second answer to one probe (a broadcast ping) is a duplicate.
                        if answered.insert(seq) {
                            received += 1;
                        } else {
                            duplicates += 1;
                        }
                        if !a.quiet {
                            let _ =
                                write!(out, "{len} bytes from {from}: icmp_seq={seq} ttl={ttl}");
                            if timing {
                                let _ = write!(out, " time={} ms", fmt_ms(rtt));
                            }
                            out.push('\n');
                        }
                    }
                    PingEvent::Error {
                        from,
                        seq,
                        ty,
                        code,
                        rest,
                        ..
                    } => {
                        // iputils counts redirects and source quenches as notes, not errors.
                        if ty != ic::REDIRECT && ty != 4 {
                            pipe = pipe.max(sent.saturating_sub(received + errors));
                            errors += 1;
                        }
                        if !a.quiet {
                            let colon = if ty == ic::REDIRECT { ":" } else { "" };
                            let _ = writeln!(
                                out,
                                "From {from}{colon} icmp_seq={seq} {}",
                                icmp_text(ty, code, rest)
                            );
                        }
                    }
                }
            }
            seen = evs.len();
            if linger_until.is_some() && received > 0 {
                let tmax = rtts.iter().copied().max().unwrap_or(0);
                linger_until = Some(sim.now() + (2 * tmax).max(SEC / 1000));
            }
            continue;
        }
        sim.advance_to(wake);
        let now = sim.now();
        if deadline.is_some_and(|d| now >= d) || linger_until.is_some_and(|l| now >= l) {
            break;
        }
        if next_send.is_some_and(|t| now >= t) {
            let seq = (sent + 1) as u16;
            // Above 64 KiB of ICMP the ping socket refuses the send outright
            // (`ping_v4_sendmsg`: EMSGSIZE), and iputils says nothing about it.
            let sendable = a.size + 8 <= 0xFFFF;
            let res = if sendable {
                send_probe(sim, ns, &a, dst, src, oif, ident, seq, ttl)
            } else {
                Ok(())
            };
            let line = match res {
                Ok(()) => {
                    oom_count = 0;
                    None
                }
                Err(SendErr::NoBufs) => {
                    oom_count += 1;
                    let wait = nores_interval(a.interval);
                    if oom_count * wait < a.linger {
                        // The same probe again: `pinger` sleeps `wait`, then its token
                        // bucket holds it until a whole interval has passed.
                        next_send = Some(now + wait.max(a.interval));
                        continue;
                    }
                    Some("ping: sendmsg: No buffer space available".to_string())
                }
                Err(SendErr::Hard(e)) => {
                    errors += 1;
                    Some(e)
                }
            };
            if let Some(e) = line {
                let _ = writeln!(stderr, "{e}");
                err_at.push((out.len(), format!("{e}\n")));
            }
            sent += 1;
            last_send = now;
            send_times.push(now);
            let more = match a.count {
                Some(c) if deadline.is_some() => received < c,
                Some(c) => sent < c,
                None => true,
            };
            let gap = if a.no_gap {
                0
            } else {
                a.interval.max(SEC / 500)
            };
            next_send = more.then_some(now + gap);
            if !more {
                linger_until = Some(if received > 0 {
                    let tmax = rtts.iter().copied().max().unwrap_or(0);
                    now + (2 * tmax).max(SEC / 1000)
                } else if a.linger == 0 {
                    now + WAIT_FOREVER_CAP
                } else {
                    now + a.linger
                });
            }
        }
    }
    sim.sockets.close(sock);
    let elapsed = (last_send - start) / 1_000_000;
    let _ = writeln!(out, "\n--- {target} ping statistics ---");
    let loss = if sent == 0 {
        0.0
    } else {
        (sent - received) as f64 * 100.0 / sent as f64
    };
    let mut errs = String::new();
    if duplicates > 0 {
        let _ = write!(errs, ", +{duplicates} duplicates");
    }
    if errors > 0 {
        let _ = write!(errs, ", +{errors} errors");
    }
    let _ = writeln!(
        out,
        "{sent} packets transmitted, {received} received{errs}, {}% packet loss, time {elapsed}ms",
        fmt_g(loss)
    );
    if timing && !rtts.is_empty() {
        let n = rtts.len() as f64;
        let min = *rtts.iter().min().unwrap_or(&0);
        let max = *rtts.iter().max().unwrap_or(&0);
        let avg = rtts.iter().sum::<u64>() as f64 / n;
        let var = rtts.iter().map(|r| (*r as f64) * (*r as f64)).sum::<f64>() / n - avg * avg;
        let mdev = var.max(0.0).sqrt();
        let f = |ns: f64| {
            let us = (ns / 1000.0) as u64;
            format!("{}.{:03}", us / 1000, us % 1000)
        };
        let _ = writeln!(
            out,
            "rtt min/avg/max/mdev = {}/{}/{}/{} ms{}",
            f(min as f64),
            f(avg),
            f(max as f64),
            f(mdev),
            if pipe > 1 {
                format!(", pipe {pipe}")
            } else {
                String::new()
            }
        );
    } else if pipe > 1 {
        let _ = writeln!(out, "pipe {pipe}");
    } else {
        out.push('\n');
    }
    let status = if received == 0 || a.deadline.is_some() && a.count.is_some_and(|c| received < c) {
        1
    } else {
        0
    };
    let mut interleaved = String::new();
    let mut from = 0;
    for (at, line) in &err_at {
        interleaved.push_str(&out[from..*at]);
        interleaved.push_str(line);
        from = *at;
    }
    interleaved.push_str(&out[from..]);
    Output {
        stdout: out,
        stderr,
        status,
        interleaved: Some(interleaved),
        ..Default::default()
    }
}

fn broadcast_refused() -> Output {
    Output::err(
        "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules",
        2,
    )
}

/// `%g` for the loss percentage (6 significant digits, no trailing zeros).
fn fmt_g(x: f64) -> String {
    if x == x.trunc() {
        return format!("{}", x as u64);
    }
    let s = format!(
        "{:.*}",
        5usize.saturating_sub(x.abs().log10().floor() as usize),
        x
    );
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The flow of ping's socket: its destination, bound source or device, and `-m` mark.
fn probe_flow(a: &Args, dst: Ipv4Addr, src: Option<Ipv4Addr>, oif: u32) -> OutFlow {
    OutFlow {
        dst,
        src,
        oif,
        mark: a.mark,
        tos: 0,
    }
}

/// Why `sendmsg` failed for a probe.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SendErr {
    /// `ENOBUFS`: the device layer dropped the packet (`NET_XMIT_DROP` → `net_xmit_errno`).
    /// `pinger` retries the same probe and gives up (a hard error) once `oom_count` times the
    /// retry interval reaches the linger time `-W`.
    NoBufs,
    /// Any other error: the line iputils prints, and the probe counts as an error.
    Hard(String),
}

/// `pinger`'s pause after ENOBUFS: `SCHINT(interval / 2)` (at least `MININTERVAL`, 10 ms),
/// at most 500 ms.
fn nores_interval(interval: u64) -> u64 {
    (interval / 2).clamp(10 * SEC / 1000, SEC / 2)
}

/// Sends one echo request (`ping4_send_probe` → `raw_sendmsg`); says why when the kernel
/// refuses it.
#[allow(clippy::too_many_arguments)]
fn send_probe(
    sim: &mut Sim,
    ns: NsId,
    a: &Args,
    dst: Ipv4Addr,
    src: Option<Ipv4Addr>,
    oif: u32,
    ident: u16,
    seq: u16,
    ttl: u8,
) -> Result<(), SendErr> {
    let hard = |e: String| Err(SendErr::Hard(e));
    let route = match ip_route_output(sim, ns, probe_flow(a, dst, src, oif)) {
        Ok(r) => r,
        // iputils' "compatibility with old linuces": an EINVAL from sendmsg is neither
        // printed nor counted as an error; the probe counts as transmitted.
        Err(RouteErr::Inval) => return Ok(()),
        Err(e) => return hard(format!("ping: sendmsg: {}", e.text())),
    };
    let dev_mtu = sim
        .world
        .ns(ns)
        .devices
        .get(&route.dev)
        .map_or(1500, |d| d.mtu);
    let mtu = route.mtu_override().unwrap_or(dev_mtu) as usize;
    let len = a.size + 28;
    // `ip_append_data`: no IP datagram exceeds 64 KiB; the local error names the MTU.
    if len > 0xFFFF || a.pmtu == Pmtu::Do && len > mtu && !route.local {
        return hard(format!("ping: local error: message too long, mtu={mtu}"));
    }
    let df = match a.pmtu {
        Pmtu::Do => true,
        Pmtu::Dont => false,
        Pmtu::Want => len <= mtu || route.local,
    };
    let payload = wire::ping_payload(sim.now(), a.size);
    let icmp = ic::echo_request(ident, seq, &payload);
    let id = if df { 0 } else { next_ip_id(sim, ns) };
    let source = src.unwrap_or(route.src);
    // `__ip_make_skb`: a multicast route takes the socket's `mc_ttl` (1), unless `-t` set it
    // (iputils sets IP_MULTICAST_TTL and IP_TTL together).
    let ttl = if route.multicast && a.ttl.is_none() {
        1
    } else {
        ttl
    };
    let packet = wire::build_ipv4(source, dst, 1, ttl, id, df, 0, &icmp);
    match ip_local_out(sim, ns, &route, &packet) {
        Xmit::Drop => Err(SendErr::NoBufs),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtt_format_follows_iputils() {
        assert_eq!(fmt_ms(20_000), "0.020");
        assert_eq!(fmt_ms(1_234_000), "1.23");
        assert_eq!(fmt_ms(12_345_000), "12.3");
        assert_eq!(fmt_ms(123_000_000), "123");
    }

    #[test]
    fn loss_uses_percent_g() {
        assert_eq!(fmt_g(100.0), "100");
        assert_eq!(fmt_g(0.0), "0");
        assert_eq!(fmt_g(100.0 / 3.0), "33.3333");
        assert_eq!(fmt_g(200.0 / 3.0), "66.6667");
    }

    #[test]
    fn options_parse_like_iputils() {
        let a = parse(&["-c3".into(), "-W".into(), "1".into(), "10.0.0.2".into()]).unwrap();
        assert_eq!(a.count, Some(3));
        assert_eq!(a.linger, SEC);
        assert!(
            parse(&["-x".into(), "1.2.3.4".into()])
                .unwrap_err()
                .unsupported
        );
        assert_eq!(parse(&[]).unwrap_err().status, 2);
    }

    #[test]
    fn option_edge_cases_follow_iputils() {
        let p = |args: &[&str]| parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&["-t", "0", "h"]).unwrap_err().status, 2);
        let e = p(&["-t", "256", "h"]).unwrap_err();
        assert_eq!(e.status, 1);
        assert!(e.stderr.contains("out of range: 0 <= value <= 255"));
        assert_eq!(p(&["-c", "0", "h"]).unwrap_err().status, 1);
        assert!(p(&["-W", "-1", "h"])
            .unwrap_err()
            .stderr
            .contains("bad linger time: -1"));
        assert_eq!(p(&["-W", "0.0001", "h"]).unwrap().linger, 0);
        assert!(p(&["-i", "-1", "h"]).unwrap().no_gap);
        assert_eq!(p(&["-w", "0", "h"]).unwrap().deadline, None);
    }

    #[test]
    fn strtod_warns_about_garbage_and_keeps_the_number() {
        let mut w = String::new();
        assert_eq!(ping_strtod("0.25", "x", &mut w).unwrap(), 0.25);
        assert_eq!(ping_strtod("1e1", "x", &mut w).unwrap(), 10.0);
        assert!(w.is_empty());
        assert_eq!(ping_strtod("1x", "x", &mut w).unwrap(), 1.0);
        assert!(w.contains("garbage: x\n"), "{w}");
        let mut w = String::new();
        assert_eq!(ping_strtod("abc", "x", &mut w).unwrap(), 0.0);
        assert!(w.contains("garbage: abc\n"), "{w}");
        assert_eq!(ping_strtod("", "bad", &mut w).unwrap_err().status, 2);
        assert!(ping_strtod("inf", "bad", &mut w)
            .unwrap_err()
            .stderr
            .contains("out of range"));
    }

    #[test]
    fn enobufs_retries_the_probe_until_the_linger_time() {
        assert_eq!(nores_interval(SEC), SEC / 2);
        assert_eq!(nores_interval(SEC / 5), SEC / 10);
        assert_eq!(nores_interval(SEC / 100), SEC / 100);
        let mut sim = Sim::new(0);
        let run = |sim: &mut Sim, cmd: &str| {
            let argv: Vec<String> = cmd.split_whitespace().map(String::from).collect();
            crate::cmd::execute(sim, 0, &argv).combined()
        };
        for cmd in [
            "ip link add v0 type veth peer name v1",
            "ip link set v1 mtu 1280",
            "ip addr add 10.0.0.1/24 dev v0",
            "ip link set v0 up",
            "ip link set v1 up",
            "ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0",
        ] {
            run(&mut sim, cmd);
        }
        sim.settle();
        // A 1298-byte frame is the most a peer with MTU 1280 takes (mtu + 14 + 4).
        run(&mut sim, "ping -c 1 -W 1 -s 1256 10.0.0.2");
        let stats = |sim: &Sim, dev: &str| {
            let i = sim.world.ns(0).ifindex_of(dev).unwrap();
            sim.world.ns(0).devices[&i].stats.clone()
        };
        assert_eq!(stats(&sim, "v0").tx_dropped, 0);
        // -W 2 -i 1: each refusal waits 500 ms, so 4 tries for the first probe, then one
        // for the second; both are reported and count as transmitted.
        let out = run(&mut sim, "ping -c 2 -W 2 -s 1257 10.0.0.2");
        assert_eq!(
            out.matches("ping: sendmsg: No buffer space available")
                .count(),
            2,
            "{out}"
        );
        assert!(out.contains("2 packets transmitted, 0 received, 100% packet loss"));
        assert_eq!(stats(&sim, "v0").tx_dropped, 5);
        assert_eq!(stats(&sim, "v1").rx_dropped, 5);
    }

    #[test]
    fn probes_without_room_for_a_timeval_are_not_timed() {
        let mut sim = Sim::new(0);
        let run = |sim: &mut Sim, cmd: &str| {
            let argv: Vec<String> = cmd.split_whitespace().map(String::from).collect();
            crate::cmd::execute(sim, 0, &argv).combined()
        };
        run(&mut sim, "ip link set lo up");
        let small = run(&mut sim, "ping -c 1 -s 15 127.0.0.1");
        assert!(
            small.contains("23 bytes from 127.0.0.1: icmp_seq=1 ttl=64\n"),
            "{small}"
        );
        assert!(!small.contains("rtt"), "{small}");
        let timed = run(&mut sim, "ping -c 1 -s 16 127.0.0.1");
        assert!(timed.contains("ttl=64 time="), "{timed}");
        assert!(timed.contains("rtt min/avg/max/mdev"), "{timed}");
    }
}
