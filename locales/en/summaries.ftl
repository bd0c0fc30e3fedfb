# Leaders' summaries, queries, charts and exports.
cmd-summary = Summary of a reporting period (default: the latest)
cmd-missing = Agencies that have not reported in a period
cmd-agency = One agency's report and history
cmd-compare = Compare agencies on one indicator
cmd-trend = One indicator over 12 periods (chart)
cmd-ranking = Annual ranking of agencies
cmd-chart = Chart of reports filed by agency kind
cmd-export = Export data: /export xlsx|csv|docx [period]

summaries-summary-title = REPORT SUMMARY, {$period}
summaries-completion-heading = Reports filed
summaries-completion-line = Filed {$reported}/{$required} agencies: on time {$onTime}, late {$late}, missing {$missing}.
summaries-completion-kind = {$reported}/{$required} (late {$late}, missing {$missing})
summaries-missing-named = Missing:
summaries-late-named = Filed late:
summaries-missing-title = Agencies that have not reported, {$period}
summaries-missing-none = Every agency has reported.
summaries-indicators-heading = Indicators
summaries-indicators-heading-compared = Indicators (compared with {$previous}, same agencies that filed this period)
summaries-aggregate-sum = Total
summaries-aggregate-avg = Average
summaries-aggregate-minmax = Lowest – highest
summaries-aggregate-share = Share
summaries-aggregate-count = Count
summaries-no-data = No data yet.
summaries-points = percentage points
summaries-flags-heading = Data-quality warnings
summaries-flags-none = No unusual figures found.
summaries-flags-more = … and {$count} more warnings: press «Warnings» under the summary, or see the «Warnings» sheet of the Excel file.
summaries-flag-contradiction = {$share} is contradictory: {$numerator} is {$numeratorValue}, more than {$denominator} at {$denominatorValue}.
summaries-flag-outlier = {$indicator} = {$value}, far from this agency's usual level (median of previous periods {$median}).
summaries-kind-all = Whole province
summaries-period-not-found = There is no reporting period {$period}.
summaries-period-fallback = There is no separate period for {$asked}; showing the latest period within it: {$shown}.
summaries-no-reports = No reporting period has data yet.
summaries-bad-year = “{ $text }” is not a valid year. Write the year with four digits, from { $min } to { $max }, e.g. “ranking 2026” or “11/2026”.
summaries-money-billion = {$value} billion VND
summaries-money-million = {$value} million VND
summaries-money-dong = {$value} VND
summaries-money-thousand = {$value} thousand VND
summaries-yes = Yes
summaries-no = No
summaries-attachment = (attachment)
summaries-more = … and {$count} more agencies.
summaries-status-on-time = On time
summaries-status-late = Late
summaries-status-missing = Missing
summaries-button-chart = 📊 Chart
summaries-button-compare = Compare an indicator
summaries-button-trend = 📈 12-period trend
summaries-compare-title = Comparison: {$indicator} — {$period}
summaries-compare-count = {$count} agencies with data, best first:
summaries-compare-choose = Choose an indicator to compare agencies on:
summaries-trend-choose = Choose an indicator to see its trend:
summaries-indicator-unknown = No indicator matches "{$query}".
summaries-trend-title = Trend over {$count} periods: {$indicator}
summaries-trend-basis-sum = Total of the agencies that reported
summaries-trend-basis-avg = Average of the agencies that reported
summaries-trend-basis-share = Overall share (%) = sum of numerators / sum of denominators
summaries-ranking-title = IT APPLICATION RANKING {$year}
summaries-ranking-empty = No reporting period of {$year} has passed its deadline yet.
summaries-ranking-periods = Over {$count} reporting periods past their deadline; 100 is the maximum.
summaries-ranking-timeliness-short = on time
summaries-ranking-how = How the score is made
summaries-ranking-how-timeliness = Reporting on time: weight {$weight} ({$share}%). A period on time scores in full, late scores half, missing scores 0.
summaries-ranking-how-indicator = {$indicator}: weight {$weight} ({$share}%). The mean over the periods, scaled 0–100 across agencies (highest = 100).
summaries-ranking-how-indicator-lower = {$indicator}: weight {$weight} ({$share}%). Lower is better; scaled 0–100 (lowest = 100).
summaries-ranking-how-total = Total = sum of (weight × part score) / sum of weights. An agency without data for an indicator scores 0 on it.
summaries-chart-completion-title = Reports filed, {$period}
summaries-chart-status = Status
summaries-chart-agencies = Agencies
summaries-chart-ranking-title = Ranking {$year} ({$count}/{$total} agencies)
summaries-chart-score = Score
summaries-agency-usage = Send /agency with the code or part of the agency's name, e.g. /agency Finance
summaries-agency-not-found = No agency "{$query}" within what you may see.
summaries-agency-choose = Several agencies match; choose one:
summaries-agency-parent = under {$parent}
summaries-agency-no-report = The agency has filed no report in recent periods.
summaries-agency-latest = Latest report: {$period}
summaries-agency-history = Last {$count} periods
summaries-export-usage = Usage: /export xlsx|csv|docx [period], e.g. /export xlsx month 10
summaries-export-caption-xlsx = Report data {$period} (Excel)
summaries-export-caption-csv = Report data {$period} (CSV)
summaries-export-caption-docx = Draft summary report {$period} (Word)
summaries-sheet-submissions = Agency reports
summaries-sheet-aggregates = Aggregates
summaries-sheet-flags = Warnings
summaries-col-no = No.
summaries-col-code = Code
summaries-col-agency = Agency
summaries-col-kind = Kind
summaries-col-parent = Parent agency
summaries-col-status = Status
summaries-col-submitted-at = Submitted at
summaries-col-indicator = Indicator
summaries-col-aggregate = Aggregation
summaries-col-previous = Previous period
summaries-col-flag = Warning
summaries-col-completion-required = Agencies required to report
summaries-col-completion-onTime = Filed on time
summaries-col-completion-late = Filed late
summaries-col-completion-missing = Missing
summaries-docx-governing-body = { $orgGoverningEn }
summaries-docx-issuer = { $orgSenderEn }
summaries-docx-number = No.:      /{ $orgNumberPrefixEn }
summaries-docx-motto-1 = SOCIALIST REPUBLIC OF VIETNAM
summaries-docx-motto-2 = Independence - Freedom - Happiness
summaries-docx-place-date = { $orgProvinceEn }, day      month      {$year}
summaries-docx-kind = REPORT
summaries-docx-intro = In monitoring, urging, checking and aggregating the implementation of the IT application plan at state agencies, { $orgCoordinatorEn } reports the results of {$period} as follows:
summaries-docx-section-completion = I. REPORTING
summaries-docx-completion = Agencies required to report: {$required}; reported: {$reported} (on time {$onTime}, late {$late}); not reported: {$missing}.
summaries-docx-section-indicators = II. RESULTS BY INDICATOR
summaries-docx-none = None.
summaries-docx-closing = { $orgCoordinatorEn } respectfully reports to { $orgReportsToEn } for consideration and direction.
summaries-docx-recipients = Recipients:
summaries-docx-recipient-1 = - { $orgReportsToEn } (for reporting);
summaries-docx-recipient-2 = - Reporting agencies;
summaries-docx-recipient-3 = - Archive: Office, IT division.
summaries-docx-signer-title = DIRECTOR
summaries-docx-signer-hint = (Signature, full name, seal)
summaries-docx-signer-name = ……………………
summaries-help-title = You can ask, for example:
summaries-help-body =
    • "which agencies have not reported in month 11" ("đơn vị nào chưa báo cáo tháng 11")
    • "summary Q3 2026", "summary this period", "summary last period"
    • "compare share of dossiers received online"
    • "trend online public services"
    • "ranking 2026"
    • "report of SO-TC" (an agency code or part of its name)
    • "chart", "export excel", "export word"
    Or use the commands: /summary, /missing, /agency, /compare, /trend, /ranking, /chart, /export.
    Periods: month 11, 11/2026, Q3 2026, 6 months, 9 months, year 2026, this period, last period.
