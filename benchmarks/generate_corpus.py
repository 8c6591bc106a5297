"""Fictional councils' plan documents in the Northmere house style, for scale benchmarks.

Usage: python benchmarks/generate_corpus.py OUT_DIR N [--seed S] [--start K]

Writes ``OUT_DIR/council-0001`` … ``council-NNNN``. Each folder is a self-contained
corpus, laid out like ``examples/northmere``:

- ``<slug>-partnership-plan-2035.txt``: a partnership plan (themes, ~9 priorities with an
  aim, ~70 lettered commitments, indicators, "Lead strategy:" and "Oversight:" lines);
- ``<slug>-council-delivery-plan-2025-26.txt``: the council's delivery plan (goals, focus
  areas, ~80 "We shall…" commitments, "How we will know:" measures, an accountability
  table with a cabinet portfolio and a scrutiny panel per goal);
- ``profiles/``: copies of the two Northmere profiles with this council's plan ids
  (``c0001-partnership-plan-2035``, ``c0001-council-plan-2025-26``), titles, profile names
  (``c0001-partnership-plan``, ``c0001-council-delivery-plan``), recognise and page-furniture
  patterns, and the council plan's ``aligns_with`` pointing at its own partnership plan;
- ``goldenthread.toml``: the manifest naming each document's profile;
- ``.generator.json`` (ignored by ``build``, as a dot file): what was generated: the
  expected counts and which council commitment paraphrases which partnership commitment.

Realistic sizes per council (drawn per council): 8-10 partnership priorities, 60-80
partnership commitments, 70-90 council commitments, 40-60 measures, 12-18 strategies,
8-12 boards. Every council has broken threads: priorities with no lead strategy, no
oversight or no indicators, strategies "(to be developed)" / "(to be refreshed)", boards
"(to be established)", council commitments with no partnership counterpart (service
promises), and a blank scrutiny cell. Most council commitments paraphrase a partnership
commitment (same key nouns, different verb, place and wording), so alignment has real work.

Deterministic: council K depends only on (seed, K), so the first 10 councils of a
1,000-council corpus are the 10-council corpus of the same seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORTHMERE_PROFILES = ROOT / "examples" / "northmere" / "profiles"

# -- word lists ------------------------------------------------------------------

_PRE = ("Ash", "Bar", "Black", "Bram", "Brook", "Cal", "Church", "Clay", "Cold", "Crag", "Dun",
        "East", "Elm", "Fair", "Fen", "Fern", "Frost", "Glen", "Gold", "Green", "Hal", "Hart",
        "Hazel", "High", "Holm", "Kel", "Kings", "Lang", "Lark", "Long", "Marl", "Mill", "Moss",
        "Nor", "Oak", "Pen", "Red", "Rock", "Rother", "Salt", "Sand", "Shep", "Stan", "Stone",
        "Thorn", "Wal", "West", "Whit", "Wick", "Wold")
_SUF = ("bridge", "borough", "bury", "by", "caster", "combe", "dale", "den", "field", "ford",
        "gate", "ham", "holme", "hurst", "ley", "low", "mere", "minster", "moor", "mouth",
        "ness", "port", "stead", "stow", "thwaite", "ton", "well", "wick", "worth")
_FIRST = ("Helen", "Samir", "Anjali", "Gareth", "Priya", "Tom", "Ruth", "Kwame", "Siobhan", "Imran",
          "Claire", "Dafydd", "Marta", "Owen", "Leila", "Callum", "Nadia", "Peter", "Grace", "Yusuf")
_LAST = ("Marsh", "Qureshi", "Rowe", "Lund", "Desai", "Ashworth", "Okafor", "Byrne", "Hughes",
         "Khan", "Price", "Novak", "Ellis", "Mensah", "Carter", "Walsh", "Bell", "Shah", "Doyle", "Reid")

# Theme families: (partnership theme labels, council goal labels, topics)
FAMILIES = {
    "people": (("THRIVING PEOPLE", "HEALTHY AND CONFIDENT PEOPLE", "PEOPLE AT THEIR BEST"),
               ("Healthy and happy lives", "People living well", "A good start and a good life"),
               ("children", "health", "care", "education", "mental")),
    "economy": (("A FAIR AND GROWING ECONOMY", "AN INCLUSIVE ECONOMY", "GOOD WORK AND PROSPERITY"),
                ("A fairer local economy", "Jobs and growth for everyone", "A working borough"),
                ("jobs", "centres", "business", "digital", "transport")),
    "place": (("SAFE AND GREEN PLACES", "A GREENER, SAFER BOROUGH", "PLACES WE ARE PROUD OF"),
              ("Safe, clean and green neighbourhoods", "Greener and safer places", "Homes and neighbourhoods"),
              ("housing", "climate", "safety", "parks")),
    "communities": (("STRONG COMMUNITIES", "CONNECTED COMMUNITIES", "COMMUNITIES THAT CARE"),
                    ("Strong and connected communities", "Communities that work together",
                     "Connected neighbourhoods"),
                    ("culture", "volunteering", "food", "ageing")),
}


@dataclass(frozen=True)
class Topic:
    labels: tuple[str, ...]          # partnership priority labels
    focus: tuple[str, ...]           # council focus area labels
    aims: tuple[str, ...]
    actions: tuple[str, ...]         # "partnership phrase | council paraphrase | …"
    details: tuple[str, ...]         # clauses that fit every action of the topic; {p} {q} places
    indicators: tuple[str, ...]
    strategies: tuple[str, ...]
    boards: tuple[str, ...]
    subitems: tuple[str, ...] = ()


TOPICS: dict[str, Topic] = {
    "children": Topic(
        ("Best start for every child", "A great start in life", "Every child ready for school"),
        ("Best start for children", "Early years", "Children and families"),
        ("Every child is ready to learn when they start school, and grows up safe, healthy and loved.",
         "Children in {B} get the best possible start, whatever street they are born on."),
        ("open family hubs bringing midwifery, health visiting and parenting support under one roof"
         " | run family hubs with midwives, health visitors and parenting support in one place"
         " | open new family hubs offering midwifery and parenting help",
         "increase take-up of funded childcare places for two-year-olds"
         " | promote free childcare places to eligible two-year-olds"
         " | write to families about funded childcare for two-year-olds",
         "make sure every family receives a new birth visit from a health visitor within 14 days"
         " | complete new birth visits by health visitors within 14 days",
         "spot speech and language delays early and act on them"
         " | train early years staff to spot speech and language delays early",
         "recruit breastfeeding peer supporters in every maternity unit"
         " | fund breastfeeding peer supporters at the maternity unit",
         "run holiday activity and food clubs in every school holiday"
         " | offer holiday activity and food club places to children on free school meals",
         "recruit more foster carers so children in care can stay close to home"
         " | launch a foster carer recruitment campaign to keep children in care close to home",
         "give young carers an assessment and a break from caring"
         " | assess every young carer and offer short breaks from caring",
         "cut waiting times for special educational needs assessments"
         " | complete special educational needs assessments within 20 weeks",
         "offer parenting courses to fathers as well as mothers"
         " | run parenting courses for dads and mums",
         "give every toddler a free book-start pack and library card"
         " | hand out book-start packs and library cards to toddlers"),
        ("in {p}, {q} and {r}", "for families on the lowest incomes", "with schools and nurseries",
         "in our most deprived neighbourhoods", "across the borough", "in {p} and {q}"),
        ("Percentage of children achieving a good level of development at age five",
         "Take-up of funded early education places by eligible two-year-olds",
         "Percentage of new birth visits completed within 14 days",
         "Number of families using family hubs", "Number of children in care placed within the borough",
         "Percentage of special educational needs assessments completed within 20 weeks",
         "Breastfeeding rate at six to eight weeks"),
        ("{B} Best Start Strategy 2024-2029", "Early Help Strategy", "Family Hubs Programme",
         "Sufficiency Strategy for Children in Care"),
        ("Children and Families Partnership Board", "Best Start Board", "Corporate Parenting Board"),
        ("health visiting", "parenting support", "early language", "infant feeding")),
    "health": Topic(
        ("Healthier, longer lives", "Living well for longer", "Good health for everyone"),
        ("Living well", "Healthy lives", "Staying healthy"),
        ("Narrow the gap in healthy life expectancy between our most and least deprived wards.",
         "People in {B} live longer, healthier lives, and the gap between wards narrows."),
        ("expand free swimming and gym sessions for under-16s and over-65s at our leisure centres"
         " | extend free swimming and gym sessions for under-16s and over-65s at leisure centres",
         "bring the Community Health Van to every ward at least once a month, offering blood pressure checks"
         " | take the Community Health Van to every ward each month for blood pressure checks",
         "raise uptake of childhood vaccinations and flu jabs"
         " | run pop-up vaccination clinics to raise flu jab and childhood vaccination uptake",
         "help 2,000 smokers a year to quit through the stop smoking service"
         " | refer smokers to the stop smoking service and help them quit",
         "create healthy weight programmes for families"
         " | commission a family healthy weight programme",
         "tackle health inequalities through social prescribing link workers in GP practices"
         " | fund social prescribing link workers in GP practices",
         "make NHS health checks available in community venues"
         " | offer NHS health checks in libraries and community venues",
         "reduce alcohol-related hospital admissions with a community alcohol service"
         " | recommission the community alcohol service to cut alcohol-related admissions",
         "open a sexual health clinic in the town centre with evening appointments"
         " | provide evening appointments at the town centre sexual health clinic",
         "build active travel into daily life with walking and cycling for health schemes"
         " | launch walking and cycling for health groups"),
        ("in every ward", "in {p} and {q}", "for people with the poorest health",
         "with GP practices and the voluntary sector", "across the borough"),
        ("Healthy life expectancy gap between most and least deprived wards",
         "Leisure centre attendances by under-16s and over-65s", "Smoking prevalence in adults",
         "Uptake of flu vaccination among over-65s", "Alcohol-related hospital admissions per 100,000",
         "Percentage of adults who are physically active", "Number of NHS health checks completed"),
        ("{B} Health and Wellbeing Strategy 2023-2028", "Physical Activity Strategy", "Tobacco Control Plan",
         "Healthy Weight Plan"),
        ("{B} Health and Wellbeing Board", "Health Inequalities Partnership"),
        ("blood pressure", "vaccinations", "healthy eating")),
    "care": Topic(
        ("Care and support close to home", "Independent lives", "Support for adults who need it"),
        ("Adult care and support", "Independence at home", "Care close to home"),
        ("Adults who need care get it quickly, close to home, and stay independent for longer.",
         "People who need care in {B} are supported to live independently at home."),
        ("pay care workers at least the Real Living Wage through our home care contracts"
         " | require home care providers to pay care workers the Real Living Wage",
         "provide reablement after a hospital stay so people regain their independence"
         " | expand the reablement service for people leaving hospital",
         "fit telecare and home adaptations within 28 days of assessment"
         " | install telecare and home adaptations within 28 days",
         "support unpaid carers with a carers' hub and short breaks"
         " | open a carers' hub offering short breaks to unpaid carers",
         "reduce delayed discharges from hospital with a joint discharge team"
         " | set up a joint discharge team to cut delayed hospital discharges",
         "build extra care housing schemes for older people"
         " | start an extra care housing scheme for older people",
         "offer direct payments to everyone who wants to arrange their own care"
         " | promote direct payments so people can arrange their own care",
         "create supported living places for adults with learning disabilities"
         " | commission supported living places for adults with learning disabilities",
         "improve quality in care homes so all are rated good or outstanding"
         " | work with care homes rated requires improvement to raise quality"),
        ("in {p} and {q}", "with the NHS", "for older and disabled people", "across the borough"),
        ("Percentage of people still at home 91 days after reablement", "Number of delayed discharges",
         "Percentage of care homes rated good or outstanding", "Number of unpaid carers supported",
         "Number of people receiving direct payments"),
        ("Adult Social Care Strategy", "Carers Strategy", "Market Position Statement for Care",
         "Extra Care Housing Programme"),
        ("Adult Care Partnership Board", "Safeguarding Adults Board"),
        ("home care", "reablement", "telecare")),
    "education": Topic(
        ("Learning for life", "Great schools and colleges", "Skills and learning for young people"),
        ("Schools and learning", "Education", "Young people's learning"),
        ("Every young person leaves school or college ready for work, training or further study.",
         "Young people in {B} achieve at least as well as young people anywhere in England."),
        ("raise attendance at secondary schools by tackling persistent absence"
         " | set up an attendance team to reduce persistent absence at secondary schools",
         "guarantee every school leaver a place in education, employment or training"
         " | track every school leaver so none is left without education, employment or training",
         "build new school places for children with special educational needs"
         " | open a new specialist school for children with special educational needs",
         "reduce exclusions with inclusion support in every secondary school"
         " | fund inclusion workers in secondary schools to cut exclusions",
         "widen access to university through a sixth form outreach programme"
         " | run a university outreach programme with sixth forms",
         "expand free breakfast clubs in primary schools"
         " | extend free breakfast clubs to more primary schools",
         "offer careers advice from local employers in every school"
         " | match every school with local employers for careers advice",
         "support pupils' mental wellbeing through school counsellors"
         " | place counsellors in schools to support pupils' mental wellbeing",
         "improve reading at age eleven with a borough reading challenge"
         " | launch a reading challenge to improve reading by age eleven"),
        ("with head teachers", "in {p} and {q}", "for disadvantaged pupils", "across the borough"),
        ("Persistent absence rate in secondary schools",
         "Percentage of 16-17 year olds not in education, employment or training",
         "Percentage of pupils reaching the expected standard in reading at age eleven",
         "Number of permanent exclusions", "Number of specialist school places"),
        ("Education Strategy", "SEND Strategy", "School Places Plan"),
        ("Education Partnership Board", "SEND Improvement Board"),
        ("attendance", "reading", "careers")),
    "mental": Topic(
        ("Good mental health", "Mental wellbeing for all", "Mind matters"),
        ("Mental health", "Wellbeing", "Mental wellbeing"),
        ("Everyone in {B} can get help with their mental health when they need it.",
         "Good mental health is everyone's business, and help is quick to find."),
        ("develop a joint approach to mental health support for young people with schools and the voluntary sector"
         " | commission mental health support for young people with schools",
         "open a crisis cafe as an alternative to A&E for people in mental health crisis"
         " | run a crisis cafe for people in mental health crisis",
         "train 1,000 mental health first aiders in workplaces"
         " | train council staff as mental health first aiders",
         "cut waiting times for talking therapies"
         " | reduce waiting times for talking therapies",
         "prevent suicide through a multi-agency suicide prevention action plan"
         " | deliver our actions in the suicide prevention action plan",
         "tackle loneliness with community connectors and befriending"
         " | fund community connectors and befriending to tackle loneliness",
         "offer perinatal mental health support to new parents"
         " | extend perinatal mental health support for new parents",
         "support people with severe mental illness into work with individual placement support"
         " | refer people with severe mental illness to individual placement support"),
        ("with the NHS and the voluntary sector", "in {p} and {q}", "for young people and adults",
         "across the borough"),
        ("Waiting time for talking therapies (weeks)", "Suicide rate per 100,000",
         "Number of mental health first aiders trained", "Percentage of adults reporting high anxiety",
         "Attendances at the crisis cafe"),
        ("All-Age Mental Health Strategy", "Suicide Prevention Strategy", "Loneliness Action Plan"),
        ("Mental Health Partnership Board", "Suicide Prevention Partnership"),
        ("talking therapies", "peer support")),
    "jobs": Topic(
        ("Good jobs and skills for all", "Skills for good work", "Fair work for everyone"),
        ("Jobs and skills", "Employment and skills", "Good work"),
        ("More {B} residents are in secure, well-paid work, with the skills local employers need.",
         "Everyone who can work has the skills and support to find a good job."),
        ("grow the number of apprenticeships offered by partner organisations to 400 a year"
         " | offer apprenticeships within the Council towards the partnership target of 400 a year",
         "encourage local employers to pay the Real Living Wage and become accredited Living Wage employers"
         " | keep our Real Living Wage accreditation and ask contractors to pay the Real Living Wage",
         "deliver an adult skills offer at {B} College focused on green construction and home retrofit"
         " | fund adult skills courses at {B} College in green construction and retrofit",
         "provide one-to-one employment support for people with disabilities and long-term health conditions"
         " | offer one-to-one employment support to disabled people and people with long-term health conditions",
         "create a youth employment hub for 16 to 24 year olds"
         " | open a youth employment hub for young people aged 16 to 24",
         "run jobs fairs with major employers twice a year"
         " | host jobs fairs with major employers",
         "offer English for speakers of other languages classes to help people into work"
         " | expand ESOL classes to help people into work",
         "help care leavers into work through guaranteed work placements"
         " | guarantee work placements for care leavers",
         "support people returning to work after a career break with a returners programme"
         " | launch a returners programme for people back from a career break"),
        ("with {B} College", "in {p} and {q}", "for residents furthest from work", "across the borough"),
        ("Employment rate of residents aged 16-64", "Number of apprenticeship starts",
         "Percentage of jobs paid below the Real Living Wage", "Number of accredited Living Wage employers",
         "Number of people helped into work", "Youth unemployment claimant rate"),
        ("{B} Inclusive Economy Strategy", "Skills and Employment Plan", "Work and Health Programme"),
        ("{B} Economic Forum", "Employment and Skills Board"),
        ("green construction and home retrofit", "health and social care", "everyday digital skills")),
    "centres": Topic(
        ("Thriving town and district centres", "Town centres people love", "Vibrant high streets"),
        ("Town centres", "High streets", "Town and district centres"),
        ("{T} and our district centres are busy, attractive places to shop, work and spend time.",
         "Our town centres are full of life in the day and in the evening."),
        ("bring empty shop units back into use through a meanwhile-use grant"
         " | offer meanwhile-use grants to bring empty shop units back into use",
         "complete the {T} Riverside regeneration scheme, including new homes and a public riverside walk"
         " | start work on site at {T} Riverside, beginning with the riverside walk",
         "run a year-round events programme in the district centres"
         " | fund a year-round programme of events in district centres",
         "improve shop fronts through a heritage shop front scheme"
         " | award heritage shop front grants",
         "make the market hall a destination with street food and craft stalls"
         " | refurbish the market hall for street food and craft stalls",
         "bring more people to live in the town centre by converting upper floors to flats"
         " | convert empty upper floors above shops into flats",
         "install free public wi-fi in town and district centres"
         " | switch on free public wi-fi in the town centre",
         "create a night-time economy plan with safe places to go in the evening"
         " | draw up a night-time economy plan with businesses"),
        ("in {T}", "in {q} and {r}", "with traders and landlords", "in the district centres"),
        ("Vacancy rate of ground-floor units in {T} town centre", "Footfall in {T} town centre",
         "Number of events held in district centres", "Number of homes created in the town centre"),
        ("{T} Town Centre Masterplan", "District Centres Plan", "Night-Time Economy Plan"),
        ("Town Centre Board", "{T} Development Corporation Board"),
        ()),
    "business": Topic(
        ("A place to start and grow a business", "Enterprise and investment", "Growing businesses"),
        ("Business growth", "Supporting business", "Local business"),
        ("More businesses start, stay and grow in {B}, creating good local jobs.",
         "{B} is a place where businesses want to invest."),
        ("buy locally: increase the share of partners' spending that goes to {B}-based businesses"
         " | raise the share of Council spending with {B}-based businesses to 40%",
         "open a business incubator for start-ups in creative and digital industries"
         " | open a start-up incubator for creative and digital businesses",
         "bring new employment land forward at the {q} business park"
         " | prepare the {q} business park site for new employers",
         "offer a business growth grant to small manufacturers"
         " | award growth grants to small manufacturers",
         "attract inward investment through a joint investment prospectus"
         " | publish an investment prospectus to attract inward investment",
         "help social enterprises and co-operatives to grow"
         " | fund a social enterprise and co-operative development programme",
         "pay small suppliers within ten days"
         " | pay small suppliers' invoices within ten days"),
        ("in {p} and {q}", "with the Chamber of Trade", "across the borough"),
        ("Percentage of partner spend with {B}-based suppliers", "Number of business start-ups",
         "Business survival rate after three years", "Hectares of employment land brought forward"),
        ("Economic Growth Strategy", "Social Value Policy", "Investment Prospectus"),
        ("{B} Economic Forum", "Business Leaders Group"),
        ()),
    "digital": Topic(
        ("A digital borough", "Digitally connected for all", "Digital inclusion"),
        ("Digital services", "Getting online", "Digital inclusion"),
        ("Everyone in {B} can get online, and public services are simple to use online.",
         "No one in {B} is left behind by digital change."),
        ("bring gigabit broadband to every home and business"
         " | work with providers to bring gigabit broadband to homes and businesses",
         "lend tablets and data to people who are digitally excluded"
         " | run a device and data lending scheme for digitally excluded residents",
         "train digital champions in libraries and community centres"
         " | recruit digital champions in every library",
         "join up health and care records so people tell their story once"
         " | connect council care records to the shared health and care record",
         "offer free basic digital skills courses for older people"
         " | run free digital skills courses for older residents",
         "improve mobile coverage in the fell villages"
         " | map mobile coverage not-spots in villages"),
        ("in {p} and {q}", "for people who are not online", "across the borough"),
        ("Percentage of premises with gigabit broadband", "Number of devices lent",
         "Number of residents trained in basic digital skills"),
        ("Digital Strategy", "Digital Inclusion Plan"),
        ("Digital Partnership Board",),
        ()),
    "transport": Topic(
        ("Getting around easily", "Better connected places", "Transport that works for all"),
        ("Transport and roads", "Getting around", "Travel"),
        ("People can get to work, school and services easily, by bus, bike or on foot.",
         "Travelling around {B} is easy, affordable and clean."),
        ("improve bus services to {q} with evening and Sunday services"
         " | fund evening and Sunday bus services to {q}",
         "build safe cycle routes linking {p} with {q}"
         " | start building the {p} to {q} cycle route",
         "reopen the railway station at {r}"
         " | complete a business case to reopen {r} railway station",
         "install electric vehicle charge points in every public car park"
         " | install electric vehicle charge points in council car parks",
         "introduce school streets to make the journey to school safer"
         " | close roads outside five schools at drop-off under the school streets scheme",
         "make bus travel free for young people under 18"
         " | trial free bus travel for under-18s",
         "introduce community transport for villages without a bus"
         " | fund a community transport scheme for villages without a bus"),
        ("in {p} and {q}", "for people without a car", "across the borough"),
        ("Bus passenger journeys", "Number of electric vehicle charge points",
         "Kilometres of protected cycle route", "Percentage of pupils walking or cycling to school"),
        ("Local Transport Plan", "Active Travel Strategy", "Bus Service Improvement Plan"),
        ("Transport Partnership", "Active Travel Forum"),
        ()),
    "housing": Topic(
        ("Homes people can afford", "A good home for everyone", "Decent, affordable homes"),
        ("Homes", "Housing", "Good homes"),
        ("Everyone in {B} has a safe, warm and affordable home.",
         "There are enough good homes for people at every stage of life."),
        ("deliver 1,200 new affordable homes by 2035, working with housing associations"
         " | work with {B} Homes to start building new affordable homes this year",
         "retrofit 2,000 social-rented homes to improve energy efficiency and cut fuel bills"
         " | bid for government funding to retrofit social-rented homes with insulation and heat pumps",
         "end rough sleeping by offering everyone found sleeping out an immediate place to stay"
         " | offer an immediate place to stay to everyone found sleeping rough",
         "raise standards in private rented homes through a landlord licensing scheme"
         " | consult on a selective licensing scheme for private landlords",
         "bring long-term empty homes back into use"
         " | bring empty homes back into use with loans and enforcement",
         "prevent homelessness by helping families at risk of eviction earlier"
         " | set up a homelessness prevention team for families at risk of eviction",
         "cut the use of bed and breakfast for homeless families"
         " | end the use of bed and breakfast for homeless families with children",
         "build homes for older people who want to downsize"
         " | include homes for downsizing older people in new council schemes",
         "adapt homes for disabled people with disabled facilities grants"
         " | speed up disabled facilities grants for home adaptations"),
        ("in {p} and {q}", "with {B} Homes", "for families on low incomes", "across the borough"),
        ("Number of affordable homes completed", "Number of people sleeping rough on a single night",
         "Number of empty homes brought back into use", "Number of households in temporary accommodation",
         "Number of social-rented homes retrofitted"),
        ("{B} Housing Strategy", "Homelessness and Rough Sleeping Strategy", "Private Sector Housing Plan",
         "Local Plan"),
        ("Housing Partnership Board", "Homelessness Forum"),
        ("insulation", "heat pumps", "solar panels")),
    "climate": Topic(
        ("Net zero and nature", "A greener borough", "Climate action"),
        ("Climate and nature", "Net zero", "A greener council"),
        ("A borough on the road to net zero by 2038, where nature recovers.",
         "{B} cuts its carbon emissions and adapts to a changing climate."),
        ("plant 50,000 trees across the borough and create new wildlife corridors along the river"
         " | plant trees this winter, starting with the river banks and wildlife corridors",
         "cut the partnership's own carbon emissions by 60% against a 2019 baseline"
         " | cut the Council's own carbon emissions by switching the fleet to electric vehicles",
         "install solar panels on public buildings and schools"
         " | fit solar panels on council buildings and schools",
         "reduce flood risk with natural flood management in the upper valley"
         " | start natural flood management works in the upper valley to reduce flood risk",
         "create a community energy co-operative"
         " | help set up a community energy co-operative",
         "raise recycling rates with food waste collections"
         " | introduce weekly food waste collections to raise recycling",
         "restore peat moorland to lock in carbon"
         " | restore peat moorland on council land",
         "help households cut energy bills with a warm homes advice service"
         " | fund a warm homes advice service to cut energy bills"),
        ("in {p} and {q}", "by 2030", "with local people and businesses", "across the borough"),
        ("Partnership carbon emissions (tonnes CO2e)", "Number of trees planted",
         "Household recycling rate", "Number of homes at risk of flooding", "Renewable energy generated (MWh)"),
        ("Climate Action Plan", "Tree and Woodland Strategy", "Local Nature Recovery Strategy"),
        ("Climate Partnership", "Nature Recovery Forum"),
        ()),
    "safety": Topic(
        ("Safe neighbourhoods", "Feeling safe", "Safer streets and homes"),
        ("Safer streets", "Community safety", "Safe communities"),
        ("People feel safe at home, in their neighbourhood and in the town centre, day and night.",
         "Crime and anti-social behaviour fall, and people feel safe."),
        ("reduce anti-social behaviour through neighbourhood policing teams and youth outreach"
         " | fund youth outreach workers to reduce anti-social behaviour in the evenings",
         "tackle domestic abuse by expanding the Safe at Home refuge and outreach service"
         " | recommission the Safe at Home domestic abuse service with extra outreach",
         "install CCTV in hotspots for crime and anti-social behaviour"
         " | upgrade CCTV cameras in crime hotspots",
         "prevent young people from being drawn into serious violence and county lines"
         " | run a serious violence prevention programme with schools",
         "make the town centre safe for women and girls at night"
         " | train licensed venues to keep women and girls safe at night",
         "tackle fly-tipping with more enforcement and fines"
         " | prosecute fly-tippers and issue more fines",
         "cut road casualties with 20mph zones near schools"
         " | introduce 20mph zones near schools to cut road casualties",
         "support victims of scams and doorstep crime"
         " | run a trading standards scams awareness campaign"),
        ("in {p} and {q}", "with the police", "in the evenings and at weekends", "across the borough"),
        ("Anti-social behaviour incidents per 1,000 residents", "Number of domestic abuse incidents",
         "Percentage of residents who feel safe after dark", "Number of fly-tipping incidents",
         "Number of people killed or seriously injured on roads"),
        ("Community Safety Strategy", "Domestic Abuse Strategy", "Serious Violence Strategy"),
        ("Safer {B} Partnership", "Domestic Abuse Partnership Board"),
        ()),
    "parks": Topic(
        ("Clean, green neighbourhoods", "Parks and open spaces", "Places to enjoy"),
        ("Streets, parks and trees", "Parks and green spaces", "Clean neighbourhoods"),
        ("Neighbourhoods are clean and green, with a good park within walking distance of every home.",
         "Every neighbourhood has clean streets and a park to be proud of."),
        ("support Parks and Green Spaces Friends groups to look after local parks, with small grants and tools"
         " | support Friends of parks groups with small grants and tools",
         "refurbish play areas in every ward"
         " | refurbish play areas in five parks",
         "win Green Flag awards for more of our parks"
         " | enter more parks for Green Flag awards",
         "create new allotments and community growing spaces"
         " | open new allotment plots and community growing spaces",
         "keep streets clean with neighbourhood clean-up days"
         " | organise neighbourhood clean-up days with residents",
         "open up the riverside for walking with a new riverside path"
         " | complete the next section of the riverside path",
         "make cemeteries and churchyards havens for wildlife"
         " | manage cemeteries and churchyards for wildlife"),
        ("in {p} and {q}", "with volunteers", "in every ward", "across the borough"),
        ("Number of Green Flag parks", "Residents' satisfaction with parks",
         "Number of play areas refurbished", "Street cleanliness survey score"),
        ("Parks and Green Spaces Strategy", "Playing Pitch Strategy", "Allotments Plan"),
        ("Green Spaces Forum", "Neighbourhoods Board"),
        ()),
    "culture": Topic(
        ("Culture, heritage and sport", "A creative borough", "Culture for everyone"),
        ("Culture and leisure", "Arts and heritage", "Culture"),
        ("Culture, heritage and sport bring people together and bring visitors to {B}.",
         "Everyone can enjoy {B}'s culture, heritage and sport."),
        ("bid for the borough to become a City of Culture"
         " | prepare a City of Culture bid",
         "restore the {p} Playhouse as a home for community theatre"
         " | start restoration works at the {p} Playhouse",
         "hold an annual festival celebrating the borough's heritage"
         " | fund the annual heritage festival",
         "open heritage buildings to the public during heritage open days"
         " | open council heritage buildings during heritage open days",
         "give every child the chance to learn a musical instrument"
         " | fund free music lessons through the music education hub",
         "build a new community sports hub with 3G pitches"
         " | submit plans for a community sports hub with 3G pitches",
         "grow visitor numbers with a joint tourism campaign"
         " | launch a tourism campaign to grow visitor numbers"),
        ("in {p}", "with local artists", "for young people", "across the borough"),
        ("Number of visitors to the borough", "Attendance at cultural events",
         "Percentage of adults taking part in the arts", "Number of children learning an instrument"),
        ("Cultural Strategy", "Heritage Strategy", "Sport and Leisure Strategy"),
        ("Culture Partnership", "Sport and Physical Activity Board"),
        ()),
    "volunteering": Topic(
        ("Communities doing it for themselves", "Volunteering and community action", "Active citizens"),
        ("Communities", "Community action", "Volunteering"),
        ("People in {B} help each other, and community groups have what they need to thrive.",
         "More people volunteer and community groups thrive."),
        ("create a volunteering hub matching volunteers with community groups"
         " | launch an online volunteering hub for community groups",
         "transfer community buildings to local groups through community asset transfer"
         " | complete community asset transfers of three buildings",
         "give community groups small grants from a neighbourhood fund"
         " | open the neighbourhood fund for small grants",
         "set up neighbourhood forums so residents shape local services"
         " | run neighbourhood forums in every ward",
         "recognise volunteers with an annual volunteer awards evening"
         " | hold the annual volunteer awards",
         "help refugees and new arrivals settle with welcome groups"
         " | fund welcome groups for refugees and new arrivals"),
        ("in {p} and {q}", "with {B} Community Voluntary Action", "across the borough"),
        ("Number of people volunteering", "Number of community asset transfers",
         "Value of neighbourhood fund grants awarded", "Percentage of residents who feel they belong"),
        ("Volunteering Strategy", "Community Engagement Strategy", "Neighbourhood Fund Programme"),
        ("Communities Board", "Voluntary Sector Partnership"),
        ()),
    "food": Topic(
        ("No one goes hungry", "Tackling poverty", "A fairer deal for every household"),
        ("Cost of living", "Tackling poverty", "Money and food"),
        ("No household in {B} goes without food, heat or help with money.",
         "Families on low incomes get the help they need, quickly and with dignity."),
        ("build a Food Network of food banks, pantries and community cafes"
         " | fund the Food Network of pantries and community cafes",
         "offer free money advice in GP surgeries and family hubs"
         " | provide money advice sessions in GP surgeries",
         "raise take-up of Pension Credit among older people"
         " | run a Pension Credit take-up campaign",
         "provide free school meals automatically to every eligible child"
         " | auto-enrol eligible children for free school meals",
         "open warm spaces in libraries and community centres every winter"
         " | open warm spaces in libraries this winter",
         "tackle fuel poverty with energy advice and crisis grants"
         " | fund energy advice and crisis grants for fuel poverty"),
        ("in {p} and {q}", "for families on low incomes", "across the borough"),
        ("Number of food parcels given out", "Pension Credit take-up rate",
         "Number of households helped with money advice", "Percentage of children in low-income families"),
        ("Anti-Poverty Strategy", "Food Strategy", "Financial Inclusion Plan"),
        ("Poverty Truth Commission", "Food Partnership"),
        ()),
    "ageing": Topic(
        ("Ageing well", "A great place to grow old", "Older people living well"),
        ("Older people", "Ageing well", "Later life"),
        ("Older people in {B} stay active, connected and independent.",
         "{B} becomes an age-friendly borough."),
        ("join the age-friendly communities network and act on what older people tell us"
         " | sign up to the age-friendly communities network",
         "prevent falls with strength and balance classes"
         " | run strength and balance classes to prevent falls",
         "open dementia-friendly cafes and train dementia friends"
         " | train council staff as dementia friends",
         "keep older people connected with a community transport dial-a-ride"
         " | fund the dial-a-ride community transport service",
         "offer handyperson repairs so older people can stay at home safely"
         " | provide a handyperson service for older people's home repairs"),
        ("in {p} and {q}", "for people over 65", "across the borough"),
        ("Hospital admissions for falls among over-65s", "Number of dementia friends",
         "Percentage of older people who feel lonely"),
        ("Ageing Well Strategy", "Dementia Strategy"),
        ("Ageing Well Board", "Older People's Forum"),
        ()),
}

# More actions and indicators, so every topic can fill a priority of up to ten commitments.
_MORE = {
    "children": ((), ()),
    "health": (("offer free weight management courses to adults referred by their GP"
                " | fund weight management courses for adults referred by GPs",), ()),
    "care": (("recruit and train 300 new home care workers with a care academy"
              " | open a care academy to train new home care workers",
              "stop people going into residential care too early through a front door prevention team"
              " | set up a front door prevention team for adult social care"), ()),
    "education": (("train teachers in every school to support autistic pupils"
                   " | fund autism training for teachers",), ()),
    "mental": (("offer mental health support in every secondary school through mental health support teams"
                " | extend mental health support teams to more secondary schools",
                "provide safe havens for people in emotional distress in the evenings"
                " | open an evening safe haven for people in emotional distress"),
               ("Number of young people supported by mental health support teams",)),
    "jobs": (("open job clubs in libraries with advisers from Jobcentre Plus"
              " | host job clubs in libraries with Jobcentre Plus advisers",), ()),
    "centres": (("reduce business rates for independent shops in their first year"
                 " | offer business rate relief to new independent shops",
                 "green the high street with trees, planters and seating"
                 " | plant street trees and planters on the high street"), ("Number of independent shops opened",)),
    "business": (("set up a manufacturing innovation centre with the college"
                  " | support the college's bid for a manufacturing innovation centre",
                  "promote the visitor economy with a joint destination marketing campaign"
                  " | fund a destination marketing campaign for the visitor economy",
                  "help firms export with a trade advice service"
                  " | commission a trade advice service for exporters"),
                 ("Number of firms given trade advice",)),
    "digital": (("make every public service form available online and accessible"
                 " | move the most used council forms online",
                 "protect residents from online scams with cyber safety sessions"
                 " | run cyber safety sessions in libraries",
                 "use shared data to find households at risk of hardship early"
                 " | build a shared data tool to spot households at risk of hardship",
                 "recycle old council laptops for community use"
                 " | donate refurbished council laptops to community groups"),
                ("Percentage of services available online", "Number of cyber safety sessions held")),
    "transport": (("repair bridges and retaining walls on key routes"
                   " | strengthen the {q} road bridge",
                   "create park and ride sites on the edge of the town"
                   " | open a park and ride site at {q}",
                   "make stations and bus stops accessible for disabled people"
                   " | upgrade bus stops with raised kerbs and real-time information"), ()),
    "housing": ((), ()),
    "climate": (("make the borough's car fleet electric by 2030"
                 " | replace pool cars with electric vehicles",
                 "create a climate assembly of residents to shape our plans"
                 " | hold a residents' climate assembly"), ()),
    "safety": (("reduce reoffending with a women's centre offering support"
                " | fund the women's centre to reduce reoffending",
                "stop underage sales of alcohol and vapes"
                " | run test purchases to stop underage sales of vapes and alcohol"),
               ("Number of underage sales test purchases",)),
    "parks": (("install water refill points and drinking fountains in parks"
               " | install drinking fountains in the main parks",
               "make parks accessible with changing places toilets and level paths"
               " | build a changing places toilet in the main park",
               "reduce pesticide use in parks and verges"
               " | stop using pesticides on council verges"),
              ("Number of volunteer hours in parks",)),
    "culture": (("open a new central library and archive"
                 " | start building the new central library and archive",
                 "bring public art to every ward through community commissions"
                 " | commission community public art projects",
                 "offer free museum entry to children and families"
                 " | keep museum entry free for children and families"),
                ("Number of library visits",)),
    "volunteering": (("train community champions to share public health messages"
                      " | recruit community champions in every ward",
                      "celebrate the borough's many faiths and cultures with an interfaith week"
                      " | support the interfaith week",
                      "give employees paid volunteering leave"
                      " | offer council staff two days' paid volunteering leave",
                      "make it easy to set up a community group with a start-up toolkit"
                      " | publish a community group start-up toolkit"),
                     ("Number of community champions",)),
    "food": (("end holiday hunger with free meals in every school holiday"
              " | fund free holiday meals for children on free school meals",
              "pay hardship grants quickly through a local welfare scheme"
              " | pay local welfare scheme grants within two days",
              "help people with debts through credit unions instead of loan sharks"
              " | promote credit union savings and loans",
              "grow food in schools and communities with a growing network"
              " | start a community growing network in schools"),
             ("Number of local welfare grants paid",)),
    "ageing": (("offer free digital help to older people in sheltered housing"
                " | run digital help sessions in sheltered housing schemes",
                "make town centres age-friendly with benches and toilets"
                " | add benches on main walking routes for older people",
                "support older people to keep active with walking football and tea dances"
                " | fund walking football and tea dances for older people",
                "help older people claim attendance allowance"
                " | run an attendance allowance claims service",
                "create intergenerational projects between schools and care homes"
                " | link schools with care homes for intergenerational projects"),
               ("Number of older people supported to claim benefits", "Number of intergenerational projects")),
}
TOPICS = {k: Topic(**{**t.__dict__, "actions": t.actions + _MORE[k][0], "indicators": t.indicators + _MORE[k][1]})
          for k, t in TOPICS.items()}

# Council-only work (no counterpart in the partnership plan), kept clear of the topics' key nouns.
SERVICE_FOCUS = ("Easier access to Council services", "Council services that work", "Running the Council well",
                 "Bins, roads and streets", "Libraries and museums", "Value for money")
SERVICE_PROMISES = (
    "launch a Council Tax app so residents can check their balance, pay and report a change of address"
    " from their phone",
    "answer 80% of calls to the Customer Contact Centre within two minutes",
    "repair potholes reported on main roads within 48 hours",
    "extend opening hours at {p} Museum and Art Gallery to include Sunday afternoons",
    "collect missed bins by the end of the next working day",
    "replace 3,000 street lights with LED lanterns",
    "reopen the public toilets in {q} market square",
    "publish every Cabinet decision online within five working days",
    "move the registration service into the Civic Hall",
    "resurface 40 kilometres of footway",
    "renew the lease of the {r} crematorium",
    "introduce online booking for the household waste recycling centre",
    "answer freedom of information requests within 20 working days",
    "refurbish the Council Chamber audio system for webcasting meetings",
    "grit priority routes within three hours of a frost warning",
    "digitise the local land charges register",
    "renew the contract for school crossing patrols",
    "clear abandoned vehicles within five working days of a report",
    "reduce sickness absence among Council staff to eight days a year",
    "balance the Council budget without drawing on reserves",
    "move payroll and finance to a single cloud system",
    "cut the Council's office estate by closing the {q} annexe",
    "refresh the Council's website so every page meets accessibility standards",
    "extend the garden waste subscription season into December",
    "renew parking machines so drivers can pay by card",
    "repaint the {p} bandstand and repair its roof",
    "hold budget consultation meetings in every ward",
    "respond to planning applications within statutory deadlines",
)
SERVICE_MEASURES = ("Percentage of calls answered within two minutes",
                    "Percentage of potholes on main roads repaired within 48 hours",
                    "Percentage of Council Tax payments made online", "Missed bin collections per 100,000",
                    "Percentage of planning applications decided on time", "Staff sickness days per employee")
PORTFOLIOS = {"people": ("Health, Care and Families", "Adults and Health", "Children and Education"),
              "economy": ("Economy and Resources", "Growth and Regeneration", "Finance and Jobs"),
              "place": ("Environment, Housing and Highways", "Climate and Neighbourhoods", "Housing and Transport"),
              "communities": ("Communities and Culture", "Stronger Communities", "Leisure and Inclusion")}
SCRUTINY = {"people": ("People Scrutiny Panel", "Health and Care Scrutiny Panel"),
            "economy": ("Place and Economy Scrutiny Panel", "Resources Scrutiny Panel"),
            "place": ("Environment Scrutiny Panel", "Neighbourhoods Scrutiny Panel"),
            "communities": ("Communities Scrutiny Panel", "Corporate Scrutiny Panel")}
PARTNERS = ("{B} Council", "{V} NHS Foundation Trust", "{V} Police ({B} district)", "{B} Homes",
            "{B} College", "{B} Community Voluntary Action", "{B} Chamber of Trade")
COUNCIL_VERBS = ("We shall ", "We shall ", "We shall ", "We shall ", "We will ")
TIMEFRAMES = ("", "", " this year", " by March 2026", " during 2025/26", " in the first half of the year")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


# -- one council ---------------------------------------------------------------------

@dataclass
class Council:
    index: int
    seed: int
    borough: str
    places: list[str]
    rng: random.Random = field(repr=False)

    @property
    def code(self) -> str:
        return f"c{self.index:04d}"

    @property
    def folder(self) -> str:
        return f"council-{self.index:04d}"

    @property
    def slug(self) -> str:
        return self.borough.lower()

    @property
    def partnership_id(self) -> str:
        return f"{self.code}-partnership-plan-2035"

    @property
    def council_id(self) -> str:
        return f"{self.code}-council-plan-2025-26"

    @property
    def partnership_title(self) -> str:
        return f"{self.borough} Partnership Plan 2035"

    @property
    def council_title(self) -> str:
        return f"{self.borough} Council Delivery Plan 2025/26"

    @property
    def partnership_file(self) -> str:
        return f"{self.slug}-partnership-plan-2035.txt"

    @property
    def council_file(self) -> str:
        return f"{self.slug}-council-delivery-plan-2025-26.txt"

    def fill(self, text: str) -> str:
        p, q, r = self.rng.sample(self.places[2:], 3)
        return (text.replace("{B}", self.borough).replace("{V}", self.places[0]).replace("{T}", self.places[1])
                .replace("{p}", p).replace("{q}", q).replace("{r}", r))


def borough_name(index: int, seed: int) -> str:
    """A unique fictional name per council index (for up to len(_PRE) * len(_SUF) councils)."""
    combos = [p + s for p in _PRE for s in _SUF if not (p[-1] == s[0])]
    random.Random(f"names:{seed}").shuffle(combos)
    name = combos[(index - 1) % len(combos)]
    lap = (index - 1) // len(combos)
    return name if lap == 0 else f"{name}{'abcdefghij'[lap % 10]}"  # beyond the pool: still unique


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _wrap(line: str, indent: str, width: int = 104) -> list[str]:
    """Wrap a long line like a PDF extraction: break before a lower-case word (a continuation)."""
    if len(line) <= width:
        return [line]
    words = line.split(" ")
    for cut in range(len(words) - 1, 1, -1):
        head = " ".join(words[:cut])
        if len(head) <= width and re.match(r"[a-z]", words[cut]):
            return [head, indent + " ".join(words[cut:])]
    return [line]


def _with_detail(phrase: str, detail: str) -> str:
    """``phrase`` + ``detail`` unless the detail repeats a word of the phrase ("for … for …")."""
    words = set(re.findall(r"[a-z]{4,}", phrase.lower()))
    if not detail or words & set(re.findall(r"[a-z]{4,}", detail.lower())) or f" {detail.split()[0]} " in phrase:
        return phrase
    return f"{phrase} {detail}"


def _title(text: str) -> str:
    """Title case that keeps short words low ("A Fair and Growing Economy")."""
    small = {"and", "of", "the", "for", "at", "in", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _name_list(names: list[str]) -> str:
    """"A", "A and B" (when A ends like a complete name), else "A; B"; three: "A; B and C"."""
    if len(names) == 1:
        return names[0]
    last_sep = " and " if re.search(r"(?:Strategy|Plan|Programme)$", names[-2]) else "; "
    return "; ".join(names[:-1]) + last_sep + names[-1]


@dataclass
class Priority:
    topic: str
    label: str
    aim: str
    commitments: list[str]            # partnership commitment texts
    subitems: dict[int, list[str]]
    indicators: list[str]
    strategies: list[str]             # names with any "(status)"
    board: str | None
    actions: list[int] = field(default_factory=list)  # which of the topic's actions, in order


def generate_council(index: int, seed: int = 0) -> dict:
    """The texts, profiles and manifest of council ``index`` (1-based), and what was generated."""
    rng = random.Random(f"council:{seed}:{index}")
    borough = borough_name(index, seed)
    used = {borough}
    places = []
    while len(places) < 7:
        name = rng.choice(_PRE) + rng.choice(_SUF)
        if name not in used and name[:-1] != borough[:-1]:
            used.add(name)
            places.append(name)
    c = Council(index, seed, borough, places, rng)
    town = places[1]

    # themes and priorities: 3 or 4 families, 8-10 partnership priorities in all
    n_themes = rng.choice((3, 3, 4))
    families = rng.sample(list(FAMILIES), n_themes)
    n_priorities = rng.randint(8, 10)
    per_theme = [2] * n_themes
    while sum(per_theme) < n_priorities:
        i = rng.randrange(n_themes)
        if per_theme[i] < min(4, len(FAMILIES[families[i]][2])):
            per_theme[i] += 1
    themes: list[tuple[str, str, list[Priority]]] = []  # (family, label, priorities)
    for fam, k in zip(families, per_theme):
        labels, _, topics = FAMILIES[fam]
        prios = []
        for topic in rng.sample(topics, k):
            t = TOPICS[topic]
            n_commit = min(len(t.actions), rng.randint(7, 9))
            actions = rng.sample(range(len(t.actions)), n_commit)
            texts, subs = [], {}
            for j, a in enumerate(actions):
                phrase = c.fill(t.actions[a].split(" | ")[0].strip())
                if t.subitems and rng.random() < 0.12 and not subs:
                    texts.append(f"{_cap(phrase)}, focused on:")
                    subs[j] = rng.sample(list(t.subitems), min(3, len(t.subitems)))
                else:
                    detail = c.fill(rng.choice(t.details)) if rng.random() < 0.65 else ""
                    texts.append(f"{_cap(_with_detail(phrase, detail))}.")
            prios.append(Priority(topic=topic, label=rng.choice(t.labels), aim=c.fill(rng.choice(t.aims)),
                                  commitments=texts, subitems=subs,
                                  indicators=[c.fill(x) for x in
                                              rng.sample(t.indicators, min(len(t.indicators), rng.randint(2, 5)))],
                                  strategies=[], board=None, actions=actions))
        themes.append((fam, rng.choice(labels), prios))
    all_prios = [p for _, _, ps in themes for p in ps]

    # strategies and boards, with the broken threads
    no_strategy = set(rng.sample(range(len(all_prios)), rng.randint(1, 2)))
    no_board = set(rng.sample(range(len(all_prios)), rng.randint(1, 2)))
    no_measure = set(rng.sample(range(len(all_prios)), rng.randint(1, 2)))
    to_establish = set(rng.sample([i for i in range(len(all_prios)) if i not in no_board], rng.randint(1, 2)))
    statuses = ["to be developed"] * rng.randint(1, 2) + ["to be refreshed"] * rng.randint(0, 1)
    for i, p in enumerate(all_prios):
        t = TOPICS[p.topic]
        if i not in no_strategy:
            k = rng.choice((1, 2, 2, 3))
            p.strategies = [c.fill(s) for s in rng.sample(t.strategies, min(k, len(t.strategies)))]
        if i not in no_board:
            p.board = c.fill(rng.choice(t.boards))
        if i in no_measure:
            p.indicators = []
    with_strategy = [(i, j) for i, p in enumerate(all_prios) for j in range(len(p.strategies))]
    for status, (i, j) in zip(statuses, rng.sample(with_strategy, min(len(statuses), len(with_strategy)))):
        all_prios[i].strategies[j] += f" ({status})"
    for i in to_establish:
        all_prios[i].board = f"{all_prios[i].board} (to be established)"

    # -- the partnership plan ------------------------------------------------------
    furniture = f"{c.partnership_title} | Consultation version"
    chair, vice = (f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(2))
    L = [f"{borough.upper()} TOGETHER", "", c.partnership_title, "Consultation version, January 2025", "",
         furniture, "", "ABOUT THIS PLAN", ""]
    members = ", ".join(c.fill(x) for x in PARTNERS[:-1]) + " and " + c.fill(PARTNERS[-1])
    L += [f"{borough} Together is the partnership of public, voluntary and business organisations that serve the",
          f"borough. Its members are {members}. This plan sets out what we will do together over the next ten",
          "years. Each partner will set out its own part in its annual plans.", "",
          "OUR VISION FOR 2035", "",
          f"By 2035 {borough} will be a borough where every street shares in its success: from the terraces of",
          f"{town} to the villages above {places[2]}, people will live longer and healthier lives, earn a fair",
          f"wage close to home, and be proud of the place they live. We heard clearly from the {borough} Fairness",
          "Commission¹ that the gap between our most and least advantaged neighbourhoods is still too wide.", "",
          f"Councillor {chair}, Chair of {borough} Together", f"{vice}, Vice-Chair", "",
          f"¹ {borough} Fairness Commission, \"A Fair Share for Every Street\", final report, October 2024.", ""]
    for ti, (_, theme_label, prios) in enumerate(themes, 1):
        L += [furniture, "", f"THEME {ti}: {theme_label}", ""]
        for pi, p in enumerate(prios, 1):
            L += [f"Priority {ti}.{pi} - {p.label}", "", f"Aim: {p.aim}", "", "Our commitments"]
            for j, text in enumerate(p.commitments):
                L += _wrap(f"({LETTERS[j]}) {text}", "    ")
                for s in p.subitems.get(j, []):
                    L.append(f"    * {s}")
            L.append("")
            if p.indicators:
                L += ["Indicators", *(f"* {x}" for x in p.indicators), ""]
            if p.strategies:
                L.append(f"Lead strategy: {_name_list(p.strategies)}")
            if p.board:
                L.append(f"Oversight: {p.board}")
            L.append("")
    L += [furniture, "", "REPORTING AND REVIEW", "",
          f"Each partner will report progress against this plan once a year to {borough} Together, and the",
          "partnership will publish a short annual report every autumn. Where a lead strategy is still to be",
          f"written or refreshed, the partner named in it will bring a draft to {borough} Together within twelve",
          "months of this plan being agreed.", "",
          f"Have your say: write to {borough} Together, Civic Hall, Market Street, {town}, or email",
          f"together@{c.slug}.example."]
    partnership_text = "\n".join(L) + "\n"

    # -- the council delivery plan --------------------------------------------------
    # each partnership priority becomes a focus area (a few are left out: their commitments
    # are not carried out); 1-2 council-only focus areas of service promises are added.
    promises = [c.fill(x) for x in rng.sample(SERVICE_PROMISES, len(SERVICE_PROMISES))]
    skip_prios = set(rng.sample(range(len(all_prios)), rng.choice((0, 0, 1))))
    pairs: list[tuple[str, str]] = []   # (council commitment text, the partnership commitment it paraphrases)
    goals = []  # (family, goal label, theme label, [(focus label, [(text, counterpart)])], measures)
    flat = 0
    for _ti, (fam, theme_label, prios) in enumerate(themes, 1):
        _, goal_labels, _ = FAMILIES[fam]
        focus_areas = []
        measures: list[str] = []
        for _pi, p in enumerate(prios, 1):
            flat += 1
            if flat - 1 in skip_prios:
                continue
            t = TOPICS[p.topic]
            k = min(len(p.commitments), rng.randint(6, 9))
            items = []
            for j in sorted(rng.sample(range(len(p.commitments)), k)):
                variants = [v.strip() for v in t.actions[p.actions[j]].split(" | ")[1:]]
                para = c.fill(rng.choice(variants))
                detail = c.fill(rng.choice(t.details)) if rng.random() < 0.35 else ""
                text = _with_detail(para, detail)
                lead = rng.choice(COUNCIL_VERBS) if rng.random() > 0.05 else ""
                text = f"{lead}{text}{rng.choice(TIMEFRAMES)}." if lead else f"{_cap(text)}."
                items.append((text, p.commitments[j]))
            for _ in range(rng.choice((0, 1, 1, 2))):
                items.append((f"We shall {promises.pop()}.", None))
            rng.shuffle(items)
            focus_areas.append((rng.choice(t.focus), items))
            measures += [f"{x} (Council)" if rng.random() < 0.3 else x
                         for x in rng.sample(p.indicators or [c.fill(i) for i in t.indicators], 1)]
            measures += [c.fill(x) for x in rng.sample(t.indicators, 2)]
        goals.append([fam, rng.choice(goal_labels), theme_label, focus_areas, measures])
    for _ in range(rng.choice((1, 2))):
        g = rng.choice(goals)
        label = rng.choice([s for s in SERVICE_FOCUS if s not in {f for f, _ in g[3]}])
        g[3].append((label, [(f"We shall {promises.pop()}.", None) for _ in range(rng.randint(5, 7))]))
        g[4] += rng.sample(SERVICE_MEASURES, 2)
    for g in goals:  # dedupe measures, keep order, at most 10 per goal
        seen: list[str] = []
        for m in g[4]:
            if m not in seen:
                seen.append(m)
        g[4] = seen[:10]
    blank_goal = rng.randrange(len(goals))
    lead_officer = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    cfurn = f"{borough} Council | Draft for Cabinet"
    L = [cfurn, "", f"{borough.upper()} COUNCIL", "", "Council Delivery Plan 2025/26", "",
         "Report to Cabinet, 11 March 2025", f"Lead officer: {lead_officer}, Director of Strategy and Performance", "",
         "1. PURPOSE OF THIS PLAN", "",
         "This is the Council's plan for the financial year 2025/26. It sets out what the Council itself",
         f"will deliver in the first year of the {c.partnership_title}, agreed with our partners in",
         f"{borough} Together. It is organised around {len(goals)} goals. Under each goal we list the focus areas for",
         "the year and the specific things we have promised to do, followed by the measures Cabinet will use",
         "to track progress each quarter.", "",
         "Some of what we do every day is not in the partnership plan at all, but matters a great deal to",
         "residents, so a number of service promises are included here too.", "",
         "2. OUR GOALS FOR 2025/26", ""]
    council_count = 0
    for gi, (_fam, goal_label, theme_label, focus_areas, measures) in enumerate(goals):
        letter = "ABCD"[gi]
        L += [f"GOAL {letter}  |  {goal_label}", "",
              f"Goal {letter} is the Council's contribution to the partnership theme {_title(theme_label)}.", ""]
        for fi, (label, items) in enumerate(focus_areas, 1):
            L.append(f"Focus area {letter}{fi}: {label}")
            for _ci, (text, counterpart) in enumerate(items, 1):
                L += _wrap(f"> {text}", "  ")
                council_count += 1
                if counterpart:
                    pairs.append((text, counterpart))
            L.append("")
        L += ["How we will know:", *(f"o {m}" for m in measures), "", cfurn, ""]
    L += ["3. ACCOUNTABILITY", "",
          "Each goal has a lead Cabinet member and is reviewed by a scrutiny panel. The allocation of Goal "
          f"{'ABCD'[blank_goal]} to",
          "a scrutiny panel will be confirmed at the annual meeting of Council in May 2025.", "",
          "Goal\tCabinet portfolio\tScrutiny panel"]
    used_panels: set[str] = set()
    for gi, g in enumerate(goals):
        fam = g[0]
        portfolio = rng.choice(PORTFOLIOS[fam])
        panel = next((s for s in SCRUTINY[fam] if s not in used_panels), "Corporate Scrutiny Panel")
        used_panels.add(panel)
        cllr = f"Cllr {rng.choice(_FIRST)} {rng.choice(_LAST)}"
        L.append(f"{'ABCD'[gi]}\t{portfolio} ({cllr})\t{'' if gi == blank_goal else panel}")
    L += ["", "4. REPORTING", "",
          "Progress against every measure in this plan will be reported to Cabinet each quarter and published on",
          "the Council's website. A full year-end report will go to Cabinet in June 2026."]
    council_text = "\n".join(L) + "\n"

    expected = {
        "partnership_priorities": len(all_prios),
        "partnership_commitments": sum(len(p.commitments) for p in all_prios),
        "council_focus_areas": sum(len(g[3]) for g in goals),
        "council_commitments": council_count,
        "measures": sum(len(p.indicators) for p in all_prios) + sum(len(g[4]) for g in goals),
        "council_commitments_with_counterpart": len(pairs),
    }
    return {"council": c, "partnership_text": partnership_text, "council_text": council_text,
            "expected": expected, "pairs": pairs}


def _profiles(c: Council) -> dict[str, str]:
    """The two Northmere profiles, adapted to council ``c`` (ids, names, titles, patterns)."""
    b = re.escape(c.borough)
    part = (NORTHMERE_PROFILES / "partnership-plan.toml").read_text(encoding="utf-8")
    coun = (NORTHMERE_PROFILES / "council-delivery-plan.toml").read_text(encoding="utf-8")
    swaps_part = [
        ('name = "northmere-partnership-plan"', f'name = "{c.code}-partnership-plan"'),
        ('description = "Northmere Partnership Plan 2035 (fictional example)"',
         f'description = "{c.partnership_title} (generated for benchmarks)"'),
        ('id = "northmere-partnership-plan-2035"', f'id = "{c.partnership_id}"'),
        ('title = "Northmere Partnership Plan 2035"', f'title = "{c.partnership_title}"'),
        ("text = \"Northmere Together's ten-year partnership plan: every street shares in the borough's success.\"",
         f"text = \"{c.borough} Together's ten-year partnership plan: every street shares in the borough's success.\""),
        ("all = ['^(?:#+ )?Northmere Partnership Plan 2035$',",
         f"all = ['^(?:#+ )?{b} Partnership Plan 2035$',"),
        ("ignore = ['^Northmere Partnership Plan 2035 \\| Consultation version$'",
         f"ignore = ['^{b} Partnership Plan 2035 \\| Consultation version$'"),
        ('stopwords = ["a", "an", "and", "the", "northmere",', f'stopwords = ["a", "an", "and", "the", "{c.slug}",'),
        ("# Northmere's partnership plan house style", f"# {c.borough}'s partnership plan, in Northmere's house style"),
    ]
    swaps_coun = [
        ('name = "northmere-council-delivery-plan"', f'name = "{c.code}-council-delivery-plan"'),
        ('description = "Northmere Council Delivery Plan, a yearly edition (fictional example)"',
         f'description = "{c.council_title} (generated for benchmarks)"'),
        ('id = "northmere-council-plan-{edition}"', f'id = "{c.council_id}"'),
        ('title = "Northmere Council Delivery Plan {edition}"', f'title = "{c.council_title}"'),
        ("text = \"Northmere Council's plan for {edition}, under the Northmere Partnership Plan 2035.\"",
         f"text = \"{c.borough} Council's plan for 2025/26, the first year of the {c.partnership_title}.\""),
        ('aligns_with = ["northmere-partnership-plan-2035"]', f'aligns_with = ["{c.partnership_id}"]'),
        ("all = ['^(?:#+ )?Council Delivery Plan \\d{4}/\\d{2}$',",
         f"all = ['^(?:#+ )?{b.upper()} COUNCIL$', '^(?:#+ )?Council Delivery Plan 2025/26$',"),
        ("ignore = ['^Northmere Council \\| Draft for Cabinet$']", f"ignore = ['^{b} Council \\| Draft for Cabinet$']"),
        ('stopwords = ["a", "an", "and", "the", "northmere",', f'stopwords = ["a", "an", "and", "the", "{c.slug}",'),
        ("# Northmere Council's delivery plan house style",
         f"# {c.borough} Council's delivery plan, in Northmere's house style"),
    ]
    out = {}
    for name, text, swaps in (("partnership-plan.toml", part, swaps_part),
                              ("council-delivery-plan.toml", coun, swaps_coun)):
        for old, new in swaps:
            if old not in text:
                raise RuntimeError(f"examples/northmere/profiles/{name} changed: cannot find {old!r} to adapt")
            text = text.replace(old, new)
        if any("northmere" in ln.lower() for ln in text.splitlines() if not ln.startswith("#")):
            raise RuntimeError(f"{name}: a Northmere-specific line was not adapted")
        out[name] = text
    return out


def write_council(out_dir: Path, index: int, seed: int = 0) -> Path:
    """Write council ``index`` under ``out_dir``; return its folder."""
    g = generate_council(index, seed)
    c: Council = g["council"]
    folder = Path(out_dir) / c.folder
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "profiles").mkdir(parents=True)
    (folder / c.partnership_file).write_text(g["partnership_text"], encoding="utf-8")
    (folder / c.council_file).write_text(g["council_text"], encoding="utf-8")
    for name, text in _profiles(c).items():
        (folder / "profiles" / name).write_text(text, encoding="utf-8")
    (folder / "goldenthread.toml").write_text(
        f"# Manifest of a generated council (benchmarks/generate_corpus.py, seed {seed}).\n"
        'profiles = ["profiles"]\n\n'
        f'[[documents]]\nfile = "{c.partnership_file}"\nprofile = "{c.code}-partnership-plan"\n\n'
        f'[[documents]]\nfile = "{c.council_file}"\nprofile = "{c.code}-council-delivery-plan"\n',
        encoding="utf-8")
    (folder / ".generator.json").write_text(json.dumps({
        "seed": seed, "index": index, "code": c.code, "borough": c.borough,
        "plans": [c.partnership_id, c.council_id], "expected": g["expected"],
        "pairs": g["pairs"]}, indent=1) + "\n", encoding="utf-8")
    return folder


def council_folders(out_dir: Path, n: int) -> list[Path]:
    return [Path(out_dir) / f"council-{i:04d}" for i in range(1, n + 1)]


def generate(out_dir: Path, n: int, seed: int = 0, start: int = 1, reuse: bool = False) -> list[Path]:
    """Write councils ``start``..``n``; with ``reuse``, keep folders already written with this seed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = []
    for i in range(start, n + 1):
        folder = out_dir / f"council-{i:04d}"
        meta = folder / ".generator.json"
        if reuse and meta.is_file():
            try:
                if json.loads(meta.read_text(encoding="utf-8")).get("seed") == seed:
                    folders.append(folder)
                    continue
            except ValueError:
                pass
        folders.append(write_council(out_dir, i, seed))
    return folders


