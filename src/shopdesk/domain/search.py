"""The search key of a product: what the as-you-type filter matches against.

Chinese shop software finds 纯棉短袖T恤 by `cmdx` (pinyin initials) or
`chunmian` (full pinyin). The key is computed once when a product is saved,
never per keystroke; the filter is a plain substring match on it.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "\x1f"  # keeps a match from spanning two fields


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def pinyin_forms(text: str) -> tuple[str, str]:
    """Full pinyin and initials of the text, e.g. ('chunmianduanxiutxu', 'cmdxtx')."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, errors="default") if s.strip()]
    full = "".join(s.replace(" ", "") for s in syllables).casefold()
    initials = "".join(s[0] for s in lazy_pinyin(text, style=Style.FIRST_LETTER) if s.strip()).casefold()
    return full, initials.replace(" ", "")


def normalize_query(text: str) -> str:
    return "".join(text.split()).casefold()


def search_key(texts: Iterable[str | None], codes: Iterable[str | None] = ()) -> str:
    """Lower-case key: each text as is and without spaces, its pinyin forms, and the codes."""
    parts: list[str] = []
    for text in texts:
        if not text:
            continue
        folded = text.casefold()
        parts.append(folded)
        parts.append("".join(folded.split()))
        if _has_han(text):
            parts.extend(pinyin_forms(text))
    parts.extend(code.casefold() for code in codes if code)
    return SEPARATOR.join(dict.fromkeys(parts))
