"""The routines rendered back as the document: one HTML file to print, or Markdown for a wiki.

Both formats share one view model (:class:`Dokument`) built from loaded routines, with every
routine text rendered through :meth:`Rutine.tekst` so ``{bekymring_terskel}`` shows the value
that stands in the data. HTML is produced by Jinja2 templates in ``fravarsregler/_maler/`` with
autoescaping on; Markdown is produced line by line with every text escaped.

The output is deterministic: the same routines give the same bytes (no dates of rendering).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

import attrs

from ._meldinger import MAANEDER, og_liste
from ._model import (
    PLASSHOLDER,
    Felles,
    Parameter,
    Rutine,
    Sjekkliste,
    TidligeTegn,
    VedleggReferanse,
    formater_verdi,
)
from ._paths import RUTINEFILER, finn_datafil, lokal_rutinemappe, manglende_rutinefiler, rutinemappe

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "STANDARDRUTINER",
    "Dokument",
    "bygg_dokument",
    "formater_dato",
    "formater_parameterverdi",
    "medfolgende_merknad",
    "render_html",
    "render_markdown",
    "sjekk_standardmappe",
    "standard_rutinefiler",
]

#: The shipped routines, in the document's order.
STANDARDRUTINER: Final = RUTINEFILER


_STANDARDTITTEL: Final = "Fraværsoppfølging"

#: Headings as the source document writes them (kilde:987, kilde:1645, kilde:1981).
TABELLOVERSKRIFT: Final = "Håndtering av fravær i barnehage, grunnskole og videregående skole"
SJEKKLISTEOVERSKRIFT: Final = "Sjekklister for kartlegging ved skolefravær"
TIDLIGE_TEGN_OVERSKRIFT: Final = "Tidlige tegn som kan føre til bekymringsfullt fravær"
STEGOVERSKRIFT: Final = "Rutine"
UNNTAKSOVERSKRIFT: Final = "Eksempler på når vi ikke sender bekymringsmelding hjem i første omgang"
#: The heading over what the rendering adds that is not in the source (vedlegg without a number).
TILLEGGSOVERSKRIFT: Final = "Tillegg (står ikke i dokumentet)"

#: Every fixed heading, for the HTML template (so both formats say the same).
_OVERSKRIFTER: Final = {
    "tabeller": TABELLOVERSKRIFT,
    "sjekklister": SJEKKLISTEOVERSKRIFT,
    "tidlige_tegn": TIDLIGE_TEGN_OVERSKRIFT,
    "steg": STEGOVERSKRIFT,
    "unntak": UNNTAKSOVERSKRIFT,
    "tillegg": TILLEGGSOVERSKRIFT,
}


def standard_rutinefiler() -> tuple[Path, ...]:
    """The shipped routine files (barnehage, grunnskole, vgs), in the document's order."""
    mappe = rutinemappe()
    return tuple(mappe / navn for navn in STANDARDRUTINER)


def sjekk_standardmappe(prog: str, feil: IO[str], *, ellers: str, merk_medfolgende: bool = True) -> bool:
    """Before a command uses the default routines: whether it may go on.

    A ``./rutiner`` that holds some routine files but not all three stops the command with the
    missing files named (it would otherwise fail file by file and send the user to ``valider``,
    which found nothing wrong with the files that are there). Without a ``./rutiner`` the
    routines shipped with the package are used, which is said on ``feil`` when
    ``merk_medfolgende``: staff in the wrong folder, or a cron job started in ``$HOME``, would
    otherwise get the 2022 routines without a word. ``ellers`` names the command's way to give
    the routines instead (``--rutine``)."""
    lokal = lokal_rutinemappe()
    if lokal is None:
        if merk_medfolgende:
            feil.write(medfolgende_merknad(prog, "ingen mappe «rutiner» med rutinefiler", "bruker"))
        return True
    mangler = manglende_rutinefiler(lokal)
    if mangler:
        feil.write(f"{prog}: {_mangler_tekst(mangler)} Legg {'den' if len(mangler) == 1 else 'dem'} dit, {ellers}.\n")
        return False
    return True


