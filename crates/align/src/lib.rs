//! The bitext aligner: language-agnostic, driven by what UN documents give for free.
//!
//! It sees two sequences of [`Unit`]s (sentences, paragraphs or input lines) that a
//! language crate has already described: lexical tokens, anchors (numbers, symbols,
//! paragraph numbers), a length. It never looks at a language itself.
//!
//! * [`align_units`] — monotonic dynamic programme with 1-1, 1-0, 0-1, 1-2, 2-1, 2-2,
//!   1-3 and 3-1 links, scored by anchor agreement (weighted by rarity), a calibrated
//!   length ratio and a translation lexicon that is learned from the input itself
//!   (Dice associations over the links the first pass makes certain), then a pass that
//!   links moved units (titles, letterheads) out of order.
//! * [`align_blocks_then_units`] — paragraphs first (paragraph numbers are the strongest
//!   anchor), then sentences inside each aligned paragraph group, in parallel.
//! * Both end with the [`Verifier`] (unless [`Config::verifier`] is `None`): every
//!   paired link is checked on its own evidence; its score becomes the verifier's
//!   calibrated probability, and a link more likely wrong than right is split into
//!   unpaired units (the DP, choosing a path, pairs two neighbouring non-translations
//!   where each version has text the other lacks).
//! * [`eval`] — strict and lax precision/recall/F1 of links, as the reference scorer
//!   defines them.
//!
//! Every [`Link`] carries a confidence in `[0, 1]`: the model's
//! probability that the link is right (for an unpaired unit, that it has no partner);
//! for paired links it is the verifier's, calibrated on the development gold.
//!
//! ```
//! use bitext_align::{align_units, Config, Glossary, Unit};
//! use bitext_core::{Anchor, AnchorKind};
//!
//! let unit = |tokens: &[&str], anchors: &[&str], len: f64| Unit {
//!     tokens: tokens.iter().map(|t| t.to_string()).collect(),
//!     anchors: anchors.iter().map(|k| Anchor::new(AnchorKind::Resolution, *k)).collect(),
//!     length: len,
//!     text: String::new(),
//!     part: 0,
//!     ending: bitext_core::Ending::Bare,
//! };
//! let zh = vec![unit(&["决议"], &["77/278"], 20.0), unit(&["预算"], &["77/267"], 18.0)];
//! let en = vec![unit(&["resolut"], &["77/278"], 60.0), unit(&["budget"], &["77/267"], 55.0)];
//! let glossary = Glossary {
//!     pairs: vec![
//!         (vec!["决议".into()], vec!["resolut".into()]),
//!         (vec!["预算".into()], vec!["budget".into()]),
//!     ],
//!     ..Glossary::default()
//! };
//! let links = align_units(&zh, &en, &Config { glossary, ..Config::default() });
//! assert_eq!(links.len(), 2);
//! assert_eq!((links[0].zh.clone(), links[0].en.clone()), (vec![0], vec![0]));
//! ```

mod dp;
pub mod eval;
mod fill;
mod lexicon;
mod prepared;
mod score;
mod verify;

/// What the unit tests of several modules share: the report pair as units.
#[cfg(test)]
pub(crate) mod test_util {
    use crate::Unit;
    use bitext_core::{fold_width, Segmenter};

    /// One unit per line of `text`, described by `seg`.
    pub fn units(seg: &dyn Segmenter, text: &str) -> Vec<Unit> {
        text.lines()
            .map(|line| Unit {
                tokens: seg.lexical_tokens(line).into(),
                anchors: seg.anchors(line),
                length: seg.length(line),
                text: fold_width(line).to_lowercase(),
                part: 0,
                ending: bitext_core::Ending::of(&fold_width(line).to_lowercase()),
            })
            .collect()
    }

