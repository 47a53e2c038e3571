"""Helpers shared by the command-line tests: run the CLI in-process and capture its streams."""

from __future__ import annotations

import io
from pathlib import Path

from fravarsregler._cli import run

SKOLERUTE = Path(__file__).resolve().parent.parent / "rutiner" / "skolerute-2026-27.yaml"


def kjor(*argv: str | Path) -> tuple[int, str, str]:
    """``fravarsregler ARGV``: (exit code, standard output, standard error)."""
    ut, feil = io.StringIO(), io.StringIO()
    kode = run([str(a) for a in argv], ut, feil)
    return kode, ut.getvalue(), feil.getvalue()


def evaluer(elever: Path, hendelser: Path, dato: str, *ekstra: str | Path) -> tuple[int, str, str]:
    """``fravarsregler evaluer`` with the shipped skolerute."""
    return kjor(
        "evaluer", "--elever", elever, "--hendelser", hendelser, "--skolerute", SKOLERUTE, "--dato", dato, *ekstra
    )
