"""Fictional example data: a small municipality with one kindergarten, one primary and lower
secondary school and one upper secondary school, and a semester of absence events.

Every name and id is made up. The generator is deterministic (fixed seed), so the bundled files
in ``eksempel/`` can be regenerated exactly with ``python -m fravarsregler._eksempel eksempel``.
The same generator, with more pupils, feeds the benchmark in ``bench/``.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from ._skolerute import Skolerute

__all__ = ["lag_eksempeldata", "skriv_eksempeldata", "som_kildekoder"]

SKOLER = {
    "bhg": "Nordlys barnehage",
    "grunnskole": "Fjordvik skole",
    "vgs": "Havblikk videregående skole",
}
VGS_FAG = (("norsk", 112.5), ("matematikk", 105.0), ("engelsk", 105.0), ("naturfag", 105.0), ("kroppsøving", 56.25))
TIMER = (
    ("08:30", "09:15"),
    ("09:15", "10:00"),
    ("10:15", "11:00"),
    ("11:00", "11:45"),
    ("12:15", "13:00"),
    ("13:00", "13:45"),
)


def _fodselsdato(rng: random.Random, trinn: str, skoleaar_start: int) -> date:
    if trinn == "bhg":
        alder = rng.randint(1, 5)
    elif trinn.startswith("vg"):
        alder = 15 + int(trinn[2:])
    else:
        alder = 5 + int(trinn)
    # born in the year that gives this age at the start of the school year (Jan-Dec)
    aar = skoleaar_start - alder
    return date(aar, 1, 1) + timedelta(days=rng.randint(0, 364))


def lag_eksempeldata(
    skolerute: Skolerute,
    *,
    elever_per_klasse: int = 12,
    skoler: int = 1,
    seed: int = 2026,
    til: date | None = None,
    spesialtilfeller: bool = True,
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    """Pupils, subjects and events as lists of row dicts (all values strings)."""
    rng = random.Random(seed)
    start = skolerute.semestre[0].forste_skoledag
    skoledager = [d for d in skolerute.skoledager if til is None or d <= til]
    elever: list[dict[str, str]] = []
    fag: list[dict[str, str]] = []
    hendelser: list[dict[str, str]] = []
    trinnliste = ["bhg", *[str(i) for i in range(1, 11)], "vg1", "vg2", "vg3"]
    teller = 0
    for s in range(skoler):
        for trinn in trinnliste:
            skole = SKOLER["bhg" if trinn == "bhg" else "vgs" if trinn.startswith("vg") else "grunnskole"]
            if skoler > 1:
                skole = f"{skole} {s + 1}"
            for n in range(elever_per_klasse):
                teller += 1
                eid = f"E{teller:06d}"
                f = _fodselsdato(rng, trinn, start.year)
                elever.append(
                    {
                        "elev_id": eid,
                        "trinn": trinn,
                        "fodselsdato": f.isoformat(),
                        "klasse": f"{trinn.upper()}A" if trinn != "bhg" else "Blåbær",
                        "skole": skole,
                        "samtykke_foresatte": "ja" if rng.random() < 0.5 else "nei",
                    }
                )
                if trinn.startswith("vg"):
                    for navn, timer in VGS_FAG:
                        fag.append({"elev_id": eid, "fag": navn, "arstimer": f"{timer:g}".replace(".", ",")})
                hendelser.extend(_tilfeldige_hendelser(rng, eid, trinn, skoledager, n))
    if spesialtilfeller:
        hendelser.extend(_spesialtilfeller(elever, skoledager))
    for i, h in enumerate(hendelser, start=1):
        h["hendelse_id"] = f"H{i:07d}"
    return elever, fag, hendelser


def _tilfeldige_hendelser(
    rng: random.Random, eid: str, trinn: str, skoledager: list[date], n: int
) -> Iterator[dict[str, str]]:
    vgs = trinn.startswith("vg")
    # a few pupils are often away; most rarely
    hyppighet = 0.05 if n % 7 == 0 else 0.015
    for d in skoledager:
        if rng.random() >= hyppighet:
            continue
        r = rng.random()
        if trinn == "bhg":
            if r < 0.05:
                yield {"elev_id": eid, "dato": d.isoformat(), "type": "vegring"}
            else:
                yield {
                    "elev_id": eid,
                    "dato": d.isoformat(),
                    "type": "fravaer",
                    "kode": "F",
                    "dager": "1",
                    "arsak": "sykdom",
                }
        elif vgs:
            navn = VGS_FAG[rng.randrange(len(VGS_FAG))][0]
            fra, til = TIMER[rng.randrange(len(TIMER))]
            kode = "UF" if r < 0.2 else "S" if r < 0.3 else "F"
            dok = rng.choice(("ingen", "helse_egenmeldt", "helse_dokumentert", "annen_gyldig"))
            yield {
                "elev_id": eid,
                "dato": d.isoformat(),
                "type": "fravaer",
                "kode": kode,
                "timer": "0,75",
                "fra": fra,
                "til": til,
                "fag": navn,
                "arsak": "sykdom" if dok.startswith("helse") else "annet",
                "dokumentasjon": dok,
            }
        elif r < 0.15:
            fra, til = TIMER[rng.randrange(len(TIMER))]
            yield {
                "elev_id": eid,
                "dato": d.isoformat(),
                "type": "fravaer",
                "kode": "UF",
                "timer": "0,75",
                "fra": fra,
                "til": til,
            }
        elif r < 0.25:
            yield {"elev_id": eid, "dato": d.isoformat(), "type": "fravaer", "kode": "S", "timer": "0,25"}
        elif r < 0.27:
            yield {"elev_id": eid, "dato": d.isoformat(), "type": "vegring"}
        else:
            dager = "1" if r < 0.9 else "0,5"
            yield {
                "elev_id": eid,
                "dato": d.isoformat(),
                "type": "fravaer",
                "kode": "F",
                "dager": dager,
                "arsak": "sykdom",
            }


def _spesialtilfeller(elever: list[dict[str, str]], skoledager: list[date]) -> Iterator[dict[str, str]]:
    """The document's own cases, on fixed pupils, so the demo shows each of them."""

    def forste(trinn: str) -> dict[str, str]:
        return next(e for e in elever if e["trinn"] == trinn)

    dag = skoledager
    # 9th grade: a run of absence crossing 10 % in October
    ni = forste("9")["elev_id"]
    for d in dag[30:40:2]:
        yield {"elev_id": ni, "dato": d.isoformat(), "type": "fravaer", "kode": "F", "dager": "1", "arsak": "annet"}
    for d in dag[41:44]:
        yield {"elev_id": ni, "dato": d.isoformat(), "type": "fravaer", "kode": "UF", "dager": "1"}
    # 6th grade: unannounced absence from a lesson
    seks = forste("6")["elev_id"]
    yield {
        "elev_id": seks,
        "dato": dag[25].isoformat(),
        "type": "fravaer",
        "kode": "UF",
        "timer": "0,75",
        "fra": "10:15",
        "til": "11:00",
    }
    # 3rd grade and kindergarten: the child will not come
    yield {"elev_id": forste("3")["elev_id"], "dato": dag[20].isoformat(), "type": "vegring"}
    yield {"elev_id": forste("bhg")["elev_id"], "dato": dag[21].isoformat(), "type": "vegring"}
    # 7th grade: a hospital stay holds the letter back
    sju = forste("7")["elev_id"]
    yield {
        "elev_id": sju,
        "dato": dag[12].isoformat(),
        "type": "fravaer",
        "kode": "F",
        "dager": "4",
        "arsak": "sykehus",
        "dokumentasjon": "helse_dokumentert",
    }
    # vg2: subject warning, then over the national limit in mathematics
    vg2 = forste("vg2")["elev_id"]
    for i, d in enumerate(dag[5:60:4]):
        yield {
            "elev_id": vg2,
            "dato": d.isoformat(),
            "type": "fravaer",
            "kode": "UF",
            "timer": "0,75",
            "fra": TIMER[i % len(TIMER)][0],
            "til": TIMER[i % len(TIMER)][1],
            "fag": "matematikk",
        }


