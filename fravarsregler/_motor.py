"""The engine: routines + pupils + events + school calendar + a date -> actions.

Design (see docs/motor.md):

* :class:`Regelsett` compiles the routines once (rules indexed by trigger and trinn, versions
  sorted by ``gyldig_fra``) and is reused for many evaluations.
* :func:`evaluate` cross-checks the input rows (unknown pupil, date outside the calendar,
  duplicate ids ...), sorts the events into a canonical order (so any row order gives the same
  output) and makes one pass over them, pupil by pupil, with running counts per pupil.
* Every action is a :class:`Tiltak` value object naming the rule, its version, the deadline,
  the roles, the figures used and a Norwegian explanation.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import math
import operator
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from ._errors import ArgumentFeil, Problem, RutineFeil
from ._inndata import INNDATA, TRINN, Avvist, Elev, Fag, Hendelse, Innlesing, vis_id
from ._kodekart import Kodekart
from ._meldinger import M
from ._model import PLASSHOLDER, Regel, Rutine, formater_prosent, versjonsnokkel
from ._skolerute import _UKEDAGER, Semester, Skolerute, Vindu

__all__ = [
    "Antall",
    "Grunnlag",
    "Oversiktslinje",
    "Regelsett",
    "Resultat",
    "Tiltak",
    "evaluate",
]

#: Each trinn's place in school order ("00" for bhg, "01"-"10", "11"-"13" for vg1-vg3): the sort
#: key uses it, so a result lists trinn 1, 2, ..., 10, not 1, 10, 2.
_TRINNRANG: dict[str, str] = {t: f"{i:02d}" for i, t in enumerate(TRINN)}

TIDSSONE = ZoneInfo("Europe/Oslo")
T = TypeVar("T")
_A = TypeVar("_A", bound=attrs.AttrsInstance)

KODENAVN = {"F": "varslet fravær (F)", "S": "sein (S)", "UF": "uvarslet fravær (UF)"}


# --------------------------------------------------------------------------- value objects


@attrs.frozen
class Grunnlag:
    """The figures a threshold rule used: ``teller / nevner = andel`` against ``terskel``."""

    teller: float
    nevner: float
    andel: float
    terskel: float
    maal: str

    def as_dict(self) -> dict[str, object]:
        return {
            "maal": self.maal,
            "teller": _rund(self.teller),
            "nevner": _rund(self.nevner),
            "andel": round(self.andel, 6),
            "terskel": self.terskel,
        }


@attrs.frozen
class Tiltak:
    """One action the routine requires: what, by whom, by when, and why."""

    regel: str
    rutine: str
    versjon: str
    elev_id: str | None
    trinn: str
    hva: str
    tiltak: str
    innhold: str
    ansvar: tuple[str, ...]
    frist: date | datetime
    utlost: date
    begrunnelse: str
    mottaker: tuple[str, ...] = ()
    sjekklister: tuple[str, ...] = ()
    hendelser: tuple[str, ...] = ()
    grunnlag: Grunnlag | None = None
    status: str = "aktiv"
    skole: str | None = None
    klasse: str | None = None
    fag: str | None = None
    brev: str | None = None
    kilde: str = ""
    kategori: str = "hendelse"

    def forfalt(self, naa: date | datetime) -> bool:
        """Whether the deadline has passed at ``naa``.

        ``naa`` is a day (then a deadline on that day, at any clock time, is not yet passed: the
        JSON output's ``forfalt``) or an aware ``datetime`` (a clock-time deadline is compared
        exactly, and a date deadline lasts to the end of its day in Oslo).
        """
        if not isinstance(naa, date) or type(naa).__name__ == "NaTType":  # (pandas' NaT is a datetime)
            raise ArgumentFeil(f"«naa» må være en dato eller et tidspunkt, ikke {type(naa).__name__}", argument="naa")
        if isinstance(naa, datetime):
            if naa.utcoffset() is None:
                raise ArgumentFeil(
                    '«naa» må være et tidspunkt med tidssone, for eksempel datetime.now(ZoneInfo("Europe/Oslo")), '
                    "eller en dato",
                    argument="naa",
                )
            if isinstance(self.frist, datetime):
                return self.frist < naa
            return self.frist < naa.astimezone(TIDSSONE).date()
        frist = self.frist.date() if isinstance(self.frist, datetime) else self.frist
        return frist < naa

    def sorteringsnokkel(self) -> tuple[str, ...]:
        """The key of the canonical order of actions in a result (trigger day, pupil, school, ...)."""
        return (
            self.utlost.isoformat(),
            self.elev_id or "",
            self.skole or "",
            _TRINNRANG.get(self.trinn, self.trinn),
            self.regel,
            self.fag or "",
            self.status,
            self.frist.isoformat(),
        )

    def as_dict(self, naa: date | datetime | None = None) -> dict[str, object]:
        """The action as one item of the JSON output's ``tiltak``; with ``naa``, also ``forfalt``
        (which the JSON schema requires: :meth:`Resultat.as_dict` passes the date)."""
        d: dict[str, object] = {
            "regel": self.regel,
            "kategori": self.kategori,
            "rutine": self.rutine,
            "versjon": self.versjon,
            "elev_id": self.elev_id,
            "trinn": self.trinn,
            "skole": self.skole,
            "klasse": self.klasse,
            "fag": self.fag,
            "hva": self.hva,
            "tiltak": self.tiltak,
            "innhold": self.innhold,
            "ansvar": list(self.ansvar),
            "mottaker": list(self.mottaker),
            "frist": self.frist.isoformat(),
            "utlost": self.utlost.isoformat(),
            "status": self.status,
            "sjekklister": list(self.sjekklister),
            "hendelser": list(self.hendelser),
            "begrunnelse": self.begrunnelse,
            "brev": self.brev,
            "kilde": self.kilde,
        }
        if naa is not None:
            d["forfalt"] = self.forfalt(naa)
        if self.grunnlag is not None:
            d["grunnlag"] = self.grunnlag.as_dict()
        return d


@attrs.frozen
class Oversiktslinje:
    """One pupil's figure for one measure on the evaluation date."""

    elev_id: str
    trinn: str
    maal: str
    teller: float
    nevner: float
    andel: float
    fag: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "elev_id": self.elev_id,
            "trinn": self.trinn,
            "maal": self.maal,
            "fag": self.fag,
            "teller": _rund(self.teller),
            "nevner": _rund(self.nevner),
            "andel": round(self.andel, 6),
        }


@attrs.frozen
class Antall:
    """Row counts: ``lest == brukt + avvist`` always; ``etter_dato`` is part of ``brukt``."""

    lest: int
    brukt: int
    avvist: int
    etter_dato: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"lest": self.lest, "brukt": self.brukt, "avvist": self.avvist, "etter_dato": self.etter_dato}


def _bygger(cls: type[_A]) -> Callable[..., _A]:
    """A faster constructor for the frozen, slotted attrs class ``cls``, for the engine's hot loops.

    ``bygg(*verdier)`` takes every field in declaration order (no defaults) and returns an object
    of class ``cls`` equal in every way to ``cls(*verdier)``. attrs' frozen ``__init__`` sets each
    slot through ``object.__setattr__``, a call through a method wrapper per field (for a
    :class:`Tiltak`, 23 of them: most of the cost of making one). Here the object is made as an
    instance of a subclass that adds no slots and allows plain attribute stores, which CPython
    turns into direct slot writes, and its class is then set to ``cls`` (allowed, as the layout is
    the same). Only for classes without validators, converters or ``__attrs_post_init__``.
    """
    felt = attrs.fields(cls)
    if (
        any(f.validator or f.converter or f.on_setattr or not f.init or f.kw_only for f in felt)
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
        or "_attrs_cached_hash" in getattr(cls, "__slots__", ())  # (cache_hash=True)
    ):
        raise TypeError(f"{cls.__name__}: attrs' own __init__ does more than store the fields")
    navn = [f.name for f in felt]
    kode = (
        f"def __init__(self, {', '.join(navn)}):\n"
        + "".join(f"    self.{n} = {n}\n" for n in navn)
        + "    self.__class__ = cls\n"
    )
    rom: dict[str, Any] = {}
    exec(kode, {"cls": cls}, rom)
    bygger = type(
        f"_{cls.__name__}Bygger",
        (cls,),
        {
            "__slots__": (),
            # both, so the subclass's attribute stores skip the frozen class's __setattr__
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__init__": rom["__init__"],
            "__module__": __name__,
        },
    )
    # An interpreter that refused the class assignment, or made another object, gets attrs' own
    # __init__: slower, never different.
    try:
        proeve = bygger(*range(len(navn)))
        virker = type(proeve) is cls and attrs.astuple(proeve, recurse=False) == tuple(range(len(navn)))
    except Exception:  # (whatever an interpreter objects to, the module must still import)
        virker = False
    return bygger if virker else cls


#: Tiltak(*fields) and Oversiktslinje(*fields), made faster (see _bygger); every field in order.
_nytt_tiltak = _bygger(Tiltak)
_ny_linje = _bygger(Oversiktslinje)


def rutineomtale(r: Rutine) -> dict[str, object]:
    """A routine version as named in the output (``rutiner``)."""
    return {"id": r.id, "navn": r.navn, "versjon": r.versjon, "gyldig_fra": r.gyldig_fra.isoformat()}


@attrs.frozen(repr=False)
class Resultat:
    """The outcome of :func:`evaluate`.

    ``skolerute`` and ``kodekart`` record what else decided it (``kodekart`` is known when the
    events came as the reader's :class:`Innlesing`); they are not part of ``==``, which compares
    the actions, the overview, the rejected rows and the counts.
    """

    dato: date
    fra: date
    rutiner: tuple[Rutine, ...]
    tiltak: tuple[Tiltak, ...]
    oversikt: tuple[Oversiktslinje, ...]
    avvist: tuple[Avvist, ...]
    antall: Antall
    #: the school calendar the evaluation used
    skolerute: Skolerute | None = attrs.field(default=None, eq=False, repr=False)
    #: the code map the events' codes were read through (``read_hendelser(kodekart=...)``), if any
    kodekart: Kodekart | None = attrs.field(default=None, eq=False, repr=False)

    def __repr__(self) -> str:
        # the fields hold every action: a summary, not hundreds of kilobytes
        a = self.antall
        return (
            f"<Resultat dato={self.dato.isoformat()} fra={self.fra.isoformat()}: {len(self.tiltak)} tiltak, "
            f"{len(self.oversikt)} oversiktslinjer; lest {a.lest}, brukt {a.brukt}, avvist {a.avvist}>"
        )

    def as_dict(self) -> dict[str, object]:
        """The result as the JSON output (``--format json``) holds it; see docs/utveksling.md."""
        return {
            "rutiner": [rutineomtale(r) for r in self.rutiner],
            **kildeomtale(self),
            "dato": self.dato.isoformat(),
            "fra": self.fra.isoformat(),
            "tiltak": [t.as_dict(self.dato) for t in self.tiltak],
            "oversikt": [o.as_dict() for o in self.oversikt],
            "avvist": [a.as_dict() for a in self.avvist],
            "antall": self.antall.as_dict(),
        }


def kildeomtale(r: Resultat) -> dict[str, object]:
    """The ``skolerute`` and ``kodekart`` entries of the JSON result (what else decided it)."""
    sr, kart = r.skolerute, r.kodekart
    return {
        "skolerute": None if sr is None else {"id": sr.id, "kommune": sr.kommune, "skoleaar": sr.skoleaar},
        "kodekart": None if kart is None else {"id": kart.id, "system": kart.system},
    }


# --------------------------------------------------------------------------- compiled rules


@attrs.frozen
class _Mal:
    """The parts of an action that come from its rule alone (rendered once, shared by its actions)."""

    hva: str
    tiltak: str
    innhold: str
    kilde: str


