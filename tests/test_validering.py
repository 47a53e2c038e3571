"""Tests for validating routine files: one bad file per error kind, every problem, no crashes."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import ValidationError

from fravarsregler import Problem, RutineFeil, load_felles, load_routine, validate
from fravarsregler._rutine import _ENHETER, _FRISTTYPER, _UTLOSERTYPER, validate_files
from fravarsregler._skjema import UtenPlassering, _oversett

TESTER = Path(__file__).resolve().parent
EKSEMPLER = TESTER / "eksempelfiler" / "rutine"
POSITIVE = EKSEMPLER / "positive"
NEGATIVE = EKSEMPLER / "negative"
RUTINER = TESTER.parent / "rutiner"

# Every file in negative/ -> the problems validate() must report, in order:
# (linje, kolonne, kode, a piece of the Norwegian message).  Each file is a copy of
# positive/minimal.yaml with one mistake (tre-feil.yaml has three); the line and column are
# where that mistake is written, counted by hand from the fixture.
FORVENTET: dict[str, list[tuple[int, int, str, str]]] = {
    # The list opened on line 11 is not closed; the parser notices on the next line.
    "syntaks-parentes.yaml": [(12, 1, "syntaks", "«[» på linje 11 er ikke lukket")],
    "syntaks-kolon.yaml": [(37, 24, "syntaks", "Sett teksten i anførselstegn")],
    "tabulator.yaml": [(29, 1, "syntaks", "Bruk mellomrom, ikke tabulator")],
    "duplikat-nokkel.yaml": [(38, 9, "duplikat-nokkel", "«naar:» står to ganger på samme nivå (linje 37 og linje 38)")],
    "billion-laughs.yaml": [(18, 25, "alias", "når aliasene (*navn) er pakket ut")],
    "ukjent-felt.yaml": [(36, 9, "ukjent-felt", "Ukjent felt «hvaa». Mente du «hva»?")],
    "feil-type.yaml": [(40, 19, "feil-type", "her skal det stå en liste, men det står teksten «styrer»")],
    "mangler-felt.yaml": [(35, 9, "mangler-felt", "Feltet «naar» mangler")],
    "ugyldig-dato.yaml": [(9, 13, "ugyldig-dato", "«2026-02-30» er ikke en gyldig dato")],
    "ja-nei-felt.yaml": [(30, 24, "feil-type", "Skriv true her, ikke «yes»")],
    "ja-nei-parameter.yaml": [(27, 12, "parameter", "verdien må være true eller false: skriv false")],
    "klokkeslett-uten-anforsel.yaml": [(23, 12, "parameter", "har verdien «9:00», men et klokkeslett skrives")],
    "ukjent-rolle.yaml": [(40, 28, "ukjent-rolle", "Ukjent rolle «kontaktlarer». Mente du «kontaktlaerer»?")],
    "duplikat-rad.yaml": [
        (50, 13, "duplikat-rad", "«vegring» står to ganger i tabellen «Barnehagen» (også på linje 35)")
    ],
    "duplikat-regel.yaml": [(59, 17, "duplikat-regel", "«vegring-samme-dag» står to ganger (også på linje 45)")],
    "ukjent-sjekkliste.yaml": [
        (42, 23, "referanse", "Ukjent sjekkliste «skolesituasjon». Mente du «skolesituasjonen»?")
    ],
    "ukjent-parameter.yaml": [
        (75, 20, "referanse", "Ukjent parameter «bekymrings_terskel». Mente du «bekymring_terskel»?")
    ],
    "ukjent-plassholder.yaml": [(68, 42, "referanse", "«{bekymringsterskel}», men det finnes ingen parameter")],
    "ulukket-plassholder.yaml": [(68, 42, "plassholder", "krøllparentes «{» eller «}» som ikke hører til")],
    "andel-utenfor.yaml": [
        (19, 12, "parameter", "«bekymring_terskel» har verdien 10, men en andel skrives som desimaltall")
    ],
    "revisjon-foer-gyldig.yaml": [
        (10, 17, "datoer", "«neste_revisjon» (2021-06-30) må være senere enn «gyldig_fra» (2022-08-15)")
    ],
    "fast-regel-mangler.yaml": [(45, 17, "fast-regel", "Regelen «vegring-samme-dag» mangler i rutinen «barnehage»")],
    "frist-utloser.yaml": [(62, 27, "frist", "Fristtypen «samme_dag» passer ikke med utløsertypen «lopende»")],
    "felles-mangler.yaml": [(12, 9, "referanse", "Finner ikke fellesfilen «../positive/fellesfil.yaml»")],
    "versjon-som-tall.yaml": [(8, 10, "feil-type", "det står tallet 2023.1. Sett verdien i anførselstegn")],
    "tre-feil.yaml": [
        (10, 17, "ugyldig-dato", "«2023-02-30» er ikke en gyldig dato"),
        (40, 28, "ukjent-rolle", "Ukjent rolle «kontaktlarer»"),
        (75, 20, "referanse", "Ukjent parameter «bekymrings_terskel»"),
    ],
}

# What the user is told to do, for the mistakes staff make most often.
RAD: dict[str, str] = {
    "klokkeslett-uten-anforsel.yaml": 'skriv "09:00"',
    "andel-utenfor.yaml": "skriv 0.1 for 10 %",
    "fast-regel-mangler.yaml": "Skriv «vegring-samme-dag» igjen",
    "frist-utloser.yaml": "kan fristen være «klokkeslett» eller «ingen»",
    "ukjent-plassholder.yaml": "legg parameteren til under «parametere:»",
    "ukjent-felt.yaml": "rett stavemåten",
}


def _sted(p: Problem) -> tuple[int | None, int | None, str]:
    return (p.linje, p.kolonne, p.kode)


class TestEksempelfiler:
    """Every bad example file gives exactly its expected located problems, and nothing else."""

    def test_hver_negativ_fil_har_forventning(self) -> None:
        assert sorted(p.name for p in NEGATIVE.glob("*.yaml")) == sorted(FORVENTET)

    @pytest.mark.parametrize("navn", sorted(FORVENTET))
    def test_negativ_fil(self, navn: str) -> None:
        resultat = validate(NEGATIVE / navn)
        assert not resultat.gyldig
        assert resultat.type in (None, "rutine")
        funnet = [(p.linje, p.kolonne, p.kode) for p in resultat.problemer]
        assert funnet == [(linje, kolonne, kode) for linje, kolonne, kode, _ in FORVENTET[navn]]
        for problem, (_, _, _, tekst) in zip(resultat.problemer, FORVENTET[navn], strict=True):
            assert tekst in problem.melding
            assert problem.fil.endswith(navn)
            assert problem.alvor == "feil"

    @pytest.mark.parametrize(("navn", "rad"), sorted(RAD.items()))
    def test_meldingen_sier_hva_brukeren_skal_gjore(self, navn: str, rad: str) -> None:
        (problem,) = validate(NEGATIVE / navn).problemer
        assert rad in problem.melding

    @pytest.mark.parametrize("navn", ["minimal.yaml", "bar-dato.yaml", "felles.yaml"])
    def test_positiv_fil_er_gyldig(self, navn: str) -> None:
        resultat = validate(POSITIVE / navn)
        assert resultat.problemer == ()
        assert resultat.gyldig

    def test_dato_uten_anforselstegn_leses_som_dato(self) -> None:
        assert "gyldig_fra: 2022-08-15\n" in (POSITIVE / "bar-dato.yaml").read_text(encoding="utf-8")
        rutine = load_routine(POSITIVE / "bar-dato.yaml")
        assert rutine.gyldig_fra == date(2022, 8, 15)

    @pytest.mark.parametrize("navn", sorted(FORVENTET))
    def test_negativ_fil_er_en_kopi_med_en_feil(self, navn: str) -> None:
        """Guards the fixtures: each changes one line of the minimal routine per expected problem."""

        def innhold(fil: Path) -> list[str]:
            linjer = fil.read_text(encoding="utf-8").splitlines()
            return [x for x in linjer if not x.startswith(("#", "felles:"))]

        minimal = set(innhold(POSITIVE / "minimal.yaml"))
        endret = [x for x in innhold(NEGATIVE / navn) if x not in minimal]
        # billion-laughs.yaml adds nine anchor lines for its one mistake
        assert len(endret) <= (9 if navn == "billion-laughs.yaml" else len(FORVENTET[navn]))


# (line in minimal.yaml to change, its new text, the advice the message must give)
ENDRINGER: list[tuple[str, str, str]] = [
    ("    verdi: 0.10", "    verdi: 8", "skriv 0.08 for 8 %"),
    ("    verdi: 0.10", '    verdi: "8 %"', "skriv 0.08 for 8 %"),
    ("    verdi: 0.10", "    verdi: 12.5%", "skriv 0.125 for 12.5 %"),
    ("    verdi: 0.10", '    verdi: "0,08"', "desimaltall skrives med punktum, ikke komma: skriv 0.08"),
    ("    verdi: 0.10", "    verdi: 150", "(10 % skrives 0.10)"),
    ('    verdi: "09:00"', "    verdi: 9:00", 'skriv "09:00"'),
    ('    verdi: "09:00"', "    verdi: 9.30", 'skriv "09:30"'),
    ('    verdi: "09:00"', "    verdi: 0900", 'skriv "09:00"'),
    ('    verdi: "09:00"', '    verdi: "25:00"', 'skrives "HH:MM" i anførselstegn'),
    ("    verdi: false", "    verdi: ja", "true eller false: skriv true"),
    ("    verdi: false", "    verdi: nei", "true eller false: skriv false"),
    ("    verdi: false", "    verdi: off", "true eller false: skriv false"),
    ("    verdi: false", "    verdi: kanskje", "verdien må være true eller false."),
    ("formatversjon: 1", 'formatversjon: "1"', "Skriv 1 uten anførselstegn"),
    ('trinn: ["bhg"]', "trinn: [bhg, 1]", 'skriv "1" i anførselstegn'),
]


class TestForslag:
    """A wrongly written value gives one problem at the value, saying what to write instead."""

    @pytest.mark.parametrize(("gammel", "ny", "rad"), ENDRINGER)
    def test_forslag(self, tmp_path: Path, gammel: str, ny: str, rad: str) -> None:
        linjer = (POSITIVE / "minimal.yaml").read_text(encoding="utf-8").split("\n")
        nr = linjer.index(gammel)
        linjer[nr] = ny
        shutil.copy(POSITIVE / "felles.yaml", tmp_path / "felles.yaml")
        fil = tmp_path / "rutine.yaml"
        fil.write_text("\n".join(linjer), encoding="utf-8")
        (problem,) = validate(fil).problemer
        assert rad in problem.melding
        assert problem.linje == nr + 1
        # the value, after "key: " (or, in a flow list, the item after "bhg, ")
        assert problem.kolonne == (ny.index("1]") + 1 if "[" in ny else ny.index(": ") + 3)


class TestFasteRegler:
    """A missing fixed rule id is reported at its likely renaming, or else at the routine's id."""

    def test_fjernet_regel_vises_ved_rutinens_id(self, tmp_path: Path) -> None:
        tekst = (POSITIVE / "minimal.yaml").read_text(encoding="utf-8")
        shutil.copy(POSITIVE / "felles.yaml", tmp_path / "felles.yaml")
        fil = tmp_path / "rutine.yaml"
        fil.write_text(tekst.replace("- id: vegring-samme-dag", "- id: helt-annen-regel"), encoding="utf-8")
        (problem,) = validate(fil).problemer
        linjer = tekst.splitlines()
        assert (problem.linje, problem.kolonne) == (linjer.index("id: barnehage") + 1, 5)
        assert problem.kode == "fast-regel"
        assert "Regelen «vegring-samme-dag» mangler i rutinen «barnehage». Id-en er fast" in problem.melding


