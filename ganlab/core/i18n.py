"""The runtime side of translation: N_ marks a table string (a label, a title, a caption) to be translated where it is
shown (ganlab.qt.i18n.table_tr, context TABLE_CONTEXT). The scan that finds the marks and builds the translation
files is ganlab.app.translations; nothing here needs Qt."""

from __future__ import annotations

TABLE_CONTEXT = "Tables"


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "translate this later"
    """Mark a table string for translation; it is shown through table_tr (context "Tables")."""
    return text
