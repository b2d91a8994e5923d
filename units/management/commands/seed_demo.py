from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from units.demo import ACCOUNTS, DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the demo organisation (LĐLĐ tỉnh Lai Châu). Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: demo accounts share a published "
                "password and must never reach a production database."
            )
        result = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo organisation ready: {result['units']} units."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _full_name, unit_code, role, _position in ACCOUNTS:
            self.stdout.write(f"  {username:<18} {role.label:<26} {unit_code}")
