// Package media tells what an event's media link is, by its URL alone, and
// how to show it without a request to another host until the reader asks:
// a video, a sound, a map or a post becomes a facade (the provider's name,
// the caption, a play or open button) that is a plain link without
// JavaScript, and that the theme's media.js replaces with the provider's
// embedded player (its Embed URL, from the privacy-enhanced domain where
// the provider has one) when clicked. The site's own audio and video
// files play in <audio> and <video>; any other URL is a link card.
//
// Detect reads nothing and fetches nothing: it is a pure function of the
// link, and the providers it knows are the table in its tests.
package media

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/timeline-ssg/timeline/internal/timeline"
)

// Media is a link as an event page shows it.
type Media struct {
	// Provider names the service for readers ("YouTube"), or is "" for a
	// link card or a file of the site.
	Provider string
	// Kind is what the reader gets: "video", "audio", "map", "post",
	// "article", "document" or "link".
	Kind string
	// URL is where the facade's link goes without JavaScript: the page
	// on the provider's own site.
	URL string
	// Embed is the address of the player loaded in an iframe when the
	// reader asks for it; "" when there is none (a link card).
	Embed string
	// Shape is the frame the player needs: "wide" (16:9), "square",
	// "tall" (a post, a vertical video) or "strip" (an audio player).
	Shape string
	// File is "video" or "audio" for a file of the site's own, played by
	// the page's <video> or <audio> element (same host, so no facade).
	File string
	// Title is what the link itself says of its page: a Wikipedia
	// article's title. Usually "".
	Title string
}

// Verb is what clicking the facade does, as a word for keys and classes:
// "open" (a link with no player), "play_video", "play_audio", "show_map",
// "show_post", or "show_document" for any other kind. The renderer finds
// the button's text in the site's language by it.
func (m Media) Verb() string {
	switch {
	case m.Embed == "":
		return "open"
	case m.Kind == "video":
		return "play_video"
	case m.Kind == "audio":
		return "play_audio"
	case m.Kind == "map":
		return "show_map"
	case m.Kind == "post":
		return "show_post"
	}
	return "show_document"
}

// Action is the facade's button text in English: what clicking does.
func (m Media) Action() string {
	if a, ok := englishActions[m.Verb()]; ok {
		return a
	}
	return "Show " + m.Kind
}

var englishActions = map[string]string{"open": "Open", "play_video": "Play video", "play_audio": "Play audio",
	"show_map": "Show map", "show_post": "Show post"}

