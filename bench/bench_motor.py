"""Benchmark: the engine on a synthetic county against a plain hand-written loop.

Run from the repository root (with the package installed)::

    python bench/bench_motor.py [--elever 60000] [--seed N]

The data is built in memory with the example generator (``fravarsregler._eksempel``) for a full
school year of the shipped skolerute. Two implementations then make the core decisions on the
same objects in the same process:

(a) :func:`fravarsregler.evaluate` with a precompiled :class:`Regelsett`;
(b) :func:`handskrevet_lokke` below: one plain loop per pupil with running counts.

Both must produce the same multiset of ``(elev_id, regel, utlost)`` for the core rules, or the
script stops with a mismatch summary. See bench/README.md for what is measured and the aim.
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
from datetime import date
from datetime import time as klokkeslett
from typing import Any

from fravarsregler import Elev, Fag, Hendelse, Regelsett, Rutine, Skolerute, evaluate, load_routine, load_skolerute
from fravarsregler._eksempel import lag_eksempeldata

# The readers' own row parsers: the same checks and normalisation as reading a CSV file.
from fravarsregler._inndata import Kilde, _elev, _fag, _hendelse
from fravarsregler._kommandoer import standardrutiner
from fravarsregler._paths import finn_datafil

#: The rules both implementations decide. ``bekymringsbrev`` (same trigger as
#: ``bekymringsfullt-fravaer`` but held back by the vedlegg-1 exceptions) and the calendar rows
#: are made by the engine only, so the engine does strictly more work than the loop.
KJERNEREGLER = (
    "bekymringsfullt-fravaer",
    "etterlys-uvarslet-fravaer",
    "vegring-samme-dag",
    "varselbrev-fagfravaer",
    "fravaersgrense-overskredet",
)

Beslutning = tuple[str, str, date]


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


def _sammenlign(andel: float, terskel: float, sammenligning: str) -> bool:
    # The engine's comparison: on a 1e-9 grid, so 2/20 equals 0.1.
    a, t = round(andel, 9), round(terskel, 9)
    return a >= t if sammenligning == "minst" else a > t


class _Oppsett:
    """What the loop needs from the loaded routines, read once per semester.

    The loop supports one version per routine and no dated parameter value taking effect inside
    the school calendar (true for the shipped routines and the 2026-27 calendar).

    The rule ids, thresholds, floors and counted documentation types come from the YAML (through
    each rule's ``utloser``); the loop hard-codes only the meaning of each trigger type.
    """

    def __init__(self, rutiner: Sequence[Rutine], sr: Skolerute) -> None:
        ider = [r.id for r in rutiner]
        if len(ider) != len(set(ider)):
            raise SystemExit("Løkka støtter bare én versjon per rutine.")
        self.semestre = list(sr.semestre)
        # per trinn: [(hendelse type, codes or None for all, rule id)]
        self.hendelse: dict[str, list[tuple[str, frozenset[str] | None, str]]] = defaultdict(list)
        # per (semester index, trinn): [(rule id, threshold, floor, comparison)] and counted codes
        self.dager: dict[tuple[int, str], list[tuple[str, float, int, str]]] = defaultdict(list)
        self.dagkoder: dict[tuple[int, str], frozenset[str]] = {}
        self.dagtrinn: set[str] = set()
        # per (semester index, trinn): [(rule id, threshold, comparison)] and counted documentation
        self.fagtimer: dict[tuple[int, str], list[tuple[str, float, str]]] = defaultdict(list)
        self.tellende: dict[tuple[int, str], frozenset[str]] = {}
        for r in rutiner:
            self._sjekk_uendret(r, sr.skoledager[0], sr.skoledager[-1])
            for s_nr, sem in enumerate(self.semestre):
                dag = sem.forste_skoledag
                sein = r.parametere.get("sein_teller_som_fravaer")
                koder = {"F", "UF"} | ({"S"} if sein is not None and sein.verdi_paa(dag) is True else set())
                for regel in r.regler():
                    u = regel.utloser
                    if regel.id not in KJERNEREGLER:
                        continue
                    for trinn in regel.trinn:
                        nokkel = (s_nr, trinn)
                        if u.type == "hendelse" and u.hendelse and s_nr == 0:
                            self.hendelse[trinn].append((u.hendelse, frozenset(u.koder) or None, regel.id))
                        elif u.type == "terskel" and u.maal == "skoledager" and not u.unntak:
                            gulv = int(r.verdi(u.minste_nevner, dag)) if u.minste_nevner else 0  # type: ignore[arg-type]
                            terskel = float(r.verdi(u.terskel, dag))  # type: ignore[arg-type]
                            self.dager[nokkel].append((regel.id, terskel, gulv, u.sammenligning))
                            self.dagkoder[nokkel] = frozenset(koder)
                            self.dagtrinn.add(trinn)
                        elif u.type == "terskel" and u.maal == "fagtimer":
                            terskel = float(r.verdi(u.terskel, dag))  # type: ignore[arg-type]
                            self.fagtimer[nokkel].append((regel.id, terskel, u.sammenligning))
                            tell = r.verdi(u.tellende_dokumentasjon, dag) if u.tellende_dokumentasjon else ("ingen",)
                            self.tellende[nokkel] = frozenset(tell if isinstance(tell, tuple) else (str(tell),))

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
    """The core decisions, written as directly as we can in plain Python.

    Assumes valid input (every event on a school day of a known pupil, no duplicates): the
    benchmark checks that the engine rejected no row.
    """
    oppsett = _Oppsett(rutiner, sr)
    skoledager = sr.skoledager
    indeks = {d: i for i, d in enumerate(skoledager)}
    # semester number and first index of that semester, for each school-day index
    sem_nr: list[int] = []
    sem_lo: list[int] = []
    for s_nr, sem in enumerate(oppsett.semestre):
        dager = sr.skoledager_i_semester(sem)
        lo = indeks[dager[0]] if dager else 0
        sem_nr.extend([s_nr] * len(dager))
        sem_lo.extend([lo] * len(dager))
    siste = indeks.get(dato)
    if siste is None:
        siste = max((i for i, d in enumerate(skoledager) if d <= dato), default=-1)

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

        # 1. Event rules: an unannounced absence is chased, a refusal is handled the same day.
        hregler = oppsett.hendelse.get(trinn)
        if hregler:
            for h in hs:
                if fra <= h.dato <= dato:
                    for typ, koder, rid in hregler:
                        if h.type == typ and (koder is None or h.kode in koder):
                            ut.append((eid, rid, h.dato))

        # 2. Days measure: absence days / school days held so far in the semester.
        if trinn in oppsett.dagtrinn:
            enheter: list[tuple[int, str, float, str | None]] = []
            for h in hs:
                if h.type != "fravaer" or h.dager is None:
                    continue
                i = indeks[h.dato]
                rest = h.dager
                while rest > 1e-9 and i < len(skoledager):
                    mengde = min(1.0, rest)
                    enheter.append((i, h.id, mengde, h.kode))
                    rest -= mengde
                    i += 1
            enheter.sort()
            _dager_per_semester(
                ut, eid=eid, trinn=trinn, enheter=enheter, oppsett=oppsett, sem_nr=sem_nr, sem_lo=sem_lo,
                skoledager=skoledager, siste=siste, fra=fra,
            )

        # 3. Subject hours (vgs): hours in the subject / the subject's hours for the year.
        fagene = fag_per_elev.get(eid)
        if fagene:
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
                s = sem_nr[indeks[h.dato]]
                regler = oppsett.fagtimer.get((s, trinn))
                if not regler or h.dokumentasjon not in oppsett.tellende[(s, trinn)]:
                    continue
                teller[h.fag] += timer
                andel = teller[h.fag] / fagene[h.fag]
                for rid, terskel, sml in regler:
                    if (h.fag, rid) not in utlost and _sammenlign(andel, terskel, sml):
                        utlost.add((h.fag, rid))
                        if fra <= h.dato:
                            ut.append((eid, rid, h.dato))
    return ut


def _dager_per_semester(
    ut: list[Beslutning],
    *,
    eid: str,
    trinn: str,
    enheter: list[tuple[int, str, float, str | None]],
    oppsett: _Oppsett,
    sem_nr: list[int],
    sem_lo: list[int],
    skoledager: Sequence[date],
    siste: int,
    fra: date,
) -> None:
    """Fire each days rule once per semester, on the first school day the share is over.

    The share can only rise on an absence day, and a rule can first be judged on the floor day,
    so those are the only days to look at (the parameters do not change inside the calendar:
    :class:`_Oppsett` checks that).
    """
    k = 0
    while k < len(enheter):
        s = sem_nr[enheter[k][0]]
        slutt = k
        while slutt < len(enheter) and sem_nr[enheter[slutt][0]] == s:
            slutt += 1
        regler = oppsett.dager.get((s, trinn), ())
        koder = oppsett.dagkoder.get((s, trinn), frozenset())
        lo = sem_lo[enheter[k][0]]
        for rid, terskel, gulv, sml in regler:
            gulvdag = lo + max(gulv, 1) - 1
            teller = 0.0
            j = k
            dag_naa, brukt = -1, 0.0  # a school day counts at most 1.0, however many events cover it
            med_gulv = gulvdag < len(sem_nr) and sem_nr[gulvdag] == s
            kandidater = sorted({e[0] for e in enheter[k:slutt]} | ({gulvdag} if med_gulv else set()))
            for dag in kandidater:
                if dag > siste:
                    break
                while j < slutt and enheter[j][0] <= dag:
                    if enheter[j][3] in koder:
                        if enheter[j][0] != dag_naa:
                            dag_naa, brukt = enheter[j][0], 0.0
                        mengde = min(enheter[j][2], 1.0 - brukt)
                        if mengde > 0:
                            teller += mengde
                            brukt += mengde
                    j += 1
                holdt = dag - lo + 1
                if holdt >= gulv and _sammenlign(teller / holdt, terskel, sml):
                    if skoledager[dag] >= fra:
                        ut.append((eid, rid, skoledager[dag]))
                    break
        k = slutt


# --------------------------------------------------------------------------- measuring


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


def _avvik(motor: Counter[Beslutning], lokke: Counter[Beslutning]) -> str:
    bare_motor = motor - lokke
    bare_lokke = lokke - motor
    linjer = [f"AVVIK: {sum(bare_motor.values())} bare fra motoren, {sum(bare_lokke.values())} bare fra løkka."]
    for navn, c in (("bare motoren", bare_motor), ("bare løkka", bare_lokke)):
        per_regel = Counter(r for (_, r, _) in c.elements())
        if per_regel:
            linjer.append(f"  {navn} per regel: {dict(sorted(per_regel.items()))}")
        for b in sorted(c)[:10]:
            linjer.append(f"  {navn}: {b[0]} {b[1]} {b[2].isoformat()}")
    return "\n".join(linjer)


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
    print(f"Data: {_tall(len(elever))} elever, {_tall(len(fag))} fagrader, {_tall(len(hendelser))} hendelser "
          f"(seed {args.seed}), laget på {_tall(t_data, 2)} s")
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
    motor_b: Counter[Beslutning] = Counter(
        (t.elev_id, t.regel, t.utlost) for t in resultat.tiltak if t.regel in KJERNEREGLER and t.status == "aktiv"
    )
    lokke_b: Counter[Beslutning] = Counter(lokke)
    if motor_b != lokke_b:
        print(_avvik(motor_b, lokke_b))
    assert motor_b == lokke_b, "motoren og løkka er uenige (se over)"

    per_regel = Counter(r for (_, r, _) in motor_b.elements())
    print(f"Like beslutninger for kjernereglene: {_tall(sum(per_regel.values()))} "
          f"({', '.join(f'{r} {_tall(n)}' for r, n in sorted(per_regel.items()))})")
    print(f"Motoren laget i alt {_tall(len(resultat.tiltak))} tiltak og {_tall(len(resultat.oversikt))} "
          "oversiktslinjer (også kalenderrader og bekymringsbrev)")
    print()
    n = len(hendelser)
    print(f"{'':22}{'sekunder':>10}{'hendelser/s':>14}{'CPU-sekunder':>14}")
    print(f"{'motor (evaluate)':22}{_tall(t_motor, 3):>10}{_tall(n / t_motor):>14}{_tall(c_motor, 3):>14}")
    print(f"{'håndskrevet løkke':22}{_tall(t_lokke, 3):>10}{_tall(n / t_lokke):>14}{_tall(c_lokke, 3):>14}")
    forhold = t_motor / t_lokke
    print(f"Forhold motor/løkke: {_tall(forhold, 2)}× (CPU-tid: {_tall(c_motor / c_lokke, 2)}×; mål: innenfor 1,5×) "
          f"{'– innenfor målet' if forhold <= 1.5 else '– over målet'}")
    if args.gjentak > 1:
        print(f"(beste av {args.gjentak} omganger for hver)")

    if not args.uten_tracemalloc:
        del resultat
        svar.clear()
        gc.collect()
        tracemalloc.start()
        kjor_motor()
        _, topp = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"Toppminne under evaluate (tracemalloc): {_mib(topp)}")
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
