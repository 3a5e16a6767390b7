//! What must hold of hypotheses and references before they are scored, checked before
//! any work (the command line and the Python package both call these), and the
//! defaults that depend on the text: the language and the BLEU tokenizer.

use crate::ter::{segment_cells, CELL_BYTES};
use crate::{Metric, Tokenizer};

/// Why a set of hypotheses and references cannot be scored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    /// Nothing on either side.
    #[error("{hyps} and the references are empty: there are no segments to score (sacrebleu refuses them too)")]
    Empty { hyps: String },
    /// A hypothesis stream and a reference stream of different lengths.
    #[error(
        "line counts differ: {hyp} has {hyp_lines} lines, reference {reference} has {ref_lines}"
    )]
    LineCounts {
        hyp: String,
        hyp_lines: usize,
        reference: String,
        ref_lines: usize,
    },
    /// A segment whose TER table would take more than the limit.
    #[error("{hyp}: line {line}: TER on this segment needs {mb} MB ({million_cells} million edit-distance cells: hypothesis words × reference words), more than the limit of {limit_mb} MB; TER's cost is quadratic per segment: split the line into sentences, or leave TER out")]
    TerTooLarge {
        hyp: String,
        line: usize,
        mb: u64,
        million_cells: usize,
        limit_mb: u64,
    },
}

/// Every hypothesis stream has as many lines as every reference stream, and there is
/// something to score. Streams are named (`hyp_names`, `ref_names`) for the message.
pub fn check_streams(
    hyp_names: &[String],
    hyps: &[Vec<String>],
    ref_names: &[String],
    refs: &[Vec<String>],
) -> Result<(), InputError> {
    if refs.iter().all(Vec::is_empty) && hyps.iter().all(Vec::is_empty) {
        return Err(InputError::Empty {
            hyps: hyp_names.join(", "),
        });
    }
    for (r, reference) in refs.iter().zip(ref_names) {
        for (h, hyp) in hyps.iter().zip(hyp_names) {
            if h.len() != r.len() {
                return Err(InputError::LineCounts {
                    hyp: hyp.clone(),
                    hyp_lines: h.len(),
                    reference: reference.clone(),
                    ref_lines: r.len(),
                });
            }
        }
    }
    Ok(())
}

/// TER is quadratic in a segment's length: refuse a segment whose edit-distance table
/// would take more than `limit_mb` ([`MAX_SEGMENT_MB`](crate::ter::MAX_SEGMENT_MB) by
/// default), naming it, before any work. Streams of equal length
/// ([`check_streams`]).
pub fn check_ter_size(
    metrics: &[Metric],
    hyp_names: &[String],
    hyps: &[Vec<String>],
    refs: &[Vec<String>],
    limit_mb: u64,
) -> Result<(), InputError> {
    let max_cells = (limit_mb.saturating_mul(1 << 20) / CELL_BYTES) as usize;
    for m in metrics {
        let Metric::Ter(options) = m else { continue };
        for (h, hyp) in hyps.iter().zip(hyp_names) {
            for (i, segment) in h.iter().enumerate() {
                let seg_refs: Vec<&str> = refs.iter().map(|r| r[i].as_str()).collect();
                let cells = segment_cells(*options, segment, &seg_refs);
                if cells > max_cells {
                    return Err(InputError::TerTooLarge {
                        hyp: hyp.clone(),
                        line: i + 1,
                        mb: (cells as u64 * CELL_BYTES) >> 20,
                        million_cells: cells >> 20,
                        limit_mb,
                    });
                }
            }
        }
    }
    Ok(())
}

/// Share of Han characters in the first references above which they are taken as
/// Chinese.
pub const HAN_SHARE_FOR_CHINESE: f64 = 0.5;

/// How many reference lines the language is guessed from.
const LANGUAGE_SAMPLE_LINES: usize = 200;

/// The language of references (`"zh"` or `"en"`), from the script of their first lines.
pub fn guess_lang(refs: &[String]) -> &'static str {
    let sample: String = refs.iter().take(LANGUAGE_SAMPLE_LINES).cloned().collect();
    if bitext_core::ScriptCounts::of(&sample).han_share() > HAN_SHARE_FOR_CHINESE {
        "zh"
    } else {
        "en"
    }
}

/// sacrebleu's default BLEU tokenizer for a target language: `zh` for Chinese, `13a`
/// otherwise.
pub fn default_tokenizer(lang: &str) -> Tokenizer {
    if lang == "zh" {
        Tokenizer::Zh
    } else {
        Tokenizer::Thirteen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("line {i}")).collect()
    }

    #[test]
    fn streams_must_match_and_hold_something() {
        let names = |n: &str| vec![n.to_string()];
        assert!(check_streams(&names("h"), &[lines(2)], &names("r"), &[lines(2)]).is_ok());
        let err = check_streams(&names("h"), &[lines(2)], &names("r"), &[lines(3)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line counts differ: h has 2 lines, reference r has 3"
        );
        let err = check_streams(&names("h"), &[vec![]], &names("r"), &[vec![]]).unwrap_err();
        assert!(matches!(err, InputError::Empty { .. }));
    }

    #[test]
    fn a_long_segment_is_refused_for_ter_only() {
        let long = vec![(0..3000).map(|i| format!("w{i} ")).collect::<String>()];
        let names = vec!["h".to_string()];
        let ter = Metric::from_name("ter", Tokenizer::Thirteen, &Default::default()).unwrap();
        let bleu = Metric::bleu(Tokenizer::Thirteen);
        let refs = [long.clone()];
        let hyps = [long];
        assert!(check_ter_size(&[bleu], &names, &hyps, &refs, 1).is_ok());
        let err = check_ter_size(std::slice::from_ref(&ter), &names, &hyps, &refs, 1).unwrap_err();
        assert!(
            matches!(
                err,
                InputError::TerTooLarge {
                    line: 1,
                    limit_mb: 1,
                    ..
                }
            ),
            "{err}"
        );
        assert!(check_ter_size(&[ter], &names, &hyps, &refs, 1024).is_ok());
    }

    #[test]
    fn language_and_tokenizer_follow_the_script() {
        assert_eq!(guess_lang(&["委员会审议了报告。".to_string()]), "zh");
        assert_eq!(guess_lang(&["The Committee met.".to_string()]), "en");
        assert_eq!(default_tokenizer("zh"), Tokenizer::Zh);
        assert_eq!(default_tokenizer("en"), Tokenizer::Thirteen);
    }
}
