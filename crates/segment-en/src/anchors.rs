//! Anchors in English UN text: the keys must equal those the Chinese segmenter finds
//! for the Chinese rendering of the same reference.

use bitext_core::romanization::two_syllable_readings;
use bitext_core::{fold_width, roman_value, Anchor, AnchorKind};
use regex::Regex;

use bitext_core::MONTHS;

#[derive(Debug)]
pub(crate) struct AnchorFinder {
    symbol: Regex,
    latin_digit: Regex,
    para_ref: Regex,
    para_more: Regex,
    table: Regex,
    figure: Regex,
    annex: Regex,
    chapter: Regex,
    section: Regex,
    resolution: Regex,
    percent: Regex,
    time: Regex,
    day_month: Regex,
    month_day: Regex,
    month: Regex,
    year: Regex,
    number: Regex,
    number_word: Regex,
    latin: Regex,
    /// A capitalised word (a name: `Qingyang`, `Xi'an`, `Lu-xun`).
    capitalised: Regex,
}

/// `IV` → `4`, `12` → `12`, `29A` stays.
fn numeral_key(s: &str) -> String {
    roman_value(s).map_or_else(|| s.to_string(), |v| v.to_string())
}

fn word_value(word: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const ORDINALS: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const TENTHS: [&str; 10] = [
        "",
        "",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    // Multiplicatives: the Chinese counted form (`两次`, `三次`) gives the number.
    const TIMES: [&str; 4] = ["", "once", "twice", "thrice"];
    let w = word.to_lowercase();
    let simple = |p: &str| {
        UNITS
            .iter()
            .position(|u| *u == p)
            .or_else(|| ORDINALS.iter().position(|u| *u == p))
            .or_else(|| {
                TENS.iter()
                    .position(|u| !u.is_empty() && *u == p)
                    .map(|t| t * 10)
            })
            .or_else(|| {
                TENTHS
                    .iter()
                    .position(|u| !u.is_empty() && *u == p)
                    .map(|t| t * 10)
            })
            .or_else(|| TIMES.iter().position(|u| !u.is_empty() && *u == p))
    };
    let value = match w.split_once('-') {
        Some((tens, unit)) => {
            let t = TENS.iter().position(|u| !u.is_empty() && *u == tens)?;
            let u = simple(unit).filter(|&u| (1..10).contains(&u))?;
            t * 10 + u
        }
        None => simple(&w)?,
    };
    u32::try_from(value).ok()
}

/// Whether `text` quotes: a double quotation mark, or a single one that opens a word
/// (`'Never!'`, `‘Surrender?’`) — not an apostrophe inside or after one (`don't`,
/// `boys'`) nor before a number (`'90s`).
fn quotes(text: &str) -> bool {
    text.contains(['“', '"'])
        || text.char_indices().any(|(i, c)| {
            matches!(c, '\'' | '‘')
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        })
}

/// `million` after a number: its factor.
fn scale_word(after: &str) -> Option<f64> {
    let word = after
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()?;
    match word {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// `13.4` × 1e6 → `13400000`: the key the Chinese `1340万` gets.
fn scaled(digits: &str, factor: f64) -> String {
    match digits.parse::<f64>() {
        Ok(v) if (v * factor).fract().abs() < 1e-6 && v * factor < 1e18 => {
            format!("{}", (v * factor).round() as u64)
        }
        _ => digits.to_string(),
    }
}

/// `text` with every non-ASCII character replaced by as many bytes of `_` (when it
/// is a word character for `\b`) or `\x01` (when it is not); `None` when `text` is
/// ASCII already.
fn ascii_proxy(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    static WORD: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"^\w$").expect("valid pattern"));
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let fill = if WORD.is_match(c.encode_utf8(&mut buf)) {
                '_'
            } else {
                '\x01'
            };
            out.extend(std::iter::repeat_n(fill, c.len_utf8()));
        }
    }
    Some(out)
}

