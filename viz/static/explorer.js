/* goldenthread explorer: the page script.
 *
 * Data: the JSON in <script type="application/json" id="graph-data">, written by
 * goldenthread.viz.explorer (layout, golden threads and orphans are computed there).
 * Safety: every string from the documents is untrusted. It reaches the page only through
 * textContent / text nodes (the el() helper below), the canvas (fillText draws text, it
 * never parses it) and vis-network tooltips given as DOM elements. Nothing here uses
 * innerHTML, insertAdjacentHTML, document.write, eval or URLs built from data.
 */
(function () {
  "use strict";

  var mark = function (name) { if (window.performance && performance.mark) performance.mark("explorer:" + name); };
  mark("start");
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  mark("parsed");
  var N = DATA.nodes;
  var E = DATA.edges;

  // -- vocabulary and look ------------------------------------------------------------
  var INK = "#1a1a1a";
  var WARN = "#b3261e";
  var GOLD = "#c08a00";
  var DIM_BG = "#eef0f3";
  var DIM_BORDER = "#d5d9e0";
  var DIM_TEXT = "#aeb4be";
  var KIND = {
    plan: { name: "Plan", plural: "Plans", shape: "box", color: "#1b2a4a", inside: true, size: 26, width: 400 },
    theme: { name: "Theme", plural: "Themes", shape: "ellipse", color: "#5b2a86", inside: true, size: 19, width: 260 },
    priority: { name: "Priority", plural: "Priorities", shape: "box", color: "#0b6e69", inside: true, size: 16, width: 190 },
    commitment: { name: "Commitment", plural: "Commitments", shape: "dot", color: "#1f5fa8", size: 15, node: 9, width: 190 },
    measure: { name: "Measure", plural: "Measures", shape: "diamond", color: "#a34a00", size: 15, node: 10, width: 190 },
    strategy: { name: "Strategy", plural: "Strategies", shape: "hexagon", color: "#2e7d32", size: 15, node: 13, width: 190 },
    board: { name: "Board", plural: "Boards", shape: "square", color: "#8e244d", size: 15, node: 11, width: 190 },
    portfolio: { name: "Portfolio", plural: "Portfolios", shape: "triangle", color: "#6d4c41", size: 15, node: 13, width: 190 }
  };
  var TOP = { plan: true, theme: true, priority: true };
  var PENDING = { "to be developed": true, "to be established": true, "to be refreshed": true, "in development": true };
  var LINK = {
    part_of: { name: "part of", out: "Part of", inn: "Contains", color: "#6b7483", width: 1.5 },
    aligns_with: { name: "aligns with", out: "Carries out (aligns with)", inn: "Carried out by (aligned from)", color: "#b0316a", width: 1.2 },
    delivered_through: { name: "delivered through", out: "Delivered through", inn: "Delivers", color: "#2e7d32", width: 1.5 },
    measured_by: { name: "measured by", out: "Measured by", inn: "Measures", color: "#a34a00", width: 1.2 },
    overseen_by: { name: "overseen by", out: "Overseen by", inn: "Oversees", color: "#8e244d", width: 1.5 },
    accountable_to: { name: "accountable to", out: "Accountable to", inn: "Holds to account", color: "#6d4c41", width: 1.5 }
  };
  var LINK_ORDER = ["part_of", "aligns_with", "delivered_through", "overseen_by", "measured_by", "accountable_to"];
  var ORIGIN = {
    stated: { name: "Stated", help: "the documents say so", dashes: false },
    inferred: { name: "Inferred", help: "found by text similarity", dashes: [9, 6] },
    curated: { name: "Curated", help: "accepted or added by a reviewer", dashes: [2, 5] }
  };
  var ORIGIN_ORDER = ["stated", "inferred", "curated"];
  var REASON = {
    no_counterpart: "No counterpart",
    not_carried_out: "Not carried out",
    no_strategy: "No delivery strategy",
    no_board: "No accountable board",
    no_measure: "No measure",
    strategy_not_in_place: "Strategy not in place",
    board_not_established: "Board not established",
    measure_unattached: "Measure attached to nothing",
    blank_in_table: "Left blank in a table"
  };
  var BIG = N.length > 1000 || E.length > 2000;
  var STILL = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function motion(ms) { return STILL ? false : { duration: ms, easingFunction: "easeInOutQuad" }; }
  var LABEL_MIN_PX = 8; // vis draws a node label only from this on-screen size up
  var COLUMN_DY = 100; // spacing of a column, as in goldenthread.viz.explorer

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
  function shorten(text, max) { return text.length > max ? text.slice(0, max - 1).trimEnd() + "…" : text; }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  var collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

  var indexById = new Map();
  N.forEach(function (n, i) { indexById.set(n.id, i); });
  var planLabel = {};
  DATA.plans.forEach(function (p) { planLabel[p.id] = p.label; });
  function planName(n) { return n.plan ? (planLabel[n.plan] || n.plan) : "Not in a plan"; }
  var outEdges = N.map(function () { return []; });
  var inEdges = N.map(function () { return []; });
  E.forEach(function (e, j) { outEdges[e.source].push(j); inEdges[e.target].push(j); });
  // Commitments and measures stand in a column under their theme or priority; the link
  // between an item and that holder is drawn as the column's bracket, not as a line.
  var columnEdge = new Array(E.length).fill(false);
  var columnOf = new Array(N.length).fill(-1);
  DATA.columns.forEach(function (c, k) {
    c.items.forEach(function (i) { columnOf[i] = k; });
  });
  E.forEach(function (e, j) {
    var k = columnOf[e.source] >= 0 ? columnOf[e.source] : columnOf[e.target];
    if (k < 0 || DATA.columns[k].holder === null) return;
    var h = DATA.columns[k].holder;
    if ((e.kind === "part_of" && e.target === h && columnOf[e.source] === k) ||
        (e.kind === "measured_by" && e.source === h && columnOf[e.target] === k)) columnEdge[j] = true;
  });
  var bracketEdge = N.map(function () { return -1; });
  E.forEach(function (e, j) { if (columnEdge[j]) bracketEdge[columnOf[e.source] >= 0 && e.kind === "part_of" ? e.source : e.target] = j; });
  var byReading = N.map(function (_, i) { return i; }).sort(function (a, b) { return N[a].order - N[b].order; });
  var orphanNodes = N.filter(function (n) { return n.orphan.length > 0; }).length;
  var orphanRows = N.reduce(function (s, n) { return s + n.orphan.length; }, 0);

  // -- state ----------------------------------------------------------------------------------
  var filters = {
    kinds: new Set(DATA.kinds),
    plans: new Set(N.map(planKey)),
    origins: new Set(ORIGIN_ORDER),
    orphansOnly: false
  };
  var collapsedMode = DATA.collapsed;
  var revealed = new Set();
  var selected = null;
  var threadFocus = null;
  var threadSet = null;
  var shownNode = new Array(N.length).fill(false);
  var shownEdge = new Array(E.length).fill(false);
  var bandShown = DATA.bands.map(function () { return true; });

  function planKey(n) { return n.plan || ""; }
  function passesFilters(i) {
    var n = N[i];
    return filters.kinds.has(n.kind) && filters.plans.has(planKey(n)) && (!filters.orphansOnly || n.orphan.length > 0);
  }
  function isVisible(i) {
    return passesFilters(i) && (!collapsedMode || TOP[N[i].kind] === true || revealed.has(i));
  }
  function edgeVisible(j, vis) {
    var e = E[j];
    return vis[e.source] && vis[e.target] && filters.origins.has(e.origin);
  }
  function hiddenNeighbours(i) {
    if (!collapsedMode) return 0;
    var count = 0;
    outEdges[i].concat(inEdges[i]).forEach(function (j) {
      var e = E[j], other = e.source === i ? e.target : e.source;
      if (!shownNode[other] && passesFilters(other) && filters.origins.has(e.origin)) count++;
    });
    return count;
  }

  // -- vis-network ---------------------------------------------------------------------------
  function canvasLabel(i) {
    var n = N[i];
    var text = shorten(n.label, n.kind === "plan" ? 80 : 64);
    if (n.orphan.length) text = "⚠ " + text;
    if (PENDING[n.status]) text += "\n(" + n.status + ")";
    var more = hiddenNeighbours(i);
    if (more) text += "\n[+" + more + " hidden]";
    return text;
  }

  function tooltip(i) {
    var n = N[i], k = KIND[n.kind];
    var reasons = n.orphan.map(function (o) { return REASON[o.reason] || o.reason; });
    return el("div", { class: "tt" },
      el("p", { class: "tt-kind" }, k.name + " · " + planName(n)),
      el("p", { class: "tt-label" }, n.label),
      n.status ? el("p", { class: "tt-line" }, "Status: " + n.status + (PENDING[n.status] ? " (not yet in place)" : "")) : null,
      reasons.length ? el("p", { class: "tt-warn" }, "⚠ Thread breaks: " + reasons.join("; ")) : null,
      n.text !== n.label ? el("p", { class: "tt-text" }, shorten(n.text, 300)) : null,
      el("p", { class: "tt-hint" }, "Click for its text, sources and links."));
  }

  function nodeLook(i) {
    var n = N[i], k = KIND[n.kind];
    var pending = PENDING[n.status] === true;
    var orphan = n.orphan.length > 0;
    var inThread = threadSet !== null && threadSet.has(i);
    var dim = threadSet !== null && !inThread;
    var bg = pending ? "#ffffff" : k.color;
    var border = orphan ? WARN : k.color;
    var width = orphan ? 3 : (pending ? 2.5 : 1);
    var fontColor = k.inside ? (pending ? k.color : "#ffffff") : INK;
    if (inThread) { border = GOLD; width = 6; }
    if (dim) { bg = pending ? "#ffffff" : DIM_BG; border = DIM_BORDER; fontColor = DIM_TEXT; width = pending ? 2 : 1; }
    return {
      id: i,
      label: canvasLabel(i),
      color: { background: bg, border: border, highlight: { background: bg, border: border }, hover: { background: bg, border: "#000000" } },
      borderWidth: width,
      borderWidthSelected: width,
      shapeProperties: { borderDashes: pending ? [6, 4] : false },
      font: { color: fontColor, strokeWidth: k.inside || dim ? 0 : 4, strokeColor: "#ffffff" }
    };
  }

  function edgeLook(j) {
    var e = E[j], l = LINK[e.kind];
    var inThread = threadSet !== null && threadSet.has(e.source) && threadSet.has(e.target);
    var dim = threadSet !== null && !inThread;
    var color = dim ? "#e4e7ec" : (inThread ? GOLD : l.color);
    return {
      id: j,
      color: { color: color, highlight: "#000000", hover: color, inherit: false, opacity: e.kind === "aligns_with" && threadSet === null ? 0.55 : 1 },
      width: inThread ? 5 : l.width,
      dashes: ORIGIN[e.origin].dashes
    };
  }

  mark("indexed");
  // Nodes and links enter vis-network's data sets the first time they are shown: a large
  // graph opening collapsed then costs what its visible part costs (benchmarks/explorer.py).
  function nodeItem(i) {
    var n = N[i], k = KIND[n.kind];
    var item = nodeLook(i);
    item.x = n.x;
    item.y = n.y;
    item.shape = k.shape;
    item.title = tooltip(i);
    item.widthConstraint = { maximum: n.span && n.kind !== "plan" ? Math.max(120, Math.min(k.width, n.span - 24)) : k.width };
    item.font.size = k.size;
    item.font.face = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
    if (k.inside) item.margin = n.kind === "plan" ? 14 : 9;
    else item.size = k.node;
    return item;
  }
  function edgeItem(j) {
    var item = edgeLook(j);
    item.from = E[j].source;
    item.to = E[j].target;
    item.hidden = columnEdge[j];
    return item;
  }
  var nodeSet = new vis.DataSet();
  var edgeSet = new vis.DataSet();
  var inNodeSet = new Array(N.length).fill(false);
  var inEdgeSet = new Array(E.length).fill(false);

  var container = $("canvas");
  mark("datasets");
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { randomSeed: 1, improvedLayout: false, hierarchical: { enabled: false } },
    interaction: {
      hover: !BIG, tooltipDelay: 250, dragNodes: false, dragView: true, zoomView: true,
      keyboard: { enabled: false }, navigationButtons: false, multiselect: false,
      hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, selectConnectedEdges: false
    },
    nodes: { chosen: true, scaling: { label: { drawThreshold: LABEL_MIN_PX } } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      smooth: false,
      selectionWidth: 1.5, hoverWidth: 0.5
    }
  });

  var FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";

  // plan bands behind the nodes, with each plan's title at a readable size at any zoom
  function drawBands(ctx, scale) {
    DATA.bands.forEach(function (b, k) {
      ctx.fillStyle = k % 2 ? "#f2f5f9" : "#f7f9fb";
      ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.lineWidth = 1.5 / scale;
      ctx.strokeStyle = "#c9d0da";
      ctx.strokeRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.font = "600 " + (15 / scale) + "px " + FONT;
      ctx.fillStyle = bandShown[k] ? "#1b2a4a" : "#6b7483";
      ctx.textBaseline = "bottom";
      ctx.textAlign = "left";
      var room = Infinity;
      DATA.bands.forEach(function (o) { if (o !== b && o.y0 === b.y0 && o.x0 > b.x0) room = Math.min(room, o.x0 - b.x0 - 20 / scale); });
      ctx.fillText(fitText(ctx, b.label, room), b.x0, b.y0 - 5 / scale);
    });
  }
  function fitText(ctx, text, room) {
    if (ctx.measureText(text).width <= room) return text;
    var lo = 0, hi = text.length;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(text.slice(0, mid) + "…").width <= room) lo = mid; else hi = mid - 1;
    }
    return lo > 0 ? text.slice(0, lo).trimEnd() + "…" : "";
  }

  // the column brackets: a rail under the holder and a tick to each commitment and measure
  function drawBrackets(ctx, scale) {
    DATA.columns.forEach(function (c) {
      var h = c.holder;
      if (h === null || !shownNode[h]) return;
      var items = c.items.filter(function (i) { return shownNode[i] && bracketEdge[i] >= 0 && shownEdge[bracketEdge[i]]; });
      if (!items.length) return;
      var top = Infinity, spines = {};
      items.forEach(function (i) {
        top = Math.min(top, N[i].y);
        var sx = N[i].x - 100;
        spines[sx] = Math.max(spines[sx] === undefined ? -Infinity : spines[sx], N[i].y);
      });
      var rail = top - 48;
      var xs = Object.keys(spines).map(Number);
      var anyThread = threadSet !== null;
      var holderOn = anyThread && threadSet.has(h);
      var base = anyThread && !holderOn ? "#e4e7ec" : "#8a93a3";
      ctx.lineWidth = 2;
      ctx.strokeStyle = base;
      ctx.beginPath();
      ctx.moveTo(N[h].x, N[h].y + 22);
      ctx.lineTo(N[h].x, rail);
      ctx.moveTo(Math.min(N[h].x, Math.min.apply(null, xs)), rail);
      ctx.lineTo(Math.max(N[h].x, Math.max.apply(null, xs)), rail);
      xs.forEach(function (x) { ctx.moveTo(x, rail); ctx.lineTo(x, spines[x]); });
      ctx.stroke();
      items.forEach(function (i) {
        var e = E[bracketEdge[i]];
        var on = holderOn && threadSet.has(i);
        ctx.strokeStyle = on ? GOLD : (anyThread ? "#e4e7ec" : LINK[e.kind].color);
        ctx.lineWidth = on ? 4 : 2;
        ctx.setLineDash(ORIGIN[e.origin].dashes || []);
        ctx.beginPath();
        ctx.moveTo(N[i].x - 100, N[i].y);
        ctx.lineTo(N[i].x - 14, N[i].y);
        ctx.stroke();
        ctx.setLineDash([]);
      });
      if (holderOn) {  // the part of the rail that leads to thread members, in gold
        var gold = items.filter(function (i) { return threadSet.has(i); });
        if (gold.length) {
          ctx.strokeStyle = GOLD;
          ctx.lineWidth = 4;
          ctx.beginPath();
          ctx.moveTo(N[h].x, N[h].y + 22);
          ctx.lineTo(N[h].x, rail);
          gold.forEach(function (i) {
            ctx.moveTo(N[h].x, rail);
            ctx.lineTo(N[i].x - 100, rail);
            ctx.lineTo(N[i].x - 100, N[i].y);
          });
          ctx.stroke();
        }
      }
    });
  }

  // Names drawn at a constant, readable size while vis's own labels are too small to be
  // drawn: themes and priorities when there is room under them, and the nodes of the
  // golden thread being shown (and the selected node), so a thread reads at any zoom.
  // Labels are placed greedily, most important first; one that would overlap a label
  // already drawn is left out (zoom in to see it).
  var labelRank = { plan: 0, theme: 1, priority: 2, strategy: 3, board: 3, portfolio: 3, commitment: 4, measure: 4 };
  function drawMapLabels(ctx, scale) {
    var px = 12, lineH = (px + 3) / scale;
    ctx.font = "600 " + (px / scale) + "px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var todo = [];
    for (var i = 0; i < N.length; i++) {
      var n = N[i], k = KIND[n.kind];
      if (!shownNode[i] || n.kind === "plan" || k.size * scale >= LABEL_MIN_PX) continue;
      var featured = i === selected || (threadSet !== null && threadSet.has(i));
      if (!featured && !(n.span && TOP[n.kind] && n.span * scale >= 64)) continue;
      todo.push(i);
    }
    todo.sort(function (a, b) {
      var fa = a === selected ? 0 : (threadSet !== null && threadSet.has(a) ? 1 : 2);
      var fb = b === selected ? 0 : (threadSet !== null && threadSet.has(b) ? 1 : 2);
      return fa - fb || labelRank[N[a].kind] - labelRank[N[b].kind] || N[a].order - N[b].order;
    });
    var taken = [];
    todo.forEach(function (i) {
      var n = N[i], k = KIND[n.kind];
      var featured = i === selected || (threadSet !== null && threadSet.has(i));
      var room = (featured || !n.span ? 170 : Math.min(n.span * scale - 8, 200)) / scale;
      // under a theme or priority, only as many lines as fit above the next row
      // as many lines as fit before the next row (under a theme or priority) or the next
      // node of its column, so that a whole column of a thread can be read
      var gap = columnOf[i] >= 0 ? COLUMN_DY - 2 * k.node : (n.kind === "theme" ? 150 : 120);
      var maxLines = Math.min(2, Math.floor(gap * scale / (px + 3)));
      if (featured) maxLines = TOP[n.kind] ? 2 : Math.max(1, maxLines);
      if (maxLines < 1) return;
      var lines = wrap(ctx, (n.orphan.length ? "⚠ " : "") + n.label, room, maxLines);
      var width = 0;
      lines.forEach(function (l) { width = Math.max(width, ctx.measureText(l).width); });
      var below = k.inside ? (network.getBoundingBox(i).bottom - n.y) : k.node + 2;
      var top = n.y + below + (i === selected ? 10 : 3) / scale;  // clear of the selection ring
      var box = { x0: n.x - width / 2 - 3 / scale, x1: n.x + width / 2 + 3 / scale, y0: top, y1: top + lines.length * lineH };
      for (var t = 0; t < taken.length; t++) {
        var o = taken[t];
        if (box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1) return;
      }
      taken.push(box);
      var dim = threadSet !== null && !threadSet.has(i);
      lines.forEach(function (line, l) {
        var ly = top + l * lineH;
        ctx.lineWidth = 4 / scale;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(line, n.x, ly);
        ctx.fillStyle = dim ? DIM_TEXT : (featured && !k.inside ? INK : k.color);
        ctx.fillText(line, n.x, ly);
      });
    });
  }
  function wrap(ctx, text, room, maxLines) {
    var words = text.split(/\s+/), lines = [], line = "", w = 0;
    for (; w < words.length; w++) {
      var test = line ? line + " " + words[w] : words[w];
      if (!line || ctx.measureText(test).width <= room) { line = test; continue; }
      lines.push(line);
      line = words[w];
      if (lines.length === maxLines) { line = null; break; }
    }
    if (line !== null) lines.push(line);
    else lines[maxLines - 1] = fitText(ctx, lines[maxLines - 1] + " " + words.slice(w).join(" "), room);
    return lines.map(function (l) { return fitText(ctx, l, room); });
  }

  network.on("beforeDrawing", function (ctx) {
    var scale = network.getScale();
    drawBands(ctx, scale);
    drawBrackets(ctx, scale);
  });
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    drawMapLabels(ctx, scale);
    drawSelection(ctx, scale);
  });

  // the selected node: a ring of constant on-screen width, visible at any zoom
  function drawSelection(ctx, scale) {
    if (selected === null || !shownNode[selected]) return;
    var n = N[selected], k = KIND[n.kind];
    var r;
    if (k.inside) {
      var b = network.getBoundingBox(selected);
      r = { x0: b.left, x1: b.right, y0: b.top, y1: b.bottom };
    } else {
      r = { x0: n.x - k.node, x1: n.x + k.node, y0: n.y - k.node, y1: n.y + k.node };
    }
    var pad = 5 / scale;
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "#111111";
    ctx.setLineDash([]);
    ctx.strokeRect(r.x0 - pad, r.y0 - pad, r.x1 - r.x0 + 2 * pad, r.y1 - r.y0 + 2 * pad);
    ctx.lineWidth = 1.5 / scale;
    ctx.strokeStyle = "#ffffff";
    ctx.strokeRect(r.x0 - pad - 2 / scale, r.y0 - pad - 2 / scale, r.x1 - r.x0 + 2 * pad + 4 / scale, r.y1 - r.y0 + 2 * pad + 4 / scale);
  }

  // -- visibility and look -----------------------------------------------------------------
  function applyVisibility() {
    var vis = N.map(function (_, i) { return isVisible(i); });
    var changed = [];
    vis.forEach(function (v, i) { if (v !== shownNode[i]) changed.push(i); });
    shownNode = vis;  // before building items: labels count the hidden neighbours
    bandShown = DATA.bands.map(function (b) {
      return N.some(function (n, i) { return vis[i] && planKey(n) === (b.plan || ""); });
    });
    var nodeAdds = [], nodeUpdates = [];
    changed.forEach(function (i) {
      if (vis[i] && !inNodeSet[i]) { nodeAdds.push(nodeItem(i)); inNodeSet[i] = true; }
      else if (inNodeSet[i]) nodeUpdates.push({ id: i, hidden: !vis[i] });
    });
    if (collapsedMode) {  // "[+n hidden]" in the labels of the nodes shown
      var added = new Set(nodeAdds.map(function (item) { return item.id; }));
      visibleIndices().forEach(function (i) { if (!added.has(i)) nodeUpdates.push({ id: i, hidden: false, label: canvasLabel(i) }); });
    }
    var edgeAdds = [], edgeUpdates = [];
    E.forEach(function (_, j) {
      var v = edgeVisible(j, vis);
      if (v && !inEdgeSet[j]) { edgeAdds.push(edgeItem(j)); inEdgeSet[j] = true; }
      else if (inEdgeSet[j] && v !== shownEdge[j]) edgeUpdates.push({ id: j, hidden: !v || columnEdge[j] });
      shownEdge[j] = v;
    });
    if (nodeAdds.length) nodeSet.add(nodeAdds);
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeAdds.length) edgeSet.add(edgeAdds);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    if (selected !== null && !shownNode[selected]) network.unselectAll();
    updateCounts();
    renderTextView();
  }

  function applyLook() {
    nodeSet.update(N.map(function (_, i) { return i; }).filter(function (i) { return inNodeSet[i]; }).map(nodeLook));
    edgeSet.update(E.map(function (_, j) { return j; }).filter(function (j) { return inEdgeSet[j]; }).map(edgeLook));
  }

  function visibleIndices() {
    var out = [];
    for (var i = 0; i < N.length; i++) if (shownNode[i]) out.push(i);
    return out;
  }

  function updateCounts() {
    var nodes = visibleIndices().length;
    var edges = shownEdge.filter(Boolean).length;
    var text = "Showing " + nodes + " of " + N.length + " nodes and " + edges + " of " + E.length + " links.";
    if (collapsedMode && revealed.size < N.length) {
      text += " Large graph: plans, themes and priorities first; click a node (or select it and press Enter) to show what is linked to it.";
    }
    if (threadSet !== null) {
      var hiddenMembers = 0;
      threadSet.forEach(function (m) { if (!shownNode[m]) hiddenMembers++; });
      text += " Golden thread of “" + shorten(N[threadFocus].label, 80) + "”: " + plural(threadSet.size, "node", "nodes") +
        (hiddenMembers ? " (" + hiddenMembers + " hidden by the filters)" : "") + ".";
    }
    $("status").textContent = text;
    $("kind-count").textContent = "(" + filters.kinds.size + " of " + DATA.kinds.length + ")";
    $("plan-count").textContent = "(" + filters.plans.size + " of " + planKeys.length + ")";
    $("origin-count").textContent = "(" + filters.origins.size + " of " + ORIGIN_ORDER.length + ")";
  }

  /** Zoom to ``ids`` with a margin (room for the band titles and the labels under nodes). */
  function fitNodes(ids, animate) {
    var before = { position: network.getViewPosition(), scale: network.getScale() };
    network.fit({ nodes: ids, animation: false });
    var target = { position: network.getViewPosition(), scale: Math.min(network.getScale() * 0.85, 1.2) };
    target.position.y += 12 / target.scale;
    if (!animate) { network.moveTo(target); return; }
    network.moveTo(before);
    target.animation = motion(350);
    network.moveTo(target);
  }

  function fitAll(animate) {
    var anim = animate ? motion(300) : false;
    var shown = visibleIndices();
    var everything = shown.length === N.length || (collapsedMode && revealed.size === 0 && shown.length > 0 &&
      filters.kinds.size === DATA.kinds.length && filters.plans.size === planKeys.length && !filters.orphansOnly);
    if (everything && DATA.bands.length) {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      DATA.bands.forEach(function (b) {
        x0 = Math.min(x0, b.x0); x1 = Math.max(x1, b.x1); y0 = Math.min(y0, b.y0); y1 = Math.max(y1, b.y1);
      });
      var w = container.clientWidth || 800, h = container.clientHeight || 600;
      var titleRoom = 26;
      var scale = Math.min((w - 20) / (x1 - x0), (h - 20 - titleRoom) / (y1 - y0));
      network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 - titleRoom / 2 / scale }, scale: scale, animation: anim });
    } else if (shown.length) {
      fitNodes(shown, animate);
    }
  }

  // -- selection and the details panel ------------------------------------------------------
  function reveal(i) {
    if (!collapsedMode) return;
    revealed.add(i);
    outEdges[i].forEach(function (j) { revealed.add(E[j].target); });
    inEdges[i].forEach(function (j) { revealed.add(E[j].source); });
  }

  function select(i, how) {
    how = how || {};
    selected = i;
    if (collapsedMode && passesFilters(i) && (!shownNode[i] || how.expand)) {
      reveal(i);
      applyVisibility();
    }
    if (shownNode[i]) {
      network.selectNodes([i], false);
      if (how.focus) network.focus(i, { scale: Math.max(network.getScale(), 0.75), animation: motion(300) });
    } else {
      network.unselectAll();
    }
    renderDetails();
    markTextViewRows();
    updateThreadButton();
    if (how.announce) $("search-status").textContent = "Selected: " + KIND[N[i].kind].name + " “" + shorten(N[i].label, 90) + "”.";
    if (how.moveFocus) {
      var h = $("details-title");
      if (h) h.focus();
    }
  }

  function nodeButton(i, text) {
    var b = el("button", { type: "button", class: "nodelink", "data-id": N[i].id }, text || N[i].label);
    b.addEventListener("click", function () { select(i, { focus: true, moveFocus: true }); });
    return b;
  }

  function kindIcon(kind, size, pending) {
    var k = KIND[kind];
    var s = size || 16, c = s / 2, r = s / 2 - 2;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", s);
    svg.setAttribute("height", s);
    svg.setAttribute("viewBox", "0 0 " + s + " " + s);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var shape;
    function pts(list) { return list.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "); }
    if (k.shape === "dot") {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", c); shape.setAttribute("cy", c); shape.setAttribute("r", r);
    } else if (k.shape === "ellipse") {
      shape = document.createElementNS(ns, "ellipse");
      shape.setAttribute("cx", c); shape.setAttribute("cy", c); shape.setAttribute("rx", r); shape.setAttribute("ry", r * 0.65);
    } else if (k.shape === "box" || k.shape === "square") {
      shape = document.createElementNS(ns, "rect");
      var hh = k.shape === "box" ? r * 1.3 : r * 2;
      shape.setAttribute("x", 2); shape.setAttribute("y", c - hh / 2); shape.setAttribute("width", s - 4); shape.setAttribute("height", hh);
      if (kind === "priority") { shape.setAttribute("rx", 0); }
    } else {
      shape = document.createElementNS(ns, "polygon");
      var p;
      if (k.shape === "diamond") p = [[c, 1], [s - 1, c], [c, s - 1], [1, c]];
      else if (k.shape === "triangle") p = [[c, 1], [s - 1, s - 2], [1, s - 2]];
      else { p = []; for (var a = 0; a < 6; a++) p.push([c + r * Math.cos(Math.PI / 3 * a), c + r * Math.sin(Math.PI / 3 * a)]); }
      shape.setAttribute("points", pts(p));
    }
    shape.setAttribute("fill", pending ? "#ffffff" : k.color);
    shape.setAttribute("stroke", k.color);
    shape.setAttribute("stroke-width", pending ? 2 : 1);
    if (pending) shape.setAttribute("stroke-dasharray", "3 2");
    svg.appendChild(shape);
    return svg;
  }

  function linkMeta(e) {
    var parts = [ORIGIN[e.origin].name + " link"];
    if (e.confidence !== null && e.confidence !== undefined) parts.push("confidence " + e.confidence.toFixed(2));
    if (e.method) parts.push(e.method);
    if (e.note) parts.push(e.note);
    return parts.join(" · ");
  }

  function renderDetails() {
    var body = $("details-body");
    clear(body);
    if (selected === null) {
      body.appendChild(el("p", { class: "hint" }, "Select a node (click it, search for it, or pick it in the text view) to see its full text, its sources and its links, then show its golden thread."));
      body.appendChild(el("h3", { class: "start-heading" }, "Plans"));
      body.appendChild(el("ul", { class: "links", id: "start-plans" }, DATA.plans.map(function (p) {
        var i = indexById.get(p.id);
        var parts = N.filter(function (n) { return n.plan === p.id; }).length;
        return el("li", null, nodeButton(i), el("span", { class: "meta" }, plural(parts, "node", "nodes")));
      })));
      var breaks = {};
      N.forEach(function (n) { n.orphan.forEach(function (o) { breaks[o.reason] = (breaks[o.reason] || 0) + 1; }); });
      var reasons = DATA.reasons.filter(function (r) { return breaks[r]; });
      if (reasons.length) {
        body.appendChild(el("h3", { class: "start-heading" }, "Where the thread breaks"));
        body.appendChild(el("ul", { class: "plain" }, reasons.map(function (r) {
          return el("li", null, "⚠ " + (REASON[r] || r) + ": " + breaks[r]);
        })));
        body.appendChild(el("p", { class: "hint" }, "Tick “Orphans only” to see just these nodes."));
      }
      return;
    }
    var i = selected, n = N[i], k = KIND[n.kind];
    body.appendChild(el("p", { class: "badge", id: "details-kind" }, kindIcon(n.kind, 16, PENDING[n.status]), k.name));
    body.appendChild(el("h3", { id: "details-title", tabindex: "-1" }, n.orphan.length ? "⚠ " : null, n.label));
    if (!shownNode[i]) {
      var note = el("p", { class: "hidden-note" }, "This node is hidden by the current filters. ");
      var reset = el("button", { type: "button", class: "secondary" }, "Reset filters");
      reset.addEventListener("click", function () { resetFilters(); select(i, { focus: true }); });
      note.appendChild(reset);
      body.appendChild(note);
    }
    var facts = el("dl", { class: "facts" },
      el("dt", null, "Kind"), el("dd", null, k.name),
      el("dt", null, "Plan"), el("dd", null, planName(n)),
      el("dt", null, "Status"), el("dd", { class: PENDING[n.status] ? "status-pending" : null },
        n.status ? (PENDING[n.status] ? "◌ " + n.status + " (not yet in place)" : n.status) : "not stated"));
    if (n.rag) {
      // the priority's thread status, by the same rule as the coverage table and the report:
      // shown by word and symbol, never by colour alone
      var mark = { red: "✖ Red", amber: "▲ Amber", green: "✔ Green" }[n.rag.status];
      var missing = n.rag.missing.map(function (m) {
        return n.rag.inferred.indexOf(m) >= 0 ? m + " (inferred: to review)" : m;
      });
      append(facts, [el("dt", null, "Thread status"),
        el("dd", { id: "details-rag", "data-status": n.rag.status },
          el("strong", null, mark), " — " + DATA.ragRule[n.rag.status] +
          (missing.length ? ". Missing: " + missing.join("; ") + "." : "."))]);
    }
    if (n.aliases.length) append(facts, [el("dt", null, "Also called"), el("dd", null, n.aliases.join("; "))]);
    append(facts, [el("dt", null, "Id"), el("dd", { class: "node-id" }, n.id)]);
    body.appendChild(facts);

    var actions = el("div", { class: "panel-actions" });
    var tb = el("button", { type: "button", id: "panel-thread", "aria-pressed": threadFocus === i ? "true" : "false" },
      threadFocus === i ? "Hide golden thread" : "Show golden thread");
    tb.addEventListener("click", function () { toggleThread(); });
    actions.appendChild(tb);
    if (collapsedMode && hiddenNeighbours(i) > 0) {
      var xb = el("button", { type: "button", class: "secondary" }, "Show " + plural(hiddenNeighbours(i), "linked node", "linked nodes"));
      xb.addEventListener("click", function () { select(i, { expand: true }); });
      actions.appendChild(xb);
    }
    body.appendChild(actions);

    if (n.orphan.length) {
      body.appendChild(el("p", { class: "orphan-title", id: "details-orphans-title" }, "⚠ The thread breaks here"));
      body.appendChild(el("ul", { class: "orphan-list", id: "details-orphans", "aria-labelledby": "details-orphans-title" },
        n.orphan.map(function (o) {
          var basis = o.basis === "inferred" ? " (inferred from wording: to review)" : " (stated by the documents)";
          var item = el("li", { "data-reason": o.reason, "data-basis": o.basis },
            el("strong", null, (REASON[o.reason] || o.reason) + basis + ": "), o.detail);
          if (o.nearest.length) {
            // what the absence rests on: the nearest nodes compared, each a button to go there
            item.appendChild(el("p", { class: "nearest-title" }, "Nearest in the other plan:"));
            item.appendChild(el("ol", { class: "nearest" }, o.nearest.map(function (c) {
              return el("li", null, nodeButton(c.node),
                " — score " + c.score.toFixed(2) + " (a link needs " + c.threshold.toFixed(2) + ")" +
                (c.terms.length ? "; shares " + c.terms.join(", ") : ""));
            })));
          }
          return item;
        })));
    }

    body.appendChild(el("h4", null, "Full text"));
    body.appendChild(el("p", { class: "fulltext", id: "details-text" }, n.text));

    body.appendChild(el("h4", null, "Sources (" + n.sources.length + ")"));
    body.appendChild(el("ol", { class: "sources", id: "details-sources" }, n.sources.map(function (s) {
      var lines = s.line_start === s.line_end ? "line " + s.line_start : "lines " + s.line_start + "–" + s.line_end;
      return el("li", null,
        el("span", { class: "where" }, el("span", { class: "doc" }, s.document), ", ", el("span", { class: "lines" }, lines)),
        el("blockquote", null, s.quote));
    })));

    if (n.blanks.length) {
      body.appendChild(el("h4", null, "Left blank in a table (" + n.blanks.length + ")"));
      body.appendChild(el("ul", { class: "sources" }, n.blanks.map(function (b) {
        var s = b.source;
        return el("li", null, "No " + b.column + " named in the ‘" + b.table + "’ table (" + s.document + ", lines " + s.line_start + "–" + s.line_end + ")",
          el("blockquote", null, s.quote));
      })));
    }

    var rows = [];
    outEdges[i].forEach(function (j) { rows.push({ j: j, other: E[j].target, rel: LINK[E[j].kind].out, rank: LINK_ORDER.indexOf(E[j].kind) * 2 }); });
    inEdges[i].forEach(function (j) { rows.push({ j: j, other: E[j].source, rel: LINK[E[j].kind].inn, rank: LINK_ORDER.indexOf(E[j].kind) * 2 + 1 }); });
    rows.sort(function (a, b) { return a.rank - b.rank || N[a.other].order - N[b.other].order; });
    body.appendChild(el("h4", null, "Links (" + rows.length + ")"));
    if (!rows.length) body.appendChild(el("p", { class: "hint" }, "No links."));
    else body.appendChild(el("ul", { class: "links", id: "details-links" }, rows.map(function (r) {
      var e = E[r.j], other = N[r.other];
      return el("li", { "data-kind": e.kind, "data-origin": e.origin },
        el("span", { class: "rel" }, r.rel + " · " + KIND[other.kind].name + (shownNode[r.other] ? "" : " (hidden)")),
        nodeButton(r.other),
        el("span", { class: "meta" }, linkMeta(e)));
    })));

    if (threadFocus !== null && threadSet !== null) {
      var members = Array.from(threadSet).sort(function (a, b) { return N[a].order - N[b].order; });
      body.appendChild(el("h4", { id: "thread-heading" }, "Golden thread of “" + shorten(N[threadFocus].label, 60) + "” (" + members.length + " nodes)"));
      body.appendChild(el("ol", { class: "thread-list", id: "thread-list", "aria-labelledby": "thread-heading" }, members.map(function (m) {
        return el("li", { "data-id": N[m].id }, KIND[N[m].kind].name + ": ", nodeButton(m));
      })));
    }
  }

  // -- golden thread ---------------------------------------------------------------------
  function showThread(i) {
    threadFocus = i;
    threadSet = new Set(N[i].thread);
    if (collapsedMode) {
      threadSet.forEach(function (m) { revealed.add(m); });
    }
    applyVisibility();
    applyLook();
    var members = Array.from(threadSet).filter(function (m) { return shownNode[m]; });
    if (members.length) fitNodes(members, true);
    if (shownNode[i]) network.selectNodes([i], false);
    updateThreadButton();
    updateCounts();
    renderDetails();
    markTextViewRows();
  }
  function clearThread() {
    threadFocus = null;
    threadSet = null;
    applyLook();
    updateThreadButton();
    updateCounts();
    renderDetails();
    markTextViewRows();
  }
  function toggleThread() {
    if (selected === null) return;
    if (threadFocus === selected) clearThread();
    else showThread(selected);
  }
  function updateThreadButton() {
    var b = $("thread-button");
    b.disabled = selected === null;
    var on = selected !== null && threadFocus === selected;
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.textContent = on ? "Hide golden thread" : "Show golden thread";
  }

  // -- search --------------------------------------------------------------------------------
  function norm(s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var haystack = N.map(function (n) {
    return { label: norm(n.label), alias: norm(n.aliases.join(" | ")), text: norm(n.text), id: n.id };
  });
  // search ties: the structure (plans, themes, priorities, strategies, boards) before the
  // many commitments and measures, then the shorter (closer) name
  var kindRank = { plan: 0, theme: 1, priority: 2, strategy: 3, board: 4, portfolio: 5, commitment: 6, measure: 7 };

  function bare(s) { return s.replace(/^(a|an|the) /, ""); }
  haystack.forEach(function (h) { h.bare = bare(h.label); });

  /** Node indices matching ``query``, best first: exact name, name starting with it (or a
   *  word of the name starting with it), name containing it, other names, full text, id,
   *  all the words anywhere. */
  function search(query) {
    var q = norm(query.trim()).replace(/\s+/g, " ");
    if (!q) return [];
    var qb = bare(q);
    var words = q.split(" ");
    var hits = [];
    haystack.forEach(function (h, i) {
      var score = -1;
      if (h.label === q || h.bare === qb) score = 0;
      else if (h.label.startsWith(q) || h.bare.startsWith(qb) || (" " + h.label).indexOf(" " + q) >= 0) score = 1;
      else if (h.label.indexOf(q) >= 0) score = 2;
      else if (h.alias.indexOf(q) >= 0) score = 3;
      else if (h.text.indexOf(q) >= 0) score = 4;
      else if (h.id === q || h.id.indexOf(q) >= 0) score = 5;
      else if (words.length > 1 && words.every(function (w) { return h.label.indexOf(w) >= 0 || h.alias.indexOf(w) >= 0 || h.text.indexOf(w) >= 0; })) score = 6;
      if (score >= 0) hits.push({ i: i, score: score });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || kindRank[N[a.i].kind] - kindRank[N[b.i].kind] ||
        N[a.i].label.length - N[b.i].label.length || collator.compare(N[a.i].label, N[b.i].label) ||
        N[a.i].order - N[b.i].order;
    });
    return hits.map(function (h) { return h.i; });
  }

  var searchInput = $("search-input");
  var popup = $("search-popup");
  var resultsList = $("search-results");
  var lastHits = [];
  var MAX_RESULTS = 30;

  function closeResults() {
    popup.hidden = true;
  }

  function showResults() {
    var q = searchInput.value;
    lastHits = search(q);
    clear(resultsList);
    if (!q.trim()) {
      closeResults();
      $("search-status").textContent = "";
      return;
    }
    var count = lastHits.length === 0 ? "No node matches “" + shorten(q.trim(), 60) + "”."
      : plural(lastHits.length, "match", "matches") + (lastHits.length > MAX_RESULTS ? " (first " + MAX_RESULTS + " listed)" : "") + ". Enter selects the first; ↓ moves into the list.";
    $("search-count").textContent = count;
    $("search-status").textContent = count;
    lastHits.slice(0, MAX_RESULTS).forEach(function (i) {
      var n = N[i];
      var b = el("button", { type: "button", "data-id": n.id, class: "result" },
        el("span", { class: "res-kind" }, KIND[n.kind].name + (n.orphan.length ? " · ⚠" : "") + " "),
        el("span", { class: "res-label" }, shorten(n.label, 140)),
        el("span", { class: "res-plan" }, planName(n)),
        passesFilters(i) ? null : el("span", { class: "res-hidden" }, "hidden by the filters"));
      b.addEventListener("click", function () { chooseResult(i, true); });
      b.addEventListener("keydown", resultKeys);
      resultsList.appendChild(el("li", null, b));
    });
    popup.hidden = false;
  }

  function chooseResult(i, moveFocus) {
    closeResults();
    select(i, { focus: true, announce: true, moveFocus: moveFocus });
  }

  function resultButtons() { return Array.prototype.slice.call(resultsList.querySelectorAll("button")); }
  function resultKeys(ev) {
    var list = resultButtons();
    var at = list.indexOf(ev.target);
    if (ev.key === "ArrowDown") { ev.preventDefault(); (list[at + 1] || list[0]).focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); if (at <= 0) searchInput.focus(); else list[at - 1].focus(); }
    else if (ev.key === "Home") { ev.preventDefault(); list[0].focus(); }
    else if (ev.key === "End") { ev.preventDefault(); list[list.length - 1].focus(); }
    else if (ev.key === "Escape") { ev.preventDefault(); closeResults(); searchInput.focus(); }
  }

  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim()) showResults(); });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") {
      if (popup.hidden && searchInput.value.trim()) showResults();
      var list = resultButtons();
      if (list.length) { ev.preventDefault(); list[0].focus(); }
    } else if (ev.key === "Escape") {
      closeResults();
    }
  });
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    lastHits = search(searchInput.value);
    if (lastHits.length) chooseResult(lastHits[0], false);
    else showResults();
  });
  $("search-form").addEventListener("focusout", function (ev) {
    if (!ev.relatedTarget || !$("search-form").contains(ev.relatedTarget)) closeResults();
  });

  // -- filters ---------------------------------------------------------------------------------
  var planKeys = DATA.plans.map(function (p) { return p.id; });
  if (N.some(function (n) { return !n.plan; })) planKeys.push("");

  function checkbox(name, value, text, checked, onChange) {
    var input = el("input", { type: "checkbox", name: name, value: value });
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    return el("label", { class: "check" }, input, el("span", null, text));
  }
  function counted(list, pred) { return list.filter(pred).length; }

  function buildFilters() {
    var kinds = $("kind-options");
    DATA.kinds.forEach(function (k) {
      var c = counted(N, function (n) { return n.kind === k; });
      if (!c) return;
      var box = checkbox("kind", k, KIND[k].plural + " (" + c + ")", true, function (on) {
        if (on) filters.kinds.add(k); else filters.kinds.delete(k);
        applyVisibility();
      });
      box.insertBefore(kindIcon(k, 16), box.lastChild);
      kinds.appendChild(box);
    });
    var plans = $("plan-options");
    planKeys.forEach(function (p) {
      var c = counted(N, function (n) { return planKey(n) === p; });
      plans.appendChild(checkbox("plan", p, (p ? planLabel[p] : "Not in a plan") + " (" + c + ")", true, function (on) {
        if (on) filters.plans.add(p); else filters.plans.delete(p);
        applyVisibility();
      }));
    });
    var origins = $("origin-options");
    ORIGIN_ORDER.forEach(function (o) {
      var c = counted(E, function (e) { return e.origin === o; });
      origins.appendChild(checkbox("origin", o, ORIGIN[o].name + ": " + ORIGIN[o].help + " (" + c + ")", true, function (on) {
        if (on) filters.origins.add(o); else filters.origins.delete(o);
        applyVisibility();
      }));
    });
    $("orphans-only").addEventListener("change", function (ev) {
      filters.orphansOnly = ev.target.checked;
      applyVisibility();
      if (filters.orphansOnly) fitAll(true);
    });
    $("orphans-only").nextElementSibling.textContent = "Orphans only (" + orphanNodes + ")";
    $("reset-filters").addEventListener("click", function () { resetFilters(); fitAll(true); });
    document.querySelectorAll("details.filter").forEach(function (d) {
      d.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape" && d.open) { d.open = false; d.querySelector("summary").focus(); }
      });
    });
    document.addEventListener("click", function (ev) {
      document.querySelectorAll("details.filter[open]").forEach(function (d) {
        if (!d.contains(ev.target)) d.open = false;
      });
    });
  }

  function resetFilters() {
    filters.kinds = new Set(DATA.kinds);
    filters.plans = new Set(planKeys);
    filters.origins = new Set(ORIGIN_ORDER);
    filters.orphansOnly = false;
    document.querySelectorAll(".filters input[type=checkbox]").forEach(function (c) { c.checked = c.id !== "orphans-only"; });
    applyVisibility();
  }

  // -- text view -------------------------------------------------------------------------------
  var tbody = $("textview-body");
  var rowOf = new Map();
  function renderTextView() {
    clear(tbody);
    rowOf = new Map();
    var frag = document.createDocumentFragment();
    var count = 0;
    byReading.forEach(function (i) {
      if (!shownNode[i]) return;
      count++;
      var n = N[i];
      var pending = PENDING[n.status] === true;
      var breaks = n.orphan.map(function (o) { return REASON[o.reason] || o.reason; });
      var tr = el("tr", { "data-id": n.id },
        el("td", null, nodeButton(i, (n.orphan.length ? "⚠ " : "") + n.label)),
        el("td", null, KIND[n.kind].name),
        el("td", null, planName(n)),
        el("td", { class: pending ? "status-pending" : null }, n.status ? (pending ? "◌ " : "") + n.status : "—"),
        el("td", { class: breaks.length ? "orphan-cell" : null }, breaks.length ? "⚠ " + breaks.join("; ") : "—"),
        el("td", { class: "thread-cell" }, ""));
      rowOf.set(i, tr);
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    $("textview-caption").textContent = "Visible nodes: " + count + " of " + N.length;
    markTextViewRows();
  }
  function markTextViewRows() {
    rowOf.forEach(function (tr, i) {
      var inThread = threadSet !== null && threadSet.has(i);
      tr.classList.toggle("in-thread", inThread);
      tr.classList.toggle("selected", i === selected);
      var cell = tr.lastChild;
      cell.textContent = i === threadFocus ? "★ focus" : (inThread ? "✓ on the thread" : "");
    });
  }

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
    DATA.kinds.forEach(function (k) {
      if (!N.some(function (n) { return n.kind === k; })) return;
      kinds.appendChild(el("li", null, kindIcon(k, 16), KIND[k].name));
    });
    var marks = $("legend-marks");
    marks.appendChild(el("li", null, el("span", { class: "orphan-cell" }, "⚠"), " red border: the thread breaks here"));
    marks.appendChild(el("li", null, kindIcon("strategy", 16, true), " hollow, dashed, “(to be developed)”: not yet in place"));
    marks.appendChild(el("li", null, lineSample(GOLD, null, 4), " gold: on the golden thread"));
    var links = $("legend-links");
    LINK_ORDER.forEach(function (k) {
      if (E.some(function (e) { return e.kind === k; })) links.appendChild(el("li", null, lineSample(LINK[k].color), LINK[k].name));
    });
    ORIGIN_ORDER.forEach(function (o) {
      links.appendChild(el("li", null, lineSample("#4a5260", ORIGIN[o].dashes), ORIGIN[o].name.toLowerCase()));
    });
  }

  // -- keyboard on the canvas -----------------------------------------------------------------
  container.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var scale = network.getScale();
    var at = network.getViewPosition();
    var step = 90 / scale;
    var handled = true;
    var move = function (dx, dy) { network.moveTo({ position: { x: at.x + dx, y: at.y + dy }, scale: scale }); };
    switch (ev.key) {
      case "ArrowLeft": move(-step, 0); break;
      case "ArrowRight": move(step, 0); break;
      case "ArrowUp": move(0, -step); break;
      case "ArrowDown": move(0, step); break;
      case "+": case "=": network.moveTo({ position: at, scale: scale * 1.25 }); break;
      case "-": case "_": network.moveTo({ position: at, scale: scale / 1.25 }); break;
      case "0": fitAll(false); break;
      case "n": case "N": case "p": case "P": {
        var order = byReading.filter(function (i) { return shownNode[i]; });
        if (!order.length) break;
        var pos = selected === null ? -1 : order.indexOf(selected);
        var forward = ev.key === "n" || ev.key === "N";
        var next = forward ? order[(pos + 1) % order.length] : order[(pos - 1 + order.length) % order.length];
        select(next, { focus: true, announce: true });
        $("status").textContent = "Selected " + KIND[N[next].kind].name + ": " + N[next].label;
        break;
      }
      case "Enter": case " ":
        if (selected !== null) {
          if (collapsedMode && hiddenNeighbours(selected) > 0) select(selected, { expand: true, focus: true });
          else select(selected, { moveFocus: true });
        }
        break;
      case "t": case "T": toggleThread(); break;
      case "Escape": if (threadSet !== null) clearThread(); else handled = false; break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) {
      var i = params.nodes[0];
      select(i, { expand: collapsedMode });
    }
  });

  // -- buttons and start -----------------------------------------------------------------------
  $("thread-button").addEventListener("click", toggleThread);
  $("fit-button").addEventListener("click", function () { fitAll(true); });
  if (collapsedMode) {
    $("expand-all").hidden = false;
    $("collapse-all").hidden = false;
    $("expand-all").addEventListener("click", function () {
      N.forEach(function (_, i) { revealed.add(i); });
      applyVisibility();
      fitAll(true);
    });
    $("collapse-all").addEventListener("click", function () {
      revealed = new Set();
      if (threadSet !== null) threadSet.forEach(function (m) { revealed.add(m); });
      applyVisibility();
      fitAll(true);
    });
  }

  $("summary").textContent = plural(DATA.plans.length, "plan", "plans") + " · " + plural(N.length, "node", "nodes") + " · " +
    plural(E.length, "link", "links") + " · " + plural(orphanRows, "thread break", "thread breaks") + " on " + plural(orphanNodes, "node", "nodes");

  // the graph and the details panel fill the window below the toolbar; the text view follows
  function sizeWorkspace() {
    var ws = $("workspace");
    var top = ws.getBoundingClientRect().top + window.scrollY;
    document.documentElement.style.setProperty("--workspace-height", Math.max(520, window.innerHeight - top) + "px");
  }
  sizeWorkspace();
  window.addEventListener("resize", sizeWorkspace);

  buildFilters();
  buildLegend();
  mark("network");
  renderDetails();
  applyVisibility();
  mark("visibility");
  network.setSize("100%", "100%");
  network.redraw();
  fitAll(false);
  network.once("afterDrawing", function () {
    window.__explorerFirstRender = performance.now();
    document.documentElement.setAttribute("data-ready", "true");
  });
  network.redraw();

  // a small read-only handle for tests and benchmarks
  window.goldenthreadExplorer = Object.freeze({
    network: network,
    nodes: nodeSet,
    edges: edgeSet,
    visibleNodeIds: function () { return visibleIndices().map(function (i) { return N[i].id; }); },
    visibleEdgeCount: function () { return shownEdge.filter(Boolean).length; },
    threadIds: function () { return threadSet === null ? [] : Array.from(threadSet).map(function (i) { return N[i].id; }).sort(); },
    dimmedIds: function () {
      return nodeSet.get({ filter: function (item) { return item.color.border === DIM_BORDER; } })
        .map(function (item) { return N[item.id].id; }).sort();
    },
    selectedId: function () { return selected === null ? null : N[selected].id; },
    select: function (id) { if (indexById.has(id)) select(indexById.get(id), { focus: true }); },
    redrawTime: function (frames) {
      var t0 = performance.now();
      for (var f = 0; f < frames; f++) network.redraw();
      return (performance.now() - t0) / frames;
    }
  });
})();
