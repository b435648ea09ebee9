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


if __name__ == "__main__":
    build_mab(HERE / "mab_plateau3_2018-06.xlsx")
    build_groningen(HERE / "groningen_digitalisering_2023.xlsx")
    build_owo(HERE / "jaarplan_owo_2018-2019_illustratie.xlsx")
    print("written:", *sorted(p.name for p in HERE.glob("*.xlsx")))
