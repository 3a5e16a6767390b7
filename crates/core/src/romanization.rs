//! Names across scripts: the Hanyu Pinyin of Chinese characters (from the `pinyin`
//! crate's tables), and whether a Latin-script word reads as Pinyin. A Chinese name and
//! its romanisation (`陈清扬` / `Chen Qingyang`, `云南` / `Yunnan`) meet: the English
//! side gives a name anchor (`name:qing yang`), the Chinese side a lookup text with the
//! Pinyin of its characters, in which the aligner finds it.
//!
//! ```
//! use bitext_core::romanization::{han_pinyin, two_syllable_readings};
//!
//! assert_eq!(han_pinyin('扬').as_deref(), Some("yang"));
//! assert_eq!(two_syllable_readings("Qingyang"), ["qing yang"]);
//! assert!(two_syllable_readings("English").is_empty());
//! ```

use pinyin::ToPinyin;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The toneless Pinyin of a Han character in its most common reading, `ü` written
/// `u` as names are (`吕` → `lu`); `None` for other characters.
pub fn han_pinyin(c: char) -> Option<Cow<'static, str>> {
    let plain = c.to_pinyin()?.plain();
    Some(if plain.contains('ü') {
        Cow::Owned(plain.replace('ü', "u"))
    } else {
        Cow::Borrowed(plain)
    })
}

/// Every toneless syllable the tables know (about 400), derived from the readings of
/// the CJK Unified Ideographs once per process; syllables without a vowel (the
/// interjections `n`, `m`, `hng`) left out, as no name is written with them.
/// (A set of the tables' own strings with a fast hash: built at every start, from
/// some 21,000 readings, it must cost little.)
fn syllables() -> &'static FxHashSet<Cow<'static, str>> {
    static SET: OnceLock<FxHashSet<Cow<'static, str>>> = OnceLock::new();
    SET.get_or_init(|| {
        (0x4E00u32..=0x9FFF)
            .filter_map(char::from_u32)
            .filter_map(han_pinyin)
            .filter(|s| s.contains(['a', 'e', 'i', 'o', 'u']))
            .collect()
    })
}

/// The ways a word reads as exactly `n` Pinyin syllables, each a list of syllables
/// (`Qingyang`, 2 → `[["qing", "yang"]]`); empty when it does not. Case, apostrophes
/// and hyphens are ignored.
pub fn readings(word: &str, n: usize) -> Vec<Vec<String>> {
    let lower: String = word
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    if n == 0 || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let set = syllables();
    // Every split of `rest` into `n` syllables (a name has at most three: few splits).
    fn split(
        rest: &str,
        n: usize,
        set: &FxHashSet<Cow<'static, str>>,
        out: &mut Vec<Vec<String>>,
        at: &mut Vec<String>,
    ) {
        if n == 1 {
            if set.contains(rest) {
                let mut done = at.clone();
                done.push(rest.to_string());
                out.push(done);
            }
            return;
        }
        for cut in 1..rest.len().min(7) {
            if set.contains(&rest[..cut]) {
                at.push(rest[..cut].to_string());
                split(&rest[cut..], n - 1, set, out, at);
                at.pop();
            }
        }
    }
    let mut out = Vec::new();
    split(&lower, n, set, &mut out, &mut Vec::new());
    out
}

/// The ways a word reads as exactly two Pinyin syllables, each as `"qing yang"`
/// (`Qingyang`, `Yunnan`, `Xi'an`: the given names and place names a pair of Chinese
/// characters romanises to).
pub fn two_syllable_readings(word: &str) -> Vec<String> {
    readings(word, 2).into_iter().map(|r| r.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_two_syllables() {
        for name in [
            "Qingyang", "Xiaobao", "Yunnan", "Xi'an", "Beijing", "Lu-xun",
        ] {
            assert!(!two_syllable_readings(name).is_empty(), "{name}");
        }
        assert_eq!(two_syllable_readings("Xi'an"), ["xi an"]);
        assert_eq!(readings("Qingyang", 1), Vec::<Vec<String>>::new());
        for word in ["Chen", "Committee", "Secretary", "Table", "Q1"] {
            assert!(two_syllable_readings(word).is_empty(), "{word}");
        }
        assert_eq!(han_pinyin('吕').as_deref(), Some("lu"));
        assert_eq!(han_pinyin('a'), None);
    }
}
