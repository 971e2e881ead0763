package meta

// maxRecentRequests bounds State.RecentRequests: a retry comes within
// seconds of the first attempt, long before this many other identified
// commands (catalog changes and placement decisions) apply.
const maxRecentRequests = 256

// applyRequest applies cmd to s at most once per command ID and returns
// the new state with the encoded result. A repeated ID returns the
// remembered result and s unchanged. Like apply, it is pure.
func applyRequest(s *State, cmd *Command) (*State, []byte) {
	if cmd.ID != 0 {
		for _, r := range s.RecentRequests {
			if r.ID == cmd.ID {
				return s, r.Result
			}
		}
	}
	o := apply(s, cmd)
	res := encodeResult(o)
	if cmd.ID == 0 {
		return o.state, res
	}
	n := *o.state
	keep := s.RecentRequests
	if len(keep) >= maxRecentRequests {
		keep = keep[len(keep)-maxRecentRequests+1:]
	}
	n.RecentRequests = append(append(make([]RequestResult, 0, len(keep)+1), keep...), RequestResult{ID: cmd.ID, Result: res})
	return &n, res
}
