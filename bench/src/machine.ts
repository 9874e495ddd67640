import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** What the numbers were measured on; benchmark results mean nothing without it. */
export interface Machine {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  /** 1-minute load average when the run started: other work on the machine skews the numbers. */
  readonly load: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    node: process.version,
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    load: loadavg()[0] ?? 0,
  };
}

export function machineLine(machine: Machine): string {
  return `Node ${machine.node}, ${machine.cpu} (${machine.cores} cores), ${machine.memoryGiB} GiB RAM, ${machine.os}, load average ${machine.load.toFixed(2)} at start`;
}

/** "2026-11-24 18:40 UTC": minutes are enough to tell runs apart, and UTC keeps them comparable. */
export function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
