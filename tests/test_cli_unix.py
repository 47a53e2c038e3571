"""The command line as a Unix tool: Ctrl-C, --version, usage errors that show the sub-command's
usage, file names that are not UTF-8, whole-or-nothing output files, and a stray ``rutiner``
folder in the working directory."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from clihjelp import SKOLERUTE, kjor

import fravarsregler._cli as cli
import fravarsregler._cli_publisering as cli_publisering
from fravarsregler._cli import main
from fravarsregler._inndata import les_tekst

EKSEMPEL = Path(__file__).resolve().parent.parent / "eksempel"
RUTINER = Path(__file__).resolve().parent.parent / "rutiner"


class TestAvbrudd:
    """Ctrl-C stops with one line and exit code 130 (128 + SIGINT), not a traceback."""

    def test_ctrl_c(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        def avbryt(*_: object, **__: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "run", avbryt)
        assert main(["demo"]) == 130
        assert capsys.readouterr().err == "\nfravarsregler: avbrutt\n"

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    def test_ekte_signal(self, tmp_path: Path) -> None:
        # a real process: SIGINT while it runs. (A job started in the background by a
        # non-interactive shell inherits SIGINT ignored, and Python then keeps ignoring it: the
        # child sets Python's own handler, as an interactive terminal gives it.)
        kode = (
            "import os, signal, threading, fravarsregler._cli as c\n"
            "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "def avbryt(*a, **k):\n"
            "    os.kill(os.getpid(), signal.SIGINT)\n"
            "    threading.Event().wait(5)\n"
            "c.run = avbryt\n"
            "raise SystemExit(c.main(['demo']))\n"
        )
        p = subprocess.run([sys.executable, "-c", kode], check=False, capture_output=True, encoding="utf-8", timeout=60)
        assert p.returncode == 130
        assert p.stderr == "\nfravarsregler: avbrutt\n"

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    def test_sigterm_midt_i_skrivingen(self, tmp_path: Path) -> None:
        # a systemd timeout or kill while --ut is written: last night's file stays, no temporary
        # file is left beside it, and the process ends by the signal (a clean stop to systemd)
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        p = self._kjor_barn(self._STOPP_I_SKRIVINGEN + "raise SystemExit(c.main(sys.argv[1:]))\n", fil)
        assert p.returncode == -signal.SIGTERM, p.stderr
        assert p.stderr == ""
        assert fil.read_text(encoding="utf-8") == "gammel\n"
        assert sorted(x.name for x in tmp_path.iterdir()) == ["ut.json"]

    @staticmethod
    def _kjor_barn(kode: str, fil: Path, **popen: Any) -> subprocess.CompletedProcess[str]:
        argv = ["evaluer", "--elever", str(EKSEMPEL / "elever.csv"), "--hendelser", str(EKSEMPEL / "hendelser.csv")]
        argv += ["--fag", str(EKSEMPEL / "fag.csv"), "--skolerute", str(SKOLERUTE), "--dato", "2026-11-26"]
        argv += ["--format", "json", "--ut", str(fil)]
        return subprocess.run(
            [sys.executable, "-c", kode, *argv], check=False, capture_output=True, encoding="utf-8", timeout=60, **popen
        )

    _STOPP_I_SKRIVINGEN = (
        "import os, signal, threading, sys, fravarsregler._kommandoer as k, fravarsregler._cli as c\n"
        "def skriv(resultat, fmt, ut):\n"
        "    ut.write('{')\n"
        "    ut.flush()\n"  # (on disk, as a county's result is long before its end)
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    threading.Event().wait(2)\n"
        "    ut.write('}')\n"
        "k.skriv_resultat = skriv\n"
    )

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    def test_sigterm_nummer_to_under_oppryddingen(self, tmp_path: Path) -> None:
        # kill twice (a timeout and a supervisor): the second arrives while the temporary file is removed
        fil = tmp_path / "ut.json"
        kode = self._STOPP_I_SKRIVINGEN + (
            "ekte = os.unlink\n"
            "def unlink(p):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    ekte(p)\n"
            "os.unlink = unlink\n"
            "raise SystemExit(c.main(sys.argv[1:]))\n"
        )
        p = self._kjor_barn(kode, fil)
        assert p.returncode == -signal.SIGTERM, p.stderr
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    def test_en_vert_med_egen_sigterm_behandler_faar_signalet(self, tmp_path: Path) -> None:
        # a Python program that calls main() keeps its own SIGTERM handler, and it is called
        fil = tmp_path / "ut.json"
        kode = self._STOPP_I_SKRIVINGEN + (
            "signal.signal(signal.SIGTERM, lambda *a: print('vertens behandler'))\n"
            "print('kode', c.main(sys.argv[1:]))\n"
            "print('verten lever')\n"
        )
        p = self._kjor_barn(kode, fil)
        assert (p.returncode, p.stdout) == (0, "vertens behandler\nkode 143\nverten lever\n"), p.stderr
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
    def test_ignorert_sigterm_forblir_ignorert(self, tmp_path: Path) -> None:
        # started with SIGTERM ignored (nohup-like parents): the run goes on to the end
        fil = tmp_path / "ut.json"
        kode = self._STOPP_I_SKRIVINGEN + "raise SystemExit(c.main(sys.argv[1:]))\n"
        p = self._kjor_barn(kode, fil, preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN))
        assert p.returncode == 0, p.stderr
        assert fil.read_text(encoding="utf-8") == "{}"


class TestVersjon:
    @pytest.mark.parametrize("valg", ["--versjon", "--version", "-V"])
    def test_alle_navnene(self, valg: str) -> None:
        kode, ut, feil = kjor(valg)
        assert (kode, feil) == (0, "")
        assert ut.startswith("fravarsregler ")


class TestHjelp:
    """The help is Norwegian throughout, its headings too."""

    def test_overskriftene(self) -> None:
        kode, ut, feil = kjor("--hjelp")
        assert (kode, feil) == (0, "")
        assert ut.startswith("bruk: fravarsregler ")
        assert "\nvalg:\n" in ut
        assert "\nkommandoer:\n" in ut
        assert "positional" not in ut
        assert "options" not in ut

    @pytest.mark.parametrize("kommando", ["valider", "evaluer", "demo", "dokument", "diff"])
    def test_underkommandoene(self, kommando: str) -> None:
        kode, ut, _ = kjor(kommando, "--hjelp")
        assert kode == 0
        assert "--format" in ut
        assert "utdataformat" not in ut  # "format for resultatet"
        assert not {"usage", "options", "positional"} & set(ut.replace(":", " ").split())


class TestUkjentValg:
    """An unknown option after a sub-command shows that sub-command's usage, not the top one."""

    @pytest.mark.parametrize("kommando", ["evaluer", "valider", "demo", "dokument", "diff"])
    def test_underkommandoens_bruk(self, kommando: str) -> None:
        kode, ut, feil = kjor(kommando, "--bogus")
        assert (kode, ut) == (2, "")
        assert feil.startswith(f"bruk: fravarsregler {kommando} ")
        assert f"fravarsregler {kommando}: feil:" in feil

    def test_ukjent_foer_kommandoen(self) -> None:
        kode, _, feil = kjor("--bogus", "demo")
        assert kode == 2
        assert "fravarsregler: feil: ukjente argumenter: --bogus" in feil

    def test_ukjent_argument_til_demo(self) -> None:
        kode, _, feil = kjor("demo", "ekstra")
        assert kode == 2
        assert "fravarsregler demo: feil: ukjente argumenter: ekstra" in feil


