//! New review projects: from an alignment (one row per link, its units kept apart) or
//! from a corpus file (one row per record, everything the record holds kept for the
//! export), with their one-sided anchors and per-row terminology findings.

use crate::project::{
    refresh_anchors, set_one_sided_anchors, Annotate, Project, Row, Side, EXTENSION,
};
use crate::Error;
use bitext_core::Anchor;
use bitext_pipeline::{Aligner, Alignment, Lang};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// What finds the anchors of a text a reviewer edited: the segmenters of `aligner`,
/// the ones the alignment used.
pub fn annotator(
    aligner: Arc<Aligner>,
) -> impl Fn(&str, Side) -> Vec<String> + Send + Sync + 'static {
    move |text: &str, side: Side| {
        let lang = match side {
            Side::Zh => Lang::Zh,
            Side::En => Lang::En,
        };
        Anchor::keys(&aligner.segmenter(lang).anchors(text))
    }
}

/// A new project of an alignment: one row per link, the units of each side apart,
/// block and footnote references as the corpus record would say them, the anchors on
/// one side only as the segment stage found them in the units. `zh_source` and
/// `en_source` name the documents.
pub fn project_from_alignment(alignment: &Alignment, zh_source: &str, en_source: &str) -> Project {
    let keys = |side: &bitext_pipeline::Side, ids: &[usize]| {
        Anchor::keys(ids.iter().flat_map(|&i| side.body_anchors(i)))
    };
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
            set_one_sided_anchors(
                &mut row,
                keys(&alignment.zh, &link.zh),
                keys(&alignment.en, &link.en),
            );
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

/// A corpus project's anchors on one side only, found by `annotate` in the text of
/// its rows (no segmenter has seen a corpus).
pub fn find_anchors(project: &mut Project, annotate: &dyn Annotate) {
    for row in &mut project.rows {
        refresh_anchors(row, annotate);
    }
}

/// A new project's terminology findings against `glossary`. Only per-row checks: the
/// corpus-wide ones (inconsistency) belong to `bitext check`.
pub fn add_findings(project: &mut Project, glossary: bitext_qa::Glossary) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_reads_one_sided_anchors_from_the_units() {
        let aligner = Aligner::builder().build().unwrap();
        let zh = "12. 2023年预算增加了5%。各代表团表示欢迎。\n";
        let en = "12. In 2023 the budget grew by 6 per cent. Delegations welcomed it.\n";
        let alignment = aligner.align_unchecked(zh, en);
        let project = project_from_alignment(&alignment, "zh.txt", "en.txt");
        let first = &project.rows[0];
        assert!(first.zh_only.iter().any(|k| k.contains('5')), "{first:?}");
        assert!(first.en_only.iter().any(|k| k.contains('6')), "{first:?}");
        // The paragraph number went to the block; the year is on both sides.
        let flagged = first.zh_only.iter().chain(&first.en_only);
        assert!(
            !flagged
                .clone()
                .any(|k| k.contains("12") || k.contains("2023")),
            "{first:?}"
        );
        // What the segmenters find in the rows' text, as after an edit, is the same.
        let mut refound = first.clone();
        refresh_anchors(&mut refound, &annotator(Arc::new(aligner)));
        assert_eq!(
            (&refound.zh_only, &refound.en_only),
            (&first.zh_only, &first.en_only)
        );
    }

    /// A romanised name is matched in the other side's text, not among its anchors, and
    /// a translator may drop quotation marks or turn a question into a statement: none
    /// of them is a one-sided anchor for the reviewer.
    #[test]
    fn names_quotations_and_moods_are_not_flagged_one_sided() {
        let aligner = Aligner::builder().build().unwrap();
        let zh = "陈清扬先生访问了云南，说这很好。\n";
        let en = "'Is it not fine?' asked Mr. Chen Qingyang on his visit to Yunnan.\n";
        let alignment = aligner.align_unchecked(zh, en);
        let project = project_from_alignment(&alignment, "zh.txt", "en.txt");
        let row = &project.rows[0];
        assert!(!row.zh.is_empty() && !row.en.is_empty(), "{row:?}");
        assert!(row.zh_only.is_empty() && row.en_only.is_empty(), "{row:?}");
        let mut refound = row.clone();
        refresh_anchors(&mut refound, &annotator(Arc::new(aligner)));
        assert!(
            refound.zh_only.is_empty() && refound.en_only.is_empty(),
            "{refound:?}"
        );
    }
}
