//! Scenario scripts: bash-compatible command lists with `#>` expectations.
//!
//! A scenario is a script that bash runs unchanged (`sudo unshare --net bash scenario.sh`) and
//! that pathsim interprets without a shell. So this module accepts exactly the part of bash
//! whose meaning is fixed when the file is read — one simple command per line, words and
//! quotes — and rejects, with `file:line:col`, everything whose meaning needs a running shell.
//! Nothing is silently skipped: a scenario means the same to bash and to pathsim, or it fails.
//!
//! Supported, with bash semantics:
//! - one simple command per line; blank lines; `#` comments, which start at the beginning of
//!   a word only (`ip link # note` has a comment, `a#b` is one word); a `#!` line.
//! - `#>` lines (first non-blank characters `#>`): expected output of the command above. The
//!   text is what follows `#>`, minus one leading space.
//! - quoting: `'…'` (literal), `"…"` (literal but for `\"`, `\\`, `\$`, `` \` ``), `\x` outside
//!   quotes; adjacent parts form one word (`a"b"'c'` is `abc`); quotes may span lines.
//! - `\` before a newline joins lines, also inside double quotes.
//! - a leading bare `sudo`, which is dropped; CRLF line endings.
//!
//! Rejected (`… is not supported in scenarios`), because it needs a shell at run time or would
//! change what the words are: expansions (`$VAR`, `${`, `$(`, `$((`, backticks, globs `*` `?`
//! `[`, braces, `~`), control operators (`|`, `||`, `&&`, `;`, `&`), redirections and
//! here-documents, subshells and groups, assignments (`FOO=bar cmd`), shell keywords and the
//! builtins that change the shell itself (`cd`, `export`, `source`, …), and `sudo` options.
//! Whether a command itself is supported is for [`crate::cmd`] to say.

mod lexer;
#[cfg(test)]
mod tests;

use lexer::{Item, Lexer, Pos, Word};

/// One command of a script, with the expectations written under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ScriptCommand {
    /// 1-based line of the command's first word (after a stripped `sudo`).
    pub line: usize,
    /// 1-based column (in characters) of the command's first word.
    pub col: usize,
    /// The words after quote removal, without a leading `sudo`.
    pub argv: Vec<String>,
    /// The command as written, for echoing: without `sudo ` and comments, line continuations
    /// between words replaced by a single space.
    pub text: String,
    /// The `#>` lines that follow it.
    pub expects: Vec<Expect>,
}

/// A `#>` line: one line the output of the command above must contain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Expect {
    /// 1-based line of the `#>`.
    pub line: usize,
    /// The text after `#>`, with one leading space removed if present.
    pub text: String,
}

/// A parsed scenario.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Script {
    /// The file name given to [`parse`], for messages.
    pub file: String,
    /// The commands in order.
    pub commands: Vec<ScriptCommand>,
}

/// Why a script was rejected, and where (1-based line and column in characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct ScriptError {
    /// The file name given to [`parse`].
    pub file: String,
    /// 1-based line of the offending character.
    pub line: usize,
    /// 1-based column (in characters) of the offending character.
    pub col: usize,
    /// What is wrong, e.g. `pipe '|' is not supported in scenarios`.
    pub message: String,
}

impl ScriptError {
    fn at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        ScriptError {
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }
}

/// Reserved words of bash: they only mean something to a shell.
const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "function", "select", "in", "time", "coproc",
];

/// Builtins that change the shell itself (its variables, directory, options or control flow).
const BUILTINS: &[&str] = &[
    "export", "source", ".", "alias", "unalias", "unset", "set", "cd", "exit", "declare", "local",
    "readonly", "typeset", "eval", "exec", "trap", "shift", "return", "break", "continue", "let",
    "shopt", "pushd", "popd",
];

/// Parses the scenario `src`; `file` only names it in errors.
///
/// ```
/// use pathsim::script::parse;
///
/// let src = "sudo ip link add a type veth \\\n    peer name b\n#> ok\n";
/// let command = &parse("demo.sh", src).unwrap().commands[0];
/// assert_eq!(command.argv, ["ip", "link", "add", "a", "type", "veth", "peer", "name", "b"]);
/// assert_eq!(command.text, "ip link add a type veth peer name b");
/// assert_eq!((command.line, command.col, command.expects[0].text.as_str()), (1, 6, "ok"));
///
/// let error = parse("demo.sh", "ip link | grep a").unwrap_err();
/// assert_eq!(error.to_string(), "demo.sh:1:9: pipe '|' is not supported in scenarios");
/// ```
pub fn parse(file: &str, src: &str) -> Result<Script, ScriptError> {
    let mut lexer = Lexer::new(file, src);
    let mut commands: Vec<ScriptCommand> = Vec::new();
    while let Some(item) = lexer.next_item()? {
        match item {
            Item::Expect { pos, expect } => match commands.last_mut() {
                Some(command) => command.expects.push(expect),
                None => {
                    let message = "expectation `#>` before any command";
                    return Err(ScriptError::at(file, pos, message));
                }
            },
            Item::Command(first, rest) => commands.push(command(file, first, rest)?),
        }
    }
    Ok(Script {
        file: file.to_string(),
        commands,
    })
}

/// What a first word means to the shell, if it is not a command name.
fn shell_word(word: &str) -> Option<String> {
    if KEYWORDS.contains(&word) {
        Some(format!("shell keyword '{word}'"))
    } else if BUILTINS.contains(&word) {
        Some(format!("shell builtin '{word}'"))
    } else if word == "!" {
        Some("pipeline negation '!'".to_string())
    } else {
        None
    }
}

/// Builds a command from its words: drops a leading `sudo`, checks the first word.
fn command(file: &str, first: Word, rest: Vec<Word>) -> Result<ScriptCommand, ScriptError> {
    let unsupported = |pos, what: &str| {
        ScriptError::at(file, pos, format!("{what} is not supported in scenarios"))
    };
    let mut rest = rest.into_iter();
    let first = if first.value == "sudo" {
        match rest.next() {
            None => return Err(unsupported(first.pos, "sudo without a command")),
            Some(word) if word.value.starts_with('-') => {
                let message = "sudo options are not supported in scenarios";
                return Err(ScriptError::at(file, word.pos, message));
            }
            Some(word) => word,
        }
    } else {
        first
    };
    if first.assignment {
        let what = format!("variable assignment '{}'", first.value);
        return Err(unsupported(first.pos, &what));
    }
    if let Some(what) = shell_word(&first.value) {
        return Err(unsupported(first.pos, &what));
    }
    let mut text = first.raw;
    let mut argv = vec![first.value];
    for word in rest {
        text.push_str(&word.sep);
        text.push_str(&word.raw);
        argv.push(word.value);
    }
    Ok(ScriptCommand {
        line: first.pos.line,
        col: first.pos.col,
        argv,
        text,
        expects: Vec::new(),
    })
}
