//! MT evaluation that reproduces sacrebleu 2.x exactly: BLEU (13a, zh, intl, char,
//! none tokenizers; exponential smoothing; multiple references), chrF and chrF++, TER
//! (tercom shifts, normalisation and Asian support), sentence-level scores and paired
//! bootstrap resampling.
//!
//! Each [`Metric`] turns a segment into sufficient statistics; corpus scores sum them,
//! so resampling is cheap.
//!
//! ```
//! use bitext_mteval::{Metric, Tokenizer, corpus_score};
//!
//! let hyps = vec!["大会第77/278号决议要求秘书长提交一份报告。".to_string()];
//! let refs = vec![vec!["大会第77/278号决议请秘书长提交报告。".to_string()]];
//! let bleu = Metric::bleu(Tokenizer::Zh);
//! let score = corpus_score(&bleu, &hyps, &refs);
//! assert!(score.score > 50.0 && score.score < 70.0);
//! assert_eq!(bleu.signature(1), "nrefs:1|case:mixed|eff:no|tok:zh|smooth:exp|version:bitext-0.1.0");
//! ```

pub mod bleu;
pub mod chrf;
pub mod inputs;
pub mod pystr;
pub mod ter;
pub mod tokenize;

pub use bleu::{BleuConfig, BleuScore};
pub use chrf::ChrfConfig;
pub use tokenize::{TerOptions, Tokenizer};

use rand::{Rng, SeedableRng};

/// The version string that goes into signatures where sacrebleu writes its own.
pub const VERSION: &str = concat!("bitext-", env!("CARGO_PKG_VERSION"));

/// The metrics scored when none are named (`bitext score`, Python's `score`),
/// comma-separated as the command line takes them.
pub const DEFAULT_METRICS: &str = "bleu,chrf";

/// A metric and its settings.
#[derive(Debug, Clone, PartialEq)]
pub enum Metric {
    Bleu(BleuConfig),
    Chrf(ChrfConfig),
    Ter(TerOptions),
}

/// A corpus (or sentence) score with what sacrebleu reports beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// `BLEU`, `chrF2`, `chrF2++`, `TER`.
    pub name: String,
    pub score: f64,
    /// sacrebleu's verbose part (BLEU only).
    pub verbose: Option<String>,
    pub bleu: Option<BleuScore>,
}

/// Settings shared by the metrics named in [`Metric::from_name`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MetricOptions {
    /// Case-insensitive BLEU and chrF.
    pub lowercase: bool,
    /// BLEU with effective order (as sacrebleu's sentence-level BLEU).
    pub effective_order: bool,
    pub ter: TerOptions,
}

/// A metric name that is none of `bleu`, `chrf`, `chrf++`, `ter`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown metric {0:?} (expected bleu, chrf, chrf++, ter)")]
pub struct UnknownMetric(pub String);

impl Metric {
    /// The metric called `name` (`bleu`, `chrf`, `chrf++`/`chrfpp`, `ter`; any case).
    pub fn from_name(
        name: &str,
        tokenizer: Tokenizer,
        options: &MetricOptions,
    ) -> Result<Self, UnknownMetric> {
        Ok(match name.trim().to_lowercase().as_str() {
            "bleu" => Metric::Bleu(BleuConfig {
                tokenizer,
                lowercase: options.lowercase,
                effective_order: options.effective_order,
            }),
            "chrf" => Metric::Chrf(ChrfConfig {
                lowercase: options.lowercase,
                ..ChrfConfig::chrf()
            }),
            "chrf++" | "chrfpp" => Metric::Chrf(ChrfConfig {
                lowercase: options.lowercase,
                ..ChrfConfig::chrf_plus_plus()
            }),
            "ter" => Metric::Ter(options.ter),
            _ => return Err(UnknownMetric(name.to_string())),
        })
    }

    pub fn bleu(tokenizer: Tokenizer) -> Self {
        Metric::Bleu(BleuConfig {
            tokenizer,
            ..BleuConfig::default()
        })
    }

    pub fn name(&self) -> String {
        match self {
            Metric::Bleu(_) => "BLEU".into(),
            Metric::Chrf(c) => c.name(),
            Metric::Ter(_) => "TER".into(),
        }
    }

    /// sacrebleu's signature, with bitext named as the version.
    pub fn signature(&self, nrefs: usize) -> String {
        let yn = |b: bool| if b { "yes" } else { "no" };
        match self {
            Metric::Bleu(c) => format!(
                "nrefs:{nrefs}|case:{}|eff:{}|tok:{}|smooth:exp|version:{VERSION}",
                if c.lowercase { "lc" } else { "mixed" },
                yn(c.effective_order),
                c.tokenizer.signature()
            ),
            Metric::Chrf(c) => format!(
                "nrefs:{nrefs}|case:{}|eff:{}|nc:{}|nw:{}|space:{}|version:{VERSION}",
                if c.lowercase { "lc" } else { "mixed" },
                yn(!c.eps_smoothing),
                c.char_order,
                c.word_order,
                yn(c.whitespace)
            ),
            Metric::Ter(o) => format!(
                "nrefs:{nrefs}|case:{}|tok:tercom|norm:{}|punct:{}|asian:{}|version:{VERSION}",
                if o.case_sensitive { "mixed" } else { "lc" },
                yn(o.normalized),
                yn(!o.no_punct),
                yn(o.asian_support)
            ),
        }
    }

