"""The interchange formats: JSON Schemas in skjema/ against the readers, the example files and the
engine's JSON output (docs/utveksling.md)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from fravarsregler import Innlesing, read_elever, read_fag, read_hendelser
from fravarsregler._cli import run

ROT = Path(__file__).resolve().parent.parent
SKJEMA = ROT / "skjema"
EKSEMPEL = ROT / "eksempel"
DOK = ROT / "docs" / "utveksling.md"
SKOLERUTE = ROT / "rutiner" / "skolerute-2026-27.yaml"

RADSKJEMA = {"elever": "elev", "fag": "fag", "hendelser": "hendelse"}


def _validator(navn: str) -> Draft202012Validator:
    skjema = json.loads((SKJEMA / f"{navn}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(skjema)
    return Draft202012Validator(_streng(skjema) if navn == "resultat" else skjema, format_checker=FormatChecker())


def _streng(skjema: Any) -> Any:
    """The schema with ``additionalProperties: false`` in every object type that lists properties.

    The published result schema lets readers ignore fields added later; our own output must
    still have only the fields the schema names, which this stricter copy checks.
    """
    if isinstance(skjema, dict):
        ut = {k: _streng(v) for k, v in skjema.items()}
        if ut.get("type") == "object" and "properties" in ut:  # not in if/then conditions
            ut["additionalProperties"] = False
        return ut
    if isinstance(skjema, list):
        return [_streng(x) for x in skjema]
    return skjema


def test_resultatskjemaet_tillater_nye_felt_for_lesere() -> None:
    # readers validating with this schema must not reject output from a later version
    v = Draft202012Validator(json.loads((SKJEMA / "resultat.schema.json").read_text(encoding="utf-8")))
    _, ut, _ = _kjor(["demo", "--format", "json"])
    data = json.loads(ut)
    data["nytt_felt"] = 1
    data["tiltak"][0]["nytt_felt"] = {"a": 1}
    data["antall"]["nytt_felt"] = 2
    assert _feil(v, data) == []
    assert _feil(_validator("resultat"), data) != []


def _feil(v: Draft202012Validator, obj: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in v.iter_errors(obj)]


def _kjor(argv: list[str]) -> tuple[int, str, str]:
    ut, feil = io.StringIO(), io.StringIO()
    kode = run(argv, ut, feil)
    return kode, ut.getvalue(), feil.getvalue()


# --------------------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("navn", ["elev", "fag", "hendelse", "resultat"])
def test_skjemaet_er_gyldig_2020_12(navn: str) -> None:
    skjema = json.loads((SKJEMA / f"{navn}.schema.json").read_text(encoding="utf-8"))
    assert skjema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(skjema)


# --------------------------------------------------------------------------- the JSON output


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    kode, ut, feil = _kjor(["demo", "--format", "json"])
    assert kode == 0, feil
    return json.loads(ut)  # type: ignore[no-any-return]


def test_demo_json_folger_resultatskjemaet(demo: dict[str, Any]) -> None:
    assert _feil(_validator("resultat"), demo) == []


def test_demo_json_har_alle_slags_tiltak(demo: dict[str, Any]) -> None:
    # the example data is built to show every kind of action; the schema must have covered them
    kategorier = {t["kategori"] for t in demo["tiltak"]}
    assert kategorier == {"hendelse", "terskel", "kalender"}
    assert {t["status"] for t in demo["tiltak"]} == {"aktiv", "holdt_tilbake"}
    assert any(t["elev_id"] is None for t in demo["tiltak"])
    assert any("T" in t["frist"] for t in demo["tiltak"])
    assert {o["maal"] for o in demo["oversikt"]} == {"skoledager", "fagtimer"}


def test_demo_json_radtelling(demo: dict[str, Any]) -> None:
    a = demo["antall"]
    assert a["lest"] == a["brukt"] + a["avvist"]
    assert a["avvist"] == len(demo["avvist"])
    assert a["etter_dato"] <= a["brukt"]


def _skriv(sti: Path, tekst: str, koding: str = "utf-8") -> Path:
    sti.write_bytes(tekst.encode(koding))
    return sti


def test_evaluer_json_med_avviste_rader_folger_skjemaet(tmp_path: Path) -> None:
    elever = _skriv(
        tmp_path / "elever.csv",
        "elev_id;trinn;fodselsdato;skole\n"
        "A1;5;2015-03-01;Fjordvik sk\u00f8le\nA1;6;2015-03-01;X\nA2;vg1;2010-01-01;Y\n",
        "cp1252",
    )
    fag = _skriv(tmp_path / "fag.jsonl", '{"elev_id": "A2", "fag": "norsk", "arstimer": 112.5}\n[1]\n')
    hendelser = _skriv(
        tmp_path / "hendelser.csv",
        "\ufeffelev_id,dato,type,kode,timer,fag\n"
        'A2,2026-09-01,fravaer,UF,"0,75",norsk\n'
        'A2,2026-09-05,fravaer,UF,"0,75",norsk\n'
        "A2,2026-11-30,fravaer,F,1,norsk\n",
    )
    kode, ut, _ = _kjor(
        [
            "evaluer",
            "--elever",
            str(elever),
            "--fag",
            str(fag),
            "--hendelser",
            str(hendelser),
            "--skolerute",
            str(SKOLERUTE),
            "--dato",
            "2026-11-26",
            "--format",
            "json",
        ]
    )
    assert kode == 1  # rows were rejected
    resultat = json.loads(ut)
    assert _feil(_validator("resultat"), resultat) == []
    a = resultat["antall"]
    # 3 + 2 + 3 rows read; A1 twice with different content (both), [1], the Saturday
    assert (a["lest"], a["brukt"], a["avvist"], a["etter_dato"]) == (8, 4, 4, 1)
    # elev_id lets an integration route a rejection to the pupil's school: rejected by the engine
    # (the duplicate pupil, the Saturday) as by the reader; null where the row has no pupil id
    assert [(x["fil"].rsplit("/", 1)[-1], x["linje"], x["elev_id"]) for x in resultat["avvist"]] == [
        ("elever.csv", 2, "A1"),
        ("elever.csv", 3, "A1"),
        ("fag.jsonl", 2, None),
        ("hendelser.csv", 3, "A2"),
    ]


# --------------------------------------------------------------------------- the row schemas


def _csv_rader(navn: str) -> Iterator[tuple[int, dict[str, str]]]:
    with (EKSEMPEL / f"{navn}.csv").open(encoding="utf-8", newline="") as f:
        yield from enumerate(csv.DictReader(f, delimiter=";"), start=2)


def _som_tekst(rad: dict[str, str]) -> dict[str, object]:
    """A CSV row as a JSON Lines object that keeps every value as text (empty cells left out)."""
    return {k: v for k, v in rad.items() if v != ""}


def _som_typer(rad: dict[str, str]) -> dict[str, object]:
    """The same row with JSON numbers and booleans, as an integration would write it."""
    ut: dict[str, object] = {}
    for k, v in _som_tekst(rad).items():
        assert isinstance(v, str)
        if k in ("dager", "timer", "arstimer"):
            tall = float(v.replace(",", "."))
            ut[k] = int(tall) if tall.is_integer() else tall
        elif k == "samtykke_foresatte":
            ut[k] = v == "ja"
        else:
            ut[k] = v
    return ut


@pytest.mark.parametrize("fil", ["elever", "fag", "hendelser"])
def test_eksempelfilene_folger_radskjemaene(fil: str) -> None:
    v = _validator(RADSKJEMA[fil])
    rader = list(_csv_rader(fil))
    assert rader
    for nr, rad in rader:
        for obj in (_som_tekst(rad), _som_typer(rad)):
            assert _feil(v, obj) == [], f"eksempel/{fil}.csv:{nr}: {obj}"


@pytest.mark.parametrize("fil", ["elever", "fag", "hendelser"])
def test_eksempelfilene_som_json_lines_leses_likt(fil: str, tmp_path: Path) -> None:
    # The typed JSON Lines form of each example file reads to the same rows as the CSV file.
    lesere: dict[str, Callable[[Path], Innlesing[Any]]] = {
        "elever": read_elever,
        "fag": read_fag,
        "hendelser": read_hendelser,
    }
    les = lesere[fil]
    jsonl = tmp_path / f"{fil}.jsonl"
    jsonl.write_text(
        "".join(json.dumps(_som_typer(r), ensure_ascii=False) + "\n" for _, r in _csv_rader(fil)), encoding="utf-8"
    )
    fra_csv, fra_jsonl = les(EKSEMPEL / f"{fil}.csv"), les(jsonl)
    assert fra_csv.avvist == ()
    assert fra_jsonl.avvist == ()
    assert fra_csv.rader == fra_jsonl.rader  # the source location is not part of equality
    assert fra_csv.lest == fra_jsonl.lest == len(fra_csv.rader)


# Rows the reader and the schema both accept.
GODTATT: list[dict[str, object]] = [
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring", "kode": "F"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": 1},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": "2,5", "arsak": "sykehus"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": 100},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "timer": 0.75, "fag": "norsk"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "timer": "24"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "fra": "8.30", "til": "9:15"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "S", "fra": "08:30", "timer": "0.25"},
    {
        "elev_id": "E1",
        "dato": "2026-09-01",
        "type": "fravaer",
        "kode": "F",
        "dager": 1,
        "dokumentasjon": "helse_dokumentert",
        "hendelse_id": "H1",
    },
]

# Rows both reject.
AVVIST: list[dict[str, object]] = [
    {"elev_id": "E1", "dato": "2026-09-01"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "sein"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "dager": 1},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "X", "dager": 1},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": 0},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": "0,0"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": 100.5},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": "-1"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "F", "dager": "1.000,5"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "timer": 25},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "timer": "24,5"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "fra": "08:30"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "til": "09:15"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "UF", "fra": "24:00", "til": "24:45"},
    {"elev_id": "E1", "dato": "2026-09-31", "type": "vegring"},
    {"elev_id": "E1", "dato": "01.09.2026", "type": "vegring"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring", "arsak": "influensa"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring", "dokumentasjon": "legeerklaering"},
    {"dato": "2026-09-01", "type": "vegring"},
]

# Rows the reader accepts but the schema rejects on purpose (canonical values for integrations).
STRENGERE: list[dict[str, object]] = [
    {"elev_id": "E1", "dato": "2026-09-01", "type": "fravaer", "kode": "uf", "timer": 1},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "Vegring"},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring", "fag": None},
    {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring", "kommentar": "ignoreres"},
    {"elev_id": 17, "dato": "2026-09-01", "type": "vegring"},
]


def _les_en(tmp_path: Path, obj: dict[str, object]) -> tuple[int, int]:
    sti = tmp_path / "rad.jsonl"
    sti.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    inn = read_hendelser(sti)
    assert inn.lest == len(inn.rader) + len(inn.avvist) == 1
    return len(inn.rader), len(inn.avvist)


@pytest.mark.parametrize("obj", GODTATT, ids=lambda o: json.dumps(o, ensure_ascii=False))
def test_hendelse_godtas_av_skjema_og_leser(obj: dict[str, object], tmp_path: Path) -> None:
    assert _feil(_validator("hendelse"), obj) == []
    assert _les_en(tmp_path, obj) == (1, 0)


@pytest.mark.parametrize("obj", AVVIST, ids=lambda o: json.dumps(o, ensure_ascii=False))
def test_hendelse_avvises_av_skjema_og_leser(obj: dict[str, object], tmp_path: Path) -> None:
    assert _feil(_validator("hendelse"), obj) != []
    assert _les_en(tmp_path, obj) == (0, 1)


@pytest.mark.parametrize("obj", STRENGERE, ids=lambda o: json.dumps(o, ensure_ascii=False))
def test_skjemaet_er_bevisst_strengere_enn_leseren(obj: dict[str, object], tmp_path: Path) -> None:
    assert _feil(_validator("hendelse"), obj) != []
    assert _les_en(tmp_path, obj) == (1, 0)


@pytest.mark.parametrize(
    ("obj", "gyldig"),
    [
        ({"elev_id": "E1", "trinn": "vg1", "fodselsdato": "2010-01-31", "samtykke_foresatte": True}, True),
        ({"elev_id": "E1", "trinn": "10", "fodselsdato": "2010-01-31", "samtykke_foresatte": "nei"}, True),
        ({"elev_id": "E1", "trinn": "bhg", "fodselsdato": "2022-01-31", "klasse": "Blåbær", "skole": "N"}, True),
        ({"elev_id": "E1", "trinn": "11", "fodselsdato": "2010-01-31"}, False),
        ({"elev_id": "E1", "trinn": "vg1", "fodselsdato": "2010-02-30"}, False),
        ({"elev_id": "E1", "trinn": "vg1", "fodselsdato": "2010-01-31", "samtykke_foresatte": "kanskje"}, False),
        ({"elev_id": "", "trinn": "vg1", "fodselsdato": "2010-01-31"}, False),
        ({"trinn": "vg1", "fodselsdato": "2010-01-31"}, False),
    ],
)
def test_elevskjema_og_leser_er_enige(obj: dict[str, object], gyldig: bool, tmp_path: Path) -> None:
    assert (_feil(_validator("elev"), obj) == []) is gyldig
    sti = tmp_path / "elever.jsonl"
    sti.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    assert len(read_elever(sti).rader) == int(gyldig)


@pytest.mark.parametrize(
    ("obj", "gyldig"),
    [
        ({"elev_id": "E1", "fag": "norsk", "arstimer": 112.5}, True),
        ({"elev_id": "E1", "fag": "norsk", "arstimer": "56,25"}, True),
        ({"elev_id": "E1", "fag": "norsk", "arstimer": 0}, False),
        ({"elev_id": "E1", "fag": "norsk", "arstimer": "0,00"}, False),
        ({"elev_id": "E1", "fag": "norsk", "arstimer": "mange"}, False),
        ({"elev_id": "E1", "arstimer": 100}, False),
    ],
)
def test_fagskjema_og_leser_er_enige(obj: dict[str, object], gyldig: bool, tmp_path: Path) -> None:
    assert (_feil(_validator("fag"), obj) == []) is gyldig
    sti = tmp_path / "fag.jsonl"
    sti.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    assert len(read_fag(sti).rader) == int(gyldig)


# --------------------------------------------------------------------------- the documentation


def _egenskaper(skjema: object) -> Iterator[str]:
    if isinstance(skjema, dict):
        for k, v in skjema.items():
            if k == "properties" and isinstance(v, dict):
                yield from v
            yield from _egenskaper(v)
    elif isinstance(skjema, list):
        for x in skjema:
            yield from _egenskaper(x)


@pytest.mark.parametrize("navn", ["elev", "fag", "hendelse", "resultat"])
def test_dokumentet_nevner_hvert_felt(navn: str) -> None:
    tekst = DOK.read_text(encoding="utf-8")
    skjema = json.loads((SKJEMA / f"{navn}.schema.json").read_text(encoding="utf-8"))
    mangler = sorted({f for f in _egenskaper(skjema) if f"`{f}`" not in tekst})
    assert mangler == [], f"docs/utveksling.md nevner ikke {mangler}"


def test_dokumentet_viser_csv_kolonnene() -> None:
    from fravarsregler._kommandoer import CSV_KOLONNER

    assert ";".join(CSV_KOLONNER) in DOK.read_text(encoding="utf-8")


def test_dokumentets_json_eksempel_folger_skjemaet() -> None:
    # The excerpt in the doc is cut from a real run; each tiltak in it must be a valid tiltak.
    tekst = DOK.read_text(encoding="utf-8")
    blokk = re.search(r"<!-- demo-json -->\s*```json\n(.*?)```", tekst, re.S)
    assert blokk is not None
    utdrag = json.loads(blokk.group(1))
    assert _feil(_validator("resultat"), utdrag) == []


def test_dokumentets_json_eksempel_er_ordrett_fra_demoen() -> None:
    # "everything else is verbatim": every item of the excerpt is in a real demo run, as it is
    # (a routine file edited above a rule moves its `kilde` line, which must be updated here too).
    ut = io.StringIO()
    assert run(["demo", "--format", "json"], ut, io.StringIO()) == 0
    ekte = json.loads(ut.getvalue())
    blokk = re.search(r"<!-- demo-json -->\s*```json\n(.*?)```", DOK.read_text(encoding="utf-8"), re.S)
    assert blokk is not None
    utdrag = json.loads(blokk.group(1))
    assert list(utdrag) == list(ekte)  # every top-level key, in the order written
    for liste in ("rutiner", "tiltak", "oversikt", "avvist"):
        mangler = [x for x in utdrag[liste] if x not in ekte[liste]]
        assert mangler == [], f"{liste}: {mangler}"
    enkle = [k for k in ekte if not isinstance(ekte[k], list)]
    assert {k: utdrag[k] for k in enkle} == {k: ekte[k] for k in enkle}


def _nokler(verdi: Any) -> set[str]:
    """Every key of every object in a JSON value, at any depth."""
    if isinstance(verdi, dict):
        return set(verdi) | {n for v in verdi.values() for n in _nokler(v)}
    if isinstance(verdi, list):
        return {n for v in verdi for n in _nokler(v)}
    return set()


def test_json_fra_valider_og_diff_er_beskrevet(tmp_path: Path) -> None:
    """§10 names every key that `valider --format json` and `diff --format json` write (the
    free-form labels inside a diff's `innhold` aside)."""
    tekst = (ROT / "docs" / "utveksling.md").read_text(encoding="utf-8")
    seksjon = tekst[tekst.index("## 10. `valider` and `diff` as JSON") : tekst.index("## 11.")]
    beskrevet = {ord for kode in re.findall(r"`([^`]+)`", seksjon) for ord in re.findall(r"[a-z_]+", kode)}

    def json_ut(*argv: str | Path) -> Any:
        ut, feil = io.StringIO(), io.StringIO()
        run([str(a) for a in argv], ut, feil)
        return json.loads(ut.getvalue())

    skolerute = ROT / "rutiner" / "skolerute-2026-27.yaml"
    endret = tmp_path / "skolerute.yaml"
    endret.write_text(skolerute.read_text(encoding="utf-8").replace("2026-11-13", "2026-11-12"), encoding="utf-8")
    utdata = [
        json_ut("valider", ROT / "rutiner", tmp_path / "finnes-ikke.yaml", "--format", "json"),
        json_ut(
            "diff",
            ROT / "rutiner" / "grunnskole.yaml",
            ROT / "docs" / "eksempel" / "grunnskole-revidert.yaml",
            "--format",
            "json",
        ),
        json_ut("diff", skolerute, endret, "--format", "json"),
    ]
    for data in utdata:
        for endring in data.get("endringer", []):
            endring.pop("innhold")  # labels of the added or removed item's fields, not keys
    nokler = set().union(*(_nokler(d) for d in utdata))
    assert {"problemer", "forslag", "tekstdiff", "rader_lagt_til", "skoleaar"} <= nokler
    assert nokler - beskrevet == set()
