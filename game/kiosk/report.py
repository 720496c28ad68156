"""``crossings kiosk-report``: the kiosk's counts for the museum's staff."""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from pathlib import Path

from ..safeio import write_atomic
from .counts import connect, db_path, summary


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def text(s: dict, days: int) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    period = "today" if days == 1 else f"over the last {days} days"
    minutes = round(s["seconds"] / 60)
    out = [f"Kiosk visits {period}, since {s['since']}: {count(s['visits'], 'visit')}, {count(minutes, 'minute')} in all."]
    for title, key in (("per day", "per_day"), ("language", "language"), ("journey", "journey"), ("how far", "furthest"),
                       ("outcome", "outcome"), ("ended by", "ended_by"), ("mean seconds per screen", "screen_seconds")):
        if s[key]:
            out.append(f"  {title}: " + ", ".join(f"{'none (left on the way)' if k == '-' else k} {v}" for k, v in s[key].items()))
    return "\n".join(out)


def chart_png(s: dict, path: Path) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.font.init()
    W, H = 1000, 560
    img = pygame.Surface((W, H))
    img.fill((250, 250, 248))
    font = pygame.font.Font(None, 26)
    small = pygame.font.Font(None, 20)
    img.blit(font.render(f"Kiosk visits per day since {s['since']} ({s['visits']} in all)", True, (20, 20, 20)), (30, 20))
    days = list(s["per_day"].items())
    top = max([v for _d, v in days] + [1])
    x0, y0, h = 60, 70, 300
    bw = max(6, min(60, (W - 2 * x0) // max(1, len(days)) - 6))
    pygame.draw.line(img, (60, 60, 60), (x0, y0 + h), (W - 30, y0 + h), 2)
    for i, (day, v) in enumerate(days):
        bh = int(h * v / top)
        r = pygame.Rect(x0 + i * (bw + 6), y0 + h - bh, bw, bh)
        pygame.draw.rect(img, (60, 110, 160), r)
        img.blit(small.render(str(v), True, (20, 20, 20)), (r.x, r.y - 16))
        if len(days) <= 14 or i % 7 == 0:
            img.blit(small.render(day[5:], True, (60, 60, 60)), (r.x, y0 + h + 6))
    y = y0 + h + 40
    img.blit(font.render("How far visits got", True, (20, 20, 20)), (30, y))
    total = max(1, s["visits"])
    y += 30
    for stage, v in s["furthest"].items():
        pygame.draw.rect(img, (120, 150, 90), (200, y, int(600 * v / total), 18))
        img.blit(small.render(f"{stage}: {v}", True, (20, 20, 20)), (30, y + 2))
        y += 24
    fd, tmp = tempfile.mkstemp(dir=path.parent if path.parent.exists() else None, suffix=".png")
    os.close(fd)
    try:
        pygame.image.save(img, tmp)
        _write_atomic(path, Path(tmp).read_bytes())
    finally:
        os.unlink(tmp)


def main(days: int, csv_path: str | None, png_path: str | None, path: Path | None = None) -> int:
    path = path or db_path()
    if not path.is_file():
        sys.stderr.write(f"crossings kiosk-report: error: no counts yet ({path} does not exist)\n")
        return 1
    con = connect(path)
    s = summary(con, days)
    print(text(s, days))
    if csv_path:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["started", "language", "journey", "furthest", "outcome", "ended_by", "seconds"])
        for row in con.execute("SELECT started, language, journey, furthest, outcome, ended_by, seconds FROM visits WHERE day >= ? ORDER BY id", (s["since"],)):
            w.writerow(row)
        _write_atomic(Path(csv_path), buf.getvalue().encode("utf-8"))
        print(f"wrote {csv_path}")
    if png_path:
        chart_png(s, Path(png_path))
        print(f"wrote {png_path}")
    con.close()
    return 0
