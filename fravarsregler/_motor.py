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
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from ._inndata import Avvist, Elev, Fag, Hendelse, Innlesing
from ._model import Regel, Rutine, formater_prosent
from ._skolerute import Semester, Skolerute

__all__ = [
    "Antall",
    "Grunnlag",
    "Oversiktslinje",
    "Regelsett",
    "Resultat",
    "Tiltak",
    "evaluate",
]

TIDSSONE = ZoneInfo("Europe/Oslo")
T = TypeVar("T")

KODENAVN = {"F": "varslet fravær (F)", "S": "sein (S)", "UF": "uvarslet fravær (UF)"}
UNNTAKSNAVN_STANDARD = "unntak"


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

    def forfalt(self, naa: date) -> bool:
        """Whether the deadline has passed on ``naa`` (a same-day deadline is not yet passed)."""
        frist = self.frist.date() if isinstance(self.frist, datetime) else self.frist
        return frist < naa

    def sorteringsnokkel(self) -> tuple[str, ...]:
        return (
            self.utlost.isoformat(),
            self.elev_id or "",
            self.skole or "",
            self.trinn,
            self.regel,
            self.fag or "",
            self.status,
            self.frist.isoformat(),
        )

    def as_dict(self, naa: date | None = None) -> dict[str, object]:
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


@attrs.frozen
class Resultat:
    """The outcome of :func:`evaluate`."""

    dato: date
    fra: date
    rutiner: tuple[Rutine, ...]
    tiltak: tuple[Tiltak, ...]
    oversikt: tuple[Oversiktslinje, ...]
    avvist: tuple[Avvist, ...]
    antall: Antall

    def as_dict(self) -> dict[str, object]:
        return {
            "rutiner": [
                {"id": r.id, "navn": r.navn, "versjon": r.versjon, "gyldig_fra": r.gyldig_fra.isoformat()}
                for r in self.rutiner
            ],
            "dato": self.dato.isoformat(),
            "fra": self.fra.isoformat(),
            "tiltak": [t.as_dict(self.dato) for t in self.tiltak],
            "oversikt": [o.as_dict() for o in self.oversikt],
            "avvist": [a.as_dict() for a in self.avvist],
            "antall": self.antall.as_dict(),
        }


# --------------------------------------------------------------------------- compiled rules


@attrs.frozen
class _Kompilert:
    """One routine version with its rules indexed for evaluation."""

    rutine: Rutine
    hendelse: Mapping[tuple[str, str | None, str], tuple[Regel, ...]]
    dager: Mapping[str, tuple[Regel, ...]]
    fagtimer: Mapping[str, tuple[Regel, ...]]
    kalender: tuple[Regel, ...]
    dagslutt: time
    hva: Mapping[int, tuple[str, str]]  # id(regel) -> (hva, innhold)

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
                innhold = " ".join(rutine.tekst(steg[s]) for s in regel.steg if s in steg)
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
        slutt = rutine.parametere.get("skoledagens_slutt")
        dagslutt = time.fromisoformat(str(slutt.verdi_paa())) if slutt else time(15, 0)
        return cls(
            rutine=rutine,
            hendelse={k: tuple(v) for k, v in hendelse.items()},
            dager={k: tuple(v) for k, v in dager.items()},
            fagtimer={k: tuple(v) for k, v in fagtimer.items()},
            kalender=tuple(kalender),
            dagslutt=dagslutt,
            hva=hva,
        )

    def hendelsesregler(self, hendelse: str, kode: str | None, trinn: str) -> tuple[Regel, ...]:
        treff = self.hendelse.get((hendelse, kode, trinn), ())
        if kode is not None:
            treff = treff + self.hendelse.get((hendelse, None, trinn), ())
        return treff


