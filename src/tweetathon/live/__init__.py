"""The live dashboard of an event: its figures for the time so far (`state`), recomputed once per store change
and fanned out to every viewer (`hub`). No web code here: the web routes render what these return."""
