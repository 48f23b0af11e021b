//! Printing routes as `ip route` does (iproute2 `print_route`): one token and a trailing
//! space per field, `default` for 0/0, the table only outside `main`, the protocol unless it
//! is `boot`, the scope unless it is `global`.

use crate::model::fib::{table_name, Proto, Route, RouteType, TABLE_MAIN};
use crate::model::{NsId, Scope};
use crate::path::route::FibResult;
use crate::path::Sim;
use serde_json::{json, Map, Value};
use std::fmt::Write;

fn dst_text(r: &Route) -> String {
    if r.plen == 0 {
        "default".into()
    } else if r.plen == 32 {
        r.dst.to_string()
    } else {
        format!("{}/{}", r.dst, r.plen)
    }
}

/// A device's name as iproute2 prints an ifindex it cannot resolve: `ifN`.
pub fn dev_name(sim: &Sim, ns: NsId, idx: u32) -> String {
    sim.world
        .ns(ns)
        .devices
        .get(&idx)
        .map_or_else(|| format!("if{idx}"), |d| d.name.clone())
}

/// Which fields `ip route show` prints: iproute2 leaves out what the filter already fixed
/// (`dev` with `dev D`, `scope` with `scope S`, `proto` with `proto P`; the type stays) and
/// prints `table` only for a dump of every table.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub table: bool,
    pub dev: bool,
    pub scope: bool,
    pub proto: bool,
    pub via: bool,
    pub src: bool,
    pub metric: bool,
    /// `-d`: the type, protocol and scope even where they are the defaults.
    pub details: bool,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            table: false,
            dev: true,
            scope: true,
            proto: true,
            via: true,
            src: true,
            metric: true,
            details: false,
        }
    }
}

/// One route in `ip route show` form (without the newline).
pub fn route_line(sim: &Sim, ns: NsId, r: &Route, cols: Columns) -> String {
    let mut s = String::new();
    if r.rtype != RouteType::Unicast || cols.details {
        let _ = write!(s, "{} ", r.rtype.name());
    }
    let _ = write!(s, "{} ", dst_text(r));
    if r.tos != 0 {
        let _ = write!(s, "tos 0x{:02x} ", r.tos);
    }
    if !r.multipath {
        if let Some(nh) = r.nexthops.first() {
            if let Some(gw) = nh.gw.filter(|_| cols.via) {
                let _ = write!(s, "via {gw} ");
            }
            if cols.dev {
                let _ = write!(s, "dev {} ", dev_name(sim, ns, nh.dev));
            }
        }
    }
    if cols.table && r.table != TABLE_MAIN {
        let _ = write!(s, "table {} ", table_name(r.table));
    }
    if cols.proto && (r.proto != Proto::BOOT || cols.details) {
        let _ = write!(s, "proto {} ", r.proto.name());
    }
    if cols.scope && (r.scope != Scope::Universe || cols.details) {
        let _ = write!(s, "scope {} ", r.scope.name());
    }
    if let Some(src) = r.prefsrc.filter(|_| cols.src) {
        let _ = write!(s, "src {src} ");
    }
    if r.metric != 0 && cols.metric {
        let _ = write!(s, "metric {} ", r.metric);
    }
    if !r.multipath {
        if let Some(nh) = r.nexthops.first() {
            if nh.onlink {
                s.push_str("onlink ");
            }
            if nh.linkdown {
                s.push_str("linkdown ");
            }
        }
    }
    s.push_str(&super::route_metrics::text(&r.metrics));
    if r.multipath {
        for nh in &r.nexthops {
            s.push_str("\n\tnexthop ");
            if let Some(gw) = nh.gw {
                let _ = write!(s, "via {gw} ");
            }
            let _ = write!(s, "dev {} weight {} ", dev_name(sim, ns, nh.dev), nh.weight);
            if nh.dead {
                s.push_str("dead ");
            }
            if nh.onlink {
                s.push_str("onlink ");
            }
            if nh.linkdown {
                s.push_str("linkdown ");
            }
        }
    }
    s
}

/// The JSON object `ip -j route` prints for a route.
pub fn route_json(sim: &Sim, ns: NsId, r: &Route, show_table: bool, details: bool) -> Value {
    let mut m = Map::new();
    if r.rtype != RouteType::Unicast || details {
        m.insert("type".into(), json!(r.rtype.name()));
    }
    m.insert("dst".into(), json!(dst_text(r)));
    if r.tos != 0 {
        m.insert("tos".into(), json!(format!("0x{:02x}", r.tos)));
    }
    if !r.multipath {
        if let Some(nh) = r.nexthops.first() {
            if let Some(gw) = nh.gw {
                m.insert("gateway".into(), json!(gw.to_string()));
            }
            m.insert("dev".into(), json!(dev_name(sim, ns, nh.dev)));
        }
    }
    if show_table && r.table != TABLE_MAIN {
        m.insert("table".into(), json!(table_name(r.table)));
    }
    if r.proto != Proto::BOOT || details {
        m.insert("protocol".into(), json!(r.proto.name()));
    }
    if r.scope != Scope::Universe || details {
        m.insert("scope".into(), json!(r.scope.name()));
    }
    if let Some(src) = r.prefsrc {
        m.insert("prefsrc".into(), json!(src.to_string()));
    }
    if r.metric != 0 {
        m.insert("metric".into(), json!(r.metric));
    }
    let mut flags = Vec::new();
    if let Some(nh) = r.nexthops.first().filter(|_| !r.multipath) {
        if nh.onlink {
            flags.push("onlink");
        }
        if nh.linkdown {
            flags.push("linkdown");
        }
    }
    m.insert("flags".into(), json!(flags));
    if !r.metrics.is_empty() {
        m.insert("metrics".into(), super::route_metrics::json(&r.metrics));
    }
    if r.multipath {
        let nhs: Vec<Value> = r
            .nexthops
            .iter()
            .map(|nh| {
                let mut o = Map::new();
                if let Some(gw) = nh.gw {
                    o.insert("gateway".into(), json!(gw.to_string()));
                }
                o.insert("dev".into(), json!(dev_name(sim, ns, nh.dev)));
                o.insert("weight".into(), json!(nh.weight));
                let f: Vec<&str> = [(nh.onlink, "onlink"), (nh.linkdown, "linkdown")]
                    .iter()
                    .filter(|(b, _)| *b)
                    .map(|(_, n)| *n)
                    .collect();
                o.insert("flags".into(), json!(f));
                Value::Object(o)
            })
            .collect();
        m.insert("nexthops".into(), json!(nhs));
    }
    Value::Object(m)
}

/// A short description of a lookup result for traces.
pub fn route_summary(sim: &Sim, ns: NsId, res: &FibResult) -> String {
    format!(
        "{}(table {})",
        route_line(sim, ns, &res.route, Columns::default()),
        table_name(res.table)
    )
}