def councils_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    """One corpus of ``n`` generated councils: ``folder/corpus/council-000K/`` holds council K's
    two documents and its profiles; ``folder/corpus/goldenthread.toml`` names every document's
    profile and every profile folder. Returns the corpus folder."""
    generated = Path(folder) / "generated"
    corpus = Path(folder) / "corpus"
    generate(generated, n, seed=seed, reuse=True)
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    profiles, documents = [], []
    for council in council_folders(generated, n):
        target = corpus / council.name
        shutil.copytree(council, target, ignore=shutil.ignore_patterns("goldenthread.toml", ".generator.json"))
        profiles.append(f'"{council.name}/profiles"')
        manifest = (council / "goldenthread.toml").read_text(encoding="utf-8")
        for file, profile in re.findall(r'file = "(.*?)"\nprofile = "(.*?)"', manifest):
            documents.append(f'[[documents]]\nfile = "{council.name}/{file}"\nprofile = "{profile}"\n')
    (corpus / "goldenthread.toml").write_text(
        f"# {n} generated councils in one corpus (benchmarks/generate_corpus.py)\n"
        f"profiles = [{', '.join(profiles)}]\n\n"
        + "\n".join(documents), encoding="utf-8")
    return corpus


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=1, help="first council index (default 1)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    folders = generate(args.out_dir, args.n, args.seed, args.start)
    print(f"wrote {len(folders)} councils to {args.out_dir}")


if __name__ == "__main__":
    main()
