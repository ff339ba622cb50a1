/** Where the sandbox answers: a test server mounting it, or a sandbox alone (`url` without `/wechat-sandbox`). */
type SandboxHost = { readonly url: string };

/** Calls a WeChat Pay control of the mounted sandbox and reads its JSON answer. */
async function control(server: SandboxHost, method: 'POST' | 'DELETE', path: string, body?: object): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/wechat-sandbox/pay${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status !== 200) throw new Error(`sandbox control ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return { status: response.status, body: await response.json() };
}

export type RefundOutcomeStatus = 'SUCCESS' | 'ABNORMAL' | 'CLOSED' | 'PROCESSING';
export type PayApiName = 'prepay' | 'query' | 'close' | 'refund' | 'refund-query';
export type PayFault = '500' | 'timeout' | 'garbage' | 'unsigned' | 'refused';

/** How the transaction's refunds end from now on (API.md's `refund-outcome`). */
export function refundOutcome(server: SandboxHost, orderNo: string, status: RefundOutcomeStatus, notify = true) {
  return control(server, 'POST', `/${orderNo}/refund-outcome`, { status, notify });
}

/** The next `times` calls of `api` fail with `fault` (API.md's `faults`). */
export function payFault(server: SandboxHost, api: PayApiName, fault: PayFault, times = 1) {
  return control(server, 'POST', '/faults', { api, fault, times });
}

export function clearPayFaults(server: SandboxHost) {
  return control(server, 'DELETE', '/faults');
}

/** Probes until `accept` holds (at most ~5 s), returning the last value: tests wait for events, not for time. */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i += 1) {
    const value = await probe();
    if (accept(value) || i >= 250) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
