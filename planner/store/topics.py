"""store.topics: topics and who is interested in them."""

from __future__ import annotations

from planner.domain import text as validation
from planner.errors import Conflict, NotFound, ValidationError
from planner.models import Topic, TopicInterest, User
from planner.store.checks import require_organiser
from planner.store.db import Part
from planner.store.reads import load_topics


class Topics(Part):
    """Topics and who is interested in them."""

    def list(self) -> list[Topic]:
        with self._read() as db:
            return load_topics(db)

    def create(self, actor: User, name: str, colour: str, description: str = "") -> Topic:
        clean = validation.check_topic_name(name)
        col = validation.check_colour(colour)
        desc = validation.check_description(description)
        with self._write() as db:
            require_organiser(db, actor)
            if db.execute("SELECT 1 FROM topics WHERE name = ?", [clean]).fetchone():
                raise Conflict("error.topic_exists", name=clean)
            position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM topics").fetchone()[0]
            db["topics"].insert(
                {"name": clean, "colour": col, "description": desc, "position": position}
            )
            topic_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            return Topic(topic_id, clean, col, desc)

    def update(
        self, actor: User, topic_id: int, name: str, colour: str, description: str = ""
    ) -> Topic:
        clean = validation.check_topic_name(name)
        col = validation.check_colour(colour)
        desc = validation.check_description(description)
        with self._write() as db:
            require_organiser(db, actor)
            if not db.execute("SELECT 1 FROM topics WHERE id = ?", [topic_id]).fetchone():
                raise NotFound("error.topic_missing")
            other = db.execute(
                "SELECT 1 FROM topics WHERE name = ? AND id != ?", [clean, topic_id]
            ).fetchone()
            if other:
                raise Conflict("error.topic_exists", name=clean)
            db["topics"].update(topic_id, {"name": clean, "colour": col, "description": desc})
            return Topic(topic_id, clean, col, desc)

    def delete(self, actor: User, topic_id: int) -> None:
        """Delete a topic; refused while it is the only topic of a session (a session has one)."""
        with self._write() as db:
            require_organiser(db, actor)
            found = db.execute("SELECT name FROM topics WHERE id = ?", [topic_id]).fetchone()
            if not found:
                raise NotFound("error.topic_missing")
            alone = [r[0] for r in db.execute(
                """SELECT s.title FROM sessions s JOIN session_topics st ON st.session_id = s.id
                   WHERE st.topic_id = ? AND s.status = 'proposed'
                     AND (SELECT COUNT(*) FROM session_topics o WHERE o.session_id = s.id) = 1
                   ORDER BY s.title""", [topic_id])]
            if alone:
                raise Conflict("error.topic_only_one", name=found[0], n=len(alone),
                               titles=", ".join(alone[:5]) + (", …" if len(alone) > 5 else ""))
            db.execute("DELETE FROM topics WHERE id = ?", [topic_id])

    def merge(self, actor: User, source_id: int, target_id: int) -> Topic:
        """Fold topic ``source_id`` into ``target_id``: sessions and interest move over."""
        if source_id == target_id:
            raise ValidationError("error.merge_same")
        with self._write() as db:
            require_organiser(db, actor)
            topics = {t.id: t for t in load_topics(db)}
            if source_id not in topics or target_id not in topics:
                raise NotFound("error.topic_missing")
            db.execute(
                """INSERT OR IGNORE INTO session_topics(session_id, topic_id)
                   SELECT session_id, ? FROM session_topics WHERE topic_id = ?""",
                [target_id, source_id],
            )
            db.execute(
                """INSERT OR IGNORE INTO topic_interest(user_id, topic_id)
                   SELECT user_id, ? FROM topic_interest WHERE topic_id = ?""",
                [target_id, source_id],
            )
            db.execute("DELETE FROM topics WHERE id = ?", [source_id])
            return topics[target_id]

    def set_interests(self, user: User, topic_ids: list[int]) -> None:
        """Replace the topics this user cares about."""
        with self._write() as db:
            known = {t.id for t in load_topics(db)}
            unknown = set(topic_ids) - known
            if unknown:
                raise NotFound("error.topic_missing")
            db.execute("DELETE FROM topic_interest WHERE user_id = ?", [user.id])
            db["topic_interest"].insert_all(
                [{"user_id": user.id, "topic_id": t} for t in sorted(set(topic_ids))]
            )

    def interests_of(self, user: User) -> set[int]:
        with self._read() as db:
            return {
                r[0]
                for r in db.execute(
                    "SELECT topic_id FROM topic_interest WHERE user_id = ?", [user.id]
                )
            }

    def interest(self) -> list[TopicInterest]:
        """Per topic: interested users, live sessions under it, votes for them."""
        with self._read() as db:
            rows = db.execute(
                """
                SELECT t.id,
                  (SELECT COUNT(*) FROM topic_interest i JOIN users u ON u.id = i.user_id
                    WHERE i.topic_id = t.id AND u.active = 1),
                  (SELECT COUNT(*) FROM session_topics st JOIN sessions s ON s.id = st.session_id
                    WHERE st.topic_id = t.id AND s.status = 'proposed'),
                  (SELECT COUNT(*) FROM session_topics st JOIN sessions s ON s.id = st.session_id
                    JOIN votes v ON v.session_id = s.id
                    WHERE st.topic_id = t.id AND s.status = 'proposed')
                FROM topics t
                """
            ).fetchall()
            topics = {t.id: t for t in load_topics(db)}
        return [TopicInterest(topics[r[0]], r[1], r[2], r[3]) for r in rows if r[0] in topics]
