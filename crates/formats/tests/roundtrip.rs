//! Every writer round-trips through its reader: arbitrary Unicode (XML specials, tabs,
//! line breaks, CJK Extension B, emoji, control characters) comes back as written, up
//! to the documented changes (TSV and line-aligned flatten tabs and breaks; every
//! format but JSONL drops the control characters XML 1.0 forbids; CSV's formula guard
//! is undone by its reader; records without text are left out: on both
//! sides by every format but JSONL, on one side by TMX and line-aligned files).

use bitext_formats::{
    read_line_aligned, read_records, CorpusWriter, Format, Record, WriterOptions,
};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '<', '>', '&', '"', '\'', '\t', '\n', '\r', '\u{1}', '\u{b}', '\u{feff}', '𠀀', '😀', '委',
        ' ', ',', '\u{fffe}', '=', '+', '-', '@', '5', '\u{85}', '\u{2028}', '\u{1b}',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), special], 1..30)
        .prop_map(|v| v.into_iter().collect())
}

fn records() -> impl Strategy<Value = Vec<Record>> {
    prop::collection::vec(
        (
            text(),
            text(),
            0.0f64..1.0,
            prop::option::of("[0-9a-z()]{1,4}"),
        ),
        1..8,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(zh, en, score, block)| Record {
                zh,
                en,
                score: (score * 1000.0).round() / 1000.0,
                block,
                zh_ids: vec![0],
                en_ids: vec![0],
                ..Record::default()
            })
            .collect()
    })
}

/// Writer options that keep every pair: the round trip is about faithful writing, not
/// TM hygiene (tested beside the writer).
fn keep_all() -> WriterOptions {
    WriterOptions {
        tm_hygiene: false,
        ..WriterOptions::default()
    }
}

fn write(records: &[Record], format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = CorpusWriter::new(&mut out, format, keep_all()).unwrap();
    for r in records {
        w.write(r).unwrap();
    }
    w.finish().unwrap();
    out
}

fn read(bytes: &[u8], format: Format) -> Vec<Record> {
    read_records(bytes, format, "test")
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn flatten(s: &str) -> String {
    xml_safe(&s.replace(
        [
            '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
        ],
        " ",
    ))
}

fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}

fn texts(records: &[Record], f: impl Fn(&str) -> String) -> Vec<(String, String)> {
    records.iter().map(|r| (f(&r.zh), f(&r.en))).collect()
}

/// The records a table keeps (text on at least one side).
fn with_text(records: &[Record]) -> Vec<Record> {
    records.iter().filter(|r| !r.is_empty()).cloned().collect()
}

/// The records a TMX or line-aligned file keeps (text on both sides).
fn pairs(records: &[Record]) -> Vec<Record> {
    records
        .iter()
        .filter(|r| !r.has_empty_side())
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn jsonl_roundtrips_exactly(rs in records()) {
        let back = read(&write(&rs, Format::Jsonl), Format::Jsonl);
        prop_assert_eq!(texts(&back, str::to_string), texts(&rs, str::to_string));
        prop_assert_eq!(back.iter().map(|r| (r.score, r.block.clone())).collect::<Vec<_>>(),
                        rs.iter().map(|r| (r.score, r.block.clone())).collect::<Vec<_>>());
    }

    #[test]
    fn csv_roundtrips_exactly(rs in records()) {
        let back = read(&write(&rs, Format::Csv), Format::Csv);
        prop_assert_eq!(texts(&back, str::to_string), texts(&with_text(&rs), xml_safe));
    }

    #[test]
    fn tsv_roundtrips_with_breaks_flattened(rs in records()) {
        let back = read(&write(&rs, Format::Tsv), Format::Tsv);
        prop_assert_eq!(texts(&back, str::to_string), texts(&with_text(&rs), flatten));
    }

    #[test]
    fn tmx_roundtrips_without_forbidden_characters(rs in records()) {
        let back = read(&write(&rs, Format::Tmx), Format::Tmx);
        let kept = pairs(&rs);
        let expected: Vec<(String, String)> = texts(&kept, xml_safe);
        prop_assert_eq!(texts(&back, str::to_string), expected);
        prop_assert_eq!(back.iter().map(|r| r.block.clone()).collect::<Vec<_>>(),
                        kept.iter().map(|r| r.block.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn line_aligned_roundtrips_with_breaks_flattened(rs in records()) {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        let mut w = CorpusWriter::moses(&mut en, &mut zh, keep_all());
        for r in &rs {
            w.write(r).unwrap();
        }
        w.finish().unwrap();
        let back: Vec<Record> = read_line_aligned(&en[..], &zh[..]).map(Result::unwrap).collect();
        prop_assert_eq!(texts(&back, str::to_string), texts(&pairs(&rs), flatten));
    }
}
