"""Tests for the routine document (fravarsregler._dokument) and ``fravarsregler dokument``."""

from __future__ import annotations

import copy
import functools
import io
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from rutinehjelp import med_rad

from fravarsregler._cli import run
from fravarsregler._dokument import (
    bygg_dokument,
    formater_parameterverdi,
    render_html,
    render_markdown,
    standard_rutinefiler,
)
from fravarsregler._model import Rutine
from fravarsregler._rutine import load_felles, load_routine, validate
from fravarsregler._yaml import load_yaml_file

ROT = Path(__file__).resolve().parent.parent
RUTINER = ROT / "rutiner"
FELLES = RUTINER / "felles.yaml"
SEKSJONSREKKEFOLGE = ["barnehage", "trinn-1-4", "trinn-5-7", "trinn-8-10", "videregaende"]


@functools.cache
def _rutiner() -> tuple[Rutine, ...]:
    """The three shipped routines, loaded once."""
    return tuple(load_routine(RUTINER / f"{navn}.yaml") for navn in ("barnehage", "grunnskole", "vgs"))


@functools.cache
def _html() -> str:
    return render_html(_rutiner())


@functools.cache
def _markdown() -> str:
    return render_markdown(_rutiner())


def _norm(tekst: str) -> str:
    return " ".join(tekst.split())


class _Dokumentleser(HTMLParser):
    """Reads the table rows (``tr[data-rad]``) and every id back out of the HTML."""

    FELT = ("hva", "naar", "ansvar-tekst", "innhold")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rader: list[dict[str, Any]] = []
        self.ider: list[str] = []
        self.tagger: set[str] = set()
        self._rad: dict[str, Any] | None = None
        self._felt: tuple[str, str] | None = None  # (field, tag that closes it)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tagger.add(tag)
        if "id" in a:
            self.ider.append(a["id"])
        if tag == "tr" and "data-rad" in a:
            self._rad = {
                "rutine": a["data-rutine"],
                "seksjon": a["data-seksjon"],
                "rad": a["data-rad"],
                "id": a["id"],
                "hva": "",
                "naar": "",
                "ansvar-tekst": "",
                "innhold": "",
                "roller": [],
            }
            self.rader.append(self._rad)
            return
        if self._rad is None:
            return
        klasser = a.get("class", "").split()
        for felt in self.FELT:
            if felt in klasser:
                self._felt = (felt, tag)
        if tag == "li":
            self._rad["roller"].append("")
            self._felt = ("rolle", "li")

    def handle_endtag(self, tag: str) -> None:
        if self._felt and tag == self._felt[1]:
            self._felt = None
        if tag == "tr":
            self._rad = None

    def handle_data(self, data: str) -> None:
        if self._rad is None or self._felt is None:
            return
        if self._felt[0] == "rolle":
            self._rad["roller"][-1] += data
        else:
            self._rad[self._felt[0]] += data


def _les(html: str) -> _Dokumentleser:
    leser = _Dokumentleser()
    leser.feed(html)
    leser.close()
    return leser


def _tabeller(markdown: str) -> list[list[str]]:
    """Every pipe table in ``markdown``, as its lines."""
    tabeller: list[list[str]] = []
    gjeldende: list[str] = []
    for linje in [*markdown.splitlines(), ""]:
        if linje.startswith("|"):
            gjeldende.append(linje)
        elif gjeldende:
            tabeller.append(gjeldende)
            gjeldende = []
    return tabeller


def _uescapede_pipes(linje: str) -> int:
    antall, i = 0, 0
    while i < len(linje):
        if linje[i] == "\\":
            i += 2
            continue
        antall += linje[i] == "|"
        i += 1
    return antall


def _celler(linje: str) -> list[str]:
    """Split a table row on unescaped pipes (without the outer ones)."""
    celler, gjeldende, i = [], "", 0
    while i < len(linje):
        if linje[i] == "\\":
            gjeldende += linje[i : i + 2]
            i += 2
            continue
        if linje[i] == "|":
            celler.append(gjeldende)
            gjeldende = ""
        else:
            gjeldende += linje[i]
        i += 1
    return [c.strip() for c in celler[1:]]


