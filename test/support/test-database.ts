/** Tests truncate what they touch, so a database whose name lacks "test" must never reach them. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
}
