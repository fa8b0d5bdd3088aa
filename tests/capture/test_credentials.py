"""Credentials: Secret never shows its value; RedactingFilter scrubs secrets from log records (message, args,
exception text); the TOML loader (environment wins, malformed files and unknown keys reported clearly)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tweetathon.capture.credentials import ConfigError, RedactingFilter, Secret, install_redaction, load_config

TOKEN = "AAAAunit-test-token-3f9e1d"


def test_secret_is_redacted_in_repr_str_format_fstrings_and_containers() -> None:
    secret = Secret(TOKEN)
    shown = [repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{secret:>40}",
             "{}".format(secret), "%s" % secret,  # noqa: UP031, UP032 - the old ways must redact too
             repr([secret]), repr({"token": secret}), str((secret,))]
    assert all(TOKEN not in s for s in shown)
    assert all("********" in s for s in shown)
    assert secret.reveal() == TOKEN and secret == Secret(TOKEN) and bool(secret) and not Secret("")


def _logger(tmp_path: Path, secrets: list[str]) -> tuple[logging.Logger, Path]:
    log = logging.getLogger(f"test-redaction-{tmp_path.name}")
    log.propagate = False
    path = tmp_path / "capture.log"
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    log.addHandler(handler)
    return log, path


def test_redacting_filter_scrubs_messages_arguments_and_exception_text(tmp_path: Path) -> None:
    log, path = _logger(tmp_path, [TOKEN])
    log.warning("GET /2/tweets?token=%s failed", TOKEN)
    log.warning(f"header Authorization: Bearer {TOKEN}")
    try:
        raise RuntimeError(f"the server echoed {TOKEN} back")
    except RuntimeError:
        log.exception("request failed")
    log.error("with a stack", stack_info=True, extra={"x": 1})
    for handler in log.handlers:
        handler.close()
    text = path.read_text()
    assert TOKEN not in text
    assert text.count("********") == 3
    assert "RuntimeError: the server echoed ******** back" in text      # the traceback is kept, scrubbed
    assert "GET /2/tweets?token=******** failed" in text


def test_install_redaction_covers_the_root_logger_handlers(tmp_path: Path) -> None:
    path = tmp_path / "root.log"
    handler = logging.FileHandler(path)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        flt = install_redaction(load_config(env={"TWEETATHON_X_BEARER_TOKEN": TOKEN}))
        logging.getLogger("httpx").warning("Authorization: Bearer %s", TOKEN)
    finally:
        root.removeHandler(handler)
        root.removeFilter(flt)
        handler.close()
    assert TOKEN not in path.read_text() and "Bearer ********" in path.read_text()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "capture.toml"
    path.write_text(text)
    return path


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[x]
bearer_token = "from-the-file"
api_url = "http://127.0.0.1:9/"
query_max_length = 1024
[mastodon]
instances = ["https://a.example/", "https://b.example"]
tokens = { "https://a.example" = "token-a" }
[capture]
poll_seconds = 5
""")
    from_file = load_config(path, env={})
    assert from_file.x_bearer_token == Secret("from-the-file") and from_file.x_api_url == "http://127.0.0.1:9"
    assert from_file.mastodon_instances == ("https://a.example", "https://b.example")
    assert from_file.mastodon_tokens == {"https://a.example": Secret("token-a")}
    assert (from_file.x_query_max_length, from_file.poll_seconds, from_file.backoff_seconds) == (1024, 5.0, 1.0)
    env = load_config(path, env={"TWEETATHON_X_BEARER_TOKEN": "from-env", "TWEETATHON_CAPTURE_POLL": "0.5",
                                 "TWEETATHON_MASTODON_INSTANCES": "https://c.example",
                                 "TWEETATHON_MASTODON_TOKEN": "shared"})
    assert env.x_bearer_token == Secret("from-env") and env.poll_seconds == 0.5
    assert env.mastodon_instances == ("https://c.example",)
    assert env.mastodon_tokens["https://c.example"] == Secret("shared")
    assert sorted(env.secrets()) == sorted(["from-env", "token-a", "shared"])
    assert "from-env" not in repr(env) and "token-a" not in repr(env)


@pytest.mark.parametrize(("text", "message"), [
    ('[x]\nbearer_token = "unterminated\n', "capture.toml:2: not valid TOML"),
    ("[x]\nbearer_tokn = 'abc'\n", "unknown key [x] bearer_tokn; known keys of [x]: api_url, bearer_token"),
    ("[mastadon]\ninstances = []\n", "unknown section [mastadon]; known sections: x, mastodon"),
    ("[mastodon]\ninstances = 'https://a.example'\n", "[mastodon] instances must be a list of URLs"),
    ("[capture]\npoll_seconds = 'often'\n", "poll_seconds must be a number, not 'often'"),
    ("[capture]\npoll_seconds = 0\n", "poll_seconds must be greater than 0"),
])
def test_a_bad_file_is_a_clear_message_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path, env={})
    assert message in str(error.value)
    assert str(error.value).startswith(str(path))


def test_a_missing_file_and_a_bad_variable_are_clear_messages(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml", env={})
    with pytest.raises(ConfigError, match=r"^TWEETATHON_CAPTURE_BACKOFF: backoff_seconds must be a number"):
        load_config(None, env={"TWEETATHON_CAPTURE_BACKOFF": "fast"})


def test_the_cli_reports_a_bad_config_file_without_a_traceback(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tweetathon.cli import app

    path = _write(tmp_path, "[x]\nbearer_tokn = 'abc'\n")
    result = CliRunner().invoke(app, ["capture", "any", "--config", str(path), "--db",
                                      f"sqlite:///{tmp_path / 'db.sqlite'}"])
    assert result.exit_code != 0
    assert "bearer_tokn" in result.output and "Traceback" not in result.output


def test_a_first_bluesky_capture_starts_live_unless_told_oldest(tmp_path: Path) -> None:
    from tweetathon.capture.bluesky_api import SUBSCRIBE, BlueskyFirehoseSource

    assert load_config(None, env={}).bluesky_start == "live"
    assert load_config(None, env={"TWEETATHON_BLUESKY_START": "oldest"}).bluesky_start == "oldest"
    path = tmp_path / "c.toml"
    path.write_text('[bluesky]\nstart = "yesterday"\n')
    with pytest.raises(ConfigError, match="start must be 'live' or 'oldest'"):
        load_config(path, env={})
    live = BlueskyFirehoseSource("ws://relay.test", ("poltwt",), start_live=True)
    assert live.url(None) == f"ws://relay.test/xrpc/{SUBSCRIBE}"
    assert live.url(42) == f"ws://relay.test/xrpc/{SUBSCRIBE}?cursor=42", "a saved cursor always resumes"
    assert BlueskyFirehoseSource("ws://pds.test", ("poltwt",)).url(None).endswith("?cursor=0")
