"""How a path's time grows with its input: the time for 4n against the time for n.

A fixed number of seconds says more about the machine and its load than about the code, so the
tests that keep a path linear compare two sizes of the same hostile input instead: about 4 when
the path is linear, about 16 when it is quadratic, and far more when it is exponential.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

Input = TypeVar("Input")

# Linear code gives about 4; quadratic code about 16. The room between is for the noise of a
# loaded machine, and for caches that a larger input no longer fits.
LINEAR = 8.0
# Quadratic code whose linear part is large gives less than 16 on small inputs (about 6 where
# the two parts are even): above this, the sizes step up once, and the larger pair decides.
DOUBTFUL = 5.0


def best_time(run: Callable[[], object]) -> float:
    """The least processor time of three runs, without the garbage collector, whose passes
    come at moments that have nothing to do with the run."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


def growth(
    make: Callable[[int], Input],
    run: Callable[[Input], object],
    size: int = 1_000,
    most: int = 500_000,
    enough: float = 0.01,
) -> float:
    """The time of `run` on `make(4 * n)` over its time on `make(n)`. n starts at `size` and
    doubles until the smaller input takes `enough` seconds to run (or n reaches `most`), so that
    the clock's grain is not what is measured. A doubtful ratio is measured again on 16n against
    4n, where a square term has grown four times against the linear one. The inputs are made
    before the clock starts."""
    small = make(size)
    while best_time(partial(run, small)) < enough and size < most:
        size *= 2
        small = make(size)
    small_time = max(best_time(partial(run, small)), 1e-9)
    large = make(4 * size)
    large_time = best_time(partial(run, large))
    if large_time / small_time <= DOUBTFUL:
        return large_time / small_time
    del small
    larger = make(16 * size)
    return best_time(partial(run, larger)) / max(large_time, 1e-9)
