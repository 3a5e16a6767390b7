//! The score of a candidate link: a log-odds that the zh units and the en units are
//! translations of each other, from anchor agreement, the length ratio and lexical
//! coverage.

use crate::lexicon::Lexicon;
use crate::prepared::{PUnit, Prepared};
use std::ops::Range;

/// Weights of the link score. The defaults were tuned on the development gold
/// (`scripts/eval.sh`); see the README for how.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Expected `ln(zh length / en length)`; measured on the UNPC dev set: zh
    /// characters / en non-space characters = 0.317, log sd 0.23.
    pub length_log_ratio: f64,
    pub length_log_sd: f64,
    pub bias: f64,
    /// Weight of lexical coverage (0–1) around its neutral point `lexical_mid`.
    pub lexical_weight: f64,
    pub lexical_mid: f64,
    /// Log-odds added when neither side has a known word.
    pub lexical_unknown: f64,
    /// Taken off `lexical_unknown` when one side has known words and the other none
    /// (the known words found nothing to match).
    pub lexical_one_side_unknown: f64,
    /// Known words (on the side with fewer) from which coverage is fully trusted;
    /// below, the lexical part shrinks towards neutral.
    pub lexical_confident_known: f64,
    /// The share of the lexical part kept when hardly any word is known (it grows
    /// linearly to 1 at `lexical_confident_known`).
    pub lexical_confidence_floor: f64,
    pub anchor_match: f64,
    pub anchor_miss: f64,
    pub anchor_cap: f64,
    pub latin_match: f64,
    /// Latin-script keys of one side found in the other's text count up to this many.
    pub latin_cap: f64,
    pub label_match: f64,
    pub label_mismatch: f64,
    pub length_weight: f64,
    /// The length of a short link, in zh characters (an en side counts as its length
    /// times the expected ratio, `exp(length_log_ratio)`): short units vary more in
    /// length, so the log-ratio spread `length_log_sd` is widened by
    /// `sqrt(1 + length_short / length)` (√2 at this length). Chosen on the dev gold.
    pub length_short: f64,
    /// The squared length z-score beyond which a link's length costs no more (5
    /// standard deviations): a length that far off is wrong whatever its distance.
    pub length_z2_cap: f64,
    /// The link shapes the DP chooses among, `(zh units, en units)`; `(1, 0)` and
    /// `(0, 1)` leave a unit unpaired. What a shape costs beyond its evidence is a
    /// penalty below. At most `MAX_LINK_UNITS` (4) units a side are searched
    /// (longer shapes are passed over); UN prose rarely joins more than three
    /// sentences into one.
    pub link_shapes: &'static [(usize, usize)],
    /// Shapes searched besides `link_shapes` in a document that splits sentences
    /// (`splits_sentences`): a novel's English gives some Chinese sentences four.
    /// Searched everywhere they would cost UN prose a tenth more time for nothing.
    pub split_link_shapes: &'static [(usize, usize)],
    /// Whether the document splits sentences so often that a 1-3 link costs no more
    /// than a 1-1 (its `penalty_1_3` adapted to 0, `Params::adapted`): then
    /// `split_link_shapes` are searched too. Set by the adaptation, not configured.
    pub splits_sentences: bool,
    /// The shapes of the cheap first pass that only finds the band the full DP then
    /// searches.
    pub first_pass_shapes: &'static [(usize, usize)],
    /// The shapes a gap of a complete translation is aligned with besides
    /// `link_shapes` (`fill` module): a complete translation that splits sentences
    /// gives some a run of four.
    pub fill_extra_shapes: &'static [(usize, usize)],
    /// Penalties of n:m links against 1-1 (`penalty_1_3` also for longer ones).
    pub penalty_1_2: f64,
    pub penalty_2_2: f64,
    pub penalty_1_3: f64,
    /// A unit with no words or anchors (a bare `(a)`) inside a merged link.
    pub penalty_content_free: f64,
    /// Minimum log-odds for linking two unpaired units out of order.
    pub moved_threshold: f64,
    /// Cost of starting a run of unpaired units after a link.
    pub gap_open: f64,
    /// The document prior (`Params::adapted`): fewer paired links than this in the
    /// first pass and the defaults stand (too little to estimate from; a round number,
    /// not tuned).
    pub adapt_min_links: usize,
    /// Weight of the default `length_log_ratio`, in links, against the median log
    /// ratio of the first pass's paired links: the document's own ratio (a literary
    /// translation runs longer than UN prose) is shrunk towards the default by it
    /// (a round number, not tuned).
    pub adapt_length_prior_links: f64,
    /// Log-odds added to every link of a document that looks like a complete
    /// translation (the first pass's unpaired units nearly all balanced by unpaired
    /// units of the other side between the same links): there, a unit without
    /// strong evidence is far more likely a weakly evidenced translation than text
    /// the other version lacks. Chosen on the dev gold and its complete-translation
    /// versions (`scripts/eval.sh`).
    pub complete_bias: f64,
    /// The share of one-sided text (estimated from the first pass) at which the
    /// document prior adds nothing; below it the bias grows linearly to
    /// `complete_bias` at 0. Chosen on the dev gold: the health theme, whose
    /// one-sided units are real, is estimated at 17%; peace, the report pair and
    /// the complete-translation versions of both at 0–0.1%.
    pub one_sided_reference: f64,
    /// A first-pass link at least this confident bounds a stretch in the estimate of
    /// one-sided text (the confidence is judged without the prior an earlier pass
    /// added; 0.9 as the `--min-score` guidance's "confident", not tuned).
    pub adapt_confident: f64,
    /// The share of 1-2 links against 1-1 links that the first pass makes in UN
    /// prose: measured on the dev themes (health 0.008, development 0.003, peace 0),
    /// rounded up. A document whose first pass makes more (shrunk towards this by
    /// `adapt_length_prior_links`) has its `penalty_1_2` and `penalty_1_3` lowered by
    /// the log of the excess (`Params::adapted`).
    pub split_share_reference: f64,
    /// How far the 1-1 links of an alignment pass over UN prose stray from the
    /// expected length ratio: 1.4826 median absolute deviations of their log ratios,
    /// with the short-unit widening (`length_short`) taken out. The most measured on
    /// the six un2023 themes (0.125 environment to 0.150 development, in the first
    /// pass and the next; the report pair 0.100). A document whose links stray more
    /// (a free literary translation: 0.135 to 0.220 on the chapters of MAC-Dev) has
    /// its `length_log_sd` widened in proportion (`Params::adapted`, from each
    /// pass's links): there, lengths are weaker evidence.
    pub length_noise_reference: f64,
    /// The lexical coverage (mean of both ways) of a typical 1-1 link of a first pass
    /// over UN prose, read through the general lexicon: the median measured on the six
    /// un2023 themes (0.678 human_rights to 0.744 peace), rounded down. In a document
    /// whose typical link covers less (words the dictionaries know less well: a novel,
    /// 0.48 to 0.59 on the chapters of MAC-Dev), a translation's links cover less
    /// too, so the neutral point `lexical_mid` is lowered in proportion
    /// (`Params::adapted`); never raised.
    pub coverage_reference: f64,
    /// The most first-pass 1-1 links the typical coverage is measured on (evenly
    /// spaced): a median is well estimated from a thousand, and a long document then
    /// costs no more (a round number, not tuned).
    pub coverage_sample: usize,
    /// How complete a translation the document is, 0 to 1: estimated by
    /// `Params::adapted` from the first pass (0 in the configured weights: not
    /// known to be complete).
    pub completeness: f64,
    /// The share of one-sided text estimated by `Params::adapted` (1 in the
    /// configured weights: unknown).
    pub one_sided_share: f64,
    /// Gaps with more units than this on a side are left as the DP made them (the
    /// gap DP is quadratic; `fill` module).
    pub fill_max_units: usize,
    /// The least share of one-sided text a document is credited with when its gaps
    /// are filled: no estimate from a first pass is sure that nothing is one-sided
    /// (a round number: a unit left unpaired then costs at most ln 99 ≈ 4.6).
    pub fill_min_one_sided: f64,
    /// How the lexicon is built and learned.
    pub lexicon: crate::lexicon::LexiconParams,
    /// How the DP searches (its bands).
    pub search: crate::dp::SearchParams,
    /// How rare tokens and anchors weigh more than common ones.
    pub weights: crate::prepared::WeightParams,
    /// How the link verifier's features are made (fixed with its fitted weights).
    pub features: crate::verify::FeatureParams,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            length_log_ratio: -1.15,
            length_log_sd: 0.23,
            bias: 0.0,
            lexical_weight: 8.0,
            lexical_mid: 0.3,
            lexical_unknown: -0.5,
            lexical_one_side_unknown: 0.5,
            lexical_confident_known: 6.0,
            lexical_confidence_floor: 0.4,
            anchor_match: 0.8,
            anchor_miss: 0.5,
            anchor_cap: 8.0,
            latin_match: 1.5,
            latin_cap: 3.0,
            label_match: 3.0,
            label_mismatch: 4.0,
            length_weight: 1.0,
            length_short: 8.0,
            length_z2_cap: 25.0,
            link_shapes: &[
                (1, 0),
                (0, 1),
                (1, 1),
                (1, 2),
                (2, 1),
                (2, 2),
                (1, 3),
                (3, 1),
            ],
            split_link_shapes: &[(1, 4), (4, 1)],
            splits_sentences: false,
            first_pass_shapes: &[(1, 0), (0, 1), (1, 1)],
            fill_extra_shapes: &[(1, 4), (4, 1)],
            penalty_1_2: 1.2,
            penalty_2_2: 2.0,
            penalty_1_3: 2.0,
            penalty_content_free: 3.0,
            moved_threshold: 6.0,
            gap_open: 1.5,
            adapt_min_links: 20,
            adapt_length_prior_links: 20.0,
            complete_bias: 2.0,
            adapt_confident: 0.9,
            one_sided_reference: 0.15,
            split_share_reference: 0.01,
            length_noise_reference: 0.15,
            coverage_reference: 0.67,
            coverage_sample: 1000,
            completeness: 0.0,
            one_sided_share: 1.0,
            fill_max_units: 60,
            fill_min_one_sided: 0.01,
            lexicon: crate::lexicon::LexiconParams::default(),
            search: crate::dp::SearchParams::default(),
            weights: crate::prepared::WeightParams::default(),
            features: crate::verify::FeatureParams::default(),
        }
    }
}

