# The operator's side: messages of the CLI and of the process itself (in DEFAULT_LOCALE).
datadir-locked = The data directory { $dir } is in use by the { $program } (process { $pid }, since { $since }). Only one process at a time may open the embedded database: stop that process and run this again (CLI commands work while the bot is stopped), or use a PostgreSQL server (DATABASE_URL) to run the bot and the CLI at the same time.
datadir-holder-bot = bot
datadir-holder-cli = CLI command

# Operator CLI (npm run cli -- …): help, options, and what each command prints.
cli-help-usage = Usage: npm run cli -- <command> [options]
cli-help-commands = Commands:
cli-unknown-command = Unknown command: { $name }
cli-usage = Usage: { $usage }
cli-option-unknown = unknown option --{ $name }{ $near ->
    [none] {""}
   *[other] {" "}(did you mean --{ $near }?)
}; options: { $options }
cli-option-unknown-none = unknown option --{ $name }; this command takes no options
cli-option-twice = option --{ $name } is given twice
cli-option-no-value = missing value for --{ $name }
cli-unexpected-argument = unexpected argument: { $arg }
cli-bad-date = expected --{ $option } as dd/mm/yyyy, got "{ $value }"
cli-date-expected = expected a date as dd/mm/yyyy, got "{ $value }"
cli-template-period-required = --template and --period are required
cli-reopen-required = --template, --period and --until dd/mm/yyyy are required
cli-delegate-required = --agency, --person (numeric Telegram id), --from and --to (dd/mm/yyyy) are required
cli-one-csv-file = expected exactly one CSV file
cli-template-file-required = expected the template file
cli-year-required = --year needs a four-digit year
cli-holidays-unknown-action = unknown action "{ $action }"
cli-holidays-name-required = a name is required after the date
cli-holidays-seeded = Default holidays of { $year } created.
cli-holidays-seed-nothing = { $year } already has entries; nothing changed.
cli-day-kind-holiday = holiday
cli-day-kind-workday = working day
cli-template-invalid = { $file }: invalid template, nothing stored:
cli-template-stored = Template { $template }: version { $version } stored ({ $questions } questions, { $cadence }).
cli-template-unchanged = Template { $template }: unchanged, still version { $version }.
cli-cadence-monthly = monthly
cli-cadence-quarterly = quarterly
cli-cadence-six-month = six-month
cli-cadence-nine-month = nine-month
cli-cadence-annual = annual
cli-cadence-one-off = one-off
cli-period-opened = Period { $period } of template { $template } opened (id { $id }): data from { $from } to { $to }, deadline { $deadline }.
cli-period-already-open = Period { $period } of template { $template } was already open (id { $id }): data from { $from } to { $to }, deadline { $deadline }.
cli-period-closed = Period { $period } of template { $template } closed.
cli-period-already-closed = Period { $period } of template { $template } was already closed.
cli-holidays-usage = holidays list [--year YYYY] | add dd/mm/yyyy NAME | workday dd/mm/yyyy NAME | remove dd/mm/yyyy | seed --year YYYY
cli-holidays-summary = Public holidays and compensatory working days used for deadlines and reminders.
cli-import-agencies-usage = import-agencies FILE.csv
cli-import-agencies-summary = Create or update agencies from a UTF-8 CSV file (code,name,kind,parent_code); all rows or none.
cli-invite-usage = invite --role admin|coordinator|leader|reporter [--agency CODE] [--expires 7d]
cli-invite-summary = Create a single-use invitation and print its code and deep link.
cli-list-agencies-usage = list-agencies
cli-list-agencies-summary = Print the agency hierarchy: code, name, kind.
cli-list-people-usage = list-people
cli-list-people-summary = Print every person with Telegram id, language and roles.
cli-import-template-usage = import-template FILE.yaml|FILE.json
cli-import-template-summary = Validates a report template and stores it; a changed definition becomes a new version. A bad file changes nothing.
cli-open-period-usage = open-period --template ID --period 2026-11 [--deadline dd/mm/yyyy]
cli-open-period-summary = Opens a reporting period (idempotent). The default deadline follows the template's rule and the holiday calendar.
cli-reopen-period-usage = reopen-period --template ID --period 2026-11 --until dd/mm/yyyy
cli-reopen-period-summary = Reopens a period so reporters can amend (or file) past its deadline until the given day.
cli-close-period-usage = close-period --template ID --period 2026-11
cli-close-period-summary = Closes a period: no more filing, amendments or reminders for it (reopen-period opens it again).
cli-delegate-usage = delegate --agency CODE --person TELEGRAM_ID --from dd/mm/yyyy --to dd/mm/yyyy
cli-delegate-summary = Names a substitute reporter for an agency over a date range (inclusive), e.g. while its IT lead is away.
