"""The documents of the seeds as templates: loaded once (`manage.py load_document_templates`,
run by `bootstrap` and the demo), then provincial staff edit them as data.

Prose is written as the seeds are: paragraphs split by blank lines, "- " lists, **bold**,
*italic*; placeholders such as {year} are filled when a document is drafted.
"""

from reports.enums import BlockKey, SectionKind
from units.enums import DocumentKind

PART, SECTION, ITEM, SUBITEM = 0, 1, 2, 3


def heading(text: str, level: int = SECTION) -> dict:
    return {"kind": SectionKind.HEADING, "heading": text, "level": level}


def prose(text: str, title: str = "", level: int = ITEM) -> dict:
    return {"kind": SectionKind.PROSE, "heading": title, "level": level, "text": text}


def computed(key: str, title: str = "", level: int = ITEM, **extra) -> dict:
    return {"kind": SectionKind.BLOCK, "heading": title, "level": level, "block": key, **extra}


def appendix(key: str, title: str, *, landscape: bool = False) -> dict:
    return {
        "kind": SectionKind.BLOCK,
        "heading": title,
        "block": key,
        "appendix": True,
        "landscape": landscape,
    }


ANNUAL = {
    "code": "annual",
    "name": "Báo cáo tổng kết công tác thi đua, khen thưởng năm",
    "kind": DocumentKind.REPORT,
    "subject": "Công tác Thi đua, Khen thưởng năm {year}\nnhiệm vụ trọng tâm công tác Thi đua, Khen thưởng năm {next_year}",
    "recipients": "- TT Tỉnh ủy, HĐND, UBND tỉnh (b/c);\n- Tổng LĐLĐ Việt Nam (b/c);\n"
    "- KTĐ MTTQ và các đoàn thể tỉnh;\n- Ban Thi đua - Khen thưởng tỉnh;\n- Lãnh đạo LĐLĐ tỉnh;\n"
    "- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "PHÓ CHỦ TỊCH",
    "sections": [
        heading("PHẦN I", PART),
        heading("KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA, KHEN THƯỞNG", PART),
        heading("I. ĐẶC ĐIỂM TÌNH HÌNH"),
        prose(
            "Năm {year}, được sự quan tâm lãnh đạo, chỉ đạo của Tỉnh ủy, HĐND, UBND tỉnh, của Tổng Liên đoàn "
            "Lao động Việt Nam, Ban Thi đua - Khen thưởng tỉnh và cấp ủy, chính quyền các cấp; các cấp công đoàn "
            "đã xác định việc tổ chức thực hiện tốt các phong trào thi đua tạo động lực thúc đẩy việc thực hiện "
            "thắng lợi nhiệm vụ chính trị của các cơ quan, đơn vị, doanh nghiệp.",
            "1. Thuận lợi",
        ),
        prose(
            "Lai Châu là tỉnh miền núi, biên giới, địa hình phức tạp, xa các trung tâm kinh tế lớn; quy mô doanh "
            "nghiệp nhỏ, số lượng công nhân lao động ít; một số doanh nghiệp sản xuất kinh doanh không ổn định, "
            "ảnh hưởng đến việc làm, thu nhập và đời sống của đoàn viên, người lao động.",
            "2. Khó khăn",
        ),
        heading("II. KẾT QUẢ THỰC HIỆN"),
        prose(
            "Thực hiện các nội dung giao ước thi đua của Khối thi đua MTTQ và các đoàn thể tỉnh, Cụm thi đua "
            "Liên đoàn Lao động 7 tỉnh biên giới phía Bắc, ngay từ đầu năm Ban Thường vụ Liên đoàn Lao động tỉnh "
            "đã ban hành các văn bản cụ thể, đề ra các biện pháp để thực hiện các mục tiêu, nhiệm vụ trong công "
            "tác thi đua; hướng dẫn các cấp công đoàn đăng ký thi đua, tổ chức ký giao ước thi đua trong các khối.",
            "1. Công tác lãnh đạo, chỉ đạo phong trào thi đua",
        ),
        computed(BlockKey.DOCUMENTS_ISSUED, "2. Các văn bản của LĐLĐ tỉnh đã triển khai thực hiện"),
        computed(BlockKey.REGISTRATIONS, "3. Đăng ký thi đua"),
        prose(
            "Phong trào thi đua **“Lao động giỏi, Lao động sáng tạo”** là phong trào trọng tâm xuyên suốt hoạt "
            "động của tổ chức công đoàn, được các cấp công đoàn, đoàn viên, CNVCLĐ tích cực hưởng ứng, tạo động "
            "lực thúc đẩy tinh thần lao động, năng động sáng tạo, hoàn thành nhiệm vụ chuyên môn với chất lượng "
            "cao.",
            "4. Kết quả các phong trào thi đua",
        ),
        computed(BlockKey.AWARD_SUMMARY, "5. Công tác khen thưởng"),
        computed(BlockKey.AWARD_TABLE),
        prose(
            "Việc thẩm định hồ sơ khen thưởng, các danh hiệu thi đua và hình thức khen thưởng bảo đảm đúng đối "
            "tượng, tiêu chuẩn theo quy định của Luật Thi đua, Khen thưởng và các văn bản hướng dẫn thi hành; "
            "quan tâm khen thưởng công nhân, người lao động trực tiếp."
        ),
        heading("III. ĐÁNH GIÁ CHUNG"),
        prose(
            "Các phong trào thi đua được triển khai sâu rộng, nội dung thiết thực, gắn với nhiệm vụ chính trị của "
            "từng cơ quan, đơn vị, doanh nghiệp; công tác khen thưởng kịp thời, đúng quy định.",
            "1. Ưu điểm",
        ),
        prose(
            "- Phong trào thi đua ở một số cơ sở chưa được duy trì thường xuyên, nội dung, hình thức chưa thực sự "
            "đổi mới.\n- Việc phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến chưa duy trì thường xuyên.",
            "2. Hạn chế",
        ),
        prose(
            "- Công tác lãnh đạo, chỉ đạo công tác thi đua, khen thưởng của một số công đoàn có lúc chưa thường "
            "xuyên.\n- Tình hình sản xuất kinh doanh của một số doanh nghiệp còn khó khăn.",
            "3. Nguyên nhân",
        ),
        prose(
            "- Chú trọng công tác tuyên truyền, vận động, nâng cao nhận thức về vị trí, vai trò của công tác thi "
            "đua, khen thưởng.\n- Việc bình xét các danh hiệu thi đua và đề nghị các hình thức khen thưởng bảo "
            "đảm nguyên tắc công khai, công bằng, dân chủ và kịp thời.",
            "IV. MỘT SỐ KINH NGHIỆM",
            SECTION,
        ),
        heading("PHẦN II", PART),
        prose(
            "1. Tiếp tục đổi mới nội dung, hình thức và phương pháp tổ chức các phong trào thi đua yêu nước, gắn "
            "với nhiệm vụ chính trị của các cấp công đoàn.\n\n2. Tiếp tục đổi mới và nâng cao chất lượng công "
            "tác thi đua, khen thưởng, bảo đảm đúng quy trình, thủ tục, công bằng, công khai, chính xác, kịp "
            "thời; quan tâm khen thưởng công nhân, lao động trực tiếp.\n\n3. Thực hiện nghiêm túc việc đánh giá "
            "chấm điểm, bình xét danh hiệu thi đua giữa các khối; tổ chức tổng kết công tác thi đua năm {year}, "
            "phát động thi đua năm {next_year}.",
            "NHIỆM VỤ TRỌNG TÂM NĂM {next_year}",
            PART,
        ),
        appendix(BlockKey.SCORE_TABLE, "{criteria_table}"),
    ],
}

