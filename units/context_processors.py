from units import roles


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
        "nav": {
            "manage_units": roles.can_manage_units(user),
            "manage_accounts": roles.can_manage_accounts(user),
            "read_audit": roles.can_read_audit(user),
            "write_documents": roles.can_write_documents(user),
        },
    }
