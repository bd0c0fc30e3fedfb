# Periodic reports: filing, review, submit, amend, return, delegation.
report-cmd-report = File or continue your agency's report
report-cmd-status = Your agency's reporting status
report-cmd-openperiod = Open a reporting period
report-cmd-reopenperiod = Reopen a period for amendments after its deadline
report-cmd-closeperiod = Close a reporting period: no more filing or reminders
report-cmd-returnreport = Return a report for revision
report-cmd-delegate = Name a substitute reporter

report-yes = Yes
report-no = No
report-skipped = (skipped)
report-photo = Photo
report-file = File

report-not-reporter = You do not file reports for any agency (and have no current delegation).
report-no-open-period = No reporting period is open for your agency right now.
report-period-not-open = This reporting period is no longer open.
report-pick = Choose the report to file:
report-header = 📋 { $title }
    Agency: { $agency } · Period: { $period } · Deadline: { $deadline }
report-intro = Answer one question at a time; every answer is saved at once. Send /cancel to pause — the draft is kept.
report-resume = Continuing the draft: { $answered }/{ $total } questions answered.
report-editing-by-other = This report has a draft being edited by { $name } (last at { $since }, { $answered }/{ $total } questions answered). Press "Take over" if you want to continue instead.
report-took-over = You took over the draft of { $name } ({ $answered }/{ $total } questions answered).
report-taken-over = { $name } took over this report, so your last answer was not saved. Send /status to see where it stands.
report-notice-taken-over = { $name } took over the draft report of { $agency } for { $period } that you were editing.
report-amend-closed = The report was submitted at { $at } (reference { $ref }). Amendments closed on { $until }; contact { $orgCoordinatorEn } to reopen it.

report-progress = Question { $index }/{ $total }
report-current = Current answer: { $value }
report-previous = Last period: { $value }
report-hint-integer = Enter a whole number, e.g. 12.
report-hint-decimal = Enter a number, e.g. 1.5.
report-hint-percent = Enter a percentage from 0 to 100, e.g. 85 or 85.5.
report-hint-money = Enter an amount, e.g. 1.500.000, 200 triệu, 200tr or 1,5 tỷ.
report-hint-yes-no = Choose Yes or No.
report-hint-single-choice = Choose one option.
report-hint-multi-choice = Choose one or more options, then press Done.
report-hint-date = Enter a date as dd/mm/yyyy, e.g. 27/11/2026.
report-hint-short-text = Enter a short answer (at most 500 characters).
report-hint-long-text = Enter the text (at most 3,000 characters).
report-hint-attachment = Send a file or a photo.
report-hint-range = (From { $min } to { $max }.)
report-hint-optional = This question is optional.

report-button-skip = ⏭ Skip
report-button-keep = ↩️ Keep as is
report-button-previous = 🔁 Same as last period
report-button-edit = ✏️ Edit
report-button-back-review = ↩️ Review
report-edit-list = Pick the answer to change (page { $page }/{ $pages }):
report-review-more = … and { $count } more (see ✏️ Edit)
report-button-later = 💾 Save, finish later
report-button-done = ✅ Done
report-button-confirm = ✅ Confirm
report-button-retry = ✏️ Re-enter
report-button-submit = ✅ Submit report
report-button-resubmit = ✅ Submit amendment
report-button-take-over = ✋ Take over
report-button-stale = This button belongs to an old screen or another report, so nothing was done. Send /report to go on.
report-button-return = ↩️ Return for revision
report-button-fix = 📝 Revise the report
report-use-buttons = Please press one of the buttons above.

report-error-integer = Please enter a whole number, e.g. 12.
report-error-decimal = Please enter a number, e.g. 1.5.
report-error-percent = Please enter a number from 0 to 100.
report-error-money = Please enter an amount, e.g. 1.500.000, 200 triệu, 200tr or 1,5 tỷ.
report-error-money-fraction = The amount must be a whole number of đồng.
report-error-range = Please enter a number from { $min } to { $max }.
report-error-min = Please enter a number not less than { $min }.
report-error-max = Please enter a number not greater than { $max }.
report-error-yes-no = Please choose Yes or No.
report-error-choice = Please choose an option with the buttons under the question.
report-error-multi-none = Please choose at least one option, then press Done.
report-error-date = Please enter a date as dd/mm/yyyy, e.g. 27/11/2026.
report-error-text = Please answer with text.
report-error-characters = The text contains a character that cannot be shown ({ $character }). Please type it again.
report-error-too-long = The text is too long ({ $length } characters). Please shorten it to at most { $max } characters.
report-error-attachment = Please send a file or a photo.
report-error-lte = { $label } ({ $value }) may not be greater than { $other } ({ $otherValue }).
report-confirm-lte = { $label } ({ $value }) is greater than { $other } ({ $otherValue }). Do you confirm this figure is correct?

