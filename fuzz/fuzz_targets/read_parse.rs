//! Any bytes through the reader, the parser and the extraction: each stage
//! may refuse its input with a diagnostic, none may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = recueil::source::from_bytes("fuzz.txt", data) else {
        return;
    };
    let Ok(parsed) = recueil::parse::parse(&source) else {
        return;
    };
    for w in &parsed.warnings {
        let _ = w.to_string();
    }
    if let Ok(recommendations) = recueil::extract::extract(&parsed.report) {
        for r in &recommendations {
            let _ = r.inline_text();
        }
    }
});
