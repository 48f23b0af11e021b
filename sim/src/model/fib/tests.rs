use super::*;
use proptest::prelude::*;

#[test]
fn route_types_round_trip_and_limit_scopes() {
    for t in ["anycast", "nat", "unicast", "broadcast"] {
        assert_eq!(RouteType::parse(t).unwrap().name(), t);
    }
    assert_eq!(RouteType::Anycast.value(), 4);
    assert_eq!(RouteType::Nat.value(), 10);
    // fib_props: anycast may not be global, nat is refused at every real scope.
    assert!(Scope::Universe < RouteType::Anycast.min_scope());
    assert!(Scope::Host < RouteType::Nat.min_scope());
}

fn route(dst: [u8; 4], plen: u8, metric: u32, dev: IfIndex) -> Route {
    Route {
        dst: Ipv4Addr::from(u32::from(Ipv4Addr::from(dst)) & prefix_mask(plen)),
        plen,
        table: TABLE_MAIN,
        rtype: RouteType::Unicast,
        proto: Proto::BOOT,
        scope: Scope::Link,
        metric,
        prefsrc: None,
        tos: 0,
        nexthops: vec![Nexthop {
            gw: None,
            dev,
            weight: 1,
            onlink: false,
            linkdown: false,
            dead: false,
            scope: Scope::Host,
        }],
        multipath: false,
        metrics: Vec::new(),
    }
}

fn key(dst: [u8; 4]) -> FlowKey {
    FlowKey {
        dst: dst.into(),
        src: Ipv4Addr::UNSPECIFIED,
        tos: 0,
        scope: Scope::Universe,
        oif: 0,
        iif: 0,
        mark: 0,
    }
}

#[test]
fn add_refuses_same_prefix_and_metric_but_not_other_metric() {
    let mut t = FibTable::default();
    t.insert(route([10, 0, 0, 0], 24, 0, 2), InsertMode::Add)
        .unwrap();
    assert_eq!(
        t.insert(route([10, 0, 0, 0], 24, 0, 3), InsertMode::Add),
        Err(FibError::Exists)
    );
    t.insert(route([10, 0, 0, 0], 24, 100, 3), InsertMode::Add)
        .unwrap();
    let metrics: Vec<u32> = t.routes().map(|r| r.metric).collect();
    assert_eq!(metrics, vec![0, 100]);
}

#[test]
fn replace_change_append_prepend() {
    let mut t = FibTable::default();
    assert_eq!(
        t.insert(route([10, 1, 0, 0], 16, 0, 2), InsertMode::Change),
        Err(FibError::NoEntry)
    );
    t.insert(route([10, 1, 0, 0], 16, 0, 2), InsertMode::Replace)
        .unwrap();
    t.insert(route([10, 1, 0, 0], 16, 0, 3), InsertMode::Replace)
        .unwrap();
    assert_eq!(t.routes().count(), 1);
    assert_eq!(t.routes().next().unwrap().nexthops[0].dev, 3);
    t.insert(route([10, 1, 0, 0], 16, 0, 4), InsertMode::Append)
        .unwrap();
    t.insert(route([10, 1, 0, 0], 16, 0, 5), InsertMode::Prepend)
        .unwrap();
    let devs: Vec<IfIndex> = t.routes().map(|r| r.nexthops[0].dev).collect();
    assert_eq!(devs, vec![5, 3, 4]);
    assert_eq!(
        t.insert(route([10, 1, 0, 0], 16, 0, 4), InsertMode::Append),
        Err(FibError::Exists)
    );
}

