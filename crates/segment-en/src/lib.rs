//! English segmenter for UN report text as PDF extraction delivers it.
//!
//! [`EnglishSegmenter`] implements [`bitext_core::Segmenter`]:
//!
//! * **cleaning** — unwraps `pdftotext` hard wraps, undoes end-of-line hyphenation
//!   (`imple-` / `mentation`) while keeping real hyphens (`Under-Secretary-General`),
//!   rejoins paragraphs split by a page break and reports page debris (`23-11234`,
//!   `1/5`) as [`BlockKind::Artifact`](bitext_core::BlockKind) blocks;
//! * **blocks** — front matter, headings, numbered paragraphs, sub-items, footnotes;
//! * **sentences** — split after `. ! ?`, but not after UN abbreviations (`Sect.`,
//!   `para.`, `No.`, `Mr.`, `e.g.`), inside document symbols, decimals or after a
//!   paragraph number;
//! * **anchors** — paragraph numbers and references, document symbols, resolutions,
//!   tables, figures, dates, percentages, numbers, number words, Latin tokens.
//!
//! ```
//! use bitext_core::Segmenter;
//! use bitext_segment_en::EnglishSegmenter;
//!
//! let seg = EnglishSegmenter::new();
//! let doc = seg.segment("8. One delegation took note of paragraph 29A.9. It asked for more.\n");
//! let sentences: Vec<_> = doc.sentences().map(|s| s.text.as_str()).collect();
//! assert_eq!(sentences, ["8. One delegation took note of paragraph 29A.9.", "It asked for more."]);
//! let keys = bitext_core::Anchor::keys(&seg.anchors(sentences[0]));
//! assert!(keys.contains(&"para:29A.9".to_string()));
//! ```

mod anchors;
mod labels;
mod layout;
mod lexical;
mod sentences;

use bitext_core::build::BlockRules;
use bitext_core::{Anchor, BlockKind, Lang};

pub use labels::leading_label;

/// The English segmenter. Cheap to construct; holds compiled patterns.
#[derive(Debug)]
pub struct EnglishSegmenter {
    anchors: anchors::AnchorFinder,
    lexical: lexical::Tokenizer,
}

impl Default for EnglishSegmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl EnglishSegmenter {
    pub fn new() -> Self {
        EnglishSegmenter {
            anchors: anchors::AnchorFinder::new(),
            lexical: lexical::Tokenizer::new(),
        }
    }
}

impl BlockRules for EnglishSegmenter {
    fn lang(&self) -> Lang {
        Lang::En
    }

    fn leading_label(&self, text: &str) -> (usize, Option<String>) {
        leading_label(text)
    }

    fn classify(&self, text: &str, label: Option<&str>, seen_numbered: bool) -> BlockKind {
        labels::classify(text, label, seen_numbered)
    }

    fn split_sentences(&self, text: &str, label_len: usize) -> Vec<(usize, usize)> {
        sentences::split(text, label_len)
    }

    fn anchors(&self, text: &str) -> Vec<Anchor> {
        self.anchors.find(text)
    }

    fn front_matter_end_chars(&self) -> usize {
        150
    }

    fn paragraphs(&self, text: &str) -> Vec<bitext_core::build::Paragraph> {
        layout::paragraphs(text)
    }

    fn lexical_tokens(&self, text: &str) -> Vec<String> {
        self.lexical.tokens(text)
    }
}
