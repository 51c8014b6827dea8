/**
 * The environment a bench that draws needs before React or Ink is first imported (both read it
 * then): production React, as the depthmux binary runs it, and no CI flag (Ink in "CI" mode
 * draws only the last frame).
 */
export function prepareDrawingEnv(): void {
  process.env['NODE_ENV'] ??= 'production';
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
}
