"""Data-quality rules declared as data, checked in exact Decimal arithmetic.

A rule is ``left OP right`` where each side is a small arithmetic expression over
indicator values (docs/dashboards.md §Rules). Expression syntax:

    [02.01]                value of indicator 02.01 in the unit and period checked
    $                      the indicator the rule is applied to (rules over many indicators)
    prev[02.01], prev[$]   the value of the previous period (month, quarter, year ...)
    plan[02.01], plan[$]   the target of the period (its plan value)
    children[02.01]        sum over the unit's direct children (engine.aggregate SUM)
    units(commune)         how many child units of that kind exist (commune, town, ward, any)
    36.440   0,5           numbers in Vietnamese notation
    + - * / ( )

Operators: ``=`` (|l - r| <= tolerance), ``<=``, ``>=``, ``<``, ``>``, ``between``
(right is "low .. high") and ``jump`` (fires when l/r or r/l reaches ``factor``).

Nothing here touches a database: the caller passes a ``resolve`` function that
answers one reference at a time. A missing value makes the side unknown and the
rule is not judged (a missing figure is a completeness problem, not a wrong one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from .evaluate import PRECISION
from .numbers import NumberFormatError, parse_number

__all__ = [
    "jump_ratio",
    "OPERATORS",
    "Finding",
    "Ref",
    "RuleError",
    "RuleSpec",
    "check_rule",
    "check_stated_percent",
    "expression_refs",
    "parse_expression",
    "stated_percent_of_plan",
]

OPERATORS = ("=", "<=", ">=", "<", ">", "between", "jump")
REF_FUNCS = ("value", "prev", "plan", "children")
UNIT_KINDS = ("commune", "town", "ward", "any")


class RuleError(ValueError):
    """A rule that cannot be read; the message is Vietnamese and names the problem."""


@dataclass(frozen=True)
class Ref:
    """One reference to stored data: func in REF_FUNCS (or "units"), an indicator code
    ("$" = the indicator the rule is applied to) or, for "units", a unit kind."""

    func: str
    code: str

    def bind(self, indicator: str | None) -> Ref:
        if self.code == "$":
            if indicator is None:
                raise RuleError("Quy tắc dùng '$' nhưng không áp dụng cho chỉ tiêu nào")
            return Ref(self.func, indicator)
        return self


# An expression tree: Decimal | Ref | (op, left, right) with op in "+-*/".
Expr = object

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:prev|plan|children)?\[\s*(?:\$|[^\]\s]+)\s*\])"
    r"|(?P<units>units\(\s*[a-z]+\s*\))|(?P<dollar>\$)"
    r"|(?P<num>\d[\d.]*(?:,\d+)?)|(?P<op>[-+*/()]))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RuleError(f"Biểu thức '{text}': không hiểu ký tự ở vị trí {pos + 1} ('{text[pos:pos + 10]}')")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip()))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def parse_expression(text: str) -> Expr:
    """Parse an expression (see the module doc); raise RuleError with the reason."""
    tokens = _tokens(text or "")
    if not tokens:
        raise RuleError("Biểu thức trống")
    pos = 0

    def peek() -> tuple[str, str] | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def factor() -> Expr:
        tok = peek()
        if tok is None:
            raise RuleError(f"Biểu thức '{text}' kết thúc giữa chừng")
        kind, val = take()
        if kind == "num":
            try:
                return parse_number(val)
            except NumberFormatError as exc:
                raise RuleError(f"Biểu thức '{text}': số '{val}' không đúng cách viết Việt Nam") from exc
        if kind == "dollar":
            return Ref("value", "$")
        if kind == "ref":
            func, _, code = val.partition("[")
            return Ref(func or "value", code.rstrip("]").strip())
        if kind == "units":
            unit_kind = val[len("units("):-1].strip()
            if unit_kind not in UNIT_KINDS:
                raise RuleError(f"units({unit_kind}): loại đơn vị phải là một trong {', '.join(UNIT_KINDS)}")
            return Ref("units", unit_kind)
        if val == "(":
            inner = expr()
            if peek() != ("op", ")"):
                raise RuleError(f"Biểu thức '{text}': thiếu dấu ')'")
            take()
            return inner
        if val == "-":
            return ("-", Decimal(0), factor())
        raise RuleError(f"Biểu thức '{text}': không chờ '{val}' ở đây")

    def term() -> Expr:
        node = factor()
        while peek() in (("op", "*"), ("op", "/")):
            node = (take()[1], node, factor())
        return node

    def expr() -> Expr:
        node = term()
        while peek() in (("op", "+"), ("op", "-")):
            node = (take()[1], node, term())
        return node

    tree = expr()
    if pos != len(tokens):
        raise RuleError(f"Biểu thức '{text}': thừa '{tokens[pos][1]}'")
    return tree


def expression_refs(tree: Expr) -> list[Ref]:
    if isinstance(tree, Ref):
        return [tree]
    if isinstance(tree, tuple):
        return expression_refs(tree[1]) + expression_refs(tree[2])
    return []


Resolver = Callable[[Ref], Decimal | None]


def _value(tree: Expr, resolve: Resolver, indicator: str | None) -> Decimal | None:
    if isinstance(tree, Decimal):
        return tree
    if isinstance(tree, Ref):
        return resolve(tree.bind(indicator))
    op, left, right = tree  # type: ignore[misc]
    a, b = _value(left, resolve, indicator), _value(right, resolve, indicator)
    if a is None or b is None:
        return None
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b if b != 0 else None


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    left: str
    op: str
    right: str
    tolerance: Decimal = Decimal(0)
    factor: Decimal = Decimal(1000)
    _parsed: tuple = field(default=(), compare=False, repr=False)

    def parsed(self) -> tuple[Expr, Expr | tuple[Expr, Expr]]:
        """(left tree, right tree or (low, high) for between); raises RuleError."""
        if self._parsed:
            return self._parsed  # type: ignore[return-value]
        if self.op not in OPERATORS:
            raise RuleError(f"Phép so sánh '{self.op}' không hợp lệ (chỉ có {', '.join(OPERATORS)})")
        if self.tolerance < 0:
            raise RuleError("Dung sai phải không âm")
        if self.op == "jump" and self.factor <= 1:
            raise RuleError("Hệ số đột biến phải lớn hơn 1")
        left = parse_expression(self.left)
        if self.op == "between":
            low, sep, high = self.right.partition("..")
            if not sep:
                raise RuleError("Phép 'between' cần vế phải dạng 'thấp .. cao', ví dụ '0 .. 100'")
            right: Expr | tuple[Expr, Expr] = (parse_expression(low), parse_expression(high))
        else:
            right = parse_expression(self.right)
        object.__setattr__(self, "_parsed", (left, right))
        return left, right


@dataclass(frozen=True)
class Finding:
    """A rule that fired: the two sides as computed, and why it is a problem."""

    rule: str
    indicator: str | None
    left: Decimal
    right: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None


def check_rule(rule: RuleSpec, resolve: Resolver, indicator: str | None = None) -> Finding | None:
    """Judge ``rule`` (bound to ``indicator`` when it uses $); None when it holds or
    when a value it needs is missing."""
    left_tree, right_tree = rule.parsed()
    with localcontext() as ctx:
        ctx.prec = PRECISION
        left = _value(left_tree, resolve, indicator)
        if left is None:
            return None
        if rule.op == "between":
            low_tree, high_tree = right_tree  # type: ignore[misc]
            low, high = _value(low_tree, resolve, indicator), _value(high_tree, resolve, indicator)
            if low is None or high is None:
                return None
            if low - rule.tolerance <= left <= high + rule.tolerance:
                return None
            return Finding(rule.code, indicator, left, None, low, high)
        right = _value(right_tree, resolve, indicator)
        if right is None:
            return None
        if _holds(rule, left, right):
            return None
        return Finding(rule.code, indicator, left, right)


def _holds(rule: RuleSpec, left: Decimal, right: Decimal) -> bool:
    tol, op = rule.tolerance, rule.op
    if op == "=":
        return abs(left - right) <= tol
    if op == "<=":
        return left <= right + tol
    if op == ">=":
        return left >= right - tol
    if op == "<":
        return left < right + tol
    if op == ">":
        return left > right - tol
    ratio = jump_ratio(left, right)
    return ratio is None or 1 / rule.factor < ratio < rule.factor


def jump_ratio(value: Decimal, earlier: Decimal | None) -> Decimal | None:
    """How many times `earlier` the value is; None where a ratio says nothing about a
    magnitude slip (a zero, or a change of sign: other rules judge those)."""
    if earlier is None or value == 0 or earlier == 0 or (value > 0) != (earlier > 0):
        return None
    return abs(value / earlier)


# ------------------------------------------------------- stated vs computed figures

_STATED = re.compile(
    r"(?:đạt|bằng)\s+(\d[\d.]*(?:,\d+)?)\s*%\s*(?:so\s+với\s+)?(?:kế\s*hoạch|KH)",
    re.IGNORECASE,
)


def stated_percent_of_plan(text: str) -> tuple[Decimal, int] | None:
    """The first "đạt/bằng X% kế hoạch" in ``text``: (X, digits after the comma)."""
    m = _STATED.search(text or "")
    if not m:
        return None
    raw = m.group(1)
    try:
        value = parse_number(raw)
    except NumberFormatError:
        return None
    return value, len(raw.partition(",")[2])


def check_stated_percent(stated: Decimal, decimals: int, computed: Decimal | None) -> bool:
    """True when a printed percentage with ``decimals`` digits is the computed one
    rounded half-up (a printed "100,43" covers 100,425 ≤ x < 100,435)."""
    if computed is None:
        return True
    half = Decimal(5).scaleb(-(decimals + 1))
    return stated - half <= computed < stated + half
