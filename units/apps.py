from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Đơn vị và tài khoản")

    def ready(self):
        # Connects the audit receivers; signals imports the models, which load only once
        # the app registry is ready (here), never at the top of apps.py.
        from units import signals  # noqa: F401
