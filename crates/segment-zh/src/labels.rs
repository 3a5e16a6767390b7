//! Paragraph numbers, list labels and block kinds in Chinese UN text.

use crate::numerals::chinese_numeral_value;
use bitext_core::BlockKind;

const OPEN: [char; 2] = ['(', '（'];
const CLOSE: [char; 2] = [')', '）'];

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b"IVXLC".contains(&b))
}

/// Byte length of a leading paragraph number or list label (with the white space
/// after it) and its normalised form, shared with the English side: `12. ` → `12`,
/// `(a)` → `(a)`, `一、`/`一.` → `I` (the English `I.`), `(一)` → `A` (the English `A.`).
pub fn leading_label(text: &str) -> (usize, Option<String>) {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let (token_len, label) = if trimmed.starts_with(OPEN) {
        let open_len = trimmed.chars().next().map_or(1, char::len_utf8);
        let rest = &trimmed[open_len..];
        let Some(close) = rest.find(CLOSE) else {
            return (0, None);
        };
        let inner = &rest[..close];
        let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
        let letters = inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_lowercase());
        let roman = inner.len() <= 6 && inner.bytes().all(|b| b"ivxlc".contains(&b));
        let label = if !inner.is_empty() && (letters || roman) {
            format!("({inner})")
        } else if let Some(v) = chinese_numeral_value(inner).filter(|v| (1..=26).contains(v)) {
            char::from(b'A' + (v - 1) as u8).to_string()
        } else {
            return (0, None);
        };
        (open_len + close + close_len, label)
    } else {
        let Some((pos, sep)) = trimmed
            .char_indices()
            .find(|(_, c)| matches!(c, '.' | '．' | '、'))
        else {
            return (0, None);
        };
        let head = &trimmed[..pos];
        let label = if !head.is_empty()
            && head.len() <= 3
            && head.bytes().all(|b| b.is_ascii_digit())
            && sep != '、'
        {
            head.to_string()
        } else if let Some(v) = chinese_numeral_value(head).filter(|v| (1..=100).contains(v)) {
            if head.chars().count() > 3 {
                return (0, None);
            }
            bitext_core::roman_numeral(u32::try_from(v).unwrap_or(u32::MAX))
        } else if (head.len() == 1 && head.bytes().all(|b| b.is_ascii_uppercase()))
            || is_roman(head)
        {
            head.to_string()
        } else {
            return (0, None);
        };
        (pos + sep.len_utf8(), label)
    };
    let after = &trimmed[token_len..];
    if after.trim().is_empty() {
        return (text.len(), Some(label));
    }
    // `1.5%`, `29A.9`: a decimal or reference, not a label.
    if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return (0, None);
    }
    let gap = after.len() - after.trim_start().len();
    (lead + token_len + gap, Some(label))
}

pub(crate) fn starts_with_label(line: &str) -> bool {
    leading_label(line).0 > 0
}

pub(crate) fn ends_with_terminal(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['”', '’', '」', '』', '"', '\''])
        .ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '，', ','])
}

/// How Chinese blocks are told apart: headings up to 60 characters (Chinese runs
/// about 0.4 of the English length), footnotes begin with a 1–2 digit number and a
/// space.
const KIND_RULES: bitext_core::build::KindRules = bitext_core::build::KindRules {
    heading_max_chars: 60,
    ends_with_terminal,
    begins_footnote,
};

fn begins_footnote(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && t[digits..].starts_with(' ')
}

/// Kind of a block from its text and label.
pub(crate) fn classify(text: &str, label: Option<&str>, seen_numbered: bool) -> BlockKind {
    bitext_core::build::classify_block(text, label, seen_numbered, &KIND_RULES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_the_english_forms() {
        assert_eq!(leading_label("12. 在次级方案"), (4, Some("12".into())));
        assert_eq!(leading_label("12．在次级方案"), (5, Some("12".into())));
        assert_eq!(leading_label("一、导言"), (6, Some("I".into())));
        assert_eq!(leading_label("一."), (4, Some("I".into())));
        assert_eq!(leading_label("(一) 背景"), (6, Some("A".into())));
        assert_eq!(leading_label("（二）背景"), (9, Some("B".into())));
        assert_eq!(leading_label("(a) 该战略"), (4, Some("(a)".into())));
        assert_eq!(leading_label("A. 方案问题"), (3, Some("A".into())));
    }

    #[test]
    fn not_labels() {
        assert_eq!(leading_label("29A.9 段"), (0, None));
        assert_eq!(leading_label("(项目 3(a))"), (0, None));
        assert_eq!(leading_label("一个代表团指出。"), (0, None));
        assert_eq!(leading_label("2023年届会"), (0, None));
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("讨论情况", None, true), BlockKind::Heading);
        assert_eq!(classify("结论和建议", None, true), BlockKind::Heading);
        assert_eq!(
            classify("3. 各代表团欢迎。", Some("3"), true),
            BlockKind::Paragraph
        );
        assert_eq!(classify("一、导言", Some("I"), true), BlockKind::Heading);
    }
}
