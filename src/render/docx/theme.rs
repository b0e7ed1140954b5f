//! The theme part every WordprocessingML document must have (the schema
//! makes the relationship from the main part required), which docx-rs does
//! not write. The house style is set in black in Times New Roman, so the
//! theme says just that: every colour black or white, Times New Roman for
//! headings and body, and the plainest fills, lines and effects the schema
//! allows (three of each, its minimum).

pub const PART: &str = "word/theme/theme1.xml";
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
pub const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// The target as the main part's relationships name it.
pub const TARGET: &str = "theme/theme1.xml";

pub fn xml(font: &str) -> String {
    let colour =
        |name: &str, rgb: &str| format!(r#"<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>"#);
    let mut colours = String::new();
    for (name, rgb) in [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "000000"),
        ("lt2", "FFFFFF"),
    ] {
        colours.push_str(&colour(name, rgb));
    }
    for name in [
        "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink",
    ] {
        colours.push_str(&colour(name, "000000"));
    }
    let face = format!(
        r#"<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface="{font}"/>"#,
        font = escape(font)
    );
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let fills = solid.repeat(3);
    let line = format!(r#"<a:ln w="6350">{solid}</a:ln>"#).repeat(3);
    let effects = "<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="UN">"#,
            "<a:themeElements>",
            r#"<a:clrScheme name="UN">{colours}</a:clrScheme>"#,
            r#"<a:fontScheme name="UN"><a:majorFont>{face}</a:majorFont><a:minorFont>{face}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="UN">"#,
            "<a:fillStyleLst>{fills}</a:fillStyleLst>",
            "<a:lnStyleLst>{line}</a:lnStyleLst>",
            "<a:effectStyleLst>{effects}</a:effectStyleLst>",
            "<a:bgFillStyleLst>{fills}</a:bgFillStyleLst>",
            "</a:fmtScheme>",
            "</a:themeElements>",
            "<a:objectDefaults/><a:extraClrSchemeLst/>",
            "</a:theme>"
        ),
        colours = colours,
        face = face,
        fills = fills,
        line = line,
        effects = effects,
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}
