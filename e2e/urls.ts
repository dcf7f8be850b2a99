// One source for where the apps listen, shared by the Playwright config and the specs.
const webPort = Number(process.env.WEB_PORT ?? 3000);
const petsPort = Number(process.env.PETS_PORT ?? 3001);

export const web = { port: webPort, url: process.env.WEB_URL ?? `http://localhost:${webPort}` };
export const pets = { port: petsPort, url: process.env.PETS_URL ?? `http://localhost:${petsPort}` };

/** How many instances of each app run behind HAProxy (scripts/app-instances.ts): E2E_INSTANCES, default 2. */
export const instances = Number(process.env.E2E_INSTANCES ?? 2);
