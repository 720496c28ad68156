"""The read-only class page: ``http://ADDRESS:PORT/?code=JOINCODE``.

For a projector or a colleague's laptop: the roster and the class chart,
refreshed every few seconds, nothing to click that changes anything. The join
code opens it; wrong codes count against the address like a wrong join.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiohttp import web

from ..i18n import _
from . import nicknames
from .services import notice_text
from .report import STYLE, esc, outcome_chart, progress_chart, roster_table
from .summary import summarise

if TYPE_CHECKING:
    from .server import Host

REFRESH_S = 5


def _form(message: str = "") -> str:
    note = f"<p style='color:#a00'>{esc(message)}</p>" if message else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{esc(_('Crossings: the class'))}</title><style>{STYLE}</style></head><body>"
        f"<h1>{esc(_('Crossings: the class'))}</h1>{note}"
        f"<form method='get' action='/'><label>{esc(_('Join code'))} <input name='code' maxlength='12' autocomplete='off'></label> "
        f"<button type='submit'>{esc(_('Show the class'))}</button></form></body></html>"
    )


def routes(app: web.Application, host: "Host") -> None:
    async def page(request: web.Request) -> web.Response:
        code = request.query.get("code", "")
        if not code:
            return web.Response(text=_form(), content_type="text/html")
        address = request.remote or "?"
        wait = host.throttle.wait_s(address)
        if wait > 0:
            return web.Response(status=429, text=_form(_("Too many wrong codes. Wait {n} s.").format(n=int(wait) + 1)), content_type="text/html")
        if nicknames.normalise_code(code) != host.code:
            host.throttle.fail(address)
            return web.Response(status=403, text=_form(_("That is not this class's code.")), content_type="text/html")
        host.throttle.succeed(address)
        return web.Response(text=await class_page(host), content_type="text/html", headers={"Cache-Control": "no-store"})

    app.router.add_get("/", page)


async def class_page(host: "Host") -> str:
    roster = host.roster()
    summaries = []
    if host.revealed:  # the replays are needed only once there is a chart of outcomes
        loop = asyncio.get_running_loop()
        summaries = await loop.run_in_executor(None, summarise, list(host.groups), host.outcomes_by_group())
    labels = {row.outcome: row.label for g in summaries for row in g.rows}
    joined = _("{n} joined").format(n=len(roster))
    connected = _("{n} connected").format(n=sum(1 for r in roster if r["connected"]))
    finished = _("{n} finished").format(n=sum(1 for r in roster if r["finished"]))
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<meta http-equiv='refresh' content='{REFRESH_S}'>",
        f"<title>{esc(_('Crossings: the class'))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(_('Crossings: the class'))}</h1>",
        f"<p class='dim' id='counts'>{esc(' · '.join((joined, connected, finished)))}</p>",
    ]
    if host.notice:
        out.append(f"<p><b>{esc(notice_text(host.notice))}</b></p>")
    if host.revealed:
        for g in summaries:
            out.append(f"<h2>{esc(_('Group {name}: {title}, {conditions}').format(name=g.group.name, title=_(g.title), conditions=_(g.conditions)))}</h2>")
            out.append(outcome_chart(g))
    else:
        out.append(f"<h2>{esc(_('Where the class is'))}</h2>")
        out.append(f"<p class='dim'>{esc(_('Outcomes stay hidden until the teacher reveals them.'))}</p>")
        out.append(progress_chart(roster))
    out.append(f"<h2>{esc(_('The class'))}</h2>")
    out.append(roster_table(roster, host.revealed, labels))
    out.append("</body></html>")
    return "".join(out)
