/** On SIGINT or SIGTERM: finish the work in hand, close connections, then exit. */
export function stopCleanlyOnSignal(stop: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // Once stopping, a connection cut under a closing client (a queue worker, say, while the
      // external database restarts or the embedded one stops after it) is expected, not a crash.
      process.on('uncaughtException', (error) => process.stderr.write(`While stopping: ${error.message}\n`));
      stop().finally(() => process.exit(0));
    });
  }
}
