//! TCP over IPv4 as far as connection probes need it: `net/ipv4/tcp_ipv4.c` (`tcp_v4_rcv`,
//! `tcp_v4_send_reset`, `tcp_v4_err`, `tcp_v4_connect`), `net/ipv4/tcp_input.c`
//! (`tcp_rcv_synsent_state_process`, `tcp_rcv_state_process`, `tcp_fin`),
//! `net/ipv4/tcp_output.c` (`tcp_connect`, `tcp_send_fin`, `tcp_send_ack`,
//! `tcp_select_initial_window`), `net/ipv4/tcp_timer.c` (`tcp_retransmit_timer`) and
//! `net/ipv4/inet_hashtables.c` (`__inet_hash_connect`).
//!
//! Modelled: listeners with an accept queue (`listen(fd, 1)` as nc does it), the three-way
//! handshake with the options Linux 6.18 sends (MSS, SACK_PERM, timestamps, window scale 10),
//! RST from a closed port, ECONNREFUSED / EHOSTUNREACH / ENETUNREACH / ETIMEDOUT for an active
//! open, SYN retransmission (linear for `tcp_syn_linear_timeouts` = 4, then doubling; given up
//! after `tcp_syn_retries` = 6), the orderly close of a connection that carries no data
//! (FIN/ACK, the delayed ACK of a received FIN at the next jiffy, TIME_WAIT), and the `nc -l`
//! process behind a listener (accept, close on EOF, exit or keep listening).
//!
//! Not modelled: data transfer, SYN-ACK retransmission, SYN cookies, simultaneous open,
//! TIME_WAIT reuse and its 60 s expiry, keepalive, PMTU.

use super::ip_output::ip_local_out;
use super::route::{ip_route_output, OutFlow, RouteErr};
use super::{Event, Sim, Skb};
use crate::model::NsId;
use crate::trace::{Action, DropReason};
use crate::wire::tcp::{self as t, TcpPacket, TcpRepr};
use crate::wire::{self, icmp as ic};
use std::net::Ipv4Addr;

/// Handle of a TCP socket (index in [`TcpTable::socks`]).
pub type SockId = usize;

/// How long the user-space process behind a socket takes to react (wake up, read, close):
/// about what the kernel traces showed for `nc` (30–160 µs).
pub const APP_DELAY_NS: u64 = 50_000;

const SEC: u64 = 1_000_000_000;
const JIFFY: u64 = 4_000_000;
/// `TCP_TIMEOUT_INIT`.
const RTO_INIT: u64 = SEC;
/// `net.ipv4.tcp_syn_retries`.
const SYN_RETRIES: u32 = 6;
/// `net.ipv4.tcp_syn_linear_timeouts` (Linux 6.18).
const SYN_LINEAR_TIMEOUTS: u32 = 4;
/// The window scale Linux 6.18 offers: `tcp_select_initial_window` with `tcp_rmem[2]` =
/// 32 MiB.
const RCV_WSCALE: u8 = 10;
/// `TCPOLEN_TSTAMP_ALIGNED`.
const TS_LEN: u16 = 12;

/// `sk->sk_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpState {
    Listen,
    SynSent,
    SynRecv,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
    Close,
}

/// The errors a socket reports (`sk->sk_err`), with glibc's `strerror` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Errno {
    ConnRefused,
    ConnReset,
    HostUnreach,
    NetUnreach,
    TimedOut,
    ProtoOpt,
    HostDown,
    NoNet,
}

impl Errno {
    pub fn text(self) -> &'static str {
        match self {
            Errno::ConnRefused => "Connection refused",
            Errno::ConnReset => "Connection reset by peer",
            Errno::HostUnreach => "No route to host",
            Errno::NetUnreach => "Network is unreachable",
            Errno::TimedOut => "Connection timed out",
            Errno::ProtoOpt => "Protocol not available",
            Errno::HostDown => "Host is down",
            Errno::NoNet => "Machine is not on the network",
        }
    }

    /// `icmp_err_convert[code]`: the errno of a destination-unreachable code and whether it
    /// is "fatal" (hard).
    pub fn from_unreach(code: u8) -> Option<(Errno, bool)> {
        Some(match code {
            0 => (Errno::NetUnreach, false),
            1 => (Errno::HostUnreach, false),
            2 => (Errno::ProtoOpt, true),
            3 => (Errno::ConnRefused, true),
            6 | 9 => (Errno::NetUnreach, true),
            7 => (Errno::HostDown, true),
            8 => (Errno::NoNet, true),
            10 | 13 => (Errno::HostUnreach, true),
            11 => (Errno::NetUnreach, false),
            12 => (Errno::HostUnreach, false),
            _ => return None,
        })
    }
}

impl From<RouteErr> for Errno {
    fn from(e: RouteErr) -> Self {
        match e {
            RouteErr::NetUnreach => Errno::NetUnreach,
            _ => Errno::HostUnreach,
        }
    }
}

/// The process behind a socket, as far as the kernel sees it act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// A command that polls the socket itself (the `nc` client), or nobody (an orphan).
    None,
    /// `nc -l [-k]` on a listening socket; `conn` is the connection it accepted and serves.
    NcListen { keep: bool, conn: Option<SockId> },
    /// A connection accepted by the `nc -l` on listener `listener`.
    NcConn { listener: SockId },
}

/// One TCP socket (a listener, a request/child socket, or a client).
#[derive(Debug, Clone)]
pub struct TcpSock {
    pub ns: NsId,
    pub state: TcpState,
    pub laddr: Ipv4Addr,
    pub lport: u16,
    pub raddr: Ipv4Addr,
    pub rport: u16,
    pub app: App,
    /// The listener a child came from, until accepted.
    pub parent: Option<SockId>,
    /// A listener's queue of children (SYN_RECV and not yet accepted).
    pub accept_queue: Vec<SockId>,
    pub backlog: usize,
    pub err: Option<Errno>,
    iss: u32,
    snd_nxt: u32,
    snd_una: u32,
    rcv_nxt: u32,
    ts_offset: u32,
    ts_recent: u32,
    ts_ok: bool,
    wscale_ok: bool,
    sack_ok: bool,
    mss: u16,
    rcv_wnd: u32,
    ip_id: u16,
    retrans: u32,
    rto: u64,
    /// Generation of the armed retransmission / delayed-ACK timers (stale ones are ignored).
    timer_gen: u64,
    delack_gen: Option<u64>,
}

