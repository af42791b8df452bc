import fs from 'node:fs'
import { degrees, PDFDocument, rgb } from '@pdfme/pdf-lib'
import * as fontkit from 'fontkit'
import { TINOS } from '~/core/fonts.server'

const FONT = TINOS.bold
let fontBytes: Buffer | undefined

/**
 * Stamps every page of a restricted PDF with who is viewing it and when (diagonal, light grey),
 * in a font with every Vietnamese glyph. The PDF is loaded whole to be rewritten: restricted
 * documents are read one at a time, and the size limit bounds them.
 */
export async function watermarkPdf(bytes: Uint8Array, lines: string[]) {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true })
  pdf.registerFontkit(fontkit as never)
  fontBytes ??= fs.readFileSync(FONT)
  const font = await pdf.embedFont(fontBytes, { subset: true })
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize()
    const size = Math.max(12, Math.min(width, height) / 22)
    lines.forEach((line, i) => {
      const textWidth = font.widthOfTextAtSize(line, size)
      page.drawText(line, {
        x: width / 2 - (textWidth / 2) * Math.cos(Math.PI / 4) + i * size * 1.6,
        y: height / 2 - (textWidth / 2) * Math.sin(Math.PI / 4) - i * size * 1.6,
        size,
        font,
        color: rgb(0.55, 0.1, 0.1),
        opacity: 0.22,
        rotate: degrees(45),
      })
    })
  }
  return pdf.save()
}
