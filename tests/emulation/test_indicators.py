from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.enums import Aggregation, Period
from emulation.indicators import (
    figures,
    figures_import,
    match_unit,
    parse_figures,
    parse_period,
    percent,
)
from emulation.models import Indicator, IndicatorValue
from tests.conftest import make_user
from tests.emulation.conftest import (
    CLUSTER_CSV,
    CLUSTER_NAME,
    INITIATIVES,
    NEW_MEMBERS,
    bulk_units,
    cluster_csv,
    cluster_members,
    import_cluster_figures,
    table_rows,
)
from units.enums import AuditAction, GroupingKind, Role, UnitKind
from units.models import AuditEntry
from units.services import grouping_create

# Seed 002's figures as the fixture holds them; the seed's typed totals are wrong (27.1745
# for 27.175 initiatives, 3.730 for 3.735 new members).
SEED_TOTALS = [
    (INITIATIVES, Decimal(27175)),
    ("Thành lập mới CĐCS ngoài nhà nước", Decimal(32)),
    (NEW_MEMBERS, Decimal(3735)),
    ("Suất quà chăm lo Tết Sum vầy", Decimal(62972)),
    ("Tin bài phóng sự về phong trào CNVCLĐ", Decimal(5809)),
]
# Members in the cluster's order (Lai Châu leads): actual, plan, percentage.
INITIATIVE_MEMBERS = [
    ("LDLD-LC", Decimal(2751), Decimal(2300), Decimal(120)),
    ("LDLD-LAOCAI", Decimal(9103), Decimal(4500), Decimal(202)),
    ("LDLD-HAGIANG", Decimal(4261), Decimal(4000), Decimal(107)),  # 106,525 % rounded half up
    ("LDLD-DIENBIEN", Decimal(1302), Decimal(1000), Decimal(130)),
    ("LDLD-CAOBANG", Decimal(4019), Decimal(2700), Decimal(149)),
    ("LDLD-LANGSON", Decimal(3297), Decimal(2100), Decimal(157)),
    ("LDLD-SONLA", Decimal(2442), None, None),
]


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _block(blocks, name):
    return next(b for b in blocks if b.indicator.name == name)


def _cluster_figures(cluster):
    return figures(cluster_members(cluster), year=2023, period=Period.HALF_YEAR)


def test_cluster_import_gives_computed_totals(cluster):
    assert import_cluster_figures(cluster) == 35
    blocks = _cluster_figures(cluster)
    assert [(b.indicator.name, b.total) for b in blocks] == SEED_TOTALS
    initiatives = _block(blocks, INITIATIVES)
    assert [(m.unit.code, m.actual, m.planned, m.percent) for m in initiatives.members] == INITIATIVE_MEMBERS
    # Sơn La reported without a plan: no plan total, no overall percentage.
    assert (initiatives.plan_total, initiatives.percent) == (None, None)
    assert [m.actual for m in _block(blocks, NEW_MEMBERS).members] == [
        Decimal(n) for n in (260, 1258, 359, 248, 290, 889, 431)
    ]


def test_cluster_import_defines_indicators_in_file_order(cluster):
    import_cluster_figures(cluster)
    assert list(Indicator.objects.values_list("name", "measure", "order", "aggregation")) == [
        (INITIATIVES, "sáng kiến", 1, "sum"),
        ("Thành lập mới CĐCS ngoài nhà nước", "CĐCS", 2, "sum"),
        (NEW_MEMBERS, "đoàn viên", 3, "sum"),
        ("Suất quà chăm lo Tết Sum vầy", "suất", 4, "sum"),
        ("Tin bài phóng sự về phong trào CNVCLĐ", "tin bài", 5, "sum"),
    ]
    assert list(
        AuditEntry.objects.filter(action=AuditAction.IMPORT).values_list("object_repr", "changes")
    ) == [(CLUSTER_CSV.name, {"period": "2023-H1", "rows": 35})]


def test_cluster_import_again_replaces_figures(cluster):
    import_cluster_figures(cluster)
    import_cluster_figures(cluster, cluster_csv({2: f"Lai Châu,{INITIATIVES},sáng kiến,2800,2300"}))
    assert IndicatorValue.objects.count() == 35
    assert _block(_cluster_figures(cluster), INITIATIVES).total == Decimal(27224)


def test_plan_total_and_percent_when_every_member_has_a_plan(cluster):
    rows = cluster_csv()
    lines = [line for line in rows.decode().splitlines() if line.startswith("tinh") or INITIATIVES in line]
    lines[-1] = lines[-1] + "2400"  # Sơn La: 2442 of 2400
    import_cluster_figures(cluster, ("\n".join(lines) + "\n").encode())
    block = _block(_cluster_figures(cluster), INITIATIVES)
    assert (block.total, block.plan_total, block.percent) == (Decimal(27175), Decimal(19000), Decimal(143))


