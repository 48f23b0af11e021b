//! The TCP tracker's state machine (`nf_conntrack_proto_tcp.c`: `tcp_conntracks`, the
//! timeouts of `tcp_timeouts`, and how `nf_conntrack_tcp_packet` sets ASSURED).
//!
//! Window tracking (`tcp_in_window`) is not modelled: every segment counts as in window.

use serde::Serialize;

/// `enum tcp_conntrack`, in the kernel's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TcpState {
    None,
    SynSent,
    SynRecv,
    Established,
    FinWait,
    CloseWait,
    LastAck,
    TimeWait,
    Close,
    SynSent2,
}

/// What the state machine makes of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    To(TcpState),
    /// `sIG`: neither valid nor invalid; accepted without a state change.
    Ignore,
    /// `sIV`: an invalid segment (the packet goes on untracked, ctstate INVALID).
    Invalid,
}

/// The flag combination a segment is classified by (`get_conntrack_index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Syn,
    SynAck,
    Fin,
    Ack,
    Rst,
    None,
}

const FIN: u8 = 0x01;
const SYN: u8 = 0x02;
const RST: u8 = 0x04;
const ACK: u8 = 0x10;

impl Segment {
    /// RST first, then SYN (with or without ACK), FIN, ACK.
    pub fn of_flags(flags: u8) -> Segment {
        if flags & RST != 0 {
            Segment::Rst
        } else if flags & SYN != 0 {
            if flags & ACK != 0 {
                Segment::SynAck
            } else {
                Segment::Syn
            }
        } else if flags & FIN != 0 {
            Segment::Fin
        } else if flags & ACK != 0 {
            Segment::Ack
        } else {
            Segment::None
        }
    }
}

impl TcpState {
    /// The name `conntrack -L` prints.
    pub fn name(self) -> &'static str {
        match self {
            TcpState::None => "NONE",
            TcpState::SynSent => "SYN_SENT",
            TcpState::SynRecv => "SYN_RECV",
            TcpState::Established => "ESTABLISHED",
            TcpState::FinWait => "FIN_WAIT",
            TcpState::CloseWait => "CLOSE_WAIT",
            TcpState::LastAck => "LAST_ACK",
            TcpState::TimeWait => "TIME_WAIT",
            TcpState::Close => "CLOSE",
            TcpState::SynSent2 => "SYN_SENT2",
        }
    }

    /// `tcp_timeouts`: seconds an entry lives in this state without traffic.
    pub fn timeout_secs(self) -> u64 {
        match self {
            TcpState::SynSent | TcpState::FinWait | TcpState::TimeWait | TcpState::SynSent2 => 120,
            TcpState::SynRecv | TcpState::CloseWait => 60,
            TcpState::Established => 5 * 24 * 3600,
            TcpState::LastAck => 30,
            TcpState::Close => 10,
            TcpState::None => 0,
        }
    }

    /// `tcp_conntracks[dir][index][state]`: the next state for a segment seen in the
    /// original (`reply == false`) or the reply direction.
    pub fn next(self, seg: Segment, reply: bool) -> Transition {
        use TcpState::*;
        use Transition::{Ignore as IG, Invalid as IV, To};
        match (seg, reply) {
            (Segment::Syn, false) => match self {
                None | SynSent | TimeWait | Close => To(SynSent),
                SynSent2 => To(SynSent2),
                _ => IG,
            },
            (Segment::Syn, true) => match self {
                SynSent | SynSent2 => To(SynSent2),
                TimeWait => To(SynSent),
                _ => IV,
            },
            (Segment::SynAck, false) => match self {
                SynRecv | SynSent2 => To(SynRecv),
                _ => IV,
            },
            (Segment::SynAck, true) => match self {
                SynSent | SynSent2 => To(SynRecv),
                None => IV,
                _ => IG,
            },
            (Segment::Fin, _) => match self {
                SynRecv | Established => To(FinWait),
                FinWait | CloseWait | LastAck => To(LastAck),
                TimeWait => To(TimeWait),
                Close => To(Close),
                _ => IV,
            },
            (Segment::Ack, false) => match self {
                None | SynRecv | Established => To(Established),
                FinWait | CloseWait => To(CloseWait),
                LastAck | TimeWait => To(TimeWait),
                Close => To(Close),
                SynSent | SynSent2 => IV,
            },
            (Segment::Ack, true) => match self {
                SynRecv => To(SynRecv),
                Established => To(Established),
                FinWait | CloseWait => To(CloseWait),
                LastAck | TimeWait => To(TimeWait),
                Close => To(Close),
                SynSent | SynSent2 => IG,
                None => IV,
            },
            (Segment::Rst, _) => match self {
                None => IV,
                _ => To(Close),
            },
            (Segment::None, _) => IV,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(steps: &[(u8, bool)]) -> Vec<TcpState> {
        let mut s = TcpState::None;
        let mut seen = Vec::new();
        for &(flags, reply) in steps {
            if let Transition::To(n) = s.next(Segment::of_flags(flags), reply) {
                s = n;
            }
            seen.push(s);
        }
        seen
    }

    #[test]
    fn a_handshake_and_an_orderly_close() {
        use TcpState::*;
        let states = walk(&[
            (SYN, false),
            (SYN | ACK, true),
            (ACK, false),
            (FIN | ACK, false),
            (ACK, true),
            (FIN | ACK, true),
            (ACK, false),
        ]);
        assert_eq!(
            states,
            [
                SynSent,
                SynRecv,
                Established,
                FinWait,
                CloseWait,
                LastAck,
                TimeWait
            ]
        );
        assert_eq!(TimeWait.timeout_secs(), 120);
    }

    #[test]
    fn a_reset_closes_and_strays_are_invalid() {
        assert_eq!(
            walk(&[(SYN, false), (RST | ACK, true)]),
            [TcpState::SynSent, TcpState::Close]
        );
        assert_eq!(
            TcpState::None.next(Segment::of_flags(RST), false),
            Transition::Invalid
        );
        assert_eq!(
            TcpState::None.next(Segment::of_flags(ACK), false),
            Transition::To(TcpState::Established),
            "nf_conntrack_tcp_loose picks up a connection from its ACKs"
        );
        assert_eq!(
            TcpState::SynSent.next(Segment::Ack, false),
            Transition::Invalid
        );
    }
}
