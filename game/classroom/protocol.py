"""The classroom's messages: versioned JSON objects, checked field by field.

Every message is one JSON object ``{"v": 1, "type": ..., "seq": N, ...}`` sent
as a WebSocket text frame. Each type is a frozen dataclass; ``parse`` accepts
a message only if its version is known, its type is one the sender may send,
it has exactly the type's fields (no more, no fewer), and every value has the
declared kind and lies in its bounds. Anything else raises ``ProtocolError``
and is refused. No message names a file or carries code: the journey record
inside ``Result`` is checked again against the host's own scenario
(game/classroom/records.py).
"""

from __future__ import annotations

import json
import math
import re
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

VERSION = 1
DEFAULT_PORT = 47310
MAX_STUDENTS = 60
MAX_MESSAGE_BYTES = 256 * 1024  # a journey record is a few kB; this is generous
PHASES = ("lobby", "briefing", "playing", "ended", "debrief")
STATES = ("lobby", "playing", "paused", "ended")
_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class ProtocolError(ValueError):
    """A message that is not one of ours; ``code`` says why in one word."""

    def __init__(self, code: str, detail: str):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail = code, detail


def _text(max_len: int, pattern: re.Pattern | None = None, choices: tuple[str, ...] | None = None) -> dict:
    return {"max_len": max_len, "pattern": pattern, "choices": choices}


def _num(lo: float, hi: float) -> dict:
    return {"lo": lo, "hi": hi}


@dataclass(frozen=True)
class Message:
    type: ClassVar[str] = ""

    def to_json(self, seq: int = 0) -> str:
        return json.dumps({"v": VERSION, "type": self.type, "seq": seq, **asdict(self)}, separators=(",", ":"))


# -- from a student's machine to the host -------------------------------------
@dataclass(frozen=True)
class Hello(Message):
    """First message on every connection. ``student`` is the id the host gave
    on an earlier connection (to come back as the same student), or None."""

    type: ClassVar[str] = "hello"
    code: str = field(metadata=_text(32))
    student: str | None = field(default=None, metadata=_text(64, _ID))
    client: str = field(default="", metadata=_text(40))


@dataclass(frozen=True)
class Pick(Message):
    """The student chose another of the offered nicknames."""

    type: ClassVar[str] = "pick"
    nickname: str = field(metadata=_text(40))


@dataclass(frozen=True)
class Progress(Message):
    type: ClassVar[str] = "progress"
    phase: str = field(metadata=_text(12, choices=PHASES))
    step: int = field(default=0, metadata=_num(0, 1_000_000))
    hours: float = field(default=0.0, metadata=_num(0, 100_000))
    elapsed_s: float = field(default=0.0, metadata=_num(0, 86_400))


@dataclass(frozen=True)
class Result(Message):
    """A finished journey. ``result_id`` is made once by the student's machine,
    so a result sent again (after a lost connection) is stored once."""

    type: ClassVar[str] = "result"
    result_id: str = field(metadata=_text(64, _ID))
    journey: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Ping(Message):
    type: ClassVar[str] = "ping"


# -- from the host to a student's machine -------------------------------------
@dataclass(frozen=True)
class Welcome(Message):
    type: ClassVar[str] = "welcome"
    student: str = field(metadata=_text(64, _ID))
    nickname: str = field(metadata=_text(40))
    choices: list[str] = field(default_factory=list, metadata=_text(40))
    group: str = field(default="", metadata=_text(40))
    spec: dict = field(default_factory=dict)
    state: str = field(default="lobby", metadata=_text(12, choices=STATES))
    notice: str = field(default="", metadata=_text(200))
    stored: list[str] = field(default_factory=list, metadata=_text(64, _ID))


@dataclass(frozen=True)
class State(Message):
    type: ClassVar[str] = "state"
    state: str = field(metadata=_text(12, choices=STATES))


@dataclass(frozen=True)
class Notice(Message):
    """The teacher's one-line message ("5 minutes left")."""

    type: ClassVar[str] = "notice"
    text: str = field(metadata=_text(200))


@dataclass(frozen=True)
class Renamed(Message):
    type: ClassVar[str] = "renamed"
    nickname: str = field(metadata=_text(40))


@dataclass(frozen=True)
class Removed(Message):
    type: ClassVar[str] = "removed"


@dataclass(frozen=True)
class Ack(Message):
    type: ClassVar[str] = "ack"
    result_id: str = field(metadata=_text(64, _ID))
    stored: bool = True  # False: the host already had a result for this student


