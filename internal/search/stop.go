package search

import "strings"

// stopWords are, per language, the words so common that they tell events
// apart no better than chance: "the", "of", "и". The index leaves them out
// of summaries and bodies, where nearly every event has them (their lists
// would be most of a large site's index), and keeps them in titles. The
// site's language (site.toml's language, "en" by default) picks the list.
var stopWords = map[string]string{
	"en": "a an and are as at be but by for from had has have he her his in is it its of on or she that the their they this to was were which with",
	"fr": "au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne ou par pas pour qu que qui sa se ses son sur un une",
	"de": "am an auf aus bei das dem den der des die ein eine einem einen einer es im in ist mit nach nicht sich sie und von vom zu zum zur",
	"es": "al como con de del el en es la las lo los para por que se su sus un una y",
	"it": "a al alla che con da dei del della di e gli i il in la le nel per si su un una",
	"pt": "a ao as com da das de do dos e em na no nos o os para por que se um uma",
	"nl": "aan als de den der een en het in is met niet of op te van voor zijn",
	"ru": "а в во и к на не но о от по с со у что это как из за для до же",
	"uk": "а в до з за і й на не по та у що як із",
	"pl": "a do i jak na nie o od po się w z za że",
}

// StopWords returns the stop words of a language tag ("en", "fr-CA"),
// folded, or none for a language without a list.
func StopWords(lang string) []string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	var out []string
	for _, w := range strings.Fields(stopWords[lang]) {
		out = append(out, Fold(w))
	}
	return out
}
