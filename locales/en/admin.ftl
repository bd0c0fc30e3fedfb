# /invite, /agencies, /people and the operator CLI.
cmd-invite = Create an invitation for a new user
cmd-agencies = List agencies
cmd-people = List users and their roles
admin-page-prev = ‹ Previous
admin-page-next = Next ›
admin-inactive-mark = (inactive)
admin-agencies-title = Agencies — page { $page }/{ $pages }
admin-agencies-empty = There are no agencies yet. The operator imports them with the import-agencies command.
admin-people-title = Users and roles — page { $page }/{ $pages }
admin-people-empty = There are no users yet.
admin-people-no-role = (no role)
admin-invite-choose-role = Choose the role of the person you invite:
admin-invite-role-admin = Administrator
admin-invite-role-coordinator = Coordinator
admin-invite-role-leader = Leader (province or agency)
admin-invite-role-reporter = Agency IT lead
admin-invite-choose-agency = Choose the agency (page { $page }/{ $pages }), or type its code or part of its name:
admin-invite-whole-province = Whole province (province leader)
admin-invite-search-none = No agency matches “{ $query }”. Type again or choose with the buttons.
admin-invite-search-many = { $count } agencies match. Choose one, or type more precisely:
admin-invite-use-buttons = Please choose with the buttons above, or send /cancel to stop.
admin-invite-no-agencies = There are no agencies to attach the invitation to. Import the agency list first.
admin-invite-created =
    Invitation created for the role: { $role }
    Valid until: { $expires }

    Code: { $code }
    Link: { $link }

    Send this link to the person you invite. The code works only once and will not be shown again.
admin-cli-import-kinds = { $count } agency kinds created or renamed.
admin-cli-import-done = Imported { $file }: { $created } new, { $updated } updated, { $unchanged } unchanged.
admin-cli-import-failed = Nothing was imported: the file has { $count } problem(s).
admin-cli-file-unreadable = Cannot read { $file }: { $reason }
admin-cli-file-not-utf8 = { $file } is not a UTF-8 file (Excel's plain “CSV” uses the Windows code page, which would garble Vietnamese names). In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)” and import that file.
admin-cli-problem-line = Line { $line }: { $message }
admin-cli-problem-csv-syntax = CSV syntax error ({ $detail })
admin-cli-problem-missing-header = the header must have the columns code,name,kind,parent_code (missing: { $detail })
admin-cli-problem-missing-column = missing column(s) (only { $detail } values)
admin-cli-problem-extra-column = { $values } values for { $columns } columns (extra: “{ $detail }”); put a name that contains a comma in double quotes, e.g. "Phòng Kinh tế, Hạ tầng và Đô thị"
admin-cli-problem-empty-field = required field is empty: { $detail }
admin-cli-problem-bad-characters = a control character or line break that cannot be stored, in column { $detail }; remove it from the file
admin-cli-problem-name-too-long = the agency name is { $detail } characters long; at most { $max }
admin-cli-problem-bad-code = invalid agency code “{ $detail }” (letters, digits, dot, underscore and hyphen only; at most 32 characters)
admin-cli-problem-unknown-kind = unknown kind “{ $detail }”: a new kind needs its name in the kind_name column (or /kinds add); kind codes are lower-case letters, digits, - and _
admin-cli-problem-duplicate-code = code { $detail } already appears on line { $first } (codes are compared without regard to letter case)
admin-cli-problem-ambiguous-code = the code { $detail } matches several stored agencies that differ only in letter case; merge them first
admin-cli-problem-unknown-parent = no parent agency has the code “{ $detail }”
admin-cli-problem-cycle = the parent chain loops: { $detail }
admin-cli-unknown-role = unknown role “{ $role }” (expected admin, coordinator, leader or reporter)
admin-cli-unknown-agency = no agency has the code “{ $code }”
admin-cli-agency-required = the role { $role } needs --agency CODE
admin-cli-agency-not-allowed = the role { $role } has no agency; leave out --agency
admin-cli-bad-expires = --expires must look like 7d, 36h or 90m
admin-cli-invite-created =
    Invitation for the role: { $role }
    Valid until: { $expires }
    Code: { $code }
admin-cli-invite-link = Link: { $link }
admin-cli-invite-no-link = The invited person sends the bot: /start { $code }
admin-cli-agencies-empty = There are no agencies yet.
admin-cli-people-empty = There are no users yet.
# Agency kinds: the names of the well-known kinds until a stored kind renames them (/kinds).
agency-kind-province = Province level
agency-kind-department = Departments and boards
agency-kind-district = District level
agency-kind-commune = Commune level
cmd-kinds = Agency kinds (list, add, rename, order)
kinds-title = Agency kinds (in the order of summaries):
kinds-line = { $order }. { $code } — { $name }{ $en } · { $count } agencies
kinds-usage =
    Add: /kinds add <code> <Vietnamese name> | <English name>
    Rename: /kinds rename <code> <Vietnamese name> | <English name>
    Order: /kinds order <code> <position>
    Report templates select the agencies that must file by kind code (agencies: kinds: [...]).
kinds-saved = Agency kind { $code } saved.
kinds-unchanged = Agency kind { $code } is unchanged.
kinds-exists = Agency kind { $code } exists already; use /kinds rename to rename it.
kinds-unknown = There is no agency kind { $code }; use /kinds add to add it.
kinds-bad-code = A kind code holds lower-case letters, digits, - and _ (at most 32 characters, starting with a letter), e.g. commune.
kinds-bad-name = A Vietnamese name is needed, optionally followed by “| English name” (at most 200 characters each).
kinds-bad-order = The position is a whole number from 1 to 999.
