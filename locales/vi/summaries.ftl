# Leaders' summaries, queries, charts and exports.
cmd-summary = Tổng hợp một kỳ báo cáo (mặc định: kỳ mới nhất)
cmd-missing = Các đơn vị chưa báo cáo trong một kỳ
cmd-agency = Báo cáo và lịch sử của một đơn vị
cmd-compare = So sánh các đơn vị theo một chỉ tiêu
cmd-trend = Diễn biến một chỉ tiêu qua 12 kỳ (biểu đồ)
cmd-ranking = Xếp hạng các đơn vị trong năm
cmd-chart = Biểu đồ tình hình nộp báo cáo theo loại đơn vị
cmd-export = Xuất dữ liệu: /export xlsx|csv|docx [kỳ]

summaries-summary-title = TỔNG HỢP BÁO CÁO {$period}
summaries-completion-heading = Tình hình nộp báo cáo
summaries-completion-line = Đã nộp {$reported}/{$required} đơn vị: đúng hạn {$onTime}, trễ hạn {$late}, chưa nộp {$missing}.
summaries-completion-kind = {$reported}/{$required} (trễ {$late}, chưa nộp {$missing})
summaries-missing-named = Chưa nộp:
summaries-late-named = Nộp trễ hạn:
summaries-missing-title = Đơn vị chưa báo cáo {$period}
summaries-missing-none = Tất cả đơn vị đã nộp báo cáo.
summaries-indicators-heading = Các chỉ tiêu
summaries-indicators-heading-compared = Các chỉ tiêu (so với {$previous}, cùng các đơn vị đã nộp kỳ này)
summaries-aggregate-sum = Tổng
summaries-aggregate-avg = Trung bình
summaries-aggregate-minmax = Thấp nhất – cao nhất
summaries-aggregate-share = Tỷ lệ
summaries-aggregate-count = Số lượng
summaries-no-data = Chưa có số liệu.
summaries-points = điểm phần trăm
summaries-flags-heading = Cảnh báo chất lượng số liệu
summaries-flags-none = Không phát hiện số liệu bất thường.
summaries-flags-more = … và {$count} cảnh báo khác: bấm nút «Cảnh báo» dưới bản tóm tắt, hoặc xem trang «Cảnh báo» trong tệp Excel.
summaries-flag-contradiction = {$share} mâu thuẫn: {$numerator} là {$numeratorValue}, lớn hơn {$denominator} là {$denominatorValue}.
summaries-flag-outlier = {$indicator} = {$value}, khác xa mức thường thấy của đơn vị (trung vị các kỳ trước {$median}).
summaries-kind-all = Toàn tỉnh
summaries-period-not-found = Không có kỳ báo cáo {$period}.
summaries-period-fallback = Không có kỳ báo cáo riêng cho {$asked}; hiển thị kỳ gần nhất trong khoảng đó: {$shown}.
summaries-no-reports = Chưa có kỳ báo cáo nào có số liệu.
summaries-bad-year = “{ $text }” không phải năm hợp lệ. Hãy viết năm đủ bốn chữ số, từ { $min } đến { $max }, ví dụ “xếp hạng năm 2026” hoặc “tháng 11/2026”.
summaries-money-billion = {$value} tỷ đồng
summaries-money-million = {$value} triệu đồng
summaries-money-dong = {$value} đồng
summaries-money-thousand = {$value} nghìn đồng
summaries-yes = Có
summaries-no = Không
summaries-attachment = (tệp đính kèm)
summaries-more = … và {$count} đơn vị khác.
summaries-status-on-time = Đúng hạn
summaries-status-late = Trễ hạn
summaries-status-missing = Chưa nộp
summaries-button-chart = 📊 Biểu đồ
summaries-button-compare = So sánh chỉ tiêu
summaries-button-trend = 📈 Diễn biến 12 kỳ
summaries-compare-title = So sánh: {$indicator} — {$period}
summaries-compare-count = {$count} đơn vị có số liệu, xếp từ tốt nhất:
summaries-compare-choose = Chọn chỉ tiêu để so sánh giữa các đơn vị:
summaries-trend-choose = Chọn chỉ tiêu để xem diễn biến:
summaries-indicator-unknown = Không tìm thấy chỉ tiêu "{$query}".
summaries-trend-title = Diễn biến {$count} kỳ: {$indicator}
summaries-trend-basis-sum = Tổng của các đơn vị đã báo cáo
summaries-trend-basis-avg = Trung bình của các đơn vị đã báo cáo
summaries-trend-basis-share = Tỷ lệ chung (%) = tổng tử số / tổng mẫu số
summaries-ranking-title = XẾP HẠNG ỨNG DỤNG CNTT NĂM {$year}
summaries-ranking-empty = Chưa có kỳ báo cáo nào đã hết hạn trong năm {$year}.
summaries-ranking-periods = Tính trên {$count} kỳ báo cáo đã hết hạn; điểm tối đa 100.
summaries-ranking-timeliness-short = đúng hạn
summaries-ranking-how = Cách tính điểm
summaries-ranking-how-timeliness = Nộp báo cáo đúng hạn: trọng số {$weight} ({$share}%). Mỗi kỳ đúng hạn được đủ điểm, trễ hạn được nửa, không nộp được 0.
summaries-ranking-how-indicator = {$indicator}: trọng số {$weight} ({$share}%). Lấy trung bình các kỳ, quy về thang 0–100 giữa các đơn vị (cao nhất = 100).
summaries-ranking-how-indicator-lower = {$indicator}: trọng số {$weight} ({$share}%). Càng thấp càng tốt; quy về thang 0–100 (thấp nhất = 100).
summaries-ranking-how-total = Điểm tổng = tổng (trọng số × điểm thành phần) / tổng trọng số. Đơn vị không có số liệu của một chỉ tiêu được 0 điểm ở chỉ tiêu đó.
summaries-chart-completion-title = Tình hình nộp báo cáo {$period}
summaries-chart-status = Tình trạng
summaries-chart-agencies = Số đơn vị
summaries-chart-ranking-title = Xếp hạng năm {$year} ({$count}/{$total} đơn vị)
summaries-chart-score = Điểm
summaries-agency-usage = Gửi /agency kèm mã hoặc một phần tên đơn vị, ví dụ: /agency Tài chính
summaries-agency-not-found = Không tìm thấy đơn vị "{$query}" trong phạm vi bạn được xem.
summaries-agency-choose = Có nhiều đơn vị phù hợp, hãy chọn một:
summaries-agency-parent = trực thuộc {$parent}
summaries-agency-no-report = Đơn vị chưa nộp báo cáo nào trong các kỳ gần đây.
summaries-agency-latest = Báo cáo gần nhất: {$period}
summaries-agency-history = {$count} kỳ gần đây
summaries-export-usage = Cách dùng: /export xlsx|csv|docx [kỳ], ví dụ: /export xlsx tháng 10
summaries-export-caption-xlsx = Số liệu báo cáo {$period} (Excel)
summaries-export-caption-csv = Số liệu báo cáo {$period} (CSV)
summaries-export-caption-docx = Dự thảo báo cáo tổng hợp {$period} (Word)
summaries-sheet-submissions = Báo cáo các đơn vị
summaries-sheet-aggregates = Tổng hợp
summaries-sheet-flags = Cảnh báo
summaries-col-no = STT
summaries-col-code = Mã đơn vị
summaries-col-agency = Tên đơn vị
summaries-col-kind = Loại
summaries-col-parent = Đơn vị cấp trên
summaries-col-status = Tình trạng
summaries-col-submitted-at = Thời điểm nộp
summaries-col-indicator = Chỉ tiêu
summaries-col-aggregate = Cách tổng hợp
summaries-col-previous = Kỳ trước
summaries-col-flag = Cảnh báo
summaries-col-completion-required = Số đơn vị phải báo cáo
summaries-col-completion-onTime = Nộp đúng hạn
summaries-col-completion-late = Nộp trễ hạn
summaries-col-completion-missing = Chưa nộp
summaries-docx-governing-body = { $orgGoverning }
summaries-docx-issuer = { $orgSender }
summaries-docx-number = Số:      /{ $orgNumberPrefix }
summaries-docx-motto-1 = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
summaries-docx-motto-2 = Độc lập - Tự do - Hạnh phúc
summaries-docx-place-date = { $orgProvince }, ngày      tháng      năm {$year}
summaries-docx-kind = BÁO CÁO
summaries-docx-intro = Thực hiện nhiệm vụ theo dõi, đôn đốc, kiểm tra, tổng hợp tình hình thực hiện Kế hoạch ứng dụng công nghệ thông tin tại các cơ quan nhà nước, { $orgCoordinator } báo cáo kết quả {$period} như sau:
summaries-docx-section-completion = I. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO
summaries-docx-completion = Tổng số đơn vị phải báo cáo: {$required}; đã báo cáo: {$reported} (đúng hạn {$onTime}, trễ hạn {$late}); chưa báo cáo: {$missing}.
summaries-docx-section-indicators = II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU
summaries-docx-none = Không có.
summaries-docx-closing = { $orgCoordinator } kính báo cáo { $orgReportsTo } xem xét, chỉ đạo./.
summaries-docx-recipients = Nơi nhận:
summaries-docx-recipient-1 = - { $orgReportsTo } (b/c);
summaries-docx-recipient-2 = - Các cơ quan, đơn vị báo cáo;
summaries-docx-recipient-3 = - Lưu: VT, CNTT.
summaries-docx-signer-title = GIÁM ĐỐC
summaries-docx-signer-hint = (Ký, ghi rõ họ tên, đóng dấu)
summaries-docx-signer-name = ……………………
summaries-help-title = Bạn có thể hỏi, ví dụ:
summaries-help-body =
    • "đơn vị nào chưa báo cáo tháng 11"
    • "tóm tắt quý 3 năm 2026", "tổng hợp kỳ này", "tổng hợp kỳ trước"
    • "so sánh tỷ lệ hồ sơ trực tuyến tháng 10"
    • "xu hướng số dịch vụ công trực tuyến"
    • "xếp hạng năm 2026"
    • "tình hình <mã hoặc tên đơn vị>"
    • "biểu đồ tháng 10", "xuất excel tháng 10", "xuất word"
    Hoặc dùng lệnh: /summary, /missing, /agency, /compare, /trend, /ranking, /chart, /export.
    Kỳ báo cáo: tháng 11, tháng 11/2026, quý 3, 6 tháng đầu năm, 9 tháng, năm 2026, kỳ này, kỳ trước.
