//! Route metrics (`RTA_METRICS`): `ip route add … mtu [lock] N advmss N …` as iproute2
//! parses them (`iproute_modify`), as the kernel stores them (`ip_metrics_convert`) and as
//! `print_rta_metrics` prints them.

use super::{invarg_nl, next_arg};
use crate::cmd::Output;
use crate::model::fib::{parse_u32, RouteMetric};
use serde_json::{Map, Value};
use std::fmt::Write;

/// The metrics pathsim stores: (`RTAX_*`, name, iproute2's word for an invalid value).
/// The time-valued ones (`rtt`, `rttvar`, `rto_min`), `features`, `quickack` and
/// `congctl` are not modelled.
const METRICS: &[(u8, &str, &str)] = &[
    (2, "mtu", "mtu"),
    (3, "window", "window"),
    (6, "ssthresh", "ssthresh"),
    (7, "cwnd", "cwnd"),
    (8, "advmss", "mss"),
    (9, "reordering", "reordering"),
    (10, "hoplimit", "hoplimit"),
    (11, "initcwnd", "initcwnd"),
    (14, "initrwnd", "initrwnd"),
];

/// Words iproute2 takes as metrics that pathsim does not model.
pub const UNMODELLED_METRICS: &[&str] = &[
    "rtt",
    "rttvar",
    "rto_min",
    "features",
    "quickack",
    "congctl",
    "fastopen_no_cookie",
];

/// Parses `NAME [lock] VALUE` at `args[*i]` if it names a metric; `None` otherwise.
pub fn parse(args: &[String], i: &mut usize) -> Option<Result<RouteMetric, Output>> {
    let &(rtax, _, word) = METRICS.iter().find(|m| m.1 == args[*i])?;
    Some((|| {
        let mut v = next_arg(args, i)?;
        let lock = v == "lock";
        if lock {
            v = next_arg(args, i)?;
        }
        let bad = || invarg_nl(v, &format!("\"{word}\" value is invalid"));
        let value: u32 = parse_u32(v).ok_or_else(bad)?;
        if rtax == 10 && value > 255 {
            return Err(bad());
        }
        Ok(RouteMetric {
            rtax,
            lock,
            value: clamp(rtax, value),
        })
    })())
}

/// `ip_metrics_convert`'s caps: advmss at 65535 − 40, mtu at 65535 − 15.
fn clamp(rtax: u8, value: u32) -> u32 {
    match rtax {
        8 => value.min(65535 - 40),
        2 => value.min(65535 - 15),
        _ => value,
    }
}

/// Adds a parsed metric in `RTAX_*` order (the kernel keeps an array); a later value of
/// the same metric replaces the earlier one, and a zero one is not stored.
pub fn insert(metrics: &mut Vec<RouteMetric>, m: RouteMetric) {
    metrics.retain(|x| x.rtax != m.rtax);
    if m.value != 0 {
        let at = metrics
            .iter()
            .position(|x| x.rtax > m.rtax)
            .unwrap_or(metrics.len());
        metrics.insert(at, m);
    }
}

/// `print_rta_metrics` in text: `mtu lock 1300 advmss 1200 `.
pub fn text(metrics: &[RouteMetric]) -> String {
    let mut s = String::new();
    for m in metrics {
        let Some((_, name, _)) = METRICS.iter().find(|x| x.0 == m.rtax) else {
            continue;
        };
        let _ = write!(
            s,
            "{name} {}{} ",
            if m.lock { "lock " } else { "" },
            m.value
        );
    }
    s
}

/// `print_rta_metrics` in JSON: `"metrics":[{"mtu":1300,…}]`.
pub fn json(metrics: &[RouteMetric]) -> Value {
    let mut o = Map::new();
    for m in metrics {
        if let Some((_, name, _)) = METRICS.iter().find(|x| x.0 == m.rtax) {
            o.insert((*name).into(), m.value.into());
        }
    }
    Value::Array(vec![Value::Object(o)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn lock_values_caps_and_order() {
        let mut ms = Vec::new();
        for spec in ["advmss 1200", "mtu lock 1300", "mtu 70000"] {
            let a = words(spec);
            let mut i = 0;
            insert(&mut ms, parse(&a, &mut i).unwrap().unwrap());
            assert_eq!(i, a.len() - 1);
        }
        assert_eq!(text(&ms), "mtu 65520 advmss 1200 ");
        let a = words("mtu lock 1300");
        let mut i = 0;
        insert(&mut ms, parse(&a, &mut i).unwrap().unwrap());
        assert_eq!(text(&ms), "mtu lock 1300 advmss 1200 ");
        assert!(parse(&words("via 1.2.3.4"), &mut 0).is_none());
        let e = parse(&words("hoplimit 300"), &mut 0).unwrap().unwrap_err();
        assert!(e.stderr.contains("\"hoplimit\" value is invalid"));
        let e = parse(&words("advmss x"), &mut 0).unwrap().unwrap_err();
        assert!(e.stderr.contains("\"mss\" value is invalid"));
    }
}
