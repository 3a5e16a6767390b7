//! `bitext review` through the real binary: the server's guards (token, local host,
//! no paths of its own but the page's), edits saved at once and continued after a
//! restart, stale writes refused, export through the corpus writers; then the page
//! itself in headless Chromium driven over WebDriver (chromedriver): keyboard
//! navigation, link, unlink, split, merge, text edit, confirm, undo, reload, export,
//! a narrow window, and a screenshot.

mod common;

use common::{stderr, stdout};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `bitext review`, stopped when dropped.
struct Review {
    child: Child,
    url: String,
}

impl Review {
    fn start(args: &[&str]) -> Review {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bitext"))
            .arg("review")
            .args(args)
            .args(["--no-open"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("review printed its address").unwrap();
            if let Some(at) = line.find("http://127.0.0.1:") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Review { child, url }
    }

    fn base(&self) -> &str {
        self.url.split("/?").next().unwrap()
    }

    fn token(&self) -> &str {
        self.url.split("token=").nth(1).unwrap()
    }

    fn api(&self, path: &str) -> String {
        format!("{}{path}?token={}", self.base(), self.token())
    }
}

impl Drop for Review {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(r) => (r.status(), r.into_string().unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("{e}"),
    }
}

fn post(url: &str, body: Value) -> (u16, Value) {
    match ureq::post(url).send_json(body) {
        Ok(r) => (r.status(), r.into_json().unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_json().unwrap_or(Value::Null)),
        Err(e) => panic!("{e}"),
    }
}

fn pdf_pair(dir: &Path) -> (String, String, PathBuf) {
    let project = dir.join("report.review.json");
    (
        "tests/fixtures/pdf/zh.pdf".into(),
        "tests/fixtures/docx/en.docx".into(),
        project,
    )
}

#[test]
fn the_server_guards_saves_every_edit_and_refuses_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en, project) = pdf_pair(dir.path());
    let review = Review::start(&[&zh, &en, "--project", project.to_str().unwrap()]);
    // Guards: the token, a local Host, only the page's own paths.
    assert_eq!(get(&format!("{}/", review.base())).0, 403);
    assert_eq!(
        get(&format!("{}/api/project?token=wrong", review.base())).0,
        403
    );
    assert_eq!(get(&review.api("/../Cargo.toml")).0, 404);
    assert_eq!(get(&review.api("/app.js/../../Cargo.toml")).0, 404);
    let evil = ureq::get(&review.api("/api/project"))
        .set("Host", "attacker.example:80")
        .call();
    assert!(matches!(evil, Err(ureq::Error::Status(403, _))));
    let (status, page) = get(&review.url);
    assert_eq!(status, 200);
    assert!(
        page.contains("bitext review") && !page.contains("http://") && !page.contains("https://")
    );

