package sqlbench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// clockTicks is USER_HZ, the unit of CPU times in /proc/<pid>/stat; Linux
// fixes it at 100 on every architecture Go supports.
const clockTicks = 100

// procStat is the part of /proc/<pid>/stat that CPU accounting needs.
type procStat struct {
	ppid                         int
	utime, stime, cutime, cstime int64 // clock ticks
}

// parseProcStat parses the text of /proc/<pid>/stat. The command name in
// parentheses may hold spaces and parentheses, so fields are counted from
// the last ')'.
func parseProcStat(text string) (procStat, error) {
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("stat %q: no command name", text)
	}
	// After "pid (comm) ": state(0) ppid(1) ... utime(11) stime(12)
	// cutime(13) cstime(14).
	f := strings.Fields(text[i+1:])
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("stat %q: %d fields", text, len(f))
	}
	var s procStat
	var nums [5]int64
	for k, idx := range []int{1, 11, 12, 13, 14} {
		n, err := strconv.ParseInt(f[idx], 10, 64)
		if err != nil {
			return procStat{}, fmt.Errorf("stat field %d: %w", idx, err)
		}
		nums[k] = n
	}
	s.ppid = int(nums[0])
	s.utime, s.stime, s.cutime, s.cstime = nums[1], nums[2], nums[3], nums[4]
	return s, nil
}

func readProcStat(pid int) (procStat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	return parseProcStat(string(b))
}

// cpuSeconds returns the CPU seconds (user+system) used so far by pid, its
// reaped children and its live children, like the shared cpusnap.sh: a
// postmaster with its backends, or one multi-threaded Go server.
func cpuSeconds(pid int) (float64, error) {
	root, err := readProcStat(pid)
	if err != nil {
		return 0, err
	}
	ticks := root.utime + root.stime + root.cutime + root.cstime
	for _, child := range children(pid) {
		if s, err := readProcStat(child); err == nil {
			ticks += s.utime + s.stime
		}
	}
	return float64(ticks) / clockTicks, nil
}

// children lists pid's live child processes from every thread's children
// file.
func children(pid int) []int {
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	var out []int
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
		if err != nil {
			continue
		}
		for _, w := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(w); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// totalCPU sums cpuSeconds over pids; ok is false when any is unreadable.
func totalCPU(pids []int) (sum float64, ok bool) {
	if len(pids) == 0 {
		return 0, false
	}
	for _, pid := range pids {
		s, err := cpuSeconds(pid)
		if err != nil {
			return 0, false
		}
		sum += s
	}
	return sum, true
}

// postmasterPID returns the parent of a PostgreSQL backend, the postmaster
// whose tree serves every connection, or 0 when /proc cannot tell (for
// instance a server on another machine).
func postmasterPID(backend int) int {
	s, err := readProcStat(backend)
	if err != nil || s.ppid <= 1 {
		return 0
	}
	return s.ppid
}
