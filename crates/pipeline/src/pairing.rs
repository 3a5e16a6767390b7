//! Which Chinese file goes with which English one: pairing directories by file name
//! (language tags and separators ignored), manifests, and deterministic shards of a
//! collection for runs spread over many machines.
//!
//! ```
//! use bitext_pipeline::pairing::{pairing_key, shard_range};
//!
//! assert_eq!(pairing_key("A_78_6_Sect.29A.zh.txt"), pairing_key("A-78-6-Sect.29A-en.txt"));
//! // Shard 2 of 3 of a 10-document manifest: documents 3, 4, 5 (0-based).
//! assert_eq!(shard_range(10, 2, 3), 3..6);
//! ```

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One Chinese–English document pair of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPair {
    /// The document's id (manifest column, or the pairing key of its file names).
    pub id: String,
    pub zh: PathBuf,
    pub en: PathBuf,
}

/// Language tags that name a side in a file name (`report.zh.txt`, `A_78_6_zh.txt`).
const LANG_TAGS: [&str; 8] = ["zh", "chi", "zho", "cn", "ch", "en", "eng", "e"];

/// The pairing key of a file name: its stem without extension and language tag,
/// separators unified, so `A_78_6_Sect.29A.zh.txt` and `A-78-6-Sect.29A.en.txt` meet.
pub fn pairing_key(file_name: &str) -> String {
    let mut stem = file_name.to_string();
    for ext in [
        ".txt", ".text", ".utf8", ".docx", ".pdf", ".doc", ".odt", ".rtf",
    ] {
        if let Some(s) = stem.to_lowercase().strip_suffix(ext).map(|s| s.len()) {
            stem.truncate(s);
        }
    }
    let lower = stem.to_lowercase();
    for tag in LANG_TAGS {
        for sep in ['.', '_', '-'] {
            let suffix = format!("{sep}{tag}");
            if lower.ends_with(&suffix) {
                stem.truncate(stem.len() - suffix.len());
                return normalise_key(&stem);
            }
        }
    }
    normalise_key(&stem)
}

fn normalise_key(stem: &str) -> String {
    let unified: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '/' | ' ') {
                '/'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    unified
        .split('/')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::Read {
            name: dir.display().to_string(),
            reason: format!("cannot list: {e}"),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// A file of a paired directory left without a counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The file.
    pub file: PathBuf,
    /// Why it has no counterpart.
    pub reason: String,
}

impl Unmatched {
    fn new(file: PathBuf, reason: String) -> Self {
        Unmatched { file, reason }
    }
}

impl std::fmt::Display for Unmatched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.file.display(), self.reason)
    }
}

