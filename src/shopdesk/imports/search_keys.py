"""Search keys for many products at once: the same keys as domain.search.search_key, faster.

pypinyin costs about half a millisecond per name, which is 30 seconds for a
50,000-row import. pypinyin converts each run of Chinese characters on its own
(it splits the text into Han and non-Han runs first), and the pinyin forms are
joins of per-syllable strings, so converting each distinct run once and joining
the runs' forms gives exactly the whole text's forms. Product names share most
of their runs (纯棉, 短袖, 黑色...). tests/imports/test_search_keys.py holds
this equal to domain.search.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shopdesk.domain.catalogue import ProductDraft
from shopdesk.domain.search import SEPARATOR

# The characters domain.search._has_han looks for.
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


class BulkSearchKeys:
    """product_search_key for a batch of drafts, with pypinyin run once per distinct run of characters."""

    def __init__(self) -> None:
        from pypinyin import Style, lazy_pinyin
        from pypinyin.constants import RE_HANS

        self._lazy_pinyin = lazy_pinyin
        self._first_letter = Style.FIRST_LETTER
        han_class = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")
        self._runs = re.compile(f"({han_class}+)")
        self._run_forms: dict[str, tuple[str, str]] = {}
        self._text_parts: dict[str, tuple[str, ...]] = {}

    def product(self, draft: ProductDraft) -> str:
        """Equal to services.catalogue_editing.product_search_key(draft)."""
        return self.key([draft.name, draft.alt_name, draft.variant_label], [draft.sku, *draft.barcodes])

    def key(self, texts: Iterable[str | None], codes: Iterable[str | None] = ()) -> str:
        """Equal to domain.search.search_key(texts, codes)."""
        parts: list[str] = []
        for text in texts:
            if text:
                parts.extend(self._parts(text))
        parts.extend(code.casefold() for code in codes if code)
        return SEPARATOR.join(dict.fromkeys(parts))

    def _parts(self, text: str) -> tuple[str, ...]:
        parts = self._text_parts.get(text)
        if parts is None:
            folded = text.casefold()
            parts = (folded, "".join(folded.split()))
            if _HAN.search(text):
                parts += self.pinyin_forms(text)
            if len(self._text_parts) < 100_000:  # names are mostly unique; variants and English names repeat
                self._text_parts[text] = parts
        return parts

    def pinyin_forms(self, text: str) -> tuple[str, str]:
        """Equal to domain.search.pinyin_forms(text)."""
        full: list[str] = []
        initials: list[str] = []
        for run in self._runs.split(text):
            if not run:
                continue
            forms = self._run_forms.get(run)
            if forms is None:
                syllables = self._lazy_pinyin(run)
                letters = self._lazy_pinyin(run, style=self._first_letter)
                forms = (
                    "".join(s.replace(" ", "") for s in syllables if s.strip()).casefold(),
                    "".join(s[0] for s in letters if s.strip()).casefold().replace(" ", ""),
                )
                self._run_forms[run] = forms
            full.append(forms[0])
            initials.append(forms[1])
        return "".join(full), "".join(initials)
