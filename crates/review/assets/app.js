// bitext review page: no framework, no network beyond this server.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
const state = { project: null, current: 0, filters: new Set(), query: "" };

function api(path, body) {
  const url = `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(TOKEN)}`;
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  return fetch(url, init).then(async (r) => ({ status: r.status, json: await r.json().catch(() => ({})) }));
}

function say(text, info) {
  const m = $("message");
  m.textContent = text || "";
  m.className = info ? "info" : "";
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Numbers and symbols are the anchors; the ones only one side has are marked.
function highlight(text, mismatched) {
  const keys = new Set(mismatched.map((k) => k.slice(k.indexOf(":") + 1)));
  // Matched on the text itself, each piece escaped after: escaping first would
  // show the 39 of an escaped apostrophe (&#39;) as a number.
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/[A-Z]*\/?[0-9][0-9A-Za-z.\/,]*/g)) {
    const bare = m[0].replace(/[.,]+$/, "");
    const cls = keys.has(bare) || keys.has(bare.replace(/,/g, "")) ? ' class="mismatch"' : "";
    out += escapeHtml(text.slice(last, m.index)) + `<mark${cls}>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

function kinds(row) {
  const low = state.project.low_score;
  const k = [];
  if (row.score < low) k.push("low");
  if (row.zh_only.length || row.en_only.length) k.push("anchor");
  if (!row.zh.length || !row.en.length) k.push("onesided");
  if (row.findings.length) k.push("finding");
  if (!row.confirmed) k.push("unconfirmed");
  return k;
}

function suspicious(row) {
  return !row.confirmed && kinds(row).some((k) => k !== "unconfirmed");
}

function visible(row) {
  const k = kinds(row);
  if (state.filters.size && ![...state.filters].some((f) => k.includes(f))) return false;
  if (state.query) {
    const q = state.query.toLowerCase();
    return row.zh.join("").toLowerCase().includes(q) || row.en.join(" ").toLowerCase().includes(q);
  }
  return true;
}

function side(units, mismatched, lang) {
  if (!units.length) return `<span class="empty">(${lang === "zh" ? "no Chinese" : "no English"})</span>`;
  return units.map((u) => `<div class="unit">${highlight(u, mismatched)}</div>`).join("");
}

function rowHtml(row, i) {
  const band = row.score >= 0.95 ? "ok" : row.score >= 0.8 ? "mid" : "low";
  const cls = [`band-${band}`];
  // Rows are grouped by paragraph: a new block starts with a rule above it.
  const prev = i > 0 ? state.project.rows[i - 1] : null;
  if (!prev || (prev.block || "") !== (row.block || "")) cls.push("block-start");
  if (row.confirmed) cls.push("confirmed");
  if (!visible(row)) cls.push("hidden");
  const flags = [];
  if (row.zh_only.length) flags.push(`only in Chinese: ${row.zh_only.join(", ")}`);
  if (row.en_only.length) flags.push(`only in English: ${row.en_only.join(", ")}`);
  flags.push(...row.findings);
  if (row.markup_dropped) flags.push("inline codes (tags) of the original TMX are dropped by the edit");
  const status = row.confirmed ? "confirmed" : suspicious(row) ? "to check" : "";
  return `<div id="row-${row.id}" data-index="${i}" class="row ${cls.join(" ")}" role="row" tabindex="-1" aria-label="Row ${i + 1}, score ${row.score.toFixed(2)} ${status}">`
    + `<span role="cell">${i + 1}</span><span role="cell">${escapeHtml(row.block || "")}</span>`
    + `<span role="cell" lang="zh">${side(row.zh, row.zh_only, "zh")}${flags.length ? `<span class="flags">${escapeHtml(flags.join("; "))}</span>` : ""}</span>`
    + `<span role="cell" lang="en">${side(row.en, row.en_only, "en")}</span>`
    + `<span role="cell">${row.score.toFixed(2)}</span></div>`;
}

function render() {
  const p = state.project;
  $("rows-body").innerHTML = p.rows.map(rowHtml).join("");
  $("progress").textContent = `${p.confirmed} / ${p.total} rows confirmed`;
  $("doc").textContent = p.doc || "";
  $("undo").disabled = !p.can_undo;
  $("redo").disabled = !p.can_redo;
  state.current = Math.min(state.current, p.rows.length - 1);
  select(state.current, false);
}

function currentRow() {
  return state.project.rows[state.current];
}

function select(i, focus = true) {
  const body = $("rows-body");
  const old = body.querySelector(".row.current");
  if (old) { old.classList.remove("current"); old.removeAttribute("aria-selected"); old.tabIndex = -1; }
  state.current = Math.max(0, Math.min(i, state.project.rows.length - 1));
  const tr = body.children[state.current];
  if (!tr) return;
  tr.classList.add("current");
  tr.setAttribute("aria-selected", "true");
  tr.tabIndex = 0;
  $("current-label").textContent = `Row ${state.current + 1}`;
  if (focus) { tr.focus({ preventScroll: true }); tr.scrollIntoView({ block: "nearest" }); }
}

function step(direction, test) {
  const rows = state.project.rows;
  for (let i = state.current + direction; i >= 0 && i < rows.length; i += direction) {
    if (visible(rows[i]) && test(rows[i])) { select(i); return true; }
  }
  say(direction > 0 ? "no further row below" : "no further row above", true);
  return false;
}

async function send(path, op) {
  let reply;
  try {
    reply = await api(path, Object.assign({ version: state.project.version }, op || {}));
  } catch (e) {
    say("cannot reach bitext review: is it still running? (the edit was not saved)");
    return false;
  }
  const { status, json } = reply;
  if (status === 200) {
    const id = currentRow() && currentRow().id;
    state.project = json;
    const again = json.rows.findIndex((r) => r.id === id);
    if (again >= 0) state.current = again;
    render();
    say("saved", true);
    return true;
  }
  if (status === 409) {
    // Another tab saved first: show its work; this edit was not applied.
    state.project = json.project;
    render();
    say(`${json.error}. Your last edit was not applied; make it again if it is still needed.`);
    return false;
  }
  say(json.error || `error ${status}`);
  return false;
}

const edit = (op) => send("/api/edit", op);

function unitOffset(textarea) {
  return Array.from(textarea.value.slice(0, textarea.selectionStart)).length;
}

function openEditor() {
  const row = currentRow();
  if (!row) return;
  const box = $("editor-units");
  box.innerHTML = "";
  for (const [sideName, units] of [["zh", row.zh], ["en", row.en]]) {
    units.forEach((text, u) => {
      const id = `edit-${sideName}-${u}`;
      const wrap = document.createElement("div");
      wrap.innerHTML = `<label for="${id}">${sideName === "zh" ? "Chinese" : "English"} unit ${u + 1}</label>`
        + `<textarea id="${id}" lang="${sideName}" data-side="${sideName}" data-unit="${u}"></textarea>`
        + `<div class="line"><button type="button" data-act="split">Split at cursor</button>`
        + (u > 0 ? `<button type="button" data-act="boundary">Boundary with previous here</button>` : "")
        + (u + 1 < units.length ? `<button type="button" data-act="merge">Merge with next unit</button>` : "")
        + `</div>`;
      wrap.querySelector("textarea").value = text;
      box.appendChild(wrap);
      wrap.querySelectorAll("button").forEach((b) => b.addEventListener("click", async () => {
        const ta = wrap.querySelector("textarea");
        const r = currentRow();
        const at = unitOffset(ta);
        let ok = false;
        if (b.dataset.act === "split") ok = await edit({ op: "split_unit", row: r.id, side: sideName, unit: u, at });
        if (b.dataset.act === "merge") ok = await edit({ op: "merge_units", row: r.id, side: sideName, unit: u });
        if (b.dataset.act === "boundary") {
          const prev = Array.from(r[sideName][u - 1]).length + (sideName === "en" ? 1 : 0);
          ok = await edit({ op: "move_boundary", row: r.id, side: sideName, unit: u - 1, at: prev + at });
        }
        if (ok) openEditor();
      }));
    });
  }
  const dialog = $("editor");
  if (!dialog.open) dialog.showModal();
  const first = box.querySelector("textarea");
  if (first) first.focus();
}

async function saveEditor() {
  const row = currentRow();
  for (const ta of $("editor-units").querySelectorAll("textarea")) {
    const sideName = ta.dataset.side;
    const u = Number(ta.dataset.unit);
    if (ta.value.trim() !== row[sideName][u]) {
      if (!(await edit({ op: "edit_text", row: row.id, side: sideName, unit: u, text: ta.value }))) return;
    }
  }
  $("editor").close();
  select(state.current);
}

async function exportCorpus() {
  const format = $("export-format").value;
  const only = $("confirmed-only").checked ? "1" : "0";
  const url = `/api/export?format=${format}&confirmed_only=${only}&token=${encodeURIComponent(TOKEN)}`;
  const r = await fetch(url);
  if (r.status !== 200) { say(await r.text()); return; }
  const blob = await r.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `review.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  say(`exported ${format.toUpperCase()}`, true);
}