impl Params {
    /// The link shapes the DP searches: `link_shapes`, and `split_link_shapes` in a
    /// document that splits sentences.
    pub fn dp_shapes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let split: &[(usize, usize)] = if self.splits_sentences {
            self.split_link_shapes
        } else {
            &[]
        };
        self.link_shapes.iter().chain(split).copied()
    }

    /// The largest value the lexical part of a link score can take, over every
    /// coverage (0–1) and confidence: it is bilinear in coverage and its confidence
    /// factor (`lexical_confidence_floor`–1), so its maximum is at a corner, or one of
    /// the no-known-word values. Bounds derived from the weights use it.
    pub fn lexical_max(&self) -> f64 {
        let (w, mid, floor) = (
            self.lexical_weight,
            self.lexical_mid,
            self.lexical_confidence_floor,
        );
        [
            w * (1.0 - mid),
            w * (1.0 - mid) * floor,
            w * -mid,
            w * -mid * floor,
            self.lexical_unknown,
            self.lexical_unknown - self.lexical_one_side_unknown,
        ]
        .into_iter()
        .fold(f64::NEG_INFINITY, f64::max)
    }

    /// These weights adapted to one document from a first alignment pass over it: the
    /// expected length ratio moves towards the median of its paired links, and a
    /// document whose unpaired text is nearly all balanced by unpaired text of the
    /// other side between the same links (a complete translation whose weakly
    /// evidenced sentences were left out) gets the prior [`Params::complete_bias`];
    /// merging costs less in a translation that splits sentences; lengths weigh less
    /// in one whose lengths stray more than UN prose's
    /// ([`Params::length_noise_reference`]); and coverage's neutral point is lower in
    /// one whose typical link covers less than UN prose's
    /// ([`Params::coverage_reference`]).
    ///
    /// `links_bias` is the bias the links were scored with: a link's confidence is
    /// judged without the prior that a previous adaptation added. `coverage_level` is
    /// the document's [`Scorer::typical_coverage`] (`None`: not measured).
    pub(crate) fn adapted(
        &self,
        p: &Prepared,
        links: &[bitext_core::Link],
        links_bias: f64,
        coverage_level: Option<f64>,
    ) -> Params {
        let mut out = self.clone();
        let mut ratios: Vec<f64> = links
            .iter()
            .filter(|l| l.is_paired())
            .map(|l| {
                let lz = units_length(&p.zh, &l.zh).max(1.0);
                (lz / units_length(&p.en, &l.en).max(1.0)).ln()
            })
            .collect();
        if ratios.len() < self.adapt_min_links {
            return out;
        }
        let median = upper_median(&mut ratios);
        out.length_log_ratio = shrunk(
            median,
            ratios.len(),
            self.length_log_ratio,
            self.adapt_length_prior_links,
        );
        // One-sided text: between two confident links, the part of the longer side
        // (in en length) that the other side cannot balance. Only confident links
        // bound a stretch: a wrong link of a weakly evidenced first pass would make
        // the stretches on either side of it look one-sided. The length ratio is the
        // one that balances the stretches and the confident links best (their
        // median weighted by length): the ratio of the links alone is biased towards
        // the expected one (links whose ratio looked usual were made).
        let mut stretches: Vec<(f64, f64)> = Vec::new();
        let (mut zh, mut en) = (0.0f64, 0.0f64);
        let mut confident_links: Vec<(f64, f64)> = Vec::new();
        let logit = |s: f64| (s / (1.0 - s)).ln();
        let prior = links_bias - self.bias;
        let confident = |s: f64| s >= 1.0 || logit(s) - prior >= logit(self.adapt_confident);
        for l in links {
            let (lz, le) = (units_length(&p.zh, &l.zh), units_length(&p.en, &l.en));
            if l.is_paired() && confident(l.score) {
                stretches.push((zh, en));
                (zh, en) = (0.0, 0.0);
                confident_links.push((lz, le));
            } else {
                zh += lz;
                en += le;
            }
        }
        stretches.push((zh, en));
        let mut by_ratio: Vec<(f64, f64)> = stretches
            .iter()
            .chain(&confident_links)
            .filter(|(z, e)| *z > 0.0 && *e > 0.0)
            .map(|&(z, e)| ((z / e).ln(), z + e))
            .collect();
        by_ratio.sort_by(|a, b| a.0.total_cmp(&b.0));
        let half: f64 = by_ratio.iter().map(|x| x.1).sum::<f64>() / 2.0;
        let mut seen = 0.0;
        let balanced = by_ratio
            .iter()
            .find(|x| {
                seen += x.1;
                seen >= half
            })
            .map_or(out.length_log_ratio, |x| x.0);
        let r = balanced.exp();
        // A stretch of translated sentences is balanced only up to the noise of
        // lengths (`length_log_sd` of its mean length): only the part beyond is
        // one-sided.
        let excess: f64 = stretches
            .iter()
            .map(|(z, e)| ((z / r - e).abs() - self.length_log_sd * 0.5 * (z / r + e)).max(0.0))
            .sum();
        let total: f64 = stretches
            .iter()
            .chain(&confident_links)
            .map(|(z, e)| 0.5 * (z / r + e))
            .sum();
        let one_sided = if total > 0.0 { excess / total } else { 1.0 };
        let reference = self.one_sided_reference.max(f64::EPSILON);
        let complete = (1.0 - one_sided / reference).clamp(0.0, 1.0);
        out.bias += self.complete_bias * complete;
        out.completeness = complete;
        out.one_sided_share = one_sided;
        // Link shapes: a translation that splits sentences (a novel's English often
        // gives one Chinese sentence two or three) makes more 1-2 links in the first
        // pass than UN prose does; as their share grows beyond the usual one, merging
        // costs less, never less than nothing.
        let paired_shape = |small: usize, large: usize| {
            links
                .iter()
                .filter(|l| {
                    let (a, b) = (l.zh.len().min(l.en.len()), l.zh.len().max(l.en.len()));
                    l.is_paired() && a == small && b == large
                })
                .count() as f64
        };
        let k = self.adapt_length_prior_links;
        let reference = self.split_share_reference.max(f64::EPSILON);
        let split_share = (paired_shape(1, 2) + k * reference) / (paired_shape(1, 1) + k);
        let shift = (split_share / reference).ln().max(0.0);
        out.penalty_1_2 = (self.penalty_1_2 - shift).max(0.0);
        out.penalty_1_3 = (self.penalty_1_3 - shift).max(0.0);
        out.splits_sentences = out.penalty_1_3 <= 0.0;
        out.length_log_ratio = complete * balanced + (1.0 - complete) * out.length_log_ratio;
        let reference = self.length_noise_reference.max(f64::EPSILON);
        let noise = self.length_noise(p, links, out.length_log_ratio);
        out.length_log_sd = self.length_log_sd * (noise / reference).max(1.0);
        if let Some(level) = coverage_level {
            let reference = self.coverage_reference.max(f64::EPSILON);
            out.lexical_mid = self.lexical_mid * (level / reference).min(1.0);
        }
        out
    }

    /// How far the paired 1-1 `links` stray from the expected log length ratio
    /// `log_ratio`: 1.4826 median absolute deviations (a standard deviation were they
    /// normal; robust to the few wrong links), the short-unit widening taken out,
    /// shrunk towards `length_noise_reference` by `adapt_length_prior_links`. All
    /// 1-1 links count, not only confident ones: confidence is partly judged on
    /// length, so the confident ones stray less than the document does.
    fn length_noise(&self, p: &Prepared, links: &[bitext_core::Link], log_ratio: f64) -> f64 {
        let zh_per_en = log_ratio.exp();
        let mut strays: Vec<f64> = links
            .iter()
            .filter(|l| l.zh.len() == 1 && l.en.len() == 1)
            .map(|l| {
                let lz = units_length(&p.zh, &l.zh).max(1.0);
                let le = units_length(&p.en, &l.en).max(1.0);
                ((lz / le).ln() - log_ratio) / short_unit_widening(self, lz, le, zh_per_en)
            })
            .collect();
        if strays.is_empty() {
            return self.length_noise_reference;
        }
        let middle = upper_median(&mut strays);
        let mut deviations: Vec<f64> = strays.iter().map(|s| (s - middle).abs()).collect();
        let spread = MAD_TO_SD * upper_median(&mut deviations);
        shrunk(
            spread,
            deviations.len(),
            self.length_noise_reference,
            self.adapt_length_prior_links,
        )
    }
}

