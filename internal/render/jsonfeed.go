package render

import (
	"bytes"
	"encoding/json"
	"time"
)

// jsonFeed writes /feed.json: the same newest events as /feed.xml, in JSON
// Feed 1.1 (https://jsonfeed.org/version/1.1).
func (x *exports) jsonFeed(put func(string, []byte) error) error {
	cfg := x.r.site.Config
	type author struct {
		Name string `json:"name"`
	}
	type item struct {
		ID            string   `json:"id"`
		URL           string   `json:"url"`
		Title         string   `json:"title"`
		ContentHTML   string   `json:"content_html"`
		Summary       string   `json:"summary,omitempty"`
		Image         string   `json:"image,omitempty"`
		DatePublished string   `json:"date_published"`
		Tags          []string `json:"tags,omitempty"`
	}
	feed := struct {
		Version     string   `json:"version"`
		Title       string   `json:"title"`
		HomePageURL string   `json:"home_page_url"`
		FeedURL     string   `json:"feed_url"`
		Description string   `json:"description,omitempty"`
		Language    string   `json:"language,omitempty"`
		Authors     []author `json:"authors,omitempty"`
		Items       []item   `json:"items"`
	}{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       cfg.Title,
		HomePageURL: x.abs(""),
		FeedURL:     x.abs("feed.json"),
		Description: cfg.Description,
		Language:    cfg.Language,
		Items:       []item{},
	}
	if cfg.Author != "" {
		feed.Authors = []author{{cfg.Author}}
	}
	for _, v := range x.feedEvents(x.r.events) {
		content, err := x.feedContent(v)
		if err != nil {
			return err
		}
		it := item{
			ID:            x.id(v.Slug),
			URL:           x.abs(v.URL),
			Title:         v.Title,
			ContentHTML:   content,
			Summary:       v.Summary,
			DatePublished: instant(v.Date).Format(time.RFC3339),
		}
		if v.Image != "" {
			it.Image = x.abs(v.Image)
		}
		if v.Track != nil {
			it.Tags = append(it.Tags, v.Track.Name)
		}
		for _, t := range v.Tags {
			it.Tags = append(it.Tags, t.Name)
		}
		feed.Items = append(feed.Items, it)
	}
	b, err := marshalJSON(feed)
	if err != nil {
		return err
	}
	return put("feed.json", b)
}

// marshalJSON indents (so that the file reads and diffs well) and writes
// <, > and & as \u escapes: the decoded strings are the same, and no
// consumer that pastes the raw file into a page can be made to run a script.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
