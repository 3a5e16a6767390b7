//! chrF and chrF++ as sacrebleu 2.x computes them.

use crate::pystr;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChrfConfig {
    pub char_order: usize,
    /// 0 for chrF, 2 for chrF++.
    pub word_order: usize,
    pub beta: u32,
    pub lowercase: bool,
    pub whitespace: bool,
    pub eps_smoothing: bool,
}

impl ChrfConfig {
    pub fn chrf() -> Self {
        ChrfConfig {
            char_order: 6,
            word_order: 0,
            beta: 2,
            lowercase: false,
            whitespace: false,
            eps_smoothing: false,
        }
    }

    pub fn chrf_plus_plus() -> Self {
        ChrfConfig {
            word_order: 2,
            ..Self::chrf()
        }
    }

    /// `chrF2`, `chrF2++`.
    pub fn name(&self) -> String {
        format!("chrF{}{}", self.beta, "+".repeat(self.word_order))
    }
}

const PUNCTS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

type Counts = HashMap<String, u32>;

fn char_ngrams(line: &str, max_order: usize, whitespace: bool) -> Vec<Counts> {
    let chars: Vec<char> = if whitespace {
        line.chars().collect()
    } else {
        pystr::split(line).flat_map(str::chars).collect()
    };
    (1..=max_order)
        .map(|n| {
            let mut c = Counts::new();
            for w in chars.windows(n) {
                *c.entry(w.iter().collect()).or_insert(0) += 1;
            }
            c
        })
        .collect()
}

fn remove_punctuation(sent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in pystr::split(sent) {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() == 1 {
            out.push(w.to_string());
        } else if PUNCTS.contains(chars[chars.len() - 1]) {
            out.push(chars[..chars.len() - 1].iter().collect());
            out.push(chars[chars.len() - 1].to_string());
        } else if PUNCTS.contains(chars[0]) {
            out.push(chars[0].to_string());
            out.push(chars[1..].iter().collect());
        } else {
            out.push(w.to_string());
        }
    }
    out
}

fn word_ngrams(tokens: &[String], n: usize) -> Counts {
    let mut c = Counts::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *c.entry(w.join(" ")).or_insert(0) += 1;
        }
    }
    c
}

fn all_ngrams(config: &ChrfConfig, sent: &str) -> Vec<Counts> {
    let mut v = char_ngrams(sent, config.char_order, config.whitespace);
    if config.word_order > 0 {
        let words = remove_punctuation(sent);
        for n in 1..=config.word_order {
            v.push(word_ngrams(&words, n));
        }
    }
    v
}

fn match_stats(hyp: &Counts, reference: &Counts) -> [f64; 3] {
    let mut matched = 0u64;
    let mut hyp_count = 0u64;
    for (g, &c) in hyp {
        hyp_count += u64::from(c);
        if let Some(&r) = reference.get(g) {
            matched += u64::from(c.min(r));
        }
    }
    let ref_count: u64 = reference.values().map(|&c| u64::from(c)).sum();
    let hyp_count = if reference.is_empty() { 0 } else { hyp_count };
    [hyp_count as f64, ref_count as f64, matched as f64]
}

/// chrF from statistics `[hyp, ref, match]` per order.
pub fn f_score(config: &ChrfConfig, stats: &[f64]) -> f64 {
    let eps = 1e-16;
    let factor = f64::from(config.beta * config.beta);
    let order = config.char_order + config.word_order;
    let mut score = 0.0;
    let mut effective = 0usize;
    let (mut avg_prec, mut avg_rec) = (0.0, 0.0);
    for i in 0..order {
        let (n_hyp, n_ref, n_match) = (stats[3 * i], stats[3 * i + 1], stats[3 * i + 2]);
        let prec = if n_hyp > 0.0 { n_match / n_hyp } else { eps };
        let rec = if n_ref > 0.0 { n_match / n_ref } else { eps };
        let denom = factor * prec + rec;
        score += if denom > 0.0 {
            (1.0 + factor) * prec * rec / denom
        } else {
            eps
        };
        if n_hyp > 0.0 && n_ref > 0.0 {
            avg_prec += prec;
            avg_rec += rec;
            effective += 1;
        }
    }
    if config.eps_smoothing {
        return 100.0 * score / order as f64;
    }
    if effective == 0 {
        avg_prec = 0.0;
        avg_rec = 0.0;
    } else {
        avg_prec /= effective as f64;
        avg_rec /= effective as f64;
    }
    if avg_prec + avg_rec != 0.0 {
        100.0 * (1.0 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec)
    } else {
        0.0
    }
}

/// Statistics of one segment against its best reference (highest chrF).
pub fn segment_stats(config: &ChrfConfig, hyp: &str, refs: &[&str]) -> Vec<f64> {
    let prep = |s: &str| {
        if config.lowercase {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let hyp_ngrams = all_ngrams(config, &prep(hyp));
    let mut best: Vec<f64> = Vec::new();
    let mut best_f = -1.0;
    for r in refs {
        let ref_ngrams = all_ngrams(config, &prep(r));
        let stats: Vec<f64> = hyp_ngrams
            .iter()
            .zip(&ref_ngrams)
            .flat_map(|(h, r)| match_stats(h, r))
            .collect();
        let f = f_score(config, &stats);
        if f > best_f {
            best_f = f;
            best = stats;
        }
    }
    best
}
