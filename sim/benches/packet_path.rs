//! Frames per second through the packet path, on worlds built with the scenario commands.
//!
//! Each bench builds its world once (commands from the seed tutorials, then one `ping` so ARP,
//! proxy ARP and the bridge FDB are resolved), checks that one injected echo request is
//! answered without a drop, and then measures only this: queue a batch of pre-built echo
//! requests as `Event::Rx` on the device they arrive on, and run the event queue until the
//! echo replies have come back. One element = one echo request and its reply.
//!
//! - `veth`: ns1 → ns2 over a veth pair (request received in ns2, answered, reply received in ns1);
//! - `calico_routed`: seed 000's Calico-style lab (plus the host's uplink): pod1 → host (proxy
//!   ARP, forwarding) → pod2 and back, with the frame injected where pod1's eth0 delivers it:
//!   the host's `veth-pod1`;
//! - `bridge_3port`: three namespaces on a bridge, h1 → h2 through `br0` and back.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pathsim::cmd::execute;
use pathsim::model::{IfIndex, NsId};
use pathsim::path::{Event, Sim, Skb};
use pathsim::run::COMMAND_GAP_NS;
use pathsim::script::parse;
use pathsim::trace::Action;
use pathsim::wire::{build_eth, build_ipv4, echo_request, Mac, ETH_P_IP};
use std::hint::black_box;
use std::net::Ipv4Addr;
use std::time::Duration;

/// Echo requests queued per measured iteration.
const BATCH: u64 = 64;
/// Logical time allowed for a batch to be answered: far more than the few veth hops it takes.
const DRAIN_NS: u64 = 100_000;

const VETH: &str = "
ip netns add ns1
ip netns add ns2
ip link add veth1 type veth peer name veth2
ip link set veth1 netns ns1
ip link set veth2 netns ns2
ip netns exec ns1 ip addr add 10.0.0.1/24 dev veth1
ip netns exec ns2 ip addr add 10.0.0.2/24 dev veth2
ip netns exec ns1 ip link set veth1 up
ip netns exec ns2 ip link set veth2 up
ip netns exec ns1 ping -c 1 10.0.0.2
";

/// Seed 000's "进阶实验：通过宿主机路由连接" (Calico's routed mode), plus what the seed leaves
/// out: proxy ARP answers for 169.254.1.1 only if the host routes it out of another device, so
/// the host gets an uplink with a default route, as a real node has (see
/// `scenarios/seed-000-calico-routed.sh`).
const CALICO: &str = "
sudo ip netns add pod1
sudo ip netns add pod2
sudo ip link add veth-pod1 type veth peer name eth0 netns pod1
sudo ip link add veth-pod2 type veth peer name eth0 netns pod2
sudo ip netns exec pod1 ip addr add 10.0.1.2/32 dev eth0
sudo ip netns exec pod1 ip link set eth0 up
sudo ip netns exec pod1 ip link set lo up
sudo ip netns exec pod1 ip route add 169.254.1.1 dev eth0
sudo ip netns exec pod1 ip route add default via 169.254.1.1 dev eth0
sudo ip netns exec pod2 ip addr add 10.0.2.2/32 dev eth0
sudo ip netns exec pod2 ip link set eth0 up
sudo ip netns exec pod2 ip link set lo up
sudo ip netns exec pod2 ip route add 169.254.1.1 dev eth0
sudo ip netns exec pod2 ip route add default via 169.254.1.1 dev eth0
sudo ip link set veth-pod1 up
sudo ip link set veth-pod2 up
sudo sysctl -w net.ipv4.conf.veth-pod1.proxy_arp=1
sudo sysctl -w net.ipv4.conf.veth-pod2.proxy_arp=1
sudo ip route add 10.0.1.2 dev veth-pod1
sudo ip route add 10.0.2.2 dev veth-pod2
sudo sysctl -w net.ipv4.ip_forward=1
ip netns add internet
ip link add uplink type veth peer name eth0 netns internet
ip addr add 192.0.2.1/24 dev uplink
ip link set uplink up
ip netns exec internet ip addr add 192.0.2.254/24 dev eth0
ip netns exec internet ip link set eth0 up
ip route add default via 192.0.2.254
sudo ip netns exec pod1 ping -c 1 10.0.2.2
";

const BRIDGE: &str = "
ip link add br0 type bridge
ip link set br0 up
ip netns add h1
ip netns add h2
ip netns add h3
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link add p3 type veth peer name eth0 netns h3
ip link set p1 master br0
ip link set p2 master br0
ip link set p3 master br0
ip link set p1 up
ip link set p2 up
ip link set p3 up
ip netns exec h1 ip addr add 10.0.0.1/24 dev eth0
ip netns exec h2 ip addr add 10.0.0.2/24 dev eth0
ip netns exec h3 ip addr add 10.0.0.3/24 dev eth0
ip netns exec h1 ip link set eth0 up
ip netns exec h2 ip link set eth0 up
ip netns exec h3 ip link set eth0 up
ip netns exec h1 ping -c 1 10.0.0.2
";

/// Runs `script` as `pathsim run` does (1 ms between commands) and insists every command
/// succeeded, so a bench never measures a broken world.
fn build(script: &str) -> Sim {
    let script = parse("bench.sh", script).expect("bench script parses");
    let mut sim = Sim::new(1);
    for c in &script.commands {
        let t = sim.now() + COMMAND_GAP_NS;
        sim.run_until(t);
        let out = execute(&mut sim, 0, &c.argv);
        sim.settle();
        assert!(
            out.status == 0 && !out.unsupported,
            "`{}` failed ({}): {}{}",
            c.text,
            out.status,
            out.stdout,
            out.stderr
        );
    }
    sim
}

