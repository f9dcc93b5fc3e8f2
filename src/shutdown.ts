/** On SIGINT or SIGTERM: finish the work in hand, close connections, then exit. */
export function stopCleanlyOnSignal(stop: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().finally(() => process.exit(0));
    });
  }
}
