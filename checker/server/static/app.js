// claimcheck page: send a draft to POST /api/check and show the findings beside the claims.
//
// Every piece of document text reaches the page through textContent or a DOM attribute set
// with setAttribute, never through innerHTML, so an article holding markup shows it as text.
"use strict";

(function () {
  const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };

  const $ = (id) => document.getElementById(id);

  // el("p", {class: "x"}, "text", child) -> <p class="x">text<child/></p>
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  // Links only for absolute http(s) URLs: a javascript: or data: URL stays plain text.
  function safeHref(url) {
    if (typeof url !== "string" || url === "") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_err) {
      return null;
    }
  }

  // Claim offsets count Unicode code points (Python); JavaScript strings index UTF-16 units.
  function codePointToUnit(text) {
    const map = [];
    let unit = 0;
    for (const ch of text) {
      map.push(unit);
      unit += ch.length;
    }
    map.push(unit);
    return (cp) => map[Math.max(0, Math.min(cp, map.length - 1))];
  }

  // Paragraph ranges [start, end) in UTF-16 units: text between blank lines.
  function paragraphs(text) {
    const out = [];
    const gap = /\r?\n[ \t]*(?:\r?\n[ \t]*)+/g;
    let start = 0;
    let m;
    while ((m = gap.exec(text)) !== null) {
      if (m.index > start) out.push([start, m.index]);
      start = m.index + m[0].length;
    }
    if (start < text.length || out.length === 0) out.push([start, text.length]);
    return out;
  }

  function describeValue(claim) {
    const v = claim.value || {};
    switch (claim.kind) {
      case "date": return `date ${v.date}`;
      case "period": return `period ${v.start} to ${v.end}`;
      case "count": {
        const n = v.value !== null && v.value !== undefined ? v.value : `${v.min}–${v.max}`;
        return `count ${v.qualifier && v.qualifier !== "exact" ? v.qualifier + " " : ""}${n}` +
          `${v.unit ? " " + v.unit : ""}${v.subject ? " (" + v.subject + ")" : ""}`;
      }
      case "role": return `role ${[v.rank, v.title, v.person].filter(Boolean).join(" ")}`;
      case "event": return `event ${v.event} ${v.subject || ""}`.trim();
      default: return claim.kind;
    }
  }

  // ---- state ---------------------------------------------------------------------------

  let lastResult = null;
  // Draft claim id -> the id of the highlight where the claim begins ("Show in draft").
  let anchors = new Map();

  function setStatus(message) {
    $("status").textContent = message;
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  async function fetchJSON(url, options) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin" }, options));
    let body = null;
    try {
      body = await response.json();
    } catch (_err) {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === "string" ? body.error : response.statusText;
      throw new Error(`${response.status}: ${message}`);
    }
    return body;
  }

  async function showArchiveStatus() {
    const target = $("archive-status");
    try {
      const health = await fetchJSON("/health");
      if (!health.ledger) {
        target.textContent = "No archive: drafts are checked against themselves only.";
        return;
      }
      const stats = await fetchJSON("/api/ledger");
      const docs = stats.documents;
      const claims = stats.claims;
      const parts = [];
      if (typeof docs === "number") parts.push(plural(docs, "document", "documents"));
      if (typeof claims === "number") parts.push(plural(claims, "claim", "claims"));
      target.textContent = parts.length ? `Archive: ${parts.join(", ")}.` : "Archive ready.";
    } catch (err) {
      target.textContent = `Archive status unavailable (${err.message}).`;
    }
  }

  // ---- the request ---------------------------------------------------------------------

  function metadata() {
    const out = {};
    for (const name of ["source", "published", "title", "url"]) {
      const value = $(`meta-${name}`).value.trim();
      if (value) out[name] = value;
    }
    return out;
  }

  function buildRequest() {
    const file = $("draft-file").files[0];
    const meta = metadata();
    if (file) {
      const form = new FormData();
      form.append("file", file, file.name);
      for (const [k, v] of Object.entries(meta)) form.append(k, v);
      return { method: "POST", body: form };
    }
    const text = $("draft-text").value;
    if (!text.trim()) return null;
    return {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ text }, meta)),
    };
  }

  async function onSubmit(event) {
    event.preventDefault();
    showError("");
    const request = buildRequest();
    if (!request) {
      showError("Paste a draft or choose a file first.");
      $("draft-text").focus();
      return;
    }
    const button = $("check-button");
    button.disabled = true;
    setStatus("Checking…");
    try {
      const result = await fetchJSON("/api/check", request);
      lastResult = result;
      render(result);
      const total = result.findings.length;
      setStatus(`Checked: ${plural(total, "finding", "findings")}.`);
      $("results-heading").focus();
    } catch (err) {
      setStatus("");
      // Findings of an earlier draft must not pass for this one's.
      $("results").hidden = true;
      showError(`The draft could not be checked: ${err.message}`);
    } finally {
      button.disabled = false;
    }
  }

  function onClear() {
    $("draft-form").reset();
    showError("");
    setStatus("");
    $("results").hidden = true;
    $("report").replaceChildren();
    $("whole-draft").replaceChildren();
    lastResult = null;
    $("draft-text").focus();
  }

  // ---- rendering -----------------------------------------------------------------------

  function render(result) {
    const draft = result.draft;
    const claims = new Map(result.claims.map((c) => [c.id, c]));
    const documents = new Map(result.documents.map((d) => [d.id, d]));
    const toUnit = codePointToUnit(draft.text);
    const draftClaims = result.claims
      .filter((c) => c.doc === draft.id)
      .sort((a, b) => a.start - b.start || b.end - a.end);

    // The severest finding on each draft claim colours its highlight.
    const claimSeverity = new Map();
    const claimFindings = new Map();
    result.findings.forEach((finding, index) => {
      for (const id of finding.claims) {
        const now = claimSeverity.get(id);
        if (!now || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[now]) {
          claimSeverity.set(id, finding.severity);
        }
        if (!claimFindings.has(id)) claimFindings.set(id, []);
        claimFindings.get(id).push(index);
      }
    });

    anchors = new Map();
    const paras = paragraphs(draft.text);
    const rows = paras.map(([start, end], index) => ({ start, end, index, findings: [] }));
    const whole = [];
    result.findings.forEach((finding, index) => {
      const anchor = anchorOf(finding, draft, claims, toUnit);
      if (anchor === null) {
        whole.push(index);
        return;
      }
      let row = rows[0];
      for (const r of rows) if (r.start <= anchor) row = r;
      row.findings.push(index);
    });

    renderCounts(result, draftClaims.length);
    renderRuleFilter(result.findings);

    const wholeBox = $("whole-draft");
    wholeBox.replaceChildren();
    if (whole.length) {
      wholeBox.append(
        el("h3", {}, "About the whole draft"),
        el("div", { class: "finding-list" },
          ...whole.map((i) => findingCard(result.findings[i], i, draft, claims, documents))),
      );
    }

    const report = $("report");
    report.replaceChildren(
      el("div", { class: "report-head", "aria-hidden": "true" },
        el("span", {}, "Draft"), el("span", {}, "Findings")),
    );
    for (const row of rows) {
      const text = paragraphNode(draft.text, row, draftClaims, toUnit, claimSeverity,
        claimFindings);
      const side = el("div", { class: "finding-list" },
        ...row.findings.map((i) => findingCard(result.findings[i], i, draft, claims,
          documents)));
      report.append(el("div", { class: "row" + (row.findings.length ? " has-findings" : "") },
        text, side));
    }

    $("results").hidden = false;
    applyFilters();
  }

  // Where a finding sits in the draft (UTF-16 offset), or null for one about the whole draft.
  function anchorOf(finding, draft, claims, toUnit) {
    let best = null;
    for (const id of finding.claims) {
      const c = claims.get(id);
      if (c && c.doc === draft.id && (best === null || c.start < best)) best = c.start;
    }
    if (best !== null) return toUnit(best);
    return null;
  }

  function paragraphNode(text, row, draftClaims, toUnit, claimSeverity, claimFindings) {
    const box = el("div", { class: "draft-text", lang: "vi" });
    const spans = draftClaims
      .map((c) => ({ claim: c, start: toUnit(c.start), end: toUnit(c.end) }))
      .filter((s) => s.end > row.start && s.start < row.end && s.end > s.start);
    // Cut the paragraph at every claim boundary so overlapping claims still highlight.
    const cuts = new Set([row.start, row.end]);
    for (const s of spans) {
      cuts.add(Math.max(s.start, row.start));
      cuts.add(Math.min(s.end, row.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) {
        box.append(document.createTextNode(piece));
        continue;
      }
      let severity = null;
      for (const s of covering) {
        const sev = claimSeverity.get(s.claim.id);
        if (sev && (!severity || SEVERITY_RANK[sev] > SEVERITY_RANK[severity])) severity = sev;
      }
      const inner = covering[covering.length - 1].claim;
      const markId = `mark-${anchors.size}-${a}`;
      const mark = el("mark", {
        id: markId,
        class: "claim" + (severity ? ` flagged sev-${severity}` : ""),
        title: covering.map((s) => describeValue(s.claim)).join("; "),
        "data-claims": covering.map((s) => s.claim.id).join(" "),
      }, piece);
      for (const s of covering) {
        if (!anchors.has(s.claim.id)) {
          anchors.set(s.claim.id, markId);
          mark.setAttribute("tabindex", "-1");
        }
      }
      if (severity) {
        const findings = claimFindings.get(inner.id) || [];
        if (findings.length) mark.setAttribute("data-findings", findings.join(" "));
      }
      box.append(mark);
    }
    return box;
  }

  function findingCard(finding, index, draft, claims, documents) {
    const draftSide = [];
    const archiveSide = [];
    for (const id of finding.claims) {
      const c = claims.get(id);
      if (!c) continue;
      (c.doc === draft.id ? draftSide : archiveSide).push(c);
    }
    const card = el("article", {
      class: `finding sev-${finding.severity}`,
      id: `finding-${index}`,
      "data-rule": finding.rule,
      "data-severity": finding.severity,
      "data-fingerprint": finding.fingerprint || "",
      "aria-labelledby": `finding-${index}-title`,
    });
    card.append(
      el("h4", { id: `finding-${index}-title`, class: "finding-title" },
        el("span", { class: `badge sev-${finding.severity}` }, finding.severity),
        " ",
        el("code", { class: "rule" }, finding.rule)),
      el("p", { class: "message" }, finding.message),
    );
    if (draftSide.length || archiveSide.length) {
      const compare = el("div", { class: "compare" + (archiveSide.length ? " two" : "") });
      compare.append(el("div", { class: "side draft-side" },
        el("h5", {}, "In this draft"),
        ...(draftSide.length ? draftSide.map((c) => quote(c, null))
          : [el("p", { class: "none" }, "(no claim of the draft)")])));
      if (archiveSide.length) {
        compare.append(el("div", { class: "side archive-side" },
          el("h5", {}, "In the archive"),
          ...archiveSide.map((c) => quote(c, documents.get(c.doc) || { id: c.doc, meta: {} }))));
      }
      card.append(compare);
    }
    if (draftSide.length) {
      const claimId = draftSide[0].id;
      const button = el("button", { type: "button", class: "secondary jump" },
        "Show in draft");
      button.addEventListener("click", () => {
        const mark = document.getElementById(anchors.get(claimId) || "");
        if (!mark) return;
        mark.scrollIntoView({ block: "center" });
        mark.focus();
        mark.classList.add("flash");
        setTimeout(() => mark.classList.remove("flash"), 1200);
      });
      card.append(button);
    }
    return card;
  }

  // A claim quoted in its sentence, the claim itself in bold; for an archived one the outlet,
  // the date and the link (when it is http or https).
  function quote(claim, doc) {
    const block = el("blockquote", { class: "quote", lang: "vi" });
    const sentence = claim.sentence || "";
    const at = sentence.indexOf(claim.text);
    if (sentence && at >= 0) {
      block.append(sentence.slice(0, at), el("strong", {}, claim.text),
        sentence.slice(at + claim.text.length));
    } else {
      block.append(el("strong", {}, claim.text));
    }
    const figure = el("figure", { class: "claim-quote" }, block);
    const cite = el("figcaption", { class: "cite" });
    if (doc) {
      const meta = doc.meta || {};
      cite.append(el("span", { class: "outlet" }, meta.source || "unknown outlet"), " · ",
        el("span", { class: "published" }, meta.published || "no date"), " · ");
      const href = safeHref(meta.url);
      if (href) {
        cite.append(el("a", { href, rel: "noopener noreferrer", target: "_blank",
          class: "doc-link" }, meta.title || doc.id));
      } else {
        cite.append(el("span", { class: "doc-id" }, meta.title || doc.id));
      }
      cite.append(` · line ${claim.line}`);
    } else {
      cite.append(`line ${claim.line}, column ${claim.column}`);
    }
    figure.append(cite);
    return figure;
  }

  function renderCounts(result, draftClaimCount) {
    const s = result.summary.findings;
    const archived = Array.isArray(result.archived) ? result.archived.length
      : result.documents.filter((d) => d.id !== result.draft.id).length;
    const counts = $("counts");
    counts.replaceChildren(
      el("strong", { class: "count-total" }, plural(result.findings.length, "finding",
        "findings")),
      ": ",
      el("span", { class: "count sev-error", "data-severity": "error" },
        plural(s.error || 0, "error", "errors")), ", ",
      el("span", { class: "count sev-warning", "data-severity": "warning" },
        plural(s.warning || 0, "warning", "warnings")), ", ",
      el("span", { class: "count sev-info", "data-severity": "info" }, `${s.info || 0} info`),
      ` · ${plural(draftClaimCount, "claim", "claims")} in the draft`,
      ` · ${plural(archived, "archived document", "archived documents")} involved`,
    );
  }

  function renderRuleFilter(findings) {
    const select = $("rule-filter");
    const current = select.value;
    const counts = new Map();
    for (const f of findings) counts.set(f.rule, (counts.get(f.rule) || 0) + 1);
    const options = [el("option", { value: "" }, "All rules")];
    for (const rule of [...counts.keys()].sort()) {
      options.push(el("option", { value: rule }, `${rule} (${counts.get(rule)})`));
    }
    select.replaceChildren(...options);
    select.value = counts.has(current) ? current : "";
  }

  function applyFilters() {
    const severities = new Set(
      [...document.querySelectorAll('input[name="severity"]:checked')].map((i) => i.value));
    const rule = $("rule-filter").value;
    let shown = 0;
    let total = 0;
    for (const card of document.querySelectorAll("#results .finding")) {
      total += 1;
      const visible = severities.has(card.dataset.severity) &&
        (!rule || card.dataset.rule === rule);
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    $("showing").textContent = `Showing ${shown} of ${plural(total, "finding", "findings")}.`;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("draft-form").addEventListener("submit", onSubmit);
    $("clear-button").addEventListener("click", onClear);
    for (const box of document.querySelectorAll('input[name="severity"]')) {
      box.addEventListener("change", applyFilters);
    }
    $("rule-filter").addEventListener("change", applyFilters);
    showArchiveStatus();
  });

  // For tests and scripts: the last API response the page rendered.
  window.claimcheckLastResult = () => lastResult;
})();
