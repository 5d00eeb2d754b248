"""`make bench [BENCH=name]`: runs bench/<name>.py (all of them without a name).
Each script prints its figures as `bench: <name> <value> <unit>` lines."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name not in ("run.py", "__init__.py") and not p.name.startswith("_"))
    if argv and argv[0]:
        wanted = HERE / f"{argv[0]}.py"
        if wanted not in scripts:
            names = ", ".join(p.stem for p in scripts)
            print(f"Lỗi: không có benchmark '{argv[0]}' (có: {names})", file=sys.stderr)
            return 2
        scripts = [wanted]
    failed = 0
    for script in scripts:
        print(f"# {script.stem}", flush=True)
        failed |= subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