/// Every TCP socket of the world (closed ones stay, in state `Close`, so handles stay valid).
#[derive(Debug, Default, Clone)]
pub struct TcpTable {
    pub socks: Vec<TcpSock>,
    gen: u64,
}

/// TCP timers and the reactions of the processes behind sockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpEvent {
    /// `tcp_retransmit_timer` (the SYN of an active open).
    Retransmit { sock: SockId, gen: u64 },
    /// `tcp_delack_timer`.
    DelAck { sock: SockId, gen: u64 },
    /// The process behind a connection read EOF (or an error) and closes it.
    AppClose { sock: SockId },
}

impl TcpTable {
    fn next_gen(&mut self) -> u64 {
        self.gen += 1;
        self.gen
    }

    /// `__inet_lookup_established` then `__inet_lookup_listener`: the socket a segment to
    /// `daddr:dport` from `saddr:sport` belongs to (a listener bound to the address beats
    /// one bound to any address).
    pub fn lookup(
        &self,
        ns: NsId,
        saddr: Ipv4Addr,
        sport: u16,
        daddr: Ipv4Addr,
        dport: u16,
    ) -> Option<SockId> {
        let live = |s: &TcpSock| s.ns == ns && s.state != TcpState::Close;
        if let Some(i) = self.socks.iter().position(|s| {
            live(s)
                && s.state != TcpState::Listen
                && s.lport == dport
                && s.laddr == daddr
                && s.raddr == saddr
                && s.rport == sport
        }) {
            return Some(i);
        }
        let listeners = self
            .socks
            .iter()
            .enumerate()
            .filter(|(_, s)| live(s) && s.state == TcpState::Listen && s.lport == dport);
        let mut best = None;
        for (i, s) in listeners {
            if s.laddr == daddr {
                return Some(i);
            }
            if s.laddr.is_unspecified() && best.is_none() {
                best = Some(i);
            }
        }
        best
    }

    /// Whether a listener or any socket holds `port` in `ns` (`inet_csk_get_port` conflicts).
    pub fn port_in_use(&self, ns: NsId, port: u16) -> bool {
        self.socks
            .iter()
            .any(|s| s.ns == ns && s.state != TcpState::Close && s.lport == port)
    }

    fn four_tuple_used(
        &self,
        ns: NsId,
        laddr: Ipv4Addr,
        lport: u16,
        raddr: Ipv4Addr,
        rport: u16,
    ) -> bool {
        self.socks.iter().any(|s| {
            s.ns == ns
                && s.state != TcpState::Close
                && s.lport == lport
                && (s.state == TcpState::Listen
                    || (s.laddr == laddr && s.raddr == raddr && s.rport == rport))
        })
    }
}

fn blank_sock(ns: NsId, state: TcpState) -> TcpSock {
    TcpSock {
        ns,
        state,
        laddr: Ipv4Addr::UNSPECIFIED,
        lport: 0,
        raddr: Ipv4Addr::UNSPECIFIED,
        rport: 0,
        app: App::None,
        parent: None,
        accept_queue: Vec::new(),
        backlog: 0,
        err: None,
        iss: 0,
        snd_nxt: 0,
        snd_una: 0,
        rcv_nxt: 0,
        ts_offset: 0,
        ts_recent: 0,
        ts_ok: false,
        wscale_ok: false,
        sack_ok: false,
        mss: 1460,
        rcv_wnd: 0,
        ip_id: 0,
        retrans: 0,
        rto: RTO_INIT,
        timer_gen: 0,
        delack_gen: None,
    }
}

/// `inet_listen` after `bind`: a listening socket on `port` (any address) with `backlog`,
/// served by `app`. `None` when the port is taken (`EADDRINUSE`).
pub fn tcp_listen(sim: &mut Sim, ns: NsId, port: u16, backlog: usize, app: App) -> Option<SockId> {
    if sim.sockets.tcp.port_in_use(ns, port) {
        return None;
    }
    let mut s = blank_sock(ns, TcpState::Listen);
    s.lport = port;
    s.backlog = backlog;
    s.app = app;
    sim.sockets.tcp.socks.push(s);
    Some(sim.sockets.tcp.socks.len() - 1)
}

/// `inet_sk_get_local_port_range`: `net.ipv4.ip_local_port_range` of `ns`.
pub fn local_port_range(sim: &Sim, ns: NsId) -> (u16, u16) {
    sim.world.ns(ns).sysctl.ip_local_port_range
}

/// `__inet_hash_connect`: a random even offset into the range (`offset &= ~1`), ports of the
/// range's low parity scanned first in steps of two, then the other parity; the first port
/// whose 4-tuple is free wins. `None` when all are taken (`EADDRNOTAVAIL`).
fn inet_hash_connect(
    sim: &mut Sim,
    ns: NsId,
    laddr: Ipv4Addr,
    raddr: Ipv4Addr,
    rport: u16,
) -> Option<u16> {
    let (low, high) = local_port_range(sim, ns);
    let (low, high) = (u32::from(low), u32::from(high) + 1);
    let mut remaining = high.saturating_sub(low);
    if remaining == 0 {
        return None;
    }
    if remaining > 1 {
        remaining &= !1;
    }
    let mut offset = ((sim.world.random() % u64::from(remaining)) as u32) & !1;
    loop {
        let mut port = low + offset;
        let mut i = 0;
        while i < remaining {
            if port >= high {
                port -= remaining;
            }
            // Narrowing: ports stay below `high` ≤ 65536.
            let p = port as u16;
            if !sim.sockets.tcp.four_tuple_used(ns, laddr, p, raddr, rport) {
                return Some(p);
            }
            i += 2;
            port += 2;
        }
        offset += 1;
        if offset & 1 == 0 || remaining <= 1 {
            return None;
        }
    }
}

