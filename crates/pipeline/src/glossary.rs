//! Term pairs as alignment evidence: the built-in lists, user glossaries (TSV, CSV or
//! TBX, read as `bitext check` reads them) and lexicons trained with `bitext lexicon
//! train`.

use crate::error::{Error, Result};
use bitext_align::Glossary;
use bitext_core::Segmenter;
use std::path::Path;

/// The glossary shipped with bitext (`crates/pipeline/data/glossary/un-core.tsv`): core UN terms,
/// also the starter glossary of `bitext check`.
pub const BUILTIN_GLOSSARY: &str = include_str!("../data/glossary/un-core.tsv");
/// Common words of UN prose with their usual rendering: alignment evidence only, too
/// variable to check terminology against.
pub const BUILTIN_COMMON_WORDS: &str = include_str!("../data/glossary/un-common-words.tsv");
/// The general lexicon shipped with bitext (`crates/pipeline/data/lexicon/unpc-dev.tsv`): token
/// associations `bitext lexicon train` learned from the UN Parallel Corpus v1.0
/// development set (4,000 sentence pairs of 2015 UN documents; Ziemski,
/// Junczys-Dowmunt and Pouliquen, LREC 2016) by `scripts/train_general_lexicon.sh`.
/// It knows the everyday words of UN prose (`卫星`/`satellite`) that a single input is
/// too short to teach the aligner.
pub const BUILTIN_LEXICON: &str = include_str!("../data/lexicon/unpc-dev.tsv");
/// The built-in general dictionary: CC-CEDICT's simplified headwords and their English
/// senses, tokenised (`zh token<TAB>en stem …`, sorted: a
/// [`bitext_align::SortedLexicon`]), derived by `scripts/build_cedict_glossary.py`
/// (CC BY-SA 4.0, see `crates/pipeline/data/lexicon/README.md`). Evidence for translations outside
/// the UN's vocabulary: literature, everyday words.
pub const BUILTIN_DICTIONARY: &str = include_str!("../data/lexicon/cedict.tsv");

/// The term pairs of a glossary as alignment evidence: every English term of an
/// entry with every approved Chinese rendering, tokenised. The glossary is read by
/// `bitext-qa` (TSV, CSV, TBX), the reader `bitext check` uses: one reader for both.
pub fn glossary_pairs(
    zh: &dyn Segmenter,
    en: &dyn Segmenter,
    terms: &bitext_qa::Glossary,
) -> Glossary {
    let mut g = Glossary::default();
    for entry in &terms.entries {
        for term in &entry.en {
            let en_tokens = en.lexical_tokens(term);
            for rendering in &entry.approved {
                g.pairs
                    .push((zh.lexical_tokens(rendering), en_tokens.clone()));
            }
        }
    }
    g
}

/// The term pairs of a TSV glossary text (header naming `en` and `zh`; `|` separates
/// variants), such as the built-in lists.
pub fn glossary_from_tsv(
    zh: &dyn Segmenter,
    en: &dyn Segmenter,
    text: &str,
    name: &str,
) -> Result<Glossary> {
    let terms = bitext_qa::Glossary::from_table(text, b'\t', name).map_err(glossary_error)?;
    Ok(glossary_pairs(zh, en, &terms))
}

/// The term pairs of a glossary file: TBX (or `.xml`), CSV, or TSV by its name.
pub fn glossary_from_file(zh: &dyn Segmenter, en: &dyn Segmenter, path: &Path) -> Result<Glossary> {
    let terms = bitext_qa::Glossary::load(std::slice::from_ref(&path.to_path_buf()), "")
        .map_err(glossary_error)?;
    Ok(glossary_pairs(zh, en, &terms))
}

fn glossary_error(e: bitext_qa::Error) -> Error {
    let bitext_qa::Error::Glossary {
        name,
        line,
        message,
    } = e;
    if line > 0 {
        Error::line(name, line, message)
    } else {
        Error::invalid(name, message)
    }
}

/// Write a lexicon (from [`crate::Aligner::train_lexicon`]) as `bitext lexicon train`
/// does and [`lexicon_from_tsv`] reads it: `zh<TAB>en<TAB>weight`, weights to 3 places.
pub fn write_lexicon(
    out: &mut dyn std::io::Write,
    lexicon: &[(String, String, f32)],
) -> std::io::Result<()> {
    writeln!(out, "zh\ten\tweight")?;
    for (z, e, w) in lexicon {
        writeln!(out, "{z}\t{e}\t{w:.3}")?;
    }
    Ok(())
}

/// Read a lexicon written by `bitext lexicon train`: `zh<TAB>en<TAB>weight`.
pub fn lexicon_from_tsv(text: &str, name: &str) -> Result<Glossary> {
    let mut g = Glossary::default();
    read_lexicon(text, name, |z, e, w| {
        g.associations
            .push((z.to_string().into(), e.to_string().into(), w))
    })?;
    Ok(g)
}

/// [`lexicon_from_tsv`] of text compiled into the program (the built-in lexicon): the
/// associations borrow it instead of copying every line.
pub fn static_lexicon_from_tsv(text: &'static str, name: &str) -> Result<Glossary> {
    let mut g = Glossary::default();
    read_lexicon(text, name, |z, e, w| {
        g.associations.push((z.into(), e.into(), w))
    })?;
    Ok(g)
}

/// Each `zh<TAB>en<TAB>weight` line of a lexicon (an optional `zh` header line and
/// blank lines skipped).
fn read_lexicon<'t>(
    text: &'t str,
    name: &str,
    mut add: impl FnMut(&'t str, &'t str, f32),
) -> Result<()> {
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.starts_with("zh\t") || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (z, e) = (fields.next(), fields.next());
        let w = fields.next().and_then(|w| w.trim().parse::<f32>().ok());
        match (z, e, w) {
            (Some(z), Some(e), Some(w)) => add(z, e, w),
            _ => return Err(Error::line(name, n + 1, "expected zh<TAB>en<TAB>weight")),
        }
    }
    Ok(())
}

pub(crate) fn read_text(path: &Path, what: &str) -> Result<String> {
    let name = path.display().to_string();
    std::fs::read_to_string(path).map_err(|e| Error::Read {
        name,
        reason: format!("cannot read {what}: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_reads_as_weighted_associations() {
        let g = static_lexicon_from_tsv(BUILTIN_LEXICON, "built-in lexicon").unwrap();
        assert_eq!(
            g,
            lexicon_from_tsv(BUILTIN_LEXICON, "built-in lexicon").unwrap()
        );
        assert!(g.associations.len() > 10_000, "{}", g.associations.len());
        assert!(g
            .associations
            .iter()
            .all(|(z, e, w)| !z.is_empty() && !e.is_empty() && *w > 0.0 && *w <= 1.0));
    }
}
