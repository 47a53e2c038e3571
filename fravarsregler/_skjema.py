"""JSON Schema validation of loaded YAML, with located Norwegian problems."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ._errors import Problem
from ._meldinger import (
    TYPENAVN,
    M,
    beskriv_verdi,
    janei_forslag,
    klokkeslett_forslag,
    med_usynlige_vist,
    mente_du,
    synlig,
    usynlig_navn,
    usynlige_tegn,
    vis_tegn,
)
from ._paths import finn_datafil

if TYPE_CHECKING:
    import jsonschema.protocols
    from jsonschema.exceptions import ValidationError

__all__ = [
    "Lokaliserbar",
    "UtenPlassering",
    "json_path",
    "lag_problem",
    "skjema_problemer",
    "tekst_advarsler",
]


class Lokaliserbar(Protocol):
    """Loaded data that can say where a path stands in its file (a :class:`YamlDokument`)."""

    @property
    def fil(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def plassering(self, path: Iterable[str | int]) -> tuple[int | None, int | None]: ...

    def nokkel_plassering(self, path: Iterable[str | int]) -> tuple[int | None, int | None]: ...

    def tegn_plassering(self, path: Iterable[str | int], indeks: int) -> tuple[int | None, int | None]: ...

    def som_skrevet(self, path: Iterable[str | int]) -> str | None: ...

    def stil(self, path: Iterable[str | int]) -> str | None: ...


@attrs.frozen
class UtenPlassering:
    """Plain data with a name but no source positions (problems get no line or column)."""

    fil: str
    data: Any

    def plassering(self, path: Iterable[str | int]) -> tuple[int | None, int | None]:
        return None, None

    def nokkel_plassering(self, path: Iterable[str | int]) -> tuple[int | None, int | None]:
        return None, None

    def tegn_plassering(self, path: Iterable[str | int], indeks: int) -> tuple[int | None, int | None]:
        return None, None

    def som_skrevet(self, path: Iterable[str | int]) -> str | None:
        return None

    def stil(self, path: Iterable[str | int]) -> str | None:
        return None


def json_path(path: Iterable[str | int]) -> str:
    """('seksjoner', 2, 'rader') -> '$.seksjoner[2].rader'."""
    out = "$"
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def lag_problem(
    doc: Lokaliserbar,
    path: Sequence[str | int],
    melding: str,
    *,
    kode: str,
    nokkel: bool = False,
    forslag: tuple[str, ...] = (),
    alvor: str = "feil",
    tegn: int | None = None,
) -> Problem:
    """A located problem at the value at ``path`` (``nokkel``: at its key).

    ``tegn``: at this character of the text at ``path`` (a placeholder in a long text), where the
    file shows exactly where it is (see ``YamlDokument.tegn_plassering``). An invisible character
    in ``melding`` (quoted from a value) is shown as ⟨U+XXXX⟩, and the message says it is there.
    """
    if nokkel:
        linje, kolonne = doc.nokkel_plassering(tuple(path))
    elif tegn is not None:
        linje, kolonne = doc.tegn_plassering(tuple(path), tegn)
    else:
        linje, kolonne = doc.plassering(tuple(path))
    return Problem(
        fil=doc.fil,
        linje=linje,
        kolonne=kolonne,
        melding=med_usynlige_vist(melding),
        json_path=json_path(path),
        alvor=alvor,
        kode=kode,
        forslag=forslag,
    )


@functools.cache
def last_skjema(navn: str) -> jsonschema.protocols.Validator:
    """The compiled validator for ``skjema/<navn>.schema.json`` (loaded once)."""
    fil = finn_datafil("skjema", f"{navn}.schema.json")
    skjema = json.loads(fil.read_text(encoding="utf-8"))
    import jsonschema.validators  # noqa: PLC0415 - a tenth of a second, paid by the commands that validate

    cls = jsonschema.validators.validator_for(skjema)
    cls.check_schema(skjema)
    validator: jsonschema.protocols.Validator = cls(skjema, format_checker=cls.FORMAT_CHECKER)
    return validator


def skjema_problemer(doc: Lokaliserbar, navn: str) -> list[Problem]:
    """Every schema problem in ``doc``, each located and worded in Norwegian.

    A misspelt key gives jsonschema two errors in the same mapping: the key is unknown and the
    field it was meant to be is missing.  Only the first is reported (its message already says
    «Mente du «hva»?»), so one mistake gives one problem.
    """
    validator = last_skjema(navn)
    feilene = list(validator.iter_errors(doc.data))
    stavefeil: set[tuple[tuple[str | int, ...], str]] = set()
    for feil in feilene:
        if feil.validator == "additionalProperties" and isinstance(feil.instance, dict):
            lovlige = _mulige_felt(feil.schema)
            sti = tuple(feil.absolute_path)
            for key in feil.instance:
                if key not in lovlige:
                    stavefeil.update((sti, forslag) for forslag in mente_du(key, lovlige)[1])
    problemer: list[Problem] = []
    sett: set[tuple[str, str]] = set()
    for feil in feilene:
        if feil.validator == "required" and (tuple(feil.absolute_path), _mangler(feil)) in stavefeil:
            continue
        for problem in _oversett(doc, feil):
            # one mistake, one problem: a malformed date fails both `pattern` and `format`
            if (problem.json_path, problem.kode) not in sett:
                sett.add((problem.json_path, problem.kode))
                problemer.append(problem)
    return problemer


def _mulige_felt(skjema: Any) -> list[str]:
    if isinstance(skjema, dict):
        props = skjema.get("properties", {})
        if isinstance(props, dict):
            return list(props)
    return []


def _mangler(feil: ValidationError) -> str:
    """The name of the missing field in a ``required`` error."""
    m = re.match(r"^'(.+)' is a required property$", feil.message)
    return m.group(1) if m else str(feil.validator_value)


def _tall(verdi: object) -> str:
    """A number as written in YAML (0.1, 10), not Python's repr of a float."""
    if isinstance(verdi, float) and verdi.is_integer():
        return str(int(verdi))
    return str(verdi)


