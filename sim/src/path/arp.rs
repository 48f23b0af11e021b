//! `net/ipv4/arp.c`: `arp_rcv`, `arp_process` (replies, `arp_ignore`, proxy ARP through
//! `arp_filter`, `arp_fwd_proxy` / `arp_fwd_pvlan` / `pneigh_lookup`, the `proxy_delay`
//! deferral) and the
//! neighbour-table update from received ARP.
//!
//! Not modelled: `arp_accept` creating entries from
//! gratuitous ARP, `drop_gratuitous_arp`, `arp_notify`, NF_ARP hooks.

use super::dev::dev_queue_xmit;
use super::neighbour::{neigh_event_ns, neigh_update};
use super::route::{inet_confirm_addr, ip_route_input, ip_route_output, InputRoute, OutFlow};
use super::{Event, PktType, Sim, Skb};
use crate::model::neigh::Nud;
use crate::model::sysctl::{max_conf, or_conf};
use crate::model::{IfIndex, Scope};
use crate::trace::{Action, DropReason};
use crate::wire::{self, ArpOp, ArpRepr};
use std::net::Ipv4Addr;

/// `arp_rcv`: ignores ARP on NOARP devices and frames not for this host, then `arp_process`.
pub fn arp_rcv(sim: &mut Sim, skb: Skb) {
    let noarp = sim
        .world
        .ns(skb.ns)
        .devices
        .get(&skb.dev)
        .is_none_or(|d| d.is_loopback() || d.noarp);
    if noarp || skb.pkt_type == PktType::OtherHost {
        sim.step(&skb, "arp_rcv", Action::Consumed, || {
            "not for this host (NOARP device or other host's address)".into()
        });
        return;
    }
    let Some(arp) = ArpRepr::parse(skb.l3()) else {
        sim.drop_skb(&skb, "arp_rcv", DropReason::NotSpecified, || {
            "not an Ethernet/IPv4 ARP packet".into()
        });
        return;
    };
    arp_process(sim, skb, arp);
}

/// `arp_ignore`: whether to stay silent for a request for local address `tip` from `sip`.
fn arp_ignore(sim: &Sim, ns: usize, dev: IfIndex, sip: Ipv4Addr, tip: Ipv4Addr) -> bool {
    let n = sim.world.ns(ns);
    let level = max_conf(
        n.sysctl.conf_all.arp_ignore,
        n.devices.get(&dev).map_or(0, |d| d.conf.arp_ignore),
    );
    match level {
        1 => !inet_confirm_addr(n, Some(dev), None, Some(tip), Scope::Host),
        2 => !inet_confirm_addr(n, Some(dev), Some(sip), Some(tip), Scope::Host),
        3 => !inet_confirm_addr(n, None, None, Some(tip), Scope::Link),
        8 => true,
        _ => false,
    }
}

/// `arp_filter` (on when all OR dev): a request for a local address is answered only on
/// the device the route back to the sender (`ip_route_output(sip, saddr tip)`) leaves by.
/// Returns why the request stays unanswered.
fn arp_filter(sim: &Sim, ns: usize, dev: IfIndex, sip: Ipv4Addr, tip: Ipv4Addr) -> Option<String> {
    let n = sim.world.ns(ns);
    let on = or_conf(
        n.sysctl.conf_all.arp_filter,
        n.devices.get(&dev).map_or(0, |d| d.conf.arp_filter),
    );
    if !on {
        return None;
    }
    let flow = OutFlow {
        dst: sip,
        src: Some(tip),
        oif: 0,
        mark: 0,
        tos: 0,
    };
    match ip_route_output(sim, ns, flow) {
        Ok(rt) if rt.dev == dev => None,
        Ok(rt) => Some(format!(
            "arp_filter: the route to {sip} leaves by {}, not the device the request came in on",
            n.devices.get(&rt.dev).map_or("?", |d| d.name.as_str())
        )),
        Err(e) => Some(format!("arp_filter: no route back to {sip} ({e:?})")),
    }
}

