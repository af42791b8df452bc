/** What the Express server passes to every loader and action (server/app.ts, getLoadContext). */
export type NghisuLoadContext = {
  /** The client's address (Express `req.ip`, which honours TRUST_PROXY). */
  ip: string
  /** The Content-Security-Policy nonce of this response (page requests in production). */
  cspNonce?: string
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends NghisuLoadContext {}
}
