"""How an objective's figures are written (counts, rates, times), in the report and on the command line."""

from __future__ import annotations

from tweetathon.organise.objectives import Unit
from tweetathon.reports import impact_format as fmt


def shown(value: float | None, unit: Unit) -> str:
    """250 -> '250'; 0.8 (a rate) -> '80.0%'; 3600 (a time) -> '1 h'; None -> 'not measured'."""
    if value is None:
        return "not measured"
    if unit == "rate":
        return fmt.percent(value)
    if unit == "seconds":
        return fmt.duration(value)
    return fmt.number(value)
