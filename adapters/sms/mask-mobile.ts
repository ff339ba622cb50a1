/** `138****8000`: enough to tell numbers apart in a log, not enough to reach anyone. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}
