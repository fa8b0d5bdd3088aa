"""`python -m tweetathon` runs the command line."""

from tweetathon.cli import main

main()
