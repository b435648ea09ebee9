"""Every label and message in Dutch (default) and English. Keys are English; no screen mixes languages."""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

TEXT: dict[str, dict[str, str]] = {
    # navigation and pages
    "app_title": {"nl": "Portfoliodashboard", "en": "Portfolio dashboard"},
    "page_overview": {"nl": "Overzicht", "en": "Overview"},
    "page_lines": {"nl": "Programmalijnen", "en": "Programme lines"},
    "page_tracks": {"nl": "Sporen", "en": "Tracks"},
    "page_story": {"nl": "Story", "en": "Story"},
    "page_upload": {"nl": "Uploaden", "en": "Upload"},
    # the portfolio page (pages/portfolio.py, portfolio/portfolio_view.py)
    "page_portfolio": {"nl": "Portfolio", "en": "Portfolio"},
    "pf_intro": {
        "nl": "Alle programma's, elk op zijn laatste rapportage, het slechtste eerst. Kies een rij om het "
        "overzicht van dat programma te openen.",
        "en": "Every programme at its latest report, the worst first. Choose a row to open that programme's overview.",
    },
    "pf_headline": {
        "nl": "{n} programma's · {overdue} te laat met rapporteren · {watermelons} groen gemeld terwijl de cijfers "
        "oranje of rood geven",
        "en": "{n} programmes · {overdue} overdue with their report · {watermelons} reported green while the "
        "figures give amber or red",
    },
    "pf_order_rule": {
        "nl": "Volgorde (slechtste eerst): het grootste deel van het budget dat volgens de cijfers rood is; dan de "
        "meeste stories die groen melden terwijl de cijfers oranje of rood geven; dan de meeste rood gemelde "
        "stories; dan de grootste overschrijding als deel van het budget. Programma's zonder bedragen komen na "
        "die met bedragen.",
        "en": "Order (worst first): the largest share of the budget that is red by the figures; then the most "
        "stories reported green while the figures give amber or red; then the most stories reported red; then "
        "the largest overrun as a share of the budget. Programmes without amounts come after those with amounts.",
    },
    "pf_overdue_rule": {
        "nl": "Te laat: de laatste rapportage is ouder dan het ritme van het programma: het ritme dat voor het "
        "programma is ingesteld (pagina Regels), anders de gebruikelijke tussentijd (de mediaan van het aantal "
        "dagen tussen zijn rapportages), anders, bij één rapportage, elk kwartaal.",
        "en": "Overdue: the latest report is older than the programme's rhythm: the one set for it (Rules page), "
        "else its usual interval (the median number of days between its reports), else, with one report, "
        "quarterly.",
    },
    "pf_age_day": {"nl": "1 dag", "en": "1 day"},
    "pf_age_days": {"nl": "{n} dagen", "en": "{n} days"},
    "pf_age_months": {"nl": "{n} maanden", "en": "{n} months"},
    "pf_age_years": {"nl": "{n} jaar", "en": "{n} years"},
    "pf_rhythm": {"nl": "Ritme", "en": "Reporting rhythm"},
    "pf_overdue_mark": {"nl": "⚠ te laat (ritme {days} dagen)", "en": "⚠ overdue (usual {days} days)"},
    "pf_on_time": {"nl": "op tijd (ritme {days} dagen)", "en": "on time (usual {days} days)"},
    "pf_rhythm_set": {"nl": "op tijd (elke {months} maanden)", "en": "on time (every {months} months)"},
    "pf_rhythm_set_late": {"nl": "⚠ te laat (elke {months} maanden)", "en": "⚠ overdue (every {months} months)"},
    "pf_rhythm_default": {
        "nl": "op tijd (standaard elke {months} maanden)",
        "en": "on time (by default every {months} months)",
    },
    "pf_rhythm_default_late": {
        "nl": "⚠ te laat (standaard elke {months} maanden)",
        "en": "⚠ overdue (by default every {months} months)",
    },
    "pf_stuck_passed": {"nl": "Te laat · stil · verstreken", "en": "Late · stuck · passed"},
    "pf_help_stuck_passed": {
        "nl": "Stories die later klaar zijn dan gepland (uitloop meer dan 0 dagen); stories waarvan toelichting, "
        "besteed en data enkele rapportages op rij gelijk bleven; en stories waarvan de einddatum op de peildatum "
        "verstreken was zonder dat ze gereed zijn gemeld.",
        "en": "Stories expected to end later than planned (a slip of more than 0 days); stories whose note, spent and "
        "dates stayed the same over several reports in a row; and stories whose end date had passed at the report "
        "date while not reported done.",
    },
    "pf_date_age": {"nl": "{date} · {age}", "en": "{date} · {age}"},
    "pf_overdue_short": {"nl": "⚠ te laat", "en": "⚠ overdue"},
    "pf_red_by_figures": {"nl": "Rood volgens cijfers", "en": "Red by the figures"},
    "pf_help_red": {
        "nl": "Het deel van het budget van stories die volgens de cijfers rood zijn (regels op de pagina Regels).",
        "en": "The share of the budget in stories that are red by the figures (rules on the Rules page).",
    },
    "pf_help_watermelons": {
        "nl": "Stories die groen melden terwijl de cijfers oranje of rood geven, of hun einddatum sinds de vorige "
        "rapportage verder verschoof dan de oranje marge van de planning.",
        "en": "Stories that report green while the figures give amber or red, or whose end date moved since the "
        "previous report by more than the schedule's amber margin.",
    },
    "pf_help_worse": {
        "nl": "Sinds de vorige rapportage: stories met een slechter gemeld stoplicht (gemeld), met een slechter "
        "stoplicht volgens de cijfers (cijfers), en de totale prognose als die hoger werd.",
        "en": "Since the previous report: stories whose reported light got worse (reported), whose light by the "
        "figures got worse (by figures), and the total forecast when it went up.",
    },
    "pf_lights": {"nl": "Stoplichten, ritme en geld per programma", "en": "Lights, rhythm and money per programme"},
    "pf_reported_count": {"nl": "Gemeld (aantal)", "en": "Reported (count)"},
    "pf_reported_budget": {"nl": "Gemeld (budget)", "en": "Reported (budget)"},
    "pf_figures_count": {"nl": "Volgens cijfers (aantal)", "en": "By the figures (count)"},
    "pf_figures_budget": {"nl": "Volgens cijfers (budget)", "en": "By the figures (budget)"},
    "pf_watermelons": {"nl": "Groen, cijfers niet", "en": "Green, figures not"},
    "pf_worse": {"nl": "Slechter sinds vorige", "en": "Worse since previous"},
    "pf_worse_reported": {"nl": "{n} gemeld", "en": "{n} reported"},
    "pf_worse_figures": {"nl": "{n} cijfers", "en": "{n} by figures"},
    "pf_forecast_up": {"nl": "prognose {amount}", "en": "forecast {amount}"},
    "pf_nothing_worse": {"nl": "niets slechter", "en": "nothing worse"},
    "pf_first_report": {"nl": "eerste rapportage", "en": "first report"},
    "pf_no_amounts": {
        "nl": "Zonder bedragen in de laatste rapportage (daarom –, geen 0): {names}.",
        "en": "Without amounts in the latest report (hence –, not 0): {names}.",
    },
    "pf_totals": {"nl": "Totaal per valuta", "en": "Totals per currency"},
    # an illustration (a programme whose name says '(illustratie)'): invented figures, never added to real ones
    "pf_headline_illustrations": {
        "nl": "en {n} illustratie(s) met verzonnen cijfers, hierin niet meegeteld",
        "en": "and {n} illustration(s) with invented figures, not counted here",
    },
    "pf_illustrations": {
        "nl": "Illustratie, met verzonnen cijfers: {names}. Onderaan gezet; niet meegeteld in de regel bovenaan "
        "en niet opgeteld in de totalen.",
        "en": "Illustration, with invented figures: {names}. Put last; not counted in the line at the top and "
        "not added to the totals.",
    },
    "pf_totals_without_illustrations": {
        "nl": "Niet in deze totalen: {names}, een illustratie met verzonnen cijfers; die worden nooit bij echte "
        "cijfers opgeteld.",
        "en": "Not in these totals: {names}, an illustration with invented figures, which are never added to "
        "real ones.",
    },
    "pf_open_overview": {"nl": "Overzicht openen", "en": "Open the overview"},
    "pf_open_overview_of": {"nl": "Het overzicht van {programme} openen", "en": "Open the overview of {programme}"},
    "pf_measure": {"nl": "Maat", "en": "Measure"},
    "illustration_banner": {
        "nl": "**Illustratie**: de bedragen, stoplichten, toelichtingen en peildata van dit programma zijn "
        "verzonnen om te laten zien wat het dashboard kan; het zijn geen gerapporteerde cijfers. Op de "
        "portfoliopagina staat het onderaan en telt het niet mee in de totalen.",
        "en": "**Illustration**: this programme's amounts, lights, notes and report dates are invented to show "
        "what the dashboard can do; they are not reported figures. On the portfolio page it comes last and is "
        "not added to the totals.",
    },
    "pf_totals_note": {
        "nl": "Bedragen in verschillende valuta worden nooit bij elkaar opgeteld: één totaalregel per valuta, over "
        "de programma's die bedragen geven.",
        "en": "Amounts in different currencies are never added together: one total row per currency, over the "
        "programmes that give amounts.",
    },
    "pf_currency": {"nl": "Valuta", "en": "Currency"},
    "pf_n_programmes": {"nl": "Programma's", "en": "Programmes"},
    "pf_n_with_amounts": {"nl": "Met bedragen", "en": "With amounts"},
    "pf_download": {"nl": "Download Excel (portfolio)", "en": "Download Excel (portfolio)"},
    "pf_age_days_column": {"nl": "Dagen sinds peildatum", "en": "Days since report date"},
    "pf_interval_column": {"nl": "Gebruikelijke tussentijd (dagen)", "en": "Usual interval (days)"},
    "pf_overdue": {"nl": "Te laat", "en": "Overdue"},
    "pf_previous_date": {"nl": "Vorige peildatum", "en": "Previous report date"},
    "pf_reported": {"nl": "Gemeld", "en": "Reported"},
    "pf_budget_share": {"nl": "{what} {light} (deel budget)", "en": "{what} {light} (share of budget)"},
    "pf_worse_reported_column": {"nl": "Gemeld slechter", "en": "Reported worse"},
    "pf_worse_figures_column": {"nl": "Volgens cijfers slechter", "en": "Worse by the figures"},
    "pf_forecast_move": {"nl": "Prognose t.o.v. vorige", "en": "Forecast against previous"},
    "pf_about": {
        "nl": "Alle programma's, elk op zijn laatste rapportage; stand van {date}",
        "en": "Every programme at its latest report; as of {date}",
    },
    "language": {"nl": "Taal", "en": "Language"},
    "programme": {"nl": "Programma", "en": "Programme"},
    "report": {"nl": "Rapportage", "en": "Report"},
    "report_date": {"nl": "Peildatum", "en": "Report date"},
    "no_reports": {"nl": "Er zijn nog geen rapportages geladen.", "en": "No reports have been loaded yet."},
    "open_mode": {
        "nl": "Lokaal gebruik zonder aanmelding: iedereen met deze link kan gegevens zien en uploaden.",
        "en": "Local use without sign-in: anyone with this link can see and upload data.",
    },
    # measures
    "budget": {"nl": "Budget", "en": "Budget"},
    "spent": {"nl": "Besteed/verplicht", "en": "Spent/committed"},
    "realised": {"nl": "Gerealiseerd", "en": "Realised"},
    "committed": {"nl": "Verplicht", "en": "Committed"},
    "forecast": {"nl": "Prognose", "en": "Forecast"},
    "baseline": {"nl": "Oorspronkelijke begroting", "en": "Baseline"},
    "variance": {"nl": "Afwijking", "en": "Variance"},
    "variance_pct": {"nl": "Afwijking %", "en": "Variance %"},
    "amounts_in": {"nl": "Bedragen in {currency}", "en": "Amounts in {currency}"},
    "share_spent": {"nl": "Besteed van budget", "en": "Share spent"},
    "remaining": {"nl": "Resterend budget", "en": "Remaining budget"},
    "to_spend": {"nl": "Nog te besteden", "en": "Still to spend"},
    "stories": {"nl": "Stories", "en": "Stories"},
    "n_stories": {"nl": "Aantal stories", "en": "Number of stories"},
    "code": {"nl": "Nr", "en": "Code"},
    "title": {"nl": "Titel", "en": "Title"},
    "programme_line": {"nl": "Programmalijn", "en": "Programme line"},
    "track": {"nl": "Spoor", "en": "Track"},
    "owner": {"nl": "Afdeling", "en": "Owner"},
    "parent_code": {"nl": "Hoort bij", "en": "Parent story"},
    "period": {"nl": "Periode", "en": "Period"},
    "status": {"nl": "Stoplicht", "en": "Status"},
    "status_label": {"nl": "Oorspronkelijk label", "en": "Original label"},
    "status_note": {"nl": "Toelichting", "en": "Status note"},
    "ambition": {"nl": "Ambitie", "en": "Ambition"},
    "start_date": {"nl": "Startdatum", "en": "Start date"},
    "planned_end": {"nl": "Geplande einddatum", "en": "Planned end"},
    "approved_end": {"nl": "Laatst vastgestelde einddatum", "en": "Latest approved end"},
    "forecast_end": {"nl": "Verwachte einddatum", "en": "Forecast end"},
    "duration": {"nl": "Doorlooptijd", "en": "Duration"},
    "necessity": {"nl": "Noodzaak", "en": "Necessity"},
    "in_totals": {"nl": "Telt mee in totaal", "en": "Counts in totals"},
    "sub_items": {"nl": "Deelprojecten", "en": "Sub-items"},
    "source": {"nl": "Bron", "en": "Source"},
    "none_line": {"nl": "(geen programmalijn)", "en": "(no programme line)"},
    "none_track": {"nl": "(geen spoor)", "en": "(no track)"},
    "missing": {"nl": "onbekend", "en": "missing"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    # statuses
    "green": {"nl": "Groen", "en": "Green"},
    "amber": {"nl": "Oranje", "en": "Amber"},
    "red": {"nl": "Rood", "en": "Red"},
    "unknown": {"nl": "Onbekend", "en": "Unknown"},
    "statutory": {"nl": "wettelijk", "en": "statutory"},
    "necessary": {"nl": "noodzakelijk", "en": "necessary"},
    "desirable": {"nl": "wenselijk", "en": "desirable"},
    # overview
    "kpi_of_stories": {"nl": "{n} van {total} stories", "en": "{n} of {total} stories"},
    "kpi_move": {"nl": "{move} t.o.v. vorige", "en": "{move} vs previous"},
    "kpi_move_help": {
        "nl": "verschil met de vorige rapportage: {move}",
        "en": "change since the previous report: {move}",
    },
    "kpi_variance_pct": {"nl": "{pct} van het budget", "en": "{pct} of budget"},
    "kpi_variance_help": {
        "nl": "Prognose min budget, over de {n} stories met beide bedragen. Positief = verwachte overschrijding.",
        "en": "Forecast minus budget, over the {n} stories with both amounts. Positive = expected overrun.",
    },
    "kpi_share_help": {
        "nl": "Besteed/verplicht gedeeld door budget, over de {n} stories met beide bedragen.",
        "en": "Spent/committed divided by budget, over the {n} stories with both amounts.",
    },
    "no_amounts": {
        "nl": "Deze rapportage bevat geen bedragen; alleen stoplichten en toelichtingen.",
        "en": "This report has no amounts; only traffic lights and status notes.",
    },
    "contents_no_amounts": {
        "nl": "Deze rapportage bevat geen bedragen; alleen {what}.",
        "en": "This report has no amounts; only {what}.",
    },
    "contents_no_amounts_no_lights": {
        "nl": "Deze rapportage bevat alleen {what}; geen bedragen en geen stoplichten.",
        "en": "This report holds only {what}; no amounts and no traffic lights.",
    },
    "contents_stories": {"nl": "stories", "en": "stories"},
    "contents_programme_line": {"nl": "programmalijnen", "en": "programme lines"},
    "contents_track": {"nl": "sporen", "en": "tracks"},
    "contents_owner": {"nl": "eigenaren", "en": "owners"},
    "contents_ambition": {"nl": "ambities", "en": "ambitions"},
    "contents_lights": {"nl": "stoplichten", "en": "traffic lights"},
    "contents_status_note": {"nl": "toelichtingen", "en": "status notes"},
    "attention_unknown": {
        "nl": "Van geen van de {n} stories is een stoplicht of bedrag bekend, dus ook niet of er een aandacht vraagt. "
        "Laad een export met stoplichten of bedragen.",
        "en": "None of the {n} stories has a known traffic light or amount, so whether any needs attention is "
        "unknown too. Load an export with lights or amounts.",
    },
    "no_lines_note": {
        "nl": "Deze rapportage deelt de stories niet in programmalijnen in: er zijn geen grafieken per "
        "programmalijn. Per spoor: zie de pagina Sporen.",
        "en": "This report does not group its stories by programme line: there are no charts per programme "
        "line. Per track: see the Tracks page.",
    },
    "no_tracks_note": {
        "nl": "Deze rapportage noemt geen sporen; de tabel telt per programmalijn.",
        "en": "This report names no tracks; the table counts per programme line.",
    },
    "no_lines_table_note": {
        "nl": "Deze rapportage noemt geen programmalijnen; de tabel telt per spoor.",
        "en": "This report names no programme lines; the table counts per track.",
    },
    "no_groups_note": {
        "nl": "Deze rapportage noemt geen programmalijnen en geen sporen; zie de totalen hierboven.",
        "en": "This report names no programme lines and no tracks; see the totals above.",
    },
    "excluded_note": {
        "nl": "Niet in de totalen: {n} overige activiteiten (budget {budget}), zoals de rapportage ze apart noemt.",
        "en": "Not in the totals: {n} other activities (budget {budget}), reported separately by the source.",
    },
    "chart_by_line": {
        "nl": "Budget, besteed en prognose per programmalijn",
        "en": "Budget, spent and forecast per programme line",
    },
    "status_by_line": {"nl": "Stoplichten per programmalijn", "en": "Traffic lights per programme line"},
    "chart_forecast_moves": {
        "nl": "Verschuiving van de prognose sinds de vorige rapportage ({date})",
        "en": "Forecast moves since the previous report ({date})",
    },
    "status_matrix": {
        "nl": "Stoplichten per programmalijn en spoor",
        "en": "Traffic lights per programme line and track",
    },
    "attention": {"nl": "Stories die aandacht vragen", "en": "Stories that need attention"},
    "attention_none": {
        "nl": "Geen stories op rood of oranje en geen prognose boven budget.",
        "en": "No stories on red or amber and no forecast above budget.",
    },
    "reason": {"nl": "Reden", "en": "Reason"},
    "reason_red": {"nl": "stoplicht rood", "en": "status red"},
    "reason_amber": {"nl": "stoplicht oranje", "en": "status amber"},
    "reason_watermelon": {"nl": "groen gemeld, cijfers zeggen anders", "en": "reported green, figures say otherwise"},
    "watermelon_alert": {
        "nl": "**{n} stories zijn groen gemeld, maar de cijfers zeggen oranje of rood, of de einddatum schoof "
        "verder op dan de marge:**",
        "en": "**{n} stories are reported green, but their figures say amber or red, or their end date moved "
        "beyond the margin:**",
    },
    "watermelon_alert_one": {
        "nl": "**1 story is groen gemeld, maar de cijfers zeggen oranje of rood, of de einddatum schoof verder op "
        "dan de marge:**",
        "en": "**1 story is reported green, but its figures say amber or red, or its end date moved beyond the "
        "margin:**",
    },
    "watermelon_more": {
        "nl": "en nog {n}: zie ‘{table}’ verderop.",
        "en": "and {n} more: see ‘{table}’ further down.",
    },
    "attention_more": {
        "nl": "De {shown} meest dringende van {total} stories; de downloads hieronder bevatten ze allemaal.",
        "en": "The {shown} most urgent of {total} stories; the downloads below hold them all.",
    },
    "changes_largest": {
        "nl": "De {shown} grootste van {total} gewijzigde stories.",
        "en": "The {shown} largest of {total} changed stories.",
    },
    "overview_charts": {"nl": "Grafieken", "en": "Charts"},
    "overview_charts_amounts": {"nl": "Bedragen per lijn", "en": "Amounts per line"},
    "overview_charts_lights": {"nl": "Stoplichten per lijn", "en": "Lights per line"},
    "overview_charts_changes": {"nl": "Sinds vorige", "en": "Since previous"},
    "overview_charts_stories": {"nl": "Afwijking en besteding", "en": "Variance and spending"},
    "overview_charts_time": {"nl": "Verloop en kwartalen", "en": "Over time and quarters"},
    "overview_charts_help": {
        "nl": "Eén grafiek of groep tegelijk: zo blijft de pagina snel. Uw keuze blijft bewaard en staat in de link.",
        "en": "One chart or group at a time, so the page stays fast. Your choice is kept and is in the link.",
    },
    "group_charts": {"nl": "Grafiek", "en": "Chart"},
    "group_charts_amounts": {"nl": "Bedragen", "en": "Amounts"},
    "group_charts_lights": {"nl": "Stoplichten", "en": "Traffic lights"},
    "group_charts_help": {
        "nl": "Een grafiek wordt pas getekend als u hem kiest: zo blijft de pagina snel. Uw keuze blijft bewaard.",
        "en": "A chart is drawn once you choose it, so the page stays fast. Your choice is kept.",
    },
    "unexplained_alert": {
        "nl": "**{n} stories wijken meer dan {pct} af van hun budget zonder toelichting:**",
        "en": "**{n} stories are more than {pct} off their budget without a status note:**",
    },
    "unexplained_alert_one": {
        "nl": "**1 story wijkt meer dan {pct} af van haar budget zonder toelichting:**",
        "en": "**1 story is more than {pct} off its budget without a status note:**",
    },
    "unexplained_more": {"nl": "en nog {n}.", "en": "and {n} more."},
    "since_previous": {"nl": "Sinds de vorige rapportage ({date})", "en": "Since the previous report ({date})"},
    "no_previous": {
        "nl": "Dit is de eerste rapportage in dit dashboard.",
        "en": "This is the first report in this dashboard.",
    },
    "no_changes": {"nl": "Geen veranderingen.", "en": "No changes."},
    "chart_variance": {
        "nl": "Afwijking per story (grootste overschrijding eerst)",
        "en": "Variance per story (largest overrun first)",
    },
    "chart_share_spent": {"nl": "Besteed als deel van het budget", "en": "Spent as a share of budget"},
    "chart_trend": {"nl": "Verloop over de rapportages", "en": "Over the reports"},
    "chart_quarterly": {
        "nl": "Kwartaaloverzicht: besteed en resterend budget, lopend jaar en eerdere jaren",
        "en": "Quarterly overview: spent and remaining budget, this year and earlier years",
    },
    "quarterly_intro": {
        "nl": "Per kwartaal de laatste rapportage in dat kwartaal. Het budget van een story hoort bij het jaar dat "
        "de kolom Periode noemt; budget uit eerdere jaren dat nog niet besteed is, is overloop.",
        "en": "Per quarter the latest report in that quarter. A story's budget belongs to the year its Period "
        "column names; budget from earlier years not yet spent is carried over.",
    },
    "quarterly_more": {
        "nl": "De grafiek toont de laatste {shown} van {total} kwartalen; de tabel en de download hebben ze allemaal.",
        "en": "The chart shows the last {shown} of {total} quarters; the table and the download have all of them.",
    },
    "quarterly_unknown": {
        "nl": "{n} stories noemen geen jaar in hun periode; ze staan apart onder 'Periode zonder jaar'.",
        "en": "{n} stories name no year in their period; they are shown apart under 'Period without a year'.",
    },
    "quarter_label": {"nl": "K{quarter} {year}", "en": "Q{quarter} {year}"},
    "quarter": {"nl": "Kwartaal", "en": "Quarter"},
    "period_class": {"nl": "Budget voor", "en": "Budget for"},
    "period_current": {"nl": "Lopend jaar", "en": "This year"},
    "period_earlier": {"nl": "Eerdere jaren (overloop)", "en": "Earlier years (carried over)"},
    "period_later": {"nl": "Latere jaren", "en": "Later years"},
    "period_unknown": {"nl": "Periode zonder jaar", "en": "Period without a year"},
    "page_quarterly": {"nl": "Kwartaaloverzicht", "en": "Quarterly overview"},
    "period_short_current": {"nl": "lopend jaar", "en": "this year"},
    "period_short_earlier": {"nl": "overloop", "en": "carried over"},
    "period_short_later": {"nl": "later jaar", "en": "later year"},
    "period_short_unknown": {"nl": "geen jaar", "en": "no year"},
    "watermelons": {"nl": "Groen gemeld, cijfers zeggen anders", "en": "Reported green, figures say otherwise"},
    "budget_share": {"nl": "{status} (budget)", "en": "{status} (budget)"},
    "rules_caption": {
        "nl": "'Volgens cijfers': rood bij prognose > {red} boven budget{spent}, of > {drift_red} boven de eerste begroting, "
        "of een uitloop van > {schedule_red} van de geplande doorlooptijd; oranje bij > {amber}, > {drift_amber} of "
        "> {schedule_amber} uitloop. Regels instellen op de pagina Regels.",
        "en": "'By the figures': red when forecast is > {red} above budget{spent}, or > {drift_red} above the first baseline, "
        "or the end slips by > {schedule_red} of the planned duration; amber when > {amber}, > {drift_amber} or "
        "> {schedule_amber} slip. Set the rules on the Rules page.",
    },
    "rule_schedule_amber": {
        "nl": "Oranje: einddatum later dan gepland met meer dan (% van de geplande doorlooptijd)",
        "en": "Amber: end later than planned by more than (% of the planned duration)",
    },
    "rule_schedule_red": {
        "nl": "Rood: einddatum later dan gepland met meer dan (% van de geplande doorlooptijd)",
        "en": "Red: end later than planned by more than (% of the planned duration)",
    },
    "rules_schedule_note": {
        "nl": "Uitloop = verwachte einddatum (anders de laatst vastgestelde) min de geplande einddatum, als deel van "
        "de geplande doorlooptijd (start tot geplande einddatum). Is een datum een periode ('Q3 2024', 'najaar "
        "2025'), dan telt de kleinste uitloop die het kan zijn. Zonder geplande einddatum of startdatum is de "
        "planning niet te beoordelen: dat is onbekend, niet 'op tijd'.",
        "en": "Slip = forecast end (else the latest approved end) minus the planned end, as a share of the planned "
        "duration (start to planned end). Where a date is a period ('Q3 2024', 'autumn 2025') the least slip it can "
        "be counts. Without a planned end or a start the schedule cannot be judged: that is unknown, not 'on time'.",
    },
    "slip": {"nl": "Uitloop", "en": "Slip"},
    "slip_days": {"nl": "Uitloop (dagen)", "en": "Slip (days)"},
    "slip_exact": {
        "nl": "{days} dagen ({share} van de geplande doorlooptijd)",
        "en": "{days} days ({share} of the planned duration)",
    },
    "slip_exact_days": {
        "nl": "{days} dagen (geen startdatum: geen deel van de doorlooptijd)",
        "en": "{days} days (no start date: no share of the duration)",
    },
    "slip_range": {
        "nl": "tussen {low} en {high} dagen ({low_share} tot {high_share} van de geplande doorlooptijd): een datum is een periode",
        "en": "between {low} and {high} days ({low_share} to {high_share} of the planned duration): a date is a period",
    },
    "slip_range_days": {
        "nl": "tussen {low} en {high} dagen: een datum is een periode",
        "en": "between {low} and {high} days: a date is a period",
    },
    "slip_unknown_planned": {"nl": "onbekend: geen geplande einddatum", "en": "unknown: no planned end"},
    "slip_unknown_end": {
        "nl": "onbekend: geen verwachte of vastgestelde einddatum",
        "en": "unknown: no forecast or approved end",
    },
    "slip_unknown_text": {
        "nl": "onbekend: een datum noemt geen dag of periode",
        "en": "unknown: a date names no day or period",
    },
    "story_dates": {"nl": "Planning", "en": "Schedule"},
    "figures_cause_cost": {"nl": "kosten", "en": "cost"},
    "figures_cause_schedule": {"nl": "planning", "en": "schedule"},
    "figures_cause_cost_schedule": {"nl": "kosten en planning", "en": "cost and schedule"},
    # issue 22: the end date since the previous report, watermelons by a moved end, stuck and stale stories
    "end_move": {"nl": "Einddatum verschoven sinds vorige", "en": "End date moved since previous"},
    "end_move_days": {"nl": "Verschoven (dagen)", "en": "Moved (days)"},
    "slip_share": {"nl": "Uitloop (deel doorlooptijd)", "en": "Slip (share of duration)"},
    "stuck": {"nl": "Staat stil", "en": "Stuck"},
    "end_passed": {"nl": "Einddatum verstreken", "en": "End date passed"},
    "end_move_unknown": {
        "nl": "onbekend: niet in de vorige rapportage, of geen einddatum in een van beide",
        "en": "unknown: not in the previous report, or no end date in one of the two",
    },
    "watermelon_by_figures": {"nl": "Volgens cijfers: {light}", "en": "By the figures: {light}"},
    "watermelon_by_end_move": {
        "nl": "de einddatum schoof sinds de vorige rapportage {move}, meer dan de marge",
        "en": "the end date moved {move} since the previous report, more than the margin",
    },
    "reason_watermelon_end_moved": {
        "nl": "groen gemeld, einddatum verder verschoven dan de marge",
        "en": "reported green, end date moved beyond the margin",
    },
    "story_stuck": {
        "nl": "Staat stil: toelichting, besteed en data zijn {n} rapportages op rij gelijk.",
        "en": "Stuck: note, spent and dates have stayed the same for {n} reports in a row.",
    },
    "story_end_passed": {
        "nl": "De einddatum ({end}) was op de peildatum verstreken, maar de story is niet gereed gemeld.",
        "en": "The end date ({end}) had passed at the report date, but the story is not reported done.",
    },
    "rule_stuck_reports": {
        "nl": "Staat stil na zoveel rapportages op rij zonder verandering",
        "en": "Stuck after this many reports in a row without change",
    },
    "rules_stuck_note": {
        "nl": "Een story staat stil als toelichting, besteed/verplicht en alle data in zoveel rapportages op rij "
        "gelijk bleven. Een story waarvan de einddatum op de peildatum voorbij is, terwijl stoplicht of "
        "toelichting niet 'gereed', 'afgerond' of 'opgeleverd' zegt, is verstreken. Beide komen op de lijst "
        "'Aandacht nodig'.",
        "en": "A story is stuck when its note, spent/committed and every date stayed the same over this many reports "
        "in a row. A story whose end date lay before the report date, while its light or note does not say "
        "'done', 'completed' or 'delivered', has passed its end. Both are listed under 'Needs attention'.",
    },
    "rules_rhythm": {"nl": "Rapportageritme van {programme}", "en": "Reporting rhythm of {programme}"},
    "rule_rhythm_months": {"nl": "Elke zoveel maanden (0: niet ingesteld)", "en": "Every so many months (0: not set)"},
    "rules_rhythm_note": {
        "nl": "Niet ingesteld: de gebruikelijke tussentijd van het programma, of elk kwartaal als er één "
        "rapportage is. De portfoliopagina meldt een programma als te laat als zijn laatste rapportage ouder is.",
        "en": "Not set: the programme's usual interval, or quarterly when it has one report. The portfolio page "
        "marks a programme overdue when its latest report is older.",
    },
    "rules_rhythm_saved": {"nl": "Rapportageritme opgeslagen.", "en": "Reporting rhythm saved."},
    # issue 22: the schedule's pictures (portfolio/planning_charts.py, pages/_ui/planning_view.py)
    "overview_charts_schedule": {"nl": "Planning", "en": "Schedule"},
    "chart_late_by_line": {"nl": "Stories te laat per programmalijn", "en": "Late stories per programme line"},
    "chart_slip": {"nl": "Uitloop per story, grootste eerst", "en": "Slip per story, largest first"},
    "chart_timeline": {"nl": "Tijdlijn van {name}", "en": "Timeline of {name}"},
    "plan_late": {"nl": "Te laat", "en": "Late"},
    "plan_on_time": {"nl": "Op tijd of eerder", "en": "On time or early"},
    "plan_unknown": {"nl": "Niet te beoordelen", "en": "Cannot be judged"},
    "plan_planned": {"nl": "Gepland", "en": "Planned"},
    "plan_forecast": {"nl": "Verwacht", "en": "Expected"},
    "plan_today": {"nl": "vandaag", "en": "today"},
    "plan_expected_end": {"nl": "Verwacht einde", "en": "Expected end"},
    "plan_slip_share": {"nl": "Uitloop (deel doorlooptijd)", "en": "Slip (share of duration)"},
    "plan_none": {
        "nl": "Geen story heeft een geplande einddatum en een verwachte of vastgestelde: de planning is niet te beoordelen.",
        "en": "No story has a planned end and a forecast or approved one: the schedule cannot be judged.",
    },
    "plan_no_slip": {"nl": "Geen story loopt uit of eerder af.", "en": "No story slips or ends early."},
    "plan_late_here": {"nl": "Uitloop, grootste eerst", "en": "Slip, largest first"},
    "plan_summary": {
        "nl": "Planning: {late} van {known} te beoordelen stories te laat; de grootste uitloop {days} dagen (story {code}).",
        "en": "Schedule: {late} of {known} stories that can be judged are late; the largest slip {days} days (story {code}).",
    },
    "plan_milestone_planned": {"nl": "Mijlpaal gepland", "en": "Milestone planned"},
    "plan_milestone_actual": {"nl": "Mijlpaal gerealiseerd", "en": "Milestone achieved"},
    "plan_milestone_missed": {"nl": "Mijlpaal gemist", "en": "Milestone missed"},
    "plan_summary_missed": {
        "nl": "Mijlpalen: {missed} van {planned} met een geplande datum gemist (datum voorbij, niet gerealiseerd).",
        "en": "Milestones: {missed} of {planned} with a planned date missed (date passed, not achieved).",
    },
    "milestones": {"nl": "Mijlpalen", "en": "Milestones"},
    "milestone_column_passed_over": {
        "nl": "Deze kolom zegt hetzelfde over een mijlpaal als kolom '{kept}'; die is gelezen, deze niet. "
        "Hoort deze erbij, geef de kolommen dan elk een eigen mijlpaalnummer (Mijlpaal 1, Mijlpaal 2).",
        "en": "This column says the same of a milestone as column '{kept}'; that one was read, this one not. "
        "If this one belongs in, give each column its own milestone number (Milestone 1, Milestone 2).",
    },
    "milestone": {"nl": "Mijlpaal", "en": "Milestone"},
    "milestone_planned": {"nl": "Gepland", "en": "Planned"},
    "milestone_actual": {"nl": "Gerealiseerd", "en": "Achieved"},
    "milestone_state": {"nl": "Stand", "en": "State"},
    "milestone_met": {"nl": "gerealiseerd", "en": "achieved"},
    "milestone_missed": {"nl": "⚠ gemist", "en": "⚠ missed"},
    "milestone_open": {"nl": "open", "en": "open"},
    "milestone_no_date": {"nl": "geen geplande datum", "en": "no planned date"},
    "compare_end_moves": {"nl": "Einddatum verschoven", "en": "End date moved"},
    "compare_end_moves_none": {
        "nl": "Geen story heeft in de ene rapportage een andere verwachte einddatum dan in de andere.",
        "en": "No story has another expected end in one report than in the other.",
    },
    "compare_milestones": {"nl": "Mijlpalen: wat veranderde", "en": "Milestones: what changed"},
    "compare_milestones_none": {
        "nl": "Geen mijlpaal is gehaald, gemist, verschoven, bijgekomen of vervallen tussen deze twee rapportages.",
        "en": "No milestone was achieved, missed, moved, added or removed between these two reports.",
    },
    "compare_milestone_change": {"nl": "Verandering", "en": "Change"},
    "compare_milestone_old": {"nl": "Gepland toen", "en": "Planned then"},
    "compare_milestone_new": {"nl": "Gepland nu", "en": "Planned now"},
    "milestone_change_missed": {"nl": "⚠ nu gemist", "en": "⚠ now missed"},
    "milestone_change_met": {"nl": "gerealiseerd", "en": "achieved"},
    "milestone_change_moved": {"nl": "verschoven", "en": "moved"},
    "milestone_change_added": {"nl": "nieuw", "en": "added"},
    "milestone_change_added_missed": {"nl": "⚠ nieuw, al gemist", "en": "⚠ added, missed already"},
    "milestone_change_removed": {"nl": "vervallen", "en": "removed"},
    "compare_end_old": {"nl": "Verwacht einde toen", "en": "Expected end then"},
    "compare_end_new": {"nl": "Verwacht einde nu", "en": "Expected end now"},
    "plan_summary_none": {
        "nl": "Planning: geen van {known} te beoordelen stories te laat.",
        "en": "Schedule: none of {known} stories that can be judged is late.",
    },
    # issue 22: baselines and rebaselines on the story page
    "baselines": {"nl": "Baselines", "en": "Baselines"},
    "baseline_first": {"nl": "Eerste baseline ({date})", "en": "First baseline ({date})"},
    "baseline_last": {"nl": "Laatst vastgesteld ({date})", "en": "Last approved ({date})"},
    "drift_first": {"nl": "Prognose t.o.v. eerste", "en": "Forecast vs first"},
    "drift_last": {"nl": "Prognose t.o.v. laatst vastgesteld", "en": "Forecast vs last approved"},
    "rebaselines": {"nl": "Herijkingen", "en": "Rebaselines"},
    "rebaselines_none": {
        "nl": "Geen herijkingen: budget en einddatum bleven in elke rapportage gelijk.",
        "en": "No rebaselines: budget and end date stayed the same in every report.",
    },
    "rebaselines_without_reason": {
        "nl": "{n} herijking(en) zonder reden: geef de reden hieronder op.",
        "en": "{n} rebaseline(s) without a reason: give the reason below.",
    },
    "rebaseline_previous": {"nl": "Vorige peildatum", "en": "Previous report"},
    "rebaseline_what": {"nl": "Wat", "en": "What"},
    "rebaseline_budget": {"nl": "Budget", "en": "Budget"},
    "rebaseline_end": {"nl": "Einddatum", "en": "End date"},
    "rebaseline_old": {"nl": "Oud", "en": "Old"},
    "rebaseline_new": {"nl": "Nieuw", "en": "New"},
    "rebaseline_reason": {"nl": "Reden herijking", "en": "Reason for rebaseline"},
    "rebaseline_no_reason": {"nl": "⚠ geen reden", "en": "⚠ no reason"},
    "rebaseline_reason_by": {"nl": "{reason} (opgegeven door {who})", "en": "{reason} (entered by {who})"},
    "rebaseline_choose": {"nl": "Herijking", "en": "Rebaseline"},
    "rebaseline_reason_saved": {"nl": "Reden opgeslagen.", "en": "Reason saved."},
    "action_rebaseline_reason": {"nl": "reden van herijking opgegeven", "en": "reason for a rebaseline entered"},
    "reason_stuck": {
        "nl": "staat stil: toelichting, besteed en data gelijk",
        "en": "stuck: note, spent and dates unchanged",
    },
    "reason_end_passed": {"nl": "einddatum verstreken, niet gereed gemeld", "en": "end date passed, not reported done"},
    "reason_figures_red_cost": {"nl": "volgens cijfers rood door kosten", "en": "red by the figures from cost"},
    "reason_figures_red_schedule": {
        "nl": "volgens cijfers rood door planning",
        "en": "red by the figures from schedule",
    },
    "reason_figures_red_cost_schedule": {
        "nl": "volgens cijfers rood door kosten en planning",
        "en": "red by the figures from cost and schedule",
    },
    "reason_figures_amber_cost": {"nl": "volgens cijfers oranje door kosten", "en": "amber by the figures from cost"},
    "reason_figures_amber_schedule": {
        "nl": "volgens cijfers oranje door planning",
        "en": "amber by the figures from schedule",
    },
    "reason_figures_amber_cost_schedule": {
        "nl": "volgens cijfers oranje door kosten en planning",
        "en": "amber by the figures from cost and schedule",
    },
    "rules_spent": {"nl": " of besteed boven budget", "en": " or spent is above budget"},
    "download_excel": {"nl": "Download Excel (gefilterd)", "en": "Download Excel (filtered)"},
    "download_csv": {"nl": "Download CSV (stories, gefilterd)", "en": "Download CSV (stories, filtered)"},
    "drift": {"nl": "Drift t.o.v. eerste begroting", "en": "Drift from first baseline"},
    "drift_pct": {"nl": "Drift %", "en": "Drift %"},
    "burn": {"nl": "Besteed van budget", "en": "Burn"},
    "page_rules": {"nl": "Regels", "en": "Rules"},
    "page_compare": {"nl": "Vergelijken", "en": "Compare"},
    "rules_intro": {
        "nl": "Naast het gemelde stoplicht toont het dashboard het licht dat de cijfers geven. Een story die groen "
        "meldt terwijl de cijfers oranje of rood geven, wordt gemarkeerd ('watermeloen': groen van buiten, rood van "
        "binnen). De drift wordt gemeten tegen de eerste begroting waarmee de story werd gerapporteerd, niet tegen de "
        "laatst bijgestelde.",
        "en": "Beside the reported traffic light the dashboard shows the light the figures give. A story that reports "
        "green while its figures give amber or red is flagged (a 'watermelon': green outside, red inside). Drift is "
        "measured against the first budget the story was reported with, not the latest re-baselined one.",
    },
    "rule_overrun_amber": {
        "nl": "Oranje: prognose boven budget met meer dan (%)",
        "en": "Amber: forecast above budget by more than (%)",
    },
    "rule_overrun_red": {
        "nl": "Rood: prognose boven budget met meer dan (%)",
        "en": "Red: forecast above budget by more than (%)",
    },
    "rule_drift_amber": {
        "nl": "Oranje: prognose boven de eerste begroting met meer dan (%)",
        "en": "Amber: forecast above the first baseline by more than (%)",
    },
    "rule_drift_red": {
        "nl": "Rood: prognose boven de eerste begroting met meer dan (%)",
        "en": "Red: forecast above the first baseline by more than (%)",
    },
    "rule_spent_red": {
        "nl": "Rood als besteed/verplicht boven het budget ligt",
        "en": "Red when spent/committed is above budget",
    },
    "rules_invalid": {
        "nl": "Een grens voor oranje mag niet boven die voor rood liggen.",
        "en": "An amber threshold cannot be above its red threshold.",
    },
    "rules_saved": {"nl": "Regels opgeslagen.", "en": "Rules saved."},
    "rules_changed": {"nl": "Laatst gewijzigd op {at} door {by}.", "en": "Last changed on {at} by {by}."},
    "story_over_time": {"nl": "Over alle rapportages", "en": "Over all reports"},
    "filters": {"nl": "Filters", "en": "Filters"},
    "all": {"nl": "alle", "en": "all"},
    "clear_filters": {"nl": "Filters wissen", "en": "Clear filters"},
    "filtered_to_nothing": {
        "nl": "Het filter laat niets over: geen van de {n} stories van deze rapportage past bij **{filters}**. "
        "Wis het filter om alle stories te zien.",
        "en": "The filter leaves nothing: none of this report's {n} stories matches **{filters}**. Clear the "
        "filter to see every story.",
    },
    "filtered_to_nothing_many": {
        "nl": "De filters laten samen niets over: geen van de {n} stories van deze rapportage past bij "
        "**{filters}**. Wis de filters om alle stories te zien.",
        "en": "Together the filters leave nothing: none of this report's {n} stories matches **{filters}**. "
        "Clear the filters to see every story.",
    },
    "clear_filter": {"nl": "Filter wissen", "en": "Clear the filter"},
    # a link to something that is not there (pages/_ui/links.py)
    "link_no_programme": {
        "nl": "De link vraagt het programma **{asked}**; dat staat niet tussen de programma's die u kunt zien. "
        "Getoond wordt **{shown}**.",
        "en": "The link asks for the programme **{asked}**, which is not among the programmes you can see. "
        "Shown instead: **{shown}**.",
    },
    "link_did_you_mean": {"nl": "Bedoelt u {names}?", "en": "Did you mean {names}?"},
    "link_no_report_before": {
        "nl": "De link vraagt de rapportage van {programme} van **{asked}**; van die dag is er geen. Getoond wordt "
        "de rapportage van **{shown}**, de laatste daarvoor.",
        "en": "The link asks for {programme}'s report of **{asked}**; there is none of that day. Shown instead: "
        "the report of **{shown}**, the last one before it.",
    },
    "link_no_report_after": {
        "nl": "De link vraagt de rapportage van {programme} van **{asked}**; van die dag is er geen, en ook geen "
        "eerdere. Getoond wordt de rapportage van **{shown}**, de eerste daarna.",
        "en": "The link asks for {programme}'s report of **{asked}**; there is none of that day and none before "
        "it. Shown instead: the report of **{shown}**, the first one after it.",
    },
    "link_not_a_date": {
        "nl": "De link vraagt een rapportage van {programme} van **{asked}**, maar dat is geen datum. Getoond wordt "
        "de laatste rapportage, van **{shown}**.",
        "en": "The link asks for a report of {programme} of **{asked}**, which is not a date. Shown instead: the "
        "latest report, of **{shown}**.",
    },
    "link_no_story": {
        "nl": "De link vraagt story **{asked}**; die staat niet in deze rapportage. Getoond wordt story **{shown}**.",
        "en": "The link asks for story **{asked}**, which is not in this report. Shown instead: story **{shown}**.",
    },
    "link_story_filtered": {
        "nl": "De link vraagt story **{asked}**; die valt buiten de filters. Getoond wordt story **{shown}**.",
        "en": "The link asks for story **{asked}**, which the filters leave out. Shown instead: story **{shown}**.",
    },
    "link_no_line": {
        "nl": "De link vraagt de programmalijn **{asked}**; die staat niet in deze rapportage. Getoond wordt "
        "**{shown}**.",
        "en": "The link asks for the programme line **{asked}**, which is not in this report. Shown instead: "
        "**{shown}**.",
    },
    "link_no_track": {
        "nl": "De link vraagt het spoor **{asked}**; dat staat niet in deze rapportage. Getoond wordt **{shown}**.",
        "en": "The link asks for the track **{asked}**, which is not in this report. Shown instead: **{shown}**.",
    },
    "none_owner": {"nl": "(geen afdeling)", "en": "(no owner)"},
    "none_necessity": {"nl": "(geen noodzaak)", "en": "(no necessity)"},
    "figures_status": {"nl": "Volgens cijfers", "en": "By the figures"},
    "light_reported": {"nl": "Gemeld", "en": "Reported"},
    "filtered_note": {"nl": "Gefilterd: {filters}", "en": "Filtered: {filters}"},
    "search": {"nl": "Zoek story (nr of titel)", "en": "Search story (code or title)"},
    "reason_over": {"nl": "prognose boven budget", "en": "forecast above budget"},
    "missing_counts": {
        "nl": "Ontbrekende bedragen (niet als nul geteld): budget {budget}, besteed {spent}, prognose {forecast}.",
        "en": "Missing amounts (not counted as zero): budget {budget}, spent {spent}, forecast {forecast}.",
    },
    # lines / tracks / story pages
    "choose_line": {"nl": "Kies een programmalijn", "en": "Choose a programme line"},
    "choose_track": {"nl": "Kies een spoor", "en": "Choose a track"},
    "choose_story": {"nl": "Kies een story", "en": "Choose a story"},
    "stories_in": {"nl": "Stories in {name}", "en": "Stories in {name}"},
    "no_lines": {
        "nl": "Deze rapportage deelt haar stories niet in programmalijnen in: geen enkele story noemt er een. "
        "Bekijk de stories per spoor of op het overzicht.",
        "en": "This report does not group its stories into programme lines: no story names one. "
        "See the stories by track or on the overview.",
    },
    "no_tracks": {
        "nl": "Deze rapportage deelt haar stories niet in sporen in: geen enkele story noemt er een. "
        "Bekijk de stories per programmalijn of op het overzicht.",
        "en": "This report does not group its stories into tracks: no story names one. "
        "See the stories by programme line or on the overview.",
    },
    "drift_short": {"nl": "Drift", "en": "Drift"},
    "share_spent_short": {"nl": "Besteed %", "en": "Spent %"},
    "n_stories_short": {"nl": "Stories", "en": "Stories"},
    "rollup_count_help": {
        "nl": "Aantal stories met stoplicht {status} (zoals gerapporteerd)",
        "en": "Number of stories with light {status} (as reported)",
    },
    "field": {"nl": "Veld", "en": "Field"},
    "value": {"nl": "Waarde", "en": "Value"},
    "story_fields": {"nl": "Gegevens", "en": "Details"},
    "no_sub_items": {"nl": "Deze story heeft geen deelprojecten.", "en": "This story has no sub-items."},
    "sum_sub_items": {
        "nl": "Som deelprojecten: {sum} (story-budget {budget})",
        "en": "Sum of sub-items: {sum} (story budget {budget})",
    },
    "loaded_from": {"nl": "Geladen uit {file} op {at}", "en": "Loaded from {file} on {at}"},
    # progress report (portfolio/progress_report): the written voortgangsrapportage, Word and PDF
    "pr_title": {"nl": "Voortgangsrapportage", "en": "Progress report"},
    "pr_subject": {
        "nl": "Voortgangsrapportage: stand van zaken per story, geld en stoplichten",
        "en": "Progress report: status per story, money and traffic lights",
    },
    "pr_file_stem": {"nl": "voortgangsrapportage", "en": "progress_report"},
    "pr_title_date": {"nl": "Stand van zaken per {date}", "en": "Status as of {date}"},
    "pr_title_source": {
        "nl": "Gemaakt uit {file}, versie {version}, geladen op {at}.",
        "en": "Generated from {file}, version {version}, loaded on {at}.",
    },
    "pr_title_loaded_by": {"nl": "Geladen door {by}.", "en": "Loaded by {by}."},
    "pr_title_currency": {
        "nl": "Bedragen in {currency}, in volle eenheden.",
        "en": "Amounts in {currency}, in full units.",
    },
    "pr_title_generated": {
        "nl": "Opgesteld op {date} door het portfoliodashboard, uit de cijfers van deze rapportage.",
        "en": "Written on {date} by the portfolio dashboard, from the figures of this report.",
    },
    "pr_filtered": {
        "nl": "Gefilterd: {filters}. Totalen en lijsten gelden alleen voor de stories binnen deze filters.",
        "en": "Filtered: {filters}. Totals and lists cover only the stories within these filters.",
    },
    "pr_unknown": {"nl": "onbekend", "en": "unknown"},
    "pr_none": {"nl": "geen", "en": "none"},
    "pr_and_more": {"nl": "… en nog {n} (zie de stories)", "en": "… and {n} more (see the stories)"},
    "pr_summary": {"nl": "Samenvatting", "en": "Summary"},
    "pr_sum_empty": {
        "nl": "Geen stories in deze rapportage (na de filters).",
        "en": "No stories in this report (after the filters).",
    },
    "pr_sum_no_amounts": {
        "nl": "Deze rapportage bevat geen bedragen: budget, besteding en prognose van de {n} stories zijn "
        "onbekend. Ze staan hieronder als 'onbekend', nooit als nul.",
        "en": "This report has no amounts: budget, spending and forecast of its {n} stories are unknown. "
        "They are shown as 'unknown' below, never as zero.",
    },
    "pr_sum_totals": {
        "nl": "{n} stories tellen mee in de totalen. Samen: budget {budget}, besteed/verplicht {spent} "
        "({share} van het budget), prognose {forecast}.",
        "en": "{n} stories count in the totals. Together: budget {budget}, spent/committed {spent} "
        "({share} of budget), forecast {forecast}.",
    },
    "pr_sum_totals_no_share": {
        "nl": "{n} stories tellen mee in de totalen. Samen: budget {budget}, besteed/verplicht {spent}, prognose "
        "{forecast}.",
        "en": "{n} stories count in the totals. Together: budget {budget}, spent/committed {spent}, forecast "
        "{forecast}.",
    },
    "pr_partial": {
        "nl": "Niet elke story geeft elk bedrag; ontbrekende bedragen tellen niet als nul. Budget bij "
        "{n_budget}, besteed bij {n_spent}, prognose bij {n_forecast} van de {n} stories.",
        "en": "Not every story gives every amount; missing amounts do not count as zero. Budget from "
        "{n_budget}, spent from {n_spent}, forecast from {n_forecast} of the {n} stories.",
    },
    "pr_sum_variance_over": {
        "nl": "De prognose ligt {amount} ({pct}) boven het budget: een verwachte overschrijding (over de {n} "
        "van {total} stories met budget en prognose).",
        "en": "The forecast is {amount} ({pct}) above budget: an expected overrun (over the {n} of {total} "
        "stories with budget and forecast).",
    },
    "pr_sum_variance_under": {
        "nl": "De prognose ligt {amount} ({pct}) onder het budget (over de {n} van {total} stories met budget "
        "en prognose).",
        "en": "The forecast is {amount} ({pct}) below budget (over the {n} of {total} stories with budget and "
        "forecast).",
    },
    "pr_sum_variance_even": {
        "nl": "De prognose is gelijk aan het budget ({amount}, {pct}; over de {n} van {total} stories met "
        "budget en prognose).",
        "en": "The forecast equals the budget ({amount}, {pct}; over the {n} of {total} stories with budget "
        "and forecast).",
    },
    "pr_sum_lights": {
        "nl": "Gemelde stoplichten: {reported}. Volgens de cijfers: {figures}.",
        "en": "Reported lights: {reported}. By the figures: {figures}.",
    },
    "pr_sum_overruns": {
        "nl": "{n} stories verwachten een overschrijding; de grootste {shown}:",
        "en": "{n} stories expect an overrun; the largest {shown}:",
    },
    "pr_sum_overruns_all": {
        "nl": "Stories die een overschrijding verwachten ({n}):",
        "en": "Stories that expect an overrun ({n}):",
    },
    "pr_overrun_item": {
        "nl": "{variance} ({pct}); budget {budget}, prognose {forecast}",
        "en": "{variance} ({pct}); budget {budget}, forecast {forecast}",
    },
    "pr_sum_no_overruns": {
        "nl": "Geen story met budget en prognose verwacht een overschrijding.",
        "en": "No story with a budget and a forecast expects an overrun.",
    },
    "pr_sum_watermelons": {
        "nl": "Groen gemeld, maar volgens de cijfers oranje of rood ({n}):",
        "en": "Reported green, but amber or red by the figures ({n}):",
    },
    "pr_sum_no_watermelons": {
        "nl": "Geen story meldt groen terwijl de cijfers oranje of rood geven.",
        "en": "No story reports green while its figures give amber or red.",
    },
    "pr_sum_all_figures": {
        "nl": "Alle stories geven budget, besteed/verplicht en prognose.",
        "en": "Every story gives budget, spent/committed and forecast.",
    },
    "pr_sum_without_figures": {
        "nl": "Stories zonder (volledige) cijfers ({n}); wat ontbreekt telt niet als nul:",
        "en": "Stories without (all) figures ({n}); what is missing does not count as zero:",
    },
    "pr_missing_fields": {"nl": "{fields} onbekend", "en": "{fields} unknown"},
    "pr_sum_unexplained": {
        "nl": "Afwijking zonder toelichting: de prognose ligt meer dan {pct} naast het budget en er is geen "
        "toelichting ({n}):",
        "en": "Variance without explanation: the forecast is more than {pct} off budget and there is no "
        "status note ({n}):",
    },
    "pr_unexplained_item": {
        "nl": "budget {budget}, prognose {forecast} ({variance})",
        "en": "budget {budget}, forecast {forecast} ({variance})",
    },
    "pr_sum_all_explained": {
        "nl": "Elke story waarvan de prognose meer dan {pct} naast het budget ligt, heeft een toelichting.",
        "en": "Every story whose forecast is more than {pct} off budget has a status note.",
    },
    "pr_sum_outside": {
        "nl": "Buiten de totalen: {n} posten die de rapportage apart noemt (budget {budget}); zie bijlage A.",
        "en": "Outside the totals: {n} items the report lists separately (budget {budget}); see annex A.",
    },
    "pr_legend": {"nl": "Legenda stoplicht", "en": "Traffic light legend"},
    "pr_legend_intro": {
        "nl": "Elke story krijgt een stoplicht voor voortgang en kwaliteit, zoals het programma het meldt:",
        "en": "Each story carries a traffic light for progress and quality, as the programme reports it:",
    },
    "pr_legend_green": {"nl": "volgens plan/afspraken", "en": "according to plan"},
    "pr_legend_amber": {
        "nl": "niet volgens plan/afspraken, binnen de vastgestelde marge; het programma stuurt bij",
        "en": "off plan, within the agreed margin; the programme corrects",
    },
    "pr_legend_red": {
        "nl": "niet volgens plan/afspraken, buiten de vastgestelde marges; interventie van de opdrachtgever nodig",
        "en": "off plan, outside the agreed margins; the principal must intervene",
    },
    "pr_legend_unknown": {
        "nl": "geen stoplicht gemeld, of te weinig cijfers om te oordelen",
        "en": "no light reported, or too few figures to judge",
    },
    "pr_legend_figures": {
        "nl": "Naast het gemelde stoplicht staat het licht volgens de cijfers. Dat volgt uit budget, besteding "
        "en prognose met de regels die de controller heeft vastgesteld:",
        "en": "Beside the reported light stands the light by the figures. It follows from budget, spending "
        "and forecast under the rules the controller has set:",
    },
    "pr_rule_red": {
        "nl": "prognose meer dan {overrun} boven budget{spent}, of meer dan {drift} boven de eerste begroting, of "
        "een einddatum die meer dan {schedule} van de geplande doorlooptijd later ligt dan gepland",
        "en": "forecast more than {overrun} above budget{spent}, or more than {drift} above the first baseline, or "
        "an end later than planned by more than {schedule} of the planned duration",
    },
    "pr_rule_amber": {
        "nl": "prognose meer dan {overrun} boven budget, of meer dan {drift} boven de eerste begroting, of een "
        "einddatum meer dan {schedule} van de geplande doorlooptijd later dan gepland",
        "en": "forecast more than {overrun} above budget, or more than {drift} above the first baseline, or an "
        "end later than planned by more than {schedule} of the planned duration",
    },
    "pr_rule_green": {"nl": "binnen die marges", "en": "within those margins"},
    "pr_rule_unknown": {
        "nl": "geen budget, of geen prognose en geen besteding, en geen geplande einddatum met start en "
        "verwachte of vastgestelde einddatum",
        "en": "no budget, or neither forecast nor spending, and no planned end with a start and a forecast or "
        "approved end",
    },
    "pr_rules_set": {
        "nl": "Regels laatst gewijzigd op {date} door {by}.",
        "en": "Rules last changed on {date} by {by}.",
    },
    "pr_legend_watermelon": {
        "nl": "Een story die groen meldt terwijl de cijfers oranje of rood geven, heet in de samenvatting een "
        "'watermeloen': groen van buiten, rood van binnen. De afwijking van de eerste begroting wordt gemeten "
        "tegen het eerste budget waarmee de story werd gerapporteerd, niet tegen het laatst bijgestelde.",
        "en": "A story that reports green while its figures give amber or red is called a 'watermelon' in the "
        "summary: green outside, red inside. Drift is measured against the first budget the story was "
        "reported with, not the latest re-baselined one.",
    },
    "pr_legend_unexplained": {
        "nl": "Een prognose die meer dan {pct} van het budget afwijkt, vraagt om een toelichting (de drempel van "
        "het Britse Government Major Projects Portfolio); staat er geen, dan noemt de samenvatting de "
        "afwijking 'zonder toelichting'.",
        "en": "A forecast more than {pct} off its budget calls for a written explanation (the UK Government "
        "Major Projects Portfolio's trigger); where there is none, the summary lists the variance as "
        "'without explanation'.",
    },
    "pr_legend_missing": {
        "nl": "Ontbrekende bedragen staan als 'onbekend' in de tabellen en tellen niet als nul mee in de totalen.",
        "en": "Missing amounts are shown as 'unknown' in the tables and are not counted as zero in the totals.",
    },
    "pr_finances": {"nl": "Financieel overzicht", "en": "Financial overview"},
    "pr_lights": {"nl": "Stoplichten (gemeld)", "en": "Lights (reported)"},
    "pr_total": {"nl": "Totaal", "en": "Total"},
    "pr_table_lines": {
        "nl": "Budget, besteding en prognose per programmalijn",
        "en": "Budget, spending and forecast per programme line",
    },
    "pr_alt_by_line": {
        "nl": "Staafdiagram van budget, besteed/verplicht en prognose per programmalijn. {data}.",
        "en": "Bar chart of budget, spent/committed and forecast per programme line. {data}.",
    },
    "pr_alt_variance": {
        "nl": "Staafdiagram van de afwijking (prognose min budget) per story, grootste overschrijding eerst. {data}.",
        "en": "Bar chart of the variance (forecast minus budget) per story, largest overrun first. {data}.",
    },
    "pr_no_chart": {
        "nl": "Geen grafiek: deze rapportage bevat geen bedragen.",
        "en": "No chart: this report has no amounts.",
    },
    "pr_chart_top": {
        "nl": "De {shown} stories met de grootste afwijking, van {total}.",
        "en": "The {shown} stories with the largest variance, of {total}.",
    },
    "pr_stories_intro": {
        "nl": "Per {groups} eerst een tabel met de stories, hun stoplichten en hun geld, daarna per story "
        "de stand van zaken.",
        "en": "Per {groups} first a table of its stories, their lights and their money, then the state of each story.",
    },
    "pr_table_line": {"nl": "Stories in {line}", "en": "Stories in {line}"},
    "pr_reported": {"nl": "Gemeld", "en": "Reported"},
    "pr_light_reported": {"nl": "Stoplicht (gemeld)", "en": "Light (reported)"},
    "pr_source_label": {"nl": "(in de bron: {label})", "en": "(in the source: {label})"},
    "pr_ambition": {"nl": "Ambitie", "en": "Ambition"},
    "pr_no_note": {"nl": "geen toelichting gegeven", "en": "no status note given"},
    "pr_since_previous": {"nl": "Sinds de vorige rapportage", "en": "Since the previous report"},
    "pr_move_none": {"nl": "ongewijzigd", "en": "unchanged"},
    "pr_move_new": {"nl": "nieuw in deze rapportage", "en": "new in this report"},
    "pr_move_title": {"nl": "titel gewijzigd", "en": "title changed"},
    "pr_annexes": {"nl": "Bijlagen", "en": "Annexes"},
    "pr_annex_outside": {"nl": "Bijlage A. Posten buiten de totalen", "en": "Annex A. Items outside the totals"},
    "pr_annex_outside_intro": {
        "nl": "Deze posten noemt de rapportage apart (zoals overige activiteiten); ze tellen niet mee in de "
        "totalen hierboven.",
        "en": "The report lists these items separately (such as other activities); they do not count in the "
        "totals above.",
    },
    "pr_annex_outside_none": {
        "nl": "De rapportage noemt geen posten buiten de totalen.",
        "en": "The report lists no items outside the totals.",
    },
    "pr_annex_quarterly": {"nl": "Bijlage B. Kwartaaloverzicht", "en": "Annex B. Quarterly overview"},
    "pr_progress_reading": {"nl": "Cijfers lezen", "en": "Reading the figures"},
    "pr_progress_writing": {"nl": "Rapportage opstellen ({n} stories)", "en": "Writing the report ({n} stories)"},
    "pr_progress_docx": {"nl": "Word-document maken", "en": "Making the Word document"},
    "pr_progress_pdf": {"nl": "PDF maken", "en": "Making the PDF"},
    "pr_progress_done": {"nl": "Klaar", "en": "Done"},
    # the progress report's buttons on the overview (pages/_ui/downloads.py)
    "pr_section": {"nl": "Voortgangsrapportage", "en": "Progress report"},
    "pr_section_note": {
        "nl": "De geschreven rapportage van deze peildatum, met de gekozen filters: Word om de tekst te bewerken, "
        "PDF om te versturen. Het document wordt gemaakt als u erom vraagt.",
        "en": "The written report of this report date, with the chosen filters: Word to edit the prose, PDF to "
        "send. The document is made when you ask for it.",
    },
    "pr_make_docx": {"nl": "Word-document maken", "en": "Make the Word document"},
    "pr_make_pdf": {"nl": "PDF maken", "en": "Make the PDF"},
    "pr_download_docx": {"nl": "Download Word (.docx)", "en": "Download Word (.docx)"},
    "pr_download_pdf": {"nl": "Download PDF", "en": "Download PDF"},
    "pr_failed": {
        "nl": "Het document kon niet worden gemaakt. Probeer het opnieuw; lukt het weer niet, meld het dan aan de "
        "beheerder (de reden staat in het serverlog).",
        "en": "The document could not be made. Try again; if it fails again, tell the administrator (the reason "
        "is in the server log).",
    },
    # upload
    "page_history": {"nl": "Uploadgeschiedenis", "en": "Upload history"},
    "upload_intro": {
        "nl": "Upload de export van een voortgangsrapportage (Excel of CSV). U ziet eerst wat er is begrepen; "
        "er wordt pas iets opgeslagen als u op Opslaan klikt.",
        "en": "Upload the export of a progress report (Excel or CSV). You first see what was understood; "
        "nothing is saved until you click Save.",
    },
    "upload_file": {"nl": "Bestand (xlsx, xlsm, xls, csv, tsv, txt)", "en": "File (xlsx, xlsm, xls, csv, tsv, txt)"},
    "sheet": {"nl": "Tabblad", "en": "Sheet"},
    "settings": {"nl": "Instellingen", "en": "Settings"},
    "programme_input": {
        "nl": "Programma (als het bestand het niet noemt)",
        "en": "Programme (if the file does not say)",
    },
    "date_input": {"nl": "Peildatum (als het bestand hem niet noemt)", "en": "Report date (if the file does not say)"},
    "unit_input": {
        "nl": "Eenheid van bedragen zonder eenheid in de kop",
        "en": "Unit of amounts whose header names none",
    },
    "unit_0": {"nl": "zoals het bestand zegt", "en": "as the file says"},
    "unit_1": {"nl": "euro's (×1)", "en": "currency units (×1)"},
    "unit_1000": {"nl": "duizenden (×1.000)", "en": "thousands (×1,000)"},
    "unit_1000000": {"nl": "miljoenen (×1.000.000)", "en": "millions (×1,000,000)"},
    "locale_input": {"nl": "Getalnotatie", "en": "Number notation"},
    "locale_auto": {"nl": "automatisch herkennen", "en": "detect"},
    "locale_nl": {"nl": "Nederlands (1.234,56)", "en": "Dutch (1.234,56)"},
    "locale_en": {"nl": "Engels (1,234.56)", "en": "English (1,234.56)"},
    "understood": {"nl": "Wat is begrepen", "en": "What was understood"},
    "understood_line": {
        "nl": "Kopregel op rij {row} · {kind} · getallen {locale} · valuta {currency}",
        "en": "Header on row {row} · {kind} · numbers {locale} · currency {currency}",
    },
    "kind_excel": {"nl": "Excel, tabblad '{sheet}'", "en": "Excel, sheet '{sheet}'"},
    "kind_text": {
        "nl": "tekst ({encoding}, scheidingsteken '{delimiter}')",
        "en": "text ({encoding}, delimiter '{delimiter}')",
    },
    "mapping": {"nl": "Kolomtoewijzing", "en": "Column mapping"},
    "mapping_help": {
        "nl": "Controleer per veld welke kolom is gekozen en pas aan waar nodig.",
        "en": "Check which column was chosen for each field and correct where needed.",
    },
    "not_mapped": {"nl": "— niet aanwezig —", "en": "— not present —"},
    "unit_applied": {"nl": "×{unit} toegepast", "en": "×{unit} applied"},
    "profile_used": {
        "nl": "Profiel '{name}' toegepast (zelfde kolommen als eerder).",
        "en": "Profile '{name}' applied (same columns as before).",
    },
    "profile_name": {"nl": "Naam voor dit profiel", "en": "Name for this profile"},
    "profile_save": {"nl": "Toewijzing bewaren als profiel", "en": "Save mapping as profile"},
    "profile_saved": {"nl": "Profiel '{name}' bewaard.", "en": "Profile '{name}' saved."},
    "errors_found": {"nl": "Dit bestand kan niet worden geladen:", "en": "This file cannot be loaded:"},
    "notes_found": {"nl": "Wat het inlezen vond en deed", "en": "What reading found and did"},
    "same_file_confirm": {
        "nl": "Ja, laad dit bestand ook als {programme}, peildatum {date} (het is al geladen als {loaded_as}, "
        "peildatum {loaded_date}).",
        "en": "Yes, load this file also as {programme}, report date {date} (it is already loaded as {loaded_as}, "
        "report date {loaded_date}).",
    },
    "warnings_found": {"nl": "{n} waarschuwingen (het laden kan doorgaan)", "en": "{n} warnings (loading may go on)"},
    "more_problems": {"nl": "… en nog {n}", "en": "… and {n} more"},
    "preview": {"nl": "Voorbeeld: {programme}, peildatum {date}", "en": "Preview: {programme}, report date {date}"},
    "changes_since": {
        "nl": "Veranderingen ten opzichte van de rapportage van {date}",
        "en": "Changes against the report of {date}",
    },
    "first_report": {"nl": "Eerste rapportage van dit programma.", "en": "First report of this programme."},
    "change_counts": {
        "nl": "{added} nieuw · {removed} verdwenen · {changed} gewijzigd · {worse} slechter · {better} beter",
        "en": "{added} new · {removed} removed · {changed} changed · {worse} worse · {better} better",
    },
    "change_counts_sub_items_removed": {
        "nl": "{n} deelposten niet meer vermeld",
        "en": "{n} sub-items no longer listed",
    },
    "change_counts_sub_items_added": {"nl": "{n} deelposten nieuw vermeld", "en": "{n} sub-items listed anew"},
    "change_counts_retitled": {
        "nl": "{n} titels alleen in spaties of leestekens anders (geen wijziging)",
        "en": "{n} titles different only in spaces or punctuation (no change)",
    },
    "sub_items_removed": {
        "nl": "Deelposten die de nieuwe export niet meer noemt (geen verdwenen stories)",
        "en": "Sub-items the new export no longer lists (no stories removed)",
    },
    "sub_items_added": {
        "nl": "Deelposten die de export nu voor het eerst noemt",
        "en": "Sub-items the export lists for the first time",
    },
    "sub_item_of": {"nl": "bij story {parent}", "en": "of story {parent}"},
    "retitled": {
        "nl": "Titels die alleen in spaties of leestekens verschillen (niet als gewijzigd geteld)",
        "en": "Titles that differ only in spaces or punctuation (not counted as changed)",
    },
    "what_changed": {"nl": "Wat veranderde", "en": "What changed"},
    # who did it (portfolio.audit.who)
    "who_open_access": {"nl": "open toegang (server: {os})", "en": "open access (server: {os})"},
    "who_not_recorded": {"nl": "niet vastgelegd (open toegang)", "en": "not recorded (open access)"},
    "added": {"nl": "Nieuw", "en": "New"},
    "removed": {"nl": "Verdwenen", "en": "Removed"},
    "changed": {"nl": "Gewijzigd", "en": "Changed"},
    "before": {"nl": "was", "en": "was"},
    "move": {"nl": "Verschil prognose", "en": "Forecast change"},
    "budget_move": {"nl": "Verschil budget", "en": "Budget change"},
    "spent_move": {"nl": "Verschil besteed", "en": "Spent change"},
    "moves_sorted": {
        "nl": "Grootste verandering eerst: verschil in prognose, dan stoplicht, budget en besteed.",
        "en": "Largest change first: forecast change, then light, budget and spent.",
    },
    "status_move": {"nl": "Beter of slechter", "en": "Better or worse"},
    "move_better": {"nl": "beter", "en": "better"},
    "move_worse": {"nl": "slechter", "en": "worse"},
    "move_same": {"nl": "gelijk", "en": "same"},
    "move_changed": {"nl": "gewijzigd", "en": "changed"},
    "replace_confirm": {
        "nl": "Ja, vervang de bestaande rapportage van {date} (de vorige versie blijft bewaard en kan worden hersteld).",
        "en": "Yes, replace the existing report of {date} (the earlier version is kept and can be restored).",
    },
    "save": {"nl": "Opslaan", "en": "Save"},
    "saving": {"nl": "Bezig met opslaan…", "en": "Saving…"},
    "reading": {"nl": "Bestand lezen en controleren…", "en": "Reading and checking the file…"},
    "saved": {
        "nl": "Opgeslagen: {programme}, peildatum {date} (versie {version}, {rows} stories).",
        "en": "Saved: {programme}, report date {date} (version {version}, {rows} stories).",
    },
    "already_saved": {
        "nl": "Niets opgeslagen: dit bestand is al geladen.",
        "en": "Nothing saved: this file is already loaded.",
    },
    "save_failed": {
        "nl": "Niet opgeslagen; de database is ongewijzigd.",
        "en": "Not saved; the database is unchanged.",
    },
    "to_overview": {"nl": "Naar het overzicht", "en": "Go to the overview"},
    # the database file (portfolio.db.DatabaseUnavailable: 'db_' + its reason)
    "db_waiting": {
        "nl": "Er wordt een lading weggeschreven, een ogenblik…",
        "en": "A load is being written, one moment…",
    },
    "db_busy": {
        "nl": "De database is bezet (er loopt een geplande lading). Probeer het zo opnieuw.",
        "en": "The database is busy (a scheduled load is running). Try again shortly.",
    },
    "db_in_use": {
        "nl": "De database {file} is in gebruik door een ander proces (een lading via de opdrachtregel, of een "
        "ander programma) en kwam binnen {seconds} s niet vrij. Probeer het zo opnieuw; blijft dit zo, zoek dan "
        "het proces dat het bestand open heeft.",
        "en": "The database {file} is in use by another process (a command-line load, or another program) and "
        "was not released within {seconds} s. Try again shortly; if this persists, find the process that has "
        "the file open.",
    },
    "db_app_running": {
        "nl": "Deze app kan de database {file} niet gebruiken: een andere app-server op deze machine bedient "
        "hetzelfde bestand al. Gebruik die server, stop hem eerst, of laat deze server met PORTFOLIO_DB een ander "
        "bestand gebruiken.",
        "en": "This app cannot use the database {file}: another app server on this machine already serves the "
        "same file. Use that server, stop it first, or point this server at another file with PORTFOLIO_DB.",
    },
    "db_not_database": {
        "nl": "{file} is geen database van dit dashboard (geen DuckDB-bestand). Het bestand is niet aangeraakt. "
        "Laat PORTFOLIO_DB naar het juiste bestand wijzen, of zet een back-up terug.",
        "en": "{file} is not a database of this dashboard (not a DuckDB file). The file has not been touched. "
        "Point PORTFOLIO_DB at the right file, or restore a backup.",
    },
    "db_damaged": {
        "nl": "De database {file} is beschadigd of onvolledig (bijvoorbeeld ingekort bij het kopiëren). Het "
        "bestand is niet aangeraakt. Stop de app en zet een back-up terug over dit bestand.",
        "en": "The database {file} is damaged or incomplete (for example cut short while copying). The file has "
        "not been touched. Stop the app and restore a backup over this file.",
    },
    "db_wal": {
        "nl": "Het logbestand {file}.wal naast de database hoort niet bij deze database of is beschadigd; het kan "
        "wijzigingen bevatten die nog niet in de database staan. Er is niets verwijderd. Stop de app en de "
        "geplande ladingen en bewaar een kopie van beide bestanden. Zet dan een back-up terug, of verplaats "
        "{file}.wal alleen als u accepteert dat de wijzigingen erin (bijvoorbeeld de laatste lading) verloren gaan.",
        "en": "The log file {file}.wal beside the database does not belong to it or is damaged; it may hold "
        "changes that are not in the database yet. Nothing has been removed. Stop the app and scheduled loads and "
        "keep a copy of both files. Then restore a backup, or move {file}.wal aside only if you accept losing the "
        "changes in it (for example the last load).",
    },
    "db_read_only": {
        "nl": "De database {file} of de map waarin hij staat is alleen-lezen. Het dashboard moet daar kunnen "
        "schrijven (ook het logbestand {file}.wal ernaast). Geef het serverproces schrijfrechten op het bestand "
        "en de map, of laat PORTFOLIO_DB naar een schrijfbare plek wijzen.",
        "en": "The database {file} or its folder is read-only. The dashboard must be able to write there (also "
        "its log file {file}.wal beside it). Give the server process write permission on the file and the "
        "folder, or point PORTFOLIO_DB at a writable place.",
    },
    "db_newer_version": {
        "nl": "De database {file} is geschreven door een nieuwere DuckDB-versie dan deze app gebruikt (DuckDB "
        "{duckdb}). Het bestand is niet aangeraakt. Een bestand van DuckDB 2.0 (eerdere versies van deze app): "
        "exporteer het met DuckDB 2.0 (EXPORT DATABASE) en importeer het met {duckdb}, of laad de exports opnieuw; "
        "anders: werk de app bij, of zet een back-up terug.",
        "en": "The database {file} was written by a newer DuckDB version than this app uses (DuckDB {duckdb}). The "
        "file has not been touched. A file of DuckDB 2.0 (earlier versions of this app): export it with DuckDB 2.0 "
        "(EXPORT DATABASE) and import it with {duckdb}, or load the exports again; otherwise: update the app, or "
        "restore a backup.",
    },
    "db_unusable": {
        "nl": "De database {file} kan niet worden geopend; de details staan in het serverlog. Het bestand is niet "
        "aangeraakt. Zet een back-up terug, of laat PORTFOLIO_DB naar een ander bestand wijzen.",
        "en": "The database {file} cannot be opened; the details are in the server log. The file has not been "
        "touched. Restore a backup, or point PORTFOLIO_DB at another file.",
    },
    "db_lake_unreachable": {
        "nl": "De gedeelde database {file} is niet bereikbaar: de PostgreSQL-catalogus antwoordt niet. Controleer "
        "of PostgreSQL draait en of host, poort en databasenaam in PORTFOLIO_DB kloppen; de details staan in het "
        "serverlog.",
        "en": "The shared database {file} cannot be reached: its PostgreSQL catalog does not answer. Check that "
        "PostgreSQL is running and that host, port and database name in PORTFOLIO_DB are right; the details are "
        "in the server log.",
    },
    "upload_save_lost": {
        "nl": "Het opslaan van {file} is niet afgerond: de server die het deed viel weg. Er is niets van "
        "opgeslagen. Kies het bestand opnieuw en sla het nog eens op.",
        "en": "Saving {file} did not finish: the server doing it went away. Nothing of it was saved. Choose the "
        "file again and save it once more.",
    },
    "upload_save_lost_file": {"nl": "het bestand", "en": "the file"},
    "rules_scope": {"nl": "Regels voor", "en": "Rules for"},
    "rules_scope_default": {
        "nl": "alle programma's (standaard)",
        "en": "every programme (the default)",
    },
    "rules_own": {
        "nl": "{programme} heeft eigen regels; andere programma's merken er niets van.",
        "en": "{programme} has rules of its own; other programmes are not affected.",
    },
    "rules_from_default": {
        "nl": "{programme} volgt de standaardregels. Opslaan geeft {programme} eigen regels; andere programma's "
        "houden de hunne.",
        "en": "{programme} follows the default rules. Saving gives {programme} rules of its own; other programmes "
        "keep theirs.",
    },
    "rules_back_to_default": {"nl": "Terug naar de standaardregels", "en": "Back to the default rules"},
    "db_lake_sign_in": {
        "nl": "De PostgreSQL-catalogus van de gedeelde database {file} weigert de aanmelding: geen of een verkeerd "
        "wachtwoord voor de gebruiker in PORTFOLIO_DB. Zet het wachtwoord in PGPASSWORD of in een .pgpass-bestand "
        "(PGPASSFILE) van de server; de details staan in het serverlog.",
        "en": "The PostgreSQL catalog of the shared database {file} refuses the sign-in: no password, or a wrong one, "
        "for the user in PORTFOLIO_DB. Put the password in PGPASSWORD or in the server's .pgpass file (PGPASSFILE); "
        "the details are in the server log.",
    },
    "db_lake_not_found": {
        "nl": "De PostgreSQL-catalogus van de gedeelde database {file} antwoordt, maar zegt: {what}. Controleer de "
        "gebruiker (user=) en de databasenaam (dbname=) in PORTFOLIO_DB (of --db); die worden eenmaal gemaakt met "
        "createuser en createdb. De details staan in het serverlog.",
        "en": "The PostgreSQL catalog of the shared database {file} answers, but says: {what}. Check the user (user=) "
        "and the database name (dbname=) in PORTFOLIO_DB (or --db); they are made once with createuser and "
        "createdb. The details are in the server log.",
    },
    "db_retrying": {
        "nl": "Nog niet bereikbaar om {time}. De pagina probeert het elke {seconds} seconden opnieuw en gaat vanzelf "
        "verder zodra de database weer antwoordt.",
        "en": "Still not reachable at {time}. The page tries again every {seconds} seconds and carries on by itself "
        "as soon as the database answers again.",
    },
    "db_lake_no_data_path": {
        "nl": "De gedeelde database {file} bestaat nog niet en er is geen map voor de gegevens opgegeven. Zet "
        "PORTFOLIO_DATA_PATH (of --data-path) op een gedeelde map die elke server kan lezen en schrijven.",
        "en": "The shared database {file} does not exist yet and no directory for its data was given. Set "
        "PORTFOLIO_DATA_PATH (or --data-path) to a shared directory every server can read and write.",
    },
    "db_lake_data_path_taken": {
        "nl": "De map voor de gegevens van de gedeelde database {file} hoort bij een andere gedeelde database (het "
        "bestand .portfolio-lake in die map zegt welke). Twee databases in één map zouden elkaars bestanden "
        "verwijderen; geef deze een eigen, lege map. De details staan in het serverlog.",
        "en": "The data directory of the shared database {file} belongs to another shared database (the file "
        ".portfolio-lake in it says which). Two databases in one directory would delete each other's files; give "
        "this one a directory of its own, empty. The details are in the server log.",
    },
    "db_lake_data_path": {
        "nl": "De gedeelde database {file} bewaart zijn gegevens in een andere map dan PORTFOLIO_DATA_PATH (of "
        "--data-path) zegt. Laat die weg of geef dezelfde map als de andere servers; de details staan in het "
        "serverlog.",
        "en": "The shared database {file} keeps its data in another directory than PORTFOLIO_DATA_PATH (or "
        "--data-path) says. Leave it out or give the same directory as the other servers; the details are in the "
        "server log.",
    },
    "db_lake_unusable": {
        "nl": "De gedeelde database {file} kan niet worden gebruikt; de details staan in het serverlog. Er is "
        "niets geschreven.",
        "en": "The shared database {file} cannot be used; the details are in the server log. Nothing has been written.",
    },
    "db_disk_full": {
        "nl": "De schijf waarop de database {file} staat is vol; er is niets opgeslagen. Maak ruimte vrij op die "
        "schijf (of laat PORTFOLIO_DB naar een schijf met ruimte wijzen) en probeer het opnieuw.",
        "en": "The disk holding the database {file} is full; nothing was saved. Free space on that disk (or point "
        "PORTFOLIO_DB at a disk with room) and try again.",
    },
    "db_write_conflict": {
        "nl": "Er is niets opgeslagen: andere gebruikers schreven tegelijk in de database {file} en na {attempts} "
        "pogingen lukte het niet ertussen te komen. Probeer het over een minuut opnieuw.",
        "en": "Nothing has been saved: other users were writing to the database {file} at the same time and "
        "{attempts} tries did not get in between. Try again in a minute.",
    },
    # history
    "history_intro": {
        "nl": "Alle geladen rapportages, met eerdere versies.",
        "en": "All loaded reports, with earlier versions.",
    },
    "version": {"nl": "Versie", "en": "Version"},
    "current": {"nl": "Actueel", "en": "Current"},
    "file": {"nl": "Bestand", "en": "File"},
    "loaded_at": {"nl": "Geladen op", "en": "Loaded at"},
    "loaded_by": {"nl": "Geladen door", "en": "Loaded by"},
    "rows": {"nl": "Rijen", "en": "Rows"},
    "choose_report": {"nl": "Kies een rapportage (versie)", "en": "Choose a report (version)"},
    "restore": {"nl": "Deze versie terugzetten als actueel", "en": "Make this version current"},
    "restored": {"nl": "Versie {version} is weer actueel.", "en": "Version {version} is current again."},
    "delete": {"nl": "Rapportage verwijderen", "en": "Delete report"},
    "delete_confirm": {
        "nl": "Ja, verwijder {programme} van {date} met alle versies. Dit kan niet ongedaan worden gemaakt.",
        "en": "Yes, delete {programme} of {date} with all its versions. This cannot be undone.",
    },
    "deleted": {"nl": "Verwijderd: {n} versie(s).", "en": "Deleted: {n} version(s)."},
    "sign_in": {"nl": "Aanmelden", "en": "Sign in"},
    "sign_out": {"nl": "Afmelden", "en": "Sign out"},
    "sign_in_needed": {"nl": "Meld u aan om de gegevens te zien.", "en": "Sign in to see the data."},
    "user_name": {"nl": "Gebruikersnaam", "en": "User name"},
    "password": {"nl": "Wachtwoord", "en": "Password"},
    "sign_in_failed": {
        "nl": "Onbekende gebruikersnaam of verkeerd wachtwoord.",
        "en": "Unknown user name or wrong password.",
    },
    "sign_in_locked": {
        "nl": "Te veel mislukte pogingen; probeer het over {seconds} seconden opnieuw.",
        "en": "Too many failed attempts; try again in {seconds} seconds.",
    },
    "sign_in_locked_minutes": {
        "nl": "Te veel mislukte pogingen; probeer het over {minutes} minuten opnieuw.",
        "en": "Too many failed attempts; try again in {minutes} minutes.",
    },
    "sign_in_too_fast": {
        "nl": "Te veel aanmeldpogingen vanaf uw verbinding; probeer het over {seconds} seconden opnieuw.",
        "en": "Too many sign-in attempts from your connection; try again in {seconds} seconds.",
    },
    "sign_in_busy": {
        "nl": "Er melden zich nu veel mensen tegelijk aan; probeer het over enkele seconden opnieuw.",
        "en": "Many people are signing in at once; try again in a few seconds.",
    },
    "sign_in_moved": {
        "nl": "U bent afgemeld: deze sessie ging verder vanaf een ander adres of een andere browser. Meld u opnieuw aan.",
        "en": "You were signed out: this session continued from another address or browser. Please sign in again.",
    },
    "sign_in_attack": {
        "nl": "Gebruikersnaam {name} wordt geraden: {n} mislukte aanmeldpogingen in het afgelopen etmaal. Onbekende "
        "browsers wachten; browsers waarmee {name} eerder aanmeldde niet (zie de wijzigingslog bij Uploadgeschiedenis).",
        "en": "User name {name} is being guessed: {n} failed sign-ins in the last day. Unknown browsers wait; "
        "browsers {name} signed in with before do not (see the change log under Upload history).",
    },
    "no_access": {"nl": "{who} heeft geen toegang tot dit dashboard.", "en": "{who} has no access to this dashboard."},
    "signed_in_as": {"nl": "Aangemeld als {who} ({role})", "en": "Signed in as {who} ({role})"},
    # roles and rights (portfolio/roles.py): a role_<name> for every role, a right_<name> for every right
    "role_viewer": {"nl": "kijker", "en": "viewer"},
    "role_editor": {"nl": "redacteur", "en": "editor"},
    "role_controller": {"nl": "controller", "en": "controller"},
    "role_director": {"nl": "programmadirecteur", "en": "programme director"},
    "role_admin": {"nl": "beheerder", "en": "administrator"},
    "role_uploader": {"nl": "uploader (alle rechten)", "en": "uploader (every right)"},
    "role_none": {"nl": "geen toegang", "en": "no access"},
    "right": {"nl": "Recht", "en": "Right"},
    "right_view": {"nl": "goedgekeurde rapportages bekijken", "en": "view approved reports"},
    "right_view_drafts": {"nl": "concepten bekijken (gemarkeerd als concept)", "en": "view drafts (marked as drafts)"},
    "right_upload": {"nl": "een export uploaden (een nieuw concept)", "en": "upload an export (a new draft)"},
    "right_write_narrative": {
        "nl": "toelichting, redenen van herijkingen en risico's schrijven",
        "en": "write explanations, reasons for rebaselines and risks",
    },
    "right_check": {"nl": "een concept controleren (met de checklist)", "en": "check a draft (with the checklist)"},
    "right_approve": {"nl": "een gecontroleerde rapportage goedkeuren", "en": "approve a checked report"},
    "right_set_rules": {"nl": "de regels voor de stoplichten wijzigen", "en": "change the rules for the lights"},
    "right_manage_versions": {
        "nl": "versies terugzetten of verwijderen, eigen totalen accepteren",
        "en": "restore or delete versions, accept an export's own totals",
    },
    "right_security": {"nl": "meldingen over aanmeldaanvallen zien", "en": "see warnings of sign-in attacks"},
    "rights_help_title": {"nl": "Rollen en rechten", "en": "Roles and rights"},
    "rights_help_intro": {
        "nl": "Een rol geldt per programma: wie bijvoorbeeld controller is van het ene programma, kan van een "
        "ander kijker zijn of het niet zien. De beheerder van dit dashboard kent de rollen toe.",
        "en": "A role holds per programme: a controller of one programme may be a viewer of another, or not see "
        "it at all. The administrator of this dashboard assigns the roles.",
    },
    "lacks_right": {
        "nl": "Hiervoor is het recht \u2018{right}\u2019 nodig voor {programme}; uw rol daar: {role}. Vraag de "
        "beheerder van dit dashboard om een andere rol.",
        "en": "This needs the right \u2018{right}\u2019 for {programme}; your role there: {role}. Ask the "
        "administrator of this dashboard for another role.",
    },
    "every_programme": {"nl": "alle programma's", "en": "every programme"},
    # draft, checked, approved (portfolio/approval.py, pages/approval.py, the sidebar and every page's banner)
    "page_approval": {"nl": "Vaststellen", "en": "Approval"},
    "page_narrative": {"nl": "Toelichting", "en": "Narrative"},
    "narrative_write": {"nl": "Toelichting schrijven", "en": "Write the narrative"},
    "narrative_intro": {
        "nl": "Wat de rapportage naast de cijfers zegt, zoals een bestuursnotitie het schrijft. Een tekst uit de "
        "vorige rapportage staat er als startpunt en heet overgenomen tot hij is bijgewerkt; kolommen als Aanpak, "
        "Beoogd resultaat, Volgende stap, Risico en Maatregel in de export vullen hem ook. Elke opslag staat in het "
        "wijzigingslog.",
        "en": "What the report says beside its figures, as a board memo writes it. A text from the previous report "
        "is there as a starting point and is marked carried over until it is edited; columns such as Approach, "
        "Intended result, Next step, Risk and Measure in the export fill it too. Every save is in the change log.",
    },
    "narrative_carried": {
        "nl": "Overgenomen uit de rapportage van {date} (versie {version}); nog niet bijgewerkt.",
        "en": "Carried over from the report of {date} (version {version}); not yet updated.",
    },
    "narrative_from_export": {"nl": "Uit de export.", "en": "From the export."},
    "narrative_saved": {"nl": "Opgeslagen: {what} ({n} tekst(en)).", "en": "Saved: {what} ({n} text(s))."},
    "narrative_unchanged": {"nl": "Niets gewijzigd; niets opgeslagen.", "en": "Nothing changed; nothing saved."},
    "narrative_report": {"nl": "De rapportage", "en": "The report"},
    "narrative_groups_line": {"nl": "Per programmalijn", "en": "Per programme line"},
    "narrative_groups_track": {"nl": "Per spoor", "en": "Per track"},
    "narrative_stories": {"nl": "Per story", "en": "Per story"},
    "narrative_risks_export": {
        "nl": "Uit de export ({n}), in de kolommen Risico en Maatregel; te wijzigen in de volgende export:",
        "en": "From the export ({n}), in its Risk and Measure columns; changed in the next export:",
    },
    "narrative_save_risks": {"nl": "Risico's opslaan", "en": "Save the risks"},
    "narrative_annexes": {"nl": "Bijlagen bij het voorblad", "en": "Annexes to the cover memo"},
    "narrative_annexes_note": {
        "nl": "Per rapportageversie. Leeg: de rapportage zelf is de bijlage, met het documentnummer hierboven.",
        "en": "Per report version. Empty: the report itself is the annex, with the document number above.",
    },
    "narrative_save_annexes": {"nl": "Bijlagen opslaan", "en": "Save the annexes"},
    "narrative_annexes_saved": {"nl": "Bijlagen opgeslagen ({n}).", "en": "Annexes saved ({n})."},
    "narrative_risks_saved": {"nl": "Risicolijst opgeslagen ({n} risico's).", "en": "Risk list saved ({n} risks)."},
    "narrative_cover": {"nl": "Voorblad van de rapportage", "en": "The report's cover memo"},
    "narrative_cover_note": {
        "nl": "Hoort bij het programma **{programme}** en geldt voor elke rapportage ervan.",
        "en": "Belongs to the programme **{programme}** and holds for each of its reports.",
    },
    "narrative_cover_saved": {"nl": "Voorblad opgeslagen ({n} veld(en)).", "en": "Cover memo saved ({n} field(s))."},
    "state_draft": {"nl": "concept", "en": "draft"},
    "state_checked": {"nl": "gecontroleerd, nog niet goedgekeurd", "en": "checked, not yet approved"},
    "state_approved": {"nl": "goedgekeurd", "en": "approved"},
    "show_drafts": {"nl": "Concepten tonen", "en": "Show drafts"},
    "show_drafts_help": {
        "nl": "Uit: alleen goedgekeurde rapportages (per datum de nieuwste goedgekeurde versie). Aan: ook concepten "
        "en gecontroleerde versies, altijd als zodanig gemarkeerd.",
        "en": "Off: approved reports only (per date the newest approved version). On: drafts and checked versions "
        "too, always marked as such.",
    },
    "no_approved_report": {
        "nl": "**{programme}** heeft nog geen goedgekeurde rapportage. Zet *Concepten tonen* aan om de concepten te "
        "zien.",
        "en": "**{programme}** has no approved report yet. Turn on *Show drafts* to see the drafts.",
    },
    "banner_draft": {
        "nl": "**CONCEPT.** Deze rapportage is nog niet gecontroleerd en niet goedgekeurd; de cijfers kunnen nog "
        "veranderen. Zie *Vaststellen*.",
        "en": "**DRAFT.** This report has not been checked or approved yet; its figures may still change. See "
        "*Approval*.",
    },
    "banner_checked": {
        "nl": "**CONCEPT.** Gecontroleerd door {who} op {at}, nog niet goedgekeurd. Zie *Vaststellen*.",
        "en": "**DRAFT.** Checked by {who} on {at}, not yet approved. See *Approval*.",
    },
    "state_line_draft": {
        "nl": "Concept: een controller controleert het met de checklist hieronder, daarna keurt de "
        "programmadirecteur het goed.",
        "en": "Draft: a controller checks it with the checklist below, then the programme director approves it.",
    },
    "state_line_checked": {
        "nl": "Gecontroleerd: wacht op goedkeuring door de programmadirecteur (niet dezelfde persoon als wie "
        "controleerde).",
        "en": "Checked: waiting for approval by the programme director (not the person who checked it).",
    },
    "state_line_approved": {
        "nl": "Goedgekeurd door {who} op {at}: dit is de rapportage zoals vastgesteld.",
        "en": "Approved by {who} on {at}: this is the report of record.",
    },
    "state_line_approved_unnamed": {
        "nl": "Goedgekeurd: dit is de rapportage zoals vastgesteld.",
        "en": "Approved: this is the report of record.",
    },
    "checklist": {"nl": "Checklist", "en": "Checklist"},
    "checklist_intro": {
        "nl": "Wat een controller bekijkt voordat een concept gecontroleerd heet. Een open punt houdt de controle "
        "niet tegen, maar wie controleert, verklaart het gezien te hebben.",
        "en": "What a controller looks at before a draft is called checked. An open point does not block the "
        "check, but whoever checks declares having seen it.",
    },
    "checklist_clear": {"nl": "geen", "en": "none"},
    "check_unexplained": {
        "nl": "Afwijkingen van meer dan 5% zonder toelichting",
        "en": "Variances over 5% without an explanation",
    },
    "check_watermelons": {
        "nl": "Groen gemeld terwijl de cijfers of de einddatum iets anders zeggen, zonder toelichting",
        "en": "Reported green while the figures or the end date say otherwise, without an explanation",
    },
    "check_own_totals": {
        "nl": "Totaalregels van de export die niet kloppen met de stories (niet geaccepteerd)",
        "en": "The export's total rows that disagree with its stories (not accepted)",
    },
    "check_rebaselines": {"nl": "Herijkingen zonder reden", "en": "Rebaselines without a reason"},
    "check_owners": {"nl": "Stories zonder eigenaar", "en": "Stories without an owner"},
    "steps": {"nl": "Stappen", "en": "Steps"},
    "step_state": {"nl": "Stap", "en": "Step"},
    "step_note": {"nl": "Opmerking of reden", "en": "Remark or reason"},
    "note_approved_before_steps": {
        "nl": "geladen voordat rapportages werden goedgekeurd; blijft de vastgestelde rapportage",
        "en": "loaded before reports were approved; stays the report of record",
    },
    "note_approved_as_published": {
        "nl": "gepubliceerd document, goedgekeurd waar het is gemaakt",
        "en": "a published document, approved where it was made",
    },
    "check_remark": {"nl": "Opmerking bij de controle (optioneel)", "en": "Remark with the check (optional)"},
    "check_seen": {
        "nl": "Ik heb de {n} open punten van de checklist gezien.",
        "en": "I have seen the {n} open points of the checklist.",
    },
    "check_button": {"nl": "Markeren als gecontroleerd", "en": "Mark as checked"},
    "approve_button": {"nl": "Goedkeuren", "en": "Approve"},
    "send_back_reason": {"nl": "Reden om terug te sturen", "en": "Reason for sending it back"},
    "send_back_button": {"nl": "Terugsturen naar concept", "en": "Send back to draft"},
    "checked_done": {"nl": "Gemarkeerd als gecontroleerd.", "en": "Marked as checked."},
    "approved_done": {
        "nl": "Goedgekeurd: dit is nu de vastgestelde rapportage.",
        "en": "Approved: this is now the report of record.",
    },
    "sent_back_done": {"nl": "Teruggestuurd naar concept.", "en": "Sent back to draft."},
    "approved_frozen": {
        "nl": "Een goedgekeurde versie verandert niet meer. Een nieuwe upload van dezelfde datum wordt een nieuw "
        "concept; tot dat is goedgekeurd blijft deze versie de vastgestelde.",
        "en": "An approved version no longer changes. A new upload of the same date becomes a new draft; until "
        "that is approved, this version stays the report of record.",
    },
    "step_not_draft": {
        "nl": "Alleen een concept kan worden gecontroleerd; deze versie is {state}.",
        "en": "Only a draft can be checked; this version is {state}.",
    },
    "step_not_current": {
        "nl": "Er is een nieuwere versie van deze rapportage: controleer die.",
        "en": "There is a newer version of this report: check that one.",
    },
    "step_not_checked": {
        "nl": "Alleen een gecontroleerde versie kan worden goedgekeurd of teruggestuurd; deze versie is {state}.",
        "en": "Only a checked version can be approved or sent back; this version is {state}.",
    },
    "step_four_eyes": {
        "nl": "{who} heeft deze versie gecontroleerd en mag haar daarom niet ook goedkeuren (vier ogen).",
        "en": "{who} checked this version and so may not approve it too (four eyes).",
    },
    "step_reason_needed": {
        "nl": "Geef een reden om terug te sturen.",
        "en": "Give a reason for sending it back.",
    },
    "no_programmes_for_you": {
        "nl": "Er zijn geen programma's die u mag zien. Vraag de beheerder van dit dashboard om een rol.",
        "en": "There are no programmes you may see. Ask the administrator of this dashboard for a role.",
    },
    "auth_config_error": {
        "nl": "De aanmeldinstellingen kloppen niet: {detail}",
        "en": "The sign-in settings are wrong: {detail}",
    },
    "compare_needs_two": {
        "nl": "{programme} heeft nog maar één rapportage ({date}), dus er is nog niets om mee te vergelijken. "
        "Upload de rapportage van de volgende periode (of een eerdere) van dit programma: dan toont deze pagina "
        "wat er sindsdien veranderde.",
        "en": "{programme} has only one report so far ({date}), so there is nothing to compare it with yet. "
        "Upload the report of the next period (or an earlier one) of this programme: this page then shows what "
        "changed in between.",
    },
    "compare_upload_next": {"nl": "Naar Uploaden", "en": "Go to Upload"},
    "compare_ask_uploader": {
        "nl": "Uploaden mag u voor dit programma niet zelf: vraag het aan een redacteur of controller.",
        "en": "You may not upload for this programme yourself: ask an editor or a controller.",
    },
    "compare_old": {"nl": "Eerdere rapportage", "en": "Earlier report"},
    "compare_new": {"nl": "Latere rapportage", "en": "Later report"},
    "compare_between": {"nl": "Van {old} naar {new}", "en": "From {old} to {new}"},
    "when": {"nl": "Wanneer", "en": "When"},
    "who": {"nl": "Wie", "en": "Who"},
    "action": {"nl": "Actie", "en": "Action"},
    "what": {"nl": "Wat", "en": "What"},
    "action_load": {"nl": "geladen", "en": "loaded"},
    "action_check": {"nl": "gecontroleerd", "en": "checked"},
    "action_approve": {"nl": "goedgekeurd", "en": "approved"},
    "action_send_back": {"nl": "teruggestuurd naar concept", "en": "sent back to draft"},
    "action_replace": {"nl": "vervangen", "en": "replaced"},
    "action_restore": {"nl": "teruggezet", "en": "restored"},
    "action_delete": {"nl": "verwijderd", "en": "deleted"},
    "action_rules": {"nl": "regels gewijzigd", "en": "rules changed"},
    "action_rhythm": {"nl": "rapportageritme gewijzigd", "en": "reporting rhythm changed"},
    "action_accept_totals": {"nl": "eigen totalen geaccepteerd", "en": "own totals accepted"},
    "action_narrative": {"nl": "toelichting geschreven", "en": "narrative written"},
    "audit_risks": {"nl": "{n} risico's", "en": "{n} risks"},
    "action_risks": {"nl": "risico's geschreven", "en": "risks written"},
    "action_cover": {"nl": "voorblad gewijzigd", "en": "cover memo changed"},
    # --- the narrative and the cover memo (issue 23: portfolio/narrative.py, pages/narrative.py) ---
    "approach": {"nl": "Aanpak", "en": "Approach"},
    "intended_result": {"nl": "Beoogd resultaat", "en": "Intended result"},
    "next_step": {"nl": "Volgende stap", "en": "Next step"},
    "risk": {"nl": "Risico", "en": "Risk"},
    "risk_measure": {"nl": "Maatregel", "en": "Measure"},
    "nar_introduction": {"nl": "Inleiding: waarom deze rapportage", "en": "Introduction: why this report"},
    "nar_board_ask": {"nl": "Gevraagd van het bestuur", "en": "Asked of the board"},
    "nar_delivered": {"nl": "Opgeleverd", "en": "Delivered"},
    "nar_at_risk": {"nl": "Wat in gevaar is", "en": "At risk"},
    "nar_next": {"nl": "Wat volgt", "en": "What comes next"},
    "nar_approach": {"nl": "Aanpak", "en": "Approach"},
    "nar_intended_result": {"nl": "Beoogde resultaten", "en": "Intended results"},
    "nar_next_step": {"nl": "Volgende stap", "en": "Next step"},
    "nar_ambition": {"nl": "Ambitie (samenvatting)", "en": "Ambition (summary)"},
    "nar_state_of_affairs": {"nl": "Stand van zaken", "en": "State of affairs"},
    "nar_conclusion": {
        "nl": "Conclusie van de portefeuillehouder (sluit de inleiding af)",
        "en": "The portfolio holder's conclusion (closes the introduction)",
    },
    "nar_signed_by": {
        "nl": "Ondertekend door (naam; functie op een volgende regel)",
        "en": "Signed by (name; role on a next line)",
    },
    "nar_document_number": {"nl": "Documentnummer (bijv. eDocs)", "en": "Document number (e.g. eDocs)"},
    "nar_document_version": {
        "nl": "Documentversie (bijv. V3/LH/26-6-2018)",
        "en": "Document version (e.g. V3/LH/26-6-2018)",
    },
    "nar_period_name": {"nl": "Periode (bijv. Plateau 3)", "en": "Period (e.g. Plateau 3)"},
    "nar_annexes": {"nl": "Bijlagen", "en": "Annexes"},
    "risk_col_risk": {"nl": "Risico", "en": "Risk"},
    "risk_col_story": {"nl": "Story", "en": "Story"},
    "risk_col_owner": {"nl": "Eigenaar", "en": "Owner"},
    "risk_col_likelihood": {"nl": "Kans", "en": "Likelihood"},
    "risk_col_impact": {"nl": "Impact", "en": "Impact"},
    "risk_col_measure": {"nl": "Maatregel", "en": "Measure"},
    "cover_heading": {"nl": "Voorblad", "en": "Cover memo"},
    "cover_subject": {"nl": "Onderwerp", "en": "Subject"},
    "cover_registration": {"nl": "Registratienummer", "en": "Registration number"},
    "cover_memo_date": {"nl": "Datum", "en": "Date"},
    "cover_author": {"nl": "Auteur", "en": "Author"},
    "cover_department": {"nl": "Afdeling/Bureau", "en": "Department"},
    "cover_portfolio_holder": {"nl": "Portefeuillehouder", "en": "Portfolio holder"},
    "cover_public": {"nl": "Openbaarheid", "en": "Public"},
    "cover_public_yes": {"nl": "Openbaar", "en": "Public"},
    "cover_public_no": {"nl": "Niet openbaar", "en": "Not public"},
    "cover_purpose": {"nl": "Aard", "en": "Purpose"},
    "cover_purpose_information": {"nl": "Ter kennisname", "en": "For information"},
    "cover_purpose_decision": {"nl": "Ter besluitvorming", "en": "For decision"},
    "cover_to": {"nl": "aan", "en": "to"},
    "cover_addressee": {"nl": "Aan (bijv. PS en burgerleden)", "en": "To (e.g. the council)"},
    "annex_title": {"nl": "Naam bijlage", "en": "Annex"},
    "annex_number": {"nl": "Documentnummer (eDocs)", "en": "Document number"},
    "annex_public": {"nl": "Openbaar in de zin van de WOB", "en": "Public under the WOB"},
    "annex_reading_room_col": {"nl": "Ter inzage in de leeskamer", "en": "In the reading room"},
    "annex_sent": {"nl": "Bijlagen", "en": "Annexes"},
    "annex_reading_room": {"nl": "Ter inzage in de leeskamer", "en": "For inspection in the reading room"},
    "annex_none": {"nl": "Geen", "en": "None"},
    "annex_not_applicable": {"nl": "N.v.t.", "en": "N/a"},
    "cover_goals": {"nl": "Doelstellingen van het programma", "en": "The programme's goals"},
    "cover_period": {"nl": "Looptijd", "en": "Period"},
    "cover_not_given": {"nl": "(niet ingevuld)", "en": "(not filled in)"},
    "cover_communication_default": {
        "nl": "Bijgaand treft u de {title} van {programme} aan, stand per {date}.",
        "en": "Please find attached the {title} of {programme}, as at {date}.",
    },
    "cover_bad_choice": {
        "nl": "Voorblad, veld '{field}': '{value}' is geen van de keuzes.",
        "en": "Cover memo, field '{field}': '{value}' is not one of the choices.",
    },
    "cover_bad_date": {
        "nl": "Voorblad, datum: '{value}' is geen datum (jjjj-mm-dd).",
        "en": "Cover memo, date: '{value}' is not a date (yyyy-mm-dd).",
    },
    "narrative_no_report": {
        "nl": "Er is geen rapportage met nummer {report_id}; er is niets opgeslagen.",
        "en": "There is no report numbered {report_id}; nothing was saved.",
    },
    "narrative_frozen": {
        "nl": "Deze versie is goedgekeurd en staat vast; de toelichting is niet gewijzigd. Een nieuwe upload maakt een nieuw concept.",
        "en": "This version is approved and frozen; the narrative was not changed. A new upload makes a new draft.",
    },
    "narrative_too_long": {
        "nl": "De tekst bij '{field}' is langer dan {limit} tekens; er is niets opgeslagen.",
        "en": "The text of '{field}' is longer than {limit} characters; nothing was saved.",
    },
    "narrative_bad_scope": {"nl": "Onbekend onderdeel '{scope}'.", "en": "Unknown part '{scope}'."},
    "narrative_bad_field": {"nl": "Onbekend veld: {field}.", "en": "Unknown field: {field}."},
    "narrative_no_subject": {
        "nl": "Bij '{scope}' hoort een naam of code; er is niets opgeslagen.",
        "en": "A '{scope}' needs a name or code; nothing was saved.",
    },
    "narrative_annex_without_title": {
        "nl": "Bijlagen, rij {row}: er staat een nummer of openbaarheid maar geen naam; er is niets opgeslagen.",
        "en": "Annexes, row {row}: a number or public value without a title; nothing was saved.",
    },
    "narrative_risk_without_text": {
        "nl": "Risico's, rij {row}: er staat een eigenaar of maatregel maar geen risico; er is niets opgeslagen.",
        "en": "Risks, row {row}: an owner or measure without a risk; nothing was saved.",
    },
    # --- the written report as a board memo (portfolio/progress_report/board.py) ---
    "pr_title_plan": {"nl": "Stand van de plannen", "en": "State of the plans"},
    "pr_subject_plan": {
        "nl": "Stand van de plannen: per initiatief de ambitie, per spoor of programmalijn",
        "en": "State of the plans: per initiative its ambition, per track or programme line",
    },
    "pr_draft_mark": {"nl": "CONCEPT", "en": "DRAFT"},
    "pr_draft_title": {
        "nl": "CONCEPT: deze versie is nog niet goedgekeurd.",
        "en": "DRAFT: this version has not been approved yet.",
    },
    "pr_title_author": {"nl": "Opgesteld door {by}.", "en": "Prepared by {by}."},
    "pr_rules_set_on": {"nl": "Regels laatst gewijzigd op {date}.", "en": "Rules last changed on {date}."},
    "pr_conclusion": {"nl": "Conclusie van de portefeuillehouder", "en": "The portfolio holder's conclusion"},
    "pr_not_signed": {"nl": "(niet ondertekend)", "en": "(not signed)"},
    "pr_title_period": {"nl": "Stand van zaken {period}, per {date}", "en": "Status of {period}, as of {date}"},
    "pr_title_number": {"nl": "Documentnummer {number}", "en": "Document number {number}"},
    "pr_title_version": {"nl": "versie {version}", "en": "version {version}"},
    "pr_carried": {
        "nl": "(overgenomen uit de rapportage van {date}; nog niet bijgewerkt)",
        "en": "(carried over from the report of {date}; not yet updated)",
    },
    "pr_introduction": {"nl": "Inleiding", "en": "Introduction"},
    "pr_intro_no_goals": {
        "nl": "De doelstellingen en de looptijd van het programma zijn nog niet ingevuld (voorblad, in het dashboard).",
        "en": "The programme's goals and period have not been filled in yet (cover memo, in the dashboard).",
    },
    "pr_by_programme_line": {"nl": "programmalijn", "en": "programme line"},
    "pr_by_track": {"nl": "spoor", "en": "track"},
    "pr_intro_layout": {
        "nl": "Deze rapportage geeft de stand van zaken per {date} van {n} stories, per {groups}: wat de ambitie is, "
        "wat de aanpak en de beoogde resultaten zijn, het geld (voorziene kosten, besteed/verplicht en prognose) "
        "en een stoplicht voor voortgang en kwaliteit.",
        "en": "This report gives the state of {n} stories as at {date}, per {groups}: their ambition, approach and "
        "intended results, their money (budget, spent/committed and forecast) and a traffic light for progress "
        "and quality.",
    },
    "pr_intro_plan": {
        "nl": "Dit is een plan zonder voortgangscijfers: {n} initiatieven per {groups}, met hun ambitie, stand per "
        "{date}. Er is nog niets besteed en er zijn geen stoplichten gemeld; daarom staan hier de plannen, geen "
        "voortgang.",
        "en": "This is a plan without progress figures: {n} initiatives per {groups}, with their ambition, as at "
        "{date}. Nothing has been spent and no lights were reported; so this sets out the plans, not progress.",
    },
    "pr_intro_for_decision": {
        "nl": "De rapportage is ter besluitvorming; wat van het bestuur gevraagd wordt staat in het hoofdstuk "
        "'Gevraagd van het bestuur'.",
        "en": "The report is for decision; what is asked of the board is in the chapter 'Asked of the board'.",
    },
    "pr_intro_for_information": {
        "nl": "De rapportage is ter informatie; zij bevat geen voorstellen voor besluitvorming.",
        "en": "The report is for information; it holds no proposals for decision.",
    },
    "pr_intro_information_ask": {
        "nl": "De rapportage is ter informatie; wat van het bestuur gevraagd wordt staat in het hoofdstuk "
        "'Gevraagd van het bestuur'.",
        "en": "The report is for information; what is asked of the board is in the chapter 'Asked of the board'.",
    },
    "pr_picture": {"nl": "Samenvattend beeld", "en": "Summary picture"},
    "pr_story": {"nl": "Story", "en": "Story"},
    "pr_one_line": {"nl": "Stand in één regel", "en": "State in one line"},
    "pr_risks": {"nl": "Risico's en maatregelen", "en": "Risks and measures"},
    "pr_risks_none": {
        "nl": "Voor deze rapportage zijn geen risico's vastgelegd (niet in de export, niet in het dashboard).",
        "en": "No risks were recorded for this report (not in the export, not in the dashboard).",
    },
    "pr_risk_no_measure": {"nl": "(geen maatregel genoemd)", "en": "(no measure named)"},
    "pr_risks_from_export": {
        "nl": "Risico's bij een story komen uit de kolommen Risico en Maatregel van de export.",
        "en": "Risks of a story come from the export's Risk and Measure columns.",
    },
    "pr_board_ask": {"nl": "Gevraagd van het bestuur", "en": "Asked of the board"},
    "pr_ask_information": {
        "nl": "Deze rapportage is ter kennisname; er wordt geen besluit gevraagd.",
        "en": "This report is for information; no decision is asked.",
    },
    "pr_ask_missing": {
        "nl": "Deze rapportage is ter besluitvorming, maar het gevraagde besluit is nog niet geschreven.",
        "en": "This report is for decision, but the decision asked has not been written yet.",
    },
    "pr_ask_none": {
        "nl": "Of deze rapportage ter kennisname of ter besluitvorming is, is nog niet ingevuld; er is geen besluit geschreven.",
        "en": "Whether this report is for information or for decision has not been filled in; no decision has been written.",
    },
    "pr_table_tracks": {
        "nl": "Budget, besteding en prognose per spoor",
        "en": "Budget, spending and forecast per track",
    },
    "pr_stories_by_programme_line": {"nl": "Stories per programmalijn", "en": "Stories per programme line"},
    "pr_stories_by_track": {"nl": "Stories per spoor", "en": "Stories per track"},
    "pr_stories_intro_plan": {
        "nl": "Per {groups} eerst een tabel met de initiatieven, daarna per initiatief de ambitie en wat er verder "
        "over geschreven is.",
        "en": "Per {groups} first a table of its initiatives, then per initiative its ambition and what else was "
        "written about it.",
    },
    "pr_none_by_track": {"nl": "(geen; per spoor)", "en": "(none; by track)"},
    "action_sign_in_attack": {"nl": "gebruikersnaam wordt geraden", "en": "user name being guessed"},
    "audit_own_totals_item": {
        "nl": "rij {row}, {measure}: bestand {stated}, stories {computed}",
        "en": "row {row}, {measure}: file {stated}, stories {computed}",
    },
    # the export's own totals where they disagree with its stories (portfolio/own_totals.py)
    "own_totals_sentence": {
        "nl": "{measure}, rij {row}: het eigen totaal van de export is {stated}; de stories tellen op tot {computed}.",
        "en": "{measure}, row {row}: the export's own total is {stated}; the stories add up to {computed}.",
    },
    "own_totals_open": {
        "nl": "De eigen totaalregel van het geladen bestand klopt niet met de stories (nog niet geaccepteerd):",
        "en": "The loaded file's own totals row does not agree with its stories (not accepted yet):",
    },
    "own_totals_counted": {
        "nl": "Het dashboard telt de stories op; het verschil blijft hier staan tot iemand die mag uploaden het "
        "accepteert.",
        "en": "The dashboard adds up the stories; the difference stays here until someone who may upload accepts it.",
    },
    "own_totals_accept": {"nl": "Verschil accepteren", "en": "Accept the difference"},
    "own_totals_accept_help": {
        "nl": "Vastgelegd in het wijzigingslog, met wie en wanneer; daarna staat het niet meer open.",
        "en": "Recorded in the change log, with who and when; after that it is no longer open.",
    },
    "own_totals_accepted_done": {
        "nl": "Verschil in de eigen totalen geaccepteerd ({n}).",
        "en": "Difference in the file's own totals accepted ({n}).",
    },
    "own_totals_history": {"nl": "Eigen totalen van de bestanden", "en": "The files' own totals"},
    "own_totals_history_intro": {
        "nl": "Waar de totaalregel van een geladen bestand niet optelt tot zijn stories: per versie, rij en bedrag "
        "wat het bestand zegt en wat de stories optellen, en of het verschil is geaccepteerd.",
        "en": "Where a loaded file's totals row does not add up to its stories: per version, row and amount what "
        "the file says and what the stories add up to, and whether the difference was accepted.",
    },
    "own_totals_none": {
        "nl": "Geen verschillen: elke totaalregel telt op tot zijn stories.",
        "en": "No differences: every totals row adds up to its stories.",
    },
    "own_totals_stated": {"nl": "Totaal volgens bestand", "en": "Export's own total"},
    "own_totals_computed": {"nl": "Som van de stories", "en": "Stories add up to"},
    "own_totals_measure": {"nl": "Bedrag", "en": "Amount"},
    "own_totals_state": {"nl": "Stand", "en": "State"},
    "own_totals_state_open": {"nl": "open", "en": "open"},
    "own_totals_state_accepted": {
        "nl": "geaccepteerd door {by} op {when}",
        "en": "accepted by {by} on {when}",
    },
    "own_totals_someone": {"nl": "onbekend (open toegang)", "en": "unknown (open access)"},
    "pr_own_totals": {
        "nl": "De eigen totaalregel van het geladen bestand telt niet op tot zijn stories (niet geaccepteerd); "
        "dit rapport telt de stories:",
        "en": "The loaded file's own totals row does not add up to its stories (not accepted); this report counts "
        "the stories:",
    },
    "audit_loaded": {"nl": "{file} ({n} rijen)", "en": "{file} ({n} rows)"},
    "audit_loaded_one": {"nl": "{file} (1 rij)", "en": "{file} (1 row)"},
    "audit_restored": {
        "nl": "versie {version} actueel gemaakt ({was})",
        "en": "version {version} made current ({was})",
    },
    "audit_was_version": {"nl": "was versie {version}", "en": "was version {version}"},
    "audit_was_none": {"nl": "er was geen actuele versie", "en": "there was no current version"},
    "audit_deleted": {"nl": "{n} versie(s) verwijderd", "en": "{n} version(s) deleted"},
    "audit_report_gone": {"nl": "(rapportage verwijderd)", "en": "(report deleted)"},
    "audit": {"nl": "Wijzigingslog", "en": "Change log"},
    # problems (upload validation)
    "too_large": {
        "nl": "Het bestand is {size_mb} MB; de grens is {limit_mb} MB.",
        "en": "The file is {size_mb} MB; the limit is {limit_mb} MB.",
    },
    "too_large_unknown": {
        "nl": "Het bestand is groter dan de grens van {limit_mb} MB.",
        "en": "The file is larger than the limit of {limit_mb} MB.",
    },
    "empty_file": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "corrupt_excel": {
        "nl": "Het Excel-bestand is beschadigd of onleesbaar ({detail}).",
        "en": "The Excel file is damaged or unreadable ({detail}).",
    },
    "not_a_spreadsheet": {
        "nl": "Dit is geen spreadsheet of CSV-bestand.",
        "en": "This is not a spreadsheet or CSV file.",
    },
    "archive_bomb": {
        "nl": "Het bestand zou uitpakken tot {inflated_mb} MB uit {size_kb} kB; dat wordt geweigerd.",
        "en": "The file would inflate to {inflated_mb} MB from {size_kb} kB; refused.",
    },
    "too_many_cells": {
        "nl": "Tabblad '{sheet}' loopt tot cel {reference}: {cells_count} cellen, de grens is {limit_count}. Verwijder wat buiten de tabel staat (of kopieer de tabel naar een nieuw bestand) en lees het opnieuw in.",
        "en": "Sheet '{sheet}' reaches cell {reference}: {cells_count} cells, the limit is {limit_count}. Delete what lies outside the table (or copy the table to a new file) and upload it again.",
    },
    "too_many_columns": {
        "nl": "Tabblad '{sheet}' loopt tot cel {reference}: {columns_count} kolommen, de grens is {limit_count}. Verwijder wat rechts van de tabel staat en lees het opnieuw in.",
        "en": "Sheet '{sheet}' reaches cell {reference}: {columns_count} columns, the limit is {limit_count}. Delete what lies right of the table and upload it again.",
    },
    "too_many_cells_book": {
        "nl": "De {sheets} tabbladen samen hebben {cells_count} cellen, de grens is {limit_count}. Bewaar alleen het tabblad met de rapportage in een nieuw bestand.",
        "en": "The {sheets} sheets together hold {cells_count} cells, the limit is {limit_count}. Save only the sheet with the report in a new file.",
    },
    "xlsb_not_read": {
        "nl": "Binaire Excel-werkmappen (.xlsb) worden niet gelezen. Bewaar het bestand in Excel als .xlsx.",
        "en": "Binary Excel workbooks (.xlsb) are not read. Save the file in Excel as .xlsx.",
    },
    "too_many_fields": {
        "nl": "{fields_count} velden in deze rij, de grens is {limit_count} kolommen. Klopt het scheidingsteken, en is elk aanhalingsteken gesloten?",
        "en": "{fields_count} fields in this row, the limit is {limit_count} columns. Is the separator right, and is every quote closed?",
    },
    "text_too_many_cells": {
        "nl": "Het bestand heeft {rows_count} rijen van tot {columns_count} velden: {cells_count} cellen, de grens is {limit_count}. Splits het bestand.",
        "en": "The file has {rows_count} rows of up to {columns_count} fields: {cells_count} cells, the limit is {limit_count}. Split the file.",
    },
    "field_too_long": {
        "nl": "een cel van meer dan {limit_count} tekens (een spreadsheet houdt er hoogstens 32.767 in een cel). Is elk aanhalingsteken gesloten?",
        "en": "a cell of more than {limit_count} characters (a spreadsheet holds at most 32,767 in a cell). Is every quote closed?",
    },
    "csv_unreadable": {
        "nl": "deze regel is niet als CSV te lezen ({detail}). Bewaar het bestand opnieuw als CSV.",
        "en": "this line cannot be read as CSV ({detail}). Save the file as CSV again.",
    },
    "mixed_encoding": {
        "nl": "Het bestand is UTF-8, maar niet in rij {rows} ({count} in totaal): die zijn als Windows-1252 gelezen. Kijk bijzondere tekens (€, é, ë) daar na.",
        "en": "The file is UTF-8 except in row {rows} ({count} in all): those were read as Windows-1252. Check the special characters (€, é, ë) there.",
    },
    "mixed_encoding_utf8": {
        "nl": "Het bestand is Windows-1252 (Excel), maar rij {rows} ({count} in totaal) is UTF-8 en zo gelezen. Kijk bijzondere tekens (€, é, ë) daar na.",
        "en": "The file is Windows-1252 (Excel), but row {rows} ({count} in all) is UTF-8 and was read so. Check the special characters (€, é, ë) there.",
    },
    "parse_crashed": {
        "nl": "Het lezen van dit bestand liep vast; er is niets opgeslagen. Bewaar het bestand opnieuw (als .xlsx of CSV) en probeer het nog eens.",
        "en": "Reading this file broke off; nothing was saved. Save the file again (as .xlsx or CSV) and try once more.",
    },
    "parse_timeout": {
        "nl": "Het lezen van dit bestand duurde langer dan {seconds} seconden en is gestopt; er is niets opgeslagen. Verwijder wat buiten de tabel staat, of splits het bestand.",
        "en": "Reading this file took longer than {seconds} seconds and was stopped; nothing was saved. Delete what lies outside the table, or split the file.",
    },
    "parse_memory": {
        "nl": "Het lezen van dit bestand vroeg meer dan {memory_mb} MB geheugen en is gestopt; er is niets opgeslagen. Verwijder wat buiten de tabel staat, of splits het bestand.",
        "en": "Reading this file needed more than {memory_mb} MB of memory and was stopped; nothing was saved. Delete what lies outside the table, or split the file.",
    },
    "no_such_sheet": {
        "nl": "Tabblad '{sheet}' bestaat niet; wel: {sheets}.",
        "en": "Sheet '{sheet}' does not exist; there are: {sheets}.",
    },
    "no_header": {
        "nl": "Geen kopregel gevonden: geen rij noemt zowel een story (Nr/Titel) als een bedrag of stoplicht. Gezien, rij {seen}. Zeg welke rij de kolomkoppen heeft ('Kopregel op rij', opdrachtregel: --header-row N) en wijs daarna de kolommen toe.",
        "en": "No header row found: no row names both a story (Code/Title) and an amount or status. Seen, row {seen}. Say which row holds the column headers ('Header row', command line: --header-row N), then map the columns.",
    },
    "no_identifier": {
        "nl": "Geen kolom die een story aanwijst (zoals Nr, Story, Project ID of Titel).",
        "en": "No column identifies a story (such as Code, Story, Project ID or Title).",
    },
    "no_measure": {
        "nl": "Geen kolom met een bedrag (budget, besteed, prognose) of stoplicht.",
        "en": "No column with an amount (budget, spent, forecast) or a status.",
    },
    "no_data_rows": {"nl": "Onder de kopregel staan geen stories.", "en": "There are no stories below the header row."},
    "missing_code": {
        "nl": "Rij met bedragen of stoplicht maar zonder story-nummer.",
        "en": "Row with amounts or a status but no story code.",
    },
    "note_row_skipped": {
        "nl": "Rij zonder story overgeslagen: '{text}'.",
        "en": "Row without a story skipped: '{text}'.",
    },
    "line_below_table": {
        "nl": "Regel onder de tabel gelezen als bron of voetnoot, niet als story: '{text}'.",
        "en": "Line below the table read as a source or footnote, not as a story: '{text}'.",
    },
    "amount_text": {
        "nl": "'{value}' is geen bedrag; behandeld als ontbrekend (niet als nul).",
        "en": "'{value}' is not an amount; treated as missing (not as zero).",
    },
    "negative_amount": {"nl": "Negatief bedrag ({value}).", "en": "Negative amount ({value})."},
    "implausible_amount": {
        "nl": "Onwaarschijnlijk groot bedrag ({value}); klopt de eenheid?",
        "en": "Implausibly large amount ({value}); is the unit right?",
    },
    "unknown_status": {
        "nl": "Onbekend stoplicht '{label}'; behandeld als onbekend.",
        "en": "Unknown status '{label}'; treated as unknown.",
    },
    "unknown_necessity": {"nl": "Onbekende noodzaak '{value}'.", "en": "Unknown necessity '{value}'."},
    "unknown_yes_no": {"nl": "'{value}' is geen ja of nee; telt mee.", "en": "'{value}' is not yes or no; counted."},
    "duration_length": {
        "nl": "{count} rij(en) (rijen {rows}) geven alleen een lengte, zoals '{value}': zo bewaard als geschreven; er is geen start- of einddatum van gemaakt.",
        "en": "{count} row(s) (rows {rows}) give a length only, such as '{value}': kept as written; no start or end date was made of it.",
    },
    "duration_text": {
        "nl": "{count} rij(en) (rijen {rows}) noemen geen periode van ... tot ..., zoals '{value}': de tekst is bewaard, zonder start- of einddatum.",
        "en": "{count} row(s) (rows {rows}) name no range from ... to ..., such as '{value}': the text is kept, without a start or end date.",
    },
    "date_text": {
        "nl": "'{value}' noemt geen datum of periode; de tekst is bewaard, zonder dagen (niet als 'op tijd').",
        "en": "'{value}' names no date or period; the text is kept, without days (never as 'on time').",
    },
    "bad_date": {
        "nl": "'{value}' is geen datum (dd-mm-jjjj of jjjj-mm-dd).",
        "en": "'{value}' is not a date (dd-mm-yyyy or yyyy-mm-dd).",
    },
    "duplicate_same": {
        "nl": "Story {code} staat twee keer in het bestand (ook rij {first_row}), met dezelfde waarden.",
        "en": "Story {code} appears twice (also row {first_row}) with the same values.",
    },
    "duplicate_code": {
        "nl": "Story {code} staat twee keer in het bestand (ook rij {first_row}), met verschillende waarden.",
        "en": "Story {code} appears twice (also row {first_row}) with different values.",
    },
    "unknown_parent": {
        "nl": "Story {code} hoort bij {parent}, maar die story staat niet in het bestand.",
        "en": "Story {code} belongs to {parent}, which is not in the file.",
    },
    "self_parent": {"nl": "Story {code} hoort bij zichzelf.", "en": "Story {code} is its own parent."},
    "totals_mismatch": {
        "nl": "De totaalregel noemt {stated}, de stories tellen op tot {computed}.",
        "en": "The totals row states {stated}; the stories add up to {computed}.",
    },
    "profile_column_missing": {
        "nl": "Kolom '{column}' uit het profiel (voor {field}) ontbreekt.",
        "en": "Column '{column}' from the profile (for {field}) is missing.",
    },
    "already_loaded": {
        "nl": "Dit bestand is al geladen: {programme}, peildatum {report_date}.",
        "en": "This file is already loaded: {programme}, report date {report_date}.",
    },
    "report_exists": {
        "nl": "Er is al een rapportage van {programme} met peildatum {report_date}; bevestig om die te vervangen.",
        "en": "{programme} already has a report dated {report_date}; confirm to replace it.",
    },
    "totals_checked": {
        "nl": "{count} totaalregel(s) gevonden en gecontroleerd tegen de stories die ze optellen; niet als story geladen.",
        "en": "{count} totals row(s) found and checked against the stories they add up; not loaded as stories.",
    },
    "column_chosen": {
        "nl": "Meerdere kolommen kunnen {field} zijn: gekozen is {chosen} ({rule}); niet {others}. Kies een andere in de kolomtoewijzing (of met --mapping).",
        "en": "Several columns could be the {field}: took {chosen} ({rule}); not {others}. Choose another in the column mapping (or with --mapping).",
    },
    "rule_group": {"nl": "in dezelfde groep als de andere bedragen", "en": "in the same group as the other amounts"},
    "rule_period": {
        "nl": "het bedrag van de periode, niet van de hele looptijd",
        "en": "the period's amount, not the whole life",
    },
    "rule_not_benefits": {"nl": "kosten, geen baten", "en": "costs, not benefits"},
    "rule_filled": {"nl": "de meest gevulde kolom", "en": "the column with the most values"},
    "rule_first": {"nl": "de eerste van gelijke kolommen", "en": "the first of equal columns"},
    "rule_values": {
        "nl": "aan de waarden: stoplichtwoorden onder een kop die geen veld noemt",
        "en": "by its values: light words under a header that names no field",
    },
    "column_passed_over": {
        "nl": "kolom {label}: {kind} (zoals {examples}), niet gebruikt: {why}. Hoort hij erbij, kies hem dan in de kolomtoewijzing (of met --mapping).",
        "en": "column {label}: {kind} (such as {examples}), not used: {why}. If it belongs in, choose it in the column mapping (or with --mapping).",
    },
    "passed_not_named": {"nl": "de kop noemt geen veld", "en": "its header names no field"},
    "passed_values_differ": {
        "nl": "de kop wijst op {field}, maar de waarden zijn {seen}",
        "en": "its header reads as {field}, but its values are {seen}",
    },
    "passed_benefits": {"nl": "de kop noemt baten, geen kosten", "en": "its header says benefits, not costs"},
    "passed_other_column": {
        "nl": "een andere kolom is als {field} gekozen",
        "en": "another column was taken as {field}",
    },
    "holds_numbers": {"nl": "getallen", "en": "numbers"},
    "holds_lights": {"nl": "stoplichtwoorden", "en": "light words"},
    "holds_percents": {"nl": "percentages", "en": "percentages"},
    "holds_prose": {"nl": "lopende tekst", "en": "prose"},
    "holds_dates": {"nl": "datums", "en": "dates"},
    "holds_years": {"nl": "jaartallen", "en": "years"},
    "holds_text": {"nl": "tekst", "en": "text"},
    "holds_benefits": {"nl": "baten", "en": "benefits"},
    "several_periods": {
        "nl": "De kolom '{header}' bevat {count} jaren ({periods}) met dezelfde stories: een rapportage is één periode, jaren worden nooit opgeteld. Kies één jaar (opdrachtregel: --period {example}), of laat de peildatum weg om één rapportage per jaar te laden.",
        "en": "Column '{header}' holds {count} years ({periods}) with the same stories: a report is one period, and years are never added up. Choose one year (command line: --period {example}), or leave out the report date to load one report per year.",
    },
    "periods_split": {
        "nl": "De kolom '{header}' bevat {count} jaren ({periods}) met dezelfde stories: één rapportage per jaar, elk met peildatum het einde van dat jaar (31-12; een boekjaar als 2023/24 op 31-03). Een andere datum of één jaar: kies het jaar (--period) en de peildatum.",
        "en": "Column '{header}' holds {count} years ({periods}) with the same stories: one report per year, each dated at the end of its year (31 Dec; a financial year such as 2023/24 on 31 Mar). For another date or one year: choose the year (--period) and the report date.",
    },
    "unknown_period": {
        "nl": "Geen rijen met periode '{period}'; het bestand noemt: {periods}.",
        "en": "No rows with period '{period}'; the file names: {periods}.",
    },
    "chosen_period": {
        "nl": "Alleen periode '{period}' gelezen ({rows} rijen).",
        "en": "Only period '{period}' read ({rows} rows).",
    },
    "mixed_currencies": {
        "nl": "meer dan één valuta ({values}): bedragen in verschillende valuta tellen niet op tot één bedrag, dus er is niets geladen. Laad de bedragen per valuta als een eigen bestand, of reken ze eerst om.",
        "en": "more than one currency ({values}): amounts in different currencies do not add up to one amount, so nothing was loaded. Load the amounts of each currency as a file of its own, or convert them first.",
    },
    "sheet_passed_over": {
        "nl": "Blad '{chosen}' gelezen: het eerste blad, '{sheet}', heeft geen kopregel met stories en bedragen (een voorblad?). Een ander blad? Kies het blad (opdrachtregel: --sheet).",
        "en": "Sheet '{chosen}' read: the first sheet, '{sheet}', has no header row of stories and amounts (a cover sheet?). Another sheet? Choose the sheet (command line: --sheet).",
    },
    "subtotal_by_value": {
        "nl": "Rij {row} ('{title}') telt precies de {count} stories op de rijen {first} tot en met {last} erboven op: gelezen als een subtotaal, niet als story, zodat dat geld niet twee keer telt. Is het toch een story, geef dan elke story een nummer (een kolom Nr) en laad opnieuw.",
        "en": "Row {row} ('{title}') adds up exactly the {count} stories on rows {first} to {last} above it: read as a subtotal, not a story, so that this money is not counted twice. If it is a story after all, give every story a number (a No. column) and load again.",
    },
    "locale_assumed_grouping": {
        "nl": "Getalnotatie aangenomen: '{value}' gelezen als {integer} (de '{mark}' scheidt duizendtallen, zoals gebruikelijk in dit soort bestand); het kan ook {whole} zijn met de decimalen {three}, en niets anders in de bedragen zegt welke. Klopt het niet, kies de getalnotatie (opdrachtregel: --locale nl of --locale en).",
        "en": "Number notation assumed: '{value}' read as {integer} (the '{mark}' separates thousands, as usual in this kind of file); it may also be {whole} with the decimals {three}, and nothing else in the amounts tells which. If that is wrong, choose the number notation (command line: --locale nl or --locale en).",
    },
    "locale_assumed_decimal": {
        "nl": "Getalnotatie aangenomen: '{value}' gelezen als {whole} met de decimalen {three} (de '{mark}' als decimaalteken, zoals gebruikelijk in dit soort bestand); het kan ook {integer} zijn, en niets anders in de bedragen zegt welke. Klopt het niet, kies de getalnotatie (opdrachtregel: --locale nl of --locale en).",
        "en": "Number notation assumed: '{value}' read as {whole} with the decimals {three} (the '{mark}' as the decimal sign, as usual in this kind of file); it may also be {integer}, and nothing else in the amounts tells which. If that is wrong, choose the number notation (command line: --locale nl or --locale en).",
    },
    "currency_read": {
        "nl": "Valuta {currency}, {source}. Een andere? Kies de valuta (opdrachtregel: --currency).",
        "en": "Currency {currency}, {source}. Another? Choose the currency (command line: --currency).",
    },
    "currency_assumed_dollar": {
        "nl": "Een los '$'-teken ({source}) gelezen als Amerikaanse dollars (USD); het kan ook Canadees, Australisch of een andere dollar zijn. Kies de juiste valuta (opdrachtregel: --currency CAD).",
        "en": "A bare '$' ({source}) read as US dollars (USD); it may be Canadian, Australian or another dollar. Choose the right currency (command line: --currency CAD).",
    },
    "currency_conflict": {
        "nl": "de cellen tonen {shown}, de rapportage is gelezen in {currency}: controleer de valuta.",
        "en": "the cells show {shown}, the report is read in {currency}: check the currency.",
    },
    "currency_source_meta": {
        "nl": "uit de regel Valuta boven de kopregel",
        "en": "from the Currency line above the header",
    },
    "currency_source_header": {"nl": "uit de eenheid in een kolomkop", "en": "from the unit in a column header"},
    "currency_source_format": {"nl": "uit de getalnotatie van de cellen", "en": "from the cells' number format"},
    "currency_source_cells": {"nl": "uit het teken in de bedragen", "en": "from the sign in the amounts"},
    "currency_source_default": {
        "nl": "aangenomen: het bestand noemt geen valuta",
        "en": "assumed: the file names no currency",
    },
    "unit_not_understood": {
        "nl": "'{text}' lijkt een eenheid maar is niet begrepen; bedragen gelezen als hele eenheden. Kies de eenheid (opdrachtregel: --unit).",
        "en": "'{text}' looks like a unit and was not understood; amounts read in full units. Choose the unit (command line: --unit).",
    },
    "of_which_rows": {
        "nl": "{count} regel(s) 'waarvan ...' (rijen {rows}) uitsplitsing van de regel erboven: als onderdeel daarvan geladen, niet nog eens opgeteld in de totalen.",
        "en": "{count} 'of which' line(s) (rows {rows}) break down the line above: loaded as its sub-items, not added to the totals a second time.",
    },
    "of_which_without_parent": {
        "nl": "Een regel 'waarvan ...' zonder regel erboven waarvan hij een deel is.",
        "en": "An 'of which' line without a line above it to be part of.",
    },
    "currency_input": {"nl": "Valuta", "en": "Currency"},
    "currency_auto": {"nl": "uit het bestand", "en": "from the file"},
    "year_input": {"nl": "Jaar", "en": "Year"},
    "year_all": {"nl": "alle jaren, één rapportage per jaar", "en": "all years, one report each"},
    "transposed_layout": {
        "nl": "De veldnamen staan onder elkaar in kolom A ({fields}), met één kolom per story: het blad is gekanteld opgezet. Lees het gekanteld in: vink 'Gekanteld inlezen' aan (opdrachtregel: --transpose).",
        "en": "The field names run down column A ({fields}), with one column per story: the sheet is laid out turned. Read it turned: tick 'Read turned' (command line: --transpose).",
    },
    "read_turned": {
        "nl": "Gekanteld ingelezen: elke kolom is een story, de veldnamen staan in kolom A.",
        "en": "Read turned: each column is a story, the field names are in column A.",
    },
    "transpose_input": {
        "nl": "Gekanteld inlezen (veldnamen in kolom A)",
        "en": "Read turned (field names in column A)",
    },
    "header_row_input": {"nl": "Kopregel op rij", "en": "Header row"},
    "duplicates_told_apart": {
        "nl": "De story-nummers zijn alleen samen met kolom {label} uniek ({count} waarden: {values}): het bestand bevat meerdere tabellen in één (hoofdstukken, soorten bedragen). Laad ze apart (filter het bestand op die kolom), of kies als story-nummer een kolom die elke rij één keer noemt.",
        "en": "The story numbers are unique only together with column {label} ({count} values: {values}): the file holds several tables in one (chapters, kinds of money). Load them one at a time (filter the file on that column), or choose as story number a column that names each row once.",
    },
    "unit_shown_by_format": {
        "nl": "de kop noemt x{multiplier}, maar dat is wat de getalnotatie van de cellen toont: de cellen zelf bevatten hele bedragen en zijn zo gelezen.",
        "en": "the header says x{multiplier}, but that is what the cells' number format shows: the cells themselves hold full amounts and were read so.",
    },
    "unit_format_conflict": {
        "nl": "de kop noemt x{multiplier}, de getalnotatie van de cellen toont ze gedeeld door {shown}: controleer de eenheid (opdrachtregel: --unit).",
        "en": "the header says x{multiplier}, the cells' number format shows them divided by {shown}: check the unit (command line: --unit).",
    },
    "unit_from_format": {
        "nl": "de getalnotatie van de cellen noemt de eenheid x{multiplier}: zo gelezen.",
        "en": "the cells' number format names the unit x{multiplier}: read so.",
    },
    "unit_row": {
        "nl": "De rij onder de kopregel noemt de eenheden: gelezen als deel van de kolomkoppen.",
        "en": "The row below the header names the units: read as part of the column headers.",
    },
    "amounts_not_recognised": {
        "nl": "Geen kolom is als bedrag herkend, maar {columns} bevatten getallen. Zeg in de kolomtoewijzing welke het budget, besteed of de prognose is (opdrachtregel: een profiel met --mapping); zijn het geen bedragen, bewaar dan de toewijzing zonder ze.",
        "en": "No column was recognised as an amount, yet {columns} hold numbers. Say in the column mapping which is the budget, spent or forecast (command line: a profile with --mapping); if they are no amounts, save the mapping without them.",
    },
    "ambiguous_profile_column": {
        "nl": "Het profiel noemt '{header}' voor {field}, maar die kop staat in meerdere kolommen: {candidates}. Kies er een op positie (bijvoorbeeld '{example}').",
        "en": "The profile names '{header}' for {field}, and the file has that header in several columns: {candidates}. Choose one by position (for example '{example}').",
    },
    "ambition_is_identifier": {
        "nl": "kolom {letter} ('{header}') is gekozen als {field} én als ambitie; hij telt als {field}, de ambitie blijft leeg. Kies voor de ambitie een andere kolom.",
        "en": "column {letter} ('{header}') is chosen as {field} and as ambition; it counts as {field} and the ambition stays empty. Choose another column for the ambition.",
    },
    "profile_column_moved": {
        "nl": "Het profiel kiest kolom {letter} als '{header}' voor {field}, maar kolom {letter} heet nu '{found}'.",
        "en": "The profile takes column {letter} as '{header}' for {field}, but column {letter} is now '{found}'.",
    },
    "ragged_row": {
        "nl": "{fields} velden, de kopregel heeft er {header_fields} (een scheidingsteken in een waarde verschuift alle waarden erna).",
        "en": "{fields} fields, the header has {header_fields} (a separator inside a value shifts every value after it).",
    },
    "formulas_worked_out": {
        "nl": "{cells_count} formulecel(len) zonder berekende waarde uitgerekend (het bestand is door een programma geschreven en niet in Excel bewaard).",
        "en": "{cells_count} formula cell(s) without a calculated value worked out (the file was written by a program, not saved by Excel).",
    },
    "too_many_formulas": {
        "nl": "Meer dan {limit_count} formules zonder berekende waarde: te veel om uit te rekenen. Open en bewaar het bestand in Excel, of exporteer de waarden.",
        "en": "More than {limit_count} formulas without a calculated value: too many to work out. Open and save the file in Excel, or export values.",
    },
    "formula_function": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: de functie {name} rekent het laden niet uit. Open en bewaar het bestand in Excel, of exporteer de waarden.",
        "en": "{cell}: ={formula} could not be worked out: the loader does not work out the function {name}. Open and save the file in Excel, or export values.",
    },
    "formula_circular": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: een kringverwijzing (de formule leest haar eigen cel, direct of via andere).",
        "en": "{cell}: ={formula} could not be worked out: a circular reference (the formula reads its own cell, directly or through others).",
    },
    "formula_elsewhere": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: ze leest {place}, buiten dit werkblad.",
        "en": "{cell}: ={formula} could not be worked out: it reads {place}, outside this sheet.",
    },
    "formula_error_value": {
        "nl": "{cell}: ={formula} geeft {value}, een fout en geen waarde.",
        "en": "{cell}: ={formula} gives {value}, an error, not a value.",
    },
    "formula_depends": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: ze leest {other}, dat niet kon worden uitgerekend.",
        "en": "{cell}: ={formula} could not be worked out: it reads {other}, which could not be worked out.",
    },
    "formula_text_number": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: ze rekent met de tekst '{text}', die Excel naar de landinstelling van de computer als getal leest.",
        "en": "{cell}: ={formula} could not be worked out: it calculates with the text '{text}', which Excel reads as a number by the computer's locale.",
    },
    "formula_unreadable": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: een soort formule die het laden niet leest. Open en bewaar het bestand in Excel, of exporteer de waarden.",
        "en": "{cell}: ={formula} could not be worked out: a kind of formula the loader does not read. Open and save the file in Excel, or export values.",
    },
    "formula_too_much": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend: alle formules van het blad uitrekenen vraagt meer dan {limit_count} cellen te lezen.",
        "en": "{cell}: ={formula} could not be worked out: working out the sheet's formulas takes more than {limit_count} cell reads.",
    },
    "formula_in_totals_row": {
        "nl": "{cell}: ={formula} kon niet worden uitgerekend; een totaalregel, die zonder deze cel wordt gelezen en in deze kolom niet wordt gecontroleerd.",
        "en": "{cell}: ={formula} could not be worked out; a totals row, read without this cell and not checked on this column.",
    },
    "formulas_not_worked_out_more": {
        "nl": "En nog {cells_count} cel(len) waarvan de formule niet kon worden uitgerekend.",
        "en": "And {cells_count} more cell(s) whose formula could not be worked out.",
    },
    "unit_extended": {
        "nl": "'{declared}' noemt de eenheid x{multiplier}; {columns} noemen geen eenheid en hebben bedragen van dezelfde grootte: ook als x{multiplier} gelezen. Zijn het hele bedragen, kies dan eenheid 1 (of --unit 1).",
        "en": "'{declared}' declares the unit x{multiplier}; {columns} declare none and hold figures of the same size: read as x{multiplier} too. If they are in full units, choose unit 1 (or --unit 1).",
    },
    "magnitude_mismatch": {
        "nl": "{first} en {second} verschillen in dezelfde rijen ongeveer een factor {factor}: staat er een in duizenden? Kies de eenheid (of --unit).",
        "en": "{first} and {second} differ by a factor of about {factor} in the same rows: is one of them in thousands? Choose the unit (or --unit).",
    },
    "unit_column": {
        "nl": "De kolom zegt '{value}': bedragen zonder eigen eenheid gelezen als x{multiplier}.",
        "en": "The column says '{value}': amounts without a unit of their own read as x{multiplier}.",
    },
    "mixed_units": {
        "nl": "De kolom noemt meerdere eenheden ({values}); splits het bestand per eenheid.",
        "en": "The column names several units ({values}); split the file by unit.",
    },
    "no_value_words": {
        "nl": "{count} cel(len) zeggen dat er geen waarde is ({words}); behandeld als ontbrekend, niet als nul.",
        "en": "{count} cell(s) say there is no value ({words}); treated as missing, not as zero.",
    },
    "realised_as_spent": {
        "nl": "Realisatie gelezen als besteed: het bestand heeft geen kolom met verplichtingen.",
        "en": "Realised read as spent: the file has no commitments column.",
    },
    "roles_by_values": {
        "nl": "'{code}' bevat korte nummers: gelezen als story-nummer; '{title}' bevat zinnen: gelezen als titel.",
        "en": "'{code}' holds short identifiers: read as the story number; '{title}' holds sentences: read as the title.",
    },
    "same_file_elsewhere": {
        "nl": "Precies dit bestand is al geladen als {programme}, peildatum {report_date}. Bevestig om het ook als {new_programme}, peildatum {new_report_date} te laden (opdrachtregel: --same-file).",
        "en": "This exact file is already loaded as {programme}, report date {report_date}. Confirm to load it also as {new_programme}, report date {new_report_date} (command line: --same-file).",
    },
    "programme_close": {
        "nl": "Er is geen programma '{programme}'; bedoelt u '{suggestion}'? Een nieuw programma begint alleen als u daarvoor kiest (opdrachtregel: --new-programme).",
        "en": "There is no programme '{programme}'; did you mean '{suggestion}'? A new programme starts only when you choose one (command line: --new-programme).",
    },
    "programme_same": {
        "nl": "'{typed}' is gelezen als het bekende programma '{programme}': dezelfde naam, anders geschreven (hoofdletters, spaties, leestekens of accenten).",
        "en": "'{typed}' is taken as the known programme '{programme}': the same name, written another way (case, spaces, punctuation or accents).",
    },
    "programme_twice": {
        "nl": "Het bestand noemt {programme} op {report_date} twee keer, anders geschreven; maak er één programma van.",
        "en": "The file names {programme} on {report_date} twice, written in two ways; make them one programme.",
    },
    "programme_choice": {"nl": "Welk programma is '{programme}'?", "en": "Which programme is '{programme}'?"},
    "programme_use_existing": {"nl": "Het bestaande programma '{name}'", "en": "The existing programme '{name}'"},
    "programme_start_new": {
        "nl": "Een nieuw programma '{name}' beginnen",
        "en": "Start a new programme named '{name}'",
    },
    "missing_inputs": {
        "nl": "Het bestand noemt geen {what}; vul die hierboven in (opdrachtregel: {flags}).{found}",
        "en": "The file does not name the {what}; fill them in above (command line: {flags}).{found}",
    },
    "missing_programme_word": {"nl": "programma", "en": "programme"},
    "missing_date_word": {"nl": "peildatum", "en": "report date"},
    "and": {"nl": "en", "en": "and"},
    "found_in_name": {"nl": " In de bestandsnaam staat {value}.", "en": " The file name says {value}."},
    "found_in_title": {"nl": " De titelregel zegt '{value}'.", "en": " The title row says '{value}'."},
    "row": {"nl": "rij", "en": "row"},
    "column": {"nl": "kolom", "en": "column"},
}


def change_counts(counts: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """A Comparison's counts in one line: stories new, removed, changed, worse, better; then, where there
    are any, sub-items listed or no longer listed and titles different only in spaces or punctuation."""
    parts = [t("change_counts", lang, **counts)]
    for name, key in (
        ("sub_items_removed", "change_counts_sub_items_removed"),
        ("sub_items_added", "change_counts_sub_items_added"),
        ("retitled", "change_counts_retitled"),
    ):
        if counts.get(name):
            parts.append(t(key, lang, n=counts[name]))
    return " · ".join(parts)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text for `key` in `lang`, with {placeholders} filled."""
    entry = TEXT[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def tmd(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """t() for Markdown elements: the filled-in values (from spreadsheets, users) are escaped."""
    from portfolio.fmt import md

    return t(key, lang, **{k: md(v) if isinstance(v, str) else v for k, v in params.items()})