def _tall_som_skrevet(doc: Lokaliserbar, path: Sequence[str | int], verdi: object) -> str:
    """A number as written in the file (``2027.10``, ``08.00``), or as YAML writes it when unknown."""
    skrevet = doc.som_skrevet(path)
    return skrevet if skrevet else _tall(verdi)


def _oversett(doc: Lokaliserbar, feil: ValidationError) -> list[Problem]:
    path = tuple(feil.absolute_path)
    verdi = feil.instance
    kind = feil.validator
    grense: Any = feil.validator_value  # typed "Any | Unset"; always set on a reported error

    def en(melding: str, kode: str) -> list[Problem]:
        return [lag_problem(doc, path, melding, kode=kode)]

    if "propertyNames" in feil.schema_path and isinstance(verdi, str):
        # a key's own problem (jsonschema reports it at the mapping): located at the key itself
        if kind == "minLength":
            melding, kode = M["nokkel-tom-tekst"], "tom"
        elif kind == "maxLength":
            melding, kode = M["nokkel-for-lang"].format(verdi=verdi, grense=grense), "for-lang"
        elif kind == "pattern":
            melding, kode = _monster_melding(str(grense), verdi), "feil-form"
        else:
            melding, kode = M["navn-format"].format(verdi=verdi), "feil-form"
        return [lag_problem(doc, (*path, verdi), melding, kode=kode, nokkel=True)]
    if kind == "required":
        return en(M["required"].format(navn=_mangler(feil)), "mangler-felt")
    if kind == "additionalProperties" and isinstance(verdi, dict):
        lovlige = _mulige_felt(feil.schema)
        ut = []
        for key in verdi:
            if key in lovlige:
                continue
            mente, forslag = mente_du(key, lovlige)
            ut.append(
                lag_problem(
                    doc,
                    (*path, key),
                    M["additional"].format(navn=key, mente=mente),
                    kode="ukjent-felt",
                    nokkel=True,
                    forslag=forslag,
                )
            )
        return ut
    if kind == "enum":
        lovlige = [str(v) for v in grense]
        if isinstance(verdi, int | float) and not isinstance(verdi, bool) and _tall(verdi) in grense:
            return en(M["enum-anforsel"].format(verdi=_tall(verdi)), "feil-type")
        mente, forslag = mente_du(verdi, lovlige)
        melding = M["enum"].format(verdi=verdi, lovlige=", ".join(lovlige), mente=mente)
        return [lag_problem(doc, path, melding, kode="ugyldig-verdi", forslag=forslag)]
    if kind == "const":
        if isinstance(grense, int) and not isinstance(grense, bool) and verdi == str(grense):
            return en(M["const-tall"].format(lovlig=grense), "feil-type")
        if path and path[-1] == "gjentakelse":
            # the engine counts days per semester and subject hours per school year
            return en(M["const-gjentakelse"].format(lovlig=grense), "ugyldig-verdi")
        return en(M["const"].format(lovlig=grense), "ugyldig-verdi")
    if kind == "type":
        typer = grense if isinstance(grense, list) else [grense]
        forventet = " eller ".join(TYPENAVN.get(str(t), str(t)) for t in typer)
        riktig = janei_forslag(verdi)
        if "boolean" in typer and riktig is not None:
            melding = M["type-janei"].format(verdi=verdi, riktig=riktig)
        elif isinstance(verdi, str) and {"number", "integer"} & set(typer) and re.fullmatch(r"-?\d+([.,]\d+)?", verdi):
            melding = M["type-tall-tekst"].format(forventet=forventet, verdi=verdi)
        elif typer == ["string"] and isinstance(verdi, int | float) and not isinstance(verdi, bool):
            skrevet = _tall_som_skrevet(doc, path, verdi)
            if skrevet != _tall(verdi):
                # 2027.10 is read as 2027.1, 08.00 as 8: quote what was written, not the number
                melding = M["type-tekst-tall-lest"].format(skrevet=skrevet, verdi=_tall(verdi))
            else:
                melding = M["type-tekst-tall"].format(verdi=skrevet)
        elif not path and isinstance(verdi, str | list):
            # a data file given where a YAML file belongs: its first line may be a pupil's row
            melding = M["ikke-tabell"].format(fikk="en liste" if isinstance(verdi, list) else "én verdi")
        else:
            melding = M["type"].format(forventet=forventet, fikk=beskriv_verdi(verdi))
        return en(melding, "feil-type")
    if kind == "format" and grense == "date":
        return en(_dato_melding(verdi), "ugyldig-dato")
    if kind == "pattern":
        er_dato = str(grense).replace("[0-9]", "\\d") == "^\\d{4}-\\d{2}-\\d{2}$"
        return en(_monster_melding(str(grense), verdi), "ugyldig-dato" if er_dato else "feil-form")
    if kind == "propertyNames":
        # the offending name is in the context errors
        ut = [
            lag_problem(
                doc,
                (*path, under.instance) if isinstance(under.instance, str) else path,
                _monster_melding(str(under.validator_value), under.instance)
                if under.validator == "pattern"
                else M["navn-format"].format(verdi=under.instance),
                kode="feil-form",
                nokkel=True,
            )
            for under in feil.context or []
        ]
        # (never jsonschema's English message: staff read these)
        return ut or en(M["ukjent-skjemafeil"], "skjema")
    if kind in ("minLength", "minProperties"):
        return en(M["tom"], "tom")
    if kind == "minItems":
        return en(M["min-items"].format(antall=grense), "tom")
    if kind == "uniqueItems":
        return en(M["unique"], "duplikat")
    if kind == "minimum":
        return en(M["minimum"].format(verdi=_tall_som_skrevet(doc, path, verdi), grense=_tall(grense)), "utenfor")
    if kind == "exclusiveMinimum":
        melding = M["exclusive-minimum"].format(verdi=_tall_som_skrevet(doc, path, verdi), grense=_tall(grense))
        return en(melding, "utenfor")
    if kind == "maximum":
        return en(M["maksimum"].format(verdi=_tall_som_skrevet(doc, path, verdi), grense=_tall(grense)), "utenfor")
    if kind in ("oneOf", "anyOf"):
        if (
            isinstance(verdi, dict)
            and ("verdi" in verdi or "verdier" in verdi or path[:1] == ("parametere",))
            and ("verdi" in verdi) == ("verdier" in verdi)
        ):
            return en(M["verdi-verdier"], "feil-form")
        from jsonschema.exceptions import best_match  # noqa: PLC0415

        beste = best_match(feil.context or [])
        if beste is not None and beste is not feil:
            return _oversett(doc, beste)
        return en(M["oneof"], "feil-form")
    # "not" and any keyword without a message of its own (never jsonschema's English message)
    return en(M["ukjent-skjemafeil"], "skjema")


