"""A real host on the loopback and simulated students: results, the class
debrief, the CSV, the teacher's controls, and what a bad client cannot do."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import aiohttp
import pytest

from classhelp import SPLIT, connect, play_journey, running_host, stop_all, until
from game.classroom import nicknames, protocol as P
from game.classroom.export import csv_text, export
from game.classroom.summary import model_replays, summarise


def test_forty_students_every_result_arrives_and_groups_match_their_replays(tmp_path):
    async def main():
        async with running_host(tmp_path) as host:
            pairs = [connect(host) for _ in range(40)]
            await until(lambda: all(c.status == "connected" for c, _t in pairs), what="40 joins")
            assert len({c.nickname for c, _t in pairs}) == 40
            assert all(nicknames.is_nickname(c.nickname) for c, _t in pairs)
            await host.start_journeys(host.token)
            ids = await asyncio.gather(*(play_journey(c) for c, _t in pairs))
            await until(lambda: all(not c.pending for c, _t in pairs), what="every ack")
            assert len(set(ids)) == 40 and len(host.results) == 40
            assert len(host.store.results()) == 40  # on disk, not only in memory
            summaries = summarise(host.groups, host.outcomes_by_group())
            text = csv_text(host)
            paths = export(host)
            await stop_all(pairs)
            return summaries, text, paths, host.roster()

    summaries, text, paths, roster = asyncio.run(main())
    assert sum(g.n for g in summaries) == 40 and [g.n for g in summaries] == [20, 20]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 40 and all(r["outcome"] for r in rows)
    assert {r["group"] for r in rows} == {"A", "B"}
    assert paths["report.html"].read_text().count("<svg") >= 2
    assert len(json.loads(paths["journeys.json"].read_text())["journeys"]) == 40
    assert all(r["phase"] == "debrief" for r in roster)
    # Within noise: no group's count of an outcome is further from its replays'
    # share than 20 journeys allow by chance (a two-sided binomial test at 1% over
    # all the outcomes and groups together, widened by the replays' own 95% interval).
    rows_all = [(g.group.name, row) for g in summaries for row in g.rows]
    level = 0.01 / len(rows_all)
    for name, row in rows_all:
        n = next(g.n for g in summaries if g.group.name == name)
        lo = max(0.0, row.model_ci[0])
        hi = min(1.0, row.model_ci[1])
        k = row.class_count
        below = sum(_pmf(n, i, hi) for i in range(0, k + 1))  # as few, even at the top of the replays' interval
        above = sum(_pmf(n, i, lo) for i in range(k, n + 1))  # as many, even at its bottom
        assert min(below, above) > level / 2, (name, row)


def _pmf(n: int, k: int, p: float) -> float:
    from math import comb

    return comb(n, k) * p ** k * (1 - p) ** (n - k)
    # And the two groups differ as their conditions do (summer crossings land).
    landed = {g.group.name: next(r.class_share for r in g.rows if r.outcome == "landed_alive") for g in summaries}
    assert landed["B"] - landed["A"] > 0.3
    assert model_replays(SPLIT[1]).share("landed_alive") > model_replays(SPLIT[0]).share("landed_alive")


def test_a_result_sent_again_after_a_cut_is_stored_once(tmp_path):
    async def main():
        async with running_host(tmp_path) as host:
            conn, task = connect(host)
            await until(lambda: conn.status == "connected")
            await host.start_journeys(host.token)
            await until(lambda: conn.state == "playing")
            from game.classroom.records import autoplay_journey

            journey = autoplay_journey(conn.welcome.spec)
            # Cut the line before the result goes out: it waits, then goes on reconnect.
            await conn.close_now()
            rid = await conn.send_result(journey)
            await until(lambda: conn.connects >= 2 and not conn.pending, what="the resend")
            # And once more by hand, as a client that never heard the ack would.
            await until(lambda: conn.status == "connected")
            await conn.send(P.Result(result_id=rid, journey=journey))
            await conn.ping()
            rows = host.store.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            await stop_all([(conn, task)])
            return rows, conn.acked[rid]

    rows, stored = asyncio.run(main())
    assert rows == 1 and stored is True


def test_wrong_codes_are_throttled_and_the_class_goes_on(tmp_path):
    async def main():
        async with running_host(tmp_path) as host:
            refusals: dict[str, int] = {}
            async with aiohttp.ClientSession() as session:
                for i in range(1000):
                    async with session.ws_connect(f"http://127.0.0.1:{host.port}/ws") as ws:
                        await ws.send_str(P.Hello(code=f"{i:06d}", student=None, client="").to_json(1))
                        msg, _ = P.parse((await ws.receive(timeout=5)).data, P.FROM_HOST)
                        refusals[msg.code] = refusals.get(msg.code, 0) + 1
                # The right code from the throttled address waits too.
                async with session.ws_connect(f"http://127.0.0.1:{host.port}/ws") as ws:
                    await ws.send_str(P.Hello(code=host.code, student=None, client="").to_json(1))
                    late, _ = P.parse((await ws.receive(timeout=5)).data, P.FROM_HOST)
            # Another machine (another loopback address) joins as usual.
            conn, task = connect(host, local_addr=("127.0.0.2", 0))
            await until(lambda: conn.status == "connected", what="a join from another address")
            await stop_all([(conn, task)])
            return refusals, late, len(host.students)

    refusals, late, joined = asyncio.run(main())
    # 5 free tries, then waits of 1, 2, 4, 8 ... s: a handful more at most, however slow the machine.
    assert refusals["wrong-code"] <= 12 and refusals["slow-down"] >= 985
    assert late.code == "slow-down"
    assert joined == 1


def test_garbage_oversized_and_out_of_order_messages_are_refused(tmp_path):
    async def main():
        async with running_host(tmp_path) as host:
            good, task = connect(host)
            await until(lambda: good.status == "connected")
            errors = []
            async with aiohttp.ClientSession() as session:
                # Before hello: a result is out of order.
                async with session.ws_connect(f"http://127.0.0.1:{host.port}/ws") as ws:
                    await ws.send_str(P.Result(result_id="abcdefgh12", journey={}).to_json(1))
                    errors.append(P.parse((await ws.receive(timeout=5)).data, P.FROM_HOST)[0].code)
                async with session.ws_connect(f"http://127.0.0.1:{host.port}/ws") as ws:
                    await ws.send_str(P.Hello(code=host.code, student=None, client="").to_json(1))
                    welcome, _ = P.parse((await ws.receive(timeout=5)).data, P.FROM_HOST)
                    assert isinstance(welcome, P.Welcome)
                    for frame in (
                        "not json at all",
                        "[1, 2, 3]",
                        json.dumps({"v": 2, "type": "ping", "seq": 5}),
                        json.dumps({"v": 1, "type": "shell", "seq": 6, "cmd": "rm -rf /"}),
                        json.dumps({"v": 1, "type": "progress", "seq": 7, "phase": "playing", "step": -1, "hours": 0, "elapsed_s": 0}),
                        json.dumps({"v": 1, "type": "progress", "seq": 8, "phase": "playing", "step": 1, "hours": 0, "elapsed_s": 0, "file": "/etc/passwd"}),
                        json.dumps({"v": 1, "type": "pick", "seq": 9, "nickname": "Robert Tables"}),
                        P.Hello(code=host.code, student=None, client="").to_json(10),
                        P.Ping().to_json(3),  # seq going backwards
                        P.Result(result_id="abcdefgh12", journey={"format": "crossings-journey"}).to_json(11),
                    ):
                        await ws.send_str(frame)
                        errors.append(P.parse((await ws.receive(timeout=5)).data, P.FROM_HOST)[0].code)
                    # Too big: the connection is closed, nothing else happens.
                    await ws.send_str("x" * (P.MAX_MESSAGE_BYTES + 10))
                    closing = await ws.receive(timeout=5)
            # The session goes on for everyone else.
            await host.start_journeys(host.token)
            await play_journey(good, 1)
            await until(lambda: not good.pending)
            await stop_all([(good, task)])
            return errors, closing, len(host.results), host.refused

    errors, closing, results, refused = asyncio.run(main())
    assert errors == ["out-of-order", "not-json", "not-json", "version", "unknown-type", "bad-field", "bad-field",
                      "bad-field", "out-of-order", "out-of-order", "out-of-order"]
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
    assert results == 1 and refused >= 11


def test_teacher_controls_pause_message_rename_remove_lock_and_end(tmp_path):
    async def main():
        async with running_host(tmp_path, end_grace_s=0.3) as host:
            pairs = [connect(host) for _ in range(3)]
            await until(lambda: all(c.status == "connected" for c, _t in pairs))
            (a, _), (b, _), (c, _) = pairs
            # A student picks another of the nicknames offered, never a typed one.
            name = a.welcome.choices[1]  # taken once: the condition must not read a later welcome's list
            await a.pick(name)
            await until(lambda: a.nickname == name)
            await host.start_journeys(host.token)
            await host.pause(host.token)
            await until(lambda: all(x.state == "paused" for x, _t in pairs))
            await host.resume(host.token)
            await host.send_notice(host.token, "5 minutes left\n")
            await until(lambda: all(x.state == "playing" for x, _t in pairs))
            await b.ping()  # the host answers in order: the notice came before this
            seen = []
            while not b.inbox.empty():
                seen.append(b.inbox.get_nowait())
            notices = [m.text for kind, m in seen if kind == "message" and isinstance(m, P.Notice)]
            with pytest.raises(ValueError):
                await host.rename(host.token, b.student, "Mister Nobody")
            new = next(n for n in nicknames.choices({x.nickname for x, _t in pairs}, 1))
            await host.rename(host.token, b.student, new)
            await until(lambda: b.nickname == new)
            await host.remove(host.token, c.student)
            await until(lambda: c.status == "refused")
            await host.lock(host.token)
            late, late_task = connect(host)
            await until(lambda: late.status == "refused")
            # Nobody outside the host process can act as the teacher.
            with pytest.raises(PermissionError):
                await host.start_journeys("guess")
            # a finishes; b is still on the way when the teacher ends the journeys.
            await play_journey(a, 1)
            await until(lambda: not a.pending)
            await host.end_for_all(host.token)
            await until(lambda: len(host.results) == 2, what="b finished by the automatic player")
            rows = {r["nickname"]: r for r in host.roster()}
            await stop_all(pairs + [(late, late_task)])
            return notices, rows, late.refusal, a.nickname, new

    notices, rows, refusal, a_name, b_name = asyncio.run(main())
    assert notices == ["5 minutes left"]
    assert refusal == "locked"
    assert set(rows) == {a_name, b_name}  # the removed student is gone from the roster
    assert rows[a_name]["autoplayed"] is True  # the automatic player played the simulated student too
    assert rows[b_name]["finished"] and rows[b_name]["autoplayed"]


def test_a_journey_for_other_conditions_is_refused(tmp_path):
    async def main():
        async with running_host(tmp_path) as host:
            conn, task = connect(host)
            await until(lambda: conn.status == "connected")
            await host.start_journeys(host.token)
            await until(lambda: conn.state == "playing")
            from game.classroom.records import autoplay_journey

            spec = dict(conn.welcome.spec, preset="defector-winter")
            await conn.send_result(autoplay_journey(spec))
            spec2 = dict(conn.welcome.spec, levels="/etc")
            await conn.send_result(autoplay_journey(spec2))
            await conn.ping()
            errors = [m.code for kind, m in list(conn.inbox.queue) if kind == "error"]
            await stop_all([(conn, task)])
            return errors, len(host.results)

    errors, results = asyncio.run(main())
    assert errors == ["bad-result", "bad-result"] and results == 0


def test_students_are_never_offered_the_same_nickname(tmp_path, monkeypatch):
    # Eight names in all: the first student holds four (its own and three to pick
    # from), so the second must be given the other four, and either can pick any.
    small = (tuple(f"Quiet{c}" for c in "ABCDEFGH"), ("Heron",))
    monkeypatch.setattr(nicknames, "_lists", lambda language: (*small, " "))

    async def main():
        async with running_host(tmp_path) as host:
            pairs = [connect(host) for _ in range(2)]
            await until(lambda: all(c.status == "connected" for c, _t in pairs), what="2 joins")
            (a, _), (b, _) = pairs
            offered = [set(x.welcome.choices) for x in (a, b)]
            for x in (a, b):
                await x.pick(x.welcome.choices[-1])
            await until(lambda: a.nickname == a.welcome.choices[-1] and b.nickname == b.welcome.choices[-1], what="both picks")
            await stop_all(pairs)
            return offered

    first, second = asyncio.run(main())
    assert len(first) == 4 and len(second) == 4 and not first & second
