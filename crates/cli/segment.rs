//! `bitext segment`: what the segmenters make of a text, as TSV or JSONL.

use crate::common::{named, read_arg};
use anyhow::Result;
use bitext_pipeline::input::ReadOptions;
use bitext_pipeline::output::{write_atomically, Target};
use bitext_pipeline::AlignOptions;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SegmentFormat {
    Tsv,
    Jsonl,
}

#[derive(clap::Args, Debug)]
pub struct SegmentArgs {
    /// The text (a file, or - for standard input).
    file: String,
    /// Language of the text.
    #[arg(long, value_parser = named(&bitext_pipeline::Lang::ALL, bitext_pipeline::Lang::code))]
    lang: bitext_pipeline::Lang,
    /// Output format: tsv (kind, block, text) or jsonl (one object per unit).
    #[arg(short, long, value_enum, default_value = "tsv")]
    format: SegmentFormat,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Sentence boundaries from SRX 2.0 rules (a file, or `default`).
    #[arg(long, value_name = "FILE|default")]
    srx: Option<String>,
    /// Encoding of the text when it is not UTF-8 and has no BOM (detected otherwise).
    #[arg(long)]
    encoding: Option<String>,
    /// Replace a read-only output file.
    #[arg(long)]
    force: bool,
}

pub fn run(args: SegmentArgs) -> Result<u8> {
    let target = Target::from_arg(args.output.as_deref());
    target.check_with(&[&args.file], &crate::common::policy(args.force))?;
    let aligner = crate::align::build_aligner(AlignOptions {
        srx: args.srx.clone(),
        builtin_glossary: false,
        builtin_lexicon: false,
        builtin_dictionary: false,
        ..AlignOptions::default()
    })?;
    let read = ReadOptions {
        encoding: args
            .encoding
            .as_deref()
            .map(bitext_pipeline::input::encoding_for)
            .transpose()?,
        ..ReadOptions::default()
    };
    let input = read_arg(&args.file, &read)?;
    let doc = aligner.segment_input(&input, args.lang);
    write_atomically::<anyhow::Error, _>(&target, |out| {
        if let SegmentFormat::Tsv = args.format {
            writeln!(out, "kind\tblock\ttext")?;
        }
        for block in &doc.blocks {
            for s in &block.sentences {
                match args.format {
                    SegmentFormat::Tsv => writeln!(
                        out,
                        "{}\t{}\t{}",
                        block.kind,
                        block.label.as_deref().unwrap_or(""),
                        s.text.replace(['\t', '\n'], " ")
                    )?,
                    SegmentFormat::Jsonl => {
                        let mut value = serde_json::json!({
                            "kind": block.kind.as_str(),
                            "block": block.label,
                            "text": s.text,
                            "start": s.start,
                            "end": s.end,
                            "anchors": s.anchors.iter().map(|a| serde_json::json!({"kind": a.kind.as_str(), "key": a.key})).collect::<Vec<_>>(),
                        });
                        // The markers the aligner leaves out (its anchors are found
                        // without them).
                        if !s.footnote_refs.is_empty() {
                            value["footnote_refs"] = serde_json::json!(s.footnote_refs);
                        }
                        writeln!(out, "{value}")?;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(0)
}
