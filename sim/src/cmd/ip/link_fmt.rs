//! How `ip link` and `ip addr` print a device: the header lines (`print_linkinfo` in
//! iproute2's `ipaddress.c`), `-d` details, `-s` statistics, `-br` and `-j` forms.

use super::Opts;
use crate::model::{DevKind, DevRef, Device, IfIndex, NsId};
use crate::path::Sim;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// Facts about a device that its printed forms share.
pub struct LinkView {
    pub name_at: String,
    pub flags: Vec<&'static str>,
    pub operstate: &'static str,
    pub qdisc: &'static str,
    pub master: Option<String>,
    pub peer_index: Option<IfIndex>,
    pub peer_same_ns_name: Option<String>,
    pub link_netns: Option<Result<String, u32>>,
}

/// Computes the header facts of `dev` as iproute2 would print them.
pub fn view(sim: &Sim, ns: NsId, idx: IfIndex) -> Option<LinkView> {
    let w = &sim.world;
    let n = w.ns(ns);
    let d = n.devices.get(&idx)?;
    let r = DevRef { ns, ifindex: idx };
    // `dev_get_flags`: IFF_RUNNING from the operstate linkwatch stored, IFF_LOWER_UP from
    // the carrier bit itself; iproute2 prints NO-CARRIER for UP without RUNNING.
    let running = w.oper_running(r);
    let carrier = w.carrier(r);
    let mut flags = Vec::new();
    if d.admin_up && !running {
        flags.push("NO-CARRIER");
    }
    if d.is_loopback() {
        flags.push("LOOPBACK");
    } else {
        flags.push("BROADCAST");
        flags.push("MULTICAST");
        if d.noarp {
            flags.push("NOARP");
        }
    }
    if d.allmulti {
        flags.push("ALLMULTI");
    }
    if d.promisc {
        flags.push("PROMISC");
    }
    if d.admin_up {
        flags.push("UP");
        if carrier {
            flags.push("LOWER_UP");
        }
    }
    let peer = d.veth_peer();
    let (mut peer_index, mut peer_same_ns_name, mut link_netns) = (None, None, None);
    let mut mdown = false;
    if let Some(p) = peer {
        peer_index = Some(p.ifindex);
        if p.ns == ns {
            let pd = n.devices.get(&p.ifindex);
            peer_same_ns_name = pd.map(|x| x.name.clone());
            mdown = !pd.is_some_and(|x| x.admin_up);
        } else {
            let id = n.netnsids.get(&p.ns).copied().unwrap_or(0);
            link_netns = Some(
                match w
                    .netns
                    .get(p.ns)
                    .and_then(|x| x.as_ref())
                    .and_then(|x| x.name.clone())
                {
                    Some(name) => Ok(name),
                    None => Err(id),
                },
            );
        }
    }
    // A vxlan device moved away from its socket's namespace: IFLA_LINK is its own index,
    // with IFLA_LINK_NETNSID naming the socket's namespace.
    if let Some(v) = d.vxlan().filter(|v| v.sock_ns != ns) {
        peer_index = Some(idx);
        link_netns = Some(
            match w
                .netns
                .get(v.sock_ns)
                .and_then(|x| x.as_ref())
                .and_then(|x| x.name.clone())
            {
                Some(name) => Ok(name),
                None => Err(n.netnsids.get(&v.sock_ns).copied().unwrap_or(0)),
            },
        );
    }
    if mdown {
        flags.push("M-DOWN");
    }
    let name_at = match (&peer_same_ns_name, peer_index) {
        (Some(pn), _) => format!("{}@{}", d.name, pn),
        (None, Some(pi)) => format!("{}@if{}", d.name, pi),
        _ => d.name.clone(),
    };
    let operstate = w.operstate(r).name();

    let qdisc = if d.admin_up || d.qdisc_attached {
        "noqueue"
    } else {
        "noop"
    };
    let master = d
        .master
        .and_then(|m| n.devices.get(&m))
        .map(|m| m.name.clone());
    Some(LinkView {
        name_at,
        flags,
        operstate,
        qdisc,
        master,
        peer_index,
        peer_same_ns_name,
        link_netns,
    })
}

