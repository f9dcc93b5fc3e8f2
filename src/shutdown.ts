/** On SIGINT or SIGTERM: finish the work in hand, close connections, then exit. */
export function stopCleanlyOnSignal(stop: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // The embedded PostgreSQL package stops its server on the same signal (its own exit hook),
      // so a connection it cuts while the queue workers close is expected now, not a crash.
      process.on('uncaughtException', (error) => process.stderr.write(`While stopping: ${error.message}\n`));
      stop().finally(() => process.exit(0));
    });
  }
}
