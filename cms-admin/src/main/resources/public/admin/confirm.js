// Asks before a destructive action in a dialog, instead of the page the server answers without the
// "confirmed" field (which is how it works without script). A form opts in with data-confirm (the
// question), data-confirm-message, data-confirm-button and data-confirm-cancel.
(function () {
  var forms = document.querySelectorAll('form[data-confirm]');
  if (!forms.length || typeof HTMLDialogElement !== 'function') {
    return;
  }
  function ask(form) {
    var dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-dialog-heading');
    var heading = document.createElement('h2');
    heading.id = 'confirm-dialog-heading';
    heading.textContent = form.getAttribute('data-confirm');
    var message = document.createElement('p');
    message.textContent = form.getAttribute('data-confirm-message');
    var yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'danger';
    yes.textContent = form.getAttribute('data-confirm-button');
    var no = document.createElement('button');
    no.type = 'button';
    no.textContent = form.getAttribute('data-confirm-cancel');
    var actions = document.createElement('p');
    actions.className = 'confirm-actions';
    actions.append(yes, no);
    dialog.append(heading, message, actions);
    document.body.append(dialog);
    no.addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () { dialog.remove(); });
    yes.addEventListener('click', function () {
      var field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'confirmed';
      field.value = 'yes';
      form.append(field);
      dialog.close();
      form.submit();
    });
    dialog.showModal();
    // The safe choice has the focus, as in the browser's own dialogs.
    no.focus();
  }
  forms.forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!form.querySelector('input[name=confirmed]')) {
        event.preventDefault();
        ask(form);
      }
    });
  });
})();
