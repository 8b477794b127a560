"""Error types. Expected user errors are ShopDeskError; anything else is a bug."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class ShopDeskError(Exception):
    """An expected error whose message is written for the person using the app."""


class NotFound(ShopDeskError):
    pass


class Conflict(ShopDeskError):
    """The change clashes with data already there (a duplicate, a concurrent edit)."""


class NewerDatabase(ShopDeskError):
    """The database was written by a newer version of ShopDesk."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input, and where it was found."""

    where: str
    message: str
    found: str | None = None

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.found:
            text += f" (found: {self.found!r})"
        elif self.found is not None and "empty" not in self.message:  # "is empty (found: empty)" says it twice
            text += " (found: empty)"
        return text


class ValidationFailed(ShopDeskError):
    """Input with one or more problems; every problem is listed, not just the first."""

    def __init__(self, problems: Iterable[Problem], headline: str | None = None):
        self.problems = list(problems)
        self.headline = headline or f"{len(self.problems)} problem(s) found"
        super().__init__(self.headline + "\n" + "\n".join(str(p) for p in self.problems[:50]))

    def for_field(self, field: str) -> list[Problem]:
        return [p for p in self.problems if p.where == field]