    let (_, p) = get(&review.api("/api/project"));
    let p: Value = serde_json::from_str(&p).unwrap();
    let rows = p["rows"].as_array().unwrap();
    assert!(rows.len() > 140);
    assert_eq!(p["doc"], "E/AC.51/2023/L.4/Add.25");
    let id = rows[1]["id"].as_u64().unwrap();
    // An edit is on disk before the answer comes back.
    let (status, after) = post(
        &review.api("/api/edit"),
        json!({"version": 1, "op": "confirm", "row": id, "confirmed": true}),
    );
    assert_eq!(status, 200, "{after}");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["rows"][1]["confirmed"], true);
    // A second tab still on version 1: refused, with the current project to show.
    let (status, stale) = post(
        &review.api("/api/edit"),
        json!({"version": 1, "op": "unlink", "row": id}),
    );
    assert_eq!(status, 409);
    assert_eq!(stale["project"]["version"], 2);
    assert!(stale["error"].as_str().unwrap().contains("reload"));
    // Another `bitext review` process on the same file saved version 3 behind this
    // server's back: this server refuses to overwrite it and shows it.
    let mut other = saved.clone();
    other["version"] = json!(3);
    other["rows"][2]["confirmed"] = json!(true);
    std::fs::write(&project, other.to_string()).unwrap();
    let (status, reloaded) = post(
        &review.api("/api/edit"),
        json!({"version": 2, "op": "unlink", "row": id}),
    );
    assert_eq!(status, 409);
    assert_eq!(reloaded["project"]["version"], 3);
    assert_eq!(reloaded["project"]["confirmed"], 2);
    // A bad edit is an error message, not a crash.
    let (status, bad) = post(
        &review.api("/api/edit"),
        json!({"version": 3, "op": "merge", "row": 999999}),
    );
    assert_eq!(
        (
            status,
            bad["error"].as_str().unwrap().contains("does not exist")
        ),
        (400, true)
    );
    // An unknown op is named as such; an edit of many megabytes is refused unsaved.
    let (status, unknown) = post(
        &review.api("/api/edit"),
        json!({"version": 3, "op": "explode", "row": id}),
    );
    let message = unknown["error"].as_str().unwrap();
    assert_eq!(status, 400, "{unknown}");
    assert!(message.contains("unknown variant `explode`"), "{message}");
    let huge = "x".repeat(2 << 20);
    let (status, big) = post(
        &review.api("/api/edit"),
        json!({"version": 3, "op": "edit_text", "row": id, "side": "en", "unit": 0, "text": huge}),
    );
    assert_eq!(status, 413, "{big}");
    assert!(big["error"].as_str().unwrap().contains("at most 1 MiB"));
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    assert_eq!(saved["version"], 3);
    drop(review);

    // Killed and started again on the project: the edit is there, nothing re-aligned.
    let again = Review::start(&[&zh, &en, "--project", project.to_str().unwrap()]);
    let (_, p) = get(&again.api("/api/project"));
    let p: Value = serde_json::from_str(&p).unwrap();
    assert_eq!(
        (p["version"].clone(), p["confirmed"].clone()),
        (json!(3), json!(2))
    );
    drop(again);

    // Export from the command line: the confirmed row, marked.
    let tmx = dir.path().join("tm.tmx");
    let o = common::bitext(&[
        "convert",
        project.to_str().unwrap(),
        "--confirmed-only",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&tmx).unwrap();
    assert_eq!(text.matches("<tu>").count(), 1); // row 3 (Distr.: Limited) is no TM pair
    assert!(text.contains("<prop type=\"x-review\">confirmed</prop>"));
    assert!(text.contains("经济及社会理事会"));
    let all = common::bitext(&["convert", project.to_str().unwrap(), "-f", "jsonl"]);
    assert!(stdout(&all).lines().count() > 140);
}

#[test]
fn a_reviewed_tmx_keeps_its_inline_codes_until_a_row_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("vendor.tmx");
    std::fs::copy("tests/fixtures/other_tool.tmx", &tmx).unwrap();
    let review = Review::start(&[tmx.to_str().unwrap()]);
    let project = dir.path().join("vendor.review.json");
    assert!(project.exists());
    let export = |name: &str| {
        let out = dir.path().join(name);
        let o = common::bitext(&[
            "convert",
            project.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(out).unwrap()
    };
    // Not edited: the tags and the language tags go back out as they came.
    let first = export("a.tmx");
    assert!(
        first.contains("<bpt i=\"1\">&lt;b&gt;</bpt>Committee"),
        "{first}"
    );
    assert!(first.contains("xml:lang=\"zh-Hans\""));
    // Edited: the row's tags are stale, dropped, and the row says so.
    let (_, p) = get(&review.api("/api/project"));
    let p: Value = serde_json::from_str(&p).unwrap();
    let id = p["rows"][0]["id"].as_u64().unwrap();
    let (status, after) = post(
        &review.api("/api/edit"),
        json!({"version": 1, "op": "edit_text", "row": id, "side": "en", "unit": 0, "text": "The Committee adopted resolution 77/278 on 1 June."}),
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["rows"][0]["markup_dropped"], true);
    let second = export("b.tmx");
    assert!(!second.contains("<bpt i=\"1\">&lt;b&gt;</bpt>Committee"));
    assert!(second.contains("on 1 June."));
}

// ---- the page in a real browser -------------------------------------------------

/// A WebDriver session with chromedriver (the W3C protocol over HTTP).
struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn chromedriver() -> Option<(String, String)> {
    let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let chrome = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())?;
    Some((driver.to_string(), chrome.to_string()))
}

