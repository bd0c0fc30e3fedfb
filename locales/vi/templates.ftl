cmd-templates = Mẫu báo cáo: phiên bản, xem trước, nhập phiên bản mới
tpl-list-title = Các mẫu báo cáo
tpl-list-empty = Chưa có mẫu nào.
tpl-list-help = Bấm vào một mẫu để xem trước một phiên bản hoặc chọn phiên bản áp dụng. Để nhập phiên bản mới, gửi tệp mẫu vào đây (YAML, JSON hoặc Excel .xlsx với các trang "settings" và "questions").
tpl-version-line = • phiên bản { $version } ngày { $date }, { $questions } câu hỏi; các kỳ: { $periods }{ $more ->
    [0] {""}
   *[other] {" "}(và { $more } kỳ khác)
  }
tpl-version-line-current = • phiên bản { $version } ngày { $date }, { $questions } câu hỏi, áp dụng cho kỳ mới; các kỳ: { $periods }{ $more ->
    [0] {""}
   *[other] {" "}(và { $more } kỳ khác)
  }
tpl-version-no-periods = chưa có
tpl-versions-help = Kỳ mới được mở với phiên bản đang áp dụng; các kỳ đã mở giữ phiên bản của mình.
tpl-button-preview = 👁 Xem trước v{ $version }
tpl-button-use = ✔ Áp dụng v{ $version }
tpl-button-back = ↩ Quay lại
tpl-button-import = ✅ Nhập
tpl-button-cancel = ✖ Huỷ
tpl-gone = Mẫu hoặc phiên bản này không còn nữa.
tpl-preview-header = Xem trước: { $title }, phiên bản { $version }
tpl-preview-inert = Chỉ xem trước: không ghi nhận gì.
tpl-rule-when = Chỉ hỏi khi «{ $question }» là { $values }.
tpl-rule-min = Tối thiểu { $min }.
tpl-rule-max = Tối đa { $max }.
tpl-rule-lte = Không được lớn hơn «{ $question }».
tpl-rule-lte-confirm = Không nên lớn hơn «{ $question }»; người báo cáo có thể xác nhận giá trị lớn hơn.
tpl-rule-required = Bắt buộc.
tpl-rule-optional = Không bắt buộc: người báo cáo có thể bỏ qua.
tpl-version-chosen = Phiên bản { $version } nay áp dụng cho các kỳ mở từ bây giờ.
tpl-upload-too-large = Tệp quá lớn cho một mẫu (tối đa { $max } KB).
tpl-upload-invalid = Chưa nhập mẫu; không có gì thay đổi. { $count ->
    [one] Một lỗi
   *[other] { $count } lỗi
  }:
tpl-upload-fix = Sửa tệp rồi gửi lại.
tpl-import-stored = «{ $title }»: đã lưu phiên bản { $version } ({ $questions } câu hỏi). Áp dụng cho các kỳ mở từ bây giờ.
tpl-import-unchanged = «{ $title }» giống phiên bản { $version }; không có gì thay đổi.
tpl-import-changed = Mẫu đã thay đổi trong lúc chờ; chưa nhập gì. Hãy gửi lại tệp.
tpl-import-resend = Không còn đọc được tệp; chưa nhập gì. Hãy gửi lại tệp.
tpl-import-cancelled = Đã huỷ; chưa nhập gì.
tpl-button-period = 📅 { $period }: dùng v{ $version }
tpl-period-applied = Kỳ đang mở nay dùng phiên bản { $version } (chưa ai bắt đầu báo cáo trong kỳ).
tpl-period-gone = Kỳ hoặc phiên bản này không còn nữa.
tpl-period-closed = Kỳ này đã đóng; giữ phiên bản của mình.
tpl-period-started = Đã có báo cáo được bắt đầu trong kỳ này; kỳ giữ phiên bản của mình.
tpl-versions-page = Trang { $page }/{ $pages } ({ $count } phiên bản, mới nhất trước); bấm ‹ › để xem các phiên bản khác.
tpl-upload-preview-new-version = «{ $title }» hợp lệ. Nếu nhập, đây sẽ là phiên bản { $version } (đang áp dụng: phiên bản { $current }) và áp dụng cho các kỳ mở từ bây giờ.
tpl-upload-preview-new-template = «{ $title }» là mẫu mới và hợp lệ. Nếu nhập, đây sẽ là phiên bản 1.
tpl-upload-preview-questions = { $count } câu hỏi (mã — loại: nội dung):
tpl-upload-preview-added = (＋ mới)
tpl-upload-preview-changed = (✎ có thay đổi)
tpl-upload-preview-dropped = Bỏ các câu hỏi: { $keys }
tpl-upload-preview-ask = Chưa có gì thay đổi. Bấm “Nhập” để lưu phiên bản này, hoặc “Huỷ”.
tpl-qtype-integer = số nguyên
tpl-qtype-decimal = số thập phân
tpl-qtype-percent = tỷ lệ %
tpl-qtype-money = số tiền
tpl-qtype-yes-no = có/không
tpl-qtype-single-choice = chọn một
tpl-qtype-multi-choice = chọn nhiều
tpl-qtype-date = ngày
tpl-qtype-short-text = văn bản ngắn
tpl-qtype-long-text = văn bản dài
tpl-qtype-attachment = tệp đính kèm
