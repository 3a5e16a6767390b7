//! Integration tests: the real binary on the bundled report pair.

mod common;

use common::{bitext, stdout};
use std::path::PathBuf;

fn data(name: &str) -> String {
    format!("data/cpc63-programme25/{name}")
}

#[test]
fn align_writes_every_sentence_of_both_sides_once() {
    let out = bitext(&["align", &data("zh.txt"), &data("en.txt"), "-f", "links"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let mut zh_ids = Vec::new();
    let mut en_ids = Vec::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "{line}");
        zh_ids.extend(
            cols[0]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().unwrap()),
        );
        en_ids.extend(
            cols[1]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<usize>().unwrap()),
        );
    }
    zh_ids.sort_unstable();
    en_ids.sort_unstable();
    // Every unit exactly once, ids 0..n without gaps; counts near the gold's 154 / 157.
    assert!(zh_ids.iter().enumerate().all(|(i, &id)| i == id));
    assert!(en_ids.iter().enumerate().all(|(i, &id)| i == id));
    assert!(
        (150..=160).contains(&zh_ids.len()),
        "{} zh sentences",
        zh_ids.len()
    );
    assert!(
        (152..=162).contains(&en_ids.len()),
        "{} en sentences",
        en_ids.len()
    );
}

#[test]
fn align_tsv_has_header_and_paragraph_numbers_as_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.tsv");
    let out = bitext(&[
        "align",
        &data("zh.txt"),
        &data("en.txt"),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "en\tzh\tscore\tblock\ttype\tdoc");
    let row = lines
        .find(|l| l.starts_with("Efforts to strengthen the delegation of authority"))
        .expect("paragraph 10's first sentence");
    let cols: Vec<&str> = row.split('\t').collect();
    assert!(cols[1].starts_with("还欢迎加强权力下放的各项努力"), "{row}");
    assert_eq!(cols[3], "10");
    assert_eq!(cols[4], "1-1");
}

#[test]
fn segment_jsonl_reports_units_with_spans_and_artifacts() {
    let out = bitext(&["segment", &data("en.txt"), "--lang", "en", "-f", "jsonl"]);
    assert!(out.status.success());
    let source = std::fs::read_to_string(data("en.txt")).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= source.len());
        kinds.insert(v["kind"].as_str().unwrap().to_string());
        if v["kind"] == "artifact" {
            assert_eq!(source[start..end].trim(), v["text"].as_str().unwrap());
        }
    }
    for kind in ["front", "heading", "paragraph", "artifact"] {
        assert!(kinds.contains(kind), "no {kind} unit");
    }
}

#[test]
fn help_teaches_with_an_example() {
    for sub in [
        "align", "segment", "eval", "batch", "check", "score", "convert",
    ] {
        let out = bitext(&[sub, "--help"]);
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Example"),
            "{sub} --help has no example"
        );
    }
    let out = bitext(&["--version"]);
    assert!(stdout(&out).starts_with("bitext "));
}

