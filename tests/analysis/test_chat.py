"""Questions, answers, threads and reposts of a chat (analysis/chat.py), per docs/figures.md#answers_per_question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.analysis.chat import (
    answer_counts,
    answer_tags,
    assign_answers,
    build_threads,
    detect_questions,
    repost_counts,
)
from tweetathon.model import Post
from tweetathon.organise.windows import Window

START = datetime(2026, 1, 8, 13, 0, tzinfo=UTC)
WINDOW = Window(START, START + timedelta(hours=1))
_ids = iter(range(1, 10**9))


def post(handle: str, minute: float, text: str = "", **kw: object) -> Post:
    return Post(platform="x", post_id=str(kw.pop("post_id", next(_ids))), author_id=f"id-{handle}",
                author_handle=handle, created_at=START + timedelta(minutes=minute), text=text, **kw)  # type: ignore[arg-type]


def test_host_questions_are_found_in_number_order_and_reminders_do_not_replace_them() -> None:
    q2 = post("polchat", 20, "Q2 How do you handle abuse online? #polchat")
    q1 = post("PolChat", 2, "#polchat Q1: What is your favourite post this year?")
    reminder = post("polchat", 1, "Get ready, Q1 comes in a minute!")
    someone = post("alice", 3, "Q3 is my favourite")
    late = post("polchat", 61, "Q4 after the hour")
    found = detect_questions([q2, reminder, q1, someone, late], "@polchat", WINDOW)
    assert list(found) == ["Q1", "Q2"]
    assert found["Q1"] is q1 and found["Q2"] is q2


def test_answers_by_link_and_by_tag_per_the_definition() -> None:
    q1 = post("polchat", 2, "Q1 What works?")
    q2 = post("polchat", 20, "Q2 What fails?")
    reply = post("alice", 5, "Community meetings", kind="reply", in_reply_to_post_id=q1.post_id)
    quote = post("bob", 6, "This!", kind="quote", quote_of_id=q1.post_id)
    tagged = post("carol", 22, "A2. Jargon #polchat")
    lower = post("dan", 23, "a2: long forms")
    linked_wins = post("erin", 24, "A1 but replying to Q2", kind="reply", in_reply_to_post_id=q2.post_id)
    both_tags = post("fay", 25, "A1 yes A2 no")
    repost = post("gus", 7, "RT Q1", kind="repost", repost_of_id=q1.post_id)
    by_host = post("polchat", 8, "A1 from me", kind="reply", in_reply_to_post_id=q1.post_id)
    outside = post("hal", 61, "A1 late", kind="reply", in_reply_to_post_id=q1.post_id)
    not_a_word = post("ivy", 26, "BA1 is a road, A10 is not A1x")
    questions = {"Q1": q1, "Q2": q2}
    answers = assign_answers([q1, q2, reply, quote, tagged, lower, linked_wins, both_tags, repost, by_host,
                              outside, not_a_word], "polchat", questions, WINDOW)
    assert answers["Q1"] == [reply, quote, both_tags]
    assert answers["Q2"] == [tagged, lower, linked_wins, both_tags]
    assert answer_counts(answers) == {"Q1": 3, "Q2": 4}


def test_unanswered_question_is_listed_with_no_answers_and_duplicates_count_once() -> None:
    q1 = post("polchat", 2, "Q1 Anyone?")
    a = post("alice", 3, "A1 me", post_id="dup")
    assert assign_answers([q1, a, a], "polchat", {"Q1": q1, "Q3": post("polchat", 4, "Q3 ?")}, WINDOW) == {
        "Q1": [a], "Q3": []}


def test_answer_tags_are_words() -> None:
    assert answer_tags("A1: yes. A2. also A1 again, A10 and (A3)") == ("A1", "A2", "A10", "A3")
    assert answer_tags("PA1 A1b 1A1") == ()


def test_threads_nest_replies_in_time_order_and_leave_orphans_and_reposts_out() -> None:
    root = post("alice", 1, "root")
    r2 = post("bob", 5, "second reply", kind="reply", in_reply_to_post_id=root.post_id)
    r1 = post("carol", 3, "first reply", kind="reply", in_reply_to_post_id=root.post_id)
    deep = post("alice", 6, "reply to reply", kind="reply", in_reply_to_post_id=r1.post_id)
    orphan = post("dan", 2, "reply to unseen", kind="reply", in_reply_to_post_id="gone")
    rt = post("erin", 4, "", kind="repost", repost_of_id=root.post_id)
    roots = build_threads([deep, r2, orphan, r1, root, rt])
    assert [n.post for n in roots] == [root, orphan]
    assert [n.post for n in roots[0].replies] == [r1, r2]
    assert [n.post for n in roots[0].replies[0].replies] == [deep]
    assert roots[0].size() == 4
    assert repost_counts([rt, rt, root]) == {root.post_id: 1}


def test_a_reply_cycle_in_bad_data_does_not_lose_posts() -> None:
    a = post("alice", 1, "a", kind="reply", in_reply_to_post_id="b", post_id="a")
    b = post("bob", 2, "b", kind="reply", in_reply_to_post_id="a", post_id="b")
    roots = build_threads([a, b])
    assert sum(n.size() for n in roots) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["reply", "quote", "tag"]), st.integers(0, 59)),
                max_size=40))
def test_every_constructed_answer_lands_under_its_question(plan: list[tuple[int, str, int]]) -> None:
    """Answers built by construction (reply, quote or tag to a known question) are all found, each once."""
    questions = {f"Q{n + 1}": post("host", n * 10, f"Q{n + 1} question {n + 1}?") for n in range(5)}
    expected: dict[str, list[Post]] = {tag: [] for tag in questions}
    made: list[Post] = []
    for number, how, minute in plan:
        tag = f"Q{number + 1}"
        q = questions[tag]
        if how == "reply":
            p = post(f"u{minute}", minute, "my answer", kind="reply", in_reply_to_post_id=q.post_id)
        elif how == "quote":
            p = post(f"u{minute}", minute, "quoting", kind="quote", quote_of_id=q.post_id)
        else:
            p = post(f"u{minute}", minute, f"A{number + 1}: tagged answer")
        made.append(p)
        expected[tag].append(p)
    got = assign_answers([*questions.values(), *made], "host", questions, WINDOW)
    assert {t: sorted(p.post_id for p in g) for t, g in got.items()} == {
        t: sorted(p.post_id for p in g) for t, g in expected.items()}
