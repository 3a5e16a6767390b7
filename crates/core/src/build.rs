//! From cleaned paragraphs to a [`Document`]: the language-neutral assembly both
//! segmenters share. A language contributes its [`BlockRules`]: labels, block kinds,
//! sentence boundaries and anchors.

use crate::layout::Assembled;
use crate::{Anchor, Block, BlockKind, Document, Lang, Sentence};

/// A paragraph after layout cleaning (or a removed artefact line).
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub assembled: Assembled,
    pub start: usize,
    pub end: usize,
    pub artifact: bool,
}

/// Sentence boundaries inside a block's text, after its label: byte spans.
pub type Splitter<'a> = &'a (dyn Fn(&str) -> Vec<(usize, usize)> + Sync);

/// What a language contributes to segmentation: its layout cleaning, labels, block
/// kinds, sentence boundaries, anchors and tokens. Every type with these rules is a
/// [`Segmenter`](crate::Segmenter) (a blanket implementation): the assembly is shared,
/// so the Chinese and English segmenters hold no copy of it.
pub trait BlockRules: Send + Sync {
    fn lang(&self) -> Lang;
    fn leading_label(&self, text: &str) -> (usize, Option<String>);
    fn classify(&self, text: &str, label: Option<&str>, seen_numbered: bool) -> BlockKind;
    /// Sentence spans of a block's text; the first `label_len` bytes are its label.
    fn split_sentences(&self, text: &str, label_len: usize) -> Vec<(usize, usize)>;
    fn anchors(&self, text: &str) -> Vec<Anchor>;
    /// A paragraph at least this many characters long ends the front matter when the
    /// document has no numbered paragraph.
    fn front_matter_end_chars(&self) -> usize;
    /// Raw text to cleaned paragraphs (hard wraps, hyphenation, page debris).
    fn paragraphs(&self, text: &str) -> Vec<Paragraph>;
    /// See [`Segmenter::lexical_tokens`](crate::Segmenter::lexical_tokens).
    fn lexical_tokens(&self, text: &str) -> Vec<String>;
    /// See [`Segmenter::length`](crate::Segmenter::length).
    fn length(&self, text: &str) -> f64 {
        text.chars().filter(|c| !c.is_whitespace()).count() as f64
    }
    /// See [`Segmenter::lookup_text`](crate::Segmenter::lookup_text).
    fn lookup_text(&self, text: &str) -> String {
        crate::fold_width(text).to_lowercase()
    }
}

impl<T: BlockRules> crate::Segmenter for T {
    fn lang(&self) -> Lang {
        BlockRules::lang(self)
    }

    fn segment(&self, text: &str) -> Document {
        build_document(self.paragraphs(text), self, None)
    }

    fn segment_with(&self, text: &str, splitter: Splitter<'_>) -> Document {
        build_document(self.paragraphs(text), self, Some(splitter))
    }

    fn anchors(&self, text: &str) -> Vec<Anchor> {
        BlockRules::anchors(self, text)
    }

    fn leading_label(&self, text: &str) -> (usize, Option<String>) {
        BlockRules::leading_label(self, text)
    }

    fn lexical_tokens(&self, text: &str) -> Vec<String> {
        BlockRules::lexical_tokens(self, text)
    }

    fn length(&self, text: &str) -> f64 {
        BlockRules::length(self, text)
    }

    fn lookup_text(&self, text: &str) -> String {
        BlockRules::lookup_text(self, text)
    }
}

/// What tells a language's block kinds apart (see [`classify_block`]).
#[derive(Debug, Clone, Copy)]
pub struct KindRules {
    /// A block no longer than this (in characters) that does not end like a sentence
    /// is a heading.
    pub heading_max_chars: usize,
    /// Whether a text ends like a sentence or clause (with its terminal punctuation).
    pub ends_with_terminal: fn(&str) -> bool,
    /// Whether an unlabelled block (trimmed) begins like a footnote, once the document
    /// has numbered paragraphs.
    pub begins_footnote: fn(&str) -> bool,
}

