"""Hypothesis strategies shared by the property tests: small random pupils, subjects and events.

Everything is built on the school days passed in (the shipped skolerute's autumn semester in the
tests), so every generated event is valid except the few deliberately unknown-pupil rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from hypothesis import strategies as st

from fravarsregler import Elev, Fag, Hendelse

__all__ = ["ARSAKER", "UKJENT_ELEV", "Inndata", "ekstra_fravaer", "inndata", "stokket"]

GRUNNSKOLE = tuple(str(i) for i in range(1, 11))
VGS = ("vg1", "vg2", "vg3")
TRINN = ("bhg", *GRUNNSKOLE, *VGS)
FAGNAVN = ("norsk", "matematikk", "engelsk")
ARSTIMER = (15.0, 30.0, 75.0, 112.5)
ARSAKER = ("sykdom", "permisjon", "sykehus", "annet")
DOKUMENTASJON = ("ingen", "helse_egenmeldt", "helse_dokumentert", "annen_gyldig")
UKJENT_ELEV = "X9"


@dataclass(frozen=True)
class Inndata:
    """One generated input: pupils, their vgs subjects, events, the evaluation date."""

    elever: tuple[Elev, ...]
    fag: tuple[Fag, ...]
    hendelser: tuple[Hendelse, ...]
    dato: date
    ugyldige: int = 0  # how many rows name an unknown pupil (the engine must reject exactly these)
    fag_per_elev: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


def _fodt(trinn: str) -> st.SearchStrategy[date]:
    if trinn == "bhg":
        return st.dates(date(2020, 9, 1), date(2025, 6, 1))
    if trinn in VGS:
        # 2008-08-18 .. 2008-12-18 turns 18 during autumn 2026: letters change recipients mid-semester
        return st.dates(date(2007, 6, 1), date(2010, 12, 31))
    aar = 2020 - int(trinn)
    return st.dates(date(aar - 1, 1, 1), date(aar, 12, 31))


@st.composite
def _elev(draw: st.DrawFn, elev_id: str) -> tuple[Elev, tuple[Fag, ...]]:
    trinn = draw(st.sampled_from(TRINN))
    e = Elev(
        elev_id=elev_id,
        trinn=trinn,
        fodselsdato=draw(_fodt(trinn)),
        skole=draw(st.sampled_from(("Nordvik skole", "Sørvik skole"))),
        klasse=None,
        samtykke_foresatte=draw(st.booleans()),
    )
    fag: tuple[Fag, ...] = ()
    if trinn in VGS:
        navn = draw(st.lists(st.sampled_from(FAGNAVN), min_size=1, max_size=3, unique=True))
        fag = tuple(Fag(elev_id, n, draw(st.sampled_from(ARSTIMER))) for n in navn)
    return e, fag


@st.composite
def _hendelse(
    draw: st.DrawFn,
    e: Elev,
    fag: Sequence[str],
    skoledager: Sequence[date],
    hid: str,
    *,
    arsaker: Sequence[str] = ARSAKER,
    bare_fravaer: bool = False,
) -> Hendelse:
    dato = draw(st.sampled_from(skoledager))
    kode = draw(st.sampled_from(("F", "F", "UF", "S")))
    if not bare_fravaer and draw(st.integers(0, 9)) == 0:
        return Hendelse(elev_id=e.elev_id, dato=dato, type="vegring", hendelse_id=hid)
    if e.trinn in VGS:
        if bare_fravaer:
            kode = draw(st.sampled_from(("F", "UF")))
        start = draw(st.integers(8, 13))
        lengde = draw(st.sampled_from(((0, 45), (1, 30))))
        return Hendelse(
            elev_id=e.elev_id,
            dato=dato,
            type="fravaer",
            kode=kode,
            fag=draw(st.sampled_from(fag)),
            fra=time(start, 0),
            til=time(start + lengde[0], lengde[1]),
            dokumentasjon=draw(st.sampled_from(DOKUMENTASJON)),
            hendelse_id=hid,
        )
    if bare_fravaer:
        kode = draw(st.sampled_from(("F", "UF")))
    elif draw(st.integers(0, 4)) == 0:
        # a single missed lesson with its end time (drives etterlys-uvarslet-fravaer)
        start = draw(st.integers(8, 13))
        return Hendelse(
            elev_id=e.elev_id,
            dato=dato,
            type="fravaer",
            kode=kode,
            fra=time(start, 0),
            til=time(start, 45),
            hendelse_id=hid,
        )
    return Hendelse(
        elev_id=e.elev_id,
        dato=dato,
        type="fravaer",
        kode=kode,
        dager=draw(st.sampled_from((0.5, 1.0, 1.0, 1.0, 2.0, 3.0))),
        arsak=draw(st.sampled_from(arsaker)),
        hendelse_id=hid,
    )


@st.composite
def inndata(draw: st.DrawFn, skoledager: Sequence[date], maks_elever: int = 5, maks_hendelser: int = 12) -> Inndata:
    """A handful of pupils (bhg, 1-10, vg1-vg3) with random valid events on ``skoledager``."""
    antall = draw(st.integers(1, maks_elever))
    elever: list[Elev] = []
    fag: list[Fag] = []
    fag_per_elev: dict[str, tuple[str, ...]] = {}
    hendelser: list[Hendelse] = []
    for i in range(antall):
        e, f = draw(_elev(f"E{i}"))
        elever.append(e)
        fag.extend(f)
        fag_per_elev[e.elev_id] = tuple(x.fag for x in f)
        for j in range(draw(st.integers(0, maks_hendelser))):
            hendelser.append(draw(_hendelse(e, fag_per_elev[e.elev_id], skoledager, f"H{i}-{j}")))
    ugyldige = draw(st.integers(0, 2))
    for j in range(ugyldige):
        hendelser.append(
            Hendelse(
                elev_id=UKJENT_ELEV,
                dato=draw(st.sampled_from(skoledager)),
                type="fravaer",
                kode="F",
                dager=1.0,
                hendelse_id=f"U{j}",
            )
        )
    return Inndata(
        elever=tuple(elever),
        fag=tuple(fag),
        hendelser=tuple(hendelser),
        dato=draw(st.sampled_from(skoledager)),
        ugyldige=ugyldige,
        fag_per_elev=fag_per_elev,
    )


@st.composite
def ekstra_fravaer(
    draw: st.DrawFn, inn: Inndata, skoledager: Sequence[date], arsaker: Sequence[str] = ARSAKER
) -> Hendelse:
    """One more absence event (F or UF) for one of ``inn``'s pupils, with a fresh id."""
    e = draw(st.sampled_from(inn.elever))
    fag = inn.fag_per_elev.get(e.elev_id, ())
    return draw(_hendelse(e, fag, skoledager, "EKSTRA", arsaker=arsaker, bare_fravaer=True))


@st.composite
def stokket(draw: st.DrawFn, inn: Inndata) -> Inndata:
    """The same input with pupils, subjects and events in a random order."""
    return Inndata(
        elever=tuple(draw(st.permutations(inn.elever))),
        fag=tuple(draw(st.permutations(inn.fag))),
        hendelser=tuple(draw(st.permutations(inn.hendelser))),
        dato=inn.dato,
        ugyldige=inn.ugyldige,
        fag_per_elev=inn.fag_per_elev,
    )
