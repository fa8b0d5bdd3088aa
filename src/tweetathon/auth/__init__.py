"""Console accounts and API tokens: users with roles, argon2id passwords, login throttling, hashed API tokens.

    from tweetathon.auth.users import add_user, get_user, has_role          # accounts and roles
    from tweetathon.auth.login import authenticate                          # login with throttling
    from tweetathon.auth.tokens import add_token, verify_token              # API tokens

No web code here: the web app calls these and keeps sessions itself.
"""
