//! The ways an iptables command fails, each rendered as iptables v1.8.9 (nf_tables) prints it.

/// The version banner iptables puts in front of its fatal errors.
pub const VERSION: &str = "v1.8.9 (nf_tables)";

/// Kernel error texts (`nft_strerror` / `mnl_err_list` of iptables-nft).
pub const NO_CHAIN: &str = "No chain/target/match by that name";
pub const BAD_RULE: &str = "Bad rule (does a matching rule exist in that chain?)";
pub const CHAIN_EXISTS: &str = "Chain already exists";
pub const INSERT_TOO_BIG: &str = "Index of insertion too big";
pub const FILE_EXISTS: &str = "File exists";
pub const BAD_BUILTIN: &str = "Bad built-in chain name";
pub const BAD_POLICY: &str = "Bad policy name. Run `dmesg' for more information";

/// A failed iptables command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NfError {
    /// `xtables_error(PARAMETER_PROBLEM, …)`: status 2, followed by the `Try … --help` line.
    Param(String),
    /// A kernel refusal iptables translates: `iptables: MSG.`, status 1.
    Kernel(&'static str),
    /// A failed nf_tables batch: `iptables v1.8.9 (nf_tables):  OP failed (ERRNO): WHAT`,
    /// status 4.
    Batch {
        op: &'static str,
        errno: &'static str,
        what: String,
    },
    /// Another fatal error: `iptables v1.8.9 (nf_tables): MSG` with its status.
    Fatal(String, i32),
    /// Something pathsim does not model: names it and what is supported.
    Unsupported(String),
}

impl NfError {
    /// `RULE_APPEND failed (Invalid argument): rule in chain C` and its siblings.
    pub fn einval(op: &'static str, chain: &str) -> NfError {
        NfError::Batch {
            op,
            errno: "Invalid argument",
            what: format!("rule in chain {chain}"),
        }
    }

    /// The message as `prog` (`iptables`) prints it, and the exit status.
    pub fn render(&self, prog: &str) -> (String, i32) {
        match self {
            NfError::Param(m) => (
                format!(
                    "{prog} {VERSION}: {m}\nTry `{prog} -h' or '{prog} --help' for more information.\n"
                ),
                2,
            ),
            NfError::Kernel(m) => (format!("{prog}: {m}.\n"), 1),
            NfError::Batch { op, errno, what } => {
                (format!("{prog} {VERSION}:  {op} failed ({errno}): {what}\n"), 4)
            }
            NfError::Fatal(m, status) => (format!("{prog} {VERSION}: {m}\n"), *status),
            NfError::Unsupported(m) => (format!("{m}\n"), 127),
        }
    }
}
