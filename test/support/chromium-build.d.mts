export interface ChromiumBuild {
  executable: string;
  /** The environment it runs with: the shared libraries it ships (NSS), so the machine needs none. */
  env: Record<string, string>;
}

export function chromiumBuild(): Promise<ChromiumBuild>;
