"""Tests for the public surface: `__all__`, and the exception hierarchy."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import pytest

import fravarsregler
import fravarsregler.testing
from fravarsregler import FravarsreglerError


def _offentlige_navn() -> set[str]:
    """Names bound in the package that do not start with `_` and are not submodules."""
    return {
        navn
        for navn, verdi in vars(fravarsregler).items()
        if not navn.startswith("_") and not isinstance(verdi, types.ModuleType)
    }


def _unntak() -> list[type[BaseException]]:
    return [
        verdi
        for navn in fravarsregler.__all__
        if inspect.isclass(verdi := getattr(fravarsregler, navn)) and issubclass(verdi, BaseException)
    ]


class TestAll:
    """`fravarsregler.__all__` is sorted and lists exactly the names the package re-exports."""

    def test_sortert(self) -> None:
        assert fravarsregler.__all__ == sorted(fravarsregler.__all__)

    def test_ingen_dubletter(self) -> None:
        assert len(fravarsregler.__all__) == len(set(fravarsregler.__all__))

    def test_samme_som_offentlige_navn(self) -> None:
        assert set(fravarsregler.__all__) == _offentlige_navn()

    def test_stjerneimport(self) -> None:
        navnerom: dict[str, object] = {}
        exec("from fravarsregler import *", navnerom)
        assert set(navnerom) - {"__builtins__"} == set(fravarsregler.__all__)


def test_import_laster_ikke_de_tunge_avhengighetene() -> None:
    """``import fravarsregler`` (and so ``--help``/``--version``) leaves holidays, jsonschema and
    jinja2 for the calls that need them: together they took most of a second to import."""
    import subprocess
    import sys

    tunge = "('holidays', 'jsonschema', 'jinja2')"
    kode = f"import sys, fravarsregler; print(sorted(m for m in {tunge} if m in sys.modules))"
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True).stdout
    assert ut == "[]\n"


class TestUnntak:
    """Every public exception subclasses FravarsreglerError and says when it is raised."""

    def test_det_finnes_unntak(self) -> None:
        assert FravarsreglerError in _unntak()
        assert len(_unntak()) > 1

    @pytest.mark.parametrize("unntak", _unntak(), ids=lambda u: u.__name__)
    def test_arver_fra_basen(self, unntak: type[BaseException]) -> None:
        assert issubclass(unntak, FravarsreglerError)

    @pytest.mark.parametrize("unntak", _unntak(), ids=lambda u: u.__name__)
    def test_docstring_sier_naar(self, unntak: type[BaseException]) -> None:
        assert (unntak.__doc__ or "").startswith("Raised ")

    def test_basen_er_et_vanlig_unntak(self) -> None:
        assert issubclass(FravarsreglerError, Exception)


class TestApiside:
    """docs/api.md describes every public name, and only those."""

    SIDE = Path(__file__).resolve().parent.parent / "docs" / "api.md"

    def _navn_i_tabellene(self) -> set[str]:
        # the first column of each table row: `name(...)`, or several names `A`, `B`
        navn: set[str] = set()
        for linje in self.SIDE.read_text(encoding="utf-8").splitlines():
            if linje.startswith("| `"):
                forste = linje.split(" | ")[0]
                navn.update(re.findall(r"`([A-Za-z_]\w*)", forste))
        return navn

    def test_hvert_offentlig_navn_er_beskrevet(self) -> None:
        offentlige = set(fravarsregler.__all__) | set(fravarsregler.testing.__all__)
        assert offentlige - self._navn_i_tabellene() == set()

    def test_siden_nevner_ingen_navn_som_ikke_er_offentlige(self) -> None:
        offentlige = set(fravarsregler.__all__) | set(fravarsregler.testing.__all__)
        assert self._navn_i_tabellene() - offentlige == set()

    def test_nokkelordene_i_signaturene_finnes(self) -> None:
        # a keyword shown as `name=` in a signature cell must be a parameter of that function
        for linje in self.SIDE.read_text(encoding="utf-8").splitlines():
            treff = re.match(r"\| `(\w+)\(([^`]*)\)", linje)
            if not treff:
                continue
            navn, argumenter = treff.groups()
            funksjon = getattr(fravarsregler, navn, None) or getattr(fravarsregler.testing, navn)
            parametere = set(inspect.signature(funksjon).parameters)
            vist = {a.strip().split("=")[0] for a in argumenter.split(",") if a.strip() and a.strip() != "*"}
            assert vist <= parametere, (navn, vist - parametere)