MIDYEAR_CLUSTER = {
    "code": "midyear-cluster",
    "name": "Báo cáo sơ kết 6 tháng của Cụm thi đua",
    "kind": DocumentKind.REPORT,
    "subject": "Sơ kết thực hiện các chỉ tiêu, giao ước thi đua 6 tháng đầu năm\n"
    "nhiệm vụ trọng tâm 6 tháng cuối năm {year}",
    "superior_body": "Tổng Liên đoàn Lao động Việt Nam",
    "issuing_body": "Cụm thi đua LĐLĐ 7 tỉnh biên giới phía Bắc",
    "symbol": "CTĐ",
    "recipients": "- Ban Thi đua - Khen thưởng Tổng Liên đoàn (b/c);\n- LĐLĐ các tỉnh trong Cụm;\n"
    "- Lưu: VT, Cụm thi đua.",
    "signing_authority": "TM. CỤM THI ĐUA",
    "signer_post": "TRƯỞNG CỤM",
    "sections": [
        prose(
            "Thực hiện Hướng dẫn số 40/HD-TLĐ ngày 05/11/2021 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam "
            "về hoạt động Cụm, Khối thi đua LĐLĐ các tỉnh, thành phố; {grouping} báo cáo sơ kết hoạt động Cụm "
            "thi đua 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm {year} như sau:"
        ),
        heading("I. TÌNH HÌNH CHUNG"),
        prose(
            "Phong trào thi đua trong đoàn viên, công nhân, viên chức, lao động của LĐLĐ các tỉnh trong Cụm luôn "
            "nhận được sự quan tâm, lãnh đạo, chỉ đạo của Tổng LĐLĐ Việt Nam, các Tỉnh ủy, sự phối hợp và tạo "
            "điều kiện của Ủy ban nhân dân tỉnh, các cấp, các ngành trên địa bàn.",
            "1. Thuận lợi",
        ),
        prose(
            "Các tỉnh trong Cụm đều là tỉnh miền núi biên giới, địa bàn hoạt động rộng, giao thông chia cắt, "
            "điều kiện kinh tế - xã hội còn nhiều khó khăn; quy mô doanh nghiệp chủ yếu vừa và nhỏ, sử dụng ít "
            "lao động.",
            "2. Khó khăn",
        ),
        heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU, NỘI DUNG GIAO ƯỚC THI ĐUA"),
        prose(
            "LĐLĐ các tỉnh trong Cụm đã chủ động triển khai các văn bản, kế hoạch thực hiện các nhiệm vụ trong "
            "công tác thi đua năm {year}, cụ thể hóa các nội dung phát động thi đua gắn với các nhiệm vụ phát "
            "triển kinh tế, chính trị, văn hóa, xã hội của địa phương.",
            "1. Công tác chỉ đạo, triển khai tổ chức thực hiện các phong trào thi đua",
        ),
        computed(BlockKey.INDICATOR_SUMMARY, "2. Kết quả thực hiện các chỉ tiêu thi đua"),
        prose(
            "1. Tiếp tục đẩy mạnh các phong trào thi đua, phấn đấu hoàn thành các chỉ tiêu, nội dung giao ước thi "
            "đua năm {year}.\n\n2. Quan tâm phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến; thực hiện "
            "tốt công tác khen thưởng.\n\n3. Tổ chức tổng kết hoạt động Cụm thi đua năm {year}.",
            "III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM {year}",
            SECTION,
        ),
        appendix(BlockKey.INDICATOR_TABLE, "Số liệu thực hiện các chỉ tiêu thi đua {period}"),
    ],
}