def _uescape(celle: str) -> str:
    return re.sub(r"\\(.)", r"\1", celle)


def _endret_terskel(tmp_path: Path, verdi: float) -> Rutine:
    """grunnskole with another ``bekymring_terskel``, written as a copy next to nothing else."""
    data = copy.deepcopy(load_yaml_file(RUTINER / "grunnskole.yaml").data)
    data["parametere"]["bekymring_terskel"]["verdi"] = verdi
    data["felles"] = str(FELLES)
    fil = tmp_path / "grunnskole.yaml"
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_routine(fil)


class TestHtml:
    """The HTML document shows every row as the data has it, escaped and self-contained."""

    def test_alle_36_rader_med_samme_tekst_som_dataene(self) -> None:
        rader = {(r["rutine"], r["seksjon"], r["rad"]): r for r in _les(_html()).rader}
        assert len(rader) == 36
        for rutine in _rutiner():
            for seksjon in rutine.seksjoner:
                for rad in seksjon.rader:
                    vist = rader[(rutine.id, seksjon.id, rad.id)]
                    assert _norm(vist["hva"]) == _norm(rutine.tekst(rad.hva))
                    assert _norm(vist["naar"]) == _norm(rutine.tekst(rad.naar))
                    assert _norm(vist["ansvar-tekst"]) == _norm(rutine.tekst(rad.ansvar_tekst))
                    assert _norm(vist["innhold"]) == _norm(rutine.tekst(rad.innhold))
                    assert [_norm(x) for x in vist["roller"]] == [rutine.felles.rollenavn(x) for x in rad.roller]

    def test_plassholdere_er_fylt_ut_i_radene(self) -> None:
        vgs = _rutiner()[2]
        vist = next(r for r in _les(_html()).rader if r["rad"] == "fagfravaer-og-fagsamtaler")
        assert "{" not in vist["innhold"]
        assert vgs.parameter("fagfravaer_varsel_terskel").formater() in vist["innhold"]

    def test_tabellene_i_dokumentets_rekkefolge(self) -> None:
        seksjoner = list(dict.fromkeys(r["seksjon"] for r in _les(_html()).rader))
        assert seksjoner == SEKSJONSREKKEFOLGE
        grunnskole = [r["rad"] for r in _les(_html()).rader if r["seksjon"] == "trinn-1-4"]
        assert grunnskole == [r.id for r in _rutiner()[1].seksjoner[0].rader]

    def test_id_er_unike_og_radene_kan_finnes(self) -> None:
        leser = _les(_html())
        assert len(leser.ider) == len(set(leser.ider))
        assert all(r["id"] == f"rad-{r['rutine']}-{r['seksjon']}-{r['rad']}" for r in leser.rader)

    def test_forsiden(self) -> None:
        html = _html()
        assert "<h1>Fraværsoppfølging i barnehage, grunnskole og videregående skole – OPP IGJEN!</h1>" in html
        leser = _les(html)
        for rutine in _rutiner():
            assert f"rutine-{rutine.id}" in leser.ider
        assert html.count('<td data-label="Gyldig fra">15. august 2022</td>') == 3
        assert html.count('<td data-label="Versjon">2022.1</td>') == 3

    def test_selvstendig_utskrivbar_og_lesbar_paa_mobil(self) -> None:
        html = _html()
        leser = _les(html)
        assert not {"script", "link", "img", "iframe"} & leser.tagger
        assert "src=" not in html
        assert "http://" not in html
        assert "https://" not in html
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert re.search(r"@page\s*\{[^}]*size:\s*A4", html)
        assert "@media print" in html
        assert "@media screen and (max-width" in html

    def test_vedlegg_brev_sjekklister_tidlige_tegn_og_parametere(self) -> None:
        html = _html()
        grunnskole = _rutiner()[1]
        vedlegg = grunnskole.vedlegg[0]
        assert "Vedlegg 1: Rutine varsling ved bekymringsfullt fravær" in html
        for steg in vedlegg.steg:
            assert steg.tekst in html
        for unntak in vedlegg.unntak:
            assert grunnskole.tekst(unntak.tekst) in html
        assert "Fraværet elevene har på ungdomstrinnet blir ført på vitnemålet." in html
        felles = grunnskole.felles
        for sjekkliste in felles.sjekklister.values():
            assert f"<h3>{sjekkliste.tittel}</h3>" in html
        for tegn in felles.tidlige_tegn:
            for punkt in tegn.punkter:
                assert f"<li>{punkt}</li>" in html
        for rutine in _rutiner():
            for p in rutine.parametere.values():
                assert f'id="parameter-{rutine.id}-{p.navn}"' in html
        lokale = sum(p.lokal_presisering for r in _rutiner() for p in r.parametere.values())
        assert html.count('<span class="merke">Lokal presisering</span>') == lokale + 1  # + the legend

    def test_autoescaper_tekst_med_script(self) -> None:
        farlig = '<script>alert("x")</script> & «F»'
        rutine = med_rad(_rutiner()[1], "trinn-1-4", "vegring", hva=farlig, innhold="a < b > c")
        html = render_html([rutine])
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        vist = next(r for r in _les(html).rader if r["rad"] == "vegring" and r["seksjon"] == "trinn-1-4")
        assert vist["hva"] == farlig
        assert vist["innhold"] == "a < b > c"

    def test_samme_rutiner_gir_samme_fil(self) -> None:
        assert render_html(_rutiner()) == _html()

    def test_malene_ligger_i_pakken(self) -> None:
        maler = resources.files("fravarsregler") / "_maler"
        assert (maler / "dokument.html.j2").is_file()
        assert (maler / "dokument.css").is_file()


