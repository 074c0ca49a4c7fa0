"""One-click unsubscribe (RFC 8058) and the preference page, for a person who never logs in.

    GET  /unsubscribe/<token>   the topic and a button (never unsubscribes: mail scanners GET links)
    POST /unsubscribe/<token>   body `List-Unsubscribe=One-Click` (form-urlencoded or multipart):
                                unsubscribes; what mail clients send for `List-Unsubscribe-Post`
    GET  /preferences/<token>   the person's opt-out-able topics as checkboxes
    POST /preferences/<token>   saves them

A token that does not verify, names a contact that is gone or erased, or a topic that is not an
opt-out-able topic of its tenant gets the same 404 page and changes nothing."""

from starlette.requests import Request
from starlette.responses import Response

from dbscope import scope
from rights import links, optout
from web import pages

MAX_FIELDS = 100


async def _form(request: Request):
    return await request.form(max_files=0, max_fields=MAX_FIELDS)


def _preferences_url(request: Request, target: links.Target) -> str:
    token = links.preferences_token(target.tenant_id, target.contact_id)
    return str(request.url_for("preferences", token=token).path)


def signed(read_token):
    """An endpoint for a verified link: 404 for a token that does not verify, and the work done
    in the scope of the tenant the signed link names (db.py, row-level security)."""
    def decorate(handler):
        async def endpoint(request: Request) -> Response:
            target = read_token(request.path_params["token"])
            if target is None:
                return pages.not_found()
            with scope(target.tenant_id):
                return await handler(request, target)
        endpoint.__name__ = handler.__name__
        return endpoint
    return decorate


@signed(links.read_unsubscribe)
async def unsubscribe(request: Request, target: links.Target) -> Response:
    if request.method == "POST":
        form = await _form(request)
        if form.get("List-Unsubscribe") != "One-Click":
            view = await optout.unsubscribe_view(target)
            return pages.not_found() if view is None else pages.bad_request()
        view = await optout.unsubscribe(target)
        if view is None:
            return pages.not_found()
        return pages.unsubscribe(view.tenant_name, target.topic, False,
                                 _preferences_url(request, target), done=True)
    view = await optout.unsubscribe_view(target)
    if view is None:
        return pages.not_found()
    return pages.unsubscribe(view.tenant_name, target.topic, view.topics[0][1],
                             _preferences_url(request, target))


@signed(links.read_preferences)
async def preferences(request: Request, target: links.Target) -> Response:
    if request.method == "POST":
        form = await _form(request)
        if form.get("form") != "preferences":
            view = await optout.preferences_view(target)
            return pages.not_found() if view is None else pages.bad_request()
        view = await optout.set_preferences(target, set(form.getlist("topic")))
        return pages.not_found() if view is None else pages.preferences(view.tenant_name,
                                                                        view.topics, saved=True)
    view = await optout.preferences_view(target)
    if view is None:
        return pages.not_found()
    return pages.preferences(view.tenant_name, view.topics)