class TestGjentattFil:
    """An input option given twice is a usage error: argparse would silently read only the last file."""

    @pytest.mark.parametrize(
        ("valg", "raad"),
        [
            ("--elever", "slå sammen filene til én først"),
            ("--hendelser", "slå sammen filene til én først"),
            ("--fag", "slå sammen filene til én først"),
            ("--skolerute", "velg én skolerute"),
            ("--kodekart", "velg ett kodekart"),  # (et kodekart)
        ],
    )
    def test_to_ganger(self, valg: str, raad: str) -> None:
        filer = {
            "--elever": str(EKSEMPEL / "elever.csv"),
            "--hendelser": str(EKSEMPEL / "hendelser.csv"),
            "--fag": str(EKSEMPEL / "fag.csv"),
            "--skolerute": str(SKOLERUTE),
            "--kodekart": str(EKSEMPEL / "kodekart.yaml"),
        }
        argv = ["evaluer", "--dato", "2026-11-26"]
        for navn, fil in filer.items():
            argv += [navn, fil] * (2 if navn == valg else 1)
        kode, ut, feil = kjor(*argv)
        assert (kode, ut) == (2, "")
        assert f"{valg} kan bare gis én gang (bare den siste filen ville blitt brukt); {raad}\n" in feil


class TestLinjeskiftPaaWindows:
    """Standard output writes line ends as the program writes them, as on Windows too."""

    def test_csv_excel_faar_ett_crlf(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import io

        # a Windows console or pipe: a text stream that turns "\n" into "\r\n"
        raa = io.BytesIO()
        windows = io.TextIOWrapper(raa, encoding="cp1252", newline="\r\n")
        monkeypatch.setattr(sys, "stdout", windows)
        assert main(["demo", "--format", "csv-excel"]) == 0
        windows.flush()
        data = raa.getvalue()
        assert data.startswith("\ufeffregel;".encode())
        assert b"\r\r\n" not in data
        assert data.count(b"\r\n") == data.count(b"\n")


class TestDemoDato:
    def test_dato_utenfor_skoleaaret_er_bruksfeil(self) -> None:
        kode, ut, feil = kjor("demo", "--dato", "2030-01-01")
        # exit 1 (invalid input) and the demo header already written, before
        assert (kode, ut) == (2, "")
        assert feil.startswith("fravarsregler demo: feil: --dato 2030-01-01 er utenfor eksempeldataenes skoleår")
        assert "--skolerute" not in feil  # demo has no such option

    def test_siste_dag_i_skoleaaret_er_lov(self) -> None:
        kode, _, _ = kjor("demo", "--dato", "2027-07-31", "--format", "json")
        assert kode == 0


def _gammel_fil(mappe: Path) -> Path:
    """An earlier rendering of the document, to be overwritten."""
    fil = mappe / "rutine.md"
    fil.write_text("gammel\n", encoding="utf-8")
    return fil


def _replace_feiler(monkeypatch: pytest.MonkeyPatch, feil: OSError) -> None:
    """Renaming the new file over the old one fails with ``feil``."""

    def feiler(*_: object) -> None:
        raise feil

    monkeypatch.setattr(os, "replace", feiler)


class TestDokumentUt:
    def test_strek_er_skjermen(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = kjor("dokument", "--format", "markdown", "--ut", "-")
        assert kode == 0
        assert ut.startswith("# Fraværsoppfølging")
        assert not (tmp_path / "-").exists()

    def test_tomt_navn_er_bruksfeil(self) -> None:
        kode, ut, feil = kjor("dokument", "--format", "markdown", "--ut", "")
        assert (kode, ut) == (2, "")
        assert feil.splitlines()[-1].endswith("argument --ut: mangler filnavn (verdien er tom; bruk «-» for skjermen)")

    def test_full_disk_lar_den_gamle_filen_staa(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        fil = _gammel_fil(tmp_path)
        _replace_feiler(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
        kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", fil)
        assert kode == 1
        assert fil.read_text(encoding="utf-8") == "gammel\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["rutine.md"]  # no temporary file left
        assert "Sjekk navnet" not in feil  # a full disk is not a wrong name

    def test_symlenke_skriver_til_maalet(self, tmp_path: Path) -> None:
        maal = tmp_path / "ekte.md"
        maal.write_text("gammel\n", encoding="utf-8")
        lenke = tmp_path / "lenke.md"
        lenke.symlink_to(maal)
        kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", lenke)
        assert kode == 0, feil
        assert lenke.is_symlink()
        assert maal.read_text(encoding="utf-8").startswith("# Fraværsoppfølging")

    def test_eksisterende_fil_beholder_rettighetene(self, tmp_path: Path) -> None:
        fil = _gammel_fil(tmp_path)
        fil.chmod(0o640)
        kode, _, _ = kjor("dokument", "--format", "markdown", "--ut", fil)
        assert kode == 0
        assert fil.stat().st_mode & 0o777 == 0o640

    def test_hardlenke_beholdes(self, tmp_path: Path) -> None:
        fil = _gammel_fil(tmp_path)
        annen = tmp_path / "samme.md"
        os.link(fil, annen)
        assert kjor("dokument", "--format", "markdown", "--ut", fil)[0] == 0
        assert annen.read_text(encoding="utf-8").startswith("# Fraværsoppfølging")

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
    def test_roer_er_ikke_en_fil(self, tmp_path: Path) -> None:
        # /dev/stdout or a named pipe: written to, never replaced by a regular file
        roer = tmp_path / "roer"
        os.mkfifo(roer)
        leser = subprocess.Popen(["cat", str(roer)], stdout=subprocess.PIPE)
        try:
            kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", roer)
            ut, _ = leser.communicate(timeout=30)
        finally:
            # (a command that failed before opening the pipe would leave cat waiting for ever)
            leser.kill()
            leser.wait()
            assert leser.stdout is not None
            leser.stdout.close()
        assert kode == 0, feil
        assert ut.decode("utf-8").startswith("# Fraværsoppfølging")
        assert stat.S_ISFIFO(roer.stat().st_mode)

    def test_mappe_som_ikke_tillater_aa_bytte_ut_filen(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # a sticky folder (/tmp) where the file may be written but not renamed over: write in place
        fil = _gammel_fil(tmp_path)
        _replace_feiler(monkeypatch, PermissionError(errno.EPERM, "Operation not permitted"))
        kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", fil)
        assert kode == 0, feil
        assert fil.read_text(encoding="utf-8").startswith("# Fraværsoppfølging")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["rutine.md"]

    def test_skrivebeskyttet_fil_skrives_ikke(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # a file we may not write (0444, not ours) was replaced by the rename; os.access stands in
        # for the permission, since the tests may run as root
        fil = _gammel_fil(tmp_path)
        monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
        kode, _, _ = kjor("dokument", "--format", "markdown", "--ut", fil)
        assert kode == 1
        assert fil.read_text(encoding="utf-8") == "gammel\n"

    def test_ny_fil_faar_vanlige_rettigheter(self, tmp_path: Path) -> None:
        fil = tmp_path / "rutine.html"
        kode, _, feil = kjor("dokument", "--format", "html", "--ut", fil)
        assert kode == 0, feil
        umask = os.umask(0)
        os.umask(umask)
        assert fil.stat().st_mode & 0o777 == 0o666 & ~umask


class TestFilnavnSomIkkeErUtf8:
    """A Latin-1 file name (from a Windows share) stays readable and the output valid UTF-8."""

    @pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
    def test_json_er_gyldig(self, tmp_path: Path) -> None:
        navn = os.fsdecode(b"hendelser-B\xf8.csv")
        hendelser = tmp_path / navn
        hendelser.write_text("elev_id;dato;type\nE1;2026-10-13;vegring\nX9;2026-10-13;vegring\n", encoding="utf-8")
        elever = tmp_path / "e.csv"
        elever.write_text("elev_id;trinn;fodselsdato\nE1;5;2015-03-04\n", encoding="utf-8")
        argv = ["evaluer", "--elever", str(elever), "--hendelser", str(hendelser), "--skolerute", str(SKOLERUTE)]
        p = subprocess.run(
            [sys.executable, "-m", "fravarsregler", *argv, "--dato", "2026-11-26", "--format", "json"],
            check=False,
            capture_output=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            timeout=120,
        )
        assert p.returncode == 1, p.stderr
        resultat = json.loads(p.stdout.decode("utf-8"))
        assert resultat["avvist"][0]["fil"].endswith("hendelser-B\\xf8.csv")

    @pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
    def test_feilmelding_i_c_lokale(self, tmp_path: Path) -> None:
        # in the C locale without UTF-8 mode, stderr could not write the name and went silent
        argv = ["evaluer", "--elever", str(tmp_path / os.fsdecode(b"B\xf8.csv")), "--hendelser", "x.csv"]
        p = subprocess.run(
            [sys.executable, "-m", "fravarsregler", *argv, "--skolerute", str(SKOLERUTE), "--dato", "2026-11-26"],
            check=False,
            capture_output=True,
            env={**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
            timeout=120,
        )
        assert p.returncode == 1
        assert "Finner ikke filen" in p.stderr.decode("utf-8")


@pytest.mark.skipif(
    sys.platform != "linux" or sys.getfilesystemencoding() != "utf-8", reason="byte file names, shown as \\xf8"
)
def test_valider_json_med_filnavn_som_ikke_er_utf8(tmp_path: Path) -> None:
    fil = tmp_path / os.fsdecode(b"g\xf8.yaml")
    fil.write_text("type: rutine\n", encoding="utf-8")
    kode, ut, _ = kjor("valider", "--format", "json", fil)
    assert kode == 1
    resultat = json.loads(ut)
    navn = {resultat["filer"][0]["fil"], *(p["fil"] for p in resultat["filer"][0]["problemer"])}
    assert navn == {str(tmp_path / "g\\xf8.yaml")}  # no lone surrogate left in the JSON
    ut.encode("utf-8")


@pytest.mark.skipif(
    sys.platform != "linux" or sys.getfilesystemencoding() != "utf-8", reason="byte file names, shown as \\xf8"
)
def test_mappe_med_navn_som_ikke_er_utf8(tmp_path: Path) -> None:
    # a shared file's problem was counted twice (once "outside the set"), and a routine's «kilde»
    # in evaluer's JSON held a lone surrogate
    mappe = tmp_path / os.fsdecode(b"r\xf8")
    mappe.mkdir()
    for navn in ("grunnskole.yaml", "felles.yaml"):
        shutil.copy(RUTINER / navn, mappe / navn)
    with (mappe / "felles.yaml").open("a", encoding="utf-8") as f:
        f.write("ukjent_nokkel: 1\n")
    kode, ut, _ = kjor("valider", "--format", "json", mappe)
    assert kode == 1
    assert json.loads(ut)["antall"]["feil"] == 2
    (mappe / "felles.yaml").write_text((RUTINER / "felles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    elever = tmp_path / "e.csv"
    elever.write_text("elev_id;trinn;fodselsdato\nE1;6;2015-03-04\n", encoding="utf-8")
    hendelser = tmp_path / "h.csv"
    hendelser.write_text("elev_id;dato;type\nE1;2026-10-13;vegring\n", encoding="utf-8")
    argv = ["--rutine", mappe / "grunnskole.yaml", "--elever", elever, "--hendelser", hendelser]
    kode, ut, feil = kjor("evaluer", *argv, "--skolerute", SKOLERUTE, "--dato", "2026-10-13", "--format", "json")
    assert kode == 0, feil
    (vegring,) = [t for t in json.loads(ut)["tiltak"] if t["regel"] == "vegring-samme-dag"]
    assert vegring["kilde"].startswith(str(mappe).replace(os.fsdecode(b"\xf8"), "\\xf8"))


class TestLokalRutinemappe:
    """A ``rutiner`` folder without YAML files in the working directory is not the routines."""

    def test_tom_mappe_overtar_ikke(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "rutiner").mkdir()
        monkeypatch.chdir(tmp_path)
        kode, ut, feil = kjor("demo")
        assert kode == 0, feil
        assert "Rutiner: " in ut
        assert f"Rutiner: {Path('rutiner')}\n" not in ut

    def test_mappe_med_rutiner_brukes(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "rutiner").mkdir()
        (tmp_path / "rutiner" / "grunnskole.yaml").write_text("type: rutine\n", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        kode, ut, feil = kjor("demo")
        # the folder is taken for the routines: its missing files are named before anything runs
        assert (kode, ut) == (1, "")
        assert feil.startswith("fravarsregler demo: mappen «rutiner» mangler «barnehage.yaml» og «vgs.yaml».")


def _evaluer(
    *ekstra: str | Path,
    dato: str = "2026-11-26",
    elever: Path = EKSEMPEL / "elever.csv",
    fag: Path | None = EKSEMPEL / "fag.csv",
    hendelser: Path = EKSEMPEL / "hendelser.csv",
) -> tuple[int, str, str]:
    """``fravarsregler evaluer`` on the example data (or the files given)."""
    filer: list[str | Path] = ["--elever", elever, "--hendelser", hendelser] + (["--fag", fag] if fag else [])
    return kjor("evaluer", *filer, "--skolerute", SKOLERUTE, "--dato", dato, *ekstra)


class TestEvaluerUt:
    """``evaluer --ut FIL`` writes the result whole or not at all; a run that evaluates nothing
    leaves last night's file as it was."""

    def test_skriver_det_samme_som_skjermen(self, tmp_path: Path) -> None:
        fil = tmp_path / "ut.json"
        kode, ut, feil = _evaluer("--format", "json", "--ut", fil)
        assert (kode, ut, feil) == (0, "", "")
        assert fil.read_text(encoding="utf-8") == _evaluer("--format", "json")[1]

    def test_csv_excel_beholder_bom_og_crlf(self, tmp_path: Path) -> None:
        fil = tmp_path / "ut.csv"
        assert _evaluer("--format", "csv-excel", "--ut", fil)[0] == 0
        data = fil.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in data
        assert b"\r\r\n" not in data

    def test_mislykket_kjoring_lar_gaarsdagens_fil_staa(self, tmp_path: Path) -> None:
        fil = _gammel_fil(tmp_path)
        # a date outside the calendar's school year: nothing is evaluated
        kode, _, feil = _evaluer("--format", "json", "--ut", fil, dato="2027-08-02")
        assert kode == 1
        assert "utenfor skoleåret" in feil
        assert fil.read_text(encoding="utf-8") == "gammel\n"

    def test_full_disk_lar_den_gamle_filen_staa(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        fil = _gammel_fil(tmp_path)
        _replace_feiler(monkeypatch, OSError(errno.EDQUOT, "Disk quota exceeded"))
        kode, ut, feil = _evaluer("--format", "json", "--ut", fil)
        assert (kode, ut) == (1, "")
        assert feil == f"fravarsregler evaluer: kan ikke skrive {fil} (diskkvoten er brukt opp).\n"
        assert fil.read_text(encoding="utf-8") == "gammel\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["rutine.md"]

    def test_strek_er_skjermen(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = _evaluer("--format", "json", "--ut", "-")
        assert kode == 0
        assert json.loads(ut)["dato"] == "2026-11-26"
        assert list(tmp_path.iterdir()) == []

    def test_fil_som_heter_strek(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = _evaluer("--format", "json", "--ut", "./-")
        assert (kode, ut) == (0, "")
        assert json.loads((tmp_path / "-").read_text(encoding="utf-8"))["dato"] == "2026-11-26"

    @pytest.mark.parametrize(
        ("elever", "logglinje"),
        [
            ("elev_id;trinn;fodselsdato\nE000001;5;2016-01-01\n", "1 rad avvist, resten er brukt"),
            # the pupil's row is rejected too: nothing is used
            ("elev_id;trinn;fodselsdato\nE000001;11;2016-01-01\n", "2 rader avvist, ingen er brukt"),
        ],
    )
    def test_avviste_rader_skrives_og_gir_1(self, tmp_path: Path, elever: str, logglinje: str) -> None:
        (tmp_path / "e.csv").write_text(elever, encoding="utf-8")
        hendelser = tmp_path / "h.csv"
        hendelser.write_text("elev_id;dato;type\nE000001;2026-09-05;vegring\n", encoding="utf-8")  # a Saturday
        fil = tmp_path / "ut.json"
        kode, ut, feil = _evaluer(
            "--format", "json", "--ut", fil, elever=tmp_path / "e.csv", fag=None, hendelser=hendelser
        )
        assert (kode, ut) == (1, "")
        assert feil == f"fravarsregler evaluer: {logglinje}; se «avvist» i resultatet.\n"
        assert json.loads(fil.read_text(encoding="utf-8"))["antall"]["avvist"] == int(logglinje[0])

    @pytest.mark.parametrize(
        ("navn", "grunn"),
        [("finnes-ikke/ut.json", "mappen finnes ikke"), (".", "det er en mappe, ikke en fil")],
    )
    def test_feil_sted_sies_for_arbeidet(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navn: str, grunn: str
    ) -> None:
        # said before reading and evaluating (a county takes minutes), and nothing is read
        monkeypatch.chdir(tmp_path)
        lest: list[object] = []
        monkeypatch.setattr("fravarsregler._kommandoer.read_hendelser", lambda *a, **k: lest.append(a))
        kode, ut, feil = _evaluer("--format", "json", "--ut", navn)
        assert (kode, ut, lest) == (1, "", [])
        assert feil == f"fravarsregler evaluer: kan ikke skrive {navn} ({grunn}). Sjekk navnet og mappen.\n"

    @pytest.mark.parametrize("kommando", [("evaluer",), ("dokument", "--format", "markdown")])
    def test_skraastrek_til_slutt_er_en_mappe(self, tmp_path: Path, kommando: tuple[str, ...]) -> None:
        # Path() would drop the slash and write a file named "resultater"
        kode, ut, feil = kjor(*kommando, "--ut", f"{tmp_path}/resultater/")
        assert (kode, ut) == (2, "")
        assert "er en mappe; oppgi en fil i den" in feil
        assert list(tmp_path.iterdir()) == []

    def test_strommes_til_fila(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # the result goes to the file as it is made (a county's is hundreds of MB), not as one string
        ekte = cli_publisering.skriv_helt_til
        skrivinger: list[int] = []

        @contextlib.contextmanager
        def tellende(sti: Path) -> Iterator[object]:
            with ekte(sti) as f:
                skriv = f.write
                monkeypatch.setattr(
                    f, "write", lambda t: skrivinger.append(len(t.encode("utf-8"))) or skriv(t), raising=False
                )
                yield f

        monkeypatch.setattr(cli_publisering, "skriv_helt_til", tellende)
        monkeypatch.setattr(cli_publisering, "skriv_helt", lambda *_: pytest.fail("hele resultatet som én tekst"))
        fil = tmp_path / "ut.json"
        assert _evaluer("--format", "json", "--ut", fil)[0] == 0
        assert len(skrivinger) > 100
        assert max(skrivinger) < 10_000 < fil.stat().st_size == sum(skrivinger)


class TestNattligJobb:
    """What a nightly job needs from the command line."""

    def test_fra_skoleaar_beholder_hostens_tiltak_i_vaarsemesteret(self) -> None:
        # on the spring semester's first day, the default window starts that day: the autumn's
        # open actions are gone from it; "--fra skoleaar" keeps them
        _, ut, _ = _evaluer("--format", "json", dato="2027-01-04")
        standard = json.loads(ut)
        _, ut, _ = _evaluer("--format", "json", "--fra", "skoleaar", dato="2027-01-04")
        hele = json.loads(ut)
        assert (standard["fra"], hele["fra"]) == ("2027-01-04", "2026-08-01")
        hoest = [t for t in hele["tiltak"] if t["kategori"] != "kalender" and t["utlost"] < "2027-01-04"]
        assert hoest
        assert not [t for t in standard["tiltak"] if t["kategori"] != "kalender" and t["utlost"] < "2027-01-04"]
        # the same as giving the date
        _, ut, _ = _evaluer("--format", "json", "--fra", "2026-08-01", dato="2027-01-04")
        assert json.loads(ut) == hele

    @pytest.mark.parametrize(
        ("valg", "verdier"),
        [
            ("--dato", ("2026-11-26", "2026-10-01")),
            ("--fra", ("2026-08-18", "2026-10-01")),
            ("--format", ("json", "csv")),
        ],
    )
    def test_verdi_gitt_to_ganger_er_bruksfeil(self, valg: str, verdier: tuple[str, str]) -> None:
        argv = ["evaluer", "--elever", str(EKSEMPEL / "elever.csv"), "--hendelser", str(EKSEMPEL / "hendelser.csv")]
        argv += ["--skolerute", str(SKOLERUTE)]
        if valg != "--dato":
            argv += ["--dato", "2026-11-26"]
        for v in verdier:
            argv += [valg, v]
        kode, ut, feil = kjor(*argv)
        assert (kode, ut) == (2, "")
        assert feil.splitlines()[-1].endswith(f"{valg} kan bare gis én gang (bare den siste verdien ville blitt brukt)")

    @pytest.mark.parametrize(
        "argv",
        [
            ("demo", "--dato", "2026-11-26", "--dato", "2026-10-01"),
            ("demo", "--format", "json", "--format", "csv"),
            ("valider", "--format", "json", "--format", "tekst"),
            ("dokument", "--format", "html", "--format", "markdown"),
            ("dokument", "--format", "html", "--ut", "a.html", "--ut", "b.html"),
            ("diff", "a.yaml", "b.yaml", "--format", "json", "--format", "tekst"),
        ],
    )
    def test_verdi_to_ganger_i_de_andre_kommandoene(
        self, argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)  # (were the option taken, nothing is written beside the tests)
        kode, ut, feil = kjor(*argv)
        assert (kode, ut) == (2, "")
        assert "kan bare gis én gang (bare den siste verdien ville blitt brukt)" in feil

    @pytest.mark.parametrize("verdi", ["skoleaar", "skoleår", "Skoleår", " SKOLEAAR "])
    def test_fra_skoleaar_skrivemaater(self, verdi: str) -> None:
        kode, ut, _ = _evaluer("--format", "json", "--fra", verdi)
        assert kode == 0
        assert json.loads(ut)["fra"] == "2026-08-01"

    def test_fra_feil_nevner_skoleaar(self) -> None:
        kode, _, feil = _evaluer("--fra", "skoleåret")
        assert kode == 2
        assert feil.splitlines()[-1].endswith(
            "argument --fra: «skoleåret» er ikke en gyldig dato (ÅÅÅÅ-MM-DD), eller «skoleaar» for hele skoleåret"
        )

    def test_forkortet_valg_er_ikke_lov(self) -> None:
        # "--for" would be "--format" today and something else once an option "--forklaring" exists
        kode, ut, feil = _evaluer("--for", "json")
        assert (kode, ut) == (2, "")
        assert "ukjente argumenter: --for json" in feil

    @pytest.mark.parametrize("valg", ["--elever", "--hendelser", "--fag", "--skolerute", "--kodekart", "--rutine"])
    def test_tomt_filnavn_er_bruksfeil(self, valg: str) -> None:
        # an unset shell variable (--elever "$FIL") is not the current folder
        kode, ut, feil = _evaluer(valg, "")
        assert (kode, ut) == (2, "")
        assert feil.splitlines()[-1].endswith(f"argument {valg}: mangler filnavn (verdien er tom)")

    @pytest.mark.parametrize("valg", ["--skolerute", "--kodekart", "--rutine"])
    def test_standard_inn_bare_for_dataene(self, valg: str) -> None:
        kode, ut, feil = _evaluer(valg, "-")
        assert (kode, ut) == (2, "")
        assert feil.splitlines()[-1].endswith(
            f"argument {valg}: standard inn («-») kan bare brukes for --elever, --fag eller --hendelser; oppgi filen"
        )

    def test_hendelser_uten_rader_gir_en_advarsel(self, tmp_path: Path) -> None:
        # an export that died after its header looks like a night without absence
        tom = tmp_path / "hendelser.csv"
        tom.write_text("elev_id;dato;type\n", encoding="utf-8")
        kode, ut, feil = _evaluer("--format", "json", fag=None, hendelser=tom)
        assert kode == 0
        assert json.loads(ut)["antall"]["lest"] > 0
        assert feil == (
            f"fravarsregler evaluer: advarsel: --hendelser {tom} har ingen rader (filen er tom, eller har bare "
            "overskriftslinjen). Er eksporten ufullstendig?\n"
        )

    @pytest.mark.parametrize(
        "koding",
        [
            lambda t: t.encode("utf-8") + b"\x1a",
            lambda t: t.encode("utf-8") + b"\x1a" * 5,  # padding to a block
            lambda t: b"\xff\xfe" + t.encode("utf-16-le") + b"\x1a",  # UTF-16, an odd number of bytes
            lambda t: b"\xff\xfe" + (t + "\x1a").encode("utf-16-le"),  # the mark as a UTF-16 character
            lambda t: t.encode("cp1252") + b"\x1a",
        ],
    )
    def test_dos_filslutt_er_ikke_en_rad(self, tmp_path: Path, koding: Callable[[str], bytes]) -> None:
        med_ctrl_z = tmp_path / "hendelser.csv"
        med_ctrl_z.write_bytes(koding((EKSEMPEL / "hendelser.csv").read_text(encoding="utf-8")))
        kode, ut, feil = _evaluer("--format", "json", hendelser=med_ctrl_z)
        assert (kode, feil) == (0, "")
        assert json.loads(ut) == json.loads(_evaluer("--format", "json")[1])


class TestLokalRutinemappeUtenRutiner:
    """A ``rutiner`` folder in the working directory that holds only a school calendar (the nightly
    job's files) is not taken for the routines."""

    def test_bare_skolerute(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "rutiner").mkdir()
        shutil.copy(SKOLERUTE, tmp_path / "rutiner" / SKOLERUTE.name)
        monkeypatch.chdir(tmp_path)
        kode, ut, feil = _evaluer("--format", "json")
        assert kode == 0
        # the shipped routines are used, and said to be
        assert feil.startswith("fravarsregler evaluer: merk: fant ingen mappe «rutiner» med rutinefiler her;")
        assert [r["id"] for r in json.loads(ut)["rutiner"]] == ["barnehage", "grunnskole", "vgs"]

    def test_valider_sjekker_likevel_skoleruta_der(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # valider without files checks what ./rutiner holds, not the shipped routines in its place
        (tmp_path / "rutiner").mkdir()
        tekst = SKOLERUTE.read_text(encoding="utf-8").replace(
            "forste_skoledag: 2026-08-18", "forste_skoledag: 2026-13-18"
        )
        (tmp_path / "rutiner" / "skolerute-2027-28.yaml").write_text(tekst, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = kjor("valider")
        assert kode == 1
        assert "skolerute-2027-28.yaml:" in ut
        assert "«2026-13-18» er ikke en gyldig dato" in ut


class TestSkrivHelt:
    """``skriv_helt_til``: an error half-way leaves the file as it was, whatever kind of file it is."""

    @staticmethod
    def _avbryt_halvveis(sti: Path, feil: BaseException, *, flush: bool = True) -> None:
        def skriv() -> None:
            with cli_publisering.skriv_helt_til(sti) as f:
                f.write('{"halvveis": ')
                if flush:
                    f.flush()  # (on disk, as a county's result is long before its end)
                raise feil

        with pytest.raises(type(feil)):
            skriv()

    @pytest.mark.parametrize("feil", [RuntimeError("feil"), KeyboardInterrupt()])
    def test_symbolsk_lenke(self, tmp_path: Path, feil: BaseException) -> None:
        maal = tmp_path / "ekte.json"
        maal.write_text("gammel\n", encoding="utf-8")
        lenke = tmp_path / "ut.json"
        lenke.symlink_to(maal)
        self._avbryt_halvveis(lenke, feil)
        assert maal.read_text(encoding="utf-8") == "gammel\n"
        with cli_publisering.skriv_helt_til(lenke) as f:
            f.write("ny\n")
        assert lenke.is_symlink()  # the link is kept, its target replaced
        assert maal.read_text(encoding="utf-8") == "ny\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ekte.json", "ut.json"]

    def test_hardlenke(self, tmp_path: Path) -> None:
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        os.link(fil, tmp_path / "samme.json")
        self._avbryt_halvveis(fil, RuntimeError("feil"))
        assert (tmp_path / "samme.json").read_text(encoding="utf-8") == "gammel\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["samme.json", "ut.json"]

    def test_mappe_uten_nye_filer(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # a folder where no new file may be made: the temporary file goes to the system's temp folder
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        ekte = tempfile.mkstemp

        def mkstemp(*a: Any, dir: object = None, **k: Any) -> tuple[int, str]:
            if dir == tmp_path:
                raise PermissionError(errno.EACCES, "Permission denied")
            return ekte(*a, dir=dir, **k)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        self._avbryt_halvveis(fil, RuntimeError("feil"))
        assert fil.read_text(encoding="utf-8") == "gammel\n"
        with cli_publisering.skriv_helt_til(fil) as f:
            f.write("ny\n")
        assert fil.read_text(encoding="utf-8") == "ny\n"

    @pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs chown to another group")
    def test_gruppe_som_ikke_kan_beholdes_gir_privat_midlertidig_fil(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        fil.chmod(0o640)
        os.chown(fil, -1, 65534)

        def fchown(*_: object) -> None:
            raise PermissionError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "fchown", fchown)
        with cli_publisering.skriv_helt_til(fil) as f:
            f.write("ny\n")
            (midlertidig,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            assert midlertidig.stat().st_mode & 0o777 == 0o600  # not readable by our group meanwhile
        assert fil.read_text(encoding="utf-8") == "ny\n"
        assert (fil.stat().st_gid, fil.stat().st_mode & 0o777) == (65534, 0o640)

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_avbrudd_skjules_ikke_av_full_disk(self) -> None:
        # closing flushes into a full disk: the Ctrl-C, not the write error, comes out
        self._avbryt_halvveis(Path("/dev/full"), KeyboardInterrupt(), flush=False)


class TestFilslutt:
    """Ctrl-Z at the end of an export, in every encoding the reader takes."""

    @pytest.mark.parametrize(
        ("data", "tekst"),
        [
            (b"\xff\xfe" + "a,b\n".encode("utf-16-le") + b"\x1a\x1a", "a,b\n"),  # padding: not U+1A1A
            (b"\xff\xfe" + "a,b\n".encode("utf-16-le") + b"\x1a" * 3, "a,b\n"),
            (b"\xfe\xff" + "a,Ě".encode("utf-16-be") + b"\x1a", "a,Ě"),  # Ě is 01 1A: its byte is kept
            (b"\xfe\xff" + "a,Ě".encode("utf-16-be"), "a,Ě"),
            (b"a,b\n" + b"\x1a" * 4, "a,b\n"),
        ],
    )
    def test_les_tekst(self, data: bytes, tekst: str) -> None:
        assert les_tekst(data) == tekst


class TestTommeOgRareNavn:
    """An empty file name is a usage error in every command; a value with control characters is
    shown escaped, never sent to the terminal."""

    @pytest.mark.parametrize(
        "argv",
        [("valider", ""), ("diff", "", "rutiner/vgs.yaml"), ("dokument", "--format", "html", "--rutine", "")],
    )
    def test_tomt_navn(self, argv: tuple[str, ...]) -> None:
        kode, ut, feil = kjor(*argv)
        assert (kode, ut) == (2, "")
        assert "mangler filnavn (verdien er tom)" in feil

    def test_kontrolltegn_i_en_verdi(self) -> None:
        kode, _, feil = kjor("demo", "--format", "\x1b[31mX\nY")
        assert kode == 2
        assert "\x1b" not in feil
        assert feil.splitlines()[-1].endswith(
            "ugyldig valg: '\\x1b[31mX\\nY' (velg blant «tekst», «json», «csv», «csv-excel»)"
        )

    def test_argparse_ord_i_en_brukers_verdi(self) -> None:
        # a stray argument that holds argparse's words is listed as given, not re-quoted
        kode, _, feil = kjor("demo", "invalid choice: 'x'")
        assert kode == 2
        assert feil.splitlines()[-1].endswith("ukjente argumenter: invalid choice: 'x'")

    def test_valider_ser_yml_i_lokal_rutinemappe(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "rutiner").mkdir()
        (tmp_path / "rutiner" / "skolerute.yml").write_text("type: skolerute\ntype: x\n", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        kode, ut, _ = kjor("valider")
        assert kode == 1
        assert "skolerute.yml:2:1:" in ut

    def test_utmappe_uten_tilgang(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # a folder on the way we may not look into: a message, not a traceback (the tests may run as root)
        privat = tmp_path / "privat"
        ekte = os.stat

        def stat_(p: Any, *a: Any, **k: Any) -> os.stat_result:
            if str(p).startswith(str(privat)):
                raise PermissionError(errno.EACCES, "Permission denied", str(p))
            return ekte(p, *a, **k)

        monkeypatch.setattr(os, "stat", stat_)
        kode, ut, feil = _evaluer("--ut", privat / "ut.json")
        assert (kode, ut) == (1, "")
        ut_json = privat / "ut.json"
        assert (
            feil == f"fravarsregler evaluer: kan ikke skrive {ut_json} (du har ikke tilgang). Sjekk navnet og mappen.\n"
        )


class TestSkrivHeltStrommerOgEiere:
    """/dev/stdout stays a stream; a file of another user keeps its owner; a copy-in checks for room."""

    @pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
    @pytest.mark.parametrize("stdout", ["pipe", "append"])
    def test_dev_stdout(self, tmp_path: Path, stdout: str) -> None:
        logg = tmp_path / "logg.txt"
        logg.write_text("før\n", encoding="utf-8")
        argv = [sys.executable, "-m", "fravarsregler", "evaluer", "--elever", str(EKSEMPEL / "elever.csv")]
        argv += ["--fag", str(EKSEMPEL / "fag.csv"), "--hendelser", str(EKSEMPEL / "hendelser.csv")]
        argv += ["--skolerute", str(SKOLERUTE), "--dato", "2026-11-26", "--format", "json", "--ut", "/dev/stdout"]
        if stdout == "pipe":
            p = subprocess.run(argv, check=False, capture_output=True, encoding="utf-8", timeout=120)
            assert p.returncode == 0, p.stderr
            assert json.loads(p.stdout)["dato"] == "2026-11-26"
        else:
            with logg.open("a", encoding="utf-8") as ut:  # `>> logg.txt`: appended to, not replaced
                p = subprocess.run(argv, check=False, stdout=ut, stderr=subprocess.PIPE, encoding="utf-8", timeout=120)
            assert p.returncode == 0, p.stderr
            tekst = logg.read_text(encoding="utf-8")
            assert tekst.startswith("før\n{")
            assert json.loads(tekst.removeprefix("før\n"))["dato"] == "2026-11-26"

    @pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs a file of another user")
    def test_en_annen_brukers_fil_beholder_eieren(self, tmp_path: Path) -> None:
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        os.chown(fil, 65534, -1)
        with cli_publisering.skriv_helt_til(fil) as f:
            f.write("ny\n")
        assert (fil.read_text(encoding="utf-8"), fil.stat().st_uid) == ("ny\n", 65534)
        assert sorted(x.name for x in tmp_path.iterdir()) == ["ut.json"]

    @pytest.mark.skipif(not hasattr(os, "statvfs"), reason="needs statvfs")
    def test_kopi_inn_uten_plass_lar_filen_staa(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        os.link(fil, tmp_path / "samme.json")  # copied in, not renamed

        class Full:
            f_bavail, f_bfree, f_frsize = 0, 0, 4096

        monkeypatch.setattr(os, "statvfs", lambda *_: Full())
        with pytest.raises(OSError, match="No space left") as e, cli_publisering.skriv_helt_til(fil) as f:
            f.write("ny og lengre\n" * 500)  # (more blocks than the old file)
        assert e.value.errno == errno.ENOSPC
        assert fil.read_text(encoding="utf-8") == "gammel\n"
        assert sorted(x.name for x in tmp_path.iterdir()) == ["samme.json", "ut.json"]

    def test_forhaandssjekken_ser_en_fil_uten_skrivetilgang(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fil = tmp_path / "ut.json"
        fil.write_text("gammel\n", encoding="utf-8")
        ekte = os.access
        monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if Path(p) == fil else ekte(p, m, *a, **k))
        lest: list[object] = []
        monkeypatch.setattr("fravarsregler._kommandoer.read_hendelser", lambda *a, **k: lest.append(a))
        kode, _, feil = _evaluer("--ut", fil)
        assert (kode, lest) == (1, [])
        assert feil == f"fravarsregler evaluer: kan ikke skrive {fil} (du har ikke tilgang). Sjekk navnet og mappen.\n"

    def test_forhaandssjekken_folger_en_lenke(self, tmp_path: Path) -> None:
        # a dangling link into a folder that does not exist: said before the work
        lenke = tmp_path / "ut.json"
        lenke.symlink_to(tmp_path / "finnes-ikke" / "ut.json")
        kode, _, feil = _evaluer("--ut", lenke)
        assert kode == 1
        assert "(mappen finnes ikke)" in feil


class TestStromnavn:
    """Names of the shell's own streams are written through the descriptor; other files under /dev
    are files."""

    @pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
    def test_skallets_utdata_etterpaa_overskriver_ikke(self, tmp_path: Path) -> None:
        # { fravarsregler ... --ut /dev/stdout; echo FERDIG; } > logg: the result, then FERDIG
        logg = tmp_path / "logg.txt"
        lenke = tmp_path / "ut.json"
        lenke.symlink_to("/dev/stdout")  # (through a link of our own, too)
        kommando = [sys.executable, "-m", "fravarsregler", "dokument", "--format", "markdown", "--ut", str(lenke)]
        skript = f"{subprocess.list2cmdline(kommando)}; echo FERDIG"
        with logg.open("w", encoding="utf-8") as ut:
            p = subprocess.run(
                ["sh", "-c", skript], check=False, stdout=ut, stderr=subprocess.PIPE, encoding="utf-8", timeout=120
            )
        assert p.returncode == 0, p.stderr
        tekst = logg.read_text(encoding="utf-8")
        assert tekst.startswith("# Fraværsoppfølging")
        assert tekst.endswith("\nFERDIG\n")

    @pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs /dev/shm")
    def test_en_fil_under_dev_erstattes(self) -> None:
        mappe = Path(tempfile.mkdtemp(dir="/dev/shm"))
        try:
            fil = mappe / "ut.md"
            for _ in range(2):
                kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", fil)
                assert kode == 0, feil
            assert fil.read_text(encoding="utf-8").count("# Fraværsoppfølging") == 1
        finally:
            shutil.rmtree(mappe)

    @pytest.mark.skipif(not hasattr(os, "statvfs"), reason="needs statvfs")
    @pytest.mark.parametrize(
        "tilfelle",
        [
            (23_000, 23_795, 0, 0, 1000, True),  # grows within its last block: no new block needed
            (4_096, 8_200, 0, 5, 0, False),  # root too: the reserve may not be usable (a user namespace)
            (4_096, 8_200, 3, 3, 1000, True),  # two more blocks, and one to spare
            (4_096, 8_000, 1, 1, 1000, False),  # one more block, and none to spare
        ],
    )
    def test_plass_til_kopien(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tilfelle: tuple[int, int, int, int, int, bool]
    ) -> None:
        gammel, ny, bavail, bfree, euid, plass = tilfelle
        fil = tmp_path / "ut.txt"
        fil.write_bytes(b"x" * gammel)
        os.link(fil, tmp_path / "samme.txt")  # copied in

        class Fs:
            f_frsize, f_bavail, f_bfree = 4096, bavail, bfree

        monkeypatch.setattr(os, "statvfs", lambda *_: Fs())
        monkeypatch.setattr(os, "geteuid", lambda: euid)
        monkeypatch.setattr(os, "fchown", lambda *_: None)

        def skriv() -> None:
            with cli_publisering.skriv_helt_til(fil) as f:
                f.write("y" * ny)

        if plass:
            skriv()
            assert fil.stat().st_size == ny
        else:
            with pytest.raises(OSError, match="No space left"):
                skriv()
            assert fil.stat().st_size == gammel

    def test_kontrolltegn_i_ut_navnet_vises_ikke_raatt(self, tmp_path: Path) -> None:
        kode, _, feil = _evaluer("--ut", f"{tmp_path}/finnes-ikke/\x1b[31m.json")
        assert kode == 1
        assert "\x1b" not in feil
        assert "⟨U+001B⟩[31m.json (mappen finnes ikke)" in feil


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
class TestBeskrivelser:
    """--ut names of descriptors: a closed or read-only one is said before the work; a reader that
    leaves is 141, silently; the shell's own /proc/$$/fd/1 stays a log."""

    @staticmethod
    def _kjor_skall(skript: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", "-c", skript], check=False, capture_output=True, encoding="utf-8", timeout=120, cwd=cwd
        )

    @staticmethod
    def _dok(ut: str) -> str:
        return subprocess.list2cmdline(
            [sys.executable, "-m", "fravarsregler", "dokument", "--format", "markdown", "--ut", ut]
        )

    @staticmethod
    def _evaluer_kommando(ut: str) -> str:
        argv = [sys.executable, "-m", "fravarsregler", "evaluer", "--elever", str(EKSEMPEL / "elever.csv")]
        argv += ["--hendelser", str(EKSEMPEL / "hendelser.csv"), "--skolerute", str(SKOLERUTE)]
        argv += ["--dato", "2026-11-26", "--format", "json", "--ut", ut]
        # (the routines named: run from a folder without ./rutiner, the shipped ones would be used
        # with a note on standard error, which these tests keep for what they check)
        argv += ["--rutine", *(str(RUTINER / f"{n}.yaml") for n in ("barnehage", "grunnskole", "vgs"))]
        return subprocess.list2cmdline(argv)

    def test_lukket_standard_ut(self, tmp_path: Path) -> None:
        p = self._kjor_skall(f"{self._evaluer_kommando('/dev/stdout')} >&-", tmp_path)
        assert p.returncode == 1
        assert "kan ikke skrive /dev/stdout (filbeskrivelse 1 er ikke åpen (standard ut er lukket))" in p.stderr

    def test_beskrivelse_bare_for_lesing(self, tmp_path: Path) -> None:
        (tmp_path / "inn.txt").write_text("x\n", encoding="utf-8")
        p = self._kjor_skall(f"{self._evaluer_kommando('/dev/fd/0')} < inn.txt", tmp_path)
        assert p.returncode == 1
        assert "(filbeskrivelse 0 er bare åpen for lesing)" in p.stderr
        assert (tmp_path / "inn.txt").read_text(encoding="utf-8") == "x\n"

    def test_leser_som_gaar_er_141(self, tmp_path: Path) -> None:
        # `… --ut /dev/stdout | head -c 1`: the result (220 kB) does not fit in the pipe
        p = subprocess.Popen(
            ["sh", "-c", self._evaluer_kommando("/dev/stdout")],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert p.stdout is not None
        assert p.stderr is not None
        assert p.stdout.read(1) == b"{"
        p.stdout.close()
        assert p.wait(timeout=120) == 141
        assert p.stderr.read() == b""
        p.stderr.close()

    @pytest.mark.parametrize("omdirigering", [">>", ">"])
    @pytest.mark.parametrize("navn", ["/proc/$$/fd/1", "/proc/thread-self/fd/1"])
    def test_skallets_egen_proc_fd_er_en_logg(self, tmp_path: Path, omdirigering: str, navn: str) -> None:
        # the shell's descriptor is the same open file as our standard output: written through it
        logg = tmp_path / "cron.log"
        logg.write_text("i går\n", encoding="utf-8")
        p = self._kjor_skall(f"{{ echo START; {self._dok(navn)}; echo FERDIG; }} {omdirigering} cron.log", tmp_path)
        assert p.returncode == 0, p.stderr
        tekst = logg.read_text(encoding="utf-8")
        if omdirigering == ">":
            tekst = "i går\n" + tekst  # (> emptied the log first)
        assert tekst.startswith("i går\nSTART\n# Fraværsoppfølging")
        assert tekst.endswith("\nFERDIG\n")

    @pytest.mark.parametrize("kommando", ["dokument", "evaluer"])
    def test_navn_filsystemet_ikke_kan_holde(self, kommando: str) -> None:
        # (from Python only: a real command line's bytes can always be given back; under a
        # Latin-1 locale "\u0661" is such a name, under UTF-8 a lone surrogate)
        navn = "/tmp/ut\ud800.json"
        if kommando == "dokument":
            kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", navn)
        else:
            kode, _, feil = _evaluer("--ut", navn)
        assert kode == 2
        assert "kan ikke skrives med filsystemets tegnsett" in feil
        kode, _, feil = kjor("valider", navn)
        assert kode == 2
        assert "kan ikke skrives med filsystemets tegnsett" in feil
        # a NUL, in any option that names a file: os.stat raised ValueError
        for argv in (["valider", "a\x00b.yaml"], ["dokument", "--format", "html", "--ut", "x\x00.html"]):
            kode, _, feil = kjor(*argv)
            assert kode == 2
            assert "har et nulltegn, som ingen filnavn kan ha" in feil
        kode, _, feil = _evaluer(elever=Path("e\x00.csv"))
        assert kode == 2
        assert "har et nulltegn" in feil

    @pytest.mark.parametrize("navn", ["/dev/fd/99999999999999999999", "/dev/fd/\u0661"])
    def test_rare_nummer(self, navn: str) -> None:
        kode, _, feil = kjor("dokument", "--format", "markdown", "--ut", navn)
        try:
            os.fsencode(navn)
        except UnicodeEncodeError:  # (a Latin-1 locale cannot name "\u0661": a usage error)
            assert kode == 2
            assert "kan ikke skrives med filsystemets tegnsett" in feil
        else:
            assert kode == 1
            assert "kan ikke skrive" in feil

    def test_navngitt_roer_uten_leser_er_en_feil(self, tmp_path: Path) -> None:
        # a named pipe whose reader leaves is a failed write (exit 1), not our own standard output
        roer = tmp_path / "roer"
        os.mkfifo(roer)
        leser = subprocess.Popen(["sh", "-c", f"head -c 1 {roer} > /dev/null"])
        kode, ut, feil = _evaluer("--format", "json", "--ut", roer)
        leser.wait(timeout=60)
        assert (kode, ut) == (1, "")
        assert feil == f"fravarsregler evaluer: kan ikke skrive {roer} (leseren av røret gikk).\n"
