"""Tests for ``fravarsregler evaluer`` and ``fravarsregler demo`` through ``_cli.run``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from clihjelp import SKOLERUTE, evaluer, kjor

from fravarsregler import Resultat, evaluate, load_routine, load_skolerute, read_elever, read_hendelser
from fravarsregler._cli import run
from fravarsregler._kommandoer import skriv_resultat, standardrutiner

ROT = Path(__file__).resolve().parent.parent
ELEVHODE = "elev_id;trinn;fodselsdato;klasse;skole;samtykke_foresatte\n"
HENDELSEHODE = "hendelse_id;elev_id;dato;type;kode;dager;timer;fra;til;fag;arsak;dokumentasjon\n"
TILTAKNOKLER = {
    "regel",
    "versjon",
    "elev_id",
    "trinn",
    "hva",
    "ansvar",
    "mottaker",
    "frist",
    "innhold",
    "sjekklister",
    "hendelser",
    "begrunnelse",
}


def skriv(sti: Path, tekst: str, koding: str = "utf-8") -> Path:
    sti.write_bytes(tekst.encode(koding))
    return sti


@pytest.fixture
def feilfiler(tmp_path: Path) -> tuple[Path, Path]:
    elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;6;2014-01-01;6A;Nordvik skole;nei\n")
    hendelser = skriv(
        tmp_path / "hendelser.csv",
        HENDELSEHODE
        + "H1;E1;2026-09-10;fravaer;UF;;0,75;10:15;11:00;;;\n"  # 2 good
        + "H2;E9;2026-09-10;fravaer;UF;1;;;;;;\n"  # 3 unknown pupil
        + "H3;E1;2026-09-10;fravaer;Q;1;;;;;;\n"  # 4 unknown code
        + "H4;E1;2026-02-30;fravaer;F;1;;;;;;\n"  # 5 impossible date
        + "H5;E1;2027-07-01;fravaer;F;1;;;;;;\n"  # 6 outside the skolerute
        + "H6;E1;2026-09-10;fravaer;F;;-0,75;;;;;\n"  # 7 negative hours
        + "H7;E1;2026-09-11;fravaer;F;1;;;;;;\n"  # 8 duplicate id ...
        + "H7;E1;2026-09-11;fravaer;UF;1;;;;;;\n",  # 9 ... with different content
    )
    return elever, hendelser


class TestAvvisteRader:
    """Bad rows give Norwegian messages with file and line, exit code 1, and results for good rows."""

    def test_tekst(self, feilfiler: tuple[Path, Path]) -> None:
        elever, hendelser = feilfiler
        kode, ut, feil = evaluer(elever, hendelser, "2026-09-14")
        assert kode == 1
        h = str(hendelser)
        assert feil.splitlines() == [
            f"{h}:3: avvist: ukjent elev «E9»",
            f"{h}:4: avvist: ukjent kode «Q» (tillatt: F, S, UF)",
            f"{h}:5: avvist: «dato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD): «2026-02-30»",
            f"{h}:6: avvist: datoen 2027-07-01 er ikke en skoledag (utenfor semestrene i skoleruta "
            "«skolerute-2026-27»)",
            f"{h}:7: avvist: «timer» må være større enn 0 og høyst 24, ikke -0,75",
            f"{h}:8: avvist: hendelse_id «H7» står på flere rader med ulikt innhold (linje 8, 9)",
            f"{h}:9: avvist: hendelse_id «H7» står på flere rader med ulikt innhold (linje 8, 9)",
        ]
        assert "Traceback" not in feil
        assert "regel etterlys-uvarslet-fravaer (versjon 2022.1)" in ut
        assert "2026-09-10 kl. 11:00  E1 (6. trinn, 6A, Nordvik skole)" in ut
        assert "Inndata: 9 rader lest, 2 brukt, 7 avvist." in ut

    def test_json(self, feilfiler: tuple[Path, Path]) -> None:
        elever, hendelser = feilfiler
        kode, ut, feil = evaluer(elever, hendelser, "2026-09-14", "--format", "json")
        assert kode == 1
        # one line for the job's log (cron mails it); the rows themselves are in the JSON
        assert feil == "fravarsregler evaluer: 7 rader avvist, resten er brukt; se «avvist» i resultatet.\n"
        data = json.loads(ut)
        assert data["antall"] == {"lest": 9, "brukt": 2, "avvist": 7, "etter_dato": 0}
        assert data["antall"]["lest"] == data["antall"]["brukt"] + data["antall"]["avvist"]
        assert [(a["fil"], a["linje"]) for a in data["avvist"]] == [(str(hendelser), n) for n in range(3, 10)]
        etterlys = [t for t in data["tiltak"] if t["regel"] == "etterlys-uvarslet-fravaer"]
        assert [(t["hendelser"], t["frist"]) for t in etterlys] == [(["H1"], "2026-09-10T11:00:00+02:00")]

    def test_manglende_kolonne_stopper_hele_filen(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;6;2014-01-01;;;\n")
        hendelser = skriv(tmp_path / "hendelser.csv", "hendelse_id;elev_id;type;kode;dager\nH1;E1;fravaer;F;1\n")
        kode, ut, feil = evaluer(elever, hendelser, "2026-09-14")
        assert kode == 1
        assert ut == ""
        assert feil == (
            f"fravarsregler: {hendelser}:1: Overskriftslinjen mangler kolonnen «dato» "
            "(fant: hendelse_id, elev_id, type, kode, dager).\n"
        )

    def test_fil_finnes_ikke(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE)
        kode, ut, feil = evaluer(elever, tmp_path / "borte.csv", "2026-09-14")
        assert (kode, ut) == (1, "")
        assert feil == f"fravarsregler: {tmp_path / 'borte.csv'}: Finner ikke filen. Sjekk navnet og mappen.\n"

    def test_ugyldig_dato_er_bruksfeil(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE)
        kode, _, feil = evaluer(elever, elever, "2026-02-30")
        assert kode == 2
        assert "«2026-02-30» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)" in feil


class TestFilvarianter:
    """`;`, decimal comma, BOM, Latin-1 and JSON Lines all work end to end."""

    def test_latin1_bom_og_desimalkomma(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;6;2014-01-01;6A;Østre skole;nei\n", "latin-1")
        hendelser = tmp_path / "hendelser.csv"
        hendelser.write_bytes(
            b"\xef\xbb\xbf" + (HENDELSEHODE + "H1;E1;2026-09-10;fravaer;UF;;0,75;;;;;\n").encode("utf-8")
        )
        kode, ut, feil = evaluer(elever, hendelser, "2026-09-14", "--format", "json")
        assert (kode, feil) == (0, "")
        data = json.loads(ut)
        (etterlys,) = [t for t in data["tiltak"] if t["regel"] == "etterlys-uvarslet-fravaer"]
        assert etterlys["skole"] == "Østre skole"
        assert etterlys["frist"] == "2026-09-10T15:00:00+02:00"
        rapport = [t for t in data["tiltak"] if t["regel"] == "rapport-til-rektor"]
        assert {(t["skole"], t["trinn"], t["frist"]) for t in rapport} == {
            ("Østre skole", "6", "2026-08-31"),
            ("Østre skole", "6", "2026-09-25"),
        }

    def test_json_lines(self, tmp_path: Path) -> None:
        elever = skriv(
            tmp_path / "elever.jsonl",
            json.dumps({"elev_id": "V1", "trinn": "vg1", "fodselsdato": "2010-03-01"}) + "\n",
        )
        fag = skriv(tmp_path / "fag.jsonl", json.dumps({"elev_id": "V1", "fag": "matematikk", "arstimer": 75}) + "\n")
        dager = ["2026-08-18", "2026-08-19", "2026-08-20", "2026-08-21", "2026-08-24", "2026-08-25"]
        hendelser = skriv(
            tmp_path / "hendelser.jsonl",
            "".join(
                json.dumps(
                    {
                        "hendelse_id": f"M{i}",
                        "elev_id": "V1",
                        "dato": d,
                        "type": "fravaer",
                        "kode": "F",
                        "timer": 0.75,
                        "fag": "matematikk",
                    }
                )
                + "\n"
                for i, d in enumerate(dager)
            ),
        )
        kode, ut, feil = evaluer(elever, hendelser, "2026-08-25", "--fag", str(fag), "--format", "json")
        assert (kode, feil) == (0, "")
        data = json.loads(ut)
        (varsel,) = [t for t in data["tiltak"] if t["regel"] == "varselbrev-fagfravaer"]
        assert (varsel["fag"], varsel["utlost"], varsel["frist"]) == ("matematikk", "2026-08-25", "2026-09-01")
        assert varsel["grunnlag"] == {"maal": "fagtimer", "teller": 4.5, "nevner": 75, "andel": 0.06, "terskel": 0.06}
        assert data["antall"] == {"lest": 8, "brukt": 8, "avvist": 0, "etter_dato": 0}


class TestUtdataformat:
    """The JSON output's keys are a public interface."""

    def test_nokler(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;2;2019-01-01;2A;Nordvik skole;nei\n")
        hendelser = skriv(
            tmp_path / "hendelser.csv",
            HENDELSEHODE + "H1;E1;2026-08-18;fravaer;F;1;;;;;;\nH2;E1;2026-08-19;fravaer;UF;1;;;;;;\n",
        )
        kode, ut, _ = evaluer(elever, hendelser, "2026-08-31", "--format", "json")
        assert kode == 0
        data: dict[str, Any] = json.loads(ut)
        assert {"rutiner", "dato", "tiltak", "oversikt", "avvist", "antall"} <= set(data)
        assert data["dato"] == "2026-08-31"
        assert {r["id"] for r in data["rutiner"]} == {"barnehage", "grunnskole", "vgs"}
        assert data["tiltak"]
        for t in data["tiltak"]:
            assert set(t) >= TILTAKNOKLER, t["regel"]
        terskel = [t for t in data["tiltak"] if t["regel"] in ("bekymringsfullt-fravaer", "bekymringsbrev")]
        assert len(terskel) == 2
        for t in terskel:
            assert t["grunnlag"] == {"maal": "skoledager", "teller": 2, "nevner": 10, "andel": 0.2, "terskel": 0.1}
        assert data["oversikt"] == [
            {"elev_id": "E1", "trinn": "2", "maal": "skoledager", "fag": None, "teller": 2, "nevner": 10, "andel": 0.2},
        ]

    def test_csv(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;2;2019-01-01;2A;Nordvik skole;nei\n")
        hendelser = skriv(tmp_path / "hendelser.csv", HENDELSEHODE + "H1;E1;2026-08-18;fravaer;UF;1;;;;;;\n")
        kode, ut, _ = evaluer(elever, hendelser, "2026-08-18", "--format", "csv")
        assert kode == 0
        linjer = ut.splitlines()
        assert linjer[0].startswith("regel;rutine;versjon;elev_id;trinn;")
        assert any(linje.startswith("etterlys-uvarslet-fravaer;grunnskole;2022.1;E1;2;") for linje in linjer[1:])


class TestDemo:
    """The demo runs on the shipped fictional data and prints a Norwegian overview."""

    def test_tekst(self) -> None:
        kode, ut, feil = kjor("demo")
        assert (kode, feil) == (0, "")
        assert ut.startswith("Demo: oppdiktede data")
        assert "Fraværsoppfølging per 2026-11-26 (tiltak utløst fra 2026-08-18)" in ut
        assert "Tiltak for den enkelte elev eller det enkelte barn (" in ut
        assert "Faste punkter i rutinene (" in ut
        assert "regel bekymringsfullt-fravaer" in ut
        # the units of the fixed points: pupils, a trinn at a school, a kindergarten
        assert "[oppstartsamtale] – ansvar: avdelingsleder, kontaktlærer (12 elever)\n" in ut
        assert "[klasselaererraad] – ansvar: avdelingsleder, kontaktlærer (3 trinn)\n" in ut
        assert "[fravaer-tema-foreldremote] – ansvar: styrer, pedagogisk leder (1 barnehage)\n" in ut
        # the overview in the explanations' words, with Udir's spelling of a vgs trinn
        assert "E000145 (Vg2): 11,25 fraværstimer i matematikk av 105 årstimer = 10,7 %\n" in ut
        assert "E000109 (9. trinn): 10 fraværsdager av 67 skoledager = 14,9 %\n" in ut
        assert ut.endswith("\nInndata: 614 rader lest, 614 brukt, 0 avvist.\n")

    def test_json(self) -> None:
        kode, ut, _ = kjor("demo", "--format", "json")
        assert kode == 0
        data = json.loads(ut)
        assert data["antall"]["avvist"] == 0
        assert data["antall"]["lest"] == data["antall"]["brukt"]
        regler = {t["regel"] for t in data["tiltak"]}
        assert {
            "etterlys-uvarslet-fravaer",
            "vegring-samme-dag",
            "bekymringsfullt-fravaer",
            "bekymringsbrev",
            "rapport-til-rektor",
            "varselbrev-fagfravaer",
        } <= regler


class TestDatoer:
    """Dates that make no sense for the run are refused, not silently evaluated to nothing."""

    def test_dato_utenfor_skoleruta(self) -> None:
        import io

        from fravarsregler._cli import run

        rot = Path(__file__).resolve().parent.parent
        argv = [
            "evaluer", "--elever", str(rot / "eksempel" / "elever.csv"),
            "--hendelser", str(rot / "eksempel" / "hendelser.csv"),
            "--skolerute", str(rot / "rutiner" / "skolerute-2026-27.yaml"), "--dato", "2030-01-01",
        ]  # fmt: skip
        ut, feil = io.StringIO(), io.StringIO()
        assert run(argv, ut, feil) == 1
        assert feil.getvalue() == (
            "fravarsregler evaluer: --dato 2030-01-01 er utenfor skoleåret 2026-27 i skoleruta «skolerute-2026-27» "
            "(2026-08-01 til 2027-07-31). Bruk skoleruta for det skoleåret datoen hører til.\n"
        )
        assert ut.getvalue() == ""
        # in the summer after the last school day (2027-06-18) the spring semester's actions show, overdue
        # (exit 1: without --fag the vgs hour rows are rejected)
        ut, feil = io.StringIO(), io.StringIO()
        assert run([*argv[:-1], "2027-07-15", "--format", "json"], ut, feil) == 1
        svar = json.loads(ut.getvalue())
        assert svar["fra"] == "2027-01-04"
        juni = [t for t in svar["tiltak"] if t["regel"] == "rapport-til-rektor" and t["utlost"].startswith("2027-06")]
        assert juni
        assert all(t["forfalt"] for t in juni)
        ut, feil = io.StringIO(), io.StringIO()
        assert run([*argv[:-1], "2026-11-26", "--fra", "2026-12-01"], ut, feil) == 2
        assert "kan ikke være etter --dato" in feil.getvalue()


class TestFastsatteFrister:
    """A deadline pinned in the skolerute for a rule no routine has is warned about, not ignored."""

    def test_feilstavet_regel_i_frister(self, tmp_path: Path) -> None:
        rot = Path(__file__).resolve().parent.parent
        tekst = (rot / "rutiner" / "skolerute-2026-27.yaml").read_text(encoding="utf-8")
        assert tekst.count("\nfrister: {}") == 1
        sr = tmp_path / "skolerute.yaml"
        sr.write_text(tekst.replace("\nfrister: {}", '\nfrister:\n  rapport-til-rektr: "2026-11-27"'), encoding="utf-8")
        argv = [
            "evaluer", "--elever", str(rot / "eksempel" / "elever.csv"),
            "--hendelser", str(rot / "eksempel" / "hendelser.csv"), "--fag", str(rot / "eksempel" / "fag.csv"),
            "--skolerute", str(sr), "--dato", "2026-11-26", "--format", "json",
        ]  # fmt: skip
        ut, feil = io.StringIO(), io.StringIO()
        assert run(argv, ut, feil) == 0
        assert "«rapport-til-rektr», som ingen rutine har. Mente du «rapport-til-rektor»?" in feil.getvalue()


# Pupil E1 absent the first ten school days of autumn 2026 (ids 1-10): on day 10 (Mon Aug 31) the
# share is 10 of 10, over the threshold, and both days-rule steps fire.
TI_FRAVAERSDAGER = "hendelse_id;elev_id;dato;type;kode;dager\n" + "".join(
    f"{i};E1;2026-08-{d:02d};fravaer;F;1\n" for i, d in enumerate((18, 19, 20, 21, 24, 25, 26, 27, 28, 31), 1)
)


class TestCsvUtdata:
    """Values from the input can never become spreadsheet formulas in the CSV output."""

    def test_formel_i_skolenavn_noytraliseres(self, tmp_path: Path) -> None:
        rot = Path(__file__).resolve().parent.parent
        elever = tmp_path / "e.csv"
        elever.write_text('elev_id;trinn;fodselsdato;skole\nE1;6;2015-03-01;=HYPERLINK("x")\n', encoding="utf-8")
        hendelser = tmp_path / "h.csv"
        hendelser.write_text("elev_id;dato;type\nE1;2026-09-10;vegring\n", encoding="utf-8")
        argv = [
            "evaluer", "--elever", str(elever), "--hendelser", str(hendelser),
            "--skolerute", str(rot / "rutiner" / "skolerute-2026-27.yaml"), "--dato", "2026-09-10",
            "--format", "csv",
        ]  # fmt: skip
        ut, feil = io.StringIO(), io.StringIO()
        assert run(argv, ut, feil) == 0, feil.getvalue()
        import csv as csvmod

        rader = list(csvmod.DictReader(io.StringIO(ut.getvalue()), delimiter=";"))
        vegring = [r for r in rader if r["regel"] == "vegring-samme-dag"]
        assert [r["skole"] for r in vegring] == ['\'=HYPERLINK("x")']

    @staticmethod
    def _csv(tmp_path: Path, elever: str, hendelser: str, dato: str, fmt: str = "csv") -> str:
        rot = Path(__file__).resolve().parent.parent
        (tmp_path / "e.csv").write_text(elever, encoding="utf-8")
        (tmp_path / "h.csv").write_text(hendelser, encoding="utf-8")
        argv = [
            "evaluer", "--elever", str(tmp_path / "e.csv"), "--hendelser", str(tmp_path / "h.csv"),
            "--skolerute", str(rot / "rutiner" / "skolerute-2026-27.yaml"), "--dato", dato,
            "--format", fmt,
        ]  # fmt: skip
        ut, feil = io.StringIO(), io.StringIO()
        assert run(argv, ut, feil) == 0, feil.getvalue()
        return ut.getvalue()

    def test_ingen_celle_kan_bli_en_formel(self, tmp_path: Path) -> None:
        # every input value that reaches the CSV starts with a formula character: the event ids
        # in the «hendelser» list cell too (they sort first, so they lead the cell)
        import csv as csvmod

        ut = self._csv(
            tmp_path,
            "elev_id;trinn;fodselsdato;klasse;skole\n-E1;6;2015-03-01;@A;+Nordvik\n",
            'hendelse_id;elev_id;dato;type;kode;dager\n"=HYPERLINK(""x"")";-E1;2026-09-10;fravaer;UF;1\n'
            "@H2;-E1;2026-09-10;vegring;;\n",
            "2026-09-10",
        )
        rader = list(csvmod.reader(io.StringIO(ut), delimiter=";"))
        assert len(rader) > 2
        for rad in rader[1:]:
            for celle in rad:
                assert celle[:1] not in ("=", "+", "-", "@"), rad
        uf = next(r for r in rader if r[0] == "etterlys-uvarslet-fravaer")
        assert uf[3] == "'-E1"
        assert uf[16] == '\'=HYPERLINK("x")'

    def test_lister_og_tall_som_excel_leser_riktig(self, tmp_path: Path) -> None:
        import csv as csvmod

        # numeric ids joined "1, 2", not "1,2"
        ut = self._csv(tmp_path, "elev_id;trinn;fodselsdato\nE1;6;2015-03-01\n", TI_FRAVAERSDAGER, "2026-08-31")
        r = next(
            r for r in csvmod.DictReader(io.StringIO(ut), delimiter=";") if r["regel"] == "bekymringsfullt-fravaer"
        )
        assert r["hendelser"] == ", ".join(str(i) for i in sorted(range(1, 11), key=str))
        assert r["ansvar"] == "kontaktlaerer, rektor"
        assert (r["teller"], r["nevner"], r["andel"], r["terskel"]) == ("10", "10", "1", "0,1")

    def test_csv_excel_har_bom_og_crlf(self, tmp_path: Path) -> None:
        elever = "elev_id;trinn;fodselsdato;skole\nE1;6;2015-03-01;Sørvik skole\n"
        hendelser = "elev_id;dato;type\nE1;2026-09-10;vegring\n"
        vanlig = self._csv(tmp_path, elever, hendelser, "2026-09-10")
        excel = self._csv(tmp_path, elever, hendelser, "2026-09-10", "csv-excel")
        assert not vanlig.startswith("\ufeff")
        assert "\r\n" not in vanlig
        assert excel.startswith("\ufeffregel;rutine;")
        assert excel[1:].replace("\r\n", "\n") == vanlig
        assert "Sørvik skole" in excel


class TestTekstUtdata:
    """The text report says where each pupil action belongs and lists a day's steps in the routine's order."""

    def test_skole_klasse_og_rekkefolge(self, tmp_path: Path) -> None:
        ut = TestCsvUtdata._csv(
            tmp_path,
            "elev_id;trinn;fodselsdato;klasse;skole\nE1;6;2015-03-01;6B;Nordvik skole\n",
            TI_FRAVAERSDAGER,
            "2026-08-31",
            "tekst",
        )
        linjer = [linje for linje in ut.splitlines() if linje.startswith("- ") and "E1" in linje]
        assert len(linjer) == 2
        assert all("E1 (6. trinn, 6B, Nordvik skole): " in linje for linje in linjer)
        # the contact step (bekymringsfullt-fravaer) before the letter step (bekymringsbrev)
        assert "Kontakt foresatte" in linjer[0]
        assert "bekymringsbrev" in linjer[1]
        assert "(6. trinn): 10 fraværsdager av 10 skoledager = 100 %" in ut

    def test_oversikt_uten_fravaer(self, tmp_path: Path) -> None:
        ut = TestCsvUtdata._csv(
            tmp_path, "elev_id;trinn;fodselsdato\nE1;6;2015-03-01\n", "elev_id;dato;type\n", "2026-08-31", "tekst"
        )
        assert (
            "Fraværsandeler nå (1 beregning: én per elev for skoledager, én per elev og fag for timer); de høyeste:\n"
            "  (ingen fravær ennå)\n"
        ) in ut

    def test_entall_naar_summen_er_en_hair_under_1(self, tmp_path: Path) -> None:
        # six 10-minute absences are 0.9999999999999999 clock hours: written "1", and so "1 fraværstime"
        elever = skriv(tmp_path / "e.csv", "elev_id;trinn;fodselsdato\nE1;vg2;2010-03-01\n")
        fag = skriv(tmp_path / "f.csv", "elev_id;fag;arstimer\nE1;norsk;15\n")
        rader = "".join(f"E1;2026-09-{d:02d};fravaer;F;08:00;08:10;norsk;ingen\n" for d in (1, 2, 3, 4, 7, 8))
        hendelser = skriv(tmp_path / "h.csv", "elev_id;dato;type;kode;fra;til;fag;dokumentasjon\n" + rader)
        kode, ut, feil = evaluer(elever, hendelser, "2026-09-30", "--fag", fag)
        assert (kode, feil) == (0, "")
        assert "  E1 (Vg2): 1 fraværstime i norsk av 15 årstimer = 6,7 %\n" in ut
        assert "hvorfor: 1 fraværstime i norsk av 15 årstimer = 6,7 % ≥ 6 %." in ut


class TestTallformat:
    """Numbers in CSV and text keep their digits: a decimal comma, at most 6 decimals, no exponent."""

    @pytest.mark.parametrize(
        ("tall", "tekst"),
        [(112.5625, "112,5625"), (12345.75, "12345,75"), (1e6, "1000000"), (2 / 3, "0,666667"), (0.1 + 0.2, "0,3"),
         (10.0, "10"), (0.0, "0"), (-1e-9, "0")],
    )  # fmt: skip
    def test_tall(self, tall: float, tekst: str) -> None:
        from fravarsregler._kommandoer import _n

        assert _n(tall) == tekst


class TestJsonUtdata:
    """The JSON output is written as it is made, one item per line, and holds exactly as_dict()."""

    @staticmethod
    def _resultat(avvist: bool, tmp_path: Path) -> tuple[Resultat, str]:
        elever = skriv(tmp_path / "e.csv", ELEVHODE + "e1;9;2011-03-01;9A;Fjordvik skole;nei\n")
        rader = "h1;e1;2026-09-01;fravaer;UF;1;;08:30;09:15;;;\n"
        if avvist:
            rader += "h2;e1;2026-02-30;fravaer;F;1;;;;;;\n"
        hendelser = skriv(tmp_path / "h.csv", HENDELSEHODE + rader)
        r = evaluate(
            [load_routine(f) for f in standardrutiner()],
            read_elever(elever),
            read_hendelser(hendelser),
            load_skolerute(SKOLERUTE),
            date(2026, 9, 30),
        )
        ut = io.StringIO()
        skriv_resultat(r, "json", ut)
        return r, ut.getvalue()

    @pytest.mark.parametrize("avvist", [False, True])
    def test_samme_data_som_as_dict(self, avvist: bool, tmp_path: Path) -> None:
        r, tekst = self._resultat(avvist, tmp_path)
        assert json.loads(tekst) == json.loads(json.dumps(r.as_dict()))
        assert bool(r.avvist) is avvist
        assert tekst.endswith("}\n")

    def test_ett_tiltak_per_linje(self, tmp_path: Path) -> None:
        r, tekst = self._resultat(False, tmp_path)
        linjer = tekst.splitlines()
        start = linjer.index('  "tiltak": [')
        tiltak = [json.loads(x.strip().rstrip(",")) for x in linjer[start + 1 : start + 1 + len(r.tiltak)]]
        assert tiltak == [t.as_dict(r.dato) for t in r.tiltak]
        assert linjer[start + 1 + len(r.tiltak)] == "  ],"
        assert '  "avvist": [],' in linjer  # an empty list stays on one line


class TestStandardInn:
    """An input named ``-`` is read from standard input, as in other Unix tools."""

    def test_hendelser_fra_standard_inn(self, tmp_path: Path) -> None:
        elever = skriv(tmp_path / "e.csv", ELEVHODE + "e1;6;2014-03-01;6A;Fjordvik skole;nei\n")
        tekst = HENDELSEHODE + "h1;e1;2026-09-01;fravaer;UF;1;;08:30;09:15;;;\nh2;e1;2026-02-30;fravaer;F;1;;;;;;\n"
        fil = skriv(tmp_path / "h.csv", tekst, "latin-1")
        argv = ["evaluer", "--elever", str(elever), "--skolerute", str(SKOLERUTE), "--dato", "2026-09-30"]
        fra_fil = io.StringIO()
        assert run([*argv, "--hendelser", str(fil), "--format", "json"], fra_fil, io.StringIO()) == 1
        ut, feil = io.StringIO(), io.StringIO()
        kode = run([*argv, "--hendelser", "-", "--format", "json"], ut, feil, io.BytesIO(fil.read_bytes()))
        assert kode == 1
        data, forventet = json.loads(ut.getvalue()), json.loads(fra_fil.getvalue())
        assert data["avvist"] == [{**a, "fil": "(standard inn)"} for a in forventet["avvist"]]
        assert {k: v for k, v in data.items() if k != "avvist"} == {k: v for k, v in forventet.items() if k != "avvist"}
        assert data["antall"] == {"lest": 3, "brukt": 2, "avvist": 1, "etter_dato": 0}
        # the text format names the stream in its rejection lines on stderr
        ut, feil = io.StringIO(), io.StringIO()
        run([*argv, "--hendelser", "-"], ut, feil, io.BytesIO(fil.read_bytes()))
        assert "(standard inn):3: avvist: «dato» er ikke en gyldig dato" in feil.getvalue()

    def test_bare_en_fra_standard_inn(self, tmp_path: Path) -> None:
        kode, ut, feil = kjor(
            "evaluer", "--elever", "-", "--hendelser", "-", "--skolerute", str(SKOLERUTE), "--dato", "2026-09-30"
        )
        assert (kode, ut) == (2, "")
        assert "bare én av --elever, --hendelser kan lese fra standard inn (-)" in feil


class TestBruttRor:
    """`fravarsregler … | head`: the reader goes away; exit 141 (128 + SIGPIPE), never 1."""

    class _Lukket(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError

    def test_141_og_ingen_melding(self) -> None:
        feil = io.StringIO()
        assert run(["demo", "--format", "json"], self._Lukket(), feil) == 141
        assert feil.getvalue() == ""

    def test_gjennom_et_ekte_ror(self) -> None:
        kommando = [sys.executable, "-c", "from fravarsregler._cli import main; raise SystemExit(main(['demo']))"]
        les, skriv = os.pipe()
        os.close(les)  # nobody reads: the first write fails with EPIPE
        try:
            prosess = subprocess.run(kommando, stdout=skriv, stderr=subprocess.PIPE, check=False, cwd=ROT, timeout=120)
        finally:
            os.close(skriv)
        assert prosess.returncode == 141
        assert prosess.stderr == b""  # no traceback, no "Exception ignored" at exit


class TestAvvistElev:
    """The events of a pupil whose own row was rejected say so, instead of «ukjent elev»."""

    def test_hendelser_for_avvist_elev(self, tmp_path: Path) -> None:
        elever = skriv(
            tmp_path / "e.csv",
            ELEVHODE + "E1;6;2014-03-01;6A;Fjordvik skole;nei\nE2;6;14.03.2014;6A;Fjordvik skole;nei\n",
        )
        hendelser = skriv(
            tmp_path / "h.csv",
            HENDELSEHODE
            + "".join(f"h{i};{e};2026-09-01;fravaer;F;1;;;;;;\n" for i, e in enumerate(["E1", "E2", "E9"])),
        )
        kode, ut, _ = evaluer(elever, hendelser, "2026-09-30", "--format", "json")
        assert kode == 1
        meldinger = {(a["fil"][-5:], a["linje"]): a["melding"] for a in json.loads(ut)["avvist"]}
        assert meldinger == {
            ("e.csv", 3): "«fodselsdato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)",
            ("h.csv", 3): "eleven «E2» er avvist i elevfilen (se meldingen for eleven der)",
            ("h.csv", 4): "ukjent elev «E9»",
        }


def test_arkivet_kan_ha_fellesfil_og_skolerute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The staff guide keeps last year's felles.yaml and skolerute in rutiner/arkiv/: evaluer
    without --rutine (and demo) load only the routines there."""
    import shutil

    rot = Path(__file__).resolve().parent.parent
    shutil.copytree(rot / "rutiner", tmp_path / "rutiner")
    arkiv = tmp_path / "rutiner" / "arkiv"
    arkiv.mkdir()
    shutil.copy(rot / "rutiner" / "felles.yaml", arkiv / "felles-2022.1.yaml")
    shutil.copy(rot / "rutiner" / "skolerute-2026-27.yaml", arkiv / "skolerute-2025-26.yaml")
    monkeypatch.chdir(tmp_path)
    assert [f.name for f in standardrutiner()] == ["barnehage.yaml", "grunnskole.yaml", "vgs.yaml"]
    elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;2;2019-01-01;2A;Nordvik skole;nei\n")
    hendelser = skriv(tmp_path / "hendelser.csv", HENDELSEHODE + "H1;E1;2026-08-18;fravaer;F;1;;;;;;\n")
    kode, _, feil = evaluer(elever, hendelser, "2026-08-31")
    assert (kode, feil) == (0, "")
