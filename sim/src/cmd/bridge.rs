//! `bridge` (iproute2) and legacy `brctl`. Being written.
use super::Output;
use crate::model::NsId;
use crate::path::Sim;
pub fn run(_sim: &mut Sim, _ns: NsId, _args: &[String]) -> Output {
    Output::unsupported("bridge: not yet")
}
pub fn brctl(_sim: &mut Sim, _ns: NsId, _args: &[String]) -> Output {
    Output::unsupported("brctl: not yet")
}
