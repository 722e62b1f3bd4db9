// A kernel panic kills every container at once, as on a real host with one shared kernel. The
// engine's host process survives it: like a crash-dump kernel reading the dead one's memory, it
// keeps its syscalls on the old kernel, so each container's monitor still records the death
// (exit 255, moby's code for a container whose host went down), emits "die", saves the writable
// layer from the old kernel's memory and queues what its restart policy says. Once every run on
// the dead kernel is recorded, the engine boots a fresh kernel through the reboot hook and moves
// onto it; the queued restarts then run there with the usual back-off. Docker has no event for
// a host crash, so the panic only goes to the engine's log.
import type { EngineContext } from './engine-context.js';
import { HostMachine, type BootedMachine } from './host-machine.js';

/** How the engine gets a fresh machine after a panic (boot's bootMachine, same clock, CPUs, memory). */
export type RebootHook = () => Promise<BootedMachine>;

/**
 * The panic handler for `machine` (register it as that kernel's onPanic). It runs inside the
 * panicking syscall, so it only records the panic and starts the reboot in the background.
 */
export function panicHandler(ctx: EngineContext, machine: HostMachine, reboot: RebootHook | undefined): (reason: string) => void {
  return (reason) => {
    if (machine.panicked !== undefined) return;
    machine.panicked = reason;
    const dead = ctx.runs().filter((r) => r.machine === machine);
    ctx.log.error(`kernel panic: ${reason}: ${dead.length} running container(s) killed`);
    if (machine !== ctx.machine) return; // an older machine: the engine has moved on already
    void ctx.rebootWith((async () => {
      await Promise.all(dead.map((r) => r.ended.promise));
      if (!reboot) {
        ctx.log.error('no way to boot a fresh kernel: containers cannot run until the daemon restarts');
        return undefined;
      }
      const booted = await reboot();
      const fresh = new HostMachine(booted.sys, ctx.kernelRoot, machine.boot + 1);
      booted.watchPanic(panicHandler(ctx, fresh, reboot));
      ctx.log.info(`booted a fresh kernel (boot ${fresh.boot}) after the panic`);
      return fresh;
    })().catch((e: unknown) => {
      ctx.log.error('booting a fresh kernel after the panic failed', e);
      return undefined;
    }));
  };
}
