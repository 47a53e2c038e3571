"""Compare two versions of a routine: what a revision changed, row by row and word by word.

:func:`diff_felles` does the same for the shared file (``felles.yaml``: roles, checklists, early
signs, vedlegg titles), where roles, checklists and early signs are matched by id, vedlegg by
number, checklist groups by position and their points (which have no ids) by their text.

:func:`diff_routines` is pure: it takes two loaded routines and returns a :class:`Rutinediff`,
a list of :class:`Endring` value objects, each at a path (``sti``) such as
``seksjoner/trinn-1-4/rader/vegring/naar``. Sections and rows are matched by (section id, row
id), rules by rule id, steps, exceptions and letters by their ids, parameters by name. Texts are
compared as written in the file (``{bekymring_terskel}`` stays a placeholder), so changing a
parameter shows up once, as the parameter, and not in every text that renders it.

:func:`diff_skoleruter` compares two school calendars (``skolerute``): semesters by id, days off
by name, extra school days and pinned deadlines, and what follows from them: the school days of
each semester, the denominator of the absence share.

:func:`skriv_tekst` and :func:`som_json` turn a diff into Norwegian text for the staff who
approve a revision, or into plain data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Final, Literal, TypeAlias, TypeVar

import attrs

from ._dokument import formater_parameterverdi
from ._meldinger import RARE_MELLOMROM, synlig, vis_tegn
from ._model import (
    Felles,
    Frist,
    Mottaker,
    Parameter,
    Rad,
    Regel,
    Rolle,
    Rutine,
    Seksjon,
    Sjekkliste,
    Sjekklistegruppe,
    TidligeTegn,
    Utloser,
    Vedlegg,
    VedleggReferanse,
)
from ._skolerute import Fridag, Semester, Skolerute

__all__ = [
    "Endring",
    "Fellesdiff",
    "Rutinediff",
    "Skolerutediff",
    "Tekstbit",
    "diff_felles",
    "diff_routines",
    "diff_skoleruter",
    "ordforskjell",
    "skriv_tekst",
    "som_json",
]

Verdi: TypeAlias = str | int | float | bool | tuple[str, ...]
Endringstype: TypeAlias = Literal["lagt_til", "fjernet", "endret"]
Op: TypeAlias = Literal["lik", "fjernet", "lagt_til"]
T = TypeVar("T")


@attrs.frozen
class Tekstbit:
    """A piece of a word-by-word text comparison: unchanged (``lik``), removed or added."""

    op: Op
    tekst: str


@attrs.frozen
class Endring:
    """One difference between two versions of a routine, a shared file or a school calendar.

    ``sti`` names the place (``parametere/bekymring_terskel/verdi``); ``type`` is ``lagt_til``,
    ``fjernet`` or ``endret``; ``gammel`` and ``ny`` are the values as shown to a reader
    (parameter values formatted with their unit, dates as ``YYYY-MM-DD``; for an added or
    removed item, a one-line summary). ``tekstdiff`` compares a changed text word by word;
    ``innhold`` lists the fields of an added or removed item (label, text).
    """

    sti: str
    type: Endringstype
    gammel: Verdi | None = None
    ny: Verdi | None = None
    tekstdiff: tuple[Tekstbit, ...] = ()
    innhold: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "sti": self.sti,
            "type": self.type,
            "gammel": _json_verdi(self.gammel),
            "ny": _json_verdi(self.ny),
            "tekstdiff": [{"op": b.op, "tekst": b.tekst} for b in self.tekstdiff],
            "innhold": dict(self.innhold),
        }


def _json_verdi(verdi: Verdi | None) -> object:
    return list(verdi) if isinstance(verdi, tuple) else verdi


class _Endringene:
    """What both kinds of diff offer on their ``endringer``."""

    __slots__ = ()
    endringer: tuple[Endring, ...]

    @property
    def tom(self) -> bool:
        """True when the two versions are the same."""
        return not self.endringer

    def under(self, prefiks: str) -> tuple[Endring, ...]:
        """The changes at ``prefiks`` or below it (``seksjoner/trinn-1-4``, ``roller/ppt``)."""
        return tuple(e for e in self.endringer if e.sti == prefiks or e.sti.startswith(prefiks + "/"))


@attrs.frozen
class Rutinediff(_Endringene):
    """Every difference between two versions of a routine, in document order."""

    gammel: Rutine
    ny: Rutine
    endringer: tuple[Endring, ...]

    @property
    def metadata(self) -> tuple[Endring, ...]:
        return tuple(e for e in self.endringer if _gruppe(e) == "metadata")

    @property
    def parametere(self) -> tuple[Endring, ...]:
        return tuple(e for e in self.endringer if _gruppe(e) == "parametere")

    @property
    def tabeller(self) -> tuple[Endring, ...]:
        """Changes to the tables themselves: added, removed, retitled, reordered."""
        return tuple(e for e in self.endringer if _gruppe(e) == "tabeller")

    @property
    def rader_lagt_til(self) -> tuple[Endring, ...]:
        return tuple(e for e in self.endringer if _gruppe(e) == "rader" and e.type == "lagt_til")

    @property
    def rader_fjernet(self) -> tuple[Endring, ...]:
        return tuple(e for e in self.endringer if _gruppe(e) == "rader" and e.type == "fjernet")

    @property
    def endrede_rader(self) -> tuple[tuple[str, str, tuple[Endring, ...]], ...]:
        """(section id, row id, changes) for each row present in both versions that changed."""
        grupper: dict[tuple[str, str], list[Endring]] = {}
        for e in self.endringer:
            if _gruppe(e) == "radfelt":
                deler = e.sti.split("/")
                grupper.setdefault((deler[1], deler[3]), []).append(e)
        return tuple((s, r, tuple(es)) for (s, r), es in grupper.items())

    @property
    def vedlegg(self) -> tuple[Endring, ...]:
        return tuple(e for e in self.endringer if _gruppe(e) == "vedlegg")


@attrs.frozen
class Fellesdiff(_Endringene):
    """Every difference between two versions of the shared file, in file order."""

    gammel: Felles
    ny: Felles
    endringer: tuple[Endring, ...]


@attrs.frozen
class Skolerutediff(_Endringene):
    """Every difference between two school calendars, in file order, then the school days that
    follow from them (paths ``skoledager/<semester id>``)."""

    gammel: Skolerute
    ny: Skolerute
    endringer: tuple[Endring, ...]


_METADATA: Final = ("id", "navn", "kommune", "versjon", "gyldig_fra", "neste_revisjon", "trinn")


def _gruppe(e: Endring) -> str:
    deler = e.sti.split("/")
    if deler[0] == "parametere":
        return "parametere"
    if deler[0] == "vedlegg":
        return "vedlegg"
    if deler[0] == "seksjoner":
        if len(deler) == 4 and deler[2] == "rader":
            return "rader"
        if len(deler) > 4 and deler[2] == "rader":
            return "radfelt"
        return "tabeller"
    return "metadata"


# --------------------------------------------------------------------------- word diff

_ORD = re.compile(r"\s+|[^\s]+")


def ordforskjell(gammel: str, ny: str) -> tuple[Tekstbit, ...]:
    """Compare two texts word by word.

    The ``lik`` and ``fjernet`` pieces joined give ``gammel``; ``lik`` and ``lagt_til`` give
    ``ny``. A change is kept in one piece: "[-Samme dag-]{+Innen to dager+}", not word by word
    with the spaces between as unchanged pieces.
    """
    a, b = _ORD.findall(gammel), _ORD.findall(ny)
    # Raw pieces; "begge" marks text that belongs to both the removed and the added side.
    raa: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            raa.append(("lik", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raa.append(("fjernet", "".join(a[i1:i2])))
        if j2 > j1:
            raa.append(("lagt_til", "".join(b[j1:j2])))
    # Whitespace alone between two changes belongs to the change, on both sides.
    for i in range(1, len(raa) - 1):
        op, tekst = raa[i]
        if op == "lik" and not tekst.strip() and raa[i - 1][0] != "lik" and raa[i + 1][0] != "lik":
            raa[i] = ("begge", tekst)
    bits: list[Tekstbit] = []
    fjernet: list[str] = []
    lagt_til: list[str] = []
    for op, tekst in [*raa, ("lik", "")]:
        if op == "lik":
            if fjernet:
                bits.append(Tekstbit("fjernet", "".join(fjernet)))
            if lagt_til:
                bits.append(Tekstbit("lagt_til", "".join(lagt_til)))
            fjernet.clear()
            lagt_til.clear()
            if tekst:
                bits.append(Tekstbit("lik", tekst))
            continue
        if op in ("fjernet", "begge"):
            fjernet.append(tekst)
        if op in ("lagt_til", "begge"):
            lagt_til.append(tekst)
    return tuple(bits)


# --------------------------------------------------------------------------- comparison


def _vis(verdi: object) -> Verdi | None:
    """A model value as shown in a diff: dates as ISO text, lists as tuples of text."""
    if verdi is None or isinstance(verdi, str | bool | int | float):
        return verdi
    if isinstance(verdi, date):
        return verdi.isoformat()
    if isinstance(verdi, tuple | list):
        return tuple(str(v) for v in verdi)
    return str(verdi)


class _Samler:
    """Collects changes while walking two versions side by side."""

    def __init__(self) -> None:
        self.endringer: list[Endring] = []

    def verdi(self, sti: str, gammel: object, ny: object) -> None:
        """Compare one field; ``None`` on one side means the field is added or removed."""
        if gammel == ny:
            return
        g, n = _vis(gammel), _vis(ny)
        if g is None:
            self.endringer.append(Endring(sti, "lagt_til", ny=n))
        elif n is None:
            self.endringer.append(Endring(sti, "fjernet", gammel=g))
        else:
            tekstdiff = ordforskjell(g, n) if isinstance(g, str) and isinstance(n, str) else ()
            self.endringer.append(Endring(sti, "endret", gammel=g, ny=n, tekstdiff=tekstdiff))

    def vist(self, sti: str, gammel: tuple[str, str], ny: tuple[str, str], endret: bool) -> None:
        """A change shown formatted, or as written in the file when both look alike formatted.

        ``gammel`` and ``ny`` are (formatted, as written) pairs.
        """
        if not endret:
            return
        indeks = 0 if gammel[0] != ny[0] else 1
        self.endringer.append(Endring(sti, "endret", gammel=gammel[indeks], ny=ny[indeks]))

    def lagt_til(self, sti: str, sammendrag: str, innhold: Iterable[tuple[str, str]]) -> None:
        self.endringer.append(Endring(sti, "lagt_til", ny=sammendrag, innhold=tuple(innhold)))

    def fjernet(self, sti: str, sammendrag: str, innhold: Iterable[tuple[str, str]]) -> None:
        self.endringer.append(Endring(sti, "fjernet", gammel=sammendrag, innhold=tuple(innhold)))

    def rekkefolge(self, sti: str, gamle: Sequence[str], nye: Sequence[str]) -> None:
        """Report a new order of the items present in both versions (not mere additions)."""
        felles_gamle = [x for x in gamle if x in set(nye)]
        felles_nye = [x for x in nye if x in set(gamle)]
        if felles_gamle != felles_nye:
            self.endringer.append(Endring(sti, "endret", gammel=tuple(felles_gamle), ny=tuple(felles_nye)))


def _par(gamle: Sequence[T], nye: Sequence[T], nokkel: Callable[[T], str]) -> Iterator[tuple[str, T | None, T | None]]:
    """Items matched by key, (key, old or None, new or None): the old order first, then the
    items only in the new version, in their order."""
    nye_etter = {nokkel(x): x for x in nye}
    gamle_etter = {nokkel(x): x for x in gamle}
    for x in gamle:
        yield nokkel(x), x, nye_etter.get(nokkel(x))
    for x in nye:
        if nokkel(x) not in gamle_etter:
            yield nokkel(x), None, x


def diff_routines(gammel: Rutine, ny: Rutine) -> Rutinediff:
    """Every difference between two versions of a routine (pure; no files are read)."""
    s = _Samler()
    _metadata(s, gammel, ny)
    _parametere(s, gammel, ny)
    _seksjoner(s, gammel, ny)
    _alle_vedlegg(s, gammel, ny)
    return Rutinediff(gammel=gammel, ny=ny, endringer=tuple(s.endringer))


def _metadata(s: _Samler, gammel: Rutine, ny: Rutine) -> None:
    for felt in _METADATA:
        s.verdi(felt, getattr(gammel, felt), getattr(ny, felt))
    _mapping(s, "kilde", gammel.kilde, ny.kilde)


def _mapping(s: _Samler, sti: str, gammel: Mapping[str, object], ny: Mapping[str, object]) -> None:
    for nokkel in [*gammel, *(k for k in ny if k not in gammel)]:
        s.verdi(f"{sti}/{nokkel}", gammel.get(nokkel), ny.get(nokkel))


def _parameterverdier(p: Parameter, *, raa: bool = False) -> str:
    """A parameter's values formatted with their unit (or as written in the file, ``raa``)."""
    if len(p.verdier) == 1 and p.verdier[0].fra is None:
        return repr(p.verdier[0].verdi) if raa else formater_parameterverdi(p)
    deler = []
    for v in p.verdier:
        tekst = f"fra {v.fra.isoformat()}: " if v.fra else ""
        tekst += repr(v.verdi) if raa else formater_parameterverdi(p, v.fra)
        if v.hjemmel:
            tekst += f" ({v.hjemmel})"
        deler.append(tekst)
    return "; ".join(deler)


