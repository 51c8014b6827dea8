/**
 * The environment a bench that draws needs before React or Ink is first imported (both read it
 * then): production React, as the depthmux binary runs it; no CI flag (Ink in "CI" mode draws
 * only the last frame); and colours, as in the user's terminal — chalk looks at the bench's own
 * stdout, a pipe or a file whenever its output is kept, and would otherwise draw every frame
 * without a single escape sequence.
 */
export function prepareDrawingEnv(): void {
  process.env['NODE_ENV'] ??= 'production';
  process.env['FORCE_COLOR'] ??= '3';
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
}