PLAN = {
    "code": "plan",
    "name": "Kế hoạch công tác thi đua, khen thưởng năm",
    "kind": DocumentKind.PLAN,
    "subject": "Công tác thi đua, khen thưởng năm {year}",
    "recipients": "- TT Tỉnh ủy, HĐND, UBND tỉnh;\n- Đoàn Chủ tịch TLĐLĐ VN;\n- Ban Dân vận Tỉnh ủy;\n"
    "- Thành viên khối TĐ MTTQ và các đoàn thể;\n- Thành viên Cụm TĐ LĐLĐ 7 tỉnh BG;\n"
    "- Lãnh đạo LĐLĐ tỉnh, các cấp CĐ;\n- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "PHÓ CHỦ TỊCH",
    "sections": [
        prose(
            "Để công tác thi đua, khen thưởng năm {year} đạt được hiệu quả, Ban Thường vụ LĐLĐ tỉnh xác định một "
            "số nhiệm vụ, giải pháp cơ bản sau:"
        ),
        computed(BlockKey.PLAN_TASKS, "I. NỘI DUNG", SECTION),
        prose(
            "1. Các cấp công đoàn tổ chức phát động các phong trào thi đua, trọng tâm là phong trào thi đua **“Lao "
            "động giỏi, lao động sáng tạo”**; nội dung thi đua bám sát mục tiêu, nhiệm vụ chính trị được giao.\n\n"
            "2. Đẩy mạnh công tác tuyên truyền về mục đích, ý nghĩa của công tác thi đua, khen thưởng; coi trọng "
            "công tác phát hiện, bồi dưỡng, xây dựng và nhân rộng điển hình tiên tiến.\n\n3. Tăng cường kiểm "
            "tra việc thực hiện công tác thi đua, khen thưởng của các cấp công đoàn; gắn kiểm tra, chấm điểm "
            "phong trào thi đua với bình xét thi đua, khen thưởng.",
            "II. CÁC GIẢI PHÁP CHỦ YẾU",
            SECTION,
        ),
        heading("III. TỔ CHỨC THỰC HIỆN"),
        prose(
            "- Xây dựng kế hoạch công tác thi đua, khen thưởng năm {year}.\n- Thường xuyên đôn đốc, hướng dẫn, "
            "kiểm tra công tác thi đua, khen thưởng định kỳ; tiến hành sơ kết, tổng kết, báo cáo kết quả về Tổng "
            "Liên đoàn Lao động Việt Nam, UBND tỉnh.",
            "1. Đối với LĐLĐ tỉnh",
        ),
        prose(
            "Căn cứ kế hoạch của LĐLĐ tỉnh chủ động xây dựng kế hoạch công tác thi đua, khen thưởng năm {year}; "
            "tổ chức triển khai có hiệu quả các phong trào thi đua; thực hiện bình xét khen thưởng bảo đảm dân "
            "chủ, khách quan, minh bạch, đúng nguyên tắc.",
            "2. Đối với Liên đoàn Lao động các huyện, thành phố, các công đoàn ngành, công đoàn Viên chức",
        ),
        computed(BlockKey.DEADLINES),
        prose(
            "**Lưu ý:** Đơn vị không đăng ký các danh hiệu thi đua, phát động thi đua; Hội đồng thi đua, khen "
            "thưởng LĐLĐ tỉnh không xem xét khen thưởng cho đơn vị đó.\n\nBan Thường vụ LĐLĐ tỉnh yêu cầu LĐLĐ "
            "các huyện, thành phố, Công đoàn ngành, Công đoàn Viên chức nghiêm túc triển khai, thực hiện kế hoạch."
        ),
    ],
}

