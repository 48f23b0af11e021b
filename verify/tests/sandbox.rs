//! The verifier's sandbox on the real machine: it refuses to run without root, and a SIGKILL
//! in the middle of a scenario leaves no namespace, mount, device or process behind.
//!
//! Needs root (CI runs as root), and nothing else creating namespaces on the machine at the
//! same time (the check compares the machine's list of network namespaces). Elsewhere these tests say why they cannot run and pass
//! vacuously; with `CI=true` they fail instead, so CI cannot skip them silently.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const VERIFY: &str = env!("CARGO_BIN_EXE_pathsim-verify");

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The tests compare the machine's namespaces before and after; one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// True when the test can run; false (after saying why) when it cannot. Panics under CI.
fn need_root(test: &str) -> bool {
    if is_root() {
        return true;
    }
    let why = format!("{test}: needs root to create namespaces; not run");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why} (CI=true)"
    );
    eprintln!("{why}");
    false
}

fn sh(cmd: &str) -> String {
    let o = Command::new("sh").arg("-c").arg(cmd).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the machine's own namespaces look like from outside the sandbox.
fn machine_view() -> (String, String, String, String) {
    (
        sh("lsns -t net -n -o NS | sort"),
        sh("ip -o link show | cut -d: -f2"),
        sh("cut -d' ' -f5 /proc/self/mountinfo | sort"),
        sh("ls /run/netns 2>/dev/null"),
    )
}

/// Processes whose command line matches `pattern`. The first character is put in brackets
/// so the regex does not match the `sh -c` that runs pgrep (whose line contains the pattern).
fn pids_matching(pattern: &str) -> Vec<String> {
    let (head, tail) = pattern.split_at(1);
    sh(&format!("pgrep -f -- '[{head}]{tail}' || true"))
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn sigkill_mid_run_leaves_nothing_behind() {
    if !need_root("sigkill_mid_run_leaves_nothing_behind") {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("pathsim-verify-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("long.sh");
    std::fs::write(
        &script,
        "ip netns add kill1\n\
         ip link add kv0 type veth peer name kv1\n\
         ip link set kv1 netns kill1\n\
         ip addr add 192.0.2.1/24 dev kv0\n\
         ip -n kill1 addr add 192.0.2.2/24 dev kv1\n\
         ip link set kv0 up\n\
         ip -n kill1 link set kv1 up\n\
         ip netns exec kill1 ping -c 40 -i 0.2 192.0.2.1\n",
    )
    .unwrap();
    let before = machine_view();
    let mut child = Command::new(VERIFY)
        .arg("run")
        .arg(&script)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pattern = "ping -c 40 -i 0.2 192.0.2.1";
    let started = Instant::now();
    while pids_matching(pattern).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the scenario's ping never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_ne!(
        machine_view().0,
        before.0,
        "the sandbox's namespaces should be visible while it runs"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = pids_matching(pattern).len() + pids_matching("pathsim-verify __sandbox").len();
        let now = machine_view();
        if left == 0 && now == before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after SIGKILL: {left} processes left; namespaces/links/mounts/netns before {before:?} after {now:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_root_it_says_what_it_needs_and_exits_2() {
    if !need_root("without_root_it_says_what_it_needs_and_exits_2") {
        return;
    }
    let o = Command::new("setpriv")
        .args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            VERIFY,
        ])
        .arg("scenarios")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("needs root"), "{err}");
}

#[test]
fn a_missing_tool_is_named_and_exits_2() {
    if !need_root("a_missing_tool_is_named_and_exits_2") {
        return;
    }
    let o = Command::new(VERIFY)
        .env("PATH", "/nonexistent")
        .arg("scenarios")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("needs these programs in PATH: setpriv, unshare, ip"),
        "{err}"
    );
}

#[test]
fn a_device_kind_the_kernel_lacks_is_skipped_not_passed() {
    if !need_root("a_device_kind_the_kernel_lacks_is_skipped_not_passed") {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("pathsim-verify-skip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("ipip.sh");
    std::fs::write(
        &script,
        "ip link add tun0 type ipip local 192.0.2.1 remote 192.0.2.2\nip link\n",
    )
    .unwrap();
    let o = Command::new(VERIFY).arg(&script).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let lacks = Command::new("unshare")
        .args(["--net", "ip", "link", "add", "t0", "type", "ipip"])
        .output()
        .unwrap();
    if String::from_utf8_lossy(&lacks.stderr).contains("Unknown device type") {
        assert!(
            out.contains("skipped") && out.contains("kernel lacks ipip"),
            "{out}"
        );
        assert!(out.contains("0 passed, 0 failed, 1 skipped"), "{out}");
        assert_eq!(o.status.code(), Some(0), "{out}");
    } else {
        eprintln!("this kernel has ipip; the skip path is not exercised here");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_background_listener_neither_holds_the_replay_nor_outlives_it() {
    if !need_root("a_background_listener_neither_holds_the_replay_nor_outlives_it") {
        return;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("pathsim-verify-bg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("background.sh");
    // `setsid -f` returns at once and leaves `sleep` in the background, holding the pipe the
    // verifier reads the command's output from.
    std::fs::write(&script, "setsid -f sleep 27\necho after\n").unwrap();
    let started = Instant::now();
    let out = Command::new(VERIFY)
        .arg("run")
        .arg(&script)
        .output()
        .unwrap();
    let took = started.elapsed();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        took < Duration::from_secs(15),
        "the replay waited for the background process ({took:?}): {report}"
    );
    assert!(
        pids_matching("sleep 27").is_empty(),
        "the background process outlived the sandbox"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bench_forward_without_root_says_what_it_needs_and_exits_2() {
    if !need_root("bench_forward_without_root_says_what_it_needs_and_exits_2") {
        return;
    }
    let o = Command::new("setpriv")
        .args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            VERIFY,
            "bench-forward",
            "--rules",
            "0",
            "--frames",
            "10",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("needs root"), "{err}");
}

/// The internal kernel side refuses to run anywhere but as PID 1 of its own sandbox (it
/// checks before touching anything), so it cannot be pointed at the machine's namespace.
#[test]
fn bench_forward_internal_side_refuses_outside_the_sandbox() {
    let o = Command::new(VERIFY)
        .args(["__bench-forward", "--rules", "0", "--frames", "10"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("internal"), "{err}");
}
