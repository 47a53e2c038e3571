"""Where the shipped data (routines, schemas, example data) lives.

In a source checkout (editable install) the data sits beside the package; in a wheel it is
copied into ``fravarsregler/_data``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RUTINEFILER", "finn_datafil", "rutinemappe"]

_PAKKE = Path(__file__).resolve().parent


def finn_datafil(*deler: str) -> Path:
    """The shipped file ``deler`` (e.g. ``("skjema", "rutine.schema.json")``)."""
    for rot in (_PAKKE / "_data", _PAKKE.parent):
        kandidat = rot.joinpath(*deler)
        if kandidat.exists():
            return kandidat
    return _PAKKE.parent.joinpath(*deler)


#: The shipped routines' file names: a folder holding none of them is not a routines folder.
RUTINEFILER = ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml")


def rutinemappe() -> Path:
    """The routines folder: ``./rutiner`` when the working directory has one with a routine file
    in it (``barnehage.yaml``, ``grunnskole.yaml`` or ``vgs.yaml``: staff edit the routines
    there), else the routines shipped with the package. An empty ``rutiner`` folder, or one
    holding only something else (a nightly job's school calendar), is not taken for the routines."""
    lokal = Path("rutiner")
    if lokal.is_dir() and any((lokal / navn).is_file() for navn in RUTINEFILER):
        return lokal
    return finn_datafil("rutiner")
