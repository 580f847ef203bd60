/** Where Debian, Ubuntu and macOS put Chromium or Chrome, in the order they are tried after CHROMIUM_PATH. */
export const CHROMIUM_LOCATIONS: string[];
/** CHROMIUM_PATH when it is set, else the first usual location that exists. */
export function findChromium(): string | undefined;
