from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Đơn vị và tài khoản")

    def ready(self):
        from units import signals  # noqa: F401  (connects the audit receivers)
