"""One-click unsubscribe (RFC 8058) and the preference page over HTTP, without login: a genuine
link does exactly its one thing; a tampered, foreign, other-topic or other-kind link changes
nothing and gets the same 404 page as any other."""

import re

import pytest
from itsdangerous import URLSafeSerializer

from models import Subscription
from rights import links
from tests.rights.support import topics

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
async def people(factory):
    tenant, other = await factory.tenant(), await factory.tenant()
    await topics(tenant, newsletter=True, offers=True, service=False)
    await topics(other, newsletter=True)
    ada, bob = await factory.contact(tenant), await factory.contact(tenant)
    for contact in (ada, bob):
        for topic in ("newsletter", "offers", "service"):
            await Subscription.create(tenant_id=tenant.id, contact=contact, topic=topic)
    stranger = await factory.contact(other)
    await Subscription.create(tenant_id=other.id, contact=stranger, topic="newsletter")
    return tenant, other, ada, bob, stranger


async def _state(*contacts) -> dict:
    rows = await Subscription.filter(contact_id__in=[c.id for c in contacts]).values_list(
        "contact_id", "topic", "subscribed")
    return {(contact_id, topic): on for contact_id, topic, on in rows}


def _unsubscribe_url(contact, topic: str) -> str:
    return f"/unsubscribe/{links.unsubscribe_token(contact.tenant_id, contact.id, topic)}"


async def test_the_page_shows_the_topic_and_a_button_and_get_changes_nothing(http, people):
    tenant, _other, ada, bob, _stranger = people
    before = await _state(ada, bob)
    page = await http.get(_unsubscribe_url(ada, "newsletter"))
    assert page.status_code == 200
    html = page.text
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert f"You are subscribed to <strong>newsletter</strong> of {tenant.name}." in html
    assert '<button type="submit">Unsubscribe from newsletter</button>' in html
    assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in html
    assert not re.search(r"<script|src=|https?://|@import", html)  # no script, no external asset
    assert ada.email not in html and ada.first_name not in html  # nothing about the person
    assert page.headers["content-security-policy"].startswith("default-src 'none'; style-src 'sha256-")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert await _state(ada, bob) == before  # a mail scanner's GET unsubscribes no one


async def test_one_click_post_unsubscribes_that_contact_from_that_topic_only(http, people):
    _tenant, _other, ada, bob, _stranger = people
    before = await _state(ada, bob)
    done = await http.post(_unsubscribe_url(ada, "newsletter"), data=ONE_CLICK)
    assert done.status_code == 200
    assert "You are unsubscribed from <strong>newsletter</strong>" in done.text
    assert await _state(ada, bob) == {**before, (ada.id, "newsletter"): False}
    again = await http.post(_unsubscribe_url(ada, "newsletter"), data=ONE_CLICK)
    assert again.status_code == 200  # repeating it is harmless
    shown = await http.get(_unsubscribe_url(ada, "newsletter"))
    assert "You are not subscribed to <strong>newsletter</strong>" in shown.text
    assert "<button" not in shown.text


async def test_one_click_accepts_a_multipart_body_and_records_an_opt_out_without_a_prior_row(
        http, people, factory):
    tenant, _other, _ada, _bob, _stranger = people
    newcomer = await factory.contact(tenant)
    body = ('--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n'
            "One-Click\r\n--XyZ--\r\n")
    done = await http.post(_unsubscribe_url(newcomer, "offers"), content=body,
                           headers={"content-type": "multipart/form-data; boundary=XyZ"})
    assert done.status_code == 200
    assert await _state(newcomer) == {(newcomer.id, "offers"): False}


async def test_a_post_without_the_one_click_field_changes_nothing(http, people):
    _tenant, _other, ada, bob, _stranger = people
    before = await _state(ada, bob)
    for data in ({}, {"List-Unsubscribe": "yes"}):
        refused = await http.post(_unsubscribe_url(ada, "newsletter"), data=data)
        assert refused.status_code == 400
    assert await _state(ada, bob) == before


