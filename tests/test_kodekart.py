"""Code maps (``--kodekart``): a school system's own absence codes, translated explicitly (DOMENE 8)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from clihjelp import evaluer, kjor
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from fravarsregler import (
    Kodekart,
    Kodeoversettelse,
    Regelsett,
    RutineFeil,
    Skolerute,
    YamlFeil,
    evaluate,
    load_kodekart,
    read_elever,
    read_fag,
    read_hendelser,
    validate,
)
from fravarsregler._eksempel import som_kildekoder

ROT = Path(__file__).resolve().parent.parent
EKSEMPEL = ROT / "eksempel"
KART = EKSEMPEL / "kodekart.yaml"
HODE = "hendelse_id;elev_id;dato;type;kode;dager;timer;fra;til;fag;arsak;dokumentasjon\n"


def kartfil(tmp_path: Path, koder: str, navn: str = "kart.yaml") -> Path:
    sti = tmp_path / navn
    sti.write_text(f"type: kodekart\nformatversjon: 1\nid: test\nsystem: Testsystem\nkoder:\n{koder}", encoding="utf-8")
    return sti


def hendelser(tmp_path: Path, *rader: str) -> Path:
    sti = tmp_path / "hendelser.csv"
    sti.write_text(HODE + "".join(r + "\n" for r in rader), encoding="utf-8")
    return sti


# --------------------------------------------------------------------------- the file


def test_eksempelkartet_lastes_med_hver_kode_og_betydning() -> None:
    kart = load_kodekart(KART)
    assert (kart.id, kart.system) == ("eksempelsystem", "Eksempelsystem (oppdiktet)")
    assert kart.fil.endswith("kodekart.yaml")
    assert kart.koder["!"] == Kodeoversettelse(kode="UF", beskrivelse="Ikke møtt, ikke varslet")
    le = kart.koder["LE"]
    assert (le.kode, le.arsak, le.dokumentasjon) == ("F", "sykdom", "helse_dokumentert")
    assert kart.koder["PE"].dokumentasjon is None  # left to the export's own column
    assert kart.oversett(" SE ") == kart.koder["SE"]
    assert kart.oversett("se") is None  # codes are matched case and all
    with pytest.raises(TypeError):
        kart.koder["X"] = le  # type: ignore[index]


def test_valider_godtar_eksempelkartet() -> None:
    assert validate(KART).gyldig
    kode, ut, _ = kjor("valider", str(KART))
    assert kode == 0, ut


@pytest.mark.parametrize(
    ("koder", "linje", "tekst"),
    [
        ("  D:\n    kode: FF\n    beskrivelse: Dokumentert\n", 7, "Tillatte verdier: F, S, UF. Mente du «F»?"),
        ("  D:\n    kode: F\n    arsk: sykdom\n    beskrivelse: x\n", 8, "Ukjent felt «arsk». Mente du «arsak»?"),
        ("  D:\n    kode: F\n", 7, "Feltet «beskrivelse» mangler"),
        ("  D:\n    kode: F\n    beskrivelse: x\n    dokumentasjon: legeerklæring\n", 9, "helse_dokumentert"),
        ('  " D":\n    kode: F\n    beskrivelse: x\n', 6, "har mellomrom først eller sist"),
        (
            "  A:\n    kode: F\n    beskrivelse: x\n  ABCDEFGHIJKLMNOPQRSTU:\n    kode: F\n    beskrivelse: y\n",
            9,
            "for lang: høyst 20 tegn",
        ),
        ('  "":\n    kode: F\n    beskrivelse: x\n', 6, "Nøkkelen er tom"),
        ("  {}\n", 6, "kan ikke være tomt"),
    ],
)
def test_feil_i_kartet_har_linje_og_norsk_melding(tmp_path: Path, koder: str, linje: int, tekst: str) -> None:
    sti = kartfil(tmp_path, koder)
    with pytest.raises(RutineFeil) as e:
        load_kodekart(sti)
    problem = e.value.problemer[0]
    assert problem.fil == str(sti)
    assert problem.linje == linje, problem
    assert tekst in str(problem), str(problem)


def test_kode_som_blir_tall_eller_dobbel_kode_stopper_i_yaml_lesingen(tmp_path: Path) -> None:
    with pytest.raises(YamlFeil) as e:
        load_kodekart(kartfil(tmp_path, "  1:\n    kode: F\n    beskrivelse: x\n"))
    assert e.value.linje == 6
    assert "anførselstegn" in str(e.value)
    dobbel = "  D:\n    kode: F\n    beskrivelse: x\n  D:\n    kode: S\n    beskrivelse: y\n"
    with pytest.raises(YamlFeil) as e:
        load_kodekart(kartfil(tmp_path, dobbel))
    assert e.value.linje == 9


def test_en_rutine_gitt_som_kodekart_sier_hva_den_er() -> None:
    with pytest.raises(RutineFeil) as e:
        load_kodekart(ROT / "rutiner" / "grunnskole.yaml")
    assert [p.kode for p in e.value.problemer] == ["feil-filtype"]
    assert "ikke et kodekart" in str(e.value.problemer[0])


# --------------------------------------------------------------------------- reading rows


def test_kode_oversettes_og_kartet_fyller_inn_arsak_og_dokumentasjon(tmp_path: Path) -> None:
    kart = load_kodekart(KART)
    inn = read_hendelser(
        hendelser(
            tmp_path,
            "H1;E1;2026-09-01;fravaer;SH;3;;;;;;",
            "H2;E1;2026-09-07;fravaer;PE;1;;;;;;annen_gyldig",
            "H3;E1;2026-09-08;fravaer;!;;;08:30;09:15;;;",
            "H4;E1;2026-09-09;vegring;SY;;;;;;;",
            "H5;E1;2026-09-10;fravaer;LE;1;;;;;sykdom;helse_dokumentert",
            "H6;E1;2026-09-11;fravaer;SE;;;08:30;08:40;;;",
        ),
        kodekart=kart,
    )
    assert inn.avvist == ()
    assert inn.lest == 6
    sett = {h.hendelse_id: (h.kode, h.arsak, h.dokumentasjon) for h in inn.rader}
    assert sett == {
        "H1": ("F", "sykehus", "helse_dokumentert"),
        "H2": ("F", "permisjon", "annen_gyldig"),
        "H3": ("UF", "annet", "ingen"),
        "H4": ("F", "sykdom", "ingen"),
        "H5": ("F", "sykdom", "helse_dokumentert"),
        "H6": ("S", "annet", "ingen"),
    }


def test_ukjent_kode_og_motsigelse_avvises_med_linje_og_tellingen_stemmer(tmp_path: Path) -> None:
    kart = load_kodekart(KART)
    inn = read_hendelser(
        hendelser(
            tmp_path,
            "H1;E1;2026-09-01;fravaer;D;1;;;;;;",
            "H2;E1;2026-09-02;fravaer;UF;1;;;;;;",
            "H3;E1;2026-09-03;fravaer;LE;1;;;;;;ingen",
            "H4;E1;2026-09-04;fravaer;SH;1;;;;;sykdom;",
            "H5;E1;2026-09-07;fravaer;SE;;;08:30;08:40;;;",
        ),
        kodekart=kart,
    )
    assert inn.lest == len(inn.rader) + len(inn.avvist) == 5
    assert [h.hendelse_id for h in inn.rader] == ["H5"]
    meldinger = {a.linje: a.melding for a in inn.avvist}
    assert set(meldinger) == {2, 3, 4, 5}
    assert meldinger[2].startswith(
        "koden «D» står ikke i kodekartet «eksempelsystem» (tillatt: !, F, LE, PE, SE, SH, SY)"
    )
    # with a map every code goes through it: the routine's own UF is not taken on trust
    assert meldinger[3].startswith("koden «UF» står ikke i kodekartet")
    assert meldinger[4] == (
        "ifølge kodekartet «eksempelsystem» betyr koden «LE» «dokumentasjon» «helse_dokumentert», men raden har "
        "«ingen» i «dokumentasjon»; rett raden eller kodekartet"
    )
    assert "betyr koden «SH» «arsak» «sykehus», men raden har «sykdom» i «arsak»" in meldinger[5]


def test_uten_kodekart_er_fagsystemets_koder_ukjente(tmp_path: Path) -> None:
    inn = read_hendelser(hendelser(tmp_path, "H1;E1;2026-09-01;fravaer;SY;1;;;;;;"))
    assert [a.melding for a in inn.avvist] == ["ukjent kode «SY» (tillatt: F, S, UF)"]


def test_demodata_med_fagsystemets_koder_gir_samme_resultat(regelsett: Regelsett, skolerute: Skolerute) -> None:
    # The shipped eksempel/hendelser-kildekoder.csv is the demo's events in the example system's
    # codes (README's --kodekart line runs on it): it must be the translation of hendelser.csv.
    tekst = (EKSEMPEL / "hendelser.csv").read_text(encoding="utf-8")
    leser = csv.DictReader(io.StringIO(tekst), delimiter=";")
    ut = io.StringIO()
    skriver = csv.DictWriter(ut, fieldnames=list(leser.fieldnames or ()), delimiter=";", lineterminator="\n")
    skriver.writeheader()
    rader = [som_kildekoder(r) for r in leser]
    assert {r["kode"] for r in rader} >= {"SE", "!", "SH", "LE", "SY", "F"}
    skriver.writerows(rader)
    kildefil = EKSEMPEL / "hendelser-kildekoder.csv"
    assert kildefil.read_text(encoding="utf-8") == ut.getvalue(), (
        "eksempel/hendelser-kildekoder.csv er ikke oppdatert: python -m fravarsregler._eksempel eksempel"
    )

    elever, fag = read_elever(EKSEMPEL / "elever.csv"), read_fag(EKSEMPEL / "fag.csv")
    dato = skolerute.semestre[0].siste_skoledag
    original = evaluate(regelsett, elever, read_hendelser(EKSEMPEL / "hendelser.csv"), skolerute, dato, fag=fag)
    oversatt = evaluate(
        regelsett, elever, read_hendelser(kildefil, kodekart=load_kodekart(KART)), skolerute, dato, fag=fag
    )
    assert oversatt.antall == original.antall
    assert [t.as_dict() for t in oversatt.tiltak] == [t.as_dict() for t in original.tiltak]
    assert oversatt.oversikt == original.oversikt
    assert any(t.status == "holdt_tilbake" for t in oversatt.tiltak)  # the SH row's hospital stay counted

    # the same through the command line
    kode, json_ut, feil = evaluer(
        EKSEMPEL / "elever.csv",
        kildefil,
        dato.isoformat(),
        "--kodekart",
        KART,
        "--fag",
        str(EKSEMPEL / "fag.csv"),
        "--format",
        "json",
    )
    assert (kode, feil) == (0, "")
    data = json.loads(json_ut)
    assert data["kodekart"] == {"id": "eksempelsystem", "system": "Eksempelsystem (oppdiktet)"}
    assert data["skolerute"] == {"id": "skolerute-2026-27", "kommune": "Vestvågøy kommune", "skoleaar": "2026-27"}
    assert [t["regel"] for t in data["tiltak"]] == [t.regel for t in original.tiltak]
    skjema = json.loads((ROT / "skjema" / "resultat.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(skjema, format_checker=FormatChecker()).validate(data)
    # the API names the map when the events came from a reader that used one, and not otherwise
    assert oversatt.kodekart is not None
    assert oversatt.kodekart.id == "eksempelsystem"
    assert original.kodekart is None
    assert oversatt.skolerute is skolerute
    tekst = evaluer(EKSEMPEL / "elever.csv", kildefil, dato.isoformat(), "--kodekart", KART)[1]
    assert "  Kodekart eksempelsystem: koder fra Eksempelsystem (oppdiktet)\n" in tekst
    assert "  Skolerute skolerute-2026-27: Vestvågøy kommune, skoleåret 2026-27\n" in tekst


def test_cli_kodekart_med_feil_gir_kode_1_og_stedet(tmp_path: Path) -> None:
    elever = tmp_path / "elever.csv"
    elever.write_text("elev_id;trinn;fodselsdato\nE1;6;2015-01-01\n", encoding="utf-8")
    kart = kartfil(tmp_path, "  D:\n    kode: FF\n    beskrivelse: x\n")
    kode, ut, feil = evaluer(
        elever, hendelser(tmp_path, "H1;E1;2026-09-01;fravaer;D;1;;;;;;"), "2026-09-01", "--kodekart", kart
    )
    assert (kode, ut) == (1, "")
    assert f"{kart}:7:11:" in feil
    assert "Tillatte verdier: F, S, UF" in feil


def test_ukjent_kode_paa_vegring_avvises_og_feil_store_bokstaver_faar_hint(tmp_path: Path) -> None:
    inn = read_hendelser(
        hendelser(tmp_path, "H1;E1;2026-09-01;vegring;XX;;;;;;;", "H2;E1;2026-09-02;fravaer;sy;1;;;;;;"),
        kodekart=load_kodekart(KART),
    )
    assert inn.rader == ()
    meldinger = [a.melding for a in inn.avvist]
    assert meldinger[0].startswith("koden «XX» står ikke i kodekartet")
    assert "Mente du «SY»? Kodekartet skiller mellom store og små bokstaver" in meldinger[1]


def test_lang_kodeliste_kortes_ned_i_meldingen(tmp_path: Path) -> None:
    kart = Kodekart(
        id="stort",
        system="S",
        koder={f"K{i:02d}": Kodeoversettelse(kode="F", beskrivelse=str(i)) for i in range(30)},
    )
    inn = read_hendelser(hendelser(tmp_path, "H1;E1;2026-09-01;fravaer;Q;1;;;;;;"), kodekart=kart)
    (avvist,) = inn.avvist
    assert "(tillatt: K00, K01, K02, K03, K04, K05, K06, K07, K08, K09, K10, K11 og 18 til)" in avvist.melding


def test_uten_kart_meldes_ukjent_kode_foer_ukjent_arsak(tmp_path: Path) -> None:
    inn = read_hendelser(hendelser(tmp_path, "H1;E1;2026-09-01;fravaer;Q;1;;;;;grunn;"))
    assert [a.melding for a in inn.avvist] == ["ukjent kode «Q» (tillatt: F, S, UF)"]


@pytest.mark.parametrize(
    ("lag", "tekst"),
    [
        (lambda: Kodeoversettelse(kode="ZZ", beskrivelse=""), "«kode» må være «F», «S» eller «UF», ikke 'ZZ'"),
        (lambda: Kodeoversettelse(kode="f", beskrivelse=""), "ikke 'f'"),
        (lambda: Kodeoversettelse(kode="F", beskrivelse="", arsak="Sykdom"), "«arsak» må være"),
        (lambda: Kodeoversettelse(kode="F", beskrivelse="", dokumentasjon="lege"), "«dokumentasjon» må være"),
        (lambda: Kodekart(id="x", system="", koder={" d ": Kodeoversettelse(kode="F", beskrivelse="")}), "' d '"),
        (lambda: Kodekart(id="x", system="", koder={1: Kodeoversettelse(kode="F", beskrivelse="")}), "ikke 1"),
        (lambda: Kodekart(id="x", system="", koder={"A" * 21: Kodeoversettelse(kode="F", beskrivelse="")}), "1 til 20"),
        (lambda: Kodekart(id="x", system="", koder={}), "minst én kode"),
        (lambda: Kodekart(id="Bad Id", system="", koder={"A": Kodeoversettelse(kode="F", beskrivelse="")}), "«id»"),
    ],
)
def test_kodekart_laget_i_python_sjekkes_som_filen(lag: Any, tekst: str) -> None:
    # a map built in code must not let a row through with a category the engine never counts
    with pytest.raises(ValueError, match=re.escape(tekst)):
        lag()


# --------------------------------------------------------------------------- property

_KATEGORI = st.sampled_from(("F", "S", "UF"))
_ARSAK = st.sampled_from((None, "sykdom", "permisjon", "sykehus", "annet"))
_DOK = st.sampled_from((None, "ingen", "helse_egenmeldt", "helse_dokumentert", "annen_gyldig"))
_KILDEKODE = st.text(alphabet="ABCDIMORSX!§%0123456789", min_size=1, max_size=3)


@given(
    koder=st.dictionaries(_KILDEKODE, st.tuples(_KATEGORI, _ARSAK, _DOK), min_size=1, max_size=6),
    rader=st.lists(st.tuples(st.one_of(_KILDEKODE, st.integers(0, 5)), _ARSAK, _DOK), min_size=1, max_size=12),
)
def test_hver_rad_blir_enten_oversatt_som_kartet_sier_eller_avvist(
    koder: dict[str, tuple[str, str | None, str | None]],
    rader: list[tuple[str | int, str | None, str | None]],
) -> None:
    # an integer stands for the map's n-th code, so most rows are translated, not rejected
    nokler = sorted(koder)
    rader_k = [(nokler[k % len(nokler)] if isinstance(k, int) else k, a, d) for k, a, d in rader]
    kart = Kodekart(
        id="test",
        system="Test",
        koder={k: Kodeoversettelse(kode=v[0], beskrivelse=k, arsak=v[1], dokumentasjon=v[2]) for k, v in koder.items()},
    )
    tekst = HODE + "".join(
        f"H{i};E1;2026-09-01;fravaer;{kode};1;;;;;{arsak or ''};{dok or ''}\n"
        for i, (kode, arsak, dok) in enumerate(rader_k)
    )
    inn = read_hendelser(io.BytesIO(tekst.encode()), kodekart=kart)
    assert inn.lest == len(inn.rader) + len(inn.avvist) == len(rader_k)
    brukt = {h.hendelse_id: h for h in inn.rader}
    for i, (kode, arsak, dok) in enumerate(rader_k):
        h = brukt.get(f"H{i}")
        betyr = kart.koder.get(kode)
        motsier = betyr is not None and (
            (betyr.arsak is not None and arsak is not None and arsak != betyr.arsak)
            or (betyr.dokumentasjon is not None and dok is not None and dok != betyr.dokumentasjon)
        )
        if betyr is None or motsier:
            assert h is None
            continue
        assert h is not None
        assert h.kode == betyr.kode
        assert h.arsak == (betyr.arsak or arsak or "annet")
        assert h.dokumentasjon == (betyr.dokumentasjon or dok or "ingen")


def test_kode_med_paragraftegn_fra_latin1_eksport(tmp_path: Path) -> None:
    # Visma InSchool has a code «§»; older exports are Latin-1 (Excel): the byte 0xA7 must still
    # find the map's «§», and a UTF-8 export with a byte-order mark likewise.
    kart = load_kodekart(
        kartfil(tmp_path, '  "§":\n    kode: F\n    dokumentasjon: annen_gyldig\n    beskrivelse: x\n')
    )
    rad = "H1;E1;2026-09-01;fravaer;§;;1,5;;;Norsk;;\n"
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((HODE + rad).encode("latin-1"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (HODE + rad).encode("utf-8"))
    for sti in (latin1, bom):
        inn = read_hendelser(sti, kodekart=kart)
        assert inn.avvist == (), sti
        (h,) = inn.rader
        assert (h.kode, h.dokumentasjon, h.timer) == ("F", "annen_gyldig", 1.5)


def test_eksempelet_i_veiledningen_for_ansatte_er_gyldig(tmp_path: Path) -> None:
    veiledning = (ROT / "docs" / "slik-reviderer-du-rutinen.md").read_text(encoding="utf-8")
    avsnitt = veiledning.split("## Kodekartet", 1)[1].split("\n## ", 1)[0]
    blokk = re.search(r"```yaml\n(.*?)```", avsnitt, re.S)
    assert blokk is not None
    sti = tmp_path / "kodekart.yaml"
    sti.write_text(blokk.group(1), encoding="utf-8")
    kart = load_kodekart(sti)
    assert kart.koder["!"].kode == "UF"
    assert validate(sti).gyldig
