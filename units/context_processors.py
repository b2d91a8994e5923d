from units import access


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
        "nav": {
            "manage_units": access.can_manage_units(user),
            "manage_accounts": access.can_manage_accounts(user),
            "read_audit": access.can_read_audit(user),
            "write_documents": access.can_write_documents(user),
        },
    }
