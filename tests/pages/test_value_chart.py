"""A speaker's figures over time: one chart per unit, points inside the plot, honest axes."""

from __future__ import annotations

from core.value_chart import value_charts


def claim(claim_id: int, value, unit: str = "USD", published: str = "2024-01-01") -> dict:
    """The parts of a claim's API body a chart reads."""
    return {
        "id": claim_id,
        "value": value,
        "unit": unit,
        "attribution": "direct_quote",
        "document": {"published": published},
    }


def test_one_chart_per_unit_with_every_claim_a_point():
    charts = value_charts(
        [claim(1, 5, "USD"), claim(2, 7, "people"), claim(3, 9, "USD", "2024-06-01")]
    )
    assert [c.unit for c in charts] == ["USD", "people"]
    assert sorted(p.claim["id"] for c in charts for p in c.points) == [1, 2, 3]


def test_points_stay_inside_the_plot_and_later_is_further_right():
    chart = value_charts(
        [claim(1, 10, published="2020-01-01"), claim(2, 900, published="2024-01-01")]
    )[0]
    for point in chart.points:
        assert chart.left <= point.x <= chart.right and chart.top <= point.y <= chart.bottom
    early, late = chart.points
    assert early.x < late.x and late.y < early.y  # larger values sit higher


def test_values_over_three_orders_of_magnitude_use_a_log_axis():
    chart = value_charts([claim(1, 3500), claim(2, 500_000_000)])[0]
    assert chart.logarithmic
    assert [t.label for t in chart.y_ticks][0] == "1,000"
    assert [t.label for t in chart.y_ticks][-1] == "10억"  # as Korean reads it
    assert not value_charts([claim(1, 3500), claim(2, 9000)])[0].logarithmic


def test_years_are_not_drawn_from_zero():
    chart = value_charts([claim(1, 2014, "year"), claim(2, 2025, "year")])[0]
    labels = [t.label for t in chart.y_ticks]
    assert labels[0] != "0" and "2,014" not in labels


def test_claims_of_one_day_sit_side_by_side():
    chart = value_charts([claim(1, 5), claim(2, 5), claim(3, 5)])[0]
    xs = [p.x for p in chart.points]
    assert len(set(xs)) == 3
    assert abs(sum(xs) / 3 - (chart.left + chart.right) / 2) < 1  # centred on the day
