"""Loader plugins: each turns one document into a ``DocumentExtract``.

A loader is a function ``(DocumentText, Profile) -> DocumentExtract``. Profiles
name the loader that reads their documents (``[profile] loader = "outline"``).
Register a new house-style reader with ``register_loader``; most new councils
need only a new profile for the ``outline`` loader.
"""

from __future__ import annotations

from collections.abc import Callable

from goldenthread.loaders.extract import DocumentExtract
from goldenthread.loaders.outline import load_outline
from goldenthread.loaders.profile import Profile
from goldenthread.loaders.text import DocumentText

Loader = Callable[[DocumentText, Profile], DocumentExtract]

LOADERS: dict[str, Loader] = {"outline": load_outline}


def register_loader(name: str, loader: Loader) -> None:
    """Make ``loader`` the loader of profiles naming loader ``name``."""
    LOADERS[name] = loader
