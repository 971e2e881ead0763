package clienttest

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// pgjdbcJar is where Debian's libpostgresql-jdbc-java puts pgjdbc 42.5.
const pgjdbcJar = "/usr/share/java/postgresql.jar"

// TestPgJDBC runs testdata/jdbc/ClientTest.java: parameters of every
// supported type through setXxx, a statement executed 7 times (pgjdbc names
// it and switches to binary results on the 5th run), result-set metadata,
// SQLSTATEs of a duplicate key and a syntax error, and isValid().
func TestPgJDBC(t *testing.T) {
	javac := requireCommand(t, "javac", "default-jdk-headless")
	java := requireCommand(t, "java", "default-jre-headless")
	requireFile(t, pgjdbcJar, "libpostgresql-jdbc-java")
	classes := t.TempDir()
	src := filepath.Join("testdata", "jdbc", "ClientTest.java")
	if out, err := exec.Command(javac, "-d", classes, "-cp", pgjdbcJar, src).CombinedOutput(); err != nil {
		t.Fatalf("javac %s: %v\n%s", src, err, out)
	}
	forEachTarget(t, func(t *testing.T, tg target, isPG bool) {
		got, stderr := runClient(t, classes, []string{"TZ=UTC"}, java, "-Duser.timezone=UTC",
			"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", pgjdbcJar+":"+classes,
			"ClientTest", tg.host, tg.port, tg.dbname)
		checkTranscript(t, tg, isPG, "jdbc", "expected.out", got, stderr)
	})
}
