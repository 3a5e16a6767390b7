//! `bitext review`: align (or open a saved review, or a corpus) and serve the review
//! page on 127.0.0.1 until Ctrl+C.

use crate::align::{build_aligner, AlignmentArgs};
use crate::common::{read_arg, EncodingArgs};
use anyhow::{bail, Result};
use bitext_pipeline::{Aligner, Lang};
use bitext_review::project::{refresh_anchors, Project, Row, Side};
use bitext_review::server::{ReviewServer, ServeOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// ZH EN documents to align and review, or one saved review project
    /// (NAME.review.json) to continue, or one corpus (TMX, TSV, CSV, JSONL) to review.
    #[arg(required = true, num_args = 1..=2, value_name = "ZH EN | PROJECT | CORPUS")]
    inputs: Vec<String>,
    /// The review project file (default: next to the Chinese document or the corpus,
    /// NAME.review.json). An existing project is continued, never re-aligned: the
    /// reviewer's edits are kept.
    #[arg(long)]
    project: Option<PathBuf>,
    /// Port on 127.0.0.1 (default: a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Do not open the browser; only print the address.
    #[arg(long)]
    no_open: bool,
    /// Rows scored below this are flagged as low confidence.
    #[arg(long, default_value_t = 0.9, value_parser = crate::common::parse_share)]
    low_score: f64,
    #[command(flatten)]
    alignment: AlignmentArgs,
    #[command(flatten)]
    encodings: EncodingArgs,
}

fn project_path_for(input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "review".into());
    let stem = name.split('.').next().unwrap_or("review");
    input.with_file_name(format!("{stem}{}", bitext_review::project::EXTENSION))
}

/// Anchor keys of a text, from the segmenters the alignment used.
fn annotator(aligner: Arc<Aligner>) -> impl Fn(&str, Side) -> Vec<String> + Send + 'static {
    move |text: &str, side: Side| {
        let lang = match side {
            Side::Zh => Lang::Zh,
            Side::En => Lang::En,
        };
        aligner
            .segmenter(lang)
            .anchors(text)
            .iter()
            .map(|a| a.to_string())
            .collect()
    }
}

/// Terminology findings on each row (the built-in glossary unless --glossary).
fn add_findings(project: &mut Project, glossaries: &[PathBuf]) -> Result<()> {
    let glossary = crate::check::load_glossaries(glossaries)?;
    let checker = bitext_qa::Checker::new(glossary);
    let links: Vec<bitext_qa::LinkText> = project
        .rows
        .iter()
        .map(|r| bitext_qa::LinkText {
            score: Some(r.score),
            ..bitext_qa::LinkText::new(&r.en.join(" "), &r.zh.join(""))
        })
        .collect();
    // Per-row checks only: the corpus-wide ones (inconsistency) belong to `bitext check`.
    use bitext_qa::Check;
    let skip = [
        Check::InconsistentTarget,
        Check::InconsistentSource,
        Check::TermVariants,
        Check::AnchorMismatch,
        Check::LengthOutlier,
    ];
    for f in checker.check(&links, &skip) {
        // A one-sided row is flagged as such already.
        if let Some(row) = project
            .rows
            .get_mut(f.link)
            .filter(|r| !r.zh.is_empty() && !r.en.is_empty())
        {
            row.findings
                .push(format!("{}: {}", f.check.name(), f.detail));
        }
    }
    Ok(())
}

/// A new project of a corpus: one row per record, one unit per side, and everything
/// else the record holds kept for the export.
fn project_from_corpus(input: &Path) -> Result<Project> {
    let name = input.display();
    let format = bitext_pipeline::corpus::corpus_format(input, None).map_err(|_| {
        anyhow::anyhow!(
            "{name}: one input is a review project (NAME.review.json) or a corpus (.tmx, .tsv, .csv, .jsonl); to align and review two documents give both: bitext review ZH EN"
        )
    })?;
    let side = |t: &str| {
        if t.is_empty() {
            vec![]
        } else {
            vec![t.to_string()]
        }
    };
    let mut rows = Vec::new();
    for r in bitext_pipeline::corpus::read_corpus(input, format)? {
        let r = r?;
        let mut row = Row::new(side(&r.zh), side(&r.en), r.score, r.block);
        row.confirmed = r.confirmed;
        row.footnote_refs = r.footnote_refs;
        row.doc = r.doc;
        row.zh_lang = r.zh_lang;
        row.en_lang = r.en_lang;
        row.zh_tmx = r.zh_tmx;
        row.en_tmx = r.en_tmx;
        row.doc_date = r.doc_date;
        // A link of several units per side read as one text: its shape is kept.
        let units = [r.zh_ids.len(), r.en_ids.len()];
        if units != [row.zh.len(), row.en.len()] && units.iter().all(|&n| n > 0) {
            row.link_units = Some(units);
        }
        rows.push(row);
    }
    if rows.is_empty() {
        bail!("{name}: the corpus has no rows to review");
    }
    Ok(Project::new(rows))
}