class TestAlleProblemer:
    """validate() reports every problem in a file, each located, not only the first."""

    def test_tre_feil_gir_tre_problemer(self) -> None:
        resultat = validate(NEGATIVE / "tre-feil.yaml")
        assert len(resultat.problemer) == 3
        assert len({p.kode for p in resultat.problemer}) == 3
        assert all(p.linje is not None and p.kolonne is not None for p in resultat.problemer)

    def test_load_routine_baerer_alle_problemene(self) -> None:
        with pytest.raises(RutineFeil) as info:
            load_routine(NEGATIVE / "tre-feil.yaml")
        assert [_sted(p) for p in info.value.problemer] == [
            _sted(p) for p in validate(NEGATIVE / "tre-feil.yaml").problemer
        ]
        assert (info.value.linje, info.value.kolonne) == (10, 17)
        assert str(info.value).endswith("(og 2 problemer til)")

    def test_problemene_er_sortert_etter_linje(self) -> None:
        problemer = validate(NEGATIVE / "tre-feil.yaml").problemer
        assert [p.linje for p in problemer] == sorted(p.linje or 0 for p in problemer)


class TestFilproblemer:
    """A missing file, a folder or an empty file gives one problem, never an exception."""

    def test_fil_finnes_ikke(self, tmp_path: Path) -> None:
        resultat = validate(tmp_path / "finnes-ikke.yaml")
        (problem,) = resultat.problemer
        assert (problem.linje, problem.kolonne, problem.kode) == (None, None, "fil")
        assert "Finner ikke filen" in problem.melding

    def test_filnavn_relativt_til_arbeidsmappen(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(TESTER.parent)
        (problem,) = validate(NEGATIVE / "ukjent-rolle.yaml").problemer
        assert problem.fil == "tests/eksempelfiler/rutine/negative/ukjent-rolle.yaml"
        assert "rollekatalogen i tests/eksempelfiler/rutine/positive/felles.yaml." in problem.melding

    def test_filnavn_utenfor_arbeidsmappen_vises_som_gitt(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "her").mkdir()
        monkeypatch.chdir(tmp_path / "her")
        (problem,) = validate(tmp_path / "borte.yaml").problemer
        assert problem.fil == str(tmp_path / "borte.yaml")

    def test_mappe(self, tmp_path: Path) -> None:
        (problem,) = validate(tmp_path).problemer
        assert problem.kode == "fil"
        assert "mappe" in problem.melding

    def test_tom_fil(self, tmp_path: Path) -> None:
        fil = tmp_path / "tom.yaml"
        fil.write_text("# bare en kommentar\n", encoding="utf-8")
        (problem,) = validate(fil).problemer
        assert "Filen er tom" in problem.melding

    def test_ukjent_type(self, tmp_path: Path) -> None:
        fil = tmp_path / "x.yaml"
        fil.write_text("type: rutien\n", encoding="utf-8")
        (problem,) = validate(fil).problemer
        assert (problem.linje, problem.kolonne) == (1, 7)
        assert "Mente du «rutine»?" in problem.melding


BARNEHAGE = (RUTINER / "barnehage.yaml").read_text(encoding="utf-8")


def _barnehage_med(tmp_path: Path, gammel: str, ny: str, *, felles: bool = True) -> tuple[Path, int]:
    """rutiner/barnehage.yaml with the first ``gammel`` replaced by ``ny`` (next to a copy of
    felles.yaml, unless ``felles`` is false); the file and the changed line's number."""
    assert gammel in BARNEHAGE
    if felles:
        shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    fil = tmp_path / "barnehage.yaml"
    fil.write_text(BARNEHAGE.replace(gammel, ny, 1), encoding="utf-8")
    return fil, BARNEHAGE[: BARNEHAGE.index(gammel)].count("\n") + 1


class TestFolgefeil:
    """A value already reported as wrong gives no second problem from a check that depends on it."""

    def test_feilstavet_utlosertype(self, tmp_path: Path) -> None:
        fil, linje = _barnehage_med(tmp_path, "utloser: {type: kalender", "utloser: {type: kalendar")
        (problem,) = validate(fil).problemer
        assert problem.linje == linje
        assert "«kalendar» er ikke en tillatt verdi her" in problem.melding
        assert "Mente du «kalender»?" in problem.melding

    @pytest.mark.parametrize(
        "ny", ['    verdier: [{fra: "2022-08-01", verdi: "09:00"}]\n    verdi: "09:00"\n', "    merknad: x\n"]
    )
    def test_verdi_og_verdier_begge_eller_ingen(self, tmp_path: Path, ny: str) -> None:
        fil, _ = _barnehage_med(tmp_path, '    verdi: "09:00"\n', ny)
        (problem,) = validate(fil).problemer
        assert problem.melding == "Oppgi nøyaktig én av «verdi» og «verdier» for parameteren."

    def test_feilstavet_enhet(self, tmp_path: Path) -> None:
        """A parameter with a wrong enhet, used where a clock time is needed: only the enhet is wrong."""
        fil, linje = _barnehage_med(tmp_path, "    enhet: klokkeslett\n", "    enhet: klokkslett\n")
        (problem,) = validate(fil).problemer
        assert problem.linje == linje
        assert "Mente du «klokkeslett»?" in problem.melding

    @pytest.mark.parametrize(
        ("gammel", "ny"),
        [
            ("            ansvar: [styrer, pedagogisk_leder]", "            ansvar: [Styrer, pedagogisk_leder]"),
            ("          roller: [styrer, pedagogisk_leder]", "          roller: [Styrer, pedagogisk_leder]"),
            ("            ansvar: [styrer, pedagogisk_leder]", "            ansvar: [pedagogisk_leder, Styrer]"),
        ],
    )
    def test_rolle_med_stor_forbokstav(self, tmp_path: Path, gammel: str, ny: str) -> None:
        fil, linje = _barnehage_med(tmp_path, gammel, ny)
        (problem,) = validate(fil).problemer
        assert (problem.linje, problem.kolonne) == (linje, ny.index("Styrer") + 1)
        assert problem.kode == "ukjent-rolle"
        assert problem.melding.startswith("Ukjent rolle «Styrer». Mente du «styrer»?")
        assert problem.forslag == ("styrer",)

    def test_rolle_som_ikke_er_en_id(self, tmp_path: Path) -> None:
        gammel = "            ansvar: [styrer, pedagogisk_leder]"
        fil, linje = _barnehage_med(tmp_path, gammel, "            ansvar: [Miljøterapeut]")
        (problem,) = validate(fil).problemer
        assert (problem.linje, problem.kode) == (linje, "ukjent-rolle")
        assert "Ukjent rolle «Miljøterapeut»." in problem.melding
        assert "små bokstaver a–z, tall og understrek" in problem.melding

    def test_rolle_uten_rollekatalog(self, tmp_path: Path) -> None:
        """With no felles.yaml to look the role up in, the format problem still speaks of roles."""
        gammel = "            ansvar: [styrer, pedagogisk_leder]"
        fil, linje = _barnehage_med(tmp_path, gammel, "            ansvar: [Styrer, pedagogisk_leder]", felles=False)
        mangler, rolle = validate(fil).problemer
        assert mangler.melding.startswith("Finner ikke fellesfilen «felles.yaml»")
        assert rolle.linje == linje
        assert rolle.melding.startswith("«Styrer» er ikke en rolle-id.")
        assert "bekymring_terskel" not in rolle.melding


class TestSkjemaverdier:
    """The values the semantic checks take as known are the schema's."""

    def test_samme_som_skjemaet(self) -> None:
        defs = json.loads((TESTER.parent / "skjema" / "rutine.schema.json").read_text(encoding="utf-8"))["$defs"]
        assert tuple(defs["utloser"]["properties"]["type"]["enum"]) == _UTLOSERTYPER
        assert tuple(defs["frist"]["properties"]["type"]["enum"]) == _FRISTTYPER
        assert tuple(defs["parameter"]["properties"]["enhet"]["enum"]) == _ENHETER


class TestFeilFiltype:
    """A file of another kind where a routine or the shared file is expected: one plain problem."""

    @pytest.mark.parametrize(
        ("navn", "melding"),
        [
            (
                "skolerute-2026-27.yaml",
                "Dette er en skolerute (type: skolerute), ikke en rutinefil. Oppgi en rutinefil, for "
                "eksempel rutiner/grunnskole.yaml.",
            ),
            (
                "felles.yaml",
                "Dette er fellesfilen (type: felles), ikke en rutinefil. Oppgi en rutinefil, for eksempel "
                "rutiner/grunnskole.yaml.",
            ),
        ],
    )
    def test_load_routine(self, navn: str, melding: str) -> None:
        with pytest.raises(RutineFeil) as info:
            load_routine(RUTINER / navn)
        (problem,) = info.value.problemer
        assert (problem.melding, problem.kode, problem.json_path) == (melding, "feil-filtype", "$.type")
        linjer = (RUTINER / navn).read_text(encoding="utf-8").splitlines()
        assert problem.linje == next(i for i, x in enumerate(linjer, 1) if x.startswith("type: "))

    def test_load_routine_med_feil_i_fellesfilen(self, tmp_path: Path) -> None:
        """A broken felles.yaml given as a routine: what kind of file it is, then its own problems."""
        fil = tmp_path / "felles.yaml"
        fil.write_text(
            (RUTINER / "felles.yaml").read_text(encoding="utf-8").replace("\nroller:", "\nrolle:"), encoding="utf-8"
        )
        with pytest.raises(RutineFeil) as info:
            load_routine(fil)
        annen, egen = info.value.problemer
        assert annen.melding.startswith("Dette er fellesfilen (type: felles), ikke en rutinefil.")
        assert egen.kode == "ukjent-felt"

    def test_load_felles(self) -> None:
        with pytest.raises(RutineFeil) as info:
            load_felles(RUTINER / "barnehage.yaml")
        (problem,) = info.value.problemer
        assert problem.melding == (
            "Dette er en rutinefil (type: rutine), ikke fellesfilen. Oppgi fellesfilen, for eksempel "
            "rutiner/felles.yaml."
        )

    def test_rutine_som_viser_til_en_rutine_som_fellesfil(self, tmp_path: Path) -> None:
        fil, _ = _barnehage_med(tmp_path, "felles: felles.yaml", "felles: annen.yaml", felles=False)
        shutil.copy(RUTINER / "vgs.yaml", tmp_path / "annen.yaml")
        annen, henvisning = validate(fil).problemer
        assert annen.fil.endswith("annen.yaml")
        assert annen.melding.startswith("Dette er en rutinefil (type: rutine), ikke fellesfilen.")
        assert henvisning.melding.startswith("Fellesfilen «annen.yaml» har feil")


class TestFlereFiler:
    """validate_files() validates a set of files: each file once, each problem under its own file,
    and two versions of a routine with the same gyldig_fra are an error."""

    @staticmethod
    def _rutiner(tmp_path: Path) -> Path:
        for fil in RUTINER.glob("*.yaml"):
            shutil.copy(fil, tmp_path / fil.name)
        return tmp_path

    def test_feil_i_fellesfilen_staar_under_fellesfilen(self, tmp_path: Path) -> None:
        mappe = self._rutiner(tmp_path)
        felles = mappe / "felles.yaml"
        felles.write_text(felles.read_text(encoding="utf-8").replace("\nroller:", "\nrolle:"), encoding="utf-8")
        filer = sorted(mappe.glob("*.yaml"))
        for rekkefolge in (filer, filer[::-1]):
            resultater = {Path(r.fil).name: r for r in validate_files(rekkefolge)}
            (problem,) = resultater["felles.yaml"].problemer
            assert problem.kode == "ukjent-felt"
            assert "«rolle»" in problem.melding
            for navn in ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml"):
                (henvisning,) = resultater[navn].problemer
                assert henvisning.json_path == "$.felles"
                assert henvisning.fil == resultater[navn].fil
            assert resultater["skolerute-2026-27.yaml"].gyldig

    def test_samme_fil_to_ganger(self, tmp_path: Path) -> None:
        fil, _ = _barnehage_med(tmp_path, '    verdi: "09:00"', "    verdi: 9:00")
        (resultat,) = validate_files([fil, tmp_path / ".." / tmp_path.name / "barnehage.yaml"])
        assert len(resultat.problemer) == 1

    def test_to_versjoner_med_samme_gyldig_fra(self, tmp_path: Path) -> None:
        ny, _ = _barnehage_med(tmp_path, 'versjon: "2022.1"', 'versjon: "2023.1"')
        (tmp_path / "arkiv").mkdir()
        gammel = tmp_path / "arkiv" / "barnehage-2022.1.yaml"
        gammel.write_text(BARNEHAGE.replace("felles: felles.yaml", "felles: ../felles.yaml"), encoding="utf-8")
        linje = BARNEHAGE.splitlines().index('gyldig_fra: "2022-08-15"') + 1
        for filer in ([ny, gammel], [gammel, ny]):
            resultater = validate_files(filer)
            problemer = [p for r in resultater for p in r.problemer]
            (problem,) = problemer
            assert problem.fil == str(ny)
            assert (problem.linje, problem.kolonne, problem.kode) == (linje, 13, "versjoner")
            assert problem.melding == (
                "To versjoner av rutinen «barnehage» gjelder fra samme dato (2022-08-15): denne filen "
                f"(versjon 2023.1) og {gammel}:{linje} (versjon 2022.1). Gi den nye versjonen en senere "
                "«gyldig_fra» (datoen den begynner å gjelde)."
            )

    def test_samme_versjon_feilen_staar_utenfor_arkivet(self, tmp_path: Path) -> None:
        """A plain copy in arkiv/ (nothing changed yet): the error is at the file to change."""
        shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
        ny = tmp_path / "barnehage.yaml"
        ny.write_text(BARNEHAGE, encoding="utf-8")
        (tmp_path / "arkiv").mkdir()
        gammel = tmp_path / "arkiv" / "barnehage.yaml"
        gammel.write_text(BARNEHAGE.replace("felles: felles.yaml", "felles: ../felles.yaml"), encoding="utf-8")
        for filer in ([ny, gammel], [gammel, ny]):
            (problem,) = [p for r in validate_files(filer) for p in r.problemer]
            assert problem.fil == str(ny)

    def test_ny_gyldig_fra_er_gyldig(self, tmp_path: Path) -> None:
        ny, _ = _barnehage_med(tmp_path, 'gyldig_fra: "2022-08-15"', 'gyldig_fra: "2023-01-02"')
        shutil.copy(RUTINER / "barnehage.yaml", tmp_path / "barnehage-2022.1.yaml")
        assert all(r.gyldig for r in validate_files([ny, tmp_path / "barnehage-2022.1.yaml"]))


# --------------------------------------------------------------------------- Hypothesis

GRUNNSKOLE = (RUTINER / "grunnskole.yaml").read_text(encoding="utf-8")
_NOKKEL = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):")
_VERDI = re.compile(r"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*: )(.+)$")

