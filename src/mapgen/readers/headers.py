"""Recognise headers, lane labels, profile keys and project keys by their many names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mapgen.readers.header_languages import PROFILE_NAMES, STEP_NAMES

__all__ = [
    "LIST_FIELDS",
    "STEP_FIELDS",
    "TEXT_FIELDS",
    "ColumnMap",
    "Header",
    "is_description_header",
    "is_stage_header",
    "normalise",
    "overlay",
    "parse_header",
    "profile_key",
    "project_key",
    "step_field",
]

# Step fields, in the order of the model's Step.
TEXT_FIELDS = ("action", "touchpoint", "goal", "thoughts", "owner", "evidence")
LIST_FIELDS = ("pain_points", "opportunities", "kpis")
STEP_FIELDS = (
    "stage",
    "action",
    "touchpoint",
    "goal",
    "thoughts",
    "emotions",
    "score",
    "pain_points",
    "opportunities",
    "kpis",
    "owner",
    "evidence",
)

# The names the field gives each column (row layout) or lane (canvas layout): the precise ones;
# the broad ones are in _BROAD below, and both are read.
_STEP_SYNONYMS: dict[str, tuple[str, ...]] = {
    "stage": (
        "stage",
        "stages",
        "journey stage",
        "journey stages",
        "stage name",
    ),
    "action": (
        "step",
        "steps",
        "action",
        "actions",
        "activity",
        "activities",
        "task",
        "tasks",
        "customer action",
        "customer actions",
        "user action",
        "user actions",
        "persona action",
        "doing",
        "does",
        "what they do",
        "customer step",
    ),
    "touchpoint": (
        "touchpoint",
        "touchpoints",
        "touch-point",
        "touch-points",
        "touch point",
        "touch points",
        "customer touchpoint",
        "customer touchpoints",
        "touchpoint/channel",
    ),
    "goal": (
        "goal",
        "goals",
        "customer goal",
        "customer goals",
        "user goal",
        "user goals",
        "job to be done",
        "jobs to be done",
        "jtbd",
    ),
    "thoughts": (
        "thoughts",
        "thought",
        "thinking",
        "thinks",
        "what they think",
        "customer thoughts",
        "says and thinks",
        "thought/quote",
        "thoughts/quotes",
        "thoughts and quotes",
        "thoughts & feelings",
        "thinking & feeling",
        "thinks & feels",
    ),
    "emotions": (
        "emotions",
        "emotion",
        "feelings",
        "feeling",
        "feels",
        "emotional state",
        "customer emotions",
    ),
    "score": (
        "score",
        "scores",
        "emotion score",
        "emotional score",
        "emotions score",
        "feeling score",
        "mood score",
        "sentiment",
        "sentiment score",
        "emotion rating",
        "emotion level",
        "emotional level",
    ),
    "pain_points": (
        "pain points",
        "pain point",
        "pain-points",
        "pain-point",
        "painpoints",
        "pains",
        "pain",
        "challenges",
        "challenge",
        "frustrations",
        "frustration",
        "barriers",
        "barrier",
        "friction",
        "friction points",
        "obstacles",
        "pain points/frustrations",
    ),
    "opportunities": (
        "opportunities",
        "opportunity",
        "recommendations",
        "recommendation",
        "improvements",
        "improvement",
        "solutions",
        "solution",
        "how might we",
    ),
    "kpis": (
        "kpis",
        "kpi",
        "kpi's",
        "success metrics",
        "key performance indicators",
    ),
    "owner": (
        "owner",
        "owners",
        "business owner",
        "process owner",
        "owned by",
        "owning team",
        "owner team",
    ),
    "evidence": (
        "evidence",
        "research",
        "data source",
        "insight source",
        "based on",
    ),
}

# The broad names of a field: a column named so holds the field only when no column of the sheet
# names it more precisely, so beside "Touchpoint" a "Channel" column is kept as a lane of its own,
# whatever their order. Every other name ranks 0; a header the workbook maps itself ranks above all.
_BROAD: dict[str, tuple[str, ...]] = {
    "stage": (
        "phase",
        "phases",
        "journey phase",
        "section",
        "sections",
        "journey section",
        "flow",
        "journey step",
        "journey steps",
        "step group",
        "moment",
        "moments",
        "episode",
        "episodes",
    ),
    "touchpoint": ("channel", "channels", "interaction", "interactions"),
    "goal": ("need", "needs", "customer need", "customer needs", "expectation", "expectations"),
    "thoughts": ("quote", "quotes", "questions", "question", "says"),
    "emotions": ("mood", "experience"),
    "score": ("rating", "satisfaction", "satisfaction score", "happiness", "experience score"),
    "pain_points": ("problems", "issues"),
    "opportunities": (
        "ideas",
        "idea",
        "next steps",
        "actions to take",
        "action points",
        "fixes",
        "quick wins",
    ),
    "kpis": ("metrics", "metric", "measures", "measurement"),
    "owner": ("team", "teams", "department", "departments", "responsible", "accountable", "lead"),
    "evidence": ("source", "sources", "data"),
}
BROAD_RANK = 1
PART_RANK = 2  # "Notes/Pain points" read by a known part: less sure than a whole name
MAPPED_RANK = -1  # the workbook's own mapping (Columns sheet, project file, --column) beats every synonym

# Profile keys of a persona block; the canonical names are model.PROFILE_KEYS plus name and photo.
_PROFILE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "persona", "persona name", "full name", "who"),
    "role": ("role", "job", "job title", "occupation", "title", "position", "profession", "archetype"),
    "age": ("age", "age range", "age group"),
    "location": ("location", "city", "country", "lives in", "based in", "home", "region"),
    "quote": ("quote", "motto", "in their words", "key quote", "tagline"),
    "bio": ("bio", "biography", "background", "about", "description", "story", "summary"),
    "goals": ("goals", "goal", "needs", "objectives", "jobs to be done"),
    "motivations": ("motivations", "motivation", "drivers", "motivators", "values"),
    "frustrations": ("frustrations", "frustration", "pain points", "pains", "challenges", "fears"),
    "behaviours": ("behaviours", "behaviour", "behaviors", "behavior", "habits"),
    "channels": ("channels", "channel", "preferred channels", "media", "touchpoints", "devices"),
    "photo": ("photo", "picture", "image", "avatar", "portrait", "photo file", "headshot"),
}

_PROJECT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title", "project", "project title", "project name", "name", "report title"),
    "client": ("client", "customer", "company", "organisation", "organization", "brand", "prepared for"),
    "prepared_by": ("prepared by", "author", "authors", "agency", "by", "owner", "team"),
    "date": ("date", "last updated", "updated", "as of", "published"),
    "version": ("version", "revision", "rev", "status"),
    "confidentiality": ("confidentiality", "classification", "sensitivity", "confidential", "security"),
    "description": ("description", "summary", "about", "overview", "introduction", "scope", "abstract"),
    "theme": ("theme", "style", "brand theme", "look"),
}

_DESCRIPTION = ("description", "descriptions", "what happens", "definition", "details", "summary", "notes")

_HINT = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<hint>[^()\[\]]*)[)\]]\s*$", re.DOTALL)


def normalise(text: str) -> str:
    """Return text folded for matching: case, accents, spaces and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", text.replace("&", " and ")).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _index(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise(word): key for key, words in groups.items() for word in words}


