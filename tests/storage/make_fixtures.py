#!/usr/bin/python3
"""Writes tests/storage/fixtures/: a database as each schema the project shipped would have left it.

For every commit that changed the schema, the SQL is read from that commit's own sources (git show),
for SQLite and for PostgreSQL, and filled with rows that today's budget-server stored (eastbrook
submissions with comments and demographic answers) plus a row in each console table, cut to the
columns that schema had. Run it from a built tree when a migration is added:
    tests/storage/make_fixtures.py build/native
The output is committed; the tests read only the output.
"""
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'tests', 'storage', 'fixtures')
# (commit, what it shipped): each schema change on main, oldest first.
SHIPPED = [
    ('fc930cc', 'submissions and demographic answers'),
    ('68fdce6', 'comments apart, a balanced flag'),
    ('2b2a581', 'answers linked to their submission'),
    ('043d950', 'officers, sessions, audit log, hidden comments'),
    ('ac33356', 'consultation dates'),
    ('8c327c6', 'officers\' API tokens'),
    ('2310bc9', 'budget drafts and versions'),
    ('ed6e376', 'voter codes'),
    ('2ecf90c', 'results thresholds'),
]

# One row for each console table (columns a table lacks are left out).
CONSOLE_ROWS = {
    'officers': [{'id': 1, 'name': 'fixture-admin', 'role': 'admin', 'password_hash': '$argon2id$v=19$m=65536,t=2,p=1$fixture',
                  'created_at': '2026-11-30T09:00:00Z', 'password_changed_at': '2026-11-30T09:00:00Z'}],
    'officer_sessions': [{'id_hash': 'aa' * 32, 'officer_id': 1, 'created_epoch': 1796029200, 'last_seen_epoch': 1796029260}],
    'audit_log': [{'id': 1, 'at': '2026-11-30T09:01:00Z', 'officer': 'fixture-admin', 'action': 'export',
                   'object': 'eastbrook-district-2026', 'detail': 'export.csv'}],
    'hidden_comments': [{'budget_id': 'eastbrook-district-2026', 'submission_id': 'SUBMISSION0', 'about': 'overall',
                         'reason': 'names a member of staff', 'officer': 'fixture-admin', 'hidden_at': '2026-11-30T09:02:00Z'}],
    'consultation_windows': [{'budget_id': 'eastbrook-district-2026', 'opens_at': 1796029200, 'closes_at': None,
                              'changed_by': 'fixture-admin', 'changed_at': '2026-11-30T09:03:00Z'}],
    'api_tokens': [{'id': 1, 'officer_id': 1, 'name': 'nightly export', 'token_hash': 'bb' * 32, 'budgets': 'eastbrook-district-2026',
                    'created_at': '2026-11-30T09:04:00Z', 'last_used_at': None, 'revoked_at': None}],
    'budget_drafts': [{'id': 1, 'budget_id': 'eastbrook-district-2026', 'source_name': 'eastbrook.xlsx', 'source_kind': 'xlsx',
                       'uploaded_by': 'fixture-admin', 'uploaded_at': '2026-11-30T09:05:00Z', 'budget_json': None,
                       'problems_json': '[]', 'ok': 0, 'published_version': None}],
    'budget_versions': [{'budget_id': 'eastbrook-district-2026', 'version': 2, 'budget_json': '{}', 'published_by': 'fixture-admin',
                         'published_at': '2026-11-30T09:06:00Z'}],
    'voter_codes': [{'consultation': 'eastbrook-district-2026', 'code_hash': 'cc' * 32, 'batch': 'library', 'created_at': '2026-12-01T09:00:00Z',
                     'used_by': None, 'used_at': None}],
    'results_thresholds': [{'budget_id': 'eastbrook-district-2026', 'responses': 25, 'changed_by': 'fixture-admin',
                            'changed_at': '2026-12-06T09:00:00Z'}],
}
ORDER = ['submissions', 'comments', 'demographic_answers', 'officers', 'officer_sessions', 'audit_log', 'hidden_comments',
         'consultation_windows', 'api_tokens', 'budget_drafts', 'budget_versions', 'voter_codes', 'results_thresholds']
BOOLEAN = {'has_comments', 'balanced'}


