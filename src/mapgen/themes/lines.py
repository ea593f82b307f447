"""The project's lines every deliverable prints: its title, its confidentiality and its footer line.

One rule for the map, the deck and the report, so that they never disagree: the title is the
workbook's (its Project sheet, else its document properties) or the theme's default title, never
a file name; the footer joins only the parts the workbook gives, without separators left
dangling around a missing one; and nothing is called confidential unless the workbook or the
theme says so.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from mapgen.themes.vocabulary import FOOTER_FIELDS

if TYPE_CHECKING:
    from mapgen.model import Project
    from mapgen.themes.schema import Theme

__all__ = ["confidentiality", "fill_template", "footer_line", "project_title"]


def project_title(project: Project, theme: Theme) -> str:
    """Return the deliverables' title: the workbook's, else the theme's default title."""
    return " ".join((project.title or "").split()) or theme.labels.default_title


def confidentiality(project: Project, theme: Theme) -> str:
    """Return the confidentiality label: the workbook's, else the theme's ("" for none)."""
    return " ".join((project.confidentiality or "").split()) or theme.footer.confidentiality


def footer_line(project: Project, theme: Theme) -> str:
    """Return the footer line of every deliverable: the theme's footer text, filled from the workbook."""
    values = {
        "title": project.title,
        "client": project.client,
        "prepared_by": project.prepared_by,
        "date": project.date,
        "version": project.version,
        "confidentiality": confidentiality(project, theme),
    }
    return fill_template(theme.footer.text, values)


@dataclass(frozen=True)
class _Token:
    kind: Literal["text", "separator", "field"]
    text: str  # a field's value ("" when the workbook gives none)


def fill_template(template: str, values: Mapping[str, str | None]) -> str:
    """Return a footer template filled, with the separators around every missing value left out.

    "{client} · {title} · {confidentiality}" with no client and no confidentiality is the title
    alone. Literal text with a letter or digit in it is kept; text made only of punctuation and
    spaces is a separator, kept only between two values that are there.
    """
    tokens = _without_orphan_labels(_tokens(template, values))
    present = [i for i, t in enumerate(tokens) if t.kind == "text" or (t.kind == "field" and t.text)]
    if not present:
        return ""
    out: list[str] = []
    edges = [-1, *present, len(tokens)]
    for start, end in itertools.pairwise(edges):
        gap = tokens[start + 1 : end]
        separators = [t.text for t in gap if t.kind == "separator"]
        if any(t.kind == "field" for t in gap):  # a missing value: one separator at most, inside
            separators = separators[:1] if start >= 0 and end < len(tokens) else []
        out += separators
        if end < len(tokens):
            out.append(tokens[end].text)
    return " ".join("".join(out).split())


def _without_orphan_labels(tokens: list[_Token]) -> list[_Token]:
    """Return tokens without the words that label a missing value ("Prepared by" before no name)."""
    out: list[_Token] = []
    for i, token in enumerate(tokens):
        if token.kind == "text":
            after = tokens[i + 1 : i + 3]
            if after and after[0].kind == "separator" and not after[0].text.strip():
                after = after[1:]
            if after and after[0].kind == "field" and not after[0].text:
                continue
        out.append(token)
    return out


def _tokens(template: str, values: Mapping[str, str | None]) -> list[_Token]:
    """Return the template's literal texts, separators and fields in order."""
    tokens: list[_Token] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        tokens += _literal_tokens(literal)
        if name is not None:
            value = " ".join((values.get(name) or "").split()) if name in FOOTER_FIELDS else ""
            tokens.append(_Token("field", value))
    return tokens


def _literal_tokens(literal: str) -> list[_Token]:
    """Return literal text as its leading separator, its words and its trailing separator."""
    words = [i for i, ch in enumerate(literal) if ch.isalnum()]
    if not words:
        return [_Token("separator", literal)] if literal else []
    # A word's own closing punctuation ("Acme Inc.") stays with it; only spaces and marks before a
    # separator's space are the separator.
    start, end = words[0], words[-1] + 1
    while start > 0 and not literal[start - 1].isspace():
        start -= 1
    while end < len(literal) and not literal[end].isspace():
        end += 1
    pieces = [("separator", literal[:start]), ("text", literal[start:end]), ("separator", literal[end:])]
    return [_Token(kind, text) for kind, text in pieces if text]  # type: ignore[arg-type]
