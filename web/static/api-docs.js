/* Start Swagger UI on the API reference page, over the URL in #swagger-ui's data-spec-url. */
(function () {
  var target = document.getElementById("swagger-ui");
  if (!target || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({url: target.dataset.specUrl, domNode: target, deepLinking: true});
})();
