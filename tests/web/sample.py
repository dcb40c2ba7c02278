"""A small hand-made evidence base for the workbench tests and the web benchmark.

Documents with entities, quotes, claims and incidents at exact spans, assessed incidents with evidence and a
measure link, a maritime event with a track excerpt, a cap notification, and the bundled UN vessel list (for
screening). ``scale`` adds that many generated filler documents (for the benchmark's demo-like workspace).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import select

from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.vessels_csv import parse_vessels_csv
from watchkeeper.regime import load_regime, sync_regime
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.assess import (
    AssessedIncident,
    AssessedIncidentEvidence,
    CapNotification,
    MeasureLink,
)
from watchkeeper.store.models.evidence import Document, Story
from watchkeeper.store.models.maritime import MaritimeEvent
from watchkeeper.store.models.reading import Claim, Entity, Incident, IncidentActor, Mention, Quote

MISSILE = (
    "North Korea launched a ballistic missile into the East Sea on 12 March 2024, the Joint Chiefs of Staff "
    'said. "We will respond firmly to any provocation," said Yoon Suk Yeol. The launch violated Security '
    "Council resolutions, officials in Seoul said. Pyongyang denied that the test breached any resolution."
)
OIL = (
    "The tanker NEW CONCORD transferred refined petroleum to a North Korean vessel in a ship-to-ship "
    "transfer near Shanghai in June 2024, satellite imagery showed. "
    "Officials accused North Korea of evading the cap."
)
HOSTILE = "A note with markup: <script>alert('x')</script> & <b>bold</b> text about sanctions evasion."
FILLER_TOPICS = ("missile test", "oil transfer", "cyber theft", "arms shipment", "overseas workers", "veto")


@dataclass
class Sample:
    """The ids the tests look for."""

    missile_doc: str = ""
    copy_doc: str = ""
    oil_doc: str = ""
    hostile_doc: str = ""
    story: str = ""
    kim: str = "country:north-korea"
    yoon: str = "person:yoon-suk-yeol"
    missile_incident: str = ""
    oil_incident: str = ""
    missile_evidence: list[str] = field(default_factory=list)
    measure_id: str = ""
    measure: Any = None
    designation_id: str = ""


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _document(doc_id: str, title: str, text: str, outlet: str, when: datetime, **extra: object) -> Document:
    return Document(
        id=doc_id,
        title=title,
        text=text,
        outlet_id=outlet,
        outlet_name=outlet.replace("-", " ").title(),
        published_at=when,
        published_precision="day",
        content_type="text/plain",
        **{"language": "en", **extra},
    )


def _mention(doc: Document, words: str, label: str, entity_id: str | None) -> Mention:
    start, end = _span(doc.text, words)
    return Mention(
        id=content_id("m", doc.id, start),
        document_id=doc.id,
        start=start,
        end=end,
        sent_start=0,
        sent_end=len(doc.text),
        text=words,
        label=label,
        entity_id=entity_id,
    )


def fill_sample(store: Store, scale: int = 0) -> Sample:
    """Write the sample records into the store (a fresh, migrated one) and return their ids."""
    sample = Sample()
    regime = load_regime()
    when = datetime(2024, 3, 12, 9, tzinfo=UTC)
    with store.session() as session:
        sync_regime(session, regime)
        vessels = parse_vessels_csv(
            str(resources.files("watchkeeper") / "data" / "lists" / "un_1718_vessels.csv")
        )
        import_parsed(session, vessels)
        sample.measure = regime.measures[0]
        sample.measure_id = sample.measure.id
        sample.story = "story-missile"
        session.add(
            Story(
                id=sample.story,
                title="Missile launch, March 2024",
                size=2,
                centroid=b"\0",
                vector_model="test",
                first_at=when,
                last_at=when + timedelta(hours=3),
            )
        )
        missile = _document(
            "doc-missile",
            "North Korea fires ballistic missile",
            MISSILE,
            "pacific-signal",
            when,
            story_id=sample.story,
            copy_group_id="group-1",
        )
        copy = _document(
            "doc-copy",
            "N. Korea missile launch (wire)",
            MISSILE,
            "harbour-ledger",
            when + timedelta(hours=3),
            story_id=sample.story,
            copy_group_id="group-1",
        )
        oil = _document(
            "doc-oil",
            "Tanker seen in ship-to-ship transfer",
            OIL,
            "baltic-standard",
            datetime(2024, 6, 20, tzinfo=UTC),
        )
        hostile = _document(
            "doc-hostile",
            "<script>alert('title')</script> Markup test",
            HOSTILE,
            "ledgerline",
            datetime(2024, 7, 1, tzinfo=UTC),
            language="ko",
        )
        session.add_all([missile, copy, oil, hostile])
        sample.missile_doc, sample.copy_doc, sample.oil_doc, sample.hostile_doc = (
            missile.id,
            copy.id,
            oil.id,
            hostile.id,
        )
        session.add_all(
            [
                Entity(
                    id=sample.kim,
                    type="country",
                    name="North Korea",
                    aliases=["DPRK", "Pyongyang"],
                    source="gazetteer",
                ),
                Entity(id=sample.yoon, type="person", name="Yoon Suk Yeol", aliases=[], source="gazetteer"),
                Entity(
                    id="org:south-korea-joint-chiefs-of-staff",
                    type="org",
                    name="Joint Chiefs of Staff",
                    aliases=[],
                    source="gazetteer",
                ),
                Entity(
                    id="vessel:new-concord",
                    type="vessel",
                    name="NEW CONCORD",
                    aliases=[],
                    source="list",
                    designation_id=None,
                ),
            ]
        )
        session.flush()
        for doc in (missile, copy):
            session.add_all(
                [
                    _mention(doc, "North Korea", "GPE", sample.kim),
                    _mention(doc, "Joint Chiefs of Staff", "ORG", "org:south-korea-joint-chiefs-of-staff"),
                    _mention(doc, "Yoon Suk Yeol", "PERSON", sample.yoon),
                    _mention(doc, "Pyongyang", "GPE", sample.kim),
                ]
            )
        session.add_all(
            [
                _mention(oil, "NEW CONCORD", "VESSEL", "vessel:new-concord"),
                _mention(oil, "North Korea", "GPE", sample.kim),
            ]
        )
        qs, qe = _span(MISSILE, '"We will respond firmly to any provocation,"')
        session.add(
            Quote(
                id="q-1",
                document_id=missile.id,
                start=qs,
                end=qe,
                sent_start=qs,
                sent_end=qe + 25,
                words="We will respond firmly to any provocation,",
                cue="said",
                speaker_text="Yoon Suk Yeol",
                speaker_id=sample.yoon,
            )
        )
        cs, ce = _span(MISSILE, "Pyongyang denied that the test breached any resolution.")
        session.add(
            Claim(
                id="c-deny",
                document_id=missile.id,
                start=cs,
                end=ce,
                sent_start=cs,
                sent_end=ce,
                cue="denied",
                polarity="denies",
                act="breached any resolution",
                claimant_text="Pyongyang",
                claimant_id=sample.kim,
                accused_text="Pyongyang",
                accused_id=sample.kim,
            )
        )
        as_, ae = _span(OIL, "Officials accused North Korea of evading the cap.")
        session.add(
            Claim(
                id="c-accuse",
                document_id=oil.id,
                start=as_,
                end=ae,
                sent_start=as_,
                sent_end=ae,
                cue="accused",
                polarity="asserts",
                act="evading the cap",
                claimant_text="Officials",
                accused_text="North Korea",
                accused_id=sample.kim,
            )
        )
        ms, me = _span(MISSILE, "North Korea launched a ballistic missile into the East Sea on 12 March 2024")
        session.add(
            Incident(
                id="i-missile",
                document_id=missile.id,
                start=ms,
                end=me,
                sent_start=ms,
                sent_end=me,
                kind="missile_launch",
                trigger="launched",
                date=date(2024, 3, 12),
                precision="day",
                place_text="East Sea",
                quantities=[],
                mentions=[],
                status="reported",
            )
        )
        os_, oe = _span(
            OIL, "transferred refined petroleum to a North Korean vessel in a ship-to-ship transfer"
        )
        session.add(
            Incident(
                id="i-oil",
                document_id=oil.id,
                start=os_,
                end=oe,
                sent_start=os_,
                sent_end=oe,
                kind="ship_to_ship_transfer",
                trigger="transferred",
                date=date(2024, 6, 1),
                precision="month",
                place_text="near Shanghai",
                quantities=[],
                mentions=[],
                status="reported",
            )
        )
        session.flush()
        session.add(
            IncidentActor(incident_id="i-missile", role="launcher", entity_id=sample.kim, text="North Korea")
        )
        _assessed(session, sample)
        session.add(
            MaritimeEvent(
                id="ev-encounter",
                kind="encounter",
                incident_kind="ship_to_ship_transfer",
                mmsis=["477000001", "445000002"],
                vessels=[
                    {"mmsi": "477000001", "name": "NEW CONCORD"},
                    {"mmsi": "445000002", "name": "CHON MA SAN"},
                ],
                start_at=datetime(2024, 6, 1, 2, tzinfo=UTC),
                end_at=datetime(2024, 6, 1, 8, tzinfo=UTC),
                lat=30.9,
                lon=123.1,
                designation_ids=[sample.designation_id],
                matches=[],
                measure_hints=[],
                details={"distance_m": 40},
                track=[
                    {
                        "mmsi": m,
                        "ts": f"2024-06-01T0{h}:00:00+00:00",
                        "lat": 30.7 + 0.05 * h + d,
                        "lon": 122.9 + 0.05 * h,
                    }
                    for m, d in ((477000001, 0.0), (445000002, 0.01))
                    for h in range(6)
                ],
            )
        )
        session.add(
            CapNotification(
                id="cap-1",
                year=2024,
                month=6,
                period="2024-06",
                reporting_state="China",
                commodity="refined_petroleum",
                quantity=1000.0,
                unit="tonnes",
                barrels=7330.0,
                source="1718 Committee",
                imported_from="sample",
            )
        )
        for n in range(scale):
            topic = FILLER_TOPICS[n % len(FILLER_TOPICS)]
            text = (
                f"Report {n} on a {topic}: analysts in Seoul and Vienna discussed the {topic} "
                "and the sanctions regime on North Korea. " * 6
            )
            session.add(
                _document(
                    f"doc-filler-{n:05d}",
                    f"Filler {n}: {topic}",
                    text,
                    f"outlet-{n % 12}",
                    when + timedelta(hours=n),
                )
            )
    return sample


def _explanation(measure: Any) -> dict[str, Any]:
    """A measure link's explanation in the shape the assessment's rules write."""
    return {
        "rule": "sample-rule", "why": "The sample links every incident to one measure.", "conditions": [],
        "measure": measure.id, "resolution": measure.resolution, "paragraph": measure.paragraph,
        "subject": measure.subject, "in_force_on": "2024-03-12",
        "effective_from": measure.effective_from.isoformat(), "amends": list(measure.amends),
        "supersedes": list(measure.supersedes), "amended_by": [], "limit": None, "regime_version": "sample",
        "also": [],
    }  # fmt: skip


def _assessed(session: object, sample: Sample) -> None:
    from watchkeeper.store.models.lists import Designation

    sample.designation_id = session.scalar(select(Designation.id).order_by(Designation.id).limit(1))  # type: ignore[attr-defined]
    features = [
        {
            "name": "independent_sources",
            "value": 2,
            "weight": 1.5,
            "points": 3.0,
            "explanation": "2 independent sources",
        }
    ]
    for inc_id, kind, day, summary, docs in (
        (
            "ai-missile",
            "missile_launch",
            date(2024, 3, 12),
            "North Korea launched a ballistic missile.",
            [
                ("doc-missile", "i-missile", "reports"),
                ("doc-copy", None, "reports"),
                ("doc-missile", None, "denies"),
            ],
        ),
        (
            "ai-oil",
            "ship_to_ship_transfer",
            date(2024, 6, 1),
            "NEW CONCORD transferred petroleum near Shanghai.",
            [("doc-oil", "i-oil", "reports")],
        ),
    ):
        session.add(
            AssessedIncident(  # type: ignore[attr-defined]
                id=inc_id,
                kind=kind,
                date=day,
                precision="day",
                place_text="East Sea",
                status="reported",
                summary=summary,
                grade="C",
                computed_grade="C",
                grade_score=3.0,
                grade_features=features,
                actors=[{"role": "launcher", "name": "North Korea", "entity_id": sample.kim}],
                quantities=[],
                source_count=len(docs),
            )
        )
        session.flush()  # type: ignore[attr-defined]
        for n, (doc_id, incident_id, stance) in enumerate(docs):
            ev_id = content_id("ev", inc_id, n)
            if inc_id == "ai-missile":
                sample.missile_evidence.append(ev_id)
            session.add(
                AssessedIncidentEvidence(  # type: ignore[attr-defined]
                    id=ev_id,
                    assessed_incident_id=inc_id,
                    stance=stance,
                    incident_id=incident_id,
                    document_id=doc_id,
                    quoted="North Korea launched a ballistic missile"
                    if stance == "reports"
                    else "Pyongyang denied",
                    source_key=f"src-{n}",
                    source_name=f"Source {n}",
                    source_class="media",
                    evidence_type="report",
                    direct_cues=[],
                    published_at=datetime(2024, 3, 12, tzinfo=UTC),
                )
            )
        session.add(
            MeasureLink(
                id=content_id("mlink", inc_id),
                assessed_incident_id=inc_id,  # type: ignore[attr-defined]
                measure_id=sample.measure_id,
                rule_id="sample-rule",
                explanation=_explanation(sample.measure),
            )
        )
    sample.missile_incident, sample.oil_incident = "ai-missile", "ai-oil"
