from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from scoring.metrics import DIRECT_WORKER_SHARE, provide


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        # Imported here, not at the top: awards.queries loads models, which the app
        # registry allows only once it is ready.
        from awards.queries import direct_worker_share

        # The direct-worker share of the awards is the value of scoring's III.3.2 metric.
        provide(DIRECT_WORKER_SHARE.key, direct_worker_share)