def _parameter_innhold(p: Parameter) -> Iterator[tuple[str, str]]:
    yield "verdi", _parameterverdier(p)
    yield "enhet", p.enhet
    yield "beskrivelse", p.beskrivelse
    if p.lokal_presisering:
        yield "lokal presisering", "ja"
    if p.hjemmel:
        yield "hjemmel", p.hjemmel


def _parametere(s: _Samler, gammel: Rutine, ny: Rutine) -> None:
    for navn, g, n in _par(list(gammel.parametere.values()), list(ny.parametere.values()), lambda p: p.navn):
        sti = f"parametere/{navn}"
        if g is None and n is not None:
            s.lagt_til(sti, _parameterverdier(n), _parameter_innhold(n))
        elif g is not None and n is None:
            s.fjernet(sti, _parameterverdier(g), _parameter_innhold(g))
        elif g is not None and n is not None:
            # Compare values without their per-value legal basis when undated (that is `hjemmel`).
            raa_g = [(v.fra, v.verdi, v.hjemmel if v.fra else None) for v in g.verdier]
            raa_n = [(v.fra, v.verdi, v.hjemmel if v.fra else None) for v in n.verdier]
            s.vist(
                f"{sti}/verdi",
                (_parameterverdier(g), _parameterverdier(g, raa=True)),
                (_parameterverdier(n), _parameterverdier(n, raa=True)),
                endret=raa_g != raa_n,
            )
            for felt in ("enhet", "beskrivelse", "kilde", "hjemmel", "lokal_presisering", "merknad"):
                s.verdi(f"{sti}/{felt}", getattr(g, felt), getattr(n, felt))


