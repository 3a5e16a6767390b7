//! Footnote reference markers in extracted text: the digits a PDF or Word leaves glued
//! to the word or punctuation they follow (`Secretary-General;6`, `行动纲领》2`,
//! raised `¹²`). The segment stage takes them out of each sentence once, keeps them
//! as the sentence's footnote references, and finds its anchors without them.

use crate::{is_han, Lang};

/// Characters after which glued digits are a footnote reference in extracted text
/// (`Secretary-General;6`, `2001-2010,2`, `行动纲领》2`, `报告；6`).
const BEFORE_MARKER: &[char] = &[
    ';', ',', '.', ':', ')', '”', '’', '"', '；', '，', '。', '：', '》', '」', '）',
];
/// Abbreviations whose period is followed by a real number (`Add.4`, `No.5`).
const NUMBERED_ABBREVIATIONS: &[&str] = &[
    "add", "rev", "corr", "sect", "para", "paras", "no", "nos", "vol", "suppl", "art", "arts",
    "ch", "chap", "annex", "p", "pp", "fig", "figs", "tab",
];
/// Characters that make the digits after punctuation a real number in Chinese.
const NUMBER_FOLLOWERS: &[char] = &[
    '年', '月', '日', '号', '届', '次', '项', '条', '段', '款', '个', '名', '万', '亿', '岁', '人',
    '国', '%', '％', '.', '．', '/', '-', '—',
];

/// Take footnote reference markers out of extracted text: 1–2 digits glued after
/// closing punctuation that follows a word (not a number: `3,000`, `29A.9` stay), or
/// glued to the end of a year range (`2001-20107` → `2001-2010` + `7`), and not
/// followed by what makes them a number. Returns the text without them and the
/// markers in order.
pub fn footnote_markers(text: &str, lang: Lang) -> (String, Vec<String>) {
    cut_out(text, &marker_spans(text, lang))
}

/// The byte spans of the footnote markers of `text`, in order (see
/// [`footnote_markers`]).
pub(crate) fn marker_spans(text: &str, lang: Lang) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        // Superscript digits (a PDF's raised reference marks, text pasted from Word)
        // are markers, but for powers of units (`m²`, `km³`).
        if superscript_digit(c).is_some() {
            let run_end = (k..chars.len())
                .find(|&j| superscript_digit(chars[j].1).is_none())
                .unwrap_or(chars.len());
            let unit_power = k > 0 && chars[k - 1].1 == 'm';
            if !unit_power {
                let end_byte = chars.get(run_end).map_or(text.len(), |&(b, _)| b);
                cut.push((at, end_byte));
            }
            k = run_end;
            continue;
        }
        if !c.is_ascii_digit() {
            k += 1;
            continue;
        }
        let run_end = (k..chars.len())
            .find(|&j| !chars[j].1.is_ascii_digit())
            .unwrap_or(chars.len());
        let digits = run_end - k;
        let next = chars.get(run_end).map(|&(_, c)| c);
        let before = k.checked_sub(1).map(|j| chars[j].1);
        // Chinese runs on without spaces: a space or an ASCII sign after the digits
        // makes them a number (`86 000`, `1 =`).
        let ends_cleanly = match next {
            None => true,
            Some(n) if lang == Lang::Zh => {
                !NUMBER_FOLLOWERS.contains(&n) && (is_han(n) || "；，。：）》」”".contains(n))
            }
            Some(n) if n.is_whitespace() => true,
            Some(n) => ";,:)".contains(n),
        };
        let end_byte = chars.get(run_end).map_or(text.len(), |&(b, _)| b);
        if digits <= 2 && ends_cleanly {
            if let Some(p) = before.filter(|p| BEFORE_MARKER.contains(p)) {
                if marker_after_punctuation(&chars[..k - 1], p, next.is_none(), lang) {
                    cut.push((at, end_byte));
                }
            }
        }
        // `Declaration8 adopted`: digits glued to a word.
        if lang == Lang::En && digits <= 2 && ends_cleanly && glued_to_word(&chars[..k]) {
            cut.push((at, end_byte));
        }
        // `2001-20107 as`: a year range with digits glued to its end.
        if digits > 4 && digits <= 6 && ends_cleanly && k >= 5 {
            let dash = chars[k - 1].1;
            if matches!(dash, '-' | '–') && year_range_before(&chars[..run_end.min(k + 4)]) {
                let year_end = chars[k + 4].0;
                let range_ok = chars[k..k + 2].iter().map(|c| c.1).collect::<String>();
                if range_ok == "19" || range_ok == "20" {
                    cut.push((year_end, end_byte));
                }
            }
        }
        k = run_end;
    }
    cut
}

