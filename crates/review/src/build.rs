//! New review projects: from an alignment (one row per link, its units kept apart) or
//! from a corpus file (one row per record, everything the record holds kept for the
//! export), with their one-sided anchors and per-row terminology findings.

use crate::project::{refresh_anchors, Annotate, Project, Row, EXTENSION};
use crate::Error;
use bitext_pipeline::Alignment;
use std::path::{Path, PathBuf};

/// The default project file of an input: `NAME.review.json` beside it, NAME the part
/// of its file name before the first dot.
pub fn project_path_for(input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "review".into());
    let stem = name.split('.').next().unwrap_or("review");
    input.with_file_name(format!("{stem}{EXTENSION}"))
}

/// A new project of an alignment: one row per link, the units of each side apart,
/// block and footnote references as the corpus record would say them. `zh_source`
/// and `en_source` name the documents.
pub fn project_from_alignment(alignment: &Alignment, zh_source: &str, en_source: &str) -> Project {
    let text = |side: &bitext_pipeline::units::Side, ids: &[usize]| {
        ids.iter()
            .map(|&i| side.body[i].clone())
            .collect::<Vec<_>>()
    };
    let rows = alignment
        .links
        .iter()
        .map(|link| {
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
    project.zh_source = Some(zh_source.to_string());
    project.en_source = Some(en_source.to_string());
    project.doc = alignment.metadata.symbol.clone();
    project.doc_date = alignment.metadata.date.clone();
    project
}

/// A new project of a corpus file (TMX, TSV, CSV, JSONL): one row per record, one
/// unit per side; a link of several units read as one text keeps its shape.
pub fn project_from_corpus(input: &Path) -> Result<Project, Error> {
    let name = input.display();
    let format = bitext_pipeline::corpus::corpus_format(input, None).map_err(|_| Error::Project {
        name: name.to_string(),
        message: "one input is a review project (NAME.review.json) or a corpus (.tmx, .tsv, .csv, .jsonl); to align and review two documents give both".into(),
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
        row.meta = r.meta;
        let units = [r.zh_ids.len(), r.en_ids.len()];
        if units != [row.zh.len(), row.en.len()] && units.iter().all(|&n| n > 0) {
            row.link_units = Some(units);
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(Error::Project {
            name: name.to_string(),
            message: "the corpus has no rows to review".into(),
        });
    }
    Ok(Project::new(rows))
}

/// A new project's anchors (from `annotate`, which finds them as the alignment's
/// segmenters do) and terminology findings against `glossary`. Only per-row checks:
/// the corpus-wide ones (inconsistency) belong to `bitext check`.
pub fn annotate_new(project: &mut Project, annotate: &dyn Annotate, glossary: bitext_qa::Glossary) {
    for row in &mut project.rows {
        refresh_anchors(row, annotate);
    }
    let checker = bitext_qa::Checker::new(glossary);
    let links: Vec<bitext_qa::LinkText> = project
        .rows
        .iter()
        .map(|r| bitext_qa::LinkText {
            score: Some(r.score),
            ..bitext_qa::LinkText::new(&r.en.join(" "), &r.zh.join(""))
        })
        .collect();
    use bitext_qa::Check;
    let corpus_wide = [
        Check::InconsistentTarget,
        Check::InconsistentSource,
        Check::TermVariants,
        Check::AnchorMismatch,
        Check::LengthOutlier,
    ];
    for f in checker.check(&links, &corpus_wide) {
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
}