class TestMarkdown:
    """The Markdown is GitHub pipe tables with escaped cells, one table per section."""

    def test_tabellene_er_velformede(self) -> None:
        tabeller = _tabeller(_markdown())
        assert len(tabeller) == 1 + 5 + 3  # front page, five sections, three parameter tables
        for tabell in tabeller:
            kolonner = _uescapede_pipes(tabell[0])
            assert re.fullmatch(r"\|( --- \|)+", tabell[1])
            assert all(_uescapede_pipes(linje) == kolonner for linje in tabell)

    def test_alle_rader_med_samme_tekst(self) -> None:
        md = _markdown()
        tabeller = [t for t in _tabeller(md) if t[0] == "| HVA | NÅR | ANSVAR | INNHOLD |"]
        seksjoner = [(r, s) for r in _rutiner() for s in r.seksjoner]
        assert len(tabeller) == len(seksjoner)

        def som_celle(rutine: Rutine, tekst: str) -> str:
            return rutine.tekst(tekst).replace("\n", "<br>")

        for tabell, (rutine, seksjon) in zip(tabeller, seksjoner, strict=True):
            assert f"\n### {seksjon.tittel}\n" in md  # under the heading over all the tables
            assert len(tabell) - 2 == len(seksjon.rader)
            for linje, rad in zip(tabell[2:], seksjon.rader, strict=True):
                hva, naar, ansvar, innhold = (_uescape(c) for c in _celler(linje))
                assert hva == som_celle(rutine, rad.hva)
                assert naar == som_celle(rutine, rad.naar)
                roller = ", ".join(rutine.felles.rollenavn(r) for r in rad.roller)
                assert ansvar == f"{som_celle(rutine, rad.ansvar_tekst)}<br>*Roller: {roller}*"
                assert innhold == som_celle(rutine, rad.innhold)

    def test_pipe_linjeskift_og_html_i_celle(self) -> None:
        rutine = med_rad(_rutiner()[1], "trinn-1-4", "vegring", hva="a | b\nc <script>", naar="-Sjekkliste *skole*")
        md = render_markdown([rutine])
        for tabell in _tabeller(md):
            assert all(_uescapede_pipes(linje) == _uescapede_pipes(tabell[0]) for linje in tabell)
        assert "| a \\| b<br>c \\<script\\> | -Sjekkliste \\*skole\\* |" in md
        assert "<script>" not in md

    def test_brevmalen_er_et_sitat_med_escapede_streker(self) -> None:
        md = _markdown()
        assert "> Vi viser til dialog med \\_\\_\\_" in md
        assert "\n> Med vennlig hilsen\n" in md

    def test_parametere_merket_lokal_presisering(self) -> None:
        md = render_markdown([_rutiner()[1]])
        linje = next(x for x in md.splitlines() if x.startswith("| `bekymring_frist_skoledager`"))
        assert _celler(linje)[1] == "5 skoledager"
        assert _celler(linje)[3] == "**Lokal presisering**"
        terskel = next(x for x in md.splitlines() if x.startswith("| `bekymring_terskel`"))
        assert _celler(terskel)[1] == "10 %"
        assert _celler(terskel)[3] == ""


