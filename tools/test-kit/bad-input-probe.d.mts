/** How one probed call ended. */
export interface ProbeOutcome {
  name: string;
  label: string;
  kind: "coded" | "return" | "nan" | "bare" | "hang" | "crash";
  code?: string;
  message?: string;
}
export const BAD_ARGUMENTS: Array<[string, () => unknown[]]>;
/** [package, function, label, arguments]: one past a documented limit, to be refused with E_TOO_LARGE. */
export const HUGE_CASES: Array<[string, string, string, () => unknown[]]>;
export function listPackages(root: string): Array<{ name: string; directory: string; entry: string | undefined }>;
export function probePackage(entry: string, timeoutMs?: number, options?: { huge?: boolean }): Promise<ProbeOutcome[]>;
export function isBadOutcome(outcome: ProbeOutcome): boolean;
