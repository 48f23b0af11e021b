//! `drivers/net/vxlan/vxlan_core.c`: `vxlan_xmit` (FDB lookup, one copy per remote),
//! `vxlan_xmit_one` (outer route, `udp_flow_src_port`, encapsulation, `udp_tunnel_xmit_skb`
//! into the IPv4 output path of the socket's namespace) and `vxlan_rcv` (VNI lookup,
//! `vxlan_set_mac` with `vxlan_snoop` learning, delivery of the inner frame).
//!
//! Not modelled: `proxy` (`arp_reduce`; refused at creation), the local encapsulation
//! bypass (`vxlan_encap_bypass`: a remote that is a local address goes through `lo`
//! here), inner PMTU checks (`skb_tunnel_check_pmtu`), ECN, GRO.

use super::route::{ip_route_output, OutFlow};
use super::{Event, Sim, Skb};
use crate::model::vxlan::{Rdst, VxFdbEntry, Vxlan, NUD_REACHABLE};
use crate::model::{DevRef, NsId};
use crate::trace::{Action, DropReason};
use crate::wire::{self, vxlan::VxlanPacket, Mac};
use std::net::Ipv4Addr;

fn mac_at(f: &[u8], at: usize) -> Mac {
    let mut m = [0u8; 6];
    if let Some(b) = f.get(at..at + 6) {
        m.copy_from_slice(b);
    }
    Mac(m)
}

/// `vxlan_xmit`: the destination MAC's entry, else the all-zeros entry; one copy per remote.
pub fn vxlan_xmit(sim: &mut Sim, skb: Skb) {
    let me = DevRef {
        ns: skb.ns,
        ifindex: skb.dev,
    };
    let now = sim.world.now;
    let Some(v) = sim.world.dev_mut(me).and_then(|d| d.vxlan_mut()) else {
        return;
    };
    v.age(now);
    let v = v.clone();
    let dst = mac_at(&skb.data, 0);
    let remotes = v.fdb.destinations(dst);
    if remotes.is_empty() {
        if let Some(d) = sim.world.dev_mut(me) {
            d.stats.tx_dropped += 1;
        }
        sim.drop_skb(&skb, "vxlan_xmit", DropReason::VxlanNoRemote, || {
            format!("no FDB entry for {dst} and no all-zeros entry")
        });
        return;
    }
    for rd in remotes {
        vxlan_xmit_one(sim, &skb, &v, rd);
    }
}

