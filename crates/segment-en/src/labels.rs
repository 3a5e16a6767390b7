//! Paragraph numbers, list labels and block kinds.

use bitext_core::BlockKind;

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b"IVXLC".contains(&b))
}

fn is_lower_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b"ivxlc".contains(&b))
}

/// Byte length of a leading paragraph number or list label (with the whitespace after
/// it) and its normalised form: `12. The` → `12`, `(a) the` → `(a)`, `A. Heading` → `A`,
/// `IV. Heading` → `IV`. A text that is nothing but a label (`(b)`) is all label.
pub fn leading_label(text: &str) -> (usize, Option<String>) {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let (token_len, label) = if let Some(rest) = trimmed.strip_prefix('(') {
        let Some(close) = rest.find(')') else {
            return (0, None);
        };
        let inner = &rest[..close];
        let ok = (inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_lowercase()))
            || is_lower_roman(inner)
            || (inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()));
        if !ok || inner.is_empty() {
            return (0, None);
        }
        (close + 2, format!("({inner})"))
    } else {
        let Some(dot) = trimmed.find('.') else {
            return (0, None);
        };
        let head = &trimmed[..dot];
        let numbered =
            !head.is_empty() && head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit());
        let lettered = head.len() == 1 && head.bytes().all(|b| b.is_ascii_uppercase());
        if !(numbered || lettered || is_roman(head)) {
            return (0, None);
        }
        (dot + 1, head.to_string())
    };
    let after = &trimmed[token_len..];
    let gap = after.len() - after.trim_start().len();
    if after.trim().is_empty() {
        return (text.len(), Some(label));
    }
    // `12.5 per cent`, `A/78/6`, `(a)bc`: a label is followed by white space.
    if gap == 0 {
        return (0, None);
    }
    // `A. ` must introduce a heading, not be an initial inside a name.
    let next = after.trim_start().chars().next().unwrap_or(' ');
    if !(next.is_uppercase()
        || next.is_numeric()
        || "“\"‘'(".contains(next)
        || label.starts_with('('))
    {
        return (0, None);
    }
    (lead + token_len + gap, Some(label))
}

/// True when a line begins with a paragraph number or list label.
pub(crate) fn starts_with_label(line: &str) -> bool {
    leading_label(line).0 > 0
}

fn ends_with_terminal(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '”', '’'])
        .ends_with(['.', '!', '?', ';', ':'])
}

/// How English blocks are told apart: headings up to 150 characters (a UN heading
/// runs to a line or two), footnotes begin with a 1–2 digit number and a capital, or
/// with `* `.
const KIND_RULES: bitext_core::build::KindRules = bitext_core::build::KindRules {
    heading_max_chars: 150,
    ends_with_terminal,
    begins_footnote,
};

fn begins_footnote(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=2).contains(&digits)
        && t[digits..].starts_with(' ')
        && t[digits..].trim_start().starts_with(char::is_uppercase);
    numbered || t.starts_with("* ")
}

/// Kind of a block from its text and label.
pub(crate) fn classify(text: &str, label: Option<&str>, seen_numbered: bool) -> BlockKind {
    bitext_core::build::classify_block(text, label, seen_numbered, &KIND_RULES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_un_reports() {
        assert_eq!(leading_label("12. With regard to"), (4, Some("12".into())));
        assert_eq!(leading_label("(a) The precision"), (4, Some("(a)".into())));
        assert_eq!(leading_label("(iii) staff"), (6, Some("(iii)".into())));
        assert_eq!(
            leading_label("A. Programme questions"),
            (3, Some("A".into()))
        );
        assert_eq!(leading_label("IV. Conclusions"), (4, Some("IV".into())));
        assert_eq!(leading_label("(b)"), (3, Some("(b)".into())));
        assert_eq!(leading_label("I."), (2, Some("I".into())));
    }

    #[test]
    fn not_labels() {
        assert_eq!(leading_label("12.5 per cent of staff"), (0, None));
        assert_eq!(leading_label("A/78/6 (Sect. 29A)"), (0, None));
        assert_eq!(leading_label("2023 session"), (0, None));
        assert_eq!(leading_label("(Agenda item 3 (a))"), (0, None));
        assert_eq!(leading_label("Mr. Ruven Klein"), (0, None));
        assert_eq!(leading_label("(COVID-19) pandemic"), (0, None));
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("Discussion", None, true), BlockKind::Heading);
        assert_eq!(
            classify("3. Delegations welcomed it.", Some("3"), true),
            BlockKind::Paragraph
        );
        assert_eq!(
            classify("(a) the precision;", Some("(a)"), true),
            BlockKind::Item
        );
        assert_eq!(
            classify("A. Programme questions", Some("A"), true),
            BlockKind::Heading
        );
        assert_eq!(classify("2 See A/78/6.", None, true), BlockKind::Footnote);
    }
}
