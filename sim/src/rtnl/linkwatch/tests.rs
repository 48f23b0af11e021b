//! Link events against what Linux 6.18 shows in a sandbox (`ip -o link show` dumps, which
//! do not sync linkwatch, right after each command).

use super::*;
use crate::cmd::execute;
use crate::model::operstate::OperState;

const MS: u64 = 1_000_000;

/// Runs each line as a scenario does (1 ms apart), in the initial namespace.
fn run(s: &mut Sim, script: &str) {
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let t = s.now() + MS;
        s.run_until(t);
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        let o = execute(s, 0, &argv);
        assert!(
            o.status == 0 || line.contains("show") || line.starts_with("ping"),
            "{line}: {o:?}"
        );
        s.settle();
    }
}

fn sleep(s: &mut Sim, ms: u64) {
    let t = s.now() + ms * MS;
    s.run_until(t);
}

fn dev(s: &Sim, ns: &str, name: &str) -> DevRef {
    let ns = s.world.find_netns(ns).unwrap();
    DevRef {
        ns,
        ifindex: s.world.ns(ns).ifindex_of(name).unwrap(),
    }
}

/// The flags and state a link dump prints.
fn link(s: &Sim, ns: &str, name: &str) -> String {
    let r = dev(s, ns, name);
    let v = crate::cmd::ip::link_fmt::view(s, r.ns, r.ifindex).unwrap();
    format!("<{}> {}", v.flags.join(","), v.operstate)
}

const PENDING_UP: &str = "<NO-CARRIER,BROADCAST,MULTICAST,UP,LOWER_UP> DOWN";
const UP: &str = "<BROADCAST,MULTICAST,UP,LOWER_UP> UP";

/// Two namespaces joined by a veth whose ends both get index 2 (iflink == ifindex).
fn same_index_pair(s: &mut Sim) {
    run(
        s,
        "ip netns add a
         ip netns add b
         ip link add eth0 netns a type veth peer name eth0 netns b",
    );
}

/// The veth add ran a non-urgent batch (the ends' carrier-off events), so for a second
/// non-urgent events wait; `a` is urgent (up, queue on noop, carrier on), `b` is not.
#[test]
fn a_same_index_peer_waits_for_the_next_second() {
    let mut s = Sim::new(1);
    same_index_pair(&mut s);
    let added = s.now();
    run(&mut s, "ip -n a link set eth0 up\nip -n b link set eth0 up");
    assert_eq!(link(&s, "a", "eth0"), UP);
    assert_eq!(link(&s, "b", "eth0"), PENDING_UP);
    let b = dev(&s, "b", "eth0");
    assert!(s.world.dev(b).unwrap().ipv6_ll.is_none());
    // linkwatch_nextevent = the add's jiffy + HZ; the timer wheel rounds a 1 s delay up to
    // 8 jiffies.
    sleep(&mut s, 900);
    assert_eq!(link(&s, "b", "eth0"), PENDING_UP);
    sleep(&mut s, 150);
    assert_eq!(link(&s, "b", "eth0"), UP);
    assert!(s.world.dev(b).unwrap().ipv6_ll.is_some());
    assert!(s.now() - added < 1_100 * MS);
}

/// Without a non-urgent batch in the last second, the event is handled at once.
#[test]
fn a_quiet_second_means_no_delay() {
    let mut s = Sim::new(1);
    same_index_pair(&mut s);
    sleep(&mut s, 1_100);
    run(&mut s, "ip -n a link set eth0 up\nip -n b link set eth0 up");
    assert_eq!(link(&s, "b", "eth0"), UP);
}

/// Peers with different indexes are urgent: both ends at once.
#[test]
fn peers_with_different_indexes_are_urgent() {
    let mut s = Sim::new(1);
    run(
        &mut s,
        "ip netns add a
         ip netns add b
         ip -n b link add br0 type bridge
         ip link add eth0 netns a type veth peer name eth0 netns b
         ip -n a link set eth0 up
         ip -n b link set eth0 up",
    );
    assert_eq!(dev(&s, "b", "eth0").ifindex, 3);
    assert_eq!(link(&s, "a", "eth0"), UP);
    assert_eq!(link(&s, "b", "eth0"), UP);
}

