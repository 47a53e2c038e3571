"""fravarsregler: fraværsoppfølging som versjonerte data og en presis regelmotor.

The routine "Fraværsoppfølging i barnehage, grunnskole og videregående skole – OPP IGJEN!"
(Vestvågøy kommune) as versioned YAML data, with a validator, an engine that turns absence
events into actions with deadlines, and tools for the yearly revision.
"""

from ._diff import Endring, Fellesdiff, Rutinediff, Skolerutediff, diff_felles, diff_routines, diff_skoleruter
from ._dokument import render_html, render_markdown
from ._errors import ArgumentFeil, FravarsreglerError, InndataFeil, Problem, RutineFeil, YamlFeil
from ._inndata import Avvist, Elev, Fag, Hendelse, Innlesing, read_elever, read_fag, read_hendelser
from ._kodekart import Kodekart, Kodeoversettelse, load_kodekart
from ._model import Felles, Frist, Parameter, Rad, Regel, Rutine, Seksjon, Utloser, Vedlegg
from ._motor import Antall, Grunnlag, Oversiktslinje, Regelsett, Resultat, Tiltak, evaluate
from ._paths import rutinemappe
from ._rutine import Valideringsresultat, load_felles, load_routine, load_routines, validate, validate_files
from ._skolerute import Semester, Skolerute, load_skolerute

__all__ = [
    "Antall",
    "ArgumentFeil",
    "Avvist",
    "Elev",
    "Endring",
    "Fag",
    "Felles",
    "Fellesdiff",
    "FravarsreglerError",
    "Frist",
    "Grunnlag",
    "Hendelse",
    "InndataFeil",
    "Innlesing",
    "Kodekart",
    "Kodeoversettelse",
    "Oversiktslinje",
    "Parameter",
    "Problem",
    "Rad",
    "Regel",
    "Regelsett",
    "Resultat",
    "Rutine",
    "RutineFeil",
    "Rutinediff",
    "Seksjon",
    "Semester",
    "Skolerute",
    "Skolerutediff",
    "Tiltak",
    "Utloser",
    "Valideringsresultat",
    "Vedlegg",
    "YamlFeil",
    "diff_felles",
    "diff_routines",
    "diff_skoleruter",
    "evaluate",
    "load_felles",
    "load_kodekart",
    "load_routine",
    "load_routines",
    "load_skolerute",
    "read_elever",
    "read_fag",
    "read_hendelser",
    "render_html",
    "render_markdown",
    "rutinemappe",
    "validate",
    "validate_files",
]