/// `udp_flow_src_port`: a hash of the inner flow scaled into `[min, max)` (the local
/// ephemeral range 32768–60999 when no `srcport` range is set). The kernel's flow hash is
/// seeded at random at boot; here the seed is the simulation's.
pub fn udp_flow_src_port(seed: u64, inner: &[u8], min: u16, max: u16) -> u16 {
    let (min, max) = if min >= max {
        (32768u32, 61000u32)
    } else {
        (u32::from(min), u32::from(max))
    };
    // The flow: MACs and EtherType, plus the IPv4 addresses, protocol and ports if present.
    let mut key: Vec<u8> = inner.get(..14).unwrap_or(inner).to_vec();
    if let Some(h) = inner.get(14..).and_then(|b| wire::ipv4_summary(b).ok()) {
        key.extend_from_slice(&h.src.octets());
        key.extend_from_slice(&h.dst.octets());
        key.push(h.proto);
        if let Some(p) = inner.get(14 + h.header_len..14 + h.header_len + 4) {
            key.extend_from_slice(p);
        }
    }
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in key {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let h32 = (hash >> 32) as u32 ^ hash as u32;
    ((u64::from(h32) * u64::from(max - min)) >> 32) as u16 + min as u16
}

/// `vxlan_xmit_one`: routes the outer packet in the socket's namespace (source `local`,
/// the remote's device as output interface), encapsulates and hands it to `ip_local_out`.
fn vxlan_xmit_one(sim: &mut Sim, skb: &Skb, v: &Vxlan, rd: Rdst) {
    let (port, vni) = (v.rdst_port(&rd), v.rdst_vni(&rd));
    let inner_tos = || {
        skb.data
            .get(14..)
            .filter(|_| u16::from_be_bytes([skb.data[12], skb.data[13]]) == wire::ETH_P_IP)
            .and_then(|b| wire::ipv4_summary(b).ok())
            .map_or(0, |h| h.tos)
    };
    let tos = if v.tos == 1 { inner_tos() } else { v.tos };
    let flow = OutFlow {
        dst: rd.ip,
        src: v.local,
        oif: rd.ifindex.unwrap_or(0),
        mark: 0,
        tos,
    };
    let route = match ip_route_output(sim, v.sock_ns, flow) {
        Ok(r) => r,
        Err(e) => {
            sim.drop_skb(skb, "vxlan_xmit_one", DropReason::IpOutnoroutes, || {
                format!("no route to {} ({})", rd.ip, e.text())
            });
            return;
        }
    };
    if v.sock_ns == skb.ns && route.dev == skb.dev {
        sim.drop_skb(skb, "vxlan_xmit_one", DropReason::NotSpecified, || {
            format!("circular route to {}", rd.ip)
        });
        return;
    }
    let sport = udp_flow_src_port(sim.world_seed(), &skb.data, v.port_min, v.port_max);
    let src: Ipv4Addr = route.src;
    let vx = wire::vxlan::build_vxlan(vni, &skb.data);
    let mut udp = wire::udp::build_udp(src, rd.ip, sport, port, &vx);
    if !v.udp_csum {
        udp[6..8].fill(0);
    }
    let ttl = if v.ttl == 0 {
        sim.world.ns(v.sock_ns).sysctl.ip_default_ttl as u8
    } else {
        v.ttl
    };
    // DF unset (`df unset`, the default): the ID comes from `ip_select_ident`'s hash.
    let id = sim.world.random() as u16;
    let packet = wire::build_ipv4(
        src,
        rd.ip,
        wire::ipv4::IPPROTO_UDP,
        ttl,
        id,
        false,
        tos,
        &udp,
    );
    sim.step(skb, "vxlan_xmit_one", Action::Transmitted, || {
        format!(
            "encapsulated: vni {vni} {src}:{sport} > {}:{port} ttl {ttl}",
            rd.ip
        )
    });
    let me = DevRef {
        ns: skb.ns,
        ifindex: skb.dev,
    };
    if let Some(d) = sim.world.dev_mut(me) {
        d.stats.tx_packets += 1;
        d.stats.tx_bytes += super::dev::stats_len(d, skb);
    }
    super::ip_output::ip_local_out(sim, v.sock_ns, &route, &packet);
}

/// The open vxlan device of `ns`'s socket on `port` with `vni` (`vxlan_vs_find_vni`).
fn find_vni(sim: &Sim, ns: NsId, port: u16, vni: u32) -> Option<DevRef> {
    crate::rtnl::vxlan::vxlans_of(&sim.world, ns)
        .into_iter()
        .find(|r| {
            sim.world.dev(*r).is_some_and(|d| {
                d.admin_up && d.vxlan().is_some_and(|v| v.dstport == port && v.vni == vni)
            })
        })
}

/// Whether `ns` has a vxlan socket on `port`: some vxlan device using it is open
/// (`vxlan_sock_add` at `vxlan_open`; the last close releases it).
pub fn has_socket(sim: &Sim, ns: NsId, port: u16) -> bool {
    // On every received UDP datagram: walk the devices in place, no list is built.
    sim.world
        .netns
        .iter()
        .flatten()
        .flat_map(|n| n.devices.values())
        .any(|d| {
            d.admin_up
                && d.vxlan()
                    .is_some_and(|v| v.sock_ns == ns && v.dstport == port)
        })
}

/// `vxlan_rcv` for the UDP payload `payload` from `src` on the socket bound to `port`.
pub fn vxlan_rcv(sim: &mut Sim, skb: &Skb, src: Ipv4Addr, port: u16, payload: &[u8]) {
    let vh = match VxlanPacket::new_checked(payload) {
        Ok(p) => p,
        Err(e) => {
            sim.drop_skb(skb, "vxlan_rcv", DropReason::VxlanInvalidHdr, || {
                format!("{e:?}")
            });
            return;
        }
    };
    let vni = vh.vni();
    let Some(me) = find_vni(sim, skb.ns, port, vni) else {
        sim.drop_skb(skb, "vxlan_rcv", DropReason::VxlanVniNotFound, || {
            format!("no vxlan device with vni {vni} on port {port}")
        });
        return;
    };
    let inner = vh.inner().to_vec();
    let smac = mac_at(&inner, 6);
    let Some(d) = sim.world.dev(me) else { return };
    if smac == d.mac {
        sim.drop_skb(skb, "vxlan_set_mac", DropReason::LocalMac, || {
            format!("inner source {smac} is the device's own address")
        });
        return;
    }
    if d.vxlan().is_some_and(|v| v.learning) {
        match vxlan_snoop(sim, me, src, smac) {
            Ok(Some(how)) => sim.step(skb, "vxlan_snoop", Action::Learned, || {
                format!("{smac} {how} remote {src}")
            }),
            Ok(None) => {}
            Err(r) => {
                sim.drop_skb(skb, "vxlan_snoop", r, || match r {
                    DropReason::MacInvalidSource => format!("invalid inner source {smac}"),
                    _ => format!("{smac} has a static entry to another remote"),
                });
                return;
            }
        }
    }
    sim.step(skb, "vxlan_rcv", Action::Delivered, || {
        format!("vni {vni}: inner frame to the vxlan device")
    });
    let mut next = Skb::new(inner, me.ns, me.ifindex, skb.id);
    next.hops = skb.hops;
    let now = sim.world.now;
    sim.schedule(now, Event::Rx(next));
}

/// `vxlan_snoop`: learns (or moves) the inner source MAC to the outer source address,
/// refreshing an entry it finds. A multicast or zero source is dropped; a permanent or
/// static entry is not moved: the packet is dropped. Says how the table changed, if it did.
fn vxlan_snoop(
    sim: &mut Sim,
    me: DevRef,
    src: Ipv4Addr,
    smac: Mac,
) -> Result<Option<&'static str>, DropReason> {
    if !smac.is_valid_ether() {
        return Err(DropReason::MacInvalidSource);
    }
    let now = sim.world.now;
    let Some(v) = sim.world.dev_mut(me).and_then(|d| d.vxlan_mut()) else {
        return Ok(None);
    };
    v.age(now);
    if let Some(f) = v.fdb.find_mut(smac) {
        f.updated = now;
        let dynamic = f.is_dynamic();
        let Some(first) = f.remotes.first_mut() else {
            return Ok(None);
        };
        if first.ip == src && first.ifindex.is_none() {
            return Ok(None);
        }
        if !dynamic {
            return Err(DropReason::VxlanEntryExists);
        }
        first.ip = src;
        return Ok(Some("moved to"));
    }
    v.fdb.entries.insert(
        0,
        VxFdbEntry {
            mac: smac,
            remotes: vec![Rdst {
                ip: src,
                port: None,
                vni: None,
                ifindex: None,
            }],
            state: NUD_REACHABLE,
            updated: now,
            learned: true,
        },
    );
    Ok(Some("learned behind"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::execute;

    /// Namespace b with a vxlan device (vni 7, port 4789, learning) over a veth to a.
    fn world() -> Sim {
        let mut sim = Sim::new(1);
        for c in [
            "ip netns add a",
            "ip netns add b",
            "ip -n a link add eth0 type veth peer name eth0 netns b",
            "ip -n b addr add 192.0.2.2/24 dev eth0",
            "ip -n a link set eth0 up",
            "ip -n b link set eth0 up",
            "ip -n b link add vx0 address 02:00:00:00:0a:02 type vxlan id 7 dstport 4789",
            "ip -n b link set vx0 up",
        ] {
            let argv: Vec<String> = c.split(' ').map(String::from).collect();
            assert_eq!(execute(&mut sim, 0, &argv).status, 0, "{c}");
            sim.settle();
        }
        sim
    }

    /// A frame to b's eth0 carrying `vxlan` (the UDP payload) to port 4789.
    fn frame(vxlan: &[u8]) -> Vec<u8> {
        let (src, dst) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let udp = wire::udp::build_udp(src, dst, 40000, 4789, vxlan);
        let ip = wire::build_ipv4(src, dst, wire::ipv4::IPPROTO_UDP, 64, 1, false, 0, &udp);
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x00]);
        f.extend_from_slice(&ip);
        f
    }

    fn inner(src_last: u8) -> Vec<u8> {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&[2, 0, 0, 0, 0x0a, src_last, 0x08, 0x06]);
        f.extend_from_slice(&[0; 28]);
        f
    }

    fn inject(sim: &mut Sim, f: Vec<u8>) {
        let b = sim.world.find_netns("b").unwrap();
        let eth0 = sim.world.ns(b).ifindex_of("eth0").unwrap();
        let skb = Skb::new(f, b, eth0, sim.new_packet_id());
        let now = sim.now();
        sim.schedule(now, Event::Rx(skb));
        sim.run_until(now + 1_000_000);
    }

    fn vx0_fdb(sim: &Sim) -> Vec<Mac> {
        let b = sim.world.find_netns("b").unwrap();
        let n = sim.world.ns(b);
        let d = n.dev_by_name("vx0").unwrap();
        d.vxlan()
            .unwrap()
            .fdb
            .entries
            .iter()
            .map(|e| e.mac)
            .collect()
    }

    #[test]
    fn receive_learns_and_bad_packets_are_dropped_without_panic() {
        let mut sim = world();
        // Wrong VNI, bad flags, truncated, the device's own MAC: nothing learned.
        inject(&mut sim, frame(&wire::vxlan::build_vxlan(8, &inner(1))));
        let mut bad = wire::vxlan::build_vxlan(7, &inner(1));
        bad[0] = 0x0c;
        inject(&mut sim, frame(&bad));
        inject(
            &mut sim,
            frame(&wire::vxlan::build_vxlan(7, &inner(1))[..12]),
        );
        inject(&mut sim, frame(&wire::vxlan::build_vxlan(7, &inner(2))));
        let mut mcast_src = inner(1);
        mcast_src[6] = 1;
        inject(&mut sim, frame(&wire::vxlan::build_vxlan(7, &mcast_src)));
        assert!(vx0_fdb(&sim).is_empty());
        // A good one: the inner source is learned behind the outer source.
        inject(&mut sim, frame(&wire::vxlan::build_vxlan(7, &inner(1))));
        assert_eq!(vx0_fdb(&sim), vec![Mac([2, 0, 0, 0, 0x0a, 1])]);
        let b = sim.world.find_netns("b").unwrap();
        let d = sim.world.ns(b).dev_by_name("vx0").unwrap();
        assert_eq!((d.stats.rx_packets, d.stats.rx_bytes), (1, 28));
    }

    #[test]
    fn source_ports_stay_in_range() {
        let frame = [1u8; 60];
        for seed in 0..50 {
            let p = udp_flow_src_port(seed, &frame, 0, 0);
            assert!((32768..61000).contains(&p), "{p}");
            let q = udp_flow_src_port(seed, &frame, 1000, 1010);
            assert!((1000..1010).contains(&q), "{q}");
        }
        assert_eq!(
            udp_flow_src_port(7, &frame, 0, 0),
            udp_flow_src_port(7, &frame, 0, 0)
        );
    }
}