def _dato_melding(verdi: object) -> str:
    if isinstance(verdi, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", verdi):
        return M["dato-finnes-ikke"].format(verdi=verdi)
    return M["dato"].format(verdi=verdi)


def _monster_melding(monster: str, verdi: object) -> str:
    if monster.replace("[0-9]", "\\d") == "^\\d{4}-\\d{2}-\\d{2}$":
        return M["dato"].format(verdi=verdi)
    if monster.replace("[0-9]", "\\d") == "^\\d{4}-\\d{2}$":
        return M["skoleaar"].format(verdi=verdi)
    if "[01]\\d|2[0-3]" in monster:
        forslag = klokkeslett_forslag(verdi)
        if forslag is not None:
            return M["klokkeslett-forslag"].format(verdi=verdi, forslag=forslag)
        return M["klokkeslett"].format(verdi=verdi)
    if "(-[a-z0-9]+)*" in monster:
        return M["id-format"].format(verdi=verdi)
    if "[a-z0-9_]*" in monster:
        return M["navn-format"].format(verdi=verdi)
    if monster == "^(\\S(.*\\S)?)?$":  # no space first or last (codes in a kodekart)
        return M["mellomrom-rundt"].format(verdi=verdi)
    return M["pattern"].format(verdi=verdi, monster=monster)


# --------------------------------------------------------------------------- warnings

# Typographic quotes Word puts in for ", which YAML reads as part of the text.
_TYPOGRAFISKE: str = "\u201c\u201d\u201e"  # “ ” „


def tekst_advarsler(doc: Lokaliserbar, problemer: Iterable[Problem] = ()) -> list[Problem]:
    """Warnings (``alvor`` "advarsel") for likely paste and quoting mistakes in the texts of ``doc``.

    - an invisible character in a text or key (soft hyphen, zero-width space, ...), at the
      character (kode ``usynlig-tegn``);
    - a plain text between typographic quotes, “Samme dag”: meant as quotes, read as text
      (kode ``typografiske-anforselstegn``);
    - a plain text that ends with ``"`` but does not start with one, with an odd number of them:
      the opening quote is missing (kode ``anforselstegn``).

    A place that already has an error in ``problemer`` gets no warning: one mistake, one problem.
    """
    med_feil = {p.json_path for p in problemer if p.alvor == "feil"}
    ut: list[Problem] = []

    def gaa(sti: tuple[str | int, ...], node: object) -> None:
        if isinstance(node, dict):
            for nokkel, verdi in node.items():
                barn = (*sti, nokkel)
                if isinstance(nokkel, str) and json_path(barn) not in med_feil:
                    ut.extend(_usynlig_advarsel(doc, barn, nokkel, nokkel=True))
                gaa(barn, verdi)
        elif isinstance(node, list):
            for i, verdi in enumerate(node):
                gaa((*sti, i), verdi)
        elif isinstance(node, str) and json_path(sti) not in med_feil:
            ut.extend(_usynlig_advarsel(doc, sti, node))
            ut.extend(_anforsel_advarsel(doc, sti, node))

    gaa((), doc.data)
    return ut


def _utdrag(tekst: str, indeks: int, bredde: int = 20) -> str:
    """The part of ``tekst`` around ``indeks``, with «…» where it is cut."""
    start, slutt = max(0, indeks - bredde), min(len(tekst), indeks + bredde)
    return ("…" if start > 0 else "") + tekst[start:slutt] + ("…" if slutt < len(tekst) else "")


def _usynlig_advarsel(
    doc: Lokaliserbar, sti: tuple[str | int, ...], tekst: str, *, nokkel: bool = False
) -> list[Problem]:
    tegn = [t for t in usynlige_tegn(tekst) if t != "\t"]  # a tab shows as space
    if not tegn:
        return []
    forste = min(tekst.index(t) for t in tegn)
    vist = [vis_tegn(t) for t in tegn]
    if len(tegn) == 1:
        navn = usynlig_navn(tegn[0])
        hva = "et usynlig tegn, vist her som " + vist[0] + ("" if navn == "et usynlig tegn" else f" ({navn})")
    else:
        hva = "usynlige tegn, vist her som " + ", ".join(vist[:-1]) + f" og {vist[-1]}"
    melding = M["usynlig-tegn-advarsel"].format(
        hva=hva,
        hvor="Nøkkelen" if nokkel else "Teksten",
        utdrag=synlig(_utdrag(tekst, forste).replace("\n", " ")),
        det="det" if len(tegn) == 1 else "dem",
        de="det" if len(tegn) == 1 else "de",
    )
    if nokkel:
        return [lag_problem(doc, sti, melding, kode="usynlig-tegn", nokkel=True, alvor="advarsel")]
    return [lag_problem(doc, sti, melding, kode="usynlig-tegn", tegn=forste, alvor="advarsel")]


def _anforsel_advarsel(doc: Lokaliserbar, sti: tuple[str | int, ...], tekst: str) -> list[Problem]:
    if doc.stil(sti) != "plain" or len(tekst) < 2:
        return []
    if tekst[0] in _TYPOGRAFISKE and tekst[-1] in _TYPOGRAFISKE and not any(t in _TYPOGRAFISKE for t in tekst[1:-1]):
        # (not «“Samme dag” og “neste dag”»: quotes inside the text, not around it)
        indre = tekst[1:-1]
        eksempel = f': "{indre}"' if len(indre) <= 40 and '"' not in indre and "\\" not in indre else ""
        melding = M["typografiske-anforselstegn"].format(start=tekst[0], slutt=tekst[-1], eksempel=eksempel)
        return [lag_problem(doc, sti, melding, kode="typografiske-anforselstegn", alvor="advarsel")]
    if tekst.endswith('"') and tekst.count('"') % 2 == 1:
        melding = M["anforsel-mangler-foran"].format(utdrag=_utdrag(tekst, len(tekst) - 1))
        return [lag_problem(doc, sti, melding, kode="anforselstegn", alvor="advarsel")]
    return []
