"""Upload: read an export, show what was understood and what would change, commit only on request."""

import dataclasses
import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from pages._ui import access, save_watch, sections, sidebar, tables
from portfolio import compare, db, fmt, ingest, mapping, names, profiles, roles
from portfolio.currencies import CODES
from portfolio.i18n import t, tmd
from portfolio.ingest.commit import programme_matches, settle_programmes, with_programmes
from portfolio.problems import LoadRefused, Problem, error, for_page, message, page_message

EXTENSIONS = ["xlsx", "xlsm", "xls", "csv", "tsv", "txt"]
UNITS = [0, 1, 1000, 1_000_000]  # 0: what the file says (headers, a unit column)
LOCALES = ["auto", "nl", "en"]
CURRENCIES = ["auto", *CODES]  # vocabulary.toml [currencies], as the cells are read
MAX_LISTED_PROBLEMS = 20
PREVIEW_ROWS = 25
MAPPING_COLUMNS = 3  # selectors wide enough for 'I · Financial Year 2023/24 (£m) · Baseline'
NEW_PROGRAMME = ""  # the choice 'start a new programme' beside the known ones (a known name is never empty)
EARLIEST_DATE = dt.date(1990, 1, 1)  # budget histories go back decades, not the widget's default ten years

ctx = sidebar.context(with_filters=False)
lang = ctx.lang
access.require(roles.UPLOAD, None, lang)  # in at least one programme; each report is checked below
st.title(t("page_upload", lang))
st.caption(t("upload_intro", lang))
save_watch.watch(lang)  # a save lost with its server (the browser moved to another) is said here
for note in st.session_state.pop("upload_done", []):
    st.success(note)
    st.page_link("pages/overview.py", label=t("to_overview", lang), icon=":material/dashboard:")

uploader_key = f"upload_file_{st.session_state.get('upload_round', 0)}"  # a new key empties the uploader
uploaded = st.file_uploader(t("upload_file", lang), type=EXTENSIONS, key=uploader_key)
if uploaded is None:
    st.stop()
data = uploaded.getvalue()
save_watch.file_name(uploaded.name)
checksum = ingest.checksum(data)
if st.session_state.get("upload_checksum") != checksum:  # a new file: forget the previous file's choices
    # a new file: forget the previous file's choices, its programme and date too (never save one
    # file under the programme typed for another)
    forget = ["upload_sheet", "upload_profile", "upload_programme", "upload_date", "upload_profile_name"]
    forget += ["upload_period", "upload_currency", "upload_transpose", "upload_header_row"]
    for key in [k for k in st.session_state if str(k).startswith(("map_", "upload_programme_choice_"))] + forget:
        st.session_state.pop(key, None)
    st.session_state["upload_checksum"] = checksum


def parse(**options) -> ingest.ParsedExport:
    """Parse once per file and set of choices; reruns for other widgets reuse the result."""
    key = (checksum, repr(sorted(options.items(), key=str)))
    cache = st.session_state.setdefault("upload_parsed", {})
    if key not in cache:
        with st.spinner(t("reading", lang)):
            cache.clear()
            from portfolio.sandbox import parse_untrusted  # in a child: a hostile file cannot take the server down

            cache[key] = parse_untrusted(data, uploaded.name, **options)
    return cache[key]


# --- settings the file may not carry ------------------------------------------------------------
for key, value in st.session_state.pop("upload_profile_options", {}).items():  # from a matching profile
    st.session_state[key] = value
with st.expander(t("settings", lang), expanded=True):
    left, middle, right, far, farthest = st.columns(5)
    programme = left.text_input(t("programme_input", lang), key="upload_programme").strip() or None
    report_date = middle.date_input(
        t("date_input", lang),
        value=None,
        min_value=EARLIEST_DATE,
        max_value=dt.date.today() + dt.timedelta(days=3 * 366),
        format="DD-MM-YYYY",
        key="upload_date",
    )
    unit = right.selectbox(t("unit_input", lang), UNITS, format_func=lambda u: t(f"unit_{u}", lang), key="upload_unit")
    locale = far.selectbox(
        t("locale_input", lang), LOCALES, format_func=lambda v: t(f"locale_{v}", lang), key="upload_locale"
    )
    currency = farthest.selectbox(
        t("currency_input", lang),
        CURRENCIES,
        format_func=lambda c: t("currency_auto", lang) if c == "auto" else c,
        key="upload_currency",
    )