/// `arp_process`.
pub fn arp_process(sim: &mut Sim, skb: Skb, arp: ArpRepr) {
    let (ns, dev) = (skb.ns, skb.dev);
    if !matches!(arp.op, ArpOp::Request | ArpOp::Reply) {
        sim.drop_skb(&skb, "arp_process", DropReason::NotSpecified, || {
            "unknown ARP operation".into()
        });
        return;
    }
    let (sip, tip, sha) = (arp.spa, arp.tpa, arp.sha);
    let route_localnet = {
        let n = sim.world.ns(ns);
        or_conf(
            n.sysctl.conf_all.route_localnet,
            n.devices.get(&dev).map_or(0, |d| d.conf.route_localnet),
        )
    };
    if tip.is_multicast() || (!route_localnet && tip.is_loopback()) {
        sim.drop_skb(&skb, "arp_process", DropReason::NotSpecified, || {
            format!("target {tip} is multicast or loopback")
        });
        return;
    }
    if sip.is_unspecified() {
        // Duplicate address detection probe: answer only for a local address.
        if arp.op == ArpOp::Request
            && sim.world.ns(ns).is_local_addr(tip)
            && !arp_ignore(sim, ns, dev, sip, tip)
        {
            arp_send_reply(sim, &skb, &arp, "arp_process");
        } else {
            sim.step(&skb, "arp_process", Action::Consumed, || {
                "DAD probe for an address that is not ours".into()
            });
        }
        return;
    }
    if arp.op == ArpOp::Request {
        let route = ip_route_input(sim, ns, dev, tip, sip, 0, skb.mark);
        match route {
            InputRoute::Local { broadcast: false } => {
                if arp_ignore(sim, ns, dev, sip, tip) {
                    sim.step(&skb, "arp_ignore", Action::Consumed, || {
                        format!("arp_ignore: no reply for {tip}")
                    });
                } else if let Some(why) = arp_filter(sim, ns, dev, sip, tip) {
                    sim.step(&skb, "arp_filter", Action::Consumed, || why);
                } else {
                    neigh_event_ns(sim, ns, dev, sip, sha);
                    arp_send_reply(sim, &skb, &arp, "arp_process");
                }
                return;
            }
            InputRoute::Forward { res, .. } => {
                let out = res.dev();
                let (fwd_proxy, pvlan, pneigh, delay) = {
                    let n = sim.world.ns(ns);
                    let d = n.devices.get(&dev);
                    let conf =
                        |f: fn(&crate::model::sysctl::DevConf) -> i64| d.map_or(0, |d| f(&d.conf));
                    let proxy_on = or_conf(n.sysctl.conf_all.proxy_arp, conf(|c| c.proxy_arp));
                    let imi = conf(|c| c.medium_id);
                    let omi = n.devices.get(&out).map_or(0, |o| o.conf.medium_id);
                    let fwd_proxy = out != dev
                        && proxy_on
                        && (imi == 0 || (imi != -1 && omi != imi && omi != -1));
                    let pvlan = out == dev && sip != tip && conf(|c| c.proxy_arp_pvlan) != 0;
                    let pneigh = out != dev && n.neigh.proxy_lookup(tip, dev);
                    let delay = d.map_or(0, |d| d.neigh_parms.proxy_delay);
                    (fwd_proxy, pvlan, pneigh, delay)
                };
                if fwd_proxy || pvlan || pneigh {
                    neigh_event_ns(sim, ns, dev, sip, sha);
                    let why = if fwd_proxy {
                        "proxy_arp"
                    } else if pvlan {
                        "proxy_arp_pvlan"
                    } else {
                        "ip neigh proxy entry"
                    };
                    if skb.locally_enqueued || skb.pkt_type == PktType::Host || delay == 0 {
                        sim.step(&skb, "arp_process", Action::ProxyReplied, || {
                            format!("{tip} is routed out another device ({why})")
                        });
                        arp_send_reply(sim, &skb, &arp, "arp_fwd_proxy");
                    } else {
                        pneigh_enqueue(sim, skb, delay);
                    }
                    return;
                }
                if sim.trace.enabled {
                    let (_, in_name) = sim.names(ns, dev);
                    let why = if out == dev {
                        format!("the route to {tip} leaves by {in_name} itself and proxy_arp_pvlan is off")
                    } else {
                        format!("proxy_arp is off on {in_name} (conf.all and conf.{in_name}) and there is no `ip neigh add proxy {tip}` entry")
                    };
                    sim.step(&skb, "arp_process", Action::Updated, || {
                        format!("request for {tip} not answered: {why}")
                    });
                }
            }
            other => {
                if sim.trace.enabled {
                    let why = match other {
                        InputRoute::Error { .. } | InputRoute::Martian { .. } => {
                            let key = crate::model::fib::FlowKey {
                                dst: tip,
                                src: sip,
                                tos: 0,
                                scope: crate::model::Scope::Universe,
                                oif: 0,
                                iif: dev,
                                mark: skb.mark,
                            };
                            let forwarding = super::route::in_dev_forward(sim.world.ns(ns), dev);
                            if forwarding {
                                format!(
                                    "no usable route to {tip}: {}",
                                    super::route::explain(sim, ns, &key)
                                )
                            } else {
                                "the receiving device does not forward (proxy ARP needs forwarding)"
                                    .to_string()
                            }
                        }
                        _ => format!("{tip} is not a unicast address here"),
                    };
                    sim.step(&skb, "arp_process", Action::Updated, || {
                        format!("request for {tip} not answered: {why}")
                    });
                }
            }
        }
    }
    arp_update_table(sim, &skb, &arp);
}

