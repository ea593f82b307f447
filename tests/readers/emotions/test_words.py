"""One feeling as people write it: noun and adjective forms, field words, VADER's gaps, marks, modifiers."""

from __future__ import annotations

import time

import pytest

from mapgen.readers.emotions import vader
from mapgen.readers.emotions.lexicon import FORMS, VALENCES
from mapgen.readers.emotions.vader import vader_valence
from mapgen.readers.emotions.words import MARK_UP, curated, valence

# Both forms of the feelings journey maps hold, and the sign a researcher would give them.
FIELD_FORMS = [
    ("relief", "relieved", 1),
    ("curiosity", "curious", 1),
    ("doubt", "doubtful", -1),
    ("confidence", "confident", 1),
    ("excitement", "excited", 1),
    ("satisfaction", "satisfied", 1),
    ("loyalty", "loyal", 1),
    ("contentment", "content", 1),
    ("interest", "interested", 1),
    ("frustration", "frustrated", -1),
    ("anxiety", "anxious", -1),
    ("confusion", "confused", -1),
    ("disappointment", "disappointed", -1),
    ("trust", "trusting", 1),
    ("fear", "fearful", -1),
    ("anger", "angry", -1),
    ("worry", "worried", -1),
    ("stress", "stressed", -1),
    ("hope", "hopeful", 1),
    ("happiness", "happy", 1),
    ("boredom", "bored", -1),
    ("impatience", "impatient", -1),
    ("reassurance", "reassured", 1),
    ("annoyance", "annoyed", -1),
    ("irritation", "irritated", -1),
    ("uncertainty", "uncertain", -1),
    ("scepticism", "sceptical", -1),
    ("gratitude", "grateful", 1),
    ("pride", "proud", 1),
    ("overwhelm", "overwhelmed", -1),
    ("frustrating", "frustrated", -1),
    ("confusing", "confused", -1),
    ("worrying", "worried", -1),
    ("exhaustion", "exhausted", -1),
    ("empowerment", "empowered", 1),
]
# Words the field uses that a general sentiment lexicon lacks or reads otherwise.
FIELD_WORDS = [
    ("stable", 1),
    ("disengaged", -1),
    ("collaborative", 1),
    ("patient", 1),
    ("alert", 1),
    ("competent", 1),
    ("skeptical", -1),
    ("sceptical", -1),
    ("overwhelmed", -1),
    ("reluctant", -1),
    ("isolated", -1),
    ("burnt out", -1),
    ("gutted", -1),
    ("chuffed", 1),
]


@pytest.mark.parametrize(("noun", "adjective", "sign"), FIELD_FORMS)
def test_noun_and_adjective_forms_are_known_and_agree(noun: str, adjective: str, sign: int) -> None:
    first, second = valence(noun), valence(adjective)
    assert first is not None and second is not None, (noun, adjective)
    assert first * sign > 0 and second * sign > 0, (noun, first, adjective, second)
    assert first == second, "a form reads as its headword, not as a general lexicon rates the noun"


def test_the_field_list_is_long_enough_to_mean_something() -> None:
    assert len(FIELD_FORMS) >= 30 and len({w for pair in FIELD_FORMS for w in pair[:2]}) >= 60


@pytest.mark.parametrize(("word", "sign"), FIELD_WORDS)
def test_the_fields_own_words_are_known_with_their_sign(word: str, sign: int) -> None:
    value = valence(word)
    assert value is not None and value * sign > 0, (word, value)


def test_every_form_points_at_a_word_of_the_lexicon() -> None:
    assert not [form for form, headword in FORMS.items() if headword not in VALENCES]
    assert all(-1 <= value <= 1 for value in VALENCES.values())


def test_mapgens_lexicon_wins_over_vaders_where_journeys_read_a_word_apart() -> None:
    general = vader_valence("overwhelmed")
    assert general is not None and general > 0, "VADER rates it mildly positive"
    assert valence("overwhelmed") == VALENCES["overwhelmed"] < 0
    # VADER rates "anxiety" a quarter as bad as "anxious": the form follows its headword.
    assert valence("anxiety") == VALENCES["anxious"]


def test_vader_fills_the_words_mapgen_lacks_on_mapgens_scale() -> None:
    for word in ("exhilarated", "miserably", "heartbreaking", "lovely"):
        assert word not in VALENCES and word not in FORMS
    assert (valence("exhilarated") or 0) > 0.6
    assert (valence("heartbreaking") or 0) < -0.6
    assert not curated("exhilarated"), "a VADER word is not one of mapgen's own"
    # Rescaled, VADER agrees with mapgen's curated values on most of the words both hold.
    shared = [(VALENCES[w], vader_valence(w)) for w in VALENCES if vader_valence(w) is not None]
    assert len(shared) > 150
    close = [ours for ours, general in shared if general is not None and abs(ours - general) <= 0.3]
    assert len(close) / len(shared) > 0.85


def test_without_vaders_file_mapgens_own_words_still_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vader, "_PACKAGE", "no_such_package_for_mapgen")
    vader._lexicon.cache_clear()
    try:
        assert valence("exhilarated") is None
        assert valence("relief") == VALENCES["relieved"]
    finally:
        monkeypatch.undo()
        vader._lexicon.cache_clear()
    assert valence("exhilarated") is not None


def test_modifiers_change_the_score_in_the_order_people_mean() -> None:
    very, plain, slightly = valence("very anxious"), valence("anxious"), valence("slightly anxious")
    assert very is not None and plain is not None and slightly is not None
    assert very < plain < slightly < 0
    assert (valence("a bit annoyed") or 0) > (valence("annoyed") or 0)
    assert (valence("extremely happy") or 0) > (valence("happy") or 0) > (valence("somewhat happy") or 0) > 0
    not_happy, not_angry = valence("not happy"), valence("not angry")
    assert not_happy is not None and not_angry is not None
    assert not_happy < 0 < not_angry < (valence("happy") or 0)
    assert valence("feeling-relieved") == VALENCES["relieved"]


def test_intensity_marks_strengthen_and_weaken() -> None:
    values = [valence(w) for w in ("Anxious++", "Anxious+", "Anxious", "Anxious-", "Anxious--")]
    assert all(v is not None for v in values)
    assert values == sorted(values, key=lambda v: v or 0) and (values[-1] or 0) < 0
    assert valence("Anxious+") == pytest.approx(VALENCES["anxious"] * MARK_UP)
    assert (valence("Confident++") or 0) > (valence("Confident+") or 0) > (valence("Confident") or 0)
    assert valence("furious+++") == -1.0, "marks never push past the end of the scale"
    assert valence("very anxious+") == pytest.approx(max(-1.0, VALENCES["anxious"] * 1.25 * MARK_UP))


def test_a_feeling_about_something_reads_as_the_feeling() -> None:
    assert valence("eager to start") == VALENCES["eager"]
    assert valence("worried about the cost") == VALENCES["worried"]
    assert valence("not happy with the wait") == valence("not happy")
    assert valence("blorft to start") is None


def test_hostile_words_end_quickly_and_unknown() -> None:
    began = time.perf_counter()
    assert valence("very " * 30 + "happy") == 1.0
    assert valence("very " * 190 + "happy") is None, "a feeling is a few words"
    assert valence("to " * 60 + "happy") is None
    assert valence("x" * 5_000) is None
    assert valence("+++") is None and valence("") is None
    assert time.perf_counter() - began < 1.0
