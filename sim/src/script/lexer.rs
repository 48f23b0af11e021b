//! Character-level lexer: scenario source to commands (lists of words) and `#>` lines.
//!
//! It follows bash's token rules for the subset it accepts, and stops with an error at the
//! first character whose shell meaning is not supported (see the [module doc](super)).
//! Positions are counted in characters on the physical line, so an error points at the
//! real place in the file even after line continuations.

use super::{Expect, ScriptError};

/// A 1-based line and column (in characters) in the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One word of a command.
#[derive(Debug)]
pub(super) struct Word {
    /// Where the word's first character is.
    pub pos: Pos,
    /// The word after quote removal.
    pub value: String,
    /// The word as written, without line continuations.
    pub raw: String,
    /// What separates it from the previous word when echoing: the blanks as written, or a
    /// single space when a line continuation is among them.
    pub sep: String,
    /// The word starts with an unquoted `NAME=` or `NAME+=` (an assignment in command position).
    pub assignment: bool,
}

/// What the lexer yields.
#[derive(Debug)]
pub(super) enum Item {
    /// A command: its first word and the rest.
    Command(Word, Vec<Word>),
    /// A `#>` line; `pos` is the `#`.
    Expect { pos: Pos, expect: Expect },
}

const EXPECT_AFTER_CONTINUATION: &str =
    "expectation `#>` after a line continuation is not supported in scenarios";

/// Blanks separate words (bash's `<space>` and `<tab>`).
fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// A character (or the end of input) that ends an unquoted word.
fn ends_word(c: Option<char>) -> bool {
    c.is_none_or(|c| is_blank(c) || c == '\n')
}

