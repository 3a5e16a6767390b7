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
