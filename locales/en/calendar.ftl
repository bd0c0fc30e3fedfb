# /holidays: public holidays and compensatory working days.
cmd-holidays = View and edit public holidays and compensatory working days
calendar-weekday-0 = Sun
calendar-weekday-1 = Mon
calendar-weekday-2 = Tue
calendar-weekday-3 = Wed
calendar-weekday-4 = Thu
calendar-weekday-5 = Fri
calendar-weekday-6 = Sat
calendar-holidays-title = Public holidays and compensatory working days in { $year }:
calendar-holidays-empty = No holidays are set for { $year }.
calendar-holidays-line-holiday = { $date } ({ $weekday }) — day off: { $name }
calendar-holidays-line-workday = { $date } ({ $weekday }) — working day: { $name }
calendar-holidays-usage =
    Usage:
    /holidays [year] — list
    /holidays add dd/mm/yyyy Holiday name — add a day off
    /holidays workday dd/mm/yyyy Reason — make a day a working day (even on a weekend)
    /holidays remove dd/mm/yyyy — remove a day you set
calendar-holidays-edit-denied = Only coordinators may edit the holiday calendar.
calendar-holidays-bad-date = “{ $text }” is not a valid date. Write it as dd/mm/yyyy, e.g. 02/09/2027.
calendar-holidays-bad-year = “{ $text }” is not a valid year. Write the year in four digits, e.g. /holidays 2027.
calendar-holidays-name-required = Add a name or reason after the date, e.g. /holidays add 02/09/2027 National Day
calendar-holidays-added = { $date } ({ $weekday }) is now a day off: { $name }
calendar-holidays-workday-added = { $date } ({ $weekday }) is now a working day: { $name }
calendar-holidays-removed = Removed { $date } from the calendar ({ $name }). It now follows the day of the week.
calendar-holidays-not-found = { $date } is not in the holiday calendar.
calendar-holidays-note = Deadlines of periods already open do not change; periods opened later follow the new calendar.
