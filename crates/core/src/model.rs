use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language bitext knows how to segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Both languages, for front ends that list them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The ISO 639-1 code (`zh`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for a language code bitext does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected zh or en)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        // Accept regional and script variants: zh-CN, zh-Hans, en-US, en_GB …
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" | "cmn" | "chi" | "zho" => Ok(Lang::Zh),
            "en" | "eng" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// What a block of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Title page material: organ, distribution, date, session, agenda item, title lines.
    Front,
    /// A heading (`Discussion`, `A.`, `一、`).
    Heading,
    /// A body paragraph, numbered (`12.`) or not.
    Paragraph,
    /// A sub-item (`(a)`, `(i)`).
    Item,
    /// A footnote.
    Footnote,
    /// Layout debris removed from the text (page numbers, running footers, job numbers);
    /// reported so nothing disappears silently.
    Artifact,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Front => "front",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Item => "item",
            BlockKind::Footnote => "footnote",
            BlockKind::Artifact => "artifact",
        }
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of an [`Anchor`]. The kind is part of the key: `num:29` never matches `para:29`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// The block's own paragraph number or list label.
    Label,
    /// A reference to a paragraph (`paragraph 29A.98 (f)` / `第 29A.98(f)段`).
    ParaRef,
    Table,
    Figure,
    Section,
    Annex,
    Chapter,
    /// A document symbol (`A/78/6 (Sect. 29A)`, `E/2023/26`).
    Symbol,
    /// A resolution or decision number (`77/278`, `2003/14`).
    Resolution,
    /// Month and day (`05-31`); the year is a separate [`AnchorKind::Year`] anchor
    /// because the two languages group dates differently.
    Date,
    Year,
    /// Clock time, 24-hour `HH:MM` (`10.10 a.m.` / `上午10时10分`).
    Time,
    Percent,
    /// Any other number, with grouping removed (`6,500` = `6 500` = `6500`), cardinal
    /// or ordinal (`13th`, `第 13 次`, `sixty-third`).
    Number,
    /// A Latin-script token that both versions keep (`COVID-19`, `Wi-Fi`). The aligner
    /// counts it as matched when the other side's text contains it.
    Latin,
    /// A romanised Chinese name in English (`Qingyang`, `Yunnan`): its Pinyin
    /// syllables, space-separated (`qing yang`). The aligner counts it as matched when
    /// the other side's lookup text ([`Segmenter::lookup_text`]) has those syllables,
    /// as the Chinese side's Pinyin does.
    Name,
    /// Quotation marks: the unit quotes someone or something (`“…”`, `「…」`, `'…'`).
    /// Translations keep quotations as quotations, and in dialogue the unit with the
    /// quote is the one the quote's translation is in.
    Quote,
    /// A sentence's mood by its closing mark: a question (`?`, `？`) or an exclamation
    /// (`!`, `！`), keyed [`MOOD_KEYS`] ([`sentence_moods`](crate::sentence_moods)).
    /// Translations keep questions as questions and exclamations as exclamations, and
    /// in dialogue the two mark which line answers which.
    Mood,
}

/// The key of every [`AnchorKind::Quote`] anchor: quoting or not, whatever the marks.
pub const QUOTE_KEY: &str = "marks";

/// The keys of [`AnchorKind::Mood`] anchors: a question, an exclamation.
pub const MOOD_KEYS: [&str; 2] = ["question", "exclamation"];

/// The kinds of anchor a right translation may have on one side only, so that a
/// one-sided one is no finding: a Latin word or a romanised name is matched in the
/// other side's text (which has no such anchor), and a translator may drop quotation
/// marks or turn a question into a statement. `bitext check` and the review's
/// one-sided anchors both pass these over.
pub const MAY_BE_ONE_SIDED: [AnchorKind; 4] = [
    AnchorKind::Latin,
    AnchorKind::Name,
    AnchorKind::Quote,
    AnchorKind::Mood,
];