// Host is the link's host without "www.", for a link card: "example.org".
func (m Media) Host() string {
	u, err := url.Parse(m.URL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

var (
	videoExts = map[string]bool{".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".mov": true}
	audioExts = map[string]bool{".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".opus": true,
		".wav": true, ".flac": true, ".aac": true}
	idChars      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	spotifyKinds = map[string]bool{"track": true, "album": true, "playlist": true, "episode": true, "show": true, "artist": true}
)

// Detect tells what link is: an http(s) URL, a spotify: URI, or a path of
// the site's own ("clip.mp4", "/docs/report.pdf"), which it keeps as it
// is for the caller to resolve.
func Detect(link string) Media {
	if rest, ok := strings.CutPrefix(link, "spotify:"); ok {
		kind, id, _ := strings.Cut(timeline.SpotifyWithoutUser(rest), ":")
		if spotifyKinds[kind] && idChars.MatchString(id) {
			return spotify(kind, id)
		}
		return Media{Kind: "link", URL: link}
	}
	u, err := url.Parse(link)
	if err != nil {
		return Media{Kind: "link", URL: link}
	}
	if u.Scheme == "" && u.Host == "" {
		return local(link, u)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.TrimPrefix(host, "m.")
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	seg := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	switch {
	case host == "youtube.com" || host == "music.youtube.com" || host == "youtube-nocookie.com":
		id := u.Query().Get("v")
		switch seg(0) {
		case "shorts", "embed", "live", "v":
			id = seg(1)
		}
		if idChars.MatchString(id) {
			return youtube(id, u.Query(), seg(0) == "shorts")
		}
	case host == "youtu.be":
		if idChars.MatchString(seg(0)) {
			return youtube(seg(0), u.Query(), false)
		}
	case host == "vimeo.com" || host == "player.vimeo.com":
		for _, s := range segs {
			if _, err := strconv.ParseUint(s, 10, 64); err == nil {
				return Media{Provider: "Vimeo", Kind: "video", Shape: "wide", URL: "https://vimeo.com/" + s,
					// dnt=1: Vimeo's player sets no tracking cookie.
					Embed: "https://player.vimeo.com/video/" + s + "?dnt=1&autoplay=1"}
			}
		}
	case host == "dailymotion.com" || host == "dai.ly":
		id := seg(0)
		if host == "dailymotion.com" {
			id = ""
			if seg(0) == "video" || seg(0) == "embed" && seg(1) == "video" {
				id = seg(len(segs) - 1)
			}
		}
		id, _, _ = strings.Cut(id, "_") // /video/x8abc_some-title
		if idChars.MatchString(id) {
			return Media{Provider: "Dailymotion", Kind: "video", Shape: "wide", URL: "https://www.dailymotion.com/video/" + id,
				Embed: "https://www.dailymotion.com/embed/video/" + id + "?autoplay=1"}
		}
	case host == "soundcloud.com" || host == "on.soundcloud.com":
		if len(segs) >= 1 && host == "soundcloud.com" {
			page := "https://soundcloud.com" + u.EscapedPath()
			shape := "strip"
			if len(segs) >= 3 && segs[1] == "sets" {
				shape = "square"
			}
			return Media{Provider: "SoundCloud", Kind: "audio", Shape: shape, URL: page,
				Embed: "https://w.soundcloud.com/player/?url=" + url.QueryEscape(page) + "&auto_play=true"}
		}
	case host == "open.spotify.com":
		if strings.HasPrefix(seg(0), "intl-") {
			segs = segs[1:]
		}
		if seg(0) == "embed" {
			segs = segs[1:]
		}
		if spotifyKinds[seg(0)] && idChars.MatchString(seg(1)) {
			return spotify(seg(0), seg(1))
		}
	case host == "twitter.com" || host == "x.com" || host == "mobile.twitter.com":
		if seg(1) == "status" {
			if _, err := strconv.ParseUint(seg(2), 10, 64); err == nil {
				return Media{Provider: "X (Twitter)", Kind: "post", Shape: "tall", URL: "https://x.com/" + seg(0) + "/status/" + seg(2),
					Embed: "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=" + seg(2)}
			}
		}
	case host == "bsky.app":
		if seg(0) == "profile" && seg(2) == "post" && idChars.MatchString(seg(3)) {
			m := Media{Provider: "Bluesky", Kind: "post", Shape: "tall", URL: "https://bsky.app/profile/" + seg(1) + "/post/" + seg(3)}
			// Bluesky embeds a post by its author's DID; a handle would
			// need a lookup, a request, so it stays a link.
			if strings.HasPrefix(seg(1), "did:") {
				m.Embed = "https://embed.bsky.app/embed/" + seg(1) + "/app.bsky.feed.post/" + seg(3)
			}
			return m
		}
	case host == "instagram.com":
		if (seg(0) == "p" || seg(0) == "reel" || seg(0) == "tv") && idChars.MatchString(seg(1)) {
			return Media{Provider: "Instagram", Kind: "post", Shape: "tall", URL: "https://www.instagram.com/" + seg(0) + "/" + seg(1) + "/",
				Embed: "https://www.instagram.com/" + seg(0) + "/" + seg(1) + "/embed/"}
		}
	case host == "tiktok.com":
		if strings.HasPrefix(seg(0), "@") && seg(1) == "video" {
			if _, err := strconv.ParseUint(seg(2), 10, 64); err == nil {
				return Media{Provider: "TikTok", Kind: "video", Shape: "tall", URL: "https://www.tiktok.com/" + seg(0) + "/video/" + seg(2),
					Embed: "https://www.tiktok.com/embed/v2/" + seg(2)}
			}
		}
	case isGoogleMaps(host, seg(0)):
		return googleMaps(link, u, segs)
	case host == "openstreetmap.org":
		return openStreetMap(link, u)
	case strings.HasSuffix(host, ".wikipedia.org") && seg(0) == "wiki" && seg(1) != "":
		title, _ := url.PathUnescape(strings.Join(segs[1:], "/"))
		return Media{Provider: "Wikipedia", Kind: "article", URL: link, Title: strings.ReplaceAll(title, "_", " ")}
	}
	if strings.EqualFold(path.Ext(u.Path), ".pdf") {
		return Media{Kind: "document", URL: link}
	}
	return Media{Kind: "link", URL: link}
}

// local tells what a file of the site is by its extension.
func local(link string, u *url.URL) Media {
	ext := strings.ToLower(path.Ext(u.Path))
	switch {
	case videoExts[ext]:
		return Media{Kind: "video", File: "video", URL: link, Shape: "wide"}
	case audioExts[ext]:
		return Media{Kind: "audio", File: "audio", URL: link, Shape: "strip"}
	case ext == ".pdf":
		// The same host: the browser's own viewer may show it at once
		// when asked, as a player would.
		return Media{Kind: "document", URL: link, Embed: link, Shape: "tall"}
	}
	return Media{Kind: "link", URL: link}
}

func youtube(id string, q url.Values, short bool) Media {
	m := Media{Provider: "YouTube", Kind: "video", Shape: "wide", URL: "https://www.youtube.com/watch?v=" + id,
		// youtube-nocookie.com: YouTube's privacy-enhanced mode, which
		// stores nothing about the reader until the video plays.
		Embed: "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"}
	if short {
		m.Shape, m.URL = "tall", "https://www.youtube.com/shorts/"+id
	}
	if t := seconds(q.Get("t")); t > 0 {
		m.URL += "&t=" + strconv.Itoa(t)
		if short {
			m.URL = "https://www.youtube.com/watch?v=" + id + "&t=" + strconv.Itoa(t)
		}
		m.Embed += "&start=" + strconv.Itoa(t)
	} else if t := seconds(q.Get("start")); t > 0 {
		m.URL += "&t=" + strconv.Itoa(t)
		m.Embed += "&start=" + strconv.Itoa(t)
	}
	return m
}

// seconds reads YouTube's start times: "90", "90s", "1m30s", "1h2m3s".
func seconds(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return max(n, 0)
	}
	total, n := 0, 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == 'h':
			total, n = total+3600*n, 0
		case c == 'm':
			total, n = total+60*n, 0
		case c == 's':
			total, n = total+n, 0
		default:
			return 0
		}
	}
	return total + n
}

func spotify(kind, id string) Media {
	shape := "square"
	if kind == "track" || kind == "episode" {
		shape = "strip"
	}
	return Media{Provider: "Spotify", Kind: "audio", Shape: shape, URL: "https://open.spotify.com/" + kind + "/" + id,
		Embed: "https://open.spotify.com/embed/" + kind + "/" + id}
}

func isGoogleMaps(host, first string) bool {
	switch {
	case host == "maps.google.com" || host == "maps.app.goo.gl":
		return true
	case host == "goo.gl":
		return first == "maps"
	case host == "google.com" || strings.HasPrefix(host, "google."):
		return first == "maps"
	}
	return false
}

// googleAt finds "@lat,lng,zoomz" in a Google Maps path.
var googleAt = regexp.MustCompile(`@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?)z)?`)

// googleMaps embeds a map through the keyless "output=embed" page when the
// link says where (a place's name, a query or coordinates); a short link
// says nothing until followed, so it stays a link.
func googleMaps(link string, u *url.URL, segs []string) Media {
	m := Media{Provider: "Google Maps", Kind: "map", Shape: "square", URL: link}
	if u.Path == "/maps/embed" && u.Query().Get("pb") != "" {
		m.Embed = link
		return m
	}
	q := u.Query().Get("q")
	if q == "" {
		q = u.Query().Get("query")
	}
	zoom := ""
	if at := googleAt.FindStringSubmatch(u.Path); at != nil {
		if q == "" {
			q = at[1] + "," + at[2]
		}
		if at[3] != "" {
			zoom = strings.Split(at[3], ".")[0]
		}
	}
	if q == "" && len(segs) >= 3 && (segs[1] == "place" || segs[1] == "search") {
		q, _ = url.PathUnescape(strings.ReplaceAll(segs[2], "+", " "))
	}
	if q == "" {
		return m
	}
	v := url.Values{"q": {q}, "output": {"embed"}}
	if zoom != "" {
		v.Set("z", zoom)
	}
	m.Embed = "https://maps.google.com/maps?" + v.Encode()
	return m
}

// openStreetMap embeds OpenStreetMap's own map page for the place a link
// shows: "#map=ZOOM/LAT/LON", or a marker "?mlat=..&mlon=..".
func openStreetMap(link string, u *url.URL) Media {
	m := Media{Provider: "OpenStreetMap", Kind: "map", Shape: "square", URL: link}
	if u.Path == "/export/embed.html" {
		m.Embed = link
		return m
	}
	zoom, lat, lon := 0.0, "", ""
	if v, ok := strings.CutPrefix(u.Fragment, "map="); ok {
		if p := strings.Split(v, "/"); len(p) == 3 {
			z, err := strconv.ParseFloat(p[0], 64)
			if err == nil {
				zoom, lat, lon = z, p[1], p[2]
			}
		}
	}
	q := u.Query()
	marker := q.Get("mlat") != "" && q.Get("mlon") != ""
	if marker {
		lat, lon = q.Get("mlat"), q.Get("mlon")
		if zoom == 0 {
			zoom = 12
		}
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return m
	}
	// The embed page takes a box, not a zoom: half a tile's worth of
	// degrees either side at that zoom.
	half := 180 / float64(int64(1)<<min(int(zoom), 20))
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 5, 64) }
	v := url.Values{"bbox": {f(lo-half) + "," + f(la-half/2) + "," + f(lo+half) + "," + f(la+half/2)}, "layer": {"mapnik"}}
	if marker {
		v.Set("marker", lat+","+lon)
	}
	m.Embed = "https://www.openstreetmap.org/export/embed.html?" + v.Encode()
	return m
}
