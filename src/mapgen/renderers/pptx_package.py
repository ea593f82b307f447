"""Make a saved deck byte-for-byte reproducible: fixed zip timestamps and fixed embedded dates.

python-pptx writes every zip entry with the current time, and the workbook behind each chart
(written by XlsxWriter) carries its creation time in docProps/core.xml. Both are rewritten here to
one fixed moment: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
2000-01-01. Entries keep the order python-pptx wrote them in ([Content_Types].xml first).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from typing import Any

__all__ = ["fixed_moment", "normalise", "remember_part_names"]

_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def fixed_moment() -> dt.datetime:
    """Return the moment a deck claims to be made at: SOURCE_DATE_EPOCH, else 2000-01-01 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), dt.UTC), _ZIP_EPOCH)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def normalise(data: bytes, moment: dt.datetime | None = None) -> bytes:
    """Return the package with every entry dated `moment` and embedded workbooks' dates fixed."""
    moment = moment or fixed_moment()
    return _rewrite(data, moment, embedded=True)


def _rewrite(data: bytes, moment: dt.datetime, *, embedded: bool) -> bytes:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = moment.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if embedded and info.filename.lower().endswith(".xlsx"):
                blob = _rewrite(blob, moment, embedded=False)
            elif info.filename == "docProps/core.xml":
                blob = _DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", blob)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, blob)
    return out.getvalue()


class _PartNames:
    """python-pptx's next_partname, remembering the names it gave out.

    python-pptx finds the next free part name (slide12.xml, chart7.xml, ...) by walking every
    part of the package each time, which makes a deck of n slides cost n^2. This gives the same
    answers (the same search over the same names), walking the package once per kind of part:
    every name it returns becomes a part, and no part is dropped while the deck is built.
    """

    def __init__(self, package: Any) -> None:
        self._package = package
        self._names: dict[str, set[str]] = {}

    def __call__(self, tmpl: str) -> Any:
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self._names.get(prefix)
        if names is None:
            names = {str(p.partname) for p in self._package.iter_parts() if p.partname.startswith(prefix)}
            self._names[prefix] = names
        for n in range(len(names) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")


def remember_part_names(prs: Any) -> None:
    """Make python-pptx find new part names without walking the whole package each time."""
    package = prs.part.package
    # An attribute of this one package shadows the method; python-pptx itself is not changed.
    package.next_partname = _PartNames(package)
