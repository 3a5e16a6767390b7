//! `bitext score` through the real binary against sacrebleu's recorded outputs.

mod common;

use common::bitext;

const FIX: &str = "crates/mteval/tests/fixtures/sacrebleu";

fn reference() -> serde_json::Value {
    let text = std::fs::read_to_string(format!(
        "{}/{FIX}/reference_values.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_output_is_shaped_like_sacrebleus_with_full_precision() {
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        &format!("{FIX}/hyp.zh"),
        "-m",
        "bleu,chrf,chrf++,ter",
        "-f",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = reference();
    let names: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["BLEU", "chrF2", "chrF2++", "TER"]);
    let expected = [
        v["en-zh"]["bleu"]["score"].as_f64().unwrap(),
        v["en-zh"]["chrf2"]["score"].as_f64().unwrap(),
        v["en-zh"]["chrf2pp"]["score"].as_f64().unwrap(),
        v["en-zh"]["ter_default"]["score"].as_f64().unwrap(),
    ];
    for (m, e) in out.as_array().unwrap().iter().zip(expected) {
        assert!((m["score"].as_f64().unwrap() - e).abs() < 1e-9, "{m}");
    }
    assert_eq!(
        out[0]["verbose_score"],
        "82.5/68.5/52.9/35.4 (BP = 1.000 ratio = 1.075 hyp_len = 57 ref_len = 53)"
    );
    assert_eq!(
        out[0]["tok"], "zh",
        "Chinese references choose the zh tokenizer"
    );
    assert!(out[0]["signature"]
        .as_str()
        .unwrap()
        .ends_with("version:bitext-0.1.0"));
}

#[test]
fn text_output_matches_sacrebleu_lines() {
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.en"),
        "--hyp",
        &format!("{FIX}/hyp.en"),
        "-m",
        "bleu,chrf,ter",
        "-w",
        "4",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    let recorded = std::fs::read_to_string(format!(
        "{}/{FIX}/commands_and_outputs.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for line in text.lines() {
        let theirs = line.replace("version:bitext-0.1.0", "version:2.6.0");
        assert!(
            recorded.lines().any(|l| l.trim() == theirs),
            "{theirs}\nnot in sacrebleu's recorded output"
        );
    }
    assert_eq!(text.lines().count(), 3);
}

#[test]
fn sentence_level_and_ter_options() {
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        &format!("{FIX}/hyp.zh"),
        "-m",
        "bleu",
        "--sentence",
        "-w",
        "4",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    let v = reference();
    for (line, e) in text.lines().zip(
        v["en-zh"]["sentence_bleu_effective_order"]
            .as_array()
            .unwrap(),
    ) {
        assert!(
            line.contains("eff:yes") && line.contains(&format!("= {:.4}", e.as_f64().unwrap())),
            "{line}"
        );
    }
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        &format!("{FIX}/hyp.zh"),
        "-m",
        "ter",
        "--ter-asian-support",
        "--ter-normalized",
        "-w",
        "4",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("norm:yes|punct:yes|asian:yes"), "{text}");
    assert!(
        text.contains(&format!(
            "= {:.4}",
            v["en-zh"]["ter_asian_normalized"]["score"]
                .as_f64()
                .unwrap()
        )),
        "{text}"
    );
}

#[test]
fn mismatched_line_counts_are_exit_2_with_both_counts() {
    let dir = tempfile::tempdir().unwrap();
    let hyp = dir.path().join("hyp.txt");
    std::fs::write(&hyp, "one line\n").unwrap();
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.en"),
        "--hyp",
        hyp.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("has 1 lines") && err.contains("has 3"),
        "{err}"
    );
}

#[test]
fn a_bom_is_stripped_with_a_warning_and_empty_lines_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let hyp = dir.path().join("hyp.zh");
    let text =
        std::fs::read_to_string(format!("{}/{FIX}/hyp.zh", env!("CARGO_MANIFEST_DIR"))).unwrap();
    std::fs::write(&hyp, format!("\u{feff}{text}")).unwrap();
    let plain = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        &format!("{FIX}/hyp.zh"),
        "-w",
        "4",
    ]);
    let bom = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        hyp.to_str().unwrap(),
        "-w",
        "4",
    ]);
    assert_eq!(plain.stdout, bom.stdout);
    assert!(String::from_utf8_lossy(&bom.stderr).contains("removed a byte-order mark"));
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1] = "";
    std::fs::write(&hyp, lines.join("\n") + "\n").unwrap();
    let o = bitext(&[
        "score",
        "--ref",
        &format!("{FIX}/ref.zh"),
        "--hyp",
        hyp.to_str().unwrap(),
    ]);
    assert!(o.status.success());
}

#[test]
fn a_corpus_can_be_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("test");
    let o = bitext(&[
        "align",
        "data/cpc63-programme25/zh.txt",
        "data/cpc63-programme25/en.txt",
        "-f",
        "moses",
        "-o",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    // The same pairs as the line-aligned files: TM hygiene off.
    let tmx = dir.path().join("c.tmx");
    assert!(bitext(&[
        "align",
        "data/cpc63-programme25/zh.txt",
        "data/cpc63-programme25/en.txt",
        "--keep-all",
        "-o",
        tmx.to_str().unwrap()
    ])
    .status
    .success());
    // The reference side of the TMX scored against itself (as line-aligned zh): 100.
    let zh = format!("{}.zh", prefix.display());
    let o = bitext(&[
        "score",
        "--ref",
        tmx.to_str().unwrap(),
        "--lang",
        "zh",
        "--hyp",
        &zh,
        "-f",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!((out[0]["score"].as_f64().unwrap() - 100.0).abs() < 1e-9);
    let o = bitext(&["score", "--ref", tmx.to_str().unwrap(), "--hyp", &zh]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--lang"));
}

#[test]
fn paired_bootstrap_reports_p_values_reproducibly() {
    let args = [
        "score",
        "--ref",
        &format!("{FIX}/ref.en"),
        "--hyp",
        &format!("{FIX}/ref.en"),
        "--hyp",
        &format!("{FIX}/hyp.en"),
        "--bootstrap",
        "200",
        "--seed",
        "7",
        "-f",
        "json",
    ];
    let a = bitext(&args);
    let b = bitext(&args);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let out: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let p = out[0]["p_value"].as_f64().unwrap();
    assert!(p > 0.0 && p <= 1.0);
    assert!((out[0]["baseline"].as_f64().unwrap() - 100.0).abs() < 1e-9);
}
