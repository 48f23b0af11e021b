//! The IPv4 netfilter hooks on the packet path (`NF_HOOK` → `nf_hook_slow`,
//! net/netfilter/core.c): at each hook, the functions a namespace has registered run in
//! priority order, as iptables-nft and conntrack register them:
//!
//! | hook | functions (priority) |
//! | --- | --- |
//! | PREROUTING | raw (-300), conntrack (-200), mangle (-150), nat DNAT (-100) |
//! | INPUT | mangle (-150), filter (0), security (50), nat SNAT (100), confirm (last) |
//! | FORWARD | mangle (-150), filter (0), security (50) |
//! | OUTPUT | raw (-300), conntrack (-200), mangle (-150), nat DNAT (-100), filter (0), security (50) |
//! | POSTROUTING | mangle (-150), nat SNAT (100), confirm (last) |
//!
//! A table's chains exist only once iptables created the table; connection tracking runs
//! only while some rule needs it (`nf_ct_netns_get` from `-m conntrack`, `-m state`, NAT and
//! CONNMARK targets): a namespace without such rules tracks nothing, as `conntrack -L` shows
//! on the kernel. NAT is decided on a connection's first packet (`nf_nat_inet_fn`) and
//! applied to every later one in both directions (`nf_nat_packet`).

use super::icmp::{icmp_send, IcmpError, Origin};
use super::{PktType, Sim, Skb};
use crate::model::{IfIndex, NsId, Scope};
use crate::netfilter::conntrack::{status, Conn, CtInfo, Dir, Tracked};
use crate::netfilter::ext;
use crate::netfilter::nat::{self, Manip};
use crate::netfilter::target::{NatKind, RejectWith};
use crate::netfilter::{CtState, Hook, PacketInfo, RuleRef, TableId, Verdict};
use crate::trace::{Action, DropReason};
use crate::wire;
use rand_chacha::rand_core::Rng;
use std::net::Ipv4Addr;

/// What connection tracking attached to a packet (`skb->_nfct` and its ctinfo).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SkbCt {
    /// Not looked at (tracking inactive, or not yet at the conntrack hook).
    #[default]
    Unseen,
    /// Looked at, belongs to no connection: matches as INVALID.
    Invalid,
    /// `-j NOTRACK` / `-j CT --notrack` attached the untracked entry (`IP_CT_UNTRACKED`):
    /// conntrack and NAT leave it alone, it matches as UNTRACKED.
    Untracked,
    /// A connection not yet confirmed: the first packet of a new one (original direction),
    /// or, in the reply direction, the one a TCP reset answers (`nf_ct_attach`: the reset
    /// is RELATED to the connection its SYN would have opened).
    Unconfirmed { conn: Box<Conn>, dir: Dir },
    /// A confirmed connection.
    Conn { id: u64, info: CtInfo },
}

/// The devices a hook sees (`state->in`, `state->out`) and, for a bridged frame, the bridge
/// ports (`nf_bridge->physindev`, `physoutdev`).
#[derive(Debug, Clone, Copy, Default)]
pub struct HookDevs {
    pub in_dev: Option<IfIndex>,
    pub out_dev: Option<IfIndex>,
    pub physin: Option<IfIndex>,
    pub physout: Option<IfIndex>,
    /// The next hop on `out_dev` (MASQUERADE's source choice, `rt_nexthop`).
    pub nexthop: Option<Ipv4Addr>,
}

/// A hook's outcome for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NfVerdict {
    /// Continue on the path (`okfn`).
    Accept,
    /// Dropped or consumed (traced here).
    Stolen,
}

/// One registered hook function.
#[derive(Debug, Clone, Copy)]
enum HookFn {
    Table(TableId),
    Conntrack,
    Nat(Manip),
    Confirm,
}

fn hook_fns(hook: Hook) -> &'static [HookFn] {
    use HookFn::*;
    match hook {
        Hook::PreRouting => &[
            Table(TableId::Raw),
            Conntrack,
            Table(TableId::Mangle),
            Nat(Manip::Dst),
        ],
        Hook::LocalIn => &[
            Table(TableId::Mangle),
            Table(TableId::Filter),
            Table(TableId::Security),
            Nat(Manip::Src),
            Confirm,
        ],
        Hook::Forward => &[
            Table(TableId::Mangle),
            Table(TableId::Filter),
            Table(TableId::Security),
        ],
        Hook::LocalOut => &[
            Table(TableId::Raw),
            Conntrack,
            Table(TableId::Mangle),
            Nat(Manip::Dst),
            Table(TableId::Filter),
            Table(TableId::Security),
        ],
        Hook::PostRouting => &[Table(TableId::Mangle), Nat(Manip::Src), Confirm],
    }
}

