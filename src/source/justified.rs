//! Words of a justified line that pdftotext's default mode drew apart.
//! Where justification stretches the spaces of a short line (a line of
//! few long words, as Russian often has), the default mode takes the wide
//! spaces for gaps between blocks: the line's first words stay with the
//! text, and the others come after it, each alone between blank lines
//! (`подготовку сотрудников` / `прокуратуры;`, then `пограничных`,
//! `служб,`, `полиции`, `и`). The last line of a justified text is never
//! stretched: the words go back to the end of the shortest of the text's
//! other lines.

use super::Line;

/// A word drawn alone from inside a sentence: in lower case, of letters,
/// with the punctuation that may follow a word; not a label (`a)`) or a
/// number.
fn inner_word(text: &str) -> bool {
    let word = text.trim().trim_end_matches([',', ';', ':']);
    word.chars().next().is_some_and(char::is_lowercase) && word.chars().all(char::is_alphabetic)
}

/// The lines with the words drawn apart from a justified line put back at
/// its end, their own lines left blank (so that no line goes missing).
pub fn gather(lines: &mut [Line]) {
    // Blocks: runs of lines of text between blank lines.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        match (line.text.trim().is_empty(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                blocks.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        blocks.push((s, lines.len()));
    }
    let mut b = 0;
    while b < blocks.len() {
        let (from, to) = blocks[b];
        // The words alone that follow a text of two lines or more.
        let run = blocks[b + 1..]
            .iter()
            .take_while(|&&(s, e)| e == s + 1 && inner_word(&lines[s].text))
            .count();
        if to - from < 2 || run < 2 {
            b += 1;
            continue;
        }
        let stretched = (from..to - 1)
            .min_by_key(|&i| lines[i].text.trim().chars().count())
            .expect("a text of two lines or more");
        let mut words = Vec::with_capacity(run);
        for &(s, _) in &blocks[b + 1..b + 1 + run] {
            words.push(std::mem::take(&mut lines[s].text).trim().to_string());
        }
        let text = lines[stretched].text.trim_end().to_string();
        lines[stretched].text = format!("{text} {}", words.join(" "));
        b += 1 + run;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(text: &str) -> Vec<String> {
        crate::source::after_pass(text, |lines| gather(lines))
    }

    #[test]
    fn the_words_drawn_apart_go_back_to_the_stretched_line() {
        assert_eq!(
            gathered("i)\n\nподготовку сотрудников\nпрокуратуры;\n\nпограничных\n\nслужб,\n\nполиции\n\nи\n\nii)\n"),
            [
                "i)",
                "",
                "подготовку сотрудников пограничных служб, полиции и",
                "прокуратуры;",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "ii)"
            ]
        );
    }

    #[test]
    fn headings_labels_and_single_words_stay() {
        for text in [
            "Первая строка\nвторая.\n\nРекомендации\n\nПредупреждение\n",
            "Первая строка\nвторая:\n\nа)\n\nб)\n",
            "Первая строка\nвторая;\n\nслово\n\nA.\n",
            "одна строка\n\nпервое\n\nвторое\n",
        ] {
            assert_eq!(gathered(text), text.lines().collect::<Vec<_>>(), "{text}");
        }
    }
}
