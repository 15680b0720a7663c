package i18n

import "golang.org/x/text/language"

// RTL reports whether lang, a language tag ("ar", "he-IL"), is written
// right to left, among the languages this package knows.
func RTL(lang string) bool {
	base, _ := language.Make(lang).Base()
	return rtl[base.String()]
}