@attrs.frozen
class _Kompilert:
    """One routine version with its rules indexed for evaluation."""

    rutine: Rutine
    hendelse: Mapping[tuple[str, str | None, str], tuple[Regel, ...]]
    dager: Mapping[str, tuple[Regel, ...]]
    fagtimer: Mapping[str, tuple[Regel, ...]]
    kalender: tuple[Regel, ...]
    hva: Mapping[int, tuple[str, str]]  # id(regel) -> (hva, innhold)
    # every date a dated parameter value takes effect, sorted: two days between the same two of
    # these read the same value of every parameter
    endringer: tuple[date, ...] = ()
    # Filled on first use: merged event-rule tuples, and the rendered texts of each rule.
    samlet: dict[tuple[str, str | None, str], tuple[Regel, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    _maler: dict[int, _Mal] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    _daterte_maler: dict[tuple[int, date], _Mal] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    @classmethod
    def av(cls, rutine: Rutine) -> _Kompilert:
        hendelse: dict[tuple[str, str | None, str], list[Regel]] = defaultdict(list)
        dager: dict[str, list[Regel]] = defaultdict(list)
        fagtimer: dict[str, list[Regel]] = defaultdict(list)
        kalender: list[Regel] = []
        hva: dict[int, tuple[str, str]] = {}
        for seksjon in rutine.seksjoner:
            for rad in seksjon.rader:
                for regel in rad.regler:
                    hva[id(regel)] = (rad.hva, rad.innhold)
        for v in rutine.vedlegg:
            steg = {s.id: s.tekst for s in v.steg}
            for regel in v.regler:
                # as written: placeholders are filled in for the action's day (see mal)
                innhold = " ".join(steg[s] for s in regel.steg if s in steg)
                hva[id(regel)] = (v.tittel, innhold)
        for regel in rutine.regler():
            u = regel.utloser
            if u.type == "hendelse" and u.hendelse:
                koder: Sequence[str | None] = u.koder or (None,)
                for kode in koder:
                    for trinn in regel.trinn:
                        hendelse[(u.hendelse, kode, trinn)].append(regel)
            elif u.type == "terskel" and u.maal == "skoledager":
                for trinn in regel.trinn:
                    dager[trinn].append(regel)
            elif u.type == "terskel" and u.maal == "fagtimer":
                for trinn in regel.trinn:
                    fagtimer[trinn].append(regel)
            elif u.type == "kalender":
                kalender.append(regel)
        return cls(
            rutine=rutine,
            hendelse={k: tuple(v) for k, v in hendelse.items()},
            dager={k: tuple(v) for k, v in dager.items()},
            fagtimer={k: tuple(v) for k, v in fagtimer.items()},
            kalender=tuple(kalender),
            hva=hva,
            endringer=tuple(sorted({pv.fra for p in rutine.parametere.values() for pv in p.verdier if pv.fra})),
        )

    def dagslutt(self, dag: date) -> time:
        """The end of the school day on ``dag`` (the value of ``skoledagens_slutt`` in force then)."""
        slutt = self.rutine.parametere.get("skoledagens_slutt")
        return time.fromisoformat(str(slutt.verdi_paa(dag))) if slutt else time(15)

    def hendelsesregler(self, hendelse: str, kode: str | None, trinn: str) -> tuple[Regel, ...]:
        """The rules for this event type and code (rules for the code first, then code-less ones)."""
        nokkel = (hendelse, kode, trinn)
        treff = self.samlet.get(nokkel)
        if treff is None:
            treff = self.hendelse.get(nokkel, ())
            if kode is not None:
                treff = treff + self.hendelse.get((hendelse, None, trinn), ())
            self.samlet[nokkel] = treff
        return treff

    def mal(self, regel: Regel, dag: date) -> _Mal:
        """The texts of an action of ``regel`` on ``dag``, rendered once per rule.

        A text depends on the day only through a placeholder whose parameter has dated values;
        texts without one are rendered once for every day.
        """
        mal = self._maler.get(id(regel))
        if mal is not None:
            return mal
        nokkel = (id(regel), dag)
        mal = self._daterte_maler.get(nokkel)
        if mal is not None:
            return mal
        hva, innhold = self.hva.get(id(regel), ("", ""))
        rutine = self.rutine
        mal = _Mal(
            hva=rutine.tekst(hva, dag),
            tiltak=rutine.tekst(regel.tiltak, dag),
            innhold=rutine.tekst(innhold, dag),
            kilde=str(regel.plassering) if regel.plassering else regel.kilde,
        )
        if self._datert(regel.tiltak) or self._datert(innhold) or self._datert(hva):
            self._daterte_maler[nokkel] = mal
        else:
            self._maler[id(regel)] = mal
        return mal

    def _datert(self, tekst: str) -> bool:
        """Whether a placeholder in ``tekst`` names a parameter with more than one dated value."""
        for navn in PLASSHOLDER.findall(tekst):
            p = self.rutine.parametere.get(navn)
            if p is not None and len(p.verdier) > 1:
                return True
        return False


class Regelsett:
    """Routines compiled once for evaluation; holds every loaded version of each routine."""

    def __init__(self, rutiner: Iterable[Rutine]) -> None:
        versjoner: dict[str, list[Rutine]] = defaultdict(list)
        for r in rutiner:
            # the same file loaded twice (two overlapping globs) is one version, not two
            if not any(r is x or (r.fil == x.fil and r == x) for x in versjoner[r.id]):
                versjoner[r.id].append(r)
        self._versjoner = {k: sorted(v, key=lambda r: (r.gyldig_fra, r.versjon)) for k, v in versjoner.items()}
        problemer = [
            _samme_dato(a, b)
            for liste in self._versjoner.values()
            for a, b in itertools.pairwise(liste)
            if a.gyldig_fra == b.gyldig_fra
        ]
        if problemer:
            raise RutineFeil(problemer)
        self._kompilert = {id(r): _Kompilert.av(r) for v in self._versjoner.values() for r in v}
        self._trinn: dict[str, str] = {}
        for rid, liste in sorted(self._versjoner.items()):
            for r in liste:
                for t in r.trinn:
                    self._trinn.setdefault(t, rid)

    def __repr__(self) -> str:
        deler = ", ".join(f"{k} ({', '.join(r.versjon for r in v)})" for k, v in sorted(self._versjoner.items()))
        return f"<Regelsett {deler}>"

    @property
    def rutiner(self) -> tuple[Rutine, ...]:
        """Every loaded version of every routine, by routine id, oldest version first."""
        return tuple(r for k in sorted(self._versjoner) for r in self._versjoner[k])

    def versjoner(self, rutine_id: str) -> tuple[Rutine, ...]:
        """Every loaded version of ``rutine_id``, oldest first."""
        return tuple(self._versjoner.get(rutine_id, ()))

    def rutine_id_for(self, trinn: str) -> str | None:
        """The id of the routine that covers ``trinn`` (``bhg``, ``1``-``10``, ``vg1``-``vg3``), or None."""
        return self._trinn.get(trinn)

    def versjon_paa(self, rutine_id: str, dato: date) -> _Kompilert | None:
        """The compiled version of ``rutine_id`` in force on ``dato`` (None if none yet)."""
        valgt = None
        for r in self._versjoner.get(rutine_id, ()):
            if r.gyldig_fra <= dato:
                valgt = r
        return self._kompilert[id(valgt)] if valgt is not None else None

    def kompilert(self, rutine: Rutine) -> _Kompilert:
        """The compiled form of one loaded version."""
        return self._kompilert[id(rutine)]

    def for_trinn(self, trinn: str, dato: date) -> _Kompilert | None:
        """The compiled version of ``trinn``'s routine in force on ``dato`` (None if none)."""
        rid = self._trinn.get(trinn)
        return self.versjon_paa(rid, dato) if rid else None

    def alle_ider(self) -> list[str]:
        """The routine ids, sorted."""
        return sorted(self._versjoner)


# --------------------------------------------------------------------------- helpers


def _samme_dato(a: Rutine, b: Rutine) -> Problem:
    """Two versions of a routine in force from the same day: the problem is placed at the newer
    one's ``gyldig_fra``, with the same rule and wording as ``fravarsregler valider``."""
    eldre, nyere = sorted((a, b), key=lambda r: (versjonsnokkel(r.versjon), Path(r.fil).parent.name != "arkiv"))
    plass, annen = nyere.gyldig_fra_plassering, eldre.gyldig_fra_plassering
    return Problem(
        fil=nyere.fil,
        linje=plass.linje if plass else None,
        kolonne=plass.kolonne if plass else None,
        kode="versjoner",
        melding=M["versjon-samme-dato"].format(
            id=nyere.id,
            dato=nyere.gyldig_fra.isoformat(),
            versjon=nyere.versjon,
            annen=eldre.fil,
            linje=annen.linje if annen else "?",
            annen_versjon=eldre.versjon,
        ),
    )


def _rund(x: float) -> float | int:
    r = round(x, 4)
    return int(r) if r == int(r) else r


def _tall(x: float) -> str:
    r = round(x, 2)
    tekst = f"{int(r)}" if r == int(r) else f"{r:.2f}".rstrip("0")
    return tekst.replace(".", ",")


def _flertall(x: float, en: str, flere: str) -> str:
    """The form for ``x`` as :func:`_tall` writes it (six 10-minute lessons are 0.999… hours: "1")."""
    return en if round(x, 2) == 1 else flere


#: The documentation types (``dokumentasjon``) in words, for explanations.
_DOKUMENTASJONSORD = {
    "ingen": "udokumentert fravær",
    "helse_egenmeldt": "egenmeldt helsefravær",
    "helse_dokumentert": "dokumentert helsefravær",
    "annen_gyldig": "fravær med annen gyldig dokumentasjon",
}


def _dokumentasjonsliste(typer: Sequence[str]) -> str:
    """ "udokumentert fravær, egenmeldt helsefravær og dokumentert helsefravær"."""
    ord_ = [_DOKUMENTASJONSORD.get(t, t) for t in typer]
    return ord_[0] if len(ord_) == 1 else f"{', '.join(ord_[:-1])} og {ord_[-1]}"


def _sammenlign(andel: float, terskel: float, sammenligning: str) -> bool:
    # Compare on a fine fixed grid so 0.1 and 1/10 are equal whatever the float noise.
    a, t = round(andel, 9), round(terskel, 9)
    return a >= t if sammenligning == "minst" else a > t


def _nedre_grense(laveste: float) -> float:
    """A share (not rounded) at or below this is under ``laveste`` also after ``round(andel, 9)``.

    Rounding to 9 decimals moves a share by at most 5e-10; the margin is wider than that, so the
    hot loops can skip ``round`` (a costly call) for the many shares well under every threshold and
    still decide exactly as the rounded comparison does.
    """
    if math.isfinite(laveste):
        return laveste - 1e-8 - abs(laveste) * 1e-9
    # no threshold: only an infinite share may reach one; a threshold of -inf (or NaN): always check
    return sys.float_info.max if laveste == math.inf else -math.inf


def _tegn(sammenligning: str, over: bool) -> str:
    if sammenligning == "minst":
        return "≥" if over else "<"
    return ">" if over else "≤"


def _verdi_float(rutine: Rutine, navn: str | None, dato: date, standard: float = 0.0) -> float:
    if not navn or navn not in rutine.parametere:
        return standard
    v = rutine.verdi(navn, dato)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else standard


def _kan_vaere_null(rutine: Rutine, navn: str | None) -> bool:
    """Whether the threshold parameter ``navn`` can read as 0 or less (see :func:`_verdi_float`)."""
    if not navn or navn not in rutine.parametere:
        return True
    for pv in rutine.parametere[navn].verdier:
        v = pv.verdi
        if not isinstance(v, int | float) or isinstance(v, bool) or round(float(v), 9) <= 0:
            return True
    return False


def _som_liste(x: Iterable[T] | Innlesing[T], klasse: type[T], navn: str) -> tuple[Sequence[T], list[Avvist], int]:
    """The rows (the caller's list or tuple itself, never mutated; other iterables are read into
    a list), the rows rejected while reading, and the count read. Raise :class:`ArgumentFeil`
    when a row is not a ``klasse`` (a dict from a database, say), naming the argument."""
    if isinstance(x, str | bytes | os.PathLike):
        raise ArgumentFeil(
            f"«{navn}» må være rader ({klasse.__name__}) eller en Innlesing, ikke en filsti: les filen med read_{navn}",
            argument=navn,
        )
    if not isinstance(x, Innlesing | Iterable):  # None, or a single row
        raise ArgumentFeil(
            f"«{navn}» må være en liste av {klasse.__name__}-objekter eller en Innlesing, ikke {type(x).__name__}",
            argument=navn,
        )
    if isinstance(x, Innlesing):
        rader: Sequence[T] = x.rader
        avvist, lest = list(x.avvist), x.lest
    else:
        rader = x if isinstance(x, list | tuple) else list(x)
        avvist, lest = [], len(rader)
    if not all(map(isinstance, rader, itertools.repeat(klasse))):  # (in C: ~2 ms per 100 000 rows)
        nr, feil = next((i, r) for i, r in enumerate(rader, start=1) if not isinstance(r, klasse))
        raad = (
            "gi én Innlesing, eller radene fra flere slått sammen"
            if isinstance(feil, Innlesing)
            else f"lag {klasse.__name__}-objekter, eller les filen med read_{navn}"
        )
        raise ArgumentFeil(
            f"«{navn}» må bestå av {klasse.__name__}-objekter, men rad {nr} er {type(feil).__name__}; {raad}",
            argument=navn,
        )
    return rader, avvist, lest


def _kildeavvist(obj: Elev | Fag | Hendelse, melding: str) -> Avvist:
    k = obj.kilde
    if k is not None:
        return Avvist(k.fil, k.linje, melding, elev_id=obj.elev_id)
    # a row the caller built, with no file line: name it by its ids instead
    return Avvist(INNDATA, None, f"{_radnavn(obj)}: {melding}", elev_id=obj.elev_id)


def _radnavn(obj: Elev | Fag | Hendelse) -> str:
    """A row built without a file line, as a message names it (ids only: no personal data)."""
    elev = vis_id(obj.elev_id) or "…"  # (an id that looks like a name or a date is not quoted)
    if isinstance(obj, Hendelse):
        return f"hendelse «{vis_id(obj.id) or '…'}» (elev «{elev}»)"
    if isinstance(obj, Fag):
        return f"fag «{obj.fag}» (elev «{elev}»)"
    return f"elev «{elev}»"


# --------------------------------------------------------------------------- per-pupil state


class _Semesterstand:
    """Running counts for one pupil in one semester (days measure)."""

    __slots__ = (
        "alle",
        "ferdig",
        "hendelser",
        "holdt_tilbake",
        "perioder",
        "rekke_dager",
        "rekke_godkjent",
        "rekke_mengde",
        "rekke_siste",
        "semester",
        "siste_dag",
        "teller",
        "unntatt",
        "utlost",
        "ventende",
    )

    def __init__(
        self,
        semester: Semester,
        alle: frozenset[str],
        hendelser: list[str],
        ventende: list[tuple[tuple[_Unntaksregel, ...], Hendelse, date, float]],
    ) -> None:
        self.semester = semester
        self.teller = 0.0
        # days counted towards each vedlegg-1 exception; worked out only when a rule with exceptions
        # crosses its threshold, from the counted units with an excepted cause waiting in ``ventende``
        self.unntatt: dict[str, float] = {}
        self.ventende = ventende
        # the events counted so far (an event covering several days appears once per day)
        self.hendelser = hendelser
        self.utlost: set[str] = set()
        self.holdt_tilbake: set[str] = set()
        # every days rule that can fire for the pupil's trinn; once all have fired in the semester,
        # only the count goes on (for the overview)
        self.alle = alle
        self.ferdig = not alle
        # running sickness streak: last day, days in streak, amount in streak, counted already
        self.rekke_siste: date | None = None
        self.rekke_dager = 0
        self.rekke_mengde = 0.0
        self.rekke_godkjent = False
        # per "early" exception (leave): the running period's first and last school day
        self.perioder: dict[str, tuple[date, date]] = {}
        self.siste_dag: date | None = None


class _Fagstand:
    """Running counts for one pupil in one vgs subject (hours measure)."""

    __slots__ = ("hendelser", "teller", "utlost")

    def __init__(self) -> None:
        self.teller = 0.0
        self.hendelser: list[str] = []
        self.utlost: set[str] = set()


#: One exception of vedlegg 1 resolved for a day: (id, "early" limit in school days, minimum run).
_Unntaksregel = tuple[str, int | None, int | None]
#: A sickness run carried into a semester: (its last day, its length in school days, long enough).
_Rekke = tuple[date | None, int, bool]
_INGEN_REKKE: _Rekke = (None, 0, False)


class _Dagregler:
    """The days-measure rules for one trinn on one day, with their parameters read as numbers."""

    __slots__ = ("gulv", "k", "koder", "minst", "nedre", "over", "regler", "unntak")

    def __init__(self, k: _Kompilert, trinn: str, dag: date) -> None:
        rutine = k.rutine
        self.k = k
        # (rule, floor, threshold on the comparison grid, "at least" instead of "over")
        self.regler: tuple[tuple[Regel, float, float, bool], ...] = tuple(
            (
                r,
                _verdi_float(rutine, r.utloser.minste_nevner, dag),
                round(_verdi_float(rutine, r.utloser.terskel, dag), 9),
                r.utloser.sammenligning == "minst",
            )
            for r in k.dager.get(trinn, ())
        )
        # No rule can fire below the lowest floor, or at a share (rounded to 9 decimals) not over the
        # lowest threshold of the "over" rules nor at least that of the "at least" rules.
        self.gulv = min((g for _, g, _, _ in self.regler), default=math.inf)
        self.over = min((t for _, _, t, minst in self.regler if not minst), default=math.inf)
        self.minst = min((t for _, _, t, minst in self.regler if minst), default=math.inf)
        self.nedre = _nedre_grense(min(self.over, self.minst))  # (a share not rounded; see _nedre_grense)
        sein = rutine.parametere.get("sein_teller_som_fravaer")
        self.koder = frozenset(("F", "UF", "S") if sein is not None and bool(sein.verdi_paa(dag)) else ("F", "UF"))
        unntak: dict[str, list[_Unntaksregel]] = defaultdict(list)
        for v in rutine.vedlegg:
            for u in v.unntak:
                grense = int(_verdi_float(rutine, u.tidlig_i_semesteret, dag)) if u.tidlig_i_semesteret else None
                minst = (
                    int(_verdi_float(rutine, u.minst_sammenhengende_skoledager, dag))
                    if u.minst_sammenhengende_skoledager
                    else None
                )
                for arsak in dict.fromkeys(u.arsak):
                    unntak[arsak].append((u.id, grense, minst))
        self.unntak: dict[str, tuple[_Unntaksregel, ...]] = {a: tuple(v) for a, v in unntak.items()}


class _Fagregler:
    """The subject-hours rules for one trinn on one day, with their thresholds read as numbers."""

    __slots__ = ("k", "minst", "nedre", "over", "regler", "tellende")

    def __init__(self, k: _Kompilert, regler: tuple[Regel, ...], dag: date) -> None:
        self.k = k
        # (rule, threshold on the comparison grid, "at least" instead of "over")
        self.regler: tuple[tuple[Regel, float, bool], ...] = tuple(
            (r, round(_verdi_float(k.rutine, r.utloser.terskel, dag), 9), r.utloser.sammenligning == "minst")
            for r in regler
        )
        # no rule can fire at a share (rounded) not over the lowest "over" threshold nor at least the
        # lowest "at least" one
        self.over = min((t for _, t, minst in self.regler if not minst), default=math.inf)
        self.minst = min((t for _, t, minst in self.regler if minst), default=math.inf)
        self.nedre = _nedre_grense(min(self.over, self.minst))  # (a share not rounded; see _nedre_grense)
        # which documentation counts: the first rule's parameter decides whether an event is counted
        self.tellende = _Evaluering._tellende(k, regler[0], dag)


#: The sort key of an action is one text: its fields as in Tiltak.sorteringsnokkel, in that order,
#: with a NUL after each field of varying length (elev_id, skole, regel, fag, status; the ISO
#: trigger day and the two-digit trinn rank have a fixed length). It sorts as the tuple does, as
#: long as no field holds a NUL (then a shorter field's NUL sorts before any character of a longer
#: one); evaluate counts the NULs and otherwise sorts by the tuples. One text compares with a few
#: byte comparisons, where a tuple of 8 costs a rich comparison per equal field.
_NOKKELSKILLE = 5

_enhetsnokkel = operator.itemgetter(0, 1)  # a day unit (day, event id, amount, event) sorts by day and event id

# The engine reads an event's id as ``h._id``: the value of the property ``Hendelse.id`` without a
# function call per read (ids are read several times per event).


# --------------------------------------------------------------------------- evaluation


class _Evaluering:
    """One evaluation: the actions and overview lines made so far, and lookups worked out once."""

    def __init__(
        self,
        regelsett: Regelsett,
        skolerute: Skolerute,
        dato: date,
        fra: date,
    ) -> None:
        self.rs = regelsett
        self.sr = skolerute
        self.dato = dato
        self.fra = fra
        self.tiltak: list[Tiltak] = []
        # the sort key of each action, made with it: one text (see _NOKKELSKILLE)
        self.nokler: list[str] = []
        self._isodatoer: dict[date, str] = {}  # day -> its ISO text
        self.oversikt: list[Oversiktslinje] = []
        self.brukte_versjoner: set[int] = set()
        self._punkter: dict[tuple[str, str], tuple[date, ...]] = {}
        self._punkter_per_trinn: dict[str, dict[int, tuple[date, ...]]] = defaultdict(dict)  # id(semester)
        self._dagoversikt: dict[str, bool] = {}  # whether a pupil on the trinn gets a days overview line
        # event rules: (id(regel), day, lesson end) -> (deadline, its ISO text, its wording)
        self._hendelsesfrister: dict[tuple[int, date, time | None], tuple[date | datetime, str, str]] = {}
        # School-day arithmetic, resolved once: each school day's semester and school days held so
        # far in it (the days measure's denominator), and the next school day.
        skoledager = skolerute.skoledager
        self._dagdata: dict[date, tuple[Semester | None, int]] = {}
        for sem in skolerute.semestre:
            for i, d in enumerate(skolerute.skoledager_i_semester(sem), start=1):
                self._dagdata[d] = (sem, i)
        self._neste: dict[date, date | None] = {
            d: skoledager[i + 1] if i + 1 < len(skoledager) else None for i, d in enumerate(skoledager)
        }
        # Per trinn and day: the version in force, the days rules and the subject-hours rules.
        self._versjoner: dict[str, dict[date, _Kompilert | None]] = defaultdict(dict)
        self._dagregler: dict[str, dict[date, _Dagregler | None]] = defaultdict(dict)
        self._fagregler: dict[str, dict[date, _Fagregler | None]] = defaultdict(dict)
        # ... shared by the days with the same version and parameter values: (id(k), trinn, period)
        self._dagregelsett: dict[tuple[int, str, int], _Dagregler] = {}
        self._fagregelsett: dict[tuple[int, str, int], _Fagregler | None] = {}
        # Per trinn: every days rule id of any version of its routine (None: the trinn has none).
        self._dagregel_ider: dict[str, frozenset[str]] = {}
        for rid in regelsett.alle_ider():
            for r in regelsett.versjoner(rid):
                k = regelsett.kompilert(r)
                for trinn, regler in k.dager.items():
                    if regler and regelsett.rutine_id_for(trinn) == rid:
                        ider = self._dagregel_ider.get(trinn, frozenset())
                        self._dagregel_ider[trinn] = ider | {regel.id for regel in regler}
        # Per trinn and event type: the codes that trigger an event rule in some version (None: any
        # code), so the many events that trigger nothing are passed over at once.
        self._utlosende: dict[str, dict[str, frozenset[str | None] | None]] = defaultdict(dict)
        for rid in regelsett.alle_ider():
            for r in regelsett.versjoner(rid):
                for typ, kode, trinn in regelsett.kompilert(r).hendelse:
                    if regelsett.rutine_id_for(trinn) != rid:
                        continue
                    typer = self._utlosende[trinn]
                    if kode is None:
                        typer[typ] = None
                    elif typ not in typer:
                        typer[typ] = frozenset((kode,))
                    else:
                        koder = typer[typ]
                        if koder is not None:
                            typer[typ] = koder | {kode}
        # Whether some days rule may have a threshold of 0 or less (then a share of 0 can fire it).
        self._nullterskel = any(
            _kan_vaere_null(r, regel.utloser.terskel)
            for rid in regelsett.alle_ider()
            for r in regelsett.versjoner(rid)
            for regler in regelsett.kompilert(r).dager.values()
            for regel in regler
        )
        sem_naa = skolerute.semester_for(dato)
        self._sem_naa = sem_naa
        self._nevner_naa = skolerute.skoledager_hittil(dato)

    # -- cached lookups ---------------------------------------------------------------------

    def _daginfo(self, dag: date) -> tuple[Semester | None, int]:
        """``dag``'s semester and the school days held in it up to and including ``dag``."""
        info = self._dagdata.get(dag)
        if info is None:
            sem = self.sr.semester_for(dag)
            info = self._dagdata[dag] = (sem, self.sr.skoledager_hittil(dag) if sem is not None else 0)
        return info

    def _versjon(self, trinn: str, dag: date) -> _Kompilert | None:
        per_dag = self._versjoner[trinn]
        if dag in per_dag:
            return per_dag[dag]
        k = per_dag[dag] = self.rs.for_trinn(trinn, dag)
        return k

    def _periode(self, trinn: str, dag: date) -> tuple[_Kompilert | None, tuple[int, str, int]]:
        """The version in force and a key for the period in which its parameters are constant."""
        k = self._versjon(trinn, dag)
        if k is None:
            return None, (0, trinn, 0)
        return k, (id(k), trinn, bisect.bisect_right(k.endringer, dag))

    def _dagregler_for(self, trinn: str, dag: date) -> _Dagregler | None:
        per_dag = self._dagregler[trinn]
        if dag in per_dag:
            return per_dag[dag]
        k, nokkel = self._periode(trinn, dag)
        regler = None
        if k is not None:
            regler = self._dagregelsett.get(nokkel)
            if regler is None:
                regler = self._dagregelsett[nokkel] = _Dagregler(k, trinn, dag)
        per_dag[dag] = regler
        return regler

    def _fagregler_for(self, trinn: str, dag: date) -> _Fagregler | None:
        per_dag = self._fagregler[trinn]
        if dag in per_dag:
            return per_dag[dag]
        k, nokkel = self._periode(trinn, dag)
        spec = None
        if k is not None:
            if nokkel in self._fagregelsett:
                spec = self._fagregelsett[nokkel]
            else:
                regler = k.fagtimer.get(trinn, ())
                spec = self._fagregelsett[nokkel] = _Fagregler(k, regler, dag) if regler else None
        per_dag[dag] = spec
        return spec

    # -- output helpers ------------------------------------------------------------------

    def _frist(self, k: _Kompilert, regel: Regel, dag: date, hendelse: Hendelse | None) -> date | datetime:
        f = regel.frist
        if f.type == "samme_time":
            slutt = hendelse.til if hendelse and hendelse.til else k.dagslutt(dag)
            return datetime.combine(dag, slutt, TIDSSONE)
        if f.type == "samme_dag":
            return datetime.combine(dag, k.dagslutt(dag), TIDSSONE)
        if f.type == "skoledager":
            neste = self.sr.neste_skoledag_etter(dag, self._skoledager_til_frist(k, regel, dag))
            # past the calendar's end: its last school day, never before the day itself (a
            # kindergarten event in the summer)
            return neste if neste is not None else max(self.sr.skoledager[-1], dag)
        if f.type == "klokkeslett" and f.klokkeslett:
            kl = k.rutine.verdi(f.klokkeslett, dag)
            return datetime.combine(dag, time.fromisoformat(str(kl)), TIDSSONE)
        return dag

    @staticmethod
    def _skoledager_til_frist(k: _Kompilert, regel: Regel, dag: date) -> int:
        n = regel.frist.antall
        return int(_verdi_float(k.rutine, n, dag)) if isinstance(n, str) else int(n or 0)

    def _fristmerknad(self, k: _Kompilert, regel: Regel, dag: date) -> str:
        """A sentence for the explanation when a deadline in school days would fall after the
        calendar's last school day (it is then set to that day), else ""."""
        if regel.frist.type != "skoledager":
            return ""
        antall = self._skoledager_til_frist(k, regel, dag)
        if self.sr.neste_skoledag_etter(dag, antall) is not None:
            return ""
        siste = self.sr.skoledager[-1]
        if dag > siste:
            return (
                f" Fristen er satt til samme dag, fordi dagen er etter skolerutas siste skoledag "
                f"({siste.isoformat()}), så {antall} skoledager etter den kan ikke telles."
            )
        return (
            f" Fristen er satt til siste skoledag i skoleruta ({self.sr.skoledager[-1].isoformat()}), fordi "
            f"skoleruta slutter før det har gått {antall} skoledager."
        )

    def _lag(
        self,
        k: _Kompilert,
        regel: Regel,
        elev: Elev,
        dag: date,
        frist: date | datetime,
        *,
        begrunnelse: str,
        hendelser: tuple[str, ...] = (),
        grunnlag: Grunnlag | None = None,
        status: str = "aktiv",
        fag: str | None = None,
        frist_iso: str | None = None,
    ) -> None:
        if not self.fra <= dag <= self.dato:
            return
        self.brukte_versjoner.add(id(k.rutine))
        mal = k.mal(regel, dag)
        mottaker: tuple[str, ...] = ()
        if regel.mottaker is not None:
            mottaker = regel.mottaker.for_alder(elev.alder(dag), samtykke=elev.samtykke_foresatte)
        # Tiltak's fields in order (positional: this is called for every action)
        self.tiltak.append(
            _nytt_tiltak(
                regel.id,
                k.rutine.id,
                k.rutine.versjon,
                elev.elev_id,
                elev.trinn,
                mal.hva,
                mal.tiltak,
                mal.innhold,
                regel.ansvar,
                frist,
                dag,
                begrunnelse,
                mottaker,
                regel.sjekklister,
                hendelser,
                grunnlag,
                status,
                elev.skole,
                elev.klasse,
                fag,
                regel.brev,
                mal.kilde,
                regel.utloser.type,
            )
        )
        # (see _NOKKELSKILLE)
        self.nokler.append(
            f"{self._iso(dag)}{elev.elev_id}\0{elev.skole or ''}\0{_TRINNRANG[elev.trinn]}{regel.id}\0{fag or ''}"
            f"\0{status}\0{frist_iso or frist.isoformat()}"
        )

    def _iso(self, dag: date) -> str:
        """``dag.isoformat()``, made once per day (it formats through printf: costly per action)."""
        tekst = self._isodatoer.get(dag)
        if tekst is None:
            tekst = self._isodatoer[dag] = dag.isoformat()
        return tekst

    # -- event rules ------------------------------------------------------------------------

    def hendelsesregler(self, elev: Elev, hendelser: Sequence[Hendelse]) -> None:
        """The rules triggered by single events (an unannounced absence, a refusal)."""
        trinn = elev.trinn
        utlosende = self._utlosende.get(trinn)
        if not utlosende:
            return
        fra, dato = self.fra, self.dato
        versjoner = self._versjoner[trinn]
        for h in hendelser:
            if h.type not in utlosende:
                continue
            koder = utlosende[h.type]
            if koder is not None and h.kode not in koder:
                continue
            dag = h.dato
            if dag < fra or dag > dato:
                continue
            k = versjoner[dag] if dag in versjoner else self._versjon(trinn, dag)
            if k is None:
                continue
            regler = k.samlet.get((h.type, h.kode, trinn))
            if regler is None:
                regler = k.hendelsesregler(h.type, h.kode, trinn)
            for regel in regler:
                # the deadline and its wording depend only on the rule, the day and the lesson's end
                nokkel = (id(regel), dag, h.til)
                frist_og_tekst = self._hendelsesfrister.get(nokkel)
                if frist_og_tekst is None:
                    frist = self._frist(k, regel, dag, h)
                    naar = self._fristtekst(regel, h, frist)
                    merknad = self._fristmerknad(k, regel, dag)
                    if merknad:  # a sentence of its own; the explanation ends with the full stop
                        naar += "." + merknad.removesuffix(".")
                    frist_og_tekst = (frist, frist.isoformat(), naar)
                    self._hendelsesfrister[nokkel] = frist_og_tekst
                frist, frist_iso, naar = frist_og_tekst
                self._lag(
                    k,
                    regel,
                    elev,
                    dag,
                    frist,
                    begrunnelse=f"{self._hendelsestekst(h, barn=trinn == 'bhg')} (hendelse {h._id}); {naar}.",
                    hendelser=(h._id,),
                    fag=h.fag,
                    frist_iso=frist_iso,
                )

    @staticmethod
    def _hendelsestekst(h: Hendelse, *, barn: bool = False) -> str:
        """What was registered (the first part of an event rule's explanation); ``barn`` for a
        kindergarten child, whom the document calls "barnet", not "eleven"."""
        if h.type == "vegring":
            hva = f"Melding {h.dato.isoformat()} om at {'barnet' if barn else 'eleven'} ikke vil komme"
        else:
            hva = f"{_stor(KODENAVN.get(h.kode or '', 'fravær'))} registrert {h.dato.isoformat()}"
        if h.fra and h.til:
            hva += f" kl. {_klokke(h.fra)}–{_klokke(h.til)}"
        if h.fag:
            hva += f" i {h.fag}"
        return hva

    @staticmethod
    def _fristtekst(regel: Regel, h: Hendelse, frist: date | datetime) -> str:
        """The deadline's wording (the last part of an event rule's explanation)."""
        if regel.frist.type == "samme_time":
            if h.til:
                return f"frist ved timens slutt kl. {_klokke(h.til)}"
            return f"timens sluttid mangler, så fristen er skoledagens slutt kl. {frist:%H:%M}"
        if regel.frist.type in ("samme_dag", "klokkeslett") and isinstance(frist, datetime):
            return f"frist samme dag kl. {_klokke(frist)}"
        return f"frist {frist.isoformat()}"

    # -- days measure (grunnskole) ----------------------------------------------------------------

    def dager(self, elev: Elev, hendelser: Sequence[Hendelse]) -> Oversiktslinje | None:
        """Threshold rules on school days, one pass over the pupil's day units in date order.

        Returns the pupil's overview line for the evaluation date (None when no days rule applies).
        """
        trinn = elev.trinn
        alle = self._dagregel_ider.get(trinn)
        if alle is None:
            return None  # no version of the routine has a days rule for this trinn
        dato = self.dato
        neste = self._neste
        # Day units: an event with ``dager: n`` covers n school days from its date, the last one
        # fractional; units after the evaluation date are never looked at.
        enheter: list[tuple[date, str, float, Hendelse]] = []
        for h in hendelser:
            if h.dager is None or h.type != "fravaer" or h.dato > dato:
                continue
            rest = h.dager
            hid = h._id
            if rest == 1.0:  # the common single day (the loop below would give the same unit)
                enheter.append((h.dato, hid, 1.0, h))
                continue
            dag: date | None = h.dato
            while rest > 1e-9 and dag is not None and dag <= dato:
                mengde = min(1.0, rest)
                enheter.append((dag, hid, mengde, h))
                rest -= mengde
                if rest > 1e-9:
                    dag = neste[dag] if dag in neste else self.sr.neste_skoledag_etter(dag, 1)
        if len(enheter) > 1:
            enheter.sort(key=_enhetsnokkel)

        # One pass over the units with the running figures in local variables. The semester's state
        # object is made (or brought up to date) only before the calls that read it: a checkpoint,
        # or a unit after which some rule may be over its threshold.
        regelcache = self._dagregler[trinn]
        dagdata = self._dagdata
        punkter_per_semester = self._punkter_per_trinn[trinn]
        nullterskel = self._nullterskel
        stand: _Semesterstand | None = None
        sem_aktiv: Semester | None = None
        ferdig = True
        teller = brukt = 0.0
        dag_naa: date | None = None  # a school day counts at most once (1.0), however many units cover it
        siste: date | None = None  # the last absence day
        talte: list[str] = []  # events counted with a positive amount this semester (may repeat)
        ventende: list[tuple[tuple[_Unntaksregel, ...], Hendelse, date, float]] = []  # see _Semesterstand
        # a sickness run goes on across the break between semesters (see _Semesterstand.rekke_*)
        rekke: _Rekke = _INGEN_REKKE
        # the semester's checkpoints (see _sjekkpunkter) and the next one not yet passed
        punkter: tuple[date, ...] = ()
        neste_punkt = antall_punkter = 0
        antall_enheter = len(enheter)
        for nr, (dag, hid, mengde, h) in enumerate(enheter, start=1):
            info = dagdata.get(dag)
            sem, holdt = info if info is not None else self._daginfo(dag)
            if sem is None:
                continue
            if sem is not sem_aktiv:
                if sem_aktiv is not None and not ferdig and neste_punkt < antall_punkter and (teller or nullterskel):
                    stand = self._stand(
                        stand, sem_aktiv, alle, rekke, teller=teller, siste=siste, talte=talte, ventende=ventende
                    )
                    self._gulvsjekk(elev, stand, punkter[neste_punkt:], None)
                if sem_aktiv is not None and (stand is not None or ventende):
                    stand = self._stand(
                        stand, sem_aktiv, alle, rekke, teller=teller, siste=siste, talte=talte, ventende=ventende
                    )
                    rekke = self._rekke_ut(stand)
                stand, sem_aktiv, ferdig = None, sem, False
                teller, brukt, dag_naa, siste, talte, ventende = 0.0, 0.0, None, None, [], []
                punkter = punkter_per_semester.get(id(sem)) or self._sjekkpunkter(elev, sem)
                punkter_per_semester[id(sem)] = punkter
                neste_punkt, antall_punkter = 0, len(punkter)
            if neste_punkt < antall_punkter and punkter[neste_punkt] < dag:
                # Before a new absence day: checkpoints (the floor day) may lie in between.
                slutt = bisect.bisect_left(punkter, dag, neste_punkt)
                # (with nothing counted yet the share is 0, which is over no positive threshold)
                if not ferdig and (teller or nullterskel):
                    stand = self._stand(
                        stand, sem, alle, rekke, teller=teller, siste=siste, talte=talte, ventende=ventende
                    )
                    self._gulvsjekk(elev, stand, punkter[neste_punkt:slutt], dag)
                    ferdig = stand.ferdig
                neste_punkt = slutt
            try:
                regler = regelcache[dag]
            except KeyError:
                regler = self._dagregler_for(trinn, dag)
            siste = dag
            if regler is None:
                continue
            if h.kode in regler.koder:
                if dag_naa != dag:
                    dag_naa, brukt = dag, 0.0
                # max(0.0, min(mengde, 1.0 - brukt)), written out
                rest = 1.0 - brukt
                tillagt = rest if rest < mengde else mengde
                if not tillagt > 0.0:
                    tillagt = 0.0
                brukt += tillagt
                teller += tillagt
                if not ferdig and tillagt > 0:
                    talte.append(hid)
                # (also when every rule has fired: a sickness run may go on into the next semester)
                unntak = regler.unntak.get(h.arsak)
                if unntak:
                    ventende.append((unntak, h, dag, tillagt))
            if nr < antall_enheter and enheter[nr][0] == dag:
                continue  # the rules are checked on the day's total, after its last unit
            # the common case is settled here: below every floor or threshold, no rule can fire
            if not ferdig and holdt > 0 and holdt >= regler.gulv and teller / holdt > regler.nedre:
                andel = round(teller / holdt, 9)
                if andel > regler.over or andel >= regler.minst:
                    stand = self._stand(
                        stand, sem, alle, rekke, teller=teller, siste=siste, talte=talte, ventende=ventende
                    )
                    self._vurder(elev, stand, dag, regler, holdt)
                    ferdig = stand.ferdig
        if sem_aktiv is not None and not ferdig and neste_punkt < antall_punkter and (teller or nullterskel):
            stand = self._stand(
                stand, sem_aktiv, alle, rekke, teller=teller, siste=siste, talte=talte, ventende=ventende
            )
            self._gulvsjekk(elev, stand, punkter[neste_punkt:], None)
        # overview on the evaluation date
        vis = self._dagoversikt.get(trinn)
        if vis is None:
            k = self._versjon(trinn, dato)
            vis = self._dagoversikt[trinn] = self._sem_naa is not None and k is not None and bool(k.dager.get(trinn))
        if not vis:
            return None
        if sem_aktiv is not self._sem_naa:
            teller = 0.0
        nevner = self._nevner_naa
        # Oversiktslinje's fields in order: elev_id, trinn, maal, teller, nevner, andel, fag
        return _ny_linje(elev.elev_id, trinn, "skoledager", teller, nevner, teller / nevner if nevner else 0.0, None)

    @staticmethod
    def _stand(
        stand: _Semesterstand | None,
        sem: Semester,
        alle: frozenset[str],
        rekke: _Rekke,
        *,
        teller: float,
        siste: date | None,
        talte: list[str],
        ventende: list[tuple[tuple[_Unntaksregel, ...], Hendelse, date, float]],
    ) -> _Semesterstand:
        """The semester's state, made on first need and given the running figures.

        ``rekke`` is the sickness run carried over from the previous semester (see ``_rekke_ut``).
        """
        if stand is None:
            stand = _Semesterstand(sem, alle, talte, ventende)
            stand.rekke_siste, stand.rekke_dager, stand.rekke_godkjent = rekke
        stand.teller, stand.siste_dag = teller, siste
        return stand

    def _rekke_ut(self, stand: _Semesterstand) -> _Rekke:
        """The sickness run at the end of a semester, to be carried into the next one.

        A run of consecutive school days goes on across the break (Christmas): its days before the
        break stay in their own semester, but they count towards the length that makes the days
        after it "many days" of illness (or the run was long enough already).
        """
        if stand.ventende:
            self._unntak(stand)
        return stand.rekke_siste, stand.rekke_dager, stand.rekke_godkjent

    def _unntak(self, stand: _Semesterstand) -> None:
        """Count the waiting absence units towards the vedlegg-1 exceptions their causes fall under.

        The units are taken in the order they were counted, so the result is the same as counting
        each unit as it comes.
        """
        for unntak, h, dag, mengde in stand.ventende:
            self._unntak_for_enhet(stand, unntak, h, dag, mengde)
        stand.ventende.clear()

    def _unntak_for_enhet(
        self, stand: _Semesterstand, unntak: tuple[_Unntaksregel, ...], h: Hendelse, dag: date, mengde: float
    ) -> None:
        for uid, grense, minst in unntak:
            if grense is not None:
                # "Early" is about when the leave begins, not about each of its days. A leave is a run
                # of consecutive school days with the cause, given as one row of several days or as
                # a row per day (as school systems export it); a new run begins at its event's date,
                # and a leave carried over from the previous semester begins at this one's start.
                forrige = stand.perioder.get(uid)
                if forrige is not None and (forrige[1] == dag or self.sr.sammenhengende(forrige[1], dag)):
                    start = forrige[0]
                else:
                    start = max(h.dato, stand.semester.forste_skoledag)
                stand.perioder[uid] = (start, dag)
                if self._daginfo(start)[1] > grense:
                    continue
            if minst is not None:
                self._sykdomsrekke(stand, uid, dag, mengde, minst)
                continue
            stand.unntatt[uid] = stand.unntatt.get(uid, 0.0) + mengde

    def _sykdomsrekke(self, stand: _Semesterstand, unntak_id: str, dag: date, mengde: float, minst: int) -> None:
        siste = stand.rekke_siste
        if siste == dag:
            pass  # same day, another unit: the streak length is unchanged
        elif siste is not None and self.sr.sammenhengende(siste, dag):
            stand.rekke_dager += 1
        else:
            stand.rekke_dager, stand.rekke_mengde, stand.rekke_godkjent = 1, 0.0, False
        stand.rekke_siste = dag
        stand.rekke_mengde += mengde
        if stand.rekke_godkjent:
            stand.unntatt[unntak_id] = stand.unntatt.get(unntak_id, 0.0) + mengde
        elif stand.rekke_dager >= minst:
            stand.rekke_godkjent = True
            stand.unntatt[unntak_id] = stand.unntatt.get(unntak_id, 0.0) + stand.rekke_mengde

    def _gulvsjekk(self, elev: Elev, stand: _Semesterstand, punkter: Sequence[date], foer: date | None) -> None:
        """Evaluate the checkpoint days (see :meth:`_sjekkpunkter`) that lie in a gap between absence days.

        The gap runs from the last absence day to ``foer`` (exclusive), or to the end of the
        semester (or the evaluation date) when ``foer`` is None; ``punkter`` are the semester's
        checkpoints not yet passed, sorted. Between absence days the share only falls, so the
        first day it is over the threshold is an absence day or a checkpoint: the day the floor is
        reached, or the first school day under a new routine version or dated parameter value (a
        lowered threshold can be crossed then).
        """
        siste = stand.siste_dag
        slutt = min(self.dato, stand.semester.siste_skoledag)
        for dag in punkter:
            if siste is not None and dag <= siste:
                continue
            if (dag >= foer) if foer is not None else (dag > slutt):
                break
            if dag > self.dato or stand.ferdig:
                break
            regler = self._dagregler_for(elev.trinn, dag)
            if regler is not None:
                holdt = self._daginfo(dag)[1]
                if holdt > 0 and holdt >= regler.gulv and stand.teller / holdt > regler.nedre:
                    andel = round(stand.teller / holdt, 9)
                    if andel > regler.over or andel >= regler.minst:
                        self._vurder(elev, stand, dag, regler, holdt)

    def _sjekkpunkter(self, elev: Elev, sem: Semester) -> tuple[date, ...]:
        rid = self.rs.rutine_id_for(elev.trinn)
        if rid is None:
            return ()
        nokkel = (rid, sem.id)
        if nokkel in self._punkter:
            return self._punkter[nokkel]
        dager = self.sr.skoledager_i_semester(sem)
        endringer: set[date] = set()
        punkter: set[date] = set()
        for rutine in self.rs.versjoner(rid):
            endringer.add(rutine.gyldig_fra)
            for regel in rutine.regler():
                u = regel.utloser
                if u.type != "terskel" or u.maal != "skoledager":
                    continue
                for navn in (u.terskel, u.minste_nevner):
                    if not navn or navn not in rutine.parametere:
                        continue
                    for pv in rutine.parametere[navn].verdier:
                        if pv.fra is not None:
                            endringer.add(pv.fra)
                        if navn == u.minste_nevner and isinstance(pv.verdi, int | float):
                            gulv = int(pv.verdi)
                            if 0 < gulv <= len(dager):
                                punkter.add(dager[gulv - 1])
        for d in endringer:
            i = bisect.bisect_left(dager, d)
            if 0 < i < len(dager):  # a change inside the semester (not before its first day)
                punkter.add(dager[i])
        self._punkter[nokkel] = tuple(sorted(punkter))
        return self._punkter[nokkel]

    def _vurder(self, elev: Elev, stand: _Semesterstand, dag: date, regler: _Dagregler, holdt: int) -> None:
        """Check the days rules on ``dag`` against the running count (the common case: arithmetic only)."""
        if holdt <= 0:
            return
        utlost = stand.utlost
        andel = round(stand.teller / holdt, 9)
        for regel, gulv, terskel, minst in regler.regler:
            if holdt < gulv or regel.id in utlost:
                continue
            if (andel >= terskel) if minst else (andel > terskel):
                self._dager_over(elev, stand, dag, regler.k, regel, holdt=holdt)

    def _dager_over(
        self, elev: Elev, stand: _Semesterstand, dag: date, k: _Kompilert, regel: Regel, *, holdt: int
    ) -> None:
        """A days rule's share is over its threshold on ``dag``: make the action (or hold the letter back)."""
        u = regel.utloser
        terskel = _verdi_float(k.rutine, u.terskel, dag)
        andel = stand.teller / holdt
        grunnlag = Grunnlag(stand.teller, holdt, andel, terskel, "skoledager")
        tekst = (
            f"{_tall(stand.teller)} {_flertall(stand.teller, 'fraværsdag', 'fraværsdager')} av {holdt} "
            f"skoledager = {formater_prosent(andel)} {_tegn(u.sammenligning, True)} {formater_prosent(terskel)}"
            f" ({stand.semester.navn})"
        )
        frist = self._frist(k, regel, dag, None)
        merknad = self._fristmerknad(k, regel, dag)
        if u.unntak:
            if stand.ventende:
                self._unntak(stand)
            unntatt = {uid: stand.unntatt.get(uid, 0.0) for uid in u.unntak if stand.unntatt.get(uid, 0.0) > 0}
            uten = stand.teller - sum(unntatt.values())
            andel_uten = uten / holdt
            if not _sammenlign(andel_uten, terskel, u.sammenligning):
                if regel.id not in stand.holdt_tilbake:
                    stand.holdt_tilbake.add(regel.id)
                    navn = ", ".join(
                        f"{self._unntaksnavn(k.rutine, uid)}: {_tall(v)} {_flertall(v, 'dag', 'dager')}"
                        for uid, v in sorted(unntatt.items())
                    )
                    begr = (
                        f"{tekst}. Holdes tilbake i første omgang på grunn av "
                        f"{'unntaket' if len(unntatt) == 1 else 'unntakene'} i vedlegg 1 ({navn}): "
                        f"uten {_flertall(sum(unntatt.values()), 'denne dagen', 'disse dagene')} er det {_tall(uten)} "
                        f"{_flertall(uten, 'fraværsdag', 'fraværsdager')} "
                        f"av {holdt} skoledager = {formater_prosent(andel_uten)}, som ikke er over "
                        f"{formater_prosent(terskel)}. Kontakten med hjemmet skal likevel skje." + merknad
                    )
                    self._lag(
                        k,
                        regel,
                        elev,
                        dag,
                        frist,
                        begrunnelse=begr,
                        hendelser=tuple(sorted(set(stand.hendelser))),
                        grunnlag=grunnlag,
                        status="holdt_tilbake",
                    )
                return
            if unntatt:
                tekst += (
                    f"; også uten unntakene er det {_tall(uten)} av {holdt} skoledager = {formater_prosent(andel_uten)}"
                )
        stand.utlost.add(regel.id)
        stand.ferdig = stand.alle <= stand.utlost
        self._lag(
            k,
            regel,
            elev,
            dag,
            frist,
            begrunnelse=tekst + "." + merknad,
            hendelser=tuple(sorted(set(stand.hendelser))),
            grunnlag=grunnlag,
        )

    @staticmethod
    def _unntaksnavn(rutine: Rutine, uid: str) -> str:
        return uid.replace("-", " ")

    # -- subject hours (vgs) --------------------------------------------------------------------

    def fagtimer(self, elev: Elev, hendelser: Sequence[Hendelse], fag: Mapping[str, Fag]) -> list[Oversiktslinje]:
        """Threshold rules on subject hours; returns the pupil's overview lines (sorted by subject)."""
        if not fag:
            return []
        trinn = elev.trinn
        dato = self.dato
        navnene = sorted(fag)
        stander: dict[str, _Fagstand] = {}  # made when a subject first counts (or is checked)
        # Days a new version or dated threshold takes effect: a lowered threshold can be reached
        # there without new absence, so every subject is checked again on them.
        punkter = [d for d in self._fagpunkter(elev) if d <= dato]
        neste = 0
        regelcache = self._fagregler[trinn]
        for h in hendelser:
            if h.dato > dato or h.type != "fravaer" or not h.fag or h.fag not in fag:
                continue
            timer = h.lengde_timer
            if timer is None:
                continue
            regler = regelcache[h.dato] if h.dato in regelcache else self._fagregler_for(trinn, h.dato)
            if regler is None or h.dokumentasjon not in regler.tellende:
                continue
            while neste < len(punkter) and punkter[neste] < h.dato:
                self._fagsjekk(elev, fag, navnene, stander, punkter[neste])
                neste += 1
            st = stander.get(h.fag)
            if st is None:
                st = stander[h.fag] = _Fagstand()
            st.teller += timer
            st.hendelser.append(h._id)
            arstimer = fag[h.fag].arstimer
            if st.teller / arstimer > regler.nedre:
                andel = round(st.teller / arstimer, 9)
                if andel > regler.over or andel >= regler.minst:
                    self._vurder_fag(regler, elev, h.fag, st, arstimer=arstimer, dag=h.dato, h=h)
        for dag in punkter[neste:]:
            self._fagsjekk(elev, fag, navnene, stander, dag)
        k_naa = self._versjon(trinn, dato)
        if k_naa is None or not k_naa.fagtimer.get(trinn):
            return []
        linjer: list[Oversiktslinje] = []
        for navn in navnene:
            st = stander.get(navn)
            teller = st.teller if st is not None else 0.0
            arstimer = fag[navn].arstimer
            # Oversiktslinje's fields in order (see dager)
            linjer.append(_ny_linje(elev.elev_id, trinn, "fagtimer", teller, arstimer, teller / arstimer, navn))
        return linjer

    def _fagsjekk(
        self, elev: Elev, fag: Mapping[str, Fag], navnene: Sequence[str], stander: dict[str, _Fagstand], dag: date
    ) -> None:
        regler = self._fagregler_for(elev.trinn, dag)
        if regler is None:
            return
        for navn in navnene:
            st = stander.get(navn)
            if st is None:
                st = stander[navn] = _Fagstand()
            self._vurder_fag(regler, elev, navn, st, arstimer=fag[navn].arstimer, dag=dag)

    def _vurder_fag(
        self,
        regler: _Fagregler,
        elev: Elev,
        navn: str,
        st: _Fagstand,
        *,
        arstimer: float,
        dag: date,
        h: Hendelse | None = None,
    ) -> None:
        andel = round(st.teller / arstimer, 9)
        for regel, terskel, minst in regler.regler:
            if regel.id not in st.utlost and ((andel >= terskel) if minst else (andel > terskel)):
                self._fag_over(regler.k, regel, elev, navn, st, arstimer=arstimer, dag=dag, h=h)

    def _fag_over(
        self,
        k: _Kompilert,
        regel: Regel,
        elev: Elev,
        navn: str,
        st: _Fagstand,
        *,
        arstimer: float,
        dag: date,
        h: Hendelse | None,
    ) -> None:
        u = regel.utloser
        andel = st.teller / arstimer
        terskel = _verdi_float(k.rutine, u.terskel, dag)
        st.utlost.add(regel.id)
        tell = self._tellende(k, regel, dag)
        begr = (
            f"{_tall(st.teller)} {_flertall(st.teller, 'fraværstime', 'fraværstimer')} i {navn} av "
            f"{_tall(arstimer)} årstimer = {formater_prosent(andel)} {_tegn(u.sammenligning, True)} "
            f"{formater_prosent(terskel)}. Fravær som teller: {_dokumentasjonsliste(tell)}"
            + self._hjemmel(k.rutine, u.tellende_dokumentasjon, dag)
            + "."
            + self._fristmerknad(k, regel, dag)
        )
        self._lag(
            k,
            regel,
            elev,
            dag,
            self._frist(k, regel, dag, h),
            begrunnelse=begr,
            hendelser=tuple(sorted(st.hendelser)),
            fag=navn,
            grunnlag=Grunnlag(st.teller, arstimer, andel, terskel, "fagtimer"),
        )

    def _fagpunkter(self, elev: Elev) -> tuple[date, ...]:
        """First school days under each later routine version or dated subject-threshold value."""
        rid = self.rs.rutine_id_for(elev.trinn)
        if rid is None or not self.sr.skoledager:
            return ()
        nokkel = (rid, "")  # semester ids are never empty
        if nokkel in self._punkter:
            return self._punkter[nokkel]
        endringer: set[date] = set()
        for rutine in self.rs.versjoner(rid):
            endringer.add(rutine.gyldig_fra)
            for regel in rutine.regler():
                u, navn = regel.utloser, regel.utloser.terskel
                if u.type == "terskel" and u.maal == "fagtimer" and navn and navn in rutine.parametere:
                    endringer.update(pv.fra for pv in rutine.parametere[navn].verdier if pv.fra is not None)
        forste = self.sr.skoledager[0]
        punkter = set()
        for d in endringer:
            dag = self.sr.neste_skoledag_etter(d, 0)
            if d > forste and dag is not None:
                punkter.add(dag)
        self._punkter[nokkel] = tuple(sorted(punkter))
        return self._punkter[nokkel]

    @staticmethod
    def _tellende(k: _Kompilert, regel: Regel, dag: date) -> tuple[str, ...]:
        navn = regel.utloser.tellende_dokumentasjon
        if not navn or navn not in k.rutine.parametere:
            return ("ingen",)
        v = k.rutine.verdi(navn, dag)
        return tuple(v) if isinstance(v, tuple) else (str(v),)

    @staticmethod
    def _hjemmel(rutine: Rutine, navn: str | None, dag: date) -> str:
        """`` (regelen som gjelder fra 2025-08-01; hjemmel)`` for the dated value in force on ``dag``."""
        if not navn or navn not in rutine.parametere:
            return ""
        pv = rutine.parametere[navn].gjeldende(dag)
        deler = [f"regelen som gjelder fra {pv.fra.isoformat()}"] if pv.fra is not None else []
        if pv.hjemmel:
            deler.append(pv.hjemmel)
        return f" ({'; '.join(deler)})" if deler else ""

    # -- calendar rules ---------------------------------------------------------------------------

    def kalender(self, elever: Sequence[Elev]) -> None:
        """Calendar rows per window: one action per pupil, or per school and trinn.

        ``elever`` must be sorted by ``elev_id``. Everything but the pupil or school is worked out
        once per rule and window.
        """
        per_trinn: dict[str, list[Elev]] = defaultdict(list)
        skoler_per_trinn: dict[str, set[str]] = defaultdict(set)
        for e in elever:
            per_trinn[e.trinn].append(e)
            skoler_per_trinn[e.trinn].add(e.skole or "")
        fra, dato = self.fra, self.dato
        for rid in self.rs.alle_ider():
            sett: set[str] = set()
            # every version may hold calendar rules; each window is judged by the version in force
            for r in self.rs.versjoner(rid):
                for regel in r.regler():
                    if regel.utloser.type == "kalender" and regel.utloser.vindu:
                        sett.add(f"{regel.utloser.vindu}")
            versjoner = [self.rs.kompilert(r) for r in self.rs.versjoner(rid)]
            for vindu_type in sorted(sett):
                # every window that ends on or after fra: a date the skolerute pins for a rule
                # may lie after the window's own due date (_kalenderrader checks the deadline)
                for vindu in self.sr.vinduer(vindu_type, date.min, date.max):
                    if vindu.slutt < fra or vindu.start > dato:
                        continue
                    for k in versjoner:
                        self._kalenderrader(k, vindu, per_trinn, skoler_per_trinn)

    def _kalenderrader(
        self, k: _Kompilert, vindu: Vindu, per_trinn: Mapping[str, list[Elev]], skoler_per_trinn: Mapping[str, set[str]]
    ) -> None:
        """The rows of version ``k``'s calendar rules for one window.

        Each rule is judged by the version in force at its own deadline (the window's, or the date
        the skolerute pins for the rule), or on the evaluation date when the deadline is still
        ahead: a version not yet in force is not applied early. Of a rule's versions, exactly one
        passes this test.
        """
        fra, dato = self.fra, self.dato
        tiltak, nokler = self.tiltak, self.nokler
        rutine_id, versjon = k.rutine.id, k.rutine.versjon
        for regel in k.kalender:
            u = regel.utloser
            if u.vindu != vindu.vindu:
                continue
            frist = self.sr.frist_for(regel.id, vindu)
            if frist < fra or self.rs.versjon_paa(rutine_id, min(frist, dato)) is not k:
                continue
            utlost = max(vindu.start, fra)
            if utlost > dato:
                continue
            frist_iso = frist.isoformat()
            utlost_iso = self._iso(utlost)
            antall = f" (minst {u.antall} ganger)" if u.antall and u.antall > 1 else ""
            begr = f"Kalenderrad for {vindu.navn}{antall}: frist {frist_iso}."
            mal = k.mal(regel, utlost)
            # everything the rows of this rule and window share, as local names
            hva, tekst, innhold, kilde = mal.hva, mal.tiltak, mal.innhold, mal.kilde
            rid_regel, ansvar, sjekklister, brev, kategori = (
                regel.id,
                regel.ansvar,
                regel.sjekklister,
                regel.brev,
                u.type,
            )
            mottaker_regel = regel.mottaker
            for trinn in u.trinn:
                # the end of each row's sort key, after the pupil and school (see _NOKKELSKILLE)
                hale = f"\0{_TRINNRANG[trinn]}{rid_regel}\0\0aktiv\0{frist_iso}"
                if u.per == "elev":
                    elevene = per_trinn.get(trinn, ())
                    if elevene:
                        self.brukte_versjoner.add(id(k.rutine))
                    for e in elevene:
                        mottaker: tuple[str, ...] = ()
                        if mottaker_regel is not None:
                            mottaker = mottaker_regel.for_alder(e.alder(utlost), samtykke=e.samtykke_foresatte)
                        # Tiltak's fields in order
                        tiltak.append(
                            _nytt_tiltak(
                                rid_regel,
                                rutine_id,
                                versjon,
                                e.elev_id,
                                trinn,
                                hva,
                                tekst,
                                innhold,
                                ansvar,
                                frist,
                                utlost,
                                begr,
                                mottaker,
                                sjekklister,
                                (),
                                None,
                                "aktiv",
                                e.skole,
                                e.klasse,
                                None,
                                brev,
                                kilde,
                                kategori,
                            )
                        )
                        nokler.append(f"{utlost_iso}{e.elev_id}\0{e.skole or ''}{hale}")
                else:
                    skolene = sorted(skoler_per_trinn.get(trinn, ()))
                    if skolene:
                        self.brukte_versjoner.add(id(k.rutine))
                    for skole in skolene:
                        tiltak.append(
                            _nytt_tiltak(
                                rid_regel,
                                rutine_id,
                                versjon,
                                None,
                                trinn,
                                hva,
                                tekst,
                                innhold,
                                ansvar,
                                frist,
                                utlost,
                                begr,
                                (),
                                sjekklister,
                                (),
                                None,
                                "aktiv",
                                skole or None,
                                None,
                                None,
                                brev,
                                kilde,
                                kategori,
                            )
                        )
                        nokler.append(f"{utlost_iso}\0{skole}{hale}")


def evaluate(
    rutiner: Regelsett | Iterable[Rutine],
    elever: Iterable[Elev] | Innlesing[Elev],
    hendelser: Iterable[Hendelse] | Innlesing[Hendelse],
    skolerute: Skolerute,
    dato: date,
    *,
    fag: Iterable[Fag] | Innlesing[Fag] = (),
    fra: date | None = None,
) -> Resultat:
    """Evaluate the routines on ``dato`` and list every action triggered from ``fra``.

    ``fra`` defaults to the first school day of the semester that holds ``dato`` (in a break, of
    the semester that ended last; before the first semester, the school year's first day, 1 August). Inputs may be plain
    iterables of rows or the :class:`Innlesing` a reader returned (its rejected rows are then carried into the result).
    The same input in any row order gives the same result.
    """
    if not isinstance(skolerute, Skolerute):
        raise ArgumentFeil(
            f"«skolerute» må være en Skolerute (last filen med load_skolerute), ikke {type(skolerute).__name__}",
            argument="skolerute",
        )
    if isinstance(rutiner, str | os.PathLike):  # (a str is an iterable too: of its letters)
        raise ArgumentFeil(
            "«rutiner» må være et Regelsett eller Rutine-objekter (last filene med load_routine), ikke en filsti",
            argument="rutiner",
        )
    _sjekk_datoer(skolerute, dato, fra)
    regelsett = rutiner if isinstance(rutiner, Regelsett) else Regelsett(rutiner)
    if fra is None:
        # the semester holding dato, or in a break the one that ended last; before the first
        # semester, the school year's first day (kindergartens are open in August)
        startet = [s for s in skolerute.semestre if s.forste_skoledag <= dato]
        fra = startet[-1].forste_skoledag if startet else skolerute.skoleaaret[0]
    elev_rader, avvist, lest = _som_liste(elever, Elev, "elever")
    # pupils whose every row was rejected: their other rows are rejected with a pointer to why
    avviste_i_lesingen: dict[str, list[Avvist]] = defaultdict(list)
    for a in avvist:
        if a.elev_id:
            avviste_i_lesingen[a.elev_id].append(a)
    fag_rader, fag_avvist, fag_lest = _som_liste(fag, Fag, "fag")
    h_rader, h_avvist, h_lest = _som_liste(hendelser, Hendelse, "hendelser")
    avvist += fag_avvist + h_avvist
    lest += fag_lest + h_lest

    # Pupils: unknown trinn for the loaded routines, duplicates.
    elev_per_id: dict[str, Elev] = {}
    unike, doble = _unike(elev_rader, _elev_id, "elev_id")
    avvist.extend(_kildeavvist(elev, feil) for elev, feil in doble)
    for elev in unike:
        if elev.elev_id in avviste_i_lesingen:
            # another row of the same pupil was rejected by the reader: as with two rows that
            # differ, the engine cannot know which one is right
            vist = vis_id(elev.elev_id)
            hvor = ", ".join(
                f"linje {a.linje}" if elev.kilde is not None and a.fil == elev.kilde.fil else f"{a.fil}:{a.linje}"
                for a in avviste_i_lesingen[elev.elev_id]
            )
            avvist.append(
                _kildeavvist(
                    elev,
                    f"elev_id{f' «{vist}»' if vist else ''} står også på en rad som er avvist ({hvor}); rett eller "
                    "fjern den raden",
                )
            )
        elif regelsett.rutine_id_for(elev.trinn) is None:
            avvist.append(_kildeavvist(elev, f"ingen lastet rutine gjelder trinn «{elev.trinn}»"))
        elif elev.fodselsdato > dato:
            # (the birth date itself is personal data: not in the message)
            avvist.append(_kildeavvist(elev, f"fødselsdatoen er etter datoen det vurderes på ({dato.isoformat()})"))
        else:
            elev_per_id[elev.elev_id] = elev

    avviste_elever = ({e.elev_id for e in elev_rader} | avviste_i_lesingen.keys()) - elev_per_id.keys()
    fag_per_elev: dict[str, dict[str, Fag]] = defaultdict(dict)
    gyldige_fag = []
    for f in fag_rader:
        eier = elev_per_id.get(f.elev_id)
        if eier is None:
            avvist.append(_kildeavvist(f, _ukjent_elev(f.elev_id, avviste_elever)))
        elif not eier.trinn.startswith("vg"):
            # subject hours are counted in vgs only: a row for another pupil would be "used" for nothing
            hvor = f"på {eier.trinn}. trinn" if eier.trinn.isdigit() else "i barnehage"
            avvist.append(
                _kildeavvist(
                    f, f"fagfilen gjelder bare videregående, men eleven «{vis_id(f.elev_id) or '…'}» går {hvor}"
                )
            )
        else:
            gyldige_fag.append(f)
    unike_fag, doble_fag = _unike(gyldige_fag, _fagnokkel, "fag")
    avvist.extend(_kildeavvist(f, feil) for f, feil in doble_fag)
    for f in unike_fag:
        fag_per_elev[f.elev_id][f.fag] = f

    kontroll = _Hendelseskontroll(elev_per_id, fag_per_elev, skolerute, regelsett, avviste_elever)

    def godkjente() -> Iterator[Hendelse]:
        # the rows that pass the cross-checks, straight into the duplicate check (no list of them)
        for h in h_rader:
            feil = kontroll.sjekk(h)
            if feil:
                avvist.append(_kildeavvist(h, feil))
            else:
                yield h

    unike_h, doble_h = _unike(godkjente(), _dupnokkel, "hendelse_id")
    avvist.extend(_kildeavvist(h, feil) for h, feil in doble_h)
    per_elev: dict[str, list[Hendelse]] = defaultdict(list)
    etter = 0
    unike_h, kolliderte = _innholdsider(unike_h)
    avvist.extend(_kildeavvist(h, feil) for h, feil in kolliderte)
    # pupils whose events did not come in strictly increasing date order: only their lists need a
    # sort (by day, start time and id); a list in date order is in that order already
    usortert: set[str] = set()
    for h in unike_h:
        if h.dato > dato:
            etter += 1
        liste = per_elev[h.elev_id]
        if liste and not liste[-1].dato < h.dato:
            usortert.add(h.elev_id)
        liste.append(h)
    del unike_h  # the per-pupil lists hold the events from here on

    ev = _Evaluering(regelsett, skolerute, dato, fra)
    tomt: list[Hendelse] = []
    oversikt = ev.oversikt
    for elev_id in sorted(elev_per_id):
        elev = elev_per_id[elev_id]
        hs = per_elev.get(elev_id, tomt)
        if elev_id in usortert:
            hs.sort(key=_hendelsesnokkel)
        ev.hendelsesregler(elev, hs)
        dagslinje = ev.dager(elev, hs)
        fag_elev = fag_per_elev.get(elev_id)
        if fag_elev:
            # overview lines in their sorted order (elev_id, maal, fag): "fagtimer" before "skoledager"
            oversikt.extend(ev.fagtimer(elev, hs, fag_elev))
        if dagslinje is not None:
            oversikt.append(dagslinje)
    ev.kalender([elev_per_id[e] for e in sorted(elev_per_id)])

    # (elev_id last: rows built in Python have no line, and their message may hide the id)
    avvist_sortert = tuple(sorted(avvist, key=lambda a: (a.fil, a.linje or 0, a.melding, a.elev_id or "")))
    # Routines in force on the date are named even when they triggered nothing.
    for rid in regelsett.alle_ider():
        k = regelsett.versjon_paa(rid, dato)
        if k is not None:
            ev.brukte_versjoner.add(id(k.rutine))
    brukte = tuple(r for r in regelsett.rutiner if id(r) in ev.brukte_versjoner)
    alle_tiltak = ev.tiltak
    nokler: Sequence[str | tuple[str, ...]] = ev.nokler
    if "".join(ev.nokler).count("\0") != _NOKKELSKILLE * len(ev.nokler):
        # a value holds a NUL (possible only in rows built in Python): sort by the tuples instead
        nokler = [t.sorteringsnokkel() for t in alle_tiltak]
    rekkefolge = sorted(range(len(nokler)), key=nokler.__getitem__)
    return Resultat(
        dato=dato,
        fra=fra,
        rutiner=brukte,
        tiltak=tuple([alle_tiltak[i] for i in rekkefolge]),
        oversikt=tuple(oversikt),
        avvist=avvist_sortert,
        antall=Antall(lest=lest, brukt=lest - len(avvist_sortert), avvist=len(avvist_sortert), etter_dato=etter),
        skolerute=skolerute,
        kodekart=hendelser.kodekart if isinstance(hendelser, Innlesing) else None,
    )


def _sjekk_datoer(sr: Skolerute, dato: date, fra: date | None) -> None:
    """Raise :class:`ArgumentFeil` for an evaluation date the calendar cannot judge."""
    for navn, verdi in (("dato", dato), ("fra", fra)):
        if isinstance(verdi, datetime) or not ((verdi is None and navn == "fra") or isinstance(verdi, date)):
            raise ArgumentFeil(
                f"«{navn}» må være en dato (datetime.date), ikke {type(verdi).__name__}; bruk for eksempel "
                'datetime.now(ZoneInfo("Europe/Oslo")).date()',
                argument=navn,
            )
    forste, siste = sr.skoleaaret
    if not forste <= dato <= siste:
        raise ArgumentFeil(
            f"dato {dato.isoformat()} er utenfor skoleåret {sr.skoleaar} i skoleruta «{sr.id}» "
            f"({forste.isoformat()} til {siste.isoformat()}). Bruk skoleruta for det skoleåret datoen hører til.",
            argument="dato",
        )
    if fra is not None and fra > dato:
        raise ArgumentFeil(f"fra ({fra.isoformat()}) kan ikke være etter dato ({dato.isoformat()})", argument="fra")


def _ukjent_elev(elev_id: str, avviste: frozenset[str] | set[str]) -> str:
    # (an id that looks like a name, a date or a national identity number is not quoted)
    vist = vis_id(elev_id)
    if elev_id in avviste:
        return (
            f"eleven «{vist}» er avvist i elevfilen (se meldingen for eleven der)"
            if vist
            else ("eleven er avvist i elevfilen (se meldingen for eleven der)")
        )
    return f"ukjent elev «{vist}»" if vist else "ukjent elev (id-en vises ikke, fordi den ikke ligner en id)"


def _dupnokkel(h: Hendelse) -> str | tuple[str, str]:
    """What makes two event rows the same event: the export's id, or for a row without one its
    whole content. (Its content id leaves out the cause and the documentation type, so rows that
    differ only there, a morning off sick and an afternoon of leave, share it: they are two events.)"""
    return h._id if h.hendelse_id else (h._id, h.innholdsnokkel())


def _innholdsider(hendelser: list[Hendelse]) -> tuple[list[Hendelse], list[tuple[Hendelse, str]]]:
    """The events with their ids for the output, and those rejected for an id clash.

    Rows without ``hendelse_id`` that share a content id (they differ only in cause or
    documentation) are numbered ``h-…-1``, ``h-…-2`` in the order of their whole content, so every
    event has its own id in any row order (copies: the caller's objects keep their id). A content
    id, numbered or not, that an export also gives as a ``hendelse_id`` is a clash: those rows are
    all rejected, as rows with one id and different content are."""
    per_id: dict[str, list[Hendelse]] = {}
    for h in hendelser:
        if not h.hendelse_id:
            per_id.setdefault(h._id, []).append(h)
    if not per_id:
        return hendelser, []  # the common export: every row has its id, nothing to number or clash
    # (the rows with a hendelse_id have one row per id here: _unike has kept one per id)
    oppgitt = {h._id: h for h in hendelser if h.hendelse_id}
    nye: dict[int, Hendelse | None] = {}
    avvist: list[tuple[Hendelse, str]] = []
    for hid, gruppe in per_id.items():
        ider = [hid] if len(gruppe) == 1 else [f"{hid}-{i}" for i in range(1, len(gruppe) + 1)]
        kollisjon = [x for x in (hid, *ider) if x in oppgitt]
        if kollisjon:
            melding = (
                f"hendelse_id «{vis_id(kollisjon[0]) or '…'}» står på flere rader med ulikt innhold "
                "(en rad uten hendelse_id får en id laget av innholdet sitt, og den er lik en oppgitt hendelse_id)"
            )
            for h in [*gruppe, *(oppgitt[k] for k in kollisjon)]:
                if id(h) not in nye:
                    nye[id(h)] = None
                    avvist.append((h, melding))
            continue
        if len(gruppe) > 1:
            for ny_id, h in zip(ider, sorted(gruppe, key=Hendelse.innholdsnokkel), strict=True):
                kopi = copy.copy(h)
                object.__setattr__(kopi, "_id", ny_id)
                nye[id(h)] = kopi
    if not nye:
        return hendelser, []
    beholdt = [x for h in hendelser if (x := nye.get(id(h), h)) is not None]
    return beholdt, avvist


def _hendelsesnokkel(h: Hendelse) -> tuple[date, time, str]:
    return (h.dato, h.fra or time.min, h._id)


_elev_id = operator.attrgetter("elev_id")
_fagnokkel = operator.attrgetter("elev_id", "fag")


def _unike(rader: Iterable[T], nokkel: Callable[[T], Any], navn: str) -> tuple[list[T], list[tuple[T, str]]]:
    """Split rows into those kept and those rejected (with a reason) for a duplicated key.

    Identical duplicates keep one row (the first by source line) and reject the others; when rows
    with the same key differ, all of them are rejected: either way the outcome does not depend on
    the row order.
    """
    forste: dict[Any, T] = {}
    flere: dict[Any, list[T]] = {}
    for r in rader:
        k = nokkel(r)
        if k in forste:
            gruppe = flere.get(k)
            if gruppe is None:
                flere[k] = [forste[k], r]
            else:
                gruppe.append(r)
        else:
            forste[k] = r
    if not flere:
        return list(forste.values()), []
    beholdt: list[T] = []
    avvist: list[tuple[T, str]] = []
    for k, r in forste.items():
        gruppe = flere.get(k)
        if gruppe is None:
            beholdt.append(r)
            continue
        filer = {_fil(g) for g in gruppe}
        if len(filer) == 1:
            linjer = sorted(_linje(g) for g in gruppe if _linje(g))
            # rows a caller built have no line: say how many there are instead
            vis = f"linje {', '.join(map(str, linjer))}" if len(linjer) == len(gruppe) else f"{len(gruppe)} rader"
        else:
            # rows from several files (the Python API): name each by file and line
            vis = ", ".join(sorted(_sted(g) for g in gruppe))
        if all(g == gruppe[0] for g in gruppe):
            # keep one row, the first by source file and line (not by the caller's list order);
            # the same object given twice is kept once
            valgt = min(range(len(gruppe)), key=lambda i: (_fil(gruppe[i]), _linje(gruppe[i])))
            for i, g in enumerate(gruppe):
                if i == valgt:
                    beholdt.append(g)
                else:
                    hva = (
                        "innhold"
                        if navn == "hendelse_id" and not getattr(g, "hendelse_id", True)
                        else f"{navn} og innhold"
                    )
                    forste_linje = _linje(gruppe[valgt])
                    if not forste_linje:
                        som = "en annen rad"
                    elif _fil(gruppe[valgt]) != _fil(g):
                        som = _sted(gruppe[valgt])
                    else:
                        som = f"linje {forste_linje}"
                    avvist.append((g, f"duplikat: samme {hva} som {som}"))
        else:
            for g in gruppe:
                avvist.append((g, f"{navn}{_nokkeltekst(nokkel(g))} står på flere rader med ulikt innhold ({vis})"))
    return beholdt, avvist


def _nokkeltekst(k: Any) -> str:
    """`` «E1/matte»`` for a duplicated key, or a note when it looks like personal data (an id
    that holds a name or a birth date is not quoted)."""
    deler = [str(x) for x in k] if isinstance(k, tuple) else [str(k)]
    if vis_id(deler[0]) is None:
        return " (verdien vises ikke, fordi den ikke ligner en id)"
    return f" «{'/'.join(deler)}»"


def _linje(r: Any) -> int:
    k = getattr(r, "kilde", None)
    return k.linje if k is not None else 0


def _fil(r: Any) -> str:
    k = getattr(r, "kilde", None)
    return k.fil if k is not None else ""


def _sted(r: Any) -> str:
    """``fil:linje`` of a row (its :class:`Kilde`), or "en rad uten fil" for one built in Python."""
    k = getattr(r, "kilde", None)
    return str(k) if k is not None else "en rad uten fil"


class _Hendelseskontroll:
    """The cross-checks of one event row (the date checks are worked out once per trinn and date)."""

    def __init__(
        self,
        elever: Mapping[str, Elev],
        fag: Mapping[str, Mapping[str, Fag]],
        sr: Skolerute,
        rs: Regelsett,
        avviste_elever: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        self.avviste_elever = avviste_elever
        self.elever = elever
        self.fag = fag
        self.sr = sr
        self.rs = rs
        self._datofeil: dict[tuple[str, date], str] = {}  # "" when the date is fine
        self._for_langt: dict[tuple[date, int], bool] = {}

    def sjekk(self, h: Hendelse) -> str | None:
        """Why the row is rejected, or None."""
        elev = self.elever.get(h.elev_id)
        if elev is None:
            return _ukjent_elev(h.elev_id, self.avviste_elever)
        trinn = elev.trinn
        nokkel = (trinn, h.dato)
        feil = self._datofeil.get(nokkel)
        if feil is None:
            feil = self._datofeil[nokkel] = self._dato(trinn, h.dato) or ""
        if feil:
            return feil
        if h.dager is not None and h.dager > 1 and trinn != "bhg":  # (kindergartens count no school days)
            n = math.ceil(h.dager) - 1
            for_langt = self._for_langt.get((h.dato, n))
            if for_langt is None:
                for_langt = self._for_langt[(h.dato, n)] = self.sr.neste_skoledag_etter(h.dato, n) is None
            if for_langt:
                return f"{_tall(h.dager)} fraværsdager fra {h.dato.isoformat()} går forbi slutten av skoleruta"
        if h.type == "fravaer" and trinn.startswith("vg") and (h.dager is None or h.lengde_timer is not None):
            # hours count in a subject: a row with hours (with or without days) needs a known one
            if not h.fag:
                return "timefravær i videregående må ha «fag»"
            if h.fag not in self.fag.get(h.elev_id, _INGEN_FAG):
                return f"eleven «{h.elev_id}» har ikke faget «{h.fag}» i fagfilen"
        return None

    def _dato(self, trinn: str, dato: date) -> str | None:
        sr = self.sr
        if trinn == "bhg":
            # Kindergartens are open in the school holidays, Christmas and summer too (any weekday of
            # the school year), but not at weekends or on public holidays.
            start, slutt = sr.skoleaaret
            if not start <= dato <= slutt:
                return f"{_datoen(dato, start, slutt)} er utenfor skoleåret {sr.skoleaar} i skoleruta «{sr.id}»"
            if dato.weekday() >= 5:
                return f"datoen {dato.isoformat()} er ikke en barnehagedag ({_UKEDAGER[dato.weekday()]})"
            helligdag = sr.helligdag(dato)
            if helligdag is not None:
                return f"datoen {dato.isoformat()} er ikke en barnehagedag (helligdag: {helligdag})"
        elif sr.semester_for(dato) is None:
            start, slutt = sr.skoleaaret
            if start <= dato <= slutt:
                # in the school year, but in a break or before the first (after the last) school day
                return f"datoen {dato.isoformat()} er ikke en skoledag (utenfor semestrene i skoleruta «{sr.id}»)"
            return f"{_datoen(dato, start, slutt)} er utenfor skoleåret {sr.skoleaar} i skoleruta «{sr.id}»"
        elif not sr.er_skoledag(dato):
            return f"datoen {dato.isoformat()} er ikke en skoledag ({sr.fri_grunn(dato)})"
        if self.rs.for_trinn(trinn, dato) is None:
            return f"ingen versjon av rutinen for trinn «{trinn}» gjelder på {dato.isoformat()}"
        return None


_INGEN_FAG: Mapping[str, Fag] = MappingProxyType({})


def _datoen(dato: date, start: date, slutt: date) -> str:
    """ "datoen 2027-08-02", or, for a date more than a year from the school year (a birth date in
    the wrong column, say), "datoen (mer enn ett år før skoleåret; vises ikke)"."""
    if start.replace(year=start.year - 1) <= dato <= slutt.replace(year=slutt.year + 1):
        return f"datoen {dato.isoformat()}"
    return f"datoen (mer enn ett år {'før' if dato < start else 'etter'} skoleåret; vises ikke)"


#: "00" to "59": two digits read from a table, not formatted (a format spec costs ~2 000 instructions)
_TO_SIFRE = tuple(f"{i:02d}" for i in range(60))


def _klokke(t: time | datetime) -> str:
    """``HH:MM``, as ``f"{t:%H:%M}"`` writes it (without going through strftime)."""
    return f"{_TO_SIFRE[t.hour]}:{_TO_SIFRE[t.minute]}"


def _stor(tekst: str) -> str:
    """Capitalise the first letter only (keeps codes like 'UF' intact)."""
    return tekst[:1].upper() + tekst[1:]
