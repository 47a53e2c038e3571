"""Value objects for routines: frozen attrs classes built from validated YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

__all__ = [
    "Brev",
    "Felles",
    "Frist",
    "Mottaker",
    "Parameter",
    "Parameterverdi",
    "Plassering",
    "Rad",
    "Regel",
    "Rolle",
    "Rutine",
    "Seksjon",
    "Sjekkliste",
    "Sjekklistegruppe",
    "Steg",
    "TidligeTegn",
    "Unntak",
    "Utloser",
    "Vedlegg",
    "VedleggReferanse",
    "formater_verdi",
]

Verdi: TypeAlias = float | int | bool | str | tuple[str, ...]


def _frys(m: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of a copy: the loaded routine cannot be changed by accident."""
    return MappingProxyType(dict(m))


PLASSHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@attrs.frozen
class Plassering:
    """Where something stands in a YAML file (1-based line and column)."""

    fil: str
    linje: int
    kolonne: int

    def __str__(self) -> str:
        return f"{self.fil}:{self.linje}:{self.kolonne}"


@attrs.frozen
class Parameterverdi:
    """One value of a parameter, in force from ``fra`` (None: always)."""

    fra: date | None
    verdi: Verdi
    hjemmel: str | None = None


def formater_verdi(verdi: Verdi, enhet: str) -> str:
    """Format a parameter value the way the document writes it (Norwegian)."""
    if enhet == "andel" and isinstance(verdi, int | float) and not isinstance(verdi, bool):
        return formater_prosent(float(verdi))
    if isinstance(verdi, bool):
        return "ja" if verdi else "nei"
    if isinstance(verdi, tuple):
        return ", ".join(verdi)
    if isinstance(verdi, float):
        return _komma(f"{verdi:g}")
    if enhet in ("skoledager", "dager"):
        return f"{verdi} {'dag' if verdi == 1 else 'dager'}" if enhet == "dager" else f"{verdi}"
    return str(verdi)


def _komma(tekst: str) -> str:
    return tekst.replace(".", ",")


def formater_prosent(andel: float, desimaler: int | None = None) -> str:
    """0.1 -> '10 %', 0.131 -> '13,1 %' (Norwegian decimal comma, space before %)."""
    prosent = andel * 100
    if desimaler is None:
        rund = round(prosent, 1)
        tekst = f"{rund:.0f}" if rund == int(rund) else f"{rund:.1f}"
    else:
        tekst = f"{prosent:.{desimaler}f}"
    return f"{_komma(tekst)} %"


@attrs.frozen
class Parameter:
    """A named, documented value of a routine; may change over time (dated values)."""

    navn: str
    enhet: str
    beskrivelse: str
    verdier: tuple[Parameterverdi, ...]
    kilde: str | None = None
    hjemmel: str | None = None
    lokal_presisering: bool = False
    merknad: str | None = None
    plassering: Plassering | None = attrs.field(default=None, eq=False)

    def verdi_paa(self, dato: date | None = None) -> Verdi:
        """The value in force on ``dato`` (the newest value when ``dato`` is None)."""
        return self.gjeldende(dato).verdi

    def gjeldende(self, dato: date | None = None) -> Parameterverdi:
        if dato is None:
            return self.verdier[-1]
        valgt = self.verdier[0]
        for v in self.verdier:
            if v.fra is None or v.fra <= dato:
                valgt = v
        return valgt

    def formater(self, dato: date | None = None) -> str:
        return formater_verdi(self.verdi_paa(dato), self.enhet)


@attrs.frozen
class Rolle:
    """A responsible role (ANSVAR), e.g. ``kontaktlaerer``."""

    id: str
    navn: str
    beskrivelse: str | None = None


@attrs.frozen
class Sjekklistegruppe:
    tittel: str | None
    punkter: tuple[str, ...]


@attrs.frozen
class Sjekkliste:
    """A checklist (sjekkliste) for mapping a pupil's absence."""

    id: str
    tittel: str
    kortnavn: str
    grupper: tuple[Sjekklistegruppe, ...]


