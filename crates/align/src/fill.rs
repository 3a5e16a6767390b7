//! Gap filling for complete translations: between two links, units of both sides
//! that the DP left unpaired are, in a document estimated to be a complete
//! translation, far more likely weakly evidenced translations of each other than
//! text each version lacks. Each such gap is aligned again on its own, every
//! unpaired unit now costing the prior odds of one-sided text.

use crate::dp::{one_part, searchable};
use crate::lexicon::Lexicon;
use crate::prepared::Prepared;
use crate::score::{sigmoid, Params, Scorer};
use bitext_core::Link;
use std::ops::Range;

/// Fill the gaps of `links` (see the module documentation) when the document looks
/// like a complete translation ([`Params::completeness`] above nothing). A unit left
/// unpaired costs the prior log-odds that a unit is one-sided, from the document's
/// estimated share of one-sided text, as much as the document is complete.
pub(crate) fn fill_gaps(
    p: &Prepared,
    lex: &Lexicon,
    params: &Params,
    links: Vec<Link>,
) -> Vec<Link> {
    let one_sided = params.one_sided_share.clamp(params.fill_min_one_sided, 0.5);
    let cost = params.completeness * ((1.0 - one_sided) / one_sided).ln();
    if cost <= 0.0 {
        return links;
    }
    let scorer = Scorer::new(p, lex, params);
    let mut out: Vec<Link> = Vec::with_capacity(links.len());
    let mut run: Vec<Link> = Vec::new();
    let flush = |run: &mut Vec<Link>, out: &mut Vec<Link>| {
        if let Some((zr, er)) = gap_ranges(run).filter(|(z, e)| {
            !z.is_empty()
                && !e.is_empty()
                && z.len() <= params.fill_max_units
                && e.len() <= params.fill_max_units
        }) {
            out.extend(align_gap(&scorer, zr, er, cost, run));
        } else {
            out.append(run);
        }
        run.clear();
    };
    for link in links {
        if link.is_paired() {
            flush(&mut run, &mut out);
            out.push(link);
        } else {
            run.push(link);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The zh and en unit ranges of a run of unpaired links, when each side's units are
/// contiguous.
fn gap_ranges(run: &[Link]) -> Option<(Range<usize>, Range<usize>)> {
    let contiguous = |mut ids: Vec<usize>| -> Option<Range<usize>> {
        ids.sort_unstable();
        match (ids.first(), ids.last()) {
            (Some(&a), Some(&b)) if b + 1 - a == ids.len() => Some(a..b + 1),
            (None, _) => Some(0..0),
            _ => None,
        }
    };
    let zh = contiguous(run.iter().flat_map(|l| l.zh.iter().copied()).collect())?;
    let en = contiguous(run.iter().flat_map(|l| l.en.iter().copied()).collect())?;
    Some((zh, en))
}

/// The best links of one gap: links scored by their log-odds, each unpaired unit
/// costing `cost`. Unpaired units keep the confidence they had.
fn align_gap(
    scorer: &Scorer<'_>,
    zr: Range<usize>,
    er: Range<usize>,
    cost: f64,
    run: &[Link],
) -> Vec<Link> {
    let (n, m) = (zr.len(), er.len());
    let params = scorer.params;
    // No bound on a side's units: the gap DP scores every link afresh.
    let shapes = searchable(
        params
            .dp_shapes()
            .chain(params.fill_extra_shapes.iter().copied()),
        usize::MAX,
    );
    let idx = |i: usize, j: usize| i * (m + 1) + j;
    let mut best = vec![f64::NEG_INFINITY; (n + 1) * (m + 1)];
    let mut back = vec![(0usize, 0usize, 0.0f64); (n + 1) * (m + 1)];
    best[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj) in &shapes {
                if di > i || dj > j {
                    continue;
                }
                let prev = best[idx(i - di, j - dj)];
                if prev == f64::NEG_INFINITY {
                    continue;
                }
                let gain = if di > 0 && dj > 0 {
                    let z = zr.start + i - di..zr.start + i;
                    let e = er.start + j - dj..er.start + j;
                    // A footnote is never joined to a body sentence.
                    if !one_part(&scorer.p.zh[z.clone()]) || !one_part(&scorer.p.en[e.clone()]) {
                        continue;
                    }
                    // Scored only when it could improve the cell.
                    let here = best[idx(i, j)];
                    match scorer.logit_if(z, e, |max| prev + max > here) {
                        Some(logit) => logit,
                        None => continue,
                    }
                } else {
                    -cost * (di + dj) as f64
                };
                if prev + gain > best[idx(i, j)] {
                    best[idx(i, j)] = prev + gain;
                    back[idx(i, j)] = (di, dj, gain);
                }
            }
        }
    }
    let old_score = |zh: &[usize], en: &[usize]| {
        run.iter()
            .find(|l| l.zh == zh && l.en == en)
            .map_or(0.5, |l| l.score)
    };
    let (mut i, mut j) = (n, m);
    let mut out = Vec::new();
    while i > 0 || j > 0 {
        let (di, dj, gain) = back[idx(i, j)];
        let zh: Vec<usize> = (zr.start + i - di..zr.start + i).collect();
        let en: Vec<usize> = (er.start + j - dj..er.start + j).collect();
        let score = if di > 0 && dj > 0 {
            sigmoid(gain)
        } else {
            old_score(&zh, &en)
        };
        out.push(Link::new(zh, en, score));
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unit;

    /// Five sentences each side at the usual length ratio; the DP paired the first
    /// and last and left the middle three of each side unpaired.
    fn gap() -> (Prepared, Vec<Link>) {
        let unit = |length: f64| Unit {
            length,
            ..Unit::default()
        };
        let zh: Vec<Unit> = [20.0, 25.0, 30.0, 35.0, 40.0].map(unit).to_vec();
        let ratio = Params::default().length_log_ratio.exp();
        let en: Vec<Unit> = [20.0, 25.0, 30.0, 35.0, 40.0]
            .map(|l| unit(l / ratio))
            .to_vec();
        let p = Prepared::new(&zh, &en, &Default::default());
        let mut links = vec![Link::new(vec![0], vec![0], 0.99)];
        links.extend((1..4).map(|i| Link::new(vec![i], vec![], 0.6)));
        links.extend((1..4).map(|j| Link::new(vec![], vec![j], 0.6)));
        links.push(Link::new(vec![4], vec![4], 0.99));
        (p, links)
    }

    #[test]
    fn a_complete_translation_pairs_its_gaps() {
        let (p, links) = gap();
        let lex = Lexicon::from_glossary(&p, &Default::default(), &Default::default());
        let params = Params {
            completeness: 1.0,
            one_sided_share: 0.01,
            ..Params::default()
        };
        let filled = fill_gaps(&p, &lex, &params, links);
        let pairs: Vec<(Vec<usize>, Vec<usize>)> = filled
            .iter()
            .map(|l| (l.zh.clone(), l.en.clone()))
            .collect();
        let expected: Vec<(Vec<usize>, Vec<usize>)> = (0..5).map(|k| (vec![k], vec![k])).collect();
        assert_eq!(pairs, expected);
    }

    #[test]
    fn a_document_not_known_to_be_complete_keeps_its_gaps() {
        let (p, links) = gap();
        let lex = Lexicon::from_glossary(&p, &Default::default(), &Default::default());
        let filled = fill_gaps(&p, &lex, &Params::default(), links.clone());
        assert_eq!(filled, links);
    }
}
