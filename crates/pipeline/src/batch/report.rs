//! The per-document report of a batch, as CSV (one row per document, then one per
//! unmatched file) or JSON (`{"documents": […], "unmatched": […]}`), and reading an
//! earlier one back (a resumed batch keeps the rows of the documents it skips).

use crate::error::{Error, Result};
use crate::output::{write_atomically, Target};
use crate::pairing::Unmatched;
use std::collections::BTreeMap;
use std::path::Path;

/// What became of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DocStatus {
    /// Aligned; its links are in the output.
    #[default]
    #[serde(rename = "ok")]
    Ok,
    /// Not aligned: the report's `error` says why.
    #[serde(rename = "failed")]
    Failed,
    /// Aligned, but the texts look unrelated: left out of the output.
    #[serde(rename = "unrelated")]
    Unrelated,
    /// Not aligned, or not written, because the batch was cancelled.
    #[serde(rename = "interrupted")]
    Interrupted,
    /// Its output file existed (a resumed batch) and no earlier report had its row.
    #[serde(rename = "skipped (output exists)")]
    Skipped,
}

impl DocStatus {
    /// The status as the report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocStatus::Ok => "ok",
            DocStatus::Failed => "failed",
            DocStatus::Unrelated => "unrelated",
            DocStatus::Interrupted => "interrupted",
            DocStatus::Skipped => "skipped (output exists)",
        }
    }

    fn from_report(text: &str) -> Option<Self> {
        [
            DocStatus::Ok,
            DocStatus::Failed,
            DocStatus::Unrelated,
            DocStatus::Interrupted,
            DocStatus::Skipped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

impl std::fmt::Display for DocStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One document's outcome, as in the report.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DocReport {
    pub id: String,
    pub status: DocStatus,
    /// Why it failed, was left out, or was not aligned.
    pub error: Option<String>,
    pub zh_units: usize,
    pub en_units: usize,
    /// Paired links by type (`1-1`, `2-1` …).
    pub links: BTreeMap<String, usize>,
    pub unpaired_zh: usize,
    pub unpaired_en: usize,
    /// Mean link confidence, to three decimals.
    pub mean_confidence: f64,
    /// Share of anchors that agree across the links, to three decimals.
    pub anchor_agreement: f64,
    /// Bytes of text read (both sides).
    pub bytes: u64,
    pub warnings: Vec<String>,
}

impl DocReport {
    /// Count the units and links of an alignment.
    pub(crate) fn count(&mut self, aligned: &crate::Alignment) {
        self.zh_units = aligned.zh.units.len();
        self.en_units = aligned.en.units.len();
        for l in &aligned.links {
            match (l.zh.len(), l.en.len()) {
                (z, 0) => self.unpaired_zh += z,
                (0, e) => self.unpaired_en += e,
                _ => *self.links.entry(l.link_type()).or_default() += 1,
            }
        }
        let (mean, agreement) = aligned.agreement();
        self.mean_confidence = (mean * 1000.0).round() / 1000.0;
        self.anchor_agreement = (agreement * 1000.0).round() / 1000.0;
    }
}

/// Columns of the CSV report.
const HEADER: [&str; 15] = [
    "id",
    "status",
    "error",
    "zh_units",
    "en_units",
    "links_1-1",
    "links_1-2",
    "links_2-1",
    "links_2-2",
    "links_other",
    "unpaired_zh",
    "unpaired_en",
    "mean_confidence",
    "anchor_agreement",
    "warnings",
];

/// The link types with a column of their own; the others are summed in `links_other`.
const LINK_COLUMNS: [&str; 4] = ["1-1", "1-2", "2-1", "2-2"];

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The document rows of an earlier report (CSV or JSON, by extension), by id.
pub fn read_report(path: &Path) -> Result<BTreeMap<String, DocReport>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
        name: name.clone(),
        reason: format!("cannot read the earlier report: {e}"),
    })?;
    let not_a_report = |e: &dyn std::fmt::Display| {
        Error::invalid(&name, format!("not a bitext batch report: {e}"))
    };
    let reports: Vec<DocReport> = if is_json(path) {
        #[derive(serde::Deserialize)]
        struct Report {
            documents: Vec<DocReport>,
        }
        serde_json::from_str::<Report>(&text)
            .map_err(|e| not_a_report(&e))?
            .documents
    } else {
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let mut out = Vec::new();
        for row in rows.records() {
            let row = row.map_err(|e| not_a_report(&e))?;
            if let Some(report) = csv_row(&row) {
                out.push(report);
            }
        }
        out
    };
    Ok(reports.into_iter().map(|r| (r.id.clone(), r)).collect())
}

