/**
 * The text of something thrown, for a message a person reads: an Error's message, or the value
 * itself. A worker's rejection reaches the page as a plain Error, a failed IndexedDB request as a
 * DOMException (an Error too), a library may throw a string: every layer words them the same way.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
