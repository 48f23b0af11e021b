//! Any bytes, received as a frame on any device of a small world, never panic the packet path:
//! two namespaces and a bridge in the initial one, ARP and the FDB already warm, vxlan
//! devices on UDP 4789 in the initial namespace and in b (so VXLAN frames are decapsulated
//! and their inner frames go through the path again), every step
//! traced and captured (so the trace details and the pcapng writer see the frame too), and
//! the queue drained for a bounded logical time.
//!
//! The first input byte picks the device, the rest is the frame.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathsim::cmd::execute;
use pathsim::model::DevRef;
use pathsim::path::{Event, Sim, Skb};
use pathsim::run::COMMAND_GAP_NS;
use pathsim::script::parse;
use pathsim::trace::pcap::PcapRecorder;

const WORLD: &str = "
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.0.0.254/24 dev br0
ip netns add a
ip netns add b
ip link add pa type veth peer name eth0 netns a
ip link add pb type veth peer name eth0 netns b
ip link set pa master br0
ip link set pb master br0
ip link set pa up
ip link set pb up
ip netns exec a ip addr add 10.0.0.1/24 dev eth0
ip netns exec b ip addr add 10.0.0.2/24 dev eth0
ip netns exec a ip link set eth0 up
ip netns exec b ip link set eth0 up
ip netns exec a ip route add default via 10.0.0.254
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip link add vx0 type vxlan id 1 remote 10.0.0.2 dstport 4789
ip link set vx0 up
ip netns exec b ip link add vx0 type vxlan id 1 remote 10.0.0.254 dstport 4789 learning
ip netns exec b ip link set vx0 up
";

/// Logical time the injected frame and everything it causes may take (neighbour timers,
/// retransmitted ARP probes): 10 s.
const DRAIN_NS: u64 = 10_000_000_000;

fn world() -> Sim {
    let script = parse("frame_inject.sh", WORLD).expect("the world script parses");
    let mut sim = Sim::new(1);
    for c in &script.commands {
        let t = sim.now() + COMMAND_GAP_NS;
        sim.run_until(t);
        let out = execute(&mut sim, 0, &c.argv);
        sim.settle();
        assert_eq!(out.status, 0, "`{}`: {}", c.text, out.stderr);
    }
    sim.trace.enabled = true;
    sim.trace.pcap = Some(PcapRecorder::default());
    sim
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, frame)) = data.split_first() else {
        return;
    };
    let mut sim = world();
    let devices: Vec<DevRef> = sim
        .world
        .netns_ids()
        .flat_map(|ns| {
            sim.world
                .ns(ns)
                .devices
                .keys()
                .map(move |&ifindex| DevRef { ns, ifindex })
        })
        .collect();
    let at = devices[usize::from(pick) % devices.len()];
    let skb = Skb::new(frame.to_vec(), at.ns, at.ifindex, sim.new_packet_id());
    let now = sim.now();
    sim.schedule(now, Event::Rx(skb));
    sim.run_until(now + DRAIN_NS);
    let mut pcapng = Vec::new();
    sim.trace
        .pcap
        .take()
        .expect("capturing")
        .write_to(&mut pcapng)
        .expect("pcapng written to memory");
});
