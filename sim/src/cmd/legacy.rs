//! net-tools and coreutils commands tutorials use. Being written.
use super::Output;
use crate::model::NsId;
use crate::path::Sim;
pub fn route(_sim: &mut Sim, _ns: NsId, _args: &[String]) -> Output {
    Output::unsupported("route: not yet")
}
pub fn arp(_sim: &mut Sim, _ns: NsId, _args: &[String]) -> Output {
    Output::unsupported("arp: not yet")
}
pub fn ls(_sim: &mut Sim, _args: &[String]) -> Output {
    Output::unsupported("ls: not yet")
}
pub fn echo(args: &[String]) -> Output {
    Output::ok(format!("{}\n", args.join(" ")))
}
pub fn modprobe(_args: &[String]) -> Output {
    Output::default()
}
pub fn sleep(_sim: &mut Sim, _args: &[String]) -> Output {
    Output::default()
}