summaries-includes-history = gồm số liệu của { $agencies }
summaries-sheet-merged = Lịch sử sáp nhập
summaries-merged-successor = Đơn vị hiện nay
summaries-merged-predecessor = Gồm số liệu của
summaries-merged-effective = Từ ngày
summaries-col-period = Kỳ báo cáo
summaries-agency-pick = Chọn đơn vị (trang { $page }/{ $pages }):

# Short answers (digests) and the parts behind their buttons.
summaries-change-up = tăng {$value}
summaries-change-down = giảm {$value}
summaries-change-same = không đổi
summaries-range = từ {$min} đến {$max}
summaries-group-agencies = {$count} đơn vị ({$names})
summaries-digest-title = TÓM TẮT {$period}
summaries-digest-completion = Đã nộp {$reported}/{$required} đơn vị ({$share}): đúng hạn {$onTime}, trễ hạn {$late}, chưa nộp {$missing}.
summaries-digest-missing = Chưa nộp: {$names}.
summaries-digest-late = Nộp trễ: {$names}.
summaries-digest-headline = Chỉ tiêu chính:
summaries-digest-headline-compared = Chỉ tiêu chính, so với {$previous}:
summaries-digest-text-count = {$label}: {$count} đơn vị nêu.
summaries-digest-flags = Cảnh báo số liệu: {$count}.
summaries-button-indicators = Chỉ tiêu
summaries-button-missing = Chưa nộp ({$count})
summaries-button-late = Nộp trễ ({$count})
summaries-button-count = {$label} ({$count})
summaries-button-flags = Cảnh báo ({$count})
summaries-button-export = Xuất file
summaries-button-full = Toàn văn
summaries-button-back = ‹ Tóm tắt
summaries-page = Trang {$page}/{$pages}
summaries-export-choose = Chọn định dạng tệp số liệu {$period}:
summaries-ranking-row = {$rank}/{$total}. {$agency}: {$score} điểm (đúng hạn {$timeliness}%)
summaries-ranking-context = Toàn tỉnh xếp hạng {$total} đơn vị: cao nhất {$top} điểm, trung vị {$median} điểm.
summaries-ranking-top = Dẫn đầu:
summaries-ranking-bottom = Cuối bảng:
summaries-compare-top = Cao nhất:
summaries-compare-bottom = Thấp nhất:
summaries-agency-digest-history = {$count} kỳ gần đây: đúng hạn {$onTime}, trễ hạn {$late}, chưa nộp {$missing}.
summaries-agency-digest-newest = Kỳ mới nhất, {$period}: {$status}.
summaries-agency-digest-texts = Báo cáo {$period} có nội dung: {$labels} (xem Toàn văn).
summaries-chart-ranking-title-ends = Xếp hạng năm {$year}: đầu và cuối bảng ({$count}/{$total} đơn vị)
summaries-trend-incomplete = thiếu {$count} đơn vị
summaries-scope-agency = {$agency}
summaries-scope-subtree = {$agency} và đơn vị trực thuộc
summaries-docx-intro-agency = Thực hiện chế độ báo cáo, {$agency} báo cáo kết quả {$period} như sau:
summaries-docx-completion-agency = {$agency}: {$status}.
summaries-docx-closing-agency = {$agency} kính báo cáo { $orgCoordinator } tổng hợp./.
summaries-col-scope = Phạm vi
# A quarter, half-year or year of a monthly template: the months it adds up, and who misses one.
summaries-coverage-months = Gồm {$months}.
summaries-coverage-range = tháng {$from}–{$to}/{$year}
summaries-coverage-missing = {$count} đơn vị thiếu tháng: {$agencies}.
summaries-coverage-agency = {$agency} ({$months})
summaries-coverage-more = {$agencies} và {$more} đơn vị khác
