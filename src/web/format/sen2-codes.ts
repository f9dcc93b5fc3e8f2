/** A SEN2 code as the pages show it: its label, then the code the return carries, "Autism (ASD)". */
export const codeText = (labels: Record<string, string>, code: string): string => `${labels[code] ?? code} (${code})`;

/** A held code as text, or `none` when it is not held. */
export const codeOrNone = (labels: Record<string, string>, code: string | null, none: string): string => (code === null ? none : codeText(labels, code));

/** The options of a select or radios for a code list, led by an empty choice worded `none` when one is given. */
export function codeOptions(codes: readonly string[], labels: Record<string, string>, none?: string): { value: string; text: string }[] {
  const options = codes.map((code) => ({ value: code, text: codeText(labels, code) }));
  return none === undefined ? options : [{ value: '', text: none }, ...options];
}
