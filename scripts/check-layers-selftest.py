#!/usr/bin/env python3
"""check-layers-selftest: proves scripts/check-layers.py catches what it is for.

Copies src/ and the check to a temporary folder, then:
  1. the unplanted copy's include part passes (today's tree has no upward include);
  2. an upward include planted in svc/ (svc -> api) is reported at its file:line;
  3. an SQL string planted in svc/ is reported at its file:line, and the count of SQL
     literals goes up by exactly one (nothing else changes).
Exit 0 only when all three hold. Prints one line per case.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PLANT_FILE = "src/svc/svc.c"


def run_check(root, part):
    p = subprocess.run([sys.executable, os.path.join(root, "scripts", "check-layers.py"), "--root", root, "--part", part],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def sql_count(out):
    m = re.search(r"sql: (\d+) SQL string literal", out)
    return int(m.group(1)) if m else -1


def plant(root, text):
    path = os.path.join(root, PLANT_FILE)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines.append(text)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return f"{PLANT_FILE}:{len(lines)}:"


def main():
    failures = 0

    def report(ok, what):
        nonlocal failures
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {what}")

    with tempfile.TemporaryDirectory(prefix="check-layers-") as tmp:
        shutil.copytree(os.path.join(ROOT, "src"), os.path.join(tmp, "src"))
        os.mkdir(os.path.join(tmp, "scripts"))
        shutil.copy(os.path.join(HERE, "check-layers.py"), os.path.join(tmp, "scripts"))

        rc, out = run_check(tmp, "includes")
        report(rc == 0, "unplanted copy: the include part passes")
        if rc:
            print(out)
        rc, out = run_check(tmp, "sql")
        before = sql_count(out)

        where = plant(tmp, '#include "api/api.h"')
        rc, out = run_check(tmp, "includes")
        report(rc == 1 and where in out, f"planted upward include caught at {where}")

        # undo the include, then plant SQL alone
        shutil.copy(os.path.join(ROOT, PLANT_FILE), os.path.join(tmp, PLANT_FILE))
        where = plant(tmp, 'static const char *planted_sql = "UPDATE finding SET state = \'closed\' WHERE id = $1";')
        rc, out = run_check(tmp, "sql")
        report(rc == 1 and where in out and sql_count(out) == before + 1,
               f"planted SQL string caught at {where} ({before} -> {sql_count(out)} literals)")
    print(f"check-layers-selftest: {3 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
