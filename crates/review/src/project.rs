//! The review project: an alignment as rows a reviewer edits, saved after every edit.
//!
//! A row is one link: the Chinese and the English units it pairs (one side empty for
//! a one-sided unit), its confidence, its paragraph, whether the reviewer confirmed it,
//! the anchors only one side has, and the terminology findings on it. Every edit
//! replaces a contiguous run of rows, so undo and redo keep only that run.
//!
//! ```
//! use bitext_review::project::{Op, Project, Row, Side};
//!
//! let rows = vec![
//!     Row::new(vec!["委员会开会。".into()], vec![], 0.9, None),
//!     Row::new(vec![], vec!["The Committee met.".into()], 0.9, None),
//! ];
//! let mut project = Project::new(rows);
//! let first = project.rows[0].id;
//! project.apply(Op::Merge { row: first }, project.version, &|_: &str, _: Side| Vec::new())?;
//! assert_eq!(project.rows.len(), 1);
//! assert_eq!(project.rows[0].en, ["The Committee met."]);
//! project.undo(project.version)?;
//! assert_eq!(project.rows.len(), 2);
//! # Ok::<(), bitext_review::Error>(())
//! ```

use crate::Error;
use serde::{Deserialize, Serialize};

/// The format tag of a project file.
pub const FORMAT: &str = "bitext-review/1";
/// How a review project's file name ends.
pub const EXTENSION: &str = ".review.json";

/// A path names a review project (by its [`EXTENSION`]).
pub fn is_project_path(path: &std::path::Path) -> bool {
    path.to_string_lossy().ends_with(EXTENSION)
}

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 200;

/// One side of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Zh,
    En,
}

/// One link of the alignment as the reviewer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Stable id (rows move and split; the page addresses them by id).
    pub id: u64,
    pub zh: Vec<String>,
    pub en: Vec<String>,
    /// The aligner's confidence (kept through edits: the lower of merged rows).
    pub score: f64,
    pub block: Option<String>,
    #[serde(default)]
    pub confirmed: bool,
    /// Changed by the reviewer (never re-aligned).
    #[serde(default)]
    pub edited: bool,
    /// Anchors (numbers, symbols, dates) found on one side only.
    #[serde(default)]
    pub zh_only: Vec<String>,
    #[serde(default)]
    pub en_only: Vec<String>,
    /// Terminology findings (`key-term: …`), when a glossary was given.
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(default)]
    pub footnote_refs: Vec<String>,
    /// What a reviewed corpus row carried beyond its text, written back on export:
    /// its document and date, exact language tags, and TMX segments with inline codes
    /// (kept while the row is not edited; an edit makes them stale, see
    /// `markup_dropped`). Flattened: the project file keeps one key per field.
    #[serde(flatten)]
    pub meta: bitext_formats::RecordMeta,
    /// How many units each side of a reviewed corpus row's link had (a `1-2` link
    /// read from a TMX holds one text per side): exported as read until the row is
    /// edited, after which its units are what counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_units: Option<[usize; 2]>,
    /// An edit changed a row whose TMX segments had inline codes: they are no longer
    /// exported (the page says so on the row).
    #[serde(default)]
    pub markup_dropped: bool,
}

impl Row {
    /// A row with id 0 (ids are given by [`Project::new`]).
    pub fn new(zh: Vec<String>, en: Vec<String>, score: f64, block: Option<String>) -> Self {
        Row {
            id: 0,
            zh,
            en,
            score,
            block,
            confirmed: false,
            edited: false,
            zh_only: Vec::new(),
            en_only: Vec::new(),
            findings: Vec::new(),
            footnote_refs: Vec::new(),
            meta: bitext_formats::RecordMeta::default(),
            link_units: None,
            markup_dropped: false,
        }
    }

    fn side(&mut self, side: Side) -> &mut Vec<String> {
        match side {
            Side::Zh => &mut self.zh,
            Side::En => &mut self.en,
        }
    }

    fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }

    /// A row that needs a reviewer's eye: low confidence, anchors on one side only,
    /// a one-sided unit, or a finding.
    pub fn suspicious(&self, low_score: f64) -> bool {
        !self.confirmed
            && (self.score < low_score
                || !self.zh_only.is_empty()
                || !self.en_only.is_empty()
                || self.zh.is_empty()
                || self.en.is_empty()
                || !self.findings.is_empty())
    }
}

/// What anchors a text has (the segmenters' keys, `num:40`), to find those on one
/// side only after an edit.
pub trait Annotate {
    fn anchors(&self, text: &str, side: Side) -> Vec<String>;
}

impl<F: Fn(&str, Side) -> Vec<String>> Annotate for F {
    fn anchors(&self, text: &str, side: Side) -> Vec<String> {
        self(text, side)
    }
}

/// One edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Confirm (or unconfirm) a row.
    Confirm { row: u64, confirmed: bool },
    /// Confirm every row scored at least `score`.
    ConfirmAbove { score: f64 },
    /// Link a row with the next one (both sides joined): pairs two one-sided rows,
    /// makes a 2:1 link of a row and a one-sided neighbour.
    Merge { row: u64 },
    /// Unlink a row into a Chinese-only and an English-only row.
    Unlink { row: u64 },
    /// Join unit `unit` of a side with the unit after it.
    MergeUnits { row: u64, side: Side, unit: usize },
    /// Split unit `unit` of a side at character `at`.
    SplitUnit {
        row: u64,
        side: Side,
        unit: usize,
        at: usize,
    },
    /// Move the boundary between unit `unit` and the next: the two are joined and
    /// split again at character `at` of the joined text.
    MoveBoundary {
        row: u64,
        side: Side,
        unit: usize,
        at: usize,
    },
    /// Move the first unit of a side to the end of the row above (`up`), or the last
    /// unit to the start of the row below.
    MoveUnit { row: u64, side: Side, up: bool },
    /// Replace a unit's text (a PDF typo).
    EditText {
        row: u64,
        side: Side,
        unit: usize,
        text: String,
    },
}

/// One applied edit: `before` rows replaced by `after` rows at `start`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub start: usize,
    pub before: Vec<Row>,
    pub after: Vec<Row>,
}

/// A review in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format: String,
    /// Increases with every edit; an edit made on an older version is refused.
    pub version: u64,
    pub zh_source: Option<String>,
    pub en_source: Option<String>,
    pub doc: Option<String>,
    pub doc_date: Option<String>,
    pub next_id: u64,
    pub rows: Vec<Row>,
    #[serde(default)]
    pub undo: Vec<Change>,
    #[serde(default)]
    pub redo: Vec<Change>,
}

