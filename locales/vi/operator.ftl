# The operator's side: messages of the CLI and of the process itself (in DEFAULT_LOCALE).
datadir-locked = Thư mục dữ liệu { $dir } đang được { $program } (tiến trình { $pid }, từ { $since }) sử dụng. Cơ sở dữ liệu nhúng chỉ cho một tiến trình mở cùng lúc: hãy dừng tiến trình đó rồi chạy lại (lệnh CLI dùng được khi bot đã dừng), hoặc dùng máy chủ PostgreSQL (DATABASE_URL) để chạy bot và CLI cùng lúc.
datadir-holder-bot = bot
datadir-holder-cli = lệnh CLI

# Operator CLI (npm run cli -- …): help, options, and what each command prints.
cli-help-usage = Cách dùng: npm run cli -- <lệnh> [tùy chọn]
cli-help-commands = Các lệnh:
cli-unknown-command = Không có lệnh { $name }.
cli-usage = Cách dùng: { $usage }
cli-option-unknown = không có tùy chọn --{ $name }{ $near ->
    [none] {""}
   *[other] {" "}(ý bạn là --{ $near }?)
}; các tùy chọn: { $options }
cli-option-unknown-none = không có tùy chọn --{ $name }; lệnh này không nhận tùy chọn nào
cli-option-twice = tùy chọn --{ $name } được nhập hai lần
cli-option-no-value = thiếu giá trị cho --{ $name }
cli-unexpected-argument = đối số thừa: { $arg }
cli-bad-date = --{ $option } phải có dạng dd/mm/yyyy, nhận được "{ $value }"
cli-date-expected = cần một ngày dạng dd/mm/yyyy, nhận được "{ $value }"
cli-template-period-required = cần có --template và --period
cli-reopen-required = cần có --template, --period và --until dd/mm/yyyy
cli-delegate-required = cần có --agency, --person (Telegram ID, chỉ gồm số), --from và --to (dd/mm/yyyy)
cli-one-csv-file = cần đúng một tệp CSV
cli-template-file-required = cần tệp mẫu báo cáo
cli-year-required = --year cần năm có bốn chữ số
cli-holidays-unknown-action = không có thao tác "{ $action }"
cli-holidays-name-required = cần tên ngày nghỉ sau ngày
cli-holidays-seeded = Đã tạo các ngày nghỉ mặc định của năm { $year }.
cli-holidays-seed-nothing = Năm { $year } đã có ngày nghỉ; không thay đổi gì.
cli-day-kind-holiday = ngày nghỉ
cli-day-kind-workday = ngày làm bù
cli-template-invalid = { $file }: mẫu báo cáo không hợp lệ, không lưu gì:
cli-template-stored = Mẫu { $template }: đã lưu phiên bản { $version } ({ $questions } câu hỏi, { $cadence }).
cli-template-unchanged = Mẫu { $template }: không thay đổi, vẫn là phiên bản { $version }.
cli-cadence-monthly = hằng tháng
cli-cadence-quarterly = hằng quý
cli-cadence-six-month = sáu tháng
cli-cadence-nine-month = chín tháng
cli-cadence-annual = hằng năm
cli-cadence-one-off = đột xuất
cli-period-opened = Đã mở kỳ { $period } của mẫu { $template } (id { $id }): số liệu từ { $from } đến { $to }, hạn nộp { $deadline }.
cli-period-already-open = Kỳ { $period } của mẫu { $template } đã mở từ trước (id { $id }): số liệu từ { $from } đến { $to }, hạn nộp { $deadline }.
cli-period-closed = Đã đóng kỳ { $period } của mẫu { $template }.
cli-period-already-closed = Kỳ { $period } của mẫu { $template } đã đóng từ trước.
cli-holidays-usage = holidays list [--year NĂM] | add dd/mm/yyyy TÊN | workday dd/mm/yyyy TÊN | remove dd/mm/yyyy | seed --year NĂM
cli-holidays-summary = Ngày nghỉ lễ và ngày làm bù dùng để tính hạn nộp và lịch nhắc.
cli-import-agencies-usage = import-agencies TỆP.csv
cli-import-agencies-summary = Tạo hoặc cập nhật đơn vị từ tệp CSV UTF-8 (code,name,kind,parent_code); nhập tất cả hoặc không nhập gì.
cli-invite-usage = invite --role admin|coordinator|leader|reporter [--agency MÃ_ĐƠN_VỊ] [--expires 7d]
cli-invite-summary = Tạo mã mời dùng một lần và in mã cùng đường liên kết.
cli-list-agencies-usage = list-agencies
cli-list-agencies-summary = In cây đơn vị: mã, tên, loại.
cli-list-people-usage = list-people
cli-list-people-summary = In mọi người dùng với Telegram ID, ngôn ngữ và vai trò.
cli-import-template-usage = import-template TỆP.yaml|TỆP.json
cli-import-template-summary = Kiểm tra và lưu một mẫu báo cáo; định nghĩa thay đổi thành phiên bản mới. Tệp lỗi thì không thay đổi gì.
cli-open-period-usage = open-period --template MẪU --period 2026-11 [--deadline dd/mm/yyyy]
cli-open-period-summary = Mở một kỳ báo cáo (chạy lại không sao). Hạn nộp mặc định theo quy tắc của mẫu và lịch ngày nghỉ.
cli-reopen-period-usage = reopen-period --template MẪU --period 2026-11 --until dd/mm/yyyy
cli-reopen-period-summary = Mở lại một kỳ để các đơn vị sửa (hoặc nộp) sau hạn, đến hết ngày đã cho.
cli-close-period-usage = close-period --template MẪU --period 2026-11
cli-close-period-summary = Đóng một kỳ: không nhận nộp, sửa hay nhắc nữa (reopen-period để mở lại).
cli-delegate-usage = delegate --agency MÃ_ĐƠN_VỊ --person TELEGRAM_ID --from dd/mm/yyyy --to dd/mm/yyyy
cli-delegate-summary = Ủy quyền người báo cáo thay cho một đơn vị trong khoảng ngày (kể cả hai đầu), ví dụ khi cán bộ đầu mối vắng.