/// The summed length of the units `ids` of one side.
fn units_length(units: &[PUnit], ids: &[usize]) -> f64 {
    ids.iter().map(|&i| units[i].length).sum()
}

/// The middle value of `values` (the upper one of an even count); reorders them.
fn upper_median(values: &mut [f64]) -> f64 {
    let middle = values.len() / 2;
    *values.select_nth_unstable_by(middle, f64::total_cmp).1
}

/// A document's `estimate` from `n` observations shrunk towards the `prior`, which
/// counts as `k` observations.
fn shrunk(estimate: f64, n: usize, prior: f64, k: f64) -> f64 {
    let n = n as f64;
    (n * estimate + k * prior) / (n + k)
}

/// How much wider the log length ratio of a link spreads than `length_log_sd` says,
/// for a link of `lz` zh and `le` en characters (`zh_per_en` expected): short units
/// vary more, by `sqrt(1 + length_short / length)`, the shorter side in zh
/// characters.
fn short_unit_widening(params: &Params, lz: f64, le: f64, zh_per_en: f64) -> f64 {
    let short = params.length_short / lz.min(le * zh_per_en).max(1.0);
    (1.0 + short).sqrt()
}

/// A median absolute deviation times this is the standard deviation of a normal
/// distribution (1 / the 75th percentile of the standard normal).
const MAD_TO_SD: f64 = 1.4826;

pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Lexical coverage of the `from` units by the `to` units: the idf-weighted share of
/// the known tokens of `from` whose strongest association present in `to` is found,
/// and the known mass. A token counts as fully covered when its strongest translation
/// is there: credit is relative to the token's own best association, so tokens with
/// diffuse translations are not held to an impossible standard.
///
/// `assoc[t]` lists a token's associations strongest first, so the first one present
/// in `to` is the best: no table per unit, no allocation, a membership test per
/// association (a 256-bit signature rejects most before any search).
fn coverage(from: &[PUnit], to: &[PUnit], idf: &[f32], assoc: &[Vec<(u32, f32)>]) -> (f64, f64) {
    let mut signature = [0u64; 4];
    for u in to {
        for (s, t) in signature.iter_mut().zip(u.signature) {
            *s |= t;
        }
    }
    let mut known = 0.0f64;
    let mut covered = 0.0f64;
    for u in from {
        for &t in &u.tokens {
            let list = &assoc[t as usize];
            let Some(&(_, top)) = list.first() else {
                continue;
            };
            let w = idf[t as usize] as f64 * top as f64;
            known += w;
            let best = list
                .iter()
                .find(|&&(x, _)| {
                    PUnit::may_contain(&signature, x) && to.iter().any(|v| v.contains(x))
                })
                .map_or(0.0, |&(_, weight)| weight);
            covered += w * (best / top) as f64;
        }
    }
    (if known > 0.0 { covered / known } else { 0.0 }, known)
}

/// Lexical coverage of a link, `(share covered, known mass)` in each direction: of
/// the en units by the zh units, and of the zh units by the en units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Coverage {
    pub en: (f64, f64),
    pub zh: (f64, f64),
}

/// For one `from` unit: each token's weight (idf × its strongest association; 0 for a
/// token without any) in token order.
fn token_weights(u: &PUnit, idf: &[f32], assoc: &[Vec<(u32, f32)>]) -> Vec<f64> {
    u.tokens
        .iter()
        .map(|&t| {
            assoc[t as usize]
                .first()
                .map_or(0.0, |&(_, top)| idf[t as usize] as f64 * top as f64)
        })
        .collect()
}

/// A set of token ids as bits over a whole vocabulary: a unit's tokens are stamped in,
/// tested in O(1), and wiped again (only their own bits), so one allocation serves a
/// whole pass of a worker thread.
struct Stamp {
    bits: Vec<u64>,
}

impl Stamp {
    fn new(vocab: usize) -> Self {
        Stamp {
            bits: vec![0; vocab.div_ceil(64)],
        }
    }
    fn set(&mut self, tokens: &[u32], on: bool) {
        for &t in tokens {
            let (w, b) = (t as usize / 64, 1u64 << (t % 64));
            if on {
                self.bits[w] |= b;
            } else {
                self.bits[w] &= !b;
            }
        }
    }
    fn has(&self, t: u32) -> bool {
        self.bits[t as usize / 64] & (1u64 << (t % 64)) != 0
    }
}

/// A token's best association present in the stamped `to` unit relative to its
/// strongest (`best / top`; 0 when none is there or it has none).
fn best_ratio(list: &[(u32, f32)], to: &Stamp) -> f32 {
    let Some(&(_, top)) = list.first() else {
        return 0.0;
    };
    let best = list
        .iter()
        .find(|&&(x, _)| to.has(x))
        .map_or(0.0, |&(_, w)| w);
    best / top
}

/// A window of more en units than this (64 each word) is scanned pair by pair: the
/// bit index of which units hold a token would take more memory than it saves.
const MAX_WINDOW_WORDS: usize = 8;

