//! Merging the outputs of a sharded batch (`bitext batch --shard K/N`) back into one
//! corpus, in the order of the manifest.

use crate::corpus::RecordStream;
use crate::error::{Error, Result};
use crate::pairing::DocumentPair;
use crate::Record;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

/// The records of `streams` (named corpus files, each the output of some shards) in
/// the order of `pairs`: each stream is placed by the position of its first record's
/// document, and every record is checked to follow the one before, so overlapping or
/// interleaved shards are an error, not a silently disordered corpus.
pub fn in_manifest_order(
    pairs: &[DocumentPair],
    streams: Vec<(String, RecordStream)>,
) -> Result<RecordStream> {
    let position: Rc<HashMap<String, usize>> = Rc::new(
        pairs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect(),
    );
    let position_of = move |name: &str, r: &Record| -> Result<usize> {
        let doc = r.meta.doc.as_deref().ok_or_else(|| {
            Error::invalid(
                name,
                "a record without a document id cannot be put in manifest order",
            )
        })?;
        position
            .get(doc)
            .copied()
            .ok_or_else(|| Error::invalid(name, format!("document {doc:?} is not in the manifest")))
    };
    let mut placed = Vec::new();
    for (name, mut stream) in streams {
        if let Some(first) = stream.next().transpose()? {
            let at = position_of(&name, &first)?;
            placed.push((at, name, first, stream));
        }
    }
    placed.sort_by_key(|(at, ..)| *at);
    // The position of the last record written, shared by all streams.
    let last = Rc::new(Cell::new(0usize));
    Ok(Box::new(placed.into_iter().flat_map(
        move |(_, name, first, stream)| {
            let position_of = position_of.clone();
            let last = last.clone();
            std::iter::once(Ok(first))
                .chain(stream)
                .map(move |r| -> Result<Record> {
                    let r = r?;
                    let at = position_of(&name, &r)?;
                    if at < last.get() {
                        return Err(Error::invalid(
                            &name,
                            format!(
                                "document {:?} is out of manifest order (shards overlap?)",
                                r.meta.doc.unwrap_or_default()
                            ),
                        ));
                    }
                    last.set(at);
                    Ok(r)
                })
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str) -> DocumentPair {
        DocumentPair {
            id: id.into(),
            zh: "z".into(),
            en: "e".into(),
        }
    }

    fn stream(docs: &[&str]) -> RecordStream {
        let records: Vec<Result<Record>> = docs
            .iter()
            .map(|d| {
                let mut r = Record::paired("中", "en", 1.0);
                r.meta.doc = Some(d.to_string());
                Ok(r)
            })
            .collect();
        Box::new(records.into_iter())
    }

    fn docs(s: RecordStream) -> Result<Vec<String>> {
        s.map(|r| r.map(|r| r.meta.doc.unwrap())).collect()
    }

    #[test]
    fn shards_are_put_in_manifest_order() {
        let pairs = [pair("a"), pair("b"), pair("c")];
        let streams = vec![
            ("2".to_string(), stream(&["c"])),
            ("empty".to_string(), stream(&[])),
            ("1".to_string(), stream(&["a", "a", "b"])),
        ];
        let merged = docs(in_manifest_order(&pairs, streams).unwrap()).unwrap();
        assert_eq!(merged, ["a", "a", "b", "c"]);
    }

    #[test]
    fn overlapping_shards_and_strangers_are_errors() {
        let pairs = [pair("a"), pair("b"), pair("c")];
        let overlap = vec![
            ("1".to_string(), stream(&["a", "c"])),
            ("2".to_string(), stream(&["b"])),
        ];
        let err = docs(in_manifest_order(&pairs, overlap).unwrap()).unwrap_err();
        assert!(err.to_string().contains("out of manifest order"), "{err}");
        let Err(err) = in_manifest_order(&pairs, vec![("x".to_string(), stream(&["z"]))]) else {
            panic!("a document outside the manifest was merged");
        };
        assert_eq!(err.to_string(), "x: document \"z\" is not in the manifest");
    }
}
