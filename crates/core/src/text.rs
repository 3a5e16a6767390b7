//! Unicode helpers shared by all languages: width folding for matching and script
//! statistics. They never change the text written to a corpus.

use unicode_normalization::UnicodeNormalization;

/// The moods of the sentences of `folded` (text passed through [`fold_width`], so
/// `？！` are `?!`), as [`MOOD_KEYS`](crate::MOOD_KEYS): `question` when a `?` ends a
/// clause, `exclamation` when a `!` does. A mark followed by a Latin letter, a digit
/// or a URL's punctuation ends nothing (`?s=08`, `!important`); one followed by
/// anything else (the end, a space, a closing quote, the next Chinese sentence) does.
pub fn sentence_moods(folded: &str) -> impl Iterator<Item = &'static str> {
    let mut found = [false; 2];
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        let slot = match c {
            '?' => 0,
            '!' => 1,
            _ => continue,
        };
        let ends_clause = chars
            .peek()
            .is_none_or(|&next| !(next.is_ascii_alphanumeric() || "=&/_%#".contains(next)));
        found[slot] |= ends_clause;
    }
    crate::MOOD_KEYS
        .into_iter()
        .zip(found)
        .filter_map(|(key, present)| present.then_some(key))
}

/// Fold width and compatibility variants for matching: full-width digits and Latin
/// letters become ASCII, NBSP and ideographic spaces become spaces, `（）` become `()`.
/// `，` becomes `,`; Chinese punctuation with no ASCII twin (`。、`) is kept.
pub fn fold_width(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' => out.push(' '),
            '\u{FF01}'..='\u{FF5E}' => {
                // Full-width ASCII block maps 1:1 onto ASCII.
                out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            }
            c if c.is_ascii() || is_han(c) => out.push(c),
            c => out.extend(std::iter::once(c).nfkc()),
        }
    }
    out
}

/// A CJK unified ideograph (BMP blocks and the supplementary planes).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Value of a Roman numeral (`IV` → 4, `xii` → 12), upper or lower case.
pub fn roman_value(s: &str) -> Option<u32> {
    let mut total: i64 = 0;
    let mut prev = 0;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

/// A number as an upper-case Roman numeral (4 → `IV`, 1999 → `MCMXCIX`).
pub fn roman_numeral(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Counts of letters by script, used to tell which language a text is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub han: usize,
    pub latin: usize,
}

impl ScriptCounts {
    pub fn of(text: &str) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            if is_han(c) {
                counts.han += 1;
            } else if c.is_ascii_alphabetic() {
                counts.latin += 1;
            }
        }
        counts
    }

    /// Share of Han characters among letters, in `[0, 1]`; 0 for a text with no letters.
    pub fn han_share(&self) -> f64 {
        let total = self.han + self.latin;
        if total == 0 {
            0.0
        } else {
            self.han as f64 / total as f64
        }
    }
}

/// Superscript digits, `⁰` to `⁹` (index = value): footnote reference marks (a PDF's
/// raised digits), which stay with the sentence they end and are taken out of it.
pub const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The English month names, January first (dates in English UN text).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How a text ends: like a sentence, like a clause that goes on, like neither (a
/// heading, a title, a name), or with an abbreviation (which may end either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ending {
    Sentence,
    Clause,
    #[default]
    Bare,
    Abbreviation,
}

impl Ending {
    /// The ending of a text by its last character (closing quotes and brackets
    /// aside), in Chinese or English: a full stop, question or exclamation mark ends a
    /// sentence (a full stop after a word with another one, as `a.m.` or `U.S.`, may
    /// be an abbreviation's); a comma, semicolon, colon or enumeration comma ends a
    /// clause. The segment stage sets it on every unit; the aligner reads it.
    pub fn of(text: &str) -> Ending {
        const CLOSING: &[char] = &['"', '\'', '”', '’', ')', '）', ']', '】', '」', '』', '》'];
        const SENTENCE: &[char] = &['.', '!', '?', '。', '！', '？', '．'];
        const CLAUSE: &[char] = &[',', ';', ':', '，', '；', '：', '、'];
        let text = text.trim_end().trim_end_matches(CLOSING);
        match text.chars().next_back() {
            Some('.') => {
                let last_word = text.rsplit(char::is_whitespace).next().unwrap_or("");
                if last_word[..last_word.len() - 1].contains('.') {
                    Ending::Abbreviation
                } else {
                    Ending::Sentence
                }
            }
            Some(c) if SENTENCE.contains(&c) => Ending::Sentence,
            Some(c) if CLAUSE.contains(&c) => Ending::Clause,
            _ => Ending::Bare,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_exclamations_end_clauses_not_urls() {
        let moods = |text: &str| sentence_moods(&fold_width(text)).collect::<Vec<_>>();
        assert_eq!(moods("Are you coming?"), ["question"]);
        assert_eq!(moods("'Stop!' he cried."), ["exclamation"]);
        assert_eq!(moods("你来吗？我不去！"), ["question", "exclamation"]);
        assert_eq!(moods("Why?!"), ["question", "exclamation"]);
        assert!(moods("The meeting ended.").is_empty());
        assert!(moods("See https://twitter.com/x/status/1?s=08 and a!b.").is_empty());
    }

    #[test]
    fn folds_full_width_digits_and_spaces() {
        assert_eq!(fold_width("第７７／２７８号"), "第77/278号");
        assert_eq!(fold_width("6\u{00A0}500"), "6 500");
        assert_eq!(fold_width("（项目 3(a)）"), "(项目 3(a))");
        assert_eq!(fold_width("，。、"), ",。、");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("xii"), Some(12));
        assert_eq!(roman_value("XC"), Some(90));
        assert_eq!(roman_value("A"), None);
        assert_eq!(roman_value(""), None);
    }

    #[test]
    fn han_share_tells_scripts_apart() {
        assert!(ScriptCounts::of("委员会审议了 A/78/6").han_share() > 0.5);
        assert!(ScriptCounts::of("The Committee considered").han_share() < 0.01);
        assert_eq!(ScriptCounts::of("12. 3/5").han_share(), 0.0);
    }
}
