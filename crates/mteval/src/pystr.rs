//! Python's notion of white space, which sacrebleu's `str.split()` and `str.strip()`
//! use: it includes the information separators U+001C–U+001F, which Rust's
//! `char::is_whitespace` does not.

pub fn is_space(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{1c}'..='\u{1f}' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// `str.split()` with no argument.
pub fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|t| !t.is_empty())
}

/// `' '.join(s.split())`.
pub fn squeeze(s: &str) -> String {
    split(s).collect::<Vec<_>>().join(" ")
}

pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

pub fn rstrip(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace() {
        assert_eq!(squeeze(" a\u{1f}b\u{a0}c  d "), "a b c d");
        assert_eq!(strip("\u{3000}x\u{1c}"), "x");
        assert!(!is_space('\u{200b}'));
    }
}