/// Pair the files of two directories by [`pairing_key`], then the files left over by
/// the document symbol each one states in its header or front matter (so
/// `N2312346.pdf` meets `N2312345.docx` when both are `A/78/6 (Sect. 29A)`); pairs in
/// the order of the Chinese file names. Also returns the files left without a
/// counterpart, each with the reason.
pub fn pairs_from_dirs(
    zh_dir: &Path,
    en_dir: &Path,
) -> Result<(Vec<DocumentPair>, Vec<Unmatched>)> {
    let (mut pairs, zh_left, en_left) = pairs_by_name(zh_dir, en_dir)?;
    let symbol = |p: &PathBuf| {
        let options = crate::input::ReadOptions {
            allow_empty: true,
            ..Default::default()
        };
        crate::input::read_file(p, &options)
            .ok()
            .and_then(|input| input.metadata().symbol)
    };
    let key = crate::metadata::symbol_key;
    let mut en_by_symbol: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for p in en_left {
        match symbol(&p) {
            Some(s) => en_by_symbol.entry(key(&s)).or_default().push(p),
            None => unmatched.push(Unmatched::new(
                p,
                "no Chinese counterpart by name, and no document symbol found in it".into(),
            )),
        }
    }
    for p in zh_left {
        let found = symbol(&p);
        let candidates = found.as_ref().and_then(|s| en_by_symbol.get_mut(&key(s)));
        match (found.as_ref(), candidates) {
            (Some(s), Some(en)) if en.len() == 1 => {
                let en = en.pop().expect("one");
                pairs.push(DocumentPair {
                    id: s.clone(),
                    zh: p,
                    en,
                });
            }
            (Some(s), Some(en)) if !en.is_empty() => {
                let reason = format!(
                    "{} English files state its symbol {s}: {}",
                    en.len(),
                    en.iter()
                        .map(|e| e.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                unmatched.push(Unmatched::new(p, reason))
            }
            (Some(s), _) => unmatched.push(Unmatched::new(
                p,
                format!("no English counterpart by name or by its symbol {s}"),
            )),
            (None, _) => unmatched.push(Unmatched::new(
                p,
                "no English counterpart by name, and no document symbol found in it".into(),
            )),
        }
    }
    for p in en_by_symbol.into_values().flatten() {
        unmatched.push(Unmatched::new(
            p,
            "no Chinese counterpart by name or symbol".into(),
        ));
    }
    pairs.sort_by(|a, b| a.zh.cmp(&b.zh));
    Ok((pairs, unmatched))
}

/// Pairs by file name, and the Chinese and English files left over.
fn pairs_by_name(
    zh_dir: &Path,
    en_dir: &Path,
) -> Result<(Vec<DocumentPair>, Vec<PathBuf>, Vec<PathBuf>)> {
    let key = |p: &PathBuf| pairing_key(&p.file_name().unwrap_or_default().to_string_lossy());
    let mut en_by_key: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in list_dir(en_dir)? {
        en_by_key.insert(key(&p), p);
    }
    let mut pairs = Vec::new();
    let mut zh_left = Vec::new();
    for p in list_dir(zh_dir)? {
        let k = key(&p);
        match en_by_key.remove(&k) {
            Some(en) => pairs.push(DocumentPair { id: k, zh: p, en }),
            None => zh_left.push(p),
        }
    }
    Ok((pairs, zh_left, en_by_key.into_values().collect()))
}

/// Read a manifest: `id<TAB>zh_path<TAB>en_path` per line (an `id` header line, blank
/// lines and `#` comments skipped), relative paths resolved against the manifest's
/// directory. Ids must be unique.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let manifest = dir.path().join("pairs.tsv");
/// std::fs::write(&manifest, "id\tzh\ten\nA/78/6\tzh/a.txt\ten/a.txt\n").unwrap();
/// let pairs = bitext_pipeline::pairing::pairs_from_manifest(&manifest)?;
/// assert_eq!(pairs[0].id, "A/78/6");
/// assert_eq!(pairs[0].zh, dir.path().join("zh/a.txt"));
/// # Ok::<(), bitext_pipeline::Error>(())
/// ```
pub fn pairs_from_manifest(path: &Path) -> Result<Vec<DocumentPair>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
        name: name.clone(),
        reason: format!("cannot read manifest: {e}"),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut pairs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty()
            || line.starts_with('#')
            || (n == 0 && line.to_lowercase().starts_with("id\t"))
        {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(Error::line(
                &name,
                n + 1,
                "expected id<TAB>zh_path<TAB>en_path",
            ));
        }
        let resolve = |p: &str| {
            let p = PathBuf::from(p.trim());
            if p.is_absolute() {
                p
            } else {
                base.join(p)
            }
        };
        let id = f[0].trim().to_string();
        if !seen.insert(id.clone()) {
            return Err(Error::line(
                &name,
                n + 1,
                format!("document id {id:?} appears twice"),
            ));
        }
        pairs.push(DocumentPair {
            id,
            zh: resolve(f[1]),
            en: resolve(f[2]),
        });
    }
    Ok(pairs)
}

/// The documents of shard `k` of `n` (1-based `k`) in a collection of `len`: a
/// contiguous range, so shard outputs concatenated in shard order are in collection
/// order, and the shards together cover every document exactly once.
pub fn shard_range(len: usize, k: usize, n: usize) -> std::ops::Range<usize> {
    debug_assert!(n > 0 && (1..=n).contains(&k));
    (len * (k - 1) / n)..(len * k / n)
}

/// Parse `K/N` (1 ≤ K ≤ N).
pub fn parse_shard(text: &str) -> Result<(usize, usize)> {
    let bad = || {
        Error::Option(format!(
            "`shard` must be K/N with 1 ≤ K ≤ N (e.g. 2/8), got {text:?}"
        ))
    };
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let k: usize = k.trim().parse().map_err(|_| bad())?;
    let n: usize = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_keys_meet_across_languages_and_separators() {
        assert_eq!(
            pairing_key("A_78_6_Sect.29A.zh.txt"),
            pairing_key("A_78_6_Sect.29A.en.txt")
        );
        assert_eq!(
            pairing_key("A_78_6_Sect.29A_zh.txt"),
            pairing_key("A-78-6-Sect.29A-en.txt")
        );
        assert_eq!(pairing_key("report.zh.txt"), "REPORT");
        assert_ne!(
            pairing_key("E_2023_26.zh.txt"),
            pairing_key("E_2023_27.en.txt")
        );
    }

    #[test]
    fn shards_cover_every_document_once_in_order() {
        for len in [0, 1, 2, 7, 10, 301] {
            for n in 1..=9 {
                let ids: Vec<usize> = (1..=n).flat_map(|k| shard_range(len, k, n)).collect();
                assert_eq!(ids, (0..len).collect::<Vec<_>>(), "len {len}, n {n}");
            }
        }
        assert_eq!(parse_shard("2/8").unwrap(), (2, 8));
        for bad in ["0/3", "4/3", "1/0", "x", "1-2"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
