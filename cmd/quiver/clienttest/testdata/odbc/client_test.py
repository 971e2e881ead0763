"""Drive Quiver (or PostgreSQL) through psqlODBC (via pyodbc and unixODBC)
and print a transcript of what the driver returned, one line per fact, for
the Go test to compare with testdata/odbc/expected.out.

Usage: ODBCINI=odbc.ini /usr/bin/python3 client_test.py DSN
"""
import datetime
import decimal
import sys

import pyodbc

ROWS = [
    (1, 9000000000, 1.5, decimal.Decimal("12.345"), "héllo", "v1", True,
     datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 123456),
     "2024-01-02 03:04:05.5+02"),
    (2, -1, -0.25, decimal.Decimal("-0.001"), "it's", "", False,
     datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1), "1970-01-01 00:00:00+00"),
    (3, None, None, None, None, None, None, None, None, None),
]


def describe(v):
    """Names a value's Python type and its canonical text."""
    if v is None:
        return "None"
    return "%s:%s" % (type(v).__name__, v.isoformat() if hasattr(v, "isoformat") else v)


def print_rows(cur, prefix="row"):
    for row in cur.fetchall():
        print(prefix, " ".join(describe(v) for v in row))


def sqlstate(e):
    return e.args[0] if e.args else "?"


def step(name, fn, conn):
    """Runs one part and prints its failure instead of stopping."""
    print("--", name)
    try:
        fn(conn)
    except pyodbc.Error as e:
        print("error sqlstate=%s %s" % (sqlstate(e), e.args[1].splitlines()[0] if len(e.args) > 1 else ""))
    except Exception as e:  # noqa: BLE001 - the transcript shows it
        print("error", repr(e))


def create(conn):
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS ct")
    cur.execute("CREATE TABLE ct (id int PRIMARY KEY, big bigint, f float8, n numeric, "
                "t text, v varchar(20), b bool, d date, ts timestamp, tz timestamptz)")
    print("created rowcount=%d" % cur.rowcount)


def insert(conn):
    cur = conn.cursor()
    for row in ROWS:
        cur.execute("INSERT INTO ct (id, big, f, n, t, v, b, d, ts, tz) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", *row)
        print("insert %d rowcount=%d" % (row[0], cur.rowcount))


def select(conn):
    cur = conn.cursor()
    cur.execute("SELECT id, big, f, n, t, v, b, d, ts, tz FROM ct WHERE id >= ? ORDER BY id", 1)
    print("columns", " ".join("%s:%s" % (d[0], d[1].__name__) for d in cur.description))
    print_rows(cur)


def repeated(conn):
    """One cursor re-executes the same SQL: pyodbc prepares it once."""
    cur = conn.cursor()
    for run in range(1, 8):
        cur.execute("SELECT id, big, f, n, t, b, d, ts FROM ct WHERE id = ?", (run - 1) % 3 + 1)
        print_rows(cur, "run %d row" % run)


def update(conn):
    cur = conn.cursor()
    cur.execute("UPDATE ct SET v = ? WHERE id = ?", "upd", 2)
    print("update rowcount=%d" % cur.rowcount)


def expect_error(sql, *params):
    def run(conn):
        cur = conn.cursor()
        try:
            cur.execute(sql, *params)
            print("no error")
        except pyodbc.Error as e:
            print("sqlstate=%s class=%s" % (sqlstate(e), type(e).__name__))
    return run


def after_error(conn):
    cur = conn.cursor()
    cur.execute("SELECT count(*), max(v) FROM ct WHERE id < ?", 100)
    print_rows(cur)


def transaction(conn):
    """A read-only transaction with autocommit off."""
    conn.autocommit = False
    cur = conn.cursor()
    cur.execute("SELECT t FROM ct WHERE id = ?", 1)
    print_rows(cur)
    conn.commit()
    conn.autocommit = True
    print("committed")


def main():
    conn = pyodbc.connect("DSN=%s" % sys.argv[1], autocommit=True, timeout=10)
    print("connect ok dbms=%s" % conn.getinfo(pyodbc.SQL_DBMS_NAME))
    for name, fn in [("create", create), ("insert", insert), ("select", select),
                     ("repeated", repeated), ("update", update),
                     ("duplicate", expect_error("INSERT INTO ct (id, t) VALUES (?, ?)", 1, "dup")),
                     ("syntax", expect_error("SELEC 1")), ("after-error", after_error),
                     ("transaction", transaction)]:
        step(name, fn, conn)
    conn.close()
    print("done")


if __name__ == "__main__":
    main()
