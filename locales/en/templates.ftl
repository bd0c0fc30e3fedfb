cmd-templates = Report templates: versions, preview, import a new version
tpl-list-title = Report templates
tpl-list-empty = No template yet.
tpl-list-help = Press a template to preview a version or choose the version that applies. To import a new version, send the template file here (YAML, JSON or Excel .xlsx with the sheets "settings" and "questions").
tpl-version-line = • version { $version } of { $date }, { $questions } questions; periods: { $periods }{ $more ->
    [0] {""}
   *[other] {" "}(and { $more } more)
  }
tpl-version-line-current = • version { $version } of { $date }, { $questions } questions, applies to new periods; periods: { $periods }{ $more ->
    [0] {""}
   *[other] {" "}(and { $more } more)
  }
tpl-version-no-periods = none yet
tpl-versions-help = New periods are opened with the version that applies; periods already opened keep their version.
tpl-button-preview = 👁 Preview v{ $version }
tpl-button-use = ✔ Apply v{ $version }
tpl-button-back = ↩ Back
tpl-button-import = ✅ Import
tpl-button-cancel = ✖ Cancel
tpl-gone = This template or version no longer exists.
tpl-preview-header = Preview: { $title }, version { $version }
tpl-preview-inert = Preview only: nothing is recorded.
tpl-rule-when = Asked only when «{ $question }» is { $values }.
tpl-rule-min = At least { $min }.
tpl-rule-max = At most { $max }.
tpl-rule-lte = Must not exceed «{ $question }».
tpl-rule-lte-confirm = Should not exceed «{ $question }»; the reporter may confirm a larger value.
tpl-rule-required = Required.
tpl-rule-optional = Optional: the reporter may skip it.
tpl-version-chosen = Version { $version } now applies to the periods opened from now on.
tpl-upload-too-large = This file is too large for a template (at most { $max } KB).
tpl-upload-invalid = The template was not imported; nothing changed. { $count ->
    [one] One problem
   *[other] { $count } problems
  }:
tpl-upload-fix = Fix the file and send it again.
tpl-import-stored = «{ $title }»: version { $version } stored ({ $questions } questions). It applies to the periods opened from now on.
tpl-import-unchanged = «{ $title }» is the same as version { $version }; nothing changed.
tpl-import-changed = The template was changed meanwhile; nothing was imported. Send the file again.
tpl-import-resend = The file can no longer be read; nothing was imported. Send it again.
tpl-import-cancelled = Cancelled; nothing was imported.
tpl-button-period = 📅 { $period }: use v{ $version }
tpl-period-applied = The open period now uses version { $version } (nobody had started a report in it).
tpl-period-gone = This period or version no longer exists.
tpl-period-closed = This period is closed; it keeps its version.
tpl-period-started = A report has been started in this period; it keeps its version.
tpl-versions-page = Page { $page }/{ $pages } ({ $count } versions, newest first); press ‹ › for the other versions.
tpl-upload-preview-new-version = «{ $title }» is valid. If imported it becomes version { $version } (version { $current } applies now) and applies to the periods opened from now on.
tpl-upload-preview-new-template = «{ $title }» is a new template and valid. If imported it becomes version 1.
tpl-upload-preview-questions = { $count } questions (key — type: text):
tpl-upload-preview-added = (＋ new)
tpl-upload-preview-changed = (✎ changed)
tpl-upload-preview-dropped = Questions dropped: { $keys }
tpl-upload-preview-ask = Nothing has changed yet. Press “Import” to store this version, or “Cancel”.
tpl-qtype-integer = integer
tpl-qtype-decimal = decimal
tpl-qtype-percent = percent
tpl-qtype-money = money
tpl-qtype-yes-no = yes/no
tpl-qtype-single-choice = one choice
tpl-qtype-multi-choice = several choices
tpl-qtype-date = date
tpl-qtype-short-text = short text
tpl-qtype-long-text = long text
tpl-qtype-attachment = attachment
