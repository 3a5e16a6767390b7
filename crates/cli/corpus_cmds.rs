//! Commands on corpus files: `convert` (also merging shard outputs), `lexicon train`
//! and `eval`.

use crate::common::{named, report_stats, WriterArgs};
use anyhow::{bail, Result};
use bitext_pipeline::batch::in_manifest_order;
use bitext_pipeline::corpus::{
    corpus_format, read_corpus_noting, read_corpus_with, CorpusOutput, RecordStream,
};
use bitext_pipeline::input::{read_file, ReadOptions};
use bitext_pipeline::output::{write_atomically, Target};
use bitext_pipeline::pairing::pairs_from_manifest;
use bitext_pipeline::{Aligner, Format, Record};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// The corpus to read (a file, or PREFIX with --from moses). Several corpora are
    /// merged into one output, in the order given (or in manifest order, --manifest).
    #[arg(required = true)]
    input: Vec<PathBuf>,
    /// Output file (default: standard output); a prefix for -f moses.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else tsv).
    #[arg(short, long, value_parser = named(&Format::ALL, Format::name))]
    format: Option<Format>,
    /// Input format (default: from the input extension).
    #[arg(long, value_parser = named(&Format::ALL, Format::name))]
    from: Option<Format>,
    /// Merge shard outputs of `bitext batch --shard` in the order of this manifest: the
    /// inputs are put in the manifest order of their documents, and a record whose
    /// document is out of that order is an error.
    #[arg(long)]
    manifest: Option<PathBuf>,
    #[command(flatten)]
    reading: CorpusReadArgs,
    /// Only the links a reviewer confirmed (`bitext review`; a TMX written from a
    /// review carries them as <prop type="x-review">confirmed</prop>).
    #[arg(long)]
    confirmed_only: bool,
    /// Replace a read-only output file.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    writer: WriterArgs,
}

/// How a command reads corpus files (convert, lexicon train).
#[derive(clap::Args, Debug)]
pub struct CorpusReadArgs {
    /// Skip rows that cannot be read (a wrong number of fields, bad JSON) instead of
    /// stopping at the first; their number is reported.
    #[arg(long)]
    lenient: bool,
    /// Encoding of the input corpora when not UTF-8 (a BOM still wins): gbk, big5 …
    #[arg(long)]
    encoding: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum LexiconCommand {
    /// Learn zh–en token associations (Dice) from the linked pairs of a corpus.
    #[command(
        after_help = "Example:\n  bitext lexicon train my-tm.tmx -o my.lexicon.tsv\n  bitext align zh.txt en.txt --lexicon my.lexicon.tsv -o corpus.tmx"
    )]
    Train {
        /// An aligned corpus (TMX, CSV, TSV, JSONL; PREFIX with --from moses).
        corpus: PathBuf,
        /// Output lexicon (TSV zh, en, weight; default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Input format (default: from the extension).
        #[arg(long, value_parser = named(&Format::ALL, Format::name))]
        from: Option<Format>,
        #[command(flatten)]
        reading: CorpusReadArgs,
        /// Replace a read-only output file.
        #[arg(long)]
        force: bool,
    },
}

pub fn eval(gold: &Path, pred: &Path) -> Result<u8> {
    let read = |p: &Path| -> Result<String> {
        let options = ReadOptions {
            allow_empty: true,
            allow_corpus: true,
            ..ReadOptions::default()
        };
        Ok(read_file(p, &options)?.text)
    };
    let g = bitext_align::eval::parse_links(&read(gold)?, &gold.display().to_string())?;
    let p = bitext_align::eval::parse_links(&read(pred)?, &pred.display().to_string())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", bitext_align::eval::score(&g, &p))?;
    Ok(0)
}

pub fn lexicon(command: LexiconCommand) -> Result<u8> {
    let LexiconCommand::Train {
        corpus,
        output,
        from,
        reading,
        force,
    } = command;
    let name = corpus.display().to_string();
    let format = corpus_format(&corpus, from)?;
    let target = Target::from_arg(output.as_deref());
    target.check_with(&[&name], &crate::common::policy(force))?;
    let aligner = Aligner::builder()
        .builtin_glossary(false)
        .builtin_lexicon(false)
        .builtin_dictionary(false)
        .build()?;
    let mut records = Vec::new();
    let mut skipped = crate::common::Skipped::new(reading.lenient);
    let encoding = crate::common::encoding_arg(&reading.encoding)?;
    for record in read_corpus_with(&corpus, format, encoding)? {
        let Some(r) = skipped.filter(record)? else {
            continue;
        };
        if !r.zh.trim().is_empty() && !r.en.trim().is_empty() {
            records.push(r);
        }
    }
    skipped.report(&name);
    if records.is_empty() {
        bail!("{name}: no pairs with both a Chinese and an English side");
    }
    let lexicon = aligner.train_lexicon(&records);
    let pairs = records.len();
    write_atomically::<anyhow::Error, _>(&target, |out| {
        Ok(bitext_pipeline::glossary::write_lexicon(out, &lexicon)?)
    })?;
    say!(
        "bitext: learned {} associations from {pairs} pairs",
        lexicon.len()
    );
    Ok(0)
}

pub fn convert(args: ConvertArgs) -> Result<u8> {
    if matches!(args.format, Some(Format::Links)) {
        bail!("-f links lists unit ids of an alignment run; a corpus file has none (use bitext align -f links)");
    }
    let out = CorpusOutput::new(args.format, args.output.as_deref())?;
    let names: Vec<String> = args.input.iter().map(|p| p.display().to_string()).collect();
    out.check_with(
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
        &crate::common::policy(args.force),
    )?;
    let from = args.from;
    let mut streams: Vec<(String, RecordStream)> = Vec::new();
    let other = bitext_pipeline::OtherLanguages::default();
    let encoding = crate::common::encoding_arg(&args.reading.encoding)?;
    for (path, name) in args.input.iter().zip(&names) {
        if bitext_review::project::is_project_path(path) {
            // A review project: its rows as they stand, confirmed ones marked.
            let project = bitext_review::project::Project::open(path)?;
            let records: Vec<bitext_pipeline::Result<Record>> =
                project.records(false).into_iter().map(Ok).collect();
            streams.push((name.clone(), Box::new(records.into_iter())));
            continue;
        }
        let format = corpus_format(path, from)?;
        streams.push((
            name.clone(),
            read_corpus_noting(path, format, encoding, other.clone())?,
        ));
    }
    let records: Box<dyn Iterator<Item = Result<Record>>> = match &args.manifest {
        None => Box::new(
            streams
                .into_iter()
                .flat_map(|(_, s)| s.map(|r| r.map_err(anyhow::Error::from))),
        ),
        Some(manifest) => Box::new(
            in_manifest_order(&pairs_from_manifest(manifest)?, streams)?
                .map(|r| r.map_err(anyhow::Error::from)),
        ),
    };
    let skipped = std::cell::RefCell::new(crate::common::Skipped::new(args.reading.lenient));
    let records = records.filter_map(|r| skipped.borrow_mut().filter_any(r).transpose());
    let confirmed_only = args.confirmed_only;
    let records = records.filter(|r| !confirmed_only || r.as_ref().map_or(true, |r| r.confirmed));
    let stats = out.write(&args.writer.options("sentence"), records)?;
    skipped.borrow().report(&names.join(", "));
    crate::common::report_other_languages(&names.join(", "), &other);
    report_stats(&stats);
    if stats.records == 0 {
        say!(
            "bitext: warning: {}: no translation units found",
            names.join(", ")
        );
    }
    Ok(0)
}
