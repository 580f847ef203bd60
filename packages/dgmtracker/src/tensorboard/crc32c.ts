// CRC-32C (Castagnoli), the checksum TFRecord framing uses. Written here because Node's zlib.crc32 and the browsers
// offer only CRC-32 (IEEE), a different polynomial; a 256-entry table is the whole algorithm.
const POLYNOMIAL = 0x82f63b78; // 0x1EDC6F41 bit-reversed
// Pure, so a bundle that never reads event files drops the table.
const TABLE = /* @__PURE__ */ crcTable();

function crcTable(): Uint32Array {
  return new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    return c;
  });
}

/** CRC-32C of `bytes` (RFC 3720's check value: "123456789" → 0xe3069283). */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 and add a constant, so a CRC stored in data does not checksum to itself. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
