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
tpl-upload-valid-new-version = «{ $title }» is valid ({ $questions } questions). Import it as a new version after version { $current }? It will apply to the periods opened from now on.
tpl-upload-valid-new-template = «{ $title }» is a new template and is valid ({ $questions } questions). Import it?
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
