"""Text pasted from Word, and values typed the way staff write them, in validation messages.

Invisible characters quoted in a message are shown as ⟨U+200B⟩; a number read from what was typed
is quoted as typed; likely paste and quoting mistakes in texts are warnings at the text
(``tekst_advarsler``); a problem can point at a character inside a long text.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from fravarsregler import Problem, validate
from fravarsregler._skjema import UtenPlassering, lag_problem, tekst_advarsler
from fravarsregler._yaml import YamlDokument, load_yaml_file, load_yaml_text

TESTER = Path(__file__).resolve().parent
POSITIVE = TESTER / "eksempelfiler" / "rutine" / "positive"
RUTINER = TESTER.parent / "rutiner"
MINIMAL = (POSITIVE / "minimal.yaml").read_text(encoding="utf-8")


def _minimal_med(tmp_path: Path, gammel: str, ny: str) -> tuple[Path, int]:
    """positive/minimal.yaml with the first ``gammel`` replaced by ``ny``, next to its shared file;
    the file and the changed line's number."""
    assert gammel in MINIMAL
    shutil.copy(POSITIVE / "felles.yaml", tmp_path / "felles.yaml")
    fil = tmp_path / "rutine.yaml"
    fil.write_text(MINIMAL.replace(gammel, ny, 1), encoding="utf-8")
    return fil, MINIMAL[: MINIMAL.index(gammel)].count("\n") + 1


def _last(tekst: str) -> YamlDokument:
    return load_yaml_text(textwrap.dedent(tekst), fil="x.yaml")


class TestUsynligeTegnIMeldinger:
    """A value with an invisible character looks right on screen; the message shows the character."""

    def test_id_med_nullbreddemellomrom(self, tmp_path: Path) -> None:
        fil, linje = _minimal_med(tmp_path, "      - id: vegring\n", "      - id: vegring\u200b\n")
        (problem,) = validate(fil).problemer
        assert (problem.linje, problem.kolonne, problem.kode) == (linje, 13, "feil-form")
        assert problem.melding.startswith("«vegring⟨U+200B⟩» er ikke en gyldig id.")
        assert problem.melding.endswith(
            "Teksten har et usynlig tegn, vist her som ⟨U+200B⟩ (et nullbreddemellomrom, ofte fra tekst "
            "kopiert fra Word eller PDF). Slett tegnet."
        )
        assert "\u200b" not in problem.melding

    def test_flere_usynlige_tegn(self) -> None:
        doc = _last("a: x\n")
        problem = lag_problem(doc, ("a",), "«a\u00adb\u2060c» er feil.", kode="x")
        assert problem.melding == (
            "«a⟨U+00AD⟩b⟨U+2060⟩c» er feil. Teksten har usynlige tegn, vist her som ⟨U+00AD⟩ og ⟨U+2060⟩ "
            "(ofte fra tekst kopiert fra Word eller PDF). Slett tegnene."
        )

    def test_melding_uten_usynlige_tegn_er_uendret(self) -> None:
        doc = _last("a: x\n")
        melding = "«kl.\u00a015» er feil.\nNy linje."  # a non-breaking space shows; a line break is kept
        assert lag_problem(doc, ("a",), melding, kode="x").melding == melding


class TestMenteDu:
    """A key or value typed with å, æ or ø suggests the one written aa, ae or oe."""

    def test_naar_med_aa(self, tmp_path: Path) -> None:
        fil, linje = _minimal_med(tmp_path, '        naar: "Samme dag"\n', '        når: "Samme dag"\n')
        (problem,) = validate(fil).problemer  # not also «Feltet «naar» mangler»
        assert (problem.linje, problem.kolonne, problem.kode) == (linje, 9, "ukjent-felt")
        assert problem.melding.startswith("Ukjent felt «når». Mente du «naar»?")
        assert problem.forslag == ("naar",)

    def test_rolle_med_ae(self, tmp_path: Path) -> None:
        fil, linje = _minimal_med(
            tmp_path, "          roller: [styrer, pedagogisk_leder]", "          roller: [styrer, pedagogisk_lærer]"
        )
        problemer = [p for p in validate(fil).problemer if p.linje == linje]
        assert problemer
        assert all("pedagogisk_lærer" in p.melding for p in problemer)


class TestTallSomSkrevet:
    """A number where a text belongs is quoted as it was typed, not as the number it was read as."""

    @pytest.mark.parametrize(
        ("gammel", "ny", "skrevet", "tall"),
        [
            ('versjon: "2022.1"\n', "versjon: 2027.10\n", "2027.10", "2027.1"),
            ('        naar: "Samme dag"\n', "        naar: 08.00\n", "08.00", "8"),
            ('        naar: "Samme dag"\n', "        naar: 1e3\n", "1e3", "1000"),
        ],
    )
    def test_forslaget_er_det_som_ble_skrevet(
        self, tmp_path: Path, gammel: str, ny: str, skrevet: str, tall: str
    ) -> None:
        fil, linje = _minimal_med(tmp_path, gammel, ny)
        (problem,) = validate(fil).problemer
        assert (problem.linje, problem.kolonne, problem.kode) == (linje, ny.index(": ") + 3, "feil-type")
        assert problem.melding == (
            f"Her skal det stå tekst, men {skrevet} uten anførselstegn blir lest som tallet {tall}. "
            f'Sett verdien i anførselstegn, slik den skal stå: "{skrevet}".'
        )

    def test_tall_som_leses_slik_det_er_skrevet(self, tmp_path: Path) -> None:
        fil, _ = _minimal_med(tmp_path, 'versjon: "2022.1"\n', "versjon: 2023.1\n")
        (problem,) = validate(fil).problemer
        assert problem.melding == (
            "Her skal det stå tekst, men det står tallet 2023.1. Sett verdien i anførselstegn, slik den "
            'skal stå, for eksempel "2023.1".'
        )

    def test_uten_plassering_skrives_tallet(self) -> None:
        lok = UtenPlassering("x", {"a": 1})
        assert lok.som_skrevet(("a",)) is None
        assert lok.stil(("a",)) is None
        assert lok.tegn_plassering(("a",), 0) == (None, None)


