//! `bitext score`: sacrebleu-compatible MT evaluation of line-aligned hypotheses
//! against references (line-aligned files or any corpus bitext reads).

use anyhow::{bail, Context, Result};
use bitext_formats::Format;
use bitext_mteval::inputs::{check_streams, check_ter_size, default_tokenizer, guess_lang};
use bitext_mteval::{
    corpus_score, corpus_stats, paired_bootstrap, Metric, MetricOptions, TerOptions, Tokenizer,
};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// Reference: a line-aligned file, or a corpus (.tmx, .csv, .tsv, .jsonl) with --lang
    /// picking the side. Repeat for multi-reference BLEU.
    #[arg(long = "ref", required = true)]
    refs: Vec<PathBuf>,
    /// Hypothesis: a line-aligned file or - (standard input). Two of them with
    /// --bootstrap: the first is the baseline.
    #[arg(long = "hyp", required = true)]
    hyps: Vec<String>,
    /// Metrics, comma-separated: bleu, chrf, chrf++, ter.
    #[arg(short, long, default_value = bitext_mteval::DEFAULT_METRICS, value_delimiter = ',')]
    metrics: Vec<String>,
    /// BLEU tokenizer: zh, 13a, intl, char, none (default: zh for Chinese, 13a otherwise).
    #[arg(long)]
    tokenize: Option<String>,
    /// Language of the hypotheses (and the reference side of a corpus): zh or en
    /// (default: from the script of the references).
    #[arg(long)]
    lang: Option<String>,
    /// Output: text (sacrebleu's text lines) or json (sacrebleu's JSON array).
    #[arg(short, long, default_value = "text")]
    format: String,
    /// Decimals in text output.
    #[arg(short = 'w', long, default_value_t = 1)]
    width: usize,
    /// Case-insensitive BLEU and chrF.
    #[arg(long)]
    lowercase: bool,
    /// One score per segment (BLEU with effective order), for error analysis.
    #[arg(long)]
    sentence: bool,
    /// Paired bootstrap resampling with this many samples (needs two --hyp).
    #[arg(long, value_parser = crate::common::parse_samples)]
    bootstrap: Option<usize>,
    /// Seed of the resampling.
    #[arg(long, default_value_t = 12345)]
    seed: u64,
    /// TER: normalise punctuation and tokenisation.
    #[arg(long)]
    ter_normalized: bool,
    /// TER: remove punctuation.
    #[arg(long)]
    ter_no_punct: bool,
    /// TER: split Asian characters (with --ter-normalized) and punctuation.
    #[arg(long)]
    ter_asian_support: bool,
    /// TER: case-sensitive.
    #[arg(long)]
    ter_case_sensitive: bool,
    /// TER: the most memory one segment's edit-distance table may take, in MB (TER is
    /// quadratic per segment: a whole document on one line would take gigabytes).
    #[arg(long, value_name = "MB", default_value_t = bitext_mteval::ter::MAX_SEGMENT_MB)]
    ter_max_mb: u64,
    /// Encoding of the references and hypotheses when not UTF-8 and without a BOM
    /// (detected otherwise).
    #[arg(long)]
    encoding: Option<String>,
}

/// Lines as sacrebleu reads them: split on `\n`, each right-stripped.
fn read_lines(path: &str, encoding: Option<&'static encoding_rs::Encoding>) -> Result<Vec<String>> {
    let options = bitext_pipeline::input::ReadOptions {
        allow_empty: true,
        allow_corpus: true,
        encoding,
        ..Default::default()
    };
    let input = crate::common::read_arg(path, &options)?;
    let text = input.text;
    if input.had_bom {
        say!(
            "bitext: warning: {path}: removed a byte-order mark (sacrebleu keeps it as part of the first line, which changes its score slightly)"
        );
    }
    let body = text.strip_suffix('\n').unwrap_or(&text);
    if body.is_empty() && text.is_empty() {
        return Ok(Vec::new());
    }
    Ok(body
        .split('\n')
        .map(|l| bitext_mteval::pystr::rstrip(l).to_string())
        .collect())
}

