//! The throw-away sandbox the real tools run in.
//!
//! `pathsim-verify` never changes the machine it runs on. Each scenario runs in a child
//! started as
//!
//! ```text
//! setpriv --pdeathsig KILL -- unshare --net --mount --pid --fork --kill-child \
//!     --propagation private --mount-proc  pathsim-verify __sandbox FILE
//! ```
//!
//! so the scenario's "host" is a fresh network namespace, `/` is private to it, and the
//! child is PID 1 of a new PID namespace. When the verifier dies, even by SIGKILL, the
//! death signals chain down (`setpriv` → `unshare` → PID 1), the kernel kills every process
//! in the PID namespace, and with the last process the mount namespace (with the `/run/netns`
//! bind mounts) and every network namespace and device the script made are freed.
//! [`enter`] then, inside, mounts a tmpfs over `/run` (so `ip netns` and the iptables lock
//! live in the sandbox), a fresh sysfs (so `/sys/class/net` shows the sandbox's devices),
//! and makes `/proc/sys` read-only except `/proc/sys/net`: only the sandbox's own network
//! namespaces have writable sysctls (global `net.core` keys are not even visible there).

use nix::mount::{mount, MsFlags};
use std::path::Path;
use std::process::{Command, Stdio};

/// Programs the verifier itself needs, besides those a scenario runs.
pub const REQUIRED_TOOLS: &[&str] = &["setpriv", "unshare", "ip", "bridge", "sysctl", "ping"];

/// Why the verifier cannot run here at all (exit 2).
pub fn preflight() -> Result<(), String> {
    if !nix::unistd::geteuid().is_root() {
        return Err(
            "pathsim-verify needs root: it creates network namespaces to run the real \
                    tools in (nothing outside its own sandbox is changed); run it with sudo"
                .into(),
        );
    }
    let missing: Vec<&str> = REQUIRED_TOOLS
        .iter()
        .copied()
        .filter(|t| find_in_path(t).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "pathsim-verify needs these programs in PATH: {} (Debian: apt-get install \
             iproute2 iputils-ping procps util-linux)",
            missing.join(", ")
        ));
    }
    Ok(())
}

/// The full path of `tool` in `PATH`.
pub fn find_in_path(tool: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// The command that runs `pathsim-verify __sandbox FILE` in a fresh sandbox.
pub fn sandbox_command(file: &Path) -> std::io::Result<Command> {
    let mut c = sandbox_args(&["__sandbox"])?;
    c.arg(file);
    Ok(c)
}

/// The command that runs `pathsim-verify ARGS…` (an internal subcommand that calls
/// [`enter`] first) in a fresh sandbox, stdout and stderr piped.
pub fn sandbox_args(args: &[&str]) -> std::io::Result<Command> {
    let exe = std::env::current_exe()?;
    let mut c = Command::new("setpriv");
    c.args(["--pdeathsig", "KILL", "--", "unshare"])
        .args(["--net", "--mount", "--pid", "--fork", "--kill-child"])
        .args(["--propagation", "private", "--mount-proc"])
        .arg(exe)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    Ok(c)
}

/// Inside the sandbox, before the first command: the mounts described in the module docs.
/// Refuses to run anywhere but as PID 1 of a new PID namespace.
pub fn enter() -> Result<(), String> {
    if std::process::id() != 1 {
        return Err(
            "__sandbox is internal: pathsim-verify starts it in a new PID, mount and \
                    network namespace"
                .into(),
        );
    }
    let nodev = MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
    let step = |what: &str, r: nix::Result<()>| r.map_err(|e| format!("sandbox: {what}: {e}"));
    step(
        "tmpfs on /run",
        mount(
            Some("tmpfs"),
            "/run",
            Some("tmpfs"),
            nodev,
            Some("mode=755"),
        ),
    )?;
    std::fs::create_dir_all("/run/netns").map_err(|e| format!("sandbox: /run/netns: {e}"))?;
    step(
        "sysfs on /sys",
        mount(
            Some("sysfs"),
            "/sys",
            Some("sysfs"),
            nodev | MsFlags::MS_NOEXEC,
            None::<&str>,
        ),
    )?;
    let bind = |p: &str, ro: bool| -> nix::Result<()> {
        mount(Some(p), p, None::<&str>, MsFlags::MS_BIND, None::<&str>)?;
        let mut f = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | nodev;
        if ro {
            f |= MsFlags::MS_RDONLY;
        }
        mount(None::<&str>, p, None::<&str>, f, None::<&str>)
    };
    step("/proc/sys read-only", bind("/proc/sys", true))?;
    step("/proc/sys/net writable", bind("/proc/sys/net", false))?;
    Ok(())
}
