# Period opening notices, reminders, escalation, digest, /overdue and /mute.
cmd-overdue = Agencies late with their reports
cmd-mute = Pause reminders while you are away
remind-button-report = 📝 File the report
remind-opened =
    A new reporting period is open: { $title }, period { $period }.
    Agency: { $agency }. Deadline: { $deadline }.
    Press the button below to start the report.
remind-before =
    Reminder: the report { $title }, period { $period } of { $agency } is due on { $deadline } ({ $days } working { $days ->
        [one] day
       *[other] days
    } left).
    Press the button below to file it.
remind-deadline =
    Today ({ $deadline }) is the deadline of the report { $title }, period { $period } of { $agency }.
    It has not been submitted yet. Press the button below to file it.
remind-overdue =
    The report { $title }, period { $period } of { $agency } is { $days } working { $days ->
        [one] day
       *[other] days
    } overdue (deadline { $deadline }).
    Please submit it now.
remind-manual =
    { $orgCoordinatorEn } asks: the report { $title }, period { $period } of { $agency } is { $days } working { $days ->
        [one] day
       *[other] days
    } overdue (deadline { $deadline }).
    Please submit it now.
remind-escalation =
    To the head of { $agency }: the agency has not submitted the report { $title }, period { $period }, now { $days } working { $days ->
        [one] day
       *[other] days
    } overdue (deadline { $deadline }).
    Please ask the agency's IT lead to complete it.
remind-digest = Summary for { $date }: { $agencies } { $agencies ->
        [one] agency has
       *[other] agencies have
    } overdue reports ({ $count } in all).
remind-digest-line = • { $agency } — { $title }, period { $period }: { $days } working { $days ->
        [one] day
       *[other] days
    } late
remind-digest-more = … and { $count } more (see /overdue).
remind-overdue-title = Agencies with overdue reports ({ $count }):
remind-overdue-none = No agency is late with a report.
remind-overdue-more = … and { $count } more.
remind-button-now = Remind now: { $agency }
remind-button-all = Remind all now ({ $count })
remind-now-done = Reminded { $agency } ({ $people } { $people ->
        [one] recipient
       *[other] recipients
    }).
remind-now-already = { $agency } has already been reminded about this report today.
remind-now-no-recipient = { $agency } has no IT lead to remind yet.
remind-now-not-overdue = This report is no longer overdue (the agency may have just submitted it, or the period was closed).
remind-now-later = It is quiet hours; the message will go out at { $time }.
remind-all-done = Reminded { $agencies } agencies ({ $people } recipients). Already reminded today: { $already }. No recipient: { $missing }.
remind-mute-usage =
    Usage:
    /mute dd/mm/yyyy dd/mm/yyyy — pause reminders on the days you are away
    /mute dd/mm/yyyy — pause for one day
    /mute off — turn reminders back on
    Meanwhile your substitute (if one is named) receives them.
remind-mute-list = Your reminder pauses:
remind-mute-line = • { $from } – { $to }
remind-mute-none = You have no reminder pause set.
remind-mute-set = Reminders are paused for you from { $from } to { $to }. Your substitute (if one is named) receives them instead.
remind-mute-off = Reminders are back on ({ $count } pause(s) cancelled).
remind-mute-bad-date = “{ $text }” is not a valid date. Write it as dd/mm/yyyy.
remind-mute-bad-range = The start must be on or before the end, and the end may not be in the past.
remind-mute-too-long = You can pause for at most { $days } days at a time.
