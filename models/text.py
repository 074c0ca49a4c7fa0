"""What a text column can store: well-formed Unicode without NUL.

JSON lets a client send a lone surrogate ("\\ud800") and GraphQL a NUL ("\\u0000"); neither can
be encoded as UTF-8 for PostgreSQL (a surrogate fails to encode, NUL is refused in text), and a
surrogate cannot even be written back in a JSON answer. Every string a request carries is checked
with this before a resolver or the database sees it (web/hygiene.py, schema/inputs.py)."""


def storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