#[test]
fn dump_order_is_key_then_longer_prefix_first() {
    let mut t = FibTable::default();
    t.insert(route([10, 0, 0, 0], 8, 0, 2), InsertMode::Add)
        .unwrap();
    t.insert(route([0, 0, 0, 0], 0, 0, 2), InsertMode::Add)
        .unwrap();
    t.insert(route([10, 0, 0, 0], 24, 0, 2), InsertMode::Add)
        .unwrap();
    t.insert(route([9, 0, 0, 0], 8, 0, 2), InsertMode::Add)
        .unwrap();
    let order: Vec<(Ipv4Addr, u8)> = t.routes().map(|r| (r.dst, r.plen)).collect();
    assert_eq!(
        order,
        vec![
            (Ipv4Addr::new(0, 0, 0, 0), 0),
            (Ipv4Addr::new(9, 0, 0, 0), 8),
            (Ipv4Addr::new(10, 0, 0, 0), 24),
            (Ipv4Addr::new(10, 0, 0, 0), 8),
        ]
    );
}

#[test]
fn error_routes_and_scope_skips() {
    let mut t = FibTable::default();
    let mut bh = route([10, 9, 0, 0], 16, 0, 0);
    bh.rtype = RouteType::Blackhole;
    bh.nexthops.clear();
    bh.scope = Scope::Universe;
    t.insert(bh, InsertMode::Add).unwrap();
    assert!(matches!(
        t.lookup(&key([10, 9, 1, 1])),
        TableLookup::Error(_)
    ));
    // A link-scope route is skipped when the flow asks for host scope or narrower.
    t.insert(route([10, 8, 0, 0], 16, 0, 2), InsertMode::Add)
        .unwrap();
    let mut k = key([10, 8, 0, 1]);
    k.scope = Scope::Host;
    assert_eq!(t.lookup(&k), TableLookup::NotFound);
}

#[test]
fn delete_matches_given_fields_only() {
    let mut t = FibTable::default();
    t.insert(route([10, 0, 0, 0], 24, 0, 2), InsertMode::Add)
        .unwrap();
    t.insert(route([10, 0, 0, 0], 24, 5, 3), InsertMode::Add)
        .unwrap();
    let mut req = DeleteRequest {
        dst: Ipv4Addr::new(10, 0, 0, 0),
        plen: 24,
        tos: 0,
        rtype: None,
        scope: None,
        proto: None,
        metric: None,
        prefsrc: None,
        gw: None,
        dev: Some(3),
        nexthops: None,
    };
    assert_eq!(t.delete(&req).unwrap().metric, 5);
    assert_eq!(t.delete(&req), Err(FibError::NoSuchProcess));
    req.dev = None;
    t.delete(&req).unwrap();
    assert!(t.is_empty());
}

/// The naive reference: scan every route, keep the longest matching prefix (first inserted
/// among equals, as all test routes share metric 0 and are added with distinct prefixes).
fn naive_lpm(routes: &[(u32, u8)], dst: u32) -> Option<(u32, u8)> {
    routes
        .iter()
        .filter(|(net, plen)| dst & prefix_mask(*plen) == *net)
        .max_by_key(|(_, plen)| *plen)
        .copied()
}

proptest! {
    #[test]
    fn lpm_matches_a_naive_scan(
        prefixes in proptest::collection::vec((any::<u32>(), 0u8..=32), 0..60),
        probes in proptest::collection::vec(any::<u32>(), 1..40),
    ) {
        let mut t = FibTable::default();
        let mut added = Vec::new();
        for (addr, plen) in prefixes {
            let net = addr & prefix_mask(plen);
            if t.insert(route(Ipv4Addr::from(net).octets(), plen, 0, 2), InsertMode::Add).is_ok() {
                added.push((net, plen));
            }
        }
        // Probe both random addresses and addresses inside the added prefixes.
        let inside = added.iter().map(|(n, p)| n | (!prefix_mask(*p) & 0x5a5a_5a5a));
        for dst in probes.into_iter().chain(inside) {
            let got = match t.lookup(&key(Ipv4Addr::from(dst).octets())) {
                TableLookup::Found(r) => Some((u32::from(r.dst), r.plen)),
                _ => None,
            };
            prop_assert_eq!(got, naive_lpm(&added, dst));
        }
    }
}