def _forgeries(tenant, other, ada, bob, stranger) -> dict[str, str]:
    genuine = links.unsubscribe_token(tenant.id, ada.id, "newsletter")
    payload, signature = genuine.rsplit(".", 1)
    bob_payload = links.unsubscribe_token(tenant.id, bob.id, "newsletter").rsplit(".", 1)[0]
    # The first character: the last one of a base64 signature also carries padding bits.
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    return {
        "bad signature": f"{payload}.{flipped}",
        "payload of another contact": f"{bob_payload}.{signature}",
        "no signature": payload,
        "garbage": "not-a-token",
        "another key": URLSafeSerializer(b"guessed", salt=links.UNSUBSCRIBE_SALT).dumps(
            [tenant.id, ada.id, "newsletter"]),
        "no salt": URLSafeSerializer(b"test-secret-key-not-for-production").dumps(
            [tenant.id, ada.id, "newsletter"]),
        "preference token": links.preferences_token(tenant.id, ada.id),
        "contact of another tenant": links.unsubscribe_token(tenant.id, stranger.id, "newsletter"),
        "tenant of another contact": links.unsubscribe_token(other.id, ada.id, "newsletter"),
        "service topic": links.unsubscribe_token(tenant.id, ada.id, "service"),
        "unknown topic": links.unsubscribe_token(tenant.id, ada.id, "astrology"),
        "other tenant's topic only": links.unsubscribe_token(other.id, stranger.id, "offers"),
        "missing contact": links.unsubscribe_token(tenant.id, 2_000_000_000, "newsletter"),
        "wrong shape": links._serializer(links.UNSUBSCRIBE_SALT, None).dumps(
            {"tenant": tenant.id, "contact": ada.id}),
    }


async def test_forged_foreign_and_other_topic_tokens_change_nothing_and_reveal_nothing(http, people):
    tenant, other, ada, bob, stranger = people
    before = await _state(ada, bob, stranger)
    bodies = set()
    for name, token in _forgeries(tenant, other, ada, bob, stranger).items():
        for method in ("GET", "POST"):
            response = await http.request(method, f"/unsubscribe/{token}", data=ONE_CLICK
                                          if method == "POST" else None)
            assert response.status_code == 404, (name, method)
            bodies.add(response.text)
        if name != "preference token":  # the one genuine preference token of the list
            preferences = await http.post(f"/preferences/{token}", data={"form": "preferences"})
            assert preferences.status_code == 404, name
            bodies.add(preferences.text)
    genuine_unsubscribe = _unsubscribe_url(ada, "newsletter").rsplit("/", 1)[1]
    for method in ("GET", "POST"):
        response = await http.request(method, f"/preferences/{genuine_unsubscribe}",
                                      data={"form": "preferences"} if method == "POST" else None)
        assert response.status_code == 404
        bodies.add(response.text)
    assert len(bodies) == 1  # one page for every cause
    assert await _state(ada, bob, stranger) == before
    # A genuine token for one topic leaves the others alone.
    await http.post(_unsubscribe_url(ada, "offers"), data=ONE_CLICK)
    assert await _state(ada, bob, stranger) == {**before, (ada.id, "offers"): False}


async def test_a_link_of_an_erased_contact_leads_nowhere(http, people):
    from models import Contact

    _tenant, _other, ada, _bob, _stranger = people
    url = _unsubscribe_url(ada, "newsletter")
    await Contact.filter(id=ada.id).update(erased_at=ada.created_at)
    assert (await http.get(url)).status_code == 404
    assert (await http.post(url, data=ONE_CLICK)).status_code == 404


async def test_the_preference_page_lists_opt_out_topics_and_changes_each(http, people):
    tenant, _other, ada, bob, _stranger = people
    await Subscription.filter(contact_id=ada.id, topic="offers").update(subscribed=False)
    before = await _state(ada, bob)
    url = f"/preferences/{links.preferences_token(tenant.id, ada.id)}"
    page = await http.get(url)
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert re.findall(r'<input type="checkbox" id="(topic-\d)" name="topic" value="(\w+)"( checked)?>'
                      r' <label for="(topic-\d)">(\w+)</label>', page.text) == [
        ("topic-0", "newsletter", " checked", "topic-0", "newsletter"),
        ("topic-1", "offers", "", "topic-1", "offers")]
    assert "service" not in page.text  # service announcements are not a choice
    saved = await http.post(url, data={"form": "preferences", "topic": ["offers", "service"]})
    assert saved.status_code == 200 and "Your choices are saved." in saved.text
    assert await _state(ada, bob) == {**before, (ada.id, "newsletter"): False,
                                      (ada.id, "offers"): True}
    assert (await http.post(url, data={"topic": "newsletter"})).status_code == 400
    assert (await _state(ada, bob))[(ada.id, "newsletter")] is False
