"""The HTML of the data subject's pages. Small, accessible, self-contained: a `lang` attribute,
one `h1`, labelled controls, a status region for results, and one inline style sheet allowed by
its hash in the Content-Security-Policy (no scripts, no external assets, no third-party
requests). Every value is escaped."""

import base64
import hashlib
from html import escape

from starlette.responses import HTMLResponse

STYLE = ("body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}"
         "main{max-width:36rem;margin:3rem auto;padding:0 1rem}"
         "button{font:inherit;padding:.5rem 1rem;border:2px solid #1b1b1b;border-radius:4px;"
         "background:#1b1b1b;color:#fff;cursor:pointer}"
         "button:focus-visible,input:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}"
         "fieldset{border:1px solid #767676;margin:0 0 1rem;padding:.5rem 1rem}"
         ".topic{margin:.25rem 0}.topic input{width:1.2rem;height:1.2rem;vertical-align:middle}"
         "a{color:#0a58ca}")
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
HEADERS = {
    "Content-Security-Policy": (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex, nofollow">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>")
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def not_found() -> HTMLResponse:
    """The one answer for a tampered, foreign, outdated or other-kind link: it says nothing about
    which, nor whether a person or topic exists."""
    return page("Link not valid", "<p>This link is not valid. It may be incomplete or no longer "
                "in use. If you copied it from an email, copy the whole link.</p>", 404)


def bad_request() -> HTMLResponse:
    return page("Request not understood", "<p>Please use the button on the page to confirm.</p>",
                400)


def unsubscribe(tenant_name: str, topic: str, subscribed: bool, preferences_url: str,
                done: bool = False) -> HTMLResponse:
    who, what = escape(tenant_name), escape(topic)
    more = f'<p><a href="{escape(preferences_url)}">Manage all your subscriptions</a></p>'
    if done:
        return page("Unsubscribed", f'<p role="status">You are unsubscribed from <strong>{what}'
                    f"</strong> of {who}. You will not receive it any more.</p>{more}")
    if not subscribed:
        return page("Unsubscribe", f'<p role="status">You are not subscribed to <strong>{what}'
                    f"</strong> of {who}.</p>{more}")
    return page("Unsubscribe", (
        f"<p>You are subscribed to <strong>{what}</strong> of {who}.</p>"
        '<form method="post">'
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
        f'<button type="submit">Unsubscribe from {what}</button></form>{more}'))


def preferences(tenant_name: str, topics: list[tuple[str, bool]], saved: bool = False) -> HTMLResponse:
    who = escape(tenant_name)
    status = '<p role="status">Your choices are saved.</p>' if saved else ""
    if not topics:
        return page("Your subscriptions", f"{status}<p>{who} has no newsletters or other "
                    "mailings you can choose.</p>")
    boxes = "".join(
        f'<div class="topic"><input type="checkbox" id="topic-{i}" name="topic" '
        f'value="{escape(topic)}"{" checked" if on else ""}> '
        f'<label for="topic-{i}">{escape(topic)}</label></div>'
        for i, (topic, on) in enumerate(topics))
    return page("Your subscriptions", (
        f"{status}<p>Choose what {who} may send you. Service messages about your account or "
        "orders are not listed: they are not optional.</p>"
        '<form method="post"><input type="hidden" name="form" value="preferences">'
        f"<fieldset><legend>Mailings</legend>{boxes}</fieldset>"
        '<button type="submit">Save my choices</button></form>'))