/// `tcp_v4_connect` → `tcp_connect`: chooses the source (`ip_route_connect`) and an ephemeral
/// port, sends the SYN and arms the retransmission timer. A route error comes back at once
/// (`connect` fails with it).
pub fn tcp_v4_connect(
    sim: &mut Sim,
    ns: NsId,
    raddr: Ipv4Addr,
    rport: u16,
) -> Result<SockId, Errno> {
    let route = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: raddr,
            src: None,
            oif: 0,
            mark: 0,
            tos: 0,
        },
    )
    .map_err(Errno::from)?;
    let laddr = route.src;
    let lport = inet_hash_connect(sim, ns, laddr, raddr, rport).ok_or(Errno::NetUnreach)?;
    let mtu = dev_mtu(sim, ns, route.dev);
    let mut s = blank_sock(ns, TcpState::SynSent);
    s.laddr = laddr;
    s.lport = lport;
    s.raddr = raddr;
    s.rport = rport;
    s.iss = sim.world.random() as u32;
    s.snd_una = s.iss;
    s.snd_nxt = s.iss.wrapping_add(1);
    s.ts_offset = sim.world.random() as u32;
    s.ip_id = sim.world.random() as u16;
    s.mss = advmss(mtu);
    // `tcp_connect_init`: no timestamp yet, so the window is a multiple of the full MSS.
    s.rcv_wnd = initial_window(u32::from(s.mss));
    sim.sockets.tcp.socks.push(s);
    let id = sim.sockets.tcp.socks.len() - 1;
    send_syn(sim, id);
    arm_retransmit(sim, id);
    Ok(id)
}

fn dev_mtu(sim: &Sim, ns: NsId, dev: crate::model::IfIndex) -> u32 {
    sim.world.ns(ns).devices.get(&dev).map_or(1500, |d| d.mtu)
}

/// `ipv4_default_advmss`: the route's MTU minus the IP and TCP headers.
fn advmss(mtu: u32) -> u16 {
    // Narrowing: clamped to the 16-bit MSS field.
    mtu.saturating_sub(40).clamp(88, 65535) as u16
}

/// `tcp_select_initial_window`: 64 KiB rounded down to a multiple of `mss` (the window
/// field of a SYN is never scaled).
fn initial_window(mss: u32) -> u32 {
    let space = 65535u32;
    if mss == 0 || space <= mss {
        space
    } else {
        space / mss * mss
    }
}

/// The TSval of a socket now: `tcp_clock_ms` plus the socket's random offset.
fn ts_val(sim: &Sim, s: &TcpSock) -> u32 {
    // Narrowing: the millisecond clock wraps like the kernel's 32-bit TSval.
    ((sim.now() / 1_000_000) as u32).wrapping_add(s.ts_offset)
}

fn send_syn(sim: &mut Sim, id: SockId) {
    let s = &sim.sockets.tcp.socks[id];
    let opts = t::write_options(
        Some(s.mss),
        true,
        Some((ts_val(sim, s), 0)),
        Some(RCV_WSCALE),
    );
    let seg = TcpRepr {
        src_port: s.lport,
        dst_port: s.rport,
        seq: s.iss,
        ack: 0,
        flags: t::SYN,
        window: s.rcv_wnd.min(65535) as u16,
        options: opts,
        payload: vec![],
    };
    transmit(sim, id, seg, "tcp_connect", false);
}

/// `tcp_transmit_skb` → `ip_queue_xmit`: routes the socket's segment and sends it with DF
/// and the socket's IP ID (`id_zero` for SYN-ACKs, which `ip_build_and_send_pkt` sends with
/// ID 0).
fn transmit(sim: &mut Sim, id: SockId, seg: TcpRepr, func: &'static str, id_zero: bool) {
    let s = &sim.sockets.tcp.socks[id];
    let (ns, laddr, raddr) = (s.ns, s.laddr, s.raddr);
    let ip_id = if id_zero { 0 } else { s.ip_id };
    let bytes = seg.build(laddr, raddr);
    let route = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: raddr,
            src: Some(laddr),
            oif: 0,
            mark: 0,
            tos: 0,
        },
    );
    let route = match route {
        Ok(r) => r,
        Err(e) => {
            if sim.trace.enabled {
                let (now, label) = (sim.now(), sim.world.ns(ns).label().to_string());
                sim.trace.step(
                    now,
                    0,
                    &label,
                    "-",
                    func,
                    Action::Dropped(DropReason::IpOutnoroutes),
                    || format!("no route to {raddr} ({})", e.text()),
                );
            }
            return;
        }
    };
    if !id_zero {
        let s = &mut sim.sockets.tcp.socks[id];
        s.ip_id = s.ip_id.wrapping_add(1);
    }
    let ttl = sim.world.ns(ns).sysctl.ip_default_ttl as u8;
    let packet = wire::build_ipv4(
        laddr,
        raddr,
        wire::ipv4::IPPROTO_TCP,
        ttl,
        ip_id,
        true,
        0,
        &bytes,
    );
    if sim.trace.enabled {
        let text = wire::describe(&super::ip_output::blank_frame(&packet));
        let (now, label) = (sim.now(), sim.world.ns(ns).label().to_string());
        sim.trace
            .step(now, 0, &label, "-", func, Action::Transmitted, || text);
    }
    ip_local_out(sim, ns, &route, &packet);
}

