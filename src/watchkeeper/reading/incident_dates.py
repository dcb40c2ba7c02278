"""Which date mention dates which incident: the dates that hang off a trigger in the parse.

A date belongs to the trigger it hangs off ("launched on Monday"), or to a trigger of the verb that governs
it ("In January, North Korea said it had tested ..."); never to another act's noun ("after a nuclear test in
September"). Datelines, resolution years, the same moment in another time zone, the end of a period
("until April") and a period's total ("2021's $3.3 billion") date no incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.knowledge import IncidentKind
from watchkeeper.reading.records import DateRecord, IncidentRecord
from watchkeeper.reading.roles import clause_head, subject_of
from watchkeeper.reading.triggers import other_act
from watchkeeper.vocabulary import DatePrecision, TimexType

# A wire dateline ("SEOUL, Dec 18 (GPA) -") dates the report, not the event: capitals before the date.
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z .'-]+,\s*$")
# "resolution 1718 (2006)": the year a resolution was adopted is part of its name, not a date of the event.
_RESOLUTION_YEAR = re.compile(r"\d{3,4}\s*\(\s*$")
# "2021's $3.3 billion": a period's total, a recap figure, not the date of one act.
_TOTAL_OF = re.compile(r"['’]s\s+(?:US)?[$€£¥]\s?\d")
_SEQUENCE = frozenset({"after", "before", "since", "until", "following"})
# "8:10 am Wednesday (2310 GMT Tuesday)": the same moment in another time zone, not another day.
_OTHER_ZONE = re.compile(r"\(\s*[\d:.]*\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC)\s*$", re.I)
_NTH = re.compile(r"\d+(?:st|nd|rd|th)")
# A length of time in TimeML ("P8D", "P2M") and which way an interval mark counts it from its anchor.
_LENGTH = re.compile(r"P(\d+)([DWMY])")
_INTERVAL_MARKS = {"after": -1, "before": 1}
_FRAMES = frozenset({DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.QUARTER, DatePrecision.YEAR})


def sentence_dates(
    dates: Iterable[DateRecord], text: str, sent: Span, spec: IncidentKind, period_ends: Iterable[str]
) -> list[DateRecord]:
    """The event dates of ``sent`` that may date an incident of ``spec``'s kind."""
    ends = frozenset(period_ends)
    return [
        d
        for d in dates
        if sent.start_char <= d["start"] < sent.end_char
        and not _DATELINE.search(text, 0, d["start"])
        and not _RESOLUTION_YEAR.search(text, 0, d["start"])
        and not _OTHER_ZONE.search(text, max(0, d["start"] - 20), d["start"])
        and _word_before(text, d["start"]) not in ends
        and (spec.periods or d["precision"] != DatePrecision.RANGE)
        and not _TOTAL_OF.match(text, d["end"] - 2 if d["text"][-2:] in ("'s", "’s") else d["end"])
    ]


