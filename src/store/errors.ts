/** A storage failure with a stable code and, where there is one, what the operator can do. */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message} (${hint})` : message);
    this.name = 'StoreError';
  }
}
