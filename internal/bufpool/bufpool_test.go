package bufpool

import (
	"runtime"
	"testing"
)

func TestGetCapacity(t *testing.T) {
	p := Pool{Max: 1 << 20}
	for _, n := range []int{0, 1, minCap, minCap + 1, 100 << 10, 1 << 20, 1<<20 + 1} {
		b := p.Get(n)
		if len(b) != 0 || cap(b) < n {
			t.Errorf("Get(%d): len %d cap %d, want len 0 and cap at least %d", n, len(b), cap(b), n)
		}
		p.Put(b)
	}
}

// TestReuse checks that a buffer put back is the one the next Get of a
// size it fits returns, and that one too small or too large is not.
func TestReuse(t *testing.T) {
	// One P: sync.Pool keeps a buffer per processor.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	p := Pool{Max: 64 << 10}
	// The race detector's sync.Pool drops a quarter of what is put, at
	// random: one reuse in twenty tries is what is asked.
	reused := false
	var c []byte
	for range 20 {
		b := append(p.Get(5000), "first job"...)
		p.Put(b)
		c = p.Get(6000)
		if reused = &c[:1][0] == &b[0]; reused {
			break
		}
	}
	if !reused {
		t.Fatal("Get(6000) after Put of a larger buffer made a new one, twenty times")
	}
	p.Put(c)
	if d := p.Get(cap(c) + 1); cap(d) <= cap(c) {
		t.Errorf("Get(%d) returned capacity %d", cap(c)+1, cap(d))
	}

	big := make([]byte, 0, 128<<10)
	p.Put(big)
	if e := p.Get(1); cap(e) == cap(big) {
		t.Errorf("a buffer over Max (%d bytes) was kept", cap(big))
	}
}

func TestRoundUp(t *testing.T) {
	for n, want := range map[int]int{0: minCap, minCap: minCap, minCap + 1: 2 * minCap, 9000: 16 << 10, 3000: 4 << 10} {
		if got := roundUp(n); got != want {
			t.Errorf("roundUp(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestPoison(t *testing.T) {
	p := Pool{Max: 1 << 20}
	b := append(p.Get(10), "kept"...)
	restore := Poison()
	p.Put(b)
	restore()
	for i, c := range b[:cap(b)] {
		if c != PoisonByte {
			t.Fatalf("byte %d of a poisoned buffer is %q", i, c)
		}
	}
	c := append(p.Get(10), "kept"...)
	p.Put(c)
	if string(c) != "kept" {
		t.Errorf("Put changed a buffer after restore: %q", c)
	}
}

// TestKeepThroughCollections: with Keep, a buffer given back is the next
// Get's even after garbage collections, which empty a sync.Pool, and no
// more than Keep bytes are held.
func TestKeepThroughCollections(t *testing.T) {
	p := Pool{Max: 64 << 10, Keep: 8 << 10}
	b := append(p.Get(3000), "an entry"...)
	p.Put(b)
	runtime.GC()
	runtime.GC()
	if c := p.Get(2000); &c[:1][0] != &b[0] {
		t.Fatal("a buffer given back was not kept through two collections")
	}
	// 4 KiB buffers: two fit in 8 KiB, the third is not kept.
	bufs := [][]byte{p.Get(4 << 10), p.Get(4 << 10), p.Get(4 << 10)}
	for _, b := range bufs {
		p.Put(b)
	}
	if p.keptBytes != 8<<10 || len(p.kept) != 2 {
		t.Fatalf("kept %d buffers, %d bytes; want 2, %d", len(p.kept), p.keptBytes, 8<<10)
	}
	// The last kept is too small for 5000 bytes: a new one is made.
	if c := p.Get(5000); cap(c) < 5000 || &c[:1][0] == &bufs[1][:1][0] {
		t.Fatalf("Get(5000) returned capacity %d, or the kept 4 KiB buffer", cap(c))
	}
}
