/**
 * What notifications say, per kind (issue 9, issue 14): a notification is stored as its kind and
 * parameters and read in the reader's language. `title` and `body` are i18next templates; a
 * `_context` variant is chosen by the notification's `context` parameter.
 */
export const vi = {
  report: { reminder: { title: '{{report}}: hạn {{date}}', body: 'Số liệu đã sẵn có trong hệ thống; mở báo cáo để kiểm tra và ban hành.' } },
  poll: {
    open: { title: 'Lấy phiếu tín nhiệm: {{title}}', body: 'Phiếu kín: không ai, kể cả máy chủ, biết đồng chí đã chọn gì.' },
    published: { title: 'Công bố kết quả lấy phiếu tín nhiệm: {{title}}' },
  },
  minutes: {
    taker: { title: 'Đồng chí được phân công làm thư ký cuộc họp: {{title}}', body: 'Ghi biên bản trong khi họp; khung biên bản tự điền từ phòng họp.' },
    submitted: { title: 'Biên bản chờ đồng chí duyệt: {{title}}' },
    returned: { title: 'Biên bản được trả lại để hoàn thiện: {{title}}', body: '{{comment}}' },
    approved: { title: 'Biên bản đã được duyệt ({{number}}): {{title}}' },
  },
  auth: {
    failedAttempts: { title: 'Có {{count}} lần đăng nhập sai vào tài khoản của bạn kể từ lần đăng nhập trước', body: 'Lần gần nhất lúc {{at}} từ địa chỉ {{ip}}. Nếu không phải bạn, hãy đổi mật khẩu.' },
  },
  meeting: {
    invitation: { title: 'Giấy mời họp: {{title}}', title_substitute: 'Giấy mời họp (dự thay {{original}}): {{title}}', body: 'Thời gian: {{when}}', body_place: 'Thời gian: {{when}} · Địa điểm: {{place}}' },
    substituteProposed: { title: '{{original}} đề nghị {{substitute}} dự thay: {{title}}', body: 'Người dự thay chỉ xem được cuộc họp và tài liệu sau khi Văn phòng xác nhận.' },
    substituteRefused: { title: 'Văn phòng không nhận người dự thay: {{title}}', body: 'Vui lòng xác nhận lại việc tham dự.' },
    postponed: { title: 'Hoãn cuộc họp: {{title}}', body: 'Lý do: {{reason}}' },
    cancelled: { title: 'Hủy cuộc họp: {{title}}', body: 'Lý do: {{reason}}' },
  },
  conclusion: { issued: { title: 'Thông báo kết luận {{number}}: đơn vị có nhiệm vụ', title_leader: 'Thông báo kết luận {{number}}: nhiệm vụ đồng chí theo dõi', body: '{{summary}}' } },
  document: { newVersion: { title: 'Tài liệu đã có phiên bản mới: {{title}}', body: '{{note}}' } },
  documents: { distributed: { title: 'Tài liệu họp: {{title}}', body: '{{list}}' } },
  task: {
    before: { title: 'Còn {{days}} ngày làm việc đến hạn nhiệm vụ', body: '{{content}} — hạn {{deadline}}' },
    due: { title: 'Hôm nay là hạn hoàn thành nhiệm vụ', body: '{{content}} — hạn {{deadline}}' },
    escalated: { title: 'Nhiệm vụ quá hạn: {{unit}}', body: '{{content}} — hạn {{deadline}}, quá hạn {{days}} ngày' },
    progress: { title: 'Báo cáo tiến độ: {{content}}', body: '{{text}}' },
    obstacle: { title: 'Báo cáo vướng mắc cần cho ý kiến: {{content}}', body: '{{text}}' },
    contribution: { title: 'Ý kiến phối hợp: {{content}}', body: '{{text}}' },
    extension_requested: { title: 'Đề nghị gia hạn chờ quyết định: {{content}}', body: '{{text}}' },
    extension_approved: { title: 'Đồng ý gia hạn: {{content}}', body: '{{text}}' },
    extension_rejected: { title: 'Không đồng ý gia hạn: {{content}}', body: '{{text}}' },
    completion_declared: { title: 'Báo cáo hoàn thành chờ xác nhận: {{content}}', body: '{{text}}' },
    completion_accepted: { title: 'Xác nhận hoàn thành: {{content}}', body: '{{text}}' },
    completion_returned: { title: 'Trả lại báo cáo hoàn thành: {{content}}', body: '{{text}}' },
    lead_reassigned: { title: 'Giao lại đơn vị chủ trì: {{content}}', body: '{{text}}' },
  },
}