/// Whether any rule of the namespace needs connection tracking (`nf_ct_netns_get`). Read
/// from each chain's index when it is built (no walk over the rules per packet).
pub fn conntrack_active(nf: &crate::netfilter::Netfilter) -> bool {
    TableId::ALL
        .iter()
        .filter_map(|t| nf.table(*t))
        .any(|t| t.chains.iter().any(|c| c.needs_conntrack()))
}

/// Whether the namespace has anything registered at all (a quick exit for the common case).
fn anything_registered(sim: &Sim, ns: NsId) -> bool {
    let nf = &sim.world.ns(ns).netfilter;
    TableId::ALL.iter().any(|t| nf.table(*t).is_some())
}

/// `NF_HOOK(NFPROTO_IPV4, hook, …)` on `skb` (its bytes start at the Ethernet header).
pub fn nf_hook(sim: &mut Sim, hook: Hook, skb: &mut Skb, devs: &HookDevs) -> NfVerdict {
    if !anything_registered(sim, skb.ns) && matches!(skb.ct, SkbCt::Unseen) {
        return NfVerdict::Accept;
    }
    let active = conntrack_active(&sim.world.ns(skb.ns).netfilter);
    for f in hook_fns(hook) {
        let v = match *f {
            HookFn::Table(t) => run_table(sim, t, hook, skb, devs),
            HookFn::Conntrack if active => conntrack_in(sim, skb),
            HookFn::Conntrack => NfVerdict::Accept,
            HookFn::Nat(m) => nat_fn(sim, m, hook, skb, devs),
            HookFn::Confirm => confirm(sim, skb),
        };
        if v == NfVerdict::Stolen {
            return v;
        }
    }
    NfVerdict::Accept
}

/// `nf_conntrack_in` (`ipv4_conntrack_in` / `ipv4_conntrack_local`): a packet that already
/// carries a connection (looped back through `lo`) keeps it.
fn conntrack_in(sim: &mut Sim, skb: &mut Skb) -> NfVerdict {
    if !matches!(skb.ct, SkbCt::Unseen) {
        return NfVerdict::Accept;
    }
    // Fragments are reassembled before conntrack in the kernel (`nf_defrag_ipv4`); pathsim
    // does not reassemble forwarded fragments, so they stay untracked (INVALID).
    if wire::ipv4_summary(skb.l3()).is_ok_and(|h| h.mf || h.frag_offset != 0) {
        skb.ct = SkbCt::Invalid;
        return NfVerdict::Accept;
    }
    let now = sim.world.now;
    let tracked = sim
        .world
        .ns_mut(skb.ns)
        .conntrack
        .conntrack_in(skb.l3(), now);
    skb.ct = match tracked {
        Tracked::Conn { id, info } => SkbCt::Conn { id, info },
        Tracked::New(conn) => SkbCt::Unconfirmed {
            conn,
            dir: Dir::Original,
        },
        Tracked::Invalid => SkbCt::Invalid,
    };
    if sim.trace.enabled {
        let what = match &skb.ct {
            SkbCt::Conn { id, info } => format!("connection {id}: {}", info.kernel_name()),
            SkbCt::Unconfirmed { .. } => "IP_CT_NEW: a new connection (unconfirmed)".to_string(),
            _ => "no connection (INVALID)".to_string(),
        };
        sim.step(skb, "nf_conntrack_in", Action::Updated, || what);
    }
    NfVerdict::Accept
}