    /// The report pair's lines as units: the raw Chinese and the clean English.
    pub fn report_pair() -> (Vec<Unit>, Vec<Unit>) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/cpc63-programme25");
        let zh = std::fs::read_to_string(format!("{dir}/zh.txt")).unwrap();
        let en = std::fs::read_to_string(format!("{dir}/en.clean.txt")).unwrap();
        let zh = units(&bitext_segment_zh::ChineseSegmenter::new(), &zh);
        let en = units(&bitext_segment_en::EnglishSegmenter::new(), &en);
        (zh, en)
    }

    /// The report pair prepared, with a lexicon learned from its lines paired
    /// diagonally.
    pub fn report_pair_prepared() -> (crate::prepared::Prepared, crate::lexicon::Lexicon) {
        let (zh, en) = report_pair();
        let p = crate::prepared::Prepared::new(&zh, &en, &Default::default());
        let params = crate::LexiconParams::default();
        let mut lex =
            crate::lexicon::Lexicon::from_glossary(&p, &crate::Glossary::default(), &params);
        let n = p.zh.len().min(p.en.len());
        let diagonal: Vec<bitext_core::Link> = (0..n)
            .map(|i| bitext_core::Link::new(vec![i], vec![i], 1.0))
            .collect();
        lex.learn_from_links(&p, &diagonal, &params);
        (p, lex)
    }
}

use bitext_core::{Anchor, Link};
use rayon::prelude::*;

pub use dp::SearchParams;
pub use lexicon::{Glossary, LexiconParams, SortedLexicon};
pub use prepared::WeightParams;
pub use score::{Evidence, Params};
pub use verify::{FeatureParams, LinkFeatures, Verifier};

/// A unit's lexical tokens in one buffer: a long document has millions of them, and
/// a `String` each costs a header and an allocation apiece (most of the memory of a
/// long alignment, and freed piecemeal it fragments the heap).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    text: String,
    ends: Vec<u32>,
}

impl Tokens {
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.ends.iter().scan(0usize, move |start, &end| {
            let token = &self.text[*start..end as usize];
            *start = end as usize;
            Some(token)
        })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Tokens {
    fn from_iter<I: IntoIterator<Item = S>>(tokens: I) -> Self {
        let mut out = Tokens::default();
        for t in tokens {
            out.text.push_str(t.as_ref());
            out.ends.push(out.text.len() as u32);
        }
        out.text.shrink_to_fit();
        out.ends.shrink_to_fit();
        out
    }
}

impl From<Vec<String>> for Tokens {
    fn from(tokens: Vec<String>) -> Self {
        tokens.into_iter().collect()
    }
}

/// One unit to align, as described by its language's segmenter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    /// Lexical tokens (words, character n-grams), normalised by the language crate.
    pub tokens: Tokens,
    pub anchors: Vec<Anchor>,
    /// Length in the language's length unit (characters without spaces).
    pub length: f64,
    /// The unit's text, lowercased and width-folded: Latin anchors of the other side
    /// are looked up in it.
    pub text: String,
    /// Which part of the document the unit is in (0 the body, 1 its footnotes): one
    /// link never joins units of different parts, so a note beside a paragraph is
    /// never merged into one of its sentences.
    pub part: u8,
    /// How the unit's text ends (sentence, clause, bare heading), set by the segment
    /// stage: a link of a sentence with a heading is suspect.
    pub ending: bitext_core::Ending,
}

/// Settings of an alignment run.
#[derive(Debug, Clone)]
pub struct Config {
    pub params: Params,
    /// Term pairs added to the learned lexicon (built-in UN terms, `--glossary`, `--lexicon`).
    pub glossary: Glossary,
    /// Re-estimation rounds of the learned lexicon (0: glossary and anchors only; the
    /// pass with the weights adapted to the document runs all the same).
    pub lexicon_rounds: usize,
    /// Link unpaired units out of order when the evidence is strong.
    pub moved_units: bool,
    /// The last stage: every paired link scored with the verifier's probability of
    /// being right, and split into unpaired units when that is below its threshold.
    /// `None` keeps the DP's links and scores as they are.
    pub verifier: Option<Verifier>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            params: Params::default(),
            glossary: Glossary::default(),
            lexicon_rounds: 2,
            moved_units: true,
            verifier: Some(Verifier::default()),
        }
    }
}

/// Align two unit sequences (zh, en). Every unit appears in exactly one link; links
/// come in document order (a moved link stands where its zh unit is).
pub fn align_units(zh: &[Unit], en: &[Unit], config: &Config) -> Vec<Link> {
    let prepared = prepared::Prepared::new(zh, en, &config.params.weights);
    let general = general_lexicon(&prepared, config);
    let (lexicon, links, params) = align_all(&prepared, config, &general);
    last_stages(&prepared, &general, &lexicon, &params, config, links)
}

