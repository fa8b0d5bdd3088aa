"""Events made before privacy settings existed get a random secret of their own and pseudonymise the public."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tweetathon.store.engine import alembic_config, make_engine
from tweetathon.store.privacy import event_privacy
from tweetathon.store.store import Store


def test_migration_gives_existing_events_their_own_secret_and_the_default(db_url: str) -> None:
    engine = make_engine(db_url)
    config = alembic_config(engine)
    command.upgrade(config, "head")
    command.downgrade(config, "0003")  # a database as the version before privacy settings left it
    with engine.begin() as conn:
        for slug in ("old-a", "old-b"):
            conn.execute(text("INSERT INTO events (slug, name, hashtags, kind, zone, created_at) "
                              "VALUES (:slug, :name, 'poltwt', 'tweetathon', 'UTC', CURRENT_TIMESTAMP)"),
                         {"slug": slug, "name": slug})
    engine.dispose()
    with Store.open(db_url) as store:
        a, b = event_privacy(store, "old-a"), event_privacy(store, "old-b")
        assert len(a.secret) == 32 and len(b.secret) == 32 and a.secret != b.secret
        assert a.pseudonymise_public and a.retention is None
        assert event_privacy(store, "old-a") == a  # kept, not made again
