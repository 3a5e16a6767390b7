//! The last stage: each paired link the DP made is checked on its own evidence and
//! given a calibrated probability of being right; a link more likely wrong than right
//! is split into unpaired units.
//!
//! Why a stage of its own: the DP decides on a path, and between two confident
//! neighbours it happily pairs two units that are not translations of each other
//! (where one version has sentences the other lacks) when the alternative costs two
//! gap openings. The evidence of the link itself — lexical coverage both ways and
//! against nearby units of the same document, how much of each side is known, the
//! least covered unit of a merged link, anchors, length, a heading against a
//! sentence, whether the neighbours are one-sided and whether a neighbour fits
//! better ([`LinkFeatures`]) — says more about that link than the path score does.
//!
//! The verifier reads words through the general lexicon only (glossaries, lexicons
//! given by the user, the built-in lexicon, identical tokens), not through the
//! associations the aligner learned from this input: those were learned from the
//! DP's own links, the very links being judged, and in a report on one subject they
//! make unrelated neighbours look like translations. Cross-validated on the dev data
//! this raised strict F1 from 0.986 to 0.990 (health) and from 0.994 to 0.997 (peace),
//! and halved the calibration error.
//!
//! The weights are a logistic regression fitted by `scripts/train_verifier.py` on the
//! development gold (and synthetic omissions made from it), cross-validated across
//! data sets; the script prints them as this module's [`Verifier::default`].

use crate::lexicon::Lexicon;
use crate::prepared::Prepared;
use crate::score::{sigmoid, Coverage, Params, Scorer};
use bitext_core::{Ending, Link};
use rayon::prelude::*;
use std::ops::Range;

/// The evidence about one paired link the verifier weighs, each a number of a
/// documented scale. Field order is the order of [`LinkFeatures::values`] and of
/// the weights in [`Verifier`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LinkFeatures {
    /// The link's log-odds by the DP's score function with the general lexicon (not
    /// the one learned from the input), clamped to ±12 and divided by 4.
    pub logit: f64,
    /// Mean of the lexical coverage both ways (0 when a side has no known word).
    pub coverage_mean: f64,
    /// The lower of the two coverages: a link covered one way only is suspect.
    pub coverage_min: f64,
    /// `ln(1 + known mass)` of the side with less known text: how much the coverage
    /// is worth.
    pub known: f64,
    /// 1 when either side has no word the lexicon knows.
    pub unknown: f64,
    /// Rarity-weighted anchors shared, capped at 8, divided by 4.
    pub anchors_matched: f64,
    /// Rarity-weighted anchors on one side only, capped at 8, divided by 4.
    pub anchors_missed: f64,
    /// Squared length z score, capped at 25, divided by 4.
    pub length_z2: f64,
    /// The lowest coverage of a single unit of the link by the whole other side
    /// (units with no known word aside; the link's lower coverage for a 1-1 link):
    /// every unit of a merged link must be a translation of something in the other.
    pub weakest_member: f64,
    /// How many of the two neighbouring links (before and after) are unpaired units.
    pub lone_neighbours: f64,
    /// How much better (in mean coverage) the best single unit next to the link on
    /// the other side fits than the link's own partner, 0 when none fits better.
    pub neighbour_better: f64,
    /// 1 when one side ends like a sentence (a full stop, question or exclamation
    /// mark of any script) and the other like a heading (no punctuation): a heading
    /// is not the translation of a sentence.
    pub ending_mismatch: f64,
    /// The link's mean coverage minus the mean coverage of its first units paired
    /// with units two and three places away on the other side: how much more the
    /// partners share than any two nearby units of the same document share (in a
    /// report on one subject, unrelated neighbours share much of their vocabulary).
    pub coverage_contrast: f64,
    /// The share of all units (both sides) the DP left unpaired: in a document where
    /// one version has much the other lacks, a link between neighbours is more often
    /// wrong than in one translated sentence by sentence (a base rate).
    pub lone_share: f64,
}

impl LinkFeatures {
    /// Number of features.
    pub const LEN: usize = 14;
    /// Feature names, in the order of [`LinkFeatures::values`] (for the training script).
    pub const NAMES: [&'static str; Self::LEN] = [
        "logit",
        "coverage_mean",
        "coverage_min",
        "known",
        "unknown",
        "anchors_matched",
        "anchors_missed",
        "length_z2",
        "weakest_member",
        "lone_neighbours",
        "neighbour_better",
        "ending_mismatch",
        "coverage_contrast",
        "lone_share",
    ];

