/* Page actions without inline handlers (the Content-Security-Policy allows no inline event
   code): buttons with data-action="print" print the page, links with data-action="back" go
   back, and forms with data-confirm ask before they are sent. */
(function () {
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!target) { return; }
    if (target.dataset.action === "print") { window.print(); }
    if (target.dataset.action === "back") { event.preventDefault(); window.history.back(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
  });
})();