@pytest.mark.parametrize(
    ("replace", "append", "errors"),
    [
        (
            {3: "Quảng Ninh,Kết nạp đoàn viên mới,đoàn viên,290,"},
            [],
            ["Dòng 3: “Quảng Ninh” không phải là đơn vị thành viên."],
        ),
        (
            {3: f"Cao Bằng,{INITIATIVES},sáng kiến,abc,2700"},
            [],
            ["Dòng 3: Thực hiện “abc” không phải là số."],
        ),
        (
            {},
            [f"Lai Châu,{INITIATIVES},sáng kiến,2751,2300"],
            ["Dòng 37: Trùng với dòng 2."],
        ),
        (
            {5: f"Lào Cai,{INITIATIVES},sáng kiến,-5,4500"},
            [],
            ["Dòng 5: Thực hiện không được âm."],
        ),
        (
            {6: "Điện Biên,Chỉ tiêu mới,,12,"},
            [],
            ["Dòng 6: Chỉ tiêu mới cần có đơn vị tính."],
        ),
    ],
    ids=["unknown-province", "not-a-number", "duplicate-row", "negative", "new-without-measure"],
)
def test_cluster_import_with_one_bad_row_saves_nothing(cluster, replace, append, errors):
    content = cluster_csv(replace, append)
    with pytest.raises(ValidationError) as error:
        import_cluster_figures(cluster, content)
    assert error.value.messages == errors
    assert (Indicator.objects.count(), IndicatorValue.objects.count()) == (0, 0)
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 0


def test_figures_read_vietnamese_number_marks(cluster):
    content = 'tinh,chi_tieu,don_vi_tinh,thuc_hien,ke_hoach\nLai Châu,Quỹ hỗ trợ,triệu đồng,2.751,"1.234,5"\n'
    rows = parse_figures("so-lieu.csv", content.encode(), units=cluster_members(cluster))
    assert [(r.actual, r.planned, r.errors) for r in rows] == [(Decimal(2751), Decimal("1234.5"), [])]


def test_figure_error_quotes_the_text_as_typed(cluster):
    content = f"tinh,chi_tieu,don_vi_tinh,thuc_hien\nLai Châu,{INITIATIVES},sáng kiến,ba nghìn\n"
    rows = parse_figures("so-lieu.csv", content.encode(), units=cluster_members(cluster))
    assert rows[0].errors == ["Thực hiện “ba nghìn” không phải là số."]


def test_match_unit_by_code_short_name_or_end_of_name(cluster):
    members = cluster_members(cluster)
    assert match_unit("LDLD-CAOBANG", members)[0].code == "LDLD-CAOBANG"
    assert match_unit("LĐLĐ tỉnh Sơn La", members)[0].code == "LDLD-SONLA"
    assert match_unit("lao cai", members)[0].code == "LDLD-LAOCAI"
    assert match_unit("Liên đoàn Lao động tỉnh", members) == (
        None,
        "“Liên đoàn Lao động tỉnh” không phải là đơn vị thành viên.",
    )


def test_ratio_total_divides_summed_terms(cluster):
    members = cluster_members(cluster)
    joined = Indicator.objects.create(name="Đoàn viên kết nạp", measure="người", order=1)
    workers = Indicator.objects.create(name="Công nhân chưa vào công đoàn", measure="người", order=2)
    share = Indicator.objects.create(
        name="Tỷ lệ kết nạp",
        measure="%",
        order=3,
        aggregation=Aggregation.RATIO,
        numerator=joined,
        denominator=workers,
    )
    for unit, num, den in ((members[0], 1, 4), (members[1], 9, 6)):
        IndicatorValue.objects.create(indicator=joined, unit=unit, year=2023, period=Period.YEAR, actual=num)
        IndicatorValue.objects.create(indicator=workers, unit=unit, year=2023, period=Period.YEAR, actual=den)
    block = _block(figures(members, year=2023, period=Period.YEAR), share.name)
    # (1 + 9) / (4 + 6) = 100 %, not the mean of 25 % and 150 %.
    assert block.total == Decimal(100)
    assert [m.actual for m in block.members] == [Decimal(25), Decimal(150), None, None, None, None, None]


def test_ratio_indicator_refused_in_an_import(cluster):
    joined = Indicator.objects.create(name="Đoàn viên kết nạp", measure="người")
    Indicator.objects.create(
        name="Tỷ lệ kết nạp", measure="%", aggregation=Aggregation.RATIO, numerator=joined, denominator=joined
    )
    content = "tinh,chi_tieu,don_vi_tinh,thuc_hien\nLai Châu,Tỷ lệ kết nạp,%,50\n".encode()
    rows = parse_figures("ty-le.csv", content, units=cluster_members(cluster))
    with pytest.raises(ValidationError) as error:
        figures_import(rows=rows, year=2023, period=Period.YEAR, by=None)
    assert error.value.messages == ["Dòng 2: Chỉ tiêu tỷ lệ được tính, không nhập."]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2023-H1", (2023, "H1")), ("2023", (2023, "Y")), ("2023-y", (2023, "Y")), (" 2024-6t ", (2024, "H1"))],
)
def test_parse_period_reads_mid_year_and_year(text, parsed):
    assert parse_period(text) == parsed


@pytest.mark.parametrize("text", ["2023-H3", "23-H1", "", "1999"])
def test_parse_period_refuses_other_text(text):
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_period(text)


