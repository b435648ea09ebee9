"""Writes the demo spreadsheets in data/demo/ from the figures transcribed out of the seed reports.

Run once by a developer (`python data/demo/build_demo.py`); the .xlsx files it writes are committed
and loaded by the app on first start through the same path as a user's upload. See README.md here
for where every figure comes from and what was derived.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")

BASIS = "Basis op orde"
VERBINDING = "Digitaal in verbinding"
RUIMTE = "Ruimte: eenvoudig en beter"
PLATEAU = "Plateau 3 (2018)"

# code, title, theme, owner, parent, budget k, spent k, forecast k, light (derived), status line, counts
MAB_ROWS = [
    (
        "0",
        "Kennis en capaciteit",
        None,
        "IV",
        None,
        250,
        180,
        230,
        "groen",
        "Benodigde kennis/capaciteit geregeld en geborgd.",
        "ja",
    ),
    (
        "1",
        "Hoe de overheid haar gegevens verbetert met basisregistraties",
        VERBINDING,
        "RE",
        None,
        125,
        31,
        75,
        "oranje",
        "BRO in de pas met landelijke ontwikkeling; verbeteringen gebruik NHR nog op te pakken.",
        "ja",
    ),
    (
        "2",
        "Digitaal zaken doen met provincie Flevoland: Let's get digital!",
        VERBINDING,
        "RE",
        None,
        145,
        135,
        160,
        "groen",
        "Implementatie en in beheer name van e-Dienstverlening ligt goed op schema.",
        "ja",
    ),
    (
        "3",
        "Flevoland klaar voor de verwerking van e-facturen",
        VERBINDING,
        "Financiële Administratie",
        None,
        35,
        31,
        40,
        "oranje",
        "Realisatie vraagt meer tijd door vertragingen bij de leverancier",
        "ja",
    ),
    (
        "4",
        "Doe open! – open data bij provincie Flevoland",
        VERBINDING,
        "IV",
        None,
        50,
        16,
        50,
        "oranje",
        "Realisatie van de 2 cases van Flevoland Slimmer! loopt, maar vraagt meer tijd",
        "ja",
    ),
    (
        "5",
        "Samen werken aan Flevoland via Omgevingsvisieflevoland.nl",
        RUIMTE,
        "RE",
        None,
        20,
        0,
        20,
        "groen",
        "Geen bijzonderheden.",
        "ja",
    ),
    (
        "6",
        "Omgevingswet: op weg naar een digitaal stelsel",
        RUIMTE,
        "RE",
        None,
        120,
        25,
        120,
        "groen",
        "Er wordt gedaan wat nu gedaan kan/moet worden (gegeven de huidige ontwikkelingen)",
        "ja",
    ),
    (
        "7",
        "Digitaal samenwerken in de Infra-keten met (een) VISI(E)",
        VERBINDING,
        "Infra",
        None,
        15,
        2.5,
        2.5,
        "groen",
        "Dit onderdeel loopt conform plan",
        "ja",
    ),
    (
        "8",
        "Samenwerking in de natuurketen? Digitaal natuurlijk!",
        VERBINDING,
        "RE",
        None,
        100,
        0,
        50,
        "oranje",
        "Capaciteit van de expert voor de (uitvoering van) deze activiteiten is begrensd",
        "ja",
    ),
    (
        "9",
        "ICT-systemen optimaal beheersbaar én flexibel: (hoe) kan dat?",
        BASIS,
        "IV",
        None,
        475,
        343,
        500,
        "oranje",
        "Inhoudelijk loopt het goed, maar wel vertragingen als gevolg van afhankelijkheid (uitloop) van "
        "andere projecten (herinrichting eDocs) en capaciteit vanuit het cluster ICT",
        "ja",
    ),
    (
        "10",
        "Slim en veilig digitaal samenwerken (met Office365)",
        BASIS,
        "IV",
        None,
        100,
        0,
        100,
        "groen",
        "Geen bijzonderheden.",
        "ja",
    ),
    (
        "11",
        "Haal meer uit data (met datamanagement)!",
        BASIS,
        "IV",
        None,
        50,
        0,
        50,
        "groen",
        "In opstartfase; geen bijzonderheden",
        "ja",
    ),
    (
        "12",
        "Veilig omgaan met informatie: bewust & bekwaam!",
        BASIS,
        "IV",
        None,
        90,
        41,
        90,
        "groen",
        "Complex vakgebied; vraagt zorgvuldigheid. Geen bijzonderheden",
        "ja",
    ),
    (
        "13",
        "De persoonsgegevens veilig?",
        BASIS,
        "IV",
        None,
        0,
        0,
        5,
        "groen",
        "Provincie Flevoland is op 25/5 klaar voor de AVG; er zijn nog wel restpunten.",
        "ja",
    ),
    (
        "14",
        "Informatiebeheer en archief als integrale keten",
        BASIS,
        "IV",
        None,
        245,
        12,
        200,
        "oranje",
        "Einddoel eDocs is in zicht; overige loopt conform plan, maar expertise is schaars.",
        "ja",
    ),
    ("15", "Goed bouwen doe je met een architect!", BASIS, "IV", None, 45, 0, 45, "groen", "Geen bijzonderheden", "ja"),
    (
        "16",
        "Gegevens uitwisselen? Met de Bus graag!",
        VERBINDING,
        "IV",
        None,
        200,
        120,
        200,
        "groen",
        "Goede/snelle resultaten door gebruik te maken van de 'bewezen' ESB-oplossing van GBO",
        "ja",
    ),
    (
        "17",
        "Nieuwe mobiele werkplekken voor activiteit gericht werken",
        BASIS,
        "IV",
        None,
        100,
        0,
        100,
        "groen",
        "Loopt in de pas met project herhuisvesting",
        "ja",
    ),
    (
        "18",
        "Digitalisering: (wat) kan er nog meer?",
        None,
        "Bedrijfsvoering",
        None,
        150,
        0,
        100,
        "oranje",
        "Goede ideeën en veel enthousiasme, vertaling naar praktische cases vraagt tijd",
        "ja",
    ),
    # Sub-items: budgets only, as the report gives them under 'Stand van zaken'.
    (
        "9.1",
        "Proef clouddiensten ICT-infrastructuur",
        BASIS,
        "IV",
        "9",
        100,
        None,
        None,
        None,
        "De planning staat onder druk door afhankelijkheden van andere projecten.",
        "ja",
    ),
    (
        "9.2",
        "ICT-beheer",
        BASIS,
        "IV",
        "9",
        200,
        None,
        None,
        None,
        "Tijdelijk 3 ICT-experts voor beheer en opschoning om 'cloud ready' te worden; transitie niet vóór begin 2019.",
        "ja",
    ),
    (
        "9.3",
        "Werkplekvernieuwing",
        BASIS,
        "IV",
        "9",
        75,
        None,
        None,
        None,
        "In 2 fasen (najaar 2018, voorjaar 2019); planning staat onder druk.",
        "ja",
    ),
    (
        "9.4",
        "ICT-ketenmonitoring",
        BASIS,
        "IV",
        "9",
        50,
        None,
        None,
        None,
        "Leverancier werkt aan betere inrichting van het monitoringsysteem (Gensys).",
        "ja",
    ),
    (
        "9.5",
        "ICT-uitwijkvoorziening",
        BASIS,
        "IV",
        "9",
        50,
        None,
        None,
        None,
        "Oplossing als dienst aangeschaft; implementatie met externe experts (KPN).",
        "ja",
    ),
    (
        "14.1",
        "eDocs (afronding herinrichting)",
        BASIS,
        "IV",
        "14",
        30,
        None,
        None,
        None,
        "Livedatum voorzien op 1 oktober 2018.",
        "ja",
    ),
    (
        "14.2",
        "Digitaal informatiebeheer",
        BASIS,
        "IV",
        "14",
        60,
        None,
        None,
        None,
        "Start na afronding eDocs; informatiearchitect ingehuurd.",
        "ja",
    ),
    (
        "14.3",
        "Kwaliteitssysteem informatiebeheer",
        BASIS,
        "IV",
        "14",
        100,
        None,
        None,
        None,
        "Uitwerking op basis van de 0-meting uit plateau 2.",
        "ja",
    ),
    (
        "14.4",
        "e-Depot",
        BASIS,
        "IV",
        "14",
        55,
        None,
        None,
        None,
        "Gesprekken met Het Flevolands Archief over diensten en tarieven lopen nog.",
        "ja",
    ),
    # Other MAB activities: outside the 19 stories and outside the report's totals.
    (
        "2A4",
        "Digitale paraaf",
        "Overige MAB-activiteiten",
        None,
        None,
        10,
        None,
        None,
        None,
        "Besloten iBabs te implementeren; project start in de zomer.",
        "nee",
    ),
    (
        "2B",
        "Website drempelvrij (visualisaties)",
        "Overige MAB-activiteiten",
        None,
        None,
        None,
        None,
        None,
        None,
        "Toegankelijkheidsverklaring in ontwikkeling; certificaat niet verlengd.",
        "nee",
    ),
    (
        "5C2",
        "Managementinformatie fase 2",
        "Overige MAB-activiteiten",
        None,
        None,
        25,
        None,
        None,
        None,
        "Upgrade Cognos naar versie 11; projectdashboard Infra wordt geanalyseerd.",
        "nee",
    ),
    (
        "5D1",
        "Digitale vaardigheden medewerkers",
        "Overige MAB-activiteiten",
        None,
        None,
        100,
        None,
        None,
        None,
        "Communicatieplan met masterclasses; dit najaar uitgevoerd.",
        "nee",
    ),
]

GRONINGEN_LINES = {
    1: "1. Werken aan het realiseren van opgaven met data en digitale technologie",
    2: "2. Bouwen aan een flexibel en robuust digitaal fundament",
    3: "3. De ontwikkeling naar digitaal en data gedreven werken",
}
# code, line, track, title, parent, status note (no amounts, no traffic lights in the source)
GRONINGEN_ROWS = [
    (
        "1.1",
        1,
        "Voldoen aan wet- en regelgeving",
        "Voldoen aan wet- en regelgeving",
        None,
        "Team CIO Office inventariseert jaarlijks nieuwe wetgeving en maakt impactanalyses; inventarisatie 2022 "
        "verwerkt in projecten.",
    ),
    (
        "1.1.1",
        1,
        "Voldoen aan wet- en regelgeving",
        "Dienstverlening",
        "1.1",
        "Dienstenwet, single digital gateway, Wet digitale overheid, Wet modernisering elektronisch bestuurlijk verkeer.",
    ),
    (
        "1.1.2",
        1,
        "Voldoen aan wet- en regelgeving",
        "Informatiebeheer",
        "1.1",
        "Wet open overheid, Archiefwet, Wet digitale overheid.",
    ),
    (
        "1.1.3",
        1,
        "Voldoen aan wet- en regelgeving",
        "Publiceren",
        "1.1",
        "Wet open overheid, Wet elektronische publicatie, Wet digitale overheid.",
    ),
    (
        "1.2",
        1,
        "Informatie en databeheer",
        "Informatie en databeheer",
        None,
        "Analyse op basis van KIDO gedaan; beleid en richtlijnen (informatie- en data-governance) in de maak; "
        "onderzoek naar het archiefsysteem.",
    ),
    (
        "1.3",
        1,
        "Verbeteren digitale dienstverlening",
        "Verbeteren digitale dienstverlening",
        None,
        "Dienstverleningsarchitectuur ontwikkeld; marktconsultatie gedaan, aanbesteding loopt; implementatie in 2024.",
    ),
    (
        "1.4",
        1,
        "Verbeteren externe communicatie",
        "Verbeteren externe communicatie",
        None,
        "Inventarisatie van websites gedaan; terug naar één toegankelijke provinciale website.",
    ),
    (
        "1.5",
        1,
        "Participatie",
        "Participatie",
        None,
        "Platform stemvanprovinciegroningen.nl beschikbaar voor inspraak.",
    ),
    (
        "1.6",
        1,
        "Dataportaal",
        "Dataportaal",
        None,
        "Projecten geagendeerd vanaf Q3 2023 en in 2024-2025 voor een omgeving met de belangrijkste datasets.",
    ),
    (
        "1.7",
        1,
        "Digital twin",
        "Digital twin",
        None,
        "Voorbereidingen van de pilot afgerond; uitvoering in het resterende jaar.",
    ),
    (
        "2.1",
        2,
        "Netwerk en datacenter",
        "Netwerk en datacenter",
        None,
        "Ontwerp nieuw netwerk (2022) aanbesteed, implementatie 2023/2024; datacenter verhuisd.",
    ),
    (
        "2.2",
        2,
        "Werkplek",
        "Vernieuwen werkplek",
        None,
        "Proof of concept wordt beoordeeld; medio 2024 beschikbaar voor medewerkers.",
    ),
    (
        "3.1",
        3,
        "Ontwikkelen digitale vaardigheden",
        "Ontwikkelen digitale vaardigheden",
        None,
        "Provincieacademie opgezet met een leerlijn digitalisering.",
    ),
    (
        "3.2",
        3,
        "Data gedreven werken",
        "Data gedreven werken",
        None,
        "Datastrategie 2023 opgesteld; dataplatform en datacommunity in opbouw; aandacht voor ethische risico's.",
    ),
]


# Illustration of the OWO quarterly review (seed 002): subjects, pillars, necessity classes and the yearly
# reservation of EUR 150,000 per municipality are from the plan; every amount, light and note is invented
# to show the quarterly view (see README.md). Reports: the end of each quarter, 2018 Q1 - 2019 Q1.
OWO_PROGRAMME = "OWO Informatiseringsjaarplan (illustratie)"
OWO_DATES = [
    dt.date(2018, 3, 31),
    dt.date(2018, 6, 30),
    dt.date(2018, 9, 30),
    dt.date(2018, 12, 31),
    dt.date(2019, 3, 31),
]
DIENSTVERLENING, BEDRIJFSVOERING = "Effectieve dienstverlening", "Efficiënte bedrijfsvoering"
_ = None
# code, title, pillar (line), owner, period, necessity, budget,
#   spent per report, forecast per report, light per report, note per report (None: not in that report)
OWO_ROWS = [
    (
        "17-01",
        "Persoonlijke Internet Pagina (PIP) Opsterland",
        DIENSTVERLENING,
        "I&A",
        "Jaarplan 2017",
        "noodzakelijk",
        60_000,
        [35_000, 50_000, 58_000, 60_000, _],
        [60_000, 60_000, 60_000, 60_000, _],
        ["groen", "groen", "groen", "groen", _],
        [
            "Koppeling met zaaksysteem getest.",
            "PIP live voor belastingzaken.",
            "Laatste producten aangesloten.",
            "Afgerond en overgedragen aan beheer.",
            _,
        ],
    ),
    (
        "17-02",
        "eHerkenning voor ondernemers",
        DIENSTVERLENING,
        "Publiekscentrum",
        "Jaarplan 2017",
        "noodzakelijk",
        45_000,
        [20_000, 30_000, 40_000, 44_000, 44_000],
        [45_000, 45_000, 45_000, 44_000, 44_000],
        ["groen", "groen", "groen", "groen", "groen"],
        [
            "Leverancier gekozen.",
            "Aansluiting Oost- en Weststellingwerf gereed.",
            "Opsterland aangesloten.",
            "Restpunt: formulieren voor ondernemers.",
            "Nazorg; wordt in K2 afgesloten.",
        ],
    ),
    (
        "17-03",
        "Zaakgericht werken, fase 1",
        BEDRIJFSVOERING,
        "I&A",
        "Jaarplan 2017",
        "noodzakelijk",
        150_000,
        [80_000, 105_000, 125_000, 140_000, 152_000],
        [150_000, 158_000, 165_000, 172_000, 178_000],
        ["groen", "groen", "groen", "oranje", "oranje"],
        [
            "Procesinventarisatie afgerond.",
            "Meerwerk koppelingen BRP en BAG.",
            "Inrichting loopt; extra inhuur.",
            "Uitloop naar 2019; prognose boven budget.",
            "Laatste zaaktypen; overschrijding gemeld aan OWO-directie.",
        ],
    ),
    (
        "17-04",
        "Informatiebeveiliging (BIG) op orde",
        BEDRIJFSVOERING,
        "I&A",
        "Jaarplan 2017",
        "wettelijk",
        90_000,
        [30_000, 45_000, 60_000, 80_000, 88_000],
        [90_000, 90_000, 90_000, 90_000, 90_000],
        ["groen", "groen", "oranje", "groen", "groen"],
        [
            "Nulmeting gedaan.",
            "Beleid vastgesteld door colleges.",
            "Capaciteit security officer ontbreekt.",
            "Inhuur geregeld; maatregelen lopen.",
            "ENSIA-verantwoording voorbereid.",
        ],
    ),
    (
        "18-01",
        "Digitale handtekening",
        BEDRIJFSVOERING,
        "DIV",
        "Jaarplan 2018",
        "wenselijk",
        40_000,
        [0, 5_000, 15_000, 30_000, 38_000],
        [40_000, 40_000, 40_000, 40_000, 40_000],
        ["groen", "groen", "groen", "groen", "groen"],
        [
            "Nog niet gestart.",
            "Marktverkenning.",
            "Pilot bij Publiekscentrum.",
            "Uitrol in drie gemeenten.",
            "In gebruik; evaluatie volgt.",
        ],
    ),
    (
        "18-02",
        "Webformulieren harmoniseren",
        DIENSTVERLENING,
        "Publiekscentrum",
        "Jaarplan 2018",
        "noodzakelijk",
        70_000,
        [10_000, 25_000, 45_000, 60_000, 66_000],
        [70_000, 70_000, 70_000, 70_000, 70_000],
        ["groen", "groen", "groen", "groen", "groen"],
        [
            "Inventarisatie formulieren.",
            "Eerste twintig formulieren live.",
            "Zestig formulieren live.",
            "Restant in K1 2019.",
            "Afronding.",
        ],
    ),
    (
        "18-03",
        "Plaats- en tijdonafhankelijk werken",
        BEDRIJFSVOERING,
        "I&A",
        "Jaarplan 2018",
        "wenselijk",
        120_000,
        [5_000, 30_000, 55_000, 80_000, 95_000],
        [120_000, 120_000, 120_000, 120_000, 120_000],
        ["groen", "groen", "groen", "oranje", "oranje"],
        [
            "Startnotitie.",
            "Laptops besteld.",
            "Uitrol eerste afdelingen.",
            "Levering vertraagd; loopt door in 2019.",
            "Laatste afdelingen in K2 2019.",
        ],
    ),
    (
        "18-04",
        "Digitaal raadpleegbare bestemmingsplannen",
        DIENSTVERLENING,
        "Ruimte",
        "Jaarplan 2018",
        "wettelijk",
        60_000,
        [0, 0, 10_000, 20_000, 30_000],
        [60_000, 60_000, 60_000, 65_000, 65_000],
        ["groen", "oranje", "oranje", "oranje", "rood"],
        [
            "Wacht op landelijke standaard.",
            "Start uitgesteld.",
            "Gestart met twee plannen.",
            "Achterstand; extra conversiekosten.",
            "Niet haalbaar voor de wettelijke termijn zonder bijsturing.",
        ],
    ),
    (
        "18-05",
        "Digitale vaardigheid medewerkers",
        BEDRIJFSVOERING,
        "P&O",
        "Jaarplan 2018",
        "noodzakelijk",
        35_000,
        [0, 10_000, 20_000, 30_000, 33_000],
        [35_000, 35_000, 35_000, 35_000, 35_000],
        ["groen", "groen", "groen", "groen", "groen"],
        [
            "Trainingsaanbod gekozen.",
            "Eerste groepen getraind.",
            "Helft van de medewerkers getraind.",
            "Inhaalsessies gepland.",
            "Afronding.",
        ],
    ),
    (
        "18-06",
        "Archief: voorbereiding e-Depot",
        BEDRIJFSVOERING,
        "DIV",
        "Jaarplan 2018",
        "wettelijk",
        75_000,
        [0, 5_000, 10_000, 20_000, 30_000],
        [75_000, 75_000, 75_000, 75_000, 75_000],
        ["groen", "groen", "oranje", "oranje", "oranje"],
        [
            "Nog niet gestart.",
            "Aansluiting regionaal e-Depot verkend.",
            "Capaciteit DIV beperkt.",
            "Opschoning archief loopt achter.",
            "Budget schuift grotendeels door naar 2019.",
        ],
    ),
    (
        "19-01",
        "Zaakgericht werken, fase 2",
        BEDRIJFSVOERING,
        "I&A",
        "Jaarplan 2019",
        "noodzakelijk",
        130_000,
        [_, _, _, 0, 15_000],
        [_, _, _, 130_000, 130_000],
        [_, _, _, "groen", "groen"],
        [_, _, _, "Aangemeld voor jaarplan 2019.", "Gestart na afronding fase 1."],
    ),
    (
        "19-02",
        "Social media als dienstverleningskanaal",
        DIENSTVERLENING,
        "Publiekscentrum",
        "Jaarplan 2019",
        "wenselijk",
        30_000,
        [_, _, _, _, 2_000],
        [_, _, _, _, 30_000],
        [_, _, _, _, "groen"],
        [_, _, _, _, "Juridische kaders en archivering van berichten uitgezocht."],
    ),
]


# Midden-Groningen's I&A vision 2020-2023 (seed 003): per track (spoor) the rows of every table
# 'Richtlijnen en ambities informatiebeleid' in sections 3.1-3.6, in the seed's own words (its typos
# kept). The left cell is the story's title, the right cell its ambition. See README.md.
MIDDEN_GRONINGEN_PROGRAMME = "I&A-visie Midden-Groningen 2020-2023"
# Named so that it loads before MAB: the demo files load in name order and the app opens on the last.
MIDDEN_GRONINGEN_FILE = "ia_visie_midden-groningen_2020-2023.xlsx"
# The six tracks as chapter 3 of the vision names them (seed lines 190-225).
MIDDEN_GRONINGEN_TRACKS = {
    1: "Spoor 1. Goede, betrouwbare en moderne dienstverlening",
    2: "Spoor 2. Regievoering en ketensamenwerking",
    3: "Spoor 3. De datagedreven gemeente",
    4: "Spoor 4. Doorontwikkeling bedrijfsvoering",
    5: "Spoor 5. De basis op orde",
    6: "Spoor 6. Doorontwikkeling van de I&A-functie",
}
# code (paragraph-row), track, title (left cell), ambition (right cell, paragraphs and bullets on their
# own line), line of the seed text. No amounts, no lights, no notes, no owners: the vision gives none.
MIDDEN_GRONINGEN_ROWS = [
    (
        "3.1.1-1",
        1,
        (
            "Midden-Groningen zet in op de doorontwikkeling van PIP (Persoonlijke Internet Pagina), digitale "
            "formulieren en apps bij veelgevraagde producten"
        ),
        (
            "Digitale dienstverlening heeft onze voorkeur. We zetten dus stevig in op doorontwikkeling en "
            "promotie daarvan, ook intern. De nieuwe applicatie van burgerzaken biedt daarvoor goede "
            "mogelijkheden, en dat geldt ook voor systemen in bijvoorbeeld het sociaal domein.\n"
            "We houden daarbij ook ontwikkelingen in de samenleving in de gaten. Nieuwe kanalen kunnen "
            "bijvoorbeeld digitale formulieren vervangen als blijkt dat inwoners dat prettig vinden. Een "
            "voorbeeld is de Makkelijk Melden App.\n"
            "Website en Social Media worden gericht en doordacht doorontwikkeld op basis van een goede "
            "strategie.\n"
            "Dienstverlening op menselijke maat betekent ook dat de klant het kanaal kiest. Zo vertalen wij "
            "ieder mens telt en Groots in kleinschaligheid, twee denklijnen uit het Kompas. We gaan voor "
            "inclusie. Wie wel digitaal wil maar nog niet kan of durft krijgt hulp.\n"
            "De ontwikkeling van PIP, digitale formulieren en apps vindt plaats in nauwe samenwerking tussen "
            "dienstverlening, Informatisering, communicatie en het betreffende team. De ontwikkeling van PIP, "
            "digitale formulieren en apps wordt opgepakt in jaarplannen."
        ),
        256,
    ),
    (
        "3.1.1-2",
        1,
        "Midden-Groningen maakt zelfbediening (selfservice) door klant en medewerker mogelijk",
        (
            "Inwoners en bedrijven kunnen zelf hun gegevens inzien, bijhouden en aanpassen (regie over eigen "
            "gegevens) in de selfservice-applicatie."
        ),
        257,
    ),
    (
        "3.1.1-3",
        1,
        "Regelmatig peilen van klantbehoefte voor een verbetering van de digitale dienstverlening",
        (
            "Door de klanttevredenheid van verschillende klantreizen doorlopend te peilen verzamelen we input "
            "voor de verbeterplannen zodat de digitale dienstverlening op eigentijds niveau komt en blijft."
        ),
        258,
    ),
    (
        "3.1.1-4",
        1,
        "Midden-Groningen maakt optimaal gebruik van landelijke portalen en voorzieningen",
        (
            "Door waar mogelijk aan te sluiten op de landelijk voorzieningen (DigiD, eID, MijnOverheid.nl) "
            "voorkomen we lokaal maatwerk. We gaan na hoe we Mijnoverheid.nl kunnen inzetten in combinatie met "
            "'De Persoonlijke Internet Pagina' van de gemeente, met name als berichtenbox."
        ),
        259,
    ),
    (
        "3.1.1-5",
        1,
        "Website en app(s) zijn toegankelijk en gebruiksvriendelijk",
        (
            "Onze webcontent, e-formulieren en apps worden ook toegankelijk voor mensen met een "
            "functiebeperking, in lijn met de Europese richtlijn Web Content Accessibility Guidelines (WCAG) "
            "2.06."
        ),
        260,
    ),
    (
        "3.1.1-6",
        1,
        "Dienstverlening is proactief",
        (
            "We werken met 'voormeldingen'. Zodra informatie bekend is wordt de burger hierover geïnformeerd: "
            "naast de reeds jaren bekende melding dat het paspoort verlopen is krijgt de burger ook een melding "
            "bij belastingen. De interactieve voormelding bij belastingen biedt gemeenten de mogelijkheid om op "
            "een meer informele en efficiënte manier met de inwoner te communiceren over de "
            "juistheid/volledigheid van de gegevens van de woning.\n"
            "Digitale formulieren bevatten prefill (zijn voorgevuld met reeds bekende gegevens)\n"
            "We gaan na of dienstverlening meer gebiedsgericht is in te vullen: alleen bewoners binnen een wijk "
            "krijgen dan een bericht. Daarvoor wordt onze GISviewer toegepast.\n"
            "De website bevat een GIS-viewer met relevante en actuele informatie, die voor bewoners in een wijk "
            "van belang is. Informatie wordt op de website aangeboden aan burgers over 'wat speelt in de buurt', "
            "met name in relatie tot het kern- en buurtgericht werken: werkzaamheden, omleidingen, "
            "herinrichtingsplannen."
        ),
        261,
    ),
    (
        "3.1.1-7",
        1,
        "We oriënteren ons op nieuwe en innovatieve dienstverleningsontwikkelingen",
        (
            "We houden de nieuwe en landelijke ontwikkelingen bij, zoals de IRMA-app en de datakuis voor "
            "burgers, en kijken per jaar welke inpasbaar zijn in onze projectportfolio."
        ),
        262,
    ),
    (
        "3.1.2-1",
        1,
        "We werken zaakgericht in het zaakstelsel of in een vakapplicatie (hybride model).",
        (
            "Per proces of zaaktype beoordelen we welke applicatie de beste oplossing biedt voor zaakgericht "
            "werken.\n"
            "Het zaakstelsel wordt gebruikt voor gemeentelijke producten waarvoor geen specifieke vakapplicatie "
            "is.\n"
            "Processen/producten die in ieder geval buiten het zaakstelsel behandeld worden zijn MOR (Melding "
            "Openbare ruimte) Burgerzaken, Belastingen, Werk Inkomen en Reïntegratie, WMO, GKB, regie sociale "
            "teams.\n"
            "Voor de MOR wordt door IBOR een nieuwe vakapplicatie aanbesteed en geïmplementeerd die integreert "
            "met het eigen beheersstelsel Obsurv.\n"
            "Als er geen gebruik wordt gemaakt van het zaakstelsel, maken we afspraken over geautomatiseerde "
            "archivering in het centrale zaakstelsel. Als de koppeling tussen het zaakstelsel en de "
            "vakapplicatie te duur is of technisch niet mogelijk, kan archivering ook in de vakapplicatie "
            "plaatsvinden. Daarbij worden de archiefvragen conform de archiefwet meegenomen."
        ),
        288,
    ),
    (
        "3.1.2-2",
        1,
        "We organiseren een gedetailleerd klantbeeld voor de klant en medewerker per domein.",
        (
            "Daar waar het ‘kan’ en ‘mag’ ontsluiten we per domein een integraal klantbeeld zodat medewerkers "
            "van elkaar weten ‘dat’ er iets speelt.\n"
            "We werken met een domeinspecifiek klantbeeld in een vakapplicatie en een globaal centraal "
            "klantbeeld in het zaakstelsel, waarbij uiteraard de AVG wordt toegepast.\n"
            "Het contactplein kan met maximaal 6 gedetailleerde klantbeelden werken."
        ),
        289,
    ),
    (
        "3.1.2-3",
        1,
        "Social media berichten",
        (
            "Midden-Groningen gebruikt software om de berichten uit de social media te kanaliseren. We gaan na "
            "of deze software met het nieuwe zaakstelsel kan worden gekoppeld zodat nieuwe media informatie "
            "voldoet aan vigerende wetgeving (Archiefwet, AVG).\n"
            "Whatsapp heeft naar gemeenten aangegeven dat Whatsapp vanaf 7 december 2019 niet meer ingezet kan "
            "worden als communicatie en dienstverleningsmiddel. We gaan na of hiervoor een alternatieve "
            "oplossing ingezet kan worden.\n"
            "De juridische consequenties van het toepassen van social media worden in beeld gebracht."
        ),
        290,
    ),
    (
        "3.1.2-4",
        1,
        "Emails in zaakstelsel opslaan",
        (
            "Om ervoor te zorgen dat zaakdossiers compleet zijn, moeten ook voor het dossier relevante Emails "
            "bij de zaak worden opgeslagen. We gaan na hoe dit voor de gebruiker op zo handig mogelijke manier "
            "te realiseren valt."
        ),
        291,
    ),
    (
        "3.1.2-5",
        1,
        "De informatie in het zaakstelsel wordt zo vindbaar mogelijk gemaakt",
        (
            "Er wordt een externe zoekmachine ingezet, waarmee zaakinformatie (maar ook data op netwerkschijven, "
            "mailboxen en zonodig vakapplicaties) snel en gemakkelijk vindbaar is."
        ),
        292,
    ),
    (
        "3.1.3-1",
        1,
        "Midden-Groningen doet ervaring op met e-Democratie",
        (
            "Midden-Groningen gebruikt in 2020 het digitaal platform Consul als tool voor e-Darticipatie. In "
            "2020 wordt de proeftuin geëvalueerd (en ook het tot nog toe gekozen platform Consul) en een plan "
            "voor 2021 opgesteld. Per jaar worden 1 of 2 pilots uitgevoerd waarin effectief wordt ingezet op één "
            "van de 5 functies van e-Democratie: debatteren, ideeën indienen, peilingen, plannen of budgetten. "
            "De pilots worden geëvalueerd."
        ),
        318,
    ),
    (
        "3.2.1-1",
        2,
        (
            "De informatievoorziening van Midden-Groningen is optimaal ingericht en geborgd om samen te werken "
            "in ketens met interne, externe partners."
        ),
        (
            "Wanneer Midden-Groningen samenwerkingsafspraken met met ketenpartners maakt of aanpast bij het "
            "opstellen van de DVO's worden informatievoorziening en automatisering (incl. informatiebeveiliging "
            "en AVG) daarin altijd meegenomen. Daarbij worden ook verwerkersovereenkomsten opgesteld.\n"
            "De ODG is de belangrijkste ketenpartner bij de implementatie van de Omgevingswet en daarbinnen het "
            "DSO. Kwartier speelt een belangrijke rol bij de implementatie van het nieuwe regiesysteem. Voor de "
            "komende periode focussen we ons daarom op de ODG en Kwartier."
        ),
        339,
    ),
    (
        "3.2.1-2",
        2,
        (
            "Invoering van een nieuw regiesysteem dat optimale ondersteuning biedt voor casemanager en inwoner "
            "bij het streven naar duurzame vergroting van de zelfredzaamheid"
        ),
        (
            "We implementeren een regiesysteem waarmee optimale ondersteuning mogelijk is van: een professional "
            "(een casemanager maar ook een gedragsdeskundige en werkbegeleider) zodat:\n"
            "• deze op een overzichtelijke en gebruiksvriendelijke manier het werkproces kan uitvoeren (in "
            "samenspraak met de inwoner);\n"
            "• deze regie kan voeren op complexe, meervoudige problematiek en veiligheidsvraagstukken;\n"
            "• deze inzicht heeft in de voortgang en effecten van de ingezette ondersteuning en deze kan "
            "monitoren;\n"
            "een inwoner zodat\n"
            "• deze op een eenvoudige, gebruikersvriendelijke manier de relevante gegevens kan inzien en inzicht "
            "heeft in de voortgang;\n"
            "en waarmee gegevens integraal worden verwerkt en ontsloten (één plan - één gezin - één regisseur). "
            "Uiteraard moet hierbij rekening gehouden worden met de AVG."
        ),
        365,
    ),
    (
        "3.2.1-3",
        2,
        (
            "Het Digitaal stelsel Omgevingswet (DSO) wordt in Midden-Groningen in 2020 geïmplementeerd zodanig "
            "dat aan de minimaal verplichte wettelijke eisen wordt voldaan"
        ),
        (
            "We zorgen dat de verplichte acties bij de invoering van het DSO worden uitgevoerd:\n"
            "• De gemeente zorgt ervoor dat we volgens plan voor de wettelijke deadline (1-1-2021) op het DSO "
            "zijn aangesloten. Dat houdt in dat de juiste applicaties zijn aangeschaft en geïmplementeerd, of "
            "aangepast en we op de Landelijke Voorziening van het DSO zijn aangesloten.\n"
            "• Zorgen dat alle terzake relevante processen voldoen aan eisen van privacy & "
            "informatieveiligheid/informatiebeveiliging.\n"
            "• Omgevingswetproof maken van de archivering van relevante gegevens/informatie."
        ),
        397,
    ),
    (
        "3.2.1-4",
        2,
        "De relevante systemen van Midden-Groningen en de ODG worden op elkaar aangesloten",
        (
            "Het nieuwe zaakstelsel van Midden-Groningen en het Leef OmgevingsSysteem (LOS) van de ODG worden op "
            "elkaar aangesloten."
        ),
        398,
    ),
    (
        "3.2.1-5",
        2,
        "Uitbouwen DSO en de benodigde informatievoorziening vanaf 2021",
        (
            "Voor 2021 wordt een plan gemaakt hoe de benodigde informatievoorziening en ICT vanaf dan verder "
            "wordt uitgebouwd gerelateerd aan onze gemeentelijke ambities en in afstemming met de landelijke "
            "planning."
        ),
        399,
    ),
    (
        "3.3.1-1",
        3,
        "De gemeente zet in op het taakveld gegevensmanagement",
        (
            "De functie gegevensmanager wordt binnen 2 jaar ingevuld.\n"
            "De gegevensmanager :\n"
            "• Brengt in kaart welke data wij in huis hebben en wat waar staat (welke applicatie, welke "
            "database, in tern/externe, etc.).\n"
            "• Doet kwaliteitsmetingen in overleg met de teams.\n"
            "• Doet in overleg met de teams verbetervoorstellen zodat alle te gebruiken data schoon, "
            "toegankelijk (rekening houdend met autorisaties), juist en actueel is.\n"
            "• Medewerkers worden actief betrokken en er wordt aandacht besteed aan bewustwording rondom het "
            "goed omgaan met data."
        ),
        419,
    ),
    (
        "3.3.2-1",
        3,
        "Structureel inzetten op data-analyse",
        (
            "De functie data-analist wordt weer structureel ingevuld. Er wordt een hybride 'datateam' gevormd "
            "waarin samen met de teams data-analyses worden verricht. Het datateam bestaat minimaal uit de "
            "gegevensmanager, de data-analist en de GIS-specialist."
        ),
        436,
    ),
    (
        "3.3.2-2",
        3,
        "De gewenste stuurinformatie is bekend",
        ("Managementinformatie wordt ingezet als hulpmiddel ter verbetering van dienstverlening en bedrijfsvoering."),
        437,
    ),
    (
        "3.3.2-3",
        3,
        "Ontwikkelinformatie is centraal beschikbaar",
        (
            "Voor ontwikkelopgaven zijn kwantitatieve en soms kwalitatieve gegevens nodig. Deze worden vanuit "
            "interne en externe bronnen beschikbaar gesteld en als het nodig is, verzameld en centraal ontsloten."
        ),
        438,
    ),
    (
        "3.3.2-4",
        3,
        "Data-analyse vindt structureel plaats",
        "Data-analyse is een gezamenlijke verantwoordelijkheid van de teams en informatievoorziening.",
        439,
    ),
    (
        "3.3.2-5",
        3,
        "Gegevensknooppunt Groningen (GKG)",
        "Per jaar nemen we deel aan een GKG-project en trekken een kenniskring.",
        440,
    ),
    (
        "3.3.3-1",
        3,
        "Het project implementatie Wet Open Overheid wordt gestart",
        (
            "Het project implementatie Wet Open Overheid wordt vormgegeven in samenwerking tussen juridische "
            "zaken en informatievoorziening."
        ),
        468,
    ),
    (
        "3.3.3-2",
        3,
        "Laaghangend fruit open data",
        (
            "De gemeente beschikt over de nodige data die zonder grote inspanning als externe open data "
            "gepubliceerd kunnen worden. Deze worden in 'miniprojectjes' gerealiseerd."
        ),
        469,
    ),
    (
        "3.3.3-3",
        3,
        "Midden-Groningen sluit aan op het landelijk portaal voor open data",
        (
            "Midden-Groningen publiceert haar open data via het landelijke dataportaal van de overheid "
            "(https://data.overheid.nl/)."
        ),
        470,
    ),
    (
        "3.3.4-1",
        3,
        "Smart city en de inzet van sensoren",
        (
            "MIDDEN-GRONINGEN gaat na of bij de ruimtelijke projecten slimme sensoren kunnen worden ingezet, "
            "bijv. in samenhang met de energietransitie, maar zet hier nu nog niet zwaar op in."
        ),
        490,
    ),
    (
        "3.3.5-1",
        3,
        "GIS/data-analyse en beleid",
        (
            "Zorg dat aan het begin van nieuwe beleidsontwikkeling (zowel ruimtelijk als sociaal) daar waar van "
            "toepassing GIS/data analyse wordt ingezet (visualisatie van beleidseffecten en beleidsbepaling)."
        ),
        514,
    ),
    (
        "3.3.5-2",
        3,
        "Vastlegging geogegevens",
        (
            "De gemeente koppelt daar waar technisch mogelijk een locatiecode aan administratieve gegevens uit "
            "o.a. het sociale domein, zorg, openbare ruimte (MOR) en algemene dienstverlening."
        ),
        515,
    ),
    (
        "3.3.5-3",
        3,
        "Geodatamagazijn",
        (
            "Onderzoek of er een geodatamagazijn gerealiseerd kan worden, waarin alle relevante geodata "
            "ontsloten kunnen worden, rekening houdend met de AVG."
        ),
        516,
    ),
    (
        "3.3.5-4",
        3,
        "Geo-informatie voor derden",
        (
            "De beschikbare informatie wordt toegankelijk gemaakt voor ketenpartners en/of derden die diensten "
            "verlenen (aannemers, ingenieursbureaus e.d.) en sluit daarmee ook aan op de omgevingswet."
        ),
        517,
    ),
    (
        "3.3.5-5",
        3,
        "Geo-informatie themagericht aanbieden",
        "Geo-informatie wordt thema gericht aangeboden d.m.v. het een themaknop op de kaart.",
        518,
    ),
    (
        "3.4.1-1",
        4,
        "Digitaal tenzij",
        (
            "We streven ernaar zoveel mogelijk processen digitaal te maken, zowel intern als extern: 'comply or "
            "explain'."
        ),
        550,
    ),
    (
        "3.4.1-2",
        4,
        "Overgang naar nieuwbouw in 2021",
        (
            "De overgang naar de nieuwbouw in 2021 maakt een reductie noodzakelijk van de analoge "
            "(team-)archieven. We gaan na of het mogelijk is d.m.v. compacte digitaliseringstrajecten reductie "
            "van teamarchieven mogelijk te maken."
        ),
        551,
    ),
    (
        "3.4.1-3",
        4,
        "Digivaardigheid van medewerkers verbeteren",
        (
            "Verbetering van de digivaardigheid van medewerkers krijgt een prominente plek in het concernbrede "
            "vorming en opleidingsplan."
        ),
        552,
    ),
    (
        "3.4.1-4",
        4,
        "Digitaliseringstrajecten",
        (
            "De lopende digitaliseringstrajecten van BWRI, milieu en bodem worden afgerond. GKB wordt ook "
            "gedigitaliseerd."
        ),
        553,
    ),
    (
        "3.4.1-5",
        4,
        "Procesoptimalisering",
        (
            "Bij digitalisering van de relevante werkprocessen worden deze zoveel mogelijk geoptimaliseerd, "
            "anders wordt een suboptimaal analog proces digitaal gemaakt."
        ),
        554,
    ),
    (
        "3.4.1-6",
        4,
        "Ketendigitalisering",
        "We streven ernaar alle contacten met ketenpartners digitaal te laten lopen.",
        555,
    ),
    (
        "3.4.1-7",
        4,
        "Effecten digitalisering op werk en functies",
        ("We hebben bij de teams structureel aandacht voor de effecten van digitalisering op werkinhoud en functie."),
        556,
    ),
    (
        "3.4.1-8",
        4,
        "Vernieuwing Office",
        (
            "We gaan na of de nieuwe in 2020 te implementeren Office-omgeving mogelijkheden biedt de "
            "teamsamenwerking te verbeteren."
        ),
        557,
    ),
    (
        "3.5.1-1",
        5,
        "We werken onder architectuur met (open) standaarden",
        (
            "We gebruiken de Gemeentelijke Model Architectuur (GEMMA) als referentie-architectuur. Daarnaast "
            "kiezen we voor vastgestelde standaarden van het Forum Standaardisatie en de VNG. Als gevolg van de "
            "verschuivingen in het gemeentelijk applicatielandschap door Common Ground gaan we daar pragmatisch "
            "mee om.\n"
            "De architectuurplaat van ons gemeentelijk applicatielandschap wordt actueel gehouden en in "
            "samenhang daarmee wordt de landelijke softwarecatalogus bijgehouden. Ook de technische "
            "infrastructuurplaat wordt actueel gehouden.\n"
            "De architectuurplaat wordt ingezet bij aanbestedingen, keuzes voor applicaties, "
            "informatiebeveiliging en privacy, IT-audit, en als communicatiemiddel om bestuur en management mee "
            "te nemen in de complexiteit van onze ICT en informatievoorziening."
        ),
        583,
    ),
    (
        "3.5.1-2",
        5,
        "Periodiek analyseren van ons applicatielandschap",
        (
            "We analyseren ons applicatielandschap jaarlijks om te voorkomen dat we blijven betalen voor niet "
            "meer gebruikte applicaties en het voorkomen van dubbele applicaties of systeemfuncties."
        ),
        584,
    ),
    (
        "3.5.1-3",
        5,
        "Common Ground",
        (
            "We houden ons op de hoogte van de landelijke Common Ground ontwikkelingen. We gaan jaarlijks na hoe "
            "de Common Ground ontwikkelingen passen in onze plannen. Bij aanbestedingen wordt Common Ground naar "
            "de toekomst wel meegenomen."
        ),
        585,
    ),
    (
        "3.5.1-4",
        5,
        "Gebruiksvriendelijkheid van applicaties",
        (
            "Gebruiksvriendelijkheid van applicaties is cruciaal voor een door gebruikers en teams geaccepteerde "
            "applicatie, en daarmee voor de kwaliteit van de in applicaties vastgelegde data. Dat heeft tot "
            "gevolg dat bij architectuurafwegingen bij aanschaf van applicaties gebruiksvriendelijkheid een "
            "stevig gewicht krijgt i.r.t. architectuureisen."
        ),
        586,
    ),
    (
        "3.5.1-5",
        5,
        "Gebruik van applicaties",
        (
            "Het gebruik van een applicatie is een structureel aandachtspunt voor teams, werkoverleggen en de "
            "ondersteuning naar teams door I-adviseurs en functioneel applicatiebeheerders."
        ),
        587,
    ),
    (
        "3.5.2-1",
        5,
        "Overgang naar de Baseline Informatiebeveiliging Overheid (BIO) in 2020",
        "Voor de overgang naar de BIO wordt nieuw beleid en een invoeringsplan opgesteld.",
        625,
    ),
    (
        "3.5.2-2",
        5,
        ("Functies informatiebeveiligingsfunctionaris (CISO), privacy officer en functionaris gegevensbescherming."),
        (
            "Voor de functies informatiebeveiligingsfunctionaris (CISO), privacy officer en functionaris "
            "gegevensbescherming wordt een voorstel gedaan hoe dit taakveld beter ingericht kan worden."
        ),
        626,
    ),
    (
        "3.5.2-3",
        5,
        (
            "Ten aanzien van de AVG wil de gemeente kunnen werken vanuit 'de bedoeling' en niet vanuit 'de "
            "letter van de wet'."
        ),
        (
            "We werken voor de AVG een praktisch toepassingskader uit, zodat teams en medewerkers aan de hand "
            "van concrete voorbeelden weten hoe ze met data en privacy moeten omgaan."
        ),
        627,
    ),
    (
        "3.5.2-4",
        5,
        "Bewustzijn informatiebeveiliging en privacy",
        (
            "Omdat informatieveiligheid en privacy ten dele technisch kunnen worden geborgd en afhankelijk is "
            "van menselijk handelen is bewustzijn op dit gebied erg belangrijk. Daarom wordt er regelmatig naar "
            "teams en via intranet aandacht aan beide onderwerpen besteed."
        ),
        628,
    ),
    (
        "3.5.2-5",
        5,
        "Ensia en auditlast",
        (
            "We onderzoeken hoe we de toenemende auditlast (Ensia, meerdere DigiD-audits, IT-audit) kunnen "
            "beperken door deze in onderlinge samenhang zo optimaal mogelijk in te vullen en/of hiervoor "
            "specifieke softwaretools in te zetten."
        ),
        629,
    ),
    (
        "3.5.3-1",
        5,
        "Het werken met een e-depot in Midden-Groningen",
        "De gemeente verkent de mogelijkheden om een e-depot te realiseren samen met de Groninger Archieven.",
        653,
    ),
    (
        "3.5.3-2",
        5,
        "Het digitaal archief is ingericht op basis van TMLO",
        (
            "De gemeente gaat na hoe we naar de toekomst het toepassingsprofiel Metadatering Lokale Overheden "
            "(TMLO) kan toepassen op de relevante applicaties. We trekken daarbij waar mogelijk op met de "
            "Groninger Archieven."
        ),
        654,
    ),
    (
        "3.5.3-3",
        5,
        "Data in vakapplicaties",
        (
            "Voor het bewaren van data en documenten in vakapplicaties die niet voldoen aan de archiefwet worden "
            "specifieke afspraken gemaakt om deze naar de toekomst digitaal duurzaam te maken en te houden "
            "gedurende de levenscyclus ervan.\n"
            "Wanneer een applicatie vervangen wordt door een nieuwe applicatie worden de data geconverteerd of "
            "gemigreerd naar de nieuwe applicatie of opgeslagen in een daarvoor geschikte alternatieve digitale "
            "omgeving. Daarbij wordt ook gekeken naar de digitale duurzaamheid ervan.\n"
            "Archivering en vernietiging van data en documenten wordt meegenomen in de gunningscriteria bij de "
            "aanbesteding van nieuwe applicaties."
        ),
        655,
    ),
    (
        "3.5.4-1",
        5,
        "Het eigenaarschap van processen, applicaties en data wordt goed belegd",
        (
            "Processen, systemen en data binnen de organisatie krijgen allemaal een eigenaar: hij/zij krijgt "
            "hiermee de verantwoordelijkheid voor o.a. de kwaliteit, betrouwbaarheid, veiligheid en compleetheid."
        ),
        696,
    ),
    (
        "3.5.4-2",
        5,
        "Verbeterpunten IT-audit opnemen in het jaarplan",
        (
            "De verbeterpunten van de jaarlijkse IT-audit opnemen in het jaarplan van de teams I&O en "
            "Automatisering en van de betreffende vakteams."
        ),
        697,
    ),
    (
        "3.5.4-3",
        5,
        "Risicomanagement inzetten bij de prioritering van uit te voeren verbeterpunten",
        (
            "Omdat er sprake is van een groot aantal onderwerpen waarop verbeteringen mogelijk zijn in de "
            "I&A-processen, en daarmee ook een grote belasting op de I&A-organisatie leggen, passen we daar "
            "risicomanagement op toe. We pakken de dingen op, waarvan we zelf de risico's zien. Daarbij kunnen "
            "we afwijken van door de accountant en IT-auditor gestelde eisen."
        ),
        698,
    ),
    (
        "3.5.4-4",
        5,
        "Effecten van het professionaliseren op de I&A-functie",
        (
            "De effecten van het professionaliseren op de I&A-functie worden uitgewerkt. In verband met de "
            "beperkte beschikbare middelen voor de vaste formatie gaan we dit oppakken d.m.v. "
            "projectfinanciering."
        ),
        699,
    ),
    (
        "3.5.5-1",
        5,
        "Aanbesteding en implementatie van de grote systemen",
        (
            "De betreffende systemen staan op de aanbestedingskalender 2019-2021. In de begrotingen van "
            "2019-2022 moet rekening gehouden worden met de betreffende aanbestedings- en implementatiekosten."
        ),
        727,
    ),
    (
        "3.5.5-2",
        5,
        "Software inkopen via softwarebroker",
        "We gaan na of we nieuwe software kunnen aankopen bij een softwarebroker, en of dit kan via de VNG.",
        728,
    ),
    (
        "3.6.1-1",
        6,
        "Funciehuis, taken en rollen van I&A",
        (
            "Analyseer het funciehuis, taken en rollen van I&A in de teams Automatisering en I&O en kom met een "
            "advies voor aanpassing/verbetering. Maak daarbij onderscheid tussen wat nodig is op korte termijn "
            "in 2020 en de evaluatie van de startorganisatie in 2021.\n"
            "Stem bij de ontwikkeling van de helpdesk dit af met de de ontwikkeling van de algemene servicedesk "
            "(Project Van Binnen naar Binnen).\n"
            "Geef daarbij aan welke functies vast in de formatie moeten worden opgenomen en welke via "
            "projectfinanciering worden ingevuld."
        ),
        757,
    ),
    (
        "3.6.2-1",
        6,
        "Cloud tenzij",
        "Ga bij nieuwe systemen en vervanging van systemen uit van cloud, tenzij dat niet mogelijk is.",
        780,
    ),
    (
        "3.6.2-2",
        6,
        "Uitwerking cloudstrategie",
        (
            "Stel een cloudstrategie op waarin de effecten op de informatie-architectuur (applicaties en "
            "koppelingen), ICT-infrastructuur, de I&A-beheerorganisatie en de kosten worden opgenomen en "
            "uitgewerkt. Kom daarbij tot een voorstel waarin een optimale inzet van private cloud, hybride cloud "
            "en public cloud wordt uitgewerkt."
        ),
        781,
    ),
    (
        "3.6.2-3",
        6,
        "Automatiseringsplan en planning",
        (
            "Stel een automatiseringsplan op waarin de consequenties van de I&A-visie en van de cloudstrategie "
            "op de technische infrastructuur in jaarschijven worden uitgewerkt."
        ),
        782,
    ),
]


def _header(sheet, row: int, headers: list[str]) -> None:
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def build_mab(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plateau 3"
    sheet["A1"] = "Voortgangsrapportage Plateau 3 Meerjaren Aanpak Bedrijfsvoering (MAB)"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = "Programma:", "MAB Flevoland"
    sheet["A3"], sheet["B3"] = "Peildatum:", dt.date(2018, 6, 15)
    sheet["B3"].number_format = "DD-MM-YYYY"
    sheet["A4"], sheet["B4"] = "Valuta:", "EUR"
    sheet["A5"] = "Bron: voortgangsrapportage aan PS, eDocs 2252067 (V3/LH/26-6-2018); stoplichten afgeleid."
    headers = [
        "Nr",
        "Omschrijving",
        "Thema",
        "Afdeling",
        "Hoort bij",
        "Plateau",
        "Budget\n(€ k)",
        "Besteed/verplicht\n(€ k)",
        "Prognose\n(€ k)",
        "Stoplicht\n(afgeleid)",
        "Toelichting",
        "Telt mee in totaal",
    ]
    _header(sheet, 7, headers)
    row = 8
    for code, title, theme, owner, parent, budget, spent, forecast, light, note, counts in MAB_ROWS:
        values = [code, title, theme, owner, parent, PLATEAU, budget, spent, forecast, light, note, counts]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if column in (7, 8, 9):
                cell.number_format = "#,##0.0"
        row += 1
    top = [r for r in MAB_ROWS if r[4] is None and r[10] == "ja"]
    sheet.cell(row=row, column=1, value="Totaal").font = BOLD
    for column, index in ((7, 5), (8, 6), (9, 7)):
        cell = sheet.cell(row=row, column=column, value=sum(r[index] for r in top))
        cell.font, cell.number_format = BOLD, "#,##0.0"
    for letter, width in zip("ABCDEFGHIJKL", (6, 55, 26, 18, 9, 16, 10, 14, 10, 11, 70, 10)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)


def build_groningen(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Stand van zaken"
    sheet["A1"] = "Bijlage I - stand van zaken uitvoeringsprogramma digitalisering"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = "Programma:", "Uitvoeringsprogramma digitalisering Groningen"
    sheet["A3"], sheet["B3"] = "Peildatum:", dt.date(2023, 9, 30)
    sheet["B3"].number_format = "DD-MM-YYYY"
    _header(sheet, 5, ["Nr", "Programmalijn", "Spoor", "Project", "Hoort bij", "Stoplicht", "Toelichting"])
    for offset, (code, line, track, title, parent, note) in enumerate(GRONINGEN_ROWS):
        values = [code, GRONINGEN_LINES[line], track, title, parent, None, note]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=6 + offset, column=column, value=value)
    for letter, width in zip("ABCDEFG", (7, 60, 34, 34, 9, 10, 90)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)


def build_owo(path: Path) -> None:
    """Five quarterly reports in one sheet, one row per project per report (Peildatum per row)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kwartaalrapportages"
    headers = [
        "Programma",
        "Peildatum",
        "Nr",
        "Project",
        "Pijler",
        "Afdeling",
        "Periode",
        "Noodzaak",
        "Budget",
        "Besteed",
        "Prognose",
        "Stoplicht",
        "Toelichting",
    ]
    _header(sheet, 1, headers)
    row = 2
    for index, date in enumerate(OWO_DATES):
        for code, title, pillar, owner, period, necessity, budget, spent, forecast, lights, notes in OWO_ROWS:
            if lights[index] is None:
                continue
            values = [
                OWO_PROGRAMME,
                date,
                code,
                title,
                pillar,
                owner,
                period,
                necessity,
                budget,
                spent[index],
                forecast[index],
                lights[index],
                notes[index],
            ]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=column, value=value)
                if column == 2:
                    cell.number_format = "DD-MM-YYYY"
                elif column in (9, 10, 11):
                    cell.number_format = "#,##0"
            row += 1
    for letter, width in zip("ABCDEFGHIJKLM", (38, 12, 7, 44, 26, 16, 14, 13, 11, 11, 11, 10, 70)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)


