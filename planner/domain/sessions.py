"""What a session is made of, read the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from planner.domain import text
from planner.errors import NotFound, PlannerError, ValidationError, refuse
from planner.models import SESSION_LANGUAGES, Session, SessionDraft, SessionFormat

MAX_LENGTH_SLOTS = 4  # slots one session may last
MAX_COHOSTS = 5
MAX_TOPICS_PER_SESSION = 5


def host_names(session: Session) -> tuple[str, ...]:
    """The names of a session's hosts: the accounts in order, then the host without an account.

    A session pitched on site or imported from CSV may have only a host
    without an account (``Session.host_name``); every place that shows or
    freezes the hosts reads them here, so that host is never left out.
    """
    return tuple(h.name for h in session.hosts) + ((session.host_name,) if session.host_name else ())


@dataclass(frozen=True)
class Known:
    """What a draft is checked against: the event's room features, its topics and the active accounts."""

    features: frozenset[str] = frozenset()
    topic_ids: frozenset[int] = frozenset()
    usernames: Mapping[str, int] = field(default_factory=dict)  # active username -> user id


@dataclass(frozen=True)
class CheckedDraft:
    """A draft that passed: the session's columns, its co-hosts' ids and its topics."""

    values: dict
    cohost_ids: tuple[int, ...]
    topic_ids: tuple[int, ...]


def draft_refusals(draft: SessionDraft, known: Known, *, first_host_id: int | None = None
                   ) -> list[tuple[str, PlannerError]]:
    """Everything wrong with a draft, each with the field it is about (empty: it passes).

    The one session check: the store refuses with the first of these, the
    CSV import shows them all next to their row.
    """
    return _examine(draft, known, first_host_id)[1]


def _examine(draft: SessionDraft, known: Known, first_host_id: int | None
             ) -> tuple[CheckedDraft, list[tuple[str, PlannerError]]]:
    """The draft checked field by field: what passed (cleaned) and what was refused."""
    refusals: list[tuple[str, PlannerError]] = []

    def check(field_name: str, fn, *args):
        try:
            return fn(*args)
        except PlannerError as err:
            refusals.append((field_name, err))
            return None

    title = check("title", text.check_title, draft.title)
    description = check("description", text.check_description, draft.description)
    if draft.format not in {f.value for f in SessionFormat}:
        refusals.append(("format", ValidationError("error.format_invalid")))
    if not isinstance(draft.length, int) or isinstance(draft.length, bool) or not 1 <= draft.length <= MAX_LENGTH_SLOTS:
        refusals.append(("length", ValidationError("error.length_invalid", max=MAX_LENGTH_SLOTS)))
    if draft.language not in SESSION_LANGUAGES:
        refusals.append(("language", ValidationError("error.language_invalid")))
    doc_url = check("doc_url", text.check_url, draft.doc_url)
    unknown_needs = sorted(set(draft.needs) - known.features)
    if unknown_needs:
        refusals.append(("needs", ValidationError("error.need_unknown", need=", ".join(unknown_needs)[:80])))
    topic_ids = set(draft.topic_ids)
    if not topic_ids and known.topic_ids:  # an event without topics yet takes proposals without
        refusals.append(("topics", ValidationError("error.topic_required")))
    elif len(topic_ids) > MAX_TOPICS_PER_SESSION:
        refusals.append(("topics", ValidationError("error.topics_too_many", max=MAX_TOPICS_PER_SESSION)))
    elif topic_ids - known.topic_ids:
        refusals.append(("topics", NotFound("error.topic_missing")))
    cohosts = check("cohosts", cohost_ids, draft, known, first_host_id)
    if refusals:
        return CheckedDraft({}, (), ()), refusals
    values = {
        "title": title,
        "title_key": text.title_key(title),
        "description": description,
        "format": SessionFormat(draft.format).value,
        "length": draft.length,
        "language": draft.language,
        "doc_url": doc_url,
        "needs": sorted(set(draft.needs)),
    }
    return CheckedDraft(values, cohosts, tuple(sorted(topic_ids))), []


def cohost_ids(draft: SessionDraft, known: Known, first_host_id: int | None) -> tuple[int, ...]:
    """The draft's co-hosts (``@`` optional) as account ids, without the first host."""
    names = [text.clean_line(n).lstrip("@").lower() for n in draft.cohosts if n.strip()]
    if len(set(names)) > MAX_COHOSTS:
        raise ValidationError("error.cohosts_too_many", max=MAX_COHOSTS)
    ids = []
    for name in dict.fromkeys(names):
        if name not in known.usernames:
            raise ValidationError("error.cohost_unknown", username=name[:40])
        if known.usernames[name] != first_host_id:
            ids.append(known.usernames[name])
    return tuple(ids)


def check_draft(draft: SessionDraft, known: Known, *, first_host_id: int | None = None,
                title_taken: Callable[[str], PlannerError | None] | None = None) -> CheckedDraft:
    """The draft's columns, or its refusals raised (all of them, :class:`Refusals` when several).

    ``title_taken`` (given the title's key) says whether another session has the title: asked
    only for a title that is fine otherwise, so a form names a taken title with the rest.
    """
    checked, refusals = _examine(draft, known, first_host_id)
    if title_taken is not None and not any(name == "title" for name, _ in refusals):
        taken = title_taken(text.title_key(text.check_title(draft.title)))
        if taken is not None:
            refusals.insert(0, ("title", taken))
    refuse([err for _, err in refusals])
    return checked


def resolve_host(written: str | None, usernames: Mapping[str, int]) -> tuple[int | None, str]:
    """A host as typed for a pitch or an import: ``@username`` of an active account -> (its id, "");
    any other text -> (None, the name of a host without an account)."""
    name = text.clean_line(written)
    if not name:
        raise ValidationError("error.host_required")
    if name.startswith("@"):
        username = name[1:].lower()
        if username not in usernames:
            raise ValidationError("error.host_unknown", username=name[1:40])
        return usernames[username], ""
    if len(name) > text.NAME_MAX:
        raise ValidationError("error.name_long", max=text.NAME_MAX, length=len(name))
    return None, name
