/* cleaner review report. Every piece of document text reaches the page through
   textContent / createTextNode, never as HTML, so nothing in a document can run. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("cleaner-data").textContent);
  const RULES = DATA.rules;
  const DOCS = DATA.docs;
  const STORE = "cleaner-review:" + DATA.log_sha256;
  const STATUSES = ["applied", "suggested", "rolled_back"];
  const SAFETIES = ["safe", "unsafe", "suggestion"];
  const CONTEXT_LINES = 2, CONTEXT_CHARS = 220, MIN_FOLD_CHARS = 500, MIN_FOLD_LINES = 5;

  // ---- state --------------------------------------------------------------------------------
  // Maps keyed by document ids, edit ids and rule codes have no prototype: a document named
  // "__proto__", "constructor" or "toString" is a key like any other.
  function dict() { return Object.create(null); }
  const state = {
    edits: dict(),      // doc id -> {edit id: "accept" | "reject"}
    rules: dict(),      // rule code -> "accept" | "reject"
    f: { family: "", rule: "", status: new Set(STATUSES), safety: new Set(SAFETIES),
         cmin: 0, cmax: 1, decision: "", q: "" },
    sort: "log", page: 0, pageSize: 20,
    sel: null,          // [doc index, edit index] shown in the popover
  };

  DOCS.forEach(function (d, di) {
    d.i = di;
    d.ed.forEach(function (e, ei) { e.i = ei; e.d = d; e.fam = (RULES[e.r] || {}).family || "other"; });
    d.clusters = clusterEdits(d.ed);
  });

  // ---- small DOM helpers (text only, never HTML) ---------------------------------------------
  function h(tag, attrs) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const k in attrs) {
        const v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else if (k === "title") el.title = v;
        else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (let i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(el, c); }); return; }
    el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  function $(id) { return document.getElementById(id); }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : (many || one + "s")); }

  // Invisible and ambiguous characters inside an edit are shown by name.
  const NAMES = { "\u00a0": "NBSP", "\u00ad": "SHY", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ",
    "\u200e": "LRM", "\u200f": "RLM", "\u2009": "THIN SP", "\u202f": "NNBSP", "\u2028": "LSEP", "\u2029": "PSEP",
    "\u2060": "WJ", "\ufeff": "BOM", "\t": "TAB", "\r": "CR", "\u3000": "IDEO SP" };
  const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]/;
  function visible(str, el) {
    const onlySpace = /^[\s\u200b-\u200d\u2060\ufeff\u00ad]*$/.test(str);
    for (const ch of str) {
      if (ch === "\n") { el.appendChild(h("span", { class: "inv nl", text: "\u21b5" })); el.appendChild(document.createTextNode("\n")); }
      else if (ch === " " && onlySpace) el.appendChild(h("span", { class: "inv sp", text: "\u00b7" }));
      else if (INVISIBLE.test(ch)) {
        const code = ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        el.appendChild(h("span", { class: "inv", text: NAMES[ch] || "U+" + code, title: "U+" + code }));
      } else el.appendChild(document.createTextNode(ch));
    }
    return el;
  }

  // ---- decisions ----------------------------------------------------------------------------
  function defaultVerdict(e) { return e.st === "applied" ? "accept" : "reject"; }
  function ruleVerdict(code) {
    if (state.rules[code]) return [state.rules[code], "rule " + code];
    let best = "";
    for (const p in state.rules) if (code.indexOf(p) === 0 && p.length > best.length) best = p;
    return best ? [state.rules[best], "rule " + best] : null;
  }
  function verdict(e) {
    const own = (state.edits[e.d.id] || {})[e.id];
    if (own) return [own, "your decision on this edit"];
    const byRule = ruleVerdict(e.r);
    if (byRule) return [byRule[0], "your decision on " + byRule[1]];
    return [defaultVerdict(e), e.st === "applied" ? "default: applied edits are accepted"
      : "default: " + e.st.replace("_", " ") + " edits are not applied unless accepted"];
  }
  function setEdit(e, v) {
    const per = state.edits[e.d.id] || (state.edits[e.d.id] = dict());
    if (v) per[e.id] = v; else delete per[e.id];
    if (!Object.keys(per).length) delete state.edits[e.d.id];
    if (v === "accept") {  // alternatives for the same words: accepting one rejects the others
      const cl = e.d.clusters.find(function (c) { return c.edits.indexOf(e) >= 0; });
      if (cl) cl.edits.forEach(function (o) { if (o !== e && verdict(o)[0] === "accept") setEdit(o, "reject"); });
    }
  }
  function setRule(code, v) { if (v) state.rules[code] = v; else delete state.rules[code]; }
  function changed() { save(); refreshMarks(); refreshTally(); refreshRules(); if (state.sel) showPop(); }

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify({ edits: state.edits, rules: state.rules })); } catch (err) { /* file:// may forbid it */ }
  }
  function restore() {
    try {
      const s = JSON.parse(localStorage.getItem(STORE) || "null");
      if (s && typeof s === "object") load(s.edits || {}, s.rules || {});
    } catch (err) { /* nothing saved */ }
  }
  function load(edits, rules) {
    const byId = dict(); DOCS.forEach(function (d) { byId[d.id] = d; });
    state.edits = dict(); state.rules = dict();
    for (const code of Object.keys(rules)) if (rules[code] === "accept" || rules[code] === "reject") state.rules[code] = rules[code];
    for (const doc of Object.keys(edits)) {
      if (!byId[doc] || !edits[doc] || typeof edits[doc] !== "object") continue;
      const ids = dict(); byId[doc].ed.forEach(function (e) { ids[e.id] = true; });
      for (const id of Object.keys(edits[doc])) {
        const v = edits[doc][id];
        if (ids[id] && (v === "accept" || v === "reject")) (state.edits[doc] || (state.edits[doc] = dict()))[id] = v;
      }
    }
  }
  function exportJSON() {
    return { schema: 1, tool: "cleaner", log: DATA.log, log_sha256: DATA.log_sha256,
      created: new Date().toISOString(), rules: state.rules, decisions: state.edits };
  }
  function download() {
    const blob = new Blob([JSON.stringify(exportJSON(), null, 1) + "\n"], { type: "application/json" });
    const a = h("a", { href: URL.createObjectURL(blob), download: "decisions.json" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
    flash("Saved decisions.json. Apply it with: cleaner apply ORIGINALS --log " + DATA.log + " --decisions decisions.json -o OUT");
  }
  function importFile(file) {
    const reader = new FileReader();
    reader.onload = function () {
      let obj;
      try { obj = JSON.parse(reader.result); } catch (err) { flash("Not a JSON file: " + err.message); return; }
      if (!obj || typeof obj !== "object") { flash("Not a decisions file"); return; }
      if (obj.log_sha256 && obj.log_sha256 !== DATA.log_sha256 &&
          !window.confirm("These decisions were made on another diff log. Load the ones that still match?")) return;
      load(obj.decisions || {}, obj.rules || {});
      changed();
      flash("Loaded decisions from " + file.name);
    };
    reader.readAsText(file);
  }
  function flash(msg) {
    const el = $("flash");
    el.textContent = msg; el.hidden = false;
    clearTimeout(flash.t); flash.t = setTimeout(function () { el.hidden = true; }, 6000);
  }

  // ---- filtering ----------------------------------------------------------------------------
  function filterActive() {
    const f = state.f;
    return !!(f.family || f.rule || f.q || f.decision || f.cmin > 0 || f.cmax < 1 ||
      f.status.size < STATUSES.length || f.safety.size < SAFETIES.length);
  }
  function matches(e, q, docHit) {
    const f = state.f;
    if (f.family && e.fam !== f.family) return false;
    if (f.rule && e.r !== f.rule) return false;
    if (!f.status.has(e.st) || !f.safety.has(e.sf)) return false;
    if (e.c < f.cmin - 1e-9 || e.c > f.cmax + 1e-9) return false;
    if (f.decision) {
      const v = verdict(e);
      if (f.decision === "accept" || f.decision === "reject") { if (v[0] !== f.decision) return false; }
      else if (f.decision === "yours") { if (v[1].indexOf("default") === 0) return false; }
      else if (f.decision === "alt") { if (!e.alt) return false; }
    }
    if (q && !docHit) {
      const hay = e.hay || (e.hay = (e.r + " " + ((RULES[e.r] || {}).name || "") + " " + e.b + " " + e.a + " " + e.m).toLowerCase());
      if (hay.indexOf(q) < 0) return false;
    }
    return true;
  }
  function selection() {
    const q = state.f.q.toLowerCase();
    const out = [];
    let n = 0;
    for (const d of DOCS) {
      const docHit = q && d.id.toLowerCase().indexOf(q) >= 0;
      const hit = new Set();
      for (const e of d.ed) if (matches(e, q, docHit)) hit.add(e);
      if (hit.size) { out.push({ d: d, hit: hit }); n += hit.size; }
    }
    if (state.sort === "most") out.sort(function (a, b) { return b.d.n - a.d.n || a.d.i - b.d.i; });
    else if (state.sort === "id") out.sort(function (a, b) { return a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0; });
    out.edits = n;
    return out;
  }

  // ---- clusters (overlapping edits are alternatives) ------------------------------------------
  function overlap(a, b) {
    if (a.s === a.e && b.s === b.e) return a.s === b.s;
    if (a.s === a.e) return b.s < a.s && a.s < b.e;
    if (b.s === b.e) return a.s < b.s && b.s < a.e;
    return a.s < b.e && b.s < a.e;
  }
  function clusterEdits(edits) {
    const sorted = edits.slice().sort(function (a, b) { return a.s - b.s || a.e - b.e; });
    const out = [];
    for (const e of sorted) {
      const last = out[out.length - 1];
      if (last && last.edits.some(function (o) { return overlap(o, e); })) {
        last.edits.push(e); last.e = Math.max(last.e, e.e);
      } else out.push({ s: e.s, e: e.e, edits: [e] });
    }
    out.forEach(function (c) { if (c.edits.length > 1) c.edits.forEach(function (e) { e.alt = true; }); });
    return out;
  }

  // ---- rendering a document -----------------------------------------------------------------
  function mark(e, isHit) {
    const rule = RULES[e.r] || {};
    const el = h("span", { class: "ed", tabindex: "0", "data-doc": e.d.i, "data-e": e.i, "data-id": e.id, "data-hit": isHit ? "1" : "0",
      "data-rule": e.r, title: e.r + " " + (rule.name || "") + ": " + e.m + "  (confidence " + e.c + ")" });
    if (e.b) el.appendChild(visible(e.b, h("del")));
    if (e.a) el.appendChild(visible(e.a, h("ins")));
    if (!e.b && !e.a) el.appendChild(h("span", { class: "inv", text: "\u2205" }));
    el.appendChild(h("sup", { class: "badge" }));
    paint(el, e);
    return el;
  }
  function paint(el, e) {
    const v = verdict(e);
    const mine = v[1].indexOf("default") !== 0;
    el.className = "ed st-" + e.st + " v-" + v[0] + (mine ? " mine" : "") + (e.alt ? " alt" : "") +
      (el.dataset.hit === "1" ? " hit" : " dim") +
      (state.sel && DOCS[state.sel[0]] === e.d && state.sel[1] === e.i ? " sel" : "");
    el.querySelector(".badge").textContent = mine ? (v[0] === "accept" ? "\u2713" : "\u2717") : "";
  }
  function refreshMarks() {
    document.querySelectorAll("#docs .ed").forEach(function (el) {
      paint(el, DOCS[+el.dataset.doc].ed[+el.dataset.e]);
    });
    document.querySelectorAll("#docs .doc").forEach(function (art) { docTally(DOCS[+art.dataset.doc], art); });
  }

  function renderCluster(d, cl, hit) {
    if (cl.edits.length === 1) return mark(cl.edits[0], hit.has(cl.edits[0]));
    const box = h("span", { class: "alts", title: "alternatives for the same words: accept at most one" });
    cl.edits.forEach(function (e, k) {
      if (k) box.appendChild(h("span", { class: "or", text: "or" }));
      const m = mark(e, hit.has(e));
      box.appendChild(h("span", { class: "alt-one" }, d.t.slice(cl.s, e.s), m, d.t.slice(e.e, cl.e)));
    });
    return box;
  }
  // Text a..b holding clusters i0..i1-1 (none of them straddles a or b).
  function renderRange(d, a, b, i0, i1, hit, into) {
    let pos = a;
    for (let j = i0; j < i1; j++) {
      const cl = d.clusters[j];
      if (cl.s > pos) into.appendChild(document.createTextNode(d.t.slice(pos, cl.s)));
      into.appendChild(renderCluster(d, cl, hit));
      pos = cl.e;
    }
    if (pos < b) into.appendChild(document.createTextNode(d.t.slice(pos, b)));
  }
  // Context kept around an edit: whole lines, or when a line is long, whole sentences (about CONTEXT_CHARS).
  const SENTENCE_END = /[.!?\u3002]["'\u201d\u2019)]*\s/g;
  function sentenceCut(t, from, to) {  // first sentence end in t[from, to), or -1
    SENTENCE_END.lastIndex = from;
    const m = SENTENCE_END.exec(t);
    return m && m.index + m[0].length <= to ? m.index + m[0].length : -1;
  }
  function headEnd(t, a, b) {
    let p = a;
    for (let k = 0; k < CONTEXT_LINES && p < b; k++) { const i = t.indexOf("\n", p); p = i < 0 || i >= b ? b : i + 1; }
    if (p - a > CONTEXT_CHARS) {
      const cut = sentenceCut(t, a + CONTEXT_CHARS - 120, Math.min(b, a + CONTEXT_CHARS + 120));
      p = cut > 0 ? cut : a + CONTEXT_CHARS;
      if (cut < 0) { const sp = t.indexOf(" ", p); if (sp > 0 && sp < p + 40 && sp < b) p = sp + 1; }
    }
    return p;
  }
  function tailStart(t, a, b) {
    let p = b;
    for (let k = 0; k <= CONTEXT_LINES && p > a; k++) { const i = t.lastIndexOf("\n", p - 2); p = i < a ? a : i + 1; if (i < a) break; }
    if (b - p > CONTEXT_CHARS) {
      const cut = sentenceCut(t, Math.max(a, b - CONTEXT_CHARS - 120), b - 40);
      p = cut > 0 ? cut : b - CONTEXT_CHARS;
      if (cut < 0) { const sp = t.lastIndexOf(" ", p); if (sp > p - 40 && sp >= a) p = sp + 1; }
    }
    return p;
  }
  function snapOut(d, p, i0, i1, forward) {  // never fold through the middle of an edit
    for (let j = i0; j < i1; j++) { const cl = d.clusters[j]; if (cl.s < p && p < cl.e) return forward ? cl.e : cl.s; }
    return p;
  }
  function firstAtOrAfter(d, p, i0, i1) { let j = i0; while (j < i1 && d.clusters[j].s < p) j++; return j; }
  function countLines(t, a, b) { let n = 0, i = a; while ((i = t.indexOf("\n", i)) >= 0 && i < b) { n++; i++; } return n; }
  // Unchanged stretch a..b (it may hold edits that the filters leave out, clusters i0..i1-1): long ones fold.
  function renderGap(d, a, b, i0, i1, hit, into, first, last) {
    const t = d.t;
    const hEnd = first ? a : snapOut(d, headEnd(t, a, b), i0, i1, true);
    const tStart = last ? b : snapOut(d, tailStart(t, a, b), i0, i1, false);
    const lines = countLines(t, hEnd, tStart);
    if (tStart <= hEnd || (tStart - hEnd < MIN_FOLD_CHARS && lines < MIN_FOLD_LINES)) { renderRange(d, a, b, i0, i1, hit, into); return; }
    const j = firstAtOrAfter(d, hEnd, i0, i1), m = firstAtOrAfter(d, tStart, j, i1);
    renderRange(d, a, hEnd, i0, j, hit, into);
    const hidden = m - j;
    const label = "\u22ef " + (lines ? plural(lines, "unchanged line") : "unchanged text") + " (" +
      plural(tStart - hEnd, "character") + (hidden ? ", " + plural(hidden, "filtered-out edit") : "") + ") \u2014 show \u22ef";
    const fold = h("button", { class: "fold", type: "button", text: label, title: "Show the folded text" });
    fold.addEventListener("click", function () {
      const span = h("span", { class: "unfolded" });
      renderRange(d, hEnd, tStart, j, m, hit, span);
      fold.replaceWith(span);
    });
    into.appendChild(fold);
    renderRange(d, tStart, b, m, i1, hit, into);
  }
  function renderText(d, hit) {
    const box = h("div", { class: "text" });
    const all = !filterActive();
    let pos = 0, next = 0, first = true;
    d.clusters.forEach(function (cl, k) {
      if (!(all || cl.edits.some(function (e) { return hit.has(e); }))) return;
      renderGap(d, pos, cl.s, next, k, hit, box, first, false);
      box.appendChild(renderCluster(d, cl, hit));
      pos = cl.e; next = k + 1; first = false;
    });
    renderGap(d, pos, d.t.length, next, d.clusters.length, hit, box, first, true);
    return box;
  }
  function renderLogOnly(d, hit) {
    const list = h("ol", { class: "logonly" });
    d.ed.forEach(function (e) {
      const m = mark(e, hit.has(e));
      list.appendChild(h("li", null, h("span", { class: "pos", text: e.l + ":" + e.co }), " ", m, " ",
        h("span", { class: "msg", text: e.m })));
    });
    return list;
  }
  // A suggestion nobody decided on is not applied, but nobody rejected it either: it is "undecided".
  function undecided(e, v) { return e.st !== "applied" && v[1].indexOf("default") === 0; }
  function docTally(d, art) {
    let acc = 0, rej = 0, open = 0;
    d.ed.forEach(function (e) { const v = verdict(e); undecided(e, v) ? open++ : v[0] === "accept" ? acc++ : rej++; });
    const el = art.querySelector(".dtally");
    if (el) el.textContent = fmt(acc) + " accepted \u00b7 " + fmt(rej) + " rejected" +
      (open ? " \u00b7 " + fmt(open) + " undecided (not applied)" : "");
  }
  function countByStatus(d) {
    const counts = dict();
    d.ed.forEach(function (e) { counts[e.st] = (counts[e.st] || 0) + 1; });
    return counts;
  }
  // "60 applied, 2 suggested": the words of the document header's chips, so the two always agree
  function statusCounts(d) {
    const counts = countByStatus(d);
    const parts = STATUSES.filter(function (s) { return counts[s]; }).map(function (s) { return fmt(counts[s]) + " " + s.replace("_", " "); });
    return parts.length ? parts.join(", ") : "no edits";
  }
  function renderDoc(item) {
    const d = item.d, hit = item.hit;
    const counts = countByStatus(d);
    const art = h("article", { class: "doc", id: "doc-" + d.i, "data-doc": d.i, "data-id": d.id });
    const chips = STATUSES.filter(function (s) { return counts[s]; }).map(function (s) {
      return h("span", { class: "chip st-" + s, text: fmt(counts[s]) + " " + s.replace("_", " ") });
    });
    (d.f || []).forEach(function (f) {
      chips.push(h("span", { class: "chip finding", text: f.k + " detected",
        title: "detector " + f.k + ", score " + f.s + ((f.ev || []).length ? ": " + f.ev.join("; ") : "") }));
    });
    const shown = Array.from(hit);
    art.appendChild(h("header", null,
      h("h2", null, h("span", { class: "docid", text: d.id })),
      h("div", { class: "chips" }, chips, h("span", { class: "dtally" })),
      h("div", { class: "docbtns" },
        h("button", { type: "button", class: "doc-accept", text: "Accept " + (shown.length === d.ed.length ? "all" : shown.length + " shown"),
          onclick: function () { shown.forEach(function (e) { setEdit(e, "accept"); }); changed(); } }),
        h("button", { type: "button", class: "doc-reject", text: "Reject " + (shown.length === d.ed.length ? "all" : shown.length + " shown"),
          onclick: function () { shown.forEach(function (e) { setEdit(e, "reject"); }); changed(); } }))));
    if (d.rb) art.appendChild(h("p", { class: "note", text: "This document was rolled back by cleaner: " + d.rb }));
    if (d.note) art.appendChild(h("p", { class: "note", text: d.note }));
    art.appendChild(d.t === null || d.t === undefined ? renderLogOnly(d, hit) : renderText(d, hit));
    docTally(d, art);
    return art;
  }

  // ---- page ---------------------------------------------------------------------------------
  let current = [];
  function render(keepPage) {
    current = selection();
    const pages = Math.max(1, Math.ceil(current.length / state.pageSize));
    if (!keepPage) state.page = 0;
    state.page = Math.min(state.page, pages - 1);
    const docs = $("docs");
    docs.textContent = "";
    const start = state.page * state.pageSize;
    current.slice(start, start + state.pageSize).forEach(function (item) { docs.appendChild(renderDoc(item)); });
    if (!current.length) docs.appendChild(h("p", { class: "empty", text: DOCS.length ? "No edit matches these filters." : "The log has no edits: nothing to review." }));
    $("matchcount").textContent = plural(current.edits, "edit") + " in " + plural(current.length, "document") + " match";
    renderPager(pages);
    hidePop();
  }
  function renderPager(pages) {
    [$("pager-top"), $("pager")].forEach(function (nav) {
      nav.textContent = "";
      if (pages <= 1) return;
      const go = function (p) { return function () { state.page = p; render(true); $("docs").scrollIntoView(); }; };
      nav.appendChild(h("button", { type: "button", class: "prev", text: "\u2039 Previous", disabled: state.page === 0, onclick: go(state.page - 1) }));
      nav.appendChild(h("span", { class: "pageinfo", text: "Page " + fmt(state.page + 1) + " of " + fmt(pages) }));
      nav.appendChild(h("button", { type: "button", class: "next", text: "Next \u203a", disabled: state.page >= pages - 1, onclick: go(state.page + 1) }));
    });
  }
  function jumpTo(d) {
    let idx = current.findIndex(function (it) { return it.d === d; });
    if (idx < 0) { clearFilters(); current = selection(); idx = current.findIndex(function (it) { return it.d === d; }); }
    state.page = Math.floor(idx / state.pageSize);
    render(true);
    const art = $("doc-" + d.i);
    if (art) { art.scrollIntoView({ block: "start" }); art.classList.add("flashdoc"); }
  }

  // ---- tally, summary, rules ----------------------------------------------------------------
  function refreshTally() {
    let accA = 0, rejA = 0, accS = 0, rejS = 0, mine = 0;
    for (const d of DOCS) for (const e of d.ed) {
      const v = verdict(e);
      if (v[1].indexOf("default") !== 0) mine++;
      if (e.st === "applied") v[0] === "accept" ? accA++ : rejA++;
      else v[0] === "accept" ? accS++ : rejS++;
    }
    const t = $("tally");
    t.textContent = "";
    t.appendChild(h("span", { class: "t-acc", text: "will apply " + fmt(accA + accS) }));
    t.appendChild(h("span", { text: "(" + fmt(accA) + " applied + " + fmt(accS) + " suggested)" }));
    t.appendChild(h("span", { class: "t-rej", text: "undone " + fmt(rejA) }));
    t.appendChild(h("span", { class: "t-mine", text: plural(mine, "edit") + " decided by you" }));
  }
  function summary() {
    const s = $("summary");
    const st = DATA.status;
    const cards = [
      [fmt(DATA.documents), "documents in the log"],
      [fmt(DATA.with_edits), "with edits (" + fmt(DATA.changed) + " changed)"],
      [fmt(st.applied || 0), "edits applied"],
      [fmt(st.suggested || 0), "suggestions"],
    ];
    if (st.rolled_back) cards.push([fmt(st.rolled_back), "rolled back"]);
    s.appendChild(h("div", { class: "cards" }, cards.map(function (c) {
      return h("div", { class: "card" }, h("b", { text: c[0] }), h("span", { text: c[1] }));
    })));
    const fam = h("table", { class: "grid" }, h("thead", null, h("tr", null,
      ["family", "applied", "suggested", "rolled back"].map(function (x) { return h("th", { text: x }); }))));
    const tb = h("tbody");
    Object.keys(DATA.families).forEach(function (f) {
      const c = DATA.families[f];
      tb.appendChild(h("tr", null, h("td", null, h("a", { href: "#", text: f, onclick: function (ev) { ev.preventDefault(); setFilter("family", f); } })),
        h("td", { class: "num", text: fmt(c.applied || 0) }), h("td", { class: "num", text: fmt(c.suggested || 0) }),
        h("td", { class: "num", text: fmt(c.rolled_back || 0) })));
    });
    fam.appendChild(tb);
    const top = DOCS.slice().sort(function (a, b) { return b.n - a.n || a.i - b.i; }).slice(0, 8);
    const most = h("ol", { class: "most" }, top.map(function (d) {
      return h("li", null, h("a", { href: "#", text: d.id, onclick: function (ev) { ev.preventDefault(); jumpTo(d); } }),
        h("span", { class: "muted", text: " " + statusCounts(d) }));
    }));
    s.appendChild(h("div", { class: "sumgrid" },
      h("div", null, h("h3", { text: "Edits by family" }), fam),
      h("div", null, h("h3", { text: "Most affected documents" }), top.length ? most : h("p", { class: "muted", text: "none" }))));
    const notes = [];
    if (DATA.shown < DATA.with_edits) notes.push("This report shows the first " + fmt(DATA.shown) + " of the " +
      fmt(DATA.with_edits) + " documents with edits (--max-docs). Your decisions on rules apply to every document " +
      "when you run cleaner apply; the counts at the top cover the documents shown here.");
    if (DATA.unresolved) notes.push(plural(DATA.unresolved, "document") + " shown from the log alone (original text not found or changed); see the note on each.");
    (DATA.lookup_errors || []).forEach(function (m) { notes.push(m); });
    notes.forEach(function (m) { s.appendChild(h("p", { class: "note", text: m })); });
  }
  function ruleRows() {
    const tb = $("rules-body");
    tb.textContent = "";
    Object.keys(RULES).forEach(function (code) {
      const r = RULES[code];
      const seg = h("span", { class: "seg" });
      [["accept", "\u2713", "Accept every " + code + " edit"], ["", "\u2013", "Default: applied accepted, suggestions rejected"],
        ["reject", "\u2717", "Reject every " + code + " edit"]].forEach(function (o) {
        seg.appendChild(h("button", { type: "button", class: "rule-" + (o[0] || "default"), "data-rule": code, text: o[1], title: o[2],
          onclick: function () { setRule(code, o[0]); changed(); } }));
      });
      tb.appendChild(h("tr", { "data-rule": code },
        h("td", null, h("a", { href: "#", class: "code", text: code, title: r.name + " (" + r.family + ")",
          onclick: function (ev) { ev.preventDefault(); setFilter("rule", state.f.rule === code ? "" : code); } }),
          h("div", { class: "rname", text: r.name })),
        h("td", { class: "num", text: fmt(r.applied || 0) }),
        h("td", { class: "num sugg", text: fmt((r.suggested || 0) + (r.rolled_back || 0)) }),
        h("td", null, seg)));
    });
    refreshRules();
  }
  function refreshRules() {
    document.querySelectorAll("#rules-body tr").forEach(function (tr) {
      const v = state.rules[tr.dataset.rule] || "";
      tr.querySelectorAll("button").forEach(function (b) {
        const bv = b.className.indexOf("rule-default") >= 0 ? "" : b.className.indexOf("rule-accept") >= 0 ? "accept" : "reject";
        b.classList.toggle("on", bv === v);
      });
      tr.classList.toggle("picked", state.f.rule === tr.dataset.rule);
    });
  }

  // ---- filters ------------------------------------------------------------------------------
  function setFilter(k, v) {
    state.f[k] = v;
    if (k === "family") { $("f-family").value = v; fillRuleSelect(); }
    if (k === "rule") $("f-rule").value = v;
    refreshRules();
    render();
  }
  function clearFilters() {
    state.f = { family: "", rule: "", status: new Set(STATUSES), safety: new Set(SAFETIES), cmin: 0, cmax: 1, decision: "", q: "" };
    $("f-family").value = ""; fillRuleSelect(); $("f-rule").value = ""; $("f-q").value = "";
    $("f-cmin").value = "0"; $("f-cmax").value = "1"; $("f-decision").value = "";
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (c) { c.checked = true; });
    refreshRules();
  }
  function fillRuleSelect() {
    const sel = $("f-rule");
    const keep = sel.value;
    sel.textContent = "";
    sel.appendChild(h("option", { value: "", text: "all rules" }));
    Object.keys(RULES).forEach(function (code) {
      if (!state.f.family || RULES[code].family === state.f.family)
        sel.appendChild(h("option", { value: code, text: code + " " + RULES[code].name }));
    });
    sel.value = keep; if (sel.value !== keep) { state.f.rule = ""; sel.value = ""; }
  }
  function filters() {
    const box = $("filters");
    const famSel = h("select", { id: "f-family", onchange: function () { state.f.family = this.value; fillRuleSelect(); state.f.rule = $("f-rule").value; refreshRules(); render(); } },
      h("option", { value: "", text: "all families" }),
      Object.keys(DATA.families).map(function (f) { return h("option", { value: f, text: f }); }));
    const ruleSel = h("select", { id: "f-rule", onchange: function () { state.f.rule = this.value; refreshRules(); render(); } });
    const checks = function (name, values) {
      return h("div", { class: "checks" }, values.map(function (v) {
        return h("label", null, h("input", { type: "checkbox", checked: true, "data-f": name, value: v,
          onchange: function () { const set = state.f[name]; this.checked ? set.add(v) : set.delete(v); render(); } }),
          " " + v.replace("_", " "));
      }));
    };
    const num = function (id, key, val) {
      return h("input", { id: id, type: "number", min: "0", max: "1", step: "0.05", value: val,
        onchange: function () { const x = parseFloat(this.value); state.f[key] = isNaN(x) ? (key === "cmin" ? 0 : 1) : x; render(); } });
    };
    let timer = null;
    const q = h("input", { id: "f-q", type: "search", placeholder: "Search text, message, rule, document\u2026",
      oninput: function () { const v = this.value; clearTimeout(timer); timer = setTimeout(function () { state.f.q = v.trim(); render(); }, 200); } });
    box.appendChild(h("div", { class: "frow" }, h("label", { for: "f-q", class: "lab", text: "Search" }), q));
    box.appendChild(h("div", { class: "frow" }, h("label", { class: "lab", for: "f-family", text: "Family" }), famSel));
    box.appendChild(h("div", { class: "frow" }, h("label", { class: "lab", for: "f-rule", text: "Rule" }), ruleSel));
    box.appendChild(h("div", { class: "frow" }, h("span", { class: "lab", text: "Status" }), checks("status", STATUSES)));
    box.appendChild(h("div", { class: "frow" }, h("span", { class: "lab", text: "Safety" }), checks("safety", SAFETIES)));
    box.appendChild(h("div", { class: "frow" }, h("span", { class: "lab", text: "Confidence" }), num("f-cmin", "cmin", "0"), " to ", num("f-cmax", "cmax", "1")));
    box.appendChild(h("div", { class: "frow" }, h("label", { class: "lab", for: "f-decision", text: "Decision" }),
      h("select", { id: "f-decision", onchange: function () { state.f.decision = this.value; render(); } },
        [["", "any"], ["accept", "accepted"], ["reject", "rejected"], ["yours", "decided by you"], ["alt", "alternatives"]].map(function (o) {
          return h("option", { value: o[0], text: o[1] });
        }))));
    box.appendChild(h("div", { class: "frow" }, h("label", { class: "lab", for: "f-sort", text: "Order" }),
      h("select", { id: "f-sort", onchange: function () { state.sort = this.value; render(); } },
        [["log", "log order"], ["most", "most edits first"], ["id", "document id"]].map(function (o) { return h("option", { value: o[0], text: o[1] }); })),
      h("select", { id: "f-pagesize", title: "documents per page", onchange: function () { state.pageSize = +this.value; render(); } },
        [10, 20, 50, 100].map(function (n) { return h("option", { value: n, text: n + " per page", selected: n === state.pageSize }); }))));
    box.appendChild(h("div", { class: "frow btnrow" },
      h("button", { type: "button", id: "accept-shown", text: "Accept all shown", title: "Accept every edit that matches the filters",
        onclick: function () { bulk("accept"); } }),
      h("button", { type: "button", id: "reject-shown", text: "Reject all shown", title: "Reject every edit that matches the filters",
        onclick: function () { bulk("reject"); } }),
      h("button", { type: "button", id: "clear-filters", text: "Clear filters", onclick: function () { clearFilters(); render(); } })));
    box.appendChild(h("p", { id: "matchcount", class: "muted" }));
    fillRuleSelect();
  }
  function bulk(v) {
    let n = 0;
    current.forEach(function (it) { it.hit.forEach(function (e) { setEdit(e, v); n++; }); });
    changed();
    flash((v === "accept" ? "Accepted " : "Rejected ") + plural(n, "edit"));
  }

  // ---- popover ------------------------------------------------------------------------------
  function selected() { return state.sel ? DOCS[state.sel[0]].ed[state.sel[1]] : null; }
  function showPop(anchor) {
    const e = selected();
    if (!e) return;
    const pop = $("pop");
    const rule = RULES[e.r] || {};
    const v = verdict(e);
    pop.textContent = "";
    const change = h("div", { class: "pchange" });
    change.appendChild(e.b ? visible(e.b, h("del")) : h("span", { class: "muted", text: "(insertion)" }));
    change.appendChild(h("span", { class: "arrow", text: " \u2192 " }));
    change.appendChild(e.a ? visible(e.a, h("ins")) : h("span", { class: "muted", text: "(deleted)" }));
    const dl = h("dl");
    const row = function (k, val) { dl.appendChild(h("dt", { text: k })); dl.appendChild(h("dd", null, val)); };
    row("status", h("span", { class: "chip st-" + e.st, text: e.st.replace("_", " ") }));
    row("safety", e.sf);
    row("confidence", h("span", { class: "conf" }, h("span", { class: "bar" }, (function () {
      const b = h("i"); b.style.width = Math.round(Math.max(0, Math.min(1, e.c)) * 100) + "%"; return b; })()), " " + e.c));
    row("position", "line " + e.l + ", column " + e.co + " (" + e.id + ")");
    if (e.ev && e.ev.length) row("evidence", h("ul", null, e.ev.map(function (x) { return h("li", { text: x }); })));
    if (e.cp && e.cp.length) row("composed of", e.cp.join(", "));
    if (e.alt) row("note", "overlaps another edit: accept at most one");
    pop.appendChild(h("div", { class: "phead" },
      h("b", { class: "code", text: e.r }), " ", h("span", { text: rule.name || "" }), " ",
      h("span", { class: "chip", text: e.fam }),
      h("button", { type: "button", class: "x", text: "\u00d7", title: "Close (Esc)", onclick: hidePop })));
    pop.appendChild(change);
    pop.appendChild(h("p", { class: "msg", text: e.m }));
    pop.appendChild(dl);
    const now = undecided(e, v) ? ["undecided", "not applied unless you accept it"] : [v[0] === "accept" ? "accepted" : "rejected", v[1]];
    pop.appendChild(h("p", { class: "now v-" + (undecided(e, v) ? "open" : v[0]) }, "Now ", h("b", { text: now[0] }), " \u2014 " + now[1]));
    pop.appendChild(h("div", { class: "pbtns" },
      h("button", { type: "button", class: "accept" + (v[0] === "accept" ? " on" : ""), text: "\u2713 Accept", title: "a",
        onclick: function () { setEdit(e, "accept"); changed(); } }),
      h("button", { type: "button", class: "reject" + (v[0] === "reject" ? " on" : ""), text: "\u2717 Reject", title: "r",
        onclick: function () { setEdit(e, "reject"); changed(); } }),
      h("button", { type: "button", class: "reset", text: "Undo my decision", title: "d", disabled: v[1] !== "your decision on this edit",
        onclick: function () { setEdit(e, ""); changed(); } })));
    pop.appendChild(h("div", { class: "prule" }, "All " + e.r + ": ",
      h("button", { type: "button", class: "rule-accept", text: "accept", onclick: function () { setRule(e.r, "accept"); changed(); } }),
      h("button", { type: "button", class: "rule-reject", text: "reject", onclick: function () { setRule(e.r, "reject"); changed(); } }),
      h("button", { type: "button", class: "rule-default", text: "default", onclick: function () { setRule(e.r, ""); changed(); } })));
    pop.hidden = false;
    const el = anchor || document.querySelector('#docs .ed[data-doc="' + e.d.i + '"][data-e="' + e.i + '"]');
    if (el) place(pop, el);
  }
  function place(pop, el) {
    const r = el.getBoundingClientRect();
    const w = pop.offsetWidth, hgt = pop.offsetHeight;
    let left = Math.min(window.innerWidth - w - 12, Math.max(8, r.left));
    let top = r.bottom + 6;  // below the edit, else above it, else as low as fits (never off screen)
    if (top + hgt > window.innerHeight - 8) top = r.top - hgt - 6 >= 70 ? r.top - hgt - 6 : Math.max(70, window.innerHeight - hgt - 8);
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (top + window.scrollY) + "px";
  }
  function hidePop() {
    $("pop").hidden = true;
    if (state.sel) { state.sel = null; document.querySelectorAll("#docs .ed.sel").forEach(function (x) { x.classList.remove("sel"); }); }
  }
  function select(el) {
    document.querySelectorAll("#docs .ed.sel").forEach(function (x) { x.classList.remove("sel"); });
    state.sel = [+el.dataset.doc, +el.dataset.e];
    el.classList.add("sel");
    el.focus({ preventScroll: true });
    showPop(el);
  }

  // ---- events -------------------------------------------------------------------------------
  document.addEventListener("click", function (ev) {
    const el = ev.target.closest && ev.target.closest("#docs .ed");
    if (el) { select(el); ev.stopPropagation(); return; }
    if (!$("pop").hidden) hidePop();
  });
  // clicks inside the popover never close it (its buttons re-render it, detaching the clicked node)
  $("pop").addEventListener("click", function (ev) { ev.stopPropagation(); });
  document.addEventListener("keydown", function (ev) {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") { if (ev.key === "Escape") ev.target.blur(); return; }
    if (ev.metaKey || ev.ctrlKey || ev.altKey) return;
    const e = selected();
    if (ev.key === "Escape") hidePop();
    else if (ev.key === "/") { ev.preventDefault(); $("f-q").focus(); }
    else if (ev.key === "j" || ev.key === "k") {
      const marks = Array.from(document.querySelectorAll("#docs .ed.hit"));
      if (!marks.length) return;
      let i = marks.findIndex(function (m) { return m.classList.contains("sel"); });
      i = i < 0 ? 0 : Math.max(0, Math.min(marks.length - 1, i + (ev.key === "j" ? 1 : -1)));
      marks[i].scrollIntoView({ block: "center" });
      select(marks[i]);
    } else if (e && (ev.key === "a" || ev.key === "r" || ev.key === "d")) {
      setEdit(e, ev.key === "a" ? "accept" : ev.key === "r" ? "reject" : ""); changed();
    } else if (ev.key === "Enter" && ev.target.classList && ev.target.classList.contains("ed")) select(ev.target);
  });
  window.addEventListener("resize", function () { if (state.sel) showPop(); });

  // ---- start --------------------------------------------------------------------------------
  document.title = DATA.title;
  $("title").textContent = DATA.title;
  $("meta").textContent = "log " + DATA.log + (DATA.source ? " \u00b7 originals " + DATA.source : " \u00b7 no originals given: edits shown from the log alone");
  $("export").addEventListener("click", download);
  $("import").addEventListener("change", function () { if (this.files[0]) importFile(this.files[0]); this.value = ""; });
  $("reset").addEventListener("click", function () {
    if (window.confirm("Forget every decision you made in this report?")) { state.edits = dict(); state.rules = dict(); changed(); }
  });
  restore();
  summary();
  filters();
  ruleRows();
  refreshTally();
  render();
  document.body.setAttribute("data-ready", "1");
})();
