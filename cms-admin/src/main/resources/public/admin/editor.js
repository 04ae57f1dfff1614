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
