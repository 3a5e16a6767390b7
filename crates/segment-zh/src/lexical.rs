//! Character n-grams for the aligner's translation model. Chinese has no spaces, so
//! words are approximated by the characters and character pairs of each Han run.

use bitext_core::{fold_width, is_han};

/// Function characters that carry no translation evidence on their own.
const STOP: &[char] = &[
    '的', '了', '和', '与', '及', '在', '是', '对', '为', '以', '并', '等', '之', '其', '也', '而',
    '或', '于', '由', '这', '该', '所', '把', '被', '将', '已', '则',
];

pub(crate) fn tokens(text: &str) -> Vec<String> {
    let folded = fold_width(text);
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut latin = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        for (i, &c) in run.iter().enumerate() {
            if !STOP.contains(&c) {
                out.push(c.to_string());
            }
            if let Some(&d) = run.get(i + 1) {
                if !STOP.contains(&c) && !STOP.contains(&d) {
                    out.push([c, d].iter().collect());
                }
            }
        }
        run.clear();
    };
    for c in folded.chars() {
        if is_han(c) {
            if !latin.is_empty() {
                out.push(std::mem::take(&mut latin));
            }
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
            if c.is_ascii_alphabetic() {
                latin.push(c.to_ascii_lowercase());
            } else if !latin.is_empty() {
                if latin.len() >= 2 {
                    out.push(std::mem::take(&mut latin));
                }
                latin.clear();
            }
        }
    }
    flush_run(&mut run, &mut out);
    if latin.len() >= 2 {
        out.push(latin);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_unigrams_bigrams_and_latin_words() {
        assert_eq!(
            tokens("大会的决议"),
            ["大", "大会", "会", "决", "决议", "议"]
        );
        assert_eq!(
            tokens("使用 Microsoft Teams 桌面"),
            ["使", "使用", "用", "microsoft", "teams", "桌", "桌面", "面"]
        );
    }
}