options = {
    "programme": programme,
    "report_date": report_date,
    "unit": unit or None,
    "locale": None if locale == "auto" else locale,
    "currency": None if currency == "auto" else currency,
}

first = parse(**options)
# a sheet laid out turned (field names down column A): read turned only when the user says so
# no header row found: the user says which row holds the headers
if any(p.key == "no_header" for p in first.problems) or st.session_state.get("upload_header_row"):
    header_row = st.number_input(
        t("header_row_input", lang), min_value=0, max_value=30, step=1, key="upload_header_row"
    )
    if header_row:
        options["header_row"] = int(header_row)
        first = parse(**options)
turned_sheet = any(p.key == "transposed_layout" for p in first.problems) or st.session_state.get("upload_transpose")
if turned_sheet and st.checkbox(t("transpose_input", lang), key="upload_transpose"):
    options["transpose"] = True
    first = parse(**options)
# a file that stacks several years: all of them (one report each) or one chosen year
stacked = next((p for p in first.problems if p.key in ("several_periods", "periods_split")), None)
if stacked is not None or st.session_state.get("upload_period", "all") != "all":
    years = stacked.params["periods"].split(", ") if stacked is not None else []
    chosen_year = st.selectbox(
        t("year_input", lang),
        ["all", *years] if years else ["all", st.session_state["upload_period"]],
        format_func=lambda y: t("year_all", lang) if y == "all" else y,
        key="upload_period",
    )
    if chosen_year != "all":
        options["period"] = chosen_year
        first = parse(**options)
sheet = None
if len(first.sheets) > 1:
    read = first.sheets.index(first.sheet) if first.sheet in first.sheets else 0  # a cover sheet passed over
    sheet = st.selectbox(t("sheet", lang), first.sheets, index=read, key="upload_sheet")
    passed_over = [p for p in first.problems if p.key == "sheet_passed_over" and sheet == first.sheet]
    first = parse(sheet=sheet, **options)
    first.problems[:0] = passed_over  # still said while the sheet read is the one chosen for the user

# --- column mapping: detected or from a saved profile, correctable ----------------------------------
headers = first.headers
if "upload_profile" not in st.session_state:
    found = profiles.find(ctx.cur, headers) if headers else None
    st.session_state["upload_profile"] = found["name"] if found else None
    for name, entry in (found["mapping"] if found else {}).items():
        index = mapping.resolve_entry(entry, headers)
        if index is not None:
            st.session_state[f"map_{name}"] = index
    saved = (found or {}).get("options", {})
    wanted = {
        "upload_unit": saved.get("unit") or 0,
        "upload_locale": saved.get("locale") or "auto",
        **({"upload_sheet": saved["sheet"]} if saved.get("sheet") in first.sheets else {}),
    }
    if found and any(st.session_state.get(k) != v for k, v in wanted.items()):
        st.session_state["upload_profile_options"] = wanted  # widgets exist already: apply on a rerun
        st.rerun()
chosen: dict[str, str] = {}
if headers:
    with st.expander(t("mapping", lang), expanded=bool(first.errors)):
        if st.session_state["upload_profile"]:
            st.info(tmd("profile_used", lang, name=st.session_state["upload_profile"]))
        st.caption(t("mapping_help", lang))
        columns = st.columns(MAPPING_COLUMNS)
        choices = [-1, *range(len(headers))]
        for position, name in enumerate(mapping.FIELDS):
            key = f"map_{name}"
            if key not in st.session_state:
                st.session_state[key] = first.mapping.get(name, -1)
            index = columns[position % MAPPING_COLUMNS].selectbox(
                t(name, lang),
                choices,
                key=key,
                format_func=lambda i: t("not_mapped", lang) if i < 0 else mapping.column_label(i, headers[i]),
            )
            if index >= 0:
                chosen[name] = mapping.column_label(index, headers[index])  # by position: repeated headers differ
        profile_name = st.text_input(
            t("profile_name", lang), value=uploaded.name.rsplit(".", 1)[0], key="upload_profile_name"
        )
        save = st.button(t("profile_save", lang), icon=":material/bookmark_add:", key="upload_profile_save")
        if save and chosen:
            profiles.save(  # in the store: every server has it, and a read-only repository is no matter
                ctx.cur,
                profile_name,
                chosen,
                {"unit": options["unit"], "locale": options["locale"], "sheet": sheet},
                access.user_name(),
            )
            st.session_state["upload_profile"] = profile_name
            st.success(tmd("profile_saved", lang, name=profile_name))

