//! Corpus and sentence BLEU as sacrebleu 2.x computes it.

use crate::pystr;
use crate::tokenize::Tokenizer;
use std::collections::HashMap;

pub const MAX_ORDER: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BleuConfig {
    pub tokenizer: Tokenizer,
    pub lowercase: bool,
    pub effective_order: bool,
}

impl Default for BleuConfig {
    fn default() -> Self {
        BleuConfig {
            tokenizer: Tokenizer::Thirteen,
            lowercase: false,
            effective_order: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BleuScore {
    pub score: f64,
    pub counts: [f64; MAX_ORDER],
    pub totals: [f64; MAX_ORDER],
    pub precisions: [f64; MAX_ORDER],
    pub bp: f64,
    pub sys_len: f64,
    pub ref_len: f64,
}

impl BleuScore {
    pub fn ratio(&self) -> f64 {
        if self.ref_len > 0.0 {
            self.sys_len / self.ref_len
        } else {
            0.0
        }
    }

    /// `82.5/68.5/52.9/35.4 (BP = 1.000 ratio = 1.075 hyp_len = 57 ref_len = 53)`
    pub fn verbose(&self) -> String {
        let p: Vec<String> = self.precisions.iter().map(|p| format!("{p:.1}")).collect();
        format!(
            "{} (BP = {:.3} ratio = {:.3} hyp_len = {} ref_len = {})",
            p.join("/"),
            self.bp,
            self.ratio(),
            self.sys_len as i64,
            self.ref_len as i64
        )
    }
}

fn preprocess(config: &BleuConfig, sent: &str) -> String {
    let s = pystr::rstrip(sent);
    if config.lowercase {
        config.tokenizer.tokenize(&s.to_lowercase())
    } else {
        config.tokenizer.tokenize(s)
    }
}

fn ngrams(tokens: &[&str]) -> HashMap<Vec<String>, u32> {
    let mut out = HashMap::new();
    for n in 1..=MAX_ORDER {
        for w in tokens.windows(n) {
            *out.entry(w.iter().map(|s| s.to_string()).collect())
                .or_insert(0) += 1;
        }
    }
    out
}

/// Sufficient statistics of one segment: `[hyp_len, ref_len, correct×4, total×4]`.
pub fn segment_stats(config: &BleuConfig, hyp: &str, refs: &[&str]) -> Vec<f64> {
    let mut ref_ngrams: HashMap<Vec<String>, u32> = HashMap::new();
    let mut ref_lens = Vec::with_capacity(refs.len());
    for r in refs {
        let r = preprocess(config, r);
        let tokens: Vec<&str> = pystr::split(&r).collect();
        ref_lens.push(tokens.len());
        for (g, c) in ngrams(&tokens) {
            let e = ref_ngrams.entry(g).or_insert(0);
            *e = (*e).max(c);
        }
    }
    let h = preprocess(config, hyp);
    let tokens: Vec<&str> = pystr::split(&h).collect();
    let hyp_len = tokens.len();
    // Closest reference length; ties go to the shorter.
    let mut closest: Option<(usize, usize)> = None;
    for &l in &ref_lens {
        let diff = hyp_len.abs_diff(l);
        closest = match closest {
            None => Some((diff, l)),
            Some((d, cl)) if diff < d || (diff == d && l < cl) => Some((diff, l)),
            keep => keep,
        };
    }
    let ref_len = closest.map_or(0, |c| c.1);
    let mut correct = [0f64; MAX_ORDER];
    let mut total = [0f64; MAX_ORDER];
    for (g, c) in ngrams(&tokens) {
        let n = g.len() - 1;
        total[n] += f64::from(c);
        if let Some(&rc) = ref_ngrams.get(&g) {
            correct[n] += f64::from(c.min(rc));
        }
    }
    let mut stats = vec![hyp_len as f64, ref_len as f64];
    stats.extend(correct);
    stats.extend(total);
    stats
}

fn my_log(x: f64) -> f64 {
    if x == 0.0 {
        -9_999_999_999.0
    } else {
        x.ln()
    }
}

/// BLEU from summed statistics (exponential smoothing, as sacrebleu's default).
pub fn score_from_stats(config: &BleuConfig, stats: &[f64]) -> BleuScore {
    let sys_len = stats[0];
    let ref_len = stats[1];
    let mut counts = [0f64; MAX_ORDER];
    let mut totals = [0f64; MAX_ORDER];
    counts.copy_from_slice(&stats[2..2 + MAX_ORDER]);
    totals.copy_from_slice(&stats[2 + MAX_ORDER..2 + 2 * MAX_ORDER]);
    let bp = if sys_len < ref_len {
        if sys_len > 0.0 {
            (1.0 - ref_len / sys_len).exp()
        } else {
            0.0
        }
    } else {
        1.0
    };
    let mut precisions = [0f64; MAX_ORDER];
    if counts.iter().all(|&c| c == 0.0) {
        return BleuScore {
            score: 0.0,
            counts,
            totals,
            precisions,
            bp,
            sys_len,
            ref_len,
        };
    }
    let mut smooth_mteval = 1.0;
    let mut eff_order = MAX_ORDER;
    for n in 1..=MAX_ORDER {
        if totals[n - 1] == 0.0 {
            break;
        }
        if config.effective_order {
            eff_order = n;
        }
        if counts[n - 1] == 0.0 {
            smooth_mteval *= 2.0;
            precisions[n - 1] = 100.0 / (smooth_mteval * totals[n - 1]);
        } else {
            precisions[n - 1] = 100.0 * counts[n - 1] / totals[n - 1];
        }
    }
    let sum: f64 = precisions[..eff_order].iter().map(|&p| my_log(p)).sum();
    BleuScore {
        score: bp * (sum / eff_order as f64).exp(),
        counts,
        totals,
        precisions,
        bp,
        sys_len,
        ref_len,
    }
}