# Scalars of every kind the loader treats specially, and a few that are plain wrong.
_SKALARER = st.one_of(
    st.sampled_from(
        [
            "true",
            "false",
            "no",
            "yes",
            "ja",
            "~",
            "null",
            "9:00",
            "09:00",
            "0900",
            "10",
            "0.10",
            "-1",
            "1e400",
            ".inf",
            ".nan",
            "2026-02-30",
            "2022-08-15",
            "[]",
            "{}",
            "[a, b]",
            '"tekst"',
            "'x'",
            "|",
            ">-",
            "*a",
            "&a",
            "&a x",
            "*ukjent",
            "!!python/object:os.system",
            "!!str 5",
            "!!int x",
            "{a: 1}",
            "- x",
            "? x",
            "<<: *a",
            "@x",
            "`x`",
            "%",
            "{bekymring_terskel}",
            "{ukjent_param}",
            "kontaktlarer",
            "0x1F",
            "0o17",
            "1_000",
            "1:30:00",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)
_TOKENS = st.sampled_from([": ", "&a ", "*a", "&a", " *a", "- ", "{", "[", '"', "'", "\t", "#", "---\n", "\n"])

# One mutation: (kind, position, payload).  Positions are taken modulo the current size.
_MUTASJON = st.one_of(
    st.tuples(st.just("slett"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("dupliser"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("innrykk"), st.integers(0, 10**6), st.sampled_from(["", " ", "  ", "    ", "\t", "-"])),
    st.tuples(st.just("skalar"), st.integers(0, 10**6), _SKALARER),
    st.tuples(
        st.just("nokkel"),
        st.integers(0, 10**6),
        st.one_of(st.sampled_from(["hvaa", "id", "type", "regler", "<<", "1", "true", "null"]), st.text(max_size=6)),
    ),
    st.tuples(st.just("token"), st.integers(0, 10**6), _TOKENS),
    st.tuples(st.just("kutt"), st.integers(0, 10**6), st.just("")),
)


def _muter(tekst: str, mutasjoner: list[tuple[str, int, str]]) -> str:
    linjer = tekst.split("\n")
    for art, pos, data in mutasjoner:
        if not linjer:
            linjer = [""]
        i = pos % len(linjer)
        if art == "slett":
            del linjer[i]
        elif art == "dupliser":
            linjer.insert(i, linjer[i])
        elif art == "innrykk":
            linjer[i] = data + linjer[i].lstrip(" ") if pos % 2 else data + linjer[i]
        elif art == "skalar":
            treff = [(j, m) for j, linje in enumerate(linjer) if (m := _VERDI.match(linje))]
            if treff:
                j, m = treff[pos % len(treff)]
                linjer[j] = m.group(1) + data
        elif art == "nokkel":
            treff = [(j, m) for j, linje in enumerate(linjer) if (m := _NOKKEL.match(linje))]
            if treff:
                j, m = treff[pos % len(treff)]
                linjer[j] = m.group(1) + data + ":" + linjer[j][m.end() :]
        elif art == "token":
            kolonne = (pos // len(linjer)) % (len(linjer[i]) + 1)
            linjer[i] = linjer[i][:kolonne] + data + linjer[i][kolonne:]
        elif art == "kutt":
            samlet = "\n".join(linjer)
            linjer = samlet[: pos % (len(samlet) + 1)].split("\n")
    return "\n".join(linjer)


class TestTilfeldigeEndringer:
    """Randomly damaged routine files never crash the validator: valid, or located problems."""

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutasjoner=st.lists(_MUTASJON, min_size=1, max_size=4))
    @example(mutasjoner=[("kutt", 2288, ""), ("nokkel", 0, "\x850")])  # U+0085 was a line break to PyYAML
    def test_validator_krasjer_aldri(self, mutasjoner: list[tuple[str, int, str]]) -> None:
        tekst = _muter(GRUNNSKOLE, mutasjoner)
        with tempfile.TemporaryDirectory() as mappe:
            fil = Path(mappe) / "grunnskole.yaml"
            fil.write_text(tekst, encoding="utf-8")
            shutil.copy(RUTINER / "felles.yaml", Path(mappe) / "felles.yaml")
            resultat = validate(fil)
            # lines as an editor counts them (the loader refuses the separators only PyYAML breaks at)
            antall_linjer = {
                p.name: len(re.split(r"\r\n|[\r\n]", p.read_text(encoding="utf-8"))) for p in Path(mappe).iterdir()
            }
            if not resultat.gyldig:
                assert resultat.problemer
            for problem in resultat.problemer:
                assert isinstance(problem, Problem)
                assert problem.fil
                assert isinstance(problem.melding, str)
                assert problem.melding.strip()
                assert "Traceback" not in problem.melding
                linjer = antall_linjer[Path(problem.fil).name]
                assert problem.linje is None or 1 <= problem.linje <= linjer
                assert problem.kolonne is None or problem.kolonne >= 1
                assert problem.linje is not None or problem.kolonne is None
            # Loading agrees with validating: a valid file loads, an invalid one raises RutineFeil.
            if resultat.gyldig and resultat.type == "rutine":
                load_routine(fil)
            elif resultat.type == "rutine":
                with pytest.raises(RutineFeil):
                    load_routine(fil)

    def test_umutert_fil_er_gyldig(self) -> None:
        """The starting point of the mutations is itself valid (so mutations cause the problems)."""
        assert _muter(GRUNNSKOLE, []) == GRUNNSKOLE
        assert validate(RUTINER / "grunnskole.yaml").problemer == ()


class TestRaadIMeldingene:
    """What the message tells the staff to do is what fixes the file."""

    def test_tall_i_anforselstegn(self, tmp_path: Path) -> None:
        tekst = (RUTINER / "grunnskole.yaml").read_text(encoding="utf-8")
        shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
        fil = tmp_path / "grunnskole.yaml"
        for gammel, ny, forslag in [
            ("    verdi: 0.10\n", '    verdi: "0.08"\n', "0.08"),
            ("    verdi: 5\n", '    verdi: "6"\n', "6"),
        ]:
            assert gammel in tekst
            fil.write_text(tekst.replace(gammel, ny, 1), encoding="utf-8")
            (problem,) = validate(fil).problemer
            assert problem.melding.endswith(f", men et tall skal stå uten anførselstegn: skriv {forslag}."), (
                problem.melding
            )
            # and doing so gives a valid file
            fil.write_text(tekst.replace(gammel, ny.replace('"', ""), 1), encoding="utf-8")
            assert validate(fil).problemer == ()

    def test_en_regel_to_ganger(self, tmp_path: Path) -> None:
        fil, _ = _barnehage_med(
            tmp_path, "          - id: fravaer-tema-foreldremote\n", "          - id: vegring-samme-dag\n"
        )
        problemer = [p for p in validate(fil).problemer if p.kode == "duplikat-regel"]
        assert problemer
        assert "Fjern kopien; er det en ny regel, gi den en egen id (de faste id-ene kan ikke endres)." in (
            problemer[0].melding
        )


class TestGjentakelse:
    """``gjentakelse`` must be what the engine does for the measure: the key used to be ignored, so
    a revision to "once per school year" for the days rule silently changed nothing."""

    @pytest.mark.parametrize(
        ("fil", "linje", "fra", "til"),
        [
            ("grunnskole.yaml", "gjentakelse: en_gang_per_semester", "semester", "skoleaar"),
            ("vgs.yaml", "gjentakelse: en_gang_per_skoleaar", "skoleaar", "semester"),
        ],
    )
    def test_bare_det_motoren_gjor(self, tmp_path: Path, fil: str, linje: str, fra: str, til: str) -> None:
        for navn in ("felles.yaml", fil):
            shutil.copy(RUTINER / navn, tmp_path / navn)
        tekst = (tmp_path / fil).read_text(encoding="utf-8")
        assert linje in tekst
        (tmp_path / fil).write_text(tekst.replace(linje, linje.replace(fra, til), 1), encoding="utf-8")
        feil = validate(tmp_path / fil).feil
        assert [p.melding.split(":")[0] for p in feil] == [f"Verdien må være «en_gang_per_{fra}»"]
        assert "fraværsdager telles per semester og fagtimer for hele skoleåret" in feil[0].melding
        assert feil[0].linje == tekst.splitlines().index(next(x for x in tekst.splitlines() if linje in x)) + 1


class TestSkjemafeilUtenEgenMelding:
    """A schema keyword without a message of its own still gets Norwegian text, never jsonschema's English."""

    @pytest.mark.parametrize(
        ("nokkelord", "grense", "verdi"),
        [("multipleOf", 2, 3), ("not", {"pattern": "^0+$"}, "00"), ("maxLength", 3, "abcd")],
    )
    def test_norsk_reservetekst(self, nokkelord: str, grense: object, verdi: object) -> None:
        feil = ValidationError(
            "English text from jsonschema", validator=nokkelord, validator_value=grense, instance=verdi, path=["x"]
        )
        (problem,) = _oversett(UtenPlassering("fil.yaml", {"x": verdi}), feil)
        assert problem.melding == "Verdien er ikke tillatt her. Sjekk skrivemåten mot docs/format.md."
        assert "English" not in str(problem)


class TestDaterteVerdier:
    """A parameter's dated values stand oldest first, each from its own date."""

    @pytest.mark.parametrize(
        ("ny", "melding"),
        [
            (
                "2015-08-01",
                "Verdiene må stå i datorekkefølge, den eldste «fra»-datoen først: 2015-08-01 står etter "
                "2016-08-01, men er en tidligere dato.",
            ),
            (
                "2016-08-01",
                "«fra»-datoen 2016-08-01 står to ganger. Hver verdi må ha sin egen «fra»-dato: rett datoen, eller "
                "fjern den ene verdien.",
            ),
        ],
    )
    def test_rekkefolge(self, tmp_path: Path, ny: str, melding: str) -> None:
        tekst = (RUTINER / "vgs.yaml").read_text(encoding="utf-8")
        gammel = '      - fra: "2025-08-01"\n        verdi: [ingen, helse_egenmeldt, helse_dokumentert]'
        assert tekst.count(gammel) == 1
        shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
        fil = tmp_path / "vgs.yaml"
        fil.write_text(tekst.replace(gammel, gammel.replace("2025-08-01", ny)), encoding="utf-8")
        (problem,) = validate(fil).problemer
        assert problem.melding == melding
        assert problem.linje == tekst[: tekst.index(gammel)].count("\n") + 1
