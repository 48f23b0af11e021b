//! pcapng output: every frame the simulation moved, per interface, with direction and comment.
//!
//! The simulator records a frame at the two points where an `AF_PACKET` socket would see it on
//! the real kernel (receive before the bridge `rx_handler`, transmit at `dev_queue_xmit`), so
//! the file lines up with the verifier's capture. Layout (written with pcap-file 2.0.0):
//!
//! - one Section Header Block, little-endian;
//! - one Interface Description Block per distinct interface name, in first-use order:
//!   linktype `ETHERNET`, snaplen 65535, `if_name`, and `if_tsresol = 9`. pcap-file 2.0.0
//!   writes timestamps in nanoseconds without saying so; without `if_tsresol` readers assume
//!   microseconds and show times ×1000;
//! - one Enhanced Packet Block per frame: interface id, logical-clock timestamp in ns,
//!   `epb_flags` direction (inbound 1, outbound 2, in the low two bits) and the comment (the
//!   hop verdict).
//!
//! Output depends only on what was recorded: no wall clock, no host name, no OS string.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;
use std::time::Duration;

use pcap_file::pcapng::blocks::enhanced_packet::{EnhancedPacketBlock, EnhancedPacketOption};
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::blocks::section_header::SectionHeaderBlock;
use pcap_file::pcapng::{PcapNgBlock, PcapNgWriter};
use pcap_file::{DataLink, Endianness, PcapError};

/// Snapshot length of every interface; longer frames are cut to it (original length kept).
pub const SNAPLEN: u32 = 65535;
/// `epb_flags` direction value for a received frame.
const EPB_INBOUND: u32 = 1;
/// `epb_flags` direction value for a sent frame.
const EPB_OUTBOUND: u32 = 2;

/// One recorded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    iface: u32,
    time_ns: u64,
    outbound: bool,
    bytes: Vec<u8>,
    comment: Option<String>,
}

/// Collects frames during a run and writes them as pcapng.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PcapRecorder {
    /// Interface names, indexed by interface id.
    names: Vec<String>,
    /// Name → id.
    ids: BTreeMap<String, u32>,
    records: Vec<Record>,
}

impl PcapRecorder {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of the interface called `name`, registering it on first use. Ids are dense and
    /// follow first-use order; any string is a valid name (callers use `ns1/veth0`, or
    /// `veth0` / `-/veth0` for the initial namespace).
    pub fn interface(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        // pcapng interface ids are 32-bit; 2^32 interfaces cannot happen, but saturate rather
        // than panic.
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }

    /// Records a frame seen on interface `iface` at `time_ns` on the logical clock. `outbound`
    /// is the direction (sent by the device) and `comment` goes into the packet's comment.
    pub fn record(
        &mut self,
        iface: u32,
        time_ns: u64,
        outbound: bool,
        bytes: &[u8],
        comment: Option<&str>,
    ) {
        self.records.push(Record {
            iface,
            time_ns,
            outbound,
            bytes: bytes.to_vec(),
            comment: comment.map(str::to_string),
        });
    }

    /// Number of frames recorded.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// No frame recorded yet.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The recorded frames in order: (interface name, time in ns, outbound, bytes).
    pub fn frames(&self) -> impl Iterator<Item = (&str, u64, bool, &[u8])> {
        self.records.iter().map(|r| {
            let name = usize::try_from(r.iface)
                .ok()
                .and_then(|i| self.names.get(i))
                .map_or("?", String::as_str);
            (name, r.time_ns, r.outbound, r.bytes.as_slice())
        })
    }