impl AnchorFinder {
    pub(crate) fn new() -> Self {
        let re = |p: &str| Regex::new(p).expect("valid anchor pattern");
        let months = MONTHS.join("|");
        AnchorFinder {
            symbol: re(
                r"\b[A-Z]{1,10}(?:\.[0-9A-Za-z]+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s?\((?:Sect|Part|Vol|Chap|Suppl)\.?\s?[A-Z0-9]+\))?",
            ),
            latin_digit: re(r"\b[A-Za-z]+[-‑]?[0-9]+[A-Za-z0-9]*\b"),
            para_ref: re(
                r"(?i:\bparagraphs?|\bparas?\.)\s+([0-9]+[A-Z]?(?:\.[0-9]+)*)(?:\s?\(([a-z]{1,2}|[ivx]+)\))?",
            ),
            para_more: re(
                r"^(?:,\s*|\s+and\s+|\s*[-–]\s*|\s+to\s+)([0-9]+[A-Z]?(?:\.[0-9]+)*)(?:\s?\(([a-z]{1,2}|[ivx]+)\))?",
            ),
            table: re(r"(?i:\btables?)\s+([0-9]+[A-Z]?\.[0-9]+|[0-9]+)\b"),
            figure: re(r"(?i:\bfigures?)\s+(?:([0-9]+[A-Z]?)\.)?([IVXLC]+|[0-9]+)\b"),
            annex: re(r"(?i:\bannex(?:es)?)\s+([IVXLC]+|[0-9]+)\b"),
            chapter: re(r"(?i:\bchapters?)\s+([IVXLC]+|[0-9]+)\b"),
            section: re(r"(?i:\bsections?)\s+([IVXLC]+|[0-9]+[A-Z]?)\b"),
            resolution: re(r"\b([0-9]{1,4})/([0-9]{1,4})\b"),
            percent: re(r"\b([0-9]+(?:\.[0-9]+)?)\s?(?:per\s?cent\b|percent\b|%)"),
            time: re(r"\b([0-9]{1,2})(?:[.:]([0-9]{2}))?\s?([ap])\.m\."),
            // A day, or a list or range of days, and its month: `16 and 17 November`,
            // `23–27 May`, `1, 2 and 3 June` (every day named is a date; a range gives
            // its ends, as the Chinese `23日至27日` does).
            day_month: re(&format!(
                r"\b((?:[0-9]{{1,2}}\s*(?:,|and|&|–|—|-|to)\s*)*)([0-9]{{1,2}})\s+({months})\b"
            )),
            month_day: re(&format!(
                r"\b({months})\s+([0-9]{{1,2}})((?:\s*(?:,|and|&|–|—|-|to)\s*[0-9]{{1,2}})*)\b"
            )),
            month: re(&format!(r"\b({months})\b")),
            year: re(r"\b(1[89][0-9][0-9]|20[0-9][0-9])\b"),
            number: re(r"\b[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|\b[0-9]+(?:\.[0-9]+)?"),
            number_word: re(
                r"(?i)\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|twice|thrice|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b",
            ),
            latin: re(r"\b[A-Za-z][A-Za-z0-9]*(?:[-‑][A-Za-z0-9]+)*\b"),
            capitalised: re(r"\b[A-Z][a-z]+(?:['’-][a-z]+)?\b"),
        }
    }

