/* goldenthread explorer: words and search (no DOM here).
 *
 * GTX.text.stem(word): the Porter stemmer (M.F. Porter, 1980), so "house", "houses" and
 * "housing" meet ("hous").
 * GTX.text.SearchIndex(nodes, abbreviations): an inverted index over each node's label,
 * other names, full text, source quotes and id; query(q) ranks the nodes that hold every
 * word of q (as typed, by stem, the last word also as a prefix, an abbreviation also as
 * what it stands for: "HWB" finds "Health and Wellbeing Board"), best first.
 * Text from the documents is only compared and measured here, never turned into markup.
 */
(function (GTX) {
  "use strict";

  // -- Porter stemmer --------------------------------------------------------------------
  var step2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var step3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
  var MGR0 = new RegExp("^(" + C + ")?" + V + C);
  var MEQ1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var MGR1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var SV = new RegExp("^(" + C + ")?" + v);
  var CVC = new RegExp("^" + C + v + "[^aeiouwxy]$");
  var DOUBLE = /([^aeiouylsz])\1$/;
  var STEP2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var STEP3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var STEP4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var STEP4B = /^(.+?)(s|t)(ion)$/;

  function porter(w) {
    if (w.length < 3) return w;
    var fp, stem, first = w.charAt(0);
    if (first === "y") w = "Y" + w.slice(1);
    if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");
    else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");
    if ((fp = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(fp[1])) w = w.slice(0, -1);
    } else if ((fp = /^(.+?)(ed|ing)$/.exec(w))) {
      stem = fp[1];
      if (SV.test(stem)) {
        w = stem;
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (DOUBLE.test(w)) w = w.slice(0, -1);
        else if (CVC.test(w)) w += "e";
      }
    }
    if ((fp = /^(.+?)y$/.exec(w)) && SV.test(fp[1])) w = fp[1] + "i";
    if ((fp = STEP2.exec(w)) && MGR0.test(fp[1])) w = fp[1] + step2[fp[2]];
    if ((fp = STEP3.exec(w)) && MGR0.test(fp[1])) w = fp[1] + step3[fp[2]];
    if ((fp = STEP4.exec(w))) {
      if (MGR1.test(fp[1])) w = fp[1];
    } else if ((fp = STEP4B.exec(w))) {
      if (MGR1.test(fp[1] + fp[2])) w = fp[1] + fp[2];
    }
    if ((fp = /^(.+?)e$/.exec(w))) {
      stem = fp[1];
      if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
    }
    if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);
    if (first === "y") w = "y" + w.slice(1);
    return w;
  }
  var stemCache = new Map();
  function stem(word) {
    var s = stemCache.get(word);
    if (s === undefined) {
      s = /^[a-z]+$/.test(word) ? porter(word) : word;
      stemCache.set(word, s);
    }
    return s;
  }

  // -- words -------------------------------------------------------------------------------
  var NON_ASCII = /[^\x00-\x7f]/;
  function norm(s) {
    s = String(s);
    if (NON_ASCII.test(s)) s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'");
    return s.toLowerCase();
  }
  /** The words of a text: lower case, accents dropped, "people's" -> "people". */
  var WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
  function words(s) {
    var out = norm(s).match(WORD) || [];
    for (var k = 0; k < out.length; k++) {
      if (out[k].indexOf("'") >= 0) out[k] = out[k].replace(/'s$/, "").replace(/'/g, "");
    }
    return out;
  }
  var STOP = new Set(("a an and are as at be by for from in is it its of on or our the to we will with " +
    "this that these those which who").split(" "));

  // -- search ---------------------------------------------------------------------------------
  var FIELDS = [
    { key: "label", weight: 10, name: "name" },
    { key: "aliases", weight: 8, name: "other name" },
    { key: "text", weight: 4, name: "full text" },
    { key: "quotes", weight: 3, name: "source quote" },
    { key: "id", weight: 1, name: "id" }
  ];
  var KIND_BOOST = { plan: 4, theme: 4, priority: 4, strategy: 3, board: 3, portfolio: 2, commitment: 0.5, measure: 0.3 };

  function fieldTexts(n) {
    return [n.label, n.aliases.join(" | "), n.text, n.sources.map(function (s) { return s.quote; }).join(" | "), n.id.replace(/[\/-]/g, " ")];
  }

  /** An inverted index over ``nodes`` (objects with id, kind, label, text, aliases, sources). */
  function SearchIndex(nodes, abbreviations) {
    this.nodes = nodes;
    this.abbr = {};
    var self = this;
    Object.keys(abbreviations || {}).forEach(function (a) { self.abbr[a.toLowerCase()] = abbreviations[a]; });
    this.byWord = new Map();   // word -> [node, field, node, field, ...]
    this.byStem = new Map();
    this.texts = [];           // node -> its five field texts
    var seenWord = new Map(), seenStem = new Map();  // word -> the last (node, field) it was added for
    for (var i = 0; i < nodes.length; i++) {
      var texts = fieldTexts(nodes[i]);
      this.texts.push(texts);
      for (var f = 0; f < texts.length; f++) {
        var mark = i * 8 + f;
        var ws = words(texts[f]);
        for (var k = 0; k < ws.length; k++) {
          var w = ws[k];
          if (seenWord.get(w) === mark) continue;
          seenWord.set(w, mark);
          add(this.byWord, w, i, f);
          var st = stem(w);
          if (seenStem.get(st) !== mark) { seenStem.set(st, mark); add(this.byStem, st, i, f); }
        }
      }
    }
    this.vocabulary = Array.from(this.byWord.keys()).sort();
  }
  function add(map, key, i, f) {
    var list = map.get(key);
    if (!list) { list = []; map.set(key, list); }
    list.push(i, f);
  }

  /** Per node, the best score of ``term`` in it: {node: [score, field]}. */
  SearchIndex.prototype.termScores = function (term, isLast) {
    var best = new Map();
    function take(list, quality) {
      if (!list) return;
      for (var k = 0; k < list.length; k += 2) {
        var i = list[k], f = list[k + 1], s = FIELDS[f].weight * quality;
        var old = best.get(i);
        if (!old || old[0] < s) best.set(i, [s, f]);
      }
    }
    take(this.byWord.get(term), 1);
    take(this.byStem.get(stem(term)), 0.85);
    if (isLast && term.length >= 3) {  // as you type: the last word may be unfinished
      var lo = lowerBound(this.vocabulary, term);
      for (var k = lo; k < this.vocabulary.length && this.vocabulary[k].lastIndexOf(term, 0) === 0; k++) {
        if (this.vocabulary[k] !== term) take(this.byWord.get(this.vocabulary[k]), 0.7);
      }
    }
    var forms = this.abbr[term];
    if (forms) {  // an abbreviation: what it stands for, all its words in one field
      for (var a = 0; a < forms.length; a++) this.phraseScores(forms[a], 0.95, best);
    }
    return best;
  };
  SearchIndex.prototype.phraseScores = function (phrase, quality, best) {
    var stems = words(phrase).filter(function (w) { return !STOP.has(w); }).map(stem);
    if (!stems.length) return;
    var lists = stems.map(function (s) { return this.byStem.get(s) || []; }, this);
    var counts = new Map();
    for (var s = 0; s < lists.length; s++) {
      var seen = new Set();
      for (var k = 0; k < lists[s].length; k += 2) {
        var key = lists[s][k] * 8 + lists[s][k + 1];
        if (seen.has(key)) continue;
        seen.add(key);
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
    counts.forEach(function (n, key) {
      if (n !== stems.length) return;
      var i = Math.floor(key / 8), f = key % 8, sc = FIELDS[f].weight * quality;
      var old = best.get(i);
      if (!old || old[0] < sc) best.set(i, [sc, f]);
    });
  };
  function lowerBound(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** Nodes holding every word of ``query``, best first: [{node, score, field, terms}]. */
  SearchIndex.prototype.query = function (query) {
    var all = words(query);
    var terms = all.filter(function (w) { return !STOP.has(w); });
    if (!terms.length) terms = all;
    if (!terms.length) return [];
    var q = norm(query).replace(/\s+/g, " ").trim();
    var scores = null;
    for (var t = 0; t < terms.length; t++) {
      var ts = this.termScores(terms[t], t === terms.length - 1 && !/\s$/.test(query));
      if (scores === null) {
        scores = new Map();
        ts.forEach(function (v, i) { scores.set(i, { score: v[0], field: v[1] }); });
      } else {
        var next = new Map();
        scores.forEach(function (r, i) {
          var v = ts.get(i);
          if (v) next.set(i, { score: r.score + v[0], field: Math.min(r.field, v[1]) });
        });
        scores = next;
      }
      if (!scores.size) break;
    }
    var out = [];
    var nodes = this.nodes, texts = this.texts;
    scores.forEach(function (r, i) {
      var n = nodes[i];
      var label = norm(n.label);
      var bonus = label === q ? 12 : (label.indexOf(q) >= 0 ? 5 : (norm(texts[i][2]).indexOf(q) >= 0 ? 1.5 : 0));
      out.push({ node: i, score: r.score + bonus + (KIND_BOOST[n.kind] || 0), field: FIELDS[r.field].name, terms: terms });
    });
    out.sort(function (a, b) {
      return b.score - a.score || (nodes[a.node].order || 0) - (nodes[b.node].order || 0) || (a.node - b.node);
    });
    return out;
  };

  /** A short excerpt of ``text`` around the first of ``terms`` it holds (by word or stem). */
  function excerpt(text, terms, room) {
    room = room || 90;
    var flat = String(text).replace(/\s+/g, " ");
    var low = norm(flat);
    var at = -1, len = 0;
    for (var t = 0; t < terms.length && at < 0; t++) {
      var re = new RegExp("\\b(" + escapeRe(terms[t]) + "|" + escapeRe(stem(terms[t])) + ")[a-z]*", "i");
      var m = re.exec(low);
      if (m) { at = m.index; len = m[0].length; }
    }
    if (at < 0) return flat.length > room ? flat.slice(0, room - 1) + "…" : flat;
    var start = Math.max(0, at - Math.floor((room - len) / 2));
    var end = Math.min(flat.length, start + room);
    start = Math.max(0, end - room);
    return (start > 0 ? "…" : "") + flat.slice(start, end).trim() + (end < flat.length ? "…" : "");
  }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  GTX.text = { stem: stem, porter: porter, words: words, norm: norm, SearchIndex: SearchIndex, excerpt: excerpt, FIELDS: FIELDS };
})(window.GTX = window.GTX || {});
