"""One French line for a document the store refused to write (validation on write).

Forms check their fields first; this is for what slipped past a form: the
store validates every document it writes (``Transaction.put``) and the CLI
and the console turn the pydantic error into this line instead of a traceback.
"""

from __future__ import annotations

from pydantic import ValidationError

from entconsole import labels as L


def invalid_value_message(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    field = ".".join(str(p) for p in first.get("loc", ())) or exc.title
    return L.REFUSED_INVALID_VALUE.format(model=exc.title, field=field, reason=first.get("msg", ""))
