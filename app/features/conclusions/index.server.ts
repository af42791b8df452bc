/** The conclusions feature's public surface for routes, the API, the realtime server and other features. */
export { conclusionDownload, findConclusion } from './access.server'
export { isSafeHref, normaliseTaskAttrs, taskBlocksOf, taskSentence, vnDate, type DocJSON, type TaskBlockAttrs } from './conclusion-doc'
export { MM, PDF_FONTS, centered, conclusionDocx, conclusionPdf, docxPartyHeader, exportFileName, mm, partyDocument, pdfPartyHeader, placeAndDate, run, runsOf, twoColumns, type Run } from './conclusion-export.server'
export { TaskBlocksInvalid, conclusionForExport, getConclusion, getConclusionState, getVersion, issueConclusion, issuedHistory, listVersions, nameLookup, nextNumberFor, recipientUnitsOf, renderConclusionHtml, sanitizeConclusion, saveDraft, startCorrection } from './conclusions.server'
export { allocateDocumentNumber, issuingBodyHeader, listIssuingBodies, peekDocumentNumber, updateIssuingBody } from './numbering.server'
export { canEditConclusion, canIssueConclusion, canReadConclusion, canReadIssuedConclusion } from './permissions.server'
export { conclusionRooms } from './rooms.server'
export type { ConclusionEvents } from './events'