    /// Writes everything recorded as one pcapng section. Fails with `InvalidInput` if a frame
    /// was recorded on an id [`interface`](Self::interface) never returned.
    pub fn write_to(&self, w: impl io::Write) -> io::Result<()> {
        let section = SectionHeaderBlock {
            endianness: Endianness::Little,
            ..Default::default()
        };
        let mut out = PcapNgWriter::with_section_header(w, section).map_err(to_io)?;
        for name in &self.names {
            let idb = InterfaceDescriptionBlock {
                linktype: DataLink::ETHERNET,
                snaplen: SNAPLEN,
                options: vec![
                    InterfaceDescriptionOption::IfName(Cow::Borrowed(name.as_str())),
                    InterfaceDescriptionOption::IfTsResol(9),
                ],
            };
            out.write_block(&idb.into_block()).map_err(to_io)?;
        }
        for r in &self.records {
            if usize::try_from(r.iface).map_or(true, |i| i >= self.names.len()) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("frame recorded on unknown interface id {}", r.iface),
                ));
            }
            let snap = usize::try_from(SNAPLEN).unwrap_or(usize::MAX);
            let data = r.bytes.get(..snap).unwrap_or(&r.bytes);
            let mut options = vec![EnhancedPacketOption::Flags(if r.outbound {
                EPB_OUTBOUND
            } else {
                EPB_INBOUND
            })];
            if let Some(c) = &r.comment {
                options.push(EnhancedPacketOption::Comment(Cow::Borrowed(c.as_str())));
            }
            let epb = EnhancedPacketBlock {
                interface_id: r.iface,
                timestamp: Duration::from_nanos(r.time_ns),
                original_len: u32::try_from(r.bytes.len()).unwrap_or(u32::MAX),
                data: Cow::Borrowed(data),
                options,
            };
            out.write_block(&epb.into_block()).map_err(to_io)?;
        }
        out.into_inner().flush()
    }
}

