//! The UN house style as one table of measures, shared by the DOCX and PDF
//! writers so that both set the same document. Lengths are in points
//! (1 pt = 1/72 in); tune them here, not in the writers.

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

#[derive(Debug, Clone, PartialEq)]
pub struct HouseStyle {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    /// Distance from the page edge to the running head and foot baselines.
    pub header_distance: f32,
    pub footer_distance: f32,
    pub body_size: f32,
    pub body_leading: f32,
    pub chapter_size: f32,
    pub chapter_leading: f32,
    pub subheading_size: f32,
    pub title_size: f32,
    pub symbol_size: f32,
    pub organization_size: f32,
    pub footnote_size: f32,
    /// Left and right indent of numbered paragraphs from the text block.
    pub paragraph_indent: f32,
    /// Further indent of each sub-item level.
    pub item_indent: f32,
    /// Where the numeral of a chapter heading hangs from (left of the title).
    pub heading_hang: f32,
    /// Space after a paragraph, and before and after headings.
    pub paragraph_space_after: f32,
    pub heading_space_before: f32,
    pub heading_space_after: f32,
    /// Length of the short rule above the first page's footnote.
    pub footnote_rule: f32,
    /// Length of the centred rule that ends the document.
    pub end_rule: f32,
    /// Space above the document title, below the masthead.
    pub title_space_before: f32,
    /// From a paragraph's left indent to the text after its number or label
    /// (the tab stop that follows `5.` or `a)`).
    pub number_tab: f32,
    /// How far a footnote's mark hangs left of its text.
    pub footnote_hang: f32,
    /// Width of `Nations Unies` on the first page; the symbol takes the rest.
    pub masthead_organization: f32,
    /// Type size of running heads and feet.
    pub running_size: f32,
    pub body_font: &'static str,
    /// Elasticity of a word space in justified text, as fractions of its width.
    pub space_stretch: f32,
    pub space_shrink: f32,
    /// First page: baseline of the organisation and symbol row, from the top edge.
    pub masthead_top: f32,
    /// First page: left edge of the distribution block, from the text block's left.
    pub distribution_column: f32,
    /// First page: width of the column holding the body, meeting and agenda item.
    pub masthead_column: f32,
    /// The heavy rule that closes the masthead, and the thin rules (under
    /// `Nations Unies` and the symbol, under running heads, the end rule).
    pub rule_thick: f32,
    pub rule_thin: f32,
    /// Page number and job number sizes (running heads: `running_size`).
    pub page_number_size: f32,
    pub job_number_size: f32,
    /// Space between the end of the text and the end rule, so that it
    /// stands apart from the last paragraph.
    pub end_rule_space: f32,
    /// First page: how far the heavy rule lies below the symbol's
    /// baseline, as a fraction of the symbol's size.
    pub symbol_rule_drop: f32,
    /// First page: extra space above the distribution block.
    pub distribution_space: f32,
    /// First page: how far the thin rule lies below the distribution
    /// block's last baseline, as a fraction of the leading.
    pub distribution_rule_drop: f32,
    /// First page: extra space above the body and after its first line
    /// (the body's name stands apart from the meeting's).
    pub body_space: f32,
    pub title_leading: f32,
    pub footnote_leading: f32,
    /// Space between the footnote rule and the footnote's first line.
    pub footnote_rule_space: f32,
    /// First page: the job number's Code 39 barcode. Width of a narrow bar
    /// (a wide one is two), height, and distance from the job number (Code
    /// 39's quiet zone is ten narrow bars).
    pub bar_module: f32,
    pub bar_height: f32,
    pub bar_gap: f32,
    /// First page: side of the QR code (quiet zone excluded) and distance
    /// of its lower edge from the page's bottom edge.
    pub qr_side: f32,
    pub qr_bottom: f32,
}

/// A4 UN parliamentary document: Times New Roman 10/12, text block 16.5 cm.
pub const UN: HouseStyle = HouseStyle {
    page_width: mm(210.0),
    page_height: mm(297.0),
    margin_top: mm(25.0),
    margin_bottom: mm(25.0),
    margin_left: mm(22.5),
    margin_right: mm(22.5),
    header_distance: mm(12.7),
    footer_distance: mm(12.7),
    body_size: 10.0,
    body_leading: 12.0,
    chapter_size: 13.0,
    chapter_leading: 15.0,
    subheading_size: 10.0,
    title_size: 14.0,
    symbol_size: 20.0,
    organization_size: 16.0,
    footnote_size: 8.0,
    paragraph_indent: mm(12.5),
    item_indent: mm(12.5),
    heading_hang: mm(12.5),
    paragraph_space_after: 6.0,
    heading_space_before: 12.0,
    heading_space_after: 12.0,
    footnote_rule: mm(30.0),
    end_rule: mm(30.0),
    title_space_before: 24.0,
    number_tab: mm(6.35),
    footnote_hang: mm(6.35) / 2.0,
    masthead_organization: mm(60.0),
    running_size: 9.0,
    body_font: "Times New Roman",
    space_stretch: 0.6,
    space_shrink: 0.25,
    masthead_top: mm(17.0),
    distribution_column: mm(112.5),
    masthead_column: mm(95.0),
    rule_thick: 2.0,
    rule_thin: 0.5,
    page_number_size: 9.0,
    job_number_size: 8.0,
    end_rule_space: 24.0,
    symbol_rule_drop: 0.35,
    distribution_space: 2.0,
    distribution_rule_drop: 0.6,
    body_space: 4.0,
    title_leading: 17.0,
    footnote_leading: 9.5,
    footnote_rule_space: 3.0,
    // A 0.25 mm bar reads at 300 dpi (three dots a bar); the QR code is the
    // size UN first pages print it, below the text block.
    bar_module: mm(0.25),
    bar_height: mm(6.0),
    bar_gap: mm(4.0),
    qr_side: mm(15.0),
    qr_bottom: mm(8.0),
};

impl HouseStyle {
    pub fn text_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Width of the first page's right-hand column (the distribution block).
    pub(crate) fn distribution_width(&self) -> f32 {
        self.text_width() - self.distribution_column
    }

    /// Whether a line of the masthead's body is set bold: the body's and
    /// the meeting's names are, the closing place-and-dates line is not.
    pub(crate) fn body_line_is_bold(&self, index: usize, lines: usize) -> bool {
        index + 1 < lines || lines == 1
    }
}
