"""Relations between events narrow their intervals, never past what the text says."""

from datetime import date

from sitegen.events.chronology import Constraint, propagate
from sitegen.events.model import DateRange

NOV = lambda day: date(2023, 11, day)  # noqa: E731


def test_after_starts_no_earlier_than_the_other_event() -> None:
    dates = propagate({"remarks": DateRange(None, NOV(6)), "meeting": DateRange(NOV(6), NOV(6))},
                      [Constraint("remarks", "after", "meeting")])
    assert dates["remarks"] == DateRange(NOV(6), NOV(6))


def test_hours_before_is_within_a_day_of_the_other_event() -> None:
    dates = propagate({"protest": DateRange(None, NOV(6)), "arrival": DateRange(NOV(4), NOV(6))},
                      [Constraint("protest", "before", "arrival", gap=1)])
    assert dates["protest"] == DateRange(NOV(3), NOV(6))
    assert dates["arrival"] == DateRange(NOV(4), NOV(6))


def test_relations_chain_through_several_events() -> None:
    dates = propagate(
        {"meetings": DateRange(NOV(4), NOV(5)), "visit": DateRange(None, NOV(6)), "protest": DateRange(None, NOV(6))},
        [Constraint("protest", "before", "visit", gap=1), Constraint("visit", "after", "meetings")],
    )
    assert dates["visit"] == DateRange(NOV(4), NOV(6))
    assert dates["protest"] == DateRange(NOV(3), NOV(6))


def test_before_without_a_gap_keeps_the_start_open() -> None:
    dates = propagate({"recall": DateRange(None, NOV(6)), "meeting": DateRange(NOV(6), NOV(6))},
                      [Constraint("recall", "before", "meeting")])
    assert dates["recall"] == DateRange(None, NOV(6))


def test_during_lies_within() -> None:
    dates = propagate({"talk": DateRange(None, None), "visit": DateRange(NOV(4), NOV(6))},
                      [Constraint("talk", "during", "visit")])
    assert dates["talk"] == DateRange(NOV(4), NOV(6))


def test_a_contradiction_is_ignored_not_forced() -> None:
    start = {"a": DateRange(NOV(10), NOV(10)), "b": DateRange(NOV(1), NOV(1))}
    assert propagate(start, [Constraint("a", "before", "b")]) == start


def test_unknown_keys_and_self_relations_are_ignored() -> None:
    start = {"a": DateRange(None, NOV(6))}
    assert propagate(start, [Constraint("a", "after", "missing"), Constraint("a", "before", "a")]) == start


def test_labels_say_how_sure_the_date_is() -> None:
    assert DateRange(NOV(6), NOV(6)).label == "6 Nov 2023"
    assert DateRange(NOV(4), NOV(5)).label == "4-5 Nov 2023"
    assert DateRange(None, NOV(6)).label == "on or before 6 Nov 2023"
    assert DateRange(NOV(6), None).label == "on or after 6 Nov 2023"
    assert DateRange(NOV(1), NOV(30)).label == "Nov 2023"
    assert DateRange(NOV(1), NOV(9)).label == "1-9 Nov 2023"  # "earlier this month": not the whole month
    assert DateRange(date(2024, 2, 1), date(2024, 2, 29)).label == "Feb 2024"
    assert DateRange(date(2023, 1, 1), date(2023, 12, 31)).label == "2023"
    assert DateRange(date(2023, 10, 30), NOV(2)).label == "30 Oct - 2 Nov 2023"
    assert DateRange(date(2023, 12, 30), date(2024, 1, 2)).label == "30 Dec 2023 - 2 Jan 2024"
    assert DateRange().label == "date unknown"
    assert [DateRange(NOV(6), NOV(6)).precision, DateRange(NOV(1), NOV(30)).precision,
            DateRange(None, NOV(6)).precision] == ["day", "month", "before"]


def test_an_exact_gap_moves_the_other_events_days() -> None:
    dates = propagate({"call": DateRange(None, date(2024, 5, 8)), "talks": DateRange(date(2024, 5, 4), date(2024, 5, 4))},
                      [Constraint("call", "after", "talks", gap=-2)])
    assert dates["call"] == DateRange(date(2024, 5, 6), date(2024, 5, 6))
    dates = propagate({"vote": DateRange(None, None), "strike": DateRange(date(2024, 5, 10), date(2024, 5, 11))},
                      [Constraint("vote", "before", "strike", gap=-7)])
    assert dates["vote"] == DateRange(date(2024, 5, 3), date(2024, 5, 4))
