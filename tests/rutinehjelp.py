"""Helpers shared by the tests that edit a loaded routine (the diff and the document)."""

from __future__ import annotations

from typing import Any

import attrs

from fravarsregler import Rutine


def med_rad(rutine: Rutine, seksjon: str, rad: str, **felt: Any) -> Rutine:
    """A copy of ``rutine`` with some fields of one row (section id, row id) replaced."""
    seksjoner = tuple(
        attrs.evolve(
            s,
            rader=tuple(attrs.evolve(r, **felt) if (s.id, r.id) == (seksjon, rad) else r for r in s.rader),
        )
        for s in rutine.seksjoner
    )
    return attrs.evolve(rutine, seksjoner=seksjoner)
