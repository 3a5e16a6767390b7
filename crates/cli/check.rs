//! `bitext check`: terminology and consistency checks on an aligned corpus.

use crate::common::read_arg;
use anyhow::{bail, Context, Result};
use bitext_pipeline::corpus::corpus_format;
use bitext_pipeline::glossary::BUILTIN_GLOSSARY;
use bitext_pipeline::output::{write_atomically, Target};
use bitext_pipeline::{Aligner, Format};
use bitext_qa::{Check, Checker, Finding, Glossary, LinkText};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// An aligned corpus (TMX, TSV, CSV, JSONL; .gz allowed). Or use --zh and --en.
    corpus: Option<PathBuf>,
    /// Align this Chinese text with --en first, then check the result.
    #[arg(long, requires = "en", conflicts_with = "corpus")]
    zh: Option<String>,
    /// The English text for --zh.
    #[arg(long, requires = "zh")]
    en: Option<String>,
    /// Glossary: TSV or CSV with columns en, zh (approved renderings separated by |),
    /// optional forbidden and note; or TBX (TBX-Basic, TBX-Min). Repeatable. Without
    /// it, the built-in starter glossary of core UN terms is used.
    #[arg(long)]
    glossary: Vec<PathBuf>,
    /// Output: text (grouped by check), csv, or json (one finding per line).
    #[arg(short, long, default_value = "text")]
    format: String,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Checks to switch off (comma-separated or repeated): key-term, forbidden-term,
    /// inconsistent-target, inconsistent-source, term-variants, anchor-mismatch,
    /// untranslated, length-outlier, possible-misalignment (a finding on a link with
    /// confidence below 0.9 is reported as possible-misalignment; skip it to see such
    /// findings under their own check).
    #[arg(long, value_delimiter = ',')]
    skip: Vec<String>,
    /// Corpus format (default: from the extension).
    #[arg(long)]
    from: Option<String>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0, value_parser = crate::common::parse_threads)]
    threads: usize,
    /// With --zh/--en: check even when the two texts look unrelated (whose findings
    /// would be alignment errors, not terminology); also replace a read-only output.
    #[arg(long)]
    force: bool,
    /// Skip corpus rows that cannot be read instead of stopping at the first.
    #[arg(long)]
    lenient: bool,
    #[command(flatten)]
    encodings: crate::common::EncodingArgs,
}

pub(crate) fn load_glossaries(paths: &[PathBuf]) -> Result<Glossary> {
    Ok(Glossary::load(paths, BUILTIN_GLOSSARY)?)
}

fn links_from_corpus(args: &CheckArgs, path: &std::path::Path) -> Result<Vec<LinkText>> {
    let from = args.from.as_deref().map(Format::from_name).transpose()?;
    let format = corpus_format(path, from)?;
    let mut skipped = crate::common::Skipped::new(args.lenient);
    let mut links = Vec::new();
    let other = bitext_pipeline::OtherLanguages::default();
    let records = bitext_pipeline::corpus::read_corpus_noting(
        path,
        format,
        args.encodings.both()?,
        other.clone(),
    )?;
    for r in records {
        if let Some(r) = skipped.filter(r)? {
            links.push(bitext_pipeline::corpus::link_text(r));
        }
    }
    skipped.report(&path.display().to_string());
    crate::common::report_other_languages(&path.display().to_string(), &other);
    if links.is_empty() {
        bail!(
            "{}: the corpus has no translation units; there is nothing to check",
            path.display()
        );
    }
    Ok(links)
}

/// Align first; unrelated texts are refused (`None`: nothing to check) unless forced.
fn links_by_aligning(args: &CheckArgs, zh: &str, en: &str) -> Result<Option<Vec<LinkText>>> {
    let (zh_read, en_read) = args.encodings.read_options()?;
    let zh_in = read_arg(zh, &zh_read)?;
    let en_in = read_arg(en, &en_read)?;
    let aligner = Aligner::builder().build()?;
    let aligned = aligner.align_inputs(&zh_in, &en_in)?;
    if let Err(unrelated) = aligned.check_related() {
        if !args.force {
            say!("bitext: warning: {unrelated}: their findings would be alignment errors, not terminology; nothing checked. Use --force to check anyway.");
            return Ok(None);
        }
    }
    Ok(Some(aligner.link_texts(&aligned)))
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

fn write_text(out: &mut dyn Write, findings: &[Finding], links: usize) -> Result<()> {
    for check in Check::ALL {
        let of: Vec<&Finding> = findings.iter().filter(|f| f.check == check).collect();
        writeln!(
            out,
            "{}: {} finding{}",
            check.name(),
            of.len(),
            if of.len() == 1 { "" } else { "s" }
        )?;
        for f in of {
            let block = f
                .block
                .as_deref()
                .map(|b| format!(" [{b}]"))
                .unwrap_or_default();
            let doc = f
                .doc
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            writeln!(out, "  link {}{doc}{block}: {}", f.link, f.detail)?;
            writeln!(out, "    en: {}", one_line(&f.en))?;
            writeln!(out, "    zh: {}", one_line(&f.zh))?;
        }
    }
    writeln!(out, "{} findings in {links} links", findings.len())?;
    Ok(())
}

pub fn run(args: CheckArgs) -> Result<u8> {
    if !matches!(args.format.as_str(), "text" | "csv" | "json") {
        bail!("-f must be text, csv or json, got {:?}", args.format);
    }
    let skip: Vec<Check> = args
        .skip
        .iter()
        .map(|s| Check::from_name(s.trim()).with_context(|| format!("--skip: unknown check {s:?}")))
        .collect::<Result<_>>()?;
    let target = Target::from_arg(args.output.as_deref());
    let mut inputs: Vec<String> = Vec::new();
    if let Some(c) = &args.corpus {
        inputs.push(c.display().to_string());
    }
    inputs.extend(args.zh.iter().cloned());
    inputs.extend(args.en.iter().cloned());
    target.check_with(
        &inputs.iter().map(String::as_str).collect::<Vec<_>>(),
        &crate::common::policy(args.force),
    )?;
    let glossary = load_glossaries(&args.glossary)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let links = match (&args.corpus, &args.zh, &args.en) {
        (Some(path), _, _) => links_from_corpus(&args, path)?,
        (None, Some(zh), Some(en)) => match pool.install(|| links_by_aligning(&args, zh, en))? {
            Some(links) => links,
            None => return Ok(1),
        },
        _ => bail!("give a CORPUS, or --zh and --en to align first"),
    };
    let checker = Checker::new(glossary);
    let findings = pool.install(|| checker.check(&links, &skip));
    write_atomically::<anyhow::Error, _>(&target, |out| {
        match args.format.as_str() {
            "json" => {
                for f in &findings {
                    writeln!(out, "{}", serde_json::to_string(f)?)?;
                }
            }
            "csv" => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record([
                    "check", "link", "doc", "block", "detail", "span", "en", "zh",
                ])?;
                for f in &findings {
                    w.write_record([
                        f.check.name(),
                        &f.link.to_string(),
                        f.doc.as_deref().unwrap_or(""),
                        f.block.as_deref().unwrap_or(""),
                        &f.detail,
                        f.span.as_deref().unwrap_or(""),
                        &f.en,
                        &f.zh,
                    ])?;
                }
                w.flush()?;
            }
            _ => write_text(out, &findings, links.len())?,
        }
        Ok(())
    })?;
    Ok(u8::from(!findings.is_empty()))
}
