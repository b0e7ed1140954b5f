//! Errors and warnings that point at a place in an input file, written the
//! way compilers write them (`path:line:col: error: …`) so that editors and
//! people find the spot at once.

use serde::Serialize;
use std::fmt;

/// Line and column (1-based) of a byte offset in text: lines end at `\n`,
/// `\r\n` or a lone `\r`, as the reader splits them; columns count
/// characters. The one place positions are counted.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let mut line = 1;
    let mut start = 0;
    for (i, &b) in before.iter().enumerate() {
        let ends = match b {
            b'\n' => true,
            b'\r' => before.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if ends {
            line += 1;
            start = i + 1;
        }
    }
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl Diagnostic {
    /// `path:line:col: error: message`, the line every form starts with.
    fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {kind}: {}",
            self.path,
            self.line.max(1),
            self.column.max(1),
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// How diagnostics are shown on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The first line, the offending source line with a marker, the hint.
    Full,
    /// One line per problem.
    Short,
    /// One JSON object per line.
    Json,
}

impl Diagnostic {
    /// The diagnostic as shown to people, with the source line it points at
    /// when the file is text and can be read again.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string(self).expect("a diagnostic serialises"),
            Format::Short => self.headline(),
            Format::Full => {
                let mut out = self.headline();
                if let Some(text) = self.source_line() {
                    let number = self.line.to_string();
                    let pad = " ".repeat(number.len());
                    let marker = " ".repeat(self.column.saturating_sub(1));
                    out.push_str(&format!("\n{pad} |\n{number} | {text}\n{pad} | {marker}^"));
                }
                if let Some(hint) = &self.hint {
                    out.push_str(&format!("\n  = hint: {hint}"));
                }
                out
            }
        }
    }

    fn source_line(&self) -> Option<String> {
        if self.line == 0 {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") || bytes.contains(&0) {
            return None;
        }
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        let line = text.split(['\n', '\r']).nth(self.line - 1)?;
        let shown: String = line
            .chars()
            .take(160)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        Some(shown.trim_end().to_string())
    }
}
