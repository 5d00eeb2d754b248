from dataclasses import dataclass, field

from django.urls import reverse

from ktxh.accounts import access

# The header menu, grouped by what the pages are about, so that the user with the most
# entries (a provincial planner, ten) still fits one line at 1280 px. Each item:
# (menu section from access.menu_sections, label, url name, other paths of its pages).
MENU_GROUPS = [
    ("Số liệu", [
        ("evaluation", "Đánh giá chỉ tiêu", "evaluation", ("/chi-tieu/", "/so-sanh-xa/", "/tien-do/")),
        ("quality", "Chất lượng số liệu", "quality", ()),
        ("entry", "Nhập liệu, duyệt số liệu", "entry_home", ()),
    ]),
    ("Báo cáo", [
        ("reports", "Báo cáo", "reports", ()),
        ("import", "Nhập báo cáo", "import_upload", ("/nhap-bao-cao/",)),
    ]),
    ("Chương trình", [
        ("programmes", "Nông thôn mới", "ntm", ()),
        ("programmes", "Vốn MTQG", "capital", ()),
        ("programmes", "Nhiệm vụ", "tasks", ()),
        ("poverty", "Hộ nghèo", "poverty", ()),
    ]),
    ("Quản trị", [
        ("units_load", "Nạp đơn vị hành chính", "units_load", ()),
        ("staff", "Danh mục", "admin:index", ()),
    ]),
]


@dataclass
class MenuItem:
    label: str
    url: str
    current: bool


@dataclass
class MenuGroup:
    label: str
    items: list[MenuItem] = field(default_factory=list)

    @property
    def lone(self) -> bool:
        """One item named as its group ("Báo cáo"): a plain link, not a list of one."""
        return len(self.items) == 1 and self.items[0].label == self.label

    @property
    def current(self) -> bool:
        return any(item.current for item in self.items)


def menu_groups(sections: set[str], path: str) -> list[MenuGroup]:
    """The groups with at least one item the user is offered; the item (and so the group)
    of the page at `path` is marked current."""
    groups = []
    for label, items in MENU_GROUPS:
        group = MenuGroup(label)
        for section, item_label, url_name, paths in items:
            if section not in sections:
                continue
            url = reverse(url_name)
            group.items.append(MenuItem(item_label, url, any(path.startswith(p) for p in (url, *paths))))
        if group.items:
            groups.append(group)
    return groups


def menu(request):
    """The menu items of the user's roles (accounts.access decides which), grouped."""
    user = getattr(request, "user", None)
    sections = access.menu_sections(user) if user is not None else set()
    offered = sections | ({"staff"} if getattr(user, "is_staff", False) else set())
    return {"menu": sections, "menu_groups": menu_groups(offered, request.path) if offered else []}
