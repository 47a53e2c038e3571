"""Benchmark: the engine on a synthetic county against a plain hand-written loop.

Run from the repository root (with the package installed)::

    python bench/bench_motor.py [--elever 60000] [--seed N]

The data is built in memory with the example generator (``fravarsregler._eksempel``) for a full
school year of the shipped skolerute. Two implementations then make the same decisions on the
same objects in the same process:

(a) :func:`fravarsregler.evaluate` with a precompiled :class:`Regelsett`;
(b) :func:`handskrevet_lokke` below: one plain loop per pupil with running counts, then the
    calendar rows.

Both must produce the same multiset of decisions ``(elev_id or (skole, trinn), regel, utlost,
frist, status)``, one per action the engine makes, or the script stops with a mismatch summary.
See bench/README.md for what is measured and the aim.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import math
import pstats
import resource
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from datetime import time as klokkeslett
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from fravarsregler import (
    Elev,
    Fag,
    Hendelse,
    Oversiktslinje,
    Regelsett,
    Resultat,
    Rutine,
    Skolerute,
    Tiltak,
    evaluate,
    load_routine,
    load_skolerute,
)
from fravarsregler._eksempel import lag_eksempeldata

# The readers' own row parsers: the same checks and normalisation as reading a CSV file.
from fravarsregler._inndata import Kilde, _elev, _fag, _hendelse
from fravarsregler._kommandoer import standardrutiner
from fravarsregler._motor import _ny_linje, _nytt_tiltak
from fravarsregler._paths import finn_datafil

TIDSSONE = ZoneInfo("Europe/Oslo")

#: One decision: who (a pupil, or a school and trinn for a per-trinn calendar row), the rule,
#: the trigger day, the deadline and the status (``aktiv`` or ``holdt_tilbake``).
Beslutning = tuple[str | tuple[str, str], str, date, date | datetime, str]

# --------------------------------------------------------------------------- data


def lag_data(
    sr: Skolerute, antall_elever: int, elever_per_klasse: int, seed: int
) -> tuple[list[Elev], list[Fag], list[Hendelse]]:
    """Pupils, subjects and a full school year of events as engine objects."""
    per_skole = 14 * elever_per_klasse  # bhg, 1-10, vg1-vg3
    skoler = max(1, math.ceil(antall_elever / per_skole))
    elever_r, fag_r, hendelser_r = lag_eksempeldata(
        sr, elever_per_klasse=elever_per_klasse, skoler=skoler, seed=seed, til=None
    )
    elever = [_elev(r, Kilde("elever", i)) for i, r in enumerate(elever_r, start=2)]
    fag = [_fag(r, Kilde("fag", i)) for i, r in enumerate(fag_r, start=2)]
    hendelser = [_hendelse(r, Kilde("hendelser", i)) for i, r in enumerate(hendelser_r, start=2)]
    return elever, fag, hendelser


# --------------------------------------------------------------------------- the plain loop


def _over(andel: float, terskel: float, sammenligning: str) -> bool:
    # The engine's comparison: on a 1e-9 grid, so 2/20 equals 0.1.
    a, t = round(andel, 9), round(terskel, 9)
    return a >= t if sammenligning == "minst" else a > t


class _Oppsett:
    """What the loop needs from the loaded routines, read once.

    The loop supports one version per routine, in force from before the school year, and no
    dated parameter value taking effect inside the school calendar (true for the shipped
    routines and the 2026-27 calendar); it stops with a message otherwise.

    Rule ids, triggers, thresholds, floors, deadlines, counted codes and documentation types and
    the vedlegg-1 exceptions come from the YAML; the loop hard-codes only what each trigger type,
    deadline type and exception field means.
    """

    def __init__(self, rutiner: Sequence[Rutine], sr: Skolerute) -> None:
        ider = [r.id for r in rutiner]
        if len(ider) != len(set(ider)):
            raise SystemExit("Løkka støtter bare én versjon per rutine.")
        start, slutt = sr.skoledager[0], sr.skoledager[-1]
        # trinn -> routine, as the engine picks it (the first routine id in sorted order)
        self.rutine: dict[str, Rutine] = {}
        for r in sorted(rutiner, key=lambda r: r.id):
            if r.gyldig_fra > start:
                raise SystemExit(f"Rutinen {r.id} gjelder først fra {r.gyldig_fra}; løkka støtter ikke det.")
            self._sjekk_uendret(r, start, slutt)
            for t in r.trinn:
                self.rutine.setdefault(t, r)

        # per trinn: [(event type, codes or None for all, rule id, deadline type)]
        self.hendelse: dict[str, list[tuple[str, frozenset[str] | None, str, str]]] = defaultdict(list)
        # per trinn: [(rule id, threshold, floor, comparison, exception ids, deadline in school days)]
        self.dager: dict[str, list[tuple[str, float, int, str, tuple[str, ...], int]]] = defaultdict(list)
        # per trinn: [(rule id, threshold, comparison, deadline in school days)]
        self.fagtimer: dict[str, list[tuple[str, float, str, int]]] = defaultdict(list)
        self.tellende: dict[str, frozenset[str]] = {}
        # [(rule id, window kind, per "elev" or "trinn", trinn)]
        self.kalender: list[tuple[str, str, str, tuple[str, ...]]] = []
        self.dagslutt: dict[str, klokkeslett] = {}
        self.dagkoder: dict[str, frozenset[str]] = {}
        # per trinn and cause: [(exception id, "early" limit or None, minimum sickness run or None)]
        self.unntak: dict[str, dict[str, list[tuple[str, int | None, int | None]]]] = {}
        for trinn, r in self.rutine.items():
            slutt_p = r.parametere.get("skoledagens_slutt")
            slutt = klokkeslett.fromisoformat(str(slutt_p.verdi_paa(start))) if slutt_p else klokkeslett(15)
            self.dagslutt[trinn] = slutt
            sein = r.parametere.get("sein_teller_som_fravaer")
            sein_teller = sein is not None and bool(sein.verdi_paa(start))
            self.dagkoder[trinn] = frozenset({"F", "UF", "S"} if sein_teller else {"F", "UF"})
            unntak: dict[str, list[tuple[str, int | None, int | None]]] = defaultdict(list)
            for v in r.vedlegg:
                for un in v.unntak:
                    tidlig = int(r.verdi(un.tidlig_i_semesteret, start)) if un.tidlig_i_semesteret else None  # type: ignore[arg-type]
                    minst = (
                        int(r.verdi(un.minst_sammenhengende_skoledager, start))  # type: ignore[arg-type]
                        if un.minst_sammenhengende_skoledager
                        else None
                    )
                    for arsak in set(un.arsak):
                        unntak[arsak].append((un.id, tidlig, minst))
            self.unntak[trinn] = unntak
        for r in rutiner:
            for regel in r.regler():
                u = regel.utloser
                frist_dager = 0
                if regel.frist.type == "skoledager":
                    n = regel.frist.antall
                    frist_dager = int(r.verdi(n, start)) if isinstance(n, str) else int(n or 0)  # type: ignore[arg-type]
                elif u.type == "terskel":
                    raise SystemExit(f"Løkka kjenner ikke fristtypen {regel.frist.type} for {regel.id}.")
                if u.type == "kalender" and u.vindu:
                    self.kalender.append((regel.id, u.vindu, u.per, u.trinn))
                    continue
                for trinn in regel.trinn:
                    if self.rutine.get(trinn) is not r:
                        continue
                    if u.type == "hendelse" and u.hendelse:
                        koder = frozenset(u.koder) or None
                        self.hendelse[trinn].append((u.hendelse, koder, regel.id, regel.frist.type))
                    elif u.type == "terskel" and u.maal == "skoledager":
                        gulv = int(r.verdi(u.minste_nevner, start)) if u.minste_nevner else 0  # type: ignore[arg-type]
                        terskel = float(r.verdi(u.terskel, start))  # type: ignore[arg-type]
                        self.dager[trinn].append((regel.id, terskel, gulv, u.sammenligning, u.unntak, frist_dager))
                    elif u.type == "terskel" and u.maal == "fagtimer":
                        terskel = float(r.verdi(u.terskel, start))  # type: ignore[arg-type]
                        self.fagtimer[trinn].append((regel.id, terskel, u.sammenligning, frist_dager))
                        tell = r.verdi(u.tellende_dokumentasjon, start) if u.tellende_dokumentasjon else ("ingen",)
                        self.tellende[trinn] = frozenset(tell if isinstance(tell, tuple) else (str(tell),))

    @staticmethod
    def _sjekk_uendret(r: Rutine, fra: date, til: date) -> None:
        for p in r.parametere.values():
            if any(v.fra is not None and fra < v.fra <= til for v in p.verdier):
                # the engine re-checks the shares on such a day; the loop does not
                raise SystemExit(f"Parameteren {p.navn} endres innenfor skoleruta; løkka støtter ikke det.")


def handskrevet_lokke(
    rutiner: Sequence[Rutine],
    elever: Sequence[Elev],
    fag: Iterable[Fag],
    hendelser: Iterable[Hendelse],
    sr: Skolerute,
    *,
    dato: date,
    fra: date,
) -> list[Beslutning]:
    """Every decision the engine makes, written as directly as we can in plain Python.

    One decision per action: (pupil, or school and trinn), rule, trigger day, deadline, status.
    Assumes valid input (every event on a school day of a known pupil, no duplicates): the
    benchmark checks that the engine rejected no row.
    """
    oppsett = _Oppsett(rutiner, sr)
    skoledager = sr.skoledager
    indeks = {d: i for i, d in enumerate(skoledager)}
    # the semester's first index, for each school-day index
    sem_lo: list[int] = []
    for sem in sr.semestre:
        dager = sr.skoledager_i_semester(sem)
        sem_lo.extend([indeks[dager[0]]] * len(dager))
    siste = indeks.get(dato)
    if siste is None:
        siste = max((i for i, d in enumerate(skoledager) if d <= dato), default=-1)

    def frist_etter(i: int, n: int) -> date:
        return skoledager[min(i + n, len(skoledager) - 1)]

    per_elev: dict[str, list[Hendelse]] = defaultdict(list)
    for h in hendelser:
        per_elev[h.elev_id].append(h)
    fag_per_elev: dict[str, dict[str, float]] = defaultdict(dict)
    for f in fag:
        fag_per_elev[f.elev_id][f.fag] = f.arstimer

    ut: list[Beslutning] = []
    for elev in elever:
        hs = per_elev.get(elev.elev_id)
        if not hs:
            continue
        eid = elev.elev_id
        trinn = elev.trinn
        hs.sort(key=lambda h: (h.dato, h.fra or klokkeslett.min, h.id))

        # 1. Event rules: an unannounced absence is chased within the lesson, a refusal the same day.
        for h in hs:
            if not fra <= h.dato <= dato:
                continue
            for typ, koder, rid, frist_type in oppsett.hendelse.get(trinn, ()):
                if h.type != typ or (koder is not None and h.kode not in koder):
                    continue
                if frist_type == "samme_time":
                    frist: date | datetime = datetime.combine(h.dato, h.til or oppsett.dagslutt[trinn], TIDSSONE)
                elif frist_type == "samme_dag":
                    frist = datetime.combine(h.dato, oppsett.dagslutt[trinn], TIDSSONE)
                else:
                    raise SystemExit(f"Løkka kjenner ikke fristtypen {frist_type}.")
                ut.append((eid, rid, h.dato, frist, "aktiv"))

        # 2. Days measure: absence days / school days held so far in the semester.
        if trinn in oppsett.dager:
            enheter: list[tuple[int, str, float, Hendelse]] = []
            for h in hs:
                if h.type != "fravaer" or h.dager is None:
                    continue
                i = indeks[h.dato]
                rest = h.dager
                while rest > 1e-9 and i <= siste:
                    mengde = min(1.0, rest)
                    enheter.append((i, h.id, mengde, h))
                    rest -= mengde
                    i += 1
            enheter.sort(key=lambda e: (e[0], e[1]))
            _dager(
                ut,
                eid=eid,
                trinn=trinn,
                enheter=enheter,
                oppsett=oppsett,
                indeks=indeks,
                sem_lo=sem_lo,
                skoledager=skoledager,
                siste=siste,
                fra=fra,
                frist_etter=frist_etter,
            )

        # 3. Subject hours (vgs): hours in the subject / the subject's hours for the year.
        fagene = fag_per_elev.get(eid)
        if fagene and trinn in oppsett.fagtimer:
            teller: dict[str, float] = dict.fromkeys(fagene, 0.0)
            utlost: set[tuple[str, str]] = set()
            for h in hs:
                if h.dato > dato or h.type != "fravaer" or h.fag not in fagene:
                    continue
                if h.timer is not None:
                    timer = h.timer
                elif h.fra and h.til:
                    timer = (h.til.hour * 60 + h.til.minute - h.fra.hour * 60 - h.fra.minute) / 60
                else:
                    continue
                if h.dokumentasjon not in oppsett.tellende[trinn]:
                    continue
                teller[h.fag] += timer
                andel = teller[h.fag] / fagene[h.fag]
                for rid, terskel, sml, frist_dager in oppsett.fagtimer[trinn]:
                    if (h.fag, rid) not in utlost and _over(andel, terskel, sml):
                        utlost.add((h.fag, rid))
                        if fra <= h.dato:
                            ut.append((eid, rid, h.dato, frist_etter(indeks[h.dato], frist_dager), "aktiv"))

    # 4. Calendar rows: per window of the rule's kind, one per pupil or per school and trinn.
    elever_paa_trinn: dict[str, list[str]] = defaultdict(list)
    skoler_paa_trinn: dict[str, set[str]] = defaultdict(set)
    for elev in elever:
        elever_paa_trinn[elev.trinn].append(elev.elev_id)
        skoler_paa_trinn[elev.trinn].add(elev.skole or "")
    for rid, vindu_type, per, trinnene in oppsett.kalender:
        for vindu in sr.vinduer(vindu_type, date.min, date.max):
            if vindu.slutt < fra:
                continue
            frist_dag = sr.frist_for(rid, vindu)
            utlost_dag = max(vindu.start, fra)
            if vindu.start > dato or frist_dag < fra or utlost_dag > dato:
                continue
            for trinn in trinnene:
                if per == "elev":
                    for eid in elever_paa_trinn[trinn]:
                        ut.append((eid, rid, utlost_dag, frist_dag, "aktiv"))
                else:
                    for skole in skoler_paa_trinn[trinn]:
                        ut.append(((skole, trinn), rid, utlost_dag, frist_dag, "aktiv"))
    return ut


def _dager(
    ut: list[Beslutning],
    *,
    eid: str,
    trinn: str,
    enheter: list[tuple[int, str, float, Hendelse]],
    oppsett: _Oppsett,
    indeks: dict[date, int],
    sem_lo: list[int],
    skoledager: Sequence[date],
    siste: int,
    fra: date,
    frist_etter: Callable[[int, int], date],
) -> None:
    """Fire each days rule once per semester, on the first school day the share is over.

    The share is checked once per absence day, on the day's total (its units taken in event
    order), and on the floor day; it can only rise on an absence day, so those are the only days
    to look at. The letter
    (a rule with exceptions) is held back, once, while the share without the excepted days is
    not over; it becomes active on the first later check where it is.
    """
    regler = oppsett.dager[trinn]
    koder = oppsett.dagkoder[trinn]
    unntak_per_arsak = oppsett.unntak[trinn]
    gulvene = sorted({g for _, _, g, _, _, _ in regler if g > 0})  # the rules' floors (minimum school days)

    lo = -1  # first school-day index of the current semester
    teller = 0.0
    unntatt: dict[str, float] = {}
    perioder: dict[str, tuple[int, int]] = {}  # per leave exception: the running leave's first and last day
    fyrt: set[str] = set()
    holdt_tilbake: set[str] = set()
    dag_naa, brukt = -1, 0.0  # a school day counts at most 1.0, however many events cover it
    rekke_siste: int | None = None  # the current sickness run: last day, days, amount, excepted yet
    rekke_dager, rekke_mengde, rekke_godkjent = 0, 0.0, False
    sist_sjekket = -1

    def sjekk(dag: int) -> None:
        holdt = dag - lo + 1
        for rid, terskel, rgulv, sml, unntak, frist_dager in regler:
            if rid in fyrt or holdt < rgulv or not _over(teller / holdt, terskel, sml):
                continue
            status = "aktiv"
            if unntak:
                uten = teller - sum(unntatt.get(u, 0.0) for u in unntak if unntatt.get(u, 0.0) > 0)
                if not _over(uten / holdt, terskel, sml):
                    if rid in holdt_tilbake:
                        continue
                    holdt_tilbake.add(rid)
                    status = "holdt_tilbake"
            if status == "aktiv":
                fyrt.add(rid)
            if skoledager[dag] >= fra:
                ut.append((eid, rid, skoledager[dag], frist_etter(dag, frist_dager), status))

    def sjekk_gulvdager(foer: int) -> None:
        # the floor days that lie between the last absence day checked and ``foer``
        for gulv in gulvene:
            gulvdag = lo + gulv - 1
            if sist_sjekket < gulvdag < foer and gulvdag <= siste and sem_lo[gulvdag] == lo:
                sjekk(gulvdag)

    for nr, (dag, _hid, enhet, h) in enumerate(enheter, start=1):
        if sem_lo[dag] != lo:
            if lo >= 0:
                sjekk_gulvdager(len(sem_lo))
            lo = sem_lo[dag]
            teller, unntatt, perioder, fyrt, holdt_tilbake = 0.0, {}, {}, set(), set()
            dag_naa, brukt = -1, 0.0
            rekke_mengde = 0.0  # a sickness run goes on across the break; its amount is per semester
            sist_sjekket = -1
        if dag != sist_sjekket:
            sjekk_gulvdager(dag)
            sist_sjekket = dag
        if h.kode in koder:
            if dag != dag_naa:
                dag_naa, brukt = dag, 0.0
            mengde = max(0.0, min(enhet, 1.0 - brukt))
            brukt += mengde
            teller += mengde
            for uid, tidlig, minst in unntak_per_arsak.get(h.arsak, ()):
                if tidlig is not None:
                    # a leave: consecutive school days with the cause (one row or a row per day)
                    forrige = perioder.get(uid)
                    start = forrige[0] if forrige is not None and dag - forrige[1] <= 1 else max(indeks[h.dato], lo)
                    perioder[uid] = (start, dag)
                    if start - lo + 1 > tidlig:
                        continue  # leave that began after the first school days of the semester
                if minst is not None:
                    # sickness: only a run of at least ``minst`` consecutive school days is excepted
                    if rekke_siste != dag:
                        if rekke_siste == dag - 1:
                            rekke_dager += 1
                        else:
                            rekke_dager, rekke_mengde, rekke_godkjent = 1, 0.0, False
                    rekke_siste = dag
                    rekke_mengde += mengde
                    if rekke_godkjent:
                        unntatt[uid] = unntatt.get(uid, 0.0) + mengde
                    elif rekke_dager >= minst:
                        rekke_godkjent = True
                        unntatt[uid] = unntatt.get(uid, 0.0) + rekke_mengde
                    continue
                unntatt[uid] = unntatt.get(uid, 0.0) + mengde
        if nr < len(enheter) and enheter[nr][0] == dag:
            continue  # more units on this day: check its total
        sjekk(dag)
    if lo >= 0:
        sjekk_gulvdager(len(sem_lo))


# --------------------------------------------------------------------------- measuring


def _objektbygger(resultat: Resultat) -> Callable[[], Any]:
    """A function that only builds the result's value objects again, from their field values.

    Its time (with the garbage collection those objects cause, in the same heap) is a lower bound
    on what returning :class:`Resultat` costs on top of the decisions, whatever the engine does.
    """
    tiltak = [tuple(getattr(t, f.name) for f in attrs.fields(Tiltak)) for t in resultat.tiltak]
    linjer = [tuple(getattr(o, f.name) for f in attrs.fields(Oversiktslinje)) for o in resultat.oversikt]

    def bygg() -> Any:
        # the engine's own constructors (faster than attrs' frozen __init__, same objects)
        return [_nytt_tiltak(*x) for x in tiltak], [_ny_linje(*x) for x in linjer]

    return bygg


def _tid(fns: dict[str, Callable[[], Any]], gjentak: int) -> tuple[dict[str, tuple[float, float]], dict[str, Any]]:
    """Best wall-clock (perf_counter) and CPU (process_time) seconds of each function.

    The functions are run in turn, ``gjentak`` rounds, so a busy machine slows them alike.
    """
    beste: dict[str, tuple[float, float]] = dict.fromkeys(fns, (math.inf, math.inf))
    svar: dict[str, Any] = {}
    for _ in range(gjentak):
        for navn, fn in fns.items():
            svar.pop(navn, None)
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            svar[navn] = fn()
            vegg, cpu = time.perf_counter() - t0, time.process_time() - c0
            beste[navn] = (min(beste[navn][0], vegg), min(beste[navn][1], cpu))
    return beste, svar


def _mib(byte: float) -> str:
    return f"{byte / 2**20:,.1f} MiB".replace(",", " ").replace(".", ",")


def _tall(x: float, desimaler: int = 0) -> str:
    return f"{x:,.{desimaler}f}".replace(",", " ").replace(".", ",")


def beslutninger(resultat: Resultat) -> Counter[Beslutning]:
    """The engine's decisions: one per action."""
    return Counter(
        (t.elev_id if t.elev_id is not None else (t.skole or "", t.trinn), t.regel, t.utlost, t.frist, t.status)
        for t in resultat.tiltak
    )


