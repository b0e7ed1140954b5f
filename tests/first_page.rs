//! The first page as a UN reader and a scanner see it: the barcode of the
//! job number and the QR code of the document's address, read back with
//! zbarimg from page 1 printed at 300 dpi, of the PDF recueil writes and of
//! the Word document as LibreOffice prints it.

mod common;

use common::{checking_tool, libreoffice_convert, run_tool, write_both_editions};
use std::path::Path;
use std::process::Command;

/// What each edition's first page must carry, as its manifest states it.
const CODES: [(&str, &str, &str); 2] = [
    (
        "CTOC-COP-WG.7-2015-5.fr",
        "CODE-39:1506043",
        "QR-Code:https://undocs.org/fr/CTOC/COP/WG.7/2015/5",
    ),
    (
        "CTOC-COP-WG.7-2016-2.fr",
        "CODE-39:1600001",
        "QR-Code:https://undocs.org/fr/CTOC/COP/WG.7/2016/2",
    ),
];

/// The symbols zbarimg reads on page 1 of `pdf` at 300 dpi, sorted.
fn symbols_on_page_one(pdf: &Path) -> Vec<String> {
    let name = pdf.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    let stem = pdf.with_file_name(format!("{name}-page1"));
    run_tool(
        Command::new(checking_tool("pdftoppm"))
            .args(["-r", "300", "-f", "1", "-l", "1", "-singlefile", "-png"])
            .arg(pdf)
            .arg(&stem),
    );
    let png = pdf.with_file_name(format!("{name}-page1.png"));
    let text = run_tool(Command::new(checking_tool("zbarimg")).arg("-q").arg(&png));
    let mut symbols: Vec<String> = text.lines().map(str::to_owned).collect();
    symbols.sort();
    symbols
}

fn expected(barcode: &str, qr: &str) -> Vec<String> {
    let mut want = vec![barcode.to_owned(), qr.to_owned()];
    want.sort();
    want
}

#[test]
fn barcode_and_qr_code_read_back_from_the_pdf() {
    let (dir, _) = write_both_editions("first-page-pdf");
    for (name, barcode, qr) in CODES {
        let got = symbols_on_page_one(&dir.join(format!("{name}.pdf")));
        assert_eq!(got, expected(barcode, qr), "{name}.pdf");
    }
}

#[test]
fn barcode_and_qr_code_read_back_from_the_docx_printed_by_libreoffice() {
    let (dir, _) = write_both_editions("first-page-docx");
    let printed = dir.join("printed");
    std::fs::create_dir_all(&printed).unwrap();
    for (name, barcode, qr) in CODES {
        let pdf = libreoffice_convert(&dir.join(format!("{name}.docx")), "pdf", &printed);
        let got = symbols_on_page_one(&pdf);
        assert_eq!(got, expected(barcode, qr), "{name}.docx");
    }
}
