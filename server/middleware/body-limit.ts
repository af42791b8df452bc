import type { NextFunction, Request, Response } from 'express'

const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Bounds every request body before anything reads it: a form or JSON body may declare at most
 * `formBytes`, a multipart upload at most `uploadBytes` (busboy also bounds each file and field
 * while streaming). Too large is answered 413 at once, from the declared length, without reading
 * the body; a body of unknown length that is not an upload is refused (411), so nothing buffers
 * an unbounded stream. Node stops a client from sending more than it declared.
 */
export function bodyLimit(options: { formBytes: number; uploadBytes: number }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (NO_BODY.has(req.method)) return next()
    const multipart = (req.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
    const declared = req.get('content-length')
    const refuse = (status: 411 | 413, code: string, message: string) => {
      // The unread body is not waited for: the connection closes after the answer.
      res.set('Connection', 'close')
      if (req.path.startsWith('/api/')) res.status(status).json({ error: { code, message } })
      else res.status(status).type('text/plain; charset=utf-8').send(message)
    }
    if (declared === undefined) {
      if (req.get('transfer-encoding') && !multipart) return refuse(411, 'length_required', 'Yêu cầu phải ghi rõ độ dài nội dung (Content-Length).')
      return next()
    }
    const bytes = Number(declared)
    const limit = multipart ? options.uploadBytes : options.formBytes
    if (!Number.isSafeInteger(bytes) || bytes > limit) return refuse(413, 'payload_too_large', multipart ? 'Tệp hoặc biểu mẫu gửi lên quá lớn.' : 'Dữ liệu gửi lên quá lớn.')
    next()
  }
}
