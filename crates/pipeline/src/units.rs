//! From segmented documents (or presegmented lines) to the units the aligner sees,
//! with what the records need: the text without its label and the block name.

use bitext_align::Unit;
use bitext_core::{fold_width, BlockKind, Document, Segmenter};

/// Align sentences inside aligned paragraphs, or whole paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Sentence,
    Paragraph,
}

impl Level {
    /// `sentence` or `paragraph` (TMX `segtype`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Sentence => "sentence",
            Level::Paragraph => "paragraph",
        }
    }
}

/// One side's units with what the records need.
#[derive(Debug, Default, Clone)]
pub struct Side {
    pub units: Vec<Unit>,
    /// Text written to the corpus (leading label moved out).
    pub body: Vec<String>,
    /// Block label or kind of each unit.
    pub block: Vec<Option<String>>,
    /// Unit id ranges of blocks (raw documents only).
    pub blocks: Vec<std::ops::Range<usize>>,
}

/// Describe one unit for the aligner: anchors and length from its whole `text`,
/// lexical tokens from its `body` (the text without its label).
pub fn unit(seg: &dyn Segmenter, text: &str, body: &str) -> Unit {
    Unit {
        tokens: seg.lexical_tokens(body),
        anchors: seg.anchors(text),
        length: seg.length(text),
        text: fold_width(text).to_lowercase(),
    }
}

/// Presegmented input: one unit per line, as given.
pub fn presegmented(seg: &dyn Segmenter, text: &str) -> Side {
    let mut side = Side::default();
    let text = text.strip_suffix('\n').unwrap_or(text);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (label_len, label) = seg.leading_label(line);
        let body = if label_len < line.len() {
            &line[label_len..]
        } else {
            line
        };
        side.units.push(unit(seg, line, body));
        side.body.push(body.to_string());
        side.block.push(label);
    }
    side
}

fn block_name(kind: BlockKind, label: &Option<String>) -> Option<String> {
    match (kind, label) {
        (_, Some(l)) => Some(l.clone()),
        (BlockKind::Paragraph, None) => None,
        (kind, None) => Some(kind.as_str().to_string()),
    }
}

/// A segmented document as units (sentences, or blocks at paragraph level).
pub fn from_document(seg: &dyn Segmenter, doc: &Document, level: Level) -> Side {
    let mut side = Side::default();
    for block in doc.text_blocks() {
        let start = side.units.len();
        let name = block_name(block.kind, &block.label);
        match level {
            Level::Sentence => {
                for s in &block.sentences {
                    side.units.push(unit(seg, &s.text, s.body()));
                    side.body.push(s.body().to_string());
                    side.block.push(name.clone());
                }
            }
            Level::Paragraph => {
                let text = block.text(doc.lang);
                let label_len = block.sentences.first().map_or(0, |s| s.label_len);
                let body = text[label_len.min(text.len())..].to_string();
                side.units.push(unit(seg, &text, &body));
                side.body.push(body);
                side.block.push(name);
            }
        }
        side.blocks.push(start..side.units.len());
    }
    side
}
