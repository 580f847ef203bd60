/** How one probed call ended. */
export interface ProbeOutcome {
  name: string;
  label: string;
  kind: "coded" | "return" | "nan" | "bare" | "hang";
  code?: string;
  message?: string;
}
export const BAD_ARGUMENTS: Array<[string, () => unknown[]]>;
export function listPackages(root: string): Array<{ name: string; directory: string; entry: string | undefined }>;
export function probePackage(entry: string, timeoutMs?: number): Promise<ProbeOutcome[]>;
