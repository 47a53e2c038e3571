"""Where the shipped data (routines, schemas, example data) lives.

In a source checkout (editable install) the data sits beside the package; in a wheel it is
copied into ``fravarsregler/_data``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["finn_datafil", "rutinemappe"]

_PAKKE = Path(__file__).resolve().parent


def finn_datafil(*deler: str) -> Path:
    """The shipped file ``deler`` (e.g. ``("skjema", "rutine.schema.json")``)."""
    for rot in (_PAKKE / "_data", _PAKKE.parent):
        kandidat = rot.joinpath(*deler)
        if kandidat.exists():
            return kandidat
    return _PAKKE.parent.joinpath(*deler)


def rutinemappe() -> Path:
    """The routines folder: ``./rutiner`` when the working directory has one with YAML files in
    it (staff edit the routines there), else the routines shipped with the package. An empty
    ``rutiner`` folder, or one holding something else, is not taken for the routines."""
    lokal = Path("rutiner")
    if lokal.is_dir() and any(lokal.glob("*.yaml")):
        return lokal
    return finn_datafil("rutiner")
