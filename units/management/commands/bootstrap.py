import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units.enums import Role, UnitKind
from units.models import Unit
from units.services import account_create, unit_create
from units.text import clean_text


class Command(BaseCommand):
    help = (
        "Create the province unit and its first administrator on an empty production "
        "database. The rest of the tree is then imported through the app."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province-code", required=True)
        parser.add_argument("--province-name", required=True, type=clean_text)
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-email", default="")
        parser.add_argument(
            "--password-env",
            help="name of an environment variable holding the first password (else it is asked)",
        )

    def handle(self, *args, **options):
        if options["password_env"]:
            password = os.environ.get(options["password_env"], "")
        else:
            password = getpass.getpass("Mật khẩu ban đầu (ít nhất 12 ký tự): ")
        try:
            with transaction.atomic():
                province = Unit.objects.filter(code=options["province_code"]).first()
                if province is None:
                    province = unit_create(
                        name=options["province_name"],
                        code=options["province_code"],
                        kind=UnitKind.PROVINCE,
                        parent=None,
                        by=None,
                    )
                account_create(
                    username=options["admin_username"],
                    full_name="",
                    email=options["admin_email"],
                    unit=province,
                    role=Role.ADMIN,
                    password=password,
                    by=None,
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{province.name}: administrator {options['admin_username']} created; "
                "the password must be changed at the first login."
            )
        )
