// Starts Swagger UI on /docs; kept in a file because the pages allow no inline script.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: node.dataset.spec, dom_id: "#swagger-ui", deepLinking: true });
});