def _rad_innhold(rad: Rad, felles: Felles) -> Iterator[tuple[str, str]]:
    yield "HVA", rad.hva
    yield "NÅR", rad.naar
    yield "ANSVAR", rad.ansvar_tekst
    yield "roller", ", ".join(felles.rollenavn(r) for r in rad.roller)
    yield "INNHOLD", rad.innhold
    if rad.sjekklister:
        yield "sjekklister", ", ".join(rad.sjekklister)
    if rad.merknad:
        yield "merknad", rad.merknad
    for regel in rad.regler:
        yield f"regel «{regel.id}»", regel.tiltak


def _seksjoner(s: _Samler, gammel: Rutine, ny: Rutine) -> None:
    s.rekkefolge("seksjoner", [x.id for x in gammel.seksjoner], [x.id for x in ny.seksjoner])
    for sid, g, n in _par(gammel.seksjoner, ny.seksjoner, lambda x: x.id):
        sti = f"seksjoner/{sid}"
        if g is None and n is not None:
            s.lagt_til(sti, n.tittel, [("tittel", n.tittel), ("trinn", ", ".join(n.trinn))])
        elif g is not None and n is None:
            s.fjernet(sti, g.tittel, [("tittel", g.tittel), ("trinn", ", ".join(g.trinn))])
        elif g is not None and n is not None:
            s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
            s.verdi(f"{sti}/trinn", g.trinn, n.trinn)
            s.rekkefolge(f"{sti}/rader", [r.id for r in g.rader], [r.id for r in n.rader])
        _rader(s, sti, g, n, gammel_felles=gammel.felles, ny_felles=ny.felles)


def _rader(
    s: _Samler, sti: str, gammel: Seksjon | None, ny: Seksjon | None, *, gammel_felles: Felles, ny_felles: Felles
) -> None:
    gamle = gammel.rader if gammel else ()
    nye = ny.rader if ny else ()
    for rid, g, n in _par(gamle, nye, lambda r: r.id):
        rsti = f"{sti}/rader/{rid}"
        if g is None and n is not None:
            s.lagt_til(rsti, n.hva, _rad_innhold(n, ny_felles))
        elif g is not None and n is None:
            s.fjernet(rsti, g.hva, _rad_innhold(g, gammel_felles))
        elif g is not None and n is not None:
            s.verdi(f"{rsti}/hva", g.hva, n.hva)
            s.verdi(f"{rsti}/naar", g.naar, n.naar)
            s.verdi(f"{rsti}/ansvar/tekst", g.ansvar_tekst, n.ansvar_tekst)
            s.verdi(f"{rsti}/ansvar/roller", g.roller, n.roller)
            s.verdi(f"{rsti}/innhold", g.innhold, n.innhold)
            s.verdi(f"{rsti}/sjekklister", g.sjekklister, n.sjekklister)
            s.verdi(f"{rsti}/merknad", g.merknad, n.merknad)
            _mapping(s, f"{rsti}/kilde", g.kilde, n.kilde)
            _regler(s, rsti, g.regler, n.regler)


def _regel_innhold(r: Regel) -> Iterator[tuple[str, str]]:
    yield "tiltak", r.tiltak
    yield "utløser", _sammendrag(r.utloser)
    yield "frist", _sammendrag(r.frist)
    yield "ansvar", ", ".join(r.ansvar)
    if r.mottaker:
        yield "mottaker", _sammendrag(r.mottaker)
    if r.merknad:
        yield "merknad", r.merknad


def _sammendrag(obj: Utloser | Frist | Mottaker) -> str:
    """The fields of a trigger, deadline or recipient that are set, as ``felt: verdi; ...``."""
    deler = []
    for felt in attrs.fields(type(obj)):
        verdi = getattr(obj, felt.name)
        if verdi in (None, ()) or (felt.default is not attrs.NOTHING and verdi == felt.default):
            continue
        vist = ", ".join(verdi) if isinstance(verdi, tuple) else str(verdi)
        deler.append(f"{felt.name}: {vist}")
    return "; ".join(deler)


# Rule fields compared one by one; the rest (id, where it stands, the derived source text
# "tabell, rad n") are identity or follow from the row's position.
_REGELFELT: Final = ("tiltak", "ansvar", "trinn", "brev", "sjekklister", "steg", "hjemmel", "merknad")


