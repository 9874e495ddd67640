/**
 * One line per topology measurement (call setup, packets each side saw), printed so CI logs show
 * SipKit and JsSIP side by side on the same topology.
 */
export function recordTopologyResult(
  scenario: string,
  library: string,
  what: string,
  numbers: Readonly<Record<string, unknown>>,
): void {
  console.log(`topology ${scenario} | ${library} | ${what} | ${JSON.stringify(numbers)}`);
}