/// `rtnl_getlink` (`ip link show DEV`, or any command naming the device) handles the
/// pending event of that device only.
#[test]
fn getlink_handles_the_event_of_the_device_it_names() {
    let mut s = Sim::new(1);
    same_index_pair(&mut s);
    run(
        &mut s,
        "ip -n a link set eth0 up
         ip -n b link set eth0 up
         ip -n b link show
         ip -n b addr show
         ip -n b route show",
    );
    assert_eq!(link(&s, "b", "eth0"), PENDING_UP);
    run(&mut s, "ip -n b link show eth0");
    assert_eq!(link(&s, "b", "eth0"), UP);
    assert!(s.world.linkwatch.list.is_empty());
}

/// A device opened again is urgent when its carrier comes on (its queue is on noop), but
/// `dev_activate` runs before the work does, which re-checks and leaves it for later.
#[test]
fn urgency_is_checked_again_when_the_work_runs() {
    let mut s = Sim::new(1);
    same_index_pair(&mut s);
    run(&mut s, "ip -n a link set eth0 up\nip -n b link set eth0 up");
    sleep(&mut s, 1_500);
    // The delayed batch ran about 0.5 s ago: the next one is about 0.5 s away.
    run(&mut s, "ip -n b link set eth0 down");
    // a lost its carrier (not urgent): LOWER_UP goes at once, RUNNING stays.
    assert_eq!(link(&s, "a", "eth0"), "<BROADCAST,MULTICAST,UP> UP");
    run(&mut s, "ip -n b link set eth0 up");
    assert_eq!(link(&s, "a", "eth0"), UP);
    assert_eq!(link(&s, "b", "eth0"), PENDING_UP);
    sleep(&mut s, 1_000);
    assert_eq!(link(&s, "b", "eth0"), UP);
}

/// Carrier loss of a same-index peer: routes keep no `linkdown`, neighbours stay, until the
/// event is handled; then `fib_sync_down_dev` and `neigh_carrier_down` (permanent entries
/// stay).
#[test]
fn linkdown_and_the_neighbour_flush_follow_the_event() {
    let mut s = Sim::new(1);
    same_index_pair(&mut s);
    run(
        &mut s,
        "ip -n a link set eth0 up
         ip -n b addr add 10.0.0.2/24 dev eth0
         ip -n b link set eth0 up",
    );
    sleep(&mut s, 1_500);
    run(
        &mut s,
        "ip -n b neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale
         ip -n b neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev eth0
         ip link add v1 type veth peer name v2
         ip -n a link set eth0 down",
    );
    let b = dev(&s, "b", "eth0");
    let linkdown = |s: &Sim| {
        s.world.ns(b.ns).fib.tables.values().any(|t| {
            t.routes()
                .any(|r| r.nexthops.iter().any(|n| n.dev == b.ifindex && n.linkdown))
        })
    };
    let neighbours = |s: &Sim| s.world.ns(b.ns).neigh.entries.len();
    assert_eq!(link(&s, "b", "eth0"), "<BROADCAST,MULTICAST,UP> UP");
    assert!(!linkdown(&s));
    assert_eq!(neighbours(&s), 2);
    sleep(&mut s, 1_100);
    assert_eq!(
        link(&s, "b", "eth0"),
        "<NO-CARRIER,BROADCAST,MULTICAST,UP> DOWN"
    );
    assert!(linkdown(&s));
    assert_eq!(neighbours(&s), 1);
    // The carrier comes back with `a`: urgent (b's queue went to noop), linkdown clears.
    run(&mut s, "ip -n a link set eth0 up");
    assert_eq!(link(&s, "b", "eth0"), UP);
    assert!(!linkdown(&s));
}

