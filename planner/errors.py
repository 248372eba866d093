"""Errors a user can fix. Each carries a message id and parameters.

The library raises them; the edge (a page, the CLI) turns them into text in
the user's language with :meth:`PlannerError.message`.
"""

from __future__ import annotations


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
