"""Helpers shared by the engine's example tests (building rows, running, picking actions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from fravarsregler import Elev, Fag, Hendelse, Regelsett, Resultat, Skolerute, Tiltak, evaluate


def elev(elev_id: str, trinn: str, fodt: date = date(2013, 3, 1), **kw: Any) -> Elev:
    return Elev(elev_id=elev_id, trinn=trinn, fodselsdato=fodt, **kw)


def fravaer(hid: str, elev_id: str, dato: date, kode: str = "F", dager: float | None = 1.0, **kw: Any) -> Hendelse:
    return Hendelse(elev_id=elev_id, dato=dato, type="fravaer", kode=kode, dager=dager, hendelse_id=hid, **kw)


def finn(res: Resultat, regel: str, elev_id: str | None = None, fag: str | None = None) -> list[Tiltak]:
    return [
        t
        for t in res.tiltak
        if t.regel == regel and (elev_id is None or t.elev_id == elev_id) and (fag is None or t.fag == fag)
    ]


def en(res: Resultat, regel: str, elev_id: str | None = None, fag: str | None = None) -> Tiltak:
    treff = finn(res, regel, elev_id, fag)
    assert len(treff) == 1, [t.as_dict() for t in treff]
    return treff[0]


def oversikt(res: Resultat, elev_id: str, maal: str = "skoledager", fag: str | None = None) -> tuple[float, float]:
    linjer = [o for o in res.oversikt if o.elev_id == elev_id and o.maal == maal and o.fag == fag]
    assert len(linjer) == 1, linjer
    return linjer[0].teller, linjer[0].nevner


def kjor(
    rs: Regelsett,
    sr: Skolerute,
    dato: date,
    elever: Iterable[Elev],
    hendelser: Iterable[Hendelse],
    *,
    fag: Iterable[Fag] = (),
    fra: date | None = None,
) -> Resultat:
    return evaluate(rs, list(elever), list(hendelser), sr, dato, fag=list(fag), fra=fra)


_RADNAVN = re.compile(r"(?:hendelse|fag|elev) «[^»]*»(?: \(elev «[^»]*»\))?: ")


def grunner(res: Resultat) -> list[str]:
    """The reasons of the rejected rows, without the name a row built in Python gets in front
    ("hendelse «H1» (elev «E1»): "; tests/test_api.py checks that name on its own)."""
    return [_RADNAVN.sub("", a.melding, count=1) if a.linje is None else a.melding for a in res.avvist]
