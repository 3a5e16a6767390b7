//! Glossaries: CSV/TSV tables (`en`, `zh` with `|`-separated approved renderings,
//! optional `forbidden`, `note`) and TBX (TBX-Basic, TBX-Min, TBX v3).

use crate::Error;
use bitext_core::Lang;
use quick_xml::events::Event;

/// One concept: its English terms, approved and forbidden Chinese renderings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub en: Vec<String>,
    pub approved: Vec<String>,
    pub forbidden: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entries: Vec<Entry>,
}

fn split_variants(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Glossary {
    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
    }

    /// The glossaries of `paths` (TBX or `.xml` as TBX, `.csv` comma-separated, any
    /// other name tab-separated), or the table `builtin` (named `built-in glossary`)
    /// when no path is given. A file without entries is an error: a wrong file, not
    /// an empty glossary.
    pub fn load(paths: &[std::path::PathBuf], builtin: &str) -> Result<Self, Error> {
        if paths.is_empty() {
            return Glossary::from_table(builtin, b'\t', "built-in glossary");
        }
        let mut glossary = Glossary::default();
        for path in paths {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::glossary(&name, 0, format!("cannot read glossary: {e}")))?;
            let lower = name.to_lowercase();
            let part = if lower.ends_with(".tbx") || lower.ends_with(".xml") {
                Glossary::from_tbx(&text, &name)?
            } else if lower.ends_with(".csv") {
                Glossary::from_table(&text, b',', &name)?
            } else {
                Glossary::from_table(&text, b'\t', &name)?
            };
            if part.entries.is_empty() {
                return Err(Error::glossary(
                    &name,
                    0,
                    "no glossary entries with an English term",
                ));
            }
            glossary.extend(part);
        }
        Ok(glossary)
    }

    /// A table with a header naming `en` and `zh` (and optionally `forbidden`, `note`);
    /// `delimiter` is `\t` or `,` (RFC 4180 quoting).
    pub fn from_table(text: &str, delimiter: u8, name: &str) -> Result<Self, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .quoting(delimiter == b',')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| Error::glossary(name, 1, e))?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let col = |lang: Lang| {
            header
                .iter()
                .position(|h| h.parse::<Lang>().ok() == Some(lang))
        };
        let (Some(en), Some(zh)) = (col(Lang::En), col(Lang::Zh)) else {
            return Err(Error::glossary(
                name,
                1,
                "the header must name the columns en and zh",
            ));
        };
        let forbidden = header
            .iter()
            .position(|h| h == "forbidden" || h == "deprecated" || h == "avoid");
        let note = header.iter().position(|h| h == "note" || h == "notes");
        let mut g = Glossary::default();
        for (n, row) in reader.records().enumerate() {
            let row = row.map_err(|e| Error::glossary(name, n + 2, e))?;
            let get = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
            let en_terms = split_variants(get(Some(en)));
            if en_terms.is_empty() {
                continue;
            }
            g.entries.push(Entry {
                en: en_terms,
                approved: split_variants(get(Some(zh))),
                forbidden: split_variants(get(forbidden)),
                note: Some(get(note).to_string()).filter(|s| !s.is_empty()),
            });
        }
        Ok(g)
    }

    /// TBX-Basic (`termEntry`/`langSet`/`tig`), TBX-Min (`conceptEntry`/`langGroup`/
    /// `termGroup`) and TBX v3 (`conceptEntry`/`langSec`/`termSec`). Preferred and
    /// admitted terms are approved; deprecated, superseded, not-recommended and
    /// obsolete ones are forbidden.
    pub fn from_tbx(text: &str, name: &str) -> Result<Self, Error> {
        let mut xml = quick_xml::Reader::from_str(text);
        let mut g = Glossary::default();
        let mut entry: Option<Entry> = None;
        let mut lang: Option<Lang> = None;
        let mut term: Option<String> = None;
        let mut status = String::new();
        let mut field: Option<&'static str> = None;
        let mut terms: Vec<(Option<Lang>, String, String)> = Vec::new();
        loop {
            let event = xml.read_event().map_err(|e| {
                Error::glossary(name, 0, format!("at byte {}: {e}", xml.buffer_position()))
            })?;
            match event {
                Event::Eof => break,
                Event::Start(e) => {
                    let tag = e.local_name().as_ref().to_vec();
                    match tag.as_slice() {
                        b"termEntry" | b"conceptEntry" => {
                            entry = Some(Entry::default());
                            terms.clear();
                        }
                        b"langSet" | b"langGroup" | b"langSec" => {
                            lang = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.as_ref() == b"xml:lang")
                                .and_then(|a| a.unescape_value().ok())
                                .and_then(|v| v.parse::<Lang>().ok());
                        }
                        b"tig" | b"ntig" | b"termGroup" | b"termSec" => {
                            term = None;
                            status.clear();
                        }
                        b"term" => field = Some("term"),
                        b"termStatus" => field = Some("status"),
                        b"termNote" => {
                            let admin = e.attributes().flatten().any(|a| {
                                a.key.as_ref() == b"type"
                                    && matches!(
                                        a.value.as_ref(),
                                        b"administrativeStatus" | b"normativeAuthorization"
                                    )
                            });
                            if admin {
                                field = Some("status");
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let text = t.unescape().map_err(|e| Error::glossary(name, 0, e))?;
                    match field {
                        Some("term") => term.get_or_insert_with(String::new).push_str(text.trim()),
                        Some("status") => status.push_str(text.trim()),
                        _ => {}
                    }
                }
                Event::End(e) => {
                    let tag = e.local_name().as_ref().to_vec();
                    match tag.as_slice() {
                        b"term" | b"termStatus" | b"termNote" => field = None,
                        b"tig" | b"ntig" | b"termGroup" | b"termSec" => {
                            if let Some(t) = term.take() {
                                terms.push((lang, t, std::mem::take(&mut status)));
                            }
                        }
                        b"termEntry" | b"conceptEntry" => {
                            if let Some(mut en) = entry.take() {
                                for (l, t, s) in terms.drain(..) {
                                    let s = s.to_lowercase();
                                    let bad =
                                        ["deprecated", "superseded", "notrecommended", "obsolete"]
                                            .iter()
                                            .any(|b| s.replace(['-', ' '], "").contains(b));
                                    match (l, bad) {
                                        (Some(Lang::En), false) => en.en.push(t),
                                        (Some(Lang::Zh), false) => en.approved.push(t),
                                        (Some(Lang::Zh), true) => en.forbidden.push(t),
                                        _ => {}
                                    }
                                }
                                if !en.en.is_empty() {
                                    g.entries.push(en);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_with_variants_and_forbidden() {
        let g = Glossary::from_table(
            "en\tzh\tforbidden\tnote\nUmoja\t团结|“团结”系统\t乌莫贾\tERP\n",
            b'\t',
            "g.tsv",
        )
        .unwrap();
        assert_eq!(g.entries[0].approved, ["团结", "“团结”系统"]);
        assert_eq!(g.entries[0].forbidden, ["乌莫贾"]);
        assert_eq!(g.entries[0].note.as_deref(), Some("ERP"));
        let err = Glossary::from_table("source\ttarget\n", b'\t', "g.tsv").unwrap_err();
        assert!(err.to_string().contains("g.tsv"));
    }

    const TBX_BASIC: &str = r#"<?xml version="1.0"?><martif type="TBX-Basic"><text><body>
      <termEntry id="c2"><langSet xml:lang="en"><tig><term>extrabudgetary resources</term></tig></langSet>
      <langSet xml:lang="zh"><tig><term>预算外资源</term></tig>
      <tig><term>预算外经费</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet></termEntry>
      </body></text></martif>"#;

    #[test]
    fn tbx_basic_statuses() {
        let g = Glossary::from_tbx(TBX_BASIC, "t.tbx").unwrap();
        assert_eq!(g.entries.len(), 1);
        assert_eq!(g.entries[0].en, ["extrabudgetary resources"]);
        assert_eq!(g.entries[0].approved, ["预算外资源"]);
        assert_eq!(g.entries[0].forbidden, ["预算外经费"]);
    }

    #[test]
    fn tbx_min() {
        let text = r#"<TBX dialect="TBX-Min"><body><conceptEntry id="c1">
          <langGroup xml:lang="en"><termGroup><term>programme budget</term></termGroup></langGroup>
          <langGroup xml:lang="zh"><termGroup><term>方案预算</term><termStatus>preferred</termStatus></termGroup>
          <termGroup><term>计划预算</term><termStatus>notRecommended</termStatus></termGroup></langGroup>
          </conceptEntry></body></TBX>"#;
        let g = Glossary::from_tbx(text, "m.tbx").unwrap();
        assert_eq!(g.entries[0].approved, ["方案预算"]);
        assert_eq!(g.entries[0].forbidden, ["计划预算"]);
    }
}
