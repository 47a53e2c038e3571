"""Exceptions and located problems.

All user-facing wording is Norwegian; location lives in attributes and is only
rendered by ``__str__`` or by a reporter.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ._meldinger import vis_filnavn

__all__ = [
    "FravarsreglerError",
    "InndataFeil",
    "Problem",
    "RutineFeil",
    "YamlFeil",
]


@attrs.frozen
class Problem:
    """One located problem in a file: where, what, and what to do about it.

    ``alvor`` is ``"feil"`` (makes the file invalid) or ``"advarsel"``.
    ``json_path`` is like ``$.seksjoner[2].rader[0].ansvar``.
    """

    #: (a name that is not UTF-8 is kept as text that can be written: ``r\xf8/felles.yaml``)
    fil: str = attrs.field(converter=vis_filnavn)
    linje: int | None
    kolonne: int | None
    melding: str
    json_path: str = "$"
    alvor: str = "feil"
    kode: str = ""
    forslag: tuple[str, ...] = ()

    def __str__(self) -> str:
        sted = self.fil
        if self.linje is not None:
            sted += f":{self.linje}"
            if self.kolonne is not None:
                sted += f":{self.kolonne}"
        return f"{sted}: {self.melding}"

    def as_dict(self) -> dict[str, object]:
        return {
            "fil": self.fil,
            "linje": self.linje,
            "kolonne": self.kolonne,
            "json_path": self.json_path,
            "alvor": self.alvor,
            "kode": self.kode,
            "melding": self.melding,
            "forslag": list(self.forslag),
        }


class FravarsreglerError(Exception):
    """Raised for every error this library reports; the base of all others."""


class YamlFeil(FravarsreglerError, ValueError):
    """Raised when a YAML file cannot be read safely (syntax, duplicate keys, aliases)."""

    def __init__(
        self,
        melding: str,
        *,
        fil: str,
        linje: int | None = None,
        kolonne: int | None = None,
        kode: str = "yaml",
    ) -> None:
        super().__init__(melding)
        self.melding = melding
        self.fil = fil
        self.linje = linje
        self.kolonne = kolonne
        self.kode = kode

    @property
    def problemer(self) -> tuple[Problem, ...]:
        """The one problem, as :class:`RutineFeil` lists its problems."""
        return (self.problem,)

    @property
    def problem(self) -> Problem:
        """The error as a :class:`Problem` (file, line, column, message)."""
        return Problem(
            fil=self.fil,
            linje=self.linje,
            kolonne=self.kolonne,
            melding=self.melding,
            kode=self.kode,
        )

    def __str__(self) -> str:
        return str(self.problem)


class RutineFeil(FravarsreglerError, ValueError):
    """Raised when a routine file is invalid; carries every problem found."""

    def __init__(self, problemer: Sequence[Problem]) -> None:
        self.problemer = tuple(problemer)
        first = self.problemer[0] if self.problemer else None
        super().__init__(str(first) if first else "ugyldig rutine")
        self.fil = first.fil if first else None
        self.linje = first.linje if first else None
        self.kolonne = first.kolonne if first else None
        self.json_path = first.json_path if first else None
        #: the first problem's message (as :class:`YamlFeil` and :class:`InndataFeil` have one)
        self.melding = first.melding if first else "ugyldig rutine"

    def __str__(self) -> str:
        if not self.problemer:
            return "ugyldig rutine"
        head = str(self.problemer[0])
        rest = len(self.problemer) - 1
        return head if rest == 0 else f"{head} (og {rest} {'problem' if rest == 1 else 'problemer'} til)"


class InndataFeil(FravarsreglerError, ValueError):
    """Raised when an input file (pupils, events, subjects) cannot be used at all."""

    def __init__(self, melding: str, *, fil: str, linje: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.fil = fil
        self.linje = linje

    def __str__(self) -> str:
        sted = self.fil if self.linje is None else f"{self.fil}:{self.linje}"
        return f"{sted}: {self.melding}"


class ArgumentFeil(FravarsreglerError, ValueError):
    """Raised when a function is called with an argument it cannot use; ``argument`` names it."""

    def __init__(self, melding: str, *, argument: str) -> None:
        super().__init__(melding)
        self.melding = melding
        self.argument = argument

    def __str__(self) -> str:
        return self.melding