/// A segment of an established (or closing) connection: current seq/ack, timestamps, the
/// scaled window.
fn send_flags(sim: &mut Sim, id: SockId, flags: u8, func: &'static str) {
    let s = &sim.sockets.tcp.socks[id];
    let opts = if s.ts_ok {
        t::write_options(None, false, Some((ts_val(sim, s), s.ts_recent)), None)
    } else {
        vec![]
    };
    let shift = if s.wscale_ok { RCV_WSCALE } else { 0 };
    // `__tcp_select_window`: with scaling the window is rounded up to the scale unit.
    let unit = 1u32 << shift;
    let window = (s.rcv_wnd.div_ceil(unit) * unit) >> shift;
    let seg = TcpRepr {
        src_port: s.lport,
        dst_port: s.rport,
        seq: s.snd_nxt,
        ack: s.rcv_nxt,
        flags,
        window: window.min(65535) as u16,
        options: opts,
        payload: vec![],
    };
    // Sending an ACK clears a pending delayed one (`tcp_event_ack_sent`).
    sim.sockets.tcp.socks[id].delack_gen = None;
    transmit(sim, id, seg, func, false);
}

fn arm_retransmit(sim: &mut Sim, id: SockId) {
    let gen = sim.sockets.tcp.next_gen();
    let s = &mut sim.sockets.tcp.socks[id];
    s.timer_gen = gen;
    let at = sim.world.now + s.rto;
    sim.schedule_timer(at, Event::Tcp(TcpEvent::Retransmit { sock: id, gen }));
}

/// `inet_csk_schedule_ack` + `tcp_send_delayed_ack` for a connection that has received no
/// data (`icsk_ack.ato` still 0): the timer expires at the current jiffy, so it fires at the
/// next tick.
fn schedule_delack(sim: &mut Sim, id: SockId) {
    let gen = sim.sockets.tcp.next_gen();
    sim.sockets.tcp.socks[id].delack_gen = Some(gen);
    let at = (sim.world.now / JIFFY + 1) * JIFFY;
    sim.schedule(at, Event::Tcp(TcpEvent::DelAck { sock: id, gen }));
}

/// Runs a TCP timer or a process reaction.
pub fn tcp_event(sim: &mut Sim, ev: TcpEvent) {
    match ev {
        TcpEvent::Retransmit { sock, gen } => tcp_retransmit_timer(sim, sock, gen),
        TcpEvent::DelAck { sock, gen } => {
            let Some(s) = sim.sockets.tcp.socks.get(sock) else {
                return;
            };
            if s.delack_gen == Some(gen) && s.state != TcpState::Close {
                send_flags(sim, sock, t::ACK, "tcp_delack_timer");
            }
        }
        TcpEvent::AppClose { sock } => app_close(sim, sock),
    }
}

/// `tcp_retransmit_timer` for a SYN: gives up after `tcp_syn_retries` (ETIMEDOUT), else sends
/// the SYN again; the RTO stays 1 s for the first `tcp_syn_linear_timeouts` retransmissions,
/// then doubles. A SYN whose previous copy still waits in the host (on an unresolved
/// neighbour) is not sent again — `__tcp_retransmit_skb` returns `-EBUSY` from
/// `skb_still_in_host_queue` — yet the timer backs off and counts the attempt as if it had
/// been: observed on Linux 6.18, one ICMP host unreachable (for the first SYN) after three ARP
/// probes, and no SYN retransmitted meanwhile.
fn tcp_retransmit_timer(sim: &mut Sim, id: SockId, gen: u64) {
    let Some(s) = sim.sockets.tcp.socks.get(id) else {
        return;
    };
    if s.timer_gen != gen || s.state != TcpState::SynSent {
        return;
    }
    if s.retrans >= SYN_RETRIES {
        tcp_done(sim, id, Some(Errno::TimedOut));
        return;
    }
    if still_in_host_queue(sim, id) {
        if sim.trace.enabled {
            let (now, label) = (sim.now(), sim.world.ns(s.ns).label().to_string());
            sim.trace.step(
                now,
                0,
                &label,
                "-",
                "skb_still_in_host_queue",
                Action::Consumed,
                || "SYN still queued on a neighbour: not retransmitted".into(),
            );
        }
    } else {
        send_syn(sim, id);
    }
    let s = &mut sim.sockets.tcp.socks[id];
    s.retrans += 1;
    if s.retrans > SYN_LINEAR_TIMEOUTS {
        s.rto = (s.rto * 2).min(120 * SEC);
    }
    arm_retransmit(sim, id);
}

/// `skb_still_in_host_queue` for a SYN: a copy of the socket's segment still waits in one of
/// its namespace's neighbour queues (`arp_queue`; the simulator has no qdisc backlog).
fn still_in_host_queue(sim: &Sim, id: SockId) -> bool {
    let s = &sim.sockets.tcp.socks[id];
    let ours = |frame: &[u8]| {
        let Some(ip) = frame.get(14..) else {
            return false;
        };
        let Ok(hdr) = wire::ipv4::ipv4_summary(ip) else {
            return false;
        };
        let l4 = ip.get(hdr.header_len..).unwrap_or(&[]);
        hdr.proto == wire::ipv4::IPPROTO_TCP
            && hdr.src == s.laddr
            && hdr.dst == s.raddr
            && l4.len() >= 4
            && u16::from_be_bytes([l4[0], l4[1]]) == s.lport
            && u16::from_be_bytes([l4[2], l4[3]]) == s.rport
    };
    sim.world
        .ns(s.ns)
        .neigh
        .entries
        .values()
        .any(|n| n.queue.iter().any(|(_, f)| ours(f)))
}

/// `tcp_done`: the socket is closed, with `err` reported to its owner.
fn tcp_done(sim: &mut Sim, id: SockId, err: Option<Errno>) {
    let s = &mut sim.sockets.tcp.socks[id];
    s.state = TcpState::Close;
    s.timer_gen = 0;
    s.delack_gen = None;
    if err.is_some() {
        s.err = err;
    }
    let app = s.app;
    if let App::NcConn { listener } = app {
        app_conn_gone(sim, listener);
    }
}

