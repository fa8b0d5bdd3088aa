"""Getting data back out, one module per format: posts as CSV and JSONL (`posts`), Parquet (`parquet`), networks
as GEXF (`gexf`), participants as GeoJSON (`geojson`), per-hour and per-day counts as CSV (`counts`).

Every format writes what `posts.exported_rows` selects (deleted and withheld posts never; an event's counted
posts with --event) and pseudonymises the public as the event says (`ExportScope.names`); files are written whole
or not at all (`atomic`)."""

from tweetathon.exports.posts import (
    COUNTED,
    EXTRA_CSV_COLUMNS,
    TWARC_CSV_COLUMNS,
    WRITERS,
    ExportScope,
    ExportSummary,
    event_export,
    exported_rows,
    write_csv,
    write_jsonl,
)

__all__ = ["COUNTED", "EXTRA_CSV_COLUMNS", "TWARC_CSV_COLUMNS", "WRITERS", "ExportScope", "ExportSummary",
           "event_export", "exported_rows", "write_csv", "write_jsonl"]