summaries-includes-history = includes the figures of { $agencies }
summaries-sheet-merged = Merger history
summaries-merged-successor = Agency today
summaries-merged-predecessor = Includes the figures of
summaries-merged-effective = From
summaries-col-period = Period
summaries-agency-pick = Pick an agency (page { $page }/{ $pages }):

# Short answers (digests) and the parts behind their buttons.
summaries-change-up = up {$value}
summaries-change-down = down {$value}
summaries-change-same = unchanged
summaries-range = from {$min} to {$max}
summaries-group-agencies = {$count} agencies ({$names})
summaries-digest-title = SUMMARY, {$period}
summaries-digest-completion = Filed {$reported}/{$required} agencies ({$share}): on time {$onTime}, late {$late}, missing {$missing}.
summaries-digest-missing = Missing: {$names}.
summaries-digest-late = Late: {$names}.
summaries-digest-headline = Headline indicators:
summaries-digest-headline-compared = Headline indicators, against {$previous}:
summaries-digest-text-count = {$label}: {$count} agencies wrote.
summaries-digest-flags = Data warnings: {$count}.
summaries-button-indicators = Indicators
summaries-button-missing = Missing ({$count})
summaries-button-late = Late ({$count})
summaries-button-count = {$label} ({$count})
summaries-button-flags = Warnings ({$count})
summaries-button-export = Export
summaries-button-full = Full text
summaries-button-back = ‹ Summary
summaries-page = Page {$page}/{$pages}
summaries-export-choose = Choose a file format for {$period}:
summaries-ranking-row = {$rank}/{$total}. {$agency}: {$score} points (on time {$timeliness}%)
summaries-ranking-context = The province ranks {$total} agencies: top {$top} points, median {$median} points.
summaries-ranking-top = Top:
summaries-ranking-bottom = Bottom:
summaries-compare-top = Highest:
summaries-compare-bottom = Lowest:
summaries-agency-digest-history = Last {$count} periods: on time {$onTime}, late {$late}, missing {$missing}.
summaries-agency-digest-newest = Newest period, {$period}: {$status}.
summaries-agency-digest-texts = The {$period} report has: {$labels} (see Full text).
summaries-chart-ranking-title-ends = Ranking {$year}: top and bottom ({$count}/{$total} agencies)
summaries-trend-incomplete = {$count} agencies missing
summaries-scope-agency = {$agency}
summaries-scope-subtree = {$agency} and its subordinate agencies
summaries-docx-intro-agency = In accordance with the reporting rules, {$agency} reports its results for {$period} as follows:
summaries-docx-completion-agency = {$agency}: {$status}.
summaries-docx-closing-agency = {$agency} respectfully reports to { $orgCoordinator }./.
summaries-col-scope = Scope
# A quarter, half-year or year of a monthly template: the months it adds up, and who misses one.
summaries-coverage-months = Covers {$months}.
summaries-coverage-range = months {$from}–{$to}/{$year}
summaries-coverage-missing = {$count} agencies miss a month: {$agencies}.
summaries-coverage-agency = {$agency} ({$months})
summaries-coverage-more = {$agencies} and {$more} more
