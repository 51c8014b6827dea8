/**
 * Errors a user can cause. Each has a stable code, names the offending value and says what to do;
 * main.ts prints the message on one line and exits with `exitCode`. Anything else is a bug.
 */

export type UsageErrorCode =
  | 'unknown-exchange'
  | 'bad-symbol'
  | 'bad-number'
  | 'bad-faults'
  | 'not-a-terminal'
  | 'bad-option'
  | 'bad-key'
  | 'bad-log-file'
  | 'unknown-command'
  | 'bad-recording'
  | 'bad-endpoint';

export class UsageError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