impl AnchorKind {
    /// Whether this kind is one of [`MAY_BE_ONE_SIDED`].
    pub fn may_be_one_sided(self) -> bool {
        MAY_BE_ONE_SIDED.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AnchorKind::Label => "label",
            AnchorKind::ParaRef => "para",
            AnchorKind::Table => "table",
            AnchorKind::Figure => "figure",
            AnchorKind::Section => "section",
            AnchorKind::Annex => "annex",
            AnchorKind::Chapter => "chapter",
            AnchorKind::Symbol => "symbol",
            AnchorKind::Resolution => "res",
            AnchorKind::Date => "date",
            AnchorKind::Year => "year",
            AnchorKind::Time => "time",
            AnchorKind::Percent => "pct",
            AnchorKind::Number => "num",
            AnchorKind::Latin => "latin",
            AnchorKind::Name => "name",
            AnchorKind::Quote => "quote",
            AnchorKind::Mood => "mood",
        }
    }
}

/// A normalised, language-independent reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub key: String,
}

impl Anchor {
    pub fn new(kind: AnchorKind, key: impl Into<String>) -> Self {
        Anchor {
            kind,
            key: key.into(),
        }
    }

    /// The anchors' keys as written to a corpus (`kind:key`), in order.
    pub fn keys<'a>(anchors: impl IntoIterator<Item = &'a Anchor>) -> Vec<String> {
        anchors.into_iter().map(Anchor::to_string).collect()
    }

    /// Whether a key as [`Anchor::keys`] writes it (`name:qing yang`) is of a kind in
    /// [`MAY_BE_ONE_SIDED`].
    pub fn key_may_be_one_sided(key: &str) -> bool {
        let kind = key.split_once(':').map_or("", |(kind, _)| kind);
        MAY_BE_ONE_SIDED.iter().any(|k| k.as_str() == kind)
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.key)
    }
}

/// One sentence of a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence as written to a corpus: source characters with layout artefacts
    /// (hard wraps, end-of-line hyphens, page debris) removed.
    pub text: String,
    /// Byte length of the leading paragraph number or list label inside `text`
    /// (with the space after it); 0 when there is none. See [`Sentence::body`].
    pub label_len: usize,
    /// Byte span of the sentence in the decoded source text.
    pub start: usize,
    pub end: usize,
    /// Anchors of the text the aligner reads ([`Sentence::aligned_text`]), found once
    /// by the segment stage.
    pub anchors: Vec<Anchor>,
    /// Footnote reference markers taken out of `text` for alignment, in order (`6` of
    /// `Secretary-General;6`; see [`footnote_markers`](crate::footnote_markers)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnote_refs: Vec<String>,
    /// `text` and its body without the footnote markers, when it had any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unmarked: Option<(String, String)>,
}

impl Sentence {
    /// The text the aligner reads and a corpus gets: `text` without footnote markers.
    pub fn aligned_text(&self) -> &str {
        self.unmarked.as_ref().map_or(&self.text, |(text, _)| text)
    }

    /// The body of [`Sentence::aligned_text`] (without the leading label).
    pub fn aligned_body(&self) -> &str {
        self.unmarked.as_ref().map_or(self.body(), |(_, body)| body)
    }

    /// The text without its leading paragraph number or list label: what CAT tools
    /// segment and match (they split `3.` off as its own segment).
    pub fn body(&self) -> &str {
        &self.text[self.label_len.min(self.text.len())..]
    }

    /// The leading label (`3.`, `(a)`, `一、`) if the sentence starts with one.
    pub fn label(&self) -> Option<&str> {
        (self.label_len > 0).then(|| self.text[..self.label_len].trim_end())
    }
}

/// A paragraph-level unit of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Paragraph number (`12`) or label (`(a)`, `A`, `一`), normalised to the form both
    /// languages share where one exists (`一、` → `I`, `(一)` → `A`).
    pub label: Option<String>,
    /// Byte span of the block in the decoded source.
    pub start: usize,
    pub end: usize,
    pub sentences: Vec<Sentence>,
}

