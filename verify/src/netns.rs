//! Running code inside a named network namespace of the sandbox.
//!
//! A netlink socket, an AF_PACKET socket and `/proc/sys/net` all belong to the namespace of
//! the *thread* that opened them, and `setns` moves only the calling thread. So everything
//! that looks into a namespace runs on a thread of its own that entered it first.

use nix::sched::{setns, CloneFlags};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Where `ip netns add` bind-mounts named namespaces.
pub const NETNS_RUN_DIR: &str = "/run/netns";

/// A namespace of the script: `None` is the sandbox's own (the script's initial namespace).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NsName(pub String);

impl NsName {
    /// The initial namespace, named `""` as in [`pathsim::state::NsState::name`].
    pub fn initial() -> Self {
        NsName(String::new())
    }

    /// The file to `setns` into, or `None` for the initial namespace.
    pub fn path(&self) -> Option<PathBuf> {
        (!self.0.is_empty()).then(|| Path::new(NETNS_RUN_DIR).join(&self.0))
    }
}

/// `NSFS_MAGIC` from `include/uapi/linux/magic.h`.
const NSFS_MAGIC: i64 = 0x6e73_6673;

/// Runs `f` on a new thread that has entered namespace `ns` and returns its result.
pub fn in_netns<T: Send + 'static>(
    ns: &NsName,
    f: impl FnOnce() -> T + Send + 'static,
) -> io::Result<T> {
    let file = match ns.path() {
        Some(p) => Some(File::open(&p)?),
        None => None,
    };
    std::thread::spawn(move || -> io::Result<T> {
        if let Some(file) = file {
            setns(&file, CloneFlags::CLONE_NEWNET).map_err(io::Error::from)?;
        }
        Ok(f())
    })
    .join()
    .map_err(|_| io::Error::other("namespace thread panicked"))?
}

/// The named namespaces under `/run/netns`, sorted, each with the inode that identifies it
/// (a name deleted and added again gets a new inode).
pub fn list_named() -> io::Result<Vec<(NsName, u64)>> {
    use std::os::unix::fs::MetadataExt;
    let mut v = Vec::new();
    let dir = match std::fs::read_dir(NETNS_RUN_DIR) {
        Ok(d) => d,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(v),
        Err(e) => return Err(e),
    };
    for entry in dir {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only a bind-mounted namespace counts, not a placeholder file that `ip netns add`
        // has created but not mounted yet.
        let path = entry.path();
        let is_nsfs = nix::sys::statfs::statfs(&path)
            .map(|s| s.filesystem_type().0 == NSFS_MAGIC)
            .unwrap_or(false);
        if is_nsfs {
            v.push((NsName(name), std::fs::metadata(&path)?.ino()));
        }
    }
    v.sort();
    Ok(v)
}
