/**
 * A text frame as the client holds it. ws hands over each message as a Buffer of its own, which
 * live-transport.ts decodes (`buffer.toString('utf8')`) into a flat string. Frames cut from a
 * recording (`slice`) or built by concatenation (the simulator's encoders, JSON.stringify of a
 * large push) are V8 sliced or cons strings instead, and every character a codec reads of those
 * goes through one more indirection, which JSON.parse pays once: a codec that reads the text
 * itself would be timed, against the floor, on strings it is never given.
 */
export function asReceived(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