/// A port whose peer goes down is disabled at once (urgent: its peer has another index);
/// the bridge's own carrier-off event is not urgent and waits a second; the carrier coming
/// back is urgent for both (the bridge's queue went to noop meanwhile).
#[test]
fn a_bridge_follows_its_port_a_second_later() {
    let mut s = Sim::new(1);
    run(
        &mut s,
        "ip netns add x
         ip netns add y
         ip -n x link add br0 type bridge
         ip -n y link add q0 type veth peer name q1
         ip link add p netns x type veth peer name q netns y
         ip -n x link set p master br0
         ip -n x link set br0 up
         ip -n x link set p up
         ip -n y link set q up",
    );
    assert_eq!(link(&s, "x", "br0"), UP);
    assert_eq!(
        crate::cmd::bridge::port_state(&s, dev(&s, "x", "p").ns, 3),
        "forwarding"
    );
    sleep(&mut s, 1_500);
    run(&mut s, "ip -n y link set q down");
    let p = dev(&s, "x", "p");
    assert_eq!(
        crate::cmd::bridge::port_state(&s, p.ns, p.ifindex),
        "disabled"
    );
    assert_eq!(link(&s, "x", "br0"), "<BROADCAST,MULTICAST,UP> UP");
    sleep(&mut s, 1_100);
    assert_eq!(
        link(&s, "x", "br0"),
        "<NO-CARRIER,BROADCAST,MULTICAST,UP> DOWN"
    );
    run(&mut s, "ip -n y link set q up");
    assert_eq!(link(&s, "x", "br0"), UP);
    assert_eq!(
        crate::cmd::bridge::port_state(&s, p.ns, p.ifindex),
        "forwarding"
    );
}

/// `linkwatch_schedule_work`: a non-urgent event waits for `linkwatch_nextevent`; an urgent
/// one re-arms the work at once; a delay above HZ (a past `nextevent`) counts as none.
#[test]
fn schedule_work_rules() {
    let mut w = World::new(1);
    let a = w.add_netns(Some("a".into()));
    let b = w.add_netns(Some("b".into()));
    crate::rtnl::link::add_veth(&mut w, a, "eth0", None, b, "eth0", None).unwrap();
    // No batch yet: the creation events queue the work at once.
    let work = w.linkwatch.work.unwrap();
    assert_eq!((work.delay, w.linkwatch.urgent), (0, false));
    assert_eq!(w.linkwatch.list.len(), 2);
    // As if a batch had run at jiffy 10: the next waits until jiffy 260.
    w.linkwatch.work = None;
    w.linkwatch.list.clear();
    for r in [DevRef { ns: a, ifindex: 2 }, DevRef { ns: b, ifindex: 2 }] {
        w.dev_mut(r).unwrap().linkwatch.pending = false;
    }
    w.linkwatch.nextevent = Some(260);
    w.now = 100 * JIFFY_NS;
    crate::rtnl::link::dev_open(&mut w, b, 2);
    assert_eq!(
        w.linkwatch.work.map(|x| x.delay),
        None,
        "no carrier change yet"
    );
    crate::rtnl::link::dev_open(&mut w, a, 2);
    // a's own carrier-on is not urgent at open (no qdisc attached before), b's is.
    assert!(w.linkwatch.urgent);
    assert_eq!(w.linkwatch.work.map(|x| x.delay), Some(0));
    // Far future (wrapped) nextevent: treated as no delay.
    w.linkwatch = Default::default();
    w.linkwatch.nextevent = Some(100 + HZ + 1);
    linkwatch_schedule_work(&mut w, false);
    assert_eq!(w.linkwatch.work.map(|x| x.delay), Some(0));
    w.linkwatch = Default::default();
    w.linkwatch.nextevent = Some(100 + HZ);
    linkwatch_schedule_work(&mut w, false);
    assert_eq!(w.linkwatch.work.map(|x| x.delay), Some(HZ));
}

/// Deleting a veth closes both ends in one batch: no urgent event, nothing left pending.
#[test]
fn deleting_both_ends_leaves_nothing_pending() {
    let mut s = Sim::new(1);
    run(
        &mut s,
        "ip link add v1 type veth peer name v2
         ip link set v1 up
         ip link set v2 up",
    );
    sleep(&mut s, 2_000);
    run(&mut s, "ip link del v1");
    assert!(s.world.linkwatch.list.is_empty());
    assert!(!s.world.linkwatch.urgent);
}

