# Báo cáo định kỳ: lập, xem lại, nộp, sửa đổi, trả lại, ủy quyền.
report-cmd-report = Lập hoặc tiếp tục báo cáo của đơn vị
report-cmd-status = Tình hình báo cáo của đơn vị
report-cmd-openperiod = Mở kỳ báo cáo
report-cmd-reopenperiod = Mở lại kỳ báo cáo để sửa đổi sau hạn
report-cmd-closeperiod = Đóng kỳ báo cáo: thôi nhận và thôi nhắc
report-cmd-returnreport = Trả lại báo cáo để chỉnh sửa
report-cmd-delegate = Ủy quyền người báo cáo thay

report-yes = Có
report-no = Không
report-skipped = (bỏ qua)
report-photo = Ảnh
report-file = Tệp

report-not-reporter = Bạn không phải là cán bộ báo cáo của đơn vị nào (và không có ủy quyền còn hiệu lực).
report-no-open-period = Hiện không có kỳ báo cáo nào đang mở cho đơn vị của bạn.
report-period-not-open = Kỳ báo cáo này không còn mở.
report-pick = Chọn báo cáo cần lập:
report-header = 📋 { $title }
    Đơn vị: { $agency } · Kỳ: { $period } · Hạn nộp: { $deadline }
report-intro = Trả lời lần lượt từng câu; mỗi câu trả lời được lưu ngay. Gửi /cancel để tạm dừng — bản nháp vẫn được giữ.
report-resume = Tiếp tục bản nháp: đã trả lời { $answered }/{ $total } câu.
report-editing-by-other = Báo cáo này đang có bản nháp do { $name } soạn (lần cuối lúc { $since }, đã trả lời { $answered }/{ $total } câu). Bấm "Tiếp quản" nếu bạn muốn tiếp tục thay.
report-took-over = Bạn đã tiếp quản bản nháp của { $name } (đã trả lời { $answered }/{ $total } câu).
report-taken-over = { $name } đã tiếp quản báo cáo này nên câu trả lời vừa rồi không được lưu. Gửi /status để xem tình hình.
report-notice-taken-over = { $name } đã tiếp quản bản nháp báo cáo của { $agency } kỳ { $period } mà bạn đang soạn.
report-amend-closed = Báo cáo đã nộp lúc { $at } (số tham chiếu { $ref }). Đã hết hạn sửa đổi ({ $until }); liên hệ { $orgCoordinator } nếu cần mở lại.

report-progress = Câu { $index }/{ $total }
report-current = Hiện tại: { $value }
report-previous = Kỳ trước: { $value }
report-hint-integer = Nhập một số nguyên, ví dụ 12.
report-hint-decimal = Nhập một số, ví dụ 1,5.
report-hint-percent = Nhập tỷ lệ phần trăm từ 0 đến 100, ví dụ 85 hoặc 85,5.
report-hint-money = Nhập số tiền, ví dụ 1.500.000, 200 triệu, 200tr hoặc 1,5 tỷ.
report-hint-yes-no = Chọn Có hoặc Không.
report-hint-single-choice = Chọn một phương án.
report-hint-multi-choice = Chọn một hoặc nhiều phương án rồi bấm Xong.
report-hint-date = Nhập ngày theo dạng dd/mm/yyyy, ví dụ 27/11/2026.
report-hint-short-text = Nhập câu trả lời ngắn (tối đa 500 ký tự).
report-hint-long-text = Nhập nội dung (tối đa 3.000 ký tự).
report-hint-attachment = Gửi một tệp hoặc ảnh.
report-hint-range = (Từ { $min } đến { $max }.)
report-hint-optional = Câu này không bắt buộc.

report-button-skip = ⏭ Bỏ qua
report-button-keep = ↩️ Giữ nguyên
report-button-previous = 🔁 Giữ như kỳ trước
report-button-edit = ✏️ Sửa
report-button-back-review = ↩️ Xem lại
report-edit-list = Chọn câu cần sửa (trang { $page }/{ $pages }):
report-review-more = … và { $count } câu nữa (xem trong ✏️ Sửa)
report-button-later = 💾 Lưu, làm tiếp sau
report-button-done = ✅ Xong
report-button-confirm = ✅ Xác nhận
report-button-retry = ✏️ Nhập lại
report-button-submit = ✅ Nộp báo cáo
report-button-resubmit = ✅ Nộp bản sửa đổi
report-button-take-over = ✋ Tiếp quản
report-button-stale = Nút này thuộc một màn hình cũ hoặc một báo cáo khác nên không được thực hiện. Gửi /report để tiếp tục.
report-button-return = ↩️ Trả lại để chỉnh sửa
report-button-fix = 📝 Chỉnh sửa báo cáo
report-use-buttons = Vui lòng bấm một trong các nút ở trên.