def git_show(commit, path):
    r = subprocess.run(['git', 'show', f'{commit}:{path}'], cwd=ROOT, capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else ''


def schema_at(commit, postgres):
    """The statements the program at `commit` ran on a new database, in order."""
    files = subprocess.run(['git', 'ls-tree', '-r', '--name-only', commit], cwd=ROOT, capture_output=True, text=True).stdout.split()
    backend = 'postgres_storage.cpp' if postgres else 'sqlite_storage.cpp'
    chosen = [f for f in files if f.endswith('/' + backend)] + [f for f in files if f.endswith('/officer_store.cpp')] + \
             [f for f in files if re.match(r'(storage|budget-server)/storage\.h$', f)]
    sql = []
    for f in chosen:
        for block in re.findall(r'R"sql\((.*?)\)sql"', git_show(commit, f), re.S):
            if 'CREATE' in block or 'ALTER' in block:
                sql.append(block.replace('{ID}', 'BIGSERIAL PRIMARY KEY' if postgres else 'INTEGER PRIMARY KEY').strip())
    return '\n'.join(sql) + '\n'


def stored_rows(build):
    """Submissions as today's budget-server stores them."""
    data = tempfile.mkdtemp(prefix='fixture-data-')
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    server = subprocess.Popen([os.path.join(build, 'budget-server', 'budget-server'), '--port', str(port), '--data', data,
                               '--budgets', os.path.join(ROOT, 'budgets')], stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f'http://127.0.0.1:{port}/api/v1/health')
                break
            except OSError:
                time.sleep(0.05)
        lines = subprocess.run([os.path.join(build, 'budget-tool', 'budget-tool'), 'sample', os.path.join(ROOT, 'budgets', 'eastbrook-district-2026.json'),
                                '--count', '8', '--seed', '2026'], capture_output=True, text=True, check=True).stdout.split('\n')
        # Comments of every kind, with quotes and Welsh letters, so the oldest schema's have some to carry over.
        extra = {1: {'overall': "It's the roads: fix them first"}, 2: {'services': {'parks': 'Cadwch y parciau ar agor, os gwelwch yn dda'}},
                 4: {'overall': 'Keep the "green" bins', 'services': {'leisure': 'Cau\'r pwll? Na!', 'parks': 'Plant more trees'}}}
        for i, line in enumerate(filter(None, lines)):
            if i in extra:
                doc = json.loads(line)
                doc['comments'] = {**doc.get('comments', {}), **extra[i]}
                line = json.dumps(doc, ensure_ascii=False)
            req = urllib.request.Request(f'http://127.0.0.1:{port}/api/v1/submissions', data=line.encode('utf-8'), headers={'Content-Type': 'application/json'})
            urllib.request.urlopen(req).read()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    db = sqlite3.connect(os.path.join(data, 'submissions.sqlite3'))
    db.row_factory = sqlite3.Row
    rows = {t: [dict(r) for r in db.execute(f'SELECT * FROM {t} ORDER BY rowid')] for t in ['submissions', 'comments', 'demographic_answers']}
    first = rows['submissions'][0]['submission_id']
    for r in CONSOLE_ROWS['hidden_comments']:
        r['submission_id'] = first
    return rows


def literal(column, value, postgres):
    if value is None:
        return 'NULL'
    if isinstance(value, bytes):
        return f"'\\x{value.hex()}'::bytea" if postgres else f"X'{value.hex()}'"
    if column in BOOLEAN:
        return ('TRUE' if value else 'FALSE') if postgres else ('1' if value else '0')
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build', 'native'))
    rows = stored_rows(build)
    rows.update(CONSOLE_ROWS)
    os.makedirs(OUT, exist_ok=True)
    for n, (commit, what) in enumerate(SHIPPED, 1):
        lite = schema_at(commit, False)
        probe = sqlite3.connect(':memory:')
        probe.executescript(lite)
        columns = {t: [c[1] for c in probe.execute(f'PRAGMA table_info({t})')] for t in ORDER}
        for postgres in (False, True):
            name = f'{n:02d}-{commit}.{"postgresql" if postgres else "sqlite"}.sql'
            out = [f'-- The database as {commit} left it ({what}), written by tests/storage/make_fixtures.py.',
                   schema_at(commit, postgres)]
            for table in ORDER:
                for r in rows.get(table, []) if columns[table] else []:
                    cols = [c for c in columns[table] if c in r]
                    out.append(f'INSERT INTO {table} ({", ".join(cols)}) VALUES ({", ".join(literal(c, r[c], postgres) for c in cols)});')
            if postgres:  # rows given their ids leave the sequences behind
                for table in ['submissions', 'officers', 'audit_log', 'api_tokens', 'budget_drafts']:
                    if columns[table]:
                        out.append(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}));")
            with open(os.path.join(OUT, name), 'w') as f:
                f.write('\n'.join(out) + '\n')
            print(name)


if __name__ == '__main__':
    main()
