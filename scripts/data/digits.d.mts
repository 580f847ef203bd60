/** The vendored UCI digits: 64 pixel values (0–16) per digit, and its label 0–9. */
export function readDigits(): { pixels: number[][]; labels: number[] };
