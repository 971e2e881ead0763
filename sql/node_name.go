package sql

import "fmt"

func typeString(v any) string { return fmt.Sprintf("%T", v) }

func itoa(i int) string { return fmt.Sprint(i) }
