//! Per-namespace and per-device knobs under `/proc/sys/net`, with this kernel's defaults.
//!
//! Defaults were measured on Linux 6.18 in a fresh namespace. How "all" and the device's own
//! value combine follows `include/linux/inetdevice.h` (`IN_DEV_ORCONF`, `IN_DEV_MAXCONF`,
//! `IN_DEV_ANDCONF`, and `IN_DEV_FORWARD`, which reads the device's value alone).

use serde::Serialize;

/// `struct ipv4_devconf` fields the model uses (`net.ipv4.conf.{all,default,DEV}.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DevConf {
    pub forwarding: i64,
    pub rp_filter: i64,
    pub proxy_arp: i64,
    pub proxy_arp_pvlan: i64,
    pub arp_ignore: i64,
    pub arp_announce: i64,
    pub arp_filter: i64,
    pub arp_accept: i64,
    pub send_redirects: i64,
    pub accept_redirects: i64,
    pub accept_local: i64,
    pub route_localnet: i64,
    pub medium_id: i64,
    pub log_martians: i64,
    pub promote_secondaries: i64,
}

impl Default for DevConf {
    fn default() -> Self {
        DevConf {
            forwarding: 0,
            rp_filter: 0,
            proxy_arp: 0,
            proxy_arp_pvlan: 0,
            arp_ignore: 0,
            arp_announce: 0,
            arp_filter: 0,
            arp_accept: 0,
            send_redirects: 1,
            accept_redirects: 1,
            accept_local: 0,
            route_localnet: 0,
            medium_id: 0,
            log_martians: 0,
            promote_secondaries: 0,
        }
    }
}

/// Names of the `DevConf` keys, in `ls /proc/sys/net/ipv4/conf/DEV` order of those modelled.
pub const DEVCONF_KEYS: &[&str] = &[
    "accept_local",
    "accept_redirects",
    "arp_accept",
    "arp_announce",
    "arp_filter",
    "arp_ignore",
    "forwarding",
    "log_martians",
    "medium_id",
    "promote_secondaries",
    "proxy_arp",
    "proxy_arp_pvlan",
    "route_localnet",
    "rp_filter",
    "send_redirects",
];

impl DevConf {
    /// The field named by a `net.ipv4.conf.X.<key>` key.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut i64> {
        Some(match key {
            "forwarding" => &mut self.forwarding,
            "rp_filter" => &mut self.rp_filter,
            "proxy_arp" => &mut self.proxy_arp,
            "proxy_arp_pvlan" => &mut self.proxy_arp_pvlan,
            "arp_ignore" => &mut self.arp_ignore,
            "arp_announce" => &mut self.arp_announce,
            "arp_filter" => &mut self.arp_filter,
            "arp_accept" => &mut self.arp_accept,
            "send_redirects" => &mut self.send_redirects,
            "accept_redirects" => &mut self.accept_redirects,
            "accept_local" => &mut self.accept_local,
            "route_localnet" => &mut self.route_localnet,
            "medium_id" => &mut self.medium_id,
            "log_martians" => &mut self.log_martians,
            "promote_secondaries" => &mut self.promote_secondaries,
            _ => return None,
        })
    }

    /// Read-only form of [`DevConf::field_mut`].
    pub fn field(&self, key: &str) -> Option<i64> {
        self.clone().field_mut(key).map(|v| *v)
    }
}

/// `struct neigh_parms` (`net.ipv4.neigh.{default,DEV}.*`); times in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeighParms {
    pub base_reachable_time_ms: i64,
    pub retrans_time_ms: i64,
    pub delay_first_probe_time_s: i64,
    pub gc_stale_time_s: i64,
    pub mcast_solicit: i64,
    pub ucast_solicit: i64,
    pub app_solicit: i64,
    pub mcast_resolicit: i64,
    /// In USER_HZ (centiseconds) as the sysctl shows it: 80 = 800 ms.
    pub proxy_delay: i64,
    pub proxy_qlen: i64,
    pub unres_qlen_bytes: i64,
    /// In USER_HZ: 100 = 1 s.
    pub locktime: i64,
}

impl Default for NeighParms {
    fn default() -> Self {
        NeighParms {
            base_reachable_time_ms: 30_000,
            retrans_time_ms: 1_000,
            delay_first_probe_time_s: 5,
            gc_stale_time_s: 60,
            mcast_solicit: 3,
            ucast_solicit: 3,
            app_solicit: 0,
            mcast_resolicit: 0,
            proxy_delay: 80,
            proxy_qlen: 64,
            unres_qlen_bytes: 212_992,
            locktime: 100,
        }
    }
}

