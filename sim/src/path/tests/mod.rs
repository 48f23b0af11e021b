//! Properties of the whole packet path: any bytes on any device, no panic, and every packet
//! ends in a decision the trace names.

use super::{Event, Sim, Skb};
use crate::cmd::execute;
use crate::trace::Action;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Two namespaces on a bridge in the initial namespace, a routed third namespace, all up.
fn world() -> Sim {
    let mut sim = Sim::new(7);
    sim.trace.enabled = true;
    let script = [
        "ip netns add a",
        "ip netns add b",
        "ip netns add r",
        "ip link add br0 type bridge",
        "ip link set br0 up",
        "ip addr add 10.1.0.1/24 dev br0",
        "ip link add pa type veth peer name eth0 netns a",
        "ip link add pb type veth peer name eth0 netns b",
        "ip link add pr type veth peer name eth0 netns r",
        "ip link set pa master br0",
        "ip link set pb master br0",
        "ip link set pa up",
        "ip link set pb up",
        "ip link set pr up",
        "ip addr add 10.2.0.1/24 dev pr",
        "ip -n a addr add 10.1.0.2/24 dev eth0",
        "ip -n b addr add 10.1.0.3/24 dev eth0",
        "ip -n r addr add 10.2.0.2/24 dev eth0",
        "ip -n a link set eth0 up",
        "ip -n b link set eth0 up",
        "ip -n r link set eth0 up",
        "ip -n a link set lo up",
        "ip -n a route add default via 10.1.0.1",
        "ip -n r route add default via 10.2.0.1",
        "sysctl -w net.ipv4.ip_forward=1",
        "ip netns exec a ping -c 1 10.2.0.2",
    ];
    for line in script {
        let argv: Vec<String> = line.split(' ').map(String::from).collect();
        execute(&mut sim, 0, &argv);
    }
    sim.run_until(sim.now() + 10_000_000_000);
    sim.trace.steps.clear();
    sim
}

/// Actions a packet's story may end with.
fn terminal(a: Action) -> bool {
    matches!(
        a,
        Action::Dropped(_)
            | Action::Delivered
            | Action::Consumed
            | Action::Queued
            | Action::Replied
            | Action::ProxyReplied
    )
}

/// Packets whose last step is not a decision (the path lost them silently).
fn unfinished(sim: &Sim) -> Vec<String> {
    let mut last: BTreeMap<u64, &crate::trace::Step> = BTreeMap::new();
    for s in &sim.trace.steps {
        last.insert(s.packet, s);
    }
    last.values()
        .filter(|s| !terminal(s.action))
        .map(|s| {
            format!(
                "packet {} ends with {} {:?}: {}",
                s.packet, s.func, s.action, s.detail
            )
        })
        .collect()
}

fn inject(sim: &mut Sim, ns: usize, dev: u32, data: Vec<u8>) {
    let id = sim.new_packet_id();
    let skb = Skb::new(data, ns, dev, id);
    let now = sim.now();
    sim.schedule(now, Event::Rx(skb));
    sim.run_until(now + 5_000_000_000);
}

/// Every device of every namespace, as (ns, ifindex).
fn devices(sim: &Sim) -> Vec<(usize, u32)> {
    sim.world
        .netns_ids()
        .flat_map(|ns| {
            sim.world
                .ns(ns)
                .devices
                .keys()
                .map(move |i| (ns, *i))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn a_routed_ping_ends_every_packet_with_a_decision() {
    let mut sim = world();
    let argv: Vec<String> = "ip netns exec a ping -c 2 10.2.0.2"
        .split(' ')
        .map(String::from)
        .collect();
    let out = execute(&mut sim, 0, &argv);
    assert!(out.stdout.contains("2 received"), "{}", out.stdout);
    assert_eq!(unfinished(&sim), Vec::<String>::new());
}

/// Frames built to reach deep into the path: Ethernet to the device's MAC or broadcast,
/// IPv4 or ARP, then arbitrary bytes.
fn frame() -> impl Strategy<Value = (bool, u16, Vec<u8>)> {
    (
        any::<bool>(),
        prop_oneof![Just(0x0800u16), Just(0x0806), any::<u16>()],
        proptest::collection::vec(any::<u8>(), 0..120),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_frame_on_any_device_ends_in_a_decision(dev_pick in any::<usize>(), (bcast, et, body) in frame(), raw in proptest::collection::vec(any::<u8>(), 0..80)) {
        let mut sim = world();
        let devs = devices(&sim);
        let (ns, dev) = devs[dev_pick % devs.len()];
        let mac = sim.world.ns(ns).devices[&dev].mac;
        let mut data = Vec::new();
        data.extend_from_slice(&if bcast { [0xff; 6] } else { mac.0 });
        data.extend_from_slice(&[2, 0, 0, 0, 0, 0x99]);
        data.extend_from_slice(&et.to_be_bytes());
        data.extend_from_slice(&body);
        inject(&mut sim, ns, dev, data);
        inject(&mut sim, ns, dev, raw);
        let lost = unfinished(&sim);
        prop_assert!(lost.is_empty(), "{:#?}", lost);
        prop_assert!(sim.trace.steps.iter().all(|s| s.action != Action::Dropped(crate::trace::DropReason::SimHopLimit)));
    }
}
