"""Folded names kept in one string, so "every typed word is in the name" runs at C speed."""

from __future__ import annotations

from bisect import bisect_right


class NameIndex:
    """Names by id; `containing` finds those that contain every word, shortest first."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self._ids = list(names)
        self._starts: list[int] = []
        position = 0
        for cid in self._ids:
            self._starts.append(position)
            position += len(names[cid]) + 1
        # Newlines separate names: a word never matches across two of them.
        self._blob = "\n".join(names[cid] for cid in self._ids)

    def containing(self, words: list[str], *, limit: int) -> list[int]:
        """Ids whose name contains every word, shortest names first (closest matches)."""
        if not words or not self._ids:
            return []
        anchor = max(words, key=len)
        found: list[int] = []
        pos = self._blob.find(anchor)
        while pos != -1:
            row = bisect_right(self._starts, pos) - 1
            cid = self._ids[row]
            name = self.names[cid]
            if all(w in name for w in words):
                found.append(cid)
            next_row = row + 1
            pos = (
                self._blob.find(anchor, self._starts[next_row])
                if next_row < len(self._starts)
                else -1
            )
        found.sort(key=lambda cid: len(self.names[cid]))
        return found[:limit]