/// What one worker thread needs to compute rows of pairs, reused row after row (no
/// allocation per pair). A row pairs one zh unit with a window of en units; its work
/// is shared across the window instead of repeated per pair:
/// - an en token's ratio in the zh unit depends on the token alone, so it is looked
///   up once a row (`memo`);
/// - a zh token's list of associations is read once a row against an index of which
///   window units hold each en token (`holders`), not once per unit.
///
/// Both give the ratios and covered masses pair-by-pair scans give, to the bit.
struct RowScratch<'a> {
    p: &'a Prepared,
    lex: &'a Lexicon,
    zh_stamp: Stamp,
    en_stamp: Stamp,
    /// Per en token: the row it was last looked up in and its ratio there.
    memo: Vec<(u32, f32)>,
    row_id: u32,
    /// Per en token, `words` words of bits: the window units that hold it.
    holders: Vec<u64>,
    /// The en tokens whose bits are set (to clear them after the row).
    touched: Vec<u32>,
    /// Per word: the window units a zh token's association is still sought in.
    remaining: Vec<u64>,
    /// A row kept between calls when only its coverage is wanted.
    spare: RatioRow,
    /// [`MAX_WINDOW_WORDS`] (a test sets a smaller bound to reach the other path).
    max_window_words: usize,
}

impl<'a> RowScratch<'a> {
    fn new(p: &'a Prepared, lex: &'a Lexicon) -> Self {
        RowScratch {
            p,
            lex,
            zh_stamp: Stamp::new(p.zh_vocab.len()),
            en_stamp: Stamp::new(p.en_vocab.len()),
            memo: vec![(0, 0.0); p.en_vocab.len()],
            row_id: 0,
            holders: Vec::new(),
            touched: Vec::new(),
            remaining: Vec::new(),
            spare: RatioRow::default(),
            max_window_words: MAX_WINDOW_WORDS,
        }
    }

    /// `row` made anew for zh unit `z` and the en units `us`: per pair the ratios of
    /// the en unit's tokens in `z`, then of `z`'s tokens in the en unit, and the
    /// covered mass each way (weights `zw` of `z`'s tokens, `ew(u)` of unit `u`'s).
    fn fill_row<'w>(
        &mut self,
        z: usize,
        us: Range<usize>,
        zw: &[f64],
        ew: impl Fn(usize) -> &'w [f64],
        row: &mut RatioRow,
    ) {
        let (p, lex) = (self.p, self.lex);
        let zu = &p.zh[z];
        let n_zh = zu.tokens.len();
        row.data.clear();
        row.start.clear();
        row.covered.clear();
        let total: usize = us.clone().map(|u| p.en[u].tokens.len() + n_zh).sum();
        row.data.reserve_exact(total);
        row.start.reserve_exact(us.len());
        row.covered.reserve_exact(us.len());
        for u in us.clone() {
            row.start.push(row.data.len());
            row.data
                .resize(row.data.len() + p.en[u].tokens.len() + n_zh, 0.0);
        }
        // The en tokens in the zh unit: once a token a row.
        self.row_id = self.row_id.wrapping_add(1);
        if self.row_id == 0 {
            self.memo.fill((0, 0.0));
            self.row_id = 1;
        }
        self.zh_stamp.set(&zu.tokens, true);
        for (i, u) in us.clone().enumerate() {
            let at = row.start[i];
            for (k, &t) in p.en[u].tokens.iter().enumerate() {
                let memo = &mut self.memo[t as usize];
                if memo.0 != self.row_id {
                    *memo = (
                        self.row_id,
                        best_ratio(&lex.by_en[t as usize], &self.zh_stamp),
                    );
                }
                row.data[at + k] = memo.1;
            }
        }
        self.zh_stamp.set(&zu.tokens, false);
        // The zh unit's tokens in each en unit.
        let words = us.len().div_ceil(64);
        if words > self.max_window_words {
            for (i, u) in us.clone().enumerate() {
                let eu = &p.en[u];
                let at = row.start[i] + eu.tokens.len();
                self.en_stamp.set(&eu.tokens, true);
                for (k, &t) in zu.tokens.iter().enumerate() {
                    row.data[at + k] = best_ratio(&lex.by_zh[t as usize], &self.en_stamp);
                }
                self.en_stamp.set(&eu.tokens, false);
            }
        } else {
            self.zh_in_window(zu, us.clone(), words, row);
        }
        // The covered masses, summed in token order as a pair-by-pair scan sums them.
        for (i, u) in us.enumerate() {
            let (at, n_en) = (row.start[i], p.en[u].tokens.len());
            let (en_part, zh_part) = row.data[at..at + n_en + n_zh].split_at(n_en);
            let en = ew(u)
                .iter()
                .zip(en_part)
                .fold(0.0f64, |a, (&w, &r)| a + w * r as f64);
            let zh = zw
                .iter()
                .zip(zh_part)
                .fold(0.0f64, |a, (&w, &r)| a + w * r as f64);
            row.covered.push((en, zh));
        }
    }

    /// The ratios of `zu`'s tokens in each of the window's en units `us`, through the
    /// index of which units hold which en token.
    fn zh_in_window(&mut self, zu: &PUnit, us: Range<usize>, words: usize, row: &mut RatioRow) {
        let (p, lex) = (self.p, self.lex);
        let needed = p.en_vocab.len() * words;
        if self.holders.len() < needed {
            self.holders.resize(needed, 0);
        }
        for (i, u) in us.clone().enumerate() {
            for &x in &p.en[u].tokens {
                self.holders[x as usize * words + i / 64] |= 1u64 << (i % 64);
                self.touched.push(x);
            }
        }
        let w = us.len();
        for (k, &t) in zu.tokens.iter().enumerate() {
            let list = &lex.by_zh[t as usize];
            let Some(&(_, top)) = list.first() else {
                continue;
            };
            self.remaining.clear();
            self.remaining.extend((0..words).map(|j| {
                let bits = (w - j * 64).min(64);
                if bits == 64 {
                    u64::MAX
                } else {
                    (1u64 << bits) - 1
                }
            }));
            let mut left = w;
            // The first association in list order held by a unit is its best there.
            for &(x, weight) in list {
                let held = &self.holders[x as usize * words..(x as usize + 1) * words];
                for (j, (&h, rem)) in held.iter().zip(self.remaining.iter_mut()).enumerate() {
                    let mut found = h & *rem;
                    *rem &= !found;
                    while found != 0 {
                        let i = j * 64 + found.trailing_zeros() as usize;
                        found &= found - 1;
                        let n_en = p.en[us.start + i].tokens.len();
                        row.data[row.start[i] + n_en + k] = weight / top;
                        left -= 1;
                    }
                }
                if left == 0 {
                    break;
                }
            }
        }
        for &x in &self.touched {
            self.holders[x as usize * words..(x as usize + 1) * words].fill(0);
        }
        self.touched.clear();
    }
}

/// What a cache keeps per unit pair: the token ratios (links of several units reuse
/// them), or only the pair's coverage (a pass of 1-1 links).
enum Kept {
    Ratios(Vec<RatioRow>),
    Coverage(Vec<Vec<Coverage>>),
}

/// The pairs of one zh unit, in one allocation: per pair the ratios of the en unit's
/// tokens in the zh unit, then of the zh unit's tokens in the en unit (`data` from
/// `start[k]`), and the covered mass each way.
#[derive(Default)]
struct RatioRow {
    data: Vec<f32>,
    start: Vec<usize>,
    covered: Vec<(f64, f64)>,
}

/// The expensive part of link scores, computed once per pair of single units of a
/// stretch of the DP band: a link of 2 or 3 units on a side reuses the ratios of its
/// unit pairs (the best association over several units is the maximum over each), so
/// a band cell costs a pass over token arrays instead of a search per association.
/// Gives the coverage [`coverage`] computes (sums over several units are added per
/// unit, so the last bits of a float may differ).
pub(crate) struct PairCache {
    /// Global id of the first cached zh unit, and of en unit 0 of `en_weights`.
    z_first: usize,
    e_first: usize,
    zh_weights: Vec<Vec<f64>>,
    en_weights: Vec<Vec<f64>>,
    zh_known: Vec<f64>,
    en_known: Vec<f64>,
    /// Per cached zh unit: the global id of its first cached en partner.
    first_en: Vec<usize>,
    kept: Kept,
}