/// The glossary's associations found in the input (glossaries, lexicons, identical
/// tokens): where every lexicon round starts, and all the verifier reads words
/// through — not what was learned from the links it judges (see the verify module).
/// It depends on the vocabulary only, which merged blocks share with their units.
fn general_lexicon(p: &prepared::Prepared, config: &Config) -> lexicon::Lexicon {
    lexicon::Lexicon::from_glossary(p, &config.glossary, &config.params.lexicon)
}

/// The links after the last stages: the verifier, when the configuration has one
/// (reading words through the `general` lexicon), then the gaps its rejections left
/// in a complete translation filled again (through the learned `lexicon`).
fn last_stages(
    p: &prepared::Prepared,
    general: &lexicon::Lexicon,
    lexicon: &lexicon::Lexicon,
    params: &Params,
    config: &Config,
    links: Vec<Link>,
) -> Vec<Link> {
    let links = match &config.verifier {
        Some(v) => verify::verify_links(p, general, params, v, links),
        None => links,
    };
    fill::fill_gaps(p, lexicon, params, links)
}

/// Align all units of `p`: first with the `general` lexicon ([`general_lexicon`]) and
/// the configured weights, which that pass then adapts to the document
/// ([`Params::adapted`]); then, each round, with the general lexicon and what was
/// learned from the previous round's links (searching near that alignment); finally
/// link moved units. Returns the last lexicon, the links and the adapted weights.
fn align_all(
    p: &prepared::Prepared,
    config: &Config,
    general: &lexicon::Lexicon,
) -> (lexicon::Lexicon, Vec<Link>, Params) {
    let (n, m) = (p.zh.len(), p.en.len());
    let mut lexicon = general.clone();
    // Only the last pass's unpaired units keep their confidence.
    let rounds = config.lexicon_rounds.max(1);
    let unpaired = |round: usize| {
        if round == rounds {
            dp::Unpaired::Scored
        } else {
            dp::Unpaired::Unscored
        }
    };
    // The first pass is never the last: its unpaired units need no confidence.
    let first = dp::align_range(
        p,
        &lexicon,
        &config.params,
        0..n,
        0..m,
        None,
        dp::Unpaired::Unscored,
    );
    // How much of a translation the general lexicon covers in this document: measured
    // once, on the first pass (later rounds read words through what they learned).
    let coverage_level = score::Scorer::new(p, &lexicon, &config.params).typical_coverage(&first);
    let mut params = config
        .params
        .adapted(p, &first, config.params.bias, coverage_level);
    let mut links = first;
    for round in 1..=rounds {
        // Each round's alignment is better evidence of the document than the last.
        if round > 1 {
            params = config
                .params
                .adapted(p, &links, params.bias, coverage_level);
        }
        lexicon = general.clone();
        if round <= config.lexicon_rounds {
            lexicon.learn_from_links(p, &links, &config.params.lexicon);
        }
        let guide = Some(&links[..]);
        links = dp::align_range(p, &lexicon, &params, 0..n, 0..m, guide, unpaired(round));
    }
    if config.moved_units {
        dp::link_moved_units(p, &lexicon, &params, &mut links);
    }
    let links = fill::fill_gaps(p, &lexicon, &params, links);
    (lexicon, links, params)
}

/// Align documents made of blocks (paragraphs) of units (sentences): blocks first,
/// then the units inside each aligned group of blocks, groups in parallel.
/// `zh_blocks[k]` is the range of zh unit ids of block `k`; likewise for en.
pub fn align_blocks_then_units(
    zh: &[Unit],
    en: &[Unit],
    zh_blocks: &[std::ops::Range<usize>],
    en_blocks: &[std::ops::Range<usize>],
    config: &Config,
) -> Vec<Link> {
    let prepared = prepared::Prepared::new(zh, en, &config.params.weights);
    let general = general_lexicon(&prepared, config);
    let (lexicon, links, params) =
        blocks_then_units(&prepared, zh_blocks, en_blocks, config, &general);
    last_stages(&prepared, &general, &lexicon, &params, config, links)
}

