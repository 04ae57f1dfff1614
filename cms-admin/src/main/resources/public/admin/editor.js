// Warns before leaving the article form with unsaved changes. Works without it too: this only adds
// the browser's "leave page?" question.
(function () {
  var form = document.querySelector('form.article-form');
  if (!form) {
    return;
  }
  var dirty = false;
  form.addEventListener('input', function () { dirty = true; });
  form.addEventListener('change', function () { dirty = true; });
  form.addEventListener('submit', function (event) {
    // Preview opens in another tab and saves nothing: the page still has unsaved changes.
    var submitter = event.submitter;
    if (!submitter || !submitter.hasAttribute('formtarget')) {
      dirty = false;
    }
  });
  window.addEventListener('beforeunload', function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
})();
// Upload an image from the edit page and put its Markdown where the cursor is in the body. The
// upload goes to the media library (CSRF token in a header, as for every multipart form); without
// script the media library link next to the body does the same job by copy and paste.
(function () {
  var box = document.querySelector('.image-insert');
  var body = document.getElementById('body');
  var csrf = document.querySelector('form.article-form input[name=csrf]');
  if (!box || !body || !csrf || !window.fetch || !window.FormData) {
    return;
  }
  var file = document.getElementById('image-file');
  var button = document.getElementById('insert-image');
  var status = box.querySelector('.insert-status');
  box.hidden = false;

  function insertAtCursor(text) {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var before = body.value.slice(0, start);
    var after = body.value.slice(end);
    // The image goes on a paragraph of its own.
    var lead = before === '' || /\n\n$/.test(before) ? '' : (/\n$/.test(before) ? '\n' : '\n\n');
    var tail = after === '' || /^\n\n/.test(after) ? '' : (/^\n/.test(after) ? '\n' : '\n\n');
    body.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    body.setSelectionRange(caret, caret);
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }

  button.addEventListener('click', function () {
    if (!file.files || file.files.length === 0) {
      file.focus();
      file.click();
      return;
    }
    var data = new FormData();
    data.append('file', file.files[0]);
    button.disabled = true;
    status.textContent = box.dataset.uploading;
    fetch('/admin/media', {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf.value }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok || !answer.markdown) {
          throw new Error(answer.error || box.dataset.failed);
        }
        insertAtCursor(answer.markdown);
        file.value = '';
        status.textContent = box.dataset.inserted;
        body.focus();
      });
    }).catch(function (error) {
      status.textContent = error && error.message ? error.message : box.dataset.failed;
    }).then(function () {
      button.disabled = false;
    });
  });
})();
