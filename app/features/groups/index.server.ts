/** Participant groups' public surface for routes, the API, the meetings model and the seed. */
export { findGroup, getGroup, groupMemberIds, listGroups, saveGroup } from './groups.server'
export { groupFormSchema, type GroupInput } from './schemas'
