package sqlbench

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Spec is a parsed .bench file.
type Spec struct {
	Name string
	Load []Step
	Run  Run
}

// Step is one load step: a statement, or a fill when Fill.Rows > 0.
type Step struct {
	SQL  string
	Fill Template
}

// Template generates INSERT statements: Prefix then Rows copies of Tuple
// (per statement at most Batch), with {k} numbering the rows.
type Template struct {
	Rows, Batch   int
	Prefix, Tuple string
}

// Run is the timed statement.
type Run struct {
	SQL string
	// Rows is the number of rows one iteration processes.
	Rows int
	// Repeat > 0 makes each iteration an INSERT of Repeat generated rows.
	Repeat        int
	Prefix, Tuple string
	// Param is "", "seq" or "rand"; Keys bounds rand.
	Param string
	Keys  int
}

// ParseSpec parses the text of a .bench file.
func ParseSpec(path, text string) (*Spec, error) {
	s := &Spec{Name: strings.TrimSuffix(filepath.Base(path), ".bench")}
	haveRun := false
	for _, block := range blocks(text) {
		words := strings.Fields(block[0])
		var err error
		switch words[0] {
		case "load":
			if len(block) > 1 {
				s.Load = append(s.Load, Step{SQL: strings.Join(block[1:], "\n")})
			}
		case "fill":
			err = s.fill(words[1:], block[1:])
		case "run":
			if haveRun {
				return nil, fmt.Errorf("%s: more than one run block", path)
			}
			haveRun = true
			err = s.run(words[1:], block[1:])
		default:
			s.Load = append(s.Load, Step{SQL: strings.Join(block, "\n")})
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if !haveRun {
		return nil, fmt.Errorf("%s: no run block", path)
	}
	return s, nil
}

// blocks splits text into blank-line separated blocks without comments.
func blocks(text string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "#"):
		case strings.TrimSpace(line) == "":
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
		default:
			cur = append(cur, line)
		}
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// options parses key=value words into positive integers or words.
func options(words []string, ints map[string]*int, strs map[string]*string) error {
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			return fmt.Errorf("option %q is not key=value", w)
		}
		if p, ok := ints[k]; ok {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("option %s needs a positive integer, not %q", k, v)
			}
			*p = n
		} else if p, ok := strs[k]; ok {
			*p = v
		} else {
			return fmt.Errorf("unknown option %q", k)
		}
	}
	return nil
}

func (s *Spec) fill(words, lines []string) error {
	t := Template{Batch: 1000}
	if err := options(words, map[string]*int{"rows": &t.Rows, "batch": &t.Batch}, nil); err != nil {
		return err
	}
	if t.Rows == 0 || len(lines) < 2 {
		return fmt.Errorf("fill needs rows=N, an INSERT prefix line and a row template line")
	}
	t.Prefix, t.Tuple = strings.Join(lines[:len(lines)-1], "\n"), lines[len(lines)-1]
	s.Load = append(s.Load, Step{Fill: t})
	return nil
}

func (s *Spec) run(words, lines []string) error {
	r := Run{Rows: 1}
	ints := map[string]*int{"rows": &r.Rows, "repeat": &r.Repeat, "keys": &r.Keys}
	if err := options(words, ints, map[string]*string{"param": &r.Param}); err != nil {
		return err
	}
	if len(lines) == 0 {
		return fmt.Errorf("run needs SQL")
	}
	switch {
	case r.Param != "" && r.Param != "seq" && r.Param != "rand":
		return fmt.Errorf("param must be seq or rand, not %q", r.Param)
	case r.Param == "rand" && r.Keys == 0:
		return fmt.Errorf("param=rand needs keys=K")
	case r.Repeat > 0 && len(lines) < 2:
		return fmt.Errorf("repeat needs an INSERT prefix line and a row template line")
	}
	r.SQL = strings.Join(lines, "\n")
	if r.Repeat > 0 {
		r.Prefix, r.Tuple = strings.Join(lines[:len(lines)-1], "\n"), lines[len(lines)-1]
	}
	s.Run = r
	return nil
}

// Statement returns the INSERT of rows numbered from first to first+n-1.
func (t Template) Statement(first, n int) string {
	var b strings.Builder
	b.WriteString(t.Prefix)
	b.WriteString(" ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strings.ReplaceAll(t.Tuple, "{k}", strconv.Itoa(first+i)))
	}
	return b.String()
}

// Statements calls f with each INSERT that loads the template's rows.
func (t Template) Statements(f func(sql string) error) error {
	for first := 1; first <= t.Rows; first += t.Batch {
		if err := f(t.Statement(first, min(t.Batch, t.Rows-first+1))); err != nil {
			return err
		}
	}
	return nil
}
