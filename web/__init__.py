"""The data subject's own pages: plain server-rendered HTML, no login, no scripts, no external
assets (web/unsubscribe.py, web/pages.py)."""