impl Browser {
    fn start(driver: &str, chrome: &str, width: u32, height: u32) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chrome,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage",
                         format!("--window-size={width},{height}"),
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let r: Value = ureq::post(&format!("{base}/session"))
            .send_json(caps)
            .unwrap()
            .into_json()
            .unwrap();
        let session = r["value"]["sessionId"].as_str().unwrap().to_string();
        Browser {
            driver: child,
            base,
            session,
            _profile: profile,
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let r = match method {
            "GET" => ureq::get(&url).call(),
            _ => ureq::post(&url).send_json(body),
        };
        match r {
            Ok(r) => r.into_json::<Value>().unwrap()["value"].clone(),
            Err(ureq::Error::Status(code, r)) => {
                panic!(
                    "webdriver {path}: {code} {}",
                    r.into_string().unwrap_or_default()
                )
            }
            Err(e) => panic!("webdriver {path}: {e}"),
        }
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
        self.wait("document.body.dataset.ready === '1'");
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    fn wait(&self, condition: &str) {
        let started = Instant::now();
        while self.js(&format!("return !!({condition});")) != json!(true) {
            if started.elapsed() > Duration::from_secs(20) {
                let message = self.js("return document.getElementById('message').textContent;");
                panic!("timed out waiting for {condition}; the page says {message}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Keys typed on the focused element, as a keyboard user does.
    fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        self.cmd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    /// Ctrl + a key.
    fn ctrl(&self, key: char) {
        const CONTROL: &str = "\u{E009}";
        self.cmd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": CONTROL},
                {"type": "keyDown", "value": key.to_string()},
                {"type": "keyUp", "value": key.to_string()},
                {"type": "keyUp", "value": CONTROL}]}]}),
        );
    }

    fn screenshot(&self, path: &Path) {
        let png = self.cmd("GET", "/screenshot", Value::Null);
        let bytes = base64_decode(png.as_str().unwrap());
        std::fs::write(path, bytes).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | value(c) << (18 - 6 * i));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    out
}

fn browser_or_skip() -> Option<(String, String)> {
    let found = chromedriver();
    if found.is_none() {
        // .ci/run installs Chromium and ChromeDriver, so CI always runs the browser tests.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium and chromedriver"
        );
        eprintln!("chromium/chromedriver not installed: browser test skipped");
    }
    found
}

