//! `bridge fdb` on a vxlan device: the device's own table (`vxlan_fdb_add`,
//! `vxlan_fdb_delete`, `vxlan_fdb_update_existing`, `vxlan_fdb_dump` in
//! `drivers/net/vxlan/vxlan_core.c`), one row per remote.

use super::fail;
use crate::cmd::Output;
use crate::model::vxlan::{
    Rdst, VxFdbEntry, NUD_PERMANENT as PERMANENT, NUD_REACHABLE as REACHABLE,
};
use crate::model::{Device, IfIndex, NsId};
use crate::path::Sim;
use crate::wire::Mac;
use std::net::Ipv4Addr;

/// The vxlan attributes of one dump row (`vxlan_fdb_info`): the port and VNI only when they
/// differ from the device's, the remote's device, and the socket's namespace id when the
/// device has moved away from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VxRow {
    pub dst: Ipv4Addr,
    pub port: Option<u16>,
    pub vni: Option<u32>,
    pub via: Option<IfIndex>,
    pub netnsid: Option<u32>,
}

/// The rows of a vxlan device's table, entry by entry, remote by remote, as of `now`.
pub fn rows(sim: &Sim, ns: NsId, d: &Device) -> Vec<(Mac, u16, VxRow)> {
    let Some(v) = d.vxlan() else {
        return Vec::new();
    };
    let mut aged = v.clone();
    aged.age(sim.now());
    let (v, fdb) = (&aged, &aged.fdb);
    let netnsid = (v.sock_ns != ns)
        .then(|| sim.world.ns(ns).netnsids.get(&v.sock_ns).copied())
        .flatten();
    fdb.entries
        .iter()
        .flat_map(|e| {
            e.remotes.iter().map(move |r| {
                let row = VxRow {
                    dst: r.ip,
                    port: Some(v.rdst_port(r)).filter(|p| *p != v.dstport),
                    vni: Some(v.rdst_vni(r)).filter(|n| *n != v.vni),
                    via: r.ifindex,
                    netnsid,
                };
                (e.mac, e.state, row)
            })
        })
        .collect()
}

/// The vxlan words of a `bridge fdb add|append|replace|del` request.
#[derive(Debug, Default)]
pub struct VxReq {
    pub dst: Option<Ipv4Addr>,
    pub port: Option<u16>,
    pub vni: Option<u32>,
    pub via: Option<IfIndex>,
}

/// Reads the value of `dst`, `port`, `vni` or `via` (iproute2's `fdb_modify`).
pub fn parse_word(sim: &Sim, ns: NsId, req: &mut VxReq, word: &str, v: &str) -> Result<(), Output> {
    match word {
        "dst" => {
            req.dst = Some(v.parse().map_err(|_| {
                Output::err(
                    format!("Error: inet address is expected rather than \"{v}\"."),
                    1,
                )
            })?)
        }
        "port" => {
            req.port =
                Some(v.parse().map_err(|_| {
                    fail(format!("Error: argument \"{v}\" is wrong: invalid port\n"))
                })?)
        }
        "vni" => {
            req.vni = Some(
                v.parse::<u32>()
                    .ok()
                    .filter(|n| *n < 1 << 24)
                    .ok_or_else(|| {
                        fail(format!("Error: argument \"{v}\" is wrong: invalid VNI\n"))
                    })?,
            )
        }
        _ => {
            req.via = Some(
                sim.world
                    .ns(ns)
                    .ifindex_of(v)
                    .ok_or_else(|| fail(format!("Cannot find device \"{v}\"")))?,
            )
        }
    }
    Ok(())
}

fn rtnl(errno: &str) -> Output {
    fail(format!("RTNETLINK answers: {errno}"))
}

/// Whether `r` is the remote a request names (`vxlan_fdb_find_rdst`): the port and VNI
/// default to the device's, the device to none.
fn same(dflt: (u16, u32), r: &Rdst, q: &Rdst) -> bool {
    r.ip == q.ip
        && r.port.unwrap_or(dflt.0) == q.port.unwrap_or(dflt.0)
        && r.vni.unwrap_or(dflt.1) == q.vni.unwrap_or(dflt.1)
        && r.ifindex == q.ifindex
}

/// `vxlan_fdb_add` (`append`/`replace` flags) or `vxlan_fdb_delete` on device `dev`.
/// `state` is the request's `ndm_state`.
pub fn op(
    sim: &mut Sim,
    ns: NsId,
    dev: IfIndex,
    mac: Mac,
    state: u16,
    how: &str,
    q: &VxReq,
) -> Output {
    let now = sim.now();
    let Some(v) = sim
        .world
        .ns_mut(ns)
        .devices
        .get_mut(&dev)
        .and_then(Device::vxlan_mut)
    else {
        return rtnl("Operation not supported");
    };
    v.age(now);
    let dflt = (v.dstport, v.vni);
    let rd = q.dst.map(|ip| Rdst {
        ip,
        port: q.port,
        vni: q.vni,
        ifindex: q.via,
    });
    if how == "del" {
        let Some(pos) = v.fdb.entries.iter().position(|e| e.mac == mac) else {
            return rtnl("No such file or directory");
        };
        let f = &mut v.fdb.entries[pos];
        if let Some(rd) = rd {
            // No such remote: nothing is deleted, and no error either.
            let Some(i) = f.remotes.iter().position(|r| same(dflt, r, &rd)) else {
                return Output::default();
            };
            if f.remotes.len() > 1 {
                f.remotes.remove(i);
                return Output::default();
            }
        }
        v.fdb.entries.remove(pos);
        return Output::default();
    }
    // "RTM_NEWNEIGH with invalid state": neither permanent nor reachable.
    if state & (PERMANENT | REACHABLE) == 0 {
        return rtnl("Invalid argument");
    }
    let Some(rd) = rd.filter(|r| !r.ip.is_unspecified()) else {
        return rtnl("Invalid argument");
    };
    let new_state = state;
    let non_unicast = mac.is_multicast() || mac.is_zero();
    let rd_same = |f: &VxFdbEntry, r: &Rdst| f.remotes.iter().any(|x| same(dflt, x, r));
    let pos = v.fdb.entries.iter().position(|e| e.mac == mac);
    let Some(pos) = pos else {
        v.fdb.entries.insert(
            0,
            VxFdbEntry {
                mac,
                remotes: vec![rd],
                state: new_state,
                updated: now,
                learned: false,
            },
        );
        return Output::default();
    };
    // `vxlan_fdb_update_existing`: the state changes first, even if a replace is refused.
    if how == "add" {
        return rtnl("File exists");
    }
    let present = rd_same(&v.fdb.entries[pos], &rd);
    let f = &mut v.fdb.entries[pos];
    if f.state != new_state {
        f.state = new_state;
        f.updated = now;
    }
    f.learned = false;
    if how == "replace" && non_unicast {
        return fail("Error: Cannot replace non-unicast fdb entries.");
    }
    match how {
        "replace" => {
            if let Some(first) = f.remotes.first_mut() {
                *first = rd;
            }
        }
        // Only all-zeros and multicast entries take more remotes.
        _ if non_unicast && !present => f.remotes.push(rd),
        _ => {}
    }
    Output::default()
}
