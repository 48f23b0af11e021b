//! `nc` as OpenBSD netcat 1.219 (Debian `netcat-openbsd`) runs in scenarios, and `setsid -f`
//! to start an `nc -l` in the background.
//!
//! Clients: `nc -z [-u] [-v] [-n] [-w S] HOST PORT` (connect, then close at once) and
//! `nc [-u] [-v] [-n] -w S HOST PORT` with nothing to send (stdin is `/dev/null`: connect,
//! stay idle until the timeout or the peer's close). What was observed on Linux 6.18:
//!
//! - TCP: success prints `Connection to HOST PORT port [tcp/SERVICE] succeeded!` on stderr
//!   with `-v` (SERVICE from `/etc/services` unless `-n`, else `*`), status 0; a failed
//!   connect prints `nc: connect to HOST port PORT (tcp) failed: ERROR` with `-v`, status 1;
//!   a connect still pending at `-w` prints `… (tcp) timed out: Operation now in progress`.
//!   Without `-v` nothing is printed.
//! - UDP `-z -v`: connect, then one write of "X", a second one at once, then one more after
//!   each second of sleep (`-w` seconds, 3 without `-w`); the success line comes after the
//!   last write. A write that fails (a port unreachable came back) ends nc with status 1 and
//!   no message. Without `-v`, `-z -u` sends nothing and exits 0.
//!
//! Listeners: `setsid -f nc -l [-k] [-u] [-v] [-n] [-p] PORT` (also under `ip netns exec`):
//! setsid forks and returns 0 at once; the listener lives in the namespace. See
//! [`crate::path::tcp::App`] and [`crate::path::udp::UdpApp`] for what it does.

use super::nc_services::service_name;
use super::Output;
use crate::model::NsId;
use crate::path::tcp::{self, App, Errno, TcpState, APP_DELAY_NS};
use crate::path::udp::{self, UdpApp};
use crate::path::Sim;
use std::net::Ipv4Addr;

const SEC: u64 = 1_000_000_000;
/// Gap between nc's first two UDP probe writes (about 70–130 µs in traces).
const UDP_WRITE_GAP_NS: u64 = 100_000;
/// `listen(fd, 1)` in netcat's `local_listen`.
const NC_BACKLOG: usize = 1;

const SUPPORTED_FORMS: &str = "supported: `nc -z [-u] [-v] [-n] [-w S] HOST PORT`, `nc [-u] [-v] [-n] -w S HOST PORT`, and listeners as `setsid -f nc -l [-k] [-u] [-v] [-n] [-p] PORT`";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Args {
    listen: bool,
    keep: bool,
    udp: bool,
    zero: bool,
    verbose: bool,
    numeric: bool,
    timeout: Option<u64>,
    port_opt: Option<String>,
    operands: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, Output> {
    let mut a = Args::default();
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        if let Some(letters) = w.strip_prefix('-').filter(|l| !l.is_empty()) {
            for (pos, c) in letters.char_indices() {
                match c {
                    'l' => a.listen = true,
                    'k' => a.keep = true,
                    'u' => a.udp = true,
                    'z' => a.zero = true,
                    'v' => a.verbose = true,
                    'n' => a.numeric = true,
                    'w' | 'p' => {
                        let rest = &letters[pos + 1..];
                        let v = if !rest.is_empty() {
                            rest.to_string()
                        } else {
                            i += 1;
                            match args.get(i) {
                                Some(v) => v.clone(),
                                None => {
                                    return Err(Output::err(
                                        format!("nc: option requires an argument -- '{c}'"),
                                        1,
                                    ))
                                }
                            }
                        };
                        if c == 'w' {
                            let secs: u64 = v.parse().map_err(|_| {
                                Output::err(format!("nc: timeout is invalid: {v}"), 1)
                            })?;
                            a.timeout = Some(secs * SEC);
                        } else {
                            a.port_opt = Some(v);
                        }
                        break;
                    }
                    other => {
                        return Err(Output::unsupported(format!(
                            "nc: option -{other} is not supported by pathsim; {SUPPORTED_FORMS}"
                        )))
                    }
                }
            }
        } else {
            a.operands.push(w.clone());
        }
        i += 1;
    }
    Ok(a)
}

fn parse_port(p: &str) -> Result<u16, Output> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ if p.contains('-') => Err(Output::unsupported(format!(
            "nc: port ranges ({p}) are not supported by pathsim; {SUPPORTED_FORMS}"
        ))),
        _ => Err(Output::err(format!("nc: port number invalid: {p}"), 1)),
    }
}