def _regler(s: _Samler, sti: str, gamle: Sequence[Regel], nye: Sequence[Regel]) -> None:
    s.rekkefolge(f"{sti}/regler", [r.id for r in gamle], [r.id for r in nye])
    for gid, g, n in _par(gamle, nye, lambda r: r.id):
        rsti = f"{sti}/regler/{gid}"
        if g is None and n is not None:
            s.lagt_til(rsti, n.tiltak, _regel_innhold(n))
        elif g is not None and n is None:
            s.fjernet(rsti, g.tiltak, _regel_innhold(g))
        elif g is not None and n is not None:
            s.verdi(f"{rsti}/tiltak", g.tiltak, n.tiltak)
            for objekt in ("utloser", "frist"):
                _felter(s, f"{rsti}/{objekt}", getattr(g, objekt), getattr(n, objekt))
            for felt in _REGELFELT[1:]:
                s.verdi(f"{rsti}/{felt}", getattr(g, felt), getattr(n, felt))
            if g.mottaker is None or n.mottaker is None:
                s.verdi(
                    f"{rsti}/mottaker",
                    _sammendrag(g.mottaker) if g.mottaker else None,
                    _sammendrag(n.mottaker) if n.mottaker else None,
                )
            else:
                _felter(s, f"{rsti}/mottaker", g.mottaker, n.mottaker)


def _felter(s: _Samler, sti: str, gammel: Utloser | Frist | Mottaker, ny: Utloser | Frist | Mottaker) -> None:
    for felt in attrs.fields(type(gammel)):
        s.verdi(f"{sti}/{felt.name}", getattr(gammel, felt.name), getattr(ny, felt.name))


def _vedlegg_innhold(v: Vedlegg) -> Iterator[tuple[str, str]]:
    yield "tittel", v.tittel
    if v.sporsmaal:
        yield "spørsmål", v.sporsmaal
    if v.innledning:
        yield "innledning", v.innledning
    for st in v.steg:
        yield f"steg {st.id}", st.tekst
    for u in v.unntak:
        yield f"unntak {u.id}", u.tekst
    for b in v.brev:
        yield f"brev {b.id}", b.tittel
    for r in v.regler:
        yield f"regel {r.id}", r.tiltak


def _alle_vedlegg(s: _Samler, gammel: Rutine, ny: Rutine) -> None:
    s.rekkefolge("vedlegg", [v.id for v in gammel.vedlegg], [v.id for v in ny.vedlegg])
    for vid, g, n in _par(gammel.vedlegg, ny.vedlegg, lambda v: v.id):
        sti = f"vedlegg/{vid}"
        if g is None and n is not None:
            s.lagt_til(sti, n.tittel, _vedlegg_innhold(n))
        elif g is not None and n is None:
            s.fjernet(sti, g.tittel, _vedlegg_innhold(g))
        elif g is not None and n is not None:
            _vedlegg(s, sti, g, n)


def _vedlegg(s: _Samler, sti: str, g: Vedlegg, n: Vedlegg) -> None:
    s.verdi(f"{sti}/nummer", g.nummer, n.nummer)
    s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
    s.verdi(f"{sti}/sporsmaal", g.sporsmaal, n.sporsmaal)
    s.verdi(f"{sti}/innledning", g.innledning, n.innledning)
    s.rekkefolge(f"{sti}/steg", [x.id for x in g.steg], [x.id for x in n.steg])
    for xid, gs, ns in _par(g.steg, n.steg, lambda x: x.id):
        ssti = f"{sti}/steg/{xid}"
        if gs is None and ns is not None:
            s.lagt_til(ssti, ns.tekst, [("tekst", ns.tekst)])
        elif gs is not None and ns is None:
            s.fjernet(ssti, gs.tekst, [("tekst", gs.tekst)])
        elif gs is not None and ns is not None:
            s.verdi(f"{ssti}/tekst", gs.tekst, ns.tekst)
    s.rekkefolge(f"{sti}/unntak", [x.id for x in g.unntak], [x.id for x in n.unntak])
    for xid, gu, nu in _par(g.unntak, n.unntak, lambda x: x.id):
        usti = f"{sti}/unntak/{xid}"
        if gu is None and nu is not None:
            s.lagt_til(usti, nu.tekst, [("tekst", nu.tekst), ("årsak", ", ".join(nu.arsak))])
        elif gu is not None and nu is None:
            s.fjernet(usti, gu.tekst, [("tekst", gu.tekst), ("årsak", ", ".join(gu.arsak))])
        elif gu is not None and nu is not None:
            for felt in ("tekst", "arsak", "tidlig_i_semesteret", "minst_sammenhengende_skoledager"):
                s.verdi(f"{usti}/{felt}", getattr(gu, felt), getattr(nu, felt))
    s.rekkefolge(f"{sti}/brev", [x.id for x in g.brev], [x.id for x in n.brev])
    for xid, gb, nb in _par(g.brev, n.brev, lambda x: x.id):
        bsti = f"{sti}/brev/{xid}"
        if gb is None and nb is not None:
            s.lagt_til(bsti, nb.tittel, [("tittel", nb.tittel), ("tekst", nb.tekst)])
        elif gb is not None and nb is None:
            s.fjernet(bsti, gb.tittel, [("tittel", gb.tittel), ("tekst", gb.tekst)])
        elif gb is not None and nb is not None:
            s.verdi(f"{bsti}/tittel", gb.tittel, nb.tittel)
            s.verdi(f"{bsti}/tekst", gb.tekst, nb.tekst)
    _regler(s, sti, g.regler, n.regler)


# --------------------------------------------------------------------------- the shared file


def diff_felles(gammel: Felles, ny: Felles) -> Fellesdiff:
    """Every difference between two versions of the shared file (pure; no files are read)."""
    s = _Samler()
    for felt in ("id", "versjon", "gyldig_fra"):
        s.verdi(felt, getattr(gammel, felt), getattr(ny, felt))
    _samling(
        s,
        "roller",
        list(gammel.roller.values()),
        list(ny.roller.values()),
        nokkel=lambda r: r.id,
        sammendrag=lambda r: r.navn,
        innhold=_rolle_innhold,
        sammenlign=_rolle,
    )
    _samling(
        s,
        "sjekklister",
        list(gammel.sjekklister.values()),
        list(ny.sjekklister.values()),
        nokkel=lambda x: x.id,
        sammendrag=lambda x: x.tittel,
        innhold=_sjekkliste_innhold,
        sammenlign=_sjekkliste,
    )
    s.verdi("tidlige_tegn_innledning", gammel.tidlige_tegn_innledning, ny.tidlige_tegn_innledning)
    _samling(
        s,
        "tidlige_tegn",
        gammel.tidlige_tegn,
        ny.tidlige_tegn,
        nokkel=lambda t: t.id,
        sammendrag=lambda t: t.tittel,
        innhold=_tegn_innhold,
        sammenlign=_tidlige_tegn,
    )
    _samling(
        s,
        "vedlegg",
        gammel.vedlegg,
        ny.vedlegg,
        nokkel=lambda v: str(v.nummer),
        sammendrag=lambda v: v.tittel,
        innhold=_vedleggreferanse_innhold,
        sammenlign=_vedleggreferanse,
    )
    return Fellesdiff(gammel=gammel, ny=ny, endringer=tuple(s.endringer))