/// The kernel's sequence on 6.18: za's peer index names f2 in za's own namespace; the
/// operstate stays what the last handled event of za made it.
#[test]
fn operstate_is_stored_when_the_event_is_handled() {
    let mut s = Sim::new(1);
    run(
        &mut s,
        "ip netns add a
         ip netns add b
         ip link add pa netns a type veth peer name pb netns b
         ip link add f1 netns a type veth peer name f2 netns a
         ip link add za netns a type veth peer name zb netns b",
    );
    let settle = |s: &mut Sim| sleep(s, 1_100);
    let za = dev(&s, "a", "za");
    let op = |s: &Sim| s.world.operstate(za);
    run(&mut s, "ip -n a link set za up");
    settle(&mut s);
    assert_eq!(op(&s), OperState::LowerLayerDown);
    // f2 gains carrier: no event for za, its state stays.
    run(&mut s, "ip -n a link set f2 up\nip -n a link set f1 up");
    settle(&mut s);
    assert_eq!(op(&s), OperState::LowerLayerDown);
    run(&mut s, "ip -n a link set za down");
    settle(&mut s);
    assert_eq!(op(&s), OperState::Down);
    run(&mut s, "ip -n a link set za up");
    settle(&mut s);
    assert_eq!(op(&s), OperState::LowerLayerDown);
    // The peer comes and goes; the last event sees f2 with carrier.
    run(&mut s, "ip -n b link set zb up");
    settle(&mut s);
    assert_eq!(op(&s), OperState::Up);
    run(&mut s, "ip -n b link set zb down");
    settle(&mut s);
    assert_eq!(op(&s), OperState::Down);
    // lo never has an event: UNKNOWN once up.
    run(&mut s, "ip -n a link set lo up");
    assert_eq!(s.world.operstate(dev(&s, "a", "lo")), OperState::Unknown);
}

/// An empty bridge up keeps a new device's carrier until its id changes (6.18).
#[test]
fn an_empty_bridge_has_carrier_until_its_address_is_set() {
    let mut s = Sim::new(1);
    run(&mut s, "ip link add br0 type bridge\nip link set br0 up");
    let br = DevRef {
        ns: 0,
        ifindex: s.world.ns(0).ifindex_of("br0").unwrap(),
    };
    assert!(s.world.carrier(br));
    assert_eq!(s.world.operstate(br), OperState::Unknown);
    run(&mut s, "ip link set br0 address 02:00:00:00:00:b0");
    sleep(&mut s, 1_100);
    assert!(!s.world.carrier(br));
    assert_eq!(s.world.operstate(br), OperState::Down);
}

/// Until `dev_activate` runs with carrier, the queue is `noop_qdisc`: what an up device
/// without carrier sends is dropped there (`noop_enqueue`, a TX drop), before the taps.
#[test]
fn no_carrier_means_the_noop_qdisc_drops() {
    let mut s = Sim::new(1);
    s.trace.enabled = true;
    run(
        &mut s,
        "ip link add v0 type veth peer name v1
         ip addr add 10.0.0.1/24 dev v0
         ip link set v0 up",
    );
    let v0 = DevRef {
        ns: 0,
        ifindex: s.world.ns(0).ifindex_of("v0").unwrap(),
    };
    run(&mut s, "ping -c 1 -W 1 10.0.0.2");
    sleep(&mut s, 2_000);
    let d = s.world.dev(v0).unwrap();
    assert_eq!(d.stats.tx_packets, 0);
    assert!(d.stats.tx_dropped > 0);
    assert!(s.trace.steps.iter().any(|st| st.func == "noop_enqueue"));
    assert!(!s
        .trace
        .steps
        .iter()
        .any(|st| st.func == "dev_queue_xmit" && st.dev == "v0"));
    // The peer comes up: v0's carrier-on is urgent, its queue moves to noqueue at once.
    run(&mut s, "ip link set v1 up\nping -c 1 -W 1 10.0.0.2");
    assert!(s.world.dev(v0).unwrap().stats.tx_packets > 0);
}
