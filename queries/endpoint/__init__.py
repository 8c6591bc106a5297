"""``goldenthread serve``: a read-only SPARQL endpoint made of an existing SPARQL server and a
thin guard in front of it.

The engine is Oxigraph's own server (``oxigraph serve-read-only``, the ``oxigraph`` package),
which speaks the SPARQL 1.1 Protocol with every result format. The guard (Starlette on
uvicorn, httpx to the engine) adds only what that server does not do safely on its own:

- lexer.py, limits.py: a lexical check in bounded time: SERVICE and updates refused, and
  queries beyond the sizes that crash or hang the engine (measured; see limits.py);
- protocol.py: the request's parameters checked; the dataset it names;
- engine.py: the engine started on a free loopback port and restarted when it dies;
- app.py: the ASGI app: dataset rule, result size cap, deadline, Host check, CORS, the page;
- server.py: uvicorn, with a time limit on request heads, until SIGTERM or Ctrl-C;
- store_folder.py: the store folder (a temporary one for a build served from memory);
- page.py: the query page.
"""
