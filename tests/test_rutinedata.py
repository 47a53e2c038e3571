"""Tests that the shipped routine files are valid and hold the document's 36 table rows."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from fravarsregler import Rutine, load_routine, validate
from fravarsregler._cli import run

RUTINER = Path(__file__).resolve().parent.parent / "rutiner"

# The HVA column of the document's four tables ("Håndtering av fravær i barnehage, grunnskole og
# videregående skole", kilde/000_411b7ebd99bae630.txt), typed in from the document, row by row.
# Whitespace is normalised; a word split across a line ("for- seintkomming") is joined.
_HVA_5_7_OG_8_10 = [
    "Fraværsoppfølging er fast tema mellom skole og hjem",
    "Registrering av fravær",
    "Foresatte melder fravær med sms/ e-post",
    "Dersom eleven ikke vil gå på skolen",
    "Fravær rapporteres til rektor",
]
HVA: dict[str, dict[str, list[str]]] = {
    "barnehage": {
        "Barnehagen": [
            "Ta opp fravær som tema og forklare våre rutiner",
            "Fravær meldes av foreldre",
            "Dersom barnet ikke vil gå i barnehagen",
            "Personalet følger med mønster i fravær",
            "Info om skolens fraværsrutiner",
        ],
    },
    "grunnskole": {
        "Grunnskolens 1.-4. trinn": [
            # Two paragraphs in one cell; the document puts no full stop between them.
            "Overgangsmøte mellom barnehage og skole for overføring av informasjon om nye elever "
            "Egen plan under utarbeiding",
            "Fraværoppfølging er fast tema mellom skole og hjem",  # sic, without s
            "Registrering av fravær",
            "Foresatte melder fravær med sms/ e-post",
            "Dersom eleven ikke vil gå på skolen",
            "Fravær rapporteres til rektor",
        ],
        "Grunnskolens 5.-7. trinn": [
            "Overgangsmøte mellom 4. og 5. trinn ved skifte av kontaktlærer",
            *_HVA_5_7_OG_8_10,
        ],
        "Grunnskolens 8.-10. trinn": [
            "Overgangsmøte mellom 7. og 8. trinn ved skifte av kontaktlærer",
            *_HVA_5_7_OG_8_10,
        ],
    },
    "vgs": {
        "Videregående skole": [
            "Overgangsmøte for elever med sakkyndig vurdering.",
            "Overgangsmøte grunnskolen og vgs",
            "Oppstartsamtale med elev og foresatte",
            "Registrering av fravær og forseintkomming",
            "Eleven og/eller foresatte melder fravær",
            "Elevsamtale",
            "Klasselærerråd",
            "Fagfravær og fagsamtaler",
            "Foreldremøte",
            "Foreldresamtale",
            "Elever med bekymringsfullt fravær",
            "Elever med karakteren 1 eller ikke vurdert etter 1.termin",
            "Elever med fare for 1 / IV i standpunkt og 2. halvårskarakter.",
        ],
    },
}

# Rows where the data knowingly differs from the document; each must be fixed in rutiner/ (the
# xfail is strict, so it fails as soon as the data matches and the entry can go).
AVVIK: dict[tuple[str, int], str] = {}


def _norm(tekst: str) -> str:
    return " ".join(tekst.split())


@functools.cache
def _rutine(navn: str) -> Rutine:
    return load_routine(RUTINER / f"{navn}.yaml")


def _rader() -> list[object]:
    params = []
    for rutine, tabeller in HVA.items():
        for tabell, rader in tabeller.items():
            for nr, hva in enumerate(rader, start=1):
                avvik = AVVIK.get((tabell, nr))
                marks = [pytest.mark.xfail(strict=True, reason=avvik)] if avvik else []
                params.append(pytest.param(rutine, tabell, nr, hva, id=f"{tabell}-{nr}", marks=marks))
    return params


class TestLeverteFiler:
    """Every shipped file in rutiner/ is valid, by validate() and by `fravarsregler valider`."""

    @pytest.mark.parametrize("fil", sorted(p.name for p in RUTINER.glob("*.yaml")))
    def test_fil_er_gyldig(self, fil: str) -> None:
        resultat = validate(RUTINER / fil)
        assert resultat.problemer == ()

    def test_valider_uten_argumenter_gir_null(self) -> None:
        ut, feil = io.StringIO(), io.StringIO()
        assert run(["valider"], ut, feil) == 0
        antall = len(list(RUTINER.glob("*.yaml")))
        assert ut.getvalue() == f"Alle {antall} filer er gyldige (0 advarsler).\n"
        assert feil.getvalue() == ""

    @pytest.mark.parametrize("navn", sorted(HVA))
    def test_rutinen_lastes(self, navn: str) -> None:
        rutine = _rutine(navn)
        assert rutine.id == navn
        assert rutine.gyldig_fra < rutine.neste_revisjon


class TestRadene:
    """All 36 rows of the document's tables are in the data, in order, with the document's HVA."""

    def test_antall_rader(self) -> None:
        antall = {navn: [len(s.rader) for s in _rutine(navn).seksjoner] for navn in HVA}
        assert antall == {"barnehage": [5], "grunnskole": [6, 6, 6], "vgs": [13]}
        assert sum(sum(v) for v in antall.values()) == 36

    @pytest.mark.parametrize("navn", sorted(HVA))
    def test_tabellene_i_dokumentets_rekkefolge(self, navn: str) -> None:
        assert [s.tittel for s in _rutine(navn).seksjoner] == list(HVA[navn])

    @pytest.mark.parametrize(("navn", "tabell", "nr", "hva"), _rader())
    def test_hva_er_dokumentets_tekst(self, navn: str, tabell: str, nr: int, hva: str) -> None:
        (seksjon,) = [s for s in _rutine(navn).seksjoner if s.tittel == tabell]
        rad = seksjon.rader[nr - 1]
        assert _norm(rad.hva) == _norm(hva)
        assert rad.kilde == {"tabell": tabell, "rad": nr}

    @pytest.mark.parametrize("navn", sorted(HVA))
    def test_rad_id_er_unik_i_tabellen(self, navn: str) -> None:
        for seksjon in _rutine(navn).seksjoner:
            ider = [r.id for r in seksjon.rader]
            assert len(ider) == len(set(ider)), seksjon.tittel
