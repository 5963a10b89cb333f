#!/usr/bin/env python3
"""check-layers: the layer rules of src/, checked on the text of every .c and .h file.

Usage: scripts/check-layers.py [--root DIR] [--part includes|sql|all]
Exit status 0 when the tree keeps the rules, 1 (after listing every file:line) when not.

1. Includes point down only. A file's layer is its first folder under src/ (src/main.c is
   "main"); `#include "X/..."` names the layer X. The table of what each layer may include:

   layer   may include                                  why
   main    main cli                                     the program's entry calls the CLI
   cli     cli http api svc docs core store util        the top: commands wire everything
   http    http api svc util                            the server shell: it owns the route
                                                        table's dispatch into api/ and the
                                                        session check in svc/platform/auth_svc
   api     api svc docs core store util                 decode, validate, call svc, encode
   svc     svc docs core store util                     use cases
   docs    docs core util                               PDF/XLSX/CSV over pure data
   core    core util                                    pure domain logic: no I/O, no SQL
   store   store util core(.h only)                     SQL; core only for pure types such as
                                                        core/roles.h (a row holds a role)
   util    util                                         the bottom

   Going down more than one step (api -> store for the session type) is allowed; going up or
   sideways into a layer not in the row is not. System headers (<...>) are not checked.

2. SQL lives in src/store only. A C string literal outside src/store whose text (adjacent
   literals joined, comments ignored) is SQL -- it starts with SELECT/INSERT/UPDATE/DELETE/
   WITH, or holds INSERT INTO, DELETE FROM, UPDATE <table> SET or SELECT ... FROM -- is
   reported at the line where the literal starts; so is a fragment a query is assembled from
   (FROM <table>, WHERE, JOIN <table>, ORDER BY, GROUP BY, CASE WHEN, LIMIT n, AND/OR
   <column> <operator>, = $n). Keywords are matched in capitals, the way
   this code base writes SQL, so prose such as "update the plan" is not SQL.
"""
import argparse
import os
import re
import sys

ALLOWED = {
    "main": {"main", "cli"},
    "cli": {"cli", "http", "api", "svc", "docs", "core", "store", "util"},
    "http": {"http", "api", "svc", "util"},
    "api": {"api", "svc", "docs", "core", "store", "util"},
    "svc": {"svc", "docs", "core", "store", "util"},
    "docs": {"docs", "core", "util"},
    "core": {"core", "util"},
    "store": {"store", "util", "core"},
    "util": {"util"},
}
# store may see core's pure types (headers) only, never its code
HEADER_ONLY = {("store", "core")}

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SQL_START_RE = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s")
SQL_ANY_RE = re.compile(
    r"\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+[a-z_][a-z_0-9.]*\s+SET\b|\bSELECT\b.*\bFROM\b", re.S)
# the pieces a query is assembled from (a WHERE clause added to a builder, an ORDER BY)
SQL_FRAGMENT_RE = re.compile(
    r"\bFROM\s+[a-z_]+|\bWHERE\s|\bORDER BY\s|\bGROUP BY\s|\bJOIN\s+[a-z_]+|\bCASE WHEN\b|\bLIMIT\s+(\d|\$)"
    r"|\b(AND|OR)\s+[a-z_][a-z_0-9.]*\s*(=|<|>|IS\b|IN\b|LIKE\b|NOT\b)|[=<>]\s*\$\d")


def layer_of(rel):
    """rel is a path under src/, e.g. 'svc/findings/finding_svc.c'."""
    parts = rel.split("/")
    return "main" if len(parts) == 1 else parts[0]


def source_files(src):
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".c", ".h")):
                path = os.path.join(dirpath, name)
                yield path, os.path.relpath(path, src).replace(os.sep, "/")


def check_includes(src):
    problems = []
    for path, rel in source_files(src):
        mine = layer_of(rel)
        allowed = ALLOWED.get(mine)
        if allowed is None:
            problems.append(f"src/{rel}:1: folder '{mine}' is not in the layer table of scripts/check-layers.py")
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for no, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                target = m.group(1)
                if "/" not in target:
                    continue  # a file next to this one (generated code, same folder)
                theirs = target.split("/")[0]
                if theirs not in ALLOWED:
                    continue  # not a src/ layer (e.g. build/gen)
                if theirs not in allowed:
                    problems.append(f"src/{rel}:{no}: {mine}/ includes {target} ({theirs}/ is not below {mine}/)")
                elif (mine, theirs) in HEADER_ONLY and not target.endswith(".h"):
                    problems.append(f"src/{rel}:{no}: {mine}/ includes {target} (only {theirs}/ headers)")
    return problems


def string_literals(text):
    """Yields (line, text) per run of adjacent string literals, comments and chars skipped."""
    i, n, line = 0, len(text), 1
    run, run_line, last_end = None, 0, 0
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            continue
        if c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == '"':
            j, buf = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(" " if text[j + 1] == "n" else text[j + 1])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            between = text[last_end:i]
            if run is not None and between.strip() == "":
                run += "".join(buf)
            else:
                if run is not None:
                    yield run_line, run
                run, run_line = "".join(buf), line
            line += text.count("\n", i, j)
            i = last_end = j + 1
            continue
        if not c.isspace() and run is not None:
            yield run_line, run
            run = None
        i += 1
    if run is not None:
        yield run_line, run


def is_sql(s):
    return bool(SQL_START_RE.match(s) or SQL_ANY_RE.search(s) or SQL_FRAGMENT_RE.search(s))


def check_sql(src):
    problems = []
    for path, rel in source_files(src):
        if layer_of(rel) == "store":
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for no, lit in string_literals(text):
            if is_sql(lit):
                shown = " ".join(lit.split())
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                problems.append(f"src/{rel}:{no}: SQL outside src/store: \"{shown}\"")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--part", choices=["includes", "sql", "all"], default="all")
    args = ap.parse_args()
    src = os.path.join(args.root, "src")
    if not os.path.isdir(src):
        print(f"check-layers: no src/ under {args.root}", file=sys.stderr)
        return 2
    inc = check_includes(src) if args.part in ("includes", "all") else []
    sql = check_sql(src) if args.part in ("sql", "all") else []
    for p in inc + sql:
        print(p)
    if args.part in ("includes", "all"):
        print(f"check-layers: includes: {len(inc)} upward include(s)")
    if args.part in ("sql", "all"):
        per_file = {}
        for p in sql:
            per_file[p.split(":")[0]] = per_file.get(p.split(":")[0], 0) + 1
        for name in sorted(per_file):
            print(f"check-layers: sql: {per_file[name]:3d} {name}")
        print(f"check-layers: sql: {len(sql)} SQL string literal(s) outside src/store")
    return 1 if inc or sql else 0


if __name__ == "__main__":
    sys.exit(main())
