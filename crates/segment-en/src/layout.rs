//! Undo `pdftotext` layout: hard wraps, end-of-line hyphenation, page breaks.

use bitext_core::build::Paragraph;
use bitext_core::layout::{
    artifact_lines, assemble_paragraphs, raw_lines, wrap_width, LineJoiner, NextLine, RawLine,
    WrapRules,
};
use rustc_hash::FxHashSet as HashSet;

use crate::labels::starts_with_label;

fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '”', '’']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start().starts_with(|c: char| c.is_lowercase())
}

/// English wrapped text: 30–160 characters a line (a PDF column to a plain-text
/// export), full lines up to 5 past the usual width; a line of 60% of the width is
/// full (English breaks before a long word, leaving more of a line empty).
const WRAP: WrapRules = WrapRules {
    widths: 30..=160,
    slack: 5,
    full_line_percent: 60,
    ..WrapRules::SHARED
};

/// Words of the document, lowercased, for deciding whether `imple-`/`ment` is one word.
fn vocabulary(text: &str) -> (HashSet<String>, HashSet<String>) {
    let mut words = HashSet::default();
    let mut hyphenated = HashSet::default();
    // Most words recur: look them up in a reused buffer, allocate only new ones.
    let mut lower = String::new();
    let insert = |set: &mut HashSet<String>, word: &str| {
        if !set.contains(word) {
            set.insert(word.to_string());
        }
    };
    for token in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let token = token.trim_matches('-');
        if token.is_empty() {
            continue;
        }
        lower.clear();
        if token.is_ascii() {
            lower.push_str(token);
            lower.make_ascii_lowercase();
        } else {
            lower.push_str(&token.to_lowercase());
        }
        if lower.contains('-') {
            for part in lower.split('-') {
                insert(&mut words, part);
            }
            insert(&mut hyphenated, &lower);
        } else {
            insert(&mut words, &lower);
        }
    }
    (words, hyphenated)
}

/// The word fragment ending `text` (letters only) and its length in bytes.
fn trailing_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

fn leading_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    &text[..end]
}

/// Decide whether a line ending in `head-` joined to a line starting with `tail` is
/// one word broken by hyphenation (drop the hyphen) or a real compound (keep it).
fn drop_hyphen(
    head: &str,
    tail: &str,
    words: &HashSet<String>,
    hyphenated: &HashSet<String>,
) -> bool {
    let (h, t) = (head.to_lowercase(), tail.to_lowercase());
    if h.is_empty() || t.is_empty() {
        return false;
    }
    if words.contains(&format!("{h}{t}")) {
        return true;
    }
    if hyphenated.contains(&format!("{h}-{t}")) {
        return false;
    }
    // Two words the document uses on their own: a compound such as results-oriented.
    !(words.contains(&h) && words.contains(&t) && h.len() > 2 && t.len() > 2)
}

pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = raw_lines(text);
    let artifact = artifact_lines(&lines);
    let mut joiner = EnglishLines {
        text,
        width: wrap_width(&lines, &artifact, &WRAP),
        vocabulary: std::cell::OnceCell::new(),
    };
    assemble_paragraphs(text, &lines, &artifact, &mut joiner)
}

/// English lines rejoin with a space, or without the hyphen of a word broken at the
/// line end.
struct EnglishLines<'a> {
    text: &'a str,
    /// The wrap width, when the text is hard-wrapped.
    width: Option<usize>,
    /// The document's words and hyphenated words, built at the first hyphen at a line
    /// end: most texts have few or none.
    vocabulary: std::cell::OnceCell<(HashSet<String>, HashSet<String>)>,
}

impl EnglishLines<'_> {
    /// A full line of hard-wrapped text ([`WrapRules::is_full`]).
    fn is_long(&self, line: &RawLine<'_>) -> bool {
        self.width
            .is_some_and(|w| WRAP.is_full(line.text.trim().chars().count(), w))
    }
}