/// A new project of two documents: aligned, one row per link.
fn project_from_documents(
    aligner: &Aligner,
    zh: &str,
    en: &str,
    encodings: &EncodingArgs,
) -> Result<Project> {
    let (zh_read, en_read) = encodings.read_options()?;
    let alignment = aligner.align_inputs(&read_arg(zh, &zh_read)?, &read_arg(en, &en_read)?)?;
    if let Err(e) = alignment.check_related() {
        say!("bitext: warning: {e}; review it with care");
    }
    let text = |side: &bitext_pipeline::units::Side, ids: &[usize]| {
        ids.iter()
            .map(|&i| side.body[i].clone())
            .collect::<Vec<_>>()
    };
    let rows = alignment
        .links
        .iter()
        .map(|link| {
            // What the corpus would say of the link; the units kept apart.
            let record = alignment.record(link);
            let mut row = Row::new(
                text(&alignment.zh, &link.zh),
                text(&alignment.en, &link.en),
                record.score,
                record.block,
            );
            row.footnote_refs = record.footnote_refs;
            row
        })
        .collect();
    let mut project = Project::new(rows);
    project.zh_source = Some(zh.to_string());
    project.en_source = Some(en.to_string());
    project.doc = alignment.metadata.symbol.clone();
    project.doc_date = alignment.metadata.date.clone();
    Ok(project)
}

pub fn run(args: ReviewArgs) -> Result<u8> {
    let aligner = Arc::new(build_aligner(args.alignment.options())?);
    let annotate = annotator(Arc::clone(&aligner));
    // A saved project is continued as it is; a new one gets its anchors and findings.
    let (project, path) = match args.inputs.as_slice() {
        [single] if bitext_review::project::is_project_path(Path::new(single)) => {
            (Project::open(Path::new(single))?, PathBuf::from(single))
        }
        [single] => {
            let input = PathBuf::from(single);
            let path = args
                .project
                .clone()
                .unwrap_or_else(|| project_path_for(&input));
            if path.exists() {
                (Project::open(&path)?, path)
            } else {
                let mut project = project_from_corpus(&input)?;
                annotate_new(&mut project, &annotate, &args)?;
                (project, path)
            }
        }
        [zh, en] => {
            let path = args
                .project
                .clone()
                .unwrap_or_else(|| project_path_for(Path::new(zh)));
            if path.exists() {
                say!(
                    "bitext: continuing the review in {} (your edits are kept; delete it to align afresh)",
                    path.display()
                );
                (Project::open(&path)?, path)
            } else {
                let mut project = project_from_documents(&aligner, zh, en, &args.encodings)?;
                annotate_new(&mut project, &annotate, &args)?;
                (project, path)
            }
        }
        _ => bail!("give ZH EN, a review project, or a corpus"),
    };
    let rows = project.rows.len();
    let server = ReviewServer::bind(
        project,
        path.clone(),
        Box::new(annotate),
        ServeOptions {
            port: args.port,
            low_score: args.low_score,
        },
    )?;
    let url = server.url();
    say!(
        "bitext: reviewing {rows} rows at {url}\nbitext: every edit is saved to {} at once; Ctrl+C stops the server (bitext convert {} -o tm.tmx exports)",
        path.display(),
        path.display()
    );
    if !args.no_open {
        open_browser(&url);
    }
    server.run(&std::sync::atomic::AtomicBool::new(false));
    Ok(0)
}

/// A new project's one-sided anchors and terminology findings.
fn annotate_new(
    project: &mut Project,
    annotate: &dyn bitext_review::project::Annotate,
    args: &ReviewArgs,
) -> Result<()> {
    for row in &mut project.rows {
        refresh_anchors(row, annotate);
    }
    add_findings(project, &args.alignment.glossaries())
}

/// Open the page in the desktop's browser, if there is one (failure is fine: the
/// address is printed).
fn open_browser(url: &str) {
    for program in ["xdg-open", "open"] {
        if std::process::Command::new(program)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
}
