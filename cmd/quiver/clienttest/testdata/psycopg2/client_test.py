"""Drive Quiver (or PostgreSQL) through psycopg2 and print a transcript of
what the driver returned, one line per fact, for the Go test to compare with
testdata/psycopg2/expected.out.

Usage: /usr/bin/python3 client_test.py host port dbname
"""
import datetime
import decimal
import sys

import psycopg2
import psycopg2.errorcodes

ROWS = [
    (1, 9000000000, 1.5, decimal.Decimal("12.345"), "héllo", "v1", True,
     datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 123456),
     datetime.datetime(2024, 1, 2, 3, 4, 5, 500000,
                       tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
    (2, -1, -0.25, decimal.Decimal("-0.001"), "it's", "", False,
     datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1),
     datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)),
    (3, None, None, None, None, None, None, None, None, None),
]


def describe(v):
    """Names a value's Python type and its canonical text."""
    if v is None:
        return "None"
    if isinstance(v, datetime.datetime) and v.tzinfo is not None:
        v = v.astimezone(datetime.timezone.utc)
    return "%s:%s" % (type(v).__name__, v.isoformat() if hasattr(v, "isoformat") else v)


def print_rows(cur, prefix="row"):
    for row in cur.fetchall():
        print(prefix, " ".join(describe(v) for v in row))


def step(name, fn, conn):
    """Runs one part and prints its failure instead of stopping."""
    print("--", name)
    try:
        fn(conn)
    except psycopg2.Error as e:
        first = str(e).splitlines()[0] if str(e) else ""
        print("error sqlstate=%s %s" % (e.pgcode, first))
    except Exception as e:  # noqa: BLE001 - the transcript shows it
        print("error", repr(e))


def create(conn):
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS ct")
        cur.execute("CREATE TABLE ct (id int PRIMARY KEY, big bigint, f float8, n numeric, "
                    "t text, v varchar(20), b bool, d date, ts timestamp, tz timestamptz)")
        print("created status=%s" % cur.statusmessage)


def insert(conn):
    with conn.cursor() as cur:
        for row in ROWS:
            cur.execute("INSERT INTO ct (id, big, f, n, t, v, b, d, ts, tz) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", row)
            print("insert %d rowcount=%d status=%s" % (row[0], cur.rowcount, cur.statusmessage))


def select(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT id, big, f, n, t, v, b, d, ts, tz FROM ct WHERE id >= %s ORDER BY id", (1,))
        print("columns", " ".join("%s:%d" % (d.name, d.type_code) for d in cur.description))
        print_rows(cur)


def repeated(conn):
    with conn.cursor() as cur:
        for run in range(1, 8):
            cur.execute("SELECT id, big, f, n, t, b, d, ts, tz FROM ct WHERE id = %(id)s",
                        {"id": (run - 1) % 3 + 1})
            print_rows(cur, "run %d row" % run)


def sql_prepare(conn):
    """psycopg2 has no protocol-level prepare: applications use SQL PREPARE."""
    with conn.cursor() as cur:
        cur.execute("PREPARE q(int) AS SELECT id, n, tz FROM ct WHERE id = $1")
        for run in range(1, 7):
            cur.execute("EXECUTE q(%s)", ((run - 1) % 3 + 1,))
            print_rows(cur, "execute %d row" % run)
        cur.execute("DEALLOCATE q")
        print("deallocated status=%s" % cur.statusmessage)


def update(conn):
    with conn.cursor() as cur:
        cur.execute("UPDATE ct SET v = %s WHERE id = %s", ("upd", 2))
        print("update rowcount=%d" % cur.rowcount)


def expect_error(sql):
    def run(conn):
        with conn.cursor() as cur:
            try:
                cur.execute(sql)
                print("no error")
            except psycopg2.Error as e:
                print("sqlstate=%s name=%s class=%s" % (
                    e.pgcode, psycopg2.errorcodes.lookup(e.pgcode), type(e).__name__))
    return run


def after_error(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT count(*), max(v) FROM ct WHERE id < %s", (100,))
        print_rows(cur)


def transaction(conn):
    """A read-only transaction in psycopg2's default (non-autocommit) mode."""
    conn.autocommit = False
    with conn.cursor() as cur:
        cur.execute("SELECT t FROM ct WHERE id = %s", (1,))
        print_rows(cur)
        print("status in transaction=%d" % conn.get_transaction_status())
    conn.commit()
    print("committed status=%d" % conn.get_transaction_status())
    with conn.cursor() as cur:
        try:
            cur.execute("SELECT 1/0")
        except psycopg2.Error as e:
            print("in-transaction error sqlstate=%s" % e.pgcode)
    conn.rollback()
    conn.autocommit = True
    print("rolled back")


def named_cursor(conn):
    """A server-side cursor: DECLARE, then FETCH FORWARD itersize rows."""
    conn.autocommit = False
    try:
        with conn.cursor(name="mycur") as cur:
            cur.itersize = 2
            cur.execute("SELECT id, t FROM ct WHERE id >= %s ORDER BY id", (1,))
            for row in cur:
                print("row", " ".join(describe(v) for v in row))
        conn.commit()
        print("committed")
    finally:
        conn.rollback()
        conn.autocommit = True


def main():
    host, port, dbname = sys.argv[1:4]
    conn = psycopg2.connect(host=host, port=port, dbname=dbname, user="postgres",
                            sslmode="disable", connect_timeout=10)
    # Quiver refuses writes inside a transaction block until MVCC lands, so
    # the writes run in autocommit mode; transaction() covers the default.
    conn.autocommit = True
    print("connect ok server_version=%d encoding=%s" % (
        conn.server_version // 10000, conn.encoding))
    for name, fn in [("create", create), ("insert", insert), ("select", select),
                     ("repeated", repeated), ("sql-prepare", sql_prepare), ("update", update),
                     ("duplicate", expect_error("INSERT INTO ct (id, t) VALUES (1, 'dup')")),
                     ("syntax", expect_error("SELEC 1")), ("after-error", after_error),
                     ("transaction", transaction), ("named-cursor", named_cursor)]:
        step(name, fn, conn)
    conn.close()
    print("done")


if __name__ == "__main__":
    main()