fn ns(sim: &Sim, name: &str) -> NsId {
    if name == "init" {
        return 0;
    }
    sim.world
        .find_netns(name)
        .unwrap_or_else(|| panic!("no namespace {name}"))
}

fn mac(sim: &Sim, netns: &str, dev: &str) -> Mac {
    sim.world
        .ns(ns(sim, netns))
        .dev_by_name(dev)
        .unwrap_or_else(|| panic!("no device {netns}/{dev}"))
        .mac
}

/// A flow of echo requests: the frame as it arrives on `(ns, dev)`, and the device the reply
/// must come back to.
struct Flow {
    frame: Vec<u8>,
    ns: NsId,
    dev: IfIndex,
    back: (NsId, IfIndex),
}

impl Flow {
    /// `src` → `dst` echo requests (56 data bytes, as ping sends) from `eth_src` to `eth_dst`,
    /// received on `at`; replies are expected on `back`.
    fn new(
        sim: &Sim,
        (src, dst): (Ipv4Addr, Ipv4Addr),
        (eth_src, eth_dst): (Mac, Mac),
        at: (&str, &str),
        back: (&str, &str),
    ) -> Flow {
        let icmp = echo_request(0x4242, 1, &[0xa5; 56]);
        let ip = build_ipv4(src, dst, 1, 64, 1, true, 0, &icmp);
        let ifindex = |(n, d): (&str, &str)| {
            let id = ns(sim, n);
            (id, sim.world.ns(id).ifindex_of(d).expect("device exists"))
        };
        let (ns, dev) = ifindex(at);
        Flow {
            frame: build_eth(eth_dst, eth_src, ETH_P_IP, &ip),
            ns,
            dev,
            back: ifindex(back),
        }
    }

    fn inject(&self, sim: &mut Sim, count: u64) {
        let now = sim.now();
        for _ in 0..count {
            let skb = Skb::new(self.frame.clone(), self.ns, self.dev, sim.new_packet_id());
            sim.schedule(now, Event::Rx(skb));
        }
        sim.run_until(now + DRAIN_NS);
    }

    fn replies(&self, sim: &Sim) -> u64 {
        let (ns, dev) = self.back;
        sim.world.ns(ns).devices[&dev].stats.rx_packets
    }

    /// One request, traced: answered (`icmp_echo`), nothing dropped, the reply back on `back`.
    fn check(&self, sim: &mut Sim, name: &str) {
        sim.trace.enabled = true;
        let before = self.replies(sim);
        self.inject(sim, 1);
        let steps = std::mem::take(&mut sim.trace.steps);
        sim.trace.enabled = false;
        let answered = steps.iter().any(|s| s.func == "icmp_echo");
        let drops: Vec<_> = steps
            .iter()
            .filter(|s| matches!(s.action, Action::Dropped(_)))
            .collect();
        assert!(
            answered && drops.is_empty() && self.replies(sim) == before + 1,
            "{name}: the echo request is not answered cleanly: {steps:#?}"
        );
    }
}

/// Measures `setup`'s flow; the world is built (and checked) only if the bench is selected.
fn bench_flow(c: &mut Criterion, name: &str, setup: fn() -> (Sim, Flow)) {
    let mut world: Option<(Sim, Flow)> = None;
    let mut group = c.benchmark_group("packet_path");
    group.throughput(Throughput::Elements(BATCH));
    group.bench_function(name, |b| {
        let (sim, flow) = world.get_or_insert_with(|| {
            let (mut sim, flow) = setup();
            flow.check(&mut sim, name);
            (sim, flow)
        });
        b.iter(|| {
            flow.inject(sim, BATCH);
            black_box(&sim.world.now);
        })
    });
    group.finish();
}

fn veth() -> (Sim, Flow) {
    let sim = build(VETH);
    let flow = Flow::new(
        &sim,
        ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()),
        (mac(&sim, "ns1", "veth1"), mac(&sim, "ns2", "veth2")),
        ("ns2", "veth2"),
        ("ns1", "veth1"),
    );
    (sim, flow)
}

fn calico_routed() -> (Sim, Flow) {
    let sim = build(CALICO);
    // pod1 sends to 169.254.1.1's MAC, which proxy ARP resolved to veth-pod1's own.
    let flow = Flow::new(
        &sim,
        ("10.0.1.2".parse().unwrap(), "10.0.2.2".parse().unwrap()),
        (mac(&sim, "pod1", "eth0"), mac(&sim, "init", "veth-pod1")),
        ("init", "veth-pod1"),
        ("pod1", "eth0"),
    );
    (sim, flow)
}

fn bridge_3port() -> (Sim, Flow) {
    let sim = build(BRIDGE);
    let flow = Flow::new(
        &sim,
        ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()),
        (mac(&sim, "h1", "eth0"), mac(&sim, "h2", "eth0")),
        ("init", "p1"),
        ("h1", "eth0"),
    );
    (sim, flow)
}

fn packet_path(c: &mut Criterion) {
    bench_flow(c, "veth", veth);
    bench_flow(c, "calico_routed", calico_routed);
    bench_flow(c, "bridge_3port", bridge_3port);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = packet_path
}
criterion_main!(benches);
