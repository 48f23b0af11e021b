//! The end of a sandbox: its devices deleted while it is still running, then a wait for the
//! kernel's linkwatch to go idle.
//!
//! `linkwatch_nextevent` (net/core/link_watch.c) is one value for the whole machine: a
//! non-urgent run of link events anywhere holds back the next one everywhere by a second.
//! Left to `cleanup_net` after the sandbox exits, the deletion of its veths (each end's
//! `veth_close` turns the other's carrier off) would run linkwatch at an unknown moment,
//! //! possibly during the next scenario, whose first carrier events would then wait. Deleted
//! here, synchronously, their linkwatch run happens within a second, and holds back the next
//! for another: the sandbox waits both out before it exits, so the next one (of this process
//! or the next) starts with linkwatch idle, as the simulator does.

use crate::netns::{in_netns, list_named, NsName};
use futures::TryStreamExt;
use std::time::Duration;

/// How long linkwatch may hold back events after the last run: one second (HZ), and a margin.
const LINKWATCH_HOLD: Duration = Duration::from_millis(1100);

/// Deletes every device but `lo` (ifindex 1) in every namespace of the sandbox, then waits
/// twice [`LINKWATCH_HOLD`]: for the run of the link events that causes, and for the hold
/// after it. Errors are left out: a veth's peer is
/// gone with it, and nothing here changes what was compared.
pub fn teardown() {
    let mut names = vec![NsName::initial()];
    names.extend(list_named().unwrap_or_default().into_iter().map(|(n, _)| n));
    for ns in &names {
        let _ = in_netns(ns, delete_devices);
    }
    std::thread::sleep(2 * LINKWATCH_HOLD);
}

/// Deletes the calling thread's namespace's devices but `lo`, over rtnetlink.
fn delete_devices() {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    else {
        return;
    };
    rt.block_on(async {
        let Ok((conn, handle, _)) = rtnetlink::new_connection() else {
            return;
        };
        tokio::spawn(conn);
        let work = async {
            let links: Vec<_> = handle
                .link()
                .get()
                .execute()
                .try_collect()
                .await
                .unwrap_or_default();
            for l in links.iter().filter(|l| l.header.index != 1) {
                let _ = handle.link().del(l.header.index).execute().await;
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(10), work).await;
    });
}
