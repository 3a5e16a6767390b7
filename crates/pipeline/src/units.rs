//! From segmented documents (or presegmented lines) to the units the aligner sees,
//! with what the records need: the text without its label and the block name.

use bitext_align::Unit;
use bitext_core::{Anchor, BlockKind, Document, Segmenter};

/// Align sentences inside aligned paragraphs, or whole paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    #[default]
    Sentence,
    Paragraph,
}

impl Level {
    /// Every level, for front ends that list them.
    pub const ALL: [Level; 2] = [Level::Sentence, Level::Paragraph];

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
    /// Footnote reference markers taken out of each unit's text (raw documents only).
    pub footnotes: Vec<Vec<String>>,
}

impl Side {
    /// The anchors of unit `i`'s body, the text written to the corpus: the anchors the
    /// segment stage found in the unit, less the label moved out of it (a block's
    /// first unit; every unit of presegmented text).
    pub fn body_anchors(&self, i: usize) -> impl Iterator<Item = &bitext_core::Anchor> {
        let first_of_block = self.blocks.is_empty() || {
            let k = self.blocks.partition_point(|r| r.start < i);
            self.blocks.get(k).is_some_and(|r| r.start == i)
        };
        self.units[i]
            .anchors
            .iter()
            .filter(move |a| !(first_of_block && a.kind == bitext_core::AnchorKind::Label))
    }
}

pub use bitext_core::{footnote_markers, superscript_digit};

/// Describe one unit for the aligner: anchors and length from its whole `text`,
/// lexical tokens from its `body` (the text without its label).
pub fn unit(seg: &dyn Segmenter, text: &str, body: &str) -> Unit {
    unit_with_anchors(seg, text, body, seg.anchors(text))
}

/// [`unit`] with the anchors of `text` already found (a segmented sentence carries
/// them: finding them again was a tenth of a document's alignment time).
fn unit_with_anchors(seg: &dyn Segmenter, text: &str, body: &str, anchors: Vec<Anchor>) -> Unit {
    let mut text_for_lookup = seg.lookup_text(text);
    // Built by pushing, it may hold twice its length; units live to the end.
    text_for_lookup.shrink_to_fit();
    Unit {
        tokens: seg.lexical_tokens(body).into(),
        anchors,
        length: seg.length(text),
        ending: bitext_core::Ending::of(&text_for_lookup),
        text: text_for_lookup,
        part: 0,
    }
}

/// Presegmented input: one unit per line, as given.
pub fn presegmented(seg: &dyn Segmenter, text: &str) -> Side {
    let mut side = Side::default();
    let text = text.strip_suffix('\n').unwrap_or(text);
    // Sized up front: growing by doubling holds up to twice the units at the peak.
    let lines = text.split('\n').count();
    side.units.reserve_exact(lines);
    side.body.reserve_exact(lines);
    side.block.reserve_exact(lines);
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
        let part = u8::from(block.kind == BlockKind::Footnote);
        match level {
            Level::Sentence => {
                // The segment stage took the footnote markers out of each sentence
                // and found its anchors without them.
                for s in &block.sentences {
                    let (text, body) = (s.aligned_text(), s.aligned_body());
                    side.units
                        .push(unit_with_anchors(seg, text, body, s.anchors.clone()));
                    side.body.push(body.to_string());
                    side.block.push(name.clone());
                    side.footnotes.push(s.footnote_refs.clone());
                }
            }
            Level::Paragraph => {
                let raw = block.text(doc.lang);
                let label_len = block.sentences.first().map_or(0, |s| s.label_len);
                let (text, refs) = footnote_markers(&raw, doc.lang);
                let (body, _) = footnote_markers(&raw[label_len.min(raw.len())..], doc.lang);
                side.units.push(unit(seg, &text, &body));
                side.body.push(body);
                side.block.push(name);
                side.footnotes.push(refs);
            }
        }
        for u in &mut side.units[start..] {
            u.part = part;
        }
        side.blocks.push(start..side.units.len());
    }
    side
}
