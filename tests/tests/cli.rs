//! The `pathsim` binary as a user runs it: transcripts, `file:line:col` errors and exit codes,
//! the `check` summary line, and pcapng files that `tshark` reads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Two namespaces joined by a veth pair, one ping across.
const VETH_PING: &str = "\
ip netns add ns1
ip netns add ns2
ip link add veth1 type veth peer name veth2
ip link set veth1 netns ns1
ip link set veth2 netns ns2
ip netns exec ns1 ip addr add 10.0.0.1/24 dev veth1
ip netns exec ns2 ip addr add 10.0.0.2/24 dev veth2
ip netns exec ns1 ip link set veth1 up
ip netns exec ns2 ip link set veth2 up
ip netns exec ns1 ping -c 1 10.0.0.2
#> 1 packets transmitted, 1 received
";

/// The `pathsim` binary, built once per test process.
///
/// Cargo gives `CARGO_BIN_EXE_<name>` only to the integration tests of the package that owns
/// the binary, and artifact dependencies are unstable, so from this package the robust way is
/// to ask cargo for it: `cargo build -p pathsim --bin pathsim` with the cargo, profile and
/// target directory of this very test binary (`<target>/<profile>/deps/cli-…`). Under
/// `cargo test --workspace` that build is up to date or nearly so, and
/// `--message-format=json` reports the executable's exact path instead of a guessed one.
fn pathsim() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary under <target>/<profile>/deps");
        let target_dir = profile_dir.parent().expect("profile directory in a target");
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => "dev",
            Some(name) => name,
            None => panic!("unexpected profile directory {}", profile_dir.display()),
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .args(["build", "--quiet", "--message-format=json"])
            .args(["-p", "pathsim", "--bin", "pathsim", "--profile", profile])
            .arg("--target-dir")
            .arg(target_dir)
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "cargo build -p pathsim failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "pathsim")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the pathsim executable")
    })
}

/// A fresh directory for one test, under cargo's scratch space for integration tests.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("old scratch directory removed");
    }
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn write(dir: &Path, name: &str, src: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, src).expect("script written");
    path
}

fn run_pathsim(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(pathsim())
        .args(args)
        .output()
        .expect("pathsim runs");
    (
        status.code(),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

#[test]
fn run_prints_each_command_and_its_output() {
    let dir = scratch("run");
    let file = write(&dir, "veth.sh", VETH_PING);
    let (code, out, err) = run_pathsim(&["run".as_ref(), file.as_os_str()]);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("$ ")).collect();
    assert_eq!(commands.len(), 10, "{out}");
    assert_eq!(commands[0], "$ ip netns add ns1");
    assert_eq!(commands[9], "$ ip netns exec ns1 ping -c 1 10.0.0.2");
    assert!(
        out.contains("64 bytes from 10.0.0.2: icmp_seq=1 ttl=64"),
        "{out}"
    );
}

#[test]
fn parse_error_names_the_position_and_exits_2() {
    let dir = scratch("parse-error");
    let file = write(&dir, "bad.sh", "ip netns add ns1\nip link | grep veth\n");
    let (code, out, err) = run_pathsim(&["run".as_ref(), file.as_os_str()]);
    assert_eq!(code, Some(2), "stdout:\n{out}\nstderr:\n{err}");
    let expected = format!("{}:2:9: pipe '|' is not supported", file.display());
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn unsupported_command_names_the_position_and_exits_1() {
    let dir = scratch("unsupported");
    let file = write(&dir, "odd.sh", "ip netns add ns1\n  frobnicate now\n");
    let (code, out, err) = run_pathsim(&["run".as_ref(), file.as_os_str()]);
    assert_eq!(code, Some(1), "stdout:\n{out}\nstderr:\n{err}");
    let expected = format!(
        "{}:2:3: command `frobnicate` is not supported",
        file.display()
    );
    assert!(err.lines().any(|l| l.starts_with(&expected)), "{err}");
}

#[test]
fn check_ends_with_the_summary_line() {
    let dir = scratch("check");
    write(&dir, "a-good.sh", VETH_PING);
    write(&dir, "b-bad.sh", "echo hello\n#> goodbye\n");
    let (code, out, _) = run_pathsim(&["check".as_ref(), dir.as_os_str()]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.lines().last(), Some("1 passed, 1 failed"), "{out}");
    assert!(out.contains("b-bad.sh:2:"), "{out}");

    std::fs::remove_file(dir.join("b-bad.sh")).expect("removed");
    let (code, out, _) = run_pathsim(&["check".as_ref(), dir.as_os_str()]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.lines().last(), Some("1 passed, 0 failed"), "{out}");
}

/// Whether `tshark` can be run; without it the test is skipped locally but fails in CI.
fn have_tshark() -> bool {
    let found = Command::new("tshark")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tshark is required in CI (.ci/run installs it)"
        );
        eprintln!("tshark not found: skipping the pcapng read-back (install the tshark package)");
    }
    found
}

#[test]
fn pcap_has_one_interface_per_namespace_and_device() {
    if !have_tshark() {
        return;
    }
    let dir = scratch("pcap");
    let file = write(&dir, "veth.sh", VETH_PING);
    let pcap = dir.join("out.pcapng");
    let (code, out, err) = run_pathsim(&[
        "run".as_ref(),
        "--pcap".as_ref(),
        pcap.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");

    let read = Command::new("tshark")
        .arg("-r")
        .arg(&pcap)
        .args(["-T", "fields", "-e", "frame.interface_id"])
        .args([
            "-e",
            "frame.interface_name",
            "-e",
            "frame.comment",
            "-e",
            "icmp.type",
        ])
        .output()
        .expect("tshark runs");
    let stdout = String::from_utf8_lossy(&read.stdout);
    let stderr = String::from_utf8_lossy(&read.stderr);
    assert!(read.status.success(), "tshark failed:\n{stderr}");
    // tshark warns about running as root; anything else on stderr is a complaint about the file.
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("Running as user"))
        .collect();
    assert!(complaints.is_empty(), "tshark:\n{stderr}");

    let mut interfaces = BTreeMap::new();
    let mut icmp = BTreeSet::new();
    for line in stdout.lines() {
        let [id, name, comment, icmp_type] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("unexpected tshark line {line:?}");
        };
        assert!(!comment.is_empty(), "frame without a comment: {line:?}");
        let previous = interfaces.insert(name, id);
        assert!(
            previous.is_none_or(|p| p == id),
            "{name} has two interface ids:\n{stdout}"
        );
        if !icmp_type.is_empty() {
            icmp.insert((name, icmp_type));
        }
    }
    let names: Vec<&str> = interfaces.keys().copied().collect();
    assert_eq!(names, ["ns1/veth1", "ns2/veth2"], "{stdout}");
    let mut ids: Vec<&str> = interfaces.values().copied().collect();
    ids.sort_unstable();
    assert_eq!(ids, ["0", "1"], "{stdout}");
    // The echo request (type 8) and its reply (type 0) are seen on both ends of the pair.
    let expected = [
        ("ns1/veth1", "0"),
        ("ns1/veth1", "8"),
        ("ns2/veth2", "0"),
        ("ns2/veth2", "8"),
    ];
    assert_eq!(icmp, BTreeSet::from(expected), "{stdout}");
}
