"""The endpoint's front page: what it is, a form, the named graphs and the library's queries.

Inputs: the named graphs served, and the library's queries (``queries.catalogue``).
Outputs: ``query_page(graphs)``, an HTML document in which every text taken from a graph
name or a query file is escaped.
"""

from __future__ import annotations

import html

from goldenthread.queries.catalogue import library, query_text


def query_page(graphs: list[str]) -> str:
    items = "\n".join(
        f'<li><h3 id="q-{html.escape(name)}">{html.escape(name)}</h3><p>{html.escape(title)}</p>'
        f'<pre>{html.escape(query_text(name))}</pre></li>' for name, title in library().items())
    graph_items = "\n".join(f"<li><code>{html.escape(g)}</code></li>" for g in graphs) or "<li>none</li>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>goldenthread SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}}
pre{{background:#f3f3f3;padding:.5rem;overflow:auto}} textarea{{width:100%;font-family:monospace}}
label{{font-weight:600;display:block;margin-top:.5rem}} button{{margin-top:.5rem;padding:.4rem 1rem}}
:focus{{outline:3px solid #1d4ed8;outline-offset:2px}}</style></head>
<body><header><h1>goldenthread SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint at <code>/sparql</code> (GET or POST). SELECT and ASK
results as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, N-Quads,
RDF/XML or JSON-LD, chosen by the <code>Accept</code> header or <code>format=</code>.
Updates, LOAD and SERVICE are refused.</p></header>
<main><section aria-labelledby="run"><h2 id="run">Run a query</h2>
<form action="/sparql" method="post"><label for="query">Query</label>
<textarea id="query" name="query" rows="8">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<label for="format">Result format</label><select id="format" name="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT, DESCRIBE)</option></select>
<button type="submit">Run query</button></form></section>
<section aria-labelledby="graphs"><h2 id="graphs">Named graphs</h2><ul>{graph_items}</ul>
<p>A query that names no graphs sees the union of all of them; <code>FROM</code>,
<code>FROM NAMED</code>, <code>default-graph-uri</code> or <code>named-graph-uri</code> choose
them instead, and <code>GRAPH</code> queries one.</p></section>
<section aria-labelledby="library"><h2 id="library">Library queries</h2>
<p>Parameters such as <code>?focus</code> are bound by goldenthread's own tools; bind them with
<code>VALUES</code> when running a library query here.</p><ul>{items}</ul></section></main></body></html>
"""
