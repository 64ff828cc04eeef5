// A request body of `totalBytes` produced chunk by chunk on demand, counting what the reader pulled:
// proves that a body reader stopped at its limit instead of reading everything.
export function countingStream(totalBytes: number, chunkBytes = 16 * 1024): { body: ReadableStream<Uint8Array>; pulled: () => number; chunkBytes: number } {
  let pulled = 0;
  const chunk = new Uint8Array(chunkBytes).fill(120);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled, chunkBytes };
}