    pub fn values(&self) -> [f64; Self::LEN] {
        [
            self.logit,
            self.coverage_mean,
            self.coverage_min,
            self.known,
            self.unknown,
            self.anchors_matched,
            self.anchors_missed,
            self.length_z2,
            self.weakest_member,
            self.lone_neighbours,
            self.neighbour_better,
            self.ending_mismatch,
            self.coverage_contrast,
            self.lone_share,
        ]
    }
}

/// How the raw evidence becomes features ([`Params::features`]). Part of the
/// verifier's model: the shipped weights were fitted on features made so, and must be
/// fitted again (`scripts/train_verifier.py --write`) when these change. Capped, a few
/// extreme links do not dominate the fit; divided by `scale`, every feature is of the
/// order of 1, as the script's L2 penalty assumes.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureParams {
    /// The DP's log-odds beyond ± this add nothing.
    pub logit_cap: f64,
    /// Matched or missed anchor weight beyond this adds nothing.
    pub anchor_cap: f64,
    /// A squared length z-score beyond this (5 standard deviations) adds nothing.
    pub length_z2_cap: f64,
    /// What the capped log-odds, anchor weights and length z-score are divided by.
    pub scale: f64,
    /// How far away (in units) the pairs are whose coverage makes a link's
    /// background (`coverage_contrast`): near enough to share the passage's
    /// vocabulary, far enough not to be the link's own sentence split differently.
    pub background_offsets: [usize; 2],
}

impl Default for FeatureParams {
    fn default() -> Self {
        FeatureParams {
            logit_cap: 12.0,
            anchor_cap: 8.0,
            length_z2_cap: 25.0,
            scale: 4.0,
            background_offsets: [2, 3],
        }
    }
}

/// Mean lexical coverage of a link both ways, 0 when a side has no known word.
fn coverage_mean(c: &Coverage) -> f64 {
    let ((cov_en, known_en), (cov_zh, known_zh)) = (c.en, c.zh);
    if known_en > 0.0 && known_zh > 0.0 {
        0.5 * (cov_en + cov_zh)
    } else {
        0.0
    }
}

/// The weights of the link verifier (a logistic regression over [`LinkFeatures`])
/// and the probability below which a link is split into unpaired units.
#[derive(Debug, Clone, PartialEq)]
pub struct Verifier {
    pub bias: f64,
    /// One weight per feature, in the order of [`LinkFeatures::NAMES`].
    pub weights: [f64; LinkFeatures::LEN],
    /// A link whose probability of being right is below this is split into its
    /// units, unpaired (0.5: more likely wrong than right).
    pub reject_below: f64,
}

/// The shipped weights (`data/verifier.tsv`, written by `scripts/train_verifier.py`).
const SHIPPED_WEIGHTS: &str = include_str!("../data/verifier.tsv");

static SHIPPED: std::sync::LazyLock<Verifier> = std::sync::LazyLock::new(|| {
    Verifier::from_table(SHIPPED_WEIGHTS)
        .expect("the shipped verifier weights parse (a unit test checks)")
});

impl Default for Verifier {
    /// The shipped weights: fitted by `scripts/train_verifier.py` (all development
    /// data, synthetic omissions included, L2 penalty 1; see that script for how it
    /// cross-validates), read from `data/verifier.tsv`.
    fn default() -> Self {
        SHIPPED.clone()
    }
}

impl Verifier {
    /// Weights from a table as `scripts/train_verifier.py` writes it: `#` comments, a
    /// `feature<TAB>weight` header, the `bias` row, then one row per feature in the
    /// order of [`LinkFeatures::NAMES`]. The rejection threshold is 0.5 (more likely
    /// wrong than right).
    pub fn from_table(text: &str) -> Result<Self, String> {
        let mut rows = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(1)
            .map(|l| {
                let (name, value) = l
                    .split_once('\t')
                    .ok_or(format!("not name<TAB>weight: {l:?}"))?;
                let value: f64 = value.trim().parse().map_err(|e| format!("{name}: {e}"))?;
                Ok::<_, String>((name.to_string(), value))
            });
        let mut next = |expected: &str| -> Result<f64, String> {
            match rows.next() {
                Some(Ok((name, value))) if name == expected => Ok(value),
                Some(Ok((name, _))) => {
                    Err(format!("expected the weight of {expected}, found {name}"))
                }
                Some(Err(e)) => Err(e),
                None => Err(format!("no weight for {expected}")),
            }
        };
        let bias = next("bias")?;
        let mut weights = [0.0; LinkFeatures::LEN];
        for (w, name) in weights.iter_mut().zip(LinkFeatures::NAMES) {
            *w = next(name)?;
        }
        if let Some(extra) = rows.next() {
            return Err(format!("a row after the last feature: {extra:?}"));
        }
        Ok(Verifier {
            bias,
            weights,
            reject_below: 0.5,
        })
    }

