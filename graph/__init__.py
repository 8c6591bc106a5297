"""The plan graph: model, identity, assembly and projections (networkx, RDF)."""
