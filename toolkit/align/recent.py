"""A bounded cache for values the banded search asks for again only while its rows pass by."""
from __future__ import annotations

import weakref
from typing import Callable, Hashable, TypeVar

Value = TypeVar("Value")
# Entries per generation: far more than one band's rows ask for, far fewer than a long text's cells.
GENERATION = 4_000


class Recent(dict):
    """``cache[key]`` computes ``make(key)`` once and keeps it two generations, so memory stays flat along the text.

    The search moves forward row by row: a value computed near row i is
    wanted again near row i, never near the start. A hit is a plain dict
    lookup; on a miss the previous generation is tried, then ``make``. When
    the current generation is full it becomes the previous one.
    """

    def __init__(self, make: Callable[[Hashable], Value], size: int = GENERATION):
        super().__init__()
        # ``make`` is a method of the cache's owner: held weakly, so that the two make no reference cycle (the
        # aligner runs with the cyclic collector paused, and a cycle would keep every group's model alive)
        self._owner, self._make = weakref.ref(make.__self__), make.__func__
        self.size = size
        self.previous: dict[Hashable, Value] = {}

    def __missing__(self, key: Hashable) -> Value:
        value = self.previous.get(key)
        if value is None:
            value = self._make(self._owner(), key)
        if len(self) >= self.size:
            self.previous = dict(self)
            self.clear()
        self[key] = value
        return value
