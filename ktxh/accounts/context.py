from ktxh.accounts import access


def menu(request):
    """The menu items of the user's roles (accounts.access decides which)."""
    user = getattr(request, "user", None)
    return {"menu": access.menu_sections(user) if user is not None else set()}