class TestTerskel:
    """Changing bekymring_terskel changes every place that renders the threshold, and nothing else."""

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_8_prosent_overalt_der_det_sto_10(self, tmp_path: Path, render: Any) -> None:
        for_ = render([_rutiner()[1]])
        etter = render([_endret_terskel(tmp_path, 0.08)])
        assert for_.count("10 %") >= 4  # innledning, unntak, brev, parameter table
        assert "10 %" not in etter
        assert etter.count("8 %") == for_.count("10 %")
        assert for_.split("10 %") == etter.split("8 %")

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_datert_verdi_vises_med_datoen_den_gjelder_fra(self, tmp_path: Path, render: Any) -> None:
        # A value dated after gyldig_fra (2022-08-15) is not yet in force when the routine starts:
        # the texts show the value of gyldig_fra and then the change, never the future value alone.
        data = copy.deepcopy(load_yaml_file(RUTINER / "grunnskole.yaml").data)
        terskel = data["parametere"]["bekymring_terskel"]
        del terskel["verdi"]
        terskel["verdier"] = [{"fra": "2016-08-01", "verdi": 0.1}, {"fra": "2030-08-01", "verdi": 0.08}]
        data["felles"] = str(FELLES)
        fil = tmp_path / "grunnskole.yaml"
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tekst = render([load_routine(fil)])
        assert "Når fraværet overstiger 10 % (fra 1. august 2030: 8 %) av antall skoledager" in tekst
        assert "overstiger 8 % av" not in tekst
        # a first value dated after gyldig_fra is the one shown (none is in force yet), once
        terskel["verdier"] = [{"fra": "2026-09-01", "verdi": 0.1}, {"fra": "2030-08-01", "verdi": 0.08}]
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tekst = render([load_routine(fil)])
        assert "Når fraværet overstiger 10 % (fra 1. august 2030: 8 %) av antall skoledager" in tekst

    def test_formatert_med_enhet(self, tmp_path: Path) -> None:
        rutine = _endret_terskel(tmp_path, 0.125)
        assert formater_parameterverdi(rutine.parameter("bekymring_terskel")) == "12,5 %"
        assert formater_parameterverdi(rutine.parameter("bekymring_minste_skoledager")) == "10 skoledager"


# The source's own words (kilde:68-76, kilde:987, kilde:1645, kilde:1975, kilde:1981).
TIDLIGE_TEGN_INNLEDNING = (
    "For raskt å kunne oppdage elever som kan bli borte fra skole må en vite hva som kan være tidlige, "
    "observerbare tegn. Tidlige tegn vil ikke i alle tilfeller føre til bekymringsfullt fravær. For eksempel "
    "kan mistrivsel hos eleven i noen tilfeller utvikle seg til langvarig skolefravær, i andre tilfeller til "
    "sosioemosjonelle vansker, eller det kan gå over av seg selv. Det bør uansett være en lav terskel for at "
    "elever som viser denne typen tegn, følges opp av skolen med økt oppmerksomhet."
)
HAANDTERING = "Håndtering av fravær i barnehage, grunnskole og videregående skole"
SJEKKLISTER = "Sjekklister for kartlegging ved skolefravær"
SPORSMAAL = "Når betegner vi fraværet som bekymringsfullt fravær?"
TILLEGG = "Tillegg (står ikke i dokumentet)"


