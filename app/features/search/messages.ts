/** The search feature's messages (spread into app/i18n under their own namespaces); en is checked against vi. */
export const vi = {
  search: {
    title: 'Tìm kiếm',
    label: 'Tìm cuộc họp, tài liệu, kết luận, nhiệm vụ',
    short: 'Tìm kiếm',
    hint: 'Gõ không dấu cũng được: “duc” tìm thấy “Đức”.',
    kind: 'Loại',
    kinds: { meeting: 'Cuộc họp', document: 'Tài liệu', conclusion: 'Kết luận', task: 'Nhiệm vụ' },
    results: 'Kết quả tìm kiếm',
    count: '{{count}} kết quả.',
    countMore: '{{count}} kết quả đầu tiên; thu hẹp từ khóa để thấy thêm.',
    none: 'Không tìm thấy gì khớp với “{{q}}” trong những gì bạn được xem.',
  },
}
