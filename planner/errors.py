"""Errors a user can fix. Each carries a message id and parameters.

The library raises them; the edge (a page, the CLI) turns them into text in
the user's language with :meth:`PlannerError.message`.
"""

from __future__ import annotations

import errno
from typing import Callable, TypeVar

T = TypeVar("T")


class PlannerError(Exception):
    """A problem the user can fix; ``key`` is a message id in planner.i18n."""

    key = "error.generic"

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        from planner.i18n import t

        return t(self.key, lang, **self.params)


class ValidationError(PlannerError):
    """Input that breaks a rule: empty title, unknown co-host, ..."""

    key = "error.invalid"


class Refusals(ValidationError):
    """Several refusals of one form at once, in the order of its fields; ``key``
    and ``params`` are the first's, ``errors`` all of them."""

    def __init__(self, errors: list[PlannerError]) -> None:
        self.errors = tuple(errors)
        super().__init__(errors[0].key, **errors[0].params)

    def message(self, lang: str = "en") -> str:
        return "\n".join(err.message(lang) for err in self.errors)


def refuse(errors: list[PlannerError]) -> None:
    """Raise the refusals found, one as itself and several together; nothing if none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise Refusals(errors)


def check_all(*checks: Callable[[], T]) -> list[T]:
    """Every check's result, or every refusal at once (:func:`refuse`): a form names all its wrong fields."""
    results, errors = [], []
    for check in checks:
        try:
            results.append(check())
        except Refusals as err:
            errors.extend(err.errors)
        except PlannerError as err:
            errors.append(err)
    refuse(errors)
    return results


class NotFound(PlannerError):
    """Something named by the user does not exist (any more)."""

    key = "error.not_found"


class PermissionDenied(PlannerError):
    """The acting user may not do this."""

    key = "error.permission"


class Conflict(PlannerError):
    """Someone else changed or took the thing first (duplicate title, ...)."""

    key = "error.conflict"


class ProblemError(PlannerError):
    """A planning problem file that cannot be solved as given."""

    key = "error.problem"


# What a user can do about a file that cannot be read or written, by the system's error number.
_OS_CAUSES = {errno.ENOENT: "missing", errno.ENOTDIR: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
              errno.EISDIR: "folder", errno.ENOSPC: "full"}


def os_cause(base: str, exc: OSError) -> tuple[str, dict[str, object]]:
    """The message key (``base`` + ``_missing``/``_denied``/``_folder``/``_full``) and parameters for
    ``exc``; an unusual error keeps ``base`` with the error's code name (``EROFS``) as ``reason``,
    never the system's English sentence."""
    cause = _OS_CAUSES.get(exc.errno or 0)
    if cause:
        return f"{base}_{cause}", {}
    return base, {"reason": errno.errorcode.get(exc.errno or 0, exc.__class__.__name__)}