@attrs.frozen
class TidligeTegn:
    """A group of early signs (tidlige tegn) that can lead to concerning absence."""

    id: str
    tittel: str
    punkter: tuple[str, ...]


@attrs.frozen
class VedleggReferanse:
    """A vedlegg known only by its title (its content is not in the source)."""

    nummer: int
    tittel: str
    innhold_i_kilden: bool = False


@attrs.frozen
class Felles:
    """The shared file: role catalogue, checklists, early signs, vedlegg titles."""

    id: str
    versjon: str
    gyldig_fra: date
    roller: Mapping[str, Rolle] = attrs.field(converter=_frys, hash=False)
    sjekklister: Mapping[str, Sjekkliste] = attrs.field(converter=_frys, hash=False)
    tidlige_tegn: tuple[TidligeTegn, ...]
    vedlegg: tuple[VedleggReferanse, ...]
    fil: str = attrs.field(default="", eq=False)
    #: the document's introduction to the early signs ("" when the file has none)
    tidlige_tegn_innledning: str = ""

    def rollenavn(self, rolle_id: str) -> str:
        rolle = self.roller.get(rolle_id)
        return rolle.navn if rolle else rolle_id


@attrs.frozen
class Utloser:
    """What triggers a rule (NÅR, machine-readable).

    ``type`` is ``hendelse``, ``terskel``, ``kalender`` or ``lopende``; the other fields
    apply to one type each (see docs/format.md).
    """

    type: str
    hendelse: str | None = None
    koder: tuple[str, ...] = ()
    maal: str | None = None
    terskel: str | None = None
    sammenligning: str = "over"
    minste_nevner: str | None = None
    tellende_dokumentasjon: str | None = None
    unntak: tuple[str, ...] = ()
    gjentakelse: str | None = None
    vindu: str | None = None
    trinn: tuple[str, ...] = ()
    per: str = "trinn"
    antall: int | None = None
    hyppighet: str | None = None


@attrs.frozen
class Frist:
    """How a rule's deadline is computed (type, and a count or parameter)."""

    type: str
    antall: int | str | None = None
    klokkeslett: str | None = None


@attrs.frozen
class Mottaker:
    """Who receives a letter, by the pupil's age on the date (DOMENE 5)."""

    under_18: tuple[str, ...]
    fra_18: tuple[str, ...]
    fra_18_med_samtykke: tuple[str, ...]

    def for_alder(self, alder: int, *, samtykke: bool) -> tuple[str, ...]:
        if alder < 18:
            return self.under_18
        return self.fra_18_med_samtykke if samtykke else self.fra_18


@attrs.frozen
class Regel:
    """One machine-readable rule: trigger, deadline, responsible roles, action text."""

    id: str
    tiltak: str
    utloser: Utloser
    frist: Frist
    ansvar: tuple[str, ...]
    trinn: tuple[str, ...]
    kilde: str
    mottaker: Mottaker | None = None
    brev: str | None = None
    sjekklister: tuple[str, ...] = ()
    steg: tuple[str, ...] = ()
    hjemmel: str | None = None
    merknad: str | None = None
    seksjon: str | None = None
    rad: str | None = None
    vedlegg: str | None = None
    plassering: Plassering | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Rad:
    """One row of a HVA / NÅR / ANSVAR / INNHOLD table."""

    id: str
    hva: str
    naar: str
    ansvar_tekst: str
    roller: tuple[str, ...]
    innhold: str
    regler: tuple[Regel, ...]
    kilde: Mapping[str, object] = attrs.field(converter=_frys, hash=False)
    sjekklister: tuple[str, ...] = ()
    merknad: str | None = None
    plassering: Plassering | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Seksjon:
    """One table of the document (e.g. "Grunnskolens 1.-4. trinn")."""

    id: str
    tittel: str
    trinn: tuple[str, ...]
    rader: tuple[Rad, ...]


@attrs.frozen
class Steg:
    id: str
    tekst: str


