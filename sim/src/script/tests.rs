use super::*;
use proptest::prelude::*;

fn script(src: &str) -> Script {
    match parse("t.sh", src) {
        Ok(script) => script,
        Err(e) => panic!("{src:?} should parse, got {e}"),
    }
}

fn argvs(src: &str) -> Vec<Vec<String>> {
    script(src).commands.into_iter().map(|c| c.argv).collect()
}

fn one(src: &str) -> ScriptCommand {
    let mut commands = script(src).commands;
    assert_eq!(commands.len(), 1, "{src:?}");
    commands.remove(0)
}

fn err(src: &str) -> String {
    match parse("t.sh", src) {
        Ok(script) => panic!("{src:?} should be rejected, parsed {script:?}"),
        Err(e) => e.to_string(),
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

fn expect(line: usize, text: &str) -> Expect {
    Expect {
        line,
        text: text.to_string(),
    }
}

#[test]
fn empty_and_comment_only_scripts() {
    for src in [
        "",
        "\n\n  \n\t\n",
        "#!/bin/bash\n# a comment\n  # another\n",
        "\r\n",
    ] {
        assert_eq!(script(src).commands, vec![], "{src:?}");
    }
    assert_eq!(script("").file, "t.sh");
}

#[test]
fn simple_command() {
    let c = one("ip link show dev eth0\n");
    assert_eq!(c.argv, words(&["ip", "link", "show", "dev", "eth0"]));
    assert_eq!((c.line, c.col), (1, 1));
    assert_eq!(c.text, "ip link show dev eth0");
    assert!(c.expects.is_empty());
}

#[test]
fn positions_and_text_of_indented_commands() {
    let s = script("# setup\n\n  ip netns add a\n\tip   link\n");
    let c: Vec<_> = s
        .commands
        .iter()
        .map(|c| (c.line, c.col, c.text.as_str()))
        .collect();
    assert_eq!(c, vec![(3, 3, "ip netns add a"), (4, 2, "ip   link")]);
    assert_eq!(one("ip\tlink").text, "ip\tlink");
}

#[test]
fn no_trailing_newline() {
    assert_eq!(
        argvs("ip a\nip r"),
        vec![words(&["ip", "a"]), words(&["ip", "r"])]
    );
}

#[test]
fn sudo_is_dropped() {
    let c = one("sudo ip netns add ns1");
    assert_eq!(c.argv, words(&["ip", "netns", "add", "ns1"]));
    assert_eq!((c.line, c.col), (1, 6));
    assert_eq!(c.text, "ip netns add ns1");
    let c = one("sudo \\\n  ip link");
    assert_eq!((c.line, c.col, c.text.as_str()), (2, 3, "ip link"));
    assert_eq!(one("echo sudo").argv, words(&["echo", "sudo"]));
}

#[test]
fn comments() {
    assert_eq!(one("ip link # note | $x").argv, words(&["ip", "link"]));
    assert_eq!(one("ip link # note").text, "ip link");
    assert_eq!(one("echo a#b").argv, words(&["echo", "a#b"]));
    assert_eq!(
        one(r##"echo '#' "#" \# "a"#b"##).argv,
        words(&["echo", "#", "#", "#", "a#b"])
    );
    // `#>` after a command on the same line is a plain comment, as for bash.
    assert_eq!(one("ip link #> x").expects, vec![]);
    // A backslash in a comment is no continuation.
    assert_eq!(argvs("ip a # \\\nip r").len(), 2);
}

#[test]
fn expectations_attach_to_the_command_above() {
    let src = "ip link\n#> 1: lo\n#>  two\n#>x\n#>\n# comment\n\n  #> indented\nip addr\n#> y\n";
    let s = script(src);
    assert_eq!(
        s.commands[0].expects,
        vec![
            expect(2, "1: lo"),
            expect(3, " two"),
            expect(4, "x"),
            expect(5, ""),
            expect(8, "indented")
        ]
    );
    assert_eq!(s.commands[1].expects, vec![expect(10, "y")]);
}

#[test]
fn expectation_text_is_kept_as_written() {
    assert_eq!(
        one("ip link\n#> a  $x | 'b\n").expects,
        vec![expect(2, "a  $x | 'b")]
    );
    assert_eq!(one("ip link\n#> a\r").expects, vec![expect(2, "a")]);
    assert_eq!(one("ip link\n#>\ta\n").expects, vec![expect(2, "\ta")]);
}

#[test]
fn quoting() {
    let c = one(r#"echo 'a b' "c d" e\ f a"b"'c' '' """#);
    assert_eq!(c.argv, words(&["echo", "a b", "c d", "e f", "abc", "", ""]));
    assert_eq!(c.text, r#"echo 'a b' "c d" e\ f a"b"'c' '' """#);
    assert_eq!(
        one(r#"echo "\"\\\$\`\a""#).argv,
        words(&["echo", "\"\\$`\\a"])
    );
    assert_eq!(
        one(r"echo 'a\b' \\ \x").argv,
        words(&["echo", "a\\b", "\\", "x"])
    );
    assert_eq!(one(r#"echo '"' "'""#).argv, words(&["echo", "\"", "'"]));
}

#[test]
fn escaped_and_quoted_specials_are_literal() {
    let c = one(r#"echo \* '?' "[" \~ \$HOME '$(x)' "a|b;c&d" \| \; \& \> \( '{'"#);
    let expected = [
        "echo", "*", "?", "[", "~", "$HOME", "$(x)", "a|b;c&d", "|", ";", "&", ">", "(", "{",
    ];
    assert_eq!(c.argv, words(&expected));
    let c = one("echo a~ b] c=d net.ipv4.ip_forward=1 '~'");
    let expected = ["echo", "a~", "b]", "c=d", "net.ipv4.ip_forward=1", "~"];
    assert_eq!(c.argv, words(&expected));
}

#[test]
fn not_an_assignment() {
    assert_eq!(one("\"FOO\"=bar x").argv, words(&["FOO=bar", "x"]));
    assert_eq!(one("F\\OO=bar x").argv, words(&["FOO=bar", "x"]));
    assert_eq!(one("1A=x").argv, words(&["1A=x"]));
    assert_eq!(one("=x y").argv, words(&["=x", "y"]));
    assert_eq!(one("ip link set a=b").argv[3], "a=b");
}

#[test]
fn echo_and_keywords_as_arguments_are_allowed() {
    assert_eq!(
        one("echo for if cd").argv,
        words(&["echo", "for", "if", "cd"])
    );
}

#[test]
fn quotes_may_span_lines() {
    let s = script("echo 'a\nb' \"c\nd\"\nip link\n");
    assert_eq!(s.commands[0].argv, words(&["echo", "a\nb", "c\nd"]));
    assert_eq!(s.commands[0].text, "echo 'a\nb' \"c\nd\"");
    assert_eq!((s.commands[1].line, s.commands[1].col), (4, 1));
}

#[test]
fn continuations() {
    let src = "ip link add veth0 \\\n    type veth \\\n  peer name veth1\nip link set veth0 up\n";
    let s = script(src);
    let c = &s.commands[0];
    assert_eq!(
        c.argv,
        words(&["ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1"])
    );
    assert_eq!(c.text, "ip link add veth0 type veth peer name veth1");
    assert_eq!((s.commands[1].line, s.commands[1].col), (4, 1));
}

#[test]
fn continuation_inside_and_between_words() {
    let c = one("ip li\\\nnk");
    assert_eq!(
        (c.argv, c.text),
        (words(&["ip", "link"]), "ip link".to_string())
    );
    let c = one("ip\\\n   link");
    assert_eq!(
        (c.argv, c.text),
        (words(&["ip", "link"]), "ip link".to_string())
    );
    let c = one("echo \"a\\\nb\" 'c\\\nd'");
    assert_eq!(c.argv, words(&["echo", "ab", "c\\\nd"]));
    assert_eq!(c.text, "echo \"ab\" 'c\\\nd'");
}

#[test]
fn continuation_lines_between_commands() {
    let c = one("\\\nip link");
    assert_eq!((c.line, c.col), (2, 1));
    assert_eq!(
        argvs("ip a \\\n\nip r"),
        vec![words(&["ip", "a"]), words(&["ip", "r"])]
    );
}

#[test]
fn crlf_line_endings() {
    let s = script("ip link\r\n#> a\r\nip addr \\\r\n  show\r\n");
    assert_eq!(s.commands[0].argv, words(&["ip", "link"]));
    assert_eq!(s.commands[0].expects, vec![expect(2, "a")]);
    assert_eq!(s.commands[1].argv, words(&["ip", "addr", "show"]));
    assert_eq!(s.commands[1].text, "ip addr show");
    assert_eq!(s.commands[1].line, 3);
    assert_eq!(
        err("ip a\r\nip b | c\r\n"),
        "t.sh:2:6: pipe '|' is not supported in scenarios"
    );
}

#[test]
fn error_display_format() {
    assert_eq!(
        err("ip netns add a\n\nip -br link s | grep x\n"),
        "t.sh:3:15: pipe '|' is not supported in scenarios"
    );
    let e = parse("dir/x.sh", "ls *").unwrap_err();
    assert_eq!((e.file.as_str(), e.line, e.col), ("dir/x.sh", 1, 4));
    assert_eq!(e.message, "glob '*' is not supported in scenarios");
}

#[test]
fn columns_count_characters() {
    assert_eq!(
        err("echo ü | x"),
        "t.sh:1:8: pipe '|' is not supported in scenarios"
    );
}

#[test]
fn rejected_constructs() {
    let cases = [
        ("ip link show $DEV", 1, 14, "variable expansion '$DEV'"),
        ("echo ${HOME}", 1, 6, "parameter expansion '${'"),
        ("echo $(date)", 1, 6, "command substitution '$('"),
        ("echo $((1+2))", 1, 6, "arithmetic expansion '$(('"),
        ("echo $[1+2]", 1, 6, "arithmetic expansion '$['"),
        ("echo `date`", 1, 6, "command substitution '`'"),
        ("echo $'a'", 1, 6, "ANSI-C quoting \"$'\""),
        ("echo $\"a\"", 1, 6, "locale quoting '$\"'"),
        ("echo $1 x", 1, 6, "variable expansion '$1'"),
        ("echo $? x", 1, 6, "variable expansion '$?'"),
        ("echo a$", 1, 7, "variable expansion '$'"),
        ("echo \"a $x\"", 1, 9, "variable expansion '$x'"),
        ("echo \"$\"", 1, 7, "variable expansion '$'"),
        ("echo \"$(id)\"", 1, 7, "command substitution '$('"),
        ("echo \"`id`\"", 1, 7, "command substitution '`'"),
        ("ip link | grep x", 1, 9, "pipe '|'"),
        ("ip link|grep", 1, 8, "pipe '|'"),
        ("ip link |& x", 1, 9, "pipe '|&'"),
        ("true || false", 1, 6, "or-list '||'"),
        ("true && false", 1, 6, "and-list '&&'"),
        ("ip link; ip addr", 1, 8, "command separator ';'"),
        ("ip link ;; x", 1, 9, "case terminator ';;'"),
        ("ping 10.0.0.1 &", 1, 15, "background '&'"),
        ("ip link > out", 1, 9, "redirection '>'"),
        ("ip link >out", 1, 9, "redirection '>'"),
        ("ip link a>b", 1, 10, "redirection '>'"),
        ("ip link >> out", 1, 9, "redirection '>>'"),
        ("ip link >| out", 1, 9, "redirection '>|'"),
        ("ip link < in", 1, 9, "redirection '<'"),
        ("ip link <> f", 1, 9, "redirection '<>'"),
        ("ip link 2> err", 1, 9, "redirection '2>'"),
        ("ip link 2>&1", 1, 9, "redirection '2>&1'"),
        ("ip link 2>&-", 1, 9, "redirection '2>&-'"),
        ("ip link >&2", 1, 9, "redirection '>&2'"),
        ("ip link &> out", 1, 9, "redirection '&>'"),
        ("ip link &>> out", 1, 9, "redirection '&>>'"),
        ("cat <<EOF", 1, 5, "here-document '<<'"),
        ("cat <<-EOF", 1, 5, "here-document '<<-'"),
        ("cat 0<<EOF", 1, 5, "here-document '0<<'"),
        ("cat <<< x", 1, 5, "here-string '<<<'"),
        ("diff <(a) b", 1, 6, "process substitution '<('"),
        ("tee >(a)", 1, 5, "process substitution '>('"),
        ("(ip link)", 1, 1, "subshell '('"),
        ("ip link)", 1, 8, "subshell ')'"),
        ("f() x", 1, 2, "subshell '('"),
        ("((x++))", 1, 1, "arithmetic command '(('"),
        ("{ ip link; }", 1, 1, "command group '{'"),
        ("ip link }", 1, 9, "command group '}'"),
        ("echo a{b,c}", 1, 7, "brace expansion '{'"),
        ("echo a}", 1, 7, "unquoted brace '}'"),
        ("ls *", 1, 4, "glob '*'"),
        ("ls a?b", 1, 5, "glob '?'"),
        ("ls [ab]", 1, 4, "glob '['"),
        ("ls a[", 1, 5, "glob '['"),
        ("[ -e x ]", 1, 1, "test command '['"),
        ("[[ -e x ]]", 1, 1, "conditional command '[['"),
        ("ls ~/x", 1, 4, "tilde expansion '~'"),
        ("ls a=~/x", 1, 6, "tilde expansion '~'"),
        ("ls a:~", 1, 6, "tilde expansion '~'"),
        ("FOO=bar ip link", 1, 1, "variable assignment 'FOO=bar'"),
        ("FOO+=bar ip", 1, 1, "variable assignment 'FOO+=bar'"),
        ("  _x1=\"a b\" ip", 1, 3, "variable assignment '_x1=a b'"),
        ("A=", 1, 1, "variable assignment 'A='"),
        ("sudo FOO=1 ip", 1, 6, "variable assignment 'FOO=1'"),
        ("! ip link", 1, 1, "pipeline negation '!'"),
        ("sudo", 1, 1, "sudo without a command"),
        ("sudo # x", 1, 1, "sudo without a command"),
        ("sudo for x", 1, 6, "shell keyword 'for'"),
    ];
    for (src, line, col, what) in cases {
        let expected = format!("t.sh:{line}:{col}: {what} is not supported in scenarios");
        assert_eq!(err(src), expected, "{src:?}");
    }
}

#[test]
fn keywords_and_builtins_are_rejected_as_first_word() {
    for word in KEYWORDS {
        let expected = format!("t.sh:2:3: shell keyword '{word}' is not supported in scenarios");
        assert_eq!(err(&format!("ip a\n  {word} x\n")), expected);
    }
    for word in BUILTINS {
        let expected = format!("t.sh:1:1: shell builtin '{word}' is not supported in scenarios");
        assert_eq!(err(&format!("{word} x")), expected);
    }
}

#[test]
fn sudo_options_are_rejected() {
    let expected = "t.sh:1:6: sudo options are not supported in scenarios";
    assert_eq!(err("sudo -E ip link"), expected);
    assert_eq!(err("sudo -- ip link"), expected);
}

#[test]
fn unterminated_quotes_point_at_the_opening_quote() {
    assert_eq!(err("echo \"a"), "t.sh:1:6: unterminated double quote");
    assert_eq!(err("echo 'a"), "t.sh:1:6: unterminated single quote");
    assert_eq!(
        err("ip link\necho a 'b\nc"),
        "t.sh:2:8: unterminated single quote"
    );
    assert_eq!(err("echo \"a\\"), "t.sh:1:6: unterminated double quote");
    assert_eq!(err("echo \"a\\\n"), "t.sh:1:6: unterminated double quote");
}

#[test]
fn continuation_at_end_of_file() {
    let message = "line continuation at end of file";
    assert_eq!(err("ip link \\"), format!("t.sh:1:9: {message}"));
    assert_eq!(err("ip link \\\n"), format!("t.sh:1:9: {message}"));
    assert_eq!(err("ip link\\\n"), format!("t.sh:1:8: {message}"));
    assert_eq!(err("ip a\n\\"), format!("t.sh:2:1: {message}"));
    assert_eq!(err("ip a\n  \\\n"), format!("t.sh:2:3: {message}"));
    assert_eq!(err("ip a\r\n\\\r\n"), format!("t.sh:2:1: {message}"));
}

#[test]
fn misplaced_expectations() {
    let before = "expectation `#>` before any command";
    assert_eq!(err("#> x"), format!("t.sh:1:1: {before}"));
    assert_eq!(err("# c\n\n  #> x\nip a"), format!("t.sh:3:3: {before}"));
    let continued = "expectation `#>` after a line continuation is not supported in scenarios";
    assert_eq!(err("ip link \\\n#> x"), format!("t.sh:2:1: {continued}"));
    assert_eq!(err("ip link\n\\\n  #> x"), format!("t.sh:3:3: {continued}"));
}

#[test]
fn errors_after_continuations_point_at_the_real_position() {
    let src = "ip a\nip link add a \\\n    type veth | x";
    assert_eq!(
        err(src),
        "t.sh:3:15: pipe '|' is not supported in scenarios"
    );
    let src = "echo \"a\\\nb $x\"";
    assert_eq!(
        err(src),
        "t.sh:2:3: variable expansion '$x' is not supported in scenarios"
    );
    assert_eq!(
        err("ec\\\nho *"),
        "t.sh:2:4: glob '*' is not supported in scenarios"
    );
}

#[test]
fn a_seed_style_scenario() {
    let src = "\
#!/bin/bash
# Two namespaces over a veth pair.
sudo ip netns add ns1
sudo ip link add veth0 type veth \\
    peer name veth1 netns ns1
sudo ip netns exec ns1 ip addr add 10.0.0.2/24 dev veth1   # the far end
ip netns exec ns1 ping -c 1 -W 1 10.0.0.2
#> 1 packets transmitted, 1 received, 0% packet loss, time 0ms
iptables -A FORWARD -m comment --comment \"allow 'pods'\" -j ACCEPT
";
    let s = script(src);
    let lines: Vec<_> = s.commands.iter().map(|c| (c.line, c.col)).collect();
    assert_eq!(lines, vec![(3, 6), (4, 6), (6, 6), (7, 1), (9, 1)]);
    assert_eq!(
        s.commands[1].text,
        "ip link add veth0 type veth peer name veth1 netns ns1"
    );
    assert_eq!(
        s.commands[2].text,
        "ip netns exec ns1 ip addr add 10.0.0.2/24 dev veth1"
    );
    assert_eq!(s.commands[3].expects.len(), 1);
    assert_eq!(s.commands[4].argv[6], "allow 'pods'");
}

/// Every position reported, in an error or a command, is a character of `src`.
fn assert_positions_in(src: &str, result: &Result<Script, ScriptError>) {
    let lines: Vec<usize> = src.split('\n').map(|l| l.chars().count()).collect();
    let inside = |line: usize, col: usize| {
        line >= 1 && col >= 1 && lines.get(line - 1).is_some_and(|&len| col <= len)
    };
    match result {
        Err(e) => assert!(inside(e.line, e.col), "{e} outside {src:?}"),
        Ok(script) => {
            for c in &script.commands {
                assert!(inside(c.line, c.col), "{c:?} outside {src:?}");
                assert!(!c.argv.is_empty());
                for e in &c.expects {
                    assert!(inside(e.line, 1), "{e:?} outside {src:?}");
                }
            }
        }
    }
}

/// A first word that is neither special to the shell nor `sudo`.
fn command_name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_./:%@,+-]{1,8}".prop_filter("plain command name", |w| {
        shell_word(w).is_none() && w != "sudo"
    })
}

/// A word that needs no quoting (`#` and `=` are plain inside a word).
fn plain_word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_./:%@,+-][A-Za-z0-9_./:%@,+=#-]{0,8}"
}

proptest! {
    #[test]
    fn never_panics(src in any::<String>()) {
        assert_positions_in(&src, &parse("f.sh", &src));
    }

    #[test]
    fn never_panics_on_shell_syntax(src in r#"[a-z0-9 \t\n\r'"\\#>$|&;<>(){}*?\[\]~=:!`+-]{0,48}"#) {
        assert_positions_in(&src, &parse("f.sh", &src));
    }

    #[test]
    fn plain_words_round_trip(
        commands in prop::collection::vec(
            (
                command_name(),
                prop::collection::vec(
                    (prop_oneof![Just(" "), Just("\t"), Just("   "), Just(" \\\n\t")], plain_word()),
                    0..5,
                ),
                prop_oneof![Just("\n"), Just("\n\n"), Just("\n# note\n"), Just(" # c\n")],
            ),
            0..8,
        )
    ) {
        let mut src = String::new();
        let mut expected = Vec::new();
        for (first, args, end) in &commands {
            let line = 1 + src.matches('\n').count();
            let mut argv = vec![first.clone()];
            let mut text = first.clone();
            src.push_str(first);
            for (sep, word) in args {
                src.push_str(sep);
                src.push_str(word);
                text.push_str(if sep.contains('\\') { " " } else { sep });
                text.push_str(word);
                argv.push(word.clone());
            }
            src.push_str(end);
            expected.push(ScriptCommand { line, col: 1, argv, text, expects: vec![] });
        }
        prop_assert_eq!(script(&src).commands, expected);
    }

    #[test]
    fn single_quoted_strings_round_trip(s in any::<String>()) {
        prop_assume!(!s.contains("\r\n"));
        let src = format!("echo '{}'", s.replace('\'', r"'\''"));
        prop_assert_eq!(one(&src).argv, vec!["echo".to_string(), s]);
    }

    #[test]
    fn double_quoted_strings_round_trip(s in any::<String>()) {
        prop_assume!(!s.contains("\r\n"));
        let mut quoted = String::new();
        for c in s.chars() {
            if matches!(c, '"' | '\\' | '$' | '`') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        prop_assert_eq!(one(&format!("echo \"{quoted}\"")).argv, vec!["echo".to_string(), s]);
    }
}
