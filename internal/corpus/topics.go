package corpus

// Shared tables: the subjects documents are about, with the ISO/IEC
// 27002:2022 controls and ISO/IEC 27001:2022 clauses that such a document
// would cite, and the people and roles that own documents. Control and
// clause IDs are hard-coded on purpose: the generator must not depend on the
// catalogue it is used to benchmark.

// clauseIDs are the ISO/IEC 27001:2022 clauses a document may cite.
const clauseIDs = `4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 6.3 7 7.1 7.2 7.3
7.4 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2`

// excludedControls are declared not applicable in soa.yaml; no document
// cites them.
var excludedControls = []string{"7.4", "7.12", "8.30"}

// topicTable: nb title | nb definite [| flags: n neuter, p plural] ; en ;
// controls ; clauses ; tags.
const topicTable = `
informasjonssikkerhet|informasjonssikkerheten ; information security ; 5.1 5.2 5.4 ; 5 5.1 5.2 6.2 ; styring
tilgangsstyring|tilgangsstyringen ; access management ; 5.15 5.16 5.18 8.2 8.3 ; 6.1.3 ; tilgang
tilgangsgjennomgang|tilgangsgjennomgangen ; access review ; 5.18 8.2 5.15 ; 9.1 ; tilgang revisjon
passordhåndtering|passordhåndteringen ; password management ; 5.17 8.5 ; ; tilgang passord
autentisering|autentiseringen ; authentication ; 8.5 5.17 5.16 ; ; tilgang
identitetsforvaltning|identitetsforvaltningen ; identity management ; 5.16 5.18 ; ; tilgang identitet
privilegert tilgang|den privilegerte tilgangen ; privileged access ; 8.2 8.18 5.15 ; ; tilgang
sikker pålogging|den sikre påloggingen ; secure log-on ; 8.5 ; ; tilgang
begrensning av tilgang til informasjon|begrensningen av tilgang til informasjon ; information access restriction ; 8.3 5.15 ; ; tilgang
sikkerhetskopiering|sikkerhetskopieringen ; backup ; 8.13 ; ; backup drift
gjenopprettingstest|gjenopprettingstesten ; restore testing ; 8.13 5.30 8.14 ; ; backup kontinuitet
hendelseshåndtering|hendelseshåndteringen ; incident management ; 5.24 5.25 5.26 5.27 5.28 ; 10.2 ; hendelser
hendelsesrapportering|hendelsesrapporteringen ; information security event reporting ; 6.8 5.24 5.25 ; ; hendelser
avviksbehandling|avviksbehandlingen ; nonconformity handling ; 5.35 5.36 ; 10.2 10.1 ; avvik forbedring
risikovurdering|risikovurderingen ; risk assessment ; 5.7 5.8 5.12 ; 6.1 6.1.2 8.2 ; risiko
risikobehandling|risikobehandlingen ; risk treatment ; 5.1 5.8 ; 6.1.3 8.3 ; risiko
leverandørstyring|leverandørstyringen ; supplier management ; 5.19 5.20 5.21 5.22 ; ; leverandører
sikkerhet i leverandørkjeden|sikkerheten i leverandørkjeden ; ICT supply chain security ; 5.21 5.22 5.19 ; ; leverandører
bruk av skytjenester|bruken av skytjenester ; use of cloud services ; 5.23 8.26 5.21 ; ; sky leverandører
kryptografi|kryptografien ; cryptography ; 8.24 ; ; kryptering
nøkkelhåndtering|nøkkelhåndteringen ; key management ; 8.24 5.17 ; ; kryptering
logging og overvåking|loggingen og overvåkingen ; logging and monitoring ; 8.15 8.16 8.17 ; 9.1 ; logging
sikkerhetsovervåking|sikkerhetsovervåkingen ; security monitoring ; 8.16 8.15 ; ; logging
sårbarhetshåndtering|sårbarhetshåndteringen ; vulnerability management ; 8.8 5.7 8.19 ; ; sårbarheter
endringshåndtering|endringshåndteringen ; change management ; 8.32 8.9 ; 6.3 8.1 ; endringer
kapasitetsstyring|kapasitetsstyringen ; capacity management ; 8.6 ; ; drift
skadevarevern|skadevarevernet|n ; malware protection ; 8.7 ; ; skadevare
nettverkssikkerhet|nettverkssikkerheten ; network security ; 8.20 8.21 8.22 ; ; nettverk
nettverkssegmentering|nettverkssegmenteringen ; network segregation ; 8.22 8.20 ; ; nettverk
nettverkstjenester|nettverkstjenestene|p ; network services ; 8.21 ; ; nettverk
webfiltrering|webfiltreringen ; web filtering ; 8.23 ; ; nettverk
programvareutvikling|programvareutviklingen ; software development ; 8.25 8.26 8.27 8.28 8.29 ; ; utvikling
sikker koding|den sikre kodingen ; secure coding ; 8.28 8.4 ; ; utvikling
sikkerhetstesting|sikkerhetstestingen ; security testing ; 8.29 8.8 ; ; utvikling testing
testdata|testdataene|p ; test data ; 8.33 8.31 8.11 ; ; utvikling
kildekodeforvaltning|kildekodeforvaltningen ; source code management ; 8.4 8.32 ; ; utvikling
sikker arkitektur|den sikre arkitekturen ; secure architecture ; 8.27 8.26 ; ; arkitektur
personvern|personvernet|n ; privacy ; 5.34 5.31 ; 4.2 ; personvern
behandling av personopplysninger|behandlingen av personopplysninger ; processing of personal data ; 5.34 8.11 8.10 ; ; personvern
sletting av informasjon|slettingen av informasjon ; information deletion ; 8.10 ; ; personvern
datamaskering|datamaskeringen ; data masking ; 8.11 ; ; personvern
lekkasjeforebygging|lekkasjeforebyggingen ; data leakage prevention ; 8.12 ; ; lekkasje
informasjonsklassifisering|informasjonsklassifiseringen ; information classification ; 5.12 5.13 ; ; klassifisering
informasjonsoverføring|informasjonsoverføringen ; information transfer ; 5.14 ; ; overføring
eiendelsforvaltning|eiendelsforvaltningen ; asset management ; 5.9 5.10 5.11 ; ; eiendeler
akseptabel bruk|den akseptable bruken ; acceptable use ; 5.10 8.1 ; ; eiendeler
fysisk sikring|den fysiske sikringen ; physical security ; 7.1 7.2 7.3 7.6 ; ; fysisk
adgangskontroll|adgangskontrollen ; physical entry control ; 7.2 7.3 ; ; fysisk
arbeid i sikre områder|arbeidet i sikre områder|n ; working in secure areas ; 7.6 7.1 ; ; fysisk
beskyttelse mot fysiske trusler|beskyttelsen mot fysiske trusler ; protection against physical and environmental threats ; 7.5 7.11 ; ; fysisk
støttesystemer|støttesystemene|np ; supporting utilities ; 7.11 7.5 ; ; fysisk
utstyrssikkerhet|utstyrssikkerheten ; equipment security ; 7.8 7.9 7.13 7.14 ; ; utstyr
vedlikehold av utstyr|vedlikeholdet av utstyr|n ; equipment maintenance ; 7.13 ; ; utstyr
avhending av utstyr|avhendingen av utstyr ; secure disposal of equipment ; 7.14 7.10 ; ; utstyr
håndtering av lagringsmedier|håndteringen av lagringsmedier ; storage media ; 7.10 7.14 ; ; utstyr
ren pult og ren skjerm|ren pult og ren skjerm ; clear desk and clear screen ; 7.7 ; ; fysisk
mobile enheter|de mobile enhetene|p ; endpoint devices ; 8.1 7.9 ; ; utstyr
bakgrunnssjekk|bakgrunnssjekken ; screening ; 6.1 6.2 ; ; hr
ansettelsesvilkår|ansettelsesvilkårene|np ; terms and conditions of employment ; 6.2 6.6 ; ; hr
sikkerhetsopplæring|sikkerhetsopplæringen ; security awareness training ; 6.3 ; 7.2 7.3 ; opplæring
opphør av arbeidsforhold|opphøret av arbeidsforhold|n ; termination of employment ; 6.5 5.11 6.4 ; ; hr
disiplinærprosess|disiplinærprosessen ; disciplinary process ; 6.4 ; ; hr
fjernarbeid|fjernarbeidet|n ; remote working ; 6.7 8.1 ; ; fjernarbeid
konfidensialitetsavtaler|konfidensialitetsavtalene|p ; confidentiality agreements ; 6.6 ; ; juridisk
virksomhetskontinuitet|virksomhetskontinuiteten ; business continuity ; 5.29 5.30 8.14 ; ; kontinuitet
beredskap|beredskapen ; emergency preparedness ; 5.29 5.26 ; ; beredskap
IKT-beredskap|IKT-beredskapen ; ICT readiness for business continuity ; 5.30 8.14 ; ; kontinuitet beredskap
redundans|redundansen ; redundancy ; 8.14 ; ; drift
internrevisjon|internrevisjonen ; internal audit ; 5.35 ; 9.2 9.2.1 9.2.2 ; revisjon
uavhengig gjennomgang|den uavhengige gjennomgangen ; independent review ; 5.35 5.36 ; 9.2 ; revisjon
revisjonstesting|revisjonstestingen ; audit testing ; 8.34 ; 9.2 ; revisjon
ledelsens gjennomgang|ledelsens gjennomgang ; management review ; 5.1 5.35 ; 9.3 9.3.1 9.3.2 9.3.3 ; ledelse
ledelsens ansvar|ledelsens ansvar|n ; management responsibilities ; 5.4 5.1 ; 5 5.1 ; ledelse
dokumentstyring|dokumentstyringen ; document control ; 5.37 ; 7.5 7.5.1 7.5.2 7.5.3 ; dokumentasjon
beskyttelse av registreringer|beskyttelsen av registreringer ; protection of records ; 5.33 ; 7.5.3 ; dokumentasjon
roller og ansvar|rollene og ansvaret|p ; roles and responsibilities ; 5.2 5.3 5.4 ; 5.3 ; organisering
arbeidsdeling|arbeidsdelingen ; segregation of duties ; 5.3 ; ; organisering
myndighetskontakt|myndighetskontakten ; contact with authorities ; 5.5 5.6 ; ; myndigheter
trusseletterretning|trusseletterretningen ; threat intelligence ; 5.7 ; ; trusler
informasjonssikkerhet i prosjekter|informasjonssikkerheten i prosjekter ; information security in projects ; 5.8 ; 6.1 ; prosjekter
juridiske krav|de juridiske kravene|np ; legal requirements ; 5.31 5.32 5.33 ; 4.2 ; juridisk
immaterielle rettigheter|de immaterielle rettighetene|p ; intellectual property rights ; 5.32 ; ; juridisk
konfigurasjonsstyring|konfigurasjonsstyringen ; configuration management ; 8.9 ; ; drift
klokkesynkronisering|klokkesynkroniseringen ; clock synchronisation ; 8.17 ; ; drift
bruk av privilegerte verktøy|bruken av privilegerte verktøy ; use of privileged utility programs ; 8.18 ; ; drift
programvareinstallasjon|programvareinstallasjonen ; software installation ; 8.19 8.8 ; ; drift
driftsprosedyrer|driftsprosedyrene|p ; documented operating procedures ; 5.37 8.6 ; 8.1 ; drift
driftsplanlegging|driftsplanleggingen ; operational planning ; 5.37 ; 8 8.1 ; drift
informasjonssikkerhetsmål|informasjonssikkerhetsmålene|np ; information security objectives ; 5.1 ; 6.2 ; mål
kontekst og interessenter|konteksten og interessentene ; context and interested parties ; 5.31 ; 4 4.1 4.2 4.3 4.4 ; kontekst
omfanget av styringssystemet|omfanget av styringssystemet|n ; scope of the ISMS ; 5.1 ; 4.3 4.4 ; kontekst
kommunikasjon|kommunikasjonen ; communication ; 5.5 5.6 ; 7.4 ; kommunikasjon
måling og evaluering|målingen og evalueringen ; monitoring and measurement ; 5.36 ; 9 9.1 ; måling
kontinuerlig forbedring|den kontinuerlige forbedringen ; continual improvement ; 5.27 ; 10 10.1 ; forbedring
kompetanse|kompetansen ; competence ; 6.3 ; 7 7.1 7.2 ; kompetanse
planlegging av endringer|planleggingen av endringer ; planning of changes ; 8.32 ; 6.3 ; endringer
`

// owners are the roles and people that own documents.
const owners = `
Informasjonssikkerhetsleder IT-sjef Daglig_leder HR-leder Personvernombud Driftsleder
Økonomidirektør Utviklingsleder Kundeservicesjef Innkjøpssjef Juridisk_direktør Eiendomssjef
Beredskapsleder Nettverksansvarlig Sikkerhetsarkitekt Kvalitetsleder Risikoansvarlig
Kari_Nordmann Ola_Hansen Ingrid_Solberg Lars_Berg Siri_Haugen Jonas_Dahl Marte_Lie
Erik_Johansen Nora_Bakken Henrik_Strand Astrid_Moen Thomas_Nilsen Sofie_Lund
`

// approvers are the senior roles that approve documents.
const approvers = `
Daglig_leder Ledergruppen IT-sjef Informasjonssikkerhetsleder Økonomidirektør Styret
`

// tagWords are free tags added next to the topic's own.
const tagWords = `
iso27001 etterlevelse årshjul sertifisering nis2 gdpr konsern internkontroll
intern ekstern drift sky leverandører opplæring risiko
`