/// `tcp_close` by the process: from ESTABLISHED or CLOSE_WAIT a FIN goes out
/// (`tcp_close_state` + `tcp_send_fin`); a connection not yet established just closes.
pub fn tcp_close(sim: &mut Sim, id: SockId) {
    let Some(s) = sim.sockets.tcp.socks.get_mut(id) else {
        return;
    };
    s.app = App::None;
    match s.state {
        TcpState::Established | TcpState::CloseWait => {
            let next = if s.state == TcpState::Established {
                TcpState::FinWait1
            } else {
                TcpState::LastAck
            };
            s.state = next;
            send_flags(sim, id, t::FIN | t::ACK, "tcp_send_fin");
            let s = &mut sim.sockets.tcp.socks[id];
            s.snd_nxt = s.snd_nxt.wrapping_add(1);
        }
        TcpState::Listen => inet_csk_listen_stop(sim, id),
        TcpState::SynSent | TcpState::SynRecv => tcp_done(sim, id, None),
        _ => {}
    }
}

/// `inet_csk_listen_stop`: closing a listener resets the children nobody accepted
/// (`tcp_disconnect` sends RST for an established one) and drops request sockets.
fn inet_csk_listen_stop(sim: &mut Sim, id: SockId) {
    let queue = std::mem::take(&mut sim.sockets.tcp.socks[id].accept_queue);
    sim.sockets.tcp.socks[id].state = TcpState::Close;
    for c in queue {
        let st = sim.sockets.tcp.socks[c].state;
        if matches!(st, TcpState::Established | TcpState::CloseWait) {
            send_flags(sim, c, t::RST | t::ACK, "tcp_disconnect");
        }
        tcp_done(sim, c, None);
    }
}

/// The `nc -l` behind listener `listener` lost its connection (closed or reset): without
/// `-k` it exits (closing the listener), with `-k` it accepts the next one.
fn app_conn_gone(sim: &mut Sim, listener: SockId) {
    let Some(l) = sim.sockets.tcp.socks.get_mut(listener) else {
        return;
    };
    let App::NcListen { keep, .. } = l.app else {
        return;
    };
    l.app = App::NcListen { keep, conn: None };
    if keep {
        app_accept(sim, listener);
    } else {
        tcp_close(sim, listener);
    }
}

/// `accept()` by the `nc -l` of `listener` if it is idle and a connection is ready.
fn app_accept(sim: &mut Sim, listener: SockId) {
    let l = &sim.sockets.tcp.socks[listener];
    let App::NcListen { keep, conn: None } = l.app else {
        return;
    };
    let Some(pos) = l.accept_queue.iter().position(|c| {
        matches!(
            sim.sockets.tcp.socks[*c].state,
            TcpState::Established | TcpState::CloseWait | TcpState::Close
        )
    }) else {
        return;
    };
    let c = sim.sockets.tcp.socks[listener].accept_queue.remove(pos);
    sim.sockets.tcp.socks[listener].app = App::NcListen {
        keep,
        conn: Some(c),
    };
    let child = &mut sim.sockets.tcp.socks[c];
    child.parent = None;
    child.app = App::NcConn { listener };
    // A connection that already saw EOF or a reset is closed at once.
    if matches!(child.state, TcpState::CloseWait | TcpState::Close) {
        let at = sim.now() + APP_DELAY_NS;
        sim.schedule(at, Event::Tcp(TcpEvent::AppClose { sock: c }));
    }
}

/// The process serving connection `id` read EOF (or an error) and closes it.
fn app_close(sim: &mut Sim, id: SockId) {
    let Some(s) = sim.sockets.tcp.socks.get(id) else {
        return;
    };
    let App::NcConn { listener } = s.app else {
        return;
    };
    if s.state == TcpState::Close {
        sim.sockets.tcp.socks[id].app = App::None;
        app_conn_gone(sim, listener);
        return;
    }
    tcp_close(sim, id);
    app_conn_gone(sim, listener);
}

/// `tcp_v4_rcv`: checksum, socket lookup, then the socket's state machine; no socket means a
/// reset (`tcp_v4_send_reset`) and `SKB_DROP_REASON_NO_SOCKET`.
pub fn tcp_v4_rcv(sim: &mut Sim, skb: Skb, hdr: wire::Ipv4Summary) {
    let l4 = skb
        .l3()
        .get(hdr.header_len..hdr.total_len)
        .unwrap_or(&[])
        .to_vec();
    let Ok(th) = TcpPacket::new_checked(&l4) else {
        sim.drop_skb(&skb, "tcp_v4_rcv", DropReason::PktTooSmall, || {
            "TCP header truncated or bad data offset".into()
        });
        return;
    };
    if !th.checksum_ok(hdr.src, hdr.dst) {
        sim.drop_skb(&skb, "tcp_v4_rcv", DropReason::TcpCsum, || {
            "bad TCP checksum".into()
        });
        return;
    }
    let found = sim
        .sockets
        .tcp
        .lookup(skb.ns, hdr.src, th.src_port(), hdr.dst, th.dst_port());
    let Some(id) = found else {
        sim.drop_skb(&skb, "tcp_v4_rcv", DropReason::NoSocket, || {
            format!("no socket for {}:{}", hdr.dst, th.dst_port())
        });
        tcp_v4_send_reset(sim, &skb, &hdr, &th);
        return;
    };
    match sim.sockets.tcp.socks[id].state {
        TcpState::Listen => tcp_v4_conn_request(sim, &skb, &hdr, &th, id),
        TcpState::SynSent => tcp_rcv_synsent_state_process(sim, &skb, &hdr, &th, id),
        _ => tcp_rcv_state_process(sim, &skb, &hdr, &th, id),
    }
}

