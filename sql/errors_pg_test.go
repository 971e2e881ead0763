package sql

import (
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// pgErrorCases were produced by running each statement on PostgreSQL 15
// (database with the tables of TestErrorsMatchPostgres): SQLSTATE,
// message and 1-based character position (0: none).
var pgErrorCases = []struct {
	q       string
	code    pgerror.Code
	message string
	pos     int32
}{
	{"SELEC 1", "42601", "syntax error at or near \"SELEC\"", 1},
	{"SELECT * FROM nope", "42P01", "relation \"nope\" does not exist", 15},
	{"SELECT k FROM nope WHERE k = 1", "42P01", "relation \"nope\" does not exist", 15},
	{"SELECT x FROM t", "42703", "column \"x\" does not exist", 8},
	{"SELECT t.x FROM t", "42703", "column t.x does not exist", 8},
	{"SELECT u.k FROM t", "42P01", "missing FROM-clause entry for table \"u\"", 8},
	{"SELECT k FROM t WHERE zz > 1", "42703", "column \"zz\" does not exist", 23},
	{"SELECT k + b FROM t", "42883", "operator does not exist: integer + boolean", 10},
	{"SELECT k FROM t WHERE k", "42804", "argument of WHERE must be type boolean, not type integer", 23},
	{"SELECT k FROM t WHERE v", "42804", "argument of WHERE must be type boolean, not type text", 23},
	{"SELECT 1 FROM t WHERE k = 1 AND 2", "42804", "argument of AND must be type boolean, not type integer", 33},
	{"SELECT NOT 5", "42804", "argument of NOT must be type boolean, not type integer", 12},
	{"SELECT 'abc'::int", "22P02", "invalid input syntax for type integer: \"abc\"", 8},
	{"SELECT '1.5'::int", "22P02", "invalid input syntax for type integer: \"1.5\"", 8},
	{"SELECT 1::boolean + 1", "42883", "operator does not exist: boolean + integer", 19},
	{"SELECT k, count(*) FROM t", "42803", "column \"t.k\" must appear in the GROUP BY clause or be used in an aggregate function", 8},
	{"SELECT * FROM t WHERE count(*) > 1", "42803", "aggregate functions are not allowed in WHERE", 23},
	{"SELECT sum(count(k)) FROM t", "42803", "aggregate function calls cannot be nested", 12},
	{"SELECT k FROM t GROUP BY sum(k)", "42803", "aggregate functions are not allowed in GROUP BY", 26},
	{"CREATE TABLE d (a INT, a INT)", "42701", "column \"a\" specified more than once", 0},
	{"CREATE TABLE d (a INT PRIMARY KEY, b INT PRIMARY KEY)", "42P16", "multiple primary keys for table \"d\" are not allowed", 42},
	{"CREATE TABLE d (a INT, PRIMARY KEY (zz))", "42703", "column \"zz\" named in key does not exist", 24},
	{"CREATE TABLE t (a INT)", "42P07", "relation \"t\" already exists", 0},
	{"CREATE TABLE d (a nosuchtype)", "42704", "type \"nosuchtype\" does not exist", 19},
	{"SHOW nope", "42704", "unrecognized configuration parameter \"nope\"", 0},
	{"SELECT lower(1)", "42883", "function lower(integer) does not exist", 8},
	{"SELECT nosuchfn(1, 'a')", "42883", "function nosuchfn(integer, unknown) does not exist", 8},
	{"SELECT round(1.5::float8, 1)", "42883", "function round(double precision, integer) does not exist", 8},
	{"SELECT abs('a')", "22P02", "invalid input syntax for type double precision: \"a\"", 12},
	{"SELECT k FROM t ORDER BY 5", "42P10", "ORDER BY position 5 is not in select list", 26},
	{"SELECT k FROM t ORDER BY zz", "42703", "column \"zz\" does not exist", 26},
	{"INSERT INTO t (k, v) VALUES (1, 2, 3)", "42601", "INSERT has more expressions than target columns", 36},
	{"INSERT INTO t (k, v, b) VALUES (1, 2)", "42601", "INSERT has more target columns than expressions", 22},
	{"INSERT INTO t (k, zz) VALUES (1, 2)", "42703", "column \"zz\" of relation \"t\" does not exist", 19},
	{"INSERT INTO t (k, k) VALUES (1, 2)", "42701", "column \"k\" specified more than once", 19},
	{"INSERT INTO t (k, b) VALUES (1, 'maybe')", "22P02", "invalid input syntax for type boolean: \"maybe\"", 33},
	{"INSERT INTO t (k, b) VALUES (1, 5)", "42804", "column \"b\" is of type boolean but expression is of type integer", 33},
	{"INSERT INTO w VALUES (1, 'b')", "23505", "duplicate key value violates unique constraint \"w_pkey\"", 0},
	{"INSERT INTO w VALUES (2, 'b'), (2, 'c')", "23505", "duplicate key value violates unique constraint \"w_pkey\"", 0},
	{"INSERT INTO w VALUES (3, NULL)", "23502", "null value in column \"v\" of relation \"w\" violates not-null constraint", 0},
	{"INSERT INTO w (k) VALUES (3)", "23502", "null value in column \"v\" of relation \"w\" violates not-null constraint", 0},
	{"INSERT INTO w VALUES (3, 'abc')", "22001", "value too long for type character varying(2)", 0},
	{"INSERT INTO w VALUES ('x', 'a')", "22P02", "invalid input syntax for type integer: \"x\"", 23},
	{"INSERT INTO w VALUES (3, 'a', 100)", "22003", "numeric field overflow", 0},
	{"INSERT INTO w VALUES (NULL, 'a')", "23502", "null value in column \"k\" of relation \"w\" violates not-null constraint", 0},
	{"UPDATE w SET n = 1000 WHERE k = 1", "22003", "numeric field overflow", 0},
	{"UPDATE w SET zz = 1", "42703", "column \"zz\" of relation \"w\" does not exist", 14},
	{"UPDATE w SET v = NULL", "23502", "null value in column \"v\" of relation \"w\" violates not-null constraint", 0},
	{"UPDATE nope SET k = 1", "42P01", "relation \"nope\" does not exist", 8},
	{"DELETE FROM nope", "42P01", "relation \"nope\" does not exist", 13},
	{"DELETE FROM w WHERE zz = 1", "42703", "column \"zz\" does not exist", 21},
	{"SELECT 1/0", "22012", "division by zero", 0},
	{"SELECT 1.5/0", "22012", "division by zero", 0},
	{"SELECT 1 % 0", "22012", "division by zero", 0},
	{"SELECT 2147483647 + 1", "22003", "integer out of range", 0},
	{"SELECT 32767::int2 + 1::int2", "22003", "smallint out of range", 0},
	{"SELECT 9223372036854775807 + 1", "22003", "bigint out of range", 0},
	{"SELECT '99999'::int2", "22003", "value \"99999\" is out of range for type smallint", 8},
	{"SELECT 1e400::float8", "22003", "\"10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\" is out of range for type double precision", 0},
	{"SELECT 1.5::float8 / 0", "22012", "division by zero", 0},
	{"SELECT 'a' + 1", "22P02", "invalid input syntax for type integer: \"a\"", 8},
	{"SELECT $1", "42P02", "there is no parameter $1", 8},
	{"SELECT k FROM t WHERE k = $1 AND $2", "42P02", "there is no parameter $1", 27},
	{"SELECT coalesce(1, 'a'::text)", "42804", "COALESCE types integer and text cannot be matched", 20},
	{"SELECT greatest(1, true)", "42804", "GREATEST types integer and boolean cannot be matched", 20},
	{"SELECT case when true then 1 else false end", "42804", "CASE types boolean and integer cannot be matched", 28},
	{"SELECT 1 is distinct from 'a'::text", "42883", "operator does not exist: integer = text", 10},
	{"SELECT 1 in (1, 'a'::text)", "42883", "operator does not exist: integer = text", 10},
	{"SELECT nullif(1, 'a'::text)", "42883", "operator does not exist: integer = text", 8},
	{"SELECT mod(1, 'a'::text)", "42883", "function mod(integer, text) does not exist", 8},
	{"SELECT sqrt(-1)", "2201F", "cannot take square root of a negative number", 0},
	{"SELECT 1::numeric::boolean", "42846", "cannot cast type numeric to boolean", 18},
	{"SELECT k FROM t LIMIT 'a'", "22P02", "invalid input syntax for type bigint: \"a\"", 23},
	{"SELECT k FROM t LIMIT -1", "2201W", "LIMIT must not be negative", 0},
	{"SELECT count(*) FROM t HAVING k > 1", "42803", "column \"t.k\" must appear in the GROUP BY clause or be used in an aggregate function", 31},
	{"DROP TABLE nope", "42P01", "table \"nope\" does not exist", 0},
	{"DROP DATABASE nope", "3D000", "database \"nope\" does not exist", 0},
	{"SELECT 'x'::date", "22007", "invalid input syntax for type date: \"x\"", 8},
	{"SELECT sum('a')", "42725", "function sum(unknown) is not unique", 8},
	{"SELECT avg(b) FROM t", "42883", "function avg(boolean) does not exist", 8},
	{"SELECT substr('abc', 1, -1)", "22011", "negative substring length not allowed", 0},
	{"SELECT 'abc' LIKE 1", "42883", "operator does not exist: unknown ~~ integer", 14},
	{"SELECT - 'a'::text", "42883", "operator does not exist: - text", 8},
	{"SELECT k FROM t WHERE v = 1", "42883", "operator does not exist: text = integer", 25},
	{"SELECT * FROM t WHERE b = 'maybe'", "22P02", "invalid input syntax for type boolean: \"maybe\"", 27},
}

func TestErrorsMatchPostgres(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, b BOOLEAN); CREATE TABLE w (k INT PRIMARY KEY, v VARCHAR(2) NOT NULL, n NUMERIC(3,1))")
	mustRun(t, s, "INSERT INTO w VALUES (1, 'a', 1)")
	mustRun(t, s, "CREATE DATABASE sql2")
	for _, c := range pgErrorCases {
		err := s.ExecSimple(t.Context(), c.q, &textWriter{})
		if err == nil {
			t.Errorf("%s: no error, want %s %s", c.q, c.code, c.message)
			continue
		}
		e := pgerror.Flatten(err)
		if e.Code != c.code || e.Message != c.message || e.Position != c.pos {
			t.Errorf("%s:\n got %s %s @%d\nwant %s %s @%d", c.q, e.Code, e.Message, e.Position, c.code, c.message, c.pos)
		}
	}
}
