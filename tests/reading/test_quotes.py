"""The quotes component's rules, one sentence or two each (our own words, through the full pipeline)."""

from __future__ import annotations

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.quotemarks import find_quote_marks
from watchkeeper.reading.records import QuoteRecord


def _quotes(nlp: Language, text: str) -> list[QuoteRecord]:
    return read_text(text, nlp=nlp).quotes


def test_any_verb_in_an_attribution_clause_beside_the_quote_is_a_cue(nlp: Language) -> None:
    (quote,) = _quotes(nlp, '"We will win this county by a mile," John Carter chortled on Tuesday.')
    assert quote["speaker"]["text"] == "John Carter"
    assert quote["source"]["kind"] == "named"


def test_a_colon_after_the_speaker_introduces_the_quote(nlp: Language) -> None:
    text = 'In a statement on Friday, Maria Lopez wrote: "The budget leaves our schools behind."'
    (quote,) = _quotes(nlp, text)
    assert (quote["speaker"]["text"], quote["cue"]) == ("Maria Lopez", "wrote")


def test_a_bare_name_and_colon_introduces_the_quote(nlp: Language) -> None:
    (quote,) = _quotes(nlp, 'Asked about the delay, Maria Lopez: "We need another week."')
    assert (quote["speaker"]["text"], quote["cue"]) == ("Maria Lopez", ":")


def test_the_colon_may_end_the_paragraph_before_the_quote(nlp: Language) -> None:
    text = 'Maria Lopez went on:\n\n"Nobody in this town asked for a new stadium."'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["text"] == "Maria Lopez"


def test_a_name_after_a_dash_signs_the_quote(nlp: Language) -> None:
    (quote,) = _quotes(nlp, "“The debate changed nothing for me.” ― Maria Lopez")
    assert quote["speaker"]["text"] == "Maria Lopez"


def test_according_to_names_the_source(nlp: Language) -> None:
    text = 'The plan was "dead on arrival," according to John Carter.'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["text"] == "John Carter"


def test_split_quote_around_its_attribution_sentence_is_one_quote(nlp: Language) -> None:
    text = '"The roads are a disgrace," John Carter said. "Every winter they get worse."'
    (quote,) = _quotes(nlp, text)
    assert [f["text"] for f in quote["fragments"]] == [
        "The roads are a disgrace",
        "Every winter they get worse.",
    ]
    assert quote["text"] == "The roads are a disgrace Every winter they get worse."


def test_split_quote_around_a_comma_attribution_is_one_quote(nlp: Language) -> None:
    text = '"We counted every ballot," Maria Lopez said, "and we will count them again."'
    (quote,) = _quotes(nlp, text)
    assert len(quote["fragments"]) == 2
    assert quote["speaker"]["text"] == "Maria Lopez"


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker_before(nlp: Language) -> None:
    text = (
        '"The turnout surprised everyone," John Carter said at the rally.\n\n'
        '"People waited in the rain for hours to vote."'
    )
    quotes = _quotes(nlp, text)
    assert [q["speaker"]["text"] for q in quotes] == ["John Carter", "John Carter"]
    assert quotes[1]["cue"] == "continued"


def test_a_description_speaker_is_kept_as_spoken(nlp: Language) -> None:
    (quote,) = _quotes(nlp, '"The mayor has no plans to resign," a spokeswoman said.')
    assert quote["speaker"]["text"] == "a spokeswoman"
    assert quote["speaker"]["type"] == "description"
    assert quote["source"]["kind"] == "description"


def test_a_description_with_an_apposition_is_the_person_named(nlp: Language) -> None:
    text = '"We expect a close race," the campaign\'s manager, Maria Lopez, told reporters.'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["text"] == "Maria Lopez"


def test_he_and_she_take_the_nearest_speaker_of_their_gender(nlp: Language) -> None:
    text = (
        'Mr. Carter spoke first. "The bill is fair," Mr. Carter said. '
        '"It is not," Ms. Lopez replied. "It helps nobody who works," he said.'
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1]["speaker"]["text"].endswith("Carter")
    at = text.rindex("he said")
    assert quotes[-1]["source"] == {"start": at, "end": at + 2, "text": "he", "kind": "pronoun"}


