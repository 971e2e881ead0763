package clienttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// systemPython is Debian's interpreter: python3-psycopg2 and
// python3-pyodbc install for it, not for a pyenv python3 earlier in PATH.
const systemPython = "/usr/bin/python3"

// nodePGVersion is the node-postgres release the tests install with npm.
const nodePGVersion = "8.23.1"

// requireCommand fails the test when a client's program is not installed.
func requireCommand(t *testing.T, name, debPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: apt-get install %s (.ci/run installs it)", name, debPackage)
	}
	return path
}

// requireFile fails the test when a file a Debian package provides is
// missing.
func requireFile(t *testing.T, path, debPackage string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing: apt-get install %s (.ci/run installs it)", path, debPackage)
	}
}

// requirePythonModule fails the test when the system python cannot import
// module.
func requirePythonModule(t *testing.T, module, debPackage string) {
	t.Helper()
	requireFile(t, systemPython, "python3")
	if out, err := exec.Command(systemPython, "-c", "import "+module).CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import %s: apt-get install %s (.ci/run installs it)\n%s",
			systemPython, module, debPackage, out)
	}
}

// nodePGModules returns a node_modules directory holding node-postgres:
// $QUIVER_NODE_PG_DIR or a per-user cache directory, where .ci/run (or,
// on first use, this function) runs `npm install pg@<nodePGVersion>`.
func nodePGModules(t *testing.T) string {
	t.Helper()
	requireCommand(t, "node", "nodejs")
	dir := os.Getenv("QUIVER_NODE_PG_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Fatalf("no cache directory for node-postgres (set QUIVER_NODE_PG_DIR): %v", err)
		}
		dir = filepath.Join(cache, "quiver-clienttest", "node-pg-"+nodePGVersion)
	}
	modules := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "pg", "package.json")); err == nil {
		return modules
	}
	npm := requireCommand(t, "npm", "npm")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefix", dir, "pg@"+nodePGVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node-postgres is not installed in %s and `npm install pg@%s` failed: %v\n%s",
			dir, nodePGVersion, err, out)
	}
	return modules
}
