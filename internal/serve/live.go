package serve

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// liveJS is the script added to every page: it listens for the server's
// messages and reloads the page, swaps its stylesheets, or shows the
// build's errors over it.
//
//go:embed live.js
var liveJS []byte

// A message is one Server-Sent Event to an open page:
//
//	reload       the page changed: load it again (keeping the scroll position)
//	css          only stylesheets changed; data: their paths
//	build-error  the last build failed; data: its errors
//	build-ok     the last build succeeded: hide any errors shown
//
// (EventSource names its own connection failures "error".)
type message struct {
	event string
	data  any
}

// hub keeps the live connections of the open pages.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	closed  chan struct{}
	once    sync.Once
}

// client is one open page: what it shows, as of the hash of the file it
// was served.
type client struct {
	path   string // the page's URL path
	hash   string // of the file served there when the page was loaded
	out    chan message
	errors bool // the page shows errors (or has not been told it need not)
}

func newHub() *hub { return &hub{clients: map[*client]bool{}, closed: make(chan struct{})} }

// keepAlive is how often a connection with nothing to say sends a
// comment, so that nothing on the way closes it for being idle.
const keepAlive = 30 * time.Second

// serve holds one page's connection open until the page goes away or the
// server shuts down.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, s *Site) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := &client{path: r.URL.Query().Get("path"), hash: r.URL.Query().Get("hash"), out: make(chan message, 16), errors: true}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)

	h.mu.Lock()
	select {
	case <-h.closed:
		h.mu.Unlock()
		return
	default:
	}
	h.clients[c] = true
	// What the page must know at once: the build may have moved on, or
	// failed, while it loaded (or while it was disconnected).
	c.tell(s.state.Load(), nil) // an empty queue takes it all
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	fmt.Fprint(w, "retry: 500\n\n") // reconnect quickly after a restart
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-c.out:
			if !ok {
				return // too slow to keep up: it reconnects and catches up
			}
			b, _ := json.Marshal(m.data)
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, b); err != nil {
				return
			}
			flusher.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-h.closed:
			return
		}
	}
}

// update tells every open page about a new state; css lists the
// stylesheets that changed.
func (h *hub) update(st *state, css []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if !c.tell(st, css) {
			delete(h.clients, c)
		}
	}
}

// tell queues what client c must hear about st, and reports false when
// the client does not keep up and is dropped. Called with the hub locked.
func (c *client) tell(st *state, css []string) bool {
	var msgs []message
	if st.errs != nil {
		msgs = append(msgs, message{"build-error", st.errs})
		c.errors = true
	} else if c.errors {
		msgs = append(msgs, message{"build-ok", nil})
		c.errors = false
	}
	if name, known := st.served(c.path); known && st.hash(name) != c.hash {
		msgs = append(msgs, message{"reload", nil})
	} else if len(css) > 0 {
		msgs = append(msgs, message{"css", css})
	}
	for _, m := range msgs {
		select {
		case c.out <- m:
		default:
			// The page is not reading; drop the connection rather than
			// hold up everyone else. Its script reconnects.
			close(c.out)
			return false
		}
	}
	return true
}

// close ends every connection.
func (h *hub) close() {
	h.once.Do(func() { close(h.closed) })
}