impl LineJoiner for EnglishLines<'_> {
    fn continues(&mut self, _para: &Paragraph, next: &NextLine<'_>) -> bool {
        let (prev, t) = (&next.prev, next.line.text);
        let prev_text = prev.text.trim_end();
        if next.gap.blank || next.gap.artifact {
            // A page break or blank line in mid-sentence.
            !ends_sentence(prev_text)
                && !starts_with_label(t)
                && (starts_lowercase(t) || (next.gap.artifact && self.is_long(prev)))
        } else if self.width.is_some() {
            self.is_long(prev) && !(starts_with_label(t) && ends_sentence(prev_text))
        } else {
            // Paragraph-per-line text: only a line cut in mid-sentence continues.
            !ends_sentence(prev_text) && starts_lowercase(t) && !starts_with_label(t)
        }
    }

    fn join(&mut self, para: &mut Paragraph, next: &NextLine<'_>) {
        let prev_text = next.prev.text.trim_end();
        let line = next.trimmed();
        let head = trailing_word(prev_text.strip_suffix('-').unwrap_or(""));
        let tail = leading_word(line);
        let hyphen_break = prev_text.ends_with('-')
            && !head.is_empty()
            && tail.starts_with(|c: char| c.is_lowercase());
        let one_word = hyphen_break && {
            let (words, hyphenated) = self.vocabulary.get_or_init(|| vocabulary(self.text));
            drop_hyphen(head, tail, words, hyphenated)
        };
        if one_word {
            let len = para.assembled.text.len();
            para.assembled.truncate(len - 1);
        } else if !(hyphen_break
            || prev_text.ends_with('-') && line.starts_with(char::is_uppercase))
        {
            para.assembled.push_joiner(" ");
        }
        para.assembled
            .push_source(next.source, next.start, next.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        paragraphs(input)
            .into_iter()
            .map(|p| p.assembled.text)
            .collect()
    }

    const WRAPPED: &str = "11. One delegation welcomed the efforts of the Department of Management Strategy, Policy\n\
and Compliance to prevent sexual harassment through a victim-centred, system-wide\n\
approach, as mentioned in paragraph 29A.9, and asked how the Department would encourage\n\
bystanders to take action to combat inaction in response to incidents of sexual harass-\n\
ment. Another delegation, referring to table 29A.35 and the planned result for 2024,\n\
namely, reporting of conduct that constitutes sexual harassment, agreed on the need to\n\
prevent sexual harassment but expressed concern that establishing performance measures\n\
such as increased reporting of conduct constituting sexual harassment could lead to false\n\
allegations. Delegations noted that the culture of the Organization had become results-\n\
oriented over the years, under the leadership of the office of the responsible Under-\n\
Secretary-General for Management Strategy, Policy and Compliance in all the offices.\n";

    #[test]
    fn unwraps_and_dehyphenates() {
        let got = texts(WRAPPED);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("sexual harassment. Another"), "{}", got[0]);
        assert!(got[0].contains("results-oriented"), "{}", got[0]);
        assert!(got[0].contains("Under-Secretary-General"), "{}", got[0]);
        assert!(got[0].contains("victim-centred, system-wide approach"));
    }

    #[test]
    fn rejoins_across_a_page_break_and_reports_debris() {
        let input = "all Member States benefited from a more results-oriented culture and more agile programme\n\n23-11234\n1/5\n\nplanning, but that, for the Department, this entailed more work and greater commitment.\n";
        let paras = paragraphs(input);
        let text: Vec<_> = paras
            .iter()
            .filter(|p| !p.artifact)
            .map(|p| p.assembled.text.as_str())
            .collect();
        assert_eq!(text.len(), 1);
        assert!(text[0].contains("agile programme planning, but"));
        let debris: Vec<_> = paras
            .iter()
            .filter(|p| p.artifact)
            .map(|p| p.assembled.text.as_str())
            .collect();
        assert_eq!(debris, ["23-11234", "1/5"]);
    }

    #[test]
    fn short_front_matter_lines_stay_apart() {
        let input = "United Nations\nEconomic and Social Council\n\nDistr.: Limited\n30 June 2023\n\nOriginal: English\n";
        assert_eq!(
            texts(input),
            [
                "United Nations",
                "Economic and Social Council",
                "Distr.: Limited",
                "30 June 2023",
                "Original: English"
            ]
        );
    }

    #[test]
    fn paragraph_per_line_text_is_kept_per_line() {
        let input =
            "Discussion\n3. Delegations welcomed the overall role.\n4. One delegation noted it.\n";
        assert_eq!(
            texts(input),
            [
                "Discussion",
                "3. Delegations welcomed the overall role.",
                "4. One delegation noted it."
            ]
        );
    }
}
