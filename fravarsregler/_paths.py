"""Where the shipped data (routines, schemas, example data) lives.

In a source checkout (editable install) the data sits beside the package; in a wheel it is
copied into ``fravarsregler/_data``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "RUTINEFILER",
    "dokumentasjon",
    "finn_datafil",
    "lokal_rutinemappe",
    "manglende_rutinefiler",
    "rutinemappe",
    "visningsnavn",
]

_PAKKE = Path(__file__).resolve().parent
_DATA = _PAKKE / "_data"

#: How a shipped file inside an installed package is named in messages and in ``kilde``: the
#: same for every installation and working directory (its real path is the venv's business).
PSEUDOROT = "<fravarsregler>"


#: Where the data lie when the package is not installed from a wheel: beside it in the checkout.
#: Only a checkout (with its pyproject.toml) counts: in an installed package the folder above is
#: site-packages, where another distribution's ``rutiner/`` must never be taken for ours.
_KASSE = _PAKKE.parent if (_PAKKE.parent / "pyproject.toml").is_file() else _DATA


def finn_datafil(*deler: str) -> Path:
    """The shipped file ``deler`` (e.g. ``("skjema", "rutine.schema.json")``)."""
    for rot in (_DATA, _KASSE):
        kandidat = rot.joinpath(*deler)
        if kandidat.exists():
            return kandidat
    return _KASSE.joinpath(*deler)


#: The shipped routines' file names: a folder holding none of them is not a routines folder.
RUTINEFILER = ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml")


def lokal_rutinemappe() -> Path | None:
    """``./rutiner`` when the working directory has one with a routine file in it
    (``barnehage.yaml``, ``grunnskole.yaml`` or ``vgs.yaml``: staff edit the routines there).
    An empty ``rutiner`` folder, or one holding only something else (a nightly job's school
    calendar), is not taken for the routines."""
    lokal = Path("rutiner")
    if lokal.is_dir() and any((lokal / navn).is_file() for navn in RUTINEFILER):
        return lokal
    return None


def rutinemappe() -> Path:
    """The routines folder: :func:`lokal_rutinemappe` when there is one, else the routines
    shipped with the package."""
    return lokal_rutinemappe() or finn_datafil("rutiner")


def manglende_rutinefiler(mappe: Path) -> tuple[str, ...]:
    """Which of :data:`RUTINEFILER` the folder ``mappe`` lacks."""
    return tuple(navn for navn in RUTINEFILER if not (mappe / navn).is_file())


def dokumentasjon(navn: str) -> str:
    """How a message names the document ``docs/<navn>``: as in the checkout (``docs/…``), or as
    ``<fravarsregler>/docs/…`` where an installed package keeps its copy (no ``docs/`` beside it
    there; the same name on every installation, as the shipped routines have)."""
    kopi = _DATA / "docs" / navn
    return f"{PSEUDOROT}/docs/{navn}" if kopi.is_file() else f"docs/{navn}"


def visningsnavn(path: str | os.PathLike[str]) -> str:
    """A path as shown in messages: a file shipped inside the installed package as
    ``<fravarsregler>/rutiner/…``; otherwise relative to the working directory when it lies
    below it, else as given (a relative path full of ``../`` is hard to read)."""
    try:
        inne = Path(path).resolve().relative_to(_DATA)
    except (ValueError, OSError):
        pass
    else:
        return f"{PSEUDOROT}/{inne.as_posix()}"
    try:
        relativ = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return os.fspath(path)
    return os.fspath(path) if relativ.startswith(os.pardir) else relativ