impl Block {
    /// The block's text: its sentences joined by the language's separator.
    pub fn text(&self, lang: Lang) -> String {
        let sep = match lang {
            Lang::Zh => "",
            Lang::En => " ",
        };
        self.sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// All anchors of the block's sentences, deduplicated, in first-seen order.
    pub fn anchors(&self) -> Vec<Anchor> {
        let mut seen = std::collections::HashSet::new();
        self.sentences
            .iter()
            .flat_map(|s| s.anchors.iter())
            .filter(|a| seen.insert((*a).clone()))
            .cloned()
            .collect()
    }
}

/// A segmented document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Blocks that carry text (everything but artefacts).
    pub fn text_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind != BlockKind::Artifact)
    }

    /// Check that segmentation lost nothing: sentence spans are in order and do not
    /// overlap, and sentences and artefacts together cover every non-whitespace byte
    /// of `source`. Returns the first problem found.
    pub fn check_coverage(&self, source: &str) -> Result<(), String> {
        let mut covered = vec![false; source.len()];
        let mut last_end = 0;
        for block in &self.blocks {
            for s in &block.sentences {
                if s.start > s.end || s.end > source.len() {
                    return Err(format!("span {}..{} outside the source", s.start, s.end));
                }
                if block.kind != BlockKind::Artifact {
                    if s.start < last_end {
                        return Err(format!(
                            "sentence at {} overlaps or precedes the one ending at {last_end}",
                            s.start
                        ));
                    }
                    last_end = s.end;
                }
                covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            }
        }
        match source
            .char_indices()
            .find(|(i, c)| !c.is_whitespace() && !covered[*i])
        {
            Some((i, c)) => Err(format!("byte {i} ({c:?}) is in no unit")),
            None => Ok(()),
        }
    }

    /// All sentences of text blocks in document order.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.text_blocks().flat_map(|b| b.sentences.iter())
    }
}

/// What a language crate provides.
pub trait Segmenter: Send + Sync {
    fn lang(&self) -> Lang;

    /// Clean PDF-extraction debris and segment `text` into blocks and sentences.
    fn segment(&self, text: &str) -> Document;

    /// Like [`Segmenter::segment`], with sentence boundaries from `splitter` (SRX rules,
    /// for CAT-tool conventions) instead of the language's own.
    fn segment_with(&self, text: &str, splitter: crate::build::Splitter<'_>) -> Document;

    /// Anchors found in a piece of text (a sentence, a line of presegmented input).
    fn anchors(&self, text: &str) -> Vec<Anchor>;

    /// Byte length of a leading paragraph number or list label of `text` (with the
    /// whitespace after it), and the label normalised as [`Block::label`] is; `(0, None)`
    /// when the text does not start with one.
    fn leading_label(&self, text: &str) -> (usize, Option<String>);

    /// Lexical tokens for the aligner's translation model: words for English,
    /// character n-grams for Chinese. Lowercased and normalised.
    fn lexical_tokens(&self, text: &str) -> Vec<String>;

    /// Length of `text` in the units the length model uses (characters, without spaces).
    fn length(&self, text: &str) -> f64 {
        text.chars().filter(|c| !c.is_whitespace()).count() as f64
    }

    /// The text the other language's Latin and name anchors are looked up in:
    /// lowercased and width-folded (Chinese adds the Pinyin of its characters, so that
    /// a romanised name is found).
    fn lookup_text(&self, text: &str) -> String {
        crate::fold_width(text).to_lowercase()
    }
}

/// One alignment link: 0-based unit ids on each side and a confidence in `[0, 1]`.
/// One side may be empty: the unit has no counterpart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
    pub score: f64,
}

impl Link {
    pub fn new(zh: Vec<usize>, en: Vec<usize>, score: f64) -> Self {
        Link { zh, en, score }
    }

    /// `"1-2"`: number of zh units, dash, number of en units.
    pub fn link_type(&self) -> String {
        format!("{}-{}", self.zh.len(), self.en.len())
    }

    /// Both sides non-empty.
    pub fn is_paired(&self) -> bool {
        !self.zh.is_empty() && !self.en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key is passed over exactly when its anchor's kind is: the review (which reads
    /// keys) and `bitext check` (which reads anchors) decide alike.
    #[test]
    fn keys_may_be_one_sided_as_their_kinds() {
        for kind in [
            AnchorKind::Number,
            AnchorKind::Resolution,
            AnchorKind::Label,
            AnchorKind::Latin,
            AnchorKind::Name,
            AnchorKind::Quote,
            AnchorKind::Mood,
        ] {
            let key = Anchor::new(kind, "qing yang").to_string();
            assert_eq!(
                Anchor::key_may_be_one_sided(&key),
                kind.may_be_one_sided(),
                "{key}"
            );
        }
        assert!(Anchor::key_may_be_one_sided("mood:question"));
        assert!(!Anchor::key_may_be_one_sided("num:40"));
    }
}
