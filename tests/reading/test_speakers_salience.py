"""Who "he said" / "she said" stands for: the most salient person of the last sentences (our own words)."""

from __future__ import annotations

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import QuoteRecord


def _last(nlp: Language, text: str) -> QuoteRecord:
    return read_text(text, nlp=nlp).quotes[-1]


def test_a_person_made_the_subject_after_the_last_speaker_is_the_one_quoted(nlp: Language) -> None:
    """A newcomer who is the subject of the sentence before "he said" wins over the speaker before."""
    text = (
        '"The roads are fine," said John Carter, the mayor.\n\n'
        "Tom Reyes, who runs the garage on Elm Street, disagreed strongly.\n\n"
        '"They are a disgrace," he said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"


def test_a_subject_pronoun_carries_its_person_forward(nlp: Language) -> None:
    """ "He" as a subject keeps his person salient, so a later "he said" chains back to him."""
    text = (
        "Tom Reyes has run the garage for thirty years.\n\n"
        "He closed it last week after a dispute with John Carter's office over the permit.\n\n"
        "He now rents the space to a bakery.\n\n"
        '"I had no choice," he said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"


def test_she_skips_a_man_named_nearer(nlp: Language) -> None:
    """Gender agreement: "she" passes over a man mentioned after the woman."""
    text = (
        'Maria Lopez chairs the board, which met with Peter Long on Monday.\n\n"We will not sell," she said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Maria Lopez"


def test_according_to_makes_its_person_the_one_quoted(nlp: Language) -> None:
    """ "According to X" marks X as the person being quoted, above a person merely mentioned after."""
    text = (
        "According to Tom Reyes, the permit office ignored three letters from John Carter's lawyers.\n\n"
        '"Nobody ever answered," he said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"


def test_a_name_in_apposition_has_the_role_of_what_it_names(nlp: Language) -> None:
    """ "The owner, Tom Reyes, said": the name is the subject, and outweighs a speaker two sentences back."""
    text = (
        "Peter Long said on Monday that the sale of the garage was off.\n\n"
        "The garage's owner, Tom Reyes, said the sale would go ahead.\n\n"
        '"We sign on Friday," he told reporters.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"


def test_a_first_name_the_recogniser_left_out_still_tells_the_gender(nlp: Language) -> None:
    """A woman who shares a surname with a man named earlier keeps her own gender from her first name."""
    text = (
        "Donald Okafor runs the family firm.\n\n"
        "In a letter last week, Susan Okafor, his sister, accused the board of hiding losses.\n\n"
        '"The numbers were false," she wrote.'
    )
    assert _last(nlp, text)["speaker"]["text"].endswith("Okafor")
    assert "Donald" not in _last(nlp, text)["speaker"]["text"]


def test_it_stands_for_the_body_just_made_the_subject(nlp: Language) -> None:
    """ "it said" goes to the organisation the sentence before is about, not a body that spoke earlier."""
    text = (
        '"The vote was fair," the Electoral Commission said on Monday.\n\n'
        "The Harbour Workers Union rejected the count on Tuesday.\n\n"
        '"We will go to court," it said in a statement.'
    )
    assert "Union" in _last(nlp, text)["speaker"]["text"]


def test_a_gendered_role_noun_skips_the_other_gender(nlp: Language) -> None:
    """ "the businessman said" never goes to a woman, even one who spoke last."""
    text = (
        "Peter Long opened a third hotel in the city on Friday.\n\n"
        '"He owes us money," Maria Lopez said.\n\n'
        '"We pay every bill," the businessman said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Peter Long"


def test_a_role_the_text_gave_as_a_title_names_its_bearer(nlp: Language) -> None:
    """ "the governor said" goes to the person earlier called "Governor X", over a more recent speaker."""
    text = (
        "Governor Tom Reyes signed the budget on Monday.\n\n"
        '"It cuts our schools," said Paul Grant, a teacher.\n\n'
        '"Nobody loses a job," the governor said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"


def test_i_outside_quotes_is_the_writer(nlp: Language) -> None:
    """A first-person narrator's "I said" is the writer, not the last person the text named."""
    text = 'My uncle, Peter Long, ran the farm for forty years.\n\nOnce I said, "The farm will not last."'
    assert _last(nlp, text)["speaker"]["text"] == "I"


def test_a_person_introduced_with_a_role_is_about_to_speak(nlp: Language) -> None:
    """A man named with his role as an object ("worries Tom Reyes, head of the union") outweighs a subordinate
    clause's subject in the same sentence."""
    text = (
        '"The plant is safe," Peter Long said.\n\n'
        "While John Carter kept the plant open, the closure now worries Tom Reyes, head of the union.\n\n"
        '"Nobody told us anything," he said.'
    )
    assert _last(nlp, text)["speaker"]["text"] == "Tom Reyes"