def build_midden_groningen(path: Path) -> None:
    """The vision's initiatives per track, each with its ambition; no amounts, no lights (empty column)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Richtlijnen en ambities"
    sheet["A1"] = "I&A-visie Midden-Groningen 2020 - 2023: richtlijnen en ambities informatiebeleid per spoor"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = "Programma:", MIDDEN_GRONINGEN_PROGRAMME
    sheet["A3"], sheet["B3"] = "Peildatum:", dt.date(2020, 1, 31)
    sheet["B3"].number_format = "DD-MM-YYYY"
    _header(sheet, 5, ["Nr", "Spoor", "Onderwerp", "Ambitie", "Stoplicht"])
    for offset, (code, track, title, ambition, _line) in enumerate(MIDDEN_GRONINGEN_ROWS):
        values = [code, MIDDEN_GRONINGEN_TRACKS[track], title, ambition, None]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=6 + offset, column=column, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (9, 34, 50, 100, 10)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)


if __name__ == "__main__":
    build_mab(HERE / "mab_plateau3_2018-06.xlsx")
    build_groningen(HERE / "groningen_digitalisering_2023.xlsx")
    build_owo(HERE / "jaarplan_owo_2018-2019_illustratie.xlsx")
    build_midden_groningen(HERE / MIDDEN_GRONINGEN_FILE)
    print("written:", *sorted(p.name for p in HERE.glob("*.xlsx")))
