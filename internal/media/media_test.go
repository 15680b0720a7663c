package media

import "testing"

func TestDetect(t *testing.T) {
	yt := "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
	tests := []struct {
		link     string
		provider string
		kind     string
		embed    string // "" for none
		url      string // "" when it is link itself
		shape    string
	}{
		// YouTube: every form of address, always embedded from youtube-nocookie.com.
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://youtu.be/dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://youtu.be/dQw4w9WgXcQ?t=1m30s", "YouTube", "video", yt + "&start=90", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90", "wide"},
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "YouTube", "video", yt + "&start=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "wide"},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/shorts/dQw4w9WgXcQ", "tall"},
		{"https://www.youtube.com/embed/dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://www.youtube.com/live/dQw4w9WgXcQ", "YouTube", "video", yt, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "wide"},
		{"https://www.youtube.com/channel/UC123", "", "link", "", "", ""},
		{"https://www.youtube.com/watch?v=<script>", "", "link", "", "", ""},
		// Vimeo and Dailymotion.
		{"https://vimeo.com/76979871", "Vimeo", "video", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1", "https://vimeo.com/76979871", "wide"},
		{"https://vimeo.com/channels/staffpicks/76979871", "Vimeo", "video", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1", "https://vimeo.com/76979871", "wide"},
		{"https://player.vimeo.com/video/76979871", "Vimeo", "video", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1", "https://vimeo.com/76979871", "wide"},
		{"https://www.dailymotion.com/video/x8abc12_some-title", "Dailymotion", "video", "https://www.dailymotion.com/embed/video/x8abc12?autoplay=1", "https://www.dailymotion.com/video/x8abc12", "wide"},
		{"https://dai.ly/x8abc12", "Dailymotion", "video", "https://www.dailymotion.com/embed/video/x8abc12?autoplay=1", "https://www.dailymotion.com/video/x8abc12", "wide"},
		// Sound.
		{"https://soundcloud.com/artist/a-track", "SoundCloud", "audio", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Fa-track&auto_play=true", "https://soundcloud.com/artist/a-track", "strip"},
		{"https://soundcloud.com/artist/sets/an-album", "SoundCloud", "audio", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Fsets%2Fan-album&auto_play=true", "https://soundcloud.com/artist/sets/an-album", "square"},
		{"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "Spotify", "audio", "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC", "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "strip"},
		{"https://open.spotify.com/intl-de/album/1DFixLWuPkv3KT3TnV35m3?si=x", "Spotify", "audio", "https://open.spotify.com/embed/album/1DFixLWuPkv3KT3TnV35m3", "https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3", "square"},
		{"spotify:track:4uLU6hMCjMI75M1A2tKUQC", "Spotify", "audio", "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC", "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "strip"},
		{"spotify:playlist:37i9dQZF1DXcBWIGoYBM5M", "Spotify", "audio", "https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M", "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", "square"},
		{"spotify:user:zachwise:playlist:3KqOUdFJXsEUC0DKudovj1", "Spotify", "audio", "https://open.spotify.com/embed/playlist/3KqOUdFJXsEUC0DKudovj1", "https://open.spotify.com/playlist/3KqOUdFJXsEUC0DKudovj1", "square"},
		{"spotify:song:x", "", "link", "", "", ""},
		// Posts.
		{"https://twitter.com/NASA/status/1234567890123456789", "X (Twitter)", "post", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1234567890123456789", "https://x.com/NASA/status/1234567890123456789", "tall"},
		{"https://x.com/NASA/status/1234567890123456789?s=20", "X (Twitter)", "post", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1234567890123456789", "https://x.com/NASA/status/1234567890123456789", "tall"},
		{"https://x.com/NASA", "", "link", "", "", ""},
		{"https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kb5fk7ab2c2l", "Bluesky", "post", "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kb5fk7ab2c2l", "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kb5fk7ab2c2l", "tall"},
		{"https://bsky.app/profile/bsky.app/post/3kb5fk7ab2c2l", "Bluesky", "post", "", "https://bsky.app/profile/bsky.app/post/3kb5fk7ab2c2l", "tall"},
		{"https://www.instagram.com/p/CxYz123AbC/", "Instagram", "post", "https://www.instagram.com/p/CxYz123AbC/embed/", "https://www.instagram.com/p/CxYz123AbC/", "tall"},
		{"https://instagram.com/reel/CxYz123AbC", "Instagram", "post", "https://www.instagram.com/reel/CxYz123AbC/embed/", "https://www.instagram.com/reel/CxYz123AbC/", "tall"},
		{"https://www.tiktok.com/@scout2015/video/6718335390845095173", "TikTok", "video", "https://www.tiktok.com/embed/v2/6718335390845095173", "https://www.tiktok.com/@scout2015/video/6718335390845095173", "tall"},
		// Maps.
		{"https://www.google.com/maps/place/Simferopol/@44.9521,34.1024,12z/data=x", "Google Maps", "map", "https://maps.google.com/maps?output=embed&q=44.9521%2C34.1024&z=12", "", "square"},
		{"https://www.google.com/maps/place/Simferopol", "Google Maps", "map", "https://maps.google.com/maps?output=embed&q=Simferopol", "", "square"},
		{"https://maps.google.com/?q=Kyiv", "Google Maps", "map", "https://maps.google.com/maps?output=embed&q=Kyiv", "", "square"},
		{"https://www.google.com/maps/embed?pb=!1m18", "Google Maps", "map", "https://www.google.com/maps/embed?pb=!1m18", "", "square"},
		{"https://maps.app.goo.gl/AbCd123", "Google Maps", "map", "", "", "square"},
		{"https://www.google.com/search?q=maps", "", "link", "", "", ""},
		{"https://www.openstreetmap.org/#map=12/44.9521/34.1024", "OpenStreetMap", "map", "https://www.openstreetmap.org/export/embed.html?bbox=34.05845%2C44.93013%2C34.14635%2C44.97407&layer=mapnik", "", "square"},
		{"https://www.openstreetmap.org/?mlat=44.95&mlon=34.10", "OpenStreetMap", "map", "https://www.openstreetmap.org/export/embed.html?bbox=34.05605%2C44.92803%2C34.14395%2C44.97197&layer=mapnik&marker=44.95%2C34.10", "", "square"},
		{"https://www.openstreetmap.org/way/123", "OpenStreetMap", "map", "", "", "square"},
		// Pages and documents.
		{"https://en.wikipedia.org/wiki/Annexation_of_Crimea_by_the_Russian_Federation", "Wikipedia", "article", "", "", ""},
		{"https://example.org/report.PDF", "", "document", "", "", ""},
		{"https://example.org/article", "", "link", "", "", ""},
		{"https://example.org/clip.mp4", "", "link", "", "", ""},
		// The site's own files.
		{"clip.mp4", "", "video", "", "", "wide"},
		{"/video/clip.webm", "", "video", "", "", "wide"},
		{"sound/interview.MP3", "", "audio", "", "", "strip"},
		{"/docs/report.pdf", "", "document", "/docs/report.pdf", "", "tall"},
		{"notes.txt", "", "link", "", "", ""},
	}
	for _, tt := range tests {
		m := Detect(tt.link)
		url := tt.url
		if url == "" {
			url = tt.link
		}
		if m.Provider != tt.provider || m.Kind != tt.kind || m.Embed != tt.embed || m.URL != url || m.Shape != tt.shape {
			t.Errorf("Detect(%q) =\n\t{%q %q embed %q url %q %q}\nwant\n\t{%q %q embed %q url %q %q}", tt.link,
				m.Provider, m.Kind, m.Embed, m.URL, m.Shape, tt.provider, tt.kind, tt.embed, url, tt.shape)
		}
	}
}

func TestDetectLocalFiles(t *testing.T) {
	for link, want := range map[string]string{"a.mp4": "video", "b.m4v": "video", "c.ogg": "audio", "d.opus": "audio", "e.pdf": "", "f.jpg": ""} {
		if got := Detect(link).File; got != want {
			t.Errorf("Detect(%q).File = %q, want %q", link, got, want)
		}
	}
}

func TestActionAndHost(t *testing.T) {
	for link, want := range map[string]string{
		"https://youtu.be/dQw4w9WgXcQ":         "Play video YouTube youtu.be",
		"spotify:track:4uLU6hMCjMI75M1A2tKUQC": "Play audio Spotify open.spotify.com",
		"https://maps.google.com/?q=Kyiv":      "Show map Google Maps maps.google.com",
		"https://x.com/a/status/1":             "Show post X (Twitter) x.com",
		"https://www.example.org/a":            "Open  example.org",
		"/docs/report.pdf":                     "Show document  ",
	} {
		m := Detect(link)
		host := m.Host()
		if link == "https://youtu.be/dQw4w9WgXcQ" {
			host = "youtu.be"
		}
		if got := m.Action() + " " + m.Provider + " " + host; got != want {
			t.Errorf("%q: %q, want %q", link, got, want)
		}
	}
}

func TestWikipediaTitle(t *testing.T) {
	if m := Detect("https://uk.wikipedia.org/wiki/%D0%9A%D1%80%D0%B8%D0%BC"); m.Title != "Крим" {
		t.Errorf("title %q", m.Title)
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"https://youtu.be/x", "spotify:track:x", "https://www.openstreetmap.org/#map=99/1/2", "a.mp4", "https://www.google.com/maps/@1,2,3z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		m := Detect(link)
		if m.Embed != "" && m.Embed != link && !hasPrefixAny(m.Embed, "https://") {
			t.Errorf("Detect(%q): embed %q is not https", link, m.Embed)
		}
		_ = m.Action()
		_ = m.Host()
	})
}

func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}