fn to_io(e: PcapError) -> io::Error {
    match e {
        PcapError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pcap_file::pcapng::{Block, PcapNgReader};

    fn sample() -> PcapRecorder {
        let mut r = PcapRecorder::new();
        let a = r.interface("ns1/veth0");
        let b = r.interface("veth1");
        assert_eq!((a, b, r.interface("ns1/veth0")), (0, 1, 0));
        r.record(a, 1_000_000_123, true, &[0xaa; 42], Some("forward"));
        r.record(b, 1_000_500_000, false, &[0xbb; 60], None);
        r.record(
            a,
            3_000_000_000,
            false,
            &[0xcc; 98],
            Some("drop: NEIGH_FAILED"),
        );
        r
    }

    fn bytes_of(r: &PcapRecorder) -> Vec<u8> {
        let mut v = Vec::new();
        r.write_to(&mut v).unwrap();
        v
    }

    #[test]
    fn frames_name_their_interfaces_in_order() {
        let rec = sample();
        let v: Vec<_> = rec
            .frames()
            .map(|(n, t, o, b)| (n, t, o, b.len()))
            .collect();
        assert_eq!(
            v,
            [
                ("ns1/veth0", 1_000_000_123, true, 42),
                ("veth1", 1_000_500_000, false, 60),
                ("ns1/veth0", 3_000_000_000, false, 98)
            ]
        );
    }

    #[test]
    fn read_back() {
        let rec = sample();
        assert_eq!(rec.len(), 3);
        let bytes = bytes_of(&rec);
        let mut reader = PcapNgReader::new(&bytes[..]).unwrap();
        let mut idbs = Vec::new();
        let mut epbs = Vec::new();
        while let Some(block) = reader.next_block() {
            match block.unwrap() {
                Block::InterfaceDescription(i) => idbs.push(i.into_owned()),
                Block::EnhancedPacket(e) => epbs.push(e.into_owned()),
                other => panic!("unexpected block {other:?}"),
            }
        }
        assert_eq!(idbs.len(), 2);
        for (idb, name) in idbs.iter().zip(["ns1/veth0", "veth1"]) {
            assert_eq!(idb.linktype, DataLink::ETHERNET);
            assert_eq!(idb.snaplen, 65535);
            assert_eq!(
                idb.options,
                vec![
                    InterfaceDescriptionOption::IfName(name.into()),
                    InterfaceDescriptionOption::IfTsResol(9)
                ]
            );
        }
        let summary: Vec<_> = epbs
            .iter()
            .map(|e| {
                let flags = e.options.iter().find_map(|o| match o {
                    EnhancedPacketOption::Flags(f) => Some(*f),
                    _ => None,
                });
                let comment = e.options.iter().find_map(|o| match o {
                    EnhancedPacketOption::Comment(c) => Some(c.to_string()),
                    _ => None,
                });
                (
                    e.interface_id,
                    e.timestamp.as_nanos(),
                    flags,
                    comment,
                    e.data.to_vec(),
                    e.original_len,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    0,
                    1_000_000_123,
                    Some(2),
                    Some("forward".into()),
                    vec![0xaa; 42],
                    42
                ),
                (1, 1_000_500_000, Some(1), None, vec![0xbb; 60], 60),
                (
                    0,
                    3_000_000_000,
                    Some(1),
                    Some("drop: NEIGH_FAILED".into()),
                    vec![0xcc; 98],
                    98
                ),
            ]
        );
    }

    #[test]
    fn deterministic() {
        assert_eq!(bytes_of(&sample()), bytes_of(&sample()));
    }

    #[test]
    fn empty_recorder_writes_a_valid_section() {
        let bytes = bytes_of(&PcapRecorder::new());
        let mut reader = PcapNgReader::new(&bytes[..]).unwrap();
        assert!(reader.next_block().is_none());
    }

    #[test]
    fn oversize_frames_are_cut_to_snaplen() {
        let mut r = PcapRecorder::new();
        let i = r.interface("big");
        r.record(i, 0, true, &vec![1; 70_000], None);
        let bytes = bytes_of(&r);
        let mut reader = PcapNgReader::new(&bytes[..]).unwrap();
        let mut seen = false;
        while let Some(b) = reader.next_block() {
            if let Block::EnhancedPacket(e) = b.unwrap() {
                assert_eq!((e.data.len(), e.original_len), (65535, 70_000));
                seen = true;
            }
        }
        assert!(seen);
    }

    #[test]
    fn unknown_interface_id_is_an_error() {
        let mut r = PcapRecorder::new();
        r.record(3, 0, true, &[0; 14], None);
        let e = r.write_to(Vec::new()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    }

    /// Wireshark's reading of the file: interface names, comments, directions, times.
    #[test]
    fn tshark_reads_it() {
        let Some(tshark) = find_tshark() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "tshark is not installed but CI is set: install it (Debian package `tshark`) \
                 so the pcapng output is checked by Wireshark's reader"
            );
            eprintln!("skipping tshark_reads_it: tshark not found in PATH");
            return;
        };
        let dir = std::env::temp_dir().join(format!("pathsim-pcap-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sample.pcapng");
        std::fs::write(&path, bytes_of(&sample())).unwrap();
        let out = std::process::Command::new(tshark)
            .args(["-r"])
            .arg(&path)
            .args([
                "-T",
                "fields",
                "-E",
                "separator=|",
                "-e",
                "frame.interface_name",
                "-e",
                "frame.comment",
                "-e",
                "frame.time_epoch",
                "-e",
                "frame.len",
                "-e",
                "frame.p2p_dir",
            ])
            .env("HOME", &dir) // keep tshark from touching the user's profile
            .output()
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "tshark failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('|').collect()).collect();
        assert_eq!(lines.len(), 3, "{stdout}");
        assert_eq!(lines[0][0], "ns1/veth0");
        assert_eq!(lines[0][1], "forward");
        assert_eq!(lines[0][2], "1.000000123");
        assert_eq!(lines[0][3], "42");
        assert_eq!(lines[1][0], "veth1");
        assert_eq!(lines[1][1], "");
        assert_eq!(lines[1][2], "1.000500000");
        assert_eq!(lines[2][1], "drop: NEIGH_FAILED");
        assert_eq!(lines[2][2], "3.000000000");
    }

    fn find_tshark() -> Option<std::path::PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|d| d.join("tshark"))
            .find(|p| p.is_file())
    }
}
