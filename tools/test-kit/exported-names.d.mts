/** The runtime names a built package exports under `import` and under `require`, each sorted. */
export function exportedNames(packageDirectory: string, packageName: string): { esm: string[]; cjs: string[] };
