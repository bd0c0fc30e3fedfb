# Common messages shared by every feature.
error-generic = Sorry, something went wrong while handling your request. Please try again in a few minutes.
error-unavailable = The service is temporarily unavailable. Please try again in a few minutes.
access-none = Hello! You do not have access to this bot yet. Please contact { $orgCoordinatorEn } for an invitation code, then open the invitation link or send /start <code>.
access-none-short = You do not have access.
access-denied = You are not allowed to do this.
button-expired = This button is no longer valid.
fallback-unknown = I did not understand that. Send /help to see what you can do.
cancelled = The current action was cancelled.
nothing-to-cancel = There is nothing in progress.
input-unusable-characters = The message contains a character that cannot be stored or shown ({ $character }), so it was not handled. Please type it again.
buttons-hidden = ({ $count } more choices are not shown because Telegram limits the number of buttons; please narrow the request.)
access-deactivated = Your account has been deactivated, so no command or button of this bot works for you. If this is a mistake, ask a coordinator to reactivate you or to send you a new invitation.
access-deactivated-short = Your account has been deactivated.
# Periods as people say them (src/format/period-label.ts); codes such as 2026-11 never reach a screen.
period-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
period-quarter = Q{ $quarter } { $year }
period-half = { $half ->
    [1] first
   *[2] second
} half of { $year }
period-nine = first nine months of { $year }
period-year = { $year }