fn share((covered, known): (f64, f64)) -> (f64, f64) {
    (if known > 0.0 { covered / known } else { 0.0 }, known)
}

impl PairCache {
    /// Every pair (zh unit `zs.start + k`, en unit `u` in `en_ranges[k]`), global ids,
    /// computed in parallel. `ratios`: keep token ratios for links of several units.
    pub fn new(
        scorer: &Scorer<'_>,
        zs: Range<usize>,
        en_ranges: &[Range<usize>],
        ratios: bool,
    ) -> Self {
        use rayon::prelude::*;
        let (p, lex) = (scorer.p, scorer.lex);
        let e_first = en_ranges.iter().map(|r| r.start).min().unwrap_or(0);
        let e_end = en_ranges
            .iter()
            .map(|r| r.end)
            .max()
            .unwrap_or(0)
            .max(e_first);
        let zh_weights: Vec<Vec<f64>> = zs
            .clone()
            .map(|z| token_weights(&p.zh[z], &p.zh_idf, &lex.by_zh))
            .collect();
        let en_weights: Vec<Vec<f64>> = (e_first..e_end)
            .map(|u| token_weights(&p.en[u], &p.en_idf, &lex.by_en))
            .collect();
        // Known mass of a unit: its weights summed in token order, as `coverage` does.
        let known = |w: &Vec<f64>| w.iter().fold(0.0f64, |a, &x| a + x);
        let zh_known: Vec<f64> = zh_weights.iter().map(known).collect();
        let en_known: Vec<f64> = en_weights.iter().map(known).collect();
        let rows = zs.clone().zip(en_ranges).collect::<Vec<_>>();
        let scratch = || RowScratch::new(p, lex);
        let zw = |z: usize| zh_weights[z - zs.start].as_slice();
        let ew = |u: usize| en_weights[u - e_first].as_slice();
        let kept = if ratios {
            Kept::Ratios(
                rows.par_iter()
                    .map_init(scratch, |s, &(z, us)| {
                        let mut row = RatioRow::default();
                        s.fill_row(z, us.clone(), zw(z), ew, &mut row);
                        row
                    })
                    .collect(),
            )
        } else {
            Kept::Coverage(
                rows.par_iter()
                    .map_init(scratch, |s, &(z, us)| {
                        let mut row = std::mem::take(&mut s.spare);
                        s.fill_row(z, us.clone(), zw(z), ew, &mut row);
                        let coverage = us
                            .clone()
                            .zip(&row.covered)
                            .map(|(u, &(en, zh))| Coverage {
                                en: share((en, en_known[u - e_first])),
                                zh: share((zh, zh_known[z - zs.start])),
                            })
                            .collect();
                        s.spare = row;
                        coverage
                    })
                    .collect(),
            )
        };
        PairCache {
            z_first: zs.start,
            e_first,
            zh_weights,
            en_weights,
            zh_known,
            en_known,
            first_en: en_ranges.iter().map(|r| r.start).collect(),
            kept,
        }
    }

    /// An upper bound of [`PairCache::coverage`] from the unit pairs' covered masses
    /// alone (no pass over tokens): a unit's tokens covered by several units are at
    /// most those covered by each, summed (and at most the unit's known mass). Exact
    /// for the side of a link that has a single unit facing one unit.
    pub fn coverage_bound(&self, zr: Range<usize>, er: Range<usize>) -> Coverage {
        let ratios = match &self.kept {
            Kept::Coverage(_) => return self.coverage(zr, er),
            Kept::Ratios(r) => r,
        };
        let covered = |z: usize, u: usize| {
            let row = &ratios[z - self.z_first];
            row.covered[u - self.first_en[z - self.z_first]]
        };
        let mut en = (0.0f64, 0.0f64);
        for u in er.clone() {
            let known = self.en_known[u - self.e_first];
            let sum: f64 = zr.clone().map(|z| covered(z, u).0).sum();
            en.0 += sum.min(known);
            en.1 += known;
        }
        let mut zh = (0.0f64, 0.0f64);
        for z in zr.clone() {
            let known = self.zh_known[z - self.z_first];
            let sum: f64 = er.clone().map(|u| covered(z, u).1).sum();
            zh.0 += sum.min(known);
            zh.1 += known;
        }
        Coverage {
            en: share(en),
            zh: share(zh),
        }
    }

    /// The coverage of the link between global ranges `zr` and `er`.
    pub fn coverage(&self, zr: Range<usize>, er: Range<usize>) -> Coverage {
        let ratios = match &self.kept {
            Kept::Coverage(pairs) => {
                let z = zr.start - self.z_first;
                return pairs[z][er.start - self.first_en[z]];
            }
            Kept::Ratios(r) => r,
        };
        // Pair (z, u): its row, its index in the row, where its ratios start.
        let pair = |z: usize, u: usize| {
            let row = &ratios[z - self.z_first];
            let k = u - self.first_en[z - self.z_first];
            (row, k, row.start[k])
        };
        let en_len = |u: usize| self.en_weights[u - self.e_first].len();
        // With one unit on the other side, a unit's covered mass is the pair's; with
        // several, per token the best ratio over them (at most 3: a fixed array).
        let mut en = (0.0f64, 0.0f64);
        for u in er.clone() {
            let covered = if zr.len() == 1 {
                let (row, k, _) = pair(zr.start, u);
                row.covered[k].0
            } else {
                let mut sides: [&[f32]; crate::dp::MAX_LINK_UNITS] =
                    [&[]; crate::dp::MAX_LINK_UNITS];
                for (slot, z) in sides.iter_mut().zip(zr.clone()) {
                    let (row, _, at) = pair(z, u);
                    *slot = &row.data[at..at + en_len(u)];
                }
                let sides = &sides[..zr.len().min(crate::dp::MAX_LINK_UNITS)];
                let mut covered = 0.0f64;
                for (k, &w) in self.en_weights[u - self.e_first].iter().enumerate() {
                    let best = sides.iter().map(|r| r[k]).fold(0.0f32, f32::max);
                    covered += w * best as f64;
                }
                covered
            };
            en.0 += covered;
            en.1 += self.en_known[u - self.e_first];
        }
        let mut zh = (0.0f64, 0.0f64);
        for z in zr.clone() {
            let zw = &self.zh_weights[z - self.z_first];
            let covered = if er.len() == 1 {
                let (row, k, _) = pair(z, er.start);
                row.covered[k].1
            } else {
                let mut sides: [&[f32]; crate::dp::MAX_LINK_UNITS] =
                    [&[]; crate::dp::MAX_LINK_UNITS];
                for (slot, u) in sides.iter_mut().zip(er.clone()) {
                    let (row, _, at) = pair(z, u);
                    let from = at + en_len(u);
                    *slot = &row.data[from..from + zw.len()];
                }
                let sides = &sides[..er.len().min(crate::dp::MAX_LINK_UNITS)];
                let mut covered = 0.0f64;
                for (k, &w) in zw.iter().enumerate() {
                    let best = sides.iter().map(|r| r[k]).fold(0.0f32, f32::max);
                    covered += w * best as f64;
                }
                covered
            };
            zh.0 += covered;
            zh.1 += self.zh_known[z - self.z_first];
        }
        Coverage {
            en: share(en),
            zh: share(zh),
        }
    }
}

/// The anchor ids of a few units, sorted and distinct, without a heap allocation
/// unless there are more than fit on the stack.
#[derive(Default)]
struct AnchorSet {
    stack: [u32; 32],
    heap: Vec<u32>,
}