function wire() {
  $("rows-body").addEventListener("click", (e) => {
    const tr = e.target.closest(".row");
    if (tr) select(Number(tr.dataset.index));
  });
  $("next-suspicious").addEventListener("click", () => step(1, suspicious));
  $("prev-suspicious").addEventListener("click", () => step(-1, suspicious));
  $("undo").addEventListener("click", () => send("/api/undo"));
  $("redo").addEventListener("click", () => send("/api/redo"));
  $("confirm").addEventListener("click", () => { const r = currentRow(); edit({ op: "confirm", row: r.id, confirmed: !r.confirmed }); });
  $("confirm-above").addEventListener("click", () => edit({ op: "confirm_above", score: Number($("confirm-threshold").value) }));
  $("merge").addEventListener("click", () => edit({ op: "merge", row: currentRow().id }));
  $("unlink").addEventListener("click", () => edit({ op: "unlink", row: currentRow().id }));
  for (const [id, s, up] of [["zh-up", "zh", true], ["zh-down", "zh", false], ["en-up", "en", true], ["en-down", "en", false]]) {
    $(id).addEventListener("click", () => edit({ op: "move_unit", row: currentRow().id, side: s, up }));
  }
  $("edit").addEventListener("click", openEditor);
  $("editor-save").addEventListener("click", saveEditor);
  $("export").addEventListener("click", exportCorpus);
  $("search").addEventListener("input", (e) => { state.query = e.target.value.trim(); render(); });
  $("search").addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); step(1, () => true) || step(-1, () => true); }
    if (e.key === "Escape") { e.target.blur(); select(state.current); }
  });
  $("filters").addEventListener("change", () => {
    state.filters = new Set([...$("filters").querySelectorAll("input:checked")].map((i) => i.value));
    render();
  });
  document.addEventListener("keydown", (e) => {
    if ($("editor").open || e.target.closest("input, textarea, select")) return;
    if ($("keys-help").open && e.key !== "?") return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.key.toLowerCase() === "z") { e.preventDefault(); send(e.shiftKey ? "/api/redo" : "/api/undo"); return; }
    if (ctrl && e.key.toLowerCase() === "y") { e.preventDefault(); send("/api/redo"); return; }
    if (ctrl || e.altKey) return;
    const keys = {
      j: () => step(1, () => true), ArrowDown: () => step(1, () => true),
      k: () => step(-1, () => true), ArrowUp: () => step(-1, () => true),
      n: () => step(1, suspicious), p: () => step(-1, suspicious), N: () => step(-1, suspicious),
      c: () => $("confirm").click(), m: () => $("merge").click(), u: () => $("unlink").click(),
      e: openEditor, "/": () => $("search").focus(),
    };
    if (e.key === "?") { e.preventDefault(); $("keys-help").open ? $("keys-help").close() : $("keys-help").showModal(); return; }
    if (e.key === "g") {
      e.preventDefault();
      const n = Number(prompt("Go to row number", String(state.current + 1)));
      if (n >= 1) select(n - 1);
      return;
    }
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
}

async function load() {
  const t0 = performance.now();
  const { status, json } = await api("/api/project");
  if (status !== 200) { say(json.error || "cannot load the project"); return; }
  const t1 = performance.now();
  state.project = json;
  render();
  select(0);
  window.bitextLoadMs = performance.now() - t0;
  window.bitextTimings = { fetch: t1 - t0, render: performance.now() - t1 };
  document.body.dataset.ready = "1";
}

wire();
load();
