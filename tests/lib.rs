//! Workspace-level integration tests live in `tests/tests/`:
//!
//! - `scenarios.rs`: every `scenarios/**/*.sh` passes its `#>` lines, and a run is
//!   deterministic (same seed ⇒ byte-identical transcript, trace and pcapng).
//! - `cli.rs`: the `pathsim` binary's output, exit codes and pcapng files (read back with
//!   `tshark`).
