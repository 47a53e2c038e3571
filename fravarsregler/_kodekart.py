"""Code maps: a school system's absence codes translated, explicitly, into the routine's F/S/UF.

DOMENE.md, interpretation 8: school systems use their own codes (iSkole: D/I/F/O/S/M; Visma
InSchool: X/M/D/!/R/§), and the engine's categories are the routine's F, S and UF. A code is
mapped only when a ``kodekart`` file says what it means; an export code the map does not name is
rejected with its line, never guessed. A map entry may also fix the cause (``arsak``) or the
documentation (``dokumentasjon``) the code always means (e.g. "documented health absence").
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ._errors import Problem, RutineFeil
from ._inndata import ARSAKER, DOKUMENTASJON, KODER
from ._meldinger import eller_liste, feil_filtype
from ._skjema import Lokaliserbar, lag_problem, skjema_problemer
from ._yaml import load_yaml_file

__all__ = ["Kodekart", "Kodeoversettelse", "kodekart_problemer", "load_kodekart"]


def _en_av(lovlige: tuple[str, ...], *, kan_mangle: bool = False) -> Callable[[Any, Any, Any], None]:
    def sjekk(_: Any, felt: Any, verdi: Any) -> None:
        if (verdi is None and kan_mangle) or verdi in lovlige:
            return
        raise ValueError(f"«{felt.name}» må være {eller_liste(lovlige)}, ikke {verdi!r}")

    return sjekk


@attrs.frozen
class Kodeoversettelse:
    """What one school-system code means in the routine (values checked as the schema does)."""

    kode: str = attrs.field(validator=_en_av(KODER))
    beskrivelse: str
    arsak: str | None = attrs.field(default=None, validator=_en_av(ARSAKER, kan_mangle=True))
    dokumentasjon: str | None = attrs.field(default=None, validator=_en_av(DOKUMENTASJON, kan_mangle=True))


_MAKS_KODE = 20  # as skjema/kodekart.schema.json
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _skrivebeskyttet(koder: Mapping[str, Kodeoversettelse]) -> Mapping[str, Kodeoversettelse]:
    if not koder:
        raise ValueError("kodekartet må ha minst én kode")
    for kilde, betyr in koder.items():
        if not isinstance(kilde, str) or not 0 < len(kilde) <= _MAKS_KODE or kilde != kilde.strip():
            raise ValueError(
                f"en kode i kodekartet må være tekst på 1 til {_MAKS_KODE} tegn uten mellomrom først eller sist, "
                f"ikke {kilde!r}"
            )
        if not isinstance(betyr, Kodeoversettelse):
            raise TypeError(f"koden «{kilde}» må bety en Kodeoversettelse, ikke {type(betyr).__name__}")
    return MappingProxyType(dict(koder))


@attrs.frozen
class Kodekart:
    """A school system's absence codes, each with its meaning (see :func:`load_kodekart`)."""

    id: str = attrs.field()
    system: str
    koder: Mapping[str, Kodeoversettelse] = attrs.field(converter=_skrivebeskyttet, hash=False)
    fil: str = attrs.field(default="", eq=False)

    @id.validator
    def _sjekk_id(self, _: Any, verdi: Any) -> None:
        if not isinstance(verdi, str) or _ID.fullmatch(verdi) is None:
            raise ValueError(
                f"«id» må være små bokstaver, tall og bindestrek, for eksempel «iskole-vestvagoy», ikke {verdi!r}"
            )

    def oversett(self, kode: str) -> Kodeoversettelse | None:
        """The meaning of ``kode`` as it stands in the export (surrounding spaces ignored), or None."""
        return self.koder.get(kode.strip())


def kodekart_problemer(doc: Lokaliserbar) -> list[Problem]:
    """Every problem of a loaded code map, located; never raises. Empty: the map is valid.

    A routine, the shared file or a skolerute given instead gives one problem that says so.
    """
    data = doc.data
    annen = feil_filtype(data.get("type") if isinstance(data, Mapping) else None, "kodekart")
    if annen is not None:
        return [lag_problem(doc, ("type",), annen, kode="feil-filtype")]
    problemer = skjema_problemer(doc, "kodekart")
    problemer.sort(key=lambda p: (p.linje or 0, p.kolonne or 0))
    return problemer


def _bygg(data: Mapping[str, Any], fil: str) -> Kodekart:
    return Kodekart(
        id=data["id"],
        system=data["system"],
        koder={
            kilde: Kodeoversettelse(
                kode=v["kode"],
                beskrivelse=v["beskrivelse"],
                arsak=v.get("arsak"),
                dokumentasjon=v.get("dokumentasjon"),
            )
            for kilde, v in data["koder"].items()
        },
        fil=fil,
    )


def load_kodekart(path: str | os.PathLike[str], *, visningsnavn: str | None = None) -> Kodekart:
    """Load and validate a code map file (``type: kodekart``).

    Raises ``YamlFeil`` when the file cannot be read as YAML, and ``RutineFeil`` carrying a
    located :class:`Problem` for every problem found.
    """
    doc = load_yaml_file(path, visningsnavn=visningsnavn)
    problemer = kodekart_problemer(doc)
    if problemer:
        raise RutineFeil(problemer)
    return _bygg(doc.data, doc.fil)
