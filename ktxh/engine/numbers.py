"""Vietnamese number notation: "." groups thousands, "," is the decimal mark.

Everything is exact ``Decimal``; floats never appear, so 36.595,83 stays 36595.83.
Parsing is strict on purpose: text that could be read two ways is rejected so the
caller can queue it for a human instead of silently guessing (domain.md §3).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "json_number",
    "NumberFormatError",
    "NumberOutOfBounds",
    "STORED_DECIMALS",
    "STORED_DIGITS",
    "STORED_INTEGER_DIGITS",
    "storable_number",
    "Quantity",
    "format_number",
    "format_percent",
    "parse_number",
    "parse_quantity",
]


class NumberFormatError(ValueError):
    """Text that cannot be read as a Vietnamese number; the message quotes the text."""


class NumberOutOfBounds(NumberFormatError):
    """A well-formed number the database cannot hold exactly (see ``storable_number``)."""


_MINUS = {"\u2212": "-"}  # unicode minus sign, common in word-processed tables
# Either dot-grouped thousands (groups of exactly 3) or bare digits; optional ",decimals".
# ASCII digits only: \d would also take Arabic-Indic, fullwidth or Devanagari digits.
_NUMBER_RE = re.compile(r"^([+-]?)([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?$", re.ASCII)
# Longest text parse_number reads; 15 digits plus separators and 6 decimals fit well within it.
_MAX_TEXT = 64

# Every stored value, target, capital amount and accepted fact (numeric(21,6) columns):
# 6 decimals, 15 integer digits. SQLite keeps a decimal as an 8-byte float, exact to 15
# significant digits only, so the same 15-digit bound holds on both databases: a value
# that passes reads back exactly as written, on SQLite and on PostgreSQL.
STORED_DECIMALS = 6
STORED_INTEGER_DIGITS = 15
STORED_DIGITS = 15
_LARGEST = "999.999.999.999.999"


def storable_number(value) -> Decimal:
    """The one gate every write of a number passes: return ``value`` as a Decimal, or
    raise NumberOutOfBounds saying which limit it breaks. More decimals are refused,
    never rounded. Pure: the write services call it before they touch the database."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise NumberOutOfBounds(f"Giá trị {value!r} không phải là số")
    d = Decimal(value)
    if not d.is_finite():
        raise NumberOutOfBounds("Giá trị phải là một số hữu hạn (không nhận vô cùng hoặc NaN)")
    if d.is_zero():
        return d
    n = d.normalize()  # 1.500 -> 1.5, 1E+16 -> 1E+16: counts the digits actually written
    _, digits, exponent = n.as_tuple()
    shown = format_number(d) if n.adjusted() < 40 and exponent > -40 else str(d)
    if exponent < -STORED_DECIMALS:
        raise NumberOutOfBounds(
            f"Giá trị {shown} có {-exponent} chữ số sau dấu phẩy; hệ thống lưu tối đa {STORED_DECIMALS} "
            "chữ số sau dấu phẩy (không tự làm tròn, hãy làm tròn trước khi nhập)")
    if n.adjusted() + 1 > STORED_INTEGER_DIGITS:
        raise NumberOutOfBounds(
            f"Giá trị {shown} quá lớn: tối đa {STORED_INTEGER_DIGITS} chữ số phần nguyên "
            f"(lớn nhất {_LARGEST})")
    significant = n.adjusted() - min(exponent, 0) + 1 if n.adjusted() >= 0 else len(digits)
    if significant > STORED_DIGITS:
        raise NumberOutOfBounds(
            f"Giá trị {shown} có {significant} chữ số; hệ thống lưu chính xác tối đa {STORED_DIGITS} chữ số "
            "(phần nguyên và phần thập phân cộng lại)")
    return d


def _bad(text: str, why: str = "") -> NumberFormatError:
    msg = f"Không đọc được số từ {text!r}"
    return NumberFormatError(f"{msg}: {why}" if why else msg)


