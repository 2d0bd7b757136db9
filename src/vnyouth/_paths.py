"""Where the shipped model folders live, for wheels and for source checkouts."""
from __future__ import annotations

from pathlib import Path


def shipped_models_dir() -> Path:
    """Return the folder that holds the shipped model folders.

    A wheel installs the repository's top-level ``models/`` as the package data
    ``vnyouth/_shipped``; an editable install or a source checkout reads
    ``models/`` beside ``src/`` directly.
    """
    package = Path(__file__).resolve().parent
    installed = package / "_shipped"
    if installed.is_dir():
        return installed
    return package.parent.parent / "models"


def repo_root() -> Path | None:
    """Return the source checkout root when running from one, else ``None``."""
    root = Path(__file__).resolve().parent.parent.parent
    return root if (root / "setup.cfg").is_file() else None