report-review-title = Review your answers:
report-review-help = Press ✏️ Edit to pick an answer to change, or submit the report.
report-review-help-readonly = The report cannot be changed now.
report-review-returned = ↩️ The report was returned for revision: "{ $comment }"
report-review-amending = Submitted (version { $version }, reference { $ref }). You can amend it until the end of { $until }.
report-review-amend-closed = Submitted (reference { $ref }); amendments closed ({ $deadline }).
report-review-period-closed = The reporting period is closed.
report-saved-for-later = 💾 The draft is saved. Send /report when you want to continue.
report-submitted = ✅ Report "{ $title }" for { $period } of { $agency } submitted.
    Reference: { $ref }
    Submitted at { $at } — { $timeliness } (deadline { $deadline }).
report-resubmitted = ✅ Amendment (version { $version }) of the { $period } report of { $agency } submitted.
    Reference: { $ref }
    Answers changed: { $changed }. Submitted at { $at }.
report-submit-unchanged = Nothing changed since the submitted version (reference { $ref }).
report-submitted-amend-until = You can amend it until the end of { $until } with /report.
report-submitted-amend-closed = The amendment window has passed; to change it, ask { $orgCoordinatorEn } to reopen the period.
report-on-time = on time
report-late = late
report-refused-period-closed = The reporting period is closed; the report can no longer be changed or submitted.
report-refused-amend-closed = Amendments to this report are closed.
report-refused-missing = This report no longer exists.
report-changed-meanwhile = Someone else changed this report after this screen was shown, so that was not done. Here is where the report stands now.
report-screen-behind = This screen is out of date: your report was saved one step further (the system may have stopped half-way last time). Here is where it stands now.
report-saved-as-current = Saved “{ $value }” as the answer to question { $index }: { $label }. If you meant another question, change it on the review screen.
report-refused-no-right = You no longer report for this agency (or your delegation has ended), so you cannot change or submit its report. Your last answer was not saved; everything saved before is kept.

report-period-label = Period { $period }
report-short-not-started = not started
report-short-draft = draft { $answered }/{ $total }
report-short-submitted = submitted
report-short-returned = returned
report-status-title = 📊 Reporting status
report-status-line = • { $title } — { $period } (deadline { $deadline }): { $status }
report-status-not-started = not started
report-status-draft = draft ({ $answered } of { $total } answered)
report-status-submitted-on-time = submitted on time at { $at } ({ $ref })
report-status-submitted-late = submitted late at { $at } ({ $ref })
report-status-latest = latest version at { $at }
report-status-returned = returned for revision: "{ $comment }"

report-no-templates = There are no report templates yet. Import one with: npm run cli -- import-template FILE
report-openperiod-pick = Choose the period to open:
report-openperiod-one-off = Every template is a one-off report: send /openperiod TEMPLATE PERIOD_NAME dd/mm/yyyy (a name you choose, and the deadline), e.g. /openperiod survey survey-1 15/12/2026.
report-period-opened = Period { $period } of template { $template } opened: data cut-off { $cutoff }, deadline { $deadline }.
report-period-already-open = Period { $period } of template { $template } was already open (deadline { $deadline }).
report-period-reopened = Period { $period } of template { $template } reopened: amendments accepted until the end of { $until }.
report-reopen-usage = Usage: /reopenperiod TEMPLATE PERIOD dd/mm/yyyy — e.g. /reopenperiod it-plan 2026-11 05/12/2026
report-close-usage = Usage: /closeperiod TEMPLATE PERIOD — e.g. /closeperiod it-plan 2026-09. A closed period accepts no filing or amendment and nobody is reminded about it; /reopenperiod opens it again.
report-period-closed = Period { $period } of template { $template } is closed: no more filing or amendments, and no more reminders to agencies. Send /reopenperiod to open it again.
report-period-already-closed = Period { $period } of template { $template } was already closed.
report-period-error-unknown-template = There is no report template "{ $template }".
report-period-error-bad-period-key = "{ $period }" is not a valid period of template { $template } (e.g. 2026-11, 2026-Q3, 2026-H1, 2026-9M, 2026).
report-period-error-deadline-required = A one-off report needs a deadline (dd/mm/yyyy).
report-period-error-deadline-before-cutoff = The deadline cannot be before the data cut-off.
report-period-error-deadline-past = That deadline has already passed. Check the date (dd/mm/yyyy), especially the year.
report-period-error-unknown-period = There is no period { $period } of template { $template }.
report-period-error-reopen-past = That day has already passed, so reopening until then would accept nothing. Check the date (dd/mm/yyyy), especially the year.
report-period-error-out-of-window = Period { $period } of template { $template } cannot be opened: only periods from { $earliest } to { $latest } can (from a year back to the next period). Check the period, especially the year.