def diff_skoleruter(gammel: Skolerute, ny: Skolerute) -> Skolerutediff:
    """Every difference between two school calendars (pure; no files are read).

    Semesters are matched by id, days off by name (a name used more than once, such as
    "Planleggingsdag", by its dates), extra school days by date and pinned deadlines by rule id.
    Then, per semester in both, the number of school days when it changed, with the days that
    stopped or started being school days (when both calendars are for the same school year).
    """
    s = _Samler()
    for felt in ("id", "kommune", "skoleaar", "merknad"):
        s.verdi(felt, getattr(gammel, felt), getattr(ny, felt))
    _samling(
        s,
        "semestre",
        gammel.semestre,
        ny.semestre,
        nokkel=lambda x: x.id,
        sammendrag=lambda x: x.navn,
        innhold=lambda x: [
            ("navn", x.navn),
            ("første skoledag", x.forste_skoledag.isoformat()),
            ("siste skoledag", x.siste_skoledag.isoformat()),
        ],
        sammenlign=_semester,
    )
    _fridager(s, gammel.fridager, ny.fridager)
    for d in sorted(set(gammel.ekstra_skoledager) ^ set(ny.ekstra_skoledager)):
        if d in ny.ekstra_skoledager:
            s.lagt_til(f"ekstra_skoledager/{d.isoformat()}", d.isoformat(), ())
        else:
            s.fjernet(f"ekstra_skoledager/{d.isoformat()}", d.isoformat(), ())
    for regel in [*gammel.frister, *(r for r in ny.frister if r not in gammel.frister)]:
        s.verdi(f"frister/{regel}", gammel.frister.get(regel), ny.frister.get(regel))
    samme_aar = gammel.skoleaar == ny.skoleaar
    nye_semestre = {sem.id: sem for sem in ny.semestre}
    for sem in gammel.semestre:
        nsem = nye_semestre.get(sem.id)
        if nsem is None:
            continue
        gdager, ndager = gammel.skoledager_i_semester(sem), ny.skoledager_i_semester(nsem)
        if gdager == ndager:
            continue
        sti = f"skoledager/{sem.id}"
        s.endringer.append(Endring(sti, "endret", gammel=len(gdager), ny=len(ndager)))
        if samme_aar:
            borte, nye = sorted(set(gdager) - set(ndager)), sorted(set(ndager) - set(gdager))
            if borte:
                s.fjernet(f"{sti}/dager", ", ".join(d.isoformat() for d in borte), ())
            if nye:
                s.lagt_til(f"{sti}/dager", ", ".join(d.isoformat() for d in nye), ())
    return Skolerutediff(gammel=gammel, ny=ny, endringer=tuple(s.endringer))


def _semester(s: _Samler, sti: str, g: Semester, n: Semester) -> None:
    for felt in ("navn", "forste_skoledag", "siste_skoledag"):
        s.verdi(f"{sti}/{felt}", getattr(g, felt), getattr(n, felt))


def _fridag_tekst(f: Fridag) -> str:
    return f.fra.isoformat() if f.fra == f.til else f"{f.fra.isoformat()}–{f.til.isoformat()}"


def _fridager(s: _Samler, gamle: Sequence[Fridag], nye: Sequence[Fridag]) -> None:
    """Days off matched by name; a name that stands more than once on a side is matched by dates."""
    navn = list(dict.fromkeys([f.navn for f in gamle] + [f.navn for f in nye]))
    for n in navn:
        g = [f for f in gamle if f.navn == n]
        ny_ = [f for f in nye if f.navn == n]
        if len(g) == 1 and len(ny_) == 1:
            if g[0] != ny_[0]:
                s.verdi(f"fridager/{n}", _fridag_tekst(g[0]), _fridag_tekst(ny_[0]))
            continue
        for f in g:
            if f not in ny_:
                s.fjernet(f"fridager/{n}", _fridag_tekst(f), ())
        for f in ny_:
            if f not in g:
                s.lagt_til(f"fridager/{n}", _fridag_tekst(f), ())


def _samling(
    s: _Samler,
    sti: str,
    gamle: Sequence[T],
    nye: Sequence[T],
    *,
    nokkel: Callable[[T], str],
    sammendrag: Callable[[T], str],
    innhold: Callable[[T], Iterable[tuple[str, str]]],
    sammenlign: Callable[[_Samler, str, T, T], None],
) -> None:
    """Items matched by key: added, removed, reordered, or compared field by field."""
    s.rekkefolge(sti, [nokkel(x) for x in gamle], [nokkel(x) for x in nye])
    for k, g, n in _par(gamle, nye, nokkel):
        isti = f"{sti}/{k}"
        if g is None and n is not None:
            s.lagt_til(isti, sammendrag(n), innhold(n))
        elif g is not None and n is None:
            s.fjernet(isti, sammendrag(g), innhold(g))
        elif g is not None and n is not None:
            sammenlign(s, isti, g, n)


