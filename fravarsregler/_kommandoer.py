"""Registration of the CLI commands beyond ``valider`` (evaluer, demo, dokument, diff)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def legg_til(sub: argparse._SubParsersAction[argparse.ArgumentParser], dato: Callable[[str], object]) -> None:
    """Add the remaining sub-commands to ``sub``."""
    return None