@dataclass(frozen=True)
class Error(Message):
    type: ClassVar[str] = "error"
    code: str = field(metadata=_text(40))
    detail: str = field(default="", metadata=_text(300))


@dataclass(frozen=True)
class Pong(Message):
    type: ClassVar[str] = "pong"


FROM_STUDENT: dict[str, type[Message]] = {m.type: m for m in (Hello, Pick, Progress, Result, Ping)}
FROM_HOST: dict[str, type[Message]] = {m.type: m for m in (Welcome, State, Notice, Renamed, Removed, Ack, Error, Pong)}


def _check(cls: type, name: str, kind: Any, value: Any, meta: dict) -> Any:
    where = f"{cls.type}.{name}"
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        kind = next(k for k in options if k is not type(None))
        origin = typing.get_origin(kind)
    if kind is bool:
        if type(value) is not bool:
            raise ProtocolError("bad-field", f"{where} must be true or false")
        return value
    if kind is int:
        if type(value) is not int:
            raise ProtocolError("bad-field", f"{where} must be a whole number")
    elif kind is float:
        if type(value) not in (int, float) or not math.isfinite(value):
            raise ProtocolError("bad-field", f"{where} must be a number")
        value = float(value)
    if kind in (int, float):
        if "lo" in meta and not meta["lo"] <= value <= meta["hi"]:
            raise ProtocolError("bad-field", f"{where} is outside {meta['lo']}..{meta['hi']}")
        return value
    if kind is str:
        return _check_text(where, value, meta)
    if origin is list:
        if not isinstance(value, list) or len(value) > 16:
            raise ProtocolError("bad-field", f"{where} must be a list of at most 16 items")
        return [_check_text(where, v, meta) for v in value]
    if kind is dict:
        if not isinstance(value, dict):
            raise ProtocolError("bad-field", f"{where} must be an object")
        return value
    raise ProtocolError("bad-field", f"{where}: unsupported kind")  # pragma: no cover


def _check_text(where: str, value: Any, meta: dict) -> str:
    if not isinstance(value, str):
        raise ProtocolError("bad-field", f"{where} must be text")
    if len(value) > meta.get("max_len", 100):
        raise ProtocolError("bad-field", f"{where} is longer than {meta.get('max_len', 100)} characters")
    if any(ord(ch) < 32 for ch in value):
        raise ProtocolError("bad-field", f"{where} holds control characters")
    if meta.get("pattern") is not None and not meta["pattern"].match(value):
        raise ProtocolError("bad-field", f"{where} is not an id")
    if meta.get("choices") and value not in meta["choices"]:
        raise ProtocolError("bad-field", f"{where} must be one of {', '.join(meta['choices'])}")
    return value


def parse(text: str | bytes, allowed: dict[str, type[Message]]) -> tuple[Message, int]:
    """(message, seq) from one frame, or ProtocolError."""
    if isinstance(text, bytes):
        if len(text) > MAX_MESSAGE_BYTES:
            raise ProtocolError("too-big", f"a message may be at most {MAX_MESSAGE_BYTES} bytes")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("not-json", "not UTF-8 text") from None
    if len(text) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too-big", f"a message may be at most {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ProtocolError("not-json", "not a JSON object") from None
    if not isinstance(data, dict):
        raise ProtocolError("not-json", "not a JSON object")
    if data.get("v") != VERSION or type(data.get("v")) is not int:
        raise ProtocolError("version", f"only version {VERSION} is spoken here")
    cls = allowed.get(data.get("type")) if isinstance(data.get("type"), str) else None
    if cls is None:
        raise ProtocolError("unknown-type", f"'{str(data.get('type'))[:20]}' is not a message this side accepts")
    seq = data.get("seq")
    if type(seq) is not int or not 0 <= seq < 2**53:
        raise ProtocolError("bad-field", "seq must be a whole number")
    hints = typing.get_type_hints(cls)
    own = {f.name: f for f in fields(cls)}
    extra = set(data) - set(own) - {"v", "type", "seq"}
    if extra:
        raise ProtocolError("bad-field", f"{cls.type} has no field {sorted(extra)[0][:30]}")
    values = {}
    for name, f in own.items():
        if name not in data:
            raise ProtocolError("bad-field", f"{cls.type} needs {name}")
        values[name] = _check(cls, name, hints[name], data[name], dict(f.metadata))
    return cls(**values), seq