# The English names win where another language spells a word alike.
_STEP_INDEX = _index(STEP_NAMES) | _index(_BROAD) | _index(_STEP_SYNONYMS)
_BROAD_INDEX = frozenset(normalise(word) for words in _BROAD.values() for word in words)
_PROFILE_INDEX = _index(PROFILE_NAMES) | _index(_PROFILE_SYNONYMS)
_PROJECT_INDEX = _index(_PROJECT_SYNONYMS)
_DESCRIPTION_INDEX = frozenset(normalise(word) for word in _DESCRIPTION)


@dataclass(frozen=True)
class Header:
    """A header or lane label as written, the step field it names (None: an extra), its hint, and
    how precisely it names the field (rank: lower is more precise; the most precise column wins).
    """

    text: str
    field: str | None
    hint: str | None = None
    rank: int = 0


def split_hint(text: str) -> tuple[str, str | None]:
    """Split 'Emotion score (-5 to +5)' into ('Emotion score', '-5 to +5')."""
    match = _HINT.match(text.strip())
    if match and match.group("name").strip():
        return match.group("name").strip(), match.group("hint").strip() or None
    return text.strip(), None


def _strip_colon(text: str) -> str:
    return text.strip().rstrip(":：").strip()


def step_field(name: str) -> str | None:
    """Return the step field a name gives: its own ("pain_points", "Pain points") or a synonym's."""
    own = name.strip().lower().replace(" ", "_").replace("-", "_")
    return own if own in STEP_FIELDS else parse_header(name).field