/// The "Update our ARP tables" tail of `arp_process`: an existing entry for the sender is
/// updated (REACHABLE for a unicast reply, else STALE); none is created (`arp_accept=0`).
fn arp_update_table(sim: &mut Sim, skb: &Skb, arp: &ArpRepr) {
    let (ns, dev) = (skb.ns, skb.dev);
    let now = sim.world.now;
    let Some(n) = sim.world.ns(ns).neigh.get(dev, arp.spa) else {
        sim.step(skb, "arp_process", Action::Consumed, || {
            format!("no entry for {}; not created (arp_accept=0)", arp.spa)
        });
        return;
    };
    let locktime = n.updated + n_locktime(sim, ns, dev);
    let override_ll = now > locktime;
    let state = if arp.op == ArpOp::Reply && skb.pkt_type == PktType::Host {
        Nud::Reachable
    } else {
        Nud::Stale
    };
    sim.step(skb, "arp_process", Action::Updated, || {
        format!("neighbour {} at {} ({})", arp.spa, arp.sha, state.name())
    });
    neigh_update(
        sim,
        ns,
        dev,
        arp.spa,
        Some(arp.sha),
        state,
        super::neighbour::UpdateFlags {
            override_ll,
            admin: false,
        },
    );
}

fn n_locktime(sim: &Sim, ns: usize, dev: IfIndex) -> u64 {
    sim.world
        .ns(ns)
        .devices
        .get(&dev)
        .map_or(0, |d| d.neigh_parms.locktime.max(0) as u64 * 10_000_000)
}

/// `arp_send_dst(ARPOP_REPLY, …)`: answers `arp` from the receiving device.
fn arp_send_reply(sim: &mut Sim, skb: &Skb, arp: &ArpRepr, func: &'static str) {
    let mac = sim
        .world
        .ns(skb.ns)
        .devices
        .get(&skb.dev)
        .map_or(wire::Mac::ZERO, |d| d.mac);
    let frame = wire::arp_reply_frame(mac, arp.tpa, arp.sha, arp.spa);
    let id = sim.new_packet_id();
    let reply = Skb::new(frame, skb.ns, skb.dev, id);
    sim.step(&reply, func, Action::Replied, || {
        format!("{} is-at {mac}", arp.tpa)
    });
    dev_queue_xmit(sim, reply);
}

/// `pneigh_enqueue`: a broadcast request to a proxying host is answered after a random delay
/// in [0, proxy_delay) (`proxy_delay` is in centiseconds).
fn pneigh_enqueue(sim: &mut Sim, mut skb: Skb, delay_cs: i64) {
    let span = (delay_cs.max(1) as u64) * 10_000_000;
    let wait = sim.world.random() % span;
    sim.step(&skb, "pneigh_enqueue", Action::Queued, || {
        format!(
            "proxy reply delayed by {:.3} s (proxy_delay)",
            wait as f64 / 1e9
        )
    });
    skb.locally_enqueued = true;
    let at = sim.world.now + wait;
    sim.schedule_timer(at, Event::ProxyRedo(skb));
}

/// `parp_redo`: the delayed request runs through `arp_process` again.
pub fn parp_redo(sim: &mut Sim, skb: Skb) {
    if !sim.world.ns_alive(skb.ns) {
        return;
    }
    if let Some(arp) = ArpRepr::parse(skb.l3()) {
        arp_process(sim, skb, arp);
    }
}
