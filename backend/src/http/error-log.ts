// A 500 is a bug an operator must be able to find: the error's class, SQLSTATE, message and stack.
// Nothing else leaves in a log line. A database error's detail, hint and where quote row values,
// and postgres.js keeps the query and its parameters on the error: what a user sent stays out.

/** The error as a log line names it: its code when it has one, then its stack (class and message first). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}, not an Error`
  const code = (error as { code?: unknown }).code
  const prefix = typeof code === 'string' || typeof code === 'number' ? `[${code}] ` : ''
  return `${prefix}${error.stack ?? `${error.name}: ${error.message}`}`
}

/** The error's code (SQLSTATE, postgres.js or Node) for a one-line log, or its class name. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' || typeof code === 'number') return String(code)
  return error instanceof Error ? error.name : typeof error
}
