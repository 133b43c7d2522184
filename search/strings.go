package search

// DefaultStrings returns the client's interface strings for a site
// language (nb, or en; anything else gets nb), as a new map the caller may
// change. The keys are the ones Options.Strings may set:
//
//	no results      shown when nothing matches; {query} is the query
//	did you mean    introduces the nearest indexed words after "no results"
//	showing         says the results are for a corrected query; {query} is it
//	search instead  links to the results of the query as typed; {query} is it
//	all results     the popup's link to the results page
//	results         the count on the results page; {count} is the number
//	results.one     the same, for exactly one result
//	more            button that shows more results on the results page
//	filter          label of the type filter on the results page
//	filter.all      the filter's "every type" choice
//	loading         shown while index files load
//	error           shown when the index cannot be loaded
//	type.policy, type.procedure, type.standard, type.guideline, type.plan, type.record
//	                the document types, on results and in the filter
//	kind.control, kind.control2013, kind.clause
//	                the kinds of catalogue entries an ID query offers
func DefaultStrings(lang string) map[string]string {
	if lang == "en" {
		return map[string]string{
			"no results":       "No results for “{query}”.",
			"did you mean":     "Did you mean:",
			"showing":          "Showing results for “{query}”.",
			"search instead":   "Search instead for “{query}”",
			"all results":      "Show all results",
			"results":          "{count} results",
			"results.one":      "1 result",
			"more":             "Show more",
			"filter":           "Document type",
			"filter.all":       "All",
			"loading":          "Searching…",
			"error":            "The search index could not be loaded.",
			"type.policy":      "Policy",
			"type.procedure":   "Procedure",
			"type.standard":    "Standard",
			"type.guideline":   "Guideline",
			"type.plan":        "Plan",
			"type.record":      "Record",
			"kind.control":     "Control",
			"kind.control2013": "Control (2013)",
			"kind.clause":      "Clause",
		}
	}
	return map[string]string{
		"no results":       "Ingen treff for «{query}».",
		"did you mean":     "Mente du:",
		"showing":          "Viser treff for «{query}».",
		"search instead":   "Søk i stedet etter «{query}»",
		"all results":      "Vis alle treff",
		"results":          "{count} treff",
		"results.one":      "1 treff",
		"more":             "Vis flere",
		"filter":           "Dokumenttype",
		"filter.all":       "Alle",
		"loading":          "Søker …",
		"error":            "Søkeindeksen kunne ikke lastes.",
		"type.policy":      "Policy",
		"type.procedure":   "Prosedyre",
		"type.standard":    "Standard",
		"type.guideline":   "Retningslinje",
		"type.plan":        "Plan",
		"type.record":      "Registrering",
		"kind.control":     "Kontroll",
		"kind.control2013": "Kontroll (2013)",
		"kind.clause":      "Krav",
	}
}