/// `tcp_v4_send_reset`: never for a RST; for a segment with ACK, RST with `seq = ack_seq`;
/// otherwise RST|ACK with `seq 0` and `ack = seq + SYN + FIN + data`. No options, window 0,
/// IP ID 0 with DF (`ip_send_unicast_reply`), from the address the segment was sent to.
pub fn tcp_v4_send_reset(sim: &mut Sim, skb: &Skb, hdr: &wire::Ipv4Summary, th: &TcpPacket<'_>) {
    if th.has(t::RST) {
        return;
    }
    let (seq, ack, flags) = if th.has(t::ACK) {
        (th.ack(), 0, t::RST)
    } else {
        (0, th.seq().wrapping_add(th.seq_len()), t::RST | t::ACK)
    };
    let seg = TcpRepr {
        src_port: th.dst_port(),
        dst_port: th.src_port(),
        seq,
        ack,
        flags,
        window: 0,
        options: vec![],
        payload: vec![],
    }
    .build(hdr.dst, hdr.src);
    let ns = skb.ns;
    let Ok(route) = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: hdr.src,
            src: Some(hdr.dst),
            oif: 0,
            mark: 0,
            tos: hdr.tos,
        },
    ) else {
        return;
    };
    let ttl = sim.world.ns(ns).sysctl.ip_default_ttl as u8;
    let packet = wire::build_ipv4(
        hdr.dst,
        hdr.src,
        wire::ipv4::IPPROTO_TCP,
        ttl,
        0,
        true,
        hdr.tos,
        &seg,
    );
    sim.step(skb, "tcp_v4_send_reset", Action::Replied, || {
        wire::describe(&super::ip_output::blank_frame(&packet))
    });
    ip_local_out(sim, ns, &route, &packet);
}

/// `tcp_v4_do_rcv` on a listener → `tcp_v4_conn_request`: a SYN gets a request socket and a
/// SYN-ACK (dropped when the accept queue is full); an ACK for no request gets a reset.
fn tcp_v4_conn_request(
    sim: &mut Sim,
    skb: &Skb,
    hdr: &wire::Ipv4Summary,
    th: &TcpPacket<'_>,
    lid: SockId,
) {
    if th.has(t::RST) {
        sim.drop_skb(skb, "tcp_rcv_state_process", DropReason::TcpFlags, || {
            "RST to a listener".into()
        });
        return;
    }
    if th.has(t::ACK) {
        sim.drop_skb(skb, "tcp_v4_do_rcv", DropReason::TcpFlags, || {
            "ACK to a listener: reset".into()
        });
        tcp_v4_send_reset(sim, skb, hdr, th);
        return;
    }
    if !th.has(t::SYN) || th.has(t::FIN) {
        sim.drop_skb(skb, "tcp_rcv_state_process", DropReason::TcpFlags, || {
            "not a SYN".into()
        });
        return;
    }
    let l = &sim.sockets.tcp.socks[lid];
    // `sk_acceptq_is_full`: more queued than the backlog.
    if l.accept_queue.len() > l.backlog {
        sim.drop_skb(
            skb,
            "tcp_conn_request",
            DropReason::TcpListenOverflow,
            || "accept queue full".into(),
        );
        return;
    }
    let ns = skb.ns;
    let opts = th.options();
    let Ok(route) = ip_route_output(
        sim,
        ns,
        OutFlow {
            dst: hdr.src,
            src: Some(hdr.dst),
            oif: 0,
            mark: 0,
            tos: 0,
        },
    ) else {
        sim.drop_skb(skb, "tcp_v4_route_req", DropReason::IpOutnoroutes, || {
            format!("no route back to {}", hdr.src)
        });
        return;
    };
    let mtu = dev_mtu(sim, ns, route.dev);
    let mut c = blank_sock(ns, TcpState::SynRecv);
    c.laddr = hdr.dst;
    c.lport = th.dst_port();
    c.raddr = hdr.src;
    c.rport = th.src_port();
    c.parent = Some(lid);
    c.iss = sim.world.random() as u32;
    c.snd_una = c.iss;
    c.snd_nxt = c.iss.wrapping_add(1);
    c.rcv_nxt = th.seq().wrapping_add(1);
    c.ts_offset = sim.world.random() as u32;
    c.ip_id = sim.world.random() as u16;
    c.ts_ok = opts.timestamp.is_some();
    c.ts_recent = opts.timestamp.map_or(0, |t| t.0);
    c.wscale_ok = opts.wscale.is_some();
    c.sack_ok = opts.sack_perm;
    c.mss = advmss(mtu);
    // `tcp_openreq_init_rwin`: the window is a multiple of the MSS less the timestamp.
    let eff = u32::from(c.mss) - if c.ts_ok { u32::from(TS_LEN) } else { 0 };
    c.rcv_wnd = initial_window(eff);
    sim.sockets.tcp.socks.push(c);
    let cid = sim.sockets.tcp.socks.len() - 1;
    sim.sockets.tcp.socks[lid].accept_queue.push(cid);
    sim.step(skb, "tcp_conn_request", Action::Delivered, || {
        format!(
            "SYN to listener {}:{}: request socket, SYN-ACK",
            hdr.dst,
            th.dst_port()
        )
    });
    let c = &sim.sockets.tcp.socks[cid];
    let ts = c.ts_ok.then(|| (ts_val(sim, c), c.ts_recent));
    let seg = TcpRepr {
        src_port: c.lport,
        dst_port: c.rport,
        seq: c.iss,
        ack: c.rcv_nxt,
        flags: t::SYN | t::ACK,
        window: c.rcv_wnd.min(65535) as u16,
        options: t::write_options(
            Some(c.mss),
            c.sack_ok,
            ts,
            c.wscale_ok.then_some(RCV_WSCALE),
        ),
        payload: vec![],
    };
    transmit(sim, cid, seg, "tcp_v4_send_synack", true);
}