def test_percent_rounds_half_up():
    assert percent(Decimal(2751), Decimal(2300)) == Decimal(120)
    assert percent(Decimal(4019), Decimal(2700)) == Decimal(149)
    assert percent(Decimal(1), Decimal(8)) == Decimal(13)  # 12,5 %
    assert percent(Decimal(5), None) is None
    assert percent(Decimal(5), Decimal(0)) is None


# --- Pages -----------------------------------------------------------------------------------


def test_indicator_page_shows_cluster_figures_in_vietnamese_format(client, cluster, lai_chau_staff):
    import_cluster_figures(cluster)
    client.force_login(lai_chau_staff)
    response = client.get(reverse("emulation:indicators"), {"grouping": cluster.pk, "period": "2023-H1"})
    assert table_rows(response, "indicator-1") == [
        ["Đơn vị", "Thực hiện", "Kế hoạch", "Đạt"],
        ["LĐLĐ tỉnh Lai Châu", "2.751", "2.300", "120%"],
        ["LĐLĐ tỉnh Lào Cai", "9.103", "4.500", "202%"],
        ["LĐLĐ tỉnh Hà Giang", "4.261", "4.000", "107%"],
        ["LĐLĐ tỉnh Điện Biên", "1.302", "1.000", "130%"],
        ["LĐLĐ tỉnh Cao Bằng", "4.019", "2.700", "149%"],
        ["LĐLĐ tỉnh Lạng Sơn", "3.297", "2.100", "157%"],
        ["LĐLĐ tỉnh Sơn La", "2.442", "—", "—"],
        ["Tổng cộng", "27.175", "—", "—"],
    ]
    assert table_rows(response, "indicator-3")[-1] == ["Tổng cộng", "3.735", "—", "—"]
    html = response.content.decode()
    assert f"Chỉ tiêu thi đua: {CLUSTER_NAME} — 6 tháng đầu năm 2023" in html
    assert "27.1745" not in html


def test_indicator_page_of_another_province_cluster_404(client, cluster, org, charlie):
    import_cluster_figures(cluster)
    client.force_login(charlie)
    response = client.get(reverse("emulation:indicators"), {"grouping": cluster.pk, "period": "2023-H1"})
    assert response.status_code == 404


def test_indicator_import_page_saves_the_file(client, cluster, lai_chau_staff):
    client.force_login(lai_chau_staff)
    upload = SimpleUploadedFile(CLUSTER_CSV.name, CLUSTER_CSV.read_bytes())
    response = client.post(
        reverse("emulation:indicator_import"), {"file": upload, "grouping": cluster.pk, "period": "2023-H1"}
    )
    assert response.url == f"{reverse('emulation:indicators')}?grouping={cluster.pk}&period=2023-H1"
    assert IndicatorValue.objects.filter(year=2023, period=Period.HALF_YEAR).count() == 35


def test_indicator_import_page_lists_bad_rows_and_saves_nothing(client, cluster, lai_chau_staff):
    client.force_login(lai_chau_staff)
    content = cluster_csv({3: "Quảng Ninh,Kết nạp đoàn viên mới,đoàn viên,290,"})
    upload = SimpleUploadedFile("sai.csv", content)
    response = client.post(
        reverse("emulation:indicator_import"), {"file": upload, "grouping": cluster.pk, "period": "2023-H1"}
    )
    assert response.status_code == 200
    assert "“Quảng Ninh” không phải là đơn vị thành viên." in response.content.decode()
    assert (Indicator.objects.count(), IndicatorValue.objects.count()) == (0, 0)


def test_indicator_import_page_refused_to_unit_staff(client, cluster, lai_chau):
    client.force_login(make_user("canbo.laichau", lai_chau, Role.UNIT_STAFF))
    upload = SimpleUploadedFile(CLUSTER_CSV.name, CLUSTER_CSV.read_bytes())
    response = client.post(
        reverse("emulation:indicator_import"), {"file": upload, "grouping": cluster.pk, "period": "2023-H1"}
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("members", [3, 300])
def test_indicator_page_of_a_grouping_keeps_its_query_count(
    client, lai_chau, lai_chau_staff, members, django_assert_num_queries
):
    units = bulk_units(lai_chau, members, kind=UnitKind.DISTRICT)
    grouping = grouping_create(
        year=2023,
        name="Khối huyện",
        kind=GroupingKind.BLOC,
        owner=lai_chau,
        members=units,
        leader=None,
        by=None,
    )
    indicator = Indicator.objects.create(name=NEW_MEMBERS, measure="đoàn viên")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, unit=u, year=2023, period=Period.HALF_YEAR, actual=10, planned=8)
        for u in units
    )
    client.force_login(lai_chau_staff)
    client.get("/")
    with django_assert_num_queries(10):
        response = client.get(reverse("emulation:indicators"), {"grouping": grouping.pk, "period": "2023-H1"})
    assert table_rows(response, "indicator-1")[-1] == [
        "Tổng cộng",
        _vn(members * 10),
        _vn(members * 8),
        "125%",
    ]