EXEMPLAR_PLAN = {
    "code": "exemplar-plan",
    "name": "Kế hoạch tổ chức Hội nghị biểu dương điển hình tiên tiến",
    "kind": DocumentKind.PLAN,
    "subject": "Tổ chức {event}",
    "recipients": "- TT Tỉnh ủy, HĐND, UBND tỉnh;\n- Đoàn Chủ tịch TLĐ;\n- Ban TĐKT tỉnh;\n- TT LĐLĐ tỉnh;\n"
    "- LĐLĐ huyện, thành phố, CĐN, CĐVC;\n- Các ban LĐLĐ tỉnh;\n- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "CHỦ TỊCH",
    "sections": [
        prose("Ban Thường vụ LĐLĐ tỉnh xây dựng Kế hoạch tổ chức {event} như sau:"),
        prose(
            "1. Tổng kết, đánh giá kết quả và tác dụng của phong trào thi đua yêu nước; đề ra nhiệm vụ, biện pháp "
            "tổ chức, chỉ đạo phong trào thi đua và công tác khen thưởng của tổ chức công đoàn giai đoạn tới.\n\n"
            "2. Biểu dương, tôn vinh các tập thể, cá nhân đoàn viên điển hình tiên tiến trong phong trào thi đua "
            "yêu nước.\n\n3. Tổ chức Hội nghị phải bảo đảm đúng mục đích, ý nghĩa, trang trọng, thiết thực, tiết "
            "kiệm, tránh phô trương hình thức.",
            "I. MỤC ĐÍCH YÊU CẦU",
            SECTION,
        ),
        prose(
            "1. **Thời gian:** 01 ngày.\n\n2. **Địa điểm:** tại Thành phố Lai Châu.\n\n3. **Thành phần:** đại "
            "biểu là các tập thể, cá nhân điển hình tiên tiến theo số lượng phân bổ tại Mục IV; lãnh đạo các "
            "cấp, các ngành.",
            "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN",
            SECTION,
        ),
        prose(
            "1. Văn nghệ chào mừng.\n\n2. Báo cáo tổng kết phong trào thi đua và công tác khen thưởng.\n\n3. Báo "
            "cáo tham luận và hoạt động giao lưu với các điển hình tiên tiến.\n\n4. Biểu dương, tôn vinh khen "
            "thưởng.\n\n5. Phát động phong trào thi đua giai đoạn tới.",
            "III. NỘI DUNG, CHƯƠNG TRÌNH HỘI NGHỊ",
            SECTION,
        ),
        heading("IV. THÀNH PHẦN, TIÊU CHUẨN, PHÂN BỐ SỐ LƯỢNG"),
        prose(
            "Đại diện tập thể, cá nhân điển hình tiên tiến xuất sắc tiêu biểu do công đoàn cấp trên trực tiếp cơ "
            "sở lựa chọn theo số lượng được phân bổ; ưu tiên công nhân trực tiếp lao động sản xuất, công chức, "
            "viên chức không giữ chức vụ lãnh đạo, quản lý; đại biểu là nữ, dân tộc thiểu số.",
            "1. Thành phần",
        ),
        computed(BlockKey.ELIGIBILITY, "2. Tiêu chuẩn"),
        computed(BlockKey.QUOTA_TABLE, "3. Phân bổ số lượng"),
        prose(
            "- LĐLĐ tỉnh: xây dựng kế hoạch; phân bổ số lượng; tổng hợp, thẩm định hồ sơ đề nghị khen thưởng; "
            "quyết định khen thưởng các tập thể, cá nhân.\n- LĐLĐ huyện, thành phố, công đoàn ngành, công đoàn "
            "Viên chức: tổng hợp danh sách, hồ sơ đề nghị khen thưởng gửi về LĐLĐ tỉnh đúng thời hạn.",
            "V. TỔ CHỨC THỰC HIỆN",
            SECTION,
        ),
    ],
}

