"""The classroom's parts on their own: codes, nicknames, messages, limits,
the store, old sessions, discovery on the loopback."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from hypothesis import given, settings, strategies as st

from game.classroom import discovery, nicknames, protocol as P
from game.classroom.limits import JoinThrottle, RateLimit
from game.classroom.records import RecordError, autoplay_journey, check_journey, make_spec
from game.classroom.store import Group, Store, Student, delete_old_sessions


def test_codes_have_no_look_alikes_and_normalise():
    codes = {nicknames.new_code() for _ in range(500)}
    assert len(codes) > 490
    for code in codes:
        assert nicknames.is_code(code) and not set(code) & set("0O1IL2Z5S8B")
    assert nicknames.normalise_code(" ac-d3 4f ") == "ACD34F"


def test_nicknames_come_from_the_list_and_are_free():
    taken = set(nicknames.choices(set(), 10))
    assert len(taken) == 10 and all(nicknames.is_nickname(n) for n in taken)
    more = nicknames.choices(taken, 4)
    assert not set(more) & taken
    assert not nicknames.is_nickname("Robert Tables") and not nicknames.is_nickname("Quiet")
    assert nicknames.capacity() >= 250


def test_a_class_in_korean_or_japanese_is_offered_nicknames_in_its_language(tmp_path):
    import unicodedata

    from game.classroom.server import Host, new_session
    from game.classroom.store import Group

    for language, script in (("ko", "HANGUL"), ("ja", ("HIRAGANA", "KATAKANA", "CJK"))):
        names = nicknames.choices(set(), 10, language)
        assert len(set(names)) == 10 and all(nicknames.is_nickname(n, language) for n in names)
        assert not any(nicknames.is_nickname(n) for n in names)  # not an English class's
        for n in names:
            letters = [unicodedata.name(ch) for ch in n if ch != " "]
            assert all(name.startswith(script) for name in letters), n
        assert nicknames.capacity(language) >= 250
    assert all(" " in n for n in nicknames.choices(set(), 5, "ko"))
    assert not any(" " in n for n in nicknames.choices(set(), 5, "ja"))  # written together
    assert all(nicknames.is_nickname(n) for n in nicknames.choices(set(), 5, "fr"))  # no list of its own: English
    # the class keeps the language it was made in, and offers its nicknames to students
    store = new_session([Group(1, "A", "jsa", "historical")], tmp_path, seed_base=1, language="ko")
    try:
        host = Host(store, "127.0.0.1", 0)
        assert host.language == "ko"
        student = host._new_student()
        assert nicknames.is_nickname(student.nickname, "ko")
    finally:
        store.close()


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300), st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)))
@settings(max_examples=300, deadline=None)
def test_anything_that_is_not_a_message_is_refused_with_a_reason(data):
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    try:
        msg, seq = P.parse(text, P.FROM_STUDENT)
    except P.ProtocolError as exc:
        assert exc.code in ("not-json", "version", "unknown-type", "bad-field", "too-big")
    else:  # by chance a valid message: then it is one of ours, fully typed
        assert type(msg) in P.FROM_STUDENT.values() and isinstance(seq, int)


def test_messages_are_strict():
    good = json.loads(P.Progress(phase="playing", step=1, hours=0.5, elapsed_s=3).to_json(4))
    assert P.parse(json.dumps(good), P.FROM_STUDENT)[0].step == 1
    for change in ({"step": True}, {"step": 1.5}, {"phase": "cheating"}, {"hours": float("inf")}, {"extra": 1}, {"v": "1"}):
        bad = dict(good, **change)
        with pytest.raises(P.ProtocolError):
            P.parse(json.dumps(bad), P.FROM_STUDENT)
    with pytest.raises(P.ProtocolError):
        P.parse(P.Welcome(student="abcdefgh", nickname="x").to_json(), P.FROM_STUDENT)  # the host's, not a student's
    with pytest.raises(P.ProtocolError, match="too-big"):
        P.parse("x" * (P.MAX_MESSAGE_BYTES + 1), P.FROM_STUDENT)


def test_throttle_waits_longer_after_each_wrong_code():
    now = [0.0]
    t = JoinThrottle(clock=lambda: now[0])
    for _ in range(5):
        assert t.wait_s("a") == 0
        t.fail("a")
    assert t.wait_s("a") == pytest.approx(1.0) and t.wait_s("b") == 0
    now[0] += 1.0
    t.fail("a")
    assert t.wait_s("a") == pytest.approx(2.0)
    now[0] += 10_000
    assert t.wait_s("a") == 0  # forgotten after a quiet while


def test_rate_limit_allows_a_burst_then_the_rate():
    now = [0.0]
    r = RateLimit(per_s=10, burst=5, clock=lambda: now[0])
    assert sum(r.allow() for _ in range(20)) == 5
    now[0] += 0.5
    assert sum(r.allow() for _ in range(20)) == 5


def test_store_keeps_a_result_once_and_comes_back(tmp_path):
    store = Store.create("ACDEFG", [Group(1, "A", "jsa", "historical")], {"seed_base": 1}, tmp_path)
    store.add_student(Student("s1" * 5, "Quiet Heron", 1, 7, time.time()))
    record = autoplay_journey(make_spec("jsa", "historical", {}, 7))
    assert store.add_result("r" * 10, "s1" * 5, record) is True
    assert store.add_result("r" * 10, "s1" * 5, record) is False
    assert store.add_result("q" * 10, "s1" * 5, record) is False  # one result a student
    store.close()
    again = Store.latest(tmp_path)
    assert again.get("code") == "ACDEFG" and [s.nickname for s in again.students()] == ["Quiet Heron"]
    assert list(again.results()) == ["s1" * 5]
    again.put("closed", True)
    again.close()
    assert Store.latest(tmp_path) is None


def test_sessions_older_than_the_limit_are_deleted(tmp_path):
    old = Store.create("ACDEFG", [Group(1, "A", "jsa", "historical")], {}, tmp_path)
    old.put("created", time.time() - 31 * 86400)
    old.close()
    new = Store.create("HJKMNP", [Group(1, "A", "jsa", "historical")], {}, tmp_path)  # another code: another folder, same second or not
    new.close()
    gone = delete_old_sessions(30, tmp_path)
    assert gone == [old.folder] and new.folder.exists() and not old.folder.exists()


def test_a_record_must_be_for_the_conditions_given():
    spec = make_spec("jsa", "historical", {}, 3)
    record = autoplay_journey(spec)
    assert check_journey(record, spec)["outcome"] == record["outcome"]
    for bad in (dict(record, outcome="flew_away"), dict(record, spec=dict(record["spec"], seed=4)),
                dict(record, choices=[{"step": 0, "action": {"rm": "-rf"}}]), {"format": "x"}, [1]):
        with pytest.raises(RecordError):
            check_journey(bad, spec)


def test_discovery_hears_an_announcement_on_the_loopback():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    found: list = []
    listener = threading.Thread(target=lambda: found.extend(discovery.discover(0.5, port, "127.0.0.1")))
    listener.start()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        while listener.is_alive():  # as a host does, again and again: whenever the listener is up, it hears one
            s.sendto(b"not ours", ("127.0.0.1", port))
            s.sendto(discovery.announcement(47310), ("127.0.0.1", port))
            listener.join(0.05)
    assert found == [("127.0.0.1", 47310)]
    assert discovery.read_announcement(b'{"kind": "crossings-class", "v": 1, "port": "x"}') is None


def test_a_running_host_announces_itself(tmp_path):
    import asyncio

    from classhelp import running_host

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    async def main():
        # a quick beat, and the listener stops at the first class it hears: no wait on the clock
        async with running_host(tmp_path, announce_to=("127.0.0.1", port), announce_every_s=0.05) as host:
            found = await asyncio.to_thread(discovery.discover, 10.0, port, "127.0.0.1", 1)
            return found, host.port

    found, host_port = asyncio.run(main())
    assert ("127.0.0.1", host_port) in found


def test_a_student_machine_plays_only_its_own_journeys():
    from game.classroom.records import check_spec

    good = make_spec("sea", "fishing-2017", {"crew": 4}, 9)
    assert check_spec(good)["overrides"] == {"crew": 4}
    for bad in (dict(good, scenario="../../tmp/evil"), dict(good, levels="/tmp"), dict(good, preset="nope"),
                dict(good, overrides={"crew": 10_000}), {"scenario": 3}):
        with pytest.raises(RecordError):
            check_spec(bad)


def test_a_damaged_session_file_is_named_not_a_traceback(tmp_path):
    from game.classroom.store import StoreError

    folder = tmp_path / "20260101-000000-ACDEFG"
    folder.mkdir()
    (folder / "session.sqlite").write_text("not a database")
    with pytest.raises(StoreError, match="session.sqlite: cannot be used"):
        Store.latest(tmp_path)


def test_host_command_line_mistakes_are_one_line_and_status_2(capsys, tmp_path, monkeypatch):
    from game.cli import main

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    for argv in (["host", "--keep-days", "-5"], ["host", "--max-students", "999"], ["host", "--port", "70000"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "error" in err
    for argv in (["host", "--console", "--scenario", "fog", "--group", "sea:fishing-2017"], ["host", "--console", "--group", "sea"],
                 ["host", "--console", "--resume"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "error" in err
