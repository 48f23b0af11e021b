//! The configuration side effects, checked against what Linux 6.18 shows (`ip route show
//! table all` after the same commands in a sandbox).

use super::addr::{add_addr, del_addr};
use super::link::{add_veth, change_netns, del_link, dev_close, dev_open, rename};
use super::Errno;
use crate::model::fib::{RouteType, TABLE_LOCAL, TABLE_MAIN};
use crate::model::{IfAddr, Scope, World};
use std::net::Ipv4Addr;

fn addr(a: [u8; 4], plen: u8) -> IfAddr {
    IfAddr {
        local: Ipv4Addr::from(a),
        prefix_len: plen,
        broadcast: None,
        scope: Scope::Universe,
        secondary: false,
        label: "veth0".into(),
    }
}

/// (type, destination/len) of every route in a table, in dump order.
fn table(w: &World, id: u32) -> Vec<(RouteType, String)> {
    w.ns(0)
        .fib
        .table(id)
        .map(|t| {
            t.routes()
                .map(|r| (r.rtype, format!("{}/{}", r.dst, r.plen)))
                .collect()
        })
        .unwrap_or_default()
}

fn veth_world() -> World {
    let mut w = World::new(1);
    add_veth(&mut w, 0, "veth0", None, 0, "veth1", None).unwrap();
    w
}

#[test]
fn veth_peer_gets_the_lower_ifindex() {
    let w = veth_world();
    assert_eq!(w.ns(0).ifindex_of("veth1"), Some(2));
    assert_eq!(w.ns(0).ifindex_of("veth0"), Some(3));
}

#[test]
fn an_address_on_a_down_device_brings_only_its_local_route() {
    let mut w = veth_world();
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 1], 24)).unwrap();
    assert_eq!(
        table(&w, TABLE_LOCAL),
        vec![(RouteType::Local, "10.0.0.1/32".into())]
    );
    assert!(table(&w, TABLE_MAIN).is_empty());
    dev_open(&mut w, 0, dev);
    assert_eq!(
        table(&w, TABLE_LOCAL),
        vec![
            (RouteType::Local, "10.0.0.1/32".into()),
            (RouteType::Broadcast, "10.0.0.255/32".into())
        ]
    );
    assert_eq!(
        table(&w, TABLE_MAIN),
        vec![(RouteType::Unicast, "10.0.0.0/24".into())]
    );
    // Down again: the prefix and broadcast routes go, the host-scope local route stays.
    dev_close(&mut w, 0, dev);
    assert_eq!(
        table(&w, TABLE_LOCAL),
        vec![(RouteType::Local, "10.0.0.1/32".into())]
    );
    assert!(table(&w, TABLE_MAIN).is_empty());
}

#[test]
fn slash_32_has_no_prefix_route_and_secondaries_follow_their_primary() {
    let mut w = veth_world();
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    dev_open(&mut w, 0, dev);
    add_addr(&mut w, 0, dev, addr([10, 244, 1, 2], 32)).unwrap();
    assert!(table(&w, TABLE_MAIN).is_empty());
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 1], 24)).unwrap();
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 2], 24)).unwrap();
    let d = &w.ns(0).devices[&dev];
    assert!(!d.addrs[1].secondary && d.addrs[2].secondary);
    assert_eq!(
        add_addr(&mut w, 0, dev, addr([10, 0, 0, 2], 24))
            .unwrap_err()
            .errno,
        Errno::Exist
    );
    // Deleting the primary takes its secondary with it (promote_secondaries=0).
    del_addr(&mut w, 0, dev, Ipv4Addr::new(10, 0, 0, 1), Some(24)).unwrap();
    assert_eq!(w.ns(0).devices[&dev].addrs.len(), 1);
    assert!(table(&w, TABLE_MAIN).is_empty());
}

#[test]
fn moving_a_device_loses_addresses_and_keeps_a_free_ifindex() {
    let mut w = veth_world();
    let ns1 = w.add_netns(Some("ns1".into()));
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 1], 24)).unwrap();
    dev_open(&mut w, 0, dev);
    change_netns(&mut w, 0, dev, ns1).unwrap();
    let d = w.ns(ns1).dev_by_name("veth0").unwrap();
    assert_eq!(d.ifindex, 3);
    assert!(d.addrs.is_empty() && !d.admin_up);
    assert!(table(&w, TABLE_LOCAL).is_empty());
    // The peer now points into ns1; deleting it deletes both ends.
    let peer = w.ns(0).ifindex_of("veth1").unwrap();
    del_link(&mut w, 0, peer).unwrap();
    assert!(w.ns(ns1).dev_by_name("veth0").is_none());
}

#[test]
fn rename_works_while_up_and_refuses_a_taken_name() {
    let mut w = veth_world();
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    dev_open(&mut w, 0, dev);
    rename(&mut w, 0, dev, "eth0").unwrap();
    assert_eq!(
        rename(&mut w, 0, dev, "veth1").unwrap_err().errno,
        Errno::Exist
    );
}

/// The addresses of veth0 as (address, secondary).
fn addrs(w: &World) -> Vec<(String, bool)> {
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    w.ns(0).devices[&dev]
        .addrs
        .iter()
        .map(|a| (a.local.to_string(), a.secondary))
        .collect()
}

