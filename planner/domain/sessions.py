"""What a session is made of, read the same way everywhere."""

from __future__ import annotations

from planner.models import Session

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