/// `__nf_conntrack_confirm`: a new connection enters the table as its first packet leaves
/// the hooks; a clash with a connection confirmed meanwhile drops the packet.
///
/// Copies of one packet (a bridge floods it to several ports) share one connection in the
/// kernel: the first copy confirms it, the others find it confirmed.
fn confirm(sim: &mut Sim, skb: &mut Skb) -> NfVerdict {
    let SkbCt::Unconfirmed { conn, dir } = std::mem::take(&mut skb.ct) else {
        return NfVerdict::Accept;
    };
    // Only a packet in the original direction confirms (`__nf_conntrack_confirm`).
    if dir == Dir::Reply {
        skb.ct = SkbCt::Unconfirmed { conn, dir };
        return NfVerdict::Accept;
    }
    let now = sim.world.now;
    let table = &mut sim.world.ns_mut(skb.ns).conntrack;
    if let Some((id, Dir::Original)) = table.find(&conn.orig, now) {
        if table.get(id).is_some_and(|c| c.reply == conn.reply) {
            skb.ct = SkbCt::Conn {
                id,
                info: CtInfo::New,
            };
            return NfVerdict::Accept;
        }
    }
    match table.confirm(*conn, now) {
        Some(id) => {
            skb.ct = SkbCt::Conn {
                id,
                info: CtInfo::New,
            };
            NfVerdict::Accept
        }
        None => {
            sim.drop_skb(
                skb,
                "__nf_conntrack_confirm",
                DropReason::NotSpecified,
                || "the connection's tuple was taken meanwhile (clash)".into(),
            );
            NfVerdict::Stolen
        }
    }
}

/// The connection a packet carries, for reading.
fn conn_of<'a>(sim: &'a Sim, skb: &'a Skb) -> Option<&'a Conn> {
    match &skb.ct {
        SkbCt::Unconfirmed { conn, .. } => Some(conn),
        SkbCt::Conn { id, .. } => sim.world.ns(skb.ns).conntrack.get(*id),
        _ => None,
    }
}

/// `--ctstate` bits of the packet (`xt_conntrack`: state from ctinfo, SNAT/DNAT from the
/// connection's status).
fn ctstate(sim: &Sim, skb: &Skb) -> CtState {
    let mut bits = match &skb.ct {
        SkbCt::Unseen | SkbCt::Invalid => CtState::INVALID,
        SkbCt::Untracked => CtState::UNTRACKED,
        SkbCt::Unconfirmed {
            dir: Dir::Original, ..
        } => CtState::NEW,
        SkbCt::Unconfirmed { .. } => CtState::RELATED,
        SkbCt::Conn { info, .. } => match info {
            CtInfo::New => CtState::NEW,
            CtInfo::Established | CtInfo::EstablishedReply => CtState::ESTABLISHED,
            CtInfo::Related | CtInfo::RelatedReply => CtState::RELATED,
        },
    };
    if let Some(c) = conn_of(sim, skb) {
        if c.has(status::SRC_NAT) {
            bits |= CtState::SNAT;
        }
        if c.has(status::DST_NAT) {
            bits |= CtState::DNAT;
        }
    }
    CtState(bits)
}

/// Runs one iptables table's chain for `hook` and acts on its verdict.
fn run_table(
    sim: &mut Sim,
    table: TableId,
    hook: Hook,
    skb: &mut Skb,
    devs: &HookDevs,
) -> NfVerdict {
    if sim.world.ns(skb.ns).netfilter.table(table).is_none() {
        return NfVerdict::Accept;
    }
    let Some(verdict) = traverse(sim, table, hook, skb, devs) else {
        return NfVerdict::Accept;
    };
    match verdict {
        Verdict::Accept | Verdict::Nat { .. } => NfVerdict::Accept,
        Verdict::Drop { by } => {
            sim.drop_skb(skb, "nf_hook_slow", DropReason::NetfilterDrop, || {
                format!("{}: DROP", rule_text(table, &by))
            });
            NfVerdict::Stolen
        }
        Verdict::Reject { with, by } => {
            sim.drop_skb(skb, "nf_hook_slow", DropReason::NetfilterDrop, || {
                format!(
                    "{}: REJECT --reject-with {}",
                    rule_text(table, &by),
                    with.name()
                )
            });
            reject(sim, hook, skb, with);
            NfVerdict::Stolen
        }
    }
}

fn rule_text(table: TableId, by: &RuleRef) -> String {
    match by {
        RuleRef::Rule { chain, num } => format!("iptables -t {} {chain} rule {num}", table.name()),
        RuleRef::Policy { chain } => format!("iptables -t {} {chain} policy", table.name()),
    }
}

