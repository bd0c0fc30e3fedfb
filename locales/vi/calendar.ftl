# /holidays: public holidays and compensatory working days.
cmd-holidays = Xem và sửa ngày nghỉ lễ, ngày làm bù
calendar-weekday-0 = CN
calendar-weekday-1 = T2
calendar-weekday-2 = T3
calendar-weekday-3 = T4
calendar-weekday-4 = T5
calendar-weekday-5 = T6
calendar-weekday-6 = T7
calendar-holidays-title = Ngày nghỉ lễ và ngày làm bù năm { $year }:
calendar-holidays-empty = Chưa có ngày nghỉ lễ nào cho năm { $year }.
calendar-holidays-line-holiday = { $date } ({ $weekday }) — nghỉ: { $name }
calendar-holidays-line-workday = { $date } ({ $weekday }) — làm bù: { $name }
calendar-holidays-usage =
    Cách dùng:
    /holidays [năm] — xem danh sách
    /holidays add dd/mm/yyyy Tên ngày nghỉ — thêm ngày nghỉ
    /holidays workday dd/mm/yyyy Lý do — đặt ngày làm bù (làm việc dù là thứ Bảy, Chủ nhật)
    /holidays remove dd/mm/yyyy — bỏ ngày đã đặt
calendar-holidays-edit-denied = Chỉ cán bộ điều phối mới được sửa lịch ngày nghỉ.
calendar-holidays-bad-date = “{ $text }” không phải ngày hợp lệ. Hãy viết theo dạng dd/mm/yyyy, ví dụ 02/09/2027.
calendar-holidays-bad-year = “{ $text }” không phải năm hợp lệ. Hãy viết năm đủ bốn chữ số, ví dụ /holidays 2027.
calendar-holidays-name-required = Hãy ghi tên hoặc lý do sau ngày, ví dụ: /holidays add 02/09/2027 Quốc khánh
calendar-holidays-added = Đã đặt { $date } ({ $weekday }) là ngày nghỉ: { $name }
calendar-holidays-workday-added = Đã đặt { $date } ({ $weekday }) là ngày làm bù: { $name }
calendar-holidays-removed = Đã bỏ { $date } khỏi lịch ({ $name }). Ngày này nay tính theo thứ trong tuần.
calendar-holidays-not-found = { $date } không có trong lịch ngày nghỉ, ngày làm bù.
calendar-holidays-note = Hạn nộp của các kỳ đã mở không tự đổi; kỳ mở sau sẽ tính theo lịch mới.
