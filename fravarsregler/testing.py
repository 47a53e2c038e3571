"""Hypothesis strategies and invariants for property-testing a (revised) routine.

Requires Hypothesis (``pip install 'fravarsregler[test]'``). Typical use in a municipality's own
test suite, after editing the YAML::

    from hypothesis import given
    from fravarsregler import Regelsett, load_routine, load_skolerute
    from fravarsregler.testing import from_rutine, sjekk_invarianter

    RS = Regelsett([load_routine("rutiner/grunnskole.yaml")])
    SR = load_skolerute("rutiner/skolerute-2026-27.yaml")

    @given(from_rutine(RS, SR))
    def test_revidert_rutine(scenario):
        sjekk_invarianter(scenario.evaluer(RS, SR), RS)

See docs/testing.md.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        "fravarsregler.testing trenger Hypothesis: installer med «pip install 'fravarsregler[test]'»."
    ) from e

from ._inndata import ARSAKER, DOKUMENTASJON, Elev, Fag, Hendelse
from ._model import Regel, Rutine
from ._motor import Regelsett, Resultat, Tiltak, evaluate
from ._skolerute import Semester, Skolerute

__all__ = ["Brudd", "Scenario", "finn_brudd", "from_rutine", "mer_fravaer", "sjekk_invarianter", "stokket"]

T = TypeVar("T")

_FAGNAVN = ("norsk", "matematikk", "engelsk", "naturfag")
# Small subjects too, so that a few missed lessons cross the subject-hour thresholds; most are
# multiples of 7.5 hours, where whole 45-minute lessons can land exactly on a 10 % threshold.
_ARSTIMER = (15.0, 30.0, 56.25, 75.0, 112.5, 140.0)
_KODER = ("F", "F", "UF", "S")
_FRAVAERSKODER = ("F", "UF")
_DAGER = (0.5, 1.0, 1.0, 2.0, 4.0)
_SKOLER = ("Nordvik skole", "Sørvik skole")
_STATUSER = frozenset({"aktiv", "holdt_tilbake"})


@attrs.frozen
class Scenario:
    """Generated input for one evaluation: pupils, their subjects, events and the date."""

    elever: tuple[Elev, ...]
    fag: tuple[Fag, ...]
    hendelser: tuple[Hendelse, ...]
    dato: date

    def evaluer(self, regelsett: Regelsett, skolerute: Skolerute) -> Resultat:
        """Run :func:`fravarsregler.evaluate` on this scenario."""
        return evaluate(regelsett, self.elever, self.hendelser, skolerute, self.dato, fag=self.fag)


@attrs.frozen
class Brudd:
    """One broken invariant: which, where (rule and pupil) and what was seen."""

    invariant: str
    regel: str | None
    elev_id: str | None
    detalj: str

    def __str__(self) -> str:
        hvor = ", ".join(x for x in (self.regel, self.elev_id) if x)
        return f"{self.invariant}{f' ({hvor})' if hvor else ''}: {self.detalj}"


def _rutiner(spec: Regelsett | Rutine | Iterable[Rutine], navn: str = "spec") -> Regelsett:
    if isinstance(spec, Regelsett):
        return spec
    if isinstance(spec, Rutine):
        return Regelsett([spec])
    rutiner = [] if isinstance(spec, str | bytes | os.PathLike) or not isinstance(spec, Iterable) else list(spec)
    if not rutiner or not all(isinstance(r, Rutine) for r in rutiner):
        raise ValueError(
            f"«{navn}» må være et Regelsett, en Rutine eller en liste av Rutine-objekter (last filene med "
            f"load_routine), ikke {type(spec).__name__}"
        )
    return Regelsett(rutiner)


def _heltall(navn: str, verdi: object, minst: int) -> int:
    if not isinstance(verdi, int) or isinstance(verdi, bool) or verdi < minst:
        raise ValueError(f"«{navn}» må være et heltall, minst {minst}; fikk {verdi!r}")
    return verdi


def _sjekk_type(navn: str, verdi: object, typ: type) -> None:
    if not isinstance(verdi, typ):
        hint = " (trekk den først: data.draw(...) eller @given)" if isinstance(verdi, st.SearchStrategy) else ""
        raise ValueError(f"«{navn}» må være {typ.__name__}, ikke {type(verdi).__name__}{hint}")


def _fodt(trinn: str, start: date) -> st.SearchStrategy[date]:
    if trinn == "bhg":
        alder = (1, 5)
    elif trinn.startswith("vg"):
        # vg pupils are 15-19 at the start: some turn 18 during the semester
        alder = (14 + int(trinn[2:]), 16 + int(trinn[2:]))
    else:
        alder = (5 + int(trinn), 6 + int(trinn))
    return st.dates(date(start.year - alder[1] - 1, start.month, 1), date(start.year - alder[0], start.month, 1))


def from_rutine(
    spec: Regelsett | Rutine | Iterable[Rutine],
    skolerute: Skolerute,
    *,
    maks_elever: int = 6,
    maks_hendelser: int = 15,
    semester: str | None = None,
) -> st.SearchStrategy[Scenario]:
    """A strategy of valid :class:`Scenario` objects for the routines in ``spec``.

    Pupils get the trinn the routines cover; events fall on school days of one semester of
    ``skolerute`` (``semester`` is a semester id; default: the first) on which a version of the
    pupil's routine is in force; vgs pupils get subjects. Every generated row is valid, so
    ``resultat.antall.avvist == 0`` for a correct engine (:func:`finn_brudd` checks it). A
    semester in which no loaded version is in force at all is an error: load the archived
    versions too, or choose a later semester.
    """
    regelsett = _rutiner(spec)
    _sjekk_type("skolerute", skolerute, Skolerute)
    maks_elever = _heltall("maks_elever", maks_elever, 1)
    maks_hendelser = _heltall("maks_hendelser", maks_hendelser, 0)
    if not any(True for r in regelsett.rutiner for _ in r.regler()):
        raise ValueError("rutinene har ingen regler å teste")
    trinn = sorted({t for r in regelsett.rutiner for t in r.trinn})
    if not trinn:
        raise ValueError("rutinene dekker ingen trinn")
    semestre = {s.id: s for s in skolerute.semestre}
    if semester is not None and semester not in semestre:
        raise ValueError(f"ukjent semester «{semester}»; kjente: {', '.join(semestre)}")
    sem = semestre[semester] if semester else skolerute.semestre[0]
    dager, barnehagedager = _dager(skolerute, sem)
    # only days on which a version of the trinn's routine is in force (else the rows are rejected)
    per_trinn = {
        t: gyldige
        for t in trinn
        if (gyldige := tuple(d for d in (barnehagedager if t == "bhg" else dager) if regelsett.for_trinn(t, d)))
    }
    if not per_trinn:
        eldste = min(r.gyldig_fra for r in regelsett.rutiner)
        raise ValueError(
            f"ingen av de lastede rutineversjonene gjelder i semesteret «{sem.id}» ({sem.forste_skoledag.isoformat()}–"
            f"{sem.siste_skoledag.isoformat()}); den eldste gjelder fra {eldste.isoformat()}. Last også de eldre "
            "versjonene (rutiner/arkiv/), eller velg et senere semester."
        )
    kall = (
        f"from_rutine({regelsett!r}, {skolerute.id}, semester={sem.id!r}, maks_elever={maks_elever}, "
        f"maks_hendelser={maks_hendelser})"
    )
    return _scenario(_Kall(kall, _Oppsett(tuple(per_trinn), per_trinn, dager, maks_elever, maks_hendelser)))


class _Kall(Generic[T]):
    """What a strategy function worked out, shown as the call that made it: Hypothesis prints a
    strategy with its arguments, and would print every school day or the whole scenario. (A
    plain class: Hypothesis prints an attrs class field by field, whatever its ``__repr__``.)"""

    __slots__ = ("data", "kall")

    def __init__(self, kall: str, data: T) -> None:
        self.kall = kall
        self.data = data

    def __repr__(self) -> str:
        return self.kall


@attrs.frozen
class _Oppsett:
    """What :func:`from_rutine` worked out."""

    trinn: tuple[str, ...]
    dager_per_trinn: Mapping[str, Sequence[date]]
    dager: Sequence[date]
    maks_elever: int
    maks_hendelser: int


def _dager(skolerute: Skolerute, sem: Semester) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The semester's school days, and its kindergarten days (weekdays that are not public holidays)."""
    dager = skolerute.skoledager_i_semester(sem)
    if not dager:
        raise ValueError(f"semesteret «{sem.id}» har ingen skoledager")
    barnehagedager = tuple(
        d
        for d in _alle_dager(sem.forste_skoledag, sem.siste_skoledag)
        if d.weekday() < 5 and not (skolerute.fri_grunn(d) or "").startswith("helligdag")
    )
    return dager, barnehagedager