@dataclass(frozen=True)
class ColumnMap:
    """A workbook's own headers for step fields ("Section" -> stage), matched as the synonyms are.

    Built with ColumnMap.of; the reader consults it before the synonyms.
    """

    index: Mapping[str, str]  # normalised header -> step field

    @classmethod
    def of(cls, columns: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> ColumnMap | None:
        """Return the map of header text -> field name (a step field or one of its usual names).

        None or an empty mapping gives None: headers are read by the synonyms alone. Raise
        ValueError for a field that is not a step field, a header of no letters or digits, or two
        headers that match alike but name different fields.
        """
        pairs = list(columns.items() if isinstance(columns, Mapping) else columns or ())
        index: dict[str, str] = {}
        for header, name in pairs:
            field = step_field(name)
            if field is None:
                raise ValueError(f'"{name}" is not a step field; choose from {", ".join(STEP_FIELDS)}')
            key = normalise(header)
            if not key:
                raise ValueError(f'"{header}" has no letters or digits to match a header by')
            if index.get(key, field) != field:
                raise ValueError(f'"{header}" matches another header of the mapping, for another field')
            index[key] = field
        return cls(index) if index else None

    def over(self, weaker: ColumnMap | None) -> ColumnMap:
        """Return this map laid over a weaker one: for a header both name, this map's field."""
        return self if weaker is None else ColumnMap({**weaker.index, **self.index})


def overlay(*layers: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Return header -> field pairs of several layers, weakest first: a later layer's pair replaces
    an earlier one for the same header (matched ignoring case, spaces and punctuation).
    """
    merged: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for header, name in layer:
            key = normalise(header) or header
            merged.pop(key, None)  # the stronger pair takes the place of the weaker one, in its order
            merged[key] = (header, name)
    return tuple(merged.values())


def _synonym(name: str, text: str) -> tuple[str | None, int, bool]:
    """Return the field a header's name (else its whole text) gives, its rank, and whether the
    bracket is a hint."""
    for candidate, hinted in ((name, True), (text, False)):
        # "KPI(s)" or "Touchpoint(s)": when only the whole text matches, the bracket is a plural.
        key = normalise(candidate)
        field = _STEP_INDEX.get(key)
        if field is not None:
            return field, BROAD_RANK if key in _BROAD_INDEX else 0, hinted
    return None, 0, False


def _by_part(name: str) -> str | None:
    """Return the field of the first known part of 'Quote/Thought' or 'Notes / Pain points'."""
    for part in name.split("/") if "/" in name else ():
        field = _STEP_INDEX.get(normalise(part))
        if field is not None:
            return field
    return None


def parse_header(text: str, columns: ColumnMap | None = None) -> Header:
    """Return what a column header or lane label names; columns, when given, before the synonyms."""
    name, hint = split_hint(_strip_colon(text))
    if columns is not None:
        # The whole header's text too, as for the synonyms; its bracket stays a hint ("Rating (1-5)").
        mapped = columns.index.get(normalise(name)) or columns.index.get(normalise(text))
        if mapped is not None:
            return Header(text.strip(), mapped, hint, MAPPED_RANK)
    field, rank, hinted = _synonym(name, text)
    if field is None and (field := _by_part(name)) is not None:
        rank, hinted = PART_RANK, True
    return Header(text.strip(), field, hint if hinted else None, rank)


def is_stage_header(text: str, columns: ColumnMap | None = None) -> bool:
    """Return True for 'Stage', 'Phase', 'Journey stage' and the like (and a header mapped to stage)."""
    return parse_header(text, columns).field == "stage"


def is_description_header(text: str) -> bool:
    """Return True for the description column of a Stages sheet."""
    return normalise(_strip_colon(text)) in _DESCRIPTION_INDEX


def profile_key(text: str) -> str | None:
    """Return the canonical profile key a label names ('Behaviors:' -> 'behaviours'), or None."""
    name, _ = split_hint(_strip_colon(text))
    return _PROFILE_INDEX.get(normalise(name))


def project_key(text: str) -> str | None:
    """Return the Project field a label names ('Prepared by' -> 'prepared_by'), or None."""
    name, _ = split_hint(_strip_colon(text))
    return _PROJECT_INDEX.get(normalise(name))
