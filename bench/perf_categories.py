#!/usr/bin/env python3
"""perf_categories: the samples of `perf script -F comm,tid,ip,sym` (with call graphs) sorted into
the costs issue 16 names: JSON out, the JSON tree, SQLite prepare/re-prepare/step/cells, the session
check, sockets, the access log. Each sample counts once, for the first category its stack matches.
Usage: perf script -i perf.data -F comm,tid,ip,sym | bench/perf_categories.py -"""
import sys, collections
samples = []
cur = None
for line in (sys.stdin if sys.argv[1:] in ([], ["-"]) else open(sys.argv[1])):
    if not line.startswith('\t') and line.strip():
        cur = []; samples.append(cur)
    elif line.strip() and cur is not None:
        parts = line.split(None, 1)
        cur.append(parts[1].strip() if len(parts) > 1 else '?')
def cat(st):
    s = set(st)
    leaf = st[0] if st else '?'
    top = None
    if 'json_dumps' in s: top = 'JSON: json_dumps (text out)'
    elif 'json_delete' in s: top = 'JSON: json_delete (free the tree)'
    elif 'school_to_json' in s or 'api_list' in s: top = 'JSON: building the tree (school_to_json)'
    elif 'auth_svc_session' in s: top = 'session check (auth_svc_session)'
    elif 'sqlite3Reprepare' in s: top = 'SQLite: re-prepare on bind (sqlite3Reprepare)'
    elif 'sqlite3_prepare_v2' in s or 'sqlite3_prepare_v3' in s or 'sqlite3LockAndPrepare' in s: top = 'SQLite: prepare'
    elif 'sqlite3_column_text' in s or 'db_cell' in s: top = 'SQLite: reading cells as text (sqlite3_column_text)'
    elif 'sqlite3_step' in s: top = 'SQLite: executing (sqlite3_step)'
    elif 'sqlite_query' in s: top = 'SQLite: other in sqlite_query (bind, copy rows, finalize)'
    elif 'arena_free' in s: top = 'arena_free (end of request)'
    elif any(x.startswith('log_') for x in s) or 'on_completed' in s: top = 'on_completed / access log'
    elif 'dispatch_api' in s or 'dispatch_compute' in s: top = 'dispatch: other'
    elif any('sendmsg' in x or 'tcp_' in x or 'recv' in x or 'epoll' in x for x in s): top = 'HTTP: socket I/O (kernel)'
    else: top = 'libmicrohttpd and other'
    return top
c = collections.Counter(cat(st) for st in samples)
mal = sum(1 for st in samples if st and st[0] in ('malloc','_int_malloc','_int_free','malloc_consolidate','cfree@GLIBC_2.2.5','unlink_chunk.constprop.0','free','__libc_free','__GI___libc_free','tcache_get'))
n = len(samples)
for k, v in c.most_common(): print(f'{100*v/n:6.1f}%  {k}')
print(f'{100*mal/n:6.1f}%  (across all: samples whose leaf is malloc/free internals)')
print(n, 'samples')
