/* The producer's stock list (workspace/dashboard/stock_list.html). */
(function () {
  "use strict";
  // Each row's inputs belong to the row's own form (HTML "form" attribute).
  document.querySelectorAll("#stock-records tr[id^='sr-']").forEach(function (row) {
      var formId = "stock-form-" + row.id.slice(3);
      row.querySelectorAll("input").forEach(function (input) { input.setAttribute("form", formId); });
  });
})();
