// Starts Swagger UI on /api/v1/docs (no inline script: the CSP allows only this site's files).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var csrf = root.dataset.csrfToken;
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // A logged-in member trying writes from the docs page: the session needs CSRF.
    requestInterceptor: function (req) {
      if (csrf && !req.headers.Authorization) {
        req.headers["X-CSRFToken"] = csrf;
      }
      return req;
    },
  });
})();
