"""Provincial staff create the annual plan from a task file and define indicators."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from emulation.enums import Aggregation
from emulation.models import AnnualPlan, Indicator
from units.enums import AuditAction
from units.models import AuditEntry

SEED_001_TASKS = Path(__file__).resolve().parents[2] / "emulation" / "demo_data" / "ke-hoach-2023.csv"


def test_plan_import_loads_seed_001_by_quarter(client, org, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("ke-hoach.csv", SEED_001_TASKS.read_bytes())
    response = client.post(
        "/thi-dua/ke-hoach/nhap/",
        {
            "year": 2023,
            "title": "Kế hoạch công tác thi đua, khen thưởng năm 2023",
            "document_number": "403/KH-LĐLĐ",
            "file": upload,
        },
    )
    plan = AnnualPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.owner, plan.year, plan.document_number) == (org.province, 2023, "403/KH-LĐLĐ")
    per_quarter = [plan.tasks.filter(quarter=q).count() for q in (1, 2, 3, 4)]
    assert per_quarter == [7, 7, 5, 8]
    assert list(plan.tasks.values_list("number", flat=True)) == list(range(1, 28))
    body = client.get(f"/thi-dua/ke-hoach/{plan.pk}/in/").content.decode()
    assert "QUÝ 4" in body and "Trình hồ sơ đề nghị UBND tỉnh, TLĐ khen thưởng." in body


def test_plan_import_with_a_bad_row_saves_nothing(client, org, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile(
        "ke-hoach.csv", "quy,noi_dung,han\n1,Việc một,31/03/2023\n5,Việc hai,\n".encode()
    )
    response = client.post("/thi-dua/ke-hoach/nhap/", {"year": 2023, "title": "KH", "file": upload})
    assert "Dòng 3: quý phải từ 1 đến 4." in response.content.decode()
    assert not AnnualPlan.objects.exists()


def test_unit_staff_cannot_import_a_plan(client, alice):
    client.force_login(alice)
    assert client.get("/thi-dua/ke-hoach/nhap/").status_code == 403


def test_indicator_definitions_sum_and_ratio(client, org, staff_user):
    client.force_login(staff_user)
    client.post(
        "/thi-dua/chi-tieu/danh-muc/them/",
        {"name": "Đoàn viên", "measure": "người", "aggregation": Aggregation.SUM, "order": 1},
    )
    client.post(
        "/thi-dua/chi-tieu/danh-muc/them/",
        {"name": "Lao động", "measure": "người", "aggregation": Aggregation.SUM, "order": 2},
    )
    members, workers = Indicator.objects.order_by("order")
    response = client.post(
        "/thi-dua/chi-tieu/danh-muc/them/",
        {"name": "Tỷ lệ đoàn viên", "measure": "%", "aggregation": Aggregation.RATIO, "order": 3},
        follow=True,
    )
    assert "Chỉ tiêu tỷ lệ cần tử số và mẫu số." in response.content.decode()
    client.post(
        "/thi-dua/chi-tieu/danh-muc/them/",
        {
            "name": "Tỷ lệ đoàn viên",
            "measure": "%",
            "aggregation": Aggregation.RATIO,
            "numerator": members.pk,
            "denominator": workers.pk,
            "order": 3,
        },
    )
    ratio = Indicator.objects.get(name="Tỷ lệ đoàn viên")
    assert (ratio.aggregation, ratio.numerator, ratio.denominator) == (Aggregation.RATIO, members, workers)
    assert (
        AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="emulation.indicator").count() == 3
    )
