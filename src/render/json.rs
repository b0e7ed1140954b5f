//! The compilation as JSON: the model itself, pretty-printed, so that it can
//! be read back (`serde_json::from_slice`) into the same model.

use crate::model::Compilation;

pub fn write(compilation: &Compilation) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(compilation).expect("the model always serialises");
    out.push(b'\n');
    out
}

pub fn read(bytes: &[u8]) -> Result<Compilation, serde_json::Error> {
    serde_json::from_slice(bytes)
}
