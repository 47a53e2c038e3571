"""`fravarsregler diff` on two school calendars: what changed, and the school days that follow."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from clihjelp import SKOLERUTE, kjor

from fravarsregler import diff_skoleruter, load_skolerute
from fravarsregler._diff import skriv_tekst


def _endret(tmp_path: Path, *bytt: tuple[str, str]) -> Path:
    tekst = SKOLERUTE.read_text(encoding="utf-8")
    for gammel, ny in bytt:
        assert tekst.count(gammel) == 1, gammel
        tekst = tekst.replace(gammel, ny)
    fil = tmp_path / "ny.yaml"
    fil.write_text(tekst, encoding="utf-8")
    return fil


# The official calendar moves the winter break a week earlier, adds a planning day in April,
# ends the spring a day earlier, makes the November planning day a school day after all and pins
# a deadline.
ENDRINGER = (
    (
        '  - {navn: "Planleggingsdag", fra: 2026-11-13, til: 2026-11-13}\n',
        '  - {navn: "Planleggingsdag", fra: 2026-11-13, til: 2026-11-13}\n'
        '  - {navn: "Planleggingsdag", fra: 2027-04-30, til: 2027-04-30}\n',
    ),
    (
        '{navn: "Vinterferie", fra: 2027-03-01, til: 2027-03-05}',
        '{navn: "Vinterferie", fra: 2027-02-22, til: 2027-02-26}',
    ),
    ("ekstra_skoledager: []", "ekstra_skoledager: [2026-11-13]"),
    ("frister: {}", "frister: {rapport-til-rektor: 2026-12-11}"),
    ("siste_skoledag: 2027-06-18", "siste_skoledag: 2027-06-17"),
)


def test_endringene_og_skoledagene_de_gir(tmp_path: Path) -> None:
    gammel, ny = load_skolerute(SKOLERUTE), load_skolerute(_endret(tmp_path, *ENDRINGER))
    diff = diff_skoleruter(gammel, ny)
    assert [(e.sti, e.type, e.gammel, e.ny) for e in diff.endringer] == [
        ("semestre/vaar-2027/siste_skoledag", "endret", "2027-06-18", "2027-06-17"),
        ("fridager/Planleggingsdag", "lagt_til", None, "2027-04-30"),
        ("fridager/Vinterferie", "endret", "2027-03-01–2027-03-05", "2027-02-22–2027-02-26"),
        ("ekstra_skoledager/2026-11-13", "lagt_til", None, "2026-11-13"),
        ("frister/rapport-til-rektor", "lagt_til", None, "2026-12-11"),
        ("skoledager/hoest-2026", "endret", 83, 84),
        ("skoledager/hoest-2026/dager", "lagt_til", None, "2026-11-13"),
        ("skoledager/vaar-2027", "endret", 107, 105),
        (
            "skoledager/vaar-2027/dager",
            "fjernet",
            "2027-02-22, 2027-02-23, 2027-02-24, 2027-02-25, 2027-02-26, 2027-04-30, 2027-06-18",
            None,
        ),
        ("skoledager/vaar-2027/dager", "lagt_til", None, "2027-03-01, 2027-03-02, 2027-03-03, 2027-03-04, 2027-03-05"),
    ]
    # the counts agree with the calendars themselves
    assert (len(gammel.skoledager), len(ny.skoledager)) == (190, 189)
    tekst = skriv_tekst(diff)
    assert "  Ny:     skoleåret 2026-27, 189 skoledager" in tekst
    assert "  «Vinterferie»: 2027-03-01–2027-03-05 → 2027-02-22–2027-02-26\n" in tekst
    assert "  «våren 2027», antall skoledager: 107 → 105\n" in tekst
    assert tekst.endswith("Til sammen 5 endringer i skoleruta; de gir 5 endringer i skoledagene.\n")


def test_samme_skolerute_ingen_forskjeller() -> None:
    kode, ut, feil = kjor("diff", SKOLERUTE, SKOLERUTE)
    assert (kode, feil) == (0, "")
    assert ut.endswith("Ingen forskjeller: de to skolerutene har samme innhold.\n")


@pytest.mark.parametrize("fmt", ["tekst", "json"])
def test_kommandolinjen(tmp_path: Path, fmt: str) -> None:
    kode, ut, feil = kjor("diff", SKOLERUTE, _endret(tmp_path, *ENDRINGER), "--format", fmt)
    assert (kode, feil) == (1, "")
    if fmt == "json":
        data = json.loads(ut)
        assert (data["type"], data["forskjeller"], data["antall"]) == ("skolerute", True, {"endringer": 10})
        assert data["endringer"][0]["sti"] == "semestre/vaar-2027/siste_skoledag"
    else:
        assert ut.startswith("Skolerute «skolerute-2026-27» (Vestvågøy kommune)\n")


def test_et_annet_skoleaar_viser_antall_men_ikke_hver_dag(tmp_path: Path) -> None:
    # comparing with another school year: every date differs, so only the counts are shown
    ny = load_skolerute(_endret(tmp_path, ("siste_skoledag: 2027-06-18", "siste_skoledag: 2027-06-17")))
    annet_aar = diff_skoleruter(load_skolerute(SKOLERUTE), attrs.evolve(ny, skoleaar="2027-28"))
    assert "skoledager/vaar-2027" in [e.sti for e in annet_aar.endringer]
    assert not [e for e in annet_aar.endringer if e.sti.endswith("/dager")]


def test_skolerute_og_rutine_kan_ikke_sammenlignes() -> None:
    rutine = Path(__file__).resolve().parent.parent / "rutiner" / "barnehage.yaml"
    kode, ut, feil = kjor("diff", SKOLERUTE, rutine)
    assert (kode, ut) == (2, "")
    assert "kan bare sammenligne to rutinefiler, to fellesfiler eller to skoleruter" in feil


def test_et_navn_med_skraastrek_vises_helt(tmp_path: Path) -> None:
    ny = load_skolerute(_endret(tmp_path, ('{navn: "Høstferie",', '{navn: "Høstferie/uke 40",')))
    tekst = skriv_tekst(diff_skoleruter(load_skolerute(SKOLERUTE), ny))
    assert "  - «Høstferie»: 2026-09-28–2026-10-02\n" in tekst
    assert "  + «Høstferie/uke 40»: 2026-09-28–2026-10-02\n" in tekst
