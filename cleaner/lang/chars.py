"""Characters that carry no text, named once for the unicode pack and the corpus learners.

The unicode pack (MOJ003-005) removes them from documents; the name learner reads text without
them, so that what it learns from a damaged corpus is what it would learn from the clean one.
"""
from __future__ import annotations

TERMINAL_ESCAPE = r"\x1b\[[0-9;?]*[A-Za-z]"  # "\x1b[31m": terminal colour codes
C0_CONTROLS = r"\x00-\x08\x0b\x0e-\x1f\x7f"  # C0 controls and DEL; tab, LF, CR and form feed are text
INVISIBLES = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters, BOM
