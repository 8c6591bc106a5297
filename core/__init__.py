"""The bottom layer: what every other package shares, importing nothing of goldenthread.

``model`` (the plan graph's pydantic types, the contract of graph.json), ``ids`` (stable
ids and matching keys) and ``errors`` (``GoldenthreadError`` and ``LoadError``, the one error
type users see). Layers above, each importing only downwards: loaders and ontology (side by
side, neither imports the other), graph, queries, viz, cli (README, "Layout of the repository").
"""