report-error-integer = Vui lòng nhập một số nguyên, ví dụ 12.
report-error-decimal = Vui lòng nhập một số, ví dụ 1,5.
report-error-percent = Vui lòng nhập số từ 0 đến 100.
report-error-money = Vui lòng nhập số tiền, ví dụ 1.500.000, 200 triệu, 200tr hoặc 1,5 tỷ.
report-error-money-fraction = Số tiền phải là số đồng nguyên.
report-error-range = Vui lòng nhập số từ { $min } đến { $max }.
report-error-min = Vui lòng nhập số không nhỏ hơn { $min }.
report-error-max = Vui lòng nhập số không lớn hơn { $max }.
report-error-yes-no = Vui lòng chọn Có hoặc Không.
report-error-choice = Vui lòng chọn một phương án bằng các nút bên dưới câu hỏi.
report-error-multi-none = Vui lòng chọn ít nhất một phương án rồi bấm Xong.
report-error-date = Vui lòng nhập ngày theo dạng dd/mm/yyyy, ví dụ 27/11/2026.
report-error-text = Vui lòng nhập nội dung bằng chữ.
report-error-characters = Nội dung có ký tự không hiển thị được ({ $character }). Vui lòng gõ lại.
report-error-too-long = Nội dung quá dài ({ $length } ký tự). Vui lòng rút gọn còn tối đa { $max } ký tự.
report-error-attachment = Vui lòng gửi một tệp hoặc ảnh.
report-error-lte = { $label } ({ $value }) không được lớn hơn { $other } ({ $otherValue }).
report-confirm-lte = { $label } ({ $value }) đang lớn hơn { $other } ({ $otherValue }). Bạn xác nhận số liệu này là đúng?

report-review-title = Xem lại các câu trả lời:
report-review-help = Bấm ✏️ Sửa để chọn câu cần sửa, hoặc nộp báo cáo.
report-review-help-readonly = Báo cáo không thể sửa đổi lúc này.
report-review-returned = ↩️ Báo cáo bị trả lại để chỉnh sửa: "{ $comment }"
report-review-amending = Đã nộp (phiên bản { $version }, số tham chiếu { $ref }). Có thể sửa đổi đến hết ngày { $until }.
report-review-amend-closed = Đã nộp (số tham chiếu { $ref }); hết hạn sửa đổi ({ $deadline }).
report-review-period-closed = Kỳ báo cáo đã đóng.
report-saved-for-later = 💾 Đã lưu bản nháp. Gửi /report khi muốn làm tiếp.
report-submitted = ✅ Đã nộp báo cáo "{ $title }" kỳ { $period } của { $agency }.
    Số tham chiếu: { $ref }
    Thời điểm nộp: { $at } — { $timeliness } (hạn nộp { $deadline }).
report-resubmitted = ✅ Đã nộp bản sửa đổi (phiên bản { $version }) báo cáo kỳ { $period } của { $agency }.
    Số tham chiếu: { $ref }
    Số câu thay đổi: { $changed }. Thời điểm nộp: { $at }.
report-submit-unchanged = Không có thay đổi nào so với bản đã nộp (số tham chiếu { $ref }).
report-submitted-amend-until = Có thể sửa đổi đến hết ngày { $until } bằng lệnh /report.
report-submitted-amend-closed = Đã qua hạn sửa đổi; nếu cần sửa, liên hệ { $orgCoordinator } để mở lại kỳ báo cáo.
report-on-time = đúng hạn
report-late = trễ hạn
report-refused-period-closed = Kỳ báo cáo đã đóng, không thể sửa hay nộp báo cáo.
report-refused-amend-closed = Đã hết hạn sửa đổi báo cáo này.
report-refused-missing = Không tìm thấy báo cáo này.
report-changed-meanwhile = Báo cáo đã được người khác sửa sau khi màn hình này hiện ra, nên thao tác vừa rồi chưa được thực hiện. Dưới đây là tình hình hiện tại của báo cáo.
report-screen-behind = Màn hình này đã cũ: báo cáo của bạn đã được lưu đến bước sau (có thể lần trước hệ thống dừng giữa chừng). Dưới đây là bước hiện tại.
report-saved-as-current = Đã lưu «{ $value }» làm câu trả lời cho câu { $index }: { $label }. Nếu bạn định trả lời câu khác, hãy sửa ở màn hình xem lại.
report-refused-no-right = Bạn không còn là người báo cáo của đơn vị này (hoặc thời gian được ủy quyền đã hết), nên không thể sửa hay nộp báo cáo. Câu trả lời vừa rồi không được lưu; các câu đã lưu trước đó vẫn còn.

