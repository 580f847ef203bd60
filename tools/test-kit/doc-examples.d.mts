/** One ```ts fence of a Markdown file. */
export interface DocExample {
  file: string;
  line: number;
  code: string;
  fragment: boolean;
}
export function markdownFiles(root: string): string[];
export function examplesOf(root: string, file: string): DocExample[];
export function withValueChecks(example: DocExample): string;
export function differenceFromStated(actual: unknown, expected: unknown, path?: string): string | undefined;
export function parseStated(source: string): unknown;