report-delegate-usage = /delegate alone to pick the agency, the person and the days with buttons; or type: /delegate AGENCY_CODE TELEGRAM_ID dd/mm/yyyy dd/mm/yyyy — the person files for the agency in that date range.
report-delegations-none = No delegation is current or upcoming.
report-delegation-line = • { $agency }: { $name } from { $from } to { $to }
report-delegated = { $name } now files for { $agency } from { $from } to { $to }.
report-notice-delegated = You have been named substitute reporter for { $agency } from { $from } to { $to }. Send /report to file or continue its report, /status to see where it stands.
report-delegate-error-unknown-agency = There is no agency with code "{ $agency }".
report-delegate-error-unknown-person = Nobody with Telegram ID { $id } holds a role yet. Invite them first (/invite); messaging the bot is not enough.
report-delegate-error-bad-range = The end date must not be before the start date.
report-delegate-error-past = That date range has already ended. Check the dates (dd/mm/yyyy), especially the year.

report-return-none = No submitted report in the open periods yet.
report-return-pick = Choose a report to view and return:
report-return-page = Page { $page } of { $pages } · { $total } submitted reports
report-page-prev = ‹ Previous
report-page-next = Next ›
report-return-ask-comment = Enter your comment: what needs to be revised? (Send /cancel to cancel.)
report-return-comment-invalid = Please enter the comment as text, at most { $max } characters.
report-return-not-submitted = This report is not in the submitted state, so it cannot be returned.
report-returned-done = The report was returned; { $notified } reporter(s) will be notified.
report-notice-returned = ↩️ The { $period } report of { $agency } was returned for revision.
    Comment: { $comment }
    Press the button below or send /report to fix and resubmit it.
report-view-ref = Reference: { $ref }
report-history-title = History:
report-history-line = • Version { $version } — { $event } — { $at } — { $name }
report-history-changed = Changed: { $fields }
report-history-comment = Comment: { $comment }
report-event-submitted = submitted
report-event-amended = amended
report-event-returned = returned
report-event-resubmitted = resubmitted
report-close-pick = Pick the period to close (no more filing, amending or reminders):
report-close-none = No period is open.
report-reopen-pick = Pick the period to reopen for late filing and amendments:
report-reopen-none = There is no period yet.
report-reopen-pick-until = Reopen { $template } · { $period } until which day?
report-reopen-until-button = Until { $date }

delegate-pick-agency = Substitute reporter for which agency? Pick one, or type its code or part of its name.
delegate-pick-person = Who files for { $agency }? Pick one of its people, or type a name to search everyone.
delegate-agency-nobody = (Nobody of this agency uses the bot yet — type a name to search.)
delegate-search-many = { $count } people match; pick one:
delegate-ask-from = From which day does { $name } file for { $agency }? Pick, or type a day (dd/mm/yyyy, "tomorrow"…).
delegate-ask-to = Until which day (from { $from })? Pick, or type a day (dd/mm/yyyy, "end of December"…).
delegate-day-invalid = That is not a day I understand. Type dd/mm/yyyy or e.g. "tomorrow", "end of December".
delegate-day-today = Today ({ $date })
delegate-day-tomorrow = Tomorrow ({ $date })
delegate-day-end-month = End of this month ({ $date })
delegate-day-end-next-month = End of next month ({ $date })
delegate-day-end-year = End of the year ({ $date })
delegate-confirm = Let { $name } file for { $agency } from { $from } to { $to }?
report-status-overdue = ⚠️ overdue by { $days } working days
report-view-status = Submitted (version { $version }, reference { $ref }; deadline { $deadline }). Read only.
report-view-not-filed = This report has not been submitted.
