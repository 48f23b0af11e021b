//! `pathsim-verify`: replays scenarios on the real kernel in a sandbox and diffs them
//! against the simulator (being written).

#![allow(dead_code)]

mod generate;
mod netns;
mod snapshot;

fn main() {
    eprintln!("pathsim-verify: being written");
    std::process::exit(2);
}