class Regelsett:
    """Routines compiled once for evaluation; holds every loaded version of each routine."""

    def __init__(self, rutiner: Iterable[Rutine]) -> None:
        versjoner: dict[str, list[Rutine]] = defaultdict(list)
        for r in rutiner:
            versjoner[r.id].append(r)
        self._versjoner = {k: sorted(v, key=lambda r: (r.gyldig_fra, r.versjon)) for k, v in versjoner.items()}
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
        return tuple(r for k in sorted(self._versjoner) for r in self._versjoner[k])

    def versjoner(self, rutine_id: str) -> tuple[Rutine, ...]:
        """Every loaded version of ``rutine_id``, oldest first."""
        return tuple(self._versjoner.get(rutine_id, ()))

    def rutine_id_for(self, trinn: str) -> str | None:
        return self._trinn.get(trinn)

    def versjon_paa(self, rutine_id: str, dato: date) -> _Kompilert | None:
        """The compiled version of ``rutine_id`` in force on ``dato`` (None if none yet)."""
        valgt = None
        for r in self._versjoner.get(rutine_id, ()):
            if r.gyldig_fra <= dato:
                valgt = r
        return self._kompilert[id(valgt)] if valgt is not None else None

    def for_trinn(self, trinn: str, dato: date) -> _Kompilert | None:
        rid = self._trinn.get(trinn)
        return self.versjon_paa(rid, dato) if rid else None

    def alle_ider(self) -> list[str]:
        return sorted(self._versjoner)


# --------------------------------------------------------------------------- helpers


def _rund(x: float) -> float | int:
    r = round(x, 4)
    return int(r) if r == int(r) else r


def _tall(x: float) -> str:
    r = round(x, 2)
    tekst = f"{int(r)}" if r == int(r) else f"{r:.2f}".rstrip("0")
    return tekst.replace(".", ",")


def _flertall(x: float, en: str, flere: str) -> str:
    return en if x == 1 else flere


def _sammenlign(andel: float, terskel: float, sammenligning: str) -> bool:
    # Compare on a fine fixed grid so 0.1 and 1/10 are equal whatever the float noise.
    a, t = round(andel, 9), round(terskel, 9)
    return a >= t if sammenligning == "minst" else a > t


def _tegn(sammenligning: str, over: bool) -> str:
    if sammenligning == "minst":
        return "≥" if over else "<"
    return ">" if over else "≤"


def _verdi_float(rutine: Rutine, navn: str | None, dato: date, standard: float = 0.0) -> float:
    if not navn or navn not in rutine.parametere:
        return standard
    v = rutine.verdi(navn, dato)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else standard


def _som_liste(x: Iterable[T] | Innlesing[T]) -> tuple[list[T], list[Avvist], int]:
    if isinstance(x, Innlesing):
        return list(x.rader), list(x.avvist), x.lest
    liste = list(x)
    return liste, [], len(liste)


def _kildeavvist(obj: Elev | Fag | Hendelse, melding: str) -> Avvist:
    k = obj.kilde
    return Avvist(k.fil if k else "<inndata>", k.linje if k else None, melding)


# --------------------------------------------------------------------------- per-pupil state


@attrs.define
class _Semesterstand:
    """Running counts for one pupil in one semester (days measure)."""

    semester: Semester
    teller: float = 0.0
    unntatt: dict[str, float] = attrs.field(factory=dict)
    hendelser: set[str] = attrs.field(factory=set)
    utlost: set[str] = attrs.field(factory=set)
    holdt_tilbake: set[str] = attrs.field(factory=set)
    # absence already counted per school day: a day counts at most once (1.0) however many
    # events cover it (overlapping registrations, a multi-day event plus a single-day one)
    per_dag: dict[date, float] = attrs.field(factory=dict)
    # running sickness streak: (last day, days in streak, amount in streak, counted already)
    rekke_siste: date | None = None
    rekke_dager: int = 0
    rekke_mengde: float = 0.0
    rekke_godkjent: bool = False
    siste_dag: date | None = None


@attrs.define
class _Fagstand:
    teller: float = 0.0
    hendelser: list[str] = attrs.field(factory=list)
    utlost: set[str] = attrs.field(factory=set)


@attrs.frozen
class _Dagenhet:
    dag: date
    mengde: float
    hendelse: Hendelse


# --------------------------------------------------------------------------- evaluation


