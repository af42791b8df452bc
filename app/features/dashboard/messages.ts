/** The dashboard feature's messages (spread into app/i18n under their own namespaces); en is checked against vi. */
export const vi = {
  dashboard: {
    title: 'Theo dõi nhiệm vụ',
    scopeBody: 'Toàn bộ nhiệm vụ được giao theo các thông báo kết luận.',
    scope_meeting: 'Nhiệm vụ của cuộc họp: {{name}}',
    scope_leader: 'Nhiệm vụ đồng chí {{name}} theo dõi',
    scope_unit: 'Nhiệm vụ của {{name}} (chủ trì hoặc phối hợp)',
    wholeBody: 'Xem toàn bộ',
    total: 'Tổng số {{count}} nhiệm vụ',
    byUnit: 'Theo đơn vị chủ trì',
    tasks: 'Danh sách nhiệm vụ',
    pages: 'Trang',
    previous: '← Trang trước',
    next: 'Trang sau →',
  },
}