#[test]
fn a_reviewer_works_through_the_page_with_the_keyboard() {
    let Some((driver, chrome)) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (zh, en, project) = pdf_pair(dir.path());
    let review = Review::start(&[&zh, &en, "--project", project.to_str().unwrap()]);
    let browser = Browser::start(&driver, &chrome, 1280, 900);
    browser.go(&review.url);
    let rows = || {
        browser
            .js("return state.project.rows.length;")
            .as_u64()
            .unwrap()
    };
    let current = || browser.js("return state.current;").as_u64().unwrap();
    // Text is shown as written: an apostrophe is not an escape code with a number in it.
    assert_eq!(
        browser.js(r#"return highlight("the Secretary-General's <b> report 77/278", []);"#),
        "the Secretary-General&#39;s &lt;b&gt; report <mark>77/278</mark>"
    );
    let version = || {
        browser
            .js("return state.project.version;")
            .as_u64()
            .unwrap()
    };
    let n0 = rows();
    assert!(n0 > 140);
    // CJK and Latin text both on the page.
    let text = browser.js("return document.getElementById('rows-body').innerText;");
    assert!(text.as_str().unwrap().contains("经济及社会理事会"));

    // Next suspicious row with `n` (the first row, English only, is one; so is the next one found).
    browser.keys("n");
    browser.keys("n");
    let at = current();
    // The picture in the README (target/tmp/review.png).
    browser.screenshot(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("review.png"));
    assert!(browser.js(&format!("return suspicious(state.project.rows[{at}]);")) == json!(true));
    browser.keys("j");
    assert_eq!(current(), at + 1);
    browser.keys("k");
    assert_eq!(current(), at);

    // Link the first row (English only) with the next (m), then unlink it again (u).
    browser.js("select(0); return 0;");
    let v = version();
    browser.keys("m");
    browser.wait(&format!("state.project.version === {}", v + 1));
    assert_eq!(rows(), n0 - 1);
    browser.keys("u");
    browser.wait(&format!("state.project.version === {}", v + 2));
    assert_eq!(rows(), n0);

    // Split an English unit at a cursor in the editor, then merge the halves again.
    let target = browser
        .js("return state.project.rows.findIndex(r => r.en.length === 1 && r.en[0].length > 80 && r.zh.length === 1);")
        .as_u64()
        .unwrap();
    browser.js(&format!("select({target}); return 0;"));
    browser.keys("e");
    browser.wait("document.getElementById('editor').open");
    browser.js("const t = document.getElementById('edit-en-0'); t.focus(); t.setSelectionRange(40, 40); return 0;");
    let v = version();
    browser.js("document.getElementById('edit-en-0').parentElement.querySelector('button[data-act=split]').click(); return 0;");
    browser.wait(&format!("state.project.version === {}", v + 1));
    assert_eq!(
        browser.js(&format!("return state.project.rows[{target}].en.length;")),
        json!(2)
    );
    let merge_en = "document.getElementById('edit-en-0').parentElement.querySelector('button[data-act=merge]')";
    browser.wait(merge_en);
    browser.js(&format!("{merge_en}.click(); return 0;"));
    browser.wait(&format!("state.project.version === {}", v + 2));
    assert_eq!(
        browser.js(&format!("return state.project.rows[{target}].en.length;")),
        json!(1)
    );
    // Correct a typo and save.
    browser.wait("document.getElementById('edit-en-0')");
    browser.js("const t = document.getElementById('edit-en-0'); t.value = t.value + ' [checked]'; return 0;");
    browser.js("document.getElementById('editor-save').click(); return 0;");
    browser.wait(&format!("state.project.version === {}", v + 3));
    assert!(!browser
        .js("return document.getElementById('editor').open;")
        .as_bool()
        .unwrap());

    // Confirm (c), undo (Ctrl+Z), redo (Ctrl+Y).
    browser.keys("c");
    browser.wait("state.project.confirmed === 1");
    browser.ctrl('z');
    browser.wait("state.project.confirmed === 0");
    browser.ctrl('y');
    browser.wait("state.project.confirmed === 1");
    assert!(browser
        .js("return document.getElementById('progress').textContent;")
        .as_str()
        .unwrap()
        .starts_with("1 / "));

    // Reload: everything is still there.
    browser.go(&review.url);
    assert_eq!(browser.js("return state.project.confirmed;"), json!(1));
    assert!(browser
        .js(&format!("return state.project.rows[{target}].en[0];"))
        .as_str()
        .unwrap()
        .ends_with("[checked]"));

    // Export TMX as the page does; valid against the TMX 1.4b DTD where xmllint is.
    let tmx = browser
        .cmd(
            "POST",
            "/execute/async",
            json!({"script": "const done = arguments[0]; fetch(`/api/export?format=tmx&confirmed_only=0&token=${TOKEN}`).then(r => r.text()).then(done);", "args": []}),
        )
        .as_str()
        .unwrap()
        .to_string();
    assert!(tmx.contains("[checked]") && tmx.contains("<prop type=\"x-review\">confirmed</prop>"));
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/tmx14.dtd");
    let tmx_path = dir.path().join("review.tmx");
    std::fs::write(&tmx_path, &tmx).unwrap();
    if dtd.exists() && Path::new("/usr/bin/xmllint").exists() {
        let o = Command::new("xmllint")
            .args(["--noout", "--dtdvalid"])
            .arg(&dtd)
            .arg(&tmx_path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    // The key list opens with `?` and closes with it.
    browser.keys("?");
    browser.wait("document.getElementById('keys-help').open");
    browser.keys("?");
    browser.wait("!document.getElementById('keys-help').open");
    // Every control has a name a screen reader can read.
    let unnamed = browser.js(
        "return [...document.querySelectorAll('button, input, select')].filter(e => !(e.textContent.trim() || e.getAttribute('aria-label') || e.closest('label') || e.title)).length;",
    );
    assert_eq!(unnamed, json!(0));

    // A narrow window (as 200% zoom on a laptop): no sideways scrolling.
    let narrow = Browser::start(&driver, &chrome, 480, 800);
    narrow.go(&review.url);
    assert_eq!(
        narrow.js(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"
        ),
        json!(true)
    );
}

#[test]
fn a_two_thousand_row_review_is_measured_in_the_browser() {
    let Some((driver, chrome)) = browser_or_skip() else {
        return;
    };
    // 2,000+ rows: the report pair's alignment, 14 times, reviewed as a corpus.
    let dir = tempfile::tempdir().unwrap();
    let one = common::bitext(&[
        "align",
        "data/cpc63-programme25/zh.txt",
        "data/cpc63-programme25/en.txt",
        "-f",
        "jsonl",
    ]);
    let corpus = dir.path().join("big.jsonl");
    std::fs::write(&corpus, stdout(&one).repeat(14)).unwrap();
    let review = Review::start(&[corpus.to_str().unwrap()]);
    let browser = Browser::start(&driver, &chrome, 1280, 900);
    browser.go(&review.url);
    let rows = browser
        .js("return state.project.rows.length;")
        .as_u64()
        .unwrap();
    assert!(rows >= 2000, "{rows}");
    let paint = browser.js(
        "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;",
    );
    let loaded = browser.js("return window.bitextLoadMs;");
    let parts = browser.js("return window.bitextTimings;");
    let probe = browser.js("const a = performance.now(); const html = state.project.rows.map(rowHtml).join(''); const b = performance.now(); document.getElementById('rows-body').innerHTML = html; const c = performance.now(); document.body.offsetHeight; const d = performance.now(); return [b-a, c-b, d-c];");
    eprintln!("probe html/innerHTML/layout: {probe}");
    let jump = browser.js(
        "select(0); const t = performance.now(); for (let i = 0; i < 20; i++) document.getElementById('next-suspicious').click(); return (performance.now() - t) / 20;",
    );
    // Figures for the record (speed is measured, not asserted, in tests).
    eprintln!(
        "review of {rows} rows: first contentful paint {paint} ms, rows loaded and drawn {loaded} ms ({parts}), next-suspicious jump {jump} ms"
    );
    assert!(browser.js("return state.current;").as_u64().unwrap() > 0);
}

#[test]
fn a_reviewed_tmx_exports_its_dates_and_link_shapes_and_tables_say_what_they_drop() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("a.tmx");
    let o = common::bitext(&[
        "align",
        "tests/fixtures/docx/zh.docx",
        "tests/fixtures/docx/en.docx",
        "-o",
        tmx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shape = |text: &str, prop: &str| -> Vec<String> {
        text.split(&format!("<prop type=\"{prop}\">"))
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_string())
            .collect()
    };
    let original = std::fs::read_to_string(&tmx).unwrap();
    let types = shape(&original, "x-link-type");
    assert!(
        types.iter().any(|t| t != "1-1"),
        "the fixture has n:m links"
    );
    assert!(!shape(&original, "x-document-date").is_empty());

    // Converted to a table, the dates have no column: said, not silent.
    let o = common::bitext(&[
        "convert",
        tmx.to_str().unwrap(),
        "-o",
        dir.path().join("a.tsv").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("document date or footnote references"),
        "{}",
        stderr(&o)
    );

    // Reviewed and exported untouched: the same links, dates and shapes.
    let project = dir.path().join("a.review.json");
    let review = Review::start(&[
        tmx.to_str().unwrap(),
        "--project",
        project.to_str().unwrap(),
    ]);
    drop(review);
    let back = dir.path().join("back.tmx");
    let o = common::bitext(&[
        "convert",
        project.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let exported = std::fs::read_to_string(&back).unwrap();
    assert_eq!(shape(&exported, "x-link-type"), types);
    assert_eq!(
        shape(&exported, "x-document-date"),
        shape(&original, "x-document-date")
    );
}
