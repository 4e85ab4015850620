import os from 'node:os';

/** What a reader needs to weigh the numbers: the machine and runtime they came from. */
export function machineDetails(): string[] {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    `Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `Node: ${process.version}`,
  ];
}
