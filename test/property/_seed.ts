import fc from 'fast-check';

/**
 * One seed for every property test of a run: fixed in CI so a landing is reproducible, random
 * elsewhere so local runs keep exploring; either way printed, and `EMPREINTE_PROPERTY_SEED` replays it.
 */
export const PROPERTY_SEED = Number(
  process.env.EMPREINTE_PROPERTY_SEED ?? (process.env.CI ? 20_261_126 : Date.now() % 2 ** 31),
);
fc.configureGlobal({ seed: PROPERTY_SEED });
process.stdout.write(`# property seed ${PROPERTY_SEED} (EMPREINTE_PROPERTY_SEED to replay)\n`);
