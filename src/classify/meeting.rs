//! Which meeting each report is from. The report's own words decide (its
//! title, introduction or chapeau); where it names no ordinal, the
//! manifest's list of meetings by symbol; failing that, the order of the
//! meetings' dates among all the reports and editions compiled together.

use crate::diagnostic::Diagnostic;
use crate::manifest::MeetingSpec;
use crate::model::{Meeting, Report};

/// How a report's meeting was settled, for the record.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingDecision {
    pub meeting: Meeting,
    pub reason: String,
}

/// Settles the meeting of each report; `known` are meetings of a base
/// edition, which come before the reports' own in date order.
pub fn assign(
    reports: &[&Report],
    specs: &[MeetingSpec],
    known: &[Meeting],
) -> Result<Vec<MeetingDecision>, Diagnostic> {
    let mut decisions = Vec::new();
    for report in reports {
        let mut meeting = report.meeting.clone().ok_or_else(|| {
            Diagnostic::error(&report.file, 1, 1, "the report states no meeting place and dates")
                .with_hint("its title or introduction should say e.g. `tenue à Vienne du 30 mai au 1er juin 2012`")
        })?;
        let symbol = report.masthead.symbol.as_deref().unwrap_or("");
        let reason = if meeting.ordinal.is_some() {
            "ordinal, place and dates stated in the report".to_string()
        } else if let Some(spec) = specs.iter().find(|s| s.report == symbol) {
            meeting.ordinal = Some(spec.ordinal);
            format!(
                "place and dates from the report; ordinal from the manifest's entry for {symbol}"
            )
        } else {
            let earlier = known.iter().filter(|m| m.start < meeting.start).count()
                + reports
                    .iter()
                    .filter_map(|r| r.meeting.as_ref())
                    .filter(|m| m.start < meeting.start)
                    .count();
            meeting.ordinal = Some(earlier as u32 + 1);
            format!(
                "place and dates from the report; ordinal {} by date order",
                earlier + 1
            )
        };
        decisions.push(MeetingDecision { meeting, reason });
    }
    Ok(decisions)
}