def _avvik(motor: Counter[Beslutning], lokke: Counter[Beslutning]) -> str:
    bare_motor = motor - lokke
    bare_lokke = lokke - motor
    linjer = [f"AVVIK: {sum(bare_motor.values())} bare fra motoren, {sum(bare_lokke.values())} bare fra løkka."]
    for navn, c in (("bare motoren", bare_motor), ("bare løkka", bare_lokke)):
        per_regel = Counter(f"{b[1]} ({b[4]})" for b in c.elements())
        if per_regel:
            linjer.append(f"  {navn} per regel: {dict(sorted(per_regel.items()))}")
        for b in sorted(c, key=repr)[:10]:
            linjer.append(f"  {navn}: {b[0]} {b[1]} {b[2].isoformat()} frist {b[3].isoformat()} {b[4]}")
    return "\n".join(linjer)


def _arbeidsminne(kjor: Callable[[], Resultat]) -> tuple[int, int, int]:
    """(peak, result kept, actions) of one call under tracemalloc: peak minus result is the
    engine's working memory (its state, indexes and temporaries)."""
    gc.collect()
    tracemalloc.start()
    resultat = kjor()
    gc.collect()
    beholdt, topp = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return topp, beholdt, len(resultat.tiltak)


def _minnefordeling(
    regelsett: Regelsett,
    elever: list[Elev],
    fag: list[Fag],
    hendelser: list[Hendelse],
    sr: Skolerute,
    *,
    dato: date,
    fra: date,
) -> None:
    """Where the memory goes, per pupil and per event.

    The engine is run twice on the same pupils, with every event and with every other event.
    Working memory (peak minus the result) is modelled as ``a + b × events``: ``b`` is what the
    engine holds per event (the duplicate index, the per-pupil lists and the day units), ``a``
    what it holds regardless (per pupil, and the compiled rules). The input objects are the
    caller's; their size is measured once.
    """
    gc.collect()
    tracemalloc.start()
    kopi = [_hendelse(_som_rad(h), Kilde("hendelser", i)) for i, h in enumerate(hendelser[:20_000], start=2)]
    per_hendelse_inn = tracemalloc.get_traced_memory()[0] / max(1, len(kopi))
    tracemalloc.stop()
    del kopi
    maalinger = []
    for utvalg in (hendelser, hendelser[::2]):
        topp, beholdt, tiltak = _arbeidsminne(
            lambda utvalg=utvalg: evaluate(regelsett, elever, utvalg, sr, dato, fag=fag, fra=fra)
        )
        maalinger.append((len(utvalg), topp - beholdt, beholdt, tiltak))
    (n1, arb1, res1, t1), (n2, arb2, _, _) = maalinger
    per_hendelse = (arb1 - arb2) / (n1 - n2)
    fast = arb1 - per_hendelse * n1
    print(
        f"Arbeidsminne (topp minus resultat): {_mib(arb1)} med alle hendelsene, {_mib(arb2)} med annenhver; "
        f"det gir {_tall(per_hendelse)} B per hendelse og {_mib(fast)} ellers "
        f"({_tall(fast / len(elever))} B per elev)"
    )
    print(
        f"Resultatet: {_mib(res1)} ({_tall(res1 / max(1, t1))} B per tiltak, med oversikten); "
        f"inndata: {_tall(per_hendelse_inn)} B per hendelse (kallerens objekter, målt på 20 000)"
    )


