"""Tests for the public surface: `__all__`, and the exception hierarchy."""

from __future__ import annotations

import inspect
import types

import pytest

import fravarsregler
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
