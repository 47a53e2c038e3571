"""Argument types and actions shared by the sub-commands (argparse's defaults are too lenient for
a tool run from cron: a repeated option keeps its last value silently, an empty file name is the
current folder)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._meldinger import vis_tegn

__all__ = ["EnGang", "filnavn", "utfil", "vis_verdi", "yamlfil"]

#: The options of one command line given so far (kept on the namespace; argparse copies a
#: sub-command's namespace into the top one).
_GITT = "_engang_gitt"

#: Options that name input files, with the advice for giving one twice ("" for the data files).
_INNFILER = {
    "elever": "",
    "fag": "",
    "hendelser": "",
    "skolerute": "velg én skolerute",
    "kodekart": "velg ett kodekart",
}


class EnGang(argparse.Action):
    """An option that takes one value and may be given once: argparse would keep the last value
    (for a file, read only the last file) without a word, also when the option has a default."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        gitt: set[str] = getattr(namespace, _GITT, None) or set()
        if self.dest in gitt:
            if self.dest not in _INNFILER:
                parser.error(f"{option_string} kan bare gis én gang (bare den siste verdien ville blitt brukt)")
            raad = _INNFILER[self.dest] or "slå sammen filene til én først"
            parser.error(f"{option_string} kan bare gis én gang (bare den siste filen ville blitt brukt); {raad}")
        setattr(namespace, _GITT, gitt | {self.dest})
        setattr(namespace, self.dest, values)


def vis_verdi(tekst: str) -> str:
    """A command-line value for a message: control characters (an escape sequence, a line break)
    shown as ⟨U+001B⟩, never sent to the terminal."""
    return "".join(c if c.isprintable() else vis_tegn(c) for c in tekst)


def _kan_kodes(tekst: str) -> None:
    """A name the file system's encoding cannot hold (given to ``main()`` from Python under a
    Latin-1 locale; a real command line always can), or with a NUL in it, is a usage error, not a
    traceback later."""
    if "\0" in tekst:  # (no file name can hold one; os.stat would raise ValueError)
        raise argparse.ArgumentTypeError(f"filnavnet «{vis_verdi(tekst)}» har et nulltegn, som ingen filnavn kan ha")
    try:
        os.fsencode(tekst)
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"filnavnet «{vis_verdi(tekst)}» kan ikke skrives med filsystemets tegnsett ({sys.getfilesystemencoding()})"
        ) from None


def filnavn(tekst: str) -> Path:
    """An input file's name; an empty one (an unset shell variable: ``--elever "$FIL"``) is a usage
    error, not the current folder."""
    if not tekst.strip():
        raise argparse.ArgumentTypeError("mangler filnavn (verdien er tom)")
    _kan_kodes(tekst)
    return Path(tekst)


def yamlfil(tekst: str) -> Path:
    """A YAML file's name: as :func:`filnavn`, and never standard input."""
    if tekst == "-":
        raise argparse.ArgumentTypeError(
            "standard inn («-») kan bare brukes for --elever, --fag eller --hendelser; oppgi filen"
        )
    return filnavn(tekst)


def utfil(tekst: str) -> str:
    """An output file's name as given (``-`` is standard output; ``./-`` a file named ``-``). A
    name ending in ``/`` means a folder: ``Path`` would drop the slash and write a file there."""
    if not tekst.strip():
        raise argparse.ArgumentTypeError("mangler filnavn (verdien er tom; bruk «-» for skjermen)")
    if tekst.endswith(("/", "\\")) and tekst != "-":
        vist = vis_verdi(tekst)
        raise argparse.ArgumentTypeError(f"«{vist}» er en mappe; oppgi en fil i den, for eksempel {vist}resultat")
    _kan_kodes(tekst)
    return tekst