report-period-label = Kỳ { $period }
report-short-not-started = chưa bắt đầu
report-short-draft = nháp { $answered }/{ $total }
report-short-submitted = đã nộp
report-short-returned = bị trả lại
report-status-title = 📊 Tình hình báo cáo
report-status-line = • { $title } — kỳ { $period } (hạn { $deadline }): { $status }
report-status-not-started = chưa bắt đầu
report-status-draft = bản nháp ({ $answered }/{ $total } câu)
report-status-submitted-on-time = đã nộp đúng hạn lúc { $at } ({ $ref })
report-status-submitted-late = đã nộp trễ hạn lúc { $at } ({ $ref })
report-status-latest = bản mới nhất lúc { $at }
report-status-returned = bị trả lại để chỉnh sửa: "{ $comment }"

report-no-templates = Chưa có mẫu báo cáo nào. Nhập mẫu bằng lệnh: npm run cli -- import-template TỆP
report-openperiod-pick = Chọn kỳ cần mở:
report-openperiod-one-off = Các mẫu báo cáo hiện có đều là báo cáo đột xuất: gửi /openperiod MẪU TÊN_KỲ dd/mm/yyyy (tên kỳ do bạn đặt, kèm hạn nộp), ví dụ /openperiod khao-sat khao-sat-1 15/12/2026.
report-period-opened = Đã mở kỳ { $period } của mẫu { $template }: chốt số liệu { $cutoff }, hạn nộp { $deadline }.
report-period-already-open = Kỳ { $period } của mẫu { $template } đã được mở trước đó (hạn nộp { $deadline }).
report-period-reopened = Đã mở lại kỳ { $period } của mẫu { $template }: nhận sửa đổi đến hết ngày { $until }.
report-reopen-usage = Cách dùng: /reopenperiod MẪU KỲ dd/mm/yyyy — ví dụ /reopenperiod it-plan 2026-11 05/12/2026
report-close-usage = Cách dùng: /closeperiod MẪU KỲ — ví dụ /closeperiod it-plan 2026-09. Kỳ đã đóng không nhận nộp hay sửa báo cáo và không nhắc nữa; /reopenperiod để mở lại.
report-period-closed = Đã đóng kỳ { $period } của mẫu { $template }: không nhận nộp hay sửa báo cáo và không nhắc các đơn vị nữa. Gửi /reopenperiod để mở lại.
report-period-already-closed = Kỳ { $period } của mẫu { $template } đã đóng từ trước.
report-period-error-unknown-template = Không có mẫu báo cáo "{ $template }".
report-period-error-bad-period-key = "{ $period }" không phải là kỳ hợp lệ của mẫu { $template } (ví dụ 2026-11, 2026-Q3, 2026-H1, 2026-9M, 2026).
report-period-error-deadline-required = Báo cáo đột xuất cần có hạn nộp (dd/mm/yyyy).
report-period-error-deadline-before-cutoff = Hạn nộp không thể trước ngày chốt số liệu.
report-period-error-deadline-past = Hạn nộp đã qua. Kiểm tra lại ngày (dd/mm/yyyy), nhất là năm.
report-period-error-unknown-period = Không có kỳ { $period } của mẫu { $template }.
report-period-error-reopen-past = Ngày đó đã qua nên mở lại cũng không nhận được gì. Kiểm tra lại ngày (dd/mm/yyyy), nhất là năm.
report-period-error-out-of-window = Không mở được kỳ { $period } của mẫu { $template }: chỉ mở được các kỳ từ { $earliest } đến { $latest } (từ một năm trước đến kỳ kế tiếp). Kiểm tra lại kỳ, nhất là năm.

