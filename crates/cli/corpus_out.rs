//! Writing a corpus to its targets (one file, standard output, or a PREFIX.en +
//! PREFIX.zh pair), atomically, and reading corpora in any format.

use crate::output::{self, Target};
use anyhow::{Context, Result};
use bitext_formats::{
    read_line_aligned, read_records, CorpusWriter, Error, Format, Record, Stats, WriterOptions,
};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct CorpusOutput {
    format: Format,
    targets: Vec<Target>,
    gzip: bool,
}

fn with_suffix(prefix: &Path, ext: &str) -> PathBuf {
    let mut p = prefix.to_path_buf().into_os_string();
    p.push(format!(".{ext}"));
    PathBuf::from(p)
}

impl CorpusOutput {
    /// `-f` wins; else the extension of `-o`; else TSV.
    pub fn new(format: Option<Format>, output: Option<&Path>) -> Result<Self> {
        let format = format
            .or_else(|| output.and_then(Format::from_path))
            .unwrap_or(Format::Tsv);
        let targets = if format == Format::Moses {
            let prefix =
                output.context("-f moses needs -o PREFIX (it writes PREFIX.en and PREFIX.zh)")?;
            vec![
                Target::File(with_suffix(prefix, "en")),
                Target::File(with_suffix(prefix, "zh")),
            ]
        } else {
            vec![Target::from_arg(output)]
        };
        let gzip = matches!(&targets[0], Target::File(p) if p.to_string_lossy().to_lowercase().ends_with(".gz"));
        Ok(CorpusOutput {
            format,
            targets,
            gzip,
        })
    }

    /// Before any work: the outputs can be created and overwrite no input.
    pub fn check(&self, inputs: &[&str]) -> Result<()> {
        self.targets
            .iter()
            .try_for_each(|t| t.check_writable(inputs))
    }

    /// Stream the records out; warn about what the writer had to change.
    pub fn write(
        &self,
        options: &WriterOptions,
        records: impl Iterator<Item = Result<Record>>,
    ) -> Result<Stats> {
        let mut stats = Stats::default();
        if self.format == Format::Moses {
            output::write_pair_atomically(&self.targets[0], &self.targets[1], |en, zh| {
                let mut w = CorpusWriter::moses(en, zh, options.clone());
                for r in records {
                    w.write(&r?)?;
                }
                stats = w.finish()?;
                Ok(())
            })?;
        } else {
            output::write_atomically(&self.targets[0], |out| {
                let mut gz_out;
                let sink: &mut dyn Write = if self.gzip {
                    gz_out = flate2::write::GzEncoder::new(out, flate2::Compression::default());
                    &mut gz_out
                } else {
                    out
                };
                let mut w = CorpusWriter::new(sink, self.format, options.clone())?;
                for r in records {
                    w.write(&r?)?;
                }
                stats = w.finish()?;
                Ok(())
            })?;
        }
        if stats.removed_control > 0 {
            eprintln!(
                "bitext: warning: removed {} control character(s) that XML 1.0 forbids (CAT tools reject a TMX with any)",
                stats.removed_control
            );
        }
        if stats.replaced_breaks > 0 {
            eprintln!(
                "bitext: warning: replaced {} tab(s)/line break(s) inside text by spaces",
                stats.replaced_breaks
            );
        }
        Ok(stats)
    }
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    if path.to_string_lossy().to_lowercase().ends_with(".gz") {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        ))))
    } else {
        Ok(Box::new(BufReader::new(file)))
    }
}

/// Records of a corpus file (or of PREFIX.en + PREFIX.zh for `moses`).
pub fn read_corpus(
    path: &Path,
    format: Format,
) -> Result<Box<dyn Iterator<Item = Result<Record>>>> {
    let name = path.display().to_string();
    let map = move |r: Result<Record, Error>| r.map_err(anyhow::Error::from);
    if format == Format::Moses {
        let en = open(&with_suffix(path, "en"))?;
        let zh = open(&with_suffix(path, "zh"))?;
        return Ok(Box::new(read_line_aligned(en, zh).map(map)));
    }
    let records =
        read_records(open(path)?, format, &name).with_context(|| format!("{name}: cannot read"))?;
    Ok(Box::new(records.map(map)))
}
