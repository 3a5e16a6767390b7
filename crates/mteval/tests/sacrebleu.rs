//! Agreement with sacrebleu 2.6.0 on the reference fixtures (copied from
//! `../shared/formats/sacrebleu/`) and on generated cases
//! (`tests/fixtures/generated.jsonl`, made by `scripts/gen_mteval_cases.py`).

use bitext_mteval::{corpus_score, BleuConfig, ChrfConfig, Metric, TerOptions, Tokenizer};
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn lines(name: &str) -> Vec<String> {
    fixture(name).lines().map(str::to_string).collect()
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 5e-5, "{what}: bitext {a} vs sacrebleu {b}");
}

fn check_direction(values: &Value, hyp: &str, reference: &str, tok: Tokenizer) {
    let hyps = lines(hyp);
    let refs = vec![lines(reference)];
    let bleu = Metric::bleu(tok);
    let s = corpus_score(&bleu, &hyps, &refs);
    let b = s.bleu.as_ref().unwrap();
    close(s.score, values["bleu"]["score"].as_f64().unwrap(), "BLEU");
    for k in 0..4 {
        close(
            b.counts[k],
            values["bleu"]["counts"][k].as_f64().unwrap(),
            "counts",
        );
        close(
            b.totals[k],
            values["bleu"]["totals"][k].as_f64().unwrap(),
            "totals",
        );
        close(
            b.precisions[k],
            values["bleu"]["precisions"][k].as_f64().unwrap(),
            "precisions",
        );
    }
    close(b.bp, values["bleu"]["bp"].as_f64().unwrap(), "bp");
    close(
        b.sys_len,
        values["bleu"]["sys_len"].as_f64().unwrap(),
        "sys_len",
    );
    close(
        b.ref_len,
        values["bleu"]["ref_len"].as_f64().unwrap(),
        "ref_len",
    );
    let expected_sig = values["bleu"]["signature"]
        .as_str()
        .unwrap()
        .replace("version:2.6.0", "version:bitext-0.1.0");
    assert_eq!(bleu.signature(1), expected_sig);

    let sentence = Metric::Bleu(BleuConfig {
        tokenizer: tok,
        effective_order: true,
        ..BleuConfig::default()
    });
    for (i, v) in values["sentence_bleu_effective_order"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let s = corpus_score(&sentence, &hyps[i..=i], &[refs[0][i..=i].to_vec()]);
        close(s.score, v.as_f64().unwrap(), "sentence BLEU");
    }
    for (key, config) in [
        ("chrf2", ChrfConfig::chrf()),
        ("chrf2pp", ChrfConfig::chrf_plus_plus()),
    ] {
        let m = Metric::Chrf(config);
        close(
            corpus_score(&m, &hyps, &refs).score,
            values[key]["score"].as_f64().unwrap(),
            key,
        );
        assert_eq!(
            m.signature(1),
            values[key]["signature"]
                .as_str()
                .unwrap()
                .replace("version:2.6.0", "version:bitext-0.1.0")
        );
        for (i, v) in values[key]["sentence"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let s = corpus_score(&m, &hyps[i..=i], &[refs[0][i..=i].to_vec()]);
            close(s.score, v.as_f64().unwrap(), "sentence chrF");
        }
    }
    for (key, options) in [
        ("ter_default", TerOptions::default()),
        (
            "ter_asian_normalized",
            TerOptions {
                normalized: true,
                asian_support: true,
                ..TerOptions::default()
            },
        ),
    ] {
        let m = Metric::Ter(options);
        close(
            corpus_score(&m, &hyps, &refs).score,
            values[key]["score"].as_f64().unwrap(),
            key,
        );
        assert_eq!(
            m.signature(1),
            values[key]["signature"]
                .as_str()
                .unwrap()
                .replace("version:2.6.0", "version:bitext-0.1.0")
        );
    }
}

#[test]
fn reference_values_en_zh() {
    let values: Value = serde_json::from_str(&fixture("sacrebleu/reference_values.json")).unwrap();
    check_direction(
        &values["en-zh"],
        "sacrebleu/hyp.zh",
        "sacrebleu/ref.zh",
        Tokenizer::Zh,
    );
    let hyps = lines("sacrebleu/hyp.zh");
    for (i, t) in values["en-zh"]["tokenized_hyp"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(Tokenizer::Zh.tokenize(&hyps[i]), t.as_str().unwrap());
    }
}

#[test]
fn reference_values_zh_en() {
    let values: Value = serde_json::from_str(&fixture("sacrebleu/reference_values.json")).unwrap();
    check_direction(
        &values["zh-en"],
        "sacrebleu/hyp.en",
        "sacrebleu/ref.en",
        Tokenizer::Thirteen,
    );
}

/// Generated cases: random edits of sentences, scored by sacrebleu 2.6.0.
#[test]
fn generated_cases_agree_to_four_decimals() {
    let n = check_cases(&fixture("generated.jsonl"));
    assert!(n >= 200, "only {n} generated cases");
}

/// Cases generated at CI time from data that may not be committed (UNPC dev set):
/// `BITEXT_MTEVAL_EXTRA_CASES=path.jsonl`.
#[test]
fn extra_generated_cases_agree() {
    match std::env::var("BITEXT_MTEVAL_EXTRA_CASES") {
        Ok(path) => {
            let n = check_cases(&std::fs::read_to_string(&path).unwrap());
            eprintln!("{n} extra cases from {path} agree with sacrebleu");
        }
        Err(_) => eprintln!("BITEXT_MTEVAL_EXTRA_CASES not set; no extra cases checked"),
    }
}

fn check_cases(text: &str) -> usize {
    let mut n = 0;
    for line in text.lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let hyps: Vec<String> = case["hyps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let refs: Vec<Vec<String>> = case["refs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        let tok = Tokenizer::from_name(case["tokenize"].as_str().unwrap()).unwrap();
        let metrics = [
            ("bleu", Metric::bleu(tok)),
            ("chrf", Metric::Chrf(ChrfConfig::chrf())),
            ("chrfpp", Metric::Chrf(ChrfConfig::chrf_plus_plus())),
            ("ter", Metric::Ter(TerOptions::default())),
            (
                "ter_asian",
                Metric::Ter(TerOptions {
                    normalized: true,
                    asian_support: true,
                    ..TerOptions::default()
                }),
            ),
        ];
        for (key, metric) in metrics {
            let expected = case[key].as_f64().unwrap();
            let got = corpus_score(&metric, &hyps, &refs).score;
            assert!(
                (got - expected).abs() < 5e-5,
                "case {} {key}: bitext {got} vs sacrebleu {expected}\n{line}",
                case["id"]
            );
        }
        n += 1;
    }
    n
}