fn blocks_then_units(
    prepared: &prepared::Prepared,
    zh_blocks: &[std::ops::Range<usize>],
    en_blocks: &[std::ops::Range<usize>],
    config: &Config,
    general: &lexicon::Lexicon,
) -> (lexicon::Lexicon, Vec<Link>, Params) {
    // One lexicon, learned over paragraph pairs, serves every sentence group: inside a
    // group there are too few pairs to learn from; so do the weights adapted to the
    // document at paragraph level.
    let merged = prepared.merge_blocks(zh_blocks, en_blocks);
    let (lexicon, block_links, params) = align_all(&merged, config, general);
    let groups: Vec<Vec<Link>> = block_links
        .par_iter()
        .map(|bl| {
            let zr = span(zh_blocks, &bl.zh);
            let er = span(en_blocks, &bl.en);
            if bl.zh.is_empty() || bl.en.is_empty() {
                let mut out: Vec<Link> = zr.map(|i| Link::new(vec![i], vec![], bl.score)).collect();
                out.extend(er.map(|j| Link::new(vec![], vec![j], bl.score)));
                return out;
            }
            let mut links = dp::align_range(
                prepared,
                &lexicon,
                &params,
                zr,
                er,
                None,
                dp::Unpaired::Scored,
            );
            // A paragraph pair that is sure scales the confidence of its sentence links.
            for l in &mut links {
                l.score = (l.score * (0.5 + 0.5 * bl.score)).clamp(0.0, 1.0);
            }
            links
        })
        .collect();
    (lexicon, groups.into_iter().flatten().collect(), params)
}

/// The union of the unit ranges of the given blocks (blocks of one link are adjacent).
fn span(blocks: &[std::ops::Range<usize>], ids: &[usize]) -> std::ops::Range<usize> {
    let start = ids.iter().map(|&b| blocks[b].start).min().unwrap_or(0);
    let end = ids.iter().map(|&b| blocks[b].end).max().unwrap_or(0);
    start..end.max(start)
}

/// The stages of [`align_units`] one at a time, for benchmarks (criterion benches of
/// scoring, the DP and lexicon learning separately). Not a stable API.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Units interned and a lexicon learned once, as a full alignment has them after
    /// its first round.
    #[derive(Debug)]
    pub struct Stages {
        prepared: prepared::Prepared,
        lexicon: lexicon::Lexicon,
        links: Vec<Link>,
        config: Config,
    }

    impl Stages {
        pub fn new(zh: &[Unit], en: &[Unit], config: &Config) -> Self {
            let prepared = prepared::Prepared::new(zh, en, &config.params.weights);
            let general = general_lexicon(&prepared, config);
            let (lexicon, links, _) = align_all(
                &prepared,
                &Config {
                    lexicon_rounds: 1,
                    ..config.clone()
                },
                &general,
            );
            Stages {
                prepared,
                lexicon,
                links,
                config: config.clone(),
            }
        }

        /// Score every 1-1 pair within `half_width` of the diagonal (lexical coverage,
        /// anchors, length): the scoring work alone. Returns the sum of the scores.
        pub fn score_band(&self, half_width: usize) -> f64 {
            let scorer = score::Scorer::new(&self.prepared, &self.lexicon, &self.config.params);
            let (n, m) = (self.prepared.zh.len(), self.prepared.en.len());
            let mut total = 0.0;
            for i in 0..n {
                let centre = i * m / n.max(1);
                for j in centre.saturating_sub(half_width)..(centre + half_width + 1).min(m) {
                    total += scorer.logit(i..i + 1, j..j + 1);
                }
            }
            total
        }

        /// One DP pass near the alignment already found (as a later lexicon round runs).
        pub fn dp_pass(&self) -> Vec<Link> {
            let (n, m) = (self.prepared.zh.len(), self.prepared.en.len());
            dp::align_range(
                &self.prepared,
                &self.lexicon,
                &self.config.params,
                0..n,
                0..m,
                Some(&self.links),
                dp::Unpaired::Unscored,
            )
        }

        /// Learn the lexicon from the alignment already found.
        pub fn learn_lexicon(&self) -> usize {
            let mut lexicon = general_lexicon(&self.prepared, &self.config);
            lexicon.learn_from_links(&self.prepared, &self.links, &self.config.params.lexicon);
            lexicon.by_zh.iter().map(Vec::len).sum()
        }
    }
}

