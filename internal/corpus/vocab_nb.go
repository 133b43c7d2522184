package corpus

import "strings"

// Norwegian bokmål word lists and sentence templates. Lists are ordered
// roughly by how often an ISMS uses the word: the samplers give early
// entries Zipf-like higher frequencies. Slots in templates are described in
// lang.go; "_" in a word list stands for a space.

func buildNb() *language {
	v := &vocabulary{
		code:      "nb",
		pctSuffix: " %",
		parseNoun: nbNoun,
		parseAdj:  nbAdjective,
		parseVerb: nbVerb,
		compound: func(p string, h noun) noun {
			if strings.HasPrefix(p, h.sg) {
				return noun{}
			}
			return noun{sg: p + h.sg, def: p + h.def, pl: p + h.pl, defpl: p + h.defpl, neuter: h.neuter}
		},
		nouns: `
informasjon sikkerhet virksomhet system:n tilgang risiko rutine krav:n0 tiltak:n0 ansvar:n0
leverandør bruker:er hendelse dokument:n kontroll data|dataene|data|dataene|n avvik:n0 prosess
løsning tjeneste ledelse medarbeider:er eier:er enhet nettverk:n0 server:er applikasjon database
passord:n0 nøkkel|nøkkelen|nøkler|nøklene sertifikat:n logg kopi sikkerhetskopi brannmur klient
avtale kontrakt plan policy prosedyre standard retningslinje dokumentasjon revisjon revisor
gjennomgang vurdering analyse rapport funn:n0 mål:n0 måling indikator status frist rolle oppgave
ressurs kompetanse opplæring kurs:n0 endring versjon konfigurasjon oppdatering sårbarhet
trussel|trusselen|trusler|truslene angrep:n0 skadevare virus:n0 kryptering algoritme protokoll
tjenesteleverandør underleverandør kunde partner:er myndighet tilsyn:n0 lov forskrift
personopplysning behandling samtykke:n personvern:n0 lokale:n kontor:n bygning
rom|rommet|rom|rommene|n utstyr:n0 mobiltelefon lagringsmedium|lagringsmediet|lagringsmedier|lagringsmediene|n
kabel|kabelen|kabler|kablene strøm|strømmen|strømmer|strømmene adgang nøkkelkort:n0 kamera:n alarm
prioritet alvorlighetsgrad konsekvens sannsynlighet verdi eiendel kategori klassifisering merking
overføring lagring sletting arkivering tilintetgjøring utvikling kode kildekode test testing
miljø:n produksjon drift kapasitet ytelse tilgjengelighet integritet konfidensialitet
autentisering identitet konto rettighet privilegium|privilegiet|privilegier|privilegiene|n
beredskap kontinuitet krise øvelse gjenoppretting nedetid tidsfrist tjenestenivå:n avdeling
region prosjekt:n anskaffelse budsjett:n ledergruppe styre:n beslutning godkjenning unntak:n0
dispensasjon forbedring årsak årsaksanalyse erfaring melding varsel|varselet|varsler|varslene|n
e-post vedlegg:n0 skjema:n mal sjekkliste dokumenteier:er prosesseier:er systemeier:er leder:er
sikkerhetsleder:er konsulent arbeidsstasjon nettleser:er plattform skytjeneste tjenesteavtale
databehandleravtale integrasjon grensesnitt:n0 segment:n sone trafikk filter|filteret|filtre|filtrene|n
regel|regelen|regler|reglene port tjenestekonto administrator fjerntilgang hjemmekontor:n reise
tap:n0 tyveri:n brudd:n0 bevissthet kultur holdning kommunikasjon rapportering oppfølging
evaluering effektivitet dokumentstyring register|registeret|registre|registrene|n oversikt lisens
programvare maskinvare fastvare sikkerhetsoppdatering sårbarhetsskanning penetrasjonstest
tidspunkt:n klokke tidskilde hendelseslogg spor:n0 sporbarhet bevis:n0 maskering pseudonymisering
anonymisering lekkasje datalekkasje filtrering nettside arkitektur prinsipp:n metode
verktøy|verktøyet|verktøy|verktøyene|n fase aktivitet hensyn:n0 formål:n0 omfang:n0 grunnlag:n0
kriterium|kriteriet|kriterier|kriteriene|n terskel|terskelen|terskler|tersklene nivå:n grad
frekvens intervall:n periode år:n0 måned uke dag time kvartal:n tidsplan milepæl leveranse
kostnad gevinst fordel mangel|mangelen|mangler|manglene svakhet styrke anbefaling observasjon
forbedringspunkt:n tillit etterlevelse samsvar:n0 internrevisjon interessent forventning behov:n0
kontekst rammeverk:n0 styringssystem:n sertifisering saksbehandler:er innkjøp:n0 faktura
bestilling ordre underskrift signatur fullmakt stedfortreder:er vaktordning vakt skift:n0
overlevering eskalering beslutningsgrunnlag:n0 scenario:n dokumentasjonskrav:n0 målgruppe
ansvarsområde:n bruksområde:n delprosess arbeidsflyt kontrollpunkt:n tidslinje handlingsplan
statusrapport beredskapsplan leverandøravtale tilgangsrettighet brukerkonto passordregel
sikkerhetsnivå:n risikonivå:n restrisiko risikoeier:er risikoregister|risikoregisteret|risikoregistre|risikoregistrene|n
hendelsesrapport kontrollmål:n0 nøkkeltall:n0 målepunkt:n datasenter|datasenteret|datasentre|datasentrene|n
serverrom|serverrommet|serverrom|serverrommene|n nødstrøm|nødstrømmen|nødstrømmer|nødstrømmene
reservekraft brannslukking vanninntrenging temperatur luftfuktighet
`,
		prefixes: `
tilgangs sikkerhets risiko hendelses leverandør bruker system nettverks drifts informasjons
kunde endrings sårbarhets kontinuitets beredskaps opplærings krypterings nøkkel logg sky data
programvare passord server klient mobil revisjons avviks kontroll styrings ledelses dokument arkiv
kapasitets konfigurasjons identitets sertifikat brannmur e-post database applikasjons
infrastruktur test utviklings produksjons lisens eiendels klassifiserings personvern kvalitets
overvåkings gjenopprettings tjeneste kontrakt prosjekt anskaffelses kompetanse adgangs strøm
personal innkjøps fjerntilgangs HR- IT- lønns økonomi kommunikasjons plattform sertifiserings
`,
		genericHeads: `
kontroll vurdering gjennomgang rutine plan krav:n0 tiltak:n0 ansvar:n0 rapport håndtering
styring policy prosess oversikt analyse test register|registeret|registre|registrene|n strategi
instruks sjekkliste
`,
		heads: `
avtale system:n logg miljø:n eier:er nivå:n mål:n0 varsling opplæring prosedyre måling overvåking
løsning tjeneste hendelse brudd:n0 avvik:n0 konto rolle dokumentasjon revisjon rettighet
verktøy|verktøyet|verktøy|verktøyene|n plattform område:n arkitektur modell prinsipp:n metode
budsjett:n indikator status kurs:n0 program|programmet|programmer|programmene|n sone kopi
nøkkel|nøkkelen|nøkler|nøklene regel|regelen|regler|reglene lekkasje tap:n0
trussel|trusselen|trusler|truslene kategori forvaltning leverandør
rådgiver:er koordinator ekspert
`,
		adjs: `
sikker|sikkert|sikre nødvendig relevant kritisk tilstrekkelig gjeldende dokumentert godkjent
oppdatert ny|nytt|nye eksisterende intern ekstern teknisk organisatorisk fysisk personlig sensitiv
konfidensiell|konfidensielt|konfidensielle åpen|åpent|åpne felles|felles|felles vesentlig alvorlig
høy lav middels|middels|middels akseptabel|akseptabelt|akseptable uakseptabel|uakseptabelt|uakseptable
regelmessig systematisk løpende årlig månedlig kvartalsvis|kvartalsvis|kvartalsvise automatisk
manuell|manuelt|manuelle sentral lokal tydelig klar fullstendig korrekt gyldig ugyldig utløpt
midlertidig permanent privilegert administrativ operativ strategisk juridisk kontraktsfestet
risikobasert kryptert beskyttet autorisert uautorisert tilgjengelig robust effektiv
hensiktsmessig forsvarlig formell|formelt|formelle uformell|uformelt|uformelle skriftlig muntlig
digital elektronisk trådløs bærbar ansvarlig berørt aktuell|aktuelt|aktuelle tidligere kommende
planlagt gjennomført avsluttet registrert vurdert prioritert standardisert sentralisert samlet
overordnet|overordnet|overordnede underliggende maksimal minimal grunnleggende avansert
omfattende begrenset|begrenset|begrensede utvidet|utvidet|utvidede kontinuerlig proaktiv reaktiv
korrigerende forebyggende anerkjent etablert godt_egnet|godt_egnet|godt_egnede uavhengig
sporbar målbar realistisk foreløpig endelig ordinær ekstraordinær
`,
		verbs: `
vurdere sikre:et dokumentere gjennomføre:te håndtere godkjenne:te registrere kontrollere
etablere oppdatere følge|fulgte|fulgt beskytte:et implementere evaluere informere rapportere
identifisere lagre:et behandle:et varsle:et teste:et overvåke:et klassifisere kommunisere
analysere prioritere koordinere verifisere validere begrense:et slette:et endre:et
gjennomgå|gjennomgår|gjennomgikk|gjennomgått autorisere autentisere kryptere arkivere
administrere konfigurere installere publisere eskalere revidere definere integrere signere
sertifisere anonymisere pseudonymisere tildele:te dele:te bruke:te fastsette|fastsetter|fastsatte|fastsatt
vedlikeholde|vedlikeholder|vedlikeholdt|vedlikeholdt kartlegge|kartlegger|kartla|kartlagt
sende:te melde:te kjøre:te lære:te fjerne:et bestemme:te oppbevare:te innføre:te utføre:te
oppfylle:te ivareta|ivaretar|ivaretok|ivaretatt tilpasse:et merke:et logge:et spore:et
utarbeide:et avslutte:et bekrefte:et forbedre:et gjenopprette:et dekke:et låse:te bytte:et
beskrive|beskriver|beskrev|beskrevet inngå|inngår|inngikk|inngått gi|ga|gitt ta|tok|tatt
rette:et stanse:et fornye:et granske:et justere organisere separere simulere
strukturere sentralisere standardisere involvere notere reparere instruere avdekke:et
kvalitetssikre:et risikovurdere tilbakekalle:te fordele:te planlegge|planlegger|planla|planlagt
etterprøve|etterprøvde|etterprøvd overføre:te dimensjonere måle:te avklare:et videreføre:te samordne:et
`,
		advs: `
regelmessig løpende umiddelbart systematisk fortløpende jevnlig årlig manuelt automatisk
sentralt lokalt skriftlig tydelig raskt sikkert konsekvent formelt uavhengig samlet separat
kontinuerlig midlertidig strukturert risikobasert uten_ugrunnet_opphold så_snart_som_mulig
etter_behov i_samråd_med_ledelsen på_en_sporbar_måte i_henhold_til_gjeldende_krav
med_jevne_mellomrom fortrinnsvis normalt primært særskilt eksplisitt digitalt elektronisk
proaktivt grundig forsvarlig hensiktsmessig kostnadseffektivt trinnvis
`,
		roles: `
sikkerhetsleder|sikkerhetslederen IT-sjef|IT-sjefen systemeier|systemeieren
prosesseier|prosesseieren nærmeste_leder|nærmeste_leder ledergruppe|ledergruppen
personvernombud|personvernombudet driftsleder|driftslederen HR-leder|HR-lederen
risikoeier|risikoeieren dokumenteier|dokumenteieren internrevisor|internrevisoren
beredskapsleder|beredskapslederen leverandøransvarlig|den_leverandøransvarlige
utviklingsleder|utviklingslederen tjenesteeier|tjenesteeieren administrerende_direktør|administrerende_direktør
sikkerhetsforum|sikkerhetsforumet brukerstøtte|brukerstøtten sikkerhetsarkitekt|sikkerhetsarkitekten
kvalitetsleder|kvalitetslederen innkjøpsleder|innkjøpslederen eiendomsforvalter|eiendomsforvalteren
`,
		systems: `
HR-systemet
ERP-systemet
kundeportalen
saksbehandlingssystemet
Microsoft 365
Entra ID
ServiceNow
Jira
SIEM-løsningen
backupløsningen
CRM-systemet
lønnssystemet
fakturaløsningen
intranettet
Nordlys Portal
Splunk
Veeam
GitLab
Kubernetes-plattformen
dokumentarkivet
avvikssystemet
risikoregisteret
`,
		locations: `
Region Vest
Region Øst
Bergen
Oslo
Trondheim
Stavanger
Tromsø
Kristiansand
datasenteret i Bergen
datasenteret i Oslo
hovedkontoret
lageret på Alnabru
alle regionkontorer
Ålesund
Bodø
Drammen
Fredrikstad
Haugesund
Molde
Hamar
Lillehammer
Gjøvik
Narvik
Harstad
Alta
Kongsberg
Sandefjord
Tønsberg
Skien
Arendal
Larvik
Sarpsborg
Halden
Førde
Stord
Voss
Mo i Rana
Steinkjer
Levanger
Kirkenes
Hammerfest
Lillestrøm
Asker
Sandnes
Egersund
`,
		standards: `
ISO/IEC 27001
ISO/IEC 27002
ISO/IEC 27005
ISO 22301
NSMs grunnprinsipper for IKT-sikkerhet
personopplysningsloven
GDPR
sikkerhetsloven
NIS2-direktivet
CIS Controls
bokføringsloven
arbeidsmiljøloven
digitalsikkerhetsloven
`,
		freqs: `
daglig
ukentlig
månedlig
hvert kvartal
halvårlig
årlig
minst én gang i året
hver 90. dag
ved hver endring
etter hver større hendelse
hver tredje måned
annethvert år
fortløpende
ved behov
før hver produksjonssetting
`,
		levels: `
lav
middels
høy
akseptabel
kritisk
moderat
`,
		codes: "PasswordMinimumLength = 14\n/var/log/auth.log\nsshd_config\nPermitRootLogin no\nTLS 1.3\nAES-256-GCM\nSHA-256\nntp.nordlys.local\nbackup-retention: 35d\nauditd\nlogrotate\ngit tag -s\nchmod 600\n10.20.0.0/16\n443/tcp\nMFA=required\nkubectl get pods\nsyslog-ng\nSet-MpPreference\nMaxAuthTries 3",
		links: `
[NSMs grunnprinsipper for IKT-sikkerhet](https://nsm.no/fagomrader/digital-sikkerhet/nsms-grunnprinsipper-for-ikt-sikkerhet/)
[Datatilsynet](https://www.datatilsynet.no/)
[ENISA](https://www.enisa.europa.eu/)
[CIS Controls](https://www.cisecurity.org/controls)
[OWASP Top 10](https://owasp.org/www-project-top-ten/)
[Digdir](https://www.digdir.no/informasjonssikkerhet)
`,
		days:        "2 dager\n3 dager\n5 dager\n7 dager\n10 dager\n14 dager\n30 dager\n60 dager\n90 dager\n180 dager\n365 dager\n48 timer\n24 timer",
		orgs:        "Nordlys Konsern AS\nNordlys Energi AS\nNordlys Nett AS\nNordlys Data AS\nNordlys Eiendom AS",
		recordKinds: "Rapport\nReferat\nLogg\nProtokoll\nSjekkliste\nRevisjonsrapport\nEvalueringsrapport",
		notes:       "**Merk:**\n**Viktig:**\n**Eksempel:**",
		qualifiers: `
Region Vest
Region Øst
Region Nord
Region Midt
Region Sør
Drift
Økonomi
HR
Kundeservice
Utvikling
Datasenter Bergen
Datasenter Oslo
Konsern
Nordlys Energi AS
Nordlys Nett AS
Nordlys Data AS
Innkjøp
Juridisk
`,
		sentences: `
{rd} er ansvarlig for at {ndp} {vs} {freq}.
Alle {anp} skal {vs} før de tas i bruk.
{nd} skal {vs} i {sys} innen {days}.
Ved {n} skal {rd} {v} {nd} og {v} {ndp}.
{an} kan bare {vs} etter at {nd} er {vpp}.
Dersom {en} {vs}, skal {rd} varsles uten ugrunnet opphold.
{td} omfatter {anp}, {np} og {np}.
Formålet med {td} er å {v} {ndp} og {v} {an}.
Virksomheten {vp} {anp} i tråd med {std}.
{ndp} {vs} {freq}, og resultatet dokumenteres i {sys}.
{rd} {vp} {nd} minst én gang i året.
Hvis {nd} ikke er {a}, skal {rd} {v} {en}.
{nd} er {a} når {ndp} er {a}.
I {year} ble {num} {np} {vpp}, og {pct} av dem var {a}.
Endringer i {nd} skal {vs} av {rd} før de {vs}.
{td} skal sikre at {nd} er {a} og at {ndp} {vs} {adv}.
Avvik fra {td} skal {vs} som {en} og følges opp av {rd}.
Tilgang til {ndp} gis bare til brukere med tjenstlig behov.
{rd} skal {v} {nd} og rapportere status til {rd}.
Manglende {n} kan føre til {an} og {anp}.
{ndp} som er {a}, {vs} {adv} i {sys}.
For {ndp} i {loc} gjelder i tillegg {anp}.
Risikoen knyttet til {ndp} vurderes som {lvl}.
Målet er at {pct} av {ndp} skal være {a} innen {year}.
Ved mistanke om {n} skal {rd} kontaktes umiddelbart.
Loggene fra {sys} oppbevares i {days} og gjennomgås {freq}.
{rd} vurderer {freq} om {nd} er {a}.
{nd} beskriver hvordan {ndp} skal {vs}.
Denne {typ} gjelder for alle {np} i {org}.
Det er ikke tillatt å {v} {ndp} uten at {rd} har {vpp} {nd}.
{rd} har {vpp} {num} {np} siden {date}.
Totalt {vs} {num} {np} i perioden.
{nd} og {nd} henger tett sammen og bør {vs} samlet.
Erfaringer fra {ndp} brukes til å {v} {td}.
I praksis betyr dette at {rd} må {v} {ndp} før {nd} {vs}.
Uten {an} er det vanskelig å {v} {ndp} på en {a0} måte.
Kravene i {td} bygger på {std} og {std}.
{nd} skal være {a} for {ndp} som har behov for det.
Alle {ndp} skal være merket med {n} og {n}.
Det gjennomføres {an} av {ndp} {freq}.
{rd} godkjenner {ndp} etter {an}.
Når {en} {vs}, skal det registreres {an} i {sys}.
Saksnummer {ticket} viser hvordan {en} ble {vpp} i {year}.
Ved uenighet avgjør {rd}.
Vi {vp} {ndp} fordi {nd} ellers kan bli {a}.
{ndp} i {sys} {vs} automatisk, men {ndp} må {vs} manuelt.
Ingen {np} skal {vs} uten godkjenning fra {rd}.
Dette gjelder også {anp} hos {np}.
{rd} og {rd} deler ansvaret for {nd}.
Resultatet av {nd} rapporteres til {rd} innen {days}.
Alle {np} skal ha {an} og {an}.
Eventuelle {np} skal {vs} og lukkes innen {days}.
Tiltakene prioriteres etter {n} og {n}.
Det skal være mulig å {v} {ndp} i {sys} uten å {v} {nd}.
Ved bruk av {sys} skal {ndp} {vs} og {ndp} {vs}.
{nd} evalueres {freq} som en del av {td}.
Det finnes {num} {anp} i {loc}, og {pct} av dem er {a}.
{rd} {vpt} {nd} i {year} og {vpt} {num} {np}.
Å {v} {ndp} er et felles ansvar.
Ved større endringer i {nd} skal {td} oppdateres.
{rd} skal ha oversikt over {andp} og {ndp}.
{andp} skal {vs} {adv} og senest innen {days}.
Vi har valgt å {v} {ndp} {adv} fordi {nd} er {a}.
Kravet gjelder ikke {anp} som allerede er {vpp}.
{nd} skal ikke {vs} før {rd} har {vpp} {nd}.
Eieren av {nd} har ansvar for at {ndp} er {a}.
{rd} rapporterer {freq} på {ndp} og {np}.
Det er etablert {an} for {ndp} i {org}.
Status for {nd} følges opp i {sys} med saksnummer {ticket}.
Ved brudd på {td} kan {rd} {v} {nd}.
Leverandører som {vp} {ndp}, skal oppfylle de samme kravene.
Alle ansatte skal kjenne til {td} og vite hvordan {en} {vs}.
{and} skal {vs} av {rd} og lagres i {sys}.
Unntak fra kravet om {n} skal godkjennes av {rd} og tidsbegrenses.
Kostnadene ved {n} skal vurderes opp mot {nd}.
{rd} sørger for at {np} og {np} blir {vpp} {adv}.
`,
		refSentences: `
Se {ref} for nærmere krav.
Dette støtter {ref}.
Kravene gjelder i tillegg til {ref}.
Se også {ref}.
Dokumentet bygger på {ref}.
Tiltaket dekker {ref}.
For {nd}, se {ref}.
Dette er nærmere beskrevet i {ref}.
{rd} skal påse at {ref} etterleves.
Sammenhengen med {ref} vurderes {freq}.
`,
		codeSentences: `
Innstillingen {code} skal være aktivert for alle {np}.
Bruk {code} for å {v} {ndp}.
Verdien {code} dokumenteres i {sys}.
Konfigurasjonen {code} kontrolleres {freq}.
`,
		linkSentences: `
Se {link} for mer informasjon om {n}.
Veiledning om {n} finnes hos {link}.
Vi følger anbefalingene fra {link} for {ndp}.
`,
		bullets: `
{nd} skal {vs} {freq}
{anp} i {sys}
{rd} {vp} {ndp}
{n} og {n}
krav til {n} og {n}
{np} som er {a}
{an} for {ndp}
dokumentert {n} for {ndp}
{andp} i {loc}
{rd} godkjenner {en}
tidsfrist for {n}: {days}
{ndp} {vs} i {sys}
`,
		steps: `
{vi} {nd} i {sys}.
{vi} {ndp} og {vi} {nd}.
Kontroller at {nd} er {a}.
Registrer {en} i {sys} med saksnummer {ticket}.
Varsle {rd} dersom {nd} ikke er {a}.
{vi} {an} og oversend resultatet til {rd}.
Dokumenter {ndp} og lagre dem i {sys}.
{vi} {ndp} innen {days}.
Be {rd} om å {v} {nd}.
Lukk saken når {nd} er {vpp}.
`,
		leadIns: `
Følgende gjelder:
Dette innebærer blant annet:
{rd} skal sørge for følgende:
Minimumskravene er:
Vurderingen skal omfatte:
Dette omfatter:
`,
		stepLeadIns: `
Prosessen består av disse stegene:
Gjør slik:
{rd} følger denne fremgangsmåten:
Stegene under gjennomføres i rekkefølge:
`,
		subheadings: `
{n}
Krav til {n}
Håndtering av {np}
{np} i {sys}
Ansvar for {nd}
Særskilte krav for {np}
{n} og {n}
{an}
Oppfølging av {np}
`,
		summaries: `
{typ} beskriver hvordan {td} gjennomføres for {qual}.
Krav og ansvar for {td} for {qual}.
Beskriver {anp} og {ndp} knyttet til {td}.
Fastsetter hvordan {ndp} skal {vs} innenfor {td}.
`,
		recordSummaries: `
Dokumentasjon av {td} for {period}, {qual}.
Resultat av {td} i {period} for {qual}.
`,
		recordIntros: `
Dato: {ddate}. Deltakere: {r}, {r} og {r}. Referansen i {sys} er {ticket}.
Gjennomført {ddate} av {rd} sammen med {rd}. Saksnummer {ticket}.
`,
		closings: `
Godkjent av {r}, {ddate}.
Neste gjennomgang planlegges i {year}. Ansvarlig: {r}.
`,
		tables: `
| Aktivitet | Ansvarlig | Frekvens |
|---|---|---|
| {nd} | {r} | {freq} |

| Risiko | Sannsynlighet | Konsekvens | Tiltak |
|---|---|---|---|
| {n} | {lvl} | {lvl} | {vi} {nd} |

| Funn | Alvorlighetsgrad | Frist | Ansvarlig |
|---|---|---|---|
| {nd} er ikke {a} | {lvl} | {date} | {r} |

| Kontroll | Status | Kommentar |
|---|---|---|
| {ctl} | {lvl} | {anp} {vs} {freq} |

| System | Eier | Klassifisering | Sist vurdert |
|---|---|---|---|
| {sys} | {r} | {lvl} | {date} |
`,
		sections: [numTypes]string{
			policy:    "Formål\nOmfang\nBakgrunn\nPrinsipper\nKrav\nRoller og ansvar\nEtterlevelse\nUnntak\nGjennomgang og vedlikehold\nDefinisjoner",
			procedure: "Formål\nOmfang\nAnsvar\nForutsetninger\nFremgangsmåte\nDokumentasjon\nAvvikshåndtering\nOppfølging\nRelaterte rutiner",
			standard:  "Formål\nGyldighetsområde\nMinimumskrav\nTekniske krav\nKonfigurasjon\nVerifikasjon\nUnntak\nEndringshistorikk",
			guideline: "Bakgrunn\nHvem gjelder dette for\nAnbefalinger\nGod praksis\nEksempler\nVanlige feil\nHjelp og støtte\nVidere lesning",
			plan:      "Mål\nOmfang\nTiltak\nTidsplan\nRessurser\nRisiko\nOppfølging og rapportering\nGodkjenning",
			record:    "Sammendrag\nBakgrunn\nGjennomføring\nFunn\nAvvik og tiltak\nVurdering\nKonklusjon\nGodkjenning",
		},
		typeTitle: [numTypes]string{"Policy", "Prosedyre", "Standard", "Retningslinje", "Plan", "Rapport"},
		typeDef:   [numTypes]string{"policyen", "prosedyren", "standarden", "retningslinjen", "planen", "rapporten"},
		ownText:   [numTypes]string{"policyen for ", "prosedyren for ", "standarden for ", "retningslinjen for ", "planen for ", "rapporten om "},
	}
	return v.build()
}
