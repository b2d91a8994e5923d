from django.core.management.base import BaseCommand

from reports.services import default_templates_load


class Command(BaseCommand):
    help = "Tạo các mẫu văn bản theo tài liệu gốc (báo cáo năm, báo cáo cụm 6 tháng, kế hoạch, quyết định…)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Đặt lại nội dung gốc của các mẫu đã có.")

    def handle(self, *args, reset: bool = False, **options):
        written = default_templates_load(reset=reset)
        self.stdout.write(", ".join(written) if written else "Các mẫu văn bản đã có sẵn.")
