/** The documents feature's public surface for routes, the API, the realtime server and other features. */
export { ForbiddenError, serveDocumentFile } from './document-file.server'
export { addOpinion, addVersion, createDocument, deleteDocument, distributeDocuments, distributionTiming, documentAccess, documentPresenters, documentsToRead, documentsVisibleTo, getDocument, getNote, listMeetingDocuments, listOpinions, meetingDocumentsCatalogue, meetingReadiness, recordRead, saveNote } from './documents.server'
export { canConvertToPdf, detectOfficeConverter } from './office-convert.server'
export { distributeSchema, documentUploadSchema, documentVersionSchema } from './schemas'