report-delegate-usage = /delegate không kèm gì để chọn đơn vị, người và ngày bằng nút; hoặc gõ: /delegate MÃ_ĐƠN_VỊ TELEGRAM_ID dd/mm/yyyy dd/mm/yyyy — người được ủy quyền báo cáo thay cho đơn vị trong khoảng ngày đó.
report-delegations-none = Không có ủy quyền nào đang hoặc sắp có hiệu lực.
report-delegation-line = • { $agency }: { $name } từ { $from } đến { $to }
report-delegated = Đã ủy quyền { $name } báo cáo thay cho { $agency } từ { $from } đến { $to }.
report-notice-delegated = Bạn được ủy quyền báo cáo thay cho { $agency } từ { $from } đến { $to }. Gửi /report để lập hoặc tiếp tục báo cáo của đơn vị, /status để xem tình hình.
report-delegate-error-unknown-agency = Không có đơn vị mã "{ $agency }".
report-delegate-error-unknown-person = Chưa có người dùng nào có vai trò với Telegram ID { $id }. Hãy mời người đó trước (/invite); nhắn tin cho bot thôi thì chưa đủ.
report-delegate-error-bad-range = Ngày kết thúc phải sau ngày bắt đầu.
report-delegate-error-past = Khoảng thời gian này đã kết thúc. Kiểm tra lại ngày (dd/mm/yyyy), nhất là năm.

report-return-none = Chưa có báo cáo đã nộp nào trong các kỳ đang mở.
report-return-pick = Chọn báo cáo để xem và trả lại:
report-return-page = Trang { $page }/{ $pages } · { $total } báo cáo đã nộp
report-page-prev = ‹ Trước
report-page-next = Sau ›
report-return-ask-comment = Nhập nhận xét: cần chỉnh sửa những gì? (Gửi /cancel để hủy.)
report-return-comment-invalid = Vui lòng nhập nhận xét bằng chữ, tối đa { $max } ký tự.
report-return-not-submitted = Báo cáo này không ở trạng thái đã nộp nên không thể trả lại.
report-returned-done = Đã trả lại báo cáo; { $notified } người báo cáo sẽ nhận được thông báo.
report-notice-returned = ↩️ Báo cáo kỳ { $period } của { $agency } bị trả lại để chỉnh sửa.
    Nhận xét: { $comment }
    Bấm nút dưới đây hoặc gửi /report để sửa và nộp lại.
report-view-ref = Số tham chiếu: { $ref }
report-history-title = Lịch sử:
report-history-line = • Phiên bản { $version } — { $event } — { $at } — { $name }
report-history-changed = Thay đổi: { $fields }
report-history-comment = Nhận xét: { $comment }
report-event-submitted = nộp
report-event-amended = sửa đổi
report-event-returned = trả lại
report-event-resubmitted = nộp lại
report-close-pick = Chọn kỳ báo cáo cần đóng (không nhận nộp, sửa hay nhắc nữa):
report-close-none = Không có kỳ báo cáo nào đang mở.
report-reopen-pick = Chọn kỳ báo cáo cần mở lại để nhận bổ sung, sửa:
report-reopen-none = Chưa có kỳ báo cáo nào.
report-reopen-pick-until = Mở lại { $template } · { $period } đến hết ngày nào?
report-reopen-until-button = Đến { $date }

delegate-pick-agency = Ủy quyền báo cáo thay cho đơn vị nào? Chọn đơn vị hoặc gõ mã, một phần tên để tìm.
delegate-pick-person = Ai báo cáo thay cho { $agency }? Chọn người của đơn vị, hoặc gõ tên để tìm trong tất cả người dùng.
delegate-agency-nobody = (Đơn vị chưa có ai dùng bot — hãy gõ tên để tìm.)
delegate-search-many = Có { $count } người khớp; chọn một người:
delegate-ask-from = { $name } báo cáo thay cho { $agency } từ ngày nào? Chọn, hoặc gõ ngày (dd/mm/yyyy, "ngày mai"…).
delegate-ask-to = Đến ngày nào (từ { $from })? Chọn, hoặc gõ ngày (dd/mm/yyyy, "đến hết tháng 12"…).
delegate-day-invalid = Không hiểu ngày này. Gõ dd/mm/yyyy hoặc chẳng hạn "ngày mai", "đến hết tháng 12".
delegate-day-today = Hôm nay ({ $date })
delegate-day-tomorrow = Ngày mai ({ $date })
delegate-day-end-month = Hết tháng này ({ $date })
delegate-day-end-next-month = Hết tháng sau ({ $date })
delegate-day-end-year = Hết năm ({ $date })
delegate-confirm = Ủy quyền { $name } báo cáo thay cho { $agency } từ { $from } đến { $to }?
report-status-overdue = ⚠️ quá hạn { $days } ngày làm việc
report-view-status = Đã nộp (phiên bản { $version }, số tham chiếu { $ref }; hạn { $deadline }). Chỉ xem.
report-view-not-filed = Báo cáo này chưa được nộp.
