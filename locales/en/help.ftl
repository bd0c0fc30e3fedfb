# /help, /lang, /cancel and the command menus.
cmd-help = See the commands you can use
cmd-lang = Change language (Tiếng Việt / English)
cmd-cancel = Cancel what is in progress
help-title = You can use these commands:
help-lang-choose = Choose a language:
help-lang-name-vi = Tiếng Việt
help-lang-name-en = English
help-lang-changed = Language switched to English.
