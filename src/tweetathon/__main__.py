"""`python -m tweetathon` runs the command line."""

from tweetathon._launch import main

main()
