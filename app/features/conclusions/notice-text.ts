/**
 * The fixed wording of a Party document's layout (Hướng dẫn 36-HD/VPTW), the same in the page,
 * the DOCX and the PDF: the notice, and the minutes and reports that borrow its head.
 */
export const NOTICE_TEXT = {
  /** The line at the head of every Party document, top right. */
  party: 'ĐẢNG CỘNG SẢN VIỆT NAM',
  conclusionKind: 'THÔNG BÁO KẾT LUẬN',
  recipients: 'Nơi nhận:',
  /** The file copy every notice lists last among its recipients. */
  keptAtOffice: 'Lưu Văn phòng',
  onBehalfOfStandingCommittee: 'T/M BAN THƯỜNG VỤ',
} as const

/** The number line of a document not yet numbered: `Số    -TB/TU`. */
export function blankNumber(symbol: 'TB/TU' | 'BB/TU' | 'BC/VPTU') {
  return `Số    -${symbol}`
}

/** Nơi nhận as a notice lists it: the recipients, then the Office's file copy. */
export function noticeRecipients(recipients: readonly string[]) {
  return [...recipients, NOTICE_TEXT.keptAtOffice]
}
