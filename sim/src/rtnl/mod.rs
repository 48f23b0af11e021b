//! The kernel's configuration side: what the rtnetlink handlers do when `ip`, `bridge` or a
//! sysctl write changes the world (`net/core/rtnetlink.c`, `net/core/dev.c`,
//! `net/ipv4/devinet.c`, `net/ipv4/fib_frontend.c`, `drivers/net/veth.c`,
//! `net/bridge/br_if.c`), including the side effects: a device going down drops its routes
//! and neighbours, an address brings its local and prefix routes, a moved device loses its
//! addresses.
//!
//! Errors are the errno (and extack message) the kernel answers with; `cmd` prints them the
//! way iproute2 does.

pub mod addr;
pub mod link;
pub mod linkwatch;
pub mod route;
pub mod vxlan;

/// A refused request: the errno, and the extack message when the kernel sends one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub errno: Errno,
    pub extack: Option<&'static str>,
}

impl Refused {
    pub fn errno(errno: Errno) -> Self {
        Refused {
            errno,
            extack: None,
        }
    }

    pub fn msg(errno: Errno, extack: &'static str) -> Self {
        Refused {
            errno,
            extack: Some(extack),
        }
    }

    /// The line iproute2 prints: `Error: <extack>.` or `RTNETLINK answers: <strerror>`.
    pub fn iproute2_line(&self) -> String {
        match self.extack {
            Some(m) => format!("Error: {m}."),
            None => format!("RTNETLINK answers: {}", self.errno.text()),
        }
    }
}

/// The errno values the model produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Errno {
    Exist,
    NoEnt,
    Srch,
    Inval,
    NoDev,
    NetDown,
    NetUnreach,
    HostUnreach,
    Access,
    Busy,
    NotSupp,
    Range,
    AddrNotAvail,
}

impl Errno {
    /// `strerror` text.
    pub fn text(self) -> &'static str {
        match self {
            Errno::Exist => "File exists",
            Errno::NoEnt => "No such file or directory",
            Errno::Srch => "No such process",
            Errno::Inval => "Invalid argument",
            Errno::NoDev => "No such device",
            Errno::NetDown => "Network is down",
            Errno::NetUnreach => "Network is unreachable",
            Errno::HostUnreach => "No route to host",
            Errno::Access => "Permission denied",
            Errno::Busy => "Device or resource busy",
            Errno::NotSupp => "Operation not supported",
            Errno::Range => "Numerical result out of range",
            Errno::AddrNotAvail => "Cannot assign requested address",
        }
    }
}

#[cfg(test)]
mod tests;
