"""The audit log as a hash chain: an edited, inserted or removed entry is found by ``audit verify``."""

from __future__ import annotations

import threading

from sqlalchemy import text

from watchkeeper.audit import record_change, verify_chain
from watchkeeper.store import Store


def _write(store: Store, count: int, actor: str = "tester") -> None:
    for n in range(count):
        with store.session() as session:
            record_change(
                session,
                actor=actor,
                action="case.note",
                record_type="case",
                record_id=f"case-{n}",
                before={"note": None},
                after={"note": f"the ship was seen twice, round {n}", "ratio": 0.5},
                reason="a reason",
            )


def test_each_entry_links_to_the_one_before(store: Store) -> None:
    _write(store, 4)
    with store.session() as session:
        check = verify_chain(session)
        rows = session.execute(text("SELECT prev_hash, entry_hash FROM audit_entry ORDER BY id")).all()
    assert check.intact and check.entries == 4 and check.last_hash == rows[-1][1]
    assert rows[0][0] is None and all(rows[i][0] == rows[i - 1][1] for i in range(1, 4))


def test_an_edited_entry_breaks_the_chain(store: Store) -> None:
    _write(store, 3)
    with store.session() as session:
        second = session.execute(text("SELECT id FROM audit_entry ORDER BY id")).all()[1][0]
        session.execute(text("UPDATE audit_entry SET actor = 'someone else' WHERE id = :id"), {"id": second})
    with store.session() as session:
        check = verify_chain(session)
    assert not check.intact and check.breaks == [
        f"entry {second}: its content does not match its hash (edited since)"
    ]


def test_a_removed_entry_breaks_the_chain(store: Store) -> None:
    _write(store, 3)
    with store.session() as session:
        ids = [row[0] for row in session.execute(text("SELECT id FROM audit_entry ORDER BY id"))]
        session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": ids[1]})
    with store.session() as session:
        check = verify_chain(session)
    assert [b.split(":")[0] for b in check.breaks] == [f"entry {ids[2]}"]


def test_concurrent_writers_keep_one_chain(store: Store) -> None:
    threads = [threading.Thread(target=_write, args=(store, 8, f"writer-{n}")) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.session() as session:
        check = verify_chain(session)
    assert check.intact and check.entries == 32


def test_audit_verify_cli(cli) -> None:
    cli.ok("users", "add", "bob", "--role", "analyst", "--password-stdin", input="a long password\n")
    cli.ok("users", "disable", "bob")
    assert "Audit chain intact: 2 entries" in cli.ok("audit", "verify").stdout
    store = Store(cli.settings.database_url)
    with store.session() as session:
        session.execute(text("UPDATE audit_entry SET reason = 'inserted later' WHERE action = 'user.create'"))
    store.dispose()
    broken = cli("audit", "verify")
    assert broken.exit_code == 1 and "edited since" in broken.stderr and "1 problems" in broken.stderr


def test_the_migration_chains_the_entries_written_before_it(sqlite_store: Store) -> None:
    from alembic import command

    from watchkeeper.store import alembic_config

    _write(sqlite_store, 3)
    config = alembic_config(sqlite_store.url)
    command.downgrade(config, "reading_0004")
    command.upgrade(config, "heads")
    with sqlite_store.session() as session:
        check = verify_chain(session)
    assert check.intact and check.entries == 3
