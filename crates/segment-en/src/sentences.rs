//! English sentence boundaries in UN text.

use bitext_core::build::{split_sentences, SentenceRules};

/// Words that end in a period without ending the sentence: the abbreviations of UN
/// editorial style (`Sect.`, `para.`, `No.`) and courtesy titles.
const ABBREVIATIONS: &[&str] = &[
    "Sect", "sect", "Sects", "para", "paras", "Para", "Paras", "subpara", "No", "Nos", "no", "nos",
    "Mr", "Ms", "Mrs", "Messrs", "Dr", "Prof", "H.E", "e.g", "i.e", "E.g", "I.e", "U.S", "U.K",
    "U.N", "Rev", "Add", "Corr", "Vol", "vol", "Vols", "p", "pp", "art", "arts", "Art", "Arts",
    "Suppl", "St", "Gen", "Amb", "fig", "figs", "Fig", "Ref", "ref", "approx", "cf", "viz", "vs",
    "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "chap", "Chap", "ch", "op", "cit", "Nr", "Dept",
    "Govt", "Mt", "Ft",
];

/// Closing marks that stay with the sentence they end (superscript footnote marks
/// stay too: [`split_sentences`]).
const CLOSERS: &[char] = &['"', '\'', ')', ']', '”', '’', '»'];

fn token_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(' || *c == '“' || *c == '"')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..end]
}

fn is_abbreviation(word: &str) -> bool {
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // An initial (`R.`), or dotted initials (`U.S`, `a.m`).
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            word.len() <= 5
                && word.contains('.')
                && word
                    .split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        }
    }
}

/// Byte spans of the sentences of one paragraph. The first `label_len` bytes (a
/// paragraph number) never end a sentence. Spans are trimmed and cover every
/// non-whitespace byte of `text`.
pub(crate) fn split(text: &str, label_len: usize) -> Vec<(usize, usize)> {
    split_sentences(text, &EnglishEnds { label_len })
}

/// English sentence ends: `.` `!` `?` followed by white space and a capital, a digit
/// or an opening quote, unless the period closes an abbreviation.
struct EnglishEnds {
    label_len: usize,
}

impl SentenceRules for EnglishEnds {
    fn is_terminal(&self, c: char) -> bool {
        matches!(c, '.' | '!' | '?')
    }

    fn is_closer(&self, c: char) -> bool {
        CLOSERS.contains(&c)
    }

    fn may_end_at(&self, at: usize) -> bool {
        at >= self.label_len
    }

    fn ends_sentence(&self, text: &str, at: usize, end: usize) -> bool {
        let rest = &text[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            return false; // no white space after: decimal, symbol, or end of text
        }
        let next = after_space.chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || next.is_ascii_digit() || "“\"‘'(".contains(next)) {
            return false;
        }
        if text[at..].starts_with('.') {
            let word = token_before(text, at);
            // `A/78/6/Add. 1`: the abbreviation closes a document symbol.
            let tail = word.rsplit('/').next().unwrap_or(word);
            if is_abbreviation(word) || is_abbreviation(tail) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let (label_len, _) = crate::labels::leading_label(text);
        split(text, label_len)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        let text = "10. Efforts to strengthen the delegation of authority were also welcomed. One delegation requested some recent examples.";
        assert_eq!(
            sentences(text),
            [
                "10. Efforts to strengthen the delegation of authority were also welcomed.",
                "One delegation requested some recent examples."
            ]
        );
    }

    #[test]
    fn keeps_document_symbols_and_references_whole() {
        let text = "1. The Committee considered the plan (A/78/6 (Sect. 29), A/78/6 (Sect. 29A) and A/78/6 (Sect. 29F)). It agreed.";
        assert_eq!(sentences(text).len(), 2);
        assert!(sentences(text)[0].ends_with("(Sect. 29F))."));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        for text in [
            "Rapporteur: Mr. Ruven Klein (Germany)",
            "See para. 12 of the report and paras. 13 and 14.",
            "Services such as e.g. Umoja and i.e. Inspira were named.",
            "The text is in A/78/6/Add. 1 and Vol. 2 of the series.",
            "In the U.S. Government view, it was fine.",
            "It grew by 12.5 per cent in 2023.",
        ] {
            assert_eq!(sentences(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "It was called “United Nations 2.0.” The delegation asked why.";
        assert_eq!(
            sentences(text),
            [
                "It was called “United Nations 2.0.”",
                "The delegation asked why."
            ]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        let text = "Costs for travel, supplies etc. were reduced.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn a_paragraph_number_belongs_to_the_first_sentence() {
        let text = "23. Paragraph 29A.107 indicates that the component will embark on Staff Selection 2.0. In that regard, one delegation welcomed it.";
        let got = sentences(text);
        assert_eq!(got.len(), 2);
        assert!(got[0].starts_with("23. Paragraph 29A.107"));
    }
}
