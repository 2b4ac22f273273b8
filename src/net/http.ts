// Network helpers shared by the grid connectors and the integrations.

/**
 * The body as text, or undefined past `max` bytes: a declared length is checked first, and a
 * body without one is read only up to the limit (a runaway answer never fills the memory).
 */
export async function readBoundedText(response: Response, max: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > max) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
