# /start and invitations.
cmd-start = Bắt đầu, xem vai trò của bạn
onboarding-welcome =
    Xin chào { $name }!
    Vai trò của bạn:
    { $roles }

    Gửi /help để xem các lệnh bạn có thể dùng.
onboarding-joined = Chào mừng bạn! Bạn đã được cấp vai trò: { $role }.
onboarding-code-unknown = Mã mời không đúng. Vui lòng kiểm tra lại đường liên kết hoặc mã mời mà { $orgCoordinator } đã gửi cho bạn.
onboarding-already-joined = Bạn đã tham gia bằng mã mời này rồi, không cần mã mới.
onboarding-code-used = Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; vui lòng đề nghị người mời cấp mã mới.
onboarding-code-expired = Mã mời này đã hết hạn. Vui lòng đề nghị người mời cấp mã mới.
onboarding-code-blocked = Bạn đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau { $time }.
onboarding-role-admin = Quản trị hệ thống
onboarding-role-coordinator = Điều phối ({ $orgCoordinator })
onboarding-role-leader-province = Lãnh đạo tỉnh
onboarding-role-leader-agency = Lãnh đạo đơn vị
onboarding-role-reporter = Cán bộ đầu mối CNTT
onboarding-role-in-agency = { $role } — { $agency } ({ $code })