impl Project {
    pub fn new(mut rows: Vec<Row>) -> Self {
        for (i, r) in rows.iter_mut().enumerate() {
            r.id = i as u64 + 1;
        }
        Project {
            format: FORMAT.to_string(),
            version: 1,
            zh_source: None,
            en_source: None,
            doc: None,
            doc_date: None,
            next_id: rows.len() as u64 + 1,
            rows,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Read a project file's JSON (`name` for messages).
    pub fn from_json(name: &str, json: &str) -> Result<Self, Error> {
        let p: Project = serde_json::from_str(json).map_err(|e| Error::Project {
            name: name.to_string(),
            message: format!("not a review project ({e})"),
        })?;
        if p.format != FORMAT {
            return Err(Error::Project {
                name: name.to_string(),
                message: format!(
                    "a review project of format {:?}, expected {FORMAT:?}",
                    p.format
                ),
            });
        }
        Ok(p)
    }

    /// Read a project file.
    pub fn open(path: &std::path::Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let json = std::fs::read_to_string(path).map_err(|e| Error::Project {
            name: name.clone(),
            message: format!("cannot read: {e}"),
        })?;
        Self::from_json(&name, &json)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a project serialises")
    }

    fn index(&self, id: u64) -> Result<usize, Error> {
        self.rows
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| Error::Edit(format!("row {id} does not exist (any more)")))
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id - 1
    }

    fn check_version(&self, version: u64) -> Result<(), Error> {
        if version != self.version {
            return Err(Error::Stale {
                yours: version,
                current: self.version,
            });
        }
        Ok(())
    }

    /// Apply `op` made on `version` (refused when the project has moved on since:
    /// another tab's edit is never silently overwritten).
    pub fn apply(&mut self, op: Op, version: u64, annotate: &dyn Annotate) -> Result<(), Error> {
        self.check_version(version)?;
        let change = self.change_for(op, annotate)?;
        self.commit(change);
        Ok(())
    }

    fn commit(&mut self, change: Change) {
        self.rows.splice(
            change.start..change.start + change.before.len(),
            change.after.iter().cloned(),
        );
        self.undo.push(change);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.version += 1;
    }

    /// Undo the last edit.
    pub fn undo(&mut self, version: u64) -> Result<(), Error> {
        self.step(version, true)
    }

    /// Redo the last undone edit.
    pub fn redo(&mut self, version: u64) -> Result<(), Error> {
        self.step(version, false)
    }

    /// Move the last change of one history to the other, applying it backwards
    /// (undo) or forwards (redo).
    fn step(&mut self, version: u64, back: bool) -> Result<(), Error> {
        self.check_version(version)?;
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let change = from.pop().ok_or_else(|| {
            Error::Edit(format!("nothing to {}", if back { "undo" } else { "redo" }))
        })?;
        let (now, then) = if back {
            (&change.after, &change.before)
        } else {
            (&change.before, &change.after)
        };
        self.rows
            .splice(change.start..change.start + now.len(), then.iter().cloned());
        to.push(change);
        self.version += 1;
        Ok(())
    }

    fn change_for(&mut self, op: Op, annotate: &dyn Annotate) -> Result<Change, Error> {
        match op {
            Op::Confirm { row, confirmed } => self.confirm(row, confirmed),
            Op::ConfirmAbove { score } => self.confirm_above(score),
            Op::Merge { row } => self.merge_with_next(row, annotate),
            Op::Unlink { row } => self.unlink(row, annotate),
            Op::MergeUnits { row, side, unit } => self.merge_units(row, side, unit, annotate),
            Op::SplitUnit {
                row,
                side,
                unit,
                at,
            } => self.split_unit(row, side, unit, at, annotate),
            Op::MoveBoundary {
                row,
                side,
                unit,
                at,
            } => self.move_boundary(row, side, unit, at, annotate),
            Op::MoveUnit { row, side, up } => self.move_unit(row, side, up, annotate),
            Op::EditText {
                row,
                side,
                unit,
                text,
            } => self.edit_text(row, side, unit, &text, annotate),
        }
    }

    fn confirm(&self, row: u64, confirmed: bool) -> Result<Change, Error> {
        let i = self.index(row)?;
        let mut r = self.rows[i].clone();
        r.confirmed = confirmed;
        Ok(self.replace(i, 1, vec![r]))
    }

    fn confirm_above(&self, score: f64) -> Result<Change, Error> {
        let hits: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].score >= score && !self.rows[i].confirmed)
            .collect();
        let (Some(&first), Some(&last)) = (hits.first(), hits.last()) else {
            return refused("no unconfirmed row has that score");
        };
        let after = self.rows[first..=last]
            .iter()
            .map(|r| {
                let mut r = r.clone();
                if r.score >= score {
                    r.confirmed = true;
                }
                r
            })
            .collect();
        Ok(self.replace(first, last - first + 1, after))
    }

    fn merge_with_next(&self, row: u64, annotate: &dyn Annotate) -> Result<Change, Error> {
        let i = self.index(row)?;
        if i + 1 >= self.rows.len() {
            return refused("the last row has no next row to link with");
        }
        let (a, b) = (&self.rows[i], &self.rows[i + 1]);
        let mut merged = a.clone();
        merged.zh.extend(b.zh.iter().cloned());
        merged.en.extend(b.en.iter().cloned());
        merged.score = a.score.min(b.score);
        merged.confirmed = false;
        merged.block = a.block.clone().or_else(|| b.block.clone());
        merged.findings.extend(b.findings.iter().cloned());
        merged.footnote_refs.extend(b.footnote_refs.iter().cloned());
        Ok(self.replace(i, 2, edited(vec![merged], annotate)))
    }

    fn unlink(&mut self, row: u64, annotate: &dyn Annotate) -> Result<Change, Error> {
        let i = self.index(row)?;
        let r = self.rows[i].clone();
        if r.zh.is_empty() || r.en.is_empty() {
            return refused("a one-sided row has nothing to unlink");
        }
        let mut zh = r.clone();
        zh.en.clear();
        zh.confirmed = false;
        let mut en = r;
        en.zh.clear();
        en.confirmed = false;
        en.id = self.fresh_id();
        Ok(self.replace(i, 1, edited(vec![zh, en], annotate)))
    }

    /// An edit of the units of one side of one row: `change` edits them (or refuses),
    /// the row is then marked edited and its anchors found again.
    fn edit_units(
        &self,
        row: u64,
        side: Side,
        annotate: &dyn Annotate,
        change: impl FnOnce(&mut Vec<String>) -> Result<(), Error>,
    ) -> Result<Change, Error> {
        let i = self.index(row)?;
        let mut r = self.rows[i].clone();
        change(r.side(side))?;
        Ok(self.replace(i, 1, edited(vec![r], annotate)))
    }

    fn merge_units(
        &self,
        row: u64,
        side: Side,
        unit: usize,
        annotate: &dyn Annotate,
    ) -> Result<Change, Error> {
        self.edit_units(row, side, annotate, |units| {
            if unit + 1 >= units.len() {
                return refused("no next unit on that side to merge with");
            }
            let next = units.remove(unit + 1);
            units[unit] = join(side, &units[unit], &next);
            Ok(())
        })
    }

    fn split_unit(
        &self,
        row: u64,
        side: Side,
        unit: usize,
        at: usize,
        annotate: &dyn Annotate,
    ) -> Result<Change, Error> {
        self.edit_units(row, side, annotate, |units| {
            let (head, tail) = split_at_char(unit_at(units, unit)?, at)
                .ok_or_else(|| Error::Edit("split inside the text, not at an end".into()))?;
            units[unit] = head;
            units.insert(unit + 1, tail);
            Ok(())
        })
    }

    fn move_boundary(
        &self,
        row: u64,
        side: Side,
        unit: usize,
        at: usize,
        annotate: &dyn Annotate,
    ) -> Result<Change, Error> {
        self.edit_units(row, side, annotate, |units| {
            let joined = join(side, unit_at(units, unit)?, unit_at(units, unit + 1)?);
            let (head, tail) = split_at_char(&joined, at)
                .ok_or_else(|| Error::Edit("the new boundary must fall inside the text".into()))?;
            units[unit] = head;
            units[unit + 1] = tail;
            Ok(())
        })
    }

    /// Move a row's first unit on `side` to the end of the row above (`up`), or its
    /// last unit to the start of the row below.
    fn move_unit(
        &self,
        row: u64,
        side: Side,
        up: bool,
        annotate: &dyn Annotate,
    ) -> Result<Change, Error> {
        let i = self.index(row)?;
        if up && i == 0 {
            return refused("the first row has no row above");
        }
        if !up && i + 1 >= self.rows.len() {
            return refused("the last row has no row below");
        }
        let lo = if up { i - 1 } else { i };
        let mut pair = vec![self.rows[lo].clone(), self.rows[lo + 1].clone()];
        let (src, dst) = if up { (1, 0) } else { (0, 1) };
        let units = pair[src].side(side);
        let moved = match (up, units.is_empty()) {
            (_, true) => return refused("no unit on that side to move"),
            (true, false) => units.remove(0),
            (false, false) => units.pop().expect("not empty"),
        };
        let target = pair[dst].side(side);
        if up {
            target.push(moved);
        } else {
            target.insert(0, moved);
        }
        for r in &mut pair {
            r.confirmed = false;
        }
        Ok(self.replace(lo, 2, edited(pair, annotate)))
    }

    fn edit_text(
        &self,
        row: u64,
        side: Side,
        unit: usize,
        text: &str,
        annotate: &dyn Annotate,
    ) -> Result<Change, Error> {
        self.edit_units(row, side, annotate, |units| {
            unit_at(units, unit)?;
            if text.trim().is_empty() {
                return refused("a unit cannot be emptied; merge or unlink it instead");
            }
            units[unit] = text.trim().to_string();
            Ok(())
        })
    }

    fn replace(&self, start: usize, len: usize, after: Vec<Row>) -> Change {
        Change {
            start,
            before: self.rows[start..start + len].to_vec(),
            after,
        }
    }

    /// Rows confirmed / all rows.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.rows.iter().filter(|r| r.confirmed).count(),
            self.rows.len(),
        )
    }

    /// The rows as corpus records (confirmed rows carry `confirmed`), optionally only
    /// the confirmed ones.
    pub fn records(&self, confirmed_only: bool) -> Vec<bitext_formats::Record> {
        let (mut zh_id, mut en_id) = (0, 0);
        let mut out = Vec::new();
        for r in &self.rows {
            let [zh_units, en_units] = r.link_units.unwrap_or([r.zh.len(), r.en.len()]);
            let zh_ids: Vec<usize> = (zh_id..zh_id + zh_units).collect();
            let en_ids: Vec<usize> = (en_id..en_id + en_units).collect();
            zh_id += zh_units;
            en_id += en_units;
            if confirmed_only && !r.confirmed {
                continue;
            }
            out.push(bitext_formats::Record {
                zh: r.zh.join(""),
                en: r.en.join(" "),
                score: r.score,
                block: r.block.clone(),
                meta: bitext_formats::RecordMeta {
                    doc: r.meta.doc.clone().or_else(|| self.doc.clone()),
                    doc_date: r.meta.doc_date.clone().or_else(|| self.doc_date.clone()),
                    ..r.meta.clone()
                },
                zh_ids,
                en_ids,
                footnote_refs: r.footnote_refs.clone(),
                confirmed: r.confirmed,
                ..Default::default()
            });
        }
        out
    }
}