    /// All anchors of `text`, in order of kind then position, deduplicated: the
    /// passes of [`PASSES`] in turn, each claiming the spans it matched so that later,
    /// more general passes (a bare number) do not match inside them.
    pub(crate) fn find(&self, text: &str) -> Vec<Anchor> {
        let text = fold_width(text);
        let text = text.as_str();
        // The word-boundary patterns run much faster on ASCII (the regex crate's lazy
        // DFA stops at the first non-ASCII byte when `\b` is Unicode): they run on a
        // copy where each non-ASCII character is replaced, byte for byte, by `_` (a
        // word character) or `\x01` (not one), which keeps every offset and every
        // word boundary, so their matches are the same.
        let ascii = ascii_proxy(text);
        let ascii = ascii.as_deref().unwrap_or(text);
        let mut found = Found {
            text,
            ascii,
            // Case folding could make U+017F (long s) or U+212A (Kelvin sign) match a
            // number word.
            words: if text.contains(['\u{17F}', '\u{212A}']) {
                text
            } else {
                ascii
            },
            // The Latin-word patterns also accept U+2011 (non-breaking hyphen), which
            // the stand-in does not keep.
            latin: if text.contains('\u{2011}') {
                text
            } else {
                ascii
            },
            taken: Vec::new(),
            out: Vec::new(),
        };
        for pass in PASSES {
            pass(self, &mut found);
        }
        if quotes(text) {
            found.push(AnchorKind::Quote, bitext_core::QUOTE_KEY.to_string());
        }
        for mood in bitext_core::sentence_moods(text) {
            found.push(AnchorKind::Mood, mood.to_string());
        }
        found.out
    }

    fn label(&self, f: &mut Found) {
        let (label_len, label) = crate::labels::leading_label(f.text);
        if let Some(label) = label {
            f.claim(AnchorKind::Label, label, 0, label_len);
        }
    }

    fn symbols(&self, f: &mut Found) {
        for m in self.symbol.find_iter(f.text) {
            let s = m.as_str().trim_end_matches(['.', '-']);
            if !s.chars().any(|c| c.is_ascii_digit()) || !f.free(m.start(), m.end()) {
                continue;
            }
            let key: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            f.claim(AnchorKind::Symbol, key, m.start(), m.end());
        }
    }

    fn latin_codes(&self, f: &mut Found) {
        for m in self.latin_digit.find_iter(f.latin) {
            if f.free(m.start(), m.end()) {
                let key = m.as_str().replace('‑', "-").to_lowercase();
                f.claim(AnchorKind::Latin, key, m.start(), m.end());
            }
        }
    }

