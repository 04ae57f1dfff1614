// Media library: a copy button next to each Markdown snippet. Without script the snippet is still
// a read-only field to select and copy by hand.
(function () {
  var table = document.querySelector('.media-list');
  if (!table) {
    return;
  }
  table.querySelectorAll('input.snippet').forEach(function (input) {
    input.addEventListener('focus', function () { input.select(); });
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = table.dataset.copy;
    button.addEventListener('click', function () {
      input.select();
      var done = function () { button.textContent = table.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
      } else {
        document.execCommand('copy');
        done();
      }
    });
    input.insertAdjacentElement('afterend', button);
  });
})();