/// The two (or, with `-d`, more) lines of `ip link` / the head of `ip addr` for one device.
pub fn link_lines(sim: &Sim, ns: NsId, idx: IfIndex, link_mode: bool, opts: Opts) -> String {
    let Some(v) = view(sim, ns, idx) else {
        return String::new();
    };
    let d = &sim.world.ns(ns).devices[&idx];
    let mut s = String::new();
    let master = v
        .master
        .as_ref()
        .map(|m| format!("master {m} "))
        .unwrap_or_default();
    let mode = if link_mode { "mode DEFAULT " } else { "" };
    let _ = writeln!(
        s,
        "{}: {}: <{}> mtu {} qdisc {} {}state {} {}group {} qlen {}",
        idx,
        v.name_at,
        v.flags.join(","),
        d.mtu,
        v.qdisc,
        master,
        v.operstate,
        mode,
        group_name(d.group),
        d.txqlen
    );
    let (lt, brd) = if d.is_loopback() {
        ("loopback", "00:00:00:00:00:00")
    } else {
        ("ether", "ff:ff:ff:ff:ff:ff")
    };
    let _ = write!(s, "    link/{lt} {} brd {brd}", d.mac);
    match &v.link_netns {
        Some(Ok(name)) => {
            let _ = write!(s, " link-netns {name}");
        }
        Some(Err(id)) => {
            let _ = write!(s, " link-netnsid {id}");
        }
        None => {}
    }
    if opts.details {
        s.push_str(&details(sim, ns, idx, d, v.master.as_deref()));
    }
    if let Some(a) = &d.alias {
        let _ = write!(s, "\n    alias {a}");
    }
    s.push('\n');
    s
}

/// `rtnl_group_n2a` with the stock `/etc/iproute2/group`: 0 is `default`.
pub fn group_name(g: u32) -> String {
    if g == 0 {
        "default".into()
    } else {
        g.to_string()
    }
}

/// `ip -br link` line.
pub fn brief_line(sim: &Sim, ns: NsId, idx: IfIndex) -> String {
    let Some(v) = view(sim, ns, idx) else {
        return String::new();
    };
    let d = &sim.world.ns(ns).devices[&idx];
    format!(
        "{:<16} {:<14} {} <{}> ",
        v.name_at,
        v.operstate,
        d.mac,
        v.flags.join(",")
    )
}

/// The JSON object iproute2 prints for a link (`ip -j link`, and the head of `ip -j addr`).
pub fn link_json(
    sim: &Sim,
    ns: NsId,
    idx: IfIndex,
    link_mode: bool,
    opts: Opts,
) -> Map<String, Value> {
    let mut m = Map::new();
    let Some(v) = view(sim, ns, idx) else {
        return m;
    };
    let d = &sim.world.ns(ns).devices[&idx];
    m.insert("ifindex".into(), json!(idx));
    match (&v.peer_same_ns_name, v.peer_index) {
        (Some(pn), _) => {
            m.insert("link".into(), json!(pn));
        }
        (None, Some(pi)) => {
            m.insert("link_index".into(), json!(pi));
        }
        _ => {}
    }
    m.insert("ifname".into(), json!(d.name));
    m.insert("flags".into(), json!(v.flags));
    m.insert("mtu".into(), json!(d.mtu));
    m.insert("qdisc".into(), json!(v.qdisc));
    if let Some(ms) = &v.master {
        m.insert("master".into(), json!(ms));
    }
    m.insert("operstate".into(), json!(v.operstate));
    if link_mode {
        m.insert("linkmode".into(), json!("DEFAULT"));
    }
    m.insert("group".into(), json!(group_name(d.group)));
    m.insert("txqlen".into(), json!(d.txqlen));
    let (lt, brd) = if d.is_loopback() {
        ("loopback", "00:00:00:00:00:00")
    } else {
        ("ether", "ff:ff:ff:ff:ff:ff")
    };
    m.insert("link_type".into(), json!(lt));
    m.insert("address".into(), json!(d.mac.to_string()));
    m.insert("broadcast".into(), json!(brd));
    if let Some(l) = &v.link_netns {
        let id = match l {
            Ok(_) => v.peer_index.and_then(|_| d.veth_peer()).map_or(0, |p| {
                sim.world.ns(ns).netnsids.get(&p.ns).copied().unwrap_or(0)
            }),
            Err(id) => *id,
        };
        m.insert("link_netnsid".into(), json!(id));
    }
    if let Some(a) = &d.alias {
        m.insert("ifalias".into(), json!(a));
    }
    let _ = opts;
    m
}

