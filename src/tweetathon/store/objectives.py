"""Store reads and writes for an event's objectives and the organiser's evaluation notes (inputs, learning).

The pure side (what a metric is, how an objective is judged) is `organise/objectives.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update

from tweetathon.organise.objectives import Objective
from tweetathon.store.privacy import UnknownEvent
from tweetathon.store.schema import event_evaluation, events, objectives
from tweetathon.store.store import Store


@dataclass(frozen=True, slots=True)
class EvaluationNotes:
    """What the organiser wrote: the inputs (staff hours, cost) and the learning. Empty when nothing yet."""

    inputs: str = ""
    learning: str = ""


def _event_id(conn: Connection, slug: str) -> int:
    found = conn.execute(select(events.c.id).where(events.c.slug == slug)).scalar()
    if found is None:
        raise UnknownEvent(slug)
    return int(found)


def add_objective(store: Store, slug: str, objective: Objective) -> int:
    """Store the objective for event `slug`; its id."""
    with store.engine.begin() as conn:
        values = {"event_id": _event_id(conn, slug), "metric": objective.metric,
                  "comparison": objective.comparison, "target": objective.target, "deadline": objective.deadline,
                  "audiences": objective.audiences, "statement": objective.statement,
                  "recorded_value": objective.recorded_value, "created_at": datetime.now(UTC)}
        key = conn.execute(insert(objectives).values(**values)).inserted_primary_key
        assert key is not None
        return int(key[0])


def list_objectives(store: Store, slug: str) -> list[Objective]:
    """The event's objectives in the order they were added."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(objectives).where(objectives.c.event_id == _event_id(conn, slug))
                            .order_by(objectives.c.id)).all()
    return [Objective(metric=r.metric, comparison=r.comparison, target=r.target, deadline=r.deadline,
                      audiences=r.audiences, statement=r.statement, recorded_value=r.recorded_value, id=r.id)
            for r in rows]


def remove_objective(store: Store, slug: str, objective_id: int) -> bool:
    """Remove one objective of the event; False when it has none with that id."""
    with store.engine.begin() as conn:
        done = conn.execute(delete(objectives).where(objectives.c.event_id == _event_id(conn, slug),
                                                     objectives.c.id == objective_id))
    return bool(done.rowcount)


def record_value(store: Store, slug: str, objective_id: int, value: float | None) -> bool:
    """Record the value measured outside tweetathon for an outcome or impact objective."""
    with store.engine.begin() as conn:
        done = conn.execute(update(objectives).where(objectives.c.event_id == _event_id(conn, slug),
                                                     objectives.c.id == objective_id)
                            .values(recorded_value=value))
    return bool(done.rowcount)


def read_notes(store: Store, slug: str) -> EvaluationNotes:
    with store.engine.connect() as conn:
        row = conn.execute(select(event_evaluation.c.inputs, event_evaluation.c.learning)
                           .where(event_evaluation.c.event_id == _event_id(conn, slug))).first()
    return EvaluationNotes(row.inputs, row.learning) if row else EvaluationNotes()


def write_notes(store: Store, slug: str, *, inputs: str | None = None, learning: str | None = None) -> EvaluationNotes:
    """Replace what is given (inputs, learning); the other stays as it was."""
    with store.engine.begin() as conn:
        event_id = _event_id(conn, slug)
        old = conn.execute(select(event_evaluation).where(event_evaluation.c.event_id == event_id)).first()
        new = EvaluationNotes(old.inputs if inputs is None and old else inputs or "",
                              old.learning if learning is None and old else learning or "")
        values = {"inputs": new.inputs, "learning": new.learning, "updated_at": datetime.now(UTC)}
        if old is None:
            conn.execute(insert(event_evaluation).values(event_id=event_id, **values))
        else:
            conn.execute(update(event_evaluation).where(event_evaluation.c.event_id == event_id).values(**values))
    return new
