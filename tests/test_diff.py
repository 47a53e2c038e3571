"""Tests for comparing routine versions (fravarsregler._diff) and ``fravarsregler diff``."""

from __future__ import annotations

import copy
import functools
import io
import itertools
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rutinehjelp import med_rad

from fravarsregler._cli import run
from fravarsregler._diff import (
    Endring,
    Tekstbit,
    _endringslinjer,
    diff_felles,
    diff_routines,
    ordforskjell,
    skriv_tekst,
    som_json,
)
from fravarsregler._dokument import formater_parameterverdi
from fravarsregler._model import Frist, Rutine
from fravarsregler._rutine import FASTE_REGLER, load_felles, load_routine
from fravarsregler._yaml import load_yaml_file

ROT = Path(__file__).resolve().parent.parent
RUTINER = ROT / "rutiner"
FELLES = RUTINER / "felles.yaml"
EKSEMPEL = ROT / "docs" / "eksempel" / "grunnskole-revidert.yaml"
EKSEMPELDOK = ROT / "docs" / "revisjon-eksempel.md"
NAVN = ("barnehage", "grunnskole", "vgs")


@functools.cache
def _rutine(navn: str) -> Rutine:
    """A shipped routine, loaded once (Hypothesis tests cannot use function-scoped fixtures)."""
    return load_routine(RUTINER / f"{navn}.yaml")


@functools.cache
def _data(navn: str) -> dict[str, Any]:
    data: dict[str, Any] = load_yaml_file(RUTINER / f"{navn}.yaml").data
    return data


def _skriv(mappe: Path, data: dict[str, Any], navn: str = "rutine.yaml") -> Path:
    """Write routine data as YAML, with ``felles`` pointing at the shipped shared file."""
    data = {**data, "felles": str(FELLES)}
    fil = mappe / navn
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return fil


def _gjenoppbygd(bits: tuple[Tekstbit, ...], side: str) -> str:
    return "".join(b.tekst for b in bits if b.op in ("lik", side))


# --------------------------------------------------------------------------- random single edits