/// `tcp_rcv_synsent_state_process`: an acceptable SYN-ACK establishes the connection and is
/// acknowledged at once; an acceptable RST refuses it (ECONNREFUSED); an unacceptable ACK
/// gets a reset.
fn tcp_rcv_synsent_state_process(
    sim: &mut Sim,
    skb: &Skb,
    hdr: &wire::Ipv4Summary,
    th: &TcpPacket<'_>,
    id: SockId,
) {
    let s = &sim.sockets.tcp.socks[id];
    if th.has(t::ACK) && th.ack() != s.snd_nxt {
        if th.has(t::RST) {
            sim.drop_skb(
                skb,
                "tcp_rcv_synsent_state_process",
                DropReason::TcpFlags,
                || "RST with a bad ACK".into(),
            );
        } else {
            sim.drop_skb(
                skb,
                "tcp_rcv_synsent_state_process",
                DropReason::TcpFlags,
                || "unacceptable ACK: reset".into(),
            );
            tcp_v4_send_reset(sim, skb, hdr, th);
        }
        return;
    }
    if th.has(t::RST) {
        if th.has(t::ACK) {
            sim.drop_skb(skb, "tcp_reset", DropReason::TcpReset, || {
                "connection refused".into()
            });
            tcp_done(sim, id, Some(Errno::ConnRefused));
        } else {
            sim.drop_skb(
                skb,
                "tcp_rcv_synsent_state_process",
                DropReason::TcpFlags,
                || "RST without ACK".into(),
            );
        }
        return;
    }
    if !(th.has(t::SYN) && th.has(t::ACK)) {
        sim.drop_skb(
            skb,
            "tcp_rcv_synsent_state_process",
            DropReason::TcpFlags,
            || "not a SYN-ACK".into(),
        );
        return;
    }
    let opts = th.options();
    let s = &mut sim.sockets.tcp.socks[id];
    s.snd_una = th.ack();
    s.rcv_nxt = th.seq().wrapping_add(1);
    s.ts_ok = opts.timestamp.is_some();
    s.ts_recent = opts.timestamp.map_or(0, |t| t.0);
    s.wscale_ok = opts.wscale.is_some();
    s.sack_ok = opts.sack_perm;
    s.state = TcpState::Established;
    s.timer_gen = 0;
    sim.step(
        skb,
        "tcp_rcv_synsent_state_process",
        Action::Delivered,
        || "connection established".into(),
    );
    send_flags(sim, id, t::ACK, "tcp_send_ack");
}

/// `tcp_rcv_state_process` / `tcp_rcv_established` for a connection without data: RST ends
/// it, ACKs move the close states on, a FIN is acknowledged (delayed in CLOSE_WAIT, at once
/// in FIN_WAIT2/CLOSING → TIME_WAIT).
fn tcp_rcv_state_process(
    sim: &mut Sim,
    skb: &Skb,
    hdr: &wire::Ipv4Summary,
    th: &TcpPacket<'_>,
    id: SockId,
) {
    let s = &sim.sockets.tcp.socks[id];
    let in_window = th.seq() == s.rcv_nxt || th.has(t::SYN);
    if th.has(t::RST) {
        if th.seq() != s.rcv_nxt {
            sim.drop_skb(
                skb,
                "tcp_validate_incoming",
                DropReason::TcpInvalidSequence,
                || "RST out of window".into(),
            );
            return;
        }
        let err = if s.state == TcpState::SynRecv {
            None
        } else {
            Some(Errno::ConnReset)
        };
        sim.drop_skb(skb, "tcp_reset", DropReason::TcpReset, || {
            "connection reset".into()
        });
        remove_from_parent(sim, id);
        tcp_done(sim, id, err);
        return;
    }
    if th.has(t::SYN) {
        // `tcp_validate_incoming`: a SYN on a synchronised connection gets a challenge ACK.
        sim.drop_skb(
            skb,
            "tcp_validate_incoming",
            DropReason::TcpInvalidSyn,
            || "SYN on an open connection: challenge ACK".into(),
        );
        send_flags(sim, id, t::ACK, "tcp_send_challenge_ack");
        return;
    }
    if !th.has(t::ACK) {
        sim.drop_skb(skb, "tcp_rcv_state_process", DropReason::TcpFlags, || {
            "no ACK".into()
        });
        return;
    }
    if !in_window {
        sim.drop_skb(
            skb,
            "tcp_validate_incoming",
            DropReason::TcpInvalidSequence,
            || "out of window: dup ACK".into(),
        );
        send_flags(sim, id, t::ACK, "tcp_send_dupack");
        return;
    }
    if let Some(ts) = th.options().timestamp {
        sim.sockets.tcp.socks[id].ts_recent = ts.0;
    }
    let s = &mut sim.sockets.tcp.socks[id];
    let acks_all = th.ack() == s.snd_nxt;
    if acks_all {
        s.snd_una = th.ack();
    }
    let state = s.state;
    match state {
        TcpState::SynRecv if acks_all => {
            s.state = TcpState::Established;
            sim.step(skb, "tcp_rcv_state_process", Action::Delivered, || {
                "handshake complete: connection queued for accept".into()
            });
            if let Some(l) = sim.sockets.tcp.socks[id].parent {
                app_accept(sim, l);
            }
        }
        TcpState::SynRecv => {
            sim.drop_skb(skb, "tcp_check_req", DropReason::TcpFlags, || {
                "bad ACK for the SYN-ACK: reset".into()
            });
            tcp_v4_send_reset(sim, skb, hdr, th);
            return;
        }
        TcpState::FinWait1 if acks_all => s.state = TcpState::FinWait2,
        TcpState::Closing if acks_all => s.state = TcpState::TimeWait,
        TcpState::LastAck if acks_all => {
            sim.step(skb, "tcp_rcv_state_process", Action::Consumed, || {
                "last ACK: closed".into()
            });
            tcp_done(sim, id, None);
            return;
        }
        _ => {}
    }
    if th.has(t::FIN) && th.payload().is_empty() {
        tcp_fin(sim, skb, id);
    } else if !th.payload().is_empty() {
        sim.step(skb, "tcp_data_queue", Action::Consumed, || {
            "data (not modelled: acknowledged, not delivered)".into()
        });
        let s = &mut sim.sockets.tcp.socks[id];
        s.rcv_nxt = th.seq().wrapping_add(th.seq_len());
        send_flags(sim, id, t::ACK, "tcp_send_ack");
    } else {
        sim.step(skb, "tcp_ack", Action::Consumed, || "ACK".into());
    }
}