def medfolgende_merknad(prog: str, fant_ingen: str, gjor: str) -> str:
    """The line that says a command uses the routines shipped with the package, where they lie,
    and how to get a copy to edit (``fant_ingen``: what was missing here; ``gjor``: the verb)."""
    return (
        f"{prog}: merk: fant {fant_ingen} her; {gjor} rutinene som følger med fravarsregler "
        f"({finn_datafil('rutiner')}). «fravarsregler kopier .» legger en kopi her som du kan redigere.\n"
    )


def _mangler_tekst(mangler: Sequence[str]) -> str:
    """The sentence that says which routine files ``./rutiner`` lacks."""
    return (
        f"mappen «rutiner» mangler {og_liste(mangler)}. Den må ha alle tre rutinene "
        f"({', '.join(STANDARDRUTINER[:-1])} og {STANDARDRUTINER[-1]})."
    )


# Units a bare number does not show by itself (``formater_verdi`` already writes "dager" and "%").
_ENHETSORD: Final = {
    "skoledager": ("skoledag", "skoledager"),
    "timer": ("time", "timer"),
    "minutter": ("minutt", "minutter"),
}


def formater_parameterverdi(parameter: Parameter, dato: date | None = None) -> str:
    """A parameter's value with its unit, for tables and diffs: ``10 %``, ``5 skoledager``."""
    verdi = parameter.verdi_paa(dato)
    tekst = formater_verdi(verdi, parameter.enhet)
    ord_ = _ENHETSORD.get(parameter.enhet)
    if ord_ and isinstance(verdi, int | float) and not isinstance(verdi, bool):
        tekst = f"{tekst} {ord_[0] if verdi == 1 else ord_[1]}"
    return tekst


def formater_dato(dato: date) -> str:
    """A date the way a Norwegian document writes it: ``15. august 2022``."""
    return f"{dato.day}. {MAANEDER[dato.month - 1]} {dato.year}"


# --------------------------------------------------------------------------- view model


@attrs.frozen
class Rutineomtale:
    """One routine on the front page: name, municipality, version and dates."""

    id: str
    navn: str
    kommune: str
    versjon: str
    gyldig_fra: str
    neste_revisjon: str

    @property
    def html_id(self) -> str:
        return f"rutine-{self.id}"


@attrs.frozen
class Dokumentrad:
    """One HVA / NÅR / ANSVAR / INNHOLD row, texts rendered, roles by name."""

    rutine: str
    seksjon: str
    id: str
    hva: str
    naar: str
    ansvar: str
    roller: tuple[str, ...]
    innhold: str

    @property
    def html_id(self) -> str:
        return f"rad-{self.rutine}-{self.seksjon}-{self.id}"


@attrs.frozen
class Dokumenttabell:
    """One table of the document (one section of one routine)."""

    rutine: str
    id: str
    tittel: str
    rader: tuple[Dokumentrad, ...]

    @property
    def html_id(self) -> str:
        return f"tabell-{self.rutine}-{self.id}"


@attrs.frozen
class Dokumentbrev:
    """A letter template of a vedlegg, text rendered."""

    id: str
    tittel: str
    tekst: str


@attrs.frozen
class Dokumentvedlegg:
    """A vedlegg of a routine: question, introduction, steps, exceptions and letters, texts rendered.

    ``i_dokumentet`` is False for a vedlegg without a number (the national limit): it is not one of
    the document's vedlegg and is shown under :data:`TILLEGGSOVERSKRIFT`.
    """

    rutine: str
    id: str
    tittel: str
    innledning: str
    steg: tuple[str, ...]
    unntak: tuple[str, ...]
    brev: tuple[Dokumentbrev, ...]
    sporsmaal: str = ""
    i_dokumentet: bool = True

    @property
    def html_id(self) -> str:
        return f"vedlegg-{self.rutine}-{self.id}"


@attrs.frozen
class Parameterlinje:
    """One row of the parameter table (value formatted by its unit)."""

    navn: str
    verdi: str
    beskrivelse: str
    lokal_presisering: bool
    hjemmel: str
    kilde: str
    merknad: str


@attrs.frozen
class Parametertabell:
    """The parameters of one routine."""

    rutine: str
    tittel: str
    linjer: tuple[Parameterlinje, ...]

    @property
    def html_id(self) -> str:
        return f"parametere-{self.rutine}"


