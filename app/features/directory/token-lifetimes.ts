/** How long a personal API token may be valid, in days (chosen at creation; 90 by default). Vocabulary without zod, for the page's select. */
export const TOKEN_LIFETIMES_DAYS = [30, 90, 180, 365] as const