def _som_rad(h: Hendelse) -> dict[str, str]:
    """An event back as the row a reader would get (to measure the reader's objects)."""
    felt = {
        "elev_id": h.elev_id,
        "dato": h.dato.isoformat(),
        "type": h.type,
        "kode": h.kode,
        "dager": None if h.dager is None else repr(h.dager),
        "timer": None if h.timer is None else repr(h.timer),
        "fra": h.fra.strftime("%H:%M") if h.fra else None,
        "til": h.til.strftime("%H:%M") if h.til else None,
        "fag": h.fag,
        "arsak": h.arsak,
        "dokumentasjon": h.dokumentasjon,
        "hendelse_id": h.hendelse_id,
    }
    return {k: v for k, v in felt.items() if v is not None}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Ytelsestest: motoren mot en enkel håndskrevet løkke.")
    p.add_argument("--elever", type=int, default=60_000, help="omtrent antall elever (standard 60 000)")
    p.add_argument("--elever-per-klasse", type=int, default=12, help="elever per trinn og skole (standard 12)")
    p.add_argument("--seed", type=int, default=2026, help="frø for datageneratoren (standard 2026)")
    p.add_argument("--gjentak", type=int, default=1, help="tidsmål hver del så mange ganger, vis beste (standard 1)")
    p.add_argument("--uten-tracemalloc", action="store_true", help="hopp over minnemålingen med tracemalloc")
    p.add_argument("--profil", type=int, metavar="N", default=0, help="profiler evaluate og vis de N dyreste")
    args = p.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)  # show progress when the output is redirected

    sr = load_skolerute(finn_datafil("rutiner", "skolerute-2026-27.yaml"))
    rutiner = [load_routine(f) for f in standardrutiner()]
    fra, dato = sr.skoledager[0], sr.skoledager[-1]

    t0 = time.perf_counter()
    elever, fag, hendelser = lag_data(sr, args.elever, args.elever_per_klasse, args.seed)
    t_data = time.perf_counter() - t0
    t0 = time.perf_counter()
    regelsett = Regelsett(rutiner)
    t_kompiler = time.perf_counter() - t0

    print(f"Skolerute {sr.id}: {fra.isoformat()} til {dato.isoformat()} ({len(sr.skoledager)} skoledager)")
    print(
        f"Data: {_tall(len(elever))} elever, {_tall(len(fag))} fagrader, {_tall(len(hendelser))} hendelser "
        f"(seed {args.seed}), laget på {_tall(t_data, 2)} s"
    )
    print(f"Regelsett kompilert på {_tall(t_kompiler * 1000, 1)} ms")

    def kjor_motor() -> Any:
        return evaluate(regelsett, elever, hendelser, sr, dato, fag=fag, fra=fra)

    def kjor_lokke() -> Any:
        return handskrevet_lokke(rutiner, elever, fag, hendelser, sr, dato=dato, fra=fra)

    tider, svar = _tid({"motor": kjor_motor, "lokke": kjor_lokke}, args.gjentak)
    resultat, lokke = svar["motor"], svar["lokke"]
    (t_motor, c_motor), (t_lokke, c_lokke) = tider["motor"], tider["lokke"]

    if resultat.antall.avvist:
        print(f"Motoren avviste {resultat.antall.avvist} rader; første: {resultat.avvist[0].melding}")
        return 1
    motor_b = beslutninger(resultat)
    lokke_b: Counter[Beslutning] = Counter(lokke)
    if motor_b != lokke_b:
        print(_avvik(motor_b, lokke_b))
    assert motor_b == lokke_b, "motoren og løkka er uenige (se over)"

    per_regel = Counter(b[1] if b[4] == "aktiv" else f"{b[1]} ({b[4]})" for b in motor_b.elements())
    kalender = sum(1 for t in resultat.tiltak if t.kategori == "kalender")
    print(
        f"Like beslutninger: {_tall(sum(per_regel.values()))}, alle tiltakene motoren laget "
        f"({_tall(kalender)} kalenderrader); per regel:"
    )
    for r, n in sorted(per_regel.items()):
        print(f"  {r:42}{_tall(n):>8}")
    print(f"Motoren laget også {_tall(len(resultat.oversikt))} oversiktslinjer (løkka ingen)")
    print()
    n = len(hendelser)
    print(f"{'':22}{'sekunder':>10}{'hendelser/s':>14}{'CPU-sekunder':>14}")
    print(f"{'motor (evaluate)':22}{_tall(t_motor, 3):>10}{_tall(n / t_motor):>14}{_tall(c_motor, 3):>14}")
    print(f"{'håndskrevet løkke':22}{_tall(t_lokke, 3):>10}{_tall(n / t_lokke):>14}{_tall(c_lokke, 3):>14}")
    forhold = t_motor / t_lokke
    print(
        f"Forhold motor/løkke: {_tall(forhold, 2)}× (CPU-tid: {_tall(c_motor / c_lokke, 2)}×; mål: innenfor 1,5×) "
        f"{'– innenfor målet' if forhold <= 1.5 else '– over målet'}"
    )
    if args.gjentak > 1:
        print(f"(beste av {args.gjentak} omganger for hver)")
    # The lower bound: only the result objects, made again with the engine's and the loop's
    # results released, so the heap is the one the engine started from.
    bygg, antall_t, antall_o = _objektbygger(resultat), len(resultat.tiltak), len(resultat.oversikt)
    del resultat, lokke, motor_b, lokke_b
    svar.clear()
    t_objekter = _tid({"objekter": bygg}, args.gjentak)[0]["objekter"][0]
    print(
        f"Bare å lage resultatobjektene ({_tall(antall_t)} Tiltak og {_tall(antall_o)} Oversiktslinje med de "
        f"samme verdiene): {_tall(t_objekter, 3)} s. En motor som tok beslutningene like raskt som løkka, ville da "
        f"gitt minst {_tall((t_lokke + t_objekter) / t_lokke, 2)}×."
    )

    if not args.uten_tracemalloc:
        gc.collect()
        tracemalloc.start()
        kjor_motor()
        _, topp = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"Toppminne under evaluate (tracemalloc): {_mib(topp)}")
        _minnefordeling(regelsett, elever, fag, hendelser, sr, dato=dato, fra=fra)
    maks_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux and in bytes on macOS
    print(f"Maks RSS for prosessen (getrusage): {_mib(maks_rss if sys.platform == 'darwin' else maks_rss * 1024)}")

    if args.profil:
        prof = cProfile.Profile()
        prof.runcall(kjor_motor)
        print()
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(args.profil)
    return 0


if __name__ == "__main__":
    sys.exit(main())
