from reports.content import (
    Appendix,
    Cell,
    Content,
    Heading,
    Items,
    Note,
    Para,
    Signature,
    Table,
    Text,
    prose_blocks,
    prose_to_text,
    sanitise_prose,
    text_to_prose,
)


def test_sanitise_prose_keeps_paragraphs_bold_italic_and_lists_only():
    dirty = (
        '<p style="color:red" onclick="x()">Một <b>hai</b> <i>ba</i> <a href="javascript:x">bốn</a></p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)><h1>Tiêu đề</h1>"
        "<ul><li>mục <strong>1</strong></li></ul><iframe src=//evil></iframe>"
    )
    assert sanitise_prose(dirty) == (
        "<p>Một <b>hai</b> <i>ba</i> bốn</p>Tiêu đề<ul><li>mục <strong>1</strong></li></ul>"
    )


def test_prose_blocks_read_runs_and_lists():
    blocks = prose_blocks(
        "<p>Chủ đề <strong>“Tập trung”</strong>, <em>năm 2023</em>.</p><ol><li>Một</li><li>Hai</li></ol>"
    )
    assert blocks == [
        Para(
            [
                Text("Chủ đề "),
                Text("“Tập trung”", bold=True),
                Text(", "),
                Text("năm 2023", italic=True),
                Text("."),
            ]
        ),
        Items([[Text("Một")], [Text("Hai")]], ordered=True),
    ]


def test_prose_line_breaks_start_new_paragraphs_and_whitespace_collapses():
    assert prose_blocks("<p>  Dòng   một<br>dòng hai </p>\n\n<p></p>") == [
        Para([Text("Dòng một")]),
        Para([Text("dòng hai")]),
    ]


def test_seed_style_text_round_trips_through_prose():
    text = (
        "Năm {year} là năm **quan trọng**, *đặc biệt*.\n\n- Kế hoạch số 142/KH-LĐLĐ;\n- Công văn số 400/LĐLĐ."
    )
    html = text_to_prose(text)
    assert html == (
        "<p>Năm {year} là năm <strong>quan trọng</strong>, <em>đặc biệt</em>.</p>"
        "<ul><li>Kế hoạch số 142/KH-LĐLĐ;</li><li>Công văn số 400/LĐLĐ.</li></ul>"
    )
    assert prose_to_text(html) == text


def test_text_to_prose_escapes_markup_typed_as_text():
    assert text_to_prose("a <script>b</script> & c") == "<p>a &lt;script&gt;b&lt;/script&gt; &amp; c</p>"


def test_content_survives_serialisation_exactly():
    content = Content(
        superior_body="TỔNG LĐLĐ VIỆT NAM",
        issuing_body="LĐLĐ TỈNH LAI CHÂU",
        number="339/BC-LĐLĐ",
        place_date="Lai Châu, ngày 19 tháng 11 năm 2020",
        title="BÁO CÁO",
        subject=["Công tác Thi đua, Khen thưởng năm 2020"],
        blocks=[
            Heading("I. ĐẶC ĐIỂM TÌNH HÌNH", 1),
            Para([Text("Tổng số 27.175"), Note([Text("Lai Châu có 2.751/2.300 (đạt 120%)")]), Text(".")]),
            Items([[Text("một")]], ordered=True),
        ],
        recipients=["- Lưu: VT."],
        signature=Signature("TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Hoàng Văn Trinh"),
        appendices=[
            Appendix(
                "BẢNG",
                "(Kèm theo …)",
                [
                    Table(
                        [1, 2],
                        [[Cell("STT", colspan=2)]],
                        [[Cell("1"), Cell("950", align="right")]],
                        keep=[0],
                    )
                ],
                landscape=True,
            )
        ],
    )
    assert Content.from_data(content.to_data()) == content
    assert "Lai Châu có 2.751/2.300 (đạt 120%)" in content.plain_text()
