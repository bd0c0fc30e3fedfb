# The organisation: province, coordinating department, the body it reports to (/organisation).
cmd-organisation = Thông tin cơ quan: tỉnh, cơ quan điều phối, cơ quan nhận báo cáo
# Generic words used before the set-up; a particular department or province is never named in a locale.
org-unset-province = ……
org-unset-coordinator = cơ quan điều phối
org-unset-sender = CƠ QUAN ĐIỀU PHỐI
org-unset-governing = CƠ QUAN CHỦ QUẢN
org-unset-reports-to = cơ quan chủ quản
org-title = Thông tin cơ quan (dùng trong mọi tin nhắn và báo cáo Word):
org-field-province = Tên tỉnh (nơi ban hành)
org-field-coordinator = Cơ quan điều phối
org-field-short = Tên viết tắt
org-field-sender = Dòng cơ quan ban hành
org-field-prefix = Ký hiệu văn bản
org-field-reports-to = Cơ quan nhận báo cáo
org-not-set = (chưa thiết lập)
org-default-sender = (mặc định: tên cơ quan điều phối viết hoa)
org-complete = Đã thiết lập đầy đủ.
org-incomplete = Còn thiếu: { $fields }.
org-usage =
    Sửa từng mục: /organisation <mục> <tên tiếng Việt> | <tên tiếng Anh (không bắt buộc)>
    Ví dụ: /organisation { $example } …
    Các mục: province, coordinator, short, sender, prefix (ví dụ BC-ABC), reports-to.
org-saved = Đã lưu: { $field }.
org-unknown-field = Không có mục “{ $field }”. { $hint ->
    [none] Các mục: { $fields }.
   *[other] Ý bạn là “{ $hint }”? Các mục: { $fields }.
}
org-bad-name = Cần nhập tên cho mục { $field }: tên tiếng Việt, có thể thêm “| tên tiếng Anh” (tối đa 200 ký tự mỗi tên).
org-bad-prefix = Ký hiệu văn bản chỉ gồm chữ, số và các dấu - / . & _ (tối đa 40 ký tự), ví dụ BC-ABC.
org-setup-needed = Bot chưa được thiết lập thông tin cơ quan (còn thiếu: { $fields }). Gửi /organisation để xem và thiết lập.