CAMPAIGN_PLAN = {
    "code": "campaign-plan",
    "name": "Kế hoạch phát động phong trào thi đua",
    "kind": DocumentKind.PLAN,
    "subject": "Phát động phong trào thi đua {campaign}",
    "recipients": "- TT Tỉnh ủy, HĐND, UBND tỉnh;\n- Ban TĐKT tỉnh;\n- LĐLĐ huyện, thành phố, CĐN, CĐVC;\n"
    "- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "CHỦ TỊCH",
    "sections": [
        prose(
            "1. Tạo sự chuyển biến mạnh mẽ về nhận thức và trách nhiệm của các cấp Công đoàn trong tổ chức thực "
            "hiện các phong trào thi đua yêu nước và công tác khen thưởng.\n\n2. Đề cao vai trò trách nhiệm của "
            "Ban Chấp hành, Ban Thường vụ công đoàn các cấp, đặc biệt là của người đứng đầu.\n\n3. Bảo đảm "
            "nguyên tắc công khai, minh bạch, chính xác, kịp thời; chống hình thức, phô trương, lãng phí.",
            "I. MỤC ĐÍCH, YÊU CẦU",
            SECTION,
        ),
        heading("II. NỘI DUNG THI ĐUA"),
        computed(BlockKey.CAMPAIGN, "1. Chủ đề, thời gian, đối tượng"),
        prose(
            "Các cấp Công đoàn thường xuyên vận động công chức, viên chức, người lao động và đoàn viên công đoàn "
            "tích cực, năng động, sáng tạo, thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo”; "
            "thường xuyên quan tâm phát hiện, bồi dưỡng các nhân tố, điển hình mới.",
            "2. Nội dung trọng tâm",
        ),
        prose(
            "1. Liên đoàn Lao động tỉnh ban hành Kế hoạch; tổ chức kiểm tra, đôn đốc, xét khen thưởng các tập "
            "thể và cá nhân tiêu biểu.\n\n2. Liên đoàn Lao động các huyện, thành phố, công đoàn ngành, công đoàn "
            "Viên chức xây dựng kế hoạch triển khai phong trào thi đua cụ thể ở cấp mình.\n\n3. Các Công đoàn cơ "
            "sở trực thuộc căn cứ tình hình thực tiễn xây dựng Kế hoạch cho phù hợp.",
            "III. TỔ CHỨC THỰC HIỆN",
            SECTION,
        ),
    ],
}

