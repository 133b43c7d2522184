package corpus

// English word lists and sentence templates; see vocab_nb.go for the
// conventions. Nouns marked "!" are uncountable; "log+" doubles its final
// consonant (logged, logging).

func buildEn() *language {
	v := &vocabulary{
		code:      "en",
		pctSuffix: "%",
		parseNoun: enNoun,
		parseAdj:  func(s string) adjective { return adjective{s, s, s} },
		parseVerb: enVerb,
		compound: func(p string, h noun) noun {
			if p == h.sg {
				return noun{}
			}
			return noun{sg: p + " " + h.sg, def: p + " " + h.def, pl: p + " " + h.pl, defpl: p + " " + h.defpl,
				mass: h.mass, an: enArticleAn(p)}
		},
		nouns: `
information! security! organisation system access! risk procedure requirement measure
responsibility supplier user incident document control data! deviation process solution service
management! employee owner unit network server application database password key certificate
log entry copy backup firewall client agreement contract plan policy standard guideline
documentation! audit auditor review assessment analysis|analyses report finding objective
measurement indicator status deadline role task resource competence! training! course change
version configuration update vulnerability threat attack malware! virus encryption! algorithm
protocol provider subcontractor customer partner authority regulator law regulation
personal_data! processing! consent privacy! premises|premises office building room equipment!
device laptop smartphone storage_medium|storage_media cable power! entrance badge camera alarm
priority severity consequence likelihood probability value asset category classification label
transfer storage! deletion archiving! destruction! development! code environment production!
operation capacity performance! availability! integrity! confidentiality! authentication! identity
account right privilege preparedness! continuity! crisis|crises exercise recovery! downtime!
service_level department region project procurement! budget board decision approval exception
exemption improvement cause root_cause lesson message warning alert email attachment form template
checklist leader manager colleague consultant contractor workstation browser platform integration
interface segment zone traffic! filter rule port administrator connection home_office travel! loss
theft breach fraud phishing! awareness! culture attitude communication reporting! follow-up
evaluation effectiveness! register overview inventory licence software! hardware! firmware! patch
scan penetration_test timestamp clock time_source trace traceability! evidence! masking!
pseudonymisation! anonymisation! leakage website architecture principle method tool phase activity
consideration purpose scope basis|bases criterion|criteria threshold level degree frequency interval
period year month week day hour quarter schedule milestone deliverable cost benefit advantage
shortcoming weakness strength recommendation observation trust! compliance! conformity! stakeholder
expectation need context framework certification vendor contact channel team committee meeting
minutes! agenda participant sample result outcome target metric trend baseline gap maturity! score
rating impact scenario exposure endpoint token session factor secret vault repository pipeline
branch release deployment container cluster tenant subscription facility perimeter visitor escort
guard lock door window fire flood temperature humidity! generator supply dependency bottleneck
outage disruption failure fault error mistake misconfiguration escalation handover shift duty
segregation! conflict interest signature invoice order purchase tender file folder share drive disk
tape mailbox calendar chat call phone number address name date location country jurisdiction court
fine sanction penalty liability insurance! claim notice clause annex appendix section paragraph
chapter table figure list item step stage cycle chain owner_group retention! retention_period
encryption_key access_right data_centre safeguard countermeasure vulnerability_scan
accountability acknowledgement acquisition action adoption adjustment agency allocation allowance
amendment announcement anomaly applicant appointment approach arrangement article aspect assignment
assumption assurance! attendance! attribute authorisation authorship backlog balance bandwidth barrier
benchmark boundary breakdown briefing broker bulletin burden calculation campaign candidate capability
card career carrier catalogue certificate_authority chairperson challenge characteristic charter
clearance closure coach collaboration combination commitment commissioning! community comparison
compensation! complaint completion complexity component compromise concept concern conclusion condition
confirmation confusion consensus constraint consumer contingency contribution conversion coordination!
copyright correction correspondence! council counterpart coverage! credential criticality! customisation
cutover dashboard dataset decommissioning! default definition delay delegation delivery demand
demonstration description designation destination detail detection! determination diagram dialogue
difference difficulty dimension directive director disclosure discrepancy discussion dispatch display
disposal dispute distribution division domain draft duplication duration effect efficiency element
eligibility! employer enablement! encounter endorsement engagement enhancement enquiry enrolment
enterprise entitlement entity equivalent escrow! estimate evaluator event examination example executive
expansion expenditure experience expiry explanation extension extract facilitator feature feedback!
field filing finance! fixture flaw focus forecast format forum foundation function funding! gateway goal
grant guarantee guide guidance! handbook hazard headquarters|headquarters health! helpdesk hierarchy
history holder host hypothesis|hypotheses idea implementation importance! indication industry infection
influence initiative injury innovation input inquiry inspection installation instance institution
instrument insurer intent intervention interview introduction intrusion investigation investment
invitation issue job judgement justification knowledge! landscape language layer lead learning! lease
lecture legislation! letter lifecycle limitation link literacy! maintenance! mandate manual mapping margin
market matter mechanism member membership memo mentor merger migration mindset mission mitigation mode
modification module monitor motivation movement narrative negotiation newsletter nomination norm notebook
obligation occurrence offboarding! offer officer onboarding! opportunity option organiser origin
oversight! ownership! package page panel parameter participation! partnership party passphrase path
pattern payment peer percentage permission person|people personnel! perspective phenomenon|phenomena
planning! plugin portfolio position possibility post practice precaution precondition preference
preparation presentation pressure prevention! principal producer product profession profile progress!
prohibition projection promotion proof property proposal prospect protection! provision publication
qualification query question questionnaire quota rationale readiness! reason receipt recipient
reconciliation redundancy reference refusal registration rehearsal relation relationship reliability!
relocation remediation renewal replacement reply representative reputation request requester reservation
residue resilience! resolution response restoration restriction retirement return revenue revision
revocation reward roadmap rollback rollout safety! salary satisfaction! scale scheme screening sector
selection seminar sender sensitivity! sequence setting settlement shareholder signal simulation site
situation skill source space specialist specification spokesperson sponsor spreadsheet staff! standby
statement statistic steering_group structure student submission subsidiary substitute successor
suggestion suitability! summary supervisor supplement supporter surveillance! survey suspension
sustainability! switch symptom synchronisation! tactic talent! taxonomy technician technique technology
telephone tenancy term territory testimony testing! text theme timeline title tolerance topic total
tracking! trade trainee transaction transition translation transparency! treatment trial trigger
troubleshooting! tutorial type uncertainty understanding! upgrade usage! utility validation! validity!
variable variation vehicle venue verification version_control viewpoint violation visit visibility!
volume volunteer waiver walkthrough warehouse warranty watermark wellbeing! whistleblower allowlist
withdrawal witness workaround workflow workforce workload workshop writer
`,
		prefixes: `
access security risk incident supplier user system network operations information customer change
vulnerability continuity emergency training encryption key log cloud data software password server
client mobile audit nonconformity control governance management document archive capacity
configuration identity certificate firewall email database application infrastructure test
development production licence asset classification privacy quality monitoring recovery service
contract project procurement competence physical_access power personnel purchasing remote_access HR
IT payroll finance communication platform certification
`,
		genericHeads: `
control assessment review routine plan requirement measure responsibility report management!
policy process overview analysis|analyses test register strategy instruction checklist
`,
		heads: `
agreement system log environment owner level objective notification training! procedure
measurement monitoring! solution service incident breach deviation account role documentation!
audit right tool platform area architecture model principle method budget indicator status course
programme zone copy key rule leak loss threat category administration! adviser coordinator expert
`,
		adjs: `
secure necessary relevant critical sufficient applicable documented approved updated new existing
internal external technical organisational physical personal sensitive confidential open shared
significant serious high low medium acceptable unacceptable regular systematic ongoing annual
monthly quarterly automatic manual central local clear explicit complete correct valid invalid
expired temporary permanent privileged administrative operational strategic legal contractual
risk-based encrypted protected authorised unauthorised available robust effective appropriate
prudent formal informal written verbal digital electronic wireless portable responsible affected
current previous upcoming planned completed closed registered assessed prioritised standardised
centralised consolidated overarching underlying maximum minimum basic advanced comprehensive limited
extended continuous proactive reactive corrective preventive recognised established well-suited
independent traceable measurable realistic preliminary final ordinary extraordinary role-based
cloud-based web-based time-bound business-critical high-risk low-risk well-documented up-to-date
third-party end-to-end multi-factor read-only on-premises security-relevant privacy-sensitive
internet-facing customer-facing long-term short-term real-time tamper-evident least-privilege
mandatory optional reasonable proportionate timely accurate consistent adequate residual inherent
accessible accountable active actual additional adjacent affordable aggregate agile alternative
ambiguous analytical anonymous apparent approximate archived assigned associated authentic authoritative
auxiliary average aware bespoke binding blocked brief broad capable careful certain certified cheap clean
coherent collective commercial common comparable compatible competent complex compliant compromised
concise concrete conditional conservative considerable constant constructive controlled convenient
cooperative core costly credible cross-functional cryptographic cumulative customary dedicated default
defensive deliberate dependent detailed diligent direct disabled distinct distributed diverse domestic
dormant dual dynamic early economic efficient elevated eligible embedded emerging enterprise-wide entire
environmental equal equivalent essential ethical evident exact excessive exclusive executive experienced
exposed fair familiar feasible federated financial firm flexible focused foreign forensic fragile frequent
functional fundamental general generic global granular hardened harmful helpful hidden historical holistic
honest hybrid ideal identical immediate immutable important inactive inadequate incomplete inconsistent
incorrect individual industrial inevitable informative initial innovative insecure integrated intended
interim international isolated known lawful lean legitimate likely logical mature meaningful mutual
national native negative neutral nominal notable novel numerous objective obsolete obvious occasional
official optimal organised outdated outstanding overall overdue partial particular passive peripheral
persistent pertinent plausible popular positive possible potential practical precise predictable primary
principal prior private probable productive professional prominent prompt proper protective public
qualified rapid rare recent reliable remote repeated representative required resilient respective
restricted reusable revised rigorous routine safe scalable scheduled seasonal secondary segregated
selective senior separate severe silent similar simple single skilled social sole solid sophisticated
specialised specific stable static statutory strict strong structural suitable superior supplementary
supported sustainable suspicious tactical tangible targeted tentative thorough tight total traditional
transparent trusted typical unambiguous unclear uncontrolled unexpected uniform unique universal unknown
unlikely unnecessary unplanned unresolved unsupported unused urgent usable useful valuable verified
viable virtual visible vital voluntary vulnerable weak wide worldwide yearly
`,
		verbs: `
assess secure document carry_out|carries_out|carried_out|carried_out|carrying_out handle approve
register check establish update follow protect implement evaluate inform report identify store
process notify test monitor classify communicate analyse prioritise coordinate verify validate
restrict delete change review authorise authenticate encrypt archive administer configure install
publish escalate revise define integrate sign certify anonymise pseudonymise assign share use
set|sets|set|set|setting maintain map+ send|sends|sent|sent|sending report record run|runs|ran|run|running
remove decide|decides|decided|decided|deciding retain implement adapt mark label log+ track trace
prepare close confirm improve restore cover lock replace describe|describes|described|described|describing
enter|enters|entered|entered|entering give|gives|gave|given|giving take|takes|took|taken|taking
correct stop+ renew investigate ensure adjust organise separate simulate structure centralise
standardise involve note repair instruct detect quality-assure revoke distribute plan+ re-evaluate
transfer+ continue measure clarify coordinate harden rotate enforce exercise demonstrate justify
specify modify rectify embed+ promote decommission onboard offboard sanitise wipe supervise delegate
consult align mitigate accept avoid tolerate treat own scan+ patch filter segment isolate contain
respond detect schedule audit select request receive reject deploy migrate collect consolidate
compare limit measure write|writes|wrote|written|writing keep|keeps|kept|kept|keeping
hold|holds|held|held|holding meet|meets|met|met|meeting choose|chooses|chose|chosen|choosing
lead|leads|led|led|leading build|builds|built|built|building understand|understands|understood|understood|understanding
acknowledge acquire activate address advise allocate allow amend announce anticipate appoint arrange
assemble attach attend attest balance benchmark block brief budget calculate calibrate cancel capture
categorise challenge clean clear collaborate combine commission compile complete comply compose compute
conclude conduct connect consider construct contact contribute convert copy correlate create debrief
declare decrypt deduplicate delay deliver deny derive design detail determine develop diagnose direct
disable disclose discover discuss dismiss display draft educate eliminate email emphasise employ enable
encourage endorse engage enhance enrol+ examine exchange exclude execute expand expect explain export
extend facilitate fix flag+ forecast forward generate govern grade guide highlight host import include
incorporate increase index initiate inspect interview introduce invest invite issue launch
learn license link list mandate mentor merge minimise mirror model+ motivate name negotiate nominate
obtain operate optimise order outline outsource oversee|oversees|oversaw|overseen|overseeing participate
pass perform permit+ pilot point possess post practise present preserve prevent print produce prohibit
propose prove provide purchase pursue qualify query raise rank rate reach react reallocate reassess
rebuild|rebuilds|rebuilt|rebuilt|rebuilding recall recognise recommend reconcile reconfigure redact
reduce refer+ reflect refresh regulate reinforce relate release rely remediate remind render reorganise
represent reproduce require reserve reset|resets|reset|reset|resetting resolve respect restart resume
retire retrieve return reuse revisit reward safeguard satisfy scope search seek|seeks|sought|sought|seeking
segregate serve settle shorten simplify solve sort source split|splits|split|split|splitting sponsor
start state strengthen submit+ subscribe substitute succeed suggest summarise suspend sustain switch
synchronise tag+ target terminate tighten transform translate trigger troubleshoot trust
undertake|undertakes|undertook|undertaken|undertaking unify upgrade upload utilise vary vet+ visit weigh
welcome withdraw|withdraws|withdrew|withdrawn|withdrawing witness
`,
		advs: `
regularly continuously immediately systematically promptly periodically annually manually
automatically centrally locally in_writing clearly quickly securely consistently formally
independently jointly separately temporarily in_a_structured_way on_a_risk_basis
without_undue_delay as_soon_as_possible as_needed in_consultation_with_management
in_a_traceable_manner in_line_with_applicable_requirements at_regular_intervals preferably
normally primarily specifically explicitly digitally electronically proactively thoroughly
prudently appropriately cost-effectively gradually
accordingly actively additionally adequately approximately briefly carefully collectively commonly
completely conditionally consequently considerably correctly critically currently deliberately directly
easily effectively efficiently entirely equally essentially exclusively fairly finally firmly frequently
fully generally globally highly historically ideally increasingly individually initially internally
externally largely legally likewise mainly mostly mutually naturally necessarily notably occasionally
officially openly partially particularly permanently personally physically potentially practically
precisely predominantly previously privately properly quarterly rapidly rarely readily reasonably recently
reliably remotely repeatedly respectively rigorously routinely safely selectively seldom sequentially
severely significantly simply solely steadily strictly subsequently substantially successfully
sufficiently suitably technically thereafter therefore totally typically ultimately uniformly
unnecessarily urgently usually visibly voluntarily widely
`,
		roles: `
security_manager CISO system_owner process_owner line_manager management_team
data_protection_officer operations_manager HR_manager risk_owner document_owner internal_auditor
emergency_manager supplier_manager development_manager service_owner chief_executive
security_forum service_desk security_architect quality_manager procurement_manager
facilities_manager
`,
		systems: `
the HR system
the ERP system
the customer portal
the case management system
Microsoft 365
Entra ID
ServiceNow
Jira
the SIEM
the backup solution
the CRM system
the payroll system
the invoicing system
the intranet
Nordlys Portal
Splunk
Veeam
GitLab
the Kubernetes platform
the document archive
the nonconformity system
the risk register
`,
		locations: `
Region West
Region East
Bergen
Oslo
Trondheim
Stavanger
Tromsø
Kristiansand
the Bergen data centre
the Oslo data centre
the head office
the Alnabru warehouse
all regional offices
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
the NSM basic principles for ICT security
the Personal Data Act
the GDPR
the Security Act
the NIS2 Directive
the CIS Controls
the Bookkeeping Act
the Working Environment Act
the Digital Security Act
`,
		freqs: `
daily
weekly
monthly
every quarter
twice a year
annually
at least once a year
every 90 days
after every change
after every major incident
every third month
every other year
continuously
as needed
before every release
`,
		levels: `
low
medium
high
acceptable
critical
moderate
`,
		codes: "PasswordMinimumLength = 14\n/var/log/auth.log\nsshd_config\nPermitRootLogin no\nTLS 1.3\nAES-256-GCM\nSHA-256\nntp.nordlys.local\nbackup-retention: 35d\nauditd\nlogrotate\ngit tag -s\nchmod 600\n10.20.0.0/16\n443/tcp\nMFA=required\nkubectl get pods\nsyslog-ng\nSet-MpPreference\nMaxAuthTries 3",
		links: `
[NSM basic principles for ICT security](https://nsm.no/fagomrader/digital-sikkerhet/nsms-grunnprinsipper-for-ikt-sikkerhet/)
[the Norwegian Data Protection Authority](https://www.datatilsynet.no/en/)
[ENISA](https://www.enisa.europa.eu/)
[CIS Controls](https://www.cisecurity.org/controls)
[OWASP Top 10](https://owasp.org/www-project-top-ten/)
[NIST Cybersecurity Framework](https://www.nist.gov/cyberframework)
`,
		days:        "2 days\n3 days\n5 days\n7 days\n10 days\n14 days\n30 days\n60 days\n90 days\n180 days\n365 days\n48 hours\n24 hours",
		orgs:        "Nordlys Konsern AS\nNordlys Energi AS\nNordlys Nett AS\nNordlys Data AS\nNordlys Eiendom AS",
		recordKinds: "Report\nMinutes\nLog\nRecord\nChecklist\nAudit report\nEvaluation report",
		notes:       "**Note:**\n**Important:**\n**Example:**",
		qualifiers: `
Region West
Region East
Region North
Region Central
Region South
Operations
Finance
HR
Customer Service
Development
Bergen Data Centre
Oslo Data Centre
Group
Nordlys Energi AS
Nordlys Nett AS
Nordlys Data AS
Procurement
Legal
`,
		sentences: `
The {r} is responsible for ensuring that {ndp} are {vpp} {freq}.
All {anp} must be {vpp} before they are taken into use.
{nd} shall be {vpp} in {sys} within {days}.
In the event of {en}, the {r} shall {v} {nd} and {v} {ndp}.
{an} may only be {vpp} after {nd} has been {vpp}.
If {en} is {vpp}, the {r} shall be notified without undue delay.
{td} covers {anp}, {np} and {np}.
The purpose of {td} is to {v} {ndp} and {v} {an}.
The organisation {vp} {anp} in line with {std}.
{ndp} are {vpp} {freq}, and the result is recorded in {sys}.
The {r} {vp} {nd} at least once a year.
If {nd} is not {a}, the {r} shall {v} {en}.
{nd} is {a} when {ndp} are {a}.
In {year}, {num} {np} were {vpp}, and {pct} of them were {a}.
Changes to {nd} must be {vpp} by the {r} before they are {vpp}.
{td} shall ensure that {nd} is {a} and that {ndp} are {vpp} {adv}.
Deviations from {td} shall be {vpp} as {en} and followed up by the {r}.
Access to {ndp} is granted only to users with a documented business need.
The {r} shall {v} {nd} and report the status to the {r}.
Missing {n} can lead to {an} and {anp}.
{ndp} that are {a} are {vpp} {adv} in {sys}.
For {ndp} in {loc}, {anp} also apply.
The risk associated with {ndp} is considered {lvl}.
The goal is for {pct} of {ndp} to be {a} by {year}.
On suspicion of {n}, the {r} must be contacted immediately.
Logs from {sys} are retained for {days} and reviewed {freq}.
The {r} assesses {freq} whether {nd} is {a}.
{nd} describes how {ndp} are to be {vpp}.
This {typ} applies to all {np} in {org}.
It is not permitted to {v} {ndp} unless the {r} has {vpp} {nd}.
The {r} has {vpp} {num} {np} since {date}.
In total, {num} {np} are {vpp} during the period.
{nd} and {nd} are closely linked and should be {vpp} together.
Lessons learned from {ndp} are used to {v} {td}.
In practice, this means that the {r} must {v} {ndp} before {nd} is {vpp}.
Without {an}, it is difficult to {v} {ndp} in a {a} way.
The requirements in {td} are based on {std} and {std}.
{nd} shall be available to {ndp} that need it.
All {ndp} shall be labelled with {n} and {n}.
{an} of {ndp} is carried out {freq}.
The {r} approves {ndp} after {an}.
When {en} is {vpp}, {an} shall be registered in {sys}.
Case {ticket} shows how {en} was {vpp} in {year}.
In case of disagreement, the {r} decides.
We {v} {ndp} because {nd} could otherwise become {a}.
{ndp} in {sys} are {vpp} automatically, but {ndp} must be {vpp} manually.
No {np} may be {vpp} without approval from the {r}.
This also applies to {anp} at {np}.
The {r} and the {r} share responsibility for {nd}.
The result of {nd} is reported to the {r} within {days}.
All {np} shall have {an} and {an}.
Any {np} shall be {vpp} and closed within {days}.
Measures are prioritised according to {n} and {n}.
{nd} is evaluated {freq} as part of {td}.
There are {num} {anp} in {loc}, and {pct} of them are {a}.
The {r} {vpt} {nd} in {year} and {vpt} {num} {np}.
{vg} {ndp} is a shared responsibility.
After major changes to {nd}, {td} shall be updated.
The {r} shall keep an overview of {andp} and {ndp}.
{andp} shall be {vpp} {adv} and no later than within {days}.
We have chosen to {v} {ndp} {adv} because {nd} is {a}.
The requirement does not apply to {anp} that have already been {vpp}.
{nd} shall not be {vpp} until the {r} has {vpp} {nd}.
The owner of {nd} is responsible for ensuring that {ndp} are {a}.
The {r} reports {freq} on {ndp} and {np}.
{an} has been established for {ndp} in {org}.
The status of {nd} is followed up in {sys} under case number {ticket}.
In case of a breach of {td}, the {r} may {v} {nd}.
Suppliers that {v} {ndp} shall meet the same requirements.
All employees shall know {td} and how {en} is {vpp}.
{and} shall be {vpp} by the {r} and stored in {sys}.
Exceptions from the requirement for {n} shall be approved by the {r} and time-limited.
The cost of {n} shall be weighed against {nd}.
The {r} makes sure that {np} and {np} are {vpp} {adv}.
`,
		refSentences: `
See {ref} for detailed requirements.
This supports {ref}.
These requirements apply in addition to {ref}.
See also {ref}.
This document builds on {ref}.
The measure covers {ref}.
For {nd}, see {ref}.
This is described in more detail in {ref}.
The {r} shall make sure that {ref} is followed.
The relationship with {ref} is reviewed {freq}.
`,
		codeSentences: `
The setting {code} must be enabled for all {np}.
Use {code} to {v} {ndp}.
The value {code} is recorded in {sys}.
The configuration {code} is checked {freq}.
`,
		linkSentences: `
See {link} for more information on {n}.
Guidance on {n} is available from {link}.
We follow the recommendations of {link} for {ndp}.
`,
		bullets: `
{nd} shall be {vpp} {freq}
{anp} in {sys}
the {r} {vp} {ndp}
{n} and {n}
requirements for {n} and {n}
{np} that are {a}
{an} for {ndp}
documented {n} for {ndp}
{andp} in {loc}
the {r} approves {en}
deadline for {n}: {days}
{ndp} are {vpp} in {sys}
`,
		steps: `
{vi} {nd} in {sys}.
{vi} {ndp} and {vi} {nd}.
Check that {nd} is {a}.
Register {en} in {sys} under case number {ticket}.
Notify the {r} if {nd} is not {a}.
{vi} {an} and send the result to the {r}.
Document {ndp} and store them in {sys}.
{vi} {ndp} within {days}.
Ask the {r} to {v} {nd}.
Close the case when {nd} has been {vpp}.
`,
		leadIns: `
The following applies:
This includes, among other things:
The {r} shall ensure the following:
The minimum requirements are:
The assessment shall cover:
This covers:
`,
		stepLeadIns: `
The process consists of these steps:
Proceed as follows:
The {r} follows this procedure:
The steps below are carried out in order:
`,
		subheadings: `
{n}
Requirements for {np}
Handling of {np}
{np} in {sys}
Responsibility for {nd}
Special requirements for {np}
{n} and {n}
{an}
Follow-up of {np}
`,
		summaries: `
Describes how {td} is carried out for {qual}.
Requirements and responsibilities for {td} for {qual}.
Covers {anp} and {ndp} related to {td}.
Sets out how {ndp} are to be {vpp} within {td}.
`,
		recordSummaries: `
Evidence of {td} for {period}, {qual}.
Result of {td} in {period} for {qual}.
`,
		recordIntros: `
Date: {ddate}. Participants: {r}, {r} and {r}. The reference in {sys} is {ticket}.
Carried out on {ddate} by the {r} together with the {r}. Case number {ticket}.
`,
		closings: `
Approved by the {r}, {ddate}.
The next review is planned for {year}. Responsible: {r}.
`,
		tables: `
| Activity | Responsible | Frequency |
|---|---|---|
| {nd} | {r} | {freq} |

| Risk | Likelihood | Consequence | Measure |
|---|---|---|---|
| {n} | {lvl} | {lvl} | {vi} {nd} |

| Finding | Severity | Deadline | Responsible |
|---|---|---|---|
| {nd} is not {a} | {lvl} | {date} | {r} |

| Control | Status | Comment |
|---|---|---|
| {ctl} | {lvl} | {anp} are {vpp} {freq} |

| System | Owner | Classification | Last assessed |
|---|---|---|---|
| {sys} | {r} | {lvl} | {date} |
`,
		sections: [numTypes]string{
			policy:    "Purpose\nScope\nBackground\nPrinciples\nRequirements\nRoles and responsibilities\nCompliance\nExceptions\nReview and maintenance\nDefinitions",
			procedure: "Purpose\nScope\nResponsibilities\nPrerequisites\nProcedure\nDocumentation\nHandling deviations\nFollow-up\nRelated procedures",
			standard:  "Purpose\nApplicability\nMinimum requirements\nTechnical requirements\nConfiguration\nVerification\nExceptions\nChange history",
			guideline: "Background\nWho this is for\nRecommendations\nGood practice\nExamples\nCommon mistakes\nHelp and support\nFurther reading",
			plan:      "Objectives\nScope\nMeasures\nSchedule\nResources\nRisks\nFollow-up and reporting\nApproval",
			record:    "Summary\nBackground\nExecution\nFindings\nDeviations and measures\nAssessment\nConclusion\nApproval",
		},
		typeTitle: [numTypes]string{"policy", "procedure", "standard", "guideline", "plan", "report"},
		typeDef:   [numTypes]string{"policy", "procedure", "standard", "guideline", "plan", "report"},
		ownText:   [numTypes]string{"the %s policy", "the %s procedure", "the %s standard", "the %s guideline", "the %s plan", "the %s report"},
	}
	return v.build()
}
