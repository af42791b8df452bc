/** The conclusions feature's public surface for the browser side of routes and other features. */
export { ConclusionEditor } from './components/conclusion-editor'
export { baseExtensions, openingSentence, type DocJSON, type TaskBlockProblem } from './conclusion-doc'
export { correctionSchema, issueFormSchema } from './schemas'
export { NOTICE_TEXT, noticeRecipients } from './notice-text'