    /// The probability that a link with these features is right.
    pub fn probability(&self, f: &LinkFeatures) -> f64 {
        sigmoid(self.logit(f))
    }

    /// The log-odds that a link with these features is right.
    pub fn logit(&self, f: &LinkFeatures) -> f64 {
        let x = f.values();
        self.bias
            + self
                .weights
                .iter()
                .zip(x.iter())
                .map(|(w, v)| w * v)
                .sum::<f64>()
    }
}

/// The features of every paired link of `links` (`None` for unpaired units), its
/// words read through `lex` (the general lexicon, see the module documentation).
pub(crate) fn link_features(
    p: &Prepared,
    lex: &Lexicon,
    params: &Params,
    links: &[Link],
) -> Vec<Option<LinkFeatures>> {
    let scorer = Scorer::new(p, lex, params);
    let shape = &params.features;
    let (n, m) = (p.zh.len(), p.en.len());
    let lone_units: usize = links
        .iter()
        .filter(|l| !l.is_paired())
        .map(|l| l.zh.len() + l.en.len())
        .sum();
    let lone_share = lone_units as f64 / (n + m).max(1) as f64;
    let lone = |k: Option<&Link>| k.is_some_and(|l| !l.is_paired()) as u8 as f64;
    // The coverage of every pair of single units the features read, once: neighbouring
    // links read many of the same pairs (a link's next unit is the next link's own).
    // A chunk of links at a time, so that a long document's table stays small.
    let mut out = Vec::with_capacity(links.len());
    for (chunk, chunk_links) in links.chunks(FEATURE_CHUNK).enumerate() {
        let mut pairs: Vec<(u32, u32)> = chunk_links
            .iter()
            .filter(|l| l.is_paired())
            .flat_map(|l| {
                let (zr, er) = (range(&l.zh), range(&l.en));
                let mut all = neighbour_pairs(&zr, &er, n, m);
                all.extend(background_pairs(&zr, &er, n, m, shape));
                all
            })
            .map(|(z, e)| (z as u32, e as u32))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let means: Vec<f64> = pairs
            .par_iter()
            .map(|&(z, e)| {
                let (z, e) = (z as usize, e as usize);
                coverage_mean(&scorer.coverage(z..z + 1, e..e + 1))
            })
            .collect();
        let pair_mean = |z: usize, e: usize| match pairs.binary_search(&(z as u32, e as u32)) {
            Ok(at) => means[at],
            Err(_) => coverage_mean(&scorer.coverage(z..z + 1, e..e + 1)),
        };
        let first = chunk * FEATURE_CHUNK;
        out.par_extend(chunk_links.par_iter().enumerate().map(|(at, link)| {
            let k = first + at;
            if !link.is_paired() {
                return None;
            }
            let zr = range(&link.zh);
            let er = range(&link.en);
            let e = scorer.evidence(zr.clone(), er.clone());
            let own = coverage_mean(&e.coverage());
            // The single units just outside the link on the other side: would one of
            // them be a better partner for the link's first or last unit?
            let best_other = neighbour_pairs(&zr, &er, n, m)
                .into_iter()
                .map(|(z, e)| pair_mean(z, e))
                .fold(0.0f64, f64::max);
            // Background: the first units with units a few places away.
            let (mut background, mut count) = (0.0f64, 0u32);
            for (z, e) in background_pairs(&zr, &er, n, m, shape) {
                background += pair_mean(z, e);
                count += 1;
            }
            let background = if count > 0 {
                background / count as f64
            } else {
                0.0
            };
            let before = k.checked_sub(1).and_then(|i| links.get(i));
            // The lower coverage, 0 when a side has no known word (as `own`).
            let own_min = if own > 0.0 {
                e.coverage_en.min(e.coverage_zh)
            } else {
                0.0
            };
            Some(LinkFeatures {
                logit: e.logit.clamp(-shape.logit_cap, shape.logit_cap) / shape.scale,
                coverage_mean: own,
                coverage_min: own_min,
                known: (1.0 + e.known_zh.min(e.known_en)).ln(),
                unknown: (e.known_zh <= 0.0 || e.known_en <= 0.0) as u8 as f64,
                anchors_matched: e.anchors_matched.min(shape.anchor_cap) / shape.scale,
                anchors_missed: e.anchors_missed.min(shape.anchor_cap) / shape.scale,
                length_z2: (e.length_z * e.length_z).min(shape.length_z2_cap) / shape.scale,
                weakest_member: weakest_member(&scorer, &zr, &er).unwrap_or(own_min),
                lone_neighbours: lone(before) + lone(links.get(k + 1)),
                neighbour_better: (best_other - own).max(0.0),
                ending_mismatch: endings_differ(p.zh[zr.end - 1].ending, p.en[er.end - 1].ending)
                    as u8 as f64,
                coverage_contrast: own - background,
                lone_share,
            })
        }));
    }
    out
}

