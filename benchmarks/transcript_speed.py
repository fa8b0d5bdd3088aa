"""How long a 1,000-post chat hour takes to become a transcript (target: HTML in under 2 s).

    .venv/bin/python benchmarks/transcript_speed.py [--posts 1000] [--repeat 3]

Builds an hour in memory (5 host questions, tagged and linked answers, nested replies, side threads, reposts,
long texts with links, hashtags and mentions), then times, best of --repeat: the transcript model, the HTML,
the Markdown, and, as the named peer, a naive page (each post's text through html.escape into one <p>: the
floor any renderer pays).
"""

from __future__ import annotations

import argparse
import html
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from tweetathon.model import Post
from tweetathon.organise.windows import Window
from tweetathon.reports.render_transcript import render_html, render_markdown
from tweetathon.reports.transcript import Transcript, TranscriptInput, build_transcript

START = datetime(2026, 1, 8, 13, 0, tzinfo=UTC)


def chat_hour(n: int, seed: int = 1) -> list[Post]:
    rng = random.Random(seed)
    people = [f"user{i}" for i in range(max(20, n // 8))]
    posts: list[Post] = []
    questions: list[Post] = []

    def add(handle: str, second: int, text: str, **kw: object) -> Post:
        post = Post(platform="x", post_id=str(2_000_000_000_000_000_000 + len(posts)), author_id=f"id-{handle}",
                    author_handle=handle, created_at=START + timedelta(seconds=second), text=text,
                    url=f"https://x.com/{handle}/status/{2_000_000_000_000_000_000 + len(posts)}",
                    **kw)  # type: ignore[arg-type]
        posts.append(post)
        return post

    for q in range(5):
        questions.append(add("polchat", 60 + q * 700, f"Q{q + 1} What about topic {q + 1}? #polchat"))
    while len(posts) < n:
        second = rng.randrange(70, 3599)
        who = rng.choice(people)
        number = min(5, 1 + second // 700)
        roll = rng.random()
        text = (f"A{number} @{rng.choice(people)} " + "we tried this and it worked https://example.org/a "
                * rng.randint(1, 4) + "#polchat")
        if roll < 0.35:
            add(who, second, text, kind="reply", in_reply_to_post_id=questions[number - 1].post_id)
        elif roll < 0.6:
            add(who, second, text)
        elif roll < 0.85 and len(posts) > 10:
            parent = rng.choice(posts[5:])
            if parent.kind != "repost":
                add(who, max(second, int((parent.created_at - START).total_seconds()) + 1),
                    f"@{parent.author_handle} good point #polchat", kind="reply", in_reply_to_post_id=parent.post_id)
        else:
            add(who, second, "", kind="repost", repost_of_id=rng.choice(posts).post_id)
    return posts


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def naive_page(posts: list[Post]) -> str:
    return "".join(f"<p>{html.escape(p.author_handle or '')}: {html.escape(p.text)}</p>" for p in posts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    posts = chat_hour(args.posts)
    data = TranscriptInput(title="#polchat", posts=posts, window=Window(START, START + timedelta(hours=1)),
                           zone="Europe/London", hashtags=("polchat",), host="polchat")
    transcript: Transcript = build_transcript(data)
    model = best(lambda: build_transcript(data), args.repeat)
    page = best(lambda: render_html(build_transcript(data)), args.repeat)
    markdown = best(lambda: render_markdown(build_transcript(data)), args.repeat)
    naive = best(lambda: naive_page(posts), args.repeat)
    size = len(render_html(transcript).encode())
    answers = sum(len(q.answers) for q in transcript.questions)
    print(f"{len(posts)} posts ({transcript.header.reposts} reposts), {answers} answers, {size / 1e6:.2f} MB of HTML")
    print(f"model (questions, answers, threads, people): {model:.3f} s")
    print(f"model + HTML:                                {page:.3f} s   (target < 2 s)")
    print(f"model + Markdown:                            {markdown:.3f} s")
    print(f"naive page (html.escape per post, peer):     {naive:.3f} s")


if __name__ == "__main__":
    main()