def _alle_dager(fra: date, til: date) -> Iterable[date]:
    d = fra
    while d <= til:
        yield d
        d += timedelta(days=1)


@st.composite
def _scenario(draw: st.DrawFn, kall: _Kall[_Oppsett]) -> Scenario:
    oppsett = kall.data
    trinn, dager_per_trinn, dager = oppsett.trinn, oppsett.dager_per_trinn, oppsett.dager
    maks_elever, maks_hendelser = oppsett.maks_elever, oppsett.maks_hendelser
    elever: list[Elev] = []
    fag: list[Fag] = []
    hendelser: list[Hendelse] = []
    for i in range(draw(st.integers(1, maks_elever))):
        t = draw(st.sampled_from(trinn))
        e = Elev(
            elev_id=f"E{i}",
            trinn=t,
            fodselsdato=draw(_fodt(t, dager[0])),
            skole=draw(st.sampled_from(_SKOLER)),
            samtykke_foresatte=draw(st.booleans()),
        )
        elever.append(e)
        mine_fag: list[str] = []
        if t.startswith("vg"):
            mine_fag = draw(st.lists(st.sampled_from(_FAGNAVN), min_size=1, max_size=3, unique=True))
            fag.extend(Fag(e.elev_id, n, draw(st.sampled_from(_ARSTIMER))) for n in mine_fag)
        for j in range(draw(st.integers(0, maks_hendelser))):
            hendelser.append(draw(_hendelse(e, mine_fag, dager_per_trinn[t], f"H{i}-{j}")))
    # the date leans late in the semester, so that most events are on or before it and count
    # (events after it are ignored, which is worth seeing too, but not half the time)
    dato = draw(st.one_of(st.sampled_from(dager[-max(1, len(dager) // 3) :]), st.sampled_from(dager)))
    return Scenario(tuple(elever), tuple(fag), tuple(hendelser), dato)


@st.composite
def _hendelse(
    draw: st.DrawFn,
    e: Elev,
    fag: Sequence[str],
    dager: Sequence[date],
    hid: str,
    *,
    arsaker: Sequence[str] = ARSAKER,
    bare_fravaer: bool = False,
) -> Hendelse:
    """One valid event for ``e`` on one of ``dager``; ``bare_fravaer``: an F or UF absence that counts."""
    if not bare_fravaer and draw(st.integers(0, 9)) == 0:
        return Hendelse(elev_id=e.elev_id, dato=draw(st.sampled_from(dager)), type="vegring", hendelse_id=hid)
    kode = draw(st.sampled_from(_FRAVAERSKODER if bare_fravaer else _KODER))
    arsak = draw(st.sampled_from(arsaker))
    if fag:
        # one or two lessons in one of the pupil's subjects
        start = draw(st.integers(8, 13))
        return Hendelse(
            elev_id=e.elev_id,
            dato=draw(st.sampled_from(dager)),
            type="fravaer",
            kode=kode,
            fag=draw(st.sampled_from(fag)),
            fra=time(start, 0),
            til=draw(st.sampled_from((time(start, 45), time(start + 1, 30)))),
            dokumentasjon=draw(st.sampled_from(DOKUMENTASJON)),
            arsak=arsak,
            hendelse_id=hid,
        )
    if not bare_fravaer and draw(st.integers(0, 4)) == 0:
        # a single missed lesson with its end time
        start = draw(st.integers(8, 13))
        return Hendelse(
            elev_id=e.elev_id,
            dato=draw(st.sampled_from(dager)),
            type="fravaer",
            kode=kode,
            fra=time(start, 0),
            til=time(start, 45),
            arsak=arsak,
            hendelse_id=hid,
        )
    mengde = draw(st.sampled_from(_DAGER))
    if len(dager) <= 5:
        mengde = min(mengde, 1.0)  # a few days only (a version in force from late in the term)
    # multi-day events start early enough to end inside the semester
    return Hendelse(
        elev_id=e.elev_id,
        dato=draw(st.sampled_from(dager[: max(1, len(dager) - 5)] if mengde > 1 else dager)),
        type="fravaer",
        kode=kode,
        dager=mengde,
        arsak=arsak,
        hendelse_id=hid,
    )


def stokket(scenario: Scenario) -> st.SearchStrategy[Scenario]:
    """The same scenario with pupils, subjects and events in a random order."""
    _sjekk_type("scenario", scenario, Scenario)
    # (shown as the call: the strategies over the rows would print every pupil's birth date)
    kall = (
        f"stokket(<Scenario: {len(scenario.elever)} elever, {len(scenario.hendelser)} hendelser, dato "
        f"{scenario.dato.isoformat()}>)"
    )
    return _stokk(_Kall(kall, scenario))


@st.composite
def _stokk(draw: st.DrawFn, kall: _Kall[Scenario]) -> Scenario:
    sc = kall.data
    return Scenario(
        tuple(draw(st.permutations(sc.elever))),
        tuple(draw(st.permutations(sc.fag))),
        tuple(draw(st.permutations(sc.hendelser))),
        sc.dato,
    )


def mer_fravaer(
    scenario: Scenario,
    skolerute: Skolerute,
    *,
    arsaker: Sequence[str] = ARSAKER,
    regelsett: Regelsett | Rutine | Iterable[Rutine] | None = None,
) -> st.SearchStrategy[Scenario]:
    """The same scenario with one more absence (code F or UF) for one of its pupils, last in ``hendelser``.

    The new event falls in the semester of ``scenario.dato``, before or after it: lessons in
    one of the pupil's subjects when it has any, else half, whole or several days, with a cause
    from ``arsaker`` and a fresh ``hendelse_id``. For the property that more absence never removes
    a follow-up step; pass ``arsaker=("annet",)`` when an excepted cause (sickness, say) may rightly
    hold a step back. Pass the routines given to :func:`from_rutine` as ``regelsett`` when a
    version comes into force during the semester: the new event then falls on a day on which a
    version of the pupil's routine is in force, as ``from_rutine``'s events do.
    """
    _sjekk_type("scenario", scenario, Scenario)
    _sjekk_type("skolerute", skolerute, Skolerute)
    if not scenario.elever:
        raise ValueError("scenarioet har ingen elever å gi mer fravær")
    if isinstance(arsaker, str):
        raise ValueError(f"«arsaker» må være en liste av årsaker, for eksempel («{arsaker}»,), ikke en tekst")
    ukjente = [a for a in arsaker if a not in ARSAKER]
    if not arsaker or ukjente:
        raise ValueError(f"arsaker må være noen av {', '.join(ARSAKER)}; fikk {', '.join(arsaker) or 'ingen'}")
    sem = skolerute.semester_for(scenario.dato)
    if sem is None:
        forste, siste = skolerute.skoleaaret
        hvor = "i en ferie mellom semestrene" if forste <= scenario.dato <= siste else "utenfor skoleåret i skoleruta"
        raise ValueError(f"datoen {scenario.dato.isoformat()} er {hvor} ({skolerute.id}); velg en dato i et semester")
    dager, barnehagedager = _dager(skolerute, sem)
    rs = None if regelsett is None else _rutiner(regelsett, "regelsett")
    per_trinn: dict[str, tuple[date, ...]] = {}
    for t in sorted({e.trinn for e in scenario.elever}):
        kandidater = barnehagedager if t == "bhg" else dager
        per_trinn[t] = tuple(d for d in kandidater if rs is None or rs.for_trinn(t, d) is not None)
    elever = tuple(e for e in scenario.elever if per_trinn[e.trinn])
    if not elever:
        raise ValueError(f"ingen av scenarioets elever har en rutineversjon som gjelder i semesteret «{sem.id}»")
    fag: dict[str, list[str]] = defaultdict(list)
    for f in scenario.fag:
        fag[f.elev_id].append(f.fag)
    brukt = {h.id for h in scenario.hendelser}
    hid = next(f"EKSTRA-{i}" for i in range(1, len(brukt) + 2) if f"EKSTRA-{i}" not in brukt)
    kall = (
        f"mer_fravaer(<Scenario: {len(scenario.elever)} elever, {len(scenario.hendelser)} hendelser, dato "
        f"{scenario.dato.isoformat()}>, {skolerute.id}, arsaker={tuple(arsaker)!r}"
        + ("" if rs is None else f", regelsett={rs!r}")
        + ")"
    )
    return _med_fravaer(_Kall(kall, _MerOppsett(scenario, elever, fag, per_trinn, hid, tuple(arsaker))))


@attrs.frozen
class _MerOppsett:
    """What :func:`mer_fravaer` worked out."""

    scenario: Scenario
    elever: Sequence[Elev]
    fag: Mapping[str, Sequence[str]]
    dager_per_trinn: Mapping[str, Sequence[date]]
    hid: str
    arsaker: Sequence[str]


@st.composite
def _med_fravaer(draw: st.DrawFn, kall: _Kall[_MerOppsett]) -> Scenario:
    oppsett = kall.data
    scenario, elever, fag, dager_per_trinn = oppsett.scenario, oppsett.elever, oppsett.fag, oppsett.dager_per_trinn
    hid, arsaker = oppsett.hid, oppsett.arsaker
    e = draw(st.sampled_from(elever))
    paa = dager_per_trinn[e.trinn]
    h = draw(_hendelse(e, fag.get(e.elev_id, ()), paa, hid, arsaker=arsaker, bare_fravaer=True))
    return attrs.evolve(scenario, hendelser=(*scenario.hendelser, h))


# --------------------------------------------------------------------------- invariants


def finn_brudd(
    resultat: Resultat, regelsett: Regelsett | Rutine | Iterable[Rutine], *, tillat_avvist: bool = False
) -> tuple[Brudd, ...]:
    """Every broken invariant in ``resultat`` (empty when all hold). See docs/testing.md.

    The figures an action reports are checked against the routine itself (the threshold and
    floor in force on the day, the version in force, a deadline counted in school days), not
    only against each other. A rejected row is a broken invariant too, since the strategies
    generate only valid rows; pass ``tillat_avvist=True`` for a result of real data.
    """
    _sjekk_type("resultat", resultat, Resultat)
    regelsett = _rutiner(regelsett, "regelsett")
    brudd: list[Brudd] = []
    a = resultat.antall
    if a.lest != a.brukt + a.avvist or a.avvist != len(resultat.avvist):
        brudd.append(Brudd("antall", None, None, f"lest {a.lest}, brukt {a.brukt}, avvist {a.avvist}"))
    if resultat.avvist and not tillat_avvist:
        forste = resultat.avvist[0]
        brudd.append(
            Brudd("avvist", None, forste.elev_id, f"{len(resultat.avvist)} rader avvist; den første: {forste.melding}")
        )
    if len(set(resultat.tiltak)) != len(resultat.tiltak):
        doble = sorted({t.regel for t in resultat.tiltak if resultat.tiltak.count(t) > 1})
        brudd.append(Brudd("dobbelt", ", ".join(doble), None, "det samme tiltaket står flere ganger"))
    versjoner = {(r.id, r.versjon): r for r in regelsett.rutiner}
    sett: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for t in resultat.tiltak:
        frist = t.frist.date() if isinstance(t.frist, datetime) else t.frist
        if frist < t.utlost:
            brudd.append(Brudd("frist-foer-utlosning", t.regel, t.elev_id, f"frist {frist}, utløst {t.utlost}"))
        if not resultat.fra <= t.utlost <= resultat.dato:
            brudd.append(Brudd("utenfor-perioden", t.regel, t.elev_id, f"utløst {t.utlost}"))
        if t.status not in _STATUSER:
            brudd.append(Brudd("status", t.regel, t.elev_id, t.status))
        rutine = versjoner.get((t.rutine, t.versjon))
        if rutine is None:
            brudd.append(Brudd("ukjent-versjon", t.regel, t.elev_id, f"{t.rutine} {t.versjon}"))
            continue
        regel = _regel_for(rutine, t.regel, t.trinn)
        if regel is None:
            brudd.append(
                Brudd("ukjent-regel", t.regel, t.elev_id, f"ikke i {t.rutine} {t.versjon} for trinn {t.trinn}")
            )
            continue
        frist = t.frist.date() if isinstance(t.frist, datetime) else t.frist
        # event and threshold actions are judged by the version in force on their day; calendar
        # rows by the one in force at their deadline (or on the date, when it is still ahead)
        dag = min(frist, resultat.dato) if regel.utloser.type == "kalender" else t.utlost
        i_kraft = regelsett.versjon_paa(t.rutine, dag)
        if i_kraft is None or i_kraft.rutine.versjon != t.versjon:
            annen = "ingen" if i_kraft is None else i_kraft.rutine.versjon
            brudd.append(Brudd("versjon-i-kraft", t.regel, t.elev_id, f"{t.versjon} brukt, {annen} gjaldt {dag}"))
        brudd.extend(_fristbrudd(t, regel, rutine, resultat))
        roller = rutine.felles.roller
        for r in (*t.ansvar, *t.mottaker):
            if r not in roller:
                brudd.append(Brudd("ukjent-rolle", t.regel, t.elev_id, r))
        if t.status == "holdt_tilbake" and not regel.utloser.unntak:
            brudd.append(Brudd("holdt-tilbake-uten-unntak", t.regel, t.elev_id, "regelen har ingen unntak"))
        if regel.utloser.type == "terskel":
            g = t.grunnlag
            if g is None:
                brudd.append(Brudd("grunnlag-mangler", t.regel, t.elev_id, "terskelregel uten grunnlag"))
                continue
            if g.nevner <= 0 or abs(g.andel - g.teller / g.nevner) > 1e-9:
                brudd.append(Brudd("grunnlag", t.regel, t.elev_id, f"{g.teller}/{g.nevner} ≠ {g.andel}"))
            over = (
                g.andel >= g.terskel - 1e-9 if regel.utloser.sammenligning == "minst" else g.andel > g.terskel + 1e-12
            )
            if not over:
                brudd.append(Brudd("under-terskel", t.regel, t.elev_id, f"{g.andel} mot {g.terskel}"))
            u = regel.utloser
            if u.terskel is not None:
                gjeldende = _tallverdi(rutine, u.terskel, t.utlost)
                if abs(g.terskel - gjeldende) > 1e-9:
                    brudd.append(
                        Brudd("terskel-verdi", t.regel, t.elev_id, f"{g.terskel} brukt, rutinen sier {gjeldende}")
                    )
            if u.minste_nevner is not None:
                gulv = _tallverdi(rutine, u.minste_nevner, t.utlost)
                if g.nevner < gulv:
                    brudd.append(Brudd("under-gulvet", t.regel, t.elev_id, f"nevner {g.nevner} < {gulv}"))
            if t.status == "aktiv":
                sett[
                    (t.regel, t.elev_id or "", t.fag or "", _periode(t.utlost, resultat, regel.utloser.gjentakelse))
                ] += 1
    for (regel_id, elev_id, _fag, _periode_id), n in sorted(sett.items()):
        if n > 1:
            brudd.append(Brudd("mer-enn-en-gang", regel_id, elev_id, f"{n} aktive i samme periode"))
    brudd.extend(_oversikt_brudd(resultat, regelsett))
    if list(resultat.tiltak) != sorted(resultat.tiltak, key=lambda t: t.sorteringsnokkel()):
        brudd.append(Brudd("rekkefolge", None, None, "tiltakene er ikke i kanonisk rekkefølge"))
    return tuple(brudd)


def _tallverdi(rutine: Rutine, navn: str, dag: date) -> float:
    """A numeric parameter's value on ``dag`` (the validator has checked that it is a number)."""
    verdi = rutine.verdi(navn, dag)
    return float(verdi) if isinstance(verdi, int | float) else math.nan


def _regel_for(rutine: Rutine, regel_id: str, trinn: str) -> Regel | None:
    """The rule of ``rutine`` an action for ``trinn`` comes from: a calendar rule by the trinn
    it concerns (``utloser.trinn``), any other by the trinn of its table."""
    for r in rutine.regler():
        if r.id != regel_id:
            continue
        if r.utloser.type == "kalender" and r.utloser.trinn:
            if trinn in r.utloser.trinn:
                return r
        elif trinn in r.trinn:
            return r
    return None


def _fristbrudd(t: Tiltak, regel: Regel, rutine: Rutine, resultat: Resultat) -> list[Brudd]:
    """A deadline the routine counts from the trigger day: the same day, or N school days later
    (at the calendar's end, its last school day). Other kinds depend on the window and pinned
    dates and are not recounted here."""
    sr = resultat.skolerute
    f = regel.frist
    if sr is None or regel.utloser.type == "kalender":
        return []
    frist = t.frist.date() if isinstance(t.frist, datetime) else t.frist
    klokke = _fristklokke(f.type, f.klokkeslett, rutine, t.utlost)
    if klokke is not None and isinstance(t.frist, datetime) and t.frist.timetz().replace(tzinfo=None) != klokke:
        return [Brudd("frist", t.regel, t.elev_id, f"kl. {t.frist:%H:%M}, rutinen gir kl. {klokke:%H:%M}")]
    if f.type in ("samme_dag", "samme_time", "klokkeslett"):
        ventet = t.utlost
    elif f.type == "skoledager":
        n = f.antall
        antall = int(_tallverdi(rutine, n, t.utlost)) if isinstance(n, str) else int(n or 0)
        neste = sr.neste_skoledag_etter(t.utlost, antall)
        ventet = neste if neste is not None else max(sr.skoledager[-1], t.utlost)
    else:
        return []
    if frist != ventet:
        return [Brudd("frist", t.regel, t.elev_id, f"frist {frist}, rutinen gir {ventet}")]
    return []


def _fristklokke(fristtype: str, parameter: str | None, rutine: Rutine, dag: date) -> time | None:
    """The clock time of a same-day deadline as the routine gives it on ``dag``: the end of the
    school day (``skoledagens_slutt``, 15:00 without it) for ``samme_dag``, the named parameter for
    ``klokkeslett``. None for other kinds, and for ``samme_time``, whose time is the lesson's end
    (an event's ``til``, which the result does not carry)."""
    if fristtype == "samme_dag":
        navn = "skoledagens_slutt" if "skoledagens_slutt" in rutine.parametere else None
        return time.fromisoformat(str(rutine.verdi(navn, dag))) if navn else time(15)
    if fristtype == "klokkeslett" and parameter:
        return time.fromisoformat(str(rutine.verdi(parameter, dag)))
    return None


def _periode(dag: date, resultat: Resultat, gjentakelse: str | None) -> str:
    if gjentakelse == "en_gang_per_skoleaar":
        return "skoleaar"
    sr = resultat.skolerute
    sem = sr.semester_for(dag) if sr is not None else None
    if sem is not None:
        return sem.id  # (a first term may end in January: the skolerute says which)
    return f"{dag.year}-{'h' if dag.month >= 7 else 'v'}"


def _maaler(regelsett: Regelsett, trinn: str, dag: date) -> frozenset[str]:
    """The measures (``skoledager``, ``fagtimer``) that a threshold rule of the version in force
    on ``dag`` applies to ``trinn``: the engine gives an overview line for those only."""
    k = regelsett.for_trinn(trinn, dag)
    if k is None:
        return frozenset()
    return frozenset(
        r.utloser.maal for r in k.rutine.regler() if r.utloser.type == "terskel" and r.utloser.maal and trinn in r.trinn
    )


def _oversikt_brudd(resultat: Resultat, regelsett: Regelsett) -> list[Brudd]:
    """Each threshold action's count is at most the pupil's current count in the same measure."""
    brudd: list[Brudd] = []
    naa = {(o.elev_id, o.maal, o.fag or ""): o for o in resultat.oversikt}
    semester_naa = _periode(resultat.dato, resultat, None)
    # in a break (Christmas, summer) no semester is under way: the engine gives no days line then
    sr = resultat.skolerute
    i_ferie = sr is not None and sr.semester_for(resultat.dato) is None
    for t in resultat.tiltak:
        g = t.grunnlag
        if g is None or t.elev_id is None:
            continue
        if g.maal == "skoledager" and (i_ferie or _periode(t.utlost, resultat, None) != semester_naa):
            continue
        o = naa.get((t.elev_id, g.maal, t.fag or ""))
        if o is None and g.maal not in _maaler(regelsett, t.trinn, resultat.dato):
            continue  # a later version has no rule of this measure for the trinn: no line is due
        if o is None:
            brudd.append(Brudd("oversikt-mangler", t.regel, t.elev_id, f"ingen oversikt for {g.maal}"))
        elif g.teller > o.teller + 1e-9:
            brudd.append(Brudd("oversikt", t.regel, t.elev_id, f"tiltak {g.teller} > oversikt {o.teller}"))
    return brudd


def sjekk_invarianter(
    resultat: Resultat, regelsett: Regelsett | Rutine | Iterable[Rutine], *, tillat_avvist: bool = False
) -> None:
    """Raise ``AssertionError`` listing every broken invariant (see :func:`finn_brudd`)."""
    brudd = finn_brudd(resultat, regelsett, tillat_avvist=tillat_avvist)
    if brudd:
        raise AssertionError("Brutte invarianter:\n" + "\n".join(f"- {b}" for b in brudd))
