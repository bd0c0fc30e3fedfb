# The organisation: province, coordinating department, the body it reports to (/organisation).
cmd-organisation = Organisation: province, coordinating department, body reported to
# Generic words used before the set-up; a particular department or province is never named in a locale.
org-unset-province = ……
org-unset-coordinator = the coordinating department
org-unset-sender = COORDINATING DEPARTMENT
org-unset-governing = GOVERNING BODY
org-unset-reports-to = the governing body
org-title = Organisation (used in every message and the Word report):
org-field-province = Province (place of issue)
org-field-coordinator = Coordinating department
org-field-short = Short name
org-field-sender = Issuer line
org-field-prefix = Document symbol
org-field-reports-to = Body reported to
org-not-set = (not set)
org-default-sender = (default: the coordinating department in capitals)
org-complete = Fully set up.
org-incomplete = Still missing: { $fields }.
org-usage =
    Change one item: /organisation <item> <Vietnamese name> | <English name (optional)>
    Example: /organisation { $example } …
    Items: province, coordinator, short, sender, prefix (e.g. BC-ABC), reports-to.
org-saved = Saved: { $field }.
org-unknown-field = There is no item “{ $field }”. { $hint ->
    [none] Items: { $fields }.
   *[other] Did you mean “{ $hint }”? Items: { $fields }.
}
org-bad-name = Item { $field } needs a name: the Vietnamese name, optionally followed by “| English name” (at most 200 characters each).
org-bad-prefix = The document symbol may only hold letters, digits and - / . & _ (at most 40 characters), e.g. BC-ABC.
org-setup-needed = The organisation is not set up yet (missing: { $fields }). Send /organisation to see and set it.
