"""Numbers the Vietnamese way, as the seed documents print them.

1117335103 → "1.117.335.103"; 90.6 → "90,6%". Rounding is half up (the seeds round
"đạt 120%" that way), never banker's rounding.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_number(value, decimals: int = 0) -> str:
    number = _to_decimal(value)
    if number is None:
        return "" if value is None else str(value)
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups) or "0"
    if decimals > 0:
        text = f"{text},{fraction}"
    return sign + text


def format_percent(value, decimals: int = 1) -> str:
    """90.6 → "90,6%"; a whole result drops the decimals ("120%")."""
    number = _to_decimal(value)
    if number is None:
        return ""
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return f"{format_number(rounded, 0)}%"
    return f"{format_number(rounded, decimals)}%"


def format_points(value) -> str:
    """Scores in whole or half points: 970 → "970", 12.5 → "12,5"."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return format_number(number, 0 if number == number.to_integral_value() else 1)


def document_number_text(number: int | None, kind: str, symbol: str) -> str:
    """NĐ 30/2020: "Số: 05/BC-LĐLĐ" — numbers below 10 take a leading zero; a công văn has
    no type abbreviation (400/LĐLĐ). Without a number (a draft): "   /BC-LĐLĐ"."""
    suffix = symbol if kind == "CV" else "-".join(part for part in (kind, symbol) if part)
    head = f"{number:02d}" if number else "\u00a0" * 6
    return f"{head}/{suffix}"


def document_date_text(place: str, day, *, year: int | None = None) -> str:
    """NĐ 30/2020: "Lai Châu, ngày 05 tháng 01 năm 2023" — days below 10 and the months
    January and February take a leading zero. A draft has no date yet: the day and
    month are left blank for the hand that signs ("ngày      tháng      năm 2023")."""
    if day is None:
        blank = "\u00a0" * 6
        text = f"ngày{blank}tháng{blank}năm {year or ''}".rstrip()
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _three_digits(group: int, *, full: bool) -> list[str]:
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (full or hundreds):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return words


def number_in_words(number: int) -> str:
    """Amounts in words, as decisions write prize money ("Bằng chữ: …"):
    1117335103 → "một tỷ một trăm mười bảy triệu ba trăm ba mươi lăm nghìn một trăm linh ba"."""
    number = int(number)
    if number == 0:
        return "không"
    sign = "âm " if number < 0 else ""
    number = abs(number)
    groups = []
    while number:
        groups.append(number % 1000)
        number //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        words += _three_digits(group, full=index != len(groups) - 1)
        scale = (["", "nghìn", "triệu"][index % 3] + " tỷ" * (index // 3)).strip()
        if scale:
            words.append(scale)
    return sign + " ".join(words)