class DateOwners:
    """Finds the trigger a date mention dates, knowing every kind's act nouns and the verbs of detection."""

    def __init__(
        self,
        acts: frozenset[str],
        detection_lemmas: frozenset[str],
        ordinals: frozenset[str] = frozenset(),
        reporting_lemmas: frozenset[str] = frozenset(),
        ending_lemmas: frozenset[str] = frozenset(),
        comparison_words: frozenset[str] = frozenset(),
    ) -> None:
        self.acts = acts
        self.ending_lemmas = ending_lemmas
        self.comparison_words = comparison_words
        self.detection_lemmas = detection_lemmas
        self.reporting_lemmas = reporting_lemmas
        self.ordinals = ordinals

    def counted_in(self, root: Token, date: DateRecord) -> bool:
        """Whether a period is the frame of a count ("its fifth launch this year", "the first test of 2024",
        "the third time in 2022 that it fired"): it says which year is counted, not when the act was."""
        if date["precision"] not in _FRAMES:
            return False
        for head in root.ancestors:
            if head.pos_ in ("NOUN", "PROPN"):  # the noun the period or its clause hangs off
                return self._counts(head)
            if head.lemma_ == "be" and any(self._counts(c) for c in head.children if c.dep_ == "attr"):
                return True  # "This was the thirteenth time it fired missiles this year"
            if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("relcl", "acl"):
                return False  # the clause of the act itself: a count above it counts something else
        return False

    def _counts(self, noun: Token) -> bool:
        """Whether an ordinal counts the noun ("the fifth launch", "the 13th time")."""
        return any(c.dep_ in ("amod", "nummod", "det") and self._ordinal(c) for c in noun.children)

    def _ordinal(self, token: Token) -> bool:
        return (
            token.ent_type_ == "ORDINAL"
            or token.lower_ in self.ordinals
            or bool(_NTH.fullmatch(token.lower_))
        )

    def owner(self, doc: Doc, date: DateRecord, triggers: list[Token], spec: IncidentKind) -> Token | None:
        """The trigger ``date`` dates, or None when it dates another act or only the report."""
        span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head  # "last Wednesday, Sunday, and Tuesday": each day hangs where the first does
        if self.counted_in(root, date):
            return None
        start = min(span.start, root.i)
        before = doc[start - 2] if start >= 2 and doc[start - 1].dep_ == "prep" else None
        if (
            before is not None
            and before not in triggers
            and before.pos_ == "NOUN"
            and before.lemma_ in self.acts
        ):
            return None  # "a nuclear test in September", however the parser hangs the month
        for ancestor in root.ancestors:
            if ancestor in triggers:
                return ancestor
            if ancestor.pos_ == "NOUN" and (other_act(ancestor, spec) or ancestor.lemma_ in self.acts):
                return None  # "after a nuclear test in September": the month dates the test, not the vote
            if ancestor.pos_ == "NOUN" and any(
                t.lower_ in self.comparison_words for t in ancestor.subtree if t.i < ancestor.i
            ):
                return None  # "double the amount taken the previous year": the base compared with
            if (
                ancestor.dep_ in ("relcl", "acl")
                and ancestor.pos_ in ("VERB", "AUX")
                and not (ancestor.dep_ == "acl" and ancestor.head.head in triggers)
            ):
                # "an embargo that Moscow voted for in 2006", "double the amount taken the previous year":
                # the date dates the clause's own act
                return None
        verb = clause_head(root.head) if root.dep_ != "ROOT" else root
        if verb.lemma_.lower() in self.ending_lemmas and verb not in triggers:
            return None  # "the mandate lapsed in April after the veto": the ending's date, not the veto's
        # "adopted in December 2017, after the test": the date is the other act's, not the one set before it
        # (but "plunged into the sea in May soon after liftoff" is the liftoff's day)
        other = verb not in triggers and verb.lemma_.lower() in self.acts
        same = [t for t in triggers if clause_head(t) == verb and not (other and t.head.lower_ in _SEQUENCE)]
        if same:
            return min(same, key=lambda t: abs(t.i - root.i))
        # "In January, North Korea said it had tested ...": a period on the reporting verb dates the event;
        # a day there ("said on Tuesday") is when it was reported
        # ... but not one put before or after it ("launched in October, after Russia's veto ended the panel");
        # a day on a detection ("was detected on Wednesday", "said Monday it detected missiles launched")
        # dates the act too
        governing = [t for t in triggers if verb in clause_head(t).ancestors and not sequenced(t)]
        if not governing:
            return None
        detected = any(
            h.lemma_.lower() in self.detection_lemmas
            for h in (verb, *clause_head(governing[0]).ancestors, clause_head(governing[0]))
            if h.i >= min(verb.i, governing[0].i) or h is verb
        )
        # "its attempt to launch a satellite failed Thursday": a day on a verb that tells no one dates the act
        told = verb.lemma_.lower() in self.reporting_lemmas
        return governing[0] if date["precision"] != DatePrecision.DAY or detected or not told else None


def finest(dates: list[DateRecord]) -> list[DateRecord]:
    """A trigger's dates without calendar frames around others ("Sunday and Tuesday this week": two days);
    a period ("since September 2023") is a date of its own."""
    return [
        d
        for d in dates
        if d["precision"] not in _FRAMES
        or not any(
            o is not d
            and DatePrecision(o["precision"]).rank < DatePrecision(d["precision"]).rank
            and d["date"] <= o["date"] <= (d["date_end"] or d["date"])
            for o in dates
        )
    ]


