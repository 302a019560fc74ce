/**
 * The only script of the plan view, run in the webview under its nonce: clicks on links and buttons become
 * messages to the extension (no inline handlers), the object the plan was opened at is scrolled into view, the
 * extension's word that the plan is out of date is shown above it, and a plan made again of the same subject
 * keeps the place the reader scrolled to (the webview's state outlives its page).
 */
export const VIEW_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-uri],[data-command]') : null;
    if (!target) return;
    event.preventDefault();
    if (target.dataset.uri) {
      vscode.postMessage({ type: 'reveal', uri: target.dataset.uri, line: Number(target.dataset.line), character: Number(target.dataset.character) });
    } else {
      vscode.postMessage({ type: 'command', command: target.dataset.command });
    }
  });
  function focus(key) {
    if (!key) return;
    const element = Array.prototype.find.call(document.querySelectorAll('[data-key]'), function (candidate) { return candidate.dataset.key === key; });
    if (!element) return;
    document.querySelectorAll('.focused').forEach(function (other) { other.classList.remove('focused'); });
    element.classList.add('focused');
    element.scrollIntoView({ block: 'center' });
  }
  function stale(text) {
    let banner = document.querySelector('.stale');
    if (!banner) {
      banner = document.createElement('div');
      banner.className = 'stale';
      banner.setAttribute('role', 'status');
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.textContent = text;
  }
  window.addEventListener('message', function (event) {
    if (!event.data) return;
    if (event.data.type === 'focus') focus(event.data.key);
    else if (event.data.type === 'stale' && typeof event.data.text === 'string') stale(event.data.text);
  });
  const saved = vscode.getState();
  if (document.body.dataset.focus) focus(document.body.dataset.focus);
  else if (saved && saved.title === document.title && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
  window.addEventListener('scroll', function () {
    vscode.setState({ title: document.title, scrollY: window.scrollY });
  }, { passive: true });
})();`;
