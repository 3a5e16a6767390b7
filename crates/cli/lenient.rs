//! `--lenient`: bad corpus rows skipped and counted instead of stopping the run.

use crate::common::message;
use anyhow::Result;

/// Strict reading by default: the first bad row stops the run. With `--lenient`, bad
/// rows (errors that name a line) are skipped and counted.
#[derive(Debug)]
pub struct Skipped {
    lenient: bool,
    count: usize,
    first: Option<String>,
}

impl Skipped {
    pub fn new(lenient: bool) -> Self {
        Skipped {
            lenient,
            count: 0,
            first: None,
        }
    }

    /// The record, `None` for a skipped row, or the error that stops the run.
    pub fn filter(
        &mut self,
        record: bitext_pipeline::Result<bitext_pipeline::Record>,
    ) -> Result<Option<bitext_pipeline::Record>> {
        self.filter_any(record.map_err(anyhow::Error::from))
    }

    pub fn filter_any(
        &mut self,
        record: Result<bitext_pipeline::Record>,
    ) -> Result<Option<bitext_pipeline::Record>> {
        match record {
            Ok(r) => Ok(Some(r)),
            Err(e) if self.lenient && is_row_error(&e) => {
                self.count += 1;
                self.first.get_or_insert_with(|| message(&e));
                Ok(None)
            }
            Err(e) if is_row_error(&e) => {
                Err(e.context("stopped at the first bad row (--lenient skips bad rows)"))
            }
            Err(e) => Err(e),
        }
    }

    pub fn report(&self, name: &str) {
        if let Some(first) = &self.first {
            say!(
                "bitext: warning: {name}: skipped {} bad row(s) (--lenient); the first: {first}",
                self.count
            );
        }
    }
}

/// An error about one row (it names a line), after which reading can go on.
fn is_row_error(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<bitext_formats::Error>(),
            Some(bitext_formats::Error::Parse { line, .. }) if *line > 0
        ) || matches!(
            c.downcast_ref::<bitext_pipeline::Error>(),
            Some(bitext_pipeline::Error::Corpus {
                source: bitext_formats::Error::Parse { line, .. },
                ..
            }) if *line > 0
        )
    })
}
