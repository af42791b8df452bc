/** The notifications feature's messages (spread into app/i18n under their own namespaces); en is checked against vi. */
export const vi = {
  notifications: { unreadSuffix: 'chưa đọc', title: 'Thông báo', none: 'Không có thông báo nào.', markAllRead: 'Đánh dấu đã đọc tất cả', unread: '{{count}} thông báo chưa đọc', pages: 'Trang thông báo', older: 'Thông báo cũ hơn →', newest: '← Mới nhất' },
  mail: {
    greeting: 'Kính gửi đồng chí {{name}},',
    invitation: 'Giấy mời họp',
    cancelled: 'Thông báo hủy cuộc họp',
    postponed: 'Thông báo hoãn cuộc họp',
    when: 'Thời gian: {{when}}',
    where: 'Địa điểm: {{place}}',
    online: 'Họp trực tuyến: {{url}}',
    chair: 'Chủ trì: {{name}}',
    reason: 'Lý do: {{reason}}',
    answer: 'Chi tiết và xác nhận tham dự: {{url}}',
    details: 'Chi tiết: {{url}}',
  },
}
