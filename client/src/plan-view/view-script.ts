/**
 * The only script of the plan view, run in the webview under its nonce: clicks on links and buttons become
 * messages to the extension (no inline handlers), and the object the plan was opened at is scrolled into view.
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
  window.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'focus') focus(event.data.key);
  });
  focus(document.body.dataset.focus);
})();`;