detected = {name: mapping.column_label(i, headers[i]) for name, i in first.mapping.items()}
# What was detected is parsed as detected (its choices said, as the command line says them); a
# corrected mapping is parsed as the user's own.
parsed = parse(sheet=sheet, mapping=chosen, **options) if chosen and chosen != detected else first

# --- the programme: a known one however it is written; a new one only when chosen ------------------
new_programmes: set[str] = set()
programme_blocked = False
not_yours: list[str] = []
if parsed.reports:
    renames: dict[str, str] = {}
    for typed, found in programme_matches(ctx.cur, parsed).items():
        candidates = access.current_access().visible(list(found.candidates))  # never name another's programme
        if found.kind != names.CLOSE or not candidates:
            continue
        st.warning(page_message(error("programme_close", programme=typed, suggestion=candidates[0]), lang))
        picked = st.radio(
            tmd("programme_choice", lang, programme=typed),
            [*candidates, NEW_PROGRAMME],
            format_func=lambda name, typed=typed: (
                tmd("programme_start_new", lang, name=typed)
                if name == NEW_PROGRAMME
                else tmd("programme_use_existing", lang, name=name)
            ),
            key=f"upload_programme_choice_{typed}",
        )
        if picked == NEW_PROGRAMME:
            new_programmes.add(typed)
        else:
            renames[typed] = picked
    try:  # the names as the store knows them ('mab flevoland' is 'MAB Flevoland', said among the notes)
        parsed = settle_programmes(ctx.cur, with_programmes(parsed, renames), new_programmes=new_programmes)
    except LoadRefused as refused:  # one programme written two ways for one date in this file
        st.error("\n".join(f"- {page_message(p, lang)}" for p in refused.problems))
        programme_blocked = True
    not_yours = sorted(
        {r.programme for r in parsed.reports if not access.current_access().may(roles.UPLOAD, r.programme)}
    )
    for name in not_yours:  # the role is per programme: this file names one the user may not load into
        st.error(access.lacks(roles.UPLOAD, name, lang))
    programme_blocked |= bool(not_yours)

# --- what was understood ---------------------------------------------------------------------------
st.header(t("understood", lang))
if parsed.header_row:
    kind = (
        tmd("kind_excel", lang, sheet=parsed.sheet)
        if parsed.grid_kind == "excel"
        else tmd("kind_text", lang, encoding=parsed.encoding, delimiter=parsed.delimiter)
    )
    st.caption(
        t(
            "understood_line",
            lang,
            row=parsed.header_row,
            kind=kind,
            locale=t(f"locale_{parsed.locale or 'nl'}", lang),
            currency=parsed.currency,
        )
        + "".join(
            f" · {t(f, lang)} {t('unit_applied', lang, unit=fmt.number(u, 0, lang))}"
            for f, u in parsed.units.items()
            if u != 1
        )
    )


def problem_rows(problems) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("row", lang): [p.row if p.row is not None else "" for p in problems],
            t("column", lang): [(p.column or "").replace("\n", " ") for p in problems],
            "": [for_page(message(Problem(p.level, p.key, None, None, p.params), lang)) for p in problems],
        }
    )


if parsed.errors:
    listed = "\n".join(f"- {page_message(p, lang)}" for p in parsed.errors[:MAX_LISTED_PROBLEMS])
    more = len(parsed.errors) - MAX_LISTED_PROBLEMS
    st.error(
        f"**{t('errors_found', lang)}**\n\n{listed}" + (f"\n\n{t('more_problems', lang, n=more)}" if more > 0 else "")
    )
if parsed.notes:
    st.info(f"**{t('notes_found', lang)}**\n\n" + "\n".join(f"- {page_message(p, lang)}" for p in parsed.notes))
if parsed.warnings:
    # warnings about the file as a whole (which column was chosen, a unit extended) are read, not
    # scanned: a list, open; warnings about rows go in a table with their row and column
    whole = [p for p in parsed.warnings if p.row is None]
    by_row = [p for p in parsed.warnings if p.row is not None]
    with st.expander(
        t("warnings_found", lang, n=len(parsed.warnings)), icon=":material/warning:", expanded=bool(whole)
    ):
        if whole:
            st.markdown("\n".join(f"- {page_message(p, lang)}" for p in whole))
        if by_row:
            st.dataframe(problem_rows(by_row), hide_index=True, width="stretch", key="upload_warnings")

