/** A file that is not a profile we can read (wrong tool, truncated, malformed): the message says which. */
export class ProfileFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProfileFormatError';
  }
}