/// Whether 1–2 digits after the punctuation `p` that ends `before` are a footnote
/// marker: after a word (letters, no digit, not a numbered abbreviation such as
/// `Add.`), in Chinese after a closing quote or bracket or at the end of the text, or
/// after a year range and a comma (`2001-2010,2`). `at_end`: nothing follows them.
fn marker_after_punctuation(before: &[(usize, char)], p: char, at_end: bool, lang: Lang) -> bool {
    // The word before the punctuation: letters, no digit.
    let word: String = before
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .take_while(|c| !c.is_whitespace() && !"(（[《“\"".contains(*c))
        .collect();
    let letters: String = word.chars().rev().filter(|c| c.is_alphabetic()).collect();
    let abbreviation = (p == '.' || p == '．')
        && (letters.chars().count() < 4
            || NUMBERED_ABBREVIATIONS.contains(&letters.to_lowercase().as_str()));
    // Chinese has no spaces to find a word by, and counts follow commas all the time
    // (`，30多个`): a marker follows a closing quote or bracket, or ends the text after
    // its final punctuation (`报告；6`).
    let closing = |c: char| "》」”）".contains(c);
    let wordy = match lang {
        Lang::Zh => {
            closing(p)
                || before.last().is_some_and(|&(_, c)| closing(c))
                || (at_end && before.last().is_some_and(|&(_, c)| is_han(c)))
        }
        Lang::En => {
            !letters.is_empty() && !word.chars().any(|c| c.is_ascii_digit()) && !abbreviation
        }
    };
    let after_range = p != '.' && p != '．' && year_range_before(before);
    wordy || after_range
}

/// Whether digits after `before` are glued to a (capitalised) lower-case word of 5+
/// letters (`Declaration8`); acronyms with numbers (`COVID-19`, `G20`) are not.
fn glued_to_word(before: &[(usize, char)]) -> bool {
    if before.len() < 5 {
        return false;
    }
    let word: Vec<char> = before
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphabetic())
        .collect();
    let lower = word.iter().rev().skip(1).all(|c| c.is_lowercase());
    word.len() >= 5 && lower && word.iter().all(|c| c.is_ascii_alphabetic())
}

/// The text without the byte ranges `cut` (in order), and the markers they held
/// (superscript digits as ASCII).
pub(crate) fn cut_out(text: &str, cut: &[(usize, usize)]) -> (String, Vec<String>) {
    if cut.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut refs = Vec::new();
    let mut pos = 0;
    for &(a, b) in cut {
        out.push_str(&text[pos..a]);
        refs.push(
            text[a..b]
                .chars()
                .map(|c| superscript_digit(c).unwrap_or(c))
                .collect(),
        );
        pos = b;
    }
    out.push_str(&text[pos..]);
    (out, refs)
}

/// The ASCII digit a superscript digit stands for.
pub fn superscript_digit(c: char) -> Option<char> {
    crate::SUPERSCRIPT_DIGITS
        .iter()
        .position(|&s| s == c)
        .and_then(|v| char::from_digit(v as u32, 10))
}

/// The characters end with a year range `19xx-20xx` (or with `–`).
fn year_range_before(chars: &[(usize, char)]) -> bool {
    let s: String = chars
        .iter()
        .rev()
        .take(9)
        .map(|c| c.1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let b = s.as_bytes();
    s.len() == 9
        && s.is_char_boundary(0)
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-')
        && b[5..].iter().all(u8::is_ascii_digit)
        && (b[0..2] == *b"19" || b[0..2] == *b"20")
        && (b[5..7] == *b"19" || b[5..7] == *b"20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers_go_and_numbers_stay() {
        let en = |t: &str| footnote_markers(t, Lang::En);
        let zh = |t: &str| footnote_markers(t, Lang::Zh);
        // Superscript marks (from a PDF's raised digits) always go; powers stay.
        assert_eq!(
            en("(Sect. 29F)).¹² An area of 40 m² remains."),
            (
                "(Sect. 29F)). An area of 40 m² remains.".into(),
                vec!["12".into()]
            )
        );
        assert_eq!(zh("报告。³"), ("报告。".into(), vec!["3".into()]));
        assert_eq!(
            en("Takes note of the report of the Secretary-General;6"),
            (
                "Takes note of the report of the Secretary-General;".into(),
                vec!["6".into()]
            )
        );
        assert_eq!(
            en("the Decade 2001-2010,2 including the Decade 2001-20107 as an initiative"),
            (
                "the Decade 2001-2010, including the Decade 2001-2010 as an initiative".into(),
                vec!["2".into(), "7".into()]
            )
        );
        assert_eq!(
            en("its commitment to the Declaration8 adopted by"),
            (
                "its commitment to the Declaration adopted by".into(),
                vec!["8".into()]
            )
        );
        assert_eq!(
            zh("行动纲领》2执行情况"),
            ("行动纲领》执行情况".into(), vec!["2".into()])
        );
        assert_eq!(
            zh("注意到秘书长的报告；6"),
            ("注意到秘书长的报告；".into(), vec!["6".into()])
        );
        for real in [
            "resolution 77/278, paragraph 29A.9, 3,000 staff and 1.5 per cent",
            "in 2001-2010, the Organization",
            "A/78/6 (Sect. 29A), 5 staff",
            "see paras. 3 and 4",
            "(a) 12 posts; (b) 3 posts",
            "COVID-19 and G20",
        ] {
            assert_eq!(en(real), (real.to_string(), vec![]), "{real}");
        }
        assert_eq!(
            en("see document A75/10 Add.4, annex 7.").1,
            Vec::<String>::new()
        );
        for real in [
            "第77/278号决议，2023年5月",
            "表29A.35",
            "截至2023年，12个",
            "（2023）。5月",
            "在妇女署的支持下，86 000多名妇女",
            "图例：1 = 完全缺乏",
            "(即，35岁以下)",
            "第27(a)、37和38段",
            "2022年5月，14位非洲能源部长",
            "截至2022年10月，30多个国家",
            "题为“2000年妇女：21世纪性别平等”",
        ] {
            assert_eq!(zh(real).1, Vec::<String>::new(), "{real}");
        }
    }
}
