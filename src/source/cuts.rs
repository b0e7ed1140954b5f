//! Lines pdftotext's -raw mode cut on right-to-left pages. That mode keeps
//! the order in which the page was drawn, and starts a new line wherever
//! the pen goes back: at every change of direction, so that a number in a
//! sentence, the dash after a paragraph number or a chapter numeral and
//! the quotes round `‘1’` come alone on their lines; and where a face sets
//! a vowel mark off its letter, so that a line of the page comes in pieces,
//! the word under the mark cut between two of them, the pieces after it
//! first (`…عاقب على هذه الجريمة` above `…وأن تكفل أن يُ`). Here the pieces
//! go back in reading order with their cut words whole, and the signs
//! back beside their numbers.

use super::bidi::is_mark;
use super::Line;

/// Whether `c` is a vowel mark that sits inside a word (fatha, damma,
/// kasra, shadda, sukun): a line that ends with one was cut inside a
/// word. Tanween (`ً`) ends words: a line may end with it.
fn inner_mark(c: char) -> bool {
    ('\u{64e}'..='\u{652}').contains(&c)
}

/// Line `below` of the page was cut before line `above`, which goes on
/// with it: `above` starts with a mark, or `below` ends inside a word.
fn continues(above: &str, below: &str) -> bool {
    let above = above.trim();
    let below = below.trim();
    !above.is_empty()
        && !below.is_empty()
        && (above.chars().next().is_some_and(is_mark)
            || below.chars().next_back().is_some_and(inner_mark))
}

/// The pieces of one line of the page in reading order, the word cut
/// between two of them whole again, each on the line of the file where a
/// piece stood (so that no line goes missing).
fn mend_pieces(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && continues(&lines[j].text, &lines[j + 1].text) {
            j += 1;
        }
        if j > i {
            // Read from the last piece drawn to the first.
            let mut pieces: Vec<String> = (i..=j)
                .rev()
                .map(|k| lines[k].text.trim().to_string())
                .collect();
            for k in 1..pieces.len() {
                let rest = pieces[k].clone();
                let end = rest.find(' ').unwrap_or(rest.len());
                pieces[k - 1].push_str(&rest[..end]);
                pieces[k] = rest[end..].trim_start().to_string();
            }
            for (k, piece) in (i..=j).zip(pieces) {
                lines[k].text = piece;
            }
        }
        i = j + 1;
    }
}

/// A sign the -raw mode sets alone: a number's dash, a label's quote.
fn sign(text: &str) -> Option<char> {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('-' | '‘' | '’')), None) => Some(c),
        _ => None,
    }
}

/// A number or a word alone (a paragraph number, a numeral `أولاً`).
fn alone(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 12 && t.chars().all(|c| c.is_alphanumeric() || is_mark(c))
}

/// Each dash alone after the number or numeral beside it (the next line
/// if it is one, as the raw mode draws `-` before `أولاً`, else the one
/// before, as it draws `1` before `-`), each number alone between two
/// quotes between them: `1-`, `أولاً-`, `‘1’`.
fn mend_signs(lines: &mut [Line]) {
    for i in 0..lines.len() {
        match sign(&lines[i].text) {
            Some('-') => {
                let at = if lines.get(i + 1).is_some_and(|l| alone(&l.text)) {
                    i + 1
                } else if i > 0 && alone(&lines[i - 1].text) {
                    i - 1
                } else {
                    continue;
                };
                lines[at].text = format!("{}-", lines[at].text.trim());
                lines[i].text.clear();
            }
            Some(_) => {
                let number = |l: &Line| {
                    let t = l.text.trim();
                    !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())
                };
                if i + 2 < lines.len()
                    && number(&lines[i + 1])
                    && sign(&lines[i + 2].text).is_some_and(|c| c != '-')
                {
                    lines[i].text = format!("‘{}’", lines[i + 1].text.trim());
                    lines[i + 1].text.clear();
                    lines[i + 2].text.clear();
                }
            }
            None => {}
        }
    }
}

/// The lines of text drawn by the -raw mode from right-to-left pages, in
/// reading order (each already is, by `bidi`), mended.
pub fn mend(lines: &mut [Line]) {
    // Signs first: the first piece of a line, cut at a mark, may be a
    // word alone, which a dash above it does not belong to.
    mend_signs(lines);
    mend_pieces(lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(text: &str) -> Vec<String> {
        let mut lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i + 1,
                text: t.to_string(),
                page_start: false,
            })
            .collect();
        mend(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn pieces_of_a_line_go_back_in_reading_order() {
        assert_eq!(
            mended("عن طريق البر\nعاقب على هذه الجريمة.\nوالبحر وأن تكفل أن يُ"),
            [
                "عن طريق البر",
                "والبحر وأن تكفل أن يُعاقب",
                "على هذه الجريمة."
            ]
        );
        // Three pieces, the mark starting the pieces drawn first.
        assert_eq!(
            mended("َّى لأسبابه ويحمي\nَّد كثير يتصد\nشد\nحقوق المهاجرين."),
            ["شدَّد", "كثير يتصدَّى", "لأسبابه ويحمي", "حقوق المهاجرين."]
        );
    }

    #[test]
    fn signs_go_back_beside_their_numbers() {
        assert_eq!(
            mended("2014\n-\nأولاً\nالتوصيات\n1\n-\nاعتمد الفريق العامل\n‘\n1\n’\nتدريب"),
            [
                "2014",
                "",
                "أولاً-",
                "التوصيات",
                "1-",
                "",
                "اعتمد الفريق العامل",
                "‘1’",
                "",
                "",
                "تدريب"
            ]
        );
    }

    #[test]
    fn a_dash_goes_to_the_number_before_a_piece_of_a_line() {
        assert_eq!(
            mended("8\n-\nَّد كثير من المتكلمين\nشد\nحقوق."),
            ["8-", "", "شدَّد", "كثير من المتكلمين", "حقوق."]
        );
    }

    #[test]
    fn whole_lines_stay() {
        let text = "نهجاً شاملاً\nوالأطفال قضائياً\n- نص\n";
        assert_eq!(mended(text), text.lines().collect::<Vec<_>>());
    }
}
