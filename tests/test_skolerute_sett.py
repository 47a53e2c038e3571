"""valider on a set with a school calendar: the checks that need more than the one file.

A new year's skolerute is usually a copy of last year's; these catch what the copy keeps by
mistake (the id) and deadlines pinned for a rule id that no routine has.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from fravarsregler import validate
from fravarsregler._rutine import validate_files

RUTINER = Path(__file__).resolve().parent.parent / "rutiner"
SKOLERUTE = RUTINER / "skolerute-2026-27.yaml"


def _skolerute(tmp_path: Path, navn: str, *, sr_id: str, skoleaar: str, frister: str = "{}") -> Path:
    """A small valid skolerute: one autumn semester of the school year ``skoleaar``."""
    start = int(skoleaar[:4])
    forste, siste = date(start, 8, 19), date(start, 12, 18)
    while forste.weekday() >= 5:
        forste += timedelta(days=1)
    while siste.weekday() >= 5:
        siste -= timedelta(days=1)
    fil = tmp_path / navn
    fil.write_text(
        "type: skolerute\nformatversjon: 1\n"
        f"id: {sr_id}\n"
        'kommune: "Vestvågøy kommune"\n'
        f'skoleaar: "{skoleaar}"\n'
        "semestre:\n"
        f'  - {{id: hoest, navn: "Høsten {start}", forste_skoledag: {forste}, siste_skoledag: {siste}}}\n'
        f"frister: {frister}\n",
        encoding="utf-8",
    )
    return fil


def _linje(fil: Path, start: str) -> int:
    linjer = fil.read_text(encoding="utf-8").splitlines()
    return next(i for i, linje in enumerate(linjer, 1) if linje.startswith(start))


def test_id_for_et_annet_skoleaar_er_en_advarsel(tmp_path: Path) -> None:
    assert validate(_skolerute(tmp_path, "a.yaml", sr_id="skolerute-2026-27", skoleaar="2026-27")).problemer == ()
    fil = _skolerute(tmp_path, "b.yaml", sr_id="skolerute-2026-27", skoleaar="2027-28")
    resultat = validate(fil)
    assert resultat.gyldig
    (problem,) = resultat.problemer
    assert (problem.linje, problem.alvor, problem.kode) == (_linje(fil, "id:"), "advarsel", "skolerute-id")
    assert problem.melding == (
        "Id-en «skolerute-2026-27» nevner skoleåret 2026-27, men «skoleaar» er 2027-28. Er filen kopiert fra "
        "fjorårets skolerute? Skriv id-en som «skolerute-2027-28»."
    )
    assert problem.forslag == ("skolerute-2027-28",)


def test_samme_id_i_to_skoleruter_er_en_feil_ved_kopien(tmp_path: Path) -> None:
    # last year's file and this year's copy that kept the id: the copy (whose id names another
    # school year) gets the error, whatever the order the files are named in
    fjoraar = _skolerute(tmp_path, "b-fjoraar.yaml", sr_id="skolerute-2026-27", skoleaar="2026-27")
    kopi = _skolerute(tmp_path, "a-kopi.yaml", sr_id="skolerute-2026-27", skoleaar="2027-28")
    for rekkefolge in ([kopi, fjoraar], [fjoraar, kopi]):
        resultater = {Path(r.fil).name: r for r in validate_files(rekkefolge)}
        assert resultater["b-fjoraar.yaml"].problemer == ()
        feil = resultater["a-kopi.yaml"].feil
        assert [(p.linje, p.kode) for p in feil] == [(_linje(kopi, "id:"), "duplikat-id")]
        assert feil[0].melding == (
            f"Skoleruta har samme id «skolerute-2026-27» som {fjoraar} (linje {_linje(fjoraar, 'id:')}). "
            "Gi hver skolerute sin egen id, for eksempel «skolerute-2027-28»."
        )
    # two identical copies: the second named gets it
    kopi2 = tmp_path / "c.yaml"
    shutil.copy(fjoraar, kopi2)
    resultater = {Path(r.fil).name: r for r in validate_files([fjoraar, kopi2])}
    assert resultater["b-fjoraar.yaml"].problemer == ()
    assert [p.melding.endswith("egen id.") for p in resultater["c.yaml"].feil] == [True]


def test_frist_for_en_ukjent_regel_er_en_advarsel_med_forslag(tmp_path: Path) -> None:
    fil = _skolerute(
        tmp_path, "sr.yaml", sr_id="sr-2026-27", skoleaar="2026-27", frister="{rapport-til-rektr: 2026-11-30}"
    )
    # alone there is nothing to compare with
    assert validate_files([fil])[0].problemer == ()
    shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    shutil.copy(RUTINER / "grunnskole.yaml", tmp_path / "grunnskole.yaml")
    resultater = {Path(r.fil).name: r for r in validate_files([tmp_path / "grunnskole.yaml", fil])}
    assert resultater["grunnskole.yaml"].problemer == ()
    (problem,) = resultater["sr.yaml"].problemer
    assert (problem.linje, problem.alvor, problem.kode) == (_linje(fil, "frister:"), "advarsel", "ukjent-regel")
    assert problem.melding == (
        "«frister» nevner regelen «rapport-til-rektr», som ingen av rutinene som valideres sammen med skoleruta "
        "har; fristen blir ikke brukt. Mente du «rapport-til-rektor»?"
    )
    assert problem.forslag == ("rapport-til-rektor",)