/// iproute2's short MAC form in bridge ids (`8000.2:0:0:0:b:1`).
fn bridge_id(prio: u16, mac: Option<crate::wire::Mac>) -> String {
    let m = mac.map_or([0; 6], |m| m.0);
    let parts: Vec<String> = m.iter().map(|b| format!("{b:x}")).collect();
    format!("{prio:04x}.{}", parts.join(":"))
}

/// The `-d` part of a link: the rest of the link line, the kind's line and, for a bridge
/// port, the `bridge_slave` line, then the generic attributes. Timers print as 0.00.
fn details(sim: &Sim, ns: NsId, idx: IfIndex, d: &Device, master: Option<&str>) -> String {
    let mut s = String::new();
    let port = d.master.is_some();
    let (minmtu, maxmtu) = if d.is_loopback() { (0, 0) } else { (68, 65535) };
    // A bridge port is put in promiscuous and allmulti mode (br_add_if); the user's
    // flags count one more each (dev_change_flags → __dev_set_promiscuity).
    let _ = write!(
        s,
        " promiscuity {}  allmulti {} minmtu {minmtu} maxmtu {maxmtu} ",
        u32::from(port) + u32::from(d.promisc),
        u32::from(port) + u32::from(d.allmulti)
    );
    let timer = |name: &str, secs: f64| format!("{name} {secs:>7.2}");
    match &d.kind {
        DevKind::Veth { .. } => s.push_str("\n    veth "),
        DevKind::Bridge(b) => {
            let id = bridge_id(b.priority, (!b.ports.is_empty()).then_some(d.mac));
            let _ = write!(
                s,
                "\n    bridge forward_delay {} hello_time {} max_age {} ageing_time {} stp_state {} priority {} vlan_filtering 0 bridge_id {id} designated_root {id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 {} {} {} {} group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping {} no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ",
                b.forward_delay,
                b.hello_time,
                b.max_age,
                b.ageing_time,
                b.stp_state,
                b.priority,
                timer("hello_timer", 0.0),
                timer("tcn_timer", 0.0),
                timer("topology_change_timer", 0.0),
                timer("gc_timer", 0.0),
                u8::from(b.mcast_snooping),
            );
        }
        DevKind::Vxlan(v) => s.push_str(&super::link_vxlan::details(sim, ns, v)),
        DevKind::Loopback => {}
    }
    if let (Some(p), Some(_)) = (d.brport.as_ref(), master) {
        let on = |b: bool| if b { "on" } else { "off" };
        let br = d.master.and_then(|m| sim.world.ns(ns).devices.get(&m));
        let id = bridge_id(
            br.and_then(|b| b.bridge()).map_or(0x8000, |b| b.priority),
            br.map(|b| b.mac),
        );
        // The forward-delay timer runs from the moment the port started forwarding, even
        // with STP off (`br_make_forwarding`).
        let fwd_left = p.forwarding_since.map_or(0.0, |t| {
            let delay = br
                .and_then(|b| b.bridge())
                .map_or(1500, |b| b.forward_delay) as f64
                / 100.0;
            // The kernel reports whole clock ticks (1/100 s) left, rounded down.
            let left = (delay - sim.now().saturating_sub(t) as f64 / 1e9).max(0.0);
            (left * 100.0).floor() / 100.0
        });
        let state = crate::cmd::bridge::port_state(sim, ns, idx);
        let _ = write!(
            s,
            "\n    bridge_slave state {state} priority {} cost {} hairpin {} guard {} root_block {} fastleave {} learning {} flood {} port_id 0x{:04x} port_no 0x{:x} designated_port {} designated_cost 0 designated_bridge {id} designated_root {id} {} {} {} topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave {} mcast_flood {} bcast_flood {} mcast_to_unicast {} neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel {} isolated {} locked off ",
            p.priority,
            p.cost,
            on(p.hairpin),
            on(p.guard),
            on(p.root_block),
            on(p.fastleave),
            on(p.learning),
            on(p.flood),
            p.port_id(),
            p.port_no,
            p.port_id(),
            timer("hold_timer", 0.0),
            timer("message_age_timer", 0.0),
            timer("forward_delay_timer", fwd_left),
            on(p.fastleave),
            on(p.mcast_flood),
            on(p.bcast_flood),
            on(p.mcast_to_unicast),
            on(p.vlan_tunnel),
            on(p.isolated),
        );
    }
    // veth has one queue per CPU (2 on the verifier's machine); software devices one.
    let (queues, tso) = match &d.kind {
        DevKind::Veth { .. } => (2, 524280),
        DevKind::Loopback => (1, 524280),
        // A bridge takes the smallest TSO limit of its ports (`br_features_recompute`).
        DevKind::Bridge(b) if b.ports.is_empty() => (1, 65536),
        DevKind::Bridge(_) => (1, 524280),
        // `netif_inherit_tso_max` from the lower device, if one was given.
        DevKind::Vxlan(v) if v.lower.is_some() => (1, 524280),
        DevKind::Vxlan(_) => (1, 65536),
    };
    let _ = write!(
        s,
        "addrgenmode eui64 numtxqueues {queues} numrxqueues {queues} gso_max_size 65536 gso_max_segs 65535 tso_max_size {tso} tso_max_segs 65535 gro_max_size 65536 "
    );
    s
}

