// Package bufpool keeps byte buffers for jobs that each need one for a
// short while, so that the next job writes into the last one's instead of
// making its own. A build makes such a buffer for every event (its body's
// HTML, its file read again); on a large site, held under a soft memory
// limit, each megabyte of garbage is collector time.
package bufpool

import (
	"sync"
	"sync/atomic"
)

// A Pool keeps buffers of up to Max bytes. The zero Pool keeps none; it is
// safe for concurrent use.
type Pool struct {
	Max int // the largest capacity kept; larger buffers are left to the collector

	// Keep, when set, is how many bytes of buffers the pool holds through
	// garbage collections, which empty a sync.Pool: for buffers that jobs
	// hold a while and give back in a steady stream (a listing page's
	// entries, kept for the next pages that list the same events), most
	// of which would otherwise be made anew after each collection.
	Keep int

	p sync.Pool // *[]byte

	mu        sync.Mutex
	kept      [][]byte // with Keep: the buffers given back, the last on top
	keptBytes int      // their capacity
}

// minCap is the least capacity Get makes: buffers that start small then
// grow in the pool's hands as the jobs need, one size for most.
const minCap = 1 << 10

// Get returns an empty buffer of at least n bytes' capacity: a kept one
// when it is large enough, else a new one. What it held before is still
// in its capacity: a caller reads only what it wrote.
func (p *Pool) Get(n int) []byte {
	if b, ok := p.take(); ok && cap(b) >= n {
		return b[:0]
	}
	// None, or too small for n: left to the collector, and a larger one
	// made, which Put then keeps in its place.
	if n > p.Max {
		return make([]byte, 0, n) // never kept: no room to spare
	}
	return make([]byte, 0, roundUp(n))
}

// Put gives b back for a later Get. The caller keeps no slice of it.
func (p *Pool) Put(b []byte) {
	if poisoned.Load() {
		b = b[:cap(b)]
		for i := range b {
			b[i] = PoisonByte
		}
	}
	if cap(b) == 0 || cap(b) > p.Max {
		return
	}
	if p.Keep > 0 {
		p.mu.Lock()
		if p.keptBytes+cap(b) <= p.Keep {
			p.kept = append(p.kept, b[:0])
			p.keptBytes += cap(b)
		}
		p.mu.Unlock()
		return
	}
	p.p.Put(&b)
}

// take is the last buffer given back, if any: from those kept with Keep,
// or else from the sync.Pool.
func (p *Pool) take() ([]byte, bool) {
	if p.Keep <= 0 {
		b, ok := p.p.Get().(*[]byte)
		if !ok {
			return nil, false
		}
		return *b, true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	k := len(p.kept)
	if k == 0 {
		return nil, false
	}
	b := p.kept[k-1]
	p.kept[k-1], p.kept = nil, p.kept[:k-1]
	p.keptBytes -= cap(b)
	return b, true
}

// poisoned is whether Put overwrites what it is given (see Poison).
var poisoned atomic.Bool

// PoisonByte is what a poisoned Put fills each buffer with.
const PoisonByte = '\x7f'

// Poison makes every Put, until restore is called, fill the buffer it is
// given with PoisonByte: a test of a pool's users then sees, in what they
// made, any buffer they read after giving it back, which otherwise would
// show only when another job happened to reuse it meanwhile.
func Poison() (restore func()) {
	poisoned.Store(true)
	return func() { poisoned.Store(false) }
}

// roundUp is n rounded up to a power of two, at least minCap, so that a
// buffer made for one job fits the next few of a similar size.
func roundUp(n int) int {
	c := minCap
	for c < n {
		c <<= 1
	}
	return c
}
