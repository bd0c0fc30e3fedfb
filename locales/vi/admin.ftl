# /invite, /agencies, /people and the operator CLI.
cmd-invite = Tạo mã mời người dùng mới
cmd-agencies = Danh sách đơn vị
cmd-people = Danh sách người dùng và vai trò
admin-page-prev = ‹ Trước
admin-page-next = Sau ›
admin-inactive-mark = (ngừng hoạt động)
admin-agencies-title = Danh sách đơn vị — trang { $page }/{ $pages }
admin-agencies-empty = Chưa có đơn vị nào. Người vận hành nhập danh sách đơn vị bằng lệnh import-agencies.
admin-people-title = Người dùng và vai trò — trang { $page }/{ $pages }
admin-people-empty = Chưa có người dùng nào.
admin-people-no-role = (chưa có vai trò)
admin-invite-choose-role = Chọn vai trò cho người được mời:
admin-invite-role-admin = Quản trị hệ thống
admin-invite-role-coordinator = Điều phối
admin-invite-role-leader = Lãnh đạo (tỉnh hoặc đơn vị)
admin-invite-role-reporter = Cán bộ đầu mối CNTT của đơn vị
admin-invite-choose-agency = Chọn đơn vị (trang { $page }/{ $pages }), hoặc gõ mã hay một phần tên đơn vị:
admin-invite-whole-province = Toàn tỉnh (lãnh đạo tỉnh)
admin-invite-search-none = Không tìm thấy đơn vị nào khớp với “{ $query }”. Hãy gõ lại hoặc chọn bằng nút.
admin-invite-search-many = Có { $count } đơn vị khớp. Chọn một đơn vị, hoặc gõ cụ thể hơn:
admin-invite-use-buttons = Vui lòng chọn bằng các nút bên trên, hoặc gửi /cancel để hủy.
admin-invite-no-agencies = Chưa có đơn vị nào để gắn với mã mời. Hãy nhập danh sách đơn vị trước.
admin-invite-created =
    Đã tạo mã mời cho vai trò: { $role }
    Hiệu lực đến: { $expires }

    Mã mời: { $code }
    Đường liên kết: { $link }

    Gửi đường liên kết này cho người được mời. Mã chỉ dùng được một lần và sẽ không được hiển thị lại.
admin-cli-import-kinds = Đã tạo hoặc đổi tên { $count } loại đơn vị.
admin-cli-import-done = Đã nhập { $file }: { $created } đơn vị mới, { $updated } đơn vị cập nhật, { $unchanged } không đổi.
admin-cli-import-failed = Không nhập gì cả: tệp có { $count } lỗi.
admin-cli-file-unreadable = Không đọc được tệp { $file }: { $reason }
admin-cli-file-not-utf8 = Tệp { $file } không ở mã UTF-8 (định dạng “CSV” thường của Excel dùng bảng mã Windows, làm hỏng tên tiếng Việt). Trong Excel chọn File → Save As → “CSV UTF-8 (Comma delimited)” rồi nhập tệp đó.
admin-cli-problem-line = Dòng { $line }: { $message }
admin-cli-problem-csv-syntax = lỗi cú pháp CSV ({ $detail })
admin-cli-problem-missing-header = dòng tiêu đề phải có các cột code,name,kind,parent_code (thiếu: { $detail })
admin-cli-problem-missing-column = thiếu cột (chỉ có { $detail } giá trị)
admin-cli-problem-extra-column = có { $values } giá trị cho { $columns } cột (thừa: “{ $detail }”); tên có dấu phẩy phải đặt trong dấu ngoặc kép, ví dụ "Phòng Kinh tế, Hạ tầng và Đô thị"
admin-cli-problem-empty-field = trường bắt buộc bị trống: { $detail }
admin-cli-problem-bad-characters = có ký tự điều khiển hoặc xuống dòng không lưu được ở cột { $detail }; hãy xóa ký tự đó trong tệp
admin-cli-problem-name-too-long = tên đơn vị dài { $detail } ký tự, tối đa { $max } ký tự
admin-cli-problem-bad-code = mã đơn vị không hợp lệ “{ $detail }” (chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang; tối đa 32 ký tự)
admin-cli-problem-unknown-kind = loại đơn vị chưa có “{ $detail }”: loại mới cần tên ở cột kind_name (hoặc tạo bằng /kinds add); mã loại gồm chữ thường, số, - và _
admin-cli-problem-duplicate-code = mã { $detail } bị trùng với dòng { $first } (mã không phân biệt chữ hoa/thường)
admin-cli-problem-ambiguous-code = mã { $detail } trùng với nhiều đơn vị đã lưu chỉ khác nhau về chữ hoa/thường; cần gộp các đơn vị đó trước
admin-cli-problem-unknown-parent = không có đơn vị cấp trên mang mã “{ $detail }”
admin-cli-problem-cycle = quan hệ cấp trên tạo thành vòng lặp: { $detail }
admin-cli-unknown-role = vai trò không hợp lệ “{ $role }” (chỉ nhận admin, coordinator, leader, reporter)
admin-cli-unknown-agency = không có đơn vị mang mã “{ $code }”
admin-cli-agency-required = vai trò { $role } cần --agency MÃ_ĐƠN_VỊ
admin-cli-agency-not-allowed = vai trò { $role } không gắn với đơn vị, hãy bỏ --agency
admin-cli-bad-expires = --expires phải có dạng như 7d, 36h hoặc 90m
admin-cli-invite-created =
    Mã mời cho vai trò: { $role }
    Hiệu lực đến: { $expires }
    Mã mời: { $code }
admin-cli-invite-link = Đường liên kết: { $link }
admin-cli-invite-no-link = Người được mời gửi cho bot: /start { $code }
admin-cli-agencies-empty = Chưa có đơn vị nào.
admin-cli-people-empty = Chưa có người dùng nào.
# Agency kinds: the names of the well-known kinds until a stored kind renames them (/kinds).
agency-kind-province = Cấp tỉnh
agency-kind-department = Sở, ban, ngành
agency-kind-district = Cấp huyện
agency-kind-commune = Cấp xã
cmd-kinds = Các loại đơn vị (xem, thêm, đổi tên, thứ tự)
kinds-title = Các loại đơn vị (theo thứ tự trong báo cáo tổng hợp):
kinds-line = { $order }. { $code } — { $name }{ $en } · { $count } đơn vị
kinds-usage =
    Thêm: /kinds add <mã> <tên tiếng Việt> | <tên tiếng Anh>
    Đổi tên: /kinds rename <mã> <tên tiếng Việt> | <tên tiếng Anh>
    Thứ tự: /kinds order <mã> <số thứ tự>
    Mẫu báo cáo chọn đơn vị phải nộp theo mã loại (agencies: kinds: [...]).
kinds-saved = Đã lưu loại đơn vị { $code }.
kinds-unchanged = Loại đơn vị { $code } không thay đổi.
kinds-exists = Đã có loại đơn vị { $code }; dùng /kinds rename để đổi tên.
kinds-unknown = Chưa có loại đơn vị { $code }; dùng /kinds add để thêm.
kinds-bad-code = Mã loại đơn vị chỉ gồm chữ thường không dấu, số, - và _ (tối đa 32 ký tự, bắt đầu bằng chữ), ví dụ: commune.
kinds-bad-name = Cần tên tiếng Việt, có thể thêm “| tên tiếng Anh” (tối đa 200 ký tự mỗi tên).
kinds-bad-order = Số thứ tự là số nguyên từ 1 đến 999.
