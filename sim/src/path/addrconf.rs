//! IPv6 autoconfiguration as far as pathsim models it (`net/ipv6/addrconf.c`,
//! `net/ipv6/mcast.c`, `net/ipv6/ndisc.c`): every running non-loopback device gets its EUI-64
//! link-local address and announces itself with the frames Linux sends on link-up:
//!
//! The address stays through a carrier loss and goes when the device goes down.
//!
//! 1. an MLDv2 report from `::` for the solicited-node group two jiffies later, repeated after
//!    a random delay below `unsolicited_report_interval` (1 s);
//! 2. a DAD neighbour solicitation after a random delay below `rtr_solicit_delay` (1 s);
//! 3. DAD completes one `retrans_time` (1 s) later: the address stops being `tentative`, an
//!    MLDv2 report from the link-local address (again repeated), and router solicitations
//!    at once and then with RFC 3315 back-off from `rtr_solicit_interval` (4 s ± 10 %,
//!    doubling, at most `rtr_solicit_max_interval`, 3600 s).
//!
//! Nobody answers these in a scenario (no IPv6 routers, no duplicate addresses), so no other
//! IPv6 is modelled; receivers consume them. Bridges learn from them, which is why they are
//! here: `bridge fdb show` lists the namespaces' MACs before any ping, as on the kernel.

use super::dev::dev_queue_xmit;
use super::{Event, Sim, Skb};
use crate::model::device::{eui64_link_local, solicited_node_mac, Ipv6LinkLocal};
use crate::model::linkwatch::JIFFY_NS;
use crate::model::{DevRef, Device, IfIndex, NsId};
use crate::trace::Action;
use crate::wire::icmpv6::{dad_solicitation, mld2_report, router_solicitation, solicited_node};
use crate::wire::mac::Mac;
use std::net::Ipv6Addr;

const SEC: u64 = 1_000_000_000;

/// One announcement step of a link-local address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    /// MLDv2 report; from the link-local address once DAD is done.
    Mld { from_ll: bool },
    /// DAD neighbour solicitation.
    Dad,
    /// DAD done: announce the address and start router solicitation.
    DadDone,
    /// Router solicitation; the next one follows after `interval` ns (backed off).
    Rs { interval: u64 },
}