def sequenced(trigger: Token) -> bool:
    """Whether the trigger's act is set before or after another ("after Russia's veto", "before it fired")."""
    verb = clause_head(trigger)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return bool((marks | {trigger.head.lower_}) & _SEQUENCE)


def _word_before(text: str, at: int) -> str:
    """The lower-cased word just before ``at`` ("" at the start of the text)."""
    words = text[max(0, at - 15) : at].split()
    return words[-1].lower() if words else ""


def interval_dates(
    doc: Doc,
    sent: Span,
    records: Iterable[DateRecord],
    triggers: list[Token],
    acts: dict[str, str],
    earlier: Sequence[IncidentRecord],
    published: str,
) -> dict[int, DateRecord]:
    """Dates of acts placed a length of time from another ("The launch came eight days after North Korea
    fired ...": the firing is eight days before the launch), by trigger index. The anchor is the latest
    dated incident so far of the kind the clause's subject names (``acts``: lemma → kind), else the
    publication date ("The report came a day after ...")."""
    out: dict[int, DateRecord] = {}
    for length in records:
        match = _LENGTH.fullmatch(length.get("value", ""))
        if length.get("type") != TimexType.DURATION or match is None:
            continue
        span = doc.char_span(length["start"], length["end"], alignment_mode="expand")
        if span is None or not sent.start <= span.start < span.end < sent.end:
            continue
        mark = doc[span.end]
        if mark.lower_ not in _INTERVAL_MARKS:
            continue
        scope = [*mark.subtree, *(mark.head.subtree if mark.dep_ == "mark" else [])]
        placed = next((t for t in triggers if t.i > mark.i and t in scope), None)
        if placed is None:
            continue
        # the clause the interval is measured from: above the "after" clause ("The launch came ... after ...")
        placed_clause = mark.head if mark.dep_ == "mark" else mark
        subject = subject_of(clause_head(placed_clause.head))
        kind = acts.get(subject.lemma_.lower()) if subject is not None else None
        anchors = [i for i in earlier if i["kind"] == kind and i["precision"] != DatePrecision.PUBLICATION]
        anchor = anchors[-1]["date"] if anchors else published
        count = int(match.group(1)) * _INTERVAL_MARKS[mark.lower_]
        out[placed.i] = _shifted(length, date.fromisoformat(anchor[:10]), count, match.group(2))
    return out


def _shifted(length: DateRecord, anchor: date, count: int, unit: str) -> DateRecord:
    """The date ``count`` units from ``anchor``, at the precision the unit supports (months give a month)."""
    if unit in "DW":
        day = anchor + timedelta(days=count * (7 if unit == "W" else 1))
        value, precision = day.isoformat(), DatePrecision.DAY
    elif unit == "M":
        months = anchor.year * 12 + anchor.month - 1 + count
        value, precision = f"{months // 12:04d}-{months % 12 + 1:02d}-01", DatePrecision.MONTH
    else:
        value, precision = f"{anchor.year + count:04d}-01-01", DatePrecision.YEAR
    return {
        "start": length["start"],
        "end": length["end"],
        "text": length["text"],
        "date": value,
        "date_end": value,
        "precision": precision,
    }


def counted(trigger: Token, numbers: dict[str, int], most: int = 10) -> int:
    """How many acts a trigger counts, when a number says so: "two launches last month", "three rounds of
    firings", "follows two earlier this month" (a number standing for the acts); 1 otherwise."""
    nouns = [trigger, trigger.head.head] if trigger.head.dep_ == "prep" else [trigger]
    found = [c for n in nouns if n.pos_ == "NOUN" for c in n.children if c.dep_ == "nummod"]
    verb = clause_head(trigger)
    found += [c for c in verb.children if c.pos_ == "NUM" and c.dep_ in ("dobj", "nsubj", "attr")]
    for token in found:
        value = numbers.get(token.lower_) or (int(token.text) if token.text.isdigit() else 0)
        if 1 < value <= most:
            return value
    return 1