/// An edit that cannot be applied, and why.
fn refused<T>(message: &str) -> Result<T, Error> {
    Err(Error::Edit(message.to_string()))
}

/// A unit of one side of a row.
fn unit_at(units: &[String], unit: usize) -> Result<&str, Error> {
    units
        .get(unit)
        .map(String::as_str)
        .ok_or_else(|| Error::Edit(format!("unit {unit} does not exist")))
}

/// Rows after an edit of their text or links: marked edited, their link shape and
/// TMX markup gone (the markup dropped is noted), anchors found again; empty rows
/// removed.
fn edited(mut rows: Vec<Row>, annotate: &dyn Annotate) -> Vec<Row> {
    for r in &mut rows {
        r.edited = true;
        r.link_units = None;
        if r.meta.zh_tmx.take().is_some() | r.meta.en_tmx.take().is_some() {
            r.markup_dropped = true;
        }
        refresh_anchors(r, annotate);
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// Two units of one side joined as text: Chinese without a space, English with one.
fn join(side: Side, a: &str, b: &str) -> String {
    match side {
        Side::Zh => format!("{a}{b}"),
        Side::En => format!("{} {}", a.trim_end(), b.trim_start()),
    }
}

/// Split at a character offset, both parts trimmed and non-empty.
fn split_at_char(text: &str, at: usize) -> Option<(String, String)> {
    let byte = text.char_indices().nth(at).map(|(b, _)| b)?;
    let (head, tail) = (text[..byte].trim(), text[byte..].trim());
    (!head.is_empty() && !tail.is_empty()).then(|| (head.to_string(), tail.to_string()))
}

/// Recompute which anchors are on one side only, finding the anchors of the row's
/// units with `annotate` (after an edit, or for a corpus no segmenter has seen).
pub fn refresh_anchors(row: &mut Row, annotate: &dyn Annotate) {
    let keys = |units: &[String], side: Side| -> Vec<String> {
        units
            .iter()
            .flat_map(|u| annotate.anchors(u, side))
            .collect()
    };
    let (zh, en) = (keys(&row.zh, Side::Zh), keys(&row.en, Side::En));
    set_one_sided_anchors(row, zh, en);
}

/// Set which of the anchor keys of the row's two sides (`num:40`, as the segment
/// stage found them) are on one side only.
pub fn set_one_sided_anchors(
    row: &mut Row,
    zh: impl IntoIterator<Item = String>,
    en: impl IntoIterator<Item = String>,
) {
    let (zh, en) = (compared_keys(zh), compared_keys(en));
    if row.zh.is_empty() || row.en.is_empty() {
        // A one-sided row is flagged as such; its anchors are not a mismatch.
        row.zh_only.clear();
        row.en_only.clear();
        return;
    }
    // Compared by their numbers: the two languages may type one anchor differently
    // (`num:30` in a Chinese line, `date:06-30` in the English), but a number that
    // only one side has is what a reviewer must see.
    let numbers =
        |keys: &std::collections::BTreeSet<String>| -> std::collections::BTreeSet<String> {
            keys.iter().flat_map(|k| digit_runs(k)).collect()
        };
    let (zh_numbers, en_numbers) = (numbers(&zh), numbers(&en));
    let only = |keys: &std::collections::BTreeSet<String>,
                other_keys: &std::collections::BTreeSet<String>,
                other: &std::collections::BTreeSet<String>| {
        keys.iter()
            .filter(|k| {
                let runs = digit_runs(k);
                if runs.is_empty() {
                    !other_keys.contains(*k)
                } else {
                    runs.iter().any(|r| !other.contains(r))
                }
            })
            .cloned()
            .collect()
    };
    row.zh_only = only(&zh, &en, &en_numbers);
    row.en_only = only(&en, &zh, &zh_numbers);
}

/// The anchor keys a reviewer compares: not those of a kind a right translation may
/// lack ([`Anchor::key_may_be_one_sided`](bitext_core::Anchor::key_may_be_one_sided),
/// as `bitext check` decides).
fn compared_keys(keys: impl IntoIterator<Item = String>) -> std::collections::BTreeSet<String> {
    keys.into_iter()
        .filter(|k| !bitext_core::Anchor::key_may_be_one_sided(k))
        .collect()
}

/// The numbers in an anchor key, without leading zeros; a date's month is a word in
/// the text (`June`, `6月`), not a number to compare (`date:06-30` → 30).
fn digit_runs(key: &str) -> Vec<String> {
    let mut runs: Vec<String> = key
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .map(|r| {
            let t = r.trim_start_matches('0');
            if t.is_empty() { "0" } else { t }.to_string()
        })
        .collect();
    if key.starts_with("date:") && runs.len() >= 2 {
        runs.remove(runs.len() - 2);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str, _: Side) -> Vec<String> {
        Vec::new()
    }

    fn project() -> Project {
        Project::new(vec![
            Row::new(
                vec!["甲。".into(), "乙。".into()],
                vec!["A. B.".into()],
                0.95,
                Some("1".into()),
            ),
            Row::new(vec!["丙。".into()], vec![], 0.5, Some("2".into())),
            Row::new(vec![], vec!["C.".into()], 0.5, Some("2".into())),
        ])
    }

    #[test]
    fn edits_undo_and_redo() {
        let mut p = project();
        let ids: Vec<u64> = p.rows.iter().map(|r| r.id).collect();
        // Link the two one-sided rows.
        p.apply(Op::Merge { row: ids[1] }, 1, &none).unwrap();
        assert_eq!(
            (p.rows.len(), p.rows[1].zh.clone(), p.rows[1].en.clone()),
            (2, vec!["丙。".to_string()], vec!["C.".to_string()])
        );
        // Split the English unit of row 1, then merge the Chinese units.
        p.apply(
            Op::SplitUnit {
                row: ids[0],
                side: Side::En,
                unit: 0,
                at: 3,
            },
            2,
            &none,
        )
        .unwrap();
        assert_eq!(p.rows[0].en, ["A.", "B."]);
        p.apply(
            Op::MergeUnits {
                row: ids[0],
                side: Side::Zh,
                unit: 0,
            },
            3,
            &none,
        )
        .unwrap();
        assert_eq!(p.rows[0].zh, ["甲。乙。"]);
        p.apply(
            Op::MoveBoundary {
                row: ids[0],
                side: Side::En,
                unit: 0,
                at: 1,
            },
            4,
            &none,
        )
        .unwrap();
        assert_eq!(p.rows[0].en, ["A", ". B."]);
        p.apply(
            Op::EditText {
                row: ids[0],
                side: Side::En,
                unit: 1,
                text: "B.".into(),
            },
            5,
            &none,
        )
        .unwrap();
        p.apply(
            Op::Confirm {
                row: ids[0],
                confirmed: true,
            },
            6,
            &none,
        )
        .unwrap();
        assert_eq!(p.progress(), (1, 2));
        // A stale edit is refused, not applied.
        let e = p.apply(Op::Unlink { row: ids[0] }, 3, &none).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Stale {
                    yours: 3,
                    current: 7
                }
            ),
            "{e}"
        );
        p.apply(Op::Unlink { row: ids[1] }, 7, &none).unwrap();
        assert_eq!(p.rows.len(), 3);
        for v in 8..15 {
            p.undo(v).unwrap();
        }
        assert_eq!(p.rows, project().rows);
        p.redo(15).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert!(p.undo(16).is_ok() && p.undo(17).is_err());
    }

    #[test]
    fn units_move_between_rows_and_empty_rows_go() {
        let mut p = project();
        let ids: Vec<u64> = p.rows.iter().map(|r| r.id).collect();
        p.apply(
            Op::MoveUnit {
                row: ids[2],
                side: Side::En,
                up: true,
            },
            1,
            &none,
        )
        .unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1].en, ["C."]);
        p.apply(Op::ConfirmAbove { score: 0.9 }, 2, &none).unwrap();
        assert!(p.rows[0].confirmed && !p.rows[1].confirmed);
        let records = p.records(true);
        assert_eq!(records.len(), 1);
        assert!(records[0].confirmed);
        assert_eq!(
            (records[0].zh.as_str(), records[0].en.as_str()),
            ("甲。乙。", "A. B.")
        );
    }

    #[test]
    fn one_sided_anchors_are_found_after_an_edit() {
        let mut p = project();
        let digits = |t: &str, _: Side| -> Vec<String> {
            t.split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
                .map(|d| format!("num:{d}"))
                .collect()
        };
        let id = p.rows[0].id;
        p.apply(
            Op::EditText {
                row: id,
                side: Side::En,
                unit: 0,
                text: "A 40. B.".into(),
            },
            1,
            &digits,
        )
        .unwrap();
        assert_eq!(p.rows[0].en_only, ["num:40"]);
        assert!(p.rows[0].suspicious(0.5));
        // One number typed differently by the two sides is not a mismatch.
        let typed = |t: &str, side: Side| -> Vec<String> {
            match (t.contains("30"), side) {
                (true, Side::Zh) => vec!["num:30".into()],
                (true, Side::En) => vec!["date:06-30".into()],
                _ => vec![],
            }
        };
        let mut r = Row::new(vec!["30日".into()], vec!["30 June".into()], 1.0, None);
        refresh_anchors(&mut r, &typed);
        assert!(r.zh_only.is_empty() && r.en_only.is_empty(), "{r:?}");
    }
}