/// `addrconf_notify` for the devices of every namespace marked as changed: configures the link-local address of a device that
/// is running and drops it from one that is not.
pub fn addrconf_notify(sim: &mut Sim, changed: &[NsId]) {
    let now = sim.now();
    for &ns in changed {
        if !sim.world.ns_alive(ns) {
            continue;
        }
        let idxs: Vec<IfIndex> = sim.world.ns(ns).devices.keys().copied().collect();
        for dev in idxs {
            let r = DevRef { ns, ifindex: dev };
            // `addrconf_link_ready`: `netif_oper_up` (the operstate linkwatch stored: UP or
            // UNKNOWN) and a qdisc that is not `noop`. At NETDEV_UP and NETDEV_CHANGE alike,
            // so a carrier that comes on starts IPv6 only once its link event is handled.
            let ready = sim.world.link_ready(r);
            let Some(d) = sim.world.ns_mut(ns).devices.get_mut(&dev) else {
                continue;
            };
            if d.is_loopback() {
                continue;
            }
            let was_ready = d.ipv6_ready;
            ipv6_mc_sync(d, ready);
            let up = d.admin_up && d.disable_ipv6 == 0 && d.has_inet6_dev();
            // The address comes when the link turns IF_READY (`addrconf_dev_config`, once
            // per NETDEV_UP/NETDEV_CHANGE that sets the flag: one deleted by hand later is
            // not made again) and goes with admin down (a carrier loss keeps it:
            // `addrconf_notify` on NETDEV_CHANGE only syncs routes).
            let configure = ready && up && d.ipv6_ready && !was_ready;
            match (configure, d.ipv6_ll.is_some()) {
                (true, false) => {
                    let addr = eui64_link_local(d.mac);
                    let sn = solicited_node_mac(addr);
                    if !d.mc.contains(&sn) {
                        d.mc.push(sn);
                    }
                    // Joining the solicited-node group starts the MLDv2 state-change report
                    // timer `mld_ifc_start_work(idev, 1)`: 0 + 2 jiffies, then the repeat a
                    // random part of `unsolicited_report_interval` (+ 2 jiffies) later.
                    let report_at = now + 2 * JIFFY_NS;
                    let dad_at = now + sim.world.random() % SEC;
                    let report_again = report_at + sim.world.random() % SEC + 2 * JIFFY_NS;
                    if let Some(d) = sim.world.ns_mut(ns).devices.get_mut(&dev) {
                        d.ipv6_ll = Some(Ipv6LinkLocal {
                            addr,
                            since: now,
                            ready_at: dad_at + SEC,
                        });
                    }
                    let at = |step| (ns, dev, now, step);
                    for (t, step) in [
                        (report_at, Announce::Mld { from_ll: false }),
                        (report_again, Announce::Mld { from_ll: false }),
                        (dad_at, Announce::Dad),
                        (dad_at + SEC, Announce::DadDone),
                    ] {
                        let (ns, dev, since, step) = at(step);
                        sim.schedule_timer(
                            t,
                            Event::Addrconf {
                                ns,
                                dev,
                                since,
                                step,
                            },
                        );
                    }
                }
                (false, true) if !up => {
                    if let Some(ll) = d.ipv6_ll.take() {
                        let sn = solicited_node_mac(ll.addr);
                        d.mc.retain(|m| *m != sn);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The IPv6 groups in the device's multicast list (`bridge fdb show`'s `self` entries):
/// - `inet6_dev`: `ipv6_add_dev` joins all-nodes (ff02::1, 33:33:00:00:00:01) at
///   registration, even with `disable_ipv6`; below IPV6_MIN_MTU `addrconf_ifdown(dev, true)`
///   destroys every group, and it comes back with the MTU.
/// - going down, or `disable_ipv6`, withdraws them (`ipv6_mc_down`) only if the device was
///   `IF_READY`; an up device whose link turns ready (`addrconf_dev_config` →
///   `ipv6_find_idev` → `ipv6_mc_up`) loads them again, after the IPv4 all-hosts group that
///   `ip_mc_up` re-joined at NETDEV_UP. The solicited-node group follows the link-local
///   address.
fn ipv6_mc_sync(d: &mut Device, oper_up: bool) {
    let all_nodes = Mac([0x33, 0x33, 0, 0, 0, 1]);
    let groups = |d: &Device| {
        let sn = d.ipv6_ll.map(|ll| solicited_node_mac(ll.addr));
        move |m: &Mac| *m == all_nodes || Some(*m) == sn
    };
    if !d.has_inet6_dev() {
        if d.ipv6_idev {
            let g = groups(d);
            d.mc.retain(|m| !g(m));
            d.ipv6_idev = false;
            d.ipv6_ready = false;
        }
        return;
    }
    if !d.ipv6_idev {
        d.ipv6_idev = true;
        if !d.mc.contains(&all_nodes) {
            d.mc.insert(0, all_nodes);
        }
    }
    let enabled = d.admin_up && d.disable_ipv6 == 0;
    if d.ipv6_ready && !enabled {
        let g = groups(d);
        d.mc.retain(|m| !g(m));
        d.ipv6_ready = false;
    } else if !d.ipv6_ready && enabled && oper_up {
        d.ipv6_ready = true;
        if !d.mc.contains(&all_nodes) {
            d.mc.push(all_nodes);
        }
    }
}

/// Runs one announcement step, unless the address it belongs to is gone.
pub fn addrconf_step(sim: &mut Sim, ns: NsId, dev: IfIndex, since: u64, step: Announce) {
    if !sim.world.ns_alive(ns) {
        return;
    }
    let Some(d) = sim.world.ns(ns).devices.get(&dev) else {
        return;
    };
    let Some(ll) = d.ipv6_ll.filter(|l| l.since == since) else {
        return;
    };
    let mac = d.mac;
    let now = sim.now();
    let (func, frame) = match step {
        Announce::Mld { from_ll } => {
            let src = if from_ll {
                ll.addr
            } else {
                Ipv6Addr::UNSPECIFIED
            };
            (
                "mld_send_report",
                mld2_report(mac, src, solicited_node(ll.addr)),
            )
        }
        Announce::Dad => {
            let r = sim.world.random().to_le_bytes();
            let nonce = [r[0], r[1], r[2], r[3], r[4], r[5]];
            ("ndisc_send_ns", dad_solicitation(mac, ll.addr, nonce))
        }
        Announce::DadDone => {
            let again = now + sim.world.random() % SEC;
            sim.schedule_timer(
                again,
                Event::Addrconf {
                    ns,
                    dev,
                    since,
                    step: Announce::Mld { from_ll: true },
                },
            );
            sim.schedule_timer(
                now,
                Event::Addrconf {
                    ns,
                    dev,
                    since,
                    step: Announce::Rs { interval: 4 * SEC },
                },
            );
            (
                "mld_send_report",
                mld2_report(mac, ll.addr, solicited_node(ll.addr)),
            )
        }
        Announce::Rs { interval } => {
            // RFC 3315 §14: RT = interval ± 10 %; the next interval doubles, capped at 1 h.
            let jitter = sim.world.random() % (interval / 5 + 1);
            let next = interval - interval / 10 + jitter;
            let doubled = (interval * 2).min(3600 * SEC);
            sim.schedule_timer(
                now + next,
                Event::Addrconf {
                    ns,
                    dev,
                    since,
                    step: Announce::Rs { interval: doubled },
                },
            );
            ("ndisc_send_rs", router_solicitation(mac, ll.addr))
        }
    };
    let skb = Skb::new(frame, ns, dev, sim.new_packet_id());
    sim.step(&skb, func, Action::Transmitted, || {
        "IPv6 link-up announcement".into()
    });
    dev_queue_xmit(sim, skb);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    fn mc(s: &mut Sim, script: &str) -> Vec<String> {
        for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
            execute(s, 0, &argv);
            // Link events run right after the command (urgent: veth peers in one namespace).
            s.settle();
        }
        let d = s.world.ns(0).dev_by_name("va").unwrap();
        d.mc.iter().map(|m| m.to_string()).collect()
    }

    /// Linux 6.18: IPv6 groups go with a down only if the link had been ready (IF_READY);
    /// they come back behind the IPv4 all-hosts group once the link is ready again.
    #[test]
    fn ipv6_groups_follow_if_ready() {
        let mut s = Sim::new(1);
        let (nodes, hosts, sn) = (
            "33:33:00:00:00:01",
            "01:00:5e:00:00:01",
            "33:33:ff:00:00:0a",
        );
        let script = "ip link add va address 02:00:00:00:00:0a type veth peer name vb
                      ip link set va up
                      ip link set va down";
        assert_eq!(mc(&mut s, script), [nodes]);
        assert_eq!(mc(&mut s, "ip link set va up"), [nodes, hosts]);
        assert_eq!(mc(&mut s, "ip link set vb up"), [nodes, hosts, sn]);
        // Carrier loss keeps everything; down then drops everything.
        assert_eq!(mc(&mut s, "ip link set vb down"), [nodes, hosts, sn]);
        assert_eq!(mc(&mut s, "ip link set va down"), Vec::<String>::new());
        assert_eq!(mc(&mut s, "ip link set va up"), [hosts]);
        assert_eq!(mc(&mut s, "ip link set vb up"), [hosts, nodes, sn]);
        let off = "sysctl -w net.ipv6.conf.va.disable_ipv6=1";
        assert_eq!(mc(&mut s, off), [hosts]);
        let on = "sysctl -w net.ipv6.conf.va.disable_ipv6=0";
        assert_eq!(mc(&mut s, on), [hosts, nodes, sn]);
    }
}