# --- per report: totals, preview, what changes -------------------------------------------------------
needs_replace = []
for number, report in enumerate(parsed.reports):
    money = lambda v: fmt.money(v, parsed.currency, lang)  # noqa: E731
    st.header(tmd("preview", lang, programme=report.programme, date=fmt.date(report.report_date, lang)))
    totals = report.totals()
    tiles = st.columns(4)
    tiles[0].metric(t("n_stories", lang), len(report.stories), border=True)
    for tile, name in zip(tiles[1:], ("budget", "spent", "forecast")):
        tile.metric(t(name, lang), money(totals[name]), border=True)
    preview = report.stories.assign(variance=report.stories["forecast"] - report.stories["budget"])
    st.dataframe(
        tables.stories_table(
            dataclasses.replace(ctx, info={**ctx.info, "currency": parsed.currency}), preview.head(PREVIEW_ROWS)
        ),
        hide_index=True,
        width="stretch",
        column_config=tables.story_columns(lang, parsed.currency),
        key=f"upload_preview_{number}",
        row_height=tables.WRAPPING_ROW_HEIGHT,
        placeholder=tables.PLACEHOLDER,  # a missing amount shows a dash, not the English 'None'
    )
    previous, comparison = compare.against_database(ctx.cur, report.programme, report.report_date, report.stories)
    if comparison is None:
        st.caption(t("first_report", lang))
        continue
    st.markdown(f"**{t('changes_since', lang, date=fmt.date(previous['report_date'], lang))}**")
    sections.comparison_section(ctx, comparison, key=f"upload_changes_{number}")
    if pd.Timestamp(previous["report_date"]).date() == report.report_date:
        needs_replace.append(report)

# --- commit --------------------------------------------------------------------------------------------
replace = True
for report in needs_replace:
    replace &= st.checkbox(
        t("replace_confirm", lang, date=fmt.date(report.report_date, lang)),
        key=f"upload_replace_{report.programme}_{report.report_date}",
    )
same_file = False
for problem in ingest.same_file_elsewhere(ctx.cur, parsed) if not parsed.errors else []:
    st.warning(page_message(problem, lang))
    same_file = st.checkbox(
        tmd(
            "same_file_confirm",
            lang,
            programme=problem.params["new_programme"],
            date=fmt.date(parsed.reports[0].report_date, lang),
            loaded_as=problem.params["programme"],
            loaded_date=fmt.date(problem.params["report_date"], lang),
        ),
        key="upload_same_file",
    )
    replace &= same_file
if st.button(
    t("save", lang),
    type="primary",
    icon=":material/save:",
    disabled=bool(parsed.errors) or not replace or programme_blocked,
    key="upload_save",
):
    if not_yours or programme_blocked:  # a disabled button clicked anyway (a crafted message): refuse here too
        st.stop()
    try:
        with st.spinner(t("saving", lang)):
            done = ingest.commit(
                ctx.cur,
                parsed,
                loaded_by=access.user_name(),
                replace=bool(needs_replace),
                same_file=same_file,
                new_programmes=new_programmes,
            )
    except LoadRefused as refused:
        if [p.key for p in refused.problems] == ["already_loaded"]:
            st.info(t("already_saved", lang) + " " + page_message(refused.problems[0], lang))
        else:
            st.error(
                t("save_failed", lang) + "\n\n" + "\n".join(f"- {page_message(p, lang)}" for p in refused.problems)
            )
    except (db.DiskFull, db.WriteConflict) as problem:  # said as what it is: nothing was saved
        st.error(problem.text(lang))
    except (duckdb.Error, db.DatabaseBusy) as exc:
        st.error(f"{t('save_failed', lang)} ({fmt.md(exc)})")
    else:
        st.session_state["upload_done"] = [
            tmd(
                "saved",
                lang,
                programme=c.programme,
                date=fmt.date(c.report_date, lang),
                version=c.version,
                rows=c.rows,
            )
            for c in done
        ]
        sidebar.remember_selection(done[0].programme, done[0].report_date)
        st.session_state.pop("upload_parsed", None)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.rerun()
