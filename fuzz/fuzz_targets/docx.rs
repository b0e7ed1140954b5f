//! Any bytes as a Word document: refused with a message or read as text,
//! within the inflation bound, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = recueil::source::docx::text(data, 1 << 20) {
        let _ = recueil::source::from_bytes("fuzz.docx", text.as_bytes());
    }
});
