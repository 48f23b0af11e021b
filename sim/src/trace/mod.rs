//! What happened to each frame: steps named after kernel functions, with verdicts and the
//! kernel's drop reasons; rendered as text or JSON, and captured as pcapng.
//!
//! This module does not depend on [`crate::path`]: the path records into a [`Tracer`].

pub mod pcap;
mod reason;
mod render;

pub use reason::DropReason;
pub use render::render_text;

use serde::Serialize;

/// What a step did with the packet (closed set, as Batfish's `StepAction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Action {
    /// Seen by an AF_PACKET tap on receive.
    Received,
    /// Handed to a device's transmit routine (AF_PACKET tap on transmit).
    Transmitted,
    Learned,
    Flooded,
    Forwarded,
    Routed,
    Delivered,
    Replied,
    ProxyReplied,
    Queued,
    Resolved,
    Consumed,
    /// A table or state change (neighbour, FDB) that is not a decision on the packet.
    Updated,
    Dropped(DropReason),
}

/// One step: a kernel function acting on one packet in one namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Logical time, ns.
    pub time: u64,
    /// The packet this step belongs to (a new id for every frame created or cloned).
    pub packet: u64,
    pub netns: String,
    pub dev: String,
    pub func: &'static str,
    pub action: Action,
    pub detail: String,
}

/// Append-only recorder. When disabled, the closures that format details never run.
#[derive(Debug, Default)]
pub struct Tracer {
    pub enabled: bool,
    pub steps: Vec<Step>,
    /// Captured frames, when `--pcap` is on.
    pub pcap: Option<pcap::PcapRecorder>,
}

impl Tracer {
    /// Records a step; `detail` is only evaluated when tracing is on.
    #[allow(clippy::too_many_arguments)]
    pub fn step(
        &mut self,
        time: u64,
        packet: u64,
        netns: &str,
        dev: &str,
        func: &'static str,
        action: Action,
        detail: impl FnOnce() -> String,
    ) {
        if self.enabled {
            self.steps.push(Step {
                time,
                packet,
                netns: netns.to_string(),
                dev: dev.to_string(),
                func,
                action,
                detail: detail(),
            });
        }
    }

    /// Records a frame at an AF_PACKET tap point.
    pub fn capture(&mut self, time: u64, iface: &str, outbound: bool, frame: &[u8], comment: &str) {
        if let Some(p) = &mut self.pcap {
            let id = p.interface(iface);
            p.record(id, time, outbound, frame, Some(comment));
        }
    }

    /// Whether a pcap capture is being recorded.
    pub fn capturing(&self) -> bool {
        self.pcap.is_some()
    }
}
