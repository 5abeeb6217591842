"""Fair timings: every method warmed up, repeated, on the same inputs.

The first call of a function can pay for what later calls do not: Numba
compiling, a library loading, caches filling. And one call on a busy
machine can be slowed by anything else running. So lessons time with
``best_seconds``: one untimed call first, then the fastest of a few; and
``compared`` says how two times compare, counting a small difference as
none.
"""

# --8<-- [start:best_seconds]
import time
from collections.abc import Callable


def best_seconds(
    function: Callable,
    *args,
    repeats: int = 3,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """The fastest of ``repeats`` calls of ``function(*args)``, in seconds,
    after one untimed call that pays for any first-call costs (``clock``
    reads the time: tests give a made-up one)."""
    function(*args)
    times = []
    for _ in range(repeats):
        start = clock()
        function(*args)
        times.append(clock() - start)
    return min(times)


# --8<-- [end:best_seconds]


# --8<-- [start:one_call_seconds]
def one_call_seconds(function: Callable, *args) -> float:
    """One call of ``function(*args)``, timed on purpose: what a first call
    costs (compiling, loading), or a call too slow to repeat."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# --8<-- [end:one_call_seconds]

# --8<-- [start:compared]
MARGIN = 0.10  # times within 10% of each other: about the same


def compared(seconds: float, reference_seconds: float) -> str:
    """How a time compares with a reference, differences within the margin
    being noise: "faster than", "slower than" or "about as fast as"."""
    ratio = seconds / reference_seconds
    if ratio < 1 / (1 + MARGIN):
        return "faster than"
    if ratio > 1 + MARGIN:
        return "slower than"
    return "about as fast as"


# --8<-- [end:compared]
