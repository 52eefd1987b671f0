"""The flow's benchmark row, kept in the test run as a ratio: a key typed into a flow of 40
sheets costs what it costs in one sheet, and the measure tells whole-flow work when a key does
it (the benchmark itself is not part of the test run)."""

from __future__ import annotations

from collections.abc import Callable

from tests.benchmark_flow import round_of, typing_into
from tests.timing import best_time
from workbook.practice.flow_file import dumps


def ratio(many: Callable[[], object], one: Callable[[], object]) -> float:
    """The least time of `many` over the least of `one`, measured by turns: a spell of load on
    the machine falls on both, and passes."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(5):
        times[0].append(best_time(many))
        times[1].append(best_time(one))
    return min(times[0]) / max(min(times[1]), 1e-9)


def test_a_key_typed_into_forty_sheets_costs_what_it_costs_in_one() -> None:
    measured = ratio(typing_into(round_of(40), keys=300), typing_into(round_of(1), keys=300))
    assert measured < 1.5, f"a key in 40 sheets took {measured:.2f} times as long as in one"


def test_the_measure_tells_a_key_that_does_the_whole_flows_work() -> None:
    # Writing the whole flow at each key (a journal of the flow's text, say) is work that
    # grows with the flow: the same measure must see it.
    measured = ratio(
        typing_into(round_of(40), dumps, keys=10), typing_into(round_of(1), dumps, keys=10)
    )
    assert measured > 3, f"the whole flow's work at each key measured {measured:.2f}"
