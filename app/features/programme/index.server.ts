/** The programme feature's public surface for routes, the API, the realtime server and other features. */
export { exportProgrammeSheet, importProgrammeSheet } from './programme-sheet.server'
export { createProgramme, createProgrammeItem, followMeeting, getProgramme, getProgrammeItem, listProgrammeItems, listProgrammes, moveItem, schedulableItems, setItemStatus, updateProgrammeItem } from './programme.server'
