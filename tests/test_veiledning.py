"""The staff guide's section on dated values (docs/slik-reviderer-du-rutinen.md) does what it says."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from motorhjelp import elev, en, fravaer, kjor

from fravarsregler import Regelsett, load_routine, load_skolerute, validate
from fravarsregler._dokument import render_markdown

ROT = Path(__file__).resolve().parent.parent
VEILEDNING = ROT / "docs" / "slik-reviderer-du-rutinen.md"
RUTINER = ROT / "rutiner"


def _avsnitt(tittel: str) -> str:
    tekst = VEILEDNING.read_text(encoding="utf-8")
    start = tekst.index(f"## {tittel}\n")
    slutt = tekst.find("\n## ", start + 1)
    return tekst[start : slutt if slutt > 0 else len(tekst)]


def test_daterte_verdier_som_i_veiledningen(tmp_path: Path) -> None:
    avsnitt = _avsnitt("Verdier som endres på en bestemt dato")
    (eksempel,) = re.findall(r"```yaml\n(.*?)```", avsnitt, re.S)
    assert eksempel.startswith("parametere:\n  bekymring_terskel:\n")
    ny = eksempel.removeprefix("parametere:\n")
    tekst = (RUTINER / "grunnskole.yaml").read_text(encoding="utf-8")
    gammel = "  bekymring_terskel:\n    verdi: 0.10\n    enhet: andel\n"
    assert tekst.count(gammel) == 1
    tekst = tekst.replace(gammel, ny).replace(
        "felles: felles.yaml", f"felles: {(RUTINER / 'felles.yaml').as_posix()!r}"
    )
    fil = tmp_path / "grunnskole.yaml"
    fil.write_text(tekst, encoding="utf-8")
    assert validate(fil).problemer == ()
    rutine = load_routine(fil)

    # "fravær før 2027-01-01 vurderes med 10 %, fravær fra og med den datoen med 8 %": 1 day of
    # 11 (9,1 %) is over 8 % but not 10 %
    rs, sr = Regelsett([rutine]), load_skolerute(RUTINER / "skolerute-2026-27.yaml")
    hoest = kjor(rs, sr, date(2026, 9, 2), [elev("E1", "6")], [fravaer("H1", "E1", date(2026, 8, 18))])
    assert [t for t in hoest.tiltak if t.regel == "bekymringsfullt-fravaer"] == []
    vaar = kjor(rs, sr, date(2027, 1, 18), [elev("E1", "6")], [fravaer("H1", "E1", date(2027, 1, 4))])
    assert en(vaar, "bekymringsfullt-fravaer", "E1").begrunnelse.endswith("> 8 % (våren 2027).")

    # the document shows the value at gyldig_fra and then the change, as the guide quotes it
    (sitat,) = re.findall(r"«(10 % \(fra .*?\))»", avsnitt)
    assert sitat == "10 % (fra 1. januar 2027: 8 %)"
    assert sitat in render_markdown([rutine])
