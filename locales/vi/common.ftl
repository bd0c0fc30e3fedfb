# Common messages shared by every feature.
error-generic = Xin lỗi, hệ thống vừa gặp lỗi khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút.
error-unavailable = Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau ít phút.
access-none = Xin chào! Bạn chưa được cấp quyền sử dụng bot này. Vui lòng liên hệ { $orgCoordinator } để nhận mã mời, rồi mở đường liên kết mời hoặc gửi /start <mã mời>.
access-none-short = Bạn chưa được cấp quyền.
access-denied = Bạn không có quyền thực hiện thao tác này.
button-expired = Nút này không còn hiệu lực.
fallback-unknown = Tôi chưa hiểu yêu cầu này. Gửi /help để xem những gì bạn có thể làm.
cancelled = Đã hủy thao tác đang thực hiện.
nothing-to-cancel = Không có thao tác nào đang thực hiện.
input-unusable-characters = Tin nhắn có ký tự không lưu và không hiển thị được ({ $character }), nên chưa được xử lý. Vui lòng gõ lại nội dung.
buttons-hidden = (Còn { $count } lựa chọn khác không hiện được vì Telegram giới hạn số nút; hãy thu hẹp yêu cầu.)
access-deactivated = Tài khoản của bạn đã bị ngừng hoạt động nên không thể dùng lệnh hay nút nào của bot. Nếu đây là nhầm lẫn, hãy liên hệ cán bộ điều phối để được kích hoạt lại hoặc nhận mã mời mới.
access-deactivated-short = Tài khoản của bạn đã bị ngừng hoạt động.
# Periods as people say them (src/format/period-label.ts); codes such as 2026-11 never reach a screen.
period-month = tháng { $month }/{ $year }
period-quarter = quý { $roman }/{ $year }
period-half = 6 tháng { $half ->
    [1] đầu năm
   *[2] cuối năm
} { $year }
period-nine = 9 tháng năm { $year }
period-year = năm { $year }
