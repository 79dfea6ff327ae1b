// The demo host's side of the rewards-embed protocol (docs/embedding.md).
const PROTOCOL = 'rewards-embed';
const VERSION = 1;

const $ = (id) => document.getElementById(id);
const frame = $('app');
const { appUrl } = await (await fetch('/host-config.json')).json();
const appOrigin = new URL(appUrl).origin;
let token = null;
let email = null;

/// Every message, newest last; tokens are never shown or kept.
const log = [];
window.rewardsHost = { log, appOrigin, send: (message) => send(message) };

function record(direction, message) {
  const safe = { ...message };
  if ('token' in safe) safe.token = '[redacted]';
  log.push({ direction, at: Date.now(), message: safe });
  const item = document.createElement('li');
  item.className = direction;
  item.textContent = `${direction === 'in' ? 'app → host' : 'host → app'} ${JSON.stringify(safe)}`;
  $('log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function send(message) {
  if (frame.hidden) return; // the app is not loaded yet; init will carry the choice
  const envelope = { protocol: PROTOCOL, version: VERSION, ...message };
  record('out', envelope);
  frame.contentWindow.postMessage(envelope, appOrigin);
}

async function fetchToken() {
  const response = await fetch('/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new Error('the host could not sign in');
  return (await response.json()).token;
}

window.addEventListener('message', async (event) => {
  if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.protocol !== PROTOCOL) return;
  record('in', message);
  switch (message.type) {
    case 'ready':
      send({ type: 'init', token, locale: $('locale').value, theme: $('theme').value, route: $('start-route').value || undefined });
      break;
    case 'resize':
      frame.style.height = `${message.height}px`;
      $('frame-height').textContent = `${message.height}px`;
      break;
    case 'navigate':
      $('current-route').textContent = message.route;
      break;
    case 'token-expired':
      token = await fetchToken();
      send({ type: 'token', token });
      break;
    case 'error':
      $('app-error').hidden = false;
      $('app-error').textContent = `The app reported an error (${message.code}).`;
      break;
  }
});

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  email = $('user').value;
  token = await fetchToken();
  frame.hidden = false;
  frame.src = appUrl;
});
$('locale').addEventListener('change', () => send({ type: 'set-locale', locale: $('locale').value }));
$('theme').addEventListener('change', () => send({ type: 'set-theme', theme: $('theme').value }));
$('navigate').addEventListener('click', () => send({ type: 'navigate', route: $('route').value }));
$('revoke').addEventListener('click', async () => {
  // Ends the session server-side; the app's next request gets a 401 and asks for a new token.
  await fetch('/revoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
});
