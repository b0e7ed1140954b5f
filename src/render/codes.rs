//! The two machine-readable marks of a UN first page, as geometry both
//! writers draw: the Code 39 barcode of the job number beside it at the
//! foot, and the QR code of the document's address on the Official
//! Document System (`https://undocs.org/<language>/<symbol>`).
//!
//! The symbologies come from `barcoders` and `qrcode`; this module only
//! turns their modules into rectangles. The sizes they are printed at are
//! the house style's (`bar_*`, `qr_*`).

use barcoders::sym::code39::Code39;
use qrcode::{Color, EcLevel, QrCode};

/// A dark rectangle, in modules from the code's top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// A code as dark rectangles on a grid of `columns` × `rows` modules (quiet
/// zone not included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub columns: usize,
    pub rows: usize,
    pub cells: Vec<Cell>,
}

/// The digits of a job number as its barcode carries them
/// (`V.15-06043` → `1506043`); `None` if it has none.
pub fn job_digits(job_number: &str) -> Option<String> {
    let digits: String = job_number.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

/// The Code 39 barcode of the job number's digits, with its start and stop
/// characters (`*`).
pub fn job_barcode(job_number: &str) -> Option<Code> {
    let digits = job_digits(job_number)?;
    let modules = Code39::new(&digits).ok()?.encode();
    let mut cells = Vec::new();
    let mut x = 0;
    while x < modules.len() {
        if modules[x] == 1 {
            let width = modules[x..].iter().take_while(|&&m| m == 1).count();
            cells.push(Cell {
                x,
                y: 0,
                width,
                height: 1,
            });
            x += width;
        } else {
            x += 1;
        }
    }
    Some(Code {
        columns: modules.len(),
        rows: 1,
        cells,
    })
}

/// Where the Official Document System serves the document.
pub fn address(language: &str, symbol: &str) -> Option<String> {
    (!language.is_empty() && !symbol.is_empty())
        .then(|| format!("https://undocs.org/{language}/{symbol}"))
}

/// The QR code of the document's address, if it has one: what the first
/// page of a document in `language` with `symbol` carries.
pub fn document_qr(language: &str, symbol: &str) -> Option<Code> {
    address(language, symbol).and_then(|a| qr(&a))
}

/// The QR code of `text` at error correction level M (15 % of the code may
/// be soiled), each row's dark runs as one rectangle. Both writers draw
/// the same one: the last made is kept, so that it is made once (choosing
/// its mask takes longer than drawing it), while the reports are read.
pub fn qr(text: &str) -> Option<Code> {
    static LAST: std::sync::Mutex<Option<(String, Option<Code>)>> = std::sync::Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    match &*last {
        Some((made_of, code)) if made_of == text => code.clone(),
        _ => {
            let code = make_qr(text);
            *last = Some((text.to_string(), code.clone()));
            code
        }
    }
}

fn make_qr(text: &str) -> Option<Code> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let side = code.width();
    let colours = code.to_colors();
    let mut cells = Vec::new();
    for (y, row) in colours.chunks(side).enumerate() {
        let mut x = 0;
        while x < side {
            if row[x] == Color::Dark {
                let width = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
                cells.push(Cell {
                    x,
                    y,
                    width,
                    height: 1,
                });
                x += width;
            } else {
                x += 1;
            }
        }
    }
    Some(Code {
        columns: side,
        rows: side,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_barcode_carries_the_job_numbers_digits_between_stars() {
        assert_eq!(job_digits("V.15-06043").as_deref(), Some("1506043"));
        assert_eq!(job_digits("Distr."), None);
        let code = job_barcode("V.15-06043").unwrap_or_else(|| panic!("a barcode"));
        // Start, seven digits and stop: nine characters of twelve modules,
        // with a narrow gap between each two.
        assert_eq!(code.columns, 9 * 12 + 8);
        // Each character has five bars; the start character `*` opens with
        // a narrow bar, then a wide space before its second bar.
        assert_eq!(code.cells.len(), 9 * 5);
        assert_eq!(
            code.cells[0],
            Cell {
                x: 0,
                y: 0,
                width: 1,
                height: 1
            }
        );
        assert_eq!(code.cells[1].x, 3);
    }

    #[test]
    fn the_address_is_the_documents_own() {
        assert_eq!(
            address("fr", "CTOC/COP/WG.7/2015/5").as_deref(),
            Some("https://undocs.org/fr/CTOC/COP/WG.7/2015/5")
        );
        assert_eq!(address("fr", ""), None);
    }

    #[test]
    fn the_qr_code_kept_is_the_one_of_the_text_asked_for() {
        let fr = "https://undocs.org/fr/CTOC/COP/WG.7/2015/5";
        let en = "https://undocs.org/en/CTOC/COP/WG.7/2015/5";
        for text in [fr, en, en, fr] {
            assert_eq!(qr(text), make_qr(text), "{text}");
        }
        assert_ne!(qr(fr), qr(en));
    }

    #[test]
    fn the_qr_code_is_square_with_its_finder_patterns() {
        let code =
            qr("https://undocs.org/fr/CTOC/COP/WG.7/2015/5").unwrap_or_else(|| panic!("a QR code"));
        assert_eq!(code.columns, code.rows);
        assert_eq!((code.columns - 17) % 4, 0, "a QR side is 4 v + 17");
        // The top-left finder pattern: a full dark row of seven modules.
        assert_eq!(
            code.cells[0],
            Cell {
                x: 0,
                y: 0,
                width: 7,
                height: 1
            }
        );
    }
}