@attrs.frozen
class Unntak:
    """An exception of vedlegg 1 that holds back the letter step in the first round."""

    id: str
    tekst: str
    arsak: tuple[str, ...]
    tidlig_i_semesteret: str | None = None
    minst_sammenhengende_skoledager: str | None = None


@attrs.frozen
class Brev:
    id: str
    tittel: str
    tekst: str


@attrs.frozen
class Vedlegg:
    """A vedlegg holding rules that are not table rows (vedlegg 1, the national limit).

    Without ``nummer`` it is not one of the document's vedlegg but an addition (the national limit).
    """

    id: str
    nummer: int | None
    tittel: str
    innledning: str
    steg: tuple[Steg, ...]
    unntak: tuple[Unntak, ...]
    brev: tuple[Brev, ...]
    regler: tuple[Regel, ...]
    #: the question the document asks before the introduction ("" when there is none)
    sporsmaal: str = ""


@attrs.frozen
class Rutine:
    """One version of one routine (barnehage, grunnskole or vgs)."""

    id: str
    navn: str
    kommune: str
    versjon: str
    gyldig_fra: date
    neste_revisjon: date
    trinn: tuple[str, ...]
    kilde: Mapping[str, object] = attrs.field(converter=_frys, hash=False)
    parametere: Mapping[str, Parameter] = attrs.field(converter=_frys, hash=False)
    seksjoner: tuple[Seksjon, ...]
    vedlegg: tuple[Vedlegg, ...]
    felles: Felles
    fil: str = attrs.field(default="", eq=False)
    #: where ``gyldig_fra`` is written (for messages about which version applies)
    gyldig_fra_plassering: Plassering | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        return f"<Rutine {self.id} versjon {self.versjon} gyldig fra {self.gyldig_fra}>"

    @property
    def rader(self) -> tuple[Rad, ...]:
        """Every table row of the document, in document order."""
        return tuple(r for s in self.seksjoner for r in s.rader)

    def regler(self) -> Iterator[Regel]:
        """Every rule, table rows first (document order), then vedlegg rules."""
        for seksjon in self.seksjoner:
            for rad in seksjon.rader:
                yield from rad.regler
        for vedlegg in self.vedlegg:
            yield from vedlegg.regler

    def regel(self, regel_id: str, trinn: str | None = None) -> Regel | None:
        """The first rule ``regel_id`` (of a table covering ``trinn``, when given), or None."""
        for r in self.regler():
            if r.id == regel_id and (trinn is None or trinn in r.trinn):
                return r
        return None

    def unntak(self, unntak_id: str) -> Unntak | None:
        """The vedlegg exception ``unntak_id``, or None."""
        for v in self.vedlegg:
            for u in v.unntak:
                if u.id == unntak_id:
                    return u
        return None

    def brev(self, brev_id: str) -> Brev | None:
        """The letter template ``brev_id``, or None."""
        for v in self.vedlegg:
            for b in v.brev:
                if b.id == brev_id:
                    return b
        return None

    def parameter(self, navn: str) -> Parameter:
        """The parameter ``navn`` (``KeyError`` if the routine has none by that name)."""
        return self.parametere[navn]

    def verdi(self, navn: str, dato: date | None = None) -> Verdi:
        """The value of parameter ``navn`` in force on ``dato`` (the newest when ``dato`` is None)."""
        return self.parametere[navn].verdi_paa(dato)

    def tekst(self, mal: str, dato: date | None = None) -> str:
        """Render ``{parameter}`` placeholders in a text with the parameters' values."""

        def bytt(m: re.Match[str]) -> str:
            p = self.parametere.get(m.group(1))
            return p.formater(dato) if p else m.group(0)

        return PLASSHOLDER.sub(bytt, mal)


def versjonsnokkel(versjon: object) -> tuple[tuple[int, int | str], ...]:
    """A sort key for a version: its numbers compare as numbers (2022.10 comes after 2022.9)."""
    return tuple((0, int(d)) if d.isdigit() else (1, d) for d in re.findall(r"\d+|[^\d.]+", str(versjon)))