def som_kildekoder(rad: dict[str, str]) -> dict[str, str]:
    """An event row as the example school system of ``eksempel/kodekart.yaml`` would export it:
    its own codes, with the cause or documentation a code always means left out of the row."""
    rad = dict(rad)
    kode, arsak, dok = (rad.get(k, "") for k in ("kode", "arsak", "dokumentasjon"))
    if rad["type"] != "fravaer":
        return rad
    if kode == "S":
        rad["kode"] = "SE"
    elif kode == "UF":
        rad["kode"] = "!"
    elif (arsak, dok) == ("sykehus", "helse_dokumentert"):
        rad.update(kode="SH", arsak="", dokumentasjon="")
    elif (arsak, dok) == ("sykdom", "helse_dokumentert"):
        rad["kode"] = "LE"  # the row keeps the same values as the map: allowed
    elif (arsak, dok) == ("sykdom", ""):
        rad.update(kode="SY", arsak="")
    elif arsak == "permisjon":
        rad.update(kode="PE", arsak="")
    return rad


def skriv_eksempeldata(mappe: Path, skolerute: Skolerute, **kw: object) -> tuple[Path, ...]:
    """Write ``elever.csv``, ``fag.csv``, ``hendelser.csv`` and ``hendelser-kildekoder.csv`` (the
    same events in the example school system's codes, for ``--kodekart eksempel/kodekart.yaml``),
    ``;``-separated, to ``mappe``."""
    elever, fag, hendelser = lag_eksempeldata(skolerute, **kw)  # type: ignore[arg-type]
    mappe.mkdir(parents=True, exist_ok=True)
    stier = (
        mappe / "elever.csv",
        mappe / "fag.csv",
        mappe / "hendelser.csv",
        mappe / "hendelser-kildekoder.csv",
    )
    kolonner = (
        ["elev_id", "trinn", "fodselsdato", "klasse", "skole", "samtykke_foresatte"],
        ["elev_id", "fag", "arstimer"],
        [
            "hendelse_id",
            "elev_id",
            "dato",
            "type",
            "kode",
            "dager",
            "timer",
            "fra",
            "til",
            "fag",
            "arsak",
            "dokumentasjon",
        ],
    )
    kildekoder = [som_kildekoder(r) for r in hendelser]
    innhold = (elever, fag, hendelser, kildekoder)
    for sti, rader, navn in zip(stier, innhold, (*kolonner, kolonner[-1]), strict=True):
        with sti.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=navn, delimiter=";", lineterminator="\n")
            w.writeheader()
            w.writerows(rader)
    return stier


if __name__ == "__main__":  # pragma: no cover - regenerates the bundled files
    from ._paths import finn_datafil
    from ._skolerute import load_skolerute

    sr = load_skolerute(finn_datafil("rutiner", "skolerute-2026-27.yaml"))
    ut = Path(sys.argv[1] if len(sys.argv) > 1 else "eksempel")
    for p in skriv_eksempeldata(ut, sr, til=date(2026, 11, 26)):
        print(p)
