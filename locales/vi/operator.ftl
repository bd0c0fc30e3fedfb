# The operator's side: messages of the CLI and of the process itself (in DEFAULT_LOCALE).
datadir-locked = Thư mục dữ liệu { $dir } đang được { $program } (tiến trình { $pid }, từ { $since }) sử dụng. Cơ sở dữ liệu nhúng chỉ cho một tiến trình mở cùng lúc: hãy dừng tiến trình đó rồi chạy lại (lệnh CLI dùng được khi bot đã dừng), hoặc dùng máy chủ PostgreSQL (DATABASE_URL) để chạy bot và CLI cùng lúc.
datadir-holder-bot = bot
datadir-holder-cli = lệnh CLI
