"""Expected access per endpoint, one module per feature, read by the role × route matrix test.

Format of each module's EXPECTED dict:
    "<endpoint> <METHOD>": {"anonymous": O, "admin": O, "editor": O, "operator": O,
                            "auditor": O, "station": O}
where O is "allow" (access passes: any status below 500 but 401/403, and no redirect to the
login page), "deny" (403, or 404 for a station outside the caller's scope) or "login" (302 to
the login page for pages, 401 for the API). URL arguments named `code` are filled with "gio-an"
(the demo operator's station; "station" means gio-an's station token); other arguments get the
values in the module's ARGS dict, e.g. ARGS = {"item_id": 1}.
"""