#[test]
fn a_missing_input_is_exit_2_naming_the_file() {
    let out = bitext(&["align", "no/such/zh.txt", &data("en.txt")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/zh.txt"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn eval_matches_the_reference_definition() {
    let dir = tempfile::tempdir().unwrap();
    let gold: PathBuf = dir.path().join("gold.tsv");
    let pred: PathBuf = dir.path().join("pred.tsv");
    std::fs::write(&gold, "zh\ten\n0\t0\n1\t1,2\n\t3\n").unwrap();
    std::fs::write(
        &pred,
        "zh\ten\tscore\n0\t0\t0.9\n1\t1\t0.8\n\t2\t1\n\t3\t1\n",
    )
    .unwrap();
    let out = bitext(&["eval", gold.to_str().unwrap(), pred.to_str().unwrap()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("strict P 0.5000 R 0.5000 F1 0.5000"),
        "{text}"
    );
    assert!(
        text.contains("lax    P 1.0000 R 1.0000 F1 1.0000"),
        "{text}"
    );
}

#[test]
fn output_is_identical_for_one_and_two_threads() {
    for extra in [&[][..], &["--presegmented"][..]] {
        let en = if extra.is_empty() {
            data("en.txt")
        } else {
            data("en.clean.txt")
        };
        let run = |threads: &str| {
            let mut args = vec![
                "align",
                "data/cpc63-programme25/zh.txt",
                en.as_str(),
                "-f",
                "jsonl",
                "--threads",
                threads,
            ];
            args.extend_from_slice(extra);
            let out = bitext(&args);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let one = run("1");
        assert!(!one.is_empty());
        assert_eq!(one, run("2"), "threads changed the output ({extra:?})");
        assert_eq!(one, run("1"), "two runs differ ({extra:?})");
    }
}

/// Align two presegmented texts with `bitext align … -f links` and these options; the
/// links as `zh ids<TAB>en ids` (scores left out).
fn presegmented_links(zh: &str, en: &str, options: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (zh_path, en_path) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zh_path, zh).unwrap();
    std::fs::write(&en_path, en).unwrap();
    let (zh_path, en_path) = (zh_path.to_str().unwrap(), en_path.to_str().unwrap());
    let mut args = vec!["align", zh_path, en_path, "--presegmented", "-f", "links"];
    args.extend_from_slice(options);
    let out = bitext(&args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.rsplit_once('\t').unwrap().0.to_string())
        .collect()
}

/// Every link is one unit left unpaired.
fn all_unpaired(links: &[String]) -> bool {
    links
        .iter()
        .all(|l| l.starts_with('\t') || l.ends_with('\t'))
}

#[test]
fn the_built_in_general_lexicon_pairs_sentences_the_input_alone_cannot() {
    // Three short sentences, written for this test, and an English sentence the
    // Chinese lacks. "卫星图像…森林" / "Satellite images … forests" occur once: the input
    // cannot teach the aligner these words; the general lexicon knows them.
    let zh = "秘书长提交了年度报告。\n卫星图像显示森林面积正在减少。\n委员会注意到这份报告。\n";
    let en = "The Secretary-General submitted the annual report.\nThe Board met twice during the year.\n\
              Satellite images show that the area of forests is declining.\nThe Committee took note of the report.\n";
    let with = presegmented_links(zh, en, &[]);
    assert!(with.contains(&"1\t2".to_string()), "{with:?}");
    assert!(with.contains(&"\t1".to_string()), "{with:?}");
    let without = presegmented_links(zh, en, &["--no-builtin-lexicon", "--no-builtin-dictionary"]);
    assert!(
        !without.contains(&"1\t2".to_string()),
        "without the lexicon this pair has no lexical evidence and should stay unpaired: {without:?}"
    );
}

#[test]
fn the_built_in_dictionary_pairs_everyday_prose_outside_the_un_vocabulary() {
    // Sentences of a story, written for this test, and an English sentence the
    // Chinese lacks: no anchor, no UN term, every word once. The dictionary alone
    // (the other built-in evidence off) knows 山/mountain, 河/river, 院子/yard.
    let zh = "她从山上慢慢走下来。\n一个老人坐在河边钓鱼。\n孩子们在院子里唱歌。\n";
    let en = "She walked slowly down the mountain.\nIt was a warm afternoon in early spring.\n\
              An old man sat fishing by the river.\nThe children were singing in the yard.\n";
    let others = ["--force", "--no-builtin-lexicon", "--no-builtin-glossary"];
    let with = presegmented_links(zh, en, &others);
    assert_eq!(with, ["0\t0", "\t1", "1\t2", "2\t3"], "{with:?}");
    let without = presegmented_links(
        zh,
        en,
        &[&others[..], &["--no-builtin-dictionary"]].concat(),
    );
    assert!(
        all_unpaired(&without),
        "without any dictionary these sentences have no evidence and stay unpaired: {without:?}"
    );
}

#[test]
fn romanised_chinese_names_pair_sentences_with_no_other_evidence() {
    // Sentences written for this test, every built-in word list off: only the names
    // (陈清扬 / Chen Qingyang, 北京 / Beijing, 云南 / Yunnan) link them. The same
    // English with other names pairs nothing.
    let zh = "陈清扬来了。\n他们去了北京。\n小宝留在云南。\n";
    let names = "Then came Chen Qingyang.\nIt rained all day.\nThey went to Beijing.\nXiaobao stayed in Yunnan.\n";
    let others = "Then came Chen Kingsley.\nIt rained all day.\nThey went to Boston.\nXiaobao stayed in Oxford.\n";
    let options = [
        "--force",
        "--no-builtin-glossary",
        "--no-builtin-lexicon",
        "--no-builtin-dictionary",
    ];
    assert_eq!(
        presegmented_links(zh, names, &options),
        ["0\t0", "\t1", "1\t2", "2\t3"]
    );
    let without = presegmented_links(zh, others, &options);
    assert!(all_unpaired(&without), "{without:?}");
}
