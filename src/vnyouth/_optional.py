"""Optional heavy dependencies, imported only by the code that needs them."""
from __future__ import annotations

import os
from typing import Any

__all__ = ["require_torch_transformers"]


def require_torch_transformers(what: str) -> tuple[Any, Any]:
    """Import ``(torch, transformers)`` offline, or raise an ImportError naming the extra.

    The hub switches are set first so that nothing is ever downloaded; ``what``
    names the feature in the error ("the transformer backend").
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import torch
        import transformers
    except ImportError as e:
        raise ImportError(
            f"{what} needs torch and transformers: pip install 'vnyouth[transformers]' (on a CPU-only "
            f"machine install the CPU build of torch first, e.g. pip install torch==2.13.0) ({e})") from e
    return torch, transformers
