//! Kernel state over rtnetlink into [`pathsim::state`], the structures the simulator exports.
//!
//! One dump per message type, each on a tokio current-thread runtime and an rtnetlink socket
//! opened on the calling thread, so it sees that thread's network namespace:
//! `RTM_GETLINK` (`rtnl_fill_ifinfo`), `RTM_GETADDR` `AF_INET` (`inet_fill_ifaddr`),
//! `RTM_GETROUTE` `AF_INET` over every table (`fib_dump_info`), `RTM_GETRULE` `AF_INET`
//! (`fib_nl_fill_rule`), `RTM_GETNEIGH` `AF_INET` (`neigh_fill_info`, and with `NTF_PROXY`
//! `pneigh_fill_info`) and `RTM_GETNEIGH` `AF_BRIDGE` (`rtnl_fdb_dump`: `br_fdb_fill_info` and
//! the devices' own address lists of `ndo_dflt_fdb_dump`). Names are resolved within the
//! namespace, every list is sorted as [`pathsim::state`] documents it.

use futures::{Stream, TryStreamExt};
use pathsim::state::{NsState, Snapshot};
use rtnetlink::packet_route::{link::LinkAttribute, route::RouteMessage, AddressFamily};
use rtnetlink::{Handle, IpVersion};
use std::io;

use crate::netns::{in_netns, list_named, NsName};

/// Why a namespace could not be dumped.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot start a tokio runtime: {0}")]
    Runtime(#[source] io::Error),
    #[error("cannot open an rtnetlink socket: {0}")]
    Socket(#[source] io::Error),
    #[error("{what} dump failed: {source}")]
    Dump {
        what: &'static str,
        #[source]
        source: rtnetlink::Error,
    },
    #[error("the dumps did not finish within {} s", DUMP_TIMEOUT.as_secs())]
    TimedOut,
    #[error("cannot list the named namespaces: {0}")]
    List(#[source] io::Error),
    #[error("cannot enter network namespace {ns:?}: {source}")]
    Netns {
        ns: String,
        #[source]
        source: io::Error,
    },
}

/// The longest one namespace's dumps may take: a dump whose last message never arrives
/// (netlink-proto drops messages it cannot decode) must not hang the scenario.
const DUMP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Every namespace of the sandbox: the calling thread's own, named `""`, and each one under
/// `/run/netns`, sorted by name.
pub fn snapshot_all() -> Result<Snapshot, SnapshotError> {
    let mut names = vec![NsName::initial()];
    names.extend(
        list_named()
            .map_err(SnapshotError::List)?
            .into_iter()
            .map(|(n, _)| n),
    );
    let mut namespaces = names
        .iter()
        .map(snapshot_ns)
        .collect::<Result<Vec<_>, _>>()?;
    namespaces.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Snapshot { namespaces })
}

/// Namespace `ns`, dumped from a thread that entered it ([`in_netns`]).
pub fn snapshot_ns(ns: &NsName) -> Result<NsState, SnapshotError> {
    let name = ns.0.clone();
    in_netns(ns, move || snapshot_current(&name)).map_err(|source| SnapshotError::Netns {
        ns: ns.0.clone(),
        source,
    })?
}

/// The namespace of the calling thread, named `name`.
pub fn snapshot_current(name: &str) -> Result<NsState, SnapshotError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(SnapshotError::Runtime)?;
    rt.block_on(async {
        // The socket is opened here, on this thread: it belongs to this thread's namespace.
        let (conn, handle, _) = rtnetlink::new_connection().map_err(SnapshotError::Socket)?;
        tokio::spawn(conn);
        tokio::time::timeout(DUMP_TIMEOUT, dump(name, &handle))
            .await
            .map_err(|_| SnapshotError::TimedOut)?
    })
}

async fn collect<T>(
    what: &'static str,
    s: impl Stream<Item = Result<T, rtnetlink::Error>>,
) -> Result<Vec<T>, SnapshotError> {
    s.try_collect()
        .await
        .map_err(|source| SnapshotError::Dump { what, source })
}

async fn dump(name: &str, h: &Handle) -> Result<NsState, SnapshotError> {
    let links = collect("RTM_GETLINK", h.link().get().execute()).await?;
    let names = Names(
        links
            .iter()
            .filter_map(|m| {
                m.attributes.iter().find_map(|a| match a {
                    LinkAttribute::IfName(n) => Some((m.header.index, n.clone())),
                    _ => None,
                })
            })
            .collect(),
    );

    let mut req = h.address().get();
    req.message_mut().header.family = AddressFamily::Inet;
    let addrs = collect("RTM_GETADDR", req.execute()).await?;

    let mut msg = RouteMessage::default();
    msg.header.address_family = AddressFamily::Inet;
    let routes = collect("RTM_GETROUTE", h.route().get(msg).execute()).await?;

    let rules = collect("RTM_GETRULE", h.rule().get(IpVersion::V4).execute()).await?;

    let neigh = h.neighbours().get().set_address_family(AddressFamily::Inet);
    let mut neighbours = collect("RTM_GETNEIGH", neigh.execute()).await?;
    // `neigh_dump_info` dumps the proxy table instead when `ndm_flags` is exactly NTF_PROXY.
    let proxy = h.neighbours().get().set_address_family(AddressFamily::Inet);
    neighbours.extend(collect("RTM_GETNEIGH proxy", proxy.proxies().execute()).await?);

    let fdb = h
        .neighbours()
        .get()
        .set_address_family(AddressFamily::Bridge);
    let fdb = collect("RTM_GETNEIGH AF_BRIDGE", fdb.execute()).await?;

    let mut s = NsState {
        name: name.to_string(),
        links: links.iter().map(|m| link(m, &names)).collect(),
        addrs: addrs.into_iter().filter_map(|m| addr(m, &names)).collect(),
        routes: routes
            .into_iter()
            .filter_map(|m| route(m, &names))
            .collect(),
        rules: rules.into_iter().filter_map(rule).collect(),
        neighbours: neighbours
            .into_iter()
            .filter_map(|m| neighbour(m, &names))
            .collect(),
        fdb: fdb
            .into_iter()
            .filter_map(|m| fdb_entry(m, &names))
            .collect(),
    };
    s.links.sort();
    s.addrs.sort();
    s.routes.sort();
    s.rules.sort();
    s.neighbours.sort();
    s.fdb.sort();
    Ok(s)
}

mod convert;
#[cfg(test)]
mod tests;

use convert::{addr, fdb_entry, link, neighbour, route, rule, Names};
