/**
 * A Dispatcher reachable beyond this machine answers 401 until the browser holds its access token. The user is
 * asked once; the token goes to the server once as `?token=`, which answers with its cookie, and the page reloads
 * so that every request and the socket carry it.
 */
let asking: Promise<void> | undefined;

export function askForAccessToken(): Promise<void> {
  asking ??= (async () => {
    const token = window.prompt('This Sluice server needs its access token (printed where the server was started):');
    if (token === null || token.trim() === '') return;
    const response = await fetch(`/taskmanagers?token=${encodeURIComponent(token.trim())}`, {
      headers: { accept: 'application/json' },
    });
    if (response.ok) window.location.reload();
    // A wrong token: ask again on the next 401.
    else asking = undefined;
  })();
  return asking;
}
