"""JSON Schema validation of loaded YAML, with located Norwegian problems."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from ._errors import Problem
from ._meldinger import TYPENAVN, M, beskriv_verdi, mente_du
from ._paths import finn_datafil
from ._yaml import YamlDokument

__all__ = ["json_path", "lag_problem", "skjema_problemer"]

_JANEI = {"ja", "nei", "yes", "no", "on", "off", "y", "n", "sann", "usann"}


def json_path(path: Iterable[str | int]) -> str:
    """('seksjoner', 2, 'rader') -> '$.seksjoner[2].rader'."""
    out = "$"
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def lag_problem(
    doc: YamlDokument,
    path: Sequence[str | int],
    melding: str,
    *,
    kode: str,
    nokkel: bool = False,
    forslag: tuple[str, ...] = (),
    alvor: str = "feil",
) -> Problem:
    linje, kolonne = doc.nokkel_plassering(tuple(path)) if nokkel else doc.plassering(tuple(path))
    return Problem(
        fil=doc.fil,
        linje=linje,
        kolonne=kolonne,
        melding=melding,
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
    cls = jsonschema.validators.validator_for(skjema)
    cls.check_schema(skjema)
    validator: jsonschema.protocols.Validator = cls(
        skjema, format_checker=cls.FORMAT_CHECKER
    )
    return validator


def skjema_problemer(doc: YamlDokument, navn: str) -> list[Problem]:
    """Every schema problem in ``doc``, each located and worded in Norwegian."""
    validator = last_skjema(navn)
    problemer: list[Problem] = []
    for feil in validator.iter_errors(doc.data):
        problemer.extend(_oversett(doc, feil))
    return problemer


def _mulige_felt(skjema: Any) -> list[str]:
    if isinstance(skjema, dict):
        props = skjema.get("properties", {})
        if isinstance(props, dict):
            return list(props)
    return []


def _oversett(doc: YamlDokument, feil: ValidationError) -> list[Problem]:
    path = tuple(feil.absolute_path)
    verdi = feil.instance
    kind = feil.validator
    if kind == "required":
        m = re.match(r"^'(.+)' is a required property$", feil.message)
        navn = m.group(1) if m else str(feil.validator_value)
        return [lag_problem(doc, path, M["required"].format(navn=navn), kode="mangler-felt")]
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
        lovlige = [str(v) for v in feil.validator_value]
        mente, forslag = mente_du(verdi, lovlige)
        return [
            lag_problem(
                doc,
                path,
                M["enum"].format(verdi=verdi, lovlige=", ".join(lovlige), mente=mente),
                kode="ugyldig-verdi",
                forslag=forslag,
            )
        ]
    if kind == "const":
        return [
            lag_problem(doc, path, M["const"].format(lovlig=feil.validator_value), kode="ugyldig-verdi")
        ]
    if kind == "type":
        forventet_raw = feil.validator_value
        typer = forventet_raw if isinstance(forventet_raw, list) else [forventet_raw]
        forventet = " eller ".join(TYPENAVN.get(t, t) for t in typer)
        if "boolean" in typer and isinstance(verdi, str) and verdi.lower() in _JANEI:
            melding = M["type-janei"].format(verdi=verdi)
        elif (
            isinstance(verdi, str)
            and {"number", "integer"} & set(typer)
            and re.fullmatch(r"-?\d+([.,]\d+)?", verdi)
        ):
            melding = M["type-tall-tekst"].format(forventet=forventet, verdi=verdi)
        else:
            melding = M["type"].format(forventet=forventet, fikk=beskriv_verdi(verdi))
        return [lag_problem(doc, path, melding, kode="feil-type")]
    if kind == "format" and feil.validator_value == "date":
        return [lag_problem(doc, path, M["dato"].format(verdi=verdi), kode="ugyldig-dato")]
    if kind == "pattern":
        return [lag_problem(doc, path, _monster_melding(str(feil.validator_value), verdi), kode="feil-form")]
    if kind == "propertyNames":
        # the offending name is in the context errors
        ut = []
        for under in feil.context or []:
            navn = under.instance
            ut.append(
                lag_problem(
                    doc,
                    (*path, navn) if isinstance(navn, str) else path,
                    M["navn-format"].format(verdi=navn),
                    kode="feil-form",
                    nokkel=True,
                )
            )
        return ut or [lag_problem(doc, path, M["ukjent-skjemafeil"].format(detalj=feil.message), kode="skjema")]
    if kind in ("minLength",):
        return [lag_problem(doc, path, M["tom"], kode="tom")]
    if kind == "minItems":
        return [lag_problem(doc, path, M["min-items"].format(antall=feil.validator_value), kode="tom")]
    if kind == "minProperties":
        return [lag_problem(doc, path, M["tom"], kode="tom")]
    if kind == "uniqueItems":
        return [lag_problem(doc, path, M["unique"], kode="duplikat")]
    if kind == "minimum":
        return [lag_problem(doc, path, M["minimum"].format(verdi=verdi, grense=feil.validator_value), kode="utenfor")]
    if kind == "exclusiveMinimum":
        return [
            lag_problem(doc, path, M["exclusive-minimum"].format(verdi=verdi, grense=feil.validator_value), kode="utenfor")
        ]
    if kind == "maximum":
        return [lag_problem(doc, path, M["maksimum"].format(verdi=verdi, grense=feil.validator_value), kode="utenfor")]
    if kind in ("oneOf", "anyOf"):
        if isinstance(verdi, dict) and ("verdi" in verdi or "verdier" in verdi or path[:1] == ("parametere",)):
            if ("verdi" in verdi) == ("verdier" in verdi):
                return [lag_problem(doc, path, M["verdi-verdier"], kode="feil-form")]
        beste = jsonschema.exceptions.best_match(feil.context or [])
        if beste is not None and beste is not feil:
            return _oversett(doc, beste)
        return [lag_problem(doc, path, M["oneof"].format(detalj=""), kode="feil-form")]
    if kind == "not":
        return [lag_problem(doc, path, M["ukjent-skjemafeil"].format(detalj="verdien er ikke tillatt her"), kode="skjema")]
    return [lag_problem(doc, path, M["ukjent-skjemafeil"].format(detalj=feil.message), kode="skjema")]


def _monster_melding(monster: str, verdi: object) -> str:
    if "\\d{4}-\\d{2}-\\d{2}" in monster:
        return M["dato"].format(verdi=verdi)
    if "[01]\\d|2[0-3]" in monster:
        return M["klokkeslett"].format(verdi=verdi)
    if "(-[a-z0-9]+)*" in monster:
        return M["id-format"].format(verdi=verdi)
    if "[a-z0-9_]*" in monster:
        return M["navn-format"].format(verdi=verdi)
    return M["pattern"].format(verdi=verdi, monster=monster)


def skjemafil(navn: str) -> Path:
    return finn_datafil("skjema", f"{navn}.schema.json")
