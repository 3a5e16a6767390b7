//! Chinese segmenter for UN report text as PDF extraction delivers it.
//!
//! [`ChineseSegmenter`] implements [`bitext_core::Segmenter`]:
//!
//! * **cleaning** — rejoins sentences that a page break cut (`高度赞` / `赏`) without a
//!   space, unwraps hard-wrapped lines, reports page debris as artefact blocks;
//! * **blocks** — front matter, headings (`讨论情况`, `一、`, `(一)`), numbered
//!   paragraphs, sub-items, footnotes;
//! * **sentences** — split after `。！？` with closing quotes and brackets kept, never
//!   inside `《…》`;
//! * **anchors** — the same keys the English segmenter gives the English rendering:
//!   `第 77/278 号决议` → `res:77/278`, `图 29A.四` → `figure:29A.4`,
//!   `2023年5月31日` → `date:05-31` + `year:2023`, `第六十三届` → `num:63`.
//!
//! ```
//! use bitext_core::Segmenter;
//! use bitext_segment_zh::ChineseSegmenter;
//!
//! let seg = ChineseSegmenter::new();
//! let doc = seg.segment("53. 一个代表团询问内罗毕大院的利用率。第 29D.5 段提到其面积为 142 英亩。\n");
//! let sentences: Vec<_> = doc.sentences().map(|s| s.text.as_str()).collect();
//! assert_eq!(sentences.len(), 2);
//! let keys = bitext_core::Anchor::keys(&seg.anchors(sentences[1]));
//! assert_eq!(keys, ["para:29D.5", "num:142"]);
//! ```

mod anchors;
mod labels;
mod layout;
mod lexical;
mod numerals;
mod sentences;

use bitext_core::build::BlockRules;
use bitext_core::{Anchor, BlockKind, Lang};

pub use labels::leading_label;
pub use numerals::chinese_numeral_value;

/// The Chinese segmenter. Cheap to construct; holds compiled patterns.
#[derive(Debug)]
pub struct ChineseSegmenter {
    anchors: anchors::AnchorFinder,
}

impl Default for ChineseSegmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl ChineseSegmenter {
    pub fn new() -> Self {
        ChineseSegmenter {
            anchors: anchors::AnchorFinder::new(),
        }
    }
}

impl BlockRules for ChineseSegmenter {
    fn lang(&self) -> Lang {
        Lang::Zh
    }

    fn leading_label(&self, text: &str) -> (usize, Option<String>) {
        leading_label(text)
    }

    fn classify(&self, text: &str, label: Option<&str>, seen_numbered: bool) -> BlockKind {
        labels::classify(text, label, seen_numbered)
    }

    fn split_sentences(&self, text: &str, _label_len: usize) -> Vec<(usize, usize)> {
        sentences::split(text)
    }

    fn anchors(&self, text: &str) -> Vec<Anchor> {
        self.anchors.find(text)
    }

    fn front_matter_end_chars(&self) -> usize {
        80
    }

    fn paragraphs(&self, text: &str) -> Vec<bitext_core::build::Paragraph> {
        layout::paragraphs(text)
    }

    fn lexical_tokens(&self, text: &str) -> Vec<String> {
        lexical::tokens(text)
    }

    /// Han characters and punctuation count 1; digits and Latin letters, which the
    /// English side has one for one, count 0.317 (the zh/en character ratio measured
    /// on the UNPC dev set), so numbers do not skew the length ratio.
    fn length(&self, text: &str) -> f64 {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    0.317
                } else {
                    1.0
                }
            })
            .sum()
    }

    /// The Pinyin of each run of Han characters, one space-separated syllable each
    /// (`陈清扬` → ` chen qing yang `), runs apart, then ` | ` and the lowercased text
    /// (which ends as the text does): an English romanised name (`AnchorKind::Name`)
    /// is found in it.
    fn lookup_text(&self, text: &str) -> String {
        let mut out = String::from(" ");
        let mut in_run = false;
        for c in text.chars() {
            match bitext_core::romanization::han_pinyin(c) {
                Some(p) => {
                    out.push_str(&p);
                    out.push(' ');
                    in_run = true;
                }
                None if in_run => {
                    out.push_str("| ");
                    in_run = false;
                }
                None => {}
            }
        }
        out.push_str("| ");
        out.push_str(&bitext_core::fold_width(text).to_lowercase());
        out
    }
}