    /// `paragraph 29A.9`, `paras. 3 and 4`, `paragraphs 12 (a)–14`.
    fn para_refs(&self, f: &mut Found) {
        let para_key = |num: &str, sub: Option<regex::Match<'_>>| match sub {
            Some(sub) => format!("{num}({})", sub.as_str()),
            None => num.to_string(),
        };
        let text = f.text;
        for c in self.para_ref.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if !f.free(whole.start(), whole.end()) {
                continue;
            }
            let key = para_key(&c[1], c.get(2));
            f.claim(AnchorKind::ParaRef, key, whole.start(), whole.end());
            let mut pos = whole.end();
            while let Some(more) = self.para_more.captures(&text[pos..]) {
                let m = more.get(0).expect("match");
                let key = para_key(&more[1], more.get(2));
                f.claim(AnchorKind::ParaRef, key, pos, pos + m.end());
                pos += m.end();
            }
        }
    }

    /// Tables, annexes, chapters and sections by number (Roman numerals as values).
    fn numbered_parts(&self, f: &mut Found) {
        for (re, kind) in [
            (&self.table, AnchorKind::Table),
            (&self.annex, AnchorKind::Annex),
            (&self.chapter, AnchorKind::Chapter),
            (&self.section, AnchorKind::Section),
        ] {
            for c in re.captures_iter(f.text) {
                let whole = c.get(0).expect("match");
                if f.free(whole.start(), whole.end()) {
                    f.claim(kind, numeral_key(&c[1]), whole.start(), whole.end());
                }
            }
        }
    }

    /// `figure 29A.IV` → `29A.4`.
    fn figures(&self, f: &mut Found) {
        for c in self.figure.captures_iter(f.text) {
            let whole = c.get(0).expect("match");
            if f.free(whole.start(), whole.end()) {
                let key = match c.get(1) {
                    Some(prefix) => format!("{}.{}", prefix.as_str(), numeral_key(&c[2])),
                    None => numeral_key(&c[2]),
                };
                f.claim(AnchorKind::Figure, key, whole.start(), whole.end());
            }
        }
    }

    fn resolutions(&self, f: &mut Found) {
        for c in self.resolution.captures_iter(f.text) {
            let whole = c.get(0).expect("match");
            if f.free(whole.start(), whole.end()) {
                let key = format!("{}/{}", &c[1], &c[2]);
                f.claim(AnchorKind::Resolution, key, whole.start(), whole.end());
            }
        }
    }

    /// `10.10 a.m.` → `10:10`, `3 p.m.` → `15:00`.
    fn times(&self, f: &mut Found) {
        for c in self.time.captures_iter(f.text) {
            let whole = c.get(0).expect("match");
            let hour: u32 = c[1].parse().unwrap_or(99);
            let minute: u32 = c.get(2).map_or(0, |m| m.as_str().parse().unwrap_or(99));
            if hour <= 12 && minute < 60 && f.free(whole.start(), whole.end()) {
                let hour = if &c[3] == "p" && hour < 12 {
                    hour + 12
                } else if &c[3] == "a" && hour == 12 {
                    0
                } else {
                    hour
                };
                let key = format!("{hour:02}:{minute:02}");
                f.claim(AnchorKind::Time, key, whole.start(), whole.end());
            }
        }
    }

    fn percents(&self, f: &mut Found) {
        for c in self.percent.captures_iter(f.text) {
            let whole = c.get(0).expect("match");
            if f.free(whole.start(), whole.end()) {
                f.claim(
                    AnchorKind::Percent,
                    c[1].to_string(),
                    whole.start(),
                    whole.end(),
                );
            }
        }
    }

    /// Days and their month, either order: every day of a list or range is a date.
    fn dates(&self, f: &mut Found) {
        for (re, day_first) in [(&self.day_month, true), (&self.month_day, false)] {
            for c in re.captures_iter(f.text) {
                let whole = c.get(0).expect("match");
                if !f.free(whole.start(), whole.end()) {
                    continue;
                }
                let (days, month) = if day_first {
                    (format!("{} {}", &c[1], &c[2]), &c[3])
                } else {
                    (format!("{} {}", &c[2], &c[3]), &c[1])
                };
                let days: Vec<u32> = days
                    .split(|ch: char| !ch.is_ascii_digit())
                    .filter_map(|d| d.parse().ok())
                    .collect();
                if days.iter().all(|d| (1..=31).contains(d)) {
                    for day in days {
                        let key = format!("{:02}-{:02}", month_number(month), day);
                        f.push(AnchorKind::Date, key);
                    }
                    f.taken.push((whole.start(), whole.end()));
                }
            }
        }
    }

    fn months(&self, f: &mut Found) {
        for m in self.month.find_iter(f.text) {
            if f.free(m.start(), m.end()) {
                let key = format!("{:02}", month_number(m.as_str()));
                f.claim(AnchorKind::Date, key, m.start(), m.end());
            }
        }
    }

    fn years(&self, f: &mut Found) {
        for m in self.year.find_iter(f.ascii) {
            if f.free(m.start(), m.end()) {
                f.claim(AnchorKind::Year, m.as_str().to_string(), m.start(), m.end());
            }
        }
    }

    /// Numbers, `13.4 million` as its value (the key the Chinese `1340万` gets).
    fn numbers(&self, f: &mut Found) {
        for m in self.number.find_iter(f.ascii) {
            if f.free(m.start(), m.end()) {
                let digits = m.as_str().replace(',', "");
                let key = scale_word(&f.text[m.end()..])
                    .map_or_else(|| digits.clone(), |factor| scaled(&digits, factor));
                f.claim(AnchorKind::Number, key, m.start(), m.end());
            }
        }
    }

    /// Numbers in words (`twenty-first` → 21); they claim no span.
    fn number_words(&self, f: &mut Found) {
        for m in self.number_word.find_iter(f.words) {
            if let Some(v) = word_value(m.as_str()) {
                f.push(AnchorKind::Number, v.to_string());
            }
        }
    }

    /// Acronyms and codes: words with two capitals or more (`UNDP`, `COVID`).
    fn acronyms(&self, f: &mut Found) {
        for m in self.latin.find_iter(f.latin) {
            let w = m.as_str();
            let upper = w.chars().filter(|c| c.is_ascii_uppercase()).count();
            if upper >= 2 && w.len() >= 2 && f.free(m.start(), m.end()) {
                f.push(AnchorKind::Latin, w.replace('‑', "-").to_lowercase());
            }
        }
    }

    /// Romanised Chinese names: a word inside a sentence (a capital at a sentence
    /// start says nothing) that reads as two syllables, `Qingyang` → `name:qing yang`
    /// (a given name or a place name: a one-syllable surname alone matches too much).
    fn names(&self, f: &mut Found) {
        let text = f.text;
        for m in self.capitalised.find_iter(text) {
            // A month (`June` reads `jun e`) is a date's, not a name.
            if starts_sentence(&text[..m.start()]) || !f.free(m.start(), m.end()) {
                continue;
            }
            for reading in two_syllable_readings(m.as_str()) {
                f.push(AnchorKind::Name, reading);
            }
        }
    }
}

