# /help, /lang, /cancel and the command menus.
cmd-help = Xem các lệnh bạn có thể dùng
cmd-lang = Đổi ngôn ngữ (Tiếng Việt / English)
cmd-cancel = Hủy thao tác đang thực hiện
help-title = Bạn có thể dùng các lệnh sau:
help-lang-choose = Chọn ngôn ngữ:
help-lang-name-vi = Tiếng Việt
help-lang-name-en = English
help-lang-changed = Đã chuyển sang tiếng Việt.
