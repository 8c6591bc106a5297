"""Test documents in the formats councils publish, generated from the example corpus."""