def parse_number(text: str) -> Decimal:
    """Read "36.595,83" -> Decimal("36595.83"); raise NumberFormatError otherwise.

    "1.234" is 1234 (the Vietnamese reading); "36595.83" is rejected because a dot
    followed by other than three digits is not Vietnamese notation.
    """
    if not isinstance(text, str):
        raise _bad(str(text), "không phải chuỗi ký tự")
    s = text.strip()
    if len(s) > _MAX_TEXT:
        raise _bad(text[:_MAX_TEXT] + "…", f"dài quá {_MAX_TEXT} ký tự")
    for k, v in _MINUS.items():
        s = s.replace(k, v)
    m = _NUMBER_RE.match(s)
    if not m:
        raise _bad(text, "dấu chấm phân cách hàng nghìn, dấu phẩy là dấu thập phân")
    sign, whole, frac = m.groups()
    digits = whole.replace(".", "") + ("." + frac if frac else "")
    return Decimal(("-" if sign == "-" else "") + digits)


def _group(int_digits: str) -> str:
    parts = []
    while len(int_digits) > 3:
        parts.append(int_digits[-3:])
        int_digits = int_digits[:-3]
    parts.append(int_digits)
    return ".".join(reversed(parts))


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """Decimal("36595.83") -> "36.595,83"; None -> "".

    ``decimals`` rounds half-up and keeps zeros ("100,00"); ``None`` shows the
    value's own digits with trailing fractional zeros dropped. Never scientific.
    """
    if value is None:
        return ""
    d = value if isinstance(value, Decimal) else Decimal(value)
    if not d.is_finite():
        raise ValueError(f"Không hiển thị được giá trị {value!r}")
    with localcontext() as ctx:
        ctx.prec = max(50, len(d.as_tuple().digits) + 30)
        if decimals is not None:
            d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        s = format(d, "f")
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    if decimals is None:
        frac = frac.rstrip("0")
    elif decimals <= 0:
        frac = ""
    out = _group(whole) + ("," + frac if frac else "")
    if neg and any(c not in "0.," for c in out):  # no "-0"
        out = "-" + out
    return out


_JSON_PLACES = Decimal("0.000001")


def json_number(value: Decimal | int | None) -> str | None:
    """A number for JSON output: a plain decimal string ("36595.83"), never a float;
    computed ratios with more than 6 decimals are rounded half-up to 6."""
    if value is None:
        return None
    value = Decimal(value)
    if value.as_tuple().exponent < -6:
        value = value.quantize(_JSON_PLACES, rounding=ROUND_HALF_UP)
    if value == 0:  # "-0" (a gap of nothing, or a tiny negative rounded away) is "0"
        return "0"
    return format(value.normalize(), "f")


def format_percent(value: Decimal | int | None, decimals: int = 2) -> str:
    """Decimal("100.427") -> "100,43%"; None -> ""."""
    if value is None:
        return ""
    return format_number(value, decimals) + "%"


# --------------------------------------------------------------------- quantities

COMPARATORS = ("=", ">=", "<=", ">", "<", "~", "range", "maintain")


@dataclass(frozen=True)
class Quantity:
    """A number as written in a target or result, with its operator and unit.

    ``scale`` is a bare scale word ("37.380 nghìn lượt" -> 1000); money units such
    as "tỷ đồng" are units, not scales, so "6.698 tỷ đồng" keeps value 6698.
    """

    value: Decimal | None  # single value; None for a range
    low: Decimal | None  # range bounds only
    high: Decimal | None
    comparator: str
    unit: str | None
    scale: Decimal
    raw: str


# Prefix phrases, longest first; None means "neutral wording, keep looking".
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("không vượt quá", "<="),
    ("không quá", "<="),
    ("tối đa", "<="),
    ("xuống dưới", "<"),
    ("còn dưới", "<"),
    ("giảm xuống dưới", "<"),
    ("dưới", "<"),
    ("ít nhất", ">="),
    ("tối thiểu", ">="),
    ("nhiều hơn", ">"),
    ("cao hơn", ">"),
    ("hơn", ">"),
    ("trên", ">"),  # strict: "trên 93%" is not met at 93% (docs/evaluation.md §1)
    ("xấp xỉ", "~"),
    ("khoảng", "~"),
    ("duy trì", "maintain"),
    ("phấn đấu", None),
    ("ước đạt", None),
    ("ước", None),
    ("dự kiến", None),
    ("đạt", "="),
    ("bằng", "="),
    ("từ", ">="),  # "từ 15 trở lên"; "từ 300 đến 500" becomes a range below
    (">=", ">="),
    ("≥", ">="),
    ("<=", "<="),
    ("≤", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
    ("~", "~"),
    ("≈", "~"),
)
_STRENGTH = {None: 0, "=": 1, "~": 2}  # anything else (inequalities, maintain) is 3

