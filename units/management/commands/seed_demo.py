from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from units.demo import ACCOUNTS, DEMO_PASSWORD


def demo_loaders():
    """Each app may ship a `demo` module with `seed_demo()`; they run in the order of
    INSTALLED_APPS (units first), so that the units app depends on no other app."""
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.demo") is not None:
            yield config.name, import_module(f"{config.name}.demo").seed_demo


class Command(BaseCommand):
    help = "Load the demo organisation (LĐLĐ tỉnh Lai Châu) and each app's demo data. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: demo accounts share a published "
                "password and must never reach a production database."
            )
        for name, loader in demo_loaders():
            result = loader()
            if name == "units":
                self.stdout.write(self.style.SUCCESS(f"Demo organisation ready: {result['units']} units."))
            else:
                self.stdout.write(str(result))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _full_name, unit_code, role, _position in ACCOUNTS:
            self.stdout.write(f"  {username:<18} {role.label:<26} {unit_code}")
