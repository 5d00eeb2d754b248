"""`ktxh demo`: load the demo district and create one user per persona."""

from ktxh.cli import CommandError, setup_django


def register(subparsers) -> None:
    demo = subparsers.add_parser("demo", help="nạp dữ liệu mẫu (Phong Thổ, Mường Tè) và tài khoản mẫu")
    demo.set_defaults(func=demo_command)


def demo_command(args) -> int:
    setup_django()
    from ktxh.demo.load import DEMO_PASSWORD, DEMO_USERS, demo_load
    from ktxh.imports.loader import LoadError

    try:
        for result in demo_load():
            print(result)
    except LoadError as error:
        raise CommandError("\n".join([str(error)] + [f"  - {p}" for p in error.problems])) from None
    print(f"Tài khoản mẫu (chỉ dùng thử): {', '.join(DEMO_USERS)} — mật khẩu: {DEMO_PASSWORD}")
    return 0