def _md_overskrifter(md: str) -> list[tuple[int, str]]:
    """Every Markdown heading as (level, text), in order."""
    return [(len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#{1,6}) (.*)$", md, re.MULTILINE) if m.group(1)]


def _html_overskrifter(html: str) -> list[tuple[int, str]]:
    """Every heading of the document body (not the table of contents) as (level, text), in order."""
    kropp = html.split("<main>", 1)[1]
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", kropp)]


def _under(overskrifter: list[tuple[int, str]], tittel: str) -> list[tuple[int, str]]:
    """The headings under the heading ``tittel`` (up to the next heading of its level or higher)."""
    i = next(i for i, (_, t) in enumerate(overskrifter) if t == tittel)
    niva = overskrifter[i][0]
    ut: list[tuple[int, str]] = []
    for n, t in overskrifter[i + 1 :]:
        if n <= niva:
            break
        ut.append((n, t))
    return ut


def _som_rutine(tmp_path: Path, navn: str, endre: Any) -> Rutine:
    """A shipped routine after ``endre(data)``, written next to nothing else (shared file by path)."""
    data = copy.deepcopy(load_yaml_file(RUTINER / f"{navn}.yaml").data)
    data["felles"] = str(FELLES)
    endre(data)
    fil = tmp_path / f"{navn}.yaml"
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_routine(fil)


def _som_felles(tmp_path: Path, endre: Any) -> Path:
    """The shipped shared file after ``endre(data)``, as a new file."""
    data = copy.deepcopy(load_yaml_file(FELLES).data)
    endre(data)
    fil = tmp_path / "felles.yaml"
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return fil


RENDERE = [
    pytest.param(lambda r: _md_overskrifter(render_markdown(r)), id="markdown"),
    pytest.param(lambda r: _html_overskrifter(render_html(r)), id="html"),
]


class TestSomKilden:
    """The document's headings and texts follow the source (review findings F8, F9, F10, F14)."""

    @pytest.mark.parametrize("overskrifter", RENDERE)
    def test_tabellene_under_kildens_overskrift(self, overskrifter: Any) -> None:
        # F9: one heading over all the tables (kilde:987), each table one level below it
        alle = overskrifter(_rutiner())
        assert (2, HAANDTERING) in alle
        tabeller = [s.tittel for r in _rutiner() for s in r.seksjoner]
        assert _under(alle, HAANDTERING) == [(3, t) for t in tabeller]

    @pytest.mark.parametrize("overskrifter", RENDERE)
    def test_sjekklistene_med_kildens_tittel(self, overskrifter: Any) -> None:
        alle = overskrifter(_rutiner())
        assert (2, SJEKKLISTER) in alle
        assert (2, "Sjekklister") not in alle
        titler = [t for n, t in _under(alle, SJEKKLISTER) if n == 3]
        assert titler == [s.tittel for s in _rutiner()[0].felles.sjekklister.values()]

    @pytest.mark.parametrize("overskrifter", RENDERE)
    def test_det_som_ikke_staar_i_kilden_kommer_etter_som_tillegg(self, overskrifter: Any) -> None:
        alle = overskrifter(_rutiner())
        nivaa2 = [t for n, t in alle if n == 2]
        nasjonal = "Nasjonal fraværsgrense i videregående skole"
        assert (2, nasjonal) not in alle
        assert _under(alle, TILLEGG) == [(3, nasjonal)]
        # after everything from the source; only the parameter overview (the program's) after it
        assert nivaa2 == [
            HAANDTERING,
            "Vedlegg 1: Rutine varsling ved bekymringsfullt fravær",
            SJEKKLISTER,
            "Tidlige tegn som kan føre til bekymringsfullt fravær",
            "Andre vedlegg",
            TILLEGG,
            "Parametere",
        ]

    def test_tillegg_bare_naar_et_vedlegg_er_uten_nummer(self) -> None:
        d = bygg_dokument(_rutiner())
        assert [v.id for v in d.dokumentvedlegg] == ["vedlegg-1"]
        assert [v.id for v in d.tillegg] == ["nasjonal-fravaersgrense"]
        for render in (render_html, render_markdown):
            assert TILLEGG not in render(_rutiner()[:2])
            assert TILLEGG in render(_rutiner()[2:])

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_innledningen_til_tidlige_tegn(self, render: Any) -> None:
        # F10: kilde:68-76, word for word, before the first group of signs
        assert load_felles(FELLES).tidlige_tegn_innledning == TIDLIGE_TEGN_INNLEDNING
        tekst = render(_rutiner())
        assert tekst.count(TIDLIGE_TEGN_INNLEDNING) == 1
        assert tekst.index("Tidlige tegn som kan føre til bekymringsfullt fravær") < tekst.index(
            TIDLIGE_TEGN_INNLEDNING
        )
        assert tekst.index(TIDLIGE_TEGN_INNLEDNING) < tekst.index("Begynnende fravær hos eleven")

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_fellesfil_uten_innledning_til_tidlige_tegn(self, tmp_path: Path, render: Any) -> None:
        # the key is optional: an older shared file loads and renders as before, without it
        fil = _som_felles(tmp_path, lambda d: d.pop("tidlige_tegn_innledning"))
        assert validate(fil).problemer == ()
        felles = load_felles(fil)
        assert felles.tidlige_tegn_innledning == ""
        rutine = attrs.evolve(_rutiner()[1], felles=felles)
        tekst = render([rutine])
        assert "For raskt å kunne oppdage" not in tekst
        assert "Begynnende fravær hos eleven" in tekst
        assert '<p class="innledning tekst"></p>' not in tekst

    @pytest.mark.parametrize("verdi", ["", 7, ["For raskt"]])
    def test_innledningen_til_tidlige_tegn_er_en_tekst(self, tmp_path: Path, verdi: object) -> None:
        fil = _som_felles(tmp_path, lambda d: d.update(tidlige_tegn_innledning=verdi))
        problemer = validate(fil).problemer
        assert [p.json_path for p in problemer] == ["$.tidlige_tegn_innledning"]

    @pytest.mark.parametrize("overskrifter", RENDERE)
    def test_vedlegg_1_med_kildens_sporsmaal_og_rutine(self, overskrifter: Any) -> None:
        # F8: the question (kilde:1975) and "Rutine:" (kilde:1981) instead of "Fremgangsmåte"
        assert _rutiner()[1].vedlegg[0].sporsmaal == SPORSMAAL
        under = _under(overskrifter(_rutiner()), "Vedlegg 1: Rutine varsling ved bekymringsfullt fravær")
        assert under[:2] == [(3, SPORSMAAL), (3, "Rutine")]
        assert (3, "Fremgangsmåte") not in under

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_sporsmaalet_staar_foran_svaret(self, render: Any) -> None:
        tekst = render([_rutiner()[1]])
        svar = "Når fraværet overstiger 10 % av antall skoledager"
        assert tekst.index(SPORSMAAL) < tekst.index(svar) < tekst.index("Når en elev har bekymringsfullt fravær")

    @pytest.mark.parametrize("overskrifter", RENDERE)
    def test_vedlegg_uten_sporsmaal(self, tmp_path: Path, overskrifter: Any) -> None:
        # the key is optional: a routine without it is valid and shows no question
        def uten(data: dict[str, Any]) -> None:
            del data["vedlegg"][0]["sporsmaal"]

        rutine = _som_rutine(tmp_path, "grunnskole", uten)
        assert validate(tmp_path / "grunnskole.yaml").problemer == ()
        assert rutine.vedlegg[0].sporsmaal == ""
        under = _under(overskrifter([rutine]), "Vedlegg 1: Rutine varsling ved bekymringsfullt fravær")
        assert under[0] == (3, "Rutine")

    @pytest.mark.parametrize("verdi", ["", 7, None])
    def test_sporsmaalet_er_en_tekst(self, tmp_path: Path, verdi: object) -> None:
        data = copy.deepcopy(load_yaml_file(RUTINER / "grunnskole.yaml").data)
        data["felles"] = str(FELLES)
        data["vedlegg"][0]["sporsmaal"] = verdi
        fil = tmp_path / "grunnskole.yaml"
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        problemer = validate(fil).problemer
        assert [p.json_path for p in problemer] == ["$.vedlegg[0].sporsmaal"]

    def test_sporsmaalet_faar_parameterverdier(self, tmp_path: Path) -> None:
        def med_plassholder(data: dict[str, Any]) -> None:
            data["vedlegg"][0]["sporsmaal"] = "Hva betyr mer enn {bekymring_terskel}?"

        rutine = _som_rutine(tmp_path, "grunnskole", med_plassholder)
        assert "Hva betyr mer enn 10 %?" in render_markdown([rutine])

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_kortnavn_bare_for_navn_tabellene_bruker(self, render: Any) -> None:
        # F14: "Sjekkliste system" is no row's name for anything
        tekst = render(_rutiner())
        for kortnavn in ("Sjekkliste skole", "Sjekkliste elev", "Sjekkliste foresatte"):
            assert f"Kortnavn i tabellene: «{kortnavn}»" in tekst
        assert "Sjekkliste system" not in tekst
        assert tekst.count("Kortnavn i tabellene") == 3
        assert bygg_dokument(_rutiner()).kortnavn_i_tabellene == {
            "skolesituasjonen",
            "informasjon-fra-eleven",
            "informasjon-fra-foresatte",
        }

    @pytest.mark.parametrize("render", [render_html, render_markdown])
    def test_kortnavn_vises_naar_en_rad_bruker_det(self, render: Any) -> None:
        rutine = med_rad(_rutiner()[1], "trinn-8-10", "vegring", innhold="Bruk -sjekkliste system ved behov")
        tekst = render([rutine])
        assert "Kortnavn i tabellene: «Sjekkliste system»" in tekst
        # a longer word is not the short name
        rutine = med_rad(_rutiner()[1], "trinn-8-10", "vegring", innhold="Sjekkliste systemene")
        assert "«Sjekkliste system»" not in render([rutine])
        # only the routines rendered count: barnehage's rows write no short name
        assert "Kortnavn i tabellene" not in render([_rutiner()[0]])


def _kjor(*argv: str) -> tuple[int, str, str]:
    ut, feil = io.StringIO(), io.StringIO()
    kode = run(list(argv), ut, feil)
    return kode, ut.getvalue(), feil.getvalue()


class TestKommando:
    """``fravarsregler dokument`` renders the shipped routines by default, and exits 0, 1 or 2."""

    def test_standard_er_de_tre_rutinene(self) -> None:
        assert [p.name for p in standard_rutinefiler()] == ["barnehage.yaml", "grunnskole.yaml", "vgs.yaml"]
        kode, ut, feil = _kjor("dokument", "--format", "html")
        assert (kode, feil) == (0, "")
        assert ut == _html()

    def test_markdown_til_fil(self, tmp_path: Path) -> None:
        fil = tmp_path / "rutiner.md"
        kode, ut, feil = _kjor("dokument", "--format", "markdown", "--ut", str(fil))
        assert kode == 0
        assert ut == ""  # stdout stays clean; the status line is on stderr
        assert str(fil) in feil
        assert fil.read_text(encoding="utf-8") == _markdown()

    def test_valgte_rutiner_i_oppgitt_rekkefolge(self) -> None:
        kode, ut, _ = _kjor(
            "dokument", "--format", "html", "--rutine", str(RUTINER / "vgs.yaml"), str(RUTINER / "barnehage.yaml")
        )
        assert kode == 0
        seksjoner = list(dict.fromkeys(r["seksjon"] for r in _les(ut).rader))
        assert seksjoner == ["videregaende", "barnehage"]

    def test_ugyldig_rutine_gir_1_med_plassering(self, tmp_path: Path) -> None:
        data = copy.deepcopy(load_yaml_file(RUTINER / "barnehage.yaml").data)
        data["felles"] = str(FELLES)
        data["seksjoner"][0]["rader"][0]["ansvar"]["roller"] = ["styrerr"]
        fil = tmp_path / "barnehage.yaml"
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        kode, ut, feil = _kjor("dokument", "--format", "html", "--rutine", str(fil))
        assert kode == 1
        assert ut == ""
        assert re.search(r"barnehage\.yaml:\d+:\d+: .*styrerr", feil)

    def test_bruksfeil_gir_2(self) -> None:
        assert _kjor("dokument")[0] == 2
        assert _kjor("dokument", "--format", "pdf")[0] == 2
        fil = str(RUTINER / "vgs.yaml")
        kode, _, feil = _kjor("dokument", "--format", "html", "--rutine", fil, fil)
        assert kode == 2
        assert "to ganger" in feil
