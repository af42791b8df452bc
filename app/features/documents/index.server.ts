/** The documents feature's public surface for routes, the API, the realtime server and other features. */
export { serveDocumentFile } from './document-file.server'
export { addOpinion, addVersion, createDocument, deleteDocument, distributeDocuments, distributionTiming, documentAccess, findDocument, documentPresenters, documentsToRead, documentsVisibleTo, getDocument, getNote, listMeetingDocuments, listOpinions, meetingDocumentsCatalogue, meetingReadiness, recordRead, saveNote } from './documents.server'
export { canConvertToPdf, detectOfficeConverter } from './office-convert.server'
export { distributeSchema, documentUploadSchema, documentVersionSchema } from './schemas'
export { canAddDocumentVersion, canGiveOpinion, canListMeetingDocuments, canOpenDocument, canReadOpinions, canSeeReadiness, canUploadDocuments } from './permissions.server'
export { documentRooms } from './rooms.server'
export type { DocumentEvents } from './events'