impl AnchorSet {
    fn of<'s>(&'s mut self, units: &'s [PUnit]) -> &'s [u32] {
        if let [one] = units {
            return &one.anchors;
        }
        let total: usize = units.iter().map(|u| u.anchors.len()).sum();
        let buf: &mut [u32] = if total <= self.stack.len() {
            let mut k = 0;
            for a in units.iter().flat_map(|u| &u.anchors) {
                self.stack[k] = *a;
                k += 1;
            }
            &mut self.stack[..k]
        } else {
            self.heap = units
                .iter()
                .flat_map(|u| u.anchors.iter().copied())
                .collect();
            &mut self.heap
        };
        buf.sort_unstable();
        let mut kept = 0;
        for k in 0..buf.len() {
            if k == 0 || buf[k] != buf[kept - 1] {
                buf[kept] = buf[k];
                kept += 1;
            }
        }
        &buf[..kept]
    }
}

/// The parts of a link score, for diagnostics and confidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub logit: f64,
    pub lexical: f64,
    pub anchors: f64,
    pub labels: f64,
    pub length: f64,
    pub penalty: f64,
    /// Share of the known en tokens covered by the zh side, and the known mass.
    pub coverage_en: f64,
    pub known_en: f64,
    /// Share of the known zh tokens covered by the en side, and the known mass.
    pub coverage_zh: f64,
    pub known_zh: f64,
    /// Rarity-weighted anchors shared, and on one side only.
    pub anchors_matched: f64,
    pub anchors_missed: f64,
    /// Latin-script keys of one side found in the other.
    pub latin_hits: f64,
    /// The length term's z score (log length ratio against the expected one).
    pub length_z: f64,
}

impl Evidence {
    /// The lexical coverage both ways this evidence was computed from.
    pub(crate) fn coverage(&self) -> Coverage {
        Coverage {
            en: (self.coverage_en, self.known_en),
            zh: (self.coverage_zh, self.known_zh),
        }
    }
}

/// Scores links between units: the prepared units, the lexicon and the weights.
pub(crate) struct Scorer<'a> {
    pub p: &'a Prepared,
    pub lex: &'a Lexicon,
    pub params: &'a Params,
    /// `exp(params.length_log_ratio)`: zh characters per en character expected.
    zh_per_en: f64,
}

impl<'a> Scorer<'a> {
    pub fn new(p: &'a Prepared, lex: &'a Lexicon, params: &'a Params) -> Self {
        Scorer {
            p,
            lex,
            params,
            zh_per_en: params.length_log_ratio.exp(),
        }
    }

    pub fn logit(&self, zr: Range<usize>, er: Range<usize>) -> f64 {
        self.evidence(zr, er).logit
    }

    pub fn evidence(&self, zr: Range<usize>, er: Range<usize>) -> Evidence {
        let coverage = self.coverage(zr.clone(), er.clone());
        self.evidence_with(zr, er, coverage)
    }

    /// The median lexical coverage (mean of both ways) of the 1-1 `links` whose units
    /// both have known words: how much of a translation this scorer's lexicon covers
    /// in the document. At most [`Params::coverage_sample`] links, evenly spaced, are
    /// read; `None` when fewer than [`Params::adapt_min_links`] qualify.
    pub fn typical_coverage(&self, links: &[bitext_core::Link]) -> Option<f64> {
        let one_to_one: Vec<&bitext_core::Link> = links
            .iter()
            .filter(|l| l.zh.len() == 1 && l.en.len() == 1)
            .collect();
        let step = one_to_one
            .len()
            .div_ceil(self.params.coverage_sample.max(1))
            .max(1);
        let mut levels: Vec<f64> = one_to_one
            .iter()
            .step_by(step)
            .filter_map(|l| {
                let (z, e) = (l.zh[0], l.en[0]);
                let Coverage { en, zh } = self.coverage(z..z + 1, e..e + 1);
                (en.1 > 0.0 && zh.1 > 0.0).then_some(0.5 * (en.0 + zh.0))
            })
            .collect();
        if levels.len() < self.params.adapt_min_links.max(1) {
            return None;
        }
        Some(upper_median(&mut levels))
    }

    /// The lexical coverage of a link both ways (what [`Scorer::evidence`] reports,
    /// without the rest of the score).
    pub fn coverage(&self, zr: Range<usize>, er: Range<usize>) -> Coverage {
        Coverage {
            en: self.en_coverage(zr.clone(), er.clone()),
            zh: self.zh_coverage(zr, er),
        }
    }

    /// The share of the known zh tokens of `zr` covered by `er`, and their known mass.
    pub fn zh_coverage(&self, zr: Range<usize>, er: Range<usize>) -> (f64, f64) {
        let (zs, es) = (&self.p.zh[zr], &self.p.en[er]);
        coverage(zs, es, &self.p.zh_idf, &self.lex.by_zh)
    }

    /// The share of the known en tokens of `er` covered by `zr`, and their known mass.
    pub fn en_coverage(&self, zr: Range<usize>, er: Range<usize>) -> (f64, f64) {
        let (zs, es) = (&self.p.zh[zr], &self.p.en[er]);
        coverage(es, zs, &self.p.en_idf, &self.lex.by_en)
    }

    fn evidence_with(&self, zr: Range<usize>, er: Range<usize>, coverage: Coverage) -> Evidence {
        let params = self.params;
        let lexical = self.lexical(coverage);
        let Coverage {
            en: (cov_en, known_en),
            zh: (cov_zh, known_zh),
        } = coverage;
        let rest = self.non_lexical(zr, er);
        Evidence {
            logit: rest.logit(params, lexical),
            lexical,
            anchors: rest.anchors,
            labels: rest.labels,
            length: rest.length,
            penalty: rest.penalty,
            coverage_en: cov_en,
            known_en,
            coverage_zh: cov_zh,
            known_zh,
            anchors_matched: rest.matched,
            anchors_missed: rest.missed,
            latin_hits: rest.latin_hits,
            length_z: rest.length_z,
        }
    }

    /// The highest log-odds a link can have given an upper bound of its coverage
    /// ([`PairCache::coverage_bound`]), from the parts that need no coverage: a DP can
    /// skip the exact coverage of a link whose bound is hopeless. The lexical part
    /// grows with coverage while `lexical_weight` is not negative; otherwise the
    /// bound is its maximum over every coverage.
    pub fn logit_bound(&self, rest: &NonLexical, coverage_bound: Coverage) -> f64 {
        if self.params.lexical_weight >= 0.0 {
            return self.logit_from_parts(rest, coverage_bound);
        }
        self.logit_max(rest)
    }

    /// The highest log-odds a link with these coverage-free parts can have, whatever
    /// its coverage ([`Params::lexical_max`]): a link whose maximum falls short of a
    /// threshold needs no coverage.
    pub fn logit_max(&self, rest: &NonLexical) -> f64 {
        rest.logit(self.params, self.params.lexical_max())
    }

    /// The link score, when its highest possible score (whatever its coverage,
    /// [`Scorer::logit_max`]) passes `worth`; otherwise `None`, without computing the
    /// coverage, the costly part. The score is the one [`Scorer::logit`] gives.
    pub fn logit_if(
        &self,
        zr: Range<usize>,
        er: Range<usize>,
        worth: impl FnOnce(f64) -> bool,
    ) -> Option<f64> {
        let rest = self.non_lexical(zr.clone(), er.clone());
        worth(self.logit_max(&rest)).then(|| self.logit_from_parts(&rest, self.coverage(zr, er)))
    }

    /// The link score from its coverage-free parts (computed once, for the bound too)
    /// and its coverage: the same value as [`Scorer::evidence`] gives.
    pub fn logit_from_parts(&self, rest: &NonLexical, coverage: Coverage) -> f64 {
        rest.logit(self.params, self.lexical(coverage))
    }

    /// The lexical part of a link score from its coverage both ways.
    fn lexical(&self, coverage: Coverage) -> f64 {
        let params = self.params;
        let Coverage {
            en: (cov_en, known_en),
            zh: (cov_zh, known_zh),
        } = coverage;
        match (known_zh > 0.0, known_en > 0.0) {
            (true, true) => {
                // Little known text gives a less certain coverage: shrink towards neutral.
                let conf = (known_zh.min(known_en) / params.lexical_confident_known).min(1.0);
                let cov = 0.5 * (cov_en + cov_zh);
                let floor = params.lexical_confidence_floor;
                params.lexical_weight * (cov - params.lexical_mid) * (floor + (1.0 - floor) * conf)
            }
            (false, false) => params.lexical_unknown,
            _ => params.lexical_unknown - params.lexical_one_side_unknown,
        }
    }

