"""Questions about a fixed set of character spans, answered in logarithmic time.

Extraction often asks, for every mention or cue of a document, whether one of the
document's other spans (quotations, titles, requirements) holds it. Scanning all
spans each time makes the cost grow with the square of the text; :class:`Intervals`
sorts the spans once and keeps the running maximum of their ends, so each question
is two binary searches.

Examples
--------
>>> iv = Intervals([(10, 20), (0, 5), (12, 30)])
>>> iv.first_holding(13), iv.first_holding(7), iv.holds_span(12, 25)
((10, 20), None, True)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open spans ``(start, end)``, sorted; questions by position.

    Parameters
    ----------
    spans : iterable of (int, int)
        The spans (any order; duplicates allowed).
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted((int(a), int(b)) for a, b in spans)
        self._starts = [a for a, _ in self.spans]
        self._reach = list(accumulate((b for _, b in self.spans), max))
        self._low_end = list(accumulate((b for _, b in reversed(self.spans)), min))[::-1]

    def _first_reaching(self, pos: int, strict: bool) -> int | None:
        """Index of the first span (in sorted order) whose end is beyond ``pos``."""
        i = (bisect.bisect_right if strict else bisect.bisect_left)(self._reach, pos)
        return i if i < len(self.spans) else None

    def first_holding(self, pos: int) -> tuple[int, int] | None:
        """The first span (in sorted order) with ``start <= pos < end``, else None.

        Examples
        --------
        >>> Intervals([(0, 4), (2, 9)]).first_holding(5)
        (2, 9)
        """
        i = self._first_reaching(pos, strict=True)
        if i is None or self._starts[i] > pos:
            return None
        return self.spans[i]

    def holds(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        return self.first_holding(pos) is not None

    def holds_inside(self, pos: int) -> bool:
        """Whether some span has ``start < pos < end`` (strictly inside).

        Examples
        --------
        >>> iv = Intervals([(3, 8)])
        >>> iv.holds_inside(3), iv.holds_inside(4)
        (False, True)
        """
        i = self._first_reaching(pos, strict=True)
        return i is not None and self._starts[i] < pos

    def holds_span(self, start: int, end: int) -> bool:
        """Whether some span has ``span.start <= start`` and ``end <= span.end``."""
        i = self._first_reaching(end, strict=False)
        return i is not None and self._starts[i] <= start

    def any_within(self, start: int, end: int) -> bool:
        """Whether some span lies inside ``[start, end]``: ``start <= span.start, span.end <= end``.

        Examples
        --------
        >>> iv = Intervals([(2, 9), (5, 6)])
        >>> iv.any_within(4, 7), iv.any_within(6, 8)
        (True, False)
        """
        i = bisect.bisect_left(self._starts, start)
        return i < len(self.spans) and self._low_end[i] <= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span overlaps ``[start, end)`` (``span.start < end``, ``start < span.end``).

        Examples
        --------
        >>> iv = Intervals([(2, 5), (8, 9)])
        >>> iv.overlaps(4, 6), iv.overlaps(5, 8), iv.overlaps(0, 3)
        (True, False, True)
        """
        i = self._first_reaching(start, strict=True)  # no span before i ends after start
        return i is not None and self._starts[i] < end

    def any_start_in(self, start: int, end: int) -> bool:
        """Whether some span starts in ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        return i < len(self.spans) and self._starts[i] < end

    def index_of_first_holding(self, pos: int) -> int | None:
        """Sorted index of :meth:`first_holding`'s span (None when no span holds ``pos``)."""
        i = self._first_reaching(pos, strict=True)
        if i is None or self._starts[i] > pos:
            return None
        return i
