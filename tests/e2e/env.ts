// Ports and origins shared by playwright.config.ts and the specs. Host and app
// are different origins (localhost vs 127.0.0.1), as a host portal and a CDN are.
export const APP_PORT = Number(process.env.E2E_PORT ?? 8181);
export const HOST_PORT = APP_PORT + 1;
export const SUBPATH_PORT = APP_PORT + 2;
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
export const HOST_ORIGIN = `http://localhost:${HOST_PORT}`;
/** Same server as the host, another origin: not allowed to talk to the app. */
export const FOREIGN_ORIGIN = `http://127.0.0.1:${HOST_PORT}`;
export const SUBPATH_ORIGIN = `http://127.0.0.1:${SUBPATH_PORT}`;
export const SUBPATH = '/portal/rewards/';
export const FRAME_ANCESTORS = `'self' ${HOST_ORIGIN}`;
/**
 * A second app server whose programme rules run 30 days after the real date
 * (`--clock-offset-days 30`, a flag only debug builds of the server know), for
 * expiry, "expires soon", unlocking and the four-week rule. Its config.json
 * overrides the support ticket address.
 */
export const CLOCK_PORT = APP_PORT + 3;
export const CLOCK_ORIGIN = `http://127.0.0.1:${CLOCK_PORT}`;
export const CLOCK_OFFSET_DAYS = 30;
export const CLOCK_SUPPORT_TICKET = 'https://support.example.com/marketplace/new-ticket';
