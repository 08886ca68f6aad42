r"""Names and titles as people see them: no invisible characters.

A name is read on screen, and two names that look alike are taken to be one person. Unicode
lets text carry characters that show nothing or reorder what is around them:

- bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates,
  U+200E/U+200F/U+061C marks): ``"张三\u202e"`` + more text can display reversed, so
  ``"赵六\u202e四李"`` shows as "赵六李四";
- zero-width characters (U+200B space, U+200C/U+200D joiners, U+2060 word joiner, U+FEFF
  byte-order mark, U+00AD soft hyphen): ``"张\u200b三"`` looks exactly like "张三" but is
  another string (another search result, another sort position);
- the rest of Unicode's "format" (Cf) and "control" (Cc) categories, and the letters that
  are drawn blank (Hangul fillers, the blank Braille pattern).

``strip_invisible`` removes them all — a pasted zero-width space is a copy-paste accident,
not something to argue with the user about — and every form field for a name or a title
(``members.forms.NameField``, and the one-per-line lists) and the roster import go through
it. Pure Python, no Django.
"""

from __future__ import annotations

import unicodedata

#: Letters (category Lo / So) that are drawn as nothing.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = ("Cf", "Cc")


def is_invisible(char: str) -> bool:
    return char in BLANK_LETTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def strip_invisible(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` without invisible characters (see the module docstring), ends stripped.

    With ``keep_newlines``, line breaks stay (for one-item-per-line lists); tabs and other
    control characters still go."""
    kept = (char for char in value if not is_invisible(char) or (keep_newlines and char in "\n\r"))
    return "".join(kept).strip()