_NUM = r"[+\-\u2212]?\d[\d.,]*"
_RANGE_RE = re.compile(rf"^({_NUM})\s*(?:-|–|—|đến|tới)\s*({_NUM})(.*)$", re.S)
_SINGLE_RE = re.compile(rf"^({_NUM})(.*)$", re.S)
_SCALES = {
    "nghìn": Decimal(10) ** 3,
    "ngàn": Decimal(10) ** 3,
    "vạn": Decimal(10) ** 4,
    "triệu": Decimal(10) ** 6,
    "tỷ": Decimal(10) ** 9,
}
_CURRENCY = {"đồng": "đồng", "đ": "đồng", "usd": "usd", "vnđ": "đồng", "vnd": "đồng"}


def _num(token: str, raw: str) -> Decimal:
    token = token.rstrip(".,")  # sentence punctuation after the number
    try:
        return parse_number(token)
    except NumberFormatError:
        raise _bad(raw, f"số {token!r} không đúng cách viết") from None


def _unit_and_scale(rest: str) -> tuple[str | None, Decimal, str | None]:
    """Split the text after the number into (unit, scale, trailing comparator)."""
    rest = re.split(r"[(;,]", rest, maxsplit=1)[0]
    rest = " ".join(rest.split()).strip(" .:")
    op = None
    for suffix, sop in (("trở lên", ">="), ("trở xuống", "<=")):
        if rest.endswith(suffix):
            rest, op = rest[: -len(suffix)].strip(), sop
    scale = Decimal(1)
    words = rest.split(" ", 1)
    word = words[0].replace("tỉ", "tỷ")
    if word in _SCALES:
        tail = words[1] if len(words) > 1 else ""
        cur = tail.split(" ", 1)[0]
        if cur in _CURRENCY:  # money unit: "tỷ đồng", "triệu USD"
            rest = f"{word} {_CURRENCY[cur]}" + tail[len(cur) :]
        else:
            scale, rest = _SCALES[word], tail
    return (rest or None), scale, op


def parse_quantity(text: str) -> Quantity:
    """Read a target or result such as "trên 60 người", "300 - 500 ha", "2,14%o".

    Raises NumberFormatError when no number can be read or when the words before
    the number are not a known operator (e.g. "không còn xã dưới 15 tiêu chí").
    """
    if not isinstance(text, str):
        raise _bad(str(text), "không phải chuỗi ký tự")
    s = unicodedata.normalize("NFC", text).strip().lower()
    s = re.sub(r"%\s*o(?![^\W\d_])", "‰", s)  # "%o" typed for per mille
    s = s.replace("\u2212", "-")
    ops: list[str | None] = []
    while s and not re.match(r"[+\-]?\d", s):
        for phrase, op in _PREFIXES:
            after = s[len(phrase) : len(phrase) + 1]
            if s.startswith(phrase) and not (phrase[-1].isalpha() and after.isalpha()):
                ops.append(op)
                s = s[len(phrase) :].lstrip()
                break
        else:
            raise _bad(text, "không tìm thấy số hoặc cách viết không được hỗ trợ")
    if not s:
        raise _bad(text, "không có số")
    m = _RANGE_RE.match(s)
    if m:
        low, high = _num(m.group(1), text), _num(m.group(2), text)
        unit, scale, _ = _unit_and_scale(m.group(3))
        if low > high:
            raise _bad(text, "cận dưới lớn hơn cận trên")
        return Quantity(None, low, high, "range", unit, scale, text)
    m = _SINGLE_RE.match(s)
    assert m  # the loop above stops only in front of a digit
    value = _num(m.group(1), text)
    unit, scale, suffix_op = _unit_and_scale(m.group(2))
    if suffix_op:
        ops.append(suffix_op)
    comparator = "="
    for op in ops:  # the most specific wording wins: "đạt trên 60" is >=
        if op is not None and _STRENGTH.get(op, 3) >= _STRENGTH.get(comparator, 3):
            comparator = op
    return Quantity(value, None, None, comparator, unit, scale, text)