impl NeighParms {
    /// The field named by a `net.ipv4.neigh.X.<key>` key.
    pub fn field_mut(&mut self, key: &str) -> Option<&mut i64> {
        Some(match key {
            "base_reachable_time_ms" => &mut self.base_reachable_time_ms,
            "retrans_time_ms" => &mut self.retrans_time_ms,
            "delay_first_probe_time" => &mut self.delay_first_probe_time_s,
            "gc_stale_time" => &mut self.gc_stale_time_s,
            "mcast_solicit" => &mut self.mcast_solicit,
            "ucast_solicit" => &mut self.ucast_solicit,
            "app_solicit" => &mut self.app_solicit,
            "mcast_resolicit" => &mut self.mcast_resolicit,
            "proxy_delay" => &mut self.proxy_delay,
            "proxy_qlen" => &mut self.proxy_qlen,
            "unres_qlen_bytes" => &mut self.unres_qlen_bytes,
            "locktime" => &mut self.locktime,
            _ => return None,
        })
    }
}

/// Namespace-wide IPv4 knobs (`net.ipv4.*`) and the `conf/all`, `conf/default` and
/// `neigh/default` sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetSysctl {
    pub ip_forward: i64,
    pub ip_default_ttl: i64,
    pub icmp_ratelimit: i64,
    pub icmp_ratemask: i64,
    pub icmp_msgs_per_sec: i64,
    pub icmp_msgs_burst: i64,
    pub icmp_echo_ignore_all: i64,
    pub icmp_echo_ignore_broadcasts: i64,
    pub conf_all: DevConf,
    pub conf_default: DevConf,
    pub neigh_default: NeighParms,
    /// `net.bridge.bridge-nf-call-iptables`; the key exists once br_netfilter is in use.
    pub bridge_nf_call_iptables: i64,
    /// `net.ipv6.conf.all.disable_ipv6` and `net.ipv6.conf.default.disable_ipv6`.
    pub ipv6_disable_all: i64,
    pub ipv6_disable_default: i64,
    /// `net.ipv4.ip_local_port_range`: the ephemeral ports `connect` picks from.
    pub ip_local_port_range: (u16, u16),
}

impl Default for NetSysctl {
    fn default() -> Self {
        NetSysctl {
            ip_forward: 0,
            ip_default_ttl: 64,
            icmp_ratelimit: 1000,
            icmp_ratemask: 6168,
            icmp_msgs_per_sec: 1000,
            icmp_msgs_burst: 50,
            icmp_echo_ignore_all: 0,
            icmp_echo_ignore_broadcasts: 1,
            conf_all: DevConf::default(),
            conf_default: DevConf::default(),
            neigh_default: NeighParms::default(),
            bridge_nf_call_iptables: 1,
            ipv6_disable_all: 0,
            ipv6_disable_default: 0,
            ip_local_port_range: (32768, 60999),
        }
    }
}

impl NetSysctl {
    /// A namespace-wide `net.ipv4.<key>` value.
    pub fn global_mut(&mut self, key: &str) -> Option<&mut i64> {
        Some(match key {
            "ip_forward" => &mut self.ip_forward,
            "ip_default_ttl" => &mut self.ip_default_ttl,
            "icmp_ratelimit" => &mut self.icmp_ratelimit,
            "icmp_ratemask" => &mut self.icmp_ratemask,
            "icmp_msgs_per_sec" => &mut self.icmp_msgs_per_sec,
            "icmp_msgs_burst" => &mut self.icmp_msgs_burst,
            "icmp_echo_ignore_all" => &mut self.icmp_echo_ignore_all,
            "icmp_echo_ignore_broadcasts" => &mut self.icmp_echo_ignore_broadcasts,
            _ => return None,
        })
    }
}

/// How a device's effective value is combined with `conf/all` (`IN_DEV_*CONF`).
pub fn or_conf(all: i64, dev: i64) -> bool {
    all != 0 || dev != 0
}

/// `IN_DEV_MAXCONF`.
pub fn max_conf(all: i64, dev: i64) -> i64 {
    all.max(dev)
}

/// `IN_DEV_ANDCONF`.
pub fn and_conf(all: i64, dev: i64) -> bool {
    all != 0 && dev != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_has_a_field() {
        let mut c = DevConf::default();
        for k in DEVCONF_KEYS {
            assert!(c.field_mut(k).is_some(), "{k}");
        }
        assert!(c.field_mut("nope").is_none());
    }

    #[test]
    fn fresh_namespace_defaults_match_the_kernel() {
        let s = NetSysctl::default();
        assert_eq!(s.ip_forward, 0);
        assert_eq!(s.conf_all.send_redirects, 1);
        assert_eq!(s.neigh_default.proxy_delay, 80);
        assert_eq!(s.neigh_default.retrans_time_ms, 1000);
        assert_eq!(s.icmp_msgs_burst, 50);
    }

    #[test]
    fn combinators() {
        assert!(or_conf(0, 1) && or_conf(1, 0) && !or_conf(0, 0));
        assert_eq!(max_conf(1, 2), 2);
        assert!(!and_conf(1, 0) && and_conf(1, 1));
    }
}