/// `ipt_do_table` through [`crate::netfilter::Netfilter::traverse`], with the packet's
/// fields, devices, mark and connection state; MARK and CONNMARK results are written back.
/// `None` when the packet is not IPv4 (nothing to match).
fn traverse(
    sim: &mut Sim,
    table: TableId,
    hook: Hook,
    skb: &mut Skb,
    devs: &HookDevs,
) -> Option<Verdict> {
    let ns = skb.ns;
    // Everything is read in place: no copy of the packet, no device-name strings.
    let l3 = skb.l3();
    let h = wire::ipv4_summary(l3).ok()?;
    let l4 = l3.get(h.header_len..).unwrap_or(&[]);
    let first = h.frag_offset == 0;
    let ports = (first && matches!(h.proto, 6 | 17) && l4.len() >= 4).then(|| {
        (
            u16::from_be_bytes([l4[0], l4[1]]),
            u16::from_be_bytes([l4[2], l4[3]]),
        )
    });
    let icmp = (first && h.proto == 1 && l4.len() >= 2).then(|| (l4[0], l4[1]));
    let tcp_flags = (first && h.proto == 6 && l4.len() >= 14).then(|| l4[13]);
    let ctmark = conn_of(sim, skb).map_or(0, |c| c.mark);
    let ctstate = ctstate(sim, skb);
    let now = sim.world.now;
    let pkt_type = match skb.pkt_type {
        PktType::Host => ext::PACKET_HOST,
        PktType::Broadcast => ext::PACKET_BROADCAST,
        PktType::Multicast => ext::PACKET_MULTICAST,
        PktType::OtherHost => ext::PACKET_OTHERHOST,
        PktType::Loopback => ext::PACKET_LOOPBACK,
    };
    let record = sim.trace.enabled;
    let mut nf = std::mem::take(&mut sim.world.ns_mut(ns).netfilter);
    let (mark, ctmark, notrack, t) = {
        let netns = sim.world.ns(ns);
        let name = |d: Option<IfIndex>| {
            d.and_then(|i| netns.devices.get(&i))
                .map(|d| d.name.as_str())
        };
        let addr_type = |a: Ipv4Addr, dev: Option<&str>| {
            let dev = dev.and_then(|n| netns.ifindex_of(n));
            netns.fib.addr_type(crate::model::fib::TABLE_LOCAL, dev, a)
        };
        let mut pkt = PacketInfo {
            src: h.src,
            dst: h.dst,
            proto: h.proto,
            sport: ports.map(|p| p.0),
            dport: ports.map(|p| p.1),
            icmp,
            tcp_flags,
            fragment: !first,
            len: u32::try_from(h.total_len).unwrap_or(u32::MAX),
            ttl: h.ttl,
            pkt_type,
            src_mac: src_mac(netns, devs.in_dev, &skb.data),
            notrack: false,
            now,
            in_dev: name(devs.in_dev),
            out_dev: name(devs.out_dev),
            physdev_in: name(devs.physin),
            physdev_out: name(devs.physout),
            bridged: devs.physin.is_some() && devs.physout.is_some(),
            mark: skb.mark,
            ctstate,
            ctmark,
            addr_type: &addr_type,
        };
        let rng = &mut sim.nf_rng;
        let t = nf.traverse_with(table, hook, &mut pkt, &mut || rng.next_u32(), record);
        (pkt.mark, pkt.ctmark, pkt.notrack, t)
    };
    sim.world.ns_mut(ns).netfilter = nf;
    skb.mark = mark;
    if notrack {
        skb.ct = SkbCt::Untracked;
    }
    match &mut skb.ct {
        SkbCt::Unconfirmed { conn, .. } => conn.mark = ctmark,
        SkbCt::Conn { id, .. } => {
            if let Some(c) = sim.world.ns_mut(ns).conntrack.get_mut(*id) {
                c.mark = ctmark;
            }
        }
        _ => {}
    }
    if sim.trace.enabled {
        for s in &t.steps {
            let rule = s
                .rule
                .map_or_else(|| "policy".to_string(), |n| format!("rule {n}"));
            let line = format!(
                "{}/{} {rule}: {}{}",
                table.name(),
                s.chain,
                s.target,
                s.log
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            );
            sim.step(skb, "ipt_do_table", Action::Consumed, || line);
        }
    }
    Some(t.verdict)
}

/// The Ethernet source of a received packet, as `mac_mt` reads it: only when it came in on
/// an Ethernet device (not `lo`, not locally generated).
fn src_mac(netns: &crate::model::Netns, in_dev: Option<IfIndex>, data: &[u8]) -> Option<[u8; 6]> {
    let dev = netns.devices.get(&in_dev?)?;
    if dev.is_loopback() {
        return None;
    }
    data.get(6..12)?.try_into().ok()
}