@attrs.frozen
class Dokument:
    """Everything the document shows, in order, with every text ready to print."""

    tittel: str
    utgiver: str
    aar: str
    rutiner: tuple[Rutineomtale, ...]
    tabeller: tuple[Dokumenttabell, ...]
    vedlegg: tuple[Dokumentvedlegg, ...]
    sjekklister: tuple[Sjekkliste, ...]
    tidlige_tegn: tuple[TidligeTegn, ...]
    parametere: tuple[Parametertabell, ...]
    andre_vedlegg: tuple[VedleggReferanse, ...]
    #: the introduction to the early signs (paragraphs), "" when the shared file has none
    tidlige_tegn_innledning: str = ""
    #: ids of the checklists whose ``kortnavn`` some table row actually writes
    kortnavn_i_tabellene: frozenset[str] = frozenset()

    @property
    def antall_rader(self) -> int:
        return sum(len(t.rader) for t in self.tabeller)

    @property
    def dokumentvedlegg(self) -> tuple[Dokumentvedlegg, ...]:
        """The vedlegg that are the document's own (numbered), in order."""
        return tuple(v for v in self.vedlegg if v.i_dokumentet)

    @property
    def tillegg(self) -> tuple[Dokumentvedlegg, ...]:
        """The vedlegg that are not in the document (no number), shown after its material."""
        return tuple(v for v in self.vedlegg if not v.i_dokumentet)


def _unike_felles(rutiner: Iterable[Rutine]) -> list[Felles]:
    # Felles holds mappings (unhashable), so compare by equality.
    unike: list[Felles] = []
    for r in rutiner:
        if r.felles not in unike:
            unike.append(r.felles)
    return unike


def _kortnavn_i_tabellene(sjekklister: Iterable[Sjekkliste], tabeller: Iterable[Dokumenttabell]) -> frozenset[str]:
    """Ids of the checklists whose short name stands in some row's text (``-Sjekkliste skole``).

    A short name no row writes (``Sjekkliste system``) is not "the tables' name" for anything.
    """
    tekster = [f for t in tabeller for rad in t.rader for f in (rad.hva, rad.naar, rad.ansvar, rad.innhold)]
    brukte = set()
    for s in sjekklister:
        navn = re.compile(rf"(?<!\w){re.escape(s.kortnavn)}(?!\w)", re.IGNORECASE)
        if any(navn.search(tekst) for tekst in tekster):
            brukte.add(s.id)
    return frozenset(brukte)


def _tekst(rutine: Rutine, mal: str) -> str:
    """A text with its ``{parameter}`` placeholders as the document shows them: the value in force
    on the routine's ``gyldig_fra``, followed by each later dated value, e.g.
    ``10 % (fra 1. august 2030: 8 %)``. (The newest value alone would show a future value as if it
    applied already.)"""

    def bytt(m: re.Match[str]) -> str:
        p = rutine.parametere.get(m.group(1))
        if p is None:
            return m.group(0)
        tekst = p.formater(rutine.gyldig_fra)
        vist = p.gjeldende(rutine.gyldig_fra)  # (the first value when none is in force yet)
        senere = [
            (v.fra, v.verdi) for v in p.verdier if v.fra is not None and v.fra > rutine.gyldig_fra and v is not vist
        ]
        if senere:
            endringer = (f"fra {formater_dato(fra)}: {formater_verdi(verdi, p.enhet)}" for fra, verdi in senere)
            tekst += f" ({'; '.join(endringer)})"
        return tekst

    return PLASSHOLDER.sub(bytt, mal)


def _parameterverdi(p: Parameter) -> tuple[str, str]:
    """(value, legal basis) of a parameter as shown in the table; dated values one per line."""
    if len(p.verdier) == 1 and p.verdier[0].fra is None:
        return formater_parameterverdi(p), p.hjemmel or ""
    verdier: list[str] = []
    hjemler: list[str] = [p.hjemmel] if p.hjemmel else []
    for v in p.verdier:
        fra = f"Fra {formater_dato(v.fra)}" if v.fra else "Alltid"
        verdier.append(f"{fra}: {formater_parameterverdi(p, v.fra)}")
        if v.hjemmel:
            hjemler.append(f"{fra}: {v.hjemmel}")
    return "\n".join(verdier), "\n".join(hjemler)