/// The evidence for linking zh units `zr` with en units `er` after lexicon learning,
/// part by part: for diagnosing a link.
pub fn explain(
    zh: &[Unit],
    en: &[Unit],
    config: &Config,
    pairs: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> Vec<Evidence> {
    let prepared = prepared::Prepared::new(zh, en, &config.params.weights);
    let (lexicon, _, params) = align_all(&prepared, config, &general_lexicon(&prepared, config));
    let scorer = score::Scorer::new(&prepared, &lexicon, &params);
    pairs
        .iter()
        .map(|(z, e)| scorer.evidence(z.clone(), e.clone()))
        .collect()
}

/// The unit id ranges of the zh blocks and of the en blocks.
pub type BlockRanges<'a> = (&'a [std::ops::Range<usize>], &'a [std::ops::Range<usize>]);

/// The links the DP makes (no verifier stage) and the verifier's features of each
/// paired one (`None` for unpaired units): what `scripts/train_verifier.py` learns
/// from. `blocks` as for [`align_blocks_then_units`]; `None` aligns units directly.
#[doc(hidden)]
pub fn links_with_features(
    zh: &[Unit],
    en: &[Unit],
    blocks: Option<BlockRanges<'_>>,
    config: &Config,
) -> Vec<(Link, Option<LinkFeatures>)> {
    let prepared = prepared::Prepared::new(zh, en, &config.params.weights);
    let general = general_lexicon(&prepared, config);
    let (_, links, params) = match blocks {
        Some((zb, eb)) => blocks_then_units(&prepared, zb, eb, config, &general),
        None => align_all(&prepared, config, &general),
    };
    let features = verify::link_features(&prepared, &general, &params, &links);
    links.into_iter().zip(features).collect()
}

/// Learn token associations from parallel units (the i-th zh unit translates the i-th
/// en unit): Dice coefficients of zh and en tokens co-occurring in pairs, the same
/// estimate the aligner makes from its own links. Returns `(zh, en, weight)`, sorted.
pub fn train_lexicon(zh: &[Unit], en: &[Unit]) -> Vec<(String, String, f32)> {
    let n = zh.len().min(en.len());
    let prepared = prepared::Prepared::new(&zh[..n], &en[..n], &Default::default());
    let links: Vec<Link> = (0..n).map(|i| Link::new(vec![i], vec![i], 1.0)).collect();
    let params = LexiconParams::default();
    let mut lexicon = lexicon::Lexicon::from_glossary(&prepared, &Glossary::default(), &params);
    lexicon.learn_from_links(&prepared, &links, &params);
    let mut out: Vec<(String, String, f32)> = lexicon
        .by_zh
        .iter()
        .enumerate()
        .flat_map(|(z, list)| {
            let prepared = &prepared;
            list.iter().map(move |&(e, w)| {
                (
                    prepared.zh_vocab[z].clone(),
                    prepared.en_vocab[e as usize].clone(),
                    w,
                )
            })
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{report_pair, units};

    /// A note set beside a sentence it matches (as a PDF may leave a page-foot note
    /// in the text) is merged into a 1-2 link while both are body; marked as a note,
    /// it never is.
    #[test]
    fn a_footnote_is_never_joined_to_a_body_sentence() {
        let (zh, en) = report_pair();
        let config = Config::default();
        let links = align_units(&zh, &en, &config);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/cpc63-programme25");
        let lines: Vec<String> = std::fs::read_to_string(format!("{dir}/en.clean.txt"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        // A long English sentence paired 1-1, cut in two.
        let (j, cut) = links
            .iter()
            .filter(|l| l.zh.len() == 1 && l.en.len() == 1)
            .map(|l| l.en[0])
            .find_map(|j| {
                let words: Vec<&str> = lines[j].split(' ').collect();
                (words.len() > 40).then_some((j, words.len() / 2))
            })
            .expect("a long sentence");
        let words: Vec<&str> = lines[j].split(' ').collect();
        let halves = format!("{}\n{}", words[..cut].join(" "), words[cut..].join(" "));
        let seg = bitext_segment_en::EnglishSegmenter::new();
        let mut split = en[..j].to_vec();
        split.extend(units(&seg, &halves));
        split.extend(en[j + 1..].iter().cloned());
        let joined = |split: &[Unit]| {
            align_units(&zh, split, &config)
                .iter()
                .any(|l| l.en.contains(&j) && l.en.contains(&(j + 1)))
        };
        assert!(joined(&split), "as body, the two halves form one link");
        split[j + 1].part = 1;
        assert!(!joined(&split), "a note is never joined to a body sentence");
    }
}