/// `nf_nat_inet_fn` for one kind of manip at `hook`.
fn nat_fn(sim: &mut Sim, manip: Manip, hook: Hook, skb: &mut Skb, devs: &HookDevs) -> NfVerdict {
    match std::mem::take(&mut skb.ct) {
        SkbCt::Unconfirmed { mut conn, dir } => {
            if !nat::initialized(&conn, manip) {
                let has_nat = sim.world.ns(skb.ns).netfilter.table(TableId::Nat).is_some();
                let verdict = if has_nat {
                    skb.ct = SkbCt::Unconfirmed {
                        conn: conn.clone(),
                        dir,
                    };
                    let v = traverse(sim, TableId::Nat, hook, skb, devs);
                    if let SkbCt::Unconfirmed { conn: c, .. } = std::mem::take(&mut skb.ct) {
                        conn = c;
                    }
                    v
                } else {
                    None
                };
                match verdict {
                    Some(Verdict::Nat { kind, range, .. }) => {
                        match nat_range(sim, kind, &range, hook, skb, devs) {
                            Some(r) => {
                                let now = sim.world.now;
                                let rng = &mut sim.nf_rng;
                                let table = &mut sim.world.ns_mut(skb.ns).conntrack;
                                nat::setup_info(table, &mut conn, &r, manip, now, &mut || {
                                    rng.next_u32() as u16
                                });
                            }
                            None => {
                                sim.drop_skb(
                                    skb,
                                    "nf_nat_masquerade_ipv4",
                                    DropReason::NotSpecified,
                                    || "no address to masquerade with on the output device".into(),
                                );
                                return NfVerdict::Stolen;
                            }
                        }
                    }
                    Some(Verdict::Drop { by }) => {
                        sim.drop_skb(skb, "nf_hook_slow", DropReason::NetfilterDrop, || {
                            format!("{}: DROP", rule_text(TableId::Nat, &by))
                        });
                        return NfVerdict::Stolen;
                    }
                    _ => nat::null_binding(&mut conn, manip),
                }
            }
            rewrite(sim, skb, &conn, dir, manip, false);
            skb.ct = SkbCt::Unconfirmed { conn, dir };
        }
        SkbCt::Conn { id, info } => {
            skb.ct = SkbCt::Conn { id, info };
            let Some(conn) = sim.world.ns(skb.ns).conntrack.get(id).cloned() else {
                return NfVerdict::Accept;
            };
            let related = matches!(info, CtInfo::Related | CtInfo::RelatedReply);
            rewrite(sim, skb, &conn, info.dir(), manip, related);
        }
        other => skb.ct = other,
    }
    NfVerdict::Accept
}

/// `nf_nat_packet` (or, for an ICMP error, `nf_nat_icmp_reply_translation`) on the bytes.
fn rewrite(sim: &mut Sim, skb: &mut Skb, conn: &Conn, dir: Dir, manip: Manip, related: bool) {
    let before = sim.trace.enabled.then(|| wire::describe(&skb.data));
    let Some(l3) = skb.data.get_mut(14..) else {
        return;
    };
    let changed = if related {
        nat::icmp_reply_translation(conn, dir, manip, l3)
    } else {
        nat::nat_packet(conn, dir, manip, l3)
    };
    if changed {
        if let Some(before) = before {
            let after = wire::describe(&skb.data);
            let func = if manip == Manip::Src {
                "nf_nat_ipv4_out"
            } else {
                "nf_nat_ipv4_in"
            };
            sim.step(skb, func, Action::Updated, || {
                format!("{before} -> {after}")
            });
        }
    }
}

