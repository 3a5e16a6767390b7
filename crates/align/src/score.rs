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
    pub anchor_match: f64,
    pub anchor_miss: f64,
    pub anchor_cap: f64,
    pub latin_match: f64,
    pub label_match: f64,
    pub label_mismatch: f64,
    pub length_weight: f64,
    /// Penalties of n:m links against 1-1.
    pub penalty_1_2: f64,
    pub penalty_2_2: f64,
    pub penalty_1_3: f64,
    /// A unit with no words or anchors (a bare `(a)`) inside a merged link.
    pub penalty_content_free: f64,
    /// Minimum log-odds for linking two unpaired units out of order.
    pub moved_threshold: f64,
    /// Cost of starting a run of unpaired units after a link.
    pub gap_open: f64,
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
            anchor_match: 0.8,
            anchor_miss: 0.5,
            anchor_cap: 8.0,
            latin_match: 1.5,
            label_match: 3.0,
            label_mismatch: 4.0,
            length_weight: 1.0,
            penalty_1_2: 1.2,
            penalty_2_2: 2.0,
            penalty_1_3: 2.0,
            penalty_content_free: 3.0,
            moved_threshold: 6.0,
            gap_open: 1.5,
        }
    }
}

pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// For one unit, the best association of every token of the other side that some
/// token of the unit translates to: sorted by token id, for binary search.
pub(crate) type Translations = Vec<(u32, f32)>;

fn translations(tokens: &[u32], inverted: &[Vec<(u32, f32)>]) -> Translations {
    let mut out: Translations = tokens
        .iter()
        .flat_map(|&t| inverted[t as usize].iter().copied())
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    out.dedup_by_key(|x| x.0);
    out
}

/// Lexical coverage of `from` units by the translations of the `to` units:
/// idf-weighted share of the known tokens of `from` that have a translation there,
/// and the known mass.
fn coverage(
    from: &[PUnit],
    to: &[&Translations],
    idf: &[f32],
    assoc: &[Vec<(u32, f32)>],
) -> (f64, f64) {
    let mut known = 0.0f64;
    let mut covered = 0.0f64;
    for u in from {
        for &t in &u.tokens {
            let Some(&(_, top)) = assoc[t as usize].first() else {
                continue;
            };
            // A token counts as fully covered when its strongest translation is there:
            // credit relative to the token's own best association, so tokens with
            // diffuse translations are not held to an impossible standard.
            let w = idf[t as usize] as f64 * top as f64;
            known += w;
            let best = to
                .iter()
                .filter_map(|tr| tr.binary_search_by_key(&t, |x| x.0).ok().map(|k| tr[k].1))
                .fold(0.0f32, f32::max);
            covered += w * (best / top) as f64;
        }
    }
    (if known > 0.0 { covered / known } else { 0.0 }, known)
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
}

/// Scores links between units of one zh range and one en range, with the
/// translation tables of those units computed once.
pub(crate) struct Scorer<'a> {
    pub p: &'a Prepared,
    pub lex: &'a Lexicon,
    pub params: &'a Params,
    zh_base: usize,
    en_base: usize,
    /// For each zh unit of the range: the en tokens it translates to.
    zh_trans: Vec<Translations>,
    en_trans: Vec<Translations>,
}

impl<'a> Scorer<'a> {
    pub fn new(
        p: &'a Prepared,
        lex: &'a Lexicon,
        params: &'a Params,
        zr: Range<usize>,
        er: Range<usize>,
    ) -> Self {
        Scorer {
            p,
            lex,
            params,
            zh_base: zr.start,
            en_base: er.start,
            zh_trans: p.zh[zr]
                .iter()
                .map(|u| translations(&u.tokens, &lex.en_lists_by_zh))
                .collect(),
            en_trans: p.en[er]
                .iter()
                .map(|u| translations(&u.tokens, &lex.zh_lists_by_en))
                .collect(),
        }
    }

    /// For scoring any pair of units (the moved-unit pass).
    pub fn whole(p: &'a Prepared, lex: &'a Lexicon, params: &'a Params) -> Self {
        Self::new(p, lex, params, 0..p.zh.len(), 0..p.en.len())
    }

    pub fn logit(&self, zr: Range<usize>, er: Range<usize>) -> f64 {
        self.evidence(zr, er).logit
    }

    pub fn evidence(&self, zr: Range<usize>, er: Range<usize>) -> Evidence {
        let (p, lex, params) = (self.p, self.lex, self.params);
        let zs = &p.zh[zr.clone()];
        let es = &p.en[er.clone()];
        let zt: Vec<&Translations> = zr
            .clone()
            .map(|i| &self.zh_trans[i - self.zh_base])
            .collect();
        let et: Vec<&Translations> = er
            .clone()
            .map(|j| &self.en_trans[j - self.en_base])
            .collect();

        // Lexical coverage in both directions.
        let (cov_en, known_en) = coverage(es, &zt, &p.en_idf, &lex.by_en);
        let (cov_zh, known_zh) = coverage(zs, &et, &p.zh_idf, &lex.by_zh);
        let lexical = match (known_zh > 0.0, known_en > 0.0) {
            (true, true) => {
                // Little known text gives a less certain coverage: shrink towards neutral.
                let conf = ((known_zh.min(known_en)) / 6.0).min(1.0);
                let cov = 0.5 * (cov_en + cov_zh);
                params.lexical_weight * (cov - params.lexical_mid) * (0.4 + 0.6 * conf)
            }
            (false, false) => params.lexical_unknown,
            _ => params.lexical_unknown - 0.5,
        };

        // Anchors: shared keys weighted by rarity; keys on one side only count against.
        let mut matched = 0.0f64;
        let mut missed = 0.0f64;
        let mut za: Vec<u32> = zs.iter().flat_map(|u| u.anchors.iter().copied()).collect();
        let mut ea: Vec<u32> = es.iter().flat_map(|u| u.anchors.iter().copied()).collect();
        za.sort_unstable();
        za.dedup();
        ea.sort_unstable();
        ea.dedup();
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
        let latin = |from: &[PUnit], to: &[PUnit]| {
            from.iter()
                .flat_map(|u| u.latin.iter())
                .filter(|k| to.iter().any(|t| t.text.contains(k.as_str())))
                .count() as f64
        };
        let latin_hits = latin(zs, es).max(latin(es, zs)).min(3.0);
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
        let sd = params.length_log_sd * (1.0 + 8.0 / lz.min(le * 0.32).max(1.0)).sqrt();
        let z = ((lz / le).ln() - params.length_log_ratio) / sd;
        let length = -0.5 * params.length_weight * (z * z).min(25.0);

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
        Evidence {
            logit: params.bias + lexical + anchors + labels + length - penalty,
            lexical,
            anchors,
            labels,
            length,
            penalty,
        }
    }
}