def _parametertabell(rutine: Rutine) -> Parametertabell:
    linjer = []
    for p in rutine.parametere.values():
        verdi, hjemmel = _parameterverdi(p)
        linjer.append(
            Parameterlinje(
                navn=p.navn,
                verdi=verdi,
                beskrivelse=_tekst(rutine, p.beskrivelse),
                lokal_presisering=p.lokal_presisering,
                hjemmel=hjemmel,
                kilde=p.kilde or "",
                merknad=_tekst(rutine, p.merknad) if p.merknad else "",
            )
        )
    return Parametertabell(rutine=rutine.id, tittel=rutine.navn, linjer=tuple(linjer))


def bygg_dokument(rutiner: Sequence[Rutine]) -> Dokument:
    """The view model of the document for ``rutiner`` (in the order given)."""
    forste_kilde = rutiner[0].kilde if rutiner else {}
    tabeller: list[Dokumenttabell] = []
    vedlegg: list[Dokumentvedlegg] = []
    for rutine in rutiner:
        for seksjon in rutine.seksjoner:
            rader = tuple(
                Dokumentrad(
                    rutine=rutine.id,
                    seksjon=seksjon.id,
                    id=rad.id,
                    hva=_tekst(rutine, rad.hva),
                    naar=_tekst(rutine, rad.naar),
                    ansvar=_tekst(rutine, rad.ansvar_tekst),
                    roller=tuple(rutine.felles.rollenavn(r) for r in rad.roller),
                    innhold=_tekst(rutine, rad.innhold),
                )
                for rad in seksjon.rader
            )
            tabeller.append(Dokumenttabell(rutine=rutine.id, id=seksjon.id, tittel=seksjon.tittel, rader=rader))
        for v in rutine.vedlegg:
            tittel = f"Vedlegg {v.nummer}: {v.tittel}" if v.nummer is not None else v.tittel
            vedlegg.append(
                Dokumentvedlegg(
                    rutine=rutine.id,
                    id=v.id,
                    tittel=tittel,
                    innledning=_tekst(rutine, v.innledning),
                    sporsmaal=_tekst(rutine, v.sporsmaal),
                    i_dokumentet=v.nummer is not None,
                    steg=tuple(_tekst(rutine, s.tekst) for s in v.steg),
                    unntak=tuple(_tekst(rutine, u.tekst) for u in v.unntak),
                    brev=tuple(
                        Dokumentbrev(id=b.id, tittel=b.tittel, tekst=_tekst(rutine, b.tekst).strip()) for b in v.brev
                    ),
                )
            )
    felles = _unike_felles(rutiner)
    sjekklister = tuple(s for f in felles for s in f.sjekklister.values())
    return Dokument(
        tittel=str(forste_kilde.get("dokument") or _STANDARDTITTEL),
        utgiver=str(forste_kilde.get("utgiver") or ""),
        aar=str(forste_kilde.get("aar") or ""),
        rutiner=tuple(
            Rutineomtale(
                id=r.id,
                navn=r.navn,
                kommune=r.kommune,
                versjon=r.versjon,
                gyldig_fra=formater_dato(r.gyldig_fra),
                neste_revisjon=formater_dato(r.neste_revisjon),
            )
            for r in rutiner
        ),
        tabeller=tuple(tabeller),
        vedlegg=tuple(vedlegg),
        sjekklister=sjekklister,
        tidlige_tegn=tuple(t for f in felles for t in f.tidlige_tegn),
        parametere=tuple(_parametertabell(r) for r in rutiner if r.parametere),
        andre_vedlegg=tuple(v for f in felles for v in f.vedlegg),
        # one paragraph per distinct introduction (two shared files may have the same one)
        tidlige_tegn_innledning="\n\n".join(
            dict.fromkeys(f.tidlige_tegn_innledning for f in felles if f.tidlige_tegn_innledning)
        ),
        kortnavn_i_tabellene=_kortnavn_i_tabellene(sjekklister, tabeller),
    )


