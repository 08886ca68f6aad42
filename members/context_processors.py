from members.querysets import scope_of


def roles(request):
    """The user's roles for the navigation; reads the cached scope (no extra query)."""
    user = getattr(request, "user", None)
    scope = scope_of(user)
    return {"scope": scope}
