// Package risk is the risk register and the risk treatment plan of an ISMS
// (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2 and 8.3): a site's optional
// risks.yaml, read into a Register, checked, turned into the data of the
// register, risk and treatment-plan pages, and written as risks.csv,
// rtp.csv and risks.xlsx. It also reads a register kept in a spreadsheet
// back into risks.yaml text (Import).
//
// Data enters through Read (risks.yaml, decoded with internal/tree so that
// every finding points at its line and column) and Import (CSV or XLSX).
// Checks that need the rest of the site — document IDs, soa.yaml's
// exclusions and reasons, today's date — come in through a CheckContext of
// plain values and functions. Data leaves as findings, as the view structs
// the theme's risks.html, risk.html and rtp.html templates are executed
// with (RegisterView, RiskView), and as file bytes (RisksCSV, RTPCSV, XLSX).
//
// The package knows the catalogue of controls (to check control IDs) and
// the finding and tree packages. It knows nothing of documents, Markdown,
// templates or the build: a risk's description is kept as raw Markdown
// with its position for the caller to render, UI words come in as a Words
// function, and links are the templates' business.
package risk
