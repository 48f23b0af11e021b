//! # pathsim — the Linux packet path for container networking, in userspace
//!
//! A scenario is a bash-compatible script of `ip`, `bridge`, `sysctl`, `ping`, … commands.
//! pathsim keeps a model of the kernel's network state per namespace and moves real Ethernet
//! frames through a model of the kernel's packet path on a logical clock, so a script runs
//! without root, deterministically, and every hop and drop can be explained.
//!
//! Layers, bottom up (each usable without the ones above it):
//! - [`wire`]: views and builders over frame bytes (Ethernet, ARP, IPv4, ICMP). Bytes are the truth.
//! - [`model`]: plain data and pure lookups: namespaces, devices, addresses, FIB tables and rules,
//!   neighbours, the bridge FDB, sysctls.
//! - [`path`]: the packet path, files named after kernel sources and functions after kernel
//!   functions (`ip_rcv`, `ip_forward`, `arp_process`, `br_handle_frame`, …), plus the event loop.
//! - [`trace`]: what happened to each frame (kernel function, verdict, drop reason) and pcapng.
//! - [`script`]: the scenario lexer (`file:line:col` errors for anything a shell would do that we don't).
//! - [`netfilter`]: iptables tables, chains, rules and their evaluation (pure; no packet path).
//! - [`cmd`]: one module per tool: parse argv, apply to the world, print what the real tool prints.
//!
//! Modelled kernel: Linux 6.18 with iproute2 6.1 and iputils 20221126 (the verifier's machine).

#![forbid(unsafe_code)]

pub mod bench;
pub mod cmd;
pub mod model;
pub mod netfilter;
pub mod path;
pub mod rtnl;
pub mod run;
pub mod script;
pub mod state;
pub mod trace;
pub mod wire;
