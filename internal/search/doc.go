// Package search makes the full-text index of a built site, which the
// site's own script (static/search-engine.js) queries in the browser, with
// no server and no other host: for a site of any size, a query loads a few
// tens of kilobytes of it.
//
// The index is a folder of static files (see Index.Finish):
//
//   - search/index.json, the manifest: the number of events, the stop
//     words of the site's language, and the first word of each shard;
//   - search/w/N.bin, the shards: every word of the site, folded (see
//     Fold) and in byte order, cut into files of about ShardSize bytes,
//     each word with the events that have it in their title, in their
//     place, track, tags and date ("meta"), in their summary, and in their
//     body: a query loads the one or two shards its words fall in;
//   - search/track/SLUG.bin and search/tag/SLUG.bin, the events of each
//     track and tag, for a query within the home page's filters;
//   - search/e/N.json, the fragments of events N*Group to N*Group+Group-1:
//     what a result shows (title, date, track, tags, summary, link),
//     loaded only for the results on screen. The snippet of a match in
//     the body is cut from the event's own page, which the browser loads
//     for such a result alone, so that the index need not hold the site's
//     text twice.
//
// Events are numbered in the site's time order, from 0. A set of events
// is written as a list of gaps or as a bitmap, whichever is smaller (see
// appendSet), so that a word every event has costs one bit per event: an
// eighth of a kilobyte per thousand events, whatever the site's size.
//
// Query ranks the events that have every word of a query (each as a word
// or as the start of one), title above meta above summary above body, a
// whole word above a prefix; static/search-engine.js does the same in the
// browser, and the tests check the two against each other.
package search