fn remove_from_parent(sim: &mut Sim, id: SockId) {
    if let Some(p) = sim.sockets.tcp.socks[id].parent {
        sim.sockets.tcp.socks[p].accept_queue.retain(|c| *c != id);
    }
}

/// `tcp_fin`: ESTABLISHED → CLOSE_WAIT with a delayed ACK (the process's close usually
/// carries it); FIN_WAIT1 → CLOSING, FIN_WAIT2 → TIME_WAIT with an ACK at once.
fn tcp_fin(sim: &mut Sim, skb: &Skb, id: SockId) {
    let s = &mut sim.sockets.tcp.socks[id];
    s.rcv_nxt = s.rcv_nxt.wrapping_add(1);
    let state = s.state;
    let app = s.app;
    match state {
        TcpState::Established | TcpState::SynRecv => {
            s.state = TcpState::CloseWait;
            sim.step(skb, "tcp_fin", Action::Delivered, || {
                "FIN: CLOSE_WAIT, ACK delayed".into()
            });
            schedule_delack(sim, id);
            if let App::NcConn { .. } = app {
                let at = sim.now() + APP_DELAY_NS;
                sim.schedule(at, Event::Tcp(TcpEvent::AppClose { sock: id }));
            }
        }
        TcpState::FinWait1 => {
            s.state = TcpState::Closing;
            sim.step(skb, "tcp_fin", Action::Delivered, || "FIN: CLOSING".into());
            send_flags(sim, id, t::ACK, "tcp_send_ack");
        }
        TcpState::FinWait2 => {
            s.state = TcpState::TimeWait;
            sim.step(skb, "tcp_fin", Action::Delivered, || {
                "FIN: TIME_WAIT".into()
            });
            send_flags(sim, id, t::ACK, "tcp_send_ack");
        }
        _ => {
            // A retransmitted FIN: acknowledge it again.
            s.rcv_nxt = s.rcv_nxt.wrapping_sub(1);
            send_flags(sim, id, t::ACK, "tcp_send_ack");
        }
    }
}

/// `tcp_v4_err`: an ICMP error about one of our segments. In SYN_SENT any unreachable code
/// (or time exceeded) ends the connect with its errno; on other states it is only a soft
/// error. Frag-needed is left to the route's PMTU (already handled by `icmp_rcv`).
pub fn tcp_v4_err(sim: &mut Sim, skb: &Skb, ty: u8, code: u8, quoted: &[u8]) {
    let Some(q) = super::socket::quoted_header(quoted) else {
        return;
    };
    let l4 = quoted.get(q.header_len..).unwrap_or(&[]);
    if l4.len() < 8 {
        return;
    }
    let sport = u16::from_be_bytes([l4[0], l4[1]]);
    let dport = u16::from_be_bytes([l4[2], l4[3]]);
    let seq = u32::from_be_bytes([l4[4], l4[5], l4[6], l4[7]]);
    let Some(id) = sim.sockets.tcp.lookup(skb.ns, q.dst, dport, q.src, sport) else {
        return;
    };
    let err = match (ty, code) {
        (ic::DEST_UNREACH, ic::FRAG_NEEDED) => return,
        (ic::DEST_UNREACH, c) => match Errno::from_unreach(c) {
            Some((e, _)) => e,
            None => return,
        },
        (ic::TIME_EXCEEDED, _) => Errno::HostUnreach,
        _ => return,
    };
    let s = &sim.sockets.tcp.socks[id];
    // Out-of-window ICMP is ignored (`LINUX_MIB_OUTOFWINDOWICMPS`).
    let in_window = seq.wrapping_sub(s.snd_una) <= s.snd_nxt.wrapping_sub(s.snd_una);
    if s.state == TcpState::Listen || !in_window {
        return;
    }
    if s.state == TcpState::SynSent {
        sim.step(skb, "tcp_v4_err", Action::Delivered, || {
            format!("connect fails: {}", err.text())
        });
        tcp_done(sim, id, Some(err));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    fn sh(s: &mut Sim, line: &str) {
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        execute(s, 0, &argv);
    }

    #[test]
    fn a_syn_waiting_for_arp_is_not_retransmitted_and_fails_once() {
        let mut s = Sim::new(1);
        for line in [
            "ip link set lo up",
            "ip link add v0 type veth peer name v1",
            "ip addr add 10.0.0.1/24 dev v0",
            "ip link set v0 up",
            "ip link set v1 up",
        ] {
            sh(&mut s, line);
        }
        let v0 = s.world.ns(0).ifindex_of("v0").unwrap();
        let lo = s.world.ns(0).ifindex_of("lo").unwrap();
        let dst = Ipv4Addr::new(10, 0, 0, 9);
        let id = tcp_v4_connect(&mut s, 0, dst, 80).unwrap();
        // The retransmission timers at 1 s and 2 s find the SYN still queued.
        s.run_until(s.now() + 2_500_000_000);
        let queued = s.world.ns(0).neigh.get(v0, dst).map(|n| n.queue.len());
        assert_eq!(queued, Some(1));
        assert_eq!(s.sockets.tcp.socks[id].retrans, 2);
        // The neighbour fails after its third probe: one host unreachable, the connect ends.
        let before = s.world.ns(0).devices[&lo].stats.tx_packets;
        s.run_until(s.now() + 1_000_000_000);
        assert_eq!(s.world.ns(0).devices[&lo].stats.tx_packets, before + 1);
        assert_eq!(s.sockets.tcp.socks[id].state, TcpState::Close);
        assert_eq!(s.sockets.tcp.socks[id].err, Some(Errno::HostUnreach));
    }
}
