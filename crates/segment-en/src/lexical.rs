//! Word tokens for the aligner's translation model.

use rust_stemmers::{Algorithm, Stemmer};

/// Function words that carry no translation evidence.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "from",
    "as",
    "that",
    "this",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "it",
    "its",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "but",
    "also",
    "than",
    "their",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "we",
    "our",
    "i",
    "you",
    "your",
    "there",
    "such",
    "any",
    "all",
    "into",
    "about",
    "would",
    "could",
    "should",
    "may",
    "might",
    "will",
    "shall",
    "can",
    "so",
    "if",
    "then",
    "well",
    "both",
    "each",
    "other",
    "more",
    "most",
    "very",
    "through",
    "over",
    "under",
    "between",
    "including",
];

pub(crate) struct Tokenizer {
    stemmer: Stemmer,
}

/// The most stems a thread remembers; past it the memo starts afresh, so a stream of
/// new words cannot grow it without bound.
const STEM_MEMO_MAX: usize = 1 << 16;

thread_local! {
    /// Stems already found on this thread. A report repeats its words and the
    /// stemmer costs thousands of instructions a word (the same English stemmer
    /// serves every tokenizer, so one memo serves them all).
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokenizer(english)")
    }
}

impl Tokenizer {
    pub(crate) fn new() -> Self {
        Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Lowercased, stemmed content words; hyphenated compounds give their parts too.
    pub(crate) fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let lower = word.to_lowercase().replace('’', "'");
            let lower = lower.trim_end_matches("'s").to_string();
            if lower.contains('-') {
                for part in lower.split('-') {
                    self.push_word(part, &mut out);
                }
            } else {
                self.push_word(&lower, &mut out);
            }
        }
        out
    }

    fn push_word(&self, word: &str, out: &mut Vec<String>) {
        if word.len() < 2 || STOPWORDS.contains(&word) || word.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let stem = STEMS.with(|memo| {
            let mut memo = memo.borrow_mut();
            if let Some(stem) = memo.get(word) {
                return stem.clone();
            }
            let stem = self.stemmer.stem(word).into_owned();
            if memo.len() >= STEM_MEMO_MAX {
                memo.clear();
            }
            memo.insert(word.to_string(), stem.clone());
            stem
        });
        out.push(stem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_stems_are_the_stemmers() {
        let t = Tokenizer::new();
        let stemmer = Stemmer::create(Algorithm::English);
        let text = "Programmes programming programmed nations NATIONS organizations";
        let direct: Vec<String> = text
            .split(' ')
            .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
            .collect();
        // First call stems, the second reads the memo; a new tokenizer shares it.
        assert_eq!(t.tokens(text), direct);
        assert_eq!(t.tokens(text), direct);
        assert_eq!(Tokenizer::new().tokens(text), direct);
    }

    #[test]
    fn stems_and_drops_function_words() {
        let t = Tokenizer::new();
        assert_eq!(
            t.tokens("The resolutions of the Secretary-General's office"),
            ["resolut", "secretari", "general", "offic"]
        );
    }
}