AWARD_DECISION = {
    "code": "award-decision",
    "name": "Quyết định khen thưởng",
    "kind": DocumentKind.DECISION,
    "subject": "{decision}",
    "recipients": "- Như Điều 3;\n- Thường trực LĐLĐ tỉnh;\n- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "CHỦ TỊCH",
    "sections": [
        heading("BAN THƯỜNG VỤ {issuer}", PART),
        prose(
            "*Căn cứ Luật Thi đua, Khen thưởng năm 2022;*\n\n*Căn cứ Quy chế khen thưởng của tổ chức Công đoàn "
            "ban hành kèm theo Quyết định số 999/QĐ-TLĐ năm 2024 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt "
            "Nam;*\n\n*Xét đề nghị của Hội đồng Thi đua - Khen thưởng LĐLĐ tỉnh,*"
        ),
        heading("QUYẾT ĐỊNH:", PART),
        computed(BlockKey.DECISION_ARTICLES),
        prose(
            "**Điều 3.** Chánh Văn phòng, Trưởng Ban Chính sách pháp luật và Quan hệ lao động LĐLĐ tỉnh, các tập "
            "thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành./."
        ),
        appendix(BlockKey.AWARDEE_LIST, "Danh sách tập thể, cá nhân được khen thưởng"),
    ],
}

SUBMISSION = {
    "code": "submission",
    "name": "Tờ trình đề nghị cấp trên khen thưởng",
    "kind": DocumentKind.SUBMISSION,
    "subject": "Đề nghị khen thưởng năm {year}",
    "recipients": "- Như trên;\n- Lãnh đạo LĐLĐ tỉnh;\n- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "CHỦ TỊCH",
    "sections": [
        prose("Kính gửi: Tổng Liên đoàn Lao động Việt Nam."),
        prose(
            "Căn cứ Quy chế khen thưởng của tổ chức Công đoàn; căn cứ kết quả xét của Hội đồng Thi đua - Khen thưởng LĐLĐ tỉnh, Ban Thường vụ LĐLĐ tỉnh kính trình xem xét khen thưởng các tập thể, cá nhân có thành tích xuất sắc năm {year}."
        ),
        computed(BlockKey.FORWARDED),
        prose("Ban Thường vụ LĐLĐ tỉnh kính trình xem xét, quyết định./."),
        appendix(BlockKey.FORWARDED_LIST, "Danh sách tập thể, cá nhân đề nghị khen thưởng"),
    ],
}

LETTER = {
    "code": "letter",
    "name": "Công văn",
    "kind": DocumentKind.LETTER,
    "subject": "Triển khai công tác thi đua, khen thưởng năm {year}",
    "recipients": "- Như trên;\n- Lưu: VT, CSPL&QHLĐ.",
    "signing_authority": "TM. BAN THƯỜNG VỤ",
    "signer_post": "PHÓ CHỦ TỊCH",
    "sections": [
        prose(
            "Kính gửi: Liên đoàn Lao động các huyện, thành phố, Công đoàn ngành, Công đoàn Viên chức tỉnh."
        ),
        prose("Nội dung công văn."),
    ],
}

TEMPLATES = [ANNUAL, MIDYEAR_CLUSTER, PLAN, EXEMPLAR_PLAN, CAMPAIGN_PLAN, AWARD_DECISION, SUBMISSION, LETTER]
# `make_report KIND` names these templates by code.
KINDS = {t["code"]: t for t in TEMPLATES}
