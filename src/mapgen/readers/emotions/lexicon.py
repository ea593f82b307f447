"""A built-in lexicon of emotion words with valences, to infer a score from the words alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["VALENCES", "Inference", "infer_score", "valence"]

# Valence in [-1, 1]: -1 the worst a customer feels, 0 neutral, 1 the best. The values follow
# the ordering of published valence norms (e.g. Warriner et al. 2013, NRC VAD), rescaled and
# rounded: what matters for a journey curve is the order and the rough distance.
VALENCES: dict[str, float] = {
    # Strongly positive
    "delighted": 0.9,
    "thrilled": 0.9,
    "ecstatic": 0.95,
    "elated": 0.9,
    "overjoyed": 0.95,
    "joyful": 0.85,
    "euphoric": 0.9,
    "amazed": 0.8,
    "loved": 0.85,
    "loving": 0.8,
    "happy": 0.8,
    "excited": 0.75,
    "grateful": 0.75,
    "thankful": 0.75,
    "proud": 0.7,
    "impressed": 0.7,
    "wonderful": 0.85,
    "enthusiastic": 0.7,
    "inspired": 0.7,
    "empowered": 0.65,
    "valued": 0.65,
    "cared for": 0.65,
    "successful": 0.7,
    "accomplished": 0.7,
    "fulfilled": 0.75,
    "enjoying": 0.7,
    "cheerful": 0.7,
    "glad": 0.65,
    "eager": 0.55,
    "energised": 0.6,
    "energized": 0.6,
    "motivated": 0.6,
    "optimistic": 0.6,
    "hopeful": 0.5,
    "pleased": 0.6,
    "satisfied": 0.55,
    "content": 0.5,
    "relieved": 0.55,
    "reassured": 0.55,
    "confident": 0.6,
    "secure": 0.5,
    "safe": 0.5,
    "trusting": 0.5,
    "comfortable": 0.5,
    "calm": 0.45,
    "relaxed": 0.55,
    "peaceful": 0.5,
    "welcomed": 0.55,
    "welcome": 0.5,
    "supported": 0.55,
    "understood": 0.5,
    "respected": 0.5,
    "informed": 0.4,
    "in control": 0.5,
    "positive": 0.6,
    "good": 0.5,
    "great": 0.75,
    "fine": 0.25,
    "ok": 0.1,
    "okay": 0.1,
    "surprised": 0.2,
    "pleasantly surprised": 0.6,
    "amused": 0.55,
    "charmed": 0.6,
    "appreciated": 0.65,
    "appreciative": 0.6,
    "connected": 0.5,
    "engaged": 0.45,
    "focused": 0.3,
    "determined": 0.35,
    "ready": 0.35,
    "prepared": 0.35,
    "encouraged": 0.55,
    "recognised": 0.5,
    "recognized": 0.5,
    "loyal": 0.5,
    # Mildly positive or neutral
    "interested": 0.4,
    "curious": 0.35,
    "intrigued": 0.4,
    "attentive": 0.2,
    "expectant": 0.25,
    "anticipating": 0.3,
    "open": 0.25,
    "neutral": 0.0,
    "indifferent": -0.1,
    "accepting": 0.15,
    "resigned": -0.3,
    "pensive": 0.0,
    "thoughtful": 0.1,
    "reflective": 0.05,
    "contemplative": 0.05,
    "busy": -0.1,
    "rushed": -0.35,
    "hesitant": -0.2,
    "cautious": -0.1,
    "careful": 0.0,
    "wary": -0.25,
    "sceptical": -0.25,
    "skeptical": -0.25,
    "uncertain": -0.3,
    "unsure": -0.25,
    "doubtful": -0.3,
    "ambivalent": -0.1,
    "torn": -0.25,
    "distracted": -0.2,
    "bored": -0.35,
    "tired": -0.35,
    "weary": -0.4,
    "hungry": -0.1,
    "nervous": -0.4,
    "uneasy": -0.4,
    "puzzled": -0.3,
    "impatient": -0.45,
    "mixed": 0.0,
    # Negative
    "confused": -0.45,
    "lost": -0.5,
    "overwhelmed": -0.55,
    "annoyed": -0.55,
    "irritated": -0.55,
    "frustrated": -0.7,
    "disappointed": -0.65,
    "let down": -0.65,
    "dissatisfied": -0.6,
    "unhappy": -0.65,
    "sad": -0.65,
    "upset": -0.65,
    "worried": -0.55,
    "anxious": -0.6,
    "stressed": -0.6,
    "tense": -0.45,
    "pressured": -0.5,
    "under pressure": -0.5,
    "afraid": -0.65,
    "scared": -0.65,
    "fearful": -0.65,
    "frightened": -0.7,
    "panicked": -0.8,
    "panicky": -0.75,
    "insecure": -0.45,
    "vulnerable": -0.45,
    "helpless": -0.7,
    "powerless": -0.7,
    "stuck": -0.55,
    "trapped": -0.7,
    "ignored": -0.6,
    "unheard": -0.55,
    "neglected": -0.6,
    "misunderstood": -0.5,
    "excluded": -0.6,
    "embarrassed": -0.55,
    "ashamed": -0.65,
    "guilty": -0.5,
    "regretful": -0.55,
    "lonely": -0.6,
    "jealous": -0.5,
    "envious": -0.45,
    "suspicious": -0.45,
    "distrustful": -0.55,
    "mistrustful": -0.55,
    "cheated": -0.8,
    "deceived": -0.8,
    "betrayed": -0.85,
    "tricked": -0.75,
    "exploited": -0.8,
    "exhausted": -0.6,
    "drained": -0.6,
    "fed up": -0.7,
    "bothered": -0.4,
    "inconvenienced": -0.45,
    "discouraged": -0.55,
    "demotivated": -0.55,
    "hopeless": -0.8,
    "desperate": -0.8,
    "miserable": -0.85,
    "angry": -0.8,
    "mad": -0.75,
    "furious": -0.9,
    "outraged": -0.9,
    "livid": -0.9,
    "enraged": -0.9,
    "resentful": -0.7,
    "bitter": -0.7,
    "hostile": -0.75,
    "disgusted": -0.8,
    "horrified": -0.85,
    "shocked": -0.6,
    "devastated": -0.95,
    "heartbroken": -0.95,
    "distressed": -0.75,
    "alarmed": -0.6,
    "negative": -0.6,
    "bad": -0.5,
    "terrible": -0.85,
    "awful": -0.85,
    "unimpressed": -0.4,
    "unconvinced": -0.3,
    "concerned": -0.4,
    "apprehensive": -0.4,
    "disillusioned": -0.6,
    "offended": -0.65,
    "humiliated": -0.8,
    "pressed": -0.35,
    "hurried": -0.35,
    "delayed": -0.4,
}

# Words that scale or flip the word after them.
_INTENSIFIERS = {
    "very": 1.25,
    "really": 1.25,
    "extremely": 1.4,
    "so": 1.2,
    "super": 1.3,
    "totally": 1.3,
    "deeply": 1.3,
    "highly": 1.25,
    "quite": 1.1,
    "a bit": 0.6,
    "a little": 0.6,
    "slightly": 0.6,
    "somewhat": 0.7,
    "mildly": 0.6,
    "rather": 0.9,
    "fairly": 0.9,
}
_NEGATIONS = ("not", "not very", "not at all", "no longer", "hardly", "never")


def _clamp(value: float) -> float:
    return max(-1.0, min(1.0, value))


def _base(word: str) -> float | None:
    if word in VALENCES:
        return VALENCES[word]
    for ending, stem_ending in (("ly", ""), ("ness", ""), ("s", ""), ("d", ""), ("ed", "")):
        if word.endswith(ending) and word[: -len(ending)] + stem_ending in VALENCES:
            return VALENCES[word[: -len(ending)] + stem_ending]
    return None


def valence(word: str) -> float | None:
    """Return the valence of an emotion word or short phrase ('very anxious', 'not happy'), or None."""
    text = " ".join(word.casefold().replace("-", " ").split())
    text = text.removeprefix("feeling ").removeprefix("feels ").removeprefix("a sense of ")
    known = _base(text)
    if known is not None:
        return known
    for negation in sorted(_NEGATIONS, key=len, reverse=True):
        if text.startswith(negation + " "):
            inner = valence(text[len(negation) + 1 :])
            # "not happy" is negative, but "not angry" is only mildly positive.
            return None if inner is None else _clamp(-inner * 0.6)
    for intensifier, factor in sorted(_INTENSIFIERS.items(), key=lambda item: -len(item[0])):
        if text.startswith(intensifier + " "):
            inner = valence(text[len(intensifier) + 1 :])
            return None if inner is None else _clamp(inner * factor)
    return None


@dataclass(frozen=True)
class Inference:
    """A score inferred from emotion words, and the words the lexicon does not know."""

    score: float | None
    unknown: tuple[str, ...]


def infer_score(words: Iterable[str]) -> Inference:
    """Return the mean valence of the known words (None when none is known) and the unknown ones."""
    known: list[float] = []
    unknown: list[str] = []
    for word in words:
        value = valence(word)
        if value is None:
            unknown.append(word)
        else:
            known.append(value)
    score = round(sum(known) / len(known), 4) if known else None
    return Inference(score, tuple(unknown))
