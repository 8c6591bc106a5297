/* goldenthread explorer: the page.
 *
 * Data: <script type="application/json" id="graph-data"> (written by
 * goldenthread.viz.explorer): the index (councils, abbreviations, vocabulary) and, for a
 * graph of one plan family, its nodes; for several families each family's data is in
 * <script type="application/json" id="graph-family-K">, parsed when that council opens.
 * Threads, breaks, RAG status and each node's answers are computed in Python.
 * One state (S) drives everything: update() derives what matches the filters, what is
 * drawn, then draws the graph, the details, the table and the URL from it.
 * Safety: every string from the documents is untrusted. It reaches the page only through
 * textContent / text nodes (el() below), canvas fillText, and tooltips given to
 * vis-network as DOM elements. Nothing here uses innerHTML, insertAdjacentHTML,
 * document.write, eval, or URLs built from data (downloads are Blob URLs of our own CSV).
 * The indicator charts come as SVG text made in Python (viz/charts.py, every piece of text
 * escaped); svgFrom() parses it as XML and rebuilds it element by element from the SVG
 * elements and attributes it allows (no script, no link, no event handler, no style
 * attribute), its text as text nodes.
 */
(function (GTX) {
  "use strict";

  var mark = function (name) { if (window.performance && performance.mark) performance.mark("explorer:" + name); };
  mark("start");
  var T = GTX.text;
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var MULTI = DATA.families.length > 1;
  mark("parsed");

  // -- vocabulary -------------------------------------------------------------------------
  var KIND = {
    plan: { name: "Plan", plural: "Plans", color: "#1b2a4a", filled: true },
    theme: { name: "Theme", plural: "Themes", color: "#5b2a86", filled: true },
    priority: { name: "Priority", plural: "Priorities", color: "#0b6e69", filled: true },
    commitment: { name: "Commitment", plural: "Commitments", color: "#1f5fa8" },
    measure: { name: "Measure", plural: "Measures", color: "#a34a00" },
    strategy: { name: "Strategy", plural: "Strategies", color: "#2e7d32" },
    board: { name: "Board", plural: "Boards", color: "#8e244d" },
    portfolio: { name: "Portfolio", plural: "Portfolios", color: "#6d4c41" },
    indicator: { name: "Indicator", plural: "Indicators", color: "#37474f" }
  };
  var KIND_RANK = { plan: 0, theme: 1, priority: 2, commitment: 3, measure: 4, strategy: 5, board: 6, portfolio: 7, indicator: 8 };
  var TOP = { plan: true, theme: true, priority: true };
  var PENDING = { "to be developed": true, "to be established": true, "to be refreshed": true, "in development": true };
  var ATTACH = { delivered_through: true, overseen_by: true, measured_by: true, accountable_to: true };
  var LINK = {
    part_of: { name: "part of", out: "Part of", inn: "Contains" },
    aligns_with: { name: "aligns with", out: "Carries out (aligns with)", inn: "Carried out by (aligned from)" },
    delivered_through: { name: "delivered through", out: "Delivered through", inn: "Delivers" },
    measured_by: { name: "measured by", out: "Measured by", inn: "Measures" },
    overseen_by: { name: "overseen by", out: "Overseen by", inn: "Oversees" },
    accountable_to: { name: "accountable to", out: "Accountable to", inn: "Holds to account" },
    tracked_by: { name: "tracked by", out: "Tracked by (indicator)", inn: "Tracks (measure)" }
  };
  var LINK_ORDER = ["part_of", "aligns_with", "delivered_through", "overseen_by", "measured_by", "accountable_to", "tracked_by"];
  var ORIGIN = {
    stated: { name: "Stated", help: "the documents say so" },
    inferred: { name: "Inferred", help: "found by comparing wording" },
    curated: { name: "Curated", help: "accepted or added by a reviewer" }
  };
  var ORIGIN_ORDER = ["stated", "inferred", "curated"];
  var REASON = {
    no_counterpart: "No counterpart", not_carried_out: "Not carried out", no_strategy: "No delivery strategy",
    no_board: "No accountable board", no_measure: "No measure", strategy_not_in_place: "Strategy not in place",
    board_not_established: "Board not established", measure_unattached: "Measure attached to nothing",
    blank_in_table: "Left blank in a table"
  };
  var RAG = { red: "✖ Red", amber: "▲ Amber", green: "✔ Green" };
  // indicator data (a build with --indicators): the one status rule, its words and marks
  var TRACKED = !!DATA.statusRule;
  var TRACK_STATUS = { green: "✔ Green", amber: "▲ Amber", red: "✖ Red", "no direction": "? No direction", "no data": "– No data" };
  var TRAVEL_MARK = { improving: "↗", worsening: "↘", "no change": "→", unknown: "?" };
  var INDICATOR_PLAN = "~indicators";  // the plan filter's group of indicator nodes (no node id starts with ~)
  var GC = GTX.graphConstants;

  // -- small helpers ----------------------------------------------------------------------
  /** An element with attributes (our own names; values are set as text) and children. */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") e.className = v;
        else e.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var a = 2; a < arguments.length; a++) append(e, arguments[a]);
    return e;
  }
  function append(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { append(parent, k); }); return; }
    parent.appendChild(typeof kid === "string" || typeof kid === "number" ? document.createTextNode(String(kid)) : kid);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  function shorten(text, max) { text = String(text); return text.length > max ? text.slice(0, max - 1).trimEnd() + "…" : text; }
  // one formatter: toLocaleString makes a new one each call, and a view's cards call it hundreds of times
  var numbers = new Intl.NumberFormat("en-GB");
  function num(n) { return numbers.format(Number(n)); }
  function plural(n, one, many) { return num(n) + " " + (n === 1 ? one : many); }
  function quoted(s, max) { return "“" + shorten(s, max || 80) + "”"; }
  var collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });
  var planLabels = {};
  DATA.families.forEach(function (f) { f.plans.forEach(function (p) { planLabels[p.id] = p.label; }); });
  function announce(text) { $("live").textContent = ""; $("live").textContent = text; }

  // -- families ----------------------------------------------------------------------------
  var families = [];
  /** The data of family ``k`` (parsed on first use), with its indexes. */
  function family(k) {
    if (families[k]) return families[k];
    var d;
    if (!MULTI) d = DATA;
    else {
      var node = $("graph-family-" + k);
      if (!node) return null;
      d = JSON.parse(node.textContent);
    }
    var F = { k: k, N: d.nodes, E: d.edges, review: d.review || [], info: DATA.families[k] };
    var n = F.N.length;
    F.byId = new Map();
    F.N.forEach(function (x, i) { F.byId.set(x.id, i); x.about = x.about || {}; });
    F.out = []; F.inn = []; F.children = []; F.parent = new Int32Array(n).fill(-1);
    for (var i = 0; i < n; i++) { F.out.push([]); F.inn.push([]); F.children.push([]); }
    F.E.forEach(function (e, j) {
      F.out[e.source].push(j);
      F.inn[e.target].push(j);
      if (e.kind === "part_of" && e.source !== e.target && F.parent[e.source] < 0) {
        F.parent[e.source] = e.target;
        F.children[e.target].push(e.source);
      }
    });
    F.children.forEach(function (list) { list.sort(function (a, b) { return F.N[a].order - F.N[b].order; }); });
    F.byOrder = F.N.map(function (_, i) { return i; }).sort(function (a, b) { return F.N[a].order - F.N[b].order || a - b; });
    F.planIds = new Set(d.plans.map(function (p) { return p.id; }));
    F.plans = d.plans.map(function (p) { return F.byId.has(p.id) ? F.byId.get(p.id) : -1; });
    F.planOrder = {};
    d.plans.forEach(function (p, r) { F.planOrder[p.id] = r; });
    F.otherLabel = MULTI ? "Shared with other councils" : "Not in a plan";
    F.orphanNodes = F.N.filter(function (x) { return x.orphan.length > 0; }).length;
    F.tracking = d.tracking || [];
    F.trackOf = new Map();  // measure -> its tracking entries
    F.tracksOf = new Map(); // indicator -> the entries of the measures it tracks
    F.tracking.forEach(function (t) {
      if (!F.trackOf.has(t.measure)) F.trackOf.set(t.measure, []);
      F.trackOf.get(t.measure).push(t);
      if (!F.tracksOf.has(t.indicator)) F.tracksOf.set(t.indicator, []);
      F.tracksOf.get(t.indicator).push(t);
    });
    F.index = null;
    families[k] = F;
    return F;
  }
  function loadAll() {
    var out = [];
    for (var k = 0; k < DATA.families.length; k++) { var F = family(k); if (F) out.push(F); }
    return out;
  }
  function whenParsed(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
    else fn();
  }
  function familyOfId(id) {
    var parts = id.split("/");
    for (var k = parts.length; k >= 1; k--) {
      var prefix = parts.slice(0, k).join("/");
      if (Object.prototype.hasOwnProperty.call(DATA.planFamily, prefix)) {
        var f = DATA.planFamily[prefix];
        if (family(f) && family(f).byId.has(id)) return f;
      }
    }
    for (var j = 0; j < DATA.families.length; j++) {
      var F = family(j);
      if (F && F.byId.has(id) && !F.N[F.byId.get(id)].guest) return j;
    }
    return -1;
  }
  function planKey(F, n) { return n.kind === "indicator" ? INDICATOR_PLAN : n.plan && F.planIds.has(n.plan) ? n.plan : ""; }
  function planName(n) { return n.kind === "indicator" ? "Indicator data" : n.plan ? (planLabels[n.plan] || n.plan) : "Not in a plan"; }
  function ragOf(F, i) {  // a priority's own; a node in a priority: that priority's
    var n = F.N[i];
    if (n.rag) return { rag: n.rag, of: null };
    var path = n.about.path || [];
    for (var k = path.length - 1; k >= 0; k--) if (F.N[path[k]].rag) return { rag: F.N[path[k]].rag, of: path[k] };
    return null;
  }
  function commitmentsOf(F, i) {
    var out = [];
    (function walk(x) {
      F.children[x].forEach(function (c) { if (F.N[c].kind === "commitment") { out.push(c); walk(c); } });
    })(i);
    return out;
  }
  function threadSet(F, i) { return new Set(F.N[i].thread); }
  /** What opening ``h`` draws: what sits in it (not priorities), and what they and it link to. */
  function openItems(F, h, out) {
    function take(x) {
      F.out[x].forEach(function (j) {
        var e = F.E[j];
        if (!ATTACH[e.kind]) return;
        out.add(e.target);
        if (F.N[e.target].kind === "strategy") {
          F.out[e.target].forEach(function (j2) { if (F.E[j2].kind === "overseen_by") out.add(F.E[j2].target); });
        }
      });
    }
    take(h);
    (function walk(x) {
      F.children[x].forEach(function (c) { if (!TOP[F.N[c].kind]) { out.add(c); take(c); walk(c); } });
    })(h);
    return out;
  }
  /** "2 strategies", "1 board"... attached to ``i`` itself. */
  function heldCounts(F, i) {
    var c = {};
    F.out[i].forEach(function (j) { var e = F.E[j]; if (ATTACH[e.kind]) c[F.N[e.target].kind] = (c[F.N[e.target].kind] || 0) + 1; });
    return ["strategy", "board", "measure", "portfolio"].filter(function (k) { return c[k]; }).map(function (k) {
      return plural(c[k], KIND[k].name.toLowerCase(), KIND[k].plural.toLowerCase());
    });
  }
  function opensSomething(F, i) { return openItems(F, i, new Set()).size > 0; }

  // -- state --------------------------------------------------------------------------------
  var S = {
    family: MULTI ? null : 0,
    selected: null,
    thread: false,
    open: new Set(),
    all: false,
    kinds: new Set(DATA.kinds),
    plans: null,           // null: every plan
    origins: new Set(ORIGIN_ORDER),
    orphansOnly: false,
    allLinks: false,       // draw every link between drawn nodes, not only the selection's and the thread's
    table: { view: "nodes", sort: null, dir: 1, filter: "", limit: 100, allCouncils: false }
  };
  var D = null;   // what update() derived last
  function cur() { return S.family === null ? null : family(S.family); }

  function passes(F, i) {
    var n = F.N[i];
    return S.kinds.has(n.kind) && (S.plans === null || S.plans.has(planKey(F, n))) && (!S.orphansOnly || n.orphan.length > 0);
  }

  /** What matches the filters (and the thread, when shown), what is drawn, what is drawn as context. */
  function derive(F) {
    var n = F.N.length;
    var thread = S.thread && S.selected !== null ? threadSet(F, S.selected) : null;
    var match = new Uint8Array(n), drawn = new Uint8Array(n), context = new Uint8Array(n);
    var opened = new Set();
    S.open.forEach(function (h) { openItems(F, h, opened); });
    var everything = thread !== null || S.orphansOnly || S.all;
    var counts = { match: 0, drawn: 0, context: 0, threadHidden: 0 };
    for (var i = 0; i < n; i++) {
      var ok = passes(F, i);
      if (thread !== null && !thread.has(i)) ok = false;
      if (thread !== null && thread.has(i) && !passes(F, i)) counts.threadHidden++;
      if (!ok) continue;
      match[i] = 1;
      counts.match++;
      var nd = F.N[i];
      if (everything || (TOP[nd.kind] && !nd.guest) || opened.has(i) || i === S.selected) { drawn[i] = 1; counts.drawn++; }
    }
    for (i = 0; i < n; i++) {  // what the drawn nodes sit in, faint, so they keep their place
      if (!drawn[i]) continue;
      (F.N[i].about.path || []).forEach(function (a) {
        if (!drawn[a] && !context[a] && S.kinds.has(F.N[a].kind) && (S.plans === null || S.plans.has(planKey(F, F.N[a])))) {
          context[a] = 1;
          counts.context++;
        }
      });
    }
    return { F: F, thread: thread, match: match, drawn: drawn, context: context, counts: counts, everything: everything };
  }

  // -- the graph ----------------------------------------------------------------------------
  var graph = new GTX.Graph($("canvas-wrap"), $("canvas"), {
    onClick: function (i) { graphClick(i); },
    onDoubleClick: function (i) { var F = cur(); if (F && opensSomething(F, i)) toggleOpen(i); },
    tooltip: function (i) { return tooltip(cur(), i); },
    onKey: function (ev) { return canvasKey(ev); }
  });
  mark("network");

  function subLine(F, i) {
    var n = F.N[i], parts = [];
    var breaks = n.orphan.length;
    if (n.kind === "priority" || n.kind === "theme") {
      if (n.rag) parts.push(RAG[n.rag.status]);
      if (breaks) parts.push("⚠ " + plural(breaks, "break", "breaks"));
      var c = commitmentsOf(F, i).length;
      var pri = F.children[i].filter(function (x) { return F.N[x].kind === "priority"; }).length;
      if (pri) parts.push(plural(pri, "priority", "priorities"));
      var held = heldCounts(F, i);
      if (c) held.unshift(plural(c, "commitment", "commitments"));
      if (held.length) parts.push(held.join(", ") + (S.open.has(i) || (D && D.everything) ? "\u00a0▾" : "\u00a0▸"));
    } else if (n.kind === "plan") {
      var themes = F.children[i].filter(function (x) { return F.N[x].kind === "theme"; }).length;
      var pris = F.N.filter(function (x) { return x.kind === "priority" && x.plan === n.id; }).length;
      parts.push("Plan");
      if (themes) parts.push(plural(themes, "theme", "themes"));
      if (pris) parts.push(plural(pris, "priority", "priorities"));
      if (breaks) parts.push("⚠ " + plural(breaks, "break", "breaks"));
    } else {
      parts.push(KIND[n.kind].name);
      if (n.status) parts.push((PENDING[n.status] ? "◌ " : "") + n.status);
      if (n.rating) parts.push("rated " + n.rating);
      if (breaks) parts.push("⚠ " + (REASON[n.orphan[0].reason] || n.orphan[0].reason) + (breaks > 1 ? " +" + (breaks - 1) : ""));
      if (n.guest) parts.push("shared");
    }
    return parts.join(" · ");
  }

  function tooltip(F, i) {
    var n = F.N[i];
    var reasons = n.orphan.map(function (o) { return REASON[o.reason] || o.reason; });
    return el("div", { class: "tt" },
      el("p", { class: "tt-kind" }, KIND[n.kind].name + " · " + planName(n)),
      el("p", { class: "tt-label" }, n.label),
      n.status ? el("p", { class: "tt-line" }, "Status: " + n.status + (PENDING[n.status] ? " (not yet in place)" : "")) : null,
      reasons.length ? el("p", { class: "tt-warn" }, "⚠ Thread breaks: " + reasons.join("; ")) : null,
      n.text !== n.label ? el("p", { class: "tt-text" }, shorten(n.text, 300)) : null,
      el("p", { class: "tt-hint" }, "Click for who oversees it, what delivers it and where its thread breaks."));
  }

  function graphView(D) {
    var F = D.F;
    return {
      drawn: D.drawn, context: D.context, selected: S.selected, thread: D.thread,
      sub: function (i) { return subLine(F, i); },
      look: function (i) {
        var n = F.N[i];
        return { gold: D.thread !== null && i === S.selected, focus: D.thread !== null && i === S.selected,
          orphan: n.orphan.length > 0, pending: PENDING[n.status] === true, context: D.context[i] === 1 };
      },
      edgeShown: function (j) { return S.origins.has(F.E[j].origin); },
      allLinks: S.allLinks
    };
  }

  function graphClick(i) {
    var F = cur();
    if (!F) return;
    if (S.selected === i && opensSomething(F, i) && !D.everything) { toggleOpen(i); return; }
    if (TOP[F.N[i].kind] && !S.open.has(i) && opensSomething(F, i) && !D.everything) S.open.add(i);
    select(i, { from: "graph" });
  }
  function toggleOpen(i) {
    if (S.open.has(i)) S.open.delete(i); else S.open.add(i);
    update();
    graph.ensureVisible(i);
  }
  function canvasKey(ev) {
    var F = cur();
    if (!F) return false;
    switch (ev.key) {
      case "n": case "N": case "p": case "P": {
        var order = F.byOrder.filter(function (i) { return D.drawn[i]; });
        if (!order.length) return true;
        var at = S.selected === null ? -1 : order.indexOf(S.selected);
        var fwd = ev.key === "n" || ev.key === "N";
        var next = fwd ? order[(at + 1) % order.length] : order[(at - 1 + order.length) % order.length];
        select(next, { from: "keys" });
        announce("Selected " + KIND[F.N[next].kind].name + ": " + F.N[next].label);
        return true;
      }
      case "Enter": case " ":
        if (S.selected !== null && opensSomething(F, S.selected)) {
          toggleOpen(S.selected);
          announce((S.open.has(S.selected) ? "Opened " : "Closed ") + F.N[S.selected].label);
        } else if (S.selected !== null) focusDetails();
        return true;
      case "t": case "T": toggleThread(); return true;
      case "Escape": return escape();
    }
    return false;
  }
  function escape() {
    if (S.thread) { S.thread = false; update(); announce("Golden thread hidden."); return true; }
    if (S.selected !== null) { S.selected = null; update(); announce("Nothing selected."); return true; }
    return false;
  }

  // -- update ---------------------------------------------------------------------------------
  var urlWritten = null;
  function update() {
    var F = cur();
    D = F ? derive(F) : null;
    $("council-index").hidden = F !== null;
    $("graph-map").hidden = F === null;
    $("back-to-index").hidden = !(MULTI && F !== null);
    if (F) graph.render(graphView(D));
    renderStatus();
    renderButtons();
    renderDetails();
    renderTable();
    var reviewKey = S.family + ":" + decisionsVersion;
    if (reviewKey !== reviewShown) { reviewShown = reviewKey; renderReview(); }
    hideThreadTableIfStale();
    writeURL();
    if (!readyMarked) {  // the first view is drawn: tests and benchmarks wait for this
      readyMarked = true;
      mark("drawn");
      requestAnimationFrame(function () {
        window.__explorerFirstRender = performance.now();
        document.documentElement.setAttribute("data-ready", "true");
      });
    }
  }
  var readyMarked = false;

  function renderStatus() {
    var F = cur();
    var text;
    if (!F) {
      text = "Index of " + plural(DATA.families.length, "council", "councils") + ": open one to draw its plans.";
    } else {
      var c = D.counts, total = F.N.length;
      if (D.thread !== null) {
        text = "Golden thread of " + quoted(F.N[S.selected].label, 70) + ": " + plural(D.thread.size, "node", "nodes") +
          "; " + num(c.match) + " match the filters, all drawn" + (c.threadHidden ? " (" + num(c.threadHidden) + " hidden by the filters)" : "") + ".";
      } else if (S.orphansOnly) {
        text = "Orphans only: " + plural(c.match, "node matches", "nodes match") + " the filters, all drawn.";
      } else if (S.all) {
        text = "Drawn: " + num(c.drawn) + " of " + plural(total, "node", "nodes") + " (every node matching the filters).";
      } else {
        text = "Drawn: " + num(c.drawn) + " of " + plural(total, "node", "nodes") + " — plans, themes and priorities" +
          (S.open.size ? ", and what the " + plural(S.open.size, "opened node holds", "opened nodes hold") : "") +
          ". Click a priority to open its commitments, or Show all nodes. " + num(c.match) + " match the filters (see the table).";
      }
      if (c.context) text += " " + plural(c.context, "plan, theme or priority", "plans, themes or priorities") + " around them drawn faint.";
    }
    $("status").textContent = text;
  }

  function renderButtons() {
    var F = cur();
    var tb = $("thread-button");
    tb.disabled = !F || S.selected === null;
    tb.setAttribute("aria-pressed", S.thread ? "true" : "false");
    tb.textContent = S.thread ? "Hide golden thread" : "Show golden thread";
    var all = $("all-button");
    all.disabled = !F;
    all.setAttribute("aria-pressed", S.all ? "true" : "false");
    ["zoom-in", "zoom-out", "fit-button"].forEach(function (id) { $(id).disabled = !F; });
    $("orphans-only").checked = S.orphansOnly;
    $("all-links").checked = S.allLinks;
    var orphanCount = F ? F.orphanNodes : DATA.families.reduce(function (s, f) { return s + f.orphans; }, 0);
    $("orphans-label").textContent = "Orphans only (" + num(orphanCount) + ")";
    $("kind-count").textContent = "(" + S.kinds.size + " of " + DATA.kinds.length + ")";
    var planTotal = F ? planKeys(F).length : 0;
    $("plan-count").textContent = F ? "(" + (S.plans === null ? planTotal : S.plans.size) + " of " + planTotal + ")" : "";
    $("filter-plan").hidden = !F;
    $("origin-count").textContent = "(" + S.origins.size + " of " + ORIGIN_ORDER.length + ")";
    document.querySelectorAll("#kind-options input[name=kind]").forEach(function (c) { c.checked = S.kinds.has(c.value); });
    document.querySelectorAll("#origin-options input[name=origin]").forEach(function (c) { c.checked = S.origins.has(c.value); });
    document.querySelectorAll("#plan-options input[name=plan]").forEach(function (c) { c.checked = S.plans === null || S.plans.has(c.value); });
    $("council-name").textContent = F && MULTI ? F.info.label : "";
  }

  // -- selection -------------------------------------------------------------------------------
  function select(i, how) {
    how = how || {};
    S.selected = i;
    update();
    var F = cur();
    if (i === null || !F) return;
    if (how.from === "search" || how.from === "search-stay" || how.from === "panel" || how.from === "table" || how.from === "url") {
      if (wide()) graph.ensureVisible(i);
      if (how.from !== "url" && how.from !== "search-stay") focusDetails();
    } else if (how.from === "graph" || how.from === "keys") {
      graph.ensureVisible(i);
    }
  }
  function wide() { return window.matchMedia("(min-width: 901px)").matches; }
  function focusDetails() {
    var h = $("details-title");
    if (h) { h.focus({ preventScroll: true }); if (!wide()) $("details").scrollIntoView({ block: "start" }); else h.scrollIntoView({ block: "nearest" }); }
  }
  function toggleThread() {
    var F = cur();
    if (!F || S.selected === null) return;
    S.thread = !S.thread;
    update();
    announce(S.thread ? "Golden thread of " + F.N[S.selected].label + ": " + plural(D.thread.size, "node", "nodes") + "." : "Golden thread hidden.");
  }
  function openFamily(k, then) {
    whenParsed(function () {
      if (k !== null && !family(k)) return;
      if (S.family !== k) {
        S.family = k;
        S.selected = null; S.thread = false; S.open = new Set(); S.all = false; S.plans = null;
        if (k !== null) graph.setFamily(family(k));
        buildPlanFilter();
      }
      if (then) then(); else update();
    });
  }

  // -- details ---------------------------------------------------------------------------------
  /** A link to node ``i`` (its deep link; a click selects it in place). */
  function nodeButton(F, i, text, key) {
    var n = F.N[i];
    var a = el("a", { href: "#" + nodeHash(F, i), class: "nodelink", "data-id": n.id, "data-key": key ? "node:" + key + ":" + n.id : null },
      text || n.label);
    a.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;  // a new tab gets the deep link
      ev.preventDefault();
      var go = function () { select(i, { from: "panel" }); };
      if (S.family !== F.k) openFamily(F.k, go); else go();
    });
    return a;
  }
  function nodeHash(F, i) { return (MULTI ? "council=" + enc(F.info.id) + "&" : "") + "node=" + enc(F.N[i].id); }
  function kindIcon(kind, pending) {
    var k = KIND[kind], ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 18 14");
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    var r = document.createElementNS(ns, "rect");
    r.setAttribute("x", "1"); r.setAttribute("y", "1"); r.setAttribute("width", "16"); r.setAttribute("height", "12"); r.setAttribute("rx", "2");
    r.setAttribute("fill", k.filled && !pending ? k.color : "#ffffff");
    r.setAttribute("stroke", k.color); r.setAttribute("stroke-width", "1.5");
    if (pending) r.setAttribute("stroke-dasharray", "3 2");
    svg.appendChild(r);
    if (!k.filled) {
      var s = document.createElementNS(ns, "rect");
      s.setAttribute("x", "1"); s.setAttribute("y", "1"); s.setAttribute("width", "4"); s.setAttribute("height", "12");
      s.setAttribute("fill", k.color);
      svg.appendChild(s);
    }
    return svg;
  }
  function statusWords(n) {
    return n.status ? (PENDING[n.status] ? " — ◌ " + n.status + " (not yet in place)" : " — " + n.status) : "";
  }
  /** ``rows`` as an inline list ("a; b; c"), the first ``show`` and a button for the rest. */
  var expandedLists = new Set();
  function listOf(F, rows, render, show, key) {
    show = show || 2;
    if (rows.length === show + 1) show++;  // never "1 more"
    var open = expandedLists.has(key);
    var n = open ? rows.length : Math.min(rows.length, show);
    var span = el("span", { class: "flow", "data-list": key });
    rows.slice(0, n).forEach(function (r, k) {
      if (k) span.appendChild(document.createTextNode("; "));
      span.appendChild(el("span", { class: "item" }, render(r)));
    });
    if (rows.length > show) {
      var b = el("button", { type: "button", class: "more-inline", "aria-expanded": open ? "true" : "false", "data-key": "flow:" + key },
        open ? "show fewer" : "and " + num(rows.length - n) + " more");
      b.addEventListener("click", function () {
        if (expandedLists.has(key)) expandedLists.delete(key); else expandedLists.add(key);
        renderDetails();
      });
      span.appendChild(document.createTextNode(" "));
      span.appendChild(b);
    }
    return span;
  }
  /** Rows [node, via, ...] as inline lists: the node's own first, then one list per
   *  theme or plan they are inherited from ("from its theme “X”: a; b"). */
  function inherited(F, i, rows, render, key) {
    var groups = new Map();
    rows.forEach(function (r) {
      var v = r[1] === null || r[1] === undefined ? -1 : r[1];
      if (!groups.has(v)) groups.set(v, []);
      groups.get(v).push(r);
    });
    var out = [];
    Array.from(groups.keys()).sort(function (a, b) { return a < 0 ? -1 : b < 0 ? 1 : F.N[b].order - F.N[a].order; }).forEach(function (v) {
      if (out.length) out.push(" ");
      var list = listOf(F, groups.get(v), render, 2, key + ":" + v);
      if (v < 0) out.push(list);
      else out.push(el("span", { class: "via" }, "(from its " + KIND[F.N[v].kind].name.toLowerCase() + " " + quoted(F.N[v].label, 50) + ") "), list);
    });
    return out;
  }
  function decisionNote(F, e) {
    var d = decisions.get(decisionKey(F.N[e.source].id, e.kind, F.N[e.target].id));
    return d ? " [" + (d.decision === "accept" ? "accepted" : d.decision === "reject" ? "rejected" : "added") + " in this review]" : "";
  }

  function answer(dl, id, term, body) {
    dl.appendChild(el("div", { class: "answer" }, el("dt", null, term), el("dd", { id: id }, body)));
  }

  function renderDetails() {
    var body = $("details-body");
    var keep = document.activeElement && body.contains(document.activeElement) ?
      (document.activeElement.getAttribute("data-key") || document.activeElement.id || null) : null;
    var openDetails = {};
    body.querySelectorAll("details[data-key]").forEach(function (d) { openDetails[d.getAttribute("data-key")] = d.open; });
    clear(body);
    var F = cur();
    if (!F || S.selected === null) renderStart(body, F);
    else renderNode(body, F, S.selected);
    body.querySelectorAll("details[data-key]").forEach(function (d) {
      var k = d.getAttribute("data-key");
      if (Object.prototype.hasOwnProperty.call(openDetails, k)) d.open = openDetails[k];
    });
    if (keep) {
      var again = body.querySelector('[data-key="' + cssEscape(keep) + '"]') || $(keep);
      if (again && body.contains(again)) again.focus({ preventScroll: true });
      else if ($("details-title")) $("details-title").focus({ preventScroll: true });
    }
  }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&"); }

  function renderStart(body, F) {
    if (!F) {
      var tot = DATA.counts;
      body.appendChild(el("p", { class: "hint" }, "This graph holds " + plural(DATA.families.length, "council", "councils") +
        " (" + plural(tot.nodes, "node", "nodes") + "). Open a council in the index, or search all of them: type a priority, a board, a strategy, an abbreviation (HWB)."));
      var reds = 0, ambers = 0, greens = 0;
      DATA.families.forEach(function (f) { reds += f.rag.red; ambers += f.rag.amber; greens += f.rag.green; });
      body.appendChild(el("p", null, "Priorities: " + RAG.red + " " + num(reds) + " · " + RAG.amber + " " + num(ambers) + " · " + RAG.green + " " + num(greens) + "."));
      return;
    }
    body.appendChild(el("p", { class: "hint" }, "Select a priority (click it, search for it, or pick it in the table) to see who oversees it, what delivers it, how it is measured, what it aligns with and where its thread breaks."));
    body.appendChild(el("h3", { class: "start-heading" }, "Plans"));
    body.appendChild(el("ul", { class: "answer-list", id: "start-plans" }, F.plans.filter(function (p) { return p >= 0; }).map(function (p) {
      var parts = F.N.filter(function (n) { return n.plan === F.N[p].id && !n.guest; }).length;
      return el("li", null, nodeButton(F, p, null, "start"), " ", el("span", { class: "meta" }, plural(parts, "node", "nodes")));
    })));
    var rags = { red: 0, amber: 0, green: 0 };
    F.N.forEach(function (n) { if (n.rag) rags[n.rag.status]++; });
    body.appendChild(el("h3", { class: "start-heading" }, "Priorities by thread status"));
    body.appendChild(el("p", null, RAG.red + " " + rags.red + " · " + RAG.amber + " " + rags.amber + " · " + RAG.green + " " + rags.green));
    var breaks = {};
    F.N.forEach(function (n) { n.orphan.forEach(function (o) { breaks[o.reason] = (breaks[o.reason] || 0) + 1; }); });
    var reasons = DATA.reasons.filter(function (r) { return breaks[r]; });
    if (reasons.length) {
      body.appendChild(el("h3", { class: "start-heading" }, "Where the thread breaks"));
      body.appendChild(el("ul", { class: "plain" }, reasons.map(function (r) { return el("li", null, "⚠ " + (REASON[r] || r) + ": " + breaks[r]); })));
      body.appendChild(el("p", { class: "hint" }, "Tick “Orphans only” to draw just these nodes; the table lists them all."));
    }
  }

  function renderNode(body, F, i) {
    var n = F.N[i], k = KIND[n.kind], a = n.about;
    body.appendChild(el("p", { class: "badge", id: "details-kind" }, kindIcon(n.kind, PENDING[n.status]), el("span", null, k.name)));
    body.appendChild(el("h3", { id: "details-title", tabindex: "-1" }, n.orphan.length ? "⚠ " : null, n.label));
    var path = (a.path || []).filter(function (p) { return p !== i; });
    var crumbs = el("ol", { class: "crumbs", id: "details-path", "aria-label": "Where it sits" });
    path.forEach(function (p) { crumbs.appendChild(el("li", null, nodeButton(F, p, null, "path"))); });
    if (path.length) body.appendChild(crumbs);
    else body.appendChild(el("p", { class: "meta", id: "details-path" }, n.kind === "plan" ? "A plan." : planName(n) + (n.guest ? " (another council's; linked from this one)" : "")));
    if (!D.match[i]) {
      var note = el("p", { class: "hidden-note" }, "The filters hide this node. ");
      var reset = el("button", { type: "button", class: "secondary", "data-key": "reset-from-panel" }, "Reset filters");
      reset.addEventListener("click", function () { resetView(false); select(i, { from: "panel" }); });
      note.appendChild(reset);
      body.appendChild(note);
    }
    var actions = el("div", { class: "panel-actions" });
    var tb = el("button", { type: "button", id: "panel-thread", "data-key": "panel-thread", "aria-pressed": S.thread ? "true" : "false" },
      S.thread ? "Hide golden thread" : "Show golden thread");
    tb.addEventListener("click", toggleThread);
    actions.appendChild(tb);
    if (opensSomething(F, i)) {
      var ob = el("button", { type: "button", class: "secondary", id: "panel-open", "data-key": "panel-open",
        "aria-expanded": S.open.has(i) || D.everything ? "true" : "false", disabled: D.everything ? true : null },
        S.open.has(i) ? "Close on the graph" : "Open on the graph");
      ob.addEventListener("click", function () { toggleOpen(i); });
      actions.appendChild(ob);
    }
    body.appendChild(actions);

    var dl = el("dl", { class: "answers", id: "details-answers" });
    // thread status
    var r = ragOf(F, i);
    if (r) {
      var missing = r.rag.missing.map(function (m) { return r.rag.inferred.indexOf(m) >= 0 ? m + " (inferred: to review)" : m; });
      var why = expandedLists.has("rule");
      var rule = el("button", { type: "button", class: "more-inline", "aria-expanded": why ? "true" : "false", "data-key": "flow:rule" },
        why ? "hide the rule" : "why " + r.rag.status + "?");
      rule.addEventListener("click", function () { if (expandedLists.has("rule")) expandedLists.delete("rule"); else expandedLists.add("rule"); renderDetails(); });
      answer(dl, "details-rag", "Thread status", [
        el("span", { class: "rag rag-" + r.rag.status, "data-status": r.rag.status, id: "details-rag-status" },
          el("strong", null, RAG[r.rag.status]), missing.length ? " — missing: " + missing.join("; ") + "." : " — every part of the thread is there."),
        r.of !== null ? el("span", { class: "meta" }, " (of its priority ", nodeButton(F, r.of, shorten(F.N[r.of].label, 60), "rag"), ")") : null,
        " ", rule, why ? el("span", { class: "rule", id: "details-rule" }, " " + RAG[r.rag.status].slice(2) + " when " + DATA.ragRule[r.rag.status] + ".") : null]);
    }
    if (n.status) answer(dl, "details-status", "Status", el("span", { class: PENDING[n.status] ? "status-pending" : null },
      PENDING[n.status] ? "◌ " + n.status + " (not yet in place)" : n.status));
    var rev = a.rev || [];
    var revTerm = { strategy: "Delivers", board: "Oversees", measure: "Measures", portfolio: "Holds to account", indicator: "Tracks" }[n.kind];
    if (revTerm) {
      answer(dl, "details-rev", revTerm, rev.length || a.revOut ? [
        el("span", { class: "count" }, plural(rev.length, "node", "nodes") + (a.revOut ? " here, and " + num(a.revOut) + " in other councils" : "") + ": "),
        listOf(F, rev, function (row) {
          var how = row[1] === null ? "" : (F.N[row[1]].kind === "strategy" ? " (through " + quoted(F.N[row[1]].label, 50) + ")" :
            " (inherited from " + quoted(F.N[row[1]].label, 50) + ")");
          return [el("span", { class: "kindword" }, KIND[F.N[row[0]].kind].name + ": "), nodeButton(F, row[0], null, "rev"), how];
        }, 5, "rev")] : el("span", { class: "missing" }, "✖ Nothing in this council links to it."));
    }
    if (n.kind !== "plan" && n.kind !== "board" && n.kind !== "measure" && n.kind !== "portfolio" && n.kind !== "indicator" || (a.over || []).length) {
      var over = a.over || [];
      answer(dl, "details-over", "Overseen by", over.length ? inherited(F, i, over, function (row) {
        return [nodeButton(F, row[0], null, "over"), statusWords(F.N[row[0]]), row[2] !== null ? " (through its strategy " + quoted(F.N[row[2]].label, 50) + ")" : ""];
      }, "over") : [el("span", { class: "missing" }, "✖ No board named" + (n.kind === "priority" ? ", for it or its theme." : ".")), genericNote(n, "overseen_by")]);
    }
    if (TOP[n.kind] || n.kind === "commitment") {
      var deliv = a.deliv || [];
      var kids = commitmentsOf(F, i);
      answer(dl, "details-deliv", "Delivered through",
        deliv.length ? inherited(F, i, deliv, function (row) {
          return [nodeButton(F, row[0], null, "deliv"), statusWords(F.N[row[0]])];
        }, "deliv") : [el("span", { class: "missing" }, "✖ No delivery strategy named."), genericNote(n, "delivered_through")]);
      if (kids.length) answer(dl, "details-commitments", "Commitments", [el("span", { class: "count" }, num(kids.length) + ": "),
        listOf(F, kids, function (c) { return nodeButton(F, c, null, "kids"); }, 2, "kids")]);
    }
    if (n.kind !== "measure" && n.kind !== "board" && n.kind !== "portfolio" && n.kind !== "indicator") {
      var meas = a.meas || [];
      var inPath = function (x) { return x === null || (a.path || []).indexOf(x) >= 0; };
      var own = meas.filter(function (row) { return inPath(row[1]); });
      var below = meas.filter(function (row) { return !inPath(row[1]); });
      var measure = function (row) {
        var m = F.N[row[0]];
        var extra = [m.target ? "target " + m.target : null, m.baseline ? "baseline " + m.baseline : null, m.rating ? "rated " + m.rating : null]
          .filter(Boolean).join("; ");
        return [nodeButton(F, row[0], null, "meas"), extra ? " (" + extra + ")" : ""];
      };
      answer(dl, "details-meas", "Measured by", meas.length ? [own.length ? inherited(F, i, own, measure, "meas") : null,
        below.length ? el("span", { class: "via" }, (own.length ? " " : "") + "(on what sits in it) ") : null,
        below.length ? listOf(F, below, measure, 2, "meas-below") : null] : el("span", { class: "missing" }, "✖ No measure named."));
    }
    if ((a.acct || []).length) {
      answer(dl, "details-acct", "Accountable to", inherited(F, i, a.acct, function (row) {
        return nodeButton(F, row[0], null, "acct");
      }, "acct"));
    }
    if (n.kind === "measure") {
      var bits = [n.target ? "Target: " + n.target : null, n.baseline ? "Baseline: " + n.baseline : null, n.rating ? "Rated: " + n.rating : null].filter(Boolean);
      if (bits.length) answer(dl, "details-measure", "As written", bits.join(" · "));
      renderTracked(dl, F, i);
    }
    if (n.kind === "indicator") renderIndicator(dl, F, i);
    renderAligned(dl, F, i);
    if (n.kind !== "indicator") renderBreaks(dl, F, i);  // data, not part of a plan's thread
    if (n.guest || (n.outside || []).length) {
      var outside = (n.outside || []).map(function (o) { return plural(o[1], "link", "links") + " in " + DATA.families[o[0]].label; });
      answer(dl, "details-shared", "Shared", (n.guest ? "Another council's, linked from this one. " : "") +
        (outside.length ? "Also: " + outside.join("; ") + "." : "") + (n.threadOut ? " Its golden thread has " + num(n.threadOut) + " more nodes in other councils." : ""));
    }
    body.appendChild(dl);
    var after = el("div", { class: "panel-actions after" });
    var tt = el("button", { type: "button", class: "secondary", id: "panel-table", "data-key": "panel-table" }, "Thread table (printable)");
    tt.addEventListener("click", function () { showThreadTable(i); });
    after.appendChild(tt);
    var cp = el("button", { type: "button", class: "secondary", id: "panel-copy", "data-key": "panel-copy" }, "Copy link to this view");
    cp.addEventListener("click", copyLink);
    after.appendChild(cp);
    body.appendChild(after);

    // the full record, folded
    var more = el("div", { class: "more-sections" });
    if (n.aliases.length) more.appendChild(el("p", null, el("strong", null, "Also called: "), n.aliases.join("; ")));
    more.appendChild(folded("text", "Full text", el("p", { class: "fulltext", id: "details-text" }, n.text)));
    more.appendChild(folded("sources", "Sources (" + n.sources.length + ")", el("ol", { class: "sources", id: "details-sources" }, n.sources.map(function (s) {
      var lines = s.line_start === s.line_end ? "line " + s.line_start : "lines " + s.line_start + "–" + s.line_end;
      return el("li", null,
        el("span", { class: "where" }, el("span", { class: "doc" }, s.document), ", ", el("span", { class: "lines" }, lines),
          s.page ? ", page " + s.page : null),
        el("blockquote", null, s.quote));
    }))));
    if (n.blanks.length) {
      more.appendChild(folded("blanks", "Left blank in a table (" + n.blanks.length + ")", el("ul", { class: "sources" }, n.blanks.map(function (b) {
        var s = b.source;
        return el("li", null, "No " + b.column + " named in the ‘" + b.table + "’ table (" + s.document + ", lines " + s.line_start + "–" + s.line_end + ")",
          el("blockquote", null, s.quote));
      }))));
    }
    var rows = [];
    F.out[i].forEach(function (j) { rows.push({ j: j, other: F.E[j].target, rel: LINK[F.E[j].kind].out, rank: LINK_ORDER.indexOf(F.E[j].kind) * 2 }); });
    F.inn[i].forEach(function (j) { rows.push({ j: j, other: F.E[j].source, rel: LINK[F.E[j].kind].inn, rank: LINK_ORDER.indexOf(F.E[j].kind) * 2 + 1 }); });
    rows.sort(function (x, y) { return x.rank - y.rank || F.N[x.other].order - F.N[y.other].order; });
    more.appendChild(folded("links", "All links (" + rows.length + ")", rows.length ? el("ul", { class: "links", id: "details-links" }, rows.map(function (row) {
      var e = F.E[row.j], other = F.N[row.other];
      var li = el("li", { "data-kind": e.kind, "data-origin": e.origin, "data-suspect": e.suspect ? "true" : null },
        el("span", { class: "rel" }, row.rel + " · " + KIND[other.kind].name + (D.drawn[row.other] ? "" : " (not drawn)")),
        nodeButton(F, row.other, null, "links"),
        el("span", { class: "meta" }, linkMeta(e) + decisionNote(F, e)));
      if (e.origin !== "stated") li.appendChild(decisionButtons(F, e.source, e.kind, e.target, "links"));
      return li;
    })) : el("p", { class: "hint" }, "No links.")));
    if (D.thread !== null) {
      var members = Array.from(D.thread).sort(function (x, y) { return F.N[x].order - F.N[y].order; });
      var t = folded("thread", "Golden thread (" + members.length + " nodes)", el("ol", { class: "thread-list", id: "thread-list" }, members.map(function (m) {
        return el("li", { "data-id": F.N[m].id }, KIND[F.N[m].kind].name + ": ", nodeButton(F, m, null, "thread"));
      })));
      more.appendChild(t);
    }
    body.appendChild(more);
  }
  function folded(key, title, content) {
    return el("details", { class: "fold", "data-key": "fold:" + key, id: "fold-" + key }, el("summary", null, title), content);
  }
  function genericNote(n, kind) {
    var said = (n.generic || []).filter(function (g) { return g.kind === kind; });
    if (!said.length) return null;
    return el("span", { class: "meta" }, " The document mentions only " + said.map(function (g) {
      return "‘" + g.text + "’ (" + g.source.document + " line " + g.source.line_start + ")";
    }).join("; ") + ", which names no " + (kind === "overseen_by" ? "board" : "strategy") + ".");
  }
  function linkMeta(e) {
    var parts = [ORIGIN[e.origin].name + " link"];
    if (e.confidence !== null && e.confidence !== undefined) parts.push("confidence " + e.confidence.toFixed(2));
    if (e.method) parts.push(e.method);
    if (e.note) parts.push(e.note);
    if (e.suspect) parts.push("look at again: " + e.suspect);  // curated, and an end changed since the previous edition
    return parts.join(" · ");
  }

  // -- indicator data -------------------------------------------------------------------------
  var SVG_NS = "http://www.w3.org/2000/svg";
  // what a chart may hold: the elements and attributes viz/charts.py writes, nothing that runs,
  // links or loads (no script, a, image, use, foreignObject; no on*, href, style)
  var SVG_TAGS = { svg: 1, title: 1, desc: 1, g: 1, path: 1, circle: 1, text: 1 };
  var SVG_ATTRS = { "class": 1, role: 1, "aria-labelledby": 1, viewBox: 1, width: 1, height: 1, "font-family": 1,
    "font-size": 1, id: 1, d: 1, fill: 1, stroke: 1, "stroke-width": 1, "stroke-dasharray": 1, "stroke-linejoin": 1,
    cx: 1, cy: 1, r: 1, x: 1, y: 1, "text-anchor": 1 };
  /** The chart ``text`` (SVG made in Python) as DOM: parsed as XML, rebuilt from the allowed
   *  elements and attributes, text as text nodes; null if it is not one well-formed <svg>. */
  function svgFrom(text) {
    if (!text) return null;
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var root = doc.documentElement;
    if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg" || doc.getElementsByTagName("parsererror").length) return null;
    function copy(node) {
      var out = document.createElementNS(SVG_NS, node.localName);
      Array.prototype.forEach.call(node.attributes, function (at) {
        if (!at.namespaceURI && SVG_ATTRS[at.name] === 1) out.setAttribute(at.name, at.value);
      });
      Array.prototype.forEach.call(node.childNodes, function (c) {
        if (c.nodeType === 3) out.appendChild(document.createTextNode(c.data));
        else if (c.nodeType === 1 && c.namespaceURI === SVG_NS && SVG_TAGS[c.localName] === 1) out.appendChild(copy(c));
      });
      return out;
    }
    return copy(root);
  }
  function trackStatus(t) {
    return el("span", { class: "track-status track-" + t.status.replace(" ", "-"), "data-status": t.status }, TRACK_STATUS[t.status]);
  }
  /** The chart's data as a table (text nodes), in a named scrolling region, folded. */
  function chartTable(t) {
    var cap = "caption-" + t.anchor;
    var table = el("table", { class: "trend-table" }, el("caption", { id: cap }, t.caption),
      el("thead", null, el("tr", null, t.head.map(function (h) { return el("th", { scope: "col" }, h); }))),
      el("tbody", null, t.rows.map(function (r) {
        return el("tr", null, el("th", { scope: "row" }, r[0]), r.slice(1).map(function (c) { return el("td", null, c); }));
      })));
    return folded("data-" + t.anchor, "Data table (" + plural(t.rows.length, "period", "periods") + ")",
      el("div", { class: "table-wrap chart-data", role: "region", tabindex: "0", "aria-labelledby": cap }, table));
  }
  function chartFigure(t) {
    var svg = svgFrom(t.svg);
    return el("div", { class: "chart", "data-anchor": t.anchor }, svg || el("p", { class: "meta" }, "No value to draw. " + t.desc));
  }
  /** A measure's answer "Tracked by": per indicator, its status, the facts in words, the chart
   *  and (folded) its data; a measure no indicator tracks says so, with its nearest indicators. */
  function renderTracked(dl, F, i) {
    if (!TRACKED) return;
    var list = F.trackOf.get(i) || [];
    var n = F.N[i];
    if (!list.length) {
      var near = n.nearestIndicators || [];
      answer(dl, "details-tracked", "Tracked by", [el("span", { class: "missing" }, "– No data: no indicator in the data tracks it."),
        near.length ? el("span", { class: "meta" }, " Nearest: ") : null,
        near.length ? listOf(F, near, function (c) {
          return [nodeButton(F, c.node, null, "near-ind"), " (" + c.score.toFixed(2) + "; a link needs " + c.threshold.toFixed(2) + ")" + (c.note ? ": " + c.note : "")];
        }, 2, "near-ind") : null]);
      return;
    }
    answer(dl, "details-tracked", "Tracked by", list.map(function (t) {
      var ev = t.evidence;
      return el("div", { class: "tracked", "data-indicator": F.N[t.indicator].id, "data-status": t.status },
        el("p", { class: "tracked-head" }, nodeButton(F, t.indicator, null, "tracked"), " ", trackStatus(t)),
        el("ul", { class: "facts" },
          el("li", null, el("strong", null, "Latest: "), t.latest),
          el("li", { "data-travel": t.travel }, el("strong", null, "Travel: "), el("span", { "aria-hidden": "true" }, TRAVEL_MARK[t.travel] + " "), t.travelLine + ".",
            el("span", { class: "meta" }, " Baseline: " + t.baseline + ".")),
          el("li", null, el("strong", null, "England: "), t.england || "no value for England"),
          el("li", null, el("strong", null, "Rank: "), t.rank || "no comparator group"),
          el("li", null, el("strong", null, "Status: "), TRACK_STATUS[t.status].slice(2) + " when " + t.rule + ". Here: " + t.reason + ".")),
        chartFigure(t),
        folded("why-" + t.anchor, "Why this indicator (" + ev.short + ")", el("div", { class: "why" },
          el("p", null, ev.summary + "." + (ev.note ? " " + ev.note + "." : "")),
          ev.passages.length ? el("ul", { class: "passages" }, ev.passages.map(function (q) {
            return el("li", null, el("span", { class: "meta" }, q[0] + " " + q[1] + ": "), quoted(q[2], 160));
          })) : null)),
        chartTable(t));
    }));
  }
  /** An indicator's answers: the measures it tracks with their status and latest value, and its chart. */
  function renderIndicator(dl, F, i) {
    var list = F.tracksOf.get(i) || [];
    var n = F.N[i];
    var what = [n.statistic, n.unit].filter(Boolean).join(", ");
    var bd = n.breakdowns ? Object.keys(n.breakdowns).map(function (k) { return k + ": " + n.breakdowns[k]; }).join("; ") : "";
    if (what || bd) answer(dl, "details-series", "Series", [what, bd ? (what ? " · " : "") + bd : ""].join(""));
    if (!list.length) return;
    answer(dl, "details-latest", "Latest", [list[0].latest + ".", " ", list[0].england ? "England: " + list[0].england + "." : ""].join(""));
    answer(dl, "details-tracking", "How each measure is going", el("ul", { class: "plain" }, list.map(function (t) {
      return el("li", { "data-measure": F.N[t.measure].id }, nodeButton(F, t.measure, null, "tracks"), " ", trackStatus(t),
        el("span", { class: "meta" }, " " + TRAVEL_MARK[t.travel] + " " + t.travel + (t.change ? ": " + t.change : "") +
          (t.rankShort ? "; " + t.rankShort + " among similar councils" : "") + "."));
    })));
    answer(dl, "details-chart", "Chart", [chartFigure(list[0]), chartTable(list[0])]);
  }

  function renderAligned(dl, F, i) {
    var rows = F.N[i].about.ali || [];
    if (!rows.length) return;
    // group by the other node's plan and direction: "Carried out by, in <plan>": priorities, then commitments
    var groups = new Map();
    rows.forEach(function (row) {
      var other = F.N[row[0]];
      var key = (other.plan || "") + "|" + row[2];
      if (!groups.has(key)) groups.set(key, { plan: other.plan, dir: row[2], top: [], items: [] });
      var g = groups.get(key);
      (TOP[other.kind] ? g.top : g.items).push(row);
    });
    var out = [];
    Array.from(groups.values()).sort(function (x, y) {
      return (F.planOrder[x.plan] || 0) - (F.planOrder[y.plan] || 0) || (x.dir < y.dir ? -1 : 1);
    }).forEach(function (g) {
      var head = (g.dir === "in" ? "carried out by " : "carries out ") + (planLabels[g.plan] || "another plan") + ": ";
      var render = function (row) {
        return [nodeButton(F, row[0], null, "ali"), row[3] !== "stated" ? " (" + row[3] + ")" : ""];
      };
      var seen = new Set();
      var uniq = function (list) { return list.filter(function (row) { if (seen.has(row[0])) return false; seen.add(row[0]); return true; }); };
      var byKind = {};
      uniq(g.top.concat(g.items)).forEach(function (row) { (byKind[F.N[row[0]].kind] = byKind[F.N[row[0]].kind] || []).push(row); });
      var parts = [el("span", { class: "group-head" }, head)];
      ["plan", "theme", "priority", "commitment", "measure", "strategy", "board", "portfolio"].forEach(function (kind) {
        var list = byKind[kind];
        if (!list) return;
        if (parts.length > 1) parts.push(" ");
        parts.push(el("span", { class: "ali-kind", "data-kind": kind }, el("span", { class: "count" }, plural(list.length, KIND[kind].name.toLowerCase(), KIND[kind].plural.toLowerCase()) + ": "),
          listOf(F, list, render, kind === "commitment" ? 2 : 3, "ali-" + kind + "-" + g.plan + g.dir), "."));
      });
      out.push(el("p", { class: "aligned-group", "data-plan": g.plan || "", "data-dir": g.dir }, parts));
    });
    answer(dl, "details-aligned", "Aligns with", out);
  }

  function renderBreaks(dl, F, i) {
    var n = F.N[i];
    if (!n.orphan.length) {
      answer(dl, "details-breaks", "Thread breaks", "None found here.");
      return;
    }
    answer(dl, "details-breaks", "Thread breaks", el("ul", { class: "orphan-list", id: "details-orphans" }, n.orphan.map(function (o) {
      var basis = o.basis === "inferred" ? " (inferred from wording: to review)" : " (stated by the documents)";
      var item = el("li", { "data-reason": o.reason, "data-basis": o.basis },
        el("strong", null, "⚠ " + (REASON[o.reason] || o.reason) + basis + ": "), o.detail);
      if (o.nearest.length) {
        item.appendChild(el("p", { class: "nearest-title" }, "Nearest in the other plan:"));
        item.appendChild(el("ol", { class: "nearest" }, o.nearest.map(function (c) {
          // a link is made from the lower plan's node to the higher plan's
          var from = o.reason === "not_carried_out" ? c.node : i, to = o.reason === "not_carried_out" ? i : c.node;
          return el("li", null, nodeButton(F, c.node, null, "nearest"),
            " — score " + c.score.toFixed(2) + " (a link needs " + c.threshold.toFixed(2) + ")" +
            (c.terms.length ? "; shares " + c.terms.join(", ") : ""), " ", addLinkButton(F, from, to));
        })));
      }
      return item;
    })));
  }

  // -- search ------------------------------------------------------------------------------------
  var searchInput = $("search-input"), popup = $("search-popup"), resultsList = $("search-results");
  var MAX_RESULTS = 40;
  var results = [];    // [{k, i, score, field, terms}]
  var resultAt = -1;
  function indexOf(F) {
    if (!F.index) F.index = new T.SearchIndex(F.N, DATA.abbreviations);
    return F.index;
  }
  function runSearch(q) {
    var scope = cur() ? [cur()] : loadAll();
    var out = [];
    scope.forEach(function (F) {
      indexOf(F).query(q).forEach(function (r) {
        if (MULTI && !cur() && F.N[r.node].guest) return;
        out.push({ k: F.k, i: r.node, score: r.score, field: r.field, terms: r.terms });
      });
    });
    if (scope.length > 1) out.sort(function (a, b) { return b.score - a.score || a.k - b.k || a.i - b.i; });
    return out;
  }
  function abbreviationNote(q) {
    var words = T.words(q);
    var notes = [];
    words.forEach(function (w) {
      var key = w.toUpperCase();
      if (DATA.abbreviations[key]) notes.push(key + " = " + DATA.abbreviations[key].join(" or "));
    });
    return notes.join("; ");
  }
  function showResults() {
    var q = searchInput.value;
    clear(resultsList);
    if (!q.trim()) { popup.hidden = true; $("search-status").textContent = ""; results = []; resultAt = -1; renderStepper(); return; }
    results = runSearch(q);
    resultAt = -1;
    var where = cur() ? (MULTI ? " in " + cur().info.label : "") : " in " + plural(DATA.families.length, "council", "councils");
    var abbr = abbreviationNote(q);
    var count = results.length === 0 ? "No node matches " + quoted(q.trim(), 60) + where + "." :
      plural(results.length, "match", "matches") + where + (results.length > MAX_RESULTS ? " (best " + MAX_RESULTS + " listed)" : "") +
      ". Enter opens the best; ↓ moves into the list." + (abbr ? " " + abbr + "." : "");
    $("search-count").textContent = count;
    $("search-status").textContent = count;
    results.slice(0, MAX_RESULTS).forEach(function (r, pos) {
      var F = family(r.k), n = F.N[r.i];
      var fieldText = r.field === "source quote" ? n.sources.map(function (s) { return s.quote; }).join(" … ") :
        (r.field === "full text" ? n.text : (r.field === "other name" ? n.aliases.join("; ") : null));
      var b = el("button", { type: "button", "data-id": n.id, "data-family": r.k, class: "result" },
        el("span", { class: "res-kind" }, (pos + 1) + ". " + KIND[n.kind].name + (n.orphan.length ? " · ⚠" : "") + " "),
        el("span", { class: "res-label" }, shorten(n.label, 140)),
        el("span", { class: "res-plan" }, planName(n) + (MULTI && !cur() ? " · " + F.info.label : "")),
        fieldText ? el("span", { class: "res-why" }, "In its " + r.field + ": " + T.excerpt(fieldText, r.terms, 110)) : null);
      b.addEventListener("click", function () { chooseResult(pos, true); });
      b.addEventListener("keydown", resultKeys);
      resultsList.appendChild(el("li", null, b));
    });
    popup.hidden = false;
    renderStepper();
  }
  function chooseResult(pos, moveFocus) {
    if (pos < 0 || pos >= results.length) return;
    resultAt = pos;
    popup.hidden = true;
    var r = results[pos];
    var go = function () {
      var F = cur();
      select(r.i, { from: moveFocus ? "search" : "search-stay" });
      renderStepper();
      announce("Match " + (pos + 1) + " of " + results.length + ": " + KIND[F.N[r.i].kind].name + " " + quoted(F.N[r.i].label, 90) + ".");
      if (!moveFocus) searchInput.focus();
    };
    if (S.family !== r.k) openFamily(r.k, go); else go();
  }
  function renderStepper() {
    var on = results.length > 0 && resultAt >= 0;
    $("search-step").hidden = !on;
    if (!on) return;
    $("search-position").textContent = "Match " + (resultAt + 1) + " of " + results.length;
    $("search-prev").disabled = resultAt <= 0;
    $("search-next").disabled = resultAt >= results.length - 1;
  }
  function resultButtons() { return Array.prototype.slice.call(resultsList.querySelectorAll("button")); }
  function resultKeys(ev) {
    var list = resultButtons(), at = list.indexOf(ev.target);
    if (ev.key === "ArrowDown") { ev.preventDefault(); (list[at + 1] || list[0]).focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (at <= 0) searchInput.focus(); else list[at - 1].focus(); }
    else if (ev.key === "Home") { ev.preventDefault(); list[0].focus(); }
    else if (ev.key === "End") { ev.preventDefault(); list[list.length - 1].focus(); }
    else if (ev.key === "Escape") { ev.preventDefault(); popup.hidden = true; searchInput.focus(); }
  }
  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim() && resultAt < 0) showResults(); });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") {
      if (popup.hidden && searchInput.value.trim()) showResults();
      var list = resultButtons();
      if (list.length) { ev.preventDefault(); list[0].focus(); }
    } else if (ev.key === "Escape") {
      if (!popup.hidden) { popup.hidden = true; ev.preventDefault(); }
    }
  });
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!results.length || popup.hidden && resultAt < 0) showResults();
    if (results.length) chooseResult(0, true);
  });
  $("search-form").addEventListener("focusout", function (ev) {
    if (!ev.relatedTarget || !$("search-form").contains(ev.relatedTarget)) popup.hidden = true;
  });
  $("search-prev").addEventListener("click", function () { chooseResult(resultAt - 1, false); $("search-prev").focus(); });
  $("search-next").addEventListener("click", function () { chooseResult(resultAt + 1, false); $("search-next").focus(); });

  // -- filters --------------------------------------------------------------------------------------
  function planKeys(F) {
    var keys = F.plans.map(function (p, r) { return p >= 0 ? F.N[p].id : DATA.families[F.k].plans[r].id; });
    if (F.N.some(function (n) { return planKey(F, n) === ""; })) keys.push("");
    if (F.N.some(function (n) { return n.kind === "indicator"; })) keys.push(INDICATOR_PLAN);
    return keys;
  }
  function checkbox(name, value, text, onChange) {
    var input = el("input", { type: "checkbox", name: name, value: value });
    input.checked = true;
    input.addEventListener("change", function () { onChange(input.checked); });
    return el("label", { class: "check" }, input, el("span", null, text));
  }
  function buildFilters() {
    var kinds = $("kind-options");
    DATA.kinds.forEach(function (k) {
      var box = checkbox("kind", k, KIND[k].plural, function (on) {
        if (on) S.kinds.add(k); else S.kinds.delete(k);
        filtersChanged();
      });
      box.insertBefore(kindIcon(k), box.lastChild);
      kinds.appendChild(box);
    });
    var origins = $("origin-options");
    ORIGIN_ORDER.forEach(function (o) {
      origins.appendChild(checkbox("origin", o, ORIGIN[o].name + ": " + ORIGIN[o].help, function (on) {
        if (on) S.origins.add(o); else S.origins.delete(o);
        filtersChanged();
      }));
    });
    var every = el("input", { type: "checkbox", id: "all-links" });
    every.addEventListener("change", function () { S.allLinks = every.checked; filtersChanged(); });
    origins.appendChild(el("label", { class: "check all-links" }, every, el("span", null, "Every link between the nodes drawn (else the selected node's and the thread's)")));
    $("orphans-only").addEventListener("change", function (ev) { S.orphansOnly = ev.target.checked; filtersChanged(); });
    $("reset-filters").addEventListener("click", function () { resetView(false); announce("View reset: all filters off, golden thread hidden, priorities closed."); });
    document.querySelectorAll("details.filter").forEach(function (d) {
      d.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape" && d.open) { ev.stopPropagation(); d.open = false; d.querySelector("summary").focus(); }
      });
    });
    document.addEventListener("click", function (ev) {
      document.querySelectorAll("details.filter[open]").forEach(function (d) { if (!d.contains(ev.target)) d.open = false; });
    });
  }
  function buildPlanFilter() {
    var box = $("plan-options");
    clear(box);
    var F = cur();
    if (!F) return;
    planKeys(F).forEach(function (p) {
      var c = F.N.filter(function (n) { return planKey(F, n) === p; }).length;
      var name = p === INDICATOR_PLAN ? "Indicator data" : p ? planLabels[p] || p : (MULTI ? "Other councils' or no plan" : "Not in a plan");
      box.appendChild(checkbox("plan", p, name + " (" + num(c) + ")", function (on) {
        if (S.plans === null) S.plans = new Set(planKeys(F));
        if (on) S.plans.add(p); else S.plans.delete(p);
        if (S.plans.size === planKeys(F).length) S.plans = null;
        filtersChanged();
      }));
    });
  }
  function filtersChanged() {
    S.table.limit = 100;
    update();
  }
  function resetView(clearSelection) {
    S.kinds = new Set(DATA.kinds);
    S.plans = null;
    S.origins = new Set(ORIGIN_ORDER);
    S.orphansOnly = false;
    S.allLinks = false;
    S.thread = false;
    S.all = false;
    S.open = new Set();
    if (clearSelection) S.selected = null;
    S.table.filter = "";
    $("table-filter").value = "";
    update();
    graph.fit();
  }

  // -- table ----------------------------------------------------------------------------------------
  function nodeRowsBase() {
    // [{F, i}] matching the filters, in reading order (one council, or every council's own nodes)
    var F = cur(), rows = [];
    if (F) {
      F.byOrder.forEach(function (i) { if (D.match[i]) rows.push({ F: F, i: i }); });
      return rows;
    }
    if (!S.table.allCouncils) return null;
    loadAll().forEach(function (G) {
      G.byOrder.forEach(function (i) { if (!G.N[i].guest && passes(G, i)) rows.push({ F: G, i: i }); });
    });
    return rows;
  }
  function names(F, rows, max) {
    var labels = rows.map(function (r) { return F.N[r[0]].label; });
    return labels.length > max ? labels.slice(0, max).join("; ") + "; and " + (labels.length - max) + " more" : labels.join("; ");
  }
  function breakText(n) { return n.orphan.length ? "⚠ " + n.orphan.map(function (o) { return (REASON[o.reason] || o.reason) + " (" + o.basis + ")"; }).join("; ") : "—"; }
  function ragText(F, i) { var r = F.N[i].rag; return r ? RAG[r.status] : "—"; }
  function drawnText(F, i) { return F === cur() && D && (D.drawn[i] || D.context[i]) ? "drawn" : "not drawn"; }
  var COL_NAME = { key: "name", title: "Name", node: true, value: function (r) { return r.F.N[r.i].label; } };
  var COL_COUNCIL = { key: "council", title: "Council", value: function (r) { return r.F.info.label; } };
  var VIEWS = {
    nodes: { name: "Nodes", rows: function (base) { return base; }, cols: [COL_NAME,
      { key: "kind", title: "Kind", value: function (r) { return KIND[r.F.N[r.i].kind].name; }, order: function (r) { return KIND_RANK[r.F.N[r.i].kind]; } },
      { key: "plan", title: "Plan", value: function (r) { return planName(r.F.N[r.i]); } },
      { key: "status", title: "Status", value: function (r) { return r.F.N[r.i].status || "—"; } },
      { key: "rag", title: "Thread status", value: function (r) { return ragText(r.F, r.i); } },
      { key: "breaks", title: "Thread breaks", value: function (r) { return breakText(r.F.N[r.i]); }, warn: true },
      { key: "drawn", title: "On the graph", value: function (r) { return drawnText(r.F, r.i); } }] },
    priorities: { name: "Priorities: oversight and delivery", rows: function (base) { return base.filter(function (r) { return r.F.N[r.i].kind === "priority"; }); }, cols: [COL_NAME,
      { key: "plan", title: "Plan", value: function (r) { return planName(r.F.N[r.i]); } },
      { key: "theme", title: "Theme", value: function (r) { var p = r.F.N[r.i].about.path || []; var t = p.filter(function (x) { return r.F.N[x].kind === "theme"; }); return t.length ? r.F.N[t[t.length - 1]].label : "—"; } },
      { key: "rag", title: "Thread status", value: function (r) { return ragText(r.F, r.i); } },
      { key: "over", title: "Overseen by", value: function (r) {
        var rows = r.F.N[r.i].about.over || [];
        return rows.length ? rows.map(function (x) { return r.F.N[x[0]].label + (x[1] !== null ? " (from its " + KIND[r.F.N[x[1]].kind].name.toLowerCase() + ")" : "") + (x[2] !== null ? " (through a strategy)" : ""); }).join("; ") : "✖ none";
      } },
      { key: "deliv", title: "Delivered through", value: function (r) { var rows = r.F.N[r.i].about.deliv || []; return rows.length ? names(r.F, rows, 4) : "✖ none"; } },
      { key: "meas", title: "Measures", value: function (r) { return String((r.F.N[r.i].about.meas || []).length); }, order: function (r) { return (r.F.N[r.i].about.meas || []).length; } },
      { key: "kids", title: "Commitments", value: function (r) { return String(commitmentsOf(r.F, r.i).length); }, order: function (r) { return commitmentsOf(r.F, r.i).length; } },
      { key: "breaks", title: "Thread breaks", value: function (r) { return breakText(r.F.N[r.i]); }, warn: true }] },
    boards: { name: "Boards: what each oversees", rows: function (base) { return base.filter(function (r) { return r.F.N[r.i].kind === "board"; }); }, cols: [COL_NAME,
      { key: "status", title: "Status", value: function (r) { return r.F.N[r.i].status || "—"; } },
      { key: "count", title: "Oversees", value: function (r) { return String((r.F.N[r.i].about.rev || []).length); }, order: function (r) { return (r.F.N[r.i].about.rev || []).length; } },
      { key: "what", title: "What it oversees", value: function (r) { var rows = r.F.N[r.i].about.rev || []; return rows.length ? names(r.F, rows, 6) : "✖ nothing"; } },
      { key: "plan", title: "Plan", value: function (r) { return planName(r.F.N[r.i]); } }] },
    strategies: { name: "Strategies: what each delivers", rows: function (base) { return base.filter(function (r) { return r.F.N[r.i].kind === "strategy"; }); }, cols: [COL_NAME,
      { key: "status", title: "Status", value: function (r) { return r.F.N[r.i].status || "—"; } },
      { key: "count", title: "Delivers", value: function (r) { return String((r.F.N[r.i].about.rev || []).length); }, order: function (r) { return (r.F.N[r.i].about.rev || []).length; } },
      { key: "what", title: "What it delivers", value: function (r) { var rows = r.F.N[r.i].about.rev || []; return rows.length ? names(r.F, rows, 6) : "✖ nothing"; } },
      { key: "over", title: "Overseen by", value: function (r) { var rows = r.F.N[r.i].about.over || []; return rows.length ? names(r.F, rows, 3) : "✖ none"; } }] },
    breaks: { name: "Thread breaks: one row each", rows: function (base) {
      var out = [];
      base.forEach(function (r) { r.F.N[r.i].orphan.forEach(function (o, k) { out.push({ F: r.F, i: r.i, o: o, k: k }); }); });
      return out;
    }, cols: [COL_NAME,
      { key: "kind", title: "Kind", value: function (r) { return KIND[r.F.N[r.i].kind].name; } },
      { key: "plan", title: "Plan", value: function (r) { return planName(r.F.N[r.i]); } },
      { key: "reason", title: "Reason", value: function (r) { return REASON[r.o.reason] || r.o.reason; }, warn: true },
      { key: "basis", title: "Basis", value: function (r) { return r.o.basis; } },
      { key: "detail", title: "Detail", value: function (r) { return r.o.detail; } },
      { key: "nearest", title: "Nearest in the other plan", value: function (r) {
        return r.o.nearest.map(function (c) { return r.F.N[c.node].label + " (" + c.score.toFixed(2) + " of " + c.threshold.toFixed(2) + ")"; }).join("; ") || "—";
      } }] }
  };
  if (TRACKED) {
    var STATUS_RANK = { red: 0, amber: 1, green: 2, "no direction": 3, "no data": 4 };
    VIEWS.measures = { name: "Measures and indicators", rows: function (base) {
      var out = [];
      base.forEach(function (r) { (r.F.trackOf.get(r.i) || []).forEach(function (t, k) { out.push({ F: r.F, i: r.i, t: t, k: k }); }); });
      return out;
    }, cols: [{ key: "name", title: "Measure", node: true, value: function (r) { return r.F.N[r.i].label; } },
      { key: "indicator", title: "Indicator", value: function (r) { return r.F.N[r.t.indicator].label; } },
      { key: "plan", title: "Plan", value: function (r) { return planName(r.F.N[r.i]); } },
      { key: "latest", title: "Latest", value: function (r) { return r.t.latest; } },
      { key: "travel", title: "Travel", value: function (r) { return TRAVEL_MARK[r.t.travel] + " " + r.t.travel; } },
      { key: "england", title: "England", value: function (r) { return r.t.englandShort || "—"; } },
      { key: "rank", title: "Rank among similar councils", value: function (r) { return r.t.rankShort || "—"; } },
      { key: "status", title: "Status", value: function (r) { return TRACK_STATUS[r.t.status]; }, order: function (r) { return STATUS_RANK[r.t.status]; } }] };
  }
  function tableCols() {
    var v = VIEWS[S.table.view];
    var cols = v.cols.slice();
    if (MULTI && !cur()) cols.splice(1, 0, COL_COUNCIL);
    return cols;
  }
  function tableRows() {
    var base = nodeRowsBase();
    if (base === null) return null;
    var v = VIEWS[S.table.view], cols = tableCols();
    var rows = v.rows(base);
    var q = T.norm(S.table.filter.trim());
    if (q) rows = rows.filter(function (r) { return cols.some(function (c) { return T.norm(c.value(r)).indexOf(q) >= 0; }); });
    if (S.table.sort) {
      var col = cols.filter(function (c) { return c.key === S.table.sort; })[0];
      if (col) {
        var dir = S.table.dir;
        rows = rows.map(function (r, k) { return { r: r, k: k, v: col.order ? col.order(r) : col.value(r) }; });
        rows.sort(function (a, b) {
          var c = typeof a.v === "number" ? a.v - b.v : collator.compare(a.v, b.v);
          return c * dir || a.k - b.k;
        });
        rows = rows.map(function (x) { return x.r; });
      }
    }
    return rows;
  }
  // what the table's head and rows last showed: a selection changes only the rows' marks, and
  // the same rows again are marked rather than made again (a hundred rows on every click)
  var tableShown = null;
  function rowClass(F, r) {
    return (F && r.i === S.selected ? "selected" : "") + (D && D.thread && F === r.F && D.thread.has(r.i) ? " in-thread" : "");
  }
  function renderTable() {
    var F = cur();
    var head = $("textview-head"), tbody = $("textview-body");
    $("table-load-all").hidden = !(MULTI && !F && !S.table.allCouncils);
    var rows = tableRows();
    var cols = tableCols();
    var summary;
    if (rows === null) {
      tableShown = null;
      clear(head); clear(tbody);
      summary = "The table lists the nodes of the open council. In the index, list every council's nodes with the button above (" + plural(DATA.counts.nodes, "node", "nodes") + ").";
      $("textview-caption").textContent = "No council open";
      $("table-more").hidden = true;
      $("table-summary").textContent = summary;
      return;
    }
    var listed = rows.slice(0, S.table.limit);
    var cells = listed.map(function (r) { return cols.map(function (c) { return c.value(r); }); });
    var showing = JSON.stringify([S.table.view, S.table.sort, S.table.dir, cols.map(function (c) { return c.key; }),
      listed.map(function (r) { return [r.F.k, r.i, r.k || 0]; }), cells]);
    if (showing === tableShown) {
      Array.prototype.forEach.call(tbody.rows, function (row, k) { row.className = rowClass(F, listed[k]); });
    } else {
      tableShown = showing;
      var keep = document.activeElement && $("textview").contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
      clear(head); clear(tbody);
      var tr = el("tr");
      cols.forEach(function (c) {
        var sorted = S.table.sort === c.key;
        var b = el("button", { type: "button", class: "sort", "data-key": "sort:" + c.key }, c.title,
          el("span", { class: "sort-mark", "aria-hidden": "true" }, sorted ? (S.table.dir > 0 ? " ▲" : " ▼") : " ↕"));
        b.addEventListener("click", function () {
          if (S.table.sort === c.key) S.table.dir = -S.table.dir; else { S.table.sort = c.key; S.table.dir = 1; }
          renderTable();
          writeURL();
        });
        tr.appendChild(el("th", { scope: "col", "aria-sort": sorted ? (S.table.dir > 0 ? "ascending" : "descending") : null }, b));
      });
      head.appendChild(tr);
      var frag = document.createDocumentFragment();
      listed.forEach(function (r, k) {
        var row = el("tr", { "data-id": r.F.N[r.i].id, class: rowClass(F, r) });
        cols.forEach(function (c, j) {
          var v = cells[k][j];
          var td = el("td", { class: c.warn && v !== "—" ? "orphan-cell" : null, "data-col": c.key });
          if (c.node) {
            var b = el("a", { href: "#" + nodeHash(r.F, r.i), class: "nodelink", "data-id": r.F.N[r.i].id, "data-key": "row:" + r.F.k + ":" + r.i + ":" + (r.k || 0) }, v);
            b.addEventListener("click", function (ev) {
              if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
              ev.preventDefault();
              var go = function () { select(r.i, { from: "table" }); };
              if (S.family !== r.F.k) openFamily(r.F.k, go); else go();
            });
            td.appendChild(b);
          } else td.textContent = v;
          row.appendChild(td);
        });
        frag.appendChild(row);
      });
      tbody.appendChild(frag);
      if (keep) { var again = $("textview").querySelector('[data-key="' + cssEscape(keep) + '"]'); if (again) again.focus({ preventScroll: true }); }
    }
    var shown = Math.min(rows.length, S.table.limit);
    var what = VIEWS[S.table.view].name;
    var scope = F ? (MULTI ? F.info.label + ": " : "") : "All councils: ";
    if (F) {
      var c = D.counts;
      summary = scope + plural(c.match, "node matches", "nodes match") + " the filters" + (D.thread ? " on the golden thread" : "") +
        "; " + num(c.drawn) + " of them drawn on the graph. " + what + ": " + plural(rows.length, "row", "rows") +
        (S.table.filter ? " with " + quoted(S.table.filter, 40) : "") + (shown < rows.length ? ", the first " + num(shown) + " shown" : "") + ".";
    } else {
      summary = scope + what + ": " + plural(rows.length, "row", "rows") + (shown < rows.length ? ", the first " + num(shown) + " shown" : "") + ".";
    }
    $("textview-caption").textContent = what;
    $("table-summary").textContent = summary;
    $("table-more").hidden = shown >= rows.length;
    $("table-more").textContent = "Show " + num(Math.min(500, rows.length - shown)) + " more rows";
  }
  function csvCell(v) {
    v = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csvText(rows) { return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n"; }
  function download(name, text, type) {
    var blob = new Blob([text], { type: type || "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function tableCsv() {
    var rows = tableRows();
    if (rows === null) return;
    var cols = tableCols();
    var out = [cols.map(function (c) { return c.title; })];
    rows.forEach(function (r) { out.push(cols.map(function (c) { return c.value(r); })); });
    download("goldenthread-" + S.table.view + ".csv", "\ufeff" + csvText(out));
    announce("Downloaded " + plural(rows.length, "row", "rows") + " as CSV.");
  }
  function buildTable() {
    var sel = $("table-view");
    Object.keys(VIEWS).forEach(function (k) { sel.appendChild(el("option", { value: k }, VIEWS[k].name)); });
    sel.addEventListener("change", function () { S.table.view = sel.value; S.table.sort = null; S.table.limit = 100; renderTable(); writeURL(); });
    var timer = null;
    $("table-filter").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { S.table.filter = $("table-filter").value; S.table.limit = 100; renderTable(); writeURL(); }, 120);
    });
    $("table-csv").addEventListener("click", tableCsv);
    $("table-more").addEventListener("click", function () { S.table.limit += 500; renderTable(); });
    $("table-load-all").addEventListener("click", function () {
      S.table.allCouncils = true;
      whenParsed(function () { renderTable(); $("textview-caption").focus(); });
    });
  }

  // -- review: decisions on inferred links ---------------------------------------------------
  var decisions = new Map();   // "source|kind|target" -> {decision, note, k}
  var decisionsVersion = 0, reviewShown = null;  // the review table is redrawn when they change
  ["set", "delete"].forEach(function (m) {
    var inner = decisions[m].bind(decisions);
    decisions[m] = function () { decisionsVersion++; return inner.apply(null, arguments); };
  });
  var added = [];              // keys of added links, in the order added
  function decisionKey(s, kind, t) { return s + "|" + kind + "|" + t; }
  function setDecision(F, s, kind, t, decision) {
    var key = decisionKey(F.N[s].id, kind, F.N[t].id);
    var old = decisions.get(key);
    if (old && old.decision === decision && decision !== "add") decisions.delete(key);
    else decisions.set(key, { decision: decision, note: old ? old.note : "", k: F.k, s: s, t: t, kind: kind });
    if (decision === "add" && added.indexOf(key) < 0) added.push(key);
    if (!decisions.has(key)) added = added.filter(function (x) { return x !== key; });
    update();
  }
  function decisionButtons(F, s, kind, t, where) {
    var key = decisionKey(F.N[s].id, kind, F.N[t].id);
    var d = decisions.get(key);
    var box = el("span", { class: "decide", role: "group", "aria-label": "Review this link" });
    ["accept", "reject"].forEach(function (what) {
      var b = el("button", { type: "button", class: "decision " + what, "aria-pressed": d && d.decision === what ? "true" : "false",
        "data-key": "decide:" + where + ":" + what + ":" + key },
        what === "accept" ? "Accept" : "Reject",
        el("span", { class: "visually-hidden" }, " link from " + shorten(F.N[s].label, 60) + " to " + shorten(F.N[t].label, 60)));
      b.addEventListener("click", function () { setDecision(F, s, kind, t, what); });
      box.appendChild(b);
    });
    return box;
  }
  function addLinkButton(F, s, t) {
    var key = decisionKey(F.N[s].id, "aligns_with", F.N[t].id);
    var exists = F.out[s].some(function (j) { return F.E[j].kind === "aligns_with" && F.E[j].target === t; });
    if (exists) return null;
    var on = decisions.has(key);
    var b = el("button", { type: "button", class: "secondary small", "aria-pressed": on ? "true" : "false", "data-key": "addlink:" + key },
      on ? "Link added" : "Add this link",
      el("span", { class: "visually-hidden" }, ": " + shorten(F.N[s].label, 60) + " carries out " + shorten(F.N[t].label, 60)));
    b.addEventListener("click", function () {
      if (decisions.has(key)) { decisions.delete(key); added = added.filter(function (x) { return x !== key; }); update(); }
      else setDecision(F, s, "aligns_with", t, "add");
    });
    return b;
  }
  var reviewLimit = 50;
  function renderReview() {
    var F = cur();
    var tbody = $("review-body");
    var keep = document.activeElement && $("review").contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    clear(tbody);
    $("review").hidden = false;
    if (!F) {
      $("review-summary").textContent = "Open a council to review its inferred links. " + reviewCounts();
      $("review-more").hidden = true;
      renderAdded();
      return;
    }
    var only = $("review-undecided").checked;
    var rows = F.review.filter(function (r) { return !only || !decisions.has(decisionKey(F.N[r[0]].id, r[2], F.N[r[1]].id)); });
    rows.slice(0, reviewLimit).forEach(function (r) {
      var s = r[0], t = r[1];
      tbody.appendChild(el("tr", { "data-source": F.N[s].id, "data-target": F.N[t].id, "data-kind": r[2] },
        el("td", null, decisionButtons(F, s, r[2], t, "review")),
        el("td", null, nodeButton(F, s, null, "rev-s"), el("span", { class: "meta" }, " " + KIND[F.N[s].kind].name)),
        el("td", null, (DATA.linkWords[r[2]] || r[2]) + (r[3] === "curated" ? " (curated)" : "") +
          (r[9] ? "; look at again: " + r[9] : "")),
        el("td", null, nodeButton(F, t, null, "rev-t"), el("span", { class: "meta" }, " " + KIND[F.N[t].kind].name)),
        el("td", { class: "num" }, r[4] || "—"),
        el("td", null, r[5]),
        el("td", { class: "evidence" }, r[8] || "—")));
    });
    $("review-summary").textContent = (MULTI ? F.info.label + ": " : "") + plural(F.review.length, "link", "links") + " to review, weakest first" +
      (only ? " (" + num(rows.length) + " undecided)" : "") + ". " + reviewCounts();
    $("review-more").hidden = rows.length <= reviewLimit;
    renderAdded();
    if (listFamily !== -1) fillNodeList(F);  // filled once asked for (below), then kept to the council shown
    if (keep) { var again = $("review").querySelector('[data-key="' + cssEscape(keep) + '"]'); if (again) again.focus({ preventScroll: true }); }
  }
  function reviewCounts() {
    var c = { accept: 0, reject: 0, add: 0 };
    decisions.forEach(function (d) { c[d.decision]++; });
    var total = c.accept + c.reject + c.add;
    return total ? "Decisions so far: " + c.accept + " accepted, " + c.reject + " rejected, " + c.add + " added (kept in this page until you download them)." :
      "No decisions yet.";
  }
  function renderAdded() {
    var ul = $("review-added");
    clear(ul);
    added.forEach(function (key) {
      var d = decisions.get(key);
      if (!d) return;
      var F = family(d.k);
      var rm = el("button", { type: "button", class: "secondary small", "data-key": "remove:" + key }, "Remove",
        el("span", { class: "visually-hidden" }, " the added link from " + shorten(F.N[d.s].label, 50)));
      rm.addEventListener("click", function () { decisions.delete(key); added = added.filter(function (x) { return x !== key; }); update(); });
      ul.appendChild(el("li", { "data-key": key }, nodeButton(F, d.s, null, "added-s"), " " + (DATA.linkWords[d.kind] || d.kind) + " ", nodeButton(F, d.t, null, "added-t"),
        d.note ? " — " + d.note : "", " ", rm));
    });
    $("review-added-heading").hidden = !added.length;
  }
  // the names to pick from when adding a link (a <datalist> of every node but the plans): made
  // when one of its fields first gets the focus, not with every page (Stockport: 347 options)
  var listFamily = -1;
  function fillNodeList(F) {
    if (listFamily === F.k) return;
    listFamily = F.k;
    var dl = $("review-nodes");
    clear(dl);
    F.byOrder.forEach(function (i) {
      if (F.N[i].kind === "plan") return;
      dl.appendChild(el("option", { value: F.N[i].id }, KIND[F.N[i].kind].name + ": " + shorten(F.N[i].label, 90)));
    });
  }
  function resolveNode(F, text) {
    text = text.trim();
    if (F.byId.has(text)) return F.byId.get(text);
    var hits = F.N.map(function (n, i) { return i; }).filter(function (i) { return T.norm(F.N[i].label) === T.norm(text); });
    return hits.length === 1 ? hits[0] : -1;
  }
  function buildReview() {
    $("review-undecided").addEventListener("change", function () { renderReview(); });
    $("review-more").addEventListener("click", function () { reviewLimit += 200; renderReview(); });
    $("review-download").addEventListener("click", downloadDecisions);
    var kinds = $("add-kind");
    Object.keys(DATA.linkWords).forEach(function (k) {
      if (k === "part_of") return;
      kinds.appendChild(el("option", { value: k }, DATA.linkWords[k] + " (" + k + ")"));
    });
    kinds.value = "aligns_with";
    ["add-source", "add-target"].forEach(function (id) {
      $(id).addEventListener("focus", function () { var F = cur(); if (F) fillNodeList(F); });
    });
    $("review-add").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var F = cur();
      if (!F) { $("add-status").textContent = "Open a council first."; return; }
      var s = resolveNode(F, $("add-source").value), t = resolveNode(F, $("add-target").value);
      if (s < 0 || t < 0) {
        $("add-status").textContent = "Pick both nodes from the list (a node id, or a name only one node has).";
        (s < 0 ? $("add-source") : $("add-target")).focus();
        return;
      }
      if (s === t) { $("add-status").textContent = "A link joins two different nodes."; return; }
      var kind = kinds.value;
      var key = decisionKey(F.N[s].id, kind, F.N[t].id);
      decisions.set(key, { decision: "add", note: $("add-note").value.trim(), k: F.k, s: s, t: t, kind: kind });
      if (added.indexOf(key) < 0) added.push(key);
      $("add-status").textContent = "Added: " + F.N[s].label + " " + DATA.linkWords[kind] + " " + F.N[t].label + ".";
      $("add-source").value = ""; $("add-target").value = ""; $("add-note").value = "";
      update();
    });
  }
  function lines(n) { return n.sources.map(function (s) { return s.document + ":" + s.line_start + "-" + s.line_end; }).join("; "); }
  /** The decisions file: the rows of `goldenthread links --format csv`, decisions filled in,
   *  then a row per added link. `goldenthread build --decisions FILE` reads it. */
  function decisionsCsv() {
    var all = [];
    (MULTI ? loadAll() : [family(0)]).forEach(function (F) {
      F.review.forEach(function (r) { all.push({ F: F, r: r, conf: r[4] === "" ? 2 : parseFloat(r[4]) }); });
    });
    if (MULTI) {
      all.sort(function (a, b) {
        var sa = a.F.N[a.r[0]].id, sb = b.F.N[b.r[0]].id, ta = a.F.N[a.r[1]].id, tb = b.F.N[b.r[1]].id;
        return a.conf - b.conf || (sa < sb ? -1 : sa > sb ? 1 : 0) || (ta < tb ? -1 : ta > tb ? 1 : 0);
      });
    }
    var out = [DATA.reviewColumns];
    all.forEach(function (x) {
      var F = x.F, r = x.r, s = F.N[r[0]], t = F.N[r[1]];
      var d = decisions.get(decisionKey(s.id, r[2], t.id));
      var row = { decision: d && d.decision !== "add" ? d.decision : "", source: s.id, target: t.id, kind: r[2], origin: r[3],
        confidence: r[4], basis: r[5], confidence_means: r[6], method: r[7], evidence: r[8], source_label: s.label,
        target_label: t.label, source_text: s.text, target_text: t.text, source_lines: lines(s), target_lines: lines(t),
        note: d && d.decision !== "add" ? d.note : "" };
      out.push(DATA.reviewColumns.map(function (c) { return row[c]; }));
    });
    added.forEach(function (key) {
      var d = decisions.get(key);
      if (!d) return;
      var F = family(d.k), s = F.N[d.s], t = F.N[d.t];
      var row = { decision: "add", source: s.id, target: t.id, kind: d.kind, origin: "", confidence: "", basis: "", confidence_means: "",
        method: "", evidence: "", source_label: s.label, target_label: t.label, source_text: s.text, target_text: t.text,
        source_lines: lines(s), target_lines: lines(t), note: d.note || "added in the explorer" };
      out.push(DATA.reviewColumns.map(function (c) { return row[c]; }));
    });
    return csvText(out);
  }
  function downloadDecisions() {
    whenParsed(function () {
      download("decisions.csv", decisionsCsv());
      announce("Downloaded decisions.csv. Build with: goldenthread build CORPUS --decisions decisions.csv");
      $("review-status").textContent = "Downloaded decisions.csv: " + reviewCounts().replace(" (kept in this page until you download them)", "") +
        " Apply it with: goldenthread build CORPUS --decisions decisions.csv";
    });
  }

  // -- thread table and print ------------------------------------------------------------------
  var tableFor = null;
  function showThreadTable(i) {
    var F = cur();
    tableFor = { k: F.k, i: i };
    var members = F.N[i].thread.slice();
    members.sort(function (a, b) {
      return (F.planOrder[F.N[a].plan] !== undefined ? F.planOrder[F.N[a].plan] : 99) - (F.planOrder[F.N[b].plan] !== undefined ? F.planOrder[F.N[b].plan] : 99) ||
        KIND_RANK[F.N[a].kind] - KIND_RANK[F.N[b].kind] || F.N[a].order - F.N[b].order;
    });
    var set = new Set(members);
    var body = $("thread-table-body");
    clear(body);
    members.forEach(function (m) {
      var n = F.N[m];
      var how = [];
      F.out[m].forEach(function (j) {
        var e = F.E[j];
        if (set.has(e.target) && e.source !== e.target) how.push((DATA.linkWords[e.kind] || e.kind) + " " + F.N[e.target].label + (e.origin !== "stated" ? " (" + e.origin + ")" : ""));
      });
      body.appendChild(el("tr", { "data-id": n.id, class: m === i ? "focus" : null },
        el("td", null, planName(n)),
        el("td", null, KIND[n.kind].name),
        el("th", { scope: "row" }, (m === i ? "★ " : "") + n.label),
        el("td", null, how.join("; ") || "—"),
        el("td", null, [n.status, n.rag ? RAG[n.rag.status] : null].filter(Boolean).join(" · ") || "—"),
        el("td", { class: n.orphan.length ? "orphan-cell" : null }, breakText(n))));
    });
    $("thread-table-title").textContent = "Golden thread of “" + F.N[i].label + "”";
    $("thread-table-meta").textContent = KIND[F.N[i].kind].name + " in " + planName(F.N[i]) + ". " + plural(members.length, "node", "nodes") +
      (F.N[i].threadOut ? " (and " + num(F.N[i].threadOut) + " in other councils)" : "") + ", by plan, then kind, in reading order." +
      (F.N[i].rag ? " Thread status: " + RAG[F.N[i].rag.status] + "." : "");
    $("thread-table-section").hidden = false;
    document.body.classList.add("has-thread-table");
    $("thread-table-title").focus();
  }
  function hideThreadTableIfStale() {
    if (tableFor && (S.family !== tableFor.k)) closeThreadTable();
  }
  function closeThreadTable() {
    tableFor = null;
    $("thread-table-section").hidden = true;
    document.body.classList.remove("has-thread-table");
  }

  // -- links: the view in the URL -----------------------------------------------------------
  function enc(v) { return encodeURIComponent(v).replace(/%2F/g, "/").replace(/%2C/g, ",").replace(/%3A/g, ":"); }
  function stateHash() {
    var F = cur(), p = [];
    if (MULTI && F) p.push("council=" + enc(F.info.id));
    if (F && S.selected !== null) p.push("node=" + enc(F.N[S.selected].id));
    if (S.thread) p.push("thread=1");
    if (F && S.open.size) p.push("open=" + enc(Array.from(S.open).map(function (i) { return F.N[i].id; }).sort().join(",")));
    if (S.all) p.push("all=1");
    if (S.kinds.size !== DATA.kinds.length) p.push("kinds=" + enc(DATA.kinds.filter(function (k) { return S.kinds.has(k); }).join(",")));
    if (S.plans !== null) p.push("plans=" + enc(Array.from(S.plans).sort().map(function (x) { return x || "-"; }).join(",")));
    if (S.origins.size !== ORIGIN_ORDER.length) p.push("links=" + enc(ORIGIN_ORDER.filter(function (o) { return S.origins.has(o); }).join(",")));
    if (S.orphansOnly) p.push("orphans=1");
    if (S.allLinks) p.push("alllinks=1");
    if (S.table.view !== "nodes") p.push("table=" + enc(S.table.view));
    if (S.table.sort) p.push("sort=" + enc((S.table.dir < 0 ? "-" : "") + S.table.sort));
    if (S.table.filter) p.push("q=" + enc(S.table.filter));
    return p.join("&");
  }
  function writeURL() {
    var hash = stateHash();
    urlWritten = hash;
    var now = location.hash.replace(/^#/, "");
    if (now === hash) return;
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); } catch (e) { /* a sandboxed frame */ }
  }
  function readURL() {
    var raw = location.hash.replace(/^#/, "");
    if (raw === urlWritten) return;
    var p = new URLSearchParams(raw);
    var list = function (key) { var v = p.get(key); return v === null ? null : v.split(",").filter(function (x) { return x !== ""; }); };
    var nodeId = p.get("node");
    var k = MULTI ? null : 0;
    if (MULTI) {
      var council = p.get("council");
      DATA.families.forEach(function (f, j) { if (f.id === council) k = j; });
      if (k === null && nodeId && document.readyState === "loading") {  // find its council once every council is parsed
        whenParsed(function () { urlWritten = null; readURL(); });
        return;
      }
      if (k === null && nodeId) { var f = familyOfId(nodeId); if (f >= 0) k = f; }
    }
    var apply = function () {
      var F = cur();
      S.kinds = list("kinds") ? new Set(list("kinds").filter(function (x) { return KIND[x]; })) : new Set(DATA.kinds);
      S.origins = list("links") ? new Set(list("links").filter(function (x) { return ORIGIN[x]; })) : new Set(ORIGIN_ORDER);
      S.plans = list("plans") ? new Set(list("plans").map(function (x) { return x === "-" ? "" : x; })) : null;
      S.orphansOnly = p.get("orphans") === "1";
      S.allLinks = p.get("alllinks") === "1";
      S.all = p.get("all") === "1";
      S.open = new Set();
      S.selected = null;
      if (F) {
        (list("open") || []).forEach(function (id) { if (F.byId.has(id)) S.open.add(F.byId.get(id)); });
        if (nodeId && F.byId.has(nodeId)) S.selected = F.byId.get(nodeId);
      }
      S.thread = p.get("thread") === "1" && S.selected !== null;
      S.table.view = VIEWS[p.get("table")] ? p.get("table") : "nodes";
      var sort = p.get("sort");
      S.table.sort = sort ? sort.replace(/^-/, "") : null;
      S.table.dir = sort && sort.charAt(0) === "-" ? -1 : 1;
      S.table.filter = p.get("q") || "";
      $("table-filter").value = S.table.filter;
      $("table-view").value = S.table.view;
      update();
      if (nodeId && S.selected === null) announce("The link names a node that is not in this graph: " + nodeId + ".");
      if (S.selected !== null) select(S.selected, { from: "url" });
    };
    openFamily(k, apply);
  }
  function copyLink() {
    var url = location.href;
    var done = function () { announce("Link copied: " + url); $("copy-status").textContent = "Link copied."; };
    var fallback = function () {
      var box = $("copy-box");
      box.hidden = false;
      box.value = url;
      box.focus();
      box.select();
      try { document.execCommand("copy"); done(); } catch (e) { $("copy-status").textContent = "Copy the link from the box."; }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, fallback);
    else fallback();
  }

  // -- council index (several plan families) -----------------------------------------------------
  function buildIndex() {
    var tbody = $("council-body");
    DATA.families.forEach(function (f, k) {
      var b = el("a", { href: "#council=" + enc(f.id), class: "nodelink", "data-family": f.id }, f.label);
      b.addEventListener("click", function (ev) {
        if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
        ev.preventDefault();
        openFamily(k, function () { update(); focusGraphHeading(); });
      });
      tbody.appendChild(el("tr", null,
        el("th", { scope: "row" }, b),
        el("td", null, f.plans.map(function (p) { return p.label; }).join("; ")),
        el("td", { class: "num" }, num(f.priorities)),
        el("td", { class: "num" }, num(f.rag.red)),
        el("td", { class: "num" }, num(f.rag.amber)),
        el("td", { class: "num" }, num(f.rag.green)),
        el("td", { class: "num" }, num(f.breaks)),
        el("td", { class: "num" }, num(f.review))));
    });
    $("council-count").textContent = plural(DATA.families.length, "council", "councils") + ", " + plural(DATA.counts.nodes, "node", "nodes");
    $("back-to-index").addEventListener("click", function () { openFamily(null, function () { update(); $("council-index-heading").focus(); }); });
  }
  function focusGraphHeading() { $("graph-heading").focus({ preventScroll: false }); }

  // -- legend ----------------------------------------------------------------------------------
  function lineSample(color, dashes, width) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", 28); svg.setAttribute("height", 10); svg.setAttribute("viewBox", "0 0 28 10");
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", 1); line.setAttribute("y1", 5); line.setAttribute("x2", 27); line.setAttribute("y2", 5);
    line.setAttribute("stroke", color); line.setAttribute("stroke-width", width || 2);
    if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
    svg.appendChild(line);
    return svg;
  }
  function buildLegend() {
    var kinds = $("legend-kinds");
    DATA.kinds.forEach(function (k) { kinds.appendChild(el("li", null, kindIcon(k), KIND[k].name)); });
    var marks = $("legend-marks");
    marks.appendChild(el("li", null, el("span", { class: "orphan-cell" }, "⚠"), " red border: the thread breaks here"));
    marks.appendChild(el("li", null, kindIcon("strategy", true), " dashed: not yet in place (to be developed, established…)"));
    marks.appendChild(el("li", null, lineSample(GC.GOLD, null, 4), " gold: on the golden thread"));
    marks.appendChild(el("li", null, lineSample("#8a93a3", [5, 4], 1.5), " faint dashed card: drawn only to show where a node sits"));
    var links = $("legend-links");
    LINK_ORDER.forEach(function (k) { if (k !== "part_of") links.appendChild(el("li", null, lineSample(GC.LINK_COLOR[k]), LINK[k].name)); });
    ORIGIN_ORDER.forEach(function (o) { links.appendChild(el("li", null, lineSample("#4a5260", GC.DASHES[o]), ORIGIN[o].name.toLowerCase())); });
  }

  // -- start ---------------------------------------------------------------------------------------
  $("thread-button").addEventListener("click", toggleThread);
  $("all-button").addEventListener("click", function () { S.all = !S.all; update(); });
  $("fit-button").addEventListener("click", function () { graph.fit(); });
  $("zoom-in").addEventListener("click", function () { graph.zoom(1.25); });
  $("zoom-out").addEventListener("click", function () { graph.zoom(1 / 1.25); });
  $("thread-print").addEventListener("click", function () { window.print(); });
  $("thread-close").addEventListener("click", function () { closeThreadTable(); if ($("panel-table")) $("panel-table").focus(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || ev.defaultPrevented) return;
    var t = ev.target;
    if (t && (t.closest("#search-form") || t.closest("details.filter") || t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (t && t.closest("#canvas")) return;  // the graph's own keys handle it
    if (escape()) ev.preventDefault();
  });
  $("summary").textContent = MULTI ?
    plural(DATA.families.length, "council", "councils") + " · " + plural(DATA.counts.nodes, "node", "nodes") + " · " + plural(DATA.counts.links, "link", "links") :
    plural(DATA.families[0].plans.length, "plan", "plans") + " · " + plural(DATA.counts.nodes, "node", "nodes") + " · " + plural(DATA.counts.links, "link", "links") +
    " · " + plural(DATA.families[0].breaks, "thread break", "thread breaks") + " on " + plural(DATA.families[0].orphans, "node", "nodes");
  var resizeTimer = null, lastWidth = $("canvas-wrap").clientWidth;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      var w = $("canvas-wrap").clientWidth;
      if (w !== lastWidth && cur()) { lastWidth = w; graph.render(graphView(D)); }
    }, 150);
  });
  window.addEventListener("hashchange", readURL);

  buildFilters();
  buildLegend();
  buildTable();
  buildReview();
  if (MULTI) buildIndex();
  $("council-index").hidden = !MULTI;
  if (!MULTI) { graph.setFamily(family(0)); buildPlanFilter(); }
  mark("built");
  if (location.hash.length > 1) readURL(); else update();

  // a small read-only handle for tests and benchmarks
  function ids(F, pred) { var out = []; if (!F) return out; for (var i = 0; i < F.N.length; i++) if (pred(i)) out.push(F.N[i].id); return out.sort(); }
  window.goldenthreadExplorer = Object.freeze({
    network: graph.network,
    graph: graph,
    drawnIds: function () { return ids(cur(), function (i) { return D.drawn[i]; }); },
    contextIds: function () { return ids(cur(), function (i) { return D.context[i]; }); },
    visibleNodeIds: function () { return ids(cur(), function (i) { return D.drawn[i] || D.context[i]; }); },
    matchIds: function () { return ids(cur(), function (i) { return D.match[i]; }); },
    visibleEdgeCount: function () { return graph.inEdges.size; },
    threadIds: function () { var F = cur(); return D && D.thread ? Array.from(D.thread).map(function (i) { return F.N[i].id; }).sort() : []; },
    selectedId: function () { var F = cur(); return F && S.selected !== null ? F.N[S.selected].id : null; },
    select: function (id) { var F = cur(); if (F && F.byId.has(id)) select(F.byId.get(id), { from: "panel" }); },
    showThread: function (on) { if (S.selected !== null && S.thread !== !!on) toggleThread(); },
    familyId: function () { var F = cur(); return F ? F.info.id : null; },
    openFamily: function (id) {
      var k = null;
      DATA.families.forEach(function (f, j) { if (f.id === id) k = j; });
      openFamily(k);
    },
    cardRect: function (id) { var F = cur(); return F && F.byId.has(id) ? graph.domRect(F.byId.get(id)) : null; },
    cards: function () {
      var F = cur(), out = [];
      if (!F) return out;
      graph.inNodes.forEach(function (i) { var r = graph.domRect(i); r.id = F.N[i].id; r.kind = F.N[i].kind; out.push(r); });
      return out;
    },
    scale: function () { return graph.network.getScale(); },
    tableFilter: function () { return S.table.filter; },
    decisionsCsv: function () { return decisionsCsv(); },
    redrawTime: function (frames) { return graph.redrawTime(frames); },
    time: function (fn) { var t0 = performance.now(); fn(); return performance.now() - t0; }
  });
})(window.GTX = window.GTX || {});