# --------------------------------------------------------------------------- HTML


def _miljo() -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 - only the HTML document needs it

    return jinja2.Environment(
        loader=jinja2.PackageLoader("fravarsregler", "_maler"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(rutiner: Iterable[Rutine]) -> str:
    """One self-contained, printable HTML file with the routines as the document."""
    mal = _miljo().get_template("dokument.html.j2")
    return mal.render(d=bygg_dokument(tuple(rutiner)), overskrift=_OVERSKRIFTER)


# --------------------------------------------------------------------------- Markdown

# Backslash-escape every character Markdown could read as inline markup or as a table
# border (CommonMark allows a backslash before any ASCII punctuation).
_MD_SPESIELLE = re.compile(r"([\\`*_\[\]<>#|~])")
# What would start a block at the beginning of a line: a list item, a heading underline.
_MD_LINJESTART = re.compile(r"^([ \t]*)(?:([-+=])|(\d+)([.)]))", re.MULTILINE)


def _linjestart(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def _md_inline(tekst: str) -> str:
    """Escape ``tekst`` for Markdown inline content, such as a table cell."""
    return _MD_SPESIELLE.sub(r"\\\1", tekst)


def _md(tekst: str) -> str:
    """Escape ``tekst`` for a paragraph or list item (also what would start a block)."""
    return _MD_LINJESTART.sub(_linjestart, _md_inline(tekst))


def _md_linje(tekst: str) -> str:
    """One line (a heading, a list item): escaped, inner line breaks as ``<br>``."""
    return "<br>".join(_md(linje.strip()) for linje in tekst.strip().splitlines())


def _md_celle(tekst: str) -> str:
    """A table cell: escaped, line breaks as ``<br>`` (a pipe table row is one line)."""
    return "<br>".join(_md_inline(linje.strip()) for linje in tekst.strip().splitlines())


def _md_avsnitt(tekst: str) -> str:
    """Paragraphs: escaped, single line breaks kept as ``<br>``, blank lines between paragraphs."""
    avsnitt = re.split(r"\n\s*\n", tekst.strip())
    return "\n\n".join("<br>\n".join(_md(linje) for linje in a.splitlines()) for a in avsnitt)


def _md_tabell(overskrifter: Sequence[str], rader: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table from raw header texts and already escaped cells."""
    linjer = [
        "| " + " | ".join(_md_celle(o) for o in overskrifter) + " |",
        "|" + "|".join(" --- " for _ in overskrifter) + "|",
    ]
    linjer.extend("| " + " | ".join(c or " " for c in rad) + " |" for rad in rader)
    return linjer


def _md_ansvar(rad: Dokumentrad) -> str:
    celle = _md_celle(rad.ansvar)
    if rad.roller:
        celle += "<br>*Roller: " + _md_inline(", ".join(rad.roller)) + "*"
    return celle


def render_markdown(rutiner: Iterable[Rutine]) -> str:
    """The routines as Markdown with GitHub-style pipe tables, for an intranet wiki."""
    d = bygg_dokument(tuple(rutiner))
    ut: list[str] = [f"# {_md_linje(d.tittel)}", ""]
    if d.utgiver:
        ut += [_md(f"{d.utgiver}, {d.aar}" if d.aar else d.utgiver), ""]
    ut += _md_tabell(
        ("Rutine", "Kommune", "Versjon", "Gyldig fra", "Neste revisjon"),
        (
            tuple(_md_celle(c) for c in (r.navn, r.kommune, r.versjon, r.gyldig_fra, r.neste_revisjon))
            for r in d.rutiner
        ),
    )
    ut.append("")
    if d.tabeller:
        ut += [f"## {_md_linje(TABELLOVERSKRIFT)}", ""]
    for t in d.tabeller:
        ut += [f"### {_md_linje(t.tittel)}", ""]
        ut += _md_tabell(
            ("HVA", "NÅR", "ANSVAR", "INNHOLD"),
            ((_md_celle(rad.hva), _md_celle(rad.naar), _md_ansvar(rad), _md_celle(rad.innhold)) for rad in t.rader),
        )
        ut.append("")
    for v in d.dokumentvedlegg:
        ut += _md_vedlegg(v, 2)
    if d.sjekklister:
        ut += [f"## {_md_linje(SJEKKLISTEOVERSKRIFT)}", ""]
        for s in d.sjekklister:
            ut += [f"### {_md_linje(s.tittel)}", ""]
            if s.id in d.kortnavn_i_tabellene:
                ut += [f"Kortnavn i tabellene: «{_md_inline(s.kortnavn)}».", ""]
            for g in s.grupper:
                if g.tittel:
                    ut += [f"#### {_md_linje(g.tittel)}", ""]
                ut += [f"- {_md_linje(p)}" for p in g.punkter]
                ut.append("")
    if d.tidlige_tegn or d.tidlige_tegn_innledning:
        ut += [f"## {_md_linje(TIDLIGE_TEGN_OVERSKRIFT)}", ""]
        if d.tidlige_tegn_innledning:
            ut += [_md_avsnitt(d.tidlige_tegn_innledning), ""]
        for tegn in d.tidlige_tegn:
            ut += [f"### {_md_linje(tegn.tittel)}", ""]
            ut += [f"- {_md_linje(p)}" for p in tegn.punkter]
            ut.append("")
    if d.andre_vedlegg:
        ut += ["## Andre vedlegg", ""]
        for ref in d.andre_vedlegg:
            merk = "" if ref.innhold_i_kilden else " (innholdet står ikke i dokumentet)"
            ut.append(f"- Vedlegg {ref.nummer}: {_md_inline(ref.tittel)}{merk}")
        ut.append("")
    if d.tillegg:
        ut += [f"## {_md_linje(TILLEGGSOVERSKRIFT)}", ""]
        for v in d.tillegg:
            ut += _md_vedlegg(v, 3)
    if d.parametere:
        ut += ["## Parametere", ""]
        ut += [
            "Tallene og valgene reglene bygger på. «Lokal presisering» betyr at verdien ikke står "
            "i dokumentet og må bekreftes ved neste revisjon.",
            "",
        ]
        for pt in d.parametere:
            ut += [f"### {_md_linje(pt.tittel)}", ""]
            ut += _md_tabell(
                ("Parameter", "Verdi", "Beskrivelse", "Lokal presisering", "Hjemmel"),
                (
                    (
                        f"`{p.navn}`",
                        _md_celle(p.verdi),
                        _md_celle(_beskrivelse_med_merknad(p)),
                        "**Lokal presisering**" if p.lokal_presisering else "",
                        _md_celle(p.hjemmel),
                    )
                    for p in pt.linjer
                ),
            )
            ut.append("")
    return "\n".join(ut).rstrip("\n") + "\n"


def _md_vedlegg(v: Dokumentvedlegg, niva: int) -> list[str]:
    """A vedlegg with its heading at level ``niva`` and its parts one level below."""
    h, under = "#" * niva, "#" * (niva + 1)
    ut = [f"{h} {_md_linje(v.tittel)}", ""]
    if v.sporsmaal:
        ut += [f"{under} {_md_linje(v.sporsmaal)}", ""]
    if v.innledning:
        ut += [_md_avsnitt(v.innledning), ""]
    if v.steg:
        ut += [f"{under} {STEGOVERSKRIFT}", ""]
        ut += [f"{i}. {_md_linje(s)}" for i, s in enumerate(v.steg, start=1)]
        ut.append("")
    if v.unntak:
        ut += [f"{under} {UNNTAKSOVERSKRIFT}", ""]
        ut += [f"- {_md_linje(u)}" for u in v.unntak]
        ut.append("")
    for b in v.brev:
        ut += [f"{under} Brevmal: {_md_inline(b.tittel)}", ""]
        ut += ["> " + linje if linje else ">" for linje in _md_avsnitt(b.tekst).splitlines()]
        ut.append("")
    return ut


def _beskrivelse_med_merknad(p: Parameterlinje) -> str:
    deler = [p.beskrivelse]
    if p.kilde:
        deler.append(f"Kilde: {p.kilde}")
    if p.merknad:
        deler.append(f"Merknad: {p.merknad}")
    return "\n".join(deler)
