"""One module per kind of event the simulator models: tweetathon, chat, livefeed."""