/// The kind of a block from its text and label: a numeric label makes a numbered
/// paragraph, a bracketed one a list item; a short text that does not end like a
/// sentence is a heading; after numbered paragraphs, an unlabelled block that begins
/// like a note is a footnote.
pub fn classify_block(
    text: &str,
    label: Option<&str>,
    seen_numbered: bool,
    rules: &KindRules,
) -> BlockKind {
    let heading =
        || text.chars().count() <= rules.heading_max_chars && !(rules.ends_with_terminal)(text);
    match label {
        Some(l) if l.bytes().all(|b| b.is_ascii_digit()) => BlockKind::Paragraph,
        Some(l) if l.starts_with('(') => BlockKind::Item,
        Some(_) if heading() => BlockKind::Heading,
        Some(_) => BlockKind::Paragraph,
        None if seen_numbered && (rules.begins_footnote)(text.trim_start()) => BlockKind::Footnote,
        None if heading() => BlockKind::Heading,
        None => BlockKind::Paragraph,
    }
}

/// What a language says about where its sentences end; [`split_sentences`] does the
/// scan that every language shares.
pub trait SentenceRules {
    /// Marks that may end a sentence (`.` `!` `?`, `。` `！` `？`).
    fn is_terminal(&self, c: char) -> bool;
    /// Closing quotes and brackets that stay with the sentence they end.
    fn is_closer(&self, c: char) -> bool;
    /// Whether a terminal mark at byte `at` may end a sentence at all (not inside a
    /// paragraph number or a title). Checked before its closers are taken.
    fn may_end_at(&self, _at: usize) -> bool {
        true
    }
    /// Whether the sentence ends with `text[..end]`: the terminal mark at `at` and
    /// the closers, further terminals and footnote marks that followed it.
    fn ends_sentence(&self, _text: &str, _at: usize, _end: usize) -> bool {
        true
    }
}

/// Byte spans of the sentences of `text`: after each terminal mark that `rules`
/// accept, with the closing marks, further terminals and superscript footnote
/// marks ([`SUPERSCRIPT_DIGITS`](crate::SUPERSCRIPT_DIGITS)) that follow it. Spans
/// are trimmed and cover every non-whitespace byte of `text`.
///
/// ```
/// use bitext_core::build::{split_sentences, SentenceRules};
///
/// struct Stops;
/// impl SentenceRules for Stops {
///     fn is_terminal(&self, c: char) -> bool { c == '.' }
///     fn is_closer(&self, c: char) -> bool { c == ')' }
/// }
/// let text = "One (a.) Two.";
/// let spans = split_sentences(text, &Stops);
/// assert_eq!(spans, [(0, 8), (9, 13)]);
/// ```
pub fn split_sentences<R: SentenceRules + ?Sized>(text: &str, rules: &R) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if !rules.is_terminal(c) || !rules.may_end_at(at) {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if rules.is_closer(d) || crate::SUPERSCRIPT_DIGITS.contains(&d) || rules.is_terminal(d)
            {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if rules.ends_sentence(text, at, end) {
            push_trimmed(&mut spans, text, start, end);
            start = end;
        }
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
}

/// Add the span `start..end` of `text`, trimmed to non-whitespace, unless nothing is
/// left of it (how sentence splitters collect their spans).
pub fn push_trimmed(spans: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let span = trim_span(text, start, end);
    if span.0 < span.1 {
        spans.push(span);
    }
}

/// A sentence's footnote markers, and its text and body without them (`None` when it
/// has none). The markers are found once, in the whole text; the body's are those
/// after the label.
fn unmark(text: &str, label_len: usize, lang: Lang) -> (Vec<String>, Option<(String, String)>) {
    let spans = crate::notes::marker_spans(text, lang);
    if spans.is_empty() {
        return (Vec::new(), None);
    }
    let (unmarked, refs) = crate::notes::cut_out(text, &spans);
    let body = &text[label_len.min(text.len())..];
    let unmarked_body = if spans.iter().all(|&(a, _)| a >= label_len) {
        let shifted: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(a, b)| (a - label_len, b - label_len))
            .collect();
        crate::notes::cut_out(body, &shifted).0
    } else {
        crate::notes::footnote_markers(body, lang).0
    };
    (refs, Some((unmarked, unmarked_body)))
}