/// Reads a scenario item by item; see [`Lexer::next_item`].
pub(super) struct Lexer<'a> {
    file: &'a str,
    chars: Vec<char>,
    i: usize,
    pos: Pos,
    /// The current physical line was reached through a line continuation.
    continued: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer over `src`; CRLF line endings are read as LF.
    pub fn new(file: &'a str, src: &str) -> Self {
        Lexer {
            file,
            chars: src.replace("\r\n", "\n").chars().collect(),
            i: 0,
            pos: Pos { line: 1, col: 1 },
            continued: false,
        }
    }

    /// The next command or expectation, or `None` at the end of the input.
    pub fn next_item(&mut self) -> Result<Option<Item>, ScriptError> {
        loop {
            self.skip_blanks()?;
            match self.peek(0) {
                None => return Ok(None),
                Some('\n') => {
                    self.bump();
                }
                Some('#') if self.at_expectation() => {
                    if self.continued {
                        return Err(self.error(self.pos, EXPECT_AFTER_CONTINUATION));
                    }
                    return Ok(Some(self.expectation()));
                }
                Some('#') => self.skip_comment(),
                Some(_) => return self.command().map(Some),
            }
        }
    }

    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
            self.continued = false;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn error(&self, pos: Pos, message: impl Into<String>) -> ScriptError {
        ScriptError::at(self.file, pos, message)
    }

    fn unsupported(&self, pos: Pos, what: &str) -> ScriptError {
        self.error(pos, format!("{what} is not supported in scenarios"))
    }

    /// At a `\` that joins this line with the next (or that ends the input).
    fn at_continuation(&self) -> bool {
        self.peek(0) == Some('\\') && matches!(self.peek(1), Some('\n') | None)
    }

    /// Consumes the line continuation at the cursor; one that leads nowhere is an error.
    fn continuation(&mut self) -> Result<(), ScriptError> {
        if self.peek(2).is_none() {
            return Err(self.error(self.pos, "line continuation at end of file"));
        }
        self.bump();
        self.bump();
        self.continued = true;
        Ok(())
    }

    fn skip_blanks(&mut self) -> Result<(), ScriptError> {
        loop {
            match self.peek(0) {
                Some(c) if is_blank(c) => {
                    self.bump();
                }
                _ if self.at_continuation() => self.continuation()?,
                _ => return Ok(()),
            }
        }
    }

    /// At `#>` with only blanks before it on the physical line.
    fn at_expectation(&self) -> bool {
        self.peek(0) == Some('#')
            && self.peek(1) == Some('>')
            && self.chars[..self.i]
                .iter()
                .rev()
                .take_while(|&&c| c != '\n')
                .all(|&c| is_blank(c))
    }

    /// Everything up to (not including) the end of the line.
    fn rest_of_line(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.peek(0).filter(|&c| c != '\n') {
            text.push(c);
            self.bump();
        }
        text
    }

    fn skip_comment(&mut self) {
        self.rest_of_line();
    }

    /// Reads a `#>` line (the cursor is at the `#`).
    fn expectation(&mut self) -> Item {
        let pos = self.pos;
        self.bump();
        self.bump();
        let rest = self.rest_of_line();
        let text = rest.strip_prefix(' ').unwrap_or(&rest);
        Item::Expect {
            pos,
            expect: Expect {
                line: pos.line,
                text: text.trim_end_matches('\r').to_string(),
            },
        }
    }

    /// Reads the words of one command, through the newline (or comment) that ends it.
    fn command(&mut self) -> Result<Item, ScriptError> {
        let (first, mut joined) = self.word()?;
        let mut rest = Vec::new();
        let mut sep = String::new();
        loop {
            match self.peek(0) {
                None => break,
                Some('\n') => {
                    self.bump();
                    break;
                }
                Some(c) if is_blank(c) => {
                    sep.push(c);
                    self.bump();
                }
                _ if self.at_continuation() => {
                    self.continuation()?;
                    joined = true;
                }
                Some('#') if self.at_expectation() => {
                    return Err(self.error(self.pos, EXPECT_AFTER_CONTINUATION));
                }
                Some('#') => self.skip_comment(),
                Some(_) => {
                    let (mut word, trailing) = self.word()?;
                    word.sep = if joined { " ".to_string() } else { sep.clone() };
                    sep.clear();
                    joined = trailing;
                    rest.push(word);
                }
            }
        }
        Ok(Item::Command(first, rest))
    }

    /// Reads one word; also tells whether it ended right after a line continuation.
    fn word(&mut self) -> Result<(Word, bool), ScriptError> {
        let pos = self.pos;
        let mut value = String::new();
        let mut raw = String::new();
        // Something of the word was read (a `~` is special at the start only).
        let mut started = false;
        // The last character read, if it was unquoted.
        let mut prev = None;
        // All read so far is an unquoted shell name (so `=` makes an assignment).
        let mut name = true;
        let mut assignment = false;
        let mut trailing = false;
        loop {
            let c = match self.peek(0) {
                Some(c) if !ends_word(Some(c)) => c,
                _ => break,
            };
            if self.at_continuation() {
                self.continuation()?;
                trailing = true;
                continue;
            }
            trailing = false;
            let here = self.pos;
            match c {
                '\'' => {
                    self.single_quoted(&mut value, &mut raw)?;
                    prev = None;
                    name = false;
                }
                '"' => {
                    self.double_quoted(&mut value, &mut raw)?;
                    prev = None;
                    name = false;
                }
                '\\' => {
                    self.bump();
                    let escaped = self.bump().unwrap_or_default();
                    raw.push('\\');
                    raw.push(escaped);
                    value.push(escaped);
                    prev = None;
                    name = false;
                }
                '$' => return Err(self.unsupported(here, &self.dollar(false))),
                '`' => return Err(self.unsupported(here, "command substitution '`'")),
                '|' | '&' | ';' | '<' | '>' | '(' | ')' => {
                    return Err(self.operator(pos, here, &raw));
                }
                '[' if !started && ends_word(self.peek(1)) => {
                    return Err(self.unsupported(here, "test command '['"));
                }
                '[' if !started && self.peek(1) == Some('[') && ends_word(self.peek(2)) => {
                    return Err(self.unsupported(here, "conditional command '[['"));
                }
                '*' | '?' | '[' => return Err(self.unsupported(here, &format!("glob '{c}'"))),
                '{' | '}' if !started && ends_word(self.peek(1)) => {
                    return Err(self.unsupported(here, &format!("command group '{c}'")));
                }
                '{' => return Err(self.unsupported(here, "brace expansion '{'")),
                '}' => return Err(self.unsupported(here, "unquoted brace '}'")),
                '~' if !started || matches!(prev, Some('=' | ':')) => {
                    return Err(self.unsupported(here, "tilde expansion '~'"));
                }
                _ => {
                    let assigns = c == '=' || (c == '+' && self.peek(1) == Some('='));
                    if name && started && assigns {
                        assignment = true;
                    }
                    name = name
                        && (c == '_' || c.is_ascii_alphabetic() || (started && c.is_ascii_digit()));
                    self.bump();
                    raw.push(c);
                    value.push(c);
                    prev = Some(c);
                }
            }
            started = true;
        }
        let word = Word {
            pos,
            value,
            raw,
            sep: String::new(),
            assignment,
        };
        Ok((word, trailing))
    }

    /// Reads `'…'`: everything up to the next `'` is literal.
    fn single_quoted(&mut self, value: &mut String, raw: &mut String) -> Result<(), ScriptError> {
        let open = self.pos;
        self.bump();
        raw.push('\'');
        loop {
            match self.bump() {
                None => return Err(self.error(open, "unterminated single quote")),
                Some('\'') => {
                    raw.push('\'');
                    return Ok(());
                }
                Some(c) => {
                    raw.push(c);
                    value.push(c);
                }
            }
        }
    }

    /// Reads `"…"`: literal but for the escapes `\"`, `\\`, `\$`, `` \` `` and line
    /// continuations; `$` and backticks would expand, so they are rejected.
    fn double_quoted(&mut self, value: &mut String, raw: &mut String) -> Result<(), ScriptError> {
        let open = self.pos;
        self.bump();
        raw.push('"');
        loop {
            let here = self.pos;
            match self.peek(0) {
                None => return Err(self.error(open, "unterminated double quote")),
                Some('"') => {
                    self.bump();
                    raw.push('"');
                    return Ok(());
                }
                Some('$') => return Err(self.unsupported(here, &self.dollar(true))),
                Some('`') => return Err(self.unsupported(here, "command substitution '`'")),
                Some('\\') => match self.peek(1) {
                    Some('\n') => {
                        self.bump();
                        self.bump();
                        self.continued = true;
                    }
                    Some(c @ ('"' | '\\' | '$' | '`')) => {
                        self.bump();
                        self.bump();
                        raw.push('\\');
                        raw.push(c);
                        value.push(c);
                    }
                    _ => {
                        self.bump();
                        raw.push('\\');
                        value.push('\\');
                    }
                },
                Some(c) => {
                    self.bump();
                    raw.push(c);
                    value.push(c);
                }
            }
        }
    }

    /// Names the expansion that starts at the `$` under the cursor.
    fn dollar(&self, in_double_quotes: bool) -> String {
        let next = self.peek(1);
        let what = match (next, self.peek(2)) {
            (Some('('), Some('(')) => "arithmetic expansion '$(('",
            (Some('('), _) => "command substitution '$('",
            (Some('{'), _) => "parameter expansion '${'",
            (Some('['), _) => "arithmetic expansion '$['",
            (Some('\''), _) if !in_double_quotes => "ANSI-C quoting \"$'\"",
            (Some('"'), _) if !in_double_quotes => "locale quoting '$\"'",
            _ => {
                let name: String = match next {
                    Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => c.to_string(),
                    _ => self.chars[self.i + 1..]
                        .iter()
                        .enumerate()
                        .take_while(|&(k, &c)| {
                            c == '_' || c.is_ascii_alphabetic() || (k > 0 && c.is_ascii_digit())
                        })
                        .map(|(_, &c)| c)
                        .collect(),
                };
                return format!("variable expansion '${name}'");
            }
        };
        what.to_string()
    }

    /// The error for the control or redirection operator at `here`. `raw` is the word read so
    /// far: all digits in front of `<` or `>` are a file descriptor number (`2>&1`), and
    /// the error then points at the word's start `pos`.
    fn operator(&self, pos: Pos, here: Pos, raw: &str) -> ScriptError {
        let c = self.peek(0).unwrap_or_default();
        let (n1, n2) = (self.peek(1), self.peek(2));
        let what = match (c, n1, n2) {
            ('|', Some('|'), _) => "or-list '||'".to_string(),
            ('|', Some('&'), _) => "pipe '|&'".to_string(),
            ('|', _, _) => "pipe '|'".to_string(),
            ('&', Some('&'), _) => "and-list '&&'".to_string(),
            ('&', Some('>'), Some('>')) => "redirection '&>>'".to_string(),
            ('&', Some('>'), _) => "redirection '&>'".to_string(),
            ('&', _, _) => "background '&'".to_string(),
            (';', Some(';'), _) => "case terminator ';;'".to_string(),
            (';', _, _) => "command separator ';'".to_string(),
            ('(', Some('('), _) => "arithmetic command '(('".to_string(),
            ('(', _, _) => "subshell '('".to_string(),
            (')', _, _) => "subshell ')'".to_string(),
            _ => {
                let fd = if !raw.is_empty() && raw.chars().all(|c| c.is_ascii_digit()) {
                    raw
                } else {
                    ""
                };
                let (kind, op) = self.redirection();
                let at = if fd.is_empty() { here } else { pos };
                return self.unsupported(at, &format!("{kind} '{fd}{op}'"));
            }
        };
        self.unsupported(here, &what)
    }

    /// Names the `<` or `>` construct under the cursor: its kind and its operator.
    fn redirection(&self) -> (&'static str, String) {
        let c = self.peek(0).unwrap_or_default();
        let (n1, n2) = (self.peek(1), self.peek(2));
        match (c, n1, n2) {
            ('<', Some('<'), Some('<')) => ("here-string", "<<<".to_string()),
            ('<', Some('<'), Some('-')) => ("here-document", "<<-".to_string()),
            ('<', Some('<'), _) => ("here-document", "<<".to_string()),
            (_, Some('('), _) => ("process substitution", format!("{c}(")),
            _ => {
                let mut op = c.to_string();
                let second = if c == '<' { "&>" } else { ">&|" };
                if let Some(n) = n1.filter(|&n| second.contains(n)) {
                    op.push(n);
                }
                if op.ends_with('&') {
                    if self.peek(2) == Some('-') {
                        op.push('-');
                    } else {
                        let target = &self.chars[self.i + 2..];
                        op.extend(target.iter().take_while(|c| c.is_ascii_digit()));
                    }
                }
                ("redirection", op)
            }
        }
    }
}
