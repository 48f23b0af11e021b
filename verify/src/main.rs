//! `pathsim-verify`: the real-kernel verifier. Not built yet (issue 3); it exits 2 and says so.

fn main() {
    eprintln!(
        "pathsim-verify: not implemented yet (issue 3); run `pathsim check scenarios/` instead"
    );
    std::process::exit(2);
}
