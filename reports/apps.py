from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_templates(sender, using, **kwargs):
    """The seeds' document templates ship with the app like Django's permissions: created
    after `migrate` when missing, never overwritten (staff edit them as data)."""
    # Models load after the app registry, which imports this module first.
    from reports.models import DocumentTemplate, TemplateSection
    from reports.services import default_templates_load

    tables = connections[using].introspection.table_names()
    if DocumentTemplate._meta.db_table in tables and TemplateSection._meta.db_table in tables:
        default_templates_load()


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        post_migrate.connect(_load_templates, sender=self, dispatch_uid="reports_default_templates")
