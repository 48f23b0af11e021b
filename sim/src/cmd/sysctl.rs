//! `sysctl`. Being written.
use super::Output;
use crate::model::NsId;
use crate::path::Sim;
pub fn run(_sim: &mut Sim, _ns: NsId, _args: &[String]) -> Output {
    Output::unsupported("sysctl: not yet")
}