/// A document row of a CSV report (`None` for an unmatched file's row).
fn csv_row(row: &csv::StringRecord) -> Option<DocReport> {
    let get = |k: usize| row.get(k).unwrap_or("").to_string();
    let num = |k: usize| get(k).parse::<usize>().unwrap_or(0);
    let status = DocStatus::from_report(&get(1))?;
    let mut links = BTreeMap::new();
    for (k, key) in (5..).zip(LINK_COLUMNS.iter().chain(&["other"])) {
        if num(k) > 0 {
            links.insert(key.to_string(), num(k));
        }
    }
    Some(DocReport {
        id: get(0),
        status,
        error: Some(get(2)).filter(|e| !e.is_empty()),
        zh_units: num(3),
        en_units: num(4),
        links,
        unpaired_zh: num(10),
        unpaired_en: num(11),
        mean_confidence: get(12).parse().unwrap_or(0.0),
        anchor_agreement: get(13).parse().unwrap_or(0.0),
        bytes: 0,
        warnings: get(14)
            .split("; ")
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

/// Write the report (CSV or JSON, by extension) atomically: every document's row,
/// then a row per file left without a counterpart (its file as id, its reason as
/// error).
pub fn write_report(path: &Path, reports: &[DocReport], unmatched: &[Unmatched]) -> Result<()> {
    let target = Target::File(path.to_path_buf());
    let failed = |e: &dyn std::fmt::Display| Error::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    write_atomically::<Error, _>(&target, |out| {
        if is_json(path) {
            let unmatched: Vec<_> = unmatched
                .iter()
                .map(|u| serde_json::json!({"file": u.file.display().to_string(), "reason": u.reason}))
                .collect();
            let v = serde_json::json!({ "documents": reports, "unmatched": unmatched });
            serde_json::to_writer_pretty(&mut *out, &v).map_err(|e| failed(&e))?;
            out.write_all(b"\n")?;
            return Ok(());
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(HEADER).map_err(|e| failed(&e))?;
        for r in reports {
            w.write_record(csv_fields(r)).map_err(|e| failed(&e))?;
        }
        for u in unmatched {
            let file = u.file.display().to_string();
            let mut row = vec![file.as_str(), "unmatched", u.reason.as_str()];
            row.resize(HEADER.len(), "");
            w.write_record(row).map_err(|e| failed(&e))?;
        }
        w.flush()?;
        Ok(())
    })
}

/// A document's CSV row.
fn csv_fields(r: &DocReport) -> [String; 15] {
    let get = |k: &str| r.links.get(k).copied().unwrap_or(0);
    let other: usize = r
        .links
        .iter()
        .filter(|(k, _)| !LINK_COLUMNS.contains(&k.as_str()))
        .map(|(_, v)| v)
        .sum();
    [
        r.id.clone(),
        r.status.to_string(),
        r.error.clone().unwrap_or_default(),
        r.zh_units.to_string(),
        r.en_units.to_string(),
        get("1-1").to_string(),
        get("1-2").to_string(),
        get("2-1").to_string(),
        get("2-2").to_string(),
        other.to_string(),
        r.unpaired_zh.to_string(),
        r.unpaired_en.to_string(),
        format!("{:.3}", r.mean_confidence),
        format!("{:.3}", r.anchor_agreement),
        r.warnings.join("; "),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<DocReport> {
        let mut ok = DocReport {
            id: "A/78/6".into(),
            zh_units: 3,
            en_units: 4,
            unpaired_en: 1,
            mean_confidence: 0.987,
            anchor_agreement: 1.0,
            warnings: vec!["a: read as gbk".into(), "b".into()],
            ..DocReport::default()
        };
        ok.links.insert("1-1".into(), 2);
        ok.links.insert("3-1".into(), 1);
        let failed = DocReport {
            id: "B".into(),
            status: DocStatus::Failed,
            error: Some("b.zh.txt: the file is empty".into()),
            ..DocReport::default()
        };
        vec![ok, failed]
    }

    #[test]
    fn reports_read_back_as_written_in_both_formats() {
        let dir = tempfile::tempdir().unwrap();
        let unmatched = [Unmatched {
            file: "zh/extra.txt".into(),
            reason: "no English file".into(),
        }];
        for name in ["report.csv", "report.json"] {
            let path = dir.path().join(name);
            write_report(&path, &sample(), &unmatched).unwrap();
            let back = read_report(&path).unwrap();
            assert_eq!(back.len(), 2, "{name}: the unmatched row is not a document");
            let ok = &back["A/78/6"];
            assert_eq!(ok.status, DocStatus::Ok);
            assert_eq!(ok.links.get("1-1"), Some(&2));
            // CSV sums the rarer link types; JSON keeps them.
            let rare = if name.ends_with("csv") {
                "other"
            } else {
                "3-1"
            };
            assert_eq!(ok.links.get(rare), Some(&1), "{name}");
            assert_eq!(ok.warnings, ["a: read as gbk", "b"]);
            assert_eq!(ok.mean_confidence, 0.987);
            assert_eq!(back["B"].status, DocStatus::Failed);
            assert_eq!(
                back["B"].error.as_deref(),
                Some("b.zh.txt: the file is empty")
            );
        }
    }

    #[test]
    fn a_file_that_is_no_report_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "[1, 2]").unwrap();
        let err = read_report(&path).unwrap_err().to_string();
        assert!(
            err.contains("report.json") && err.contains("not a bitext batch report"),
            "{err}"
        );
    }
}
