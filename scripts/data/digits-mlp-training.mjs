// Reads the recorded training of the digits MLP (data/training/digits-mlp.json + .f32, written by
// packages/blue-noise/scripts/record-digits-training.mjs) into series blocks. The caller loads the two files (Node
// reads them, the browser imports them) and passes the header and the bytes.

/**
 * @param header - the parsed digits-mlp.json
 * @param bytes - the contents of digits-mlp.f32 (an ArrayBuffer or a Node Buffer)
 * @returns { weights, activations, loss } — each { values: Float32Array, count, length }
 */
export function trainingSeries(header, bytes) {
  const buffer = bytes instanceof ArrayBuffer ? bytes : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const all = new Float32Array(buffer);
  const block = (name) => {
    const b = header.blocks.find((entry) => entry.name === name);
    return { values: all.slice(b.offset, b.offset + b.count * header.steps), count: b.count, length: header.steps };
  };
  return { weights: block("weights"), activations: block("activations"), loss: block("loss") };
}
