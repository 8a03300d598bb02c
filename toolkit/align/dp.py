"""The banded dynamic programme: the cheapest path, and each link's posterior by forward–backward."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable

Move = tuple[int, int]  # (Chinese units, English units) in one link

# Cells each side of the cheapest one of the previous row that the search looks at (it widens when needed).
BAND = 3


@dataclass(frozen=True)
class Step:
    """One link of a path: Chinese units [zh_start, zh_end), English units [en_start, en_end)."""

    zh_start: int
    zh_end: int
    en_start: int
    en_end: int
    confidence: float


def best_path(n: int, m: int, moves: Iterable[Move], cost: Callable[[int, int, int, int], float],
              band: int = BAND) -> list[Step]:
    """The cheapest alignment of n units against m, each link with its posterior probability.

    Row i holds the cells (i, j) within ``band`` of the cheapest cell of row
    i−1 moved on by the average slope. When the best path touches the band's
    edge the search is repeated with a band twice as wide, until it does not.
    """
    moves = tuple(moves)
    while True:
        steps = _banded(n, m, moves, cost, band)
        if steps is not None:
            return steps
        band *= 2


def _banded(n: int, m: int, moves: tuple[Move, ...], cost: Callable[[int, int, int, int], float],
            band: int) -> list[Step] | None:
    """The path within one band width, or None when it touches the band's edge (a wider band may differ)."""
    lattice = _Lattice(n, m, moves, cost, band)
    lattice.forward()
    end = lattice.index.get((n, m))
    if end is None or lattice.viterbi[end] == math.inf:
        return None if not lattice.full else []
    return lattice.path(end, lattice.backward(end))


class _Lattice:
    """The band's cells in row order, each with its Viterbi cost, forward log-probability and incoming links."""

    def __init__(self, n: int, m: int, moves: tuple[Move, ...], cost: Callable[[int, int, int, int], float],
                 band: int):
        self.n, self.m, self.moves, self.cost, self.band = n, m, moves, cost, band
        self.full = band >= max(n, m)
        self.windows: list[tuple[int, int]] = []
        self.index: dict[tuple[int, int], int] = {}
        self.viterbi: list[float] = []
        self.alpha: list[float] = []
        self.back: list[int] = []
        self.links: list[list[tuple[int, float]]] = []  # per cell: (predecessor cell, link cost)

    def forward(self) -> None:
        """Fill row after row, each centred on the cheapest cell of the one before moved on by the slope."""
        slope = self.m / self.n if self.n else 0.0
        best_j = 0
        for i in range(self.n + 1):
            if self.full:
                low, high = 0, self.m
            else:
                # shifted, not narrowed, where it meets either end: a tail left untranslated stays inside
                centre = min(max(round(best_j + slope) if i else 0, self.band), self.m - self.band)
                low, high = max(0, centre - self.band), min(self.m, centre + self.band)
                if i == self.n:
                    high = self.m
            self.windows.append((low, high))
            row_best, best_j = math.inf, low
            for j in range(low, high + 1):
                best = self._fill_cell(i, j)
                if best < row_best:
                    row_best, best_j = best, j

    def _fill_cell(self, i: int, j: int) -> float:
        self.index[(i, j)] = len(self.viterbi)
        best, best_from, total = (0.0, -1, 0.0) if i == j == 0 else (math.inf, -1, -math.inf)
        incoming: list[tuple[int, float]] = []
        for di, dj in self.moves:
            previous = self.index.get((i - di, j - dj))
            if previous is None or self.viterbi[previous] == math.inf:
                continue
            step = self.cost(i - di, di, j - dj, dj)
            incoming.append((previous, step))
            if self.viterbi[previous] + step < best:
                best, best_from = self.viterbi[previous] + step, previous
            total = _log_add(total, self.alpha[previous] - step)
        self.viterbi.append(best)
        self.alpha.append(total)
        self.back.append(best_from)
        self.links.append(incoming)
        return best

    def backward(self, end: int) -> list[float]:
        """Backward log-probabilities of every cell, from the end cell."""
        beta = [-math.inf] * len(self.viterbi)
        beta[end] = 0.0
        for cell in range(len(beta) - 1, -1, -1):
            if beta[cell] == -math.inf:
                continue
            for previous, step in self.links[cell]:
                beta[previous] = _log_add(beta[previous], beta[cell] - step)
        return beta

    def path(self, end: int, beta: list[float]) -> list[Step] | None:
        """The Viterbi path with each link's posterior, or None when it runs along the band's edge."""
        cells = list(self.index)
        path: list[Step] = []
        cell = end
        log_z = self.alpha[end]
        while self.back[cell] >= 0:
            previous = self.back[cell]
            (i1, j1), (i0, j0) = cells[cell], cells[previous]
            if not self.full and (_on_edge(i0, j0, self.windows, self.m) or _on_edge(i1, j1, self.windows, self.m)):
                return None
            step = next(s for p, s in self.links[cell] if p == previous)
            posterior = math.exp(min(0.0, self.alpha[previous] - step + beta[cell] - log_z))
            path.append(Step(i0, i1, j0, j1, posterior))
            cell = previous
        path.reverse()
        return path


def _on_edge(i: int, j: int, windows: list[tuple[int, int]], m: int) -> bool:
    low, high = windows[i]
    return (j == low and low > 0) or (j == high and high < m)


def _log_add(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    if a < b:
        a, b = b, a
    return a + math.log1p(math.exp(b - a))