/// How many links [`link_features`] reads the pairs of at a time.
const FEATURE_CHUNK: usize = 2048;

/// The pairs of single units just outside a link: its first and last zh unit with
/// the en units before and after it, and its first and last en unit with the zh units
/// before and after it (a side of one unit has one first and last unit).
fn neighbour_pairs(
    zr: &Range<usize>,
    er: &Range<usize>,
    n: usize,
    m: usize,
) -> Vec<(usize, usize)> {
    let ends = |r: &Range<usize>| [Some(r.start), (r.len() > 1).then(|| r.end - 1)];
    let mut out = Vec::with_capacity(8);
    for z in ends(zr).into_iter().flatten() {
        if er.start > 0 {
            out.push((z, er.start - 1));
        }
        if er.end < m {
            out.push((z, er.end));
        }
    }
    for e in ends(er).into_iter().flatten() {
        if zr.start > 0 {
            out.push((zr.start - 1, e));
        }
        if zr.end < n {
            out.push((zr.end, e));
        }
    }
    out
}

/// The pairs of a link's background: its first units with units
/// `background_offsets` places away on the other side, in order.
fn background_pairs(
    zr: &Range<usize>,
    er: &Range<usize>,
    n: usize,
    m: usize,
    shape: &FeatureParams,
) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(4 * shape.background_offsets.len());
    for d in shape.background_offsets {
        let others = [
            (Some(zr.start), er.start.checked_sub(d)),
            (Some(zr.start), Some(er.end - 1 + d).filter(|&j| j < m)),
            (zr.start.checked_sub(d), Some(er.start)),
            (Some(zr.end - 1 + d).filter(|&i| i < n), Some(er.start)),
        ];
        out.extend(others.into_iter().filter_map(|(z, e)| Some((z?, e?))));
    }
    out
}

/// The lowest coverage of one unit of a merged link by the other side (`None` for a
/// 1-1 link, or when no unit has a known word).
fn weakest_member(scorer: &Scorer<'_>, zr: &Range<usize>, er: &Range<usize>) -> Option<f64> {
    if zr.len() + er.len() <= 2 {
        return None;
    }
    let zh = (zr.len() > 1)
        .then(|| zr.clone())
        .into_iter()
        .flatten()
        .filter_map(|i| {
            let (covered, known) = scorer.zh_coverage(i..i + 1, er.clone());
            (known > 0.0).then_some(covered)
        });
    let en = (er.len() > 1)
        .then(|| er.clone())
        .into_iter()
        .flatten()
        .filter_map(|j| {
            let (covered, known) = scorer.en_coverage(zr.clone(), j..j + 1);
            (known > 0.0).then_some(covered)
        });
    zh.chain(en).reduce(f64::min)
}