# Texts with at least one letter: PyYAML (YAML 1.1) writes "08" unquoted, and our YAML 1.2
# loader would then read it back as the number 8.
TEKST = (
    st.text(alphabet=st.sampled_from(list("abcæøå ABCØÅ0123456789.,-:;()/%«»'\"\n")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda t: any(c.isalpha() for c in t))
)
RADFELT = (("hva",), ("naar",), ("ansvar", "tekst"), ("innhold",))
TALLENHETER = ("andel", "skoledager", "dager")


@attrs.frozen
class Redigering:
    """One edit to one routine's data, and the one change the diff must report."""

    navn: str
    data: dict[str, Any]
    sti: str
    type: str
    gammel: Any = None
    ny: Any = None

    def __repr__(self) -> str:  # keep Hypothesis' failure output short
        return f"Redigering({self.navn}, {self.type} {self.sti}: {self.gammel!r} -> {self.ny!r})"


def _tallparametere(data: dict[str, Any]) -> list[str]:
    return [n for n, p in data["parametere"].items() if p["enhet"] in TALLENHETER and "verdi" in p]


def _kan_fjernes(data: dict[str, Any], si: int, ri: int) -> bool:
    """Removing the row keeps the file valid: the section keeps a row, fixed rules remain."""
    seksjoner = data["seksjoner"]
    if len(seksjoner[si]["rader"]) < 2:
        return False
    igjen = {
        g["id"]
        for sj, s in enumerate(seksjoner)
        for rj, r in enumerate(s["rader"])
        if (sj, rj) != (si, ri)
        for g in r["regler"]
    } | {g["id"] for v in data.get("vedlegg", []) for g in v.get("regler", [])}
    return set(FASTE_REGLER[data["id"]]) <= igjen


REDIGERINGER = ("tekst", "parameter", "legg_til", "fjern")


@st.composite
def redigeringer(draw: st.DrawFn, typ: str) -> Redigering:
    """A random edit of kind ``typ`` to a random shipped routine."""
    navn = draw(st.sampled_from([n for n in NAVN if typ != "parameter" or _tallparametere(_data(n))]))
    data = copy.deepcopy(_data(navn))
    seksjoner = data["seksjoner"]
    if typ == "parameter":
        pnavn = draw(st.sampled_from(_tallparametere(data)))
        p = data["parametere"][pnavn]
        gammel = p["verdi"]
        if p["enhet"] == "andel":
            ny: Any = draw(st.integers(1, 1000).map(lambda x: x / 1000).filter(lambda v: v != gammel))
        else:
            ny = draw(st.integers(0, 200).filter(lambda v: v != gammel))
        p["verdi"] = ny
        return Redigering(navn, data, f"parametere/{pnavn}/verdi", "endret", gammel, ny)
    si = draw(st.integers(0, len(seksjoner) - 1))
    seksjon = seksjoner[si]
    rader = seksjon["rader"]
    if typ == "tekst":
        ri = draw(st.integers(0, len(rader) - 1))
        felt = draw(st.sampled_from(RADFELT))
        eier = rader[ri]
        for del_ in felt[:-1]:
            eier = eier[del_]
        gammel = eier[felt[-1]]
        ny = draw(TEKST.filter(lambda t: t != gammel))
        eier[felt[-1]] = ny
        sti = f"seksjoner/{seksjon['id']}/rader/{rader[ri]['id']}/{'/'.join(felt)}"
        return Redigering(navn, data, sti, "endret", gammel, ny)
    if typ == "legg_til":
        brukte = {r["id"] for r in rader}
        rid = draw(st.from_regex(r"[a-z]{2,8}(-[a-z0-9]{1,4})?", fullmatch=True).filter(lambda x: x not in brukte))
        kopi = copy.deepcopy(rader[draw(st.integers(0, len(rader) - 1))])
        kopi["id"] = rid
        for regel in kopi["regler"]:
            regel["id"] = f"{regel['id']}-{rid}"  # rule ids are unique within a section
        rader.insert(draw(st.integers(0, len(rader))), kopi)
        return Redigering(navn, data, f"seksjoner/{seksjon['id']}/rader/{rid}", "lagt_til")
    kandidater = [
        (sj, rj) for sj, s in enumerate(seksjoner) for rj in range(len(s["rader"])) if _kan_fjernes(data, sj, rj)
    ]
    si, ri = draw(st.sampled_from(kandidater))
    fjernet = seksjoner[si]["rader"].pop(ri)
    return Redigering(navn, data, f"seksjoner/{seksjoner[si]['id']}/rader/{fjernet['id']}", "fjernet")


class TestOrdforskjell:
    """Comparing texts word by word rebuilds both texts and keeps each change in one piece."""

    def test_endring_i_ett_stykke(self) -> None:
        assert ordforskjell("Samme dag", "Innen to dager") == (
            Tekstbit("fjernet", "Samme dag"),
            Tekstbit("lagt_til", "Innen to dager"),
        )

    def test_uendret_tekst_rundt_endringen(self) -> None:
        assert ordforskjell("Dagen før eller samme dag", "Dagen før eller neste dag") == (
            Tekstbit("lik", "Dagen før eller "),
            Tekstbit("fjernet", "samme"),
            Tekstbit("lagt_til", "neste"),
            Tekstbit("lik", " dag"),
        )

    def test_like_tekster(self) -> None:
        assert ordforskjell("Samme dag", "Samme dag") == (Tekstbit("lik", "Samme dag"),)
        assert ordforskjell("", "") == ()

    @given(st.text(max_size=60), st.text(max_size=60))
    @settings(max_examples=200)
    def test_gjenoppbygger_begge_tekstene(self, gammel: str, ny: str) -> None:
        bits = ordforskjell(gammel, ny)
        assert _gjenoppbygd(bits, "fjernet") == gammel
        assert _gjenoppbygd(bits, "lagt_til") == ny
        assert all(b.tekst for b in bits)
        # a run of changes is one removed piece then one added piece
        for forrige, neste in itertools.pairwise(bits):
            assert (forrige.op, neste.op) not in {("lik", "lik"), ("fjernet", "fjernet"), ("lagt_til", "lagt_til")}
            assert (forrige.op, neste.op) != ("lagt_til", "fjernet")


class TestDiffRoutines:
    """diff_routines reports exactly what changed between two versions, and nothing else."""

    @pytest.mark.parametrize("navn", NAVN)
    def test_samme_fil_gir_ingen_endringer(self, navn: str) -> None:
        diff = diff_routines(_rutine(navn), load_routine(RUTINER / f"{navn}.yaml"))
        assert diff.tom
        assert diff.endringer == ()

    @pytest.mark.parametrize("navn", NAVN)
    def test_yaml_skrevet_paa_nytt_gir_ingen_endringer(self, navn: str, tmp_path: Path) -> None:
        ny = load_routine(_skriv(tmp_path, copy.deepcopy(_data(navn))))
        assert diff_routines(_rutine(navn), ny).endringer == ()

    def test_eksempelrevisjonen(self) -> None:
        diff = diff_routines(_rutine("grunnskole"), load_routine(EKSEMPEL))
        assert [(e.sti, e.type) for e in diff.endringer] == [
            ("versjon", "endret"),
            ("gyldig_fra", "endret"),
            ("neste_revisjon", "endret"),
            ("parametere/bekymring_terskel/verdi", "endret"),
            ("seksjoner/trinn-5-7/rader/foresatte-melder-fravaer/naar", "endret"),
            ("seksjoner/trinn-8-10/rader/fravaer-paa-vitnemaalet", "lagt_til"),
        ]
        terskel = diff.endringer[3]
        assert (terskel.gammel, terskel.ny) == ("10 %", "8 %")
        naar = diff.endringer[4]
        assert naar.tekstdiff == (
            Tekstbit("lik", "Dagen før eller på morgenen samme "),
            Tekstbit("fjernet", "dag"),
            Tekstbit("lagt_til", "dag, senest kl. 08.15"),
        )
        assert [len(diff.rader_lagt_til), len(diff.rader_fjernet), len(diff.endrede_rader)] == [1, 0, 1]
        assert diff.under("seksjoner/trinn-5-7") == (naar,)
        assert diff.under("seksjoner/trinn-1-4") == ()
        lagt_til = dict(diff.rader_lagt_til[0].innhold)
        assert lagt_til["NÅR"] == "Første foreldremøte på 8. trinn"
        assert lagt_til["roller"] == "Kontaktlærer"

    def test_regelfelt(self) -> None:
        gammel = _rutine("grunnskole")
        rad = gammel.seksjoner[0].rader[4]
        regel = attrs.evolve(rad.regler[0], frist=Frist(type="skoledager", antall=2), ansvar=("rektor",))
        ny = med_rad(gammel, "trinn-1-4", "vegring", regler=(regel,), roller=("foresatte", "rektor"))
        diff = diff_routines(gammel, ny)
        prefiks = "seksjoner/trinn-1-4/rader/vegring/"
        assert [(e.sti.removeprefix(prefiks), e.gammel, e.ny) for e in diff.endringer] == [
            ("ansvar/roller", ("foresatte", "kontaktlaerer", "rektor", "sosiallaerer"), ("foresatte", "rektor")),
            ("regler/vegring-samme-dag/frist/type", "samme_dag", "skoledager"),
            ("regler/vegring-samme-dag/frist/antall", None, 2),
            ("regler/vegring-samme-dag/ansvar", ("kontaktlaerer",), ("rektor",)),
        ]
        assert diff.endringer[2].type == "lagt_til"
        tekst = skriv_tekst(diff)
        assert "ANSVAR (roller): Foresatte, Kontaktlærer, Rektor, Sosiallærer → Foresatte, Rektor" in tekst
        assert "regel «vegring-samme-dag», frist, type: samme_dag → skoledager" in tekst

    def test_ny_rekkefolge_paa_rader(self) -> None:
        gammel = _rutine("barnehage")
        seksjon = gammel.seksjoner[0]
        ny = attrs.evolve(gammel, seksjoner=(attrs.evolve(seksjon, rader=tuple(reversed(seksjon.rader))),))
        (endring,) = diff_routines(gammel, ny).endringer
        assert endring.sti == "seksjoner/barnehage/rader"
        assert endring.ny == tuple(reversed([r.id for r in seksjon.rader]))

    def test_vedlegg(self) -> None:
        gammel = _rutine("grunnskole")
        v = gammel.vedlegg[0]
        steg = (attrs.evolve(v.steg[0], tekst=v.steg[0].tekst + " Skriv et notat."), *v.steg[1:-1])
        ny = attrs.evolve(gammel, vedlegg=(attrs.evolve(v, steg=steg, unntak=v.unntak[1:]),))
        diff = diff_routines(gammel, ny)
        assert [(e.sti, e.type) for e in diff.endringer] == [
            ("vedlegg/vedlegg-1/steg/kontakt-foresatte/tekst", "endret"),
            ("vedlegg/vedlegg-1/steg/bekymringsbrev", "fjernet"),
            ("vedlegg/vedlegg-1/unntak/permisjon-tidlig", "fjernet"),
        ]
        assert diff.endringer[0].tekstdiff[-1] == Tekstbit("lagt_til", " Skriv et notat.")
        assert diff.vedlegg == diff.endringer

    def test_parameter_som_ser_lik_ut_formatert_vises_som_skrevet(self) -> None:
        gammel = _rutine("grunnskole")
        p = gammel.parameter("bekymring_terskel")
        ny_p = attrs.evolve(p, verdier=(attrs.evolve(p.verdier[0], verdi=0.1000001),))
        ny = attrs.evolve(gammel, parametere={**gammel.parametere, "bekymring_terskel": ny_p})
        (endring,) = diff_routines(gammel, ny).endringer
        assert (endring.sti, endring.gammel, endring.ny) == ("parametere/bekymring_terskel/verdi", "0.1", "0.1000001")

    def test_tabell_fjernet_og_parameter_lagt_til(self) -> None:
        gammel = _rutine("grunnskole")
        p = attrs.evolve(gammel.parameter("bekymring_frist_skoledager"), navn="ny_frist")
        ny = attrs.evolve(gammel, seksjoner=gammel.seksjoner[:2], parametere={**gammel.parametere, "ny_frist": p})
        diff = diff_routines(gammel, ny)
        assert [(e.sti, e.type, e.ny) for e in diff.parametere] == [("parametere/ny_frist", "lagt_til", "5 skoledager")]
        assert [(e.sti, e.type) for e in diff.tabeller] == [("seksjoner/trinn-8-10", "fjernet")]
        assert [e.sti for e in diff.rader_fjernet] == [
            f"seksjoner/trinn-8-10/rader/{r.id}" for r in gammel.seksjoner[2].rader
        ]
        assert len(diff.endringer) == 2 + len(gammel.seksjoner[2].rader)

    @pytest.mark.parametrize("typ", REDIGERINGER)
    @given(data=st.data())
    @settings(max_examples=10, deadline=None)
    def test_en_tilfeldig_redigering_gir_akkurat_den_endringen(self, typ: str, data: st.DataObject) -> None:
        red = data.draw(redigeringer(typ))
        with tempfile.TemporaryDirectory() as mappe:
            ny = load_routine(_skriv(Path(mappe), red.data, f"{red.navn}.yaml"))
        gammel = _rutine(red.navn)
        diff = diff_routines(gammel, ny)
        assert [(e.sti, e.type) for e in diff.endringer] == [(red.sti, red.type)]
        (endring,) = diff.endringer
        if red.sti.startswith("parametere/"):
            navn = red.sti.split("/")[1]
            assert endring.gammel == formater_parameterverdi(gammel.parameter(navn))
            assert endring.ny == formater_parameterverdi(ny.parameter(navn))
            assert endring.gammel != endring.ny
        elif red.type == "endret":
            assert (endring.gammel, endring.ny) == (red.gammel, red.ny)
            assert _gjenoppbygd(endring.tekstdiff, "fjernet") == red.gammel
            assert _gjenoppbygd(endring.tekstdiff, "lagt_til") == red.ny
        elif red.type == "lagt_til":
            assert diff.rader_lagt_til == (endring,)
        else:
            assert diff.rader_fjernet == (endring,)


class TestRapport:
    """The text report is Norwegian and readable; the JSON report is plain data."""

    def test_tekst(self) -> None:
        tekst = skriv_tekst(diff_routines(_rutine("grunnskole"), load_routine(EKSEMPEL)))
        for overskrift in ("Metadata", "Parametere", "Rader lagt til", "Rader fjernet", "Endrede rader"):
            assert f"\n{overskrift}\n{'-' * len(overskrift)}\n" in tekst
        assert "  bekymring_terskel: 10 % → 8 %\n" in tekst
        assert "    NÅR: Dagen før eller på morgenen samme [-dag-]{+dag, senest kl. 08.15+}\n" in tekst
        assert "  + Grunnskolens 8.-10. trinn: rad «fravaer-paa-vitnemaalet»\n" in tekst
        assert tekst.endswith("Til sammen 6 endringer. Tabellradene: 1 lagt til, 0 fjernet, 1 endret.\n")

    def test_ingen_forskjeller(self) -> None:
        tekst = skriv_tekst(diff_routines(_rutine("vgs"), _rutine("vgs")))
        assert "Ingen forskjeller" in tekst

    def test_json(self) -> None:
        data = som_json(diff_routines(_rutine("grunnskole"), load_routine(EKSEMPEL)))
        data = json.loads(json.dumps(data))
        assert data["forskjeller"] is True
        assert data["antall"] == {"endringer": 6, "rader_lagt_til": 1, "rader_fjernet": 0, "endrede_rader": 1}
        naar = next(e for e in data["endringer"] if e["sti"].endswith("/naar"))
        assert naar["tekstdiff"] == [
            {"op": "lik", "tekst": "Dagen før eller på morgenen samme "},
            {"op": "fjernet", "tekst": "dag"},
            {"op": "lagt_til", "tekst": "dag, senest kl. 08.15"},
        ]
        rad = next(e for e in data["endringer"] if e["type"] == "lagt_til")
        assert rad["innhold"]["HVA"] == "Informasjon om at fraværet føres på vitnemålet"

    def test_endring_som_data(self) -> None:
        e = Endring("seksjoner/s/rader/r/ansvar/roller", "endret", gammel=("a",), ny=("a", "b"))
        assert e.as_dict()["ny"] == ["a", "b"]

    def test_usynlig_tegn_vises(self) -> None:
        """A change that is only a zero-width space or a soft hyphen is seen in the report."""
        gammel = _rutine("grunnskole")
        seksjon, rad = gammel.seksjoner[0], gammel.seksjoner[0].rader[0]
        assert rad.naar == "Vårsemester før skolestart"
        ny = med_rad(gammel, seksjon.id, rad.id, naar="Vårsemester før skole\u200bstart", hva=rad.hva + "\u00ad")
        diff = diff_routines(gammel, ny)
        tekst = skriv_tekst(diff)
        assert "    NÅR: Vårsemester før [-skolestart-]{+skole⟨U+200B⟩start+}\n" in tekst
        assert "utarbeiding⟨U+00AD⟩+}\n" in tekst
        assert "\u200b" not in tekst
        assert "\u00ad" not in tekst
        # the data keeps the text as it is
        naar = next(e for e in som_json(diff)["endringer"] if e["sti"].endswith("/naar"))
        assert naar["ny"] == "Vårsemester før skole\u200bstart"

    def test_endring_bare_i_mellomrommet_vises(self) -> None:
        """A space made non-breaking looks the same: the report names it where that is the change."""
        gammel = _rutine("grunnskole")
        seksjon, rad = gammel.seksjoner[0], gammel.seksjoner[0].rader[0]
        ny = med_rad(gammel, seksjon.id, rad.id, naar="Vårsemester før\u00a0skolestart kl.\u00a015")
        tekst = skriv_tekst(diff_routines(gammel, ny))
        assert "    NÅR: Vårsemester før[- skolestart-]{+⟨U+00A0⟩skolestart kl.⟨U+00A0⟩15+}\n" in tekst

    def test_endring_bare_i_mellomrommet_uten_ordforskjell(self) -> None:
        e = Endring("metadata/versjon", "endret", gammel="2027.1", ny="2027.1\u202f")
        assert _endringslinjer(e, "versjon", "  ") == ["  versjon: 2027.1 → 2027.1⟨U+202F⟩"]

    def test_uendret_tekst_med_hardt_mellomrom_vises_som_den_er(self) -> None:
        e = Endring(
            "n",
            "endret",
            gammel="kl.\u00a015 samme dag",
            ny="kl.\u00a015 neste dag",
            tekstdiff=ordforskjell("kl.\u00a015 samme dag", "kl.\u00a015 neste dag"),
        )
        assert _endringslinjer(e, "n", "  ") == ["  n: kl.\u00a015 [-samme-]{+neste+} dag"]


def _kjor(*argv: str) -> tuple[int, str, str]:
    ut, feil = io.StringIO(), io.StringIO()
    kode = run(list(argv), ut, feil)
    return kode, ut.getvalue(), feil.getvalue()


class TestKommando:
    """``fravarsregler diff`` exits like diff(1): 0 same, 1 different, 2 trouble."""

    def test_samme_fil_gir_0(self) -> None:
        fil = str(RUTINER / "grunnskole.yaml")
        kode, ut, feil = _kjor("diff", fil, fil)
        assert (kode, feil) == (0, "")
        assert "Ingen forskjeller" in ut
        kode, ut, _ = _kjor("diff", fil, fil, "--format", "json")
        assert kode == 0
        assert json.loads(ut)["endringer"] == []

    def test_forskjeller_gir_1(self) -> None:
        kode, ut, feil = _kjor("diff", str(RUTINER / "grunnskole.yaml"), str(EKSEMPEL))
        assert (kode, feil) == (1, "")
        assert "10 % → 8 %" in ut
        kode, ut, _ = _kjor("diff", str(RUTINER / "grunnskole.yaml"), str(EKSEMPEL), "--format", "json")
        assert kode == 1
        assert json.loads(ut)["forskjeller"] is True

    def test_ugyldig_fil_gir_2_med_plassering(self, tmp_path: Path) -> None:
        data = copy.deepcopy(_data("grunnskole"))
        data["seksjoner"][0]["rader"][0]["ansvar"]["roller"] = ["rektorr"]
        fil = _skriv(tmp_path, data, "grunnskole.yaml")
        kode, ut, feil = _kjor("diff", str(RUTINER / "grunnskole.yaml"), str(fil))
        assert (kode, ut) == (2, "")
        assert re.search(r"grunnskole\.yaml:\d+:\d+: .*rektorr", feil)

    def test_manglende_fil_og_ulike_rutiner_gir_2(self, tmp_path: Path) -> None:
        kode, _, feil = _kjor("diff", str(RUTINER / "vgs.yaml"), str(tmp_path / "finnes-ikke.yaml"))
        assert kode == 2
        assert "finnes-ikke.yaml" in feil
        kode, _, feil = _kjor("diff", str(RUTINER / "vgs.yaml"), str(RUTINER / "barnehage.yaml"))
        assert kode == 2
        assert "ikke to versjoner av samme rutine" in feil

    def test_bruksfeil_gir_2(self) -> None:
        assert _kjor("diff", str(RUTINER / "vgs.yaml"))[0] == 2
        assert _kjor("diff", "a.yaml", "b.yaml", "--format", "xml")[0] == 2


class TestEksempeldokumentet:
    """docs/revisjon-eksempel.md shows exactly what ``fravarsregler diff`` prints for the example."""

    def test_utdata_i_dokumentet_er_oppdatert(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(ROT)
        kode, ut, _ = _kjor("diff", "rutiner/grunnskole.yaml", "docs/eksempel/grunnskole-revidert.yaml")
        assert kode == 1
        dokument = EKSEMPELDOK.read_text(encoding="utf-8")
        blokk = re.search(
            r"\$ fravarsregler diff rutiner/grunnskole\.yaml docs/eksempel/grunnskole-revidert\.yaml\n"
            r"(.*?)```",
            dokument,
            re.DOTALL,
        )
        assert blokk is not None
        assert blokk.group(1) == ut


# --------------------------------------------------------------------------- the shared file


@functools.cache
def _felles_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml_file(FELLES).data
    return data


def _skriv_felles(mappe: Path, data: dict[str, Any], navn: str = "felles.yaml") -> Path:
    fil = mappe / navn
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return fil


@attrs.frozen
class FellesRedigering:
    """One edit of felles.yaml and the single change the diff must report for it."""

    data: dict[str, Any]
    sti: str
    type: str
    gammel: str | None = None
    ny: str | None = None


@st.composite
def felles_redigeringer(draw: st.DrawFn) -> FellesRedigering:
    """A single edit: a role renamed or added, a checklist or early-sign point changed, added
    or removed, or a vedlegg title changed."""
    data = copy.deepcopy(_felles_data())
    tekst = st.text(alphabet="abcæøå ", min_size=1, max_size=12).map(lambda t: f"Ny tekst {t.strip()}.")
    typ = draw(st.sampled_from(["rolle", "ny_rolle", "punkt", "nytt_punkt", "fjern_punkt", "tegn", "vedlegg"]))
    if typ in ("rolle", "ny_rolle"):
        if typ == "ny_rolle":
            data["roller"].append({"id": "ny_rolle", "navn": draw(tekst)})
            return FellesRedigering(data, "roller/ny_rolle", "lagt_til", ny=data["roller"][-1]["navn"])
        rolle = draw(st.sampled_from(data["roller"]))
        gammel, rolle["navn"] = rolle["navn"], draw(tekst)
        return FellesRedigering(data, f"roller/{rolle['id']}/navn", "endret", gammel, rolle["navn"])
    if typ == "tegn":
        tegn = draw(st.sampled_from(data["tidlige_tegn"]))
        i = draw(st.integers(0, len(tegn["punkter"]) - 1))
        gammel, tegn["punkter"][i] = tegn["punkter"][i], draw(tekst)
        sti = f"tidlige_tegn/{tegn['id']}/punkter/{i + 1}"
        return FellesRedigering(data, sti, "endret", gammel, tegn["punkter"][i])
    if typ == "vedlegg":
        v = draw(st.sampled_from(data["vedlegg"]))
        gammel, v["tittel"] = v["tittel"], draw(tekst)
        return FellesRedigering(data, f"vedlegg/{v['nummer']}/tittel", "endret", gammel, v["tittel"])
    liste = draw(st.sampled_from(data["sjekklister"]))
    g = draw(st.integers(0, len(liste["grupper"]) - 1))
    punkter = liste["grupper"][g]["punkter"]
    sti = f"sjekklister/{liste['id']}/grupper/{g + 1}/punkter"
    if typ == "nytt_punkt":
        i = draw(st.integers(0, len(punkter)))
        punkter.insert(i, draw(tekst))
        return FellesRedigering(data, f"{sti}/{i + 1}", "lagt_til", ny=punkter[i])
    i = draw(st.integers(0, len(punkter) - 1))
    if typ == "fjern_punkt":
        assert punkter.count(punkter[i]) == 1, "the shipped points are distinct"
        return FellesRedigering(data, f"{sti}/{i + 1}", "fjernet", gammel=punkter.pop(i))
    gammel, punkter[i] = punkter[i], draw(tekst)
    return FellesRedigering(data, f"{sti}/{i + 1}", "endret", gammel, punkter[i])


class TestFellesdiff:
    """diff_felles compares two versions of felles.yaml: roles, checklists, early signs, vedlegg."""

    def test_samme_fil_gir_ingen_endringer(self) -> None:
        felles = load_felles(FELLES)
        diff = diff_felles(felles, load_felles(FELLES))
        assert diff.tom
        assert "Ingen forskjeller" in skriv_tekst(diff)

    @given(red=felles_redigeringer())
    @settings(max_examples=25, deadline=None)
    def test_en_tilfeldig_redigering_gir_akkurat_den_endringen(self, red: FellesRedigering) -> None:
        with tempfile.TemporaryDirectory() as mappe:
            ny = load_felles(_skriv_felles(Path(mappe), red.data))
        diff = diff_felles(load_felles(FELLES), ny)
        assert [(e.sti, e.type) for e in diff.endringer] == [(red.sti, red.type)]
        (endring,) = diff.endringer
        assert (endring.gammel, endring.ny) == (red.gammel, red.ny)
        if red.type == "endret":
            assert _gjenoppbygd(endring.tekstdiff, "fjernet") == red.gammel
            assert _gjenoppbygd(endring.tekstdiff, "lagt_til") == red.ny

    def test_innledning_og_spoersmaal(self, tmp_path: Path) -> None:
        # the early signs' introduction (felles) and vedlegg 1's question (a routine): both shown
        data = copy.deepcopy(_felles_data())
        data["tidlige_tegn_innledning"] = data["tidlige_tegn_innledning"].replace("raskt å", "å raskt")
        diff = diff_felles(load_felles(FELLES), load_felles(_skriv_felles(tmp_path, data)))
        assert [(e.sti, e.type) for e in diff.endringer] == [("tidlige_tegn_innledning", "endret")]
        assert "\n  innledningen til de tidlige tegnene: For {+å +}raskt[- å-] kunne" in skriv_tekst(diff)
        rdata = copy.deepcopy(_data("grunnskole"))
        rdata["vedlegg"][0]["sporsmaal"] = "Når kaller vi fraværet bekymringsfullt?"
        rdiff = diff_routines(_rutine("grunnskole"), load_routine(_skriv(tmp_path, rdata)))
        assert [(e.sti, e.type) for e in rdiff.endringer] == [("vedlegg/vedlegg-1/sporsmaal", "endret")]
        assert "vedlegg «vedlegg-1», spørsmål: Når " in skriv_tekst(rdiff)

    def test_flere_endringer_og_rekkefolge(self, tmp_path: Path) -> None:
        data = copy.deepcopy(_felles_data())
        data["versjon"] = "2027.1"
        data["roller"].reverse()
        fjernet = data["tidlige_tegn"].pop(0)
        data["sjekklister"][0]["grupper"].append({"tittel": "Ny gruppe", "punkter": ["Et punkt"]})
        data["vedlegg"][0]["innhold_i_kilden"] = True
        diff = diff_felles(load_felles(FELLES), load_felles(_skriv_felles(tmp_path, data)))
        liste = data["sjekklister"][0]
        ny_gruppe = f"sjekklister/{liste['id']}/grupper/{len(liste['grupper'])}"
        assert [(e.sti, e.type) for e in diff.endringer] == [
            ("versjon", "endret"),
            ("roller", "endret"),
            (ny_gruppe, "lagt_til"),
            (f"tidlige_tegn/{fjernet['id']}", "fjernet"),
            ("vedlegg/2/innhold_i_kilden", "endret"),
        ]
        gruppe = diff.under(ny_gruppe)[0]
        assert gruppe.innhold == (("tittel", "Ny gruppe"), ("punkt 1", "Et punkt"))
        tekst = skriv_tekst(diff)
        for overskrift in ("Metadata", "Roller", "Sjekklister", "Tidlige tegn", "Vedlegg (titler)"):
            assert f"\n{overskrift}\n{'-' * len(overskrift)}\n" in tekst
        assert f"  - tidlige tegn «{fjernet['id']}»\n      tittel: {fjernet['tittel']}\n" in tekst
        assert "  vedlegg «2», innhold i kilden: nei → ja\n" in tekst
        # a new order of the roles is shown by their names
        assert "  rekkefølgen på rollene: Kontaktlærer, Faglærer," in tekst
        assert tekst.endswith("Til sammen 5 endringer.\n")

    def test_kommando(self, tmp_path: Path) -> None:
        data = copy.deepcopy(_felles_data())
        data["roller"][0]["navn"] = "Kontaktlærer/basislærer"
        ny = _skriv_felles(tmp_path, data)
        kode, ut, feil = _kjor("diff", str(FELLES), str(ny))
        assert (kode, feil) == (1, "")
        assert "  rolle «kontaktlaerer», navn: Kontaktlærer → Kontaktlærer/basislærer\n" in ut
        kode, ut, _ = _kjor("diff", str(FELLES), str(ny), "--format", "json")
        assert kode == 1
        data_ut = json.loads(ut)
        assert (data_ut["type"], data_ut["felles"], data_ut["antall"]) == ("felles", "felles", {"endringer": 1})
        assert data_ut["endringer"][0]["sti"] == "roller/kontaktlaerer/navn"
        assert _kjor("diff", str(FELLES), str(FELLES))[0] == 0

    def test_rutine_mot_felles_gir_2(self) -> None:
        kode, ut, feil = _kjor("diff", str(RUTINER / "vgs.yaml"), str(FELLES))
        assert (kode, ut) == (2, "")
        assert "kan bare sammenligne to rutinefiler, to fellesfiler eller to skoleruter" in feil
        assert "vgs.yaml er en rutinefil" in feil
        assert "felles.yaml er en fellesfil" in feil

    def test_ugyldig_felles_gir_2_med_plassering(self, tmp_path: Path) -> None:
        data = copy.deepcopy(_felles_data())
        data["roller"].append(dict(data["roller"][0]))
        ny = _skriv_felles(tmp_path, data)
        kode, ut, feil = _kjor("diff", str(FELLES), str(ny))
        assert (kode, ut) == (2, "")
        assert re.search(r"felles\.yaml:\d+:\d+: .*kontaktlaerer", feil)
