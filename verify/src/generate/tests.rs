//! Generated scripts parse, run in the simulator, stay within their limits, and shrink.
use super::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};

/// `n` scenarios from a fixed seed.
fn sample(seed: u8, n: usize) -> Vec<GenScenario> {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    (0..n)
        .map(|_| scenario().new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Words iproute2 matches by prefix somewhere in the commands we generate.
const KEYWORDS: &str = "add address all blackhole broadcast default delete dev down from \
    fwmark help link lladdr local lookup master mtu name netns nud peer permanent prohibit \
    static table to type unreachable up via";

/// A device name the kernel takes that iproute2 cannot take for a keyword.
fn valid_name(name: &str) -> bool {
    let keyword = KEYWORDS.split_whitespace().any(|k| k.starts_with(name));
    (2..=15).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && (name == "lo" || !keyword)
}

fn allowed_ip(a: Ipv4Addr) -> bool {
    let o = a.octets();
    a.is_private() || matches!(o, [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _])
}

#[test]
fn generate_scripts_parse_and_are_supported() {
    let opts = pathsim::run::RunOptions::default();
    for (n, g) in sample(1, 300).into_iter().enumerate() {
        let text = g.to_script();
        let script = pathsim::script::parse("gen.sh", &text)
            .unwrap_or_else(|e| panic!("case {n}: {e}\n{text}"));
        assert_eq!(script.commands.len(), text.lines().count());
        let report = pathsim::run::run_script(&script, &opts);
        for c in &report.commands {
            assert!(
                !c.output.unsupported,
                "case {n}: `{}` unsupported: {}\n{text}",
                c.command.text, c.output.stderr
            );
        }
    }
}

#[test]
fn generate_names_addresses_and_limits_are_valid() {
    let mut sizes = Vec::new();
    for g in sample(2, 300) {
        let text = g.to_script();
        for d in g.devices() {
            assert!(valid_name(&d.name), "{}", d.name);
        }
        for word in text.split_whitespace() {
            let addr = word.split('/').next().unwrap_or(word);
            if let Ok(a) = addr.parse::<Ipv4Addr>() {
                assert!(allowed_ip(a), "{a} in\n{text}");
            }
            if let Some(kv) = word.strip_prefix("net.") {
                assert!(kv.starts_with("ipv4."), "{word}");
            }
        }
        for line in text.lines() {
            if line.contains("sysctl") {
                assert!(line.starts_with("ip netns exec ns"), "{line}");
            }
            if line.contains("ping") {
                assert!(line.contains("ping -c 1 -W 1 "), "{line}");
            }
        }
        assert!(text.matches("ping ").count() <= MAX_PINGS, "{text}");
        sizes.push(text.lines().count());
    }
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    assert!((10..=25).contains(&median), "median size {median}");
    assert!(*sizes.last().unwrap() <= 45, "{sizes:?}");
}

#[test]
fn generate_is_deterministic() {
    let a: Vec<String> = sample(7, 20).iter().map(GenScenario::to_script).collect();
    let b: Vec<String> = sample(7, 20).iter().map(GenScenario::to_script).collect();
    let c: Vec<String> = sample(8, 20).iter().map(GenScenario::to_script).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn generate_shrinks_to_a_minimal_script() {
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let result = runner.run(&scenario(), |g| {
        prop_assert!(!g.to_script().contains(" ping "));
        Ok(())
    });
    let Err(TestError::Fail(_, minimal)) = result else {
        panic!("no case with a ping in a namespace: {result:?}");
    };
    // Usually exactly "ip netns add ns1" and the ping; a step's choice that depends on
    // what else exists can keep one more object.
    let text = minimal.to_script();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 3, "{text}");
    assert_eq!(lines[0], "ip netns add ns1", "{text}");
    assert_eq!(
        lines.last(),
        Some(&"ip netns exec ns1 ping -c 1 -W 1 10.0.0.1")
    );
}

#[test]
fn no_veth_pair_closes_a_loop_of_bridges() {
    let mut looped = 0;
    for g in sample(3, 300) {
        let devs = g.devices();
        // Bridges (by place and name) joined through the pairs, as a union-find.
        let key = |d: &render::GenDev| format!("{}:{}", d.place, d.master.clone().unwrap());
        let mut parent: std::collections::HashMap<String, String> = Default::default();
        fn root(p: &mut std::collections::HashMap<String, String>, k: &str) -> String {
            let mut k = k.to_string();
            while let Some(up) = p.get(&k).filter(|u| **u != k).cloned() {
                k = up;
            }
            k
        }
        for (i, d) in devs.iter().enumerate() {
            let Some(peer) = d.peer.filter(|&p| p > i) else {
                continue;
            };
            let other = &devs[peer];
            if d.master.is_none() || other.master.is_none() {
                continue;
            }
            let (a, b) = (root(&mut parent, &key(d)), root(&mut parent, &key(other)));
            if a == b {
                looped += 1;
            }
            parent.insert(a, b);
        }
    }
    assert_eq!(looped, 0, "generated scenarios with a bridge loop");
}