/// The passes of [`AnchorFinder::find`], in order: the specific before the general,
/// so that a number inside a symbol, a date or a percentage is not a number too.
const PASSES: [fn(&AnchorFinder, &mut Found); 16] = [
    AnchorFinder::label,
    AnchorFinder::symbols,
    AnchorFinder::latin_codes,
    AnchorFinder::para_refs,
    AnchorFinder::numbered_parts,
    AnchorFinder::figures,
    AnchorFinder::resolutions,
    AnchorFinder::times,
    AnchorFinder::percents,
    AnchorFinder::dates,
    AnchorFinder::months,
    AnchorFinder::years,
    AnchorFinder::numbers,
    AnchorFinder::number_words,
    AnchorFinder::acronyms,
    AnchorFinder::names,
];

/// What the passes of one text share: the text (and its ASCII stand-ins), the spans
/// claimed so far, the anchors found.
struct Found<'t> {
    text: &'t str,
    /// `text` with non-ASCII characters replaced byte for byte (same offsets).
    ascii: &'t str,
    /// The haystack of the number-word pattern.
    words: &'t str,
    /// The haystack of the Latin-word patterns.
    latin: &'t str,
    taken: Vec<(usize, usize)>,
    out: Vec<Anchor>,
}

impl Found<'_> {
    /// Whether no earlier pass claimed any of `start..end`.
    fn free(&self, start: usize, end: usize) -> bool {
        self.taken.iter().all(|&(a, b)| end <= a || start >= b)
    }

    /// An anchor (once).
    fn push(&mut self, kind: AnchorKind, key: String) {
        let a = Anchor::new(kind, key);
        if !self.out.contains(&a) {
            self.out.push(a);
        }
    }

    /// An anchor, and its span claimed.
    fn claim(&mut self, kind: AnchorKind, key: String, start: usize, end: usize) {
        self.push(kind, key);
        self.taken.push((start, end));
    }
}

/// `June` → 6.
fn month_number(name: &str) -> usize {
    MONTHS.iter().position(|m| *m == name).map_or(0, |i| i + 1)
}

