//! The formats through the real binary: reading another tool's TMX, compressed and
//! line-aligned output, one-sided units, reproducible TMX.

mod common;

use common::{bitext_env as bitext, ok, EN, ZH};

#[test]
fn another_tools_tmx_is_read_with_inline_codes_reduced_to_text() {
    let out = ok(&bitext(
        &["convert", "tests/fixtures/other_tool.tmx", "-f", "jsonl"],
        &[],
    ));
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["en"], "The Committee adopted resolution 77/278.");
    assert_eq!(
        rows[0]["zh"], "委员会通过了第 77/278 号决议。",
        "zh-Hans is Chinese; <ph> code dropped"
    );
    assert_eq!(rows[0]["block"], "12");
    assert_eq!(
        rows[1]["en"], "Costs rose by 5 & 6 per cent in 2023.",
        "<hi> keeps its text"
    );
    assert_eq!(
        rows[1]["zh"], "费用增加了 5% 和 6%（2023 年）。",
        "ZH-CN is Chinese; <it> dropped"
    );
    assert_eq!(
        rows[2]["en"], "Only English here.",
        "the old lang attribute counts"
    );
    assert_eq!(rows[2]["zh"], "", "French is neither side");
}

#[test]
fn tmx_gz_is_compressed_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("corpus.tmx.gz");
    ok(&bitext(&["align", ZH, EN, "-o", gz.to_str().unwrap()], &[]));
    let bytes = std::fs::read(&gz).unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip magic");
    let tsv = ok(&bitext(
        &["convert", gz.to_str().unwrap(), "-f", "tsv"],
        &[],
    ));
    assert!(tsv.lines().count() > 140);
    assert!(tsv.contains("Efforts to strengthen the delegation of authority were also welcomed.\t还欢迎加强权力下放的各项努力。"));
}

#[test]
fn line_aligned_files_have_equal_line_counts_and_no_bom() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("testset");
    ok(&bitext(
        &[
            "align",
            ZH,
            EN,
            "-f",
            "moses",
            "-o",
            prefix.to_str().unwrap(),
        ],
        &[],
    ));
    let en = std::fs::read_to_string(dir.path().join("testset.en")).unwrap();
    let zh = std::fs::read_to_string(dir.path().join("testset.zh")).unwrap();
    assert_eq!(en.lines().count(), zh.lines().count());
    assert!(en.lines().count() > 140);
    assert!(!en.starts_with('\u{feff}') && !zh.starts_with('\u{feff}'));
    // Paragraph numbers go to metadata, not into the segments.
    assert!(en.lines().any(|l| l.starts_with("Efforts to strengthen")));
    assert!(!en.lines().any(|l| l.starts_with("10. ")));
}

#[test]
fn unpaired_units_are_left_out_of_tmx_unless_asked() {
    let plain = ok(&bitext(&["align", ZH, EN, "-f", "tmx"], &[]));
    let kept = ok(&bitext(
        &["align", ZH, EN, "-f", "tmx", "--keep-unpaired"],
        &[],
    ));
    let count = |s: &str| s.matches("<tu>").count();
    assert!(
        count(&kept) > count(&plain),
        "{} vs {}",
        count(&kept),
        count(&plain)
    );
    // The zh front line "Chinese" has no English counterpart.
    assert!(!plain.contains("<seg>Chinese</seg>"));
    assert!(kept.contains("<seg>Chinese</seg>"));
}

#[test]
fn tmx_header_and_reproducible_date() {
    let env = [("SOURCE_DATE_EPOCH", "1700000000")];
    let a = ok(&bitext(
        &["align", ZH, EN, "-f", "tmx", "--zh-lang", "zh-Hans"],
        &env,
    ));
    let b = ok(&bitext(
        &["align", ZH, EN, "-f", "tmx", "--zh-lang", "zh-Hans"],
        &env,
    ));
    assert_eq!(a, b);
    assert!(
        a.contains("creationdate=\"20231114T221320Z\""),
        "{}",
        &a[..400]
    );
    for attr in [
        "creationtool=\"bitext\"",
        "segtype=\"sentence\"",
        "o-tmf=",
        "adminlang=",
        "srclang=\"en-US\"",
        "datatype=\"plaintext\"",
    ] {
        assert!(a.contains(attr), "missing {attr}");
    }
    assert!(a.contains("<tuv xml:lang=\"zh-Hans\">"));
    assert!(a.contains("<prop type=\"x-paragraph\">10</prop>"));
    let p = ok(&bitext(
        &["align", ZH, EN, "-f", "tmx", "--level", "paragraph"],
        &env,
    ));
    assert!(p.contains("segtype=\"paragraph\""));
}

#[test]
fn csv_is_excel_friendly_by_default() {
    let out = bitext(&["align", ZH, EN, "-f", "csv"], &[]).stdout;
    assert!(out.starts_with("\u{feff}en,zh,score,block,type,doc\r\n".as_bytes()));
    let out = bitext(
        &["align", ZH, EN, "-f", "csv", "--no-bom", "--source", "zh"],
        &[],
    )
    .stdout;
    assert!(out.starts_with(b"zh,en,score,block,type,doc\n"));
}
