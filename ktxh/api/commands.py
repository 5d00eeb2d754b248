"""`ktxh token create|list|revoke`: API tokens for machines (docs/api.md)."""

from ktxh.cli import CommandError, setup_django


def register(subparsers) -> None:
    token = subparsers.add_parser("token", help="khóa API cho máy (tạo, liệt kê, thu hồi)")
    actions = token.add_subparsers(dest="token_action", required=True, metavar="THAO_TÁC")
    create = actions.add_parser("create", help="cấp một khóa API cho một người dùng (khóa chỉ hiện một lần)")
    create.add_argument("--user", required=True, help="tên đăng nhập")
    create.add_argument("--expires", type=int, metavar="NGÀY", help="số ngày hiệu lực (mặc định: không hết hạn)")
    create.add_argument("--name", default="", help="mục đích, hệ thống dùng khóa")
    create.set_defaults(func=create_command)
    listing = actions.add_parser("list", help="liệt kê khóa API (không hiện khóa)")
    listing.add_argument("--user", help="chỉ khóa của người dùng này")
    listing.set_defaults(func=list_command)
    revoke = actions.add_parser("revoke", help="thu hồi khóa API theo tiền tố (hết hiệu lực ngay)")
    revoke.add_argument("prefix", help="tiền tố khóa, như trong 'ktxh token list'")
    revoke.set_defaults(func=revoke_command)


def _user(username: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có người dùng '{username}'.")
    return user


def create_command(args) -> int:
    setup_django()
    from ktxh.api.tokens import TokenError, token_create

    try:
        token, key = token_create(actor=None, user=_user(args.user), days=args.expires, name=args.name)
    except TokenError as error:
        raise CommandError(str(error)) from None
    until = f"đến {token.expires_at:%d/%m/%Y %H:%M}" if token.expires_at else "không hết hạn"
    print(f"Khóa API của {token.user.username} ({until}); lưu lại ngay, khóa không hiện lại:")
    print(key)
    return 0


def list_command(args) -> int:
    setup_django()
    from ktxh.api.models import ApiToken

    tokens = ApiToken.objects.select_related("user")
    if args.user:
        tokens = tokens.filter(user=_user(args.user))
    rows = list(tokens)
    if not rows:
        print("Chưa có khóa API nào.")
    for t in rows:
        used = f"dùng lần cuối {t.last_used_at:%d/%m/%Y %H:%M}" if t.last_used_at else "chưa dùng"
        until = f"hết hạn {t.expires_at:%d/%m/%Y}" if t.expires_at else "không hết hạn"
        print(f"{t.prefix}  {t.user.username:<16} {t.state_vi:<12} tạo {t.created_at:%d/%m/%Y}  {until}  {used}"
              f"{'  ' + t.name if t.name else ''}")
    return 0


def revoke_command(args) -> int:
    setup_django()
    from ktxh.api.tokens import TokenError, token_revoke

    try:
        tokens = token_revoke(actor=None, prefix=args.prefix)
    except TokenError as error:
        raise CommandError(str(error)) from None
    for t in tokens:
        print(f"Đã thu hồi khóa {t.prefix}… của {t.user.username}.")
    return 0