/// Whether a word after `before` starts a sentence (nothing but white space, quotes
/// and brackets since the text's start or the last sentence end).
fn starts_sentence(before: &str) -> bool {
    match before
        .trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'([".contains(c))
        .chars()
        .next_back()
    {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        Anchor::keys(&AnchorFinder::new().find(text))
    }

    #[test]
    fn word_boundaries_next_to_non_ascii_text_are_kept() {
        // A letter outside ASCII is a word character: no boundary, no year.
        assert!(!keys("café2023 menu").contains(&"year:2023".to_string()));
        // Punctuation outside ASCII is not: boundaries on both sides.
        assert!(keys("the “2023” plan").contains(&"year:2023".to_string()));
        assert!(keys("Côte d’Ivoire’s twenty-one delegates").contains(&"num:21".to_string()));
        assert!(!keys("naïvetwenty").contains(&"num:20".to_string()));
        // A non-breaking hyphen inside a Latin word is kept (and written as `-`).
        assert!(keys("the COVID\u{2011}19 pandemic, “COVID-19”")
            .contains(&"latin:covid-19".to_string()));
        // Case folding: a long s still spells a number word.
        assert!(keys("\u{17F}ix delegations").contains(&"num:6".to_string()));
    }

    #[test]
    fn symbols_at_a_sentence_end_lose_the_full_stop() {
        assert!(keys("in E/ICEF/2023/14.").contains(&"symbol:E/ICEF/2023/14".to_string()));
    }

    #[test]
    fn references_to_paragraphs_tables_figures() {
        assert_eq!(
            keys("Referring to paragraph 29A.98 (f), which"),
            ["para:29A.98(f)"]
        );
        assert_eq!(keys("referring to table 29A.35 and"), ["table:29A.35"]);
        assert_eq!(
            keys("With regard to figure 29A.IV, which"),
            ["figure:29A.4"]
        );
        assert_eq!(
            keys("paragraphs 29A.9 and 29A.10"),
            ["para:29A.9", "para:29A.10"]
        );
        assert_eq!(keys("set out in annex V"), ["annex:5"]);
    }

    #[test]
    fn dates_years_numbers_percentages() {
        let k = keys("At its 4th and 13th meetings, on 31 May and 6 June 2023");
        assert_eq!(
            k,
            ["date:05-31", "date:06-06", "year:2023", "num:4", "num:13"]
        );
        assert_eq!(keys("at least 55 per cent of"), ["pct:55"]);
        assert_eq!(keys("from 43 to 6,500, and"), ["num:43", "num:6500"]);
        assert_eq!(keys("some 13.4 million Ukrainians"), ["num:13400000"]);
        assert_eq!(
            keys("30 May–30 June 2023"),
            ["date:05-30", "date:06-30", "year:2023"]
        );
        assert_eq!(keys("in April 2023"), ["date:04", "year:2023"]);
        assert_eq!(keys("called to order at 10.10 a.m."), ["time:10:10"]);
        assert_eq!(keys("rose at 1 p.m."), ["time:13:00"]);
    }

    #[test]
    fn number_words_and_latin_tokens() {
        assert_eq!(keys("Sixty-third session"), ["num:63"]);
        assert_eq!(keys("the Fifth Committee"), ["num:5"]);
        // As the Chinese `两次` (twice) gives 2; `once` is also a conjunction.
        assert_eq!(keys("meets twice per year"), ["num:2"]);
        assert_eq!(keys("once the plan is adopted"), Vec::<String>::new());
        let k = keys("the COVID-19 pandemic, the Wi-Fi service and ICT");
        assert_eq!(k, ["latin:covid-19", "latin:wi-fi", "latin:ict"]);
    }

    #[test]
    fn paragraph_number_is_an_anchor() {
        assert_eq!(keys("12. With regard to result 3"), ["label:12", "num:3"]);
    }

    /// Found by fuzzing: `\d` matched Arabic-Indic digits, which gave an empty key.
    #[test]
    fn only_ascii_digits_make_numbers() {
        assert!(keys("۰\\G ١٢٣").iter().all(|k| !k.ends_with(':')));
        assert!(keys("۰\\G ١٢٣").iter().all(|k| !k.starts_with("num:")));
    }
}