/// `ip -j -s link` counters: the `stats64` object (`print_stats64` in JSON), with the error
/// breakdowns and `carrier_changes` under `-s -s`.
pub fn stats_json(d: &Device, detailed: bool) -> Value {
    let st = &d.stats;
    let mut rx = json!({
        "bytes": st.rx_bytes, "packets": st.rx_packets, "errors": 0,
        "dropped": st.rx_dropped, "over_errors": 0, "multicast": 0,
    });
    let mut tx = json!({
        "bytes": st.tx_bytes, "packets": st.tx_packets, "errors": 0,
        "dropped": st.tx_dropped, "carrier_errors": 0, "collisions": 0,
    });
    if detailed {
        for k in [
            "length_errors",
            "crc_errors",
            "frame_errors",
            "fifo_errors",
            "missed_errors",
        ] {
            rx[k] = json!(0);
        }
        for k in [
            "aborted_errors",
            "fifo_errors",
            "window_errors",
            "heartbeat_errors",
        ] {
            tx[k] = json!(0);
        }
        tx["carrier_changes"] = json!(d.linkwatch.carrier_changes);
    }
    json!({ "rx": rx, "tx": tx })
}

/// `ip -s link` counters (`print_stats64`).
/// The `-s` lines; `detailed` (`-s -s`) adds the error breakdowns, all zero in pathsim.
pub fn stats_lines(d: &Device, detailed: bool) -> String {
    let st = &d.stats;
    let w = |v: u64, min: usize| min.max(v.to_string().len());
    let wb = w(st.rx_bytes.max(st.tx_bytes), 10);
    let wp = w(st.rx_packets.max(st.tx_packets), 7);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "    RX: {:>hb$} {:>wp$} {:>6} {:>7} {:>7} {:>7}           ",
        "bytes",
        "packets",
        "errors",
        "dropped",
        "missed",
        "mcast",
        hb = wb - 4
    );
    let _ = writeln!(
        s,
        "    {:>wb$} {:>wp$} {:>6} {:>7} {:>7} {:>7} ",
        st.rx_bytes, st.rx_packets, 0, st.rx_dropped, 0, 0
    );
    if detailed {
        s.push_str("    RX errors:  length    crc   frame    fifo overrun\n");
        let _ = writeln!(s, "    {:>18} {:>6} {:>7} {:>7} {:>7} ", 0, 0, 0, 0, 0);
    }
    let _ = writeln!(
        s,
        "    TX: {:>hb$} {:>wp$} {:>6} {:>7} {:>7} {:>7}           ",
        "bytes",
        "packets",
        "errors",
        "dropped",
        "carrier",
        "collsns",
        hb = wb - 4
    );
    let _ = writeln!(
        s,
        "    {:>wb$} {:>wp$} {:>6} {:>7} {:>7} {:>7} ",
        st.tx_bytes, st.tx_packets, 0, st.tx_dropped, 0, 0
    );
    if detailed {
        s.push_str("    TX errors: aborted   fifo  window heartbt transns\n");
        let _ = writeln!(
            s,
            "    {:>18} {:>6} {:>7} {:>7} {:>7} ",
            0, 0, 0, 0, d.linkwatch.carrier_changes
        );
    }
    s
}