    /// Sufficient statistics of one segment.
    pub fn segment_stats(&self, hyp: &str, refs: &[&str]) -> Vec<f64> {
        match self {
            Metric::Bleu(c) => bleu::segment_stats(c, hyp, refs),
            Metric::Chrf(c) => chrf::segment_stats(c, hyp, refs),
            Metric::Ter(o) => ter::segment_stats(*o, hyp, refs),
        }
    }

    /// The score of summed statistics.
    pub fn score_from_stats(&self, stats: &[f64]) -> Score {
        match self {
            Metric::Bleu(c) => {
                let b = bleu::score_from_stats(c, stats);
                Score {
                    name: self.name(),
                    score: b.score,
                    verbose: Some(b.verbose()),
                    bleu: Some(b),
                }
            }
            Metric::Chrf(c) => Score {
                name: self.name(),
                score: chrf::f_score(c, stats),
                verbose: None,
                bleu: None,
            },
            Metric::Ter(_) => Score {
                name: self.name(),
                score: ter::score_from_stats(stats),
                verbose: None,
                bleu: None,
            },
        }
    }
}

/// Per-segment statistics of a corpus. `refs[k][i]` is line `i` of reference stream `k`.
pub fn corpus_stats(metric: &Metric, hyps: &[String], refs: &[Vec<String>]) -> Vec<Vec<f64>> {
    hyps.iter()
        .enumerate()
        .map(|(i, h)| {
            let r: Vec<&str> = refs.iter().map(|stream| stream[i].as_str()).collect();
            metric.segment_stats(h, &r)
        })
        .collect()
}

fn sum(stats: &[Vec<f64>], picks: impl Iterator<Item = usize>) -> Vec<f64> {
    let mut total = vec![0.0; stats.first().map_or(0, Vec::len)];
    for i in picks {
        for (t, s) in total.iter_mut().zip(&stats[i]) {
            *t += s;
        }
    }
    total
}

/// The corpus score of `hyps` against reference streams `refs` (`refs[k][i]` is line
/// `i` of stream `k`); an empty corpus scores as one empty segment, as sacrebleu does.
pub fn corpus_score(metric: &Metric, hyps: &[String], refs: &[Vec<String>]) -> Score {
    let stats = corpus_stats(metric, hyps, refs);
    if stats.is_empty() {
        return metric.score_from_stats(&metric.segment_stats("", &vec![""; refs.len()]));
    }
    metric.score_from_stats(&sum(&stats, 0..stats.len()))
}

/// Outcome of a paired bootstrap test of a system against a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedResult {
    pub baseline: f64,
    pub system: f64,
    /// Mean and 95% confidence half-width of the system's resampled scores.
    pub mean: f64,
    pub ci: f64,
    /// Probability of a difference at least this large by chance.
    pub p_value: f64,
}

/// Paired bootstrap resampling as sacrebleu's `--paired-bs` does it: resample segment
/// indices with replacement, score both systems on each resample, and count how often
/// the centred resampled difference exceeds the real one. The generator is ChaCha8
/// seeded with `seed`, so p-values are reproducible (they differ from sacrebleu's numpy
/// stream in the last digits).
pub fn paired_bootstrap(
    metric: &Metric,
    baseline: &[Vec<f64>],
    system: &[Vec<f64>],
    samples: usize,
    seed: u64,
) -> PairedResult {
    let n = baseline.len();
    let base_score = metric.score_from_stats(&sum(baseline, 0..n)).score;
    let sys_score = metric.score_from_stats(&sum(system, 0..n)).score;
    let real = (sys_score - base_score).abs();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut diffs = Vec::with_capacity(samples);
    let mut sys_scores = Vec::with_capacity(samples);
    for _ in 0..samples {
        let picks: Vec<usize> = (0..n).map(|_| rng.gen_range(0..n.max(1))).collect();
        let b = metric
            .score_from_stats(&sum(baseline, picks.iter().copied()))
            .score;
        let s = metric
            .score_from_stats(&sum(system, picks.iter().copied()))
            .score;
        diffs.push((s - b).abs());
        sys_scores.push(s);
    }
    let mean_diff = diffs.iter().sum::<f64>() / samples.max(1) as f64;
    let exceed = diffs.iter().filter(|&&d| d - mean_diff > real).count();
    sys_scores.sort_by(f64::total_cmp);
    let lower = samples / 40;
    let upper = samples.saturating_sub(lower + 1);
    let ci = if samples > 0 {
        0.5 * (sys_scores[upper] - sys_scores[lower])
    } else {
        0.0
    };
    PairedResult {
        baseline: base_score,
        system: sys_score,
        mean: sys_scores.iter().sum::<f64>() / samples.max(1) as f64,
        ci,
        p_value: (exceed + 1) as f64 / (samples + 1) as f64,
    }
}