class TestTegnplassering:
    """``lag_problem(..., tegn=i)`` points at character i of a text where the file shows it exactly."""

    TEKST = """\
        innledning: "Når fraværet overstiger {bekymring_terskl}."
        brev:
          tekst: |
            Vi viser til dialog med kontaktlæreren.

            Når fraværet overstiger {bekymring_terskl} av dagene,
        brettet: >
          Når {x}
    """

    @pytest.mark.parametrize(
        ("sti", "linje", "kolonne"),
        [(("innledning",), 1, 38), (("brev", "tekst"), 6, 29), (("brettet",), 7, 10)],
    )
    def test_plassholder(self, sti: tuple[str, ...], linje: int, kolonne: int) -> None:
        doc = _last(self.TEKST)
        tekst = doc.data
        for del_ in sti:
            tekst = tekst[del_]
        problem = lag_problem(doc, sti, "Ukjent.", kode="referanse", tegn=tekst.index("{"))
        assert (problem.linje, problem.kolonne) == (linje, kolonne)

    def test_uten_tegn_er_det_ved_verdien(self) -> None:
        doc = _last(self.TEKST)
        problem = lag_problem(doc, ("brev", "tekst"), "Ukjent.", kode="referanse")
        assert (problem.linje, problem.kolonne) == (3, 10)


def _advarsler(tekst: str, problemer: tuple[Problem, ...] = ()) -> list[tuple[int | None, int | None, str, str]]:
    doc = _last(tekst)
    ut = tekst_advarsler(doc, problemer)
    assert all(p.alvor == "advarsel" for p in ut)
    return [(p.linje, p.kolonne, p.kode, p.melding) for p in ut]


class TestTekstadvarsler:
    """Likely paste and quoting mistakes in a text are warnings at the text (or its character)."""

    def test_myk_bindestrek(self) -> None:
        ((linje, kolonne, kode, melding),) = _advarsler('naar: "Dagen før skole\u00adstart"\n')
        assert (linje, kolonne, kode) == (1, 23, "usynlig-tegn")
        assert melding == (
            "Teksten «Dagen før skole⟨U+00AD⟩start» har et usynlig tegn, vist her som ⟨U+00AD⟩ (en myk "
            "bindestrek). Slike tegn følger ofte med tekst kopiert fra Word eller PDF, og blir med uten å "
            "synes. Slett det hvis det ikke skal være der."
        )

    def test_nullbreddetegn_i_blokktekst_og_i_noekkel(self) -> None:
        advarsler = _advarsler("tekst: |\n  en\n  to\u200b og\u200d\nkode\u2060: 1\n")
        assert [(a[0], a[1], a[2]) for a in advarsler] == [(3, 5, "usynlig-tegn"), (4, 1, "usynlig-tegn")]
        assert advarsler[0][3].startswith("Teksten «en to⟨U+200B⟩ og⟨U+200D⟩ » har usynlige tegn, vist her som")
        assert "Slett dem hvis de ikke skal være der." in advarsler[0][3]
        assert advarsler[1][3].startswith("Nøkkelen «kode⟨U+2060⟩» har et usynlig tegn")

    def test_typografiske_anforselstegn(self) -> None:
        ((linje, kolonne, kode, melding),) = _advarsler("a: 1\nnaar: “Samme dag”\n")
        assert (linje, kolonne, kode) == (2, 7, "typografiske-anforselstegn")
        assert "Teksten begynner med «“» og slutter med «”»" in melding
        assert melding.endswith('Bruk vanlige anførselstegn (") rundt teksten: "Samme dag".')

    def test_anforselstegn_mangler_foran(self) -> None:
        ((linje, kolonne, kode, melding),) = _advarsler('naar: Samme dag"\n')
        assert (linje, kolonne, kode) == (1, 7, "anforselstegn")
        assert melding.startswith('Teksten «Samme dag"» slutter med et anførselstegn («"»), men begynner ikke med et')
        assert 'Mangler det et «"» foran teksten?' in melding

    @pytest.mark.parametrize(
        "tekst",
        [
            'naar: "Samme dag"\n',
            'innhold: Bruk malen "Varsel"\n',  # a quoted word at the end of a plain text
            'naar: "“Samme dag”"\n',  # typographic quotes inside ordinary ones: meant
            "naar: «Samme dag»\n",
            'naar: "kl.\u00a015"\n',  # a non-breaking space is typography, not a mistake
            "naar: 'Sa\tmme'\n",  # a tab shows as space
            "a: [1, 2.5, true, null]\n",
        ],
    )
    def test_ingen_advarsel(self, tekst: str) -> None:
        assert _advarsler(tekst) == []

    def test_ikke_der_det_alt_er_en_feil(self) -> None:
        feil = Problem(fil="x.yaml", linje=1, kolonne=5, melding="Ugyldig id.", json_path="$.id", kode="feil-form")
        assert _advarsler("id: a\u200b\nb: c\u200b\n", (feil,)) == [
            (2, 5, "usynlig-tegn", _advarsler("b: c\u200b\n")[0][3])
        ]

    @pytest.mark.parametrize("fil", sorted(p.name for p in RUTINER.glob("*.yaml")))
    def test_rutinefilene_har_ingen(self, fil: str) -> None:
        assert tekst_advarsler(load_yaml_file(RUTINER / fil)) == []
