//! `bitext review`: align (or open a saved review, or a corpus) and serve the review
//! page on 127.0.0.1 until Ctrl+C.

use crate::align::{build_aligner, AlignmentArgs};
use crate::common::{read_arg, EncodingArgs};
use anyhow::{bail, Result};
use bitext_pipeline::Aligner;
use bitext_review::build::{
    add_findings, annotator, find_anchors, project_from_alignment, project_from_corpus,
    project_path_for,
};
use bitext_review::project::Project;
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
    Ok(project_from_alignment(&alignment, zh, en))
}

/// A corpus given alone: its project, or what to give instead.
fn project_of_corpus(input: &Path) -> Result<Project> {
    project_from_corpus(input).map_err(|e| match e {
        bitext_review::Error::Project { ref message, .. } if message.starts_with("one input") => {
            anyhow::anyhow!("{e}: bitext review ZH EN")
        }
        e => e.into(),
    })
}

pub fn run(args: ReviewArgs) -> Result<u8> {
    let aligner = Arc::new(build_aligner(args.alignment.options())?);
    let annotate = annotator(Arc::clone(&aligner));
    let glossary = || crate::check::load_glossaries(&args.alignment.glossaries());
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
                let mut project = project_of_corpus(&input)?;
                find_anchors(&mut project, &annotate);
                add_findings(&mut project, glossary()?);
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
                add_findings(&mut project, glossary()?);
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
