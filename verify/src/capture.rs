//! Capturing every frame of every namespace of the sandbox, both directions.
//!
//! One `AF_PACKET`/`ETH_P_ALL` socket per namespace, opened by a thread that entered the
//! namespace, sees every device of that namespace on receive (`__netif_receive_skb_core`) and
//! on transmit (`dev_queue_xmit_nit`, `PACKET_OUTGOING`): the two points where the simulator
//! records its own capture. A socket holds a reference on its namespace, so a capture is
//! stopped as soon as `ip netns del` removes the name, or the kernel could not tear down the
//! namespace's devices as it would without us.

use crate::netns::NsName;
use nix::sys::socket::{
    recvfrom, setsockopt, socket, sockopt, AddressFamily, LinkAddr, SockFlag, SockProtocol,
    SockType,
};
use nix::sys::time::TimeVal;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

/// `PACKET_OUTGOING` from `include/uapi/linux/if_packet.h`.
const PACKET_OUTGOING: u8 = 4;

/// The most frames one scenario may capture over all namespaces; beyond it frames are
/// counted but not kept (a bridge loop must not exhaust memory).
pub const FRAME_CAP: usize = 200_000;

/// A frame seen by a namespace's socket.
#[derive(Debug, Clone)]
pub struct RawFrame {
    pub ns: NsName,
    pub ifindex: u32,
    pub outbound: bool,
    pub data: Vec<u8>,
    /// Nanoseconds since the capture started.
    pub time_ns: u64,
    /// Index of the script command that was running (or had just run) when it was seen.
    pub command: usize,
}

/// State shared by all capture threads of one scenario.
#[derive(Debug)]
pub struct Shared {
    pub frames: Mutex<Vec<RawFrame>>,
    pub dropped: AtomicUsize,
    pub command: AtomicUsize,
    start: Instant,
}

impl Shared {
    pub fn new() -> Arc<Self> {
        Arc::new(Shared {
            frames: Mutex::new(Vec::new()),
            dropped: AtomicUsize::new(0),
            command: AtomicUsize::new(0),
            start: Instant::now(),
        })
    }

    /// Whether the frame cap has been reached.
    fn over_cap(&self) -> bool {
        self.dropped.load(Ordering::Relaxed) > 0
    }

    /// Nanoseconds since the capture (and the replay) started.
    pub fn elapsed_ns(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

/// A running capture of one namespace.
pub struct Capture {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Capture {
    /// Enters `ns` on a new thread, opens its socket and starts recording into `shared`.
    /// Returns once the socket is open, so no frame after this call is missed.
    pub fn start(ns: NsName, shared: Arc<Shared>) -> std::io::Result<Capture> {
        let stop = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let file = match ns.path() {
            Some(p) => Some(std::fs::File::open(p)?),
            None => None,
        };
        let stop2 = stop.clone();
        let thread = std::thread::spawn(move || {
            let opened = (|| -> nix::Result<_> {
                if let Some(f) = &file {
                    nix::sched::setns(f, nix::sched::CloneFlags::CLONE_NEWNET)?;
                }
                let fd = socket(
                    AddressFamily::Packet,
                    SockType::Raw,
                    SockFlag::SOCK_CLOEXEC,
                    SockProtocol::EthAll,
                )?;
                setsockopt(&fd, sockopt::RcvBufForce, &(16 << 20))?;
                setsockopt(&fd, sockopt::ReceiveTimeout, &TimeVal::new(0, 10_000))?;
                Ok(fd)
            })();
            drop(file);
            let fd = match opened {
                Ok(fd) => {
                    let _ = ready_tx.send(Ok(()));
                    fd
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(std::io::Error::from(e)));
                    return;
                }
            };
            let mut buf = vec![0u8; 65_536 + 64];
            // The stop flag is checked after every frame too: a bridge loop keeps the socket
            // busy forever, so waiting for an empty socket would never end. Frames still
            // queued when the flag is seen are the storm's, not the scenario's.
            let mut drained_at_stop = false;
            loop {
                let stopping = stop2.load(Ordering::Acquire);
                if stopping && drained_at_stop {
                    break;
                }
                match recvfrom::<LinkAddr>(fd.as_raw_fd(), &mut buf) {
                    Ok((n, Some(addr))) => {
                        record(&shared, &ns, &addr, &buf[..n]);
                        // Keep reading for at most one more frame cap after the stop.
                        drained_at_stop = stopping && shared.over_cap();
                    }
                    Ok((_, None)) => {}
                    Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EINTR) => {
                        drained_at_stop = stopping;
                    }
                    Err(_) => break,
                }
            }
        });
        ready_rx
            .recv()
            .map_err(|_| std::io::Error::other("capture thread died"))??;
        Ok(Capture { stop, thread })
    }

    /// Stops after the socket has been drained (the next receive timeout) and closes it.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Release);
        let _ = self.thread.join();
    }
}

fn record(shared: &Shared, ns: &NsName, addr: &LinkAddr, data: &[u8]) {
    let mut frames = shared.frames.lock().unwrap_or_else(|e| e.into_inner());
    if frames.len() >= FRAME_CAP {
        shared.dropped.fetch_add(1, Ordering::Relaxed);
        return;
    }
    frames.push(RawFrame {
        ns: ns.clone(),
        ifindex: u32::try_from(addr.ifindex()).unwrap_or(0),
        outbound: addr.pkttype() == PACKET_OUTGOING,
        data: data.to_vec(),
        time_ns: shared.elapsed_ns(),
        command: shared.command.load(Ordering::Acquire),
    });
}
