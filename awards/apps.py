from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        # Registers the direct-worker share as the value of scoring's `nguong` metric.
        from awards import statistics  # noqa: F401
