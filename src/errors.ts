/**
 * An error caused by what a user typed or configured: it carries a stable code, a message that says
 * what is wrong, and a hint that says what to do. Shown to users as is; never a stack trace.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
