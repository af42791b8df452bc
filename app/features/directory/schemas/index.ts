/** The directory's form and API schemas, also fetched on their own by forms that validate lazily. */
export * from './auth'
export * from './units'
export * from './users'
