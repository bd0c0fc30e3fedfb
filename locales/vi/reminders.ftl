# Period opening notices, reminders, escalation, digest, /overdue and /mute.
cmd-overdue = Đơn vị quá hạn nộp báo cáo
cmd-mute = Tạm dừng nhắc nhở khi vắng mặt
remind-button-report = 📝 Làm báo cáo
remind-opened =
    Kỳ báo cáo mới đã mở: { $title }, kỳ { $period }.
    Đơn vị: { $agency }. Hạn nộp: { $deadline }.
    Bấm nút bên dưới để bắt đầu báo cáo.
remind-before =
    Nhắc nhở: báo cáo { $title }, kỳ { $period } của { $agency } hết hạn ngày { $deadline } (còn { $days } ngày làm việc).
    Bấm nút bên dưới để làm báo cáo.
remind-deadline =
    Hôm nay ({ $deadline }) là hạn nộp báo cáo { $title }, kỳ { $period } của { $agency }.
    Đơn vị chưa nộp. Bấm nút bên dưới để làm báo cáo.
remind-overdue =
    Báo cáo { $title }, kỳ { $period } của { $agency } đã quá hạn { $days } ngày làm việc (hạn { $deadline }).
    Đề nghị đơn vị nộp ngay.
remind-manual =
    { $orgCoordinator } đôn đốc: báo cáo { $title }, kỳ { $period } của { $agency } đã quá hạn { $days } ngày làm việc (hạn { $deadline }).
    Đề nghị đơn vị nộp ngay.
remind-escalation =
    Kính gửi lãnh đạo { $agency }: đơn vị chưa nộp báo cáo { $title }, kỳ { $period }, đã quá hạn { $days } ngày làm việc (hạn { $deadline }).
    Đề nghị lãnh đạo đơn vị chỉ đạo cán bộ đầu mối CNTT hoàn thành báo cáo.
remind-digest = Tổng hợp ngày { $date }: { $agencies } đơn vị chưa nộp báo cáo quá hạn ({ $count } báo cáo).
remind-digest-line = • { $agency } — { $title }, kỳ { $period }: trễ { $days } ngày làm việc
remind-digest-more = … và { $count } báo cáo khác (xem /overdue).
remind-overdue-title = Đơn vị quá hạn nộp báo cáo ({ $count } báo cáo):
remind-overdue-none = Không có đơn vị nào quá hạn nộp báo cáo.
remind-overdue-more = … và { $count } báo cáo khác.
remind-button-now = Nhắc ngay: { $agency }
remind-button-all = Nhắc ngay tất cả ({ $count })
remind-now-done = Đã nhắc { $agency } ({ $people } người nhận).
remind-now-already = { $agency } đã được nhắc hôm nay về báo cáo này.
remind-now-no-recipient = { $agency } chưa có cán bộ đầu mối nào để nhắc.
remind-now-not-overdue = Báo cáo này không còn quá hạn (có thể đơn vị vừa nộp, hoặc kỳ đã đóng).
remind-now-later = Đang trong giờ nghỉ; tin nhắn sẽ được gửi lúc { $time }.
remind-all-done = Đã nhắc { $agencies } đơn vị ({ $people } người nhận). Đã nhắc từ trước trong hôm nay: { $already }. Chưa có người nhận: { $missing }.
remind-mute-usage =
    Cách dùng:
    /mute dd/mm/yyyy dd/mm/yyyy — tạm dừng nhắc nhở trong những ngày vắng mặt
    /mute dd/mm/yyyy — tạm dừng một ngày
    /mute off — bật lại nhắc nhở
    Trong thời gian này, người được ủy quyền báo cáo thay (nếu có) sẽ nhận nhắc nhở.
remind-mute-list = Lịch tạm dừng nhắc nhở của bạn:
remind-mute-line = • { $from } – { $to }
remind-mute-none = Bạn chưa đặt lịch tạm dừng nhắc nhở nào.
remind-mute-set = Đã tạm dừng nhắc nhở cho bạn từ { $from } đến { $to }. Người được ủy quyền báo cáo thay (nếu có) sẽ nhận thay.
remind-mute-off = Đã bật lại nhắc nhở ({ $count } lịch tạm dừng được hủy).
remind-mute-bad-date = “{ $text }” không phải ngày hợp lệ. Hãy viết theo dạng dd/mm/yyyy.
remind-mute-bad-range = Ngày bắt đầu phải trước hoặc bằng ngày kết thúc, và ngày kết thúc không được ở quá khứ.
remind-mute-too-long = Chỉ tạm dừng được tối đa { $days } ngày một lần.