#[test]
fn promote_secondaries_moves_the_first_secondary_behind_the_last_primary() {
    let mut w = veth_world();
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    dev_open(&mut w, 0, dev);
    for (a, plen) in [
        ([10, 9, 0, 1], 16),
        ([10, 0, 0, 1], 24),
        ([10, 0, 0, 2], 24),
    ] {
        add_addr(&mut w, 0, dev, addr(a, plen)).unwrap();
    }
    add_addr(&mut w, 0, dev, addr([10, 5, 0, 1], 8)).unwrap();
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 3], 24)).unwrap();
    w.ns_mut(0)
        .devices
        .get_mut(&dev)
        .unwrap()
        .conf
        .promote_secondaries = 1;
    del_addr(&mut w, 0, dev, Ipv4Addr::new(10, 0, 0, 1), Some(24)).unwrap();
    let want = [
        ("10.9.0.1", false),
        ("10.5.0.1", false),
        ("10.0.0.2", false),
        ("10.0.0.3", true),
    ];
    assert_eq!(addrs(&w), want.map(|(a, s)| (a.to_string(), s)).to_vec());
    let srcs: Vec<String> = w
        .ns(0)
        .fib
        .table(TABLE_LOCAL)
        .unwrap()
        .routes()
        .filter(|r| r.dst.octets()[..3] == [10, 0, 0])
        .map(|r| format!("{} {}", r.dst, r.prefsrc.unwrap()))
        .collect();
    assert_eq!(
        srcs,
        [
            "10.0.0.2 10.0.0.2",
            "10.0.0.3 10.0.0.2",
            "10.0.0.255 10.0.0.2"
        ]
    );
}

#[test]
fn without_promotion_a_primary_takes_its_secondaries_and_their_src_routes() {
    let mut w = veth_world();
    let dev = w.ns(0).ifindex_of("veth0").unwrap();
    dev_open(&mut w, 0, dev);
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 1], 24)).unwrap();
    add_addr(&mut w, 0, dev, addr([10, 0, 0, 2], 24)).unwrap();
    add_addr(&mut w, 0, dev, addr([10, 1, 0, 1], 24)).unwrap();
    let mut user = w
        .ns(0)
        .fib
        .table(TABLE_MAIN)
        .unwrap()
        .routes()
        .next()
        .unwrap()
        .clone();
    user.dst = Ipv4Addr::new(10, 7, 0, 0);
    user.plen = 16;
    user.proto = crate::model::fib::Proto::BOOT;
    user.prefsrc = Some(Ipv4Addr::new(10, 0, 0, 2));
    for t in [TABLE_MAIN, 100] {
        let r = crate::model::fib::Route {
            table: t,
            ..user.clone()
        };
        w.ns_mut(0)
            .fib
            .table_mut(t)
            .insert(r, crate::model::fib::InsertMode::Add)
            .unwrap();
    }
    del_addr(&mut w, 0, dev, Ipv4Addr::new(10, 0, 0, 1), Some(24)).unwrap();
    assert_eq!(addrs(&w), vec![("10.1.0.1".to_string(), false)]);
    // fib_sync_down_addr: table main loses the route with src 10.0.0.2, table 100 keeps it.
    assert_eq!(
        table(&w, TABLE_MAIN),
        vec![(RouteType::Unicast, "10.1.0.0/24".into())]
    );
    assert_eq!(
        table(&w, 100),
        vec![(RouteType::Unicast, "10.7.0.0/16".into())]
    );
}

/// `br_stp_disable_bridge`: a bridge going down disables its ports, which forgets what was
/// learned behind them; static entries stay. (The port states are settled after the
/// command, with the link events: `linkwatch::notify`.)
#[test]
fn a_bridge_going_down_forgets_learned_entries() {
    use super::link::{add_bridge, set_master};
    use crate::model::device::Bridge;
    use crate::model::fdb::FdbEntry;
    use crate::wire::Mac;
    let mut sim = crate::path::Sim::new(1);
    sim.world = veth_world();
    let w = &mut sim.world;
    let br = add_bridge(w, 0, "br0", None, Bridge::default()).unwrap();
    let p = w.ns(0).ifindex_of("veth0").unwrap();
    set_master(w, 0, p, br).unwrap();
    for i in [br, p, w.ns(0).ifindex_of("veth1").unwrap()] {
        dev_open(w, 0, i);
    }
    super::linkwatch::notify(&mut sim);
    sim.run_until(2_000_000_000);
    let w = &mut sim.world;
    let entry = |mac: u8, is_static| FdbEntry {
        mac: Mac([2, 0, 0, 0, 0, mac]),
        port: Some(p),
        local: false,
        is_static,
        added_by_user: is_static,
        sticky: false,
        updated: 0,
        created: 0,
    };
    fn fdb(w: &mut World, br: u32) -> &mut crate::model::fdb::Fdb {
        &mut w
            .ns_mut(0)
            .devices
            .get_mut(&br)
            .unwrap()
            .bridge_mut()
            .unwrap()
            .fdb
    }
    fdb(w, br).insert(entry(1, false));
    fdb(w, br).insert(entry(2, true));
    dev_close(w, 0, br);
    super::linkwatch::notify(&mut sim);
    let w = &mut sim.world;
    let left: Vec<Mac> = fdb(w, br)
        .entries
        .keys()
        .copied()
        .filter(|m| m.0[..5] == [2, 0, 0, 0, 0])
        .collect();
    assert_eq!(left, [Mac([2, 0, 0, 0, 0, 2])]);
}