/// Give every paired link the verifier's probability as its score, and split the
/// links below `reject_below` into unpaired units (scored with the probability that
/// they have no partner, the complement). Link order is kept: the units of a split
/// link stand where it stood.
pub(crate) fn verify_links(
    p: &Prepared,
    lex: &Lexicon,
    params: &Params,
    verifier: &Verifier,
    links: Vec<Link>,
) -> Vec<Link> {
    let features = link_features(p, lex, params, &links);
    let mut out = Vec::with_capacity(links.len());
    for (link, f) in links.into_iter().zip(features) {
        let Some(f) = f else {
            out.push(link);
            continue;
        };
        let prob = verifier.probability(&f);
        if prob < verifier.reject_below {
            out.extend(
                link.zh
                    .iter()
                    .map(|&i| Link::new(vec![i], vec![], 1.0 - prob)),
            );
            out.extend(
                link.en
                    .iter()
                    .map(|&j| Link::new(vec![], vec![j], 1.0 - prob)),
            );
        } else {
            out.push(Link::new(link.zh, link.en, prob));
        }
    }
    out
}

/// One side ends like a sentence and the other like a heading.
fn endings_differ(zh: Ending, en: Ending) -> bool {
    matches!(
        (zh, en),
        (Ending::Sentence, Ending::Bare) | (Ending::Bare, Ending::Sentence)
    )
}

