/* goldenthread explorer: the graph (vis-network, drawn as cards laid out here).
 *
 * The layout reads like a page: one band per plan (the plan's card is the band's title,
 * the full width of the band, so titles never overlap), and in it the plan's themes, each
 * with its priorities under it, packed into as many columns as the width allows at the
 * natural scale (labels 13-17 px, status lines 12 px: legible on a laptop and a phone).
 * What a node holds (commitments, measures, strategies, boards, portfolios) is placed
 * under it, indented, when drawn. The canvas is as tall as the layout, so the page
 * scrolls over the graph; Ctrl + wheel (or a pinch) and the zoom buttons zoom.
 *
 * Cards are vis-network "custom" nodes drawn with canvas fillText: document text is
 * measured and painted as text, never parsed. Layout, sizes and looks are recomputed by
 * render(view); vis keeps only positions and draws.
 */
(function (GTX) {
  "use strict";

  var FACE = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
  var GOLD = "#b07d00";
  var WARN = "#b3261e";
  var PAD = 12;          // around the layout, CSS px at the natural scale
  var GAP = 14;          // between columns
  var MIN_COL = 230;     // a column is at least this wide
  var MAX_COL = 380;
  var INDENT = 14;
  var BAND_GAP = 26;
  // The canvas is at most this tall (CSS px), and at most 16 million device pixels (the
  // largest canvas iOS Safari draws); a taller layout is spread over more columns and drawn smaller.
  var MAX_HEIGHT = 6000;
  var MAX_PIXELS = 16e6;
  var MIN_HEIGHT = 280;
  var LEGIBLE_PX = 12;   // the smallest text drawn at the natural scale

  var LOOK = {
    plan: { size: 17, weight: 700, lines: 2, fill: "#1b2a4a", ink: "#ffffff", subInk: "#dde4f0" },
    theme: { size: 15, weight: 700, lines: 3, fill: "#5b2a86", ink: "#ffffff", subInk: "#f0e8f8" },
    priority: { size: 14, weight: 600, lines: 3, fill: "#0b6e69", ink: "#ffffff", subInk: "#e3f4f2" },
    commitment: { size: 13, weight: 400, lines: 3, stripe: "#1f5fa8" },
    measure: { size: 13, weight: 400, lines: 3, stripe: "#a34a00" },
    strategy: { size: 13, weight: 600, lines: 3, stripe: "#2e7d32" },
    board: { size: 13, weight: 600, lines: 3, stripe: "#8e244d" },
    portfolio: { size: 13, weight: 600, lines: 3, stripe: "#6d4c41" }
  };
  var SUB_SIZE = 12;
  var TOP = { plan: true, theme: true, priority: true };
  var ATTACH_ORDER = { delivered_through: 0, overseen_by: 1, accountable_to: 2, measured_by: 3 };
  var LINK_COLOR = { part_of: "#6b7483", aligns_with: "#b0316a", delivered_through: "#2e7d32", measured_by: "#a34a00",
    overseen_by: "#8e244d", accountable_to: "#6d4c41" };
  var DASHES = { stated: false, inferred: [9, 6], curated: [2, 5] };

  var measureCtx = document.createElement("canvas").getContext("2d");
  function fontOf(size, weight) { return (weight || 400) + " " + size + "px " + FACE; }

  // each view is drawn again on every change, with mostly the same cards: a text wraps the same
  // way in the same font and width, so it is measured once
  var wrapped = new Map();
  /** ``text`` in lines no wider than ``width``; the last shortened with "…" beyond ``max``. */
  function wrap(text, font, width, max) {
    var key = font + "\u0000" + width + "\u0000" + max + "\u0000" + text;
    var lines = wrapped.get(key);
    if (lines === undefined) wrapped.set(key, lines = wrapText(text, font, width, max));
    return lines.slice();
  }
  function wrapText(text, font, width, max) {
    measureCtx.font = font;
    var words = [];
    String(text).split(/[ \t\n\r]+/).forEach(function (w) {  // not at no-break spaces
      if (!w) return;
      while (measureCtx.measureText(w).width > width && w.length > 1) {  // a word wider than the card: cut it
        var cut = 1;
        while (cut < w.length && measureCtx.measureText(w.slice(0, cut + 1)).width <= width) cut++;
        words.push(w.slice(0, cut));
        w = w.slice(cut);
      }
      words.push(w);
    });
    var lines = [], line = "";
    for (var w = 0; w < words.length; w++) {
      var test = line ? line + " " + words[w] : words[w];
      if (measureCtx.measureText(test).width <= width || !line) {
        line = test;
        if (!lines.length && measureCtx.measureText(line).width > width) line = fit(line, width);
        continue;
      }
      lines.push(line);
      line = words[w];
      if (lines.length === max) { line = null; break; }
    }
    if (line !== null && line !== "") lines.push(fit(line, width));
    else if (line === null) lines[max - 1] = fit(lines[max - 1] + " " + words.slice(w).join(" "), width, true);
    return lines.length ? lines : [""];
  }
  function fit(text, width, always) {
    if (!always && measureCtx.measureText(text).width <= width) return text;
    var lo = 0, hi = text.length;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (measureCtx.measureText(text.slice(0, mid).trimEnd() + "…").width <= width) lo = mid; else hi = mid - 1;
    }
    return text.slice(0, lo).trimEnd() + "…";
  }

  function roundRect(ctx, x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.lineTo(x + w - r, y);
    ctx.arcTo(x + w, y, x + w, y + r, r);
    ctx.lineTo(x + w, y + h - r);
    ctx.arcTo(x + w, y + h, x + w - r, y + h, r);
    ctx.lineTo(x + r, y + h);
    ctx.arcTo(x, y + h, x, y + h - r, r);
    ctx.lineTo(x, y + r);
    ctx.arcTo(x, y, x + r, y, r);
    ctx.closePath();
  }

  /**
   * Graph(container, hooks): hooks.onClick(i), hooks.onDoubleClick(i), hooks.tooltip(i) -> DOM,
   * hooks.onKey(ev) -> true when handled.
   */
  function Graph(wrapEl, container, hooks) {
    this.wrapEl = wrapEl;
    this.container = container;
    this.hooks = hooks;
    this.F = null;
    this.cards = [];
    this.pos = [];
    this.bands = [];
    this.holderOf = null;
    this.nodeSet = new vis.DataSet();
    this.edgeSet = new vis.DataSet();
    this.inNodes = new Set();
    this.inEdges = new Set();
    this.natural = { x: 0, y: 0, scale: 1 };
    this.widthUsed = 0;
    var self = this;
    this.network = new vis.Network(container, { nodes: this.nodeSet, edges: this.edgeSet }, {
      autoResize: false,
      physics: { enabled: false },
      layout: { randomSeed: 1, improvedLayout: false, hierarchical: { enabled: false } },
      interaction: {
        hover: true, tooltipDelay: 300, dragNodes: false, dragView: true, zoomView: false,
        keyboard: { enabled: false }, navigationButtons: false, multiselect: false, selectConnectedEdges: false,
        hideEdgesOnDrag: false, hideEdgesOnZoom: false
      },
      nodes: { shape: "custom", chosen: false },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: { enabled: true, type: "curvedCW", roundness: 0.12 },
        chosen: false, selectionWidth: 0, hoverWidth: 0 }
    });
    // vis-network makes its own frame a Tab stop with no name: the container is the one stop
    var frame = container.querySelector(".vis-network");
    if (frame) frame.setAttribute("tabindex", "-1");
    // the page scrolls over the graph: vertical swipes scroll, horizontal drags pan
    try {
      this.network.canvas.hammer.set({ touchAction: "pan-y" });
    } catch (e) { /* an older vis: the canvas keeps its own touch handling */ }
    var canvas = container.querySelector("canvas");
    if (canvas) canvas.style.touchAction = "pan-y";
    container.addEventListener("wheel", function (ev) {
      if (!(ev.ctrlKey || ev.metaKey)) return;  // a plain wheel scrolls the page
      ev.preventDefault();
      var rect = container.getBoundingClientRect();
      self.zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, { x: ev.clientX - rect.left, y: ev.clientY - rect.top });
    }, { passive: false });
    // vis-network swallows errors thrown in its handlers: report them as the page's own
    function loud(fn) { return function (p) { try { fn(p); } catch (e) { setTimeout(function () { throw e; }); } }; }
    this.network.on("click", loud(function (p) {
      if (p.nodes && p.nodes.length) hooks.onClick(p.nodes[0]);
    }));
    this.network.on("doubleClick", loud(function (p) {
      if (p.nodes && p.nodes.length && hooks.onDoubleClick) hooks.onDoubleClick(p.nodes[0]);
    }));
    this.network.on("beforeDrawing", function (ctx) { self.drawBands(ctx); });
    this.network.on("dragEnd", function (p) { if (!p.nodes || !p.nodes.length) self.moved = true; });
    container.addEventListener("keydown", function (ev) { self.onKey(ev); });
  }

  Graph.prototype.setFamily = function (F) {
    this.F = F;
    this.moved = false;
    this.natural = { x: 0, y: 0, scale: 1 };
    this.nodeSet.clear();
    this.edgeSet.clear();
    this.inNodes = new Set();
    this.inEdges = new Set();
    this.cards = new Array(F.N.length);
    this.pos = new Array(F.N.length);
  };

  // -- layout ---------------------------------------------------------------------------
  /** Card sizes and places for the nodes ``shown`` (drawn or context), for a width in CSS px. */
  Graph.prototype.layout = function (view, width) {
    var F = this.F, N = F.N;
    var shown = function (i) { return view.drawn[i] || view.context[i]; };
    var avail = Math.max(160, width - 2 * PAD);
    var ncols = Math.max(1, Math.floor((avail + GAP) / (MIN_COL + GAP)));
    var colW = ncols === 1 ? avail : Math.min(MAX_COL, (avail - GAP * (ncols - 1)) / ncols);
    var bandW = ncols * colW + GAP * (ncols - 1);
    var placed = new Uint8Array(N.length);
    var holderOf = new Int32Array(N.length).fill(-1);
    var cards = this.cards;
    var self = this;

    function card(i, w) {
      var n = N[i], look = LOOK[n.kind] || LOOK.commitment;
      var stripe = look.stripe ? 6 : 0;
      var inner = w - 2 * 10 - stripe;
      var font = fontOf(look.size, look.weight), lh = Math.round(look.size * 1.25);
      var lines = wrap(n.label, font, inner, look.lines);
      var subText = view.sub(i);
      var subFont = fontOf(SUB_SIZE, 400);
      var sub = subText ? wrap(subText, subFont, inner, 3) : [];
      var h = 6 + lines.length * lh + (sub.length ? 2 + sub.length * 15 : 0) + 6;
      cards[i] = { w: w, h: h, lines: lines, sub: sub, font: font, lh: lh, subFont: subFont, look: look, stripe: stripe };
      return h;
    }

    // what a node holds, in order: its strategies (each with its boards), boards, portfolios
    // and measures, then what sits in it (commitments, each with what it holds)
    function items(h, indent, out) {
      var att = [];
      F.out[h].forEach(function (j) {
        var e = F.E[j];
        if (ATTACH_ORDER[e.kind] !== undefined && shown(e.target) && !placed[e.target]) att.push(e);
      });
      att.sort(function (a, b) { return ATTACH_ORDER[a.kind] - ATTACH_ORDER[b.kind] || N[a.target].order - N[b.target].order; });
      att.forEach(function (e) {
        if (placed[e.target]) return;
        put(e.target, indent, out, h);
        if (N[e.target].kind === "strategy") {
          F.out[e.target].forEach(function (j) {
            var b = F.E[j].target;
            if (F.E[j].kind === "overseen_by" && shown(b) && !placed[b]) put(b, indent + INDENT, out, e.target);
          });
        }
      });
      F.children[h].forEach(function (c) {
        if (!TOP[N[c].kind] && shown(c) && !placed[c]) {
          put(c, indent, out, h);
          items(c, indent + INDENT, out);
        }
      });
    }
    function put(i, indent, out, holder) {
      placed[i] = 1;
      if (holder !== undefined) holderOf[i] = holder;
      out.push({ i: i, indent: indent });
    }
    function tree(x, depth, out) {
      put(x, depth * INDENT, out);
      items(x, (depth + 1) * INDENT, out);
      F.children[x].forEach(function (c) {
        if (TOP[N[c].kind] && shown(c) && !placed[c]) tree(c, depth + 1, out);
      });
    }

    var bandsOut = [];
    var y = PAD;
    var pos = this.pos;
    function stack(groups, top) {
      var heights = [];
      for (var c = 0; c < ncols; c++) heights.push(top);
      // sizes first; a group much taller than a column's share continues in the next column
      var total = 0;
      groups.forEach(function (g) {
        g.forEach(function (it, k) {
          it.h = card(it.i, colW - it.indent);
          it.gap = k > 0 ? (TOP[N[it.i].kind] ? 8 : 4) : 0;
          total += it.h + it.gap;
        });
      });
      var share = Math.max(400, total / ncols * 1.15);
      var pieces = [];
      groups.forEach(function (g) {
        var piece = [], height = 0;
        g.forEach(function (it, k) {
          // never leave a plan, theme or priority last in a piece: its items follow it
          var lastTop = piece.length && TOP[N[piece[piece.length - 1].i].kind];
          if (ncols > 1 && piece.length && height + it.gap + it.h > share && !lastTop) {
            pieces.push(piece);
            piece = [];
            height = 0;
          }
          height += (piece.length ? it.gap : 0) + it.h;
          piece.push(it);
        });
        if (piece.length) pieces.push(piece);
      });
      pieces.forEach(function (g) {
        var col = 0;
        for (var c = 1; c < ncols; c++) if (heights[c] < heights[col] - 0.5) col = c;
        var yy = heights[col];
        var x0 = PAD + col * (colW + GAP);
        g.forEach(function (it, k) {
          var w = colW - it.indent;
          if (k > 0) yy += it.gap;
          pos[it.i] = [x0 + it.indent + w / 2, yy + it.h / 2];
          yy += it.h;
        });
        heights[col] = yy + 14;
      });
      return Math.max.apply(null, heights) - 14;
    }
    var bandPlans = F.plans.slice();
    bandPlans.forEach(function (p) {
      var groups = [];
      var header = null;
      var top = y;
      if (p >= 0 && shown(p)) {
        placed[p] = 1;
        header = p;
        var h = card(p, bandW);
        pos[p] = [PAD + bandW / 2, y + h / 2];
        top = y + h + 10;
        var own = [];
        items(p, INDENT, own);
        if (own.length) groups.push(own);
      } else {
        top = y + 26;  // room for the band's title, drawn as text
      }
      if (p >= 0) {
        F.children[p].forEach(function (c) {
          if (TOP[N[c].kind] && shown(c) && !placed[c]) { var g = []; tree(c, 0, g); groups.push(g); }
        });
      }
      var planId = p >= 0 ? N[p].id : null;
      // this plan's nodes not reached from its plan node
      var loose = [];
      F.byOrder.forEach(function (i) {
        if (placed[i] || !shown(i) || N[i].plan !== planId) return;
        if (TOP[N[i].kind]) { var g = []; tree(i, 0, g); groups.push(g); } else loose.push(i);
      });
      var stray = [];
      loose.forEach(function (i) { if (!placed[i]) { put(i, 0, stray); items(i, INDENT, stray); } });
      if (stray.length) groups.push(stray);
      if (!groups.length && header === null) return;
      var bottom = groups.length ? stack(groups, top) : top - 10;
      bandsOut.push({ plan: p, header: header, label: p >= 0 ? N[p].label : "", y0: y - 6, y1: bottom + 6, x0: PAD - 6, x1: PAD + bandW + 6 });
      y = bottom + BAND_GAP;
    });
    // what no plan of this family holds: other councils' shared bodies, nodes of no plan
    var rest = [];
    F.byOrder.forEach(function (i) { if (!placed[i] && shown(i)) { put(i, 0, rest); items(i, INDENT, rest); } });
    if (rest.length) {
      var top = y + 26;
      var bottom = stack([rest], top);
      bandsOut.push({ plan: -1, header: null, label: F.otherLabel, y0: y - 6, y1: bottom + 6, x0: PAD - 6, x1: PAD + bandW + 6 });
      y = bottom + BAND_GAP;
    }
    this.bands = bandsOut;
    this.holderOf = holderOf;
    this.widthUsed = bandW + 2 * PAD;
    return { height: Math.max(y - BAND_GAP + PAD, 0), width: width };
  };

  // -- render ---------------------------------------------------------------------------
  /**
   * Draw ``view``: {drawn, context (Uint8Array per node), selected, thread (Set|null), focus,
   * sub(i) -> status line, look(i) -> {gold, orphan, pending, context}, edgeShown(j)}.
   */
  Graph.prototype.render = function (view) {
    this.view = view;
    var width = Math.max(200, this.wrapEl.clientWidth || 800);
    var out = this.layout(view, width);
    var scale = 1;
    var dpr = window.devicePixelRatio || 1;
    var cap = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.floor(MAX_PIXELS / (width * dpr * dpr))));
    if (out.height > cap) {
      // too tall to draw at the natural scale: spread over more columns, then shrink
      var s = Math.sqrt(cap / out.height);
      out = this.layout(view, width / s);
      scale = Math.min(s, cap / out.height, width / out.width);
    }
    var cssHeight = Math.max(MIN_HEIGHT, Math.ceil(out.height * scale));
    this.wrapEl.style.height = cssHeight + "px";
    // vis-network draws the whole canvas again after every change to its data (physics off)
    // and every selection: the changes are made with drawing held, then drawn once
    var emitter = this.network.body.emitter;
    emitter.emit("_blockRedraw");
    try {
      this.applyView(view, width, scale, cssHeight);
    } finally {
      emitter.emit("_allowRedraw");
    }
    this.network.redraw();
  };

  /** ``view`` given to vis-network (render, with drawing held): the cards and links to draw,
   * where it looks (the layout ``width`` wide at ``scale``, ``cssHeight`` tall) and the selection. */
  Graph.prototype.applyView = function (view, width, scale, cssHeight) {
    var F = this.F, N = F.N, E = F.E;
    // nodes: add, move, remove
    var adds = [], moves = [], keep = new Set();
    for (var i = 0; i < N.length; i++) {
      if (!(view.drawn[i] || view.context[i])) continue;
      keep.add(i);
      var p = this.pos[i];
      if (this.inNodes.has(i)) moves.push({ id: i, x: p[0], y: p[1] });
      else adds.push(this.item(i));
    }
    var removes = [];
    this.inNodes.forEach(function (i) { if (!keep.has(i)) removes.push(i); });
    if (removes.length) this.nodeSet.remove(removes);
    if (moves.length) this.nodeSet.update(moves);
    if (adds.length) this.nodeSet.add(adds);
    this.inNodes = keep;
    // edges between drawn nodes, but those the placement shows (a holder above what it holds)
    var eAdds = [], eUpd = [], eKeep = new Set(), holderOf = this.holderOf;
    for (var j = 0; j < E.length; j++) {
      var e = E[j];
      if (!keep.has(e.source) || !keep.has(e.target) || e.source === e.target) continue;
      if (e.kind === "part_of" || holderOf[e.target] === e.source || !view.edgeShown(j)) continue;
      // by default only the selected node's links and the thread's are drawn: the page stays readable
      if (!view.allLinks && !(view.selected !== null && (e.source === view.selected || e.target === view.selected)) &&
          !(view.thread !== null && view.thread.has(e.source) && view.thread.has(e.target))) continue;
      eKeep.add(j);
      var look = this.edgeLook(j);
      if (this.inEdges.has(j)) eUpd.push(look); else { look.from = e.source; look.to = e.target; eAdds.push(look); }
    }
    var eRem = [];
    this.inEdges.forEach(function (j) { if (!eKeep.has(j)) eRem.push(j); });
    if (eRem.length) this.edgeSet.remove(eRem);
    if (eUpd.length) this.edgeSet.update(eUpd);
    if (eAdds.length) this.edgeSet.add(eAdds);
    this.inEdges = eKeep;
    this.network.setSize("100%", "100%");
    var natural = { x: width / scale / 2, y: cssHeight / scale / 2, scale: scale };
    // a view the officer zoomed or moved stays, unless the layout changed size
    var keepView = this.moved && this.natural.scale === scale && this.natural.y === natural.y && this.natural.x === natural.x;
    this.natural = natural;
    if (keepView) this.network.moveTo({ position: this.network.getViewPosition(), scale: this.network.getScale() });
    else { this.moved = false; this.network.moveTo({ position: { x: natural.x, y: natural.y }, scale: scale }); }
    if (view.selected !== null && keep.has(view.selected)) this.network.selectNodes([view.selected], false);
    else this.network.unselectAll();
  };

  Graph.prototype.item = function (i) {
    var self = this, p = this.pos[i];
    return {
      id: i, x: p[0], y: p[1], shape: "custom",
      ctxRenderer: function (arg) {
        var c = self.cards[i];
        return {
          drawNode: function () { self.drawCard(arg.ctx, i, arg.x, arg.y, arg.state); },
          nodeDimensions: { width: c ? c.w : 10, height: c ? c.h : 10 }
        };
      },
      title: this.hooks.tooltip(i)
    };
  };

  Graph.prototype.edgeLook = function (j) {
    var e = this.F.E[j], v = this.view;
    var onThread = v.thread !== null && v.thread.has(e.source) && v.thread.has(e.target);
    var touches = v.selected !== null && (e.source === v.selected || e.target === v.selected);
    var color = onThread ? GOLD : LINK_COLOR[e.kind];
    return {
      id: j,
      color: { color: color, highlight: color, hover: color, inherit: false, opacity: onThread || touches ? 1 : 0.45 },
      width: onThread ? 3.5 : (touches ? 2.5 : 1.3),
      dashes: DASHES[e.origin] || false
    };
  };

  Graph.prototype.drawCard = function (ctx, i, x, y, state) {
    var c = this.cards[i], n = this.F.N[i], v = this.view;
    if (!c || !v) return;
    var look = v.look(i), L = c.look;
    var x0 = x - c.w / 2, y0 = y - c.h / 2;
    var context = look.context;
    var fill = context ? "#ffffff" : (L.fill || "#ffffff");
    var ink = context ? "#4a5260" : (L.ink || "#1a1a1a");
    var subInk = context ? "#4a5260" : (L.subInk || "#4a5260");
    ctx.save();
    if (look.gold) {  // the focus of the golden thread drawn
      ctx.fillStyle = GOLD;
      roundRect(ctx, x0 - 4, y0 - 4, c.w + 8, c.h + 8, 9);
      ctx.fill();
    }
    roundRect(ctx, x0, y0, c.w, c.h, 6);
    ctx.fillStyle = fill;
    ctx.fill();
    if (c.stripe && !context) {
      ctx.save();
      ctx.clip();
      ctx.fillStyle = L.stripe;
      ctx.fillRect(x0, y0, c.stripe, c.h);
      ctx.restore();
    }
    ctx.setLineDash(look.pending || context ? [5, 4] : []);
    ctx.lineWidth = look.orphan ? 2.5 : 1.5;
    ctx.strokeStyle = state && state.hover ? "#000000" : (look.orphan ? WARN : (context ? "#8a93a3" : (L.stripe || L.fill)));
    roundRect(ctx, x0, y0, c.w, c.h, 6);
    ctx.stroke();
    ctx.setLineDash([]);
    if (look.pending && !context && L.fill) {  // a plan/theme/priority not in place: hollow inside
      roundRect(ctx, x0 + 3, y0 + 3, c.w - 6, c.h - 6, 4);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    if (i === v.selected) {  // on the card's edge (cards are 4 px apart), white inside it
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = "#111111";
      roundRect(ctx, x0 - 0.5, y0 - 0.5, c.w + 1, c.h + 1, 6);
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#ffffff";
      roundRect(ctx, x0 + 2.5, y0 + 2.5, c.w - 5, c.h - 5, 4);
      ctx.stroke();
    }
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    var tx = x0 + 10 + (context ? 0 : c.stripe), ty = y0 + 6;
    ctx.font = c.font;
    ctx.fillStyle = ink;
    for (var k = 0; k < c.lines.length; k++) ctx.fillText(c.lines[k], tx, ty + k * c.lh);
    if (c.sub.length) {
      ty += c.lines.length * c.lh + 2;
      ctx.font = c.subFont;
      ctx.fillStyle = subInk;
      for (var s = 0; s < c.sub.length; s++) ctx.fillText(c.sub[s], tx, ty + s * 15);
    }
    ctx.restore();
  };

  Graph.prototype.drawBands = function (ctx) {
    var scale = this.network.getScale();
    this.bands.forEach(function (b, k) {
      ctx.fillStyle = k % 2 ? "#f2f5f9" : "#f7f9fb";
      ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      if (b.header === null && b.label) {
        ctx.font = "700 15px " + FACE;
        ctx.fillStyle = "#1b2a4a";
        ctx.textBaseline = "top";
        ctx.textAlign = "left";
        measureCtx.font = ctx.font;
        ctx.fillText(fit(b.label, b.x1 - b.x0 - 16), b.x0 + 8, b.y0 + 8);
      }
    });
    return scale;
  };

  // -- view -------------------------------------------------------------------------------
  Graph.prototype.fit = function () {
    this.moved = false;
    this.network.moveTo({ position: { x: this.natural.x, y: this.natural.y }, scale: this.natural.scale });
  };
  Graph.prototype.zoomAt = function (factor, at) {
    var net = this.network;
    this.moved = true;
    var scale = Math.max(0.05, Math.min(4, net.getScale() * factor));
    var before = net.DOMtoCanvas(at);
    net.moveTo({ scale: scale, position: net.getViewPosition() });
    var after = net.DOMtoCanvas(at);
    var pos = net.getViewPosition();
    net.moveTo({ scale: scale, position: { x: pos.x + before.x - after.x, y: pos.y + before.y - after.y } });
  };
  Graph.prototype.zoom = function (factor) {
    this.zoomAt(factor, { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 });
  };
  Graph.prototype.pan = function (dx, dy) {
    this.moved = true;
    var net = this.network, s = net.getScale(), at = net.getViewPosition();
    net.moveTo({ position: { x: at.x + dx / s, y: at.y + dy / s }, scale: s });
  };
  /** Bring node ``i`` into the window: scroll the page, or move a zoomed view. */
  Graph.prototype.ensureVisible = function (i) {
    if (!this.inNodes.has(i)) return;
    var net = this.network;
    if (Math.abs(net.getScale() - this.natural.scale) > 1e-6) {
      net.moveTo({ position: { x: this.pos[i][0], y: this.pos[i][1] }, scale: net.getScale() });
      return;
    }
    var r = this.domRect(i);
    if (!r) return;
    var vh = window.innerHeight;
    if (r.top < 0 || r.bottom > vh) window.scrollBy(0, r.top - Math.max(60, (vh - (r.bottom - r.top)) / 3));
  };
  /** The card of node ``i`` in page (viewport) coordinates, and its smallest text in CSS px. */
  Graph.prototype.domRect = function (i) {
    var c = this.cards[i], p = this.pos[i];
    if (!c || !p || !this.inNodes.has(i)) return null;
    var net = this.network, box = this.container.getBoundingClientRect();
    var a = net.canvasToDOM({ x: p[0] - c.w / 2, y: p[1] - c.h / 2 });
    var b = net.canvasToDOM({ x: p[0] + c.w / 2, y: p[1] + c.h / 2 });
    var s = net.getScale();
    return { left: box.left + a.x, top: box.top + a.y, right: box.left + b.x, bottom: box.top + b.y,
      labelPx: c.look.size * s, subPx: c.sub.length ? SUB_SIZE * s : null, lines: c.lines.slice(), sub: c.sub.slice() };
  };
  Graph.prototype.redrawTime = function (frames) {
    var t0 = performance.now();
    for (var f = 0; f < frames; f++) this.network.redraw();
    return (performance.now() - t0) / frames;
  };

  Graph.prototype.onKey = function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var step = 90, handled = true;
    switch (ev.key) {
      case "ArrowLeft": this.pan(-step, 0); break;
      case "ArrowRight": this.pan(step, 0); break;
      case "ArrowUp": this.pan(0, -step); break;
      case "ArrowDown": this.pan(0, step); break;
      case "+": case "=": this.zoom(1.25); break;
      case "-": case "_": this.zoom(1 / 1.25); break;
      case "0": this.fit(); break;
      default: handled = this.hooks.onKey(ev);
    }
    if (handled) ev.preventDefault();
  };

  GTX.Graph = Graph;
  GTX.graphConstants = { LEGIBLE_PX: LEGIBLE_PX, LOOK: LOOK, LINK_COLOR: LINK_COLOR, DASHES: DASHES, GOLD: GOLD };
})(window.GTX = window.GTX || {});
