/** The documents feature's public surface for the browser side of routes and other features. */
export { UploadForm } from './components/document-upload'
export { PdfViewer } from './components/pdf-viewer'
export { distributeSchema, documentUploadSchema, documentVersionSchema, noteSchema, opinionSchema } from './schemas'
