"""read_documents and the CLI on real databases: records with spans, idempotent reruns, who is who."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from watchkeeper.errors import NotFoundError
from watchkeeper.reading.export import records
from watchkeeper.reading.reader import read_documents
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import Claim, Entity, Incident, IncidentActor, Mention, Quote

VETO = (
    "Russia on Thursday vetoed the renewal of the UN Panel of Experts that monitors sanctions on North "
    "Korea. Thirteen of the Security Council's 15 members voted for the draft resolution. Russia voted "
    "against it and "
    "China abstained.\n\nSouth Korea's UN ambassador, Joonkook Hwang, said: \"This is like switching off the "
    'security camera." Washington and its allies accuse Moscow of buying artillery shells from Pyongyang.'
)
ARMS = (
    "Hwang Joon-kook told reporters that North Korea had shipped munitions to Russia. "
    '"The evidence is overwhelming," Hwang said. Kim Jong Un and Kim Jong Il were named in the report.'
)


def _add_documents(store: Store) -> list[str]:
    ids = []
    with store.session() as session:
        for text, day in ((VETO, 28), (ARMS, 29)):
            doc_id = content_id("doc", text)
            session.add(
                Document(
                    id=doc_id,
                    text=text,
                    title=text[:30],
                    content_type="text/plain",
                    published_at=datetime(2024, 3, day, 18, 0, tzinfo=UTC),
                )
            )
            ids.append(doc_id)
    return ids


def _counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in (Mention, Quote, Claim, Incident, IncidentActor, Entity)
        }


def test_read_documents_stores_spans_and_reruns_change_nothing(store: Store) -> None:
    veto_id, arms_id = _add_documents(store)
    summary = read_documents(store)
    assert sorted(summary.read) == sorted([veto_id, arms_id])
    first = _counts(store)
    assert first["mention"] > 10 and first["quote"] == 2 and first["incident"] >= 2

    with store.session() as session:
        quote = session.scalars(select(Quote).where(Quote.document_id == veto_id)).one()
        assert VETO[quote.start : quote.end] == quote.words
        assert quote.speaker_id == "person:hwang-joon-kook"
        vote = session.scalars(select(Incident).where(Incident.kind == "council_vote")).one()
        assert str(vote.date) == "2024-03-28" and vote.tally == {"for": 13, "against": 1, "abstain": 1}
        # who is who: both spellings of one ambassador and the surname alone are one entity
        hwang = session.get(Entity, "person:hwang-joon-kook")
        assert {"Joonkook Hwang", "Hwang"} <= set(hwang.aliases)
        kims = set(session.scalars(select(Mention.entity_id).where(Mention.text.like("Kim Jong%"))))
        assert kims == {"person:kim-jong-un", "person:kim-jong-il"}

    assert read_documents(store).read == []  # resumable: nothing left to read
    assert read_documents(store, [veto_id], force=True).read == [veto_id]
    assert _counts(store) == first  # rereading replaced that document's records


def test_unknown_document_id_is_a_user_error(sqlite_store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document with id 'nope'"):
        read_documents(sqlite_store, ["nope"])


def test_cli_read_show_and_export(sqlite_cli) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_cli.settings.database_url)
    veto_id, _ = _add_documents(store)
    store.dispose()
    assert sqlite_cli("read").exit_code == 1  # neither ids nor --all
    summary = json.loads(sqlite_cli.ok("read", "--all", "--json").stdout)
    assert summary["read"] == 2

    shown = json.loads(sqlite_cli.ok("docs", "show", veto_id, "--json").stdout)
    assert {q["speaker_id"] for q in shown["quotes"]} == {"person:hwang-joon-kook"}
    claim = next(c for c in shown["claims"] if c["polarity"] == "asserts")
    assert claim["claimant_id"] == "country:united-states" and claim["accused_id"] == "country:russia"
    assert all(shown["text"][m["start"] : m["end"]] == m["text"] for m in shown["mentions"])

    profile = json.loads(sqlite_cli.ok("entities", "show", "Joonkook Hwang", "--json").stdout)
    assert profile["id"] == "person:hwang-joon-kook" and len(profile["mentions"]) == 2
    assert len(profile["quotes"]) == 2
    listed = [json.loads(line) for line in sqlite_cli.ok("entities", "list", "--json").stdout.splitlines()]
    assert any(e["id"] == "country:north-korea" and e["documents"] == 2 for e in listed)
    assert sqlite_cli("entities", "show", "Nobody At All").exit_code == 1

    exported = [
        json.loads(line) for line in sqlite_cli.ok("export", "--format", "json").stdout.splitlines() if line
    ]
    types = {r["type"] for r in exported}
    assert {"entity", "mention", "quote", "claim", "document_incident"} <= types
    incident = next(r for r in exported if r["type"] == "document_incident" and r["kind"] == "council_vote")
    assert any(
        a["role"] == "voters_against" and a["entity_id"] == "country:russia" for a in incident["actors"]
    )


def test_corpus_articles_store_cleanly(sqlite_store: Store) -> None:
    """Real articles (one names the same accused twice in a clause) store without clashing ids."""
    from watchkeeper.reading.corpus import load_corpus

    wanted = {"msmt-01-global-press-agency", "oil-05-northern-policy-digest", "veto-04-han-river-dispatch"}
    articles = [a for a in load_corpus() if a.id in wanted]
    with sqlite_store.session() as session:
        for a in articles:
            session.add(
                Document(
                    id=content_id("doc", a.text),
                    text=a.text,
                    title=a.id,
                    content_type="text/plain",
                    published_at=datetime(a.published.year, a.published.month, a.published.day, tzinfo=UTC),
                )
            )
    summary = read_documents(sqlite_store)
    assert len(summary.read) == len(articles) == 3
    assert summary.counts["claims"] > 0 and summary.counts["incidents"] > 0


@pytest.mark.slow
def test_designated_names_link_mentions_to_designations(sqlite_cli) -> None:  # type: ignore[no-untyped-def]
    """With the UN list imported, the gazetteer knows its names: the mention carries the designation."""
    from watchkeeper.store.models.lists import Designation

    sqlite_cli.ok("lists", "import-un", "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml")
    store = Store(sqlite_cli.settings.database_url)
    text = (
        "Investigators said Korea Mining Development Trading Corporation arranged the shipment of munitions."
    )
    with store.session() as session:
        session.add(
            Document(
                id=content_id("doc", text),
                text=text,
                content_type="text/plain",
                published_at=datetime(2024, 5, 1, tzinfo=UTC),
            )
        )
        designation_id = session.scalars(
            select(Designation.id).where(
                Designation.name.ilike("korea mining development trading corporation")
            )
        ).first()
    read_documents(store)
    with store.session() as session:
        mention = session.scalars(select(Mention).where(Mention.text.like("Korea Mining%"))).one()
        entity = session.get(Entity, mention.entity_id)
        assert designation_id is not None
        assert entity.designation_id == designation_id and entity.source == "designation"
    store.dispose()


def test_an_incident_is_exported_with_its_sentence_and_whether_it_is_main(sqlite_store: Store) -> None:
    veto_id, _ = _add_documents(sqlite_store)
    read_documents(sqlite_store)
    with sqlite_store.session() as session:
        incidents = [r for r in records(session) if r["type"] == "document_incident"]
    vote = next(r for r in incidents if r["kind"] == "council_vote")
    assert vote["evidence"] == VETO[vote["start"] : vote["end"]] and "vetoed" in vote["evidence"]
    assert vote["is_main"] is True
    assert sum(r["is_main"] for r in incidents if r["document_id"] == veto_id) == 1


def test_counted_launches_are_stored_as_separate_incidents(sqlite_store: Store) -> None:
    text = "North Korea carried out two missile launches last month, the military said."
    doc_id = content_id("doc", text)
    with sqlite_store.session() as session:
        session.add(
            Document(
                id=doc_id,
                text=text,
                title="Launches",
                content_type="text/plain",
                published_at=datetime(2024, 5, 3, 9, 0, tzinfo=UTC),
            )
        )
    assert read_documents(sqlite_store).read == [doc_id]
    with sqlite_store.session() as session:
        ids = session.scalars(select(Incident.id).where(Incident.document_id == doc_id)).all()
    assert len(ids) == 2 and len(set(ids)) == 2
