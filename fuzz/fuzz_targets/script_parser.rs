//! The scenario parser never panics, and every position it reports (an error's, a command's,
//! an expectation's line) is a character of the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathsim::script::parse;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let lines: Vec<usize> = src.split('\n').map(|l| l.chars().count()).collect();
    let inside = |line: usize, col: usize| {
        line >= 1 && col >= 1 && lines.get(line - 1).is_some_and(|&len| col <= len)
    };
    match parse("fuzz.sh", &src) {
        Err(e) => assert!(inside(e.line, e.col), "{e} is outside the input"),
        Ok(script) => {
            for command in &script.commands {
                assert!(inside(command.line, command.col), "{command:?}");
                assert!(!command.argv.is_empty(), "{command:?}");
                for expect in &command.expects {
                    assert!(inside(expect.line, 1), "{expect:?}");
                }
            }
        }
    }
});
