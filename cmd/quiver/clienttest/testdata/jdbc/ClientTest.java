// ClientTest drives Quiver (or PostgreSQL) through pgjdbc and prints a
// transcript of what the driver returned, one line per fact, for the Go test
// to compare with testdata/jdbc/expected.out.
//
// Usage: java -cp postgresql.jar:. ClientTest host port dbname
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Properties;

public class ClientTest {
    static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[2];
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "30");
        try (Connection c = DriverManager.getConnection(url, props)) {
            out.println("connect ok autocommit=" + c.getAutoCommit());
            run(c);
        }
        out.println("done");
    }

    static void run(Connection c) {
        step("create", () -> createTable(c));
        step("insert", () -> insertRows(c));
        step("select", () -> selectRows(c));
        step("prepared", () -> preparedRuns(c));
        step("untyped-params", () -> untypedParams(c));
        step("batch", () -> batch(c));
        step("fetch-size", () -> fetchSize(c));
        step("update", () -> update(c));
        step("delete", () -> delete(c));
        step("duplicate", () -> expectError(c, "INSERT INTO ct (id, t) VALUES (1, 'dup')"));
        step("syntax", () -> expectError(c, "SELEC 1"));
        step("after-error", () -> afterError(c));
        step("readonly-txn", () -> readOnlyTxn(c));
        step("isvalid", () -> out.println("isvalid " + c.isValid(5)));
    }

    interface Step {
        void run() throws Exception;
    }

    // step runs one part and prints its failure instead of stopping, so the
    // transcript shows every mismatch at once.
    static void step(String name, Step s) {
        out.println("-- " + name);
        try {
            s.run();
        } catch (SQLException e) {
            out.println("error sqlstate=" + e.getSQLState() + " " + firstLine(e.getMessage()));
        } catch (Exception e) {
            out.println("error " + e);
        }
    }

    static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ct");
            st.execute("CREATE TABLE ct (id int PRIMARY KEY, big bigint, f float8, n numeric, "
                    + "t text, v varchar(20), b bool, d date, ts timestamp, tz timestamptz)");
            out.println("created update-count=" + st.getUpdateCount());
        }
    }

    static void insertRows(Connection c) throws SQLException {
        String sql = "INSERT INTO ct (id, big, f, n, t, v, b, d, ts, tz) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRow(ps, 1, 9000000000L, 1.5, "12.345", "héllo", "v1", true, "2024-02-29",
                    "2024-01-02 03:04:05.123456", "2024-01-02T03:04:05.5+02:00");
            out.println("insert 1 count=" + ps.executeUpdate());
            bindRow(ps, 2, -1L, -0.25, "-0.001", "it's", "", false, "1999-12-31",
                    "2000-01-01 00:00:00", "1970-01-01T00:00:00Z");
            out.println("insert 2 count=" + ps.executeUpdate());
            ps.setInt(1, 3);
            int[] sqlTypes = {Types.BIGINT, Types.DOUBLE, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR,
                Types.BOOLEAN, Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE};
            for (int i = 0; i < sqlTypes.length; i++) {
                ps.setNull(i + 2, sqlTypes[i]);
            }
            out.println("insert 3 count=" + ps.executeUpdate());
        }
    }

    static void bindRow(PreparedStatement ps, int id, long big, double f, String n, String t, String v,
            boolean b, String d, String ts, String tz) throws SQLException {
        ps.setInt(1, id);
        ps.setLong(2, big);
        ps.setDouble(3, f);
        ps.setBigDecimal(4, new BigDecimal(n));
        ps.setString(5, t);
        ps.setString(6, v);
        ps.setBoolean(7, b);
        ps.setDate(8, java.sql.Date.valueOf(d));
        ps.setTimestamp(9, Timestamp.valueOf(ts));
        ps.setObject(10, OffsetDateTime.parse(tz));
    }

    static void selectRows(Connection c) throws SQLException {
        String sql = "SELECT id, big, f, n, t, v, b, d, ts, tz FROM ct WHERE id >= ? ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                printColumns(rs.getMetaData());
                printRows(rs);
            }
        }
    }

    static void printColumns(ResultSetMetaData md) throws SQLException {
        StringBuilder sb = new StringBuilder("columns");
        for (int i = 1; i <= md.getColumnCount(); i++) {
            sb.append(' ').append(md.getColumnLabel(i)).append(':').append(md.getColumnTypeName(i));
        }
        out.println(sb);
    }

    static void printRows(ResultSet rs) throws SQLException {
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder("row");
            for (int i = 1; i <= cols; i++) {
                sb.append(' ').append(describe(rs.getObject(i)));
            }
            out.println(sb);
        }
    }

    // describe names a value's Java class and its canonical text.
    static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        String text = o instanceof BigDecimal ? ((BigDecimal) o).toPlainString() : o.toString();
        return o.getClass().getSimpleName() + ":" + text;
    }

    // preparedRuns executes one statement 7 times: pgjdbc names it (S_n)
    // on the 5th run and then asks for binary results.
    static void preparedRuns(Connection c) throws SQLException {
        String sql = "SELECT id, big, f, n, t, b, d, ts, tz FROM ct WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int run = 1; run <= 7; run++) {
                ps.setInt(1, (run - 1) % 3 + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    out.print("run " + run + " ");
                    printRows(rs);
                }
            }
        }
    }

    // untypedParams binds timestamps and dates, which pgjdbc sends with type
    // 0 (unspecified): the server infers them from the cast, or resolves a
    // bare select-list parameter as text.
    static void untypedParams(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamptz, ?::date, ?")) {
            ps.setTimestamp(1, Timestamp.valueOf("2020-02-02 02:02:02.5"));
            ps.setDate(2, java.sql.Date.valueOf("2020-02-29"));
            ps.setTimestamp(3, Timestamp.valueOf("2020-02-02 02:02:02"));
            try (ResultSet rs = ps.executeQuery()) {
                printColumns(rs.getMetaData());
                printRows(rs);
            }
        }
    }

    // batch sends several Bind/Execute pairs before one Sync.
    static void batch(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ct (id, n, t) VALUES (?, ?, ?)")) {
            for (int id = 10; id < 14; id++) {
                ps.setInt(1, id);
                ps.setBigDecimal(2, new BigDecimal("-0.0" + id));
                ps.setString(3, "batch" + id);
                ps.addBatch();
            }
            out.println("batch counts=" + java.util.Arrays.toString(ps.executeBatch()));
        }
    }

    // fetchSize reads a result 3 rows at a time: inside a transaction pgjdbc
    // executes the portal with a row limit and resumes it after each Sync.
    static void fetchSize(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, n, t FROM ct WHERE id >= ? ORDER BY id")) {
            ps.setFetchSize(3);
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                printRows(rs);
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static void update(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ct SET v = ? WHERE id = ?")) {
            ps.setString(1, "upd");
            ps.setInt(2, 2);
            out.println("update count=" + ps.executeUpdate());
        }
    }

    static void delete(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ct WHERE id >= ?")) {
            ps.setInt(1, 10);
            out.println("delete count=" + ps.executeUpdate());
        }
    }

    static void expectError(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            out.println("no error");
        } catch (SQLException e) {
            out.println("sqlstate=" + e.getSQLState());
        }
    }

    static void afterError(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), max(v) FROM ct WHERE id < ?")) {
            ps.setInt(1, 100);
            try (ResultSet rs = ps.executeQuery()) {
                printRows(rs);
            }
        }
    }

    static void readOnlyTxn(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT t FROM ct WHERE id = 1")) {
            printRows(rs);
        }
        c.commit();
        c.setAutoCommit(true);
        out.println("committed");
    }
}
