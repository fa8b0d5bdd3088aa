"""Offline machine translation through backends (`base.Backend`): Debian's Apertium (`apertium`) for the pairs it
has installed, and Argos Translate (`argos`) with models the user installs from local `.argosmodel` files.
`stored` keeps translations beside posts (`post_translations`) with the backend named."""
