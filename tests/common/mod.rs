//! Helpers shared by the integration tests: run the real binary from the project root.
#![allow(dead_code)]

use std::process::{Command, Output};

pub const ZH: &str = "data/cpc63-programme25/zh.txt";
pub const EN: &str = "data/cpc63-programme25/en.txt";

/// Run `bitext` with `args` in the project root.
pub fn bitext(args: &[&str]) -> Output {
    bitext_env(args, &[])
}

/// Run `bitext` with `args` and extra environment variables.
pub fn bitext_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bitext"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run bitext")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output of a run that must succeed.
pub fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
}

pub fn data(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/data/cpc63-programme25/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Three small document pairs cut from the report pair (paragraph ranges), so each
/// is a real translation.
pub fn docs() -> Vec<(String, String)> {
    let zh = data("zh.txt");
    let en = data("en.clean.txt");
    // Numbered paragraphs; a piece after a page break (a blank line in mid-sentence)
    // belongs to the paragraph before it.
    let mut zh_paras: Vec<String> = Vec::new();
    for piece in zh.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if piece.starts_with(|c: char| c.is_ascii_digit()) {
            zh_paras.push(piece.to_string());
        } else if let Some(last) = zh_paras.last_mut().filter(|l| !l.ends_with('。')) {
            last.push_str("\n\n");
            last.push_str(piece);
        }
    }
    let en_paras: Vec<&str> = en
        .lines()
        .filter(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    [(0, 8), (20, 28), (40, 48)]
        .iter()
        .map(|&(a, b)| {
            (
                zh_paras[a..b].join("\n\n") + "\n",
                en_paras[a..b].join("\n") + "\n",
            )
        })
        .collect()
}
