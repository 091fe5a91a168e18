/** A bench's CPU profile of the part it measures (`--profile FILE`), not of its setup. */
/** V8's profiler over the inspector protocol, started and stopped around the part measured. */
export const startProfiler = async () => {
  const {Session} = await import('node:inspector/promises');
  const {writeFileSync} = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', {interval: 100});
  await session.post('Profiler.start');
  return {
    stop: async (file: string) => {
      const {profile} = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
};