/// The id range of a link side (ids of one link side are consecutive).
fn range(ids: &[usize]) -> Range<usize> {
    let start = ids.iter().copied().min().unwrap_or(0);
    let end = ids.iter().copied().max().map_or(start, |e| e + 1);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse_and_a_damaged_table_is_named() {
        let shipped = Verifier::from_table(SHIPPED_WEIGHTS).unwrap();
        assert_eq!(shipped, Verifier::default());
        // Every feature has a weight of its own (a row pasted twice would repeat one).
        let mut distinct = shipped.weights.to_vec();
        distinct.dedup();
        assert_eq!(distinct.len(), LinkFeatures::LEN);
        let missing: String = SHIPPED_WEIGHTS
            .lines()
            .filter(|l| !l.starts_with("lone_share"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            Verifier::from_table(&missing).unwrap_err(),
            "no weight for lone_share"
        );
        let swapped = SHIPPED_WEIGHTS.replace("\nlogit\t", "\nlogits\t");
        assert!(Verifier::from_table(&swapped)
            .unwrap_err()
            .contains("expected the weight of logit"));
    }
    use crate::test_util::report_pair;
    use crate::{align_units, Config};

    #[test]
    fn endings_of_sentences_clauses_headings_and_abbreviations() {
        assert_eq!(Ending::of("委员会审议了该报告。"), Ending::Sentence);
        assert_eq!(
            Ending::of("The Committee considered the report."),
            Ending::Sentence
        );
        assert_eq!(Ending::of("他说：“我们同意。”"), Ending::Sentence);
        assert_eq!(Ending::of("Is this right?) "), Ending::Sentence);
        assert_eq!(Ending::of("数字卫生保健"), Ending::Bare);
        assert_eq!(Ending::of("Programme performance in 2022"), Ending::Bare);
        assert_eq!(
            Ending::of("Report of the Secretary-General (A/78/6)"),
            Ending::Bare
        );
        assert_eq!(Ending::of("重申各国的责任；"), Ending::Clause);
        assert_eq!(
            Ending::of("Reaffirming the responsibility of all States,"),
            Ending::Clause
        );
        assert_eq!(Ending::of("as follows:"), Ending::Clause);
        assert_eq!(
            Ending::of("The meeting rose at 11.35 a.m."),
            Ending::Abbreviation
        );
        assert_eq!(Ending::of(""), Ending::Bare);

        // A heading against a sentence differs; an abbreviation or a clause does not.
        assert!(endings_differ(
            Ending::of("数字卫生保健"),
            Ending::of("Digital health is critical.")
        ));
        assert!(endings_differ(
            Ending::of("上午10时散会。"),
            Ending::of("Digital health")
        ));
        assert!(!endings_differ(
            Ending::of("上午11时35分散会。"),
            Ending::of("The meeting rose at 11.35 a.m.")
        ));
        assert!(!endings_differ(
            Ending::of("重申各国的责任；"),
            Ending::of("Reaffirming the responsibility,")
        ));
        assert!(!endings_differ(
            Ending::of("数字卫生保健"),
            Ending::of("Digital health")
        ));
    }

    fn translation_like() -> LinkFeatures {
        LinkFeatures {
            logit: 2.0,
            coverage_mean: 0.9,
            coverage_min: 0.85,
            known: 3.0,
            unknown: 0.0,
            anchors_matched: 0.0,
            anchors_missed: 0.0,
            length_z2: 0.05,
            weakest_member: 0.85,
            lone_neighbours: 0.0,
            neighbour_better: 0.0,
            ending_mismatch: 0.0,
            coverage_contrast: 0.6,
            lone_share: 0.05,
        }
    }

    /// The shipped weights: a well-covered link between paired neighbours is near
    /// certain; a heading paired with a sentence it shares only the document's
    /// vocabulary with, between unpaired neighbours, is rejected.
    #[test]
    fn the_shipped_verifier_keeps_translations_and_rejects_glued_neighbours() {
        let v = Verifier::default();
        assert!(v.probability(&translation_like()) > 0.99);
        let glued = LinkFeatures {
            logit: 0.2,
            coverage_mean: 0.5,
            coverage_min: 0.4,
            weakest_member: 0.4,
            ending_mismatch: 1.0,
            coverage_contrast: 0.1,
            lone_neighbours: 2.0,
            lone_share: 0.3,
            ..translation_like()
        };
        assert!(v.probability(&glued) < v.reject_below);
        // Each piece of counter-evidence lowers the probability on its own.
        let p = |f: LinkFeatures| v.probability(&f);
        let base = p(translation_like());
        for worse in [
            LinkFeatures {
                ending_mismatch: 1.0,
                ..translation_like()
            },
            LinkFeatures {
                coverage_contrast: 0.0,
                ..translation_like()
            },
            LinkFeatures {
                weakest_member: 0.2,
                ..translation_like()
            },
            LinkFeatures {
                lone_neighbours: 2.0,
                ..translation_like()
            },
        ] {
            assert!(p(worse) < base, "{worse:?}");
        }
    }

    /// Every unit stays in exactly one link, in document order, whatever the verifier
    /// decides; a rejected link's units stand where it stood.
    #[test]
    fn rejected_links_become_unpaired_units_in_place() {
        let (zh, en) = report_pair();
        let p = Prepared::new(&zh, &en, &Default::default());
        let lex = Lexicon::from_glossary(&p, &crate::Glossary::default(), &Default::default());
        let params = Params::default();
        let raw = align_units(
            &zh,
            &en,
            &Config {
                verifier: None,
                ..Config::default()
            },
        );
        let paired = raw.iter().filter(|l| l.is_paired()).count();
        assert!(paired > 50);

        let reject_all = Verifier {
            bias: -100.0,
            ..Verifier::default()
        };
        let out = verify_links(&p, &lex, &params, &reject_all, raw.clone());
        assert!(out.iter().all(|l| !l.is_paired()));
        // Split units are scored with the probability that they have no partner.
        let split_units: usize = raw
            .iter()
            .filter(|l| l.is_paired())
            .map(|l| l.zh.len() + l.en.len())
            .sum();
        assert!(out.iter().filter(|l| l.score > 0.99).count() >= split_units);
        let flatten = |links: &[Link]| -> (Vec<usize>, Vec<usize>) {
            (
                links.iter().flat_map(|l| l.zh.clone()).collect(),
                links.iter().flat_map(|l| l.en.clone()).collect(),
            )
        };
        assert_eq!(flatten(&out), flatten(&raw));

        let keep_all = Verifier {
            bias: 100.0,
            ..Verifier::default()
        };
        let out = verify_links(&p, &lex, &params, &keep_all, raw.clone());
        assert_eq!(out.len(), raw.len());
        for (a, b) in out.iter().zip(&raw) {
            assert_eq!((&a.zh, &a.en), (&b.zh, &b.en));
            if a.is_paired() {
                assert!(a.score > 0.99);
            }
        }

        // The shipped verifier keeps most of these lines' links (the raw Chinese
        // lines are broken at page ends, so not all are whole translations).
        let verified = align_units(&zh, &en, &Config::default());
        let kept = verified.iter().filter(|l| l.is_paired()).count();
        assert!(kept * 10 >= paired * 9, "{kept} of {paired} links kept");
        let (mut vz, mut ve) = flatten(&verified);
        vz.sort_unstable();
        ve.sort_unstable();
        assert_eq!(vz, (0..zh.len()).collect::<Vec<_>>());
        assert_eq!(ve, (0..en.len()).collect::<Vec<_>>());
    }
}
