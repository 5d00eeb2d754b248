"""What a file load reports: its problems (row, column, reason) or its counts.
Shared by the loader and the catalog-file reader."""

from dataclasses import dataclass, field


@dataclass
class Problem:
    row: int | str
    column: str
    reason: str

    def __str__(self) -> str:
        return f"dòng {self.row}, cột {self.column}: {self.reason}"


class LoadError(Exception):
    def __init__(self, source: str, problems: list[Problem]):
        self.source, self.problems = source, problems
        super().__init__(f"{source}: {len(problems)} lỗi, không ghi gì vào cơ sở dữ liệu")


@dataclass
class LoadResult:
    source: str
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"{self.source}: {parts or 'không có dòng nào'}"
