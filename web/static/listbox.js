/* Keyboard moves in a list of suggestion buttons, shared by the start field's
   suggestions (start_suggest.js) and the chip multi-selects (chips.js):
   ArrowDown/ArrowUp step through the buttons, ArrowUp on the first goes back to the
   field, Escape closes the list and returns to the field. */
(function () {
  'use strict';
  window.CraftRoute = window.CraftRoute || {};
  window.CraftRoute.listboxKeys = function (list, field, close) {
    list.addEventListener('keydown', function (event) {
      var buttons = Array.prototype.slice.call(list.querySelectorAll('button'));
      var index = buttons.indexOf(document.activeElement);
      if (event.key === 'ArrowDown' && index < buttons.length - 1) {
        buttons[index + 1].focus(); event.preventDefault();
      } else if (event.key === 'ArrowUp') {
        (index > 0 ? buttons[index - 1] : field).focus(); event.preventDefault();
      } else if (event.key === 'Escape') {
        close(); field.focus();
      }
    });
  };
})();
