package pgwire

import "sync"

// syncMap is a map guarded by a mutex, for test fakes shared by sessions.
type syncMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (s *syncMap[K, V]) get(k K) V {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

func (s *syncMap[K, V]) set(k K, v V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}
