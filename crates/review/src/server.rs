//! The local review server: 127.0.0.1 only, every request must carry the run's random
//! token (`?token=`) and a local `Host` (no DNS rebinding), only its own embedded
//! assets and API are served, and each edit is saved to the project file before the
//! answer goes back.

use crate::project::{Annotate, Op, Project};
use crate::Error;
use bitext_formats::{CorpusWriter, Format, WriterOptions};
use bitext_pipeline::output::{write_atomically, Target};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// The largest edit request the server takes: a unit's text is a sentence or a
/// paragraph, and a request of many megabytes is a mistake or an attack that would
/// be saved into the project (and sent back with every view).
pub const MAX_EDIT_BYTES: usize = 1 << 20;

/// How the server runs.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// Port on 127.0.0.1; 0 takes a free one.
    pub port: u16,
    /// Rows scored below this are "low confidence" on the page.
    pub low_score: f64,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            port: 0,
            low_score: 0.9,
        }
    }
}

struct State {
    project: Project,
    path: PathBuf,
    annotate: Box<dyn Annotate + Send>,
}

/// The lock file beside a project (`NAME.review.json.lock`). The project file itself
/// is replaced by every save (atomically, by rename), so it cannot carry the lock.
fn lock_path(project: &std::path::Path) -> PathBuf {
    let mut name = project.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Hold the project for this process: a second review server on the same project
/// would answer edits that the first one's saves then overwrite. The lock is the
/// operating system's (released when the process ends, however it ends); the file
/// names the process holding it.
fn lock_project(project: &std::path::Path) -> Result<std::fs::File, Error> {
    let path = lock_path(project);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.file_type().is_file()) {
        return Err(Error::Io(format!(
            "{}: the review lock is not a regular file; remove it",
            path.display()
        )));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| {
            Error::Io(format!(
                "{}: cannot create the review lock: {e}",
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            let holder = holder.trim();
            return Err(Error::Io(format!(
                "{}: another bitext review is serving this project{}; stop it (Ctrl+C) or review in its page, so that no edit is lost",
                project.display(),
                if holder.is_empty() { String::new() } else { format!(" (process {holder})") }
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(Error::Io(format!("{}: cannot lock: {e}", path.display())))
        }
    }
    let _ = file.set_len(0);
    let _ = (&file).write_all(std::process::id().to_string().as_bytes());
    Ok(file)
}

/// A running review.
pub struct ReviewServer {
    /// Held while the server lives (see [`lock_project`]).
    _lock: std::fs::File,
    http: tiny_http::Server,
    token: String,
    port: u16,
    low_score: f64,
    state: Mutex<State>,
}

impl std::fmt::Debug for ReviewServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewServer")
            .field("port", &self.port)
            .finish()
    }
}

fn random_token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io(format!("no random token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Save the project atomically.
pub fn save(project: &Project, path: &std::path::Path) -> Result<(), Error> {
    write_atomically::<bitext_pipeline::Error, _>(&Target::File(path.to_path_buf()), |out| {
        out.write_all(project.to_json().as_bytes())
            .map_err(bitext_pipeline::Error::Io)
    })?;
    Ok(())
}

impl ReviewServer {
    /// Bind 127.0.0.1 and save the project once (so the file exists from the start).
    pub fn bind(
        project: Project,
        path: PathBuf,
        annotate: Box<dyn Annotate + Send>,
        options: ServeOptions,
    ) -> Result<Self, Error> {
        let lock = lock_project(&path)?;
        save(&project, &path)?;
        let http = tiny_http::Server::http(("127.0.0.1", options.port))
            .map_err(|e| Error::Io(format!("cannot listen on 127.0.0.1:{}: {e}", options.port)))?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| Error::Io("not an IP listener".into()))?;
        Ok(ReviewServer {
            _lock: lock,
            http,
            token: random_token()?,
            port,
            low_score: options.low_score,
            state: Mutex::new(State {
                project,
                path,
                annotate,
            }),
        })
    }

    /// The page's address, with the token.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serve until `stop` is set (checked every 200 ms).
    pub fn run(&self, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            match self.http.recv_timeout(Duration::from_millis(200)) {
                Ok(Some(request)) => self.handle(request),
                Ok(None) => {}
                Err(_) => break,
            }
        }
    }

    fn handle(&self, mut request: tiny_http::Request) {
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
        let param = |name: &str| {
            query.split('&').find_map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k == name).then(|| v.to_string())
            })
        };
        let host_ok = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string())
            .is_some_and(|h| {
                h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port)
            });
        if !host_ok || param("token").as_deref() != Some(self.token.as_str()) {
            return respond(
                request,
                403,
                "text/plain",
                "forbidden: this review needs the address bitext printed (with its token)".into(),
                None,
            );
        }
        let method = request.method().clone();
        let mut body = String::new();
        if method == tiny_http::Method::Post {
            if request
                .as_reader()
                .take(MAX_EDIT_BYTES as u64 + 1)
                .read_to_string(&mut body)
                .is_err()
            {
                return respond(
                    request,
                    400,
                    "text/plain",
                    "unreadable request".into(),
                    None,
                );
            }
            if body.len() > MAX_EDIT_BYTES {
                return respond(
                    request,
                    413,
                    "application/json",
                    error_json(&format!(
                        "an edit is at most {} MiB: split the text over several units",
                        MAX_EDIT_BYTES >> 20
                    )),
                    None,
                );
            }
        }
        let (status, kind, content, attachment) = match (method, path) {
            (tiny_http::Method::Get, "/") => (
                200,
                "text/html; charset=utf-8",
                INDEX_HTML.replace("{{TOKEN}}", &self.token),
                None,
            ),
            (tiny_http::Method::Get, "/app.js") => (
                200,
                "text/javascript; charset=utf-8",
                APP_JS.to_string(),
                None,
            ),
            (tiny_http::Method::Get, "/app.css") => {
                (200, "text/css; charset=utf-8", APP_CSS.to_string(), None)
            }
            (tiny_http::Method::Get, "/api/project") => {
                let state = self.state.lock().expect("state");
                (
                    200,
                    "application/json",
                    self.view(&state.project).to_string(),
                    None,
                )
            }
            (tiny_http::Method::Post, "/api/edit" | "/api/undo" | "/api/redo") => {
                let (status, json) = self.edit(path, &body);
                (status, "application/json", json, None)
            }
            (tiny_http::Method::Get, "/api/export") => {
                let format = param("format").unwrap_or_else(|| "tmx".into());
                let confirmed_only = param("confirmed_only").as_deref() == Some("1");
                match self.export(&format, confirmed_only) {
                    Ok(bytes) => (
                        200,
                        "application/octet-stream",
                        bytes,
                        Some(format!("review.{format}")),
                    ),
                    Err(e) => (400, "text/plain", e, None),
                }
            }
            _ => (404, "text/plain", "not found".into(), None),
        };
        respond(request, status, kind, content, attachment);
    }

    /// What the page shows of a project.
    fn view(&self, project: &Project) -> serde_json::Value {
        let (confirmed, total) = project.progress();
        serde_json::json!({
            "version": project.version,
            "rows": project.rows,
            "confirmed": confirmed,
            "total": total,
            "doc": project.doc,
            "low_score": self.low_score,
            "can_undo": !project.undo.is_empty(),
            "can_redo": !project.redo.is_empty(),
        })
    }

    /// A refused edit: why, and the project as it stands, for the page to show.
    fn conflict(&self, message: String, project: &Project) -> (u16, String) {
        let body = serde_json::json!({"error": message, "project": self.view(project)});
        (409, body.to_string())
    }

    fn edit(&self, path: &str, body: &str) -> (u16, String) {
        struct Request {
            version: u64,
            op: Option<Op>,
        }
        // The op is read on its own, so that an unknown one is named as such (a
        // flattened optional op would read as "no op").
        let parsed = serde_json::from_str::<serde_json::Value>(body)
            .map_err(|e| e.to_string())
            .and_then(|value| {
                let version = value
                    .get("version")
                    .and_then(serde_json::Value::as_u64)
                    .ok_or("no version (a whole number) given")?;
                let op = match value.get("op") {
                    None => None,
                    Some(_) => {
                        Some(serde_json::from_value::<Op>(value).map_err(|e| e.to_string())?)
                    }
                };
                Ok(Request { version, op })
            });
        let request = match parsed {
            Ok(r) => r,
            Err(e) => return (400, error_json(&format!("not an edit: {e}"))),
        };
        let mut state = self.state.lock().expect("state");
        // Another `bitext review` on the same project file saved since we read it:
        // take its version and refuse this edit, rather than overwrite its work.
        if let Ok(on_disk) = Project::open(&state.path) {
            if on_disk.version != state.project.version {
                let message = format!("the project file was changed by another bitext review (now version {}); this page now shows it", on_disk.version);
                state.project = on_disk;
                return self.conflict(message, &state.project);
            }
        }
        let before = state.project.clone();
        let State {
            project, annotate, ..
        } = &mut *state;
        let result = match (path, request.op) {
            ("/api/undo", _) => project.undo(request.version),
            ("/api/redo", _) => project.redo(request.version),
            (_, Some(op)) => project.apply(op, request.version, annotate.as_ref()),
            (_, None) => Err(Error::Edit("no op given".into())),
        };
        match result {
            Ok(()) => match save(&state.project, &state.path) {
                Ok(()) => (200, self.view(&state.project).to_string()),
                Err(e) => {
                    // Not saved: not done, so the page and the file never disagree.
                    state.project = before;
                    (500, error_json(&format!("the edit was not saved: {e}")))
                }
            },
            Err(e @ Error::Stale { .. }) => self.conflict(e.to_string(), &state.project),
            Err(e) => (400, error_json(&e.to_string())),
        }
    }

    fn export(&self, format: &str, confirmed_only: bool) -> Result<String, String> {
        let format = match format {
            "tmx" => Format::Tmx,
            "tsv" => Format::Tsv,
            "csv" => Format::Csv,
            "jsonl" => Format::Jsonl,
            other => return Err(format!("cannot export as {other:?} (tmx, tsv, csv, jsonl)")),
        };
        let state = self.state.lock().expect("state");
        let mut out = Vec::new();
        let options = WriterOptions {
            creation_date: bitext_pipeline::corpus::creation_date(),
            ..WriterOptions::default()
        };
        let mut writer = CorpusWriter::new(&mut out, format, options).map_err(|e| e.to_string())?;
        for r in state.project.records(confirmed_only) {
            writer.write(&r).map_err(|e| e.to_string())?;
        }
        writer.finish().map_err(|e| e.to_string())?;
        String::from_utf8(out).map_err(|e| e.to_string())
    }
}

fn error_json(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}

fn respond(
    request: tiny_http::Request,
    status: u16,
    kind: &str,
    body: String,
    attachment: Option<String>,
) {
    let mut response = tiny_http::Response::from_string(body).with_status_code(status);
    let headers = [
        ("Content-Type", kind.to_string()),
        ("Cache-Control", "no-store".to_string()),
        // Nothing from anywhere else: the page works with no network.
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; connect-src 'self'".to_string(),
        ),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ]
    .into_iter()
    .chain(attachment.map(|name| {
        (
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        )
    }));
    for (field, value) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(field.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // A closed tab mid-answer is not an error.
    let _ = request.respond(response);
}
