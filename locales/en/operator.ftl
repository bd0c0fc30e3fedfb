# The operator's side: messages of the CLI and of the process itself (in DEFAULT_LOCALE).
datadir-locked = The data directory { $dir } is in use by the { $program } (process { $pid }, since { $since }). Only one process at a time may open the embedded database: stop that process and run this again (CLI commands work while the bot is stopped), or use a PostgreSQL server (DATABASE_URL) to run the bot and the CLI at the same time.
datadir-holder-bot = bot
datadir-holder-cli = CLI command