    /// The parts of a link score that do not depend on lexical coverage.
    pub fn non_lexical(&self, zr: Range<usize>, er: Range<usize>) -> NonLexical {
        let (p, params) = (self.p, self.params);
        let zs = &p.zh[zr.clone()];
        let es = &p.en[er.clone()];

        // Anchors: shared keys weighted by rarity; keys on one side only count against.
        let mut matched = 0.0f64;
        let mut missed = 0.0f64;
        // One unit's anchors are sorted and distinct already, a run's are merged once
        // (Prepared::run_anchors); longer runs are merged here.
        let (mut zbuf, mut ebuf);
        let za = match p.run_anchors(true, &zr) {
            Some(ids) => ids,
            None => {
                zbuf = AnchorSet::default();
                zbuf.of(zs)
            }
        };
        let ea = match p.run_anchors(false, &er) {
            Some(ids) => ids,
            None => {
                ebuf = AnchorSet::default();
                ebuf.of(es)
            }
        };
        let (mut i, mut j) = (0, 0);
        while i < za.len() || j < ea.len() {
            match (za.get(i), ea.get(j)) {
                (Some(a), Some(b)) if a == b => {
                    matched += p.anchor_weight[*a as usize] as f64;
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if a < b => {
                    missed += p.anchor_weight[*a as usize] as f64;
                    i += 1;
                }
                (Some(_), Some(b)) => {
                    missed += p.anchor_weight[*b as usize] as f64;
                    j += 1;
                }
                (Some(a), None) => {
                    missed += p.anchor_weight[*a as usize] as f64;
                    i += 1;
                }
                (None, Some(b)) => {
                    missed += p.anchor_weight[*b as usize] as f64;
                    j += 1;
                }
                (None, None) => break,
            }
        }
        // Latin-script keys of one side found in the text of the other's units.
        let latin = |from: &[PUnit], to: &Range<usize>| {
            from.iter()
                .flat_map(|u| u.latin_found.iter())
                .filter(|ids| {
                    let at = ids.partition_point(|&id| (id as usize) < to.start);
                    ids.get(at).is_some_and(|&id| (id as usize) < to.end)
                })
                .count() as f64
        };
        let latin_hits = latin(zs, &er).max(latin(es, &zr)).min(params.latin_cap);
        let anchors = params.anchor_match * matched.min(params.anchor_cap)
            - params.anchor_miss * missed.min(params.anchor_cap)
            + params.latin_match * latin_hits;

        // Labels: only when both sides have one (many labels exist on one side only).
        let zl = zs.first().map(|u| &u.labels);
        let el = es.first().map(|u| &u.labels);
        let labels = match (zl, el) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                if a.iter().any(|x| b.contains(x)) {
                    params.label_match
                } else {
                    -params.label_mismatch
                }
            }
            _ => 0.0,
        };

        // Length: Gaussian on the log ratio; short units vary more.
        let lz: f64 = zs.iter().map(|u| u.length).sum::<f64>().max(1.0);
        let le: f64 = es.iter().map(|u| u.length).sum::<f64>().max(1.0);
        let sd = params.length_log_sd * short_unit_widening(params, lz, le, self.zh_per_en);
        let z = ((lz / le).ln() - params.length_log_ratio) / sd;
        let length = -0.5 * params.length_weight * (z * z).min(params.length_z2_cap);

        let n = zr.len() + er.len();
        let mut penalty = match (zr.len(), er.len()) {
            (1, 1) => 0.0,
            (1, 2) | (2, 1) => params.penalty_1_2,
            (2, 2) => params.penalty_2_2,
            _ => params.penalty_1_3,
        };
        if n > 2 {
            let free = zs.iter().chain(es).filter(|u| u.is_content_free()).count();
            penalty += params.penalty_content_free * free as f64;
        }
        NonLexical {
            anchors,
            labels,
            length,
            penalty,
            matched,
            missed,
            latin_hits,
            length_z: z,
        }
    }
}

/// The coverage-free parts of a link score (see [`Scorer::non_lexical`]).
pub(crate) struct NonLexical {
    anchors: f64,
    labels: f64,
    length: f64,
    penalty: f64,
    matched: f64,
    missed: f64,
    latin_hits: f64,
    length_z: f64,
}