fn read_reference(
    path: &Path,
    lang: Option<&str>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<String>> {
    match Format::from_path(path) {
        Some(format) => {
            let lang = lang.with_context(|| {
                format!(
                    "{}: a corpus has two sides; say which is the reference with --lang zh|en",
                    path.display()
                )
            })?;
            let mut out = Vec::new();
            for r in bitext_pipeline::corpus::read_corpus_with(path, format, encoding)? {
                let r = r?;
                if r.zh.is_empty() || r.en.is_empty() {
                    continue;
                }
                out.push(if lang == "zh" { r.zh } else { r.en });
            }
            Ok(out)
        }
        None => read_lines(&path.to_string_lossy(), encoding),
    }
}

fn metrics(args: &ScoreArgs, tokenizer: Tokenizer) -> Result<Vec<Metric>> {
    let options = MetricOptions {
        lowercase: args.lowercase,
        effective_order: args.sentence,
        ter: TerOptions {
            normalized: args.ter_normalized,
            no_punct: args.ter_no_punct,
            asian_support: args.ter_asian_support,
            case_sensitive: args.ter_case_sensitive,
        },
    };
    args.metrics
        .iter()
        .map(|m| Ok(Metric::from_name(m, tokenizer, &options)?))
        .collect()
}

fn json_object(
    name: &str,
    score: f64,
    signature: &str,
    verbose: Option<&str>,
) -> serde_json::Value {
    let mut obj = serde_json::Map::new();
    obj.insert("name".into(), name.into());
    obj.insert("score".into(), score.into());
    obj.insert("signature".into(), signature.into());
    if let Some(v) = verbose {
        obj.insert("verbose_score".into(), v.into());
    }
    for pair in signature.split('|') {
        if let Some((k, v)) = pair.split_once(':') {
            obj.insert(k.into(), v.into());
        }
    }
    serde_json::Value::Object(obj)
}

pub fn run(args: ScoreArgs) -> Result<u8> {
    // Written through a handle that reports errors (a closed pipe ends the run quietly).
    let stdout = std::io::stdout();
    let mut sink = std::io::BufWriter::new(stdout.lock());
    if !matches!(args.format.as_str(), "text" | "json") {
        bail!("-f must be text or json, got {:?}", args.format);
    }
    if let Some(l) = &args.lang {
        if !matches!(l.as_str(), "zh" | "en") {
            bail!("--lang must be zh or en, got {l:?}");
        }
    }
    let encoding = crate::common::encoding_arg(&args.encoding)?;
    let refs: Vec<Vec<String>> = args
        .refs
        .iter()
        .map(|r| read_reference(r, args.lang.as_deref(), encoding))
        .collect::<Result<_>>()?;
    let hyps: Vec<Vec<String>> = args
        .hyps
        .iter()
        .map(|h| read_lines(h, encoding))
        .collect::<Result<_>>()?;
    let ref_names: Vec<String> = args.refs.iter().map(|r| r.display().to_string()).collect();
    check_streams(&args.hyps, &hyps, &ref_names, &refs)?;
    let lang = args
        .lang
        .clone()
        .unwrap_or_else(|| guess_lang(&refs[0]).to_string());
    let tokenizer = match &args.tokenize {
        Some(t) => Tokenizer::from_name(t)
            .with_context(|| format!("unknown tokenizer {t:?} (zh, 13a, intl, char, none)"))?,
        None => default_tokenizer(&lang),
    };
    let metrics = metrics(&args, tokenizer)?;
    check_ter_size(&metrics, &args.hyps, &hyps, &refs, args.ter_max_mb).map_err(|e| {
        anyhow::anyhow!(
            "{e} (-m bleu,chrf); --ter-max-mb {} raises the limit",
            args.ter_max_mb
        )
    })?;
    let nrefs = refs.len();
    let w = args.width;
    let json = args.format == "json";

    if let Some(samples) = args.bootstrap {
        if hyps.len() != 2 {
            bail!("--bootstrap compares two systems: give --hyp BASELINE --hyp SYSTEM");
        }
        let mut out = Vec::new();
        for m in &metrics {
            let base = corpus_stats(m, &hyps[0], &refs);
            let sys = corpus_stats(m, &hyps[1], &refs);
            let r = paired_bootstrap(m, &base, &sys, samples, args.seed);
            let sig = format!("{}|bs:{samples}|seed:{}", m.signature(nrefs), args.seed);
            if json {
                out.push(serde_json::json!({
                    "name": m.name(), "signature": sig, "baseline": r.baseline, "score": r.system,
                    "mean": r.mean, "ci": r.ci, "p_value": r.p_value,
                }));
            } else {
                writeln!(
                    sink,
                    "{}|{sig}: baseline {:.w$}, system {:.w$} (μ = {:.w$} ± {:.w$}), p = {:.4}{}",
                    m.name(),
                    r.baseline,
                    r.system,
                    r.mean,
                    r.ci,
                    r.p_value,
                    if r.p_value < 0.05 { " *" } else { "" }
                )?;
            }
        }
        if json {
            writeln!(sink, "{}", serde_json::to_string_pretty(&out)?)?;
        }
        sink.flush()?;
        return Ok(0);
    }

    for (h, name) in hyps.iter().zip(&args.hyps) {
        if hyps.len() > 1 {
            writeln!(sink, "# {name}")?;
        }
        if args.sentence {
            for i in 0..h.len() {
                let seg_refs: Vec<&str> = refs.iter().map(|r| r[i].as_str()).collect();
                for m in &metrics {
                    let s = m.score_from_stats(&m.segment_stats(&h[i], &seg_refs));
                    if json {
                        writeln!(
                            sink,
                            "{}",
                            serde_json::json!({"segment": i, "name": s.name, "score": s.score})
                        )?;
                    } else {
                        writeln!(
                            sink,
                            "{}\t{}|{} = {:.w$}{}",
                            i,
                            s.name,
                            m.signature(nrefs),
                            s.score,
                            s.verbose.map(|v| format!(" {v}")).unwrap_or_default()
                        )?;
                    }
                }
            }
            continue;
        }
        let mut out = Vec::new();
        for m in &metrics {
            let s = corpus_score(m, h, &refs);
            let sig = m.signature(nrefs);
            if json {
                out.push(json_object(&s.name, s.score, &sig, s.verbose.as_deref()));
            } else {
                writeln!(
                    sink,
                    "{}|{sig} = {:.w$}{}",
                    s.name,
                    s.score,
                    s.verbose.map(|v| format!(" {v}")).unwrap_or_default()
                )?;
            }
        }
        if json {
            writeln!(sink, "{}", serde_json::to_string_pretty(&out)?)?;
        }
    }
    sink.flush()?;
    Ok(0)
}
