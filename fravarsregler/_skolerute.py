"""The municipality's school calendar (skolerute): semesters, school days and calendar windows.

A school day is a weekday (Monday–Friday) inside a semester that is neither a Norwegian public
holiday (computed with ``holidays.Norway``, never typed in) nor inside one of the file's
``fridager``. A date listed under ``ekstra_skoledager`` is a school day whenever it lies inside a
semester, whatever else is true of it.

Everything is precomputed when a :class:`Skolerute` is built (a sorted tuple of every school day
and a ``date -> index`` map), so the lookups are O(1) or O(log n).

Decisions worth knowing:

- ``neste_skoledag_etter`` returns ``None`` when the answer lies beyond the calendar (after the
  last school day of the last semester); it never guesses days in a school year it does not know.
- ``sammenhengende(d1, d2)`` follows the calendar's school days across breaks and semesters:
  the last school day before Christmas and the first one after it are consecutive.
- Calendar windows (``vinduer``) are chosen by their *due date* (``frist``); a date pinned in the
  file's ``frister`` only moves the due date of the window that contains it (``frist_for``).
- The school year ``"2026-27"`` runs from 2026-08-01 to 2027-07-31 (the statutory school year);
  semesters, fridager, ekstra_skoledager and pinned deadlines must lie inside it.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Final

import attrs

from ._errors import Problem, RutineFeil
from ._meldinger import MAANEDER, feil_filtype
from ._skjema import Lokaliserbar, UtenPlassering, lag_problem, skjema_problemer
from ._yaml import YamlDokument, load_yaml_file

__all__ = [
    "VINDU_TYPER",
    "Fridag",
    "Semester",
    "Skolerute",
    "Vindu",
    "load_skolerute",
    "skolerute_from_data",
    "skolerute_problemer",
]

#: The calendar window kinds a ``kalender`` trigger may name (``utloser.vindu``).
VINDU_TYPER: Final[tuple[str, ...]] = (
    "maanedlig",
    "semester",
    "hoest",
    "vaar",
    "vinter",
    "jan_feb",
    "mai_jun",
    "foerste_skoledag",
)

_UKEDAGER: Final[tuple[str, ...]] = (
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
)

_SKJEMA_FIL: Final = "skolerute.schema.json"
_SKOLEAAR_RE: Final = re.compile(r"^(\d{4})-(\d{2})$")

_Sti = tuple[str | int, ...]


# ---------------------------------------------------------------------------------------------
# Value classes


@attrs.frozen
class Semester:
    """One semester, from its first to its last school day (both inclusive)."""

    id: str
    navn: str
    forste_skoledag: date
    siste_skoledag: date

    def inneholder(self, d: date) -> bool:
        """Return whether ``d`` lies within ``[forste_skoledag, siste_skoledag]``."""
        return self.forste_skoledag <= d <= self.siste_skoledag

    @property
    def er_hoest(self) -> bool:
        """True for an autumn semester (one that starts in July–December)."""
        return self.forste_skoledag.month >= 7


@attrs.frozen
class Fridag:
    """A day off, or a run of days off, from ``fra`` to ``til`` (both inclusive)."""

    navn: str
    fra: date
    til: date

    def inneholder(self, d: date) -> bool:
        """Return whether ``d`` lies within ``[fra, til]``."""
        return self.fra <= d <= self.til


@attrs.frozen
class Vindu:
    """A calendar window of one kind, with its default due date.

    ``start``/``slutt`` are the window's calendar bounds (inclusive); ``frist`` is its due date
    before any date pinned in the skolerute (see :meth:`Skolerute.frist_for`).
    """

    vindu: str
    navn: str
    start: date
    slutt: date
    frist: date

    def inneholder(self, d: date) -> bool:
        """Return whether ``d`` lies within ``[start, slutt]``."""
        return self.start <= d <= self.slutt


def _sorter_semestre(semestre: Iterable[Semester]) -> tuple[Semester, ...]:
    return tuple(sorted(semestre, key=lambda s: (s.forste_skoledag, s.siste_skoledag, s.id)))


def _fridager_tuple(fridager: Iterable[Fridag]) -> tuple[Fridag, ...]:
    return tuple(fridager)


def _sorter_datoer(datoer: Iterable[date]) -> tuple[date, ...]:
    return tuple(sorted(set(datoer)))


def _frys_frister(frister: Mapping[str, date]) -> Mapping[str, date]:
    return MappingProxyType(dict(frister))


def _norske_helligdager(aar: Iterable[int]) -> dict[date, str]:
    """Norwegian public holidays for the given years, named as in the middle of a sentence."""
    aarene = sorted(set(aar))
    if not aarene:
        return {}
    # (imported here: holidays takes a quarter of a second to import, which «--help» need not pay)
    from holidays.countries.norway import Norway  # noqa: PLC0415

    kalender = Norway(years=aarene, language="no")
    return {d: " og ".join(_helligdagsnavn(n.strip()) for n in str(navn).split(";")) for d, navn in kalender.items()}


def _helligdagsnavn(navn: str) -> str:
    """``holidays``' capitalised name as Norwegian writes it inside a sentence: holidays take a
    small letter ("første juledag"), but a name ("Kristi himmelfartsdag") keeps its capital."""
    if navn == "Grunnlovsdag":
        return "grunnlovsdagen"
    if navn.startswith("Kristi "):
        return navn
    return navn[:1].lower() + navn[1:]


def _dager(fra: date, til: date) -> Iterable[date]:
    d = fra
    while d <= til:
        yield d
        d += timedelta(days=1)


@attrs.frozen(kw_only=True)
class Skolerute:
    """A school calendar for one school year, with fast school-day arithmetic.

    Build it with :func:`load_skolerute` (a YAML file, validated); the constructor itself
    trusts its arguments (no validation beyond types).
    """

    id: str
    kommune: str
    skoleaar: str
    semestre: tuple[Semester, ...] = attrs.field(converter=_sorter_semestre)
    fridager: tuple[Fridag, ...] = attrs.field(default=(), converter=_fridager_tuple)
    ekstra_skoledager: tuple[date, ...] = attrs.field(default=(), converter=_sorter_datoer)
    frister: Mapping[str, date] = attrs.field(factory=dict, converter=_frys_frister, hash=False)
    fil: str = "<skolerute>"
    merknad: str | None = None

    # Precomputed in __attrs_post_init__.
    _skoledager: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)
    _indeks: Mapping[date, int] = attrs.field(init=False, repr=False, eq=False)
    _starter: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)
    _spenn: Mapping[str, tuple[int, int]] = attrs.field(init=False, repr=False, eq=False)
    _helligdager: Mapping[date, str] = attrs.field(init=False, repr=False, eq=False)
    _vinduer: Mapping[str, tuple[Vindu, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        aar: set[int] = {d.year for d in _skoleaar_grenser(self.skoleaar) or ()}
        for sem in self.semestre:
            aar.update(range(sem.forste_skoledag.year, sem.siste_skoledag.year + 1))
        helligdager = _norske_helligdager(aar)
        ekstra = set(self.ekstra_skoledager)

        skoledager: list[date] = []
        spenn: dict[str, tuple[int, int]] = {}
        for sem in self.semestre:
            fri: set[date] = set()
            for fridag in self.fridager:
                fra = max(fridag.fra, sem.forste_skoledag)
                til = min(fridag.til, sem.siste_skoledag)
                fri.update(_dager(fra, til))
            lo = len(skoledager)
            for d in _dager(sem.forste_skoledag, sem.siste_skoledag):
                skole = d in ekstra or (d.weekday() < 5 and d not in helligdager and d not in fri)
                # Overlapping semesters (rejected by the loader) must not count a day twice.
                if skole and (not skoledager or d > skoledager[-1]):
                    skoledager.append(d)
            spenn[sem.id] = (lo, len(skoledager))

        alle = tuple(skoledager)
        object.__setattr__(self, "_skoledager", alle)
        object.__setattr__(self, "_indeks", MappingProxyType({d: i for i, d in enumerate(alle)}))
        object.__setattr__(self, "_starter", tuple(s.forste_skoledag for s in self.semestre))
        object.__setattr__(self, "_spenn", MappingProxyType(spenn))
        object.__setattr__(self, "_helligdager", MappingProxyType(helligdager))
        object.__setattr__(
            self,
            "_vinduer",
            MappingProxyType({art: tuple(self._lag_vinduer(art)) for art in VINDU_TYPER}),
        )

    # -- school days ----------------------------------------------------------------------------

    @property
    def skoledager(self) -> tuple[date, ...]:
        """Every school day of the calendar, sorted."""
        return self._skoledager

    @property
    def skoleaaret(self) -> tuple[date, date]:
        """The school year's first and last date: 1 August to 31 July for ``skoleaar: "2026-27"``.

        For a calendar built without a well-formed ``skoleaar`` (the loader refuses one), the
        first and last school day of its semesters.
        """
        grenser = _skoleaar_grenser(self.skoleaar)
        if grenser is not None:
            return grenser
        return self.semestre[0].forste_skoledag, self.semestre[-1].siste_skoledag

    def helligdag(self, d: date) -> str | None:
        """The name of the Norwegian public holiday on ``d`` (computed), or None.

        Written as inside a sentence: a small first letter unless the name is a proper one
        (``"første juledag"``, ``"Kristi himmelfartsdag"``); two holidays on one day are joined
        by "og" (``"andre pinsedag og grunnlovsdagen"``). Known for the years of the school year
        and of its semesters.
        """
        return self._helligdager.get(d)

    def er_skoledag(self, d: date) -> bool:
        """Return whether ``d`` is a school day. O(1)."""
        return d in self._indeks

    def semester_for(self, d: date) -> Semester | None:
        """The semester whose ``[forste_skoledag, siste_skoledag]`` holds ``d``, else None."""
        i = bisect.bisect_right(self._starter, d) - 1
        if i >= 0 and d <= self.semestre[i].siste_skoledag:
            return self.semestre[i]
        return None

    def skoledager_hittil(self, d: date) -> int:
        """School days held in ``d``'s semester from its first school day up to and including ``d``.

        ``d`` need not be a school day (then the days before it are counted). Returns 0 when ``d``
        lies outside every semester. This is the denominator of interpretation 1 in DOMENE.md.
        """
        sem = self.semester_for(d)
        if sem is None:
            return 0
        lo, hi = self._spenn[sem.id]
        return bisect.bisect_right(self._skoledager, d, lo, hi) - lo

    def skoledager_i_semester(self, sem: Semester) -> tuple[date, ...]:
        """Every school day of ``sem``, sorted. Raises ValueError for a foreign semester."""
        spenn = self._spenn.get(sem.id)
        if spenn is None or sem not in self.semestre:
            raise ValueError(f"semesteret «{sem.id}» finnes ikke i skoleruta «{self.id}»")
        lo, hi = spenn
        return self._skoledager[lo:hi]

    def neste_skoledag_etter(self, d: date, n: int = 1) -> date | None:
        """The ``n``-th school day after ``d``; crosses breaks and semesters.

        ``n == 0`` gives ``d`` itself if it is a school day, else the next school day.
        Returns None when the answer lies beyond the calendar's last school day.
        Raises ValueError for a negative ``n``.
        """
        if n < 0:
            raise ValueError(f"n må være 0 eller større, ikke {n}")
        if n == 0 and d in self._indeks:
            return d
        i = bisect.bisect_right(self._skoledager, d) + max(n - 1, 0)
        return self._skoledager[i] if i < len(self._skoledager) else None

    def siste_skoledag_i_maaned(self, year: int, month: int) -> date | None:
        """The last school day of the given month, or None if the month has none."""
        siste = date(year, month, calendar.monthrange(year, month)[1])
        i = bisect.bisect_right(self._skoledager, siste) - 1
        if i >= 0 and (self._skoledager[i].year, self._skoledager[i].month) == (year, month):
            return self._skoledager[i]
        return None

    def sammenhengende(self, d1: date, d2: date) -> bool:
        """Return whether ``d2`` is the next school day after ``d1`` (across breaks too)."""
        i = self._indeks.get(d2)
        if i is None or d1 >= d2:
            return False
        return i == 0 or self._skoledager[i - 1] <= d1

    def fri_grunn(self, d: date) -> str | None:
        """Why ``d`` is not a school day, in Norwegian (None if it is one)."""
        if d in self._indeks:
            return None
        if self.semester_for(d) is None:
            return "utenfor semestrene"
        if d.weekday() >= 5:
            return _UKEDAGER[d.weekday()]
        helligdag = self._helligdager.get(d)
        if helligdag is not None:
            return f"helligdag: {helligdag}"
        for fridag in self.fridager:
            if fridag.inneholder(d):
                return f"fridag «{fridag.navn}»"
        return "ikke skoledag"  # pragma: no cover - every case is named above

    # -- calendar windows -----------------------------------------------------------------------

    def vinduer(self, vindu: str, fra: date, til: date) -> list[Vindu]:
        """Windows of kind ``vindu`` whose default due date lies within ``[fra, til]``.

        Sorted by due date. Kinds (``VINDU_TYPER``):

        - ``maanedlig``: each calendar month with a school day; due its last school day.
        - ``semester``: each semester (named as in the file); due its last school day.
        - ``hoest`` / ``vaar``: each autumn (starts July–December) / spring (January–June)
          semester; due its last school day.
        - ``vinter``: 1 December – 31 January before each spring semester; due the last school
          day on or before 31 January.
        - ``jan_feb``: January–February of each spring semester; due the last school day in
          February.
        - ``mai_jun``: May–June of each spring semester; due the spring semester's last school day.
        - ``foerste_skoledag``: the first school day of each autumn semester
          (``start == slutt == frist``).

        A window without any school day is left out. Raises ValueError for an unknown kind.
        """
        alle = self._vinduer.get(vindu)
        if alle is None:
            raise ValueError(f"ukjent kalendervindu «{vindu}»; bruk en av: {', '.join(VINDU_TYPER)}")
        return [v for v in alle if fra <= v.frist <= til]

    def frist_for(self, regel_id: str, vindu: Vindu) -> date:
        """The due date of ``vindu`` for rule ``regel_id``.

        That is ``frister[regel_id]`` when the skolerute pins a date for the rule and the date lies
        within ``[vindu.start, vindu.slutt]``; otherwise the window's own ``frist``. (A pinned date
        thus moves only the window that contains it, e.g. one month of a monthly rule.)
        """
        fast = self.frister.get(regel_id)
        if fast is not None and vindu.start <= fast <= vindu.slutt:
            return fast
        return vindu.frist

    def _siste_skoledag_til_og_med(self, d: date, tidligst: date) -> date | None:
        i = bisect.bisect_right(self._skoledager, d) - 1
        if i >= 0 and self._skoledager[i] >= tidligst:
            return self._skoledager[i]
        return None

    def _lag_vinduer(self, art: str) -> list[Vindu]:
        ut: list[Vindu] = []
        if art == "maanedlig":
            maaneder = sorted({(d.year, d.month) for d in self._skoledager})
            for y, m in maaneder:
                frist = self.siste_skoledag_i_maaned(y, m)
                assert frist is not None
                slutt = date(y, m, calendar.monthrange(y, m)[1])
                ut.append(Vindu(art, f"{MAANEDER[m - 1]} {y}", date(y, m, 1), slutt, frist))
            return ut
        for sem in self.semestre:
            dager = self.skoledager_i_semester(sem)
            if not dager:
                continue
            y = sem.forste_skoledag.year
            if art == "semester":
                ut.append(Vindu(art, sem.navn, sem.forste_skoledag, sem.siste_skoledag, dager[-1]))
            elif art in ("hoest", "vaar") and sem.er_hoest == (art == "hoest"):
                navn = f"høsten {y}" if sem.er_hoest else f"våren {y}"
                ut.append(Vindu(art, navn, sem.forste_skoledag, sem.siste_skoledag, dager[-1]))
            elif art == "foerste_skoledag" and sem.er_hoest:
                navn = f"første skoledag høsten {y}"
                ut.append(Vindu(art, navn, dager[0], dager[0], dager[0]))
            elif not sem.er_hoest:
                vindu = self._vaarvindu(art, sem, dager)
                if vindu is not None:
                    ut.append(vindu)
        ut.sort(key=lambda v: (v.frist, v.start))
        return ut

    def _vaarvindu(self, art: str, sem: Semester, dager: Sequence[date]) -> Vindu | None:
        """The ``vinter``/``jan_feb``/``mai_jun`` window belonging to spring semester ``sem``."""
        y = sem.forste_skoledag.year
        if art == "vinter":
            start, slutt = date(y - 1, 12, 1), date(y, 1, 31)
            navn = f"vinteren {y - 1}/{y % 100:02d}"
            frist = self._siste_skoledag_til_og_med(slutt, start)
        elif art == "jan_feb":
            start, slutt = date(y, 1, 1), date(y, 2, calendar.monthrange(y, 2)[1])
            navn = f"januar/februar {y}"
            frist = self._siste_skoledag_til_og_med(slutt, start)
        elif art == "mai_jun":
            start, slutt = date(y, 5, 1), max(date(y, 6, 30), sem.siste_skoledag)
            navn = f"mai/juni {y}"
            frist = dager[-1] if start <= dager[-1] <= slutt else None
            if frist is None:
                frist = self._siste_skoledag_til_og_med(slutt, start)
        else:
            return None
        if frist is None:
            return None
        return Vindu(art, navn, start, slutt, frist)


# ---------------------------------------------------------------------------------------------
# Loading and validation


_Plassering = Callable[[_Sti], tuple[int, int]]


@attrs.frozen
class _Funn:
    """A problem before it is located in the file."""

    sti: _Sti
    melding: str
    kode: str
    forslag: tuple[str, ...] = ()
    paa_nokkel: bool = False


def _navn(sem: object) -> str:
    """A semester as named in messages: its ``navn``, else its ``id``."""
    if isinstance(sem, Mapping):
        return str(sem.get("navn") or sem.get("id") or "")
    return ""


def _som_dato(verdi: object) -> date | None:
    """The date of an ISO ``YYYY-MM-DD`` string, or None (no error: the schema reports it)."""
    if isinstance(verdi, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", verdi):
        try:
            return date.fromisoformat(verdi)
        except ValueError:
            return None
    return None


def _skoleaar_grenser(skoleaar: object) -> tuple[date, date] | None:
    """``"2026-27"`` -> (2026-08-01, 2027-07-31); None if malformed or inconsistent."""
    if not isinstance(skoleaar, str):
        return None
    m = _SKOLEAAR_RE.match(skoleaar)
    if m is None:
        return None
    start = int(m.group(1))
    if int(m.group(2)) != (start + 1) % 100:
        return None
    return date(start, 8, 1), date(start + 1, 7, 31)


def _semantiske_funn(data: object) -> list[_Funn]:
    """Checks the schema cannot express. Defensive: values with the wrong shape are skipped."""
    if not isinstance(data, Mapping):
        return []
    funn: list[_Funn] = []

    skoleaar = data.get("skoleaar")
    grenser = _skoleaar_grenser(skoleaar)
    if grenser is None and isinstance(skoleaar, str) and _SKOLEAAR_RE.match(skoleaar):
        start = int(skoleaar[:4])
        funn.append(
            _Funn(
                ("skoleaar",),
                f"Skoleåret «{skoleaar}» henger ikke sammen: året etter {start} er "
                f"{start + 1}. Skriv det som «{start}-{(start + 1) % 100:02d}».",
                "skoleaar",
            )
        )

    def utenfor(sti: _Sti, d: date, hva: str) -> None:
        if grenser is not None and not grenser[0] <= d <= grenser[1]:
            funn.append(
                _Funn(
                    sti,
                    f"{hva} {d.isoformat()} ligger utenfor skoleåret {skoleaar} "
                    f"({grenser[0].isoformat()} til {grenser[1].isoformat()}). "
                    "Rett datoen eller skoleåret.",
                    "utenfor-skoleaaret",
                )
            )

    # Semesters: each one on its own, then against each other.
    gyldige: list[tuple[int, str, date, date]] = []
    sett_id: dict[str, int] = {}
    semestre = data.get("semestre")
    semesterliste: list[Any] = semestre if isinstance(semestre, list) else []
    for i, sem in enumerate(semesterliste):
        if not isinstance(sem, Mapping):
            continue
        sem_id = sem.get("id")
        if isinstance(sem_id, str):
            if sem_id in sett_id:
                forrige = _navn(semesterliste[sett_id[sem_id]])
                funn.append(
                    _Funn(
                        ("semestre", i, "id"),
                        f"Semester-id-en «{sem_id}» er brukt før, av semesteret «{forrige}». "
                        "Gi hvert semester sin egen id.",
                        "duplikat-id",
                    )
                )
            else:
                sett_id[sem_id] = i
        forste = _som_dato(sem.get("forste_skoledag"))
        siste = _som_dato(sem.get("siste_skoledag"))
        if forste is not None:
            utenfor(("semestre", i, "forste_skoledag"), forste, "Første skoledag")
        if siste is not None:
            utenfor(("semestre", i, "siste_skoledag"), siste, "Siste skoledag")
        if forste is None or siste is None:
            continue
        if siste < forste:
            funn.append(
                _Funn(
                    ("semestre", i, "siste_skoledag"),
                    f"Siste skoledag {siste.isoformat()} er før første skoledag "
                    f"{forste.isoformat()} i semesteret «{sem.get('navn', sem_id)}». "
                    "Bytt om datoene eller rett dem.",
                    "semester-slutt-foer-start",
                )
            )
            continue
        gyldige.append((i, str(sem.get("navn", sem_id)), forste, siste))

    ordnet = sorted(gyldige, key=lambda t: (t[2], t[3]))
    for (_i_a, navn_a, _fa, siste_a), (i_b, navn_b, forste_b, _sb) in itertools.pairwise(ordnet):
        if forste_b <= siste_a:
            funn.append(
                _Funn(
                    ("semestre", i_b, "forste_skoledag"),
                    f"Semesteret «{navn_b}» begynner {forste_b.isoformat()}, før semesteret "
                    f"«{navn_a}» slutter {siste_a.isoformat()}. "
                    "Semestrene kan ikke overlappe: rett første eller siste skoledag.",
                    "semestre-overlapper",
                )
            )

    # Days off.
    fridager: list[Fridag] = []
    rader = data.get("fridager")
    for i, rad in enumerate(rader if isinstance(rader, list) else []):
        if not isinstance(rad, Mapping):
            continue
        fra = _som_dato(rad.get("fra"))
        til = _som_dato(rad.get("til"))
        navn = str(rad.get("navn", ""))
        if fra is not None:
            utenfor(("fridager", i, "fra"), fra, f"Første dag av «{navn}»")
        if til is not None:
            utenfor(("fridager", i, "til"), til, f"Siste dag av «{navn}»")
        if fra is None or til is None:
            continue
        if til < fra:
            funn.append(
                _Funn(
                    ("fridager", i, "til"),
                    f"«til» ({til.isoformat()}) er før «fra» ({fra.isoformat()}) for fridagen "
                    f"«{navn}». For én enkelt dag skal «til» være lik «fra».",
                    "fridag-til-foer-fra",
                )
            )
            continue
        fridager.append(Fridag(navn, fra, til))

    # Extra school days must lie inside a semester, or they mean nothing.
    ekstra: set[date] = set()
    ekstra_rader = data.get("ekstra_skoledager")
    for i, verdi in enumerate(ekstra_rader if isinstance(ekstra_rader, list) else []):
        d = _som_dato(verdi)
        if d is None:
            continue
        ekstra.add(d)
        if not any(f <= d <= s for _, _, f, s in gyldige):
            funn.append(
                _Funn(
                    ("ekstra_skoledager", i),
                    f"Den ekstra skoledagen {d.isoformat()} ligger ikke i noe semester. "
                    "Flytt den inn i et semester, eller utvid semesteret.",
                    "ekstra-skoledag-utenfor-semester",
                )
            )

    # A semester's first and last day must themselves be school days.
    aar: set[int] = set()
    for _, _, forste, siste in gyldige:
        aar.update(range(forste.year, siste.year + 1))
    helligdager = _norske_helligdager(aar)

    def hvorfor_fri(d: date) -> str | None:
        if d in ekstra:
            return None
        if d.weekday() >= 5:
            return f"en {_UKEDAGER[d.weekday()]}"
        if d in helligdager:
            return f"en helligdag ({helligdager[d]})"
        for fridag in fridager:
            if fridag.inneholder(d):
                return f"en fridag («{fridag.navn}»)"
        return None

    for i, navn, forste, siste in gyldige:
        for felt, d, hva in (
            ("forste_skoledag", forste, "Første"),
            ("siste_skoledag", siste, "Siste"),
        ):
            grunn = hvorfor_fri(d)
            if grunn is not None:
                funn.append(
                    _Funn(
                        ("semestre", i, felt),
                        f"{hva} skoledag i «{navn}», {d.isoformat()}, er {grunn} og ikke en "
                        "skoledag. Rett datoen til semesterets faktiske "
                        f"{hva.lower()} skoledag.",
                        "ikke-skoledag",
                    )
                )

    # Pinned deadlines.
    frister = data.get("frister")
    if isinstance(frister, Mapping):
        for regel_id, verdi in frister.items():
            d = _som_dato(verdi)
            if d is not None:
                utenfor(("frister", regel_id), d, f"Fristen for «{regel_id}»")
    return funn


def _problemer(lok: Lokaliserbar) -> list[Problem]:
    """Every schema and semantic problem in ``lok.data``, located when ``lok`` knows positions.

    A routine or the shared file given instead gives one problem that says so, not every way it
    differs from a skolerute."""
    annen = feil_filtype(lok.data.get("type") if isinstance(lok.data, Mapping) else None, "skolerute")
    if annen is not None:
        return [lag_problem(lok, ("type",), annen, kode="feil-filtype")]
    problemer = skjema_problemer(lok, "skolerute")
    sett = {(p.json_path, p.kode) for p in problemer}
    for f in _semantiske_funn(lok.data):
        problem = lag_problem(lok, f.sti, f.melding, kode=f.kode, nokkel=f.paa_nokkel, forslag=f.forslag)
        if (problem.json_path, problem.kode) not in sett:
            sett.add((problem.json_path, problem.kode))
            problemer.append(problem)
    problemer.sort(key=lambda p: (p.linje or 0, p.kolonne or 0))
    return problemer


def _bygg(data: Mapping[str, Any], *, fil: str) -> Skolerute:
    """Build a Skolerute from data that has passed validation."""

    def dato(verdi: str) -> date:
        return date.fromisoformat(verdi)

    return Skolerute(
        id=data["id"],
        kommune=data["kommune"],
        skoleaar=data["skoleaar"],
        semestre=[
            Semester(
                id=s["id"],
                navn=s["navn"],
                forste_skoledag=dato(s["forste_skoledag"]),
                siste_skoledag=dato(s["siste_skoledag"]),
            )
            for s in data["semestre"]
        ],
        fridager=[Fridag(navn=f["navn"], fra=dato(f["fra"]), til=dato(f["til"])) for f in data.get("fridager", [])],
        ekstra_skoledager=[dato(d) for d in data.get("ekstra_skoledager", [])],
        frister={k: dato(v) for k, v in data.get("frister", {}).items()},
        fil=fil,
        merknad=data.get("merknad"),
    )


def skolerute_from_data(data: Mapping[str, Any], *, fil: str) -> Skolerute:
    """Build a Skolerute from plain data (as from the YAML loader; dates as ISO strings).

    The data is validated the same way as by :func:`load_skolerute` (the schema and the
    semantic checks); problems are reported in a :class:`RutineFeil` without line numbers.
    """
    problemer = _problemer(UtenPlassering(fil, data))
    if problemer:
        raise RutineFeil(problemer)
    return _bygg(data, fil=fil)


def skolerute_problemer(doc: YamlDokument) -> list[Problem]:
    """Every schema and semantic problem of a loaded skolerute document, located; never raises.

    An empty list means the document is a valid skolerute.
    """
    return _problemer(doc)


def _fra_dokument(doc: YamlDokument) -> Skolerute:
    problemer = skolerute_problemer(doc)
    if problemer:
        raise RutineFeil(problemer)
    return _bygg(doc.data, fil=doc.fil)


def load_skolerute(path: str | os.PathLike[str], *, visningsnavn: str | None = None) -> Skolerute:
    """Load, validate and build a skolerute YAML file (``visningsnavn`` names it in messages).

    Raises ``YamlFeil`` when the file cannot be read as YAML, and ``RutineFeil`` carrying a
    located :class:`Problem` for every schema or semantic problem found.
    """
    return _fra_dokument(load_yaml_file(path, visningsnavn=visningsnavn))
