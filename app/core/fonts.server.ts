import { createRequire } from 'node:module'
import path from 'node:path'

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'))

/** Tinos: metric-compatible with Times New Roman, with every Vietnamese glyph, free to ship (PDFs, watermarks). */
export const TINOS = {
  regular: path.join(fontDir, '400Regular/Tinos_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold/Tinos_700Bold.ttf'),
  italic: path.join(fontDir, '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: path.join(fontDir, '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
}
