# The offline demo console (npm run demo). Not shown in Telegram: these are the console's own lines.
demo-banner =
    ═══ Bot báo cáo CNTT — chế độ demo ngoại tuyến ═══
    Không cần Telegram hay máy chủ CSDL: dữ liệu mẫu ({ $orgProvince }) nằm trong một thư mục tạm và bị xoá khi thoát.
    Gõ tin nhắn hoặc lệnh bot (/start, /help) để gửi bằng vai hiện tại. Lệnh console bắt đầu bằng ":":
      :as <vai>  đổi vai (admin, coordinator, leader, head, guest, SO-TC…)   :personas  danh sách vai
      :press <số>  bấm nút   :file | :photo <đường dẫn>  gửi tệp | ảnh   :clock +3d  chỉnh đồng hồ   :help   :quit
demo-help =
    Lệnh console (mọi dòng khác được gửi tới bot như tin nhắn của vai hiện tại):
      :as <vai>             đổi vai: admin, coordinator, leader, head, guest, reporter <MÃ>, hoặc mã đơn vị (SO-TC)
      :personas             liệt kê các vai và tên ngắn
      :press <số | chữ>     bấm nút thứ N (hoặc nút có chữ bắt đầu như vậy) của tin nhắn có nút gần nhất
      :file <đường dẫn>     gửi một tệp từ vai hiện tại
      :photo <đường dẫn>    gửi một ảnh từ vai hiện tại
      :open [liên kết]      mở liên kết mời t.me/…?start=… (bỏ trống: liên kết mời gần nhất bot đã gửi)
      :clock                xem giờ mô phỏng
      :clock +3d | +2h | +30m | 2026-12-16 08:00    chuyển đồng hồ rồi chạy các công việc nền
      ::văn bản             gửi một tin nhắn bắt đầu bằng ":"
      # ghi chú             dòng ghi chú trong kịch bản, không gửi đi
      :quit                 thoát
    Ảnh và tệp bot gửi được lưu vào { $outDir }
demo-acting-as = Đang đóng vai { $key }: { $persona }
demo-personas-header = Các vai (gõ :as <tên ngắn>):
demo-role-admin = quản trị hệ thống
demo-role-coordinator = điều phối, { $agency }
demo-role-leader = lãnh đạo { $orgReportsTo }, xem toàn tỉnh
demo-role-head = người đứng đầu { $agency }
demo-role-reporter = cán bộ đầu mối CNTT, { $agency }
demo-role-guest = chưa được cấp quyền (thử /start hoặc :open <liên kết mời>)
demo-persona-unknown = Không có vai "{ $query }". Gõ :personas để xem danh sách.
demo-persona-ambiguous = "{ $query }" khớp nhiều vai: { $keys }. Hãy gõ rõ hơn.
demo-clock-now = Giờ mô phỏng: { $time } ({ $zone })
demo-clock-moved = Đồng hồ mô phỏng chuyển tới: { $time } ({ $zone })
demo-clock-back = Lưu ý: đồng hồ lùi về quá khứ; các công việc nền chỉ làm những gì đến hạn tại thời điểm này.
demo-clock-bad = Không hiểu thời điểm. Ví dụ: :clock +3d, :clock +2h, :clock +30m, :clock 2026-12-16 08:00
demo-unknown-command = Không có lệnh console :{ $command }. Gõ :help để xem các lệnh.
demo-missing-argument = Lệnh :{ $command } cần tham số. Gõ :help để xem ví dụ.
demo-bad-press = Số nút bắt đầu từ 1, ví dụ :press 1.
demo-press-none = Không có tin nhắn nào còn nút bấm gửi cho { $recipient }.
demo-press-no-button = Không có nút "{ $target }". Các nút hiện có: { $buttons }
demo-press-pressing = (bấm nút "{ $text }")
demo-press-url = Nút này mở liên kết: { $url }
demo-file-missing = Không đọc được tệp: { $path }
demo-open-none = Bot chưa gửi liên kết mời nào. Dán liên kết: :open https://t.me/…?start=…
demo-open-bad = Đây không phải liên kết mời tới bot này: { $link }
demo-open-sending = (mở { $link } → gửi "{ $text }")
demo-update-failed = Bot gặp lỗi khi xử lý: { $error }
demo-job-failed = Công việc nền "{ $job }" gặp lỗi: { $error }
demo-seed-failed = Dữ liệu mẫu "{ $name }" gặp lỗi và bị bỏ qua: { $error }
demo-bye = Tạm biệt! Thư mục tạm chứa dữ liệu demo đã được xoá.
demo-chat-unknown = chat { $id }
demo-msg-to = ◀ Bot → { $recipient }
demo-msg-edit = ◀ Bot sửa tin #{ $id } của { $recipient }
demo-msg-buttons-edit = ◀ Bot đổi nút của tin #{ $id } ({ $recipient })
demo-msg-buttons-removed = (đã gỡ các nút)
demo-msg-deleted = ◀ Bot xóa tin #{ $id } của { $recipient }
demo-msg-popup = ◀ Bot hiện thông báo nhanh cho { $recipient }: { $text }
demo-msg-alert = ◀ Bot hiện hộp cảnh báo cho { $recipient }: { $text }
demo-msg-photo = (ảnh) đã lưu: { $path }
demo-msg-document = (tệp) đã lưu: { $path }
demo-msg-file-unknown = ({ $kind }) { $ref } — không có nội dung để lưu
demo-msg-copy = (bản sao tin #{ $id } của { $from })
demo-msg-other = ◀ Bot gọi { $method } → { $recipient }
demo-starting = Đang khởi động demo: nạp mã của bot và chuẩn bị cơ sở dữ liệu nhúng với dữ liệu mẫu (lần đầu trong ngày mất lâu hơn)…
