/** Whether a running bot says it is ready (/readyz 200) on any of these ports: METRICS_PORT, or PORT beside Slack's endpoint. */
export async function botIsReady(...ports: number[]): Promise<boolean> {
  for (const port of ports) {
    if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200) return true;
  }
  return false;
}