def test_a_first_name_tells_the_gender(nlp: Language) -> None:
    text = (
        '"The vote is on Monday," Linda Brooks said. "We have the numbers," Robert Hale said. '
        '"Monday is too late," she added.'
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1]["speaker"]["text"] == "Linda Brooks"


def test_it_and_they_take_an_organisation(nlp: Language) -> None:
    text = (
        "The State Department said it was watching closely. John Carter called it a bluff. "
        '"We will respond in kind," it said in a statement.'
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1]["speaker"]["type"] == "org"


def test_titles_of_shows_are_not_quotes(nlp: Language) -> None:
    text = 'Maria Lopez told "Sunday Morning Roundup" that she would run again.'
    assert _quotes(nlp, text) == []


def test_what_a_naming_verb_names_is_not_a_quote(nlp: Language) -> None:
    text = 'Critics said the governor dubbed the plan "Operation Clean Sweep" last year.'
    assert _quotes(nlp, text) == []


def test_a_relative_clause_after_a_quote_is_not_its_attribution(nlp: Language) -> None:
    text = 'The group runs a program called "Fresh Start", which local officials praised.'
    assert _quotes(nlp, text) == []


def test_a_short_answer_beside_its_attribution_is_a_quote(nlp: Language) -> None:
    (quote,) = _quotes(nlp, '"Absolutely," Maria Lopez said when asked about a second term.')
    assert quote["text"] == "Absolutely"


def test_each_turn_of_a_quoted_transcript_is_a_quote_by_its_speaker(nlp: Language) -> None:
    text = (
        'The exchange went like this:\n\n"HOST: Will you run again next year?\n\n'
        '"GUEST: I have not decided, and I will tell you when I have."'
    )
    quotes = _quotes(nlp, text)
    assert [(q["speaker"]["text"], q["text"]) for q in quotes] == [
        ("HOST", "Will you run again next year?"),
        ("GUEST", "I have not decided, and I will tell you when I have."),
    ]


def test_straight_quotes_run_on_over_several_paragraphs() -> None:
    text = '"First paragraph of the letter.\n\n"Second paragraph.\n\n"Third and last."\n\nThen the news.'
    (mark,) = find_quote_marks(text)
    assert text[mark.close - 5 : mark.close + 1] == 'last."'


def test_a_description_speaks_for_a_body_the_text_named_before(nlp: Language) -> None:
    text = 'NATO released its report on Monday. "The build-up is real," a NATO analyst said.'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["text"] == "NATO"
    assert quote["source"]["text"] == "a NATO analyst"


def test_it_takes_the_organisation_named_before_when_none_has_spoken(nlp: Language) -> None:
    text = 'The State Department issued a statement on Monday. "We will respond in kind," it said.'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["type"] == "org"
    assert quote["source"]["kind"] == "pronoun"


def test_a_bare_attribution_stays_in_the_quotes_paragraph(nlp: Language) -> None:
    """ "Police said" opening the next paragraph does not attribute a quote standing in its own paragraph."""
    text = (
        "Maria Lopez stood at the barrier all evening.\n\n"
        '"Nobody gets through tonight. Stay at home."\n\n'
        "Police said the bridge would reopen on Monday."
    )
    assert all(q["speaker"]["text"] != "Police" for q in _quotes(nlp, text))


def test_a_clause_opened_by_when_after_the_quote_is_not_its_attribution(nlp: Language) -> None:
    """In `X said Y was "...," when Y claimed ...`, the quote is X's, not the subject of the when-clause."""
    text = 'Ann Lee said Tom Reyes was "absolutely right" when he said on Monday that taxes would fall.'
    (quote,) = _quotes(nlp, text)
    assert quote["speaker"]["text"] == "Ann Lee"