def _punkter(s: _Samler, sti: str, gamle: Sequence[str], nye: Sequence[str]) -> None:
    """Points have no ids, so they are matched by text; a replaced point is shown word by word.

    A changed or added point is named by its number in the new version, a removed one by its
    number in the old version.
    """
    matcher = difflib.SequenceMatcher(a=gamle, b=nye, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        par = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(par):
            s.verdi(f"{sti}/{j1 + k + 1}", gamle[i1 + k], nye[j1 + k])
        for k in range(i1 + par, i2):
            s.fjernet(f"{sti}/{k + 1}", gamle[k], ())
        for k in range(j1 + par, j2):
            s.lagt_til(f"{sti}/{k + 1}", nye[k], ())


def _punkt_innhold(punkter: Sequence[str]) -> Iterator[tuple[str, str]]:
    for i, punkt in enumerate(punkter, start=1):
        yield f"punkt {i}", punkt


def _rolle_innhold(r: Rolle) -> Iterator[tuple[str, str]]:
    yield "navn", r.navn
    if r.beskrivelse:
        yield "beskrivelse", r.beskrivelse


def _rolle(s: _Samler, sti: str, g: Rolle, n: Rolle) -> None:
    s.verdi(f"{sti}/navn", g.navn, n.navn)
    s.verdi(f"{sti}/beskrivelse", g.beskrivelse, n.beskrivelse)


def _gruppe_innhold(gr: Sjekklistegruppe) -> Iterator[tuple[str, str]]:
    if gr.tittel:
        yield "tittel", gr.tittel
    yield from _punkt_innhold(gr.punkter)


def _sjekkliste_innhold(x: Sjekkliste) -> Iterator[tuple[str, str]]:
    yield "tittel", x.tittel
    yield "kortnavn", x.kortnavn
    for i, gr in enumerate(x.grupper, start=1):
        for navn, tekst in _gruppe_innhold(gr):
            yield f"gruppe {i}, {navn}", tekst


def _sjekkliste(s: _Samler, sti: str, g: Sjekkliste, n: Sjekkliste) -> None:
    s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
    s.verdi(f"{sti}/kortnavn", g.kortnavn, n.kortnavn)
    # groups have no ids either: matched by position
    _samling(
        s,
        f"{sti}/grupper",
        list(enumerate(g.grupper, start=1)),
        list(enumerate(n.grupper, start=1)),
        nokkel=lambda x: str(x[0]),
        sammendrag=lambda x: x[1].tittel or f"gruppe {x[0]} (uten tittel)",
        innhold=lambda x: _gruppe_innhold(x[1]),
        sammenlign=lambda s_, sti_, gx, nx: _sjekklistegruppe(s_, sti_, gx[1], nx[1]),
    )


def _sjekklistegruppe(s: _Samler, sti: str, g: Sjekklistegruppe, n: Sjekklistegruppe) -> None:
    s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
    _punkter(s, f"{sti}/punkter", g.punkter, n.punkter)


def _tegn_innhold(t: TidligeTegn) -> Iterator[tuple[str, str]]:
    yield "tittel", t.tittel
    yield from _punkt_innhold(t.punkter)


def _tidlige_tegn(s: _Samler, sti: str, g: TidligeTegn, n: TidligeTegn) -> None:
    s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
    _punkter(s, f"{sti}/punkter", g.punkter, n.punkter)


def _vedleggreferanse_innhold(v: VedleggReferanse) -> Iterator[tuple[str, str]]:
    yield "tittel", v.tittel
    yield "innhold i kilden", "ja" if v.innhold_i_kilden else "nei"


def _vedleggreferanse(s: _Samler, sti: str, g: VedleggReferanse, n: VedleggReferanse) -> None:
    s.verdi(f"{sti}/tittel", g.tittel, n.tittel)
    s.verdi(f"{sti}/innhold_i_kilden", g.innhold_i_kilden, n.innhold_i_kilden)


# --------------------------------------------------------------------------- reporting

# Collections whose items are named by id in a path ("regler/vegring-samme-dag").
_SAMLINGER: Final = {
    "seksjoner": ("tabell", "tabellene"),
    "rader": ("rad", "radene"),
    "regler": ("regel", "reglene"),
    "steg": ("steg", "stegene"),
    "unntak": ("unntak", "unntakene"),
    "brev": ("brev", "brevene"),
    "vedlegg": ("vedlegg", "vedleggene"),
    "parametere": ("parameter", "parameterne"),
    # the shared file
    "roller": ("rolle", "rollene"),
    "sjekklister": ("sjekkliste", "sjekklistene"),
    "grupper": ("gruppe", "gruppene"),
    "punkter": ("punkt", "punktene"),
    "tidlige_tegn": ("tidlige tegn", "de tidlige tegnene"),
}

_FELTNAVN: Final = {
    "sporsmaal": "spørsmål",
    "tidlige_tegn_innledning": "innledningen til de tidlige tegnene",
    "hva": "HVA",
    "naar": "NÅR",
    "innhold": "INNHOLD",
    "utloser": "utløser",
    "gyldig_fra": "gyldig fra",
    "neste_revisjon": "neste revisjon",
    "lokal_presisering": "lokal presisering",
    "arsak": "årsak",
    "maal": "mål",
    "tidlig_i_semesteret": "tidlig i semesteret",
    "minst_sammenhengende_skoledager": "minst sammenhengende skoledager",
    "minste_nevner": "minste nevner",
    "tellende_dokumentasjon": "tellende dokumentasjon",
    "under_18": "under 18 år",
    "fra_18": "fra 18 år",
    "kortnavn": "kortnavn",
    "innhold_i_kilden": "innhold i kilden",
    "fra_18_med_samtykke": "fra 18 år med samtykke",
}


def _etikett(sti: str) -> str:
    """A path (relative to what the reader already sees) as Norwegian words."""
    deler = sti.split("/") if sti else []
    ord_: list[str] = []
    i = 0
    while i < len(deler):
        del_ = deler[i]
        if del_ in _SAMLINGER:
            entall, flertall = _SAMLINGER[del_]
            if i + 1 < len(deler):
                ord_.append(f"{entall} «{deler[i + 1]}»")
                i += 2
                continue
            ord_.append(f"rekkefølgen på {flertall}")
        elif del_ == "ansvar" and i + 1 < len(deler) and deler[i + 1] in ("tekst", "roller"):
            ord_.append(f"ANSVAR ({deler[i + 1]})")
            i += 1
        else:
            ord_.append(_FELTNAVN.get(del_, del_.replace("_", " ")))
        i += 1
    return ", ".join(ord_)


# Fields that hold role ids; the text report shows the roles by name.
_ROLLEFELT: Final = frozenset({"roller", "ansvar", "under_18", "fra_18", "fra_18_med_samtykke"})


def _tekst(verdi: Verdi | None, felles: Felles | None = None) -> str:
    if verdi is None:
        return "(ingen)"
    if isinstance(verdi, bool):
        return "ja" if verdi else "nei"
    if isinstance(verdi, tuple):
        if felles is not None:
            verdi = tuple(felles.rollenavn(v) for v in verdi)
        return ", ".join(verdi) if verdi else "(ingen)"
    return str(verdi)


# Spaces that look like an ordinary one (a non-breaking space and its kin). In what changed they
# are shown as ⟨U+00A0⟩, so that a space made non-breaking is seen: "[- -]{+⟨U+00A0⟩+}", not two
# texts that look the same. Characters that do not show at all are shown everywhere (skriv_tekst).
_RART_MELLOMROM: Final = RARE_MELLOMROM


def _mellomrom_vist(tekst: str) -> str:
    return _RART_MELLOMROM.sub(lambda m: vis_tegn(m.group()), tekst)


def _ordforskjell_tekst(bits: Sequence[Tekstbit]) -> str:
    ut = []
    for b in bits:
        if b.op == "lik":
            ut.append(b.tekst)
        elif b.op == "fjernet":
            ut.append(f"[-{_mellomrom_vist(b.tekst)}-]")
        else:
            ut.append(f"{{+{_mellomrom_vist(b.tekst)}+}}")
    return "".join(ut)


def _innrykket(tekst: str, innrykk: str) -> str:
    """Continuation lines of a multi-line text indented under the first."""
    return tekst.rstrip("\n").replace("\n", "\n" + innrykk)


def _endringslinjer(e: Endring, etikett: str, innrykk: str, felles: Felles | None = None) -> list[str]:
    """The lines that show one change; ``etikett`` names it relative to its heading.

    ``felles`` (the role catalogue) is used when the changed field holds role ids.
    """
    fortsett = innrykk + "    "
    roller = felles if e.sti.rsplit("/", 1)[-1] in _ROLLEFELT else None
    if e.type in ("lagt_til", "fjernet"):
        tegn = "+" if e.type == "lagt_til" else "-"
        verdi = e.ny if e.type == "lagt_til" else e.gammel
        if not e.innhold:
            return [f"{innrykk}{tegn} {etikett}: {_innrykket(_tekst(verdi, roller), fortsett)}"]
        linjer = [f"{innrykk}{tegn} {etikett}"]
        linjer += [f"{fortsett}{navn}: {_innrykket(tekst, fortsett + '  ')}" for navn, tekst in e.innhold]
        return linjer
    er_tekst = isinstance(e.gammel, str) and isinstance(e.ny, str)
    if e.tekstdiff and er_tekst and (re.search(r"\s", str(e.gammel)) or re.search(r"\s", str(e.ny))):
        vist = _ordforskjell_tekst(e.tekstdiff)
    else:
        vist = f"{_mellomrom_vist(_tekst(e.gammel, roller))} → {_mellomrom_vist(_tekst(e.ny, roller))}"
    return [f"{innrykk}{etikett}: {_innrykket(vist, fortsett)}"]


def _flertall(antall: int, entall: str, flertall: str) -> str:
    return f"{antall} {entall if antall == 1 else flertall}"


def _overskrift(tittel: str) -> list[str]:
    return ["", tittel, "-" * len(tittel)]


def _seksjonstitler(diff: Rutinediff) -> dict[str, str]:
    titler = {s.id: s.tittel for s in diff.gammel.seksjoner}
    titler.update({s.id: s.tittel for s in diff.ny.seksjoner})
    return titler


def _radtekst(diff: Rutinediff, seksjon: str, rad: str) -> str:
    for rutine in (diff.ny, diff.gammel):
        for s in rutine.seksjoner:
            for r in s.rader:
                if s.id == seksjon and r.id == rad:
                    return r.hva
    return ""


def skriv_tekst(diff: Rutinediff | Fellesdiff | Skolerutediff) -> str:
    """The diff as Norwegian text for the staff who approve a revision.

    Characters that do not show (a zero-width space, a soft hyphen) are shown as ⟨U+200B⟩, so a
    change that is only such a character is seen; so are odd spaces (⟨U+00A0⟩) in what changed.
    """
    if isinstance(diff, Skolerutediff):
        return synlig(_skriv_skolerute(diff))
    return synlig(_skriv_felles(diff) if isinstance(diff, Fellesdiff) else _skriv_rutine(diff))


def _innledning(tittel: str, gammel: str, ny: str) -> list[str]:
    return [tittel, f"  Gammel: {gammel}", f"  Ny:     {ny}"]


def _versjonslinje(r: Rutine | Felles) -> str:
    return f"versjon {r.versjon}, gyldig fra {r.gyldig_fra.isoformat()} ({r.fil})"


def _ingen_forskjeller(ut: list[str], hva: str) -> str:
    return "\n".join([*ut, "", f"Ingen forskjeller: {hva} har samme innhold."]) + "\n"


def _skriv_rutine(diff: Rutinediff) -> str:
    g, n = diff.gammel, diff.ny
    ut = _innledning(f"Rutine «{n.id}» ({n.navn})", _versjonslinje(g), _versjonslinje(n))
    if diff.tom:
        return _ingen_forskjeller(ut, "de to versjonene")
    titler = _seksjonstitler(diff)
    ingen = "  Ingen endringer."

    ut += _overskrift("Metadata")
    for e in diff.metadata:
        ut += _endringslinjer(e, _etikett(e.sti), "  ")
    if not diff.metadata:
        ut.append(ingen)

    ut += _overskrift("Parametere")
    for e in diff.parametere:
        deler = e.sti.split("/")
        etikett = deler[1]
        if deler[2:] not in ([], ["verdi"]):
            etikett += f", {_etikett('/'.join(deler[2:]))}"
        ut += _endringslinjer(e, etikett, "  ")
    if not diff.parametere:
        ut.append(ingen)

    ut += _overskrift("Tabeller")
    for e in diff.tabeller:
        deler = e.sti.split("/")
        if len(deler) == 1:
            etikett = _etikett(e.sti)
        else:
            etikett = f"«{titler.get(deler[1], deler[1])}»"
            if len(deler) > 2:
                etikett += f", {_etikett('/'.join(deler[2:]))}"
        ut += _endringslinjer(e, etikett, "  ")
    if not diff.tabeller:
        ut.append(ingen)

    for tittel, endringer in (("Rader lagt til", diff.rader_lagt_til), ("Rader fjernet", diff.rader_fjernet)):
        ut += _overskrift(tittel)
        for e in endringer:
            _, seksjon, _, rad = e.sti.split("/")
            ut += _endringslinjer(e, f"{titler.get(seksjon, seksjon)}: rad «{rad}»", "  ")
        if not endringer:
            ut.append("  Ingen.")

    ut += _overskrift("Endrede rader")
    for seksjon, rad, endringer in diff.endrede_rader:
        ut.append(f"  {titler.get(seksjon, seksjon)}: rad «{rad}» («{_radtekst(diff, seksjon, rad)}»)")
        prefiks = f"seksjoner/{seksjon}/rader/{rad}/"
        for e in endringer:
            ut += _endringslinjer(e, _etikett(e.sti.removeprefix(prefiks)), "    ", n.felles)
    if not diff.endrede_rader:
        ut.append("  Ingen.")

    ut += _overskrift("Vedlegg")
    for e in diff.vedlegg:
        ut += _endringslinjer(e, _etikett(e.sti), "  ", n.felles)
    if not diff.vedlegg:
        ut.append(ingen)

    ut += [
        "",
        # (the rows are some of the changes: the others are metadata, parameters, vedlegg)
        f"Til sammen {_flertall(len(diff.endringer), 'endring', 'endringer')}. Tabellradene: "
        f"{len(diff.rader_lagt_til)} lagt til, {len(diff.rader_fjernet)} fjernet, {len(diff.endrede_rader)} endret.",
    ]
    return "\n".join(ut) + "\n"


def _fellesdel(e: Endring) -> str:
    """The part of the shared file a change belongs to (its first path element, or metadata)."""
    forste = e.sti.split("/", 1)[0]
    if forste == "tidlige_tegn_innledning":
        return "tidlige_tegn"
    return forste if forste in _FELLESDELER else "metadata"


_FELLESDELER: Final = {
    "roller": "Roller",
    "sjekklister": "Sjekklister",
    "tidlige_tegn": "Tidlige tegn",
    "vedlegg": "Vedlegg (titler)",
}


def _skriv_felles(diff: Fellesdiff) -> str:
    g, n = diff.gammel, diff.ny
    tittel = f"Felles innhold «{n.id}» (roller, sjekklister, tidlige tegn og vedlegg)"
    ut = _innledning(tittel, _versjonslinje(g), _versjonslinje(n))
    if diff.tom:
        return _ingen_forskjeller(ut, "de to versjonene")
    for del_, tittel in (("metadata", "Metadata"), *_FELLESDELER.items()):
        ut += _overskrift(tittel)
        endringer = [e for e in diff.endringer if _fellesdel(e) == del_]
        for e in endringer:
            ut += _endringslinjer(e, _etikett(e.sti), "  ", n)
        if not endringer:
            ut.append("  Ingen endringer.")
    ut += ["", f"Til sammen {_flertall(len(diff.endringer), 'endring', 'endringer')}."]
    return "\n".join(ut) + "\n"


_SKOLERUTEDELER: Final = {
    "metadata": "Metadata",
    "semestre": "Semestre",
    "fridager": "Fridager",
    "ekstra_skoledager": "Ekstra skoledager",
    "frister": "Faste frister",
    "skoledager": "Skoledager (følger av endringene over)",
}


def _skolerutedel(e: Endring) -> str:
    forste = e.sti.split("/", 1)[0]
    return forste if forste in _SKOLERUTEDELER else "metadata"


def _skolerute_etikett(e: Endring, diff: Skolerutediff) -> str:
    deler = e.sti.split("/")
    if deler[0] == "semestre" and len(deler) > 1:
        navn = {sem.id: sem.navn for sem in (*diff.gammel.semestre, *diff.ny.semestre)}.get(deler[1], deler[1])
        felt = {"forste_skoledag": "første skoledag", "siste_skoledag": "siste skoledag"}
        return f"«{navn}»" + (f", {felt.get(deler[2], deler[2])}" if len(deler) > 2 else "")
    if deler[0] == "fridager":
        return f"«{e.sti.split('/', 1)[1]}»"  # the whole name, which may hold a «/»
    if deler[0] == "ekstra_skoledager":
        return "ekstra skoledag"
    if deler[0] == "frister":
        return f"regel «{deler[1]}»"
    if deler[0] == "skoledager":
        navn = {sem.id: sem.navn for sem in diff.ny.semestre}.get(deler[1], deler[1])
        if len(deler) > 2:
            return f"«{navn}», " + ("nye skoledager" if e.type == "lagt_til" else "ikke lenger skoledager")
        return f"«{navn}», antall skoledager"
    return _etikett(e.sti)


def _skriv_skolerute(diff: Skolerutediff) -> str:
    g, n = diff.gammel, diff.ny
    ut = _innledning(
        f"Skolerute «{n.id}» ({n.kommune})",
        f"skoleåret {g.skoleaar}, {len(g.skoledager)} skoledager ({g.fil})",
        f"skoleåret {n.skoleaar}, {len(n.skoledager)} skoledager ({n.fil})",
    )
    if diff.tom:
        return _ingen_forskjeller(ut, "de to skolerutene")
    for del_, tittel in _SKOLERUTEDELER.items():
        endringer = [e for e in diff.endringer if _skolerutedel(e) == del_]
        ut += _overskrift(tittel)
        for e in endringer:
            ut += _endringslinjer(e, _skolerute_etikett(e, diff), "  ")
        if not endringer:
            ut.append("  Ingen endringer.")
    folger = sum(1 for e in diff.endringer if _skolerutedel(e) == "skoledager")
    egne = len(diff.endringer) - folger
    slutt = f"Til sammen {_flertall(egne, 'endring', 'endringer')} i skoleruta"
    if folger:
        slutt += f"; de gir {_flertall(folger, 'endring', 'endringer')} i skoledagene"
    ut += ["", slutt + "."]
    return "\n".join(ut) + "\n"


def _omtale(r: Rutine | Felles) -> dict[str, object]:
    return {"fil": r.fil, "id": r.id, "versjon": r.versjon, "gyldig_fra": r.gyldig_fra.isoformat()}


def som_json(diff: Rutinediff | Fellesdiff | Skolerutediff) -> dict[str, object]:
    """The diff as plain data (for ``--format json``)."""
    if isinstance(diff, Skolerutediff):
        return {
            "type": "skolerute",
            "skolerute": diff.ny.id,
            "gammel": {"fil": diff.gammel.fil, "id": diff.gammel.id, "skoleaar": diff.gammel.skoleaar},
            "ny": {"fil": diff.ny.fil, "id": diff.ny.id, "skoleaar": diff.ny.skoleaar},
            "forskjeller": not diff.tom,
            "antall": {"endringer": len(diff.endringer)},
            "endringer": [e.as_dict() for e in diff.endringer],
        }
    if isinstance(diff, Fellesdiff):
        return {
            "type": "felles",
            "felles": diff.ny.id,
            "gammel": _omtale(diff.gammel),
            "ny": _omtale(diff.ny),
            "forskjeller": not diff.tom,
            "antall": {"endringer": len(diff.endringer)},
            "endringer": [e.as_dict() for e in diff.endringer],
        }
    return {
        "type": "rutine",
        "rutine": diff.ny.id,
        "gammel": _omtale(diff.gammel),
        "ny": _omtale(diff.ny),
        "forskjeller": not diff.tom,
        "antall": {
            "endringer": len(diff.endringer),
            "rader_lagt_til": len(diff.rader_lagt_til),
            "rader_fjernet": len(diff.rader_fjernet),
            "endrede_rader": len(diff.endrede_rader),
        },
        "endringer": [e.as_dict() for e in diff.endringer],
    }