impl NonLexical {
    /// The link score with this lexical part (the one place the parts are summed).
    fn logit(&self, params: &Params, lexical: f64) -> f64 {
        params.bias + lexical + self.anchors + self.labels + self.length - self.penalty
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unit;
    use bitext_core::Link;

    /// The row computation shares work across a window (a memo of en tokens, an index
    /// of which units hold which token): every ratio must be the one a scan of that
    /// pair alone gives, windows of one and of several index words alike.
    #[test]
    fn a_row_of_pairs_gives_the_ratios_of_pair_by_pair_scans() {
        let (p, lex) = crate::test_util::report_pair_prepared();
        let en_weights: Vec<Vec<f64>> =
            p.en.iter()
                .map(|u| token_weights(u, &p.en_idf, &lex.by_en))
                .collect();
        let mut scratch = RowScratch::new(&p, &lex);
        let (mut zh_stamp, mut en_stamp) =
            (Stamp::new(p.zh_vocab.len()), Stamp::new(p.en_vocab.len()));
        let mut row = RatioRow::default();
        let mut compared = 0;
        let windows = [
            (3usize, MAX_WINDOW_WORDS),
            (40, MAX_WINDOW_WORDS),
            (100, MAX_WINDOW_WORDS),
            (40, 1),
        ];
        for (z, (half, words)) in (0..p.zh.len()).step_by(5).zip(windows.into_iter().cycle()) {
            scratch.max_window_words = words;
            let us = z.saturating_sub(half)..(z + half).min(p.en.len());
            let zw = token_weights(&p.zh[z], &p.zh_idf, &lex.by_zh);
            scratch.fill_row(z, us.clone(), &zw, |u| &en_weights[u], &mut row);
            zh_stamp.set(&p.zh[z].tokens, true);
            for (i, u) in us.enumerate() {
                let eu = &p.en[u];
                en_stamp.set(&eu.tokens, true);
                let (en_part, zh_part) = row.data[row.start[i]..].split_at(eu.tokens.len());
                for (k, &t) in eu.tokens.iter().enumerate() {
                    let alone = best_ratio(&lex.by_en[t as usize], &zh_stamp);
                    assert_eq!(en_part[k].to_bits(), alone.to_bits(), "en {u} in zh {z}");
                }
                for (k, &t) in p.zh[z].tokens.iter().enumerate() {
                    let alone = best_ratio(&lex.by_zh[t as usize], &en_stamp);
                    assert_eq!(zh_part[k].to_bits(), alone.to_bits(), "zh {z} in en {u}");
                    compared += (alone > 0.0) as usize;
                }
                en_stamp.set(&eu.tokens, false);
            }
            zh_stamp.set(&p.zh[z].tokens, false);
        }
        assert!(
            compared > 100,
            "too few associations found to compare: {compared}"
        );
    }

    /// Units of the given lengths (no words, no anchors: only lengths matter here).
    fn prepared(zh: &[f64], en: &[f64]) -> Prepared {
        let unit = |length: &f64| Unit {
            length: *length,
            ..Unit::default()
        };
        let zh: Vec<Unit> = zh.iter().map(unit).collect();
        let en: Vec<Unit> = en.iter().map(unit).collect();
        Prepared::new(&zh, &en, &Default::default())
    }

    /// A first pass over a complete translation (40 sentence pairs at a ratio of
    /// e^-1.4, every fourth pair missed and left as two unpaired units between
    /// confident links): the prior adds `complete_bias` and takes the document's
    /// ratio. The same links with the missed units one-sided (a run of zh units
    /// balanced by nothing) add no bias.
    #[test]
    fn a_complete_translation_gets_the_prior_and_a_partial_one_does_not() {
        let ratio = (-1.4f64).exp();
        let zh_len: Vec<f64> = (0..40).map(|k| 20.0 + (k % 7) as f64 * 5.0).collect();
        let en_len: Vec<f64> = zh_len.iter().map(|z| z / ratio).collect();
        let p = prepared(&zh_len, &en_len);
        let mut links = Vec::new();
        for k in 0..40 {
            if k % 4 == 3 {
                links.push(Link::new(vec![k], vec![], 0.5));
                links.push(Link::new(vec![], vec![k], 0.5));
            } else {
                links.push(Link::new(vec![k], vec![k], 0.99));
            }
        }
        let params = Params::default();
        let complete = params.adapted(&p, &links, 0.0, None);
        assert!(
            (complete.bias - params.bias - params.complete_bias).abs() < 1e-9,
            "{complete:?}"
        );
        assert!(
            (complete.length_log_ratio + 1.4).abs() < 0.05,
            "{complete:?}"
        );
        assert_eq!(complete.completeness, 1.0);
        assert!(complete.one_sided_share < 0.01, "{complete:?}");

        // One-sided: the en side lacks every fourth sentence (and the zh side has
        // nothing extra), so the unpaired zh units face nothing.
        let en_kept: Vec<f64> = (0..40).filter(|k| k % 4 != 3).map(|k| en_len[k]).collect();
        let p = prepared(&zh_len, &en_kept);
        let mut links = Vec::new();
        let mut j = 0;
        for k in 0..40 {
            if k % 4 == 3 {
                links.push(Link::new(vec![k], vec![], 0.5));
            } else {
                links.push(Link::new(vec![k], vec![j], 0.99));
                j += 1;
            }
        }
        let partial = params.adapted(&p, &links, 0.0, None);
        assert_eq!(partial.bias, params.bias, "{partial:?}");
        assert_eq!(partial.completeness, 0.0);
    }

    /// A translation that gives a third of its sentences two sentences: merging costs
    /// nothing more than a 1-1 link, and four-unit links are searched; UN-like prose
    /// (nearly every link 1-1) keeps the configured penalties and shapes.
    #[test]
    fn a_document_that_splits_sentences_makes_merging_cheaper() {
        let params = Params::default();
        let first_pass = |split_every: usize| {
            let (mut links, mut j) = (Vec::new(), 0);
            for k in 0..60 {
                let take = if k % split_every == split_every - 1 {
                    2
                } else {
                    1
                };
                links.push(Link::new(vec![k], (j..j + take).collect(), 0.99));
                j += take;
            }
            let p = prepared(&vec![20.0; 60], &vec![30.0; j]);
            params.adapted(&p, &links, 0.0, None)
        };
        let literary = first_pass(3);
        assert!(literary.penalty_1_2 < params.penalty_1_2, "{literary:?}");
        assert!(literary.penalty_1_3 < params.penalty_1_3, "{literary:?}");
        assert!(literary.penalty_1_2 >= 0.0);
        assert!(literary.splits_sentences);
        assert!(literary.dp_shapes().any(|s| s == (1, 4)));
        let un_prose = first_pass(1000);
        assert_eq!(un_prose.penalty_1_2, params.penalty_1_2);
        assert_eq!(un_prose.penalty_1_3, params.penalty_1_3);
        assert!(!un_prose.splits_sentences);
        assert!(un_prose.dp_shapes().eq(params.link_shapes.iter().copied()));
    }

    /// A translation whose sentence lengths stray from the usual ratio far more than
    /// UN prose does (a novel's free rendering) weighs lengths less: its log-ratio
    /// spread is widened; one that keeps to the ratio is left as configured.
    #[test]
    fn lengths_weigh_less_in_a_document_whose_lengths_stray() {
        let params = Params::default();
        let ratio = params.length_log_ratio.exp();
        let zh_len: Vec<f64> = (0..60).map(|k| 30.0 + (k % 5) as f64 * 10.0).collect();
        let links: Vec<Link> = (0..60).map(|k| Link::new(vec![k], vec![k], 0.99)).collect();
        let with_stray = |stray: f64| {
            // Every other en sentence longer, every other shorter, by `stray` (ln).
            let en_len: Vec<f64> = zh_len
                .iter()
                .enumerate()
                .map(|(k, z)| {
                    z / ratio
                        * if k % 2 == 0 {
                            stray.exp()
                        } else {
                            (-stray).exp()
                        }
                })
                .collect();
            params.adapted(&prepared(&zh_len, &en_len), &links, 0.0, None)
        };
        let close = with_stray(0.05);
        assert_eq!(close.length_log_sd, params.length_log_sd, "{close:?}");
        let free = with_stray(0.4);
        assert!(free.length_log_sd > 1.5 * params.length_log_sd, "{free:?}");
    }

    /// A document whose typical link covers less than UN prose's gets coverage's
    /// neutral point lowered in proportion; one that covers as much (or is not
    /// measured) keeps the configured one.
    #[test]
    fn coverage_counts_as_more_in_a_document_whose_links_cover_less() {
        let params = Params::default();
        let lengths = vec![30.0; 40];
        let p = prepared(&lengths, &lengths);
        let links: Vec<Link> = (0..40).map(|k| Link::new(vec![k], vec![k], 0.99)).collect();
        let mid = |level| params.adapted(&p, &links, 0.0, level).lexical_mid;
        let half = 0.5 * params.coverage_reference;
        assert!((mid(Some(half)) - 0.5 * params.lexical_mid).abs() < 1e-12);
        assert_eq!(
            mid(Some(params.coverage_reference + 0.1)),
            params.lexical_mid
        );
        assert_eq!(mid(None), params.lexical_mid);
    }

    /// The typical coverage of a document is that of its usual 1-1 link: links whose
    /// units share every word cover more than links whose units share half of them,
    /// and too few links measure nothing.
    #[test]
    fn the_typical_coverage_is_what_a_usual_link_covers() {
        use bitext_core::Ending;
        let unit = |tokens: Vec<String>| crate::Unit {
            tokens: tokens.into(),
            anchors: Vec::new(),
            length: 30.0,
            text: String::new(),
            part: 0,
            ending: Ending::Sentence,
        };
        // zh unit k holds words k and k+100; en unit k holds word k, and word k+100
        // when `shared_all` (else word k+99: known, as the next pair's, not here).
        let typical = |n: usize, shared_all: bool| {
            let zh: Vec<crate::Unit> = (0..n)
                .map(|k| unit(vec![format!("w{k}"), format!("w{}", k + 100)]))
                .collect();
            let en: Vec<crate::Unit> = (0..n)
                .map(|k| {
                    let second = if shared_all || k == 0 {
                        k + 100
                    } else {
                        k + 99
                    };
                    unit(vec![format!("w{k}"), format!("w{second}")])
                })
                .collect();
            let p = Prepared::new(&zh, &en, &Default::default());
            let lex = Lexicon::from_glossary(&p, &Default::default(), &Default::default());
            let links: Vec<Link> = (0..n).map(|k| Link::new(vec![k], vec![k], 0.99)).collect();
            let params = Params::default();
            Scorer::new(&p, &lex, &params).typical_coverage(&links)
        };
        let all = typical(30, true).expect("enough links");
        let half = typical(30, false).expect("enough links");
        assert!(all > 0.99, "{all}");
        assert!(half < 0.75 && half > 0.25, "{half}");
        assert_eq!(typical(3, true), None);
    }

    /// Too few paired links to estimate from: the weights stand.
    #[test]
    fn a_short_first_pass_leaves_the_weights_alone() {
        let p = prepared(&[10.0, 12.0], &[30.0, 40.0]);
        let links = vec![
            Link::new(vec![0], vec![0], 0.99),
            Link::new(vec![1], vec![1], 0.99),
        ];
        assert_eq!(
            Params::default().adapted(&p, &links, 0.0, None),
            Params::default()
        );
    }
}