/// Trim a span to non-whitespace.
pub fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (start + lead, end - trail)
}

/// Build the document; `splitter` (e.g. SRX rules) replaces the language's own
/// sentence boundaries when given. The label stays with the first sentence either way.
pub fn build_document(
    paragraphs: Vec<Paragraph>,
    rules: &dyn BlockRules,
    splitter: Option<Splitter<'_>>,
) -> Document {
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let mut seen_numbered = false;
    for para in paragraphs {
        if para.artifact {
            blocks.push(Block {
                kind: BlockKind::Artifact,
                label: None,
                start: para.start,
                end: para.end,
                sentences: vec![Sentence {
                    text: para.assembled.text.trim().to_string(),
                    label_len: 0,
                    start: para.start,
                    end: para.end,
                    anchors: Vec::new(),
                    footnote_refs: Vec::new(),
                    unmarked: None,
                }],
            });
            continue;
        }
        let text = &para.assembled.text;
        let (label_len, label) = rules.leading_label(text);
        let kind = rules.classify(text, label.as_deref(), seen_numbered);
        if kind == BlockKind::Paragraph && label.is_some() {
            seen_numbered = true;
        }
        let spans = match splitter {
            None => rules.split_sentences(text, label_len),
            Some(split) => {
                let mut spans: Vec<(usize, usize)> = split(&text[label_len..])
                    .into_iter()
                    .map(|(s, e)| trim_span(text, s + label_len, e + label_len))
                    .filter(|(s, e)| s < e)
                    .collect();
                match spans.first_mut() {
                    Some(first) if label_len > 0 => first.0 = 0,
                    None if !text.trim().is_empty() => spans.push(trim_span(text, 0, text.len())),
                    _ => {}
                }
                spans
            }
        };
        let sentences = spans
            .into_iter()
            .map(|(s, e)| {
                let sentence_text = text[s..e].to_string();
                let label_len = if s == 0 { label_len.min(e - s) } else { 0 };
                let (footnote_refs, unmarked) = unmark(&sentence_text, label_len, rules.lang());
                Sentence {
                    anchors: rules.anchors(unmarked.as_ref().map_or(&sentence_text, |u| &u.0)),
                    label_len,
                    text: sentence_text,
                    start: para.assembled.source_offset(s),
                    end: para.assembled.source_end(e),
                    footnote_refs,
                    unmarked,
                }
            })
            .collect();
        blocks.push(Block {
            kind,
            label,
            start: para.start,
            end: para.end,
            sentences,
        });
    }
    mark_front_matter(&mut blocks, rules.front_matter_end_chars());
    Document {
        lang: rules.lang(),
        blocks,
    }
}

/// Everything before the first numbered paragraph (or, in a document without
/// numbers, before the first full paragraph) is front matter: organ, distribution,
/// date, session, agenda item, title lines.
fn mark_front_matter(blocks: &mut [Block], full_paragraph_chars: usize) {
    let chars = |b: &Block| {
        b.sentences
            .iter()
            .map(|s| s.text.chars().count())
            .sum::<usize>()
    };
    let numbered = blocks.iter().position(|b| {
        b.kind == BlockKind::Paragraph
            && b.label
                .as_deref()
                .is_some_and(|l| l.bytes().all(|c| c.is_ascii_digit()))
    });
    let first_body = numbered.or_else(|| {
        blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph && chars(b) >= full_paragraph_chars)
    });
    let Some(end) = first_body else { return };
    if end > 60 {
        return;
    }
    for block in &mut blocks[..end] {
        if block.kind != BlockKind::Artifact {
            block.kind = BlockKind::Front;
        }
    }
}
