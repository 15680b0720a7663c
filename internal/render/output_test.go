package render

import "testing"

// TestDiscardRefusesAsOutputDoes checks that the sink timeline check
// renders into refuses the paths an in-memory Output refuses.
func TestDiscardRefusesAsOutputDoes(t *testing.T) {
	out, sink := &Output{}, Discard()
	for _, p := range []string{"index.html", "events/x/index.html", "index.html", "../x", "/etc/x", "a\\b", ""} {
		outErr := out.put(p, nil)
		putErr := sink.Put(p, nil)
		if (outErr == nil) != (putErr == nil) {
			t.Errorf("put(%q): Output says %v, Discard says %v", p, outErr, putErr)
		}
	}
	if w, err := sink.Create("timeline.json"); err != nil {
		t.Errorf("Create: %v", err)
	} else if _, err := w.Write([]byte("x")); err != nil || w.Close() != nil {
		t.Errorf("the discarding writer failed: %v", err)
	}
	if _, err := sink.Create("timeline.json"); err == nil {
		t.Error("Create of a path made already was accepted")
	}
}