/// `nc …` typed in the foreground.
pub fn run(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let a = match parse(args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    if a.listen {
        return Output::unsupported(format!(
            "nc -l in the foreground never returns; start listeners with `setsid -f nc -l …`; {SUPPORTED_FORMS}"
        ));
    }
    if a.keep || a.port_opt.is_some() {
        return Output::unsupported(format!(
            "nc: -k and -p are supported for listeners only; {SUPPORTED_FORMS}"
        ));
    }
    let [host, port] = a.operands.as_slice() else {
        return Output::unsupported(format!(
            "nc: give exactly one HOST and one PORT; {SUPPORTED_FORMS}"
        ));
    };
    let Ok(dst) = host.parse::<Ipv4Addr>() else {
        return Output::unsupported(format!(
            "nc: HOST must be an IPv4 address (pathsim has no name resolution): {host}"
        ));
    };
    let port_n = match parse_port(port) {
        Ok(p) => p,
        Err(o) => return o,
    };
    if !a.zero && a.timeout.is_none() {
        return Output::unsupported(format!(
            "nc without -z and without -w waits for ever on an idle connection; {SUPPORTED_FORMS}"
        ));
    }
    let proto = if a.udp { "udp" } else { "tcp" };
    let failed = |e: Errno| {
        if a.verbose {
            Output::err(
                format!(
                    "nc: connect to {host} port {port} ({proto}) failed: {}",
                    e.text()
                ),
                1,
            )
        } else {
            Output {
                status: 1,
                ..Default::default()
            }
        }
    };
    let succeeded = || {
        let svc = if a.numeric {
            None
        } else {
            service_name(port_n, proto)
        };
        format!(
            "Connection to {host} {port} port [{proto}/{}] succeeded!\n",
            svc.unwrap_or("*")
        )
    };
    if a.udp {
        udp_client(sim, ns, &a, dst, port_n, failed, succeeded)
    } else {
        tcp_client(sim, ns, &a, dst, port_n, host, port, failed, succeeded)
    }
}

/// Runs events until `done` holds or `deadline` passes (then the clock is at the deadline);
/// returns whether `done` holds.
fn wait_until(sim: &mut Sim, deadline: Option<u64>, done: impl Fn(&Sim) -> bool) -> bool {
    loop {
        if done(sim) {
            return true;
        }
        let until = deadline.unwrap_or(u64::MAX);
        if !sim.step_one(until) {
            if let Some(d) = deadline {
                sim.advance_to(d);
            }
            return done(sim);
        }
    }
}

/// Lets the events before `t` run, then sets the clock to `t`.
fn sleep_until(sim: &mut Sim, t: u64) {
    while sim.step_one(t.saturating_sub(1)) {}
    sim.advance_to(t);
}

#[allow(clippy::too_many_arguments)]
fn tcp_client(
    sim: &mut Sim,
    ns: NsId,
    a: &Args,
    dst: Ipv4Addr,
    port: u16,
    host: &str,
    port_text: &str,
    failed: impl Fn(Errno) -> Output,
    succeeded: impl Fn() -> String,
) -> Output {
    // `timeout_connect`: a non-blocking connect, then poll for -w.
    let deadline = a.timeout.map(|w| sim.now() + w);
    let id = match tcp::tcp_v4_connect(sim, ns, dst, port) {
        Ok(id) => id,
        Err(e) => return failed(e),
    };
    let state = |s: &Sim| s.sockets.tcp.socks[id].state;
    wait_until(sim, deadline, |s| state(s) != TcpState::SynSent);
    match state(sim) {
        TcpState::SynSent => {
            tcp::tcp_close(sim, id);
            if a.verbose {
                return Output::err(
                    format!("nc: connect to {host} port {port_text} (tcp) timed out: Operation now in progress"),
                    1,
                );
            }
            return Output {
                status: 1,
                ..Default::default()
            };
        }
        TcpState::Close => {
            let err = sim.sockets.tcp.socks[id].err.unwrap_or(Errno::ConnRefused);
            return failed(err);
        }
        _ => {}
    }
    let stderr = if a.verbose {
        succeeded()
    } else {
        String::new()
    };
    if !a.zero {
        // Idle until -w runs out or the peer closes.
        let idle_end = a.timeout.map(|w| sim.now() + w);
        wait_until(sim, idle_end, |s| {
            matches!(state(s), TcpState::CloseWait | TcpState::Close)
        });
    }
    let t = sim.now() + APP_DELAY_NS;
    sleep_until(sim, t);
    tcp::tcp_close(sim, id);
    Output {
        stderr,
        ..Default::default()
    }
}

fn udp_client(
    sim: &mut Sim,
    ns: NsId,
    a: &Args,
    dst: Ipv4Addr,
    port: u16,
    failed: impl Fn(Errno) -> Output,
    succeeded: impl Fn() -> String,
) -> Output {
    let id = match udp::udp_connect(sim, ns, dst, port) {
        Ok(id) => id,
        Err(e) => return failed(e),
    };
    let mut out = Output::default();
    if a.zero && a.verbose {
        // `udptest`: X, X at once, then one X after each second.
        let mut times = vec![sim.now(), sim.now() + UDP_WRITE_GAP_NS];
        let sleeps = a.timeout.map_or(3, |w| w / SEC);
        for k in 1..=sleeps {
            times.push(times[1] + k * SEC);
        }
        for t in times {
            sleep_until(sim, t);
            if udp::udp_sendmsg(sim, id, b"X").is_err() {
                udp::udp_close(sim, id);
                out.status = 1;
                return out;
            }
        }
        out.stderr = succeeded();
    } else if !a.zero {
        // Nothing to send: stay until -w runs out.
        if let Some(w) = a.timeout {
            let t = sim.now() + w;
            sleep_until(sim, t);
        }
    }
    udp::udp_close(sim, id);
    out
}

/// `setsid -f COMMAND…`: forks COMMAND into a new session in the background and returns 0 at
/// once. Only `nc -l` listeners are supported as COMMAND.
pub fn setsid(sim: &mut Sim, ns: NsId, args: &[String]) -> Output {
    let unsupported = || {
        Output::unsupported(format!(
            "setsid: only `setsid -f nc -l [-k] [-u] [-v] [-n] [-p] PORT` is supported by pathsim (got `setsid {}`)",
            args.join(" ")
        ))
    };
    let Some((flag, cmd)) = args.split_first() else {
        return unsupported();
    };
    if flag != "-f" && flag != "--fork" {
        return unsupported();
    }
    let Some((prog, nc_args)) = cmd.split_first() else {
        return unsupported();
    };
    if prog != "nc" {
        return unsupported();
    }
    let a = match parse(nc_args) {
        Ok(a) => a,
        Err(o) => return o,
    };
    if !a.listen || a.zero || a.timeout.is_some() {
        return unsupported();
    }
    let port = match (&a.port_opt, a.operands.as_slice()) {
        (Some(p), []) | (None, [p]) => p.clone(),
        _ => return unsupported(),
    };
    let port = match parse_port(&port) {
        Ok(p) => p,
        // The forked nc prints its error to the detached terminal and exits; setsid is done.
        Err(o) if o.unsupported => return o,
        Err(_) => return Output::default(),
    };
    // A port already in use makes the background nc fail to bind and exit (setsid still
    // returns 0).
    if a.udp {
        udp::udp_bind(sim, ns, port, UdpApp::NcListen { keep: a.keep });
    } else {
        tcp::tcp_listen(
            sim,
            ns,
            port,
            NC_BACKLOG,
            App::NcListen {
                keep: a.keep,
                conn: None,
            },
        );
    }
    Output::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_bundle_like_getopt() {
        let a = parse(&argv("-zvn -w2 10.0.0.1 80")).unwrap();
        assert!(a.zero && a.verbose && a.numeric);
        assert_eq!(a.timeout, Some(2 * SEC));
        assert_eq!(a.operands, ["10.0.0.1", "80"]);
        let l = parse(&argv("-lk -p 8080")).unwrap();
        assert!(l.listen && l.keep);
        assert_eq!(l.port_opt.as_deref(), Some("8080"));
        assert!(parse(&argv("-e x")).unwrap_err().unsupported);
        assert_eq!(parse(&argv("-w")).unwrap_err().status, 1);
    }

    #[test]
    fn service_names_come_from_etc_services() {
        assert_eq!(service_name(8081, "tcp"), Some("tproxy"));
        assert_eq!(service_name(53, "udp"), Some("domain"));
        assert_eq!(service_name(9000, "tcp"), None);
    }

    #[test]
    fn other_forms_are_refused_with_what_is_supported() {
        let mut sim = Sim::new(1);
        let o = run(&mut sim, 0, &argv("-l 8080"));
        assert!(o.unsupported && o.stderr.contains("setsid -f nc -l"));
        let o = setsid(&mut sim, 0, &argv("nc -l 8080"));
        assert!(o.unsupported);
        let o = setsid(&mut sim, 0, &argv("-f sleep 5"));
        assert!(o.unsupported);
        assert_eq!(
            setsid(&mut sim, 0, &argv("-f nc -l -k 8080")),
            Output::default()
        );
        assert!(run(&mut sim, 0, &argv("10.0.0.1 80")).unsupported);
    }
}