class _Evaluering:
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
        self.oversikt: list[Oversiktslinje] = []
        self.brukte_versjoner: set[int] = set()
        self._punkter: dict[tuple[str, str], tuple[date, ...]] = {}

    # -- output helpers ------------------------------------------------------------------

    def _frist(self, k: _Kompilert, regel: Regel, dag: date, hendelse: Hendelse | None) -> date | datetime:
        f = regel.frist
        if f.type == "samme_time":
            slutt = hendelse.til if hendelse and hendelse.til else k.dagslutt
            return datetime.combine(dag, slutt, TIDSSONE)
        if f.type == "samme_dag":
            return datetime.combine(dag, k.dagslutt, TIDSSONE)
        if f.type == "skoledager":
            n = f.antall
            antall = int(_verdi_float(k.rutine, n, dag)) if isinstance(n, str) else int(n or 0)
            neste = self.sr.neste_skoledag_etter(dag, antall)
            return neste if neste is not None else self.sr.skoledager[-1]
        if f.type == "klokkeslett" and f.klokkeslett:
            kl = k.rutine.verdi(f.klokkeslett, dag)
            return datetime.combine(dag, time.fromisoformat(str(kl)), TIDSSONE)
        return dag

    def _lag(
        self,
        k: _Kompilert,
        regel: Regel,
        elev: Elev | None,
        trinn: str,
        dag: date,
        frist: date | datetime,
        begrunnelse: str,
        **ekstra: Any,
    ) -> None:
        if not self.fra <= dag <= self.dato:
            return
        self.brukte_versjoner.add(id(k.rutine))
        hva, innhold = k.hva.get(id(regel), ("", ""))
        mottaker: tuple[str, ...] = ()
        if regel.mottaker is not None and elev is not None:
            mottaker = regel.mottaker.for_alder(elev.alder(dag), samtykke=elev.samtykke_foresatte)
        self.tiltak.append(
            Tiltak(
                regel=regel.id,
                rutine=k.rutine.id,
                versjon=k.rutine.versjon,
                elev_id=elev.elev_id if elev else None,
                trinn=trinn,
                hva=hva,
                tiltak=k.rutine.tekst(regel.tiltak, dag),
                innhold=k.rutine.tekst(innhold, dag),
                ansvar=regel.ansvar,
                frist=frist,
                utlost=dag,
                begrunnelse=begrunnelse,
                mottaker=mottaker,
                sjekklister=regel.sjekklister,
                brev=regel.brev,
                skole=ekstra.pop("skole", elev.skole if elev else None),
                klasse=elev.klasse if elev else None,
                kilde=str(regel.plassering) if regel.plassering else regel.kilde,
                kategori=regel.utloser.type,
                **ekstra,
            )
        )

    # -- event rules ------------------------------------------------------------------------

    def hendelsesregler(self, elev: Elev, h: Hendelse) -> None:
        if not self.fra <= h.dato <= self.dato:
            return
        k = self.rs.for_trinn(elev.trinn, h.dato)
        if k is None:
            return
        for regel in k.hendelsesregler(h.type, h.kode, elev.trinn):
            frist = self._frist(k, regel, h.dato, h)
            self._lag(
                k, regel, elev, elev.trinn, h.dato, frist, self._hendelsesbegrunnelse(regel, h, frist),
                hendelser=(h.id,), fag=h.fag,
            )

    @staticmethod
    def _hendelsesbegrunnelse(regel: Regel, h: Hendelse, frist: date | datetime) -> str:
        if h.type == "vegring":
            hva = f"Melding {h.dato.isoformat()} om at eleven ikke vil komme"
        else:
            hva = f"{_stor(KODENAVN.get(h.kode or '', 'fravær'))} registrert {h.dato.isoformat()}"
        if h.fra and h.til:
            hva += f" kl. {h.fra:%H:%M}–{h.til:%H:%M}"
        if h.fag:
            hva += f" i {h.fag}"
        if regel.frist.type == "samme_time":
            naar = (
                f"frist ved timens slutt kl. {h.til:%H:%M}"
                if h.til
                else f"timens sluttid mangler, så fristen er skoledagens slutt kl. {frist:%H:%M}"
            )
        elif regel.frist.type == "samme_dag":
            naar = f"frist samme dag kl. {frist:%H:%M}"
        else:
            naar = f"frist {frist.isoformat()}"
        return f"{hva} (hendelse {h.id}); {naar}."

    # -- days measure (grunnskole) ----------------------------------------------------------------

    def dager(self, elev: Elev, hendelser: Sequence[Hendelse]) -> None:
        """Threshold rules on school days, one pass over the pupil's day units in date order."""
        enheter = self._dagenheter(hendelser)
        stand: _Semesterstand | None = None
        for enhet in enheter:
            if enhet.dag > self.dato:
                break
            sem = self.sr.semester_for(enhet.dag)
            if sem is None:
                continue
            if stand is None or stand.semester != sem:
                if stand is not None:
                    self._gulvsjekk(elev, stand, sem_slutt=True)
                stand = _Semesterstand(semester=sem)
            if stand.siste_dag != enhet.dag:
                # Before a new absence day: the floor day may lie in between.
                self._gulvsjekk(elev, stand, foer=enhet.dag)
            self._legg_til(elev, stand, enhet)
            stand.siste_dag = enhet.dag
            self._vurder(elev, stand, enhet.dag)
        if stand is not None:
            self._gulvsjekk(elev, stand, sem_slutt=True)
        # overview on the evaluation date
        sem_naa = self.sr.semester_for(self.dato)
        if sem_naa is not None and self.rs.for_trinn(elev.trinn, self.dato) is not None:
            k = self.rs.for_trinn(elev.trinn, self.dato)
            if k is not None and k.dager.get(elev.trinn):
                teller = stand.teller if stand is not None and stand.semester == sem_naa else 0.0
                nevner = self.sr.skoledager_hittil(self.dato)
                self.oversikt.append(
                    Oversiktslinje(
                        elev_id=elev.elev_id,
                        trinn=elev.trinn,
                        maal="skoledager",
                        teller=teller,
                        nevner=nevner,
                        andel=teller / nevner if nevner else 0.0,
                    )
                )

    def _dagenheter(self, hendelser: Sequence[Hendelse]) -> list[_Dagenhet]:
        ut: list[_Dagenhet] = []
        for h in hendelser:
            if h.type != "fravaer" or h.dager is None:
                continue
            rest = h.dager
            dag: date | None = h.dato
            while rest > 1e-9 and dag is not None:
                mengde = min(1.0, rest)
                ut.append(_Dagenhet(dag, mengde, h))
                rest -= mengde
                dag = self.sr.neste_skoledag_etter(dag, 1) if rest > 1e-9 else None
        ut.sort(key=lambda e: (e.dag, e.hendelse.id))
        return ut

    def _teller_kode(self, k: _Kompilert, kode: str | None, dag: date) -> bool:
        if kode in ("F", "UF"):
            return True
        if kode == "S":
            v = k.rutine.parametere.get("sein_teller_som_fravaer")
            return bool(v.verdi_paa(dag)) if v else False
        return False

    def _legg_til(self, elev: Elev, stand: _Semesterstand, enhet: _Dagenhet) -> None:
        k = self.rs.for_trinn(elev.trinn, enhet.dag)
        if k is None or not self._teller_kode(k, enhet.hendelse.kode, enhet.dag):
            return
        h = enhet.hendelse
        brukt = stand.per_dag.get(enhet.dag, 0.0)
        mengde = max(0.0, min(enhet.mengde, 1.0 - brukt))
        stand.per_dag[enhet.dag] = brukt + mengde
        stand.teller += mengde
        if mengde > 0:
            stand.hendelser.add(h.id)
        rutine = k.rutine
        for v in rutine.vedlegg:
            for u in v.unntak:
                if h.arsak not in u.arsak:
                    continue
                if u.tidlig_i_semesteret:
                    # "Early" is about when the leave begins (its event date), not about each of its
                    # days; a leave carried over from the previous semester begins at this one's start.
                    grense = int(_verdi_float(rutine, u.tidlig_i_semesteret, enhet.dag))
                    start = max(h.dato, stand.semester.forste_skoledag)
                    if self.sr.skoledager_hittil(start) > grense:
                        continue
                if u.minst_sammenhengende_skoledager:
                    minst = int(_verdi_float(rutine, u.minst_sammenhengende_skoledager, enhet.dag))
                    self._sykdomsrekke(stand, u.id, enhet.dag, mengde, minst)
                    continue
                stand.unntatt[u.id] = stand.unntatt.get(u.id, 0.0) + mengde

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

    def _gulvsjekk(
        self, elev: Elev, stand: _Semesterstand, *, foer: date | None = None, sem_slutt: bool = False
    ) -> None:
        """Evaluate the checkpoint days (see :meth:`_sjekkpunkter`) that lie in a gap between absence days.

        Between absence days the share only falls, so the first day it is over the threshold is an
        absence day or a checkpoint: the day the floor is reached, or the first school day under a
        new routine version or dated parameter value (a lowered threshold can be crossed then).
        """
        for dag in self._sjekkpunkter(elev, stand.semester):
            etter = stand.siste_dag is None or dag > stand.siste_dag
            innen = dag < foer if foer is not None else dag <= min(self.dato, stand.semester.siste_skoledag)
            if etter and innen and dag <= self.dato:
                self._vurder(elev, stand, dag)

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

    def _vurder(self, elev: Elev, stand: _Semesterstand, dag: date) -> None:
        k = self.rs.for_trinn(elev.trinn, dag)
        if k is None:
            return
        holdt = self.sr.skoledager_hittil(dag)
        for regel in k.dager.get(elev.trinn, ()):
            if regel.id in stand.utlost:
                continue
            u = regel.utloser
            gulv = _verdi_float(k.rutine, u.minste_nevner, dag)
            if holdt <= 0 or holdt < gulv:
                continue
            terskel = _verdi_float(k.rutine, u.terskel, dag)
            andel = stand.teller / holdt
            if not _sammenlign(andel, terskel, u.sammenligning):
                continue
            grunnlag = Grunnlag(stand.teller, holdt, andel, terskel, "skoledager")
            tekst = (
                f"{_tall(stand.teller)} {_flertall(stand.teller, 'fraværsdag', 'fraværsdager')} av {holdt} "
                f"skoledager = {formater_prosent(andel)} {_tegn(u.sammenligning, True)} {formater_prosent(terskel)}"
                f" ({stand.semester.navn})"
            )
            frist = self._frist(k, regel, dag, None)
            if u.unntak:
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
                            f"{tekst}. Holdes tilbake i første omgang etter unntak i vedlegg 1 ({navn}): "
                            f"uten disse er det {_tall(uten)} av {holdt} skoledager = "
                            f"{formater_prosent(andel_uten)}, ikke over {formater_prosent(terskel)}. "
                            "Kontakten med hjemmet gjennomføres likevel."
                        )
                        self._lag(
                            k, regel, elev, elev.trinn, dag, frist, begr,
                            hendelser=tuple(sorted(stand.hendelser)), grunnlag=grunnlag, status="holdt_tilbake",
                        )
                    continue
                if unntatt:
                    tekst += (
                        f"; også uten unntakene er det {_tall(uten)} av {holdt} skoledager = "
                        f"{formater_prosent(andel_uten)}"
                    )
            stand.utlost.add(regel.id)
            self._lag(
                k, regel, elev, elev.trinn, dag, frist, tekst + ".",
                hendelser=tuple(sorted(stand.hendelser)), grunnlag=grunnlag,
            )

    @staticmethod
    def _unntaksnavn(rutine: Rutine, uid: str) -> str:
        return uid.replace("-", " ")

    # -- subject hours (vgs) --------------------------------------------------------------------

    def fagtimer(self, elev: Elev, hendelser: Sequence[Hendelse], fag: Mapping[str, Fag]) -> None:
        stander: dict[str, _Fagstand] = {navn: _Fagstand() for navn in fag}
        # Days a new version or dated threshold takes effect: a lowered threshold can be reached
        # there without new absence, so every subject is checked again on them.
        punkter = [d for d in self._fagpunkter(elev) if d <= self.dato]
        neste = 0
        for h in hendelser:
            if h.dato > self.dato or h.type != "fravaer" or not h.fag or h.fag not in fag:
                continue
            timer = h.lengde_timer
            if timer is None:
                continue
            k = self.rs.for_trinn(elev.trinn, h.dato)
            if k is None:
                continue
            regler = k.fagtimer.get(elev.trinn, ())
            if not regler:
                continue
            tellende = self._tellende(k, regler[0], h.dato)
            if h.dokumentasjon not in tellende:
                continue
            while neste < len(punkter) and punkter[neste] < h.dato:
                self._fagsjekk(elev, fag, stander, punkter[neste])
                neste += 1
            st = stander[h.fag]
            st.teller += timer
            st.hendelser.append(h.id)
            self._vurder_fag(k, elev, h.fag, st, arstimer=fag[h.fag].arstimer, dag=h.dato, h=h)
        for dag in punkter[neste:]:
            self._fagsjekk(elev, fag, stander, dag)
        k_naa = self.rs.for_trinn(elev.trinn, self.dato)
        if k_naa is not None and k_naa.fagtimer.get(elev.trinn):
            for navn in sorted(fag):
                st = stander[navn]
                self.oversikt.append(
                    Oversiktslinje(
                        elev_id=elev.elev_id, trinn=elev.trinn, maal="fagtimer", fag=navn,
                        teller=st.teller, nevner=fag[navn].arstimer, andel=st.teller / fag[navn].arstimer,
                    )
                )

    def _fagsjekk(self, elev: Elev, fag: Mapping[str, Fag], stander: Mapping[str, _Fagstand], dag: date) -> None:
        k = self.rs.for_trinn(elev.trinn, dag)
        if k is None:
            return
        for navn in sorted(fag):
            self._vurder_fag(k, elev, navn, stander[navn], arstimer=fag[navn].arstimer, dag=dag)

    def _vurder_fag(
        self, k: _Kompilert, elev: Elev, navn: str, st: _Fagstand, *, arstimer: float, dag: date,
        h: Hendelse | None = None,
    ) -> None:
        andel = st.teller / arstimer
        for regel in k.fagtimer.get(elev.trinn, ()):
            if regel.id in st.utlost:
                continue
            u = regel.utloser
            terskel = _verdi_float(k.rutine, u.terskel, dag)
            if not _sammenlign(andel, terskel, u.sammenligning):
                continue
            st.utlost.add(regel.id)
            tell = self._tellende(k, regel, dag)
            begr = (
                f"{_tall(st.teller)} {_flertall(st.teller, 'fraværstime', 'fraværstimer')} i {navn} av "
                f"{_tall(arstimer)} årstimer = {formater_prosent(andel)} {_tegn(u.sammenligning, True)} "
                f"{formater_prosent(terskel)}. Teller fravær med dokumentasjon: {', '.join(tell)}"
                f" (regel i kraft {dag.isoformat()}"
                + self._hjemmel(k.rutine, u.tellende_dokumentasjon, dag)
                + ")."
            )
            self._lag(
                k, regel, elev, elev.trinn, dag, self._frist(k, regel, dag, h), begr,
                hendelser=tuple(sorted(st.hendelser)), fag=navn,
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
        if not navn or navn not in rutine.parametere:
            return ""
        pv = rutine.parametere[navn].gjeldende(dag)
        return f"; {pv.hjemmel}" if pv.hjemmel else ""

    # -- calendar rules ---------------------------------------------------------------------------

    def kalender(self, elever: Sequence[Elev]) -> None:
        grupper: dict[tuple[str, str], list[Elev]] = defaultdict(list)
        per_trinn: dict[str, list[Elev]] = defaultdict(list)
        for e in elever:
            grupper[(e.skole or "", e.trinn)].append(e)
            per_trinn[e.trinn].append(e)
        slutt = date.max
        for rid in self.rs.alle_ider():
            sett: set[str] = set()
            # every version may hold calendar rules; each window is judged by the version in force
            for r in self.rs.versjoner(rid):
                for regel in r.regler():
                    if regel.utloser.type == "kalender" and regel.utloser.vindu:
                        sett.add(f"{regel.utloser.vindu}")
            for vindu_type in sorted(sett):
                for vindu in self.sr.vinduer(vindu_type, self.fra, slutt):
                    if vindu.start > self.dato:
                        continue
                    # Judged by the version in force at the deadline, or on the evaluation date when
                    # the deadline is still ahead (a version not yet in force is not applied early).
                    k = self.rs.versjon_paa(rid, min(vindu.frist, self.dato))
                    if k is None:
                        continue
                    for regel in k.kalender:
                        u = regel.utloser
                        if u.vindu != vindu_type:
                            continue
                        frist = self.sr.frist_for(regel.id, vindu)
                        if frist < self.fra:
                            continue
                        utlost = max(vindu.start, self.fra)
                        antall = f" (minst {u.antall} ganger)" if u.antall and u.antall > 1 else ""
                        begr = f"Kalenderrad for {vindu.navn}{antall}: frist {frist.isoformat()}."
                        for trinn in u.trinn:
                            if u.per == "elev":
                                for e in sorted(per_trinn.get(trinn, ()), key=lambda e: e.elev_id):
                                    self._lag(k, regel, e, trinn, utlost, frist, begr)
                            else:
                                skoler = sorted(s for (s, t) in grupper if t == trinn)
                                for skole in skoler:
                                    self._lag(k, regel, None, trinn, utlost, frist, begr, skole=skole or None)


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

    ``fra`` defaults to the first school day of the semester that holds ``dato`` (or ``dato``
    itself outside the semesters). Inputs may be plain iterables of rows or the
    :class:`Innlesing` a reader returned (its rejected rows are then carried into the result).
    The same input in any row order gives the same result.
    """
    regelsett = rutiner if isinstance(rutiner, Regelsett) else Regelsett(rutiner)
    if fra is None:
        sem = skolerute.semester_for(dato)
        fra = sem.forste_skoledag if sem is not None else dato
    elev_rader, avvist, lest = _som_liste(elever)
    fag_rader, fag_avvist, fag_lest = _som_liste(fag)
    h_rader, h_avvist, h_lest = _som_liste(hendelser)
    avvist += fag_avvist + h_avvist
    lest += fag_lest + h_lest

    # Pupils: unknown trinn for the loaded routines, duplicates.
    elev_per_id: dict[str, Elev] = {}
    for elev, feil in _unike(elev_rader, lambda e: e.elev_id, "elev_id"):
        if feil:
            avvist.append(_kildeavvist(elev, feil))
        elif regelsett.rutine_id_for(elev.trinn) is None:
            avvist.append(_kildeavvist(elev, f"ingen lastet rutine gjelder trinn «{elev.trinn}»"))
        else:
            elev_per_id[elev.elev_id] = elev

    fag_per_elev: dict[str, dict[str, Fag]] = defaultdict(dict)
    gyldige_fag = [f for f in fag_rader if f.elev_id in elev_per_id]
    for f in fag_rader:
        if f.elev_id not in elev_per_id:
            avvist.append(_kildeavvist(f, f"ukjent elev «{f.elev_id}»"))
    for f, feil in _unike(gyldige_fag, lambda f: (f.elev_id, f.fag), "fag"):
        if feil:
            avvist.append(_kildeavvist(f, feil))
        else:
            fag_per_elev[f.elev_id][f.fag] = f

    per_elev: dict[str, list[Hendelse]] = defaultdict(list)
    kandidater: list[Hendelse] = []
    for h in h_rader:
        feil = _sjekk_hendelse(h, elev_per_id, fag_per_elev, skolerute, regelsett)
        if feil:
            avvist.append(_kildeavvist(h, feil))
        else:
            kandidater.append(h)
    etter = 0
    for h, feil in _unike(kandidater, lambda h: h.id, "hendelse_id"):
        if feil:
            avvist.append(_kildeavvist(h, feil))
            continue
        if h.dato > dato:
            etter += 1
        per_elev[h.elev_id].append(h)

    ev = _Evaluering(regelsett, skolerute, dato, fra)
    for elev_id in sorted(elev_per_id):
        elev = elev_per_id[elev_id]
        hs = sorted(per_elev.get(elev_id, ()), key=_hendelsesnokkel)
        for h in hs:
            ev.hendelsesregler(elev, h)
        ev.dager(elev, hs)
        ev.fagtimer(elev, hs, fag_per_elev.get(elev_id, {}))
    ev.kalender([elev_per_id[e] for e in sorted(elev_per_id)])

    avvist_sortert = tuple(sorted(avvist, key=lambda a: (a.fil, a.linje or 0, a.melding)))
    # Routines in force on the date are named even when they triggered nothing.
    for rid in regelsett.alle_ider():
        k = regelsett.versjon_paa(rid, dato)
        if k is not None:
            ev.brukte_versjoner.add(id(k.rutine))
    brukte = tuple(r for r in regelsett.rutiner if id(r) in ev.brukte_versjoner)
    return Resultat(
        dato=dato,
        fra=fra,
        rutiner=brukte,
        tiltak=tuple(sorted(ev.tiltak, key=Tiltak.sorteringsnokkel)),
        oversikt=tuple(sorted(ev.oversikt, key=lambda o: (o.elev_id, o.maal, o.fag or ""))),
        avvist=avvist_sortert,
        antall=Antall(lest=lest, brukt=lest - len(avvist_sortert), avvist=len(avvist_sortert), etter_dato=etter),
    )


def _hendelsesnokkel(h: Hendelse) -> tuple[date, time, str]:
    return (h.dato, h.fra or time.min, h.id)


def _unike(rader: Iterable[T], nokkel: Any, navn: str) -> Iterator[tuple[T, str | None]]:
    """Yield each row with None, or with a reason when its key is duplicated.

    Identical duplicates keep one row (the first by source line) and reject the others; when rows
    with the same key differ, all of them are rejected: either way the outcome does not depend on
    the row order.
    """
    grupper: dict[Any, list[T]] = defaultdict(list)
    for r in rader:
        grupper[nokkel(r)].append(r)
    for gruppe in grupper.values():
        if len(gruppe) == 1:
            yield gruppe[0], None
            continue
        linjer = sorted(_linje(r) for r in gruppe)
        vis = ", ".join(str(x) for x in linjer)
        if all(r == gruppe[0] for r in gruppe):
            forste = min(gruppe, key=_linje)
            for r in gruppe:
                yield r, (None if r is forste else f"duplikat: samme {navn} og innhold som linje {_linje(forste)}")
        else:
            for r in gruppe:
                yield r, f"{navn} «{_nokkeltekst(nokkel(r))}» står på flere rader med ulikt innhold (linje {vis})"


def _nokkeltekst(k: Any) -> str:
    return "/".join(k) if isinstance(k, tuple) else str(k)


def _linje(r: Any) -> int:
    k = getattr(r, "kilde", None)
    return k.linje if k is not None else 0


def _sjekk_hendelse(
    h: Hendelse,
    elever: Mapping[str, Elev],
    fag: Mapping[str, Mapping[str, Fag]],
    sr: Skolerute,
    rs: Regelsett,
) -> str | None:
    elev = elever.get(h.elev_id)
    if elev is None:
        return f"ukjent elev «{h.elev_id}»"
    sem = sr.semester_for(h.dato)
    if sem is None:
        return f"datoen {h.dato.isoformat()} er utenfor skoleruta ({sr.id})"
    if elev.trinn == "bhg":
        if h.dato.weekday() >= 5:
            return f"datoen {h.dato.isoformat()} er en helgedag"
    elif not sr.er_skoledag(h.dato):
        return f"datoen {h.dato.isoformat()} er ikke en skoledag ({sr.fri_grunn(h.dato)})"
    if rs.for_trinn(elev.trinn, h.dato) is None:
        return f"ingen versjon av rutinen for trinn «{elev.trinn}» gjelder på {h.dato.isoformat()}"
    if h.dager is not None and h.dager > 1:
        slutt = sr.neste_skoledag_etter(h.dato, math.ceil(h.dager) - 1)
        if slutt is None:
            return f"{_tall(h.dager)} fraværsdager fra {h.dato.isoformat()} går forbi slutten av skoleruta"
    if elev.trinn.startswith("vg") and h.type == "fravaer" and h.dager is None:
        if not h.fag:
            return "timefravær i videregående må ha «fag»"
        if h.fag not in fag.get(h.elev_id, {}):
            return f"eleven «{h.elev_id}» har ikke faget «{h.fag}» i fagfilen"
    return None


def dager_mellom(a: date, b: date) -> int:  # pragma: no cover - tiny helper kept for callers
    return (b - a) // timedelta(days=1)


def _stor(tekst: str) -> str:
    """Capitalise the first letter only (keeps codes like 'UF' intact)."""
    return tekst[:1].upper() + tekst[1:]
