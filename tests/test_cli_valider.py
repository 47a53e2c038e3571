"""Tests for `fravarsregler valider`: text and JSON output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from clihjelp import kjor

from fravarsregler import validate
from fravarsregler._cli import main

ROT = Path(__file__).resolve().parent.parent
EKSEMPLER = ROT / "tests" / "eksempelfiler" / "rutine"
VEILEDNING = ROT / "docs" / "slik-reviderer-du-rutinen.md"
POSITIV = EKSEMPLER / "positive" / "minimal.yaml"
UKJENT_ROLLE = EKSEMPLER / "negative" / "ukjent-rolle.yaml"
TRE_FEIL = EKSEMPLER / "negative" / "tre-feil.yaml"
# A valid routine that is not another version of the example files' routine (barnehage).
GRUNNSKOLE = ROT / "rutiner" / "grunnskole.yaml"

PROBLEMLINJE = re.compile(r"^(?P<fil>[^:]+):(?P<linje>\d+):(?P<kolonne>\d+): (?P<melding>\S.*)$")


class TestTekst:
    """Text output is one `fil:linje:kolonne: melding` line per problem, then a summary."""

    def test_gyldig_fil(self) -> None:
        kode, ut, feil = kjor("valider", POSITIV)
        assert (kode, ut, feil) == (0, "Filen er gyldig (0 advarsler).\n", "")

    def test_ugyldig_fil(self) -> None:
        kode, ut, feil = kjor("valider", UKJENT_ROLLE)
        assert kode == 1
        assert feil == ""
        *problemer, oppsummering = ut.splitlines()
        (linje,) = problemer
        m = PROBLEMLINJE.match(linje)
        assert m is not None, linje
        assert Path(m["fil"]).resolve() == UKJENT_ROLLE
        assert (m["linje"], m["kolonne"]) == ("40", "28")
        assert m["melding"].startswith("Ukjent rolle «kontaktlarer». Mente du «kontaktlaerer»?")
        assert oppsummering == "Filen har feil (1 feil, 0 advarsler)."

    def test_en_linje_per_problem_i_samme_rekkefolge_som_validate(self) -> None:
        kode, ut, _ = kjor("valider", TRE_FEIL)
        assert kode == 1
        *linjer, oppsummering = ut.splitlines()
        assert linjer == [str(p) for p in validate(TRE_FEIL).problemer]
        assert all(PROBLEMLINJE.match(x) for x in linjer)
        assert oppsummering == "Filen har feil (3 feil, 0 advarsler)."

    def test_flere_filer_og_en_mappe(self) -> None:
        kode, ut, _ = kjor("valider", EKSEMPLER / "negative", GRUNNSKOLE)
        assert kode == 1
        antall = len(list((EKSEMPLER / "negative").glob("*.yaml")))
        assert re.fullmatch(
            rf"{antall} av {antall + 1} filer har feil \(\d+ feil, 0 advarsler\)\.", ut.splitlines()[-1]
        )

    def test_filene_valideres_sammen(self) -> None:
        """positive/ holds two copies of the same routine version: each is valid alone, but loaded
        together the engine would refuse them."""
        kode, ut, _ = kjor("valider", EKSEMPLER / "positive")
        assert kode == 1
        (linje, oppsummering) = ut.splitlines()
        assert "minimal.yaml:9:13: To versjoner av rutinen «barnehage» gjelder fra samme dato" in linje
        assert oppsummering == "1 av 3 filer har feil (1 feil, 0 advarsler)."

    def test_alle_negative_eksempler_gir_feil(self) -> None:
        kode, ut, _ = kjor("valider", EKSEMPLER / "negative")
        assert kode == 1
        antall = len(list((EKSEMPLER / "negative").glob("*.yaml")))
        assert re.fullmatch(rf"{antall} av {antall} filer har feil \(\d+ feil, 0 advarsler\)\.", ut.splitlines()[-1])


class TestJson:
    """`--format json` gives one JSON document with every file and every located problem."""

    def test_struktur(self) -> None:
        kode, ut, feil = kjor("valider", "--format", "json", GRUNNSKOLE, UKJENT_ROLLE)
        assert kode == 1
        assert feil == ""
        data = json.loads(ut)
        assert set(data) == {"gyldig", "filer", "antall"}
        assert data["gyldig"] is False
        assert data["antall"] == {"filer": 2, "ugyldige_filer": 1, "feil": 1, "advarsler": 0}
        gyldig, ugyldig = data["filer"]
        assert gyldig["gyldig"] is True
        assert gyldig["type"] == "rutine"
        assert gyldig["problemer"] == []
        assert ugyldig["gyldig"] is False
        (problem,) = ugyldig["problemer"]
        assert set(problem) == {"fil", "linje", "kolonne", "json_path", "alvor", "kode", "melding", "forslag"}
        assert (problem["linje"], problem["kolonne"]) == (40, 28)
        assert problem["json_path"] == "$.seksjoner[0].rader[0].ansvar.roller[1]"
        assert problem["kode"] == "ukjent-rolle"
        assert problem["alvor"] == "feil"
        assert problem["forslag"] == ["kontaktlaerer"]

    def test_norske_tegn_skrives_som_de_er(self) -> None:
        _, ut, _ = kjor("valider", "--format", "json", UKJENT_ROLLE)
        assert "«kontaktlarer»" in ut

    def test_gyldig(self) -> None:
        kode, ut, _ = kjor("valider", "--format", "json", POSITIV)
        assert kode == 0
        data = json.loads(ut)
        assert data["gyldig"] is True
        assert data["antall"]["ugyldige_filer"] == 0

    def test_fil_som_mangler_har_null_som_sted(self, tmp_path: Path) -> None:
        kode, ut, _ = kjor("valider", "--format", "json", tmp_path / "borte.yaml")
        assert kode == 1
        (problem,) = json.loads(ut)["filer"][0]["problemer"]
        assert (problem["linje"], problem["kolonne"], problem["kode"]) == (None, None, "fil")


class TestAvslutningskoder:
    """Exit code 0 valid, 1 invalid, 2 for a usage error; never a traceback."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["valider", "--ukjent-valg"],
            ["valider", "--format", "xml"],
            ["valider", "--format"],
            ["validr"],
            [],
        ],
    )
    def test_bruksfeil_gir_to(self, argv: list[str]) -> None:
        kode, ut, feil = kjor(*argv)
        assert kode == 2
        assert ut == ""
        assert feil.startswith(("bruk: fravarsregler", "usage: fravarsregler"))
        assert "Traceback" not in feil

    def test_ukjent_valg_forklares_paa_norsk(self) -> None:
        _, _, feil = kjor("valider", "--ukjent-valg")
        assert "ukjente argumenter: --ukjent-valg" in feil

    def test_fil_som_mangler(self, tmp_path: Path) -> None:
        kode, ut, feil = kjor("valider", tmp_path / "borte.yaml")
        assert kode == 1
        assert "Traceback" not in ut + feil
        assert ut.splitlines()[0].endswith("borte.yaml: Finner ikke filen. Sjekk navnet og mappen.")

    def test_mappe_som_mangler(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`valider rutiner rutiner/arkiv` before there is an archive: the path may be either."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "rutiner").mkdir()
        shutil.copy(POSITIV, tmp_path / "rutiner" / "barnehage.yaml")
        shutil.copy(EKSEMPLER / "positive" / "felles.yaml", tmp_path / "rutiner" / "felles.yaml")
        kode, ut, _ = kjor("valider", "rutiner", "rutiner/arkiv")
        assert kode == 1
        assert ut == (
            f"{Path('rutiner/arkiv')}: Finner ikke filen eller mappen. Sjekk navnet.\n"
            "1 av 3 filer har feil (1 feil, 0 advarsler).\n"
        )

    def test_mappe_som_heter_yaml(self, tmp_path: Path) -> None:
        """A folder passed where a file is expected (here: inside a folder) is reported, not raised."""
        (tmp_path / "mappe.yaml").mkdir()
        fil = tmp_path / "rutine.yaml"
        fil.write_text(
            POSITIV.read_text(encoding="utf-8").replace("felles: felles.yaml", "felles: mappe.yaml"), encoding="utf-8"
        )
        kode, ut, feil = kjor("valider", fil)
        assert kode == 1
        assert "Traceback" not in ut + feil
        assert "Finner ikke fellesfilen «mappe.yaml»" in ut

    def test_mappe(self, tmp_path: Path) -> None:
        (tmp_path / "a.yaml").write_text("type: rutine\n", encoding="utf-8")
        kode, ut, feil = kjor("valider", tmp_path)
        assert kode == 1
        assert "Traceback" not in ut + feil
        assert ut.splitlines()[-1].startswith("Filen har feil (")

    def test_main_uten_traceback(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The console-script entry point too: a missing file is a message and exit code 1."""
        assert main(["valider", str(tmp_path / "borte.yaml"), str(tmp_path)]) == 1
        fanget = capsys.readouterr()
        assert "Traceback" not in fanget.out + fanget.err
        assert "Finner ikke filen" in fanget.out


def _eksempler_i_veiledningen() -> list[tuple[str, str]]:
    """(command line, printed output) for every run on the example files shown in the staff guide."""
    blokker = re.findall(r"```text\n(.*?)```", VEILEDNING.read_text(encoding="utf-8"), flags=re.DOTALL)
    eksempler = []
    for blokk in blokker:
        kommando, _, utskrift = blokk.partition("\n")
        if kommando.startswith("$ fravarsregler valider tests/eksempelfiler/"):
            eksempler.append((kommando.removeprefix("$ fravarsregler "), utskrift))
    return eksempler


class TestVeiledningen:
    """The validator output quoted in docs/slik-reviderer-du-rutinen.md is what it prints today."""

    def test_veiledningen_har_eksempler(self) -> None:
        assert len(_eksempler_i_veiledningen()) >= 10

    @pytest.mark.parametrize(("kommando", "utskrift"), _eksempler_i_veiledningen())
    def test_utskriften_stemmer(self, kommando: str, utskrift: str, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(ROT)
        kode, ut, feil = kjor(*kommando.split())
        assert (kode, ut, feil) == (1, utskrift, "")


class TestUvanligeArgumenter:
    """Odd arguments get a clear answer, never a traceback or a mangled message."""

    def test_tom_mappe(self, tmp_path: Path) -> None:
        kode, ut, feil = kjor("valider", str(tmp_path))
        assert kode == 1
        assert ut == ""
        assert "fant ingen YAML-filer" in feil

    def test_ukjent_kommando_nevner_alle_kommandoene_uendret(self) -> None:
        kode, _, feil = kjor("bogus")
        assert kode == 2
        assert "«evaluer»" in feil
        assert "ugyldig valg" in feil

    def test_argparse_sine_meldinger_er_norske_med_norske_anforselstegn(self) -> None:
        kode, ut, feil = kjor("--versjon=1")
        assert (kode, ut) == (2, "")
        assert (
            feil.splitlines()[-1]
            == "fravarsregler: feil: argument -V/--versjon/--version: tar ikke imot en verdi, men fikk «1»"
        )
        kode, _, feil = kjor("demo", "--format", "pdf")
        assert kode == 2
        assert "ugyldig valg: «pdf» (velg blant «tekst», «json», «csv», «csv-excel»)" in feil
        assert "'" not in feil.splitlines()[-1]

    @pytest.mark.parametrize(
        ("argv", "slutt"),
        [
            (("demo", "--format", "o'x"), "ugyldig valg: «o'x» (velg blant «tekst», «json», «csv», «csv-excel»)"),
            (("demo", "Ola's", "fil's.csv"), "ukjente argumenter: Ola's fil's.csv"),
            (("demo", "--dato", "'x'"), "«'x'» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"),
        ],
    )
    def test_apostrof_i_verdien(self, argv: tuple[str, ...], slutt: str) -> None:
        # a value with an apostrophe (a file named Ola's) is quoted whole, not paired with the next '
        kode, _, feil = kjor(*argv)
        assert kode == 2
        assert feil.splitlines()[-1].endswith(slutt)


class TestVersjoner:
    """Two versions of a routine in force from the same date: valider says so, as evaluer would refuse."""

    def test_arkivkopi_med_samme_gyldig_fra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Steps 1 and 2 of the staff guide, with gyldig_fra forgotten in step 2."""
        rutiner = _kopi_av_rutiner(tmp_path / "rutiner", "grunnskole.yaml", 'versjon: "2022.1"', 'versjon: "2023.1"')
        (rutiner / "arkiv").mkdir()
        tekst = (ROT / "rutiner" / "grunnskole.yaml").read_text(encoding="utf-8")
        arkivert = tekst.replace("felles: felles.yaml", "felles: ../felles.yaml")
        (rutiner / "arkiv" / "grunnskole-2022.1.yaml").write_text(arkivert, encoding="utf-8")
        linje = tekst.splitlines().index('gyldig_fra: "2022-08-15"') + 1
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = kjor("valider", "rutiner", "rutiner/arkiv")
        assert kode == 1
        arkiv = Path("rutiner/arkiv/grunnskole-2022.1.yaml")
        assert ut == (
            f"{Path('rutiner/grunnskole.yaml')}:{linje}:13: To versjoner av rutinen «grunnskole» gjelder fra "
            f"samme dato (2022-08-15): denne filen (versjon 2023.1) og {arkiv}:{linje} (versjon 2022.1). Gi den "
            "nye versjonen en senere «gyldig_fra» (datoen den begynner å gjelde).\n"
            "1 av 6 filer har feil (1 feil, 0 advarsler).\n"
        )
        kode, ut_omvendt, _ = kjor("valider", "rutiner/arkiv", "rutiner")
        assert ut_omvendt == ut
        # the staff guide quotes this run
        blokker = re.findall(r"```text\n(.*?)```", VEILEDNING.read_text(encoding="utf-8"), flags=re.DOTALL)
        sitert = [b for b in blokker if b.startswith("$ fravarsregler valider rutiner rutiner/arkiv\nrutiner/")]
        assert [b.partition("\n")[2] for b in sitert] == [ut.replace(os.sep, "/")]
        # step 2 done right
        ny = rutiner / "grunnskole.yaml"
        tekst = ny.read_text(encoding="utf-8").replace("2022-08-15", "2023-08-15").replace("2023-06-30", "2024-06-30")
        ny.write_text(tekst, encoding="utf-8")
        assert kjor("valider", "rutiner", "rutiner/arkiv") == (0, "Alle 6 filer er gyldige (0 advarsler).\n", "")


class TestStandardmappe:
    """Without arguments, valider checks ./rutiner when the working directory has one."""

    def test_lokal_rutinemappe_brukes(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        rot = Path(__file__).resolve().parent.parent
        (tmp_path / "rutiner").mkdir()
        for fil in (rot / "rutiner").glob("*.yaml"):
            tekst = fil.read_text(encoding="utf-8")
            if fil.name == "grunnskole.yaml":
                tekst = tekst.replace("    verdi: 0.10\n", "    verdi: 8\n", 1)
            (tmp_path / "rutiner" / fil.name).write_text(tekst, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = kjor("valider")
        assert kode == 1
        assert ut.startswith("rutiner/grunnskole.yaml:")
        assert "skriv 0.08" in ut


class TestUtenLokalMappe:
    """Without ./rutiner the shipped routines are used, and every command that does so says it
    (staff in the wrong folder, a cron job started in $HOME); a ./rutiner that lacks one of the
    three routines stops every command with the missing files named, valider included."""

    EKSEMPEL = ROT / "eksempel"
    SKOLERUTE = ROT / "rutiner" / "skolerute-2026-27.yaml"

    def _evaluer_argv(self) -> list[str | Path]:
        e = self.EKSEMPEL
        return [
            "evaluer", "--elever", e / "elever.csv", "--fag", e / "fag.csv", "--hendelser", e / "hendelser.csv",
            "--skolerute", self.SKOLERUTE, "--dato", "2026-11-26", "--format", "json",
        ]  # fmt: skip

    def _evaluer(self) -> tuple[int, str, str]:
        return kjor(*self._evaluer_argv())

    def test_medfolgende_sies_fra_om(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        kode, ut, feil = kjor("valider")
        assert (kode, ut) == (0, "Alle 5 filer er gyldige (0 advarsler).\n")
        assert feil.startswith(
            "fravarsregler valider: merk: fant ingen YAML-filer i en mappe «rutiner» her; kontrollerer "
            "rutinene som følger med fravarsregler ("
        )
        kode, ut, feil = self._evaluer()
        assert kode == 0
        assert json.loads(ut)["tiltak"]
        assert feil.startswith(
            "fravarsregler evaluer: merk: fant ingen mappe «rutiner» med rutinefiler her; bruker rutinene som "
            "følger med fravarsregler ("
        )
        assert feil.count("\n") == 1
        kode, _, feil = kjor("dokument", "--format", "markdown")
        assert kode == 0
        assert feil.startswith("fravarsregler dokument: merk: fant ingen mappe «rutiner»")
        # the demo says in its report which routines it used; json has no such line, and no note either
        assert kjor("demo", "--format", "json")[2] == ""

    def test_lokal_mappe_gir_ingen_merknad(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        _kopi_av_rutiner(tmp_path / "rutiner")
        monkeypatch.chdir(tmp_path)
        assert kjor("valider") == (0, "Alle 5 filer er gyldige (0 advarsler).\n", "")
        kode, _, feil = self._evaluer()
        assert (kode, feil) == (0, "")

    def test_mappe_som_mangler_en_rutine(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        mappe = _kopi_av_rutiner(tmp_path / "rutiner")
        (mappe / "barnehage.yaml").unlink()
        (mappe / "vgs.yaml").unlink()
        monkeypatch.chdir(tmp_path)
        mangler = (
            "mappen «rutiner» mangler «barnehage.yaml» og «vgs.yaml». Den må ha alle tre rutinene "
            "(barnehage.yaml, grunnskole.yaml og vgs.yaml). Legg dem dit, "
        )
        # valider used to find nothing wrong here, while evaluer refused to run and sent the user to valider
        kode, ut, feil = kjor("valider")
        assert (kode, feil) == (1, "")
        melding = (
            "Finner ikke filen. Mappen «rutiner» må ha alle tre rutinene (barnehage.yaml, grunnskole.yaml og "
            "vgs.yaml): legg den dit."
        )
        assert ut.splitlines() == [
            f"{Path('rutiner/barnehage.yaml')}: {melding}",
            f"{Path('rutiner/vgs.yaml')}: {melding}",
            "2 av 5 filer har feil (2 feil, 0 advarsler).",
        ]
        assert self._evaluer() == (1, "", f"fravarsregler evaluer: {mangler}eller gi rutinene med --rutine.\n")
        assert kjor("dokument", "--format", "html") == (
            1,
            "",
            f"fravarsregler dokument: {mangler}eller gi rutinefilene som argumenter.\n",
        )
        # given files are what they are: the folder is not checked then
        rutiner = [ROT / "rutiner" / "barnehage.yaml", Path("rutiner/grunnskole.yaml"), ROT / "rutiner" / "vgs.yaml"]
        kode, _, feil = kjor("evaluer", "--rutine", *rutiner, *self._evaluer_argv()[1:])
        assert (kode, feil) == (0, "")
        (mappe / "vgs.yaml").write_text((ROT / "rutiner" / "vgs.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        kode, _, feil = kjor("demo")
        assert (kode, feil) == (1, "fravarsregler demo: mappen «rutiner» mangler «barnehage.yaml». Den må ha alle "
                                   "tre rutinene (barnehage.yaml, grunnskole.yaml og vgs.yaml). Legg den dit, eller "
                                   "kjør demoen i en mappe uten «rutiner».\n")  # fmt: skip


class TestInstallertPakke:
    """Installed from a wheel, the shipped routines lie in the venv's site-packages: they are
    named ``<fravarsregler>/rutiner/…`` in messages and in the result's ``kilde``, the same for
    every installation and working directory, not by the venv's path (which also differed with
    the directory cron started in)."""

    def test_medfolgende_filer_har_fast_navn(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import fravarsregler._paths as paths

        data = tmp_path / "venv" / "_data"
        shutil.copytree(ROT / "rutiner", data / "rutiner")
        monkeypatch.setattr(paths, "_DATA", data)
        arbeid = tmp_path / "arbeid"
        arbeid.mkdir()
        monkeypatch.chdir(tmp_path)  # the venv below the working directory: was «venv/_data/rutiner/…»
        e = ROT / "eksempel"
        argv = [
            "evaluer", "--elever", e / "elever.csv", "--fag", e / "fag.csv", "--hendelser", e / "hendelser.csv",
            "--skolerute", ROT / "rutiner" / "skolerute-2026-27.yaml", "--dato", "2026-11-26", "--format", "json",
        ]  # fmt: skip
        kode, ut, feil = kjor(*argv)
        assert kode == 0
        kilder = {t["kilde"].rsplit(":", 2)[0] for t in json.loads(ut)["tiltak"]}
        assert kilder == {f"<fravarsregler>/rutiner/{n}" for n in ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml")}
        # the note gives the real folder, for staff who want a copy to edit
        assert f"({data / 'rutiner'})" in feil
        monkeypatch.chdir(arbeid)
        assert kjor(*argv)[1] == ut
        kode, ut, _ = kjor("valider", "--format", "json")
        assert kode == 0
        assert sorted(f["fil"] for f in json.loads(ut)["filer"]) == [
            f"<fravarsregler>/rutiner/{n}"
            for n in ("barnehage.yaml", "felles.yaml", "grunnskole.yaml", "skolerute-2026-27.yaml", "vgs.yaml")
        ]

    def test_meldinger_viser_til_dokumentene_som_er_installert(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import fravarsregler._paths as paths
        from fravarsregler import InndataFeil, read_elever

        assert paths.dokumentasjon("utveksling.md") == "docs/utveksling.md"  # the checkout's
        data = tmp_path / "venv" / "_data"
        (data / "docs").mkdir(parents=True)
        (data / "docs" / "utveksling.md").write_text("# Utveksling\n", encoding="utf-8")
        monkeypatch.setattr(paths, "_DATA", data)
        binar = tmp_path / "elever.csv"
        binar.write_bytes(b"elev_id\x00trinn\n")
        with pytest.raises(InndataFeil) as e:
            read_elever(binar)
        assert "(se <fravarsregler>/docs/utveksling.md)" in str(e.value)


class TestKopier:
    """``fravarsregler kopier MAPPE`` gives staff the shipped routines and schemas to edit (an
    installed package keeps them inside site-packages), and never writes over anything."""

    def test_kopierer_og_kan_brukes_derfra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        maal = tmp_path / "kommune"
        kode, ut, feil = kjor("kopier", maal)
        assert (kode, feil) == (0, "")
        assert ut.startswith(f"Kopierte 5 filer til {maal}/rutiner og 8 skjemaer til {maal}/skjema.\n")
        for navn, monster in (("rutiner", "*.yaml"), ("skjema", "*.schema.json")):
            kilde = sorted((ROT / navn).glob(monster))
            kopi = sorted((maal / navn).iterdir())
            assert [f.name for f in kopi] == [f.name for f in kilde]
            assert all(a.read_bytes() == b.read_bytes() for a, b in zip(kilde, kopi, strict=True))
        assert (maal / "rutiner").stat().st_mode & 0o777 != 0o700  # not left as the private temporary folder
        assert sorted(p.name for p in maal.iterdir()) == ["rutiner", "skjema"]  # no temporary folder left
        # run from there, the commands use these routines: no note about the shipped ones
        monkeypatch.chdir(maal)
        assert kjor("valider") == (0, "Alle 5 filer er gyldige (0 advarsler).\n", "")

    @pytest.mark.parametrize("finnes", ["rutiner", "skjema"])
    def test_skriver_aldri_over(self, tmp_path: Path, finnes: str) -> None:
        (tmp_path / finnes).mkdir()
        (tmp_path / finnes / "egen.yaml").write_text("min\n", encoding="utf-8")
        kode, ut, feil = kjor("kopier", tmp_path)
        assert (kode, ut) == (1, "")
        assert feil == (
            f"fravarsregler kopier: {tmp_path} har allerede «{finnes}»; ingenting er kopiert. Flytt eller slett "
            "det som er der, eller velg en annen mappe.\n"
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == [finnes]
        assert (tmp_path / finnes / "egen.yaml").read_text(encoding="utf-8") == "min\n"

    def test_mappe_som_ikke_kan_lages(self, tmp_path: Path) -> None:
        fil = tmp_path / "fil"
        fil.write_text("x\n", encoding="utf-8")
        kode, ut, feil = kjor("kopier", fil / "under")
        assert (kode, ut) == (1, "")
        assert feil.startswith(f"fravarsregler kopier: kan ikke skrive til {fil / 'under'} (")

    def test_uten_mappe_er_bruksfeil(self) -> None:
        kode, _, feil = kjor("kopier")
        assert kode == 2
        assert "MAPPE" in feil


def _kopi_av_rutiner(mappe: Path, endre: str = "", gammel: str = "", ny: str = "") -> Path:
    """rutiner/*.yaml copied to ``mappe``, with ``gammel`` replaced by ``ny`` in the file ``endre``."""
    mappe.mkdir(parents=True, exist_ok=True)
    for fil in (ROT / "rutiner").glob("*.yaml"):
        tekst = fil.read_text(encoding="utf-8")
        if fil.name == endre:
            assert gammel in tekst
            tekst = tekst.replace(gammel, ny, 1)
        (mappe / fil.name).write_text(tekst, encoding="utf-8")
    return mappe


class TestFellesfilMedFeil:
    """A broken felles.yaml is reported once, not again under every routine that uses it."""

    def test_feilen_staar_under_fellesfilen(self, tmp_path: Path) -> None:
        """Read in name order, barnehage.yaml comes before felles.yaml: felles.yaml's own problem is
        still reported under felles.yaml, and felles.yaml is not valid."""
        mappe = _kopi_av_rutiner(tmp_path, "felles.yaml", "\nroller:", "\nrolle:")
        kode, ut, _ = kjor("valider", mappe)
        assert kode == 1
        felles = [x for x in ut.splitlines() if "«rolle»" in x]
        assert len(felles) == 1
        assert felles[0].startswith(f"{mappe / 'felles.yaml'}:")
        assert ut.splitlines()[-1] == "4 av 5 filer har feil (4 feil, 0 advarsler)."
        _, ut, _ = kjor("valider", "--format", "json", mappe)
        filer = {Path(f["fil"]).name: f for f in json.loads(ut)["filer"]}
        assert filer["felles.yaml"]["gyldig"] is False
        assert [p["kode"] for p in filer["felles.yaml"]["problemer"]] == ["ukjent-felt"]
        for navn in ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml"):
            (problem,) = filer[navn]["problemer"]
            assert problem["fil"] == filer[navn]["fil"]
            assert problem["json_path"] == "$.felles"
            assert problem["melding"] == "Fellesfilen «felles.yaml» har feil (se meldingene for den filen)."

    def test_rekkefolgen_betyr_ikke_noe(self, tmp_path: Path) -> None:
        mappe = _kopi_av_rutiner(tmp_path, "felles.yaml", "\nroller:", "\nrolle:")
        felles, barnehage = mappe / "felles.yaml", mappe / "barnehage.yaml"
        for filer in ([felles, barnehage], [barnehage, felles], [barnehage, felles, barnehage]):
            kode, ut, _ = kjor("valider", "--format", "json", *filer)
            assert kode == 1
            data = json.loads(ut)
            assert data["antall"] == {"filer": 2, "ugyldige_filer": 2, "feil": 2, "advarsler": 0}
            gyldig = {Path(f["fil"]).name: len(f["problemer"]) for f in data["filer"]}
            assert gyldig == {"felles.yaml": 1, "barnehage.yaml": 1}

    def test_en_feil_en_melding(self, tmp_path: Path) -> None:
        rot = Path(__file__).resolve().parent.parent
        for fil in (rot / "rutiner").glob("*.yaml"):
            tekst = fil.read_text(encoding="utf-8")
            if fil.name == "felles.yaml":
                tekst = tekst.replace("id: kontaktlaerer", "id: Kontaktlaerer", 1)
            (tmp_path / fil.name).write_text(tekst, encoding="utf-8")
        kode, ut, _ = kjor("valider", str(tmp_path))
        assert kode == 1
        linjer = [linje for linje in ut.splitlines() if "Kontaktlaerer" in linje]
        assert len(linjer) == 1, ut