/// The range a NAT target resolves to for this packet: MASQUERADE's address from the output
/// device (`inet_select_addr` toward the next hop, `nf_nat_masquerade_ipv4`), REDIRECT's
/// from the input device's first address or 127.0.0.1 for local output
/// (`nf_nat_redirect_ipv4`), SNAT/DNAT without an address keep the packet's.
fn nat_range(
    sim: &Sim,
    kind: NatKind,
    range: &crate::netfilter::target::NatRange,
    hook: Hook,
    skb: &Skb,
    devs: &HookDevs,
) -> Option<nat::NatRange> {
    let h = wire::ipv4_summary(skb.l3()).ok()?;
    let ns = sim.world.ns(skb.ns);
    let (lo, hi) = match kind {
        NatKind::Masquerade => {
            let dev = devs.out_dev?;
            let a = super::route::inet_select_addr(ns, dev, devs.nexthop, Scope::Universe)?;
            (a, a)
        }
        NatKind::Redirect => {
            let a = if hook == Hook::LocalOut {
                Ipv4Addr::LOCALHOST
            } else {
                let dev = devs.in_dev?;
                ns.devices.get(&dev)?.addrs.first()?.local
            };
            (a, a)
        }
        NatKind::Snat => range.addr.unwrap_or((h.src, h.src)),
        NatKind::Dnat => range.addr.unwrap_or((h.dst, h.dst)),
    };
    Some(nat::NatRange {
        min_addr: lo,
        max_addr: hi,
        ports: range.ports,
        random: range.random || range.random_fully,
        persistent: range.persistent,
    })
}

/// REJECT (`reject_tg`): an ICMP error back to the sender (`nf_send_unreach`, through
/// `icmp_send`) or a TCP reset (`nf_send_reset`).
fn reject(sim: &mut Sim, hook: Hook, skb: &Skb, with: RejectWith) {
    let origin = match hook {
        Hook::LocalIn => Origin::Input { local_dst: true },
        Hook::LocalOut => Origin::Output,
        _ => Origin::Input { local_dst: false },
    };
    match with.icmp() {
        Some((_, code)) => {
            let err = match code {
                0 => IcmpError::NetUnreach,
                1 => IcmpError::HostUnreach,
                2 => IcmpError::ProtUnreach,
                3 => IcmpError::PortUnreach,
                9 => IcmpError::NetProhibited,
                10 => IcmpError::HostProhibited,
                _ => IcmpError::PktFiltered,
            };
            icmp_send(sim, skb, err, origin);
        }
        None => nf_send_reset(sim, skb),
    }
}

/// `nf_send_reset` (net/ipv4/netfilter/nf_reject_ipv4.c): a RST for a TCP segment, from the
/// address it was sent to, with TOS 0, IP ID 0, DF and the default TTL; `seq` is the
/// segment's acknowledgement if it had one, else `ack` covers it (`nf_reject_ip_tcphdr_put`).
/// Not for a RST or a non-first fragment. It leaves through `ip_local_out`, so the hooks see it.
fn nf_send_reset(sim: &mut Sim, skb: &Skb) {
    use crate::wire::tcp::{self as t, TcpPacket, TcpRepr};
    let Ok(h) = wire::ipv4_summary(skb.l3()) else {
        return;
    };
    let Some(th) = skb
        .l3()
        .get(h.header_len..h.total_len)
        .and_then(|l4| TcpPacket::new_checked(l4).ok())
    else {
        return;
    };
    if h.frag_offset != 0 || th.has(t::RST) {
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
    .build(h.dst, h.src);
    let ns = skb.ns;
    let local_src = super::route::is_local_address(sim.world.ns(ns), h.dst);
    let Ok(route) = super::route::ip_route_output(
        sim,
        ns,
        super::route::OutFlow {
            dst: h.src,
            src: local_src.then_some(h.dst),
            oif: 0,
            mark: 0,
            tos: 0,
        },
    ) else {
        return;
    };
    let ttl = u8::try_from(sim.world.ns(ns).sysctl.ip_default_ttl).unwrap_or(64);
    let packet = wire::build_ipv4(h.dst, h.src, 6, ttl, 0, true, 0, &seg);
    sim.step(skb, "nf_send_reset", Action::Replied, || {
        wire::describe(&super::ip_output::blank_frame(&packet))
    });
    // `nf_ct_attach`: the reset belongs to the connection of the segment it answers, in the
    // other direction (RELATED).
    let ct = match &skb.ct {
        SkbCt::Unconfirmed { conn, .. } => SkbCt::Unconfirmed {
            conn: conn.clone(),
            dir: Dir::Reply,
        },
        SkbCt::Conn { id, info } => SkbCt::Conn {
            id: *id,
            info: match info.dir() {
                Dir::Original => CtInfo::RelatedReply,
                Dir::Reply => CtInfo::Related,
            },
        },
        other => other.clone(),
    };
    super::ip_output::ip_local_out_with(sim, ns, &route, &packet, ct);
}
